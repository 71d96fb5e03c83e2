/* report.c: the summary form. Each derived field is computed from published
 * activities of the unit in the week (and the plan, ceremony and publicity
 * records); the unit may reword any of them, and a changed number is recorded
 * as an override with its reason so the reviewer sees both. */
#include "report.h"
#include "resource.h"
#include "activity.h"
#include "org.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <string.h>

const char *report_status_label(const char *s)
{
	if (!s) return "";
	if (!strcmp(s, "draft")) return "填报中";
	if (!strcmp(s, "submitted")) return "已提交";
	if (!strcmp(s, "returned")) return "已退回";
	if (!strcmp(s, "accepted")) return "已通过";
	return s;
}

bool report_editable(const report *rep)
{
	return !strcmp(rep->status, "draft") || !strcmp(rep->status, "returned");
}

#define REP_SELECT "SELECT id, week_id, unit_id, status, plan_issuer, plan_coordinator, plan_author, ceremony_date," \
		   " ceremony_venue, ceremony_leaders, updated_at, revision FROM reports"

bool report_get(db *d, arena *a, long long week_id, long long unit_id, report *rep)
{
	/* only when missing: PostgreSQL spends an id on every INSERT that meets
	 * its conflict, and a report's id must not depend on the engine or on how
	 * often its page was read (the conflict clause stays for a race) */
	db_exec(d, "INSERT INTO reports(week_id, unit_id, created_at, updated_at) SELECT ?1, ?2, ?3, ?3"
		   " WHERE NOT EXISTS (SELECT 1 FROM reports WHERE week_id = ?1 AND unit_id = ?2)"
		   " ON CONFLICT(week_id, unit_id) DO NOTHING", "III", week_id, unit_id, now_utc());
	stmt st;
	if (db_prep(d, &st, REP_SELECT " WHERE week_id = ?1 AND unit_id = ?2", "II", week_id, unit_id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok) {
		rep->id = col_int(&st, 0);
		rep->week_id = col_int(&st, 1);
		rep->unit_id = col_int(&st, 2);
		rep->status = col_dup(&st, a, 3);
		rep->plan_issuer = col_dup(&st, a, 4);
		rep->plan_coordinator = col_dup(&st, a, 5);
		rep->plan_author = col_dup(&st, a, 6);
		rep->ceremony_date = col_dup(&st, a, 7);
		rep->ceremony_venue = col_dup(&st, a, 8);
		rep->ceremony_leaders = col_dup(&st, a, 9);
		rep->updated_at = col_int(&st, 10);
		rep->revision = col_int(&st, 11);
	}
	stmt_done(&st);
	if (ok)
		rep->form = week_form_load(d, a, rep->week_id);
	return ok;
}

/* The value of a Chinese numeral digit or unit at p (UTF-8), and its length
 * in *len; -1 when p starts none. Units (十百千万亿) are 10..100000000. */
static long long cn_numeral(const char *p, size_t *len)
{
	static const struct {
		const char *s;
		long long v;
	} t[] = {{"〇", 0}, {"零", 0}, {"一", 1}, {"二", 2}, {"两", 2}, {"三", 3}, {"四", 4}, {"五", 5}, {"六", 6},
		 {"七", 7}, {"八", 8}, {"九", 9}, {"十", 10}, {"百", 100}, {"千", 1000}, {"万", 10000}, {"亿", 100000000}};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (!strncmp(p, t[i].s, strlen(t[i].s))) {
			*len = strlen(t[i].s);
			return t[i].v;
		}
	return -1;
}

/* A run of Chinese numerals as its value: 九十八 98, 一百零五 105, 一万二千 12000,
 * 十二 12; digits without units read as figures (二〇二二 2022). */
static long long cn_value(const char *p, size_t n)
{
	long long total = 0, section = 0, digit = 0, figures = 0;
	bool units = false;
	for (size_t i = 0; i < n;) {
		size_t len = 1;
		long long v = cn_numeral(p + i, &len);
		if (v < 0)
			break;
		i += len;
		if (v < 10) {
			digit = v;
			figures = figures * 10 + v;
		} else if (v < 10000) {
			units = true;
			section += (digit ? digit : 1) * v;
			digit = 0;
		} else {
			units = true;
			total = (total + section + digit) * v;
			section = digit = 0;
		}
	}
	return units ? total + section + digit : figures;
}

/* An ASCII or full-width digit at p: its value and length, or -1. */
char *report_reasons(arena *a, const field_value *fv)
{
	buf b = BUF_INIT;
	int n = 0;
	for (int i = 0; fv[i].def; i++)
		if (fv[i].overridden && fv[i].reason && *fv[i].reason) {
			n++;
			buf_printf(&b, "%s%d. 「%s」改动的原因：%s", n > 1 ? "\n" : "", n, fv[i].def->label, fv[i].reason);
		}
	char *s = n ? arena_strdup(a, buf_cstr(&b)) : NULL;
	buf_free(&b);
	return s;
}

static int digit_at(const char *p, size_t *len)
{
	const unsigned char *u = (const unsigned char *)p;
	if (*p >= '0' && *p <= '9') {
		*len = 1;
		return *p - '0';
	}
	if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) { /* U+FF10..U+FF19 */
		*len = 3;
		return u[2] - 0x90;
	}
	return -1;
}

char *numbers_in(arena *a, const char *text)
{
	/* a number is a run of digits (ASCII or full-width: ９８ is 98) or of
	 * Chinese numerals (九十八 is 98), written as its value in ASCII digits;
	 * a comma between digits (23,560) is part of the number */
	buf b = BUF_INIT;
	const char *p = text ? text : "";
	while (*p) {
		size_t len = 1;
		int dg;
		if (digit_at(p, &len) >= 0) {
			if (b.len)
				buf_putc(&b, ',');
			for (;;) {
				if ((dg = digit_at(p, &len)) >= 0)
					buf_putc(&b, (char)('0' + dg)), p += len;
				else if (*p == ',' && digit_at(p + 1, &len) >= 0)
					p++;
				else
					break;
			}
		} else if (cn_numeral(p, &len) >= 0) {
			const char *start = p;
			while (*p && cn_numeral(p, &len) >= 0)
				p += len;
			if (b.len)
				buf_putc(&b, ',');
			buf_printf(&b, "%lld", cn_value(start, (size_t)(p - start)));
		} else {
			p++;
		}
	}
	char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static void off_week_row(stmt *st, arena *a, void *row)
{
	*(const char **)row = arena_printf(a, "%s（%s）", col_text(st, 0), date_cn(a, date_iso_from_utc(a, col_int(st, 1))));
}

int report_off_week(db *d, arena *a, const report *rep, const char ***out)
{
	stmt st;
	return rows_collect(&st, db_prep(d, &st, "SELECT title, starts_at FROM activities WHERE week_id = ?1 AND unit_id = ?2"
						  " AND status = 'published' AND off_week = 1 ORDER BY starts_at, id", "II",
					 rep->week_id, rep->unit_id), a, sizeof **out, off_week_row, (void **)out);
}

typedef struct titled {
	const char *text;
	long long id;
} titled;

static void titled_row(stmt *st, arena *a, void *row)
{
	titled *t = row;
	t->text = arena_printf(a, "%s（%s）", col_text(st, 0), date_cn(a, date_iso_from_utc(a, col_int(st, 1))));
	t->id = col_int(st, 2);
}

static int titled_split(int n, titled *v, arena *a, const char ***texts, long long **ids)
{
	*texts = arena_alloc(a, sizeof **texts * (size_t)(n + 1));
	*ids = arena_alloc(a, sizeof **ids * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		(*texts)[i] = v[i].text, (*ids)[i] = v[i].id;
	return n;
}

int report_count_gaps(db *d, arena *a, const report *rep, const char ***missing, long long **missing_ids,
		      const char ***unconfirmed, long long **unconfirmed_ids, int *nunconfirmed)
{
#define GAPS_SQL(cond) "SELECT title, starts_at, id FROM (SELECT a.title, a.starts_at, a.id, a.staff_count AS staff," \
	" a.reported_participants AS rep, a.count_source AS src, (SELECT count(*) FROM checkins c WHERE c.activity_id = a.id) AS ci" \
	" FROM activities a WHERE a.week_id = ?1 AND a.unit_id = ?2 AND " COUNTED("a.") ") WHERE " cond " ORDER BY starts_at, id"
	stmt st;
	titled *v;
	int n = rows_collect(&st, db_prep(d, &st, GAPS_SQL("ci + staff = 0 AND rep IS NULL"), "II", rep->week_id, rep->unit_id),
			     a, sizeof *v, titled_row, (void **)&v);
	titled_split(n, v, a, missing, missing_ids);
	int nu = rows_collect(&st, db_prep(d, &st, GAPS_SQL("src = '' AND ci + staff > 0 AND rep IS NOT NULL AND rep <> ci + staff"),
					   "II", rep->week_id, rep->unit_id), a, sizeof *v, titled_row, (void **)&v);
	*nunconfirmed = titled_split(nu, v, a, unconfirmed, unconfirmed_ids);
#undef GAPS_SQL
	return n;
}

field_value *report_fields(db *d, arena *a, const report *rep)
{
	field_value *out = form_values_alloc(a, rep->form);
	for (int i = 0; out[i].def; i++) {
		field_value *f = &out[i];
		const char *src = NULL;
		f->derived = form_derive(d, a, rep, f->def, &src);
		f->source = arena_strdup(a, src);
	}
	form_merge_written(d, a, rep, out);
	return out;
}

void form_merge_written(db *d, arena *a, const report *rep, field_value *out)
{
	for (int i = 0; out[i].def; i++) {
		field_value *f = &out[i];
		f->written = f->reason = f->derived_then = NULL;
		f->overridden = f->number_changed = false;
		stmt st;
		if (db_prep(d, &st, "SELECT value, override_reason, derived_then FROM report_fields WHERE report_id = ?1 AND field = ?2",
			    "It", rep->id, f->def->key) == 0) {
			if (stmt_step(&st) == 1) {
				f->written = col_dup(&st, a, 0);
				f->reason = col_dup(&st, a, 1);
				f->derived_then = col_null(&st, 2) ? NULL : col_dup(&st, a, 2);
			}
			stmt_done(&st);
		}
		f->shown = f->written ? f->written : f->derived ? f->derived : arena_strdup(a, "");
		f->records_changed = f->derived && f->written && f->derived_then && strcmp(f->derived_then, f->derived);
		if (f->derived && f->written && strcmp(f->derived, f->written)) {
			f->overridden = true;
			f->number_changed = strcmp(numbers_in(a, f->derived), numbers_in(a, f->written)) != 0;
		}
	}
}

/* The form fields as they will be saved: checked, with what is stored now
 * (fv) and what the unit wrote (val, why: NULL keeps none of its own);
 * kept: not sent at all, left as stored (a flag 系统统计已变为 stays). */
typedef struct fields_in {
	int n;
	const field_value *fv;
	const char **val, **why;
	bool *kept;
} fields_in;

static int fields_check(db *d, arena *a, report *rep, const field_value *current, const char *const *values,
			const char *const *reasons, const bool *reset, fields_in *in, errs *e)
{
	/* the figures the texts are checked against: the report's own, or the
	 * caller's (the city's, summed from the units' submissions), in the
	 * order of the week's rows */
	const field_value *fv = in->fv = current ? current : report_fields(d, a, rep);
	int n = in->n = rep->form->n;
	in->val = arena_alloc(a, sizeof *in->val * (size_t)(n + 1));
	in->why = arena_alloc(a, sizeof *in->why * (size_t)(n + 1));
	in->kept = arena_alloc(a, sizeof *in->kept * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		const form_field_def *def = fv[i].def;
		in->val[i] = NULL;
		in->why[i] = "";
		in->kept[i] = false;
		if (reset && reset[i])
			continue;
		if (!values[i]) {
			in->kept[i] = true;
			in->val[i] = fv[i].written;
			in->why[i] = fv[i].reason ? fv[i].reason : "";
			continue;
		}
		char *v = str_trim(arena_strdup(a, values[i]));
		char *r = str_trim(arena_strdup(a, reasons && reasons[i] ? reasons[i] : ""));
		if ((long long)utf8_chars(v) > def->max_chars * 2)
			err_add(e, def->key, arena_printf(a, "「%s」太长：最多 %d 个字。", def->label, def->max_chars * 2));
		if (def->kind == FK_DERIVED && !strcmp(v, fv[i].derived ? fv[i].derived : ""))
			continue; /* same as derived: nothing of the unit's own */
		if (def->kind == FK_DERIVED && strcmp(numbers_in(a, v), numbers_in(a, fv[i].derived)) && !*r)
			err_add(e, def->key, arena_printf(a, "「%s」中的数字与系统统计（%s）不同，请填写修改原因。", def->label, fv[i].derived));
		if ((long long)utf8_chars(r) > 500)
			err_add(e, def->key, arena_printf(a, "「%s」的修改原因最多 500 个字。", def->label));
		in->val[i] = v;
		in->why[i] = r;
	}
	return e->n ? -1 : 0;
}

/* inside the caller's transaction */
static int fields_write(db *d, arena *a, const actor *who, const report *rep, const fields_in *in)
{
	int rc = 0;
	for (int i = 0; i < in->n && rc == 0; i++) {
		const field_value *fv = &in->fv[i];
		const char *old = fv->written, *val = in->val[i], *why = in->why[i];
		const char *key = fv->def->key;
		/* saved again over records that changed since: the text now follows the new figures */
		bool same = in->kept[i] || (!old && !val) ||
			    (old && val && !strcmp(old, val) && !strcmp(fv->reason ? fv->reason : "", why) && !fv->records_changed);
		if (same)
			continue;
		if (!val || (fv->def->kind == FK_NARRATIVE && !*val))
			rc = db_exec(d, "DELETE FROM report_fields WHERE report_id = ?1 AND field = ?2", "It", rep->id, key);
		else
			rc = db_exec(d, "INSERT INTO report_fields(report_id, field, value, override_reason, updated_at, derived_then)"
					" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(report_id, field)"
					" DO UPDATE SET value = ?3, override_reason = ?4, updated_at = ?5, derived_then = ?6",
				     "ItttIt", rep->id, key, val, why, who->now, fv->derived);
		if (rc == 0)
			rc = audit(d, who, rep->unit_id, "update", "report_field", rep->id, fv->def->label,
				   old ? json_pair(a, "value", old, "reason", fv->reason) : NULL,
				   val ? json_pair(a, "value", val, "reason", why) : NULL);
	}
	if (rc == 0)
		rc = db_exec(d, "UPDATE reports SET updated_at = ?1 WHERE id = ?2", "II", who->now, rep->id);
	return rc;
}

/* The plan and ceremony as they will be saved, checked. */
typedef struct plan_in {
	char *v[5], *date;
} plan_in;

static int plan_check(arena *a, const report *in, plan_in *p, errs *e)
{
	struct {
		const char *key, *label, *value;
		int max;
	} f[] = {
		{"plan_issuer", "下发活动文件的部门", in->plan_issuer, 100},
		{"plan_coordinator", "具体协调部门", in->plan_coordinator, 100},
		{"plan_author", "制定活动方案部门", in->plan_author, 100},
		{"ceremony_venue", "开幕式地点", in->ceremony_venue, 100},
		{"ceremony_leaders", "出席开幕式的领导", in->ceremony_leaders, 300},
	};
	for (int i = 0; i < 5; i++) {
		p->v[i] = str_trim(arena_strdup(a, f[i].value ? f[i].value : ""));
		if ((long long)utf8_chars(p->v[i]) > f[i].max)
			err_add(e, f[i].key, arena_printf(a, "「%s」最多 %d 个字。", f[i].label, f[i].max));
	}
	p->date = str_trim(arena_strdup(a, in->ceremony_date ? in->ceremony_date : ""));
	long long days;
	if (*p->date && !date_parse(p->date, &days))
		err_add(e, "ceremony_date", "「开幕式日期」不是有效的日期，应写成 2022-12-01 的形式。");
	return e->n ? -1 : 0;
}

/* inside the caller's transaction */
static int plan_write(db *d, arena *a, const actor *who, const report *rep, const plan_in *p)
{
	const char *sel = "SELECT plan_issuer, plan_coordinator, plan_author, ceremony_date, ceremony_venue, ceremony_leaders"
			  " FROM reports WHERE id = ?1";
	char *old = row_json(d, a, sel, rep->id);
	int rc = db_exec(d, "UPDATE reports SET plan_issuer = ?1, plan_coordinator = ?2, plan_author = ?3, ceremony_venue = ?4,"
			    " ceremony_leaders = ?5, ceremony_date = ?6, updated_at = ?7 WHERE id = ?8",
			 "ttttttII", p->v[0], p->v[1], p->v[2], p->v[3], p->v[4], p->date, who->now, rep->id);
	if (rc == 0)
		rc = audit(d, who, rep->unit_id, "update", "report_plan", rep->id, "实施方案和开幕式", old, row_json(d, a, sel, rep->id));
	return rc;
}

static void plan_apply(report *rep, const plan_in *p)
{
	rep->plan_issuer = p->v[0];
	rep->plan_coordinator = p->v[1];
	rep->plan_author = p->v[2];
	rep->ceremony_venue = p->v[3];
	rep->ceremony_leaders = p->v[4];
	rep->ceremony_date = p->date;
}

static int check_editable(const report *rep, errs *e)
{
	if (!report_editable(rep)) {
		err_add(e, NULL, "报送材料已提交，在中心退回之前不能修改。");
		return -1;
	}
	return 0;
}

int report_save_fields(db *d, arena *a, const actor *who, report *rep, const char *const *values,
		       const char *const *reasons, const bool *reset, errs *e)
{
	return report_save_fields_over(d, a, who, rep, NULL, values, reasons, reset, e);
}

int report_save_fields_over(db *d, arena *a, const actor *who, report *rep, const field_value *current,
			    const char *const *values, const char *const *reasons, const bool *reset, errs *e)
{
	fields_in in;
	if (check_editable(rep, e) < 0 || fields_check(d, a, rep, current, values, reasons, reset, &in, e) < 0 || txn_begin(d, e) < 0)
		return -1;
	int rc = revision_claim(d, "reports", rep->id, rep->revision, e);
	return txn_end(d, rc == 0 ? fields_write(d, a, who, rep, &in) : -1, e, "保存失败，请重试。");
}

int report_save_plan(db *d, arena *a, const actor *who, report *rep, const report *in, errs *e)
{
	plan_in p;
	if (check_editable(rep, e) < 0 || plan_check(a, in, &p, e) < 0 || txn_begin(d, e) < 0)
		return -1;
	int rc = revision_claim(d, "reports", rep->id, rep->revision, e);
	if (txn_end(d, rc == 0 ? plan_write(d, a, who, rep, &p) : -1, e, "保存失败，请重试。") < 0)
		return -1;
	plan_apply(rep, &p);
	return 0;
}

int report_save_plan_and_fields(db *d, arena *a, const actor *who, report *rep, const report *plan, const field_value *current,
				const char *const *values, errs *e)
{
	plan_in p;
	fields_in in;
	if (check_editable(rep, e) < 0)
		return -1;
	/* both checked before anything is written, both written in one transaction */
	int bad = plan_check(a, plan, &p, e);
	if (fields_check(d, a, rep, current, values, NULL, NULL, &in, e) < 0 || bad < 0 || txn_begin(d, e) < 0)
		return -1;
	int rc = revision_claim(d, "reports", rep->id, rep->revision, e);
	if (rc == 0)
		rc = plan_write(d, a, who, rep, &p);
	if (rc == 0)
		rc = fields_write(d, a, who, rep, &in);
	if (txn_end(d, rc, e, "保存失败，请重试。") < 0)
		return -1;
	plan_apply(rep, &p);
	return 0;
}

void report_form_head(db *d, arena *a, const report *rep, long long filled_at, form_head *h)
{
	week wk;
	unit un;
	char *city = setting_get(d, a, "city");
	long long year = week_load(d, a, rep->week_id, &wk) ? wk.year : 0;
	h->title = arena_printf(a, "%lld年%s全民终身学习活动周总结表", year, city ? city : "");
	h->unit = unit_load(d, a, rep->unit_id, &un) ? un.name : "";
	h->filled_on = date_cn(a, date_iso_from_utc(a, filled_at));
}
