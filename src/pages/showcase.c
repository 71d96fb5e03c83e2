/* showcase.c: learning stars, brand projects and 智慧助老 cases: units record
 * and recommend them, the centre selects and recommends, residents see the
 * chosen ones on /showcase and /cases. A star is public only when selected
 * and with the person's consent on record. */
#include "pages/conflict.h"
#include "pages/showcase.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stddef.h>
#include <string.h>

/* What the handlers of stars, brand projects and cases share, told apart. */
struct showcase_kind {
	pick_kind pick;
	int media;                   /* its photos (a media_owner), -1 for a star (one photo, not through media_*) */
	size_t size;                 /* a star, brand or elder_case */
	bool (*load)(req *r, long long id, void *x);
	void (*submit)(req *r, resp *w, const void *old); /* create (old NULL) or update */
	size_t unit_at, week_at;     /* offsetof its unit_id, week_id */
	const char *param;           /* the path parameter: star */
	const char *base;            /* its paths: /stars */
	const char *what;            /* in the delete confirmation */
	const char *missing;         /* the 404 when it is not there */
	const char *decide;          /* the centre's action: select, recommend */
	const char *yes, *no;        /* the centre's buttons */
	const char *picked, *unpicked; /* the flash after the centre's decision */
	size_t id_at, revision_at;   /* offsetof its id, revision */
	int links;                   /* its activities (a link_owner), -1 for a case (of one activity) */
	/* Its form: x as saved or typed (a new one: id 0), the activities
	 * ticked, the errors. */
	void (*form)(req *r, resp *w, const void *x, const activity_ref *links, int nlinks, const errs *e);
	/* On its edit page, after the form: its status (a star: and its photo). */
	void (*status)(req *r, html *b, const void *x);
	bool (*shown)(const void *x); /* public, and so its photos (brand projects, cases) */
	const char *public_page;     /* where the public see it: /showcase, /cases */
	/* A star's or project's save (showcase_submit): x from the form's
	 * fields; its save (0 when refused, e saying why); theirs beside mine
	 * after a stale save; the flash after a good one. */
	void (*parse)(req *r, void *x, errs *e);
	long long (*save)(req *r, const actor *who, void *x, const long long *ids, int nids, errs *e);
	int (*diff)(req *r, const void *now, const void *mine, diff_row **rows);
	const char *(*saved)(const void *x);
};
typedef struct showcase_kind kind;

static bool star_get(req *r, long long id, void *x);
static bool brand_get(req *r, long long id, void *x);
static bool case_get(req *r, long long id, void *x);
static void star_submit(req *r, resp *w, const void *old);
static void brand_submit(req *r, resp *w, const void *old);
static void case_submit(req *r, resp *w, const void *old);
static void star_form(req *r, resp *w, const void *x, const activity_ref *links, int nlinks, const errs *e);
static void brand_form(req *r, resp *w, const void *x, const activity_ref *links, int nlinks, const errs *e);
static void case_form(req *r, resp *w, const void *x, const activity_ref *links, int nlinks, const errs *e);
static void star_status(req *r, html *b, const void *x);
static void brand_status(req *r, html *b, const void *x);
static void case_status(req *r, html *b, const void *x);
static bool brand_shown(const void *x);
static bool case_shown(const void *x);
static void star_parse_form(req *r, void *x, errs *e);
static void brand_parse_form(req *r, void *x, errs *e);
static long long star_save_form(req *r, const actor *who, void *x, const long long *ids, int nids, errs *e);
static long long brand_save_form(req *r, const actor *who, void *x, const long long *ids, int nids, errs *e);
static int star_diff(req *r, const void *now, const void *mine, diff_row **rows);
static int brand_diff(req *r, const void *now, const void *mine, diff_row **rows);
static const char *star_saved(const void *x);
static const char *brand_saved(const void *x);

const kind star_kind = {
	.pick = PICK_STAR, .media = -1, .size = sizeof(star), .load = star_get, .submit = star_submit,
	.unit_at = offsetof(star, unit_id), .week_at = offsetof(star, week_id), .param = "star", .base = "/stars",
	.what = "百姓学习之星", .missing = "找不到这位百姓学习之星。", .decide = "select", .yes = "入选", .no = "改回推荐",
	.picked = "已入选。", .unpicked = "已改回推荐。", .id_at = offsetof(star, id), .revision_at = offsetof(star, revision),
	.links = LINK_STAR, .form = star_form, .status = star_status, .shown = NULL, .public_page = "/showcase",
	.parse = star_parse_form, .save = star_save_form, .diff = star_diff, .saved = star_saved,
};
const kind brand_kind = {
	.pick = PICK_BRAND, .media = MEDIA_BRAND, .size = sizeof(brand), .load = brand_get, .submit = brand_submit,
	.unit_at = offsetof(brand, unit_id), .week_at = offsetof(brand, week_id), .param = "brand", .base = "/brands",
	.what = "品牌项目", .missing = "找不到这个品牌项目。", .decide = "select", .yes = "入选", .no = "改回推荐",
	.picked = "已入选。", .unpicked = "已改回推荐。", .id_at = offsetof(brand, id), .revision_at = offsetof(brand, revision),
	.links = LINK_BRAND, .form = brand_form, .status = brand_status, .shown = brand_shown, .public_page = "/showcase",
	.parse = brand_parse_form, .save = brand_save_form, .diff = brand_diff, .saved = brand_saved,
};
const kind case_kind = {
	.pick = PICK_CASE, .media = MEDIA_CASE, .size = sizeof(elder_case), .load = case_get, .submit = case_submit,
	.unit_at = offsetof(elder_case, unit_id), .week_at = offsetof(elder_case, week_id), .param = "case", .base = "/cases",
	.what = "案例", .missing = "找不到这个案例。", .decide = "recommend", .yes = "推荐", .no = "取消推荐",
	.picked = "已推荐。", .unpicked = "已取消推荐。", .id_at = offsetof(elder_case, id),
	.revision_at = offsetof(elder_case, revision), .links = -1, .form = case_form, .status = case_status,
	.shown = case_shown, .public_page = "/cases",
};

static const char *err(const errs *e, const char *field)
{
	return e ? err_for(e, field) : NULL;
}

static void links_section(req *r, html *b, link_owner owner, long long id, bool public)
{
	activity_ref *v;
	int n = links_get(r->db, r->a, owner, id, public, &v);
	if (!n)
		return;
	html(b, "<h3>相关活动</h3>");
	activity_refs_html(r, b, v, n, public);
}

static void delete_button(req *r, html *b, const kind *k, long long id)
{
	form_open(r, b, arena_printf(r->a, "%s/%lld/delete", k->base, id), "inline");
	H(b, "<input type=\"hidden\" name=\"confirm\" value=\"1\"><button type=\"submit\" class=\"danger\" "
	     "data-confirm=\"删除后不能恢复。确定删除这个%s吗？\">删除</button></form>", k->what);
}

static void pick_button(req *r, html *b, const char *action, bool picked, const char *yes, const char *no)
{
	form_open(r, b, action, "inline");
	H(b, "<input type=\"hidden\" name=\"next\" value=\"%s\"><button type=\"submit\" name=\"picked\" value=\"%s\"%s>%s</button></form>",
	  r->raw_uri, picked ? "0" : "1", picked ? "" : " class=\"primary\"", picked ? no : yes);
}

static bool confirmed(req *r, resp *w)
{
	const char *c = param(r, "confirm");
	if (!c || strcmp(c, "1")) {
		fail(r, w, 400, "请在编辑页面点“删除”并确认。");
		return false;
	}
	return true;
}

/* The centre selects (recommends) one, or takes that back: the route's data is its kind. */
void page_showcase_pick(req *r, resp *w)
{
	const kind *k = r->route->h.data;
	const char *p = param(r, "picked");
	if (!p || !*p) {
		fail(r, w, 400, "请选择入选（推荐）或取消。");
		return;
	}
	bool picked = strcmp(p, "0") != 0;
	actor who = page_actor(r);
	action_end(r, w, showcase_pick(r->db, r->a, &who, k->pick, path_id(r, k->param), picked) >= 0, 503, "保存失败，请重试。",
	           picked ? k->picked : k->unpicked, safe_next(r, param(r, "next"), "/admin/showcase"));
}

/* The one of the path's parameter loaded into x, or the 404 page of k. */
static bool of_path(req *r, resp *w, const kind *k, void *x)
{
	return or_404(r, w, k->load(r, path_id(r, k->param), x), k->missing);
}

/* Deletes one (the delete was confirmed, and it was found) and goes back to its unit's lists. */
static void delete_done(req *r, resp *w, const kind *k, long long id, long long unit_id, long long week_id);

static bool staff_of(req *r, long long unit_id)
{
	return r->user.id && (is_staff_centre(r) || unit_within(r->db, unit_id, r->user.unit_id));
}

static const char *unit_back(req *r, long long unit_id, long long week_id)
{
	return arena_printf(r->a, "/units/%lld/showcase?week=%lld", unit_id, week_id);
}

static void delete_done(req *r, resp *w, const kind *k, long long id, long long unit_id, long long week_id)
{
	actor who = page_actor(r);
	photo_done(r, w, showcase_delete(r->db, r->a, &who, k->pick, id) == 0, "已删除。", unit_back(r, unit_id, week_id));
}

/* The top of a star's or project's form: the heading, the errors, the form
 * (to the one edited, or the unit's new one) with its week. */
static void form_top(req *r, resp *w, const kind *k, const char *title, long long id, long long revision, long long unit_id,
		     long long week_id, const errs *e)
{
	html *b = resp_html(w);
	page_open(r, w, title);
	breadcrumbs(r, w, "学习之星与案例", unit_back(r, unit_id, week_id), title);
	H(b, "<h1>%s</h1>", title);
	error_list(b, e);
	form_open(r, b, id ? arena_printf(r->a, "%s/%lld", k->base, id) : arena_printf(r->a, "/units/%lld%s", unit_id, k->base), "form");
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\">", week_id);
	if (id)
		H(b, "<input type=\"hidden\" name=\"revision\" value=\"%D\">", revision);
}

/* The unit and week of a new star or project; false after the 409 page when there is no week yet. */
static bool new_place(req *r, resp *w, long long *unit_id, long long *week_id)
{
	*unit_id = path_id(r, "unit");
	*week_id = week_param(r);
	if (!*week_id)
		fail(r, w, 409, "还没有活动周。");
	return *week_id != 0;
}

/* ---- learning stars ---- */

static void star_form(req *r, resp *w, const void *x_, const activity_ref *links, int nlinks, const errs *e)
{
	const star *x = x_;
	html *b = resp_html(w);
	form_top(r, w, &star_kind, x->id ? "编辑百姓学习之星" : "推荐百姓学习之星", x->id, x->revision, x->unit_id, x->week_id, e);
	field_input(b, "name", "姓名", "text", x->name, true, NULL, err(e, "name"));
	field_input(b, "community", "所在社区", "text", x->community, false, "例如：东湖区百花洲街道某某社区", err(e, "community"));
	field_textarea(b, "story", "学习故事", x->story, 6, 1000, "一两段话：学了什么、坚持了多久、带动了谁", err(e, "story"));
	html(b, "<fieldset class=\"checks\"><legend>本人同意</legend>");
	H(b, "<label class=\"check\"><input type=\"checkbox\" name=\"consent\" value=\"1\"%s> 已取得本人同意，可以公开姓名、照片和学习故事</label>",
	  x->consent ? " checked" : "");
	html(b, "<p class=\"hint\">没有本人同意的，即使入选也不会在公开页面显示。</p></fieldset>");
	field_input(b, "consent_note", "同意方式", "text", x->consent_note, false, "例如：书面同意书（2022-11-20）", err(e, "consent_note"));
	activity_checkboxes(r, b, "参加过的活动（例如开幕式上的交流分享）", x->unit_id, x->week_id, NULL, links, nlinks);
	html(b, "<p class=\"actions\"><button type=\"submit\" class=\"primary\">保存</button></p></form>");
}

/* The form again, as typed: what a save shows on a conflict or errors. */
typedef struct again {
	const void *x;
	const long long *ids;        /* the activities ticked */
	int nids;
} again;

/* The end of every save of a star, project or case: a stale save's conflict
 * (rows: theirs beside mine) above the form at the current revision; errors:
 * the form again (422); else the flash (ok) and the edit page. */
static void save_end(req *r, resp *w, const kind *k, long long id, const diff_row *rows, int nrows, const errs *e,
		     const again *g, const char *ok)
{
	const char *edit = arena_printf(r->a, "%s/%lld/edit", k->base, id);
	if (rows) {
		conflict_prepare(r, w, rows, nrows, edit);
	} else if (e->n) {
		w->status = 422;
	} else {
		flash(r, w, ok);
		redirect(r, w, edit);
		return;
	}
	k->form(r, w, g->x, g->nids ? refs_of_ids(r, g->ids, g->nids) : NULL, g->nids, rows ? NULL : e);
	page_close(r, w);
}

/* What a save of a star or project starts from: the saved one's id, unit and
 * week (old_id set), else a new one of the path's unit and ?week=; the
 * activities ticked, the actor, the revision the form was opened at. */
typedef struct saving {
	long long id, unit_id, week_id, revision;
	long long *ids;
	int nids;
	actor who;
} saving;

static saving saving_of(req *r, const long long *old_id, long long old_unit, long long old_week, errs *e)
{
	saving sv = {0};
	sv.id = old_id ? *old_id : 0;
	sv.unit_id = old_id ? old_unit : path_id(r, "unit");
	sv.week_id = old_id ? old_week : week_param(r);
	if (!sv.week_id)
		err_add(e, NULL, "还没有活动周。");
	sv.nids = ids_param(r, "activities", &sv.ids);
	sv.who = page_actor(r);
	sv.revision = param_int(r, "revision", -1);
	return sv;
}

#define FIELD(x, at) (*(long long *)((char *)(x) + (at)))

/* Saves a star or project from the form: a new one (old NULL) of the path's
 * unit and week, or over old. */
static void showcase_submit(req *r, resp *w, const kind *k, const void *old)
{
	char *x = arena_alloc(r->a, k->size), *now = arena_alloc(r->a, k->size);
	memset(x, 0, k->size);
	errs e = {0};
	k->parse(r, x, &e);
	saving sv = saving_of(r, old ? &FIELD(old, k->id_at) : NULL, old ? FIELD(old, k->unit_at) : 0, old ? FIELD(old, k->week_at) : 0,
			      &e);
	FIELD(x, k->id_at) = sv.id;
	FIELD(x, k->unit_at) = sv.unit_id;
	FIELD(x, k->week_at) = sv.week_id;
	FIELD(x, k->revision_at) = sv.revision;
	again g = {x, sv.ids, sv.nids};
	if (!e.n && !k->save(r, &sv.who, x, sv.ids, sv.nids, &e) && errs_stale(&e) && k->load(r, sv.id, now)) {
		diff_row *rows;
		int n = k->diff(r, now, x, &rows);
		FIELD(x, k->revision_at) = FIELD(now, k->revision_at);
		save_end(r, w, k, sv.id, rows, n, &e, &g, NULL);
		return;
	}
	save_end(r, w, k, FIELD(x, k->id_at), NULL, 0, &e, &g, k->saved(x));
}

static void star_submit(req *r, resp *w, const void *old)
{
	showcase_submit(r, w, &star_kind, old);
}

static void star_parse_form(req *r, void *x, errs *e)
{
	star_input in = {param(r, "name"), param(r, "community"), param(r, "story"), param(r, "consent"), param(r, "consent_note")};
	star_parse(r->a, &in, x, e);
}

static long long star_save_form(req *r, const actor *who, void *x, const long long *ids, int nids, errs *e)
{
	return star_save(r->db, r->a, who, x, ids, nids, e);
}

static int star_diff(req *r, const void *now_, const void *mine, diff_row **rows)
{
	const star *now = now_, *x = mine;
	diff_row v[] = {{"姓名", now->name, x->name}, {"所在社区", now->community, x->community}, {"学习故事", now->story, x->story},
			{"本人同意", now->consent ? "已取得" : "未取得", x->consent ? "已取得" : "未取得"},
			{"同意方式", now->consent_note, x->consent_note}};
	*rows = arena_alloc(r->a, sizeof v);
	memcpy(*rows, v, sizeof v);
	return (int)(sizeof v / sizeof *v);
}

static const char *star_saved(const void *x)
{
	return ((const star *)x)->consent ? "已保存。" : "已保存。还没有记录本人同意，入选后也不会公开显示。";
}

static bool star_get(req *r, long long id, void *x)
{
	return star_load(r->db, r->a, id, x);
}

static void star_status(req *r, html *b, const void *x_)
{
	const star *x = x_;
	H(b, "<section class=\"card\"><h2>照片与状态</h2><p>状态：<strong>%s</strong>。%s</p>", pick_status_label(x->status),
	  star_public(x) ? "已在公开页面展示。" : x->consent ? "入选后在公开页面展示。" : "未记录本人同意，不会公开展示。");
	if (*x->photo)
		H(b, "<p><img src=\"/stars/%D/photo\" alt=\"%s的照片\" width=\"240\"></p>", x->id, x->name);
	photo_upload_form(r, b, arena_printf(r->a, "/stars/%lld/photo", x->id), *x->photo ? "更换照片" : "上传照片");
}

void page_star_photo_set(req *r, resp *w)
{
	upload_part *p = photo_upload_take(r, w, "photo");
	if (!p)
		return;
	long long id = path_id(r, "star");
	actor who = page_actor(r);
	photo_done(r, w, star_set_photo(r->db, r->a, &who, id, p->u->sha256, p->u->size, p->mime) == 0, "照片已上传。",
		   arena_printf(r->a, "/stars/%lld/edit", id));
}

void page_star_photo(req *r, resp *w)
{
	star x;
	if (!star_load(r->db, r->a, path_id(r, "star"), &x) || !*x.photo || !(star_public(&x) || staff_of(r, x.unit_id))) {
		fail(r, w, 404, "找不到这张照片。");
		return;
	}
	photo p = {0, x.photo, x.name, x.photo_mime};
	photo_send(r, w, &p);
}



/* ---- brand projects ---- */

static void brand_form(req *r, resp *w, const void *x_, const activity_ref *links, int nlinks, const errs *e)
{
	const brand *x = x_;
	html *b = resp_html(w);
	form_top(r, w, &brand_kind, x->id ? "编辑终身学习品牌项目" : "推荐终身学习品牌项目", x->id, x->revision, x->unit_id, x->week_id, e);
	field_input(b, "name", "项目名称", "text", x->name, true, NULL, err(e, "name"));
	field_input(b, "host", "承办单位", "text", x->host, true, "承办这个项目的学校或机构", err(e, "host"));
	field_textarea(b, "description", "项目介绍", x->description, 8, 3000, "做什么、面向谁、办了几年、有什么成效", err(e, "description"));
	activity_checkboxes(r, b, "本届相关活动", x->unit_id, x->week_id, NULL, links, nlinks);
	html(b, "<p class=\"actions\"><button type=\"submit\" class=\"primary\">保存</button></p></form>");
}

static void brand_submit(req *r, resp *w, const void *old)
{
	showcase_submit(r, w, &brand_kind, old);
}

static void brand_parse_form(req *r, void *x, errs *e)
{
	brand_input in = {param(r, "name"), param(r, "host"), param(r, "description")};
	brand_parse(r->a, &in, x, e);
}

static long long brand_save_form(req *r, const actor *who, void *x, const long long *ids, int nids, errs *e)
{
	return brand_save(r->db, r->a, who, x, ids, nids, e);
}

static int brand_diff(req *r, const void *now_, const void *mine, diff_row **rows)
{
	const brand *now = now_, *x = mine;
	diff_row v[] = {{"项目名称", now->name, x->name}, {"承办单位", now->host, x->host}, {"项目介绍", now->description, x->description}};
	*rows = arena_alloc(r->a, sizeof v);
	memcpy(*rows, v, sizeof v);
	return (int)(sizeof v / sizeof *v);
}

static const char *brand_saved(const void *x)
{
	(void)x;
	return "已保存。";
}

static bool brand_get(req *r, long long id, void *x)
{
	return brand_load(r->db, r->a, id, x);
}

/* The photos of a brand project or a case (id), with delete buttons on its edit page (edit). */
static void gallery(req *r, html *b, media_owner owner, const char *base, long long id, bool edit)
{
	photo *ph;
	int n = media_photos(r->db, r->a, owner, id, &ph);
	if (edit && !n)
		html(b, "<p class=\"empty\">还没有照片。</p>");
	photo_gallery(r, b, arena_printf(r->a, "%s/%lld/photo?id=", base, id), ph, n,
		      edit ? arena_printf(r->a, "%s/%lld/photos/delete", base, id) : NULL);
}

/* The photos card of a brand project or a case on its edit page. */
static void photos_card(req *r, html *b, media_owner owner, const char *base, long long id)
{
	html(b, "<section class=\"card\"><h2>照片</h2>");
	gallery(r, b, owner, base, id, true);
	photo_upload_form(r, b, arena_printf(r->a, "%s/%lld/photos", base, id), "添加照片");
}

static void brand_status(req *r, html *b, const void *x_)
{
	(void)r;
	const brand *x = x_;
	H(b, "<p>状态：<strong>%s</strong>（由市中心评选入选）。</p>", pick_status_label(x->status));
}

static bool brand_shown(const void *x)
{
	return !strcmp(((const brand *)x)->status, "selected");
}

/* ---- 智慧助老 cases ---- */

static void case_form(req *r, resp *w, const void *x_, const activity_ref *links, int nlinks, const errs *e)
{
	(void)links;
	(void)nlinks;
	const elder_case *x = x_;
	html *b = resp_html(w);
	const char *title = x->id ? "编辑智慧助老案例" : "撰写智慧助老案例";
	page_open(r, w, title);
	breadcrumbs(r, w, "学习之星与案例", unit_back(r, x->unit_id, x->week_id), title);
	H(b, "<h1>%s</h1><p>活动：<a href=\"/activities/%D\">%s</a></p>", title, x->activity_id, x->activity_title);
	error_list(b, e);
	form_open(r, b, x->id ? arena_printf(r->a, "/cases/%lld", x->id) : arena_printf(r->a, "/units/%lld/cases", x->unit_id), "form");
	H(b, "<input type=\"hidden\" name=\"activity\" value=\"%D\">", x->activity_id);
	if (x->id)
		H(b, "<input type=\"hidden\" name=\"revision\" value=\"%D\">", x->revision);
	field_input(b, "title", "案例标题", "text", x->title, true, NULL, err(e, "title"));
	field_textarea(b, "taught", "培训内容", x->taught, 5, 2000, "教了什么：健康码、网上挂号、视频通话、防范电信诈骗……", err(e, "taught"));
	field_input(b, "trained", "培训老年人数", "number", x->trained >= 0 ? arena_printf(r->a, "%lld", x->trained) : "", true, NULL,
		    err(e, "trained"));
	field_textarea(b, "lessons", "经验做法", x->lessons, 6, 3000, "哪些做法管用，值得其他县区借鉴", err(e, "lessons"));
	html(b, "<p class=\"actions\"><button type=\"submit\" class=\"primary\">保存</button></p></form>");
}

void page_case_new(req *r, resp *w)
{
	long long unit_id = path_id(r, "unit"), week_id = week_param(r), act = param_int(r, "activity", 0);
	activity x;
	if (act && activity_load(r->db, r->a, act, &x) && x.unit_id == unit_id) {
		elder_case c = {0};
		c.unit_id = unit_id;
		c.week_id = x.week_id;
		c.activity_id = x.id;
		c.activity_title = x.title;
		c.title = x.title;
		c.trained = -1;
		case_form(r, w, &c, NULL, 0, NULL);
		page_close(r, w);
		return;
	}
	html *b = resp_html(w);
	page_open(r, w, "撰写智慧助老案例");
	breadcrumbs(r, w, "学习之星与案例", unit_back(r, unit_id, week_id), "撰写智慧助老案例");
	const char *cat = case_category(r->db, r->a, week_id);
	if (cat)
		html(b, "<h1>撰写智慧助老案例</h1><p>选择一项活动内容为“智慧助老”的活动：</p>");
	else
		html(b, "<h1>撰写智慧助老案例</h1><p>本届活动内容没有“智慧助老”一项，可选择本单位本届的任一项活动：</p>");
	activity_ref *v;
	int n = unit_week_activities(r->db, r->a, unit_id, week_id, cat, &v);
	if (!n && cat)
		html(b, "<p class=\"empty\">本单位本届还没有“智慧助老”活动。请先在活动中勾选活动内容“智慧助老”。</p>");
	else if (!n)
		html(b, "<p class=\"empty\">本单位本届还没有活动。请先填报活动。</p>");
	html(b, "<ul class=\"links\">");
	for (int i = 0; i < n; i++)
		H(b, "<li><a href=\"/units/%D/cases/new?activity=%D\">%s</a>（%s）</li>", unit_id, v[i].id, v[i].title,
		  date_cn(r->a, date_iso_from_utc(r->a, v[i].starts_at)));
	html(b, "</ul>");
	page_close(r, w);
}

static void case_submit(req *r, resp *w, const void *old_)
{
	const elder_case *old = old_;
	case_input in = {param(r, "title"), param(r, "taught"), param(r, "trained"), param(r, "lessons")};
	elder_case x = {0};
	errs e = {0};
	x.trained = -1;
	case_parse(r->a, &in, &x, &e);
	x.id = old ? old->id : 0;
	x.unit_id = old ? old->unit_id : path_id(r, "unit");
	x.week_id = old ? old->week_id : 0;
	x.activity_id = old ? old->activity_id : param_int(r, "activity", 0);
	x.activity_title = old ? old->activity_title : "";
	activity act;
	if (!old && x.activity_id && activity_load(r->db, r->a, x.activity_id, &act) && act.unit_id == x.unit_id)
		x.activity_title = act.title, x.week_id = act.week_id;
	if (!old && !x.activity_id)
		err_add(&e, "activity", "请先选择一项“智慧助老”活动。");
	actor who = page_actor(r);
	x.revision = param_int(r, "revision", -1);
	elder_case now;
	again g = {&x, NULL, 0};
	if (!e.n && !case_save(r->db, r->a, &who, &x, &e) && errs_stale(&e) && case_load(r->db, r->a, x.id, &now)) {
		const char *nt = now.trained >= 0 ? arena_printf(r->a, "%lld", now.trained) : "";
		const char *mt = x.trained >= 0 ? arena_printf(r->a, "%lld", x.trained) : "";
		diff_row rows[] = {{"案例标题", now.title, x.title}, {"培训内容", now.taught, x.taught}, {"培训老年人数", nt, mt},
				   {"经验做法", now.lessons, x.lessons}};
		x.revision = now.revision;
		save_end(r, w, &case_kind, x.id, rows, 4, &e, &g, NULL);
		return;
	}
	save_end(r, w, &case_kind, x.id, NULL, 0, &e, &g, "案例已保存。市中心推荐后将在“智慧助老优秀案例”页面展示。");
}

static bool case_get(req *r, long long id, void *x)
{
	return case_load(r->db, r->a, id, x);
}

static void case_status(req *r, html *b, const void *x_)
{
	(void)r;
	const elder_case *x = x_;
	H(b, "<p>状态：<strong>%s</strong>。</p>", x->recommended ? "市中心已推荐，公开展示" : "等待市中心推荐");
}

static bool case_shown(const void *x_)
{
	const elder_case *x = x_;
	return x->recommended && !strcmp(x->activity_status, "published");
}

/* ---- staff lists ---- */

/* Who sees what on the staff lists of a unit (unit_id) or of every unit (0). */
typedef struct lister {
	long long unit_id, week_id;
	bool edit;          /* the unit's editors: the add buttons */
	bool edit_links;    /* 编辑 on each entry */
	bool centre_admin;  /* the centre's decision on each entry */
} lister;

/* The head of one of the staff lists: its title, the add button (add: its label), 还没有 when empty. */
static void list_open(html *b, const lister *l, const kind *k, const char *title, const char *add, int n)
{
	H(b, "<section class=\"card\"><h2>%s</h2>", title);
	if (l->edit)
		H(b, "<p><a class=\"button\" href=\"/units/%D%s/new?week=%D\">%s</a></p>", l->unit_id, k->base, l->week_id, add);
	if (!n)
		html(b, "<p class=\"empty\">还没有。</p>");
	html(b, "<ul class=\"links\">");
}

/* The end of an entry of a staff list: 编辑, the centre's decision (picked: the state now). */
static void item_close(req *r, html *b, const lister *l, const kind *k, long long id, bool picked)
{
	if (l->edit_links)
		H(b, " <a href=\"%s/%D/edit\">编辑</a>", k->base, id);
	if (l->centre_admin)
		pick_button(r, b, arena_printf(r->a, "%s/%lld/%s", k->base, id, k->decide), picked, k->yes, k->no);
	html(b, "</li>");
}

/* The three lists of a unit (unit_id) or of every unit (0, the centre's page). */
static void lists(req *r, html *b, long long unit_id, long long week_id)
{
	lister l = {unit_id, week_id, unit_id && may(r, ACT_RECORD, 0), false, may(r, ACT_RUN_CITY, 0) && !unit_id};
	l.edit_links = l.edit || (unit_id == 0 && may(r, ACT_RUN_CITY, 0));
	star *s;
	int ns = star_list(r->db, r->a, week_id, unit_id, false, &s);
	list_open(b, &l, &star_kind, "百姓学习之星", "推荐学习之星", ns);
	for (int i = 0; i < ns; i++) {
		H(b, "<li>%s（%s · %s · %s）", s[i].name, s[i].unit_name, pick_status_label(s[i].status), s[i].consent ? "本人已同意公开" : "未记录本人同意");
		item_close(r, b, &l, &star_kind, s[i].id, !strcmp(s[i].status, "selected"));
	}
	html(b, "</ul></section>");
	brand *p;
	int np = brand_list(r->db, r->a, week_id, unit_id, false, &p);
	list_open(b, &l, &brand_kind, "终身学习品牌项目", "推荐品牌项目", np);
	for (int i = 0; i < np; i++) {
		H(b, "<li>%s（%s · %s · %s）", p[i].name, p[i].host, p[i].unit_name, pick_status_label(p[i].status));
		item_close(r, b, &l, &brand_kind, p[i].id, !strcmp(p[i].status, "selected"));
	}
	html(b, "</ul></section>");
	elder_case *c;
	int nc = case_list(r->db, r->a, week_id, unit_id, false, &c);
	list_open(b, &l, &case_kind, "智慧助老案例", "撰写案例", nc);
	for (int i = 0; i < nc; i++) {
		H(b, "<li>%s（%s · 培训老年人 %D 人 · %s）", c[i].title, c[i].unit_name, c[i].trained, c[i].recommended ? "已推荐" : "未推荐");
		item_close(r, b, &l, &case_kind, c[i].id, c[i].recommended);
	}
	html(b, "</ul></section>");
}

void page_unit_showcase(req *r, resp *w)
{
	long long unit_id = path_id(r, "unit"), week_id = week_param(r);
	unit u;
	unit_load(r->db, r->a, unit_id, &u);
	page_open(r, w, "学习之星与案例");
	breadcrumbs(r, w, NULL, NULL, "学习之星与案例");
	H(resp_html(w), "<h1>%s：百姓学习之星、品牌项目和智慧助老案例</h1>"
		    "<p class=\"lead\">本单位推荐，市中心评选入选；入选的在<a href=\"/showcase\">公开展示页</a>展示。</p>", u.name);
	if (week_id)
		lists(r, resp_html(w), unit_id, week_id);
	page_close(r, w);
}

void page_admin_showcase(req *r, resp *w)
{
	long long week_id = week_param(r);
	page_open(r, w, "学习之星与案例");
	breadcrumbs(r, w, NULL, NULL, "学习之星与案例");
	html(resp_html(w), "<h1>各县区推荐的学习之星、品牌项目和案例</h1>"
		       "<p class=\"lead\">入选的学习之星（须本人同意）和品牌项目在<a href=\"/showcase\">公开展示页</a>展示；"
		       "推荐的智慧助老案例在<a href=\"/cases\">案例页</a>展示。</p>");
	if (week_id)
		lists(r, resp_html(w), 0, week_id);
	page_close(r, w);
}

/* ---- residents ---- */

/* The head of a public list: its title, 即将公布 when empty. */
static void public_list_open(html *b, const char *title, int n)
{
	H(b, "<section><h2>%s</h2>", title);
	if (!n)
		html(b, "<p class=\"empty\">入选名单即将公布。</p>");
	html(b, "<ul class=\"cards\">");
}

void page_showcase_public(req *r, resp *w)
{
	html *b = resp_html(w);
	cache_depends(r, GEN_SHOWCASE, 0);
	long long week_id = week_param(r);
	page_open(r, w, "百姓学习之星与终身学习品牌项目");
	html(b, "<h1>百姓学习之星与终身学习品牌项目</h1>");
	week wk;
	if (!week_id || !week_load(r->db, r->a, week_id, &wk)) {
		html(b, "<p class=\"empty\">本年度的活动周尚未发布。</p>");
		page_close(r, w);
		return;
	}
	H(b, "<p class=\"lead\">%s评选入选。另见<a href=\"/cases?week=%D\">智慧助老优秀案例</a>。</p>", wk.title, week_id);
	star *s;
	int ns = star_list(r->db, r->a, week_id, 0, true, &s);
	public_list_open(b, "百姓学习之星", ns);
	for (int i = 0; i < ns; i++) {
		html(b, "<li class=\"card\">");
		if (*s[i].photo)
			H(b, "<img src=\"/stars/%D/photo\" alt=\"%s\" loading=\"lazy\" width=\"240\">", s[i].id, s[i].name);
		H(b, "<h3>%s</h3><p>%s%s%s</p><div class=\"prose\">", s[i].name, s[i].unit_name, *s[i].community ? " · " : "", s[i].community);
		html_paragraphs(b, s[i].story);
		html(b, "</div>");
		links_section(r, b, LINK_STAR, s[i].id, true);
		html(b, "</li>");
	}
	html(b, "</ul></section>");
	brand *p;
	int np = brand_list(r->db, r->a, week_id, 0, true, &p);
	public_list_open(b, "终身学习品牌项目", np);
	for (int i = 0; i < np; i++) {
		H(b, "<li class=\"card\"><h3>%s</h3><p>%s · %s</p><div class=\"prose\">", p[i].name, p[i].host, p[i].unit_name);
		html_paragraphs(b, p[i].description);
		html(b, "</div>");
		gallery(r, b, MEDIA_BRAND, "/brands", p[i].id, false);
		links_section(r, b, LINK_BRAND, p[i].id, true);
		html(b, "</li>");
	}
	html(b, "</ul></section>");
	page_close(r, w);
}

void page_cases_public(req *r, resp *w)
{
	html *b = resp_html(w);
	cache_depends(r, GEN_SHOWCASE, 0);
	long long week_id = week_param(r);
	page_open(r, w, "智慧助老优秀案例");
	html(b, "<h1>智慧助老优秀案例</h1>");
	if (!week_id) {
		html(b, "<p class=\"empty\">本年度的活动周尚未发布。</p>");
		page_close(r, w);
		return;
	}
	html(b, "<p class=\"lead\">各县区帮助老年人运用智能技术的好经验、好做法，由市社区教育指导中心推荐。</p>");
	elder_case *c;
	int n = case_list(r->db, r->a, week_id, 0, true, &c);
	if (!n)
		html(b, "<p class=\"empty\">推荐案例即将公布。</p>");
	for (int i = 0; i < n; i++) {
		H(b, "<article class=\"card\"><h2>%s</h2><p>%s · <a href=\"/a/%D\">%s</a>（%s）</p>", c[i].title, c[i].unit_name,
		  c[i].activity_id, c[i].activity_title, pub_date(r, date_iso_from_utc(r->a, c[i].activity_starts)));
		H(b, "<p><strong>培训老年人 %D 人</strong></p><h3>培训内容</h3><div class=\"prose\">", c[i].trained);
		html_paragraphs(b, c[i].taught);
		html(b, "</div>");
		if (*c[i].lessons) {
			html(b, "<h3>经验做法</h3><div class=\"prose\">");
			html_paragraphs(b, c[i].lessons);
			html(b, "</div>");
		}
		gallery(r, b, MEDIA_CASE, "/cases", c[i].id, false);
		html(b, "</article>");
	}
	page_close(r, w);
}

/* Deletes the star, project or case of the path (the route's data is its kind). */
void page_showcase_delete(req *r, resp *w)
{
	const kind *k = r->route->h.data;
	char *x = arena_alloc(r->a, k->size);
	if (confirmed(r, w) && of_path(r, w, k, x))
		delete_done(r, w, k, path_id(r, k->param), *(long long *)(x + k->unit_at), *(long long *)(x + k->week_at));
}

/* Adds or removes a photo of a brand project or case (the route's data is its kind). */
void page_showcase_photo_add(req *r, resp *w)
{
	const kind *k = r->route->h.data;
	media_upload(r, w, (media_owner)k->media, k->param, k->base);
}

void page_showcase_photo_delete(req *r, resp *w)
{
	const kind *k = r->route->h.data;
	media_remove(r, w, (media_owner)k->media, k->param, k->base);
}

/* Records a star, project or case of the path's unit (the route's data is its kind). */
void page_showcase_create(req *r, resp *w)
{
	const kind *k = r->route->h.data;
	k->submit(r, w, NULL);
}

/* Saves the star, project or case of the path (the route's data is its kind). */
void page_showcase_update(req *r, resp *w)
{
	const kind *k = r->route->h.data;
	void *x = arena_alloc(r->a, k->size);
	if (of_path(r, w, k, x))
		k->submit(r, w, x);
}

/* The form of a new star or project of the path's unit (the route's data is its kind). */
void page_showcase_new(req *r, resp *w)
{
	const kind *k = r->route->h.data;
	char *x = arena_alloc(r->a, k->size);
	memset(x, 0, k->size);
	if (!new_place(r, w, &FIELD(x, k->unit_at), &FIELD(x, k->week_at)))
		return;
	k->form(r, w, x, NULL, 0, NULL);
	page_close(r, w);
}

/* The edit page of the star, project or case of the path (the route's data is its kind). */
void page_showcase_edit(req *r, resp *w)
{
	const kind *k = r->route->h.data;
	char *x = arena_alloc(r->a, k->size);
	if (!of_path(r, w, k, x))
		return;
	long long id = FIELD(x, k->id_at);
	activity_ref *links = NULL;
	int n = k->links >= 0 ? links_get(r->db, r->a, (link_owner)k->links, id, false, &links) : 0;
	k->form(r, w, x, links, n, NULL);
	html *b = resp_html(w);
	k->status(r, b, x);
	if (k->media >= 0)
		photos_card(r, b, (media_owner)k->media, k->base, id);
	delete_button(r, b, k, id);
	html(b, "</section>");
	page_close(r, w);
}

/* A photo of the brand project or case of the path, while it is public or to
 * its unit's staff and the centre (the route's data is its kind). */
void page_showcase_photo(req *r, resp *w)
{
	const kind *k = r->route->h.data;
	char *x = arena_alloc(r->a, k->size);
	if (of_path(r, w, k, x))
		media_serve(r, w, (media_owner)k->media, FIELD(x, k->id_at), k->shown(x) || staff_of(r, FIELD(x, k->unit_at)),
			    arena_printf(r->a, "%s?week=%lld", k->public_page, FIELD(x, k->week_at)));
}
