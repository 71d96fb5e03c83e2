/* test_idle.c: a session ends after --session-idle seconds without a request,
 * and not while it is in use, but --session-lifetime seconds after sign-in
 * even while in use. */
#include "harness.h"
#include <string.h>
#include <unistd.h>

LW_SERVER("--session-idle 2 --session-lifetime 5", NULL)

#define PW "idle-pass-12"

static lw_client *signed_in(void)
{
	lw_client *c = lw_signed_in("idle", "centre_viewer", NULL, PW, NULL);
	cr_assert_eq(lw_get(c, "/admin")->status, 200);
	return c;
}

Test(idle, session_expires_after_idle_time)
{
	lw_client *c = signed_in();
	const char *csrf = lw_csrf(c);
	sleep(3);
	lw_resp *r = lw_get(c, "/admin");
	cr_assert_eq(r->status, 303, "an idle session still works after 3 s (idle limit 2 s): %ld", r->status);
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && !strncmp(loc, "/login?next=", 12), "Location %s", loc ? loc : "(none)");
	lw_resp *post = lw_post(c, "/account/password",
				lw_printf("_csrf=%s&current=x&password=idle-pass-99&confirm=idle-pass-99", csrf));
	lw_expect(post, 403, "登录可能已过期");
}

Test(idle, session_in_use_stays_alive)
{
	lw_client *c = signed_in();
	/* four requests a second apart: twice the idle limit in all, never idle
	 * for more than a second */
	for (int i = 0; i < 4; i++) {
		sleep(1);
		lw_resp *r = lw_get(c, "/admin");
		cr_assert_eq(r->status, 200, "request %d, %d s after login: %ld (the session ended while in use)", i + 1,
			     i + 1, r->status);
	}
}

Test(idle, session_in_use_ends_at_its_lifetime)
{
	lw_client *c = signed_in();
	/* a request every second: never idle, but past the 5 s lifetime the
	 * session ends and the next request is sent to sign in */
	int i;
	for (i = 1; i <= 8; i++) {
		sleep(1);
		lw_resp *r = lw_get(c, "/admin");
		if (r->status != 200) {
			cr_assert_eq(r->status, 303, "%ld", r->status);
			break;
		}
	}
	cr_assert(i >= 5 && i <= 7, "the busy session ended %d s after sign-in (lifetime 5 s)", i);
}
