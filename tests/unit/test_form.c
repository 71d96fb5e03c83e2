/* test_form.c: the summary form of issue 12: the week bounds the form (an
 * activity outside the week's dates is refused unless marked 周外活动, and a
 * 周外活动 moves no figure anywhere). */
#include "testlib.h"
#include "testrun.h"
#include "domain/activity.h"
#include "domain/report.h"
#include "domain/cityform.h"
#include "domain/stats.h"
#include "domain/board.h"
#include "domain/review.h"
#include "domain/submission.h"
#include "export/form_doc.h"
#include "export/city_xlsx.h"
#include "in/table_reader.h"
#include "pages/kit.h"   /* form_table_html: the city form page's table, as residents and the centre see it */
#include <string.h>
#include <zip.h>

TestSuite(bounds, .init = t_setup, .fini = t_teardown);

static long long week_id, unit_a, unit_b;

/* The 2022 week (2022-12-01 to 2022-12-07) and two units. */
static void fixture(void)
{
	t_week_and_two_units(&week_id, &unit_a, &unit_b);
}

static const char *one_content[] = {"1"};

/* What a clerk's form sends for an activity from start to end (local times). */
static activity_input input(const char *start, const char *end, const char *off_week)
{
	return (activity_input){.title = "讲座", .host = "东湖区社区教育学院", .co_hosts = "", .mode = "线下", .starts_at = start,
				.ends_at = end, .venue = "礼堂", .street = "", .online_url = "", .capacity = "", .description = "",
				.featured = "", .reported = "", .off_week = off_week, .content = {one_content, 1}};
}

static int parse(const char *start, const char *end, const char *off_week, activity *x, errs *e, const char **warning)
{
	activity_input in = input(start, end, off_week);
	memset(x, 0, sizeof *x);
	return activity_parse(D, &A, &in, week_id, x, e, warning);
}

/* The case: 2026-12-05 in the 2022 week is refused, naming the week's dates. */
Test(bounds, an_activity_outside_the_week_is_refused_naming_its_dates)
{
	fixture();
	activity x;
	errs e = {0};
	const char *warning;
	cr_assert_eq(parse("2026-12-05 09:00", "2026-12-05 11:00", NULL, &x, &e, &warning), -1, "refused");
	const char *msg = err_for(&e, "starts_at");
	cr_assert_not_null(msg);
	cr_assert(strstr(msg, "2022年12月1日至2022年12月7日") && strstr(msg, "周外活动"), "names the dates and the way out: %s", msg);
	/* the last evening of the week is in; a minute past midnight is not */
	errs e2 = {0};
	cr_assert_eq(parse("2022-12-07 20:00", "2022-12-07 23:59", NULL, &x, &e2, &warning), 0, "%s", errs_summary(&e2, &A));
	errs e3 = {0};
	cr_assert_eq(parse("2022-12-07 23:00", "2022-12-08 00:01", NULL, &x, &e3, &warning), -1, "ends after the week");
	errs e4 = {0};
	cr_assert_eq(parse("2022-11-30 23:00", "2022-12-01 01:00", NULL, &x, &e4, &warning), -1, "starts before the week");
}

Test(bounds, marked_off_week_it_is_kept_with_a_warning)
{
	fixture();
	activity x;
	errs e = {0};
	const char *warning;
	cr_assert_eq(parse("2026-12-05 09:00", "2026-12-05 11:00", "1", &x, &e, &warning), 0, "%s", errs_summary(&e, &A));
	cr_assert(x.off_week);
	cr_assert(warning && strstr(warning, "不计入"), "says it will not count: %s", warning ? warning : "(none)");
	x.unit_id = unit_a;
	long long id = activity_save(D, &A, &t_who, &x, &e);
	cr_assert_gt(id, 0, "%s", errs_summary(&e, &A));
	activity back;
	cr_assert(activity_load(D, &A, id, &back));
	cr_assert(back.off_week, "stored as 周外活动");
	/* a box ticked on an activity within the week changes nothing: it counts */
	errs e2 = {0};
	cr_assert_eq(parse("2022-12-02 09:00", "2022-12-02 11:00", "1", &x, &e2, &warning), 0);
	cr_assert(!x.off_week, "within the week it counts");
}

Test(bounds, the_centre_extends_the_week)
{
	fixture();
	week wk;
	cr_assert(week_load(D, &A, week_id, &wk));
	wk.extended_to = S("2022-12-09");
	errs e = {0};
	cr_assert(week_save(D, &A, &t_who, &wk, "2022", "2022-12-10T23:59", &e), "%s", errs_summary(&e, &A));
	activity x;
	const char *warning;
	cr_assert_eq(parse("2022-12-09 09:00", "2022-12-09 11:00", NULL, &x, &e, &warning), 0, "%s", errs_summary(&e, &A));
	errs e2 = {0};
	cr_assert_eq(parse("2022-12-10 09:00", "2022-12-10 11:00", NULL, &x, &e2, &warning), -1);
	cr_assert(strstr(err_for(&e2, "starts_at"), "可延至2022年12月9日"), "%s", err_for(&e2, "starts_at"));
	/* an extension before the end, or not a date, is refused */
	wk.extended_to = S("2022-12-05");
	errs e3 = {0};
	cr_assert(!week_save(D, &A, &t_who, &wk, "2022", "2022-12-10T23:59", &e3));
	cr_assert_not_null(err_for(&e3, "extended_to"));
	wk.extended_to = S("12月9日");
	errs e4 = {0};
	cr_assert(!week_save(D, &A, &t_who, &wk, "2022", "2022-12-10T23:59", &e4));
	cr_assert_not_null(err_for(&e4, "extended_to"));
}

/* ---- an off-week activity moves nothing ---- */

static long long seq;

/* A published activity of unit at day (local date) with n check-ins,
 * the given ratings ("ssbu": satisfied, satisfied, basic, unsatisfied). */
static long long published(long long unit_id, const char *day, bool off_week, int checkins, const char *ratings, long long reported)
{
	activity x = {.week_id = week_id, .unit_id = unit_id, .title = S("活动"), .host = S("东湖区文化馆"), .co_hosts = S("东湖区图书馆"),
		      .mode = S("offline"), .venue = S("礼堂"), .street = S("公园街道"), .online_url = S(""), .description = S(""),
		      .capacity = -1, .reported = reported, .featured = true, .off_week = off_week,
		      .content = {(const char **)one_content, 1}};
	cr_assert(local_datetime_parse(arena_printf(&A, "%s 09:00", day), &x.starts_at));
	x.ends_at = x.starts_at + 7200;
	errs e = {0};
	long long id = activity_save(D, &A, &t_who, &x, &e);
	cr_assert_gt(id, 0, "%s", errs_summary(&e, &A));
	cr_assert_eq(activity_set_status(D, &A, &t_who, id, "published"), 0);
	int nr = ratings ? (int)strlen(ratings) : 0;
	for (int i = 0; i < checkins || i < nr; i++) {
		cr_assert_eq(db_exec(D, "INSERT INTO checkins(activity_id, name, rating_hash, created_at) VALUES (?1, '居民', ?2, 0)", "It", id,
				     arena_printf(&A, "h%lld", ++seq)), 0);
		long long ci = db_last_id(D);
		if (i < nr)
			cr_assert_eq(db_exec(D, "INSERT INTO ratings(checkin_id, activity_id, score, created_at) VALUES (?1, ?2, ?3, 0)", "IIt", ci, id,
					     ratings[i] == 's' ? "satisfied" : ratings[i] == 'b' ? "basic" : "unsatisfied"), 0);
	}
	return id;
}

/* The files a submission requires (summary, case), recorded as the upload
 * page records them (the store's bytes are not read), then 定稿 and the
 * stamped scan of it. */
static void attach_required(const report *rep)
{
	static const char *const kinds[] = {"summary", "case", "scan"};
	new_file f = {.sha256 = "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef", .filename = S("x.pdf"),
		      .mime = "application/pdf", .size = 10};
	for (int i = 0; i < 2; i++) {
		if (db_int(D, 0, "SELECT count(*) FROM attachments WHERE report_id = ?1 AND kind = ?2", "It", rep->id, kinds[i]))
			continue;
		errs e = {0};
		cr_assert_eq(attachment_add(D, &A, &t_who, rep, att_kind(kinds[i]), &f, 1, true, &e), 0, "%s", errs_summary(&e, &A));
	}
	errs e = {0};
	report_finalise(D, &A, &t_who, rep, NULL, &e); /* refused only when a valid 定稿 is already there */
	errs e2 = {0};
	cr_assert_eq(attachment_add(D, &A, &t_who, rep, att_kind(kinds[2]), &f, 1, true, &e2), 0, "%s", errs_summary(&e2, &A));
}

/* The unit's report submitted now, as it stands (a version waiting for
 * review is returned first, so the new one is the latest): the id. */
static long long submit_unit(long long unit_id)
{
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_id, &rep));
	errs e = {0};
	if (!strcmp(rep.status, "submitted")) {
		review_note note = {NULL, "请按现在的记录重新提交"};
		cr_assert_eq(review_return(D, &A, &t_who, submission_latest(D, rep.id), &note, 1, &e), 0, "%s", errs_summary(&e, &A));
		cr_assert(report_get(D, &A, week_id, unit_id, &rep));
	}
	attach_required(&rep);
	long long id = submission_submit(D, &A, &t_who, &rep, &e);
	cr_assert_gt(id, 0, "%s", errs_summary(&e, &A));
	return id;
}

/* Texts and flags, one a row of the current week's form (all NULL, false). */
static const char **row_texts(void)
{
	return arena_alloc(&A, sizeof(const char *) * (size_t)(week_form_load(D, &A, week_id)->n + 1));
}

static bool *row_flags(void)
{
	return arena_alloc(&A, sizeof(bool) * (size_t)(week_form_load(D, &A, week_id)->n + 1));
}

static int field_index(const char *key);

/* The current week's row of that key. */
static const form_field_def *field_def(const char *key)
{
	return &week_form_load(D, &A, week_id)->row[field_index(key)];
}

/* The city form once both units have submitted what their records say now:
 * the city form is built from the units' submitted versions. */
static field_value *city_form_now(void)
{
	submit_unit(unit_a);
	submit_unit(unit_b);
	report city;
	cr_assert(cityform_report(D, &A, week_id, &city));
	return cityform_fields(D, &A, &city);
}

/* The board of the current week, now. */
static int board_now(board_row **rows)
{
	week wk;
	cr_assert(week_load(D, &A, week_id, &wk));
	return board_load(D, &A, &wk, t_who.now, rows);
}

/* Every figure of unit_a's form, the city's form, the statistics and the board, as one text. */
static char *figures(void)
{
	buf b = BUF_INIT;
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	field_value *fv;
	fv = report_fields(D, &A, &rep);
	for (int i = 0; fv[i].def; i++)
		buf_printf(&b, "unit %s: %s\n", fv[i].def->key, fv[i].derived ? fv[i].derived : "");
	fv = city_form_now();
	for (int i = 0; fv[i].def; i++)
		buf_printf(&b, "city %s: %s\n", fv[i].def->key, fv[i].derived ? fv[i].derived : "");
	city_stats s;
	cr_assert(stats_load(D, &A, week_id, &s));
	const unit_stats *u = &s.total;
	buf_printf(&b, "stats %lld %lld %lld %lld %lld %lld %lld %lld %lld\n", u->activities, u->featured, u->people.total,
		   u->sat.satisfied, u->sat.basic, u->sat.total, u->tags[TAG_CONTENT][0], u->people.activities_measured,
		   u->people.activities_reported);
	board_row *rows;
	int n = board_now(&rows);
	for (int i = 0; i < n; i++)
		buf_printf(&b, "board %s %lld %lld %lld\n", rows[i].unit_name, rows[i].activities, rows[i].participants, rows[i].ratings);
	char *out = arena_strdup(&A, buf_cstr(&b));
	buf_free(&b);
	return out;
}

Test(bounds, an_off_week_activity_moves_no_figure)
{
	fixture();
	published(unit_a, "2022-12-02", false, 3, "sb", -1);
	published(unit_a, "2022-12-05", false, 0, NULL, 40);
	published(unit_b, "2022-12-03", false, 2, "s", -1);
	char *before = figures();
	/* the case: an activity of 2026-12-05 with its people and ratings */
	published(unit_a, "2026-12-05", true, 5, "uuu", 186);
	char *after = figures();
	cr_assert_str_eq(after, before, "the off-week activity changed a figure");
	cr_assert(strstr(before, "unit period: 2022年12月2日至2022年12月5日"), "%s", before);
	/* it is listed on the unit's form as not counted */
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	const char **off;
	cr_assert_eq(report_off_week(D, &A, &rep, &off), 1);
	cr_assert_str_eq(off[0], "活动（2026年12月5日）");
}

/* ---- satisfaction as offices write it (point 4) ---- */

static const char *derived(const field_value *fv, const char *key)
{
	for (int i = 0; fv[i].def; i++)
		if (!strcmp(fv[i].def->key, key))
			return fv[i].derived;
	cr_assert_fail("no field %s", key);
	return NULL;
}

/* The case: two ratings, both 基本满意, read "满意率 0%"; offices count
 * them as satisfied: 满意度 100%, with 满意率 0% beside it. */
Test(bounds, two_basic_ratings_are_a_satisfaction_of_100_percent)
{
	fixture();
	published(unit_a, "2022-12-02", false, 0, "bb", -1);
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	field_value *fv;
	fv = report_fields(D, &A, &rep);
	const char *want = "满意度 100%，满意率 0%（满意 0，基本满意 2，不满意 0；共 2 份有效评价，来自 1 场活动）";
	cr_assert_str_eq(derived(fv, "satisfaction"), want);
	fv = city_form_now();
	cr_assert_str_eq(derived(fv, "satisfaction"), want, "the city's form says the same");
	city_stats s;
	cr_assert(stats_load(D, &A, week_id, &s));
	cr_assert_eq(satisfaction_degree(&s.total.sat), 100);
	cr_assert_eq(satisfaction_rate(&s.total.sat), 0);
	cr_assert_eq(s.total.sat.activities, 1);
}

Test(bounds, satisfaction_rounds_and_counts_the_activities_rated)
{
	fixture();
	published(unit_a, "2022-12-02", false, 0, "sbu", -1);
	published(unit_a, "2022-12-03", false, 0, NULL, 10);
	published(unit_b, "2022-12-03", false, 0, "s", -1);
	satisfaction s = unit_satisfaction(D, week_id, unit_a);
	cr_assert_str_eq(satisfaction_text(&A, &s), "满意度 67%，满意率 33%（满意 1，基本满意 1，不满意 1；共 3 份有效评价，来自 1 场活动）");
	satisfaction none = {0};
	cr_assert_str_eq(satisfaction_text(&A, &none), "暂无居民评价");
	satisfaction all = unit_satisfaction(D, week_id, 0);
	cr_assert_eq(all.activities, 2);
	cr_assert_eq(all.total, 4);
}

/* unit_a's form and the city's, derived now */
static field_value *unit_a_form(void)
{
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	return report_fields(D, &A, &rep);
}

/* ---- multi-value cells (point 7) ---- */

/* The case: "东湖区卫健委;东湖区社区教育学院" is two hosts, and a school
 * named twice among the co-hosts (and once as a host) is listed once. */
Test(bounds, a_cell_of_several_hosts_names_each_once)
{
	fixture();
	static const char *aud[] = {"老年人群、企业职工", "老年人群"};
	activity_input in = input("2022-12-02 09:00", "2022-12-02 11:00", NULL);
	in.host = "东湖区卫健委;东湖区社区教育学院";
	in.co_hosts = "东湖区图书馆，东湖区社区教育学院、东湖区图书馆";
	in.audiences = (tags){aud, 2};
	activity x = {0};
	errs e = {0};
	const char *warning;
	cr_assert_eq(activity_parse(D, &A, &in, week_id, &x, &e, &warning), 0, "%s", errs_summary(&e, &A));
	cr_assert_str_eq(x.host, "东湖区卫健委、东湖区社区教育学院");
	cr_assert_str_eq(x.co_hosts, "东湖区图书馆", "the host is no co-host again, the library once");
	cr_assert_eq(x.audiences.n, 2, "老年人群 and 企业职工, once each");
	x.unit_id = unit_a;
	long long id = activity_save(D, &A, &t_who, &x, &e);
	cr_assert_gt(id, 0, "%s", errs_summary(&e, &A));
	cr_assert_eq(activity_set_status(D, &A, &t_who, id, "published"), 0);
	/* stored before the cells were split: a second activity as an older version saved it */
	long long old = published(unit_a, "2022-12-03", false, 0, NULL, 5);
	cr_assert_eq(db_exec(D, "UPDATE activities SET host = '东湖区社区教育学院；东湖区文化馆', co_hosts = '东湖区图书馆,东湖区图书馆' WHERE id = ?1",
			     "I", old), 0);
	field_value *fv;
	fv = unit_a_form();
	cr_assert_str_eq(derived(fv, "organisers"), "主办：东湖区卫健委、东湖区社区教育学院、东湖区文化馆；协办：东湖区图书馆");
	cr_assert(strstr(derived(fv, "scope"), "参与单位 3 个：东湖区卫健委、东湖区社区教育学院、东湖区文化馆"), "%s", derived(fv, "scope"));
	fv = city_form_now();
	cr_assert(strstr(derived(fv, "scope"), "参与单位 3 个："), "%s", derived(fv, "scope"));
	cr_assert(strstr(derived(fv, "organisers"), "举办活动的单位 3 个：") && strstr(derived(fv, "organisers"), "\n协办单位 1 个：东湖区图书馆"),
		  "%s", derived(fv, "organisers"));
}

/* ---- participants without silent loss (point 5) ---- */

/* The participants figure of the unit's form, the city's form, the
 * statistics and the board, which must agree. */
static long long people_everywhere(void)
{
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	field_value *fv;
	fv = report_fields(D, &A, &rep);
	long long unit_form = strtoll(derived(fv, "participants"), NULL, 10);
	fv = city_form_now();
	long long city = strtoll(derived(fv, "participants"), NULL, 10);
	city_stats s;
	cr_assert(stats_load(D, &A, week_id, &s));
	board_row *rows;
	int n = board_now(&rows);
	long long board = -1;
	for (int i = 0; i < n; i++)
		if (rows[i].unit_id == unit_a)
			board = rows[i].participants;
	cr_assert(unit_form == city && city == s.total.people.total && s.total.people.total == board,
		  "unit form %lld, city form %lld, statistics %lld, board %lld", unit_form, city, s.total.people.total, board);
	return unit_form;
}

/* The case: the organiser reported 186, the staff then tallied 12
 * walk-ins; the form counted 12 without a word. Now the activity is listed
 * as 人数待确认 (and one without any number as 未填人数) on the form page and
 * the checklist, until the clerk confirms which is right, with a reason. */
Test(bounds, differing_sources_are_confirmed_with_a_reason)
{
	fixture();
	long long walkins = published(unit_a, "2022-12-02", false, 0, NULL, 186);
	long long none = published(unit_a, "2022-12-03", false, 0, NULL, -1);
	cr_assert_eq(activity_set_counts(D, &A, &t_who, walkins, 12, 186), 0);
	cr_assert_eq(people_everywhere(), 12, "until confirmed, the check-ins and tally count");

	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	const char **missing, **unconfirmed;
	long long *mids, *uids;
	int nun;
	cr_assert_eq(report_count_gaps(D, &A, &rep, &missing, &mids, &unconfirmed, &uids, &nun), 1);
	cr_assert_eq(mids[0], none);
	cr_assert_str_eq(missing[0], "活动（2022年12月3日）");
	cr_assert_eq(nun, 1);
	cr_assert_eq(uids[0], walkins);
	field_value *fv;
	fv = report_fields(D, &A, &rep);
	check_item *items;
	int blocking;
	int n = report_checklist(D, &A, &rep, fv, &items, &blocking);
	const check_item *people = NULL;
	for (int i = 0; i < n; i++)
		if (!strcmp(items[i].label, "活动的参加人数"))
			people = &items[i];
	cr_assert(people && !people->done, "the checklist asks");
	cr_assert_str_eq(people->detail, "未填人数 1 场，人数待确认 1 场");

	/* no reason, or no choice: refused, nothing changes */
	errs e = {0};
	cr_assert_eq(activity_confirm_count(D, &A, &t_who, walkins, "reported", "  ", &e), -1);
	cr_assert_not_null(err_for(&e, "count_reason"));
	errs e2 = {0};
	cr_assert_eq(activity_confirm_count(D, &A, &t_who, walkins, "both", "原因", &e2), -1);
	cr_assert_eq(people_everywhere(), 12);

	errs e3 = {0};
	cr_assert_eq(activity_confirm_count(D, &A, &t_who, walkins, "reported", "主办方报告的 186 人含线上观看", &e3), 0,
		     "%s", errs_summary(&e3, &A));
	cr_assert(strstr(t_last_audit().new_value, "主办方报告的 186 人含线上观看"), "the reason is in the audit");
	cr_assert_eq(people_everywhere(), 186, "the confirmed source counts, everywhere");
	cr_assert_eq(report_count_gaps(D, &A, &rep, &missing, &mids, &unconfirmed, &uids, &nun), 1);
	cr_assert_eq(nun, 0, "confirmed: no longer asked");

	/* the choice can go back to the check-ins and tally */
	errs e4 = {0};
	cr_assert_eq(activity_confirm_count(D, &A, &t_who, walkins, "measured", "清点为准", &e4), 0);
	cr_assert_eq(people_everywhere(), 12);
	/* with check-ins (the statistics read them apart from the tally): 3 scanned, 50 reported */
	long long scanned = published(unit_a, "2022-12-04", false, 3, NULL, 50);
	cr_assert_eq(people_everywhere(), 15);
	errs e5 = {0};
	cr_assert_eq(activity_confirm_count(D, &A, &t_who, scanned, "reported", "多数人没有扫码", &e5), 0);
	cr_assert_eq(people_everywhere(), 62);
}

/* ---- overrides that cannot slip (point 6) ---- */

static int field_index(const char *key)
{
	int k = week_form_index(week_form_load(D, &A, week_id), key);
	cr_assert_geq(k, 0, "no field %s", key);
	return k;
}

Test(bounds, a_number_is_any_digit_full_width_digit_or_chinese_numeral)
{
	cr_assert_str_eq(numbers_in(&A, "满意率 ９８％"), "98");
	cr_assert_str_eq(numbers_in(&A, "满意率九十八"), "98");
	cr_assert_str_eq(numbers_in(&A, "一百零五人、十二场、两千人次"), "105,12,2000");
	cr_assert_str_eq(numbers_in(&A, "一万二千 人次，二〇二二年"), "12000,2022");
	cr_assert_str_eq(numbers_in(&A, "23,560 人次（签到 8,214）"), "23560,8214");
	cr_assert_str_eq(numbers_in(&A, "１2３ 场"), "123", "mixed digits are one number");
	cr_assert_str_eq(numbers_in(&A, "组织有序，宣传到位"), "");
}

/* The case: with no ratings the system says 暂无居民评价; a unit that
 * writes "满意率 ９８％" (or 九十八) changes a number, so it needs a reason. */
Test(bounds, a_full_width_or_chinese_number_needs_a_reason)
{
	fixture();
	published(unit_a, "2022-12-02", false, 0, NULL, 10);
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	int k = field_index("satisfaction");
	const char **values = row_texts(), **reasons = row_texts();
	bool *reset = row_flags();
	const char *tries[] = {"满意率 ９８％", "满意率九十八"};
	for (int t = 0; t < 2; t++) {
		values[k] = tries[t];
		errs e = {0};
		cr_assert_eq(report_save_fields(D, &A, &t_who, &rep, values, reasons, reset, &e), -1, "%s saved without a reason", tries[t]);
		cr_assert(strstr(err_for(&e, "satisfaction"), "请填写修改原因"), "%s", err_for(&e, "satisfaction"));
	}
	reasons[k] = "纸质问卷 50 份";
	errs e = {0};
	cr_assert_eq(report_save_fields(D, &A, &t_who, &rep, values, reasons, reset, &e), 0, "%s", errs_summary(&e, &A));
	field_value *fv;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	fv = report_fields(D, &A, &rep);
	cr_assert(fv[k].overridden && fv[k].number_changed);
	/* the reason prints under the table of the PDF and the DOCX, as a 说明 note */
	form_doc doc;
	report_form_doc(D, &A, &rep, fv, NULL, NULL, t_who.now, &doc);
	cr_assert_str_eq(doc.notes, "说明：\n1. 「群众满意度」改动的原因：纸质问卷 50 份");
}

/* ---- one derivation (point 2) ---- */

/* The city's form dropped the 开放学习资源 line and the learning-star and
 * brand-project lines that the units' forms print. */
Test(bounds, the_city_form_keeps_the_resources_and_the_stars_and_brands)
{
	fixture();
	published(unit_a, "2022-12-02", false, 0, NULL, 10);
	cr_assert_eq(db_exec(D, "INSERT INTO resources(week_id, unit_id, kind, title, institution, created_at, updated_at)"
				" VALUES (?1, ?2, 'venue', '社区书房', '东湖区图书馆', 0, 0)", "II", week_id, unit_a), 0);
	cr_assert_eq(db_exec(D, "INSERT INTO stars(week_id, unit_id, name, consent, consent_at, created_at, updated_at)"
				" VALUES (?1, ?2, '李桂芳', 1, 0, 0, 0)", "II", week_id, unit_b), 0);
	cr_assert_eq(db_exec(D, "INSERT INTO brands(week_id, unit_id, name, host, created_at, updated_at)"
				" VALUES (?1, ?2, '银龄课堂', '东湖区社区教育学院', 0, 0)", "II", week_id, unit_a), 0);
	field_value *fv;
	fv = unit_a_form();
	cr_assert(strstr(derived(fv, "content"), "\n开放学习资源：场地 1（共 1 项）"), "%s", derived(fv, "content"));
	cr_assert(strstr(derived(fv, "pub_scope"), "\n宣传推广终身学习品牌项目 1 个：银龄课堂"), "%s", derived(fv, "pub_scope"));
	fv = city_form_now();
	cr_assert(strstr(derived(fv, "content"), "\n开放学习资源：场地 1（共 1 项）"), "%s", derived(fv, "content"));
	cr_assert(strstr(derived(fv, "pub_scope"), "\n宣传推广百姓学习之星 1 名：李桂芳"), "%s", derived(fv, "pub_scope"));
	cr_assert(strstr(derived(fv, "pub_scope"), "\n宣传推广终身学习品牌项目 1 个：银龄课堂"), "%s", derived(fv, "pub_scope"));
}

/* ---- the property test of the Done-when ---- */

typedef struct wb_sum {
	long long activities, participants, ratings;
} wb_sum;

static int wb_row(void *ctx, const activity_row *row)
{
	wb_sum *s = ctx;
	if (!strcmp(row->status, "已发布")) {
		s->activities++;
		s->participants += row->participants;
		s->ratings += row->ratings;
	}
	return 0;
}

/* The first number after label in text (e.g. "共 " in "…共 12 份…"); 0 if none. */
static long long num_after(const char *text, const char *label)
{
	const char *p = strstr(text, label);
	return p ? strtoll(p + strlen(label), NULL, 10) : 0;
}

/* A random activity of unit in the current week: published or not, in the
 * week or off it, with check-ins, a tally, a report, ratings and a confirmed
 * source at random. */
static void random_activity(unsigned *seed, int year, long long unit_id, bool off)
{
	static const char *const scores = "sbu";
	char day[16];
	/* in the week: 1-7 December; off it: 1-7 January of the next year */
	snprintf(day, sizeof day, off ? "%d-01-%02d" : "%d-12-%02d", off ? year + 1 : year, 1 + rand_r(seed) % 7);
	int nci = rand_r(seed) % 4, nr = rand_r(seed) % (nci + 1);
	char ratings[8] = "";
	for (int i = 0; i < nr; i++)
		ratings[i] = scores[rand_r(seed) % 3];
	long long reported = rand_r(seed) % 3 ? rand_r(seed) % 200 : -1;
	long long id = published(unit_id, day, off, nci, ratings, reported);
	if (rand_r(seed) % 3 == 0)
		cr_assert_eq(activity_set_counts(D, &A, &t_who, id, rand_r(seed) % 20, reported), 0);
	if (rand_r(seed) % 4 == 0) {
		errs e = {0};
		cr_assert_eq(activity_confirm_count(D, &A, &t_who, id, rand_r(seed) % 2 ? "measured" : "reported", "核对过", &e), 0);
	}
	if (rand_r(seed) % 5 == 0)
		cr_assert_eq(activity_set_status(D, &A, &t_who, id, "cancelled"), 0);
}

/* The centre's rows of the current week at random, saved as the week's page
 * saves them: labels reworded, the order shuffled, 其他 dropped or a typed
 * row added, each now and then. */
static void random_rows(unsigned *seed, unsigned round)
{
	const week_form *f = week_form_load(D, &A, week_id);
	int n = f->n + 1;
	const char **keys = arena_alloc(&A, sizeof *keys * (size_t)n), **groups = arena_alloc(&A, sizeof *groups * (size_t)n),
		   **labels = arena_alloc(&A, sizeof *labels * (size_t)n), **kinds = arena_alloc(&A, sizeof *kinds * (size_t)n),
		   **pos = arena_alloc(&A, sizeof *pos * (size_t)n);
	for (int i = 0; i < f->n; i++) {
		const form_field_def *r = &f->row[i];
		keys[i] = r->key;
		groups[i] = r->group ? r->group : "";
		char *base = arena_strdup(&A, r->label), *cut = strstr(base, "（第");
		if (cut) /* an earlier round's wording, copied with the rows */
			*cut = 0;
		labels[i] = rand_r(seed) % 2 ? arena_printf(&A, "%s（第%u届）", base, round) : base;
		kinds[i] = r->kind == FK_DERIVED ? "derived" : r->optional ? "optional" : "typed";
		if (!strcmp(r->key, "other") && rand_r(seed) % 3 == 0)
			kinds[i] = "drop";
		pos[i] = arena_printf(&A, "%d", rand_r(seed) % 2 ? i + 1 : 1 + rand_r(seed) % f->n);
	}
	int m = f->n;
	if (rand_r(seed) % 3 == 0) {
		keys[m] = "", groups[m] = "", labels[m] = "本届新增的栏目", kinds[m] = "typed", pos[m] = "1";
		m++;
	}
	week_form out;
	errs e = {0};
	cr_assert_eq(week_form_parse(&A, f, m, keys, groups, labels, kinds, pos, &out, &e), 0, "%s", errs_summary(&e, &A));
	cr_assert_eq(db_begin(D), 0);
	cr_assert_eq(week_form_write(D, week_id, &out), 0);
	cr_assert_eq(db_commit(D), 0);
}

/* Each form of the week reads the week's rows in their order: the values, the
 * printed document and the city's. */
static void rows_as_the_week_has_them(const field_value *fv, const char *what, unsigned round)
{
	const week_form *f = week_form_load(D, &A, week_id);
	int i = 0;
	for (; fv[i].def; i++) {
		cr_assert_lt(i, f->n, "round %u, %s: more rows than the week's", round, what);
		cr_assert_str_eq(fv[i].def->key, f->row[i].key, "round %u, %s: row %d", round, what, i);
		cr_assert_str_eq(fv[i].def->label, f->row[i].label, "round %u, %s: row %d", round, what, i);
	}
	cr_assert_eq(i, f->n, "round %u, %s: fewer rows than the week's", round, what);
}

/* Random weeks: the unit forms (summed), the city form, the statistics, the
 * board and the workbook report the same activities, participants and
 * ratings; then activities outside the week, with people and ratings, move
 * none of them (nor any other derived field). */
Test(bounds, random_weeks_agree_everywhere_and_off_week_moves_nothing, .timeout = 120)
{
	fixture();
	long long root = unit_root(D);
	for (unsigned round = 0; round < 12; round++) {
		unsigned seed = 1000 + round;
		int year = 2030 + (int)round;
		cr_assert_eq(db_exec(D, "INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at, updated_at)"
					" VALUES (?1, ?2, 'w', '主题', ?2 || '-12-01', ?2 || '-12-07', 0, 0, 0)", "Ii", root, year), 0);
		week_id = db_last_id(D);
		/* the week's rows: a copy of the latest earlier week's, changed at random */
		if (rand_r(&seed) % 3)
			random_rows(&seed, round);
		int n = rand_r(&seed) % 12;
		for (int i = 0; i < n; i++)
			random_activity(&seed, year, rand_r(&seed) % 2 ? unit_a : unit_b, false);

		long long acts = 0, people = 0, ratings = 0;
		long long units[2] = {unit_a, unit_b};
		for (int u = 0; u < 2; u++) {
			report rep;
			cr_assert(report_get(D, &A, week_id, units[u], &rep));
			field_value *fv;
			fv = report_fields(D, &A, &rep);
			rows_as_the_week_has_them(fv, "unit form", round);
			form_doc doc;
			report_form_doc(D, &A, &rep, fv, NULL, NULL, t_who.now, &doc);
			cr_assert_eq(doc.nrows, rep.form->n);
			for (int i = 0; i < doc.nrows; i++)
				cr_assert_str_eq(doc.rows[i].label, rep.form->row[i].label, "round %u: the printed row %d", round, i);
			acts += strtoll(derived(fv, "activity_count"), NULL, 10);
			people += strtoll(derived(fv, "participants"), NULL, 10);
			ratings += num_after(derived(fv, "satisfaction"), "共 ");
		}
		field_value *cf;
		cf = city_form_now();
		rows_as_the_week_has_them(cf, "city form", round);
		city_stats s;
		cr_assert(stats_load(D, &A, week_id, &s));
		board_row *rows;
		int nb = board_now(&rows);
		long long b_acts = 0, b_people = 0, b_ratings = 0;
		for (int i = 0; i < nb; i++)
			b_acts += rows[i].activities, b_people += rows[i].participants, b_ratings += rows[i].ratings;
		wb_sum wb = {0};
		cr_assert_eq(stats_each_activity(D, week_id, wb_row, &wb), 0);
		long long c_acts = strtoll(derived(cf, "activity_count"), NULL, 10), c_people = strtoll(derived(cf, "participants"), NULL, 10),
			  c_ratings = num_after(derived(cf, "satisfaction"), "共 ");
		cr_assert(acts == c_acts && acts == s.total.activities && acts == b_acts && acts == wb.activities,
			  "seed %u: activities: unit forms %lld, city form %lld, statistics %lld, board %lld, workbook %lld", 1000 + round,
			  acts, c_acts, s.total.activities, b_acts, wb.activities);
		cr_assert(people == c_people && people == s.total.people.total && people == b_people && people == wb.participants,
			  "seed %u: participants: unit forms %lld, city form %lld, statistics %lld, board %lld, workbook %lld", 1000 + round,
			  people, c_people, s.total.people.total, b_people, wb.participants);
		cr_assert(ratings == c_ratings && ratings == s.total.sat.total && ratings == b_ratings && ratings == wb.ratings,
			  "seed %u: ratings: unit forms %lld, city form %lld, statistics %lld, board %lld, workbook %lld", 1000 + round,
			  ratings, c_ratings, s.total.sat.total, b_ratings, wb.ratings);

		char *before = figures();
		int off = 1 + rand_r(&seed) % 4;
		for (int i = 0; i < off; i++)
			random_activity(&seed, year, rand_r(&seed) % 2 ? unit_a : unit_b, true);
		cr_assert_str_eq(figures(), before, "seed %u: an activity outside the week moved a figure", 1000 + round);
	}
}

/* A reworded field: participants read "30 人次（含线上观看 20 人次）" with its reason. */
static void reword_participants(void)
{
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	int k = field_index("participants");
	const char **values = row_texts(), **reasons = row_texts();
	bool *reset = row_flags();
	values[k] = "30 人次（含线上观看 20 人次）";
	reasons[k] = "线上观看另计";
	errs e = {0};
	cr_assert_eq(report_save_fields(D, &A, &t_who, &rep, values, reasons, reset, &e), 0, "%s", errs_summary(&e, &A));
}

/* A reworded field whose records change after is flagged at submit: the
 * checklist says "系统统计已变为…" until the unit saves the field again. */
Test(bounds, a_reworded_field_whose_records_change_is_flagged)
{
	fixture();
	published(unit_a, "2022-12-02", false, 0, NULL, 10);
	reword_participants();
	report rep;
	int k = field_index("participants");
	field_value *fv;
	check_item *items;
	int blocking;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	fv = report_fields(D, &A, &rep);
	cr_assert(!fv[k].records_changed, "nothing changed yet");
	/* the records change: another activity with 5 reported */
	published(unit_a, "2022-12-03", false, 0, NULL, 5);
	fv = report_fields(D, &A, &rep);
	cr_assert(fv[k].records_changed);
	int n = report_checklist(D, &A, &rep, fv, &items, &blocking);
	const check_item *flag = NULL;
	for (int i = 0; i < n; i++)
		if (strstr(items[i].detail, "系统统计已变为"))
			flag = &items[i];
	cr_assert(flag && !flag->done, "flagged in the checklist");
	cr_assert_str_eq(flag->label, "总结表「参加活动人数」");
	cr_assert(strstr(flag->detail, "系统统计已变为：15 人次"), "%s", flag->detail);
	/* saved again (the unit has looked at it): no longer flagged */
	reword_participants();
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	fv = report_fields(D, &A, &rep);
	cr_assert(!fv[k].records_changed);
}

/* ---- one derivation (point 2) and overrides on the board and in the workbook (point 6) ---- */

/* Every derived row of the one table says where its figure comes from and
 * has its function; with one unit's records, the city's form says each
 * summed figure in the unit's very sentence (then each unit's share), and
 * says where it comes from as a sum. */
Test(bounds, the_city_says_each_figure_in_the_units_sentence)
{
	fixture();
	const week_form *wf = week_form_load(D, &A, week_id);
	for (int i = 0; i < wf->n; i++)
		cr_assert((wf->row[i].kind == FK_DERIVED) == (wf->row[i].derive && wf->row[i].from), "row %s", wf->row[i].key);
	for (int i = 0; i < n_form_derivations; i++)
		cr_assert(form_derivations[i].derive && form_derivations[i].from, "derivation %s", form_derivations[i].key);
	published(unit_a, "2022-12-02", false, 3, "sb", -1);
	published(unit_a, "2022-12-05", false, 0, NULL, 40);
	field_value *u, *c;
	u = unit_a_form();
	c = city_form_now();
	const char *same[] = {"activity_count", "participants", "content", "period", "satisfaction", "pub_text", "pub_media", "theme"};
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		int k = field_index(same[i]);
		cr_assert(u[k].derived && c[k].derived && !strncmp(c[k].derived, u[k].derived, strlen(u[k].derived)),
			  "%s: unit「%s」city「%s」", same[i], u[k].derived, c[k].derived);
	}
	int k = field_index("participants");
	cr_assert(strstr(u[k].derived, "43 人次：扫码签到 3，现场清点 0，主办方报告 40"), "%s", u[k].derived);
	unit un;
	cr_assert(unit_load(D, &A, unit_a, &un));
	cr_assert(strstr(c[k].derived, arena_printf(&A, "\n各县区：%s 43 人次", un.name)), "%s", c[k].derived);
	cr_assert_str_eq(u[k].source, "来自活动记录");
	cr_assert_str_eq(c[k].source, "汇总各县区报送的总结表（2 个单位）");
	k = field_index("satisfaction");
	cr_assert_str_eq(u[k].source, "来自居民扫码评价");
	cr_assert_str_eq(c[k].source, "汇总各县区报送的总结表（2 个单位）");
	k = field_index("effect");
	cr_assert_str_eq(u[k].source, "由本单位填写");
	cr_assert_str_eq(c[k].source, "由中心填写");
}

/* unit_a's row on the board: the detail of its missing item that says
 * 系统统计已变为, or NULL. */
static const check_item *board_flag(void)
{
	board_row *rows;
	int n = board_now(&rows);
	for (int i = 0; i < n; i++)
		if (rows[i].unit_id == unit_a)
			for (int j = 0; j < rows[i].nmissing; j++)
				if (strstr(rows[i].missing[j].detail, "系统统计已变为"))
					return &rows[i].missing[j];
	return NULL;
}

/* The centre sees on the board what the unit sees at submit: a reworded
 * field whose records changed since is flagged with the new figure. */
Test(bounds, the_board_flags_a_reworded_field_whose_records_changed)
{
	fixture();
	published(unit_a, "2022-12-02", false, 0, NULL, 10);
	reword_participants();
	cr_assert_null(board_flag(), "nothing changed yet");
	published(unit_a, "2022-12-03", false, 0, NULL, 5);
	const check_item *flag = board_flag();
	cr_assert_not_null(flag, "the board flags it");
	cr_assert_str_eq(flag->label, "总结表「参加活动人数」");
	cr_assert(strstr(flag->detail, "系统统计已变为：15 人次"), "%s", flag->detail);
}

static int take_reasons(void *ctx, const unit_form_row *row)
{
	unit un;
	cr_assert(unit_load(D, &A, unit_a, &un));
	if (!strcmp(row->unit, un.name))
		*(char **)ctx = arena_strdup(&A, row->reasons);
	return 0;
}

/* The city workbook's 各单位总结表 carries each unit's reasons (修改说明), as
 * the form's 说明 says them. */
Test(bounds, the_workbook_row_carries_the_reasons)
{
	fixture();
	published(unit_a, "2022-12-02", false, 0, NULL, 10);
	reword_participants();
	char *reasons = NULL;
	cr_assert_eq(cityform_unit_rows(D, week_id, NULL, 0, 1, take_reasons, &reasons), 0);
	cr_assert_str_eq(reasons, "1. 「参加活动人数」改动的原因：线上观看另计");
	form_doc doc;
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	report_draft_doc(D, &A, &rep, t_who.now, &doc);
	cr_assert_str_eq(doc.notes, "说明：\n1. 「参加活动人数」改动的原因：线上观看另计");
}

/* ---- the city form from what the units submitted (issue 13, points 3 and 5) ---- */

/* The rows of the workbook's 各单位总结表 as cityform_unit_rows gives them. */
typedef struct sheet_row {
	const char *unit, *status, **values, *reasons;
} sheet_row;
typedef struct sheet_rows {
	sheet_row v[16];
	int n;
} sheet_rows;

static int keep_row(void *ctx, const unit_form_row *row)
{
	sheet_rows *w = ctx;
	cr_assert_lt(w->n, 16);
	sheet_row *o = &w->v[w->n++];
	o->unit = arena_strdup(&A, row->unit);
	o->status = arena_strdup(&A, row->status);
	o->reasons = arena_strdup(&A, row->reasons);
	int n = week_form_load(D, &A, week_id)->n;
	o->values = arena_alloc(&A, sizeof *o->values * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		o->values[i] = arena_strdup(&A, row->values[i]);
	return 0;
}

static const sheet_row *sheet_find(const sheet_rows *w, const char *name)
{
	for (int i = 0; i < w->n; i++)
		if (!strcmp(w->v[i].unit, name))
			return &w->v[i];
	cr_assert_fail("no workbook row %s", name);
	return NULL;
}

static bool starts(const char *s, const char *prefix)
{
	return s && !strncmp(s, prefix, strlen(prefix));
}

/* The case: 东湖区's records say 1178 人次, its accepted version 1352
 * with a reason. The city form said 1178 (and, with 西湖区's 300 and a late
 * record of 50, 1528) while the workbook's 东湖区 row said 1352. Now the city
 * says what was accepted; the late record and 西湖区, which has not
 * submitted, are not in it; 西湖区 is listed apart with its live 300. */
Test(bounds, the_city_form_counts_the_accepted_override_not_the_live_records)
{
	fixture();
	published(unit_a, "2022-12-02", false, 0, NULL, 1178);
	published(unit_b, "2022-12-03", false, 0, NULL, 300);
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	int k = field_index("participants");
	const char **values = row_texts(), **reasons = row_texts();
	bool *reset = row_flags();
	values[k] = "1352 人次（含线上直播观看 174 人次）";
	reasons[k] = "线上直播观看另计";
	errs e = {0};
	cr_assert_eq(report_save_fields(D, &A, &t_who, &rep, values, reasons, reset, &e), 0, "%s", errs_summary(&e, &A));
	long long sub = submit_unit(unit_a);
	cr_assert_eq(review_accept(D, &A, &t_who, sub, &e), 0, "%s", errs_summary(&e, &A));
	published(unit_a, "2022-12-04", false, 0, NULL, 50); /* a late record, after the version was accepted */

	report city;
	field_value *cf;
	cr_assert(cityform_report(D, &A, week_id, &city));
	cf = cityform_fields(D, &A, &city);
	cr_assert(starts(cf[k].shown, "1352 人次"), "the accepted figure: %s", cf[k].shown);
	cr_assert(strstr(cf[k].shown, "各县区：东湖区 1352 人次") && !strstr(cf[k].shown, "西湖区"), "%s", cf[k].shown);
	cr_assert(starts(cf[field_index("activity_count")].shown, "1 场"), "%s", cf[field_index("activity_count")].shown);

	sheet_rows w = {0};
	cr_assert_eq(cityform_unit_rows(D, week_id, NULL, 0, 1, keep_row, &w), 0);
	const sheet_row *dh = sheet_find(&w, "东湖区"), *xh = sheet_find(&w, "西湖区"), *all = &w.v[w.n - 1];
	cr_assert_str_eq(dh->status, "已通过");
	cr_assert(starts(dh->values[k], "1352 人次"));
	cr_assert_str_eq(xh->status, "填报中（未报送，不计入全市汇总）");
	cr_assert(starts(xh->values[k], "300 人次"), "西湖区's live figure: %s", xh->values[k]);
	cr_assert_str_eq(all->status, "全市汇总");
	cr_assert(starts(all->values[k], "1352 人次"), "the 全市汇总 row is the sum of the rows counted: %s", all->values[k]);

	city_form b;
	cr_assert(cityform_build(D, &A, week_id, true, &b));
	cr_assert_eq(b.nunits, 2);
	cr_assert_eq(b.ncounted, 1);
	for (int i = 0; i < b.nunits; i++) {
		long long v = -1;
		cr_assert(cityform_head(field_def("participants"), b.units[i].fv[k].shown, &v));
		if (b.units[i].unit_id == unit_a)
			cr_assert(b.units[i].counted && b.units[i].accepted && b.units[i].version == 1 && v == 1352);
		else
			cr_assert(!b.units[i].counted && b.units[i].has_fv && v == 300, "西湖区 apart, with what it would add");
	}
}

/* A unit's text with no figure of its measure is said, never guessed. */
Test(bounds, a_text_without_a_figure_is_named_not_guessed)
{
	fixture();
	published(unit_a, "2022-12-02", false, 0, NULL, 10);
	published(unit_b, "2022-12-03", false, 0, NULL, 20);
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	int k = field_index("participants");
	const char **values = row_texts(), **reasons = row_texts();
	bool *reset = row_flags();
	values[k] = "约一千人";
	reasons[k] = "按现场估算";
	errs e = {0};
	cr_assert_eq(report_save_fields(D, &A, &t_who, &rep, values, reasons, reset, &e), 0, "%s", errs_summary(&e, &A));
	field_value *cf;
	cf = city_form_now();
	cr_assert(starts(cf[k].shown, "20 人次"), "西湖区's 20 only: %s", cf[k].shown);
	cr_assert(strstr(cf[k].shown, "\n未计入：东湖区（报送的文字中没有可汇总的数字）"), "%s", cf[k].shown);
	city_form b;
	cr_assert(cityform_build(D, &A, week_id, false, &b));
	cr_assert_eq(b.ngaps, 1);
	cr_assert_str_eq(b.gaps[0].unit, "东湖区");
	cr_assert_str_eq(b.gaps[0].def->key, "participants");
	cr_assert_str_eq(b.gaps[0].text, "约一千人");
}

/* The centre overrides a city field as a unit does: a changed number needs a
 * reason, which prints as the form's 说明 and goes to the workbook; when a
 * unit submits again with other figures, the centre's text is flagged. */
Test(bounds, the_centre_overrides_a_city_field_under_the_units_rules)
{
	fixture();
	published(unit_a, "2022-12-02", false, 0, NULL, 10);
	field_value *cf;
	cf = city_form_now();
	int k = field_index("participants");
	cr_assert(starts(cf[k].shown, "10 人次"), "%s", cf[k].shown);
	report city;
	cr_assert(cityform_report(D, &A, week_id, &city));
	errs e = {0};
	cr_assert_eq(cityform_override(D, &A, &t_who, &city, field_def("participants"), "12 人次", "", false, &e), -1);
	cr_assert(strstr(err_for(&e, "participants"), "请填写修改原因"), "%s", errs_summary(&e, &A));
	errs e2 = {0};
	cr_assert_eq(cityform_override(D, &A, &t_who, &city, field_def("participants"), "12 人次（含现场补录 2 人次）", "现场补录", false, &e2),
		     0, "%s", errs_summary(&e2, &A));
	cr_assert(cityform_report(D, &A, week_id, &city));
	cf = cityform_fields(D, &A, &city);
	cr_assert_str_eq(cf[k].shown, "12 人次（含现场补录 2 人次）");
	cr_assert(cf[k].overridden && cf[k].number_changed && !cf[k].records_changed);
	cr_assert_str_eq(report_reasons(&A, cf), "1. 「参加活动人数」改动的原因：现场补录");
	form_doc doc;
	cr_assert(city_form_doc(D, &A, week_id, t_who.now, &city, &cf, &doc));
	cr_assert_str_eq(doc.notes, "说明：\n1. 「参加活动人数」改动的原因：现场补录");
	sheet_rows w = {0};
	cr_assert_eq(cityform_unit_rows(D, week_id, NULL, 0, 1, keep_row, &w), 0);
	cr_assert_str_eq(w.v[w.n - 1].values[k], "12 人次（含现场补录 2 人次）");
	cr_assert_str_eq(w.v[w.n - 1].reasons, "1. 「参加活动人数」改动的原因：现场补录");

	/* 东湖区 submits again with 5 more: the sum moved under the centre's text */
	published(unit_a, "2022-12-03", false, 0, NULL, 5);
	submit_unit(unit_a);
	cf = cityform_fields(D, &A, &city);
	cr_assert(cf[k].records_changed, "flagged");
	cr_assert(starts(cf[k].derived, "15 人次"), "%s", cf[k].derived);
	/* the centre saves its narrative texts: the flag stays until it looks at the field itself */
	cr_assert(cityform_report(D, &A, week_id, &city));
	const char **texts = row_texts();
	texts[field_index("effect")] = "覆盖全市";
	report plan = city;
	errs e4 = {0};
	cr_assert_eq(cityform_save(D, &A, &t_who, &city, &plan, texts, &e4), 0, "%s", errs_summary(&e4, &A));
	cf = cityform_fields(D, &A, &city);
	cr_assert(cf[k].records_changed, "still flagged after saving another field");
	cr_assert_str_eq(cf[field_index("effect")].shown, "覆盖全市");
	/* back to the sum */
	cr_assert(cityform_report(D, &A, week_id, &city));
	errs e3 = {0};
	cr_assert_eq(cityform_override(D, &A, &t_who, &city, field_def("participants"), NULL, NULL, true, &e3), 0, "%s", errs_summary(&e3, &A));
	cf = cityform_fields(D, &A, &city);
	cr_assert(!cf[k].overridden && starts(cf[k].shown, "15 人次"), "%s", cf[k].shown);
}

/* ---- the property of point 5 ---- */

/* The number ending a line "（一）学习宣传贯彻二十大精神 3 场": the last run of digits. */
static long long last_number(const char *line, size_t n)
{
	long long v = 0;
	for (size_t i = 0; i < n; i++)
		if (line[i] >= '0' && line[i] <= '9')
			v = (i && line[i - 1] >= '0' && line[i - 1] <= '9' ? v * 10 : 0) + (line[i] - '0');
	return v;
}

/* The six content lines' figures of a 活动内容 text, added to sum. */
static void content_lines(const char *text, long long sum[6])
{
	const char *p = text;
	for (int i = 0; i < 6 && p && *p; i++) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		sum[i] += last_number(p, n);
		p = e ? e + 1 : NULL;
	}
}

/* The figures a form says for the fields the city sums: the heads (a text
 * starts with its figure: derived, or an override as these tests write
 * them) and their parts (线上 3，线下 8; unsplit: a form gave the head
 * alone, so the city leaves the parts out), the ratings (满意 N … 共 N 份，
 * 来自 N 场活动), the content lines and the reports of 宣传范围. */
typedef struct sums {
	long long acts, people, text, media, content[6];
	long long act_parts[3], people_parts[3];
	bool act_unsplit, people_unsplit;
	long long ratings[5]; /* 满意, 基本满意, 不满意, 共 N 份, 来自 N 场活动 */
	long long reports;
} sums;

static const char *const act_labels[3] = {"线上 ", "线下 ", "线上线下相结合 "};
static const char *const people_labels[3] = {"扫码签到 ", "现场清点 ", "主办方报告 "};
static const char *const rating_labels[5] = {"（满意 ", "基本满意 ", "不满意 ", "共 ", "来自 "};

/* The parts of a head text added to parts; false when it gives none of them. */
static bool add_parts(const char *text, const char *const labels[3], long long parts[3])
{
	for (int i = 0; i < 3; i++)
		if (!strstr(text, labels[i]))
			return false;
	for (int i = 0; i < 3; i++)
		parts[i] += num_after(text, labels[i]);
	return true;
}

static void add_form(sums *s, const field_value *fv)
{
	const char *acts = fv[field_index("activity_count")].shown, *people = fv[field_index("participants")].shown;
	s->acts += strtoll(acts, NULL, 10);
	s->people += strtoll(people, NULL, 10);
	s->act_unsplit |= !add_parts(acts, act_labels, s->act_parts);
	s->people_unsplit |= !add_parts(people, people_labels, s->people_parts);
	s->text += strtoll(fv[field_index("pub_text")].shown, NULL, 10);
	s->media += strtoll(fv[field_index("pub_media")].shown, NULL, 10);
	for (int i = 0; i < 5; i++)
		s->ratings[i] += num_after(fv[field_index("satisfaction")].shown, rating_labels[i]);
	content_lines(fv[field_index("content")].shown, s->content);
	s->reports += num_after(fv[field_index("pub_scope")].shown, "（共 ");
}

/* want and got agree field by field; what names the round and the format. */
static void sums_agree(const sums *want, const sums *got, const char *what)
{
	cr_assert(want->acts == got->acts && want->people == got->people && want->text == got->text && want->media == got->media,
		  "%s: 活动 %lld/%lld, 人次 %lld/%lld, 文字 %lld/%lld, 影像 %lld/%lld (the units' / the city's)", what, want->acts,
		  got->acts, want->people, got->people, want->text, got->text, want->media, got->media);
	cr_assert_eq(want->act_unsplit, got->act_unsplit, "%s: 活动 parts given", what);
	cr_assert_eq(want->people_unsplit, got->people_unsplit, "%s: 人次 parts given", what);
	for (int i = 0; i < 3; i++) {
		cr_assert(want->act_unsplit || want->act_parts[i] == got->act_parts[i], "%s: %s%lld/%lld", what, act_labels[i],
			  want->act_parts[i], got->act_parts[i]);
		cr_assert(want->people_unsplit || want->people_parts[i] == got->people_parts[i], "%s: %s%lld/%lld", what,
			  people_labels[i], want->people_parts[i], got->people_parts[i]);
	}
	for (int i = 0; i < 5; i++)
		cr_assert_eq(want->ratings[i], got->ratings[i], "%s: 满意度「%s」%lld/%lld", what, rating_labels[i], want->ratings[i],
			     got->ratings[i]);
	for (int i = 0; i < 6; i++)
		cr_assert_eq(want->content[i], got->content[i], "%s: content line %d: %lld/%lld", what, i + 1, want->content[i],
			     got->content[i]);
	cr_assert_eq(want->reports, got->reports, "%s: 宣传范围 reports %lld/%lld", what, want->reports, got->reports);
}

/* Before submitting: a unit sometimes rewords its count of people or of
 * activities with a new figure and a reason. */
static void maybe_override(unsigned *seed, long long unit_id)
{
	if (rand_r(seed) % 2)
		return;
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_id, &rep));
	const char **values = row_texts(), **reasons = row_texts();
	bool *reset = row_flags();
	bool people = rand_r(seed) % 2;
	int k = field_index(people ? "participants" : "activity_count");
	values[k] = arena_printf(&A, people ? "%d 人次（含线上观看）" : "%d 场（含系列活动）", rand_r(seed) % 500);
	reasons[k] = "另有记录";
	errs e = {0};
	cr_assert_eq(report_save_fields(D, &A, &t_who, &rep, values, reasons, reset, &e), 0, "%s", errs_summary(&e, &A));
}

/* One unit's path through a week: never submitted, submitted, accepted,
 * returned, or returned and submitted again after more records; then late
 * records after its submission. */
static void random_path(unsigned *seed, int year, long long unit_id)
{
	int path = rand_r(seed) % 5;
	errs e = {0};
	if (path) {
		maybe_override(seed, unit_id);
		long long sub = submit_unit(unit_id);
		if (path == 2)
			cr_assert_eq(review_accept(D, &A, &t_who, sub, &e), 0, "%s", errs_summary(&e, &A));
		if (path >= 3) {
			review_note note = {NULL, "请核对人数"};
			cr_assert_eq(review_return(D, &A, &t_who, sub, &note, 1, &e), 0, "%s", errs_summary(&e, &A));
		}
		if (path == 4) {
			random_activity(seed, year, unit_id, false);
			maybe_override(seed, unit_id);
			submit_unit(unit_id);
		}
	}
	for (int i = rand_r(seed) % 3; i > 0; i--)
		random_activity(seed, year, unit_id, false);
}

/* A report in the press or on a channel, text or pictures. */
static void random_publicity(unsigned *seed, long long unit_id)
{
	static const char *const channels[] = {"报刊", "微信公众号", "电视台"};
	cr_assert_eq(db_exec(D, "INSERT INTO publicity(week_id, unit_id, channel, kind, title, created_at, updated_at)"
				" VALUES (?1, ?2, ?3, ?4, '报道', 0, 0)", "IItt", week_id, unit_id, channels[rand_r(seed) % 3],
			     rand_r(seed) % 2 ? "text" : "media"), 0);
}

/* The latest submitted version of unit, NULL if none. */
static field_value *latest_version(long long unit_id)
{
	long long id = unit_latest_submission(D, week_id, unit_id);
	submission sub;
	int found = 0;
	if (!id)
		return NULL;
	cr_assert(submission_load(D, &A, id, &sub));
	field_value *fv = submission_fields(&A, &sub, week_form_load(D, &A, week_id), &found);
	cr_assert_eq(found, week_form_load(D, &A, week_id)->n);
	return fv;
}

/* What the units' latest submitted versions say, summed. */
static sums submitted_sums(const long long *units, int n)
{
	sums s = {0};
	for (int u = 0; u < n; u++) {
		field_value *fv = latest_version(units[u]);
		if (fv)
			add_form(&s, fv);
	}
	return s;
}

static char *tmp_path(const char *name)
{
	return arena_printf(&A, "%s/%s", t_root, name);
}

/* The city form as PDF text (pdftotext, without whitespace: it breaks long
 * values into lines) and as the DOCX's document.xml. */
static void city_files(char **pdf_text, char **docx_xml)
{
	report rep;
	field_value *fv;
	form_doc doc;
	cr_assert(city_form_doc(D, &A, week_id, t_who.now, &rep, &fv, &doc));
	buf pdf = BUF_INIT, docx = BUF_INIT;
	char err[256];
	cr_assert_eq(form_file(&doc, true, &pdf, err, sizeof err), 0, "%s", err);
	cr_assert_eq(form_file(&doc, false, &docx, err, sizeof err), 0, "%s", err);
	FILE *f = fopen(tmp_path("city.pdf"), "wb");
	cr_assert(f && fwrite(pdf.p, 1, pdf.len, f) == pdf.len && fclose(f) == 0);
	need("pdftotext", "poppler-utils");
	char *text = run("pdftotext -enc UTF-8 '%s' - | tr -d ' \\n\\f'", tmp_path("city.pdf"));
	cr_assert_not_null(text, "pdftotext failed");
	*pdf_text = arena_strdup(&A, text);
	free(text);
	zip_error_t ze;
	zip_source_t *src = zip_source_buffer_create(docx.p, docx.len, 0, &ze);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	cr_assert_not_null(z, "the DOCX is a ZIP");
	zip_stat_t st;
	cr_assert_eq(zip_stat(z, "word/document.xml", 0, &st), 0);
	char *xml = arena_alloc(&A, st.size + 1);
	zip_file_t *zf = zip_fopen(z, "word/document.xml", 0);
	cr_assert_eq(zip_fread(zf, xml, st.size), (zip_int64_t)st.size);
	xml[st.size] = 0;
	zip_fclose(zf);
	zip_close(z);
	*docx_xml = xml;
	buf_free(&pdf);
	buf_free(&docx);
}

/* Text as a format prints it: no markup, no whitespace (pdftotext, the page
 * and the DOCX break long values into lines and paragraphs), the entities
 * of HTML and XML read back. */
static char *plain(const char *s)
{
	static const char *const ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}};
	char *out = arena_alloc(&A, strlen(s) + 1), *o = out;
	while (*s) {
		if (*s == '<') {
			const char *e = strchr(s, '>');
			s = e ? e + 1 : s + strlen(s);
			continue;
		}
		if (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t' || *s == '\f') {
			s++;
			continue;
		}
		size_t i = 0, n = sizeof ent / sizeof *ent;
		while (i < n && strncmp(s, ent[i][0], strlen(ent[i][0])))
			i++;
		if (i < n) {
			*o++ = ent[i][1][0];
			s += strlen(ent[i][0]);
		} else {
			*o++ = *s++;
		}
	}
	*o = 0;
	return out;
}

/* The workbook written as the export writes it, read back with the import's
 * reader: a column per row of the week's form, headed by its label, after
 * 单位 and 状态, and 修改说明 last. */
static void workbook(table_file *f, const week_form *form)
{
	char err[256];
	cr_assert_eq(city_xlsx_write(D, week_id, t_root, tmp_path("city.xlsx"), NULL, err, sizeof err), 0, "%s", err);
	table_column *cols = arena_alloc(&A, sizeof *cols * (size_t)(form->n + 3));
	cols[0] = (table_column){"unit", "单位", true, false, NULL, NULL};
	cols[1] = (table_column){"status", "状态", true, false, NULL, NULL};
	for (int i = 0; i < form->n; i++)
		cols[2 + i] = (table_column){form->row[i].key, form->row[i].label, false, false, NULL, NULL};
	cols[form->n + 2] = (table_column){"reasons", "修改说明", false, false, NULL, NULL};
	table_spec spec = {cols, form->n + 3, 1000, 64LL << 20, "行"};
	memset(f, 0, sizeof *f);
	table_read(&A, tmp_path("city.xlsx"), "city.xlsx", &spec, f);
	cr_assert_eq(f->status, 0, "%s", f->error ? f->error : "");
}

static const char *wb_cell(const table_row *row, int col)
{
	const char *s = table_cell_str(&A, &row->cells[col], true);
	return s ? s : "";
}

/* A workbook row as a form: its cells as the fields' shown texts. */
static field_value *wb_form(const table_row *row, const field_value *like)
{
	int n = 0;
	while (like[n].def)
		n++;
	field_value *fv = arena_alloc(&A, sizeof *fv * (size_t)(n + 1));
	memset(fv, 0, sizeof *fv * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		fv[i].def = like[i].def;
		fv[i].shown = arena_strdup(&A, wb_cell(row, 2 + i));
	}
	return fv;
}

/* The centre rewords one of the city's head figures with a reason, as it
 * may before its 定稿 (one week in two); want then holds its figure. */
typedef struct city_override {
	int k; /* the field, -1 when none */
	const char *text, *reason;
} city_override;

static city_override maybe_city_override(unsigned *seed, unsigned round, sums *want)
{
	city_override o = {-1, NULL, NULL};
	if (rand_r(seed) % 2)
		return o;
	static const char *const keys[] = {"participants", "activity_count", "pub_text", "pub_media"};
	static const char *const texts[] = {"%lld 人次（含线上直播观看）", "%lld 场（含系列活动）", "%lld 篇（含转载）", "%lld 条（含短视频）"};
	int which = rand_r(seed) % 4;
	long long *figure[] = {&want->people, &want->acts, &want->text, &want->media};
	long long v = *figure[which] + 1 + rand_r(seed) % 50;
	o.k = field_index(keys[which]);
	o.text = arena_printf(&A, texts[which], v);
	o.reason = arena_printf(&A, "中心核实第 %u 周另有记录", round + 1);
	report city;
	cr_assert(cityform_report(D, &A, week_id, &city));
	errs e = {0};
	cr_assert_eq(cityform_override(D, &A, &t_who, &city, field_def(keys[which]), o.text, o.reason, false, &e), 0, "%s",
		     errs_summary(&e, &A));
	*figure[which] = v;
	want->people_unsplit |= which == 0;
	want->act_unsplit |= which == 1;
	return o;
}

/* Each summed field of the city form in its row of the page (with the
 * sources), in the PDF's text and in the DOCX; the centre's reason too. */
static void city_formats_say(const field_value *cf, const city_override *o, const char *what)
{
	html page = HTML_INIT;
	form_table_html(NULL, &page, cf, true); /* it takes no request: r unused */
	const char *ph = arena_strdup(&A, html_cstr(&page));
	html_free(&page);
	char *pdf, *xml;
	city_files(&pdf, &xml);
	const char *docx = plain(xml);
	for (int k = 0; cf[k].def; k++) {
		if (!cf[k].def->summed)
			continue;
		const char *t = plain(cf[k].shown);
		const char *row = strstr(ph, arena_printf(&A, "<tr id=\"field-%s\"", cf[k].def->key));
		cr_assert(row, "%s: no row %s on the page", what, cf[k].def->key);
		const char *end = strstr(row, "</tr>");
		cr_assert(end && strstr(plain(arena_printf(&A, "%.*s", (int)(end - row), row)), t), "%s: the page's row %s says «%s»:\n%.*s",
			  what, cf[k].def->key, cf[k].shown, end ? (int)(end - row) : 400, row);
		/* by line: a value split over two pages has the labels of the rows
		 * that follow between its parts in pdftotext's order */
		for (const char *l = cf[k].shown; *l;) {
			size_t n = strcspn(l, "\n");
			const char *line = plain(arena_printf(&A, "%.*s", (int)n, l));
			cr_assert(strstr(pdf, line), "%s: the PDF says the city's %s «%s»:\n%s", what, cf[k].def->label, line, pdf);
			l += n + (l[n] == '\n');
		}
		cr_assert(strstr(docx, t), "%s: the DOCX says the city's %s «%s»", what, cf[k].def->label, cf[k].shown);
	}
	if (o->k >= 0) {
		const char *note = plain(arena_printf(&A, "「%s」改动的原因：%s", cf[o->k].def->label, o->reason));
		cr_assert(strstr(plain(ph), plain(arena_printf(&A, "修改原因：%s", o->reason))), "%s: the page gives the reason", what);
		cr_assert(strstr(pdf, note), "%s: the PDF's 说明 gives the reason %s:\n%s", what, note, pdf);
		cr_assert(strstr(docx, note), "%s: the DOCX's 说明 gives the reason %s", what, note);
	}
}

/* Random weeks of three units, each on a random path (never submitted,
 * submitted, accepted, returned, returned and submitted again), with
 * overrides, late records and, one week in two, the centre's override of
 * a city field: the city form equals the sum of the units' latest submitted
 * versions, field by field, and says so in every format: the page's HTML,
 * the PDF's text, the DOCX and the workbook (whose 全市汇总 row is the city
 * form cell by cell and the sum of its counted rows, each row its unit's
 * latest version); the centre's override is in each with its reason. */
Test(bounds, the_city_form_is_the_sum_of_the_latest_submissions, .timeout = 300)
{
	fixture();
	long long root = unit_root(D);
	unit c = {.parent_id = root, .name = S("青山湖区"), .kind = S("区"), .code = S("qingshanhu")};
	errs e = {0};
	long long unit_c = unit_save(D, &A, &t_who, &c, &e);
	cr_assert_gt(unit_c, 0, "%s", errs_summary(&e, &A));
	long long units[3] = {unit_a, unit_b, unit_c};
	const char *names[3] = {"东湖区", "西湖区", "青山湖区"};
	int overrides = 0;
	for (unsigned round = 0; round < 10; round++) {
		unsigned seed = 7000 + round;
		int year = 2040 + (int)round;
		cr_assert_eq(db_exec(D, "INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at, updated_at)"
					" VALUES (?1, ?2, 'w', '主题', ?2 || '-12-01', ?2 || '-12-07', 0, 0, 0)", "Ii", root, year), 0);
		week_id = db_last_id(D);
		for (int i = rand_r(&seed) % 10; i > 0; i--)
			random_activity(&seed, year, units[rand_r(&seed) % 3], false);
		for (int i = rand_r(&seed) % 6; i > 0; i--)
			random_publicity(&seed, units[rand_r(&seed) % 3]);
		for (int u = 0; u < 3; u++)
			random_path(&seed, year, units[u]);

		sums want = submitted_sums(units, 3);
		city_override o = maybe_city_override(&seed, round, &want);
		overrides += o.k >= 0;
		const char *what = arena_printf(&A, "seed %u", 7000 + round);

		/* the city form's own fields */
		report city;
		cr_assert(cityform_report(D, &A, week_id, &city));
		field_value *cf = cityform_fields(D, &A, &city);
		sums got = {0};
		add_form(&got, cf);
		sums_agree(&want, &got, arena_printf(&A, "%s, the city form", what));
		if (o.k >= 0) {
			cr_assert_str_eq(cf[o.k].shown, o.text, "%s: the centre's text", what);
			cr_assert_str_eq(cf[o.k].reason, o.reason, "%s: the centre's reason", what);
		}
		city_formats_say(cf, &o, what);
		/* each unit's share of the people, in the PDF's text */
		char *pdf_text = run("pdftotext -enc UTF-8 '%s' - | tr -d ' \\n\\f'", tmp_path("city.pdf"));
		cr_assert_not_null(pdf_text);
		for (int u = 0; u < 3 && o.k != field_index("participants"); u++) {
			field_value *fv = latest_version(units[u]);
			long long p = fv ? strtoll(fv[field_index("participants")].shown, NULL, 10) : 0;
			if (p > 0)
				cr_assert(strstr(pdf_text, arena_printf(&A, "%s%lld人次", names[u], p)), "%s: %s's share in the PDF", what, names[u]);
		}
		free(pdf_text);

		/* the workbook, read back: 全市汇总 is the city form, cell by cell,
		 * and the sum of the rows counted, each unit's row its latest version */
		table_file wb;
		const week_form *form = week_form_load(D, &A, week_id);
		workbook(&wb, form);
		sums rows = {0};
		const table_row *total = NULL;
		int counted = 0;
		for (int i = 0; i < wb.nrows; i++) {
			const table_row *row = &wb.rows[i];
			const char *status = wb_cell(row, 1);
			if (!strcmp(status, "全市汇总")) {
				total = row;
				continue;
			}
			if (strstr(status, "不计入"))
				continue;
			counted++;
			int u = 0;
			while (u < 3 && strcmp(wb_cell(row, 0), names[u]))
				u++;
			cr_assert_lt(u, 3, "%s: a row of %s", what, wb_cell(row, 0));
			field_value *fv = latest_version(units[u]);
			cr_assert_not_null(fv, "%s: %s is counted without a version", what, names[u]);
			for (int k = 0; k < form->n; k++)
				cr_assert_str_eq(wb_cell(row, 2 + k), fv[k].shown, "%s: %s's %s in the workbook: «%s», not «%s»", what, names[u], form->row[k].label, wb_cell(row, 2 + k), fv[k].shown);
			add_form(&rows, wb_form(row, cf));
		}
		int submitted = 0;
		for (int u = 0; u < 3; u++)
			submitted += unit_latest_submission(D, week_id, units[u]) != 0;
		cr_assert_eq(counted, submitted, "%s: a row per unit that submitted", what);
		cr_assert_not_null(total, "%s: the 全市汇总 row", what);
		for (int k = 0; k < form->n; k++)
			cr_assert_str_eq(wb_cell(total, 2 + k), cf[k].shown, "%s: 全市汇总's %s", what, form->row[k].label);
		const char *reasons = report_reasons(&A, cf);
		cr_assert_str_eq(wb_cell(total, form->n + 2), reasons ? reasons : "", "%s: 全市汇总's 修改说明", what);
		if (o.k >= 0)
			cr_assert(strstr(wb_cell(total, form->n + 2), o.reason), "%s: the centre's reason in the workbook", what);
		sums total_sums = {0};
		add_form(&total_sums, wb_form(total, cf));
		sums_agree(&want, &total_sums, arena_printf(&A, "%s, the workbook's 全市汇总", what));
		if (o.k < 0)
			sums_agree(&rows, &total_sums, arena_printf(&A, "%s, the workbook's counted rows and its 全市汇总", what));
	}
	cr_assert(overrides > 0 && overrides < 10, "the centre overrides a city field in some weeks, not all: %d", overrides);
}

/* A 定稿 locks the week's rows as an activity does, and reads as it was
 * frozen: its rows' labels and order, whatever the week's rows say now. */
Test(bounds, a_frozen_version_keeps_its_rows)
{
	fixture();
	cr_assert_null(week_form_locked(D, &A, week_id), "no activity, no 定稿: the rows may change");
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	errs e = {0};
	long long fin_id = report_finalise(D, &A, &t_who, &rep, "https://learn.example.cn", &e);
	cr_assert_gt(fin_id, 0, "%s", errs_summary(&e, &A));
	const char *why = week_form_locked(D, &A, week_id);
	cr_assert(why && strstr(why, "本届已有 1 份总结表定稿"), "%s", why ? why : "(not locked)");

	/* the rows changed all the same (the sqlite3 shell): 活动成效 reworded and moved first */
	const week_form *f = week_form_load(D, &A, week_id);
	int k = week_form_index(f, "effect");
	week_form changed = *f;
	changed.row = arena_alloc(&A, sizeof *changed.row * (size_t)(f->n + 1));
	changed.row[0] = f->row[k];
	changed.row[0].label = "活动成效与亮点";
	for (int i = 0, j = 1; i < f->n; i++)
		if (i != k)
			changed.row[j++] = f->row[i];
	cr_assert_eq(db_begin(D), 0);
	cr_assert_eq(week_form_write(D, week_id, &changed), 0);
	cr_assert_eq(db_commit(D), 0);

	submission fin;
	cr_assert(final_load(D, &A, fin_id, &fin));
	form_doc doc;
	submission_form_doc(&A, &fin, &doc);
	cr_assert_eq(doc.nrows, f->n);
	for (int i = 0; i < f->n; i++)
		cr_assert_str_eq(doc.rows[i].label, f->row[i].label, "the frozen row %d as frozen", i);
	cr_assert_eq(doc.first_table_rows, f->first_table, "the second table where it started");
	/* lined up with the week's rows for comparisons, each value found by its key */
	int found;
	field_value *now = submission_fields(&A, &fin, week_form_load(D, &A, week_id), &found);
	cr_assert_eq(found, f->n);
	cr_assert_str_eq(now[0].def->key, "effect");
	cr_assert_str_eq(submission_digest(&A, &fin), fin.digest, "the digest reads the same");
}

/* The figures a level above reads from a form's texts (cityform_figures: a
 * province's statistics and board count a city's submitted form so) are
 * the ones the statistics count from the records those texts came from. */
Test(bounds, the_figures_read_back_from_a_form_are_the_statistics)
{
	fixture();
	published(unit_a, "2022-12-02", false, 3, "sb", -1);
	published(unit_a, "2022-12-03", false, 0, NULL, 40);
	published(unit_a, "2022-12-04", false, 2, "ub", 25);
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	unit_stats got = {0};
	cr_assert_eq(cityform_figures(report_fields(D, &A, &rep), &got), 0, "a head figure was not read");
	city_stats s;
	cr_assert(stats_load(D, &A, week_id, &s));
	const unit_stats *u = stats_unit(&s, unit_a);
	cr_assert_not_null(u);
	cr_assert_eq(got.activities, 3);
	long long want[] = {u->activities, u->online, u->offline, u->both, u->people.total, u->people.checked_in, u->people.counted,
			    u->people.reported, u->people.activities_measured, u->people.activities_reported, u->sat.satisfied,
			    u->sat.basic, u->sat.unsatisfied, u->sat.total, u->sat.activities, u->pub_text, u->pub_media};
	long long read[] = {got.activities, got.online, got.offline, got.both, got.people.total, got.people.checked_in, got.people.counted,
			    got.people.reported, got.people.activities_measured, got.people.activities_reported, got.sat.satisfied,
			    got.sat.basic, got.sat.unsatisfied, got.sat.total, got.sat.activities, got.pub_text, got.pub_media};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		cr_assert_eq(read[i], want[i], "figure %zu: the form's text gives %lld, the statistics %lld", i, read[i], want[i]);
	cr_assert_eq(got.sat.total, 4);
}
