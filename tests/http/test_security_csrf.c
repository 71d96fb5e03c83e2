/* test_security_csrf.c: CSRF on every state-changing route, from the route
 * table. Every route that `learnweek routes` flags csrf and that is not a GET
 * is sent, by a signed-in centre admin (allowed everywhere, so the only thing
 * that can refuse is the token), with its declared fields and a real record
 * for each path parameter, but with the token missing, malformed, made up,
 * another session's, or a visitor's from before login; upload routes get a
 * multipart body with a real picture. Each must answer 403 安全校验失败, and
 * afterwards the database (every table but the sessions) and the file store
 * are exactly as they were, with nothing left in files/tmp.
 *
 * Routes flagged no-csrf must be JSON API routes (bearer token only, which a
 * browser never sends by itself); test_matrix.c checks that a session cookie
 * alone gets nothing from them.
 *
 * One test in this binary, so nothing else writes while it compares. */
#include "test_security.h"

LW_SERVER("", NULL)

/* A form body: each declared field with a harmless value, then the token. */
static char *form_body(const lw_route *rt, const char *token)
{
	char *body = lw_printf("%s", "");
	char *params = lw_printf("%s", rt->params);
	for (char *save = NULL, *k = strtok_r(params, ",", &save); k; k = strtok_r(NULL, ",", &save))
		body = lw_printf("%s%s%s=1", body, *body ? "&" : "", k);
	if (token)
		body = lw_printf("%s%s_csrf=%s", body, *body ? "&" : "", token);
	return body;
}

/* A multipart body: the declared fields, a PNG under every file field name
 * the upload forms use, and the token if any. */
static lw_resp *multipart_post(lw_client *c, const char *path, const lw_route *rt, const char *token)
{
	bytes b = {0};
	if (token) {
		puts_(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n");
		puts_(&b, token);
		puts_(&b, "\r\n");
	}
	char *params = lw_printf("%s", rt->params);
	for (char *save = NULL, *k = strtok_r(params, ",", &save); k; k = strtok_r(NULL, ",", &save))
		puts_(&b, lw_printf("--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n1\r\n", k));
	const char *fields[] = {"file", "photo", "screenshot"};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		puts_(&b, lw_printf("--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"csrf.png\"\r\n"
				    "Content-Type: image/png\r\n\r\n", fields[i]));
		put(&b, lw_png, lw_png_size);
		puts_(&b, "\r\n");
	}
	puts_(&b, "--" BOUNDARY "--\r\n");
	const char *h[] = {"Content-Type: multipart/form-data; boundary=" BOUNDARY, NULL};
	lw_resp *r = lw_send(c, rt->method, path, b.p, b.len, h);
	free(b.p);
	return r;
}

Test(security_csrf, every_post_route_refuses_a_missing_or_wrong_token_and_writes_nothing, .timeout = 600)
{
	fx f = fixture(2099);
	sec_ids ids[32];
	int nids = sec_make_records(&f, ids);
	lw_route *routes;
	int n = lw_routes(&routes);

	lw_client *c = f.centre;
	lw_client *other = lw_signed_in("cso", "centre_admin", NULL, PW, NULL);
	const char *bad[][2] = {
		{"no token", NULL},
		{"an empty token", ""},
		{"a malformed token", "not-a-token"},
		{"a made-up token", lw_printf("%064d", 7)},
		{"another session's token", lw_csrf(other)},
	};
	const size_t nbad = sizeof bad / sizeof *bad;
	lw_csrf(c); /* fetch the page that carries it before taking the picture */

	char *before = sec_state();
	int checked = 0, uploads = 0, origins = 0;
	char *problems = lw_printf("%s", "");
	for (int i = 0; i < n; i++) {
		const lw_route *rt = &routes[i];
		if (!strcmp(rt->method, "GET"))
			continue;
		if (lw_route_flag(rt, "origin")) {
			/* a public form: anyone may send it, but only from our pages */
			char *path = sec_fill(rt->pattern, ids, nids, NULL);
			const char *from[] = {"Origin: http://evil.example", "Sec-Fetch-Site: cross-site", "Origin:"};
			for (size_t k = 0; path && k < sizeof from / sizeof *from; k++) {
				const char *h[] = {from[k], NULL};
				lw_resp *r = lw_send(c, rt->method, path, form_body(rt, NULL), strlen(form_body(rt, NULL)), h);
				if (r->status != 403 || !lw_has(r, "安全校验失败"))
					problems = lw_printf("%s  %s %s from %s: %ld, not 403 安全校验失败\n", problems, rt->method, path,
							     from[k], r->status);
			}
			origins += path != NULL;
			continue;
		}
		if (lw_route_flag(rt, "no-csrf")) {
			if (!lw_route_flag(rt, "json"))
				problems = lw_printf("%s  %s %s: exempt from CSRF but not a bearer-token JSON route\n", problems,
						     rt->method, rt->pattern);
			continue;
		}
		char *missing = NULL;
		char *path = sec_fill(rt->pattern, ids, nids, &missing);
		if (!path) {
			problems = lw_printf("%s  %s %s: no record for :%s (add it to sec_make_records)\n", problems, rt->method,
					     rt->pattern, missing);
			continue;
		}
		bool upload = lw_route_flag(rt, "upload");
		for (size_t k = 0; k < nbad; k++) {
			/* a logout must not end the session the sweep goes on with */
			lw_resp *r = upload ? multipart_post(c, path, rt, bad[k][1])
					    : lw_send(c, rt->method, path, form_body(rt, bad[k][1]), strlen(form_body(rt, bad[k][1])), NULL);
			if (r->status != 403 || !lw_has(r, "安全校验失败"))
				problems = lw_printf("%s  %s %s with %s: %ld, not 403 安全校验失败\n", problems, rt->method, path,
						     bad[k][0], r->status);
		}
		checked++;
		uploads += upload;
	}
	char *after = sec_state();
	cr_assert_str_empty(problems, "%s", problems);
	cr_assert(!strcmp(before, after), "a refused request changed the data:\n%s", sec_first_diff(before, after));
	cr_assert(sec_tmp_drains(), "files/tmp keeps %d file(s) of refused uploads", sec_tmp_files());
	/* the session the sweep used is still there: the refusals changed nothing */
	lw_expect(lw_get(c, "/admin"), 200, "");
	cr_assert_gt(checked, 60, "only %d routes checked", checked);
	cr_assert_geq(origins, 6, "only %d public forms checked", origins);
	cr_log_info("%d state-changing routes (%d of them uploads) x %zu bad tokens: all 403, nothing written", checked, uploads,
		    nbad);
	lw_assert_alive();
}
