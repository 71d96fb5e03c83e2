/* city_xlsx.c: the city workbook. Sheets are added one after another and
 * each is written top to bottom, as constant-memory mode requires; a sheet of
 * activities that would pass Excel's 1,048,576 rows goes on in 活动（续2）. */
#include "city_xlsx.h"
#include "cells.h"
#include "domain/cityform.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define PROGRESS_EVERY 2000

typedef struct book {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *wrap, *when, *pct;
	lxw_row_t row;
	const progress *pg;
	const char *step;
	long long done, total;
	lxw_error err;
	int part;               /* sheets of activities so far */
	char *cut;              /* a text cut to fit a cell, while it is written */
} book;

typedef struct column {
	const char *head;
	double width;
} column;

static void keep_err(book *k, lxw_error e)
{
	if (e && !k->err)
		k->err = e;
}

/* A new sheet with its header row, widths and frozen panes; rows follow. */
static bool sheet(book *k, const char *name, const column *cols, int ncols, lxw_col_t freeze_cols)
{
	k->ws = workbook_add_worksheet(k->wb, name);
	if (!k->ws) {
		keep_err(k, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return false;
	}
	for (int c = 0; c < ncols; c++)
		keep_err(k, worksheet_set_column(k->ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width, NULL));
	worksheet_freeze_panes(k->ws, 1, freeze_cols);
	for (int c = 0; c < ncols; c++)
		keep_err(k, xlsx_text(k->ws, 0, (lxw_col_t)c, cols[c].head, k->head));
	k->row = 1;
	return true;
}

static int tick(book *k)
{
	k->row++;
	if (++k->done % PROGRESS_EVERY == 0)
		progress_say(k->pg, k->step, k->done, k->total);
	return k->err ? -1 : 0;
}

/* A cell holds at most 32,767 characters: a longer text (the featured
 * activities of a unit with thousands) is cut there, and says so. */
#define CELL_MAX_CHARS 32000
static const char *fit(book *k, const char *s)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > CELL_MAX_CHARS)
			break;
	if (!s[i])
		return s;
	static const char more[] = "……（超出 Excel 单元格的长度，以下从略）";
	k->cut = malloc(i + sizeof more); /* freed by cell() once written */
	if (!k->cut)
		return "";
	memcpy(k->cut, s, i);
	memcpy(k->cut + i, more, sizeof more);
	return k->cut;
}

static void cell(book *k, lxw_col_t c, const char *s, lxw_format *f)
{
	keep_err(k, xlsx_text(k->ws, k->row, c, fit(k, s), f));
	free(k->cut);
	k->cut = NULL;
}

static void text(book *k, lxw_col_t c, const char *s)
{
	cell(k, c, s, NULL);
}

static void number(book *k, lxw_col_t c, double v, lxw_format *f)
{
	keep_err(k, worksheet_write_number(k->ws, k->row, c, v, f));
}

/* An instant as an Excel date-time, in Beijing time. */
static void when(book *k, lxw_col_t c, long long utc)
{
	if (utc > 0)
		number(k, c, (double)(utc + SHANGHAI_OFFSET) / 86400.0 + 25569.0, k->when);
}

/* ---- 各单位总结表 ---- */

static const column unit_head[] = {{"单位", 16}, {"状态", 14}, {"版本", 6}, {"提交时间", 17}, {"逾期", 6}};
#define N_UNIT_HEAD (int)(sizeof unit_head / sizeof *unit_head)

static int unit_line(void *ctx, const unit_form_row *r)
{
	book *k = ctx;
	text(k, 0, r->unit);
	text(k, 1, r->status);
	if (r->version)
		number(k, 2, (double)r->version, NULL);
	when(k, 3, r->submitted_at);
	text(k, 4, r->late ? "是" : "");
	for (int i = 0; i < N_FORM_FIELDS; i++)
		cell(k, (lxw_col_t)(N_UNIT_HEAD + i), r->values[i], k->wrap);
	return tick(k);
}

static int unit_sheet(book *k, db *d, long long week_id)
{
	column cols[N_UNIT_HEAD + N_FORM_FIELDS];
	memcpy(cols, unit_head, sizeof unit_head);
	for (int i = 0; i < N_FORM_FIELDS; i++) {
		int w = form_fields[i].max_chars / 8;
		cols[N_UNIT_HEAD + i] = (column){form_fields[i].label, w < 14 ? 14 : w > 60 ? 60 : w};
	}
	k->step = "各单位总结表";
	if (!sheet(k, k->step, cols, N_UNIT_HEAD + N_FORM_FIELDS, 1))
		return -1;
	return cityform_unit_rows(d, week_id, k->pg, k->done, k->total, unit_line, k) < 0 ? -1 : 0;
}

/* ---- 活动 ---- */

static const column act_head[] = {
	{"编号", 9}, {"单位", 14}, {"活动名称", 36}, {"主办单位", 24}, {"协办单位", 20}, {"线上/线下", 10},
	{"开始时间", 17}, {"结束时间", 17}, {"活动地点", 24}, {"街道/乡镇", 14}, {"线上链接", 28}, {"活动内容", 28},
	{"学习主题", 18}, {"活动形式", 14}, {"参与对象", 20}, {"有特色", 7}, {"状态", 8}, {"扫码签到", 9},
	{"现场清点", 9}, {"主办方报告", 10}, {"计入人次", 9}, {"评价数", 8}, {"满意数", 8},
};
#define N_ACT_HEAD (int)(sizeof act_head / sizeof *act_head)

static bool act_sheet(book *k)
{
	k->part++;
	char name[64];
	if (k->part == 1)
		snprintf(name, sizeof name, "活动");
	else
		snprintf(name, sizeof name, "活动（续%d）", k->part);
	return sheet(k, name, act_head, N_ACT_HEAD, 3);
}

static int act_line(void *ctx, const activity_row *r)
{
	book *k = ctx;
	if (k->row >= LXW_ROW_MAX && !act_sheet(k))
		return -1;
	number(k, 0, (double)r->id, NULL);
	text(k, 1, r->unit);
	text(k, 2, r->title);
	text(k, 3, r->host);
	text(k, 4, r->co_hosts);
	text(k, 5, r->mode);
	when(k, 6, r->starts_at);
	when(k, 7, r->ends_at);
	text(k, 8, r->venue);
	text(k, 9, r->street);
	text(k, 10, r->online_url);
	text(k, 11, r->content);
	text(k, 12, r->subjects);
	text(k, 13, r->forms);
	text(k, 14, r->audiences);
	text(k, 15, r->featured ? "是" : "");
	text(k, 16, r->status);
	number(k, 17, (double)r->checked_in, NULL);
	number(k, 18, (double)r->counted, NULL);
	if (r->reported >= 0)
		number(k, 19, (double)r->reported, NULL);
	number(k, 20, (double)r->participants, NULL);
	number(k, 21, (double)r->ratings, NULL);
	number(k, 22, (double)r->satisfied, NULL);
	return tick(k);
}

/* ---- 评价 ---- */

static const column rating_head[] = {
	{"活动编号", 9}, {"单位", 14}, {"活动名称", 36}, {"满意", 8}, {"基本满意", 9}, {"不满意", 8}, {"评价总数", 9}, {"满意度", 8}, {"满意率", 8},
};

static int rating_line(void *ctx, const rating_row *r)
{
	book *k = ctx;
	number(k, 0, (double)r->activity_id, NULL);
	text(k, 1, r->unit);
	text(k, 2, r->title);
	number(k, 3, (double)r->satisfied, NULL);
	number(k, 4, (double)r->basic, NULL);
	number(k, 5, (double)r->unsatisfied, NULL);
	number(k, 6, (double)r->total, NULL);
	if (r->total) { /* 满意度 counts 满意 and 基本满意, 满意率 满意 only, as the offices do */
		number(k, 7, (double)(r->satisfied + r->basic) / (double)r->total, k->pct);
		number(k, 8, (double)r->satisfied / (double)r->total, k->pct);
	}
	return tick(k);
}

/* ---- 宣传报道 ---- */

static const column pub_head[] = {
	{"单位", 14}, {"宣传渠道", 14}, {"报道类型", 12}, {"标题", 40}, {"媒体/平台", 18}, {"发布日期", 12}, {"链接", 36}, {"关联活动", 30},
};

static int pub_line(void *ctx, const publicity_row *r)
{
	book *k = ctx;
	const char *v[] = {r->unit, r->channel, r->kind, r->title, r->outlet, r->published_on, r->url, r->activity};
	for (int c = 0; c < (int)(sizeof v / sizeof *v); c++)
		text(k, (lxw_col_t)c, v[c]);
	return tick(k);
}

int city_xlsx_write(db *d, long long week_id, const char *tmpdir, const char *out_path, const progress *pg,
		    char *err, size_t errlen)
{
	arena a = {0};
	week wk;
	unit root;
	if (!week_load(d, &a, week_id, &wk) || !unit_load(d, &a, unit_root(d), &root)) {
		snprintf(err, errlen, "找不到这届活动周。");
		arena_free(&a);
		return -1;
	}
	long long nact, nrated, npub;
	stats_export_size(d, week_id, &nact, &nrated, &npub);
	unit *units;
	long long nunits = stats_units(d, &a, week_id, &units) + 1;
	/* ZIP64 once a sheet may pass 4 GB of XML: about a million rows of activities */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir,
				    .use_zip64 = nact > 800000 ? LXW_TRUE : LXW_FALSE};
	book k = {.pg = pg, .total = nunits + nact + nrated + npub + 1};
	k.wb = workbook_new_opt(out_path, &opt);
	if (!k.wb) {
		snprintf(err, errlen, "无法创建工作簿 %s", out_path);
		arena_free(&a);
		return -1;
	}
	char *title = arena_printf(&a, "%s：各单位总结表、活动、评价和宣传报道", wk.title);
	lxw_doc_properties props = {.title = title, .subject = wk.title, .author = root.name, .company = root.name,
				    .comments = "由全民终身学习活动周信息平台导出", .created = (time_t)now_utc()};
	workbook_set_properties(k.wb, &props);
	k.head = workbook_add_format(k.wb);
	format_set_bold(k.head);
	format_set_bg_color(k.head, 0xF5F2ED);
	format_set_bottom(k.head, LXW_BORDER_THIN);
	format_set_text_wrap(k.head);
	format_set_align(k.head, LXW_ALIGN_VERTICAL_TOP);
	k.wrap = workbook_add_format(k.wb);
	format_set_text_wrap(k.wrap);
	format_set_align(k.wrap, LXW_ALIGN_VERTICAL_TOP);
	k.when = workbook_add_format(k.wb);
	format_set_num_format(k.when, "yyyy-mm-dd hh:mm");
	k.pct = workbook_add_format(k.wb);
	format_set_num_format(k.pct, "0%");

	int rc = unit_sheet(&k, d, week_id);
	k.step = "活动";
	if (rc == 0 && act_sheet(&k))
		rc = stats_each_activity(d, week_id, act_line, &k);
	k.step = "评价";
	if (rc == 0 && sheet(&k, k.step, rating_head, (int)(sizeof rating_head / sizeof *rating_head), 3))
		rc = stats_each_rating(d, week_id, rating_line, &k);
	k.step = "宣传报道";
	if (rc == 0 && sheet(&k, k.step, pub_head, (int)(sizeof pub_head / sizeof *pub_head), 1))
		rc = stats_each_publicity(d, week_id, pub_line, &k);
	if (rc == 0 && k.err)
		rc = -1;
	if (rc < 0) {
		snprintf(err, errlen, "写工作簿失败：%s", k.err ? lxw_strerror(k.err) : "读取数据出错");
		workbook_close(k.wb); /* frees it; the caller removes the file */
		arena_free(&a);
		return -1;
	}
	/* the sheets are compressed into the file here: at a million rows this
	 * is the longest step, with nothing to count */
	progress_say(pg, "压缩保存", k.total - 1, k.total);
	lxw_error e = workbook_close(k.wb);
	if (e) {
		snprintf(err, errlen, "保存工作簿失败（磁盘可能已满）：%s", lxw_strerror(e));
		arena_free(&a);
		return -1;
	}
	progress_say(pg, "完成", k.total, k.total);
	arena_free(&a);
	return 0;
}
