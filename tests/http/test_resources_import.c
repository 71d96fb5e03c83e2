/* test_resources_import.c: bulk import of resources from CSV and XLSX: a bad
 * row is reported by row and column and nothing is written; a good file is
 * previewed and written only on confirmation; the same rows again add
 * nothing; the template reads back; the activity import still reads through
 * the shared table reader. */
#include "harness.h"
#include "test_resources.h"
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#define PW "resimport-pass-1"

LW_SERVER("", NULL)

static const char *HEAD = "资源名称,资源类别,开放单位,地址,面向对象,预约电话,状态\r\n";

static lw_resp *import(lw_client *c, long long unit, long long week, const char *name, const char *data, size_t len)
{
	return rs_upload_with(c, lw_printf("/units/%lld/resources/import", unit), "file", name, data, len, "week",
			      lw_printf("%lld", week));
}

static long long import_id(const lw_resp *r)
{
	return lw_id_after(r->body, "/resources/import/confirm", "name=\"id\" value=\"");
}

Test(resource_import, a_bad_row_is_reported_and_nothing_is_written)
{
	fx f = fx_load();
	lw_client *ed = lw_signed_in("rie", "unit_editor", "东湖区", PW, NULL);
	/* the good row's name is this test's own: other tests of this program
	 * import into the same unit at the same time, so counting is no proof */
	char *good = lw_unique("图书角导入甲");
	char *csv = lw_printf("%s%s,图书资料,东湖区图书馆,某路 1 号,老年人群,,开放\r\n"
			      "坏行,宇宙飞船,某校,某路,,12345,开放\r\n", HEAD, good);
	lw_resp *r = import(ed, f.donghu, f.week, "resources.csv", csv, strlen(csv));
	lw_expect(r, 422, "第 3 行");
	cr_assert(lw_has(r, "B 列「资源类别」"), "the column is not named:\n%s", lw_excerpt(r));
	cr_assert(lw_has(r, "F 列「预约电话」"), "the phone error is not reported:\n%s", lw_excerpt(r));
	cr_assert(lw_has(r, "宇宙飞船"));
	cr_assert(!lw_has(r, "/resources/import/confirm"), "a file with errors offers a confirmation");
	lw_resp *list = lw_get(ed, lw_printf("/units/%lld/resources?week=%lld&%s", f.donghu, f.week, lw_form("q", good, NULL)));
	cr_assert_eq(list->status, 200);
	cr_assert(lw_has(list, "<p>共 0 项；"), "a file with errors wrote something: its good row is in the unit's list\n%s",
		  lw_excerpt(list));
	lw_expect(lw_get(lw_client_new(), lw_printf("/resources?week=%lld&%s", f.week, lw_form("q", good, NULL))), 200, "找到 0 项");
}

Test(resource_import, preview_then_confirm_and_a_second_import_adds_nothing)
{
	fx f = fx_load();
	lw_client *ed = lw_signed_in("rip", "unit_editor", "东湖区", PW, NULL);
	long long before = rs_count(ed, f.donghu, f.week);
	char *csv = lw_printf("\xEF\xBB\xBF%s导入的机房,场地,东湖区社区教育学院,某路 5 号,老年人群、企业职工,0791-86123456,开放\r\n"
			      "导入的讲师团,师资,东湖区老年大学,某路 6 号,,,开放\r\n"
			      "导入的讲师团,师资,东湖区老年大学,某路 6 号,,,开放\r\n", HEAD);
	lw_resp *r = import(ed, f.donghu, f.week, "resources.csv", csv, strlen(csv));
	lw_expect(r, 200, "可导入的新资源：<strong>2</strong>");
	cr_assert(lw_has(r, "与前面的行相同"));
	cr_assert_eq(rs_count(ed, f.donghu, f.week), before, "the preview wrote something");
	long long id = import_id(r);
	cr_assert_gt(id, 0, "no confirm form:\n%s", lw_excerpt(r));
	/* another unit cannot confirm it, not even through its own unit's URL */
	lw_client *xi = lw_signed_in("rix", "unit_editor", "西湖区", PW, NULL);
	lw_expect(lw_submit(xi, lw_printf("/units/%lld/resources/import/confirm", f.xihu), "id", lw_printf("%lld", id), NULL), 404,
		  "找不到这次导入");
	lw_expect(lw_submit(xi, lw_printf("/units/%lld/resources/import/confirm", f.donghu), "id", lw_printf("%lld", id), NULL), 403,
		  "无权访问");
	lw_resp *ok = lw_submit(ed, lw_printf("/units/%lld/resources/import/confirm", f.donghu), "id", lw_printf("%lld", id), NULL);
	cr_assert_eq(ok->status, 303, "%s", lw_excerpt(ok));
	cr_assert_eq(rs_count(ed, f.donghu, f.week), before + 2);
	lw_expect(lw_submit(ed, lw_printf("/units/%lld/resources/import/confirm", f.donghu), "id", lw_printf("%lld", id), NULL), 409,
		  "确认过了");
	/* the same rows again, as GB18030 (Excel's default CSV in China): all seen */
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	cr_assert(cd != (iconv_t)-1);
	char *in = csv + 3, *gbk = calloc(1, strlen(csv) * 2), *o = gbk;
	size_t inl = strlen(in), outl = strlen(csv) * 2;
	cr_assert_neq(iconv(cd, &in, &inl, &o, &outl), (size_t)-1);
	iconv_close(cd);
	lw_resp *again = import(ed, f.donghu, f.week, "resources-gbk.csv", gbk, (size_t)(o - gbk));
	lw_expect(again, 200, "GBK");
	cr_assert(lw_has(again, "已导入过、将跳过：2 行"), "%s", lw_excerpt(again));
	cr_assert(lw_has(again, "没有新的资源需要导入"));
	free(gbk);
	cr_assert_eq(rs_count(ed, f.donghu, f.week), before + 2);
	/* the imported phone is masked for the editor like any other */
	lw_expect(lw_get(ed, lw_printf("/units/%lld/resources?week=%lld", f.donghu, f.week)), 200, "0791-****3456");
}

Test(resource_import, the_template_reads_back_and_other_files_are_refused)
{
	fx f = fx_load();
	lw_client *ed = lw_signed_in("rit", "unit_editor", "东湖区", PW, NULL);
	lw_resp *t = lw_get(ed, lw_printf("/units/%lld/resources/import/template.xlsx", f.donghu));
	cr_assert_eq(t->status, 200);
	cr_assert(!strncmp(lw_header(t, "Content-Type"), "application/vnd.openxmlformats", 30));
	cr_assert(t->len > 1000 && !memcmp(t->body, "PK", 2), "not an xlsx");
	lw_resp *back = import(ed, f.donghu, f.week, "模板.xlsx", t->body, t->len);
	lw_expect(back, 200, "Excel 工作簿");
	cr_assert(lw_has(back, "模板的示例行，将跳过：1 行"), "%s", lw_excerpt(back));
	lw_expect(import(ed, f.donghu, f.week, "photo.csv", PNG_BYTES, sizeof PNG_BYTES - 1), 415, "图片或 PDF");
	lw_expect(import(ed, f.donghu, f.week, "x.csv", "a,b\r\n1,2\r\n", 10), 422, "没有找到表头");
	lw_expect(import(ed, f.donghu, f.week, "x.xlsx", "not a zip", 9), 415, "不是 Excel 工作簿");
	lw_client *viewer = lw_signed_in("riv", "centre_viewer", NULL, PW, NULL);
	lw_expect(lw_get(viewer, lw_printf("/units/%lld/resources/import", f.donghu)), 403, "没有权限");
}

Test(resource_import, the_activity_import_reads_through_the_shared_reader)
{
	fx f = fx_load();
	lw_client *ed = lw_signed_in("ria", "unit_editor", "东湖区", PW, NULL);
	const char *csv = "活动名称,主办单位,活动内容,线上/线下,开始时间,结束时间,活动地点\r\n"
			  "共享读取测试讲座,东湖区社区教育学院,全民阅读,线下,2022-12-02 09:00,2022-12-02 11:00,某路 1 号\r\n"
			  "坏的一行,东湖区社区教育学院,全民阅读,线下,2022-12-02 09:00,明天,某路 1 号\r\n";
	lw_resp *r = rs_upload_with(ed, lw_printf("/units/%lld/imports", f.donghu), "file", "acts.csv", csv, strlen(csv), "week",
				    lw_printf("%lld", f.week));
	lw_expect(r, 422, "第 3 行");
	cr_assert(lw_has(r, "F 列「结束时间」"), "%s", lw_excerpt(r));
}

/* A retired unit takes no more records: its single create and its activity
 * import refuse, and so does its resource import, both a new upload and the
 * confirmation of a preview made before the unit was retired. 青山湖区 is
 * this test's own: no other test of this program uses it. */
Test(resource_import, a_retired_unit_imports_nothing)
{
	fx f = fx_load();
	lw_client *ca = lw_client_new();
	lw_login_ok(ca, "centre_admin", lw_demo_password("centre_admin"));
	long long unit = lw_id_after(lw_get(ca, "/admin/units")->body, "<td>青山湖区</td>", "?unit=");
	cr_assert_gt(unit, 0, "青山湖区 not found");
	lw_client *ed = lw_signed_in("rir", "unit_editor", "青山湖区", PW, NULL);
	char *before_name = lw_unique("停用前预览的资源"), *after_name = lw_unique("停用后上传的资源");
	char *csv = lw_printf("%s%s,场地,青山湖区社区教育学院,某路 8 号,,,开放\r\n", HEAD, before_name);
	lw_resp *r = import(ed, unit, f.week, "resources.csv", csv, strlen(csv));
	lw_expect(r, 200, "可导入的新资源：<strong>1</strong>");
	long long id = import_id(r);
	cr_assert_gt(id, 0, "no confirm form:\n%s", lw_excerpt(r));
	long long before = rs_count(ca, unit, f.week);

	lw_resp *ret = lw_post(ca, lw_printf("/admin/units/%lld/retire", unit), lw_printf("_csrf=%s", lw_csrf(ca)));
	cr_assert_eq(ret->status, 303, "%s", lw_excerpt(ret));
	csv = lw_printf("%s%s,场地,青山湖区社区教育学院,某路 9 号,,,开放\r\n", HEAD, after_name);
	lw_resp *up = import(ed, unit, f.week, "resources.csv", csv, strlen(csv));
	lw_resp *ok = lw_submit(ed, lw_printf("/units/%lld/resources/import/confirm", unit), "id", lw_printf("%lld", id), NULL);
	long long after = rs_count(ca, unit, f.week);
	lw_resp *res = lw_post(ca, lw_printf("/admin/units/%lld/restore", unit), lw_printf("_csrf=%s", lw_csrf(ca)));
	cr_assert_eq(res->status, 303, "%s", lw_excerpt(res));

	lw_expect(up, 409, "该单位已停用，不能再导入学习资源");
	cr_assert(!lw_has(up, "/resources/import/confirm"), "a retired unit's upload offers a confirmation");
	lw_expect(ok, 409, "该单位已停用，不能再导入学习资源");
	cr_assert_eq(after, before, "a retired unit's resource import wrote %lld resource(s)", after - before);
	lw_client *pub = lw_client_new();
	lw_expect(lw_get(pub, lw_printf("/resources?week=%lld&%s", f.week, lw_form("q", before_name, NULL))), 200, "找到 0 项");
	lw_expect(lw_get(pub, lw_printf("/resources?week=%lld&%s", f.week, lw_form("q", after_name, NULL))), 200, "找到 0 项");
}
