/* import.c: activity lists from .xlsx and .csv, through the bulk-import
 * pipeline (bulk.h): every row checked with activity_parse, the new rows
 * written in one transaction. */
#include "core/hash.h"
#include "import.h"
#include "bulk.h"
#include "textindex.h"
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
	 "本届活动内容中的一项或多项：写序号或名称（见「可选值」表），多项用顿号（、）分隔。", "content"},
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
	{"off_week", "周外活动", false, false,
	 "是 或 否（空着算否）。活动时间不在本届活动周（及“活动可延至”日期）之内的，填“是”：照常导入并显示在日历上，"
	 "但不计入总结表和统计；不填则这一行不能导入。", "是否周外活动|off_week"},
};

enum { C_TITLE, C_HOST, C_COHOSTS, C_CONTENT, C_SUBJECTS, C_FORMS, C_AUDIENCES, C_MODE, C_STARTS, C_ENDS,
       C_VENUE, C_STREET, C_URL, C_CAPACITY, C_DESCRIPTION, C_FEATURED, C_REPORTED, C_OFF_WEEK };

/* ---- one row, checked ---- */

static const table_spec table = {import_columns, N_IMPORT_COLUMNS, IMPORT_MAX_ROWS, IMPORT_MAX_BYTES, "活动"};
const bulk_spec import_bulk = {
	&table, "活动", IMPORT_EXAMPLE_MARK, "SELECT 1 FROM activities WHERE unit_id = ?1 AND import_key = ?2", "imports", "import",
	IMPORT_MAX_ISSUES, import_read, import_commit,
};

static tags split_tags(arena *a, const char *s)
{
	tags t;
	t.n = table_split(a, s, &t.v);
	return t;
}

/* The row as activity_input, with the import's own checks (times, 是/否) in pre. */
static void row_input(arena *a, const table_row *row, bool date1904, activity_input *in, errs *pre)
{
	const table_cell *c = row->cells;
	memset(in, 0, sizeof *in);
	in->title = table_cell_str(a, &c[C_TITLE], false);
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
	/* the 是/否 columns */
	const int flag_cols[] = {C_FEATURED, C_OFF_WEEK};
	const char **flag_dst[] = {&in->featured, &in->off_week};
	for (int i = 0; i < 2; i++) {
		const char *field = import_columns[flag_cols[i]].field;
		char *v = str_trim(arena_strdup(a, table_cell_str(a, &c[flag_cols[i]], false)));
		int flag = table_flag(v);
		*flag_dst[i] = flag < 0 ? NULL : flag ? "1" : "0";
		if (!*flag_dst[i]) {
			err_add(pre, field, arena_printf(a, "「%s」只能填“是”或“否”，现在是「%s」。", activity_field_label(field), v));
			*flag_dst[i] = "0";
		}
	}
	const char *fields[] = {"starts_at", "ends_at"};
	const char **dst[] = {&in->starts_at, &in->ends_at};
	for (int i = 0; i < 2; i++) {
		const table_cell *cell = &c[i ? C_ENDS : C_STARTS];
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

/* The pipeline's view of an activity import: the file, and the record of
 * the row parsed last. */
typedef struct rows_ctx {
	bulk_file *f;
	long long unit_id, week_id;
	activity x;
	const char *warning;
	arena *a;              /* the import's, for what outlives a row */
	week_lists lists;      /* the week's, read for the first row */
	week week;             /* the week, read then too (have_week) */
	bool have_lists, have_week;
	/* at confirmation */
	const actor *who;
	const char *status;
	activity_batch *batch;  /* the rows written a batch at a time */
} rows_ctx;

static void parse(void *ctx, db *d, arena *scratch, int i, errs *pre, errs *e, char key[65])
{
	rows_ctx *c = ctx;
	activity_input in;
	row_input(scratch, &c->f->table.rows[i], c->f->table.date1904, &in, pre);
	if (!c->have_lists) {
		c->lists = week_lists_load(d, c->a, c->week_id);
		c->have_lists = true;
		c->have_week = week_load(d, c->a, c->week_id, &c->week);
	}
	in.lists = &c->lists;
	in.week = c->have_week ? &c->week : NULL;
	memset(&c->x, 0, sizeof c->x);
	c->warning = NULL;
	activity_parse(d, scratch, &in, c->week_id, &c->x, e, &c->warning);
	c->x.unit_id = c->unit_id;
	if (!pre->n && !e->n)
		row_key(scratch, c->unit_id, &c->x, key);
}

static void result(void *ctx, db *d, arena *a, bulk_row *row)
{
	rows_ctx *c = ctx;
	row->title = arena_strdup(a, c->x.title);
	row->text[0] = arena_strdup(a, c->x.host);
	row->starts_at = c->x.starts_at;
	row->ends_at = c->x.ends_at;
	if (row->state != BULK_NEW)
		return;
	long long same = db_int(d, 0, "SELECT id FROM activities WHERE week_id = ?1 AND unit_id = ?2"
				      " AND starts_at = ?3 AND title = ?4 LIMIT 1",
				"IIIt", c->week_id, c->unit_id, c->x.starts_at, c->x.title);
	if (c->warning) /* a 周外活动: kept, counted nowhere */
		row->warning = arena_strdup(a, c->warning);
	if (same)
		row->warning = arena_printf(a, "%s本单位已有同名、同一开始时间的活动；导入后会有两条。"
					       "如果是要修改原来的活动，请在系统中直接编辑它。",
					    row->warning ? row->warning : "");
}

static int save(void *ctx, db *d, arena *scratch, int i, const char *key)
{
	(void)i, (void)scratch;
	rows_ctx *c = ctx;
	c->x.status = (char *)c->status;
	return activity_batch_add(d, c->who, c->batch, &c->x, key);
}

/* The rows still waiting written, then the text index fed once for them all
 * (each row written queued itself). */
static int finish(void *ctx, db *d)
{
	rows_ctx *c = ctx;
	long long indexed = 0;
	int rc = activity_batch_flush(d, c->who, c->batch);
	return rc == 0 ? text_index_drain_tx(d, &indexed) : rc;
}

void import_read(db *d, arena *a, const char *path, const char *filename, long long unit_id, long long week_id, bulk_file *f)
{
	rows_ctx c = {.f = f, .unit_id = unit_id, .week_id = week_id, .a = a};
	bulk_rows r = {parse, result, save, &c, NULL};
	bulk_read(d, a, &import_bulk, unit_id, path, filename, &r, f);
}

long long import_commit(db *d, arena *a, const actor *who, const bulk_pending *p, bulk_file *f, const char *status,
			long long *skipped)
{
	rows_ctx c = {.f = f, .unit_id = p->unit_id, .week_id = p->week_id, .who = who, .status = status, .a = a,
		      .batch = activity_batch_new(a)};
	bulk_rows r = {parse, NULL, save, &c, finish};
	long long n = bulk_commit(d, a, &import_bulk, who, p, f, &r, skipped);
	activity_batch_free(c.batch);
	return n;
}
