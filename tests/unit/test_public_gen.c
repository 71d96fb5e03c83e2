/* test_public_gen.c: the data generation of the public pages (migration 080)
 * that the render cache checks. Every table of the schema is either one a
 * public page shows, whose every insert, update and delete bumps the
 * generation in the same transaction, or one named below as never shown on a
 * cached public page. A new table must be put on one side or the other, so
 * no write can leave a stale page in the cache. */
#include "testlib.h"
#include <string.h>
#include "domain/domain.h"

/* Tables no cached public page reads. */
static const char *const not_public[] = {
	"schema_migrations", "sessions", "login_failures", "audit_log", "files", "accounts", "checkins", "ratings",
	"api_tokens", "imports", "reports", "report_fields", "publicity", "attachments", "submissions", "review_comments",
	"resource_imports", "jobs", "tag_counts", "public_gen",
	/* the calendar's text index and its queue (migration 081): derived from
	 * activities, whose writes bump the generation */
	"activity_text", "activity_text_data", "activity_text_idx", "activity_text_config", "activity_text_docsize",
	"activity_text_pending", "activity_text_stale",
	/* the throttles of anonymous actions (migration 076): staff see the refusals */
	"throttle_counts", "activity_refusals", "signup_echoes",
};

static bool listed(const char *t)
{
	for (size_t i = 0; i < sizeof not_public / sizeof *not_public; i++)
		if (!strcmp(not_public[i], t))
			return true;
	return false;
}

TestSuite(public_gen, .init = t_setup, .fini = t_teardown);

Test(public_gen, every_table_is_public_with_triggers_or_named_as_not_public)
{
	stmt st;
	cr_assert_eq(db_prep(D, &st, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
			     NULL), 0);
	int tables = 0, public = 0;
	while (stmt_step(&st) == 1) {
		char *t = col_dup(&st, &A, 0);
		tables++;
		if (listed(t))
			continue;
		public++;
		const char *events[] = {"INSERT", "UPDATE", "DELETE"};
		for (int e = 0; e < 3; e++) {
			char *like = arena_printf(&A, "%%AFTER %s ON %s BEGIN UPDATE public_gen SET n = n + 1%%", events[e], t);
			cr_assert(db_exists(D, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 AND sql LIKE ?2",
					    "tt", t, like),
				  "table %s: no %s trigger bumps public_gen. If a public page shows it, add its triggers in a "
				  "migration (see 080_public_gen.sql); if not, name it in not_public in this file.",
				  t, events[e]);
		}
	}
	stmt_done(&st);
	cr_assert_gt(public, 10, "only %d of %d tables are public", public, tables);
}

Test(public_gen, a_write_bumps_it_in_its_own_transaction)
{
	long long g0 = public_generation(D);
	cr_assert_geq(g0, 0);
	cr_assert_eq(db_begin(D), 0);
	cr_assert_eq(db_exec(D, "UPDATE units SET name = name || '（改）' WHERE parent_id IS NULL", NULL), 0);
	cr_assert_gt(public_generation(D), g0, "the writing transaction sees its own bump");
	db_rollback(D);
	cr_assert_eq(public_generation(D), g0, "a rolled-back write leaves the generation as it was");
	cr_assert_eq(db_exec(D, "UPDATE units SET name = name || '（改）' WHERE parent_id IS NULL", NULL), 0);
	cr_assert_gt(public_generation(D), g0, "a committed write bumps it");
	long long g1 = public_generation(D);
	cr_assert_eq(db_exec(D, "INSERT INTO login_failures(key, failures, last_failure) VALUES ('x', 1, 1)", NULL), 0);
	cr_assert_eq(public_generation(D), g1, "a write no public page shows leaves it");
}
