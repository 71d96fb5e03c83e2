/* test_public_gen.c: the data generation of the public pages (migration 080)
 * that the render cache checks. Every table of the schema is either one a
 * public page shows, whose every insert, update and delete bumps the
 * generation in the same transaction, or one named below as never shown on a
 * cached public page. A new table must be put on one side or the other, so
 * no write can leave a stale page in the cache. Each public table also bumps
 * the generation of what it changes (migration 100: the site, a week, an
 * activity, the resources, the showcases), so a write ends only the pages
 * that show it. */
#include "testlib.h"
#include <string.h>
#include "domain/domain.h"

/* Tables no cached public page reads. */
static const char *const not_public[] = {
	"schema_migrations", "sessions", "login_failures", "audit_log", "files", "accounts", "checkins", "ratings",
	"api_tokens", "imports", "reports", "report_fields", "publicity", "attachments", "review_comments",
	"resource_imports", "jobs", "tag_counts", "public_gen", "public_gens", "choice_presets",
	/* the summary form's rows of each week (migration 190): staff pages only */
	"week_form_rows", "form_row_presets",
	/* check-ins counted per activity (migration 163): staff figures only */
	"checkin_counts",
	/* the calendar's text index and its queue (migration 081): derived from
	 * activities, whose writes bump the generation */
	"activity_text", "activity_text_data", "activity_text_idx", "activity_text_config", "activity_text_docsize",
	"activity_text_pending", "activity_text_stale",
	/* the calendar filters' bitmaps (migration 160): derived from
	 * activities and their tags, whose writes bump the generation */
	"facet_bits",
	/* the throttles of anonymous actions (migration 076): staff see the refusals */
	"throttle_counts", "activity_refusals", "signup_echoes",
	/* the summary form's generations (migration 180): staff see the board */
	"form_gens",
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
			/* and the generation of what it changes (migration 100) */
			like = arena_printf(&A, "%%AFTER %s ON %s BEGIN%%INSERT INTO public_gens(kind, id, n)%%", events[e], t);
			cr_assert(db_exists(D, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 AND sql LIKE ?2",
					    "tt", t, like),
				  "table %s: no %s trigger bumps public_gens: add one that bumps the generation of what "
				  "it changes (see 100_public_gens.sql).",
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

/* ---- the generations per thing shown (migration 100) ---- */

static long long gen(gen_kind k, long long id)
{
	long long g = public_generation_of(D, k, id);
	cr_assert_geq(g, 0);
	return g;
}

/* A week with two activities, one linked to a resource. */
static long long wk, act_a, act_b, res;

static void two_activities(void)
{
	long long root = unit_root(D);
	cr_assert_eq(db_exec(D, "INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at, updated_at)"
				" VALUES (?1, 2022, '周', '主题', '2022-12-01', '2022-12-07', 0, 0, 0)", "I", root), 0);
	wk = db_last_id(D);
	for (int i = 0; i < 2; i++) {
		cr_assert_eq(db_exec(D, "INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, capacity, status,"
					" checkin_code, created_at, updated_at) VALUES (?1, ?2, '讲座', '学院', 'offline', 1669852800,"
					" 1669860000, 5, 'published', 'c', 0, 0)", "II", wk, root), 0);
		*(i ? &act_b : &act_a) = db_last_id(D);
	}
	cr_assert_eq(db_exec(D, "INSERT INTO resources(week_id, unit_id, kind, title, institution, created_at, updated_at)"
				" VALUES (?1, ?2, 'venue', '阅览室', '图书馆', 0, 0)", "II", wk, root), 0);
	res = db_last_id(D);
	cr_assert_eq(db_exec(D, "INSERT INTO resource_activities(resource_id, activity_id) VALUES (?1, ?2)", "II", res, act_a), 0);
}

Test(public_gen, a_sign_up_ends_its_activitys_page_only)
{
	two_activities();
	long long site = gen(GEN_SITE, 0), wgen = gen(GEN_WEEK, wk), a = gen(GEN_ACTIVITY, act_a), b = gen(GEN_ACTIVITY, act_b),
		  lib = gen(GEN_RESOURCES, 0);
	cr_assert_eq(db_exec(D, "INSERT INTO registrations(activity_id, name, phone, status, cancel_hash, created_at, updated_at)"
				" VALUES (?1, '张三', '13812345678', 'confirmed', 'h1', 0, 0)", "I", act_a), 0);
	cr_assert_gt(gen(GEN_ACTIVITY, act_a), a, "A's page shows its places");
	cr_assert_eq(gen(GEN_ACTIVITY, act_b), b, "B's page does not show A's places");
	cr_assert_eq(gen(GEN_WEEK, wk), wgen, "the calendar shows no places");
	cr_assert_eq(gen(GEN_SITE, 0), site);
	cr_assert_eq(gen(GEN_RESOURCES, 0), lib);
}

Test(public_gen, an_activitys_change_ends_its_week_its_page_and_the_pages_that_show_it)
{
	two_activities();
	long long site = gen(GEN_SITE, 0), wgen = gen(GEN_WEEK, wk), a = gen(GEN_ACTIVITY, act_a), b = gen(GEN_ACTIVITY, act_b),
		  lib = gen(GEN_RESOURCES, 0), show = gen(GEN_SHOWCASE, 0);
	cr_assert_eq(db_exec(D, "UPDATE activities SET title = '读书会' WHERE id = ?1", "I", act_b), 0);
	cr_assert_gt(gen(GEN_WEEK, wk), wgen, "the calendar lists its title");
	cr_assert_gt(gen(GEN_ACTIVITY, act_b), b);
	cr_assert_eq(gen(GEN_ACTIVITY, act_a), a, "A's page does not show B");
	cr_assert_eq(gen(GEN_RESOURCES, 0), lib, "no resource shows B");
	cr_assert_eq(gen(GEN_SHOWCASE, 0), show);
	cr_assert_eq(gen(GEN_SITE, 0), site);
	/* A is linked to the resource: the resource's page lists A */
	cr_assert_eq(db_exec(D, "UPDATE activities SET title = '读书会' WHERE id = ?1", "I", act_a), 0);
	cr_assert_gt(gen(GEN_RESOURCES, 0), lib, "the resource's page lists A");
	/* a tag: the calendar shows content tags */
	wgen = gen(GEN_WEEK, wk);
	cr_assert_eq(db_exec(D, "INSERT INTO activity_tags(activity_id, kind, value) VALUES (?1, 'content', '6')", "I", act_b), 0);
	cr_assert_gt(gen(GEN_WEEK, wk), wgen);
	/* and the resource's change shows on A's page, which lists it */
	a = gen(GEN_ACTIVITY, act_a);
	b = gen(GEN_ACTIVITY, act_b);
	cr_assert_eq(db_exec(D, "UPDATE resources SET title = '自习室' WHERE id = ?1", "I", res), 0);
	cr_assert_gt(gen(GEN_ACTIVITY, act_a), a);
	cr_assert_eq(gen(GEN_ACTIVITY, act_b), b);
	/* a rolled-back write leaves every generation as it was */
	long long a2 = gen(GEN_ACTIVITY, act_a), w2 = gen(GEN_WEEK, wk);
	cr_assert_eq(db_begin(D), 0);
	cr_assert_eq(db_exec(D, "UPDATE activities SET title = '讲座' WHERE id = ?1", "I", act_a), 0);
	db_rollback(D);
	cr_assert_eq(gen(GEN_ACTIVITY, act_a), a2);
	cr_assert_eq(gen(GEN_WEEK, wk), w2);
}
