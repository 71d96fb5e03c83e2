/* test_hostile.c: the server under hostile load and hostile input (issue 14):
 * a body refused before it is read, slow clients cut at a whole-request
 * deadline, one address's connections limited, a cut-off upload not kept, and
 * the protocol odds (two Content-Lengths, a thousand query parameters, JSON
 * errors, _csrf in the query string). The XLSX bomb and the whole week's feed
 * have binaries of their own (test_hostile_xlsx.c, test_hostile_feed.c): a
 * server's peak memory is the process's, so a test that measures it must not
 * share its server with one that uses a lot (an import of 1,500 rows). Every test that attacks is bounded in time and count, and
 * stays on loopback; each source address is its own (127.0.0.x), so that the
 * per-address limit of one test cannot touch another. */
#include "test_report.h"
#include "unit_admin.h"
#include <arpa/inet.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define EDITOR "hostile_editor"
#define EDITOR_PW "hostile-editor-pass"

static void setup(void)
{
	lw_add_user(EDITOR, "unit_editor", "东湖区", EDITOR_PW);
}

LW_SERVER("", setup)

/* ---- raw sockets ---- */

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A connection to the server from source address from (127.0.0.x). */
static int connect_from(const char *from)
{
	int port = atoi(strrchr(lw_base(), ':') + 1);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	cr_assert_geq(s, 0, "socket: %s", strerror(errno));
	struct sockaddr_in src = {.sin_family = AF_INET}, dst = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
	inet_pton(AF_INET, from, &src.sin_addr);
	inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
	cr_assert_eq(bind(s, (struct sockaddr *)&src, sizeof src), 0, "bind %s: %s", from, strerror(errno));
	cr_assert_eq(connect(s, (struct sockaddr *)&dst, sizeof dst), 0, "connect: %s", strerror(errno));
	return s;
}

/* Whether the server has closed s: waits up to ms for the end of the stream
 * (any answer bytes before it are read and dropped). */
static bool closed_within(int s, int ms)
{
	double end = now_s() + ms / 1000.0;
	for (;;) {
		int left = (int)((end - now_s()) * 1000);
		struct pollfd p = {s, POLLIN, 0};
		if (poll(&p, 1, left > 0 ? left : 0) <= 0)
			return false;
		char b[4096];
		ssize_t n = recv(s, b, sizeof b, MSG_DONTWAIT);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
			return true;
	}
}

/* Sends s (false when the server has closed the connection). */
static bool send_str(int s, const char *p)
{
	return send(s, p, strlen(p), MSG_NOSIGNAL) == (ssize_t)strlen(p);
}

/* ---- slow clients ---- */

/* Opens a connection from from, sends start, then piece once a second for up
 * to limit seconds; returns the seconds until the server closed it, or -1. */
static double seconds_until_cut(const char *from, const char *start, const char *piece, double limit)
{
	int s = connect_from(from);
	cr_assert(send_str(s, start));
	double t0 = now_s();
	bool cut = false;
	while (!cut && now_s() - t0 < limit)
		cut = !send_str(s, piece) || closed_within(s, 1000);
	double took = now_s() - t0;
	close(s);
	return cut ? took : -1;
}

Test(slow, headers_that_never_end_are_cut_at_the_deadline)
{
	/* one header byte a second: libmicrohttpd's idle timeout (30 s) would
	 * start again at each one and never end it */
	double took = seconds_until_cut("127.0.0.21", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", "a", 20);
	cr_assert_geq(took, 0, "a request whose headers took 20 s (a byte a second) was still open");
	cr_assert_lt(took, 14, "cut after %.1f s; the deadline for headers is 10 s", took);
	lw_assert_alive();
}

Test(slow, a_body_under_the_rate_floor_is_cut)
{
	/* 60 KB announced (under the login form's 64 KiB limit), 100 bytes a
	 * second: under 8 KiB/s after the first 10 s; it would take 10 minutes */
	static char hundred[101];
	memset(hundred, 'a', 100);
	double took = seconds_until_cut("127.0.0.22",
					"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
					"Content-Length: 60000\r\n\r\nusername=", hundred, 30);
	cr_assert_geq(took, 0, "a body sent at 100 bytes a second was still being read after 30 s");
	cr_assert_lt(took, 16, "cut after %.1f s; the floor is 8 KiB/s after 10 s", took);
	lw_assert_alive();
}

Test(slow, a_thousand_slow_connections_from_one_address_leave_the_server_answering)
{
	/* the attack of issue 14: 1,000 sockets, each holding a request open */
	enum { N = 1000 };
	static int s[N];
	for (int i = 0; i < N; i++) {
		s[i] = connect_from("127.0.0.23");
		send_str(s[i], "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
	}
	lw_client *c = lw_client_new();
	lw_client_source(c, "127.0.0.24");
	for (int i = 0; i < 5; i++) {
		lw_resp *r = lw_get(c, "/healthz");
		cr_assert_eq(r->status, 200, "/healthz during 1,000 slow connections: %ld %s", r->status, r->error ? r->error : "");
	}
	/* the address's connections past its limit (128) were closed at once */
	int closed = 0;
	for (int i = 0; i < N; i++)
		closed += closed_within(s[i], 0);
	for (int i = 0; i < N; i++)
		close(s[i]);
	cr_assert_geq(closed, N - 128, "only %d of %d connections from one address were refused", closed, N);
}

/* ---- bodies refused before they are read ---- */

typedef struct flood {
	const char *head;       /* sent first: a multipart preamble, or "" */
	size_t head_len;
	curl_off_t total, sent;
	const char *marker;     /* in the head: looked for in files/tmp */
	bool marker_seen;
} flood;

static bool marker_in_tmp(const char *marker)
{
	const char *dir = lw_printf("%s/files/tmp", getenv("LW_HTTP_DATA"));
	DIR *d = opendir(dir);
	if (!d)
		return false;
	bool seen = false;
	struct dirent *e;
	while (!seen && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		FILE *f = fopen(lw_printf("%s/%s", dir, e->d_name), "rb");
		char b[4096];
		size_t n = f ? fread(b, 1, sizeof b, f) : 0;
		if (f)
			fclose(f);
		seen = memmem(b, n, marker, strlen(marker)) != NULL;
	}
	closedir(d);
	return seen;
}

static size_t flood_read(char *out, size_t size, size_t nmemb, void *ud)
{
	flood *f = ud;
	size_t n = size * nmemb;
	if (f->sent >= f->total)
		return 0;
	if ((curl_off_t)n > f->total - f->sent)
		n = (size_t)(f->total - f->sent);
	memset(out, '0', n);
	if ((size_t)f->sent < f->head_len) {
		size_t k = f->head_len - (size_t)f->sent < n ? f->head_len - (size_t)f->sent : n;
		memcpy(out, f->head + f->sent, k);
	}
	/* every 8 MB: has any of it reached the disk? */
	if (f->marker && f->sent / (8 << 20) != (f->sent + (curl_off_t)n) / (8 << 20) && marker_in_tmp(f->marker))
		f->marker_seen = true;
	f->sent += (curl_off_t)n;
	return n;
}

static size_t sink(char *p, size_t size, size_t nmemb, void *ud)
{
	(void)p, (void)ud;
	return size * nmemb;
}

/* POSTs a 600 MB body to path without a session; returns the status, the
 * bytes the server let the client send in *sent. chunked: no Content-Length. */
static long flood_post(const char *path, const char *content_type, const char *head, bool chunked, flood *f)
{
	*f = (flood){head, strlen(head), 600LL * 1000 * 1000, 0, NULL, false};
	const char *m = strstr(head, "marker-");
	f->marker = m ? lw_printf("%.20s", m) : NULL;
	CURL *h = curl_easy_init();
	cr_assert(h);
	struct curl_slist *hdr = curl_slist_append(NULL, lw_printf("Content-Type: %s", content_type));
	hdr = curl_slist_append(hdr, "Expect:"); /* no 100-continue: an attacker sends at once */
	if (chunked)
		hdr = curl_slist_append(hdr, "Transfer-Encoding: chunked");
	curl_easy_setopt(h, CURLOPT_URL, lw_printf("%s%s", lw_base(), path));
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, flood_read);
	curl_easy_setopt(h, CURLOPT_READDATA, f);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(h, CURLOPT_INTERFACE, "127.0.0.25");
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 100L);
	if (!chunked)
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, f->total);
	curl_easy_perform(h);
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	return status;
}

Test(body, an_unauthenticated_600_mb_body_is_refused_before_it_is_read)
{
	const char *mp_head = lw_printf("--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
					"Content-Type: application/pdf\r\n\r\n%%PDF-1.4 %s\n", lw_unique("marker-"));
	struct {
		const char *path, *type, *head;
		bool chunked;
		long status;
	} cases[] = {
		{"/units/1/attachments", "application/x-www-form-urlencoded", "a=", false, 403},
		{"/units/1/attachments", "application/x-www-form-urlencoded", "a=", true, 403},
		{"/units/1/attachments", "multipart/form-data; boundary=" BOUNDARY, mp_head, false, 403},
		{"/units/x/attachments", "multipart/form-data; boundary=" BOUNDARY, mp_head, false, 404},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		long before = lw_server_hwm_kb();
		flood f;
		long status = flood_post(cases[i].path, cases[i].type, cases[i].head, cases[i].chunked, &f);
		long after = lw_server_hwm_kb(), grew = after - before;
		const char *what = lw_printf("%s %s%s", cases[i].path, cases[i].type, cases[i].chunked ? " chunked" : "");
		fprintf(stderr, "body: %s: %ld after %lld KB sent, server VmHWM %ld kB before, %ld kB after\n", what, status,
			(long long)(f.sent >> 10), before, after);
		cr_assert_eq(status, cases[i].status, "%s: %ld", what, status);
		cr_assert_lt(f.sent, 32LL << 20, "%s: the server read %lld MB of the body before its %ld", what,
			     (long long)(f.sent >> 20), status);
		cr_assert_lt(grew, 32 * 1024, "%s: the server's peak memory grew by %ld MB", what, grew / 1024);
		cr_assert(!f.marker_seen, "%s: the body reached files/tmp", what);
	}
	lw_assert_alive();
}

/* ---- uploads ---- */

/* The parts to the attachments form, as a proxy that gave up would pass
 * them on: the last 4 bytes of the last part and everything after them
 * missing, the length consistent. */
static lw_resp *send_cut(fx *f, const mpart *p, int n)
{
	bytes b = multipart(f->admin, p, n);
	const char *closing = "\r\n--" BOUNDARY "--\r\n";
	cr_assert(b.len > strlen(closing) + 4);
	b.len -= strlen(closing) + 4;
	const char *h[] = {"Content-Type: multipart/form-data; boundary=" BOUNDARY, NULL};
	lw_resp *r = lw_send(f->admin, "POST", lw_printf("/units/%lld/attachments", f->unit), b.p, b.len, h);
	free(b.p);
	return r;
}

Test(upload, a_multipart_body_without_its_closing_boundary_is_not_kept)
{
	fx f = fixture(2022);
	char *doc = lw_printf("%%PDF-1.4\n%% %s\n%%%%EOF\n", lw_unique("cut"));
	mpart p[] = {{"week", NULL, lw_printf("%lld", f.week), 0}, {"kind", NULL, "summary", 0}, {"file", "总结.pdf", doc, 0}};
	lw_expect(send_cut(&f, p, 3), 400, "上传没有完成");
	lw_expect(lw_get(f.admin, at(&f, "submission")), 200, "尚未上传");
	/* the same upload whole is taken */
	attach_ok(&f, "summary", "总结.pdf", text(doc));
}

Test(upload, a_multipart_body_of_fields_only_without_its_closing_boundary_is_refused)
{
	fx f = fixture(2022);
	mpart p[] = {{"week", NULL, lw_printf("%lld", f.week), 0}, {"kind", NULL, "summary", 0}};
	/* no file part at all, and still not a whole form */
	lw_expect(send_cut(&f, p, 2), 400, "上传没有完成");
}

/* ---- protocol odds ---- */

Test(protocol, two_different_content_lengths_are_refused)
{
	const char *h[] = {"Content-Type: application/x-www-form-urlencoded", "Content-Length: 5", "Content-Length: 7", NULL};
	lw_expect(lw_send(lw_client_new(), "POST", "/login", "abcde", 5, h), 400, "Content-Length");
}

Test(protocol, a_thousand_query_parameters_get_a_chinese_answer)
{
	size_t cap = 16000, n = 0;
	char *q = lw_keep(malloc(cap));
	n += (size_t)snprintf(q, cap, "/?");
	for (int i = 0; i < 1000; i++)
		n += (size_t)snprintf(q + n, cap - n, "%sp%d=1", i ? "&" : "", i);
	lw_expect(lw_get(lw_client_new(), q), 400, "参数太多");
	lw_assert_alive();
}

static void expect_json_error(const lw_resp *r, long status, const char *fragment)
{
	cr_assert_eq(r->status, status, "expected %ld, got %ld: %s", status, r->status, r->body);
	const char *ct = lw_header(r, "Content-Type");
	cr_assert(ct && !strncmp(ct, "application/json", 16), "Content-Type %s: %.300s", ct ? ct : "(none)", r->body);
	json_error_t err;
	json_t *j = json_loads(r->body, 0, &err);
	cr_assert_not_null(j, "not JSON (%s): %s", err.text, r->body);
	const char *msg = json_string_value(json_object_get(j, "error"));
	cr_assert(msg && strstr(msg, fragment), "\"error\" lacks \"%s\": %s", fragment, r->body);
	json_decref(j);
}

Test(protocol, every_json_error_is_valid_json)
{
	unit_admin dh = demo_admin("donghu_admin");
	char *tok = make_token(&dh, EDITOR, NULL);
	lw_client *c = lw_client_new();
	/* a parameter whose name holds a line break and a quote */
	expect_json_error(lw_json(c, tok, "GET", "/api/v1/activities?a%0Ab%22=1", NULL), 400, "a\nb\"");
	/* ...as text: a JSON client reads the quote itself, not an HTML entity */
	expect_json_error(lw_json(c, tok, "GET", "/api/v1/activities?x%3Cy=1", NULL), 400, "x<y");
	expect_json_error(lw_json(c, NULL, "GET", "/api/v1/activities?a%0Ab=1", NULL), 401, "令牌");
	/* a body over the route's limit, answered before it is read */
	size_t n = 200 * 1024;
	char *big = lw_keep(malloc(n + 1));
	memset(big, ' ', n);
	big[0] = '{', big[n - 1] = '}', big[n] = 0;
	expect_json_error(lw_json(c, tok, "POST", "/api/v1/activities", big), 413, "太大");
}

Test(protocol, csrf_in_the_query_string_is_refused)
{
	lw_client *c = lw_client_new();
	lw_get(c, "/");
	const char *csrf = lw_csrf(c);
	lw_resp *r = lw_post(c, lw_printf("/prefs/text?_csrf=%s", csrf), "size=big&back=/");
	cr_assert(r->status == 403 || r->status == 400, "a POST with _csrf in its URL only: %ld", r->status);
	r = lw_post(c, lw_printf("/prefs/text?_csrf=%s", csrf), lw_printf("_csrf=%s&size=big&back=/", csrf));
	lw_expect(r, 400, "不能放在网址中");
	/* in the body, as every form sends it */
	r = lw_post(c, "/prefs/text", lw_printf("_csrf=%s&size=big&back=/", csrf));
	cr_assert_eq(r->status, 303, "the form as sent: %ld\n%s", r->status, lw_excerpt(r));
}
