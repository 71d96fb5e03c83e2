/* test_resources_showcase.c: learning stars, brand projects and 智慧助老 cases
 * over HTTP: no consent, no public display; only what the centre selected or
 * recommended is public, photos included; only the centre admin decides;
 * another unit gets 403; a case needs an activity of content item 6; hostile
 * text is escaped on the public pages. */
#include "harness.h"
#include "test_resources.h"
#include <string.h>

#define PW "showcase-pass-1"

LW_SERVER("", NULL)

static const char *HOSTILE = "<img src=x onerror=alert(1)>王阿姨";

static long long created(lw_resp *r, const char *fmt)
{
	cr_assert_eq(r->status, 303, "%ld\n%s", r->status, lw_excerpt(r));
	long long id = 0;
	cr_assert(sscanf(lw_header(r, "Location"), fmt, &id) == 1);
	return id;
}

static lw_client *centre(void)
{
	lw_client *c = lw_client_new();
	lw_login_ok(c, "centre_admin", lw_demo_password("centre_admin"));
	return c;
}

Test(showcase, a_star_is_public_only_when_selected_and_consent_is_recorded)
{
	fx f = fx_load();
	lw_client *ed = lw_signed_in("sst", "unit_editor", "东湖区", PW, NULL);
	const char *week = lw_printf("%lld", f.week);
	lw_expect(lw_get(ed, lw_printf("/units/%lld/stars/new?week=%lld", f.donghu, f.week)), 200, "推荐百姓学习之星");
	lw_expect(lw_get(ed, lw_printf("/units/%lld/brands/new?week=%lld", f.donghu, f.week)), 200, "推荐终身学习品牌项目");
	lw_expect(lw_get(ed, lw_printf("/units/%lld/showcase?week=%lld", f.donghu, f.week)), 200, "百姓学习之星");
	lw_expect(lw_submit(ed, lw_printf("/units/%lld/stars", f.donghu), "week", week, "name", "张三", "story", "学", "consent", "1", NULL),
		  422, "同意的方式");
	lw_expect(lw_submit(ed, lw_printf("/units/%lld/stars", f.donghu), "week", week, "name", "", "story", "", NULL), 422, "请填写「姓名」");
	long long id = created(lw_submit(ed, lw_printf("/units/%lld/stars", f.donghu), "week", week, "name", HOSTILE, "community",
					 "百花洲社区", "story", "七十岁学会用手机视频。", NULL),
			       "/stars/%lld/edit");
	lw_resp *ph = rs_upload(ed, lw_printf("/stars/%lld/photo", id), "photo", "star.png", PNG_BYTES, sizeof PNG_BYTES - 1);
	cr_assert_eq(ph->status, 303, "%s", lw_excerpt(ph));
	lw_expect(rs_upload(ed, lw_printf("/stars/%lld/photo", id), "photo", "star.png", "GIF89a....", 10), 415, "不是 JPG 或 PNG");

	/* the unit cannot select; the centre viewer cannot; the centre admin can */
	lw_expect(lw_submit(ed, lw_printf("/stars/%lld/select", id), "picked", "1", NULL), 403, "没有权限");
	lw_client *viewer = lw_signed_in("ssv", "centre_viewer", NULL, PW, NULL);
	lw_expect(lw_submit(viewer, lw_printf("/stars/%lld/select", id), "picked", "1", NULL), 403, "没有权限");
	lw_client *ca = centre();
	cr_assert_eq(lw_submit(ca, lw_printf("/stars/%lld/select", id), "picked", "1", NULL)->status, 303);

	/* selected but no consent: not public, nor its photo */
	lw_client *anon = lw_client_new();
	const char *showcase = lw_printf("/showcase?week=%lld", f.week);
	cr_assert(!lw_has(lw_get(anon, showcase), "百花洲社区"), "a star without consent is public");
	cr_assert_eq(lw_get(anon, lw_printf("/stars/%lld/photo", id))->status, 404);
	cr_assert_eq(lw_get(ed, lw_printf("/stars/%lld/photo", id))->status, 200, "the unit's staff see their star's photo");

	/* consent recorded: public, escaped */
	cr_assert_eq(lw_submit(ed, lw_printf("/stars/%lld", id), "name", HOSTILE, "community", "百花洲社区", "story", "七十岁学会用手机视频。",
			       "consent", "1", "consent_note", "书面同意书（2022-11-20）", NULL)->status, 303);
	lw_resp *pub = lw_get(anon, showcase);
	lw_expect(pub, 200, "百花洲社区");
	cr_assert(lw_has(pub, lw_html_escape(HOSTILE)) && !lw_has(pub, "<img src=x"), "the name is not escaped");
	cr_assert_eq(lw_get(anon, lw_printf("/stars/%lld/photo", id))->status, 200);

	/* consent withdrawn: gone again */
	cr_assert_eq(lw_submit(ed, lw_printf("/stars/%lld", id), "name", HOSTILE, "community", "百花洲社区", "story", "七十岁学会用手机视频。",
			       NULL)->status, 303);
	cr_assert(!lw_has(lw_get(anon, showcase), "百花洲社区"));
	cr_assert_eq(lw_get(anon, lw_printf("/stars/%lld/photo", id))->status, 404);

	/* another unit */
	lw_client *xi = lw_signed_in("ssx", "unit_admin", "西湖区", PW, NULL);
	lw_expect(lw_get(xi, lw_printf("/stars/%lld/edit", id)), 403, "无权访问");
	lw_expect(lw_submit(xi, lw_printf("/stars/%lld/delete", id), "confirm", "1", NULL), 403, "无权访问");
	lw_expect(lw_get(xi, lw_printf("/units/%lld/showcase", f.donghu)), 403, "无权访问");
	/* the audit log records the consent, not a secret: the centre can see who changed it */
	lw_expect(lw_get(ca, "/admin/audit?entity=star"), 200, "书面同意书");
	lw_expect(lw_submit(ed, lw_printf("/stars/%lld/delete", id), NULL), 400, "确认");
	cr_assert_eq(lw_submit(ed, lw_printf("/stars/%lld/delete", id), "confirm", "1", NULL)->status, 303);
	cr_assert_eq(lw_get(ed, lw_printf("/stars/%lld/edit", id))->status, 404);
}

Test(showcase, brand_projects_and_their_photos_are_public_once_selected)
{
	fx f = fx_load();
	lw_client *admin = lw_client_new();
	lw_login_ok(admin, "donghu_admin", lw_demo_password("donghu_admin"));
	long long act = rs_first_activity(admin, f.donghu, f.week);
	long long id = created(lw_submit(admin, lw_printf("/units/%lld/brands", f.donghu), "week", lw_printf("%lld", f.week), "name",
					 "百姓大讲堂<b>", "host", "东湖区社区教育学院", "description", "办了十年的系列讲座。", "activities",
					 lw_printf("%lld", act), NULL),
			       "/brands/%lld/edit");
	cr_assert_eq(rs_upload(admin, lw_printf("/brands/%lld/photos", id), "photo", "b.png", PNG_BYTES, sizeof PNG_BYTES - 1)->status,
		     303);
	long long photo = lw_id_after(lw_get(admin, lw_printf("/brands/%lld/edit", id))->body, "class=\"photos\"", "photo?id=");
	cr_assert_gt(photo, 0);
	lw_client *anon = lw_client_new();
	const char *showcase = lw_printf("/showcase?week=%lld", f.week);
	cr_assert(!lw_has(lw_get(anon, showcase), "百姓大讲堂"), "a recommended project is public before selection");
	cr_assert_eq(lw_get(anon, lw_printf("/brands/%lld/photo?id=%lld", id, photo))->status, 404);
	cr_assert_eq(lw_submit(centre(), lw_printf("/brands/%lld/select", id), "picked", "1", NULL)->status, 303);
	lw_resp *pub = lw_get(anon, showcase);
	lw_expect(pub, 200, "百姓大讲堂&lt;b&gt;");
	cr_assert(lw_has(pub, lw_printf("/a/%lld\"", act)), "the linked activity is not shown");
	cr_assert_eq(lw_get(anon, lw_printf("/brands/%lld/photo?id=%lld", id, photo))->status, 200);
	lw_expect(lw_submit(admin, lw_printf("/brands/%lld/photos/delete", id), NULL), 400, "照片");
	lw_expect(lw_get(lw_signed_in("sbx", "unit_editor", "西湖区", PW, NULL), lw_printf("/brands/%lld/edit", id)), 403, "无权访问");
}

Test(showcase, an_elder_case_needs_item_6_and_is_public_once_recommended)
{
	fx f = fx_load();
	lw_client *ed = lw_signed_in("sca", "unit_editor", "东湖区", PW, NULL);
	/* the activities of item 6 are offered; others are refused */
	lw_resp *choose = lw_get(ed, lw_printf("/units/%lld/cases/new?week=%lld", f.donghu, f.week));
	cr_assert_eq(choose->status, 200);
	long long act6 = lw_id_after(choose->body, "<ul class=\"links\">", "cases/new?activity=");
	cr_assert_gt(act6, 0, "the demo has no 智慧助老 activity in 东湖区:\n%s", lw_excerpt(choose));
	long long plain = created(lw_submit(ed, lw_printf("/units/%lld/activities", f.donghu), "week", lw_printf("%lld", f.week),
					    "title", "普通讲座", "host", "某校", "mode", "offline", "starts_at", "2022-12-02T09:00",
					    "ends_at", "2022-12-02T10:00", "venue", "某路", "content", "1", "publish", "1", NULL),
				  "/activities/%lld");
	const char *path = lw_printf("/units/%lld/cases", f.donghu);
	lw_expect(lw_submit(ed, path, "activity", lw_printf("%lld", plain), "title", "x", "taught", "y", "trained", "3", NULL), 422,
		  "智慧助老");
	lw_expect(lw_submit(ed, path, "activity", lw_printf("%lld", act6), "title", "x", "taught", "y", "trained", "很多", NULL), 422,
		  "培训老年人数");
	long long id = created(lw_submit(ed, path, "activity", lw_printf("%lld", act6), "title", "手把手<教>老人用手机", "taught",
					 "健康码、网上挂号", "trained", "35", "lessons", "一对一志愿者", NULL),
			       "/cases/%lld/edit");
	lw_expect(lw_submit(ed, path, "activity", lw_printf("%lld", act6), "title", "again", "taught", "y", "trained", "1", NULL), 422,
		  "已经写过案例");
	lw_client *xi = lw_signed_in("scx", "unit_editor", "西湖区", PW, NULL);
	lw_expect(lw_submit(xi, lw_printf("/units/%lld/cases", f.xihu), "activity", lw_printf("%lld", act6), "title", "x", "taught", "y",
			    "trained", "1", NULL), 422, "智慧助老");
	lw_expect(lw_get(xi, lw_printf("/cases/%lld/edit", id)), 403, "无权访问");

	lw_client *anon = lw_client_new();
	const char *cases = lw_printf("/cases?week=%lld", f.week);
	cr_assert(!lw_has(lw_get(anon, cases), "手把手"), "a case is public before the centre recommends it");
	lw_expect(lw_submit(ed, lw_printf("/cases/%lld/recommend", id), "picked", "1", NULL), 403, "没有权限");
	lw_client *ca = centre();
	lw_expect(lw_get(ca, lw_printf("/admin/showcase?week=%lld", f.week)), 200, "手把手&lt;教&gt;老人用手机");
	cr_assert_eq(lw_submit(ca, lw_printf("/cases/%lld/recommend", id), "picked", "1", "next", "//evil.example/", NULL)->status, 303);
	lw_resp *pub = lw_get(anon, cases);
	lw_expect(pub, 200, "手把手&lt;教&gt;老人用手机");
	cr_assert(lw_has(pub, "培训老年人 35 人"));
	cr_assert_eq(lw_submit(ca, lw_printf("/cases/%lld/recommend", id), "picked", "0", NULL)->status, 303);
	cr_assert(!lw_has(lw_get(anon, cases), "手把手"));
	lw_assert_alive();
}
