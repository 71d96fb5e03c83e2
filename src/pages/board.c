/* board.c: the centre's status board (every reporting unit of a week: status,
 * what is missing, figures, last change; sorted and filtered by plain links,
 * so it works without JavaScript) and the units that have not submitted, each
 * with a reminder text to copy. */
#include "pages/pages.h"
#include "domain/board.h"
#include "core/embed.h"
#include "core/timefmt.h"
#include <stdlib.h>
#include <string.h>

/* The week of ?week=, else the current one; fails the page when there is none. */
static bool board_week(req *r, resp *w, week *wk)
{
	long long id = param_int(r, "week", 0);
	if (id ? !week_load(r->db, r->a, id, wk) : !week_current(r->db, r->a, r->user.unit_id, r->now, wk)) {
		if (id)
			fail(r, w, 404, "找不到这届活动周（编号 %D）。请从“活动周”页面选择。", id);
		else
			fail(r, w, 404, "还没有活动周。请先在“活动周”页面新建一届活动周。");
		return false;
	}
	return true;
}

static void deadline_countdown(req *r, html *b, const week *wk)
{
	H(b, "<p class=\"deadline\" data-deadline=\"%D\" data-now=\"%D\">报送截止：<strong>%s</strong>（北京时间），"
	     "<strong class=\"countdown%s\">%s</strong></p>",
	  wk->deadline_at, r->now, datetime_cn(r->a, wk->deadline_at), r->now >= wk->deadline_at ? " late" : "",
	  time_left_text(r->a, wk->deadline_at, r->now));
}

/* the page's own script: countdown and copy buttons (progressive enhancement) */
static void board_script(html *b)
{
	const embedded_file *f = embedded_find("static/board.js");
	H(b, "<script src=\"/static/board.js?v=%u\" defer></script>", f ? f->etag : "");
}

/* ---- the board ---- */

static const struct column {
	const char *key, *label;
	bool numeric;   /* larger first on the first click */
} columns[] = {
	{"unit", "单位", false}, {"status", "状态", false}, {"missing", "尚缺材料", true},
	{"activities", "已发布活动", true}, {"participants", "参与人次", true}, {"ratings", "评价数", true},
	{"updated", "最近更新", true}, {"submitted", "提交时间", true},
};
#define NCOLUMNS (int)(sizeof columns / sizeof *columns)

typedef struct sorter {
	const board_row *rows;
	int column;
	bool desc;
} sorter;

static long long sort_value(const board_row *x, int column)
{
	switch (column) {
	case 1: return x->state * 2 + x->overdue;
	case 2: return x->nmissing;
	case 3: return x->activities;
	case 4: return x->participants;
	case 5: return x->ratings;
	case 6: return x->last_change;
	case 7: return x->submitted_at;
	default: return 0;
	}
}

static int by_column(const void *pa, const void *pb, void *ctx)
{
	const sorter *s = ctx;
	int i = *(const int *)pa, j = *(const int *)pb;
	long long x = sort_value(&s->rows[i], s->column), y = sort_value(&s->rows[j], s->column);
	if (x != y)
		return (x < y ? -1 : 1) * (s->desc ? -1 : 1);
	/* ties, and the unit column: the display order of the units */
	return (i < j ? -1 : 1) * (s->column == 0 && s->desc ? -1 : 1);
}

/* The filters: a state key, "overdue", "pending" (not submitted) or all. */
static bool row_shown(const board_row *x, const char *filter)
{
	board_state st;
	if (!*filter)
		return true;
	if (!strcmp(filter, "overdue"))
		return x->overdue;
	if (!strcmp(filter, "pending"))
		return board_pending(x);
	return board_state_parse(filter, &st) && x->state == st;
}

static bool filter_known(const char *filter)
{
	board_state st;
	return !*filter || !strcmp(filter, "overdue") || !strcmp(filter, "pending") || board_state_parse(filter, &st);
}

/* Drill-down from a row: a child that runs its own week (a city under a
 * province) to that week's board and statistics, for any organiser above it
 * (RF_OWN_WEEK); a reporting unit to its activities in the week. */
static void drill_down(req *r, html *b, const week *wk, long long unit_id)
{
	long long below = week_by_year(r->db, unit_id, wk->year);
	if (below && is_organiser(r))
		H(b, " <a href=\"/admin/board?week=%D\">下级报送进度</a> <a href=\"/admin/stats?week=%D\">下级统计</a>", below, below);
	else if (!below)
		H(b, " <a href=\"/units/%D/activities?week=%D\">活动</a>", unit_id, wk->id);
}

/* /admin/board with these parameters, empty ones left out; escaped for an attribute. */
static void board_href(html *b, long long week_id, const char *status, const char *sort, const char *dir)
{
	H(b, "/admin/board?week=%D", week_id);
	if (*status)
		H(b, "&amp;status=%u", status);
	if (*sort)
		H(b, "&amp;sort=%u&amp;dir=%u", sort, dir);
}

static void state_badge(html *b, const board_row *x)
{
	H(b, "<span class=\"badge state-%s\">%s</span>", board_state_key(x->state), board_state_label(x->state));
	if (x->overdue)
		html(b, " <span class=\"badge late\">逾期</span>");
}

static void missing_cell(html *b, const board_row *x)
{
	if (!board_pending(x)) {
		if (x->nchanged) {
			H(b, "<strong class=\"late\">提交后记录有变动</strong>（%d 栏）<details class=\"missing-all\"><summary>逐栏对比（报送时 → 现在）"
			     "</summary>", x->nchanged);
			field_diff_html(NULL, b, x->changes, x->nchanged);
			html(b, "</details>");
		} else {
			html(b, "<span class=\"muted\">—</span>");
		}
		return;
	}
	if (!x->nmissing) {
		html(b, "材料已齐，待提交");
		return;
	}
	if (x->blocking) {
		H(b, "<strong class=\"late\">必交 %d 项：</strong>", x->blocking);
		for (int i = 0, k = 0; i < x->nmissing; i++)
			if (x->missing[i].required)
				H(b, "%s%s", k++ ? "、" : "", x->missing[i].label);
	} else {
		html(b, "必交材料已齐");
	}
	H(b, "<details class=\"missing-all\"><summary>全部 %d 项</summary><ul>", x->nmissing);
	for (int i = 0; i < x->nmissing; i++)
		H(b, "<li><strong>%s</strong>%s：%s</li>", x->missing[i].label, x->missing[i].required ? "（必交）" : "", x->missing[i].detail);
	html(b, "</ul></details>");
}

static void when_cell(req *r, html *b, long long t)
{
	if (t) {
		/* the date and the time each stay whole; the line may break between them */
		char *s = datetime_cn(r->a, t), *sp = strchr(s, ' ');
		if (sp) {
			*sp = 0;
			H(b, "<span class=\"when\">%s</span> <span class=\"when\">%s</span>", s, sp + 1);
		} else {
			H(b, "<span class=\"when\">%s</span>", s);
		}
	}
	else
		html(b, "<span class=\"muted\">—</span>");
}

/* A figure of a child's compiled form not yet submitted (board_row.compiled_live). */
static void live_cell(html *b, long long v, const char *measure)
{
	if (v < 0)
		html(b, "<td class=\"num live\"><span class=\"muted\">—</span></td>");
	else
		H(b, "<td class=\"num live\"><span class=\"muted\" title=\"未报送：下级现在汇总的数字，不计入合计\">现汇总 %D %s</span></td>", v,
		  measure);
}

static void board_table(req *r, html *b, const week *wk, const board_row *rows, const int *order, int n, const board_row *total,
			const char *filter, int column, bool desc, bool sorted)
{
	html(b, "<div class=\"table-wrap\"><table class=\"list board\"><caption class=\"visually-hidden\">各单位报送进度，"
		"点击列标题排序</caption><thead><tr>");
	for (int c = 0; c < NCOLUMNS; c++) {
		bool on = sorted && c == column;
		/* the first click sorts numbers and times largest first, names in display order */
		bool next_desc = on ? !desc : columns[c].numeric;
		if (on)
			H(b, "<th scope=\"col\" aria-sort=\"%s\">", desc ? "descending" : "ascending");
		else
			html(b, "<th scope=\"col\">");
		html(b, "<a href=\"");
		board_href(b, wk->id, filter, columns[c].key, next_desc ? "desc" : "asc");
		H(b, "\">%s%s</a></th>", columns[c].label, on ? (desc ? " ▼" : " ▲") : "");
	}
	html(b, "<th scope=\"col\">材料</th></tr></thead><tbody>");
	int shown = 0, handed_in = 0;
	for (int k = 0; k < n; k++) {
		const board_row *x = &rows[order[k]];
		shown++;
		handed_in += x->state == BS_SUBMITTED || x->state == BS_ACCEPTED;
		H(b, "<tr id=\"unit-%D\" class=\"state-%s\"><th scope=\"row\">%s</th><td>", x->unit_id, board_state_key(x->state),
		  x->unit_name);
		state_badge(b, x);
		if (x->compiled_live) {
			/* a child organiser's compiled form, not yet submitted: its
			 * figures now, apart from the submitted ones and in no total */
			html(b, " <span class=\"badge unsent\">未报送</span></td><td class=\"missing-cell\">");
			missing_cell(b, x);
			html(b, "</td>");
			live_cell(b, x->live_activities, "场");
			live_cell(b, x->live_participants, "人次");
			html(b, "<td class=\"num\"><span class=\"muted\">—</span></td><td>");
		} else {
			html(b, "</td><td class=\"missing-cell\">");
			missing_cell(b, x);
			H(b, "</td><td class=\"num\">%D</td><td class=\"num\">%D</td><td class=\"num\">%D</td><td>", x->activities,
			  x->participants, x->ratings);
		}
		when_cell(r, b, x->last_change);
		html(b, "</td><td>");
		if (x->submission_id) {
			H(b, "第 %D 版<br>", x->version);
			when_cell(r, b, x->submitted_at);
		} else {
			html(b, "<span class=\"muted\">未提交</span>");
		}
		html(b, "</td><td>");
		if (x->submission_id)
			H(b, "<a href=\"/admin/submissions/%D\">%s</a>", x->submission_id, x->state == BS_SUBMITTED ? "审核" : "查看");
		H(b, " <a href=\"/units/%D/submission?week=%D\">附件与提交</a>", x->unit_id, wk->id);
		drill_down(r, b, wk, x->unit_id);
		html(b, "</td></tr>\n");
	}
	if (!shown)
		H(b, "<tr><td colspan=\"%d\" class=\"empty\">没有符合条件的单位。</td></tr>", NCOLUMNS + 1);
	H(b, "</tbody><tfoot><tr><th scope=\"row\">合计（%d 个单位）</th><td>已交 %d 个</td><td>%D 项</td>"
	     "<td class=\"num\">%D</td><td class=\"num\">%D</td><td class=\"num\">%D</td><td>",
	  shown, handed_in, (long long)total->nmissing, total->activities, total->participants, total->ratings);
	when_cell(r, b, total->last_change);
	html(b, "</td><td></td><td></td></tr></tfoot></table></div>");
}

void page_board(req *r, resp *w)
{
	html *b = resp_html(w);
	week wk;
	if (!board_week(r, w, &wk))
		return;
	const char *filter = param(r, "status") ? param(r, "status") : "";
	const char *sort = param(r, "sort") ? param(r, "sort") : "";
	const char *dir = param(r, "dir") ? param(r, "dir") : "";
	if (!filter_known(filter)) {
		fail(r, w, 400, "「状态」只能是 未开始、填报中、已提交、已退回、已通过、逾期 或 未提交 之一，收到的是「%s」。", filter);
		return;
	}
	int column = -1;
	for (int c = 0; c < NCOLUMNS; c++)
		if (!strcmp(columns[c].key, sort))
			column = c;
	if ((*sort && column < 0) || (*dir && strcmp(dir, "asc") && strcmp(dir, "desc"))) {
		fail(r, w, 400, "不认识的排序方式「%s %s」。请点击表格的列标题排序。", sort, dir);
		return;
	}
	bool desc = !strcmp(dir, "desc");
	board_row *rows;
	int n = board_load(r->db, r->a, &wk, r->now, &rows);

	/* the counts for the filter links cover every unit; the table and its totals what is shown */
	int count[N_BOARD_STATES] = {0}, overdue = 0, pending = 0;
	int *order = arena_alloc(r->a, sizeof *order * (size_t)(n + 1)), nshown = 0;
	for (int i = 0; i < n; i++) {
		count[rows[i].state]++;
		overdue += rows[i].overdue;
		pending += board_pending(&rows[i]);
		if (row_shown(&rows[i], filter))
			order[nshown++] = i;
	}
	sorter s = {rows, column < 0 ? 0 : column, desc};
	qsort_r(order, (size_t)nshown, sizeof *order, by_column, &s);
	board_row shown_total = {0};
	for (int k = 0; k < nshown; k++) {
		const board_row *x = &rows[order[k]];
		if (!x->compiled_live) { /* not submitted: its figures in no total */
			shown_total.activities += x->activities;
			shown_total.participants += x->participants;
			shown_total.ratings += x->ratings;
		}
		shown_total.nmissing += x->nmissing;
		if (x->last_change > shown_total.last_change)
			shown_total.last_change = x->last_change;
	}

	page_open(r, w, "报送进度");
	breadcrumbs(r, w, NULL, NULL, "报送进度");
	H(b, "<h1>报送进度：%s</h1>", wk.title);
	week_up_link(r, b, "/admin/board", &wk);
	deadline_countdown(r, b, &wk);

	week *weeks;
	int nweeks = week_list(r->db, r->a, r->user.unit_id, &weeks);
	html(b, "<form method=\"get\" action=\"/admin/board\" class=\"filters\"><label>活动周 <select name=\"week\">");
	for (int i = 0; i < nweeks; i++)
		H(b, "<option value=\"%D\"%s>%D 年</option>", weeks[i].id, weeks[i].id == wk.id ? " selected" : "", weeks[i].year);
	html(b, "</select></label> <label>状态 <select name=\"status\"><option value=\"\">全部</option>");
	for (int i = 0; i < N_BOARD_STATES; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", board_state_key((board_state)i),
		  !strcmp(filter, board_state_key((board_state)i)) ? " selected" : "", board_state_label((board_state)i));
	H(b, "<option value=\"overdue\"%s>逾期</option><option value=\"pending\"%s>未提交（未开始、填报中、已退回）</option>"
	     "</select></label> ", !strcmp(filter, "overdue") ? " selected" : "", !strcmp(filter, "pending") ? " selected" : "");
	if (*sort)
		H(b, "<input type=\"hidden\" name=\"sort\" value=\"%s\"><input type=\"hidden\" name=\"dir\" value=\"%s\">", sort,
		  desc ? "desc" : "asc");
	html(b, "<button type=\"submit\">查看</button></form>");

	html(b, "<ul class=\"quick board-counts\" aria-label=\"按状态筛选\">");
	H(b, "<li><a class=\"button%s\" href=\"", !*filter ? " on" : "");
	board_href(b, wk.id, "", sort, dir);
	H(b, "\">全部 %d</a></li>", n);
	for (int i = 0; i < N_BOARD_STATES; i++) {
		const char *key = board_state_key((board_state)i);
		H(b, "<li><a class=\"button%s\" href=\"", !strcmp(filter, key) ? " on" : "");
		board_href(b, wk.id, key, sort, dir);
		H(b, "\">%s %d</a></li>", board_state_label((board_state)i), count[i]);
	}
	H(b, "<li><a class=\"button%s\" href=\"", !strcmp(filter, "overdue") ? " on" : "");
	board_href(b, wk.id, "overdue", sort, dir);
	H(b, "\">逾期 %d</a></li></ul>", overdue);
	H(b, "<p><a href=\"/admin/board/reminders?week=%D\">未提交的单位（%d 个）与提醒文字</a></p>", wk.id, pending);

	board_table(r, b, &wk, rows, order, nshown, &shown_total, filter, s.column, desc, column >= 0);
	html(b, "<p class=\"hint\">“已发布活动”“参与人次”“评价数”按总结表的统计口径计算：只计已发布的活动，"
		"参与人次按扫码签到和现场清点计，没有时采用主办方报告的人数。“逾期”指截止时间已过仍未提交，或最近一版在截止之后提交。</p>");
	board_script(b);
	page_close(r, w);
}

/* ---- who has not submitted ---- */

void page_board_reminders(req *r, resp *w)
{
	html *b = resp_html(w);
	week wk;
	if (!board_week(r, w, &wk))
		return;
	board_row *rows;
	int n = board_load(r->db, r->a, &wk, r->now, &rows);
	unit org;
	const char *organiser = unit_load(r->db, r->a, wk.unit_id, &org) ? org.name : "";
	const char *base = public_base();
	int pending = 0;
	for (int i = 0; i < n; i++)
		pending += board_pending(&rows[i]);

	page_open(r, w, "未提交的单位");
	breadcrumbs(r, w, "报送进度", arena_printf(r->a, "/admin/board?week=%lld", wk.id), "未提交的单位");
	H(b, "<h1>未提交的单位（%d 个）</h1>", pending);
	deadline_countdown(r, b, &wk);
	if (!pending) {
		H(b, "<p class=\"empty\">%s的所有报送单位都已提交。</p>", wk.title);
		board_script(b);
		page_close(r, w);
		return;
	}
	html(b, "<p>每个单位下面是一段写好的提醒文字（单位名称、尚缺的材料、剩余时间），复制后通过微信、短信或电子邮件发给该单位即可。"
		"已退回的单位也在其中：它们须修改后重新提交。</p>");
	buf all = BUF_INIT;
	for (int i = 0; i < n; i++) {
		const board_row *x = &rows[i];
		if (!board_pending(x))
			continue;
		const char *url = base ? arena_printf(r->a, "%s/units/%lld/submission?week=%lld", base, x->unit_id, wk.id) : NULL;
		const char *text = board_reminder(r->a, &wk, organiser, x, r->now, url);
		H(b, "<section class=\"card reminder\" id=\"remind-%D\"><h2>%s ", x->unit_id, x->unit_name);
		state_badge(b, x);
		H(b, "</h2><label for=\"reminder-%D\">提醒文字</label>"
		     "<textarea id=\"reminder-%D\" class=\"reminder-text\" rows=\"7\" readonly>%s</textarea>"
		     "<p class=\"actions\"><button type=\"button\" data-copy=\"reminder-%D\" hidden>复制提醒文字</button>"
		     "<span class=\"copied\" role=\"status\" aria-live=\"polite\"></span></p></section>",
		  x->unit_id, x->unit_id, text, x->unit_id);
		buf_printf(&all, "%s%s\n", all.len ? "\n" : "", text);
	}
	H(b, "<section class=\"card reminder\"><h2>全部提醒文字</h2><label for=\"reminder-all\">所有未提交单位的提醒，一次复制</label>"
	     "<textarea id=\"reminder-all\" class=\"reminder-text\" rows=\"10\" readonly>%s</textarea>"
	     "<p class=\"actions\"><button type=\"button\" data-copy=\"reminder-all\" hidden>复制全部</button>"
	     "<span class=\"copied\" role=\"status\" aria-live=\"polite\"></span></p></section>", buf_cstr(&all));
	buf_free(&all);
	board_script(b);
	page_close(r, w);
}
