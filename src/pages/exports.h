/* exports.h: the centre's exports: the city workbook and the ZIP of every
 * unit's package run as background jobs with a progress page; the city form
 * as PDF and DOCX. */
#ifndef LW_PAGES_EXPORTS_H
#define LW_PAGES_EXPORTS_H
#include "pages/pages.h"

void page_exports(req *r, resp *w);
void page_export_start(req *r, resp *w);
void page_export_job(req *r, resp *w);
void page_export_file(req *r, resp *w);
#endif
