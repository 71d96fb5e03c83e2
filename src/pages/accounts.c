/* accounts.c: staff accounts. An organiser (centre) admin manages the accounts
 * of its node's subtree (the whole install at the top); a unit admin those of
 * their own unit and below (the router has checked which unit the target
 * belongs to before any of these runs). */
#include "pages.h"
#include <string.h>

static const option unit_roles[] = {{"unit_editor", "单位填报员（录入活动）"}, {"unit_admin", "单位管理员（管理本单位账号和报送）"}};
static const option centre_roles[] = {{"centre_admin", "中心管理员"}, {"centre_viewer", "中心查看员（只读）"}};

static void account_table(req *r, html *b, account *v, int n)
{
	static const char *const heads[] = {"用户名", "姓名", "单位", "角色", "状态", "操作"};
	if (!table_open(b, n, "还没有账号。", heads, 6))
		return;
	for (int i = 0; i < n; i++) {
		H(b, "<tr%s><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
		  v[i].disabled ? " class=\"retired\"" : "", v[i].username, v[i].display_name, v[i].unit_name,
		  role_label(role_parse(v[i].role)), v[i].disabled ? "已停用" : "正常");
		if (may(r, ACT_MANAGE_ACCOUNTS, 0))
			H(b, "<a href=\"/accounts/%D\">管理</a>", v[i].id);
		html(b, "</td></tr>");
	}
	table_close(b);
}

/* The nodes of the actor's subtree as options; the top of the install is
 * called after its kind's centre (市中心), as the accounts there are. */
static int subtree_options(req *r, bool include_retired, option **out)
{
	unit *v;
	int n = unit_subtree(r->db, r->a, r->user.unit_id, include_retired, &v);
	option *o = arena_alloc(r->a, sizeof *o * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		o[i].value = arena_printf(r->a, "%lld", v[i].id);
		o[i].label = !v[i].parent_id ? arena_printf(r->a, "%s中心", v[i].kind) : v[i].name;
	}
	*out = o;
	return n;
}

void page_accounts(req *r, resp *w)
{
	html *b = resp_html(w);
	long long unit_id = param_int(r, "unit", 0);
	centre_list_open(r, w, "账号", NULL, "添加账号", "/admin/accounts/new");
	/* filter by unit, within the actor's subtree */
	option *units;
	int nu = subtree_options(r, true, &units);
	html(b, "<form method=\"get\" action=\"/admin/accounts\" class=\"filters\"><label for=\"f-unit\">单位</label> "
		"<select id=\"f-unit\" name=\"unit\"><option value=\"\">全部</option>");
	const char *sel = arena_printf(r->a, "%lld", unit_id);
	for (int i = 0; i < nu; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", units[i].value, !strcmp(units[i].value, sel) ? " selected" : "", units[i].label);
	html(b, "</select> <button type=\"submit\">筛选</button></form>");
	account *v;
	int n = account_list_in(r->db, r->a, r->user.unit_id, unit_id, &v);
	account_table(r, b, v, n);
	page_close(r, w);
}

static void account_form(req *r, resp *w, const account *acc, long long fixed_unit, const errs *e)
{
	html *b = resp_html(w);
	page_open(r, w, "添加账号");
	if (fixed_unit)
		breadcrumbs(r, w, "本单位账号", arena_printf(r->a, "/units/%lld/accounts", fixed_unit), "添加账号");
	else
		breadcrumbs(r, w, "账号", "/admin/accounts", "添加账号");
	html(b, "<h1>添加账号</h1>");
	if (e && e->n)
		form_errors(b, errs_summary(e, r->a));
	form_open(r, b, fixed_unit ? arena_printf(r->a, "/units/%lld/accounts", fixed_unit) : "/admin/accounts", "form");
	field_input(b, "username", "用户名", "text", acc->username, true, "3 到 32 个小写字母、数字、_ - 或 .，登录时使用",
		    e ? err_for(e, "username") : NULL);
	field_input(b, "display_name", "姓名", "text", acc->display_name, false, NULL, e ? err_for(e, "display_name") : NULL);
	if (!fixed_unit) {
		option *opts;
		int nu = subtree_options(r, false, &opts);
		field_select(b, "unit_id", "所属单位", opts, nu, arena_printf(r->a, "%lld", acc->unit_id),
			     e ? err_for(e, "unit_id") : NULL);
		option all[] = {unit_roles[0], unit_roles[1], centre_roles[0], centre_roles[1]};
		field_select(b, "role", "角色", all, 4, acc->role, e ? err_for(e, "role") : NULL);
	} else {
		field_select(b, "role", "角色", unit_roles, 2, acc->role, e ? err_for(e, "role") : NULL);
	}
	field_input(b, "password", "初始密码", "password", NULL, true, "至少 8 位。请当面或电话告知本人，并提醒登录后修改。",
		    e ? err_for(e, "password") : NULL);
	html(b, "<p><button type=\"submit\" class=\"primary\">创建账号</button></p></form>");
	page_close(r, w);
}

void page_account_new(req *r, resp *w)
{
	account acc = {0};
	acc.role = "unit_editor";
	account_form(r, w, &acc, 0, NULL);
}

static void create(req *r, resp *w, long long fixed_unit)
{
	account acc = {0};
	acc.username = arena_strdup(r->a, param(r, "username"));
	acc.display_name = arena_strdup(r->a, param(r, "display_name"));
	acc.role = arena_strdup(r->a, param(r, "role"));
	acc.unit_id = fixed_unit ? fixed_unit : param_int(r, "unit_id", 0);
	/* the unit chosen in the form must be within the actor's reach, as a
	 * route's target is */
	if (!fixed_unit && acc.unit_id && !may(r, ACT_MANAGE_ACCOUNTS, acc.unit_id)) {
		fail(r, w, 403, "无权为其他单位创建账号：所属单位只能是本级或本级以下的单位。");
		return;
	}
	errs e = {0};
	actor who = page_actor(r);
	if (fixed_unit && acc.role && strcmp(acc.role, "unit_admin") && strcmp(acc.role, "unit_editor"))
		err_add(&e, "role", "单位账号只能是单位管理员或单位填报员。");
	if (e.n || !account_create(r->db, r->a, &who, &acc, param(r, "password"), &e)) {
		w->status = 422;
		account_form(r, w, &acc, fixed_unit, &e);
		return;
	}
	flash(r, w, "账号已创建。");
	redirect(r, w, fixed_unit ? arena_printf(r->a, "/units/%lld/accounts", fixed_unit) : "/admin/accounts");
}

void page_account_create(req *r, resp *w)
{
	create(r, w, 0);
}

void page_unit_accounts(req *r, resp *w)
{
	html *b = resp_html(w);
	long long unit_id = path_id(r, "unit");
	unit u;
	unit_load(r->db, r->a, unit_id, &u);
	page_open(r, w, "本单位账号");
	breadcrumbs(r, w, NULL, NULL, "本单位账号");
	H(b, "<h1>%s的账号</h1><p><a class=\"button primary\" href=\"/units/%D/accounts/new\">添加账号</a></p>", u.name, unit_id);
	account *v;
	int n = account_list(r->db, r->a, unit_id, &v);
	account_table(r, b, v, n);
	page_close(r, w);
}

void page_unit_account_new(req *r, resp *w)
{
	account acc = {0};
	acc.role = "unit_editor";
	acc.unit_id = path_id(r, "unit");
	account_form(r, w, &acc, acc.unit_id, NULL);
}

void page_unit_account_create(req *r, resp *w)
{
	create(r, w, path_id(r, "unit"));
}

static void edit_form(req *r, resp *w, account *acc, const errs *e)
{
	html *b = resp_html(w);
	page_open(r, w, "管理账号");
	/* the roles the account's node can hold: organiser roles at a node with
	 * nodes below it, unit roles below the top */
	bool top = unit_is_root(r->db, acc->unit_id), organiser = unit_is_organiser(r->db, acc->unit_id);
	option all[] = {unit_roles[0], unit_roles[1], centre_roles[0], centre_roles[1]};
	const option *roles = top ? centre_roles : organiser ? all : unit_roles;
	int nroles = organiser && !top ? 4 : 2;
	if (may(r, ACT_RUN_CITY, 0))
		breadcrumbs(r, w, "账号", "/admin/accounts", acc->username);
	else
		breadcrumbs(r, w, "本单位账号", arena_printf(r->a, "/units/%lld/accounts", acc->unit_id), acc->username);
	H(b, "<h1>账号 %s</h1><p>%s · %s", acc->username, acc->unit_name, role_label(role_parse(acc->role)));
	if (acc->disabled) /* markup: through %s it would show as text */
		html(b, " · <strong>已停用</strong>");
	html(b, "</p>");
	if (e && e->n)
		form_errors(b, errs_summary(e, r->a));
	html(b, "<section class=\"card\"><h2>姓名和角色</h2>");
	form_open(r, b, arena_printf(r->a, "/accounts/%lld", acc->id), "form");
	field_input(b, "display_name", "姓名", "text", acc->display_name, false, NULL, e ? err_for(e, "display_name") : NULL);
	field_select(b, "role", "角色", roles, nroles, acc->role, e ? err_for(e, "role") : NULL);
	html(b, "<p><button type=\"submit\" class=\"primary\">保存</button></p></form></section>");

	html(b, "<section class=\"card\"><h2>重置密码</h2>");
	form_open(r, b, arena_printf(r->a, "/accounts/%lld/password", acc->id), "form");
	field_input(b, "password", "新密码", "password", NULL, true, "至少 8 位。该账号在所有设备上的登录将被退出。",
		    e ? err_for(e, "password") : NULL);
	html(b, "<p><button type=\"submit\">重置密码</button></p></form></section>");

	if (acc->id != r->user.id) {
		html(b, "<section class=\"card\"><h2>停用或启用</h2>");
		if (acc->disabled) {
			form_open(r, b, arena_printf(r->a, "/accounts/%lld/enable", acc->id), "inline");
			html(b, "<button type=\"submit\">启用账号</button></form>");
		} else {
			form_open(r, b, arena_printf(r->a, "/accounts/%lld/disable", acc->id), "inline");
			html(b, "<p>停用后该账号立即退出并不能再登录，它的操作记录保留。</p>"
				"<button type=\"submit\" class=\"danger\">停用账号</button></form>");
		}
		html(b, "</section>");
	}
	page_close(r, w);
}

static bool load_target(req *r, resp *w, account *acc)
{
	return or_404(r, w, account_load(r->db, r->a, path_id(r, "account"), acc), "找不到这个账号。");
}

void page_account_edit(req *r, resp *w)
{
	account acc;
	if (load_target(r, w, &acc))
		edit_form(r, w, &acc, NULL);
}

void page_account_update(req *r, resp *w)
{
	account acc;
	if (!load_target(r, w, &acc))
		return;
	acc.display_name = arena_strdup(r->a, param(r, "display_name"));
	const char *new_role = param(r, "role");
	if (new_role)
		acc.role = arena_strdup(r->a, new_role);
	errs e = {0};
	actor who = page_actor(r);
	if (acc.id == r->user.id && strcmp(acc.role, role_name(r->user.role)))
		err_add(&e, "role", "不能更改自己的角色，请请其他管理员操作。");
	if (e.n || account_update(r->db, r->a, &who, &acc, &e) < 0) {
		w->status = 422;
		edit_form(r, w, &acc, &e);
		return;
	}
	flash(r, w, "账号已保存。");
	redirect(r, w, arena_printf(r->a, "/accounts/%lld", acc.id));
}

static void set_disabled(req *r, resp *w, bool disabled)
{
	account acc;
	if (!load_target(r, w, &acc))
		return;
	if (acc.id == r->user.id) {
		fail(r, w, 409, "不能停用自己正在使用的账号。");
		return;
	}
	actor who = page_actor(r);
	action_end(r, w, account_set_disabled(r->db, r->a, &who, acc.id, disabled) >= 0, 503, "保存失败，请重试。",
	           disabled ? "账号已停用，它的登录和 API 令牌均已失效。" : "账号已启用。停用前的 API 令牌仍然作废，需要时请重新生成。",
	           arena_printf(r->a, "/accounts/%lld", acc.id));
}

void page_account_disable(req *r, resp *w)
{
	set_disabled(r, w, true);
}

void page_account_enable(req *r, resp *w)
{
	set_disabled(r, w, false);
}

void page_account_reset(req *r, resp *w)
{
	account acc;
	if (!load_target(r, w, &acc))
		return;
	errs e = {0};
	actor who = page_actor(r);
	if (account_set_password(r->db, r->a, &who, acc.id, param(r, "password"), &e) < 0) {
		w->status = 422;
		edit_form(r, w, &acc, &e);
		return;
	}
	flash(r, w, "密码已重置，该账号在所有设备上的登录已退出，它的 API 令牌均已作废。");
	redirect(r, w, acc.id == r->user.id ? "/login" : arena_printf(r->a, "/accounts/%lld", acc.id));
}
