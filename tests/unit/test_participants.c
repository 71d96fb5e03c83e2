/* test_participants.c: unit_participants (src/domain/activity.c) sums the
 * participants rule from check-in counts kept by triggers (migration 163)
 * instead of looking up each activity's check-ins; it must give what the
 * rule gives with the check-ins counted one activity at a time, also after
 * check-ins are added and removed and activities move to another unit or
 * week or change status. */
#include "testlib.h"
#include "domain/activity.h"
#include "domain/org.h"

TestSuite(participants, .init = t_setup, .fini = t_teardown);

/* The rule, plainly: each published activity's check-ins counted by a
 * subquery of its own. */
static participants reference(long long week_id, long long unit_id)
{
#define M MEASURED_SQL("ci", "staff", "src")
	const char *sql = "SELECT coalesce(sum(CASE WHEN " M " THEN ci END), 0), coalesce(sum(CASE WHEN " M " THEN staff END), 0),"
		" coalesce(sum(CASE WHEN NOT " M " THEN rep END), 0), coalesce(sum(" M "), 0),"
		" coalesce(sum(NOT " M " AND rep IS NOT NULL), 0),"
		" coalesce(sum(src = '' AND ci + staff > 0 AND rep IS NOT NULL AND rep <> ci + staff), 0),"
		" coalesce(sum(ci + staff = 0 AND rep IS NULL), 0)"
		" FROM (SELECT a.staff_count AS staff, a.reported_participants AS rep, a.count_source AS src,"
		" (SELECT count(*) FROM checkins c WHERE c.activity_id = a.id) AS ci FROM activities a"
		" WHERE a.week_id = ?1 AND (?2 = 0 OR a.unit_id = ?2) AND a.status = 'published' AND a.off_week = 0) x";
#undef M
	participants p = {0};
	stmt st;
	cr_assert_eq(db_prep(D, &st, sql, "II", week_id, unit_id), 0);
	cr_assert_eq(stmt_step(&st), 1);
	p.checked_in = col_int(&st, 0);
	p.counted = col_int(&st, 1);
	p.reported = col_int(&st, 2);
	p.activities_measured = col_int(&st, 3);
	p.activities_reported = col_int(&st, 4);
	p.activities_unconfirmed = col_int(&st, 5);
	p.activities_missing = col_int(&st, 6);
	stmt_done(&st);
	p.total = p.checked_in + p.counted + p.reported;
	return p;
}

static void same(long long week_id, long long unit_id, const char *when)
{
	participants got = unit_participants(D, week_id, unit_id), want = reference(week_id, unit_id);
	cr_assert(got.checked_in == want.checked_in && got.counted == want.counted && got.reported == want.reported &&
		  got.total == want.total && got.activities_measured == want.activities_measured &&
		  got.activities_reported == want.activities_reported &&
		  got.activities_unconfirmed == want.activities_unconfirmed && got.activities_missing == want.activities_missing,
		  "%s, week %lld unit %lld: got %lld/%lld/%lld (%lld %lld %lld %lld), want %lld/%lld/%lld (%lld %lld %lld %lld)", when,
		  week_id, unit_id, got.checked_in, got.counted, got.reported, got.activities_measured, got.activities_reported,
		  got.activities_unconfirmed, got.activities_missing, want.checked_in, want.counted, want.reported,
		  want.activities_measured, want.activities_reported, want.activities_unconfirmed, want.activities_missing);
}

Test(participants, from_counted_check_ins_as_from_each_activitys)
{
	long long root = unit_root(D);
	cr_assert_eq(db_exec(D, "INSERT INTO units(parent_id, name, kind, code, created_at) VALUES (?1, '东湖区', '区', 'donghu', 0),"
				" (?1, '西湖区', '区', 'xihu', 0)", "I", root), 0);
	long long ua = db_int(D, 0, "SELECT id FROM units WHERE code = 'donghu'", NULL);
	long long ub = db_int(D, 0, "SELECT id FROM units WHERE code = 'xihu'", NULL);
	cr_assert_eq(db_exec(D, "INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at, updated_at)"
				" VALUES (?1, 2022, '周', '主题', '2022-12-01', '2022-12-07', 0, 0, 0),"
				" (?1, 2023, '周', '主题', '2023-12-01', '2023-12-07', 0, 0, 0)", "I", root), 0);
	long long w1 = db_int(D, 0, "SELECT id FROM weeks WHERE year = 2022", NULL);
	long long w2 = db_int(D, 0, "SELECT id FROM weeks WHERE year = 2023", NULL);
	/* every combination of tally, reported number and confirmed source, in
	 * both units, some cancelled or outside the week's count */
	cr_assert_eq(db_exec(D, "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 120)"
				" INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, status, off_week,"
				" staff_count, reported_participants, count_source, checkin_code, created_at, updated_at)"
				" SELECT ?1, CASE i % 2 WHEN 0 THEN ?2 ELSE ?3 END, '活动' || i, '学院', 'offline', 0, 3600,"
				" CASE WHEN i % 11 = 0 THEN 'cancelled' ELSE 'published' END, CASE WHEN i % 13 = 0 THEN 1 ELSE 0 END,"
				" CASE i % 3 WHEN 0 THEN 0 WHEN 1 THEN 5 ELSE 12 END,"
				" CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN 30 WHEN 2 THEN 7 ELSE 0 END,"
				" CASE i % 5 WHEN 0 THEN 'measured' WHEN 1 THEN 'reported' ELSE '' END, 'c', 0, 0 FROM s",
			     "III", w1, ua, ub), 0);
	/* check-ins on every third activity, one to four each */
	cr_assert_eq(db_exec(D, "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 4)"
				" INSERT INTO checkins(activity_id, name, rating_hash, created_at)"
				" SELECT a.id, '张三', a.id || '-' || s.i, 0 FROM activities a JOIN s ON s.i <= 1 + a.id % 4 WHERE a.id % 3 = 0", NULL),
		     0);
	long long units[] = {0, ua, ub};
	for (int u = 0; u < 3; u++)
		same(w1, units[u], "as made");

	/* check-ins removed, an activity with check-ins moved to the other unit,
	 * one to the other week, one cancelled, one counted again */
	long long moved = db_int(D, 0, "SELECT min(activity_id) FROM checkins", NULL);
	long long away = db_int(D, 0, "SELECT max(activity_id) FROM checkins", NULL);
	cr_assert_eq(db_exec(D, "DELETE FROM ratings WHERE checkin_id IN (SELECT id FROM checkins WHERE activity_id % 2 = 0 AND rating_hash LIKE '%-1')",
			     NULL), 0);
	cr_assert_eq(db_exec(D, "DELETE FROM checkins WHERE activity_id % 2 = 0 AND rating_hash LIKE '%-1'", NULL), 0);
	cr_assert_eq(db_exec(D, "UPDATE activities SET unit_id = CASE unit_id WHEN ?2 THEN ?3 ELSE ?2 END WHERE id = ?1", "III", moved,
			     ua, ub), 0);
	cr_assert_eq(db_exec(D, "UPDATE activities SET week_id = ?2 WHERE id = ?1", "II", away, w2), 0);
	cr_assert_eq(db_exec(D, "UPDATE activities SET status = 'cancelled' WHERE id = (SELECT activity_id FROM checkins"
				" WHERE activity_id NOT IN (?1, ?2) ORDER BY activity_id LIMIT 1)", "II", moved, away), 0);
	cr_assert_eq(db_exec(D, "UPDATE activities SET off_week = 0 WHERE off_week = 1", NULL), 0);
	for (int u = 0; u < 3; u++) {
		same(w1, units[u], "after the changes");
		same(w2, units[u], "the other week, after the changes");
	}
}
