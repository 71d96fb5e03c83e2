/* test_integrity.c: what two people at once, or one person many times, must
 * not be able to do to the records (issue 14): a save from a stale copy
 * silently overwriting another's (409 with both versions instead), a sign-up
 * slipping in while an activity is withdrawn, a phone number's sign-up found
 * by probing, and the figures inflated by flooding the anonymous forms. */
#include "harness.h"
#include "unit_admin.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define PASS "integrity-pass-1234"

static void setup(void)
{
	lw_add_user("integ_a", "unit_admin", "东湖区", PASS);
	lw_add_user("integ_b", "unit_editor", "东湖区", PASS);
	lw_add_user("integ_c", "unit_admin", "东湖区", PASS);
	lw_add_user("integ_centre1", "centre_admin", NULL, PASS);
	lw_add_user("integ_centre2", "centre_admin", NULL, PASS);
}

LW_SERVER("", setup)

static lw_client *as(const char *username)
{
	lw_client *c = lw_client_new();
	lw_login_ok(c, username, PASS);
	return c;
}

static long long own_unit(lw_client *c)
{
	long long unit = lw_id_after(lw_get(c, "/admin")->body, "class=\"tiles\"", "/units/");
	cr_assert_gt(unit, 0, "no unit link on the dashboard");
	return unit;
}

/* A 东湖区 activity starting in start_min minutes, lasting two hours: in the
 * 2022 week, so outside its dates, a 周外活动 (issue 12). */
static long long make_activity(lw_client *c, const char *title, const char *capacity, long start_min, bool publish)
{
	lw_resp *r = lw_submit(c, lw_printf("/units/%lld/activities", own_unit(c)), "title", title, "host", "东湖区社区教育学院",
			       "content", "6", "mode", "offline", "starts_at", lw_local_time(start_min), "ends_at",
			       lw_local_time(start_min + 120), "venue", "百花洲路社区学校 3 楼", "street", "百花洲街道", "capacity",
			       capacity, "week", "1", "off_week", "1", "publish", publish ? "1" : "0", NULL);
	cr_assert_eq(r->status, 303, "create activity: %ld\n%s", r->status, lw_excerpt(r));
	long long id = 0;
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && sscanf(loc, "/activities/%lld", &id) == 1, "Location %s", loc ? loc : "(none)");
	return id;
}

/* The activity form as the edit page filled it, with title changed. */
static lw_resp *save_activity(lw_client *c, long long id, const char *edit_page, const char *title, const char *venue)
{
	return lw_submit(c, lw_printf("/activities/%lld", id), "title", title, "host", "东湖区社区教育学院", "content", "6",
			 "mode", "offline", "starts_at", lw_field(edit_page, "starts_at"), "ends_at", lw_field(edit_page, "ends_at"),
			 "venue", venue, "street", "百花洲街道", "capacity", "30", "week", "1", "off_week", "1", "revision",
			 lw_field(edit_page, "revision"), NULL);
}

/* ---- lost updates ---- */

Test(lost_update, second_save_from_a_stale_form_is_409_with_both_versions)
{
	lw_client *a = as("integ_a"), *b = as("integ_b");
	long long id = make_activity(a, lw_unique("老年智能手机课"), "30", 600, false);
	/* both open the form */
	lw_resp *ea = lw_get(a, lw_printf("/activities/%lld/edit", id));
	lw_resp *eb = lw_get(b, lw_printf("/activities/%lld/edit", id));
	cr_assert_eq(ea->status, 200);
	cr_assert_not_null(lw_field(eb->body, "revision"), "the edit form carries no revision:\n%s", lw_excerpt(eb));
	char *theirs = lw_unique("甲改的名称"), *mine = lw_unique("乙改的名称");
	cr_assert_eq(save_activity(a, id, ea->body, theirs, "甲写的地点")->status, 303);
	lw_resp *r = save_activity(b, id, eb->body, mine, "乙写的地点");
	lw_expect(r, 409, "别人已修改这条记录");
	/* side by side: what the other saved, what this person typed */
	cr_assert(lw_has(r, "对方已保存的内容") && lw_has(r, "您这次填写的内容"), "%s", lw_excerpt(r));
	cr_assert(lw_has(r, theirs) && lw_has(r, "甲写的地点"), "their version is not shown:\n%s", lw_excerpt(r));
	/* nothing typed is lost: the form holds mine, at the current revision */
	cr_assert_str_eq(lw_field(r->body, "title"), mine);
	cr_assert_str_eq(lw_field(r->body, "venue"), "乙写的地点");
	lw_resp *now = lw_get(a, lw_printf("/activities/%lld/edit", id));
	cr_assert_str_eq(lw_field(r->body, "revision"), lw_field(now->body, "revision"));
	cr_assert(lw_has(r, lw_printf("href=\"/activities/%lld/edit\"", id)), "no way to take theirs");
	/* the first save stands */
	cr_assert_str_eq(lw_field(now->body, "title"), theirs);
	cr_assert_str_eq(lw_field(now->body, "venue"), "甲写的地点");
	/* keeping mine: the conflict page's form, sent again */
	cr_assert_eq(save_activity(b, id, r->body, mine, "乙写的地点")->status, 303);
	cr_assert_str_eq(lw_field(lw_get(a, lw_printf("/activities/%lld/edit", id))->body, "title"), mine);
}

Test(lost_update, a_change_of_status_in_between_is_a_conflict_too)
{
	lw_client *a = as("integ_a"), *b = as("integ_b");
	long long id = make_activity(a, lw_unique("家庭教育讲座"), "30", 600, false);
	lw_resp *eb = lw_get(b, lw_printf("/activities/%lld/edit", id));
	cr_assert_eq(lw_submit(a, lw_printf("/activities/%lld/status", id), "status", "published", NULL)->status, 303);
	lw_resp *r = save_activity(b, id, eb->body, lw_unique("家庭教育讲座"), "百花洲路社区学校 3 楼");
	lw_expect(r, 409, "别人已修改这条记录");
	cr_assert(lw_has(r, "保存并发布") == false, "the form shows the status as it is now (published)");
}

Test(lost_update, api_put_over_a_stale_revision_is_409_json)
{
	unit_admin u = {as("integ_a"), 0};
	u.unit = own_unit(u.c);
	char *tok = make_token(&u, "integ_a", NULL);
	long long id = make_activity(u.c, lw_unique("书法体验课"), "30", 600, false);
	lw_resp *g = lw_json(lw_client_new(), tok, "GET", lw_printf("/api/v1/activities/%lld", id), NULL);
	cr_assert_eq(g->status, 200, "%s", g->body);
	const char *etag = lw_header(g, "ETag");
	cr_assert_not_null(etag, "GET gives no ETag");
	char *etag_kept = lw_printf("%s", etag);
	/* someone saves in between, in the form */
	lw_resp *e = lw_get(u.c, lw_printf("/activities/%lld/edit", id));
	char *theirs = lw_unique("表单里改的名称");
	cr_assert_eq(save_activity(u.c, id, e->body, theirs, "百花洲路社区学校 3 楼")->status, 303);
	/* If-Match with the old ETag */
	const char *hdr[] = {"Content-Type: application/json", "Authorization: Bearer ", NULL};
	hdr[1] = lw_printf("Authorization: Bearer %s", tok);
	const char *stale_if = lw_printf("If-Match: %s", etag_kept);
	const char *h3[] = {hdr[0], hdr[1], stale_if, NULL};
	const char *body = "{\"title\":\"接口改的名称\"}";
	lw_resp *r = lw_send(lw_client_new(), "PUT", lw_printf("/api/v1/activities/%lld", id), body, strlen(body), h3);
	cr_assert_eq(r->status, 409, "%ld %s", r->status, r->body);
	cr_assert(strstr(r->body, "\"current\"") && strstr(r->body, theirs), "409 without what is saved now: %s", r->body);
	cr_assert(!strncmp(lw_header(r, "Content-Type"), "application/json", 16));
	/* the revision in the body does the same */
	long long rev = atoll(etag_kept + 1);
	r = lw_json(lw_client_new(), tok, "PUT", lw_printf("/api/v1/activities/%lld", id),
		    lw_printf("{\"title\":\"接口改的名称\",\"revision\":%lld}", rev));
	cr_assert_eq(r->status, 409, "%ld %s", r->status, r->body);
	g = lw_json(lw_client_new(), tok, "GET", lw_printf("/api/v1/activities/%lld", id), NULL);
	cr_assert(strstr(g->body, theirs), "the form's save was overwritten: %s", g->body);
	/* with the current revision it goes through */
	const char *fresh_if = lw_printf("If-Match: %s", lw_header(g, "ETag"));
	const char *h4[] = {hdr[0], hdr[1], fresh_if, NULL};
	r = lw_send(lw_client_new(), "PUT", lw_printf("/api/v1/activities/%lld", id), body, strlen(body), h4);
	cr_assert_eq(r->status, 200, "%ld %s", r->status, r->body);
}

/* The report's forms are those of the demo's live week (week 2, the second it
 * makes), where 东湖区 is still filling in: its 2022 report is accepted history. */
Test(lost_update, the_summary_form_and_the_plan_keep_the_first_save)
{
	lw_client *a = as("integ_a"), *c = as("integ_c");
	long long unit = own_unit(a);
	const char *edit = lw_printf("/units/%lld/report/edit?week=2", unit), *fields = lw_printf("/units/%lld/report/fields", unit);
	lw_resp *ea = lw_get(a, edit), *ec = lw_get(c, edit);
	cr_assert_eq(ec->status, 200, "%s", lw_excerpt(ec));
	cr_assert_not_null(lw_field(ec->body, "revision"), "the summary form carries no revision");
	char *theirs = lw_unique("甲写的活动成效"), *mine = lw_unique("乙写的活动成效");
	lw_resp *r = lw_submit(a, fields, "week", "2", "revision", lw_field(ea->body, "revision"), "field", "effect", "value", theirs,
			       "reason", "", NULL);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	r = lw_submit(c, fields, "week", "2", "revision", lw_field(ec->body, "revision"), "field", "effect", "value", mine, "reason", "",
		      NULL);
	lw_expect(r, 409, "别人已修改这条记录");
	cr_assert(lw_has(r, theirs) && lw_has(r, mine), "both versions side by side:\n%s", lw_excerpt(r));
	lw_resp *form = lw_get(a, lw_printf("/units/%lld/report?week=2", unit));
	cr_assert(lw_has(form, theirs) && !lw_has(form, mine), "the first save was overwritten:\n%s", lw_excerpt(form));

	const char *plan = lw_printf("/units/%lld/report/plan", unit), *plan_q = lw_printf("%s?week=2", plan);
	lw_resp *pa = lw_get(a, plan_q), *pc = lw_get(c, plan_q);
	r = lw_submit(a, plan, "week", "2", "revision", lw_field(pa->body, "revision"), "plan_issuer", "东湖区教育体育局", NULL);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	r = lw_submit(c, plan, "week", "2", "revision", lw_field(pc->body, "revision"), "plan_issuer", "东湖区社区教育学院", NULL);
	lw_expect(r, 409, "别人已修改这条记录");
	cr_assert(lw_has(r, "东湖区教育体育局"), "their version is not shown:\n%s", lw_excerpt(r));
	cr_assert_str_eq(lw_field(r->body, "plan_issuer"), "东湖区社区教育学院");
	cr_assert_str_eq(lw_field(lw_get(a, plan_q)->body, "plan_issuer"), "东湖区教育体育局");
}

/* Two editors open edit; the first saves field (with the form's other fields
 * in rest, url-encoded) and the second's save from the same revision is 409,
 * showing both, and the first save stands. */
static void two_editors_as(lw_client *a, lw_client *c, const char *edit, const char *save, const char *field, const char *rest)
{
	lw_resp *ea = lw_get(a, edit), *ec = lw_get(c, edit);
	cr_assert_eq(ec->status, 200, "%s: %s", edit, lw_excerpt(ec));
	char *rev_a = lw_field(ea->body, "revision"), *rev_c = lw_field(ec->body, "revision");
	cr_assert_not_null(rev_c, "the form at %s carries no revision", edit);
	char *theirs = lw_unique("甲保存的"), *mine = lw_unique("乙填写的");
	lw_resp *r = lw_post(a, save, lw_printf("%s&%s", lw_form("_csrf", lw_csrf(a), "revision", rev_a, field, theirs, NULL), rest));
	cr_assert_eq(r->status, 303, "%s: %ld\n%s", save, r->status, lw_excerpt(r));
	r = lw_post(c, save, lw_printf("%s&%s", lw_form("_csrf", lw_csrf(c), "revision", rev_c, field, mine, NULL), rest));
	lw_expect(r, 409, "别人已修改这条记录");
	cr_assert(lw_has(r, theirs) && lw_has(r, mine), "%s: both versions side by side:\n%s", save, lw_excerpt(r));
	cr_assert_str_eq(lw_field(r->body, field), mine, "%s: the typed input is kept", save);
	lw_resp *now = lw_get(a, edit);
	cr_assert(lw_has(now, theirs) && !lw_has(now, mine), "%s: the first save was overwritten", edit);
}

static void two_editors(const char *edit, const char *save, const char *field, const char *rest)
{
	two_editors_as(as("integ_a"), as("integ_c"), edit, save, field, rest);
}

static long long created(lw_resp *r, const char *fmt)
{
	cr_assert_eq(r->status, 303, "%ld\n%s", r->status, lw_excerpt(r));
	long long id = 0;
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && sscanf(loc, fmt, &id) == 1, "Location %s", loc ? loc : "(none)");
	return id;
}

Test(lost_update, resources_stars_brands_cases_and_publicity_too)
{
	lw_client *a = as("integ_a");
	long long unit = own_unit(a);
	long long res = created(lw_submit(a, lw_printf("/units/%lld/resources", unit), "week", "1", "kind", "venue", "title", "社区书房",
					  "institution", "东湖区图书馆", "address", "百花洲路 1 号", NULL), "/resources/%lld/edit");
	two_editors(lw_printf("/resources/%lld/edit", res), lw_printf("/resources/%lld", res), "title",
		    lw_form("week", "1", "kind", "venue", "institution", "东湖区图书馆", "address", "百花洲路 1 号", NULL));
	long long star = created(lw_submit(a, lw_printf("/units/%lld/stars", unit), "week", "1", "name", "李桂芳", "story", "学书法", NULL),
				 "/stars/%lld/edit");
	two_editors(lw_printf("/stars/%lld/edit", star), lw_printf("/stars/%lld", star), "name", lw_form("week", "1", "story", "学书法", NULL));
	long long brand = created(lw_submit(a, lw_printf("/units/%lld/brands", unit), "week", "1", "name", "银龄课堂", "host", "社区学院",
					    "description", "老年人学习", NULL), "/brands/%lld/edit");
	two_editors(lw_printf("/brands/%lld/edit", brand), lw_printf("/brands/%lld", brand), "name",
		    lw_form("week", "1", "host", "社区学院", "description", "老年人学习", NULL));
	long long act = make_activity(a, lw_unique("智慧助老课堂"), "30", 600, true);
	long long cs = created(lw_submit(a, lw_printf("/units/%lld/cases", unit), "activity", lw_printf("%lld", act), "title", "教用手机",
					 "taught", "健康码", "trained", "12", NULL), "/cases/%lld/edit");
	two_editors(lw_printf("/cases/%lld/edit", cs), lw_printf("/cases/%lld", cs), "title", lw_form("taught", "健康码", "trained", "12", NULL));
	char *pub_title = lw_unique("活动周开幕报道"); /* publicity: of the live week, like the report */
	lw_resp *r = lw_submit(a, lw_printf("/units/%lld/publicity", unit), "week", "2", "channel", "报刊", "kind", "text", "title",
			       pub_title, "outlet", "南昌日报", "published_on", "2022-12-02", "url", "https://example.org/a", NULL);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	long long pub = lw_id_after(lw_get(a, lw_printf("/units/%lld/publicity?week=2", unit))->body, lw_html_escape(pub_title), "/publicity/");
	cr_assert_gt(pub, 0);
	two_editors(lw_printf("/publicity/%lld/edit", pub), lw_printf("/publicity/%lld", pub), "title",
		    lw_form("week", "2", "channel", "报刊", "kind", "text", "outlet", "南昌日报", "published_on", "2022-12-02", "url",
			    "https://example.org/a", NULL));
}

Test(lost_update, the_city_form_too)
{
	two_editors_as(as("integ_centre1"), as("integ_centre2"), "/admin/city-form/edit?week=1", "/admin/city-form", "plan_issuer",
		       "week=1");
}

/* ---- sign-up against withdrawal ---- */

/* Runs fn(id) in a child that starts when the pipe's write end is closed;
 * returns its pid. */
static pid_t racer(const int go[2], void (*fn)(lw_client *, long long), lw_client *c, long long id)
{
	pid_t p = fork();
	cr_assert_neq(p, -1);
	if (p == 0) {
		char x;
		close(go[1]);
		(void)!read(go[0], &x, 1);
		fn(c, id);
		_exit(0);
	}
	return p;
}

static void do_signup(lw_client *c, long long id)
{
	lw_submit(c, lw_printf("/a/%lld/signup", id), "name", "张秀英", "phone", lw_printf("137%08lld", id), NULL);
}

static void do_withdraw(lw_client *c, long long id)
{
	lw_submit(c, lw_printf("/activities/%lld/status", id), "status", "draft", NULL);
}

Test(race, signup_against_withdrawal_never_leaves_a_draft_with_registrations)
{
	lw_client *a = as("integ_a");
	int drafts = 0, signed_up = 0;
	for (int round = 0; round < 40; round++) {
		long long id = make_activity(a, lw_unique("竞态测试活动"), "30", 600, true);
		lw_client *resident = lw_client_new(), *staff = a;
		lw_get(resident, lw_printf("/a/%lld/signup", id)); /* any cookie and token the form needs */
		lw_csrf(staff);
		int fd[2];
		cr_assert_eq(pipe(fd), 0);
		pid_t p1 = racer(fd, do_signup, resident, id), p2 = racer(fd, do_withdraw, staff, id);
		close(fd[1]); /* go */
		waitpid(p1, NULL, 0);
		waitpid(p2, NULL, 0);
		close(fd[0]);
		lw_resp *staff_page = lw_get(a, lw_printf("/activities/%lld", id));
		lw_resp *regs = lw_get(a, lw_printf("/activities/%lld/registrations", id));
		bool draft = lw_has(staff_page, "badge-draft");
		bool confirmed = lw_has(regs, "报名成功 1 人");
		cr_assert(!(draft && confirmed), "round %d: a withdrawn (draft) activity holds a confirmed registration", round);
		drafts += draft;
		signed_up += confirmed;
	}
	cr_assert_eq(drafts + signed_up, 40, "every round ends one way or the other (%d drafts, %d sign-ups)", drafts, signed_up);
}

/* ---- probing for personal data ---- */

static lw_resp *signup(lw_client *c, long long id, const char *name, const char *phone)
{
	return lw_submit(c, lw_printf("/a/%lld/signup", id), "name", name, "phone", phone, NULL);
}

static char *cancel_link(const lw_resp *r)
{
	const char *p = strstr(r->body, "/signup/cancel?t=");
	cr_assert(p, "no cancel link on the result page:\n%s", lw_excerpt(r));
	char tok[65];
	cr_assert_eq(sscanf(p + strlen("/signup/cancel?t="), "%64[0-9a-f]", tok), 1);
	return lw_printf("/signup/cancel?t=%s", tok);
}

/* The result page without what differs between any two sign-ups (name, token). */
static char *shape(const lw_resp *r, const char *name)
{
	char *s = lw_printf("%s", r->body);
	for (char *p; (p = strstr(s, "/signup/cancel?t="));)
		memset(p, 'x', strlen("/signup/cancel?t=") + 64);
	for (char *p; (p = strstr(s, name));)
		memset(p, 'n', strlen(name));
	/* each sign-up, real or not, has its own 取消码 */
	for (char *p = s; (p = strstr(p, "<p class=\"code-big\"><code>"));) {
		p += strlen("<p class=\"code-big\"><code>");
		for (; *p && *p != '<'; p++)
			*p = 'c';
	}
	char *m = strstr(s, "<main"), *e = strstr(s, "</main>");
	cr_assert(m && e);
	return lw_printf("%.*s", (int)(e - m), m);
}

Test(probing, a_duplicate_signup_answers_as_a_new_one)
{
	lw_client *a = as("integ_a");
	long long id = make_activity(a, lw_unique("防诈骗讲座"), "1", 600, true);
	lw_resp *first = signup(lw_client_new(), id, "张秀英", "13812345678");
	lw_expect(first, 200, "报名成功");
	char *real = cancel_link(first);
	/* a new number, then the first number again: the same answer as a new one */
	lw_resp *fresh = signup(lw_client_new(), id, "王建国", "13912340000");
	lw_resp *probe = signup(lw_client_new(), id, "王建国", "138 1234 5678");
	cr_assert_eq(probe->status, 200, "%s", lw_excerpt(probe));
	cr_assert(!lw_has(probe, "已经报过名"), "the answer says the number signed up:\n%s", lw_excerpt(probe));
	lw_resp *fresh2 = signup(lw_client_new(), id, "王建国", "13700001111");
	cr_assert_str_eq(shape(probe, "王建国"), shape(fresh2, "王建国"), "a duplicate's answer differs from a new sign-up's");
	(void)fresh;
	/* its own cancel link works like any other and touches nothing real */
	char *decoy = cancel_link(probe);
	cr_assert_str_neq(decoy, real);
	lw_client *p = lw_client_new();
	lw_expect(lw_get(p, decoy), 200, "确认取消报名");
	lw_expect(lw_submit(p, "/signup/cancel", "t", decoy + strlen("/signup/cancel?t="), NULL), 200, "您的报名已取消");
	lw_resp *list = lw_get(a, lw_printf("/activities/%lld/registrations", id));
	lw_expect(list, 200, "报名成功 1 人");
	/* the owner's own link still reaches the real sign-up */
	lw_expect(lw_get(lw_client_new(), real), 200, "张秀英");
}

static char *checkin_code(lw_client *staff, long long id)
{
	lw_resp *r = lw_get(staff, lw_printf("/activities/%lld/checkin-code", id));
	const char *p = strstr(r->body, lw_printf("/a/%lld/checkin?k=", id));
	cr_assert(p, "no check-in URL on the QR page:\n%s", lw_excerpt(r));
	char k[65];
	cr_assert_eq(sscanf(strchr(p, '=') + 1, "%64[0-9a-f]", k), 1);
	return lw_printf("%s", k);
}

static lw_resp *checkin(lw_client *c, long long id, const char *code, const char *name, const char *last4)
{
	return lw_submit(c, lw_printf("/a/%lld/checkin", id), "k", code, "name", name, "last4", last4, NULL);
}

Test(probing, guessing_the_last_four_digits_is_stopped_after_five_misses)
{
	lw_client *a = as("integ_a");
	long long id = make_activity(a, lw_unique("太极拳体验"), "30", 30, true);
	lw_expect(signup(lw_client_new(), id, "张秀英", "13812345678"), 200, "报名成功");
	char *code = checkin_code(a, id);
	lw_client *guesser = lw_client_new();
	for (int i = 0; i < 5; i++)
		lw_expect(checkin(guesser, id, code, "张秀英", lw_printf("%04d", i)), 422, "没有找到");
	/* the sixth try is refused, right digits or not: no answer to learn from */
	lw_expect(checkin(guesser, id, code, "张秀英", "5678"), 429, "太频繁");
	/* the resident herself, on her own phone, is not held up */
	lw_expect(checkin(lw_client_new(), id, code, "张秀英", "5678"), 200, "签到成功");
	lw_expect(lw_get(a, lw_printf("/activities/%lld", id)), 200, "其中 1 次是姓名和手机号后四位多次对不上");
}

/* ---- figures by flooding ---- */

Test(flooding, walk_in_checkins_from_one_device_are_limited_and_counted)
{
	lw_client *a = as("integ_a");
	long long id = make_activity(a, lw_unique("社区合唱"), "", 30, true);
	char *code = checkin_code(a, id);
	lw_client *door = lw_client_new(); /* the hall's one shared phone */
	for (int i = 0; i < 60; i++)
		lw_expect(checkin(door, id, code, lw_printf("居民%d", i), ""), 200, "签到成功");
	lw_expect(checkin(door, id, code, "居民甲", ""), 429, "太频繁");
	lw_resp *staff = lw_get(a, lw_printf("/activities/%lld", id));
	lw_expect(staff, 200, "扫码签到 60 人");
	cr_assert(lw_has(staff, "已拦截 0 次异常报名、1 次异常签到"), "%s", lw_excerpt(staff));
}

Test(flooding, signups_from_one_address_and_one_number_are_limited_and_counted)
{
	lw_client *a = as("integ_a");
	long long id = make_activity(a, lw_unique("老年大学开放日"), "", 600, true);
	lw_client *hall = lw_client_new(); /* 代报名 for the neighbours on one phone */
	for (int i = 0; i < 30; i++)
		lw_expect(signup(hall, id, lw_printf("邻居%d", i), lw_printf("1390000%04d", i)), 200, "报名成功");
	lw_expect(signup(hall, id, "编造的人", "13999999999"), 429, "太频繁");
	lw_resp *staff = lw_get(a, lw_printf("/activities/%lld", id));
	lw_expect(staff, 200, "已报名 30 人");
	cr_assert(lw_has(staff, "已拦截 1 次异常报名"), "%s", lw_excerpt(staff));
	/* one number into ten activities a day, not more */
	long long last = 0;
	for (int i = 0; i < 10; i++) {
		last = make_activity(a, lw_unique("系列讲座"), "", 600, true);
		lw_expect(signup(lw_client_new(), last, "赵大妈", "13512345678"), 200, "报名成功");
	}
	long long more = make_activity(a, lw_unique("系列讲座"), "", 600, true);
	lw_expect(signup(lw_client_new(), more, "赵大妈", "13512345678"), 429, "太频繁");
	lw_expect(lw_get(a, lw_printf("/activities/%lld/registrations", more)), 200, "还没有人报名");
}
