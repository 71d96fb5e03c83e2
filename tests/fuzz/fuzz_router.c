/* fuzz_router.c: libFuzzer target for everything a client sends: the input is
 * split into method, URI, Content-Type, Cookie and body, turned into our own
 * req, and dispatched through router_handle() against a demo database. This
 * reaches the strict URL decoding, the form parser, the cookie parser, path
 * parameters, the CSRF and role checks and every handler behind them.
 *
 * Signed-in requests: in the cookie and body, @S1@ and @C1@ become the
 * session cookie value and CSRF token of the centre admin, @S2@ and @C2@
 * those of 东湖区's unit admin, so seeds reach the staff pages and their
 * forms (tests/fuzz/corpus/fuzz_router). */
#include "fuzz_demo.h"
#include <stdint.h>

static db *D;
static char dir[256];
static char s1[65], c1[65], s2[65], c2[65];
static const char *subs[8];
#define NOW 1670000000LL /* fuzz_req's time: 2022-12-02, in the demo week */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	D = fuzz_demo("router", dir, sizeof dir, NULL, 0);
	if (!fuzz_session(D, "centre_admin", NOW, s1, c1) || !fuzz_session(D, "donghu_admin", NOW, s2, c2))
		abort();
	const char *v[8] = {"@S1@", s1, "@C1@", c1, "@S2@", s2, "@C2@", c2};
	memcpy(subs, v, sizeof v);
	return 0;
}

/* input: METHOD \n URI \n CONTENT-TYPE \n COOKIE \n BODY */
static const char *field(const uint8_t **p, const uint8_t *end, arena *a)
{
	const uint8_t *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
	if (!nl)
		nl = end;
	*p = nl < end ? nl + 1 : end;
	return arena_strndup(a, (const char *)s, (size_t)(nl - s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena a = {0};
	const uint8_t *p = data, *end = data + size;
	const char *method = field(&p, end, &a), *uri = field(&p, end, &a);
	const char *ctype = field(&p, end, &a), *cookie_in = field(&p, end, &a);
	buf ck = BUF_INIT, body = BUF_INIT;
	fuzz_expand(&ck, cookie_in, strlen(cookie_in), subs, 4);
	const char *cookie = arena_strdup(&a, buf_cstr(&ck));
	buf_free(&ck);
	fuzz_expand(&body, (const char *)p, (size_t)(end - p), subs, 4);
	req r;
	resp w = {0};
	kv hdr[2] = {{"Cookie", cookie}, {"Content-Type", ctype}};
	fuzz_req(&r, &a, D, !strcmp(method, "POST") ? M_POST : !strcmp(method, "PUT") ? M_PUT : M_GET, uri, &body, hdr, 2);
	/* writes may happen (a valid CSRF token is unlikely but possible): they
	 * only grow the demo database */
	router_handle(&r, &w);
	resp_stream_drain(&w);
	/* an input may have signed out, changed a password or disabled an
	 * account: sign in again, so later inputs keep reaching the staff pages */
	if (!fuzz_session_ok(D, NOW, s1, c1))
		fuzz_session(D, "centre_admin", NOW, s1, c1);
	if (!fuzz_session_ok(D, NOW, s2, c2))
		fuzz_session(D, "donghu_admin", NOW, s2, c2);
	buf_free(&w.body);
	buf_free(&body);
	arena_free(&a);
	return 0;
}
