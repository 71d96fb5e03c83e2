/* test_lane.c: a staff request that takes its time (here: a save waiting for
 * the write lock, which `learnweek sql --hold-writes` keeps) does not hold up
 * the residents' pages, even on a server of one connection thread and one
 * worker (issue 15). Before, libmicrohttpd's thread ran the handler itself,
 * and every page of that thread waited for the save. The answers are checked
 * in order, never by time: the saves cannot end before the lock is given
 * back, and the pages must all have come while they wait. */
#include "unit_admin.h"
#include <poll.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* sessions idle 20 s: a session's last_seen is then due a write 2 s after
 * its last one (a tenth of the limit) */
LW_SERVER("--threads 1 --workers 1 --session-idle 20", NULL)

typedef struct pending {
	pid_t pid;
	int fd;   /* the child writes "status location" here once its answer came */
} pending;

/* What a child asks: a save (title set) of a new published activity in
 * u's unit, or a GET of path. */
typedef struct ask {
	unit_admin *u;
	const char *title, *path;
} ask;

/* The request, made by a child process on the client's connection (which
 * it inherits: no other process may use that client after this); its
 * answer ("status location", and the page when it is not the expected one)
 * arrives on the pipe when the server has given it. */
static pending in_child(ask q)
{
	int p[2];
	cr_assert_eq(pipe(p), 0);
	fflush(NULL);
	pid_t pid = fork();
	cr_assert_geq(pid, 0, "fork");
	if (pid == 0) {
		close(p[0]);
		lw_resp *r = q.title ? lw_submit(q.u->c, lw_printf("/units/%lld/activities", q.u->unit), "title", q.title, "host",
						 "西湖区社区学院", "content", "6", "mode", "offline", "starts_at", lw_local_time(60),
						 "ends_at", lw_local_time(180), "venue", "学院礼堂", "street", "南浦街道", "capacity",
						 "5", "week", "1", "off_week", "1", "publish", "1", NULL)
				     : lw_get(q.u->c, q.path);
		const char *loc = lw_header(r, "Location");
		char *line = lw_printf("%ld %s\n%.400s", r->status, loc ? loc : "-",
				       r->status == (q.title ? 303 : 200) ? "" : lw_excerpt(r));
		_exit(write(p[1], line, strlen(line)) < 0 ? 2 : 0);
	}
	close(p[1]);
	return (pending){pid, p[0]};
}

/* Whether the child's answer has come, without waiting for it. */
static bool answered(const pending *s)
{
	struct pollfd pf = {.fd = s->fd, .events = POLLIN};
	return poll(&pf, 1, 0) == 1;
}

/* The child's answer (waiting for it): its status, and the new activity's id. */
static long answer(pending *s, long long *id, char **said)
{
	char line[2048] = "";
	size_t n = 0;
	ssize_t k;
	while (n < sizeof line - 1 && (k = read(s->fd, line + n, sizeof line - 1 - n)) > 0)
		n += (size_t)k;
	close(s->fd);
	waitpid(s->pid, NULL, 0);
	long status = 0;
	*id = 0;
	sscanf(line, "%ld /activities/%lld", &status, id);
	*said = lw_printf("%s", line);
	return status;
}

/* `learnweek sql --hold-writes F`: a writer beside the server that keeps
 * the write lock until F exists. Returns once it holds it. */
static FILE *hold_writes(const char *release)
{
	FILE *h = popen(lw_printf("'%s' sql --data '%s' --hold-writes '%s'", lw_bin(), getenv("LW_HTTP_DATA"), release), "r");
	cr_assert_not_null(h, "cannot start learnweek sql --hold-writes");
	char line[64] = "";
	cr_assert_not_null(fgets(line, sizeof line, h), "learnweek sql --hold-writes said nothing");
	cr_assert_str_eq(line, "held\n");
	return h;
}

/* where the holder looks for its release; made after the test, failed or
 * not, so that the server's saves do not wait for the holder's 60 s */
static char release_path[512];

static void release_lock(void)
{
	if (release_path[0]) {
		FILE *f = fopen(release_path, "w");
		if (f)
			fclose(f);
	}
}

Test(lane, residents_pages_come_while_staff_saves_wait_for_the_write_lock, .fini = release_lock)
{
	/* a client each: a child uses its client's open connection */
	unit_admin u1 = demo_admin("xihu_admin"), u2 = demo_admin("xihu_admin"), u3 = demo_admin("donghu_admin");
	/* u3's session is due a write of its last_seen once more than 2 s are
	 * past (whole seconds: 3) */
	struct timespec due = {3, 500 * 1000 * 1000};
	nanosleep(&due, NULL);
	char *release = lw_printf("%s/release.%ld", getenv("LW_HTTP_TMP"), (long)getpid());
	snprintf(release_path, sizeof release_path, "%s", release);
	FILE *holder = hold_writes(release);
	char *title1 = lw_unique("慢车道甲"), *title2 = lw_unique("慢车道乙");
	pending s1 = in_child((ask){&u1, title1, NULL}), s2 = in_child((ask){&u2, title2, NULL});
	/* a staff member on the public front page: the page is a resident's,
	 * the session's write is not, and waits in the lane too */
	pending s3 = in_child((ask){&u3, NULL, "/"});
	/* time for the three to reach the server: one waits in the worker for
	 * the lock, the others behind it in the queue. (Were they slower, the
	 * pages below would still come first, and prove less.) */
	struct timespec pause_ = {0, 300 * 1000 * 1000};
	nanosleep(&pause_, NULL);

	const char *pages[] = {"/", "/resources", "/calendar.ics", "/showcase", "/?q=%E9%98%85%E8%AF%BB", "/healthz"};
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		lw_resp *r = lw_get(lw_client_new(), pages[i]);
		cr_assert_eq(r->status, 200, "%s while staff saves wait: %ld\n%s", pages[i], r->status, lw_excerpt(r));
	}
	/* the saves queue for the write lock on either engine; the session's
	 * one-statement write only on SQLite (on PostgreSQL only write
	 * transactions take the lock), where the staff member's page must wait
	 * too, in the lane: had it waited on the connection thread, the pages
	 * above would have come after it */
	const char *pg = getenv("LEARNWEEK_PG_CLUSTER");
	int waiting = pg && *pg ? 2 : 3;
	pending *who[] = {&s1, &s2, &s3};
	for (int i = 0; i < waiting; i++)
		if (answered(who[i])) {
			long long id;
			char *said;
			long status = answer(who[i], &id, &said);
			cr_assert_fail("%s was answered (%ld) before the write lock came back: the pages above waited for it, or"
				       " it did not wait for the lock:\n%s", i < 2 ? "a save" : "the staff member's page", status, said);
		}

	/* the lock given back: both saves go through, and the public page
	 * shows each at once */
	FILE *f = fopen(release, "w");
	cr_assert_not_null(f);
	fclose(f);
	cr_assert_eq(pclose(holder), 0, "learnweek sql --hold-writes failed");
	long long id1, id2;
	char *said;
	cr_assert_eq(answer(&s1, &id1, &said), 303, "the first save, after the lock came back: %s", said);
	cr_assert_eq(answer(&s2, &id2, &said), 303, "the second save, after the lock came back: %s", said);
	long long none;
	cr_assert_eq(answer(&s3, &none, &said), 200, "the staff member's front page, after the lock came back: %s", said);
	lw_expect(lw_get(lw_client_new(), lw_printf("/a/%lld", id1)), 200, title1);
	lw_expect(lw_get(lw_client_new(), lw_printf("/a/%lld", id2)), 200, title2);
	lw_assert_alive();
}
