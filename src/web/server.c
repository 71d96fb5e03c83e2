/* server.c: libmicrohttpd in, our req/resp out. A thread pool with epoll; one
 * SQLite connection per pool thread; limits on headers, bodies, connections and
 * idle time; one access-log line per request. */
#include "server.h"
#include "web.h"
#include "cache.h"
#include "core/log.h"
#include "core/timefmt.h"
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define MAX_HEADER_BYTES (16 * 1024)
#define DEFAULT_MAX_BODY (64 * 1024)
#define MAX_HEADERS 100

#define MAX_UPLOADS 32
#define MAX_FIELDS_BYTES (256 * 1024)

typedef struct conn_ctx {
	arena a;
	struct MHD_PostProcessor *pp;
	upload_part parts[MAX_UPLOADS];
	int nparts;
	bool part_open, bad_multipart;
	int store_errno;         /* why a file part could not be written to files/tmp */
	kv *fields;
	buf *field_vals;
	int nfields;
	size_t field_bytes, body_bytes;
	int route_flags;
	req r;
	resp w;
	buf body;
	bool started, too_big, answered;
	size_t max_body;
	struct timespec t0;
	char method[8];
} conn_ctx;

static pthread_key_t db_key;
static char db_path[4096];

static void db_key_free(void *p)
{
	db_close(p);
}

/* One connection per pool thread, opened on first use and closed when the
 * thread ends. */
static db *thread_db(void)
{
	db *d = pthread_getspecific(db_key);
	if (!d) {
		char err[512];
		d = db_open(db_path, false, err, sizeof err);
		if (!d) {
			log_error("%s", err);
			return NULL;
		}
		pthread_setspecific(db_key, d);
	}
	return d;
}

static void *uri_log(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls, (void)c;
	conn_ctx *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	x->r.a = &x->a;
	x->r.raw_uri = arena_strdup(&x->a, uri ? uri : "/");
	clock_gettime(CLOCK_MONOTONIC, &x->t0);
	return x;
}

struct hdr_walk {
	conn_ctx *x;
	size_t bytes;
	int n;
};

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	(void)kind;
	struct hdr_walk *hw = cls;
	hw->bytes += strlen(k) + (v ? strlen(v) : 0) + 4;
	if (hw->n < MAX_HEADERS) {
		hw->x->r.headers[hw->n].k = arena_strdup(&hw->x->a, k);
		hw->x->r.headers[hw->n].v = arena_strdup(&hw->x->a, v ? v : "");
		hw->n++;
	}
	return MHD_YES;
}

static enum MHD_Result send_resp(struct MHD_Connection *c, conn_ctx *x)
{
	resp *w = &x->w;
	struct MHD_Response *mr;
	if (w->file_path) {
		FILE *f = fopen(w->file_path, "rb");
		if (!f) {
			w->file_path = NULL;
			w->status = 500;
			buf_reset(&w->body);
			buf_puts(&w->body, "文件丢失");
			mr = MHD_create_response_from_buffer(w->body.len, w->body.p, MHD_RESPMEM_MUST_COPY);
		} else {
			int fd = dup(fileno(f));
			fclose(f);
			if (w->file_temp)
				unlink(w->file_path); /* the open descriptor keeps it readable */
			mr = MHD_create_response_from_fd64((uint64_t)w->file_size, fd);
		}
	} else {
		size_t n;
		char *p = buf_detach(&w->body, &n);
		mr = MHD_create_response_from_buffer(n, p, MHD_RESPMEM_MUST_FREE);
	}
	if (!mr)
		return MHD_NO;
	if (w->content_type)
		MHD_add_response_header(mr, "Content-Type", w->content_type);
	for (int i = 0; i < w->nheaders; i++)
		MHD_add_response_header(mr, w->headers[i].k, w->headers[i].v);
	MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(mr, "Referrer-Policy", "same-origin");
	if (w->content_type && !strncmp(w->content_type, "text/html", 9)) {
		MHD_add_response_header(mr, "Content-Security-Policy",
			"default-src 'self'; img-src 'self' data: blob:; media-src 'self'; style-src 'self'; "
			"script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
		MHD_add_response_header(mr, "X-Frame-Options", "DENY");
		bool cacheable = false;
		for (int i = 0; i < w->nheaders; i++)
			if (!strcasecmp(w->headers[i].k, "Cache-Control"))
				cacheable = true;
		if (!cacheable)
			MHD_add_response_header(mr, "Cache-Control", "no-store");
	}
	enum MHD_Result rc = MHD_queue_response(c, (unsigned)w->status, mr);
	MHD_destroy_response(mr);
	x->answered = true;
	return rc;
}

static void prepare(conn_ctx *x, struct MHD_Connection *c, const char *method)
{
	req *r = &x->r;
	snprintf(x->method, sizeof x->method, "%s", method);
	r->method = !strcmp(method, "GET") || !strcmp(method, "HEAD") ? M_GET :
		    !strcmp(method, "POST") ? M_POST : !strcmp(method, "PUT") ? M_PUT :
		    !strcmp(method, "DELETE") ? M_DELETE : 0;
	r->now = now_utc();
	r->headers = arena_alloc(&x->a, sizeof(kv) * MAX_HEADERS);
	struct hdr_walk hw = {x, 0, 0};
	MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &hw);
	r->nheaders = hw.n;
	r->content_type = NULL;
	for (int i = 0; i < r->nheaders; i++)
		if (!strcasecmp(r->headers[i].k, "Content-Type"))
			r->content_type = r->headers[i].v;
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char addr[INET6_ADDRSTRLEN] = "";
	if (ci && ci->client_addr) {
		if (ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)ci->client_addr)->sin_addr, addr, sizeof addr);
		else if (ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)ci->client_addr)->sin6_addr, addr, sizeof addr);
	}
	/* behind a reverse proxy every peer is the proxy: the client is the
	 * address it puts in X-Real-IP (only when the peer is that proxy, and
	 * only a well-formed address) */
	const char *real = NULL;
	for (int i = 0; cfg.trusted_proxy && !strcmp(addr, cfg.trusted_proxy) && i < r->nheaders; i++)
		if (!strcasecmp(r->headers[i].k, "X-Real-IP"))
			real = r->headers[i].v;
	unsigned char ip[sizeof(struct in6_addr)];
	if (real && (inet_pton(AF_INET, real, ip) == 1 || inet_pton(AF_INET6, real, ip) == 1))
		snprintf(addr, sizeof addr, "%s", real);
	r->address = arena_strdup(&x->a, addr);
	r->body = &x->body;
	x->w.status = 200;
	x->max_body = DEFAULT_MAX_BODY;
	/* the route's own body limit, known before the body arrives */
	const char *q = strchr(r->raw_uri, '?');
	size_t plen = q ? (size_t)(q - r->raw_uri) : strlen(r->raw_uri);
	for (size_t i = 0; i < nroutes; i++) {
		const char *p = routes[i].pattern, *u = r->raw_uri, *ue = r->raw_uri + plen;
		bool ok = true;
		while (*p && u < ue && ok) {
			if (*p == ':') {
				while (*p && *p != '/') p++;
				while (u < ue && *u != '/') u++;
			} else if (*p == '*') {
				p = "", u = ue;
			} else {
				ok = *p++ == *u++;
			}
		}
		if (ok && !*p && u == ue && (routes[i].method & r->method)) {
			if (routes[i].max_body)
				x->max_body = routes[i].max_body;
			x->route_flags = routes[i].flags;
			break;
		}
	}
	(void)hw.bytes;
}

static size_t header_bytes(conn_ctx *x)
{
	size_t n = strlen(x->r.raw_uri);
	for (int i = 0; i < x->r.nheaders; i++)
		n += strlen(x->r.headers[i].k) + strlen(x->r.headers[i].v) + 4;
	return n;
}

static enum MHD_Result early_fail(struct MHD_Connection *c, conn_ctx *x, int status, const char *msg_lit)
{
	buf m = BUF_INIT;
	buf_puts(&m, msg_lit);
	x->r.route = NULL;
	x->r.db = thread_db();
	x->r.path = "/";
	x->w.status = status;
	x->w.content_type = "text/html; charset=utf-8";
	if (x->r.db) {
		extern void page_error(req *, resp *, int, buf *);
		page_error(&x->r, &x->w, status, &m);
	} else {
		buf_puts(&x->w.body, msg_lit);
	}
	buf_free(&m);
	return send_resp(c, x);
}

static void close_part(conn_ctx *x)
{
	if (!x->part_open)
		return;
	upload_part *p = &x->parts[x->nparts - 1];
	if (fs_finish(p->u) == 0)
		p->mime = fs_sniff(p->u->head, p->u->headlen);
	else if (!x->store_errno)
		x->store_errno = p->u->err ? p->u->err : EIO;
	x->part_open = false;
}

/* An upload the disk did not take (full, read-only, failing): the user's
 * request was fine, so not the 400 of a broken upload. */
static enum MHD_Result store_fail(struct MHD_Connection *c, conn_ctx *x)
{
	x->r.route = NULL;
	x->r.db = thread_db();
	x->r.path = "/";
	int e = x->store_errno;
	store_failure why = e == ENOSPC || e == EDQUOT ? STORE_FULL : e == EROFS ? STORE_READONLY : STORE_IO;
	if (x->r.db) {
		fail_storage(&x->r, &x->w, why);
	} else {
		x->w.status = why == STORE_FULL ? 507 : 503;
		x->w.content_type = "text/plain; charset=utf-8";
		buf_puts(&x->w.body, "服务器无法保存上传的文件，请联系系统管理员。");
	}
	return send_resp(c, x);
}

/* Called by libmicrohttpd's multipart parser for each piece of each part: a
 * file part goes chunk by chunk to a temp file, other fields are collected. */
static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
				 const char *content_type, const char *transfer_encoding, const char *data,
				 uint64_t off, size_t size)
{
	(void)kind, (void)content_type, (void)transfer_encoding;
	conn_ctx *x = cls;
	if (!key)
		return MHD_YES;
	if (filename) {
		if (off == 0) {
			close_part(x);
			if (x->nparts >= MAX_UPLOADS) {
				x->bad_multipart = true;
				return MHD_NO;
			}
			upload_part *p = &x->parts[x->nparts++];
			p->field = arena_strdup(&x->a, key);
			p->filename = arena_strdup(&x->a, filename);
			p->u = arena_alloc(&x->a, sizeof *p->u);
			x->part_open = true;
			if (fs_begin(cfg.data_dir, p->u) < 0) {
				x->store_errno = p->u->err ? p->u->err : EIO;
				return MHD_NO;
			}
		}
		upload *u = x->part_open ? x->parts[x->nparts - 1].u : NULL;
		if (u && size && fs_write(u, data, size) < 0) {
			x->store_errno = u->err ? u->err : EIO;
			return MHD_NO;
		}
		return MHD_YES;
	}
	close_part(x);
	x->field_bytes += size + strlen(key);
	if (x->field_bytes > MAX_FIELDS_BYTES || x->nfields >= 2000) {
		x->bad_multipart = true;
		return MHD_NO;
	}
	if (off == 0 || !x->nfields || strcmp(x->fields[x->nfields - 1].k, key)) {
		if (!x->fields) {
			x->fields = arena_alloc(&x->a, sizeof(kv) * 2000);
			x->field_vals = arena_alloc(&x->a, sizeof(buf) * 2000);
		}
		x->fields[x->nfields].k = arena_strdup(&x->a, key);
		x->nfields++;
	}
	buf_append(&x->field_vals[x->nfields - 1], data, size);
	return MHD_YES;
}

static void discard_uploads(conn_ctx *x)
{
	for (int i = 0; i < x->nparts; i++)
		if (x->parts[i].u)
			fs_discard(x->parts[i].u);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)cls, (void)url, (void)version;
	conn_ctx *x = *con_cls;
	if (!x)
		return MHD_NO;
	if (!x->started) {
		x->started = true;
		prepare(x, c, method);
		if (!x->r.method)
			return early_fail(c, x, 405, "不支持这种请求方法。");
		if (header_bytes(x) > MAX_HEADER_BYTES)
			return early_fail(c, x, 431, "请求头太大（可能是 Cookie 过多），请清除本站 Cookie 后重试。");
		const char *cl = NULL;
		for (int i = 0; i < x->r.nheaders; i++)
			if (!strcasecmp(x->r.headers[i].k, "Content-Length"))
				cl = x->r.headers[i].v;
		if (cl && strtoull(cl, NULL, 10) > x->max_body)
			return early_fail(c, x, 413, "提交的内容太大，超过了此页面允许的大小。");
		if ((x->route_flags & RF_UPLOAD) && x->r.content_type &&
		    !strncasecmp(x->r.content_type, "multipart/form-data", 19)) {
			x->pp = MHD_create_post_processor(c, 64 * 1024, post_iter, x);
			if (!x->pp)
				return early_fail(c, x, 400, "上传的数据格式不正确（缺少 multipart 分隔符）。");
		}
		return MHD_YES;
	}
	if (*upload_size && x->pp) {
		x->body_bytes += *upload_size;
		if (x->body_bytes > x->max_body)
			x->too_big = true;
		if (!x->too_big && !x->bad_multipart && MHD_post_process(x->pp, upload_data, *upload_size) != MHD_YES)
			x->bad_multipart = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!x->too_big) {
			if (x->body.len + *upload_size > x->max_body) {
				x->too_big = true;
				buf_free(&x->body);
			} else {
				buf_append(&x->body, upload_data, *upload_size);
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (x->answered)
		return MHD_YES;
	if (x->pp) {
		close_part(x);
		MHD_destroy_post_processor(x->pp);
		x->pp = NULL;
		for (int i = 0; i < x->nparts; i++)
			if (x->parts[i].u->failed && !x->store_errno)
				x->bad_multipart = true;
	}
	if (x->store_errno) {
		discard_uploads(x);
		return store_fail(c, x);
	}
	if (x->too_big) {
		discard_uploads(x);
		return early_fail(c, x, 413, "提交的内容太大，超过了此页面允许的大小。");
	}
	if (x->bad_multipart) {
		discard_uploads(x);
		return early_fail(c, x, 400, "上传没有完成或格式不正确，请重新选择文件上传。");
	}
	if (x->nfields) {
		x->r.params = arena_alloc(&x->a, sizeof(kv) * (size_t)x->nfields);
		for (int i = 0; i < x->nfields; i++) {
			x->r.params[i].k = x->fields[i].k;
			x->r.params[i].v = arena_strndup(&x->a, buf_cstr(&x->field_vals[i]), x->field_vals[i].len);
			/* a NUL inside a field becomes invalid UTF-8, which the router refuses */
			if (x->field_vals[i].len != strlen(x->r.params[i].v))
				x->r.params[i].v = "\xff";
			buf_free(&x->field_vals[i]);
		}
		x->r.nparams = x->nfields;
		x->nfields = 0;
	}
	x->r.uploads = x->parts;
	x->r.nuploads = x->nparts;
	x->r.db = thread_db();
	if (!x->r.db)
		return early_fail(c, x, 503, "数据库暂时无法使用，请稍后再试。");
	router_handle(&x->r, &x->w);
	/* whatever the handler did not keep goes before the answer does, so a
	 * client that got its answer never sees a leftover temp file */
	discard_uploads(x);
	return send_resp(c, x);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)c;
	conn_ctx *x = *con_cls;
	if (!x)
		return;
	if (x->started) {
		struct timespec t1;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms = (double)(t1.tv_sec - x->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - x->t0.tv_nsec) / 1e6;
		/* the path only: query strings may carry what residents typed */
		const char *q = strchr(x->r.raw_uri, '?');
		int plen = (int)(q ? (size_t)(q - x->r.raw_uri) : strlen(x->r.raw_uri));
		if (plen > 200)
			plen = 200;
		log_msg("access", "%s %s %.*s %d %.1fms user=%lld%s", x->r.address ? x->r.address : "-", x->method,
			plen, x->r.raw_uri, x->w.status, ms, x->r.user.id,
			toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	}
	if (x->pp)
		MHD_destroy_post_processor(x->pp);
	discard_uploads(x); /* an aborted request that never reached a handler */
	for (int i = 0; i < x->nfields; i++)
		buf_free(&x->field_vals[i]);
	buf_free(&x->body);
	buf_free(&x->w.body);
	arena_free(&x->a);
	free(x);
	*con_cls = NULL;
}

static volatile sig_atomic_t stopping;
static void on_signal(int s)
{
	(void)s;
	stopping = 1;
}

static int parse_listen(const char *s, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	if (!colon || (size_t)(colon - s) >= sizeof host)
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = 0;
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535 || colon[1] == 0)
		return -1;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return -1;
	return 0;
}

int serve(const serve_opts *o)
{
	struct sockaddr_in sa;
	if (parse_listen(o->listen, &sa) < 0) {
		fprintf(stderr, "learnweek: --listen 应为 地址:端口，例如 127.0.0.1:8080（收到「%s」）\n", o->listen);
		return 2;
	}
	snprintf(db_path, sizeof db_path, "%s/%s", o->data_dir, DB_FILE);
	pthread_key_create(&db_key, db_key_free);
	/* a worker may wait on the disk (an upload, a PDF, a SQLite write lock), so
	 * keep more workers than cores: four per core, at least four */
	unsigned threads = o->threads ? o->threads : 4 * (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 4 && !o->threads)
		threads = 4;
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
		on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		/* per connection: request line and headers must fit (MHD answers 431 itself
		 * past this; below it our own 16 KiB check answers in Chinese) */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_URI_LOG_CALLBACK, uri_log, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "learnweek: 无法在 %s 上启动服务：%s\n", o->listen, strerror(errno));
		return 1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = di ? di->port : ntohs(sa.sin_port);
	char host[64];
	inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
	if (o->public_url)
		cfg.public_url = o->public_url;
	else {
		char url[128];
		snprintf(url, sizeof url, "http://%s:%u", host, port);
		cfg.public_url = public_url_parse(url);
	}
	/* cookies go over HTTPS only when residents reach us by HTTPS */
	if (!strncmp(cfg.public_url, "https:", 6))
		cfg.secure_cookies = true;
	cache_init((size_t)o->cache_mb << 20);
	printf("learnweek: serving http://%s:%u/ for %s (data: %s, %u threads, page cache %lld MB)\n", host, port,
	       cfg.public_url, o->data_dir, threads, o->cache_mb);
	fflush(stdout);
	if (o->port_file) {
		FILE *f = fopen(o->port_file, "w");
		if (f) {
			fprintf(f, "%u\n", port);
			fclose(f);
		}
	}
	struct sigaction act = {0};
	act.sa_handler = on_signal;
	sigaction(SIGINT, &act, NULL);
	sigaction(SIGTERM, &act, NULL);
	signal(SIGPIPE, SIG_IGN);
	while (!stopping)
		pause();
	unsigned long long hits, misses;
	size_t bytes, pages;
	cache_stats(&hits, &misses, &bytes, &pages);
	log_info("stopping; page cache: %llu hits, %llu misses, %zu pages in %zu KB", hits, misses, pages, bytes >> 10);
	MHD_stop_daemon(d);
	return 0;
}
