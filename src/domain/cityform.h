/* cityform.h: the city's own summary form for reporting to the province,
 * built from what the units submitted: each unit contributes its latest
 * submitted version's frozen values (overrides included); summed fields are
 * the sums of those figures, merged fields (organisers, scope, channels,
 * featured activities) merge the frozen texts. Units that have not submitted
 * are listed apart with what their live records would add, in no sum. The
 * plan, the ceremony and the narrative texts are the centre's, kept as the
 * report of the root unit, and the centre may override a city field with a
 * reason under the units' rules. Also each unit's row of the city workbook. */
#ifndef LW_CITYFORM_H
#define LW_CITYFORM_H
#include "report.h"
#include "stats.h"
#include "submission.h"

/* One unit of the week, as the city form counts it. */
typedef struct city_unit {
	long long unit_id;
	const char *name;
	bool counted;              /* it has a submitted version: its frozen values are in the sums */
	bool accepted;             /* ... and the centre accepted it */
	long long submission_id, version, submitted_at;
	bool late;
	const char *status;        /* 已通过 已提交，待审核 已退回; not counted: 未开始 填报中 (its report's stage) */
	field_value *fv;           /* frozen (counted) or live (what its records would add), in the week's rows; NULL when not loaded */
	bool has_fv;
} city_unit;

/* A counted unit whose frozen text of a summed field carries no figure the
 * sum can take: said on the page and in the field, never guessed. */
typedef struct city_gap {
	const char *unit;
	const form_field_def *def;
	const char *text;
} city_gap;

typedef struct city_form {
	report rep;                    /* the centre's (the root unit's) report */
	field_value *fv;               /* the city's fields in the week's rows: summed, merged, the centre's overrides merged over */
	city_unit *units;              /* every unit of the week but the root, in the board's order */
	int nunits, ncounted;
	city_gap *gaps;
	int ngaps;
} city_form;

/* The centre's report of the week (the organiser's), created on first use:
 * in the week itself at the top, in the parent's week for a week copied from
 * it (week_adopt), where the organiser reports upward as a unit of its parent. */
bool cityform_report(db *d, arena *a, long long week_id, report *rep);
/* The week whose children's submissions a centre report compiles: the
 * organiser's own week for its report in the parent's week, the week itself
 * for the top's; 0 when rep is no organiser's compiled form. */
long long cityform_week_of(db *d, const report *rep);
/* 0 when who acts for organiser (or is the command line); else -1 with e:
 * an account of another node may read the compiled form, never change it. */
int cityform_own(db *d, arena *a, const actor *who, long long organiser, errs *e);
/* Builds the city form of the week. live: also load what each unit that has
 * not submitted would add from its records now (a query set per unit).
 * False when the centre's report cannot be read. */
bool cityform_build(db *d, arena *a, long long week_id, bool live, city_form *cf);
/* The first figure of a summed field's text (the 人次 of 参加活动人数, the 场
 * of 全区参与活动的数量, the 篇 of 文字报道...): true with *v, false when
 * the text carries none that can be summed, or the field has no such figure. */
bool cityform_head(const form_field_def *def, const char *text, long long *v);
/* The figures of a form's texts (a child's frozen version, a compiled form)
 * as the sums read them, into u's activities (online, offline, both),
 * people (by source), sat, pub_text and pub_media; tags and channels are
 * left alone. A head figure the text does not carry is 0 and its bit set in
 * the result (1 activity_count, 2 participants, 4 pub_text, 8 pub_media).
 * The statistics and the board of a level above count a child so. */
int cityform_figures(const field_value *fv, unit_stats *u);
/* The form a report stands for now: an organiser's compiled form for its
 * report in the parent's week (or the top's own, cityform_fields), else the
 * unit's form from its records (report_fields). The pages of a report
 * (/units/N/report, /submission), the board's checklist and the city form's
 * unsubmitted rows read a child organiser through it. */
field_value *report_values(db *d, arena *a, const report *rep);
/* What the centre wrote (field_value.written), without deriving anything: for the edit page. */
field_value *cityform_texts(db *d, arena *a, const report *rep);
/* Every field of the city form (cityform_build's fv): a proper field_value
 * per field, as the units' forms have them. */
field_value *cityform_fields(db *d, arena *a, const report *rep);
/* Saves the plan and ceremony (plan) and the narrative fields (narrative[i]
 * for rep->form->row[i]; NULL for the derived ones). 0, or -1 with e. */
int cityform_save(db *d, arena *a, const actor *who, report *rep, const report *plan,
		  const char *const *narrative, errs *e);
/* The centre's own text of one city field (value NULL or reset: back to the
 * sum), checked as a unit's: a changed number needs a reason. 0, or -1 with e. */
int cityform_override(db *d, arena *a, const actor *who, report *rep, const form_field_def *def, const char *value,
		      const char *reason, bool reset, errs *e);

/* 定稿 of the city form, the units' chain one level up: freezes the city
 * form as cityform_build gives it now (sums, merged texts, the centre's
 * overrides and reasons) as a version of the centre's report, with a
 * verification code and digest (report_finalise_values). Returns the
 * final's id, 0 with e. */
long long cityform_finalise(db *d, arena *a, const actor *who, long long week_id, const char *verify_base, errs *e);
/* The city's latest 定稿 and whether the city form (cf, built now) still
 * matches it: FINAL_VOID once a unit has (re)submitted other figures or the
 * centre has changed a field since. */
final_state cityform_final(db *d, arena *a, const city_form *cf, submission *fin);

/* One unit's row of the workbook's form sheet. */
typedef struct unit_form_row {
	const char *unit;
	const char *status;        /* 已提交，待审核 已退回 已通过; 未开始 填报中 with （未报送，不计入全市汇总）; 全市汇总 for the city's row */
	long long version;         /* 0: never submitted: the values are the live ones */
	long long submitted_at;
	bool late;
	bool counted;              /* in the 全市汇总 row */
	const char **values;       /* one a row of the week's form */
	const char *reasons;       /* why figures were changed (report_reasons), "" none */
} unit_form_row;

/* Every unit of the week (the latest submitted version where there is one,
 * else the live values, marked as not counted), then the city's own row,
 * all from one cityform_build. fn returning non-zero stops the walk and is
 * returned; -1 on a database error. */
int cityform_unit_rows(db *d, long long week_id, const progress *pg, long long done_before, long long total,
		       int (*fn)(void *ctx, const unit_form_row *row), void *ctx);

/* The latest submitted version of the unit's report for the week: 0 when
 * it has none (or no report). */
long long unit_latest_submission(db *d, long long week_id, long long unit_id);
#endif
