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
void html_txtn(buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n;) {
		const char *rep;
		size_t len = 1;
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if (c >= 0x20 && c < 0x80) {
				i++;
				continue;
			}
			unsigned cp;
			len = utf8_decode(s + i, n - i, &cp);
			if (cp != UTF8_BAD && xml_char(cp)) {
				i += len;
				continue;
			}
			rep = cp == UTF8_BAD ? "\xEF\xBF\xBD" : "";
		}
		buf_append(b, s + start, i - start);
		buf_puts(b, rep);
		i += len;
		start = i;
	}
	buf_append(b, s + start, n - start);
}

void html_txt(buf *b, const char *s)
{
	if (s)
		html_txtn(b, s, strlen(s));
}

void html_int(buf *b, long long v)
{
	buf_printf(b, "%lld", v);
}

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

void html_url(buf *b, const char *s)
{
	url_encode(b, s); /* percent-encoded output holds no HTML metacharacter */
}

void html_paragraphs(buf *b, const char *s)
{
	if (!s || !*s)
		return;
	const char *p = s;
	while (*p) {
		while (*p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		const char *e = strstr(p, "\n\n");
		const char *e2 = strstr(p, "\r\n\r\n");
		if (e2 && (!e || e2 < e))
			e = e2;
		size_t n = e ? (size_t)(e - p) : strlen(p);
		/* newlines ending the text are not line breaks inside its last paragraph */
		size_t len = n;
		while (len && (p[len - 1] == '\n' || p[len - 1] == '\r'))
			len--;
		html(b, "<p>");
		/* single newlines inside a paragraph become <br> */
		size_t start = 0;
		for (size_t i = 0; i < len; i++) {
			if (p[i] == '\n') {
				size_t end = i;
				if (end > start && p[end - 1] == '\r')
					end--;
				html_txtn(b, p + start, end - start);
				html(b, "<br>");
				start = i + 1;
			}
		}
		html_txtn(b, p + start, len - start);
		html(b, "</p>\n");
		p += n;
	}
}

void html_vfmt(buf *b, const char *fmt, va_list ap)
{
	const char *lit = fmt;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%')
			continue;
		buf_append(b, lit, (size_t)(f - lit));
		f++;
		switch (*f) {
		case 's': html_txt(b, va_arg(ap, const char *)); break;
		case 'd': html_int(b, va_arg(ap, int)); break;
		case 'D': html_int(b, va_arg(ap, long long)); break;
		case 'u': html_url(b, va_arg(ap, const char *)); break;
		case 'B': {
			buf *o = va_arg(ap, buf *);
			if (o)
				buf_append(b, o->p, o->len);
			break;
		}
		case '%': buf_putc(b, '%'); break;
		default:
			/* A programming error; make it visible rather than silent. */
			fprintf(stderr, "html_fmt: bad conversion %%%c in \"%s\"\n", *f ? *f : '0', fmt);
			abort();
		}
		lit = f + 1;
	}
	buf_append(b, lit, strlen(lit));
}

void html_fmt(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	html_vfmt(b, fmt, ap);
	va_end(ap);
}
