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
#endif
