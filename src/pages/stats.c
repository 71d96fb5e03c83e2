/* stats.c: the centre's pages about the whole city: the statistics of a week
 * (figures, charts drawn on the server, each with its table, the earlier
 * year beside this one), the city's own summary form and the gallery. */
#include "pages/conflict.h"
#include "pages/pages.h"
#include "pages/upward.h"
#include "domain/cityform.h"
#include "domain/upward.h"
#include "domain/stats.h"
#include "export/form_doc.h"
#include "out/form.h"
#include "out/chart.h"
#include "core/timefmt.h"
#include <string.h>

/* ---- the statistics ---- */

typedef long long (*unit_get)(const unit_stats *);

static long long g_acts(const unit_stats *u) { return u->activities; }
static long long g_online(const unit_stats *u) { return u->online; }
static long long g_offline(const unit_stats *u) { return u->offline; }
static long long g_both(const unit_stats *u) { return u->both; }
static long long g_checked(const unit_stats *u) { return u->people.checked_in; }
static long long g_counted(const unit_stats *u) { return u->people.counted; }
static long long g_reported(const unit_stats *u) { return u->people.reported; }
static long long g_people(const unit_stats *u) { return u->people.total; }
static long long g_featured(const unit_stats *u) { return u->featured; }
static long long g_sat(const unit_stats *u) { return u->sat.satisfied; }
static long long g_basic(const unit_stats *u) { return u->sat.basic; }
static long long g_unsat(const unit_stats *u) { return u->sat.unsatisfied; }
static long long g_text(const unit_stats *u) { return u->pub_text; }
static long long g_media(const unit_stats *u) { return u->pub_media; }

/* One value per unit of s; from prev (matched by unit) when prev is given. */
static long long *per_unit(req *r, const city_stats *s, const city_stats *prev, unit_get get)
{
	long long *v = arena_alloc(r->a, sizeof *v * (size_t)(s->nunits + 1));
	for (int i = 0; i < s->nunits; i++) {
		const unit_stats *u = prev ? stats_unit(prev, s->units[i].unit_id) : &s->units[i];
		v[i] = u ? get(u) : 0;
	}
	return v;
}

static const char **unit_names(req *r, const city_stats *s)
{
	const char **v = arena_alloc(r->a, sizeof *v * (size_t)(s->nunits + 1));
	for (int i = 0; i < s->nunits; i++)
		v[i] = s->units[i].name;
	return v;
}

/* Counts of one breakdown in this year's categories; a category prev lacks counts 0. */
static long long *cat_values(req *r, const city_stats *s, const city_stats *src, int kind)
{
	long long *v = arena_alloc(r->a, sizeof *v * (size_t)(s->cats[kind].n + 1));
	for (int j = 0; j < s->cats[kind].n; j++)
		for (int k = 0; src && k < src->cats[kind].n; k++)
			if (!strcmp(src->cats[kind].key[k], s->cats[kind].key[j]))
				v[j] = src->total.tags[kind][k];
	return v;
}

/* 满意度 (or with rate, 满意率) as "97%", "—" without ratings */
static const char *share_text(req *r, const satisfaction *s, bool rate)
{
	int p = rate ? satisfaction_rate(s) : satisfaction_degree(s);
	return p < 0 ? "—" : arena_printf(r->a, "%d%%", p);
}

typedef struct page_ctx {
	req *r;
	html *b;
	const city_stats *s, *prev;
	const char *year, *prev_year;
} page_ctx;

/* A chart per unit: this year (and the last, side by side) of one figure. */
static void unit_compare(page_ctx *p, const char *id, const char *title, const char *measure, unit_get get)
{
	chart_series ser[2] = {{p->year, per_unit(p->r, p->s, NULL, get)}, {p->prev_year, p->prev ? per_unit(p->r, p->s, p->prev, get) : NULL}};
	chart c = {.id = id, .title = title, .measure = measure, .label_head = "单位", .labels = unit_names(p->r, p->s),
		   .n = p->s->nunits, .series = ser, .nseries = p->prev ? 2 : 1, .total_row = true};
	chart_figure(p->b, &c);
}

/* A stacked chart per unit: the parts of one figure. extra: the table's last column, with its total. */
static void unit_stack(page_ctx *p, const char *id, const char *title, const char *measure, const char *const *names,
		       const unit_get *gets, int nparts, const char *extra_head, const char *const *extra)
{
	chart_series ser[4];
	for (int k = 0; k < nparts; k++)
		ser[k] = (chart_series){names[k], per_unit(p->r, p->s, NULL, gets[k])};
	chart c = {.id = id, .title = title, .measure = measure, .label_head = "单位", .labels = unit_names(p->r, p->s),
		   .n = p->s->nunits, .series = ser, .nseries = nparts, .stacked = true, .total_row = true,
		   .extra_head = extra_head, .extra = extra};
	chart_figure(p->b, &c);
}

/* Drill-down: the units that run a week of their own this year (a city
 * under a province), each to its week's statistics, for any organiser above
 * it (RF_OWN_WEEK). */
static void drill_down(req *r, html *b, const city_stats *s, long long year)
{
	if (!is_organiser(r))
		return;
	bool open = false;
	for (int i = 0; i < s->nunits + s->nunsent; i++) { /* the unsent apart, after */
		const unit_stats *u = i < s->nunits ? &s->units[i] : &s->unsent[i - s->nunits];
		long long below = week_by_year(r->db, u->unit_id, year);
		if (!below)
			continue;
		if (!open)
			html(b, "<p class=\"drill\">下级统计：");
		H(b, "%s<a href=\"/admin/stats?week=%D\">%s</a>", open ? " " : "", below, u->name);
		open = true;
	}
	if (open)
		html(b, "</p>");
}

/* The per-unit table of a tag breakdown, under its chart. */
static void tag_matrix(page_ctx *p, int kind, const char *what)
{
	const city_stats *s = p->s;
	const stat_cats *c = &s->cats[kind];
	html *b = p->b;
	H(b, "<details class=\"matrix\"><summary>各单位%s明细</summary><div class=\"table-wrap\"><table class=\"chart-data\">"
	     "<caption>各单位%s（单位：场）</caption><thead><tr><th scope=\"col\">单位</th>", what, what);
	for (int j = 0; j < c->n; j++)
		H(b, "<th scope=\"col\" class=\"num\">%s</th>", c->label[j]);
	html(b, "</tr></thead><tbody>");
	for (int i = 0; i <= s->nunits; i++) {
		const unit_stats *u = i < s->nunits ? &s->units[i] : &s->total;
		H(b, "<tr%s><th scope=\"row\">%s</th>", i == s->nunits ? " class=\"total\"" : "", u->name);
		for (int j = 0; j < c->n; j++)
			H(b, "<td class=\"num\">%D</td>", u->tags[kind][j]);
		html(b, "</tr>");
	}
	html(b, "</tbody></table></div></details>");
}

static void tag_section(page_ctx *p, int kind, const char *id, const char *what, const char *head)
{
	const city_stats *s = p->s;
	chart_series ser[2] = {{p->year, cat_values(p->r, s, s, kind)}, {p->prev_year, cat_values(p->r, s, p->prev, kind)}};
	H(p->b, "<section id=\"%s-section\"><h2>%s</h2>", id, what);
	chart c = {.id = id, .title = arena_printf(p->r->a, "%s：各类活动场次", what), .measure = "场", .label_head = head,
		   .labels = s->cats[kind].label, .n = s->cats[kind].n, .series = ser, .nseries = p->prev ? 2 : 1};
	chart_figure(p->b, &c);
	html(p->b, "<p class=\"hint\">一场活动可以属于几类，各类之和可能大于活动场次。</p>");
	tag_matrix(p, kind, what);
	html(p->b, "</section>");
}

static void totals_table(page_ctx *p)
{
	const unit_stats *t = &p->s->total, *o = p->prev ? &p->prev->total : NULL;
	html *b = p->b;
	H(b, "<div class=\"table-wrap\"><table class=\"chart-data totals\"><caption>全市合计</caption><thead><tr>"
	     "<th scope=\"col\">指标</th><th scope=\"col\" class=\"num\">%s</th>", p->year);
	if (o)
		H(b, "<th scope=\"col\" class=\"num\">%s</th>", p->prev_year);
	html(b, "</tr></thead><tbody>");
	struct {
		const char *label;
		long long now, before;
	} rows[] = {
		{"参与活动的数量（场）", t->activities, o ? o->activities : 0},
		{"参加活动人数（人次）", t->people.total, o ? o->people.total : 0},
		{"有特色的活动（场）", t->featured, o ? o->featured : 0},
		{"居民评价（份）", t->sat.total, o ? o->sat.total : 0},
		{"宣传报道（条）", t->pub_text + t->pub_media, o ? o->pub_text + o->pub_media : 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		H(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%D</td>", rows[i].label, rows[i].now);
		if (o)
			H(b, "<td class=\"num\">%D</td>", rows[i].before);
		html(b, "</tr>");
	}
	for (int rate = 0; rate < 2; rate++) {
		H(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td>",
		  rate ? "满意率（满意）" : "群众满意度（满意和基本满意）", share_text(p->r, &t->sat, rate));
		if (o)
			H(b, "<td class=\"num\">%s</td>", share_text(p->r, &o->sat, rate));
		html(b, "</tr>");
	}
	html(b, "</tbody></table></div>");
}

static void featured_list(page_ctx *p)
{
	const city_stats *s = p->s;
	html *b = p->b;
	if (!s->total.featured) {
		html(b, "<p class=\"empty\">还没有标记为特色的已发布活动。</p>");
		return;
	}
	html(b, "<dl class=\"featured\">");
	for (int i = 0; i < s->nunits; i++) {
		const unit_stats *u = &s->units[i];
		if (!u->featured)
			continue;
		H(b, "<div><dt>%s（%D 场）</dt><dd><ul>", u->name, u->featured);
		int k = 0;
		for (int j = 0; j < s->nfeatured; j++)
			if (s->featured[j].unit_id == u->unit_id) {
				H(b, "<li>%s（%s，%s）</li>", s->featured[j].title, s->featured[j].host,
				  date_cn(p->r->a, date_iso_from_utc(p->r->a, s->featured[j].starts_at)));
				k++;
			}
		if (u->featured > k)
			H(b, "<li>……等 %D 场</li>", u->featured);
		html(b, "</ul></dd></div>");
	}
	html(b, "</dl>");
}

static void publicity_section(page_ctx *p)
{
	req *r = p->r;
	const city_stats *s = p->s;
	chart_series ser[2] = {{"文字报道", s->total.channel_text}, {"影像图片报道", s->total.channel_media}};
	const char **extra = NULL;
	if (p->prev) {
		extra = arena_alloc(r->a, sizeof *extra * (size_t)(s->channels.n + 1));
		long long all = 0;
		for (int j = 0; j < s->channels.n; j++) {
			long long v = 0;
			for (int k = 0; k < p->prev->channels.n; k++)
				if (!strcmp(p->prev->channels.key[k], s->channels.key[j]))
					v = p->prev->total.channel_text[k] + p->prev->total.channel_media[k];
			extra[j] = arena_printf(r->a, "%lld", v);
			all += v;
		}
		extra[s->channels.n] = arena_printf(r->a, "%lld", all);
	}
	chart c = {.id = "c-pub", .title = "宣传报道：各渠道的文字和影像图片报道", .measure = "条", .label_head = "宣传渠道",
		   .labels = s->channels.label, .n = s->channels.n, .series = ser, .nseries = 2, .stacked = true, .total_row = true,
		   .extra_head = p->prev ? arena_printf(r->a, "%s合计", p->prev_year) : NULL, .extra = extra};
	chart_figure(p->b, &c);
	static const char *const parts[] = {"文字报道", "影像图片报道"};
	static const unit_get gets[] = {g_text, g_media};
	unit_stack(p, "c-pub-units", "宣传报道：各单位", "条", parts, gets, 2, NULL, NULL);
}

/* The child organisers that have not submitted their compiled form: what it
 * adds up to now, apart, in no total (as on the board). */
static void unsent_table(html *b, const city_stats *s)
{
	if (!s->nunsent)
		return;
	H(b, "<div class=\"table-wrap\"><table class=\"chart-data\" id=\"unsent-units\"><caption>未报送的 %d 个下级"
	     "（不计入合计；下列数字是其总结表现在汇总的）</caption><thead><tr><th scope=\"col\">单位</th>"
	     "<th scope=\"col\" class=\"num\">活动（场）</th><th scope=\"col\" class=\"num\">参加（人次）</th></tr></thead><tbody>",
	  s->nunsent);
	for (int i = 0; i < s->nunsent; i++)
		H(b, "<tr><th scope=\"row\">%s <span class=\"badge unsent\">未报送</span></th><td class=\"num\">%D</td>"
		     "<td class=\"num\">%D</td></tr>", s->unsent[i].name, s->unsent[i].activities, s->unsent[i].people.total);
	html(b, "</tbody></table></div>");
}

static void head_cols(html *b);
static void head_cells(req *r, html *b, const field_value *fv);

/* The city form's figures (the units' submitted versions), as the form, its
 * files and the workbook's 全市汇总 row say them. */
static void city_form_figures(req *r, html *b, long long week_id)
{
	city_form cf;
	if (!cityform_build(r->db, r->a, week_id, false, &cf))
		return;
	H(b, "<div class=\"table-wrap\"><table class=\"chart-data\" id=\"city-form-figures\"><caption>全市总结表（按 %d 个单位已提交的最新一版）"
	     "</caption><thead><tr>", cf.ncounted);
	head_cols(b);
	html(b, "</tr></thead><tbody><tr>");
	head_cells(r, b, cf.fv);
	H(b, "</tr></tbody></table></div><p class=\"hint\"><a href=\"/admin/city-form?week=%D\">全市总结表</a>：%d 个单位未报送，不计入。</p>",
	  week_id, cf.nunits - cf.ncounted);
}

void page_stats(req *r, resp *w)
{
	html *b = resp_html(w);
	week wk;
	if (!week_page_open(r, w, "全市统计", &wk))
		return;
	city_stats s, prev;
	upward_stats_load(r->db, r->a, wk.id, &s);
	long long prev_id = stats_previous_week(r->db, wk.id);
	week pwk;
	bool has_prev = prev_id && week_load(r->db, r->a, prev_id, &pwk) && upward_stats_load(r->db, r->a, prev_id, &prev);
	page_ctx p = {r, b, &s, has_prev ? &prev : NULL, arena_printf(r->a, "%lld年", wk.year),
		      has_prev ? arena_printf(r->a, "%lld年", pwk.year) : NULL};

	breadcrumbs(r, w, NULL, NULL, "全市统计");
	H(b, "<h1>全市统计</h1><p class=\"lead\">%s · 只统计已发布的活动（与总结表一致）", wk.title);
	if (has_prev)
		H(b, "；与%s对比", pwk.title);
	html(b, "。</p>");
	week_picker(r, b, "/admin/stats", wk.id);
	H(b, "<p class=\"actions noprint\"><a class=\"button\" href=\"/admin/city-form?week=%D\">全市总结表</a> "
	     "<a class=\"button\" href=\"/admin/gallery?week=%D\">典型案例和照片</a> "
	     "<a class=\"button\" href=\"/admin/exports?week=%D\">导出</a></p>", wk.id, wk.id, wk.id);
	html(b, "<nav class=\"toc noprint\" aria-label=\"本页目录\"><a href=\"#totals\">合计</a> <a href=\"#c-acts\">活动场次</a> "
		"<a href=\"#c-mode\">线上线下</a> <a href=\"#c-people\">参加人次</a> <a href=\"#c-content-section\">活动内容</a> "
		"<a href=\"#c-audience-section\">参与对象</a> <a href=\"#c-form-section\">活动形式</a> <a href=\"#c-featured\">特色活动</a> "
		"<a href=\"#c-sat\">满意度</a> <a href=\"#c-pub\">宣传报道</a></nav>");

	html(b, "<section id=\"totals\"><h2>全市合计</h2>");
	city_form_figures(r, b, wk.id);
	html(b, "<p class=\"hint\">下表和以下各图按现有的活动记录统计，包括未报送的单位和提交后的变动；"
		"自行举办活动周的下级（或以材料包报送的下级）按其报送的最新一版总结表计，与总结表的汇总一致。</p>");
	unsent_table(b, &s);
	totals_table(&p);
	/* the figures in the form's own sentences (derive.c), word for word */
	const unit_stats *t = &s.total;
	H(b, "<dl class=\"facts form-figures\"><div><dt>参与活动的数量</dt><dd>%s</dd></div>"
	     "<div><dt>参加活动人数</dt><dd>%s</dd></div><div><dt>群众满意度</dt><dd>%s</dd></div></dl>",
	  activity_count_text(r->a, t->activities, t->online, t->offline, t->both), participants_text(r->a, &t->people),
	  satisfaction_text(r->a, &t->sat));
	html(b, "</section>");

	html(b, "<section><h2>各单位活动场次</h2>");
	unit_compare(&p, "c-acts", "各单位活动场次", "场", g_acts);
	drill_down(r, b, &s, wk.year);
	html(b, "</section><section><h2>线上线下</h2>");
	static const char *const modes[] = {"线上", "线下", "线上线下相结合"};
	static const unit_get mode_gets[] = {g_online, g_offline, g_both};
	unit_stack(&p, "c-mode", "各单位活动场次：线上、线下、线上线下相结合", "场", modes, mode_gets, 3, NULL, NULL);

	html(b, "</section><section><h2>参加人次（按来源）</h2>");
	static const char *const sources[] = {"扫码签到", "现场清点", "主办方报告"};
	static const unit_get source_gets[] = {g_checked, g_counted, g_reported};
	const char **before = NULL;
	if (has_prev) {
		long long *v = per_unit(r, &s, &prev, g_people);
		before = arena_alloc(r->a, sizeof *before * (size_t)(s.nunits + 1));
		for (int i = 0; i < s.nunits; i++)
			before[i] = arena_printf(r->a, "%lld", v[i]);
		before[s.nunits] = arena_printf(r->a, "%lld", prev.total.people.total);
	}
	unit_stack(&p, "c-people", "各单位参加人次：扫码签到、现场清点、主办方报告", "人次", sources, source_gets, 3,
		   has_prev ? arena_printf(r->a, "%s合计", p.prev_year) : NULL, before);
	H(b, "<p class=\"hint\">每场活动只按一种来源计：有扫码签到或现场清点的按两者之和，否则按主办方报告的人数。"
	     "全市 %s。</p></section>", participants_text(r->a, &s.total.people));

	tag_section(&p, TAG_CONTENT, "c-content", "活动内容", "活动内容");
	tag_section(&p, TAG_AUDIENCE, "c-audience", "参与对象", "参与对象");
	tag_section(&p, TAG_FORM, "c-form", "活动形式", "活动形式");

	html(b, "<section><h2>有特色的活动</h2>");
	unit_compare(&p, "c-featured", "各单位有特色的活动", "场", g_featured);
	featured_list(&p);
	html(b, "</section><section><h2>群众满意度</h2>");
	const char **shares = arena_alloc(r->a, sizeof *shares * (size_t)(s.nunits + 1));
	for (int i = 0; i <= s.nunits; i++) {
		const unit_stats *u = i < s.nunits ? &s.units[i] : &s.total;
		const unit_stats *o = has_prev ? (i < s.nunits ? stats_unit(&prev, u->unit_id) : &prev.total) : NULL;
		shares[i] = o ? arena_printf(r->a, "%s（%s %s）", share_text(r, &u->sat, false), p.prev_year, share_text(r, &o->sat, false))
			      : share_text(r, &u->sat, false);
	}
	static const char *const scores[] = {"满意", "基本满意", "不满意"};
	static const unit_get score_gets[] = {g_sat, g_basic, g_unsat};
	unit_stack(&p, "c-sat", "各单位居民评价：满意、基本满意、不满意", "份", scores, score_gets, 3, "满意度", shares);
	html(b, "</section><section><h2>宣传报道</h2>");
	publicity_section(&p);
	html(b, "</section>");
	page_close(r, w);
}

/* ---- the city's summary form ---- */

static bool city_report(req *r, resp *w, week *wk, report *rep)
{
	if (!stats_week(r, w, "全市总结表", wk))
		return false;
	if (!cityform_report(r->db, r->a, wk->id, rep)) {
		fail(r, w, 503, "暂时无法读取全市总结表，请稍后重试。");
		return false;
	}
	return true;
}

/* The city form of the week the request names, as the page and its files
 * show it: built from the units' submissions (the page also loads what the
 * units that have not submitted would add). */
typedef struct city_form_view {
	week wk;
	city_form cf;
	form_doc doc;
} city_form_view;

static bool city_form_load(req *r, resp *w, city_form_view *v, bool live)
{
	if (!stats_week(r, w, "全市总结表", &v->wk))
		return false;
	if (!cityform_build(r->db, r->a, v->wk.id, live, &v->cf)) {
		fail(r, w, 503, "暂时无法读取全市总结表，请稍后重试。");
		return false;
	}
	city_doc(r->db, r->a, &v->cf, r->now, &v->doc);
	return true;
}

/* The head figure of a summed field ("—" when the text carries none). */
static const char *head_text(req *r, const field_value *fv, const char *key)
{
	long long v;
	const field_value *f = form_value(fv, key);
	return f && cityform_head(f->def, f->shown, &v) ? arena_printf(r->a, "%lld", v) : "—";
}

static const char *const head_keys[] = {"activity_count", "participants", "pub_text", "pub_media"};
#define N_HEADS (int)(sizeof head_keys / sizeof *head_keys)

static void head_cols(html *b)
{
	html(b, "<th scope=\"col\" class=\"num\">活动（场）</th><th scope=\"col\" class=\"num\">参加（人次）</th>"
		"<th scope=\"col\" class=\"num\">文字报道（篇）</th><th scope=\"col\" class=\"num\">影像图片报道（条）</th>");
}

static void head_cells(req *r, html *b, const field_value *fv)
{
	for (int i = 0; i < N_HEADS; i++)
		H(b, "<td class=\"num\">%s</td>", head_text(r, fv, head_keys[i]));
}

/* Who is in the sums and who is not: the submitted versions (accepted ones
 * marked), then the units that have not submitted, apart, with what their
 * records would add now. */
static void city_units(req *r, html *b, const city_form *cf)
{
	html(b, "<section id=\"city-units\"><h2>各单位报送情况</h2>");
	if (cf->ncounted) {
		H(b, "<div class=\"table-wrap\"><table class=\"chart-data\" id=\"counted-units\"><caption>计入全市总结表的 %d 个单位"
		     "（各自最新提交的一版）</caption><thead><tr><th scope=\"col\">单位</th><th scope=\"col\">版本</th>"
		     "<th scope=\"col\">状态</th><th scope=\"col\">提交时间</th>", cf->ncounted);
		head_cols(b);
		html(b, "</tr></thead><tbody>");
		for (int i = 0; i < cf->nunits; i++) {
			const city_unit *u = &cf->units[i];
			if (!u->counted)
				continue;
			/* a returned version stays what counts until the unit submits again */
			H(b, "<tr><th scope=\"row\">%s</th><td>第 %D 版</td><td>%s%s%s</td><td>%s</td>", u->name, u->version,
			  u->accepted ? "✓ " : "", u->status, strcmp(u->status, submission_status_label("returned")) ? "" : "（重新提交前仍按这一版计入）",
			  datetime_cn(r->a, u->submitted_at));
			head_cells(r, b, u->fv);
			html(b, "</tr>");
		}
		H(b, "</tbody><tfoot><tr><th scope=\"row\">全市总结表</th><td></td><td></td><td></td>");
		head_cells(r, b, cf->fv);
		html(b, "</tr></tfoot></table></div>");
	} else {
		html(b, "<p class=\"empty\">还没有单位提交总结表，全市总结表的各项数字都是 0。</p>");
	}
	int late = cf->nunits - cf->ncounted;
	if (late) {
		H(b, "<div class=\"table-wrap\"><table class=\"chart-data\" id=\"unsubmitted-units\"><caption>未报送的 %d 个单位"
		     "（不计入全市总结表；下列数字是按现有记录将会增加的）</caption><thead><tr><th scope=\"col\">单位</th>"
		     "<th scope=\"col\">状态</th>", late);
		head_cols(b);
		html(b, "</tr></thead><tbody>");
		for (int i = 0; i < cf->nunits; i++) {
			const city_unit *u = &cf->units[i];
			if (u->counted)
				continue;
			H(b, "<tr><th scope=\"row\">%s</th><td>未报送（%s）</td>", u->name, u->status);
			if (u->has_fv)
				head_cells(r, b, u->fv);
			html(b, "</tr>");
		}
		html(b, "</tbody></table></div>");
	}
	html(b, "</section>");
}

/* The city's 定稿: its code and files while it matches the city form; void
 * (with what changed) once a unit has resubmitted or the centre has changed
 * a field since; the button for the centre to finalise (again). */
static void city_final_card(req *r, html *b, const city_form_view *v)
{
	submission fin;
	final_state fs = cityform_final(r->db, r->a, &v->cf, &fin);
	bool can = may(r, ACT_RUN_OWN_FORM, v->wk.unit_id);
	html(b, "<section class=\"card final noprint\" id=\"city-final\"><h2>定稿</h2>");
	if (fs == FINAL_VALID) {
		char dl[80];
		form_digest_lines(fin.digest, dl);
		H(b, "<p>全市总结表第 <strong>%D</strong> 版已于 %s 定稿，校验码 <code>%s</code>，摘要（SHA-256）"
		     "<code class=\"form-digest\">%s</code>。</p>", fin.version, datetime_cn(r->a, fin.finalised_at),
		  verify_code_display(r->a, fin.verify_code), dl);
		H(b, "<p class=\"actions\"><a class=\"button primary\" href=\"/admin/city-form/final.pdf?week=%D\">下载定稿 PDF</a> "
		     "<a class=\"button\" href=\"/admin/city-form/final.docx?week=%D\">定稿 Word</a></p>", v->wk.id, v->wk.id);
		html(b, "<p class=\"hint\">定稿后如有单位重新报送，或中心修改了全市总结表，这一版的校验码就作废，需要重新定稿。</p>");
	} else if (fs == FINAL_VOID) {
		field_value *then = submission_fields(r->a, &fin, v->cf.rep.form, NULL);
		field_diff *dv;
		int nd = form_diff(r->a, then, v->cf.fv, &dv);
		H(b, "<div class=\"warning\" role=\"alert\" id=\"city-final-void\"><p><strong>全市总结表第 %D 版定稿已作废</strong>："
		     "定稿后有单位重新报送或中心修改了全市总结表，它的校验码 <code>%s</code> 不再有效。下面 %d 栏现在与定稿不同%s</p>",
		  fin.version, verify_code_display(r->a, fin.verify_code), nd, can ? "，请重新定稿。" : "。");
		field_diff_html(r, b, dv, nd);
		html(b, "</div>");
	} else {
		html(b, "<p>定稿会把全市总结表的每一栏（各单位报送的汇总、中心的修改和原因）固定为一个版本，生成校验码和摘要，"
			"印在定稿 PDF 和 Word 的页脚，扫码即可核验。</p>");
	}
	if (can && fs != FINAL_VALID) {
		form_open(r, b, "/admin/city-form/finalise", "form");
		H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\"><p><button type=\"submit\" class=\"primary\">%s第 %D 版</button></p></form>",
		  v->wk.id, fs == FINAL_VOID ? "重新定稿为" : "定稿", report_latest_version(r->db, v->cf.rep.id) + 1);
	}
	html(b, "</section>");
}

void page_city_form(req *r, resp *w)
{
	city_form_view v;
	if (!city_form_load(r, w, &v, true))
		return;
	html *b = form_view_open(r, w, "全市总结表", "全市统计", arena_printf(r->a, "/admin/stats?week=%lld", v.wk.id), "全市总结表",
				 v.doc.title);
	H(b, "<p class=\"form-meta\"><span>填报单位：%s</span></p>", v.doc.unit);
	week_picker(r, b, "/admin/city-form", v.wk.id);
	html(b, "<p class=\"actions noprint\">");
	/* the organiser's own form only: the top reads a city's (cityform_own) */
	bool own = may(r, ACT_RUN_OWN_FORM, v.wk.unit_id);
	if (own)
		H(b, "<a class=\"button primary\" href=\"/admin/city-form/edit?week=%D\">填写方案、开幕式和成效</a> ", v.wk.id);
	H(b, "<a class=\"button\" href=\"/admin/city-form.pdf?week=%D\">下载 PDF</a> "
	     "<a class=\"button\" href=\"/admin/city-form.docx?week=%D\">下载 Word</a></p>", v.wk.id, v.wk.id);
	H(b, "<p class=\"hint noprint\">各项数字汇总各县区<strong>已提交的最新一版</strong>总结表（含各单位说明了原因的修改），"
	     "共 %d 个单位；提交后活动记录的变动不计入，直到该单位重新提交。未报送的单位列在表下，不计入。"
	     "组织领导各栏来自中心的实施方案和开幕式，活动成效、自我评价和其他由中心填写。</p>", v.cf.ncounted);
	city_final_card(r, b, &v);
	upward_card(r, b, v.wk.id, &v.cf); /* below the top: the form reported to the parent (issue 17) */
	if (v.cf.ngaps) {
		html(b, "<div class=\"notice returned\" role=\"note\" id=\"city-gaps\"><p><strong>以下单位报送的文字中没有可汇总的数字，未计入对应栏目的合计：</strong></p><ul>");
		for (int i = 0; i < v.cf.ngaps; i++)
			H(b, "<li>%s「%s」：%s</li>", v.cf.gaps[i].unit, v.cf.gaps[i].def->label, v.cf.gaps[i].text);
		html(b, "</ul><p>请联系该单位，或由中心修改全市总结表的这一栏并写明原因。</p></div>");
	}
	form_table_html(r, b, v.cf.fv, true);
	html(b, "<p class=\"form-foot\">详细的活动情况总结、活动照片、活动录像请另附。</p>");
	char *reasons = report_reasons(r->a, v.cf.fv);
	if (reasons) {
		html(b, "<section id=\"city-reasons\"><h2>中心修改的说明</h2>");
		html_paragraphs(b, reasons);
		html(b, "</section>");
	}
	if (own) {
		html(b, "<section class=\"noprint\" id=\"city-override\"><h2>修改汇总的数字</h2><p class=\"hint\">"
			"与各单位一样：改动数字须写明原因，原因印在表下的说明里。</p><ul>");
		for (int k = 0; v.cf.fv[k].def; k++) {
			const form_field_def *def = v.cf.fv[k].def;
			if (def->kind == FK_DERIVED && def->summed)
				H(b, "<li><a href=\"/admin/city-form/field?week=%D&amp;field=%s\">%s</a>%s</li>", v.wk.id, def->key, def->label,
				  v.cf.fv[k].overridden ? "（已由中心修改）" : "");
		}
		html(b, "</ul></section>");
	}
	city_units(r, b, &v.cf);
	page_close(r, w);
}

/* One city field: the sum, the centre's text and its reason. */
static void city_field_form(req *r, resp *w, const week *wk, const city_form *cf, int k, const char *value, const char *reason,
			    const errs *e)
{
	html *b = resp_html(w);
	const field_value *f = &cf->fv[k];
	page_open(r, w, e ? "修改全市总结表（未保存）" : "修改全市总结表");
	breadcrumbs(r, w, "全市总结表", arena_printf(r->a, "/admin/city-form?week=%lld", wk->id), f->def->label);
	H(b, "<h1>修改「%s」</h1><p class=\"lead\">%s</p>", f->def->label, wk->title);
	if (e && e->n)
		form_errors(b, errs_summary(e, r->a));
	H(b, "<p class=\"source\">系统汇总（%s）：</p><div class=\"derived\">", f->source);
	html_paragraphs(b, f->derived);
	html(b, "</div>");
	form_open(r, b, "/admin/city-form/field", "form");
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\"><input type=\"hidden\" name=\"revision\" value=\"%D\">"
	     "<input type=\"hidden\" name=\"field\" value=\"%s\">", wk->id, cf->rep.revision, f->def->key);
	field_textarea(b, "value", "表中填写的内容（可修改文字）", value, 6, f->def->max_chars * 2, NULL, e ? err_for(e, f->def->key) : NULL);
	field_input(b, "reason", "修改原因（改动数字时必填）", "text", reason, false, NULL, NULL);
	if (f->overridden)
		html(b, "<label class=\"check\"><input type=\"checkbox\" name=\"reset\" value=\"1\"> 放弃修改，恢复为系统汇总</label>");
	html(b, "<p class=\"actions\"><button type=\"submit\" class=\"primary\">保存</button></p></form>");
	page_close(r, w);
}

/* The row of the week's form the request names, or a 400 page. */
static int city_field_param(req *r, resp *w, const city_form *cf)
{
	int k = week_form_index(cf->rep.form, param(r, "field"));
	const form_field_def *def = k < 0 ? NULL : &cf->rep.form->row[k];
	if (!def || def->kind != FK_DERIVED || !def->summed) {
		fail(r, w, 400, "全市总结表没有可以这样修改的「%s」栏。", param(r, "field") ? param(r, "field") : "");
		return -1;
	}
	return k;
}

void page_city_field_edit(req *r, resp *w)
{
	city_form_view v;
	int k;
	if (!city_form_load(r, w, &v, false) || (k = city_field_param(r, w, &v.cf)) < 0)
		return;
	const field_value *f = &v.cf.fv[k];
	city_field_form(r, w, &v.wk, &v.cf, k, f->shown, f->reason ? f->reason : "", NULL);
}

void page_city_field_save(req *r, resp *w)
{
	city_form_view v;
	int k;
	if (!city_form_load(r, w, &v, false) || (k = city_field_param(r, w, &v.cf)) < 0)
		return;
	const form_field_def *def = v.cf.fv[k].def;
	const char *value = param(r, "value") ? param(r, "value") : "", *reason = param(r, "reason") ? param(r, "reason") : "";
	bool reset = param(r, "reset") != NULL;
	errs e = {0};
	actor who = page_actor(r);
	v.cf.rep.revision = param_int(r, "revision", -1);
	if (cityform_override(r->db, r->a, &who, &v.cf.rep, def, lf_only(r->a, value), reason, reset, &e) < 0) {
		w->status = errs_stale(&e) ? 409 : 422;
		if (errs_stale(&e) && (!city_form_load(r, w, &v, false) || (k = city_field_param(r, w, &v.cf)) < 0))
			return;
		city_field_form(r, w, &v.wk, &v.cf, k, value, reason, &e);
		return;
	}
	flash(r, w, arena_printf(r->a, "全市总结表「%s」已保存。", def->label));
	redirect(r, w, arena_printf(r->a, "/admin/city-form?week=%lld", v.wk.id));
}

static void city_edit_form(req *r, resp *w, const week *wk, const report *rep, const field_value *fv, const errs *e)
{
	html *b = resp_html(w);
	page_open(r, w, "修改全市总结表");
	breadcrumbs(r, w, "全市总结表", arena_printf(r->a, "/admin/city-form?week=%lld", wk->id), "修改");
	H(b, "<h1>修改全市总结表</h1><p class=\"lead\">%s</p>", wk->title);
	if (e && e->n)
		form_errors(b, errs_summary(e, r->a));
	form_open(r, b, "/admin/city-form", "form");
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\"><input type=\"hidden\" name=\"revision\" value=\"%D\">", wk->id,
	  rep->revision);
	html(b, "<h2>组织领导</h2>");
	field_input(b, "plan_issuer", "下发活动文件的部门", "text", rep->plan_issuer, false, "例如 南昌市教育局", e ? err_for(e, "plan_issuer") : NULL);
	field_input(b, "plan_coordinator", "具体协调部门", "text", rep->plan_coordinator, false, NULL, e ? err_for(e, "plan_coordinator") : NULL);
	field_input(b, "plan_author", "制定活动方案部门", "text", rep->plan_author, false, NULL, e ? err_for(e, "plan_author") : NULL);
	field_input(b, "ceremony_date", "开幕式日期", "date", rep->ceremony_date, false, NULL, e ? err_for(e, "ceremony_date") : NULL);
	field_input(b, "ceremony_venue", "开幕式地点", "text", rep->ceremony_venue, false, NULL, e ? err_for(e, "ceremony_venue") : NULL);
	field_textarea(b, "ceremony_leaders", "出席开幕式的领导", rep->ceremony_leaders, 3, 300, "姓名和职务，多位用顿号分隔",
		       e ? err_for(e, "ceremony_leaders") : NULL);
	html(b, "<h2>由中心填写的栏目</h2>");
	for (int i = 0; fv[i].def; i++) {
		/* the week's typed rows, each as a text_key and its text */
		const form_field_def *def = fv[i].def;
		if (def->kind != FK_NARRATIVE)
			continue;
		const char *err = e ? err_for(e, def->key) : NULL;
		H(b, "<div class=\"field%s\"><input type=\"hidden\" name=\"text_key\" value=\"%s\"><label for=\"f-%s\">%s</label>"
		     "<textarea id=\"f-%s\" name=\"text\" rows=\"6\" data-max=\"%d\">",
		  err ? " has-error" : "", def->key, def->key, def->label, def->key, def->max_chars);
		html_txt(b, fv[i].written ? fv[i].written : "");
		H(b, "</textarea><p class=\"hint\">建议不超过 %d 字。空一行分段。</p>", def->max_chars);
		if (err)
			H(b, "<p class=\"field-error\">%s</p>", err);
		html(b, "</div>");
	}
	html(b, "<p class=\"hint\">其余各栏由系统汇总各县区的记录，不需要填写。</p>"
		"<p class=\"actions\"><button type=\"submit\" class=\"primary\">保存</button></p></form>");
	page_close(r, w);
}

void page_city_form_edit(req *r, resp *w)
{
	week wk;
	report rep;
	if (city_report(r, w, &wk, &rep))
		city_edit_form(r, w, &wk, &rep, cityform_texts(r->db, r->a, &rep), NULL);
}

/* The plan and ceremony fields of rep as the form sent them. */
static void plan_params(req *r, report *rep)
{
	rep->plan_issuer = (char *)param(r, "plan_issuer");
	rep->plan_coordinator = (char *)param(r, "plan_coordinator");
	rep->plan_author = (char *)param(r, "plan_author");
	rep->ceremony_date = (char *)param(r, "ceremony_date");
	rep->ceremony_venue = (char *)param(r, "ceremony_venue");
	rep->ceremony_leaders = (char *)param(r, "ceremony_leaders");
}

void page_city_form_save(req *r, resp *w)
{
	week wk;
	report rep;
	if (!city_report(r, w, &wk, &rep))
		return;
	report in = {0};
	plan_params(r, &in);
	/* the typed rows: text_key and text pairs (the page's), or a row's own
	 * name (活动成效 as effect=..., as before the rows were the week's) */
	const char **tkeys, **texts;
	int ntk = param_all(r, "text_key", &tkeys), ntx = param_all(r, "text", &texts);
	if (ntk != ntx) {
		fail(r, w, 400, "提交的全市总结表不完整，请刷新页面后重新填写。");
		return;
	}
	int nrows = rep.form->n;
	const char **narrative = arena_alloc(r->a, sizeof *narrative * (size_t)(nrows + 1));
	for (int i = 0; i < nrows; i++) {
		const form_field_def *def = &rep.form->row[i];
		if (def->kind != FK_NARRATIVE)
			continue;
		narrative[i] = param(r, def->key) ? param(r, def->key) : "";
		for (int j = 0; j < ntk; j++)
			if (!strcmp(tkeys[j], def->key))
				narrative[i] = texts[j];
	}
	errs e = {0};
	actor who = page_actor(r);
	rep.revision = param_int(r, "revision", -1);
	if (cityform_save(r->db, r->a, &who, &rep, &in, narrative, &e) < 0) {
		w->status = 422;
		bool stale = errs_stale(&e);
		if (stale && !city_report(r, w, &wk, &rep))
			return;
		/* show what was typed, with the messages */
		report shown = rep;
		plan_params(r, &shown);
		field_value *fv = cityform_texts(r->db, r->a, &rep);
		if (stale) {
			/* what the other person saved beside what was typed */
			diff_row *rows = arena_alloc(r->a, sizeof *rows * (size_t)(6 + nrows));
			diff_row plan[6] = {
				{"下发活动文件的部门", rep.plan_issuer, in.plan_issuer}, {"具体协调部门", rep.plan_coordinator, in.plan_coordinator},
				{"制定活动方案部门", rep.plan_author, in.plan_author}, {"开幕式日期", rep.ceremony_date, in.ceremony_date},
				{"开幕式地点", rep.ceremony_venue, in.ceremony_venue}, {"出席开幕式的领导", rep.ceremony_leaders, in.ceremony_leaders},
			};
			memcpy(rows, plan, sizeof plan);
			int n = 6;
			for (int i = 0; fv[i].def && i < nrows; i++)
				if (narrative[i])
					rows[n++] = (diff_row){fv[i].def->label, fv[i].written, narrative[i]};
			conflict_prepare(r, w, rows, n, arena_printf(r->a, "/admin/city-form/edit?week=%lld", wk.id));
			e.n = 0;
		}
		for (int i = 0; fv[i].def && i < nrows; i++)
			if (narrative[i])
				fv[i].written = (char *)narrative[i];
		city_edit_form(r, w, &wk, &shown, fv, &e);
		return;
	}
	flash(r, w, "全市总结表已保存。");
	redirect(r, w, arena_printf(r->a, "/admin/city-form?week=%lld", wk.id));
}

static void city_form_file(req *r, resp *w, bool pdf)
{
	city_form_view v;
	if (!city_form_load(r, w, &v, false))
		return;
	const char *ext = pdf ? ".pdf" : ".docx";
	send_form(r, w, &v.doc, pdf, arena_printf(r->a, "%s%s", v.doc.title, ext), arena_printf(r->a, "city-form-%lld%s", v.wk.year, ext));
}

void page_city_form_pdf(req *r, resp *w)
{
	city_form_file(r, w, true);
}

void page_city_form_docx(req *r, resp *w)
{
	city_form_file(r, w, false);
}

void page_city_finalise(req *r, resp *w)
{
	/* the week named, never the current one in its place (stats_week on a POST) */
	week wk;
	if (!stats_week(r, w, "全市总结表", &wk))
		return;
	errs e = {0};
	actor who = page_actor(r);
	long long id = cityform_finalise(r->db, r->a, &who, wk.id, public_base(), &e);
	submission fin;
	if (!id || !final_load(r->db, r->a, id, &fin)) {
		fail(r, w, 409, "%s", errs_summary(&e, r->a));
		return;
	}
	flash(r, w, arena_printf(r->a, "全市总结表已定稿第 %lld 版，校验码 %s。", fin.version, verify_code_display(r->a, fin.verify_code)));
	redirect(r, w, arena_printf(r->a, "/admin/city-form?week=%lld#city-final", wk.id));
}

/* The city's 定稿 as PDF or DOCX: as frozen, with code, QR and digest in the
 * footer (the units' final files, submission_form_doc). */
static void city_final_file(req *r, resp *w, bool pdf)
{
	city_form_view v;
	if (!city_form_load(r, w, &v, false))
		return;
	submission fin;
	final_state fs = cityform_final(r->db, r->a, &v.cf, &fin);
	if (fs == FINAL_NONE) {
		fail(r, w, 404, "全市总结表还没有定稿。请先在全市总结表页定稿。");
		return;
	}
	if (fs == FINAL_VOID) {
		fail(r, w, 409, "全市总结表第 %D 版定稿后有单位重新报送或中心作了修改，它的校验码已作废。请重新定稿。", fin.version);
		return;
	}
	form_doc doc;
	submission_form_doc(r->a, &fin, &doc);
	const char *ext = pdf ? ".pdf" : ".docx";
	send_form(r, w, &doc, pdf, arena_printf(r->a, "%s-定稿第%lld版%s", doc.title, fin.version, ext),
		  arena_printf(r->a, "city-form-%lld-final-v%lld%s", v.wk.year, fin.version, ext));
}

void page_city_final_pdf(req *r, resp *w)
{
	city_final_file(r, w, true);
}

void page_city_final_docx(req *r, resp *w)
{
	city_final_file(r, w, false);
}

/* ---- the gallery ---- */

void page_gallery(req *r, resp *w)
{
	week wk;
	html *b = stats_page_open(r, w, "典型案例和照片", "/admin/gallery", " · 各单位上传的典型活动案例、案例照片和活动照片", &wk);
	if (!b)
		return;
	unit *units;
	int nu = stats_units(r->db, r->a, wk.id, &units);
	gallery_item *g;
	int ng = stats_gallery(r->db, r->a, wk.id, &g);
	for (int u = 0; u < nu; u++) {
		H(b, "<section class=\"gallery-unit\" id=\"unit-%D\"><h2>%s</h2>", units[u].id, units[u].name);
		int shown = 0;
		/* the typical case: a document, so a link */
		for (int i = 0; i < ng; i++)
			if (g[i].unit_id == units[u].id && !strcmp(g[i].kind, "case")) {
				H(b, "<p class=\"case\"><strong>典型活动案例：</strong><a href=\"/attachments/%D\">%s</a></p>", g[i].id, g[i].name);
				shown++;
			}
		static const struct {
			const char *kind, *label;
		} groups[] = {{"case_photo", "案例照片"}, {"photo", "活动照片（报送材料）"}, {"activity", "活动现场照片"}};
		for (size_t k = 0; k < sizeof groups / sizeof *groups; k++) {
			int n = 0;
			for (int i = 0; i < ng; i++) {
				if (g[i].unit_id != units[u].id || strcmp(g[i].kind, groups[k].kind))
					continue;
				if (!n++)
					H(b, "<h3>%s</h3><ul class=\"thumbs\">", groups[k].label);
				bool act = !strcmp(g[i].kind, "activity");
				const char *src = act ? arena_printf(r->a, "/photos/%lld", g[i].id) : arena_printf(r->a, "/attachments/%lld?inline=1", g[i].id);
				const char *alt = act ? arena_printf(r->a, "%s：%s", g[i].activity, g[i].name) : g[i].name;
				H(b, "<li><a href=\"%s\"><img src=\"%s\" alt=\"%s\" width=\"160\" height=\"120\" loading=\"lazy\"></a>", src, src, alt);
				if (act)
					H(b, "<span class=\"caption\">%s</span>", g[i].activity);
				html(b, "</li>");
			}
			if (n)
				html(b, "</ul>");
			if (n && !strcmp(groups[k].kind, "activity")) {
				long long all = stats_activity_photos(r->db, wk.id, units[u].id);
				if (all > n)
					H(b, "<p class=\"hint\">共 %D 张活动照片，这里显示前 %d 张。<a href=\"/units/%D/activities?week=%D\">查看全部活动</a></p>",
					  all, n, units[u].id, wk.id);
			}
			shown += n;
		}
		if (!shown)
			html(b, "<p class=\"empty\">尚未上传典型案例和照片。</p>");
		html(b, "</section>");
	}
	page_close(r, w);
}
