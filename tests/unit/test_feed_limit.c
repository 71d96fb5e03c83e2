/* test_feed_limit.c: at most two whole-week feeds are written at once
 * (src/pages/calendar.c, FEED_STREAMS): each costs about 50 us of CPU an
 * event, so a third reader gets 503 with Retry-After instead of taking every
 * core, and the place comes back when a feed ends. Called here as the server
 * calls the handler, with the streams kept open by simply not reading them:
 * over HTTP a reader that stops reading does not hold a feed open reliably
 * (the kernel's send buffer takes it whole). A filtered feed, one page of at
 * most 1,000 events, never counts. */
#include "testlib.h"
#include "pages/calendar.h"
#include "web/http.h"

TestSuite(feed, .init = t_setup, .fini = t_teardown);

#define D0 1669824000LL /* 2022-12-01 00:00 in Beijing */

/* A week of the root's with 1,200 published activities, past one query's 1,000. */
static void make_week(void)
{
	long long root = unit_root(D);
	cr_assert_eq(db_exec(D, "INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at, updated_at)"
				" VALUES (?1, 2022, '周', '主题', '2022-12-01', '2022-12-07', 0, 0, 0)", "I", root), 0);
	long long week_id = db_int(D, 0, "SELECT id FROM weeks WHERE year = 2022", NULL);
	cr_assert_eq(db_exec(D, "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1200)"
				" INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, venue, status,"
				" checkin_code, created_at, updated_at)"
				" SELECT ?1, ?2, '第' || i || '场讲座', '学院', 'offline', ?3 + i * 60, ?3 + i * 60 + 3600, '教室',"
				" 'published', 'c', 0, 0 FROM s", "III", week_id, root, D0 + 9 * 3600), 0);
}

/* GET /calendar.ics (with the query params, k, v, ..., NULL), as the router
 * hands it to the handler; the answer's stream is left unread. */
static resp *feed(const char *k, const char *v)
{
	req *r = arena_alloc(&A, sizeof *r);
	resp *w = arena_alloc(&A, sizeof *w);
	memset(r, 0, sizeof *r);
	memset(w, 0, sizeof *w);
	r->a = &A;
	r->db = D;
	r->method = M_GET;
	r->raw_uri = r->path = "/calendar.ics";
	r->now = D0 + 2 * 86400;
	r->address = "127.0.0.1";
	if (k) {
		r->params = arena_alloc(&A, sizeof *r->params);
		r->params[0] = (kv){k, v};
		r->nparams = r->nquery = 1;
	}
	w->status = 200;
	page_calendar_ics(r, w);
	return w;
}

static void end_stream(resp *w)
{
	cr_assert_not_null(w->stream);
	w->stream_free(w->stream_ctx);
	w->stream = NULL;
}

Test(feed, a_third_whole_week_feed_waits_for_one_of_two_to_end)
{
	make_week();
	resp *one = feed(NULL, NULL), *two = feed(NULL, NULL);
	cr_assert_eq(one->status, 200);
	cr_assert_not_null(one->stream, "the whole week past 1,000 events is streamed");
	cr_assert_eq(two->status, 200);
	cr_assert_not_null(two->stream);

	/* the third reader: told to come back, in Chinese, and when */
	resp *three = feed(NULL, NULL);
	cr_assert_eq(three->status, 503);
	cr_assert_null(three->stream);
	cr_assert(strstr(buf_cstr(&three->body), "请稍等一分钟再试"), "the 503 says what to do:\n%s", buf_cstr(&three->body));
	bool retry = false;
	for (int i = 0; i < three->nheaders; i++)
		retry |= !strcmp(three->headers[i].k, "Retry-After") && !strcmp(three->headers[i].v, "60");
	cr_assert(retry, "Retry-After: 60");

	/* a filtered feed is one page, and comes meanwhile */
	resp *part = feed("date", "2022-12-01");
	cr_assert_eq(part->status, 200, "a day's feed while two whole weeks are written: %d", part->status);
	cr_assert_null(part->stream);
	cr_assert(strstr(buf_cstr(&part->body), "BEGIN:VEVENT"));

	/* one ends: its place is free */
	end_stream(one);
	resp *four = feed(NULL, NULL);
	cr_assert_eq(four->status, 200);
	cr_assert_not_null(four->stream);
	end_stream(two);
	end_stream(four);
	resp *all[] = {one, two, three, part, four};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		buf_free(&all[i]->body);
	arena_free(&A);
}
