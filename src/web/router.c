/* router.c: from a parsed request to a handler. Every rule that is the same for
 * all pages lives here, once: strict decoding, the route match, the session,
 * the role and unit check, CSRF, and the declared parameters. */
#include "web/router.h"
#include "web/http.h"
#include "session.h"
#include "layout.h"
#include "cache.h"
#include "domain/domain.h"
#include "domain/org.h"
#include "core/log.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <jansson.h>
#include "out/image.h"
#include <errno.h>
#include <stdio.h>
#include <ctype.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* ---- where an anonymous form comes from ---- */

/* The public address's origin: scheme://host[:port], without a path. */
static size_t origin_len(const char *url)
{
	const char *s = strstr(url, "://");
	if (!s)
		return strlen(url);
	const char *e = strchr(s + 3, '/');
	return e ? (size_t)(e - url) : strlen(url);
}

static bool is_our_origin(const char *v, bool prefix)
{
	const char *base = public_base();
	size_t n = origin_len(base);
	if (!v || strncasecmp(v, base, n))
		return false;
	return prefix ? v[n] == '/' : v[n] == 0;
}

/* Anonymous POSTs carry no token (public pages are the same for everyone):
 * the browser says where the form was. Sec-Fetch-Site and Origin are set by
 * the browser, not by a page's script; Referer is the fallback of older
 * browsers (Referrer-Policy same-origin keeps it on our own forms). A request
 * that says nothing is refused: a form of ours always says something. */
static bool from_our_pages(req *r)
{
	const char *site = header(r, "Sec-Fetch-Site");
	if (site && strcasecmp(site, "same-origin"))
		return false;
	const char *origin = header(r, "Origin");
	if (origin)
		return is_our_origin(origin, false);
	if (site)
		return true;
	return is_our_origin(header(r, "Referer"), true);
}

const char *route_check(const route *rt, int method)
{
	if (method == M_GET)
		return "";
	if (rt->flags & RF_NO_CSRF)
		return "no-csrf";
	return rt->need == A_PUBLIC ? "origin" : "csrf";
}

/* ---- the render cache ---- */

#define CACHE_MAX_AGE 60          /* seconds: pages also depend on the clock */
/* proxies keep a page 30 s (and answer from it while they revalidate);
 * browsers ask again each time, with the ETag, and get a 304 when it is the
 * same: a resident sees their own sign-up on the page they come back to */
#define CACHE_CONTROL "public, max-age=0, must-revalidate, s-maxage=30, stale-while-revalidate=300"

/* A page kept by the cache: a cacheable route, for a visitor without a
 * session (staff see their own menu) and without a message waiting for them. */
static bool cache_applies(req *r, const route *rt)
{
	return r->method == M_GET && (rt->flags & RF_CACHED) && !cookie(r, COOKIE_SESSION) && !cookie(r, COOKIE_FLASH);
}

static int param_cmp(const void *a, const void *b)
{
	const kv *x = a, *y = b;
	int c = strcmp(x->k, y->k);
	return c ? c : strcmp(x->v, y->v);
}

/* The path and the parameters in one order, each encoded one way, so that
 * equal requests share one entry. */
static char *canonical_uri(req *r)
{
	kv *p = arena_alloc(r->a, sizeof *p * (size_t)(r->nparams + 1));
	if (r->nparams)
		memcpy(p, r->params, sizeof *p * (size_t)r->nparams);
	qsort(p, (size_t)r->nparams, sizeof *p, param_cmp);
	buf b = BUF_INIT;
	for (const char *seg = r->path; *seg;) {
		const char *e = strchr(seg + 1, '/');
		size_t n = e ? (size_t)(e - seg) : strlen(seg);
		char *one = arena_strndup(r->a, seg + 1, n - 1);
		buf_putc(&b, '/');
		url_encode(&b, one);
		seg += n;
	}
	for (int i = 0; i < r->nparams; i++) {
		buf_putc(&b, i ? '&' : '?');
		url_encode(&b, p[i].k);
		buf_putc(&b, '=');
		url_encode(&b, p[i].v);
	}
	char *s = arena_strdup(r->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static bool accepts_gzip(req *r)
{
	const char *ae = header(r, "Accept-Encoding");
	const char *g = ae ? strcasestr(ae, "gzip") : NULL;
	if (!g)
		return false;
	const char *q = g + 4;
	while (*q == ' ')
		q++;
	return !(*q == ';' && strstr(q, "q=0") && !strstr(q, "q=0."));
}

static bool etag_matches(req *r, const char *etag)
{
	const char *inm = header(r, "If-None-Match");
	if (!inm)
		return false;
	if (!strcmp(inm, "*"))
		return true;
	/* the tag without its quotes, so W/ and lists match too */
	char bare[40];
	snprintf(bare, sizeof bare, "%.*s", (int)strlen(etag) - 2, etag + 1);
	return strstr(inm, bare) != NULL;
}

/* The headers of a cached page; 304 (and no body) when the client has it. */
static void page_headers(req *r, resp *w, const cached_page *p, bool gz)
{
	w->status = 200;
	w->content_type = p->content_type;
	int keep = 0;
	for (int i = 0; i < w->nheaders; i++)
		if (strcasecmp(w->headers[i].k, "Cache-Control") && strcasecmp(w->headers[i].k, "ETag") &&
		    strcasecmp(w->headers[i].k, "Vary"))
			w->headers[keep++] = w->headers[i];
	w->nheaders = keep;
	resp_header(r, w, "ETag", p->etag);
	resp_header(r, w, "Cache-Control", CACHE_CONTROL);
	/* the large-text cookie chooses the variant */
	resp_header(r, w, "Vary", "Accept-Encoding, Cookie");
	if (etag_matches(r, p->etag)) {
		w->status = 304;
		buf_reset(&w->body);
	} else if (gz) {
		resp_header(r, w, "Content-Encoding", "gzip");
	}
}

/* Answers with p: 304 when the client has it, gzip when it takes gzip. */
static void answer_page(req *r, resp *w, cached_page *p, bool gz)
{
	buf_reset(&w->body);
	gz = gz && p->gz;
	if (gz)
		buf_append(&w->body, p->gz, p->gzlen);
	else
		buf_append(&w->body, p->body, p->len);
	page_headers(r, w, p, gz);
}

static char *cache_key(req *r)
{
	return arena_printf(r->a, "%c%s", r->big_text ? 'B' : 'N', r->canon_uri);
}

/* The generations every cached page starts from: the site's (units,
 * weeks, settings: on every page) and everything's (GEN_ANY), read before
 * the handler reads anything. */
static void deps_begin(req *r)
{
	r->ndeps = 0;
	r->deps_declared = false;
	r->deps_failed = false;
	gen_kind kinds[] = {GEN_SITE, GEN_ANY};
	long long ids[] = {0, 0}, g[2];
	if (public_generations(r->db, 2, kinds, ids, g) < 0)
		r->deps_failed = true;
	for (int i = 0; i < 2; i++)
		r->deps[r->ndeps++] = (cache_dep){kinds[i], 0, g[i]};
}

void cache_depends(req *r, int kind, long long id)
{
	if (!r->cached || r->deps_failed)
		return;
	r->deps_declared = true;
	for (int i = 0; i < r->ndeps; i++)
		if (r->deps[i].kind == kind && r->deps[i].id == id)
			return;
	long long g = public_generation_of(r->db, (gen_kind)kind, id);
	if (g < 0 || r->ndeps == CACHE_MAX_DEPS) {
		r->deps_failed = true;
		return;
	}
	r->deps[r->ndeps++] = (cache_dep){kind, id, g};
}

void cache_skip(req *r)
{
	r->deps_failed = true;
}

/* The page from the cache when every generation it was rendered at is the
 * current one; r->cache_version says which data it was looked up at. */
static bool cache_answer(req *r, resp *w)
{
	cache_dep d[CACHE_MAX_DEPS];
	const char *key = cache_key(r);
	int n = cache_deps(key, d, CACHE_MAX_DEPS);
	r->cache_version = -1;
	buf_reset(&w->body);
	if (n < 0)
		return false;
	gen_kind kinds[CACHE_MAX_DEPS];
	long long ids[CACHE_MAX_DEPS], now[CACHE_MAX_DEPS], version = 0;
	for (int i = 0; i < n; i++) {
		kinds[i] = (gen_kind)d[i].kind;
		ids[i] = d[i].id;
	}
	if (n && public_generations(r->db, n, kinds, ids, now) < 0)
		return false;
	for (int i = 0; i < n; i++) {
		d[i].gen = now[i];
		version += now[i];
	}
	r->cache_version = version;
	cached_page p;
	bool gz;
	if (!cache_get(key, d, n, r->now, CACHE_MAX_AGE, accepts_gzip(r), &p, &gz, &w->body))
		return false;
	page_headers(r, w, &p, gz);
	return true;
}

/* A streamed body (the whole week's feed) with its first bytes read ahead. */
typedef struct prefixed {
	buf pre;
	size_t sent;
	long (*stream)(void *ctx, char *out, size_t max);
	void (*stream_free)(void *ctx);
	void *ctx;
} prefixed;

static long prefixed_read(void *ctx, char *out, size_t max)
{
	prefixed *p = ctx;
	if (p->sent < p->pre.len) {
		size_t k = p->pre.len - p->sent < max ? p->pre.len - p->sent : max;
		memcpy(out, p->pre.p + p->sent, k);
		p->sent += k;
		return (long)k;
	}
	return p->stream(p->ctx, out, max);
}

static void prefixed_free(void *ctx)
{
	prefixed *p = ctx;
	if (p->stream_free)
		p->stream_free(p->ctx);
	buf_free(&p->pre);
	free(p);
}

/* Reads a streamed body into w->body while it stays within limit bytes:
 * true when it all came (the stream is gone, the body is whole), false when
 * it is longer (it still streams, the bytes read first ahead of the rest)
 * or failed. */
static bool stream_within(resp *w, size_t limit)
{
	char chunk[16384];
	long n = 0;
	while (w->body.len <= limit && (n = w->stream(w->stream_ctx, chunk, sizeof chunk)) > 0)
		buf_append(&w->body, chunk, (size_t)n);
	if (n == 0) {
		if (w->stream_free)
			w->stream_free(w->stream_ctx);
		w->stream = NULL;
		w->stream_free = NULL;
		w->stream_ctx = NULL;
		return true;
	}
	prefixed *p = n > 0 ? calloc(1, sizeof *p) : NULL;
	if (!p) {
		/* a read failed (or no memory): the connection is cut, as a
		 * stream that fails is */
		buf_reset(&w->body);
		return false;
	}
	*p = (prefixed){.pre = w->body, .stream = w->stream, .stream_free = w->stream_free, .ctx = w->stream_ctx};
	w->body = (buf)BUF_INIT;
	w->stream = prefixed_read;
	w->stream_free = prefixed_free;
	w->stream_ctx = p;
	return false;
}

/* After the handler: a whole 200 page without cookies is kept and answered
 * from the copy (with its ETag and gzip form); anything else goes as it is. */
static void cache_store(req *r, resp *w)
{
	if (w->status != 200 || w->file_path || !w->content_type)
		return;
	for (int i = 0; i < w->nheaders; i++)
		if (!strcasecmp(w->headers[i].k, "Set-Cookie"))
			return;
	/* a streamed body is kept when it fits the cache, else it streams */
	if (w->stream && !stream_within(w, cache_page_limit()))
		return;
	cached_page p;
	if (cached_page_make(&p, w->content_type, w->body.p, w->body.len) < 0)
		return;
	if (!r->deps_failed) {
		/* a handler that named what it shows does not depend on everything */
		cache_dep d[CACHE_MAX_DEPS];
		int n = 0;
		for (int i = 0; i < r->ndeps; i++)
			if (!(r->deps_declared && r->deps[i].kind == GEN_ANY))
				d[n++] = r->deps[i];
		cache_put(cache_key(r), d, n, r->now, &p);
	}
	answer_page(r, w, &p, accepts_gzip(r));
	cached_page_free(&p);
}

/* ---- parsing ---- */

static int split_params(req *r, const char *s, size_t n, kv **out, int *count, int max)
{
	int cap = 8, len = *count;
	kv *v = *out;
	if (!v)
		v = arena_alloc(r->a, sizeof *v * (size_t)cap);
	else
		cap = len;
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '&')
			j++;
		if (j > i) {
			const char *eq = memchr(s + i, '=', j - i);
			size_t kl = eq ? (size_t)(eq - (s + i)) : j - i;
			size_t kn, vn;
			char *k = pct_decode(r->a, s + i, kl, true, &kn);
			char *val = eq ? pct_decode(r->a, eq + 1, (size_t)(s + j - eq - 1), true, &vn) : arena_strdup(r->a, "");
			if (!k || !val)
				return -1;
			if (!utf8_valid(k, kn) || strlen(k) != kn || (eq && !utf8_valid(val, vn)) || (eq && strlen(val) != vn))
				return -2;
			if (len >= max)
				return -3;
			if (len == cap) {
				/* cap is 0 when an earlier call (an empty query, "?")
				 * found nothing: doubling it would stay 0 */
				int ncap = cap ? cap * 2 : 8;
				kv *nv = arena_alloc(r->a, sizeof *nv * (size_t)ncap);
				memcpy(nv, v, sizeof *v * (size_t)len);
				v = nv;
				cap = ncap;
			}
			v[len].k = k;
			v[len].v = val;
			len++;
		}
		i = j + 1;
	}
	*out = v;
	*count = len;
	return 0;
}

static bool match(const route *rt, req *r)
{
	const char *p = rt->pattern, *u = r->path;
	int n = 0;
	while (*p && *u) {
		if (*p == ':') {
			const char *name = ++p;
			while (*p && *p != '/')
				p++;
			const char *s = u;
			while (*u && *u != '/')
				u++;
			long long id;
			char *seg = arena_strndup(r->a, s, (size_t)(u - s));
			if (n >= MAX_PATH_PARAMS || !parse_int64(seg, 1, (1LL << 53), &id) || seg[0] == '0')
				return false;
			r->pkey[n] = arena_strndup(r->a, name, (size_t)(p - name));
			r->pval[n] = id;
			n++;
			continue;
		}
		if (*p == '*')
			return (r->npath = n), true;
		if (*p != *u)
			return false;
		p++, u++;
	}
	if (*p == '*' && !*u)
		return false;
	if (*p || *u)
		return false;
	r->npath = n;
	return true;
}

static bool role_allows(access_level need, role ro)
{
	switch (need) {
	case A_PUBLIC: return true;
	case A_STAFF: return ro != ROLE_NONE;
	case A_CENTRE_READ: return ro == ROLE_CENTRE_ADMIN || ro == ROLE_CENTRE_VIEWER;
	case A_CENTRE_ADMIN: return ro == ROLE_CENTRE_ADMIN;
	case A_UNIT_READ: return ro != ROLE_NONE;
	case A_UNIT_EDIT: return ro == ROLE_CENTRE_ADMIN || ro == ROLE_UNIT_ADMIN || ro == ROLE_UNIT_EDITOR;
	case A_UNIT_ADMIN: return ro == ROLE_CENTRE_ADMIN || ro == ROLE_UNIT_ADMIN;
	}
	return false;
}

/* The reach of an account: the unit that owns the route's target must be its
 * node or below it for an organiser (centre) role, its own unit for a unit
 * role (a tree of any depth: never a sibling's subtree, never an ancestor). A centre route acts for the level above its target: on the
 * actor's own node only at the top of the install (a city's own submission is
 * the province's to review). A centre route without a target acts on the whole
 * install unless it is flagged RF_SUBTREE. */
/* A route about one week (RF_OWN_WEEK): the week it names must be organised
 * by the actor's node or a node below it (drill-down at any depth: the top
 * into a city's week, a city into a county's); one that names none shows the
 * actor's own current week, so the actor must be an organiser. A route that
 * changes a week's compiled form or settings (RF_OWN_FORM) admits the week's
 * own organiser only, the top included: the level above may look, not write.
 * Checked at admission for the path's week and, once the body is read, for a
 * ?week= or a form's week field. */
static bool week_reach_ok(req *r, resp *w, long long week_id, bool own_form)
{
	long long home = r->user.unit_id;
	if (!week_id) {
		if (home == r->user.root_unit_id || unit_is_organiser(r->db, home))
			return true;
		fail(r, w, 403, "只有下面还有单位的一级（组织单位）的账号可以使用此功能。");
		return false;
	}
	long long organiser = week_organiser(r->db, week_id);
	if (!organiser || organiser == home)
		return true; /* no such week: the handler's 404 */
	bool below = unit_within(r->db, organiser, home);
	if (below && !own_form)
		return true;
	unit u;
	const char *name = unit_load(r->db, r->a, organiser, &u) ? u.name : "另一级";
	if (below)
		fail(r, w, 403, "这一届活动周由%s组织，它的设置和总结表只有%s的账号可以修改、定稿和报送。您的账号（%s）可以查看。", name, name,
		     r->user.unit_name);
	else
		fail(r, w, 403, "这一届活动周由%s组织，只有%s及其上级的账号可以查看和管理。您的账号（%s）可以管理本级的活动周。", name, name,
		     r->user.unit_name);
	return false;
}

static bool reach_ok(req *r, resp *w, const route *rt)
{
	bool centre = r->user.role == ROLE_CENTRE_ADMIN || r->user.role == ROLE_CENTRE_VIEWER;
	bool centre_route = rt->need == A_CENTRE_READ || rt->need == A_CENTRE_ADMIN;
	long long home = r->user.unit_id;
	bool top = home == r->user.root_unit_id;
	if (r->target_unit) {
		/* an organiser reaches its subtree; a unit role its own unit */
		if (centre ? !unit_within(r->db, r->target_unit, home) : r->target_unit != home) {
			fail(r, w, 403, "无权访问其他单位的数据。");
			return false;
		}
		if (centre_route && r->target_unit == home && !top) {
			fail(r, w, 403, "本单位（%s）自己的记录由上一级审核和管理，不能在这里操作。", r->user.unit_name);
			return false;
		}
		return true;
	}
	if (!centre) {
		/* a unit-level route without a unit-owned target is a centre route */
		fail(r, w, 403, "您的账号（%s）没有权限使用此功能。", role_label(r->user.role));
		return false;
	}
	/* a week's own pages: its organiser's and those above it, at whatever level */
	if (rt->flags & (RF_OWN_WEEK | RF_OWN_FORM))
		return week_reach_ok(r, w, path_id(r, "week"), rt->flags & RF_OWN_FORM);
	if (!top && !(rt->flags & RF_SUBTREE)) {
		unit u;
		const char *name = unit_load(r->db, r->a, r->user.root_unit_id, &u) ? u.name : "最上级";
		fail(r, w, 403, "此功能作用于整个系统，目前只有最上级（%s）的账号可以使用。"
				"您的账号（%s）可以管理本级以下的单位和账号、审核下级提交的材料。", name, r->user.unit_name);
		return false;
	}
	return true;
}

static const param_spec *find_spec(const route *rt, const char *name)
{
	for (const param_spec *s = rt->params; s && s->name; s++)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

static bool token_ok(const char *v)
{
	for (; *v; v++)
		if (!((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') || (*v >= '0' && *v <= '9') ||
		      *v == '-' || *v == '_' || *v == '.'))
			return false;
	return true;
}

/* Checks one value against its declaration; on failure writes the page. */
static bool check_param(req *r, resp *w, const param_spec *s, const char *v)
{
	const char *label = s->label ? s->label : s->name;
	long long x;
	switch (s->type) {
	case P_STR:
	case P_TEXT:
		if (text_refusal(v, s->type == P_TEXT)) {
			fail(r, w, 400, "「%s」%s，请删除后重新提交。", label, text_refusal(v, s->type == P_TEXT));
			return false;
		}
		if (s->max && (long long)utf8_chars(v) > s->max) {
			fail(r, w, 400, "「%s」太长：最多 %D 个字，现在是 %D 个字。", label, s->max, (long long)utf8_chars(v));
			return false;
		}
		return true;
	case P_TOKEN:
		if (!token_ok(v) || (s->max && (long long)strlen(v) > s->max)) {
			fail(r, w, 400, "「%s」的格式不正确。", label);
			return false;
		}
		return true;
	case P_INT:
		if (!*v)
			return true; /* empty: the handler decides whether it is required */
		if (!parse_int64(v, s->min, s->max, &x)) {
			fail(r, w, 400, "「%s」应为 %D 到 %D 之间的整数，收到的是「%s」。", label, s->min, s->max, v);
			return false;
		}
		return true;
	case P_DATE:
		if (*v && !date_parse(v, &x)) {
			fail(r, w, 400, "「%s」不是有效的日期，应写成 2022-12-01 的形式。", label);
			return false;
		}
		return true;
	case P_DATETIME:
		if (*v && !local_datetime_parse(v, &x)) {
			fail(r, w, 400, "「%s」不是有效的时间，应写成 2022-12-09 17:00 的形式。", label);
			return false;
		}
		return true;
	case P_BOOL:
		if (*v && strcmp(v, "1") && strcmp(v, "0") && strcmp(v, "on")) {
			fail(r, w, 400, "「%s」只能是“是”或“否”。", label);
			return false;
		}
		return true;
	}
	return true;
}

static const char *method_name(int m)
{
	return m == M_GET ? "GET" : m == M_POST ? "POST" : m == M_PUT ? "PUT" : "DELETE";
}

static bool params_ok(req *r, resp *w, const route *rt);

/* Steps 1 to 4: everything that can be decided from the request line and the
 * headers. The server runs this before it reads a byte of the body, so that
 * the body's size limit is the route's only for someone the route admits. */
const route *router_admit(req *r, resp *w)
{
	r->admitted = true;
	w->status = 200;
	w->content_type = "text/html; charset=utf-8";

	/* 1. the path, decoded strictly */
	const char *uri = r->raw_uri ? r->raw_uri : "/";
	const char *q = strchr(uri, '?');
	size_t plen = q ? (size_t)(q - uri) : strlen(uri);
	size_t dn;
	char *path = pct_decode(r->a, uri, plen, false, &dn);
	r->path = "/";
	if (!path) {
		fail(r, w, 400, "网址中的百分号编码不正确（例如 %%ZZ），请检查链接是否完整。");
		return NULL;
	}
	if (dn != strlen(path) || !utf8_valid(path, dn)) {
		fail(r, w, 400, "网址含有无效的字符（不是有效的 UTF-8 文本）。");
		return NULL;
	}
	if (path[0] != '/') {
		fail(r, w, 400, "网址格式不正确。");
		return NULL;
	}
	r->path = path;

	/* 2. the route */
	const route *rt = NULL;
	bool path_known = false;
	for (size_t i = 0; i < nroutes; i++) {
		if (match(&routes[i], r)) {
			path_known = true;
			if (routes[i].method & r->method) {
				rt = &routes[i];
				break;
			}
		}
	}
	if (!rt) {
		r->npath = 0;
		session_load(r);
		if (path_known)
			fail(r, w, 405, "此网址不接受 %s 请求。", method_name(r->method));
		else
			fail(r, w, 404, "找不到这个页面。网址可能有误，或者页面已被移走。");
		return NULL;
	}
	r->route = rt; /* from here on, errors take the route's format (JSON for the API) */

	/* the query string, decoded strictly */
	r->params = NULL;
	r->nparams = 0;
	int rc = q ? split_params(r, q + 1, strlen(q + 1), &r->params, &r->nparams, MAX_QUERY_PARAMS) : 0;
	r->nquery = r->nparams;
	if (rc == -1) {
		fail(r, w, 400, "网址中的百分号编码不正确，请检查链接是否完整。");
		return NULL;
	}
	if (rc == -2) {
		fail(r, w, 400, "网址含有无效的字符（不是有效的 UTF-8 文本）。");
		return NULL;
	}
	if (rc == -3) {
		fail(r, w, 400, "网址中的参数太多（最多 %d 个）。请通过页面上的链接和表单操作。", MAX_QUERY_PARAMS);
		return NULL;
	}

	/* the render cache answers before anything touches the database but
	 * the generation: a hit is a copy */
	r->cached = cache_applies(r, rt);
	r->cache_version = -1;
	if (r->cached) {
		if (!params_ok(r, w, rt))
			return NULL;
		r->canon_uri = canonical_uri(r);
		const char *big = cookie(r, COOKIE_BIG);
		r->big_text = big && !strcmp(big, "1");
		if (cache_answer(r, w))
			return NULL;
	}

	/* 3. who is asking */
	session_load(r);

	/* 4. may they? */
	if (rt->need != A_PUBLIC && !r->user.id) {
		if (rt->flags & RF_JSON) {
			fail(r, w, 401, "缺少有效的接口令牌（请求头 Authorization: Bearer 令牌），或令牌已被撤销。");
			resp_header(r, w, "WWW-Authenticate", "Bearer realm=\"learnweek\"");
		} else if (r->method == M_GET) {
			buf loc = BUF_INIT;
			buf_puts(&loc, "/login?next=");
			url_encode(&loc, r->raw_uri);
			redirect(r, w, buf_cstr(&loc));
			buf_free(&loc);
		} else {
			fail(r, w, 403, "请先登录。登录可能已过期，请重新登录后再试。");
		}
		return NULL;
	}
	if (!role_allows(rt->need, r->user.role)) {
		fail(r, w, 403, "您的账号（%s）没有权限使用此功能。", role_label(r->user.role));
		return NULL;
	}
	r->target_unit = 0;
	for (int i = 0; i < r->npath; i++) {
		long long u = owner_unit_of(r->db, r->pkey[i], r->pval[i]);
		if (u == -1) {
			log_error("route %s: path parameter :%s has no owner rule in domain/unit.c", rt->pattern, r->pkey[i]);
			fail(r, w, 500, "服务器配置错误。");
			return NULL;
		}
		if (u == 0) {
			fail(r, w, 404, "要找的记录不存在，可能已被删除。");
			return NULL;
		}
		if (u > 0 && !r->target_unit)
			r->target_unit = u;
	}
	if (rt->need >= A_CENTRE_READ && !reach_ok(r, w, rt))
		return NULL;
	return rt;
}

void router_handle(req *r, resp *w)
{
	/* the fields of a multipart body arrive already split: the server appends
	 * them to the query's after admission; a caller that did not admit (a
	 * fuzzer, a test) hands them in params, and they go after the query's */
	const route *rt = r->route;
	if (!r->admitted) {
		int nbody = r->nparams;
		kv *body = r->params;
		rt = router_admit(r, w);
		if (!rt)
			return;
		kv *all = arena_alloc(r->a, sizeof *all * (size_t)(r->nparams + nbody + 1));
		if (r->nparams)
			memcpy(all, r->params, sizeof *all * (size_t)r->nparams);
		if (nbody)
			memcpy(all + r->nparams, body, sizeof *all * (size_t)nbody);
		r->params = all;
		r->nparams += nbody;
	}
	if (!rt)
		return;
	session_note_use(r);

	/* the body: multipart fields and file names, or a form */
	int rc = 0;
	if (r->nparams > MAX_PARAMS)
		rc = -3;
	for (int i = r->nquery; i < r->nparams && !rc; i++)
		if (!utf8_valid(r->params[i].k, strlen(r->params[i].k)) || !utf8_valid(r->params[i].v, strlen(r->params[i].v)))
			rc = -2;
	for (int i = 0; i < r->nuploads && !rc; i++) {
		if (!utf8_valid(r->uploads[i].filename, strlen(r->uploads[i].filename)))
			rc = -2;
		else /* every handler sees a plain base name, never a path */
			r->uploads[i].filename = file_name_clean(r->a, r->uploads[i].filename);
	}
	const char *ct = r->content_type ? r->content_type : "";
	if (!rc && r->body && r->body->len && !strncasecmp(ct, "application/x-www-form-urlencoded", 33))
		rc = split_params(r, r->body->p, r->body->len, &r->params, &r->nparams, MAX_PARAMS);
	if (rc == -1) {
		fail(r, w, 400, "提交的数据中百分号编码不正确，请刷新页面后重试。");
		return;
	}
	if (rc == -2) {
		fail(r, w, 400, "提交的内容不是有效的 UTF-8 文本（可能是编码错误），请检查后重新提交。");
		return;
	}
	if (rc == -3) {
		fail(r, w, 400, "提交的字段太多（最多 %d 个）。", MAX_PARAMS);
		return;
	}
	if ((rt->flags & RF_JSON) && r->body && r->body->len && strncasecmp(ct, "application/json", 16)) {
		fail(r, w, 415, "请以 JSON 提交（请求头 Content-Type: application/json）。");
		return;
	}
	if (!(rt->flags & RF_RAW_BODY) && r->body && r->body->len && strncasecmp(ct, "application/x-www-form-urlencoded", 33) &&
	    !(rt->flags & RF_JSON) && !(rt->flags & RF_UPLOAD)) {
		fail(r, w, 415, "不支持这种提交格式，请通过页面上的表单提交。");
		return;
	}

	/* 5. state changes carry the CSRF token of this session; the public
	 * forms (sign-up, check-in, rating, text size, login), which anyone may
	 * send without a session, must come from our own pages instead */
	const char *check = route_check(rt, r->method);
	if (!strcmp(check, "origin")) {
		if (!from_our_pages(r)) {
			fail(r, w, 403, "请求来源不明（安全校验失败）：请在本站的页面上填写后提交，不要从其他网站或保存下来的页面提交。");
			return;
		}
	} else if (!strcmp(check, "csrf")) {
		/* from the body only: a token in a URL ends up in logs, histories
		 * and Referer headers */
		const char *t = NULL;
		for (int i = r->nquery; i < r->nparams && !t; i++)
			if (!strcmp(r->params[i].k, "_csrf"))
				t = r->params[i].v;
		if (!t || strlen(t) != 64 || sodium_memcmp(t, r->csrf, 64) != 0) {
			fail(r, w, 403, "页面已过期或来源不明（安全校验失败）。请返回、刷新页面后重新提交。");
			return;
		}
	}

	/* 6. declared parameters only, each of its declared type */
	if (!r->cached && !params_ok(r, w, rt))
		return;
	/* the week a form or query names, for a route about one week */
	if ((rt->flags & (RF_OWN_WEEK | RF_OWN_FORM)) && r->user.id && !path_id(r, "week")) {
		long long named = 0;
		for (int i = 0; i < r->nparams; i++)
			if (!strcmp(r->params[i].k, "week"))
				parse_int64(r->params[i].v, 1, 1LL << 53, &named);
		if (named && !week_reach_ok(r, w, named, rt->flags & RF_OWN_FORM))
			return;
	}

	/* one render per page at a time: the others wait for it and take it
	 * from the cache (a city's WeChat push brings thousands at once) */
	bool cached = r->cached;
	claim cl = CLAIM_ALONE;
	if (cached) {
		cl = cache_claim(cache_key(r), r->cache_version);
		if (cl == CLAIM_RETRY && cache_answer(r, w))
			return;
		deps_begin(r);
	}
	db_storage_clear(r->db);
	rt->h.fn(r, w);
	if (cached)
		cache_store(r, w);
	if (cl == CLAIM_OWNER)
		cache_release(cache_key(r));
	/* a write the storage refused (disk full, read-only folder): say so in
	 * plain words with the right status, whatever the handler made of it
	 * (a form shown again with 保存失败, a 503) */
	store_failure se = r->method != M_GET ? db_storage_error(r->db) : STORE_NONE;
	if (se != STORE_NONE && w->status >= 400)
		fail_storage(r, w, se);
}

/* Declared parameters only, each of its declared type; false after the error page. */
static bool params_ok(req *r, resp *w, const route *rt)
{
	for (int i = 0; i < r->nparams; i++) {
		const char *k = r->params[i].k;
		if (!strcmp(k, "_csrf") && i < r->nquery) {
			fail(r, w, 400, "安全校验码（_csrf）不能放在网址中。请通过页面上的表单提交。");
			return false;
		}
		if (!strcmp(k, "_csrf") && r->method != M_GET)
			continue;
		const param_spec *s = find_spec(rt, k);
		if (!s) {
			fail(r, w, 400, "不认识的参数「%s」。请通过页面上的链接和表单操作。", k);
			return false;
		}
		if (!s->multi)
			for (int j = 0; j < i; j++)
				if (!strcmp(r->params[j].k, k)) {
					fail(r, w, 400, "参数「%s」重复出现。", s->label ? s->label : k);
					return false;
				}
		if (!check_param(r, w, s, r->params[i].v))
			return false;
	}
	return true;
}
