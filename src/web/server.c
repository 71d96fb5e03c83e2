/* server.c: libmicrohttpd in, our req/resp out. A thread pool with epoll; one
 * SQLite connection per pool thread; limits on headers, bodies, connections and
 * idle time; one access-log line per request. */
#include "server.h"
#include "web/router.h"
#include "web/http.h"
#include "cache.h"
#include "layout.h"
#include "core/log.h"
#include "core/timefmt.h"
#include "db/datadir.h"
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
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_HEADER_BYTES (16 * 1024)
#define DEFAULT_MAX_BODY (64 * 1024)
#define MAX_HEADERS 100

/* Slow clients (slowloris): a connection holds a socket and 64 KiB, not a
 * worker, but the connections are finite. So a request's headers must be
 * complete within HEADER_SECONDS of the connection's opening (or, on a kept
 * connection, within IDLE_SECONDS + HEADER_SECONDS of the previous answer),
 * and a body must arrive at BODY_MIN_RATE bytes a second on average after
 * BODY_GRACE_SECONDS: whole-request deadlines, where libmicrohttpd's idle
 * timeout starts again at every byte. One address holds at most
 * PER_ADDRESS_CONNECTIONS at once (a reverse proxy in front must keep fewer
 * upstream connections than that); all addresses MAX_CONNECTIONS. */
#define HEADER_SECONDS 10
#define IDLE_SECONDS 30
#define BODY_MIN_RATE (8 * 1024)
#define BODY_GRACE_SECONDS 10
#define PER_ADDRESS_CONNECTIONS 128
#define MAX_CONNECTIONS 4000

#define DRAIN_BYTES (1024 * 1024) /* read and dropped past a body limit before the 413 */

#define MAX_UPLOADS 32
#define MAX_FIELDS_BYTES (256 * 1024)

/* One per connection (libmicrohttpd's socket context), on a list the
 * deadline thread walks. */
typedef enum conn_phase { PH_HEADERS, PH_BODY, PH_ANSWER } conn_phase;
typedef struct conn_watch {
	struct conn_watch *prev, *next;
	int fd;
	conn_phase phase;
	double deadline;          /* PH_HEADERS: monotonic seconds */
	double body_start;        /* PH_BODY */
	size_t body_bytes;
	bool cut;
} conn_watch;

static pthread_mutex_t watch_mu = PTHREAD_MUTEX_INITIALIZER;
static conn_watch *watch_head;

typedef struct conn_ctx {
	arena a;
	struct MHD_PostProcessor *pp;
	upload_part parts[MAX_UPLOADS];
	int nparts;
	bool part_open, bad_multipart;
	/* the closing delimiter "\r\n--boundary--", and whether the body held it:
	 * a body cut short (by a client, a proxy) must not be kept as a whole file */
	char *close_delim;
	size_t close_len;
	char tail[96];            /* the body's last close_len - 1 bytes so far */
	size_t tail_len;
	bool closed;
	int store_errno;         /* why a file part could not be written to files/tmp */
	kv *fields;
	buf *field_vals;
	int nfields;
	size_t field_bytes, body_bytes;
	const route *early_route; /* for the format of an answer before admission */
	req r;
	resp w;
	buf body;
	bool started, answered, too_big;
	bool answer_at_end;       /* answered at admission, sent once the (empty) request ends */
	size_t max_body;
	struct conn_ctx *lane_next;   /* in the slow lane's queue */
	struct MHD_Connection *conn;  /* suspended while there */
	bool lane_done;               /* its answer is made: send it */
	struct timespec t0;
	char method[8];
	conn_watch *watch;
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

static double mono_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode what)
{
	(void)cls;
	if (what == MHD_CONNECTION_NOTIFY_STARTED) {
		conn_watch *w = calloc(1, sizeof *w);
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (!w || !ci)
			return free(w);
		w->fd = ci->connect_fd;
		w->phase = PH_HEADERS;
		w->deadline = mono_now() + HEADER_SECONDS;
		pthread_mutex_lock(&watch_mu);
		w->next = watch_head;
		if (watch_head)
			watch_head->prev = w;
		watch_head = w;
		pthread_mutex_unlock(&watch_mu);
		*socket_context = w;
		return;
	}
	/* libmicrohttpd closes the socket after this returns: off the list
	 * first, under the lock, so the deadline thread never shuts down a
	 * descriptor that was closed and reused */
	conn_watch *w = *socket_context;
	if (!w)
		return;
	pthread_mutex_lock(&watch_mu);
	if (w->prev)
		w->prev->next = w->next;
	else
		watch_head = w->next;
	if (w->next)
		w->next->prev = w->prev;
	pthread_mutex_unlock(&watch_mu);
	free(w);
	*socket_context = NULL;
}

static void watch_phase(conn_watch *w, conn_phase ph, double deadline)
{
	if (!w)
		return;
	pthread_mutex_lock(&watch_mu);
	w->phase = ph;
	w->deadline = deadline;
	if (ph == PH_BODY) {
		w->body_start = mono_now();
		w->body_bytes = 0;
	}
	pthread_mutex_unlock(&watch_mu);
}

static void watch_body(conn_watch *w, size_t n)
{
	if (!w)
		return;
	pthread_mutex_lock(&watch_mu);
	w->body_bytes += n;
	pthread_mutex_unlock(&watch_mu);
}

static volatile sig_atomic_t stopping;

/* Twice a second: a connection past its deadline is shut down (not closed:
 * libmicrohttpd owns the descriptor, sees the end of the stream and cleans
 * up as after any client that went away). */
static void *deadline_thread(void *arg)
{
	(void)arg;
	while (!stopping) {
		struct timespec pause_ = {0, 500 * 1000 * 1000};
		nanosleep(&pause_, NULL);
		double now = mono_now();
		int cut = 0;
		pthread_mutex_lock(&watch_mu);
		for (conn_watch *w = watch_head; w; w = w->next) {
			if (w->cut)
				continue;
			bool late = w->phase == PH_HEADERS ? now > w->deadline :
				    w->phase == PH_BODY ? now - w->body_start > BODY_GRACE_SECONDS &&
							  (double)w->body_bytes < BODY_MIN_RATE * (now - w->body_start - BODY_GRACE_SECONDS) :
				    false;
			if (late) {
				shutdown(w->fd, SHUT_RDWR);
				w->cut = true;
				cut++;
			}
		}
		pthread_mutex_unlock(&watch_mu);
		if (cut)
			log_msg("access", "closed %d connection%s too slow to send a request", cut, cut == 1 ? "" : "s");
	}
	return NULL;
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
	/* libmicrohttpd splits the query into its own per-connection memory pool
	 * right after this callback, and about a thousand parameters exhaust the
	 * pool, so that it drops the connection without an answer. We never ask
	 * it for them (the router decodes the copy above, strictly, and refuses
	 * too many in Chinese): end its string at the '?' so that it parses none.
	 * The URI lives in the connection's own read buffer, which is writable. */
	char *qm = uri ? strchr(uri, '?') : NULL;
	if (qm)
		qm[1] = 0;
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

typedef struct stream_glue {
	long (*fn)(void *ctx, char *out, size_t max);
	void (*fn_free)(void *ctx);
	void *ctx;
} stream_glue;

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	(void)pos;
	stream_glue *g = cls;
	long n = g->fn(g->ctx, out, max);
	return n > 0 ? (ssize_t)n : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void stream_end(void *cls)
{
	stream_glue *g = cls;
	if (g->fn_free)
		g->fn_free(g->ctx);
	free(g);
}

static enum MHD_Result send_resp(struct MHD_Connection *c, conn_ctx *x)
{
	resp *w = &x->w;
	struct MHD_Response *mr;
	if (w->stream) {
		stream_glue *g = malloc(sizeof *g);
		if (g)
			*g = (stream_glue){w->stream, w->stream_free, w->stream_ctx};
		else if (w->stream_free)
			w->stream_free(w->stream_ctx);
		w->stream = NULL;
		mr = g ? MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32 * 1024, stream_read, g, stream_end) : NULL;
		if (!mr && g)
			stream_end(g);
	} else if (w->file_path) {
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
	watch_phase(x->watch, PH_ANSWER, 0);
	enum MHD_Result rc = MHD_queue_response(c, (unsigned)w->status, mr);
	MHD_destroy_response(mr);
	x->answered = true;
	return rc;
}

/* The address s[0..n) (spaces around it allowed) in its canonical text, or
 * false when it is not an IPv4 or IPv6 address. */
static bool addr_canon(const char *s, size_t n, char out[INET6_ADDRSTRLEN])
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char tmp[INET6_ADDRSTRLEN];
	unsigned char bin[sizeof(struct in6_addr)];
	if (!n || n >= sizeof tmp)
		return false;
	memcpy(tmp, s, n);
	tmp[n] = 0;
	if (inet_pton(AF_INET, tmp, bin) == 1)
		return inet_ntop(AF_INET, bin, out, INET6_ADDRSTRLEN) != NULL;
	if (inet_pton(AF_INET6, tmp, bin) == 1)
		return inet_ntop(AF_INET6, bin, out, INET6_ADDRSTRLEN) != NULL;
	return false;
}

int trusted_proxy_parse(const char *list)
{
	cfg.ntrusted_proxy = 0;
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (cfg.ntrusted_proxy == 8 || !addr_canon(p, n, cfg.trusted_proxy[cfg.ntrusted_proxy]))
			return -1;
		cfg.ntrusted_proxy++;
		p = e ? e + 1 : p + n;
	}
	return 0;
}

static bool is_trusted_proxy(const char *addr)
{
	for (int i = 0; i < cfg.ntrusted_proxy; i++)
		if (!strcmp(cfg.trusted_proxy[i], addr))
			return true;
	return false;
}

/* The client's address: the peer's, unless the peer is a trusted proxy; then
 * the last address in X-Forwarded-For (all such headers, in order) that is not
 * itself a trusted proxy, or else X-Real-IP. A client can prepend anything to
 * X-Forwarded-For, so only what the proxies appended counts. */
static void client_address(const req *r, char addr[INET6_ADDRSTRLEN])
{
	if (!is_trusted_proxy(addr))
		return;
	char found[INET6_ADDRSTRLEN] = "";
	for (int i = r->nheaders - 1; i >= 0 && !found[0]; i--) {
		if (strcasecmp(r->headers[i].k, "X-Forwarded-For"))
			continue;
		const char *v = r->headers[i].v;
		for (const char *end = v + strlen(v); end > v && !found[0];) {
			const char *start = end;
			while (start > v && start[-1] != ',')
				start--;
			char one[INET6_ADDRSTRLEN];
			if (!addr_canon(start, (size_t)(end - start), one))
				return;   /* not an address: keep the proxy's own */
			if (!is_trusted_proxy(one))
				memcpy(found, one, sizeof one);
			end = start > v ? start - 1 : v;
		}
	}
	for (int i = 0; i < r->nheaders && !found[0]; i++)
		if (!strcasecmp(r->headers[i].k, "X-Real-IP") && !addr_canon(r->headers[i].v, strlen(r->headers[i].v), found))
			found[0] = 0;
	if (found[0])
		memcpy(addr, found, INET6_ADDRSTRLEN);
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
	client_address(r, addr);
	r->address = arena_strdup(&x->a, addr);
	r->body = &x->body;
	x->w.status = 200;
	x->max_body = DEFAULT_MAX_BODY;
	/* the route, from the raw path, only to answer an early error (a header
	 * too big) in its format: the router decides everything else */
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
			x->early_route = &routes[i];
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

/* An error page in the route's format, into x->w (sent by the caller). */
static void early_answer(conn_ctx *x, int status, const char *msg_lit)
{
	if (!x->r.route)
		x->r.route = x->early_route;
	x->r.db = thread_db();
	if (!x->r.path)
		x->r.path = "/";
	x->w.status = status;
	x->w.content_type = "text/html; charset=utf-8";
	if (x->r.db || (x->r.route && (x->r.route->flags & RF_JSON)))
		fail(&x->r, &x->w, status, "%s", msg_lit);
	else
		html_txt(resp_html(&x->w), msg_lit); /* text/html: escaped as every page text */
}

static enum MHD_Result early_fail(struct MHD_Connection *c, conn_ctx *x, int status, const char *msg_lit)
{
	early_answer(x, status, msg_lit);
	return send_resp(c, x);
}

/* A file part's bytes are all in: hashed and closed now (one descriptor a
 * connection at a time), fsynced with the others by finish_parts, in the
 * slow lane, not on the connection's thread. */
static void close_part(conn_ctx *x)
{
	if (!x->part_open)
		return;
	upload_part *p = &x->parts[x->nparts - 1];
	if (fs_close(p->u) == 0)
		p->mime = fs_sniff(p->u->head, p->u->headlen);
	else if (!x->store_errno)
		x->store_errno = p->u->err ? p->u->err : EIO;
	x->part_open = false;
}

/* Every closed part on disk for good; none when the upload is refused anyway. */
static void finish_parts(conn_ctx *x)
{
	for (int i = 0; i < x->nparts && !x->store_errno && !x->bad_multipart && x->closed; i++)
		if (x->parts[i].u->sha256[0] && fs_sync(x->parts[i].u) < 0)
			x->store_errno = x->parts[i].u->err ? x->parts[i].u->err : EIO;
}

/* An upload the disk did not take (full, read-only, failing): the user's
 * request was fine, so not the 400 of a broken upload. */
static void store_answer(conn_ctx *x)
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
	if (x->field_bytes > MAX_FIELDS_BYTES || x->nfields >= MAX_PARAMS) {
		x->bad_multipart = true;
		return MHD_NO;
	}
	if (off == 0 || !x->nfields || strcmp(x->fields[x->nfields - 1].k, key)) {
		if (!x->fields) {
			x->fields = arena_alloc(&x->a, sizeof(kv) * MAX_PARAMS);
			x->field_vals = arena_alloc(&x->a, sizeof(buf) * MAX_PARAMS);
		}
		x->fields[x->nfields].k = arena_strdup(&x->a, key);
		x->nfields++;
	}
	buf_append(&x->field_vals[x->nfields - 1], data, size);
	return MHD_YES;
}

/* The boundary of a multipart/form-data Content-Type (boundary=B or "B"). */
static bool multipart_boundary(conn_ctx *x, const char *ct)
{
	const char *p = strcasestr(ct, "boundary=");
	if (!p)
		return false;
	p += 9;
	size_t n;
	if (*p == '"') {
		const char *e = strchr(++p, '"');
		if (!e)
			return false;
		n = (size_t)(e - p);
	} else {
		n = strcspn(p, "; \t");
	}
	if (!n || n > 70) /* RFC 2046: 1 to 70 characters */
		return false;
	x->close_delim = arena_printf(&x->a, "\r\n--%.*s--", (int)n, p);
	x->close_len = n + 6;
	return true;
}

/* Looks for the closing delimiter in the body as it streams by, across chunk
 * borders; the delimiter cannot occur inside a part, so seeing it means the
 * last part ended. */
static void multipart_watch(conn_ctx *x, const char *data, size_t n)
{
	if (x->closed || !x->close_delim)
		return;
	size_t keep = x->close_len - 1;
	char win[2 * sizeof x->tail];
	size_t head = n < keep ? n : keep;
	memcpy(win, x->tail, x->tail_len);
	memcpy(win + x->tail_len, data, head);
	if (memmem(win, x->tail_len + head, x->close_delim, x->close_len) ||
	    memmem(data, n, x->close_delim, x->close_len)) {
		x->closed = true;
		return;
	}
	if (n >= keep) {
		memcpy(x->tail, data + n - keep, keep);
		x->tail_len = keep;
	} else {
		size_t total = x->tail_len + n, drop = total > keep ? total - keep : 0;
		memmove(x->tail, win + drop, total - drop);
		x->tail_len = total - drop;
	}
}

static void discard_uploads(conn_ctx *x)
{
	for (int i = 0; i < x->nparts; i++)
		if (x->parts[i].u)
			fs_discard(x->parts[i].u);
}

/* The rest of a request whose body is in: the uploads finished, the fields
 * merged, the handler run, all into x->w; on a pool thread or in the slow
 * lane. */
static void complete(conn_ctx *x)
{
	if (x->close_delim) { /* a multipart body, whose post processor has ended */
		finish_parts(x);
		for (int i = 0; i < x->nparts; i++)
			if (x->parts[i].u->failed && !x->store_errno)
				x->bad_multipart = true;
		if (!x->closed)
			x->bad_multipart = true; /* cut short: the last part is not whole */
	}
	if (x->store_errno) {
		discard_uploads(x);
		store_answer(x);
		return;
	}
	if (x->bad_multipart) {
		discard_uploads(x);
		early_answer(x, 400, "上传没有完成或格式不正确，请重新选择文件上传。");
		return;
	}
	if (x->nfields) {
		/* after the query's parameters, which the router took at admission */
		kv *all = arena_alloc(&x->a, sizeof(kv) * (size_t)(x->r.nparams + x->nfields));
		if (x->r.nparams)
			memcpy(all, x->r.params, sizeof(kv) * (size_t)x->r.nparams);
		for (int i = 0; i < x->nfields; i++) {
			kv *p = &all[x->r.nparams + i];
			p->k = x->fields[i].k;
			p->v = arena_strndup(&x->a, buf_cstr(&x->field_vals[i]), x->field_vals[i].len);
			/* a NUL inside a field becomes invalid UTF-8, which the router refuses */
			if (x->field_vals[i].len != strlen(p->v))
				p->v = "\xff";
			buf_free(&x->field_vals[i]);
		}
		x->r.params = all;
		x->r.nparams += x->nfields;
		x->nfields = 0;
	}
	x->r.uploads = x->parts;
	x->r.nuploads = x->nparts;
	x->r.db = thread_db(); /* this thread's: admission may have run on another */
	if (!x->r.db) {
		discard_uploads(x);
		early_answer(x, 503, "数据库暂时无法使用，请稍后再试。");
		return;
	}
	router_handle(&x->r, &x->w);
	/* whatever the handler did not keep goes before the answer does, so a
	 * client that got its answer never sees a leftover temp file */
	discard_uploads(x);
}

/* ---- the slow lane ----
 * libmicrohttpd's pool gives each connection to one of its threads for
 * good, and a thread serves its connections one callback at a time: a staff
 * page of 300 ms, a PDF, an import or a write waiting for the write lock
 * would hold up every resident's page on that thread. So a request that is
 * not a resident's read is suspended once its body is in and handed to a worker
 * of its own pool; the worker makes the answer with its own database
 * connection and resumes the connection, whose thread then sends it. The
 * queue needs no limit of its own: each entry is a connection, and those
 * are limited (MAX_CONNECTIONS, PER_ADDRESS_CONNECTIONS). A handler's
 * stream reads its thread's database as the answer goes out, on the pool
 * thread: an answer made here is drained into memory first (no route of the
 * lane streams today; the whole-week feed is a public page). */
static pthread_mutex_t lane_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t lane_cv = PTHREAD_COND_INITIALIZER;
static conn_ctx *lane_head, *lane_tail;
static bool lane_open;
static pthread_t *lane_threads;
static unsigned lane_nthreads;

static void *lane_worker(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&lane_mu);
		while (!lane_head && lane_open)
			pthread_cond_wait(&lane_cv, &lane_mu);
		conn_ctx *x = lane_head;
		if (x && !(lane_head = x->lane_next))
			lane_tail = NULL;
		pthread_mutex_unlock(&lane_mu);
		if (!x)
			return NULL; /* closed, and nothing left */
		complete(x);
		resp_stream_drain(&x->w);
		/* nothing of this request's left open on the worker's connection
		 * for the next one (a statement a handler did not finish) */
		if (x->r.db)
			db_release_reads(x->r.db);
		x->lane_done = true;
		MHD_resume_connection(x->conn);
	}
}

/* Suspends the connection and queues its request; false when the lane is
 * closed (then the caller answers it itself). */
static bool lane_push(conn_ctx *x, struct MHD_Connection *c)
{
	pthread_mutex_lock(&lane_mu);
	if (!lane_open) {
		pthread_mutex_unlock(&lane_mu);
		return false;
	}
	MHD_suspend_connection(c);
	x->conn = c;
	x->lane_next = NULL;
	if (lane_tail)
		lane_tail->lane_next = x;
	else
		lane_head = x;
	lane_tail = x;
	pthread_cond_signal(&lane_cv);
	pthread_mutex_unlock(&lane_mu);
	return true;
}

static unsigned lane_start(unsigned n)
{
	lane_threads = calloc(n, sizeof *lane_threads);
	if (!lane_threads)
		return 0;
	lane_open = true;
	while (lane_nthreads < n && pthread_create(&lane_threads[lane_nthreads], NULL, lane_worker, NULL) == 0)
		lane_nthreads++;
	if (!lane_nthreads)
		lane_open = false;
	return lane_nthreads;
}

/* Every queued request answered, then the workers gone: before the daemon
 * stops, which must find no connection suspended. */
static void lane_stop(void)
{
	pthread_mutex_lock(&lane_mu);
	lane_open = false;
	pthread_cond_broadcast(&lane_cv);
	pthread_mutex_unlock(&lane_mu);
	for (unsigned i = 0; i < lane_nthreads; i++)
		pthread_join(lane_threads[i], NULL);
	free(lane_threads);
	lane_threads = NULL;
	lane_nthreads = 0;
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
		const union MHD_ConnectionInfo *sc = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
		x->watch = sc ? sc->socket_context : NULL;
		watch_phase(x->watch, PH_BODY, 0); /* the headers are in */
		prepare(x, c, method);
		if (!x->r.method)
			return early_fail(c, x, 405, "不支持这种请求方法。");
		if (header_bytes(x) > MAX_HEADER_BYTES)
			return early_fail(c, x, 431, "请求头太大（可能是 Cookie 过多），请清除本站 Cookie 后重试。");
		/* one body length: two different ones (or one that is not a
		 * number) let a proxy and this server read different requests */
		const char *cl = NULL;
		for (int i = 0; i < x->r.nheaders; i++) {
			if (strcasecmp(x->r.headers[i].k, "Content-Length"))
				continue;
			const char *v = x->r.headers[i].v;
			if (!*v || v[strspn(v, "0123456789")] || (cl && strcmp(cl, v)))
				return early_fail(c, x, 400, "请求头 Content-Length 不正确（重复且不一致，或不是数字）。");
			cl = v;
		}
		/* who asks, for what, and may they: decided before a byte of the
		 * body is read, so that a body limit is the route's only for
		 * someone the route admits (the rest are answered now, and
		 * libmicrohttpd then closes the connection without reading on) */
		x->r.db = thread_db();
		if (!x->r.db)
			return early_fail(c, x, 503, "数据库暂时无法使用，请稍后再试。");
		const route *rt = router_admit(&x->r, &x->w);
		/* the body may take minutes to arrive, while this thread serves
		 * others: no read transaction of the admission may stay open that
		 * long (a later write from it would fail as a stale snapshot) */
		db_release_reads(x->r.db);
		if (!rt) {
			/* a request without a body (a page from the render cache, a
			 * 404): sent when the request ends, as any answer, so that
			 * libmicrohttpd keeps the connection for the next request;
			 * sent now, before the request is over, it closes it, which
			 * is what a refused body needs */
			bool body = (cl && strtoull(cl, NULL, 10) > 0) || MHD_lookup_connection_value(c, MHD_HEADER_KIND,
														 "Transfer-Encoding");
			if (!body) {
				x->answer_at_end = true;
				return MHD_YES;
			}
			return send_resp(c, x);
		}
		bool multipart = (rt->flags & RF_UPLOAD) && x->r.content_type &&
				 !strncasecmp(x->r.content_type, "multipart/form-data", 19);
		/* a large limit is for a file streamed to files/tmp; a body held in
		 * memory has the default one unless the route declares its own */
		if (rt->max_body && (multipart || !(rt->flags & RF_UPLOAD)))
			x->max_body = rt->max_body;
		if (cl && strtoull(cl, NULL, 10) > x->max_body)
			return early_fail(c, x, 413, "提交的内容太大，超过了此页面允许的大小。");
		if (multipart) {
			if (!multipart_boundary(x, x->r.content_type))
				return early_fail(c, x, 400, "上传的数据格式不正确（缺少 multipart 分隔符）。");
			x->pp = MHD_create_post_processor(c, 64 * 1024, post_iter, x);
			if (!x->pp)
				return early_fail(c, x, 400, "上传的数据格式不正确（缺少 multipart 分隔符）。");
		}
		return MHD_YES;
	}
	if (x->answer_at_end) {
		*upload_size = 0;
		x->answer_at_end = false;
		return send_resp(c, x);
	}
	if (x->lane_done) { /* resumed: the slow lane made the answer */
		x->lane_done = false;
		return send_resp(c, x);
	}
	if (x->answered) { /* refused part way: the rest is not looked at */
		*upload_size = 0;
		return MHD_YES;
	}
	watch_body(x->watch, *upload_size);
	if (*upload_size) {
		x->body_bytes += *upload_size;
		if (x->body_bytes > x->max_body && !x->too_big) {
			x->too_big = true;
			discard_uploads(x);
			buf_free(&x->body);
		}
		/* past the limit, a little more is read and dropped, so that a
		 * client still sending reads the 413 instead of a reset; then the
		 * answer goes at once and the connection closes */
		if (x->too_big && x->body_bytes > x->max_body + DRAIN_BYTES) {
			*upload_size = 0;
			return early_fail(c, x, 413, "提交的内容太大，超过了此页面允许的大小。");
		}
		if (x->too_big) {
			*upload_size = 0;
			return MHD_YES;
		}
	}
	if (*upload_size && x->pp) {
		if (!x->bad_multipart && MHD_post_process(x->pp, upload_data, *upload_size) != MHD_YES)
			x->bad_multipart = true;
		multipart_watch(x, upload_data, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		buf_append(&x->body, upload_data, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (x->too_big) /* the uploads are gone already; the post processor ends with the request */
		return early_fail(c, x, 413, "提交的内容太大，超过了此页面允许的大小。");
	if (x->pp) {
		MHD_destroy_post_processor(x->pp);
		x->pp = NULL;
		close_part(x);
	}
	watch_phase(x->watch, PH_ANSWER, 0); /* the body is in: the handler may take its time */
	/* what residents read (a page of the render cache, a photo, a form,
	 * /healthz) is made here: it reads only, and fast; everything else
	 * (staff pages, writes, uploads, exports, and a public page whose
	 * visitor's session is due a write) in the slow lane, so that it never
	 * holds up this thread's other connections */
	const route *rt = x->r.route;
	bool writes = x->r.touch_session || x->r.touch_token || x->r.drop_session[0]; /* session_note_use */
	if (rt && !writes && ((rt->flags & RF_CACHED) || (rt->need == A_PUBLIC && x->r.method == M_GET))) {
		complete(x);
		return send_resp(c, x);
	}
	if (!lane_push(x, c)) {
		complete(x); /* the lane is closed: the server is stopping */
		return send_resp(c, x);
	}
	return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)c;
	conn_ctx *x = *con_cls;
	if (!x)
		return;
	/* a kept connection's next request: its headers within the idle time
	 * and the header time of this answer */
	watch_phase(x->watch, PH_HEADERS, mono_now() + IDLE_SECONDS + HEADER_SECONDS);
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
	if (x->w.stream && x->w.stream_free) /* never handed to libmicrohttpd */
		x->w.stream_free(x->w.stream_ctx);
	arena_free(&x->a);
	free(x);
	*con_cls = NULL;
}

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
	char where[4200];
	snprintf(db_path, sizeof db_path, "%s", datadir_db_path(o->data_dir, where, sizeof where));
	pthread_key_create(&db_key, db_key_free);
	/* the connection threads do only what never waits (residents' reads,
	 * the cache), so one a core, as an event server has; a worker of the slow
	 * lane may wait on the disk (an upload, a PDF, the write lock), so four a
	 * core there. bench/vs-nginx.sh on 2 cores: p99 3.6 to 5.3 ms with 2
	 * connection threads, 6.8 to 13 ms with 8. */
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned cores = online > 0 && online < 1024 ? (unsigned)online : 1;
	unsigned threads = o->threads ? o->threads : cores < 2 ? 2 : cores;
	unsigned workers = o->workers ? o->workers : 4 * cores < 4 ? 4 : 4 * cores;
	/* a socket per connection: room for MAX_CONNECTIONS and the files and
	 * database the workers open */
	struct rlimit nofile;
	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < MAX_CONNECTIONS + 256) {
		nofile.rlim_cur = nofile.rlim_max < MAX_CONNECTIONS + 256 ? nofile.rlim_max : MAX_CONNECTIONS + 256;
		setrlimit(RLIMIT_NOFILE, &nofile);
	}
	/* the slow lane's workers, each with its database connection */
	unsigned lane = lane_start(workers);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL,
		on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)PER_ADDRESS_CONNECTIONS,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_SECONDS,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
		/* per connection: request line and headers must fit (MHD answers 431 itself
		 * past this; below it our own 16 KiB check answers in Chinese) */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_URI_LOG_CALLBACK, uri_log, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
		MHD_OPTION_END);
	if (!d) {
		int e = errno;
		lane_stop();
		fprintf(stderr, "learnweek: 无法在 %s 上启动服务：%s\n", o->listen, strerror(e));
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
	printf("learnweek: serving http://%s:%u/ for %s (data: %s, %u threads for connections and %u for staff pages"
	       " and writes, page cache %lld MB)\n", host, port, cfg.public_url, o->data_dir, threads, lane, o->cache_mb);
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
	pthread_t deadlines;
	bool have_deadlines = pthread_create(&deadlines, NULL, deadline_thread, NULL) == 0;
	while (!stopping)
		pause();
	unsigned long long hits, misses;
	size_t bytes, pages;
	cache_stats(&hits, &misses, &bytes, &pages);
	cache_misses why;
	cache_why(&why);
	log_info("stopping; page cache: %llu hits, %llu misses, %zu pages in %zu KB; misses: %llu absent (%llu evicted),"
		 " %llu a week changed, %llu a unit's week, %llu an activity, %llu the site, %llu other changes, %llu expired",
		 hits, misses, pages, bytes >> 10, why.absent, why.evicted, why.changed[2], why.changed[6], why.changed[3],
		 why.changed[1], why.changed[0] + why.changed[4] + why.changed[5] + why.changed[7], why.expired);
	if (have_deadlines)
		pthread_join(deadlines, NULL);
	lane_stop();
	MHD_stop_daemon(d);
	return 0;
}
