/* test_report_flow.c: the unit's report from publicity records and attachments
 * to a submitted version: checklist and deadline, draft -> submitted ->
 * returned -> resubmitted, late, overrides frozen with their reasons,
 * read-only while submitted, double submit, downloads, package, verification. */
#include "test_report.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

LW_SERVER("", NULL)

static lw_resp *add_publicity(const fx *f, const char *channel, const char *kind, const char *title, const char *url)
{
	return lw_submit(f->admin, lw_printf("/units/%lld/publicity", f->unit), "week", lw_printf("%lld", f->week), "channel", channel,
			 "kind", kind, "title", title, "outlet", "南昌日报", "published_on", "2022-12-02", "url", url, NULL);
}

Test(report, publicity_records_fill_the_three_publicity_fields)
{
	fx f = fixture(2022);
	lw_resp *empty = lw_get(f.admin, at(&f, "publicity"));
	lw_expect(empty, 200, "还没有宣传报道记录");
	lw_expect(lw_get(f.admin, at(&f, "report")), 200, "尚无宣传报道记录");

	lw_expect(add_publicity(&f, "区县教育官网", "text", "东湖区启动全民终身学习活动周", "https://www.example.gov.cn/news/1"), 303, "");
	lw_expect(add_publicity(&f, "微信公众号", "text", "社区学习点开放日", ""), 303, "");
	lw_expect(add_publicity(&f, "电视台", "media", "江西电视台报道读书沙龙", "http://tv.example.cn/v/9"), 303, "");

	lw_resp *list = lw_get(f.admin, at(&f, "publicity"));
	lw_expect(list, 200, "东湖区启动全民终身学习活动周");
	cr_assert(lw_has(list, "文字报道 2 篇，影像图片报道 1 条"), "%s", lw_excerpt(list));
	cr_assert(lw_has(list, "href=\"https://www.example.gov.cn/news/1\" rel=\"noopener noreferrer nofollow\""));

	lw_resp *form = lw_get(f.admin, at(&f, "report"));
	const char *scope = strstr(form->body, "id=\"field-pub_scope\"");
	cr_assert(scope && strstr(scope, "区县教育官网") && strstr(scope, "微信公众号") && strstr(scope, "电视台") &&
		  strstr(scope, "共 3 条报道"), "宣传范围: %s", lw_excerpt(form));
	const char *text = strstr(form->body, "id=\"field-pub_text\"");
	cr_assert(text && strstr(text, "2 篇") && strstr(text, "《东湖区启动全民终身学习活动周》（南昌日报，2022年12月2日）"),
		  "文字报道: %s", lw_excerpt(form));
	const char *media = strstr(form->body, "id=\"field-pub_media\"");
	cr_assert(media && strstr(media, "1 条") && strstr(media, "江西电视台报道读书沙龙"), "影像图片报道: %s", lw_excerpt(form));
	cr_assert(strstr(scope, "来自宣传报道记录"));
}

Test(report, publicity_bad_input_is_refused_in_chinese)
{
	fx f = fixture(2022);
	struct {
		const char *channel, *kind, *title, *url, *date, *msg;
	} bad[] = {
		{"电影院", "text", "标题", "", "2022-12-01", "请选择宣传渠道"},
		{"报刊", "video", "标题", "", "2022-12-01", "请选择报道类型"},
		{"报刊", "text", "  ", "", "2022-12-01", "请填写报道标题"},
		{"报刊", "text", "标题", "javascript:alert(1)", "2022-12-01", "链接应以 http:// 或 https:// 开头"},
		{"报刊", "text", "标题", "ftp://example.org/a", "2022-12-01", "链接应以 http:// 或 https:// 开头"},
		{"报刊", "text", "标题", "https://exa mple.org/", "2022-12-01", "中间不能有空格"},
		{"报刊", "text", "标题", "https://", "2022-12-01", "完整的网址"},
		{"报刊", "text", "标题", "", "2022-13-01", "不是有效的日期"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		lw_resp *r = lw_submit(f.admin, lw_printf("/units/%lld/publicity", f.unit), "week", lw_printf("%lld", f.week),
				       "channel", bad[i].channel, "kind", bad[i].kind, "title", bad[i].title, "url", bad[i].url,
				       "published_on", bad[i].date, NULL);
		lw_expect(r, 422, bad[i].msg);
	}
	/* a title of 201 characters */
	char *longer = lw_printf("%0201d", 0);
	lw_expect(lw_submit(f.admin, lw_printf("/units/%lld/publicity", f.unit), "week", lw_printf("%lld", f.week), "channel", "报刊",
			    "kind", "text", "title", longer, NULL), 422, "最多 200 个字");
	/* an activity of another unit */
	fx other = fixture(2022);
	lw_resp *act = lw_submit(other.admin, lw_printf("/units/%lld/activities", other.unit), "week", lw_printf("%lld", other.week),
				 "title", "别的单位的活动", "host", "别的单位", "mode", "offline", "venue", "礼堂",
				 "starts_at", "2022-12-02T09:00", "ends_at", "2022-12-02T11:00", "content", "1", "publish", "1", NULL);
	cr_assert_eq(act->status, 303, "%s", lw_excerpt(act));
	long long foreign = strtoll(strrchr(lw_header(act, "Location"), '/') + 1, NULL, 10);
	lw_expect(lw_submit(f.admin, lw_printf("/units/%lld/publicity", f.unit), "week", lw_printf("%lld", f.week), "channel", "报刊",
			    "kind", "text", "title", "标题", "activity_id", lw_printf("%lld", foreign), NULL), 422, "不是本单位本届活动周的活动");
	/* a screenshot that is not a picture */
	mpart p[] = {{"week", NULL, lw_printf("%lld", f.week), 0}, {"channel", NULL, "报刊", 0}, {"kind", NULL, "text", 0},
		     {"title", NULL, "有截图的报道", 0}, {"screenshot", "截图.png", "MZ\x90\x00 not a picture", 18}};
	lw_expect(post_multipart(f.admin, lw_printf("/units/%lld/publicity", f.unit), p, 5), 415, "不是 JPG 或 PNG 图片");
	lw_expect(lw_get(f.admin, at(&f, "publicity")), 200, "还没有宣传报道记录");
	/* an editor may look, not change */
	lw_client *editor = lw_signed_in("re", "unit_editor", f.name, PW, NULL);
	lw_expect(lw_get(editor, at(&f, "publicity")), 200, "宣传报道");
	lw_expect(add_publicity(&(fx){.admin = editor, .unit = f.unit, .week = f.week}, "报刊", "text", "编辑员的报道", ""), 403, "没有权限");
	lw_assert_alive();
}

Test(report, publicity_edit_screenshot_delete_and_audit)
{
	fx f = fixture(2022);
	blob shot_png = png();
	const char *hostile = "<script>alert('报道')</script> & \"引号\"";
	mpart p[] = {{"week", NULL, lw_printf("%lld", f.week), 0}, {"channel", NULL, "学校微信", 0}, {"kind", NULL, "media", 0},
		     {"title", NULL, hostile, 0}, {"published_on", NULL, "2022-12-03", 0}, {"screenshot", "截图.png", shot_png.p, shot_png.n}};
	lw_resp *r = post_multipart(f.admin, lw_printf("/units/%lld/publicity", f.unit), p, 6);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	lw_resp *list = lw_get(f.admin, at(&f, "publicity"));
	cr_assert(lw_has(list, lw_html_escape(hostile)) && !lw_has(list, "<script>alert"), "%s", lw_excerpt(list));
	long long id = lw_id_after(list->body, "<tr id=\"pub-", "");
	cr_assert_gt(id, 0);
	lw_resp *shot = lw_get(f.admin, lw_printf("/publicity/%lld/screenshot", id));
	cr_assert_eq(shot->status, 200);
	cr_assert_str_eq(lw_header(shot, "Content-Type"), "image/png");
	cr_assert(shot->len == shot_png.n && !memcmp(shot->body, shot_png.p, shot_png.n), "the screenshot comes back as it was sent");
	cr_assert(!strncmp(lw_header(shot, "Content-Disposition"), "inline", 6));

	lw_expect(lw_get(f.admin, lw_printf("/publicity/%lld/edit", id)), 200, "修改宣传报道");
	r = lw_submit(f.admin, lw_printf("/publicity/%lld", id), "week", lw_printf("%lld", f.week), "channel", "户外LED屏", "kind", "media",
		      "title", "改过的标题", "remove_screenshot", "1", NULL);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	list = lw_get(f.admin, at(&f, "publicity"));
	cr_assert(lw_has(list, "改过的标题") && lw_has(list, "户外LED屏") && !lw_has(list, "/screenshot\""), "%s", lw_excerpt(list));
	lw_expect(lw_get(f.admin, lw_printf("/publicity/%lld/screenshot", id)), 404, "没有截图");

	/* a form of another week changes nothing of this week's record */
	long long week2099 = fixture(2099).week;
	lw_expect(lw_submit(f.admin, lw_printf("/publicity/%lld", id), "week", lw_printf("%lld", week2099), "channel", "别的周",
			    "kind", "media", "title", "不该保存的标题", NULL),
		  400, "这条记录不属于所选的活动周");
	list = lw_get(f.admin, at(&f, "publicity"));
	cr_assert(lw_has(list, "改过的标题") && !lw_has(list, "不该保存的标题"), "the record is as it was: %s", lw_excerpt(list));

	/* another unit's admin sees nothing of it */
	fx other = fixture(2022);
	lw_expect(lw_get(other.admin, lw_printf("/publicity/%lld/edit", id)), 403, "无权访问其他单位");
	lw_expect(lw_submit(other.admin, lw_printf("/publicity/%lld/delete", id), NULL), 403, "无权访问其他单位");

	lw_resp *del = lw_submit(f.admin, lw_printf("/publicity/%lld/delete", id), NULL);
	cr_assert_eq(del->status, 303);
	lw_expect(lw_get(f.admin, at(&f, "publicity")), 200, "还没有宣传报道记录");
	lw_resp *audit = lw_get(f.centre, lw_printf("/admin/audit?entity=publicity&unit=%lld", f.unit));
	cr_assert(lw_has(audit, "改过的标题"), "the audit log names the record: %s", lw_excerpt(audit));
	cr_assert(lw_has(audit, f.admin_name));
}

Test(report, attachments_are_checked_by_content_not_name)
{
	fx f = fixture(2022);
	lw_resp *r = attach(&f, "summary", "工作总结.pdf", (blob){"MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode", 44}, false);
	lw_expect(r, 415, "不是 PDF 或 Word 文件（系统按文件内容判断，而不是看文件名）");
	lw_expect(attach(&f, "summary", "总结.docx", png(), false), 415, "不是 PDF 或 Word 文件");
	lw_expect(attach(&f, "photo", "照片.jpg", pdf(), false), 415, "不是 JPG 或 PNG 图片");
	lw_expect(attach(&f, "scan", "扫描件.pdf", docx(), false), 415, "盖章扫描件只接受 PDF 文件");
	lw_expect(attach(&f, "summary", "总结.xlsx", xlsx(), false), 415, "不是 PDF 或 Word 文件");
	const char *plain_zip[] = {"readme.txt"};
	lw_expect(attach(&f, "summary", "总结.docx", zip_with(plain_zip, 1), false), 415, "不是 PDF 或 Word 文件");
	lw_expect(attach(&f, "video", "录像.mp4", mp4("qt  "), false), 415, "不是 MP4 视频");
	lw_expect(attach(&f, "video", "照片.mp4", mp4("heic"), false), 415, "不是 MP4 视频");
	lw_expect(attach(&f, "summary", "空的.pdf", (blob){"", 0}, false), 400, "「空的.pdf」是空文件");
	lw_expect(attach(&f, "nonsense", "a.pdf", pdf(), false), 400, "附件的类别");
	lw_expect(lw_get(f.admin, at(&f, "submission")), 200, "尚未上传");

	attach_ok(&f, "summary", "东湖区2022年工作总结.docx", docx());
	attach_ok(&f, "account", "活动详细情况.xlsx", xlsx());
	attach_ok(&f, "account", "活动详细情况.doc", ((blob){"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 ole2", 13}));
	attach_ok(&f, "video", "开幕式录像.mp4", mp4("isom"));
	attach_ok(&f, "plan", "实施方案.pdf", pdf());

	/* several photos in one go */
	blob j1 = jpeg(), j2 = png();
	mpart p[] = {{"week", NULL, lw_printf("%lld", f.week), 0}, {"kind", NULL, "photo", 0},
		     {"file", "读书沙龙.jpg", j1.p, j1.n}, {"file", "开幕式.png", j2.p, j2.n}};
	r = post_multipart(f.admin, lw_printf("/units/%lld/attachments", f.unit), p, 4);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	cr_assert(strstr(lw_set_cookie(r, "lw_f"), "%E5%B7%B2%E4%B8%8A%E4%BC%A0%202%20"), "flash: 已上传 2 个");
	lw_resp *page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, "class=\"files thumbs\"") && lw_has(page, "alt=\"读书沙龙.jpg\""), "%s", lw_excerpt(page));
	long long photo = lw_id_after(page->body, "alt=\"读书沙龙.jpg\"", "/attachments/");
	long long thumb = lw_id_after(page->body, "<ul class=\"files thumbs\">", "/attachments/");
	cr_assert_gt(thumb, 0);
	lw_resp *img = lw_get(f.admin, lw_printf("/attachments/%lld?inline=1", thumb));
	cr_assert_eq(img->status, 200);
	cr_assert(!strncmp(lw_header(img, "Content-Disposition"), "inline", 6));
	(void)photo;
	lw_assert_alive();
}

Test(report, downloads_carry_the_original_chinese_name)
{
	fx f = fixture(2022);
	blob doc = pdf();
	attach_ok(&f, "summary", "东湖区 工作总结（定稿）.pdf", doc);
	lw_resp *page = lw_get(f.admin, at(&f, "submission"));
	long long id = lw_id_after(page->body, "id=\"kind-summary\"", "/attachments/");
	cr_assert_gt(id, 0, "%s", lw_excerpt(page));
	lw_resp *dl = lw_get(f.admin, lw_printf("/attachments/%lld", id));
	cr_assert_eq(dl->status, 200);
	cr_assert(dl->len == doc.n && !memcmp(dl->body, doc.p, doc.n), "the bytes come back unchanged");
	cr_assert_str_eq(lw_header(dl, "Content-Type"), "application/pdf");
	const char *cd = lw_header(dl, "Content-Disposition");
	cr_assert_str_eq(cd, lw_printf("attachment; filename=\"summary-%lld.pdf\"; filename*=UTF-8''"
				       "%%E4%%B8%%9C%%E6%%B9%%96%%E5%%8C%%BA%%20%%E5%%B7%%A5%%E4%%BD%%9C%%E6%%80%%BB%%E7%%BB%%93"
				       "%%EF%%BC%%88%%E5%%AE%%9A%%E7%%A8%%BF%%EF%%BC%%89.pdf", id));
	/* a PDF is never shown inline, even when asked */
	cr_assert(!strncmp(lw_header(lw_get(f.admin, lw_printf("/attachments/%lld?inline=1", id)), "Content-Disposition"), "attachment", 10));
	/* a plain ASCII name is its own fallback; quotes and folders never reach the header */
	attach_ok(&f, "plan", "C:\\fakepath\\plan <v2>.pdf", pdf());
	page = lw_get(f.admin, at(&f, "submission"));
	id = lw_id_after(page->body, "id=\"kind-plan\"", "/attachments/");
	cd = lw_header(lw_get(f.admin, lw_printf("/attachments/%lld", id)), "Content-Disposition");
	cr_assert_str_eq(cd, "attachment; filename=\"plan _v2_.pdf\"; filename*=UTF-8''plan%20_v2_.pdf");
	/* other units and anonymous visitors get nothing */
	fx other = fixture(2022);
	lw_expect(lw_get(other.admin, lw_printf("/attachments/%lld", id)), 403, "无权访问其他单位");
	lw_resp *anon = lw_get(lw_client_new(), lw_printf("/attachments/%lld", id));
	cr_assert_eq(anon->status, 303, "anonymous: off to the login page");
	/* the live draft form */
	lw_resp *draft = lw_get(f.admin, at(&f, "report/form.pdf"));
	cr_assert_eq(draft->status, 200, "%s", lw_excerpt(draft));
	cr_assert(!strncmp(draft->body, "%PDF-", 5));
	cr_assert(strstr(lw_header(draft, "Content-Disposition"), "%E8%8D%89%E7%A8%BF.pdf"), "草稿 in the name");
	lw_resp *docx = lw_get(f.admin, at(&f, "report/form.docx"));
	cr_assert_eq(docx->status, 200);
	cr_assert(!strncmp(docx->body, "PK\x03\x04", 4));
	cr_assert(strstr(lw_header(docx, "Content-Type"), "wordprocessingml"));
}

Test(report, case_is_one_file_a_new_upload_replaces_it)
{
	fx f = fixture(2022);
	attach_ok(&f, "case", "案例一.pdf", pdf());
	lw_resp *page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, "上传新文件会替换「案例一.pdf」"), "the form says what an upload does: %s", lw_excerpt(page));
	/* no confirmation needed: the second file replaces the first */
	lw_resp *two[] = {attach(&f, "case", "案例二.pdf", pdf(), false)};
	cr_assert_eq(two[0]->status, 303, "%s", lw_excerpt(two[0]));
	page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, "案例二.pdf") && !lw_has(page, "案例一.pdf"), "%s", lw_excerpt(page));
	cr_assert(lw_has(page, "典型活动案例</strong>（必交）：已上传 1 个文件"), "still one file: %s", lw_excerpt(page));
	/* the old one stays in the history */
	lw_resp *log = lw_get(f.centre, "/admin/audit?entity=attachment");
	cr_assert(lw_has(log, "删除附件「替换典型活动案例」") && lw_has(log, "案例一.pdf"), "%s", lw_excerpt(log));
	/* deleting while editable */
	long long id = lw_id_after(page->body, "id=\"kind-case\"", "/attachments/");
	lw_resp *del = lw_submit(f.admin, lw_printf("/attachments/%lld/delete", id), NULL);
	cr_assert_eq(del->status, 303);
	cr_assert(!lw_has(lw_get(f.admin, at(&f, "submission")), ">案例二.pdf</a>"));
	lw_expect(lw_get(f.admin, lw_printf("/attachments/%lld", id)), 404, "不存在");
}

Test(report, checklist_says_what_is_missing_and_time_left)
{
	fx f = fixture(2099);
	lw_resp *page = lw_get(f.admin, at(&f, "submission"));
	lw_expect(page, 200, "材料清单");
	const char *missing[] = {"实施方案的三个部门", "实施方案文件", "已发布的活动", "总结表「活动成效」", "总结表「自我评价」",
				 "总结表「下发活动文件的部门」", "工作总结", "典型活动案例", "盖章扫描件"};
	for (size_t i = 0; i < sizeof missing / sizeof *missing; i++) {
		const char *li = strstr(page->body, lw_printf("<strong>%s</strong>", missing[i]));
		cr_assert(li, "the checklist lacks %s", missing[i]);
		const char *start = li;
		while (start > page->body && strncmp(start, "<li class=", 10))
			start--;
		cr_assert(!strncmp(start, "<li class=\"missing\"", 19), "%s is not marked missing", missing[i]);
	}
	cr_assert(lw_has(page, "还缺 <strong>3</strong> 项必交材料"));
	cr_assert(lw_has(page, "报送截止：<strong>2099年12月9日 23:59</strong>（北京时间），还剩"), "%s", lw_excerpt(page));
	lw_resp *refused = lw_submit(f.admin, lw_printf("/units/%lld/submission", f.unit), "week", lw_printf("%lld", f.week), NULL);
	lw_expect(refused, 422, "还没有上传「工作总结」");
	cr_assert(lw_has(refused, "还没有上传「典型活动案例」") && lw_has(refused, "还没有上传「盖章扫描件」"));

	/* fill it in */
	lw_resp *act = lw_submit(f.admin, lw_printf("/units/%lld/activities", f.unit), "week", lw_printf("%lld", f.week),
				 "title", "家庭教育讲座", "host", "社区学院", "mode", "offline", "venue", "礼堂",
				 "starts_at", "2099-12-02T09:00", "ends_at", "2099-12-02T11:00", "content", "2", "publish", "1", NULL);
	cr_assert_eq(act->status, 303, "%s", lw_excerpt(act));
	lw_expect(lw_submit(f.admin, lw_printf("/units/%lld/report/plan", f.unit), "week", lw_printf("%lld", f.week),
			    "plan_issuer", "区教育体育局", "plan_coordinator", "区社区教育学院", "plan_author", "区终身学习办公室", NULL), 303, "");
	attach_ok(&f, "plan", "实施方案.pdf", pdf());
	required_files(&f);
	page = lw_get(f.admin, at(&f, "submission"));
	const char *done[] = {"实施方案的三个部门", "实施方案文件", "已发布的活动", "工作总结", "典型活动案例", "盖章扫描件"};
	for (size_t i = 0; i < sizeof done / sizeof *done; i++) {
		const char *li = strstr(page->body, lw_printf("<strong>%s</strong>", done[i]));
		const char *start = li;
		while (start && start > page->body && strncmp(start, "<li class=", 10))
			start--;
		cr_assert(start && !strncmp(start, "<li class=\"done\"", 16), "%s is not marked done", done[i]);
	}
	cr_assert(lw_has(page, "总结表「活动成效」"), "narrative fields are still listed until written");
	cr_assert(lw_has(page, ">报送第 1 版</button>"), "%s", lw_excerpt(page));
}

/* Everything filled for a submission in f's week. */
static void ready(const fx *f)
{
	lw_expect(lw_submit(f->admin, lw_printf("/units/%lld/report/plan", f->unit), "week", lw_printf("%lld", f->week),
			    "plan_issuer", "区教育体育局", "plan_coordinator", "区社区教育学院", "plan_author", "区终身学习办公室", NULL), 303, "");
	documents(f); /* 定稿 and the scan come with submit() */
}

static lw_resp *submit(const fx *f)
{
	finalise_and_scan(f); /* 定稿 again where the form has changed since */
	return lw_submit(f->admin, lw_printf("/units/%lld/submission", f->unit), "week", lw_printf("%lld", f->week), NULL);
}

static lw_resp *save_field(const fx *f, const char *field, const char *value, const char *reason)
{
	return lw_submit(f->admin, lw_printf("/units/%lld/report/fields", f->unit), "week", lw_printf("%lld", f->week),
			 "field", field, "value", value, "reason", reason, NULL);
}

Test(report, draft_submitted_returned_resubmitted)
{
	fx f = fixture(2099);
	ready(&f);
	lw_expect(save_field(&f, "activity_count", "99 场：含线下补录", "含未在系统登记的 99 场社区活动"), 303, "");
	lw_expect(save_field(&f, "effect", "第一版写的成效。", ""), 303, "");

	lw_resp *s1 = submit(&f);
	cr_assert_eq(s1->status, 303, "%s", lw_excerpt(s1));
	lw_resp *page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, "已报送第 1 版，校验码"), "flash: %s", lw_excerpt(page));
	cr_assert(lw_has(page, "状态：<strong>已提交</strong>") && !lw_has(page, "badge late"), "%s", lw_excerpt(page));
	long long v1 = latest_version_id(&f);
	cr_assert_gt(v1, 0);

	/* read-only while submitted: form, plan, attachments, publicity */
	lw_expect(save_field(&f, "effect", "偷偷改一下", ""), 409, "已提交");
	lw_expect(lw_submit(f.admin, lw_printf("/units/%lld/report/plan", f.unit), "week", lw_printf("%lld", f.week), "plan_issuer", "x", NULL),
		  409, "已提交");
	lw_expect(attach(&f, "photo", "迟到的照片.jpg", jpeg(), false), 409, "不能上传或删除附件");
	long long att = lw_id_after(page->body, "id=\"kind-summary\"", "/attachments/");
	lw_expect(lw_submit(f.admin, lw_printf("/attachments/%lld/delete", att), NULL), 409, "在中心退回之前不能修改");
	lw_expect(add_publicity(&f, "报刊", "text", "迟到的报道", ""), 409, "不能修改宣传报道");
	cr_assert(!lw_has(page, "<form method=\"post\" action=\"/units/") || !lw_has(page, "/attachments\" enctype"),
		  "no upload forms while submitted");
	lw_expect(submit(&f), 409, "已提交");

	/* the frozen version: the override, its reason, the system's figure */
	lw_resp *v = lw_get(f.admin, lw_printf("/submissions/%lld", v1));
	lw_expect(v, 200, "第一版写的成效。");
	const char *row = strstr(v->body, "id=\"field-activity_count\"");
	cr_assert(row && strstr(row, "99 场：含线下补录") && strstr(row, "已由填报单位修改。系统统计：0 场") &&
		  strstr(row, "修改原因：含未在系统登记的 99 场社区活动"), "%s", lw_excerpt(v));

	/* only the centre reviews */
	lw_expect(lw_submit(f.admin, lw_printf("/admin/submissions/%lld/return", v1), "target", "general", "comment", "自己退回", NULL), 403, "没有权限");
	lw_client *viewer = lw_signed_in("rv", "centre_viewer", NULL, PW, NULL);
	lw_expect(lw_get(viewer, lw_printf("/submissions/%lld", v1)), 200, "第一版写的成效。");
	lw_expect(lw_submit(viewer, lw_printf("/admin/submissions/%lld/return", v1), "target", "general", "comment", "看看", NULL), 403, "没有权限");
	lw_expect(lw_submit(f.centre, lw_printf("/admin/submissions/%lld/return", v1), "target", "general", "comment", "   ", NULL), 422,
		  "请至少写一条退回意见");
	const char *comment = "请补充<活动照片>，并说明 99 场的来源 & 依据。";
	lw_resp *ret = lw_submit(f.centre, lw_printf("/admin/submissions/%lld/return", v1), "target", "general", "comment", comment, NULL);
	cr_assert_eq(ret->status, 303, "%s", lw_excerpt(ret));
	lw_expect(lw_submit(f.centre, lw_printf("/admin/submissions/%lld/return", v1), "target", "general", "comment", "再退一次", NULL),
		  409, "已经退回");
	page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, "状态：<strong>已退回</strong>") && lw_has(page, lw_html_escape(comment)) &&
		  lw_has(page, "将生成第 2 版"), "%s", lw_excerpt(page));

	/* editable again; a second version */
	lw_expect(save_field(&f, "effect", "第二版写的成效。", ""), 303, "");
	attach_ok(&f, "photo", "补充的照片.jpg", jpeg());
	lw_resp *s2 = submit(&f);
	cr_assert_eq(s2->status, 303, "%s", lw_excerpt(s2));
	long long v2 = latest_version_id(&f);
	cr_assert_neq(v2, v1);
	page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, ">第 2 版</a>") && lw_has(page, ">第 1 版</a>"), "both versions listed: %s", lw_excerpt(page));
	lw_resp *old = lw_get(f.admin, lw_printf("/submissions/%lld", v1));
	cr_assert(lw_has(old, "第一版写的成效。") && !lw_has(old, "第二版写的成效。") && !lw_has(old, "补充的照片.jpg") &&
		  lw_has(old, "已退回"), "version 1 stays as it was: %s", lw_excerpt(old));
	lw_resp *new = lw_get(f.admin, lw_printf("/submissions/%lld", v2));
	cr_assert(lw_has(new, "第二版写的成效。") && lw_has(new, "补充的照片.jpg"), "%s", lw_excerpt(new));
	/* version 1's files are still there to download */
	lw_resp *f1 = lw_get(f.admin, lw_printf("/submissions/%lld/file?i=1", v1));
	cr_assert_eq(f1->status, 200);
	cr_assert(strstr(lw_header(f1, "Content-Disposition"), "filename*=UTF-8''"));
	lw_expect(lw_get(f.admin, lw_printf("/submissions/%lld/file?i=99", v1)), 404, "没有第 99 个附件");
	lw_expect(lw_submit(f.centre, lw_printf("/admin/submissions/%lld/accept", v1), NULL), 409, "只能审核最新提交的版本");

	/* accepted is final */
	lw_resp *acc = lw_submit(f.centre, lw_printf("/admin/submissions/%lld/accept", v2), NULL);
	cr_assert_eq(acc->status, 303, "%s", lw_excerpt(acc));
	lw_expect(attach(&f, "photo", "再补一张.jpg", jpeg(), false), 409, "已通过");
	lw_expect(lw_get(f.admin, at(&f, "submission")), 200, "第 2 版已审核通过");
	lw_resp *audit = lw_get(f.centre, lw_printf("/admin/audit?entity=submission&unit=%lld", f.unit));
	cr_assert(lw_has(audit, "提交第 1 版") && lw_has(audit, "退回第 1 版") && lw_has(audit, "提交第 2 版") && lw_has(audit, "通过第 2 版"),
		  "%s", lw_excerpt(audit));
}

Test(report, late_submission_is_accepted_and_marked)
{
	fx f = fixture(2022);
	ready(&f);
	finalise_and_scan(&f);
	lw_resp *page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, "已超过截止时间") && lw_has(page, "本次提交将标记为“逾期”"), "%s", lw_excerpt(page));
	lw_resp *s = submit(&f);
	cr_assert_eq(s->status, 303, "%s", lw_excerpt(s));
	page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, "（逾期），校验码") && lw_has(page, "<span class=\"badge late\">逾期</span>"), "%s", lw_excerpt(page));
	long long v = latest_version_id(&f);
	lw_expect(lw_get(f.admin, lw_printf("/submissions/%lld", v)), 200, "逾期");
}

Test(report, on_time_submission_is_not_late)
{
	fx f = fixture(2099);
	ready(&f);
	cr_assert_eq(submit(&f)->status, 303);
	lw_resp *page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(!lw_has(page, "逾期"), "%s", lw_excerpt(page));
}

/* Several browsers press 提交 at the same moment: one version, not several. */
Test(report, double_submit_makes_exactly_one_version)
{
	fx f = fixture(2099);
	ready(&f);
	finalise_and_scan(&f);
	const char *body = lw_printf("_csrf=%s&week=%lld", lw_csrf(f.admin), f.week);
	const char *path = lw_printf("/units/%lld/submission", f.unit);
	int go[2];
	cr_assert_eq(pipe(go), 0);
	enum { N = 4 };
	pid_t kids[N];
	for (int i = 0; i < N; i++) {
		kids[i] = fork();
		cr_assert_geq(kids[i], 0);
		if (kids[i] == 0) {
			char c;
			close(go[1]);
			if (read(go[0], &c, 1) < 0)
				_exit(9);
			lw_resp *r = lw_post(f.admin, path, body);
			_exit(r->status == 303 ? 0 : r->status == 409 ? 1 : 2);
		}
	}
	close(go[0]);
	close(go[1]); /* all of them start now */
	int ok = 0, refused = 0;
	for (int i = 0; i < N; i++) {
		int st;
		waitpid(kids[i], &st, 0);
		cr_assert(WIFEXITED(st) && WEXITSTATUS(st) <= 1, "a submit neither succeeded nor was refused (%d)", WEXITSTATUS(st));
		ok += WEXITSTATUS(st) == 0;
		refused += WEXITSTATUS(st) == 1;
	}
	cr_assert_eq(ok, 1, "%d submits succeeded", ok);
	cr_assert_eq(refused, N - 1);
	lw_resp *page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, ">第 1 版</a>") && !lw_has(page, ">第 2 版</a>"), "%s", lw_excerpt(page));
}

Test(report, verification_page_names_unit_version_and_time_only)
{
	fx f = fixture(2099);
	ready(&f);
	cr_assert_eq(submit(&f)->status, 303);
	lw_resp *page = lw_get(f.admin, at(&f, "submission"));
	const char *c = strstr(page->body, "<td><code>");
	cr_assert(c, "%s", lw_excerpt(page));
	char code[15];
	memcpy(code, c + 10, 14);
	code[14] = 0;
	cr_assert(code[4] == '-' && code[9] == '-', "a code of three groups: %s", code);

	lw_client *anyone = lw_client_new();
	lw_resp *v = lw_get(anyone, lw_printf("/verify/%s", code));
	lw_expect(v, 200, "第 1 版总结表的校验码：最新版（已报送，待审核）");
	cr_assert(lw_has(v, f.name) && lw_has(v, "2099年南昌市全民终身学习活动周总结表") && lw_has(v, "（北京时间）"), "%s", lw_excerpt(v));
	cr_assert(!lw_has(v, f.admin_name), "the page names no person");
	/* as people type it: lower case, no hyphens, O for 0 and I for 1 */
	char loose[13];
	int k = 0;
	for (const char *p = code; *p; p++)
		if (*p != '-')
			loose[k++] = (char)(*p == '0' ? 'o' : *p == '1' ? 'i' : (*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
	loose[k] = 0;
	lw_expect(lw_get(anyone, lw_printf("/verify/%s", loose)), 200, f.name);
	lw_resp *typed = lw_get(anyone, lw_printf("/verify?code=%s", loose));
	cr_assert_eq(typed->status, 303);
	lw_expect(lw_get(anyone, "/verify/ABCD-EFGH-JKMN"), 404, "没有找到校验码");
	lw_expect(lw_get(anyone, "/verify/%3Cscript%3E"), 404, "&lt;script&gt;");
	lw_expect(lw_get(anyone, "/verify"), 200, "输入总结表页脚的校验码");
}

/* unzip -Z1 of a response body written to a file. */
static char *zip_names(const lw_resp *r)
{
	char *path = lw_printf("%s/pkg.%d.zip", getenv("LW_HTTP_TMP"), (int)getpid());
	FILE *fp = fopen(path, "wb");
	cr_assert(fp);
	fwrite(r->body, 1, r->len, fp);
	fclose(fp);
	FILE *p = popen(lw_printf("unzip -Z1 '%s' && unzip -p '%s' manifest.txt", path, path), "r");
	cr_assert(p);
	bytes out = {0};
	char chunk[4096];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, p)) > 0)
		put(&out, chunk, k);
	cr_assert_eq(pclose(p), 0, "unzip failed on the package");
	unlink(path);
	char *names = kept(out.p, out.len + 1);
	free(out.p);
	return names;
}

Test(report, package_holds_forms_named_attachments_and_manifest)
{
	fx f = fixture(2099);
	ready(&f);
	attach_ok(&f, "photo", "a.jpg", jpeg());
	attach_ok(&f, "photo", "b.jpg", jpeg());
	attach_ok(&f, "video", "开幕式.mp4", mp4("mp42"));
	cr_assert_eq(submit(&f)->status, 303);
	long long v = latest_version_id(&f);
	lw_resp *z = lw_get(f.admin, lw_printf("/submissions/%lld/package.zip", v));
	cr_assert_eq(z->status, 200, "%s", lw_excerpt(z));
	cr_assert_str_eq(lw_header(z, "Content-Type"), "application/zip");
	cr_assert(strstr(lw_header(z, "Content-Disposition"), "package-v1.zip"));
	char *list = zip_names(z);
	const char *names[] = {"-总结表.pdf", "-总结表.docx", "-工作总结.pdf", "-典型活动案例.docx", "-盖章扫描件.pdf", "-照片-01.jpg",
			       "-照片-02.jpg", "-视频-01.mp4", "manifest.txt", "manifest.json"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		cr_assert(strstr(list, i < 8 ? lw_printf("%s%s", f.name, names[i]) : names[i]), "no %s in:\n%s", names[i], list);
	cr_assert(strstr(list, lw_printf("# 单位：%s", f.name)) && strstr(list, "# 版本：第 1 版") && strstr(list, "# 校验码："),
		  "%s", list);
	/* the first photo's SHA-256 is in the manifest beside its name */
	lw_resp *form = lw_get(f.admin, lw_printf("/submissions/%lld", v));
	const char *row = strstr(form->body, ">a.jpg</a>");
	cr_assert(row);
	const char *hash = strstr(row, "<code class=\"hash\">");
	cr_assert(hash);
	char sha[65];
	memcpy(sha, hash + 19, 64);
	sha[64] = 0;
	cr_assert(strstr(list, lw_printf("%s  %s-照片-01.jpg", sha, f.name)), "%s", list);
	/* the frozen forms */
	lw_resp *pdf = lw_get(f.admin, lw_printf("/submissions/%lld/form.pdf", v));
	cr_assert(pdf->status == 200 && !strncmp(pdf->body, "%PDF-", 5));
	cr_assert(strstr(lw_header(pdf, "Content-Disposition"), "%E7%AC%AC1%E7%89%88.pdf"), "第1版 in the name");
	lw_resp *docx = lw_get(f.admin, lw_printf("/submissions/%lld/form.docx", v));
	cr_assert(docx->status == 200 && !strncmp(docx->body, "PK", 2));
}

Test(report, a_changed_number_without_reason_keeps_every_edit_on_the_form)
{
	fx f = fixture(2099);
	ready(&f);
	lw_resp *r = lw_submit(f.admin, lw_printf("/units/%lld/report/fields", f.unit), "week", lw_printf("%lld", f.week),
			       "field", "effect", "value", "刚写好的成效，不能丢。", "reason", "",
			       "field", "activity_count", "value", "77 场", "reason", "", NULL);
	lw_expect(r, 422, "还没有保存");
	cr_assert(lw_has(r, "<h1>修改总结表</h1>"), "the form itself, not a separate page: %s", lw_excerpt(r));
	cr_assert(lw_has(r, "刚写好的成效，不能丢。</textarea>") && lw_has(r, "77 场</textarea>"), "both edits kept: %s", lw_excerpt(r));
	cr_assert(lw_has(r, "<fieldset class=\"form-field has-error\" id=\"edit-activity_count\">"), "the field is marked");
	cr_assert(lw_has(r, "id=\"r-activity_count\" name=\"reason\" value=\"\" aria-invalid=\"true\""), "the reason is asked for there");
	cr_assert(lw_has(r, "<a href=\"#edit-activity_count\">「全区参与活动的数量」中的数字与系统统计"), "the summary links to it");
	/* nothing was saved */
	cr_assert(!lw_has(lw_get(f.admin, at(&f, "report")), "刚写好的成效"));
}

/* Issue 12, point 5: the organiser reported 186, the staff tallied 12
 * walk-ins: the clerk sees both and the count used, the form page lists the
 * activity as 人数待确认 (and one without any number as 未填人数) until the
 * clerk confirms which is right, with a reason. In the live week, so the
 * activities count. */
Test(report, differing_participant_counts_are_confirmed_with_a_reason)
{
	fx f = fixture(live_year());
	const char *when = lw_local_time(60), *until = lw_local_time(120);
	lw_resp *r = lw_submit(f.admin, lw_printf("/units/%lld/activities", f.unit), "week", lw_printf("%lld", f.week), "title", "读书会",
			       "host", "区图书馆", "content", "5", "mode", "offline", "venue", "图书馆", "starts_at", when, "ends_at", until,
			       "reported", "186", "publish", "1", NULL);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	long long id = 0;
	cr_assert(sscanf(lw_header(r, "Location"), "/activities/%lld", &id) == 1);
	lw_expect(lw_submit(f.admin, lw_printf("/activities/%lld/counts", id), "staff_count", "12", "reported", "186", NULL), 303, "");
	lw_expect(lw_submit(f.admin, lw_printf("/units/%lld/activities", f.unit), "week", lw_printf("%lld", f.week), "title", "无人数的讲座",
			    "host", "区图书馆", "content", "5", "mode", "offline", "venue", "图书馆", "starts_at", when, "ends_at", until,
			    "publish", "1", NULL), 303, "");

	lw_resp *page = lw_get(f.admin, lw_printf("/activities/%lld", id));
	lw_expect(page, 200, "两个来源的人数不一致，请确认哪个正确");
	cr_assert(lw_has(page, "签到和清点共 12 人，主办方报告 186 人"), "%s", lw_excerpt(page));
	lw_resp *form = lw_get(f.admin, at(&f, "report"));
	lw_expect(form, 200, "12 人次");
	cr_assert(lw_has(form, "人数待确认（1 场）") && lw_has(form, "未填人数（1 场）") && lw_has(form, "无人数的讲座"), "%s", lw_excerpt(form));
	cr_assert(lw_has(lw_get(f.admin, at(&f, "submission")), "未填人数 1 场，人数待确认 1 场"), "the checklist asks");

	lw_expect(lw_submit(f.admin, lw_printf("/activities/%lld/count-source", id), "count_source", "reported", "count_reason", "", NULL), 422,
		  "请写明原因");
	lw_expect(lw_submit(f.admin, lw_printf("/activities/%lld/count-source", id), "count_source", "reported", "count_reason",
			    "主办方报告的人数含线上观看", NULL), 303, "");
	page = lw_get(f.admin, lw_printf("/activities/%lld", id));
	cr_assert(lw_has(page, "计入总结表的参与人数：186 人</strong>（已确认采用主办方报告的人数，原因：主办方报告的人数含线上观看）"),
		  "%s", lw_excerpt(page));
	form = lw_get(f.admin, at(&f, "report"));
	lw_expect(form, 200, "186 人次");
	cr_assert(!lw_has(form, "人数待确认"), "confirmed: no longer asked");
}

/* Issue 12, point 6: the reason for a changed figure goes into the package's
 * manifest, for people (manifest.txt, a comment sha256sum -c skips) and for
 * programs (manifest.json: the field, the system's figure, the form's, why). */
Test(report, package_manifest_carries_the_reasons_for_changed_figures)
{
	fx f = fixture(2099);
	ready(&f);
	lw_expect(save_field(&f, "activity_count", "99 场：含线下补录", "含未在系统登记的 99 场社区活动"), 303, "");
	cr_assert_eq(submit(&f)->status, 303);
	long long v = latest_version_id(&f);
	lw_resp *z = lw_get(f.admin, lw_printf("/submissions/%lld/package.zip", v));
	cr_assert_eq(z->status, 200, "%s", lw_excerpt(z));
	char *list = zip_names(z);
	cr_assert(strstr(list, "# 修改说明：\n# 1. 「全区参与活动的数量」改动的原因：含未在系统登记的 99 场社区活动\n# 以下每行"), "%s", list);
	/* the json, read by a program */
	char *path = lw_printf("%s/pkgj.%d.zip", getenv("LW_HTTP_TMP"), (int)getpid());
	FILE *fp = fopen(path, "wb");
	cr_assert(fp);
	fwrite(z->body, 1, z->len, fp);
	fclose(fp);
	FILE *p = popen(lw_printf("unzip -p '%s' manifest.json", path), "r");
	cr_assert(p);
	char json[65536];
	size_t n = fread(json, 1, sizeof json - 1, p);
	json[n] = 0;
	cr_assert_eq(pclose(p), 0);
	unlink(path);
	cr_assert(strstr(json, "\"overrides\"") && strstr(json, "\"field\": \"activity_count\"") &&
		  strstr(json, "\"system\": \"0 场") && strstr(json, "\"form\": \"99 场：含线下补录\"") &&
		  strstr(json, "\"reason\": \"含未在系统登记的 99 场社区活动\""), "%s", json);
}
