/* fuzz_multipart.c: libFuzzer target for multipart/form-data bodies, through
 * the real server. serve() (server.c, unchanged) runs in a thread of this
 * process on a loopback port; each input becomes one HTTP request on a new
 * connection, so the bytes go through libmicrohttpd's post processor,
 * server.c's post_iter (file parts streamed to files/tmp, fields collected,
 * the limits), the router and the upload handler behind the route.
 *
 * Input: byte 0 chooses one of the upload routes below; the bytes up to the
 * first newline are the parameters of the Content-Type after
 * "multipart/form-data; " (normally "boundary=X"); the rest is the body, in
 * which every "@CSRF@" becomes the session's valid token, so the fuzzer
 * reaches the handlers and not only the CSRF refusal. The session is a
 * centre admin's, made in-process before the server starts.
 *
 * Coverage from the server thread counts (libFuzzer's counters are global).
 * An upload that passes is stored: the data folder only grows. */
#include "fuzz_demo.h"
#include "web/server.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static char dir[256], top[256], port_file[300];
static int port;
static char session_tok[65], csrf[65];
static const char *paths[10];
#define NPATHS (sizeof paths / sizeof *paths)

static void *server_thread(void *arg)
{
	serve(arg);
	return NULL;
}

static long long first_id(db *d, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT min(id) FROM %s", table);
	long long id = db_int(d, 0, sql, "");
	return id > 0 ? id : 1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	db *d = fuzz_demo("mp", dir, sizeof dir, top, sizeof top);
	snprintf(port_file, sizeof port_file, "%s/port", top);
	arena a = {0};

	if (!fuzz_session(d, "centre_admin", (long long)time(NULL), session_tok, csrf))
		abort();
	long long unit = db_int(d, 0, "SELECT unit_id FROM accounts WHERE username = 'donghu_admin'", "");
	long long week = db_int(d, 0, "SELECT id FROM weeks ORDER BY year DESC LIMIT 1", "");
	long long act = db_int(d, 1, "SELECT min(id) FROM activities WHERE unit_id = ?1", "I", unit);
	const char *fmt[NPATHS] = {
		"/activities/%lld/photos", "/units/%lld/imports", "/units/%lld/publicity", "/units/%lld/attachments",
		"/units/%lld/resources/import", "/resources/%lld/photos", "/stars/%lld/photo", "/brands/%lld/photos",
		"/cases/%lld/photos", "/publicity/%lld"};
	long long ids[NPATHS] = {act, unit, unit, unit, unit, first_id(d, "resources"), first_id(d, "stars"),
				 first_id(d, "brands"), first_id(d, "elder_cases"), first_id(d, "publicity")};
	for (size_t i = 0; i < NPATHS; i++) {
		char *p = arena_printf(&a, fmt[i], ids[i]);
		/* the week (and for attachments a kind) in the query, as the forms send them */
		if (i == 1 || i == 3 || i == 4)
			p = arena_printf(&a, "%s?week=%lld%s", p, week, i == 3 ? "&kind=summary" : "");
		paths[i] = strdup(p);
	}
	arena_free(&a);
	db_close(d);

	static serve_opts so;
	so = (serve_opts){.data_dir = dir, .listen = "127.0.0.1:0", .threads = 1, .session_idle = 2 * 3600,
			  .port_file = port_file};
	pthread_t t;
	if (pthread_create(&t, NULL, server_thread, &so))
		abort();
	pthread_detach(t);
	for (int i = 0; i < 200 && !port; i++) {
		FILE *f = fopen(port_file, "r");
		if (f) {
			if (fscanf(f, "%d", &port) != 1)
				port = 0;
			fclose(f);
		}
		if (!port)
			usleep(50000);
	}
	if (!port)
		abort();
	return 0;
}

static int connect_server(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		abort();
	struct timeval tv = {10, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* a refused or timed-out connect: the server thread ended or hung */
	for (int tries = 0; connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0; tries++) {
		if (tries == 3) {
			fprintf(stderr, "fuzz_multipart: cannot connect to the server on port %d: %s\n", port, strerror(errno));
			abort();
		}
		usleep(100000);
	}
	return fd;
}

static void send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k <= 0)
			return; /* the server may answer (413, 400) and close before the body is read */
		p += k;
		n -= (size_t)k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *route = paths[data[0] % NPATHS];
	const char *p = (const char *)data + 1, *end = (const char *)data + size;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t plen = nl ? (size_t)(nl - p) : 0;
	/* a header value cannot hold CR, LF or NUL: such bytes end the parameters */
	for (size_t i = 0; i < plen; i++)
		if (p[i] == '\r' || p[i] == '\0') {
			plen = i;
			break;
		}
	if (plen > 200)
		plen = 200;
	const char *b = nl ? nl + 1 : p;
	buf body = BUF_INIT;
	const char *subs[] = {"@CSRF@", csrf};
	fuzz_expand(&body, b, (size_t)(end - b), subs, 1);
	buf head = BUF_INIT;
	buf_printf(&head, "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " COOKIE_SESSION "=%s\r\n"
			  "Content-Type: multipart/form-data; %.*s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
		   route, session_tok, (int)plen, p, body.len);
	int fd = connect_server();
	send_all(fd, head.p, head.len);
	send_all(fd, body.p ? body.p : "", body.len);
	shutdown(fd, SHUT_WR);
	char answer[4096];
	ssize_t k, total = 0;
	while ((k = recv(fd, answer, sizeof answer, 0)) > 0)
		total += k;
	close(fd);
	/* the server must answer every request; no answer at all means it hung or died */
	if (total == 0 && k < 0 && errno == EAGAIN) {
		fprintf(stderr, "fuzz_multipart: no answer in 10 s for %s\n", route);
		abort();
	}
	buf_free(&head);
	buf_free(&body);
	return 0;
}
