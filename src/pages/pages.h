/* pages.h: every page handler, for the route table; and what pages share. */
#ifndef LW_PAGES_H
#define LW_PAGES_H
#include "web/web.h"
#include "web/layout.h"
#include "domain/org.h"
#include "pages/kit.h"


/* public.c */
void page_home(req *r, resp *w);
void page_week_public(req *r, resp *w);
void page_org_public(req *r, resp *w);
void page_week_notice(req *r, resp *w);
void page_healthz(req *r, resp *w);
void page_cache_stats(req *r, resp *w);
void page_static(req *r, resp *w);
void page_text_size(req *r, resp *w);
/* auth.c */
void page_login_form(req *r, resp *w);
void page_login(req *r, resp *w);
void page_logout(req *r, resp *w);
void page_password_form(req *r, resp *w);
void page_password(req *r, resp *w);
/* admin.c */
void page_dashboard(req *r, resp *w);
/* weeks.c */
void page_weeks(req *r, resp *w);
void page_week_new(req *r, resp *w);
void page_week_create(req *r, resp *w);
void page_week_edit(req *r, resp *w);
void page_week_update(req *r, resp *w);
void page_week_adopt(req *r, resp *w);
/* units.c */
void page_units(req *r, resp *w);
void page_unit_new(req *r, resp *w);
void page_unit_create(req *r, resp *w);
void page_unit_edit(req *r, resp *w);
void page_unit_update(req *r, resp *w);
void page_unit_retire(req *r, resp *w);
void page_unit_restore(req *r, resp *w);
void page_units_import_form(req *r, resp *w);
void page_units_import(req *r, resp *w);
void page_unit_phone_form(req *r, resp *w);
void page_unit_phone(req *r, resp *w);
/* accounts.c */
void page_accounts(req *r, resp *w);
void page_account_new(req *r, resp *w);
void page_account_create(req *r, resp *w);
void page_unit_accounts(req *r, resp *w);
void page_unit_account_new(req *r, resp *w);
void page_unit_account_create(req *r, resp *w);
void page_account_edit(req *r, resp *w);
void page_account_update(req *r, resp *w);
void page_account_disable(req *r, resp *w);
void page_account_enable(req *r, resp *w);
void page_account_reset(req *r, resp *w);
/* audit.c */
void page_audit(req *r, resp *w);
void page_audit_xlsx(req *r, resp *w);
/* review.c: the centre's review of a submitted version (the page, the
 * attachments shown in it, return with comments, accept). */
void page_review(req *r, resp *w);
void page_review_file(req *r, resp *w);
void page_review_return(req *r, resp *w);
void page_review_accept(req *r, resp *w);
/* exports.c: the city workbook and the ZIP of every unit's package as
 * background jobs with a progress page. */
void page_exports(req *r, resp *w);
void page_export_start(req *r, resp *w);
void page_export_job(req *r, resp *w);
void page_export_file(req *r, resp *w);
/* publicity.c: the unit's publicity records (宣传报道): list, add, edit, delete. */
void page_publicity(req *r, resp *w);
void page_publicity_create(req *r, resp *w);
void page_publicity_edit(req *r, resp *w);
void page_publicity_update(req *r, resp *w);
void page_publicity_delete(req *r, resp *w);
void page_publicity_screenshot(req *r, resp *w);
/* board.c: the centre's status board and the reminders for units that have not submitted. */
void page_board(req *r, resp *w);
void page_board_reminders(req *r, resp *w);
/* stats.c: the centre's view of the city: statistics with charts, the city's
 * own summary form (view, edit, PDF, DOCX) and the gallery of cases and photos. */
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
