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

/* shared with other activity pages */
long long week_param(req *r);                  /* ?week= or the current week */
void activity_when(req *r, buf *b, const activity *x);   /* 12月1日（星期四）09:00–11:00; 2022年… another year */
void activity_when_printed(req *r, buf *b, const activity *x); /* with the year always: for paper */
void tag_list(buf *b, const tags *t, bool content);
#endif
