/* imports.h: handlers of this feature, for the route table. */
#ifndef LW_PAGES_IMPORTS_H
#define LW_PAGES_IMPORTS_H
#include "pages/pages.h"

void page_import_template(req *r, resp *w);
void page_import_new(req *r, resp *w);
void page_import_upload(req *r, resp *w);
void page_import_preview(req *r, resp *w);
void page_import_confirm(req *r, resp *w);
void page_import_discard(req *r, resp *w);
#endif
