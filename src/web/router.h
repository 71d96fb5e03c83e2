/* router.h: the route table (pages/routes.c) and the dispatch (router.c). */
#ifndef LW_WEB_ROUTER_H
#define LW_WEB_ROUTER_H
#include "web/web.h"

/* the route table (routes.c) */
extern const route routes[];
extern const size_t nroutes;

/* How a request of this method to this route proves it comes from our own
 * pages: "origin" (a public form: Sec-Fetch-Site/Origin/Referer against the
 * public address), "csrf" (the session's token), "no-csrf" (bearer-token JSON
 * API), or "" (a GET). The router and `learnweek routes` both ask here. */
const char *route_check(const route *rt, int method);
/* router.c: transport-independent dispatch, in two steps. router_admit runs at
 * header time, before any body byte is read: the path and query, the route,
 * the session, the role and unit check. It returns the route, or NULL when w
 * holds the answer (404, 403, a redirect to the login ...). router_handle then
 * takes the body's fields, checks CSRF and the declared parameters and runs
 * the handler; it calls router_admit itself when nobody did. */
const route *router_admit(req *r, resp *w);
void router_handle(req *r, resp *w);
#endif
