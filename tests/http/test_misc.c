/* test_misc.c: the plumbing every visitor meets: /healthz, static assets and
 * their caching, security headers, cookie flags, the large-text mode, 404/405. */
#include "harness.h"
#include <string.h>

/* on the third day of the 2022 week: the home page shows the current week */
LW_SERVER("--now 2022-12-03T10:00+08:00", NULL)

Test(misc, healthz_answers_ok)
{
	lw_client *c = lw_client_new();
	lw_resp *r = lw_get(c, "/healthz");
	cr_assert_eq(r->status, 200);
	cr_assert_str_eq(r->body, "ok\n");
	const char *ct = lw_header(r, "Content-Type");
	cr_assert(ct && !strncmp(ct, "text/plain", 10), "Content-Type %s", ct ? ct : "(none)");
}

Test(misc, static_css_has_etag_and_if_none_match_gives_304)
{
	lw_client *c = lw_client_new();
	lw_resp *home = lw_get(c, "/");
	cr_assert_eq(home->status, 200);
	cr_assert(lw_has(home, "/static/app.css"), "the page links no stylesheet");

	lw_resp *css = lw_get(c, "/static/app.css");
	cr_assert_eq(css->status, 200);
	const char *ct = lw_header(css, "Content-Type");
	cr_assert(ct && !strncmp(ct, "text/css", 8), "Content-Type %s", ct ? ct : "(none)");
	cr_assert_gt(css->len, 100, "the stylesheet is empty");
	const char *etag = lw_header(css, "ETag");
	cr_assert(etag && etag[0] == '"', "no quoted ETag on /static/app.css");
	cr_assert(lw_header(css, "Cache-Control"), "no Cache-Control on /static/app.css");

	const char *inm[] = {lw_printf("If-None-Match: %s", etag), NULL};
	lw_resp *again = lw_send(c, "GET", "/static/app.css", NULL, 0, inm);
	cr_assert_eq(again->status, 304);
	cr_assert_eq(again->len, 0, "a 304 carries no body");

	const char *stale[] = {"If-None-Match: \"not-the-etag\"", NULL};
	lw_resp *changed = lw_send(c, "GET", "/static/app.css", NULL, 0, stale);
	cr_assert_eq(changed->status, 200, "a different ETag must get the file");
	cr_assert_eq(changed->len, css->len);

	lw_resp *missing = lw_get(c, "/static/nope.css");
	lw_expect(missing, 404, "找不到");
	lw_resp *up = lw_get(c, "/static/../learnweek.db");
	cr_assert_eq(up->status, 404, "path traversal under /static: %ld", up->status);
}

Test(misc, html_pages_carry_security_headers)
{
	lw_client *c = lw_client_new();
	const char *paths[] = {"/", "/login", "/no/such/page", "/%ZZ"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		lw_resp *r = lw_get(c, paths[i]);
		const char *csp = lw_header(r, "Content-Security-Policy");
		cr_assert(csp && strstr(csp, "default-src 'self'") && strstr(csp, "frame-ancestors 'none'"),
			  "%s (%ld): CSP is %s", paths[i], r->status, csp ? csp : "missing");
		const char *nosniff = lw_header(r, "X-Content-Type-Options");
		cr_assert(nosniff && !strcmp(nosniff, "nosniff"), "%s: X-Content-Type-Options %s", paths[i],
			  nosniff ? nosniff : "missing");
		const char *ct = lw_header(r, "Content-Type");
		cr_assert(ct && strstr(ct, "text/html") && strstr(ct, "utf-8"), "%s: Content-Type %s", paths[i], ct ? ct : "missing");
		cr_assert(lw_has(r, "<html lang=\"zh-CN\""), "%s: not a Chinese HTML page", paths[i]);
	}
}

Test(misc, cookies_are_httponly_and_samesite_lax)
{
	lw_client *c = lw_client_new();
	lw_resp *first = lw_get(c, "/");
	cr_assert_null(lw_header(first, "Set-Cookie"), "a first visit sets no cookie: %s", first->headers);

	char *user = lw_unique("ck");
	lw_add_user(user, "centre_viewer", NULL, "cookie-pass-1");
	lw_resp *login = lw_login(c, user, "cookie-pass-1");
	cr_assert_eq(login->status, 303);
	const char *s = lw_set_cookie(login, "lw_s");
	cr_assert(s, "login set no session cookie");
	cr_assert(strstr(s, "HttpOnly") && strstr(s, "SameSite=Lax"), "lw_s: %s", s);
	cr_assert_null(strstr(s, "Max-Age"), "the session cookie should end with the browser: %s", s);
	cr_assert_null(strstr(s, "Secure"), "Secure on a plain-HTTP public address breaks the install: %s", s);

	lw_resp *big = lw_submit(c, "/prefs/text", "size", "big", "back", "/", NULL);
	const char *b = lw_set_cookie(big, "lw_big");
	cr_assert(b && strstr(b, "HttpOnly") && strstr(b, "SameSite=Lax"), "lw_big: %s", b ? b : "missing");
}

Test(misc, large_text_toggle_sticks)
{
	lw_client *c = lw_client_new();
	lw_resp *plain = lw_get(c, "/");
	cr_assert(lw_has(plain, "<html lang=\"zh-CN\">"), "a new visitor gets normal text");
	cr_assert(lw_has(plain, "长辈版（大字）"), "the large-text switch is on every page");

	lw_resp *on = lw_submit(c, "/prefs/text", "size", "big", "back", "/login", NULL);
	cr_assert_eq(on->status, 303);
	const char *loc = lw_header(on, "Location");
	cr_assert(loc && !strcmp(loc, "/login"), "back to where the visitor was: %s", loc ? loc : "(none)");
	const char *set = lw_set_cookie(on, "lw_big");
	cr_assert(set && !strncmp(set, "lw_big=1;", 9), "Set-Cookie %s", set ? set : "(none)");
	cr_assert(strstr(set, "Max-Age="), "large text stays on once chosen: %s", set);

	lw_resp *page = lw_get(c, "/login");
	cr_assert(lw_has(page, "<html lang=\"zh-CN\" class=\"big\">"), "the next page is large:\n%.300s", page->body);
	cr_assert(lw_has(page, "标准字号"), "and offers the way back");
	lw_resp *other = lw_get(c, "/no/such/page");
	cr_assert(lw_has(other, "class=\"big\""), "error pages are large too");

	lw_resp *off = lw_submit(c, "/prefs/text", "size", "normal", "back", "/", NULL);
	cr_assert_eq(off->status, 303);
	lw_resp *again = lw_get(c, "/");
	cr_assert(lw_has(again, "<html lang=\"zh-CN\">"), "switched back to normal text");
}

Test(misc, large_text_toggle_only_from_our_pages)
{
	lw_client *c = lw_client_new();
	lw_get(c, "/");
	const char *h[] = {"Origin: http://evil.example", NULL};
	lw_resp *r = lw_send(c, "POST", "/prefs/text", "size=big&back=%2F", 17, h);
	lw_expect(r, 403, "安全校验失败");
	cr_assert_null(lw_set_cookie(r, "lw_big"), "a forged request must not switch the mode");
	cr_assert(lw_has(lw_get(c, "/"), "<html lang=\"zh-CN\">"));
}

Test(misc, back_address_stays_on_this_site)
{
	lw_client *c = lw_client_new();
	const char *evil[] = {"//evil.example/", "https://evil.example/", "/\\evil.example", "/\t/evil.example",
			      "/\t\\evil.example", "javascript:alert(1)"};
	for (size_t i = 0; i < sizeof evil / sizeof *evil; i++) {
		lw_resp *r = lw_submit(c, "/prefs/text", "size", "big", "back", evil[i], NULL);
		cr_assert_eq(r->status, 303);
		const char *loc = lw_header(r, "Location");
		cr_assert(loc && !strcmp(loc, "/"), "back=%s redirected to %s", evil[i], loc ? loc : "(none)");
	}
}

Test(misc, unknown_page_and_wrong_method)
{
	lw_client *c = lw_client_new();
	lw_expect(lw_get(c, "/no/such/page"), 404, "找不到这个页面");
	lw_expect(lw_get(c, "/logout"), 405, "此网址不接受 GET 请求");
	lw_expect(lw_get(c, "/weeks/999999"), 404, "找不到这一届活动周");
	lw_expect(lw_get(c, "/weeks/abc"), 404, "找不到这个页面");
	lw_expect(lw_send(c, "DELETE", "/", NULL, 0, NULL), 405, "不接受 DELETE");
	lw_expect(lw_send(c, "PATCH", "/", "x", 1, NULL), 405, "不支持这种请求方法");
	lw_assert_alive();
}

Test(misc, home_shows_the_2022_week)
{
	lw_client *c = lw_client_new();
	lw_resp *r = lw_get(c, "/");
	cr_assert_eq(r->status, 200);
	cr_assert(lw_has(r, "学习贯彻二十大，终身学习向未来"), "the 2022 theme is on the home page");
	/* the server runs on 2022-12-03 (--now): this year's dates carry no year,
	 * and 1 December 2022 was a Thursday */
	cr_assert(lw_has(r, "12月1日（星期四）至 12月7日（星期三）"), "the week's dates are shown as 12月1日（星期四）");
	cr_assert(!lw_has(r, "2022年12月1日"), "a date of the current year carries no year");
	cr_assert(lw_has(r, "工作人员登录"), "an anonymous visitor is offered the login");
}
