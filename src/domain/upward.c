/* upward.c: a middle organiser's compiled form reported in its parent's week
 * (see upward.h). */
#include "upward.h"
#include "org.h"
#include <stdlib.h>
#include <string.h>

field_value *upward_values(db *d, arena *a, const report *rep, void *ctx)
{
	(void)ctx;
	long long own = cityform_week_of(d, rep);
	city_form cf;
	return own && cityform_build(d, a, own, false, &cf) ? cf.fv : NULL;
}

void upward_heads(const field_value *fv, long long *activities, long long *people, long long *ratings)
{
	unit_stats u = {0};
	int missing = cityform_figures(fv, &u);
	*activities = missing & 1 ? -1 : u.activities;
	*people = missing & 2 ? -1 : u.people.total;
	if (ratings)
		*ratings = u.sat.total;
}

bool upward_frozen_figures(db *d, arena *a, long long submission_id, const week_form *form, long long *activities,
			   long long *people, long long *ratings)
{
	submission s;
	if (!submission_load(d, a, submission_id, &s))
		return false;
	upward_heads(submission_fields(a, &s, form, NULL), activities, people, ratings);
	return true;
}

bool upward_reports(db *d, long long year, long long unit_id, long long submission_id)
{
	return week_by_year(d, unit_id, year) || (submission_id && submission_imported(d, submission_id));
}

static int id_cmp(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;
	return a < b ? -1 : a > b;
}

/* The units that report in week_id (of year) by a form of their own level,
 * as upward_reports says of each, in two queries for all of them: sorted
 * ids in *out, their number returned (-1 when a read failed). */
static int reporting_children(db *d, arena *a, long long week_id, long long year, long long **out)
{
	int n = 0, cap = 64;
	long long *v = arena_alloc(a, sizeof *v * (size_t)cap);
	for (int pass = 0; pass < 2; pass++) {
		stmt st;
		int rc = pass == 0 ? db_prep(d, &st, "SELECT unit_id FROM weeks WHERE year = ?1", "I", year)
				   : db_prep(d, &st, "SELECT r.unit_id FROM reports r WHERE r.week_id = ?1 AND"
						" (SELECT s.imported FROM submissions s WHERE s.report_id = r.id"
						" ORDER BY s.version DESC LIMIT 1) = 1", "I", week_id);
		if (rc < 0)
			return -1;
		while ((rc = stmt_step(&st)) == 1) {
			if (n == cap) {
				long long *w = arena_alloc(a, sizeof *w * (size_t)(cap *= 2));
				memcpy(w, v, sizeof *v * (size_t)n);
				v = w;
			}
			v[n++] = col_int(&st, 0);
		}
		stmt_done(&st);
		if (rc < 0)
			return -1;
	}
	qsort(v, (size_t)n, sizeof *v, id_cmp);
	*out = v;
	return n;
}

bool upward_stats_load(db *d, arena *a, long long week_id, city_stats *s)
{
	if (!stats_load(d, a, week_id, s))
		return false;
	city_form cf;
	bool built = false;
	int kept = 0;
	unit_stats *unsent = arena_alloc(a, sizeof *unsent * (size_t)(s->nunits + 1));
	long long organiser = week_organiser(d, week_id);
	long long year = db_int(d, 0, "SELECT year FROM weeks WHERE id = ?1", "I", week_id);
	long long *reporting;
	int nreporting = reporting_children(d, a, week_id, year, &reporting);
	if (nreporting < 0)
		return false;
	for (int i = 0; i < s->nunits; i++) {
		unit_stats *u = &s->units[i];
		if (u->unit_id == organiser || !bsearch(&u->unit_id, reporting, (size_t)nreporting, sizeof *reporting, id_cmp)) {
			s->units[kept++] = *u;
			continue;
		}
		if (!built && !(built = cityform_build(d, a, week_id, false, &cf))) {
			s->units[kept++] = *u; /* the compiled form cannot be read: as recorded */
			continue;
		}
		const city_unit *cu = NULL;
		for (int k = 0; k < cf.nunits && !cu; k++)
			if (cf.units[k].unit_id == u->unit_id && cf.units[k].counted)
				cu = &cf.units[k];
		stats_row_clear(s, u);
		if (cu) { /* what it submitted, as the compiled form sums it */
			cityform_figures(cu->fv, u);
			s->units[kept++] = *u;
			continue;
		}
		/* 未报送: what its compiled form adds up to now, apart */
		report rep = {.week_id = week_id, .unit_id = u->unit_id};
		long long below = cityform_week_of(d, &rep);
		city_form now;
		if (below && below != week_id && cityform_build(d, a, below, false, &now))
			cityform_figures(now.fv, u);
		unsent[s->nunsent++] = *u;
	}
	if (!built)
		return true;
	s->nunits = kept;
	s->unsent = unsent;
	stats_total(s);
	return true;
}

bool upward_state_of(db *d, arena *a, long long week_id, const city_form *cf, upward_state *st)
{
	memset(st, 0, sizeof *st);
	st->week_id = week_id;
	week wk, parent;
	if (!week_load(d, a, week_id, &wk))
		return false;
	if (!wk.parent_week_id)
		return true;
	if (!week_load(d, a, wk.parent_week_id, &parent))
		return false;
	st->parent_week_id = parent.id;
	st->parent_title = parent.title;
	st->deadline_at = parent.deadline_at;
	unit up;
	st->parent_unit = unit_load(d, a, parent.unit_id, &up) ? up.name : "";
	city_form built;
	if (!cf) {
		if (!cityform_build(d, a, week_id, false, &built))
			return false;
		cf = &built;
	}
	st->rep = cf->rep;
	submission fin;
	final_state fs = cityform_final(d, a, cf, &fin);
	st->submission_id = submission_latest(d, cf->rep.id);
	submission last = {0};
	if (st->submission_id)
		submission_load(d, a, st->submission_id, &last);
	if (fs != FINAL_NONE) {
		st->version = fin.version;
		st->final_pending = fs == FINAL_VALID;
		st->final_void = fs == FINAL_VOID;
		st->scan_ready = db_exists(d, "SELECT 1 FROM attachments WHERE report_id = ?1 AND kind = 'scan' AND final_id = ?2", "II",
					   cf->rep.id, fin.final_id);
		st->label = fs == FINAL_VALID ? "已定稿" : "未定稿";
	} else if (st->submission_id) {
		st->version = last.version;
		st->label = !strcmp(last.status, "accepted") ? "已通过" : !strcmp(last.status, "returned") ? "已退回" : "已报送";
	} else
		st->label = "未定稿";
	return true;
}

long long upward_submit(db *d, arena *a, const actor *who, long long week_id, errs *e)
{
	long long parent = db_int(d, 0, "SELECT coalesce(parent_week_id, 0) FROM weeks WHERE id = ?1", "I", week_id);
	if (!parent) {
		err_add(e, NULL, "本级活动周不是按上级的活动周发布的，没有上级可以报送。");
		return 0;
	}
	if (cityform_own(d, a, who, week_organiser(d, week_id), e) < 0)
		return 0;
	report rep;
	if (!cityform_report(d, a, week_id, &rep)) {
		err_add(e, NULL, "暂时无法读取本级总结表，请稍后重试。");
		return 0;
	}
	return submission_submit_values(d, a, who, &rep, upward_values, NULL, e);
}
