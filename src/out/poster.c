/* poster.c: the A4 check-in poster. Layout is top-down in points; every text
 * block has a line limit so that the QR code, the reason the poster exists,
 * always keeps its space and is never smaller than about 6 cm. */
#include "poster.h"
#include "qr.h"
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#define PAGE_W 595.276   /* A4 in points */
#define PAGE_H 841.890
#define MARGIN 48.0
#define QR_MIN 170.0     /* 6 cm */
#define QR_MAX 320.0     /* 11.3 cm */
/* Song first, as official notices are set; pango falls back per character
 * (for 𠮷 or an emoji) through fontconfig. */
#define FONT_FAMILY "Noto Serif CJK SC, AR PL UMing CN, AR PL UMing TW, serif"

typedef struct style {
	double pt;
	bool bold;
	int max_lines;           /* cut with … after this many lines */
	PangoAlignment align;
	double r, g, b;
} style;

static PangoLayout *layout_for(cairo_t *cr, const char *text, const style *s, double width)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT_FAMILY);
	/* absolute: pango would otherwise scale sizes by 96/72 on a PDF */
	pango_font_description_set_absolute_size(fd, s->pt * PANGO_SCALE);
	pango_font_description_set_weight(fd, s->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, s->align);
	if (s->max_lines > 0) {
		pango_layout_set_height(l, -s->max_lines);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	/* plain text, never markup: "<b>" in a title is printed as typed */
	char *valid = g_utf8_make_valid(text ? text : "", -1);
	pango_layout_set_text(l, valid, -1);
	g_free(valid);
	return l;
}

/* Sets text at (x, y) within width; returns its height in points. */
static double text_at(cairo_t *cr, const char *text, const style *s, double x, double y, double width)
{
	PangoLayout *l = layout_for(cr, text, s, width);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	cairo_set_source_rgb(cr, s->r, s->g, s->b);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

/* Lines text would take without a limit. */
static int lines_of(cairo_t *cr, const char *text, style s, double width)
{
	s.max_lines = 0;
	PangoLayout *l = layout_for(cr, text, &s, width);
	int n = pango_layout_get_line_count(l);
	g_object_unref(l);
	return n;
}

/* The largest size at which the title fits in three lines. */
static style title_style(cairo_t *cr, const char *title, double width)
{
	static const double sizes[] = {34, 30, 26, 22};
	style s = {sizes[0], true, 0, PANGO_ALIGN_CENTER, 0, 0, 0};
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		s.pt = sizes[i];
		if (lines_of(cr, title, s, width) <= 3)
			return s;
	}
	s.pt = 20;
	s.max_lines = 4;
	return s;
}

/* One "时间  2022年12月1日…" row: the label in bold, the text beside it. */
static double fact_row(cairo_t *cr, const char *label, const char *text, double y, int max_lines)
{
	if (!text || !*text)
		return 0;
	style ls = {16, true, 1, PANGO_ALIGN_LEFT, 0.65, 0.11, 0.11};
	style ts = {16, false, max_lines, PANGO_ALIGN_LEFT, 0.1, 0.1, 0.1};
	double label_w = 56;
	text_at(cr, label, &ls, MARGIN, y, label_w);
	return text_at(cr, text, &ts, MARGIN + label_w, y, PAGE_W - 2 * MARGIN - label_w) + 8;
}

static void draw_qr(cairo_t *cr, const char *url, double x, double y, double size)
{
	qr q;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	if (!qr_make(&q, url ? url : ""))
		return;
	double m = size / (q.width + 8);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int row = 0; row < q.width; row++) {
		/* one rectangle per run of dark modules: no hairline seams in viewers */
		for (int col = 0; col < q.width;) {
			if (!(q.data[row * q.width + col] & 1)) {
				col++;
				continue;
			}
			int run = col;
			while (run < q.width && (q.data[row * q.width + run] & 1))
				run++;
			cairo_rectangle(cr, x + (col + 4) * m, y + (row + 4) * m, (run - col) * m, m);
			col = run;
		}
	}
	cairo_fill(cr);
	qr_free(&q);
}

static cairo_status_t sink(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

bool poster_pdf(buf *out, const poster *p)
{
	size_t start = out->len;
	cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(sink, out, PAGE_W, PAGE_H);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		return false;
	}
	char *title = g_utf8_make_valid(p->title ? p->title : "", -1);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "learnweek");
	cairo_t *cr = cairo_create(surf);
	double cw = PAGE_W - 2 * MARGIN, y = MARGIN;

	/* a red rule and the week, as a notice's letterhead */
	cairo_set_source_rgb(cr, 0.65, 0.11, 0.11);
	cairo_rectangle(cr, MARGIN, y, cw, 3);
	cairo_fill(cr);
	y += 12;
	style kicker = {14, false, 2, PANGO_ALIGN_CENTER, 0.3, 0.3, 0.3};
	y += text_at(cr, p->kicker, &kicker, MARGIN, y, cw) + 10;
	style head = {46, true, 1, PANGO_ALIGN_CENTER, 0.65, 0.11, 0.11};
	y += text_at(cr, "扫码签到", &head, MARGIN, y, cw) + 10;
	style ts = title_style(cr, title, cw);
	y += text_at(cr, title, &ts, MARGIN, y, cw) + 14;
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_rectangle(cr, MARGIN, y, cw, 0.8);
	cairo_fill(cr);
	y += 14;
	y += fact_row(cr, "时间", p->when, y, 2);
	y += fact_row(cr, "地点", p->venue, y, 3);
	y += fact_row(cr, "主办", p->host, y, 2);

	/* what stays at the bottom: instructions and the address */
	static const char steps[] = "请用微信“扫一扫”扫描二维码签到\n"
				    "已报名的居民：填写姓名和手机号后四位\n"
				    "未报名的居民：只填姓名即可\n"
				    "签到后欢迎对本次活动作出评价";
	style st = {15, false, 0, PANGO_ALIGN_CENTER, 0.1, 0.1, 0.1};
	style us = {8, false, 2, PANGO_ALIGN_CENTER, 0.4, 0.4, 0.4};
	PangoLayout *sl = layout_for(cr, steps, &st, cw), *ul = layout_for(cr, p->url, &us, cw);
	int sw, sh, uw, uh;
	pango_layout_get_size(sl, &sw, &sh);
	pango_layout_get_size(ul, &uw, &uh);
	g_object_unref(sl);
	g_object_unref(ul);
	double bottom = (double)(sh + uh) / PANGO_SCALE + 24;
	double size = PAGE_H - MARGIN - bottom - y - 8;
	if (size > QR_MAX)
		size = QR_MAX;
	if (size < QR_MIN)
		size = QR_MIN; /* cannot happen with the line limits above; keep it scannable anyway */
	double room = PAGE_H - MARGIN - bottom - y - size;
	y += room > 0 ? room / 2 : 0;
	draw_qr(cr, p->url, (PAGE_W - size) / 2, y, size);
	y += size + 8;
	y += text_at(cr, steps, &st, MARGIN, y, cw) + 12;
	text_at(cr, p->url, &us, MARGIN, y, cw);

	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	bool ok = cairo_surface_status(surf) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(surf);
	g_free(title);
	if (!ok)
		out->len = start;
	return ok;
}

