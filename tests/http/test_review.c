/* test_review.c: the centre's review of a submitted version: the frozen form
 * with its overrides, attachments shown in the browser (type, inline, byte
 * ranges), returning with comments on a field, an attachment and in general,
 * the unit seeing them, the resubmission's changes (fields, files added and
 * removed), accepting, the audit log, bad input and wrong states (4xx), roles. */
#include "test_review.h"

LW_SERVER("", NULL)

/* The number after "view?i=" in the first element that starts with tag. */
static int file_index(const char *page, const char *tag)
{
	const char *p = strstr(page, tag);
	cr_assert(p, "no %s on the review page", tag);
	p = strstr(p, "/view?i=");
	cr_assert(p);
	return atoi(p + strlen("/view?i="));
}

/* The SHA-256 shown for a file on a review page, found by its name. */
static char *sha_of(const char *page, const char *filename)
{
	const char *p = strstr(page, lw_printf("：%s <span class=\"size\">", filename));
	cr_assert(p, "no %s on the page", filename);
	p = strstr(p, "<code class=\"hash\">");
	cr_assert(p);
	return lw_printf("%.64s", p + strlen("<code class=\"hash\">"));
}

/* The id of an attachment on the unit's page, by the section of its kind. */
static long long attachment_of(const fx *f, const char *kind)
{
	lw_resp *page = lw_get(f->admin, at(f, "submission"));
	long long id = lw_id_after(page->body, lw_printf("id=\"kind-%s\"", kind), "/attachments/");
	cr_assert_gt(id, 0, "no %s attachment", kind);
	return id;
}

static char *row_of(const char *page, const char *id)
{
	const char *p = strstr(page, id);
	cr_assert(p, "no %s", id);
	return lw_printf("%.*s", (int)(strstr(p, "</tr>") - p), p);
}

Test(review, the_version_as_the_unit_sent_it_with_attachments_in_the_page)
{
	fx f = fixture(2099);
	ready(&f);
	lw_expect(save_field(&f, "activity_count", "12 场（含线下补录）", "另有 12 场社区活动未在系统登记"), 303, "");
	/* the derived text sent back unchanged, as a browser sends a textarea: CR LF */
	lw_expect(save_field(&f, "content", "（一）学习宣传贯彻二十大精神 0 场\r\n（二）线上线下终身学习 0 场\r\n（三）开放学校和培训机构学习资源 0 场\r\n"
			     "（四）社区教育和老年教育资源共享 0 场\r\n（五）全民阅读 0 场\r\n（六）智慧助老 0 场", ""), 303, "");
	attach_ok(&f, "photo", "开幕式.jpg", jpeg());
	blob video = mp4("isom");
	attach_ok(&f, "video", "活动录像.mp4", video);
	long long v = submit_ok(&f);

	lw_resp *page = lw_get(f.centre, lw_printf("/admin/submissions/%lld", v));
	lw_expect(page, 200, lw_printf("审核报送材料：%s 第 1 版", lw_html_escape(f.name)));
	cr_assert(lw_has(page, "本单位改动了 1 个自动统计的栏目") && lw_has(page, "另有 12 场社区活动未在系统登记") &&
		  lw_has(page, "<tr id=\"field-activity_count\" class=\"overridden\">"), "the override and its reason: %s", lw_excerpt(page));
	cr_assert(lw_has(page, "系统统计：0 场"), "the derived figure beside it");
	cr_assert(!lw_has(page, "相比的改动"), "no changes section for a first version");
	cr_assert(lw_has(page, lw_printf("action=\"/admin/submissions/%lld/accept\"", v)) &&
		  lw_has(page, lw_printf("action=\"/admin/submissions/%lld/return\"", v)), "the decision forms");
	long long case_id = attachment_of(&f, "case");
	cr_assert(lw_has(page, lw_printf("<option value=\"attachment:%lld\">典型活动案例：典型活动案例.docx</option>", case_id)) &&
		  lw_has(page, "<option value=\"effect\">活动成效</option>"), "comment targets: fields and attachments");

	/* a PDF in a frame, a picture as a thumbnail, a video with controls; each also a download */
	int pdf_i = file_index(page->body, "<iframe"), img_i = file_index(page->body, "<img class=\"thumb\""),
	    video_i = file_index(page->body, "<video controls");
	cr_assert(lw_has(page, lw_printf("<a href=\"/submissions/%lld/file?i=%d\">下载</a>", v, video_i)));
	struct {
		int i;
		const char *type;
	} inl[] = {{pdf_i, "application/pdf"}, {img_i, "image/jpeg"}, {video_i, "video/mp4"}};
	for (size_t k = 0; k < 3; k++) {
		lw_resp *r = lw_get(f.centre, lw_printf("/admin/submissions/%lld/view?i=%d", v, inl[k].i));
		cr_assert_eq(r->status, 200, "%s: %ld", inl[k].type, r->status);
		cr_assert_str_eq(lw_header(r, "Content-Type"), inl[k].type);
		cr_assert(!strncmp(lw_header(r, "Content-Disposition"), "inline;", 7) &&
			  strstr(lw_header(r, "Content-Disposition"), "filename*=UTF-8''"), "%s", lw_header(r, "Content-Disposition"));
		cr_assert_str_eq(lw_header(r, "Accept-Ranges"), "bytes");
	}
	/* byte ranges, as a video player asks for them */
	const char *first4[] = {"Range: bytes=0-3", NULL};
	lw_resp *part = lw_send(f.centre, "GET", lw_printf("/admin/submissions/%lld/view?i=%d", v, video_i), NULL, 0, first4);
	cr_assert_eq(part->status, 206);
	cr_assert_eq(part->len, 4);
	cr_assert(!memcmp(part->body, video.p, 4));
	cr_assert_str_eq(lw_header(part, "Content-Range"), lw_printf("bytes 0-3/%zu", video.n));
	const char *tail[] = {"Range: bytes=-5", NULL};
	part = lw_send(f.centre, "GET", lw_printf("/admin/submissions/%lld/view?i=%d", v, video_i), NULL, 0, tail);
	cr_assert(part->status == 206 && part->len == 5 && !memcmp(part->body, video.p + video.n - 5, 5));
	const char *open[] = {"Range: bytes=8-", NULL};
	part = lw_send(f.centre, "GET", lw_printf("/admin/submissions/%lld/view?i=%d", v, video_i), NULL, 0, open);
	cr_assert(part->status == 206 && part->len == video.n - 8 && !memcmp(part->body, video.p + 8, video.n - 8));
	const char *beyond[] = {"Range: bytes=100000-", NULL};
	part = lw_send(f.centre, "GET", lw_printf("/admin/submissions/%lld/view?i=%d", v, video_i), NULL, 0, beyond);
	cr_assert_eq(part->status, 416);
	cr_assert_str_eq(lw_header(part, "Content-Range"), lw_printf("bytes */%zu", video.n));
	lw_expect(lw_get(f.centre, lw_printf("/admin/submissions/%lld/view?i=99", v)), 404, "没有第 99 个附件");
	lw_expect(lw_get(f.centre, "/admin/submissions/999999"), 404, "记录不存在");

	/* the unit's own page sends the centre here; the minimal forms are gone */
	lw_resp *unit_page = lw_get(f.centre, at(&f, "submission"));
	cr_assert(lw_has(unit_page, lw_printf("href=\"/admin/submissions/%lld\">审核第 1 版", v)) &&
		  !lw_has(unit_page, lw_printf("/submissions/%lld/return", v)), "%s", lw_excerpt(unit_page));
	cr_assert(!lw_has(lw_get(f.admin, at(&f, "submission")), "/admin/submissions/"), "no review link for the unit");
}

static lw_resp *return_three(const fx *f, long long v, long long case_id, const char *general)
{
	return lw_submit(f->centre, lw_printf("/admin/submissions/%lld/return", v), "target", "general", "comment", general,
			 "target", "effect", "comment", "请补充活动成效，写明参与人数的变化。", "target",
			 lw_printf("attachment:%lld", case_id), "comment", "案例太短，请补充过程和成效。", "target", "general", "comment", "  ",
			 NULL);
}

Test(review, return_with_comments_then_the_changes_and_accept)
{
	fx f = fixture(2099);
	ready(&f);
	lw_expect(save_field(&f, "effect", "第一版的成效。", ""), 303, "");
	lw_expect(save_field(&f, "activity_count", "8 场", "另有 8 场"), 303, "");
	attach_ok(&f, "photo", "旧照片.jpg", jpeg());
	long long v1 = submit_ok(&f);
	long long case_id = attachment_of(&f, "case");
	lw_resp *p1 = lw_get(f.centre, lw_printf("/admin/submissions/%lld", v1));
	char *old_case_sha = sha_of(p1->body, "典型活动案例.docx"), *old_photo_sha = sha_of(p1->body, "旧照片.jpg");
	char *summary_sha = sha_of(p1->body, "工作总结.pdf");

	const char *general = "<script>alert(1)</script>请按意见修改 & 重新提交";
	lw_resp *ret = return_three(&f, v1, case_id, general);
	cr_assert_eq(ret->status, 303, "%s", lw_excerpt(ret));
	cr_assert_str_eq(lw_header(ret, "Location"), lw_printf("/admin/submissions/%lld", v1));
	lw_resp *after = lw_get(f.centre, lw_printf("/admin/submissions/%lld", v1));
	cr_assert(lw_has(after, "第 1 版（3 条意见）") && lw_has(after, "<strong>已退回</strong>") &&
		  lw_has(after, "第 1 版已经退回，请等单位修改后重新提交。"), "%s", lw_excerpt(after));
	cr_assert(!lw_has(after, "action=\"/admin/submissions/"), "no decision forms on a returned version");

	/* the unit sees every comment: on its checklist page, beside the field, in the attachment's section */
	lw_resp *mine = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(mine, "市中心退回了第 1 版") && lw_has(mine, "共 3 条意见") && lw_has(mine, lw_html_escape(general)) &&
		  !lw_has(mine, general), "%s", lw_excerpt(mine));
	cr_assert(lw_has(mine, "<strong>总结表「活动成效」</strong>") &&
		  lw_has(mine, lw_printf("#edit-effect\">去修改</a>")) &&
		  lw_has(mine, "<strong>附件「典型活动案例.docx」（典型活动案例）</strong>") && lw_has(mine, "#kind-case\">去处理</a>"),
		  "%s", lw_excerpt(mine));
	const char *case_section = strstr(mine->body, "id=\"kind-case\"");
	cr_assert(case_section && strstr(case_section, "案例太短，请补充过程和成效。") &&
		  strstr(case_section, "案例太短") < strstr(case_section, "</section>"), "the comment in the case section");
	lw_resp *form = lw_get(f.admin, at(&f, "report"));
	char *row = row_of(form->body, "id=\"field-effect\"");
	cr_assert(strstr(row, "市中心意见") && strstr(row, "请补充活动成效"), "beside the field: %s", row);
	cr_assert(!strstr(row_of(form->body, "id=\"field-theme\""), "市中心意见"));
	lw_resp *edit = lw_get(f.admin, at(&f, "report/edit"));
	const char *fs = strstr(edit->body, "id=\"edit-effect\"");
	cr_assert(fs && strstr(fs, "请补充活动成效") < strstr(fs, "</fieldset>"), "in the field's editor");
	lw_resp *audit = lw_get(f.centre, lw_printf("/admin/audit?entity=submission&unit=%lld", f.unit));
	cr_assert(lw_has(audit, "退回第 1 版（3 条意见）"), "%s", lw_excerpt(audit));

	/* the unit answers: a field, an override's reason, the case replaced, one photo swapped */
	lw_expect(save_field(&f, "effect", "第二版的成效：参与人数增加。", ""), 303, "");
	lw_expect(save_field(&f, "activity_count", "9 场", "又补录 1 场"), 303, "");
	lw_resp *rep = attach(&f, "case", "典型活动案例（修改稿）.docx", docx(), true);
	cr_assert_eq(rep->status, 303, "%s", lw_excerpt(rep));
	lw_expect(lw_submit(f.admin, lw_printf("/attachments/%lld/delete", attachment_of(&f, "photo")), NULL), 303, "");
	attach_ok(&f, "photo", "新照片.jpg", jpeg());
	long long v2 = submit_ok(&f);
	cr_assert_neq(v2, v1);
	cr_assert(!lw_has(lw_get(f.admin, at(&f, "submission")), "市中心退回了"), "answered comments leave the unit's page");

	lw_resp *p2 = lw_get(f.centre, lw_printf("/admin/submissions/%lld", v2));
	lw_expect(p2, 200, "与第 1 版（已退回）相比的改动");
	cr_assert(lw_has(p2, "第 1 版的退回意见") && lw_has(p2, "请补充活动成效，写明参与人数的变化。"), "%s", lw_excerpt(p2));
	cr_assert(lw_has(p2, "总结表：2 栏有改动"), "effect and activity_count: %s", lw_excerpt(p2));
	row = row_of(p2->body, "<tr id=\"change-effect\"");
	cr_assert(strstr(row, "第一版的成效。") && strstr(row, "第二版的成效：参与人数增加。") &&
		  strstr(row, "第一版的成效。") < strstr(row, "第二版的成效"), "old then new: %s", row);
	row = row_of(p2->body, "<tr id=\"change-activity_count\"");
	cr_assert(strstr(row, "8 场") && strstr(row, "修改原因：另有 8 场") && strstr(row, "9 场") && strstr(row, "修改原因：又补录 1 场"),
		  "overrides with their reasons: %s", row);
	/* each version has the stamped scan of its own 定稿 */
	cr_assert(lw_has(p2, "附件：新增 3 个，删除 3 个") && lw_has(p2, "<strong>新增</strong> 盖章扫描件"), "%s", lw_excerpt(p2));
	const char *changes = strstr(p2->body, "<ul class=\"file-changes\">");
	char *list = lw_printf("%.*s", (int)(strstr(changes, "</ul>") - changes), changes);
	cr_assert(strstr(list, "<strong>删除</strong> 典型活动案例「典型活动案例.docx」") && strstr(list, old_case_sha) &&
		  strstr(list, "<strong>删除</strong> 活动照片「旧照片.jpg」") && strstr(list, old_photo_sha) &&
		  strstr(list, "<strong>新增</strong> 典型活动案例「典型活动案例（修改稿）.docx」") &&
		  strstr(list, "<strong>新增</strong> 活动照片「新照片.jpg」") && !strstr(list, summary_sha), "%s", list);
	cr_assert(strstr(list, sha_of(p2->body, "新照片.jpg")), "the new file by its SHA-256");

	/* accepted, and final */
	lw_expect(accept_version(f.centre, v1), 409, "只能审核最新提交的版本");
	lw_resp *acc = accept_version(f.centre, v2);
	cr_assert_eq(acc->status, 303, "%s", lw_excerpt(acc));
	lw_expect(lw_get(f.centre, lw_printf("/admin/submissions/%lld", v2)), 200, "第 2 版已经审核通过，不能再退回。");
	lw_expect(accept_version(f.centre, v2), 409, "无需再次操作");
	lw_expect(return_with(f.centre, v2, "general", "还想退回"), 409, "已经审核通过，不能再退回");
	audit = lw_get(f.centre, lw_printf("/admin/audit?entity=submission&unit=%lld", f.unit));
	cr_assert(lw_has(audit, "通过第 2 版") && lw_has(audit, "提交第 2 版"), "%s", lw_excerpt(audit));
}

Test(review, bad_input_and_wrong_states_are_4xx)
{
	fx f = fixture(2099), other = fixture(2099);
	ready(&f);
	ready(&other);
	long long v = submit_ok(&f);
	long long foreign = attachment_of(&other, "summary");
	const char *path = lw_printf("/admin/submissions/%lld/return", v);

	lw_resp *r = lw_submit(f.centre, path, "target", "general", "comment", " \n ", NULL);
	lw_expect(r, 422, "请至少写一条退回意见");
	cr_assert(lw_has(r, lw_printf("action=\"%s\"", path)), "the form again");
	r = lw_submit(f.centre, path, "target", "no_such_field", "comment", "写给不存在的栏目", NULL);
	lw_expect(r, 422, "不在这一版材料中");
	cr_assert(lw_has(r, ">写给不存在的栏目</textarea>"), "what was typed is kept: %s", lw_excerpt(r));
	lw_expect(lw_submit(f.centre, path, "target", lw_printf("attachment:%lld", foreign), "comment", "别的单位的附件", NULL), 422,
		  "不在这一版材料中");
	lw_expect(lw_submit(f.centre, path, "target", "attachment:abc", "comment", "x", NULL), 422, "不在这一版材料中");
	lw_expect(lw_submit(f.centre, path, "target", "general", "target", "effect", "comment", "只有一条", NULL), 400, "不完整");
	lw_expect(lw_submit(f.centre, path, "target", "general", "comment", lw_printf("%02001d", 0), NULL), 422, "最多 2000 个字");
	lw_expect(lw_submit(f.centre, path, "target", "general", "comment", lw_printf("%02501d", 0), NULL), 400, "太长");
	lw_expect(lw_get(f.centre, lw_printf("/admin/submissions/%lld", v)), 200, "已提交，待审核");

	/* a returned version can be neither accepted nor returned again */
	lw_expect(return_with(f.centre, v, "general", "请修改"), 303, "");
	lw_expect(accept_version(f.centre, v), 409, "已退回给单位修改，不能审核通过");
	lw_expect(return_with(f.centre, v, "general", "再退一次"), 409, "已经退回");
	lw_expect(accept_version(f.centre, 999999), 404, "记录不存在");
}

Test(review, who_may_review)
{
	fx f = fixture(2099), other = fixture(2099);
	ready(&f);
	long long v = submit_ok(&f);
	lw_client *viewer = lw_signed_in("rv", "centre_viewer", NULL, PW, NULL);
	lw_resp *page = lw_get(viewer, lw_printf("/admin/submissions/%lld", v));
	lw_expect(page, 200, "只有中心管理员可以审核");
	cr_assert(!lw_has(page, "/return\"") && !lw_has(page, "/accept\""), "no forms for a viewer");
	lw_expect(lw_get(viewer, lw_printf("/admin/submissions/%lld/view?i=1", v)), 200, "");
	lw_expect(return_with(viewer, v, "general", "看看"), 403, "没有权限");
	lw_expect(accept_version(viewer, v), 403, "没有权限");

	lw_expect(lw_get(f.admin, lw_printf("/admin/submissions/%lld", v)), 403, "没有权限");
	lw_expect(lw_get(f.admin, lw_printf("/admin/submissions/%lld/view?i=1", v)), 403, "没有权限");
	lw_expect(return_with(f.admin, v, "general", "自己退回"), 403, "没有权限");
	lw_expect(accept_version(f.admin, v), 403, "没有权限");
	lw_expect(lw_get(other.admin, lw_printf("/admin/submissions/%lld", v)), 403, "没有权限");
	lw_resp *anon = lw_get(lw_client_new(), lw_printf("/admin/submissions/%lld", v));
	cr_assert(anon->status == 303 && !strncmp(lw_header(anon, "Location"), "/login?next=", 12));
	lw_expect(lw_post(lw_client_new(), lw_printf("/admin/submissions/%lld/accept", v), ""), 403, "请先登录");
	/* nothing changed */
	lw_expect(lw_get(f.centre, lw_printf("/admin/submissions/%lld", v)), 200, "已提交，待审核");
}

Test(review, four_long_comments_fit_in_one_return)
{
	fx f = fixture(2099);
	ready(&f);
	long long v = submit_ok(&f);
	char *c = lw_printf("%s", "");
	for (int i = 0; i < 2000; i++)
		c = lw_printf("%s改", c);
	lw_resp *r = lw_submit(f.centre, lw_printf("/admin/submissions/%lld/return", v), "target", "general", "comment", c, "target",
			       "effect", "comment", c, "target", "other", "comment", c, "target", "self_eval", "comment", c, NULL);
	cr_assert_eq(r->status, 303, "%ld\n%s", r->status, lw_excerpt(r));
	lw_expect(lw_get(f.admin, at(&f, "submission")), 200, "共 4 条意见");
}
