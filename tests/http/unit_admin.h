/* unit_admin.h: a demo unit admin (or the centre admin) signed in, with the
 * unit their dashboard links to; shared by the import and API tests. */
#ifndef LW_UNIT_ADMIN_H
#define LW_UNIT_ADMIN_H
#include "harness.h"

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
#endif
