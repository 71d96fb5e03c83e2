/* kit.c: what every page uses: the actor, the week and id parameters, the
 * public address, downloads and stored files, error lists, week pickers. */
#include "pages/kit.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

actor page_actor(req *r)
{
	actor a = {r->user.id, r->user.username, r->address, r->now};
	return a;
}

const char *safe_next(req *r, const char *next, const char *dflt)
{
	(void)r;
	/* only a path on this site: "/x", never "//host" or "/\host"; and no
	 * control character: browsers drop tabs and newlines from a Location, so
	 * "/<TAB>/host" would become "//host" */
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return dflt;
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return dflt;
	return next;
}

/* Whose weeks a page is about: the unit that owns the route's target (or,
 * on a staff page without one, the account's unit) reports in its ancestors'
 * weeks; a centre route without a target shows the organiser's own weeks; the
 * public pages the top's. */
static long long week_scope(req *r, bool *of_unit)
{
	bool centre = r->route && (r->route->need == A_CENTRE_READ || r->route->need == A_CENTRE_ADMIN);
	long long owner = r->target_unit ? r->target_unit : path_id(r, "unit");
	*of_unit = owner || (r->user.id && !centre);
	if (*of_unit)
		return owner ? owner : r->user.unit_id;
	return r->user.id ? r->user.unit_id : unit_root(r->db);
}

bool week_now(req *r, week *wk)
{
	bool of_unit;
	long long who = week_scope(r, &of_unit);
	return of_unit ? week_current_of_unit(r->db, r->a, who, r->now, wk) : week_current(r->db, r->a, who, r->now, wk);
}

int week_choices_list(req *r, week **out)
{
	bool of_unit;
	long long who = week_scope(r, &of_unit);
	return of_unit ? week_list_of_unit(r->db, r->a, who, out) : week_list(r->db, r->a, who, out);
}

long long week_param(req *r)
{
	long long id = param_int(r, "week", 0);
	week named;
	bool of_unit;
	long long who = week_scope(r, &of_unit);
	/* a week the page's scope has: one the unit reports in, or one of an
	 * organiser within the actor's node; any other is not this page's */
	if (id && week_load(r->db, r->a, id, &named) &&
	    (of_unit ? week_of_unit(r->db, who, named.year) == id : unit_within(r->db, named.unit_id, who)))
		return id;
	week wk;
	return week_now(r, &wk) ? wk.id : 0;
}

bool may(req *r, rule_action a, long long unit_id)
{
	return r->user.id && rule_allows_in(r->db, a, r->user.role, r->user.unit_id, unit_id);
}

int ids_param(req *r, const char *name, long long **out)
{
	const char **v;
	int n = param_all(r, name, &v);
	long long *ids = arena_alloc(r->a, sizeof *ids * (size_t)(n + 1));
	int k = 0;
	for (int i = 0; i < n; i++)
		if (parse_int64(v[i], 1, 1LL << 53, &ids[k]))
			k++;
	*out = ids;
	return k;
}

void error_list(html *b, const errs *e)
{
	if (!e || !e->n)
		return;
	H(b, "<div class=\"errors\" role=\"alert\"><p>有 %d 处需要修改：</p><ul>", e->n);
	for (int i = 0; i < e->n; i++)
		H(b, "<li>%s</li>", e->msg[i]);
	html(b, "</ul></div>");
}

bool or_404(req *r, resp *w, bool ok, const char *msg)
{
	if (!ok)
		fail(r, w, 404, "%s", msg);
	return ok;
}

void pager_links(html *b, const html *prev, const html *next, long long page, long long pages)
{
	if (pages < 2)
		return;
	html(b, "<nav class=\"pager\" aria-label=\"翻页\">");
	if (prev)
		H(b, "<a class=\"button\" href=\"%B\" rel=\"prev\">上一页</a> ", prev);
	H(b, "<span>第 %D / %D 页</span>", page, pages);
	if (next)
		H(b, " <a class=\"button\" href=\"%B\" rel=\"next\">下一页</a>", next);
	html(b, "</nav>\n");
}

void action_end(req *r, resp *w, bool ok, int status, const char *failed, const char *done, const char *to)
{
	if (!ok) {
		fail(r, w, status, "%s", failed);
		return;
	}
	flash(r, w, done);
	redirect(r, w, to);
}

void remove_then(req *r, resp *w, remover *remove, long long id, const char *done, const char *to)
{
	errs e = {0};
	actor who = page_actor(r);
	bool ok = remove(r->db, r->a, &who, id, &e) >= 0;
	action_end(r, w, ok, 409, errs_summary(&e, r->a), done, to);
}

void pager_of(html *b, const html *list, long long page, long long total, long long per_page)
{
	pager(b, list, page > 0 ? page : 1, (total + per_page - 1) / per_page);
}

bool table_open(html *b, int n, const char *empty, const char *const *heads, int nheads)
{
	if (!n) {
		H(b, "<p class=\"empty\">%s</p>", empty);
		return false;
	}
	html(b, "<div class=\"table-wrap\"><table><thead><tr>");
	for (int i = 0; i < nheads; i++)
		H(b, "<th scope=\"col\">%s</th>", heads[i]);
	html(b, "</tr></thead><tbody>");
	return true;
}

void table_close(html *b)
{
	html(b, "</tbody></table></div>");
}

void form_page_open(req *r, resp *w, const char *title, const char *list, const char *list_href)
{
	page_open(r, w, title);
	breadcrumbs(r, w, list, list_href, title);
	H(resp_html(w), "<h1>%s</h1>", title);
}

html *form_view_open(req *r, resp *w, const char *title, const char *up, const char *up_href, const char *here,
		     const char *form_title)
{
	html *b = resp_html(w);
	page_open(r, w, title);
	breadcrumbs(r, w, up, up_href, here);
	H(b, "<h1 class=\"form-title\">%s</h1>", form_title);
	return b;
}

void centre_list_open(req *r, resp *w, const char *title, const html *lead, const char *add, const char *add_href)
{
	html *b = resp_html(w);
	page_open(r, w, title);
	breadcrumbs(r, w, NULL, NULL, title);
	H(b, "<h1>%s</h1>", title);
	if (lead)
		H(b, "%B", lead);
	if (add && may(r, ACT_RUN_CITY, 0))
		H(b, "<p><a class=\"button primary\" href=\"%s\">%s</a></p>", add_href, add);
}

bool unit_list_open(req *r, resp *w, long long unit_id, long long week_id, const char *noun, const char *none)
{
	html *b = resp_html(w);
	unit u;
	unit_load(r->db, r->a, unit_id, &u);
	page_open(r, w, noun);
	breadcrumbs(r, w, NULL, NULL, arena_printf(r->a, "%s的%s", u.name, noun));
	H(b, "<h1>%s的%s</h1>", u.name, noun);
	if (week_id)
		return true;
	H(b, "<p class=\"empty\">%s</p>", none);
	page_close(r, w);
	return false;
}

void record_buttons(req *r, html *b, long long unit_id, long long week_id, const char *add, const char *add_path,
		    const char *import_path)
{
	if (may(r, ACT_RECORD, 0))
		H(b, "<p class=\"actions\"><a class=\"button primary\" href=\"/units/%D/%s?week=%D\">%s</a> "
		     "<a class=\"button\" href=\"/units/%D/%s?week=%D\">从 Excel 批量导入</a></p>",
		  unit_id, add_path, week_id, add, unit_id, import_path, week_id);
}

void filter_options(html *b, const char *const *values, int n, const char *(*label)(const char *), const char *current)
{
	for (int i = 0; i < n; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", values[i], current && !strcmp(current, values[i]) ? " selected" : "",
		  label(values[i]));
}

void pager(html *b, const html *list, long long page, long long pages)
{
	html prev = HTML_INIT, next = HTML_INIT;
	H(&prev, "%B&amp;page=%D", list, page - 1);
	H(&next, "%B&amp;page=%D", list, page + 1);
	pager_links(b, page > 1 ? &prev : NULL, page < pages ? &next : NULL, page, pages);
	html_free(&prev);
	html_free(&next);
}

bool stats_week(req *r, resp *w, const char *title, week *wk)
{
	if (r->method != M_GET) {
		/* a write changes the week it names, never the current one in its place */
		long long named = param_int(r, "week", 0);
		if (named && week_load(r->db, r->a, named, wk))
			return true;
		fail(r, w, 404, "没有这个活动周，没有保存任何内容。请从%s页面重新操作。", title);
		return false;
	}
	long long id = week_param(r);
	if (id && week_load(r->db, r->a, id, wk))
		return true;
	page_open(r, w, title);
	H(resp_html(w), "<h1>%s</h1><p class=\"empty\">还没有活动周。", title);
	if (may(r, ACT_RUN_CITY, 0))
		html(resp_html(w), "<a href=\"/admin/weeks/new\">新建活动周</a>");
	html(resp_html(w), "</p>");
	page_close(r, w);
	return false;
}

bool week_page_open(req *r, resp *w, const char *title, week *wk)
{
	if (!stats_week(r, w, title, wk))
		return false;
	page_open(r, w, title);
	return true;
}

html *stats_page_open(req *r, resp *w, const char *title, const char *path, const char *lead_more, week *wk)
{
	if (!week_page_open(r, w, title, wk))
		return NULL;
	html *b = resp_html(w);
	breadcrumbs(r, w, "全市统计", arena_printf(r->a, "/admin/stats?week=%lld", wk->id), title);
	H(b, "<h1>%s</h1><p class=\"lead\">%s%s</p>", title, wk->title, lead_more);
	week_picker(r, b, path, wk->id);
	return b;
}

const char *week_title_of(req *r, long long week_id, const char *none)
{
	week wk;
	return week_load(r->db, r->a, week_id, &wk) ? wk.title : none;
}

bool week_or_404(req *r, resp *w, long long id, week *wk)
{
	return or_404(r, w, week_load(r->db, r->a, id, wk), "找不到这一届活动周。");
}

void week_up_link(req *r, html *b, const char *path, const week *wk)
{
	/* a week below the actor's node (drill-down, RF_OWN_WEEK): back up to
	 * the week it was copied from, which the actor reaches too */
	week up;
	if (wk->unit_id == r->user.unit_id || !wk->parent_week_id || !week_load(r->db, r->a, wk->parent_week_id, &up))
		return;
	H(b, "<p class=\"drill-up noprint\"><a href=\"%s?week=%D\">上一级：%s</a></p>", path, up.id, up.title);
}

void week_picker(req *r, html *b, const char *path, long long current)
{
	week cur;
	if (week_load(r->db, r->a, current, &cur))
		week_up_link(r, b, path, &cur);
	week *weeks;
	int n = week_choices_list(r, &weeks);
	if (n < 2)
		return;
	H(b, "<form method=\"get\" action=\"%s\" class=\"filters week-picker noprint\"><label for=\"f-week\">活动周</label> "
	     "<select id=\"f-week\" name=\"week\">", path);
	for (int i = 0; i < n; i++)
		H(b, "<option value=\"%D\"%s>%s</option>", weeks[i].id, weeks[i].id == current ? " selected" : "", weeks[i].title);
	html(b, "</select> <button type=\"submit\">查看</button></form>");
}

/* RFC 6266/5987: the UTF-8 name percent-encoded in filename*, and a plain
 * ASCII filename for old clients: the name itself when it is plain ASCII. */
const char *content_disposition(arena *a, bool show_inline, const char *name, const char *ascii)
{
	bool plain = true;
	for (const unsigned char *p = (const unsigned char *)name; *p && plain; p++)
		plain = *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' && *p != ';' && *p != '%';
	buf b = BUF_INIT;
	buf_printf(&b, "%s; filename=\"%s\"; filename*=UTF-8''", show_inline ? "inline" : "attachment", plain ? name : ascii ? ascii : "download");
	url_encode(&b, name);
	char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

void download_header(req *r, resp *w, bool show_inline, const char *name, const char *ascii)
{
	resp_header(r, w, "Content-Disposition", content_disposition(r->a, show_inline, name, ascii));
}

const char *size_text(arena *a, long long n)
{
	if (n < 1024)
		return arena_printf(a, "%lld 字节", n);
	static const char *const units[] = {"KB", "MB", "GB"};
	double v = (double)n / 1024;
	int u = 0;
	while (v >= 1024 && u < 2)
		v /= 1024, u++;
	/* 50 MB, not 50.0 MB */
	return v == (double)(long long)v ? arena_printf(a, "%lld %s", (long long)v, units[u]) : arena_printf(a, "%.1f %s", v, units[u]);
}

bool stored_file_send(req *r, resp *w, const char *sha256, const char *mime, const char *missing)
{
	char *path = fs_path(r->a, cfg.data_dir, sha256);
	struct stat st;
	if (!fs_sha_ok(sha256) || stat(path, &st) < 0) {
		fail(r, w, 404, "%s", missing);
		return false;
	}
	w->content_type = mime;
	w->file_path = path;
	w->file_size = st.st_size;
	return true;
}

void send_stored(req *r, resp *w, const char *sha256, const char *mime, const char *filename,
		 const char *ascii_name, send_as how)
{
	if (!stored_file_send(r, w, sha256, mime, "文件已丢失，请联系管理员。"))
		return;
	bool show_inline = how == SEND_INLINE ||
			   (how == SEND_PICTURES_INLINE && (!strcmp(mime, "image/jpeg") || !strcmp(mime, "image/png")));
	resp_header(r, w, "Content-Disposition", content_disposition(r->a, show_inline, filename, ascii_name));
	resp_header(r, w, "Cache-Control", "private, max-age=3600");
}
