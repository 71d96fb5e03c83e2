/* html.c: the HTML writer (core/html.h): escaping text, percent-encoding URL
 * components, paragraphs and the H() format. */
#include "html.h"
#include "text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *html_cstr(html *h)
{
	return buf_cstr(&h->b);
}

size_t html_len(const html *h)
{
	return h->b.len;
}

void html_reset(html *h)
{
	buf_reset(&h->b);
}

void html_free(html *h)
{
	buf_free(&h->b);
}

const html *html_keep(arena *a, html *h)
{
	html *k = arena_alloc(a, sizeof *k);
	k->b.len = h->b.len;
	k->b.p = arena_strndup(a, buf_cstr(&h->b), h->b.len);
	buf_free(&h->b);
	return k; /* const: a write would grow arena memory with realloc */
}

void html_txtn(html *h, const char *s, size_t n)
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
		buf_append(&h->b, s + start, i - start);
		buf_puts(&h->b, rep);
		i += len;
		start = i;
	}
	buf_append(&h->b, s + start, n - start);
}

void html_txt(html *h, const char *s)
{
	if (s)
		html_txtn(h, s, strlen(s));
}

void html_int(html *h, long long v)
{
	buf_printf(&h->b, "%lld", v);
}

void html_url(html *h, const char *s)
{
	url_encode(&h->b, s); /* percent-encoded output holds no HTML metacharacter */
}

void html_paragraphs(html *h, const char *s)
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
		html(h, "<p>");
		/* single newlines inside a paragraph become <br> */
		size_t start = 0;
		for (size_t i = 0; i < len; i++) {
			if (p[i] == '\n') {
				size_t end = i;
				if (end > start && p[end - 1] == '\r')
					end--;
				html_txtn(h, p + start, end - start);
				html(h, "<br>");
				start = i + 1;
			}
		}
		html_txtn(h, p + start, len - start);
		html(h, "</p>\n");
		p += n;
	}
}

/* One formatter for both: escape says whether %s and %u are made safe for
 * HTML (html_vfmt) or written as they are (text_vfmt, for a message that
 * leaves as JSON or plain text). */
static void vfmt(html *h, bool escape, const char *fmt, va_list ap)
{
	buf *b = &h->b;
	const char *lit = fmt;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%')
			continue;
		buf_append(b, lit, (size_t)(f - lit));
		f++;
		switch (*f) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (escape)
				html_txt(h, s);
			else if (s)
				buf_puts(b, s);
			break;
		}
		case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
		case 'D': buf_printf(b, "%lld", va_arg(ap, long long)); break;
		case 'u': {
			const char *s = va_arg(ap, const char *);
			if (escape)
				html_url(h, s);
			else if (s)
				buf_puts(b, s);
			break;
		}
		case 'B': {
			const html *o = va_arg(ap, const html *);
			if (!escape) { /* markup has no plain-text form here */
				fprintf(stderr, "text_vfmt: %%B in \"%s\"\n", fmt);
				abort();
			}
			if (o)
				buf_append(b, o->b.p, o->b.len);
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

void html_vfmt(html *h, const char *fmt, va_list ap)
{
	vfmt(h, true, fmt, ap);
}

void text_vfmt(buf *b, const char *fmt, va_list ap)
{
	html t = {*b}; /* written raw: the type only carries the buffer */
	vfmt(&t, false, fmt, ap);
	*b = t.b;
}

void html_fmt(html *h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	html_vfmt(h, fmt, ap);
	va_end(ap);
}
