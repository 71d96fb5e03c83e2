/* calendar.h: the queries of the public calendar that activity.h does not
 * already answer. */
#ifndef LW_DOMAIN_CALENDAR_H
#define LW_DOMAIN_CALENDAR_H
#include "activity.h"

/* What residents may see of a week: published and cancelled activities,
 * ordered by start. Each filter is NULL or 0 when not used. */
/* One part of a public address's scope: a week whole (unit_id 0) or one
 * unit's activities in it. */
typedef struct scope_arm {
	long long week_id, unit_id;
} scope_arm;

typedef struct public_query {
	long long week_id, unit_id;
	/* a scope of several weeks or units (public_scope): read instead of
	 * week_id and unit_id when narms > 1 */
	const scope_arm *arms;
	int narms;
	const char *content;       /* a code of the week's categories: "1", "2", ... */
	const char *audience;
	const char *mode;          /* "online" or "offline"; 线上线下 counts as both */
	const char *q;             /* in title, host, venue or street; % and _ are plain text */
	long long from, to;        /* overlapping [from, to) */
	long long page, per_page;
	long long count_cap;       /* stop counting past this many (the count of 1,000,000 rows costs) */
} public_query;
/* One page; returns how many are on it, *total the match count up to
 * count_cap (rows past it are not listed either). A text search finds every
 * match in the week (the index of migration 081). */
int public_activities(db *d, arena *a, const public_query *q, activity **out, long long *total);

/* The whole week, a batch at a time (for the unfiltered feed): the next n
 * activities residents may see after (starts_at, id), in the calendar's
 * order; returns how many, -1 on an error. Start with (LLONG_MIN, 0). */
int public_activities_after(db *d, arena *a, long long week_id, long long starts_at, long long id, int n, activity **out);
/* The same over the scope of q (its week and unit, or its arms). */
int public_scope_after(db *d, arena *a, const public_query *q, long long starts_at, long long id, int n, activity **out);

/* ---- public pages per level ----
 * The calendar of an organiser's week shows that week and every week copied
 * from it below (weeks.parent_week_id, the same year). Filtered by a node of
 * the tree (a city, a county, a unit), it shows what that node's subtree
 * does in those weeks: the weeks of organisers within the node whole, and in
 * the week the node itself reports in, its subtree's units one by one.
 * Returns the count of arms (0 when nothing can match), the arms in *out. */
int public_scope(db *d, arena *a, long long week_id, long long node, scope_arm **out);
/* An organiser by its unit code (the public address /o/CODE/); 0 none. */
long long organiser_by_code(db *d, const char *code);


/* Fills the content items (the week's codes) of each activity of a list page: one cached
 * statement per activity instead of activity_load_tags' eight. */
void activities_content_tags(db *d, arena *a, activity *v, int n);
/* The streets and towns (街道、乡镇) of a week's published activities, as
 * the records spell them, by unit in display order: 离我近的. */
typedef struct street_count {
	long long unit_id;
	char *unit_name, *street;
	long long n;
} street_count;
/* Over a public scope (public_scope's arms): the week and the weeks below
 * it, as the calendar of the same address shows them; at most STREETS_MAX. */
#define STREETS_MAX 2000
int scope_streets(db *d, arena *a, const scope_arm *arms, int narms, street_count **out);

/* Confirmed sign-ups: what the remaining places are counted against. */
long long activity_places_taken(db *d, long long activity_id);
#endif
