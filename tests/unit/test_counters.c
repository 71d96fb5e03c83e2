/* test_counters.c: the counters the triggers keep (tag_counts, facet_bits,
 * checkin_counts, and the generations public_gen, public_gens, form_gens)
 * stay right after bulk inserts, updates and deletes in one transaction: read
 * inside that transaction (it sees its own changes) and after its commit. On
 * PostgreSQL they are kept per statement (migrations-pg 260, 261), on SQLite
 * per row; both must give the recount. */
#include "testlib.h"

TestSuite(counters, .init = t_setup, .fini = t_teardown);

#define N_ACTS 300

static long long week_id, unit_a, unit_b;

static void make_units(void)
{
	week_id = t_two_districts_and_week(&unit_a, &unit_b);
}

/* checkin_counts equals a recount */
static void assert_checkin_counts(const char *when)
{
	long long missing = db_int(D, -1,
		"SELECT count(*) FROM (SELECT a.week_id, a.unit_id, c.activity_id, count(*) AS n"
		" FROM checkins c JOIN activities a ON a.id = c.activity_id GROUP BY 1, 2, 3"
		" EXCEPT SELECT week_id, unit_id, activity_id, n FROM checkin_counts WHERE n > 0)", NULL);
	long long extra = db_int(D, -1,
		"SELECT count(*) FROM (SELECT week_id, unit_id, activity_id, n FROM checkin_counts WHERE n > 0"
		" EXCEPT SELECT a.week_id, a.unit_id, c.activity_id, count(*)"
		" FROM checkins c JOIN activities a ON a.id = c.activity_id GROUP BY 1, 2, 3)", NULL);
	cr_assert(missing == 0 && extra == 0, "%s: checkin_counts differs from a recount (%lld missing, %lld extra)", when,
		  missing, extra);
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM checkin_counts WHERE n < 0", NULL), 0, "%s: a negative count", when);
}

/* facet_bits holds a bit for every (week, content or audience tag) and every
 * (week, mode an activity is held in), and no bit of an activity that does
 * not have it (a deleted activity's bits may stay: migration 160) */
#define FACETS \
	"SELECT a.week_id, t.kind, t.value, a.id FROM activity_tags t JOIN activities a ON a.id = t.activity_id" \
	" WHERE t.kind IN ('content', 'audience')" \
	" UNION ALL SELECT week_id, 'mode', 'online', id FROM activities WHERE mode IN ('online', 'both')" \
	" UNION ALL SELECT week_id, 'mode', 'offline', id FROM activities WHERE mode IN ('offline', 'both')"
static void assert_facet_bits(const char *when)
{
	stmt st;
	cr_assert_eq(db_prep(D, &st, FACETS, NULL), 0);
	long long want = 0;
	while (stmt_step(&st) == 1) {
		long long id = col_int(&st, 3);
		long long bits = db_int(D, 0, "SELECT bits FROM facet_bits WHERE week_id = ?1 AND kind = ?2 AND value = ?3 AND word = ?4",
					"IttI", col_int(&st, 0), col_text(&st, 1), col_text(&st, 2), id / 63);
		cr_assert_neq(bits & (1LL << (id % 63)), 0, "%s: activity %lld has no bit for %s %s", when, id, col_text(&st, 1),
			      col_text(&st, 2));
		want++;
	}
	stmt_done(&st);
	cr_assert_gt(want, 0);
	cr_assert_eq(db_prep(D, &st, "SELECT week_id, kind, value, word, bits FROM facet_bits", NULL), 0);
	while (stmt_step(&st) == 1) {
		long long bits = col_int(&st, 4);
		for (int b = 0; b < 63; b++) {
			long long id = col_int(&st, 3) * 63 + b;
			if (!(bits & (1LL << b)) || !db_exists(D, "SELECT 1 FROM activities WHERE id = ?1", "I", id))
				continue;
			cr_assert(db_exists(D, "SELECT 1 FROM (" FACETS ") f WHERE week_id = ?1 AND kind = ?2 AND value = ?3 AND id = ?4",
					    "IttI", col_int(&st, 0), col_text(&st, 1), col_text(&st, 2), id),
				  "%s: activity %lld has a bit for %s %s it does not have", when, id, col_text(&st, 1),
				  col_text(&st, 2));
		}
	}
	stmt_done(&st);
}

static void assert_all(const char *when)
{
	t_assert_tag_counts(when);
	assert_checkin_counts(when);
	assert_facet_bits(when);
}

static long long form_gen(long long unit_id)
{
	return db_int(D, 0, "SELECT n FROM form_gens WHERE week_id = ?1 AND unit_id = ?2", "II", week_id, unit_id);
}

static long long week_gen(void)
{
	return db_int(D, 0, "SELECT n FROM public_gens WHERE kind = 2 AND id = ?1", "I", week_id);
}

static long long public_gen(void)
{
	return db_int(D, 0, "SELECT n FROM public_gen WHERE id = 1", NULL);
}

Test(counters, stay_right_through_bulk_writes_in_one_transaction)
{
	make_units();
	long long root = unit_root(D);
	long long pg0 = public_gen(), wg0 = week_gen(), fa0 = form_gen(unit_a), fb0 = form_gen(unit_b);

	cr_assert_eq(db_begin(D), 0);
	/* bulk inserts: activities of two units, their tags, their check-ins */
	cr_assert_eq(db_exec(D, "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?1)"
				" INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, status, checkin_code,"
				" created_at, updated_at) SELECT ?2, CASE i % 2 WHEN 0 THEN ?3 ELSE ?4 END, '第' || i || '场', '学院',"
				" CASE i % 3 WHEN 0 THEN 'offline' WHEN 1 THEN 'online' ELSE 'both' END, 1669852800 + i * 60,"
				" 1669856400 + i * 60, CASE WHEN i % 7 = 0 THEN 'draft' ELSE 'published' END, 'c', 0, 0 FROM s",
			     "IIII", (long long)N_ACTS, week_id, unit_a, unit_b), 0);
	cr_assert_eq(db_exec(D, "INSERT INTO activity_tags(activity_id, kind, value)"
				" SELECT id, 'content', CASE WHEN id % 4 = 3 THEN '2' ELSE '1' END FROM activities"
				" UNION ALL SELECT id, 'audience', CASE WHEN id % 5 = 0 THEN '老年人群' ELSE '城乡社区居民' END FROM activities"
				" UNION ALL SELECT id, 'subject', '读书' FROM activities WHERE id % 3 = 0", NULL), 0);
	cr_assert_eq(db_exec(D, "INSERT INTO checkins(activity_id, name, rating_hash, created_at)"
				" SELECT a.id, '居民', 'h' || a.id || '-' || k.k, 0 FROM activities a"
				" CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) k WHERE a.id % 2 = 0 OR k.k = 1", NULL), 0);
	assert_all("after the bulk inserts, in their transaction");
	cr_assert_gt(public_gen(), pg0, "the public pages' generation moved");
	cr_assert_gt(week_gen(), wg0, "the week's generation moved");
	cr_assert_gt(form_gen(unit_a), fa0, "unit a's forms' generation moved");
	cr_assert_gt(form_gen(unit_b), fb0, "unit b's forms' generation moved");

	/* bulk updates: activities change status, mode and unit, check-ins
	 * move (tags are never updated, only deleted and inserted: tag_counts
	 * has no trigger on an update of activity_tags, on either engine) */
	long long fa1 = form_gen(unit_a), fb1 = form_gen(unit_b), wg1 = week_gen();
	cr_assert_eq(db_exec(D, "UPDATE activities SET status = 'cancelled', mode = 'online' WHERE id % 11 = 0", NULL), 0);
	cr_assert_eq(db_exec(D, "UPDATE activities SET unit_id = ?1 WHERE id % 13 = 0 AND unit_id = ?2", "II", root, unit_a), 0);
	cr_assert_eq(db_exec(D, "UPDATE checkins SET activity_id = activity_id + 1 WHERE activity_id % 8 = 0", NULL), 0);
	assert_all("after the bulk updates, in their transaction");
	cr_assert_gt(form_gen(unit_a), fa1, "unit a's forms' generation moved on the updates");
	cr_assert_gt(form_gen(unit_b), fb1, "unit b's forms' generation moved on the updates");
	cr_assert_gt(form_gen(root), 0, "the unit the activities moved to has a forms' generation");
	cr_assert_gt(week_gen(), wg1, "the week's generation moved on the updates");

	/* bulk deletes: tags, check-ins, and activities with their tags */
	long long wg2 = week_gen(), pg2 = public_gen();
	cr_assert_eq(db_exec(D, "DELETE FROM activity_tags WHERE kind = 'audience' AND activity_id % 4 = 0", NULL), 0);
	cr_assert_eq(db_exec(D, "DELETE FROM checkins WHERE activity_id % 3 = 0", NULL), 0);
	cr_assert_eq(db_exec(D, "DELETE FROM activity_tags WHERE activity_id IN (SELECT id FROM activities WHERE id % 9 = 0)", NULL), 0);
	cr_assert_eq(db_exec(D, "DELETE FROM checkins WHERE activity_id IN (SELECT id FROM activities WHERE id % 9 = 0)", NULL), 0);
	cr_assert_eq(db_exec(D, "DELETE FROM activities WHERE id % 9 = 0", NULL), 0);
	assert_all("after the bulk deletes, in their transaction");
	cr_assert_gt(week_gen(), wg2, "the week's generation moved on the deletes");
	cr_assert_gt(public_gen(), pg2, "the public pages' generation moved on the deletes");
	cr_assert_eq(db_commit(D), 0);
	assert_all("after the commit");
	cr_assert_gt(t_count("activity_tags"), N_ACTS, "the test kept tags to count");
	cr_assert_gt(t_count("checkins"), N_ACTS / 2, "the test kept check-ins to count");
}

/* A statement that writes nothing moves no generation. */
Test(counters, a_write_of_no_rows_moves_no_generation)
{
	make_units();
	long long pg0 = public_gen(), wg0 = week_gen();
	cr_assert_eq(db_exec(D, "UPDATE activities SET title = 'x' WHERE id < 0", NULL), 0);
	cr_assert_eq(db_exec(D, "DELETE FROM activity_tags WHERE activity_id < 0", NULL), 0);
	cr_assert_eq(public_gen(), pg0);
	cr_assert_eq(week_gen(), wg0);
}
