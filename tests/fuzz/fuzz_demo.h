/* fuzz_demo.h: what every fuzz target starts from: a demo data folder (the
 * 2022 week, 13 units, demo accounts) in a new temp folder under $TMPDIR,
 * and the server configuration the pages read. */
#ifndef LW_FUZZ_DEMO_H
#define LW_FUZZ_DEMO_H
#include "web/router.h"
#include "web/http.h"
#include "web/session.h"
#include "db/datadir.h"
#include "domain/demo.h"
#include "core/log.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Makes $TMPDIR/lw-fuzz-TAG-XXXXXX/data with the demo in it; dir gets that
 * path and top (if not NULL) the folder above it. Aborts on failure. */
static inline db *fuzz_demo(const char *tag, char *dir, size_t dirsize, char *top, size_t topsize)
{
	setenv("LEARNWEEK_FAST_HASH", "1", 1);
	log_quiet = 1;
	const char *t = getenv("TMPDIR");
	snprintf(dir, dirsize, "%s/lw-fuzz-%s-XXXXXX", t && *t ? t : "/tmp", tag);
	if (!mkdtemp(dir) || strlen(dir) + 6 > dirsize)
		abort();
	if (top)
		snprintf(top, topsize, "%s", dir);
	strcat(dir, "/data");
	db *d = datadir_create(dir, "南昌市", "南昌市社区教育指导中心");
	arena a = {0};
	FILE *devnull = fopen("/dev/null", "w");
	if (!d || !devnull || demo_seed(d, &a, devnull, dir, (now_utc() + SHANGHAI_OFFSET) / 86400 - 2, "http://127.0.0.1:8080") < 0)
		abort();
	fclose(devnull);
	arena_free(&a);
	cfg.data_dir = dir;
	cfg.city = "南昌市";
	memset(cfg.secret, 7, sizeof cfg.secret);
	return d;
}

/* A request as the server hands it to router_handle(). */
static inline void fuzz_req(req *r, arena *a, db *d, int method, const char *uri, buf *body, kv *hdr, int nhdr)
{
	memset(r, 0, sizeof *r);
	r->a = a;
	r->db = d;
	r->method = method;
	r->raw_uri = uri;
	r->address = "127.0.0.1";
	r->now = 1670000000;
	r->body = body;
	r->headers = hdr;
	r->nheaders = nhdr;
	for (int i = 0; i < nhdr; i++)
		if (!strcmp(hdr[i].k, "Content-Type"))
			r->content_type = hdr[i].v;
}

/* Whether the session with cookie value tok still signs someone in at now;
 * its CSRF token into csrf (65 bytes) if so. */
static inline bool fuzz_session_ok(db *d, long long now, const char *tok, char *csrf)
{
	arena a = {0};
	kv hdr[1] = {{"Cookie", arena_printf(&a, COOKIE_SESSION "=%s", tok)}};
	req r = {.a = &a, .db = d, .address = "127.0.0.1", .now = now, .headers = hdr, .nheaders = 1};
	session_load(&r);
	bool ok = r.user.id && strlen(r.csrf) == 64;
	if (ok)
		memcpy(csrf, r.csrf, 65);
	arena_free(&a);
	return ok;
}

/* A session of username begun at now (UTC seconds), as a login makes it: its
 * cookie value in tok and its CSRF token in csrf (65 bytes each). Returns
 * false when the account cannot sign in (a fuzz input may have disabled it). */
static inline bool fuzz_session(db *d, const char *username, long long now, char *tok, char *csrf)
{
	arena a = {0};
	long long acc = db_int(d, 0, "SELECT id FROM accounts WHERE username = ?1", "t", username);
	req r = {.a = &a, .db = d, .address = "127.0.0.1", .now = now};
	resp w = {0};
	bool ok = acc && session_start(&r, &w, acc) == 0 && w.nheaders >= 1 &&
		  !strncmp(w.headers[0].v, COOKIE_SESSION "=", strlen(COOKIE_SESSION) + 1);
	if (ok) {
		/* "lw_s=TOKEN; Path=/; ..." */
		memcpy(tok, w.headers[0].v + strlen(COOKIE_SESSION) + 1, 64);
		tok[64] = 0;
	}
	arena_free(&a);
	return ok && fuzz_session_ok(d, now, tok, csrf);
}

/* Appends n bytes of p to out with each of the nsub markers (subs[2i]) replaced
 * by its value (subs[2i+1]): seeds name a valid session or token this way. */
static inline void fuzz_expand(buf *out, const char *p, size_t n, const char *const *subs, int nsub)
{
	for (size_t i = 0; i < n;) {
		int k = 0;
		for (; k < nsub; k++) {
			size_t ml = strlen(subs[2 * k]);
			if (n - i >= ml && !memcmp(p + i, subs[2 * k], ml))
				break;
		}
		if (k < nsub) {
			buf_puts(out, subs[2 * k + 1]);
			i += strlen(subs[2 * k]);
		} else {
			buf_append(out, p + i, 1);
			i++;
		}
	}
}
#endif
