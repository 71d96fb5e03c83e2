/* text.c: strict validation of outside text. Written by hand: the checks are a
 * few dozen lines and must reject exactly what we say they reject. */
#include "text.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			if (c == 0)
				return false;
			i++;
			continue;
		}
		size_t len;
		unsigned min;
		unsigned cp;
		if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; cp = c & 0x1F; }
		else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; cp = c & 0x0F; }
		else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; cp = c & 0x07; }
		else return false;
		if (i + len > n)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += len;
	}
	return true;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

bool utf8_has_control(const char *s, bool allow_newlines)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\t')
			continue;
		if (allow_newlines && (c == '\n' || c == '\r'))
			continue;
		if (c < 0x20 || c == 0x7F)
			return true;
	}
	return false;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

char *pct_decode(arena *a, const char *s, size_t n, bool plus_space, size_t *outn)
{
	char *d = arena_alloc(a, n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (i + 2 >= n)
				return NULL;
			int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return NULL;
			d[j++] = (char)(h * 16 + l);
			i += 2;
		} else if (s[i] == '+' && plus_space) {
			d[j++] = ' ';
		} else {
			d[j++] = s[i];
		}
	}
	d[j] = 0;
	if (outn)
		*outn = j;
	return d;
}

bool parse_int64(const char *s, long long min, long long max, long long *out)
{
	if (!s || !*s)
		return false;
	const char *p = s;
	if (*p == '-')
		p++;
	if (!*p)
		return false;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

char *str_trim(char *s)
{
	if (!s)
		return s;
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (!strncmp(s, "\xE3\x80\x80", 3)) /* U+3000 ideographic space */
			s += 3;
		else
			break;
	}
	size_t n = strlen(s);
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
			n--;
		else if (n >= 3 && !strncmp(s + n - 3, "\xE3\x80\x80", 3))
			n -= 3;
		else
			break;
	}
	s[n] = 0;
	return s;
}
