/* domain.c: validation errors, the audit log and row snapshots for it, the
 * ends of audited transactions, search patterns, the health check. */
#include "domain.h"
#include "core/json_text.h"
#include "core/buf.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void err_add(errs *e, const char *field, const char *msg)
{
	if (e->n < MAX_ERRS) {
		e->field[e->n] = field;
		e->msg[e->n] = msg;
		e->n++;
	}
}

const char *err_for(const errs *e, const char *field)
{
	for (int i = 0; i < e->n; i++)
		if (e->field[i] && !strcmp(e->field[i], field))
			return e->msg[i];
	return NULL;
}

char *errs_summary(const errs *e, arena *a)
{
	char *s = arena_strdup(a, "");
	for (int i = 0; i < e->n; i++)
		s = arena_printf(a, "%s%s", s, e->msg[i]);
	return s;
}

int audit(db *d, const actor *who, long long unit_id, const char *action, const char *entity,
	  long long entity_id, const char *summary, const char *old_json, const char *new_json)
{
	return db_exec(d,
		"INSERT INTO audit_log(at, account_id, username, unit_id, action, entity, entity_id, summary,"
		" old_value, new_value, address) VALUES (?1, NULLIF(?2, 0), ?3, NULLIF(?4, 0), ?5, ?6, NULLIF(?7, 0), ?8, ?9, ?10, ?11)",
		"IItIttItttt",
		who->now, who->account_id, who->username ? who->username : "", unit_id, action, entity,
		entity_id, summary ? summary : "", old_json, new_json, who->address ? who->address : "");
}

char *row_json(db *d, arena *a, const char *sql, long long id)
{
	stmt st;
	if (db_prep(d, &st, sql, "I", id) < 0)
		return NULL;
	char *out = NULL;
	if (stmt_step(&st) == 1) {
		json_t *o = json_object();
		int n = col_count(&st);
		for (int i = 0; i < n; i++) {
			const char *name = col_name(&st, i);
			switch (col_type(&st, i)) {
			case COL_INT: json_object_set_new(o, name, json_integer(col_int(&st, i))); break;
			case COL_NULL: json_object_set_new(o, name, json_null()); break;
			default: json_object_set_new(o, name, json_text(col_text(&st, i))); break;
			}
		}
		char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		out = arena_strdup(a, s);
		free(s);
		json_decref(o);
	}
	stmt_done(&st);
	return out;
}

char *json_pair(arena *a, const char *k1, const char *v1, const char *k2, const char *v2)
{
	json_t *o = json_object();
	json_object_set_new(o, k1, v1 ? json_text(v1) : json_null());
	if (k2)
		json_object_set_new(o, k2, v2 ? json_text(v2) : json_null());
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	char *out = arena_strdup(a, s ? s : "{}");
	free(s);
	json_decref(o);
	return out;
}

int txn_begin(db *d, errs *e)
{
	if (db_begin(d) == 0)
		return 0;
	err_add(e, NULL, "数据库忙，请稍后重试。");
	return -1;
}

int txn_end(db *d, int rc, errs *e, const char *failed)
{
	if (rc == 0 && db_commit(d) == 0)
		return 0;
	db_rollback(d);
	if (!e->n)
		err_add(e, NULL, failed);
	return -1;
}

int tx_end(db *d, int rc)
{
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

long long tx_end_insert(db *d, arena *a, const actor *who, int rc, long long unit_id, const char *action, const char *entity,
			const char *summary, const char *snap_sql)
{
	long long id = rc == 0 ? db_last_id(d) : 0;
	if (id && audit(d, who, unit_id, action, entity, id, summary, NULL, row_json(d, a, snap_sql, id)) < 0)
		id = 0;
	return tx_end(d, id ? 0 : -1) == 0 ? id : 0;
}

int update_one_audited(db *d, const actor *who, const char *sql, long long id, long long unit_id, const char *action,
		       const char *entity, const char *summary)
{
	if (db_begin(d) < 0)
		return -1;
	int rc = db_exec(d, sql, "I", id);
	if (rc == 0 && db_changes(d) != 1)
		rc = -1;
	if (rc == 0)
		rc = audit(d, who, unit_id, action, entity, id, summary, NULL, NULL);
	return tx_end(d, rc);
}

int revision_claim(db *d, const char *table, long long id, long long expected, errs *e)
{
	static const char *const tables[] = {"activities", "reports", "publicity", "resources", "stars", "brands", "elder_cases"};
	bool known = false;
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
		known = known || !strcmp(table, tables[i]);
	if (!known)
		return -1;
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE %s SET revision = revision + 1 WHERE id = ?1 AND (?2 < 0 OR revision = ?2)", table);
	if (db_exec(d, sql, "II", id, expected) < 0) {
		err_add(e, NULL, "保存失败，请重试。");
		return -1;
	}
	if (db_changes(d) == 1)
		return 0;
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?1", table);
	if (db_exists(d, sql, "I", id))
		err_add(e, STALE_FIELD, "您打开这页之后，别人已经修改并保存了这条记录。为免覆盖对方的修改，这次没有保存。");
	else
		err_add(e, NULL, "这条记录已不存在，可能已被删除。");
	return -1;
}

bool errs_stale(const errs *e)
{
	return err_for(e, STALE_FIELD) != NULL;
}

char *like_pattern(arena *a, const char *q)
{
	char *p = arena_alloc(a, 2 * strlen(q) + 3), *o = p;
	*o++ = '%';
	for (const char *s = q; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\'; /* the searcher's % and _ are text, not wildcards */
		*o++ = *s;
	}
	*o++ = '%';
	*o = 0;
	return p;
}

bool database_answers(db *d)
{
	return db_int(d, -1, "SELECT 1", NULL) == 1;
}

long long public_generation(db *d)
{
	return db_int(d, -1, "SELECT n FROM public_gen WHERE id = 1", NULL);
}

int public_generations(db *d, int n, const gen_kind *kinds, const long long *ids, long long *out)
{
	if (n < 1 || n > 8)
		return -1;
	/* one column per generation: "SELECT g1, g2, ...", the same text for
	 * the same kinds, so a few statements in the cache */
	buf sql = BUF_INIT;
	dbval v[16];
	int nv = 0;
	buf_puts(&sql, "SELECT ");
	for (int i = 0; i < n; i++) {
		if (i)
			buf_puts(&sql, ", ");
		if (kinds[i] == GEN_ANY) {
			buf_puts(&sql, "(SELECT n FROM public_gen WHERE id = 1)");
		} else {
			buf_printf(&sql, "coalesce((SELECT n FROM public_gens WHERE kind = ?%d AND id = ?%d), 0)", nv + 1, nv + 2);
			v[nv++] = (dbval){'I', kinds[i], NULL};
			v[nv++] = (dbval){'I', ids[i], NULL};
		}
	}
	stmt st;
	int rc = -1;
	if (db_prep_vals(d, &st, buf_cstr(&sql), v, nv) == 0) {
		if (stmt_step(&st) == 1) {
			rc = 0;
			for (int i = 0; i < n; i++) {
				out[i] = col_null(&st, i) ? -1 : col_int(&st, i);
				if (out[i] < 0)
					rc = -1;
			}
		}
		stmt_done(&st);
	}
	buf_free(&sql);
	return rc;
}

long long public_generation_of(db *d, gen_kind kind, long long id)
{
	if (kind == GEN_ANY)
		return public_generation(d);
	/* always a row: -1 is an error, never a generation */
	return db_int(d, -1, "SELECT coalesce((SELECT n FROM public_gens WHERE kind = ?1 AND id = ?2), 0)", "II",
		      (long long)kind, id);
}

char *setting_get(db *d, arena *a, const char *key)
{
	return db_text(d, a, "SELECT value FROM settings WHERE key = ?1", "t", key);
}
