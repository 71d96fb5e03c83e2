/* api.h: the JSON API (/api/v1/...) and API token management, for the route table. */
#ifndef LW_PAGES_API_H
#define LW_PAGES_API_H
#include "pages/pages.h"

void api_activities(req *r, resp *w);
void api_activity_get(req *r, resp *w);
void api_activity_create(req *r, resp *w);
void api_activity_update(req *r, resp *w);
void page_tokens(req *r, resp *w);
void page_token_create(req *r, resp *w);
void page_token_revoke(req *r, resp *w);
#endif
