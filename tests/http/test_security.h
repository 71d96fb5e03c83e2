/* test_security.h: what the security tests (test_security_*.c) share: reading
 * the server's database (learnweek sql, either engine) and file store from
 * the test (so a test can prove a refused request wrote nothing), the route table from
 * `learnweek routes`, and the records every kind of path parameter needs,
 * made through the web forms as a centre admin. Built on test_report.h (a
 * unit of the test's own, multipart bodies, small files of each type). */
#ifndef LW_TEST_SECURITY_H
#define LW_TEST_SECURITY_H
#include "test_report.h"
#include "unit_admin.h"
#include "test_sql.h"
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static inline const char *sec_data(void)
{
	const char *d = getenv("LW_HTTP_DATA");
	cr_assert(d && *d, "LW_HTTP_DATA is not set");
	return d;
}

/* The whole output of a shell command (stdout), kept until the test ends. */
static inline char *sec_run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p, "popen %s", cmd);
	bytes b = {0};
	char chunk[8192];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, p)) > 0)
		put(&b, chunk, k);
	int st = pclose(p);
	cr_assert_eq(st, 0, "%s exited with status %d", cmd, st);
	char *s = lw_printf("%s", b.p ? b.p : "");
	free(b.p);
	return s;
}

/* One value from the server's database (the server keeps writing meanwhile). */
static inline long long sec_int(const char *q)
{
	return sql_int(q);
}

static inline char *sec_text(const char *q)
{
	char *out = sql(q);
	size_t n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = 0;
	return out;
}

/* What a refused request must leave alone: every row of every table but
 * sessions and login_failures (a session's last_seen moves on each request),
 * and every file under files/ with its size. Compared as text. */
static inline char *sec_state(void)
{
	char *dump = sql_dump_text("sessions login_failures");
	char *files = sec_run(lw_printf("cd '%s/files' && find . -type f -printf '%%p %%s\\n' | sort", sec_data()));
	return lw_printf("%s\n--- files ---\n%s", dump, files);
}

/* The first line where a and b differ, for a failure message. */
static inline const char *sec_first_diff(const char *a, const char *b)
{
	const char *la = a, *lb = b;
	while (*la && *lb) {
		const char *ea = strchr(la, '\n'), *eb = strchr(lb, '\n');
		size_t na = ea ? (size_t)(ea - la) : strlen(la), nb = eb ? (size_t)(eb - lb) : strlen(lb);
		if (na != nb || memcmp(la, lb, na))
			return lw_printf("before: %.*s\nafter:  %.*s", (int)(na > 300 ? 300 : na), la, (int)(nb > 300 ? 300 : nb), lb);
		la += na + (ea != NULL);
		lb += nb + (eb != NULL);
	}
	return lw_printf("before: %.300s\nafter:  %.300s", la, lb);
}

/* Files left in files/tmp (an upload the server did not finish or clean). */
static inline int sec_tmp_files(void)
{
	DIR *d = opendir(lw_printf("%s/files/tmp", sec_data()));
	if (!d)
		return 0;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* Whether files/tmp empties: a test running beside this one may be half-way
 * through an upload of its own at any moment. Waits at most 30 s (a machine
 * under load), returning as soon as it is empty. */
static inline bool sec_tmp_drains(void)
{
	for (int i = 0; i < 600; i++) {
		if (!sec_tmp_files())
			return true;
		struct timespec ts = {0, 50 * 1000000L};
		nanosleep(&ts, NULL);
	}
	return false;
}

/* ---- one record of every kind a path parameter names ---- */

typedef struct sec_ids {
	const char *name;   /* the parameter: "activity" */
	long long id;
} sec_ids;

/* The id in a Location header after prefix ("/resources/"), or 0. */
static inline long long sec_loc_id(const lw_resp *r, const char *prefix)
{
	const char *loc = lw_header(r, "Location");
	return loc && !strncmp(loc, prefix, strlen(prefix)) ? atoll(loc + strlen(prefix)) : 0;
}

/* Makes, in the fixture's own unit, an activity with a photo, a pending
 * import, an API token, a resource, a star, a brand, a 智慧助老 case, a
 * publicity record and the three attachments of a submitted report; fills
 * ids (16 entries) with the id of each kind. */
static inline int sec_make_records(fx *f, sec_ids *ids)
{
	lw_client *c = f->centre;
	long long u = f->unit, w = f->week;
	int n = 0;
	ids[n++] = (sec_ids){"unit", u};
	ids[n++] = (sec_ids){"week", w};
	char *acct = lw_unique("secacct");
	lw_add_user(acct, "unit_editor", f->name, PW);
	ids[n++] = (sec_ids){"account", sec_int(lw_printf("SELECT id FROM accounts WHERE username = '%s'", acct))};

	lw_resp *r = lw_submit(c, lw_printf("/units/%lld/activities", u), "week", lw_printf("%lld", w), "title", "安全测试活动",
			       "host", "安全测试", "mode", "offline", "venue", "礼堂", "content", "6", "publish", "1",
			       "starts_at", "2099-12-02T09:00", "ends_at", "2099-12-02T10:00", NULL);
	long long act = sec_loc_id(r, "/activities/");
	cr_assert_gt(act, 0, "activity: %ld\n%s", r->status, lw_excerpt(r));
	ids[n++] = (sec_ids){"activity", act};
	r = lw_upload(c, lw_printf("/activities/%lld/photos", act), "photo", "p.png", "image/png", lw_png, lw_png_size);
	cr_assert_eq(r->status, 303, "photo: %ld\n%s", r->status, lw_excerpt(r));
	ids[n++] = (sec_ids){"photo", sec_int(lw_printf("SELECT max(id) FROM activity_photos WHERE activity_id = %lld", act))};

	const char *csv = "活动名称,主办单位,活动内容,线上/线下,开始时间,结束时间,活动地点\n"
			  "导入的活动,社区教育学院,全民阅读,线下,2099-12-02 09:00,2099-12-02 10:30,活动中心\n";
	r = lw_upload(c, lw_printf("/units/%lld/imports?week=%lld", u, w), "file", "a.csv", "text/csv", csv, strlen(csv));
	ids[n++] = (sec_ids){"import", sec_loc_id(r, "/imports/")};
	cr_assert_gt(ids[n - 1].id, 0, "import: %ld\n%s", r->status, lw_excerpt(r));

	lw_resp *tp = lw_get(c, lw_printf("/units/%lld/tokens", u));
	long long acc = option_id(tp->body, acct);
	r = lw_submit(c, lw_printf("/units/%lld/tokens", u), "account", lw_printf("%lld", acc), "name", lw_unique("令牌"), NULL);
	cr_assert_eq(r->status, 200, "token: %s", lw_excerpt(r));
	ids[n++] = (sec_ids){"token", sec_int(lw_printf("SELECT max(id) FROM api_tokens WHERE account_id = %lld", acc))};

	r = lw_submit(c, lw_printf("/units/%lld/resources", u), "week", lw_printf("%lld", w), "kind", "venue", "title", "安全测试资源",
		      "institution", "图书馆", "address", "一号楼", NULL);
	ids[n++] = (sec_ids){"resource", sec_loc_id(r, "/resources/")};
	r = lw_submit(c, lw_printf("/units/%lld/stars", u), "week", lw_printf("%lld", w), "name", "学习之星", "story", "故事", NULL);
	ids[n++] = (sec_ids){"star", sec_loc_id(r, "/stars/")};
	r = lw_submit(c, lw_printf("/units/%lld/brands", u), "week", lw_printf("%lld", w), "name", "品牌项目", "host", "学院",
		      "description", "简介", NULL);
	ids[n++] = (sec_ids){"brand", sec_loc_id(r, "/brands/")};
	r = lw_submit(c, lw_printf("/units/%lld/cases", u), "activity", lw_printf("%lld", act), "title", "助老案例", "taught", "用手机",
		      "trained", "3", NULL);
	ids[n++] = (sec_ids){"case", sec_loc_id(r, "/cases/")};
	for (int i = n - 4; i < n; i++)
		cr_assert_gt(ids[i].id, 0, "no %s made", ids[i].name);

	r = lw_submit(c, lw_printf("/units/%lld/publicity", u), "week", lw_printf("%lld", w), "channel", "报刊", "kind", "text",
		      "title", "安全测试报道", NULL);
	cr_assert_eq(r->status, 303, "publicity: %s", lw_excerpt(r));
	ids[n++] = (sec_ids){"publicity", sec_int(lw_printf("SELECT max(id) FROM publicity WHERE unit_id = %lld", u))};
	fx as_centre = *f;
	as_centre.admin = c;
	attach_ok(&as_centre, "summary", "总结.pdf", pdf());
	attach_ok(&as_centre, "case", "案例.pdf", pdf());
	finalise_and_scan(&as_centre); /* 定稿 and its stamped scan */
	ids[n++] = (sec_ids){"attachment", sec_int(lw_printf("SELECT max(t.id) FROM attachments t JOIN reports r ON r.id = t.report_id"
							     " WHERE r.unit_id = %lld", u))};
	r = lw_submit(c, lw_printf("/units/%lld/submission", u), "week", lw_printf("%lld", w), NULL);
	cr_assert_eq(r->status, 303, "submit: %s", lw_excerpt(r));
	ids[n++] = (sec_ids){"submission", sec_int(lw_printf("SELECT max(s.id) FROM submissions s JOIN reports r ON r.id = s.report_id"
							     " WHERE r.unit_id = %lld", u))};
	for (int i = 0; i < n; i++)
		cr_assert_gt(ids[i].id, 0, "no %s made", ids[i].name);
	return n;
}

/* The pattern with each :name from ids and a trailing * as "x"; NULL (and the
 * name in *missing) for a parameter without a record. */
static inline char *sec_fill(const char *pattern, const sec_ids *ids, int nids, char **missing)
{
	char *out = lw_printf("%s", "");
	for (const char *p = pattern; *p;) {
		if (*p == '*') {
			out = lw_printf("%sx", out);
			p++;
			continue;
		}
		if (*p != ':') {
			size_t k = strcspn(p, ":*");
			out = lw_printf("%s%.*s", out, (int)k, p);
			p += k;
			continue;
		}
		size_t len = strcspn(p + 1, "/");
		long long id = 0;
		for (int i = 0; i < nids; i++)
			if (strlen(ids[i].name) == len && !strncmp(ids[i].name, p + 1, len))
				id = ids[i].id;
		if (!id) {
			*missing = lw_printf("%.*s", (int)len, p + 1);
			return NULL;
		}
		out = lw_printf("%s%lld", out, id);
		p += 1 + len;
	}
	return out;
}
#endif
