/* html.h: HTML as its own type.
 *
 * An html is a buf that only the functions below write: html() takes string
 * literals only (the macro pastes "" around its argument, so a char * variable
 * does not compile), every runtime string goes through html_txt() or the %s of
 * H(), which escape it, and a fragment is added to a page only as an html *
 * (%B). The raw buf_* writers do not accept an html *, so a runtime string can
 * reach a page only escaped. There is no function that turns a char * into
 * html unescaped.
 *
 * The response body stays a buf (it also carries CSV, JSON and files); a page
 * writes it through resp_html(w) (web/http.h): struct html's only member is
 * the buf, so a pointer to the buf converted to html * points to the html.
 */
#ifndef LW_HTML_H
#define LW_HTML_H
#include "core/arena.h"
#include "core/buf.h"

typedef struct html {
	buf b;
} html;

#define HTML_INIT {BUF_INIT}
const char *html_cstr(html *h);              /* NUL-terminated view, never NULL */
size_t html_len(const html *h);
void html_reset(html *h);
void html_free(html *h);
/* A read-only copy of h whose bytes live in the arena (a fragment kept past
 * the function that built it, e.g. a page's lead); h is freed. */
const html *html_keep(arena *a, html *h);

#define html(h, lit) buf_append(&(h)->b, "" lit "", sizeof(lit) - 1)
void html_txt(html *h, const char *s);       /* text or attribute value, escaped */
void html_txtn(html *h, const char *s, size_t n);
void html_int(html *h, long long v);
void html_url(html *h, const char *s);       /* percent-encoded URL component */
void html_paragraphs(html *h, const char *s); /* escaped, blank lines make <p> */
/* H(h, "<a href=\"/u/%d\">%s</a>", id, name): the format must be a literal.
 * %s escaped text (NULL prints nothing), %d int, %D long long,
 * %u percent-encoded component, %B an html * (a fragment built with these
 * functions; NULL prints nothing), %% a percent. */
#define H(h, fmt, ...) html_fmt((h), "" fmt "", ##__VA_ARGS__)
/* HTML_FORMAT(fmt, first) marks a function taking an H() format as argument
 * fmt and its values from argument first on: tools/htmlcheck (make lint)
 * checks every call of it, and of any macro passing it "" fmt "", as it
 * checks H() (a literal format, one argument of the right type for each
 * conversion). gcc's format attribute cannot: %u, %B and %D mean other things
 * to printf. */
#define HTML_FORMAT(fmt, first)
/* HTML_VFORMAT(fmt) marks a function taking a format as argument fmt and a
 * va_list after it (html_vfmt, or a helper formatting its caller's values):
 * it may be called only inside a function marked HTML_FORMAT or
 * HTML_VFORMAT, whose own callers are checked. */
#define HTML_VFORMAT(fmt)
void html_fmt(html *h, const char *fmt, ...) HTML_FORMAT(2, 3);
void html_vfmt(html *h, const char *fmt, va_list ap) HTML_VFORMAT(2);
/* The same conversions written as plain text into a buf (nothing escaped;
 * %B aborts): a message formatted for a page that leaves as JSON instead. */
void text_vfmt(buf *b, const char *fmt, va_list ap) HTML_VFORMAT(2);
#endif
