/* test_cells.c: spreadsheet cell text never starts a formula. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include "out/cells.h"

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

Test(cells, xlsx_text_writes_strings_only)
{
	const char *tmp = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/lw-cells-XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	cr_assert_eq(xlsx_text(ws, 0, 0, "=1+1", NULL), LXW_NO_ERROR);
	cr_assert_eq(xlsx_text(ws, 0, 1, "正常", NULL), LXW_NO_ERROR);
	cr_assert_eq(xlsx_text(ws, 0, 2, "", NULL), LXW_NO_ERROR);
	cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "unzip -p %s xl/sharedStrings.xml xl/worksheets/sheet1.xml", path);
	FILE *p = popen(cmd, "r");
	char out[8192] = "";
	size_t n = fread(out, 1, sizeof out - 1, p);
	pclose(p);
	unlink(path);
	out[n] = 0;
	cr_assert(strstr(out, "<t>'=1+1</t>"), "%s", out);
	cr_assert_null(strstr(out, "<f>"), "a formula was written: %s", out);
}
