/* import.c: reading activity lists from .xlsx (libzip + libxml2) and .csv
 * (UTF-8, UTF-8 with BOM, UTF-16 or GB18030/GBK via iconv), checking every row
 * with activity_parse, and writing the new rows in one transaction. */
#include "import.h"
#include "org.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "out/cells.h"
#include <errno.h>
#include <iconv.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>

const import_column import_columns[N_IMPORT_COLUMNS] = {
	{"title", "活动名称", true, false, "活动的名称，最多 100 个字。", "名称|title"},
	{"host", "主办单位", true, false, "举办活动的学校、社区教育学院或机构。", "主办|host"},
	{"co_hosts", "协办单位", false, false, "可不填；多个单位用顿号（、）分隔。", "协办|co_hosts"},
	{"content", "活动内容", true, true,
	 "六项活动内容中的一项或多项：写序号 1–6 或名称（见「可选值」表），多项用顿号（、）分隔。", "content"},
	{"subjects", "学习主题", false, true, "可不填；见「可选值」表，多项用顿号（、）分隔。", "subjects"},
	{"forms", "活动形式", false, true, "可不填；见「可选值」表，多项用顿号（、）分隔。", "forms"},
	{"audiences", "参与对象", false, true, "可不填；见「可选值」表，多项用顿号（、）分隔。", "audiences"},
	{"mode", "线上/线下", true, false, "线上、线下或线上线下（从下拉列表选择）。", "活动方式|方式|mode"},
	{"starts_at", "开始时间", true, false, "北京时间，写成 2022-12-02 09:00（日期和时间都要有）。", "starts_at"},
	{"ends_at", "结束时间", true, false, "北京时间，必须晚于开始时间。", "starts_at_end|ends_at"},
	{"venue", "活动地点", false, false, "线下活动必填：写到门牌和房间，方便居民找到。", "地点|venue"},
	{"street", "所在街道/乡镇", false, false, "活动所在的街道或乡镇，用于统计活动范围。",
	 "街道/乡镇|所在街道|所在乡镇|街道|乡镇|street"},
	{"online_url", "线上链接", false, false, "线上活动必填，以 http:// 或 https:// 开头。", "链接|online_url"},
	{"capacity", "人数上限", false, false, "整数；不限人数请留空。", "capacity"},
	{"description", "活动简介", false, false, "最多 5000 字。", "简介|description"},
	{"featured", "有特色的活动", false, false, "是 或 否（空着算否）；“是”将列入总结表的“有特色的活动”。",
	 "特色活动|是否特色活动|featured"},
	{"reported", "主办方报告的参与人数", false, false,
	 "整数，可不填；没有扫码签到和现场清点时，总结表采用此数。", "报告的参与人数|参与人数|reported"},
};

enum { C_TITLE, C_HOST, C_COHOSTS, C_CONTENT, C_SUBJECTS, C_FORMS, C_AUDIENCES, C_MODE, C_STARTS, C_ENDS,
       C_VENUE, C_STREET, C_URL, C_CAPACITY, C_DESCRIPTION, C_FEATURED, C_REPORTED };

#define MAX_FILE_COLS 200
#define HEADER_SEARCH_ROWS 10

const char *import_col_letter(arena *a, int col)
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
	db *d;
	arena *a;
	import_file *f;
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
static int header_column(arena *a, const char *h)
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
	for (int k = 0; k < N_IMPORT_COLUMNS; k++) {
		if (!strcmp(s, import_columns[k].label))
			return k;
		const char *al = import_columns[k].aliases;
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

static bool cell_empty(const import_cell *c)
{
	if (!c->s)
		return true;
	for (const char *p = c->s; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			return false;
	return true;
}

static void take_header(reader *rd, long long line, const import_cell *cells, int n)
{
	import_file *f = rd->f;
	arena *a = rd->a;
	int known = 0;
	for (int j = 0; j < n; j++)
		if (!cell_empty(&cells[j]) && header_column(a, cells[j].s) >= 0)
			known++;
	if (known < 2) {
		if (!rd->first_row_text) {
			buf b = BUF_INIT;
			for (int j = 0; j < n && j < 6; j++)
				if (!cell_empty(&cells[j]))
					buf_printf(&b, "%s「%s」", b.len ? "、" : "", cells[j].s);
			rd->first_row_text = arena_strdup(a, buf_cstr(&b));
			buf_free(&b);
		}
		if (++rd->rows_before_header >= HEADER_SEARCH_ROWS)
			rd->stop = true;
		return;
	}
	for (int k = 0; k < N_IMPORT_COLUMNS; k++)
		f->file_col[k] = -1;
	buf ignored = BUF_INIT;
	for (int j = 0; j < n; j++) {
		if (cell_empty(&cells[j]))
			continue;
		int k = header_column(a, cells[j].s);
		if (k < 0) {
			buf_printf(&ignored, "%s%s", ignored.len ? "、" : "", str_trim(arena_strdup(a, cells[j].s)));
			continue;
		}
		if (f->file_col[k] >= 0) {
			file_error(rd, 422, arena_printf(a, "表头（第 %lld 行）中「%s」出现了两次：%s 列和 %s 列。请删除其中一列后重新上传。",
							 line, import_columns[k].label, import_col_letter(a, f->file_col[k]),
							 import_col_letter(a, j)));
			buf_free(&ignored);
			return;
		}
		f->file_col[k] = j;
	}
	if (ignored.len)
		f->ignored = arena_strdup(a, buf_cstr(&ignored));
	buf_free(&ignored);
	buf missing = BUF_INIT;
	for (int k = 0; k < N_IMPORT_COLUMNS; k++)
		if (import_columns[k].required && f->file_col[k] < 0)
			buf_printf(&missing, "%s「%s」", missing.len ? "、" : "", import_columns[k].label);
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
static void take_row(reader *rd, long long line, const import_cell *cells, int n)
{
	if (rd->stop)
		return;
	if (!rd->header_found) {
		bool empty = true;
		for (int j = 0; j < n && empty; j++)
			empty = cell_empty(&cells[j]);
		if (!empty)
			take_header(rd, line, cells, n);
		return;
	}
	import_file *f = rd->f;
	import_row row = {0};
	bool empty = true;
	for (int k = 0; k < N_IMPORT_COLUMNS; k++) {
		int j = f->file_col[k];
		if (j >= 0 && j < n && !cell_empty(&cells[j])) {
			row.cells[k] = cells[j];
			empty = false;
		}
	}
	if (empty)
		return;
	if (f->nrows >= IMPORT_MAX_ROWS) {
		file_error(rd, 413, arena_printf(rd->a, "文件中的活动超过 %d 行。请分成几个文件，分批导入。", IMPORT_MAX_ROWS));
		return;
	}
	if (f->nrows == rd->rows_cap) {
		int cap = rd->rows_cap ? rd->rows_cap * 2 : 256;
		import_row *v = arena_alloc(rd->a, sizeof *v * (size_t)cap);
		if (f->nrows)
			memcpy(v, f->rows, sizeof *v * (size_t)f->nrows);
		f->rows = v;
		rd->rows_cap = cap;
	}
	row.line = line;
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
	import_cell *cells = malloc(sizeof *cells * (size_t)cap);
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
				import_cell *nv = realloc(cells, sizeof *cells * (size_t)cap);
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
	import_file *f = rd->f;
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

/* One part of the package, NUL-terminated; NULL if missing or over max. */
static char *zip_part(zip_t *z, const char *name, size_t max, size_t *len, bool *too_big)
{
	zip_stat_t st;
	*too_big = false;
	if (zip_stat(z, name, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
		return NULL;
	if (st.size > max) {
		*too_big = true;
		return NULL;
	}
	zip_file_t *zf = zip_fopen(z, name, 0);
	if (!zf)
		return NULL;
	char *p = malloc((size_t)st.size + 1);
	zip_int64_t got = p ? zip_fread(zf, p, st.size) : -1;
	zip_fclose(zf);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(p);
		return NULL;
	}
	p[st.size] = 0;
	*len = (size_t)st.size;
	return p;
}

static xmlTextReaderPtr xml_reader(const char *p, size_t n)
{
	/* no network, no entity expansion, no DTD loading: a package is outside input */
	return xmlReaderForMemory(p, (int)n, "", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
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

static int read_shared_strings(arena *a, const char *p, size_t n, strtab *t)
{
	xmlTextReaderPtr r = xml_reader(p, n);
	if (!r)
		return -1;
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
				if (empty && sst_push(t, "") < 0)
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
				if (sst_push(t, ooxml_unescape(a, buf_cstr(&cur), cur.len)) < 0) {
					rc = -1;
					break;
				}
			}
		}
	}
	buf_free(&cur);
	xmlFreeTextReader(r);
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
	import_cell cells[MAX_FILE_COLS];
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
	import_cell c = {NULL, false};
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
		s->cells[s->ncells++] = (import_cell){NULL, false};
	if (s->col >= s->ncells)
		s->ncells = s->col + 1;
	s->cells[s->col] = c;
	s->in_c = false;
}

static int read_sheet(reader *rd, strtab *sst, const char *p, size_t n)
{
	xmlTextReaderPtr r = xml_reader(p, n);
	if (!r)
		return -1;
	sheet_state *s = calloc(1, sizeof *s);
	if (!s) {
		xmlFreeTextReader(r);
		return -1;
	}
	s->rd = rd;
	s->sst = sst;
	int rc;
	while (!rd->stop && (rc = xmlTextReaderRead(r)) == 1) {
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
	return rd->stop || rc == 0 ? 0 : -1;
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

static void read_xlsx(reader *rd, const char *path)
{
	arena *a = rd->a;
	import_file *f = rd->f;
	const char *how_to = "请用 Excel 或 WPS 打开后「另存为」Excel 工作簿（*.xlsx），或下载本系统的模板重新填写。";
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z) {
		file_error(rd, 415, arena_printf(a, "这个 .xlsx 文件已损坏，无法打开（压缩包结构不完整）。%s", how_to));
		return;
	}
	pthread_once(&xml_once, xml_init);
	f->kind = "Excel 工作簿（.xlsx）";
	size_t n;
	bool big;
	char *wb = zip_part(z, "xl/workbook.xml", 8 << 20, &n, &big);
	char *rels = wb ? zip_part(z, "xl/_rels/workbook.xml.rels", 8 << 20, &n, &big) : NULL;
	char *sheet_rid = NULL, *sheet_name = NULL, *sheet_target = NULL, *sst_target = NULL;
	bool any_sheet = false;
	if (!wb) {
		bool ods = zip_name_locate(z, "content.xml", 0) >= 0;
		bool docx = zip_name_locate(z, "word/document.xml", 0) >= 0;
		file_error(rd, 415, arena_printf(a, "%s%s", ods ? "这是 WPS/LibreOffice 的 .ods 表格，不是 .xlsx 文件。" :
						     docx ? "这是 Word 文档（.docx），不是 Excel 表格。" :
						     "这个文件是压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）。", how_to));
		goto out;
	}
	xmlTextReaderPtr r = xml_reader(wb, strlen(wb));
	f->date1904 = false;
	while (r && xmlTextReaderRead(r) == 1) {
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
	if (r)
		xmlFreeTextReader(r);
	if (!sheet_rid) {
		file_error(rd, 422, arena_printf(a, "%s%s", any_sheet ? "这个 Excel 文件中没有可见的工作表。" :
						     "这个 Excel 文件中没有工作表。", how_to));
		goto out;
	}
	r = rels ? xml_reader(rels, strlen(rels)) : NULL;
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
	if (!sheet_target) {
		file_error(rd, 422, arena_printf(a, "这个 Excel 文件中找不到工作表「%s」的内容，文件可能已损坏。%s",
						 sheet_name ? sheet_name : "", how_to));
		goto out;
	}
	strtab sst = {0};
	char *sstp = zip_part(z, sst_target ? sst_target : "xl/sharedStrings.xml", 64 << 20, &n, &big);
	if (big) {
		file_error(rd, 413, "这个 Excel 文件中的文字太多（解压后超过 64 MB），请分成几个文件导入。");
	} else if (sstp && read_shared_strings(a, sstp, n, &sst) < 0) {
		file_error(rd, 422, arena_printf(a, "这个 Excel 文件已损坏（共享文字表无法读取）。%s", how_to));
	} else {
		char *sheet = zip_part(z, sheet_target, 256 << 20, &n, &big);
		if (big)
			file_error(rd, 413, "这个工作表太大（解压后超过 256 MB），请分成几个文件导入。");
		else if (!sheet)
			file_error(rd, 422, arena_printf(a, "这个 Excel 文件中找不到工作表「%s」的内容，文件可能已损坏。%s",
							 sheet_name ? sheet_name : "", how_to));
		else if (read_sheet(rd, &sst, sheet, n) < 0)
			file_error(rd, 422, arena_printf(a, "这个 Excel 文件已损坏（工作表「%s」无法读取）。%s",
							 sheet_name ? sheet_name : "", how_to));
		free(sheet);
	}
	free(sstp);
	free(sst.v);
out:
	free(wb);
	free(rels);
	zip_discard(z);
}

/* ---- one row, checked ---- */

static void add_issue(arena *a, import_file *f, long long line, const char *field, const char *msg)
{
	f->issues_total++;
	if (f->nissues >= IMPORT_MAX_ISSUES)
		return;
	if (!f->issues)
		f->issues = arena_alloc(a, sizeof *f->issues * IMPORT_MAX_ISSUES);
	import_issue *is = &f->issues[f->nissues++];
	*is = (import_issue){line, -1, NULL, arena_strdup(a, msg)};
	for (int k = 0; field && k < N_IMPORT_COLUMNS; k++) {
		if (strcmp(import_columns[k].field, field))
			continue;
		is->col = f->file_col[k];
		is->column = is->col >= 0 ? arena_printf(a, "%s 列「%s」", import_col_letter(a, is->col), import_columns[k].label)
					  : arena_printf(a, "「%s」", import_columns[k].label);
	}
}

static int cmp_issue(const void *x, const void *y)
{
	const import_issue *p = x, *q = y;
	unsigned pc = (unsigned)p->col, qc = (unsigned)q->col; /* -1 (no column) last */
	return pc < qc ? -1 : pc > qc;
}

/* Text of a cell with the export's formula escape undone; single-line fields
 * get their line breaks (Alt+Enter in Excel) as spaces. */
static const char *cell_str(arena *a, const import_cell *c, bool multiline)
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

/* "智慧助老、全民阅读" -> two tags; also , ， ; ； and line breaks. */
static tags split_tags(arena *a, const char *s)
{
	const char *seps[] = {"、", "，", ",", "；", ";", "\n", "\r", "／", "/"};
	size_t n = strlen(s);
	tags t = {arena_alloc(a, sizeof(char *) * (n / 2 + 2)), 0};
	const char *p = s;
	while (*p) {
		const char *best = NULL;
		size_t blen = 0;
		for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
			const char *q = strstr(p, seps[k]);
			if (q && (!best || q < best))
				best = q, blen = strlen(seps[k]);
		}
		size_t len = best ? (size_t)(best - p) : strlen(p);
		char *v = str_trim(arena_strndup(a, p, len));
		if (*v)
			t.v[t.n++] = v;
		p = best ? best + blen : p + len;
	}
	return t;
}

/* A date and time typed in any of the ways Excel, WPS and people write them,
 * as "YYYY-MM-DD HH:MM[:SS]"; NULL when it is not one. *date_only is set for
 * a date without a time. Excel numbers are serial days (local time). */
static const char *norm_datetime(arena *a, const import_cell *c, bool date1904, bool *date_only)
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

/* The row as activity_input, with the import's own checks (times, 是/否) in
 * pre; returns false for the template's example row. */
static bool row_input(arena *a, const import_row *row, bool date1904, activity_input *in, errs *pre)
{
	const import_cell *c = row->cells;
	memset(in, 0, sizeof *in);
	in->title = cell_str(a, &c[C_TITLE], false);
	if (!strncmp(str_trim(arena_strdup(a, in->title)), IMPORT_EXAMPLE_MARK, strlen(IMPORT_EXAMPLE_MARK)))
		return false;
	in->host = cell_str(a, &c[C_HOST], false);
	in->co_hosts = cell_str(a, &c[C_COHOSTS], false);
	in->mode = str_trim(arena_strdup(a, cell_str(a, &c[C_MODE], false)));
	in->venue = cell_str(a, &c[C_VENUE], false);
	in->street = cell_str(a, &c[C_STREET], false);
	in->online_url = cell_str(a, &c[C_URL], false);
	in->capacity = cell_str(a, &c[C_CAPACITY], false);
	in->description = cell_str(a, &c[C_DESCRIPTION], true);
	in->reported = cell_str(a, &c[C_REPORTED], false);
	in->content = split_tags(a, cell_str(a, &c[C_CONTENT], false));
	in->subjects = split_tags(a, cell_str(a, &c[C_SUBJECTS], false));
	in->forms = split_tags(a, cell_str(a, &c[C_FORMS], false));
	in->audiences = split_tags(a, cell_str(a, &c[C_AUDIENCES], false));
	const char *const flags_yes[] = {"是", "1", "Y", "y", "yes", "YES", "TRUE", "true", "√"};
	const char *const flags_no[] = {"", "否", "0", "N", "n", "no", "NO", "FALSE", "false", "×"};
	char *feat = str_trim(arena_strdup(a, cell_str(a, &c[C_FEATURED], false)));
	in->featured = NULL;
	for (size_t i = 0; i < sizeof flags_yes / sizeof *flags_yes; i++)
		if (!strcmp(feat, flags_yes[i]))
			in->featured = "1";
	for (size_t i = 0; i < sizeof flags_no / sizeof *flags_no; i++)
		if (!strcmp(feat, flags_no[i]))
			in->featured = "0";
	if (!in->featured) {
		err_add(pre, "featured", arena_printf(a, "「有特色的活动」只能填“是”或“否”，现在是「%s」。", feat));
		in->featured = "0";
	}
	const char *fields[] = {"starts_at", "ends_at"};
	const char **dst[] = {&in->starts_at, &in->ends_at};
	for (int i = 0; i < 2; i++) {
		const import_cell *cell = &c[i ? C_ENDS : C_STARTS];
		const char *label = activity_field_label(fields[i]);
		bool date_only;
		const char *v = cell_empty(cell) ? NULL : norm_datetime(a, cell, date1904, &date_only);
		*dst[i] = v;
		if (cell_empty(cell))
			continue; /* activity_parse says it must be filled */
		if (!v)
			err_add(pre, fields[i], arena_printf(a, "「%s」「%s」不是有效的时间，应写成 2022-12-02 09:00 的形式。", label,
							     cell->num ? cell->s : str_trim(arena_strdup(a, cell->s))));
		else if (date_only)
			err_add(pre, fields[i], arena_printf(a, "「%s」只有日期（%s），没有几点几分，应写成 2022-12-02 09:00 的形式。", label, v));
	}
	return true;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The import key: the unit and every field as activity_parse normalised it,
 * tags in a fixed order, so the same activity has the same key from a CSV and
 * an XLSX, whatever the spaces, labels or order of values in the cells. */
static void row_key(arena *a, long long unit_id, const activity *x, char out[65])
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	char *head = arena_printf(a, "lw-import-1\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%s\x1f%lld\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%lld\x1f%s\x1f%d\x1f%lld",
				  unit_id, x->title, x->host, x->co_hosts, x->mode, x->starts_at, x->ends_at, x->venue,
				  x->street, x->online_url, x->capacity, x->description, x->featured ? 1 : 0, x->reported);
	crypto_hash_sha256_update(&st, (const unsigned char *)head, strlen(head));
	const tags *all[] = {&x->content, &x->subjects, &x->forms, &x->audiences};
	for (int k = 0; k < 4; k++) {
		const char **v = arena_alloc(a, sizeof *v * (size_t)(all[k]->n + 1));
		memcpy(v, all[k]->v, sizeof *v * (size_t)all[k]->n);
		qsort(v, (size_t)all[k]->n, sizeof *v, cmp_str);
		crypto_hash_sha256_update(&st, (const unsigned char *)"\x1f", 1);
		for (int i = 0; i < all[k]->n; i++) {
			crypto_hash_sha256_update(&st, (const unsigned char *)v[i], strlen(v[i]));
			crypto_hash_sha256_update(&st, (const unsigned char *)"\x1e", 1);
		}
	}
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* Parses one row into x (allocated in scratch); false with issues added when
 * it has errors. */
static bool row_parse(db *d, arena *a, arena *scratch, import_file *f, import_row *row, long long unit_id,
		      long long week_id, activity *x, const char **warning)
{
	activity_input in;
	errs pre = {0}, e = {0};
	if (!row_input(scratch, row, f->date1904, &in, &pre)) {
		row->state = ROW_EXAMPLE;
		return false;
	}
	memset(x, 0, sizeof *x);
	activity_parse(d, scratch, &in, week_id, x, &e, warning);
	x->unit_id = unit_id;
	int first = f->nissues;
	for (int i = 0; i < pre.n; i++)
		add_issue(a, f, row->line, pre.field[i], pre.msg[i]);
	for (int i = 0; i < e.n; i++)
		if (!e.field[i] || !err_for(&pre, e.field[i]))
			add_issue(a, f, row->line, e.field[i], e.msg[i]);
	/* a row's problems left to right, as the person reads the row */
	if (f->nissues - first > 1)
		qsort(f->issues + first, (size_t)(f->nissues - first), sizeof *f->issues, cmp_issue);
	if (pre.n || e.n) {
		row->state = ROW_BAD;
		return false;
	}
	return true;
}

/* Keys seen earlier in the file: open addressing on the hash itself. */
typedef struct keyset {
	int *slot;  /* row index + 1; 0 empty */
	size_t mask;
} keyset;

static int keyset_find_or_add(keyset *ks, import_row *rows, int i)
{
	unsigned long long h = strtoull(rows[i].key + 48, NULL, 16);
	for (size_t p = (size_t)h & ks->mask;; p = (p + 1) & ks->mask) {
		if (!ks->slot[p]) {
			ks->slot[p] = i + 1;
			return -1;
		}
		if (!strcmp(rows[ks->slot[p] - 1].key, rows[i].key))
			return ks->slot[p] - 1;
	}
}

void import_read(db *d, arena *a, const char *path, const char *filename, long long unit_id, long long week_id,
		 import_file *f)
{
	memset(f, 0, sizeof *f);
	for (int k = 0; k < N_IMPORT_COLUMNS; k++)
		f->file_col[k] = -1;
	reader rd = {.d = d, .a = a, .f = f};
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
	if (st.st_size > IMPORT_MAX_BYTES) {
		fclose(fp);
		file_error(&rd, 413, "文件太大（超过 20 MB），请分成几个文件导入。");
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
		f->error = rd.first_row_text
			? arena_printf(a, "没有找到表头。第一行应是列名（活动名称、主办单位、活动内容……），文件开头却是 %s。"
					  "请使用本系统提供的导入模板，不要修改或删除第一行。", rd.first_row_text)
			: "文件中没有内容。请使用本系统提供的导入模板，在第一行列名下面逐行填写活动。";
		return;
	}

	/* every row through activity_parse, one scratch arena per row so that
	 * 10,000 rows cost the memory of their own text only */
	keyset ks = {0};
	size_t cap = 16;
	while (cap < (size_t)f->nrows * 2)
		cap *= 2;
	ks.slot = calloc(cap, sizeof *ks.slot);
	ks.mask = cap - 1;
	for (int i = 0; i < f->nrows; i++) {
		import_row *row = &f->rows[i];
		arena scratch = {0};
		activity x;
		const char *warning = NULL;
		if (row_parse(d, a, &scratch, f, row, unit_id, week_id, &x, &warning)) {
			row_key(&scratch, unit_id, &x, row->key);
			row->title = arena_strdup(a, x.title);
			row->host = arena_strdup(a, x.host);
			row->starts_at = x.starts_at;
			row->ends_at = x.ends_at;
			int first = ks.slot ? keyset_find_or_add(&ks, f->rows, i) : -1;
			if (first >= 0) {
				row->state = ROW_DUP;
				row->dup_of = f->rows[first].line;
			} else if (db_exists(d, "SELECT 1 FROM activities WHERE unit_id = ?1 AND import_key = ?2", "It", unit_id,
					     row->key)) {
				row->state = ROW_SEEN;
			} else {
				row->state = ROW_NEW;
				long long same = db_int(d, 0, "SELECT id FROM activities WHERE week_id = ?1 AND unit_id = ?2"
							      " AND starts_at = ?3 AND title = ?4 LIMIT 1",
							"IIIt", week_id, unit_id, x.starts_at, x.title);
				if (warning)
					row->warning = "活动时间不在本届活动周之内，请确认时间是否正确。";
				if (same)
					row->warning = arena_printf(a, "%s本单位已有同名、同一开始时间的活动；导入后会有两条。"
								       "如果是要修改原来的活动，请在系统中直接编辑它。",
								    row->warning ? row->warning : "");
			}
		}
		arena_free(&scratch);
		switch (row->state) {
		case ROW_NEW: f->n_new++; break;
		case ROW_SEEN: f->n_seen++; break;
		case ROW_DUP: f->n_dup++; break;
		case ROW_EXAMPLE: f->n_example++; break;
		default: f->n_bad++; break;
		}
		if (row->warning)
			f->n_warn++;
	}
	free(ks.slot);
}

/* ---- the pending import and its confirmation ---- */

long long import_create(db *d, arena *a, const actor *who, import_rec *rec, long long size, const char *mime)
{
	if (db_begin(d) < 0)
		return 0;
	long long id = 0;
	if (file_record(d, rec->sha256, size, mime ? mime : "application/octet-stream", who->now) == 0 &&
	    db_exec(d, "INSERT INTO imports(unit_id, week_id, account_id, sha256, filename, rows_total, rows_new, created_at)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", "IIIttIII", rec->unit_id, rec->week_id, who->account_id,
		       rec->sha256, rec->filename, rec->rows_total, rec->rows_new, who->now) == 0) {
		id = db_last_id(d);
		if (audit(d, who, rec->unit_id, "upload", "import", id, rec->filename, NULL,
			  row_json(d, a, "SELECT unit_id, week_id, sha256, filename, rows_total, rows_new FROM imports WHERE id = ?1", id)) < 0)
			id = 0;
	}
	if (!id || db_commit(d) < 0) {
		db_rollback(d);
		return 0;
	}
	rec->id = id;
	return id;
}

bool import_load(db *d, arena *a, long long id, import_rec *rec)
{
	stmt st;
	if (db_prep(d, &st, "SELECT id, unit_id, week_id, account_id, rows_total, rows_new, created_at, sha256, filename, status"
			    " FROM imports WHERE id = ?1", "I", id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok) {
		rec->id = col_int(&st, 0);
		rec->unit_id = col_int(&st, 1);
		rec->week_id = col_int(&st, 2);
		rec->account_id = col_int(&st, 3);
		rec->rows_total = col_int(&st, 4);
		rec->rows_new = col_int(&st, 5);
		rec->created_at = col_int(&st, 6);
		rec->sha256 = col_dup(&st, a, 7);
		rec->filename = col_dup(&st, a, 8);
		rec->status = col_dup(&st, a, 9);
	}
	stmt_done(&st);
	return ok;
}

long long import_commit(db *d, arena *a, const actor *who, const import_rec *rec, import_file *f, const char *status,
			long long *skipped)
{
	*skipped = 0;
	if (f->status || f->n_bad)
		return -3;
	if (db_begin(d) < 0)
		return -1;
	if (db_exec(d, "UPDATE imports SET status = 'done' WHERE id = ?1 AND status = 'pending'", "I", rec->id) < 0) {
		db_rollback(d);
		return -1;
	}
	if (db_changes(d) != 1) {
		db_rollback(d);
		return -2;
	}
	long long written = 0;
	int rc = 0;
	for (int i = 0; i < f->nrows && rc == 0; i++) {
		import_row *row = &f->rows[i];
		if (row->state != ROW_NEW) {
			if (row->state != ROW_EXAMPLE)
				(*skipped)++;
			continue;
		}
		arena scratch = {0};
		activity x;
		const char *warning;
		import_file tmp = *f; /* row_parse reports into a copy: the rows were checked already */
		tmp.issues = NULL;
		tmp.nissues = 0;
		if (!row_parse(d, &scratch, &scratch, &tmp, row, rec->unit_id, rec->week_id, &x, &warning)) {
			rc = -1;
		} else if (db_exists(d, "SELECT 1 FROM activities WHERE unit_id = ?1 AND import_key = ?2", "It", rec->unit_id,
				     row->key)) {
			(*skipped)++; /* written by another import since the preview */
		} else {
			x.status = (char *)status;
			rc = activity_save_tx(d, &scratch, who, &x);
			if (rc == 0)
				rc = db_exec(d, "UPDATE activities SET import_key = ?1 WHERE id = ?2", "tI", row->key, x.id);
			if (rc == 0)
				written++;
		}
		arena_free(&scratch);
	}
	if (rc == 0)
		rc = db_exec(d, "UPDATE imports SET rows_new = ?1 WHERE id = ?2", "II", written, rec->id);
	if (rc == 0)
		rc = audit(d, who, rec->unit_id, "import", "import", rec->id,
			   arena_printf(a, "导入 %lld 项活动（%s），跳过 %lld 行", written, rec->filename, *skipped), NULL,
			   row_json(d, a, "SELECT unit_id, week_id, sha256, filename, rows_total, rows_new, status FROM imports WHERE id = ?1",
				    rec->id));
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return written;
}

int import_discard(db *d, arena *a, const actor *who, const import_rec *rec)
{
	(void)a;
	if (db_begin(d) < 0)
		return -1;
	int rc = db_exec(d, "UPDATE imports SET status = 'discarded' WHERE id = ?1 AND status = 'pending'", "I", rec->id);
	if (rc == 0 && db_changes(d) != 1)
		rc = -1;
	if (rc == 0)
		rc = audit(d, who, rec->unit_id, "discard", "import", rec->id, rec->filename, NULL, NULL);
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}
