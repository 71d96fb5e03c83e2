/* calendar.h: the queries of the public calendar that activity.h does not
 * already answer. */
#ifndef LW_DOMAIN_CALENDAR_H
#define LW_DOMAIN_CALENDAR_H
#include "activity.h"

/* What residents may see of a week: published and cancelled activities,
 * ordered by start. Each filter is NULL or 0 when not used. */
typedef struct public_query {
	long long week_id, unit_id;
	const char *content;       /* "1".."6" */
	const char *audience;
	const char *mode;          /* "online" or "offline"; 线上线下 counts as both */
	const char *q;             /* in title, host, venue or street; % and _ are plain text */
	long long from, to;        /* overlapping [from, to) */
	long long page, per_page;
	long long count_cap;       /* stop counting past this many (the count of 1,000,000 rows costs) */
} public_query;
/* One page; returns how many are on it, *total the match count up to
 * count_cap (rows past it are not listed either). A text search finds every
 * match in the week (the index of migration 081); *text_scanned is always 0
 * now (it was the count of a capped text search). */
int public_activities(db *d, arena *a, const public_query *q, activity **out, long long *total, long long *text_scanned);

/* The whole week, a batch at a time (for the unfiltered feed): the next n
 * activities residents may see after (starts_at, id), in the calendar's
 * order; returns how many, -1 on an error. Start with (LLONG_MIN, 0). */
int public_activities_after(db *d, arena *a, long long week_id, long long starts_at, long long id, int n, activity **out);

/* Brings the text index up to date with the activities (the queue the
 * triggers of migration 081 fill): before a search and when serve starts.
 * Returns how many rows it indexed, -1 when it could not write (a read-only
 * folder: the search then reads the rows themselves). */
long long activity_text_sync(db *d);

/* Fills the content items (1..6) of each activity of a list page: one cached
 * statement per activity instead of activity_load_tags' eight. */
void activities_content_tags(db *d, arena *a, activity *v, int n);
/* Confirmed sign-ups: what the remaining places are counted against. */
long long activity_places_taken(db *d, long long activity_id);
#endif
