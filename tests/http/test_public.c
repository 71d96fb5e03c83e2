/* test_public.c: the public pages are the same for every visitor and can be
 * kept by the server's render cache and by any proxy in front: no cookie, no
 * token, an ETag that answers 304, a gzip form, Cache-Control public for
 * proxies and revalidated by browsers. What
 * the cache keeps is never stale after a write (a save, a sign-up, a
 * cancellation shows on the next GET) and never carries one visitor's page
 * to another (large text, a signed-in staff member's menu). */
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASS "public-pass-1234"

static void add_accounts(void)
{
	lw_add_user("pub_editor", "unit_editor", "东湖区", PASS);
}

LW_SERVER("", add_accounts)

static lw_client *editor(void)
{
	lw_client *c = lw_client_new();
	lw_login_ok(c, "pub_editor", PASS);
	return c;
}

/* A published 东湖区 activity with 5 places, starting in an hour: in the 2022
 * week, so outside its dates, a 周外活动 (issue 12). */
static long long new_activity(lw_client *ed, const char *title)
{
	lw_resp *dash = lw_get(ed, "/admin");
	long long unit = lw_id_after(dash->body, "class=\"tiles\"", "/units/");
	cr_assert_gt(unit, 0, "no unit link on the dashboard");
	lw_resp *r = lw_submit(ed, lw_printf("/units/%lld/activities", unit), "title", title, "host", "东湖区社区教育学院",
			       "content", "6", "mode", "offline", "starts_at", lw_local_time(60), "ends_at", lw_local_time(180),
			       "venue", "百花洲路社区学校", "street", "百花洲街道", "capacity", "5", "week", "1", "off_week", "1", "publish", "1", NULL);
	cr_assert_eq(r->status, 303, "create activity: %ld\n%s", r->status, lw_excerpt(r));
	long long id = 0;
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && sscanf(loc, "/activities/%lld", &id) == 1, "Location %s", loc ? loc : "(none)");
	return id;
}

static lw_resp *get_with(lw_client *c, const char *path, const char *h1, const char *h2)
{
	const char *h[] = {h1, h2, NULL};
	return lw_send(c, "GET", path, NULL, 0, h);
}

Test(public, pages_set_no_cookie_and_carry_no_token)
{
	long long id = new_activity(editor(), lw_unique("无状态页面"));
	const char *paths[] = {"/", "/weeks/1", lw_printf("/a/%lld", id), lw_printf("/a/%lld/signup", id), "/calendar.ics",
			       lw_printf("/a/%lld/calendar.ics", id), "/resources", "/showcase", "/cases", "/login", "/?q=%E5%AD%A6"};
	lw_client *c = lw_client_new();
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		for (int round = 0; round < 2; round++) { /* rendered, then from the cache */
			lw_resp *r = lw_get(c, paths[i]);
			cr_assert_eq(r->status, 200, "%s: %ld\n%s", paths[i], r->status, lw_excerpt(r));
			cr_assert_null(lw_header(r, "Set-Cookie"), "%s sets a cookie:\n%s", paths[i], r->headers);
			cr_assert(!lw_has(r, "_csrf"), "%s carries a token", paths[i]);
		}
	cr_assert_null(lw_cookie(c, "lw_a"), "no visitor cookie");
}

Test(public, etag_answers_304_and_gzip_is_offered)
{
	long long id = new_activity(editor(), lw_unique("缓存验证"));
	const char *path = lw_printf("/a/%lld", id);
	lw_client *c = lw_client_new();
	lw_resp *r = lw_get(c, path);
	cr_assert_eq(r->status, 200);
	const char *etag = lw_header(r, "ETag"), *cc = lw_header(r, "Cache-Control"), *vary = lw_header(r, "Vary");
	cr_assert(etag && etag[0] == '"', "ETag %s", etag ? etag : "missing");
	/* a proxy keeps it 30 s; a browser asks again each time (the resident
	 * who just signed up sees the new count) and gets a 304 when unchanged */
	cr_assert(cc && !strcmp(cc, "public, max-age=0, must-revalidate, s-maxage=30, stale-while-revalidate=300"),
		  "Cache-Control %s", cc ? cc : "missing");
	cr_assert(vary && strstr(vary, "Accept-Encoding") && strstr(vary, "Cookie"), "Vary %s", vary ? vary : "missing");

	lw_resp *again = get_with(c, path, lw_printf("If-None-Match: %s", etag), NULL);
	cr_assert_eq(again->status, 304, "If-None-Match with the page's ETag: %ld", again->status);
	cr_assert_eq(again->len, 0, "a 304 has no body");
	lw_resp *other = get_with(c, path, "If-None-Match: \"0000\"", NULL);
	cr_assert_eq(other->status, 200, "another ETag gets the page");
	cr_assert_str_eq(other->body, r->body, "the cached copy is the page");

	lw_resp *gz = get_with(c, path, "Accept-Encoding: gzip", NULL);
	cr_assert_eq(gz->status, 200);
	const char *ce = lw_header(gz, "Content-Encoding");
	cr_assert(ce && !strcmp(ce, "gzip"), "Content-Encoding %s", ce ? ce : "missing");
	cr_assert(gz->len > 10 && (unsigned char)gz->body[0] == 0x1f && (unsigned char)gz->body[1] == 0x8b, "not gzip data");
	cr_assert_lt(gz->len, r->len / 2, "gzip: %zu of %zu bytes", gz->len, r->len);
	lw_resp *gz304 = get_with(c, path, "Accept-Encoding: gzip", lw_printf("If-None-Match: %s", lw_header(gz, "ETag")));
	cr_assert_eq(gz304->status, 304);

	/* staff pages stay out of every cache */
	lw_resp *staff = lw_get(editor(), "/admin");
	const char *scc = lw_header(staff, "Cache-Control");
	cr_assert(scc && strstr(scc, "no-store"), "staff page Cache-Control %s", scc ? scc : "missing");
}

Test(public, a_write_shows_on_the_next_get)
{
	lw_client *ed = editor();
	long long id = new_activity(ed, lw_unique("即时可见"));
	const char *path = lw_printf("/a/%lld", id);
	lw_client *c = lw_client_new();
	lw_expect(lw_get(c, path), 200, "还剩 5 个");
	lw_expect(lw_get(c, path), 200, "还剩 5 个"); /* now in the cache */

	/* a resident signs up: the count on the cached page moves at once */
	lw_resp *s = lw_submit(lw_client_new(), lw_printf("%s/signup", path), "name", "张三", "phone", "13812345678", NULL);
	lw_expect(s, 200, "报名成功");
	lw_expect(lw_get(c, path), 200, "还剩 4 个");

	const char *old = lw_header(lw_get(c, path), "ETag");
	cr_assert(old);

	/* the unit cancels the activity: the page says so on the next GET */
	lw_resp *x = lw_submit(ed, lw_printf("/activities/%lld/status", id), "status", "cancelled", NULL);
	cr_assert_eq(x->status, 303, "cancel: %ld\n%s", x->status, lw_excerpt(x));
	lw_expect(lw_get(c, path), 200, "本活动已取消");
	/* and a client holding the old ETag gets the new page, not a 304 */
	lw_resp *full = get_with(c, path, lw_printf("If-None-Match: %s", old), NULL);
	lw_expect(full, 200, "本活动已取消");
}

Test(public, a_visitors_variant_or_menu_never_reaches_another)
{
	long long id = new_activity(editor(), lw_unique("互不串页"));
	const char *path = lw_printf("/a/%lld", id);

	/* one visitor turns large text on; the next visitor gets normal text */
	lw_client *big = lw_client_new();
	cr_assert_eq(lw_submit(big, "/prefs/text", "size", "big", "back", path, NULL)->status, 303);
	lw_resp *b = lw_get(big, path);
	cr_assert(lw_has(b, "class=\"big\""), "large text for the one who chose it");
	lw_resp *n = lw_get(lw_client_new(), path);
	cr_assert(!lw_has(n, "class=\"big\""), "another visitor got the large-text page");
	cr_assert(lw_has(lw_get(big, path), "class=\"big\""), "and large text stays large");

	/* a signed-in editor sees their own menu; a resident after them does not */
	lw_resp *staff = lw_get(editor(), path);
	cr_assert(lw_has(staff, "pub_editor") && lw_has(staff, "_csrf"), "the editor's own page:\n%s", lw_excerpt(staff));
	const char *scc = lw_header(staff, "Cache-Control");
	cr_assert(scc && strstr(scc, "no-store"), "a signed-in page is private: %s", scc ? scc : "missing");
	lw_resp *res = lw_get(lw_client_new(), path);
	cr_assert(!lw_has(res, "pub_editor") && !lw_has(res, "退出") && !lw_has(res, "_csrf"),
		  "a resident got the editor's page:\n%s", lw_excerpt(res));
	cr_assert(lw_has(res, "工作人员登录"));
}

Test(public, normalised_urls_share_one_page_and_bad_ones_are_refused)
{
	lw_client *c = lw_client_new();
	lw_resp *a = lw_get(c, "/?unit=&q=%E5%AD%A6%E4%B9%A0");
	lw_resp *b = lw_get(c, "/?q=%e5%ad%a6%e4%b9%a0&unit=");
	cr_assert_eq(a->status, 200);
	cr_assert_str_eq(lw_header(a, "ETag"), lw_header(b, "ETag"), "the same query in two spellings");
	/* the cache answers after the parameters are checked, never instead */
	lw_expect(lw_get(c, "/?nosuch=1"), 400, "不认识的参数");
	lw_expect(lw_get(c, "/?page=abc"), 400, "页码");
	lw_expect(lw_get(c, "/a/999999"), 404, "");
}
