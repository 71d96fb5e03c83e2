/* buf.h: a growable byte buffer (raw bytes: CSV, JSON, files, the response
 * body). HTML is written into its own type, html (core/html.h), which these
 * raw writers do not accept. */
#ifndef LW_BUF_H
#define LW_BUF_H
#include <stddef.h>
#include <stdarg.h>

typedef struct buf {
	char *p;
	size_t len, cap;
} buf;

#define BUF_INIT {0}
void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *data, size_t n);
void buf_putc(buf *b, char c);
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(buf *b);                /* NUL-terminated view, never NULL */
char *buf_detach(buf *b, size_t *len);       /* caller frees */
void buf_reset(buf *b);
void buf_free(buf *b);

/* Other formats. */
void url_encode(buf *b, const char *s);      /* RFC 3986 unreserved kept */
#endif
