/* test_csrf.c: a state-changing POST without this session's _csrf gets 403
 * and changes nothing. */
#include "harness.h"
#include <string.h>

LW_SERVER("", NULL)

#define PW "csrf-pass-123"

static lw_client *centre_admin(void)
{
	return lw_signed_in("cs", "centre_admin", NULL, PW, NULL);
}

/* A unit form body with a name no other test uses; the token is prepended. */
static char *unit_form(const char *token, char **name)
{
	char *code = lw_unique("csrfunit");
	*name = lw_printf("伪造单位%s", code);
	char *form = lw_form("name", *name, "kind", "区", "code", code, "sort_order", "500", NULL);
	return token ? lw_printf("_csrf=%s&%s", token, form) : form;
}

static void assert_no_unit(lw_client *c, const char *name)
{
	lw_resp *units = lw_get(c, "/admin/units");
	cr_assert_eq(units->status, 200);
	cr_assert_null(strstr(units->body, name), "the refused request created %s", name);
	lw_resp *audit = lw_get(c, "/admin/audit?entity=unit");
	cr_assert_eq(audit->status, 200);
	cr_assert_null(strstr(audit->body, name), "the audit log records %s", name);
}

Test(csrf, post_without_token_changes_nothing)
{
	lw_client *c = centre_admin();
	char *name;
	lw_expect(lw_post(c, "/admin/units", unit_form(NULL, &name)), 403, "安全校验失败");
	assert_no_unit(c, name);
}

Test(csrf, post_with_wrong_tokens_changes_nothing)
{
	lw_client *c = centre_admin();
	lw_client *other = centre_admin();
	const char *bad[] = {
		lw_printf("%064d", 0),  /* well-formed, made up */
		"abc",                  /* malformed */
		"",                     /* empty */
		lw_csrf(other),         /* valid, but another session's */
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *name;
		lw_resp *r = lw_post(c, "/admin/units", unit_form(bad[i], &name));
		lw_expect(r, 403, "安全校验失败");
		assert_no_unit(c, name);
	}
}

Test(csrf, right_token_is_accepted)
{
	/* the positive control: the same form with the session's token works */
	lw_client *c = centre_admin();
	char *name;
	lw_resp *r = lw_post(c, "/admin/units", unit_form(lw_csrf(c), &name));
	cr_assert_eq(r->status, 303, "create unit: %ld\n%s", r->status, lw_excerpt(r));
	lw_resp *units = lw_get(c, "/admin/units");
	cr_assert(strstr(units->body, name), "the unit %s is listed", name);
	cr_assert(lw_has(units, "单位已保存"), "with the flash message");
}

Test(csrf, forged_account_disable_changes_nothing)
{
	lw_client *c = centre_admin();
	char *victim = lw_unique("cs");
	lw_add_user(victim, "unit_editor", "安义县", PW);
	long long id = lw_id_after(lw_get(c, "/admin/accounts")->body, lw_printf("<td>%s</td>", victim), "/accounts/");
	cr_assert_gt(id, 0);
	char *path = lw_printf("/accounts/%lld/disable", id);
	lw_expect(lw_post(c, path, ""), 403, "安全校验失败");
	lw_expect(lw_post(c, path, lw_printf("_csrf=%064d", 7)), 403, "安全校验失败");
	char *reset = lw_printf("/accounts/%lld/password", id);
	lw_expect(lw_post(c, reset, "password=forged-pass-1"), 403, "安全校验失败");
	lw_resp *page = lw_get(c, lw_printf("/accounts/%lld", id));
	cr_assert_eq(page->status, 200);
	cr_assert_null(strstr(page->body, "已停用"), "the account was disabled by a forged request");
	lw_login_ok(lw_client_new(), victim, PW);
}

Test(csrf, forged_week_update_changes_nothing)
{
	lw_client *c = centre_admin();
	lw_resp *weeks = lw_get(c, "/admin/weeks");
	long long id = lw_id_after(weeks->body, "2022年南昌市全民终身学习活动周", "/weeks/");
	cr_assert_gt(id, 0);
	char *form = lw_form("year", "2022", "title", "被篡改的标题", "theme", "x", "starts_on", "2022-12-01", "ends_on",
			     "2022-12-07", "deadline", "2022-12-09T23:59", "notice", "", NULL);
	lw_expect(lw_post(c, lw_printf("/admin/weeks/%lld", id), form), 403, "安全校验失败");
	lw_resp *after = lw_get(c, lw_printf("/weeks/%lld", id));
	cr_assert(lw_has(after, "学习贯彻二十大，终身学习向未来"));
	cr_assert_null(strstr(after->body, "被篡改的标题"));
}
