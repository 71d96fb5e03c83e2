/* form_docx.c: the summary form (总结表) as a DOCX that units can polish in
 * Word, WPS or LibreOffice before they print and stamp it.
 *
 * The WordprocessingML is written by hand into a zip made with libzip: the
 * package is seven small parts with a fixed shape, Debian 12 packages no C
 * library that writes DOCX, and writing it ourselves keeps every runtime
 * string behind one escaping function (xml_text). */
#include "form.h"
#include "qr.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>
#include <zip.h>

/* Page and table geometry in twips (1/20 pt), the same as the PDF's. */
#define MM_TW(mm) ((int)((mm) * 1440 / 25.4 + 0.5))
#define PAGE_W 11906                    /* A4 */
#define PAGE_H 16838
#define M_TOP MM_TW(25)
#define M_BOTTOM MM_TW(25)
#define M_LEFT MM_TW(28)
#define M_RIGHT MM_TW(26)
#define TEXT_W (PAGE_W - M_LEFT - M_RIGHT)
#define COL_GROUP MM_TW(21)
#define COL_LABEL MM_TW(43)
#define COL_VALUE (TEXT_W - COL_GROUP - COL_LABEL)
#define MIN_ROW MM_TW(10)

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* Appends s[0..n) as XML character data: & < > " escaped, mended by
 * text_clean (bytes that are not UTF-8 become U+FFFD, the characters XML 1.0
 * forbids are dropped), and DEL and C1 controls dropped as well, which XML
 * only discourages but which mean nothing in a form. Tabs and line breaks are
 * the caller's. */
static void xml_text(buf *b, const char *s, size_t n)
{
	arena a = {0};
	const char *v = text_clean(&a, arena_strndup(&a, s, n));
	size_t vn = strlen(v);
	for (size_t i = 0; i < vn;) {
		unsigned c;
		size_t len = utf8_decode(v + i, vn - i, &c);
		switch (c) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default:
			if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
				break;
			buf_append(b, v + i, len);
		}
		i += len;
	}
	arena_free(&a);
}

static void xml_str(buf *b, const char *s)
{
	if (s)
		xml_text(b, s, strlen(s));
}

/* One run of text; a tab inside it becomes <w:tab/>. rpr is literal run
 * properties or "". */
static void run(buf *b, const char *rpr, const char *s, size_t n)
{
	buf_printf(b, "<w:r>%s", rpr);
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '\t')
			continue;
		if (i > start) {
			buf_puts(b, "<w:t xml:space=\"preserve\">");
			xml_text(b, s + start, i - start);
			buf_puts(b, "</w:t>");
		}
		if (i < n)
			buf_puts(b, "<w:tab/>");
		start = i + 1;
	}
	buf_puts(b, "</w:r>");
}

/* The text as paragraphs, one per line (CR LF, CR and LF all end a line);
 * always at least one paragraph, as a table cell needs. */
static void paragraphs(buf *b, const char *ppr, const char *s)
{
	s = s ? s : "";
	for (;;) {
		size_t n = strcspn(s, "\r\n");
		buf_printf(b, "<w:p><w:pPr>%s</w:pPr>", ppr);
		if (n)
			run(b, "", s, n);
		buf_puts(b, "</w:p>");
		if (!s[n])
			break;
		s += n + (s[n] == '\r' && s[n + 1] == '\n' ? 2 : 1);
	}
}

#define PPR_CENTER "<w:jc w:val=\"center\"/>"
#define PPR_VALUE "<w:jc w:val=\"both\"/>"

static void cell(buf *b, int width, int span, const char *merge, const char *ppr, const char *text)
{
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
	if (span > 1)
		buf_printf(b, "<w:gridSpan w:val=\"%d\"/>", span);
	buf_puts(b, merge);
	buf_puts(b, "<w:vAlign w:val=\"center\"/></w:tcPr>");
	paragraphs(b, ppr, text);
	buf_puts(b, "</w:tc>");
}

static const char *BORDER = "w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"";

/* Rows [from, to) as one table: a group cell spans its consecutive rows
 * (w:vMerge), a row without a group has its label across two columns
 * (w:gridSpan). */
static void table(buf *b, const form_row *rows, int from, int to)
{
	buf_printf(b, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>", TEXT_W);
	static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
	for (size_t i = 0; i < sizeof sides / sizeof *sides; i++)
		buf_printf(b, "<w:%s %s/>", sides[i], BORDER);
	buf_printf(b, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr>"
	              "<w:tblGrid><w:gridCol w:w=\"%d\"/><w:gridCol w:w=\"%d\"/><w:gridCol w:w=\"%d\"/></w:tblGrid>",
	           COL_GROUP, COL_LABEL, COL_VALUE);
	for (int i = from; i < to; i++) {
		const form_row *r = &rows[i];
		buf_printf(b, "<w:tr><w:trPr><w:trHeight w:val=\"%d\" w:hRule=\"atLeast\"/></w:trPr>", MIN_ROW);
		if (r->group) {
			bool cont = i > from && rows[i - 1].group && strcmp(rows[i - 1].group, r->group) == 0;
			if (cont)
				cell(b, COL_GROUP, 1, "<w:vMerge/>", PPR_CENTER, NULL);
			else
				cell(b, COL_GROUP, 1, "<w:vMerge w:val=\"restart\"/>", PPR_CENTER, r->group);
			cell(b, COL_LABEL, 1, "", PPR_CENTER, r->label);
		} else {
			cell(b, COL_GROUP + COL_LABEL, 2, "", PPR_CENTER, r->label);
		}
		cell(b, COL_VALUE, 1, "", PPR_VALUE, r->value);
		buf_puts(b, "</w:tr>");
	}
	buf_puts(b, "</w:tbl>");
}

static void document_xml(buf *b, const form_doc *f, int nrows, int first_table)
{
	buf_puts(b, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:body>");
	if (f->draft)
		buf_puts(b, "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val=\"C00000\"/>"
		            "<w:sz w:val=\"28\"/></w:rPr><w:t>草稿</w:t></w:r></w:p>");
	/* the title: 小二 (18 pt), bold, centred */
	buf_puts(b, "<w:p><w:pPr><w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/></w:pPr>");
	run(b, "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/></w:rPr>", f->title ? f->title : "",
	    f->title ? strlen(f->title) : 0);
	buf_puts(b, "</w:p>");
	/* 填报单位 on the left, 填报日期 against a right tab stop at the margin */
	buf_printf(b, "<w:p><w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"%d\"/></w:tabs><w:spacing w:after=\"120\"/></w:pPr>",
	           TEXT_W);
	buf unit = BUF_INIT;
	buf_puts(&unit, "填报单位（盖章）：");
	buf_puts(&unit, f->unit);
	buf_puts(&unit, "\t填报日期：");
	buf_puts(&unit, f->filled_on);
	run(b, "", unit.p, unit.len);
	buf_free(&unit);
	buf_puts(b, "</w:p>");
	if (nrows > 0)  /* Word refuses a table without rows */
		table(b, f->rows, 0, first_table);
	if (first_table < nrows) {
		/* a paragraph between them, or Word joins the two tables into one */
		buf_puts(b, "<w:p/>");
		table(b, f->rows, first_table, nrows);
	}
	/* the annex's closing line, then the 说明 notes, under the tables */
	paragraphs(b, "<w:spacing w:before=\"120\"/>", FORM_CLOSING_LINE);
	if (f->notes && *f->notes)
		paragraphs(b, "", f->notes);
	buf_printf(b, "<w:p/><w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId2\"/>"
	              "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
	              "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"851\" w:footer=\"851\" w:gutter=\"0\"/>"
	              "</w:sectPr></w:body></w:document>",
	           PAGE_W, PAGE_H, M_TOP, M_RIGHT, M_BOTTOM, M_LEFT);
}

/* 第 N 页 共 M 页 from Word's PAGE and NUMPAGES fields. A frozen version
 * (定稿 or submitted) also carries its code, the digest of its values and the
 * QR of its verify URL (word/media/qr.png), as the PDF does; the draft none. */
static void field(buf *b, const char *name)
{
	buf_printf(b, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> %s </w:instrText></w:r>"
	              "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
	              "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
	           name);
}

#define QR_EMU 576000   /* 16 mm, as in the PDF */

static void footer_xml(buf *b, const form_doc *f, bool with_qr)
{
	buf_puts(b, XML_DECL "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\""
	            " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
	            " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
	            " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">");
	if (with_qr)
		buf_printf(b, "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
		              "<wp:extent cx=\"%d\" cy=\"%d\"/><wp:docPr id=\"1\" name=\"QR\"/>"
		              "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
		              "<pic:nvPicPr><pic:cNvPr id=\"1\" name=\"qr.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
		              "<pic:blipFill><a:blip r:embed=\"rIdQr\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
		              "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%d\" cy=\"%d\"/></a:xfrm>"
		              "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
		              "</wp:inline></w:drawing></w:r></w:p>", QR_EMU, QR_EMU, QR_EMU, QR_EMU);
	if (f->verify_code && *f->verify_code) {
		buf line = BUF_INIT;
		buf_puts(&line, "校验码：");
		buf_puts(&line, f->verify_code);
		buf_puts(b, "<w:p>");
		run(b, "<w:rPr><w:sz w:val=\"16\"/></w:rPr>", line.p, line.len);
		buf_puts(b, "</w:p>");
		if (f->digest && strlen(f->digest) == 64) {
			char dl[80];
			form_digest_lines(f->digest, dl);
			for (char *p = dl; *p; p++)
				if (*p == '\n')
					*p = ' ';
			buf_reset(&line);
			buf_puts(&line, "摘要 SHA-256：");
			buf_puts(&line, dl);
			buf_puts(b, "<w:p>");
			run(b, "<w:rPr><w:sz w:val=\"16\"/></w:rPr>", line.p, line.len);
			buf_puts(b, "</w:p>");
		}
		buf_free(&line);
	}
	buf_puts(b, "<w:p><w:pPr><w:jc w:val=\"center\"/>"
	            "<w:rPr><w:sz w:val=\"18\"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t xml:space=\"preserve\">第 </w:t></w:r>");
	field(b, "PAGE");
	buf_puts(b, "<w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t xml:space=\"preserve\"> 页 共 </w:t></w:r>");
	field(b, "NUMPAGES");
	buf_puts(b, "<w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t xml:space=\"preserve\"> 页</w:t></w:r></w:p></w:ftr>");
}

/* 宋体 for Chinese (w:hint makes Word take it for the quotation marks too),
 * Times New Roman for Latin and digits, 小四 (12 pt) body, single spacing. */
static const char STYLES[] = XML_DECL
	"<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>"
	"<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\" w:cs=\"Times New Roman\" w:hint=\"eastAsia\"/>"
	"<w:kern w:val=\"2\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
	"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr>"
	"</w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
	"<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/>"
	"<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"57\" w:type=\"dxa\"/>"
	"<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
	"</w:tblPr></w:style></w:styles>";

static const char CONTENT_TYPES[] = XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Default Extension=\"png\" ContentType=\"image/png\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
	"</Types>";

static const char PACKAGE_RELS[] = XML_DECL
	"<Relationships xmlns=\"" NS_PKG_REL "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" NS_R "/extended-properties\" Target=\"docProps/app.xml\"/>"
	"</Relationships>";

static const char DOCUMENT_RELS[] = XML_DECL
	"<Relationships xmlns=\"" NS_PKG_REL "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_R "/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" NS_R "/footer\" Target=\"footer1.xml\"/>"
	"</Relationships>";

static const char FOOTER_RELS[] = XML_DECL
	"<Relationships xmlns=\"" NS_PKG_REL "\">"
	"<Relationship Id=\"rIdQr\" Type=\"" NS_R "/image\" Target=\"media/qr.png\"/>"
	"</Relationships>";

static const char APP[] = XML_DECL
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	"<Application>learnweek</Application></Properties>";

static void core_xml(buf *b, const form_doc *f)
{
	buf_puts(b, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
	            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
	xml_str(b, f->title);
	buf_puts(b, "</dc:title><dc:creator>");
	xml_str(b, f->unit);
	buf_puts(b, "</dc:creator></cp:coreProperties>");
}

/* Adds one part; the zip reads data when it is closed. A fixed time stamp
 * makes the same form give the same bytes. */
static bool add(zip_t *z, const char *name, const void *data, size_t len)
{
	zip_source_t *s = zip_source_buffer(z, data, len, 0);
	zip_int64_t i = s ? zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) : -1;
	if (i < 0) {
		zip_source_free(s);
		return false;
	}
	return zip_file_set_mtime(z, (zip_uint64_t)i, 1669852800 /* 2022-12-01 */, 0) == 0;
}

/* Reads the finished archive's bytes from its source and appends them to out. */
static bool read_source(zip_source_t *src, buf *out)
{
	zip_stat_t st;
	if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(src) < 0)
		return false;
	buf_reserve(out, st.size);
	zip_int64_t n = zip_source_read(src, out->p + out->len, st.size);
	zip_source_close(src);
	if (n < 0 || (zip_uint64_t)n != st.size)
		return false;
	out->len += (size_t)n;
	out->p[out->len] = 0;
	return true;
}

int form_docx(const form_doc *f, buf *out, char *err, size_t errlen)
{
	int nrows = f->nrows < 0 || !f->rows ? 0 : f->nrows;
	int first_table = f->first_table_rows > 0 && f->first_table_rows < nrows ? f->first_table_rows : nrows;
	buf doc = BUF_INIT, foot = BUF_INIT, core = BUF_INIT, png = BUF_INIT;
	document_xml(&doc, f, nrows, first_table);
	bool has_qr = f->verify_url && *f->verify_url && qr_png(f->verify_url, 8, &png);
	footer_xml(&foot, f, has_qr);
	core_xml(&core, f);

	int rc = -1;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z = NULL;
	if (src) {
		zip_source_keep(src);  /* it outlives the archive: its bytes are the file */
		z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	}
	if (!z) {
		snprintf(err, errlen, "DOCX 生成失败：%s", zip_error_strerror(&ze));
		goto done;
	}
	bool ok = add(z, "[Content_Types].xml", CONTENT_TYPES, sizeof CONTENT_TYPES - 1) &&
	          add(z, "_rels/.rels", PACKAGE_RELS, sizeof PACKAGE_RELS - 1) &&
	          add(z, "word/document.xml", doc.p, doc.len) &&
	          add(z, "word/_rels/document.xml.rels", DOCUMENT_RELS, sizeof DOCUMENT_RELS - 1) &&
	          add(z, "word/styles.xml", STYLES, sizeof STYLES - 1) &&
	          add(z, "word/footer1.xml", foot.p, foot.len) &&
	          add(z, "docProps/core.xml", core.p, core.len) &&
	          add(z, "docProps/app.xml", APP, sizeof APP - 1) &&
	          (!has_qr || (add(z, "word/_rels/footer1.xml.rels", FOOTER_RELS, sizeof FOOTER_RELS - 1) &&
	                   add(z, "word/media/qr.png", png.p, png.len)));
	if (!ok || zip_close(z) < 0) {
		snprintf(err, errlen, "DOCX 生成失败：%s", zip_error_strerror(zip_get_error(z)));
		zip_discard(z);
		goto done;
	}
	if (!read_source(src, out)) {
		snprintf(err, errlen, "DOCX 生成失败：读不出压缩包");
		goto done;
	}
	rc = 0;
done:
	zip_error_fini(&ze);
	if (src)
		zip_source_free(src);
	buf_free(&doc);
	buf_free(&foot);
	buf_free(&core);
	buf_free(&png);
	return rc;
}
