/* package.h: the parent's page for a child's signed package (export/signed.c). */
#ifndef LW_PAGES_PACKAGE_H
#define LW_PAGES_PACKAGE_H
#include "pages/pages.h"

void page_package_form(req *r, resp *w);
void page_package_import(req *r, resp *w);
void page_package_trust(req *r, resp *w);
void page_own_key(req *r, resp *w);
void page_own_keygen(req *r, resp *w);
#endif
