/* auth.c: staff login and logout, and changing one's own password. */
#include "pages.h"
#include "web/session.h"
#include <string.h>

static void login_form(req *r, resp *w, const char *username, const char *next, const char *error)
{
	html *b = resp_html(w);
	page_open(r, w, "工作人员登录");
	html(b, "<section class=\"narrow\"><h1>工作人员登录</h1>"
		"<p class=\"lead\">供市中心和各县区、开发区的工作人员使用。居民查看和报名活动无需登录。</p>");
	form_errors(b, error);
	form_open(r, b, "/login", "form");
	H(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next ? next : "");
	field_input(b, "username", "用户名", "text", username, true, NULL, NULL);
	field_input(b, "password", "密码", "password", NULL, true, NULL, NULL);
	html(b, "<p><button type=\"submit\" class=\"primary\">登录</button></p></form>"
		"<p class=\"hint\">忘记密码请联系本单位管理员或市社区教育指导中心重置。</p></section>");
	page_close(r, w);
}

void page_login_form(req *r, resp *w)
{
	if (r->user.id) {
		redirect(r, w, safe_next(r, param(r, "next"), "/admin"));
		return;
	}
	login_form(r, w, NULL, param(r, "next"), NULL);
}

void page_login(req *r, resp *w)
{
	const char *u = param(r, "username"), *p = param(r, "password");
	const char *next = safe_next(r, param(r, "next"), "/admin");
	if (!u || !*u || !p || !*p) {
		w->status = 400;
		login_form(r, w, u, next, "请输入用户名和密码。");
		return;
	}
	long long wait = 0;
	long long id = login_attempt(r->db, u, p, r->address, r->now, &wait);
	if (id < 0) {
		w->status = 429;
		char *msg = arena_printf(r->a, "登录失败次数过多，为保护账号安全，请 %lld 秒后再试。", wait);
		resp_header(r, w, "Retry-After", arena_printf(r->a, "%lld", wait));
		login_form(r, w, u, next, msg);
		return;
	}
	if (id == 0) {
		w->status = 401;
		login_form(r, w, u, next, "用户名或密码不正确，或账号已停用。");
		return;
	}
	if (session_start(r, w, id) < 0) {
		fail(r, w, 503, "暂时无法登录，请稍后再试。");
		return;
	}
	actor who = {id, u, r->address, r->now};
	audit(r->db, &who, owner_unit_of(r->db, "account", id),
	      "login", "account", id, u, NULL, NULL);
	redirect(r, w, next);
}

void page_logout(req *r, resp *w)
{
	session_end(r, w);
	flash(r, w, "您已退出登录。");
	redirect(r, w, "/");
}

static void password_form(req *r, resp *w, const errs *e)
{
	html *b = resp_html(w);
	page_open(r, w, "修改密码");
	breadcrumbs(r, w, NULL, NULL, "修改密码");
	html(b, "<section class=\"narrow\"><h1>修改密码</h1>");
	if (e)
		form_errors(b, errs_summary(e, r->a));
	form_open(r, b, "/account/password", "form");
	field_input(b, "current", "当前密码", "password", NULL, true, NULL, e ? err_for(e, "current") : NULL);
	field_input(b, "password", "新密码", "password", NULL, true, "至少 8 位。", e ? err_for(e, "password") : NULL);
	field_input(b, "confirm", "再次输入新密码", "password", NULL, true, NULL, e ? err_for(e, "confirm") : NULL);
	html(b, "<p><button type=\"submit\" class=\"primary\">保存新密码</button></p></form></section>");
	page_close(r, w);
}

void page_password_form(req *r, resp *w)
{
	password_form(r, w, NULL);
}

void page_password(req *r, resp *w)
{
	errs e = {0};
	const char *cur = param(r, "current"), *pw = param(r, "password"), *cf = param(r, "confirm");
	long long wait = 0;
	long long id = login_attempt(r->db, r->user.username, cur ? cur : "", r->address, r->now, &wait);
	if (id < 0)
		err_add(&e, "current", arena_printf(r->a, "尝试次数过多，请 %lld 秒后再试。", wait));
	else if (id != r->user.id)
		err_add(&e, "current", "当前密码不正确。");
	if (!pw || !cf || strcmp(pw, cf))
		err_add(&e, "confirm", "两次输入的新密码不一致。");
	actor who = page_actor(r);
	if (e.n || account_set_password(r->db, r->a, &who, r->user.id, pw, &e) < 0) {
		w->status = 422;
		password_form(r, w, &e);
		return;
	}
	/* every session of this account ended with the old password; start a fresh one */
	r->session_hash[0] = 0;
	session_start(r, w, r->user.id);
	flash(r, w, "密码已修改。其他设备上的登录已退出，您的 API 令牌均已作废。");
	redirect(r, w, "/admin");
}
