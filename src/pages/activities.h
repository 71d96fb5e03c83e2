/* activities.h: units record their activities (list, form, copy, status, counts, photos). */
#ifndef LW_PAGES_ACTIVITIES_H
#define LW_PAGES_ACTIVITIES_H
#include "pages/pages.h"
#include "domain/activity.h"

void page_unit_activities(req *r, resp *w);
void page_activity_new(req *r, resp *w);
void page_activity_create(req *r, resp *w);
void page_activity_staff(req *r, resp *w);
void page_activity_edit(req *r, resp *w);
void page_activity_update(req *r, resp *w);
void page_activity_copy(req *r, resp *w);
void page_activity_status(req *r, resp *w);
void page_activity_counts(req *r, resp *w);
void page_activity_count_source(req *r, resp *w);
void page_activity_photo_add(req *r, resp *w);
void page_photo(req *r, resp *w);
void page_photo_delete(req *r, resp *w);
#endif
