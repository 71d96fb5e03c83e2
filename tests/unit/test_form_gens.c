/* test_form_gens.c: the generations of the summary form (migration 180) that
 * the board checks before deriving a submitted unit's form again. Every table
 * a unit's form is derived from must bump form_gens on every insert, update
 * and delete, or the board would keep showing an old comparison. A table the
 * form starts to read (derive.c, form_merge_written) is added here and in a
 * migration; tests/http/test_board_drift.c changes each and looks at the board. */
#include "testlib.h"
#include <string.h>

/* What a unit's form is derived from, and who reads it. */
static const char *const form_sources[] = {
	"activities",    /* derive.c: counts, hosts, streets, dates, featured */
	"activity_tags", /* derive.c: d_content */
	"checkins",      /* unit_participants (through checkin_counts) */
	"ratings",       /* unit_satisfaction */
	"publicity",     /* derive.c: d_pub_scope and the publicity lists */
	"resources",     /* report_resources_line */
	"stars",         /* report_promotion_lines */
	"brands",        /* report_promotion_lines */
	"reports",       /* the plan and the ceremony */
	"report_fields", /* form_merge_written: the unit's own texts */
	"attachments",   /* the report's files */
	"units",         /* d_unit_name */
	"weeks",         /* d_theme, the week's dates */
	"week_choices",  /* d_content's categories */
};

TestSuite(form_gens, .init = t_setup, .fini = t_teardown);

Test(form_gens, every_table_the_form_reads_bumps_it)
{
	const char *events[] = {"INSERT", "UPDATE", "DELETE"};
	for (size_t i = 0; i < sizeof form_sources / sizeof *form_sources; i++)
		for (int e = 0; e < 3; e++) {
			const char *t = form_sources[i];
			char *like = arena_printf(&A, "%%AFTER %s ON %s BEGIN%%INSERT INTO form_gens(week_id, unit_id, n)%%", events[e], t);
			cr_assert(db_exists(D, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 AND sql LIKE ?2",
					    "tt", t, like),
				  "table %s: no %s trigger bumps form_gens (see 180_form_gens.sql)", t, events[e]);
		}
}

/* An update bumps the generation of both the old and the new (week, unit):
 * an activity moved to another unit changes both forms. (Asked of the data,
 * not of the trigger's text: on PostgreSQL the bumps are per statement,
 * migrations-pg/260.) */
Test(form_gens, an_activity_moved_bumps_both_units)
{
	long long ua, ub, w = t_two_districts_and_week(&ua, &ub);
	cr_assert_eq(db_exec(D, "INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, status, checkin_code,"
				" created_at, updated_at) VALUES (?1, ?2, '讲座', '学院', 'offline', 0, 3600, 'published', 'c', 0, 0)",
			     "II", w, ua), 0);
	const char *gen = "SELECT COALESCE((SELECT n FROM form_gens WHERE week_id = ?1 AND unit_id = ?2), 0)";
	long long a0 = db_int(D, -1, gen, "II", w, ua), b0 = db_int(D, -1, gen, "II", w, ub);
	cr_assert_gt(a0, 0, "the insert bumped the unit's form");
	cr_assert_eq(db_exec(D, "UPDATE activities SET unit_id = ?1 WHERE unit_id = ?2", "II", ub, ua), 0);
	cr_assert_gt(db_int(D, -1, gen, "II", w, ua), a0, "no bump of the old (week, unit) on an activity's update");
	cr_assert_gt(db_int(D, -1, gen, "II", w, ub), b0, "no bump of the new (week, unit) on an activity's update");
}
