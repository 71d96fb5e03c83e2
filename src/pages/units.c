/* units.c: the centre manages the reporting units below it. */
#include "pages.h"
#include "core/text.h"
#include <string.h>

/* The label of a node in lists: its name, under its parent's for a node two
 * or more levels below the list's top ("南昌市／东湖区"). */
static const char *tree_label(req *r, const unit *v, int i)
{
	if (v[i].depth <= 1)
		return v[i].name;
	for (int j = i - 1; j >= 0; j--)
		if (v[j].id == v[i].parent_id)
			return arena_printf(r->a, "%s／%s", tree_label(r, v, j), v[i].name);
	return v[i].name;
}

void page_units(req *r, resp *w)
{
	html *b = resp_html(w);
	/* the actor's own subtree: the whole tree at the top */
	long long top_id = r->user.unit_id;
	unit *v;
	int n = unit_subtree(r->db, r->a, top_id, true, &v);
	html lead = HTML_INIT;
	H(&lead, "<p class=\"lead\">向<strong>%s</strong>报送材料的单位%s。已停用的单位保留全部历史数据，不再出现在新的报送中。</p>",
	  n ? v[0].name : "", n > 1 && v[n - 1].depth > 1 ? "（含各级下级单位）" : "");
	centre_list_open(r, w, "报送单位", &lead, "添加单位", "/admin/units/new");
	html_free(&lead);
	if (may(r, ACT_RUN_CITY, 0))
		html(b, "<p><a href=\"/admin/units/import\">从表格导入多级单位</a></p>");
	/* the top's own key, for a level above on another install (issue 17) */
	if (may(r, ACT_RUN_OWN_FORM, r->user.root_unit_id))
		html(b, "<p><a href=\"/admin/package\">本系统的材料包公钥</a>（本级向另一套系统里的上一级报送时用）</p>");
	static const char *const heads[] = {"顺序", "名称", "类别", "代码", "账号", "状态", "操作"};
	if (table_open(b, n - 1, "还没有报送单位。", heads, 7)) {
		for (int i = 1; i < n; i++) {
			long long accounts = account_count_in(r->db, v[i].id);
			H(b, "<tr%s><td>%D</td><td>%s</td><td>%s</td><td><code>%s</code></td><td><a href=\"/admin/accounts?unit=%D\">%D 个</a></td><td>%s</td><td>",
			  v[i].retired ? " class=\"retired\"" : "", v[i].sort_order, tree_label(r, v, i), v[i].kind, v[i].code,
			  v[i].id, accounts, v[i].retired ? "已停用" : "使用中");
			if (may(r, ACT_RUN_CITY, v[i].id)) {
				H(b, "<a href=\"/admin/units/%D/edit\">编辑</a> ", v[i].id);
				form_open(r, b, arena_printf(r->a, "/admin/units/%lld/%s", v[i].id, v[i].retired ? "restore" : "retire"), "inline");
				if (v[i].retired)
					html(b, "<button type=\"submit\" class=\"linkish\">恢复使用</button></form>");
				else
					html(b, "<button type=\"submit\" class=\"linkish\" data-confirm=\"停用后该单位不再出现在新的报送中，历史数据保留。确定停用吗？\">停用</button></form>");
			}
			/* a child on an install of its own sends its signed package (issue 17) */
			if (!v[i].retired && may(r, ACT_IMPORT_PACKAGE, v[i].id))
				H(b, " <a href=\"/admin/units/%D/package\">导入材料包</a>", v[i].id);
			html(b, "</td></tr>");
		}
		table_close(b);
	}
	page_close(r, w);
}

/* The nodes a new one may hang under: the actor's node and every node below
 * it that can have nodes below (not a 街道). */
static int parent_options(req *r, option **out)
{
	unit *v;
	int n = unit_subtree(r->db, r->a, r->user.unit_id, false, &v);
	option *o = arena_alloc(r->a, sizeof *o * (size_t)(n + 1));
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (unit_kind_rank(v[i].kind) >= 3)
			continue;
		o[k].value = arena_printf(r->a, "%lld", v[i].id);
		o[k].label = i == 0 ? v[i].name : tree_label(r, v, i);
		k++;
	}
	*out = o;
	return k;
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
	if (u->parent_id) {
		option *parents;
		int np = parent_options(r, &parents);
		/* one place to hang: no choice to offer */
		if (np > 1)
			field_select(b, "parent_id", "上级单位", parents, np, arena_printf(r->a, "%lld", u->parent_id),
				     e ? err_for(e, "parent_id") : NULL);
	}
	option kinds[] = {{"区", "区"}, {"县", "县"}, {"开发区", "开发区"}, {"管理局", "管理局"}, {"市", "市"}, {"街道", "街道"}, {"省", "省"}};
	field_select(b, "kind", "类别", kinds, u->parent_id ? 6 : 7, u->kind, e ? err_for(e, "kind") : NULL);
	field_input(b, "code", "单位代码", "text", u->code, true, "小写字母和数字，用于账号名和导出文件名，例如 donghu", e ? err_for(e, "code") : NULL);
	field_input(b, "sort_order", "显示顺序", "number", arena_printf(r->a, "%lld", u->sort_order), false,
		    "数字小的排在前面", e ? err_for(e, "sort_order") : NULL);
	html(b, "<p><button type=\"submit\" class=\"primary\">保存</button> <a href=\"/admin/units\">取消</a></p></form>");
	page_close(r, w);
}

void page_unit_new(req *r, resp *w)
{
	unit u = {0};
	u.sort_order = unit_next_sort_order_under(r->db, r->user.unit_id);
	u.parent_id = r->user.unit_id;
	unit_form(r, w, &u, NULL);
}

static void unit_submit(req *r, resp *w, long long id)
{
	unit u = {0};
	u.id = id;
	u.parent_id = param_int(r, "parent_id", 0);
	u.name = arena_strdup(r->a, param(r, "name"));
	u.kind = arena_strdup(r->a, param(r, "kind"));
	u.code = arena_strdup(r->a, param(r, "code"));
	u.sort_order = param_int(r, "sort_order", 0);
	unit old = {0};
	if (id)
		unit_load(r->db, r->a, id, &old);
	if (!u.parent_id) /* not chosen: where it is, or directly under the actor's node */
		u.parent_id = id ? old.parent_id : r->user.unit_id;
	if (id && !old.parent_id) {
		/* the root keeps its kind and its place; only its name and code change */
		u.parent_id = 0;
		u.kind = old.kind;
	}
	/* the new place must be within the actor's reach, as the unit itself is */
	if (u.parent_id && !may(r, ACT_RUN_CITY, u.parent_id)) {
		fail(r, w, 403, "无权把单位放到其他单位下面：上级单位只能是本级或本级以下的单位。");
		return;
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

/* ---- the tree of nodes from a table ---- */

static void import_form(req *r, resp *w, const char *problem, const table_issues *is)
{
	html *b = resp_html(w);
	form_page_open(r, w, "从表格导入多级单位", "报送单位", "/admin/units");
	unit top;
	unit_load(r->db, r->a, r->user.unit_id, &top);
	H(b, "<p class=\"lead\">一次建好<strong>%s</strong>以下的各级单位（市、县区、街道……）。表格（CSV 或 Excel .xlsx）的第一行是表头：</p>"
	     "<ul><li><strong>名称</strong>：例如 南昌市、东湖区（不能和已有的单位重名）</li>"
	     "<li><strong>代码</strong>：小写字母、数字、- 和 _，例如 <code>nanchang</code></li>"
	     "<li><strong>上级</strong>：上级单位的代码或名称，可以是表中前后任何一行，也可以是已有的单位；空着表示直属%s</li>"
	     "<li><strong>类别</strong>：省、市、区、县、开发区、管理局或街道；空着时按名称的最后一个字判断</li></ul>"
	     "<p>先检查每一行；有任何问题就逐行列出，一个也不导入，改好后重新上传。</p>", top.name, top.name);
	if (problem)
		form_errors(b, problem);
	if (is && is->total) {
		H(b, "<section class=\"errors\" role=\"alert\" id=\"report\"><h2>错误报告：共 %d 处，没有导入任何单位</h2>"
		     "<p>请在原文件中改正下列各处，保存后重新上传。</p>", is->total);
		html(b, "<div class=\"table-wrap\"><table class=\"report\"><thead><tr><th scope=\"col\">行号</th><th scope=\"col\">列</th>"
			"<th scope=\"col\">问题</th></tr></thead><tbody>");
		for (int i = 0; i < is->n; i++)
			H(b, "<tr><td>第 %D 行</td><td>%s</td><td>%s</td></tr>", is->v[i].line, is->v[i].column ? is->v[i].column : "—",
			  is->v[i].msg);
		html(b, "</tbody></table></div>");
		if (is->total > is->n)
			H(b, "<p>另有 %d 处错误没有列出。</p>", is->total - is->n);
		html(b, "</section>");
	}
	html(b, "<form method=\"post\" action=\"/admin/units/import\" enctype=\"multipart/form-data\" class=\"form upload\">");
	csrf_field(r, b);
	html(b, "<p><label for=\"file\">表格文件</label> <input type=\"file\" id=\"file\" name=\"file\" accept=\".csv,.xlsx\" required></p>"
		"<p><button type=\"submit\" class=\"primary\">检查并导入</button> <a href=\"/admin/units\">取消</a></p></form>");
	page_close(r, w);
}

void page_units_import_form(req *r, resp *w)
{
	import_form(r, w, NULL, NULL);
}

void page_units_import(req *r, resp *w)
{
	upload_part *p = upload_get(r, "file");
	if (!p || !p->u->size) {
		w->status = 400;
		import_form(r, w, p ? "选择的文件是空的。" : "请选择要上传的文件。", NULL);
		return;
	}
	table_file f;
	table_issues is = {.max = 200};
	actor who = page_actor(r);
	int n = unit_import(r->db, r->a, &who, r->user.unit_id, p->u->tmp_path, p->filename, &f, &is);
	if (n < 0) {
		w->status = f.status ? f.status : 422;
		import_form(r, w, f.status ? f.error : NULL, &is);
		return;
	}
	flash(r, w, arena_printf(r->a, "已导入 %d 个单位。", n));
	redirect(r, w, "/admin/units");
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
