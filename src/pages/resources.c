/* resources.c: the learning resource library: residents browse and search it
 * (by unit, kind, audience, text; phone-sized, large text, no JavaScript);
 * unit staff record their institutions' resources, link the activities that
 * use them, add photos and import lists; the centre sees the counts. */
#include "pages/conflict.h"
#include "pages/resources.h"
#include "export/xlsx_template.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PER_PAGE 20

/* Phone numbers in full for the owning unit's admin only; masked for other staff. */
static const char *phone_shown(req *r, const resource *x)
{
	if (may(r, ACT_SEE_FULL_PHONE, x->unit_id))
		return x->booking_phone;
	return booking_phone_mask(r->a, x->booking_phone);
}

/* ---- pieces shared with the showcase ---- */

static void audiences_text(html *b, const tags *t)
{
	if (!t->n) {
		html(b, "所有居民");
		return;
	}
	for (int i = 0; i < t->n; i++)
		H(b, "%s%s", i ? "、" : "", t->v[i]);
}

/* How to book, for residents: a link, or that the institution takes calls.
 * Phone numbers are personal data to this system and never on public pages. */
static void booking_public(html *b, const resource *x)
{
	if (!*x->booking_url && !*x->booking_phone)
		return;
	html(b, "<div><dt>预约方式</dt><dd>");
	if (*x->booking_url)
		H(b, "<a href=\"%s\" rel=\"noopener noreferrer\">在线预约</a>", x->booking_url);
	if (*x->booking_phone)
		H(b, "%s可电话预约，号码请向%s咨询", *x->booking_url ? "；" : "", x->institution);
	html(b, "</dd></div>");
}

/* ---- residents: browse and search ---- */

static void kind_options(html *b, const char *selected)
{
	html(b, "<option value=\"\">全部类别</option>");
	for (int i = 0; i < N_RESOURCE_KINDS; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", resource_kinds[i],
		  selected && !strcmp(selected, resource_kinds[i]) ? " selected" : "", resource_kind_labels[i]);
}

void page_resources_public(req *r, resp *w)
{
	html *b = resp_html(w);
	cache_depends(r, GEN_RESOURCES, 0);
	long long week_id = week_param(r);
	page_open(r, w, "学习资源");
	html(b, "<h1>学习资源库</h1><p class=\"lead\">学校、图书馆、博物馆等向居民开放的场地、设备、课程、师资和图书资料。"
		"另见<a href=\"/showcase\">百姓学习之星与品牌项目</a>、<a href=\"/cases\">智慧助老优秀案例</a>。</p>");
	week wk;
	if (!week_id || !week_load(r->db, r->a, week_id, &wk)) {
		html(b, "<p class=\"empty\">本年度的活动周尚未发布，请稍后再来看看。</p>");
		page_close(r, w);
		return;
	}
	resource_query q = {0};
	q.week_id = week_id;
	q.unit_id = param_int(r, "unit", 0);
	q.kind = param(r, "kind");
	q.audience = param(r, "audience");
	q.q = param(r, "q");
	q.status = "open";
	q.page = param_int(r, "page", 1);
	q.per_page = PER_PAGE;

	unit *units;
	int nunits = unit_children(r->db, r->a, unit_root(r->db), false, &units);
	html(b, "<form method=\"get\" action=\"/resources\" class=\"filters\" role=\"search\">");
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\">", week_id);
	html(b, "<label>县区 <select name=\"unit\"><option value=\"\">全部县区</option>");
	for (int i = 0; i < nunits; i++)
		H(b, "<option value=\"%D\"%s>%s</option>", units[i].id, units[i].id == q.unit_id ? " selected" : "", units[i].name);
	html(b, "</select></label> <label>类别 <select name=\"kind\">");
	kind_options(b, q.kind);
	html(b, "</select></label> <label>面向对象 <select name=\"audience\"><option value=\"\">不限</option>");
	choices aud = week_choices(r->db, r->a, week_id, "audience");
	for (int i = 0; i < aud.n; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", aud.code[i], q.audience && !strcmp(q.audience, aud.code[i]) ? " selected" : "",
		  aud.label[i]);
	H(b, "</select></label> <label>搜索 <input name=\"q\" value=\"%s\" placeholder=\"名称、单位、地址\"></label> "
	     "<button type=\"submit\">查找</button></form>", q.q ? q.q : "");

	resource *v;
	long long total;
	int n = resource_search(r->db, r->a, &q, &v, &total);
	H(b, "<p>%s：找到 %D 项开放的学习资源。</p>", wk.title, total);
	if (!n)
		html(b, "<p class=\"empty\">没有找到符合条件的学习资源。可以换个类别或县区再找找。</p>");
	html(b, "<ul class=\"cards resources\">");
	for (int i = 0; i < n; i++) {
		H(b, "<li class=\"card\"><h2><a href=\"/resources/%D\">%s</a></h2><p><span class=\"tag\">%s</span> %s · %s</p>",
		  v[i].id, v[i].title, resource_kind_label(v[i].kind), v[i].institution, v[i].unit_name);
		if (*v[i].address)
			H(b, "<p>地址：%s</p>", v[i].address);
		if (*v[i].hours)
			H(b, "<p>开放时间：%s</p>", v[i].hours);
		html(b, "<p>面向：");
		audiences_text(b, &v[i].audiences);
		html(b, "</p></li>");
	}
	html(b, "</ul>");
	long long pages = (total + PER_PAGE - 1) / PER_PAGE;
	if (pages > 1) {
		html qs = HTML_INIT;
		H(&qs, "week=%D&amp;unit=%D&amp;kind=%u&amp;audience=%u&amp;q=%u", week_id, q.unit_id, q.kind ? q.kind : "",
		  q.audience ? q.audience : "", q.q ? q.q : "");
		html list = HTML_INIT;
		H(&list, "/resources?%B", &qs);
		pager(b, &list, q.page > 0 ? q.page : 1, pages);
		html_free(&list);
		html_free(&qs);
	}
	page_close(r, w);
}

/* An open resource, or the 404 page: a closed one is not public. */
static bool load_public(req *r, resp *w, resource *x)
{
	return or_404(r, w, resource_load(r->db, r->a, path_id(r, "resource"), x) && !strcmp(x->status, "open"), "找不到这项学习资源，它可能已暂停开放。");
}

void page_resource_public(req *r, resp *w)
{
	html *b = resp_html(w);
	cache_depends(r, GEN_RESOURCES, 0);
	resource x;
	if (!load_public(r, w, &x))
		return;
	page_open(r, w, x.title);
	H(b, "<p class=\"crumbs\"><a href=\"/resources?week=%D\">学习资源库</a></p>", x.week_id);
	H(b, "<h1>%s</h1><p><span class=\"tag\">%s</span> %s</p>", x.title, resource_kind_label(x.kind), x.unit_name);
	H(b, "<dl class=\"facts\"><div><dt>开放单位</dt><dd>%s</dd></div>", x.institution);
	if (*x.address)
		H(b, "<div><dt>地址</dt><dd>%s%s%s</dd></div>", x.address, *x.street ? "（" : "",
		  *x.street ? arena_printf(r->a, "%s）", x.street) : "");
	if (*x.hours)
		H(b, "<div><dt>开放时间</dt><dd>%s</dd></div>", x.hours);
	html(b, "<div><dt>面向对象</dt><dd>");
	audiences_text(b, &x.audiences);
	html(b, "</dd></div>");
	booking_public(b, &x);
	if (*x.online_url)
		H(b, "<div><dt>线上学习</dt><dd><a href=\"%s\" rel=\"noopener noreferrer\">%s</a></dd></div>", x.online_url, x.online_url);
	html(b, "</dl>");
	if (*x.description) {
		html(b, "<div class=\"prose\">");
		html_paragraphs(b, x.description);
		html(b, "</div>");
	}
	photo *ph;
	int np = media_photos(r->db, r->a, MEDIA_RESOURCE, x.id, &ph);
	photo_gallery(r, b, arena_printf(r->a, "/resources/%lld/photo?id=", x.id), ph, np, NULL);
	activity_ref *acts;
	int na = links_get(r->db, r->a, LINK_RESOURCE, x.id, true, &acts);
	if (na) {
		html(b, "<section class=\"card\"><h2>相关活动</h2>");
		activity_refs_html(r, b, acts, na, true);
		html(b, "</section>");
	}
	page_close(r, w);
}

void page_resource_photo(req *r, resp *w)
{
	long long id = path_id(r, "resource");
	resource x;
	if (!resource_load(r->db, r->a, id, &x)) {
		fail(r, w, 404, "找不到这张照片。");
		return;
	}
	/* photos of a closed resource are for its unit's staff and the centre only */
	bool staff = r->user.id && (is_staff_centre(r) || r->user.unit_id == x.unit_id);
	media_serve(r, w, MEDIA_RESOURCE, id, !strcmp(x.status, "open") || staff, arena_printf(r->a, "/resources/%lld", id));
}

/* ---- staff: the list ---- */

void page_unit_resources(req *r, resp *w)
{
	html *b = resp_html(w);
	long long unit_id = path_id(r, "unit"), week_id = week_param(r);
	if (!unit_list_open(r, w, unit_id, week_id, "学习资源", "还没有活动周，暂时不能登记学习资源。"))
		return;
	record_buttons(r, b, unit_id, week_id, "新增学习资源", "resources/new", "resources/import");
	resource_query q = {.week_id = week_id, .unit_id = unit_id, .kind = param(r, "kind"), .status = param(r, "status"),
			    .q = param(r, "q"), .page = param_int(r, "page", 1), .per_page = PER_PAGE};
	H(b, "<form method=\"get\" action=\"/units/%D/resources\" class=\"filters\">", unit_id);
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\"><label>类别 <select name=\"kind\">", week_id);
	kind_options(b, q.kind);
	html(b, "</select></label> <label>状态 <select name=\"status\"><option value=\"\">全部</option>");
	static const char *const sts[] = {"open", "closed"};
	filter_options(b, sts, 2, resource_status_label, q.status);
	H(b, "</select></label> <label>搜索 <input name=\"q\" value=\"%s\"></label> <button type=\"submit\">筛选</button></form>",
	  q.q ? q.q : "");
	resource *v;
	long long total;
	int n = resource_search(r->db, r->a, &q, &v, &total);
	resource_tally t = resource_counts(r->db, week_id, unit_id);
	H(b, "<p>共 %D 项；开放中：%s</p>", total, t.total ? resource_counts_text(r->a, &t) : "无");
	if (!n) {
		html(b, "<p class=\"empty\">还没有登记学习资源。</p>");
	} else {
		html(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">名称</th><th scope=\"col\">类别</th>"
			"<th scope=\"col\">开放单位</th><th scope=\"col\">预约电话</th><th scope=\"col\">状态</th>"
			"<th scope=\"col\">操作</th></tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			H(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", v[i].title,
			  resource_kind_label(v[i].kind), v[i].institution, phone_shown(r, &v[i]), resource_status_label(v[i].status));
			if (!strcmp(v[i].status, "open"))
				H(b, "<a href=\"/resources/%D\">公开页面</a> ", v[i].id);
			if (may(r, ACT_RECORD, 0))
				H(b, "<a href=\"/resources/%D/edit\">编辑</a>", v[i].id);
			html(b, "</td></tr>");
		}
		html(b, "</tbody></table></div>");
	}
	html list = HTML_INIT;
	H(&list, "/units/%D/resources?week=%D&amp;kind=%u&amp;status=%u&amp;q=%u", unit_id, week_id, q.kind ? q.kind : "",
	  q.status ? q.status : "", q.q ? q.q : "");
	pager_of(b, &list, q.page, total, PER_PAGE);
	html_free(&list);
	page_close(r, w);
}

/* ---- staff: the form ---- */

static bool has_tag(const tags *t, const char *v)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->v[i], v))
			return true;
	return false;
}

static void resource_form(req *r, resp *w, const resource *x, const activity_ref *links, int nlinks, const errs *e)
{
	html *b = resp_html(w);
	const char *title = x->id ? "编辑学习资源" : "新增学习资源";
	page_open(r, w, title);
	breadcrumbs(r, w, "学习资源", arena_printf(r->a, "/units/%lld/resources?week=%lld", x->unit_id, x->week_id), title);
	H(b, "<h1>%s</h1>", title);
	error_list(b, e);
	form_open(r, b, x->id ? arena_printf(r->a, "/resources/%lld", x->id) : arena_printf(r->a, "/units/%lld/resources", x->unit_id),
		  "form resource-form");
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\">", x->week_id);
	if (x->id)
		H(b, "<input type=\"hidden\" name=\"revision\" value=\"%D\">", x->revision);
	option kinds[N_RESOURCE_KINDS];
	for (int i = 0; i < N_RESOURCE_KINDS; i++)
		kinds[i] = (option){resource_kinds[i], resource_kind_labels[i]};
	field_select(b, "kind", "资源类别", kinds, N_RESOURCE_KINDS, x->kind, e ? err_for(e, "kind") : NULL);
	field_input(b, "title", "资源名称", "text", x->title, true, "例如：社区教育学院计算机教室", e ? err_for(e, "title") : NULL);
	field_input(b, "institution", "开放单位", "text", x->institution, true, "开放这项资源的学校、图书馆、博物馆等",
		    e ? err_for(e, "institution") : NULL);
	field_input(b, "address", "地址", "text", x->address, false, "线上课程以外必填：写到门牌和房间", e ? err_for(e, "address") : NULL);
	field_input(b, "street", "所在街道/乡镇", "text", x->street, false, NULL, e ? err_for(e, "street") : NULL);
	field_input(b, "hours", "开放时间", "text", x->hours, false, "例如：12月1日至7日 每天 9:00-17:00", e ? err_for(e, "hours") : NULL);
	html(b, "<fieldset class=\"checks\"><legend>面向对象（不选则面向所有居民）</legend>");
	choices aud = week_choices(r->db, r->a, x->week_id, "audience");
	for (int i = 0; i < aud.n; i++)
		H(b, "<label class=\"check\"><input type=\"checkbox\" name=\"audiences\" value=\"%s\"%s> %s</label>", aud.code[i],
		  has_tag(&x->audiences, aud.code[i]) ? " checked" : "", aud.label[i]);
	if (e && err_for(e, "audiences"))
		H(b, "<p class=\"field-error\">%s</p>", err_for(e, "audiences"));
	html(b, "</fieldset>");
	/* the full number goes back into the form only for the unit admin, who may see it */
	bool full = may(r, ACT_SEE_FULL_PHONE, x->unit_id);
	if (full || !x->booking_phone || !*x->booking_phone) {
		field_input(b, "booking_phone", "预约电话", "tel", x->booking_phone, false, "手机号码或带区号的固定电话；不在公开页面显示",
			    e ? err_for(e, "booking_phone") : NULL);
	} else {
		field_input(b, "booking_phone", "预约电话", "tel", "", false,
			    arena_printf(r->a, "已登记 %s。留空则保持不变，填写新号码则替换。", booking_phone_mask(r->a, x->booking_phone)),
			    e ? err_for(e, "booking_phone") : NULL);
		html(b, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"clear_phone\" value=\"1\"> 删除已登记的预约电话</label></div>");
	}
	field_input(b, "booking_url", "预约链接", "url", x->booking_url, false, "以 https:// 开头", e ? err_for(e, "booking_url") : NULL);
	field_input(b, "online_url", "线上链接", "url", x->online_url, false, "线上课程必填", e ? err_for(e, "online_url") : NULL);
	field_textarea(b, "description", "资源简介", x->description, 5, 2000, NULL, e ? err_for(e, "description") : NULL);
	option sts[] = {{"open", "开放中"}, {"closed", "暂停开放（不在公开页面显示）"}};
	field_select(b, "status", "状态", sts, 2, x->status, e ? err_for(e, "status") : NULL);
	activity_checkboxes(r, b, "相关活动（使用这项资源的本单位活动）", x->unit_id, x->week_id, NULL, links, nlinks);
	html(b, "<p class=\"actions\"><button type=\"submit\" class=\"primary\">保存</button></p></form>");
}

void page_resource_new(req *r, resp *w)
{
	resource x = {0};
	x.unit_id = path_id(r, "unit");
	x.week_id = week_param(r);
	x.kind = "venue";
	x.status = "open";
	if (!x.week_id) {
		fail(r, w, 409, "还没有活动周，暂时不能登记学习资源。");
		return;
	}
	resource_form(r, w, &x, NULL, 0, NULL);
	page_close(r, w);
}

static void submit(req *r, resp *w, const resource *old)
{
	resource_input in = {
		.kind = param(r, "kind"), .title = param(r, "title"), .institution = param(r, "institution"),
		.address = param(r, "address"), .street = param(r, "street"), .hours = param(r, "hours"),
		.booking_phone = param(r, "booking_phone"), .booking_url = param(r, "booking_url"),
		.online_url = param(r, "online_url"), .description = param(r, "description"), .status = param(r, "status"),
	};
	in.audiences.n = param_all(r, "audiences", &in.audiences.v);
	/* staff who see the number masked leave the field empty to keep it */
	const char *clear = param(r, "clear_phone");
	if (old && (!in.booking_phone || !*in.booking_phone) && !(clear && strcmp(clear, "0")))
		in.booking_phone = old->booking_phone;
	resource x = {0};
	errs e = {0};
	choices aud = week_choices(r->db, r->a, old ? old->week_id : week_param(r), "audience");
	resource_parse(r->a, &in, &aud, &x, &e);
	x.id = old ? old->id : 0;
	x.unit_id = old ? old->unit_id : path_id(r, "unit");
	x.week_id = old ? old->week_id : week_param(r);
	if (!x.week_id)
		err_add(&e, NULL, "还没有活动周，暂时不能登记学习资源。");
	unit u;
	if (!old && unit_load(r->db, r->a, x.unit_id, &u) && u.retired)
		err_add(&e, NULL, "该单位已停用，不能再登记学习资源。");
	long long *ids;
	int nids = ids_param(r, "activities", &ids);
	actor who = page_actor(r);
	x.revision = param_int(r, "revision", -1);
	resource now;
	if (!e.n && !resource_save(r->db, r->a, &who, &x, ids, nids, &e) && errs_stale(&e) &&
	    resource_load(r->db, r->a, x.id, &now)) {
		/* the booking phone as this person may see it (phone_shown) */
		diff_row rows[] = {
			{"资源类别", resource_kind_label(now.kind), resource_kind_label(x.kind)}, {"资源名称", now.title, x.title},
			{"开放单位", now.institution, x.institution}, {"地址", now.address, x.address},
			{"所在街道/乡镇", now.street, x.street}, {"开放时间", now.hours, x.hours},
			{"预约电话", phone_shown(r, &now), phone_shown(r, &x)},
			{"预约链接", now.booking_url, x.booking_url}, {"线上链接", now.online_url, x.online_url},
			{"资源简介", now.description, x.description},
			{"状态", resource_status_label(now.status), resource_status_label(x.status)},
		};
		conflict_prepare(r, w, rows, (int)(sizeof rows / sizeof *rows), arena_printf(r->a, "/resources/%lld/edit", x.id));
		x.revision = now.revision;
		x.booking_phone = old->booking_phone;
		resource_form(r, w, &x, refs_of_ids(r, ids, nids), nids, NULL);
		page_close(r, w);
		return;
	}
	if (e.n) {
		w->status = 422;
		if (old)
			x.booking_phone = old->booking_phone;
		resource_form(r, w, &x, refs_of_ids(r, ids, nids), nids, &e);
		page_close(r, w);
		return;
	}
	flash(r, w, !strcmp(x.status, "open") ? "学习资源已保存，居民现在可以在学习资源库中找到它。" : "学习资源已保存（暂停开放，不公开显示）。");
	redirect(r, w, arena_printf(r->a, "/resources/%lld/edit", x.id));
}

void page_resource_create(req *r, resp *w)
{
	submit(r, w, NULL);
}

static bool load_or_fail(req *r, resp *w, resource *x)
{
	return or_404(r, w, resource_load(r->db, r->a, path_id(r, "resource"), x), "找不到这项学习资源。");
}

void page_resource_update(req *r, resp *w)
{
	resource x;
	if (load_or_fail(r, w, &x))
		submit(r, w, &x);
}

void page_resource_edit(req *r, resp *w)
{
	resource x;
	if (!load_or_fail(r, w, &x))
		return;
	activity_ref *links;
	int nlinks = links_get(r->db, r->a, LINK_RESOURCE, x.id, false, &links);
	resource_form(r, w, &x, links, nlinks, NULL);
	html *b = resp_html(w);
	H(b, "<section class=\"card\"><h2>状态</h2><p>现在：<strong>%s</strong>。", resource_status_label(x.status));
	if (!strcmp(x.status, "open"))
		H(b, " <a href=\"/resources/%D\">查看公开页面</a>", x.id);
	html(b, "</p>");
	form_open(r, b, arena_printf(r->a, "/resources/%lld/status", x.id), "inline");
	if (!strcmp(x.status, "open"))
		html(b, "<button type=\"submit\" name=\"status\" value=\"closed\">暂停开放</button></form>");
	else
		html(b, "<button type=\"submit\" name=\"status\" value=\"open\" class=\"primary\">恢复开放</button></form>");
	form_open(r, b, arena_printf(r->a, "/resources/%lld/delete", x.id), "inline");
	html(b, " <input type=\"hidden\" name=\"confirm\" value=\"1\"><button type=\"submit\" class=\"danger\" "
		"data-confirm=\"删除后不能恢复。只是暂时不开放的话，请选择“暂停开放”。确定删除吗？\">删除</button></form></section>");
	photo *ph;
	int np = media_photos(r->db, r->a, MEDIA_RESOURCE, x.id, &ph);
	html(b, "<section class=\"card\"><h2>照片</h2>");
	if (!np)
		html(b, "<p class=\"empty\">还没有照片。</p>");
	photo_gallery(r, b, arena_printf(r->a, "/resources/%lld/photo?id=", x.id), ph, np,
		      arena_printf(r->a, "/resources/%lld/photos/delete", x.id));
	photo_upload_form(r, b, arena_printf(r->a, "/resources/%lld/photos", x.id), "添加照片");
	html(b, "</section>");
	page_close(r, w);
}

void page_resource_status(req *r, resp *w)
{
	const char *s = param(r, "status");
	if (!s || (strcmp(s, "open") && strcmp(s, "closed"))) {
		fail(r, w, 400, "状态只能是“开放中”或“暂停开放”。");
		return;
	}
	actor who = page_actor(r);
	long long id = path_id(r, "resource");
	action_end(r, w, resource_set_status(r->db, r->a, &who, id, s) >= 0, 503, "保存失败，请重试。",
	           !strcmp(s, "open") ? "已恢复开放，居民可以在学习资源库中看到它。" : "已暂停开放，公开页面不再显示。",
	           arena_printf(r->a, "/resources/%lld/edit", id));
}

void page_resource_delete(req *r, resp *w)
{
	const char *c = param(r, "confirm");
	if (!c || strcmp(c, "1")) {
		fail(r, w, 400, "请在编辑页面点“删除”并确认。");
		return;
	}
	resource x;
	if (!load_or_fail(r, w, &x))
		return;
	actor who = page_actor(r);
	action_end(r, w, resource_delete(r->db, r->a, &who, x.id) >= 0, 503, "删除失败，请重试。", "学习资源已删除。",
	           arena_printf(r->a, "/units/%lld/resources?week=%lld", x.unit_id, x.week_id));
}

void page_resource_photo_add(req *r, resp *w)
{
	media_upload(r, w, MEDIA_RESOURCE, "resource", "/resources");
}

void page_resource_photo_delete(req *r, resp *w)
{
	media_remove(r, w, MEDIA_RESOURCE, "resource", "/resources");
}

/* ---- the centre: counts per unit and kind ---- */

void page_admin_resources(req *r, resp *w)
{
	html *b = resp_html(w);
	long long week_id = week_param(r);
	page_open(r, w, "学习资源统计");
	breadcrumbs(r, w, NULL, NULL, "学习资源统计");
	html(b, "<h1>各县区开放的学习资源</h1>");
	week wk;
	if (!week_id || !week_load(r->db, r->a, week_id, &wk)) {
		html(b, "<p class=\"empty\">还没有活动周。</p>");
		page_close(r, w);
		return;
	}
	H(b, "<p>%s；只计“开放中”的资源。</p>", wk.title);
	unit *units;
	int n = unit_children(r->db, r->a, unit_root(r->db), true, &units);
	html(b, "<div class=\"table-wrap\"><table class=\"counts\"><thead><tr><th scope=\"col\">单位</th>");
	for (int k = 0; k < N_RESOURCE_KINDS; k++)
		H(b, "<th scope=\"col\">%s</th>", resource_kind_labels[k]);
	html(b, "<th scope=\"col\">合计</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		resource_tally t = resource_counts(r->db, week_id, units[i].id);
		H(b, "<tr><th scope=\"row\"><a href=\"/units/%D/resources?week=%D\">%s</a></th>", units[i].id, week_id, units[i].name);
		for (int k = 0; k < N_RESOURCE_KINDS; k++)
			H(b, "<td>%D</td>", t.n[k]);
		H(b, "<td><strong>%D</strong></td></tr>", t.total);
	}
	resource_tally all = resource_counts(r->db, week_id, 0);
	html(b, "</tbody><tfoot><tr><th scope=\"row\">全市合计</th>");
	for (int k = 0; k < N_RESOURCE_KINDS; k++)
		H(b, "<td>%D</td>", all.n[k]);
	H(b, "<td><strong>%D</strong></td></tr></tfoot></table></div>", all.total);
	page_close(r, w);
}
