/* xlsx_bomb.h: a ZIP bomb dressed as an .xlsx, as in issue 14: a workbook
 * whose shared strings and one sheet are sst_bytes and sheet_bytes of
 * repetitive XML under the import's header row. libzip deflates the parts as
 * they are generated, so no buffer of that size is ever made; the file is a
 * few hundred KB. With liar set, the ZIP's directory and local headers then
 * claim 1,000 bytes for each big part, so only counting the inflated bytes
 * can catch it. */
#ifndef LW_XLSX_BOMB_H
#define LW_XLSX_BOMB_H
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

typedef struct bomb_part {
	const char *head, *unit, *tail;
	size_t total, pos;
	zip_error_t err;
} bomb_part;

static zip_int64_t bomb_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	bomb_part *b = ud;
	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		b->pos = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		size_t hl = strlen(b->head), ul = strlen(b->unit), tl = strlen(b->tail), end = b->total - tl, n = 0;
		char *out = data;
		while (n < len && b->pos < b->total) {
			out[n++] = b->pos < hl ? b->head[b->pos] : b->pos < end ? b->unit[(b->pos - hl) % ul] : b->tail[b->pos - end];
			b->pos++;
		}
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->size = b->total;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&b->err, data, len);
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
						      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return 0;
	default:
		zip_error_set(&b->err, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* head, then unit repeated to about bytes, then tail (whole units only) */
static inline bomb_part bomb_of(const char *head, const char *unit, const char *tail, size_t want)
{
	size_t fixed = strlen(head) + strlen(tail), ul = strlen(unit);
	bomb_part b = {head, unit, tail, fixed + (want > fixed ? (want - fixed) / ul : 0) * ul, 0, {0}};
	zip_error_init(&b.err);
	return b;
}

static inline void bomb_add(zip_t *z, const char *name, zip_source_t *src)
{
	cr_assert_not_null(src);
	zip_int64_t i = zip_file_add(z, name, src, ZIP_FL_OVERWRITE);
	cr_assert_geq(i, 0, "zip_file_add %s: %s", name, zip_strerror(z));
	zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_DEFLATE, 9);
}

static inline void bomb_small(zip_t *z, const char *name, const char *text)
{
	bomb_add(z, name, zip_source_buffer(z, text, strlen(text), 0));
}

/* Sets the declared uncompressed size of the entry name to 1,000 in the
 * central directory and in its local header. */
static inline void bomb_lie(unsigned char *p, size_t n, const char *name)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i + 46 + nl <= n; i++) {
		unsigned char *e = p + i;
		if (!memcmp(e, "PK\1\2", 4) && (size_t)(e[28] | e[29] << 8) == nl && !memcmp(e + 46, name, nl))
			memcpy(e + 24, "\xe8\x03\0\0", 4);
		if (!memcmp(e, "PK\3\4", 4) && (size_t)(e[26] | e[27] << 8) == nl && !memcmp(e + 30, name, nl))
			memcpy(e + 22, "\xe8\x03\0\0", 4);
	}
}

/* The bomb's bytes (*n of them), made in dir. */
static inline unsigned char *xlsx_bomb(const char *dir, size_t sst_bytes, size_t sheet_bytes, bool liar, size_t *n)
{
	char *path = lw_printf("%s/bomb-%s.xlsx", dir, lw_unique("b"));
	int zerr;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	cr_assert_not_null(z, "zip_open %s: %d", path, zerr);
	bomb_small(z, "[Content_Types].xml",
		   "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
		   "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
	bomb_small(z, "xl/workbook.xml",
		   "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
		   " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
		   "<sheet name=\"活动\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
	bomb_small(z, "xl/_rels/workbook.xml.rels",
		   "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		   "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\""
		   " Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\""
		   " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
		   "</Relationships>");
	static char cell[1100];
	snprintf(cell, sizeof cell, "<row><c t=\"s\"><v>0</v></c><c t=\"inlineStr\"><is><t>%0999d</t></is></c></row>", 0);
	static char si[1100];
	snprintf(si, sizeof si, "<si><t>%01000d</t></si>", 0);
	bomb_part sst = bomb_of("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
				si, "</sst>", sst_bytes);
	bomb_part sheet = bomb_of("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
				  "<sheetData><row>"
				  "<c t=\"inlineStr\"><is><t>活动名称</t></is></c><c t=\"inlineStr\"><is><t>主办单位</t></is></c>"
				  "<c t=\"inlineStr\"><is><t>活动内容</t></is></c><c t=\"inlineStr\"><is><t>线上/线下</t></is></c>"
				  "<c t=\"inlineStr\"><is><t>开始时间</t></is></c><c t=\"inlineStr\"><is><t>结束时间</t></is></c></row>",
				  cell, "</sheetData></worksheet>", sheet_bytes);
	bomb_add(z, "xl/sharedStrings.xml", zip_source_function(z, bomb_cb, &sst));
	bomb_add(z, "xl/worksheets/sheet1.xml", zip_source_function(z, bomb_cb, &sheet));
	cr_assert_eq(zip_close(z), 0, "zip_close %s", path);
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	rewind(f);
	unsigned char *p = lw_keep(malloc((size_t)len));
	cr_assert(p && fread(p, 1, (size_t)len, f) == (size_t)len);
	fclose(f);
	remove(path);
	if (liar) {
		bomb_lie(p, (size_t)len, "xl/sharedStrings.xml");
		bomb_lie(p, (size_t)len, "xl/worksheets/sheet1.xml");
	}
	*n = (size_t)len;
	return p;
}
#endif
