/* test_form.c: the summary form of issue 12: the week bounds the form (an
 * activity outside the week's dates is refused unless marked 周外活动, and a
 * 周外活动 moves no figure anywhere). */
#include "testlib.h"
#include "domain/activity.h"
#include "domain/report.h"
#include "domain/cityform.h"
#include "domain/stats.h"
#include "domain/board.h"
#include "domain/review.h"
#include "domain/submission.h"
#include "export/form_doc.h"
#include <string.h>

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

/* The files a submission requires (summary, case, stamped scan), recorded
 * as the upload page records them; the store's bytes are not read. */
static void attach_required(const report *rep)
{
	static const char *const kinds[] = {"summary", "case", "scan"};
	for (int i = 0; i < 3; i++) {
		if (db_int(D, 0, "SELECT count(*) FROM attachments WHERE report_id = ?1 AND kind = ?2", "It", rep->id, kinds[i]))
			continue;
		new_file f = {.sha256 = "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef", .filename = S("x.pdf"),
			      .mime = "application/pdf", .size = 10};
		errs e = {0};
		cr_assert_eq(attachment_add(D, &A, &t_who, rep, att_kind(kinds[i]), &f, 1, true, &e), 0, "%s", errs_summary(&e, &A));
	}
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
	long long id = submission_submit(D, &A, &t_who, &rep, NULL, &e);
	cr_assert_gt(id, 0, "%s", errs_summary(&e, &A));
	return id;
}

/* The city form once both units have submitted what their records say now:
 * the city form is built from the units' submitted versions. */
static void city_form_now(field_value fv[N_FORM_FIELDS])
{
	submit_unit(unit_a);
	submit_unit(unit_b);
	report city;
	cr_assert(cityform_report(D, &A, week_id, &city));
	cityform_fields(D, &A, &city, fv);
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
	field_value fv[N_FORM_FIELDS];
	report_fields(D, &A, &rep, fv);
	for (int i = 0; i < N_FORM_FIELDS; i++)
		buf_printf(&b, "unit %s: %s\n", fv[i].def->key, fv[i].derived ? fv[i].derived : "");
	city_form_now(fv);
	for (int i = 0; i < N_FORM_FIELDS; i++)
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
	for (int i = 0; i < N_FORM_FIELDS; i++)
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
	field_value fv[N_FORM_FIELDS];
	report_fields(D, &A, &rep, fv);
	const char *want = "满意度 100%，满意率 0%（满意 0，基本满意 2，不满意 0；共 2 份有效评价，来自 1 场活动）";
	cr_assert_str_eq(derived(fv, "satisfaction"), want);
	city_form_now(fv);
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
static void unit_a_form(field_value fv[N_FORM_FIELDS])
{
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	report_fields(D, &A, &rep, fv);
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
	field_value fv[N_FORM_FIELDS];
	unit_a_form(fv);
	cr_assert_str_eq(derived(fv, "organisers"), "主办：东湖区卫健委、东湖区社区教育学院、东湖区文化馆；协办：东湖区图书馆");
	cr_assert(strstr(derived(fv, "scope"), "参与单位 3 个：东湖区卫健委、东湖区社区教育学院、东湖区文化馆"), "%s", derived(fv, "scope"));
	city_form_now(fv);
	cr_assert(strstr(derived(fv, "scope"), "参与单位 3 个："), "%s", derived(fv, "scope"));
	cr_assert(strstr(derived(fv, "organisers"), "东湖区：主办：东湖区卫健委、东湖区社区教育学院、东湖区文化馆；协办：东湖区图书馆"), "%s",
		  derived(fv, "organisers"));
}

/* ---- participants without silent loss (point 5) ---- */

/* The participants figure of the unit's form, the city's form, the
 * statistics and the board, which must agree. */
static long long people_everywhere(void)
{
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	field_value fv[N_FORM_FIELDS];
	report_fields(D, &A, &rep, fv);
	long long unit_form = strtoll(derived(fv, "participants"), NULL, 10);
	city_form_now(fv);
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
	field_value fv[N_FORM_FIELDS];
	report_fields(D, &A, &rep, fv);
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
	const form_field_def *def = form_field(key);
	cr_assert_not_null(def, "no field %s", key);
	return (int)(def - form_fields);
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
	const char *values[N_FORM_FIELDS] = {0}, *reasons[N_FORM_FIELDS] = {0};
	bool reset[N_FORM_FIELDS] = {0};
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
	field_value fv[N_FORM_FIELDS];
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	report_fields(D, &A, &rep, fv);
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
	field_value fv[N_FORM_FIELDS];
	unit_a_form(fv);
	cr_assert(strstr(derived(fv, "content"), "\n开放学习资源：场地 1（共 1 项）"), "%s", derived(fv, "content"));
	cr_assert(strstr(derived(fv, "pub_scope"), "\n宣传推广终身学习品牌项目 1 个：银龄课堂"), "%s", derived(fv, "pub_scope"));
	city_form_now(fv);
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
					" VALUES (?1, ?2, 'w', '主题', printf('%d-12-01', ?2), printf('%d-12-07', ?2), 0, 0, 0)", "Ii", root, year), 0);
		week_id = db_last_id(D);
		int n = rand_r(&seed) % 12;
		for (int i = 0; i < n; i++)
			random_activity(&seed, year, rand_r(&seed) % 2 ? unit_a : unit_b, false);

		long long acts = 0, people = 0, ratings = 0;
		long long units[2] = {unit_a, unit_b};
		for (int u = 0; u < 2; u++) {
			report rep;
			cr_assert(report_get(D, &A, week_id, units[u], &rep));
			field_value fv[N_FORM_FIELDS];
			report_fields(D, &A, &rep, fv);
			acts += strtoll(derived(fv, "activity_count"), NULL, 10);
			people += strtoll(derived(fv, "participants"), NULL, 10);
			ratings += num_after(derived(fv, "satisfaction"), "共 ");
		}
		field_value cf[N_FORM_FIELDS];
		city_form_now(cf);
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
	const char *values[N_FORM_FIELDS] = {0}, *reasons[N_FORM_FIELDS] = {0};
	bool reset[N_FORM_FIELDS] = {0};
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
	field_value fv[N_FORM_FIELDS];
	check_item *items;
	int blocking;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	report_fields(D, &A, &rep, fv);
	cr_assert(!fv[k].records_changed, "nothing changed yet");
	/* the records change: another activity with 5 reported */
	published(unit_a, "2022-12-03", false, 0, NULL, 5);
	report_fields(D, &A, &rep, fv);
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
	report_fields(D, &A, &rep, fv);
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
	for (int i = 0; i < N_FORM_FIELDS; i++)
		cr_assert((form_fields[i].kind == FK_DERIVED) == (form_fields[i].derive && form_fields[i].from), "row %s", form_fields[i].key);
	published(unit_a, "2022-12-02", false, 3, "sb", -1);
	published(unit_a, "2022-12-05", false, 0, NULL, 40);
	field_value u[N_FORM_FIELDS], c[N_FORM_FIELDS];
	unit_a_form(u);
	city_form_now(c);
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
