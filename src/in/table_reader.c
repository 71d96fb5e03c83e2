/* table_reader.c: rows of a spreadsheet a person uploads, for every bulk import:
 * .xlsx (libzip + libxml2's streaming reader) and .csv (UTF-8, UTF-8 with BOM,
 * UTF-16 or GB18030/GBK via iconv). The header row is found and matched to a
 * column table by name; each later row comes out as cells in that table's
 * order, with the row number Excel shows. Moved out of import.c so that the
 * activity and the resource imports read files the same way. */
#include "in/table_reader.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <errno.h>
#include <iconv.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>

#define MAX_FILE_COLS 200
#define HEADER_SEARCH_ROWS 10

const char *table_col_letter(arena *a, int col)
{
	char s[8];
	int n = 0;
	for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
		s[n++] = (char)('A' + (c - 1) % 26);
	char *out = arena_alloc(a, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		out[i] = s[n - 1 - i];
	return out;
}

/* ---- rows in, from either reader ---- */

typedef struct reader {
	arena *a;
	const table_spec *spec;
	table_file *f;
	bool header_found, stop;
	int rows_before_header;
	int rows_cap;
	const char *first_row_text;  /* for the "no header" message */
} reader;

static void file_error(reader *rd, int status, const char *msg)
{
	if (!rd->f->status) {
		rd->f->status = status;
		rd->f->error = msg;
	}
	rd->stop = true;
}

/* The header as typed, without a trailing * or （必填）, compared as text. */
static int header_column(const table_spec *spec, arena *a, const char *h)
{
	char *s = str_trim(arena_strdup(a, h ? h : ""));
	const char *tails[] = {"*", "＊", "（必填）", "(必填)", "（选填）", "(选填)"};
	for (bool cut = true; cut;) {
		cut = false;
		size_t n = strlen(s);
		for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
			size_t k = strlen(tails[t]);
			if (n >= k && !strcmp(s + n - k, tails[t])) {
				s[n - k] = 0;
				s = str_trim(s);
				cut = true;
				break;
			}
		}
	}
	/* 线上/线下 is also typed with a full-width slash */
	for (char *p; (p = strstr(s, "／"));) {
		*p = '/';
		memmove(p + 1, p + 3, strlen(p + 3) + 1);
	}
	if (!*s)
		return -2;
	for (int k = 0; k < spec->ncols; k++) {
		if (!strcmp(s, spec->cols[k].label))
			return k;
		const char *al = spec->cols[k].aliases;
		size_t n = strlen(s);
		for (const char *p = al; p && *p;) {
			const char *e = strchr(p, '|');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			if (len == n && !strncasecmp(p, s, n))
				return k;
			p = e ? e + 1 : NULL;
		}
	}
	return -1;
}

bool table_cell_empty(const table_cell *c)
{
	if (!c->s)
		return true;
	for (const char *p = c->s; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			return false;
	return true;
}

static void take_header(reader *rd, long long line, const table_cell *cells, int n)
{
	table_file *f = rd->f;
	arena *a = rd->a;
	int known = 0;
	for (int j = 0; j < n; j++)
		if (!table_cell_empty(&cells[j]) && header_column(rd->spec, a, cells[j].s) >= 0)
			known++;
	if (known < 2) {
		if (!rd->first_row_text) {
			buf b = BUF_INIT;
			for (int j = 0; j < n && j < 6; j++)
				if (!table_cell_empty(&cells[j]))
					buf_printf(&b, "%s「%s」", b.len ? "、" : "", cells[j].s);
			rd->first_row_text = arena_strdup(a, buf_cstr(&b));
			buf_free(&b);
		}
		if (++rd->rows_before_header >= HEADER_SEARCH_ROWS)
			rd->stop = true;
		return;
	}
	for (int k = 0; k < rd->spec->ncols; k++)
		f->file_col[k] = -1;
	buf ignored = BUF_INIT;
	for (int j = 0; j < n; j++) {
		if (table_cell_empty(&cells[j]))
			continue;
		int k = header_column(rd->spec, a, cells[j].s);
		if (k < 0) {
			buf_printf(&ignored, "%s%s", ignored.len ? "、" : "", str_trim(arena_strdup(a, cells[j].s)));
			continue;
		}
		if (f->file_col[k] >= 0) {
			file_error(rd, 422, arena_printf(a, "表头（第 %lld 行）中「%s」出现了两次：%s 列和 %s 列。请删除其中一列后重新上传。",
							 line, rd->spec->cols[k].label, table_col_letter(a, f->file_col[k]),
							 table_col_letter(a, j)));
			buf_free(&ignored);
			return;
		}
		f->file_col[k] = j;
	}
	if (ignored.len)
		f->ignored = arena_strdup(a, buf_cstr(&ignored));
	buf_free(&ignored);
	buf missing = BUF_INIT;
	for (int k = 0; k < rd->spec->ncols; k++)
		if (rd->spec->cols[k].required && f->file_col[k] < 0)
			buf_printf(&missing, "%s「%s」", missing.len ? "、" : "", rd->spec->cols[k].label);
	if (missing.len) {
		file_error(rd, 422, arena_printf(a, "表头（第 %lld 行）缺少必填的列：%s。请使用本系统提供的导入模板，"
						 "不要修改第一行的列名。", line, buf_cstr(&missing)));
		buf_free(&missing);
		return;
	}
	buf_free(&missing);
	rd->header_found = true;
}

/* One row of the file (cells by file column), in order. */
static void take_row(reader *rd, long long line, const table_cell *cells, int n)
{
	if (rd->stop)
		return;
	if (!rd->header_found) {
		bool empty = true;
		for (int j = 0; j < n && empty; j++)
			empty = table_cell_empty(&cells[j]);
		if (!empty)
			take_header(rd, line, cells, n);
		return;
	}
	table_file *f = rd->f;
	const table_spec *spec = rd->spec;
	bool empty = true;
	for (int k = 0; k < spec->ncols && empty; k++) {
		int j = f->file_col[k];
		empty = !(j >= 0 && j < n && !table_cell_empty(&cells[j]));
	}
	if (empty)
		return;
	if (f->nrows >= spec->max_rows) {
		file_error(rd, 413, arena_printf(rd->a, "文件中的%s超过 %d 行。请分成几个文件，分批导入。", spec->what, spec->max_rows));
		return;
	}
	table_row row = {line, arena_alloc(rd->a, sizeof *row.cells * (size_t)spec->ncols)};
	for (int k = 0; k < spec->ncols; k++) {
		int j = f->file_col[k];
		row.cells[k] = j >= 0 && j < n && !table_cell_empty(&cells[j]) ? cells[j] : (table_cell){NULL, false};
	}
	if (f->nrows == rd->rows_cap) {
		int cap = rd->rows_cap ? rd->rows_cap * 2 : 256;
		table_row *v = arena_alloc(rd->a, sizeof *v * (size_t)cap);
		if (f->nrows)
			memcpy(v, f->rows, sizeof *v * (size_t)f->nrows);
		f->rows = v;
		rd->rows_cap = cap;
	}
	f->rows[f->nrows++] = row;
}

/* ---- CSV ---- */

static char *iconv_all(arena *a, const char *from, const char *s, size_t n, size_t *outn, size_t *bad_at)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = n * 2 + 16;
	char *out = malloc(cap);
	char *in = (char *)s, *o = out;
	size_t inleft = n, outleft = cap - 1;
	bool ok = true;
	while (inleft && out) {
		if (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			size_t used = (size_t)(o - out);
			cap *= 2;
			char *nb = realloc(out, cap);
			if (!nb) {
				ok = false;
				break;
			}
			out = nb;
			o = out + used;
			outleft = cap - used - 1;
			continue;
		}
		*bad_at = (size_t)(in - s);
		ok = false;
		break;
	}
	iconv_close(cd);
	char *res = NULL;
	if (ok && out) {
		*o = 0;
		*outn = (size_t)(o - out);
		res = arena_strndup(a, out, *outn);
	}
	free(out);
	return res;
}

static long long line_at(const char *s, size_t at)
{
	long long line = 1;
	for (size_t i = 0; i < at; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

/* Invalid bytes among otherwise good multi-byte UTF-8: a damaged UTF-8 file,
 * not GBK. Returns the offset of the first bad byte, or (size_t)-1 when the
 * text does not look like UTF-8 at all. */
static size_t broken_utf8_at(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t good = 0, bad = 0, first_bad = (size_t)-1;
	for (size_t i = 0; i < n;) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t len = (s[i] & 0xE0) == 0xC0 ? 2 : (s[i] & 0xF0) == 0xE0 ? 3 : (s[i] & 0xF8) == 0xF0 ? 4 : 0;
		bool ok = len && i + len <= n;
		for (size_t k = 1; ok && k < len; k++)
			ok = (s[i + k] & 0xC0) == 0x80;
		if (ok) {
			good++;
			i += len;
		} else {
			if (first_bad == (size_t)-1)
				first_bad = i;
			bad++;
			i++;
		}
	}
	return good >= 4 && bad * 4 < good ? first_bad : (size_t)-1;
}

static size_t first_bad_utf8(const char *s, size_t n)
{
	size_t lo = 0;
	/* utf8_valid is all-or-nothing: find the first bad line by lines */
	for (size_t i = 0; i <= n; i++)
		if (i == n || s[i] == '\n') {
			if (!utf8_valid(s + lo, i - lo))
				return lo;
			lo = i + 1;
		}
	return 0;
}

static char pick_delimiter(const char *s, size_t n)
{
	int comma = 0, tab = 0, semi = 0;
	bool q = false;
	for (size_t i = 0; i < n && (q || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q)
			comma += s[i] == ',', tab += s[i] == '\t', semi += s[i] == ';';
	}
	return tab > comma && tab >= semi ? '\t' : semi > comma ? ';' : ',';
}

/* RFC 4180, written by hand: the parser is forty lines, it must report the
 * record number a person sees in Excel (a quoted field may hold newlines), and
 * it sits behind our own encoding detection; a library would add a dependency
 * for less. Lenient where Excel is: text after a closing quote is kept. */
static void csv_rows(reader *rd, const char *s, size_t n)
{
	char delim = pick_delimiter(s, n);
	buf field = BUF_INIT;
	int cap = 32;
	table_cell *cells = malloc(sizeof *cells * (size_t)cap);
	long long line = 0;
	size_t i = 0;
	while (i < n && !rd->stop) {
		line++;
		int nc = 0;
		for (;;) {
			buf_reset(&field);
			if (i < n && s[i] == '"') {
				size_t open_at = i++;
				for (;;) {
					if (i >= n) {
						file_error(rd, 422, arena_printf(rd->a, "CSV 文件第 %lld 行（文件的第 %lld 行）有一个引号（\"）没有配对，"
										     "文件可能不完整。请在 Excel 中重新另存为 CSV 后上传。",
										     line, line_at(s, open_at)));
						goto done;
					}
					if (s[i] == '"') {
						if (i + 1 < n && s[i + 1] == '"') {
							buf_putc(&field, '"');
							i += 2;
							continue;
						}
						i++;
						break;
					}
					buf_putc(&field, s[i++]);
				}
			}
			while (i < n && s[i] != delim && s[i] != '\n' && s[i] != '\r')
				buf_putc(&field, s[i++]);
			if (nc == cap) {
				cap *= 2;
				table_cell *nv = realloc(cells, sizeof *cells * (size_t)cap);
				if (!nv)
					goto done;
				cells = nv;
			}
			cells[nc].s = nc < MAX_FILE_COLS ? arena_strndup(rd->a, buf_cstr(&field), field.len) : NULL;
			cells[nc].num = false;
			nc++;
			if (i < n && s[i] == delim) {
				i++;
				continue;
			}
			if (i < n && s[i] == '\r')
				i++;
			if (i < n && s[i] == '\n')
				i++;
			break;
		}
		take_row(rd, line, cells, nc < MAX_FILE_COLS ? nc : MAX_FILE_COLS);
	}
done:
	free(cells);
	buf_free(&field);
}

static void read_csv(reader *rd, const char *data, size_t n)
{
	arena *a = rd->a;
	table_file *f = rd->f;
	const char *s = data;
	size_t len = n, bad = 0;
	const char *how_to = "请在 Excel 中选择「文件 → 另存为」，保存类型选「CSV UTF-8（逗号分隔）」，然后重新上传。";
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3, len -= 3;
		f->kind = "CSV（UTF-8，带 BOM）";
		if (!utf8_valid(s, len)) {
			file_error(rd, 422, arena_printf(a, "文件声明为 UTF-8 编码，但第 %lld 行有无法识别的字符（文件可能已损坏）。%s",
							 line_at(s, first_bad_utf8(s, len)), how_to));
			return;
		}
	} else if (n >= 2 && (!memcmp(s, "\xFF\xFE", 2) || !memcmp(s, "\xFE\xFF", 2))) {
		bool le = s[0] == '\xFF';
		size_t outn;
		char *u = iconv_all(a, le ? "UTF-16LE" : "UTF-16BE", s + 2, n - 2, &outn, &bad);
		if (!u || strlen(u) != outn) {
			file_error(rd, 422, arena_printf(a, "文件是 UTF-16 编码，但内容不完整或已损坏。%s", how_to));
			return;
		}
		s = u, len = outn;
		f->kind = "Unicode 文本（UTF-16）";
	} else if (utf8_valid(s, len)) {
		f->kind = "CSV（UTF-8）";
	} else {
		size_t b = broken_utf8_at(s, len);
		if (b != (size_t)-1) {
			file_error(rd, 422, arena_printf(a, "文件是 UTF-8 编码，但第 %lld 行有无法识别的字符（文件可能已损坏，或混入了其他编码的文字）。%s",
							 line_at(s, b), how_to));
			return;
		}
		size_t outn;
		char *u = iconv_all(a, "GB18030", s, len, &outn, &bad);
		if (!u || strlen(u) != outn || !utf8_valid(u, outn)) {
			file_error(rd, 422, arena_printf(a, "无法识别文件的编码：它既不是 UTF-8，也不是 GBK/GB18030，第 %lld 行有无法识别的字符。%s",
							 line_at(s, bad), how_to));
			return;
		}
		s = u, len = outn;
		f->kind = "CSV（GBK/GB18030 编码）";
	}
	if (memchr(s, 0, len)) {
		file_error(rd, 422, arena_printf(a, "文件中有空字符（可能不是文本文件）。%s", how_to));
		return;
	}
	csv_rows(rd, s, len);
}

/* ---- XLSX ---- */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void)
{
	xmlInitParser();
}

/* An .xlsx is a ZIP, and a ZIP can inflate a thousandfold: a 600 KB file can
 * hold a 250 MB sheet. So every part is read as a stream, straight into
 * libxml2's reader, and every inflated byte is counted as it comes out: the
 * sizes in the ZIP's directory are checked first (a declared bomb is refused
 * before a byte is inflated) but not trusted. Limits: all parts together, the
 * ratio of a part's inflated to its compressed bytes, the cells of the sheet
 * and the shared strings. */
#define XLSX_MAX_BYTES (64LL << 20)   /* all parts, inflated */
#define XLSX_MAX_RATIO 200            /* inflated bytes per compressed byte of a part ... */
#define XLSX_RATIO_FREE (1LL << 20)   /* ... past its first MiB */
#define XLSX_MAX_CELLS 1000000
#define XLSX_MAX_STRINGS 500000

enum xlsx_over { OVER_NONE, OVER_BYTES, OVER_RATIO, OVER_CELLS, OVER_STRINGS };

typedef struct xlsx_in {
	zip_t *z;
	long long inflated;      /* bytes read out of every part so far */
	enum xlsx_over over;
} xlsx_in;

typedef struct part_stream {
	xlsx_in *x;
	zip_file_t *f;
	long long comp, got;
} part_stream;

static bool over_ratio(long long got, long long comp)
{
	return got > XLSX_RATIO_FREE && got / XLSX_MAX_RATIO >= (comp > 0 ? comp : 1);
}

static int part_read(void *ctx, char *out, int len)
{
	part_stream *p = ctx;
	if (p->x->over)
		return -1;
	zip_int64_t n = zip_fread(p->f, out, (zip_uint64_t)len);
	if (n < 0)
		return -1;
	p->got += n;
	p->x->inflated += n;
	if (p->x->inflated > XLSX_MAX_BYTES)
		p->x->over = OVER_BYTES;
	else if (over_ratio(p->got, p->comp))
		p->x->over = OVER_RATIO;
	return p->x->over ? -1 : (int)n;
}

static int part_close(void *ctx)
{
	part_stream *p = ctx;
	zip_fclose(p->f);
	free(p);
	return 0;
}

/* A streaming reader over one part; NULL if it is missing, unreadable or
 * declared over a limit (then x->over says which). */
static xmlTextReaderPtr part_reader(xlsx_in *x, const char *name)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (x->over || zip_stat(x->z, name, 0, &st) < 0)
		return NULL;
	long long comp = (st.valid & ZIP_STAT_COMP_SIZE) ? (long long)st.comp_size : 0;
	if (st.valid & ZIP_STAT_SIZE) {
		if (st.size > (zip_uint64_t)(XLSX_MAX_BYTES - x->inflated)) {
			x->over = OVER_BYTES;
			return NULL;
		}
		if ((st.valid & ZIP_STAT_COMP_SIZE) && over_ratio((long long)st.size, comp)) {
			x->over = OVER_RATIO;
			return NULL;
		}
	}
	part_stream *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->x = x;
	p->comp = comp;
	p->f = zip_fopen(x->z, name, 0);
	if (!p->f) {
		free(p);
		return NULL;
	}
	/* no network, no entity expansion, no DTD loading: a package is outside
	 * input; libxml2 also keeps its own limit on one text node (10 MB) */
	return xmlReaderForIO(part_read, part_close, p, "", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static bool is_el(xmlTextReaderPtr r, const char *name)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);
	return n && !strcmp((const char *)n, name);
}

static char *attr(xmlTextReaderPtr r, arena *a, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = arena_strdup(a, (const char *)v);
	xmlFree(v);
	return s;
}

/* The relationship id of a <sheet>: r:id in any relationships namespace
 * (transitional or strict OOXML). */
static char *rel_id(xmlTextReaderPtr r, arena *a)
{
	char *id = NULL;
	if (xmlTextReaderMoveToFirstAttribute(r) == 1) {
		do {
			const xmlChar *ln = xmlTextReaderConstLocalName(r), *ns = xmlTextReaderConstNamespaceUri(r);
			if (ln && ns && !strcmp((const char *)ln, "id") && strstr((const char *)ns, "relationships"))
				id = arena_strdup(a, (const char *)xmlTextReaderConstValue(r));
		} while (xmlTextReaderMoveToNextAttribute(r) == 1);
		xmlTextReaderMoveToElement(r);
	}
	return id;
}

/* Text of an OOXML string: _xHHHH_ stands for a character XML cannot hold. */
static char *ooxml_unescape(arena *a, const char *s, size_t n)
{
	if (!memchr(s, '_', n))
		return arena_strndup(a, s, n);
	buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		unsigned cp;
		if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_' && sscanf(s + i + 2, "%4x", &cp) == 1 &&
		    strspn(s + i + 2, "0123456789abcdefABCDEF") >= 4) {
			if (cp < 0x80) {
				buf_putc(&b, (char)cp);
			} else if (cp < 0x800) {
				buf_putc(&b, (char)(0xC0 | (cp >> 6)));
				buf_putc(&b, (char)(0x80 | (cp & 0x3F)));
			} else {
				buf_putc(&b, (char)(0xE0 | (cp >> 12)));
				buf_putc(&b, (char)(0x80 | ((cp >> 6) & 0x3F)));
				buf_putc(&b, (char)(0x80 | (cp & 0x3F)));
			}
			i += 6;
			continue;
		}
		buf_putc(&b, s[i]);
	}
	char *out = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return out;
}

typedef struct strtab {
	char **v;
	size_t n, cap;
} strtab;

static int sst_push(strtab *t, char *v)
{
	if (t->n >= XLSX_MAX_STRINGS)
		return -2;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		char **nv = realloc(t->v, sizeof *nv * cap);
		if (!nv)
			return -1;
		t->v = nv;
		t->cap = cap;
	}
	t->v[t->n++] = v;
	return 0;
}

static int read_shared_strings(arena *a, xlsx_in *x, xmlTextReaderPtr r, strtab *t)
{
	buf cur = BUF_INIT;
	int in_t = 0, in_rph = 0, rc;
	bool in_si = false;
	while ((rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		bool empty = xmlTextReaderIsEmptyElement(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			if (is_el(r, "si")) {
				buf_reset(&cur);
				in_si = !empty;
				if (empty && (rc = sst_push(t, "")) < 0)
					break;
			} else if (is_el(r, "t") && !empty) {
				in_t++;
			} else if (is_el(r, "rPh") && !empty) {
				in_rph++; /* phonetic hints (pinyin, furigana) are not the text */
			}
		} else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
			   type == XML_READER_TYPE_CDATA) {
			if (in_si && in_t && !in_rph)
				buf_puts(&cur, (const char *)xmlTextReaderConstValue(r));
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (is_el(r, "t") && in_t) {
				in_t--;
			} else if (is_el(r, "rPh") && in_rph) {
				in_rph--;
			} else if (is_el(r, "si") && in_si) {
				in_si = false;
				if ((rc = sst_push(t, ooxml_unescape(a, buf_cstr(&cur), cur.len))) < 0)
					break;
			}
		}
	}
	buf_free(&cur);
	xmlFreeTextReader(r);
	if (rc == -2)
		x->over = OVER_STRINGS;
	return rc < 0 ? -1 : 0;
}

/* "BC12" -> column 54 (0-based); -1 if there are no letters. */
static int ref_col(const char *ref)
{
	int c = 0, n = 0;
	for (; ref && *ref >= 'A' && *ref <= 'Z' && n < 4; ref++, n++)
		c = c * 26 + (*ref - 'A' + 1);
	return n ? c - 1 : -1;
}

typedef struct sheet_state {
	reader *rd;
	strtab *sst;
	table_cell cells[MAX_FILE_COLS];
	int ncells;
	long long line;
	int col;
	char type[16];
	buf val;
	bool in_v, in_is, in_c;
	int in_t, in_rph;
} sheet_state;

static void cell_end(sheet_state *s)
{
	arena *a = s->rd->a;
	if (s->col < 0 || s->col >= MAX_FILE_COLS) {
		s->in_c = false;
		return;
	}
	table_cell c = {NULL, false};
	const char *v = buf_cstr(&s->val);
	if (!strcmp(s->type, "s")) {
		char *end;
		long idx = strtol(v, &end, 10);
		if (*v && !*end && idx >= 0 && (size_t)idx < s->sst->n)
			c.s = s->sst->v[idx];
	} else if (!strcmp(s->type, "b")) {
		c.s = !strcmp(v, "1") ? "是" : !strcmp(v, "0") ? "否" : NULL;
	} else if (!strcmp(s->type, "inlineStr") || !strcmp(s->type, "str") || !strcmp(s->type, "e") ||
		   !strcmp(s->type, "d")) {
		c.s = ooxml_unescape(a, v, s->val.len);
	} else if (s->val.len) {
		c.s = arena_strndup(a, v, s->val.len);
		c.num = true;
	}
	while (s->ncells < s->col)
		s->cells[s->ncells++] = (table_cell){NULL, false};
	if (s->col >= s->ncells)
		s->ncells = s->col + 1;
	s->cells[s->col] = c;
	s->in_c = false;
}

static int read_sheet(reader *rd, xlsx_in *x, strtab *sst, xmlTextReaderPtr r)
{
	sheet_state *s = calloc(1, sizeof *s);
	if (!s) {
		xmlFreeTextReader(r);
		return -1;
	}
	s->rd = rd;
	s->sst = sst;
	int rc = 0;
	long long cells = 0;
	while (!rd->stop && !x->over && (rc = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		bool empty = xmlTextReaderIsEmptyElement(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			if (is_el(r, "row")) {
				char *ra = attr(r, rd->a, "r");
				long long ln = ra ? atoll(ra) : 0;
				s->line = ln > 0 ? ln : s->line + 1;
				s->ncells = 0;
				s->col = -1;
				if (empty)
					take_row(rd, s->line, s->cells, 0);
			} else if (is_el(r, "c")) {
				if (++cells > XLSX_MAX_CELLS) {
					x->over = OVER_CELLS;
					break;
				}
				char *ca = attr(r, rd->a, "r"), *ta = attr(r, rd->a, "t");
				int col = ca ? ref_col(ca) : -1;
				s->col = col >= 0 ? col : s->col + 1;
				snprintf(s->type, sizeof s->type, "%s", ta ? ta : "n");
				buf_reset(&s->val);
				s->in_c = true;
				s->in_t = s->in_rph = 0;
				s->in_v = s->in_is = false;
				if (empty)
					cell_end(s);
			} else if (s->in_c && !empty) {
				if (is_el(r, "v"))
					s->in_v = true;
				else if (is_el(r, "is"))
					s->in_is = true;
				else if (is_el(r, "t"))
					s->in_t++;
				else if (is_el(r, "rPh"))
					s->in_rph++;
			}
		} else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
			   type == XML_READER_TYPE_CDATA) {
			if (s->in_c && (s->in_v || (s->in_is && s->in_t && !s->in_rph)))
				buf_puts(&s->val, (const char *)xmlTextReaderConstValue(r));
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (is_el(r, "c") && s->in_c)
				cell_end(s);
			else if (is_el(r, "v"))
				s->in_v = false;
			else if (is_el(r, "is"))
				s->in_is = false;
			else if (is_el(r, "t") && s->in_t)
				s->in_t--;
			else if (is_el(r, "rPh") && s->in_rph)
				s->in_rph--;
			else if (is_el(r, "row"))
				take_row(rd, s->line, s->cells, s->ncells);
		}
	}
	buf_free(&s->val);
	free(s);
	xmlFreeTextReader(r);
	return x->over ? -1 : rd->stop || rc == 0 ? 0 : -1;
}

/* The path of a package part named by a relationship target of xl/workbook.xml. */
static char *part_path(arena *a, const char *target)
{
	if (target[0] == '/')
		return arena_strdup(a, target + 1);
	while (!strncmp(target, "./", 2))
		target += 2;
	return arena_printf(a, "xl/%s", target);
}

/* The message for a package over one of the limits above. */
static void xlsx_over(reader *rd, enum xlsx_over over)
{
	switch (over) {
	case OVER_BYTES:
		file_error(rd, 413, arena_printf(rd->a, "这个 Excel 文件解压后太大（超过 %lld MB），请删去多余的内容，或分成几个文件导入。",
						 XLSX_MAX_BYTES >> 20));
		break;
	case OVER_RATIO:
		file_error(rd, 413, arena_printf(rd->a, "这个 Excel 文件的压缩比异常（解压后是原来的 %d 倍以上），不像正常保存的表格，已拒绝。"
						 "请用 Excel 或 WPS 打开后重新保存，再导入。", XLSX_MAX_RATIO));
		break;
	case OVER_CELLS:
		file_error(rd, 413, arena_printf(rd->a, "这个工作表的单元格太多（超过 %d 万个），请删去多余的行和列，或分成几个文件导入。",
						 XLSX_MAX_CELLS / 10000));
		break;
	case OVER_STRINGS:
		file_error(rd, 413, arena_printf(rd->a, "这个 Excel 文件中的文字条目太多（超过 %d 万条），请删去多余的内容，或分成几个文件导入。",
						 XLSX_MAX_STRINGS / 10000));
		break;
	case OVER_NONE:
		break;
	}
}

static void read_xlsx(reader *rd, const char *path)
{
	arena *a = rd->a;
	table_file *f = rd->f;
	const char *how_to = "请用 Excel 或 WPS 打开后「另存为」Excel 工作簿（*.xlsx），或下载本系统的模板重新填写。";
	int zerr = 0;
	xlsx_in x = {0};
	x.z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!x.z) {
		file_error(rd, 415, arena_printf(a, "这个 .xlsx 文件已损坏，无法打开（压缩包结构不完整）。%s", how_to));
		return;
	}
	pthread_once(&xml_once, xml_init);
	f->kind = "Excel 工作簿（.xlsx）";
	char *sheet_rid = NULL, *sheet_name = NULL, *sheet_target = NULL, *sst_target = NULL;
	bool any_sheet = false;
	xmlTextReaderPtr r = part_reader(&x, "xl/workbook.xml");
	if (!r) {
		if (x.over) {
			xlsx_over(rd, x.over);
			goto out;
		}
		bool ods = zip_name_locate(x.z, "content.xml", 0) >= 0;
		bool docx = zip_name_locate(x.z, "word/document.xml", 0) >= 0;
		file_error(rd, 415, arena_printf(a, "%s%s", ods ? "这是 WPS/LibreOffice 的 .ods 表格，不是 .xlsx 文件。" :
						     docx ? "这是 Word 文档（.docx），不是 Excel 表格。" :
						     "这个文件是压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）。", how_to));
		goto out;
	}
	f->date1904 = false;
	while (xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		if (is_el(r, "workbookPr")) {
			char *d = attr(r, a, "date1904");
			f->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
		} else if (is_el(r, "sheet")) {
			any_sheet = true;
			char *state = attr(r, a, "state");
			if (!sheet_rid && !(state && strcmp(state, "visible"))) {
				sheet_rid = rel_id(r, a);
				sheet_name = attr(r, a, "name");
			}
		}
	}
	xmlFreeTextReader(r);
	if (x.over) {
		xlsx_over(rd, x.over);
		goto out;
	}
	if (!sheet_rid) {
		file_error(rd, 422, arena_printf(a, "%s%s", any_sheet ? "这个 Excel 文件中没有可见的工作表。" :
						     "这个 Excel 文件中没有工作表。", how_to));
		goto out;
	}
	r = part_reader(&x, "xl/_rels/workbook.xml.rels");
	while (r && xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is_el(r, "Relationship"))
			continue;
		char *id = attr(r, a, "Id"), *target = attr(r, a, "Target"), *type = attr(r, a, "Type");
		if (!target)
			continue;
		if (id && !strcmp(id, sheet_rid))
			sheet_target = part_path(a, target);
		if (type && strlen(type) >= 14 && !strcmp(type + strlen(type) - 14, "/sharedStrings"))
			sst_target = part_path(a, target);
	}
	if (r)
		xmlFreeTextReader(r);
	if (x.over) {
		xlsx_over(rd, x.over);
		goto out;
	}
	if (!sheet_target) {
		file_error(rd, 422, arena_printf(a, "这个 Excel 文件中找不到工作表「%s」的内容，文件可能已损坏。%s",
						 sheet_name ? sheet_name : "", how_to));
		goto out;
	}
	strtab sst = {0};
	r = part_reader(&x, sst_target ? sst_target : "xl/sharedStrings.xml");
	if (r && read_shared_strings(a, &x, r, &sst) < 0 && !x.over) {
		file_error(rd, 422, arena_printf(a, "这个 Excel 文件已损坏（共享文字表无法读取）。%s", how_to));
	} else if (!x.over) {
		r = part_reader(&x, sheet_target);
		if (!r && !x.over)
			file_error(rd, 422, arena_printf(a, "这个 Excel 文件中找不到工作表「%s」的内容，文件可能已损坏。%s",
							 sheet_name ? sheet_name : "", how_to));
		else if (r && read_sheet(rd, &x, &sst, r) < 0 && !x.over)
			file_error(rd, 422, arena_printf(a, "这个 Excel 文件已损坏（工作表「%s」无法读取）。%s",
							 sheet_name ? sheet_name : "", how_to));
	}
	if (x.over) {
		/* what was read so far is not a file's rows: the limit is the answer */
		rd->f->status = 0;
		xlsx_over(rd, x.over);
	}
	free(sst.v);
out:
	zip_discard(x.z);
}

/* Text of a cell with the export's formula escape undone; single-line fields
 * get their line breaks (Alt+Enter in Excel) as spaces. */
const char *table_cell_str(arena *a, const table_cell *c, bool multiline)
{
	if (!c->s)
		return "";
	const char *s = cell_untext(c->s);
	if (multiline || !strpbrk(s, "\r\n"))
		return s;
	char *t = arena_strdup(a, s);
	for (char *p = t; *p; p++)
		if (*p == '\r' || *p == '\n')
			*p = ' ';
	return t;
}

int table_split(arena *a, const char *s, const char ***out)
{
	static const char *const seps[] = {"、", "，", ",", "；", ";", "\n", "\r", "／", "/"};
	return str_split_any(a, s, seps, sizeof seps / sizeof *seps, out);
}

/* A date and time typed in any of the ways Excel, WPS and people write them,
 * as "YYYY-MM-DD HH:MM[:SS]"; NULL when it is not one. *date_only is set for
 * a date without a time. Excel numbers are serial days (local time). */
const char *table_datetime(arena *a, const table_cell *c, bool date1904, bool *date_only)
{
	*date_only = false;
	const char *s = c->s ? c->s : "";
	if (c->num) {
		char *end;
		double v = strtod(s, &end);
		if (*end || !isfinite(v) || v < 1 || v >= 2958466)
			return NULL;
		long long minutes = llround(v * 1440.0);
		long long days = minutes / 1440, m = minutes % 1440;
		long long base = date1904 ? days_from_civil(1904, 1, 1) : days_from_civil(1899, 12, 30);
		long long y;
		unsigned mo, d;
		civil_from_days(base + days, &y, &mo, &d);
		*date_only = v == floor(v);
		return arena_printf(a, "%04lld-%02u-%02u %02lld:%02lld", y, mo, d, m / 60, m % 60);
	}
	int y, mo, d, h = -1, mi = -1, sec = -1;
	const char *p = s;
	while (*p == ' ')
		p++;
	/* year, month, day with - / . or 年 月 日 between */
	int part[3], k = 0;
	for (; k < 3; k++) {
		if (*p < '0' || *p > '9')
			break;
		char *end;
		long v = strtol(p, &end, 10);
		if (end - p > 4)
			return NULL;
		part[k] = (int)v;
		p = end;
		if (k < 2) {
			if (*p == '-' || *p == '/' || *p == '.')
				p++;
			else if (!strncmp(p, "年", 3) || !strncmp(p, "月", 3))
				p += 3;
			else
				return NULL;
		}
	}
	if (k < 3)
		return NULL;
	y = part[0], mo = part[1], d = part[2];
	if (!strncmp(p, "日", 3))
		p += 3;
	while (*p == ' ' || *p == 'T')
		p++;
	if (*p) {
		char *end;
		h = (int)strtol(p, &end, 10);
		if (end == p || end - p > 2)
			return NULL;
		p = end;
		if (*p == ':')
			p++;
		else if (!strncmp(p, "：", 3) || !strncmp(p, "时", 3))
			p += 3;
		else
			return NULL;
		mi = (int)strtol(p, &end, 10);
		if (end - p != 2)
			return NULL;
		p = end;
		if (!strncmp(p, "分", 3))
			p += 3;
		if (*p == ':' || !strncmp(p, "：", 3)) {
			p += *p == ':' ? 1 : 3;
			sec = (int)strtol(p, &end, 10);
			if (end - p != 2)
				return NULL;
			p = end;
		}
		while (*p == ' ')
			p++;
		if (*p)
			return NULL;
	}
	if (y < 1900 || y > 9999)
		return NULL;
	if (h < 0) {
		*date_only = true;
		return arena_printf(a, "%04d-%02d-%02d", y, mo, d);
	}
	if (sec >= 0)
		return arena_printf(a, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
	return arena_printf(a, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
}

int table_flag(const char *s)
{
	const char *const yes[] = {"是", "1", "Y", "y", "yes", "YES", "TRUE", "true", "√"};
	const char *const no[] = {"", "否", "0", "N", "n", "no", "NO", "FALSE", "false", "×"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (!strcmp(s, yes[i]))
			return 1;
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		if (!strcmp(s, no[i]))
			return 0;
	return -1;
}

void table_issue_add(arena *a, table_issues *is, const table_spec *spec, const int *file_col, long long line,
		     const char *field, const char *msg)
{
	is->total++;
	if (is->n >= is->max)
		return;
	if (!is->v)
		is->v = arena_alloc(a, sizeof *is->v * (size_t)is->max);
	table_issue *x = &is->v[is->n++];
	*x = (table_issue){line, -1, NULL, arena_strdup(a, msg)};
	for (int k = 0; field && k < spec->ncols; k++) {
		if (strcmp(spec->cols[k].field, field))
			continue;
		x->col = file_col[k];
		x->column = x->col >= 0 ? arena_printf(a, "%s 列「%s」", table_col_letter(a, x->col), spec->cols[k].label)
					: arena_printf(a, "「%s」", spec->cols[k].label);
	}
}

static int cmp_issue(const void *x, const void *y)
{
	const table_issue *p = x, *q = y;
	unsigned pc = (unsigned)p->col, qc = (unsigned)q->col; /* -1 (no column) last */
	return pc < qc ? -1 : pc > qc;
}

void table_issues_sort(table_issues *is, int first)
{
	if (is->n - first > 1)
		qsort(is->v + first, (size_t)(is->n - first), sizeof *is->v, cmp_issue);
}

void table_read(arena *a, const char *path, const char *filename, const table_spec *spec, table_file *f)
{
	memset(f, 0, sizeof *f);
	f->file_col = arena_alloc(a, sizeof *f->file_col * (size_t)spec->ncols);
	for (int k = 0; k < spec->ncols; k++)
		f->file_col[k] = -1;
	reader rd = {.a = a, .spec = spec, .f = f};
	FILE *fp = fopen(path, "rb");
	struct stat st;
	if (!fp || fstat(fileno(fp), &st) < 0) {
		if (fp)
			fclose(fp);
		file_error(&rd, 500, "服务器读取上传的文件失败，请重试。");
		return;
	}
	if (st.st_size == 0) {
		fclose(fp);
		file_error(&rd, 400, "上传的文件是空的。");
		return;
	}
	if (st.st_size > spec->max_bytes) {
		fclose(fp);
		file_error(&rd, 413, arena_printf(a, "文件太大（超过 %lld MB），请分成几个文件导入。", spec->max_bytes >> 20));
		return;
	}
	size_t n = (size_t)st.st_size;
	char *data = malloc(n + 1);
	if (!data || fread(data, 1, n, fp) != n) {
		fclose(fp);
		free(data);
		file_error(&rd, 500, "服务器读取上传的文件失败，请重试。");
		return;
	}
	fclose(fp);
	data[n] = 0;
	const char *ext = filename ? strrchr(filename, '.') : NULL;
	bool says_xlsx = ext && (!strcasecmp(ext, ".xlsx") || !strcasecmp(ext, ".xlsm"));
	const unsigned char *h = (const unsigned char *)data;
	if (n >= 4 && !memcmp(h, "PK\x03\x04", 4)) {
		read_xlsx(&rd, path);
	} else if (n >= 8 && !memcmp(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
		file_error(&rd, 415, "这是旧版 Excel 97-2003 文件（.xls），系统不能直接读取。请用 Excel 或 WPS 打开后"
				     "「另存为」Excel 工作簿（*.xlsx），再上传。");
	} else if (says_xlsx) {
		file_error(&rd, 415, "这个文件的扩展名是 .xlsx，但内容不是 Excel 工作簿（.xlsx 文件实际上是 ZIP 压缩格式，"
				     "这个文件不是）。它可能已损坏，或只是改了扩展名。请用 Excel 或 WPS 打开原表格，"
				     "「另存为」Excel 工作簿（*.xlsx）后重新上传。");
	} else if ((n >= 5 && !memcmp(h, "%PDF-", 5)) || (n >= 3 && h[0] == 0xFF && h[1] == 0xD8) ||
		   (n >= 8 && !memcmp(h, "\x89PNG", 4))) {
		file_error(&rd, 415, "只能导入 Excel 工作簿（.xlsx）或 CSV 文件，这个文件是图片或 PDF。");
	} else {
		read_csv(&rd, data, n);
	}
	free(data);
	if (f->status)
		return;
	if (!rd.header_found) {
		f->status = 422;
		buf names = BUF_INIT;
		for (int k = 0; k < spec->ncols && k < 3; k++)
			buf_printf(&names, "%s%s", k ? "、" : "", spec->cols[k].label);
		f->error = rd.first_row_text
			? arena_printf(a, "没有找到表头。第一行应是列名（%s……），文件开头却是 %s。"
					  "请使用本系统提供的导入模板，不要修改或删除第一行。", buf_cstr(&names), rd.first_row_text)
			: arena_printf(a, "文件中没有内容。请使用本系统提供的导入模板，在第一行列名下面逐行填写%s。", spec->what);
		buf_free(&names);
	}
}
