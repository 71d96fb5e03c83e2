/* test_public_url.c: a server whose public address (serve --public-url) is
 * https behind a proxy: every absolute URL it builds starts with that
 * address, its cookies are Secure, and a public form counts as ours only
 * when it comes from that address, not from the address the server listens
 * on. */
#include "harness.h"
#include <string.h>

#define PUBLIC "https://week.example.cn"

LW_SERVER("--public-url https://Week.Example.CN:443/", NULL)

static lw_resp *post_from(lw_client *c, const char *path, const char *body, const char *origin)
{
	const char *h[] = {lw_printf("Origin: %s", origin), NULL};
	return lw_send(c, "POST", path, body, strlen(body), h);
}

Test(public_url, absolute_urls_use_the_public_address)
{
	lw_client *c = lw_client_new();
	lw_resp *home = lw_get(c, "/");
	cr_assert_eq(home->status, 200);
	long long id = lw_id_after(home->body, "<main", "href=\"/a/");
	cr_assert_gt(id, 0, "no activity on the home page:\n%s", lw_excerpt(home));
	lw_resp *page = lw_get(c, lw_printf("/a/%lld", id));
	cr_assert(lw_has(page, lw_printf("<span class=\"url\">" PUBLIC "/a/%lld</span>", id)), "the QR's URL:\n%s", lw_excerpt(page));
	lw_resp *ics = lw_get(c, lw_printf("/a/%lld/calendar.ics", id));
	cr_assert(lw_has(ics, lw_printf("URL:" PUBLIC "/a/%lld", id)), "the feed's URL:\n%.600s", ics->body);
	cr_assert(lw_has(ics, lw_printf("UID:activity-%lld@week.example.cn", id)), "the feed's UID:\n%.600s", ics->body);
}

Test(public_url, public_forms_count_only_from_the_public_address)
{
	lw_client *c = lw_client_new();
	const char *form = "size=big&back=%2F";
	/* the listen address is not where residents are */
	lw_expect(post_from(c, "/prefs/text", form, lw_base()), 403, "安全校验失败");
	lw_expect(post_from(c, "/prefs/text", form, "http://week.example.cn"), 403, "安全校验失败");
	lw_resp *ok = post_from(c, "/prefs/text", form, PUBLIC);
	cr_assert_eq(ok->status, 303, "from the public address: %ld\n%s", ok->status, lw_excerpt(ok));
	const char *big = lw_set_cookie(ok, "lw_big");
	cr_assert(big && strstr(big, "; Secure"), "an https public address makes cookies Secure: %s", big ? big : "(none)");

	lw_resp *login = post_from(c, "/login", lw_form("username", "centre_admin", "password", lw_demo_password("centre_admin"), NULL),
				   PUBLIC);
	cr_assert_eq(login->status, 303, "login: %ld\n%s", login->status, lw_excerpt(login));
	const char *s = lw_set_cookie(login, "lw_s");
	cr_assert(s && strstr(s, "; Secure") && strstr(s, "HttpOnly"), "the session cookie: %s", s ? s : "(none)");
}
