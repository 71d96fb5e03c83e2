/* test_cells.c: spreadsheet cell text never starts a formula. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include "out/cells.h"
#include "core/text.h"

static arena A;
static void teardown(void)
{
	arena_free(&A);
}
TestSuite(cells, .fini = teardown);

Test(cells, risky_starts_get_an_apostrophe)
{
	const char *risky[] = {"=1+1", "+86 138", "-5", "@SUM(A1)", "\tx", "\r=x", "=HYPERLINK(\"http://evil\",\"点我\")"};
	for (size_t i = 0; i < sizeof risky / sizeof *risky; i++) {
		cr_assert(cell_is_risky(risky[i]), "%s", risky[i]);
		const char *t = cell_text(&A, risky[i]);
		cr_assert_eq(t[0], '\'', "%s", risky[i]);
		cr_assert_str_eq(t + 1, risky[i]);
		cr_assert_str_eq(cell_untext(t), risky[i], "round trip");
	}
	const char *safe[] = {"", "社区读书会", "a=b", "1-2", " =x", "'quoted"};
	for (size_t i = 0; i < sizeof safe / sizeof *safe; i++) {
		cr_assert_not(cell_is_risky(safe[i]), "%s", safe[i]);
		cr_assert_eq(cell_text(&A, safe[i]), safe[i]);
		cr_assert_str_eq(cell_untext(safe[i]), safe[i]);
	}
	cr_assert_str_eq(cell_text(&A, NULL), "");
}

Test(cells, csv_fields_are_quoted_and_safe)
{
	buf b = BUF_INIT;
	csv_field(&b, "plain");
	buf_putc(&b, ',');
	csv_field(&b, "a,b \"c\"");
	buf_putc(&b, ',');
	csv_field(&b, "=cmd|' /C calc'!A0");
	buf_putc(&b, ',');
	csv_field(&b, "两行\n文字");
	buf_putc(&b, ',');
	csv_field(&b, NULL);
	cr_assert_str_eq(buf_cstr(&b), "plain,\"a,b \"\"c\"\"\",\"'=cmd|' /C calc'!A0\",\"两行\n文字\",");
	buf_free(&b);
}

/* Writes cells[0..n) into row 1 of a workbook with xlsx_text and returns its
 * shared strings and sheet XML, n bytes in *len. */
static char *sheet_xml(const char *const *cells, int n, size_t *len)
{
	const char *tmp = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/lw-cells-XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	for (int i = 0; i < n; i++)
		cr_assert_eq(xlsx_text(ws, 0, (lxw_col_t)i, cells[i], NULL), LXW_NO_ERROR);
	cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "unzip -p %s xl/sharedStrings.xml xl/worksheets/sheet1.xml", path);
	FILE *p = popen(cmd, "r");
	char *out = arena_alloc(&A, 16384);
	*len = fread(out, 1, 16383, p);
	pclose(p);
	unlink(path);
	out[*len] = 0;
	return out;
}

Test(cells, xlsx_text_writes_strings_only)
{
	const char *cells[] = {"=1+1", "正常", ""};
	size_t n;
	char *out = sheet_xml(cells, 3, &n);
	cr_assert(strstr(out, "<t>'=1+1</t>"), "%s", out);
	cr_assert_null(strstr(out, "<f>"), "a formula was written: %s", out);
}

/* U+FFFE, U+FFFF and bytes that are not UTF-8 stored before the check must
 * not reach a sheet's XML: Excel refuses the whole sheet for one of them. */
Test(cells, xlsx_text_writes_only_what_xml_can_hold)
{
	const char *cells[] = {"标题\xEF\xBF\xBE\xEF\xBF\xBF尾", "坏\xED\xA0\x80字节", "=\xEF\xBF\xBF" "1+1"};
	size_t n;
	char *out = sheet_xml(cells, 3, &n);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		i += utf8_decode(out + i, n - i, &cp);
		cr_assert(cp != UTF8_BAD && xml_char(cp), "the sheet XML holds U+%04X or bad bytes:\n%s", cp, out);
	}
	cr_assert(strstr(out, "标题尾"), "%s", out);
	cr_assert(strstr(out, "坏\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD字节"), "%s", out);
	cr_assert(strstr(out, "'=1+1"), "still no formula: %s", out);
}

Test(cells, csv_and_cell_text_are_mended)
{
	buf b = BUF_INIT;
	csv_field(&b, "a\xEF\xBF\xBF" "b\xFF");
	cr_assert_str_eq(buf_cstr(&b), "ab\xEF\xBF\xBD");
	buf_free(&b);
	cr_assert_str_eq(cell_text(&A, "\xEF\xBF\xBE=x"), "'=x", "what is left is still checked for a formula");
}
