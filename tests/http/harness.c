/* harness.c: starts and stops the learnweek server for a test binary, runs
 * its command line, and drives it over HTTP with libcurl. */
#include "harness.h"
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <jpeglib.h>
#include <png.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- memory: everything handed to a test lives until the process ends ---- */

static void **kept;
static size_t nkept, capkept;
static bool in_runner; /* the Criterion runner, where cr_assert must not be used */

static void release_all(void)
{
	for (size_t i = 0; i < nkept; i++)
		free(kept[i]);
	free(kept);
	kept = NULL;
	nkept = capkept = 0;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!in_runner)
		cr_assert_fail("%s", msg);
	fprintf(stderr, "http harness: %s\n", msg);
	exit(1);
}

void *lw_keep(void *p)
{
	if (!p)
		die("out of memory");
	if (nkept == capkept) {
		if (!kept)
			atexit(release_all);
		capkept = capkept ? capkept * 2 : 64;
		void **n = realloc(kept, capkept * sizeof *n);
		if (!n)
			die("out of memory");
		kept = n;
	}
	kept[nkept++] = p;
	return p;
}

static char *keep_strndup(const char *s, size_t n)
{
	return lw_keep(strndup(s, n));
}

static char *keep_strdup(const char *s)
{
	return lw_keep(strdup(s));
}

char *lw_printf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("out of memory");
	return lw_keep(s);
}

char *lw_local_time(long minutes)
{
	time_t t = time(NULL) + minutes * 60 + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	char s[32];
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M", &tm);
	return lw_printf("%s", s);
}

char *lw_unique(const char *prefix)
{
	static unsigned counter;
	return lw_printf("%s%ld%u", prefix, (long)getpid(), counter++);
}

/* ---- the server ---- */

static pid_t monitor_pid;  /* the shell that runs the server, see MONITOR */
static int monitor_pipe = -1; /* its stdin; closing it stops the server */
static char tmp_dir[512];

/* The server runs under a small shell that stays until its stdin reaches
 * EOF: when the runner closes the pipe in POST_ALL, or when the runner dies.
 * Criterion's reaper thread spins on any zombie child it did not start, so a
 * server that dies during the run must not be the runner's child. The
 * shell's exit status is the server's; $0 is where it writes the server's pid. */
#define MONITOR "\"$@\" </dev/null & pid=$!; echo $pid >\"$0\"; read -r _; kill -TERM $pid 2>/dev/null; wait $pid"

static const char *env_or_die(const char *name)
{
	const char *v = getenv(name);
	if (!v || !*v)
		die("%s is not set: run the tests through tests/http/run.sh (make http)", name);
	return v;
}

const char *lw_bin(void)
{
	return env_or_die("LEARNWEEK_BIN");
}

const char *lw_base(void)
{
	return env_or_die("LW_HTTP_BASE");
}

static const char *data_dir(void)
{
	return env_or_die("LW_HTTP_DATA");
}

/* Starts argv with stdin from in_fd (-1: /dev/null) and stdout and stderr
 * into out_path (or /dev/null). Returns its pid or -1. */
static pid_t spawn(char *const argv[], const char *out_path, int in_fd)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	int fd = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int in = in_fd >= 0 ? in_fd : open("/dev/null", O_RDONLY);
	if (fd < 0 || in < 0)
		_exit(127);
	dup2(in, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	execv(argv[0], argv);
	_exit(127);
}

/* Runs argv to its end; returns the wait status, or -1 when it could not start. */
static int run_wait(char *const argv[], const char *out_path)
{
	pid_t pid = spawn(argv, out_path, -1);
	if (pid < 0)
		return -1;
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *s = NULL;
	size_t n = 0, cap = 0;
	char chunk[4096];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (n + k + 1 > cap) {
			cap = (n + k + 1) * 2;
			char *t = realloc(s, cap);
			if (!t) {
				free(s);
				fclose(f);
				return NULL;
			}
			s = t;
		}
		memcpy(s + n, chunk, k);
		n += k;
	}
	fclose(f);
	if (!s)
		s = calloc(1, 1);
	else
		s[n] = 0;
	return s;
}

int lw_cli(char **out, const char *arg, ...)
{
	char *argv[32];
	int n = 0;
	argv[n++] = (char *)lw_bin();
	va_list ap;
	va_start(ap, arg);
	for (const char *a = arg; a && n < 31; a = va_arg(ap, const char *))
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	char out_path[600];
	snprintf(out_path, sizeof out_path, "%s/cli.%ld.out", env_or_die("LW_HTTP_TMP"), (long)getpid());
	int st = run_wait(argv, out_path);
	char *text = slurp(out_path);
	unlink(out_path);
	if (out)
		*out = text ? lw_keep(text) : keep_strdup("");
	else
		free(text);
	if (st < 0 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

void lw_add_user(const char *username, const char *role, const char *unit, const char *password)
{
	char pwfile[600];
	snprintf(pwfile, sizeof pwfile, "%s/pw.%ld.XXXXXX", env_or_die("LW_HTTP_TMP"), (long)getpid());
	int fd = mkstemp(pwfile);
	if (fd < 0 || write(fd, password, strlen(password)) != (ssize_t)strlen(password) || write(fd, "\n", 1) != 1)
		die("cannot write a password file in %s", env_or_die("LW_HTTP_TMP"));
	close(fd);
	char *out;
	int rc = unit ? lw_cli(&out, "user", "add", "--data", data_dir(), "--username", username, "--role", role,
			       "--unit", unit, "--password-file", pwfile, (char *)NULL)
		      : lw_cli(&out, "user", "add", "--data", data_dir(), "--username", username, "--role", role,
			       "--password-file", pwfile, (char *)NULL);
	unlink(pwfile);
	if (rc != 0)
		die("learnweek user add %s (%s, %s) exited %d:\n%s", username, role, unit ? unit : "centre", rc, out);
}

const char *lw_demo_password(const char *username)
{
	char *path = lw_printf("%s/demo-accounts.txt", data_dir());
	char *text = slurp(path);
	if (!text)
		die("cannot read %s", path);
	lw_keep(text);
	size_t ul = strlen(username);
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (!strncmp(line, username, ul) && line[ul] == '\t') {
			char *pw = line + ul + 1, *tab = strchr(pw, '\t');
			if (tab && (!nl || tab < nl))
				return keep_strndup(pw, (size_t)(tab - pw));
		}
		line = nl ? nl + 1 : NULL;
	}
	die("no demo account %s in %s", username, path);
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

static bool port_ready(const char *path, int *port)
{
	char *s = slurp(path);
	bool ok = s && strchr(s, '\n') && sscanf(s, "%d", port) == 1 && *port > 0;
	free(s);
	return ok;
}

static void msleep(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* On PostgreSQL (LEARNWEEK_PG_CLUSTER: make http-pg), the test program's own
 * database on that server, made here and dropped at the end; every learnweek
 * command the program runs finds it in LEARNWEEK_DATABASE. */
static char pg_name[64];

static void pg_admin(const char *sql)
{
	char *argv[] = {"/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", (char *)getenv("LEARNWEEK_PG_CLUSTER"),
			"-c", (char *)sql, NULL};
	if (access(argv[0], X_OK) != 0)
		die("make http-pg: /usr/bin/psql is missing: install the Debian package postgresql-client");
	char log[700];
	snprintf(log, sizeof log, "%s/psql.log", tmp_dir);
	int st = run_wait(argv, log);
	if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		char *out = slurp(log);
		die("psql -c \"%s\" failed:\n%s", sql, out ? out : "");
	}
}

static void pg_database(void)
{
	const char *cluster = getenv("LEARNWEEK_PG_CLUSTER");
	if (!cluster || !*cluster)
		return;
	snprintf(pg_name, sizeof pg_name, "lwh_%ld", (long)getpid());
	char sql[128];
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", pg_name);
	pg_admin(sql);
	/* the cluster's address with the path naming this database */
	const char *q = strchr(cluster, '?');
	const char *end = q ? q : cluster + strlen(cluster), *slash = end;
	while (slash > cluster && *slash != '/')
		slash--;
	setenv("LEARNWEEK_DATABASE", lw_printf("%.*s/%s%s", (int)(slash - cluster), cluster, pg_name, q ? q : ""), 1);
}

static void server_start(const char *extra, const char *demo, void (*setup)(void))
{
	in_runner = true;
	const char *bin = lw_bin();
	if (access(bin, X_OK) != 0)
		die("LEARNWEEK_BIN=%s is not an executable file", bin);
	/* the argon2id cost drops to its minimum for the CLI and the server */
	setenv("LEARNWEEK_FAST_HASH", "1", 1);
	const char *tmp = getenv("TMPDIR");
	snprintf(tmp_dir, sizeof tmp_dir, "%s/lwhttp.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tmp_dir))
		die("mkdtemp %s: %s", tmp_dir, strerror(errno));
	char data[600], port_file[600], log_path[600];
	snprintf(data, sizeof data, "%s/data", tmp_dir);
	snprintf(port_file, sizeof port_file, "%s/port", tmp_dir);
	snprintf(log_path, sizeof log_path, "%s/server.log", tmp_dir);
	setenv("LW_HTTP_TMP", tmp_dir, 1);
	setenv("LW_HTTP_DATA", data, 1);
	pg_database();

	char demo_log[600];
	snprintf(demo_log, sizeof demo_log, "%s/demo.log", tmp_dir);
	int st = run_wait((char *[]){(char *)bin, "demo", "--data", data, (char *)demo, NULL}, demo_log);
	if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		char *out = slurp(demo_log);
		die("learnweek demo --data %s failed:\n%s", data, out ? out : "");
	}

	char pid_file[600];
	snprintf(pid_file, sizeof pid_file, "%s/server.pid", tmp_dir);
	char *argv[48];
	int n = 0;
	argv[n++] = "/bin/sh";
	argv[n++] = "-c";
	argv[n++] = MONITOR;
	argv[n++] = pid_file;
	argv[n++] = (char *)bin;
	argv[n++] = "serve";
	argv[n++] = "--data";
	argv[n++] = data;
	argv[n++] = "--listen";
	argv[n++] = "127.0.0.1:0";
	argv[n++] = "--port-file";
	argv[n++] = port_file;
	char *extra_copy = strdup(extra ? extra : "");
	for (char *save = NULL, *t = strtok_r(extra_copy, " ", &save); t && n < 46; t = strtok_r(NULL, " ", &save))
		argv[n++] = t;
	argv[n] = NULL;

	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0)
		die("pipe: %s", strerror(errno));
	monitor_pid = spawn(argv, log_path, fds[0]);
	if (monitor_pid < 0)
		die("fork: %s", strerror(errno));
	close(fds[0]);
	monitor_pipe = fds[1];
	free(extra_copy);

	int port = 0;
	for (int i = 0; i < 400 && !port_ready(port_file, &port); i++)
		msleep(50);
	if (!port) {
		char *out = slurp(log_path);
		die("learnweek serve wrote no port file in 20 s; its log:\n%s", out ? out : "");
	}
	char base[64];
	snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
	setenv("LW_HTTP_BASE", base, 1);

	/* the port file is written after the daemon started; one answer proves it */
	lw_client *c = lw_client_new();
	lw_resp *r = lw_get(c, "/healthz");
	if (r->status != 200)
		die("GET %s/healthz answered %ld %s", base, r->status, r->error ? r->error : r->body);
	if (setup)
		setup();
}

static void server_stop(void)
{
	if (!monitor_pid)
		return;
	close(monitor_pipe); /* the shell sends SIGTERM and waits */
	int st = 0;
	bool done = false;
	for (int i = 0; i < 300 && !done; i++) {
		if (waitpid(monitor_pid, &st, WNOHANG) == monitor_pid)
			done = true;
		else
			msleep(50);
	}
	if (!done) {
		char pid_file[600];
		snprintf(pid_file, sizeof pid_file, "%s/server.pid", tmp_dir);
		char *pid = slurp(pid_file);
		if (pid && atoi(pid) > 0)
			kill((pid_t)atoi(pid), SIGKILL);
		free(pid);
		waitpid(monitor_pid, &st, 0);
	}
	monitor_pid = 0;
	char log_path[600];
	snprintf(log_path, sizeof log_path, "%s/server.log", tmp_dir);
	char *log = slurp(log_path);
	/* a sanitizer report or an unclean exit fails the whole binary, even when
	 * every test saw the answers it expected */
	bool bad = !done || !WIFEXITED(st) || WEXITSTATUS(st) != 0 || !log ||
		   strstr(log, "Sanitizer") || strstr(log, "runtime error");
	if (bad) {
		/* exit status 128+N: the server died of signal N */
		fprintf(stderr, "http harness: the server did not stop cleanly (%s %d); its log:\n%s\n(data kept in %s)\n",
			!done ? "killed after 15 s, status" : "exit status", WIFEXITED(st) ? WEXITSTATUS(st) : -1,
			log ? log : "(missing: was the folder removed?)", tmp_dir);
		free(log);
		exit(1);
	}
	free(log);
	if (pg_name[0] && !getenv("LW_HTTP_KEEP")) {
		char sql[128];
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", pg_name);
		pg_admin(sql);
	}
	if (!getenv("LW_HTTP_KEEP"))
		nftw(tmp_dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	else
		fprintf(stderr, "http harness: data kept in %s\n", tmp_dir);
}

/* The Criterion runner starts the server before any test process exists and
 * stops it after the last one ended. */
ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
	(void)set;
	server_start(lw_server.extra, lw_server.demo, lw_server.setup);
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
	(void)stats;
	server_stop();
}

/* ---- the client ---- */

struct lw_client {
	CURL *curl;
	char source[32];
	char *csrf; /* of the current session; dropped when a session cookie changes */
};

static lw_client **clients;
static size_t nclients;

static void free_clients(void)
{
	for (size_t i = 0; i < nclients; i++) {
		curl_easy_cleanup(clients[i]->curl);
		free(clients[i]);
	}
	free(clients);
	clients = NULL;
	nclients = 0;
	curl_global_cleanup();
}

lw_client *lw_client_new(void)
{
	static unsigned counter;
	if (!clients) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		atexit(free_clients);
	}
	lw_client **n = realloc(clients, (nclients + 1) * sizeof *n);
	if (!n)
		die("out of memory");
	clients = n;
	lw_client *c = calloc(1, sizeof *c);
	if (!c)
		die("out of memory");
	clients[nclients++] = c;
	c->curl = curl_easy_init();
	if (!c->curl)
		die("curl_easy_init failed");
	curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, ""); /* a cookie jar of its own, in memory */
	curl_easy_setopt(c->curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->curl, CURLOPT_PATH_AS_IS, 1L);
	/* a loopback source address per client; the kernel answers for all of 127/8 */
	unsigned long pid = (unsigned long)getpid();
	snprintf(c->source, sizeof c->source, "127.%u.%lu.%lu", 2 + counter++ % 250, (pid / 253) % 256, pid % 253 + 1);
	if (getenv("LW_HTTP_NO_BIND"))
		c->source[0] = 0;
	return c;
}

void lw_client_source(lw_client *c, const char *address)
{
	snprintf(c->source, sizeof c->source, "%s", address);
}

typedef struct grow {
	char *p;
	size_t len, cap;
} grow;

static void grow_add(grow *g, const char *s, size_t n)
{
	if (g->len + n + 1 > g->cap) {
		size_t cap = g->cap ? g->cap : 1024;
		while (cap < g->len + n + 1)
			cap *= 2;
		char *p = realloc(g->p, cap);
		if (!p)
			die("out of memory");
		g->p = p;
		g->cap = cap;
	}
	memcpy(g->p + g->len, s, n);
	g->len += n;
	g->p[g->len] = 0;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	grow_add(ud, p, size * n);
	return size * n;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	grow *g = ud;
	/* a new status line (after 100 Continue) starts the final response over */
	if (size * n >= 5 && !strncmp(p, "HTTP/", 5))
		g->len = 0;
	grow_add(g, p, size * n);
	return size * n;
}

lw_resp *lw_send(lw_client *c, const char *method, const char *path, const char *body, size_t len,
		 const char *const *headers)
{
	CURL *h = c->curl;
	lw_resp *r = lw_keep(calloc(1, sizeof *r));
	grow gb = {0}, gh = {0};
	grow_add(&gb, "", 0);
	grow_add(&gh, "", 0);
	char *url = lw_printf("%s%s", lw_base(), path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_INTERFACE, c->source[0] ? c->source : NULL);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &gb);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &gh);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(h, CURLOPT_NOBODY, 0L);
	if (!strcmp(method, "GET")) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	} else if (!strcmp(method, "HEAD")) {
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	} else {
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body ? body : "");
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? len : 0));
		if (strcmp(method, "POST"))
			curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	}
	struct curl_slist *hl = curl_slist_append(NULL, "Expect:");
	/* a browser says where a form comes from: our own pages, unless the test
	 * says otherwise (any Origin, Referer or Sec-Fetch-Site of its own) */
	bool says_where = false;
	for (const char *const *p = headers; p && *p; p++) {
		hl = curl_slist_append(hl, *p);
		says_where |= !strncasecmp(*p, "Origin:", 7) || !strncasecmp(*p, "Referer:", 8) ||
			      !strncasecmp(*p, "Sec-Fetch-Site:", 15);
	}
	if (strcmp(method, "GET") && strcmp(method, "HEAD") && !says_where)
		hl = curl_slist_append(hl, lw_printf("Origin: %s", lw_base()));
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	char err[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err);
	CURLcode rc = curl_easy_perform(h);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hl);
	if (rc == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	else
		r->error = lw_printf("%s %s: %s (%s)", method, path, curl_easy_strerror(rc), err);
	r->body = lw_keep(gb.p);
	r->len = gb.len;
	r->headers = lw_keep(gh.p);
	/* a new session cookie means a new CSRF token */
	if (lw_set_cookie(r, "lw_s"))
		c->csrf = NULL;
	return r;
}

lw_resp *lw_get(lw_client *c, const char *path)
{
	return lw_send(c, "GET", path, NULL, 0, NULL);
}

lw_resp *lw_post(lw_client *c, const char *path, const char *body)
{
	return lw_send(c, "POST", path, body, body ? strlen(body) : 0, NULL);
}

static char *form_va(const char *k, va_list ap)
{
	grow g = {0};
	grow_add(&g, "", 0);
	for (; k; k = va_arg(ap, const char *)) {
		const char *v = va_arg(ap, const char *);
		char *ek = curl_easy_escape(NULL, k, 0), *ev = curl_easy_escape(NULL, v ? v : "", 0);
		if (g.len)
			grow_add(&g, "&", 1);
		grow_add(&g, ek, strlen(ek));
		grow_add(&g, "=", 1);
		grow_add(&g, ev, strlen(ev));
		curl_free(ek);
		curl_free(ev);
	}
	return lw_keep(g.p);
}

char *lw_form(const char *k, ...)
{
	va_list ap;
	va_start(ap, k);
	char *s = form_va(k, ap);
	va_end(ap);
	return s;
}

lw_resp *lw_submit(lw_client *c, const char *path, ...)
{
	const char *token = lw_csrf(c);
	va_list ap;
	va_start(ap, path);
	const char *k = va_arg(ap, const char *);
	char *rest = form_va(k, ap);
	va_end(ap);
	return lw_post(c, path, lw_printf("_csrf=%s%s%s", token, *rest ? "&" : "", rest));
}

/* a 1×1 PNG */
const unsigned char lw_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49,
	0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
const size_t lw_png_size = sizeof lw_png;

/* pixels of this call: a colour from the process and a counter */
static unsigned char *photo_pixels(int w, int h)
{
	static unsigned calls;
	unsigned seed = (unsigned)getpid() * 2654435761u + calls++ * 40503u;
	unsigned char *px = lw_keep(malloc((size_t)w * (size_t)h * 3));
	for (int i = 0; i < w * h; i++) {
		px[3 * i] = (unsigned char)(seed >> 24) ^ (unsigned char)i;
		px[3 * i + 1] = (unsigned char)(seed >> 16);
		px[3 * i + 2] = (unsigned char)(seed >> 8) + (unsigned char)(i / (w ? w : 1));
	}
	return px;
}

static void png_mem_write(png_structp p, png_bytep data, size_t n)
{
	grow_add(png_get_io_ptr(p), (const char *)data, n);
}

static void png_mem_flush(png_structp p)
{
	(void)p;
}

char *lw_photo_png(int w, int h, size_t *n)
{
	unsigned char *px = photo_pixels(w, h);
	grow g = {0};
	png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(p);
	if (!p || !info || setjmp(png_jmpbuf(p)))
		die("libpng could not write a test photo");
	png_set_write_fn(p, &g, png_mem_write, png_mem_flush);
	png_set_IHDR(p, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(p, info);
	for (int y = 0; y < h; y++)
		png_write_row(p, px + (size_t)y * (size_t)w * 3);
	png_write_end(p, NULL);
	png_destroy_write_struct(&p, &info);
	*n = g.len;
	return lw_keep(g.p);
}

char *lw_photo_jpeg(int w, int h, int orientation, size_t *n)
{
	unsigned char *px = photo_pixels(w, h);
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	unsigned char *out = NULL;
	unsigned long len = 0;
	jpeg_mem_dest(&c, &out, &len);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_start_compress(&c, TRUE);
	if (orientation > 1) {
		/* little-endian this time, as most phones write it */
		JOCTET exif[] = {'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0,
				 (JOCTET)orientation, 0, 0, 0, 0, 0, 0, 0};
		jpeg_write_marker(&c, JPEG_APP0 + 1, exif, sizeof exif);
	}
	for (int y = 0; y < h; y++) {
		JSAMPROW row = px + (size_t)y * (size_t)w * 3;
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	*n = len;
	return lw_keep(out);
}

lw_resp *lw_upload(lw_client *c, const char *path, const char *field, const char *filename, const char *type,
		   const void *data, size_t n)
{
	const char *bd = "----lwharnessboundary7MA4YWxkTrZu0gW";
	char *head = lw_printf("--%s\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n%s\r\n"
			       "--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
			       "Content-Type: %s\r\n\r\n", bd, lw_csrf(c), bd, field, filename, type);
	char *tail = lw_printf("\r\n--%s--\r\n", bd);
	size_t hl = strlen(head), tl = strlen(tail);
	char *body = malloc(hl + n + tl);
	if (!body)
		die("out of memory");
	memcpy(body, head, hl);
	memcpy(body + hl, data, n);
	memcpy(body + hl + n, tail, tl);
	const char *hdrs[] = {lw_printf("Content-Type: multipart/form-data; boundary=%s", bd), NULL};
	lw_resp *r = lw_send(c, "POST", path, body, hl + n + tl, hdrs);
	free(body);
	return r;
}

lw_resp *lw_json(lw_client *c, const char *token, const char *method, const char *path, const char *json)
{
	const char *h[3] = {NULL, NULL, NULL};
	int n = 0;
	if (token)
		h[n++] = lw_printf("Authorization: Bearer %s", token);
	if (json)
		h[n++] = "Content-Type: application/json";
	return lw_send(c, method, path, json, json ? strlen(json) : 0, h);
}

const char *lw_csrf(lw_client *c)
{
	if (c->csrf)
		return c->csrf;
	/* a signed-in page carries the token (the logout form); an anonymous
	 * visitor has none: the public forms are checked by their Origin */
	if (!lw_cookie(c, "lw_s"))
		return "";
	lw_resp *r = lw_get(c, "/admin");
	if (r->status == 303)
		return ""; /* a cookie that is no session (ended, planted): anonymous */
	cr_assert_eq(r->status, 200, "GET /admin for a CSRF token: %ld %s", r->status, r->error ? r->error : "");
	char *t = lw_field(r->body, "_csrf");
	cr_assert(t && strlen(t) == 64, "no _csrf field on /admin");
	c->csrf = t;
	return t;
}

const char *lw_cookie(lw_client *c, const char *name)
{
	struct curl_slist *list = NULL;
	const char *found = NULL;
	curl_easy_getinfo(c->curl, CURLINFO_COOKIELIST, &list);
	/* Netscape format: domain, tailmatch, path, secure, expires, name, value */
	for (struct curl_slist *l = list; l; l = l->next) {
		const char *f = l->data;
		for (int i = 0; i < 5 && f; i++) {
			f = strchr(f, '\t');
			if (f)
				f++;
		}
		size_t nl = strlen(name);
		if (f && !strncmp(f, name, nl) && f[nl] == '\t')
			found = keep_strdup(f + nl + 1);
	}
	curl_slist_free_all(list);
	return found;
}

void lw_jar_set(lw_client *c, const char *name, const char *value)
{
	char *line = lw_printf("127.0.0.1\tFALSE\t/\tFALSE\t0\t%s\t%s", name, value);
	curl_easy_setopt(c->curl, CURLOPT_COOKIELIST, line);
	c->csrf = NULL;
}

lw_resp *lw_login(lw_client *c, const char *username, const char *password)
{
	return lw_submit(c, "/login", "username", username, "password", password, NULL);
}

void lw_login_ok(lw_client *c, const char *username, const char *password)
{
	lw_resp *r = lw_login(c, username, password);
	cr_assert_eq(r->status, 303, "login as %s: expected 303, got %ld\n%s", username, r->status, lw_excerpt(r));
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && !strcmp(loc, "/admin"), "login as %s went to %s", username, loc ? loc : "(nowhere)");
	cr_assert(lw_cookie(c, "lw_s"), "login as %s set no session cookie", username);
}

lw_client *lw_signed_in(const char *prefix, const char *role, const char *unit, const char *password, char **username)
{
	char *u = lw_unique(prefix);
	lw_add_user(u, role, unit, password);
	lw_client *c = lw_client_new();
	lw_login_ok(c, u, password);
	if (username)
		*username = u;
	return c;
}

/* ---- reading responses ---- */

static const char *header_n(const lw_resp *r, const char *name, const char *prefix)
{
	size_t nl = strlen(name);
	for (const char *line = r->headers; line && *line;) {
		const char *end = strstr(line, "\r\n");
		size_t ll = end ? (size_t)(end - line) : strlen(line);
		if (ll > nl && !strncasecmp(line, name, nl) && line[nl] == ':') {
			const char *v = line + nl + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			size_t vl = ll - (size_t)(v - line);
			if (!prefix || (vl >= strlen(prefix) && !strncmp(v, prefix, strlen(prefix))))
				return keep_strndup(v, vl);
		}
		line = end ? end + 2 : NULL;
	}
	return NULL;
}

const char *lw_header(const lw_resp *r, const char *name)
{
	return header_n(r, name, NULL);
}

const char *lw_set_cookie(const lw_resp *r, const char *cookie)
{
	return header_n(r, "Set-Cookie", lw_printf("%s=", cookie));
}

bool lw_has(const lw_resp *r, const char *needle)
{
	return r->body && strstr(r->body, needle);
}

char *lw_field(const char *html, const char *name)
{
	char *attr = lw_printf("name=\"%s\"", name);
	const char *p = html ? strstr(html, attr) : NULL;
	if (!p)
		return NULL;
	const char *tag_end = strchr(p, '>');
	const char *v = strstr(p, "value=\"");
	if (!v || (tag_end && v > tag_end))
		return NULL;
	v += 7;
	const char *e = strchr(v, '"');
	return e ? keep_strndup(v, (size_t)(e - v)) : NULL;
}

long long lw_id_after(const char *html, const char *anchor, const char *prefix)
{
	const char *p = html ? strstr(html, anchor) : NULL;
	if (!p)
		return 0;
	p = strstr(p + strlen(anchor), prefix);
	return p ? strtoll(p + strlen(prefix), NULL, 10) : 0;
}

char *lw_html_escape(const char *s)
{
	grow g = {0};
	grow_add(&g, "", 0);
	for (; *s; s++) {
		switch (*s) {
		case '&': grow_add(&g, "&amp;", 5); break;
		case '<': grow_add(&g, "&lt;", 4); break;
		case '>': grow_add(&g, "&gt;", 4); break;
		case '"': grow_add(&g, "&quot;", 6); break;
		case '\'': grow_add(&g, "&#39;", 5); break;
		default: grow_add(&g, s, 1);
		}
	}
	return lw_keep(g.p);
}

const char *lw_excerpt(const lw_resp *r)
{
	if (!r->body)
		return "(no body)";
	const char *m = strstr(r->body, "<main");
	const char *e = m ? strstr(m, "</main>") : NULL;
	if (m && e)
		return keep_strndup(m, (size_t)(e - m) + 7);
	return keep_strndup(r->body, r->len < 3000 ? r->len : 3000);
}

void lw_assert_alive(void)
{
	lw_client *c = lw_client_new();
	lw_resp *r = lw_get(c, "/healthz");
	cr_assert_eq(r->status, 200, "the server no longer answers /healthz: %ld %s", r->status, r->error ? r->error : "");
	cr_assert_str_eq(r->body, "ok\n");
}

/* ---- the route table, as the binary prints it ---- */

#define MAX_ROUTES 300

bool lw_route_flag(const lw_route *r, const char *flag)
{
	size_t n = strlen(flag);
	for (const char *p = r->flags; p && *p; p += strcspn(p, ","), p += *p == ',')
		if (strcspn(p, ",") == n && !strncmp(p, flag, n))
			return true;
	return false;
}

int lw_routes(lw_route **out)
{
	static lw_route v[MAX_ROUTES];
	char *text;
	int rc = lw_cli(&text, "routes", (char *)NULL);
	cr_assert_eq(rc, 0, "learnweek routes exited %d:\n%s", rc, text);
	int n = 0;
	for (char *save = NULL, *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[6] = {0};
		char *p = line;
		for (int i = 0; i < 6 && p; i++) {
			f[i] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = 0;
		}
		cr_assert(f[5], "a line of `learnweek routes` has fewer than 6 fields: %s", line);
		cr_assert(n < MAX_ROUTES, "more than %d routes: raise MAX_ROUTES in harness.c", MAX_ROUTES);
		v[n++] = (lw_route){f[0], f[1], f[2], f[3], f[4]};
	}
	cr_assert_gt(n, 30, "only %d routes listed", n);
	*out = v;
	return n;
}

/* The server's peak resident memory (kB), from /proc: its pid is in the
 * file the monitor shell writes ($LW_HTTP_TMP/server.pid; the shell's own
 * command line names serve too, so it is not looked for by name). */
long lw_server_hwm_kb(void)
{
	char *text = slurp(lw_printf("%s/server.pid", env_or_die("LW_HTTP_TMP")));
	long pid = text ? atol(text) : 0;
	free(text);
	cr_assert_gt(pid, 0, "no server pid in %s/server.pid", env_or_die("LW_HTTP_TMP"));
	FILE *st = fopen(lw_printf("/proc/%ld/status", pid), "r");
	cr_assert_not_null(st, "no process %ld", pid);
	long kb = -1;
	char line[256];
	while (fgets(line, sizeof line, st))
		if (!strncmp(line, "VmHWM:", 6))
			kb = atol(line + 6);
	fclose(st);
	cr_assert_gt(kb, 0, "no VmHWM for the server (pid %ld)", pid);
	return kb;
}

char *lw_run(const char *cmd)
{
	FILE *p = popen(strstr(cmd, "2>") ? cmd : lw_printf("%s 2>&1", cmd), "r");
	cr_assert(p, "cannot run %s", cmd);
	char chunk[4096];
	size_t got;
	char *out = lw_printf("%s", "");
	while ((got = fread(chunk, 1, sizeof chunk - 1, p)) > 0) {
		chunk[got] = 0;
		out = lw_printf("%s%s", out, chunk);
	}
	cr_assert_eq(pclose(p), 0, "%s failed (poppler-utils, zbar-tools and unzip are Debian packages): %s", cmd, out);
	return out;
}

char *lw_save(const lw_resp *r, const char *what, const char *ext)
{
	static int n;
	char *path = lw_printf("%s/%s-%d-%d.%s", getenv("LW_HTTP_TMP"), what, (int)getpid(), n++, ext);
	FILE *f = fopen(path, "wb");
	cr_assert(f && fwrite(r->body, 1, r->len, f) == r->len, "cannot write %s", path);
	fclose(f);
	return path;
}
