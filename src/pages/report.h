/* report.h: the unit's report: the summary form (view and edit), the plan and ceremony. */
#ifndef LW_PAGES_REPORT_H
#define LW_PAGES_REPORT_H
#include "pages/pages.h"
#include "domain/report.h"

void page_report(req *r, resp *w);
void page_report_edit(req *r, resp *w);
void page_report_fields(req *r, resp *w);
void page_report_plan_form(req *r, resp *w);
void page_report_plan(req *r, resp *w);
#endif
