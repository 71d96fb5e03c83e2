/* web.h: our own request and response types, the route table's shape, and the
 * helpers every page uses. Pages never see libmicrohttpd: they can be driven
 * from tests, fuzzers and the CLI with a request made by hand. */
#ifndef LW_WEB_H
#define LW_WEB_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "db/filestore.h"

enum { M_GET = 1, M_POST = 2, M_PUT = 4, M_DELETE = 8 };

typedef enum role {
	ROLE_NONE = 0,
	ROLE_CENTRE_ADMIN,
	ROLE_CENTRE_VIEWER,
	ROLE_UNIT_ADMIN,
	ROLE_UNIT_EDITOR,
} role;

/* Who may use a route. The UNIT_ levels apply to the unit that owns the route's
 * target (found from its path parameters, see owner_unit_of); centre roles reach
 * every unit below their own. */
typedef enum access {
	A_PUBLIC,       /* anyone, no login */
	A_STAFF,        /* any signed-in account */
	A_CENTRE_READ,  /* centre admin, centre viewer */
	A_CENTRE_ADMIN, /* centre admin */
	A_UNIT_READ,    /* centre admin/viewer; admin or editor of the owning unit */
	A_UNIT_EDIT,    /* centre admin; admin or editor of the owning unit */
	A_UNIT_ADMIN,   /* centre admin; admin of the owning unit */
} access_level;

typedef enum ptype {
	P_STR,      /* one line of text */
	P_TEXT,     /* text with newlines */
	P_INT,      /* whole number within [min, max] */
	P_DATE,     /* YYYY-MM-DD */
	P_DATETIME, /* YYYY-MM-DDTHH:MM, Asia/Shanghai */
	P_BOOL,     /* "1" or "0" / "on" */
	P_TOKEN,    /* ASCII letters, digits, - _ . */
} ptype;

typedef struct param_spec {
	const char *name;
	ptype type;
	const char *label;   /* Chinese name used in error messages */
	long long min, max;  /* characters for text, value for P_INT */
	bool multi;          /* may repeat (checkbox lists) */
} param_spec;

#define PARAMS(...) ((const param_spec[]){__VA_ARGS__, {0}})

/* RF_UPLOAD: multipart/form-data streamed to the file store (see server.c).
 * RF_CACHED: a public page the same for every anonymous visitor, kept by the
 * render cache (cache.c) and marked cacheable for proxies in front. */
enum { RF_NO_CSRF = 1, RF_JSON = 2, RF_RAW_BODY = 4, RF_UPLOAD = 8, RF_CACHED = 16 };

struct req;
struct resp;
typedef void (*handler_fn)(struct req *r, struct resp *w);

typedef struct route {
	int method;
	const char *pattern;     /* "/units/:unit/accounts"; ":name" segments are positive ids */
	handler_fn fn;
	access_level need;
	const param_spec *params;
	size_t max_body;         /* bytes; 0 means the default (64 KiB) */
	int flags;
	const char *summary;     /* one line for `learnweek routes` and the docs */
} route;

typedef struct kv {
	const char *k;
	const char *v;
} kv;

/* One uploaded file of a multipart request. It sits in files/tmp/ until the
 * handler calls upload_keep(); whatever is not kept is deleted when the
 * request ends, so a rejected or broken upload leaves nothing behind. */
typedef struct upload_part {
	const char *field;
	const char *filename;    /* as the browser sent it (UTF-8 checked) */
	const char *mime;        /* sniffed from the content, NULL if unknown */
	upload *u;
} upload_part;

typedef struct account_ref {
	long long id;            /* 0: nobody signed in */
	role role;
	long long unit_id;
	long long root_unit_id;  /* the top of the account's tree (the centre) */
	const char *username, *display_name, *unit_name;
} account_ref;

#define MAX_PATH_PARAMS 4

typedef struct req {
	arena *a;
	db *db;
	int method;
	const char *raw_uri;
	const char *canon_uri;    /* a cached page's normalised URL (router.c), else NULL */
	const char *path;
	const char *address;
	kv *params;
	int nparams;
	kv *headers;
	int nheaders;
	buf *body;
	const char *content_type;
	upload_part *uploads;
	int nuploads;
	const char *pkey[MAX_PATH_PARAMS];
	long long pval[MAX_PATH_PARAMS];
	int npath;
	const route *route;
	account_ref user;
	char session_hash[65];   /* hex SHA-256 of the session token; "" when anonymous */
	char csrf[65];           /* this session's token; "" when anonymous */
	bool big_text;
	long long now;
	long long target_unit;   /* the unit that owns the route's target, 0 if none */
	bool admitted;           /* router_admit() has run (the server calls it at header time) */
	bool cached;             /* a public page the render cache keeps (router_admit) */
	long long cache_gen;     /* the data generation it was looked up at, -1: none */
	int nquery;              /* params[0..nquery) came from the query string */
	const char *page_lead;   /* HTML built with H()/html(), shown at the top of the page (conflict.c) */
} req;

typedef struct resp {
	int status;
	const char *content_type;
	buf body;
	kv headers[16];
	int nheaders;
	const char *file_path;   /* stream this file instead of body */
	long long file_size;
	bool file_temp;          /* file_path is a temp file: removed once opened */
	/* or stream the body from this callback (length unknown: sent chunked),
	 * called after the handler returned, on the same thread: it fills out
	 * with up to max bytes and returns how many, 0 at the end, -1 on an
	 * error (the connection is cut); stream_free(stream_ctx) ends it. */
	long (*stream)(void *ctx, char *out, size_t max);
	void (*stream_free)(void *ctx);
	void *stream_ctx;
} resp;
/* Runs a stream to its end into w->body and frees it (tests, fuzzers). */
void resp_stream_drain(resp *w);

/* request accessors */
upload_part *upload_get(req *r, const char *field);   /* first complete upload of a field */
int upload_keep(req *r, upload_part *p);              /* into the store; 0 ok */
/* A photo (JPEG or PNG by its first bytes) decoded and written again with a
 * pixel limit (out/image.h): p->u becomes the re-encoding, still to be kept,
 * and the upload as sent is deleted. On a refusal the page saying why (what:
 * 照片, 截图) is written and false returned. Every photo upload goes through it. */
bool photo_reencode(req *r, resp *w, upload_part *p, const char *what);
const char *param(req *r, const char *name);                /* first value or NULL */
int param_all(req *r, const char *name, const char ***out); /* every value */
long long param_int(req *r, const char *name, long long dflt);
long long path_id(req *r, const char *name);
const char *header(req *r, const char *name);
const char *cookie(req *r, const char *name);

/* response helpers */
void resp_header(req *r, resp *w, const char *k, const char *v);
void redirect(req *r, resp *w, const char *location);        /* 303 */
void set_cookie(req *r, resp *w, const char *name, const char *value, long long max_age, bool http_only);
/* An error page: status and a Chinese message (a literal format; %s are escaped). */
#define fail(r, w, status, fmt, ...) fail_page((r), (w), (status), "" fmt "", ##__VA_ARGS__)
void fail_page(req *r, resp *w, int status, const char *fmt, ...) HTML_FORMAT(4, 5);
/* A state a resident did not cause (the activity ended, check-in not yet open,
 * already signed up): its own plain page, titled by what happened, the message
 * (a literal format; %s escaped), what to do now and one big button back. It
 * keeps the status (409 ...) for programs but shows no code. */
typedef struct state_msg {
	const char *title;      /* 活动已经结束 */
	const char *todo;       /* what to do now, plain text */
	const char *back;       /* the button's address */
	const char *back_label; /* 返回活动页面 */
} state_msg;
#define fail_state(r, w, status, st, fmt, ...) state_page((r), (w), (status), (st), "" fmt "", ##__VA_ARGS__)
void state_page(req *r, resp *w, int status, state_msg st, const char *fmt, ...) HTML_FORMAT(5, 6);
/* The answer to a write the storage refused: 507 when the disk is full, 503
 * when the data folder is read-only or failing, each with its own message. */
void fail_storage(req *r, resp *w, store_failure why);
/* Flash message carried across a redirect in a short-lived cookie. */
void flash(req *r, resp *w, const char *msg);

/* server configuration, set once at start */
typedef struct server_cfg {
	const char *data_dir;
	long long session_idle;  /* seconds */
	long long session_lifetime; /* seconds from sign-in, however busy */
	bool secure_cookies;     /* --secure-cookies, or a public address with https */
	const char *public_url;  /* "https://week.example.cn", no trailing slash */
	unsigned char secret[32];
	const char *city;        /* root unit's name for titles */
	/* --trusted-proxy: the reverse proxies whose X-Forwarded-For and
	 * X-Real-IP name the client; from any other peer they are ignored */
	char trusted_proxy[8][46];
	int ntrusted_proxy;
} server_cfg;
extern server_cfg cfg;

/* the route table (routes.c) */
extern const route routes[];
extern const size_t nroutes;
const char *access_name(access_level a);
const char *role_name(role r);          /* "centre_admin" */
const char *role_label(role r);         /* 市中心管理员 */
role role_parse(const char *s);

/* "https://host[:port]" with nothing after it, lowercased and without a
 * default port; NULL when url is not an http or https address of a host. */
char *public_url_parse(const char *url);
/* The site's public address (cfg.public_url): every absolute URL a page or a
 * file builds (QR codes, feeds, links to copy) starts with it; never the Host
 * header, which the client chooses. */
const char *public_base(void);

/* How a request of this method to this route proves it comes from our own
 * pages: "origin" (a public form: Sec-Fetch-Site/Origin/Referer against the
 * public address), "csrf" (the session's token), "no-csrf" (bearer-token JSON
 * API), or "" (a GET). The router and `learnweek routes` both ask here. */
const char *route_check(const route *rt, int method);
/* router.c: transport-independent dispatch, in two steps. router_admit runs at
 * header time, before any body byte is read: the path and query, the route,
 * the session, the role and unit check. It returns the route, or NULL when w
 * holds the answer (404, 403, a redirect to the login ...). router_handle then
 * takes the body's fields, checks CSRF and the declared parameters and runs
 * the handler; it calls router_admit itself when nobody did. */
const route *router_admit(req *r, resp *w);
void router_handle(req *r, resp *w);
/* The most parameters a request may carry: in its query string (no page has
 * more than a few), and in all (a long form's fields and checkboxes). */
#define MAX_QUERY_PARAMS 100
#define MAX_PARAMS 2000
#endif
