/* harness.h: the real learnweek server on an ephemeral port and a libcurl
 * client with its own cookie jar, for the black-box HTTP tests.
 *
 * One server per test binary: the Criterion runner starts it before the first
 * test (LW_SERVER below) and stops it after the last. Criterion runs each test
 * in a fresh process; those find the server through the environment
 * (LW_HTTP_BASE, LW_HTTP_DATA, LW_HTTP_TMP), which they inherit.
 *
 * Everything the harness returns (responses, strings) stays valid until the
 * test process ends; tests free nothing. */
#ifndef LW_HARNESS_H
#define LW_HARNESS_H
#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <stdbool.h>
#include <stddef.h>

/* Declares this binary's server, once per test file. extra: more `serve`
 * options, space-separated ("" or "--session-idle 2"). setup: NULL or a
 * function run in the runner once the server answers, e.g. to add the
 * accounts every test shares. The runner hooks in harness.c read it. */
typedef struct lw_server_config {
	const char *extra;
	void (*setup)(void);
	const char *demo;  /* more `demo` options ("--province"), NULL for none */
} lw_server_config;
extern const lw_server_config lw_server;
#define LW_SERVER(extra_, setup_) const lw_server_config lw_server = {(extra_), (setup_), NULL};
/* The same over another demo: LW_SERVER_DEMO("", setup, "--province"). */
#define LW_SERVER_DEMO(extra_, setup_, demo_) const lw_server_config lw_server = {(extra_), (setup_), (demo_)};

/* ---- the server's data, from any process ---- */
const char *lw_base(void);                      /* "http://127.0.0.1:PORT" */
const char *lw_bin(void);                       /* $LEARNWEEK_BIN */
const char *lw_demo_password(const char *username); /* from demo-accounts.txt */
/* `learnweek user add`; unit NULL for the centre. Fails the test (or stops
 * the runner) when the command fails. */
void lw_add_user(const char *username, const char *role, const char *unit, const char *password);
/* Runs $LEARNWEEK_BIN with args (NULL-terminated); returns its exit status,
 * its stdout and stderr together in *out if out is not NULL. */
int lw_cli(char **out, const char *arg, ...);

/* One line of `learnweek routes`: method, pattern, access level, params,
 * flags (comma-separated: csrf or no-csrf, json, upload). */
typedef struct lw_route {
	const char *method, *pattern, *level, *params, *flags;
} lw_route;
int lw_routes(lw_route **out);  /* every route the binary lists (asserts it lists some) */
bool lw_route_flag(const lw_route *r, const char *flag);

/* ---- strings ---- */
char *lw_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* p, freed when the test binary ends (like every lw_ string) */
void *lw_keep(void *p);
char *lw_unique(const char *prefix);            /* prefix + something unique to this process and call */
/* Local Asia/Shanghai time, minutes from now, as the activity form takes it (2022-12-03T09:00). */
char *lw_local_time(long minutes);
/* A week around today (yesterday to five days on) named title, which then is
 * what "/" shows. Idempotent: tests in parallel may race to create it. */
/* k1, v1, k2, v2, ..., NULL: "k1=v1&k2=v2", percent-encoded */
char *lw_form(const char *k, ...);

/* ---- the client ---- */
typedef struct lw_resp {
	long status;         /* 0 when the request failed at the transport level */
	char *body;          /* NUL-terminated */
	size_t len;
	char *headers;       /* the header lines of the final response */
	char *error;         /* curl's message when status is 0 */
} lw_resp;

typedef struct lw_client lw_client;

/* A browser of its own: its own cookie jar and its own source address
 * (127.x.y.z, so the per-address login throttle of one test cannot touch
 * another). */
lw_client *lw_client_new(void);
void lw_client_source(lw_client *c, const char *address);

lw_resp *lw_get(lw_client *c, const char *path);
lw_resp *lw_post(lw_client *c, const char *path, const char *body);   /* form-urlencoded */
/* Any request; headers: NULL or a NULL-terminated list of "Name: value".
 * Every request but GET and HEAD says it comes from the server's own pages
 * (Origin: lw_base()), as a browser's form does, unless headers has an
 * Origin, Referer or Sec-Fetch-Site of its own ("Origin:" alone: none). */
lw_resp *lw_send(lw_client *c, const char *method, const char *path, const char *body, size_t len,
		 const char *const *headers);
/* POST a form (k, v pairs, NULL-terminated) with this client's valid _csrf. */
lw_resp *lw_submit(lw_client *c, const char *path, ...);
/* POST multipart/form-data as a browser's file form sends it: this client's
 * _csrf and one file (field, filename, Content-Type type, n bytes of data). */
lw_resp *lw_upload(lw_client *c, const char *path, const char *field, const char *filename, const char *type,
		   const void *data, size_t n);
/* A 1×1 PNG, for photo uploads: the server checks the content, not the name. */
extern const unsigned char lw_png[];
extern const size_t lw_png_size;
/* Real photos of w×h pixels, different pixels on every call (so a stored
 * re-encoding differs too), made with libpng and libjpeg-turbo; *n gets the
 * size. A JPEG's EXIF orientation (1..8) is written when orientation > 1. */
char *lw_photo_png(int w, int h, size_t *n);
char *lw_photo_jpeg(int w, int h, int orientation, size_t *n);
/* A JSON API request: "Authorization: Bearer token" unless token is NULL, and
 * json (NULL: no body) sent as application/json. */
lw_resp *lw_json(lw_client *c, const char *token, const char *method, const char *path, const char *json);

const char *lw_csrf(lw_client *c);              /* the _csrf of the client's session; "" when anonymous */
const char *lw_cookie(lw_client *c, const char *name);       /* value in the jar or NULL */
void lw_jar_set(lw_client *c, const char *name, const char *value);

lw_resp *lw_login(lw_client *c, const char *username, const char *password);
void lw_login_ok(lw_client *c, const char *username, const char *password);   /* asserts it worked */
/* A new account (`user add`, name from lw_unique(prefix)) of role in unit (NULL:
 * the centre), signed in on a new client; *username gets its name if asked. */
lw_client *lw_signed_in(const char *prefix, const char *role, const char *unit, const char *password, char **username);

/* ---- reading responses ---- */
const char *lw_header(const lw_resp *r, const char *name);   /* first value or NULL */
const char *lw_set_cookie(const lw_resp *r, const char *cookie); /* the Set-Cookie line for that cookie */
bool lw_has(const lw_resp *r, const char *needle);
char *lw_field(const char *html, const char *name);          /* value="" of the input named name */
/* The number after prefix that follows the first occurrence of anchor in html,
 * e.g. lw_id_after(page, "<td>东湖区</td>", "?unit="); 0 if none. */
long long lw_id_after(const char *html, const char *anchor, const char *prefix);
char *lw_html_escape(const char *s);            /* what the pages must show for s */
const char *lw_excerpt(const lw_resp *r);       /* the <main> part of a page, for failure messages */
/* The output of a shell command that must succeed (stderr too, unless cmd
 * redirects it); a failure names the command and what it said. */
char *lw_run(const char *cmd);
/* Writes a response body to a new file under LW_HTTP_TMP named after what
 * and ext; returns the path. */
char *lw_save(const lw_resp *r, const char *what, const char *ext);

/* The server's peak resident memory (VmHWM, kB), from /proc. */
long lw_server_hwm_kb(void);

/* Asserts GET /healthz answers 200 "ok": the server survived. */
void lw_assert_alive(void);

/* Asserts the status and that the body holds the Chinese message fragment. */
#define lw_expect(resp, code, fragment) do { \
	const lw_resp *lw_r_ = (resp); \
	cr_assert_eq(lw_r_->status, (code), "%s:%d: expected %d, got %ld%s%s\n%s", __FILE__, __LINE__, (code), \
		     lw_r_->status, lw_r_->error ? " " : "", lw_r_->error ? lw_r_->error : "", lw_excerpt(lw_r_)); \
	cr_assert(lw_has(lw_r_, (fragment)), "%s:%d: status %ld but the page lacks \"%s\":\n%s", __FILE__, __LINE__, \
		  lw_r_->status, (fragment), lw_excerpt(lw_r_)); \
} while (0)
#endif
