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

/* shared with the submission and review pages */
bool report_from_path(req *r, resp *w, report *rep);   /* :unit + ?week=, or fails */
/* The form as the annex lays it out, read-only: values, sources, overrides. */
void form_table_html(req *r, buf *b, const field_value fv[N_FORM_FIELDS], bool show_sources);
#endif
