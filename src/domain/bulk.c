/* bulk.c: see bulk.h. */
#include "bulk.h"
#include "org.h"
#include "activity.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *bulk_refusal(db *d, arena *a, const bulk_spec *s, long long unit_id)
{
	if (unit_retired(d, unit_id))
		return arena_printf(a, "该单位已停用，不能再导入%s。", s->noun);
	return NULL;
}

static bool is_example(arena *a, const bulk_spec *s, const table_row *row)
{
	const char *first = str_trim(arena_strdup(a, table_cell_str(a, &row->cells[0], false)));
	return !strncmp(first, s->example_mark, strlen(s->example_mark));
}

/* Keys seen earlier in the file: open addressing on the hash itself. */
typedef struct keyset {
	int *slot; /* row index + 1; 0 empty */
	size_t mask;
	char (*keys)[65];
} keyset;

static int keyset_find_or_add(keyset *ks, int i)
{
	unsigned long long h = strtoull(ks->keys[i] + 48, NULL, 16);
	for (size_t p = (size_t)h & ks->mask;; p = (p + 1) & ks->mask) {
		if (!ks->slot[p]) {
			ks->slot[p] = i + 1;
			return -1;
		}
		if (!strcmp(ks->keys[ks->slot[p] - 1], ks->keys[i]))
			return ks->slot[p] - 1;
	}
}

/* Row i through the import's parser; BULK_NEW (so far) or BULK_BAD with its
 * problems in is, left to right as a person reads the row. */
static int parse_row(db *d, arena *a, arena *scratch, const bulk_spec *s, const table_file *f, table_issues *is,
		     const bulk_rows *r, int i, char key[65])
{
	if (is_example(scratch, s, &f->rows[i]))
		return BULK_EXAMPLE;
	errs pre = {0}, e = {0};
	r->parse(r->ctx, d, scratch, i, &pre, &e, key);
	if (!pre.n && !e.n)
		return BULK_NEW;
	if (is) {
		int first = is->n;
		long long line = f->rows[i].line;
		for (int k = 0; k < pre.n; k++)
			table_issue_add(a, is, s->table, f->file_col, line, pre.field[k], pre.msg[k]);
		for (int k = 0; k < e.n; k++)
			if (!e.field[k] || !err_for(&pre, e.field[k]))
				table_issue_add(a, is, s->table, f->file_col, line, e.field[k], e.msg[k]);
		table_issues_sort(is, first);
	}
	return BULK_BAD;
}

static bool seen(db *d, const bulk_spec *s, long long unit_id, const char *key)
{
	return db_exists(d, s->seen_sql, "It", unit_id, key);
}

void bulk_read(db *d, arena *a, const bulk_spec *s, long long unit_id, const char *path, const char *filename, const bulk_rows *r,
	       bulk_file *f)
{
	memset(f, 0, sizeof *f);
	f->issues = (table_issues){.max = s->max_issues};
	const char *no = bulk_refusal(d, a, s, unit_id);
	if (no) {
		f->table.status = 409;
		f->table.error = no;
		return;
	}
	table_read(a, path, filename, s->table, &f->table);
	if (f->table.status)
		return;
	const table_file *t = &f->table;
	int *st = arena_alloc(a, sizeof *st * (size_t)(t->nrows + 1));
	f->states = st;
	f->rows = arena_alloc(a, sizeof *f->rows * (size_t)(t->nrows + 1));
	keyset ks = {0};
	size_t cap = 16;
	while (cap < (size_t)t->nrows * 2)
		cap *= 2;
	ks.slot = calloc(cap, sizeof *ks.slot);
	ks.keys = calloc((size_t)t->nrows + 1, sizeof *ks.keys);
	ks.mask = cap - 1;
	/* one scratch arena per row, so that 10,000 rows cost the memory of
	 * their own text only */
	for (int i = 0; i < t->nrows; i++) {
		arena scratch = {0};
		bulk_row *row = &f->rows[i];
		memset(row, 0, sizeof *row);
		row->line = t->rows[i].line;
		char spare[65] = "", *key = ks.keys ? ks.keys[i] : spare;
		st[i] = parse_row(d, a, &scratch, s, t, &f->issues, r, i, key);
		if (st[i] == BULK_NEW) {
			int first = ks.slot && ks.keys ? keyset_find_or_add(&ks, i) : -1;
			if (first >= 0) {
				st[i] = BULK_DUP;
				row->dup_of = t->rows[first].line;
			} else if (seen(d, s, unit_id, key)) {
				st[i] = BULK_SEEN;
			}
		}
		row->state = st[i];
		if (r->result && st[i] != BULK_BAD && st[i] != BULK_EXAMPLE)
			r->result(r->ctx, d, a, row);
		if (st[i] != BULK_NEW)
			row->warning = NULL;
		arena_free(&scratch);
		int *count[] = {[BULK_NEW] = &f->n.n_new, [BULK_SEEN] = &f->n.n_seen, [BULK_DUP] = &f->n.n_dup,
				[BULK_EXAMPLE] = &f->n.n_example, [BULK_BAD] = &f->n.n_bad};
		(*count[st[i]])++;
		f->n.n_warn += row->warning != NULL;
	}
	free(ks.slot);
	free(ks.keys);
}

/* The pending import as its audit lines show it. */
static const char *pending_snapshot(arena *a, const bulk_spec *s)
{
	return arena_printf(a, "SELECT unit_id, week_id, sha256, filename, rows_total, rows_new, status FROM %s WHERE id = ?1",
			    s->pending_table);
}

long long bulk_commit(db *d, arena *a, const bulk_spec *s, const actor *who, const bulk_pending *p, const bulk_file *f,
		      const bulk_rows *r, long long *skipped)
{
	*skipped = 0;
	if (f->table.status || f->n.n_bad || !f->states)
		return -3;
	if (db_begin(d) < 0)
		return -1;
	if (db_exec(d, arena_printf(a, "UPDATE %s SET status = 'done' WHERE id = ?1 AND status = 'pending'", s->pending_table), "I",
		    p->id) < 0) {
		db_rollback(d);
		return -1;
	}
	if (db_changes(d) != 1) {
		db_rollback(d);
		return -2;
	}
	const table_file *t = &f->table;
	long long written = 0;
	int rc = 0;
	for (int i = 0; i < t->nrows && rc == 0; i++) {
		if (f->states[i] != BULK_NEW) {
			*skipped += f->states[i] != BULK_EXAMPLE;
			continue;
		}
		arena scratch = {0};
		char key[65] = "";
		if (parse_row(d, &scratch, &scratch, s, t, NULL, r, i, key) != BULK_NEW) {
			rc = -1; /* the rows were checked already */
		} else if (seen(d, s, p->unit_id, key)) {
			(*skipped)++; /* written by another import since the preview */
		} else {
			rc = r->save(r->ctx, d, &scratch, i, key);
			written += rc == 0;
		}
		arena_free(&scratch);
	}
	if (rc == 0 && r->finish)
		rc = r->finish(r->ctx, d);
	if (rc == 0)
		rc = db_exec(d, arena_printf(a, "UPDATE %s SET rows_new = ?1 WHERE id = ?2", s->pending_table), "II", written, p->id);
	if (rc == 0)
		rc = audit(d, who, p->unit_id, "import", s->audit_entity, p->id,
			   arena_printf(a, "导入 %lld 项%s（%s），跳过 %lld 行", written, s->noun, p->filename, *skipped), NULL,
			   row_json(d, a, pending_snapshot(a, s), p->id));
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return written;
}

/* ---- the pending import ---- */

long long bulk_pending_create(db *d, arena *a, const bulk_spec *s, const actor *who, bulk_pending *p, long long size,
			      const char *mime)
{
	if (db_begin(d) < 0)
		return 0;
	int rc = file_record(d, p->sha256, size, mime ? mime : "application/octet-stream", who->now);
	if (rc == 0)
		rc = db_exec(d,
			     arena_printf(a, "INSERT INTO %s(unit_id, week_id, account_id, sha256, filename, rows_total, rows_new, created_at)"
					     " VALUES (?1, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?7, ?8)", s->pending_table),
			     "IIIttIII", p->unit_id, p->week_id, who->account_id, p->sha256, p->filename, p->rows_total, p->rows_new,
			     who->now);
	long long id = tx_end_insert(d, a, who, rc, p->unit_id, "upload", s->audit_entity, p->filename, pending_snapshot(a, s));
	if (id)
		p->id = id;
	return id;
}

bool bulk_pending_load(db *d, arena *a, const bulk_spec *s, long long id, bulk_pending *p)
{
	stmt st;
	if (db_prep(d, &st,
		    arena_printf(a, "SELECT id, unit_id, week_id, coalesce(account_id, 0), rows_total, rows_new, created_at, sha256,"
				    " filename, status FROM %s WHERE id = ?1", s->pending_table), "I", id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok) {
		p->id = col_int(&st, 0);
		p->unit_id = col_int(&st, 1);
		p->week_id = col_int(&st, 2);
		p->account_id = col_int(&st, 3);
		p->rows_total = col_int(&st, 4);
		p->rows_new = col_int(&st, 5);
		p->created_at = col_int(&st, 6);
		p->sha256 = col_dup(&st, a, 7);
		p->filename = col_dup(&st, a, 8);
		p->status = col_dup(&st, a, 9);
	}
	stmt_done(&st);
	return ok;
}

int bulk_pending_discard(db *d, const bulk_spec *s, const actor *who, const bulk_pending *p)
{
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE %s SET status = 'discarded' WHERE id = ?1 AND status = 'pending'", s->pending_table);
	return update_one_audited(d, who, sql, p->id, p->unit_id, "discard", s->audit_entity, p->filename);
}
