/* test_stats.h: what the city statistics and export tests share: a week of
 * their own, activities, check-ins, ratings and publicity made through the
 * web as the units would, the raw records read back with the sqlite3 shell
 * from the server's database, and numbers read out of the pages' tables. */
#ifndef LW_TEST_STATS_H
#define LW_TEST_STATS_H
#include "harness.h"
#include "test_sql.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CENTRE "st_centre"
#define VIEWER "st_viewer"
#define PW "stats-pass-123"

static void add_accounts(void)
{
	lw_add_user(CENTRE, "centre_admin", NULL, PW);
	lw_add_user(VIEWER, "centre_viewer", NULL, PW);
}

static inline lw_client *as(const char *username)
{
	lw_client *c = lw_client_new();
	lw_login_ok(c, username, strncmp(username, "st_", 3) ? lw_demo_password(username) : PW);
	return c;
}

/* ---- the raw records, from the server's database: test_sql.h ---- */

/* The next line of a result and its fields (at most 12), in place. */
static inline int next_row(char **cursor, char *f[12])
{
	char *line = *cursor;
	if (!line || !*line)
		return 0;
	char *nl = strchr(line, '\n');
	if (nl)
		*nl = 0;
	*cursor = nl ? nl + 1 : NULL;
	int n = 0;
	for (char *p = line; p && n < 12;) {
		f[n++] = p;
		p = strchr(p, '|');
		if (p)
			*p++ = 0;
	}
	return n;
}

/* ---- making records through the web ---- */

/* The organiser's week of year, made by the centre when missing. */
static inline long long week_of(int year)
{
	long long id = sql_int(lw_printf("SELECT id FROM weeks WHERE year = %d", year));
	if (id)
		return id;
	lw_resp *r = lw_submit(as(CENTRE), "/admin/weeks", "year", lw_printf("%d", year), "title", lw_printf("%d年南昌市全民终身学习活动周", year),
			       "theme", lw_printf("%d年的主题", year), "starts_on", lw_printf("%d-12-01", year), "ends_on",
			       lw_printf("%d-12-07", year), "deadline", lw_printf("%d-12-09T23:59", year), "notice", "", NULL);
	cr_assert_eq(r->status, 303, "create the week of %d: %ld\n%s", year, r->status, lw_excerpt(r));
	id = sql_int(lw_printf("SELECT id FROM weeks WHERE year = %d", year));
	cr_assert_gt(id, 0);
	/* An activity counts only within its week's dates (issue 12), and the
	 * activities here are under way now, on the server's real clock, to take
	 * check-ins: the week of this far year is moved around today, as no form
	 * can (a week's dates are in its year), before any activity is added. */
	sql(lw_printf("UPDATE weeks SET starts_on = date('now', '+8 hours', '-3 days'), ends_on = date('now', '+8 hours', '+3 days')"
		      " WHERE id = %lld", id));
	return id;
}

/* The demo's live week (this year's, around today): the second week it makes. */
static inline long long live_week(void)
{
	long long id = sql_int("SELECT id FROM weeks WHERE year <> 2022 ORDER BY id LIMIT 1");
	cr_assert_gt(id, 0, "the demo made no live week");
	return id;
}

static inline long long unit_id(const char *name)
{
	return sql_int(lw_printf("SELECT id FROM units WHERE name = '%s'", name));
}

typedef struct act_spec {
	const char *title, *mode, *content1, *content2, *audience, *form, *reported;
	bool featured, publish;
} act_spec;

/* An activity of the unit in the week, under way now (so it takes check-ins). */
static inline long long add_activity(lw_client *admin, long long unit, long long week, act_spec s)
{
	const char *kv[64];
	int n = 0;
#define KV(k, v) (kv[n++] = (k), kv[n++] = (v))
	KV("week", lw_printf("%lld", week));
	KV("title", s.title);
	KV("host", "东湖区社区教育学院");
	KV("mode", s.mode);
	KV("starts_at", lw_local_time(-30));
	KV("ends_at", lw_local_time(90));
	KV("venue", "社区学校");
	KV("street", "百花洲街道");
	if (strcmp(s.mode, "offline"))
		KV("online_url", "https://live.example.cn/1");
	KV("content", s.content1);
	if (s.content2)
		KV("content", s.content2);
	if (s.audience)
		KV("audiences", s.audience);
	if (s.form)
		KV("forms", s.form);
	if (s.reported)
		KV("reported", s.reported);
	if (s.featured)
		KV("featured", "1");
	KV("publish", s.publish ? "1" : "0");
#undef KV
	/* lw_submit takes its pairs as varargs: build the body here */
	char *body = lw_printf("_csrf=%s", lw_csrf(admin));
	for (int i = 0; i < n; i += 2)
		body = lw_printf("%s&%s", body, lw_form(kv[i], kv[i + 1], NULL));
	lw_resp *r = lw_post(admin, lw_printf("/units/%lld/activities", unit), body);
	cr_assert_eq(r->status, 303, "create activity %s: %ld\n%s", s.title, r->status, lw_excerpt(r));
	long long id = 0;
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && sscanf(loc, "/activities/%lld", &id) == 1, "Location %s", loc ? loc : "(none)");
	return id;
}

static inline void set_status(lw_client *admin, long long id, const char *status)
{
	lw_resp *r = lw_submit(admin, lw_printf("/activities/%lld/status", id), "status", status, NULL);
	cr_assert_eq(r->status, 303, "status %s: %ld\n%s", status, r->status, lw_excerpt(r));
}

static inline void set_counts(lw_client *admin, long long id, const char *staff, const char *reported)
{
	lw_resp *r = lw_submit(admin, lw_printf("/activities/%lld/counts", id), "staff_count", staff, "reported", reported, NULL);
	cr_assert_eq(r->status, 303, "counts: %ld\n%s", r->status, lw_excerpt(r));
}

/* A walk-in checks in by the QR code and rates the activity (score NULL: no rating). */
static inline void walk_in(lw_client *admin, long long id, const char *score)
{
	lw_resp *q = lw_get(admin, lw_printf("/activities/%lld/checkin-code", id));
	const char *p = strstr(q->body, lw_printf("/a/%lld/checkin?k=", id));
	cr_assert(p, "no check-in URL:\n%s", lw_excerpt(q));
	char k[65];
	cr_assert_eq(sscanf(strchr(p, '=') + 1, "%64[0-9a-f]", k), 1);
	lw_client *resident = lw_client_new();
	lw_resp *ok = lw_submit(resident, lw_printf("/a/%lld/checkin", id), "k", k, "name", "李桂兰", "last4", "", NULL);
	lw_expect(ok, 200, "签到成功");
	if (score)
		lw_expect(lw_submit(resident, lw_printf("/a/%lld/rating", id), "t", lw_field(ok->body, "t"), "score", score, NULL), 200,
			  "谢谢您的评价");
}

static inline void add_publicity(lw_client *admin, long long unit, long long week, const char *channel, const char *kind, const char *title)
{
	lw_resp *r = lw_submit(admin, lw_printf("/units/%lld/publicity", unit), "week", lw_printf("%lld", week), "channel", channel,
			       "kind", kind, "title", title, "outlet", "南昌日报", "published_on", "2022-12-02", NULL);
	cr_assert_eq(r->status, 303, "publicity %s: %ld\n%s", title, r->status, lw_excerpt(r));
}

/* Uploads one attachment of kind to the unit's report of the week (multipart, as the page does). */
static inline lw_resp *attach(lw_client *c, long long unit, long long week, const char *kind, const char *filename,
			      const char *data, size_t len)
{
	const char *b = "----lwstatsboundary";
	char *head = lw_printf("--%s\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n%s\r\n"
			       "--%s\r\nContent-Disposition: form-data; name=\"week\"\r\n\r\n%lld\r\n"
			       "--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n%s\r\n"
			       "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
			       "Content-Type: application/octet-stream\r\n\r\n", b, lw_csrf(c), b, week, b, kind, b, filename);
	char *tail = lw_printf("\r\n--%s--\r\n", b);
	size_t hn = strlen(head), tn = strlen(tail);
	char *body = malloc(hn + len + tn);
	cr_assert(body);
	memcpy(body, head, hn);
	memcpy(body + hn, data, len);
	memcpy(body + hn + len, tail, tn);
	const char *h[] = {lw_printf("Content-Type: multipart/form-data; boundary=%s", b), NULL};
	lw_resp *r = lw_send(c, "POST", lw_printf("/units/%lld/attachments", unit), body, hn + len + tn, h);
	free(body);
	return r;
}

/* The unit's report of the week submitted: the three required files, then 提交. */
static inline void submit_report(lw_client *c, long long unit, long long week)
{
	const char *kinds[] = {"summary", "case", "scan"};
	for (int i = 0; i < 3; i++) {
		if (i == 2) /* the scan is of the 定稿 */
			cr_assert_eq(lw_submit(c, lw_printf("/units/%lld/report/finalise", unit), "week", lw_printf("%lld", week), NULL)->status, 303);
		const char *pdf = lw_printf("%%PDF-1.4 %s %s", kinds[i], lw_unique("x"));
		lw_resp *r = attach(c, unit, week, kinds[i], lw_printf("%s.pdf", kinds[i]), pdf, strlen(pdf));
		cr_assert_eq(r->status, 303, "%s: %ld\n%s", kinds[i], r->status, lw_excerpt(r));
	}
	lw_resp *sub = lw_submit(c, lw_printf("/units/%lld/submission", unit), "week", lw_printf("%lld", week), NULL);
	cr_assert_eq(sub->status, 303, "submit: %ld\n%s", sub->status, lw_excerpt(sub));
}

/* ---- reading the pages ---- */

/* The n-th number cell (from 0) of the table row labelled row, in the part
 * of html that starts at the first occurrence of from (and ends at the
 * table's end). -1 when there is no such row. */
static inline long long cell_after(const char *html, const char *from, const char *row, int n)
{
	const char *p = strstr(html, from);
	cr_assert(p, "no %s on the page", from);
	const char *end = strstr(p, "</table>");
	const char *r = strstr(p, lw_printf("<th scope=\"row\">%s</th>", row));
	if (!r || (end && r > end))
		return -1;
	for (int i = 0; i <= n; i++) {
		r = strstr(r, "<td class=\"num\">");
		cr_assert(r && (!end || r < end), "row %s after %s has no cell %d", row, from, n);
		r += strlen("<td class=\"num\">");
	}
	return strtoll(r, NULL, 10);
}

/* The cell of a chart's table: the figure with that id. */
static inline long long chart_cell(const char *html, const char *chart_id, const char *row, int n)
{
	return cell_after(html, lw_printf("<figure class=\"chart\" id=\"%s\">", chart_id), row, n);
}
#endif
