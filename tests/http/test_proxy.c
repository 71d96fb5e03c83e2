/* test_proxy.c: behind a trusted reverse proxy (--trusted-proxy 127.0.0.1)
 * the login throttle counts the client's address from X-Forwarded-For or
 * X-Real-IP; from any other peer those headers are ignored. */
#include "harness.h"
#include <string.h>

LW_SERVER("--trusted-proxy 127.0.0.1", NULL)

#define PW "proxy-pass-1"

/* a login through the proxy (peer 127.0.0.1) for the client at `header` */
static lw_resp *login_as(lw_client *c, const char *header, const char *user, const char *pw)
{
	const char *h[] = {header, NULL};
	char *body = lw_form("_csrf", lw_csrf(c), "username", user, "password", pw, NULL);
	return lw_send(c, "POST", "/login", body, strlen(body), h);
}

static lw_client *via_proxy(void)
{
	lw_client *c = lw_client_new();
	lw_client_source(c, "127.0.0.1");
	return c;
}

static char *new_user(void)
{
	char *u = lw_unique("px");
	lw_add_user(u, "unit_editor", "进贤县", PW);
	return u;
}

Test(proxy, the_forwarded_address_is_throttled_not_the_proxy)
{
	char *u = new_user();
	lw_client *c = via_proxy();
	for (int i = 0; i < 5; i++)
		lw_expect(login_as(c, "X-Forwarded-For: 203.0.113.7", u, "wrong-password"), 401, "用户名或密码不正确");
	lw_expect(login_as(c, "X-Forwarded-For: 203.0.113.7", u, PW), 429, "秒后再试");
	/* the real user, at another address behind the same proxy */
	cr_assert_eq(login_as(via_proxy(), "X-Forwarded-For: 198.51.100.20", u, PW)->status, 303,
		     "the owner behind the proxy is not locked out");
	cr_assert_eq(login_as(via_proxy(), "X-Real-IP: 198.51.100.21", u, PW)->status, 303, "X-Real-IP counts too");
	/* a client cannot escape by prepending to the header: the proxy's last entry counts */
	lw_expect(login_as(via_proxy(), "X-Forwarded-For: 10.1.2.3, 203.0.113.7", u, PW), 429, "秒后再试");
}

Test(proxy, junk_names_from_one_client_do_not_lock_everyone_behind_the_proxy)
{
	char *u = new_user();
	lw_client *c = via_proxy();
	for (int i = 0; i < 5; i++)
		lw_expect(login_as(c, "X-Forwarded-For: 203.0.113.9", lw_unique("junk"), "wrong-password"), 401,
			  "用户名或密码不正确");
	cr_assert_eq(login_as(via_proxy(), "X-Forwarded-For: 198.51.100.30", u, PW)->status, 303,
		     "another client behind the proxy signs in");
	cr_assert_eq(login_as(via_proxy(), "X-Forwarded-For: 203.0.113.9", u, PW)->status, 303,
		     "five junk names do not lock a real account even from the same client");
}

Test(proxy, headers_from_other_peers_are_ignored)
{
	char *u = new_user();
	lw_client *c = lw_client_new();   /* 127.x.y.z, not the proxy */
	for (int i = 0; i < 5; i++) {
		char *h = lw_printf("X-Forwarded-For: 192.0.2.%d", i + 1);
		lw_expect(login_as(c, h, u, "wrong-password"), 401, "用户名或密码不正确");
	}
	lw_expect(login_as(c, "X-Forwarded-For: 192.0.2.99", u, PW), 429, "秒后再试");
	lw_expect(login_as(c, "X-Real-IP: 192.0.2.100", u, PW), 429, "秒后再试");
}

Test(proxy, a_bad_trusted_proxy_is_a_command_line_error)
{
	char *out = NULL;
	int rc = lw_cli(&out, "serve", "--data", "/nonexistent-lw", "--trusted-proxy", "not-an-address", NULL);
	cr_assert_eq(rc, 2, "exit %d: %s", rc, out);
	cr_assert(strstr(out, "--trusted-proxy"), "%s", out);
}
