/* cityform.c: the city's summary form, aggregated from the units through the
 * city statistics (one set of queries, so the form and the charts cannot
 * disagree); each unit's row of the workbook; the bundle of packages. */
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

/* Units with a count above zero, as 东湖区 5 场、西湖区 3 场. */
static void by_unit(buf *b, const city_stats *s, long long (*get)(const unit_stats *), const char *measure)
{
	int n = 0;
	for (int i = 0; i < s->nunits; i++) {
		long long v = get(&s->units[i]);
		if (v > 0)
			buf_printf(b, "%s%s %lld %s", n++ ? "、" : "\n各县区：", s->units[i].name, v, measure);
	}
}

static long long get_activities(const unit_stats *u) { return u->activities; }
static long long get_people(const unit_stats *u) { return u->people.total; }
static long long get_text(const unit_stats *u) { return u->pub_text; }
static long long get_media(const unit_stats *u) { return u->pub_media; }

/* A list of at most max names joined by 、, with 等 N 个 when there are more. */
static void name_list(buf *b, const char *const *v, int n, int max)
{
	for (int i = 0; i < n && i < max; i++)
		buf_printf(b, "%s%s", i ? "、" : "", v[i]);
	if (n > max)
		buf_printf(b, "等 %d 个", n);
}

/* What the city's fields are made of: the statistics and the places. */
typedef struct city_facts {
	city_stats s;
	const char **units;       /* units with published activities */
	int nunits;
	const char **hosts, **streets;
	int nhosts, nstreets;     /* how many there are; at most PLACES_LISTED in the lists */
} city_facts;

#define PLACES_LISTED 60

static void facts_load(db *d, arena *a, long long week_id, city_facts *f)
{
	stats_load(d, a, week_id, &f->s);
	f->units = arena_alloc(a, sizeof *f->units * (size_t)(f->s.nunits + 1));
	f->nunits = 0;
	for (int i = 0; i < f->s.nunits; i++)
		if (f->s.units[i].activities)
			f->units[f->nunits++] = f->s.units[i].name;
	f->nhosts = stats_distinct(d, a, &f->s, "host", PLACES_LISTED, &f->hosts);
	f->nstreets = stats_distinct(d, a, &f->s, "street", PLACES_LISTED, &f->streets);
}

static char *city_derive(db *d, arena *a, const report *rep, const city_facts *cf, const char *key, const char **source)
{
	const city_stats *s = &cf->s;
	const unit_stats *t = &s->total;
	buf b = BUF_INIT;
	*source = "汇总各县区的活动记录";
	if (!strcmp(key, "unit_name")) {
		*source = "本市";
		char *city = setting_get(d, a, "city");
		unit root;
		buf_puts(&b, city && *city ? city : unit_load(d, a, rep->unit_id, &root) ? root.name : "");
	} else if (!strcmp(key, "organisers")) {
		if (cf->nunits) {
			buf_printf(&b, "承办：");
			name_list(&b, cf->units, cf->nunits, cf->nunits);
			buf_printf(&b, "（%d 个县区）", cf->nunits);
		}
		if (cf->nhosts) {
			buf_printf(&b, "%s举办活动的单位 %d 个：", cf->nunits ? "\n" : "", cf->nhosts);
			name_list(&b, cf->hosts, cf->nhosts, 40);
		}
		if (!cf->nunits && !cf->nhosts)
			buf_puts(&b, "尚无已发布的活动");
	} else if (!strcmp(key, "activity_count")) {
		buf_printf(&b, "%lld 场：线上 %lld，线下 %lld，线上线下相结合 %lld", t->activities, t->online, t->offline, t->both);
		by_unit(&b, s, get_activities, "场");
	} else if (!strcmp(key, "participants")) {
		const participants *p = &t->people;
		buf_printf(&b, "%lld 人次：扫码签到 %lld，现场清点 %lld，主办方报告 %lld", p->total, p->checked_in, p->counted, p->reported);
		if (p->activities_measured || p->activities_reported)
			buf_printf(&b, "（%lld 场按签到和清点计，%lld 场采用主办方报告，不重复计算）", p->activities_measured, p->activities_reported);
		by_unit(&b, s, get_people, "人次");
	} else if (!strcmp(key, "featured")) {
		int lines = 0;
		for (int i = 0; i < s->nunits; i++) {
			const unit_stats *u = &s->units[i];
			if (!u->featured)
				continue;
			buf_printf(&b, "%s%s（%lld 场）：", lines++ ? "\n" : "", u->name, u->featured);
			int k = 0;
			for (int j = 0; j < s->nfeatured; j++) {
				const featured_item *f = &s->featured[j];
				if (f->unit_id != u->unit_id)
					continue;
				buf_printf(&b, "%s%d. %s（%s，%s）", k ? "；" : "", k + 1, f->title, f->host,
					   date_cn(a, date_iso_from_utc(a, f->starts_at)));
				k++;
			}
			if (u->featured > k)
				buf_printf(&b, "等 %lld 场", u->featured);
		}
		if (!lines)
			buf_puts(&b, "无");
	} else if (!strcmp(key, "content")) {
		static const char *const nums[N_CONTENT] = {"（一）", "（二）", "（三）", "（四）", "（五）", "（六）"};
		for (int i = 0; i < N_CONTENT; i++)
			buf_printf(&b, "%s%s%s %lld 场", i ? "\n" : "", nums[i], content_short[i], t->tags[TAG_CONTENT][i]);
		report_resources_line(d, a, &b, rep->week_id, 0);
	} else if (!strcmp(key, "period")) {
		long long first = db_int(d, 0, "SELECT min(starts_at) FROM activities WHERE week_id = ?1 AND " COUNTED(""), "I", rep->week_id);
		long long last = db_int(d, 0, "SELECT max(ends_at) FROM activities INDEXED BY activities_stats"
					      " WHERE week_id = ?1 AND " COUNTED(""), "I", rep->week_id);
		if (first && last) {
			char *d1 = date_iso_from_utc(a, first), *d2 = date_iso_from_utc(a, last);
			if (!strcmp(d1, d2))
				buf_puts(&b, date_cn(a, d1));
			else
				buf_printf(&b, "%s至%s", date_cn(a, d1), date_cn(a, d2));
		} else {
			week wk;
			*source = "来自活动周设置（尚无已发布的活动）";
			if (week_load(d, a, rep->week_id, &wk))
				buf_printf(&b, "%s至%s", date_cn(a, wk.starts_on), date_cn(a, wk.ends_on));
		}
	} else if (!strcmp(key, "scope")) {
		if (cf->nunits) {
			buf_printf(&b, "县区 %d 个：", cf->nunits);
			name_list(&b, cf->units, cf->nunits, cf->nunits);
		}
		if (cf->nstreets) {
			buf_printf(&b, "%s街道/乡镇 %d 个：", b.len ? "\n" : "", cf->nstreets);
			name_list(&b, cf->streets, cf->nstreets, PLACES_LISTED);
		}
		if (cf->nhosts) {
			buf_printf(&b, "%s参与单位 %d 个：", b.len ? "\n" : "", cf->nhosts);
			name_list(&b, cf->hosts, cf->nhosts, PLACES_LISTED);
		}
		if (!b.len)
			buf_puts(&b, "尚无已发布的活动");
	} else if (!strcmp(key, "satisfaction")) {
		*source = "汇总各县区的居民扫码评价";
		buf_puts(&b, satisfaction_text(a, &t->sat));
	} else if (!strcmp(key, "pub_scope")) {
		*source = "汇总各县区的宣传报道记录";
		int n = 0;
		for (int j = 0; j < s->channels.n; j++)
			if (t->channel_text[j] + t->channel_media[j])
				buf_printf(&b, "%s%s", n++ ? "、" : "", s->channels.label[j]);
		if (n)
			buf_printf(&b, "（共 %lld 条报道）", t->pub_text + t->pub_media);
		else
			buf_puts(&b, "尚无宣传报道记录");
		report_promotion_lines(d, &b, rep->week_id, 0);
	} else if (!strcmp(key, "pub_text")) {
		*source = "汇总各县区的宣传报道记录";
		buf_printf(&b, "%lld 篇", t->pub_text);
		by_unit(&b, s, get_text, "篇");
	} else if (!strcmp(key, "pub_media")) {
		*source = "汇总各县区的宣传报道记录";
		buf_printf(&b, "%lld 条", t->pub_media);
		by_unit(&b, s, get_media, "条");
	} else if (!strcmp(key, "theme")) {
		*source = "来自活动周设置";
		week wk;
		if (week_load(d, a, rep->week_id, &wk))
			buf_puts(&b, wk.theme);
	} else {
		buf_free(&b);
		return NULL; /* the plan and the ceremony: the root's own report says them */
	}
	char *v = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return v;
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
	report own = without_records(rep);
	report_fields(d, a, &own, out);
	city_facts cf;
	facts_load(d, a, rep->week_id, &cf);
	for (int i = 0; i < N_FORM_FIELDS; i++) {
		field_value *f = &out[i];
		if (f->def->kind != FK_DERIVED) {
			f->source = "由中心填写";
			continue;
		}
		const char *src;
		char *v = city_derive(d, a, rep, &cf, f->def->key, &src);
		if (!v)
			continue;
		f->derived = v;
		f->source = arena_strdup(a, src);
		f->shown = f->written ? f->written : f->derived;
		f->overridden = f->written && strcmp(f->written, f->derived);
		f->number_changed = f->overridden && strcmp(numbers_in(a, f->written), numbers_in(a, f->derived));
	}
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
			unit_form_row row = {.unit = fv[0].shown, .status = "全市汇总"};
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
