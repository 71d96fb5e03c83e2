/* test_calendar.c: the public calendar as a resident meets it: the week's
 * activities by day, every filter, search, paging, cancelled ones marked,
 * drafts nowhere, hostile text escaped, each activity's page with its QR
 * code, and the iCalendar feeds, parsed line by line.
 *
 * Tests run in parallel against one server: each one names its activities
 * with a token of its own and searches for it. The demo's 2022 week is
 * /weeks/1; tests that need "now" use the demo's live week, which started
 * two days ago (current_week()) and is what "/" and /calendar.ics show. */
#include "harness.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

LW_SERVER("", NULL)

#define DEMO_WEEK "/weeks/1"
#define CUR_TITLE cur_title()
#define DONGHU "2"  /* the demo's units, in the notice's order after the centre */
#define XIHU "3"

/* ---- making activities ---- */

typedef struct act {
	const char *title, *start, *end;   /* local "YYYY-MM-DDTHH:MM" */
	const char *mode;                  /* NULL: offline */
	const char *venue, *street, *online_url, *host, *co_hosts;
	const char *content;               /* NULL: "1" */
	const char *audience, *subject, *form, *capacity, *description;
	const char *status;                /* NULL: published; "draft"; "cancelled" */
	const char *week;                  /* NULL: the current week; "1": the demo's 2022 week */
} act;

static lw_client *admin_of(const char *username)
{
	lw_client *c = lw_client_new();
	lw_login_ok(c, username, lw_demo_password(username));
	return c;
}

static long long id_from_location(const lw_resp *r, const char *prefix)
{
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && !strncmp(loc, prefix, strlen(prefix)), "expected a redirect to %s…, got %ld %s\n%s", prefix,
		  r->status, loc ? loc : "(none)", lw_excerpt(r));
	return strtoll(loc + strlen(prefix), NULL, 10);
}

static long long add(lw_client *c, const char *unit, act a)
{
	bool online = a.mode && !strcmp(a.mode, "online");
	bool draft = a.status && !strcmp(a.status, "draft");
	lw_resp *r = lw_submit(c, lw_printf("/units/%s/activities", unit), "title", a.title,
		"host", a.host ? a.host : "东湖区社区教育学院", "co_hosts", a.co_hosts ? a.co_hosts : "",
		"mode", a.mode ? a.mode : "offline", "starts_at", a.start, "ends_at", a.end,
		"venue", a.venue ? a.venue : online ? "" : "社区活动中心", "street", a.street ? a.street : "",
		"online_url", a.online_url ? a.online_url : online ? "https://live.example.org/room" : "",
		"capacity", a.capacity ? a.capacity : "", "description", a.description ? a.description : "",
		"content", a.content ? a.content : "1", "audiences", a.audience ? a.audience : "",
		"subjects", a.subject ? a.subject : "", "forms", a.form ? a.form : "",
		"publish", draft ? "0" : "1", a.week ? "week" : NULL, a.week, NULL);
	cr_assert_eq(r->status, 303, "creating %s: %ld\n%s", a.title, r->status, lw_excerpt(r));
	long long id = id_from_location(r, "/activities/");
	if (a.status && !strcmp(a.status, "cancelled")) {
		lw_resp *s = lw_submit(c, lw_printf("/activities/%lld/status", id), "status", "cancelled", NULL);
		cr_assert_eq(s->status, 303, "cancelling %s: %ld\n%s", a.title, s->status, lw_excerpt(s));
	}
	return id;
}

/* local (Beijing) time of now + seconds, as the activity form wants it */
static char *local_iso(long long offset)
{
	time_t t = time(NULL) + (time_t)offset + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	return lw_printf("%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

static char *local_date(long long offset)
{
	char *s = local_iso(offset);
	s[10] = 0;
	return s;
}

/* The demo's live week: it started two days ago, so its year is that day's */
static const char *cur_title(void)
{
	return lw_printf("%.4s年南昌市全民终身学习活动周", local_date(-2 * 86400));
}

/* A week around today, so that "now", "today", sign-up links and the feed have
 * something to show: the demo makes one. */
static void current_week(void)
{
	lw_client *c = lw_client_new();
	cr_assert(lw_has(lw_get(c, "/"), CUR_TITLE), "the demo's live week (%s) is not the current one", CUR_TITLE);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* asserts that a occurs in the page, and before b */
static void before(const lw_resp *r, const char *a, const char *b)
{
	const char *pa = strstr(r->body, a), *pb = strstr(r->body, b);
	cr_assert(pa, "the page lacks \"%s\"\n%s", a, lw_excerpt(r));
	cr_assert(pb, "the page lacks \"%s\"\n%s", b, lw_excerpt(r));
	cr_assert(pa < pb, "\"%s\" should come before \"%s\"", a, b);
}

static lw_resp *search(lw_client *c, const char *path, const char *query)
{
	return lw_get(c, lw_printf("%s?%s", path, query));
}

/* "q=..." percent-encoded, and more filters after it when given */
static const char *q(const char *text)
{
	return lw_form("q", text, NULL);
}

static const char *link_to(long long id)
{
	return lw_printf("href=\"/a/%lld\"", id);
}

/* ---- the list ---- */

Test(calendar, lists_the_week_by_day_in_time_order)
{
	lw_client *c = admin_of("donghu_admin");
	char *tok = lw_unique("日程");
	long long b = add(c, DONGHU, (act){.title = lw_printf("%s乙", tok), .start = "2022-12-02T10:00", .end = "2022-12-02T11:30",
					   .venue = "东湖区图书馆三楼", .street = "八一桥街道", .content = "5", .week = "1"});
	long long a2 = add(c, DONGHU, (act){.title = lw_printf("%s甲二", tok), .start = "2022-12-01T14:00", .end = "2022-12-01T16:00",
					    .week = "1"});
	long long a1 = add(c, DONGHU, (act){.title = lw_printf("%s甲一", tok), .start = "2022-12-01T09:00", .end = "2022-12-01T11:00",
					    .mode = "online", .content = "6", .week = "1"});
	lw_client *resident = lw_client_new();
	lw_resp *r = search(resident, DEMO_WEEK, q(tok));
	lw_expect(r, 200, "共找到 <strong>3</strong> 项活动");
	before(r, "<h3 class=\"day\">2022年12月1日 星期四</h3>", link_to(a1));
	before(r, link_to(a1), link_to(a2));
	before(r, link_to(a2), "<h3 class=\"day\">2022年12月2日 星期五</h3>");
	before(r, "<h3 class=\"day\">2022年12月2日 星期五</h3>", link_to(b));
	cr_assert_eq(count(r->body, "<h3 class=\"day\">"), 2, "one heading a day");
	/* what a resident reads about each: time, title, unit, mode, place, content item */
	cr_assert(lw_has(r, "10:00</time>–11:30"), "%s", lw_excerpt(r));
	cr_assert(lw_has(r, "东湖区 · 线下 · 东湖区图书馆三楼（八一桥街道）"), "%s", lw_excerpt(r));
	cr_assert(lw_has(r, "东湖区 · 线上"));
	cr_assert(lw_has(r, "<span class=\"tag\">全民阅读</span>"));
	cr_assert(lw_has(r, "<span class=\"tag\">智慧助老</span>"));
	/* an earlier week's activities are not on the current week's page */
	current_week();
	lw_resp *home = search(resident, "/", q(tok));
	lw_expect(home, 200, "没有找到符合条件的活动");
	cr_assert(lw_has(home, CUR_TITLE));
}

Test(calendar, every_filter_narrows_the_list)
{
	lw_client *dh = admin_of("donghu_admin"), *xh = admin_of("xihu_admin");
	char *tok = lw_unique("筛选");
	long long one = add(dh, DONGHU, (act){.title = lw_printf("%s一", tok), .start = "2022-12-01T09:00", .end = "2022-12-01T10:00",
					      .content = "1", .audience = "老年人群", .week = "1"});
	long long two = add(xh, XIHU, (act){.title = lw_printf("%s二", tok), .start = "2022-12-03T19:00", .end = "2022-12-03T20:00",
					    .mode = "online", .content = "5", .audience = "青少年", .week = "1"});
	long long both = add(xh, XIHU, (act){.title = lw_printf("%s三", tok), .start = "2022-12-05T19:00", .end = "2022-12-05T20:00",
					     .mode = "both", .online_url = "https://live.example.org/3", .content = "2",
					     .audience = "企业职工", .week = "1"});
	lw_client *resident = lw_client_new();
	lw_resp *all = search(resident, DEMO_WEEK, q(tok));
	lw_expect(all, 200, "共找到 <strong>3</strong> 项活动");
	cr_assert(lw_has(all, "<option value=\"" DONGHU "\">东湖区</option>") && lw_has(all, "<option value=\"" XIHU "\">西湖区</option>"),
		  "the unit list names the demo's units by these ids");
	struct {
		const char *query;
		long long expect[3];
	} cases[] = {
		{"unit=" DONGHU, {one}},
		{"unit=" XIHU, {two, both}},
		{"content=5", {two}},
		{"content=2", {both}},
		{"audience=%E8%80%81%E5%B9%B4%E4%BA%BA%E7%BE%A4", {one}},            /* 老年人群 */
		{"audience=%E9%9D%92%E5%B0%91%E5%B9%B4", {two}},                       /* 青少年 */
		{"mode=offline", {one, both}},                                          /* 线上线下 counts as both */
		{"mode=online", {two, both}},
		{"date=2022-12-03", {two}},
		{"date=2022-12-01", {one}},
		{"unit=" XIHU "&mode=offline&date=2022-12-05", {both}},
		{"unit=" DONGHU "&mode=online", {0}},
		/* what the no-JavaScript form sends: every field, most of them empty */
		{"date=&when=&unit=&content=5&audience=&mode=", {two}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		lw_resp *r = search(resident, DEMO_WEEK, lw_printf("%s&%s", cases[i].query, q(tok)));
		cr_assert_eq(r->status, 200, "%s: %ld\n%s", cases[i].query, r->status, lw_excerpt(r));
		long long ids[] = {one, two, both};
		for (int k = 0; k < 3; k++) {
			bool want = false;
			for (int j = 0; j < 3; j++)
				want = want || (cases[i].expect[j] && cases[i].expect[j] == ids[k]);
			cr_assert_eq(lw_has(r, link_to(ids[k])), want, "%s: activity %lld should %sbe listed\n%s", cases[i].query,
				     ids[k], want ? "" : "not ", lw_excerpt(r));
		}
		if (!cases[i].expect[0])
			cr_assert(lw_has(r, "没有找到符合条件的活动") && lw_has(r, "查看全部活动"), "a clear empty state");
	}
	/* the form shows what was chosen, and links keep the filters */
	lw_resp *r = search(resident, DEMO_WEEK, lw_printf("unit=" XIHU "&date=2022-12-03&%s", q(tok)));
	cr_assert(lw_has(r, "<option value=\"" XIHU "\" selected>西湖区</option>"));
	cr_assert(lw_has(r, "<option value=\"2022-12-03\" selected>2022年12月3日 星期六</option>"));
	cr_assert(lw_has(r, "清除筛选"));
}

Test(calendar, search_finds_title_host_venue_and_street)
{
	lw_client *c = admin_of("donghu_admin");
	char *tok = lw_unique("搜");
	long long id = add(c, DONGHU, (act){.title = "家庭教育讲座", .host = lw_printf("%s幸福小学", tok), .start = "2022-12-02T09:00",
					    .end = "2022-12-02T10:00", .venue = lw_printf("%s礼堂", tok),
					    .street = lw_printf("%s街道", tok), .week = "1"});
	lw_client *resident = lw_client_new();
	const char *qs[] = {lw_printf("%s幸福", tok), lw_printf("%s礼堂", tok), lw_printf("%s街道", tok)};
	for (size_t i = 0; i < 3; i++) {
		lw_resp *r = search(resident, DEMO_WEEK, q(qs[i]));
		cr_assert(lw_has(r, link_to(id)), "q=%s finds nothing\n%s", qs[i], lw_excerpt(r));
	}
	/* LIKE wildcards are text, not patterns */
	lw_resp *pct = search(resident, DEMO_WEEK, q(lw_printf("%s%%", tok)));
	lw_expect(pct, 200, "没有找到符合条件的活动");
	lw_resp *under = search(resident, DEMO_WEEK, q(lw_printf("%s_", tok)));
	lw_expect(under, 200, "没有找到符合条件的活动");
	/* the search box keeps what was typed */
	lw_resp *kept = search(resident, DEMO_WEEK, q(qs[1]));
	cr_assert(lw_has(kept, lw_printf("value=\"%s\"", qs[1])));
}

Test(calendar, pages_of_fifty_stay_under_100_kb, .timeout = 120)
{
	lw_client *c = admin_of("donghu_admin");
	char *tok = lw_unique("页");
	/* long titles and places: the page must stay small even so */
	char title_tail[256] = "", venue_tail[400] = "";
	for (int i = 0; i < 80; i++)
		strcat(title_tail, "学");
	for (int i = 0; i < 120; i++)
		strcat(venue_tail, "楼");
	for (int i = 0; i < 53; i++)
		add(c, DONGHU, (act){.title = lw_printf("%s%02d%s", tok, i, title_tail), .start = lw_printf("2022-12-0%dT%02d:00", 1 + i % 7, 8 + i % 12),
				     .end = lw_printf("2022-12-0%dT%02d:30", 1 + i % 7, 8 + i % 12), .venue = venue_tail,
				     .street = "滕王阁街道", .content = "1", .week = "1"});
	lw_client *resident = lw_client_new();
	lw_resp *p1 = search(resident, DEMO_WEEK, q(tok));
	lw_expect(p1, 200, "共找到 <strong>53</strong> 项活动");
	cr_assert_eq(count(p1->body, "<li class=\"act"), 50, "50 on the first page");
	cr_assert(lw_has(p1, "第 1 / 2 页"));
	char *enc = strchr(lw_form("q", tok, NULL), '=') + 1;
	cr_assert(lw_has(p1, lw_printf("href=\"/weeks/1?q=%s&amp;page=2\" rel=\"next\">下一页</a>", enc)), "%s", lw_excerpt(p1));
	lw_resp *p2 = search(resident, DEMO_WEEK, lw_printf("%s&page=2", q(tok)));
	lw_expect(p2, 200, "第 2 / 2 页");
	cr_assert_eq(count(p2->body, "<li class=\"act"), 3);
	cr_assert(lw_has(p2, "rel=\"prev\">上一页</a>"));
	lw_expect(search(resident, DEMO_WEEK, lw_printf("%s&page=3", q(tok))), 404, "没有第 3 页");

	lw_resp *css = lw_get(resident, "/static/app.css"), *js = lw_get(resident, "/static/app.js");
	size_t total = p1->len + css->len + js->len;
	cr_assert_lt(total, 100 * 1024, "page 1 with its CSS and JS is %zu bytes", total);
}

Test(calendar, cancelled_stays_visible_marked_cancelled)
{
	lw_client *c = admin_of("donghu_admin");
	char *tok = lw_unique("取消");
	long long id = add(c, DONGHU, (act){.title = lw_printf("%s读书会", tok), .start = "2022-12-04T15:00", .end = "2022-12-04T17:00",
					    .status = "cancelled", .week = "1"});
	lw_client *resident = lw_client_new();
	lw_resp *list = search(resident, DEMO_WEEK, q(tok));
	lw_expect(list, 200, "<strong class=\"badge badge-cancelled\">已取消</strong>");
	cr_assert(lw_has(list, link_to(id)));
	lw_resp *page = lw_get(resident, lw_printf("/a/%lld", id));
	lw_expect(page, 200, "本活动已取消");
	cr_assert(!lw_has(page, "/signup"), "no sign-up for a cancelled activity");
	lw_resp *ics = lw_get(resident, lw_printf("/a/%lld/calendar.ics", id));
	cr_assert_eq(ics->status, 200);
	cr_assert(lw_has(ics, "STATUS:CANCELLED\r\n"));
}

static long long add_photo(lw_client *c, long long activity)
{
	lw_resp *r = lw_upload(c, lw_printf("/activities/%lld/photos", activity), "photo", "p.png", "image/png", lw_png, lw_png_size);
	cr_assert_eq(r->status, 303, "photo upload: %ld\n%s", r->status, lw_excerpt(r));
	lw_resp *staff = lw_get(c, lw_printf("/activities/%lld", activity));
	long long id = lw_id_after(staff->body, "class=\"photos\"", "/photos/");
	cr_assert(id > 0, "the staff page shows no photo");
	return id;
}

Test(calendar, drafts_are_never_public)
{
	current_week();
	lw_client *c = admin_of("donghu_admin");
	char *tok = lw_unique("草稿");
	long long id = add(c, DONGHU, (act){.title = lw_printf("%s未发布", tok), .start = local_iso(86400), .end = local_iso(86400 + 3600),
					    .status = "draft"});
	long long photo = add_photo(c, id);
	lw_client *resident = lw_client_new();
	lw_expect(search(resident, "/", q(tok)), 200, "没有找到符合条件的活动");
	lw_expect(lw_get(resident, lw_printf("/a/%lld", id)), 404, "找不到这项活动");
	lw_expect(lw_get(resident, lw_printf("/a/%lld/calendar.ics", id)), 404, "找不到这项活动");
	lw_expect(lw_get(resident, lw_printf("/photos/%lld", photo)), 404, "找不到这张照片");
	lw_resp *feed = lw_get(resident, "/calendar.ics");
	cr_assert_eq(feed->status, 200);
	cr_assert(!lw_has(feed, tok), "the feed shows a draft");
	cr_assert(!lw_has(feed, lw_printf("UID:activity-%lld@", id)));
	/* staff see their own draft's photo */
	cr_assert_eq(lw_get(c, lw_printf("/photos/%lld", photo))->status, 200);

	/* once published: everywhere */
	lw_resp *pub = lw_submit(c, lw_printf("/activities/%lld/status", id), "status", "published", NULL);
	cr_assert_eq(pub->status, 303);
	cr_assert(lw_has(search(resident, "/", q(tok)), link_to(id)));
	lw_resp *page = lw_get(resident, lw_printf("/a/%lld", id));
	lw_expect(page, 200, lw_printf("<img src=\"/photos/%lld\"", photo));
	cr_assert_eq(lw_get(resident, lw_printf("/photos/%lld", photo))->status, 200);
	cr_assert(lw_has(lw_get(resident, "/calendar.ics"), lw_printf("UID:activity-%lld@", id)));
}

Test(calendar, now_and_today)
{
	current_week();
	lw_client *c = admin_of("donghu_admin");
	char *tok = lw_unique("此刻");
	long long running = add(c, DONGHU, (act){.title = lw_printf("%s进行中", tok), .start = local_iso(-3600), .end = local_iso(3600)});
	long long tomorrow = add(c, DONGHU, (act){.title = lw_printf("%s明天", tok), .start = local_iso(2 * 86400),
						  .end = local_iso(2 * 86400 + 3600)});
	lw_client *resident = lw_client_new();
	lw_resp *home = lw_get(resident, "/");
	cr_assert(lw_has(home, "href=\"/?when=now\">正在进行</a>") && lw_has(home, "href=\"/?when=today\">今天</a>"),
		  "quick links on the home page\n%s", lw_excerpt(home));
	lw_resp *now = search(resident, "/", lw_printf("when=now&%s", q(tok)));
	lw_expect(now, 200, "正在进行");
	cr_assert(lw_has(now, link_to(running)) && !lw_has(now, link_to(tomorrow)), "%s", lw_excerpt(now));
	cr_assert(lw_has(now, "aria-current=\"true\""), "the active quick link is marked");
	lw_resp *today = search(resident, "/", lw_printf("when=today&%s", q(tok)));
	cr_assert(lw_has(today, link_to(running)) && !lw_has(today, link_to(tomorrow)), "%s", lw_excerpt(today));
	lw_resp *all = search(resident, "/", q(tok));
	cr_assert(lw_has(all, link_to(running)) && lw_has(all, link_to(tomorrow)));
	cr_assert(lw_has(all, "<span class=\"badge badge-now\">正在进行</span>"));
	/* a past week: today is not in it, and the page says so */
	lw_resp *past = search(resident, DEMO_WEEK, "when=today");
	lw_expect(past, 200, "今天不在");
}

Test(calendar, bad_filters_get_a_clear_400)
{
	lw_client *resident = lw_client_new();
	struct {
		const char *query;
		int status;
		const char *msg;
	} cases[] = {
		{"unit=999999", 400, "所选的单位不存在"},
		{"unit=abc", 400, "「单位」应为"},
		{"content=7", 400, "本届活动周的「活动内容」只有 6 项，没有第 7 项"},
		{"content=0", 400, "「活动内容」应为 1 到 12"},
		{"content=13", 400, "「活动内容」应为 1 到 12"},
		{"audience=%E5%A4%96%E6%98%9F%E4%BA%BA", 400, "「参与对象」中没有「外星人」"},
		{"mode=both", 400, "「线上/线下」只能选"},
		{"mode=%3Cb%3E", 400, "「线上/线下」的格式不正确"},
		{"date=2022-12-31", 400, "所选日期不在"},
		{"date=2022-02-30", 400, "「日期」不是有效的日期"},
		{"when=yesterday", 400, "「时段」只能选"},
		{"page=0", 400, "「页码」应为"},
		{"page=2&q=%E6%B2%A1%E6%9C%89", 404, "没有第 2 页"},
		{"q=123456789012345678901234567890123456789012345678901", 400, "「搜索」太长"},
		{"q=%01", 400, "控制字符"},
		{"q=a&q=b", 400, "重复出现"},
		{"sort=title", 400, "不认识的参数「sort」"},
		{"q=%FF", 400, "UTF-8"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		lw_resp *r = search(resident, DEMO_WEEK, cases[i].query);
		cr_assert_eq(r->status, cases[i].status, "%s: %ld\n%s", cases[i].query, r->status, lw_excerpt(r));
		cr_assert(lw_has(r, cases[i].msg), "%s: the page lacks \"%s\"\n%s", cases[i].query, cases[i].msg, lw_excerpt(r));
	}
	lw_expect(lw_get(resident, "/calendar.ics?content=9"), 400, "只有 6 项，没有第 9 项");
	lw_expect(lw_get(resident, "/calendar.ics?page=1"), 400, "不认识的参数「page」");
	lw_expect(lw_get(resident, "/a/999999"), 404, "找不到");
	lw_expect(lw_get(resident, "/a/0"), 404, "找不到");
	lw_expect(lw_get(resident, "/a/abc"), 404, "找不到");
	lw_expect(lw_get(resident, "/calendar.ics?x=1"), 400, "不认识的参数「x」");
	lw_expect(lw_get(resident, "/weeks/999999"), 404, "找不到");
	lw_assert_alive();
}

/* ---- hostile text ---- */

#define HOSTILE "<script>alert(1)</script>&\"'"

/* ---- iCalendar, parsed ---- */

typedef struct ical {
	char **line;   /* logical lines, unfolded */
	int n;
} ical;

static bool utf8_ok(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		if (!k || i + k > n)
			return false;
		for (size_t j = 1; j < k; j++)
			if ((s[i + j] & 0xC0) != 0x80)
				return false;
		i += k;
	}
	return true;
}

/* RFC 5545 3.1: CRLF after every line, at most 75 octets, a fold is CRLF and
 * one space; every physical line must still be whole UTF-8. */
static ical parse(const lw_resp *r)
{
	cr_assert_eq(r->status, 200, "%ld\n%s", r->status, lw_excerpt(r));
	const char *ct = lw_header(r, "Content-Type");
	cr_assert(ct && !strcmp(ct, "text/calendar; charset=utf-8"), "Content-Type %s", ct ? ct : "(none)");
	ical c = {lw_keep(calloc(r->len + 1, sizeof(char *))), 0};
	const char *p = r->body, *end = r->body + r->len;
	while (p < end) {
		const char *crlf = strstr(p, "\r\n");
		cr_assert(crlf, "the last line has no CRLF");
		size_t n = (size_t)(crlf - p);
		cr_assert_leq(n, 75, "a line of %zu octets: %.*s", n, (int)n, p);
		cr_assert(!memchr(p, '\n', n) && !memchr(p, '\r', n), "a bare CR or LF");
		cr_assert(utf8_ok((const unsigned char *)p, n), "a line that splits a character: %.*s", (int)n, p);
		if (*p == ' ' || *p == '\t') {
			cr_assert(c.n > 0, "the feed starts with a continuation");
			c.line[c.n - 1] = lw_printf("%s%.*s", c.line[c.n - 1], (int)n - 1, p + 1);
		} else {
			cr_assert(n > 0, "an empty line");
			c.line[c.n++] = lw_printf("%.*s", (int)n, p);
		}
		p = crlf + 2;
	}
	cr_assert(c.n >= 2 && !strcmp(c.line[0], "BEGIN:VCALENDAR") && !strcmp(c.line[c.n - 1], "END:VCALENDAR"));
	return c;
}

/* value of NAME in lines [from, to), or NULL */
static const char *prop(const ical *c, int from, int to, const char *name)
{
	size_t nl = strlen(name);
	for (int i = from; i < to; i++)
		if (!strncmp(c->line[i], name, nl) && c->line[i][nl] == ':')
			return c->line[i] + nl + 1;
	return NULL;
}

/* TEXT unescaped; fails on an unescaped , or ; (they would split the value) */
static char *unescape(const char *v)
{
	char *out = lw_printf("%s", v), *o = out;
	for (const char *p = v; *p; p++) {
		cr_assert(*p != ',' && *p != ';', "an unescaped %c in TEXT: %s", *p, v);
		if (*p == '\\') {
			p++;
			cr_assert(*p == '\\' || *p == ';' || *p == ',' || *p == 'n' || *p == 'N', "a bad escape in %s", v);
			*o++ = *p == 'n' || *p == 'N' ? '\n' : *p;
		} else {
			*o++ = *p;
		}
	}
	*o = 0;
	return out;
}

/* the lines [*from, *to) of the VEVENT whose UID starts with uid_prefix */
static bool event(const ical *c, const char *uid_prefix, int *from, int *to)
{
	for (int i = 0; i < c->n; i++) {
		if (strcmp(c->line[i], "BEGIN:VEVENT"))
			continue;
		int j = i;
		while (j < c->n && strcmp(c->line[j], "END:VEVENT"))
			j++;
		cr_assert(j < c->n, "a VEVENT without END");
		const char *uid = prop(c, i, j, "UID");
		if (uid && !strncmp(uid, uid_prefix, strlen(uid_prefix))) {
			*from = i;
			*to = j;
			return true;
		}
		i = j;
	}
	return false;
}

static void utc_ok(const char *v, const char *what)
{
	cr_assert(v && strlen(v) == 16 && v[8] == 'T' && v[15] == 'Z', "%s is not a UTC date-time: %s", what, v ? v : "(none)");
}

Test(calendar, ics_feed_parses_and_round_trips)
{
	current_week();
	lw_client *c = admin_of("donghu_admin");
	char *tok = lw_unique("日历");
	const char *desc = "第一段：反斜杠\\、分号;、逗号,。\n第二行\r\n\r\n第二段 ABC";
	char long_desc[2000] = "";
	for (int i = 0; i < 200; i++)
		strcat(long_desc, i % 3 ? "终" : "a,");
	char *title = lw_printf("%s%s", tok, HOSTILE ";,\\");
	long long id = add(c, DONGHU, (act){.title = title, .start = local_iso(86400), .end = local_iso(86400 + 5400),
					    .venue = "青山湖区文化馆;二楼,东厅", .street = "湖坊镇", .description = desc,
					    .co_hosts = "南昌开放大学"});
	long long gone = add(c, DONGHU, (act){.title = lw_printf("%s取消", tok), .start = local_iso(2 * 86400),
					      .end = local_iso(2 * 86400 + 3600), .mode = "online", .description = long_desc,
					      .status = "cancelled"});
	lw_client *resident = lw_client_new();

	/* the whole week, filtered by the same parameters as the list */
	ical feed = parse(lw_get(resident, lw_printf("/calendar.ics?%s", q(tok))));
	cr_assert_str_eq(prop(&feed, 0, feed.n, "VERSION"), "2.0");
	cr_assert(prop(&feed, 0, feed.n, "PRODID"));
	cr_assert_str_eq(prop(&feed, 0, feed.n, "CALSCALE"), "GREGORIAN");
	cr_assert_str_eq(prop(&feed, 0, feed.n, "METHOD"), "PUBLISH");
	cr_assert_str_eq(unescape(prop(&feed, 0, feed.n, "X-WR-CALNAME")), CUR_TITLE);
	int begins = 0, ends = 0;
	for (int i = 0; i < feed.n; i++) {
		begins += !strcmp(feed.line[i], "BEGIN:VEVENT");
		ends += !strcmp(feed.line[i], "END:VEVENT");
		cr_assert(strncmp(feed.line[i], "BEGIN:VTIMEZONE", 15), "times are UTC: no VTIMEZONE");
	}
	cr_assert_eq(begins, 2, "the feed has exactly the two matching events");
	cr_assert_eq(ends, 2);

	int a, b;
	cr_assert(event(&feed, lw_printf("activity-%lld@", id), &a, &b), "the published activity is in the feed");
	const char *req_props[] = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "SUMMARY", "STATUS", "URL", "LOCATION", "DESCRIPTION"};
	for (size_t i = 0; i < sizeof req_props / sizeof *req_props; i++)
		cr_assert(prop(&feed, a, b, req_props[i]), "the event lacks %s", req_props[i]);
	utc_ok(prop(&feed, a, b, "DTSTAMP"), "DTSTAMP");
	utc_ok(prop(&feed, a, b, "DTSTART"), "DTSTART");
	utc_ok(prop(&feed, a, b, "DTEND"), "DTEND");
	cr_assert_str_eq(prop(&feed, a, b, "STATUS"), "CONFIRMED");
	cr_assert_str_eq(unescape(prop(&feed, a, b, "SUMMARY")), title, "SUMMARY round-trips");
	cr_assert_str_eq(unescape(prop(&feed, a, b, "LOCATION")), "青山湖区文化馆;二楼,东厅（湖坊镇）");
	char *d = unescape(prop(&feed, a, b, "DESCRIPTION"));
	cr_assert(strstr(d, "第一段：反斜杠\\、分号;、逗号,。\n第二行\n\n第二段 ABC"), "DESCRIPTION round-trips: %s", d);
	cr_assert(strstr(d, "协办单位：南昌开放大学"), "%s", d);
	cr_assert_str_eq(prop(&feed, a, b, "URL"), lw_printf("%s/a/%lld", lw_base(), id));
	cr_assert(strstr(d, lw_printf("%s/a/%lld", lw_base(), id)), "the description links the page");

	cr_assert(event(&feed, lw_printf("activity-%lld@", gone), &a, &b), "a cancelled activity stays in the feed");
	cr_assert_str_eq(prop(&feed, a, b, "STATUS"), "CANCELLED");
	cr_assert(strstr(unescape(prop(&feed, a, b, "SUMMARY")), "已取消"));
	cr_assert(strstr(unescape(prop(&feed, a, b, "DESCRIPTION")), long_desc), "a long folded text round-trips");
	cr_assert(strstr(unescape(prop(&feed, a, b, "LOCATION")), "https://live.example.org/room"), "online: the link is the place");
	long long seq_cancelled = atoll(prop(&feed, a, b, "SEQUENCE"));

	/* one activity; the UID is the same as in the feed, the SEQUENCE moves with each change */
	ical one = parse(lw_get(resident, lw_printf("/a/%lld/calendar.ics", gone)));
	cr_assert(event(&one, lw_printf("activity-%lld@127.0.0.1", gone), &a, &b), "a stable UID: activity id @ host");
	cr_assert_eq(atoll(prop(&one, a, b, "SEQUENCE")), seq_cancelled);
	lw_resp *again = lw_submit(c, lw_printf("/activities/%lld/status", gone), "status", "published", NULL);
	cr_assert_eq(again->status, 303);
	one = parse(lw_get(resident, lw_printf("/a/%lld/calendar.ics", gone)));
	cr_assert(event(&one, lw_printf("activity-%lld@", gone), &a, &b));
	cr_assert_gt(atoll(prop(&one, a, b, "SEQUENCE")), seq_cancelled, "a change bumps SEQUENCE");
	cr_assert_str_eq(prop(&one, a, b, "STATUS"), "CONFIRMED");

	/* the raw bytes of the feed never carry markup unescaped in a way a calendar would run */
	lw_resp *raw = lw_get(resident, lw_printf("/a/%lld/calendar.ics", id));
	cr_assert(!lw_has(raw, "alert(1)</script>&\"';"), "TEXT special characters are escaped");
}

/* The feed is the same bytes until the data changes: DTSTAMP is each event's
 * last change, not the time of the request, so a proxy can keep it and a
 * calendar app sees no change when there is none. */
Test(calendar, ics_feed_is_the_same_until_the_data_changes)
{
	current_week();
	lw_client *c = admin_of("donghu_admin");
	char *tok = lw_unique("同一日历");
	long long id = add(c, DONGHU, (act){.title = tok, .start = local_iso(86400), .end = local_iso(86400 + 3600)});
	lw_client *resident = lw_client_new();
	lw_resp *first = lw_get(resident, lw_printf("/calendar.ics?%s", q(tok)));
	cr_assert_eq(first->status, 200);
	cr_assert(lw_has(first, lw_printf("activity-%lld@", id)), "the feed has the activity:\n%s", first->body);
	/* the same filter spelt another way is another page of the render cache:
	 * rendered again, a second later */
	struct timespec later = {1, 100000000};
	nanosleep(&later, NULL);
	lw_resp *second = lw_get(resident, lw_printf("/calendar.ics?unit=&%s", q(tok)));
	cr_assert_eq(second->status, 200);
	cr_assert_str_eq(second->body, first->body, "two renders of the same data differ");

	/* the whole week's feed (streamed as it is written) is whole every time,
	 * from the cache too */
	for (int i = 0; i < 2; i++) {
		lw_resp *all = lw_get(resident, "/calendar.ics");
		cr_assert_eq(all->status, 200);
		cr_assert(lw_has(all, lw_printf("activity-%lld@", id)) && lw_has(all, "END:VCALENDAR"),
			  "GET %d of the whole feed is not whole (%zu bytes)", i + 1, all->len);
	}
}

Test(calendar, hostile_text_is_escaped_on_every_page)
{
	current_week();
	lw_client *c = admin_of("donghu_admin");
	char *tok = lw_unique("恶意");
	char *title = lw_printf("%s%s", tok, HOSTILE);
	long long id = add(c, DONGHU, (act){.title = title, .start = local_iso(86400), .end = local_iso(86400 + 3600),
					    .host = "<img src=x onerror=alert(2)>", .venue = "\"><svg onload=alert(3)>",
					    .street = "'onmouseover='alert(4)", .mode = "both",
					    .online_url = "https://live.example.org/?a=1&b=2", .co_hosts = "</dd><script>x</script>",
					    .description = "<iframe src=//evil></iframe>\n\n第二段 & 结束"});
	lw_client *resident = lw_client_new();
	lw_resp *pages[] = {search(resident, "/", q(tok)), lw_get(resident, lw_printf("/a/%lld", id))};
	for (int i = 0; i < 2; i++) {
		lw_resp *r = pages[i];
		cr_assert_eq(r->status, 200);
		cr_assert(lw_has(r, lw_html_escape(title)), "the title shows escaped\n%s", lw_excerpt(r));
		cr_assert(!lw_has(r, "<script>alert(1)"), "raw script on page %d", i);
		cr_assert(!lw_has(r, "<svg onload"), "raw svg on page %d", i);
		cr_assert(!lw_has(r, "'onmouseover='"), "raw attribute on page %d", i);
	}
	lw_resp *page = pages[1];
	cr_assert(lw_has(page, lw_html_escape("<img src=x onerror=alert(2)>")));
	cr_assert(!lw_has(page, "<img src=x"));
	cr_assert(!lw_has(page, "<iframe"));
	cr_assert(!lw_has(page, "</dd><script>x"));
	cr_assert(lw_has(page, lw_printf("href=\"%s\"", lw_html_escape("https://live.example.org/?a=1&b=2"))), "%s", lw_excerpt(page));
	cr_assert(lw_has(page, "<p>第二段 &amp; 结束</p>"));
	/* the form echoes a hostile search escaped, and the filter links carry it percent-encoded */
	lw_resp *q = search(resident, "/", "q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E");
	cr_assert_eq(q->status, 200);
	cr_assert(!lw_has(q, "\"><script>x"), "the search box echoes raw markup");
	cr_assert(lw_has(q, "value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));
	cr_assert(lw_has(q, "q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E"), "quick links keep the search, percent-encoded");
}

/* ---- an activity's page ---- */

Test(calendar, activity_page_shows_everything_public_and_its_qr_code)
{
	current_week();
	lw_client *c = admin_of("donghu_admin");
	char *tok = lw_unique("详情");
	long long id = add(c, DONGHU, (act){.title = lw_printf("%s手机课", tok), .start = local_iso(86400), .end = local_iso(86400 + 7200),
					    .mode = "both", .online_url = "https://live.example.org/phone", .venue = "东湖区老年大学201教室",
					    .street = "豫章街道", .host = "东湖区老年大学", .co_hosts = "南昌市图书馆", .content = "6",
					    .audience = "老年人群", .subject = "科学文化", .form = "培训", .capacity = "30",
					    .description = "教老年人使用智能手机。\n\n请带上手机。"});
	lw_client *resident = lw_client_new();
	lw_resp *r = lw_get(resident, lw_printf("/a/%lld", id));
	lw_expect(r, 200, lw_printf("<h1>%s手机课</h1>", tok));
	const char *want[] = {"东湖区老年大学201教室（豫章街道）", "href=\"https://live.example.org/phone\"", "东湖区老年大学",
			      "南昌市图书馆", "智慧助老", "老年人群", "科学文化", "培训", "线上线下", "共 30 人", "还剩 30 个",
			      "<p>教老年人使用智能手机。</p>", "<p>请带上手机。</p>", lw_printf("href=\"/a/%lld/calendar.ics\">加入手机日历", id),
			      lw_printf("href=\"/a/%lld/signup\">报名</a>", id), "<svg", "aria-label=\"本页的二维码\"",
			      lw_printf("%s/a/%lld", lw_base(), id)};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		cr_assert(lw_has(r, want[i]), "the page lacks %s\n%s", want[i], lw_excerpt(r));
	cr_assert(r->len < 60 * 1024, "the page is %zu bytes", r->len);

	/* the QR code's address is the public address (serve --public-url; by
	 * default http://<listen address>), whatever Host header a client sends */
	cr_assert(lw_has(r, lw_printf("<span class=\"url\">%s/a/%lld</span>", lw_base(), id)), "%s", lw_excerpt(r));
	const char *hosts[] = {"Host: Learn.Example.ORG:8443", "Host: evil.example\"><script>"};
	for (size_t i = 0; i < sizeof hosts / sizeof *hosts; i++) {
		const char *h[] = {hosts[i], NULL};
		lw_resp *e = lw_send(resident, "GET", lw_printf("/a/%lld", id), NULL, 0, h);
		cr_assert(!lw_has(e, "learn.example") && !lw_has(e, "evil.example"), "%s reached the page", hosts[i]);
		if (e->status == 200)
			cr_assert(lw_has(e, lw_printf("%s/a/%lld", lw_base(), id)), "%s\n%s", hosts[i], lw_excerpt(e));
	}

	/* past activities: no sign-up */
	long long past = add(c, DONGHU, (act){.title = lw_printf("%s已结束", tok), .start = "2022-12-01T09:00", .end = "2022-12-01T10:00",
					      .week = "1"});
	lw_resp *p = lw_get(resident, lw_printf("/a/%lld", past));
	lw_expect(p, 200, "本活动已结束");
	cr_assert(!lw_has(p, "/signup"));
}
