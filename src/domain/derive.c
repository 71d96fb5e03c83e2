/* derive.c: the one table of derived figures of the summary form. Each row
 * of form_derivations names its key, where the figure comes from and the
 * function that says it for one unit's form (from that unit's records), so a
 * figure's sentence is written in one place; a week's form (weekform.c) says
 * which of them it prints, with what label and in what order. The unit's form, the
 * board's checklist, the submission and the exports read the fields through
 * report_fields, which calls form_derive here; the city's form sums what the
 * units submitted (cityform.c) and reads only the centre's own fields here.
 * Adding a derived field is one row below and one function. */
#include "report.h"
#include "resource.h"
#include "activity.h"
#include "org.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <string.h>

/* streets and hosts listed by name; beyond, only counted */
#define PLACES_LISTED 60

#define PUBLISHED " FROM activities WHERE week_id = ?1 AND unit_id = ?2 AND " COUNTED("")

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

/* What a derivation reads and writes. */
struct derive_ctx {
	db *d;
	arena *a;
	const report *rep;
	long long w, u;           /* the week; the unit */
	buf b;                    /* the figure's text */
	const char *source;       /* set where it differs from the row's */
};

/* ---- one function per derived field ---- */

static void d_unit_name(derive_ctx *x)
{
	unit un;
	x->source = "报送单位";
	if (unit_load(x->d, x->a, x->u, &un))
		buf_puts(&x->b, un.name);
}

static void d_organisers(derive_ctx *x)
{
	buf *b = &x->b;
	/* hosts first, then co-organisers, each named once (a cell may name several) */
	name_set hosts = {0}, co = {0}, co_only = {0};
	names_of(x->d, x->a, &hosts, "SELECT DISTINCT host" PUBLISHED " ORDER BY host", x->w, x->u);
	names_of(x->d, x->a, &co, "SELECT DISTINCT co_hosts" PUBLISHED " AND co_hosts <> '' ORDER BY co_hosts", x->w, x->u);
	for (int i = 0; i < co.n; i++)
		if (!name_set_has(&hosts, co.v[i]))
			name_set_put(&co_only, x->a, co.v[i]);
	if (hosts.n) {
		buf_puts(b, "主办：");
		names_list(b, &hosts, 40);
	}
	if (co_only.n) {
		buf_printf(b, "%s协办：", hosts.n ? "；" : "");
		names_list(b, &co_only, 1000);
	}
}

/* the plan and the ceremony: the report's own */
static void d_issuer(derive_ctx *x) { buf_puts(&x->b, x->rep->plan_issuer); }
static void d_coordinator(derive_ctx *x) { buf_puts(&x->b, x->rep->plan_coordinator); }
static void d_planner(derive_ctx *x) { buf_puts(&x->b, x->rep->plan_author); }

static void d_leaders(derive_ctx *x)
{
	const report *rep = x->rep;
	buf *b = &x->b;
	if (*rep->ceremony_leaders)
		buf_puts(b, rep->ceremony_leaders);
	if (*rep->ceremony_date || *rep->ceremony_venue) {
		buf_puts(b, "（开幕式");
		if (*rep->ceremony_date)
			buf_printf(b, "，%s", date_cn(x->a, rep->ceremony_date));
		if (*rep->ceremony_venue)
			buf_printf(b, "，%s", rep->ceremony_venue);
		buf_puts(b, "）");
	}
}

char *activity_count_text(arena *a, long long all, long long online, long long offline, long long both)
{
	return arena_printf(a, "%lld 场：线上 %lld，线下 %lld，线上线下相结合 %lld", all, online, offline, both);
}

char *participants_text(arena *a, const participants *p)
{
	char *s = arena_printf(a, "%lld 人次：扫码签到 %lld，现场清点 %lld，主办方报告 %lld", p->total, p->checked_in, p->counted,
			       p->reported);
	if (p->activities_measured || p->activities_reported)
		s = arena_printf(a, "%s（%lld 场按签到和清点计，%lld 场采用主办方报告，不重复计算）", s, p->activities_measured,
				 p->activities_reported);
	return s;
}

static void d_activity_count(derive_ctx *x)
{
	long long all = db_int(x->d, 0, "SELECT count(*)" PUBLISHED, "II", x->w, x->u);
	long long on = db_int(x->d, 0, "SELECT count(*)" PUBLISHED " AND mode = 'online'", "II", x->w, x->u);
	long long off = db_int(x->d, 0, "SELECT count(*)" PUBLISHED " AND mode = 'offline'", "II", x->w, x->u);
	buf_puts(&x->b, activity_count_text(x->a, all, on, off, all - on - off));
}

static void d_participants(derive_ctx *x)
{
	participants p = unit_participants(x->d, x->w, x->u);
	buf_puts(&x->b, participants_text(x->a, &p));
}

/* "1. title（host，date）" */
static void featured_item_text(derive_ctx *x, int k, const char *title, const char *host, long long starts_at)
{
	buf_printf(&x->b, "%d. %s（%s，%s）", k, title, host, date_cn(x->a, date_iso_from_utc(x->a, starts_at)));
}

static void d_featured(derive_ctx *x)
{
	buf *b = &x->b;
	int n = 0;
	stmt st;
	if (db_prep(x->d, &st, "SELECT title, host, starts_at" PUBLISHED " AND featured = 1 ORDER BY starts_at, id", "II",
		    x->w, x->u) == 0) {
		while (stmt_step(&st) == 1) {
			if (n < 50) { /* the form is a page, not a catalogue */
				if (n)
					buf_puts(b, "\n");
				featured_item_text(x, n + 1, col_text(&st, 0), col_text(&st, 1), col_int(&st, 2));
			}
			n++;
		}
		stmt_done(&st);
	}
	if (n > 50)
		buf_printf(b, "\n……共 %d 项有特色的活动", n);
	if (!n)
		buf_puts(b, "无");
}

static void d_theme(derive_ctx *x)
{
	week wk;
	if (week_load(x->d, x->a, x->w, &wk))
		buf_puts(&x->b, wk.theme);
}

static void d_content(derive_ctx *x)
{
	/* the week's categories, in its order: （一）<short name> 3 场 */
	choices c = week_choices(x->d, x->a, x->w, "content");
	long long *counts = arena_alloc(x->a, sizeof *counts * (size_t)(c.n + 1));
	stmt st;
	/* one pass over the unit's content tags, grouped */
	if (db_prep(x->d, &st, "SELECT t.value, count(*) FROM activities a JOIN activity_tags t ON t.activity_id = a.id"
			       " AND t.kind = 'content' WHERE a.week_id = ?1 AND a.unit_id = ?2 AND " COUNTED("a.")
			       " GROUP BY t.value", "II", x->w, x->u) == 0) {
		while (stmt_step(&st) == 1)
			for (int i = 0; i < c.n; i++)
				if (!strcmp(c.code[i], col_text(&st, 0)))
					counts[i] = col_int(&st, 1);
		stmt_done(&st);
	}
	for (int i = 0; i < c.n; i++)
		buf_printf(&x->b, "%s%s%s %lld 场", i ? "\n" : "", cn_ordinal(x->a, i + 1), c.label[i], counts[i]);
	report_resources_line(x->d, x->a, &x->b, x->w, x->u);
}

static void d_period(derive_ctx *x)
{
	long long first = db_int(x->d, 0, "SELECT min(starts_at)" PUBLISHED, "II", x->w, x->u);
	long long last = db_int(x->d, 0, "SELECT max(ends_at)" PUBLISHED, "II", x->w, x->u);
	if (first && last) {
		char *d1 = date_iso_from_utc(x->a, first), *d2 = date_iso_from_utc(x->a, last);
		if (!strcmp(d1, d2))
			buf_puts(&x->b, date_cn(x->a, d1));
		else
			buf_printf(&x->b, "%s至%s", date_cn(x->a, d1), date_cn(x->a, d2));
	} else {
		week wk;
		x->source = "来自活动周设置（尚无已发布的活动）";
		if (week_load(x->d, x->a, x->w, &wk))
			buf_printf(&x->b, "%s至%s", date_cn(x->a, wk.starts_on), date_cn(x->a, wk.ends_on));
	}
}

static void d_scope(derive_ctx *x)
{
	buf *b = &x->b;
	buf streets = BUF_INIT;
	int ns = join_distinct(x->d, &streets, PLACES_LISTED, "SELECT DISTINCT street" PUBLISHED " ORDER BY street", x->w, x->u);
	name_set hosts = {0};
	names_of(x->d, x->a, &hosts, "SELECT DISTINCT host" PUBLISHED " ORDER BY host", x->w, x->u);
	if (ns)
		buf_printf(b, "街道/乡镇 %d 个：%s", ns, buf_cstr(&streets));
	if (hosts.n) {
		buf_printf(b, "%s参与单位 %d 个：", ns ? "\n" : "", hosts.n);
		names_list(b, &hosts, PLACES_LISTED);
	}
	buf_free(&streets);
	if (!b->len)
		buf_puts(b, "尚无已发布的活动");
}

static void d_satisfaction(derive_ctx *x)
{
	satisfaction s = unit_satisfaction(x->d, x->w, x->u);
	buf_puts(&x->b, satisfaction_text(x->a, &s));
}

static void d_pub_scope(derive_ctx *x)
{
	buf *b = &x->b;
	int n = join_distinct(x->d, b, 20, "SELECT DISTINCT channel FROM publicity WHERE week_id = ?1 AND unit_id = ?2 ORDER BY channel",
			      x->w, x->u);
	long long total = db_int(x->d, 0, "SELECT count(*) FROM publicity WHERE week_id = ?1 AND unit_id = ?2", "II", x->w, x->u);
	if (n)
		buf_printf(b, "（共 %lld 条报道）", total);
	else
		buf_puts(b, "尚无宣传报道记录");
	report_promotion_lines(x->d, b, x->w, x->u);
}

/* 文字报道 and 影像图片报道: the count, then each report */
static void publicity_of(derive_ctx *x, const char *kind, const char *measure)
{
	long long n = db_int(x->d, 0, "SELECT count(*) FROM publicity WHERE week_id = ?1 AND unit_id = ?2 AND kind = ?3", "IIt",
			     x->w, x->u, kind);
	buf_printf(&x->b, "%lld %s", n, measure);
	stmt st;
	int i = 0;
	if (n && db_prep(x->d, &st, "SELECT title, outlet, channel, published_on FROM publicity WHERE week_id = ?1 AND unit_id = ?2"
				    " AND kind = ?3 ORDER BY published_on, id", "IIt", x->w, x->u, kind) == 0) {
		while (stmt_step(&st) == 1) {
			const char *outlet = *col_text(&st, 1) ? col_text(&st, 1) : col_text(&st, 2);
			buf_printf(&x->b, "\n%d. 《%s》（%s%s%s）", ++i, col_text(&st, 0), outlet, *col_text(&st, 3) ? "，" : "",
				   *col_text(&st, 3) ? date_cn(x->a, col_text(&st, 3)) : "");
		}
		stmt_done(&st);
	}
}

static void d_pub_text(derive_ctx *x) { publicity_of(x, "text", "篇"); }
static void d_pub_media(derive_ctx *x) { publicity_of(x, "media", "条"); }

/* The catalogue: key, what the figure is, where it comes from ("来自…"),
 * summed (the city's form sums the units' figures of that field, cityform.c),
 * the length guide of a row made with it, and its function. A week's form
 * (week_form_rows) names these by key and gives each its label, group and
 * place. */
const form_derivation form_derivations[] = {
	{"unit_name", "报送单位的名称", "活动记录", false, 60, d_unit_name},
	{"organisers", "主办和协办单位", "活动记录", true, 600, d_organisers},
	{"issuer", "下发活动文件的部门", "实施方案", false, 200, d_issuer},
	{"leaders", "出席开幕式的领导", "开幕式记录", false, 300, d_leaders},
	{"coordinator", "具体协调部门", "实施方案", false, 200, d_coordinator},
	{"planner", "制定活动方案部门", "实施方案", false, 200, d_planner},
	{"activity_count", "活动场数（线上、线下）", "活动记录", true, 200, d_activity_count},
	{"participants", "参加活动人次", "活动记录", true, 300, d_participants},
	{"featured", "有特色的活动", "活动记录", true, 1000, d_featured},
	{"theme", "活动周主题", "活动周设置", false, 100, d_theme},
	{"content", "各项活动内容的场数", "活动记录", true, 1500, d_content},
	{"period", "活动时间", "活动记录", true, 100, d_period},
	{"scope", "参与的街道和单位", "活动记录", true, 1000, d_scope},
	{"satisfaction", "群众满意度", "居民扫码评价", true, 300, d_satisfaction},
	{"pub_scope", "宣传范围", "宣传报道记录", true, 500, d_pub_scope},
	{"pub_text", "文字报道", "宣传报道记录", true, 1500, d_pub_text},
	{"pub_media", "影像图片报道", "宣传报道记录", true, 1500, d_pub_media},
};
const int n_form_derivations = (int)(sizeof form_derivations / sizeof *form_derivations);

const form_derivation *form_derivation_of(const char *key)
{
	for (int i = 0; key && i < n_form_derivations; i++)
		if (!strcmp(form_derivations[i].key, key))
			return &form_derivations[i];
	return NULL;
}

char *form_derive(db *d, arena *a, const report *rep, const form_field_def *def, const char **source)
{
	if (def->kind != FK_DERIVED || !def->derive) {
		*source = "由本单位填写";
		return NULL;
	}
	derive_ctx x = {.d = d, .a = a, .rep = rep, .w = rep->week_id, .u = rep->unit_id, .b = BUF_INIT};
	def->derive(&x);
	*source = x.source ? x.source : arena_printf(a, "来自%s", def->from);
	char *v = arena_strdup(a, buf_cstr(&x.b));
	buf_free(&x.b);
	return v;
}
