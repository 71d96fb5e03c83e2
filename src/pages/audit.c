/* audit.c: the centre browses and filters the audit log. */
#include "pages.h"
#include "domain/auditlog.h"
#include "core/timefmt.h"
#include <jansson.h>
#include <string.h>

#define PAGE_SIZE 50

static const struct { const char *action, *label; } actions[] = {
	{"create", "新建"}, {"update", "修改"}, {"retire", "停用单位"}, {"restore", "恢复单位"},
	{"disable", "停用账号"}, {"enable", "启用账号"}, {"password", "更改密码"}, {"login", "登录"},
};
static const struct { const char *entity, *label; } entities[] = {
	{"week", "活动周"}, {"unit", "单位"}, {"account", "账号"},
};

static const char *action_label(const char *a)
{
	for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
		if (!strcmp(actions[i].action, a))
			return actions[i].label;
	return a;
}

static const char *entity_label(const char *e)
{
	for (size_t i = 0; i < sizeof entities / sizeof *entities; i++)
		if (!strcmp(entities[i].entity, e))
			return entities[i].label;
	return e;
}

static char *json_scalar(arena *a, json_t *v)
{
	if (!v || json_is_null(v))
		return arena_strdup(a, "（空）");
	if (json_is_string(v))
		return arena_strdup(a, json_string_value(v));
	if (json_is_integer(v))
		return arena_printf(a, "%lld", (long long)json_integer_value(v));
	return arena_strdup(a, "…");
}

/* The fields that differ between two snapshots, as an escaped list. */
static void changes(req *r, buf *b, const char *old_s, const char *new_s)
{
	json_t *o = old_s ? json_loads(old_s, 0, NULL) : NULL;
	json_t *n = new_s ? json_loads(new_s, 0, NULL) : NULL;
	if (!o && !n)
		return;
	html(b, "<ul class=\"changes\">");
	const char *key;
	json_t *val;
	json_t *base = n ? n : o;
	json_object_foreach(base, key, val) {
		json_t *ov = o ? json_object_get(o, key) : NULL;
		json_t *nv = n ? json_object_get(n, key) : NULL;
		if (o && n && json_equal(ov, nv))
			continue;
		if (!strcmp(key, "id"))
			continue;
		if (o && n)
			H(b, "<li><code>%s</code>：<del>%s</del> → <ins>%s</ins></li>", key, json_scalar(r->a, ov), json_scalar(r->a, nv));
		else
			H(b, "<li><code>%s</code>：%s</li>", key, json_scalar(r->a, n ? nv : ov));
	}
	html(b, "</ul>");
	json_decref(o);
	json_decref(n);
}

void page_audit(req *r, resp *w)
{
	buf *b = &w->body;
	long long unit_id = param_int(r, "unit", 0), page = param_int(r, "page", 1);
	const char *entity = param(r, "entity"), *action = param(r, "action"), *user = param(r, "user");
	const char *from = param(r, "from"), *to = param(r, "to");
	long long from_t = 0, to_t = 0, days;
	if (from && date_parse(from, &days))
		from_t = days * 86400 - SHANGHAI_OFFSET;
	if (to && date_parse(to, &days))
		to_t = (days + 1) * 86400 - SHANGHAI_OFFSET;
	if (page < 1)
		page = 1;
	entity = entity && *entity ? entity : NULL;
	action = action && *action ? action : NULL;
	user = user && *user ? user : NULL;

	page_open(r, w, "操作记录");
	breadcrumbs(r, w, NULL, NULL, "操作记录");
	html(b, "<h1>操作记录</h1><p class=\"lead\">每一次保存都记在这里：谁、何时、改了什么、改前和改后的值。</p>");
	html(b, "<form method=\"get\" action=\"/admin/audit\" class=\"filters\">");
	unit *units;
	int nu = unit_children(r->db, r->a, unit_root(r->db), true, &units);
	html(b, "<label>单位 <select name=\"unit\"><option value=\"\">全部</option>");
	for (int i = 0; i < nu; i++)
		H(b, "<option value=\"%D\"%s>%s</option>", units[i].id, units[i].id == unit_id ? " selected" : "", units[i].name);
	html(b, "</select></label> <label>对象 <select name=\"entity\"><option value=\"\">全部</option>");
	for (size_t i = 0; i < sizeof entities / sizeof *entities; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", entities[i].entity,
		  entity && !strcmp(entity, entities[i].entity) ? " selected" : "", entities[i].label);
	html(b, "</select></label> <label>操作 <select name=\"action\"><option value=\"\">全部</option>");
	for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", actions[i].action,
		  action && !strcmp(action, actions[i].action) ? " selected" : "", actions[i].label);
	H(b, "</select></label> <label>操作人 <input name=\"user\" value=\"%s\" size=\"12\"></label>"
	     " <label>从 <input type=\"date\" name=\"from\" value=\"%s\"></label>"
	     " <label>到 <input type=\"date\" name=\"to\" value=\"%s\"></label>"
	     " <button type=\"submit\">筛选</button></form>",
	  user ? user : "", from ? from : "", to ? to : "");

	audit_filter f = {unit_id, entity, action, user, from_t, to_t};
	long long total = audit_count(r->db, &f);
	audit_line *lines;
	int n = audit_lines(r->db, r->a, &f, page, PAGE_SIZE, &lines);
	if (n < 0) {
		fail(r, w, 500, "读取操作记录失败。");
		return;
	}
	H(b, "<p>共 %D 条。</p>", total);
	if (!total)
		html(b, "<p class=\"empty\">没有符合条件的记录。</p>");
	else
		html(b, "<div class=\"table-wrap\"><table class=\"audit\"><thead><tr><th scope=\"col\">时间</th><th scope=\"col\">操作人</th>"
			"<th scope=\"col\">单位</th><th scope=\"col\">操作</th><th scope=\"col\">对象</th><th scope=\"col\">变化</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const audit_line *l = &lines[i];
		H(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s #%D %s</td><td>",
		  datetime_cn(r->a, l->at), l->username[0] ? l->username : "命令行",
		  l->unit_name, action_label(l->action), entity_label(l->entity), l->entity_id, l->summary);
		changes(r, b, l->old_value, l->new_value);
		html(b, "</td></tr>");
	}
	if (total)
		html(b, "</tbody></table></div>");
	long long pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
	if (pages > 1) {
		html(b, "<nav class=\"pager\" aria-label=\"翻页\">");
		buf q = BUF_INIT;
		H(&q, "unit=%D&amp;entity=%u&amp;action=%u&amp;user=%u&amp;from=%u&amp;to=%u", unit_id,
		  entity ? entity : "", action ? action : "", user ? user : "", from ? from : "", to ? to : "");
		if (page > 1)
			H(b, "<a href=\"/admin/audit?%B&amp;page=%D\">上一页</a> ", &q, page - 1);
		H(b, "<span>第 %D / %D 页</span>", page, pages);
		if (page < pages)
			H(b, " <a href=\"/admin/audit?%B&amp;page=%D\">下一页</a>", &q, page + 1);
		buf_free(&q);
		html(b, "</nav>");
	}
	page_close(r, w);
}
