/* submission.h: attachments, the checklist, submitting, submitted versions,
 * form downloads, the submission package and the public verification page. */
#ifndef LW_PAGES_SUBMISSION_H
#define LW_PAGES_SUBMISSION_H
#include "pages/pages.h"
#include "domain/submission.h"

void page_submission(req *r, resp *w);
void page_attachment_add(req *r, resp *w);
/* The upload of page_attachment_add into rep (the kind from the form), a
 * scan checked against the 定稿 of the form values gives (NULL: the unit's
 * own), then to back (NULL: the unit's submission page): also the files of
 * an organiser's compiled form reported upward. */
void attachment_upload(req *r, resp *w, report rep, form_values_fn values, const char *back);
void page_attachment(req *r, resp *w);
void page_attachment_delete(req *r, resp *w);
void page_submit(req *r, resp *w);
void page_finalise(req *r, resp *w);
void page_final_pdf(req *r, resp *w);
void page_final_docx(req *r, resp *w);
void page_draft_pdf(req *r, resp *w);
void page_draft_docx(req *r, resp *w);
void page_version(req *r, resp *w);
void page_version_pdf(req *r, resp *w);
void page_version_docx(req *r, resp *w);
void page_version_package(req *r, resp *w);
void page_version_file(req *r, resp *w);
void page_verify_form(req *r, resp *w);
void page_verify(req *r, resp *w);
#endif
