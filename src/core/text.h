/* text.h: UTF-8 checks, strict percent-decoding and number parsing for outside input. */
#ifndef LW_TEXT_H
#define LW_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"

bool utf8_valid(const char *s, size_t n);
size_t utf8_chars(const char *s);            /* characters, for length limits */

/* ---- text we store and write: the one check and the one cleaning ----
 * Every input path (form fields, import cells with their OOXML _xHHHH_
 * escapes, the JSON API) refuses text that text_refusal names; every writer
 * (XLSX, DOCX, ICS, JSON, HTML) writes stored text through text_clean, the
 * last line of defence for data stored before the check. */

/* The character at s[0..n), n > 0: the bytes it takes (at least 1) and its
 * code point in *cp, or UTF8_BAD in *cp for a byte that starts no valid
 * UTF-8 character (overlong, surrogate, past U+10FFFF, cut short). */
#define UTF8_BAD 0xFFFFFFFFu
size_t utf8_decode(const char *s, size_t n, unsigned *cp);
/* XML 1.0's Char: tab, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD, U+10000..U+10FFFF.
 * Anything else cannot appear in an XLSX, DOCX or any XML file at all. */
bool xml_char(unsigned cp);
/* Why s cannot be stored as a field's text, as a Chinese phrase to follow
 * the field's name ("含有不可见的控制字符"), or NULL when it can: it must be
 * UTF-8, hold only characters XML can hold, and no control character but a
 * tab (and line breaks when multiline); DEL is refused too. */
const char *text_refusal(const char *s, bool multiline);
/* s as every writer may write it: each byte that is not UTF-8 becomes U+FFFD
 * and each character XML cannot hold (controls but tab, LF and CR, U+FFFE,
 * U+FFFF) is left out. s itself when it is clean already; "" for NULL. */
const char *text_clean(arena *a, const char *s);
/* Spreadsheet cells that a spreadsheet cannot run: a cell that starts with
 * = + - @ (or a tab or carriage return) is read as a formula by Excel, WPS and
 * LibreOffice. The writers (out/cells.h) put an apostrophe in front of such a
 * text; the import reader (in/) takes it off again. Here, below both, so that
 * the two sides share one rule. */
bool cell_is_risky(const char *s);
/* Undoes cell_text on import: "'=x" -> "=x"; anything else unchanged. */
const char *cell_untext(const char *s);
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

/* s split on any of the nseps separators, each part trimmed, empty parts
 * left out; returns how many, the parts in *out. */
int str_split_any(arena *a, const char *s, const char *const *seps, size_t nseps, const char ***out);

/* ---- cells of several names: hosts, co-hosts, audiences ----
 * "东湖区卫健委;东湖区社区教育学院" names two; names are split on ；; 、 , ，,
 * trimmed, and each kept once, in the order first met. */
typedef struct name_set {
	const char **v;
	int n, cap;
} name_set;
/* Adds name as it is (not split), unless there; true when added. */
bool name_set_put(name_set *s, arena *a, const char *name);
/* Adds each name of cell not in the set yet; returns how many were new. */
int name_set_add(name_set *s, arena *a, const char *cell);
bool name_set_has(const name_set *s, const char *name);
/* The names joined by 、 ("" for none). */
char *name_set_join(const name_set *s, arena *a);
#endif
