/* public.c: what residents see without logging in, and the plumbing pages
 * (/healthz, /static, the large-text switch). */
#include "pages.h"
#include "pages/calendar.h"
#include "core/embed.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <string.h>

static void week_dates(req *r, html *b, const week *wk)
{
	H(b, "<dl class=\"facts\"><div><dt>活动主题</dt><dd class=\"theme\">%s</dd></div>"
	     "<div><dt>活动时间</dt><dd>%s（%s）至 %s（%s）</dd></div>",
	  wk->theme, pub_date(r, wk->starts_on), weekday_cn(wk->starts_on),
	  pub_date(r, wk->ends_on), weekday_cn(wk->ends_on));
	H(b, "<div><dt>材料报送截止</dt><dd>%s 前</dd></div></dl>", pub_datetime(r, wk->deadline_at));
}

/* A week's public page as the organiser org shows it: the week, the weeks
 * copied from it below and their activities within org's subtree. */
static void render_week(req *r, resp *w, const week *wk, long long org)
{
	html *b = resp_html(w);
	cal_view cv;
	if (calendar_query_or_reply(r, w, wk, org, CALENDAR_PER_PAGE, &cv) < 0)
		return;
	page_open(r, w, wk->title);
	unit o;
	/* an organiser showing the week it reports in (it has none of its own) */
	if (org != wk->unit_id && unit_load(r->db, r->a, org, &o))
		H(b, "<section class=\"hero\"><p class=\"kicker\">%D 年 · %s</p><h1>%s</h1>", wk->year, o.name, wk->title);
	else
		H(b, "<section class=\"hero\"><p class=\"kicker\">%D 年</p><h1>%s</h1>", wk->year, wk->title);
	week_dates(r, b, wk);
	/* the notice is long (20,000 px in 长辈版): its own page, the activities first */
	if (wk->notice && *wk->notice)
		H(b, "<p class=\"notice-link\"><a href=\"/weeks/%D/notice\">阅读活动通知全文</a></p>", wk->id);
	html(b, "</section>\n");
	calendar_first(r, w, wk, &cv);
	calendar_section(r, w, wk, &cv);
	week *all;
	int n = week_list(r->db, r->a, wk->unit_id, &all);
	if (n > 1) {
		html(b, "<section class=\"years\"><h2>历届活动周</h2><ul>");
		for (int i = 0; i < n; i++)
			if (all[i].id != wk->id)
				H(b, "<li><a href=\"/weeks/%D\">%s</a></li>", all[i].id, all[i].title);
		html(b, "</ul></section>");
	}
	page_close(r, w);
}

static void no_week(req *r, resp *w)
{
	page_open(r, w, "全民终身学习活动周");
	html(resp_html(w), "<section class=\"hero\"><h1>全民终身学习活动周</h1>"
		       "<p class=\"empty\">本年度的活动周尚未发布，请稍后再来看看。</p></section>");
	page_close(r, w);
}

void page_home(req *r, resp *w)
{
	week wk;
	if (!week_current(r->db, r->a, unit_root(r->db), r->now, &wk)) {
		no_week(r, w);
		return;
	}
	render_week(r, w, &wk, unit_root(r->db));
}

/* /o/CODE/ (and /o/CODE/calendar.ics): an organiser's own public address,
 * the same pages scoped to its subtree and its week. */
void page_org_public(req *r, resp *w)
{
	const char *rest = r->path + strlen("/o/");
	size_t len = strcspn(rest, "/");
	const char *tail = rest + len;
	char *code = arena_strndup(r->a, rest, len);
	long long org = *code ? organiser_by_code(r->db, code) : 0;
	bool feed = !strcmp(tail, "/calendar.ics");
	if (!org || (*tail && strcmp(tail, "/") && !feed)) {
		fail(r, w, 404, "找不到这个地址。请检查链接，或从活动周首页进入。");
		return;
	}
	if (feed) {
		calendar_feed(r, w, org);
		return;
	}
	week wk;
	if (!org_current_week(r, org, &wk)) {
		no_week(r, w);
		return;
	}
	render_week(r, w, &wk, org);
}

void page_week_public(req *r, resp *w)
{
	week wk;
	if (!week_or_404(r, w, path_id(r, "week"), &wk))
		return;
	render_week(r, w, &wk, wk.unit_id);
}

void page_week_notice(req *r, resp *w)
{
	week wk;
	if (!week_load(r->db, r->a, path_id(r, "week"), &wk) || !wk.notice || !*wk.notice) {
		fail(r, w, 404, "找不到这一届活动周的通知。");
		return;
	}
	cache_depends(r, GEN_SITE, 0); /* the week's notice only */
	html *b = resp_html(w);
	page_open(r, w, arena_printf(r->a, "活动通知：%s", wk.title));
	H(b, "<p class=\"back\"><a href=\"/weeks/%D\">‹ %s活动安排</a></p>"
	     "<article class=\"notice-page\"><h1>%s活动通知</h1><div class=\"prose\">", wk.id, wk.title, wk.title);
	html_paragraphs(b, wk.notice);
	H(b, "</div></article><p class=\"actions\"><a class=\"button primary\" href=\"/weeks/%D\">看看活动安排</a></p>", wk.id);
	page_close(r, w);
}

void page_healthz(req *r, resp *w)
{
	w->content_type = "text/plain; charset=utf-8";
	if (database_answers(r->db)) {
		buf_puts(&w->body, "ok\n"); /* raw-ok: text/plain */
	} else {
		w->status = 503;
		buf_puts(&w->body, "database unavailable\n"); /* raw-ok: text/plain */
	}
}

/* The render cache's counters, for the centre and the tests: plain text, a
 * name and a number a line. */
void page_cache_stats(req *r, resp *w)
{
	(void)r;
	unsigned long long hits, misses;
	size_t bytes, pages;
	cache_stats(&hits, &misses, &bytes, &pages);
	w->content_type = "text/plain; charset=utf-8";
	buf_printf(&w->body, "hits %llu\nmisses %llu\npages %zu\nbytes %zu\n", hits, misses, pages, bytes); /* raw-ok: text/plain */
	/* why the misses missed: which generation ended a page, or none was kept */
	static const char *const kinds[CACHE_KINDS] = {"any", "site", "week", "activity", "resources", "showcase", "unit_week",
								     "deps"};
	cache_misses why;
	cache_why(&why);
	buf_printf(&w->body, "miss_absent %llu\n", why.absent); /* raw-ok: text/plain */
	for (int k = 0; k < CACHE_KINDS; k++)
		buf_printf(&w->body, "miss_changed_%s %llu\n", kinds[k], why.changed[k]); /* raw-ok: text/plain */
	buf_printf(&w->body, "miss_expired %llu\nevicted %llu\n", why.expired, why.evicted); /* raw-ok: text/plain */
}

static const char *mime_for(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg")) return "image/svg+xml";
	if (!strcmp(dot, ".png")) return "image/png";
	return "application/octet-stream";
}

void page_static(req *r, resp *w)
{
	char name[256];
	snprintf(name, sizeof name, "static/%s", r->path + strlen("/static/"));
	const embedded_file *f = embedded_find(name);
	if (!f || strstr(name, "..")) {
		fail(r, w, 404, "找不到这个文件。");
		return;
	}
	resp_header(r, w, "ETag", f->etag);
	/* pages link assets with ?v=<etag>, so a versioned URL never changes */
	resp_header(r, w, "Cache-Control", param(r, "v") ? "public, max-age=31536000, immutable" : "public, max-age=300");
	const char *inm = header(r, "If-None-Match");
	if (inm && !strcmp(inm, f->etag)) {
		w->status = 304;
		w->content_type = NULL;
		return;
	}
	w->content_type = mime_for(name);
	buf_append(&w->body, f->data, f->len); /* raw-ok: a static asset */
}

void page_text_size(req *r, resp *w)
{
	const char *size = param(r, "size");
	bool big = size && !strcmp(size, "big");
	set_cookie(r, w, "lw_big", big ? "1" : "0", 365LL * 86400, true);
	redirect(r, w, safe_next(r, param(r, "back"), "/"));
}
