/* test_calendar.c: src/domain/calendar.c public_activities gives what the plain
 * query gives ("every filter in one WHERE, ORDER BY starts_at, id"), whichever
 * way it takes: the walk along the week, the two ranges of a day, the long
 * activities' index, or the ids of rare content, audience and mode. The week
 * here has 30,000 activities, so that both ways are taken (the switch is at
 * 20,000 ids), and activities on the edges of the 8-hour split. */
#include "testlib.h"
#include "domain/calendar.h"
#include "domain/textindex.h"
#include "domain/activity.h"
#include <limits.h>
#include <string.h>

TestSuite(calendar, .init = t_setup, .fini = t_teardown);

#define N_ACTS 30000
#define D0 1669824000LL /* 2022-12-01 00:00 in Beijing */
#define DAY 86400LL

static long long week_id, unit_a, unit_b;

/* The week of 2022 (and one of 2023 whose tags share the id lists), three
 * units, N_ACTS generated activities and the edge cases. */
static void make_week(void)
{
	long long root = unit_root(D);
	cr_assert_eq(db_exec(D, "INSERT INTO units(parent_id, name, kind, code, created_at) VALUES (?1, '东湖区', '区', 'donghu', 0),"
				" (?1, '西湖区', '区', 'xihu', 0)", "I", root), 0);
	unit_a = db_int(D, 0, "SELECT id FROM units WHERE code = 'donghu'", NULL);
	unit_b = db_int(D, 0, "SELECT id FROM units WHERE code = 'xihu'", NULL);
	cr_assert_eq(db_exec(D, "INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at, updated_at)"
				" VALUES (?1, 2022, '周', '主题', '2022-12-01', '2022-12-07', 0, 0, 0),"
				" (?1, 2023, '周', '主题', '2023-12-01', '2023-12-07', 0, 0, 0)", "I", root), 0);
	week_id = db_int(D, 0, "SELECT id FROM weeks WHERE year = 2022", NULL);
	cr_assert_eq(db_begin(D), 0);
	/* hours 7..21 on each day, 30 to 90 minutes, many at the same minute */
	cr_assert_eq(db_exec(D, "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?1)"
				" INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, venue, street, status,"
				" checkin_code, created_at, updated_at)"
				" SELECT ?2, CASE i % 3 WHEN 0 THEN ?3 WHEN 1 THEN ?4 ELSE ?5 END,"
				" '第' || i || '场' || CASE i % 4 WHEN 0 THEN '读书会' WHEN 1 THEN '讲座' ELSE '培训' END,"
				" '学院' || (i % 9), CASE i % 5 WHEN 0 THEN 'offline' WHEN 1 THEN 'online' ELSE 'both' END,"
				" ?6 + (i % 7) * 86400 + (7 + (i * 7) % 15) * 3600 + (i % 4) * 900,"
				" ?6 + (i % 7) * 86400 + (7 + (i * 7) % 15) * 3600 + (i % 4) * 900 + (1 + i % 3) * 1800,"
				" '教室' || (i % 11), '街道' || (i % 5),"
				" CASE WHEN i % 13 = 0 THEN 'cancelled' WHEN i % 17 = 0 THEN 'draft' ELSE 'published' END, 'c', 0, 0 FROM s",
			     "IIIIII", (long long)N_ACTS, week_id, root, unit_a, unit_b, D0), 0);
	/* the edges of a day d: ends as it starts; began 8 hours before and ends
	 * just inside; began a second earlier (a long one); began three days
	 * earlier; and one for the whole week and more */
	for (long long d = 0; d <= 7; d++) {
		long long t = D0 + d * DAY;
		long long edge[][2] = {{t - 28800, t}, {t - 28800, t + 1}, {t - 28801, t + 1}, {t - 3 * DAY, t + 3600}, {t - 1, t + 28800}};
		for (size_t k = 0; k < sizeof edge / sizeof *edge; k++)
			cr_assert_eq(db_exec(D, "INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, status,"
						" checkin_code, created_at, updated_at) VALUES (?1, ?2, '边界展览', '图书馆', ?3, ?4, ?5,"
						" 'published', 'c', 0, 0)", "IItII", week_id, k % 2 ? unit_a : root,
					     k % 2 ? "online" : "offline", edge[k][0], edge[k][1]), 0);
	}
	cr_assert_eq(db_exec(D, "INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, status, checkin_code,"
				" created_at, updated_at) VALUES (?1, ?2, '全周展览', '博物馆', 'both', ?3, ?4, 'cancelled', 'c', 0, 0)",
			     "IIII", week_id, unit_b, D0 - DAY, D0 + 8 * DAY), 0);
	/* next year's week: the same tags, never listed in 2022 */
	cr_assert_eq(db_exec(D, "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 500)"
				" INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, status, checkin_code,"
				" created_at, updated_at) SELECT (SELECT id FROM weeks WHERE year = 2023), ?1, '第' || i || '场讲座',"
				" '学院', 'online', ?2 + i * 60, ?2 + i * 60 + 3600, 'published', 'c', 0, 0 FROM s",
			     "II", root, D0 + 365 * DAY + 10 * 3600), 0);
	/* content 1 on three in four (more ids than the switch), 2 on the rest,
	 * 3 on one in fifty; 城乡社区居民 on four in five, 老年人群 on the rest,
	 * 青少年 besides on one in seven; the edge cases: 1 and 4, 其他 */
	cr_assert_eq(db_exec(D, "INSERT INTO activity_tags(activity_id, kind, value)"
				" SELECT id, 'content', CASE WHEN id % 4 = 3 THEN '2' ELSE '1' END FROM activities"
				" UNION ALL SELECT id, 'content', '3' FROM activities WHERE id % 50 = 0"
				" UNION ALL SELECT id, 'content', '4' FROM activities WHERE title LIKE '%展览'"
				" UNION ALL SELECT id, 'audience', CASE WHEN id % 5 = 0 THEN '老年人群' ELSE '城乡社区居民' END FROM activities"
				" WHERE title NOT LIKE '%展览'"
				" UNION ALL SELECT id, 'audience', '青少年' FROM activities WHERE id % 7 = 0"
				" UNION ALL SELECT id, 'audience', '其他' FROM activities WHERE title LIKE '%展览'", NULL), 0);
	cr_assert_eq(db_commit(D), 0);
	/* PostgreSQL plans from statistics its autovacuum gathers later: without
	 * them it takes a 30,000-row table for a small one */
	if (t_pgname[0])
		cr_assert_eq(db_exec_script(D, "ANALYZE"), 0);
}

typedef struct ids {
	long long *v;
	long long n;
} ids;

/* The plain query, all of it: what the calendar must list. */
static ids reference(const public_query *q)
{
	char *like = NULL;
	if (q->q) {
		/* the resident's % and _ are text */
		char *o = like = arena_alloc(&A, 2 * strlen(q->q) + 3);
		*o++ = '%';
		for (const char *c = q->q; *c; c++) {
			if (*c == '%' || *c == '_' || *c == '\\')
				*o++ = '\\';
			*o++ = *c;
		}
		*o = '%';
	}
	/* a scope of several weeks: here every week of 2022 */
	char *where = arena_printf(&A, "%s AND a.status IN ('published', 'cancelled')%s%s%s%s%s",
		q->narms > 1 ? "a.week_id IN (SELECT id FROM weeks WHERE year = 2022)" : "a.week_id = ?1", q->unit_id ? " AND a.unit_id = ?2" : "",
		q->content ? " AND EXISTS (SELECT 1 FROM activity_tags t WHERE t.activity_id = a.id AND t.kind = 'content' AND t.value = ?3)" : "",
		q->audience ? " AND EXISTS (SELECT 1 FROM activity_tags t WHERE t.activity_id = a.id AND t.kind = 'audience' AND t.value = ?4)" : "",
		q->mode ? " AND a.mode IN (?5, 'both')" : "", q->from || q->to ? " AND a.starts_at < ?7 AND a.ends_at > ?6" : "");
	const char *text = "(x.title LIKE ?8 ESCAPE '\\' OR x.host LIKE ?8 ESCAPE '\\' OR x.venue LIKE ?8 ESCAPE '\\'"
			   " OR x.street LIKE ?8 ESCAPE '\\')";
	char *sql = !q->q ? arena_printf(&A, "SELECT a.id FROM activities a WHERE %s ORDER BY a.starts_at, a.id LIMIT ?9", where)
		: arena_printf(&A, "SELECT x.id FROM (SELECT a.* FROM activities a WHERE %s ORDER BY a.starts_at, a.id LIMIT ?9) x"
			       " WHERE %s ORDER BY x.starts_at, x.id", where, text);
	ids r = {arena_alloc(&A, sizeof(long long) * (N_ACTS + 1000)), 0};
	stmt st;
	cr_assert_eq(db_prep(D, &st, sql, "IItttIItI", q->week_id, q->unit_id, q->content, q->audience, q->mode, q->from, q->to,
			     like, -1LL), 0);
	while (stmt_step(&st) == 1)
		r.v[r.n++] = col_int(&st, 0);
	stmt_done(&st);
	return r;
}

static char *describe(const public_query *q)
{
	return arena_printf(&A, "unit %lld content %s audience %s mode %s q %s from %lld to %lld", q->unit_id,
			    q->content ? q->content : "-", q->audience ? q->audience : "-", q->mode ? q->mode : "-",
			    q->q ? q->q : "-", q->from, q->to);
}

/* Pages 1, 2 and 20 of 50 with the count capped as the calendar caps it,
 * and the whole count uncapped, against the plain query. */
static void same_as_reference(public_query q)
{
	char *what = describe(&q);
	long long total;
	activity *v;
	q.per_page = 50;
	q.page = 1;
	q.count_cap = 0;
	int n = public_activities(D, &A, &q, &v, &total);
	ids want = reference(&q);
	cr_assert_eq(total, want.n, "%s: %lld found, want %lld", what, total, want.n);
	for (int p = 1; p <= 20; p += p < 2 ? 1 : 18) {
		q.page = p;
		q.count_cap = 1001;
		n = public_activities(D, &A, &q, &v, &total);
		cr_assert_eq(total, want.n < 1001 ? want.n : 1001, "%s: capped total %lld of %lld", what, total, want.n);
		long long first = (p - 1) * 50, expect = want.n - first < 0 ? 0 : want.n - first > 50 ? 50 : want.n - first;
		cr_assert_eq(n, expect, "%s page %d: %d rows, want %lld", what, p, n, expect);
		for (int i = 0; i < n; i++)
			cr_assert_eq(v[i].id, want.v[first + i], "%s page %d row %d: %lld, want %lld", what, p, i, v[i].id,
				     want.v[first + i]);
	}
	arena_free(&A);
}

/* the windows: the whole week, three days, and "now" at a few instants */
static const long long windows[][2] = {
	{0, 0},
	{D0, D0 + DAY}, {D0 + 3 * DAY, D0 + 4 * DAY}, {D0 + 6 * DAY, D0 + 7 * DAY},
	{D0 + 2 * DAY + 37800, D0 + 2 * DAY + 37801},  /* 10:30 */
	{D0 + 5 * DAY + 25200, D0 + 5 * DAY + 25201},  /* 07:00, when many start */
	{D0 + 4 * DAY, D0 + 4 * DAY + 1},              /* midnight */
};

Test(calendar, every_way_lists_what_the_plain_query_lists, .timeout = 600)
{
	make_week();
	struct {
		int unit;  /* 0 none, 1 unit_a, 2 unit_b */
		const char *content, *audience, *mode;
	} f[] = {
		{0, NULL, NULL, NULL}, {1, NULL, NULL, NULL}, {2, NULL, NULL, NULL},
		{0, "1", NULL, NULL}, {0, "2", NULL, NULL}, {0, "3", NULL, NULL}, {0, "4", NULL, NULL}, {0, "5", NULL, NULL},
		{0, NULL, "城乡社区居民", NULL}, {0, NULL, "老年人群", NULL}, {0, NULL, "青少年", NULL}, {0, NULL, "其他", NULL},
		{0, NULL, NULL, "online"}, {0, NULL, NULL, "offline"},
		{0, "1", "城乡社区居民", NULL}, {0, "2", "老年人群", NULL}, {0, "3", "青少年", "online"},
		{1, "1", NULL, "offline"}, {2, "1", "城乡社区居民", "online"}, {1, "4", "其他", NULL}, {0, "4", NULL, "offline"},
	};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		for (size_t w = 0; w < sizeof windows / sizeof *windows; w++)
			same_as_reference((public_query){.week_id = week_id, .unit_id = f[i].unit == 1 ? unit_a : f[i].unit == 2 ? unit_b : 0,
							 .content = f[i].content, .audience = f[i].audience, .mode = f[i].mode,
							 .from = windows[w][0], .to = windows[w][1]});
}

/* The province's calendar (issue 17): the week and a week copied from it
 * below, where one unit's activities now are; the scope of both lists what
 * the plain query over both lists, in the same order, whichever way it
 * takes. A unit's own scope is its week's and its own activities in the
 * parent's. */
Test(calendar, a_scope_of_several_weeks_lists_what_the_plain_query_lists, .timeout = 600)
{
	make_week();
	cr_assert_eq(db_exec(D, "INSERT INTO weeks(unit_id, parent_week_id, year, title, theme, starts_on, ends_on, deadline_at,"
				" created_at, updated_at) VALUES (?1, ?2, 2022, '西湖区的周', '主题', '2022-12-01', '2022-12-07', 0, 0, 0)",
			     "II", unit_b, week_id), 0);
	long long below = db_int(D, 0, "SELECT id FROM weeks WHERE unit_id = ?1", "I", unit_b);
	cr_assert_eq(db_exec(D, "UPDATE activities SET week_id = ?1 WHERE unit_id = ?2", "II", below, unit_b), 0);
	cr_assert_gt(db_int(D, 0, "SELECT count(*) FROM activities WHERE week_id = ?1", "I", below), 9000);
	static scope_arm arms[8];
	scope_arm *got;
	int n = public_scope(D, &A, week_id, unit_root(D), &got);
	cr_assert_eq(n, 2, "the week and the one below");
	cr_assert(got[0].week_id == week_id && got[1].week_id == below && !got[0].unit_id && !got[1].unit_id);
	memcpy(arms, got, sizeof *arms * 2);
	/* 西湖区: its own week whole, and what it did in the parent's (nothing now) */
	n = public_scope(D, &A, week_id, unit_b, &got);
	cr_assert_eq(n, 2);
	cr_assert(got[0].week_id == below && !got[0].unit_id && got[1].week_id == week_id && got[1].unit_id == unit_b);
	n = public_scope(D, &A, week_id, unit_a, &got);
	cr_assert(n == 1 && got[0].week_id == week_id && got[0].unit_id == unit_a, "东湖区: its activities in the week");
	arena_free(&A);
	struct {
		const char *content, *audience, *mode, *q;
	} f[] = {
		{NULL, NULL, NULL, NULL}, {"1", NULL, NULL, NULL}, {"3", NULL, NULL, NULL}, {"4", "其他", NULL, NULL},
		{NULL, "老年人群", "online", NULL}, {NULL, NULL, NULL, "读书会"}, {NULL, NULL, NULL, "第12346场"}, {"2", NULL, "offline", "学院3"},
	};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		for (size_t w = 0; w < sizeof windows / sizeof *windows; w += 2)
			same_as_reference((public_query){.week_id = week_id, .arms = arms, .narms = 2, .content = f[i].content,
							 .audience = f[i].audience, .mode = f[i].mode, .q = f[i].q,
							 .from = windows[w][0], .to = windows[w][1]});
	/* the feed of the scope, in batches */
	public_query scope = {.week_id = week_id, .arms = arms, .narms = 2};
	ids want = reference(&scope);
	long long k = 0, after_start = LLONG_MIN, after_id = 0;
	for (;;) {
		arena a = {0};
		activity *v;
		int got_n = public_scope_after(D, &a, &scope, after_start, after_id, 500, &v);
		cr_assert_geq(got_n, 0);
		for (int i = 0; i < got_n; i++, k++) {
			cr_assert_lt(k, want.n);
			cr_assert_eq(v[i].id, want.v[k], "feed row %lld: %lld, want %lld", k, v[i].id, want.v[k]);
		}
		if (got_n)
			after_start = v[got_n - 1].starts_at, after_id = v[got_n - 1].id;
		arena_free(&a);
		if (got_n < 500)
			break;
	}
	cr_assert_eq(k, want.n, "the feed has every activity of both weeks");
}

Test(calendar, text_finds_every_match_in_the_week, .timeout = 600)
{
	make_week();
	/* one character, common and rare; two characters; longer; ASCII; no
	 * indexed character at all (the walk with LIKE) */
	const char *words[] = {"讲座", "无此词", "第12346场", "_", "书", "场", "读书会", "学院3", "12", "9场", "第 1"};
	struct {
		int unit;
		const char *content, *mode;
		size_t window;
	} f[] = {{0, NULL, NULL, 0}, {0, NULL, NULL, 2}, {1, NULL, NULL, 2}, {0, "3", NULL, 0}, {0, "1", NULL, 0}, {2, "1", "online", 4}};
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		for (size_t i = 0; i < sizeof f / sizeof *f; i++)
			same_as_reference((public_query){.week_id = week_id, .unit_id = f[i].unit == 1 ? unit_a : f[i].unit == 2 ? unit_b : 0,
							 .content = f[i].content, .mode = f[i].mode, .q = words[k],
							 .from = windows[f[i].window][0], .to = windows[f[i].window][1]});
	long long total;
	activity *v;
	/* the one activity of 30,000 whose title has it */
	public_activities(D, &A, &(public_query){.week_id = week_id, .q = "第12346场", .per_page = 50, .count_cap = 1001}, &v, &total);
	cr_assert_eq(total, 1);

	/* the index follows a change and a removal at once */
	long long id = v[0].id;
	cr_assert_eq(db_exec(D, "UPDATE activities SET title = '舞龙舞狮' WHERE id = ?1", "I", id), 0);
	same_as_reference((public_query){.week_id = week_id, .q = "第12346场"});
	same_as_reference((public_query){.week_id = week_id, .q = "舞龙"});
	same_as_reference((public_query){.week_id = week_id, .q = "狮"});
	public_activities(D, &A, &(public_query){.week_id = week_id, .q = "舞狮", .per_page = 50}, &v, &total);
	cr_assert_eq(total, 1, "the new title is found");
	cr_assert_eq(db_exec(D, "UPDATE activities SET title = '舞龙灯' WHERE id = ?1", "I", id), 0);
	cr_assert_eq(db_exec(D, "UPDATE activities SET title = '舞龙灯会' WHERE id = ?1", "I", id), 0);
	public_activities(D, &A, &(public_query){.week_id = week_id, .q = "舞狮", .per_page = 50}, &v, &total);
	cr_assert_eq(total, 0, "the old title is gone from the index after two changes");
	public_activities(D, &A, &(public_query){.week_id = week_id, .q = "灯会", .per_page = 50}, &v, &total);
	cr_assert_eq(total, 1);
	cr_assert_eq(db_exec(D, "DELETE FROM activities WHERE id = ?1", "I", id), 0);
	public_activities(D, &A, &(public_query){.week_id = week_id, .q = "灯会", .per_page = 50}, &v, &total);
	cr_assert_eq(total, 0);
	cr_assert_eq(activity_text_sync(D), 0, "nothing left in the queue");
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM activity_text WHERE activity_text MATCH '\"灯会\"'", NULL), 0,
		     "the removed row's words are gone from the index");
}

/* The filters' bitmaps (migration 160) follow every kind of change in the
 * writing transaction: a tag removed, added or renamed, a mode changed, an
 * activity moved to another week and back, one deleted, one added. After
 * each, the calendar lists what the plain query lists. */
Test(calendar, the_filters_follow_every_change, .timeout = 600)
{
	make_week();
	long long other = db_int(D, 0, "SELECT id FROM weeks WHERE year = 2023", NULL);
	const char *changes[] = {
		/* content 1 taken from a seventh, content 3 given instead */
		"DELETE FROM activity_tags WHERE kind = 'content' AND value = '1' AND activity_id % 7 = 1",
		"INSERT INTO activity_tags(activity_id, kind, value) SELECT id, 'content', '3' FROM activities"
		" WHERE id % 7 = 1 AND NOT EXISTS (SELECT 1 FROM activity_tags t WHERE t.activity_id = id AND t.kind = 'content'"
		" AND t.value = '3')",
		/* a tag renamed in place */
		"UPDATE activity_tags SET value = '老年人群' WHERE kind = 'audience' AND value = '城乡社区居民' AND activity_id % 9 = 0",
		/* modes changed both ways */
		"UPDATE activities SET mode = 'offline' WHERE id % 11 = 0 AND mode <> 'offline'",
		"UPDATE activities SET mode = 'online' WHERE id % 13 = 1 AND mode = 'both'",
		/* moved to next year's week, some of them back */
		"UPDATE activities SET week_id = ?2 WHERE week_id = ?1 AND id % 19 = 0",
		"UPDATE activities SET week_id = ?1 WHERE week_id = ?2 AND id % 38 = 0",
		/* deleted (their tags go with them) */
		"DELETE FROM activities WHERE week_id IN (?1, ?2) AND id % 23 = 0",
	};
	for (size_t c = 0; c < sizeof changes / sizeof *changes; c++)
		cr_assert_eq(strstr(changes[c], "?1") ? db_exec(D, changes[c], "II", week_id, other) : db_exec(D, changes[c], NULL), 0,
			     "%s", changes[c]);
	/* and one added with its tags */
	cr_assert_eq(db_exec(D, "INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, status, checkin_code,"
				" created_at, updated_at) VALUES (?1, ?2, '新加的讲座', '学院', 'online', ?3, ?3 + 3600, 'published', 'c', 0, 0)",
			     "III", week_id, unit_a, D0 + 3600 * 9), 0);
	long long added = db_int(D, 0, "SELECT max(id) FROM activities", NULL);
	cr_assert_eq(db_exec(D, "INSERT INTO activity_tags(activity_id, kind, value) VALUES (?1, 'content', '5'), (?1, 'audience', '青少年')",
			     "I", added), 0);
	struct {
		const char *content, *audience, *mode;
	} f[] = {
		{"1", NULL, NULL}, {"3", NULL, NULL}, {"5", NULL, NULL}, {NULL, "老年人群", NULL}, {NULL, "城乡社区居民", NULL},
		{NULL, NULL, "online"}, {NULL, NULL, "offline"}, {"1", "老年人群", "offline"}, {"3", "城乡社区居民", "online"},
		{"5", "青少年", "online"},
	};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		for (size_t w = 0; w < 2; w++)
			same_as_reference((public_query){.week_id = week_id, .content = f[i].content, .audience = f[i].audience,
							 .mode = f[i].mode, .from = windows[w][0], .to = windows[w][1]});
	/* next year's week lists the moved ones with their tags */
	same_as_reference((public_query){.week_id = other, .content = "1"});
	same_as_reference((public_query){.week_id = other, .mode = "offline"});
}

Test(calendar, the_whole_week_in_batches_is_the_plain_query, .timeout = 600)
{
	/* the unfiltered feed's way: batches by (starts_at, id) after the last
	 * one; many activities start at the same minute, so the id decides */
	make_week();
	ids want = reference(&(public_query){.week_id = week_id});
	cr_assert_gt(want.n, 20000);
	long long got = 0, after_start = LLONG_MIN, after_id = 0;
	for (;;) {
		arena a = {0};
		activity *v;
		int n = public_activities_after(D, &a, week_id, after_start, after_id, 200, &v);
		cr_assert_geq(n, 0);
		for (int i = 0; i < n; i++, got++) {
			cr_assert_lt(got, want.n, "more rows than the plain query's %lld", want.n);
			cr_assert_eq(v[i].id, want.v[got], "row %lld: %lld, want %lld", got, v[i].id, want.v[got]);
		}
		if (n)
			after_start = v[n - 1].starts_at, after_id = v[n - 1].id;
		arena_free(&a);
		if (n < 200)
			break;
	}
	cr_assert_eq(got, want.n, "%lld rows in batches, want %lld", got, want.n);
	arena_free(&A);
}
