/* buf.h: a growable byte buffer and the escaping formatters that write into it.
 *
 * HTML is escaped by construction: html() takes string literals only (the
 * macro pastes "" around its argument, so a char * variable does not compile),
 * and every runtime string goes through html_txt() or the %s of H(), which
 * escape it. Raw runtime bytes may only be added to a page as a buf that was
 * itself built with these functions (%B).
 */
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
void buf_puts(buf *b, const char *s);       /* raw: not for HTML */
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(buf *b);                /* NUL-terminated view, never NULL */
char *buf_detach(buf *b, size_t *len);       /* caller frees */
void buf_reset(buf *b);
void buf_free(buf *b);

/* HTML output. */
#define html(b, lit) buf_append((b), "" lit "", sizeof(lit) - 1)
void html_txt(buf *b, const char *s);        /* text or attribute value, escaped */
void html_txtn(buf *b, const char *s, size_t n);
void html_int(buf *b, long long v);
void html_url(buf *b, const char *s);        /* percent-encoded URL component */
void html_paragraphs(buf *b, const char *s); /* escaped, blank lines make <p> */
/* H(b, "<a href=\"/u/%d\">%s</a>", id, name): the format must be a literal.
 * %s escaped text (NULL prints nothing), %d int, %D long long,
 * %u percent-encoded component, %B buf * already built as HTML, %% a percent. */
#define H(b, fmt, ...) html_fmt((b), "" fmt "", ##__VA_ARGS__)
/* HTML_FORMAT(fmt, first) marks a function taking an H() format as argument
 * fmt and its values from argument first on: tools/htmlcheck (make lint)
 * checks every call of it, and of any macro passing it "" fmt "", as it
 * checks H() (a literal format, one argument of the right type for each
 * conversion). gcc's format attribute cannot: %u, %B and %D mean other things
 * to printf. */
#define HTML_FORMAT(fmt, first)
void html_fmt(buf *b, const char *fmt, ...) HTML_FORMAT(2, 3);
void html_vfmt(buf *b, const char *fmt, va_list ap);

/* Other formats. */
void url_encode(buf *b, const char *s);      /* RFC 3986 unreserved kept */
#endif
