/* form_pdf.c: the summary form (总结表) as an A4 PDF in the annex's layout,
 * drawn with cairo's PDF surface and pango (Chinese line breaking, shaping,
 * justification, font fallback and subsetting through fontconfig).
 *
 * Two passes: paginate() measures every cell and cuts the rows into pieces
 * that fit a page (a value too long for the page continues on the next one,
 * its label repeated with （续）); render() then draws the pages, knowing how
 * many there are for the footer's 第 N 页 共 M 页. */
#include "form.h"
#include "qr.h"
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Geometry in PDF points. Margins follow the official-document page (GB/T
 * 9704: 28 mm binding side, 26 mm right); the bottom margin holds the footer. */
#define MM (72.0 / 25.4)
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define M_TOP (25 * MM)
#define M_LEFT (28 * MM)
#define M_RIGHT (26 * MM)
#define BODY_BOTTOM (PAGE_H - 30 * MM)
#define TEXT_W (PAGE_W - M_LEFT - M_RIGHT)
#define COL_GROUP (21 * MM)             /* 4 characters of 12 pt a line */
#define COL_LABEL (43 * MM)             /* 9: most labels on one line */
#define COL_VALUE (TEXT_W - COL_GROUP - COL_LABEL)
#define PAD_X (2 * MM)
#define PAD_Y (1.6 * MM)
#define MIN_ROW (10 * MM)               /* an empty row can still be filled in by hand */
#define TABLE_GAP (6 * MM)
#define QR_SIZE (16 * MM)
#define RULE 0.75

#define TITLE_PT 18                     /* 小二 */
#define BODY_PT 12                      /* 小四 */
#define FOOT_PT 9
#define SPLIT_MIN 3                     /* a row is split only if this many lines stay behind */
#define WIDOW_MIN 2                     /* … and this many go on */
#define MAX_LABEL_LINES 8               /* labels and group names are short; bound hostile ones */
#define LINE_SPACING 1.25               /* times the font's own line height */

/* Song typefaces, lightest first (measured here: AR PL UMing ~14 ms and ~100 KB
 * a form, Noto Serif CJK SC ~40 ms and ~600 KB because cairo 1.16 embeds its
 * CFF subroutines whole). LEARNWEEK_FORM_FONT names a family to try first, for
 * a site with its own licensed 仿宋 or 宋体. */
#define FAMILIES "AR PL UMing CN,Noto Serif CJK SC,Noto Serif CJK,serif"


typedef struct vline {        /* one line of a value, in points from the layout's top */
	PangoLayoutLine *line;
	double top, bottom, baseline, x;
} vline;

typedef struct cellrow {      /* the measured cells of one form row */
	const char *group;        /* NULL: the label spans the group column too */
	PangoLayout *label, *label_cont, *value, *grouplay;
	double label_h, cont_h, group_h;
	vline *lines;
	int nlines;
} cellrow;

typedef struct piece {        /* the part of a row drawn on one page */
	int row, page;
	int line0, line1;         /* value lines [line0, line1) */
	bool cont;                /* continues a row from the page before */
	bool run_start;           /* first piece of a group cell on this page */
	double y, h;
} piece;

typedef struct pdf {
	const form_doc *f;
	cairo_t *cr;
	PangoContext *pc;
	char *families;
	cellrow *rows;            /* nrows */
	int nrows, first_table;
	piece *pieces;
	int npieces, cap;
	int pages;
	double header_bottom;     /* where the table starts on the first page */
	PangoLayout *title, *unit, *date;
	PangoLayout *foot;        /* the closing line and the 说明 notes, under the tables */
	int foot_page;
	double foot_y;
} pdf;

/* Text fit for pango: valid UTF-8 (bad bytes become U+FFFD), no control
 * characters but newlines (CR LF and lone CR become LF, a tab a space). */
static char *clean(const char *s)
{
	char *v = g_utf8_make_valid(s ? s : "", -1);
	char *w = v;
	for (const char *r = v; *r; r++) {
		unsigned char c = (unsigned char)*r;
		if (c == '\r') {
			*w++ = '\n';
			if (r[1] == '\n')
				r++;
		} else if (c == '\t') {
			*w++ = ' ';
		} else if (c >= 0x20 && c != 0x7f) {
			*w++ = (char)c;
		} else if (c == '\n') {
			*w++ = '\n';
		}
	}
	*w = 0;
	return v;
}

static PangoLayout *layout(pdf *p, const char *text, double size_pt, bool bold, double width,
                           PangoAlignment align, int max_lines)
{
	PangoLayout *l = pango_layout_new(p->pc);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, p->families);
	/* pango assumes 96 dpi; an absolute size is in user units, which are points here */
	pango_font_description_set_absolute_size(fd, size_pt * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_line_spacing(l, LINE_SPACING);
	/* a word broken at a character gets no hyphen: the text must stay as typed */
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(false));
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	if (max_lines > 0) {
		pango_layout_set_height(l, -max_lines);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	char *t = clean(text);
	pango_layout_set_text(l, t, -1);
	g_free(t);
	return l;
}

/* Justifies every line but the last of a paragraph the way Chinese is set:
 * the slack goes between two characters where either is wide (CJK) and after
 * spaces, while Latin words keep their letters together. pango's own
 * justification widens only the spaces of a line that has any, which opens a
 * single wide gap in a line such as "126 场：线上 48，线下 78". A line with
 * much slack (it ends before a long word) stays ragged. */
static void justify(PangoLayout *l, double width_pt)
{
	int width = (int)(width_pt * PANGO_SCALE);
	const char *text = pango_layout_get_text(l);
	/* not _readonly: pango must not keep extents cached from the old widths */
	for (GSList *li = pango_layout_get_lines(l); li && li->next; li = li->next) {
		PangoLayoutLine *line = li->data;
		if (((PangoLayoutLine *)li->next->data)->is_paragraph_start)
			continue;
		int used = 0;
		for (GSList *r = line->runs; r; r = r->next)
			used += pango_glyph_string_get_width(((PangoGlyphItem *)r->data)->glyphs);
		int slack = width - used, gaps = 0, done = 0;
		if (slack <= 0 || slack > width / 3)
			continue;
		for (int adjust = 0; adjust < 2; adjust++) {
			PangoGlyphInfo *prev = NULL;
			gunichar prev_ch = 0;
			int k = 0;
			for (GSList *r = line->runs; r; r = r->next) {
				PangoGlyphItem *run = r->data;
				PangoGlyphString *g = run->glyphs;
				for (int i = 0; i < g->num_glyphs; i++) {
					if (g->glyphs[i].attr.is_cluster_start) {
						gunichar ch = g_utf8_get_char(text + run->item->offset + g->log_clusters[i]);
						if (prev && (g_unichar_iswide(prev_ch) || g_unichar_iswide(ch) || prev_ch == ' ')) {
							if (adjust) {
								int add = (int)((long long)slack * (k + 1) / gaps) - done;
								prev->geometry.width += add;
								done += add;
							}
							k++;
						}
						prev_ch = ch;
					}
					prev = &g->glyphs[i];
				}
			}
			gaps = k;
			if (gaps == 0)
				break;
		}
	}
}

static double height_of(PangoLayout *l)
{
	int h;
	pango_layout_get_size(l, NULL, &h);
	return (double)h / PANGO_SCALE;
}

/* Draws l with its top-left at (x, y). */
static void show(pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

static void measure_row(pdf *p, int i)
{
	const form_row *r = &p->f->rows[i];
	cellrow *c = &p->rows[i];
	c->group = r->group;
	double lw = (r->group ? COL_LABEL : COL_GROUP + COL_LABEL) - 2 * PAD_X;
	const char *label = r->label ? r->label : "";
	c->label = layout(p, label, BODY_PT, false, lw, PANGO_ALIGN_CENTER, MAX_LABEL_LINES);
	c->label_h = height_of(c->label);
	char *cont = g_strconcat(label, "（续）", NULL);
	c->label_cont = layout(p, cont, BODY_PT, false, lw, PANGO_ALIGN_CENTER, MAX_LABEL_LINES);
	g_free(cont);
	c->cont_h = height_of(c->label_cont);
	if (r->group) {
		c->grouplay = layout(p, r->group, BODY_PT, false, COL_GROUP - 2 * PAD_X, PANGO_ALIGN_CENTER,
		                     MAX_LABEL_LINES);
		c->group_h = height_of(c->grouplay);
	}
	c->value = layout(p, r->value, BODY_PT, false, COL_VALUE - 2 * PAD_X, PANGO_ALIGN_LEFT, 0);
	justify(c->value, COL_VALUE - 2 * PAD_X);
	c->nlines = pango_layout_get_line_count(c->value);
	c->lines = g_new0(vline, c->nlines > 0 ? c->nlines : 1);
	PangoLayoutIter *it = pango_layout_get_iter(c->value);
	int n = 0;
	do {
		int y0, y1;
		PangoRectangle logical;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		c->lines[n] = (vline){
			.line = pango_layout_iter_get_line_readonly(it),
			.top = (double)y0 / PANGO_SCALE,
			.bottom = (double)y1 / PANGO_SCALE,
			.baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE,
			.x = (double)logical.x / PANGO_SCALE,
		};
		n++;
	} while (n < c->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	c->nlines = n;
}

static double span(const cellrow *c, int a, int b)
{
	return c->lines[b - 1].bottom - c->lines[a].top;
}

/* The height of a piece of row c holding value lines [a, b). */
static double piece_h(const cellrow *c, int a, int b, bool cont)
{
	double h = span(c, a, b) + 2 * PAD_Y;
	double lh = (cont ? c->cont_h : c->label_h) + 2 * PAD_Y;
	if (h < lh)
		h = lh;
	return h < MIN_ROW ? MIN_ROW : h;
}

static piece *add_piece(pdf *p)
{
	if (p->npieces == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 32;
		p->pieces = g_renew(piece, p->pieces, p->cap);
	}
	piece *pc = &p->pieces[p->npieces++];
	memset(pc, 0, sizeof *pc);
	return pc;
}

/* The state of the group cell being laid out on the current page. */
typedef struct run {
	int last;                 /* its last piece, -1 when none is open */
	double sum, need;         /* the height of its pieces, and what its text needs */
} run;

/* How much a group cell of need points still lacks if its pieces stop at sum. */
static double lack(double need, double sum)
{
	return need > sum ? need - sum : 0;
}

/* Closes the open group cell: its last piece grows until the group name fits. */
static void end_run(pdf *p, run *r, double *y)
{
	if (r->last >= 0) {
		double d = lack(r->need, r->sum);
		p->pieces[r->last].h += d;
		*y += d;
	}
	r->last = -1;
	r->sum = r->need = 0;
}

static void paginate(pdf *p)
{
	int page = 0;
	double y = p->header_bottom, top = p->header_bottom;
	run r = {.last = -1};
	for (int i = 0; i < p->nrows; i++) {
		cellrow *c = &p->rows[i];
		bool same_group = i > 0 && i != p->first_table && c->group && p->rows[i - 1].group &&
		                  strcmp(c->group, p->rows[i - 1].group) == 0;
		if (!same_group)
			end_run(p, &r, &y);
		if (i > 0 && i == p->first_table && y > top)
			y += TABLE_GAP;
		int a = 0;
		bool cont = false;
		while (a < c->nlines) {
			double need = c->group ? c->group_h + 2 * PAD_Y : 0;
			double sum = r.last >= 0 ? r.sum : 0;
			double avail = BODY_BOTTOM - y;
			int b = c->nlines;
			double h = piece_h(c, a, b, cont);
			if (h + lack(need, sum + h) > avail) {
				/* the most lines that fit here, leaving enough to go on */
				for (b = c->nlines - 1; b > a; b--) {
					h = piece_h(c, a, b, cont);
					if (h + lack(need, sum + h) <= avail)
						break;
				}
				bool fresh = y <= top;
				bool worth = b - a >= SPLIT_MIN && c->nlines - b >= WIDOW_MIN;
				if (!fresh && !worth) {
					end_run(p, &r, &y);
					page++;
					y = top = M_TOP;
					continue;
				}
				if (b == a) /* not even a line fits a fresh page: draw one anyway */
					b = a + 1, h = piece_h(c, a, b, cont);
			}
			piece *pc = add_piece(p);
			*pc = (piece){.row = i, .page = page, .line0 = a, .line1 = b, .cont = cont,
			              .run_start = c->group && r.last < 0, .y = y, .h = h};
			y += h;
			if (c->group) {
				r.last = p->npieces - 1;
				r.sum = sum + h;
				r.need = need;
			}
			a = b;
			if (a < c->nlines) {
				end_run(p, &r, &y);
				page++;
				y = top = M_TOP;
				cont = true;
			}
		}
	}
	end_run(p, &r, &y);
	/* the closing line (and the notes) under the second table, on the next page if it does not fit */
	double fh = height_of(p->foot);
	y += 3 * MM;
	if (y + fh > BODY_BOTTOM && y > top + 3 * MM) {
		page++;
		y = M_TOP;
	}
	p->foot_page = page;
	p->foot_y = y;
	p->pages = page + 1;
}

static void rect(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
}

/* Draws lines [a, b) of a value, centred vertically in a cell of height h. */
static void show_lines(pdf *p, const cellrow *c, int a, int b, double x, double y, double h)
{
	double off = y + (h - span(c, a, b)) / 2 - c->lines[a].top;
	for (int j = a; j < b; j++) {
		cairo_move_to(p->cr, x + c->lines[j].x, off + c->lines[j].baseline);
		pango_cairo_show_layout_line(p->cr, c->lines[j].line);
	}
}

static void draw_piece(pdf *p, const piece *pc)
{
	const cellrow *c = &p->rows[pc->row];
	double lx = M_LEFT + (c->group ? COL_GROUP : 0);
	double lw = (c->group ? COL_LABEL : COL_GROUP + COL_LABEL);
	double vx = M_LEFT + COL_GROUP + COL_LABEL;
	PangoLayout *label = pc->cont ? c->label_cont : c->label;
	double lh = pc->cont ? c->cont_h : c->label_h;
	show(p, label, lx + PAD_X, pc->y + (pc->h - lh) / 2);
	show_lines(p, c, pc->line0, pc->line1, vx + PAD_X, pc->y, pc->h);
	rect(p->cr, lx, pc->y, lw, pc->h);
	rect(p->cr, vx, pc->y, COL_VALUE, pc->h);
}

/* The group cell that starts at piece k: it spans the pieces of the same group on the page. */
static void draw_group(pdf *p, int k)
{
	const piece *first = &p->pieces[k];
	const cellrow *c = &p->rows[first->row];
	double h = first->h;
	for (int j = k + 1; j < p->npieces && !p->pieces[j].run_start && p->pieces[j].page == first->page &&
	                    p->rows[p->pieces[j].row].group;
	     j++)
		h += p->pieces[j].h;
	show(p, c->grouplay, M_LEFT + PAD_X, first->y + (h - c->group_h) / 2);
	rect(p->cr, M_LEFT, first->y, COL_GROUP, h);
}

static void draw_header(pdf *p)
{
	double y = M_TOP;
	show(p, p->title, M_LEFT, y);
	y += height_of(p->title) + 6 * MM;
	show(p, p->unit, M_LEFT, y);
	int dw;
	pango_layout_get_size(p->date, &dw, NULL);
	show(p, p->date, PAGE_W - M_RIGHT - (double)dw / PANGO_SCALE, y);
}

static void draw_draft_mark(pdf *p)
{
	cairo_t *cr = p->cr;
	PangoLayout *l = layout(p, "草稿", 110, true, 0, PANGO_ALIGN_LEFT, 0);
	pango_layout_set_width(l, -1);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	cairo_save(cr);
	cairo_translate(cr, PAGE_W / 2, PAGE_H / 2);
	cairo_rotate(cr, -G_PI / 6);
	cairo_set_source_rgba(cr, 0.75, 0.1, 0.1, 0.18);
	pango_cairo_update_layout(cr, l);
	cairo_move_to(cr, -(double)w / PANGO_SCALE / 2, -(double)h / PANGO_SCALE / 2);
	pango_cairo_show_layout(cr, l);
	cairo_restore(cr);
	g_object_unref(l);
}

static void draw_qr(cairo_t *cr, const qr *q, double x, double y, double size)
{
	double m = size / q->width;
	for (int r = 0; r < q->width; r++)
		for (int col = 0; col < q->width; col++)
			if (q->data[r * q->width + col] & 1)
				cairo_rectangle(cr, x + col * m, y + r * m, m, m);
	cairo_fill(cr);
}

void form_digest_lines(const char *digest, char out[80])
{
	size_t n = 0;
	for (int i = 0; i < 64 && digest[i]; i++) {
		if (i && i % 8 == 0)
			out[n++] = i % 32 == 0 ? '\n' : ' ';
		out[n++] = digest[i];
	}
	out[n] = 0;
}

static void draw_footer(pdf *p, int page, const qr *q)
{
	const form_doc *f = p->f;
	double mid = PAGE_H - 8 * MM - QR_SIZE / 2;   /* the footer's text is centred on the QR */
	char num[64];
	snprintf(num, sizeof num, "第 %d 页 共 %d 页", page + 1, p->pages);
	PangoLayout *l = layout(p, num, FOOT_PT, false, TEXT_W, PANGO_ALIGN_CENTER, 1);
	show(p, l, M_LEFT, mid - height_of(l) / 2);
	g_object_unref(l);
	char *left = NULL;
	int lines = 1;
	double pt = FOOT_PT;
	if (f->verify_code && *f->verify_code && f->digest && strlen(f->digest) == 64) {
		/* the code, then the digest a reader compares with /verify/CODE */
		char dl[80];
		form_digest_lines(f->digest, dl);
		left = g_strconcat("校验码：", f->verify_code, "\n摘要 SHA-256：\n", dl, NULL);
		lines = 4;
		pt = FOOT_PT - 2;
	} else if (f->verify_code && *f->verify_code) {
		left = g_strconcat("校验码：", f->verify_code, NULL);
	} else if (f->draft) {
		left = g_strdup("草稿，未提交");
	}
	if (left) {
		l = layout(p, left, pt, false, TEXT_W / 2 - 16 * MM, PANGO_ALIGN_LEFT, lines);
		show(p, l, M_LEFT, mid - height_of(l) / 2);
		g_object_unref(l);
		g_free(left);
	}
	if (q)
		draw_qr(p->cr, q, PAGE_W - M_RIGHT - QR_SIZE, mid - QR_SIZE / 2, QR_SIZE);
}

static void render(pdf *p, const qr *q)
{
	cairo_t *cr = p->cr;
	int k = 0;
	for (int page = 0; page < p->pages; page++) {
		if (p->f->draft)
			draw_draft_mark(p);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, RULE);
		if (page == 0)
			draw_header(p);
		for (; k < p->npieces && p->pieces[k].page == page; k++) {
			draw_piece(p, &p->pieces[k]);
			if (p->pieces[k].run_start)
				draw_group(p, k);
		}
		if (page == p->foot_page)
			show(p, p->foot, M_LEFT, p->foot_y);
		draw_footer(p, page, q);
		cairo_show_page(cr);
	}
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void layout_header(pdf *p)
{
	const form_doc *f = p->f;
	p->title = layout(p, f->title, TITLE_PT, true, TEXT_W, PANGO_ALIGN_CENTER, 3);
	char *date = g_strconcat("填报日期：", f->filled_on ? f->filled_on : "", NULL);
	p->date = layout(p, date, BODY_PT, false, TEXT_W / 2, PANGO_ALIGN_LEFT, 1);
	g_free(date);
	int dw;
	pango_layout_get_size(p->date, &dw, NULL);
	char *unit = g_strconcat("填报单位（盖章）：", f->unit ? f->unit : "", NULL);
	p->unit = layout(p, unit, BODY_PT, false, TEXT_W - (double)dw / PANGO_SCALE - 8 * MM, PANGO_ALIGN_LEFT, 3);
	g_free(unit);
	p->header_bottom = M_TOP + height_of(p->title) + 6 * MM + height_of(p->unit) + 3 * MM;
	char *foot = f->notes && *f->notes ? g_strconcat(FORM_CLOSING_LINE, "\n", f->notes, NULL) : g_strdup(FORM_CLOSING_LINE);
	p->foot = layout(p, foot, BODY_PT, false, TEXT_W, PANGO_ALIGN_LEFT, 0);
	g_free(foot);
}

static void pdf_free(pdf *p)
{
	for (int i = 0; i < p->nrows; i++) {
		cellrow *c = &p->rows[i];
		g_clear_object(&c->label);
		g_clear_object(&c->label_cont);
		g_clear_object(&c->value);
		g_clear_object(&c->grouplay);
		g_free(c->lines);
	}
	g_clear_object(&p->title);
	g_clear_object(&p->unit);
	g_clear_object(&p->date);
	g_clear_object(&p->foot);
	g_free(p->pieces);
	g_free(p->rows);
	g_free(p->families);
	g_clear_object(&p->pc);
}

int form_pdf(const form_doc *f, buf *out, char *err, size_t errlen)
{
	pdf p = {.f = f};
	p.nrows = f->nrows < 0 || !f->rows ? 0 : f->nrows;
	p.rows = g_new0(cellrow, p.nrows + 1);
	p.first_table = f->first_table_rows > 0 && f->first_table_rows < p.nrows ? f->first_table_rows : p.nrows;
	const char *own = getenv("LEARNWEEK_FORM_FONT");
	p.families = own && *own && strlen(own) < 200 ? g_strconcat(own, ",", FAMILIES, NULL) : g_strdup(FAMILIES);

	size_t start = out->len;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	if (f->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, f->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "learnweek");
	if (f->created)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, f->created);
	p.cr = cairo_create(s);
	p.pc = pango_cairo_create_context(p.cr);

	layout_header(&p);
	for (int i = 0; i < p.nrows; i++)
		measure_row(&p, i);
	paginate(&p);

	qr q = {0};
	bool has_qr = f->verify_url && *f->verify_url && qr_make(&q, f->verify_url);
	render(&p, has_qr ? &q : NULL);
	if (has_qr)
		qr_free(&q);

	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	pdf_free(&p);
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "PDF 生成失败：%s", cairo_status_to_string(st));
		out->len = start;
		return -1;
	}
	return 0;
}
