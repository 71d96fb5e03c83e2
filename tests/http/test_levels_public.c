/* test_levels_public.c: the public pages per level (issue 17). The server
 * runs the province demo: 江西省 at the top; 南昌市 (13 units, their activities
 * in the province's week), 九江市 and 赣州市 with four counties each. 赣州市
 * publishes its own week here (a copy of the province's) and its counties
 * record in it; 九江市's counties record in the province's week. The
 * province's calendar lists every city's activities with a 市 filter; a
 * city's own address /o/CODE/ lists its own, under its week's title and
 * theme; both are cacheable pages without a cookie, and a save shows at once
 * on both. */
#include "levels.h"

LW_SERVER_DEMO("", NULL, "--province")

static lw_client *as(const char *username)
{
	lw_client *c = lw_client_new();
	lw_login_ok(c, username, lw_demo_password(username));
	return c;
}

static long long province_week(void)
{
	return sql_int(lw_printf("SELECT id FROM weeks WHERE unit_id = %lld ORDER BY year DESC LIMIT 1", unit_id("江西省")));
}

#define GANZHOU_THEME "赣南处处可学 终身学习在身边"

/* 赣州市's own week of this year, published once (tests run at once: a second
 * attempt finds it there) with a theme of its own. Its counties record
 * nothing before it exists. */
static long long ganzhou_week(void)
{
	long long pw = province_week(), gz = unit_id("赣州市");
	long long year = sql_int(lw_printf("SELECT year FROM weeks WHERE id = %lld", pw));
	lw_client *c = as("ganzhou_admin");
	long long id = sql_int(lw_printf("SELECT id FROM weeks WHERE unit_id = %lld AND year = %lld", gz, year));
	if (!id) {
		lw_resp *made = lw_submit(c, "/admin/weeks/adopt", "year", lw_printf("%lld", year), NULL);
		cr_assert(made->status == 303 || (made->status == 422 && lw_has(made, "已经存在")), "adopt: %ld\n%s", made->status,
			  lw_excerpt(made));
		id = sql_int(lw_printf("SELECT id FROM weeks WHERE unit_id = %lld AND year = %lld", gz, year));
	}
	cr_assert_gt(id, 0, "赣州市's week");
	if (!sql_int(lw_printf("SELECT count(*) FROM weeks WHERE id = %lld AND theme = '%s'", id, GANZHOU_THEME))) {
		/* the week's own form, its theme changed */
		lw_resp *form = lw_get(c, lw_printf("/admin/weeks/%lld", id));
		cr_assert_eq(form->status, 200, "the week's form: %ld", form->status);
		lw_resp *r = lw_submit(c, lw_printf("/admin/weeks/%lld", id), "year", lw_printf("%lld", year), "title",
				       lw_field(form->body, "title"), "theme", GANZHOU_THEME, "starts_on", lw_field(form->body, "starts_on"),
				       "ends_on", lw_field(form->body, "ends_on"), "deadline", lw_field(form->body, "deadline"), "notice", "",
				       "extended_to", "", NULL);
		cr_assert_eq(r->status, 303, "the week's theme: %ld\n%s", r->status, lw_excerpt(r));
	}
	return id;
}

/* A published activity of the clerk's unit in week, an hour from now. */
static long long new_activity_at(const char *clerk, long long week, const char *title, const char *street)
{
	lw_client *c = as(clerk);
	lw_resp *dash = lw_get(c, "/admin");
	long long unit = lw_id_after(dash->body, "class=\"tiles\"", "/units/");
	cr_assert_gt(unit, 0, "no unit link on %s's dashboard", clerk);
	lw_resp *r = lw_submit(c, lw_printf("/units/%lld/activities", unit), "title", title, "host", "社区学校", "content", "6",
			       "mode", "offline", "starts_at", lw_local_time(60), "ends_at", lw_local_time(180), "venue",
			       "社区学校一楼", "street", street, "week", lw_printf("%lld", week), "publish", "1", NULL);
	cr_assert_eq(r->status, 303, "%s creates an activity: %ld\n%s", clerk, r->status, lw_excerpt(r));
	long long id = 0;
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && sscanf(loc, "/activities/%lld", &id) == 1, "Location %s", loc ? loc : "(none)");
	return id;
}

static long long new_activity(const char *clerk, long long week, const char *title)
{
	return new_activity_at(clerk, week, title, "城关街道");
}

/* The search for one title: the list then has it or not, whatever the page. */
static lw_resp *find(lw_client *c, const char *base, const char *filters, const char *title)
{
	return lw_get(c, lw_printf("%s?%s%s", base, filters, lw_form("q", title, NULL)));
}

/* The list item of an activity (the search box echoes the text searched). */
static const char *item(const char *title)
{
	return lw_printf("\">%s</a></h4>", title);
}

static void lists(lw_resp *r, const char *title, bool yes, const char *where)
{
	cr_assert_eq(r->status, 200, "%s: %ld\n%s", where, r->status, lw_excerpt(r));
	cr_assert_eq(lw_has(r, title), yes, "%s %s「%s」:\n%s", where, yes ? "lacks" : "lists", title, lw_excerpt(r));
}

Test(levels_public, the_province_calendar_lists_every_city_and_filters_by_city)
{
	long long gw = ganzhou_week(), pw = province_week();
	char *jj = lw_unique("浔阳读书会"), *gz = lw_unique("章贡客家讲堂");
	long long jid = new_activity("xunyang_admin", pw, jj);
	new_activity("zhanggong_admin", gw, gz);
	lw_client *v = lw_client_new();
	/* the activity's own page names the nodes above its unit, the city first */
	lw_expect(lw_get(v, lw_printf("/a/%lld", jid)), 200, "<div><dt>所属地区</dt><dd>九江市");
	/* the plain list: 南昌市's demo activities, 九江市's and 赣州市's, each with its city and county */
	lw_resp *all = lw_get(v, "/");
	lists(all, "南昌市 · 东湖区", true, "the province's calendar");
	lw_expect(all, 200, "<label for=\"f-city\">市</label>");
	lists(find(v, "/", "", jj), "<p class=\"act-meta\">九江市 · 浔阳区 · ", true, "the province's calendar");
	lists(find(v, "/", "", gz), "<p class=\"act-meta\">赣州市 · 章贡区 · ", true, "the province's calendar (赣州市's own week)");
	/* the 市 filter */
	long long nc = unit_id("南昌市"), jc = unit_id("九江市"), gc = unit_id("赣州市");
	const char *city_j = lw_printf("city=%lld&", jc), *city_g = lw_printf("city=%lld&", gc), *city_n = lw_printf("city=%lld&", nc);
	lists(find(v, "/", city_j, jj), item(jj), true, "九江市 chosen");
	lists(find(v, "/", city_g, jj), item(jj), false, "赣州市 chosen");
	lists(find(v, "/", city_g, gz), item(gz), true, "赣州市 chosen");
	lists(find(v, "/", city_n, gz), item(gz), false, "南昌市 chosen");
	lw_resp *n = lw_get(v, lw_printf("/?city=%lld", nc));
	lists(n, "东湖区", true, "南昌市 chosen");
	cr_assert(!lw_has(n, "浔阳区 · ") && !lw_has(n, "章贡区 · "), "南昌市's only:\n%s", lw_excerpt(n));
	cr_assert(lw_has(n, lw_printf("<option value=\"%lld\" selected>南昌市</option>", nc)), "the city stays chosen");
	/* a city chosen offers its units; a unit of another city is refused */
	lists(lw_get(v, lw_printf("/?city=%lld&unit=%lld", jc, unit_id("浔阳区"))), "浔阳区", true, "浔阳区 chosen");
	/* the form sends the unit of the city chosen before with the new city: the city wins */
	lw_resp *moved = lw_get(v, lw_printf("/?city=%lld&unit=%lld", jc, unit_id("东湖区")));
	lists(moved, lw_printf("<option value=\"%lld\" selected>九江市</option>", jc), true, "九江市 chosen after 东湖区");
	lists(moved, "东湖区 · ", false, "九江市 chosen after 东湖区");
	lw_expect(lw_get(v, lw_printf("/o/jiujiang/?unit=%lld", unit_id("东湖区"))), 400, "所选的单位不在本页的范围内");
	lw_expect(lw_get(v, lw_printf("/?city=%lld", unit_id("东湖区"))), 400, "所选的市不在本页的范围内");
	/* the feed has them too, and filters the same way */
	lw_resp *ics = lw_get(v, "/calendar.ics");
	cr_assert(lw_has(ics, jj) && lw_has(ics, gz), "the province's feed");
	lw_resp *ics_g = lw_get(v, lw_printf("/calendar.ics?city=%lld", gc));
	cr_assert(lw_has(ics_g, gz) && !lw_has(ics_g, jj), "赣州市's feed:\n%.400s", ics_g->body);
}

Test(levels_public, a_city_has_its_own_address)
{
	long long gw = ganzhou_week();
	char *gz = lw_unique("南康客家讲堂"), *jj = lw_unique("修水读书会");
	new_activity("nankang_admin", gw, gz);
	new_activity("xiushui_admin", province_week(), jj);
	lw_client *v = lw_client_new();
	long long year = sql_int(lw_printf("SELECT year FROM weeks WHERE id = %lld", gw));
	/* 赣州市: its own week, its theme, its counties' activities */
	lw_resp *g = lw_get(v, "/o/ganzhou/");
	lw_expect(g, 200, lw_printf("<h1>%lld年赣州市全民终身学习活动周</h1>", year));
	lw_expect(g, 200, GANZHOU_THEME);
	cr_assert(!lw_has(g, "<label for=\"f-city\">"), "a city's page has no 市 filter");
	lw_resp *own = find(v, "/o/ganzhou/", "", gz);
	lists(own, item(gz), true, "/o/ganzhou/");
	lists(own, "<p class=\"act-meta\">南康区 · ", true, "/o/ganzhou/ (the county, no city)");
	lists(find(v, "/o/ganzhou/", "", jj), item(jj), false, "/o/ganzhou/");
	/* 南昌市 (its own week in the demo): its units' activities only */
	lw_resp *n = lw_get(v, "/o/nanchang/");
	lw_expect(n, 200, lw_printf("<h1>%lld年南昌市全民终身学习活动周</h1>", year));
	lists(n, "东湖区 · ", true, "/o/nanchang/");
	lists(find(v, "/o/nanchang/", "", jj), item(jj), false, "/o/nanchang/");
	lists(find(v, "/o/jiujiang/", "", jj), item(jj), true, "/o/jiujiang/");
	/* its feed */
	lw_resp *ics = lw_get(v, "/o/ganzhou/calendar.ics");
	cr_assert(lw_has(ics, gz) && !lw_has(ics, jj), "赣州市's feed");
	/* a code that is no organiser's, a leaf's, a path below */
	lw_expect(lw_get(v, "/o/nosuchcity/"), 404, "找不到这个地址");
	lw_expect(lw_get(v, "/o/donghu/"), 404, "找不到这个地址");
	lw_expect(lw_get(v, "/o/ganzhou/admin"), 404, "找不到这个地址");
}

/* No cookie, cacheable, revalidated by ETag; the key includes the scope. */
Test(levels_public, a_public_page_of_any_scope_is_cacheable)
{
	ganzhou_week();
	const char *paths[] = {"/", "/o/ganzhou/", "/o/nanchang/", lw_printf("/?city=%lld", unit_id("九江市"))};
	const char *etags[4];
	for (int i = 0; i < 4; i++) {
		lw_client *v = lw_client_new();
		lw_resp *r = lw_get(v, paths[i]);
		cr_assert_eq(r->status, 200, "%s: %ld", paths[i], r->status);
		cr_assert_null(lw_header(r, "Set-Cookie"), "%s sets a cookie", paths[i]);
		const char *cc = lw_header(r, "Cache-Control"), *etag = lw_header(r, "ETag");
		cr_assert(cc && strstr(cc, "public") && !strstr(cc, "no-store"), "%s: Cache-Control %s", paths[i], cc ? cc : "(none)");
		cr_assert_not_null(etag, "%s has no ETag", paths[i]);
		cr_assert(!lw_has(r, "name=\"_csrf\""), "%s carries a token", paths[i]);
		etags[i] = etag;
		/* the other tests save at the same time: a save between the two
		 * requests changes the page (200, another ETag); then again */
		long status = 0;
		for (int k = 0; k < 5 && status != 304; k++) {
			const char *inm[] = {lw_printf("If-None-Match: %s", etag), NULL};
			lw_resp *again = lw_send(v, "GET", paths[i], NULL, 0, inm);
			status = again->status;
			if (status == 200) {
				cr_assert_str_neq(lw_header(again, "ETag"), etag, "%s answered 200 with the same ETag", paths[i]);
				etag = lw_header(again, "ETag");
			}
		}
		cr_assert_eq(status, 304, "%s with its ETag: %ld", paths[i], status);
	}
	for (int i = 1; i < 4; i++)
		cr_assert_str_neq(etags[0], etags[i], "%s answered as /", paths[i]);
}

/* A save in a county shows at once on the province's page and the city's,
 * each of them read (and kept) before it: the same addresses, searched for
 * the title, answer nothing before and the activity after. */
Test(levels_public, a_save_in_a_county_shows_at_once_on_both_scopes)
{
	long long gw = ganzhou_week();
	lw_client *v = lw_client_new();
	char *gz = lw_unique("瑞金红色课堂"), *jj = lw_unique("武宁茶艺课");
	const char *city_g = lw_printf("city=%lld&", unit_id("赣州市"));
	struct {
		const char *base, *filters, *title;
	} pages[] = {{"/", "", gz}, {"/o/ganzhou/", "", gz}, {"/", city_g, gz}, {"/", "", jj}, {"/o/jiujiang/", "", jj}};
	for (int k = 0; k < 2; k++) /* read, then answered from the cache */
		for (int i = 0; i < 5; i++)
			lists(find(v, pages[i].base, pages[i].filters, pages[i].title), item(pages[i].title), false, "before the save");
	new_activity("ruijin_admin", gw, gz);
	new_activity("wuning_admin", province_week(), jj);
	for (int i = 0; i < 5; i++)
		lists(find(v, pages[i].base, pages[i].filters, pages[i].title), item(pages[i].title), true,
		      lw_printf("%s?%s after the save", pages[i].base, pages[i].filters));
}

/* Drill-down (issue 17): the province's board and statistics lead to a city
 * that runs its own week, the city's board to each county's activities; a
 * county's clerk cannot open the province's board. */
Test(levels_public, the_board_and_statistics_drill_down_to_a_city_and_its_counties)
{
	long long gw = ganzhou_week();
	char *title = lw_unique("章贡区下钻活动");
	new_activity("zhanggong_admin", gw, title);
	lw_client *top = as("centre_admin");
	lw_resp *board = lw_get(top, "/admin/board");
	lw_expect(board, 200, lw_printf("<a href=\"/admin/board?week=%lld\">下级报送进度</a>", gw));
	lw_resp *city = lw_get(top, lw_printf("/admin/board?week=%lld", gw));
	lw_expect(city, 200, "章贡区");
	cr_assert(!lw_has(city, "东湖区"), "赣州市's counties only");
	long long zg = unit_id("章贡区");
	const char *acts = lw_printf("/units/%lld/activities?week=%lld", zg, gw);
	cr_assert(lw_has(city, lw_printf("<a href=\"%s\">活动</a>", lw_html_escape(acts))), "the county's row leads to its activities:\n%s",
		  lw_excerpt(city));
	lw_expect(lw_get(top, acts), 200, title);
	lw_resp *stats = lw_get(top, "/admin/stats");
	lw_expect(stats, 200, lw_printf("<a href=\"/admin/stats?week=%lld\">赣州市</a>", gw));
	lw_expect(lw_get(top, lw_printf("/admin/stats?week=%lld", gw)), 200, "章贡区");
	/* the city's own organiser sees its counties, and no link above them */
	lw_resp *own = lw_get(as("ganzhou_admin"), "/admin/board");
	lw_expect(own, 200, "章贡区");
	cr_assert(!lw_has(own, "下级报送进度"));
	/* a county's clerk: not the province's board, nor the city's */
	lw_expect(lw_get(as("donghu_admin"), "/admin/board"), 403, "没有权限");
	lw_expect(lw_get(as("zhanggong_admin"), lw_printf("/admin/board?week=%lld", gw)), 403, "没有权限");
}

/* 离我近的 (/weeks/N/near) covers the scope of /weeks/N: the week and the
 * weeks below it (a county of 赣州市, which runs its own week, on the
 * province's page), and a save there shows at once on a page read (and
 * kept) before it. */
Test(levels_public, near_covers_the_weeks_below)
{
	long long gw = ganzhou_week(), pw = province_week();
	lw_client *v = lw_client_new();
	const char *near = lw_printf("/weeks/%lld/near", pw), *city = lw_printf("/weeks/%lld/near", gw);
	char *street = lw_unique("蓉江街道"), *shown = lw_printf("\">%s<small>1 项</small></a>", street);
	for (int k = 0; k < 2; k++) { /* read, then answered from the cache */
		lists(lw_get(v, near), shown, false, "the province's near page before the save");
		lists(lw_get(v, city), shown, false, "赣州市's near page before the save");
	}
	new_activity_at("nankang_admin", gw, lw_unique("南康区近处活动"), street);
	lw_resp *r = lw_get(v, near);
	lists(r, shown, true, "the province's near page");
	cr_assert(lw_has(r, lw_printf("<h2>南康区</h2><ul class=\"streets\"><li><a class=\"button\" href=\"/weeks/%lld?q=", pw)),
		  "南康区's streets lead to the province's calendar:\n%s", lw_excerpt(r));
	lists(r, "<h2>东湖区</h2>", true, "the province's near page (南昌市's demo streets)");
	lw_resp *c = lw_get(v, city);
	lists(c, shown, true, "赣州市's near page");
	cr_assert(!lw_has(c, "<h2>东湖区</h2>"), "赣州市's page has its own counties only");
}
