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

/* One row of a week's form: key, group, label and kind are the week's
 * (week_form_rows, migration 190); for a derived row, from, summed and derive
 * are its derivation's (form_derivations in derive.c). */
typedef struct form_field_def {
	const char *key;
	const char *group;   /* NULL: the label spans both left columns */
	const char *label;   /* as the week's form prints it */
	field_kind kind;
	int max_chars;       /* the visible length guide */
	bool optional;       /* may stay empty: neutral in the checklist */
	const char *from;    /* FK_DERIVED: where the figure comes from (来自活动记录) */
	bool summed;         /* the city's figure sums the units' (汇总各县区的活动记录) */
	void (*derive)(derive_ctx *x);   /* says the figure for one unit */
	bool new_table;      /* the printed form starts its second table here */
} form_field_def;

/* The catalogue of derivations: a derived row of any week's form names one by
 * its key. It says where the figure comes from and how; the week's rows say
 * its label, group and place. Adding a derived field is one row of
 * form_derivations and one function. */
typedef struct form_derivation {
	const char *key;
	const char *what;    /* what the figure is, for the centre's choice of rows */
	const char *from;    /* 活动记录, 实施方案 ... */
	bool summed;
	int max_chars;       /* the length guide of a row added with it */
	void (*derive)(derive_ctx *x);
} form_derivation;
extern const form_derivation form_derivations[];
extern const int n_form_derivations;
const form_derivation *form_derivation_of(const char *key);

/* A week's form: its rows in order, loaded once (report_get, cityform_build)
 * and passed along. Arrays of field_value made for it have n entries and a
 * closing one whose def is NULL (form_values_alloc), so a function given only
 * the values knows their count. */
typedef struct week_form {
	long long week_id;
	int n;
	int first_table;     /* rows of the first printed table (the second starts at a new_table row) */
	form_field_def *row;
} week_form;
/* The week's rows; a week without any (never, after migration 190) has none. */
const week_form *week_form_load(db *d, arena *a, long long week_id);
/* The rows a new week starts with: the latest earlier week's, else the preset. */
const week_form *week_form_start(db *d, arena *a, long long year);
int week_form_index(const week_form *f, const char *key);   /* -1: not a row */
const form_field_def *week_form_field(const week_form *f, const char *key);
/* NULL, or why the rows can no longer change: an activity of the week uses
 * the form (week_lists_locked's rule), or a unit has frozen a version. */
const char *week_form_locked(db *d, arena *a, long long week_id);
/* The rows as the centre posted them (parallel arrays, one entry a row of the
 * week's settings page): key ("" for a new typed row, or a catalogue key),
 * group, label, kind (derived, typed, optional: typed and may stay empty,
 * drop, auto: derived for a catalogue key, else typed) and position (the order; blank keeps the row's place); old: the
 * week's rows now (length guides, where the second table starts). The form
 * as it will be saved in *out; 0, or -1 with e. */
int week_form_parse(arena *a, const week_form *old, int n, const char *const *keys, const char *const *groups, const char *const *labels,
		    const char *const *kinds, const char *const *positions, week_form *out, errs *e);
/* Inside the caller's transaction. */
int week_form_write(db *d, long long week_id, const week_form *f);
typedef struct report {
	long long id, week_id, unit_id;
	char *status;                     /* draft submitted returned accepted */
	char *plan_issuer, *plan_coordinator, *plan_author;
	char *ceremony_date, *ceremony_venue, *ceremony_leaders;
	long long updated_at;
	long long revision;               /* loaded; a save claims it (-1: any), see revision_claim */
	const week_form *form;            /* the week's rows, loaded with the report */
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
field_value *report_fields(db *d, arena *a, const report *rep);
/* The week's rows as values, def set and nothing else: n entries and a
 * closing one whose def is NULL. */
field_value *form_values_alloc(arena *a, const week_form *f);
/* Merges what the report's own rows say (the unit's or the centre's texts
 * and reasons) over fields whose def, derived and source are set: written,
 * reason, shown, overridden, number_changed, records_changed. */
void form_merge_written(db *d, arena *a, const report *rep, field_value *out);
/* One field's figure now (NULL for a narrative field) and where it comes from. */
char *form_derive(db *d, arena *a, const report *rep, const form_field_def *def, const char **source);
/* The figures' sentences, the same on the form and the statistics page (the
 * 群众满意度 one is satisfaction_text): "12 场：线上 3，线下 8，线上线下相结合 1",
 * "420 人次：扫码签到 …（… 场按签到和清点计，… 场采用主办方报告，不重复计算）". */
char *activity_count_text(arena *a, long long all, long long online, long long offline, long long both);
char *participants_text(arena *a, const participants *p);
/* Saves the unit's texts. values[i]/reasons[i] belong to rep->form->row[i]; a NULL
 * value leaves the field as it is; reset[i] drops the unit's text so the derived
 * value shows again. Returns 0, or -1 with e naming each field. */
int report_save_fields(db *d, arena *a, const actor *who, report *rep, const char *const *values,
		       const char *const *reasons, const bool *reset, errs *e);
/* The same rules with the figures of current (the week's values, as
 * form_merge_written left them) in place of the report's own records: the
 * city's form, whose figures are the units' submissions. NULL: report_fields. */
int report_save_fields_over(db *d, arena *a, const actor *who, report *rep, const field_value *current,
			    const char *const *values, const char *const *reasons, const bool *reset, errs *e);
int report_save_plan(db *d, arena *a, const actor *who, report *rep, const report *in, errs *e);
/* Both at once, all or nothing: the plan and the form fields of rep, the
 * fields checked against current as report_save_fields_over does. */
int report_save_plan_and_fields(db *d, arena *a, const actor *who, report *rep, const report *plan, const field_value *current,
				const char *const *values, errs *e);
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
char *report_reasons(arena *a, const field_value *fv);
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
