/* participation.h: handlers of this feature, for the route table. */
#ifndef LW_PAGES_PARTICIPATION_H
#define LW_PAGES_PARTICIPATION_H
#include "pages/pages.h"
#include "domain/activity.h"

/* residents, no login */
void page_signup_form(req *r, resp *w);
void page_signup(req *r, resp *w);
void page_signup_cancel_form(req *r, resp *w);
void page_signup_cancel(req *r, resp *w);
void page_mine_form(req *r, resp *w);
void page_mine(req *r, resp *w);
void page_mine_cancel(req *r, resp *w);
void page_checkin_form(req *r, resp *w);
void page_checkin(req *r, resp *w);
void page_rating(req *r, resp *w);
/* unit staff */
void page_registrations(req *r, resp *w);
void page_registration_assist(req *r, resp *w);
void page_registration_cancel(req *r, resp *w);
void page_checkin_code(req *r, resp *w);
void page_checkin_poster(req *r, resp *w);
#endif
