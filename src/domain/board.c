/* board.c: the status board. Every figure comes from one query over the whole
 * week, grouped by unit (reports, activities, ratings, publicity, attachments,
 * form fields, latest versions), so the work grows with the records once and
 * not once per unit. Only the checklist runs per unit, on counts that the
 * index of 030_board.sql answers without reading activity rows. */
#include "board.h"
#include "report.h"
#include "activity.h"
#include "upward.h"
#include "transfer.h"
#include "core/buf.h"
#include "core/timefmt.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *key, *label;
} states[N_BOARD_STATES] = {
	[BS_NOT_STARTED] = {"not_started", "未开始"},
	[BS_DRAFT] = {"draft", "填报中"},
	[BS_SUBMITTED] = {"submitted", "已提交"},
	[BS_RETURNED] = {"returned", "已退回"},
	[BS_ACCEPTED] = {"accepted", "已通过"},
};

const char *board_state_key(board_state s)
{
	return states[s].key;
}

const char *board_state_label(board_state s)
{
	return states[s].label;
}

bool board_state_parse(const char *key, board_state *out)
{
	for (int i = 0; key && i < N_BOARD_STATES; i++)
		if (!strcmp(states[i].key, key)) {
			*out = (board_state)i;
			return true;
		}
	return false;
}

bool board_pending(const board_row *row)
{
	return row->state == BS_NOT_STARTED || row->state == BS_DRAFT || row->state == BS_RETURNED;
}

/* What the grouped queries learn about one unit besides its row. */
typedef struct unit_facts {
	report rep;                     /* rep.id 0: no report row yet */
	long long created_at;
	long long recorded;             /* activities, publicity, attachments, form texts, plan */
	bool *has_text;                 /* the unit's own text is saved for the field (one a row of the week's form) */
	bool *text_empty;               /* ... and it is empty */
	const char **derived_then;      /* what the records said when it was saved, NULL unknown */
	long long gen;                  /* the form's generation before any of this was read, -1 unknown */
} unit_facts;

typedef struct board_ctx {
	arena *a;
	const week_form *form;
	board_row *rows;
	unit_facts *facts;
	int n;
} board_ctx;

static void later(long long *t, long long v)
{
	if (v > *t)
		*t = v;
}

/* Runs a query whose first column is a unit id and hands each row to take
 * with the index of that unit (units not on the board are skipped). */
static void grouped(db *d, board_ctx *c, const char *sql, long long week_id, void (*take)(board_ctx *, int, stmt *))
{
	stmt st;
	if (db_prep(d, &st, sql, "I", week_id) < 0)
		return;
	while (stmt_step(&st) == 1) {
		long long unit_id = col_int(&st, 0);
		for (int i = 0; i < c->n; i++)
			if (c->rows[i].unit_id == unit_id) {
				take(c, i, &st);
				break;
			}
	}
	stmt_done(&st);
}

static void take_report(board_ctx *c, int i, stmt *st)
{
	unit_facts *f = &c->facts[i];
	report *rep = &f->rep;
	arena *a = c->a;
	rep->id = col_int(st, 1);
	rep->status = col_dup(st, a, 2);
	rep->plan_issuer = col_dup(st, a, 3);
	rep->plan_coordinator = col_dup(st, a, 4);
	rep->plan_author = col_dup(st, a, 5);
	rep->ceremony_date = col_dup(st, a, 6);
	rep->ceremony_venue = col_dup(st, a, 7);
	rep->ceremony_leaders = col_dup(st, a, 8);
	f->created_at = col_int(st, 9);
	rep->updated_at = col_int(st, 10);
	for (int k = 3; k <= 8; k++)
		f->recorded += *col_text(st, k) != 0;
	/* a row made by merely opening the report page is not a change */
	if (rep->updated_at > f->created_at)
		later(&c->rows[i].last_change, rep->updated_at);
}

static void take_activities(board_ctx *c, int i, stmt *st)
{
	board_row *row = &c->rows[i];
	c->facts[i].recorded += col_int(st, 1);
	row->activities = col_int(st, 2);
	later(&row->last_change, col_int(st, 3));
	row->participants = col_int(st, 4);
}

static void take_checkins(board_ctx *c, int i, stmt *st)
{
	c->rows[i].participants += col_int(st, 1);
}

static void take_ratings(board_ctx *c, int i, stmt *st)
{
	c->rows[i].ratings = col_int(st, 1);
}

static void take_counted(board_ctx *c, int i, stmt *st)
{
	c->facts[i].recorded += col_int(st, 1);
	later(&c->rows[i].last_change, col_int(st, 2));
}

static void take_field(board_ctx *c, int i, stmt *st)
{
	int k = week_form_index(c->form, col_text(st, 1));
	if (k >= 0) {
		c->facts[i].has_text[k] = true;
		c->facts[i].text_empty[k] = col_int(st, 2) == 0;
		c->facts[i].derived_then[k] = col_null(st, 4) ? NULL : col_dup(st, c->a, 4);
	}
	c->facts[i].recorded++;
	later(&c->rows[i].last_change, col_int(st, 3));
}

static void take_latest(board_ctx *c, int i, stmt *st)
{
	board_row *row = &c->rows[i];
	row->submission_id = col_int(st, 1);
	row->version = col_int(st, 2);
	row->submitted_at = col_int(st, 3);
	row->overdue = col_int(st, 5) != 0;
	later(&row->last_change, row->submitted_at);
	later(&row->last_change, col_int(st, 4));
}

/* Participants follow activity.c's rule (activity_participants): check-ins
 * plus the staff's tally where either exists, else the organiser's number;
 * published activities only. test_board checks the two agree. Summed here as
 * if no activity had check-ins (the covering index activities_board, no
 * check-in looked up), then corrected for those that have some
 * (checkins_sql, from checkin_counts of migration 163): one index seek per
 * activity cost 55 ms of CPU at 100,000. */
#define PARTICIPANTS_OF(ci, t) \
	"(CASE WHEN " MEASURED_SQL(ci, t "staff_count", t "count_source") " THEN " ci " + " t "staff_count" \
	" ELSE COALESCE(" t "reported_participants, 0) END)"
static const char *const activities_sql =
	"SELECT a.unit_id, count(*), sum(" COUNTED("a.") "), max(a.updated_at),"
	" COALESCE(sum(CASE WHEN " COUNTED("a.") " THEN " PARTICIPANTS_OF("0", "a.") " END), 0)"
	" FROM activities a WHERE a.week_id = ?1 GROUP BY a.unit_id";
static const char *const checkins_sql =
	"SELECT k.unit_id, sum(" PARTICIPANTS_OF("k.n", "a.") " - " PARTICIPANTS_OF("0", "a.") ")"
	" FROM checkin_counts k CROSS JOIN activities a ON a.id = k.activity_id"
	" WHERE k.week_id = ?1 AND k.n > 0 AND " COUNTED("a.") " GROUP BY k.unit_id";
#undef PARTICIPANTS_OF

/* The form's fields as far as the checklist reads them: empty or not. A
 * derived field can be empty only where its derivation (derive.c) copies a text
 * that may be empty: the plan, the ceremony, the hosts of published
 * activities, the week's theme. Counts, lists and dates always say something
 * ("0 场", "无", the week's dates). Computing the fields themselves would read
 * every activity of the unit some twenty times. */
static field_value *checklist_fields(db *d, arena *a, const unit_facts *f, const week *wk, long long published)
{
	const report *rep = &f->rep;
	field_value *fv = form_values_alloc(a, rep->form);
	for (int i = 0; fv[i].def; i++) {
		const form_field_def *def = fv[i].def;
		const char *k = def->key;
		bool empty;
		if (f->has_text[i])
			empty = f->text_empty[i];
		else if (def->kind == FK_NARRATIVE)
			empty = true;
		else if (!strcmp(k, "organisers"))
			empty = published == 0;
		else if (!strcmp(k, "issuer"))
			empty = !*rep->plan_issuer;
		else if (!strcmp(k, "coordinator"))
			empty = !*rep->plan_coordinator;
		else if (!strcmp(k, "planner"))
			empty = !*rep->plan_author;
		else if (!strcmp(k, "leaders"))
			empty = !*rep->ceremony_leaders && !*rep->ceremony_date && !*rep->ceremony_venue;
		else if (!strcmp(k, "theme"))
			empty = !*wk->theme;
		else
			empty = false;
		fv[i].shown = empty ? "" : "…";
		if (f->has_text[i] && !empty && f->derived_then[i] && def->kind == FK_DERIVED) {
			/* the unit's wording of a derived field: derived again (this
			 * field only) to flag it when its records have changed since */
			const char *src;
			char *now = form_derive(d, a, rep, def, &src);
			if (now && strcmp(now, f->derived_then[i])) {
				fv[i].derived = now;
				fv[i].records_changed = true;
			}
		}
	}
	return fv;
}

/* What the board last found for a submitted version: its form derived again
 * at the unit's generation gen (form_gens of migration 180) and compared with
 * the version's digest, the fields that differed (none: unchanged). Deriving
 * a unit's form reads every activity of the unit some twenty times (259 ms of
 * CPU per view at 100,000 activities for the 13 units); the generation is one
 * index seek, and while it stands nothing the form is derived from has
 * changed, so the comparison has not either. Kept per process, so a write by
 * another process (an import from the command line) is seen through the
 * generation its triggers bumped; one slot per version (by id modulo the
 * slots), a collision costing one derivation. */
#define SEEN_SLOTS 256
typedef struct seen {
	long long submission_id, gen;
	int n;
	field_diff *v; /* malloc'd, with its texts */
} seen;
static seen seen_slots[SEEN_SLOTS];
static pthread_mutex_t seen_mu = PTHREAD_MUTEX_INITIALIZER;

static long long form_gen(db *d, long long week_id, long long unit_id)
{
	return db_int(d, -1, "SELECT total(n) FROM form_gens WHERE (week_id, unit_id) IN (VALUES (?1, ?2), (0, ?2), (?1, 0))",
		      "II", week_id, unit_id);
}

static void free_diffs(field_diff *v, int n);

static const char *copy_text(arena *a, const char *s, bool *ok)
{
	char *c = !s ? NULL : a ? arena_strdup(a, s) : strdup(s);
	if (s && !c)
		*ok = false;
	return c;
}

/* The row a diff is about, with its texts: a week's rows live in the
 * request's arena, and the kept outcome outlives it. */
static const form_field_def *copy_def(arena *a, const form_field_def *d, bool *ok)
{
	if (!d)
		return NULL;
	form_field_def *c = a ? arena_alloc(a, sizeof *c) : calloc(1, sizeof *c);
	if (!c) {
		*ok = false;
		return NULL;
	}
	*c = *d;
	c->key = copy_text(a, d->key, ok);
	c->group = copy_text(a, d->group, ok);
	c->label = copy_text(a, d->label, ok);
	return c;
}

static void free_def(const form_field_def *d)
{
	if (!d)
		return;
	free((char *)d->key);
	free((char *)d->group);
	free((char *)d->label);
	free((form_field_def *)d);
}

/* v's n diffs with their rows and texts, in a (or malloc'd when a is NULL: NULL when out of memory) */
static field_diff *copy_diffs(arena *a, const field_diff *v, int n)
{
	size_t size = sizeof *v * (size_t)(n + 1);
	field_diff *c = a ? arena_alloc(a, size) : calloc(1, size);
	bool ok = c != NULL;
	for (int i = 0; c && i < n; i++)
		c[i] = (field_diff){copy_def(a, v[i].def, &ok), copy_text(a, v[i].then, &ok), copy_text(a, v[i].now, &ok),
				    copy_text(a, v[i].derived_then, &ok), copy_text(a, v[i].derived_now, &ok)};
	if (!ok && !a) {
		free_diffs(c, n);
		return NULL;
	}
	return c;
}

static void free_diffs(field_diff *v, int n)
{
	for (int i = 0; v && i < n; i++) {
		free_def(v[i].def);
		free((char *)v[i].then);
		free((char *)v[i].now);
		free((char *)v[i].derived_then);
		free((char *)v[i].derived_now);
	}
	free(v);
}

static bool seen_get(arena *a, long long submission_id, long long gen, board_row *row)
{
	pthread_mutex_lock(&seen_mu);
	seen *e = &seen_slots[(size_t)submission_id % SEEN_SLOTS];
	bool hit = e->submission_id == submission_id && e->gen == gen;
	if (hit) {
		row->nchanged = e->n;
		row->changes = e->n ? copy_diffs(a, e->v, e->n) : NULL;
	}
	pthread_mutex_unlock(&seen_mu);
	return hit;
}

static void seen_put(long long submission_id, long long gen, const field_diff *v, int n)
{
	field_diff *c = n ? copy_diffs(NULL, v, n) : NULL;
	if (n && !c)
		return;
	pthread_mutex_lock(&seen_mu);
	seen *e = &seen_slots[(size_t)submission_id % SEEN_SLOTS];
	free_diffs(e->v, e->n);
	*e = (seen){submission_id, gen, n, c};
	pthread_mutex_unlock(&seen_mu);
}

/* The unit's form derived again and compared with its latest submitted
 * version: the digests first, the fields only when they differ; neither while
 * the unit's generation is the one the last comparison was made at. gen was
 * read before anything of the unit (its report row in rep too), so a write
 * in between leaves the comparison kept under an older generation, which the
 * next view passes by. */
static void changed_since(db *d, arena *a, const report *rep, long long gen, board_row *row)
{
	/* a middle organiser's compiled form reported upward (issue 17): compared
	 * with the form compiled now, which its own generation does not follow */
	bool compiled = cityform_week_of(d, rep) != 0;
	/* a version from a child's package: its records are on the child's install */
	if (submission_imported(d, row->submission_id))
		return;
	if (compiled)
		gen = -1;
	if (gen >= 0 && seen_get(a, row->submission_id, gen, row))
		return;
	submission s;
	if (!submission_load(d, a, row->submission_id, &s))
		return;
	field_value *now = compiled ? upward_values(d, a, rep, NULL) : report_fields(d, a, rep);
	if (!now)
		return;
	if (strcmp(submission_digest(a, &s), form_digest(a, now))) {
		field_value *then = submission_fields(a, &s, rep->form, NULL);
		field_diff *v;
		row->nchanged = form_diff(a, then, now, &v);
		row->changes = v;
	}
	if (gen >= 0)
		seen_put(row->submission_id, gen, row->changes, row->nchanged);
}

int board_load(db *d, arena *a, const week *wk, long long now, board_row **out)
{
	unit *units;
	int n = unit_children(d, a, wk->unit_id, false, &units);
	board_row *rows = arena_alloc(a, sizeof *rows * (size_t)(n + 1));
	unit_facts *facts = arena_alloc(a, sizeof *facts * (size_t)(n + 1));
	const week_form *form = week_form_load(d, a, wk->id);
	size_t nf = (size_t)form->n + 1;
	for (int i = 0; i < n; i++) {
		facts[i].has_text = arena_alloc(a, sizeof *facts[i].has_text * nf);
		facts[i].text_empty = arena_alloc(a, sizeof *facts[i].text_empty * nf);
		facts[i].derived_then = arena_alloc(a, sizeof *facts[i].derived_then * nf);
		rows[i].unit_id = units[i].id;
		rows[i].unit_name = units[i].name;
		report *rep = &facts[i].rep;
		rep->week_id = wk->id;
		rep->unit_id = units[i].id;
		rep->status = "draft";
		rep->plan_issuer = rep->plan_coordinator = rep->plan_author = "";
		rep->ceremony_date = rep->ceremony_venue = rep->ceremony_leaders = "";
		rep->form = form;
		facts[i].gen = form_gen(d, wk->id, units[i].id);
	}
	board_ctx c = {a, form, rows, facts, n};
	grouped(d, &c, "SELECT unit_id, id, status, plan_issuer, plan_coordinator, plan_author, ceremony_date, ceremony_venue,"
		       " ceremony_leaders, created_at, updated_at FROM reports WHERE week_id = ?1", wk->id, take_report);
	grouped(d, &c, activities_sql, wk->id, take_activities);
	grouped(d, &c, checkins_sql, wk->id, take_checkins);
	/* CROSS JOIN keeps ratings the outer loop: there are far fewer ratings than
	 * activities, and the planner would otherwise probe ratings once per activity */
	grouped(d, &c, "SELECT a.unit_id, count(*) FROM ratings r CROSS JOIN activities a ON a.id = r.activity_id"
		       " WHERE a.week_id = ?1 AND " COUNTED("a.") " GROUP BY a.unit_id", wk->id, take_ratings);
	grouped(d, &c, "SELECT unit_id, count(*), max(updated_at) FROM publicity WHERE week_id = ?1 GROUP BY unit_id",
		wk->id, take_counted);
	grouped(d, &c, "SELECT r.unit_id, count(*), max(t.created_at) FROM attachments t JOIN reports r ON r.id = t.report_id"
		       " WHERE r.week_id = ?1 GROUP BY r.unit_id", wk->id, take_counted);
	grouped(d, &c, "SELECT r.unit_id, f.field, f.value <> '', f.updated_at, f.derived_then FROM report_fields f"
		       " JOIN reports r ON r.id = f.report_id WHERE r.week_id = ?1", wk->id, take_field);
	grouped(d, &c, "SELECT r.unit_id, s.id, s.version, s.submitted_at, COALESCE(s.reviewed_at, 0), s.late"
		       " FROM submissions s JOIN reports r ON r.id = s.report_id WHERE r.week_id = ?1"
		       " AND s.version = (SELECT max(x.version) FROM submissions x WHERE x.report_id = s.report_id)",
		wk->id, take_latest);

	for (int i = 0; i < n; i++) {
		board_row *row = &rows[i];
		const report *rep = &facts[i].rep;
		if (!strcmp(rep->status, "submitted"))
			row->state = BS_SUBMITTED;
		else if (!strcmp(rep->status, "returned"))
			row->state = BS_RETURNED;
		else if (!strcmp(rep->status, "accepted"))
			row->state = BS_ACCEPTED;
		else
			row->state = facts[i].recorded ? BS_DRAFT : BS_NOT_STARTED;
		if (!row->submission_id)
			row->overdue = now > wk->deadline_at;
		bool sent = (row->state == BS_SUBMITTED || row->state == BS_ACCEPTED) && row->submission_id;
		if (sent)
			changed_since(d, a, rep, facts[i].gen, row);
		/* a child that reports by a form of its own level (its compiled
		 * form, or a package): submitted, the figures of what it submitted,
		 * as the compiled form above sums them, never records this week
		 * holds; not yet, what its compiled form adds up to now, apart */
		if (sent && upward_reports(d, wk->year, row->unit_id, row->submission_id)) {
			upward_frozen_figures(d, a, row->submission_id, form, &row->activities, &row->participants, &row->ratings);
			row->activities = row->activities < 0 ? 0 : row->activities; /* no figure: the compiled form names the gap */
			row->participants = row->participants < 0 ? 0 : row->participants;
		}
		field_value *compiled = board_pending(row) && week_by_year(d, row->unit_id, wk->year) ? report_values(d, a, rep) : NULL;
		if (compiled) {
			row->compiled_live = true;
			upward_heads(compiled, &row->live_activities, &row->live_participants, NULL);
		}
		if (board_pending(row)) {
			field_value *fv = compiled ? compiled : checklist_fields(d, a, &facts[i], wk, row->activities);
			check_item *items;
			int nitems = report_checklist(d, a, rep, fv, &items, &row->blocking);
			check_item *missing = arena_alloc(a, sizeof *missing * (size_t)(nitems + 1));
			for (int k = 0; k < nitems; k++)
				if (!items[k].done && !items[k].optional)
					missing[row->nmissing++] = items[k];
			row->missing = missing;
		}
	}
	*out = rows;
	return n;
}

char *time_left_text(arena *a, long long deadline, long long now)
{
	long long left = deadline - now;
	if (left <= 0) {
		left = -left;
		if (left < 3600)
			return arena_printf(a, "已超过截止时间 %lld 分钟", left / 60);
		return left < 86400 ? arena_printf(a, "已超过截止时间 %lld 小时", left / 3600)
				    : arena_printf(a, "已超过截止时间 %lld 天 %lld 小时", left / 86400, left % 86400 / 3600);
	}
	if (left < 86400)
		return arena_printf(a, "还剩 %lld 小时 %lld 分钟", left / 3600, left % 3600 / 60);
	return arena_printf(a, "还剩 %lld 天 %lld 小时 %lld 分钟", left / 86400, left % 86400 / 3600, left % 3600 / 60);
}

char *board_reminder(arena *a, const week *wk, const char *organiser, const board_row *row, long long now,
		     const char *url)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%s：\n您好！%s的报送材料须在 %s（北京时间）前提交，", row->unit_name, wk->title,
		   datetime_cn(a, wk->deadline_at));
	if (now >= wk->deadline_at)
		buf_printf(&b, "现在%s，请尽快提交（逾期提交的材料会标注“逾期”）。\n", time_left_text(a, wk->deadline_at, now));
	else
		buf_printf(&b, "现在%s。\n", time_left_text(a, wk->deadline_at, now));
	if (row->state == BS_RETURNED)
		buf_printf(&b, "第 %lld 版已退回，请按审核意见修改后重新提交。\n", row->version);
	else if (row->state == BS_NOT_STARTED)
		buf_puts(&b, "系统中还没有贵单位本届活动周的任何记录。\n");
	/* what blocks submitting first, then what would leave the form incomplete */
	for (int pass = 0; pass < 2; pass++) {
		int k = 0;
		for (int i = 0; i < row->nmissing; i++) {
			if (row->missing[i].required != (pass == 0))
				continue;
			if (!k++)
				buf_puts(&b, pass == 0 ? "尚缺必交材料（缺少不能提交）：" : "还需补充：");
			else
				buf_puts(&b, "、");
			buf_puts(&b, row->missing[i].label);
		}
		if (k)
			buf_puts(&b, "。\n");
	}
	if (!row->nmissing)
		buf_puts(&b, "各项材料已齐，请核对后提交。\n");
	if (url)
		buf_printf(&b, "提交入口：%s\n", url);
	buf_printf(&b, "%s", organiser);
	char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}
