/* stats.h: the city's figures for a week, totals and per unit, from aggregate
 * queries over the week's published activities (the summary form's rule),
 * their tags, check-ins, ratings and the units' publicity records; the rows
 * the city workbook streams; and the gallery of cases and photos. */
#ifndef LW_STATS_H
#define LW_STATS_H
#include "domain.h"
#include "activity.h"
#include "org.h"
#include "core/progress.h"


/* The tags the statistics count, in this order. */
enum { TAG_CONTENT, TAG_AUDIENCE, TAG_FORM, N_TAG_KINDS };

/* Categories of one breakdown: what is stored and what people read. */
typedef struct stat_cats {
	int n;
	const char **key;      /* "1".."6" for content items; else the value itself */
	const char **label;
} stat_cats;

typedef struct unit_stats {
	long long unit_id;
	const char *name;
	long long activities, online, offline, both, featured;
	participants people;               /* by source, each activity counted once */
	satisfaction sat;
	long long pub_text, pub_media;
	long long *tags[N_TAG_KINDS];      /* counts per category of cats[kind] */
	long long *channel_text, *channel_media;   /* per category of channels */
} unit_stats;

typedef struct featured_item {
	long long unit_id;
	const char *title, *host;
	long long starts_at;
} featured_item;

#define STATS_FEATURED_PER_UNIT 5

typedef struct city_stats {
	long long week_id;
	int nunits;
	unit_stats *units;                 /* the reporting units in display order, then any other unit with records */
	unit_stats total;                  /* the sums, name 合计 */
	stat_cats cats[N_TAG_KINDS];
	stat_cats channels;                /* publicity channels */
	featured_item *featured;           /* the first STATS_FEATURED_PER_UNIT of each unit, by start */
	int nfeatured;
	/* upward_stats_load: child organisers that have not submitted their
	 * compiled form (未报送), with what it compiles now; in no total */
	unit_stats *unsent;
	int nunsent;
} city_stats;

/* Everything for the week. False when the week does not exist. */
bool stats_load(db *d, arena *a, long long week_id, city_stats *s);
/* A row emptied of its figures (its id, name and category arrays kept), and
 * the total summed again from the rows: for a caller that changes rows. */
void stats_row_clear(const city_stats *s, unit_stats *u);
void stats_total(city_stats *s);
/* The organiser's week of the latest earlier year, 0 if none. */
long long stats_previous_week(db *d, long long week_id);
/* The unit's row, or NULL. */
const unit_stats *stats_unit(const city_stats *s, long long unit_id);

/* The units of a week in display order: the reporting units (children of
 * the root, not retired), then any other unit with activities, publicity or
 * a report in the week. */
int stats_units(db *d, arena *a, long long week_id, unit **out);


/* ---- rows for the city workbook, streamed in order ---- */

typedef struct activity_row {
	long long id;
	const char *unit, *title, *host, *co_hosts, *mode, *venue, *street, *online_url, *status;
	const char *content, *subjects, *forms, *audiences;   /* joined by 、 (content as its short labels) */
	long long starts_at, ends_at;
	bool featured;
	long long checked_in, counted, reported;  /* reported -1: none */
	long long participants;                   /* what the summary form counts for it */
	long long ratings, satisfied;
} activity_row;

typedef struct rating_row {
	long long activity_id;
	const char *unit, *title;
	long long satisfied, basic, unsatisfied, total;
} rating_row;

typedef struct publicity_row {
	const char *unit, *channel, *kind, *title, *outlet, *published_on, *url, *activity;
} publicity_row;

/* Sizes, for progress: activities of the week, activities with ratings, publicity records. */
void stats_export_size(db *d, long long week_id, long long *activities, long long *rated, long long *records);
/* Each calls fn for every row, in the workbook's order, until fn returns
 * non-zero (which is returned). -1 on a database error. */
int stats_each_activity(db *d, long long week_id, int (*fn)(void *ctx, const activity_row *row), void *ctx);
int stats_each_rating(db *d, long long week_id, int (*fn)(void *ctx, const rating_row *row), void *ctx);
int stats_each_publicity(db *d, long long week_id, int (*fn)(void *ctx, const publicity_row *row), void *ctx);

/* ---- the gallery: typical cases and photos, by unit ---- */

typedef struct gallery_item {
	long long unit_id;
	const char *kind;        /* case, case_photo, photo (attachments); activity (an activity's photo) */
	long long id;            /* attachment id, or photo id for kind "activity" */
	const char *name, *mime;
	const char *activity;    /* the activity's title, for activity photos */
} gallery_item;

#define GALLERY_PHOTOS_PER_UNIT 12

/* The units' typical cases, case photos and report photos, and the first
 * GALLERY_PHOTOS_PER_UNIT photos of each unit's published activities; by
 * unit id, then in that order. */
int stats_gallery(db *d, arena *a, long long week_id, gallery_item **out);
/* How many photos the unit's published activities of the week have. */
long long stats_activity_photos(db *d, long long week_id, long long unit_id);
#endif
