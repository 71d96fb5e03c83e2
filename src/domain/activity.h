/* activity.h: activities, the records every figure of the summary form comes from. */
#ifndef LW_ACTIVITY_H
#define LW_ACTIVITY_H
#include "domain.h"

/* The week's lists (issue 12, point 1), rows of week_choices (migration 140):
 * its 活动内容 categories (kind "content", stored in activity_tags as "1",
 * "2", ...), 参与对象 ("audience") and 活动形式 ("form"; both stored as the
 * name). code[i], wording[i] (the full text) and label[i] (the short name)
 * for i < n, in the week's order; the arrays end with NULL. */
typedef struct choices {
	int n;
	const char **code, **wording, **label;
} choices;
choices week_choices(db *d, arena *a, long long week_id, const char *kind);
/* The label of a code; the code itself when the list has none. */
const char *choice_label(const choices *c, const char *code);
/* A week's three lists, as the centre edits them on the week's page. */
#define MAX_CONTENT 12   /* categories a week may have */
struct week_lists {
	choices content, audience, form;
};
typedef struct week_lists week_lists;
week_lists week_lists_load(db *d, arena *a, long long week_id);
/* The lists a new week of the year starts with: the latest earlier week's
 * (year 0: the latest week's), else the preset (choice_presets). */
week_lists week_lists_start(db *d, arena *a, long long year);
/* Checks what the centre typed: content rows as label and wording (a row
 * with neither is skipped), audiences and forms one a line. 0, or -1 with e. */
int week_lists_parse(arena *a, const char *const *labels, int nlabels, const char *const *wordings, int nwordings,
		     const char *audiences, const char *forms, week_lists *out, errs *e);
/* Why the week's lists can no longer change (an activity uses them), NULL if they can. */
const char *week_lists_locked(db *d, arena *a, long long week_id);
/* Writes the lists of week_id in the caller's transaction: 0, or -1. */
int week_lists_write(db *d, long long week_id, const week_lists *l);
/* "（一）" .. "（九十九）": the form's numbering of the categories. */
const char *cn_ordinal(arena *a, int n);
#define N_SUBJECTS 11
extern const char *const subjects[N_SUBJECTS];       /* item 2's subjects */
const char *mode_label(const char *mode);            /* offline -> 线下 */
const char *status_label(const char *status);        /* draft -> 草稿 */
/* An http:// or https:// link with a host and no space, quote or angle bracket. */
bool url_ok(const char *u);

typedef struct tags {
	const char **v;
	int n;
} tags;

typedef struct activity {
	long long id, week_id, unit_id;
	char *title, *host, *co_hosts, *mode, *venue, *street, *online_url, *description, *status;
	char *checkin_code, *unit_name;
	long long starts_at, ends_at;
	long long capacity;      /* -1: no limit */
	long long reported;      /* -1: not reported */
	long long staff_count;
	char *count_source;      /* '' not confirmed, 'measured', 'reported': see participants */
	char *count_reason;      /* the clerk's reason for count_source */
	long long revision;
	long long updated_at;    /* its last change (UTC seconds): the feed's DTSTAMP */
	bool featured;
	bool off_week;           /* 周外活动: outside the week's dates, kept but counted nowhere */
	tags content, subjects, forms, audiences;
} activity;

/* What a form, an import row or the API sends: text, checked by activity_parse. */
typedef struct activity_input {
	const char *title, *host, *co_hosts, *mode, *starts_at, *ends_at, *venue, *street;
	const char *online_url, *capacity, *description, *featured, *reported;
	const char *off_week;    /* "1", "on", "是": marked 周外活动 */
	tags content, subjects, forms, audiences;
	const struct week_lists *lists; /* the week's lists when the caller holds them (an import's rows); NULL: read */
	const struct week *week;        /* the week itself, the same way */
} activity_input;

/* What the week's figures count: published and within the week (not 周外活动).
 * Every figure of the form, the statistics and the board says this, in these
 * words, so that the partial indexes of migration 110 serve it. */
#define COUNTED(t) t "status = 'published' AND " t "off_week = 0"

/* Checks and converts. Errors name the field (labels from activity_field_label).
 * An activity outside the week's dates (and its extension) is refused unless
 * marked off_week; *warning then says it will not be counted. */
int activity_parse(db *d, arena *a, const activity_input *in, long long week_id, activity *out,
		   errs *e, const char **warning);
const char *activity_field_label(const char *field);
/* Inserts (id 0) or updates with its tags, and audits, in one transaction.
 * Returns the id, 0 on failure (e has why). */
long long activity_save(db *d, arena *a, const actor *who, activity *act, errs *e);
/* The same inside a transaction the caller holds (db_begin .. db_commit), for
 * writes of many activities at once; 0 ok, -1 failed (the caller rolls back). */
int activity_save_tx(db *d, arena *a, const actor *who, activity *act);
/* New imported activities written in batches inside the caller's
 * transaction: the rows, tags and audit lines activity_save_tx writes, with
 * each row's import key, a few statements for up to 500 rows (on PostgreSQL
 * the counters' statement triggers then fire once per batch, not once per
 * row). The text index is not fed: the caller drains it once
 * (text_index_drain_tx) after the last flush, before it commits. add copies
 * act and writes the batch when it is full; flush writes what is waiting;
 * free drops it (after a failure). 0 ok, -1 failed (the caller rolls back). */
typedef struct activity_batch activity_batch;
activity_batch *activity_batch_new(arena *a);
int activity_batch_add(db *d, const actor *who, activity_batch *b, const activity *act, const char *import_key);
int activity_batch_flush(db *d, const actor *who, activity_batch *b);
void activity_batch_free(activity_batch *b);
/* An update saves only over the revision in act->revision (-1: any); a stale
 * one makes activity_save_tx return ACT_STALE and the others set errs_stale. */
#define ACT_STALE (-2)
bool activity_load(db *d, arena *a, long long id, activity *act);
int activity_set_status(db *d, arena *a, const actor *who, long long id, const char *status);
/* The same, with the rules of activity_status_change_refused decided inside
 * the transaction (so a sign-up cannot slip in between the check and the
 * write): 0 done, 1 refused (*why says why), -1 failed. */
int activity_change_status(db *d, arena *a, const actor *who, long long id, const char *status, const char **why);
int activity_set_status_tx(db *d, arena *a, const actor *who, long long id, const char *status);
/* Updates an activity and moves it to status (NULL: unchanged), both or neither;
 * a status change refused (read inside the transaction) is an error on "status". */
long long activity_save_with_status(db *d, arena *a, const actor *who, activity *act, const char *status, errs *e);
/* Why the activity may not move to status ("draft", "published", "cancelled"),
 * in Chinese; NULL when it may. Cancelled never goes back to draft, and an
 * activity with sign-ups never does either. */
const char *activity_status_change_refused(db *d, const activity *x, const char *status);
long long activity_copy(db *d, arena *a, const actor *who, long long id);
int activity_set_counts(db *d, arena *a, const actor *who, long long id, long long staff_count, long long reported);

typedef struct activity_query {
	long long week_id, unit_id;          /* 0: any unit */
	const char *status;                  /* NULL: any; "public": published or cancelled */
	const char *content, *audience, *mode, *date, *q;
	const char *sort;                    /* "start" (default), "-start", "title", "updated" */
	long long now_from, now_to;          /* when set: overlapping this interval */
	bool online_only;
	long long page, per_page;
} activity_query;
/* One page of activities (without tags); returns the count on the page, *total the match count. */
int activity_search(db *d, arena *a, const activity_query *q, activity **out, long long *total);
void activity_load_tags(db *d, arena *a, activity *act);
/* The select list of a whole row ("a." activities JOIN "u." units), and its reader. */
extern const char *const activity_columns;
void activity_from_row(stmt *st, arena *a, activity *x);

/* Participants by source. An activity counts from one source only, so no one
 * is counted twice: the one its clerk confirmed (count_source), else the
 * check-ins plus the staff's tally of walk-ins where either exists, else the
 * number the organiser reported. Where the organiser's number and the
 * check-ins with the tally differ and nobody confirmed, the activity is
 * "unconfirmed" (counted by its check-ins, asked about on the form page and
 * the checklist); with no number from any source it is "missing" (未填人数). */
typedef struct participants {
	long long checked_in, counted, reported, total;
	long long activities_measured, activities_reported;
	long long activities_unconfirmed, activities_missing;
} participants;
/* The rule in SQL over the expressions for check-ins, tally and count_source:
 * true when the check-ins and tally count. */
#define MEASURED_SQL(ci, staff, src) "(" src " = 'measured' OR (" src " = '' AND " ci " + " staff " > 0))"
bool participants_measured(long long checked_in, long long staff_count, const char *count_source);
/* The clerk confirms which source is right ("measured" or "reported"), with a
 * reason. 0, or -1 with e. */
int activity_confirm_count(db *d, arena *a, const actor *who, long long id, const char *source, const char *reason, errs *e);
participants activity_participants(db *d, long long activity_id);
participants unit_participants(db *d, long long week_id, long long unit_id);

/* Photos of an activity; the bytes are in the file store. */
typedef struct photo {
	long long id;
	char *sha256, *name, *mime;
} photo;
int activity_photos(db *d, arena *a, long long activity_id, photo **out);
long long activity_photo_add(db *d, arena *a, const actor *who, long long activity_id, const char *sha256,
			     long long size, const char *mime, const char *name);
int activity_photo_remove(db *d, arena *a, const actor *who, long long photo_id);
long long activity_photo_activity(db *d, long long photo_id); /* the photo's activity; 0 if none */
/* The photo and the status of its activity; false if there is no such photo. */
bool photo_lookup(db *d, arena *a, long long photo_id, photo *p, char **activity_status);
/* Records a stored file in the files table (once per content). */
int file_record(db *d, const char *sha256, long long size, const char *mime, long long now);
/* For the photo queries here and in resource.c: a photo from the columns id,
 * sha256, name, mime (0-3); up to n of them from st when it was prepared
 * (*out always set, st done after); and the end of a photo's removal, in the
 * caller's transaction: the row deleted (delete_sql bound to photo_id) when
 * old, its snapshot, is set, the audit, the commit. 0, or -1 after a rollback. */
void photo_from(stmt *st, arena *a, photo *p);
int photos_read(stmt *st, bool prepared, arena *a, int n, photo **out);
int photo_delete_end(db *d, const actor *who, long long unit_id, long long photo_id, const char *old, const char *delete_sql);

/* Residents' ratings. Offices report 满意度 = (满意 + 基本满意) / 有效评价; 满意率
 * counts 满意 only; both in whole percent, rounded, -1 without ratings. */
typedef struct satisfaction {
	long long satisfied, basic, unsatisfied, total;
	long long activities;    /* activities with at least one rating */
} satisfaction;
int satisfaction_degree(const satisfaction *s);   /* 满意度 */
int satisfaction_rate(const satisfaction *s);     /* 满意率 */
/* The figure's sentence, the same on every form and page: "满意度 100%，满意率 0%
 * （满意 0，基本满意 2，不满意 0；共 2 份有效评价，来自 1 场活动）", or "暂无居民评价". */
char *satisfaction_text(arena *a, const satisfaction *s);
satisfaction activity_satisfaction(db *d, long long activity_id);
satisfaction unit_satisfaction(db *d, long long week_id, long long unit_id);
#endif
