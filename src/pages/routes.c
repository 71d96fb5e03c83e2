/* routes.c: every URL of learnweek, the role it needs and the parameters it
 * accepts. The router enforces all of it before a handler runs; the
 * authorization tests are generated from this table (`learnweek routes`). */
#include "web/router.h"
#include "pages/pages.h"
#include "pages/activities.h"
#include "pages/calendar.h"
#include "pages/participation.h"
#include "pages/imports.h"
#include "pages/report.h"
#include "pages/submission.h"
#include "pages/api.h"
#include "pages/resources.h"
#include "pages/showcase.h"
#include "pages/upward.h"
#include "pages/package.h"

/* Each route names its handler, which lives in the page file of the .routes
 * file that lists it; HANDLER_DATA gives it the data that tells a family apart. */
#define HANDLER(fn) {fn, #fn, __FILE__, NULL}
#define HANDLER_DATA(fn, d) {fn, #fn, __FILE__, d}
#define NEXT {"next", P_STR, "跳转地址", 0, 2000, false}
#define PAGE {"page", P_INT, "页码", 1, 100000, false}

const route routes[] = {
/* each page file keeps its routes beside it, in <page>.routes */
#include "pages/public.routes"
#include "pages/auth.routes"
#include "pages/admin.routes"
#include "pages/weeks.routes"
#include "pages/units.routes"
#include "pages/accounts.routes"
#include "pages/audit.routes"

#include "pages/activities.routes"
#include "pages/calendar.routes"
#include "pages/participation.routes"
#include "pages/imports.routes"
#include "pages/report.routes"
#include "pages/publicity.routes"
#include "pages/submission.routes"
#include "pages/api.routes"
#include "pages/resources.routes"
#include "pages/showcase.routes"
#include "pages/board.routes"
#include "pages/review.routes"
#include "pages/stats.routes"
#include "pages/upward.routes"
#include "pages/package.routes"
#include "pages/exports.routes"
};
const size_t nroutes = sizeof routes / sizeof *routes;
