/* unit_admin.h: a demo unit admin (or the centre admin) signed in, with the
 * unit their dashboard links to, and the API tokens they make; shared by the
 * import, API and matrix tests. */
#ifndef LW_UNIT_ADMIN_H
#define LW_UNIT_ADMIN_H
#include "harness.h"
#include <stdlib.h>
#include <string.h>

typedef struct unit_admin {
	lw_client *c;
	long long unit;   /* the first /units/N on the dashboard: the admin's own unit */
} unit_admin;

static inline unit_admin demo_admin(const char *username)
{
	unit_admin u = {lw_client_new(), 0};
	lw_login_ok(u.c, username, lw_demo_password(username));
	u.unit = lw_id_after(lw_get(u.c, "/admin")->body, "<ul class=\"tiles\">", "/units/");
	cr_assert_gt(u.unit, 0, "no unit link on the dashboard of %s", username);
	return u;
}

/* The value of the <option> whose label starts with "username（". */
static inline long long option_id(const char *html, const char *username)
{
	const char *p = strstr(html, lw_printf("\">%s（", username));
	cr_assert_not_null(p, "no account %s in the token form", username);
	const char *v = p;
	while (v > html && strncmp(v, "value=\"", 7))
		v--;
	return atoll(v + 7);
}

/* A new token for an account of the admin's unit; its text from the page, and
 * its id (for /tokens/:token) in *id if asked. */
static inline char *make_token(unit_admin *a, const char *username, long long *id)
{
	lw_resp *page = lw_get(a->c, lw_printf("/units/%lld/tokens", a->unit));
	cr_assert_eq(page->status, 200, "%s", lw_excerpt(page));
	long long acc = option_id(page->body, username);
	char *name = lw_unique("测试令牌");
	lw_resp *r = lw_submit(a->c, lw_printf("/units/%lld/tokens", a->unit), "account", lw_printf("%lld", acc), "name",
			       name, NULL);
	cr_assert_eq(r->status, 200, "%s", lw_excerpt(r));
	const char *t = strstr(r->body, "lwt_");
	cr_assert_not_null(t, "the new token is not shown:\n%s", lw_excerpt(r));
	char *tok = lw_printf("%.68s", t);
	cr_assert_eq(strspn(tok + 4, "0123456789abcdef"), 64, "token %s", tok);
	if (id) {
		/* its line in the list, by its unique name: the revoke form */
		*id = lw_id_after(r->body, lw_printf("<td>%s</td>", name), "/tokens/");
		cr_assert_gt(*id, 0, "token %s is not listed:\n%s", name, lw_excerpt(r));
	}
	return tok;
}
#endif
