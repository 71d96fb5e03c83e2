/* test_import.h: what the import tests share (test_import.c, and
 * test_import_large.c with a server of its own): the demo unit admins, the
 * import's upload, preview and confirm, the count of a unit's activities, and
 * CSV rows as the template's columns take them. */
#ifndef LW_TEST_IMPORT_H
#define LW_TEST_IMPORT_H
#include "harness.h"
#include "unit_admin.h"
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER "活动名称,主办单位,协办单位,活动内容,学习主题,活动形式,参与对象,线上/线下,开始时间,结束时间,活动地点," \
	       "所在街道/乡镇,线上链接,人数上限,活动简介,有特色的活动,主办方报告的参与人数\n"

/* What the helpers allocate lives until the test process ends. */
static void **kept;
static size_t nkept, capkept;
static inline void free_kept(void)
{
	for (size_t i = 0; i < nkept; i++)
		free(kept[i]);
	free(kept);
}
static inline void *tkeep(void *p)
{
	cr_assert_not_null(p);
	if (!kept)
		atexit(free_kept);
	if (nkept == capkept) {
		capkept = capkept ? capkept * 2 : 16;
		void **n = realloc(kept, sizeof *n * capkept);
		cr_assert_not_null(n);
		kept = n;
	}
	kept[nkept++] = p;
	return p;
}

/* The demo admin of a unit, by the unit's code. */
static inline unit_admin admin_of(const char *code)
{
	return demo_admin(lw_printf("%s_admin", code));
}

/* POST /units/:unit/imports with one file, as a browser sends it, into the
 * 2022 week (week 1 of the demo): the files' activities are of its dates, and
 * an activity outside its week's dates is refused (issue 12). */
static inline lw_resp *upload(unit_admin *u, const char *filename, const void *data, size_t n)
{
	return lw_upload(u->c, lw_printf("/units/%lld/imports?week=1", u->unit), "file", filename, "application/octet-stream", data, n);
}

/* The import an upload was redirected to; fails the test if there is none. */
static inline long long import_id(const lw_resp *r)
{
	const char *loc = lw_header(r, "Location");
	cr_assert(r->status == 303 && loc && !strncmp(loc, "/imports/", 9), "expected 303 to /imports/N, got %ld %s\n%s",
		  r->status, loc ? loc : "", lw_excerpt(r));
	return atoll(loc + 9);
}

static inline lw_resp *preview(unit_admin *u, long long id)
{
	return lw_get(u->c, lw_printf("/imports/%lld", id));
}

static inline lw_resp *confirm(unit_admin *u, long long id, const char *status)
{
	return lw_submit(u->c, lw_printf("/imports/%lld/confirm", id), "status", status, NULL);
}

/* How many of the unit's activities match q (the list's search). */
static inline long long count(unit_admin *u, const char *q)
{
	char *enc = curl_easy_escape(NULL, q, 0);
	lw_resp *r = lw_get(u->c, lw_printf("/units/%lld/activities?week=1&q=%s", u->unit, enc));
	curl_free(enc);
	cr_assert_eq(r->status, 200);
	const char *p = strstr(r->body, "共 ");
	cr_assert_not_null(p, "no count on the list page:\n%s", lw_excerpt(r));
	return atoll(p + strlen("共 "));
}

static inline char *csv_rows(const char *prefix, int nrows)
{
	size_t cap = 512 + (size_t)nrows * 400;
	char *s = tkeep(malloc(cap));
	size_t n = (size_t)snprintf(s, cap, "%s", HEADER);
	for (int i = 0; i < nrows; i++)
		n += (size_t)snprintf(s + n, cap - n,
				      "%s第%d场,社区教育学院,\"街道学校、图书馆\",全民阅读、智慧助老,科学文化,讲座,老年人群,线下,"
				      "2022/12/%d %d:00,2022-12-0%d %02d:30,\"活动中心 %d 室, 二楼\",朝阳街道,,50,"
				      "\"简介，第 %d 场；含 \"\"引号\"\"。\",否,%d\n",
				      prefix, i, 1 + i % 7, 8 + i % 10, 1 + i % 7, 9 + i % 10, i, i, i % 100);
	return s;
}

#endif
