/* resource.h: the learning resource library (学习资源库): what schools and
 * institutions of a unit open to residents during a week, the activities that
 * use them, their counts, their bulk import; and the photos and activity links
 * that resources, learning stars, brand projects and cases share. */
#ifndef LW_RESOURCE_H
#define LW_RESOURCE_H
#include "activity.h"
#include "bulk.h"

#define N_RESOURCE_KINDS 6
extern const char *const resource_kinds[N_RESOURCE_KINDS];        /* venue equipment course teacher online books */
extern const char *const resource_kind_labels[N_RESOURCE_KINDS];  /* 场地 设施设备 课程 师资 线上课程 图书资料 */
const char *resource_kind_label(const char *kind);
/* A kind as typed (code or label) -> its code; NULL if unknown. */
const char *resource_kind_parse(const char *s);
const char *resource_status_label(const char *status);             /* open -> 开放中 */

typedef struct resource {
	long long id, week_id, unit_id, updated_at;
	long long revision;   /* loaded; resource_save saves only over it (-1: any), see revision_claim */
	char *kind, *title, *description, *institution, *address, *street, *hours;
	char *booking_phone, *booking_url, *online_url, *status, *unit_name;
	tags audiences;
} resource;

/* What a form or an import row sends, checked by resource_parse. */
typedef struct resource_input {
	const char *kind, *title, *description, *institution, *address, *street, *hours;
	const char *booking_phone, *booking_url, *online_url, *status;
	tags audiences;
} resource_input;

/* audiences: the week's 参与对象 (week_choices), which 面向对象 must be among */
int resource_parse(arena *a, const resource_input *in, const choices *audiences, resource *out, errs *e);
const char *resource_field_label(const char *field);
/* Inserts (id 0) or updates with its audiences, and audits, in one transaction.
 * links: the activities it is used by (replacing the old ones) when nlinks >= 0;
 * only activities of the same unit and week are kept. Returns the id, 0 on failure. */
long long resource_save(db *d, arena *a, const actor *who, resource *x, const long long *links, int nlinks, errs *e);
bool resource_load(db *d, arena *a, long long id, resource *x);
int resource_set_status(db *d, arena *a, const actor *who, long long id, const char *status);
int resource_delete(db *d, arena *a, const actor *who, long long id);

typedef struct resource_query {
	long long week_id, unit_id;          /* unit 0: every unit */
	const char *kind, *audience, *status, *q;
	long long page, per_page;
} resource_query;
int resource_search(db *d, arena *a, const resource_query *q, resource **out, long long *total);

/* Open resources per kind, for a unit (0: every unit) and week: the centre's
 * table, the city statistics and the summary form's 活动内容. */
typedef struct resource_tally {
	long long n[N_RESOURCE_KINDS];
	long long total;
} resource_tally;
resource_tally resource_counts(db *d, long long week_id, long long unit_id);
/* "场地 3、课程 5（共 8 项）"; "" when there are none. */
char *resource_counts_text(arena *a, const resource_tally *t);

/* ---- phone numbers for booking ---- */
/* A mobile (11 digits) or a landline (0791-86123456, extension after -);
 * out gets it without spaces. */
bool booking_phone_normalize(const char *in, char out[32]);
/* 138****1234 / 0791-****3456: never more than the first three digits (or a
 * landline's area code) and the last four. */
char *booking_phone_mask(arena *a, const char *phone);

/* ---- activities linked to resources, stars and brand projects ---- */
typedef enum link_owner { LINK_RESOURCE, LINK_STAR, LINK_BRAND } link_owner;
typedef struct activity_ref {
	long long id, starts_at;
	char *title, *status;
} activity_ref;
/* The activities linked to owner_id; public_only: published or cancelled only. */
int links_get(db *d, arena *a, link_owner owner, long long owner_id, bool public_only, activity_ref **out);
/* Replaces the links inside the caller's transaction; ids of another unit or week are dropped. */
int links_set(db *d, link_owner owner, long long owner_id, long long unit_id, long long week_id, const long long *ids, int n);
/* The unit's activities of a week that are not cancelled, for the link checkboxes;
 * content: "6" for item 6 only, NULL for all. */
int unit_week_activities(db *d, arena *a, long long unit_id, long long week_id, const char *content, activity_ref **out);
/* The open resources an activity uses, for its public page (相关学习资源). */
int activity_resources(db *d, arena *a, long long activity_id, resource **out);

/* ---- photos of resources, brand projects and cases (the file store holds the bytes) ---- */
typedef enum media_owner { MEDIA_RESOURCE, MEDIA_BRAND, MEDIA_CASE } media_owner;
int media_photos(db *d, arena *a, media_owner owner, long long owner_id, photo **out);
long long media_photo_add(db *d, arena *a, const actor *who, long long unit_id, media_owner owner, long long owner_id,
			  const char *sha256, long long size, const char *mime, const char *name);
int media_photo_remove(db *d, arena *a, const actor *who, long long unit_id, media_owner owner, long long owner_id,
		       long long photo_id);
bool media_photo_get(db *d, arena *a, media_owner owner, long long owner_id, long long photo_id, photo *p);

/* ---- bulk import from .xlsx/.csv (the same reader as the activity import) ---- */
#define N_RESOURCE_COLUMNS 12
extern const table_column resource_columns[N_RESOURCE_COLUMNS];
extern const table_spec resource_table;
extern const bulk_spec resource_bulk;   /* its way through the bulk-import pipeline */
#define RESOURCE_EXAMPLE_MARK "【示例】"

/* Reads and checks every row of the file for the unit (面向对象 against the
 * 参与对象 of week_id, the pending import's week); writes nothing. A row's text is its kind's
 * label and its institution. */
void resource_import_read(db *d, arena *a, const char *path, const char *filename, long long unit_id, long long week_id,
			  bulk_file *f);
/* Writes the new rows of f (read from p's file) into p's week in one
 * transaction and marks the import done (bulk_commit; status: unused, a
 * resource's status is a column of the file). */
long long resource_import_commit(db *d, arena *a, const actor *who, const bulk_pending *p, bulk_file *f, const char *status,
				 long long *skipped);
#endif
