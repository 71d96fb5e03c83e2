/* imports.h: handlers of this feature, for the route table. */
#ifndef LW_PAGES_IMPORTS_H
#define LW_PAGES_IMPORTS_H
#include "pages/pages.h"
#endif
