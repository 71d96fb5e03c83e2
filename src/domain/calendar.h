/* calendar.h: the queries of the public calendar that activity.h does not
 * already answer. */
#ifndef LW_DOMAIN_CALENDAR_H
#define LW_DOMAIN_CALENDAR_H
#include "activity.h"

/* Fills the content items (1..6) of each activity of a list page: one cached
 * statement per activity instead of activity_load_tags' eight. */
void activities_content_tags(db *d, arena *a, activity *v, int n);
/* Confirmed sign-ups: what the remaining places are counted against. */
long long activity_places_taken(db *d, long long activity_id);
#endif
