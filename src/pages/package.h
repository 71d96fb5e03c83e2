/* package.h: the parent's page for a child's signed package (export/signed.c). */
#ifndef LW_PAGES_PACKAGE_H
#define LW_PAGES_PACKAGE_H
#include "pages/pages.h"

void page_package_form(req *r, resp *w);
void page_package_import(req *r, resp *w);
#endif
