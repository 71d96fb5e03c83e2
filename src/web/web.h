/* web.h: our own request and response types, the route table's shape, and the
 * helpers every page uses. Pages never see libmicrohttpd: they can be driven
 * from tests, fuzzers and the CLI with a request made by hand. */
#ifndef LW_WEB_H
#define LW_WEB_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"
#include "core/html.h"
#include "db/db.h"
#include "db/filestore.h"
#include "web/cache.h"
#include "domain/rules.h"

enum { M_GET = 1, M_POST = 2, M_PUT = 4, M_DELETE = 8 };

/* Who may use a route. Every level but PUBLIC and STAFF applies to the unit that
 * owns the route's target (found from its path parameters, see owner_unit_of):
 * it must be the actor's node or below it. Centre roles are organiser roles:
 * they reach every unit below their own node (the whole install at the top). */
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
/* RF_SUBTREE: a centre route without a target that shows or acts on the
 * actor's own subtree only (the units and accounts lists); an organiser below
 * the top of the install reaches it. Any other centre route without a target
 * acts on the whole install (weeks, board, statistics, exports): the top's
 * organisers only. */
/* RF_OWN_WEEK: a centre route about one week (its path's :week, or a
 * ?week= / form field, or else the actor's own current week): the organiser
 * of that week reaches it, and every organiser above it (drill-down at any
 * depth, issue 17); nobody outside (a sibling's, an ancestor's week).
 * RF_OWN_FORM: the same about a week, but one that changes its compiled form
 * or its settings (edit, 定稿, 报送): that week's own organiser only, the top
 * included, for GET and POST. */
enum {
	RF_NO_CSRF = 1,
	RF_JSON = 2,
	RF_RAW_BODY = 4,
	RF_UPLOAD = 8,
	RF_CACHED = 16,
	RF_SUBTREE = 32,
	RF_OWN_WEEK = 64,
	RF_OWN_FORM = 128
};

struct req;
struct resp;
typedef void (*handler_fn)(struct req *r, struct resp *w);

/* A route's handler: the function, its name and file (for `learnweek
 * routes`), and the data it is given (r->route->h.data), so that one
 * handler serves a family of routes (the three showcase kinds, the two
 * imports...). */
typedef struct route_handler {
	handler_fn fn;
	const char *name;        /* "page_home" */
	const char *file;        /* "src/pages/public.routes": the handler is in public.c */
	const void *data;
} route_handler;

typedef struct route {
	int method;
	const char *pattern;     /* "/units/:unit/accounts"; ":name" segments are positive ids */
	route_handler h;
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
	/* the generations a cached page depends on, in the order read (router.c:
	 * the site's and everything's first, then each cache_depends) */
	cache_dep deps[CACHE_MAX_DEPS];
	int ndeps;
	bool deps_declared;      /* the handler named what it shows (cache_depends) */
	bool deps_failed;        /* more than CACHE_MAX_DEPS or a read failed: not kept */
	long long cache_version; /* of the data it was looked up at (cache_claim) */
	int nquery;              /* params[0..nquery) came from the query string */
	const html *page_lead;   /* shown at the top of the page (conflict.c) */
	bool touch_session;      /* session_note_use: the session's last_seen is due */
	char drop_session[65];   /* session_note_use: the hash of the cookie's ended session, to delete; "" none */
	long long touch_token;   /* session_note_use: this API token's last_used is due */
} req;

typedef struct resp {
	int status;
	const char *content_type;
	buf body;                /* raw bytes; pages write HTML into it through resp_html(w) */
	kv headers[16];
	int nheaders;
	const char *file_path;   /* stream this file instead of body */
	long long file_size;
	bool file_temp;          /* file_path is a temp file: removed once opened */
	/* or stream the body from this callback (length unknown: sent chunked),
	 * called after the handler returned, on the thread of the handler (a
	 * public GET's: server.c drains it first in the slow lane): it fills out
	 * with up to max bytes and returns how many, 0 at the end, -1 on an
	 * error (the connection is cut); stream_free(stream_ctx) ends it. */
	long (*stream)(void *ctx, char *out, size_t max);
	void (*stream_free)(void *ctx);
	void *stream_ctx;
} resp;
/* A cached page's handler names each thing it shows beyond the site (units,
 * weeks, settings), before it reads it: kind a gen_kind of domain/domain.h
 * (GEN_WEEK with the week's id, GEN_ACTIVITY with the activity's, else 0).
 * The generation is read now, so a write after it ends the page. A handler
 * that names nothing depends on every write (GEN_ANY). No effect on a page
 * the cache does not keep. */
void cache_depends(struct req *r, int kind, long long id);
/* This response shows what no generation follows (a unit's live form): the
 * server does not keep it; the next request renders it again. */
void cache_skip(struct req *r);



/* A state a resident did not cause (fail_state in layout.h). */
typedef struct state_msg {
	const char *title;      /* 活动已经结束 */
	const char *todo;       /* what to do now, plain text */
	const char *back;       /* the button's address */
	const char *back_label; /* 返回活动页面 */
} state_msg;

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



/* The most parameters a request may carry: in its query string (no page has
 * more than a few), and in all (a long form's fields and checkboxes). */
#define MAX_QUERY_PARAMS 100
#define MAX_PARAMS 2000
#endif
