/* showcase.h: learning stars, brand projects and 智慧助老 cases: staff pages,
 * the centre's selection and the public showcase. */
#ifndef LW_PAGES_SHOWCASE_H
#define LW_PAGES_SHOWCASE_H
#include "pages/pages.h"
#include "domain/showcase.h"

void page_showcase_public(req *r, resp *w);
void page_cases_public(req *r, resp *w);
void page_unit_showcase(req *r, resp *w);
void page_admin_showcase(req *r, resp *w);
void page_star_photo_set(req *r, resp *w);
void page_star_photo(req *r, resp *w);
void page_case_new(req *r, resp *w);
/* One handler for each family; the route's data is the kind. */
typedef struct showcase_kind showcase_kind;
extern const showcase_kind star_kind, brand_kind, case_kind;
void page_showcase_new(req *r, resp *w);           /* stars and brand projects */
void page_showcase_create(req *r, resp *w);
void page_showcase_edit(req *r, resp *w);
void page_showcase_update(req *r, resp *w);
void page_showcase_pick(req *r, resp *w);          /* the centre selects or recommends */
void page_showcase_delete(req *r, resp *w);
void page_showcase_photo_add(req *r, resp *w);     /* brand projects and cases */
void page_showcase_photo_delete(req *r, resp *w);
void page_showcase_photo(req *r, resp *w);         /* a photo of a brand project or case */
#endif
