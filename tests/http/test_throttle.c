/* test_throttle.c: after 5 failed logins for one account from one address, or
 * 20 from one address, further attempts from there are refused for a while,
 * even with the right password; the account elsewhere is not. */
#include "harness.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

LW_SERVER("", NULL)

#define PW "throttle-pass-1"

static char *new_user(void)
{
	char *u = lw_unique("th");
	lw_add_user(u, "unit_editor", "进贤县", PW);
	return u;
}

static void assert_throttled(lw_resp *r, const char *what)
{
	cr_assert_eq(r->status, 429, "%s: expected 429, got %ld\n%s", what, r->status, lw_excerpt(r));
	cr_assert(lw_has(r, "登录失败次数过多") && lw_has(r, "秒后再试"), "%s: no Chinese wait message:\n%s", what,
		  lw_excerpt(r));
	const char *ra = lw_header(r, "Retry-After");
	cr_assert(ra && atoi(ra) > 0 && atoi(ra) <= 30, "%s: Retry-After %s", what, ra ? ra : "(none)");
	cr_assert_null(lw_set_cookie(r, "lw_s"), "%s: a refused login sets no session", what);
}

Test(throttle, account_from_one_address_refused_after_five_failures_even_with_right_password)
{
	char *u = new_user();
	lw_client *c = lw_client_new();
	for (int i = 0; i < 5; i++)
		lw_expect(lw_login(c, u, "wrong-password"), 401, "用户名或密码不正确");
	assert_throttled(lw_login(c, u, PW), "6th attempt, right password");
	lw_resp *admin = lw_get(c, "/admin");
	cr_assert_eq(admin->status, 303, "no session after a refused login");
	/* the owner at another address is not locked out */
	lw_login_ok(lw_client_new(), u, PW);
}

Test(throttle, wrong_passwords_from_five_addresses_do_not_lock_the_owner_out)
{
	char *u = new_user();
	for (int i = 0; i < 5; i++)
		lw_expect(lw_login(lw_client_new(), u, "wrong-password"), 401, "用户名或密码不正确");
	lw_login_ok(lw_client_new(), u, PW);
}

Test(throttle, junk_names_from_one_address_lock_it_only_after_twenty)
{
	lw_client *c = lw_client_new();
	char *u = new_user();
	for (int i = 0; i < 5; i++)
		lw_expect(lw_login(c, lw_unique("nobody"), "wrong-password"), 401, "用户名或密码不正确");
	lw_login_ok(c, u, PW);   /* five junk names lock nobody out */
	lw_client *d = lw_client_new();
	for (int i = 0; i < 20; i++)
		lw_expect(lw_login(d, lw_unique("nobody"), "wrong-password"), 401, "用户名或密码不正确");
	assert_throttled(lw_login(d, u, PW), "a real account from an address that tried 20 names");
	lw_login_ok(lw_client_new(), u, PW); /* the same account from another address */
}

Test(throttle, success_resets_the_account_count)
{
	char *u = new_user();
	/* every attempt from one address, each on a new browser */
	const char *addr = lw_printf("127.78.%d.1", (int)(getpid() % 250));
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 4; i++) {
			lw_client *c = lw_client_new();
			lw_client_source(c, addr);
			lw_expect(lw_login(c, u, "wrong-password"), 401, "用户名或密码不正确");
		}
		lw_client *c = lw_client_new();
		lw_client_source(c, addr);
		lw_login_ok(c, u, PW);
	}
}

Test(throttle, password_change_guesses_are_throttled)
{
	char *u = new_user();
	const char *addr = lw_printf("127.79.%d.1", (int)(getpid() % 250));
	lw_client *c = lw_client_new();
	lw_client_source(c, addr);
	lw_login_ok(c, u, PW);
	for (int i = 0; i < 5; i++)
		lw_expect(lw_submit(c, "/account/password", "current", "guess-guess", "password", "taken-over-1",
				    "confirm", "taken-over-1", NULL), 422, "当前密码不正确");
	lw_resp *r = lw_submit(c, "/account/password", "current", PW, "password", "taken-over-1", "confirm",
			       "taken-over-1", NULL);
	lw_expect(r, 422, "尝试次数过多");
	cr_assert(lw_has(r, "秒后再试"));
	lw_client *again = lw_client_new();
	lw_client_source(again, addr);
	lw_expect(lw_login(again, u, PW), 429, "秒后再试");
	lw_login_ok(lw_client_new(), u, PW);   /* the password is unchanged, and the owner elsewhere signs in */
}
