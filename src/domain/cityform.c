/* cityform.c: the city's summary form, built from the units' submitted
 * versions (submission_fields): each summed field is the sum of the figures
 * the units' frozen texts say, overrides included, so the city form equals
 * the sum of the units' forms to the unit; merged fields merge the texts.
 * A text whose figure cannot be read is named, not guessed. The workbook's
 * rows come from the same build. The sums read the sentences derive.c
 * writes ("12 场：线上 3，线下 8…"): a number and the words around it. */
#include "cityform.h"
#include "submission.h"
#include "activity.h"
#include "org.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool cityform_report(db *d, arena *a, long long week_id, report *rep)
{
	/* a week copied from the parent's: the compiled form is the organiser's
	 * report in the parent's week, which the parent reviews as a child's */
	long long parent = db_int(d, 0, "SELECT coalesce(parent_week_id, 0) FROM weeks WHERE id = ?1", "I", week_id);
	return report_get(d, a, parent ? parent : week_id, week_organiser(d, week_id), rep);
}

long long cityform_week_of(db *d, const report *rep)
{
	long long own = db_int(d, 0, "SELECT id FROM weeks WHERE unit_id = ?1 AND parent_week_id = ?2", "II", rep->unit_id, rep->week_id);
	if (own)
		return own;
	return week_organiser(d, rep->week_id) == rep->unit_id ? rep->week_id : 0;
}

/* The root's report as report_fields should see it: with no week, so that
 * its per-unit record queries (meaningless for the root) find nothing at
 * once; what stays is the centre's texts and the plan and ceremony. */
static report without_records(const report *rep)
{
	report r = *rep;
	r.week_id = 0;
	return r;
}

field_value *cityform_texts(db *d, arena *a, const report *rep)
{
	report own = without_records(rep);
	return report_fields(d, a, &own);
}

/* ---- reading the figures of a text ---- */

/* A number in a text and the words on either side of it, up to the
 * punctuation: "扫码签到 3" is (扫码签到, 3, ""), "共 3 份有效评价" (共, 3, 份有效评价). */
typedef struct slot {
	const char *label, *unit;
	long long v;
	size_t at;        /* where the number starts in the text */
} slot;

static const char *const stops[] = {"：", "，", "、", "；", "（", "）", "。", "\n", ":", ",", ";", "(", ")"};

static size_t stop_at(const char *p)
{
	for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
		if (!strncmp(p, stops[i], strlen(stops[i])))
			return strlen(stops[i]);
	return 0;
}

/* An ASCII or full-width digit at p: its value, its length in *len; -1 if none. */
static int digit(const char *p, size_t *len)
{
	const unsigned char *u = (const unsigned char *)p;
	if (*p >= '0' && *p <= '9')
		return *len = 1, *p - '0';
	if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
		return *len = 3, u[2] - 0x90;
	return -1;
}

static const char *trimmed(arena *a, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_printf(a, "%.*s", (int)n, s);
}

/* Every number of text with its words; returns how many. */
static int slots_of(arena *a, const char *text, slot **out)
{
	int n = 0, cap = 8;
	slot *v = arena_alloc(a, sizeof *v * (size_t)cap);
	text = text ? text : "";
	const char *p = text, *seg = p;
	while (*p) {
		size_t len, s;
		int dg = digit(p, &len);
		if (dg < 0) {
			s = stop_at(p);
			p += s ? s : 1;
			if (s)
				seg = p;
			continue;
		}
		const char *start = p;
		long long x = 0;
		for (;;) {
			if ((dg = digit(p, &len)) >= 0)
				x = x * 10 + dg, p += len;
			else if (*p == ',' && digit(p + 1, &len) >= 0)
				p++;
			else
				break;
		}
		const char *u = p;
		while (*p && !stop_at(p) && digit(p, &len) < 0)
			p++;
		if (n == cap) {
			slot *nv = arena_alloc(a, sizeof *nv * (size_t)(cap *= 2));
			memcpy(nv, v, sizeof *v * (size_t)n);
			v = nv;
		}
		v[n++] = (slot){trimmed(a, seg, (size_t)(start - seg)), trimmed(a, u, (size_t)(p - u)), x, (size_t)(start - text)};
		seg = p;
	}
	*out = v;
	return n;
}

/* The value of the slot with this label and unit: true if there is one. */
static bool slot_get(const slot *v, int n, const char *label, const char *measure, long long *x)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(v[i].label, label) && !strcmp(v[i].unit, measure))
			return *x = v[i].v, true;
	return false;
}

/* The summed fields with one figure at their head, and its measure. */
static const struct {
	const char *key, *measure;
} heads[] = {
	{"activity_count", "场"}, {"participants", "人次"}, {"pub_text", "篇"}, {"pub_media", "条"},
};

static const char *head_measure(const form_field_def *def)
{
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
		if (!strcmp(heads[i].key, def->key))
			return heads[i].measure;
	return NULL;
}

bool cityform_head(const form_field_def *def, const char *text, long long *v)
{
	const char *m = head_measure(def);
	if (!m)
		return false;
	arena a = {0};
	slot *s;
	int n = slots_of(&a, text, &s), found = 0;
	bool ok = false;
	/* "1352 人次…" as derive.c writes it; else the one figure in that measure */
	if (n && !*s[0].label && !strcmp(s[0].unit, m)) {
		*v = s[0].v;
		ok = true;
	} else {
		for (int i = 0; i < n; i++)
			if (!strcmp(s[i].unit, m))
				found++, *v = s[i].v;
		ok = found == 1;
	}
	arena_free(&a);
	return ok;
}

/* The figures of one form's texts (a child's frozen version, or a compiled
 * form now) as the statistics and the board count them: the heads the sums
 * take (cityform_head) and their parts as the sums read them; a figure the
 * text does not carry stays 0, its bit set in the result (see cityform.h). */
int cityform_figures(const field_value *fv, unit_stats *u)
{
	static const char *const keys[] = {"activity_count", "participants", "pub_text", "pub_media"};
	long long head[4] = {0};
	int missing = 0;
	arena a = {0};
	for (int i = 0; i < 4; i++) {
		const field_value *f = form_value(fv, keys[i]);
		if (!f || !f->shown || !cityform_head(f->def, f->shown, &head[i]))
			missing |= 1 << i, head[i] = 0;
	}
	u->activities = head[0];
	u->people.total = head[1];
	u->pub_text = head[2];
	u->pub_media = head[3];
	slot *s;
	int n;
	const field_value *f = form_value(fv, "activity_count");
	if (!(missing & 1) && (n = slots_of(&a, f->shown, &s))) {
		slot_get(s, n, "线上", "", &u->online);
		slot_get(s, n, "线下", "", &u->offline);
		slot_get(s, n, "线上线下相结合", "", &u->both);
	}
	f = form_value(fv, "participants");
	if (!(missing & 2) && (n = slots_of(&a, f->shown, &s))) {
		slot_get(s, n, "扫码签到", "", &u->people.checked_in);
		slot_get(s, n, "现场清点", "", &u->people.counted);
		slot_get(s, n, "主办方报告", "", &u->people.reported);
		slot_get(s, n, "", "场按签到和清点计", &u->people.activities_measured);
		slot_get(s, n, "", "场采用主办方报告", &u->people.activities_reported);
	}
	f = form_value(fv, "satisfaction");
	if (f && f->shown && (n = slots_of(&a, f->shown, &s))) {
		satisfaction *t = &u->sat;
		if (slot_get(s, n, "满意", "", &t->satisfied) && slot_get(s, n, "基本满意", "", &t->basic)
		    && slot_get(s, n, "不满意", "", &t->unsatisfied)) {
			t->total = t->satisfied + t->basic + t->unsatisfied;
			slot_get(s, n, "来自", "场活动", &t->activities);
		} else {
			*t = (satisfaction){0};
		}
	}
	arena_free(&a);
	return missing;
}

/* ---- the sums ---- */

/* What the build reads and writes for one field. */
typedef struct city_ctx {
	db *d;
	arena *a;
	city_form *cf;
	int k;            /* the field */
	buf b;            /* its text */
	buf gaps;         /* 未计入: units whose text carries no figure */
} city_ctx;

static const char *shown_of(const city_unit *u, int k)
{
	return u->fv[k].shown ? u->fv[k].shown : "";
}

static void gap(city_ctx *x, const city_unit *u)
{
	city_form *cf = x->cf;
	city_gap *g = arena_alloc(x->a, sizeof *g * (size_t)(cf->ngaps + 1));
	if (cf->ngaps)
		memcpy(g, cf->gaps, sizeof *g * (size_t)cf->ngaps);
	g[cf->ngaps++] = (city_gap){u->name, cf->fv[x->k].def, shown_of(u, x->k)};
	cf->gaps = g;
	buf_printf(&x->gaps, "%s%s", x->gaps.len ? "、" : "", u->name);
}

#define EACH_COUNTED(x, u) \
	for (const city_unit *u = (x)->cf->units; u < (x)->cf->units + (x)->cf->nunits; u++) \
		if (u->counted)

/* The parts of a figure ("线上 3，线下 8"): summed over the units that write
 * them all; false when a unit's text gives its total but not its parts. */
static bool parts_sum(city_ctx *x, const char *const *labels, const char *const *units, int n, long long *sum)
{
	bool all = true;
	memset(sum, 0, sizeof *sum * (size_t)n);
	EACH_COUNTED(x, u) {
		long long head;
		if (!cityform_head(x->cf->fv[x->k].def, shown_of(u, x->k), &head))
			continue;
		slot *s;
		int ns = slots_of(x->a, shown_of(u, x->k), &s);
		for (int j = 0; j < n; j++) {
			long long v = 0;
			/* a part named after its figure ("1 场按签到和清点计") is
			 * written only when not zero; one named before it always */
			if (!slot_get(s, ns, labels[j], units[j], &v) && labels[j][0])
				all = false;
			sum[j] += v;
		}
	}
	return all;
}

/* The head figures summed; each unit's share in "\n各县区：东湖区 5 场、…". */
static long long heads_sum(city_ctx *x, buf *by_unit)
{
	const char *m = head_measure(x->cf->fv[x->k].def);
	long long total = 0;
	int n = 0;
	EACH_COUNTED(x, u) {
		long long v;
		if (!cityform_head(x->cf->fv[x->k].def, shown_of(u, x->k), &v)) {
			gap(x, u);
			continue;
		}
		total += v;
		if (v > 0)
			buf_printf(by_unit, "%s%s %lld %s", n++ ? "、" : "\n各县区：", u->name, v, m);
	}
	return total;
}

static void c_activity_count(city_ctx *x)
{
	buf by = BUF_INIT;
	long long all = heads_sum(x, &by), p[3];
	static const char *const labels[] = {"线上", "线下", "线上线下相结合"}, *const units[] = {"", "", ""};
	if (parts_sum(x, labels, units, 3, p))
		buf_printf(&x->b, "%lld 场：线上 %lld，线下 %lld，线上线下相结合 %lld", all, p[0], p[1], p[2]);
	else
		buf_printf(&x->b, "%lld 场（有的单位报送的文字未分线上、线下，分项从略）", all);
	buf_puts(&x->b, buf_cstr(&by));
	buf_free(&by);
}

static void c_participants(city_ctx *x)
{
	buf by = BUF_INIT;
	long long all = heads_sum(x, &by), p[5];
	static const char *const labels[] = {"扫码签到", "现场清点", "主办方报告", "", ""},
				 *const units[] = {"", "", "", "场按签到和清点计", "场采用主办方报告"};
	if (parts_sum(x, labels, units, 5, p)) {
		buf_printf(&x->b, "%lld 人次：扫码签到 %lld，现场清点 %lld，主办方报告 %lld", all, p[0], p[1], p[2]);
		if (p[3] || p[4])
			buf_printf(&x->b, "（%lld 场按签到和清点计，%lld 场采用主办方报告，不重复计算）", p[3], p[4]);
	} else {
		buf_printf(&x->b, "%lld 人次（有的单位报送的文字未分来源，分项从略）", all);
	}
	buf_puts(&x->b, buf_cstr(&by));
	buf_free(&by);
}

static void c_publicity(city_ctx *x)
{
	buf by = BUF_INIT;
	long long all = heads_sum(x, &by);
	buf_printf(&x->b, "%lld %s%s", all, head_measure(x->cf->fv[x->k].def), buf_cstr(&by));
	buf_free(&by);
}

static void c_satisfaction(city_ctx *x)
{
	satisfaction s = {0};
	EACH_COUNTED(x, u) {
		const char *t = shown_of(u, x->k);
		if (!strcmp(t, "暂无居民评价"))
			continue;
		slot *v;
		int n = slots_of(x->a, t, &v);
		long long sat, basic, un, acts = 0;
		if (!slot_get(v, n, "满意", "", &sat) || !slot_get(v, n, "基本满意", "", &basic) || !slot_get(v, n, "不满意", "", &un)) {
			gap(x, u);
			continue;
		}
		slot_get(v, n, "来自", "场活动", &acts);
		s.satisfied += sat, s.basic += basic, s.unsatisfied += un, s.activities += acts;
		s.total += sat + basic + un;
	}
	buf_puts(&x->b, satisfaction_text(x->a, &s));
}

/* 活动内容: a line "（一）… 3 场" per category, summed by its words; the
 * resources opened ("开放学习资源：场地 1、课程 2（共 3 项）") by kind. */
static void c_content(city_ctx *x)
{
	name_set cats = {0}, kinds = {0};
	long long *cat_n = arena_alloc(x->a, sizeof *cat_n * 64), *kind_n = arena_alloc(x->a, sizeof *kind_n * 64), kinds_all = 0;
	static const char res[] = "开放学习资源：";
	EACH_COUNTED(x, u) {
		const char **lines;
		static const char *const nl[] = {"\n"};
		int nlines = str_split_any(x->a, shown_of(u, x->k), nl, 1, &lines), used = 0;
		for (int i = 0; i < nlines; i++) {
			slot *s;
			if (!strncmp(lines[i], res, strlen(res))) {
				int n = slots_of(x->a, lines[i] + strlen(res), &s);
				for (int j = 0; j < n; j++)
					if (*s[j].label && !*s[j].unit) { /* "场地 1", not "共 3 项" */
						name_set_put(&kinds, x->a, s[j].label);
						for (int q = 0; q < kinds.n && q < 64; q++)
							if (!strcmp(kinds.v[q], s[j].label))
								kind_n[q] += s[j].v;
						kinds_all += s[j].v;
					}
				used++;
				continue;
			}
			int n = slots_of(x->a, lines[i], &s);
			if (n < 1 || strcmp(s[n - 1].unit, "场"))
				continue;
			/* the line's words before its last figure name the category */
			const char *label = trimmed(x->a, lines[i], s[n - 1].at);
			name_set_put(&cats, x->a, label);
			for (int q = 0; q < cats.n && q < 64; q++)
				if (!strcmp(cats.v[q], label))
					cat_n[q] += s[n - 1].v;
			used++;
		}
		if (!used)
			gap(x, u);
	}
	for (int q = 0; q < cats.n && q < 64; q++)
		buf_printf(&x->b, "%s%s %lld 场", q ? "\n" : "", cats.v[q], cat_n[q]);
	if (!cats.n)
		buf_puts(&x->b, "尚无可汇总的活动内容");
	if (kinds_all) {
		buf_printf(&x->b, "%s%s", x->b.len ? "\n" : "", res);
		for (int q = 0; q < kinds.n && q < 64; q++)
			buf_printf(&x->b, "%s%s %lld", q ? "、" : "", kinds.v[q], kind_n[q]);
		buf_printf(&x->b, "（共 %lld 项）", kinds_all);
	}
}

/* "2022年12月2日" in a text: the days since the epoch of each, min and max. */
static bool dates_in(const char *t, long long *lo, long long *hi, bool *any)
{
	bool found = false;
	for (const char *p = t; (p = strstr(p, "年")); p += strlen("年")) {
		const char *y = p;
		while (y > t && y[-1] >= '0' && y[-1] <= '9')
			y--;
		int yy, mm, dd;
		char iso[16];
		long long days;
		if (p - y != 4 || sscanf(p + strlen("年"), "%d月%d日", &mm, &dd) != 2 || sscanf(y, "%4d", &yy) != 1)
			continue;
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", yy, mm, dd);
		if (!date_parse(iso, &days))
			continue;
		if (!*any || days < *lo)
			*lo = days;
		if (!*any || days > *hi)
			*hi = days;
		*any = found = true;
	}
	return found;
}

static const char *iso_of_days(arena *a, long long days)
{
	long long y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	return arena_printf(a, "%04lld-%02u-%02u", y, m, d);
}

static void c_period(city_ctx *x)
{
	long long lo = 0, hi = 0;
	bool any = false;
	int acts = week_form_index(x->cf->rep.form, "activity_count");
	EACH_COUNTED(x, u) {
		long long n;
		/* a unit without activities writes the week's dates: no activity time of its own */
		if (acts >= 0 && cityform_head(u->fv[acts].def, shown_of(u, acts), &n) && n == 0)
			continue;
		if (!dates_in(shown_of(u, x->k), &lo, &hi, &any))
			gap(x, u);
	}
	if (!any) {
		week wk;
		x->cf->fv[x->k].source = "来自活动周设置（尚无可汇总的活动时间）";
		if (week_load(x->d, x->a, x->cf->rep.week_id, &wk))
			buf_printf(&x->b, "%s至%s", date_cn(x->a, wk.starts_on), date_cn(x->a, wk.ends_on));
		return;
	}
	const char *d1 = date_cn(x->a, iso_of_days(x->a, lo)), *d2 = date_cn(x->a, iso_of_days(x->a, hi));
	if (lo == hi)
		buf_puts(&x->b, d1);
	else
		buf_printf(&x->b, "%s至%s", d1, d2);
}

/* The names of a list "a、b、c等 12 个" into s; the count it says (12, or the names listed). */
static long long names_into(city_ctx *x, name_set *s, const char *list, size_t n)
{
	const char *text = arena_printf(x->a, "%.*s", (int)n, list), *etc = strstr(text, "等 ");
	long long all = 0;
	name_set mine = {0};
	name_set_add(&mine, x->a, etc ? arena_printf(x->a, "%.*s", (int)(etc - text), text) : text);
	for (int i = 0; i < mine.n; i++)
		name_set_put(s, x->a, mine.v[i]);
	return etc && sscanf(etc + strlen("等 "), "%lld", &all) == 1 ? all : mine.n;
}

static int by_text(const void *p, const void *q)
{
	return strcmp(*(const char *const *)p, *(const char *const *)q);
}

/* At most max names of s in text order, then 等 N 个 when there are more. */
static void names_out(city_ctx *x, name_set *s, long long count, int max)
{
	qsort(s->v, (size_t)s->n, sizeof *s->v, by_text);
	for (int i = 0; i < s->n && i < max; i++)
		buf_printf(&x->b, "%s%s", i ? "、" : "", s->v[i]);
	if (count > max)
		buf_printf(&x->b, "等 %lld 个", count);
}

/* Lines of a named count and its names ("街道/乡镇 3 个：a、b、c"), merged
 * by their words: the counts summed, the names joined, each once. Lines of
 * another shape are kept under their unit's name. */
typedef struct merged {
	name_set keys;
	long long n[32];
	const char *measure[32];
	name_set names[32];
	buf other;
} merged;

static void merge_line(city_ctx *x, merged *m, const city_unit *u, const char *line)
{
	slot *s;
	const char *colon = strstr(line, "：");
	int n = colon ? slots_of(x->a, arena_printf(x->a, "%.*s", (int)(colon - line), line), &s) : 0;
	if (n == 1 && *s[0].label && m->keys.n < 32) {
		name_set_put(&m->keys, x->a, s[0].label);
		for (int q = 0; q < m->keys.n; q++)
			if (!strcmp(m->keys.v[q], s[0].label)) {
				m->n[q] += s[0].v;
				m->measure[q] = s[0].unit;
				/* "…等 12 个": the names listed; the count is the units' sum */
				names_into(x, &m->names[q], colon + strlen("："), strlen(colon + strlen("：")));
			}
		return;
	}
	buf_printf(&m->other, "\n%s：%s", u->name, line);
}

static void merged_out(city_ctx *x, merged *m)
{
	for (int q = 0; q < m->keys.n; q++) {
		buf_printf(&x->b, "%s%s %lld %s：", x->b.len ? "\n" : "", m->keys.v[q], m->n[q], m->measure[q]);
		names_out(x, &m->names[q], m->n[q], 60);
	}
	buf_puts(&x->b, m->other.len && !x->b.len ? buf_cstr(&m->other) + 1 : buf_cstr(&m->other));
	buf_free(&m->other);
}

static void merge_lines(city_ctx *x, merged *m, const city_unit *u, const char *text, const char *skip)
{
	const char **lines;
	static const char *const nl[] = {"\n"};
	int n = str_split_any(x->a, text, nl, 1, &lines);
	for (int i = 0; i < n; i++)
		if (!skip || strcmp(lines[i], skip))
			merge_line(x, m, u, lines[i]);
}

/* The counted units with something in the field (not the empty sentence), joined by 、. */
static const char *units_with(city_ctx *x, const char *empty, int *n)
{
	name_set s = {0};
	EACH_COUNTED(x, u)
		if (*shown_of(u, x->k) && strcmp(shown_of(u, x->k), empty))
			name_set_put(&s, x->a, u->name);
	*n = s.n;
	return name_set_join(&s, x->a);
}

static void c_scope(city_ctx *x)
{
	static const char none[] = "尚无已发布的活动";
	merged *m = arena_alloc(x->a, sizeof *m);
	memset(m, 0, sizeof *m);
	int n;
	const char *names = units_with(x, none, &n);
	if (n)
		buf_printf(&x->b, "县区 %d 个：%s", n, names);
	EACH_COUNTED(x, u)
		merge_lines(x, m, u, shown_of(u, x->k), none);
	merged_out(x, m);
	if (!x->b.len)
		buf_puts(&x->b, none);
}

/* 主办单位及协办单位: the units that held activities, then the hosts their
 * forms name ("主办：a、b；协办：c"), each once; the co-organisers apart. */
static void c_organisers(city_ctx *x)
{
	static const char host[] = "主办：", co[] = "协办：";
	name_set hosts = {0}, cos = {0};
	long long nh = 0, nc = 0;
	EACH_COUNTED(x, u) {
		const char *t = shown_of(u, x->k), *h = strstr(t, host), *c = strstr(t, co);
		if (!*t)
			continue;
		if (!h && !c) {
			gap(x, u);
			continue;
		}
		if (h) {
			h += strlen(host);
			const char *end = c && c > h ? c : h + strlen(h);
			while (end > h && !strncmp(end - strlen("；"), "；", strlen("；")))
				end -= strlen("；");
			nh += names_into(x, &hosts, h, (size_t)(end - h));
		}
		if (c)
			nc += names_into(x, &cos, c + strlen(co), strlen(c + strlen(co)));
	}
	int n;
	const char *names = units_with(x, "", &n);
	if (n)
		buf_printf(&x->b, "承办：%s（%d 个县区）", names, n);
	if (nh) {
		buf_printf(&x->b, "%s举办活动的单位 %lld 个：", x->b.len ? "\n" : "", nh);
		names_out(x, &hosts, nh, 40);
	}
	if (nc) {
		buf_printf(&x->b, "%s协办单位 %lld 个：", x->b.len ? "\n" : "", nc);
		names_out(x, &cos, nc, 40);
	}
	if (!x->b.len)
		buf_puts(&x->b, "尚无已发布的活动");
}

static void c_featured(city_ctx *x)
{
	EACH_COUNTED(x, u) {
		const char *t = shown_of(u, x->k);
		if (!*t || !strcmp(t, "无"))
			continue;
		const char **lines;
		static const char *const nl[] = {"\n"};
		int n = str_split_any(x->a, t, nl, 1, &lines), items = 0;
		long long all = -1;
		buf one = BUF_INIT;
		for (int i = 0; i < n; i++) {
			if (sscanf(lines[i], "……共 %lld 项", &all) == 1)
				continue;
			items += lines[i][0] >= '0' && lines[i][0] <= '9';
			buf_printf(&one, "%s%s", i ? "；" : "", lines[i]);
		}
		buf_printf(&x->b, "%s%s（%lld 场）：%s", x->b.len ? "\n" : "", u->name, all >= 0 ? all : items, buf_cstr(&one));
		buf_free(&one);
	}
	if (!x->b.len)
		buf_puts(&x->b, "无");
}

/* 宣传范围: the channels of "微信公众号、报刊（共 3 条报道）" each once, the
 * reports summed; the stars and brands promoted merged by line. */
static void c_pub_scope(city_ctx *x)
{
	static const char none[] = "尚无宣传报道记录";
	name_set channels = {0};
	long long reports = 0;
	merged *m = arena_alloc(x->a, sizeof *m);
	memset(m, 0, sizeof *m);
	EACH_COUNTED(x, u) {
		const char **lines;
		static const char *const nl[] = {"\n"};
		int n = str_split_any(x->a, shown_of(u, x->k), nl, 1, &lines);
		for (int i = 0; i < n; i++) {
			const char *open = strstr(lines[i], "（共 ");
			long long c;
			if (i == 0 && open && sscanf(open + strlen("（共 "), "%lld 条报道", &c) == 1) {
				name_set_add(&channels, x->a, arena_printf(x->a, "%.*s", (int)(open - lines[i]), lines[i]));
				reports += c;
			} else if (strcmp(lines[i], none)) {
				merge_line(x, m, u, lines[i]);
			}
		}
	}
	if (channels.n)
		buf_printf(&x->b, "%s（共 %lld 条报道）", name_set_join(&channels, x->a), reports);
	else
		buf_puts(&x->b, none);
	merged_out(x, m);
}

/* ---- the build ---- */

static const struct {
	const char *key;
	void (*sum)(city_ctx *x);
} sums[] = {
	{"organisers", c_organisers}, {"activity_count", c_activity_count}, {"participants", c_participants},
	{"featured", c_featured}, {"content", c_content}, {"period", c_period}, {"scope", c_scope},
	{"satisfaction", c_satisfaction}, {"pub_scope", c_pub_scope}, {"pub_text", c_publicity}, {"pub_media", c_publicity},
};

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

/* One unit: its latest submitted version, else (live) its records now. */
static bool unit_load_form(db *d, arena *a, const week_form *form, long long week_id, const unit *un, bool live, city_unit *cu)
{
	memset(cu, 0, sizeof *cu);
	cu->unit_id = un->id;
	cu->name = un->name;
	bool has_report;
	cu->status = live_status(d, week_id, un->id, &has_report);
	long long rep_id = has_report ? db_int(d, 0, "SELECT id FROM reports WHERE week_id = ?1 AND unit_id = ?2", "II", week_id, un->id) : 0;
	long long latest = rep_id ? submission_latest(d, rep_id) : 0;
	submission s;
	if (latest && submission_load(d, a, latest, &s)) {
		cu->fv = submission_fields(a, &s, form, NULL);
		cu->has_fv = cu->counted = true;
		cu->accepted = !strcmp(s.status, "accepted");
		cu->submission_id = s.id;
		cu->version = s.version;
		cu->submitted_at = s.submitted_at;
		cu->late = s.late;
		cu->status = submission_status_label(s.status);
		return true;
	}
	if (!live)
		return true;
	report rep = {.week_id = week_id, .unit_id = un->id, .status = "draft", .plan_issuer = "", .plan_coordinator = "",
		      .plan_author = "", .ceremony_date = "", .ceremony_venue = "", .ceremony_leaders = "", .form = form};
	/* the report row exists already: report_get only reads it; a unit that
	 * never opened its form gets no row made by the centre's reading */
	if (has_report && !report_get(d, a, week_id, un->id, &rep))
		return false;
	cu->fv = report_values(d, a, &rep); /* a child organiser: what its compiled form says now */
	cu->has_fv = true;
	return true;
}

bool cityform_build(db *d, arena *a, long long week_id, bool live, city_form *cf)
{
	memset(cf, 0, sizeof *cf);
	if (!cityform_report(d, a, week_id, &cf->rep))
		return false;
	unit *units;
	int nu = stats_units(d, a, week_id, &units);
	long long root = week_organiser(d, week_id); /* the week's organiser compiles its children's */
	cf->units = arena_alloc(a, sizeof *cf->units * (size_t)(nu + 1));
	for (int i = 0; i < nu; i++) {
		if (units[i].id == root)
			continue;
		if (!unit_load_form(d, a, cf->rep.form, week_id, &units[i], live, &cf->units[cf->nunits]))
			return false;
		cf->ncounted += cf->units[cf->nunits++].counted;
	}
	char *from = arena_printf(a, "汇总各县区报送的总结表（%d 个单位）", cf->ncounted);
	cf->fv = form_values_alloc(a, cf->rep.form);
	for (int k = 0; cf->fv[k].def; k++) {
		field_value *f = &cf->fv[k];
		if (f->def->kind != FK_DERIVED) {
			f->source = "由中心填写";
			continue;
		}
		if (!strcmp(f->def->key, "unit_name")) {
			char *city = root == unit_root(d) ? setting_get(d, a, "city") : NULL;
			unit un;
			f->derived = city && *city ? city : unit_load(d, a, root, &un) ? un.name : "";
			f->source = "本市";
			continue;
		}
		const char *src;
		if (!f->def->summed) { /* the plan, the ceremony, the theme: the centre's own */
			f->derived = form_derive(d, a, &cf->rep, f->def, &src);
			f->source = arena_strdup(a, src);
			continue;
		}
		city_ctx x = {.d = d, .a = a, .cf = cf, .k = k, .b = BUF_INIT, .gaps = BUF_INIT};
		f->source = from;
		for (size_t j = 0; j < sizeof sums / sizeof *sums; j++)
			if (!strcmp(sums[j].key, f->def->key))
				sums[j].sum(&x);
		if (x.gaps.len)
			buf_printf(&x.b, "\n未计入：%s（报送的文字中没有可汇总的%s）", buf_cstr(&x.gaps),
				   strcmp(f->def->key, "organisers") && strcmp(f->def->key, "period") ? "数字" : "名单或日期");
		f->derived = arena_strdup(a, buf_cstr(&x.b));
		buf_free(&x.b);
		buf_free(&x.gaps);
	}
	form_merge_written(d, a, &cf->rep, cf->fv);
	return true;
}

field_value *report_values(db *d, arena *a, const report *rep)
{
	return cityform_week_of(d, rep) ? cityform_fields(d, a, rep) : report_fields(d, a, rep);
}

field_value *cityform_fields(db *d, arena *a, const report *rep)
{
	city_form cf;
	long long own_week = cityform_week_of(d, rep);
	if (own_week && cityform_build(d, a, own_week, false, &cf))
		return cf.fv;
	report own = without_records(rep); /* the centre's report cannot be read: nothing summed */
	return report_fields(d, a, &own);
}

/* The compiled form is its organiser's report: an account of another node
 * (the top's, reaching every week) may read it but not change, finalise or
 * submit it; the command line (account 0) may. 0, or -1 with e. */
int cityform_own(db *d, arena *a, const actor *who, long long organiser, errs *e)
{
	if (!who->account_id)
		return 0;
	long long home = db_int(d, 0, "SELECT unit_id FROM accounts WHERE id = ?1", "I", who->account_id);
	if (home == organiser)
		return 0;
	unit u;
	const char *name = unit_load(d, a, organiser, &u) ? u.name : "本级";
	err_add(e, NULL, arena_printf(a, "这是%s的总结表，只有%s的账号可以修改、定稿和报送。", name, name));
	return -1;
}

int cityform_save(db *d, arena *a, const actor *who, report *rep, const report *plan,
		  const char *const *narrative, errs *e)
{
	if (cityform_own(d, a, who, rep->unit_id, e) < 0)
		return -1;
	int n = rep->form->n;
	const char **values = arena_alloc(a, sizeof *values * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		if (rep->form->row[i].kind == FK_NARRATIVE)
			values[i] = narrative[i];
	return report_save_plan_and_fields(d, a, who, rep, plan, cityform_fields(d, a, rep), values, e);
}

int cityform_override(db *d, arena *a, const actor *who, report *rep, const form_field_def *def, const char *value,
		      const char *reason, bool reset, errs *e)
{
	if (cityform_own(d, a, who, rep->unit_id, e) < 0)
		return -1;
	int n = rep->form->n, k = week_form_index(rep->form, def ? def->key : NULL);
	if (k < 0) {
		err_add(e, NULL, "本届总结表没有这一栏。");
		return -1;
	}
	const char **values = arena_alloc(a, sizeof *values * (size_t)(n + 1));
	const char **reasons = arena_alloc(a, sizeof *reasons * (size_t)(n + 1));
	bool *resets = arena_alloc(a, sizeof *resets * (size_t)(n + 1));
	values[k] = value;
	reasons[k] = reason;
	resets[k] = reset;
	return report_save_fields_over(d, a, who, rep, cityform_fields(d, a, rep), values, reasons, resets, e);
}

/* ---- the workbook's form sheet ---- */

int cityform_unit_rows(db *d, long long week_id, const progress *pg, long long done_before, long long total,
		       int (*fn)(void *ctx, const unit_form_row *row), void *ctx)
{
	arena a = {0};
	city_form cf;
	progress_say(pg, "各单位总结表", done_before, total);
	if (!cityform_build(d, &a, week_id, true, &cf)) {
		arena_free(&a);
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < cf.nunits && rc == 0; i++) {
		const city_unit *u = &cf.units[i];
		progress_say(pg, u->name, done_before + i, total);
		unit_form_row row = {.unit = u->name, .version = u->version, .submitted_at = u->submitted_at, .late = u->late,
				     .counted = u->counted};
		row.status = !u->counted ? arena_printf(&a, "%s（未报送，不计入全市汇总）", u->status)
			     : strcmp(u->status, submission_status_label("returned")) ? u->status
			     : arena_printf(&a, "%s（重新提交前仍计入全市汇总）", u->status);
		row.values = arena_alloc(&a, sizeof *row.values * (size_t)(cf.rep.form->n + 1));
		for (int k = 0; k < cf.rep.form->n; k++)
			row.values[k] = u->fv[k].shown ? u->fv[k].shown : "";
		row.reasons = report_reasons(&a, u->fv);
		row.reasons = row.reasons ? row.reasons : "";
		rc = fn(ctx, &row);
	}
	if (rc == 0) {
		progress_say(pg, "全市汇总", done_before + cf.nunits, total);
		int name = week_form_index(cf.rep.form, "unit_name");
		char *city = setting_get(d, &a, "city");
		unit_form_row row = {.unit = name >= 0 ? cf.fv[name].shown : city ? city : "", .status = "全市汇总", .counted = true};
		row.values = arena_alloc(&a, sizeof *row.values * (size_t)(cf.rep.form->n + 1));
		for (int k = 0; k < cf.rep.form->n; k++)
			row.values[k] = cf.fv[k].shown;
		row.reasons = report_reasons(&a, cf.fv);
		row.reasons = row.reasons ? row.reasons : "";
		rc = fn(ctx, &row);
	}
	arena_free(&a);
	return rc;
}

long long unit_latest_submission(db *d, long long week_id, long long unit_id)
{
	long long rep_id = db_int(d, 0, "SELECT id FROM reports WHERE week_id = ?1 AND unit_id = ?2", "II", week_id, unit_id);
	return rep_id ? submission_latest(d, rep_id) : 0;
}

long long cityform_finalise(db *d, arena *a, const actor *who, long long week_id, const char *verify_base, errs *e)
{
	city_form cf;
	if (cityform_own(d, a, who, week_organiser(d, week_id), e) < 0)
		return 0;
	if (!cityform_build(d, a, week_id, false, &cf)) {
		err_add(e, NULL, "暂时无法读取全市总结表，请稍后重试。");
		return 0;
	}
	return report_finalise_values(d, a, who, &cf.rep, cf.fv, verify_base, e);
}

final_state cityform_final(db *d, arena *a, const city_form *cf, submission *fin)
{
	return report_final(d, a, &cf->rep, cf->fv, fin);
}
