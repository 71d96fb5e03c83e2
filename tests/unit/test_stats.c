/* test_stats.c: the SVG charts (src/out/chart.c) escape every text, draw no
 * bar for a zero and sum stacked parts in their table; tag_counts (migration
 * 041) stays equal to a recount of activity_tags through everything
 * activity.c does to an activity: tags written, replaced on an update,
 * publishing, cancelling, withdrawing; and stats_load reads them back. */
#include "testlib.h"
#include "domain/activity.h"
#include "domain/cityform.h"
#include "domain/stats.h"
#include "out/chart.h"
#include <string.h>

TestSuite(chart);
TestSuite(tags, .init = t_setup, .fini = t_teardown);
TestSuite(cityform, .init = t_setup, .fini = t_teardown);

static int count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

Test(chart, texts_are_escaped_and_zero_draws_nothing)
{
	const char *labels[] = {"<script>区", "A&B", "零"};
	long long now[] = {5, 3, 0}, before[] = {2, 0, 0};
	chart_series s[] = {{"2022年", now}, {"\"去年\"", before}};
	chart c = {.id = "c-x", .title = "<b>标题</b>", .measure = "场", .label_head = "单位", .labels = labels, .n = 3,
		   .series = s, .nseries = 2, .total_row = true};
	html b = HTML_INIT;
	chart_figure(&b, &c);
	const char *h = html_cstr(&b);
	cr_assert(strstr(h, "role=\"img\" aria-labelledby=\"c-x-t\""));
	cr_assert(strstr(h, "<title id=\"c-x-t\">&lt;b&gt;标题&lt;/b&gt;</title>"));
	cr_assert(!strstr(h, "<script>") && !strstr(h, "<b>"), "markup from data");
	cr_assert(strstr(h, "&lt;script&gt;区") && strstr(h, "A&amp;B") && strstr(h, "&quot;去年&quot;"));
	/* three bars with a value, each with its own title; none for the zeros */
	cr_assert_eq(count(h, "<rect x="), 3 + 2, "three bars and two legend swatches");
	cr_assert_eq(count(h, "<title>"), 3);
	cr_assert(strstr(h, "<tfoot><tr><th scope=\"row\">合计</th><td class=\"num\">8</td><td class=\"num\">2</td>"), "%s", h);
	html_free(&b);
}

Test(chart, stacked_parts_share_a_bar_and_sum_in_the_table)
{
	const char *labels[] = {"东湖区", "西湖区"};
	long long on[] = {1, 0}, off[] = {4, 2}, both[] = {0, 3};
	chart_series s[] = {{"线上", on}, {"线下", off}, {"线上线下相结合", both}};
	const char *extra[] = {"80%", "—", "60%"};
	chart c = {.id = "c-m", .title = "方式", .measure = "场", .label_head = "单位", .labels = labels, .n = 2, .series = s,
		   .nseries = 3, .stacked = true, .total_row = true, .extra_head = "满意率", .extra = extra};
	html b = HTML_INIT;
	chart_figure(&b, &c);
	const char *h = html_cstr(&b);
	cr_assert(strstr(h, "<th scope=\"row\">东湖区</th><td class=\"num\">1</td><td class=\"num\">4</td><td class=\"num\">0</td>"
			    "<td class=\"num\">5</td><td class=\"num\">80%</td>"), "%s", h);
	cr_assert(strstr(h, "<th scope=\"row\">合计</th><td class=\"num\">1</td><td class=\"num\">6</td><td class=\"num\">3</td>"
			    "<td class=\"num\">10</td><td class=\"num\">60%</td>"));
	cr_assert(strstr(h, ">5场</text>") && strstr(h, ">5场</text>"), "the bar's total at its end");
	html_free(&b);
}

/* ---- tag_counts ---- */

static long long week_id, unit_a, unit_b;

static void fixture(void)
{
	t_week_and_two_units(&week_id, &unit_a, &unit_b);
}

static tags list(const char *a, const char *b)
{
	const char **v = arena_alloc(&A, sizeof *v * 3);
	int n = 0;
	if (a)
		v[n++] = a;
	if (b)
		v[n++] = b;
	return (tags){v, n};
}

static long long new_activity(long long unit_id, const char *c1, const char *c2, const char *audience)
{
	activity x = {.week_id = week_id, .unit_id = unit_id, .title = S("讲座"), .host = S("学院"), .co_hosts = S(""), .mode = S("offline"),
		      .venue = S("礼堂"), .street = S(""), .online_url = S(""), .description = S(""), .starts_at = t_who.now,
		      .ends_at = t_who.now + 3600, .capacity = -1, .reported = -1, .content = list(c1, c2),
		      .audiences = list(audience, NULL)};
	errs e = {0};
	long long id = activity_save(D, &A, &t_who, &x, &e);
	cr_assert_gt(id, 0, "%s", errs_summary(&e, &A));
	return id;
}

Test(tags, counts_follow_every_change)
{
	fixture();
	long long a = new_activity(unit_a, "1", "6", "老年人群");
	long long b = new_activity(unit_a, "1", NULL, NULL);
	long long c = new_activity(unit_b, "2", NULL, "企业职工");
	t_assert_tag_counts("drafts");
	cr_assert_eq(activity_set_status(D, &A, &t_who, a, "published"), 0);
	cr_assert_eq(activity_set_status(D, &A, &t_who, b, "published"), 0);
	cr_assert_eq(activity_set_status(D, &A, &t_who, c, "published"), 0);
	t_assert_tag_counts("published");
	/* an update rewrites the tags */
	activity x;
	cr_assert(activity_load(D, &A, a, &x));
	activity_load_tags(D, &A, &x);
	x.content = list("3", NULL);
	errs e = {0};
	cr_assert_gt(activity_save(D, &A, &t_who, &x, &e), 0, "%s", errs_summary(&e, &A));
	t_assert_tag_counts("tags replaced");
	cr_assert_eq(activity_set_status(D, &A, &t_who, b, "cancelled"), 0);
	t_assert_tag_counts("cancelled");
	cr_assert_eq(activity_set_status(D, &A, &t_who, c, "draft"), 0);
	t_assert_tag_counts("withdrawn");

	city_stats s;
	cr_assert(stats_load(D, &A, week_id, &s));
	const unit_stats *da = stats_unit(&s, unit_a), *xb = stats_unit(&s, unit_b);
	cr_assert(da && xb);
	cr_assert_eq(da->activities, 1, "only a is still published");
	cr_assert_eq(da->tags[TAG_CONTENT][2], 1, "content item 3");
	cr_assert_eq(da->tags[TAG_CONTENT][0], 0, "b is cancelled and a no longer item 1");
	cr_assert_eq(s.total.tags[TAG_AUDIENCE][6], 1, "老年人群 (a)");
	cr_assert_eq(xb->activities, 0);
	cr_assert_eq(s.total.tags[TAG_AUDIENCE][0], 0, "企业职工 is on a draft");

	/* marked 周外活动, a's tags leave the figures; unmarked, they come back */
	cr_assert(activity_load(D, &A, a, &x));
	x.off_week = true;
	cr_assert_gt(activity_save(D, &A, &t_who, &x, &e), 0, "%s", errs_summary(&e, &A));
	t_assert_tag_counts("off week");
	cr_assert(stats_load(D, &A, week_id, &s));
	cr_assert_eq(stats_unit(&s, unit_a)->tags[TAG_CONTENT][2], 0, "a 周外活动 counts nowhere");
	cr_assert_eq(stats_unit(&s, unit_a)->activities, 0);
	cr_assert(activity_load(D, &A, a, &x));
	x.off_week = false;
	cr_assert_gt(activity_save(D, &A, &t_who, &x, &e), 0, "%s", errs_summary(&e, &A));
	t_assert_tag_counts("back in the week");
	cr_assert(stats_load(D, &A, week_id, &s));
	cr_assert_eq(stats_unit(&s, unit_a)->tags[TAG_CONTENT][2], 1);
}

/* The city form saves its plan and its texts together or not at all: a text
 * that is too long leaves the plan as it was (it used to be saved first, in
 * a transaction of its own, and stay while the page said 有误). */
Test(cityform, saves_plan_and_texts_together_or_not_at_all)
{
	fixture();
	report rep;
	cr_assert(cityform_report(D, &A, week_id, &rep));
	report plan = {.plan_issuer = S("南昌市教育局"), .plan_coordinator = S(""), .plan_author = S(""), .ceremony_date = S(""),
		       .ceremony_venue = S(""), .ceremony_leaders = S("")};
	const char **texts = arena_alloc(&A, sizeof *texts * (size_t)(rep.form->n + 1));
	int effect = week_form_index(rep.form, "effect");
	cr_assert_geq(effect, 0);
	buf long_text = BUF_INIT;
	for (int i = 0; i <= rep.form->row[effect].max_chars * 2; i++)
		buf_puts(&long_text, "字");
	texts[effect] = buf_cstr(&long_text);
	errs e = {0};
	cr_assert_lt(cityform_save(D, &A, &t_who, &rep, &plan, texts, &e), 0);
	cr_assert(strstr(errs_summary(&e, &A), "太长"), "%s", errs_summary(&e, &A));
	cr_assert_str_empty(db_text(D, &A, "SELECT COALESCE(plan_issuer, '') FROM reports WHERE id = ?1", "I", rep.id),
			    "the plan was saved although the texts were refused");
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM audit_log WHERE entity = 'report_plan'", NULL), 0);

	texts[effect] = "成效显著";
	errs ok = {0};
	cr_assert_eq(cityform_save(D, &A, &t_who, &rep, &plan, texts, &ok), 0, "%s", errs_summary(&ok, &A));
	cr_assert_str_eq(db_text(D, &A, "SELECT plan_issuer FROM reports WHERE id = ?1", "I", rep.id), "南昌市教育局");
	cr_assert_str_eq(db_text(D, &A, "SELECT value FROM report_fields WHERE report_id = ?1 AND field = 'effect'", "I", rep.id),
			 "成效显著");
	buf_free(&long_text);
}

/* A save indexes its own text before it commits, so a resident's search,
 * a read, finds it without writing anything (it waited behind the units'
 * saves under load when the search drained the queue itself). */
Test(tags, a_saved_activity_is_searchable_without_the_search_writing)
{
	fixture();
	long long id = new_activity(unit_a, "1", NULL, NULL);
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM activity_text_pending", NULL), 0, "the save left its text queued");
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM activity_text_stale", NULL), 0);
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM activity_text WHERE activity_text MATCH '\"讲座\"' AND rowid = ?1", "I", id), 1,
		     "the new title is in the index at once");
	activity x;
	cr_assert(activity_load(D, &A, id, &x));
	activity_load_tags(D, &A, &x);
	x.title = S("书法班");
	errs e = {0};
	cr_assert(activity_save(D, &A, &t_who, &x, &e), "%s", errs_summary(&e, &A));
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM activity_text_pending", NULL), 0, "the update left its text queued");
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM activity_text WHERE activity_text MATCH '\"讲座\"' AND rowid = ?1", "I", id), 0,
		     "the old title is gone from the index");
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM activity_text WHERE activity_text MATCH '\"书法\"' AND rowid = ?1", "I", id), 1);
}
