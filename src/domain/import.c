/* import.c: activity lists from .xlsx and .csv (read by table_reader.c):
 * checking every row with activity_parse, and writing the new rows in one
 * transaction. */
#include "core/hash.h"
#include "import.h"
#include "org.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const import_column import_columns[N_IMPORT_COLUMNS] = {
	{"title", "活动名称", true, false, "活动的名称，最多 100 个字。", "名称|title"},
	{"host", "主办单位", true, false, "举办活动的学校、社区教育学院或机构。", "主办|host"},
	{"co_hosts", "协办单位", false, false, "可不填；多个单位用顿号（、）分隔。", "协办|co_hosts"},
	{"content", "活动内容", true, true,
	 "六项活动内容中的一项或多项：写序号 1–6 或名称（见「可选值」表），多项用顿号（、）分隔。", "content"},
	{"subjects", "学习主题", false, true, "可不填；见「可选值」表，多项用顿号（、）分隔。", "subjects"},
	{"forms", "活动形式", false, true, "可不填；见「可选值」表，多项用顿号（、）分隔。", "forms"},
	{"audiences", "参与对象", false, true, "可不填；见「可选值」表，多项用顿号（、）分隔。", "audiences"},
	{"mode", "线上/线下", true, false, "线上、线下或线上线下（从下拉列表选择）。", "活动方式|方式|mode"},
	{"starts_at", "开始时间", true, false, "北京时间，写成 2022-12-02 09:00（日期和时间都要有）。", "starts_at"},
	{"ends_at", "结束时间", true, false, "北京时间，必须晚于开始时间。", "starts_at_end|ends_at"},
	{"venue", "活动地点", false, false, "线下活动必填：写到门牌和房间，方便居民找到。", "地点|venue"},
	{"street", "所在街道/乡镇", false, false, "活动所在的街道或乡镇，用于统计活动范围。",
	 "街道/乡镇|所在街道|所在乡镇|街道|乡镇|street"},
	{"online_url", "线上链接", false, false, "线上活动必填，以 http:// 或 https:// 开头。", "链接|online_url"},
	{"capacity", "人数上限", false, false, "整数；不限人数请留空。", "capacity"},
	{"description", "活动简介", false, false, "最多 5000 字。", "简介|description"},
	{"featured", "有特色的活动", false, false, "是 或 否（空着算否）；“是”将列入总结表的“有特色的活动”。",
	 "特色活动|是否特色活动|featured"},
	{"reported", "主办方报告的参与人数", false, false,
	 "整数，可不填；没有扫码签到和现场清点时，总结表采用此数。", "报告的参与人数|参与人数|reported"},
};

enum { C_TITLE, C_HOST, C_COHOSTS, C_CONTENT, C_SUBJECTS, C_FORMS, C_AUDIENCES, C_MODE, C_STARTS, C_ENDS,
       C_VENUE, C_STREET, C_URL, C_CAPACITY, C_DESCRIPTION, C_FEATURED, C_REPORTED };

/* ---- one row, checked ---- */

static const table_spec spec = {import_columns, N_IMPORT_COLUMNS, IMPORT_MAX_ROWS, IMPORT_MAX_BYTES, "活动"};

static void add_issue(arena *a, import_file *f, long long line, const char *field, const char *msg)
{
	table_issues is = {f->issues, f->nissues, f->issues_total, IMPORT_MAX_ISSUES};
	table_issue_add(a, &is, &spec, f->file_col, line, field, msg);
	f->issues = is.v;
	f->nissues = is.n;
	f->issues_total = is.total;
}

static tags split_tags(arena *a, const char *s)
{
	tags t;
	t.n = table_split(a, s, &t.v);
	return t;
}

/* The row as activity_input, with the import's own checks (times, 是/否) in
 * pre; returns false for the template's example row. */
static bool row_input(arena *a, const import_row *row, bool date1904, activity_input *in, errs *pre)
{
	const import_cell *c = row->cells;
	memset(in, 0, sizeof *in);
	in->title = table_cell_str(a, &c[C_TITLE], false);
	if (!strncmp(str_trim(arena_strdup(a, in->title)), IMPORT_EXAMPLE_MARK, strlen(IMPORT_EXAMPLE_MARK)))
		return false;
	in->host = table_cell_str(a, &c[C_HOST], false);
	in->co_hosts = table_cell_str(a, &c[C_COHOSTS], false);
	in->mode = str_trim(arena_strdup(a, table_cell_str(a, &c[C_MODE], false)));
	in->venue = table_cell_str(a, &c[C_VENUE], false);
	in->street = table_cell_str(a, &c[C_STREET], false);
	in->online_url = table_cell_str(a, &c[C_URL], false);
	in->capacity = table_cell_str(a, &c[C_CAPACITY], false);
	in->description = table_cell_str(a, &c[C_DESCRIPTION], true);
	in->reported = table_cell_str(a, &c[C_REPORTED], false);
	in->content = split_tags(a, table_cell_str(a, &c[C_CONTENT], false));
	in->subjects = split_tags(a, table_cell_str(a, &c[C_SUBJECTS], false));
	in->forms = split_tags(a, table_cell_str(a, &c[C_FORMS], false));
	in->audiences = split_tags(a, table_cell_str(a, &c[C_AUDIENCES], false));
	char *feat = str_trim(arena_strdup(a, table_cell_str(a, &c[C_FEATURED], false)));
	int flag = table_flag(feat);
	in->featured = flag < 0 ? NULL : flag ? "1" : "0";
	if (!in->featured) {
		err_add(pre, "featured", arena_printf(a, "「有特色的活动」只能填“是”或“否”，现在是「%s」。", feat));
		in->featured = "0";
	}
	const char *fields[] = {"starts_at", "ends_at"};
	const char **dst[] = {&in->starts_at, &in->ends_at};
	for (int i = 0; i < 2; i++) {
		const import_cell *cell = &c[i ? C_ENDS : C_STARTS];
		const char *label = activity_field_label(fields[i]);
		bool date_only;
		const char *v = table_cell_empty(cell) ? NULL : table_datetime(a, cell, date1904, &date_only);
		*dst[i] = v;
		if (table_cell_empty(cell))
			continue; /* activity_parse says it must be filled */
		if (!v)
			err_add(pre, fields[i], arena_printf(a, "「%s」「%s」不是有效的时间，应写成 2022-12-02 09:00 的形式。", label,
							     cell->num ? cell->s : str_trim(arena_strdup(a, cell->s))));
		else if (date_only)
			err_add(pre, fields[i], arena_printf(a, "「%s」只有日期（%s），没有几点几分，应写成 2022-12-02 09:00 的形式。", label, v));
	}
	return true;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The import key: the unit and every field as activity_parse normalised it,
 * tags in a fixed order, so the same activity has the same key from a CSV and
 * an XLSX, whatever the spaces, labels or order of values in the cells. */
static void row_key(arena *a, long long unit_id, const activity *x, char out[65])
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	char *head = arena_printf(a, "lw-import-1\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%s\x1f%lld\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%lld\x1f%s\x1f%d\x1f%lld",
				  unit_id, x->title, x->host, x->co_hosts, x->mode, x->starts_at, x->ends_at, x->venue,
				  x->street, x->online_url, x->capacity, x->description, x->featured ? 1 : 0, x->reported);
	crypto_hash_sha256_update(&st, (const unsigned char *)head, strlen(head));
	const tags *all[] = {&x->content, &x->subjects, &x->forms, &x->audiences};
	for (int k = 0; k < 4; k++) {
		const char **v = arena_alloc(a, sizeof *v * (size_t)(all[k]->n + 1));
		memcpy(v, all[k]->v, sizeof *v * (size_t)all[k]->n);
		qsort(v, (size_t)all[k]->n, sizeof *v, cmp_str);
		crypto_hash_sha256_update(&st, (const unsigned char *)"\x1f", 1);
		for (int i = 0; i < all[k]->n; i++) {
			crypto_hash_sha256_update(&st, (const unsigned char *)v[i], strlen(v[i]));
			crypto_hash_sha256_update(&st, (const unsigned char *)"\x1e", 1);
		}
	}
	sha256_final_hex(&st, out);
}

/* Parses one row into x (allocated in scratch); false with issues added when
 * it has errors. */
static bool row_parse(db *d, arena *a, arena *scratch, import_file *f, import_row *row, long long unit_id,
		      long long week_id, activity *x, const char **warning)
{
	activity_input in;
	errs pre = {0}, e = {0};
	if (!row_input(scratch, row, f->date1904, &in, &pre)) {
		row->state = ROW_EXAMPLE;
		return false;
	}
	memset(x, 0, sizeof *x);
	activity_parse(d, scratch, &in, week_id, x, &e, warning);
	x->unit_id = unit_id;
	int first = f->nissues;
	for (int i = 0; i < pre.n; i++)
		add_issue(a, f, row->line, pre.field[i], pre.msg[i]);
	for (int i = 0; i < e.n; i++)
		if (!e.field[i] || !err_for(&pre, e.field[i]))
			add_issue(a, f, row->line, e.field[i], e.msg[i]);
	/* a row's problems left to right, as the person reads the row */
	table_issues is = {f->issues, f->nissues, f->issues_total, IMPORT_MAX_ISSUES};
	table_issues_sort(&is, first);
	if (pre.n || e.n) {
		row->state = ROW_BAD;
		return false;
	}
	return true;
}

/* Keys seen earlier in the file: open addressing on the hash itself. */
typedef struct keyset {
	int *slot;  /* row index + 1; 0 empty */
	size_t mask;
} keyset;

static int keyset_find_or_add(keyset *ks, import_row *rows, int i)
{
	unsigned long long h = strtoull(rows[i].key + 48, NULL, 16);
	for (size_t p = (size_t)h & ks->mask;; p = (p + 1) & ks->mask) {
		if (!ks->slot[p]) {
			ks->slot[p] = i + 1;
			return -1;
		}
		if (!strcmp(rows[ks->slot[p] - 1].key, rows[i].key))
			return ks->slot[p] - 1;
	}
}

void import_read(db *d, arena *a, const char *path, const char *filename, long long unit_id, long long week_id,
		 import_file *f)
{
	memset(f, 0, sizeof *f);
	table_file tf;
	table_read(a, path, filename, &spec, &tf);
	f->status = tf.status;
	f->error = tf.error;
	f->kind = tf.kind;
	f->ignored = tf.ignored;
	f->date1904 = tf.date1904;
	memcpy(f->file_col, tf.file_col, sizeof f->file_col);
	if (f->status)
		return;
	f->rows = arena_alloc(a, sizeof *f->rows * (size_t)(tf.nrows + 1));
	f->nrows = tf.nrows;
	for (int i = 0; i < tf.nrows; i++) {
		memset(&f->rows[i], 0, sizeof f->rows[i]);
		f->rows[i].line = tf.rows[i].line;
		memcpy(f->rows[i].cells, tf.rows[i].cells, sizeof f->rows[i].cells);
	}

	/* every row through activity_parse, one scratch arena per row so that
	 * 10,000 rows cost the memory of their own text only */
	keyset ks = {0};
	size_t cap = 16;
	while (cap < (size_t)f->nrows * 2)
		cap *= 2;
	ks.slot = calloc(cap, sizeof *ks.slot);
	ks.mask = cap - 1;
	for (int i = 0; i < f->nrows; i++) {
		import_row *row = &f->rows[i];
		arena scratch = {0};
		activity x;
		const char *warning = NULL;
		if (row_parse(d, a, &scratch, f, row, unit_id, week_id, &x, &warning)) {
			row_key(&scratch, unit_id, &x, row->key);
			row->title = arena_strdup(a, x.title);
			row->host = arena_strdup(a, x.host);
			row->starts_at = x.starts_at;
			row->ends_at = x.ends_at;
			int first = ks.slot ? keyset_find_or_add(&ks, f->rows, i) : -1;
			if (first >= 0) {
				row->state = ROW_DUP;
				row->dup_of = f->rows[first].line;
			} else if (db_exists(d, "SELECT 1 FROM activities WHERE unit_id = ?1 AND import_key = ?2", "It", unit_id,
					     row->key)) {
				row->state = ROW_SEEN;
			} else {
				row->state = ROW_NEW;
				long long same = db_int(d, 0, "SELECT id FROM activities WHERE week_id = ?1 AND unit_id = ?2"
							      " AND starts_at = ?3 AND title = ?4 LIMIT 1",
							"IIIt", week_id, unit_id, x.starts_at, x.title);
				if (warning)
					row->warning = "活动时间不在本届活动周之内，请确认时间是否正确。";
				if (same)
					row->warning = arena_printf(a, "%s本单位已有同名、同一开始时间的活动；导入后会有两条。"
								       "如果是要修改原来的活动，请在系统中直接编辑它。",
								    row->warning ? row->warning : "");
			}
		}
		arena_free(&scratch);
		switch (row->state) {
		case ROW_NEW: f->n_new++; break;
		case ROW_SEEN: f->n_seen++; break;
		case ROW_DUP: f->n_dup++; break;
		case ROW_EXAMPLE: f->n_example++; break;
		default: f->n_bad++; break;
		}
		if (row->warning)
			f->n_warn++;
	}
	free(ks.slot);
}

/* ---- the pending import and its confirmation ---- */

long long import_create(db *d, arena *a, const actor *who, import_rec *rec, long long size, const char *mime)
{
	if (db_begin(d) < 0)
		return 0;
	int rc = file_record(d, rec->sha256, size, mime ? mime : "application/octet-stream", who->now);
	if (rc == 0)
		rc = db_exec(d, "INSERT INTO imports(unit_id, week_id, account_id, sha256, filename, rows_total, rows_new, created_at)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", "IIIttIII", rec->unit_id, rec->week_id, who->account_id,
			     rec->sha256, rec->filename, rec->rows_total, rec->rows_new, who->now);
	long long id = tx_end_insert(d, a, who, rc, rec->unit_id, "upload", "import", rec->filename,
				     "SELECT unit_id, week_id, sha256, filename, rows_total, rows_new FROM imports WHERE id = ?1");
	if (id)
		rec->id = id;
	return id;
}

bool import_load(db *d, arena *a, long long id, import_rec *rec)
{
	stmt st;
	if (db_prep(d, &st, "SELECT id, unit_id, week_id, account_id, rows_total, rows_new, created_at, sha256, filename, status"
			    " FROM imports WHERE id = ?1", "I", id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok) {
		rec->id = col_int(&st, 0);
		rec->unit_id = col_int(&st, 1);
		rec->week_id = col_int(&st, 2);
		rec->account_id = col_int(&st, 3);
		rec->rows_total = col_int(&st, 4);
		rec->rows_new = col_int(&st, 5);
		rec->created_at = col_int(&st, 6);
		rec->sha256 = col_dup(&st, a, 7);
		rec->filename = col_dup(&st, a, 8);
		rec->status = col_dup(&st, a, 9);
	}
	stmt_done(&st);
	return ok;
}

long long import_commit(db *d, arena *a, const actor *who, const import_rec *rec, import_file *f, const char *status,
			long long *skipped)
{
	*skipped = 0;
	if (f->status || f->n_bad)
		return -3;
	if (db_begin(d) < 0)
		return -1;
	if (db_exec(d, "UPDATE imports SET status = 'done' WHERE id = ?1 AND status = 'pending'", "I", rec->id) < 0) {
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
		import_row *row = &f->rows[i];
		if (row->state != ROW_NEW) {
			if (row->state != ROW_EXAMPLE)
				(*skipped)++;
			continue;
		}
		arena scratch = {0};
		activity x;
		const char *warning;
		import_file tmp = *f; /* row_parse reports into a copy: the rows were checked already */
		tmp.issues = NULL;
		tmp.nissues = 0;
		if (!row_parse(d, &scratch, &scratch, &tmp, row, rec->unit_id, rec->week_id, &x, &warning)) {
			rc = -1;
		} else if (db_exists(d, "SELECT 1 FROM activities WHERE unit_id = ?1 AND import_key = ?2", "It", rec->unit_id,
				     row->key)) {
			(*skipped)++; /* written by another import since the preview */
		} else {
			x.status = (char *)status;
			rc = activity_save_tx(d, &scratch, who, &x);
			if (rc == 0)
				rc = db_exec(d, "UPDATE activities SET import_key = ?1 WHERE id = ?2", "tI", row->key, x.id);
			if (rc == 0)
				written++;
		}
		arena_free(&scratch);
	}
	if (rc == 0)
		rc = db_exec(d, "UPDATE imports SET rows_new = ?1 WHERE id = ?2", "II", written, rec->id);
	if (rc == 0)
		rc = audit(d, who, rec->unit_id, "import", "import", rec->id,
			   arena_printf(a, "导入 %lld 项活动（%s），跳过 %lld 行", written, rec->filename, *skipped), NULL,
			   row_json(d, a, "SELECT unit_id, week_id, sha256, filename, rows_total, rows_new, status FROM imports WHERE id = ?1",
				    rec->id));
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return written;
}

int import_discard(db *d, arena *a, const actor *who, const import_rec *rec)
{
	(void)a;
	return update_one_audited(d, who, "UPDATE imports SET status = 'discarded' WHERE id = ?1 AND status = 'pending'", rec->id,
				  rec->unit_id, "discard", "import", rec->filename);
}
