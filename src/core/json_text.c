/* json_text.c: see json_text.h. */
#include "json_text.h"
#include "text.h"

json_t *json_text(const char *s)
{
	arena a = {0};
	json_t *j = json_string(text_clean(&a, s ? s : ""));
	arena_free(&a);
	return j;
}
