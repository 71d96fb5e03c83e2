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
void page_star_new(req *r, resp *w);
void page_star_create(req *r, resp *w);
void page_star_edit(req *r, resp *w);
void page_star_update(req *r, resp *w);
void page_star_photo_set(req *r, resp *w);
void page_star_photo(req *r, resp *w);
void page_star_delete(req *r, resp *w);
void page_star_select(req *r, resp *w);
void page_brand_new(req *r, resp *w);
void page_brand_create(req *r, resp *w);
void page_brand_edit(req *r, resp *w);
void page_brand_update(req *r, resp *w);
void page_brand_photo_add(req *r, resp *w);
void page_brand_photo_delete(req *r, resp *w);
void page_brand_photo(req *r, resp *w);
void page_brand_delete(req *r, resp *w);
void page_brand_select(req *r, resp *w);
void page_case_new(req *r, resp *w);
void page_case_create(req *r, resp *w);
void page_case_edit(req *r, resp *w);
void page_case_update(req *r, resp *w);
void page_case_photo_add(req *r, resp *w);
void page_case_photo_delete(req *r, resp *w);
void page_case_photo(req *r, resp *w);
void page_case_delete(req *r, resp *w);
void page_case_recommend(req *r, resp *w);
#endif
