/* calendar.c: what residents see of the activities, without logging in: the
 * week's list with filters (a plain GET form, so it works without
 * JavaScript in WeChat's browser), one page per activity with its QR code,
 * and the iCalendar feeds. Drafts never appear here. */
#include "pages/calendar.h"
#include "domain/calendar.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "out/ics.h"
#include "out/qr.h"
#include <ctype.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define FEED_MAX CALENDAR_COUNT_CAP  /* events in one /calendar.ics: a city's week is a few hundred */

/* ---- the site's own address ---- */

/* The public address's host without its port, for the feed's UIDs. Never
 * the Host header: a client chooses that, and a cached page is everyone's. */
static char *valid_host(req *r, bool with_port)
{
	const char *base = public_base();
	const char *h = strstr(base, "://");
	h = h ? h + 3 : base;
	size_t n = strcspn(h, with_port ? "/" : ":/");
	return arena_strndup(r->a, h, n);
}

/* ---- filters ---- */

static const char *nonempty(req *r, const char *name)
{
	const char *v = param(r, name);
	if (!v)
		return NULL;
	char *t = str_trim(arena_strdup(r->a, v));
	return *t ? t : NULL;
}

static void week_bounds(const week *wk, long long *from, long long *to)
{
	long long ws = 0, we = 0;
	date_parse(wk->starts_on, &ws);
	date_parse(wk->ends_on, &we);
	*from = ws * 86400 - SHANGHAI_OFFSET;
	*to = (we + 1) * 86400 - SHANGHAI_OFFSET;
}

static long long local_day_start(long long utc)
{
	long long t = utc + SHANGHAI_OFFSET;
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	return days * 86400 - SHANGHAI_OFFSET;
}

bool org_current_week(req *r, long long org, week *wk)
{
	return week_current(r->db, r->a, org, r->now, wk) || week_current_of_unit(r->db, r->a, org, r->now, wk);
}

const char *org_base(req *r, long long org)
{
	unit u;
	if (org == unit_root(r->db) || !unit_load(r->db, r->a, org, &u) || !u.code || !*u.code)
		return "";
	return arena_printf(r->a, "/o/%s", u.code);
}

/* At most this many weeks or units are named one by one in the render
 * cache (CACHE_MAX_DEPS, the site's among them); a scope of more depends on
 * every write. */
#define SCOPE_DEPS 6

/* The render cache's dependencies of a page over a public scope: each arm's
 * generation (a week's, or a unit's in a week), or every write past
 * SCOPE_DEPS arms. */
static void scope_depends(req *r, const week *wk, const scope_arm *arms, int narms)
{
	if (narms > SCOPE_DEPS) {
		cache_depends(r, GEN_ANY, 0);
	} else if (!narms) {
		cache_depends(r, GEN_WEEK, wk->id);
	} else {
		for (int i = 0; i < narms; i++)
			if (arms[i].unit_id)
				cache_depends(r, GEN_UNIT_WEEK, gen_unit_week(arms[i].week_id, arms[i].unit_id));
			else
				cache_depends(r, GEN_WEEK, arms[i].week_id);
	}
}

/* Reads the city and unit filters against the organiser's tree, finds the
 * scope they leave of the week and the weeks below it, and names what the
 * list depends on in the render cache before anything of it is read: the
 * unit's list in the week when the scope is one unit (a save elsewhere
 * leaves it cached), each week's, or for a scope of many, every write.
 * (The tree and the weeks are the site's generation, which the router
 * names first.) */
static int scope_or_reply(req *r, resp *w, const week *wk, long long org, cal_view *cv)
{
	cv->org = org;
	cv->city_id = param_int(r, "city", 0);
	if (cv->city_id) {
		unit c;
		if (!unit_load(r->db, r->a, cv->city_id, &c) || c.parent_id != org || !unit_has_children(r->db, c.id)) {
			fail(r, w, 400, "所选的市不在本页的范围内。请从「市」列表中选择，或选“全部”。");
			return -1;
		}
		cv->city_name = c.name;
	}
	cv->unit_id = param_int(r, "unit", 0);
	if (cv->unit_id) {
		unit u;
		if (!unit_load(r->db, r->a, cv->unit_id, &u)) {
			fail(r, w, 400, "所选的单位不存在。请从「单位」列表中选择，或选“全部单位”。");
			return -1;
		}
		if (!unit_within(r->db, u.id, org)) {
			fail(r, w, 400, "所选的单位不在本页的范围内。请从「单位」列表中选择，或选“全部单位”。");
			return -1;
		}
		/* another city chosen with the unit still set (the form, without
		 * script, sends both): the city wins */
		if (cv->city_id && !unit_within(r->db, u.id, cv->city_id))
			cv->unit_id = 0;
		else
			cv->unit_name = u.name;
	}
	long long node = cv->unit_id ? cv->unit_id : cv->city_id ? cv->city_id : org;
	cv->narms = public_scope(r->db, r->a, wk->id, node, &cv->arms);
	scope_depends(r, wk, cv->arms, cv->narms);
	return 0;
}

int calendar_query_or_reply(req *r, resp *w, const week *wk, long long org, long long per_page, cal_view *cv)
{
	memset(cv, 0, sizeof *cv);
	if (scope_or_reply(r, w, wk, org, cv) < 0)
		return -1;
	cv->page = param_int(r, "page", 1);
	if (cv->page < 1)
		cv->page = 1;
	long long content = param_int(r, "content", 0);
	if (content)
		cv->content = arena_printf(r->a, "%lld", content); /* "01" and "1" are the same item */
	cv->contents = week_choices(r->db, r->a, wk->id, "content");
	cv->audiences = week_choices(r->db, r->a, wk->id, "audience");
	if (cv->content && !strcmp(choice_label(&cv->contents, cv->content), cv->content)) {
		fail(r, w, 400, "本届活动周的「活动内容」只有 %d 项，没有第 %s 项。请从列表中选择。", cv->contents.n, cv->content);
		return -1;
	}
	cv->audience = nonempty(r, "audience");
	if (cv->audience) {
		bool known = false;
		for (int i = 0; i < cv->audiences.n; i++)
			known = known || !strcmp(cv->audience, cv->audiences.code[i]);
		if (!known) {
			fail(r, w, 400, "「参与对象」中没有「%s」。请从列表中选择，例如“%s”。", cv->audience,
			     cv->audiences.n ? cv->audiences.label[0] : "");
			return -1;
		}
	}
	cv->mode = nonempty(r, "mode");
	if (cv->mode && strcmp(cv->mode, "online") && strcmp(cv->mode, "offline")) {
		fail(r, w, 400, "「线上/线下」只能选“线上”或“线下”。");
		return -1;
	}
	cv->q = nonempty(r, "q");
	long long wfrom, wto;
	week_bounds(wk, &wfrom, &wto);
	long long from = 0, to = 0;
	cv->date = nonempty(r, "date");
	if (cv->date) {
		long long days = 0;
		date_parse(cv->date, &days); /* the router checked the form */
		from = days * 86400 - SHANGHAI_OFFSET;
		to = from + 86400;
		if (from < wfrom || from >= wto) {
			fail(r, w, 400, "所选日期不在%s（%s至%s）之内，请从「日期」列表中选择。", wk->title,
			     pub_date(r, wk->starts_on), pub_date(r, wk->ends_on));
			return -1;
		}
	}
	cv->when = nonempty(r, "when");
	if (cv->when) {
		long long a, b;
		if (!strcmp(cv->when, "now")) {
			a = r->now;
			b = r->now + 1;
		} else if (!strcmp(cv->when, "today")) {
			a = local_day_start(r->now);
			b = a + 86400;
		} else {
			fail(r, w, 400, "「时段」只能选“正在进行”或“今天”。");
			return -1;
		}
		/* with a date too, both apply: the window is what they share */
		from = from && from > a ? from : a;
		to = to && to < b ? to : b;
		if (from >= to)
			cv->outside = true;
	}
	cv->from = from;
	cv->to = to;
	if (!cv->narms)
		cv->outside = true; /* the unit reports in a week of another scope */

	if (!cv->outside) {
		public_query q = {
			.week_id = wk->id, .arms = cv->arms, .narms = cv->narms, .content = cv->content, .audience = cv->audience,
			.mode = cv->mode, .q = cv->q, .from = from, .to = to, .page = cv->page, .per_page = per_page,
			.count_cap = CALENDAR_COUNT_CAP + 1,
		};
		cv->n = public_activities(r->db, r->a, &q, &cv->v, &cv->total);
		if (cv->total > CALENDAR_COUNT_CAP) {
			cv->more = true;
			cv->total = CALENDAR_COUNT_CAP;
		}
	}
	cv->pages = (cv->total + per_page - 1) / per_page;
	if (cv->page > 1 && cv->page > cv->pages) {
		if (cv->more)
			fail(r, w, 404, "只能翻到第 %D 页。符合条件的活动太多，请用日期、单位等条件缩小范围。", cv->pages);
		else if (cv->pages)
			fail(r, w, 404, "没有第 %D 页：符合条件的活动共 %D 页。", cv->page, cv->pages);
		else
			fail(r, w, 404, "没有第 %D 页：没有符合条件的活动。", cv->page);
		return -1;
	}
	return 0;
}

/* ---- the list ---- */

static bool filtered(const cal_view *cv)
{
	return cv->city_id || cv->unit_id || cv->content || cv->audience || cv->mode || cv->date || cv->when || cv->q;
}

/* "?unit=3&amp;q=..." for a link that keeps the filters; when and date
 * replace the current ones (NULL drops them); page 1 is left out. */
static void query_string(html *b, const cal_view *cv, const char *when, const char *date, long long page)
{
	bool first = true;
#define QS_ARG(fmt, ...) do { \
		if (first) \
			html(b, "?"); \
		else \
			html(b, "&amp;"); \
		first = false; \
		H(b, fmt, __VA_ARGS__); \
	} while (0)
	if (cv->city_id)
		QS_ARG("city=%D", cv->city_id);
	if (cv->unit_id)
		QS_ARG("unit=%D", cv->unit_id);
	if (cv->content)
		QS_ARG("content=%u", cv->content);
	if (cv->audience)
		QS_ARG("audience=%u", cv->audience);
	if (cv->mode)
		QS_ARG("mode=%u", cv->mode);
	if (date)
		QS_ARG("date=%u", date);
	if (when)
		QS_ARG("when=%u", when);
	if (cv->q)
		QS_ARG("q=%u", cv->q);
	if (page > 1)
		QS_ARG("page=%D", page);
#undef QS_ARG
}

static char *iso_of_days(arena *a, long long days)
{
	long long y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	return arena_printf(a, "%04lld-%02u-%02u", y, m, d);
}


static void select_option(html *b, const char *value, const char *label, bool selected)
{
	H(b, "<option value=\"%s\"%s>%s</option>", value, selected ? " selected" : "", label);
}

static void filter_form(req *r, html *b, const week *wk, const cal_view *cv)
{
	const char *base = r->path;
	/* one tap for the questions residents ask most */
	html(b, "<p class=\"quick\">");
	const char *quick[][2] = {{"now", "正在进行"}, {"today", "今天"}};
	for (int i = 0; i < 2; i++) {
		bool on = cv->when && !strcmp(cv->when, quick[i][0]) && !cv->date;
		html qs = HTML_INIT;
		query_string(&qs, cv, on ? NULL : quick[i][0], NULL, 1);
		/* tapping the chosen one again turns it off */
		if (on)
			H(b, "<a class=\"button on\" href=\"%s%B\" aria-current=\"true\">%s</a> ", base, &qs, quick[i][1]);
		else
			H(b, "<a class=\"button\" href=\"%s%B\">%s</a> ", base, &qs, quick[i][1]);
		html_free(&qs);
	}
	if (filtered(cv))
		H(b, "<a class=\"button\" href=\"%s\">全部活动</a>", base);
	html(b, "</p>\n");

	H(b, "<form method=\"get\" action=\"%s\" class=\"cal-filters\" role=\"search\" aria-label=\"查找活动\">", base);
	html(b, "<div class=\"field\"><label for=\"f-q\">搜索</label>");
	H(b, "<input id=\"f-q\" type=\"search\" name=\"q\" value=\"%s\" maxlength=\"50\" placeholder=\"活动名称、单位或地点\"></div>",
	  cv->q ? cv->q : "");

	/* the choices fold away on a phone so that the list is near the top; the
	 * element needs no script, and it opens by itself when one is in use */
	if (cv->date || cv->when || cv->city_id || cv->unit_id || cv->content || cv->audience || cv->mode)
		html(b, "<details class=\"more\" open>");
	else
		html(b, "<details class=\"more\">");
	html(b, "<summary>按日期、单位等筛选</summary><div class=\"more-fields\">");
	html(b, "<div class=\"field\"><label for=\"f-date\">日期</label><select id=\"f-date\" name=\"date\">");
	select_option(b, "", "整个活动周", !cv->date);
	long long ws = 0, we = 0;
	date_parse(wk->starts_on, &ws);
	date_parse(wk->ends_on, &we);
	for (long long d = ws; d <= we && d < ws + 31; d++) {
		char *iso = iso_of_days(r->a, d);
		select_option(b, iso, pub_day(r, iso), cv->date && !strcmp(cv->date, iso));
	}
	html(b, "</select></div>");

	html(b, "<div class=\"field\"><label for=\"f-when\">时段</label><select id=\"f-when\" name=\"when\">");
	select_option(b, "", "不限", !cv->when);
	select_option(b, "now", "正在进行", cv->when && !strcmp(cv->when, "now"));
	select_option(b, "today", "今天", cv->when && !strcmp(cv->when, "today"));
	html(b, "</select></div>");

	/* above cities (a province): 市 first, and the units of the city chosen */
	unit *units;
	int nu = unit_children(r->db, r->a, cv->org, false, &units);
	bool levels = false;
	for (int i = 0; i < nu && !levels; i++)
		levels = unit_has_children(r->db, units[i].id);
	if (levels) {
		const char *label = nu && unit_kind_rank(units[0].kind) == 1 ? "市" : "下级单位";
		H(b, "<div class=\"field\"><label for=\"f-city\">%s</label><select id=\"f-city\" name=\"city\">", label);
		select_option(b, "", "全部", !cv->city_id);
		for (int i = 0; i < nu; i++)
			if (unit_has_children(r->db, units[i].id))
				H(b, "<option value=\"%D\"%s>%s</option>", units[i].id, units[i].id == cv->city_id ? " selected" : "",
				  units[i].name);
		html(b, "</select></div>");
		nu = cv->city_id ? unit_children(r->db, r->a, cv->city_id, false, &units) : 0;
	}
	if (!levels || cv->city_id || cv->unit_id) {
		html(b, "<div class=\"field\"><label for=\"f-unit\">单位</label><select id=\"f-unit\" name=\"unit\">");
		select_option(b, "", "全部单位", !cv->unit_id);
		bool listed = false;
		for (int i = 0; i < nu; i++) {
			H(b, "<option value=\"%D\"%s>%s</option>", units[i].id, units[i].id == cv->unit_id ? " selected" : "",
			  units[i].name);
			listed = listed || units[i].id == cv->unit_id;
		}
		if (cv->unit_id && !listed) /* a retired unit or one further down: keep it chosen */
			H(b, "<option value=\"%D\" selected>%s</option>", cv->unit_id, cv->unit_name);
		html(b, "</select></div>");
	}

	html(b, "<div class=\"field\"><label for=\"f-content\">活动内容</label><select id=\"f-content\" name=\"content\">");
	select_option(b, "", "全部内容", !cv->content);
	for (int i = 0; i < cv->contents.n; i++)
		select_option(b, cv->contents.code[i], cv->contents.label[i], cv->content && !strcmp(cv->content, cv->contents.code[i]));
	html(b, "</select></div>");

	html(b, "<div class=\"field\"><label for=\"f-audience\">参与对象</label><select id=\"f-audience\" name=\"audience\">");
	select_option(b, "", "全部对象", !cv->audience);
	for (int i = 0; i < cv->audiences.n; i++)
		select_option(b, cv->audiences.code[i], cv->audiences.label[i],
			      cv->audience && !strcmp(cv->audience, cv->audiences.code[i]));
	html(b, "</select></div>");

	html(b, "<div class=\"field\"><label for=\"f-mode\">线上/线下</label><select id=\"f-mode\" name=\"mode\">");
	select_option(b, "", "全部", !cv->mode);
	select_option(b, "offline", "线下（到现场）", cv->mode && !strcmp(cv->mode, "offline"));
	select_option(b, "online", "线上（网上参加）", cv->mode && !strcmp(cv->mode, "online"));
	html(b, "</select></div></div></details>");

	html(b, "<p class=\"actions\"><button type=\"submit\" class=\"primary\">查找活动</button>");
	if (filtered(cv))
		H(b, " <a class=\"button\" href=\"%s\">清除筛选</a>", base);
	html(b, "</p></form>\n");
}

static const char *hhmm(req *r, long long utc)
{
	return datetime_local_iso(r->a, utc) + 11;
}

static void where_text(html *b, const activity *x)
{
	if (*x->venue && *x->street)
		H(b, "%s（%s）", x->venue, x->street);
	else if (*x->venue)
		H(b, "%s", x->venue);
	else if (*x->street)
		H(b, "%s", x->street);
}

/* The nodes between org and the unit, the highest first ("南昌市 · 东湖区"
 * below a province); "" for a unit right below org or outside its tree. */
static const char *unit_above(req *r, long long org, long long unit_id)
{
	unit *up;
	int n = unit_ancestors(r->db, r->a, unit_id, &up), k = 0;
	while (k < n && up[k].id != org)
		k++;
	const char *s = "";
	for (int i = k + 1; i < n; i++)
		s = arena_printf(r->a, "%s%s%s", s, *s ? " · " : "", up[i].name);
	return s;
}

/* Where the activity's unit is below the page's organiser: 南昌市 · 东湖区 ·
 * its unit on the province's pages, the unit alone on the city's (as before
 * levels). */
static const char *unit_path(req *r, long long org, const activity *x)
{
	const char *above = unit_above(r, org, x->unit_id);
	return *above ? arena_printf(r->a, "%s · %s", above, x->unit_name) : x->unit_name;
}

static void list_item(req *r, html *b, const activity *x, long long org, const choices *contents)
{
	bool cancelled = !strcmp(x->status, "cancelled");
	char *d1 = date_iso_from_utc(r->a, x->starts_at), *d2 = date_iso_from_utc(r->a, x->ends_at);
	H(b, "<li class=\"act%s\"><p class=\"act-time\"><time datetime=\"%s+08:00\">%s</time>–", cancelled ? " is-cancelled" : "",
	  datetime_local_iso(r->a, x->starts_at), hhmm(r, x->starts_at));
	if (strcmp(d1, d2))
		H(b, "%s ", pub_day(r, d2));
	H(b, "%s", hhmm(r, x->ends_at));
	if (cancelled)
		html(b, " <strong class=\"badge badge-cancelled\">已取消</strong>");
	else if (x->ends_at <= r->now)
		html(b, " <span class=\"badge badge-over\">已结束</span>");
	else if (x->starts_at <= r->now)
		html(b, " <span class=\"badge badge-now\">正在进行</span>");
	H(b, "</p><h4 class=\"act-title\"><a href=\"/a/%D\">%s</a></h4><p class=\"act-meta\">%s · %s", x->id, x->title,
	  unit_path(r, org, x), mode_label(x->mode));
	if (*x->venue || *x->street) {
		html(b, " · ");
		where_text(b, x);
	}
	html(b, "</p>");
	if (x->content.n) {
		html(b, "<p class=\"act-tags\">");
		tag_list(b, &x->content, contents);
		html(b, "</p>");
	}
	html(b, "</li>\n");
}

/* The activities under a heading per day (12月1日 星期四; with the year when
 * it is not this year's); one that began before `from` is shown under
 * from's day. */
static void by_day(req *r, html *b, activity *v, int n, long long from, long long org, const choices *contents)
{
	const char *day = NULL;
	for (int i = 0; i < n; i++) {
		const activity *x = &v[i];
		long long t = from && x->starts_at < from ? from : x->starts_at;
		char *d = date_iso_from_utc(r->a, t);
		if (!day || strcmp(day, d)) {
			if (day)
				html(b, "</ul>\n");
			H(b, "<h3 class=\"day\">%s</h3>\n<ul class=\"acts\">\n", pub_day(r, d));
			day = d;
		}
		list_item(r, b, x, org, contents);
	}
	if (day)
		html(b, "</ul>\n");
}

#define UPCOMING 5 /* today and next: a screen or two on a phone in 长辈版 */

void calendar_first(req *r, resp *w, const week *wk, const cal_view *cv)
{
	html *b = resp_html(w);
	long long wfrom, wto;
	week_bounds(wk, &wfrom, &wto);
	/* 今天和接下来: while the week lasts, on the plain list only */
	if (!filtered(cv) && cv->page == 1 && r->now < wto && cv->narms) {
		long long from = r->now > wfrom ? r->now : wfrom;
		public_query q = {.week_id = wk->id, .arms = cv->arms, .narms = cv->narms, .from = from, .to = wto, .page = 1,
				  .per_page = UPCOMING, .count_cap = UPCOMING};
		activity *v;
		long long total;
		int n = public_activities(r->db, r->a, &q, &v, &total);
		if (n) {
			html(b, "<section class=\"upcoming\" aria-labelledby=\"next-h\"><h2 id=\"next-h\">今天和接下来</h2>\n");
			activities_content_tags(r->db, r->a, v, n);
			by_day(r, b, v, n, r->now > wfrom ? local_day_start(r->now) : 0, cv->org, &cv->contents);
			html(b, "</section>\n");
		}
	}
	/* the week's days: one link each, no script needed; each lands on the count
	 * of what was found (#found), past the filters that a chosen day opens */
	long long ws = 0, we = 0;
	date_parse(wk->starts_on, &ws);
	date_parse(wk->ends_on, &we);
	html(b, "<nav class=\"days\" aria-label=\"按日期看\"><h2>按日期看</h2><ul>");
	for (long long d = ws; d <= we && d < ws + 31; d++) {
		char *iso = iso_of_days(r->a, d);
		bool on = cv->date && !strcmp(cv->date, iso);
		if (on)
			H(b, "<li><a class=\"button on\" href=\"%s?date=%u#found\" aria-current=\"true\">", r->path, iso);
		else
			H(b, "<li><a class=\"button\" href=\"%s?date=%u#found\">", r->path, iso);
		H(b, "%s<small>%s</small></a></li>", pub_date(r, iso), weekday_cn(iso));
	}
	html(b, "</ul></nav>\n");
	H(b, "<p class=\"near-link\"><a class=\"button\" href=\"/weeks/%D/near\">离我近的：按街道、乡镇找活动</a></p>\n", wk->id);
}

void page_week_near(req *r, resp *w)
{
	week wk;
	if (!week_or_404(r, w, path_id(r, "week"), &wk))
		return;
	html *b = resp_html(w);
	/* the week's organiser's scope, as /weeks/N shows it: the weeks below too */
	scope_arm *arms;
	int narms = public_scope(r->db, r->a, wk.id, wk.unit_id, &arms);
	scope_depends(r, &wk, arms, narms);
	street_count *v;
	int n = scope_streets(r->db, r->a, arms, narms, &v);
	page_open(r, w, "离我近的活动");
	H(b, "<p class=\"back\"><a href=\"/weeks/%D\">‹ %s活动安排</a></p><h1>离我近的活动</h1>"
	     "<p class=\"lead\">先找您住的县区，再点街道或乡镇，就能看到那里的活动。</p>", wk.id, wk.title);
	if (!n)
		html(b, "<p class=\"empty\">活动的街道、乡镇还没有登记。可以回到活动安排，用“搜索”找地点。</p>");
	long long cur = 0;
	for (int i = 0; i < n; i++) {
		if (v[i].unit_id != cur) {
			if (cur)
				html(b, "</ul></section>");
			H(b, "<section class=\"near\"><h2>%s</h2><ul class=\"streets\">", v[i].unit_name);
			cur = v[i].unit_id;
		}
		H(b, "<li><a class=\"button\" href=\"/weeks/%D?q=%u#found\">%s<small>%D 项</small></a></li>", wk.id, v[i].street,
		  v[i].street, v[i].n);
	}
	if (cur)
		html(b, "</ul></section>");
	page_close(r, w);
}

/* The list's pages: its own query string (the first page has no page=). */
static void calendar_pager(req *r, html *b, const cal_view *cv)
{
	if (cv->pages < 2)
		return;
	html prev = HTML_INIT, next = HTML_INIT, qs = HTML_INIT;
	query_string(&qs, cv, cv->when, cv->date, cv->page - 1);
	H(&prev, "%s%B", r->path, &qs);
	html_reset(&qs);
	query_string(&qs, cv, cv->when, cv->date, cv->page + 1);
	H(&next, "%s%B", r->path, &qs);
	pager_links(b, cv->page > 1 ? &prev : NULL, cv->page < cv->pages ? &next : NULL, cv->page, cv->pages);
	html_free(&qs);
	html_free(&prev);
	html_free(&next);
}

void calendar_section(req *r, resp *w, const week *wk, const cal_view *cv)
{
	html *b = resp_html(w);
	html(b, "<section class=\"activities\" aria-labelledby=\"act-h\"><h2 id=\"act-h\">活动安排</h2>\n");
	filter_form(r, b, wk, cv);

	long long wfrom, wto;
	week_bounds(wk, &wfrom, &wto);
	if (cv->when && (local_day_start(r->now) + 86400 <= wfrom || local_day_start(r->now) >= wto))
		H(b, "<p class=\"note\">今天不在%s（%s至%s）之内。</p>", wk->title, pub_date(r, wk->starts_on),
		  pub_date(r, wk->ends_on));
	if (!cv->total) {
		if (filtered(cv))
			H(b, "<p class=\"empty\" id=\"found\" role=\"status\">没有找到符合条件的活动。可以换个条件，或 <a href=\"%s\">查看全部活动</a>。</p>",
			  r->path);
		else
			html(b, "<p class=\"empty\" id=\"found\" role=\"status\">本届活动周的活动正在陆续发布，敬请关注。</p>");
		html(b, "</section>\n");
		return;
	}
	if (cv->more)
		H(b, "<p class=\"count\" id=\"found\" role=\"status\">找到 <strong>%D 多</strong>项活动，可以用上面的条件缩小范围", cv->total);
	else
		H(b, "<p class=\"count\" id=\"found\" role=\"status\">共找到 <strong>%D</strong> 项活动", cv->total);
	if (cv->pages > 1)
		H(b, "，这是第 %D 页（每页 %d 项）", cv->page, CALENDAR_PER_PAGE);
	html(b, "。</p>\n");

	activities_content_tags(r->db, r->a, cv->v, cv->n);
	by_day(r, b, cv->v, cv->n, cv->from, cv->org, &cv->contents);
	calendar_pager(r, b, cv);

	week cur;
	if (org_current_week(r, cv->org, &cur) && cur.id == wk->id) {
		html qs = HTML_INIT;
		query_string(&qs, cv, cv->when, cv->date, 1);
		H(b, "<p class=\"subscribe\"><a href=\"%s/calendar.ics%B\">把%s的活动添加到手机日历（订阅）</a></p>\n",
		  org_base(r, cv->org), &qs, filtered(cv) ? "筛选出" : "本周");
		html_free(&qs);
	}
	html(b, "</section>\n");
}

/* ---- one activity ---- */

static void fact_tags(html *b, const char *label, const tags *t, const choices *labels)
{
	if (!t->n)
		return;
	H(b, "<div><dt>%s</dt><dd>", label);
	tag_list(b, t, labels);
	html(b, "</dd></div>");
}

void page_activity_public(req *r, resp *w)
{
	activity x;
	if (!public_activity_of_path(r, w, &x))
		return;
	html *b = resp_html(w);
	bool cancelled = !strcmp(x.status, "cancelled"), over = x.ends_at <= r->now;
	page_open(r, w, x.title);
	week wk;
	if (week_load(r->db, r->a, x.week_id, &wk))
		H(b, "<p class=\"back\"><a href=\"/weeks/%D\">‹ %s活动安排</a></p>", wk.id, wk.title);
	H(b, "<article class=\"activity-page\"><p class=\"kicker\">%s</p><h1>%s</h1>\n", x.unit_name, x.title);
	if (cancelled)
		html(b, "<p class=\"cancelled-note\" role=\"alert\"><strong>已取消</strong>：本活动已取消，不再举行。</p>\n");
	else if (over)
		html(b, "<p class=\"note\">本活动已结束。</p>\n");

	html(b, "<dl class=\"facts\"><div><dt>时间</dt><dd>");
	activity_when(r, b, &x);
	H(b, "</dd></div><div><dt>活动方式</dt><dd>%s</dd></div>", mode_label(x.mode));
	if (*x.venue || *x.street) {
		html(b, "<div><dt>地址</dt><dd class=\"address\">");
		where_text(b, &x);
		html(b, "</dd></div>");
	}
	if (*x.online_url)
		H(b, "<div><dt>线上链接</dt><dd><a href=\"%s\" rel=\"noopener noreferrer nofollow\" class=\"url\">%s</a></dd></div>",
		  x.online_url, x.online_url);
	H(b, "<div><dt>主办单位</dt><dd>%s</dd></div>", x.host);
	if (*x.co_hosts)
		H(b, "<div><dt>协办单位</dt><dd>%s</dd></div>", x.co_hosts);
	H(b, "<div><dt>举办县区</dt><dd>%s</dd></div>", x.unit_name);
	/* below a province: the city (and county) it belongs to */
	const char *above = unit_above(r, unit_root(r->db), x.unit_id);
	if (*above)
		H(b, "<div><dt>所属地区</dt><dd>%s</dd></div>", above);
	consult_phone_fact(r, b, &x);
	choices contents = week_choices(r->db, r->a, x.week_id, "content");
	fact_tags(b, "活动内容", &x.content, &contents);
	fact_tags(b, "学习主题", &x.subjects, NULL);
	fact_tags(b, "活动形式", &x.forms, NULL);
	fact_tags(b, "参与对象", &x.audiences, NULL);
	if (x.capacity >= 0) {
		long long left = x.capacity - activity_places_taken(r->db, x.id);
		H(b, "<div><dt>名额</dt><dd>共 %D 人", x.capacity);
		if (!cancelled && !over) {
			if (left > 0)
				H(b, "，<strong>还剩 %D 个</strong>", left);
			else
				html(b, "，<strong>已报满</strong>");
		}
		html(b, "</dd></div>");
	}
	html(b, "</dl>\n");

	html(b, "<p class=\"actions\">");
	if (!cancelled && !over)
		H(b, "<a class=\"button primary signup-top\" href=\"/a/%D/signup\">报名</a> ", x.id);
	H(b, "<a class=\"button\" href=\"/a/%D/calendar.ics\">加入手机日历</a></p>\n", x.id);
	if (!cancelled && !over)
		html(b, "<p class=\"hint\">在微信里打不开日历时，请点右上角“…”，选择“在浏览器打开”后再点“添加到日历”。</p>\n");

	if (!cancelled && !over)
		mine_form(r, b, &x, NULL);

	if (*x.description) {
		html(b, "<h2>活动简介</h2><div class=\"prose\">");
		html_paragraphs(b, x.description);
		html(b, "</div>\n");
	}
	photo *ph;
	int np = activity_photos(r->db, r->a, x.id, &ph);
	if (np) {
		html(b, "<h2>活动照片</h2><ul class=\"photos\">");
		for (int i = 0; i < np; i++)
			H(b, "<li><img src=\"/photos/%D\" alt=\"%s\" loading=\"lazy\" width=\"320\"></li>", ph[i].id, ph[i].name);
		html(b, "</ul>\n");
	}
	activity_resources_section(r, b, x.id); /* the open learning resources it uses */

	const char *origin = public_base();
	char *url = arena_printf(r->a, "%s/a/%lld", origin ? origin : "", x.id);
	html(b, "<figure class=\"qr\">");
	qr_svg(b, url, 200, "本页的二维码");
	H(b, "<figcaption>扫一扫，在手机上打开本页，或分享给家人朋友。<br><span class=\"url\">%s</span></figcaption></figure>\n", url);
	/* on a phone the 报名 button above gives way to this one, which stays at
	 * the bottom of the screen, full width, all down the page (position:
	 * sticky as the article's last child: no script) */
	if (!cancelled && !over)
		H(b, "<p class=\"signup-bar\"><a class=\"button primary\" href=\"/a/%D/signup\">报名</a></p>\n", x.id);
	html(b, "</article>\n");
	page_close(r, w);
}

/* ---- the organiser's consultation number ---- */

/* ---- iCalendar ---- */

static void event_of(arena *a, buf *b, const activity *x, const char *origin, const char *host)
{
	buf desc = BUF_INIT, loc = BUF_INIT;
	/* plain text, not HTML: ics.c escapes it for the feed */
	buf_printf(&desc, "主办单位：%s\n", x->host);
	if (*x->co_hosts)
		buf_printf(&desc, "协办单位：%s\n", x->co_hosts);
	buf_printf(&desc, "举办县区：%s\n活动方式：%s\n", x->unit_name, mode_label(x->mode));
	if (*x->online_url)
		buf_printf(&desc, "线上链接：%s\n", x->online_url);
	if (*x->description)
		buf_printf(&desc, "\n%s\n", x->description);
	char *page = origin ? arena_printf(a, "%s/a/%lld", origin, x->id) : NULL;
	if (page)
		buf_printf(&desc, "\n详情：%s", page);
	if (*x->venue)
		buf_puts(&loc, x->venue);
	if (*x->street)
		buf_printf(&loc, *x->venue ? "（%s）" : "%s", x->street);
	if (!loc.len && *x->online_url)
		buf_printf(&loc, "线上：%s", x->online_url);
	bool cancelled = !strcmp(x->status, "cancelled");
	ics_event e = {
		.uid = arena_printf(a, "activity-%lld@%s", x->id, host ? host : "learnweek"),
		.starts_at = x->starts_at, .ends_at = x->ends_at, .sequence = x->revision,
		/* the last change, not the request's time: the same feed for the
		 * same data, so it can be cached and compared */
		.stamp = x->updated_at,
		.summary = cancelled ? arena_printf(a, "（已取消）%s", x->title) : x->title,
		.location = buf_cstr(&loc), .description = buf_cstr(&desc), .url = page, .cancelled = cancelled,
	};
	ics_event_write(b, &e);
	buf_free(&desc);
	buf_free(&loc);
}

static void ics_headers(req *r, resp *w, const char *filename)
{
	w->content_type = "text/calendar; charset=utf-8";
	download_header(r, w, true, filename, NULL);
	resp_header(r, w, "Cache-Control", "public, max-age=300");
}

void page_activity_ics(req *r, resp *w)
{
	activity x;
	if (!public_activity_of_path(r, w, &x))
		return;
	ics_headers(r, w, arena_printf(r->a, "activity-%lld.ics", x.id));
	ics_begin(&w->body, x.title);
	event_of(r->a, &w->body, &x, public_base(), valid_host(r, false));
	ics_end(&w->body);
}

/* The unfiltered feed is the whole week, whatever its size: written a batch
 * of FEED_BATCH events at a time as the client reads, each batch read from
 * the database on its own and freed before the next, so the memory is one
 * batch's at any size. (A feed that filters is one query, capped at
 * FEED_MAX: the resident narrows it.) */
#define FEED_BATCH 200
typedef struct feed_stream {
	db *d;
	public_query scope;   /* its arms malloc'd: the stream outlives the request */
	long long after_start, after_id;
	char *origin, *host;
	buf out;
	size_t sent;
	bool done;
} feed_stream;

static long feed_read(void *ctx, char *dst, size_t max)
{
	feed_stream *f = ctx;
	while (f->sent >= f->out.len) {
		buf_reset(&f->out);
		f->sent = 0;
		if (f->done)
			return 0;
		arena a = {0};
		activity *v;
		int n = public_scope_after(f->d, &a, &f->scope, f->after_start, f->after_id, FEED_BATCH, &v);
		if (n < 0) {
			arena_free(&a);
			return -1;
		}
		for (int i = 0; i < n; i++)
			event_of(&a, &f->out, &v[i], f->origin, f->host);
		if (n > 0) {
			f->after_start = v[n - 1].starts_at;
			f->after_id = v[n - 1].id;
		}
		if (n < FEED_BATCH) {
			ics_end(&f->out);
			f->done = true;
		}
		arena_free(&a);
	}
	size_t k = f->out.len - f->sent < max ? f->out.len - f->sent : max;
	memcpy(dst, f->out.p + f->sent, k);
	f->sent += k;
	return (long)k;
}

/* Whole-week feeds past FEED_MAX events being written now. One costs about
 * 50 us of CPU per event (a province's week of 100,000 activities: about 5 s),
 * and a feed larger than a quarter of the page cache is never cached, so past
 * FEED_STREAMS at once the next is refused with 503 rather than letting
 * anonymous requests take every core. A week of at most FEED_MAX is one
 * query and one page, as a filtered feed, and never counts. */
#define FEED_STREAMS 2
static atomic_int feeds_open;

static void feed_free(void *ctx)
{
	feed_stream *f = ctx;
	atomic_fetch_sub(&feeds_open, 1);
	buf_free(&f->out);
	free((void *)f->scope.arms);
	free(f->origin);
	free(f->host);
	free(f);
}

void page_calendar_ics(req *r, resp *w)
{
	calendar_feed(r, w, unit_root(r->db));
}

void calendar_feed(req *r, resp *w, long long org)
{
	week wk;
	if (!org_current_week(r, org, &wk)) {
		fail(r, w, 404, "本年度的活动周尚未发布，暂时没有可订阅的活动。");
		return;
	}
	cal_view cv;
	bool unfiltered = true; /* every filter empty, as the form sends "all" */
	for (int i = 0; i < r->nparams; i++)
		if (*r->params[i].v)
			unfiltered = false;
	if (calendar_query_or_reply(r, w, &wk, org, FEED_MAX, &cv) < 0)
		return;
	bool past = cv.more || cv.total > FEED_MAX;
	if (past && !unfiltered) {
		fail(r, w, 400, "符合条件的活动有 %D %s项，一次最多订阅 %d 项。请先选择单位、日期或活动内容，缩小范围后再订阅。",
		     cv.total, cv.more ? "多" : "", FEED_MAX);
		return;
	}
	if (past) { /* the whole week past one query: streamed */
		if (atomic_fetch_add(&feeds_open, 1) >= FEED_STREAMS) {
			atomic_fetch_sub(&feeds_open, 1);
			fail(r, w, 503, "同时订阅整周活动的人较多，请稍等一分钟再试；也可以先选择单位或日期，订阅其中一部分。");
			resp_header(r, w, "Retry-After", "60");
			return;
		}
		feed_stream *f = calloc(1, sizeof *f);
		scope_arm *arms = malloc(sizeof *arms * (size_t)(cv.narms + 1));
		const char *origin = public_base(), *host = valid_host(r, false);
		if (!f || !arms) {
			free(f);
			free(arms);
			atomic_fetch_sub(&feeds_open, 1);
			fail(r, w, 503, "服务器正忙，请稍后再试。");
			return;
		}
		if (cv.narms)
			memcpy(arms, cv.arms, sizeof *arms * (size_t)cv.narms);
		*f = (feed_stream){.d = r->db, .scope = {.week_id = wk.id, .arms = arms, .narms = cv.narms}, .after_start = LLONG_MIN,
				   .origin = origin ? strdup(origin) : NULL, .host = host ? strdup(host) : NULL};
		ics_begin(&f->out, wk.title);
		ics_headers(r, w, "learnweek.ics");
		w->stream = feed_read;
		w->stream_free = feed_free;
		w->stream_ctx = f;
		return;
	}
	ics_headers(r, w, "learnweek.ics");
	const char *origin = public_base(), *host = valid_host(r, false);
	ics_begin(&w->body, wk.title);
	for (int i = 0; i < cv.n; i++)
		event_of(r->a, &w->body, &cv.v[i], origin, host);
	ics_end(&w->body);
}
