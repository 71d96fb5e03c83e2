/* calendar.h: handlers of this feature, for the route table. */
#ifndef LW_PAGES_CALENDAR_H
#define LW_PAGES_CALENDAR_H
#include "pages/pages.h"
#endif
