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

size_t utf8_decode(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	*cp = UTF8_BAD;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	unsigned min, v;
	if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; v = c & 0x1F; }
	else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; v = c & 0x0F; }
	else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; v = c & 0x07; }
	else return 1;
	if (len > n)
		return 1;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 1;
		v = (v << 6) | (s[k] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 1;
	*cp = v;
	return len;
}

bool xml_char(unsigned cp)
{
	return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
	       (cp >= 0x10000 && cp <= 0x10FFFF);
}

const char *text_refusal(const char *s, bool multiline)
{
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_BAD)
			return "含有无法识别的字节（不是有效的 UTF-8 文字，可能是乱码）";
		if (cp == '\t' || (multiline && (cp == '\n' || cp == '\r')))
			continue;
		if (cp < 0x20 || cp == 0x7F)
			return "含有不可见的控制字符";
		if (!xml_char(cp))
			return "含有无法保存的特殊字符（U+FFFE 或 U+FFFF）";
	}
	return NULL;
}

const char *text_clean(arena *a, const char *s)
{
	if (!s)
		return "";
	size_t n = strlen(s), i = 0;
	unsigned cp = 0;
	size_t len = 0;
	while (i < n && (len = utf8_decode(s + i, n - i, &cp)) && cp != UTF8_BAD && xml_char(cp))
		i += len;
	if (i == n)
		return s;
	/* at most 3 bytes of U+FFFD for each byte */
	char *out = arena_alloc(a, n * 3 + 1), *o = out;
	memcpy(o, s, i);
	o += i;
	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_BAD) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else if (xml_char(cp)) {
			memcpy(o, s + i, len);
			o += len;
		}
		i += len;
	}
	*o = 0;
	return out;
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

/* the invisible format characters that change how a name reads: the
 * bidirectional embeddings, overrides, isolates and marks, the zero-width
 * ones, the line and paragraph separators and the BOM (UTF-8 bytes) */
static size_t format_char(const unsigned char *p)
{
	if (p[0] == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x8B && p[2] <= 0x8F) || (p[2] >= 0xA8 && p[2] <= 0xAE)))
		return 3;
	if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
		return 3;
	if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3;
	if (p[0] == 0xD8 && p[1] == 0x9C)
		return 2;
	if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) /* C1 controls */
		return 2;
	return 0;
}

char *file_name_clean(arena *a, const char *name)
{
	const char *base = name ? name : "";
	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	size_t n = strlen(base);
	char *out = arena_alloc(a, n + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)base; *p;) {
		size_t skip = format_char(p);
		if (skip) {
			p += skip;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f) {
			p++;
			continue;
		}
		*o++ = strchr("<>:\"|?*", *p) ? '_' : (char)*p;
		p++;
	}
	*o = 0;
	char *s = str_trim(out);
	if (!strcmp(s, ".") || !strcmp(s, ".."))
		return arena_strdup(a, "");
	if (utf8_chars(s) > FILE_NAME_MAX) {
		/* keep the extension, cut the stem at a character boundary */
		char *dot = strrchr(s, '.');
		size_t ext = dot && strlen(dot) <= 8 ? strlen(dot) : 0;
		size_t keep = 0, chars = 0;
		while (s[keep] && chars < FILE_NAME_MAX - 20) {
			keep++;
			while ((s[keep] & 0xC0) == 0x80)
				keep++;
			chars++;
		}
		memmove(s + keep, ext ? dot : "", ext + 1);
	}
	return s;
}

bool name_set_has(const name_set *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], name))
			return true;
	return false;
}

bool name_set_put(name_set *s, arena *a, const char *name)
{
	if (!*name || name_set_has(s, name))
		return false;
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 8;
		const char **v = arena_alloc(a, sizeof *v * (size_t)cap);
		if (s->n)
			memcpy(v, s->v, sizeof *v * (size_t)s->n);
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = name;
	return true;
}

int str_split_any(arena *a, const char *s, const char *const *seps, size_t nseps, const char ***out)
{
	size_t n = strlen(s);
	const char **v = arena_alloc(a, sizeof *v * (n / 2 + 2));
	int count = 0;
	const char *p = s;
	while (*p) {
		const char *best = NULL;
		size_t blen = 0;
		for (size_t k = 0; k < nseps; k++) {
			const char *q = strstr(p, seps[k]);
			if (q && (!best || q < best))
				best = q, blen = strlen(seps[k]);
		}
		size_t len = best ? (size_t)(best - p) : strlen(p);
		char *one = str_trim(arena_strndup(a, p, len));
		if (*one)
			v[count++] = one;
		p = best ? best + blen : p + len;
	}
	*out = v;
	return count;
}

int name_set_add(name_set *s, arena *a, const char *cell)
{
	static const char *const seps[] = {"；", ";", "、", ",", "，"};
	const char **parts;
	int n = str_split_any(a, cell ? cell : "", seps, sizeof seps / sizeof *seps, &parts), added = 0;
	for (int i = 0; i < n; i++)
		added += name_set_put(s, a, parts[i]);
	return added;
}

char *name_set_join(const name_set *s, arena *a)
{
	size_t len = 1;
	for (int i = 0; i < s->n; i++)
		len += strlen(s->v[i]) + 3;
	char *out = arena_alloc(a, len), *w = out;
	for (int i = 0; i < s->n; i++) {
		if (i) {
			memcpy(w, "、", 3);
			w += 3;
		}
		size_t n = strlen(s->v[i]);
		memcpy(w, s->v[i], n);
		w += n;
	}
	*w = 0;
	return out;
}

bool cell_is_risky(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

const char *cell_untext(const char *s)
{
	return s && s[0] == '\'' && cell_is_risky(s + 1) ? s + 1 : s;
}
