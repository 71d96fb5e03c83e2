/* test_board_drift.c: the board's 提交后记录有变动 (issue 13 point 4) after
 * the board stopped deriving every submitted unit's form on each view
 * (form_gens of migration 180): for each kind of record the unit's form is
 * derived from, a unit submits, the board is viewed (so it has compared the
 * form once and kept the outcome), the record changes, and the unit's row on
 * the board must say 提交后记录有变动 with the field that moved. A new
 * activity is added through the unit's page (the one record a unit may still
 * add after 报送); the others are written with the sqlite3 shell, as another
 * process would (whatever writes them, the database's triggers must see it). */
#include "test_report.h"
#include "test_sql.h"
LW_SERVER(NULL, NULL)

#define DRIFT "提交后记录有变动"

typedef struct sub {
	fx f;
	long long activity; /* the unit's one published activity */
} sub;

/* The unit's row on the board, up to its end. */
static char *board_row(const fx *f)
{
	lw_resp *board = lw_get(f->centre, lw_printf("/admin/board?week=%lld", f->week));
	cr_assert_eq(board->status, 200, "%s", lw_excerpt(board));
	const char *row = strstr(board->body, lw_printf("id=\"unit-%lld\"", f->unit));
	cr_assert(row, "no row for the unit:\n%s", lw_excerpt(board));
	const char *end = strstr(row, "</tr>");
	cr_assert(end);
	return lw_printf("%.*s", (int)(end - row), row);
}

/* A unit of year's week with one published activity (one check-in), its plan,
 * documents, 定稿 and scan, submitted; the board viewed twice, unchanged. */
static sub submitted(int year)
{
	sub s = {fixture(year), 0};
	const fx *f = &s.f;
	lw_resp *r = lw_submit(f->admin, lw_printf("/units/%lld/activities", f->unit), "week", lw_printf("%lld", f->week),
			       "title", "报送前的讲座", "host", "社区学院", "mode", "offline", "venue", "礼堂", "starts_at",
			       lw_printf("%d-12-02T09:00", year), "ends_at", lw_printf("%d-12-02T11:00", year), "content", "2",
			       "publish", "1", NULL);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	s.activity = sql_int(lw_printf("SELECT id FROM activities WHERE unit_id = %lld", f->unit));
	cr_assert_gt(s.activity, 0);
	sql(lw_printf("INSERT INTO checkins(activity_id, name, rating_hash, created_at)"
		      " VALUES (%lld, '张三', hex(randomblob(16)), unixepoch())", s.activity));
	lw_expect(lw_submit(f->admin, lw_printf("/units/%lld/report/plan", f->unit), "week", lw_printf("%lld", f->week),
			    "plan_issuer", "区教育体育局", "plan_coordinator", "区社区教育学院", "plan_author", "区终身学习办公室", NULL),
		  303, "");
	documents(f);
	finalise_and_scan(f);
	r = lw_submit(f->admin, lw_printf("/units/%lld/submission", f->unit), "week", lw_printf("%lld", f->week), NULL);
	cr_assert_eq(r->status, 303, "报送: %s", lw_excerpt(r));
	for (int i = 0; i < 2; i++) {
		char *row = board_row(f);
		cr_assert(strstr(row, "已提交") && !strstr(row, DRIFT), "view %d, nothing changed since 报送:\n%s", i + 1, row);
	}
	return s;
}

/* The board's row says the form moved, naming the field (its label). */
static void drifted(const fx *f, const char *label)
{
	char *row = board_row(f);
	cr_assert(strstr(row, DRIFT) && strstr(row, label), "the row should say %s (%s):\n%s", DRIFT, label, row);
	/* and again: the kept outcome is the changed one */
	cr_assert_str_eq(board_row(f), row);
}

Test(board_drift, nothing_changed_shows_nothing_on_any_view)
{
	sub s = submitted(2099);
	/* a record of another unit changes: this row stays as it was */
	sub other = submitted(2099);
	sql(lw_printf("UPDATE activities SET host = '别的单位' WHERE id = %lld", other.activity));
	drifted(&other.f, "主办");
	cr_assert(!strstr(board_row(&s.f), DRIFT), "%s", board_row(&s.f));
}

Test(board_drift, a_new_activity)
{
	sub s = submitted(2099);
	lw_resp *r = lw_submit(s.f.admin, lw_printf("/units/%lld/activities", s.f.unit), "week", lw_printf("%lld", s.f.week),
			       "title", "补录的讲座", "host", "社区学院", "mode", "online", "venue", "", "online_url",
			       "https://example.org/live", "starts_at", "2099-12-03T09:00", "ends_at", "2099-12-03T11:00", "content", "2",
			       "publish", "1", NULL);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	drifted(&s.f, "全区参与活动的数量");
}

Test(board_drift, an_activity_edited)
{
	sub s = submitted(2099);
	sql(lw_printf("UPDATE activities SET host = '改名的学院' WHERE id = %lld", s.activity));
	drifted(&s.f, "改名的学院");
}

Test(board_drift, a_tag)
{
	sub s = submitted(2099);
	sql(lw_printf("UPDATE activity_tags SET value = '3' WHERE activity_id = %lld AND kind = 'content'", s.activity));
	drifted(&s.f, "活动内容");
}

Test(board_drift, a_checkin)
{
	sub s = submitted(2099);
	sql(lw_printf("INSERT INTO checkins(activity_id, name, rating_hash, created_at)"
		      " VALUES (%lld, '李四', hex(randomblob(16)), unixepoch())", s.activity));
	drifted(&s.f, "2 人次");
}

Test(board_drift, a_rating)
{
	sub s = submitted(2099);
	sql(lw_printf("INSERT INTO ratings(checkin_id, activity_id, score, created_at)"
		      " SELECT id, activity_id, 'satisfied', unixepoch() FROM checkins WHERE activity_id = %lld", s.activity));
	drifted(&s.f, "满意");
}

/* a unit cannot change these after 报送 (409); what it entered before can
 * still be changed from outside the pages */
Test(board_drift, a_publicity_record)
{
	sub s = submitted(2099);
	sql(lw_printf("INSERT INTO publicity(week_id, unit_id, channel, kind, title, outlet, published_on, created_at, updated_at)"
		      " VALUES (%lld, %lld, '报刊', 'text', '活动周开幕', '晚报', '2099-12-02', unixepoch(), unixepoch())",
		      s.f.week, s.f.unit));
	drifted(&s.f, "报刊");
}

Test(board_drift, a_resource)
{
	sub s = submitted(2099);
	sql(lw_printf("INSERT INTO resources(week_id, unit_id, kind, title, institution, created_at, updated_at)"
		      " VALUES (%lld, %lld, 'venue', '开放的礼堂', '区图书馆', unixepoch(), unixepoch())", s.f.week, s.f.unit));
	drifted(&s.f, "开放学习资源");
}

Test(board_drift, a_star_and_a_brand)
{
	sub s = submitted(2099);
	sql(lw_printf("INSERT INTO stars(week_id, unit_id, name, consent, consent_at, created_at, updated_at)"
		      " VALUES (%lld, %lld, '王学习', 1, unixepoch(), unixepoch(), unixepoch())", s.f.week, s.f.unit));
	drifted(&s.f, "王学习");
	sub t = submitted(2099);
	sql(lw_printf("INSERT INTO brands(week_id, unit_id, name, host, created_at, updated_at)"
		      " VALUES (%lld, %lld, '夜校品牌', '区社区学院', unixepoch(), unixepoch())", t.f.week, t.f.unit));
	drifted(&t.f, "夜校品牌");
}

Test(board_drift, the_units_own_text)
{
	sub s = submitted(2099);
	sql(lw_printf("INSERT INTO report_fields(report_id, field, value, updated_at)"
		      " SELECT id, 'effect', '报送后补写的成效。', unixepoch() FROM reports WHERE unit_id = %lld", s.f.unit));
	drifted(&s.f, "报送后补写的成效。");
}

Test(board_drift, the_plan_on_the_report)
{
	sub s = submitted(2099);
	sql(lw_printf("UPDATE reports SET plan_issuer = '区人民政府' WHERE unit_id = %lld", s.f.unit));
	drifted(&s.f, "区人民政府");
}

Test(board_drift, the_units_name)
{
	sub s = submitted(2099);
	const char *name = lw_unique("改名区");
	sql(lw_printf("UPDATE units SET name = '%s' WHERE id = %lld", name, s.f.unit));
	drifted(&s.f, name);
}

/* the week's theme: a week of its own, since every unit of the week moves */
Test(board_drift, the_weeks_theme)
{
	sub s = submitted(2098);
	sql(lw_printf("UPDATE weeks SET theme = '改过的主题' WHERE id = %lld", s.f.week));
	drifted(&s.f, "改过的主题");
}
