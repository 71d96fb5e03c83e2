/* test_escape.c: hostile text typed into the web forms (a unit name, a week's
 * title, theme and notice, an account's display name) comes back escaped on
 * every page that shows it, and never as markup. */
#include "harness.h"
#include <string.h>

/* after both demo weeks (2022 and the live one), so a week of 2990 is the only
 * one to come and the home page shows it */
LW_SERVER("--now 2030-06-01T10:00+08:00", NULL)

#define PW "escape-pass-1"
#define HOSTILE "<script>alert(1)</script>\"'&x"

/* The page shows text escaped, and nothing of the hostile input raw. */
static void assert_escaped_in(const lw_resp *r, const char *where, const char *text)
{
	cr_assert(lw_has(r, lw_html_escape(text)), "%s (%ld): the escaped form of %s is missing:\n%s", where, r->status,
		  text, lw_excerpt(r));
	cr_assert_null(strstr(r->body, "<script>alert"), "%s: a raw <script> from the input", where);
	cr_assert_null(strstr(r->body, "</script>\"'&x"), "%s: raw quotes and & from the input", where);
}

static void assert_page_escapes(lw_client *c, const char *path, const char *text)
{
	lw_resp *r = lw_get(c, path);
	cr_assert_eq(r->status, 200, "GET %s: %ld\n%s", path, r->status, lw_excerpt(r));
	assert_escaped_in(r, path, text);
}

static lw_client *centre_admin(void)
{
	return lw_signed_in("es", "centre_admin", NULL, PW, NULL);
}

/* Creates a unit with a hostile name through the form; returns its id. */
static long long hostile_unit(lw_client *a, char **name)
{
	*name = lw_printf("%s%s", HOSTILE, lw_unique("单位"));
	char *code = lw_unique("esc");
	lw_resp *r = lw_submit(a, "/admin/units", "name", *name, "kind", "开发区", "code", code, "sort_order", "900", NULL);
	cr_assert_eq(r->status, 303, "create unit: %ld\n%s", r->status, lw_excerpt(r));
	long long id = lw_id_after(lw_get(a, "/admin/units")->body, lw_printf("<code>%s</code>", code), "?unit=");
	cr_assert_gt(id, 0, "unit %s not listed", code);
	return id;
}

Test(escape, unit_name)
{
	lw_client *a = centre_admin();
	char *name;
	long long id = hostile_unit(a, &name);
	assert_page_escapes(a, "/admin/units", name);
	assert_page_escapes(a, lw_printf("/admin/units/%lld/edit", id), name);
	assert_page_escapes(a, "/admin/accounts", name);        /* the unit filter */
	assert_page_escapes(a, "/admin/accounts/new", name);    /* the unit choice */
	assert_page_escapes(a, lw_printf("/units/%lld/accounts", id), name);
	assert_page_escapes(a, "/admin/audit", name);
	assert_page_escapes(a, "/admin/audit?entity=unit&action=create", name);

	/* the form shown again after a refusal keeps the text, escaped */
	char *again = lw_printf("%s%s", HOSTILE, lw_unique("再"));
	lw_resp *r = lw_submit(a, "/admin/units", "name", again, "kind", "区", "code", "donghu", NULL);
	lw_expect(r, 422, "已被使用");
	assert_escaped_in(r, "the refused unit form", again);
	/* and the duplicate-name message quotes it escaped */
	lw_resp *dup = lw_submit(a, "/admin/units", "name", name, "kind", "区", "code", lw_unique("esc"), NULL);
	lw_expect(dup, 422, "单位名称不能重复");
	assert_escaped_in(dup, "the duplicate-name message", lw_printf("已有名为「%s」的单位", name));

	/* a rename records old and new names in the audit log */
	char *renamed = lw_printf("%s%s", HOSTILE, lw_unique("改名"));
	lw_resp *up = lw_submit(a, lw_printf("/admin/units/%lld", id), "name", renamed, "kind", "开发区", "code",
				lw_unique("esc"), "sort_order", "901", NULL);
	cr_assert_eq(up->status, 303, "rename: %ld\n%s", up->status, lw_excerpt(up));
	lw_resp *audit = lw_get(a, "/admin/audit?entity=unit&action=update");
	assert_escaped_in(audit, "the audit log after a rename", name);
	assert_escaped_in(audit, "the audit log after a rename", renamed);
}

Test(escape, week_title_theme_and_notice)
{
	lw_client *a = centre_admin();
	char *title = lw_printf("%s周", HOSTILE), *theme = lw_printf("%s主题", HOSTILE);
	char *notice = lw_printf("%s\n\n第二段%s", HOSTILE, HOSTILE);
	/* the only week after today: the home page shows it as the coming one */
	lw_resp *r = lw_submit(a, "/admin/weeks", "year", "2990", "title", title, "theme", theme, "starts_on",
			       "2990-12-01", "ends_on", "2990-12-07", "deadline", "2990-12-09T17:00", "notice", notice, NULL);
	cr_assert_eq(r->status, 303, "create week: %ld\n%s", r->status, lw_excerpt(r));
	lw_resp *list = lw_get(a, "/admin/weeks");
	long long id = lw_id_after(list->body, "<td>2990</td>", "/weeks/");
	long long old = lw_id_after(list->body, "<td>2022</td>", "/weeks/");
	cr_assert(id > 0 && old > 0, "weeks not listed");

	lw_client *resident = lw_client_new();
	for (const char *const *t = (const char *const[]){title, theme, HOSTILE, NULL}; *t; t++) {
		assert_page_escapes(resident, "/", *t);
		assert_page_escapes(resident, lw_printf("/weeks/%lld", id), *t);
		assert_page_escapes(a, lw_printf("/admin/weeks/%lld", id), *t);
	}
	assert_page_escapes(resident, lw_printf("/weeks/%lld", old), title); /* listed among the other years */
	assert_page_escapes(a, "/admin/weeks", title);
	assert_page_escapes(a, "/admin/weeks", theme);
	assert_page_escapes(a, "/admin", title);                          /* the dashboard's current week */
	assert_page_escapes(a, "/admin/audit?entity=week", title);
	assert_page_escapes(a, "/admin/audit?entity=week", notice);

	/* refused: the typed text comes back escaped in the form */
	lw_resp *bad = lw_submit(a, lw_printf("/admin/weeks/%lld", id), "year", "2990", "title", title, "theme",
				 lw_printf("%s新", HOSTILE), "starts_on", "2990-12-07", "ends_on", "2990-12-01",
				 "deadline", "2990-12-09T17:00", "notice", notice, NULL);
	lw_expect(bad, 422, "结束日期不能早于开始日期");
	assert_escaped_in(bad, "the refused week form", lw_printf("%s新", HOSTILE));
	/* accepted: the audit log shows old and new theme */
	lw_resp *ok = lw_submit(a, lw_printf("/admin/weeks/%lld", id), "year", "2990", "title", title, "theme",
				lw_printf("%s新", HOSTILE), "starts_on", "2990-12-01", "ends_on", "2990-12-07", "deadline",
				"2990-12-09T17:00", "notice", notice, NULL);
	cr_assert_eq(ok->status, 303, "update week: %ld\n%s", ok->status, lw_excerpt(ok));
	lw_resp *audit = lw_get(a, "/admin/audit?entity=week&action=update");
	assert_escaped_in(audit, "the audit log of the update", theme);
	assert_escaped_in(audit, "the audit log of the update", lw_printf("%s新", HOSTILE));
}

Test(escape, account_display_name)
{
	lw_client *a = centre_admin();
	char *unit_name;
	long long unit = hostile_unit(a, &unit_name);
	char *user = lw_unique("es");
	const char *display = HOSTILE; /* 30 characters: within the 40 allowed */
	lw_resp *r = lw_submit(a, "/admin/accounts", "username", user, "display_name", display, "role", "unit_admin",
			       "unit_id", lw_printf("%lld", unit), "password", PW, NULL);
	cr_assert_eq(r->status, 303, "create account: %ld\n%s", r->status, lw_excerpt(r));
	long long id = lw_id_after(lw_get(a, "/admin/accounts")->body, lw_printf("<td>%s</td>", user), "/accounts/");
	cr_assert_gt(id, 0);

	assert_page_escapes(a, "/admin/accounts", display);
	assert_page_escapes(a, lw_printf("/admin/accounts?unit=%lld", unit), display);
	assert_page_escapes(a, lw_printf("/units/%lld/accounts", unit), display);
	assert_page_escapes(a, lw_printf("/accounts/%lld", id), display);
	assert_page_escapes(a, lw_printf("/accounts/%lld", id), unit_name);
	assert_page_escapes(a, "/admin/audit?entity=account", display);

	/* the account itself: the dashboard greets it by name and unit */
	lw_client *self = lw_client_new();
	lw_login_ok(self, user, PW);
	assert_page_escapes(self, "/admin", display);
	assert_page_escapes(self, "/admin", unit_name);
	assert_page_escapes(self, lw_printf("/units/%lld/accounts", unit), display);

	/* a refused rename shows the text again, escaped */
	char *longer = lw_printf("%s%s", HOSTILE, "一二三四五六七八九十一二");
	lw_resp *bad = lw_submit(a, lw_printf("/accounts/%lld", id), "display_name", longer, "role", "unit_admin", NULL);
	lw_expect(bad, 422, "姓名最多 40 个字");
	assert_escaped_in(bad, "the refused account form", longer);
}

Test(escape, request_text_echoed_back)
{
	lw_client *c = lw_client_new();
	char *enc = lw_form("k", HOSTILE, NULL) + 2; /* HOSTILE, percent-encoded */
	lw_resp *unknown = lw_get(c, lw_printf("/login?%s=1", enc));
	lw_expect(unknown, 400, "不认识的参数");
	assert_escaped_in(unknown, "the unknown-parameter message", HOSTILE);
	lw_resp *next = lw_get(c, lw_printf("/login?next=%s", enc));
	cr_assert_eq(next->status, 200);
	assert_escaped_in(next, "the login form's next field", HOSTILE);

	lw_client *a = centre_admin();
	lw_resp *audit = lw_get(a, lw_printf("/admin/audit?user=%s", enc));
	cr_assert_eq(audit->status, 200);
	assert_escaped_in(audit, "the audit filter", HOSTILE);
	lw_resp *login = lw_submit(c, "/login", "username", HOSTILE, "password", "whatever-1", NULL);
	lw_expect(login, 401, "用户名或密码不正确");
	assert_escaped_in(login, "the login form after a failure", HOSTILE);
}
