/* test_final.c: 定稿 → 盖章 → 报送 and verification (issue 13, points 1, 2
 * and 4): every refusal with its message and status, the final PDF and DOCX
 * (code, digest, a QR of the configured address, no 草稿), a scan carrying
 * another version's code, /verify/CODE showing the frozen form and its
 * status (after a return and an accept too), and records that change after
 * 报送. */
#include "test_review.h"
#include <unistd.h>

LW_SERVER(NULL, NULL)

/* The configured public address: without --public-url, the listen address. */
#define PUBLIC lw_base()

/* The QR of the first page of a PDF, decoded. */
static char *pdf_qr(const char *pdf)
{
	char *png = lw_printf("%s-page", pdf);
	lw_run(lw_printf("pdftoppm -r 200 -png -singlefile '%s' '%s'", pdf, png));
	return lw_run(lw_printf("zbarimg -q --raw '%s.png' 2>/dev/null", png));
}

static void plan_and_documents(const fx *f)
{
	lw_expect(lw_submit(f->admin, lw_printf("/units/%lld/report/plan", f->unit), "week", lw_printf("%lld", f->week),
			    "plan_issuer", "区教育体育局", "plan_coordinator", "区社区教育学院", "plan_author", "区终身学习办公室", NULL), 303, "");
	documents(f);
}

static lw_resp *post_submit(const fx *f)
{
	return lw_submit(f->admin, lw_printf("/units/%lld/submission", f->unit), "week", lw_printf("%lld", f->week), NULL);
}

static lw_resp *save_effect(const fx *f, const char *text)
{
	return lw_submit(f->admin, lw_printf("/units/%lld/report/fields", f->unit), "week", lw_printf("%lld", f->week),
			 "field", "effect", "value", text, "reason", "", NULL);
}

/* The code of the 定稿 waiting for 报送, as printed (ABCD-EFGH-JKMN). */
static char *final_code(const fx *f)
{
	lw_resp *page = lw_get(f->admin, at(f, "submission"));
	const char *s = strstr(page->body, "定稿，校验码 <code>");
	cr_assert(s, "no 定稿 on the page:\n%s", lw_excerpt(page));
	return lw_printf("%.14s", s + strlen("定稿，校验码 <code>"));
}

Test(final, finalise_stamp_submit_with_every_refusal)
{
	fx f = fixture(2099);
	plan_and_documents(&f);
	/* nothing finalised: no scan, no final PDF, no 报送 */
	lw_resp *r = post_submit(&f);
	lw_expect(r, 422, "还没有上传「盖章扫描件」");
	cr_assert(lw_has(r, "请先定稿"), "%s", lw_excerpt(r));
	lw_expect(attach(&f, "scan", "盖章扫描件.pdf", pdf(), false), 409, "请先定稿");
	lw_expect(lw_get(f.admin, at(&f, "report/final.pdf")), 404, "还没有待报送的定稿");
	cr_assert(lw_has(lw_get(f.admin, at(&f, "submission")), ">定稿第 1 版</button>"));

	/* 定稿: the QR's address is the configured one (serve's public address) */
	r = finalise(&f);
	cr_assert_eq(r->status, 303, "定稿: %ld\n%s", r->status, lw_excerpt(r));
	lw_resp *page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, "已定稿第 1 版，校验码"), "%s", lw_excerpt(page));
	char *code1 = final_code(&f);
	lw_expect(finalise(&f), 409, "无需重新定稿");

	/* the final PDF: code, digest, QR of the public address, no watermark */
	lw_resp *pdf1 = lw_get(f.admin, at(&f, "report/final.pdf"));
	cr_assert_eq(pdf1->status, 200, "%s", lw_excerpt(pdf1));
	char *pdf1_path = lw_save(pdf1, "final", "pdf");
	char *text = lw_run(lw_printf("pdftotext -enc UTF-8 '%s' -", pdf1_path));
	cr_assert(strstr(text, lw_printf("校验码：%s", code1)) && strstr(text, "摘要 SHA-256"), "%s", text);
	cr_assert(!strstr(text, "草稿"), "no 草稿 on the final form:\n%s", text);
	char *qr = pdf_qr(pdf1_path);
	char *url = lw_printf("%s/verify/", PUBLIC);
	cr_assert(!strncmp(qr, url, strlen(url)), "the QR: %s", qr);
	char code_plain[13];
	for (int i = 0, k = 0; code1[i]; i++)
		if (code1[i] != '-')
			code_plain[k++] = code1[i], code_plain[k] = 0;
	cr_assert(strstr(qr, code_plain), "the QR names the code %s: %s", code_plain, qr);
	/* the digest as the verify page shows it, in the footer */
	lw_client *reader = lw_client_new();
	lw_resp *v = lw_get(reader, lw_printf("/verify/%s", code1));
	lw_expect(v, 200, "最新版（已定稿，尚未报送）");
	const char *dg = strstr(v->body, "<code class=\"form-digest\">");
	cr_assert(dg, "%s", lw_excerpt(v));
	char *first_group = lw_printf("%.8s", dg + strlen("<code class=\"form-digest\">"));
	cr_assert(strstr(text, first_group), "the digest's first group %s is in the PDF:\n%s", first_group, text);

	/* the final DOCX: code, digest and the same QR in its footer */
	lw_resp *docx1 = lw_get(f.admin, at(&f, "report/final.docx"));
	cr_assert_eq(docx1->status, 200);
	char *docx_path = lw_save(docx1, "final", "docx");
	char *footer = lw_run(lw_printf("unzip -p '%s' word/footer1.xml", docx_path));
	cr_assert(strstr(footer, code1) && strstr(footer, first_group) && strstr(footer, "r:embed=\"rIdQr\""), "%s", footer);
	char *qr_png = lw_printf("%s-qr.png", docx_path);
	lw_run(lw_printf("unzip -p '%s' word/media/qr.png > '%s'", docx_path, qr_png));
	cr_assert_str_eq(lw_run(lw_printf("zbarimg -q --raw '%s' 2>/dev/null", qr_png)), qr);

	/* an edit voids it, plainly */
	lw_expect(save_effect(&f, "定稿后改写的成效。"), 303, "");
	page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, "第 1 版定稿已作废") && lw_has(page, code1) && lw_has(page, ">重新定稿为第 2 版</button>"), "%s", lw_excerpt(page));
	lw_expect(lw_get(f.admin, at(&f, "report")), 200, "第 1 版定稿已作废");
	/* ...and a reader holding that printout is told so */
	lw_expect(lw_get(reader, lw_printf("/verify/%s", code1)), 200, "已作废：定稿后总结表有改动");
	lw_expect(lw_get(f.admin, at(&f, "report/final.pdf")), 409, "校验码已作废");
	lw_expect(attach(&f, "scan", "盖章扫描件.pdf", pdf(), false), 409, "校验码已作废");
	lw_expect(post_submit(&f), 409, "校验码已作废");

	/* 定稿 again; the stamped scan of version 1 by mistake: kept, with a warning */
	lw_expect(finalise(&f), 303, "");
	char *code2 = final_code(&f);
	cr_assert_str_neq(code1, code2);
	r = attach(&f, "scan", "盖章扫描件.pdf", (blob){pdf1->body, pdf1->len}, false);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	page = lw_get(f.admin, at(&f, "submission"));
	cr_assert(lw_has(page, lw_printf("扫描件的文字带有校验码 %s，那是%s第 1 版的", code1, f.name)), "%s", lw_excerpt(page));
	/* and by its file name */
	r = attach(&f, "scan", lw_printf("盖章-%s.pdf", code1), pdf(), true);
	cr_assert_eq(r->status, 303);
	lw_expect(lw_get(f.admin, at(&f, "submission")), 200, lw_printf("文件名带有校验码 %s", code1));
	attach_ok(&f, "scan", "盖章扫描件-第2版.pdf", pdf());

	r = post_submit(&f);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	lw_expect(lw_get(f.admin, at(&f, "submission")), 200, lw_printf("已报送第 2 版，校验码 %s", code2));
	lw_expect(post_submit(&f), 409, "已提交");

	/* the reader: version 1 replaced, version 2 with its figures */
	lw_expect(lw_get(reader, lw_printf("/verify/%s", code1)), 200, "已被第 2 版取代");
	v = lw_get(reader, lw_printf("/verify/%s", code2));
	lw_expect(v, 200, "最新版（已报送，待审核）");
	/* the same for everyone: public, cacheable, no cookie */
	cr_assert(lw_header(v, "Cache-Control") && strstr(lw_header(v, "Cache-Control"), "public") && lw_header(v, "ETag") &&
		  !lw_header(v, "Set-Cookie"), "Cache-Control: %s", lw_header(v, "Cache-Control"));
	cr_assert(lw_has(v, "定稿后改写的成效。") && lw_has(v, f.name) && lw_has(v, "定稿时间") && lw_has(v, "报送时间") &&
		  lw_has(v, "id=\"field-activity_count\""), "%s", lw_excerpt(v));
	cr_assert(!lw_has(v, f.admin_name), "the page names no person");
	lw_expect(lw_get(reader, "/verify/ABCD-EFGH-JKMN"), 404, "没有找到校验码「ABCD-EFGH-JKMN」");
	lw_expect(lw_get(reader, "/verify/not-a-code"), 404, "没有找到校验码");
}

Test(final, records_changing_after_submission_are_shown_and_can_be_resubmitted)
{
	fx f = fixture(2099);
	plan_and_documents(&f);
	finalise_and_scan(&f);
	cr_assert_eq(post_submit(&f)->status, 303);
	lw_expect(finalise(&f), 409, "无需重新定稿");
	lw_resp *page = lw_get(f.admin, at(&f, "report"));
	cr_assert(!lw_has(page, "提交后记录有变动"), "nothing changed yet");

	/* a late record */
	lw_resp *act = lw_submit(f.admin, lw_printf("/units/%lld/activities", f.unit), "week", lw_printf("%lld", f.week),
				 "title", "补录的讲座", "host", "社区学院", "mode", "offline", "venue", "礼堂",
				 "starts_at", "2099-12-02T09:00", "ends_at", "2099-12-02T11:00", "content", "2", "publish", "1", NULL);
	cr_assert_eq(act->status, 303, "%s", lw_excerpt(act));
	page = lw_get(f.admin, at(&f, "report"));
	cr_assert(lw_has(page, "提交后记录有变动") && lw_has(page, "<strong>全区参与活动的数量</strong>：0 场") &&
		  lw_has(page, "→ 1 场") && lw_has(page, ">重新定稿并报送</button>"), "%s", lw_excerpt(page));
	lw_resp *board = lw_get(f.centre, lw_printf("/admin/board?week=%lld", f.week));
	const char *row = strstr(board->body, lw_printf("id=\"unit-%lld\"", f.unit));
	cr_assert(row, "%s", lw_excerpt(board));
	const char *end = strstr(row, "</tr>");
	cr_assert(end && strstr(row, "提交后记录有变动") && strstr(row, "提交后记录有变动") < end, "the board's row:\n%.2000s", row);

	/* what counts is still version 1 until 报送 of version 2 */
	lw_expect(finalise(&f), 303, "");
	attach_ok(&f, "scan", "盖章扫描件-第2版.pdf", pdf());
	lw_expect(lw_get(f.admin, at(&f, "report")), 200, "已重新定稿为第 2 版");
	cr_assert_eq(post_submit(&f)->status, 303);
	lw_expect(lw_get(f.admin, at(&f, "submission")), 200, "已报送第 2 版");
	cr_assert(!lw_has(lw_get(f.admin, at(&f, "report")), "提交后记录有变动"));
}

/* The status /verify/CODE shows a reader, as printed in its 状态 line. */
static char *verify_status(lw_client *reader, const char *code)
{
	lw_resp *v = lw_get(reader, lw_printf("/verify/%s", code));
	cr_assert_eq(v->status, 200, "/verify/%s: %ld\n%s", code, v->status, lw_excerpt(v));
	const char *s = strstr(v->body, "<dd id=\"verify-status\"><strong>");
	cr_assert(s, "no status on /verify/%s:\n%s", code, lw_excerpt(v));
	s += strlen("<dd id=\"verify-status\"><strong>");
	return lw_printf("%.*s", (int)(strstr(s, "</strong>") - s), s);
}

Test(final, verify_follows_a_return_and_an_accept)
{
	fx f = fixture(2099);
	plan_and_documents(&f);
	lw_expect(finalise(&f), 303, "");
	char *code1 = final_code(&f);
	attach_ok(&f, "scan", "盖章扫描件.pdf", pdf());
	cr_assert_eq(post_submit(&f)->status, 303);
	long long v1 = latest_version_id(&f);
	cr_assert_gt(v1, 0);
	lw_client *reader = lw_client_new();
	cr_assert_str_eq(verify_status(reader, code1), "最新版（已报送，待审核）");

	/* the centre returns it: the printout of version 1 is no longer good */
	lw_resp *r = return_with(f.centre, v1, "general", "请补充活动成效。");
	cr_assert_eq(r->status, 303, "return: %ld\n%s", r->status, lw_excerpt(r));
	cr_assert_str_eq(verify_status(reader, code1), "已退回");

	/* corrected, finalised again and submitted: version 1 is replaced */
	lw_expect(save_effect(&f, "退回后补充的活动成效。"), 303, "");
	lw_expect(finalise(&f), 303, "");
	char *code2 = final_code(&f);
	attach_ok(&f, "scan", "盖章扫描件-第2版.pdf", pdf());
	cr_assert_eq(post_submit(&f)->status, 303);
	long long v2 = latest_version_id(&f);
	cr_assert_neq(v1, v2);
	cr_assert_str_eq(verify_status(reader, code1), "已被第 2 版取代");
	cr_assert_str_eq(verify_status(reader, code2), "最新版（已报送，待审核）");

	/* accepted: the reader is told so; version 1 stays replaced */
	r = accept_version(f.centre, v2);
	cr_assert_eq(r->status, 303, "accept: %ld\n%s", r->status, lw_excerpt(r));
	cr_assert_str_eq(verify_status(reader, code2), "已通过");
	cr_assert_str_eq(verify_status(reader, code1), "已被第 2 版取代");
	lw_expect(lw_get(reader, lw_printf("/verify/%s", code2)), 200, "退回后补充的活动成效。");
}
