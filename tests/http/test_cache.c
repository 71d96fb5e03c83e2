/* test_cache.c: a write ends only the cached pages that show what it
 * changed (issue 15, migration 100). The render cache's hits and misses are
 * read from /admin/cache, as the centre; this file has one test, so no other
 * test's requests move the counters while it runs. */
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASS "cache-pass-1234"

static void add_accounts(void)
{
	lw_add_user("cache_editor", "unit_editor", "东湖区", PASS);
	lw_add_user("cache_centre", "centre_viewer", NULL, PASS);
}

LW_SERVER("", add_accounts)

static lw_client *as(const char *username)
{
	lw_client *c = lw_client_new();
	lw_login_ok(c, username, PASS);
	return c;
}

/* A published 东湖区 activity of the current week with 5 places, starting in start_min minutes. */
static long long new_activity(lw_client *ed, long long week, const char *title, long start_min)
{
	lw_resp *dash = lw_get(ed, "/admin");
	long long unit = lw_id_after(dash->body, "class=\"tiles\"", "/units/");
	cr_assert_gt(unit, 0, "no unit link on the dashboard");
	lw_resp *r = lw_submit(ed, lw_printf("/units/%lld/activities", unit), "title", title, "host", "东湖区社区教育学院",
			       "content", "6", "mode", "offline", "starts_at", lw_local_time(start_min), "ends_at",
			       lw_local_time(start_min + 120), "venue", "百花洲路社区学校", "street", "百花洲街道", "capacity", "5",
			       "week", lw_printf("%lld", week), "publish", "1", NULL);
	cr_assert_eq(r->status, 303, "create activity: %ld\n%s", r->status, lw_excerpt(r));
	long long id = 0;
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && sscanf(loc, "/activities/%lld", &id) == 1, "Location %s", loc ? loc : "(none)");
	return id;
}

typedef struct counts {
	long long hits, misses;
} counts;

static counts read_counts(lw_client *centre)
{
	lw_resp *r = lw_get(centre, "/admin/cache");
	cr_assert_eq(r->status, 200, "/admin/cache: %ld\n%s", r->status, lw_excerpt(r));
	counts c = {-1, -1};
	const char *h = strstr(r->body, "hits "), *m = strstr(r->body, "misses ");
	cr_assert(h && m, "/admin/cache says:\n%s", r->body);
	c.hits = atoll(h + 5);
	c.misses = atoll(m + 7);
	return c;
}

/* GETs path as a resident and asserts whether the cache answered it. */
static lw_resp *get_expecting(lw_client *centre, const char *path, bool hit)
{
	counts before = read_counts(centre);
	lw_resp *r = lw_get(lw_client_new(), path);
	cr_assert_eq(r->status, 200, "%s: %ld\n%s", path, r->status, lw_excerpt(r));
	counts after = read_counts(centre);
	if (hit)
		cr_assert(after.hits == before.hits + 1 && after.misses == before.misses,
			  "%s was not answered from the cache (hits %lld -> %lld, misses %lld -> %lld)", path, before.hits,
			  after.hits, before.misses, after.misses);
	else
		cr_assert(after.misses == before.misses + 1 && after.hits == before.hits,
			  "%s came from the cache (hits %lld -> %lld, misses %lld -> %lld)", path, before.hits, after.hits,
			  before.misses, after.misses);
	return r;
}

Test(cache, a_write_ends_only_the_pages_that_show_it)
{
	lw_client *ed = as("cache_editor"), *centre = as("cache_centre");
	long long week = lw_id_after(lw_get(lw_client_new(), "/")->body, "near-link", "/weeks/");
	cr_assert_gt(week, 0, "no current week on the home page");
	/* the calendar's search for a word of this test's titles lists its two */
	char *word = lw_unique("cachetest");
	char *title_a = lw_printf("%s 甲活动", word), *title_b = lw_printf("%s 乙活动", word);
	long long a = new_activity(ed, week, title_a, 60), b = new_activity(ed, week, title_b, 90);
	const char *page_a = lw_printf("/a/%lld", a), *page_b = lw_printf("/a/%lld", b);
	const char *cal = lw_printf("/weeks/%lld?q=%s", week, word);

	/* each page rendered once, then answered from the cache */
	get_expecting(centre, page_a, false);
	get_expecting(centre, page_b, false);
	lw_resp *cal0 = get_expecting(centre, cal, false);
	cr_assert(lw_has(cal0, lw_html_escape(title_a)) && lw_has(cal0, lw_html_escape(title_b)), "the calendar lists both");
	lw_expect(get_expecting(centre, page_a, true), 200, "还剩 5 个");
	lw_resp *b0 = get_expecting(centre, page_b, true);
	get_expecting(centre, cal, true);

	/* a resident signs up for A: A's page shows the new count at once; B's
	 * page and the calendar, which show no count of A, stay cached */
	lw_resp *s = lw_submit(lw_client_new(), lw_printf("%s/signup", page_a), "name", "李四", "phone", "13912345678", NULL);
	lw_expect(s, 200, "报名成功");
	lw_expect(get_expecting(centre, page_a, false), 200, "还剩 4 个");
	lw_resp *b1 = get_expecting(centre, page_b, true);
	cr_assert_str_eq(b1->body, b0->body, "B's page is the one cached before");
	lw_resp *cal1 = get_expecting(centre, cal, true);
	cr_assert_str_eq(cal1->body, cal0->body, "the calendar is the one cached before");

	/* the same search filtered by A's unit, and by another unit (the first
	 * of the calendar's unit choices that is not A's) */
	long long own = lw_id_after(lw_get(ed, "/admin")->body, "class=\"tiles\"", "/units/"), other = 0;
	const char *opt = strstr(cal0->body, "name=\"unit\"");
	cr_assert(opt, "the calendar has a unit filter");
	while (!other && (opt = strstr(opt, "<option value=\"")) != NULL) {
		opt += strlen("<option value=\"");
		long long u = atoll(opt);
		if (u > 0 && u != own)
			other = u;
	}
	cr_assert(own > 0 && other > 0, "two units to filter by (%lld, %lld)", own, other);
	const char *cal_own = lw_printf("/weeks/%lld?unit=%lld&q=%s", week, own, word);
	const char *cal_other = lw_printf("/weeks/%lld?unit=%lld&q=%s", week, other, word);
	lw_resp *own0 = get_expecting(centre, cal_own, false);
	cr_assert(lw_has(own0, lw_html_escape(title_a)), "A's unit lists A");
	lw_resp *other0 = get_expecting(centre, cal_other, false);
	cr_assert(!lw_has(other0, lw_html_escape(title_a)), "another unit does not list A");
	get_expecting(centre, cal_own, true);
	get_expecting(centre, cal_other, true);

	/* the unit renames A: the calendar, its unit's list and A's page show
	 * the new title on the next GET; B's page and the other unit's list,
	 * which show nothing of A, stay cached (migration 162) */
	lw_resp *edit = lw_get(ed, lw_printf("/activities/%lld/edit", a));
	cr_assert_eq(edit->status, 200);
	char *renamed = lw_printf("%s 甲改名", word);
	lw_resp *save = lw_submit(ed, lw_printf("/activities/%lld", a), "title", renamed, "host", "东湖区社区教育学院", "content",
				  "6", "mode", "offline", "starts_at", lw_field(edit->body, "starts_at"), "ends_at",
				  lw_field(edit->body, "ends_at"), "venue", "百花洲路社区学校", "street", "百花洲街道", "capacity", "5",
				  "week", lw_printf("%lld", week), "revision", lw_field(edit->body, "revision"), NULL);
	cr_assert_eq(save->status, 303, "save: %ld\n%s", save->status, lw_excerpt(save));
	lw_resp *cal2 = get_expecting(centre, cal, false);
	cr_assert(lw_has(cal2, lw_html_escape(renamed)) && !lw_has(cal2, lw_html_escape(title_a)),
		  "the calendar shows the new title");
	lw_expect(get_expecting(centre, page_a, false), 200, lw_html_escape(renamed));
	lw_resp *own1 = get_expecting(centre, cal_own, false);
	cr_assert(lw_has(own1, lw_html_escape(renamed)) && !lw_has(own1, lw_html_escape(title_a)),
		  "A's unit's list shows the new title");
	lw_resp *other1 = get_expecting(centre, cal_other, true);
	cr_assert_str_eq(other1->body, other0->body, "the other unit's list is the one cached before");
	get_expecting(centre, page_b, true);
	get_expecting(centre, cal, true);
}
