/* test_form_out.c: the summary form's PDF (src/out/form_pdf.c) and DOCX
 * (src/out/form_docx.c) writers. The PDF is read back with poppler's
 * pdftotext; the DOCX is unzipped with libzip and its XML parsed strictly
 * with libxml2; LibreOffice converts the DOCX when it is installed. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>
#include "out/form.h"
#include "testrun.h"

/* Full stacks at malloc (cairo has no frame pointers), so that LeakSanitizer
 * sees cairo_surface_finish in the stack of cairo's own CFF subsetting leak
 * and applies the suppression in form_pdf.c. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0:malloc_context_size=16";
}

/* ---- a form as the annex has it ---- */

#define HOSTILE_HEAD "<script>alert(\"x&y\")</script> '单引号' 😀🎉 𠮷野家"

static const form_row ANNEX[] = {
	{NULL, "举办县区", "东湖区"},
	{NULL, "主办单位及协办单位：", "主办：东湖区教育体育局；协办：东湖区社区教育学院、东湖区图书馆、百花洲街道办事处"},
	{"组织领导", "下发活动文件的部门", "东湖区教育体育局"},
	{"组织领导", "出席活动（开幕式）的领导", "区委常委、宣传部部长张某某；区政府副区长李某某；区教体局局长王某某"},
	{"组织领导", "具体协调部门", "东湖区教育体育局职成科"},
	{"组织领导", "制定活动方案部门", "东湖区社区教育学院"},
	{"活动参与情况", "全区参与活动的数量", "126 场：线上 48，线下 78"},
	{"活动参与情况", "参加活动人数", "23,560 人次（签到 8,214，现场清点 10,346，单位报送 5,000）"},
	{"活动参与情况", "有特色的活动", "“智慧助老”手机课堂进社区；“书香东湖”读书沙龙；百姓学习之星宣讲团巡回宣讲"},
	{"活动主题与内容", "活动主题", "学习贯彻二十大，终身学习向未来"},
	{"活动主题与内容", "活动内容", "一、学习宣传贯彻党的二十大精神：专家宣讲 12 场、志愿者宣讲 20 场。\n"
	                                "二、线上线下终身学习：讲座、培训、观摩、座谈 46 场。\n"
	                                "三、全民阅读：好书推荐、书友会、读书沙龙 15 场。"},
	{"活动主题与内容", "活动成效", "全区各街道、社区、学校积极参与，形成了浓厚的终身学习氛围。\n线上课程点击量突破十万人次。"},
	{"活动主题与内容", "活动时间", "2022年12月1日至12月7日"},
	{"活动的群众性", "活动范围（包括参与活动的街道、企事业单位等）", "公园街道、百花洲街道、豫章街道、董家窑街道、彭家桥街道；江西省图书馆等 32 家单位"},
	{"活动的群众性", "群众满意度", "满意 96.4%（共 1,382 份评价）"},
	{"活动的群众性", "自我评价", "组织有力、内容丰富、形式多样、群众满意。"},
	{"宣传报道", "宣传范围", "区县教育官网、微信公众号、报刊、户外LED屏、校园网"},
	{"宣传报道", "文字报道", "18 篇：《东湖区启动2022年全民终身学习活动周》等"},
	{"宣传报道", "影像图片报道", "9 组：开幕式图片报道、“智慧助老”课堂视频等"},
	{NULL, "其他", ""},
};
#define NANNEX ((int)(sizeof ANNEX / sizeof *ANNEX))
#define CODE "7K3Q-9DXM"
#define URL "https://learnweek.example.cn/v/7K3Q9DXM"

static form_doc annex(void)
{
	form_doc f = {.title = "2022年南昌市全民终身学习活动周总结表", .unit = "东湖区教育体育局",
	              .filled_on = "2022年12月9日", .verify_code = CODE, .verify_url = URL,
	              .nrows = NANNEX, .first_table_rows = 13};
	/* a copy of its own that a test may change (a few docs alive at once) */
	static form_row pool[4][NANNEX];
	static int next;
	f.rows = pool[next++ % 4];
	memcpy(f.rows, ANNEX, sizeof ANNEX);
	return f;
}

static char *hostile_value(void)
{
	buf b = BUF_INIT;
	buf_puts(&b, HOSTILE_HEAD " \x01\x02控制符\x7f坏字节\xff\xfe\t制表\r\n第二段\r第三段\n");
	for (int i = 0; i < 5000; i++)
		buf_putc(&b, (char)('A' + i % 26));
	return buf_detach(&b, NULL);
}

/* ---- helpers ---- */

static char tmpdir[512];

static void mk_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/lw-form-XXXXXX", t && *t ? t : P_tmpdir);
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void rm_tmpdir(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(form_pdf, .init = mk_tmpdir, .fini = rm_tmpdir);
TestSuite(form_docx, .init = mk_tmpdir, .fini = rm_tmpdir);

static char *write_tmp(const char *name, const buf *b)
{
	char *path = NULL;
	cr_assert_gt(asprintf(&path, "%s/%s", tmpdir, name), 0);
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "%s", path);
	cr_assert_eq(fwrite(b->p, 1, b->len, f), b->len);
	cr_assert_eq(fclose(f), 0);
	return path;
}

/* s without ASCII whitespace: pdftotext breaks lines inside long values. */
static char *squeeze(const char *s)
{
	char *r = strdup(s ? s : ""), *w = r;
	for (const char *p = r; *p; p++)
		if (!strchr(" \t\r\n\f\v", *p))
			*w++ = *p;
	*w = 0;
	return r;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static buf make_pdf(const form_doc *f)
{
	buf out = BUF_INIT;
	char err[200] = "";
	cr_assert_eq(form_pdf(f, &out, err, sizeof err), 0, "form_pdf: %s", err);
	cr_assert(out.len > 1000 && memcmp(out.p, "%PDF-", 5) == 0, "not a PDF");
	return out;
}

/* The PDF's text, whitespace removed, and its number of pages. */
static char *pdf_text(const buf *pdf, int *pages)
{
	need("pdfinfo", "poppler-utils");
	need("pdftotext", "poppler-utils");
	char *path = write_tmp("form.pdf", pdf);
	char *info = run("pdfinfo '%s'", path);
	cr_assert_not_null(info, "pdfinfo refuses the file");
	const char *p = strstr(info, "Pages:");
	cr_assert_not_null(p);
	*pages = atoi(p + 6);
	char *text = run("pdftotext -enc UTF-8 '%s' -", path);
	cr_assert_not_null(text, "pdftotext failed");
	char *s = squeeze(text);
	free(text);
	free(info);
	free(path);
	return s;
}

static void expect_in(const char *text, const char *what, const char *where)
{
	char *w = squeeze(what);
	cr_expect_not_null(strstr(text, w), "%s: missing \"%s\"", where, what);
	free(w);
}

static void expect_page_numbers(const char *text, int pages)
{
	for (int i = 1; i <= pages; i++) {
		char num[64];
		snprintf(num, sizeof num, "第%d页共%d页", i, pages);
		cr_expect_eq(count(text, num), 1, "page number %s", num);
	}
}

/* ---- PDF ---- */

Test(form_pdf, shows_every_label_and_value_of_the_annex)
{
	form_doc f = annex();
	buf pdf = make_pdf(&f);
	int pages;
	char *text = pdf_text(&pdf, &pages);
	expect_in(text, f.title, "title");
	expect_in(text, "填报单位（盖章）：东湖区教育体育局", "unit");
	expect_in(text, "填报日期：2022年12月9日", "date");
	const char *last_group = NULL;
	for (int i = 0; i < f.nrows; i++) {
		expect_in(text, f.rows[i].label, "label");
		expect_in(text, f.rows[i].value, f.rows[i].label);
		if (f.rows[i].group && (!last_group || strcmp(last_group, f.rows[i].group)))
			expect_in(text, f.rows[i].group, "group");
		last_group = f.rows[i].group;
	}
	/* a group cell spans its rows: its name is written once */
	cr_expect_eq(count(text, "组织领导"), 1);
	cr_expect_eq(count(text, "（续）"), 0, "nothing is continued in a short form");
	cr_expect_geq(pages, 1);
	expect_page_numbers(text, pages);
	char code[64];
	snprintf(code, sizeof code, "校验码：%s", CODE);
	cr_expect_eq(count(text, code), pages, "the verification code on every page");
	cr_expect_eq(count(text, "草稿"), 0);
	free(text);
	buf_free(&pdf);
}

/* Issue 12: the annex's closing line under the tables, then the 说明 notes
 * (reasons for changed figures); and the label with its colon, as the annex. */
Test(form_pdf, the_closing_line_and_the_notes_are_under_the_tables)
{
	form_doc f = annex();
	f.notes = "说明：\n1. 「参加活动人数」：含线上直播观看 1,200 人次。";
	buf pdf = make_pdf(&f);
	int pages;
	char *text = pdf_text(&pdf, &pages);
	char *flat = squeeze(text);
	expect_in(flat, "主办单位及协办单位：", "the label with its colon");
	const char *other = strstr(flat, "影像图片报道"), *closing = strstr(flat, FORM_CLOSING_LINE), *note = strstr(flat, "1.「参加活动人数」");
	cr_assert(other && closing && note, "closing line and notes in:\n%s", text);
	cr_assert(other < closing && closing < note, "the closing line after the tables, the notes after it");
	free(flat);
	free(text);
	buf_free(&pdf);
}

Test(form_pdf, a_long_value_continues_on_the_next_page)
{
	form_doc f = annex();
	buf v = BUF_INIT;
	for (int i = 1; i <= 60; i++)
		buf_printf(&v, "【第%03d段】围绕学习宣传贯彻党的二十大精神，组织专家宣讲、志愿者宣讲，百姓学习之星交流心得体会。\n", i);
	f.rows[10].value = v.p;
	buf pdf = make_pdf(&f);
	int pages;
	char *text = pdf_text(&pdf, &pages);
	cr_expect_geq(pages, 3);
	cr_expect_geq(count(text, "活动内容（续）"), 1, "the continued row repeats its label with （续）");
	/* every paragraph once: a piece of the row is drawn on one page only */
	for (int i = 1; i <= 60; i++) {
		char tag[32];
		snprintf(tag, sizeof tag, "【第%03d段】", i);
		cr_expect_eq(count(text, tag), 1, "%s", tag);
	}
	/* the rows after it are all there */
	for (int i = 11; i < f.nrows; i++)
		expect_in(text, f.rows[i].value, f.rows[i].label);
	expect_page_numbers(text, pages);
	free(text);
	buf_free(&pdf);
	buf_free(&v);
}

/* Every word pdftotext finds lies inside the page's printable area. */
static void expect_inside_margins(const buf *pdf)
{
	char *path = write_tmp("bbox.pdf", pdf);
	char *html = run("pdftotext -bbox '%s' -", path);
	cr_assert_not_null(html);
	int words = 0;
	for (const char *p = html; (p = strstr(p, "<word ")); p++) {
		double x0, y0, x1, y1;
		cr_assert_eq(sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1, &y1), 4);
		/* A4 is 595 x 842 pt; the margins are 28 mm (79 pt) and 26 mm (74 pt) */
		cr_expect(x0 >= 75 && x1 <= 595 - 70 && y0 >= 0 && y1 <= 842, "a word outside the page's text area: %.60s", p);
		words++;
	}
	cr_expect_gt(words, 100);
	free(html);
	free(path);
}

Test(form_pdf, hostile_text_renders_inside_the_table)
{
	form_doc f = annex();
	char *h = hostile_value();
	f.rows[10].value = h;
	f.rows[3].value = "";
	f.rows[4].value = NULL;
	f.unit = "<b>东湖区</b> & \"教体局\"";
	buf pdf = make_pdf(&f);
	int pages;
	char *text = pdf_text(&pdf, &pages);
	expect_in(text, "<script>alert(\"x&y\")</script>'单引号'", "markup as text");
	expect_in(text, "控制符坏字节", "control characters dropped");
	expect_in(text, "第二段", "CR LF");
	expect_in(text, "第三段", "a lone CR");
	expect_in(text, "<b>东湖区</b>&\"教体局\"", "unit");
	/* the 5,000-letter word is wrapped at characters, without hyphens, and continued */
	char word[301];
	for (int i = 0; i < 300; i++)
		word[i] = (char)('A' + i % 26);
	word[300] = 0;
	expect_in(text, word, "the long word, unbroken but for line ends");
	cr_expect_geq(count(text, "活动内容（续）"), 1);
	cr_expect_geq(pages, 3);
	expect_page_numbers(text, pages);
	expect_inside_margins(&pdf);
	free(text);
	buf_free(&pdf);
	free(h);
}

Test(form_pdf, a_draft_is_marked_and_has_no_code)
{
	form_doc f = annex();
	f.draft = true;
	f.verify_code = f.verify_url = NULL;
	buf pdf = make_pdf(&f);
	int pages;
	char *text = pdf_text(&pdf, &pages);
	cr_expect_geq(count(text, "草稿"), pages, "a 草稿 mark on every page");
	cr_expect_eq(count(text, "校验码"), 0);
	free(text);
	buf_free(&pdf);
}

Test(form_pdf, an_empty_form_still_prints)
{
	form_doc f = {0};
	buf pdf = make_pdf(&f);
	int pages;
	char *text = pdf_text(&pdf, &pages);
	cr_expect_eq(pages, 1);
	expect_in(text, "填报单位（盖章）：", "unit line");
	free(text);
	buf_free(&pdf);
	/* a first table longer than the form */
	f = annex();
	f.first_table_rows = 99;
	pdf = make_pdf(&f);
	text = pdf_text(&pdf, &pages);
	expect_in(text, "影像图片报道", "the last row of the annex");
	free(text);
	buf_free(&pdf);
	/* a week's form has as many rows as the centre set: 45 here, every one printed */
	form_row many[45];
	for (int i = 0; i < 45; i++)
		many[i] = (form_row){i % 3 ? "分组" : NULL, i == 44 ? "最后一栏" : "栏目", "内容"};
	f = annex();
	f.rows = many;
	f.nrows = 45;
	f.first_table_rows = 20;
	pdf = make_pdf(&f);
	text = pdf_text(&pdf, &pages);
	expect_in(text, "最后一栏", "the 45th row");
	free(text);
	buf_free(&pdf);
}

Test(form_pdf, the_footer_qr_holds_the_verification_url)
{
	need("pdftoppm", "poppler-utils");
	need("zbarimg", "zbar-tools");
	form_doc f = annex();
	buf pdf = make_pdf(&f);
	char *path = write_tmp("qr.pdf", &pdf);
	char *out = run("pdftoppm -r 200 -f 1 -l 1 -png '%s' '%s/qr' && zbarimg -q --raw '%s'/qr-1.png", path, tmpdir, tmpdir);
	cr_assert_not_null(out, "no QR code found on page 1");
	cr_expect_str_eq(out, URL "\n");
	free(out);
	free(path);
	buf_free(&pdf);
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1e3 + (t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* A typical form in the default typeface (AR PL UMing when installed) is a
 * small file made quickly; the bounds leave room for the sanitizers. */
Test(form_pdf, a_typical_form_is_small_and_quick)
{
	form_doc f = annex();
	buf pdf = make_pdf(&f);  /* the first one loads fontconfig */
	buf_free(&pdf);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pdf = make_pdf(&f);
	double ms = ms_since(&t0);
	cr_log_info("form PDF: %.1f ms, %zu bytes", ms, pdf.len);
	cr_expect_lt(pdf.len, 400 * 1024);
	cr_expect_lt(ms, 3000);
	need("fc-list", "fontconfig");
	char *fonts = run("fc-list 'AR PL UMing CN'");
	cr_expect(fonts && *fonts, "AR PL UMing is not installed: Debian package fonts-arphic-uming");
	cr_expect(memmem(pdf.p, pdf.len, "UMing", 5) != NULL, "AR PL UMing is installed but not used");
	free(fonts);
	buf_free(&pdf);
}

Test(form_pdf, the_typeface_can_be_chosen)
{
	need("fc-list", "fontconfig");
	char *fonts = run("fc-list 'Noto Serif CJK SC'");
	cr_assert(fonts && *fonts, "Noto Serif CJK SC is not installed: Debian package fonts-noto-cjk");
	free(fonts);
	setenv("LEARNWEEK_FORM_FONT", "Noto Serif CJK SC", 1);
	form_doc f = annex();
	buf pdf = make_pdf(&f);
	/* font names stay readable in the PDF's (uncompressed) font dictionaries */
	cr_expect(memmem(pdf.p, pdf.len, "NotoSerifCJK", 12) != NULL, "LEARNWEEK_FORM_FONT was not used");
	cr_expect(memmem(pdf.p, pdf.len, "UMing", 5) == NULL);
	buf_free(&pdf);
	unsetenv("LEARNWEEK_FORM_FONT");
}

/* ---- DOCX ---- */

typedef struct docx {
	buf file;
	xmlDocPtr doc;          /* word/document.xml */
	xmlXPathContextPtr xp;
	char *raw;              /* word/document.xml as bytes */
} docx;

static char *zip_part(zip_t *z, const char *name, zip_uint64_t *len)
{
	zip_stat_t st;
	cr_assert_eq(zip_stat(z, name, 0, &st), 0, "no part %s", name);
	zip_file_t *zf = zip_fopen(z, name, 0);
	cr_assert_not_null(zf, "%s", name);
	char *p = calloc(1, st.size + 1);
	cr_assert_eq(zip_fread(zf, p, st.size), (zip_int64_t)st.size);
	zip_fclose(zf);
	*len = st.size;
	return p;
}

/* Unzips the DOCX, checks that every part is well-formed XML (strictly: no
 * recovery, no network), and keeps word/document.xml for XPath. */
static docx open_docx(const form_doc *f)
{
	docx d = {0};
	char err[200] = "";
	cr_assert_eq(form_docx(f, &d.file, err, sizeof err), 0, "form_docx: %s", err);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(d.file.p, d.file.len, 0, &ze);
	cr_assert_not_null(src);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	cr_assert_not_null(z, "not a zip: %s", zip_error_strerror(&ze));
	static const char *const parts[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
	                                    "word/_rels/document.xml.rels", "word/styles.xml", "word/footer1.xml",
	                                    "docProps/core.xml", "docProps/app.xml"};
	/* a frozen version's footer carries its QR: the picture and the footer's relationships */
	bool qr = f->verify_url && *f->verify_url;
	cr_expect_eq(zip_get_num_entries(z, 0), (zip_int64_t)(sizeof parts / sizeof *parts) + (qr ? 2 : 0));
	if (qr) {
		zip_uint64_t len;
		char *png = zip_part(z, "word/media/qr.png", &len);
		cr_expect(len > 8 && !memcmp(png, "\x89PNG", 4), "the QR is a PNG");
		free(png);
		char *rels = zip_part(z, "word/_rels/footer1.xml.rels", &len);
		xmlDocPtr x = xmlReadMemory(rels, (int)len, "footer1.xml.rels", "UTF-8", XML_PARSE_NONET);
		cr_assert_not_null(x, "the footer's relationships are well-formed XML");
		cr_expect_not_null(strstr(rels, "media/qr.png"));
		xmlFreeDoc(x);
		free(rels);
		char *foot = zip_part(z, "word/footer1.xml", &len);
		cr_expect(strstr(foot, "校验码：") && strstr(foot, f->verify_code) && strstr(foot, "r:embed=\"rIdQr\""),
			  "the footer has the code and the QR");
		free(foot);
	}
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		zip_uint64_t len;
		char *xml = zip_part(z, parts[i], &len);
		xmlDocPtr x = xmlReadMemory(xml, (int)len, parts[i], "UTF-8", XML_PARSE_NONET);
		cr_assert_not_null(x, "%s is not well-formed XML", parts[i]);
		if (strcmp(parts[i], "word/document.xml") == 0) {
			d.doc = x;
			d.raw = xml;
		} else {
			if (strcmp(parts[i], "word/styles.xml") == 0)
				cr_expect_not_null(strstr(xml, "w:eastAsia=\"宋体\""), "宋体 is the East Asian font");
			xmlFreeDoc(x);
			free(xml);
		}
	}
	zip_close(z);
	zip_error_fini(&ze);
	d.xp = xmlXPathNewContext(d.doc);
	xmlXPathRegisterNs(d.xp, BAD_CAST "w", BAD_CAST "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
	return d;
}

static void close_docx(docx *d)
{
	xmlXPathFreeContext(d->xp);
	xmlFreeDoc(d->doc);
	free(d->raw);
	buf_free(&d->file);
}

static double xnum(docx *d, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, d->xp);
	cr_assert_not_null(o, "%s", expr);
	double v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return v;
}

static char *xstr(docx *d, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, d->xp);
	cr_assert_not_null(o, "%s", expr);
	xmlChar *s = xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	char *r = strdup((char *)s);
	xmlFree(s);
	return r;
}

/* The text of a row's cell, its paragraphs joined by newlines. */
static char *cell_text(docx *d, int row, int cell)
{
	char expr[160];
	snprintf(expr, sizeof expr, "count((//w:tr)[%d]/w:tc[%d]/w:p)", row + 1, cell);
	int np = (int)xnum(d, expr);
	buf b = BUF_INIT;
	for (int i = 1; i <= np; i++) {
		snprintf(expr, sizeof expr, "string((//w:tr)[%d]/w:tc[%d]/w:p[%d])", row + 1, cell, i);
		char *s = xstr(d, expr);
		if (i > 1)
			buf_putc(&b, '\n');
		buf_puts(&b, s);
		free(s);
	}
	return buf_detach(&b, NULL);
}

Test(form_docx, has_the_annex_tables_with_their_spans)
{
	form_doc f = annex();
	docx d = open_docx(&f);
	char *all = xstr(&d, "string(//w:body)");
	cr_expect_not_null(strstr(all, f.title));
	cr_expect_not_null(strstr(all, "填报单位（盖章）：东湖区教育体育局"));
	cr_expect_not_null(strstr(all, "填报日期：2022年12月9日"));
	free(all);
	cr_expect_eq(xnum(&d, "count(//w:tbl)"), 2);
	cr_expect_eq(xnum(&d, "count(//w:tbl[1]/w:tr)"), 13);
	cr_expect_eq(xnum(&d, "count(//w:tbl[2]/w:tr)"), 7);
	cr_expect_eq(xnum(&d, "count(//w:tbl[1]/w:tblGrid/w:gridCol)"), 3);
	/* 举办县区, 主办单位及协办单位 and 其他 span the first two columns */
	cr_expect_eq(xnum(&d, "count(//w:gridSpan[@w:val='2'])"), 3);
	/* five group cells, each merged down over the rest of its rows */
	cr_expect_eq(xnum(&d, "count(//w:vMerge[@w:val='restart'])"), 5);
	cr_expect_eq(xnum(&d, "count(//w:vMerge[not(@w:val)])"), 20 - 3 - 5);
	cr_expect_eq(xnum(&d, "count(//w:sectPr/w:pgSz[@w:w='11906' and @w:h='16838'])"), 1);
	for (int i = 0; i < f.nrows; i++) {
		const form_row *r = &f.rows[i];
		int first = r->group ? 2 : 1;  /* the label's cell */
		char *label = cell_text(&d, i, first);
		char *value = cell_text(&d, i, first + 1);
		cr_expect_str_eq(label, r->label, "row %d", i);
		cr_expect_str_eq(value, r->value, "row %d: each line of a value is a paragraph", i);
		if (r->group && (i == 0 || !f.rows[i - 1].group || strcmp(f.rows[i - 1].group, r->group))) {
			char *g = cell_text(&d, i, 1);
			cr_expect_str_eq(g, r->group);
			free(g);
		}
		free(label);
		free(value);
	}
	cr_expect_eq(xnum(&d, "count((//w:tr)[11]/w:tc[3]/w:p)"), 3, "三 lines, three paragraphs");
	close_docx(&d);
}

Test(form_docx, the_closing_line_and_the_notes_are_under_the_tables)
{
	form_doc f = annex();
	f.notes = "说明：\n1. 「参加活动人数」：含线上直播观看。";
	docx d = open_docx(&f);
	const char *tbl = strstr(d.raw, "</w:tbl>");
	cr_assert_not_null(tbl);
	const char *last = tbl;
	while ((tbl = strstr(tbl + 1, "</w:tbl>")))
		last = tbl;
	const char *closing = strstr(d.raw, FORM_CLOSING_LINE), *note = strstr(d.raw, "1. 「参加活动人数」：含线上直播观看。");
	cr_assert(closing && note && last < closing && closing < note, "the closing line after the last table, then the notes");
	cr_assert_not_null(strstr(d.raw, "主办单位及协办单位："), "the label with its colon");
	close_docx(&d);
}

Test(form_docx, hostile_text_is_escaped)
{
	form_doc f = annex();
	char *h = hostile_value();
	f.rows[10].value = h;
	f.rows[4].value = NULL;
	f.unit = "<b>东湖区</b> & \"教体局\"";
	f.title = NULL;
	docx d = open_docx(&f);
	cr_expect_null(strstr(d.raw, "<script>"), "raw <script> in the XML");
	cr_expect_null(strstr(d.raw, "<b>"), "raw <b> in the XML");
	for (const char *p = d.raw; *p; p++) {
		unsigned char c = (unsigned char)*p;
		cr_assert(c >= 0x20 || c == '\n', "a control character 0x%02x in the XML", c);
	}
	char *v = cell_text(&d, 10, 3);
	/* markup kept as text, controls dropped, bad bytes replaced, a line per paragraph */
	const char *want = HOSTILE_HEAD " 控制符坏字节\xEF\xBF\xBD\xEF\xBF\xBD制表\n第二段\n第三段\nABCDEFGHIJ";
	cr_expect_eq(strncmp(v, want, strlen(want)), 0, "got: %.120s", v);
	cr_expect_eq(xnum(&d, "count((//w:tr)[11]/w:tc[3]//w:tab)"), 1, "a tab is a w:tab");
	char *all = xstr(&d, "string(//w:body)");
	cr_expect_not_null(strstr(all, "填报单位（盖章）：<b>东湖区</b> & \"教体局\""));
	free(all);
	free(v);
	close_docx(&d);
	free(h);
}

Test(form_docx, a_draft_is_marked)
{
	form_doc f = annex();
	f.draft = true;
	docx d = open_docx(&f);
	char *first = xstr(&d, "string(//w:body/w:p[1])");
	cr_expect_str_eq(first, "草稿");
	free(first);
	close_docx(&d);
}

Test(form_docx, an_empty_form_is_a_valid_package)
{
	form_doc f = {0};
	docx d = open_docx(&f);
	cr_expect_eq(xnum(&d, "count(//w:tbl)"), 0, "no table without rows: Word refuses one");
	close_docx(&d);
}

/* LibreOffice Writer opens the file and prints it to PDF (tests/soffice.sh:
 * a profile of its own; fails naming libreoffice-writer-nogui when missing). */
Test(form_docx, libreoffice_converts_it, .timeout = 120)
{
	form_doc f = annex();
	char *h = hostile_value();
	f.rows[10].value = h;
	buf file = BUF_INIT;
	char err[200];
	cr_assert_eq(form_docx(&f, &file, err, sizeof err), 0);
	char *path = write_tmp("form.docx", &file);
	char *cmd = NULL;
	cr_assert_gt(asprintf(&cmd, "sh tests/soffice.sh '%s' pdf '%s' 2>'%s/soffice.err'", tmpdir, path, tmpdir), 0);
	if (system(cmd) != 0) {
		char *log = run("cat '%s/soffice.err'", tmpdir);
		cr_assert_fail("LibreOffice did not print the DOCX to PDF:\n%s", log ? log : "");
	}
	free(cmd);
	char *text = run("pdftotext -enc UTF-8 '%s/form.pdf' -", tmpdir);
	cr_assert_not_null(text, "LibreOffice made no PDF");
	char *s = squeeze(text);
	/* pdftotext reads a label that LibreOffice wrapped in its cell together
	 * with the cells beside it, so only the one-line labels are looked for */
	for (int i = 0; i < f.nrows; i++)
		if (g_utf8_strlen(f.rows[i].label, -1) <= 8)
			expect_in(s, f.rows[i].label, "label in LibreOffice's PDF");
	expect_in(s, f.title, "title in LibreOffice's PDF");
	expect_in(s, "<script>alert", "hostile value in LibreOffice's PDF");
	free(s);
	free(text);
	free(path);
	buf_free(&file);
	free(h);
}
