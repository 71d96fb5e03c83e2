/* publicity.h: the unit's publicity records (宣传报道): list, add, edit, delete. */
#ifndef LW_PAGES_PUBLICITY_H
#define LW_PAGES_PUBLICITY_H
#include "pages/pages.h"

void page_publicity(req *r, resp *w);
void page_publicity_create(req *r, resp *w);
void page_publicity_edit(req *r, resp *w);
void page_publicity_update(req *r, resp *w);
void page_publicity_delete(req *r, resp *w);
void page_publicity_screenshot(req *r, resp *w);
#endif
