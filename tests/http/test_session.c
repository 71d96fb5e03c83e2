/* test_session.c: staff sign in and out; a session ends when it should
 * (logout, a new login, a password change, a disabled account) and a cookie
 * chosen before login never becomes the session. */
#include "harness.h"
#include <string.h>

LW_SERVER("", NULL)

#define PW "session-pass-1"

static lw_client *signed_in(const char *role, const char *unit, char **username)
{
	return lw_signed_in("se", role, unit, PW, username);
}

/* A client that presents only the given session token. */
static lw_client *with_token(const char *token)
{
	lw_client *c = lw_client_new();
	lw_jar_set(c, "lw_s", token);
	return c;
}

static void assert_signed_out(lw_client *c, const char *why)
{
	lw_resp *r = lw_get(c, "/admin");
	cr_assert_eq(r->status, 303, "%s: GET /admin answered %ld", why, r->status);
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && !strncmp(loc, "/login?next=", 12), "%s: redirected to %s", why, loc ? loc : "(nowhere)");
}

static void assert_signed_in(lw_client *c, const char *username, const char *why)
{
	lw_resp *r = lw_get(c, "/admin");
	cr_assert_eq(r->status, 200, "%s: GET /admin answered %ld", why, r->status);
	cr_assert(lw_has(r, lw_printf("退出（%s）", username)), "%s: the page is not %s's", why, username);
}

Test(session, anonymous_staff_page_goes_to_login)
{
	lw_client *c = lw_client_new();
	lw_resp *r = lw_get(c, "/admin/weeks");
	cr_assert_eq(r->status, 303);
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && !strcmp(loc, "/login?next=%2Fadmin%2Fweeks"), "Location %s", loc ? loc : "(none)");
	lw_resp *form = lw_get(c, loc);
	cr_assert_eq(form->status, 200);
	cr_assert(lw_has(form, "工作人员登录"));
	char *next = lw_field(form->body, "next");
	cr_assert(next && !strcmp(next, "/admin/weeks"), "the form keeps next=%s", next ? next : "(none)");
}

Test(session, login_then_logout_ends_the_session)
{
	char *u = lw_unique("se");
	lw_add_user(u, "centre_viewer", NULL, PW);
	lw_client *c = lw_client_new();

	lw_resp *wrong = lw_login(c, u, "not-the-password");
	lw_expect(wrong, 401, "用户名或密码不正确");
	cr_assert_null(lw_set_cookie(wrong, "lw_s"), "a failed login sets no session");
	assert_signed_out(c, "after a wrong password");

	lw_resp *empty = lw_login(c, u, "");
	lw_expect(empty, 400, "请输入用户名和密码");

	lw_login_ok(c, u, PW);
	assert_signed_in(c, u, "after login");
	const char *token = lw_cookie(c, "lw_s");
	cr_assert(token && strlen(token) == 64, "session token %s", token ? token : "(none)");

	lw_resp *out = lw_submit(c, "/logout", NULL);
	cr_assert_eq(out->status, 303);
	const char *loc = lw_header(out, "Location");
	cr_assert(loc && !strcmp(loc, "/"), "logout went to %s", loc ? loc : "(nowhere)");
	const char *clear = lw_set_cookie(out, "lw_s");
	cr_assert(clear && !strncmp(clear, "lw_s=;", 6) && strstr(clear, "Max-Age=0"), "logout clears the cookie: %s",
		  clear ? clear : "(no Set-Cookie)");
	lw_resp *home = lw_get(c, "/");
	cr_assert(lw_has(home, "您已退出登录"), "the next page says so");
	assert_signed_out(c, "after logout");

	/* the old cookie, replayed by someone who copied it, opens nothing */
	lw_client *thief = with_token(token);
	assert_signed_out(thief, "the token after logout");
	lw_expect(lw_submit(thief, "/account/password", "current", PW, "password", "stolen-pass-1", "confirm",
			    "stolen-pass-1", NULL), 403, "请先登录");
	lw_login_ok(lw_client_new(), u, PW); /* the password did not change */
}

Test(session, logout_without_csrf_is_refused)
{
	char *u;
	lw_client *c = signed_in("centre_viewer", NULL, &u);
	lw_expect(lw_post(c, "/logout", ""), 403, "安全校验失败");
	lw_expect(lw_post(c, "/logout", lw_printf("_csrf=%064d", 0)), 403, "安全校验失败");
	assert_signed_in(c, u, "a forged logout must not sign the user out");
}

Test(session, cookie_planted_before_login_is_not_the_session)
{
	lw_client *c = lw_client_new();
	cr_assert_str_empty(lw_csrf(c), "an anonymous visitor gets no token");
	lw_expect(lw_get(c, "/login"), 200, "登录");
	cr_assert_null(lw_cookie(c, "lw_a"), "nor a visitor cookie");
	const char *planted = "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed";
	lw_jar_set(c, "lw_s", planted);
	char *u = lw_unique("se");
	lw_add_user(u, "unit_editor", "东湖区", PW);
	lw_login_ok(c, u, PW);

	const char *token = lw_cookie(c, "lw_s");
	cr_assert(token && strcmp(token, planted), "the session is a new token: %s", token);
	assert_signed_out(with_token(planted), "the planted token");
	assert_signed_in(with_token(token), u, "the issued token");
	/* a staff form wants the session's token: coming from our pages is not enough */
	lw_resp *r = lw_post(c, "/logout", "_csrf=");
	lw_expect(r, 403, "安全校验失败");
	assert_signed_in(c, u, "still signed in");
}

Test(session, attacker_session_planted_in_victim_browser_ends_at_login)
{
	/* the attacker signs in, plants the token in the victim's browser; the
	 * victim's login must not keep that session alive under either name */
	char *attacker;
	lw_client *a = signed_in("unit_editor", "西湖区", &attacker);
	const char *atok = lw_cookie(a, "lw_s");
	char *victim = lw_unique("se");
	lw_add_user(victim, "unit_admin", "西湖区", PW);
	lw_client *v = lw_client_new();
	lw_jar_set(v, "lw_s", atok);
	assert_signed_in(v, attacker, "the planted session is the attacker's");
	lw_login_ok(v, victim, PW);
	const char *vtok = lw_cookie(v, "lw_s");
	cr_assert_str_neq(vtok, atok);
	assert_signed_in(v, victim, "the victim is signed in as themself");
	assert_signed_out(a, "the attacker's session ended when it was replaced");
}

Test(session, second_login_replaces_the_first_session)
{
	char *u1, *u2 = lw_unique("se");
	lw_client *c = signed_in("centre_viewer", NULL, &u1);
	const char *t1 = lw_cookie(c, "lw_s");
	lw_add_user(u2, "centre_viewer", NULL, PW);
	lw_login_ok(c, u2, PW);
	const char *t2 = lw_cookie(c, "lw_s");
	cr_assert_str_neq(t1, t2);
	assert_signed_in(c, u2, "after the second login");
	assert_signed_out(with_token(t1), "the first token");
}

Test(session, password_change_signs_out_other_devices)
{
	char *u;
	lw_client *phone = signed_in("unit_editor", "东湖区", &u);
	lw_client *desk = lw_client_new();
	lw_login_ok(desk, u, PW);

	lw_resp *bad = lw_submit(desk, "/account/password", "current", "wrong-current", "password", "new-pass-12",
				 "confirm", "new-pass-12", NULL);
	lw_expect(bad, 422, "当前密码不正确");
	lw_resp *mismatch = lw_submit(desk, "/account/password", "current", PW, "password", "new-pass-12",
				      "confirm", "new-pass-13", NULL);
	lw_expect(mismatch, 422, "两次输入的新密码不一致");
	lw_resp *shortpw = lw_submit(desk, "/account/password", "current", PW, "password", "short", "confirm", "short", NULL);
	lw_expect(shortpw, 422, "密码至少 8 位");
	assert_signed_in(phone, u, "failed changes end nothing");

	lw_resp *ok = lw_submit(desk, "/account/password", "current", PW, "password", "new-pass-12", "confirm",
				"new-pass-12", NULL);
	cr_assert_eq(ok->status, 303, "password change: %ld\n%s", ok->status, lw_excerpt(ok));
	assert_signed_in(desk, u, "the device that changed it stays signed in");
	assert_signed_out(phone, "the other device");
	lw_expect(lw_login(lw_client_new(), u, PW), 401, "用户名或密码不正确");
	lw_login_ok(lw_client_new(), u, "new-pass-12");
}

Test(session, disabled_account_is_signed_out_at_once)
{
	char *admin;
	lw_client *ca = signed_in("centre_admin", NULL, &admin);
	char *u;
	lw_client *c = signed_in("unit_editor", "青山湖区", &u);
	lw_resp *list = lw_get(ca, "/admin/accounts");
	long long id = lw_id_after(list->body, lw_printf("<td>%s</td>", u), "/accounts/");
	cr_assert_gt(id, 0, "account %s is not listed", u);
	lw_resp *r = lw_submit(ca, lw_printf("/accounts/%lld/disable", id), NULL);
	cr_assert_eq(r->status, 303, "disable: %ld\n%s", r->status, lw_excerpt(r));
	cr_assert(lw_has(lw_get(ca, lw_printf("/accounts/%lld", id)), "已停用"));
	assert_signed_out(c, "a disabled account");
	lw_expect(lw_login(lw_client_new(), u, PW), 401, "账号已停用");
	lw_resp *self = lw_submit(ca, lw_printf("/accounts/%lld/disable",
						lw_id_after(list->body, lw_printf("<td>%s</td>", admin), "/accounts/")), NULL);
	lw_expect(self, 409, "不能停用自己");
}

Test(session, login_goes_to_next_but_only_on_this_site)
{
	char *u = lw_unique("se");
	lw_add_user(u, "centre_viewer", NULL, PW);
	const char *cases[][2] = {
		{"/admin/units", "/admin/units"},
		{"//evil.example/x", "/admin"},
		{"https://evil.example/", "/admin"},
		{"/\\evil.example", "/admin"},
		{"/\t/evil.example", "/admin"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		lw_client *c = lw_client_new();
		lw_resp *r = lw_submit(c, "/login", "username", u, "password", PW, "next", cases[i][0], NULL);
		cr_assert_eq(r->status, 303);
		const char *loc = lw_header(r, "Location");
		cr_assert(loc && !strcmp(loc, cases[i][1]), "next=%s went to %s", cases[i][0], loc ? loc : "(nowhere)");
	}
}
