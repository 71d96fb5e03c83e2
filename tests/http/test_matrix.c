/* test_matrix.c: the authorization matrix. Every route that `learnweek routes`
 * lists, for every role (anonymous, centre admin, centre viewer, unit admin
 * and unit editor of unit A) and for a target in the role's own unit A and in
 * another unit B, gets the status its access level promises. The routes come
 * from the binary, so a new route is checked the day it is added; a path
 * parameter without a fixture below fails the test instead of being skipped.
 *
 * Allowed POSTs change data (a unit retired and restored, an account disabled
 * and enabled), so this file has its own server; the targets are accounts no
 * test signs in with. */
#include "harness.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PW "matrix-pass-1"

static void add_accounts(void)
{
	lw_add_user("mx_viewer", "centre_viewer", NULL, PW);
	lw_add_user("mx_editor_a", "unit_editor", "东湖区", PW);
	lw_add_user("mx_target_a", "unit_editor", "东湖区", PW);
	lw_add_user("mx_target_b", "unit_editor", "西湖区", PW);
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

/* `learnweek routes`: method, pattern, access level, params, csrf flag,
 * summary, tab-separated. Every POST below carries a valid token whatever
 * the flag, so the check under test is the role check. */
typedef struct route_line {
	const char *method, *pattern, *level;
} route_line;

#define MAX_ROUTES 256

static int load_routes(route_line **out)
{
	static route_line v[MAX_ROUTES];
	char *text;
	int rc = lw_cli(&text, "routes", (char *)NULL);
	cr_assert_eq(rc, 0, "learnweek routes exited %d:\n%s", rc, text);
	int n = 0;
	for (char *save = NULL, *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[6] = {0};
		char *p = line;
		for (int i = 0; i < 6 && p; i++) {
			f[i] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = 0;
		}
		cr_assert(f[5], "a line of `learnweek routes` has fewer than 6 fields: %s", line);
		cr_assert(n < MAX_ROUTES, "more than %d routes: raise MAX_ROUTES", MAX_ROUTES);
		v[n++] = (route_line){f[0], f[1], f[2]};
	}
	cr_assert_gt(n, 30, "only %d routes listed", n);
	*out = v;
	return n;
}

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
	{"publicity", true, "", ""},
	{"attachment", true, "", ""},
	{"submission", true, "", ""},
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

/* A publicity record, an attachment and a submitted version of unit's report,
 * made by the centre admin when the first test process finds none. Once
 * submitted, the report is read-only: the allowed POSTs of other processes
 * (delete, return without a comment) cannot take them away. ids: publicity,
 * attachment, submission. */
static void report_fixture(lw_client *ca, const char *unit, const char *week, long long ids[3])
{
	const char *at = lw_printf("/units/%s/submission?week=%s", unit, week);
	const char *page = lw_get(ca, at)->body;
	if (!strstr(page, "<table class=\"list versions\">")) {
		lw_submit(ca, lw_printf("/units/%s/publicity", unit), "week", week, "channel", "报刊", "kind", "text", "title", "矩阵测试报道", NULL);
		const char *kinds[] = {"summary", "case", "scan"};
		const char *ct[] = {"Content-Type: multipart/form-data; boundary=mxb", NULL};
		for (int i = 0; i < 3; i++) {
			const char *body = lw_printf("--mxb\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n%s\r\n"
						     "--mxb\r\nContent-Disposition: form-data; name=\"week\"\r\n\r\n%s\r\n"
						     "--mxb\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n%s\r\n"
						     "--mxb\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s.pdf\"\r\n\r\n"
						     "%%PDF-1.4 matrix %s\r\n--mxb--\r\n", lw_csrf(ca), week, kinds[i], kinds[i], kinds[i]);
			lw_send(ca, "POST", lw_printf("/units/%s/attachments", unit), body, strlen(body), ct);
		}
		lw_submit(ca, lw_printf("/units/%s/submission", unit), "week", week, NULL);
		page = lw_get(ca, at)->body;
	}
	ids[0] = lw_id_after(lw_get(ca, lw_printf("/units/%s/publicity?week=%s", unit, week))->body, "<tr id=\"pub-", "");
	ids[1] = lw_id_after(page, "id=\"kind-summary\"", "/attachments/");
	ids[2] = lw_id_after(page, "<table class=\"list versions\">", "/submissions/");
}

/* The ids, read from the pages as the centre admin sees them. */
static void load_fixtures(void)
{
	lw_client *ca = lw_client_new();
	lw_login_ok(ca, "centre_admin", lw_demo_password("centre_admin"));
	const char *units = lw_get(ca, "/admin/units")->body;
	set_fixture("unit", lw_id_after(units, "<td>" UNIT_A "</td>", "?unit="), lw_id_after(units, "<td>" UNIT_B "</td>", "?unit="));
	const char *accounts = lw_get(ca, "/admin/accounts")->body;
	set_fixture("account", lw_id_after(accounts, "<td>mx_target_a</td>", "/accounts/"),
		    lw_id_after(accounts, "<td>mx_target_b</td>", "/accounts/"));
	long long week = lw_id_after(lw_get(ca, "/admin/weeks")->body, "<td>2022</td>", "/weeks/");
	set_fixture("week", week, week);
	/* the demo gives every unit activities, and photos to some of them */
	const char *acts_a = lw_get(ca, lw_printf("/units/%s/activities", fixtures[0].own))->body;
	const char *acts_b = lw_get(ca, lw_printf("/units/%s/activities", fixtures[0].other))->body;
	long long act_a = lw_id_after(acts_a, "<tbody>", "<a href=\"/activities/");
	long long act_b = lw_id_after(acts_b, "<tbody>", "<a href=\"/activities/");
	set_fixture("activity", act_a, act_b);
	/* other test processes may delete a photo (an allowed POST): take the
	 * first activity of each unit that still has one */
	long long photo[2] = {0, 0};
	const char *lists[2] = {acts_a, acts_b};
	for (int k = 0; k < 2; k++)
		for (const char *p = strstr(lists[k], "<tbody>"); p && !photo[k]; p++) {
			p = strstr(p, "<a href=\"/activities/");
			if (!p)
				break;
			long long act = strtoll(p + strlen("<a href=\"/activities/"), NULL, 10);
			photo[k] = lw_id_after(lw_get(ca, lw_printf("/activities/%lld", act))->body, "class=\"photos\"", "/photos/");
		}
	set_fixture("photo", photo[0], photo[1]);
	long long rep[2][3];
	report_fixture(ca, fixtures[0].own, fixtures[2].own, rep[0]);
	report_fixture(ca, fixtures[0].other, fixtures[2].own, rep[1]);
	set_fixture("publicity", rep[0][0], rep[1][0]);
	set_fixture("attachment", rep[0][1], rep[1][1]);
	set_fixture("submission", rep[0][2], rep[1][2]);
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

static lw_client *session_of(who w)
{
	static const char *const users[] = {NULL, "centre_admin", "mx_viewer", "donghu_admin", "mx_editor_a"};
	lw_client *c = lw_client_new();
	if (w == ANON)
		return c;
	const char *pw = w == CENTRE_ADMIN || w == UNIT_ADMIN ? lw_demo_password(users[w]) : PW;
	lw_login_ok(c, users[w], pw);
	return c;
}

static bool denied_message(const lw_resp *r)
{
	return lw_has(r, "没有权限") || lw_has(r, "无权访问");
}

/* Compares one answer with what the rule says; a mismatch goes into rep. */
static void check(report *rep, who w, const route_line *rt, const char *path, target t, const lw_resp *r)
{
	bool known;
	bool ok = may(rt->level, w, t, &known);
	bool get = !strcmp(rt->method, "GET");
	const char *loc = lw_header(r, "Location");
	bool to_login = r->status == 303 && loc && !strncmp(loc, "/login", 6);
	const char *what = lw_printf("%s %s (%s, %s%s)", rt->method, path, rt->level, who_names[w], target_names[t]);
	rep->checks++;
	if (!known) {
		complain(rep, "%s: access level \"%s\" is not in this test's table (may())", what, rt->level);
	} else if (ok) {
		/* allowed: the router let the request through to its handler. The
		 * handler may still refuse it for its own reasons (an empty form, a
		 * check-in without its code, an activity already over), but never
		 * with the router's own refusals, a login redirect or a server error */
		bool router_refusal = r->status == 403 && (denied_message(r) || lw_has(r, "请先登录") || lw_has(r, "安全校验失败"));
		if (router_refusal || to_login || r->status >= 500 || r->status == 0)
			complain(rep, "%s: allowed, but got %ld %s", what, r->status, loc ? loc : "");
		else if (get && !strchr(rt->pattern, ':') && !(r->status == 200 || r->status == 303 || r->status == 400 ||
								  r->status == 404))
			complain(rep, "%s: allowed, expected the page, got %ld", what, r->status);
	} else if (w == ANON && get) {
		if (!to_login || strncmp(loc, "/login?next=", 12))
			complain(rep, "%s: expected 303 to /login?next=..., got %ld %s", what, r->status, loc ? loc : "");
	} else if (w == ANON) {
		if (r->status != 403 || !lw_has(r, "请先登录"))
			complain(rep, "%s: expected 403 请先登录, got %ld", what, r->status);
	} else if (r->status != 403 || !denied_message(r)) {
		complain(rep, "%s: expected 403 with 没有权限/无权访问, got %ld %s", what, r->status, loc ? loc : "");
	}
}

static void run_matrix(who w)
{
	route_line *routes;
	int n = load_routes(&routes);
	load_fixtures();
	lw_client *c = session_of(w);
	report rep = {0};
	for (int i = 0; i < n; i++) {
		const route_line *rt = &routes[i];
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
			char *body = get ? NULL : lw_printf("_csrf=%s", lw_csrf(use));
			lw_resp *r = get ? lw_get(use, path) : lw_send(use, rt->method, path, body, strlen(body), NULL);
			if (r->status == 0)
				complain(&rep, "%s %s: no answer: %s", rt->method, path, r->error);
			else
				check(&rep, w, rt, path, t, r);
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
	route_line *routes;
	int n = load_routes(&routes);
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
