/* buf.c: growable buffer and HTML/URL escaping. */
#include "buf.h"
#include "text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_reserve(buf *b, size_t extra)
{
	if (b->cap - b->len > extra)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len <= extra)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		fputs("learnweek: out of memory\n", stderr);
		abort();
	}
	b->p = p;
	b->cap = cap;
}

void buf_append(buf *b, const void *data, size_t n)
{
	if (n == 0)
		return;
	buf_reserve(b, n);
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = 0;
}

void buf_putc(buf *b, char c)
{
	buf_reserve(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = 0;
}

void buf_puts(buf *b, const char *s)
{
	if (s)
		buf_append(b, s, strlen(s));
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		buf_reserve(b, (size_t)n + 1);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap2);
		b->len += (size_t)n;
	}
	va_end(ap2);
}

const char *buf_cstr(buf *b)
{
	if (!b->p)
		buf_reserve(b, 1), b->p[0] = 0;
	return b->p;
}

char *buf_detach(buf *b, size_t *len)
{
	buf_cstr(b);
	char *p = b->p;
	if (len)
		*len = b->len;
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

void buf_reset(buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = 0;
}

void buf_free(buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* Escaped, and mended as text_clean() mends text: a byte that is not UTF-8
 * becomes U+FFFD, a character XML cannot hold is left out. */
void url_encode(buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(b, (char)*p);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_append(b, e, 3);
		}
	}
}
