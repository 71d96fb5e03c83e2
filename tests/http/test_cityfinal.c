/* test_cityfinal.c: the city form's own 定稿 (issue 13, point 3): the centre
 * finalises the city form built from two units' submissions; the final PDF
 * carries the code, the city's figures and a QR of the configured address;
 * /verify/CODE shows the city's frozen figures; a unit's resubmission voids
 * the city's code (the page and /verify say so) until the centre finalises
 * again, after which the old code reads 已被第 2 版取代; so does the
 * centre's override of a city field; units may not finalise it. */
#include "test_stats.h"

LW_SERVER(NULL, add_accounts)

static lw_resp *city_finalise(lw_client *c, long long week)
{
	return lw_submit(c, "/admin/city-form/finalise", "week", lw_printf("%lld", week), NULL);
}

/* The code of the city's valid 定稿 on the city form page, as printed. */
static char *city_code(lw_client *centre, long long week)
{
	lw_resp *page = lw_get(centre, lw_printf("/admin/city-form?week=%lld", week));
	const char *s = strstr(page->body, "定稿，校验码 <code>");
	cr_assert(s, "no city 定稿 on the page:\n%s", lw_excerpt(page));
	return lw_printf("%.14s", s + strlen("定稿，校验码 <code>"));
}

/* The unit submits again after its records changed: 重新定稿, the scan of it, 报送. */
static void resubmit(lw_client *c, long long unit, long long week)
{
	lw_expect(lw_submit(c, lw_printf("/units/%lld/report/finalise", unit), "week", lw_printf("%lld", week), NULL), 303, "");
	const char *pdf = lw_printf("%%PDF-1.4 scan %s", lw_unique("x"));
	lw_resp *r = attach(c, unit, week, "scan", "scan.pdf", pdf, strlen(pdf));
	cr_assert_eq(r->status, 303, "scan: %ld\n%s", r->status, lw_excerpt(r));
	lw_expect(lw_submit(c, lw_printf("/units/%lld/submission", unit), "week", lw_printf("%lld", week), NULL), 303, "");
}

Test(cityfinal, the_city_form_is_finalised_and_verifiable)
{
	long long week = week_of(2086);
	lw_client *centre = as(CENTRE), *dh = as("donghu_admin"), *xh = as("xihu_admin");
	long long donghu = unit_id("东湖区"), xihu = unit_id("西湖区");
	add_activity(dh, donghu, week, (act_spec){lw_unique("社区宣讲"), "offline", "1", NULL, NULL, NULL, "40", false, true});
	add_activity(xh, xihu, week, (act_spec){lw_unique("读书沙龙"), "offline", "2", NULL, NULL, NULL, "25", false, true});
	submit_report(dh, donghu, week);
	submit_report(xh, xihu, week);

	/* not finalised yet: the page offers it, the final files do not exist */
	lw_resp *page = lw_get(centre, lw_printf("/admin/city-form?week=%lld", week));
	lw_expect(page, 200, "定稿第 1 版");
	lw_expect(lw_get(centre, lw_printf("/admin/city-form/final.pdf?week=%lld", week)), 404, "全市总结表还没有定稿");
	/* a unit admin may not finalise the city form (the route table) */
	lw_expect(city_finalise(dh, week), 403, "没有权限");
	lw_expect(city_finalise(as(VIEWER), week), 403, "没有权限");
	/* a week that is not a number, or that does not exist: a plain refusal, nothing frozen */
	lw_expect(lw_submit(centre, "/admin/city-form/finalise", "week", "abc", NULL), 400, "活动周");
	lw_expect(lw_submit(centre, "/admin/city-form/finalise", "week", "99999999", NULL), 404, "没有这个活动周，没有保存任何内容");
	lw_expect(lw_submit(centre, "/admin/city-form/finalise", NULL), 404, "没有这个活动周，没有保存任何内容");
	/* the same for the city form's texts and a field's override: never the current week in its place */
	lw_expect(lw_submit(centre, "/admin/city-form", "plan_issuer", "不该保存的部门", NULL), 404, "没有这个活动周，没有保存任何内容");
	lw_expect(lw_submit(centre, "/admin/city-form/field", "week", "99999999", "field", "participants", "value", "1 人次",
			    "reason", "不该保存", NULL), 404, "没有这个活动周，没有保存任何内容");
	cr_assert_eq(sql_int("SELECT count(*) FROM reports WHERE plan_issuer = '不该保存的部门'"), 0, "nothing saved by a refused request");
	cr_assert_eq(sql_int("SELECT count(*) FROM finals f JOIN reports r ON r.id = f.report_id JOIN units u ON u.id = r.unit_id"
			     " WHERE u.parent_id IS NULL"), 0, "no city 定稿 made by a refused request");

	lw_expect(city_finalise(centre, week), 303, "");
	char *code = city_code(centre, week);
	const char *raw = lw_printf("%.4s%.4s%.4s", code, code + 5, code + 10);
	/* finalising again with nothing changed is refused, plainly */
	lw_resp *again = city_finalise(centre, week);
	lw_expect(again, 409, "无需重新定稿");
	cr_assert(!lw_has(again, "扫描件"), "the city's 定稿 has no scan to upload: %s", lw_excerpt(again));

	/* the final PDF: the code, the city's figures (40 + 25), a QR of the configured address */
	lw_resp *pdf = lw_get(centre, lw_printf("/admin/city-form/final.pdf?week=%lld", week));
	cr_assert_eq(pdf->status, 200, "final PDF: %ld", pdf->status);
	char *path = lw_save(pdf, "cityfinal", "pdf");
	char *text = lw_run(lw_printf("pdftotext -enc UTF-8 '%s' - 2>&1", path));
	cr_assert(strstr(text, code), "the code %s in the PDF text:\n%s", code, text);
	cr_assert(strstr(text, "65 人次"), "the city's participants in the PDF text:\n%s", text);
	cr_assert(strstr(text, "2 场"), "the city's activities in the PDF text:\n%s", text);
	cr_assert(!strstr(text, "草稿"), "no draft watermark");
	lw_run(lw_printf("pdftoppm -r 200 -png -singlefile '%s' '%s-page'", path, path));
	char *qr = lw_run(lw_printf("zbarimg -q --raw '%s-page.png' 2>/dev/null", path));
	cr_assert(strstr(qr, lw_printf("%s/verify/%s", lw_base(), raw)), "QR decodes to the configured address: %s", qr);
	lw_resp *docx = lw_get(centre, lw_printf("/admin/city-form/final.docx?week=%lld", week));
	cr_assert_eq(docx->status, 200, "final DOCX: %ld", docx->status);
	char *footer = lw_run(lw_printf("unzip -p '%s' word/footer1.xml", lw_save(docx, "cityfinal", "docx")));
	cr_assert(strstr(footer, code), "the code %s in the DOCX footer:\n%s", code, footer);

	/* anyone holding the printout sees the city's frozen figures */
	lw_client *reader = lw_client_new();
	lw_resp *v = lw_get(reader, lw_printf("/verify/%s", raw));
	lw_expect(v, 200, "最新版（已定稿）");
	cr_assert(lw_has(v, "65 人次") && lw_has(v, "2 场：线上 0，线下 2"), "the city's figures on /verify:\n%s", lw_excerpt(v));
	cr_assert(lw_has(v, "南昌市社区教育指导中心"), "the centre as the filing unit");

	/* 西湖区 adds an activity and submits again: the city's 定稿 is void */
	add_activity(xh, xihu, week, (act_spec){lw_unique("补录"), "offline", "1", NULL, NULL, NULL, "9", false, true});
	resubmit(xh, xihu, week);
	page = lw_get(centre, lw_printf("/admin/city-form?week=%lld", week));
	lw_expect(page, 200, "全市总结表第 1 版定稿已作废");
	cr_assert(lw_has(page, "重新定稿为第 2 版"), "a new 定稿 offered:\n%s", lw_excerpt(page));
	lw_expect(lw_get(centre, lw_printf("/admin/city-form/final.pdf?week=%lld", week)), 409, "已作废");
	lw_expect(lw_get(reader, lw_printf("/verify/%s", raw)), 200, "已作废");

	/* the new 定稿 supersedes the old code */
	lw_expect(city_finalise(centre, week), 303, "");
	lw_expect(lw_get(reader, lw_printf("/verify/%s", raw)), 200, "已被第 2 版取代");
	char *code2 = city_code(centre, week);
	v = lw_get(reader, lw_printf("/verify/%.4s%.4s%.4s", code2, code2 + 5, code2 + 10));
	lw_expect(v, 200, "最新版（已定稿）");
	cr_assert(lw_has(v, "74 人次") && lw_has(v, "3 场：线上 0，线下 3"), "the new figures:\n%s", lw_excerpt(v));

	/* the centre overrides a city field after 定稿: void again, on the page and on /verify (a cached page) */
	lw_resp *o = lw_submit(centre, "/admin/city-form/field", "week", lw_printf("%lld", week), "field", "participants", "value",
			       "80 人次（含线上直播）", "reason", "线上直播观看另计", NULL);
	cr_assert_eq(o->status, 303, "override: %ld\n%s", o->status, lw_excerpt(o));
	lw_expect(lw_get(centre, lw_printf("/admin/city-form?week=%lld", week)), 200, "全市总结表第 2 版定稿已作废");
	lw_expect(lw_get(reader, lw_printf("/verify/%.4s%.4s%.4s", code2, code2 + 5, code2 + 10)), 200, "已作废");
}
