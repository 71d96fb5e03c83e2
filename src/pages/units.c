/* units.c: the centre manages the reporting units below it. */
#include "pages.h"
#include "core/text.h"
#include <string.h>

void page_units(req *r, resp *w)
{
	html *b = resp_html(w);
	long long root = unit_root(r->db);
	unit top;
	unit_load(r->db, r->a, root, &top);
	html lead = HTML_INIT;
	H(&lead, "<p class=\"lead\">向<strong>%s</strong>报送材料的单位。已停用的单位保留全部历史数据，不再出现在新的报送中。</p>", top.name);
	centre_list_open(r, w, "报送单位", &lead, "添加单位", "/admin/units/new");
	html_free(&lead);
	unit *v;
	int n = unit_children(r->db, r->a, root, true, &v);
	static const char *const heads[] = {"顺序", "名称", "类别", "代码", "账号", "状态", "操作"};
	if (table_open(b, n, "还没有报送单位。", heads, 7)) {
		for (int i = 0; i < n; i++) {
			long long accounts = account_count_in(r->db, v[i].id);
			H(b, "<tr%s><td>%D</td><td>%s</td><td>%s</td><td><code>%s</code></td><td><a href=\"/admin/accounts?unit=%D\">%D 个</a></td><td>%s</td><td>",
			  v[i].retired ? " class=\"retired\"" : "", v[i].sort_order, v[i].name, v[i].kind, v[i].code,
			  v[i].id, accounts, v[i].retired ? "已停用" : "使用中");
			if (may(r, ACT_RUN_CITY, 0)) {
				H(b, "<a href=\"/admin/units/%D/edit\">编辑</a> ", v[i].id);
				form_open(r, b, arena_printf(r->a, "/admin/units/%lld/%s", v[i].id, v[i].retired ? "restore" : "retire"), "inline");
				if (v[i].retired)
					html(b, "<button type=\"submit\" class=\"linkish\">恢复使用</button></form>");
				else
					html(b, "<button type=\"submit\" class=\"linkish\" data-confirm=\"停用后该单位不再出现在新的报送中，历史数据保留。确定停用吗？\">停用</button></form>");
			}
			html(b, "</td></tr>");
		}
		table_close(b);
	}
	page_close(r, w);
}

static void unit_form(req *r, resp *w, const unit *u, const errs *e)
{
	html *b = resp_html(w);
	const char *title = u->id ? "编辑单位" : "添加单位";
	form_page_open(r, w, title, "报送单位", "/admin/units");
	if (e && e->n)
		form_errors(b, errs_summary(e, r->a));
	if (u->id)
		form_open(r, b, arena_printf(r->a, "/admin/units/%lld", u->id), "form");
	else
		form_open(r, b, "/admin/units", "form");
	field_input(b, "name", "单位名称", "text", u->name, true, "例如 东湖区", e ? err_for(e, "name") : NULL);
	option kinds[] = {{"区", "区"}, {"县", "县"}, {"开发区", "开发区"}, {"管理局", "管理局"}};
	field_select(b, "kind", "类别", kinds, 4, u->kind, e ? err_for(e, "kind") : NULL);
	field_input(b, "code", "单位代码", "text", u->code, true, "小写字母和数字，用于账号名和导出文件名，例如 donghu", e ? err_for(e, "code") : NULL);
	field_input(b, "sort_order", "显示顺序", "number", arena_printf(r->a, "%lld", u->sort_order), false,
		    "数字小的排在前面", e ? err_for(e, "sort_order") : NULL);
	html(b, "<p><button type=\"submit\" class=\"primary\">保存</button> <a href=\"/admin/units\">取消</a></p></form>");
	page_close(r, w);
}

void page_unit_new(req *r, resp *w)
{
	unit u = {0};
	u.sort_order = unit_next_sort_order(r->db);
	unit_form(r, w, &u, NULL);
}

static void unit_submit(req *r, resp *w, long long id)
{
	unit u = {0};
	u.id = id;
	u.parent_id = unit_root(r->db);
	u.name = arena_strdup(r->a, param(r, "name"));
	u.kind = arena_strdup(r->a, param(r, "kind"));
	u.code = arena_strdup(r->a, param(r, "code"));
	u.sort_order = param_int(r, "sort_order", 0);
	if (id) {
		unit old;
		unit_load(r->db, r->a, id, &old);
		if (!old.parent_id) {
			/* the root keeps its kind; only its name and code change */
			u.parent_id = 0;
			if (!u.kind || strcmp(u.kind, "市"))
				u.kind = old.kind;
		}
		if (!old.parent_id)
			u.parent_id = 0;
	}
	errs e = {0};
	actor who = page_actor(r);
	if (!unit_save(r->db, r->a, &who, &u, &e)) {
		w->status = 422;
		unit_form(r, w, &u, &e);
		return;
	}
	flash(r, w, "单位已保存。");
	redirect(r, w, "/admin/units");
}

void page_unit_create(req *r, resp *w)
{
	unit_submit(r, w, 0);
}

void page_unit_edit(req *r, resp *w)
{
	unit u;
	unit_load(r->db, r->a, path_id(r, "unit"), &u);
	unit_form(r, w, &u, NULL);
}

void page_unit_update(req *r, resp *w)
{
	unit_submit(r, w, path_id(r, "unit"));
}

static void set_retired(req *r, resp *w, bool retired)
{
	actor who = page_actor(r);
	action_end(r, w, unit_set_retired(r->db, r->a, &who, path_id(r, "unit"), retired) >= 0, 409, "无法更改这个单位的状态（市中心本身不能停用）。",
	           retired ? "单位已停用，历史数据已保留。" : "单位已恢复使用。", "/admin/units");
}

void page_unit_retire(req *r, resp *w)
{
	set_retired(r, w, true);
}

void page_unit_restore(req *r, resp *w)
{
	set_retired(r, w, false);
}

/* ---- a unit's public consultation number, set by its admin ---- */

static void phone_form(req *r, resp *w, const unit *u, const char *value, const errs *e)
{
	html *b = resp_html(w);
	page_open(r, w, "咨询电话");
	breadcrumbs(r, w, NULL, NULL, "咨询电话");
	H(b, "<h1>%s的咨询电话</h1>"
	     "<p class=\"lead\">居民在本单位每一项活动的页面上看到这个号码，有问题可以打电话问（例如报名、地点、取消）。"
	     "请填单位的办公电话或服务热线，不要填个人手机号码。</p>", u->name);
	if (e && e->n)
		form_errors(b, errs_summary(e, r->a));
	form_open(r, b, arena_printf(r->a, "/units/%lld/phone", u->id), "form narrow");
	field_input(b, "consult_phone", "咨询电话", "tel", value, false,
		    "带区号的办公电话，例如 0791-86123456（分机写在后面：0791-86123456-801），或 400-123-4567、12345 这样的服务热线；留空则不显示",
		    e ? err_for(e, "consult_phone") : NULL);
	html(b, "<p><button type=\"submit\" class=\"primary\">保存</button></p></form>");
	page_close(r, w);
}

void page_unit_phone_form(req *r, resp *w)
{
	unit u;
	unit_load(r->db, r->a, path_id(r, "unit"), &u);
	phone_form(r, w, &u, u.consult_phone, NULL);
}

void page_unit_phone(req *r, resp *w)
{
	unit u;
	unit_load(r->db, r->a, path_id(r, "unit"), &u);
	errs e = {0};
	actor who = page_actor(r);
	if (unit_set_phone(r->db, r->a, &who, u.id, param(r, "consult_phone"), &e) < 0) {
		w->status = 422;
		phone_form(r, w, &u, param(r, "consult_phone"), &e);
		return;
	}
	unit_load(r->db, r->a, u.id, &u);
	flash(r, w, *u.consult_phone ? arena_printf(r->a, "咨询电话已保存：%s。居民在本单位的活动页面上能看到它。", u.consult_phone)
				     : "咨询电话已清除，活动页面上不再显示。");
	redirect(r, w, arena_printf(r->a, "/units/%lld/phone", u.id));
}
