/* test_public_url.c: a server whose public address (serve --public-url) is
 * https behind a proxy: every absolute URL it builds starts with that
 * address, its cookies are Secure, and a public form counts as ours only
 * when it comes from that address, not from the address the server listens
 * on. */
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PUBLIC "https://week.example.cn"

LW_SERVER("--public-url https://Week.Example.CN:443/ --trusted-proxy 127.9.9.9", NULL)

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

static bool log_has(const char *needle)
{
	FILE *f = fopen(lw_printf("%s/server.log", getenv("LW_HTTP_TMP")), "r");
	cr_assert(f, "no server log");
	char line[4096];
	bool found = false;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, needle) != NULL;
	fclose(f);
	return found;
}

Test(public_url, the_trusted_proxy_names_the_client_and_nobody_else_does)
{
	lw_client *proxy = lw_client_new();
	lw_client_source(proxy, "127.9.9.9");
	const char *h1[] = {"X-Real-IP: 203.0.113.7", NULL};
	cr_assert_eq(lw_send(proxy, "GET", "/healthz", NULL, 0, h1)->status, 200);
	lw_client *other = lw_client_new();
	const char *h2[] = {"X-Real-IP: 198.51.100.9", NULL};
	cr_assert_eq(lw_send(other, "GET", "/healthz", NULL, 0, h2)->status, 200);
	const char *h3[] = {"X-Real-IP: 203.0.113.7<script>", NULL};
	cr_assert_eq(lw_send(proxy, "GET", "/healthz?bad", NULL, 0, h3)->status, 400);
	usleep(200 * 1000); /* the access line is written when the answer is sent */
	cr_assert(log_has("access 203.0.113.7 GET /healthz 200"), "the proxy's X-Real-IP is the client's address");
	cr_assert(!log_has("198.51.100.9"), "a client that is not the proxy cannot name another address");
	cr_assert(log_has("access 127.9.9.9 GET /healthz 400"), "a malformed X-Real-IP is ignored");
}
