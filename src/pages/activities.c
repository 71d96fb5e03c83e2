/* activities.c: unit staff record activities: the list with filters, the form
 * (also used to edit), copy, publish/cancel, participant counts and photos. */
#include "pages/activities.h"
#include "pages/conflict.h"
#include "domain/participation.h"
#include "domain/throttle.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdlib.h>
#include <string.h>

#define PER_PAGE 20

static void status_badge(html *b, const char *status)
{
	H(b, "<span class=\"badge badge-%s\">%s</span>", status, status_label(status));
}

/* ---- the list ---- */

void page_unit_activities(req *r, resp *w)
{
	html *b = resp_html(w);
	long long unit_id = path_id(r, "unit"), week_id = week_param(r);
	if (!unit_list_open(r, w, unit_id, week_id, "活动", "还没有活动周，暂时不能录入活动。"))
		return;
	week wk;
	week_load(r->db, r->a, week_id, &wk);
	week *weeks;
	int nweeks = week_choices_list(r, &weeks);
	bool can_edit = may(r, ACT_RECORD, 0);
	record_buttons(r, b, unit_id, week_id, "新增活动", "activities/new", "imports/new");

	activity_query q = {.week_id = week_id, .unit_id = unit_id, .status = param(r, "status"), .content = param(r, "content"),
			    .mode = param(r, "mode"), .q = param(r, "q"), .sort = param(r, "sort"), .page = param_int(r, "page", 1),
			    .per_page = PER_PAGE};

	H(b, "<form method=\"get\" action=\"/units/%D/activities\" class=\"filters\">", unit_id);
	html(b, "<label>活动周 <select name=\"week\">");
	for (int i = 0; i < nweeks; i++)
		H(b, "<option value=\"%D\"%s>%D 年</option>", weeks[i].id, weeks[i].id == week_id ? " selected" : "", weeks[i].year);
	html(b, "</select></label> <label>状态 <select name=\"status\"><option value=\"\">全部</option>");
	static const char *const sts[] = {"draft", "published", "cancelled"};
	filter_options(b, sts, 3, status_label, q.status);
	html(b, "</select></label> <label>活动内容 <select name=\"content\"><option value=\"\">全部</option>");
	choices contents = week_choices(r->db, r->a, week_id, "content");
	for (int i = 0; i < contents.n; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", contents.code[i], q.content && !strcmp(q.content, contents.code[i]) ? " selected" : "",
		  contents.label[i]);
	html(b, "</select></label> <label>方式 <select name=\"mode\"><option value=\"\">全部</option>");
	static const char *const modes[] = {"offline", "online", "both"};
	filter_options(b, modes, 3, mode_label, q.mode);
	html(b, "</select></label> <label>排序 <select name=\"sort\">");
	const char *sorts[][2] = {{"start", "按开始时间"}, {"-start", "开始时间倒序"}, {"title", "按名称"}, {"updated", "最近修改"}};
	for (int i = 0; i < 4; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", sorts[i][0], q.sort && !strcmp(q.sort, sorts[i][0]) ? " selected" : "",
		  sorts[i][1]);
	H(b, "</select></label> <label>搜索 <input name=\"q\" value=\"%s\" placeholder=\"名称、单位、地点\"></label> "
	     "<button type=\"submit\">筛选</button></form>", q.q ? q.q : "");

	activity *v;
	long long total;
	int n = activity_search(r->db, r->a, &q, &v, &total);
	H(b, "<p>%s：共 %D 项活动。</p>", wk.title, total);
	if (!n) {
		if (q.status || q.content || q.mode || (q.q && *q.q))
			html(b, "<p class=\"empty\">没有符合筛选条件的活动。</p>");
		else
			html(b, "<p class=\"empty\">还没有录入活动。点“新增活动”逐项填写，或用 Excel 模板一次导入多项。</p>");
	} else {
		html(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">时间</th><th scope=\"col\">名称</th>"
			"<th scope=\"col\">方式</th><th scope=\"col\">状态</th><th scope=\"col\">操作</th></tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			html(b, "<tr><td>");
			activity_when(r, b, &v[i]);
			H(b, "</td><td><a href=\"/activities/%D\">%s</a>", v[i].id, v[i].title);
			if (v[i].featured)
				html(b, " <span class=\"tag\">特色</span>");
			H(b, "</td><td>%s</td><td>", mode_label(v[i].mode));
			status_badge(b, v[i].status);
			html(b, "</td><td>");
			if (can_edit) {
				H(b, "<a href=\"/activities/%D/edit\">编辑</a> ", v[i].id);
				form_open(r, b, arena_printf(r->a, "/activities/%lld/copy", v[i].id), "inline");
				html(b, "<button type=\"submit\" class=\"linkish\">复制</button></form>");
			}
			html(b, "</td></tr>");
		}
		html(b, "</tbody></table></div>");
	}
	if (total > PER_PAGE) {
		html list = HTML_INIT;
		H(&list, "/units/%D/activities?week=%D&amp;status=%u&amp;content=%u&amp;mode=%u&amp;q=%u&amp;sort=%u", unit_id, week_id,
		  q.status ? q.status : "", q.content ? q.content : "", q.mode ? q.mode : "", q.q ? q.q : "", q.sort ? q.sort : "");
		pager_of(b, &list, q.page, total, PER_PAGE);
		html_free(&list);
	}
	page_close(r, w);
}

/* ---- the form ---- */

static bool has(const tags *t, const char *v)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->v[i], v))
			return true;
	return false;
}

static void checkboxes(html *b, const char *name, const char *legend, const char *const *values, const char *const *labels,
		       int n, const tags *chosen, const char *err, bool required)
{
	/* the mark is markup: through %s it would come out escaped */
	H(b, "<fieldset class=\"checks\"><legend>%s", legend);
	if (required)
		html(b, "<span class=\"req\" aria-hidden=\"true\">*</span>");
	html(b, "</legend>");
	for (int i = 0; i < n; i++)
		H(b, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%s\"%s> %s</label>", name, values[i],
		  has(chosen, values[i]) ? " checked" : "", labels ? labels[i] : values[i]);
	if (err)
		H(b, "<p class=\"field-error\">%s</p>", err);
	html(b, "</fieldset>\n");
}

static const char *num_or_empty(arena *a, long long v)
{
	return v < 0 ? "" : arena_printf(a, "%lld", v);
}

static void activity_form(req *r, resp *w, const activity *x, const errs *e)
{
	html *b = resp_html(w);
	const char *title = x->id ? "编辑活动" : "新增活动";
	page_open(r, w, title);
	breadcrumbs(r, w, "活动", arena_printf(r->a, "/units/%lld/activities?week=%lld", x->unit_id, x->week_id), title);
	H(b, "<h1>%s</h1>", title);
	error_list(b, e);
	if (x->id)
		form_open(r, b, arena_printf(r->a, "/activities/%lld", x->id), "form activity-form");
	else
		form_open(r, b, arena_printf(r->a, "/units/%lld/activities", x->unit_id), "form activity-form");
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\">", x->week_id);
	if (x->id)
		H(b, "<input type=\"hidden\" name=\"revision\" value=\"%D\">", x->revision);
	field_input(b, "title", "活动名称", "text", x->title, true, NULL, e ? err_for(e, "title") : NULL);
	field_input(b, "host", "主办单位", "text", x->host, true, "举办活动的学校、社区教育学院或机构", e ? err_for(e, "host") : NULL);
	field_input(b, "co_hosts", "协办单位", "text", x->co_hosts, false, "多个单位用顿号（、）分隔", e ? err_for(e, "co_hosts") : NULL);
	week_lists l = week_lists_load(r->db, r->a, x->week_id);
	checkboxes(b, "content", "活动内容（可多选）", l.content.code, l.content.wording, l.content.n, &x->content,
		   e ? err_for(e, "content") : NULL, true);
	checkboxes(b, "subjects", "学习主题（可选）", subjects, NULL, N_SUBJECTS, &x->subjects, e ? err_for(e, "subjects") : NULL, false);
	checkboxes(b, "forms", "活动形式", l.form.code, l.form.label, l.form.n, &x->forms, e ? err_for(e, "forms") : NULL, false);
	checkboxes(b, "audiences", "参与对象", l.audience.code, l.audience.label, l.audience.n, &x->audiences,
		   e ? err_for(e, "audiences") : NULL, false);
	html(b, "<fieldset class=\"checks\"><legend>活动方式<span class=\"req\" aria-hidden=\"true\">*</span></legend>");
	const char *modes[] = {"offline", "online", "both"};
	for (int i = 0; i < 3; i++)
		H(b, "<label class=\"check\"><input type=\"radio\" name=\"mode\" value=\"%s\"%s> %s</label>", modes[i],
		  x->mode && !strcmp(x->mode, modes[i]) ? " checked" : "", mode_label(modes[i]));
	if (e && err_for(e, "mode"))
		H(b, "<p class=\"field-error\">%s</p>", err_for(e, "mode"));
	html(b, "</fieldset>");
	field_input(b, "starts_at", "开始时间", "datetime-local", x->starts_at ? datetime_local_iso(r->a, x->starts_at) : NULL, true,
		    "北京时间", e ? err_for(e, "starts_at") : NULL);
	field_input(b, "ends_at", "结束时间", "datetime-local", x->ends_at ? datetime_local_iso(r->a, x->ends_at) : NULL, true,
		    NULL, e ? err_for(e, "ends_at") : NULL);
	field_input(b, "venue", "活动地点", "text", x->venue, false, "线下活动必填：写到门牌和房间，方便居民找到", e ? err_for(e, "venue") : NULL);
	field_input(b, "street", "所在街道/乡镇", "text", x->street, false, "用于统计活动范围", e ? err_for(e, "street") : NULL);
	field_input(b, "online_url", "线上链接", "url", x->online_url, false, "线上活动必填，以 https:// 开头", e ? err_for(e, "online_url") : NULL);
	field_input(b, "capacity", "人数上限", "number", num_or_empty(r->a, x->capacity), false, "不限人数请留空",
		    e ? err_for(e, "capacity") : NULL);
	field_textarea(b, "description", "活动简介", x->description, 6, 5000, NULL, e ? err_for(e, "description") : NULL);
	H(b, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"featured\" value=\"1\"%s> "
	     "有特色的活动（将列入总结表“有特色的活动”）</label></div>", x->featured ? " checked" : "");
	H(b, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"off_week\" value=\"1\"%s> "
	     "周外活动（在活动周日期之外举办：照常显示在日历上，但不计入总结表和统计）</label></div>", x->off_week ? " checked" : "");
	field_input(b, "reported", "主办方报告的参与人数", "number", num_or_empty(r->a, x->reported), false,
		    "没有扫码签到和现场清点时，总结表采用此数；有签到或清点时以签到和清点为准，不重复计算",
		    e ? err_for(e, "reported") : NULL);
	html(b, "<p class=\"actions\"><button type=\"submit\" class=\"primary\">保存</button>");
	if (!x->id || !strcmp(x->status, "draft"))
		html(b, " <button type=\"submit\" name=\"publish\" value=\"1\">保存并发布</button>");
	html(b, "</p></form>");
	page_close(r, w);
}

void page_activity_new(req *r, resp *w)
{
	activity x = {0};
	x.unit_id = path_id(r, "unit");
	x.week_id = week_param(r);
	x.capacity = x.reported = -1;
	x.status = "draft";
	x.mode = "offline";
	if (!x.week_id) {
		fail(r, w, 409, "还没有活动周，暂时不能录入活动。");
		return;
	}
	unit u;
	unit_load(r->db, r->a, x.unit_id, &u);
	if (u.retired) {
		fail(r, w, 409, "该单位已停用，不能再录入活动。");
		return;
	}
	activity_form(r, w, &x, NULL);
}

static tags tags_of(req *r, const char *name)
{
	tags t;
	t.n = param_all(r, name, &t.v);
	return t;
}

static const char *tags_text(arena *a, const tags *t, const choices *labels)
{
	buf b = BUF_INIT;
	for (int i = 0; i < t->n; i++) {
		const char *v = choice_label(labels, t->v[i]);
		if (i)
			buf_append(&b, "、", strlen("、"));
		buf_append(&b, v, strlen(v));
	}
	buf_append(&b, "", 1);
	char *out = arena_strdup(a, b.p);
	free(b.p);
	return out;
}

/* A stale save: 409, what is saved now beside what this person typed, and
 * their form again at the current revision. */
static void activity_conflict(req *r, resp *w, activity *mine)
{
	activity t;
	if (!activity_load(r->db, r->a, mine->id, &t)) {
		fail(r, w, 404, "找不到这项活动，可能已被删除。");
		return;
	}
	arena *a = r->a;
	choices contents = week_choices(r->db, a, t.week_id, "content");
#define WHEN(x) ((x) ? datetime_cn(a, (x)) : "")
	diff_row rows[] = {
		{"活动名称", t.title, mine->title}, {"主办单位", t.host, mine->host}, {"协办单位", t.co_hosts, mine->co_hosts},
		{"活动内容", tags_text(a, &t.content, &contents), tags_text(a, &mine->content, &contents)},
		{"学习主题", tags_text(a, &t.subjects, NULL), tags_text(a, &mine->subjects, NULL)},
		{"活动形式", tags_text(a, &t.forms, NULL), tags_text(a, &mine->forms, NULL)},
		{"参与对象", tags_text(a, &t.audiences, NULL), tags_text(a, &mine->audiences, NULL)},
		{"活动方式", mode_label(t.mode), mode_label(mine->mode)},
		{"开始时间", WHEN(t.starts_at), WHEN(mine->starts_at)}, {"结束时间", WHEN(t.ends_at), WHEN(mine->ends_at)},
		{"活动地点", t.venue, mine->venue}, {"所在街道/乡镇", t.street, mine->street},
		{"线上链接", t.online_url, mine->online_url},
		{"人数上限", num_or_empty(a, t.capacity), num_or_empty(a, mine->capacity)},
		{"活动简介", t.description, mine->description},
		{"有特色的活动", t.featured ? "是" : "否", mine->featured ? "是" : "否"},
		{"主办方报告的参与人数", num_or_empty(a, t.reported), num_or_empty(a, mine->reported)},
	};
#undef WHEN
	mine->revision = t.revision;
	mine->status = t.status; /* the status is not in this form: it stays as it is now */
	conflict_prepare(r, w, rows, (int)(sizeof rows / sizeof *rows), arena_printf(a, "/activities/%lld/edit", t.id));
	activity_form(r, w, mine, NULL);
}

static void submit(req *r, resp *w, activity *old)
{
	activity_input in = {
		.title = param(r, "title"), .host = param(r, "host"), .co_hosts = param(r, "co_hosts"),
		.mode = param(r, "mode"), .starts_at = param(r, "starts_at"), .ends_at = param(r, "ends_at"),
		.venue = param(r, "venue"), .street = param(r, "street"), .online_url = param(r, "online_url"),
		.capacity = param(r, "capacity"), .description = param(r, "description"),
		.featured = param(r, "featured"), .reported = param(r, "reported"), .off_week = param(r, "off_week"),
		.content = tags_of(r, "content"), .subjects = tags_of(r, "subjects"),
		.forms = tags_of(r, "forms"), .audiences = tags_of(r, "audiences"),
	};
	activity x = {0};
	errs e = {0};
	const char *warning;
	long long week_id = old ? old->week_id : week_param(r);
	activity_parse(r->db, r->a, &in, week_id, &x, &e, &warning);
	x.id = old ? old->id : 0;
	x.unit_id = old ? old->unit_id : path_id(r, "unit");
	x.status = old ? old->status : "draft";
	x.revision = param_int(r, "revision", -1);
	if (!old && unit_retired(r->db, x.unit_id))
		err_add(&e, NULL, "该单位已停用，不能再录入活动。");
	actor who = page_actor(r);
	if (!e.n && !activity_save(r->db, r->a, &who, &x, &e) && errs_stale(&e)) {
		activity_conflict(r, w, &x);
		return;
	}
	if (e.n) {
		w->status = 422;
		if (!x.title)
			x.title = "";
		activity_form(r, w, &x, &e);
		return;
	}
	const char *pub = param(r, "publish");
	bool publish = pub && strcmp(pub, "0") && !strcmp(x.status, "draft");
	if (publish && activity_change_status(r->db, r->a, &who, x.id, "published", NULL) < 0)
		publish = false;
	const char *msg = publish ? "活动已保存并发布，居民现在可以在日历中看到它。" : "活动已保存。";
	flash(r, w, warning ? arena_printf(r->a, "%s%s", msg, warning) : msg);
	redirect(r, w, arena_printf(r->a, "/activities/%lld", x.id));
}

void page_activity_create(req *r, resp *w)
{
	submit(r, w, NULL);
}

void page_activity_edit(req *r, resp *w)
{
	activity x;
	if (activity_of_path(r, w, &x))
		activity_form(r, w, &x, NULL);
}

void page_activity_update(req *r, resp *w)
{
	activity x;
	if (activity_of_path(r, w, &x))
		submit(r, w, &x);
}

void page_activity_copy(req *r, resp *w)
{
	actor who = page_actor(r);
	long long id = activity_copy(r->db, r->a, &who, path_id(r, "activity"));
	if (!id) {
		fail(r, w, 503, "复制失败，请重试。");
		return;
	}
	flash(r, w, "已复制为新的草稿，请修改时间等信息后保存。");
	redirect(r, w, arena_printf(r->a, "/activities/%lld/edit", id));
}

void page_activity_status(req *r, resp *w)
{
	const char *s = param(r, "status");
	if (!s || (strcmp(s, "published") && strcmp(s, "cancelled") && strcmp(s, "draft"))) {
		fail(r, w, 400, "状态只能是发布、取消或撤回为草稿。");
		return;
	}
	activity x;
	if (!activity_of_path(r, w, &x))
		return;
	actor who = page_actor(r);
	const char *why;
	int rc = activity_change_status(r->db, r->a, &who, x.id, s, &why);
	if (rc == 1) {
		fail(r, w, 409, "%s", why);
		return;
	}
	action_end(r, w, rc >= 0, 503, "保存失败，请重试。",
	           !strcmp(s, "published") ? "活动已发布。" : !strcmp(s, "cancelled") ? "活动已取消，日历中将显示“已取消”。" : "活动已撤回为草稿。",
	           arena_printf(r->a, "/activities/%lld", x.id));
}

void page_activity_counts(req *r, resp *w)
{
	activity x;
	if (!activity_of_path(r, w, &x))
		return;
	long long reported = -1;
	const char *rep = param(r, "reported");
	if (rep && *rep && !parse_int64(rep, 0, 10000000, &reported)) {
		fail(r, w, 400, "「主办方报告的参与人数」应为 0 到 10000000 之间的整数。");
		return;
	}
	actor who = page_actor(r);
	action_end(r, w,
	           activity_set_counts(r->db, r->a, &who, x.id, param_int(r, "staff_count", x.staff_count), reported) >= 0, 503,
	           "保存失败，请重试。", "参与人数已保存。", arena_printf(r->a, "/activities/%lld", x.id));
}

void page_activity_count_source(req *r, resp *w)
{
	activity x;
	if (!activity_of_path(r, w, &x))
		return;
	errs e = {0};
	actor who = page_actor(r);
	bool ok = activity_confirm_count(r->db, r->a, &who, x.id, param(r, "count_source"), param(r, "count_reason"), &e) >= 0;
	action_end(r, w, ok, 422, errs_summary(&e, r->a), "已确认计入总结表的参与人数。", arena_printf(r->a, "/activities/%lld", x.id));
}

/* ---- the staff view of one activity ---- */

void page_activity_staff(req *r, resp *w)
{
	html *b = resp_html(w);
	activity x;
	if (!activity_of_path(r, w, &x))
		return;
	bool can_edit = may(r, ACT_RECORD, 0);
	page_open(r, w, x.title);
	breadcrumbs(r, w, "活动", arena_printf(r->a, "/units/%lld/activities?week=%lld", x.unit_id, x.week_id), x.title);
	H(b, "<h1>%s</h1><p>", x.title);
	status_badge(b, x.status);
	H(b, " %s · %s</p>", x.unit_name, mode_label(x.mode));
	if (can_edit) {
		H(b, "<p class=\"actions\"><a class=\"button\" href=\"/activities/%D/edit\">编辑</a> ", x.id);
		if (!strcmp(x.status, "draft")) {
			form_open(r, b, arena_printf(r->a, "/activities/%lld/status", x.id), "inline");
			html(b, "<button type=\"submit\" name=\"status\" value=\"published\" class=\"primary\">发布</button></form> ");
		}
		if (!strcmp(x.status, "published")) {
			form_open(r, b, arena_printf(r->a, "/activities/%lld/status", x.id), "inline");
			html(b, "<button type=\"submit\" name=\"status\" value=\"cancelled\" class=\"danger\" "
				"data-confirm=\"取消后活动仍显示在日历中并标明“已取消”，已报名的居民可以看到。确定取消吗？\">取消活动</button></form> ");
		}
		if (!strcmp(x.status, "cancelled")) {
			form_open(r, b, arena_printf(r->a, "/activities/%lld/status", x.id), "inline");
			html(b, "<button type=\"submit\" name=\"status\" value=\"published\">恢复举行</button></form> ");
		}
		form_open(r, b, arena_printf(r->a, "/activities/%lld/copy", x.id), "inline");
		html(b, "<button type=\"submit\">复制为新活动</button></form>");
		if (strcmp(x.status, "draft"))
			H(b, " <a class=\"button\" href=\"/a/%D\">公开页面</a>", x.id);
		html(b, "</p>");
	}
	html(b, "<dl class=\"facts\"><div><dt>时间</dt><dd>");
	activity_when(r, b, &x);
	H(b, "</dd></div><div><dt>主办单位</dt><dd>%s</dd></div>", x.host);
	if (*x.co_hosts)
		H(b, "<div><dt>协办单位</dt><dd>%s</dd></div>", x.co_hosts);
	if (*x.venue)
		H(b, "<div><dt>地点</dt><dd>%s%s%s</dd></div>", x.venue, *x.street ? "（" : "", *x.street ? arena_printf(r->a, "%s）", x.street) : "");
	if (*x.online_url)
		H(b, "<div><dt>线上链接</dt><dd><a href=\"%s\" rel=\"noopener noreferrer\">%s</a></dd></div>", x.online_url, x.online_url);
	html(b, "<div><dt>活动内容</dt><dd>");
	choices contents = week_choices(r->db, r->a, x.week_id, "content");
	tag_list(b, &x.content, &contents);
	html(b, "</dd></div>");
	if (x.subjects.n) {
		html(b, "<div><dt>学习主题</dt><dd>");
		tag_list(b, &x.subjects, NULL);
		html(b, "</dd></div>");
	}
	if (x.forms.n) {
		html(b, "<div><dt>活动形式</dt><dd>");
		tag_list(b, &x.forms, NULL);
		html(b, "</dd></div>");
	}
	if (x.audiences.n) {
		html(b, "<div><dt>参与对象</dt><dd>");
		tag_list(b, &x.audiences, NULL);
		html(b, "</dd></div>");
	}
	H(b, "<div><dt>人数上限</dt><dd>%s</dd></div>", x.capacity < 0 ? "不限" : arena_printf(r->a, "%lld 人", x.capacity));
	H(b, "<div><dt>有特色的活动</dt><dd>%s</dd></div>", x.featured ? "是" : "否");
	if (x.off_week)
		html(b, "<div><dt>周外活动</dt><dd>是：在活动周日期之外，不计入总结表和统计</dd></div>");
	html(b, "</dl>");
	if (*x.description) {
		html(b, "<div class=\"prose\">");
		html_paragraphs(b, x.description);
		html(b, "</div>");
	}

	/* participants, by source */
	participants p = activity_participants(r->db, x.id);
	reg_counts rc = registration_counts(r->db, x.id);
	long long signed_up = rc.confirmed, waiting = rc.waiting, ci = checkin_count(r->db, x.id);
	html(b, "<section class=\"card\"><h2>报名与参与</h2>");
	H(b, "<p>已报名 %D 人，候补 %D 人。扫码签到 %D 人，现场清点 %D 人", signed_up, waiting, ci, x.staff_count);
	if (x.reported >= 0)
		H(b, "，主办方报告 %D 人", x.reported);
	H(b, "。</p><p><strong>计入总结表的参与人数：%D 人</strong>", p.total);
	if (!strcmp(x.count_source, "measured"))
		H(b, "（已确认按签到和清点计算，原因：%s）", x.count_reason);
	else if (!strcmp(x.count_source, "reported"))
		H(b, "（已确认采用主办方报告的人数，原因：%s）", x.count_reason);
	else if (p.activities_measured)
		html(b, "（按签到和清点计算；主办方报告的人数不再重复计入）");
	else if (p.activities_reported)
		html(b, "（没有签到和清点，采用主办方报告的人数）");
	else
		html(b, "（未填人数：没有签到、清点，也没有主办方报告的人数）");
	html(b, "</p>");
	if (p.activities_unconfirmed) {
		H(b, "<div class=\"warning\" role=\"alert\" id=\"count-source\"><p><strong>两个来源的人数不一致，请确认哪个正确</strong>："
		     "签到和清点共 %D 人，主办方报告 %D 人。确认之前，总结表按签到和清点计。</p>", p.checked_in + p.counted, x.reported);
		if (can_edit) {
			form_open(r, b, arena_printf(r->a, "/activities/%lld/count-source", x.id), "form");
			H(b, "<fieldset class=\"checks\"><legend>计入总结表的人数</legend>"
			     "<label class=\"check\"><input type=\"radio\" name=\"count_source\" value=\"measured\" required> 签到和清点（%D 人）</label>"
			     "<label class=\"check\"><input type=\"radio\" name=\"count_source\" value=\"reported\"> 主办方报告（%D 人）</label></fieldset>",
			  p.checked_in + p.counted, x.reported);
			field_input(b, "count_reason", "原因", "text", "", true, "例如：线上直播另有观看，主办方报告的人数包含他们", NULL);
			html(b, "<p><button type=\"submit\">确认</button></p></form>");
		}
		html(b, "</div>");
	}
	if (can_edit) {
		form_open(r, b, arena_printf(r->a, "/activities/%lld/counts", x.id), "form");
		field_input(b, "staff_count", "现场清点的未扫码人数", "number", arena_printf(r->a, "%lld", x.staff_count), false,
			    "没有扫码签到的到场人数，由工作人员清点", NULL);
		field_input(b, "reported", "主办方报告的参与人数", "number", num_or_empty(r->a, x.reported), false,
			    "适用于线上观看等无法签到的情况", NULL);
		html(b, "<p><button type=\"submit\">保存人数</button></p></form>");
	}
	satisfaction s = activity_satisfaction(r->db, x.id);
	if (s.total)
		H(b, "<p>群众满意度：%s。</p>", satisfaction_text(r->a, &s));
	else
		html(b, "<p>群众满意度：还没有评价。居民扫码签到后即可评价。</p>");
	refusals no = activity_refusals(r->db, x.id);
	if (no.signup + no.checkin + no.checkin_guess + no.rating)
		H(b, "<p class=\"refusals\">已拦截 %D 次异常报名、%D 次异常签到（其中 %D 次是姓名和手机号后四位多次对不上）、%D 次异常评价："
		     "同一设备或同一号码提交过于频繁，这些没有计入上面的人数和满意度。</p>",
		  no.signup, no.checkin + no.checkin_guess, no.checkin_guess, no.rating);
	H(b, "<p><a href=\"/activities/%D/registrations\">报名名单与代报名</a> · <a href=\"/activities/%D/checkin-code\">签到二维码</a></p>",
	  x.id, x.id);
	html(b, "</section>");

	/* photos */
	photo *ph;
	int np = activity_photos(r->db, r->a, x.id, &ph);
	html(b, "<section class=\"card\"><h2>活动照片</h2>");
	if (!np)
		html(b, "<p class=\"empty\">还没有照片。</p>");
	else
		html(b, "<ul class=\"photos\">");
	for (int i = 0; i < np; i++) {
		H(b, "<li><img src=\"/photos/%D\" alt=\"%s\" loading=\"lazy\" width=\"240\">", ph[i].id, ph[i].name);
		if (can_edit) {
			form_open(r, b, arena_printf(r->a, "/photos/%lld/delete", ph[i].id), "inline");
			html(b, "<button type=\"submit\" class=\"linkish\">删除</button></form>");
		}
		html(b, "</li>");
	}
	if (np)
		html(b, "</ul>");
	if (can_edit) {
		H(b, "<form method=\"post\" action=\"/activities/%D/photos\" enctype=\"multipart/form-data\" class=\"form upload\" data-progress>",
		  x.id);
		csrf_field(r, b);
		html(b, "<div class=\"field\"><label for=\"f-photo\">添加照片（JPG 或 PNG，最大 20 MB）</label>"
			"<input id=\"f-photo\" type=\"file\" name=\"photo\" accept=\"image/jpeg,image/png\" required></div>"
			"<progress hidden max=\"100\" value=\"0\"></progress>"
			"<p><button type=\"submit\">上传照片</button></p></form>");
	}
	html(b, "</section>");
	page_close(r, w);
}

/* ---- photos ---- */

void page_activity_photo_add(req *r, resp *w)
{
	upload_part *p = photo_upload_take(r, w, "photo");
	if (!p)
		return;
	actor who = page_actor(r);
	long long id = path_id(r, "activity");
	photo_done(r, w, activity_photo_add(r->db, r->a, &who, id, p->u->sha256, p->u->size, p->mime, p->filename) != 0,
		   "照片已上传。", arena_printf(r->a, "/activities/%lld", id));
}

void page_photo(req *r, resp *w)
{
	photo p;
	char *status;
	if (!photo_lookup(r->db, r->a, path_id(r, "photo"), &p, &status)) {
		fail(r, w, 404, "找不到这张照片。");
		return;
	}
	/* photos of drafts are for the unit's staff only */
	if (!strcmp(status, "draft") && !(r->user.id && (is_staff_centre(r) || r->user.unit_id == r->target_unit))) {
		fail(r, w, 404, "找不到这张照片。");
		return;
	}
	photo_send(r, w, &p);
}

void page_photo_delete(req *r, resp *w)
{
	long long activity_id = activity_photo_activity(r->db, path_id(r, "photo"));
	actor who = page_actor(r);
	action_end(r, w, activity_photo_remove(r->db, r->a, &who, path_id(r, "photo")) >= 0, 503, "删除失败，请重试。", "照片已删除。",
	           arena_printf(r->a, "/activities/%lld", activity_id));
}
