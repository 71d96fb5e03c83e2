/* test_participation.c: sign-up with capacity and a waiting list, the
 * self-cancel link, 代报名, QR check-in, ratings, the poster, and the bad
 * inputs of each: duplicates, cancelled and draft activities, tampered codes
 * and tokens, missing CSRF, and phone numbers where they must not be. */
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EDITOR "part_editor"
#define VIEWER "part_viewer"
#define CENTRE "part_centre"
#define OTHER_ADMIN "part_xihu"
#define PASS "part-pass-1234"

static void add_accounts(void)
{
	lw_add_user(EDITOR, "unit_editor", "东湖区", PASS);
	lw_add_user(VIEWER, "centre_viewer", NULL, PASS);
	lw_add_user(CENTRE, "centre_admin", NULL, PASS);
	lw_add_user(OTHER_ADMIN, "unit_admin", "西湖区", PASS);
}

LW_SERVER("", add_accounts)

/* ---- helpers ---- */

static lw_client *as(const char *username)
{
	lw_client *c = lw_client_new();
	lw_login_ok(c, username, strncmp(username, "part_", 5) ? lw_demo_password(username) : PASS);
	return c;
}

static lw_client *donghu_admin(void)
{
	return as("donghu_admin");
}

typedef struct act {
	long long id;
	char *title, *starts, *ends, *venue;
} act;

/* A 东湖区 activity from start_min to end_min minutes from now: in the 2022
 * week, so outside its dates, a 周外活动 (issue 12). */
static act make_activity(lw_client *admin, const char *capacity, long start_min, long end_min, bool publish,
			 const char *title, const char *venue)
{
	act a = {0};
	lw_resp *dash = lw_get(admin, "/admin");
	long long unit = lw_id_after(dash->body, "class=\"tiles\"", "/units/");
	cr_assert_gt(unit, 0, "no unit link on the dashboard");
	a.title = title ? lw_printf("%s", title) : lw_unique("社区智慧助老培训");
	a.starts = lw_local_time(start_min);
	a.ends = lw_local_time(end_min);
	a.venue = venue ? lw_printf("%s", venue) : lw_unique("百花洲路社区学校 3 楼");
	lw_resp *r = lw_submit(admin, lw_printf("/units/%lld/activities", unit), "title", a.title, "host", "东湖区社区教育学院",
			       "content", "6", "mode", "offline", "starts_at", a.starts, "ends_at", a.ends, "venue", a.venue,
			       "street", "百花洲街道", "capacity", capacity, "week", "1", "off_week", "1", "publish", publish ? "1" : "0", NULL);
	cr_assert_eq(r->status, 303, "create activity: %ld\n%s", r->status, lw_excerpt(r));
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && sscanf(loc, "/activities/%lld", &a.id) == 1, "Location %s", loc ? loc : "(none)");
	return a;
}

static act open_activity(const char *capacity)
{
	return make_activity(donghu_admin(), capacity, 30, 180, true, NULL, NULL);
}

static lw_resp *signup(lw_client *c, long long id, const char *name, const char *phone)
{
	return lw_submit(c, lw_printf("/a/%lld/signup", id), "name", name, "phone", phone, NULL);
}

/* The self-cancel link on a sign-up result page. */
static char *cancel_token(const lw_resp *r)
{
	const char *p = strstr(r->body, "/signup/cancel?t=");
	cr_assert(p, "no cancel link on the result page:\n%s", lw_excerpt(r));
	p += strlen("/signup/cancel?t=");
	char tok[65];
	cr_assert_eq(sscanf(p, "%64[0-9a-f]", tok), 1);
	cr_assert_eq(strlen(tok), 64, "token %s", tok);
	return lw_printf("%s", tok);
}

/* The check-in code, read where staff find it: the QR code page. */
static char *checkin_code(long long id)
{
	lw_resp *r = lw_get(donghu_admin(), lw_printf("/activities/%lld/checkin-code", id));
	cr_assert_eq(r->status, 200, "checkin-code: %ld", r->status);
	const char *p = strstr(r->body, lw_printf("/a/%lld/checkin?k=", id));
	cr_assert(p, "no check-in URL on the QR page:\n%s", lw_excerpt(r));
	p = strchr(p, '=') + 1;
	char k[65];
	cr_assert_eq(sscanf(p, "%64[0-9a-f]", k), 1);
	return lw_printf("%s", k);
}

static lw_resp *checkin(lw_client *c, long long id, const char *code, const char *name, const char *last4)
{
	return lw_submit(c, lw_printf("/a/%lld/checkin", id), "k", code, "name", name, "last4", last4, NULL);
}

static lw_resp *registrations(lw_client *c, long long id)
{
	return lw_get(c, lw_printf("/activities/%lld/registrations", id));
}

/* ---- sign-up ---- */

Test(signup, confirms_while_places_remain_then_waiting_list)
{
	act a = open_activity("1");
	lw_resp *form = lw_get(lw_client_new(), lw_printf("/a/%lld/signup", a.id));
	lw_expect(form, 200, "还剩 1 个");
	cr_assert(lw_has(form, lw_html_escape(a.venue)), "the form page shows where");

	lw_resp *first = signup(lw_client_new(), a.id, "张秀英", "138 1234-5678");
	lw_expect(first, 200, "报名成功");
	cancel_token(first);
	cr_assert(lw_has(first, "您的取消码"));
	const char *cc = lw_header(first, "Cache-Control");
	cr_assert(cc && strstr(cc, "no-store"), "a page with a personal link must not be cached: %s", cc ? cc : "(none)");

	lw_resp *second = signup(lw_client_new(), a.id, "王建国", "13912340000");
	lw_expect(second, 200, "候补第 1 位");
	lw_resp *third = signup(lw_client_new(), a.id, "刘桂兰", "13700001111");
	lw_expect(third, 200, "候补第 2 位");
	lw_expect(lw_get(lw_client_new(), lw_printf("/a/%lld/signup", a.id)), 200, "已经报满");
}

Test(signup, unlimited_capacity_confirms_everyone)
{
	act a = open_activity("");
	for (int i = 0; i < 3; i++)
		lw_expect(signup(lw_client_new(), a.id, "居民", lw_printf("1350000000%d", i)), 200, "报名成功");
	lw_expect(lw_get(lw_client_new(), lw_printf("/a/%lld/signup", a.id)), 200, "不限人数");
}

/* A duplicate is answered as a new sign-up (so nobody learns that a number
 * signed up, test_integrity.c) and counts once, however the number is written. */
Test(signup, duplicate_phone_counts_once_however_written)
{
	act a = open_activity("10");
	lw_expect(signup(lw_client_new(), a.id, "张三", "13812345678"), 200, "报名成功");
	lw_expect(signup(lw_client_new(), a.id, "张三", "13812345678"), 200, "报名成功");
	lw_expect(signup(lw_client_new(), a.id, "张三丰", "+86 138-1234-5678"), 200, "报名成功");
	lw_expect(signup(lw_client_new(), a.id, "张三", "１３８１２３４５６７８"), 200, "报名成功");
	lw_resp *list = registrations(donghu_admin(), a.id);
	lw_expect(list, 200, "报名成功 1 人");
}

Test(signup, bad_input_is_422_with_the_field_named)
{
	act a = open_activity("10");
	lw_client *c = lw_client_new();
	const char *bad[] = {"12345678901", "1381234567", "138123456789", "23812345678", "13812345678a", "电话"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		lw_expect(signup(c, a.id, "张三", bad[i]), 422, "手机号码不正确");
	lw_expect(signup(c, a.id, "张三", ""), 422, "请填写手机号码");
	lw_expect(signup(c, a.id, "   ", "13812345678"), 422, "请填写姓名");
	char *long_name = lw_printf("%s", "");
	for (int i = 0; i < 41; i++)
		long_name = lw_printf("%s名", long_name);
	lw_expect(signup(c, a.id, long_name, "13812345678"), 400, "太长");
	lw_expect(lw_submit(c, lw_printf("/a/%lld/signup", a.id), "name", "张三", "phone", "13812345678", "extra", "1", NULL), 400,
		  "不认识的参数");
	lw_expect(registrations(donghu_admin(), a.id), 200, "还没有人报名");
}

Test(signup, draft_is_404_cancelled_and_ended_are_409)
{
	lw_client *admin = donghu_admin();
	act draft = make_activity(admin, "10", 30, 180, false, NULL, NULL);
	lw_expect(lw_get(lw_client_new(), lw_printf("/a/%lld/signup", draft.id)), 404, "找不到这项活动");
	lw_expect(signup(lw_client_new(), draft.id, "张三", "13812345678"), 404, "找不到这项活动");
	lw_expect(lw_get(lw_client_new(), "/a/999999/signup"), 404, "不存在");

	act c = open_activity("10");
	lw_expect(signup(lw_client_new(), c.id, "李四", "13600001234"), 200, "报名成功");
	cr_assert_eq(lw_submit(admin, lw_printf("/activities/%lld/status", c.id), "status", "cancelled", NULL)->status, 303);
	lw_expect(lw_get(lw_client_new(), lw_printf("/a/%lld/signup", c.id)), 409, "已取消");
	lw_expect(signup(lw_client_new(), c.id, "张三", "13812345678"), 409, "已取消");

	act ended = make_activity(admin, "10", -180, -60, true, NULL, NULL);
	lw_expect(lw_get(lw_client_new(), lw_printf("/a/%lld/signup", ended.id)), 409, "已经结束");
	lw_expect(signup(lw_client_new(), ended.id, "张三", "13812345678"), 409, "已经结束");
}

/* ---- cancelling ---- */

Test(cancel, self_cancel_moves_the_first_waiting_up)
{
	act a = open_activity("1");
	lw_client *first = lw_client_new();
	char *t1 = cancel_token(signup(first, a.id, "张秀英", "13812345678"));
	char *t2 = cancel_token(signup(lw_client_new(), a.id, "王建国", "13912340000"));
	char *t3 = cancel_token(signup(lw_client_new(), a.id, "刘桂兰", "13700001111"));

	lw_resp *ask = lw_get(first, lw_printf("/signup/cancel?t=%s", t1));
	lw_expect(ask, 200, "确认取消报名");
	cr_assert(lw_has(ask, "张秀英") && lw_has(ask, lw_html_escape(a.title)), "shows what will be cancelled");
	cr_assert(!lw_has(ask, "13812345678") && !lw_has(ask, "5678"), "no phone digits on a public page");

	lw_expect(lw_submit(first, "/signup/cancel", "t", t1, NULL), 200, "报名已取消");
	lw_expect(lw_get(lw_client_new(), lw_printf("/signup/cancel?t=%s", t2)), 200, "报名成功");
	lw_expect(lw_get(lw_client_new(), lw_printf("/signup/cancel?t=%s", t3)), 200, "候补第 1 位");
	lw_expect(lw_submit(first, "/signup/cancel", "t", t1, NULL), 409, "已经取消过了");
	lw_expect(lw_get(first, lw_printf("/signup/cancel?t=%s", t1)), 200, "已经取消");

	lw_resp *list = registrations(donghu_admin(), a.id);
	lw_expect(list, 200, "报名成功 1 人");
	cr_assert(lw_has(list, "候补 1 人") && lw_has(list, "已取消 1 人"), "%s", lw_excerpt(list));
}

Test(cancel, a_waiting_cancel_frees_no_place)
{
	act a = open_activity("1");
	signup(lw_client_new(), a.id, "甲", "13812345670");
	char *t2 = cancel_token(signup(lw_client_new(), a.id, "乙", "13812345671"));
	char *t3 = cancel_token(signup(lw_client_new(), a.id, "丙", "13812345672"));
	lw_client *c = lw_client_new();
	lw_expect(lw_submit(c, "/signup/cancel", "t", t2, NULL), 200, "报名已取消");
	lw_expect(lw_get(c, lw_printf("/signup/cancel?t=%s", t3)), 200, "候补第 1 位");
}

Test(cancel, tampered_or_truncated_link_is_404)
{
	act a = open_activity("5");
	char *t = cancel_token(signup(lw_client_new(), a.id, "张三", "13812345678"));
	char *flipped = lw_printf("%s", t);
	flipped[10] = flipped[10] == 'a' ? 'b' : 'a';
	lw_client *c = lw_client_new();
	lw_expect(lw_get(c, lw_printf("/signup/cancel?t=%s", flipped)), 404, "取消链接无效");
	lw_expect(lw_get(c, lw_printf("/signup/cancel?t=%.40s", t)), 404, "取消链接无效");
	lw_expect(lw_get(c, "/signup/cancel"), 404, "取消链接无效");
	lw_expect(lw_submit(c, "/signup/cancel", "t", flipped, NULL), 404, "取消链接无效");
	lw_expect(lw_get(c, lw_printf("/signup/cancel?t=%s", t)), 200, "确认取消报名");
}

/* ---- the public forms: from our own pages only ---- */

/* A POST as a browser sends it from a page elsewhere (or from nowhere): with
 * one header saying where it comes from ("Origin:" alone: nothing at all). */
static lw_resp *post_from(lw_client *cl, const char *path, const char *body, const char *where)
{
	const char *h[] = {where, NULL};
	return lw_send(cl, "POST", path, body, strlen(body), h);
}

Test(csrf, public_posts_from_another_site_are_403_and_write_nothing)
{
	act a = open_activity("5");
	char *code = checkin_code(a.id);
	lw_client *c = lw_client_new();
	const char *elsewhere[] = {
		"Origin: http://evil.example",
		"Origin: null",
		lw_printf("Origin: %s.evil.example", lw_base()),  /* our address as a prefix of another */
		"Sec-Fetch-Site: cross-site",
		"Sec-Fetch-Site: same-site",
		"Referer: http://evil.example/a/1",
		"Origin:",                                        /* says nothing: refused */
	};
	char *signup_path = lw_printf("/a/%lld/signup", a.id);
	char *form = lw_form("name", "张三", "phone", "13812345678", NULL);
	for (size_t i = 0; i < sizeof elsewhere / sizeof *elsewhere; i++)
		lw_expect(post_from(c, signup_path, form, elsewhere[i]), 403, "安全校验失败");
	lw_expect(registrations(donghu_admin(), a.id), 200, "还没有人报名");

	char *t = cancel_token(signup(c, a.id, "张三", "13812345678"));
	lw_expect(post_from(c, "/signup/cancel", lw_form("t", t, NULL), "Origin: http://evil.example"), 403, "安全校验失败");
	lw_expect(lw_get(c, lw_printf("/signup/cancel?t=%s", t)), 200, "确认取消报名");

	lw_expect(post_from(c, lw_printf("/a/%lld/checkin", a.id), lw_form("k", code, "name", "张三", NULL),
			    "Sec-Fetch-Site: cross-site"), 403, "安全校验失败");
	lw_expect(registrations(donghu_admin(), a.id), 200, "还没有人签到");
	lw_expect(post_from(c, lw_printf("/a/%lld/rating", a.id), lw_form("score", "satisfied", NULL), "Origin: http://evil.example"),
		  403, "安全校验失败");
	lw_expect(post_from(c, "/prefs/text", lw_form("size", "big", "back", "/", NULL), "Origin: http://evil.example"), 403,
		  "安全校验失败");
}

Test(csrf, public_posts_from_our_pages_work_whichever_header_says_so)
{
	act a = open_activity("5");
	char *path = lw_printf("/a/%lld/signup", a.id);
	lw_client *c = lw_client_new();
	/* a browser of today: Origin and Sec-Fetch-Site */
	const char *both[] = {lw_printf("Origin: %s", lw_base()), "Sec-Fetch-Site: same-origin", NULL};
	lw_resp *r = lw_send(c, "POST", path, lw_form("name", "王一", "phone", "13800000001", NULL),
			     strlen(lw_form("name", "王一", "phone", "13800000001", NULL)), both);
	lw_expect(r, 200, "报名成功");
	/* an older one: only the page it was on */
	lw_expect(post_from(c, path, lw_form("name", "王二", "phone", "13800000002", NULL), lw_printf("Referer: %s%s", lw_base(), path)),
		  200, "报名成功");
	lw_expect(registrations(donghu_admin(), a.id), 200, "王二");
}

/* ---- staff: phones, 代报名, cancelling ---- */

Test(staff, phones_masked_except_for_the_unit_admin)
{
	act a = open_activity("5");
	lw_resp *done = signup(lw_client_new(), a.id, "张秀英", "13812345678");
	lw_expect(done, 200, "报名成功");
	cr_assert(!lw_has(done, "13812345678") && !lw_has(done, "138****5678"), "the result page shows no phone");

	lw_resp *own = registrations(donghu_admin(), a.id);
	lw_expect(own, 200, "13812345678");
	const char *masked_roles[] = {EDITOR, VIEWER, CENTRE};
	for (size_t i = 0; i < sizeof masked_roles / sizeof *masked_roles; i++) {
		lw_resp *r = registrations(as(masked_roles[i]), a.id);
		lw_expect(r, 200, "138****5678");
		cr_assert(!lw_has(r, "13812345678"), "%s sees the full number", masked_roles[i]);
	}
	lw_expect(registrations(as(OTHER_ADMIN), a.id), 403, "无权访问其他单位");
	lw_resp *anon = registrations(lw_client_new(), a.id);
	cr_assert_eq(anon->status, 303, "anonymous: %ld", anon->status);

	/* the audit log keeps it masked */
	lw_resp *audit = lw_get(as(CENTRE), "/admin/audit?entity=registration");
	cr_assert_eq(audit->status, 200);
	cr_assert(lw_has(audit, "138****5678"), "the audit shows the masked number:\n%s", lw_excerpt(audit));
	cr_assert(!lw_has(audit, "13812345678"), "the audit log holds a full phone number");
	/* and the server log never sees it */
	char *log = lw_printf("%s/server.log", getenv("LW_HTTP_TMP"));
	FILE *f = fopen(log, "r");
	cr_assert(f, "cannot read %s", log);
	char line[4096];
	while (fgets(line, sizeof line, f))
		cr_assert(!strstr(line, "13812345678"), "a phone number in the server log: %s", line);
	fclose(f);
}

Test(staff, assisted_signup_follows_capacity_and_records_who)
{
	act a = open_activity("1");
	lw_client *ed = as(EDITOR);
	lw_resp *r = lw_submit(ed, lw_printf("/activities/%lld/registrations", a.id), "name", "王奶奶", "phone", "", NULL);
	cr_assert_eq(r->status, 303, "%ld\n%s", r->status, lw_excerpt(r));
	lw_resp *list = lw_get(ed, lw_header(r, "Location"));
	lw_expect(list, 200, "已为王奶奶代报名：报名成功");
	cr_assert(lw_has(list, "代报名（" EDITOR "）"), "records who signed up:\n%s", lw_excerpt(list));
	cr_assert(lw_has(list, "（未留）"));

	r = lw_submit(ed, lw_printf("/activities/%lld/registrations", a.id), "name", "李爷爷", "phone", "13512345678", NULL);
	lw_expect(lw_get(ed, lw_header(r, "Location")), 200, "进入候补第 1 位");
	lw_expect(lw_submit(ed, lw_printf("/activities/%lld/registrations", a.id), "name", "李爷爷", "phone", "135 1234 5678", NULL),
		  409, "已经报过名");
	lw_expect(lw_submit(ed, lw_printf("/activities/%lld/registrations", a.id), "name", "", "phone", "123", NULL), 422,
		  "请填写姓名");
	lw_expect(lw_submit(as(VIEWER), lw_printf("/activities/%lld/registrations", a.id), "name", "赵", NULL), 403, "没有权限");
	lw_expect(lw_submit(as(OTHER_ADMIN), lw_printf("/activities/%lld/registrations", a.id), "name", "赵", NULL), 403,
		  "无权访问其他单位");

	act draft = make_activity(donghu_admin(), "5", 30, 180, false, NULL, NULL);
	lw_expect(lw_submit(ed, lw_printf("/activities/%lld/registrations", draft.id), "name", "赵", NULL), 409, "还没有发布");
}

Test(staff, staff_cancel_moves_the_waiting_list_up)
{
	act a = open_activity("1");
	act other = open_activity("1");
	signup(lw_client_new(), a.id, "张秀英", "13812345678");
	signup(lw_client_new(), a.id, "王建国", "13912340000");
	lw_client *ed = as(EDITOR);
	lw_resp *list = registrations(ed, a.id);
	long long reg = lw_id_after(list->body, "张秀英", "name=\"registration\" value=\"");
	cr_assert_gt(reg, 0, "no cancel button for 张秀英:\n%s", lw_excerpt(list));

	lw_expect(lw_submit(ed, lw_printf("/activities/%lld/registrations/cancel", other.id), "registration",
			    lw_printf("%lld", reg), NULL), 404, "找不到这条报名记录");
	lw_expect(lw_submit(as(VIEWER), lw_printf("/activities/%lld/registrations/cancel", a.id), "registration",
			    lw_printf("%lld", reg), NULL), 403, "没有权限");
	lw_resp *r = lw_submit(ed, lw_printf("/activities/%lld/registrations/cancel", a.id), "registration", lw_printf("%lld", reg), NULL);
	cr_assert_eq(r->status, 303, "%ld\n%s", r->status, lw_excerpt(r));
	list = lw_get(ed, lw_header(r, "Location"));
	lw_expect(list, 200, "候补的王建国已递补为报名成功");
	cr_assert(lw_has(list, "报名成功 1 人") && lw_has(list, "候补 0 人"), "%s", lw_excerpt(list));
	lw_expect(lw_submit(ed, lw_printf("/activities/%lld/registrations/cancel", a.id), "registration", lw_printf("%lld", reg), NULL),
		  409, "已经取消过了");
}

/* ---- check-in ---- */

Test(checkin, qr_page_shows_the_public_address_whatever_the_host_header_says)
{
	act a = open_activity("5");
	lw_client *ed = as(EDITOR);
	/* the public address is the server's own (serve --public-url, by default
	 * http://<listen address>): a Host header chosen by a client never
	 * reaches a QR code a resident scans */
	const char *hdr[] = {"Host: learn.example.cn", "X-Forwarded-Proto: https", NULL};
	/* libcurl sends the session cookie to 127.0.0.1 only: pass it by hand */
	const char *cookie = lw_printf("Cookie: lw_s=%s", lw_cookie(ed, "lw_s"));
	const char *hdr2[] = {hdr[0], hdr[1], cookie, NULL};
	lw_resp *r = lw_send(ed, "GET", lw_printf("/activities/%lld/checkin-code", a.id), NULL, 0, hdr2);
	lw_expect(r, 200, "<svg");
	cr_assert(lw_has(r, lw_printf("%s/a/%lld/checkin?k=", lw_base(), a.id)), "%s", lw_excerpt(r));
	cr_assert(!lw_has(r, "learn.example.cn"), "the Host header reached the page:\n%s", lw_excerpt(r));
	cr_assert(lw_has(r, lw_printf("/activities/%lld/poster.pdf", a.id)));
	lw_expect(lw_get(as(OTHER_ADMIN), lw_printf("/activities/%lld/checkin-code", a.id)), 403, "无权访问其他单位");
}

Test(checkin, wrong_or_tampered_code_is_403)
{
	act a = open_activity("5");
	act b = open_activity("5");
	char *code = checkin_code(a.id);
	char *flipped = lw_printf("%s", code);
	flipped[0] = flipped[0] == '0' ? '1' : '0';
	lw_client *c = lw_client_new();
	lw_expect(lw_get(c, lw_printf("/a/%lld/checkin?k=%s", a.id, flipped)), 403, "二维码无效");
	lw_expect(lw_get(c, lw_printf("/a/%lld/checkin?k=%.20s", a.id, code)), 403, "二维码无效");
	lw_expect(lw_get(c, lw_printf("/a/%lld/checkin", a.id)), 403, "二维码无效");
	lw_expect(lw_get(c, lw_printf("/a/%lld/checkin?k=%s", b.id, code)), 403, "二维码无效");
	lw_expect(lw_get(c, lw_printf("/a/%lld/checkin?k=%%E4%%BA%%8C", a.id)), 403, "二维码无效");
	lw_expect(checkin(c, a.id, flipped, "张三", ""), 403, "二维码无效");
	lw_expect(registrations(donghu_admin(), a.id), 200, "还没有人签到");
	lw_expect(lw_get(c, lw_printf("/a/%lld/checkin?k=%s", a.id, code)), 200, "手机号后四位");
}

Test(checkin, cancelled_is_409_draft_404_and_the_window_is_kept)
{
	lw_client *admin = donghu_admin();
	act a = open_activity("5");
	char *code = checkin_code(a.id);
	cr_assert_eq(lw_submit(admin, lw_printf("/activities/%lld/status", a.id), "status", "cancelled", NULL)->status, 303);
	lw_expect(lw_get(lw_client_new(), lw_printf("/a/%lld/checkin?k=%s", a.id, code)), 409, "已取消");
	lw_expect(checkin(lw_client_new(), a.id, code, "张三", ""), 409, "已取消");

	act d = make_activity(admin, "5", 30, 180, false, NULL, NULL);
	lw_expect(lw_get(lw_client_new(), lw_printf("/a/%lld/checkin?k=%s", d.id, checkin_code(d.id))), 404, "找不到这项活动");

	act later = make_activity(admin, "5", 5 * 60, 6 * 60, true, NULL, NULL);
	lw_expect(lw_get(lw_client_new(), lw_printf("/a/%lld/checkin?k=%s", later.id, checkin_code(later.id))), 409,
		  "签到还没有开始");
	act long_ago = make_activity(admin, "5", -10 * 60, -7 * 60, true, NULL, NULL);
	lw_expect(checkin(lw_client_new(), long_ago.id, checkin_code(long_ago.id), "张三", ""), 409, "签到已经结束");
}

Test(checkin, registered_resident_checks_in_once_then_rates_once)
{
	act a = open_activity("5");
	char *code = checkin_code(a.id);
	lw_client *phone = lw_client_new();
	char *t = cancel_token(signup(phone, a.id, "张秀英", "13812345678"));

	lw_expect(checkin(phone, a.id, code, "张秀英", "1234"), 422, "没有找到");
	lw_expect(checkin(phone, a.id, code, "张秀英", "56a8"), 422, "4 位数字");
	lw_resp *ok = checkin(phone, a.id, code, "张秀英", "5678");
	lw_expect(ok, 200, "签到成功");
	cr_assert(lw_has(ok, "您对本次活动满意吗"), "the rating form follows the check-in");
	const char *sc = lw_set_cookie(ok, lw_printf("lw_r%lld", a.id));
	cr_assert(sc && strstr(sc, "HttpOnly"), "rating cookie: %s", sc ? sc : "(none)");
	cr_assert(!lw_has(ok, "13812345678"), "no phone number on a public page");

	lw_expect(checkin(lw_client_new(), a.id, code, "张秀英", "5678"), 409, "已经签到过了");
	lw_expect(checkin(phone, a.id, code, "张秀英", ""), 409, "已经签到过了");
	lw_expect(lw_submit(phone, "/signup/cancel", "t", t, NULL), 409, "已经签到");

	lw_resp *list = registrations(donghu_admin(), a.id);
	lw_expect(list, 200, "扫码签到（1 人）");
	cr_assert(lw_has(list, "已报名"));

	char *rt = lw_field(ok->body, "t");
	lw_expect(lw_submit(phone, lw_printf("/a/%lld/rating", a.id), "t", rt, NULL), 422, "请选择");
	lw_expect(lw_submit(phone, lw_printf("/a/%lld/rating", a.id), "t", rt, "score", "great", NULL), 422, "请选择");
	lw_expect(lw_submit(phone, lw_printf("/a/%lld/rating", a.id), "t", rt, "score", "satisfied", "comment",
			    "讲得很好，希望多办 𠮷😀 <script>", NULL), 200, "谢谢您的评价");
	lw_expect(lw_submit(phone, lw_printf("/a/%lld/rating", a.id), "t", rt, "score", "unsatisfied", NULL), 409, "已经评价过了");

	/* scanning again later: the cookie brings the resident back */
	lw_resp *again = lw_get(phone, lw_printf("/a/%lld/checkin?k=%s", a.id, code));
	lw_expect(again, 200, "您已经签到");
	cr_assert(lw_has(again, "您的评价：<strong>满意</strong>"), "%s", lw_excerpt(again));

	lw_resp *staff = lw_get(donghu_admin(), lw_printf("/activities/%lld", a.id));
	lw_expect(staff, 200, "满意度 100%，满意率 100%（满意 1，基本满意 0，不满意 0；共 1 份有效评价，来自 1 场活动）");
}

Test(checkin, walk_in_and_a_family_member_on_the_same_phone)
{
	act a = open_activity("");
	char *code = checkin_code(a.id);
	lw_client *phone = lw_client_new();
	lw_resp *ok = checkin(phone, a.id, code, "路人甲", "");
	lw_expect(ok, 200, "签到成功");
	lw_expect(checkin(phone, a.id, code, " 路人甲 ", ""), 409, "已经签到过了");
	/* the rating cookie alone is enough to rate */
	lw_expect(lw_submit(phone, lw_printf("/a/%lld/rating", a.id), "score", "basic", NULL), 200, "基本满意");
	lw_expect(lw_get(phone, lw_printf("/a/%lld/checkin?k=%s", a.id, code)), 200, "为同行的家人或朋友签到");
	lw_expect(checkin(phone, a.id, code, "路人乙", ""), 200, "签到成功");
	lw_expect(registrations(donghu_admin(), a.id), 200, "扫码签到（2 人）");

	/* staff signed up a resident without a phone: the name finds the registration */
	lw_client *ed = as(EDITOR);
	lw_submit(ed, lw_printf("/activities/%lld/registrations", a.id), "name", "王奶奶", NULL);
	lw_expect(checkin(lw_client_new(), a.id, code, "王奶奶", ""), 200, "签到成功");
	lw_resp *list = registrations(ed, a.id);
	cr_assert(lw_has(list, "扫码签到（3 人）"), "%s", lw_excerpt(list));
	cr_assert(lw_has(list, "<td>王奶奶</td><td>（未留）</td><td>报名成功</td><td>20"), "the registration shows its check-in time");
}

/* ---- ratings ---- */

Test(rating, without_a_valid_check_in_is_403)
{
	act a = open_activity("");
	act b = open_activity("");
	lw_client *c = lw_client_new();
	lw_expect(lw_submit(c, lw_printf("/a/%lld/rating", a.id), "score", "satisfied", NULL), 403, "请先扫码签到");
	lw_expect(lw_submit(c, lw_printf("/a/%lld/rating", a.id), "t", "not-a-token", "score", "satisfied", NULL), 403,
		  "请先扫码签到");
	char zeros[65];
	memset(zeros, 'a', 64);
	zeros[64] = 0;
	lw_expect(lw_submit(c, lw_printf("/a/%lld/rating", a.id), "t", zeros, "score", "satisfied", NULL), 403, "请先扫码签到");
	/* a check-in at b is no ticket to rate a */
	lw_resp *ok = checkin(c, b.id, checkin_code(b.id), "张三", "");
	char *rt = lw_field(ok->body, "t");
	lw_expect(lw_submit(c, lw_printf("/a/%lld/rating", a.id), "t", rt, "score", "satisfied", NULL), 403, "请先扫码签到");
	/* an over-long comment is refused before anything is written */
	char *comment = lw_printf("%s", "");
	for (int i = 0; i < 501; i++)
		comment = lw_printf("%s好", comment);
	lw_expect(lw_submit(c, lw_printf("/a/%lld/rating", b.id), "t", rt, "score", "satisfied", "comment", comment, NULL), 400,
		  "太长");
	lw_expect(lw_submit(c, lw_printf("/a/%lld/rating", b.id), "t", rt, "score", "unsatisfied", NULL), 200, "不满意");
	lw_expect(lw_get(donghu_admin(), lw_printf("/activities/%lld", a.id)), 200, "还没有评价");
}

/* ---- the poster ---- */

static char *save_pdf(const lw_resp *r)
{
	char *pdf = lw_printf("%s/poster-%d.pdf", getenv("LW_HTTP_TMP"), (int)getpid());
	FILE *f = fopen(pdf, "wb");
	cr_assert(f && fwrite(r->body, 1, r->len, f) == r->len, "cannot write %s", pdf);
	fclose(f);
	return pdf;
}

/* The PDF's text with line breaks removed: a wrapped title is one string. */
static char *pdf_text(const char *pdf)
{
	char *out = lw_run(lw_printf("pdftotext -enc UTF-8 '%s' -", pdf));
	char *j = out;
	for (char *s = out; *s; s++)
		if (*s != '\n')
			*j++ = *s;
	*j = 0;
	return out;
}

Test(poster, pdf_has_title_venue_and_time)
{
	lw_client *admin = donghu_admin();
	act a = make_activity(admin, "30", 30, 150, true, NULL, NULL);
	lw_resp *r = lw_get(as(EDITOR), lw_printf("/activities/%lld/poster.pdf", a.id));
	cr_assert_eq(r->status, 200, "%ld\n%s", r->status, lw_excerpt(r));
	const char *ct = lw_header(r, "Content-Type");
	cr_assert(ct && !strcmp(ct, "application/pdf"), "Content-Type %s", ct ? ct : "(none)");
	cr_assert(r->len > 1000 && !memcmp(r->body, "%PDF-", 5), "not a PDF");
	char *pdf = save_pdf(r);
	char *text = pdf_text(pdf);
	remove(pdf);
	cr_assert(strstr(text, a.title), "title %s not in:\n%s", a.title, text);
	cr_assert(strstr(text, a.venue), "venue %s not in:\n%s", a.venue, text);
	cr_assert(strstr(text, a.starts + 11) && strstr(text, a.ends + 11), "times %s–%s not in:\n%s", a.starts + 11, a.ends + 11,
		  text);
	int y, m, d;
	cr_assert_eq(sscanf(a.starts, "%d-%d-%d", &y, &m, &d), 3);
	cr_assert(strstr(text, lw_printf("%d年%d月%d日", y, m, d)), "date not in:\n%s", text);
	cr_assert(strstr(text, "扫码签到") && strstr(text, lw_printf("/a/%lld/checkin?k=", a.id)), "%s", text);

	lw_expect(lw_get(as(OTHER_ADMIN), lw_printf("/activities/%lld/poster.pdf", a.id)), 403, "无权访问其他单位");
	cr_assert_eq(lw_get(lw_client_new(), lw_printf("/activities/%lld/poster.pdf", a.id))->status, 303);
}

Test(poster, hostile_long_and_rare_text_still_makes_a_poster)
{
	/* the form's limits: 100 characters of title, 150 of venue */
	char *title = lw_printf("%s", "𠮷野家 <b>&amp; \"引号\" 😀👨‍👩‍👧 ");
	for (int i = 0; i < 18; i++)
		title = lw_printf("%s终身学习", title);
	char *venue = lw_printf("%s", "");
	for (int i = 0; i < 37; i++)
		venue = lw_printf("%s三楼大厅", venue);
	act a = make_activity(donghu_admin(), "", 30, 150, true, title, venue);
	lw_resp *r = lw_get(as(EDITOR), lw_printf("/activities/%lld/poster.pdf", a.id));
	cr_assert_eq(r->status, 200, "%ld\n%s", r->status, lw_excerpt(r));
	cr_assert(!memcmp(r->body, "%PDF-", 5) && strstr(r->body + r->len - 8, "%%EOF"), "not a whole PDF");
	char *pdf = save_pdf(r);
	char *text = pdf_text(pdf);
	cr_assert(strstr(text, "𠮷野家 <b>&amp;"), "rare and markup-like characters are printed as typed:\n%s", text);
	cr_assert(strstr(text, "扫码签到") && strstr(text, "签到后欢迎"), "the rest of the poster is there:\n%s", text);
	const char *pages = strstr(lw_run(lw_printf("pdfinfo '%s'", pdf)), "Pages:");
	int n = 0;
	cr_assert(pages && sscanf(pages, "Pages: %d", &n) == 1 && n == 1, "one page, not %d", n);
	/* the long venue is cut with … (pdftotext cannot tell: pango maps the
	 * ellipsis back to the whole text); what matters is that the code is
	 * still whole and scannable */
	char *png = lw_printf("%s/poster-%d", getenv("LW_HTTP_TMP"), (int)getpid());
	lw_run(lw_printf("pdftoppm -r 100 -png -singlefile '%s' '%s'", pdf, png));
	char *decoded = lw_run(lw_printf("zbarimg -q --raw '%s.png'", png));
	cr_assert(strstr(decoded, lw_printf("/a/%lld/checkin?k=", a.id)), "the QR code reads %s", decoded);
	remove(pdf);
	remove(lw_printf("%s.png", png));
	lw_assert_alive();
}
