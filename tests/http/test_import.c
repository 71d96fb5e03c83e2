/* test_import.c: bulk import of activities: the template, .xlsx (from the
 * template, and as LibreOffice writes it) and .csv in UTF-8, UTF-8 with BOM
 * and GBK; the row-by-row report; bad files; re-import (10,000 rows: in
 * test_import_large.c). Each test works in a unit of its own, so the tests
 * cannot see each other's rows. */
#include "test_import.h"
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

LW_SERVER("", NULL)

/* ---- helpers ---- */

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = tkeep(malloc((size_t)len + 1));
	cr_assert_eq(fread(p, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	p[len] = 0;
	*n = (size_t)len;
	return p;
}

static char *tmp_path(const char *name)
{
	return lw_printf("%s/%ld-%s", getenv("LW_HTTP_TMP"), (long)getpid(), name);
}

static void spit(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	cr_assert_eq(fwrite(p, 1, n, f), n);
	fclose(f);
}

/* Upload, check the preview, confirm; returns the confirmation's flash page. */
static void import_ok(unit_admin *u, const char *filename, const void *data, size_t n, int expect_new, const char *kind)
{
	long long id = import_id(upload(u, filename, data, n));
	lw_resp *p = preview(u, id);
	lw_expect(p, 200, "导入预览");
	cr_assert(lw_has(p, lw_printf("可导入的新活动：<strong>%d</strong>", expect_new)), "expected %d new rows:\n%s", expect_new,
		  lw_excerpt(p));
	if (kind)
		cr_assert(lw_has(p, kind), "read as %s?\n%s", kind, lw_excerpt(p));
	lw_resp *c = confirm(u, id, "published");
	cr_assert_eq(c->status, 303, "confirm: %ld\n%s", c->status, lw_excerpt(c));
	lw_resp *list = lw_get(u->c, lw_header(c, "Location"));
	cr_assert(lw_has(list, lw_printf("已导入 %d 项活动", expect_new)), "no flash after confirm:\n%s", lw_excerpt(list));
}

/* ---- the template ---- */

Test(import, template_is_an_xlsx_with_headers_lists_and_help)
{
	unit_admin u = admin_of("donghu");
	lw_resp *r = lw_get(u.c, lw_printf("/units/%lld/imports/template.xlsx", u.unit));
	cr_assert_eq(r->status, 200, "%s", lw_excerpt(r));
	const char *ct = lw_header(r, "Content-Type");
	cr_assert(ct && strstr(ct, "spreadsheetml"), "Content-Type %s", ct ? ct : "");
	const char *cd = lw_header(r, "Content-Disposition");
	cr_assert(cd && strstr(cd, "attachment") && strstr(cd, ".xlsx"), "Content-Disposition %s", cd ? cd : "");
	cr_assert(r->len > 1000 && !memcmp(r->body, "PK\x03\x04", 4), "not a ZIP");
	char *path = tmp_path("template.xlsx");
	spit(path, r->body, r->len);
	int err;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	cr_assert_not_null(z);
	const char *parts[] = {"xl/workbook.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"};
	char *text[3];
	for (int i = 0; i < 3; i++) {
		zip_stat_t st;
		cr_assert_eq(zip_stat(z, parts[i], 0, &st), 0, "no %s", parts[i]);
		zip_file_t *f = zip_fopen(z, parts[i], 0);
		text[i] = calloc(1, st.size + 1);
		cr_assert_eq(zip_fread(f, text[i], st.size), (zip_int64_t)st.size);
		zip_fclose(f);
	}
	zip_discard(z);
	cr_assert(strstr(text[0], "name=\"活动\"") && strstr(text[0], "name=\"填写说明\"") && strstr(text[0], "name=\"可选值\""),
		  "sheets: %s", text[0]);
	const char *heads[] = {"活动名称", "主办单位", "协办单位", "活动内容", "学习主题", "活动形式", "参与对象", "线上/线下",
			       "开始时间", "结束时间", "活动地点", "所在街道/乡镇", "线上链接", "人数上限", "活动简介",
			       "有特色的活动", "主办方报告的参与人数", "智慧助老", "线上线下", "老年人群", "【示例】"};
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
		cr_assert(strstr(text[1], heads[i]), "template lacks %s", heads[i]);
	cr_assert(strstr(text[2], "<dataValidation") && strstr(text[2], "type=\"list\"") &&
		  strstr(text[2], "<formula1>\"学习宣传贯彻二十大精神,") && strstr(text[2], "<formula1>\"线下,线上,线上线下\"</formula1>") &&
		  strstr(text[2], "<formula1>\"是,否\"</formula1>"), "no drop-down lists in the sheet");
	cr_assert(strstr(text[2], "<pane") && strstr(text[2], "state=\"frozen\""), "header row not frozen");
	cr_assert(strstr(text[2], "<col "), "no column widths");
	for (int i = 0; i < 3; i++)
		free(text[i]);

	/* a template uploaded as it is holds only the example row: nothing to import */
	long long id = import_id(upload(&u, "模板.xlsx", r->body, r->len));
	lw_resp *p = preview(&u, id);
	lw_expect(p, 200, "模板的示例行，将跳过：1 行");
	cr_assert(lw_has(p, "可导入的新活动：<strong>0</strong>"));
	cr_assert(!lw_has(p, "确认导入</button>"), "a confirm button for nothing");
}

Test(import, template_needs_unit_edit_rights)
{
	unit_admin u = admin_of("xihu");
	unit_admin other = admin_of("qingshanhu");
	lw_resp *r = lw_get(other.c, lw_printf("/units/%lld/imports/template.xlsx", u.unit));
	lw_expect(r, 403, "无权");
	lw_client *anon = lw_client_new();
	r = lw_get(anon, lw_printf("/units/%lld/imports/new", u.unit));
	cr_assert_eq(r->status, 303, "anonymous goes to the login page");
	char *viewer = lw_unique("imv");
	lw_add_user(viewer, "centre_viewer", NULL, "viewer-pass-1");
	lw_client *v = lw_client_new();
	lw_login_ok(v, viewer, "viewer-pass-1");
	lw_expect(lw_get(v, lw_printf("/units/%lld/imports/new", u.unit)), 403, "没有权限");
}

/* ---- xlsx from the template, and as LibreOffice writes it ---- */

static char *xml_escape(const char *s)
{
	size_t n = 0;
	char *o = malloc(strlen(s) * 6 + 1);
	for (; *s; s++) {
		const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;
		if (rep)
			n += (size_t)sprintf(o + n, "%s", rep);
		else
			o[n++] = *s;
	}
	o[n] = 0;
	return o;
}

/* A template row: text cells as inline strings, the two times as Excel
 * serial numbers (what Excel stores when someone types a date). */
static char *xlsx_row(int row, const char *const cells[17], double start, double end)
{
	size_t cap = 8192, n = 0;
	char *s = tkeep(malloc(cap));
	n += (size_t)snprintf(s + n, cap - n, "<row r=\"%d\">", row);
	for (int k = 0; k < 17; k++) {
		char col = (char)('A' + k);
		if (k == 8 || k == 9) {
			n += (size_t)snprintf(s + n, cap - n, "<c r=\"%c%d\"><v>%.10g</v></c>", col, row, k == 8 ? start : end);
		} else if (cells[k] && *cells[k]) {
			char *e = xml_escape(cells[k]);
			n += (size_t)snprintf(s + n, cap - n, "<c r=\"%c%d\" t=\"inlineStr\"><is><t>%s</t></is></c>", col, row, e);
			free(e);
		}
	}
	snprintf(s + n, cap - n, "</row>");
	return s;
}

/* The template downloaded from the server with rows added below its example. */
static char *filled_template(unit_admin *u, const char *rows, size_t *len)
{
	lw_resp *t = lw_get(u->c, lw_printf("/units/%lld/imports/template.xlsx", u->unit));
	cr_assert_eq(t->status, 200);
	char *path = tmp_path("filled.xlsx");
	spit(path, t->body, t->len);
	int err;
	zip_t *z = zip_open(path, 0, &err);
	cr_assert_not_null(z);
	zip_stat_t st;
	cr_assert_eq(zip_stat(z, "xl/worksheets/sheet1.xml", 0, &st), 0);
	zip_file_t *f = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
	char *xml = calloc(1, st.size + 1);
	cr_assert_eq(zip_fread(f, xml, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	char *end = strstr(xml, "</sheetData>");
	cr_assert_not_null(end);
	size_t nl = st.size + strlen(rows) + 1;
	char *out = malloc(nl);
	size_t pre = (size_t)(end - xml);
	memcpy(out, xml, pre);
	strcpy(out + pre, rows);
	strcat(out, end);
	zip_source_t *src = zip_source_buffer(z, out, strlen(out), 1);
	cr_assert_geq(zip_file_add(z, "xl/worksheets/sheet1.xml", src, ZIP_FL_OVERWRITE), 0);
	cr_assert_eq(zip_close(z), 0, "zip_close");
	free(xml);
	return slurp(path, len);
}

/* 2022-12-02 is Excel day 44897. */
#define DAY(d) (44895.0 + (d))

static char *two_template_rows(const char *prefix, bool bad)
{
	const char *a[17] = {lw_printf("%s家长课堂", prefix), "东湖区社区教育学院", "", "线上线下终身学习、2", "家庭教育", "讲座",
			     "城乡社区居民", "线下", NULL, NULL, "学院三楼报告厅", "百花洲街道", "", "80",
			     "一行\n两行的简介 & <特殊> 字符", "是", "66"};
	const char *b[17] = {lw_printf("%s线上读书会", prefix), "东湖区图书馆", "豫章书院", "全民阅读", "", "读书活动",
			     "青少年、其他", "线上", NULL, NULL, "", "", bad ? "ftp://not-http" : "https://example.org/live",
			     "", "", "否", ""};
	return lw_printf("%s%s", xlsx_row(3, a, DAY(2) + 9.0 / 24, DAY(2) + 11.5 / 24),
			 xlsx_row(4, b, DAY(3) + 19.0 / 24, DAY(3) + 21.0 / 24));
}

Test(import, xlsx_made_from_the_template_imports_and_reimport_adds_nothing)
{
	unit_admin u = admin_of("donghu");
	char *prefix = lw_unique("模板");
	size_t n;
	char *x = filled_template(&u, two_template_rows(prefix, false), &n);
	import_ok(&u, "活动.xlsx", x, n, 2, "Excel 工作簿（.xlsx）");
	cr_assert_eq(count(&u, prefix), 2);
	/* the times came from serial numbers, as local (Beijing) time */
	lw_resp *list = lw_get(u.c, lw_printf("/units/%lld/activities?week=1&q=%s", u.unit, "%E5%AE%B6%E9%95%BF%E8%AF%BE%E5%A0%82"));
	cr_assert(lw_has(list, "2022年12月2日（星期五）09:00–11:30"), "%s", lw_excerpt(list));

	long long again = import_id(upload(&u, "活动.xlsx", x, n));
	lw_resp *p = preview(&u, again);
	lw_expect(p, 200, "已导入过，将跳过");
	cr_assert(lw_has(p, "可导入的新活动：<strong>0</strong>"));
	cr_assert_eq(count(&u, prefix), 2, "re-import made duplicates");
}

Test(import, xlsx_with_one_bad_row_reports_it_and_writes_nothing)
{
	unit_admin u = admin_of("honggutan");
	char *prefix = lw_unique("坏行");
	size_t n;
	char *x = filled_template(&u, two_template_rows(prefix, true), &n);
	lw_resp *r = upload(&u, "活动.xlsx", x, n);
	lw_expect(r, 422, "错误报告：1 行有错误");
	cr_assert(lw_has(r, "<td>第 4 行</td><td>M 列「线上链接」</td>"), "row and column not named:\n%s", lw_excerpt(r));
	cr_assert(lw_has(r, "http:// 或 https://"), "what is wrong not said:\n%s", lw_excerpt(r));
	cr_assert(!lw_has(r, "第 3 行</td>"), "the good row is reported as bad");
	cr_assert(!lw_header(r, "Location"));
	cr_assert_eq(count(&u, prefix), 0, "a file with an error wrote rows");
}

/* LibreOffice Calc opens our template, filled, and saves it again
 * (tests/soffice.sh: a profile of its own; fails naming libreoffice-calc-nogui
 * when Calc is missing). */
Test(import, xlsx_saved_by_libreoffice_imports)
{
	unit_admin u = admin_of("xinjian");
	char *prefix = lw_unique("LO");
	size_t n;
	char *x = filled_template(&u, two_template_rows(prefix, false), &n);
	char *dir = tmp_path("lo");
	mkdir(dir, 0700);
	spit(lw_printf("%s/in.xlsx", dir), x, n);
	char *cmd = lw_printf("sh tests/soffice.sh '%s/out' xlsx:'Calc Office Open XML' '%s/in.xlsx' 2>'%s/lo.log'", dir, dir, dir);
	if (system(cmd) != 0) {
		size_t k;
		cr_assert_fail("LibreOffice Calc did not save the workbook:\n%s", slurp(lw_printf("%s/lo.log", dir), &k));
	}
	size_t m;
	char *lo = slurp(lw_printf("%s/out/in.xlsx", dir), &m);
	cr_assert(m != n || memcmp(lo, x, n), "LibreOffice wrote the same bytes back");
	import_ok(&u, "lo.xlsx", lo, m, 2, "Excel 工作簿");
	cr_assert_eq(count(&u, prefix), 2);
}

Test(import, committed_libreoffice_file_imports)
{
	unit_admin u = admin_of("linkong");
	size_t n;
	char *x = slurp("tests/fixtures/import-libreoffice.xlsx", &n);
	long long id = import_id(upload(&u, "import-libreoffice.xlsx", x, n));
	lw_resp *p = preview(&u, id);
	lw_expect(p, 200, "临空区家长课堂（LibreOffice）");
	cr_assert(lw_has(p, "2022年12月2日（星期五）09:00–11:00"), "LibreOffice serial dates:\n%s", lw_excerpt(p));
	cr_assert(lw_has(p, "2022年12月3日（星期六）19:30–21:00"));
	if (lw_has(p, "可导入的新活动：<strong>2</strong>")) {
		lw_resp *c = confirm(&u, id, "draft");
		cr_assert_eq(c->status, 303, "%s", lw_excerpt(c));
	}
	cr_assert_eq(count(&u, "（LibreOffice）"), 2);
}

/* ---- CSV in three encodings ---- */

Test(import, csv_utf8)
{
	unit_admin u = admin_of("qingyunpu");
	char *prefix = lw_unique("UTF8");
	char *csv = csv_rows(prefix, 3);
	import_ok(&u, "活动.csv", csv, strlen(csv), 3, "CSV（UTF-8）");
	cr_assert_eq(count(&u, prefix), 3);
	/* quoting survived: a comma inside a cell and doubled quotes */
	lw_resp *list = lw_get(u.c, lw_printf("/units/%lld/activities?week=1&q=%s", u.unit, prefix));
	long long id = lw_id_after(list->body, "<tbody>", "/activities/");
	lw_resp *a = lw_get(u.c, lw_printf("/activities/%lld", id));
	cr_assert(lw_has(a, "二楼") && lw_has(a, "含 &quot;引号&quot;"), "%s", lw_excerpt(a));
}

Test(import, csv_utf8_with_bom)
{
	unit_admin u = admin_of("nanchangxian");
	char *prefix = lw_unique("BOM");
	char *csv = lw_printf("\xEF\xBB\xBF%s", csv_rows(prefix, 2));
	import_ok(&u, "活动.csv", csv, strlen(csv), 2, "CSV（UTF-8，带 BOM）");
	cr_assert_eq(count(&u, prefix), 2);
}

static char *to_gbk(const char *s, size_t *outn)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	cr_assert(cd != (iconv_t)-1);
	size_t n = strlen(s), cap = n * 2 + 4, left = cap;
	char *out = tkeep(malloc(cap)), *o = out, *in = (char *)s;
	cr_assert_neq(iconv(cd, &in, &n, &o, &left), (size_t)-1, "iconv to GB18030");
	iconv_close(cd);
	*outn = cap - left;
	return out;
}

Test(import, csv_gbk_as_excel_on_chinese_windows_writes_it)
{
	unit_admin u = admin_of("jinxian");
	char *prefix = lw_unique("GBK");
	size_t n;
	char *gbk = to_gbk(csv_rows(prefix, 2), &n);
	import_ok(&u, "活动.csv", gbk, n, 2, "GBK/GB18030");
	cr_assert_eq(count(&u, prefix), 2, "GBK text not decoded");
	/* the same rows in UTF-8 are the same activities */
	char *utf8 = csv_rows(prefix, 2);
	lw_resp *p = preview(&u, import_id(upload(&u, "again.csv", utf8, strlen(utf8))));
	cr_assert(lw_has(p, "已导入过、将跳过：2 行"), "%s", lw_excerpt(p));
}

/* ---- bad files ---- */

Test(import, not_a_zip_xlsx_is_refused)
{
	unit_admin u = admin_of("anyi");
	const char *fake = "活动名称,主办单位\n这不是 Excel,只是改了扩展名\n";
	lw_resp *r = upload(&u, "活动.xlsx", fake, strlen(fake));
	lw_expect(r, 415, "不是 Excel 工作簿");
	static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest of an old xls";
	r = upload(&u, "旧.xls", ole, sizeof ole - 1);
	lw_expect(r, 415, ".xls");
	static const char pk[] = "PK\x03\x04 broken zip";
	r = upload(&u, "坏.xlsx", pk, sizeof pk - 1);
	lw_expect(r, 415, "已损坏");
	lw_assert_alive();
}

Test(import, xlsx_without_a_sheet_is_refused)
{
	unit_admin u = admin_of("anyi");
	char *path = tmp_path("nosheet.xlsx");
	int err;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	const char *wb = "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
			 "<sheets/></workbook>";
	zip_file_add(z, "xl/workbook.xml", zip_source_buffer(z, wb, strlen(wb), 0), 0);
	cr_assert_eq(zip_close(z), 0);
	size_t n;
	char *x = slurp(path, &n);
	lw_expect(upload(&u, "空.xlsx", x, n), 422, "没有工作表");
}

Test(import, csv_with_a_broken_encoding_is_refused)
{
	unit_admin u = admin_of("anyi");
	/* UTF-8 with a damaged character on line 3 */
	const char *damaged = HEADER "读书会,图书馆,,全民阅读,,,,线下,2022-12-02 09:00,2022-12-02 10:00,图书馆,,,,,,\n"
				     "读\xE4\xB9书会,图书馆,,全民阅读,,,,线下,2022-12-02 09:00,2022-12-02 10:00,图书馆,,,,,,\n";
	lw_resp *r = upload(&u, "坏.csv", damaged, strlen(damaged));
	lw_expect(r, 422, "第 3 行有无法识别的字符");
	cr_assert(lw_has(r, "CSV UTF-8"), "says how to save it properly");
	/* neither UTF-8 nor GB18030 */
	const char junk[] = "\x80\xFF\x80\xFF,\xFF\n";
	lw_expect(upload(&u, "乱码.csv", junk, sizeof junk - 1), 422, "无法识别文件的编码");
	lw_assert_alive();
}

Test(import, wrong_header_row_is_refused)
{
	unit_admin u = admin_of("anyi");
	const char *other = "姓名,电话\n张三,13800000000\n";
	lw_expect(upload(&u, "名单.csv", other, strlen(other)), 422, "没有找到表头");
	const char *missing = "活动名称,主办单位,活动内容\n读书会,图书馆,全民阅读\n";
	lw_resp *r = upload(&u, "缺列.csv", missing, strlen(missing));
	lw_expect(r, 422, "缺少必填的列");
	cr_assert(lw_has(r, "「开始时间」") && lw_has(r, "「线上/线下」"), "%s", lw_excerpt(r));
	lw_expect(upload(&u, "空.csv", "", 0), 400, "选择的文件是空的");
}

Test(import, csv_bad_rows_name_row_column_and_problem)
{
	unit_admin u = admin_of("wanli");
	char *prefix = lw_unique("报告");
	char *csv = lw_printf(HEADER
		"%s好行,学院,,全民阅读,,,,线下,2022-12-02 09:00,2022-12-02 10:00,图书馆,,,,,,\n"
		"%s坏时间,学院,,全民阅读,,,,线下,2022-12-02,2022-12-02 10:00,图书馆,,,,,,\n"
		"%s坏内容,学院,,不存在的内容,,,,线下,2022-12-02 09:00,2022-12-02 08:00,图书馆,,,-5,,也许,\n",
		prefix, prefix, prefix);
	lw_resp *r = upload(&u, "报告.csv", csv, strlen(csv));
	lw_expect(r, 422, "2 行有错误");
	const char *want[] = {
		"<td>第 3 行</td><td>I 列「开始时间」</td><td>「开始时间」只有日期",
		"<td>第 4 行</td><td>D 列「活动内容」</td><td>「活动内容」中的「不存在的内容」不在可选范围内",
		"<td>第 4 行</td><td>J 列「结束时间」</td><td>「结束时间」必须晚于「开始时间」",
		"<td>第 4 行</td><td>N 列「人数上限」</td>",
		"<td>第 4 行</td><td>P 列「有特色的活动」</td><td>「有特色的活动」只能填“是”或“否”",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		cr_assert(lw_has(r, want[i]), "report lacks %s:\n%s", want[i], lw_excerpt(r));
	cr_assert_eq(count(&u, prefix), 0, "rows were written from a file with errors");
}

/* Issue 12: the row, dated 2026-12-05 in a file for the 2022 week, is
 * refused with the week's dates; nothing of the file is written. */
Test(import, a_row_outside_the_week_is_refused_naming_its_dates)
{
	unit_admin u = admin_of("anyi");
	char *prefix = lw_unique("周外");
	char *csv = lw_printf(HEADER
		"%s周内,学院,,全民阅读,,,,线下,2022-12-02 09:00,2022-12-02 10:00,图书馆,,,,,,\n"
		"%s周外,学院,,全民阅读,,,,线下,2026-12-05 09:00,2026-12-05 10:00,图书馆,,,,,,186\n",
		prefix, prefix);
	lw_resp *r = upload(&u, "周外.csv", csv, strlen(csv));
	lw_expect(r, 422, "1 行有错误");
	cr_assert(lw_has(r, "<td>第 3 行</td><td>I 列「开始时间」</td><td>活动时间不在本届活动周（2022年12月1日至2022年12月7日）之内"),
		  "%s", lw_excerpt(r));
	cr_assert_eq(count(&u, prefix), 0, "rows were written from a file with errors");
}

/* The same row marked 周外活动 in the template's column: imported, with the
 * warning in the preview, shown in the list and counted in no figure. */
Test(import, a_row_marked_off_week_is_imported_and_counted_nowhere)
{
	unit_admin u = admin_of("wanli");
	char *prefix = lw_unique("周外导入");
	char *csv = lw_printf("活动名称,主办单位,协办单位,活动内容,学习主题,活动形式,参与对象,线上/线下,开始时间,结束时间,活动地点,"
			      "所在街道/乡镇,线上链接,人数上限,活动简介,有特色的活动,主办方报告的参与人数,周外活动\n"
			      "%s,学院,,全民阅读,,,,线下,2026-12-05 09:00,2026-12-05 10:00,图书馆,,,,,,186,是\n", prefix);
	lw_resp *r = upload(&u, "周外.csv", csv, strlen(csv));
	long long id = import_id(r);
	lw_resp *p = preview(&u, id);
	lw_expect(p, 200, "已标为周外活动：显示在日历上，不计入总结表和统计。");
	cr_assert(lw_has(p, "可导入的新活动：<strong>1</strong>"), "%s", lw_excerpt(p));
	cr_assert_eq(confirm(&u, id, "published")->status, 303);
	cr_assert_eq(count(&u, prefix), 1, "the row is kept");
	/* the form page lists it apart, as not counted */
	lw_resp *form = lw_get(u.c, lw_printf("/units/%lld/report?week=1", u.unit));
	lw_expect(form, 200, "周外活动（1 场，不计入本表）");
	cr_assert(lw_has(form, prefix), "%s", lw_excerpt(form));
	/* anything but 是 or 否 is refused, naming the column */
	char *bad = lw_printf("活动名称,主办单位,活动内容,线上/线下,开始时间,结束时间,活动地点,周外活动\n"
			      "%s二,学院,全民阅读,线下,2022-12-02 09:00,2022-12-02 10:00,图书馆,也许\n", prefix);
	lw_expect(upload(&u, "周外2.csv", bad, strlen(bad)), 422, "「周外活动」只能填“是”或“否”，现在是「也许」。");
}

Test(import, confirm_is_once_and_needs_a_status)
{
	unit_admin u = admin_of("gaoxin");
	char *prefix = lw_unique("一次");
	char *csv = csv_rows(prefix, 2);
	long long id = import_id(upload(&u, "a.csv", csv, strlen(csv)));
	lw_expect(confirm(&u, id, "cancelled"), 400, "草稿或直接发布");
	cr_assert_eq(confirm(&u, id, "draft")->status, 303);
	lw_expect(confirm(&u, id, "draft"), 409, "已经导入过了");
	cr_assert_eq(count(&u, prefix), 2);
	/* someone of another unit cannot see or confirm it */
	unit_admin other = admin_of("jingkai");
	lw_expect(preview(&other, id), 403, "无权");
	lw_expect(confirm(&other, id, "draft"), 403, "无权");
	/* a discarded import cannot be confirmed */
	char *csv2 = csv_rows(lw_unique("放弃"), 1);
	long long id2 = import_id(upload(&u, "b.csv", csv2, strlen(csv2)));
	cr_assert_eq(lw_submit(u.c, lw_printf("/imports/%lld/discard", id2), NULL)->status, 303);
	lw_expect(confirm(&u, id2, "draft"), 409, "放弃导入");
}

Test(import, oversized_upload_is_refused)
{
	unit_admin u = admin_of("jingkai");
	size_t n = 22 * 1024 * 1024;
	char *big = malloc(n);
	memset(big, 'a', n);
	lw_resp *r = upload(&u, "big.csv", big, n);
	free(big);
	cr_assert(r->status == 413 || r->status == 0, "expected 413, got %ld", r->status);
	lw_assert_alive();
}

/* An OOXML _xHHHH_ escape names a character: a lone surrogate (_xD800_) is no
 * character at all and U+FFFE cannot be written back to any XML; both rows
 * are refused, naming row and column, and nothing is stored. */
Test(import, xlsx_escapes_of_impossible_characters_are_refused)
{
	unit_admin u = admin_of("xinjian");
	char *prefix = lw_unique("转义");
	const char *a[17] = {lw_printf("%s讲座_xD800_", prefix), "东湖区社区教育学院", "", "全民阅读", "", "讲座",
			     "城乡社区居民", "线下", NULL, NULL, "学院三楼", "百花洲街道", "", "", "", "否", ""};
	const char *b[17] = {lw_printf("%s读书会", prefix), "东湖区图书馆_xFFFE_", "", "全民阅读", "", "读书活动",
			     "青少年", "线下", NULL, NULL, "图书馆", "百花洲街道", "", "", "", "否", ""};
	size_t n;
	char *x = filled_template(&u, lw_printf("%s%s", xlsx_row(3, a, DAY(2) + 9.0 / 24, DAY(2) + 11.5 / 24),
						xlsx_row(4, b, DAY(3) + 19.0 / 24, DAY(3) + 21.0 / 24)), &n);
	lw_resp *r = upload(&u, "活动.xlsx", x, n);
	lw_expect(r, 422, "错误报告：2 行有错误");
	cr_assert(lw_has(r, "<td>第 3 行</td><td>A 列「活动名称」</td>") && lw_has(r, "UTF-8"),
		  "the surrogate is not reported:\n%s", lw_excerpt(r));
	cr_assert(lw_has(r, "<td>第 4 行</td><td>B 列「主办单位」</td>") && lw_has(r, "U+FFFE"),
		  "U+FFFE is not reported:\n%s", lw_excerpt(r));
	cr_assert_eq(count(&u, prefix), 0, "a refused file wrote rows");
}
