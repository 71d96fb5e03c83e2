/* text.h: UTF-8 checks, strict percent-decoding and number parsing for outside input. */
#ifndef LW_TEXT_H
#define LW_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"

bool utf8_valid(const char *s, size_t n);
size_t utf8_chars(const char *s);            /* characters, for length limits */
bool utf8_has_control(const char *s, bool allow_newlines);
/* Percent-decodes s[0..n) ('+' is a space when plus_space); NULL on a malformed
 * escape. The result is NUL-terminated; *outn gets its length. */
char *pct_decode(arena *a, const char *s, size_t n, bool plus_space, size_t *outn);
bool parse_int64(const char *s, long long min, long long max, long long *out);
char *str_trim(char *s);                     /* in place: ASCII and full-width spaces */
/* An uploaded file's name as it may be stored, shown and sent back: the last
 * path component, without control characters and without the invisible
 * format characters that change how a name reads (a right-to-left override
 * turns "x\u202Efdp.exe" into what looks like "xexe.pdf"), with < > : " | ? *
 * as _, trimmed, and at most FILE_NAME_MAX characters (a longer stem is cut,
 * the extension kept). "" when nothing is left. name must be valid UTF-8. */
#define FILE_NAME_MAX 120
char *file_name_clean(arena *a, const char *name);
#endif
