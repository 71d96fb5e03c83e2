/* participation.h: handlers of this feature, for the route table. */
#ifndef LW_PAGES_PARTICIPATION_H
#define LW_PAGES_PARTICIPATION_H
#include "pages/pages.h"
#endif
