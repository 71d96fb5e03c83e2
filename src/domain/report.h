/* report.h: a unit's report for a week: the plan, the opening ceremony and the
 * summary form, whose derived fields are computed here and nowhere else. */
#ifndef LW_REPORT_H
#define LW_REPORT_H
#include "domain.h"
#include "core/buf.h"
#include "activity.h"

typedef enum field_kind {
	FK_DERIVED,    /* computed from the records; the unit may reword it */
	FK_NARRATIVE,  /* written by the unit */
} field_kind;

typedef struct derive_ctx derive_ctx;  /* derive.c */

/* One row of the form and, for a derived field, its derivation: the one
 * table is form_fields in derive.c. */
typedef struct form_field_def {
	const char *key;
	const char *group;   /* NULL: the label spans both left columns */
	const char *label;   /* exactly as the annex */
	field_kind kind;
	int max_chars;       /* the visible length guide */
	bool optional;       /* may stay empty: neutral in the checklist */
	const char *from;    /* FK_DERIVED: where the figure comes from (来自活动记录) */
	bool summed;         /* the city's figure sums the units' (汇总各县区的活动记录) */
	void (*derive)(derive_ctx *x);   /* says the figure for one unit */
} form_field_def;

#define N_FORM_FIELDS 20
#define FORM_FIRST_TABLE 13
extern const form_field_def form_fields[N_FORM_FIELDS];
const form_field_def *form_field(const char *key);

typedef struct report {
	long long id, week_id, unit_id;
	char *status;                     /* draft submitted returned accepted */
	char *plan_issuer, *plan_coordinator, *plan_author;
	char *ceremony_date, *ceremony_venue, *ceremony_leaders;
	long long updated_at;
	long long revision;               /* loaded; a save claims it (-1: any), see revision_claim */
} report;

/* Loads the unit's report for the week, creating the row on first use. */
bool report_get(db *d, arena *a, long long week_id, long long unit_id, report *rep);
const char *report_status_label(const char *status);
bool report_editable(const report *rep);   /* draft or returned */

typedef struct field_value {
	const form_field_def *def;
	char *derived;        /* what the records say (FK_DERIVED), else NULL */
	char *source;         /* where it comes from, e.g. "来自活动记录" */
	char *written;        /* the unit's text, NULL if none */
	char *reason;         /* why a derived number was changed */
	char *shown;          /* what the form shows: written, else derived */
	bool overridden;      /* written differs from derived */
	bool number_changed;  /* ... and its numbers differ: needs a reason */
	char *derived_then;   /* what the records said when the unit saved its text, NULL unknown */
	bool records_changed; /* the unit's text follows records that have changed since: 系统统计已变为… */
} field_value;

/* Every field of the form, derived from the records now, merged with what the
 * unit wrote. */
void report_fields(db *d, arena *a, const report *rep, field_value out[N_FORM_FIELDS]);
/* Merges what the report's own rows say (the unit's or the centre's texts
 * and reasons) over fields whose def, derived and source are set: written,
 * reason, shown, overridden, number_changed, records_changed. */
void form_merge_written(db *d, arena *a, const report *rep, field_value out[N_FORM_FIELDS]);
/* One field's figure now (NULL for a narrative field) and where it comes from. */
char *form_derive(db *d, arena *a, const report *rep, const form_field_def *def, const char **source);
/* The figures' sentences, the same on the form and the statistics page (the
 * 群众满意度 one is satisfaction_text): "12 场：线上 3，线下 8，线上线下相结合 1",
 * "420 人次：扫码签到 …（… 场按签到和清点计，… 场采用主办方报告，不重复计算）". */
char *activity_count_text(arena *a, long long all, long long online, long long offline, long long both);
char *participants_text(arena *a, const participants *p);
/* Saves the unit's texts. values[i]/reasons[i] belong to form_fields[i]; a NULL
 * value leaves the field as it is; reset[i] drops the unit's text so the derived
 * value shows again. Returns 0, or -1 with e naming each field. */
int report_save_fields(db *d, arena *a, const actor *who, report *rep, const char *const values[N_FORM_FIELDS],
		       const char *const reasons[N_FORM_FIELDS], const bool reset[N_FORM_FIELDS], errs *e);
/* The same rules with the figures of current (N_FORM_FIELDS values, as
 * form_merge_written left them) in place of the report's own records: the
 * city's form, whose figures are the units' submissions. NULL: report_fields. */
int report_save_fields_over(db *d, arena *a, const actor *who, report *rep, const field_value *current,
			    const char *const values[N_FORM_FIELDS], const char *const reasons[N_FORM_FIELDS],
			    const bool reset[N_FORM_FIELDS], errs *e);
int report_save_plan(db *d, arena *a, const actor *who, report *rep, const report *in, errs *e);
/* Both at once, all or nothing: the plan and the form fields of rep, the
 * fields checked against current as report_save_fields_over does. */
int report_save_plan_and_fields(db *d, arena *a, const actor *who, report *rep, const report *plan, const field_value *current,
				const char *const values[N_FORM_FIELDS], errs *e);
/* The unit's published 周外活动 of the week, which the form lists as not
 * counted: "title（2022年12月9日）" each; returns how many. */
int report_off_week(db *d, arena *a, const report *rep, const char ***out);
/* The unit's counted activities whose participants are not settled: without
 * a number from any source (未填人数, *missing) and with an organiser's number
 * that differs from the check-ins and tally, not confirmed (*unconfirmed);
 * each "title（date）", with its id in the *_ids arrays. Returns how many
 * missing; *nunconfirmed the other count. */
int report_count_gaps(db *d, arena *a, const report *rep, const char ***missing, long long **missing_ids,
		      const char ***unconfirmed, long long **unconfirmed_ids, int *nunconfirmed);
/* The lines the unit's form and the city's share: under 活动内容 what the
 * institutions opened to residents, under 宣传范围 the learning stars and brand
 * projects promoted; unit_id 0: every unit of the week. */
void report_resources_line(db *d, arena *a, buf *b, long long week_id, long long unit_id);
void report_promotion_lines(db *d, buf *b, long long week_id, long long unit_id);
/* The reasons given for changed figures, one numbered line each ("1. 「参加活动
 * 人数」改动的原因：…"): the 说明 under the printed form, in the package's
 * manifest and in the city workbook. NULL when there are none. */
char *report_reasons(arena *a, const field_value fv[N_FORM_FIELDS]);
/* The numbers in a text, in order, as a comma-separated string ("126,48,78"). */
char *numbers_in(arena *a, const char *text);

/* The head of the printed form: its title (2022年南昌市全民终身学习活动周总结表),
 * the unit and the date it is filled on (2022年12月9日). The document itself
 * (out/form.h) is made in src/export. */
typedef struct form_head {
	const char *title, *unit, *filled_on;
} form_head;
void report_form_head(db *d, arena *a, const report *rep, long long filled_at, form_head *h);
#endif
