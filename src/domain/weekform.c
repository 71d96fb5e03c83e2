/* weekform.c: a week's summary form as data of the week (issue 12, point 1;
 * migration 190): its rows in order, each derived (a key of the catalogue in
 * derive.c) or typed by the unit. The centre changes them on the week's page
 * until an activity of the week uses the form. */
#include "report.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 60
#define LABEL_MAX 60
#define GROUP_MAX 20
#define TYPED_MAX_CHARS 1000

/* Completes a row from its kind: a derived row takes its derivation's
 * source and function; a derived key outside the catalogue reads as typed. */
static void row_finish(form_field_def *r)
{
	const form_derivation *dv = r->kind == FK_DERIVED ? form_derivation_of(r->key) : NULL;
	if (!dv)
		r->kind = FK_NARRATIVE;
	r->from = dv ? dv->from : NULL;
	r->summed = dv ? dv->summed : false;
	r->derive = dv ? dv->derive : NULL;
}

static void form_finish(week_form *f)
{
	f->first_table = f->n;
	for (int i = 1; i < f->n; i++)
		if (f->row[i].new_table) {
			f->first_table = i;
			break;
		}
}

static const week_form *rows_read(db *d, arena *a, long long week_id, const char *sql, long long id)
{
	week_form *f = arena_alloc(a, sizeof *f);
	f->week_id = week_id;
	stmt st;
	int cap = 0;
	if (db_prep(d, &st, sql, "I", id) == 0) {
		while (stmt_step(&st) == 1) {
			if (f->n == cap) {
				cap = cap ? cap * 2 : 32;
				form_field_def *v = arena_alloc(a, sizeof *v * (size_t)cap);
				if (f->n)
					memcpy(v, f->row, sizeof *v * (size_t)f->n);
				f->row = v;
			}
			form_field_def *r = &f->row[f->n++];
			r->key = col_dup(&st, a, 0);
			r->group = *col_text(&st, 1) ? col_dup(&st, a, 1) : NULL;
			r->label = col_dup(&st, a, 2);
			r->kind = !strcmp(col_text(&st, 3), "derived") ? FK_DERIVED : FK_NARRATIVE;
			r->max_chars = (int)col_int(&st, 4);
			r->optional = col_int(&st, 5) != 0;
			r->new_table = col_int(&st, 6) != 0;
			row_finish(r);
		}
		stmt_done(&st);
	}
	form_finish(f);
	return f;
}

#define ROW_COLS "key, grp, label, kind, max_chars, optional, new_table"

const week_form *week_form_load(db *d, arena *a, long long week_id)
{
	return rows_read(d, a, week_id, "SELECT " ROW_COLS " FROM week_form_rows WHERE week_id = ?1 ORDER BY position", week_id);
}

const week_form *week_form_start(db *d, arena *a, long long year)
{
	long long from = db_int(d, 0, "SELECT w.id FROM weeks w WHERE (?1 = 0 OR w.year < ?1)"
				      " AND EXISTS (SELECT 1 FROM week_form_rows r WHERE r.week_id = w.id)"
				      " ORDER BY w.year DESC, w.id DESC LIMIT 1", "I", year);
	if (from)
		return week_form_load(d, a, from);
	return rows_read(d, a, 0, "SELECT " ROW_COLS " FROM form_row_presets WHERE ?1 = ?1 ORDER BY position", 0);
}

int week_form_index(const week_form *f, const char *key)
{
	for (int i = 0; f && key && i < f->n; i++)
		if (!strcmp(f->row[i].key, key))
			return i;
	return -1;
}

const form_field_def *week_form_field(const week_form *f, const char *key)
{
	int i = week_form_index(f, key);
	return i < 0 ? NULL : &f->row[i];
}

field_value *form_values_alloc(arena *a, const week_form *f)
{
	int n = f ? f->n : 0;
	field_value *v = arena_alloc(a, sizeof *v * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		v[i].def = &f->row[i];
	return v;
}

const char *week_form_locked(db *d, arena *a, long long week_id)
{
	long long n = db_int(d, 0, "SELECT count(*) FROM activities WHERE week_id = ?1", "I", week_id);
	if (n)
		return arena_printf(a, "本届已有 %lld 项活动（含草稿）按这张总结表统计，为使已填的总结表和统计保持一致，"
				       "总结表的栏目不能再修改。", n);
	long long f = db_int(d, 0, "SELECT count(*) FROM finals f JOIN reports r ON r.id = f.report_id WHERE r.week_id = ?1", "I",
			     week_id);
	if (f)
		return arena_printf(a, "本届已有 %lld 份总结表定稿，为使定稿与总结表一致，总结表的栏目不能再修改。", f);
	return NULL;
}

typedef struct posted_row {
	form_field_def r;
	long long position;
	int i;
} posted_row;

static int by_position(const void *x, const void *y)
{
	const posted_row *a = x, *b = y;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	return a->i - b->i;
}

static const char *at(const char *const *v, int i)
{
	return v && v[i] ? v[i] : "";
}

int week_form_parse(arena *a, const week_form *old, int n, const char *const *keys, const char *const *groups,
		    const char *const *labels, const char *const *kinds, const char *const *positions, week_form *out, errs *e)
{
	int before = e->n;
	posted_row *v = arena_alloc(a, sizeof *v * (size_t)(n + 1));
	int m = 0, fresh = 0;
	for (int i = 0; i < n; i++) {
		char *key = str_trim(arena_strdup(a, at(keys, i)));
		char *grp = str_trim(arena_strdup(a, at(groups, i)));
		char *label = str_trim(arena_strdup(a, at(labels, i)));
		char *pos = str_trim(arena_strdup(a, at(positions, i)));
		const char *kind = at(kinds, i);
		if (!strcmp(kind, "drop") || (!*key && !*label))
			continue;
		const char *row = arena_printf(a, "第 %d 行", i + 1);
		const form_field_def *was = week_form_field(old, key);
		const form_derivation *dv = form_derivation_of(key);
		if (!strcmp(kind, "auto")) /* a new row: as its source says */
			kind = dv ? "derived" : "typed";
		if (!*label && dv && !was) /* a derivation added without a label: what it is */
			label = arena_strdup(a, dv->what);
		posted_row *p = &v[m];
		p->i = i;
		p->r.key = key;
		p->r.group = *grp ? grp : NULL;
		p->r.label = label;
		if (!strcmp(kind, "derived"))
			p->r.kind = FK_DERIVED;
		else if (!strcmp(kind, "typed") || !strcmp(kind, "optional"))
			p->r.kind = FK_NARRATIVE;
		else
			err_add(e, "rows", arena_printf(a, "总结表%s：请选择「系统统计」「单位填写」或「删除」。", row));
		p->r.optional = !strcmp(kind, "optional");
		if (!*label)
			err_add(e, "rows", arena_printf(a, "总结表%s：栏目名称不能为空（不要这一行，请选「删除」）。", row));
		else if (utf8_chars(label) > LABEL_MAX)
			err_add(e, "rows", arena_printf(a, "总结表%s：栏目名称最多 %d 个字。", row, LABEL_MAX));
		else if (utf8_chars(grp) > GROUP_MAX)
			err_add(e, "rows", arena_printf(a, "总结表%s：分组名称最多 %d 个字。", row, GROUP_MAX));
		else if (text_refusal(label, false) || text_refusal(grp, false))
			err_add(e, "rows", arena_printf(a, "总结表%s：%s。", row,
							text_refusal(label, false) ? text_refusal(label, false) : text_refusal(grp, false)));
		if (p->r.kind == FK_DERIVED && !dv)
			err_add(e, "rows", arena_printf(a, "总结表%s「%s」不是系统能统计的栏目，只能由单位填写。", row, label));
		if (*key && !dv && !was)
			err_add(e, "rows", arena_printf(a, "总结表%s：没有「%s」这一栏目，请刷新页面后重试。", row, key));
		for (int k = 0; *key && k < m; k++)
			if (!strcmp(v[k].r.key, key))
				err_add(e, "rows", arena_printf(a, "总结表%s「%s」与前面一行重复。", row, label));
		p->r.max_chars = was ? was->max_chars : dv ? dv->max_chars : TYPED_MAX_CHARS;
		p->r.new_table = was && was->new_table;
		char *end;
		long long x = strtoll(pos, &end, 10);
		if (!*pos)
			p->position = i + 1;
		else if (*end || x < 1 || x > 999)
			err_add(e, "rows", arena_printf(a, "总结表%s：顺序应是 1 到 999 的整数。", row));
		else
			p->position = x;
		if (!*key)
			fresh++;
		m++;
	}
	/* a new typed row's key: row1, row2 ... not used by another row */
	for (int k = 0, next = 1; k < m && fresh; k++) {
		if (*v[k].r.key)
			continue;
		const char *key;
		bool used;
		do {
			key = arena_printf(a, "row%d", next++);
			used = false;
			for (int j = 0; j < m && !used; j++)
				used = !strcmp(v[j].r.key, key);
		} while (used);
		v[k].r.key = key;
		v[k].r.kind = FK_NARRATIVE;
	}
	if (!m)
		err_add(e, "rows", "总结表至少要有一行。");
	else if (m > MAX_ROWS)
		err_add(e, "rows", arena_printf(a, "总结表最多 %d 行，现在有 %d 行。", MAX_ROWS, m));
	qsort(v, (size_t)m, sizeof *v, by_position);
	out->week_id = old ? old->week_id : 0;
	out->n = m;
	out->row = arena_alloc(a, sizeof *out->row * (size_t)(m + 1));
	for (int k = 0; k < m; k++) {
		out->row[k] = v[k].r;
		row_finish(&out->row[k]);
	}
	form_finish(out);
	return e->n > before ? -1 : 0;
}

int week_form_write(db *d, long long week_id, const week_form *f)
{
	if (db_exec(d, "DELETE FROM week_form_rows WHERE week_id = ?1", "I", week_id) < 0)
		return -1;
	for (int i = 0; i < f->n; i++) {
		const form_field_def *r = &f->row[i];
		if (db_exec(d, "INSERT INTO week_form_rows(week_id, position, " ROW_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
			    "IIttttIII", week_id, (long long)i + 1, r->key, r->group ? r->group : "", r->label,
			    r->kind == FK_DERIVED ? "derived" : "typed", (long long)r->max_chars, (long long)r->optional,
			    (long long)r->new_table) < 0)
			return -1;
	}
	return 0;
}
