/* test_public_url.c: a server whose public address (serve --public-url) is
 * https behind a proxy: every absolute URL it builds starts with that
 * address, its cookies are Secure, and a public form counts as ours only
 * when it comes from that address, not from the address the server listens
 * on. */
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PUBLIC "https://week.example.cn"

LW_SERVER("--public-url https://Week.Example.CN:443/ --trusted-proxy 127.9.9.9", NULL)

static lw_resp *post_from(lw_client *c, const char *path, const char *body, const char *origin)
{
	const char *h[] = {lw_printf("Origin: %s", origin), NULL};
	return lw_send(c, "POST", path, body, strlen(body), h);
}

Test(public_url, absolute_urls_use_the_public_address)
{
	lw_client *c = lw_client_new();
	lw_resp *home = lw_get(c, "/");
	cr_assert_eq(home->status, 200);
	long long id = lw_id_after(home->body, "<main", "href=\"/a/");
	cr_assert_gt(id, 0, "no activity on the home page:\n%s", lw_excerpt(home));
	lw_resp *page = lw_get(c, lw_printf("/a/%lld", id));
	cr_assert(lw_has(page, lw_printf("<span class=\"url\">" PUBLIC "/a/%lld</span>", id)), "the QR's URL:\n%s", lw_excerpt(page));
	lw_resp *ics = lw_get(c, lw_printf("/a/%lld/calendar.ics", id));
	cr_assert(lw_has(ics, lw_printf("URL:" PUBLIC "/a/%lld", id)), "the feed's URL:\n%.600s", ics->body);
	cr_assert(lw_has(ics, lw_printf("UID:activity-%lld@week.example.cn", id)), "the feed's UID:\n%.600s", ics->body);
}

Test(public_url, public_forms_count_only_from_the_public_address)
{
	lw_client *c = lw_client_new();
	const char *form = "size=big&back=%2F";
	/* the listen address is not where residents are */
	lw_expect(post_from(c, "/prefs/text", form, lw_base()), 403, "安全校验失败");
	lw_expect(post_from(c, "/prefs/text", form, "http://week.example.cn"), 403, "安全校验失败");
	lw_resp *ok = post_from(c, "/prefs/text", form, PUBLIC);
	cr_assert_eq(ok->status, 303, "from the public address: %ld\n%s", ok->status, lw_excerpt(ok));
	const char *big = lw_set_cookie(ok, "lw_big");
	cr_assert(big && strstr(big, "; Secure"), "an https public address makes cookies Secure: %s", big ? big : "(none)");

	lw_resp *login = post_from(c, "/login", lw_form("username", "centre_admin", "password", lw_demo_password("centre_admin"), NULL),
				   PUBLIC);
	cr_assert_eq(login->status, 303, "login: %ld\n%s", login->status, lw_excerpt(login));
	const char *s = lw_set_cookie(login, "lw_s");
	cr_assert(s && strstr(s, "; Secure") && strstr(s, "HttpOnly"), "the session cookie: %s", s ? s : "(none)");
}

static bool log_has(const char *needle)
{
	FILE *f = fopen(lw_printf("%s/server.log", getenv("LW_HTTP_TMP")), "r");
	cr_assert(f, "no server log");
	char line[4096];
	bool found = false;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, needle) != NULL;
	fclose(f);
	return found;
}

Test(public_url, the_trusted_proxy_names_the_client_and_nobody_else_does)
{
	lw_client *proxy = lw_client_new();
	lw_client_source(proxy, "127.9.9.9");
	const char *h1[] = {"X-Real-IP: 203.0.113.7", NULL};
	cr_assert_eq(lw_send(proxy, "GET", "/healthz", NULL, 0, h1)->status, 200);
	lw_client *other = lw_client_new();
	const char *h2[] = {"X-Real-IP: 198.51.100.9", NULL};
	cr_assert_eq(lw_send(other, "GET", "/healthz", NULL, 0, h2)->status, 200);
	const char *h3[] = {"X-Real-IP: 203.0.113.7<script>", NULL};
	cr_assert_eq(lw_send(proxy, "GET", "/healthz?bad", NULL, 0, h3)->status, 400);
	usleep(200 * 1000); /* the access line is written when the answer is sent */
	cr_assert(log_has("access 203.0.113.7 GET /healthz 200"), "the proxy's X-Real-IP is the client's address");
	cr_assert(!log_has("198.51.100.9"), "a client that is not the proxy cannot name another address");
	cr_assert(log_has("access 127.9.9.9 GET /healthz 400"), "a malformed X-Real-IP is ignored");
}

/* ---- the QR of every printed form names the public address (issue 13) ---- */

/* A Host header that is neither the public address nor the listen address:
 * what a client behind a misconfigured proxy, or a forger, could send. */
#define OTHER_HOST "evil.example.org"

/* A browser reaching the server through the proxy: every request carries
 * Host: OTHER_HOST and, for a form, the public address as its Origin. Its
 * session cookie goes by hand: curl matches its jar against the Host header. */
typedef struct visitor {
	lw_client *c;
	const char *session; /* lw_s */
	const char *csrf;
} visitor;

static lw_resp *visit(visitor *v, const char *method, const char *path, const char *body)
{
	const char *h[] = {"Host: " OTHER_HOST, "Origin: " PUBLIC, v->session ? lw_printf("Cookie: lw_s=%s", v->session) : "X-No: 1",
			   NULL};
	return lw_send(v->c, method, path, body, body ? strlen(body) : 0, h);
}

static visitor visitor_signed_in(const char *username, const char *password)
{
	visitor v = {lw_client_new(), NULL, NULL};
	lw_resp *r = visit(&v, "POST", "/login", lw_form("username", username, "password", password, NULL));
	cr_assert_eq(r->status, 303, "login as %s: %ld\n%s", username, r->status, lw_excerpt(r));
	const char *s = lw_set_cookie(r, "lw_s");
	cr_assert(s, "no session cookie");
	s += strlen("lw_s=");
	v.session = lw_printf("%.*s", (int)strcspn(s, ";"), s);
	v.csrf = lw_field(visit(&v, "GET", "/admin", NULL)->body, "_csrf");
	cr_assert(v.csrf && strlen(v.csrf) == 64, "no _csrf on /admin");
	return v;
}

/* POST a form (k, v pairs, NULL-terminated) with the visitor's _csrf. */
#define visit_submit(v, path, ...) visit((v), "POST", (path), lw_form("_csrf", (v)->csrf, __VA_ARGS__))

/* The QR on the first page of a PDF response, decoded. */
static char *qr_of(const lw_resp *r, const char *what)
{
	cr_assert_eq(r->status, 200, "%s: %ld\n%s", what, r->status, lw_excerpt(r));
	char *path = lw_save(r, what, "pdf");
	lw_run(lw_printf("pdftoppm -r 150 -png -singlefile '%s' '%s-page'", path, path));
	return lw_run(lw_printf("zbarimg -q --raw '%s-page.png' 2>/dev/null", path));
}

static void assert_starts(const char *qr, const char *prefix, const char *what)
{
	cr_assert(!strncmp(qr, prefix, strlen(prefix)), "%s: the QR reads «%s», not %s…", what, qr, prefix);
	cr_assert(!strstr(qr, OTHER_HOST) && !strstr(qr, "127.0.0.1"), "%s: the QR names the Host header: %s", what, qr);
}

Test(public_url, every_qr_names_the_public_address_whatever_the_host_header)
{
	visitor centre = visitor_signed_in("centre_admin", lw_demo_password("centre_admin"));
	/* a unit of its own, its admin, and a week whose deadline is ahead */
	const char *name = lw_unique("公网区");
	lw_resp *r = visit_submit(&centre, "/admin/units", "name", name, "kind", "区", "code", lw_unique("pu"), "sort_order", "90", NULL);
	cr_assert_eq(r->status, 303, "create unit: %ld\n%s", r->status, lw_excerpt(r));
	long long unit = lw_id_after(visit(&centre, "GET", "/admin/units", NULL)->body, lw_printf("<td>%s</td>", name), "?unit=");
	cr_assert_gt(unit, 0);
	r = visit_submit(&centre, "/admin/weeks", "year", "2098", "title", "2098年测试活动周", "theme", "测试主题", "starts_on",
			 "2098-12-01", "ends_on", "2098-12-07", "deadline", "2098-12-09T23:59", "notice", "", NULL);
	cr_assert_eq(r->status, 303, "create week: %ld\n%s", r->status, lw_excerpt(r));
	long long week = lw_id_after(visit(&centre, "GET", "/admin/weeks", NULL)->body, "<tr><td>2098</td>", "/admin/weeks/");
	cr_assert_gt(week, 0);
	const char *admin = lw_unique("pua");
	lw_add_user(admin, "unit_admin", name, "public-url-pass-1");
	visitor clerk = visitor_signed_in(admin, "public-url-pass-1");
	const char *verify = PUBLIC "/verify/";

	/* the unit's 定稿: final PDF and final DOCX */
	r = visit_submit(&clerk, lw_printf("/units/%lld/report/finalise", unit), "week", lw_printf("%lld", week), NULL);
	cr_assert_eq(r->status, 303, "定稿: %ld\n%s", r->status, lw_excerpt(r));
	char *qr = qr_of(visit(&clerk, "GET", lw_printf("/units/%lld/report/final.pdf?week=%lld", unit, week), NULL), "unit-final");
	assert_starts(qr, verify, "the unit's final PDF");
	lw_resp *docx = visit(&clerk, "GET", lw_printf("/units/%lld/report/final.docx?week=%lld", unit, week), NULL);
	cr_assert_eq(docx->status, 200, "final DOCX: %ld\n%s", docx->status, lw_excerpt(docx));
	char *docx_path = lw_save(docx, "unit-final", "docx");
	lw_run(lw_printf("unzip -p '%s' word/media/qr.png > '%s.png'", docx_path, docx_path));
	char *docx_qr = lw_run(lw_printf("zbarimg -q --raw '%s.png' 2>/dev/null", docx_path));
	assert_starts(docx_qr, verify, "the unit's final DOCX");
	cr_assert_str_eq(docx_qr, qr, "the DOCX and the PDF name one address");

	/* the city's 定稿 */
	r = visit_submit(&centre, "/admin/city-form/finalise", "week", lw_printf("%lld", week), NULL);
	cr_assert_eq(r->status, 303, "city 定稿: %ld\n%s", r->status, lw_excerpt(r));
	qr = qr_of(visit(&centre, "GET", lw_printf("/admin/city-form/final.pdf?week=%lld", week), NULL), "city-final");
	assert_starts(qr, verify, "the city's final PDF");

	/* an activity's check-in poster */
	lw_resp *home = visit(&centre, "GET", "/", NULL);
	long long id = lw_id_after(home->body, "<main", "href=\"/a/");
	cr_assert_gt(id, 0, "no activity on the home page:\n%s", lw_excerpt(home));
	qr = qr_of(visit(&centre, "GET", lw_printf("/activities/%lld/poster.pdf", id), NULL), "poster");
	assert_starts(qr, lw_printf(PUBLIC "/a/%lld/checkin?k=", id), "the check-in poster");
}
