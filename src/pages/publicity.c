/* publicity.c: the unit's publicity records for a week: a list with an add
 * form below it, an edit page, delete, and the screenshot of a record. */
#include "pages/conflict.h"
#include "pages/pages.h"
#include "domain/publicity.h"
#include "domain/submission.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <string.h>

#define SHOT_MAX (10LL * 1024 * 1024)

static const char *linked_title(req *r, long long activity_id)
{
	activity x;
	return activity_id && activity_load(r->db, r->a, activity_id, &x) ? x.title : "";
}

static bool can_manage(req *r, const report *rep)
{
	return report_editable(rep) && may(r, ACT_EDIT_REPORT, rep->unit_id);
}

/* The add or edit form; p holds the values to show. */
static void pub_form(req *r, html *b, const report *rep, const publicity *p, const errs *e)
{
	const char *action = p->id ? arena_printf(r->a, "/publicity/%lld", p->id) : arena_printf(r->a, "/units/%lld/publicity", rep->unit_id);
	H(b, "<form method=\"post\" action=\"%s\" enctype=\"multipart/form-data\" class=\"form\" data-progress>", action);
	csrf_field(r, b);
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\">", rep->week_id);
	if (p->id)
		H(b, "<input type=\"hidden\" name=\"revision\" value=\"%D\">", p->revision);
	if (e && e->n)
		form_errors(b, errs_summary(e, r->a));
	option ch[N_PUB_CHANNELS + 1] = {{"", "请选择"}};
	for (int i = 0; i < N_PUB_CHANNELS; i++)
		ch[i + 1] = (option){pub_channels[i], pub_channels[i]};
	field_select(b, "channel", "宣传渠道", ch, N_PUB_CHANNELS + 1, p->channel, e ? err_for(e, "channel") : NULL);
	option kinds[] = {{"", "请选择"}, {"text", "文字报道"}, {"media", "影像图片报道"}};
	field_select(b, "kind", "报道类型", kinds, 3, p->kind, e ? err_for(e, "kind") : NULL);
	field_input(b, "title", "报道标题", "text", p->title, true, NULL, e ? err_for(e, "title") : NULL);
	field_input(b, "outlet", "刊发媒体", "text", p->outlet, false, "例如 南昌日报、东湖区教育体育局公众号", e ? err_for(e, "outlet") : NULL);
	field_input(b, "published_on", "发布日期", "date", p->published_on, false, NULL, e ? err_for(e, "published_on") : NULL);
	field_input(b, "url", "链接", "url", p->url, false, "以 http:// 或 https:// 开头的网址", e ? err_for(e, "url") : NULL);
	long long *ids;
	char **titles;
	int n = publicity_activity_choices(r->db, r->a, rep->week_id, rep->unit_id, &ids, &titles);
	option *acts = arena_alloc(r->a, sizeof *acts * (size_t)(n + 1));
	acts[0] = (option){"", "（不关联）"};
	for (int i = 0; i < n; i++)
		acts[i + 1] = (option){arena_printf(r->a, "%lld", ids[i]), titles[i]};
	field_select(b, "activity_id", "关联的活动（可选）", acts, n + 1, p->activity_id ? arena_printf(r->a, "%lld", p->activity_id) : "",
		     e ? err_for(e, "activity_id") : NULL);
	html(b, "<div class=\"field\"><label for=\"f-screenshot\">截图（可选，JPG 或 PNG，最大 10 MB）</label>"
		"<input id=\"f-screenshot\" type=\"file\" name=\"screenshot\" accept=\"image/jpeg,image/png\">");
	if (e && e->n)
		html(b, "<p class=\"hint\">如需上传截图，请重新选择文件。</p>");
	html(b, "</div>");
	if (p->screenshot)
		html(b, "<label class=\"check\"><input type=\"checkbox\" name=\"remove_screenshot\" value=\"1\"> 删除现有截图</label>");
	H(b, "<p class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></p></form>", p->id ? "保存" : "添加");
}

static void pub_list(req *r, resp *w, const report *rep, const publicity *draft, const errs *e)
{
	html *b = resp_html(w);
	publicity *v;
	int n = publicity_list(r->db, r->a, rep->week_id, rep->unit_id, &v);
	bool manage = can_manage(r, rep);
	page_open(r, w, "宣传报道");
	breadcrumbs(r, w, "总结表", arena_printf(r->a, "/units/%lld/report?week=%lld", rep->unit_id, rep->week_id), "宣传报道");
	html(b, "<h1>宣传报道</h1><p class=\"hint\">这里记录的报道会自动计入总结表的“宣传范围”“文字报道”“影像图片报道”三栏。</p>");
	if (!report_editable(rep))
		H(b, "<p class=\"notice\">报送材料%s，在中心退回之前不能修改。</p>", report_status_label(rep->status));
	if (!n) {
		html(b, "<p class=\"empty\">还没有宣传报道记录。</p>");
	} else {
		H(b, "<p>共 %d 条：", n);
		int text = 0;
		for (int i = 0; i < n; i++)
			text += !strcmp(v[i].kind, "text");
		H(b, "文字报道 %d 篇，影像图片报道 %d 条。</p>", text, n - text);
		html(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th>渠道</th><th>类型</th><th>标题</th><th>刊发媒体</th>"
			"<th>日期</th><th>关联活动</th><th>截图</th>");
		if (manage)
			html(b, "<th>操作</th>");
		html(b, "</tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			const publicity *p = &v[i];
			H(b, "<tr id=\"pub-%D\"><td>%s</td><td>%s</td><td>", p->id, p->channel, pub_kind_label(p->kind));
			if (*p->url)
				H(b, "<a href=\"%s\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">%s</a>", p->url, p->title);
			else
				H(b, "%s", p->title);
			H(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>", p->outlet,
			  *p->published_on ? date_cn(r->a, p->published_on) : "", p->activity_title);
			if (p->screenshot)
				H(b, "<a href=\"/publicity/%D/screenshot\"><img src=\"/publicity/%D/screenshot\" alt=\"截图：%s\" width=\"96\" loading=\"lazy\"></a>",
				  p->id, p->id, p->title);
			html(b, "</td>");
			if (manage) {
				H(b, "<td class=\"actions\"><a href=\"/publicity/%D/edit\">修改</a> ", p->id);
				form_open(r, b, arena_printf(r->a, "/publicity/%lld/delete", p->id), "inline");
				H(b, "<button type=\"submit\" class=\"linkish\" data-confirm=\"删除这条报道记录「%s」？\">删除</button></form></td>", p->title);
			}
			html(b, "</tr>\n");
		}
		html(b, "</tbody></table></div>");
	}
	if (manage) {
		html(b, "<h2 id=\"add\">添加一条报道</h2>");
		publicity blank = {0};
		pub_form(r, b, rep, draft ? draft : &blank, e);
	}
	H(b, "<p><a href=\"/units/%D/submission?week=%D\">返回附件与提交</a></p>", rep->unit_id, rep->week_id);
	page_close(r, w);
}

void page_publicity(req *r, resp *w)
{
	report rep;
	if (report_from_path(r, w, &rep))
		pub_list(r, w, &rep, NULL, NULL);
}

/* The screenshot of the request, if one was chosen: checked by content. On a
 * refusal the error page is written and false returned. */
static bool take_screenshot(req *r, resp *w, upload_part **shot)
{
	*shot = upload_get(r, "screenshot");
	upload_part *p = *shot;
	if (!p || (!p->u->size && !*p->filename)) {
		*shot = NULL;
		return true;
	}
	if (!p->u->size) {
		fail(r, w, 400, "选择的截图文件是空的。");
		return false;
	}
	if (!p->mime || (strcmp(p->mime, "image/jpeg") && strcmp(p->mime, "image/png"))) {
		fail(r, w, 415, "截图「%s」不是 JPG 或 PNG 图片（系统按文件内容判断，而不是文件名）。请换一张截图。", p->filename);
		return false;
	}
	if (p->u->size > SHOT_MAX) {
		fail(r, w, 413, "截图「%s」太大：最大 10 MB。", p->filename);
		return false;
	}
	return photo_reencode(r, w, p, "截图");
}

static void pub_save(req *r, resp *w, report *rep, publicity *p)
{
	publicity_input in = {
		.channel = param(r, "channel"), .kind = param(r, "kind"), .title = param(r, "title"),
		.outlet = param(r, "outlet"), .published_on = param(r, "published_on"), .url = param(r, "url"),
		.activity_id = param(r, "activity_id"),
	};
	errs e = {0};
	if (!report_editable(rep)) {
		fail(r, w, 409, "报送材料%s，在中心退回之前不能修改宣传报道。", report_status_label(rep->status));
		return;
	}
	upload_part *shot;
	if (!take_screenshot(r, w, &shot))
		return;
	if (publicity_parse(r->db, r->a, &in, p, &e) < 0) {
		w->status = 422;
		if (p->id) {
			html *b = resp_html(w);
			page_open(r, w, "修改宣传报道");
			html(b, "<h1>修改宣传报道</h1>");
			pub_form(r, b, rep, p, &e);
			page_close(r, w);
		} else {
			pub_list(r, w, rep, p, &e);
		}
		return;
	}
	if (shot && upload_keep(r, shot) < 0) {
		fail(r, w, 507, "服务器无法保存文件（磁盘可能已满），请联系管理员。");
		return;
	}
	actor who = page_actor(r);
	bool is_new = !p->id;
	p->revision = param_int(r, "revision", -1);
	publicity now;
	if (!publicity_save(r->db, r->a, &who, p, shot ? shot->u->sha256 : NULL, shot ? shot->u->size : 0,
			    shot ? shot->mime : NULL, param(r, "remove_screenshot") != NULL, &e) &&
	    errs_stale(&e) && publicity_load(r->db, r->a, p->id, &now)) {
		diff_row rows[] = {
			{"宣传渠道", now.channel, p->channel}, {"报道类型", pub_kind_label(now.kind), pub_kind_label(p->kind)},
			{"报道标题", now.title, p->title}, {"刊发媒体", now.outlet, p->outlet}, {"发布日期", now.published_on, p->published_on},
			{"链接", now.url, p->url}, {"关联的活动", now.activity_title, linked_title(r, p->activity_id)},
		};
		conflict_prepare(r, w, rows, (int)(sizeof rows / sizeof *rows), arena_printf(r->a, "/publicity/%lld/edit", p->id));
		p->revision = now.revision;
		p->screenshot = now.screenshot;
		html *b = resp_html(w);
		page_open(r, w, "修改宣传报道");
		html(b, "<h1>修改宣传报道</h1>");
		if (shot)
			html(b, "<p class=\"hint\">刚才选择的截图没有保存，如需更换请重新选择文件。</p>");
		pub_form(r, b, rep, p, NULL);
		page_close(r, w);
		return;
	}
	if (e.n) {
		fail(r, w, 409, "%s", errs_summary(&e, r->a));
		return;
	}
	flash(r, w, is_new ? "宣传报道已添加。" : "宣传报道已保存。");
	redirect(r, w, arena_printf(r->a, "/units/%lld/publicity?week=%lld", rep->unit_id, rep->week_id));
}

void page_publicity_create(req *r, resp *w)
{
	report rep;
	if (!report_from_path(r, w, &rep))
		return;
	publicity p = {0};
	p.week_id = rep.week_id;
	p.unit_id = rep.unit_id;
	pub_save(r, w, &rep, &p);
}

/* The record and its report; false (with the error page) if either is gone. */
/* The record of the path and its report; a ?week= that names another week
 * than the record's is refused, so a form of one week never changes another's. */
static bool load_record(req *r, resp *w, publicity *p, report *rep)
{
	if (!or_404(r, w, publicity_load(r->db, r->a, path_id(r, "publicity"), p) && report_get(r->db, r->a, p->week_id, p->unit_id, rep),
		    "这条宣传报道记录不存在，可能已被删除。"))
		return false;
	if (param_int(r, "week", p->week_id) != p->week_id) {
		fail(r, w, 400, "这条记录不属于所选的活动周。");
		return false;
	}
	return true;
}

void page_publicity_edit(req *r, resp *w)
{
	publicity p;
	report rep;
	if (!load_record(r, w, &p, &rep))
		return;
	if (!report_editable(&rep)) {
		fail(r, w, 409, "报送材料%s，在中心退回之前不能修改宣传报道。", report_status_label(rep.status));
		return;
	}
	html *b = resp_html(w);
	page_open(r, w, "修改宣传报道");
	breadcrumbs(r, w, "宣传报道", arena_printf(r->a, "/units/%lld/publicity?week=%lld", rep.unit_id, rep.week_id), "修改");
	html(b, "<h1>修改宣传报道</h1>");
	if (p.screenshot)
		H(b, "<p><img src=\"/publicity/%D/screenshot\" alt=\"现有截图\" width=\"240\"></p>", p.id);
	pub_form(r, b, &rep, &p, NULL);
	page_close(r, w);
}

void page_publicity_update(req *r, resp *w)
{
	publicity p;
	report rep;
	if (!load_record(r, w, &p, &rep))
		return;
	pub_save(r, w, &rep, &p);
}

void page_publicity_delete(req *r, resp *w)
{
	publicity p;
	report rep;
	if (!load_record(r, w, &p, &rep))
		return;
	remove_then(r, w, publicity_remove, p.id, "宣传报道已删除。",
		    arena_printf(r->a, "/units/%lld/publicity?week=%lld", p.unit_id, p.week_id));
}

void page_publicity_screenshot(req *r, resp *w)
{
	publicity p;
	report rep;
	if (!load_record(r, w, &p, &rep))
		return;
	if (!p.screenshot) {
		fail(r, w, 404, "这条报道没有截图。");
		return;
	}
	const char *mime = stored_mime(r->db, r->a, p.screenshot);
	const char *ext = file_ext(mime, "");
	send_stored(r, w, p.screenshot, mime, arena_printf(r->a, "截图-%s%s", p.title, ext),
		    arena_printf(r->a, "screenshot-%lld%s", p.id, ext), SEND_PICTURES_INLINE);
}
