/* json_text.h: stored text as a JSON string through jansson. json_string()
 * answers NULL for bytes that are not UTF-8, and json_object_set_new() then
 * drops the field without a word; every JSON writer goes through json_text,
 * which writes the text as text_clean() mends it. */
#ifndef LW_JSON_TEXT_H
#define LW_JSON_TEXT_H
#include <jansson.h>

json_t *json_text(const char *s);   /* "" for NULL */
#endif
