/* chart.h: bar charts as inline SVG, drawn on the server, and the same numbers
 * as a table beside them (for screen readers, for printing, and for anyone
 * who wants the figures rather than the picture). Every text is escaped. */
#ifndef LW_CHART_H
#define LW_CHART_H
#include <stdbool.h>
#include "core/html.h"

typedef struct chart_series {
	const char *name;         /* the legend and the table's column: "2022年", "扫码签到" */
	const long long *v;       /* one value per category */
} chart_series;

typedef struct chart {
	const char *id;           /* unique in the page; the figure's id, and its title's */
	const char *title;        /* the SVG's <title> and the table's caption */
	const char *measure;      /* after each value: "场", "人次" */
	const char *label_head;   /* the table's first column: "单位", "活动内容" */
	const char *const *labels;
	int n;                    /* categories: one bar (or group of bars) each */
	const chart_series *series;
	int nseries;
	bool stacked;             /* the series share one bar; else they stand side by side */
	bool total_row;           /* the table ends with a 合计 row */
	const char *extra_head;   /* one more column of text (e.g. 满意率), NULL for none */
	const char *const *extra; /* its n cells, and one more for the total row */
} chart;

/* Horizontal bars, one row per category; role="img" with a <title>. */
void chart_svg(html *b, const chart *c);
/* The numbers: a row per category, a column per series (and their sum when stacked). */
void chart_table(html *b, const chart *c);
/* Both in a <figure>: the picture beside its table. */
void chart_figure(html *b, const chart *c);
#endif
