/* submission.h: attachments, the checklist, submitting, submitted versions,
 * form downloads, the submission package and the public verification page. */
#ifndef LW_PAGES_SUBMISSION_H
#define LW_PAGES_SUBMISSION_H
#include "pages/pages.h"
#include "domain/submission.h"

void page_submission(req *r, resp *w);
void page_attachment_add(req *r, resp *w);
void page_attachment(req *r, resp *w);
void page_attachment_delete(req *r, resp *w);
void page_submit(req *r, resp *w);
void page_draft_pdf(req *r, resp *w);
void page_draft_docx(req *r, resp *w);
void page_version(req *r, resp *w);
void page_version_pdf(req *r, resp *w);
void page_version_docx(req *r, resp *w);
void page_version_package(req *r, resp *w);
void page_version_file(req *r, resp *w);
void page_verify_form(req *r, resp *w);
void page_verify(req *r, resp *w);

/* How a stored file is offered: as a download; pictures in the page and the
 * rest as a download; or in the page whatever it is (the reviewer's viewer of
 * PDFs and videos: the type is the one found by content when it was stored). */
typedef enum send_as { SEND_DOWNLOAD, SEND_PICTURES_INLINE, SEND_INLINE } send_as;
/* Sends a stored file: Content-Disposition with the original (Chinese) name
 * as RFC 5987 filename* and an ASCII fallback. */
void send_stored(req *r, resp *w, const char *sha256, const char *mime, const char *filename,
		 const char *ascii_name, send_as how);
/* The version of the path's :submission, or fails the page (404). */
bool version_from_path(req *r, resp *w, submission *s);
/* Sends the attachment ?i= (from 1) of that version as a download; false
 * when the page has failed instead. */
bool version_file_send(req *r, resp *w, submission *s, send_as how);
/* 20 MB, 1.5 KB, 300 字节 */
const char *size_text(arena *a, long long n);
/* The public address (public_base()), for the verification URL in the QR
 * and the links in reminders. */
const char *site_base(req *r);
#endif
