/* test_stats.c: the city statistics and the city's summary form against sums
 * this test computes itself from the raw records (activities, check-ins,
 * ratings, tags and publicity read with the sqlite3 shell, counted here
 * activity by activity with the one-source rule for participants); this
 * year beside the last; the statistics page, the city form and the city
 * workbook saying one number per figure, a unit's accepted override and
 * the ✓ of accepted units included; the gallery; escaping; and who may see
 * what. Each
 * test works in a week of its own, so tests running side by side never
 * change each other's figures. */
#include "test_stats.h"
#include "xlsx_read.h"
#include <zip.h>

LW_SERVER("", add_accounts)

/* The <figure> of a chart, as its own string. */
static const char *figure(const char *html, const char *id)
{
	const char *p = strstr(html, lw_printf("<figure class=\"chart\" id=\"%s\">", id));
	cr_assert(p, "no chart %s", id);
	const char *e = strstr(p, "</figure>");
	return lw_printf("%.*s", (int)(e - p), p);
}

static int count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* ---- the figures, counted here from the raw records ---- */

typedef struct expect {
	long long acts, online, offline, both, featured;
	long long checked, counted, reported, measured, reported_acts;
	long long sat, basic, unsat;
	long long text, media;
	long long content[7];
} expect;

/* What the page must say for a unit of the week (NULL: the whole city). */
static expect expected(long long week, const char *unit)
{
	expect e = {0};
	const char *only = unit ? lw_printf(" AND u.name = '%s'", unit) : "";
	char *rows = sql(lw_printf("SELECT a.mode, a.featured, a.staff_count, COALESCE(a.reported_participants, -1), a.status,"
				   " (SELECT count(*) FROM checkins c WHERE c.activity_id = a.id)"
				   " FROM activities a JOIN units u ON u.id = a.unit_id WHERE a.week_id = %lld%s", week, only));
	char *f[12];
	while (next_row(&rows, f) == 6) {
		if (strcmp(f[4], "published"))
			continue; /* the summary form's rule: published only */
		e.acts++;
		e.online += !strcmp(f[0], "online");
		e.offline += !strcmp(f[0], "offline");
		e.both += !strcmp(f[0], "both");
		e.featured += atoll(f[1]);
		long long staff = atoll(f[2]), rep = atoll(f[3]), ci = atoll(f[5]);
		if (ci + staff > 0) {
			e.checked += ci;
			e.counted += staff;
			e.measured++;
		} else if (rep >= 0) {
			e.reported += rep;
			e.reported_acts++;
		}
	}
	rows = sql(lw_printf("SELECT r.score FROM ratings r JOIN activities a ON a.id = r.activity_id JOIN units u ON u.id = a.unit_id"
			     " WHERE a.week_id = %lld AND a.status = 'published'%s", week, only));
	while (next_row(&rows, f) == 1) {
		e.sat += !strcmp(f[0], "satisfied");
		e.basic += !strcmp(f[0], "basic");
		e.unsat += !strcmp(f[0], "unsatisfied");
	}
	rows = sql(lw_printf("SELECT t.value FROM activity_tags t JOIN activities a ON a.id = t.activity_id JOIN units u ON u.id = a.unit_id"
			     " WHERE a.week_id = %lld AND a.status = 'published' AND t.kind = 'content'%s", week, only));
	while (next_row(&rows, f) == 1)
		e.content[atoi(f[0])]++;
	rows = sql(lw_printf("SELECT p.kind FROM publicity p JOIN units u ON u.id = p.unit_id WHERE p.week_id = %lld%s", week, only));
	while (next_row(&rows, f) == 1) {
		e.text += !strcmp(f[0], "text");
		e.media += !strcmp(f[0], "media");
	}
	return e;
}

/* A week's worth of records in two units: every source of participants,
 * drafts and cancelled activities that must not count, tags moved by a
 * status change, ratings and publicity. Returns the week. */
static long long seed_week(int year, const char *featured_title)
{
	long long week = week_of(year);
	lw_client *dh = as("donghu_admin"), *xh = as("xihu_admin");
	long long donghu = unit_id("东湖区"), xihu = unit_id("西湖区");
	long long a1 = add_activity(dh, donghu, week, (act_spec){lw_unique("社区宣讲"), "offline", "1", "6", "老年人群", "讲座", "40", true, true});
	set_counts(dh, a1, "5", "40"); /* a tally: the reported 40 no longer counts */
	add_activity(dh, donghu, week, (act_spec){lw_unique("线上课堂"), "online", "2", NULL, "城乡社区居民", "培训", "30", false, true});
	long long a3 = add_activity(dh, donghu, week, (act_spec){lw_unique("读书沙龙"), "both", "5", NULL, NULL, "读书活动", "12", false, true});
	walk_in(dh, a3, "satisfied");
	walk_in(dh, a3, "basic");
	add_activity(dh, donghu, week, (act_spec){lw_unique("草稿活动"), "offline", "3", NULL, NULL, NULL, "99", false, false});
	long long a5 = add_activity(dh, donghu, week, (act_spec){lw_unique("取消的活动"), "offline", "4", NULL, NULL, NULL, "77", true, true});
	set_status(dh, a5, "cancelled");
	long long b1 = add_activity(xh, xihu, week, (act_spec){featured_title, "offline", "1", NULL, "老年人群", "讲座", NULL, true, true});
	walk_in(xh, b1, "unsatisfied");
	long long b2 = add_activity(xh, xihu, week, (act_spec){lw_unique("后来发布"), "online", "2", "6", NULL, NULL, "25", false, false});
	set_status(xh, b2, "published");
	add_publicity(dh, donghu, week, "报刊", "text", lw_unique("报道"));
	add_publicity(dh, donghu, week, "微信公众号", "text", lw_unique("推文"));
	add_publicity(dh, donghu, week, "电视台", "media", lw_unique("新闻"));
	add_publicity(xh, xihu, week, "电视台", "media", lw_unique("专题片"));
	return week;
}

static void check_unit(const char *page, const char *row, const expect *e)
{
	cr_assert_eq(chart_cell(page, "c-acts", row, 0), e->acts, "%s: activities", row);
	cr_assert_eq(chart_cell(page, "c-mode", row, 0), e->online, "%s: online", row);
	cr_assert_eq(chart_cell(page, "c-mode", row, 1), e->offline, "%s: offline", row);
	cr_assert_eq(chart_cell(page, "c-mode", row, 2), e->both, "%s: both", row);
	cr_assert_eq(chart_cell(page, "c-people", row, 0), e->checked, "%s: checked in", row);
	cr_assert_eq(chart_cell(page, "c-people", row, 1), e->counted, "%s: counted", row);
	cr_assert_eq(chart_cell(page, "c-people", row, 2), e->reported, "%s: reported", row);
	cr_assert_eq(chart_cell(page, "c-people", row, 3), e->checked + e->counted + e->reported, "%s: participants", row);
	cr_assert_eq(chart_cell(page, "c-featured", row, 0), e->featured, "%s: featured", row);
	cr_assert_eq(chart_cell(page, "c-sat", row, 0), e->sat, "%s: satisfied", row);
	cr_assert_eq(chart_cell(page, "c-sat", row, 1), e->basic, "%s: basic", row);
	cr_assert_eq(chart_cell(page, "c-sat", row, 2), e->unsat, "%s: unsatisfied", row);
	cr_assert_eq(chart_cell(page, "c-pub-units", row, 0), e->text, "%s: text reports", row);
	cr_assert_eq(chart_cell(page, "c-pub-units", row, 1), e->media, "%s: media reports", row);
	for (int k = 1; k <= 6; k++)
		cr_assert_eq(cell_after(page, "<caption>各单位活动内容（单位：场）</caption>", row, k - 1), e->content[k],
			     "%s: content item %d", row, k);
}

Test(stats, every_figure_matches_the_raw_records)
{
	const char *title = lw_printf("<script>alert('x')</script>%s", lw_unique("特色"));
	long long week = seed_week(2081, title);
	lw_resp *r = lw_get(as(VIEWER), lw_printf("/admin/stats?week=%lld", week));
	lw_expect(r, 200, "2081年南昌市全民终身学习活动周");
	expect dh = expected(week, "东湖区"), xh = expected(week, "西湖区"), all = expected(week, NULL);
	/* the seeding did what it meant to: each source and each exclusion is there */
	cr_assert(dh.acts == 3 && dh.counted == 5 && dh.checked == 2 && dh.reported == 30 && xh.acts == 2 && xh.reported == 25,
		  "seed: %lld %lld %lld %lld %lld %lld", dh.acts, dh.counted, dh.checked, dh.reported, xh.acts, xh.reported);
	check_unit(r->body, "东湖区", &dh);
	check_unit(r->body, "西湖区", &xh);
	check_unit(r->body, "合计", &all);
	/* a unit without records of this week shows zeros */
	expect none = {0};
	check_unit(r->body, "安义县", &none);
	/* totals, content items and channels */
	cr_assert_eq(cell_after(r->body, "<caption>全市合计</caption>", "参与活动的数量（场）", 0), all.acts);
	cr_assert_eq(cell_after(r->body, "<caption>全市合计</caption>", "参加活动人数（人次）", 0), all.checked + all.counted + all.reported);
	cr_assert_eq(cell_after(r->body, "<caption>全市合计</caption>", "宣传报道（条）", 0), all.text + all.media);
	cr_assert_eq(chart_cell(r->body, "c-content", "学习宣传贯彻二十大精神", 0), all.content[1]);
	cr_assert_eq(chart_cell(r->body, "c-content", "智慧助老", 0), all.content[6]);
	cr_assert_eq(chart_cell(r->body, "c-audience", "老年人群", 0), 2);
	cr_assert_eq(chart_cell(r->body, "c-form", "讲座", 0), 2);
	cr_assert_eq(chart_cell(r->body, "c-pub", "电视台", 1), 2, "two media reports on television");
	cr_assert_eq(chart_cell(r->body, "c-pub", "报刊", 0), 1);
	/* 满意度 counts 满意 and 基本满意 (as the offices report it), 满意率 满意 only */
	long long rated = all.sat + all.basic + all.unsat;
	long long degree = ((all.sat + all.basic) * 100 + rated / 2) / rated, share = (all.sat * 100 + rated / 2) / rated;
	cr_assert(lw_has(r, lw_printf("群众满意度（满意和基本满意）</th><td class=\"num\">%lld%%", degree)), "满意度 %lld%%", degree);
	cr_assert(lw_has(r, lw_printf("满意率（满意）</th><td class=\"num\">%lld%%", share)), "满意率 %lld%%", share);
	/* the figures in the form's own sentences (derive.c's formatters), word for word */
	const char *count_s = lw_printf("%lld 场：线上 %lld，线下 %lld，线上线下相结合 %lld", all.acts, all.online, all.offline, all.both);
	const char *sat_s = lw_printf("满意度 %lld%%，满意率 %lld%%（满意 %lld，基本满意 %lld，不满意 %lld；共 %lld 份有效评价",
				      degree, share, all.sat, all.basic, all.unsat, rated);
	const char *people_s = lw_printf("%lld 人次：扫码签到 %lld，现场清点 %lld，主办方报告 %lld（", all.checked + all.counted + all.reported,
					 all.checked, all.counted, all.reported);
	const char *sentences[] = {count_s, sat_s, people_s};
	for (int i = 0; i < 3; i++)
		cr_assert(lw_has(r, sentences[i]), "\"%s\" on the statistics page:\n%s", sentences[i], lw_excerpt(r));
	/* and a unit's form says its own in the same words */
	lw_resp *form = lw_get(as("donghu_admin"), lw_printf("/units/%lld/report?week=%lld", unit_id("东湖区"), week));
	const char *dh_s = lw_printf("%lld 场：线上 %lld，线下 %lld，线上线下相结合 %lld", dh.acts, dh.online, dh.offline, dh.both);
	cr_assert(lw_has(form, dh_s), "\"%s\" on 东湖区's form:\n%s", dh_s, lw_excerpt(form));
	/* the featured list: titles are text, never markup */
	cr_assert(!lw_has(r, "<script>alert"), "a title reached the page as markup");
	cr_assert(lw_has(r, lw_html_escape(title)), "the featured title is listed");
	/* charts: SVG drawn here, an image with its title, the table beside it */
	cr_assert(lw_has(r, "role=\"img\" aria-labelledby=\"c-acts-t\""));
	cr_assert(lw_has(r, "<title id=\"c-acts-t\">各单位活动场次</title>"));
	cr_assert(lw_has(r, "<rect x="), "bars are drawn");
	lw_assert_alive();
}

/* 东湖区's published activities of the week. */
static long long dh_acts(long long week)
{
	return expected(week, "东湖区").acts;
}

Test(stats, the_city_form_sums_the_units)
{
	long long week = seed_week(2082, lw_unique("特色活动"));
	expect all = expected(week, NULL);
	lw_client *centre = as(CENTRE);
	/* nothing submitted yet: nothing summed, every unit apart with what its records would add */
	lw_resp *r = lw_get(centre, lw_printf("/admin/city-form?week=%lld", week));
	lw_expect(r, 200, "0 场：线上 0，线下 0，线上线下相结合 0");
	cr_assert(lw_has(r, "还没有单位提交总结表") && lw_has(r, "<table class=\"chart-data\" id=\"unsubmitted-units\">"));
	cr_assert_eq(cell_after(r->body, "id=\"unsubmitted-units\"", "东湖区", 0), 3, "东湖区's 3 activities would be added");
	/* both units submit what their records say: the city form is their sum */
	submit_report(as("donghu_admin"), unit_id("东湖区"), week);
	submit_report(as("xihu_admin"), unit_id("西湖区"), week);
	/* a record after the submissions counts nowhere in the form until the unit submits again */
	add_activity(as("xihu_admin"), unit_id("西湖区"), week, (act_spec){lw_unique("补录"), "offline", "1", NULL, NULL, NULL, "9", false, true});
	r = lw_get(centre, lw_printf("/admin/city-form?week=%lld", week));
	lw_expect(r, 200, "2082年南昌市全民终身学习活动周总结表");
	cr_assert(lw_has(r, "计入全市总结表的 2 个单位"), "%s", lw_excerpt(r));
	cr_assert_eq(cell_after(r->body, "id=\"counted-units\"", "东湖区", 0), dh_acts(week), "东湖区's submitted count");
	cr_assert_eq(cell_after(r->body, "id=\"counted-units\"", "全市总结表", 0), all.acts, "the sum of the units' rows");
	cr_assert(lw_has(r, "填报单位：南昌市社区教育指导中心"));
	const char *count = lw_printf("%lld 场：线上 %lld，线下 %lld，线上线下相结合 %lld", all.acts, all.online, all.offline, all.both);
	cr_assert(lw_has(r, count), "activity count \"%s\":\n%s", count, lw_excerpt(r));
	const char *people = lw_printf("%lld 人次：扫码签到 %lld，现场清点 %lld，主办方报告 %lld（%lld 场按签到和清点计，%lld 场采用主办方报告",
				       all.checked + all.counted + all.reported, all.checked, all.counted, all.reported, all.measured,
				       all.reported_acts);
	cr_assert(lw_has(r, people), "participants \"%s\"", people);
	long long n = all.sat + all.basic + all.unsat;
	long long rated = sql_int(lw_printf("SELECT count(DISTINCT r.activity_id) FROM ratings r JOIN activities a ON a.id = r.activity_id"
					    " WHERE a.week_id = %lld AND a.status = 'published' AND a.off_week = 0", week));
	const char *sat = lw_printf("满意度 %lld%%，满意率 %lld%%（满意 %lld，基本满意 %lld，不满意 %lld；共 %lld 份有效评价，来自 %lld 场活动）",
				    ((all.sat + all.basic) * 100 + n / 2) / n, (all.sat * 100 + n / 2) / n, all.sat, all.basic, all.unsat, n, rated);
	cr_assert(lw_has(r, sat), "satisfaction \"%s\"", sat);
	cr_assert(lw_has(r, lw_printf("（一）学习宣传贯彻二十大精神 %lld 场", all.content[1])));
	cr_assert(lw_has(r, lw_printf("（六）智慧助老 %lld 场", all.content[6])));
	cr_assert(lw_has(r, lw_printf("%lld 篇<br>各县区：东湖区 2 篇", all.text)), "text reports by unit");
	cr_assert(lw_has(r, lw_printf("%lld 条<br>各县区：东湖区 1 条、西湖区 1 条", all.media)), "media reports by unit");
	cr_assert(lw_has(r, "微信公众号、报刊、电视台（共 4 条报道）"), "channels merged");
	cr_assert(lw_has(r, "东湖区（1 场）：1. ") && lw_has(r, "西湖区（1 场）：1. "), "featured activities listed by unit");
	cr_assert(lw_has(r, "承办：东湖区、西湖区（2 个县区）"));
	cr_assert(lw_has(r, "2082年的主题"), "the week's theme");

	/* the centre writes the plan, the ceremony and the narrative fields */
	lw_resp *bad = lw_submit(centre, "/admin/city-form", "week", lw_printf("%lld", week), "ceremony_date", "2082-13-01", NULL);
	lw_expect(bad, 400, "不是有效的日期");
	lw_resp *saved = lw_submit(centre, "/admin/city-form", "week", lw_printf("%lld", week), "plan_issuer", "南昌市教育局",
				   "plan_coordinator", "市社区教育指导中心", "plan_author", "市教育局职成处", "ceremony_date", "2082-12-01",
				   "ceremony_venue", "南昌市图书馆", "ceremony_leaders", "市教育局副局长", "effect", "<b>成效</b>显著 & 覆盖全市",
				   "self_eval", "组织有力", "other", "", NULL);
	cr_assert_eq(saved->status, 303, "save: %ld\n%s", saved->status, lw_excerpt(saved));
	r = lw_get(centre, lw_printf("/admin/city-form?week=%lld", week));
	cr_assert(lw_has(r, "南昌市教育局") && lw_has(r, "市教育局副局长（开幕式，2082年12月1日，南昌市图书馆）"), "%s", lw_excerpt(r));
	cr_assert(lw_has(r, "&lt;b&gt;成效&lt;/b&gt;显著 &amp; 覆盖全市") && !lw_has(r, "<b>成效</b>"), "narrative escaped");
	cr_assert(lw_has(r, "由中心填写"));
	cr_assert(lw_has(lw_get(centre, lw_printf("/admin/city-form/edit?week=%lld", week)), "&lt;b&gt;成效&lt;/b&gt;"), "the edit page shows it");
	/* the counts did not move: they are not the centre's to write */
	cr_assert(lw_has(r, count));

	/* the statistics page says the city form's figures beside the live ones */
	lw_resp *stats_page = lw_get(centre, lw_printf("/admin/stats?week=%lld", week));
	cr_assert(lw_has(stats_page, lw_printf("<tbody><tr><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
				      all.acts, all.checked + all.counted + all.reported, all.text, all.media)), "the city form's figures on /admin/stats");
	cr_assert_eq(cell_after(stats_page->body, "<caption>全市合计</caption>", "参与活动的数量（场）", 0), all.acts + 1, "the live figures, with the late record");

	/* the centre overrides a city figure: a changed number needs a reason */
	const char *people_now = lw_printf("%lld", all.checked + all.counted + all.reported);
	lw_expect(lw_get(centre, lw_printf("/admin/city-form/field?week=%lld&field=participants", week)), 200, "修改「参加活动人数」");
	lw_expect(lw_get(centre, lw_printf("/admin/city-form/field?week=%lld&field=effect", week)), 400, "没有可以这样修改");
	lw_resp *no_reason = lw_submit(centre, "/admin/city-form/field", "week", lw_printf("%lld", week), "field", "participants",
				       "value", "9999 人次", "reason", "", NULL);
	lw_expect(no_reason, 422, "请填写修改原因");
	lw_resp *with_reason = lw_submit(centre, "/admin/city-form/field", "week", lw_printf("%lld", week), "field", "participants",
					 "value", "9999 人次（含线上直播）", "reason", "线上直播观看另计", NULL);
	cr_assert_eq(with_reason->status, 303, "%ld\n%s", with_reason->status, lw_excerpt(with_reason));
	r = lw_get(centre, lw_printf("/admin/city-form?week=%lld", week));
	cr_assert(lw_has(r, "9999 人次（含线上直播）") && lw_has(r, "「参加活动人数」改动的原因：线上直播观看另计"), "%s", lw_excerpt(r));
	cr_assert(lw_has(r, "参加活动人数</a>（已由中心修改）"), "marked as the centre's");
	lw_resp *edit = lw_get(centre, lw_printf("/admin/city-form/field?week=%lld&field=participants", week));
	cr_assert(lw_has(edit, lw_printf("<p>%s 人次：", people_now)), "the sum stays visible beside the centre's text");

	lw_resp *pdf = lw_get(centre, lw_printf("/admin/city-form.pdf?week=%lld", week));
	cr_assert_eq(pdf->status, 200);
	cr_assert(pdf->len > 1000 && !memcmp(pdf->body, "%PDF", 4), "a PDF");
	cr_assert(strstr(lw_header(pdf, "Content-Disposition"), "city-form-2082.pdf"));
	lw_resp *docx = lw_get(centre, lw_printf("/admin/city-form.docx?week=%lld", week));
	cr_assert_eq(docx->status, 200);
	zip_error_t ze;
	zip_source_t *src = zip_source_buffer_create(docx->body, docx->len, 0, &ze);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	cr_assert(z, "the DOCX is a ZIP");
	zip_stat_t st;
	cr_assert_eq(zip_stat(z, "word/document.xml", 0, &st), 0);
	char *xml = calloc(1, st.size + 1);
	zip_file_t *zf = zip_fopen(z, "word/document.xml", 0);
	cr_assert_eq(zip_fread(zf, xml, st.size), (zip_int64_t)st.size);
	zip_fclose(zf);
	cr_assert(strstr(xml, "2082年南昌市全民终身学习活动周总结表") && strstr(xml, "南昌市社区教育指导中心"), "title and 填报单位");
	cr_assert(strstr(xml, lw_printf("%lld 场：线上", all.acts)) && strstr(xml, "&lt;b&gt;成效&lt;/b&gt;"), "values, escaped for XML");
	cr_assert(strstr(xml, "9999 人次（含线上直播）") && strstr(xml, "线上直播观看另计"), "the centre's figure and its reason");
	cr_assert(!strstr(xml, "草稿"), "the centre's form is not marked as a draft");
	free(xml);
	zip_close(z);
}

Test(stats, this_year_beside_the_last)
{
	lw_client *dh = as("donghu_admin");
	long long donghu = unit_id("东湖区");
	long long before = week_of(2086), now = week_of(2087);
	add_activity(dh, donghu, before, (act_spec){lw_unique("去年的活动"), "offline", "1", NULL, NULL, NULL, "10", false, true});
	for (int i = 0; i < 2; i++)
		add_activity(dh, donghu, now, (act_spec){lw_unique("今年的活动"), "online", "2", NULL, NULL, NULL, "20", false, true});
	lw_resp *r = lw_get(as(VIEWER), lw_printf("/admin/stats?week=%lld", now));
	lw_expect(r, 200, "与2086年南昌市全民终身学习活动周对比");
	cr_assert_eq(chart_cell(r->body, "c-acts", "东湖区", 0), 2, "this year");
	cr_assert_eq(chart_cell(r->body, "c-acts", "东湖区", 1), 1, "the last, beside it");
	cr_assert_eq(cell_after(r->body, "<caption>全市合计</caption>", "参加活动人数（人次）", 1), 10, "last year's total");
	cr_assert_eq(chart_cell(r->body, "c-content", "线上线下终身学习", 0), 2);
	cr_assert_eq(chart_cell(r->body, "c-content", "学习宣传贯彻二十大精神", 1), 1);
	const char *fig = figure(r->body, "c-acts");
	cr_assert(strstr(fig, ">2087年</text>") && strstr(fig, ">2086年</text>"), "both years in the legend");
	cr_assert_eq(count(fig, "<th scope=\"col\" class=\"num\">"), 2, "a column a year");
	cr_assert(lw_has(r, "2086年合计"), "last year's participants beside the stacked chart");
	/* the demo's 2022 is the first week: nothing beside it */
	lw_resp *first = lw_get(as(VIEWER), lw_printf("/admin/stats?week=%lld", week_of(2022)));
	lw_expect(first, 200, "2022年南昌市全民终身学习活动周");
	cr_assert(!lw_has(first, "对比") && !lw_has(first, "2021年"), "no earlier year");
	cr_assert_eq(count(figure(first->body, "c-acts"), "<th scope=\"col\" class=\"num\">"), 1, "one column");
}

Test(stats, unit_accounts_may_not_see_the_city)
{
	lw_client *unit = as("donghu_admin");
	const char *paths[] = {"/admin/stats", "/admin/city-form", "/admin/city-form/edit", "/admin/city-form.pdf", "/admin/city-form.docx",
			       "/admin/gallery", "/admin/city-form/field?week=1&field=participants"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		lw_expect(lw_get(unit, paths[i]), 403, "没有权限");
	lw_expect(lw_submit(unit, "/admin/city-form", "week", "1", "effect", "x", NULL), 403, "没有权限");
	lw_client *viewer = as(VIEWER);
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		cr_assert_eq(lw_get(viewer, paths[i])->status, strstr(paths[i], "edit") || strstr(paths[i], "field") ? 403 : 200, "viewer: %s",
			     paths[i]);
	lw_expect(lw_submit(viewer, "/admin/city-form", "week", "1", "effect", "x", NULL), 403, "没有权限");
	lw_resp *anon = lw_get(lw_client_new(), "/admin/stats");
	cr_assert(anon->status == 303 && !strncmp(lw_header(anon, "Location"), "/login?next=", 12));
	/* the dashboard and the menu lead the centre there, and the units not */
	cr_assert(lw_has(lw_get(viewer, "/admin"), "href=\"/admin/stats\""));
	cr_assert(!lw_has(lw_get(unit, "/admin"), "href=\"/admin/stats\""));
}

Test(stats, the_gallery_shows_cases_and_photos_by_unit)
{
	lw_client *anyi = as("anyi_admin");
	/* 2022 is accepted history; in the live week 安义县 is still filling in */
	long long unit = unit_id("安义县"), week = live_week();
	size_t jn;
	const char *jpeg = lw_photo_jpeg(8, 8, 1, &jn);
	lw_resp *up = attach(anyi, unit, week, "case_photo", "案例&照片'一'.jpg", jpeg, jn);
	cr_assert_eq(up->status, 303, "upload: %ld\n%s", up->status, lw_excerpt(up));
	up = attach(anyi, unit, week, "case", "典型案例.pdf", "%PDF-1.4 case", 13);
	cr_assert(up->status == 303 || up->status == 409, "case: %ld\n%s", up->status, lw_excerpt(up));
	long long photo = sql_int("SELECT t.id FROM attachments t JOIN reports r ON r.id = t.report_id JOIN units u ON u.id = r.unit_id"
				  " WHERE u.name = '安义县' AND t.kind = 'case_photo' ORDER BY t.id DESC LIMIT 1");
	long long doc = sql_int("SELECT t.id FROM attachments t JOIN reports r ON r.id = t.report_id JOIN units u ON u.id = r.unit_id"
				" WHERE u.name = '安义县' AND t.kind = 'case' ORDER BY t.id DESC LIMIT 1");
	lw_resp *g = lw_get(as(VIEWER), lw_printf("/admin/gallery?week=%lld", week));
	lw_expect(g, 200, "典型案例和照片");
	const char *sec = strstr(g->body, lw_printf("id=\"unit-%lld\"", unit));
	cr_assert(sec, "a section for 安义县");
	const char *next = strstr(sec + 1, "<section class=\"gallery-unit\"");
	const char *img = strstr(sec, lw_printf("<img src=\"/attachments/%lld?inline=1\" alt=\"案例&amp;照片&#39;一&#39;.jpg\"", photo));
	cr_assert(img && (!next || img < next), "the case photo as a thumbnail, its name escaped:\n%s", lw_excerpt(g));
	const char *link = strstr(sec, lw_printf("<a href=\"/attachments/%lld\">", doc));
	cr_assert(link && (!next || link < next), "the typical case as a link");
	/* the demo gives every activity that is over a photo */
	const char *act = strstr(sec, "<img src=\"/photos/");
	cr_assert(act && (!next || act < next), "activity photos of the unit");
	cr_assert_eq(lw_get(as(VIEWER), lw_printf("/attachments/%lld?inline=1", photo))->status, 200, "the centre may open it");
}

/* The n-th number cell (from 0) after from: a table without row headers. */
static long long num_cell(const char *html, const char *from, int n)
{
	const char *p = strstr(html, from);
	cr_assert(p, "no %s on the page", from);
	const char *end = strstr(p, "</table>");
	for (int i = 0; i <= n; i++) {
		p = strstr(p, "<td class=\"num\">");
		cr_assert(p && p < end, "%s has no number cell %d", from, n);
		p += strlen("<td class=\"num\">");
	}
	return strtoll(p, NULL, 10);
}

/* The leading figure of a field's value on the city form page. */
static long long form_head(const char *html, const char *key)
{
	const char *p = strstr(html, lw_printf("<tr id=\"field-%s\"", key));
	cr_assert(p, "no row %s on the city form", key);
	p = strstr(p, "<td><p>");
	cr_assert(p, "row %s has no value", key);
	return strtoll(p + strlen("<td><p>"), NULL, 10);
}

/* The column (A, B, … AA, …) headed label in the sheet's first row. */
static const char *column_of(const char *sheet, const char *label)
{
	for (int i = 0; i < 52; i++) {
		const char *col = i < 26 ? lw_printf("%c", 'A' + i) : lw_printf("A%c", 'A' + i - 26);
		const char *v = cell(sheet, lw_printf("%s1", col), NULL);
		if (v && !strcmp(v, label))
			return col;
	}
	cr_assert_fail("no column 「%s」", label);
	return NULL;
}

/* One number per figure: the statistics page's city form figures, the city
 * form page (each field and its table of units), the city workbook's 全市汇总
 * row and the sum of its unit rows; 东湖区's accepted override of its people
 * (frozen with its version) counts in each, and the accepted unit is marked
 * ✓ where the units are listed. */
Test(stats, the_statistics_page_the_city_form_and_the_workbook_agree)
{
	long long week = week_of(2088);
	lw_client *dh = as("donghu_admin"), *xh = as("xihu_admin"), *centre = as(CENTRE);
	long long donghu = unit_id("东湖区"), xihu = unit_id("西湖区");
	add_activity(dh, donghu, week, (act_spec){lw_unique("社区宣讲"), "offline", "1", NULL, NULL, NULL, "40", false, true});
	add_activity(xh, xihu, week, (act_spec){lw_unique("读书沙龙"), "offline", "2", NULL, NULL, NULL, "25", false, true});
	add_activity(xh, xihu, week, (act_spec){lw_unique("线上课堂"), "online", "3", NULL, NULL, NULL, "12", false, true});
	add_publicity(dh, donghu, week, "报刊", "text", lw_unique("报道"));
	add_publicity(xh, xihu, week, "电视台", "media", lw_unique("专题片"));
	add_publicity(xh, xihu, week, "微信公众号", "media", lw_unique("短视频"));
	/* 东湖区 rewords its people with a reason: 40 from its records, 52 as it reports them */
	lw_resp *o = lw_submit(dh, lw_printf("/units/%lld/report/fields", donghu), "week", lw_printf("%lld", week), "field", "participants",
			       "value", "52 人次（含线上直播观看）", "reason", "线上直播观看另计", NULL);
	cr_assert_eq(o->status, 303, "override: %ld\n%s", o->status, lw_excerpt(o));
	submit_report(dh, donghu, week);
	submit_report(xh, xihu, week);
	long long v = sql_int(lw_printf("SELECT s.id FROM submissions s JOIN reports r ON r.id = s.report_id WHERE r.week_id = %lld"
					" AND r.unit_id = %lld ORDER BY s.version DESC LIMIT 1", week, donghu));
	lw_resp *acc = lw_submit(centre, lw_printf("/admin/submissions/%lld/accept", v), NULL);
	cr_assert_eq(acc->status, 303, "accept: %ld\n%s", acc->status, lw_excerpt(acc));
	/* a late record of 西湖区 counts in no form until it submits again */
	add_activity(xh, xihu, week, (act_spec){lw_unique("补录"), "offline", "1", NULL, NULL, NULL, "9", false, true});

	static const char *const keys[] = {"activity_count", "participants", "pub_text", "pub_media"};
	static const char *const labels[] = {"全区参与活动的数量", "参加活动人数", "文字报道", "影像图片报道"};
	const long long want[] = {3, 52 + 25 + 12, 1, 2}, dh_want[] = {1, 52, 1, 0}, xh_want[] = {2, 37, 0, 2};

	lw_resp *stats_page = lw_get(centre, lw_printf("/admin/stats?week=%lld", week));
	cr_assert_eq(stats_page->status, 200);
	lw_resp *form = lw_get(centre, lw_printf("/admin/city-form?week=%lld", week));
	cr_assert_eq(form->status, 200);
	lw_resp *file = finished(centre, start(centre, "city_xlsx", week));
	zip_t *z = open_zip(file);
	const char *units = entry(z, "xl/worksheets/sheet1.xml", NULL);
	cr_assert(units, "the 各单位总结表 sheet");
	int total = rows_in(units), dh_row = 0, xh_row = 0;
	cr_assert_str_eq(cell(units, lw_printf("B%d", total), NULL), "全市汇总");
	for (int r = 2; r < total; r++) {
		const char *name = cell(units, lw_printf("A%d", r), NULL);
		dh_row = !strcmp(name, "东湖区") ? r : dh_row;
		xh_row = !strcmp(name, "西湖区") ? r : xh_row;
	}
	cr_assert(dh_row && xh_row, "a row for each unit");
	for (int i = 0; i < 4; i++) {
		const char *col = column_of(units, labels[i]);
		long long wb_total = atoll(cell(units, lw_printf("%s%d", col, total), NULL));
		long long wb_dh = atoll(cell(units, lw_printf("%s%d", col, dh_row), NULL)), wb_xh = atoll(cell(units, lw_printf("%s%d", col, xh_row), NULL));
		long long stats = num_cell(stats_page->body, "id=\"city-form-figures\"", i);
		long long page = form_head(form->body, keys[i]);
		long long foot = cell_after(form->body, "id=\"counted-units\"", "全市总结表", i);
		long long page_dh = cell_after(form->body, "id=\"counted-units\"", "东湖区", i);
		long long page_xh = cell_after(form->body, "id=\"counted-units\"", "西湖区", i);
		cr_assert(stats == want[i] && page == want[i] && foot == want[i] && wb_total == want[i] && wb_dh + wb_xh == want[i],
			  "%s: want %lld; /admin/stats %lld, the city form %lld (its units' table %lld), the workbook's 全市汇总 %lld,"
			  " its unit rows %lld + %lld", labels[i], want[i], stats, page, foot, wb_total, wb_dh, wb_xh);
		cr_assert(page_dh == dh_want[i] && wb_dh == dh_want[i] && page_xh == xh_want[i] && wb_xh == xh_want[i],
			  "%s: 东湖区 %lld on the page, %lld in the workbook (want %lld); 西湖区 %lld, %lld (want %lld)", labels[i], page_dh, wb_dh,
			  dh_want[i], page_xh, wb_xh, xh_want[i]);
	}
	/* the override's reason goes with it; the city form names 东湖区's share as it reported it */
	const char *reasons = cell(units, lw_printf("%s%d", column_of(units, "修改说明"), dh_row), NULL);
	cr_assert(strstr(reasons, "「参加活动人数」改动的原因：线上直播观看另计"), "东湖区's 修改说明: %s", reasons);
	zip_close(z);
	cr_assert(lw_has(form, "各县区：东湖区 52 人次、西湖区 37 人次"), "%s", lw_excerpt(form));

	/* ✓ marks the accepted unit, not the one waiting */
	const char *row = strstr(form->body, "<th scope=\"row\">东湖区</th>");
	cr_assert(row && strstr(row, "</tr>"), "东湖区 in the units' table:\n%s", lw_excerpt(form));
	const char *dh_tr = lw_printf("%.*s", (int)(strstr(row, "</tr>") - row), row);
	cr_assert(strstr(dh_tr, "<td>✓ 已通过</td>"), "东湖区 accepted, marked ✓: %s", dh_tr);
	row = strstr(form->body, "<th scope=\"row\">西湖区</th>");
	cr_assert(row && strstr(row, "</tr>"));
	const char *xh_tr = lw_printf("%.*s", (int)(strstr(row, "</tr>") - row), row);
	cr_assert(!strstr(xh_tr, "✓") && strstr(xh_tr, "<td>已提交，待审核</td>"), "西湖区 waits, no ✓: %s", xh_tr);
}
