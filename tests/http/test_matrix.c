/* test_matrix.c: the authorization matrix. Every route that `learnweek routes`
 * lists, for every role (anonymous, centre admin, centre viewer, unit admin
 * and unit editor of unit A) and for a target in the role's own unit A and in
 * another unit B, gets the status its access level promises. The routes come
 * from the binary, so a new route is checked the day it is added; a path
 * parameter without a fixture below fails the test instead of being skipped.
 *
 * Routes flagged json (the API) are asked with each role's API token
 * ("Authorization: Bearer", made once per test process) and a JSON body; they
 * must answer in JSON, 401 without a token, and never take a session cookie.
 *
 * Allowed POSTs change data (a unit retired and restored, an account disabled
 * and enabled, a photo deleted, an import discarded, a token revoked), so this
 * file has its own server; the targets are accounts no test signs in with, and
 * what a POST removes is made anew by each test process (Criterion runs them
 * in parallel). */
#include "harness.h"
#include "unit_admin.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PW "matrix-pass-1"

static void add_accounts(void)
{
	lw_add_user("mx_viewer", "centre_viewer", NULL, PW);
	lw_add_user("mx_editor_a", "unit_editor", "东湖区", PW);
	lw_add_user("mx_target_a", "unit_editor", "东湖区", PW);
	lw_add_user("mx_target_b", "unit_editor", "西湖区", PW);
	/* the owners of the :token fixtures: never disabled, unlike the targets,
	 * so a token can be made for them at any time */
	lw_add_user("mx_token_a", "unit_editor", "东湖区", PW);
	lw_add_user("mx_token_b", "unit_editor", "西湖区", PW);
}

LW_SERVER("", add_accounts)

#define UNIT_A "东湖区"
#define UNIT_B "西湖区"

typedef enum who { ANON, CENTRE_ADMIN, CENTRE_VIEWER, UNIT_ADMIN, UNIT_EDITOR } who;
static const char *const who_names[] = {"anonymous", "centre_admin", "centre_viewer", "unit_admin(A)", "unit_editor(A)"};

/* where the route's target lies, seen from a unit role in unit A */
typedef enum target { T_NONE, T_OWN, T_OTHER } target;
static const char *const target_names[] = {"", " [own unit]", " [other unit]"};

/* ---- the rule under test, written out from web.h ---- */

/* Whether a signed-in role may use a route of this access level. Centre roles
 * reach every unit; unit roles only their own, and never a route whose target
 * belongs to no unit. *known is false for a level this table does not know. */
static bool may(const char *level, who w, target t, bool *known)
{
	bool centre = w == CENTRE_ADMIN || w == CENTRE_VIEWER, own = t == T_OWN;
	*known = true;
	if (!strcmp(level, "public"))
		return true;
	if (w == ANON)
		return false;
	if (!strcmp(level, "staff"))
		return true;
	if (!strcmp(level, "centre_read"))
		return centre;
	if (!strcmp(level, "centre_admin"))
		return w == CENTRE_ADMIN;
	if (!strcmp(level, "unit_read"))
		return centre || own;
	if (!strcmp(level, "unit_edit"))
		return w == CENTRE_ADMIN || (own && (w == UNIT_ADMIN || w == UNIT_EDITOR));
	if (!strcmp(level, "unit_admin"))
		return w == CENTRE_ADMIN || (own && w == UNIT_ADMIN);
	*known = false;
	return false;
}

/* ---- the routes, from the binary ---- */

/* `learnweek routes` (lw_routes). Every POST below carries a valid token
 * whatever the csrf flag, so the check under test is the role check; routes
 * flagged json are the API: a bearer token, JSON in and out. */

/* ---- path parameters ---- */

typedef struct fixture {
	const char *name;     /* ":name" in a pattern; "*" for a trailing wildcard */
	bool unit_owned;      /* the router checks the unit that owns it */
	char own[32], other[32];
} fixture;

static fixture fixtures[] = {
	{"unit", true, "", ""},
	{"account", true, "", ""},
	{"week", false, "", ""},   /* weeks belong to the organiser, not a unit */
	{"activity", true, "", ""},
	{"photo", true, "", ""},
	{"import", true, "", ""},
	{"token", true, "", ""},
	{"resource", true, "", ""},
	{"star", true, "", ""},
	{"brand", true, "", ""},
	{"case", true, "", ""},
	{"publicity", true, "", ""},
	{"attachment", true, "", ""},
	{"submission", true, "", ""},
	{"job", false, "", ""},    /* exports belong to the organiser, like weeks */
	{"*", false, "app.css", "app.css"},
};
#define NFIXTURES (sizeof fixtures / sizeof *fixtures)

static void set_fixture(const char *name, long long own, long long other)
{
	for (size_t i = 0; i < NFIXTURES; i++)
		if (!strcmp(fixtures[i].name, name)) {
			cr_assert(own > 0 && other > 0, "fixture :%s not found on the admin pages", name);
			snprintf(fixtures[i].own, sizeof fixtures[i].own, "%lld", own);
			snprintf(fixtures[i].other, sizeof fixtures[i].other, "%lld", other);
		}
}

/* Signed in by load_fixtures: the admins of units A and B, and the centre's. */
static unit_admin admin_a, admin_b, centre;

static void pause_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* A photo of this process on the activity; its id from the staff page. */
static long long new_photo(unit_admin *u, long long activity)
{
	char *name = lw_printf("%s.png", lw_unique("mx"));
	lw_resp *r = lw_upload(u->c, lw_printf("/activities/%lld/photos", activity), "photo", name, "image/png", lw_png,
			       lw_png_size);
	cr_assert_eq(r->status, 303, "photo upload: %ld\n%s", r->status, lw_excerpt(r));
	const char *page = lw_get(u->c, lw_printf("/activities/%lld", activity))->body;
	char *alt = lw_printf("\" alt=\"%s\"", name);
	for (const char *p = page; (p = strstr(p, "<img src=\"/photos/")); p++) {
		char *end;
		long long id = strtoll(p + strlen("<img src=\"/photos/"), &end, 10);
		if (!strncmp(end, alt, strlen(alt)))
			return id;
	}
	cr_assert_fail("photo %s is not on /activities/%lld", name, activity);
	return 0;
}

#define CSV_HEADER "活动名称,主办单位,协办单位,活动内容,学习主题,活动形式,参与对象,线上/线下,开始时间,结束时间," \
		   "活动地点,所在街道/乡镇,线上链接,人数上限,活动简介,有特色的活动,主办方报告的参与人数\n"

/* A pending import of this process in the admin's unit, into the 2022 week
 * (week 1), whose dates its row has (issue 12: others are refused). */
static long long new_import(unit_admin *u)
{
	char *csv = lw_printf(CSV_HEADER "%s,社区教育学院,,全民阅读,科学文化,讲座,老年人群,线下,2022-12-02 09:00,"
				     "2022-12-02 10:30,活动中心,朝阳街道,,50,简介,否,\n", lw_unique("矩阵导入"));
	lw_resp *r = NULL;
	/* the centre admin's test retires each unit for a moment (an allowed
	 * POST): an upload then is refused with 409; wait it out */
	for (int i = 0; i < 100; i++) {
		r = lw_upload(u->c, lw_printf("/units/%lld/imports?week=1", u->unit), "file", "mx.csv", "text/csv", csv, strlen(csv));
		if (!(r->status == 409 && lw_has(r, "已停用")))
			break;
		pause_ms(100);
	}
	const char *loc = lw_header(r, "Location");
	cr_assert(r->status == 303 && loc && !strncmp(loc, "/imports/", 9), "import upload: %ld %s\n%s", r->status,
		  loc ? loc : "", lw_excerpt(r));
	return atoll(loc + strlen("/imports/"));
}

/* The id after prefix that follows name on the page at list; when there is
 * none, the centre admin creates the record with form (posted to create) and
 * the id comes from the redirect. Test processes run in parallel and may each
 * create one; any of them does. Allowed POSTs of the matrix carry no fields,
 * so none of them removes these (a delete needs confirm=1). */
static long long ensure(lw_client *ca, const char *list, const char *name, const char *prefix, const char *create,
			const char *form)
{
	long long id = lw_id_after(lw_get(ca, list)->body, name, prefix);
	if (id)
		return id;
	lw_resp *r = NULL;
	/* the centre admin's test retires each unit for a moment (an allowed
	 * POST): creating in it then is refused; wait it out */
	for (int i = 0; i < 100; i++) {
		r = lw_post(ca, create, lw_printf("_csrf=%s&%s", lw_csrf(ca), form));
		if (r->status == 303 || !lw_has(r, "已停用"))
			break;
		pause_ms(100);
	}
	const char *loc = lw_header(r, "Location");
	if (r->status != 303) {
		/* another test process may have created it meanwhile */
		for (int i = 0; i < 20 && !(id = lw_id_after(lw_get(ca, list)->body, name, prefix)); i++)
			pause_ms(100);
		if (id)
			return id;
	}
	cr_assert(r->status == 303 && loc, "creating a fixture at %s: %ld\n%s", create, r->status, lw_excerpt(r));
	return strtoll(loc + strlen(prefix), NULL, 10);
}

/* A learning resource, star, brand project and 智慧助老 case in the unit. */
static void showcase_fixtures(lw_client *ca, const char *unit, long long week, long long out[4])
{
	out[0] = ensure(ca, lw_printf("/units/%s/resources?week=%lld", unit, week), "<td>mx resource</td>", "/resources/",
			lw_printf("/units/%s/resources", unit),
			lw_printf("week=%lld&kind=venue&title=mx+resource&institution=mx&address=mx", week));
	const char *showcase = lw_printf("/units/%s/showcase?week=%lld", unit, week);
	out[1] = ensure(ca, showcase, "<li>mx star", "/stars/", lw_printf("/units/%s/stars", unit),
			lw_printf("week=%lld&name=mx+star&story=mx", week));
	out[2] = ensure(ca, showcase, "<li>mx brand", "/brands/", lw_printf("/units/%s/brands", unit),
			lw_printf("week=%lld&name=mx+brand&host=mx&description=mx", week));
	long long act = ensure(ca, lw_printf("/units/%s/activities?week=%lld&q=mx+elder", unit, week), "<tbody>", "/activities/",
			       lw_printf("/units/%s/activities", unit),
			       lw_printf("week=%lld&title=mx+elder&host=mx&mode=offline&venue=mx&content=6&publish=1"
					 "&starts_at=2022-12-02T09:00&ends_at=2022-12-02T10:00", week));
	out[3] = ensure(ca, showcase, "<li>mx case", "/cases/", lw_printf("/units/%s/cases", unit),
			lw_printf("activity=%lld&title=mx+case&taught=mx&trained=1", act));
}


/* A publicity record, an attachment and a submitted version of the unit's
 * report for the week, made by the centre admin when the first process finds
 * none. Once submitted the report is read-only, so the allowed POSTs of other
 * processes (delete, return without a comment) cannot take them away.
 * ids: publicity, attachment, submission. */
static void report_fixture(lw_client *ca, long long unit, long long week, long long ids[3])
{
	const char *at = lw_printf("/units/%lld/submission?week=%lld", unit, week);
	const char *page = lw_get(ca, at)->body;
	if (!strstr(page, "<table class=\"list versions\">")) {
		lw_submit(ca, lw_printf("/units/%lld/publicity", unit), "week", lw_printf("%lld", week), "channel", "报刊",
			  "kind", "text", "title", "矩阵测试报道", NULL);
		const char *kinds[] = {"summary", "case", "scan"};
		for (int i = 0; i < 3; i++) {
			if (i == 2) /* the scan is of the 定稿 */
				lw_submit(ca, lw_printf("/units/%lld/report/finalise", unit), "week", lw_printf("%lld", week), NULL);
			const char *pdf = lw_printf("%%PDF-1.4 matrix %s", kinds[i]);
			lw_upload(ca, lw_printf("/units/%lld/attachments?week=%lld&kind=%s", unit, week, kinds[i]), "file",
				  lw_printf("%s.pdf", kinds[i]), "application/pdf", pdf, strlen(pdf));
		}
		lw_submit(ca, lw_printf("/units/%lld/submission", unit), "week", lw_printf("%lld", week), NULL);
		page = lw_get(ca, at)->body;
	}
	ids[0] = lw_id_after(lw_get(ca, lw_printf("/units/%lld/publicity?week=%lld", unit, week))->body, "<tr id=\"pub-", "");
	ids[1] = lw_id_after(page, "id=\"kind-summary\"", "/attachments/");
	ids[2] = lw_id_after(page, "<table class=\"list versions\">", "/submissions/");
}

/* The ids: what no POST removes read from the pages as the centre admin
 * sees them; what a POST may remove made for this process. Once a process. */
static void load_fixtures(void)
{
	static bool loaded;
	if (loaded)
		return;
	loaded = true;
	admin_a = demo_admin("donghu_admin");
	admin_b = demo_admin("xihu_admin");
	centre = demo_admin("centre_admin");
	lw_client *ca = centre.c;
	const char *units = lw_get(ca, "/admin/units")->body;
	set_fixture("unit", lw_id_after(units, "<td>" UNIT_A "</td>", "?unit="), lw_id_after(units, "<td>" UNIT_B "</td>", "?unit="));
	cr_assert(admin_a.unit == atoll(fixtures[0].own) && admin_b.unit == atoll(fixtures[0].other),
		  "donghu_admin and xihu_admin are not the admins of %s and %s", UNIT_A, UNIT_B);
	const char *accounts = lw_get(ca, "/admin/accounts")->body;
	set_fixture("account", lw_id_after(accounts, "<td>mx_target_a</td>", "/accounts/"),
		    lw_id_after(accounts, "<td>mx_target_b</td>", "/accounts/"));
	long long week = lw_id_after(lw_get(ca, "/admin/weeks")->body, "<td>2022</td>", "/weeks/");
	set_fixture("week", week, week);
	/* the demo gives every unit activities */
	const char *acts_a = lw_get(ca, lw_printf("/units/%lld/activities", admin_a.unit))->body;
	const char *acts_b = lw_get(ca, lw_printf("/units/%lld/activities", admin_b.unit))->body;
	long long act_a = lw_id_after(acts_a, "<tbody>", "<a href=\"/activities/");
	long long act_b = lw_id_after(acts_b, "<tbody>", "<a href=\"/activities/");
	set_fixture("activity", act_a, act_b);
	/* other test processes delete photos, discard imports and revoke tokens
	 * (allowed POSTs): this process makes its own, each by its unit's admin */
	set_fixture("photo", act_a ? new_photo(&admin_a, act_a) : 0, act_b ? new_photo(&admin_b, act_b) : 0);
	set_fixture("import", new_import(&admin_a), new_import(&admin_b));
	long long token_a, token_b;
	make_token(&admin_a, "mx_token_a", &token_a);
	make_token(&admin_b, "mx_token_b", &token_b);
	set_fixture("token", token_a, token_b);
	long long a[4], b[4];
	showcase_fixtures(ca, fixtures[0].own, week, a);
	showcase_fixtures(ca, fixtures[0].other, week, b);
	const char *names[] = {"resource", "star", "brand", "case"};
	for (int i = 0; i < 4; i++)
		set_fixture(names[i], a[i], b[i]);
	long long rep_a[3], rep_b[3];
	report_fixture(ca, admin_a.unit, week, rep_a);
	report_fixture(ca, admin_b.unit, week, rep_b);
	set_fixture("publicity", rep_a[0], rep_b[0]);
	set_fixture("attachment", rep_a[1], rep_b[1]);
	set_fixture("submission", rep_a[2], rep_b[2]);
	/* an export job of the week; a second request finds the one running */
	lw_resp *job = lw_post(ca, "/admin/exports", lw_printf("_csrf=%s&week=%lld&kind=city_xlsx", lw_csrf(ca), week));
	const char *loc = lw_header(job, "Location");
	long long job_id = loc ? strtoll(loc + strlen("/admin/exports/"), NULL, 10) : 0;
	set_fixture("job", job_id, job_id);
}

static const fixture *find_fixture(const char *name, size_t len)
{
	for (size_t i = 0; i < NFIXTURES; i++)
		if (strlen(fixtures[i].name) == len && !strncmp(fixtures[i].name, name, len))
			return &fixtures[i];
	return NULL;
}

/* The pattern with each parameter filled for target t; NULL when a parameter
 * has no fixture, its name then in *missing. *t_out: T_NONE when no
 * parameter belongs to a unit. */
static char *fill(const char *pattern, target t, target *t_out, char **missing)
{
	char *out = lw_printf("%s", "");
	*t_out = T_NONE;
	for (const char *p = pattern; *p;) {
		if (*p != ':' && *p != '*') {
			size_t n = strcspn(p, ":*");
			out = lw_printf("%s%.*s", out, (int)n, p);
			p += n;
			continue;
		}
		const char *name = *p == '*' ? p : p + 1;
		size_t len = *p == '*' ? 1 : strcspn(name, "/");
		const fixture *f = find_fixture(name, len);
		if (!f) {
			*missing = lw_printf("%.*s", (int)len, name);
			return NULL;
		}
		if (f->unit_owned)
			*t_out = t;
		out = lw_printf("%s%s", out, t == T_OTHER ? f->other : f->own);
		p = name + len;
	}
	return out;
}

static bool has_unit_param(const char *pattern)
{
	target t;
	char *missing;
	return fill(pattern, T_OWN, &t, &missing) && t != T_NONE;
}

/* ---- running it ---- */

typedef struct report {
	int checks, bad;
	char *text;
} report;

static void complain(report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void complain(report *rep, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *line = NULL;
	if (vasprintf(&line, fmt, ap) < 0)
		line = NULL;
	va_end(ap);
	rep->text = lw_printf("%s  %s\n", rep->text ? rep->text : "", line ? line : "(out of memory)");
	free(line);
	rep->bad++;
}

static const char *const users[] = {NULL, "centre_admin", "mx_viewer", "donghu_admin", "mx_editor_a"};

static lw_client *session_of(who w)
{
	lw_client *c = lw_client_new();
	if (w == ANON)
		return c;
	const char *pw = w == CENTRE_ADMIN || w == UNIT_ADMIN ? lw_demo_password(users[w]) : PW;
	lw_login_ok(c, users[w], pw);
	return c;
}

/* An API token of the role's account, made for this process by the admin of
 * its unit (the centre admin for the centre's accounts); NULL for anonymous. */
static const char *token_of(who w)
{
	if (w == ANON)
		return NULL;
	return make_token(w == CENTRE_ADMIN || w == CENTRE_VIEWER ? &centre : &admin_a, users[w], NULL);
}

static bool denied_message(const lw_resp *r)
{
	return lw_has(r, "没有权限") || lw_has(r, "无权访问");
}

static bool is_json(const lw_resp *r)
{
	const char *ct = lw_header(r, "Content-Type");
	return ct && !strncmp(ct, "application/json", 16);
}

/* {"error":"…"} with a Chinese character in it (U+4E00..U+9FFF: UTF-8 lead
 * bytes E4..E9) */
static bool chinese_error(const lw_resp *r)
{
	const char *e = r->body ? strstr(r->body, "\"error\":\"") : NULL;
	if (!e)
		return false;
	for (const unsigned char *p = (const unsigned char *)e + 9; *p && *p != '"'; p++)
		if (*p >= 0xE4 && *p <= 0xE9)
			return true;
	return false;
}

/* Compares one answer with what the rule for w says; a mismatch goes into
 * rep. how: NULL, or how the request was sent when not as w would send it. */
static void check(report *rep, who w, const lw_route *rt, const char *path, target t, const lw_resp *r, const char *how)
{
	bool known;
	bool ok = may(rt->level, w, t, &known);
	bool get = !strcmp(rt->method, "GET");
	const char *loc = lw_header(r, "Location");
	bool to_login = r->status == 303 && loc && !strncmp(loc, "/login", 6);
	/* for a failure message: where it redirected, or what the API said */
	const char *detail = loc ? loc : lw_route_flag(rt, "json") ? lw_printf("%.200s", r->body) : "";
	const char *what = lw_printf("%s %s (%s, %s%s%s%s)", rt->method, path, rt->level, who_names[w], target_names[t],
				     how ? ", " : "", how ? how : "");
	rep->checks++;
	if (!known) {
		complain(rep, "%s: access level \"%s\" is not in this test's table (may())", what, rt->level);
	} else if (lw_route_flag(rt, "json") && !is_json(r)) {
		complain(rep, "%s: an API route answered %ld %s, not JSON", what, r->status,
			 lw_header(r, "Content-Type") ? lw_header(r, "Content-Type") : "(no Content-Type)");
	} else if (ok) {
		/* allowed: the router let the request through to its handler. The
		 * handler may still refuse it for its own reasons (an empty form, a
		 * check-in without its code, an activity already over, an empty
		 * JSON object), but never with the router's own refusals, a login
		 * redirect or a server error */
		bool router_refusal = (r->status == 403 && (denied_message(r) || lw_has(r, "请先登录") ||
							     lw_has(r, "安全校验失败"))) ||
				      (lw_route_flag(rt, "json") && r->status == 401);
		if (router_refusal || to_login || r->status >= 500 || r->status == 0)
			complain(rep, "%s: allowed, but got %ld %s", what, r->status, detail);
		else if (get && !strchr(rt->pattern, ':') && !(r->status == 200 || r->status == 303 || r->status == 400 ||
								  r->status == 404))
			complain(rep, "%s: allowed, expected the page, got %ld", what, r->status);
	} else if (w == ANON && lw_route_flag(rt, "json")) {
		if (r->status != 401 || !chinese_error(r))
			complain(rep, "%s: expected 401 JSON with a Chinese \"error\", got %ld %s", what, r->status, detail);
	} else if (w == ANON && get) {
		if (!to_login || strncmp(loc, "/login?next=", 12))
			complain(rep, "%s: expected 303 to /login?next=..., got %ld %s", what, r->status, loc ? loc : "");
	} else if (w == ANON) {
		if (r->status != 403 || !lw_has(r, "请先登录"))
			complain(rep, "%s: expected 403 请先登录, got %ld", what, r->status);
	} else if (r->status != 403 || !denied_message(r)) {
		complain(rep, "%s: expected 403 with 没有权限/无权访问, got %ld %s", what, r->status, detail);
	}
}

static void run_matrix(who w)
{
	lw_route *routes;
	int n = lw_routes(&routes);
	load_fixtures();
	lw_client *c = session_of(w);
	const char *token = token_of(w);
	lw_client *api = lw_client_new(); /* no session: the API never reads cookies */
	report rep = {0};
	for (int i = 0; i < n; i++) {
		const lw_route *rt = &routes[i];
		bool get = !strcmp(rt->method, "GET");
		/* a logout ends the session it is sent with: give it one of its own */
		bool ends_session = !strcmp(rt->pattern, "/logout");
		const target targets[] = {T_OWN, T_OTHER};
		int nt = has_unit_param(rt->pattern) ? 2 : 1;
		for (int k = 0; k < nt; k++) {
			target t;
			char *missing = NULL;
			char *path = fill(rt->pattern, targets[k], &t, &missing);
			if (!path) {
				complain(&rep, "%s %s: no fixture for :%s; add one to fixtures[] in %s", rt->method, rt->pattern,
					 missing, __FILE__);
				break;
			}
			lw_client *use = ends_session ? session_of(w) : c;
			lw_resp *r;
			if (lw_route_flag(rt, "json")) {
				/* "{}": the handler may refuse it, the router must not */
				r = lw_json(api, token, rt->method, path, get ? NULL : "{}");
			} else {
				char *body = get ? NULL : lw_printf("_csrf=%s", lw_csrf(use));
				r = get ? lw_get(use, path) : lw_send(use, rt->method, path, body, strlen(body), NULL);
			}
			if (r->status == 0)
				complain(&rep, "%s %s: no answer: %s", rt->method, path, r->error);
			else
				check(&rep, w, rt, path, t, r, NULL);
			if (lw_route_flag(rt, "json") && w != ANON) {
				/* the signed-in browser, without a token: to the API it
				 * is nobody, or a page could act through it (no CSRF) */
				r = lw_json(c, NULL, rt->method, path, get ? NULL : "{}");
				check(&rep, ANON, rt, path, t, r, lw_printf("%s's session cookie, no token", who_names[w]));
			}
		}
	}
	if (w != ANON) {
		lw_resp *still = lw_get(c, "/admin");
		if (still->status != 200)
			complain(&rep, "the %s session ended during the matrix (GET /admin: %ld)", who_names[w], still->status);
	}
	lw_assert_alive();
	cr_assert_eq(rep.bad, 0, "%s: %d of %d checks failed:\n%s", who_names[w], rep.bad, rep.checks, rep.text);
	cr_log_info("%s: %d route checks passed", who_names[w], rep.checks);
}

Test(matrix, anonymous)
{
	run_matrix(ANON);
}

Test(matrix, centre_admin)
{
	run_matrix(CENTRE_ADMIN);
}

Test(matrix, centre_viewer)
{
	run_matrix(CENTRE_VIEWER);
}

Test(matrix, unit_admin_of_a)
{
	run_matrix(UNIT_ADMIN);
}

Test(matrix, unit_editor_of_a)
{
	run_matrix(UNIT_EDITOR);
}

Test(matrix, a_parameter_without_fixture_is_reported)
{
	/* the guard that keeps a new kind of path parameter from being skipped */
	target t;
	char *missing = NULL;
	cr_assert_null(fill("/units/:unit/gadgets/:gadget", T_OWN, &t, &missing));
	cr_assert_str_eq(missing, "gadget");
	char *path = fill("/units/:unit/accounts", T_OTHER, &t, &missing);
	cr_assert(path && t == T_OTHER);
	bool known;
	may("unit_superuser", CENTRE_ADMIN, T_OWN, &known);
	cr_assert_not(known, "an unknown access level must not pass as allowed or denied");
}

Test(matrix, every_listed_route_answers_with_its_method)
{
	/* the listing and the server agree: a listed GET route is not 404/405 */
	lw_route *routes;
	int n = lw_routes(&routes);
	load_fixtures();
	lw_client *ca = session_of(CENTRE_ADMIN);
	for (int i = 0; i < n; i++) {
		if (strcmp(routes[i].method, "GET"))
			continue;
		target t;
		char *missing = NULL;
		char *path = fill(routes[i].pattern, T_OWN, &t, &missing);
		cr_assert(path, "%s: no fixture for :%s", routes[i].pattern, missing);
		lw_resp *r = lw_get(ca, path);
		/* the router's own 404 (no such route) and 405; a handler may answer
		 * 404 for what it cannot find (e.g. /signup/cancel without its token) */
		cr_assert(!(r->status == 404 && lw_has(r, "网址可能有误")) && r->status != 405, "GET %s: %ld", path, r->status);
	}
}
