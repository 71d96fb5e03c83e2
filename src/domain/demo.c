/* demo.c: two weeks, made through the same domain functions as the real flows.
 * The 2022 Nanchang week exactly as the notice gives it (the theme, 2022-12-01
 * to 2022-12-07, reports due before 10 December, the 13 reporting units of
 * domain.md), complete as history: residents signed up, checked in and rated,
 * every unit's report filled, its files attached, submitted and accepted. And
 * this year's week around today (started two days ago, ends in four, reports
 * due in a week): activities today and tomorrow, sign-up open, one activity
 * full with a waiting list, check-ins and ratings of the days before, and the
 * units' reports at every stage. One centre admin and one admin per unit with
 * random passwords. Each write carries the time it would have had (actor.now),
 * so the history reads as if it happened. */
#include "demo.h"
#include "org.h"
#include "activity.h"
#include "participation.h"
#include "publicity.h"
#include "review.h"
#include "submission.h"
#include "core/embed.h"
#include "core/timefmt.h"
#include "db/filestore.h"
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <sodium.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>

static const struct {
	const char *name, *kind, *code;
} nanchang_units[] = {
	{"东湖区", "区", "donghu"},
	{"西湖区", "区", "xihu"},
	{"青云谱区", "区", "qingyunpu"},
	{"青山湖区", "区", "qingshanhu"},
	{"新建区", "区", "xinjian"},
	{"红谷滩区", "区", "honggutan"},
	{"南昌县", "县", "nanchangxian"},
	{"进贤县", "县", "jinxian"},
	{"安义县", "县", "anyi"},
	{"湾里管理局", "管理局", "wanli"},
	{"南昌高新技术产业开发区", "开发区", "gaoxin"},
	{"南昌经济技术开发区", "开发区", "jingkai"},
	{"南昌临空经济区", "开发区", "linkong"},
};

/* Demo activities: realistic titles and hosts for each content item, from
 * src/domain/demo_2022.txt (demo_load). */
typedef struct demo_act {
	const char *title, *host, *content, *subjects, *forms, *audiences, *mode, *venue, *street;
	int day, hour, hours, capacity, reported;
	bool featured;
} demo_act;
static demo_act *demo_acts;
static int n_demo_acts;
static const char *demo_theme_2022;

/* Reads demo_2022.txt: the 2022 theme and the activity templates. false
 * when the file is missing or a line is malformed (a build error, not input). */
static bool demo_load(arena *a)
{
	const embedded_file *f = embedded_find("src/domain/demo_2022.txt");
	if (!f)
		return false;
	char *text = arena_strndup(a, (const char *)f->data, f->len);
	int cap = 1;
	for (char *p = text; *p; p++)
		cap += *p == '\n';
	demo_acts = arena_alloc(a, sizeof *demo_acts * (size_t)cap);
	n_demo_acts = 0;
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (*line == '#' || !*line)
			continue;
		char *v[16];
		int n = 0;
		for (char *p = line; p && n < 16;) {
			v[n++] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = 0;
		}
		if (n == 2 && !strcmp(v[0], "theme")) {
			demo_theme_2022 = v[1];
		} else if (n == 16 && !strcmp(v[0], "activity")) {
			demo_acts[n_demo_acts++] = (demo_act){v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], atoi(v[10]),
							      atoi(v[11]), atoi(v[12]), atoi(v[13]), atoi(v[14]), !strcmp(v[15], "是")};
		} else {
			fprintf(stderr, "demo_2022.txt: a line of %d fields: %s\n", n, v[0]);
			return false;
		}
	}
	return n_demo_acts > 0 && demo_theme_2022;
}

/* A template's text with {单位} as the unit's name. */
static const char *demo_fill(arena *a, const char *tmpl, const char *unit_name)
{
	const char *mark = "{单位}";
	const char *p = strstr(tmpl, mark);
	if (!p)
		return tmpl;
	return arena_printf(a, "%.*s%s%s", (int)(p - tmpl), tmpl, unit_name, demo_fill(a, p + strlen(mark), unit_name));
}

#define DAY 86400LL
#define HOUR 3600LL
/* the QR code's address on submitted versions: where `make run` serves */

typedef struct demo_ctx {
	db *d;
	arena *a;
	const char *dir;
	actor staff;    /* the demo's writes (audit name "demo") */
	actor centre;   /* the centre admin's reviews */
	int people;     /* residents made so far: each gets a name and a phone of their own */
	new_file png[12];  /* the twelve demo pictures, each drawn and stored once */
	long long now;     /* the live week's "now": photos are of what is over */
	const char *public_url; /* in the verify QR of each 定稿 */
	struct {
		const char *title;
		new_file f;
	} pdf[16];         /* the documents, one per year and kind */
	int npdf;
} demo_ctx;

static cairo_status_t file_sink(void *closure, const unsigned char *data, unsigned int len)
{
	return fs_write(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Finishes a file written into u and moves it into the store; out describes it. */
static bool store_kept(demo_ctx *c, upload *u, bool written, const char *mime, const char *name, new_file *out)
{
	bool ok = written && fs_finish(u) == 0 && fs_keep(c->dir, u) == 0;
	if (ok)
		*out = (new_file){arena_strdup(c->a, u->sha256), name, mime, (long long)u->size, NULL};
	fs_discard(u);
	return ok;
}

/* A demo photo: a coloured PNG drawn with cairo, stored like an upload; one
 * of twelve, each drawn once (the store keeps a file once anyway). */
static bool store_png(demo_ctx *c, int hue, const char *name, new_file *out)
{
	hue %= 12;
	if (c->png[hue].sha256) {
		*out = c->png[hue];
		out->filename = name;
		return true;
	}
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 480, 320);
	cairo_t *cr = cairo_create(s);
	static const double colors[][3] = {{.65, .11, .11}, {.11, .42, .2}, {.05, .31, .66}, {.55, .3, 0}};
	const double *col = colors[hue % 4];
	cairo_set_source_rgb(cr, col[0], col[1], col[2]);
	cairo_paint(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, .85);
	for (int i = 0; i < 6; i++) {
		cairo_arc(cr, 60 + i * 75, 220 - ((i + hue) % 3) * 30, 26, 0, 6.2832);
		cairo_fill(cr);
	}
	cairo_rectangle(cr, 40, 40, 400, 90);
	cairo_fill(cr);
	cairo_destroy(cr);
	upload u;
	bool started = fs_begin(c->dir, &u) == 0;
	bool ok = started && store_kept(c, &u, cairo_surface_write_to_png_stream(s, file_sink, &u) == CAIRO_STATUS_SUCCESS,
					"image/png", name, out);
	cairo_surface_destroy(s);
	if (ok)
		c->png[hue] = *out;
	return ok;
}

/* A one-page PDF (an A4 page with a title and a line of text), as a unit's
 * scanned or written documents would be. */
static bool store_pdf(demo_ctx *c, const char *title, const char *text, const char *name, new_file *out)
{
	for (int i = 0; i < c->npdf; i++)
		if (!strcmp(c->pdf[i].title, title)) {
			*out = c->pdf[i].f;
			out->filename = name;
			return true;
		}
	upload u;
	if (fs_begin(c->dir, &u) != 0)
		return false;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(file_sink, &u, 595, 842);
	/* dated by the demo's clock, not the real one: the same demo makes the
	 * same files, whatever the engine (tests/cli/engines.sh) */
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
				       arena_printf(c->a, "%sT09:00:00+08:00", date_iso_from_utc(c->a, c->now)));
	cairo_t *cr = cairo_create(s);
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string("Noto Serif CJK SC, AR PL UMing CN, serif 16");
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, 475 * PANGO_SCALE);
	pango_layout_set_text(l, arena_printf(c->a, "%s\n\n%s", title, text), -1);
	cairo_move_to(cr, 60, 80);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	bool written = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	bool ok = store_kept(c, &u, written, "application/pdf", name, out);
	if (ok && c->npdf < (int)(sizeof c->pdf / sizeof *c->pdf)) {
		c->pdf[c->npdf].title = arena_strdup(c->a, title);
		c->pdf[c->npdf++].f = *out;
	}
	return ok;
}

static void split_tags(arena *a, const char *src, tags *t)
{
	const char **v = arena_alloc(a, sizeof(char *) * 8);
	int m = 0;
	char *copy = arena_strdup(a, src);
	for (char *p = copy; p && *p && m < 8;) {
		char *e = strstr(p, "、");
		if (e)
			*e = 0;
		v[m++] = p;
		p = e ? e + 3 : NULL;
	}
	t->v = v;
	t->n = m;
}

/* One activity from template i of demo_acts, starting at `starts` (UTC);
 * capacity < 0 keeps the template's. Returns its id, 0 when refused. */
static long long demo_activity(demo_ctx *c, long long week_id, long long unit_id, const char *unit_name, int unit_index,
			       int i, long long starts, long long capacity, const char *status, activity *x)
{
	arena *a = c->a;
	activity_input in = {0};
	in.title = demo_acts[i].title;
	in.host = demo_fill(a, demo_acts[i].host, unit_name);
	in.mode = demo_acts[i].mode;
	in.venue = demo_fill(a, demo_acts[i].venue, unit_name);
	in.street = demo_fill(a, demo_acts[i].street, unit_name);
	if (strcmp(demo_acts[i].mode, "offline"))
		in.online_url = "https://www.jxedu.gov.cn/";
	in.starts_at = datetime_local_iso(a, starts);
	in.ends_at = datetime_local_iso(a, starts + demo_acts[i].hours * HOUR);
	if (capacity < 0)
		capacity = demo_acts[i].capacity;
	in.capacity = capacity ? arena_printf(a, "%lld", capacity) : "";
	in.reported = demo_acts[i].reported ? arena_printf(a, "%d", demo_acts[i].reported + unit_index * 10) : "";
	in.featured = demo_acts[i].featured ? "1" : "";
	in.description = "本活动为演示数据。";
	split_tags(a, demo_acts[i].content, &in.content);
	split_tags(a, demo_acts[i].subjects, &in.subjects);
	split_tags(a, demo_acts[i].forms, &in.forms);
	split_tags(a, demo_acts[i].audiences, &in.audiences);
	errs e = {0};
	const char *warning;
	if (activity_parse(c->d, a, &in, week_id, x, &e, &warning) < 0) {
		fprintf(stderr, "demo activity: %s\n", errs_summary(&e, a));
		return 0;
	}
	x->unit_id = unit_id;
	x->status = (char *)status;
	if (!activity_save(c->d, a, &c->staff, x, &e)) {
		fprintf(stderr, "demo activity: %s\n", errs_summary(&e, a));
		return 0;
	}
	new_file f;
	if (x->ends_at < c->now && store_png(c, unit_index + i, "活动现场.png", &f))
		activity_photo_add(c->d, a, &c->staff, x->id, f.sha256, f.size, f.mime, f.filename);
	return x->id;
}

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林"};
static const char *const given[] = {"秀英", "建国", "丽华", "志强", "春梅", "海燕", "国平", "晓东", "玉兰", "明", "芳", "伟", "静", "磊", "敏", "军", "婷"};
static const char *const comments[] = {"讲得很清楚，希望多办几场。", "内容实用，老师耐心。", "", "场地有点小，其他都好。", ""};

/* Residents of one activity: `signups` sign up `signup_at`; the first
 * `checkins` of them check in ten minutes after the start and the first
 * `ratings` of those rate it after the end. Each through the residents' own
 * domain functions, at the time it would have happened. */
static void demo_residents(demo_ctx *c, const activity *x, int signups, int checkins, int ratings, long long signup_at)
{
	arena *a = c->a;
	for (int k = 0; k < signups; k++) {
		int p = c->people++;
		const char *name = arena_printf(a, "%s%s", surnames[p % 16], given[(p / 16 + p) % 17]);
		char phone[12];
		snprintf(phone, sizeof phone, "139%08u", 20000000u + (unsigned)p * 7919u % 70000000u);
		actor who = {0, "", "127.0.0.1", signup_at + k * 600};
		registration reg;
		char token[TOKEN_HEX + 1];
		errs e = {0};
		if (registration_create(c->d, a, &who, x->id, name, phone, false, &reg, token, &e) != PART_OK)
			continue;
		if (k >= checkins)
			continue;
		who.now = x->starts_at + 600 + k * 30;
		checkin ci;
		if (checkin_create(c->d, a, &who, x, name, phone + 7, &ci, token, &e) != PART_OK || k >= ratings)
			continue;
		who.now = x->ends_at + 1800 + k * 60;
		rating_create(c->d, a, &who, x->id, token, scores[k % 5 == 4 ? 1 : 0], comments[p % 5], &e);
	}
}

/* The unit's report filled as a clerk would: the plan, the narrative fields,
 * two publicity records and the files the submission needs (and a photo). */
static bool demo_report(demo_ctx *c, long long week_id, long long unit_id, const char *unit_name, int year,
			const char *ceremony_date, report *rep)
{
	arena *a = c->a;
	errs e = {0};
	if (!report_get(c->d, a, week_id, unit_id, rep))
		return false;
	report plan = {0};
	plan.plan_issuer = arena_printf(a, "%s教育体育局", unit_name);
	plan.plan_coordinator = arena_printf(a, "%s社区教育学院", unit_name);
	plan.plan_author = arena_printf(a, "%s社区教育学院", unit_name);
	plan.ceremony_date = (char *)ceremony_date;
	plan.ceremony_venue = arena_printf(a, "%s市民学校多功能厅", unit_name);
	plan.ceremony_leaders = "区教育体育局分管副局长";
	const char **values = arena_alloc(a, sizeof *values * (size_t)(rep->form->n + 1));
	for (int i = 0; i < rep->form->n; i++) {
		const char *k = rep->form->row[i].key;
		if (!strcmp(k, "effect"))
			values[i] = "活动覆盖全区各街道，居民参与踊跃，满意度高；线上线下结合，老年人和新市民参与明显增多。";
		else if (!strcmp(k, "self_eval"))
			values[i] = "组织有序，宣传到位，达到了预期效果。";
		else if (!strcmp(k, "other"))
			values[i] = "无。";
	}
	if (report_save_plan_and_fields(c->d, a, &c->staff, rep, &plan, NULL, values, &e) < 0) {
		fprintf(stderr, "demo report: %s\n", errs_summary(&e, a));
		return false;
	}
	/* where the week was reported: a news item and a WeChat post with pictures */
	static const struct {
		const char *channel, *kind, *title, *outlet;
	} pubs[] = {{"区县教育官网", "text", "%s全民终身学习活动周启动", "%s教育体育局网站"},
		    {"微信公众号", "media", "图说%s活动周：家门口的课堂", "%s社区教育"}};
	for (size_t i = 0; i < sizeof pubs / sizeof *pubs; i++) {
		publicity_input pin = {pubs[i].channel, pubs[i].kind, arena_printf(a, pubs[i].title, unit_name),
				       arena_printf(a, pubs[i].outlet, unit_name), ceremony_date, "", ""};
		publicity pub = {.week_id = week_id, .unit_id = unit_id};
		if (publicity_parse(c->d, a, &pin, &pub, &e) < 0 ||
		    !publicity_save(c->d, a, &c->staff, &pub, NULL, 0, NULL, false, &e)) {
			fprintf(stderr, "demo publicity: %s\n", errs_summary(&e, a));
			return false;
		}
	}
	static const struct {
		const char *kind, *what;
	} docs[] = {{"plan", "实施方案"}, {"summary", "工作总结"}, {"case", "典型活动案例"}};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		new_file f;
		/* one document per year and kind (named for the unit): 20 stored files
		 * in all, not 76, each written, fsynced and renamed once */
		const char *title = arena_printf(a, "%d年全民终身学习活动周%s", year, docs[i].what);
		if (!store_pdf(c, title, "（演示文件）", arena_printf(a, "%s%s.pdf", unit_name, docs[i].what), &f) ||
		    attachment_add(c->d, a, &c->staff, rep, att_kind(docs[i].kind), &f, 1, true, &e) < 0) {
			fprintf(stderr, "demo attachment: %s\n", errs_summary(&e, a));
			return false;
		}
	}
	new_file pic;
	if (store_png(c, (int)unit_id, "活动照片.png", &pic))
		attachment_add(c->d, a, &c->staff, rep, att_kind("photo"), &pic, 1, false, &e);
	return true;
}

/* 定稿, the stamped scan of that version (its code printed on it), 报送. */
static long long demo_submit(demo_ctx *c, report *rep, const char *unit_name, long long at)
{
	errs e = {0};
	actor who = c->staff;
	who.now = at - 30 * 60;
	long long fin_id = report_finalise(c->d, c->a, &who, rep, c->public_url, &e);
	submission fin;
	new_file f;
	if (!fin_id || !final_load(c->d, c->a, fin_id, &fin)) {
		fprintf(stderr, "demo finalise: %s\n", errs_summary(&e, c->a));
		return 0;
	}
	const char *code = verify_code_display(c->a, fin.verify_code);
	if (!store_pdf(c, arena_printf(c->a, "%s总结表（盖章扫描件）第 %lld 版 %s", unit_name, fin.version, code), arena_printf(c->a, "校验码：%s（演示文件）", code),
		       arena_printf(c->a, "%s总结表盖章扫描件.pdf", unit_name), &f) ||
	    attachment_add(c->d, c->a, &who, rep, att_kind("scan"), &f, 1, true, &e) < 0) {
		fprintf(stderr, "demo scan: %s\n", errs_summary(&e, c->a));
		return 0;
	}
	who.now = at;
	long long id = submission_submit(c->d, c->a, &who, rep, &e);
	if (!id)
		fprintf(stderr, "demo submit: %s\n", errs_summary(&e, c->a));
	return id;
}

static void demo_accept(demo_ctx *c, long long submission_id, long long at)
{
	errs e = {0};
	actor who = c->centre;
	who.now = at;
	if (submission_id && review_accept(c->d, c->a, &who, submission_id, &e) < 0)
		fprintf(stderr, "demo accept: %s\n", errs_summary(&e, c->a));
}

static long long local_at(long long days, int hour)
{
	return days * DAY + hour * HOUR - SHANGHAI_OFFSET;
}

/* 2022: five activities per unit on the days of the notice, residents in
 * them, the report submitted before the deadline and accepted. */
static bool demo_2022_unit(demo_ctx *c, long long week_id, long long unit_id, const char *unit_name, int ui)
{
	long long dec1 = days_from_civil(2022, 12, 1);
	int n = n_demo_acts;
	c->staff.now = local_at(dec1 - 10, 10);
	for (int k = 0; k < 5; k++) {
		int i = (ui + k * 3) % n;
		int day = (demo_acts[i].day + ui) % 7;
		bool cancelled = (ui + k) % 11 == 10;
		activity x = {0};
		if (!demo_activity(c, week_id, unit_id, unit_name, ui, i, local_at(dec1 + day, demo_acts[i].hour), -1,
				   cancelled ? "cancelled" : "published", &x))
			continue;
		if (!cancelled && demo_acts[i].capacity)
			demo_residents(c, &x, 4 + (ui + k) % 5, 3 + (ui + k) % 3, 2 + k % 2, x.starts_at - 2 * DAY);
	}
	report rep;
	c->staff.now = local_at(dec1 + 7, 16);
	if (!demo_report(c, week_id, unit_id, unit_name, 2022, "2022-12-01", &rep))
		return false;
	long long sub = demo_submit(c, &rep, unit_name, local_at(dec1 + 7, 17) + ui * 600);
	demo_accept(c, sub, local_at(dec1 + 11, 10) + ui * 600);
	return sub != 0;
}

/* The stages of this year's units, by index: 东湖区 is still filling in (the
 * clerk's tour), 西湖区 has submitted, 青云谱区 was returned with a comment,
 * 青山湖区 accepted, 南昌临空经济区 has not started (nothing recorded yet, so
 * no activities either); the rest are filling in. */
enum { ST_NOT_STARTED, ST_DRAFT, ST_SUBMITTED, ST_RETURNED, ST_ACCEPTED };
static int live_stage(int ui, int nunits)
{
	static const int first[] = {ST_DRAFT, ST_SUBMITTED, ST_RETURNED, ST_ACCEPTED};
	if (ui == nunits - 1)
		return ST_NOT_STARTED;
	return ui < 4 ? first[ui] : ST_DRAFT;
}

/* This year: start_days is the week's first day, now the demo's "now"
 * (two days after the start, at the time of day it is). Every unit but the
 * one not started gets an activity going on now (check-in open), others today
 * and tomorrow, one or two on the days before with check-ins and ratings in,
 * and one later in the week. 东湖区's activity tomorrow is full, with a
 * waiting list. */
static bool demo_live_unit(demo_ctx *c, long long week_id, long long start_days, long long now, long long unit_id,
			   const char *unit_name, int ui, int nunits)
{
	int stage = live_stage(ui, nunits);
	if (stage == ST_NOT_STARTED)
		return true;
	int n = n_demo_acts;
	c->staff.now = local_at(start_days - 7, 10) + ui * 60;
	/* {day from the start, hour (averaged with the template's)}; hour -1: the
	 * hour before now, so it is going on */
	static const int plan[][2] = {{2, -1}, {3, 9}, {0, 14}, {2, 19}, {5, 9}, {1, 15}};
	for (int k = 0; k < 6; k++) {
		int i = (ui + k * 3 + 1) % n;
		long long starts = plan[k][1] < 0 ? now - now % HOUR - HOUR : local_at(start_days + plan[k][0], (plan[k][1] + demo_acts[i].hour) / 2);
		bool full = ui == 0 && k == 1;
		long long cap = full ? 3 : demo_acts[i].capacity ? -1 : 40;
		activity x = {0};
		if (!demo_activity(c, week_id, unit_id, unit_name, ui, i, starts, cap, "published", &x))
			return false;
		long long signup_at = (x.starts_at < now ? x.starts_at : now) - DAY;
		if (full)
			demo_residents(c, &x, 5, 0, 0, now - 5 * HOUR);
		else if (x.ends_at < now) /* over: who came checked in, some rated */
			demo_residents(c, &x, 5 + ui % 3, 4, 2 + ui % 2, signup_at);
		else if (x.starts_at < now) /* going on: some have checked in */
			demo_residents(c, &x, 4, 2, 0, signup_at);
		else
			demo_residents(c, &x, 2 + (ui + k) % 3, 0, 0, signup_at);
	}
	report rep;
	c->staff.now = now - 6 * HOUR;
	if (stage == ST_DRAFT) /* filling in: activities recorded, the form not yet */
		return report_get(c->d, c->a, week_id, unit_id, &rep);
	long long year;
	unsigned m, dd;
	civil_from_days(start_days, &year, &m, &dd);
	if (!demo_report(c, week_id, unit_id, unit_name, (int)year, date_iso_from_utc(c->a, local_at(start_days, 9)), &rep))
		return false;
	long long sub = demo_submit(c, &rep, unit_name, now - 5 * HOUR);
	if (stage == ST_ACCEPTED)
		demo_accept(c, sub, now - 2 * HOUR);
	if (stage == ST_RETURNED && sub) {
		review_note notes[] = {{"effect", "请补充活动成效的具体数字：参加人数、满意度各是多少。"},
				       {"", "典型案例请附两张现场照片后重新提交。"}};
		errs e = {0};
		actor who = c->centre;
		who.now = now - 3 * HOUR;
		if (review_return(c->d, c->a, &who, sub, notes, 2, &e) < 0)
			fprintf(stderr, "demo return: %s\n", errs_summary(&e, c->a));
	}
	return sub != 0;
}

static void random_password(char out[13])
{
	/* no 0/O, 1/l/I: read aloud over the phone without mistakes */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
	for (int i = 0; i < 12; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[12] = 0;
}

/* The province demo's other two cities, each with a few counties (their
 * organisers and unit admins get accounts; no activities of their own). */
static const struct {
	const char *city, *city_code;
	const char *units[4][3]; /* name, kind, code */
} other_cities[] = {
	{"九江市", "jiujiang", {{"浔阳区", "区", "xunyang"}, {"濂溪区", "区", "lianxi"}, {"修水县", "县", "xiushui"}, {"武宁县", "县", "wuning"}}},
	{"赣州市", "ganzhou", {{"章贡区", "区", "zhanggong"}, {"南康区", "区", "nankang"}, {"瑞金市", "县", "ruijin"}, {"赣州经济技术开发区", "开发区", "ganzhou-jingkai"}}},
};

/* The account's id, 0 on failure. */
static long long demo_account(demo_ctx *c, FILE *out, FILE *acc, const char *username, const char *role, long long unit_id,
			      const char *unit_name, const char *label)
{
	char pw[13];
	account x = {0};
	errs e = {0};
	x.username = arena_strdup(c->a, username);
	x.display_name = arena_printf(c->a, "%s%s", unit_name, label);
	x.role = arena_strdup(c->a, role);
	x.unit_id = unit_id;
	random_password(pw);
	long long id = account_create(c->d, c->a, &c->staff, &x, pw, &e);
	if (!id) {
		fprintf(stderr, "demo: %s\n", errs_summary(&e, c->a));
		return 0;
	}
	fprintf(out, "%-19s %-12s %s / %s\n", username, pw, unit_name, label);
	if (acc)
		fprintf(acc, "%s\t%s\t%s\t%s\n", username, pw, role, unit_name);
	return id;
}

/* 江西省 at the top, 南昌市 under it with the 13 units of the city demo,
 * 九江市 and 赣州市 with four counties each; their organisers' accounts.
 * Returns 南昌市's id (where the city demo's units go), 0 on failure. */
static long long demo_province_tree(demo_ctx *c, FILE *out, FILE *acc)
{
	const char *why;
	if (unit_top_set(c->d, c->a, "江西省", "省", &why) < 0) {
		fprintf(stderr, "demo: %s\n", why);
		return 0;
	}
	long long top = unit_root(c->d), nanchang = 0;
	errs e = {0};
	for (int k = 0; k < 3; k++) {
		unit city = {0};
		city.parent_id = top;
		city.name = arena_strdup(c->a, k == 0 ? "南昌市" : other_cities[k - 1].city);
		city.kind = arena_strdup(c->a, "市");
		city.code = arena_strdup(c->a, k == 0 ? "nanchang" : other_cities[k - 1].city_code);
		city.sort_order = (k + 1) * 10;
		if (!unit_save(c->d, c->a, &c->staff, &city, &e)) {
			fprintf(stderr, "demo: %s\n", errs_summary(&e, c->a));
			return 0;
		}
		if (k == 0) {
			nanchang = city.id;
			continue;
		}
		for (int j = 0; j < 4; j++) {
			unit u = {0};
			u.parent_id = city.id;
			u.name = arena_strdup(c->a, other_cities[k - 1].units[j][0]);
			u.kind = arena_strdup(c->a, other_cities[k - 1].units[j][1]);
			u.code = arena_strdup(c->a, other_cities[k - 1].units[j][2]);
			u.sort_order = (j + 1) * 10;
			if (!unit_save(c->d, c->a, &c->staff, &u, &e) ||
			    !demo_account(c, out, acc, arena_printf(c->a, "%s_admin", u.code), "unit_admin", u.id, u.name, "单位管理员"))
				return 0;
		}
		/* the city's organiser, once the city has units below it */
		if (!demo_account(c, out, acc, arena_printf(c->a, "%s_admin", city.code), "centre_admin", city.id, city.name, "中心管理员"))
			return 0;
	}
	return nanchang;
}

static int seed(db *d, arena *a, FILE *out, const char *data_dir, long long start_days, const char *public_url, bool province);

/* 南昌市's own week of the year, adopted from the province's, and its
 * organiser's account: *week_id the week its units report in, *centre the
 * organiser who reviews them. */
static bool demo_city_week(demo_ctx *c, FILE *out, FILE *acc, long long city, long long year, long long *week_id, actor *centre)
{
	errs e = {0};
	actor who = c->staff;
	who.now = c->now - 15 * DAY;
	long long id = week_adopt(c->d, c->a, &who, city, year, &e);
	if (!id) {
		fprintf(stderr, "demo: %s\n", errs_summary(&e, c->a));
		return false;
	}
	*week_id = id;
	long long acc_id = demo_account(c, out, acc, "nanchang_admin", "centre_admin", city, "南昌市", "中心管理员");
	if (!acc_id)
		return false;
	*centre = (actor){acc_id, "nanchang_admin", "", c->now};
	return true;
}

int demo_seed(db *d, arena *a, FILE *out, const char *data_dir, long long start_days, const char *public_url)
{
	return seed(d, a, out, data_dir, start_days, public_url, false);
}

int demo_seed_province(db *d, arena *a, FILE *out, const char *data_dir, long long start_days, const char *public_url)
{
	return seed(d, a, out, data_dir, start_days, public_url, true);
}

static int seed(db *d, arena *a, FILE *out, const char *data_dir, long long start_days, const char *public_url, bool province)
{
	const char *accounts_file = arena_printf(a, "%s/demo-accounts.txt", data_dir);
	long long real_now = now_utc();
	/* the live week's "now": two days after its start, at the time of day it
	 * is, to the minute (one demo made twice, as tests/cli/engines.sh does,
	 * holds the same times) */
	long long now = (start_days + 2) * DAY + (real_now + SHANGHAI_OFFSET) % DAY / 60 * 60 - SHANGHAI_OFFSET;
	long long year;
	unsigned month, day;
	civil_from_days(start_days, &year, &month, &day);
	demo_ctx c = {.d = d, .a = a, .dir = data_dir, .staff = {0, "demo", "", local_at(days_from_civil(2022, 11, 1), 9)},
		      .now = now, .public_url = public_url};
	long long root = unit_root(d);
	errs e = {0};
	if (!demo_load(a)) {
		fprintf(stderr, "demo: src/domain/demo_2022.txt is missing or malformed\n");
		return -1;
	}
	const embedded_file *notice = embedded_find("src/domain/notice_2022.txt");
	week wk = {0};
	wk.unit_id = root;
	wk.title = arena_strdup(a, "2022年南昌市全民终身学习活动周");
	wk.theme = arena_strdup(a, demo_theme_2022);
	wk.starts_on = arena_strdup(a, "2022-12-01");
	wk.ends_on = arena_strdup(a, "2022-12-07");
	wk.notice = arena_strdup(a, notice ? (const char *)notice->data : "");
	/* "12月10日前": the last moment of 9 December, Beijing time */
	if (!week_save(d, a, &c.staff, &wk, "2022", "2022-12-09T23:59:59", &e)) {
		fprintf(stderr, "demo: %s\n", errs_summary(&e, a));
		return -1;
	}
	week live = {0};
	live.unit_id = root;
	live.title = arena_printf(a, "%lld年%s全民终身学习活动周", year, province ? "江西省" : "南昌市");
	live.theme = arena_strdup(a, "终身学习 人人出彩");
	live.starts_on = date_iso_from_utc(a, local_at(start_days, 12));
	live.ends_on = date_iso_from_utc(a, local_at(start_days + 6, 12));
	live.notice = arena_strdup(a, "本活动周为演示数据：开始日期在前天，今天和明天各单位都有活动，可报名、签到和评价。");
	c.staff.now = now - 20 * DAY;
	const char *deadline = arena_printf(a, "%sT23:59:59", date_iso_from_utc(a, local_at(start_days + 9, 12)));
	if (!week_save(d, a, &c.staff, &live, arena_printf(a, "%lld", year), deadline, &e)) {
		fprintf(stderr, "demo: %s\n", errs_summary(&e, a));
		return -1;
	}
	/* created 0600 from the start: a chmod after fopen left the passwords
	 * readable by everyone for a moment */
	int fd = open(accounts_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FILE *acc = fd >= 0 ? fdopen(fd, "w") : NULL;
	fprintf(out, "演示账号（密码已保存到 %s）：\n", accounts_file);
	fprintf(out, "%-22s %-14s %s\n", "用户名", "密码", "单位 / 角色");
	char pw[13];
	account ca = {0};
	ca.username = arena_strdup(a, "centre_admin");
	ca.display_name = arena_strdup(a, "中心管理员");
	ca.role = "centre_admin";
	ca.unit_id = root;
	random_password(pw);
	if (!account_create(d, a, &c.staff, &ca, pw, &e)) {
		fprintf(stderr, "demo: %s\n", errs_summary(&e, a));
		return -1;
	}
	c.centre = (actor){ca.id, ca.username, "", now};
	fprintf(out, "%-19s %-12s %s\n", ca.username, pw, province ? "江西省 / 中心管理员" : "市社区教育指导中心 / 中心管理员");
	if (acc)
		fprintf(acc, "%s\t%s\tcentre_admin\t\n", ca.username, pw);
	int nunits = (int)(sizeof nanchang_units / sizeof *nanchang_units);
	int rc = 0;
	/* the province: Nanchang's units go under 南昌市, one level down */
	long long city = root;
	if (province && !(city = demo_province_tree(&c, out, acc))) {
		if (acc)
			fclose(acc);
		return -1;
	}
	long long live_units = live.id; /* the week the 13 units report in */
	actor city_centre = c.centre;   /* who reviews them */
	for (int i = 0; i < nunits && !rc; i++) {
		unit u = {0};
		u.parent_id = city;
		u.name = arena_strdup(a, nanchang_units[i].name);
		u.kind = arena_strdup(a, nanchang_units[i].kind);
		u.code = arena_strdup(a, nanchang_units[i].code);
		u.sort_order = (long long)(i + 1) * 10;
		c.staff.now = local_at(days_from_civil(2022, 11, 1), 9);
		if (!unit_save(d, a, &c.staff, &u, &e)) {
			fprintf(stderr, "demo: %s\n", errs_summary(&e, a));
			rc = -1;
			break;
		}
		account ua = {0};
		ua.username = arena_printf(a, "%s_admin", u.code);
		ua.display_name = arena_printf(a, "%s管理员", u.name);
		ua.role = "unit_admin";
		ua.unit_id = u.id;
		random_password(pw);
		if (!account_create(d, a, &c.staff, &ua, pw, &e)) {
			fprintf(stderr, "demo: %s\n", errs_summary(&e, a));
			rc = -1;
			break;
		}
		fprintf(out, "%-19s %-12s %s / 单位管理员\n", ua.username, pw, u.name);
		if (acc)
			fprintf(acc, "%s\t%s\tunit_admin\t%s\n", ua.username, pw, u.name);
		/* the province: once 南昌市 has a unit below it, it publishes its own
		 * week copied from the province's (its units report there, its
		 * organiser reviews them and reports the compiled form upward) */
		if (province && i == 0 && !demo_city_week(&c, out, acc, city, year, &live_units, &city_centre)) {
			rc = -1;
			break;
		}
		actor province_centre = c.centre;
		if (!demo_2022_unit(&c, wk.id, u.id, u.name, i))
			rc = -1;
		c.centre = city_centre;
		if (!rc && !demo_live_unit(&c, live_units, start_days, now, u.id, u.name, i, nunits))
			rc = -1;
		c.centre = province_centre;
	}
	if (acc)
		fclose(acc);
	if (!rc)
		fprintf(out, "\n演示活动周：%s（%s 至 %s，今天是第 3 天），以及已全部报送并通过的 2022 年活动周。\n", live.title,
			live.starts_on, live.ends_on);
	if (!rc && province)
		fprintf(out, "南昌市按江西省的活动周发布了本级活动周，13 个县区在其中填报；南昌市中心（nanchang_admin）审核后汇总，定稿、盖章后向江西省报送。\n");
	return rc;
}
