/* kit_activity.c: the activity fragments pages share: when, tags, links,
 * checkboxes, the consultation phone, resources used, 我的报名 form. */
#include "pages/kit.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* On a screen the year shows when it is not this year; on paper always.
 * Plain text, in the request's arena. */
static const char *when_text(req *r, const activity *x, bool printed)
{
	char *d1 = date_iso_from_utc(r->a, x->starts_at), *d2 = date_iso_from_utc(r->a, x->ends_at);
	char *t1 = datetime_local_iso(r->a, x->starts_at) + 11, *t2 = datetime_local_iso(r->a, x->ends_at) + 11;
	char *c1 = printed ? date_cn(r->a, d1) : pub_date(r, d1), *c2 = printed ? date_cn(r->a, d2) : pub_date(r, d2);
	if (!strcmp(d1, d2))
		return arena_printf(r->a, "%s（%s）%s–%s", c1, weekday_cn(d1), t1, t2);
	return arena_printf(r->a, "%s %s 至 %s %s", c1, t1, c2, t2);
}

void activity_when(req *r, html *b, const activity *x)
{
	html_txt(b, when_text(r, x, false));
}

const char *activity_when_printed(req *r, const activity *x)
{
	return when_text(r, x, true);
}

void tag_list(html *b, const tags *t, const choices *labels)
{
	for (int i = 0; i < t->n; i++)
		H(b, "<span class=\"tag\">%s</span>", choice_label(labels, t->v[i]));
}

const char *consult_phone_of(req *r, const activity *x)
{
	unit u;
	if (unit_load(r->db, r->a, x->unit_id, &u) && *u.consult_phone)
		return u.consult_phone;
	if (unit_load(r->db, r->a, unit_root(r->db), &u) && *u.consult_phone)
		return u.consult_phone;
	return NULL;
}

void consult_phone_fact(req *r, html *b, const activity *x)
{
	const char *p = consult_phone_of(r, x);
	if (!p)
		return;
	/* tel: takes the digits and dashes as they are */
	H(b, "<div class=\"consult\"><dt>咨询电话</dt><dd><a class=\"tel\" href=\"tel:%s\">%s</a></dd></div>", p, p);
}

void activity_refs_html(req *r, html *b, const activity_ref *v, int n, bool public)
{
	html(b, "<ul class=\"links\">");
	for (int i = 0; i < n; i++) {
		char *day = date_iso_from_utc(r->a, v[i].starts_at);
		if (public) {
			H(b, "<li><a href=\"/a/%D\">%s</a>（%s）", v[i].id, v[i].title, pub_date(r, day));
			if (!strcmp(v[i].status, "cancelled")) /* markup: through %s it would show as text */
				html(b, " <span class=\"badge badge-cancelled\">已取消</span>");
			html(b, "</li>");
		} else
			H(b, "<li><a href=\"/activities/%D\">%s</a>（%s，%s）</li>", v[i].id, v[i].title, date_cn(r->a, day),
			  status_label(v[i].status));
	}
	html(b, "</ul>");
}

void activity_checkboxes(req *r, html *b, const char *legend, long long unit_id, long long week_id, const char *content,
			 const activity_ref *chosen, int nchosen)
{
	activity_ref *all;
	int n = unit_week_activities(r->db, r->a, unit_id, week_id, content, &all);
	H(b, "<fieldset class=\"checks\"><legend>%s</legend>", legend);
	if (!n)
		html(b, "<p class=\"hint\">本单位本届还没有可选的活动。</p>");
	for (int i = 0; i < n; i++) {
		bool on = false;
		for (int k = 0; k < nchosen && !on; k++)
			on = chosen[k].id == all[i].id;
		H(b, "<label class=\"check\"><input type=\"checkbox\" name=\"activities\" value=\"%D\"%s> %s（%s）</label>", all[i].id,
		  on ? " checked" : "", all[i].title, date_cn(r->a, date_iso_from_utc(r->a, all[i].starts_at)));
	}
	html(b, "</fieldset>\n");
}

activity_ref *refs_of_ids(req *r, const long long *ids, int n)
{
	activity_ref *v = arena_alloc(r->a, sizeof *v * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		v[i].id = ids[i];
	return v;
}

void activity_resources_section(req *r, html *b, long long activity_id)
{
	resource *v;
	int n = activity_resources(r->db, r->a, activity_id, &v);
	if (!n)
		return;
	html(b, "<section class=\"card\"><h2>相关学习资源</h2><ul class=\"links\">");
	for (int i = 0; i < n; i++)
		H(b, "<li><a href=\"/resources/%D\">%s</a>（%s · %s）</li>", v[i].id, v[i].title, resource_kind_label(v[i].kind),
		  v[i].institution);
	html(b, "</ul></section>");
}

void mine_form(req *r, html *b, const activity *x, const errs *e)
{
	html(b, "<section class=\"card mine\" aria-labelledby=\"mine-h\"><h2 id=\"mine-h\">我的报名</h2>"
		"<p>报过名的，填手机号码和报名成功时给您的取消码，可以查看或取消报名。</p>");
	error_list(b, e);
	form_open(r, b, arena_printf(r->a, "/a/%lld/mine", x->id), "form narrow");
	field_input(b, "phone", "手机号码", "tel", e ? param(r, "phone") : NULL, true, NULL, e ? err_for(e, "phone") : NULL);
	field_input(b, "code", "取消码", "text", e ? param(r, "code") : NULL, true, "6 位数字和字母，不分大小写",
		    e ? err_for(e, "code") : NULL);
	html(b, "<p><button type=\"submit\">查看我的报名</button></p></form></section>");
}

bool activity_of_path(req *r, resp *w, activity *x)
{
	return or_404(r, w, activity_load(r->db, r->a, path_id(r, "activity"), x), "找不到这项活动。");
}

bool public_activity_of_path(req *r, resp *w, activity *x)
{
	/* a cached page of it shows the activity, its tags, photos, places and
	 * resources: the render cache keeps it while they are unchanged */
	cache_depends(r, GEN_ACTIVITY, path_id(r, "activity"));
	/* a draft is not public: the same answer as for an id that does not exist */
	return or_404(r, w, activity_load(r->db, r->a, path_id(r, "activity"), x) && strcmp(x->status, "draft"),
		      "找不到这项活动。它可能还没有发布，或者网址不完整。");
}
