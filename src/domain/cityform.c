/* cityform.c: the city's summary form, derived by the same table as the
 * units' (derive.c) from the city statistics (one set of queries, so the
 * form and the charts cannot disagree); each unit's row of the workbook. */
#include "cityform.h"
#include "submission.h"
#include "core/buf.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool cityform_report(db *d, arena *a, long long week_id, report *rep)
{
	return report_get(d, a, week_id, unit_root(d), rep);
}

/* The root's report as report_fields and report_save_fields should see it:
 * with no week, so that their per-unit record queries (which would scan the
 * whole week for the root: unit_participants cannot use an index for one
 * unit) find nothing at once. Every field they would derive from records is
 * the city's here; what stays theirs is the centre's texts and the plan and
 * ceremony, which do not depend on the week. */
static report without_records(const report *rep)
{
	report r = *rep;
	r.week_id = 0;
	return r;
}

void cityform_texts(db *d, arena *a, const report *rep, field_value out[N_FORM_FIELDS])
{
	report own = without_records(rep);
	report_fields(d, a, &own, out);
}

void cityform_fields(db *d, arena *a, const report *rep, field_value out[N_FORM_FIELDS])
{
	form_values(d, a, rep, form_city_facts(d, a, rep->week_id), out);
}

int cityform_save(db *d, arena *a, const actor *who, report *rep, const report *plan,
		  const char *const narrative[N_FORM_FIELDS], errs *e)
{
	const char *values[N_FORM_FIELDS] = {0};
	for (int i = 0; i < N_FORM_FIELDS; i++)
		if (form_fields[i].kind == FK_NARRATIVE)
			values[i] = narrative[i];
	report own = without_records(rep);
	return report_save_plan_and_fields(d, a, who, rep, plan, &own, values, e);
}

/* ---- the workbook's form sheet ---- */

static const char *live_status(db *d, long long week_id, long long unit_id, bool *has_report)
{
	stmt st;
	const char *status = NULL;
	if (db_prep(d, &st, "SELECT status FROM reports WHERE week_id = ?1 AND unit_id = ?2", "II", week_id, unit_id) == 0) {
		if (stmt_step(&st) == 1)
			status = report_status_label(col_text(&st, 0));
		stmt_done(&st);
	}
	*has_report = status != NULL;
	if (status)
		return status;
	return db_exists(d, "SELECT 1 FROM activities WHERE week_id = ?1 AND unit_id = ?2", "II", week_id, unit_id) ? "填报中" : "未开始";
}

int cityform_unit_rows(db *d, long long week_id, const progress *pg, long long done_before, long long total,
		       int (*fn)(void *ctx, const unit_form_row *row), void *ctx)
{
	arena ua = {0};
	unit *units;
	int nu = stats_units(d, &ua, week_id, &units);
	long long root = unit_root(d);
	int rc = 0;
	for (int i = 0; i < nu && rc == 0; i++) {
		if (units[i].id == root)
			continue;
		progress_say(pg, units[i].name, done_before + i, total);
		arena a = {0};
		unit_form_row row = {.unit = units[i].name};
		field_value fv[N_FORM_FIELDS];
		bool has_report;
		row.status = live_status(d, week_id, units[i].id, &has_report);
		report rep = {.week_id = week_id, .unit_id = units[i].id, .status = "draft", .plan_issuer = "", .plan_coordinator = "",
			      .plan_author = "", .ceremony_date = "", .ceremony_venue = "", .ceremony_leaders = ""};
		/* the report row exists already: report_get only reads it; a unit
		 * that never opened its form gets no row made by an export */
		if (has_report && !report_get(d, &a, week_id, units[i].id, &rep))
			rc = -1;
		submission s;
		long long latest = rep.id ? submission_latest(d, rep.id) : 0;
		if (rc == 0 && latest && submission_load(d, &a, latest, &s)) {
			submission_fields(&a, &s, fv);
			row.status = submission_status_label(s.status);
			row.version = s.version;
			row.submitted_at = s.submitted_at;
			row.late = s.late;
		} else if (rc == 0) {
			report_fields(d, &a, &rep, fv);
		}
		if (rc == 0) {
			for (int k = 0; k < N_FORM_FIELDS; k++)
				row.values[k] = fv[k].shown ? fv[k].shown : "";
			row.reasons = report_reasons(&a, fv);
			row.reasons = row.reasons ? row.reasons : "";
			rc = fn(ctx, &row);
		}
		arena_free(&a);
	}
	if (rc == 0) {
		arena a = {0};
		report rep;
		field_value fv[N_FORM_FIELDS];
		progress_say(pg, "全市汇总", done_before + nu, total);
		if (cityform_report(d, &a, week_id, &rep)) {
			cityform_fields(d, &a, &rep, fv);
			unit_form_row row = {.unit = fv[0].shown, .status = "全市汇总", .reasons = ""};
			for (int k = 0; k < N_FORM_FIELDS; k++)
				row.values[k] = fv[k].shown;
			rc = fn(ctx, &row);
		} else {
			rc = -1;
		}
		arena_free(&a);
	}
	arena_free(&ua);
	return rc;
}

long long unit_latest_submission(db *d, long long week_id, long long unit_id)
{
	long long rep_id = db_int(d, 0, "SELECT id FROM reports WHERE week_id = ?1 AND unit_id = ?2", "II", week_id, unit_id);
	return rep_id ? submission_latest(d, rep_id) : 0;
}
