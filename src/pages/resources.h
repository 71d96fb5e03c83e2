/* resources.h: the learning resource library's pages, and the pieces the
 * showcase pages share with them (photos, activity links, phone display). */
#ifndef LW_PAGES_RESOURCES_H
#define LW_PAGES_RESOURCES_H
#include "pages/pages.h"
#include "domain/resource.h"

void page_resources_public(req *r, resp *w);
void page_resource_public(req *r, resp *w);
void page_resource_photo(req *r, resp *w);
void page_unit_resources(req *r, resp *w);
void page_resource_new(req *r, resp *w);
void page_resource_create(req *r, resp *w);
void page_resource_edit(req *r, resp *w);
void page_resource_update(req *r, resp *w);
void page_resource_status(req *r, resp *w);
void page_resource_delete(req *r, resp *w);
void page_resource_photo_add(req *r, resp *w);
void page_resource_photo_delete(req *r, resp *w);
void page_admin_resources(req *r, resp *w);
#endif
