/* test_upward.c: the chain over three levels on the province demo (issue
 * 17): 南昌市 runs its own week copied from 江西省's; a county's submission is
 * returned once by the city and accepted after it resubmits; the city
 * finalises its compiled form, uploads its files and the 定稿's scan and
 * submits it into the province's week, where the province returns it once
 * and accepts the next version; the city's dashboard says where it stands
 * each time; the province's compiled form counts the city's submission.
 * Authorization: a county cannot review, a sibling city cannot see
 * 南昌市's submission, the province cannot edit or submit 南昌市's form. */
#include "test_sql.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

LW_SERVER_DEMO("", NULL, "--province")

static lw_client *as(const char *username)
{
	lw_client *c = lw_client_new();
	lw_login_ok(c, username, lw_demo_password(username));
	return c;
}

/* A multipart upload with the week and the kind, as the pages' forms send it. */
static lw_resp *upload(lw_client *c, const char *path, long long week, const char *kind, const char *data)
{
	const char *b = "----lwupwardboundary";
	char *body = lw_printf("--%s\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n%s\r\n"
			       "--%s\r\nContent-Disposition: form-data; name=\"week\"\r\n\r\n%lld\r\n"
			       "--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n%s\r\n"
			       "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s.pdf\"\r\n"
			       "Content-Type: application/pdf\r\n\r\n%s\r\n--%s--\r\n",
			       b, lw_csrf(c), b, week, b, kind, b, kind, data, b);
	const char *h[] = {lw_printf("Content-Type: multipart/form-data; boundary=%s", b), NULL};
	return lw_send(c, "POST", path, body, strlen(body), h);
}

/* The counted-units table of a compiled form page: each row's four head
 * figures (活动数, 参加人次, 文字报道, 媒体报道); the footer is the compiled
 * form's own. Returns the rows but the footer; *foot gets the footer's. */
typedef struct head_row {
	char name[64];
	long long v[4];
} head_row;

static int counted_rows(const char *html, head_row *rows, int max, head_row *foot)
{
	const char *p = strstr(html, "id=\"counted-units\"");
	cr_assert(p, "no counted-units table");
	const char *end = strstr(p, "</table>");
	const char *tf = strstr(p, "<tfoot>");
	int n = 0;
	while ((p = strstr(p, "<th scope=\"row\">")) && p < end) {
		p += strlen("<th scope=\"row\">");
		head_row *r = p > tf ? foot : &rows[n];
		const char *q = strstr(p, "</th>");
		snprintf(r->name, sizeof r->name, "%.*s", (int)(q - p), p);
		for (int k = 0; k < 4; k++) {
			p = strstr(p, "<td class=\"num\">");
			cr_assert(p && p < end, "row %s has no figure %d", r->name, k);
			p += strlen("<td class=\"num\">");
			r->v[k] = strtoll(p, NULL, 10);
		}
		if (r != foot && ++n == max)
			break;
	}
	return n;
}

/* A compiled form equals the sum of the rows it counts, figure by figure. */
static head_row sums_checked(lw_client *c, long long week, int expect_rows)
{
	lw_resp *r = lw_get(c, lw_printf("/admin/city-form?week=%lld", week));
	cr_assert_eq(r->status, 200, "%s", lw_excerpt(r));
	head_row rows[64], foot = {0};
	int n = counted_rows(r->body, rows, 64, &foot);
	cr_assert_eq(n, expect_rows, "%d rows counted, expected %d:\n%s", n, expect_rows, lw_excerpt(r));
	for (int k = 0; k < 4; k++) {
		long long sum = 0;
		for (int i = 0; i < n; i++)
			sum += rows[i].v[k];
		cr_assert_eq(foot.v[k], sum, "figure %d: the compiled form says %lld, its %d rows sum to %lld", k, foot.v[k], n, sum);
	}
	return n == 1 ? rows[0] : foot;
}

/* The province's board of its week: the row of unit (its HTML), and the
 * footer's figures checked against the rows it sums: every row but those of
 * a child's compiled form not yet submitted (未报送), which stand apart. */
static char *board_row_checked(lw_client *c, long long week, long long unit)
{
	lw_resp *r = lw_get(c, lw_printf("/admin/board?week=%lld", week));
	cr_assert_eq(r->status, 200, "%s", lw_excerpt(r));
	long long sum[3] = {0}, foot[3] = {0};
	char *mine = NULL, *start = lw_printf("<tr id=\"unit-%lld\"", unit);
	const char *p = r->body, *tf = strstr(r->body, "<tfoot>");
	cr_assert(tf, "no footer");
	while ((p = strstr(p, "<tr id=\"unit-")) && p < tf) {
		const char *end = strstr(p, "</tr>");
		char *row = lw_printf("%.*s", (int)(end - p), p);
		if (!strncmp(p, start, strlen(start)))
			mine = row;
		const char *q = row;
		for (int k = 0; k < 3 && !strstr(row, "未报送"); k++) {
			q = strstr(q, "<td class=\"num\">");
			cr_assert(q, "a row without its figures: %s", row);
			q += strlen("<td class=\"num\">");
			sum[k] += strtoll(q, NULL, 10);
		}
		p = end;
	}
	p = tf;
	for (int k = 0; k < 3; k++) {
		p = strstr(p, "<td class=\"num\">") + strlen("<td class=\"num\">");
		foot[k] = strtoll(p, NULL, 10);
		cr_assert_eq(foot[k], sum[k], "合计's figure %d is %lld, its submitted rows sum to %lld", k, foot[k], sum[k]);
	}
	cr_assert(mine, "no row of unit %lld on the board", unit);
	return mine;
}

/* n figures of the cells <td class="num">… after p (the first one after at, when at is found in html). */
static void nums_after(const char *html, const char *at, long long *v, int n)
{
	const char *p = strstr(html, at);
	cr_assert(p, "no \"%s\" on the page", at);
	for (int k = 0; k < n; k++) {
		p = strstr(p, "<td class=\"num\">");
		cr_assert(p, "no figure %d after \"%s\"", k, at);
		p += strlen("<td class=\"num\">");
		v[k] = strtoll(p, NULL, 10);
	}
}

/* The province's statistics of its week: its 全市合计 table's figures
 * (活动, 人次, 宣传报道) for this year. */
static void stats_totals(lw_client *c, long long week, long long *v, lw_resp **page)
{
	lw_resp *r = lw_get(c, lw_printf("/admin/stats?week=%lld", week));
	cr_assert_eq(r->status, 200, "%s", lw_excerpt(r));
	nums_after(r->body, "<th scope=\"row\">参与活动的数量（场）</th>", &v[0], 1);
	nums_after(r->body, "<th scope=\"row\">参加活动人数（人次）</th>", &v[1], 1);
	nums_after(r->body, "<th scope=\"row\">宣传报道（条）</th>", &v[2], 1);
	*page = r;
}

static long long latest_submission(long long unit, long long week)
{
	return sql_int(lw_printf("SELECT max(s.id) FROM submissions s JOIN reports r ON r.id = s.report_id"
				 " WHERE r.unit_id = %lld AND r.week_id = %lld", unit, week));
}

/* The city's 定稿, files and 报送; the province, looking at the city's week,
 * reads the same card without a way to act on it. */
static void city_sends(lw_client *city, lw_client *prov, long long week, int version)
{
	lw_expect(lw_submit(city, "/admin/city-form/finalise", "week", lw_printf("%lld", week), NULL), 303, "");
	lw_resp *r = lw_get(city, "/admin");
	cr_assert(lw_has(r, "已定稿") && lw_has(r, lw_printf("第 <strong>%d</strong> 版已定稿", version)), "dashboard:\n%s", lw_excerpt(r));
	cr_assert(lw_has(r, "action=\"/admin/city-form/attachments\"") && lw_has(r, "id=\"upward-scan\""), "no upload on the city's card");
	r = lw_get(prov, lw_printf("/admin/city-form?week=%lld", week));
	cr_assert(r->status == 200 && lw_has(r, "已定稿") && !lw_has(r, "action=\"/admin/city-form/attachments\""),
		  "the province's view of the city's card:\n%s", lw_excerpt(r));
	/* no scan of this version yet: refused, saying what is missing */
	if (version == 1) {
		r = lw_submit(city, "/admin/city-form/submit", "week", lw_printf("%lld", week), NULL);
		cr_assert(r->status == 422 && lw_has(r, "还没有上传"), "submit without files: %ld\n%s", r->status, lw_excerpt(r));
		for (int i = 0; i < 2; i++) {
			const char *kind = i ? "case" : "summary";
			r = upload(city, "/admin/city-form/attachments", week, kind, lw_printf("%%PDF-1.4 %s", kind));
			cr_assert_eq(r->status, 303, "%s: %ld\n%s", kind, r->status, lw_excerpt(r));
		}
	}
	r = upload(city, "/admin/city-form/attachments", week, "scan", lw_printf("%%PDF-1.4 scan v%d", version));
	cr_assert_eq(r->status, 303, "scan: %ld\n%s", r->status, lw_excerpt(r));
	r = lw_submit(city, "/admin/city-form/submit", "week", lw_printf("%lld", week), NULL);
	cr_assert_eq(r->status, 303, "submit: %ld\n%s", r->status, lw_excerpt(r));
	r = lw_get(city, "/admin");
	cr_assert(lw_has(r, "已报送") && lw_has(r, lw_printf("第 %d 版已报送", version)), "dashboard after 报送:\n%s", lw_excerpt(r));
}

Test(upward, three_levels)
{
	long long jiangxi = sql_int("SELECT id FROM units WHERE name = '江西省'");
	long long nanchang = sql_int("SELECT id FROM units WHERE name = '南昌市'");
	long long xihu = sql_int("SELECT id FROM units WHERE name = '西湖区'");
	long long ncweek = sql_int(lw_printf("SELECT id FROM weeks WHERE unit_id = %lld ORDER BY year DESC LIMIT 1", nanchang));
	long long jxweek = sql_int(lw_printf("SELECT parent_week_id FROM weeks WHERE id = %lld", ncweek));
	cr_assert(ncweek && jxweek == sql_int(lw_printf("SELECT id FROM weeks WHERE unit_id = %lld ORDER BY year DESC LIMIT 1", jiangxi)),
		  "南昌市 has no week of its own copied from 江西省's");
	lw_client *city = as("nanchang_admin"), *prov = as("centre_admin"), *county = as("xihu_admin"), *sibling = as("jiujiang_admin");

	/* the city's dashboard: its own week, nothing sent upward yet */
	lw_resp *r = lw_get(city, "/admin");
	cr_assert(lw_has(r, "向上级报送") && lw_has(r, "未定稿") && lw_has(r, "2026年南昌市全民终身学习活动周") == lw_has(r, "南昌市全民终身学习活动周"),
		  "city dashboard:\n%s", lw_excerpt(r));
	cr_assert(lw_has(r, "由<strong>江西省</strong>审核"), "city dashboard names no reviewer:\n%s", lw_excerpt(r));

	/* a county's submission in the city's week: the county cannot review it, the city returns it once */
	long long sub = latest_submission(xihu, ncweek);
	cr_assert_gt(sub, 0, "西湖区 has not submitted in 南昌市's week");
	r = lw_submit(county, lw_printf("/admin/submissions/%lld/accept", sub), NULL);
	cr_assert_eq(r->status, 403, "a county accepted: %ld", r->status);
	lw_expect(lw_submit(city, lw_printf("/admin/submissions/%lld/return", sub), "target", "general", "comment", "请补充照片。", NULL), 303, "");
	/* the county resubmits: 定稿 again, its scan, 报送 */
	lw_expect(lw_submit(county, lw_printf("/units/%lld/report/finalise", xihu), "week", lw_printf("%lld", ncweek), NULL), 303, "");
	r = upload(county, lw_printf("/units/%lld/attachments", xihu), ncweek, "scan", "%PDF-1.4 xihu v2");
	cr_assert_eq(r->status, 303, "county scan: %ld\n%s", r->status, lw_excerpt(r));
	lw_expect(lw_submit(county, lw_printf("/units/%lld/submission", xihu), "week", lw_printf("%lld", ncweek), NULL), 303, "");
	sub = latest_submission(xihu, ncweek);
	lw_expect(lw_submit(city, lw_printf("/admin/submissions/%lld/accept", sub), NULL), 303, "");
	cr_assert_eq(sql_int(lw_printf("SELECT status = 'accepted' FROM submissions WHERE id = %lld", sub)), 1);

	/* the province cannot change, finalise or submit 南昌市's form, and is offered none of it */
	r = lw_get(prov, lw_printf("/admin/city-form?week=%lld", ncweek));
	cr_assert(r->status == 200 && !lw_has(r, "action=\"/admin/city-form/finalise\"") && !lw_has(r, "/admin/city-form/edit?week=")
		  && !lw_has(r, "id=\"city-override\""), "the province's view of 南昌市's form offers to change it:\n%s", lw_excerpt(r));
	r = lw_get(city, lw_printf("/admin/city-form?week=%lld", ncweek));
	cr_assert(r->status == 200 && lw_has(r, "action=\"/admin/city-form/finalise\"") && lw_has(r, "id=\"city-override\""),
		  "南昌市's own form offers no 定稿 or override:\n%s", lw_excerpt(r));
	r = lw_submit(prov, "/admin/city-form/finalise", "week", lw_printf("%lld", ncweek), NULL);
	cr_assert(r->status == 403 && lw_has(r, "只有南昌市的账号可以修改、定稿和报送"), "province finalised: %ld\n%s", r->status, lw_excerpt(r));
	r = lw_submit(prov, "/admin/city-form/submit", "week", lw_printf("%lld", ncweek), NULL);
	cr_assert(r->status == 403 && lw_has(r, "只有南昌市的账号可以修改、定稿和报送"), "province submitted: %ld\n%s", r->status, lw_excerpt(r));
	cr_assert_eq(sql_int(lw_printf("SELECT count(*) FROM finals f JOIN reports r ON r.id = f.report_id WHERE r.unit_id = %lld"
				       " AND r.week_id = %lld", nanchang, jxweek)), 0, "the province's attempt left a 定稿");

	/* the province's board: 南昌市 has not sent its form, so its row shows
	 * what that form compiles now (the city form's own figures), marked
	 * 未报送 and in no total */
	lw_resp *cf = lw_get(city, lw_printf("/admin/city-form?week=%lld", ncweek));
	head_row nrows[64], nfoot = {0};
	counted_rows(cf->body, nrows, 64, &nfoot);
	cr_assert_gt(nfoot.v[0], 0, "南昌市's compiled form counts no activity yet");
	char *row = board_row_checked(prov, jxweek, nanchang);
	cr_assert(strstr(row, "未报送") && strstr(row, lw_printf("现汇总 %lld 场", nfoot.v[0]))
		  && strstr(row, lw_printf("现汇总 %lld 人次", nfoot.v[1])), "南昌市's row:\n%s", row);
	/* its checklist there reads its compiled form (the activities its counties submitted, done), not the records it holds here */
	cr_assert(strstr(row, "<strong>总结表「活动成效」</strong>") && !strstr(row, "<strong>已发布的活动</strong>")
		  && !strstr(row, "<strong>下级报送的活动</strong>"), "南昌市's checklist on the board:\n%s", row);
	/* so do the province's statistics: 南昌市 apart, 未报送, nothing of it in 合计 */
	long long tot[3];
	stats_totals(prov, jxweek, tot, &r);
	cr_assert(lw_has(r, lw_printf("南昌市 <span class=\"badge unsent\">未报送</span></th><td class=\"num\">%lld</td><td class=\"num\">%lld</td>",
				      nfoot.v[0], nfoot.v[1])), "南昌市 is not apart in the province's statistics:\n%s", lw_excerpt(r));
	cr_assert(tot[0] == 0 && tot[1] == 0 && tot[2] == 0, "the province's 合计 counts a form not submitted: %lld %lld %lld", tot[0], tot[1], tot[2]);
	/* the province's city form lists it apart with the same figures */
	r = lw_get(prov, lw_printf("/admin/city-form?week=%lld", jxweek));
	long long apart[4];
	nums_after(r->body, "<tr><th scope=\"row\">南昌市</th><td>未报送", apart, 4);
	for (int k = 0; k < 4; k++)
		cr_assert_eq(apart[k], nfoot.v[k], "figure %d of 南昌市 not submitted on the province's city form: %lld, it compiles %lld", k,
			     apart[k], nfoot.v[k]);
	/* 南昌市's report and its submission page in the province's week are its compiled form */
	r = lw_get(prov, lw_printf("/units/%lld/report?week=%lld", nanchang, jxweek));
	cr_assert(r->status == 200 && lw_has(r, lw_printf("%lld 场：", nfoot.v[0])) && lw_has(r, lw_printf("%lld 人次：", nfoot.v[1])),
		  "南昌市's report in the province's week is not its compiled form (%lld 场, %lld 人次):\n%s", nfoot.v[0], nfoot.v[1], lw_excerpt(r));
	r = lw_get(prov, lw_printf("/units/%lld/submission?week=%lld", nanchang, jxweek));
	cr_assert(r->status == 200 && lw_has(r, lw_printf("%lld 场（本级总结表汇总各下级已报送的总结表）", nfoot.v[0]))
		  && !lw_has(r, "还没有已发布的活动"), "南昌市's checklist in the province's week:\n%s", lw_excerpt(r));
	/* the city's own view of that report sends it to its compiled form to change it: its unit
	 * form in the province's week is not what it submits, so it cannot be edited there */
	r = lw_get(city, lw_printf("/units/%lld/report?week=%lld", nanchang, jxweek));
	cr_assert(r->status == 200 && lw_has(r, lw_printf("href=\"/admin/city-form?week=%lld\">修改本级总结表</a>", ncweek))
		  && !lw_has(r, "/report/edit?week="), "南昌市's report offers the wrong editor:\n%s", lw_excerpt(r));
	lw_expect(lw_get(city, lw_printf("/units/%lld/report/edit?week=%lld", nanchang, jxweek)), 409, "不在这里修改");
	long long edits = sql_int("SELECT count(*) FROM audit_log");
	r = lw_submit(city, lw_printf("/units/%lld/report/fields", nanchang), "week", lw_printf("%lld", jxweek), "revision", "0",
		      "field", "results", "value", "改过的成效", "reason", "", NULL);
	lw_expect(r, 409, "本级总结表");
	cr_assert_eq(sql_int("SELECT count(*) FROM audit_log"), edits, "a refused edit of 南昌市's report wrote something");

	/* the city finalises and submits upward: version 1 */
	city_sends(city, prov, ncweek, 1);
	long long up = latest_submission(nanchang, jxweek);
	cr_assert_gt(up, 0, "no submission of 南昌市 in the province's week");
	row = board_row_checked(prov, jxweek, nanchang);
	cr_assert(!strstr(row, "未报送") && !strstr(row, "现汇总"), "南昌市 has sent its form:\n%s", row);
	/* its row is the version it submitted, even after a county's record changes below */
	sql(lw_printf("UPDATE activities SET reported_participants = coalesce(reported_participants, 0) + 1000, staff_count = staff_count + 1000"
		      " WHERE week_id = %lld AND unit_id = %lld", ncweek, xihu));
	row = board_row_checked(prov, jxweek, nanchang);
	long long sent[2];
	nums_after(row, "missing-cell", sent, 2);
	cr_assert(sent[0] == nfoot.v[0] && sent[1] == nfoot.v[1], "南昌市's row on the province's board: %lld 场 %lld 人次, it submitted %lld, %lld",
		  sent[0], sent[1], nfoot.v[0], nfoot.v[1]);
	/* a sibling city cannot see it; the province reviews it on the units' review page */
	cr_assert_eq(lw_get(sibling, lw_printf("/admin/submissions/%lld", up))->status, 403);
	r = lw_get(prov, lw_printf("/admin/submissions/%lld", up));
	cr_assert(r->status == 200 && lw_has(r, "南昌市"), "province review page: %ld\n%s", r->status, lw_excerpt(r));
	lw_expect(lw_submit(prov, lw_printf("/admin/submissions/%lld/return", up), "target", "general", "comment", "请核对参与人次。", NULL), 303, "");
	r = lw_get(city, "/admin");
	cr_assert(lw_has(r, "已退回") && lw_has(r, "请核对参与人次。"), "city dashboard after return:\n%s", lw_excerpt(r));

	/* version 2 after the return; the province accepts it */
	city_sends(city, prov, ncweek, 2);
	up = latest_submission(nanchang, jxweek);
	lw_expect(lw_submit(prov, lw_printf("/admin/submissions/%lld/accept", up), NULL), 303, "");
	r = lw_get(city, "/admin");
	cr_assert(lw_has(r, "已通过"), "city dashboard after accept:\n%s", lw_excerpt(r));

	/* the province's board: 南昌市 accepted, its compiled form unchanged since */
	r = lw_get(prov, lw_printf("/admin/board?week=%lld", jxweek));
	cr_assert(r->status == 200 && lw_has(r, "南昌市") && !lw_has(r, "提交后记录有变动"), "province board:\n%s", lw_excerpt(r));

	/* the city's form is the sum of its counties' submitted forms (西湖区,
	 * 青云谱区, 青山湖区 in the demo); the province's the sum of its one
	 * city's, which is what the city compiled */
	head_row city_total = sums_checked(city, ncweek, 3);
	head_row nc_row = sums_checked(prov, jxweek, 1);
	cr_assert_str_eq(nc_row.name, "南昌市");
	for (int k = 0; k < 4; k++)
		cr_assert_eq(nc_row.v[k], city_total.v[k], "figure %d: the province counts %lld for 南昌市, which compiled %lld", k,
			     nc_row.v[k], city_total.v[k]);
	cr_assert_gt(city_total.v[0], 0, "the city's compiled form counts no activity");
	/* the province's statistics count what 南昌市 submitted: 合计 is the province's compiled form */
	long long tot2[3];
	stats_totals(prov, jxweek, tot2, &r);
	cr_assert(tot2[0] == nc_row.v[0] && tot2[1] == nc_row.v[1] && tot2[2] == nc_row.v[2] + nc_row.v[3],
		  "the province's statistics say %lld 场 %lld 人次 %lld 条, its compiled form %lld %lld %lld", tot2[0], tot2[1], tot2[2],
		  nc_row.v[0], nc_row.v[1], nc_row.v[2] + nc_row.v[3]);
	cr_assert(!lw_has(r, "id=\"unsent-units\""), "南昌市 still apart after its form was accepted");
	lw_assert_alive();
}
