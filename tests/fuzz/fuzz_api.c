/* fuzz_api.c: libFuzzer target for the JSON API. The first byte of the input
 * chooses the request (create, update, list, read, as a centre admin or a
 * unit admin, each with a valid API token); the rest is the JSON body (or,
 * for the list, the query string). It goes through router_handle(), so the
 * bearer token, the role and unit checks, body_read()'s JSON mapping, and
 * activity_parse behind it all see the bytes. Creates and updates that pass
 * are written to the demo database (it only grows). */
#include "fuzz_demo.h"
#include "domain/apitoken.h"
#include <stdint.h>

static db *D;
static char dir[256];
static const char *auth[2];   /* "Bearer lwt_…" of the centre admin, of a unit admin */
static long long own_activity, other_activity;

static const char *make_token(const char *username)
{
	arena a = {0};
	long long acc = db_int(D, 0, "SELECT id FROM accounts WHERE username = ?1", "t", username);
	actor who = {0, "命令行", "127.0.0.1", 1670000000};
	char *secret = NULL;
	errs e = {0};
	if (!acc || !apitoken_create(D, &a, &who, acc, "fuzz", &secret, &e) || !secret)
		abort();
	char *h = malloc(strlen(secret) + 8);
	if (!h)
		abort();
	sprintf(h, "Bearer %s", secret);
	arena_free(&a);
	return h;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	D = fuzz_demo("api", dir, sizeof dir, NULL, 0);
	auth[0] = make_token("centre_admin");
	auth[1] = make_token("donghu_admin");
	long long donghu = db_int(D, 0, "SELECT unit_id FROM accounts WHERE username = 'donghu_admin'", "");
	own_activity = db_int(D, 0, "SELECT min(id) FROM activities WHERE unit_id = ?1", "I", donghu);
	other_activity = db_int(D, 0, "SELECT min(id) FROM activities WHERE unit_id <> ?1", "I", donghu);
	if (!own_activity || !other_activity)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned sel = data[0];
	arena a = {0};
	resp w = {0};
	buf body = BUF_INIT;
	const char *rest = arena_strndup(&a, (const char *)data + 1, size - 1);
	long long act = (sel & 8) ? other_activity : own_activity;
	int method = M_GET;
	const char *uri;
	switch ((sel >> 1) & 3) {
	case 0:
		method = M_POST;
		uri = "/api/v1/activities";
		break;
	case 1:
		method = M_PUT;
		uri = arena_printf(&a, "/api/v1/activities/%lld", act);
		break;
	case 2:
		/* the rest is the query string */
		uri = arena_printf(&a, "/api/v1/activities?%s", rest);
		rest = "";
		break;
	default:
		uri = arena_printf(&a, "/api/v1/activities/%lld", act);
		break;
	}
	buf_append(&body, rest, strlen(rest));
	kv hdr[2] = {{"Authorization", auth[sel & 1]},
		     {"Content-Type", (sel & 16) ? "application/json; charset=utf-8" : "application/json"}};
	req r;
	fuzz_req(&r, &a, D, method, uri, &body, hdr, 2);
	router_handle(&r, &w);
	buf_free(&w.body);
	buf_free(&body);
	arena_free(&a);
	return 0;
}
