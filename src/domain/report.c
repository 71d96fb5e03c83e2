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

const form_field_def form_fields[N_FORM_FIELDS] = {
	{"unit_name", NULL, "举办县区", FK_DERIVED, 60, false},
	{"organisers", NULL, "主办单位及协办单位：", FK_DERIVED, 600, false}, /* with its colon, as the annex */
	{"issuer", "组织领导", "下发活动文件的部门", FK_DERIVED, 200, false},
	{"leaders", "组织领导", "出席活动（开幕式）的领导", FK_DERIVED, 300, false},
	{"coordinator", "组织领导", "具体协调部门", FK_DERIVED, 200, false},
	{"planner", "组织领导", "制定活动方案部门", FK_DERIVED, 200, false},
	{"activity_count", "活动参与情况", "全区参与活动的数量", FK_DERIVED, 200, false},
	{"participants", "活动参与情况", "参加活动人数", FK_DERIVED, 300, false},
	{"featured", "活动参与情况", "有特色的活动", FK_DERIVED, 1000, false},
	{"theme", "活动主题与内容", "活动主题", FK_DERIVED, 100, false},
	{"content", "活动主题与内容", "活动内容", FK_DERIVED, 1500, false},
	{"effect", "活动主题与内容", "活动成效", FK_NARRATIVE, 1500, false},
	{"period", "活动主题与内容", "活动时间", FK_DERIVED, 100, false},
	{"scope", "活动的群众性", "活动范围（包括参与活动的街道、企事业单位等）", FK_DERIVED, 1000, false},
	{"satisfaction", "活动的群众性", "群众满意度", FK_DERIVED, 300, false},
	{"self_eval", "活动的群众性", "自我评价", FK_NARRATIVE, 1000, false},
	{"pub_scope", "宣传报道", "宣传范围", FK_DERIVED, 500, false},
	{"pub_text", "宣传报道", "文字报道", FK_DERIVED, 1500, false},
	{"pub_media", "宣传报道", "影像图片报道", FK_DERIVED, 1500, false},
	{"other", NULL, "其他", FK_NARRATIVE, 1000, true},
};

const form_field_def *form_field(const char *key)
{
	for (int i = 0; i < N_FORM_FIELDS; i++)
		if (!strcmp(form_fields[i].key, key))
			return &form_fields[i];
	return NULL;
}

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
	db_exec(d, "INSERT INTO reports(week_id, unit_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)"
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

/* Appends the distinct values of a one-column query, joined by 、 (at most max). */
static int join_distinct(db *d, buf *b, int max, const char *sql, long long x, long long y)
{
	stmt st;
	int n = 0;
	if (db_prep(d, &st, sql, "II", x, y) < 0)
		return 0;
	while (stmt_step(&st) == 1) {
		const char *v = col_text(&st, 0);
		if (!*v)
			continue;
		if (n < max) {
			if (n)
				buf_puts(b, "、");
			buf_puts(b, v);
		}
		n++;
	}
	stmt_done(&st);
	if (n > max)
		buf_printf(b, "等 %d 个", n);
	return n;
}

/* Adds the names of each cell of a one-column query (hosts, co-hosts: a cell
 * may name several) to s, each once. */
static void names_of(db *d, arena *a, name_set *s, const char *sql, long long x, long long y)
{
	stmt st;
	if (db_prep(d, &st, sql, "II", x, y) < 0)
		return;
	while (stmt_step(&st) == 1)
		name_set_add(s, a, col_text(&st, 0));
	stmt_done(&st);
}

/* At most max names of s joined by 、, then 等 N 个 when there are more. */
static void names_list(buf *b, const name_set *s, int max)
{
	for (int i = 0; i < s->n && i < max; i++)
		buf_printf(b, "%s%s", i ? "、" : "", s->v[i]);
	if (s->n > max)
		buf_printf(b, "等 %d 个", s->n);
}

static char *done(arena *a, buf *b)
{
	char *s = arena_strdup(a, buf_cstr(b));
	buf_free(b);
	return s;
}

#define PUBLISHED " FROM activities WHERE week_id = ?1 AND unit_id = ?2 AND " COUNTED("")

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

void report_resources_line(db *d, arena *a, buf *b, long long week_id, long long unit_id)
{
	/* what the institutions opened (活动内容（三）（四）) */
	resource_tally t = resource_counts(d, week_id, unit_id);
	if (t.total)
		buf_printf(b, "\n开放学习资源：%s", resource_counts_text(a, &t));
}

void report_promotion_lines(db *d, buf *b, long long week_id, long long unit_id)
{
	/* the notice asks to promote the year's learning stars and brand
	 * projects: cite them (stars only with their consent on record) */
	buf stars = BUF_INIT, brands = BUF_INIT;
	int ns = join_distinct(d, &stars, 20, "SELECT name FROM stars WHERE week_id = ?1 AND (?2 = 0 OR unit_id = ?2) AND consent = 1"
					      " ORDER BY id", week_id, unit_id);
	int nb = join_distinct(d, &brands, 20, "SELECT name FROM brands WHERE week_id = ?1 AND (?2 = 0 OR unit_id = ?2) ORDER BY id",
			       week_id, unit_id);
	if (ns)
		buf_printf(b, "\n宣传推广百姓学习之星 %d 名：%s", ns, buf_cstr(&stars));
	if (nb)
		buf_printf(b, "\n宣传推广终身学习品牌项目 %d 个：%s", nb, buf_cstr(&brands));
	buf_free(&stars);
	buf_free(&brands);
}

static char *derive(db *d, arena *a, const report *rep, const char *key, const char **source)
{
	long long w = rep->week_id, u = rep->unit_id;
	buf b = BUF_INIT;
	*source = "来自活动记录";
	if (!strcmp(key, "unit_name")) {
		*source = "报送单位";
		unit un;
		if (unit_load(d, a, u, &un))
			buf_puts(&b, un.name);
	} else if (!strcmp(key, "organisers")) {
		/* hosts first, then co-organisers, each named once (a cell may name several) */
		name_set hosts = {0}, co = {0}, co_only = {0};
		names_of(d, a, &hosts, "SELECT DISTINCT host" PUBLISHED " ORDER BY host", w, u);
		names_of(d, a, &co, "SELECT DISTINCT co_hosts" PUBLISHED " AND co_hosts <> '' ORDER BY co_hosts", w, u);
		for (int i = 0; i < co.n; i++)
			if (!name_set_has(&hosts, co.v[i]))
				name_set_put(&co_only, a, co.v[i]);
		if (hosts.n) {
			buf_puts(&b, "主办：");
			names_list(&b, &hosts, 40);
		}
		if (co_only.n) {
			buf_printf(&b, "%s协办：", hosts.n ? "；" : "");
			names_list(&b, &co_only, 1000);
		}
	} else if (!strcmp(key, "issuer") || !strcmp(key, "coordinator") || !strcmp(key, "planner")) {
		*source = "来自实施方案";
		buf_puts(&b, !strcmp(key, "issuer") ? rep->plan_issuer : !strcmp(key, "coordinator") ? rep->plan_coordinator : rep->plan_author);
	} else if (!strcmp(key, "leaders")) {
		*source = "来自开幕式记录";
		if (*rep->ceremony_leaders)
			buf_puts(&b, rep->ceremony_leaders);
		if (*rep->ceremony_date || *rep->ceremony_venue) {
			buf_printf(&b, "%s（开幕式", b.len ? "" : "");
			if (*rep->ceremony_date)
				buf_printf(&b, "，%s", date_cn(a, rep->ceremony_date));
			if (*rep->ceremony_venue)
				buf_printf(&b, "，%s", rep->ceremony_venue);
			buf_puts(&b, "）");
		}
	} else if (!strcmp(key, "activity_count")) {
		long long all = db_int(d, 0, "SELECT count(*)" PUBLISHED, "II", w, u);
		long long on = db_int(d, 0, "SELECT count(*)" PUBLISHED " AND mode = 'online'", "II", w, u);
		long long off = db_int(d, 0, "SELECT count(*)" PUBLISHED " AND mode = 'offline'", "II", w, u);
		buf_printf(&b, "%lld 场：线上 %lld，线下 %lld，线上线下相结合 %lld", all, on, off, all - on - off);
	} else if (!strcmp(key, "participants")) {
		participants p = unit_participants(d, w, u);
		buf_printf(&b, "%lld 人次：扫码签到 %lld，现场清点 %lld，主办方报告 %lld", p.total, p.checked_in, p.counted, p.reported);
		if (p.activities_measured || p.activities_reported)
			buf_printf(&b, "（%lld 场按签到和清点计，%lld 场采用主办方报告，不重复计算）", p.activities_measured, p.activities_reported);
	} else if (!strcmp(key, "featured")) {
		stmt st;
		int n = 0;
		if (db_prep(d, &st, "SELECT title, host, starts_at" PUBLISHED " AND featured = 1 ORDER BY starts_at, id", "II", w, u) == 0) {
			while (stmt_step(&st) == 1) {
				if (n < 50) /* the form is a page, not a catalogue */
					buf_printf(&b, "%s%d. %s（%s，%s）", n ? "\n" : "", n + 1, col_text(&st, 0), col_text(&st, 1),
						   date_cn(a, date_iso_from_utc(a, col_int(&st, 2))));
				n++;
			}
			stmt_done(&st);
		}
		if (n > 50)
			buf_printf(&b, "\n……共 %d 项有特色的活动", n);
		if (!n)
			buf_puts(&b, "无");
	} else if (!strcmp(key, "theme")) {
		*source = "来自活动周设置";
		week wk;
		if (week_load(d, a, w, &wk))
			buf_puts(&b, wk.theme);
	} else if (!strcmp(key, "content")) {
		static const char *const nums[N_CONTENT] = {"（一）", "（二）", "（三）", "（四）", "（五）", "（六）"};
		long long counts[N_CONTENT] = {0};
		stmt st;
		/* one pass over the unit's content tags, grouped */
		if (db_prep(d, &st, "SELECT t.value, count(*) FROM activities a JOIN activity_tags t ON t.activity_id = a.id"
				    " AND t.kind = 'content' WHERE a.week_id = ?1 AND a.unit_id = ?2 AND " COUNTED("a.")
				    " GROUP BY t.value", "II", w, u) == 0) {
			while (stmt_step(&st) == 1) {
				const char *v = col_text(&st, 0);
				if (v[0] >= '1' && v[0] <= '6' && !v[1])
					counts[v[0] - '1'] = col_int(&st, 1);
			}
			stmt_done(&st);
		}
		for (int i = 0; i < N_CONTENT; i++)
			buf_printf(&b, "%s%s%s %lld 场", i ? "\n" : "", nums[i], content_short[i], counts[i]);
		report_resources_line(d, a, &b, w, u);
	} else if (!strcmp(key, "period")) {
		long long first = db_int(d, 0, "SELECT min(starts_at)" PUBLISHED, "II", w, u);
		long long last = db_int(d, 0, "SELECT max(ends_at)" PUBLISHED, "II", w, u);
		if (first && last) {
			char *d1 = date_iso_from_utc(a, first), *d2 = date_iso_from_utc(a, last);
			if (!strcmp(d1, d2))
				buf_puts(&b, date_cn(a, d1));
			else
				buf_printf(&b, "%s至%s", date_cn(a, d1), date_cn(a, d2));
		} else {
			week wk;
			*source = "来自活动周设置（尚无已发布的活动）";
			if (week_load(d, a, w, &wk))
				buf_printf(&b, "%s至%s", date_cn(a, wk.starts_on), date_cn(a, wk.ends_on));
		}
	} else if (!strcmp(key, "scope")) {
		buf streets = BUF_INIT;
		int ns = join_distinct(d, &streets, 60, "SELECT DISTINCT street" PUBLISHED " ORDER BY street", w, u);
		name_set hosts = {0};
		names_of(d, a, &hosts, "SELECT DISTINCT host" PUBLISHED " ORDER BY host", w, u);
		if (ns)
			buf_printf(&b, "街道/乡镇 %d 个：%s", ns, buf_cstr(&streets));
		if (hosts.n) {
			buf_printf(&b, "%s参与单位 %d 个：", ns ? "\n" : "", hosts.n);
			names_list(&b, &hosts, 60);
		}
		if (!ns && !hosts.n)
			buf_puts(&b, "尚无已发布的活动");
		buf_free(&streets);
	} else if (!strcmp(key, "satisfaction")) {
		*source = "来自居民扫码评价";
		satisfaction s = unit_satisfaction(d, w, u);
		buf_puts(&b, satisfaction_text(a, &s));
	} else if (!strcmp(key, "pub_scope")) {
		*source = "来自宣传报道记录";
		buf ch = BUF_INIT;
		int n = join_distinct(d, &ch, 20, "SELECT DISTINCT channel FROM publicity WHERE week_id = ?1 AND unit_id = ?2 ORDER BY channel", w, u);
		long long total = db_int(d, 0, "SELECT count(*) FROM publicity WHERE week_id = ?1 AND unit_id = ?2", "II", w, u);
		if (n)
			buf_printf(&b, "%s（共 %lld 条报道）", buf_cstr(&ch), total);
		else
			buf_puts(&b, "尚无宣传报道记录");
		buf_free(&ch);
		report_promotion_lines(d, &b, w, u);
	} else if (!strcmp(key, "pub_text") || !strcmp(key, "pub_media")) {
		*source = "来自宣传报道记录";
		const char *kind = !strcmp(key, "pub_text") ? "text" : "media";
		long long n = db_int(d, 0, "SELECT count(*) FROM publicity WHERE week_id = ?1 AND unit_id = ?2 AND kind = ?3", "IIt", w, u, kind);
		buf_printf(&b, "%lld %s", n, !strcmp(kind, "text") ? "篇" : "条");
		stmt st;
		int i = 0;
		if (n && db_prep(d, &st, "SELECT title, outlet, channel, published_on FROM publicity WHERE week_id = ?1 AND unit_id = ?2"
					 " AND kind = ?3 ORDER BY published_on, id", "IIt", w, u, kind) == 0) {
			while (stmt_step(&st) == 1) {
				const char *outlet = *col_text(&st, 1) ? col_text(&st, 1) : col_text(&st, 2);
				buf_printf(&b, "\n%d. 《%s》（%s%s%s）", ++i, col_text(&st, 0), outlet, *col_text(&st, 3) ? "，" : "",
					   *col_text(&st, 3) ? date_cn(a, col_text(&st, 3)) : "");
			}
			stmt_done(&st);
		}
	}
	return done(a, &b);
}

void report_fields(db *d, arena *a, const report *rep, field_value out[N_FORM_FIELDS])
{
	for (int i = 0; i < N_FORM_FIELDS; i++) {
		field_value *f = &out[i];
		memset(f, 0, sizeof *f);
		f->def = &form_fields[i];
		const char *src = NULL;
		if (f->def->kind == FK_DERIVED) {
			f->derived = derive(d, a, rep, f->def->key, &src);
			f->source = arena_strdup(a, src);
		} else {
			f->source = "由本单位填写";
		}
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
 * (fv) and what the unit wrote (val, why: NULL keeps none of its own). */
typedef struct fields_in {
	field_value fv[N_FORM_FIELDS];
	const char *val[N_FORM_FIELDS], *why[N_FORM_FIELDS];
} fields_in;

static int fields_check(db *d, arena *a, report *rep, const char *const values[N_FORM_FIELDS],
			const char *const reasons[N_FORM_FIELDS], const bool reset[N_FORM_FIELDS], fields_in *in, errs *e)
{
	field_value *fv = in->fv;
	report_fields(d, a, rep, fv);
	for (int i = 0; i < N_FORM_FIELDS; i++) {
		const form_field_def *def = &form_fields[i];
		in->val[i] = NULL;
		in->why[i] = "";
		if (reset && reset[i])
			continue;
		if (!values[i]) {
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
	for (int i = 0; i < N_FORM_FIELDS && rc == 0; i++) {
		const field_value *fv = &in->fv[i];
		const char *old = fv->written, *val = in->val[i], *why = in->why[i];
		const char *key = form_fields[i].key;
		/* saved again over records that changed since: the text now follows the new figures */
		bool same = (!old && !val) || (old && val && !strcmp(old, val) && !strcmp(fv->reason ? fv->reason : "", why) &&
					       !fv->records_changed);
		if (same)
			continue;
		if (!val || (form_fields[i].kind == FK_NARRATIVE && !*val))
			rc = db_exec(d, "DELETE FROM report_fields WHERE report_id = ?1 AND field = ?2", "It", rep->id, key);
		else
			rc = db_exec(d, "INSERT INTO report_fields(report_id, field, value, override_reason, updated_at, derived_then)"
					" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(report_id, field)"
					" DO UPDATE SET value = ?3, override_reason = ?4, updated_at = ?5, derived_then = ?6",
				     "ItttIt", rep->id, key, val, why, who->now, fv->derived);
		if (rc == 0)
			rc = audit(d, who, rep->unit_id, "update", "report_field", rep->id, form_fields[i].label,
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

int report_save_fields(db *d, arena *a, const actor *who, report *rep, const char *const values[N_FORM_FIELDS],
		       const char *const reasons[N_FORM_FIELDS], const bool reset[N_FORM_FIELDS], errs *e)
{
	fields_in in;
	if (check_editable(rep, e) < 0 || fields_check(d, a, rep, values, reasons, reset, &in, e) < 0 || txn_begin(d, e) < 0)
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

int report_save_plan_and_fields(db *d, arena *a, const actor *who, report *rep, const report *plan, report *fields_rep,
				const char *const values[N_FORM_FIELDS], errs *e)
{
	plan_in p;
	fields_in in;
	if (check_editable(rep, e) < 0)
		return -1;
	/* both checked before anything is written, both written in one transaction */
	int bad = plan_check(a, plan, &p, e);
	if (fields_check(d, a, fields_rep, values, NULL, NULL, &in, e) < 0 || bad < 0 || txn_begin(d, e) < 0)
		return -1;
	int rc = revision_claim(d, "reports", rep->id, rep->revision, e);
	if (rc == 0)
		rc = plan_write(d, a, who, rep, &p);
	if (rc == 0)
		rc = fields_write(d, a, who, fields_rep, &in);
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
