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
void page_city_field_edit(req *r, resp *w);
void page_city_field_save(req *r, resp *w);
void page_city_form_docx(req *r, resp *w);
void page_city_finalise(req *r, resp *w);
void page_city_final_pdf(req *r, resp *w);
void page_city_final_docx(req *r, resp *w);
void page_gallery(req *r, resp *w);
#endif
