/* upward.h: a middle organiser reports upward. Its week copied from the
 * parent's (week_adopt, parent_week_id) is compiled from its children's
 * submitted forms (cityform_build); that compiled form is its report in the
 * parent's week (cityform_report): 定稿 (cityform_finalise), the stamped scan
 * against that version, and 报送 into the parent's week, which the parent
 * reviews as it reviews any child. This module joins the submission chain
 * and the compiled form, so that neither includes the other. */
#ifndef LW_UPWARD_H
#define LW_UPWARD_H
#include "cityform.h"

typedef struct upward_state {
	long long week_id;            /* the organiser's own week */
	long long parent_week_id;     /* 0: the top's week, nothing to report upward */
	const char *parent_title;     /* the parent week's title */
	const char *parent_unit;      /* who reviews it */
	report rep;                   /* the organiser's report in the parent's week */
	const char *label;            /* 未定稿 已定稿 已报送 已退回 已通过 */
	long long version;            /* the latest 定稿 or submitted version, 0 none */
	bool final_pending;           /* a valid 定稿 waits for its scan and 报送 */
	bool final_void;              /* the latest 定稿 no longer matches the compiled form */
	bool scan_ready;              /* the pending 定稿's scan is uploaded */
	long long submission_id;      /* the latest submitted version, 0 none */
	long long deadline_at;        /* the parent week's deadline */
} upward_state;

/* What the organiser of week_id must do upward. cf: the week's compiled form
 * when the caller has built it already (the city form's page), NULL to build
 * it here. False when the week cannot be read; st->parent_week_id 0 for a
 * week not copied from a parent's. */
bool upward_state_of(db *d, arena *a, long long week_id, const city_form *cf, upward_state *st);
/* The compiled form that rep (an organiser's report in its parent's week)
 * stands for, built now: a form_values_fn for the submission chain; NULL
 * when it cannot be built. */
field_value *upward_values(db *d, arena *a, const report *rep, void *ctx);
/* The board's figures of a form's texts (cityform_figures): activities (场)
 * and participants (人次), -1 when the text carries no figure; ratings (NULL:
 * not wanted) the count its satisfaction gives. */
void upward_heads(const field_value *fv, long long *activities, long long *people, long long *ratings);
/* The board's figures of a submitted version as frozen (overrides
 * included), read as the compiled form above sums it: activities (场) and
 * participants (人次), -1 when the text carries no figure, and the ratings
 * its satisfaction counts. False when the version cannot be read. */
bool upward_frozen_figures(db *d, arena *a, long long submission_id, const week_form *form, long long *activities,
			   long long *people, long long *ratings);
/* Whether unit_id reports in a week of year by a form of its own level, not
 * by records the week holds: it runs its own week that year (a compiled
 * form), or its latest version (submission_id, 0 none) came in a package.
 * The year is the caller's (it asks for every child of one week). */
bool upward_reports(db *d, long long year, long long unit_id, long long submission_id);
/* The week's statistics (stats_load), with each child that reports upward
 * (upward_reports) counted as the compiled form counts it: the frozen values
 * of its latest submitted version (cityform_figures), tags and channels
 * empty; one that has not submitted moved to s->unsent with what its
 * compiled form adds up to now, in no total. The total is then the sum of
 * the rows, as the compiled form's heads are. */
bool upward_stats_load(db *d, arena *a, long long week_id, city_stats *s);
/* 报送 of the compiled form's pending 定稿 into the parent's week, checked
 * again inside the transaction against the form compiled there. Returns the
 * submission's id, 0 with e. */
long long upward_submit(db *d, arena *a, const actor *who, long long week_id, errs *e);
#endif
