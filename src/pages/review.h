/* review.h: the centre's review of a submitted version (the page, the
 * attachments shown in it, return with comments, accept), and the comments as
 * the unit sees them on its own pages. */
#ifndef LW_PAGES_REVIEW_H
#define LW_PAGES_REVIEW_H
#include "pages/pages.h"
#include "domain/review.h"

void page_review(req *r, resp *w);
void page_review_file(req *r, resp *w);
void page_review_return(req *r, resp *w);
void page_review_accept(req *r, resp *w);

/* For the unit: the comments on its returned version s, each with a link to
 * where it is dealt with (the field's editor, the attachment's section). */
void review_comments_html(req *r, buf *b, const submission *s, const review_comment *c, int n);
/* The comments on one field of the form (for its row, or its editor). */
void review_field_notes(buf *b, const review_comment *c, int n, const form_field_def *field);
#endif
