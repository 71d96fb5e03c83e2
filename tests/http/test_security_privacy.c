/* test_security_privacy.c: personal data and revoked credentials.
 * A resident's phone number (from a sign-up) and a resource's booking phone
 * never appear in full on a public page, in a calendar feed, in the centre's
 * pages or its audit log, or in the server's log, even when a client puts the
 * number in a query string; only the admin of the owning unit sees them.
 * A revoked API token fails at once on every API route, on the very
 * connection it was just used on (test_api.c has the token's lifecycle). */
#include "test_security.h"

LW_SERVER("", NULL)

#define RESIDENT_PHONE "13912345678"
#define BOOKING_PHONE "13987654321"

/* the digits in any of the ways a page might group them */
static void no_phone(const lw_resp *r, const char *what, const char *phone)
{
	cr_assert(r->status == 200, "%s: %ld", what, r->status);
	const char *forms[] = {phone, lw_printf("%.3s %.4s %.4s", phone, phone + 3, phone + 7),
			       lw_printf("%.3s-%.4s-%.4s", phone, phone + 3, phone + 7)};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
		cr_assert(!lw_has(r, forms[i]), "%s shows the full number %s", what, forms[i]);
}

static char *server_log(void)
{
	return sec_run(lw_printf("cat '%s/server.log'", getenv("LW_HTTP_TMP")));
}

Test(security_privacy, phone_numbers_stay_out_of_public_pages_feeds_centre_pages_and_the_log)
{
	fx f = fixture(2099);
	const char *w = lw_printf("%lld", f.week);
	lw_resp *r = lw_submit(f.admin, lw_printf("/units/%lld/activities", f.unit), "week", w, "title", "隐私测试讲座", "host", "学院",
			       "mode", "offline", "venue", "礼堂", "content", "1", "capacity", "30", "publish", "1",
			       "starts_at", "2099-12-02T09:00", "ends_at", "2099-12-02T10:00", NULL);
	long long act = sec_loc_id(r, "/activities/");
	cr_assert_gt(act, 0, "%ld\n%s", r->status, lw_excerpt(r));
	r = lw_submit(f.admin, lw_printf("/units/%lld/resources", f.unit), "week", w, "kind", "venue", "title", "隐私测试教室",
		      "institution", "学院", "address", "一楼", "booking_phone", BOOKING_PHONE, "status", "open", NULL);
	long long res = sec_loc_id(r, "/resources/");
	cr_assert_gt(res, 0, "%ld\n%s", r->status, lw_excerpt(r));

	lw_client *resident = lw_client_new();
	r = lw_submit(resident, lw_printf("/a/%lld/signup", act), "name", "王小明", "phone", RESIDENT_PHONE, NULL);
	lw_expect(r, 200, "报名成功");
	no_phone(r, "the sign-up confirmation", RESIDENT_PHONE);
	/* a client that puts the number in a URL: it must not reach the log */
	lw_get(resident, lw_printf("/a/%lld?phone=%s", act, RESIDENT_PHONE));
	lw_get(resident, lw_printf("/weeks/%lld?q=%s", f.week, RESIDENT_PHONE));

	lw_client *anon = lw_client_new();
	const char *pub[] = {"/", lw_printf("/weeks/%lld", f.week), lw_printf("/weeks/%lld?unit=%lld", f.week, f.unit),
			     lw_printf("/a/%lld", act), lw_printf("/a/%lld/signup", act), lw_printf("/a/%lld/calendar.ics", act),
			     lw_printf("/calendar.ics?unit=%lld", f.unit), "/calendar.ics", lw_printf("/resources?week=%lld", f.week),
			     lw_printf("/resources/%lld", res), lw_printf("/showcase?week=%lld", f.week), lw_printf("/cases?week=%lld", f.week)};
	for (size_t i = 0; i < sizeof pub / sizeof *pub; i++) {
		lw_resp *p = lw_get(anon, pub[i]);
		no_phone(p, pub[i], RESIDENT_PHONE);
		no_phone(p, pub[i], BOOKING_PHONE);
	}
	/* the centre sees counts and masked numbers, not the residents' phones */
	const char *centre_pages[] = {lw_printf("/admin/audit?unit=%lld", f.unit), "/admin/audit",
				      lw_printf("/activities/%lld/registrations", act), lw_printf("/admin/resources?week=%lld", f.week),
				      lw_printf("/units/%lld/resources?week=%lld", f.unit, f.week)};
	for (size_t i = 0; i < sizeof centre_pages / sizeof *centre_pages; i++) {
		lw_resp *p = lw_get(f.centre, centre_pages[i]);
		no_phone(p, centre_pages[i], RESIDENT_PHONE);
		no_phone(p, centre_pages[i], BOOKING_PHONE);
	}
	lw_resp *audit = lw_get(f.centre, lw_printf("/admin/audit?unit=%lld", f.unit));
	cr_assert(lw_has(audit, "139****5678"), "the audit log shows the masked number:\n%s", lw_excerpt(audit));
	/* the unit's own admin sees them in full: the data is there, and kept
	 * from the others on purpose */
	cr_assert(lw_has(lw_get(f.admin, lw_printf("/activities/%lld/registrations", act)), RESIDENT_PHONE),
		  "the unit admin does not see the resident's number");
	cr_assert(lw_has(lw_get(f.admin, lw_printf("/resources/%lld/edit", res)), BOOKING_PHONE),
		  "the unit admin does not see the booking number");
	/* the API gives no phone either */
	unit_admin ua = {f.admin, f.unit};
	const char *tok = make_token(&ua, f.admin_name, NULL);
	lw_resp *j = lw_json(lw_client_new(), tok, "GET", lw_printf("/api/v1/activities/%lld", act), NULL);
	cr_assert_eq(j->status, 200);
	cr_assert(!lw_has(j, RESIDENT_PHONE), "the API shows a resident's number");

	char *log = server_log();
	cr_assert(!strstr(log, RESIDENT_PHONE) && !strstr(log, BOOKING_PHONE), "the server log holds a full phone number");
	cr_assert(strstr(log, lw_printf("/a/%lld", act)), "the log has the requests (so the check above means something)");
}

Test(security_privacy, revoked_token_fails_at_once_on_every_api_route_and_the_same_connection)
{
	fx f = fixture(2099);
	unit_admin ua = {f.admin, f.unit};
	long long tid;
	const char *tok = make_token(&ua, f.admin_name, &tid);
	lw_client *api = lw_client_new(); /* one curl handle: one kept-alive connection */
	const char *body = lw_printf("{\"title\":\"令牌测试\",\"host\":\"学院\",\"mode\":\"线下\",\"venue\":\"礼堂\",\"content\":[6],"
				     "\"starts_at\":\"2099-12-02T09:00\",\"ends_at\":\"2099-12-02T10:00\",\"year\":2099}");
	lw_resp *c = lw_json(api, tok, "POST", "/api/v1/activities", body);
	cr_assert_eq(c->status, 201, "%s", c->body);
	const char *loc = lw_header(c, "Location");
	cr_assert_not_null(loc);
	cr_assert_eq(lw_json(api, tok, "GET", loc, NULL)->status, 200);
	cr_assert_eq(lw_submit(f.admin, lw_printf("/tokens/%lld/revoke", tid), NULL)->status, 303);
	/* the unit's own activities: other tests write theirs into the same server meanwhile */
	const char *mine = lw_printf("SELECT count(*) FROM activities WHERE unit_id = %lld", f.unit);
	long long before = sec_int(mine);
	struct {
		const char *method, *path, *json;
	} calls[] = {{"GET", "/api/v1/activities", NULL}, {"GET", loc, NULL}, {"PUT", loc, "{\"title\":\"撤销后改名\"}"},
		     {"POST", "/api/v1/activities", body}};
	for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
		lw_resp *r = lw_json(api, tok, calls[i].method, calls[i].path, calls[i].json);
		cr_assert_eq(r->status, 401, "%s %s after revoking: %ld %s", calls[i].method, calls[i].path, r->status, r->body);
	}
	cr_assert_eq(sec_int(mine), before, "a revoked token wrote");
	cr_assert_eq(sec_int(lw_printf("SELECT count(*) FROM activities WHERE title = '撤销后改名'")), 0, "a revoked token renamed");
}
