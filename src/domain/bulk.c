/* bulk.c: see bulk.h. */
#include "bulk.h"
#include "org.h"
#include "core/text.h"
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
	       table_file *f, table_issues *is, int **states, bulk_counts *c)
{
	memset(c, 0, sizeof *c);
	*is = (table_issues){.max = s->max_issues};
	*states = NULL;
	const char *no = bulk_refusal(d, a, s, unit_id);
	if (no) {
		memset(f, 0, sizeof *f);
		f->status = 409;
		f->error = no;
		return;
	}
	table_read(a, path, filename, s->table, f);
	if (f->status)
		return;
	int *st = arena_alloc(a, sizeof *st * (size_t)(f->nrows + 1));
	*states = st;
	keyset ks = {0};
	size_t cap = 16;
	while (cap < (size_t)f->nrows * 2)
		cap *= 2;
	ks.slot = calloc(cap, sizeof *ks.slot);
	ks.keys = calloc((size_t)f->nrows + 1, sizeof *ks.keys);
	ks.mask = cap - 1;
	/* one scratch arena per row, so that 10,000 rows cost the memory of
	 * their own text only */
	for (int i = 0; i < f->nrows; i++) {
		arena scratch = {0};
		long long dup_of = 0;
		char spare[65] = "", *key = ks.keys ? ks.keys[i] : spare;
		st[i] = parse_row(d, a, &scratch, s, f, is, r, i, key);
		if (st[i] == BULK_NEW) {
			int first = ks.slot && ks.keys ? keyset_find_or_add(&ks, i) : -1;
			if (first >= 0) {
				st[i] = BULK_DUP;
				dup_of = f->rows[first].line;
			} else if (seen(d, s, unit_id, key)) {
				st[i] = BULK_SEEN;
			}
		}
		if (r->result)
			r->result(r->ctx, d, &scratch, i, st[i], dup_of, key);
		arena_free(&scratch);
		int *count[] = {[BULK_NEW] = &c->n_new, [BULK_SEEN] = &c->n_seen, [BULK_DUP] = &c->n_dup,
				[BULK_EXAMPLE] = &c->n_example, [BULK_BAD] = &c->n_bad};
		(*count[st[i]])++;
	}
	free(ks.slot);
	free(ks.keys);
}

long long bulk_commit(db *d, const bulk_spec *s, long long import_id, long long unit_id, const table_file *f, const int *states,
		      const bulk_counts *c, const bulk_rows *r, int (*audit_fn)(void *ctx, long long written, long long skipped),
		      long long *skipped)
{
	*skipped = 0;
	if (f->status || c->n_bad || !states)
		return -3;
	if (db_begin(d) < 0)
		return -1;
	if (db_exec(d, s->done_sql, "I", import_id) < 0) {
		db_rollback(d);
		return -1;
	}
	if (db_changes(d) != 1) {
		db_rollback(d);
		return -2;
	}
	long long written = 0;
	int rc = 0;
	for (int i = 0; i < f->nrows && rc == 0; i++) {
		if (states[i] != BULK_NEW) {
			*skipped += states[i] != BULK_EXAMPLE;
			continue;
		}
		arena scratch = {0};
		char key[65] = "";
		if (parse_row(d, &scratch, &scratch, s, f, NULL, r, i, key) != BULK_NEW) {
			rc = -1; /* the rows were checked already */
		} else if (seen(d, s, unit_id, key)) {
			(*skipped)++; /* written by another import since the preview */
		} else {
			rc = r->save(r->ctx, d, &scratch, i, key);
			written += rc == 0;
		}
		arena_free(&scratch);
	}
	if (rc == 0 && audit_fn)
		rc = audit_fn(r->ctx, written, *skipped);
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return written;
}
