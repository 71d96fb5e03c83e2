/* cityform.h: the city's own summary form for reporting to the province: the
 * twenty fields of the units' form, its derived fields aggregated from the
 * units (counts summed, scope and channels merged, featured activities listed
 * by unit); the plan, the ceremony and the narrative texts are the centre's,
 * kept as the report of the root unit. Also each unit's row of the city
 * workbook. */
#ifndef LW_CITYFORM_H
#define LW_CITYFORM_H
#include "report.h"
#include "stats.h"

/* The centre's report of the week (the root unit's), created on first use. */
bool cityform_report(db *d, arena *a, long long week_id, report *rep);
/* What the centre wrote (field_value.written), without deriving anything: for the edit page. */
void cityform_texts(db *d, arena *a, const report *rep, field_value out[N_FORM_FIELDS]);
/* Every field: derived from all units now, merged with what the centre wrote. */
void cityform_fields(db *d, arena *a, const report *rep, field_value out[N_FORM_FIELDS]);
/* Saves the plan and ceremony (plan) and the narrative fields (narrative[i]
 * for form_fields[i]; NULL for the derived ones). 0, or -1 with e. */
int cityform_save(db *d, arena *a, const actor *who, report *rep, const report *plan,
		  const char *const narrative[N_FORM_FIELDS], errs *e);

/* One unit's row of the workbook's form sheet. */
typedef struct unit_form_row {
	const char *unit;
	const char *status;        /* 未开始 填报中 已提交，待审核 已退回 已通过; 全市汇总 for the city's row */
	long long version;         /* 0: never submitted: the values are the live ones */
	long long submitted_at;
	bool late;
	const char *values[N_FORM_FIELDS];
	const char *reasons;       /* why figures were changed (report_reasons), "" none */
} unit_form_row;

/* Every unit of the week (the latest submitted version where there is one,
 * else the live values), then the city's own row. fn returning non-zero
 * stops the walk and is returned; -1 on a database error. */
int cityform_unit_rows(db *d, long long week_id, const progress *pg, long long done_before, long long total,
		       int (*fn)(void *ctx, const unit_form_row *row), void *ctx);

/* The latest submitted version of the unit's report for the week: 0 when
 * it has none (or no report). */
long long unit_latest_submission(db *d, long long week_id, long long unit_id);
#endif
