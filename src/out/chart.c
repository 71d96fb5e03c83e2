/* chart.c: horizontal bar charts in SVG. Plain geometry in a fixed viewBox
 * that scales with the page; colours that keep 3:1 against white and against
 * each other's neighbours; every label and value written with H(), so a unit
 * named <script> stays text. */
#include "chart.h"
#include <stdio.h>
#include <string.h>

#define W 420          /* viewBox width: legible on a 375 px phone, where it is drawn about 340 px wide */
#define BAR_X 2        /* bars start at the left: each category's name is on its own line above them */
#define VALUE_W 78     /* room after the longest bar for its value */
#define BAR_H 16       /* one series' bar, side by side */
#define STACK_H 22     /* a stacked bar */
#define GAP 10         /* between categories */
#define LEGEND_H 26
#define LINE_H 19      /* a line of a category's name */
#define LINE_CHARS 26  /* characters on a line of a name (15 px CJK in 420) */

static const char *const palette[] = {"#0b4fa8", "#b35900", "#1e6b34", "#6b3fa0", "#a61b1b", "#4a4a4a"};
#define NPALETTE (int)(sizeof palette / sizeof *palette)

static const char *color(const chart *c, int s)
{
	/* side by side, the second series is the earlier year: a quiet grey */
	if (!c->stacked && c->nseries == 2 && s == 1)
		return "#8a94a3";
	return palette[s % NPALETTE];
}

static long long row_value(const chart *c, int i)
{
	long long v = 0;
	for (int s = 0; s < c->nseries; s++)
		v = c->stacked ? v + c->series[s].v[i] : (c->series[s].v[i] > v ? c->series[s].v[i] : v);
	return v;
}

/* How many characters s has (UTF-8). */
static int chars_of(const char *s)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

/* The lines a category's whole name takes, LINE_CHARS characters each. */
static int label_lines(const char *s)
{
	int n = chars_of(s);
	return n ? (n + LINE_CHARS - 1) / LINE_CHARS : 1;
}

/* The whole name, broken into lines of LINE_CHARS characters (never cut). */
static void label_text(html *b, const char *s, int y)
{
	const char *p = s;
	for (int line = 0; *p || line == 0; line++) {
		const char *start = p;
		for (int k = 0; *p && k < LINE_CHARS; k++) {
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
		}
		H(b, "<text x=\"%d\" y=\"%d\" class=\"l\">", BAR_X, y + line * LINE_H);
		html_txtn(b, start, (size_t)(p - start));
		html(b, "</text>");
		if (!*p)
			break;
	}
}

static double bar_width(long long v, long long max)
{
	if (v <= 0 || max <= 0)
		return 0;
	double w = (double)v * (W - BAR_X - VALUE_W) / (double)max;
	return w < 1 ? 1 : w;
}

/* A coordinate as SVG text (%.1f: digits, a point and a minus, nothing to
 * escape), into s (24 bytes), for the %s of H(). */
static const char *num(char s[24], double x)
{
	snprintf(s, 24, "%.1f", x);
	return s;
}

static void value_text(html *b, double x, double y, long long v, const char *measure)
{
	char t[2][24];
	H(b, "<text x=\"%s\" y=\"%s\" class=\"v\">%D%s</text>", num(t[0], x), num(t[1], y), v, measure ? measure : "");
}

static void rect(html *b, double x, double y, double w, double h, const char *fill, const char *label,
		 const char *series, long long v, const char *measure)
{
	char t[4][24];
	H(b, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"><title>%s%s%s：%D%s</title></rect>",
	  num(t[0], x), num(t[1], y), num(t[2], w), num(t[3], h), fill, label, series ? " · " : "", series ? series : "", v,
	  measure ? measure : "");
}

void chart_svg(html *b, const chart *c)
{
	int legend = c->nseries > 1 ? LEGEND_H : 0;
	int bars_h = c->stacked ? STACK_H : c->nseries * BAR_H + (c->nseries - 1) * 2;
	int height = legend + 4;
	for (int i = 0; i < c->n; i++)
		height += label_lines(c->labels[i]) * LINE_H + 3 + bars_h + GAP;
	long long max = 0;
	for (int i = 0; i < c->n; i++)
		if (row_value(c, i) > max)
			max = row_value(c, i);
	H(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	     "aria-labelledby=\"%s-t\" class=\"chart-svg\" font-size=\"15\"><title id=\"%s-t\">%s</title>",
	  W, height, W, height, c->id, c->id, c->title);
	if (legend) {
		int x = BAR_X;
		for (int s = 0; s < c->nseries; s++) {
			H(b, "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"></rect><text x=\"%d\" y=\"17\">%s</text>", x,
			  color(c, s), x + 16, c->series[s].name);
			x += 16 + 15 * chars_of(c->series[s].name) + 14;
		}
	}
	int y0 = legend;
	for (int i = 0; i < c->n; i++) {
		int lines = label_lines(c->labels[i]);
		html(b, "<g>");
		label_text(b, c->labels[i], y0 + 15);
		int yb = y0 + lines * LINE_H + 3;
		if (c->stacked) {
			double x = BAR_X;
			for (int s = 0; s < c->nseries; s++) {
				double w = bar_width(c->series[s].v[i], max);
				if (w > 0)
					rect(b, x, yb, w, STACK_H, color(c, s), c->labels[i], c->nseries > 1 ? c->series[s].name : NULL,
					     c->series[s].v[i], c->measure);
				x += w;
			}
			value_text(b, x + 4, yb + STACK_H / 2.0 + 5, row_value(c, i), c->measure);
		} else {
			for (int s = 0; s < c->nseries; s++) {
				double y = yb + s * (BAR_H + 2);
				double w = bar_width(c->series[s].v[i], max);
				if (w > 0)
					rect(b, BAR_X, y, w, BAR_H, color(c, s), c->labels[i], c->nseries > 1 ? c->series[s].name : NULL,
					     c->series[s].v[i], c->measure);
				value_text(b, BAR_X + w + 4, y + BAR_H / 2.0 + 4.5, c->series[s].v[i], c->measure);
			}
		}
		html(b, "</g>");
		y0 = yb + bars_h + GAP;
	}
	html(b, "</svg>");
}

void chart_table(html *b, const chart *c)
{
	bool sum_col = c->stacked && c->nseries > 1;
	H(b, "<div class=\"table-wrap\"><table class=\"chart-data\"><caption>%s%s%s%s</caption><thead><tr><th scope=\"col\">%s</th>",
	  c->title, c->measure ? "（单位：" : "", c->measure ? c->measure : "", c->measure ? "）" : "", c->label_head);
	for (int s = 0; s < c->nseries; s++)
		H(b, "<th scope=\"col\" class=\"num\">%s</th>", c->series[s].name);
	if (sum_col)
		html(b, "<th scope=\"col\" class=\"num\">合计</th>");
	if (c->extra_head)
		H(b, "<th scope=\"col\" class=\"num\">%s</th>", c->extra_head);
	html(b, "</tr></thead><tbody>");
	long long *sums = NULL;
	long long all = 0;
	long long stack_sums[16] = {0};
	if (c->nseries <= 16)
		sums = stack_sums;
	for (int i = 0; i < c->n; i++) {
		H(b, "<tr><th scope=\"row\">%s</th>", c->labels[i]);
		long long row = 0;
		for (int s = 0; s < c->nseries; s++) {
			H(b, "<td class=\"num\">%D</td>", c->series[s].v[i]);
			row += c->series[s].v[i];
			if (sums)
				sums[s] += c->series[s].v[i];
		}
		all += row;
		if (sum_col)
			H(b, "<td class=\"num\">%D</td>", row);
		if (c->extra_head)
			H(b, "<td class=\"num\">%s</td>", c->extra ? c->extra[i] : "");
		html(b, "</tr>");
	}
	html(b, "</tbody>");
	if (c->total_row && sums) {
		html(b, "<tfoot><tr><th scope=\"row\">合计</th>");
		for (int s = 0; s < c->nseries; s++)
			H(b, "<td class=\"num\">%D</td>", sums[s]);
		if (sum_col)
			H(b, "<td class=\"num\">%D</td>", all);
		if (c->extra_head)
			H(b, "<td class=\"num\">%s</td>", c->extra ? c->extra[c->n] : "");
		html(b, "</tr></tfoot>");
	}
	html(b, "</table></div>");
}

void chart_figure(html *b, const chart *c)
{
	H(b, "<figure class=\"chart\" id=\"%s\"><div class=\"chart-pic\">", c->id);
	chart_svg(b, c);
	html(b, "</div>");
	chart_table(b, c);
	html(b, "</figure>\n");
}
