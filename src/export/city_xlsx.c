/* city_xlsx.c: what goes in each sheet of the city workbook and in which
 * column; out/xlsx_book.c lays it out. */
#include "export/city_xlsx.h"
#include "out/xlsx_book.h"
#include "domain/cityform.h"
#include "domain/stats.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <string.h>

#define PROGRESS_EVERY 2000

typedef struct book {
	xlsx_book *x;
	const progress *pg;
	const char *step;
	long long done, total;
	int form_rows;          /* the week's form: one column a row */
	xcell *cells;           /* a unit's line, N_UNIT_HEAD + form_rows + 1 */
} book;

static int line(book *k, const xcell *cells, int n)
{
	int rc = xlsx_book_row(k->x, cells, n);
	if (++k->done % PROGRESS_EVERY == 0)
		progress_say(k->pg, k->step, k->done, k->total);
	return rc;
}

/* ---- 各单位总结表 ---- */

static const xlsx_col unit_head[] = {{"单位", 16}, {"状态", 14}, {"版本", 6}, {"提交时间", 17}, {"逾期", 6}};
#define N_UNIT_HEAD (int)(sizeof unit_head / sizeof *unit_head)

static int unit_line(void *ctx, const unit_form_row *r)
{
	book *k = ctx;
	/* after the fields: 修改说明, the reasons for changed figures as the form's 说明 */
	int ncols = N_UNIT_HEAD + k->form_rows + 1;
	xcell *c = k->cells, head[N_UNIT_HEAD] = {XTEXT(r->unit), XTEXT(r->status), r->version ? XNUM(r->version) : XEMPTY,
						  XTIME(r->submitted_at), XTEXT(r->late ? "是" : "")};
	memcpy(c, head, sizeof head);
	for (int i = 0; i < k->form_rows; i++)
		c[N_UNIT_HEAD + i] = XWRAP(r->values[i]);
	c[ncols - 1] = XWRAP(r->reasons ? r->reasons : "");
	return line(ctx, c, ncols);
}

static int unit_sheet(book *k, db *d, long long week_id)
{
	/* the week's rows, each a column headed by its label */
	arena a = {0};
	const week_form *form = week_form_load(d, &a, week_id);
	int ncols = N_UNIT_HEAD + form->n + 1;
	xlsx_col *cols = arena_alloc(&a, sizeof *cols * (size_t)ncols);
	memcpy(cols, unit_head, sizeof unit_head);
	for (int i = 0; i < form->n; i++) {
		int w = form->row[i].max_chars / 8;
		cols[N_UNIT_HEAD + i] = (xlsx_col){form->row[i].label, w < 14 ? 14 : w > 60 ? 60 : w};
	}
	cols[ncols - 1] = (xlsx_col){"修改说明", 40};
	k->step = "各单位总结表";
	k->form_rows = form->n;
	k->cells = arena_alloc(&a, sizeof *k->cells * (size_t)ncols);
	int rc = xlsx_book_sheet(k->x, k->step, cols, ncols, 1) < 0 ? -1
		 : cityform_unit_rows(d, week_id, k->pg, k->done, k->total, unit_line, k) < 0 ? -1 : 0;
	k->cells = NULL;
	arena_free(&a);
	return rc;
}

/* ---- 活动 ---- */

static const xlsx_col act_head[] = {
	{"编号", 9}, {"单位", 14}, {"活动名称", 36}, {"主办单位", 24}, {"协办单位", 20}, {"线上/线下", 10},
	{"开始时间", 17}, {"结束时间", 17}, {"活动地点", 24}, {"街道/乡镇", 14}, {"线上链接", 28}, {"活动内容", 28},
	{"学习主题", 18}, {"活动形式", 14}, {"参与对象", 20}, {"有特色", 7}, {"状态", 8}, {"扫码签到", 9},
	{"现场清点", 9}, {"主办方报告", 10}, {"计入人次", 9}, {"评价数", 8}, {"满意数", 8},
};
#define N_ACT_HEAD (int)(sizeof act_head / sizeof *act_head)

static int act_line(void *ctx, const activity_row *r)
{
	xcell c[N_ACT_HEAD] = {
		XNUM(r->id), XTEXT(r->unit), XTEXT(r->title), XTEXT(r->host), XTEXT(r->co_hosts), XTEXT(r->mode),
		XTIME(r->starts_at), XTIME(r->ends_at), XTEXT(r->venue), XTEXT(r->street), XTEXT(r->online_url),
		XTEXT(r->content), XTEXT(r->subjects), XTEXT(r->forms), XTEXT(r->audiences), XTEXT(r->featured ? "是" : ""),
		XTEXT(r->status), XNUM(r->checked_in), XNUM(r->counted), r->reported >= 0 ? XNUM(r->reported) : XEMPTY,
		XNUM(r->participants), XNUM(r->ratings), XNUM(r->satisfied),
	};
	return line(ctx, c, N_ACT_HEAD);
}

/* ---- 评价 ---- */

static const xlsx_col rating_head[] = {
	{"活动编号", 9}, {"单位", 14}, {"活动名称", 36}, {"满意", 8}, {"基本满意", 9}, {"不满意", 8}, {"评价总数", 9}, {"满意度", 8},
	{"满意率", 8},
};
#define N_RATING_HEAD (int)(sizeof rating_head / sizeof *rating_head)

static int rating_line(void *ctx, const rating_row *r)
{
	xcell c[N_RATING_HEAD] = {
		XNUM(r->activity_id), XTEXT(r->unit), XTEXT(r->title), XNUM(r->satisfied), XNUM(r->basic), XNUM(r->unsatisfied),
		XNUM(r->total),
		/* 满意度 counts 满意 and 基本满意, 满意率 满意 only, as the offices do */
		r->total ? XPCT((double)(r->satisfied + r->basic) / (double)r->total) : XEMPTY,
		r->total ? XPCT((double)r->satisfied / (double)r->total) : XEMPTY,
	};
	return line(ctx, c, N_RATING_HEAD);
}

/* ---- 宣传报道 ---- */

static const xlsx_col pub_head[] = {
	{"单位", 14}, {"宣传渠道", 14}, {"报道类型", 12}, {"标题", 40}, {"媒体/平台", 18}, {"发布日期", 12}, {"链接", 36}, {"关联活动", 30},
};
#define N_PUB_HEAD (int)(sizeof pub_head / sizeof *pub_head)

static int pub_line(void *ctx, const publicity_row *r)
{
	xcell c[N_PUB_HEAD] = {XTEXT(r->unit), XTEXT(r->channel), XTEXT(r->kind), XTEXT(r->title),
			       XTEXT(r->outlet), XTEXT(r->published_on), XTEXT(r->url), XTEXT(r->activity)};
	return line(ctx, c, N_PUB_HEAD);
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
	xlsx_props props = {.title = arena_printf(&a, "%s：各单位总结表、活动、评价和宣传报道", wk.title), .subject = wk.title,
			    .author = root.name, .comments = "由全民终身学习活动周信息平台导出", .created = now_utc(),
			    .zip64 = nact > 800000, .tmpdir = tmpdir};
	book k = {.pg = pg, .total = nunits + nact + nrated + npub + 1};
	if (!(k.x = xlsx_book_open(out_path, &props, err, errlen))) {
		arena_free(&a);
		return -1;
	}
	int rc = unit_sheet(&k, d, week_id);
	k.step = "活动";
	if (rc == 0 && (rc = xlsx_book_sheet(k.x, k.step, act_head, N_ACT_HEAD, 3)) == 0)
		rc = stats_each_activity(d, week_id, act_line, &k);
	k.step = "评价";
	if (rc == 0 && (rc = xlsx_book_sheet(k.x, k.step, rating_head, N_RATING_HEAD, 3)) == 0)
		rc = stats_each_rating(d, week_id, rating_line, &k);
	k.step = "宣传报道";
	if (rc == 0 && (rc = xlsx_book_sheet(k.x, k.step, pub_head, N_PUB_HEAD, 1)) == 0)
		rc = stats_each_publicity(d, week_id, pub_line, &k);
	/* the sheets are compressed into the file at close: at a million rows
	 * this is the longest step, with nothing to count */
	if (rc == 0)
		progress_say(pg, "压缩保存", k.total - 1, k.total);
	rc = xlsx_book_close(k.x, rc != 0, err, errlen);
	if (rc == 0)
		progress_say(pg, "完成", k.total, k.total);
	arena_free(&a);
	return rc;
}
