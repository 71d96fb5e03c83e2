/* stats.h: the centre's view of the city: statistics with charts, the city's
 * own summary form (view, edit, PDF, DOCX) and the gallery of cases and photos. */
#ifndef LW_PAGES_STATS_H
#define LW_PAGES_STATS_H
#include "pages/pages.h"

void page_stats(req *r, resp *w);
void page_city_form(req *r, resp *w);
void page_city_form_edit(req *r, resp *w);
void page_city_form_save(req *r, resp *w);
void page_city_form_pdf(req *r, resp *w);
void page_city_form_docx(req *r, resp *w);
void page_gallery(req *r, resp *w);

/* shared with the exports page */
/* The week of ?week= (or the current one) loaded into wk; false after a page saying there is none. */
bool stats_week(req *r, resp *w, const char *title, week *wk);
/* A small GET form that switches to another week, keeping to path. */
void week_picker(req *r, buf *b, const char *path, long long current);
/* "attachment; filename=...; filename*=UTF-8''..." for a download named name (ascii: a plain fallback). */
const char *download_name(req *r, const char *name, const char *ascii);
#endif
