/* test_hostile_feed.c: one unit's 20,000 imported activities made the
 * unfiltered /calendar.ics answer 400 for everyone (issue 14); it now serves
 * the whole week, streamed. 1,500 activities are past the 1,000 of one
 * query. A server of its own: the import is heavy, and the other hostile
 * tests measure the server's memory. No page cache (--cache-mb 0), so every
 * feed is written for its reader, as one past a quarter of the cache is. */
#include "unit_admin.h"
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

LW_SERVER("--cache-mb 0", NULL)

/* A reader that asks for the whole feed and then reads nothing: a tiny
 * receive window, so the server's stream stays open until it is closed. */
static int stalled_reader(void)
{
	int port = atoi(strrchr(lw_base(), ':') + 1);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	cr_assert_geq(s, 0, "socket: %s", strerror(errno));
	int small = 1024;
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
	struct sockaddr_in dst = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
	inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
	cr_assert_eq(connect(s, (struct sockaddr *)&dst, sizeof dst), 0, "connect: %s", strerror(errno));
	const char *req = "GET /calendar.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	cr_assert_eq(send(s, req, strlen(req), 0), (ssize_t)strlen(req));
	/* wait for the first bytes: the server has begun this feed */
	struct pollfd p = {s, POLLIN, 0};
	cr_assert_eq(poll(&p, 1, 10000), 1, "no answer to the stalled reader's request");
	char b[512];
	cr_assert_gt(recv(s, b, sizeof b, 0), 0);
	cr_assert(!strncmp(b, "HTTP/1.1 200", 12), "the stalled reader got %.40s", b);
	return s;
}

Test(feed, the_unfiltered_feed_serves_the_whole_week_past_a_thousand_activities)
{
	unit_admin u = demo_admin("xihu_admin");
	enum { ROWS = 1500 };
	char *marker = lw_unique("订阅");
	size_t cap = 1024 + (size_t)ROWS * 200, len = 0;
	char *csv = lw_keep(malloc(cap));
	len += (size_t)snprintf(csv, cap, "活动名称,主办单位,活动内容,线上/线下,开始时间,结束时间,活动地点\n");
	/* today, in the demo's live week: an activity outside its week's dates is refused (issue 12) */
	char *today = lw_local_time(0);
	today[10] = 0;
	for (int i = 0; i < ROWS; i++)
		len += (size_t)snprintf(csv + len, cap - len, "%s第%d场,西湖区社区学院,全民阅读,线下,%s 09:00,%s 11:00,学院礼堂\n",
					marker, i, today, today);
	lw_resp *up = lw_upload(u.c, lw_printf("/units/%lld/imports", u.unit), "file", "订阅.csv", "text/csv", csv, len);
	cr_assert_eq(up->status, 303, "import: %ld\n%s", up->status, lw_excerpt(up));
	lw_resp *c = lw_submit(u.c, lw_printf("%s/confirm", lw_header(up, "Location")), "status", "published", NULL);
	cr_assert_eq(c->status, 303, "confirm: %ld\n%s", c->status, lw_excerpt(c));

	lw_resp *r = lw_get(lw_client_new(), "/calendar.ics");
	cr_assert_eq(r->status, 200, "/calendar.ics: %ld\n%.300s", r->status, lw_excerpt(r));
	int events = 0, ours = 0;
	for (const char *p = r->body; (p = strstr(p, "BEGIN:VEVENT")); p++)
		events++;
	for (const char *p = r->body; (p = strstr(p, marker)); p++)
		ours++;
	cr_assert_geq(ours, ROWS, "%d of the %d imported activities are in the feed (%d events)", ours, ROWS, events);
	cr_assert(r->len > 15 && !strcmp(r->body + r->len - 15, "END:VCALENDAR\r\n"), "the feed does not end whole");
	/* a filtered feed is still one page */
	lw_expect(lw_get(lw_client_new(), lw_printf("/calendar.ics?unit=%lld", u.unit)), 400, "一次最多订阅");

	/* A feed of the whole week costs the server about 50 us per event, so
	 * only two are written at once: a resident who asks while two readers
	 * hold theirs is told to try again in a minute (503, Retry-After), and the
	 * feed answers again once one of them is gone. */
	int a = stalled_reader(), b = stalled_reader();
	lw_resp *busy = lw_get(lw_client_new(), "/calendar.ics");
	lw_expect(busy, 503, "请稍等一分钟再试");
	cr_assert_str_eq(lw_header(busy, "Retry-After"), "60");
	/* a filtered feed is one page and does not count; the calendar answers */
	lw_expect(lw_get(lw_client_new(), lw_printf("/calendar.ics?unit=%lld", u.unit)), 400, "一次最多订阅");
	lw_expect(lw_get(lw_client_new(), "/"), 200, "活动");
	close(a);
	long st = 0;
	for (int i = 0; i < 100 && st != 200; i++) {
		struct timespec t = {0, 50 * 1000 * 1000};
		nanosleep(&t, NULL);
		st = lw_get(lw_client_new(), "/calendar.ics")->status;
	}
	cr_assert_eq(st, 200, "the feed still answers %ld after a stalled reader left", st);
	close(b);
}
