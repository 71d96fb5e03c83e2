/* upward.h: a middle organiser's compiled form reported in the parent's
 * week: its status, the stamped scan and 报送 (domain/upward.c). */
#ifndef LW_PAGES_UPWARD_H
#define LW_PAGES_UPWARD_H
#include "pages/pages.h"
#include "domain/cityform.h"

/* The card of what the organiser of week_id must do upward; nothing for a
 * week not copied from a parent's. cf: the week's compiled form when the
 * page has built it, NULL to build it for the card. */
void upward_card(req *r, html *b, long long week_id, const city_form *cf);
void page_upward_attach(req *r, resp *w);
void page_upward_submit(req *r, resp *w);
#endif
