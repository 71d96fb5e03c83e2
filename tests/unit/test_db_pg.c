/* test_db_pg.c: the PostgreSQL engine's translation of the domain's SQL
 * (SQLite's dialect) into PostgreSQL's, statement by statement, as sent. No
 * server needed: what the statements then do is the other suites' part under
 * make unit-pg and make http-pg. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include "db/db_pg.h"

static bool with_id(void *ctx, const char *table)
{
	(void)ctx;
	return strcmp(table, "settings") != 0; /* settings has no id column */
}

static char *tr(const char *sql, int *n, bool *ret)
{
	return pg_translate(sql, n, with_id, NULL, ret);
}

Test(pg_translate, parameters_numbered_and_literals_left_alone)
{
	int n;
	bool ret;
	char *s = tr("SELECT name FROM units WHERE id = ?1 AND name <> '?2' AND code = ?3 OR code = ?1", &n, &ret);
	cr_assert_str_eq(s, "SELECT name FROM units WHERE id = $1 AND name <> '?2' AND code = $3 OR code = $1");
	cr_assert_eq(n, 3, "the highest number is the count, as SQLite counts");
	cr_assert_not(ret);
	free(s);
}

/* SQLite reads LIMIT -1 (any negative) as no limit, PostgreSQL refuses it
 * but reads LIMIT NULL as none: a bound limit goes through NULLIF */
Test(pg_translate, a_negative_limit_is_none)
{
	int n;
	bool ret;
	char *s = tr("SELECT id FROM activities ORDER BY id LIMIT ?2 OFFSET ?1", &n, &ret);
	cr_assert_str_eq(s, "SELECT id FROM activities ORDER BY id LIMIT NULLIF(GREATEST($2::bigint, -1), -1) OFFSET $1");
	cr_assert_eq(n, 2);
	free(s);
	s = tr("SELECT id FROM activities WHERE id > ?1", &n, &ret);
	cr_assert_str_eq(s, "SELECT id FROM activities WHERE id > $1", "a parameter elsewhere is left alone");
	free(s);
}

Test(pg_translate, insert_gets_returning_id_when_the_table_has_one)
{
	int n;
	bool ret;
	char *s = tr("INSERT INTO units(name) VALUES (?1)", &n, &ret);
	cr_assert_str_eq(s, "INSERT INTO units(name) VALUES ($1) RETURNING id");
	cr_assert(ret, "db_last_id reads the id from it");
	free(s);
	s = tr("INSERT INTO settings(key, value) VALUES (?1, ?2)", &n, &ret);
	cr_assert_str_eq(s, "INSERT INTO settings(key, value) VALUES ($1, $2)");
	cr_assert_not(ret);
	free(s);
	s = tr("INSERT INTO units(name) VALUES (?1) RETURNING id, name", &n, &ret);
	cr_assert_str_eq(s, "INSERT INTO units(name) VALUES ($1) RETURNING id, name");
	cr_assert_not(ret, "the caller's own RETURNING is the caller's");
	free(s);
}

Test(pg_translate, insert_or_ignore_becomes_on_conflict_do_nothing)
{
	int n;
	bool ret;
	char *s = tr("INSERT OR IGNORE INTO star_activities(star_id, activity_id) SELECT ?1, id FROM activities WHERE id = ?2",
		     &n, &ret);
	cr_assert_str_eq(s, "INSERT INTO star_activities(star_id, activity_id) SELECT $1, id FROM activities WHERE id = $2"
			    " ON CONFLICT DO NOTHING RETURNING id");
	free(s);
}

Test(pg_translate, upsert_reads_the_row_where_sqlite_does)
{
	int n;
	bool ret;
	char *s = tr("INSERT INTO throttle_refusals(activity_id, kind, refused, last_at) VALUES (?1, ?2, 1, ?3)"
		     " ON CONFLICT(activity_id, kind) DO UPDATE SET refused = refused + 1, last_at = excluded.last_at",
		     &n, &ret);
	cr_assert_str_eq(s, "INSERT INTO throttle_refusals(activity_id, kind, refused, last_at) VALUES ($1, $2, 1, $3)"
			    " ON CONFLICT(activity_id, kind) DO UPDATE SET refused = throttle_refusals.refused + 1,"
			    " last_at = excluded.last_at RETURNING id");
	free(s);
}

Test(pg_translate, like_functions_and_the_text_index)
{
	int n;
	bool ret;
	char *s = tr("SELECT instr(label, '智慧助老'), char(10) FROM x WHERE a LIKE ?1 ESCAPE '\\'", &n, &ret);
	cr_assert_str_eq(s, "SELECT strpos(label, '智慧助老'), chr(10) FROM x WHERE a ILIKE $1 ESCAPE '\\'",
			 "SQLite's LIKE ignores ASCII case");
	free(s);
	s = tr("SELECT rowid FROM activity_text WHERE activity_text MATCH ?1 LIMIT ?2", &n, &ret);
	cr_assert_str_eq(s, "SELECT rowid FROM activity_text WHERE words @> lw_fts_query($1) ORDER BY rowid"
			    " LIMIT NULLIF(GREATEST($2::bigint, -1), -1)");
	cr_assert_eq(n, 2);
	free(s);
}

Test(pg_translate, joins_and_subqueries_in_postgresql_form)
{
	int n;
	bool ret;
	char *s = tr("SELECT max(v) FROM (SELECT 1 AS v UNION ALL SELECT 2) WHERE v > ?1", &n, &ret);
	cr_assert_str_eq(s, "SELECT max(v) FROM (SELECT 1 AS v UNION ALL SELECT 2) AS lw_sub1 WHERE v > $1",
			 "PostgreSQL 15 wants an alias");
	free(s);
	s = tr("SELECT count(*) FROM (SELECT 1) x JOIN (SELECT 2) AS y ON 1 = 1", &n, &ret);
	cr_assert_str_eq(s, "SELECT count(*) FROM (SELECT 1) x JOIN (SELECT 2) AS y ON 1 = 1");
	free(s);
	s = tr("SELECT 1 FROM ratings r CROSS JOIN activities a ON a.id = r.activity_id CROSS JOIN (SELECT 1) s", &n, &ret);
	cr_assert_str_eq(s, "SELECT 1 FROM ratings r JOIN activities a ON a.id = r.activity_id CROSS JOIN (SELECT 1) s");
	free(s);
	s = tr("SELECT id FROM units WHERE id IN (SELECT unit_id FROM weeks)", &n, &ret);
	cr_assert_str_eq(s, "SELECT id FROM units WHERE id IN (SELECT unit_id FROM weeks)", "not a FROM subquery");
	free(s);
}

Test(pg_translate, unary_plus_only_where_it_is_unary)
{
	int n;
	bool ret;
	char *s = tr("SELECT a + b, ?1 + 1 FROM t WHERE x = ?2 AND +status = 'published' AND (+off_week = 0)", &n, &ret);
	cr_assert_str_eq(s, "SELECT a + b, $1 + 1 FROM t WHERE x = $2 AND status = 'published' AND (off_week = 0)");
	free(s);
}
