/* test_resources.c: the learning resource library over HTTP: create, edit,
 * close, delete; who may do what (other unit 403, viewer read-only); what the
 * public sees (open only, no phone number); phone masking per role; hostile
 * text escaped; photos checked by content; activity links; the centre's
 * counts and the summary form's 活动内容. */
#include "harness.h"
#include "test_resources.h"
#include <string.h>

#define PW "resources-pass-1"

LW_SERVER("", NULL)

static const char *HOSTILE = "<script>alert('x')</script>&\"资源";

Test(resources, create_edit_close_delete_and_what_the_public_sees)
{
	fx f = fx_load();
	lw_client *ed = lw_signed_in("red", "unit_editor", "东湖区", PW, NULL);
	lw_expect(lw_get(ed, lw_printf("/units/%lld/resources/new?week=%lld", f.donghu, f.week)), 200, "新增学习资源");
	lw_expect(lw_get(ed, lw_printf("/units/%lld/resources/import?week=%lld", f.donghu, f.week)), 200, "导入模板");
	long long id = rs_create(ed, f.donghu, f.week, "kind", "venue", "title", HOSTILE, "institution", "东湖区社区教育学院",
				 "address", "南京东路 1 号", "hours", "每天 9:00-17:00", "audiences", "老年人群", NULL);
	cr_assert_gt(id, 0);

	lw_client *anon = lw_client_new();
	char *page = lw_printf("/resources/%lld", id);
	lw_resp *pub = lw_get(anon, page);
	lw_expect(pub, 200, lw_html_escape(HOSTILE));
	cr_assert(!lw_has(pub, "<script>alert"), "the title is not escaped on the public page");
	lw_resp *list = lw_get(anon, lw_printf("/resources?week=%lld&unit=%lld&kind=venue&audience=%s", f.week, f.donghu,
					       "%E8%80%81%E5%B9%B4%E4%BA%BA%E7%BE%A4"));
	lw_expect(list, 200, lw_html_escape(HOSTILE));
	lw_resp *other_kind = lw_get(anon, lw_printf("/resources?week=%lld&kind=books", f.week));
	cr_assert(!lw_has(other_kind, lw_html_escape(HOSTILE)), "a venue shows under 图书资料");

	/* closed: gone from the public library and 404 on its page */
	lw_resp *closed = lw_submit(ed, lw_printf("/resources/%lld/status", id), "status", "closed", NULL);
	cr_assert_eq(closed->status, 303);
	lw_expect(lw_get(anon, page), 404, "暂停开放");
	cr_assert(!lw_has(lw_get(anon, lw_printf("/resources?week=%lld", f.week)), lw_html_escape(HOSTILE)));
	/* staff still see it in their list */
	lw_expect(lw_get(ed, lw_printf("/units/%lld/resources?week=%lld", f.donghu, f.week)), 200, "暂停开放");
	lw_submit(ed, lw_printf("/resources/%lld/status", id), "status", "open", NULL);
	cr_assert_eq(lw_get(anon, page)->status, 200);

	/* edit */
	lw_resp *up = lw_submit(ed, lw_printf("/resources/%lld", id), "kind", "books", "title", "社区图书角", "institution",
				"东湖区图书馆", "address", "某路 2 号", "status", "open", NULL);
	cr_assert_eq(up->status, 303, "%s", lw_excerpt(up));
	lw_expect(lw_get(anon, page), 200, "社区图书角");
	lw_expect(lw_get(anon, page), 200, "图书资料");

	/* delete needs the confirmation the form sends */
	lw_expect(lw_submit(ed, lw_printf("/resources/%lld/delete", id), NULL), 400, "确认");
	cr_assert_eq(lw_submit(ed, lw_printf("/resources/%lld/delete", id), "confirm", "1", NULL)->status, 303);
	cr_assert_eq(lw_get(anon, page)->status, 404);
	lw_assert_alive();
}

Test(resources, validation_says_what_is_wrong_in_chinese)
{
	fx f = fx_load();
	lw_client *ed = lw_signed_in("rva", "unit_editor", "东湖区", PW, NULL);
	const char *path = lw_printf("/units/%lld/resources", f.donghu);
	const char *week = lw_printf("%lld", f.week);
	lw_expect(lw_submit(ed, path, "week", week, "kind", "venue", "institution", "某校", "address", "某路", NULL), 422,
		  "请填写「资源名称」");
	lw_expect(lw_submit(ed, path, "week", week, "kind", "spaceship", "title", "x", "institution", "某校", "address", "某路", NULL),
		  422, "资源类别");
	lw_expect(lw_submit(ed, path, "week", week, "kind", "venue", "title", "x", "institution", "某校", NULL), 422, "请填写「地址」");
	lw_expect(lw_submit(ed, path, "week", week, "kind", "online", "title", "x", "institution", "某校", NULL), 422, "线上链接");
	lw_expect(lw_submit(ed, path, "week", week, "kind", "online", "title", "x", "institution", "某校", "online_url",
			    "javascript:alert(1)", NULL), 422, "http://");
	lw_expect(lw_submit(ed, path, "week", week, "kind", "venue", "title", "x", "institution", "某校", "address", "某路",
			    "booking_phone", "12345", NULL), 422, "预约电话");
	lw_expect(lw_submit(ed, path, "week", week, "kind", "venue", "title", "x", "institution", "某校", "address", "某路",
			    "audiences", "外星人", NULL), 422, "外星人");
	/* the router's limits: an undeclared field and a far too long one */
	lw_expect(lw_submit(ed, path, "week", week, "colour", "red", NULL), 400, "colour");
	char longtitle[700];
	memset(longtitle, 'x', sizeof longtitle - 1);
	longtitle[sizeof longtitle - 1] = 0;
	lw_expect(lw_submit(ed, path, "week", week, "title", longtitle, NULL), 400, "太长");
	/* a rejected form keeps what was typed, escaped */
	lw_resp *r = lw_submit(ed, path, "week", week, "kind", "venue", "title", HOSTILE, "institution", "", NULL);
	lw_expect(r, 422, lw_html_escape(HOSTILE));
	cr_assert(!lw_has(r, "<script>alert"));
}

Test(resources, roles_other_unit_viewer_and_anonymous)
{
	fx f = fx_load();
	lw_client *ed = lw_signed_in("rro", "unit_editor", "东湖区", PW, NULL);
	long long id = rs_create(ed, f.donghu, f.week, "kind", "course", "title", "书法入门课", "institution", "某校", "address",
				 "某路", NULL);
	lw_client *xihu = lw_signed_in("rxh", "unit_admin", "西湖区", PW, NULL);
	lw_expect(lw_get(xihu, lw_printf("/units/%lld/resources", f.donghu)), 403, "无权访问");
	lw_expect(lw_get(xihu, lw_printf("/resources/%lld/edit", id)), 403, "无权访问");
	lw_expect(lw_submit(xihu, lw_printf("/resources/%lld", id), "title", "被改了", NULL), 403, "无权访问");
	lw_expect(lw_submit(xihu, lw_printf("/resources/%lld/status", id), "status", "closed", NULL), 403, "无权访问");
	lw_expect(lw_submit(xihu, lw_printf("/units/%lld/resources", f.donghu), "title", "x", NULL), 403, "无权访问");
	lw_client *viewer = lw_signed_in("rvw", "centre_viewer", NULL, PW, NULL);
	lw_expect(lw_get(viewer, lw_printf("/units/%lld/resources?week=%lld", f.donghu, f.week)), 200, "书法入门课");
	cr_assert(!lw_has(lw_get(viewer, lw_printf("/units/%lld/resources?week=%lld", f.donghu, f.week)), "新增学习资源"));
	lw_expect(lw_get(viewer, lw_printf("/resources/%lld/edit", id)), 403, "没有权限");
	lw_expect(lw_submit(viewer, lw_printf("/resources/%lld/delete", id), "confirm", "1", NULL), 403, "没有权限");
	lw_expect(lw_get(viewer, "/admin/resources"), 200, "全市合计");
	lw_expect(lw_get(ed, "/admin/resources"), 403, "没有权限");
	lw_client *anon = lw_client_new();
	lw_resp *r = lw_get(anon, lw_printf("/units/%lld/resources", f.donghu));
	cr_assert_eq(r->status, 303);
	cr_assert(!strncmp(lw_header(r, "Location"), "/login?next=", 12));
	cr_assert_eq(lw_get(lw_client_new(), lw_printf("/resources/%lld", id))->status, 200);
}

Test(resources, phone_numbers_full_to_the_unit_admin_masked_to_other_staff_never_public)
{
	fx f = fx_load();
	lw_client *admin = lw_client_new();
	lw_login_ok(admin, "donghu_admin", lw_demo_password("donghu_admin"));
	long long id = rs_create(admin, f.donghu, f.week, "kind", "equipment", "title", "3D 打印机", "institution", "某职校",
				 "address", "某路 9 号", "booking_phone", "138 1234 5678", NULL);
	const char *list = lw_printf("/units/%lld/resources?week=%lld", f.donghu, f.week);
	lw_expect(lw_get(admin, list), 200, "13812345678");
	lw_expect(lw_get(admin, lw_printf("/resources/%lld/edit", id)), 200, "13812345678");

	lw_client *ed = lw_signed_in("rph", "unit_editor", "东湖区", PW, NULL);
	lw_resp *el = lw_get(ed, list);
	lw_expect(el, 200, "138****5678");
	cr_assert(!lw_has(el, "13812345678"), "an editor sees the full number");
	lw_resp *edit = lw_get(ed, lw_printf("/resources/%lld/edit", id));
	lw_expect(edit, 200, "138****5678");
	cr_assert(!lw_has(edit, "13812345678"), "the edit form gives the editor the full number");
	/* saving with the phone field left empty keeps the number */
	cr_assert_eq(lw_submit(ed, lw_printf("/resources/%lld", id), "kind", "equipment", "title", "3D 打印机（两台）", "institution",
			       "某职校", "address", "某路 9 号", "status", "open", NULL)->status, 303);
	lw_expect(lw_get(admin, list), 200, "13812345678");

	lw_client *centre = lw_client_new();
	lw_login_ok(centre, "centre_admin", lw_demo_password("centre_admin"));
	lw_resp *cl = lw_get(centre, list);
	lw_expect(cl, 200, "138****5678");
	cr_assert(!lw_has(cl, "13812345678"));
	cr_assert(!lw_has(lw_get(centre, "/admin/audit?entity=resource"), "13812345678"), "the audit log holds the full number");

	lw_resp *pub = lw_get(lw_client_new(), lw_printf("/resources/%lld", id));
	lw_expect(pub, 200, "可电话预约");
	cr_assert(!lw_has(pub, "5678") && !lw_has(pub, "138*"), "a phone number on a public page");

	/* the editor may remove it */
	cr_assert_eq(lw_submit(ed, lw_printf("/resources/%lld", id), "kind", "equipment", "title", "3D 打印机", "institution", "某职校",
			       "address", "某路 9 号", "clear_phone", "1", NULL)->status, 303);
	cr_assert(!lw_has(lw_get(admin, list), "13812345678"));
}

Test(resources, photos_are_checked_by_content_and_follow_visibility)
{
	fx f = fx_load();
	lw_client *ed = lw_signed_in("rpo", "unit_editor", "东湖区", PW, NULL);
	long long id = rs_create(ed, f.donghu, f.week, "kind", "venue", "title", "科技馆展厅", "institution", "科技馆", "address",
				 "某路", NULL);
	const char *up = lw_printf("/resources/%lld/photos", id);
	lw_expect(rs_upload(ed, up, "photo", "fake.jpg", "<html>not an image</html>", 25), 415, "不是 JPG 或 PNG");
	lw_expect(rs_upload(ed, up, "photo", "empty.png", "", 0), 400, "");
	lw_resp *ok = rs_upload(ed, up, "photo", "展厅.png", PNG_BYTES, sizeof PNG_BYTES - 1);
	cr_assert_eq(ok->status, 303, "%ld %s", ok->status, lw_excerpt(ok));
	lw_resp *edit = lw_get(ed, lw_printf("/resources/%lld/edit", id));
	long long photo = lw_id_after(edit->body, "class=\"photos\"", "photo?id=");
	cr_assert_gt(photo, 0);
	lw_client *anon = lw_client_new();
	lw_resp *img = lw_get(anon, lw_printf("/resources/%lld/photo?id=%lld", id, photo));
	cr_assert_eq(img->status, 200);
	cr_assert(!strncmp(lw_header(img, "Content-Type"), "image/png", 9));
	/* a photo id of another resource is not served under this one */
	cr_assert_eq(lw_get(anon, lw_printf("/resources/%lld/photo?id=%lld", id, photo + 1000))->status, 404);
	lw_submit(ed, lw_printf("/resources/%lld/status", id), "status", "closed", NULL);
	cr_assert_eq(lw_get(anon, lw_printf("/resources/%lld/photo?id=%lld", id, photo))->status, 404);
	cr_assert_eq(lw_get(ed, lw_printf("/resources/%lld/photo?id=%lld", id, photo))->status, 200);
	lw_client *xihu = lw_signed_in("rpx", "unit_editor", "西湖区", PW, NULL);
	cr_assert_eq(lw_get(xihu, lw_printf("/resources/%lld/photo?id=%lld", id, photo))->status, 404);
	cr_assert_eq(lw_submit(ed, lw_printf("/resources/%lld/photos/delete", id), "id", lw_printf("%lld", photo), NULL)->status, 303);
	cr_assert_eq(lw_get(ed, lw_printf("/resources/%lld/photo?id=%lld", id, photo))->status, 404);
}

Test(resources, activities_linked_counts_and_the_summary_form)
{
	fx f = fx_load();
	lw_client *admin = lw_client_new();
	lw_login_ok(admin, "donghu_admin", lw_demo_password("donghu_admin"));
	long long act = rs_first_activity(admin, f.donghu, f.week);
	lw_client *xa = lw_client_new();
	lw_login_ok(xa, "xihu_admin", lw_demo_password("xihu_admin"));
	long long other = rs_first_activity(xa, f.xihu, f.week);
	cr_assert(act > 0 && other > 0);
	long long before = rs_count(admin, f.donghu, f.week);
	long long id = rs_create(admin, f.donghu, f.week, "kind", "teacher", "title", "退休教师志愿讲师团", "institution", "东湖区老年大学",
				 "address", "某路 3 号", "activities", lw_printf("%lld", act), "activities", lw_printf("%lld", other), NULL);
	lw_resp *pub = lw_get(lw_client_new(), lw_printf("/resources/%lld", id));
	lw_expect(pub, 200, "相关活动");
	cr_assert(lw_has(pub, lw_printf("/a/%lld\"", act)), "the linked activity is missing");
	cr_assert(!lw_has(pub, lw_printf("/a/%lld\"", other)), "an activity of another unit was linked");
	cr_assert_eq(rs_count(admin, f.donghu, f.week), before + 1);
	lw_resp *report = lw_get(admin, lw_printf("/units/%lld/report?week=%lld", f.donghu, f.week));
	lw_expect(report, 200, "开放学习资源：");
	cr_assert(lw_has(report, "师资 "), "the summary form does not count the 师资 resource");
}
