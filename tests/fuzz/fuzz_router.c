/* fuzz_router.c: libFuzzer target for everything a client sends: the input is
 * split into method, URI, Content-Type, Cookie and body, turned into our own
 * req, and dispatched through router_handle() against a demo database. This
 * reaches the strict URL decoding, the form parser, the cookie parser, path
 * parameters, the CSRF and role checks and every handler behind them. */
#include "web/web.h"
#include "web/session.h"
#include "datadir.h"
#include "domain/demo.h"
#include "core/log.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static db *D;
static char dir[256];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	setenv("LEARNWEEK_FAST_HASH", "1", 1);
	log_quiet = 1;
	snprintf(dir, sizeof dir, "%s/lw-fuzz-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		abort();
	strcat(dir, "/data");
	D = datadir_create(dir, "南昌市", "南昌市社区教育指导中心");
	arena a = {0};
	FILE *devnull = fopen("/dev/null", "w");
	if (!D || demo_seed(D, &a, devnull, dir) < 0)
		abort();
	fclose(devnull);
	arena_free(&a);
	cfg.data_dir = dir;
	cfg.city = "南昌市";
	memset(cfg.secret, 7, sizeof cfg.secret);
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
	const char *ctype = field(&p, end, &a), *cookie = field(&p, end, &a);
	buf body = BUF_INIT;
	buf_append(&body, p, (size_t)(end - p));
	req r = {0};
	resp w = {0};
	r.a = &a;
	r.db = D;
	r.method = !strcmp(method, "POST") ? M_POST : !strcmp(method, "PUT") ? M_PUT : M_GET;
	r.raw_uri = uri;
	r.address = "127.0.0.1";
	r.now = 1670000000;
	r.body = &body;
	r.content_type = ctype;
	kv hdr[2] = {{"Cookie", cookie}, {"Content-Type", ctype}};
	r.headers = hdr;
	r.nheaders = 2;
	/* writes may happen (a valid CSRF token is unlikely but possible): they
	 * only grow the demo database */
	router_handle(&r, &w);
	buf_free(&w.body);
	buf_free(&body);
	arena_free(&a);
	return 0;
}
