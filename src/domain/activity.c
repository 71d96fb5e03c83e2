/* activity.c: recording activities, and the counts every later report uses.
 * All SQL about activities lives here, so the summary form, the calendar and
 * the exports cannot disagree on what an activity or a participant is. */
#include "activity.h"
#include "textindex.h"
#include "org.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const subjects[N_SUBJECTS] = {
	"思想道德", "家庭教育", "科学文化", "养生保健", "心理健康", "职业技能",
	"法律法规", "家庭理财", "闲暇生活", "代际沟通", "生命尊严",
};
const char *mode_label(const char *m)
{
	if (!m)
		return "";
	if (!strcmp(m, "offline")) return "线下";
	if (!strcmp(m, "online")) return "线上";
	if (!strcmp(m, "both")) return "线上线下";
	return m;
}

const char *status_label(const char *s)
{
	if (!s)
		return "";
	if (!strcmp(s, "draft")) return "草稿";
	if (!strcmp(s, "published")) return "已发布";
	if (!strcmp(s, "cancelled")) return "已取消";
	return s;
}

static const struct {
	const char *field, *label;
} labels[] = {
	{"title", "活动名称"}, {"host", "主办单位"}, {"co_hosts", "协办单位"}, {"content", "活动内容"},
	{"subjects", "学习主题"}, {"forms", "活动形式"}, {"audiences", "参与对象"}, {"mode", "线上/线下"},
	{"starts_at", "开始时间"}, {"ends_at", "结束时间"}, {"venue", "活动地点"}, {"street", "所在街道/乡镇"},
	{"online_url", "线上链接"}, {"capacity", "人数上限"}, {"description", "活动简介"},
	{"featured", "有特色的活动"}, {"reported", "主办方报告的参与人数"}, {"off_week", "周外活动"},
};

const char *activity_field_label(const char *field)
{
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (!strcmp(labels[i].field, field))
			return labels[i].label;
	return field;
}

static char *text_field(arena *a, const char *v, const char *field, long long max, bool required, errs *e)
{
	char *s = str_trim(arena_strdup(a, v ? v : ""));
	if (required && !*s)
		err_add(e, field, arena_printf(a, "「%s」必须填写。", activity_field_label(field)));
	else if ((long long)utf8_chars(s) > max)
		err_add(e, field, arena_printf(a, "「%s」最多 %lld 个字。", activity_field_label(field), max));
	else if (text_refusal(s, !strcmp(field, "description")))
		err_add(e, field, arena_printf(a, "「%s」%s，请删除后重新填写。", activity_field_label(field),
					       text_refusal(s, !strcmp(field, "description"))));
	return s;
}

static long long count_field(arena *a, const char *v, const char *field, long long max, errs *e)
{
	char *s = str_trim(arena_strdup(a, v ? v : ""));
	long long n;
	if (!*s)
		return -1;
	if (!parse_int64(s, 0, max, &n)) {
		err_add(e, field, arena_printf(a, "「%s」应为 0 到 %lld 之间的整数，收到的是「%s」。",
					       activity_field_label(field), max, s));
		return -1;
	}
	return n;
}

/* The code of a value: a code, a short name or a full wording of the list. */
static const char *tag_match(const char *v, const choices *c)
{
	for (int k = 0; k < c->n; k++)
		if (!strcmp(v, c->code[k]) || !strcmp(v, c->label[k]) || !strcmp(v, c->wording[k]))
			return c->code[k];
	return NULL;
}

/* The same for a fixed list of names (学习主题). */
static choices names_list(const char *const *names, int n)
{
	return (choices){n, (const char **)names, (const char **)names, (const char **)names};
}

/* Maps each value to its canonical form; a value that is none but a cell of
 * several ("老年人群、企业职工") is taken name by name; unknown values are
 * errors; each is kept once. */
static tags canon_tags(arena *a, const tags *in, const char *field, const choices *allowed, errs *e)
{
	name_set vals = {0};
	for (int i = 0; i < in->n; i++) {
		char *v = str_trim(arena_strdup(a, in->v[i]));
		if (tag_match(v, allowed)) {
			name_set_put(&vals, a, v); /* whole: a wording's own ， stays */
		} else {
			name_set_add(&vals, a, v);
		}
	}
	tags out = {arena_alloc(a, sizeof(char *) * (size_t)(vals.n + 1)), 0};
	for (int i = 0; i < vals.n; i++) {
		const char *hit = tag_match(vals.v[i], allowed);
		if (!hit) {
			err_add(e, field, arena_printf(a, "「%s」中的「%s」不在可选范围内。", activity_field_label(field), vals.v[i]));
			continue;
		}
		bool dup = false;
		for (int k = 0; k < out.n; k++)
			if (!strcmp(out.v[k], hit))
				dup = true;
		if (!dup)
			out.v[out.n++] = hit;
	}
	return out;
}

bool url_ok(const char *u)
{
	/* a link people can follow: http or https, a host, no spaces or quotes */
	const char *rest = !strncasecmp(u, "http://", 7) ? u + 7 : !strncasecmp(u, "https://", 8) ? u + 8 : NULL;
	if (!rest || !*rest || *rest == '/' || *rest == '.' || *rest == ':')
		return false;
	for (const unsigned char *p = (const unsigned char *)u; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
			return false;
	return true;
}

int activity_parse(db *d, arena *a, const activity_input *in, long long week_id, activity *out,
		   errs *e, const char **warning)
{
	*warning = NULL;
	out->title = text_field(a, in->title, "title", 100, true, e);
	out->host = text_field(a, in->host, "host", 100, true, e);
	out->co_hosts = text_field(a, in->co_hosts, "co_hosts", 300, false, e);
	out->venue = text_field(a, in->venue, "venue", 150, false, e);
	out->street = text_field(a, in->street, "street", 50, false, e);
	out->online_url = text_field(a, in->online_url, "online_url", 500, false, e);
	out->description = text_field(a, in->description, "description", 5000, false, e);
	/* one host per name, each once; a co-host that hosts is not one again */
	name_set hosts = {0}, co = {0}, co_only = {0};
	name_set_add(&hosts, a, out->host);
	out->host = name_set_join(&hosts, a);
	if (!*out->host && !err_for(e, "host"))
		err_add(e, "host", "「主办单位」必须填写。");
	name_set_add(&co, a, out->co_hosts);
	for (int i = 0; i < co.n; i++)
		if (!name_set_has(&hosts, co.v[i]))
			name_set_put(&co_only, a, co.v[i]);
	out->co_hosts = name_set_join(&co_only, a);

	const char *m = in->mode ? in->mode : "";
	if (!strcmp(m, "offline") || !strcmp(m, "线下"))
		out->mode = "offline";
	else if (!strcmp(m, "online") || !strcmp(m, "线上"))
		out->mode = "online";
	else if (!strcmp(m, "both") || !strcmp(m, "线上线下") || !strcmp(m, "线上线下相结合"))
		out->mode = "both";
	else {
		out->mode = "offline";
		err_add(e, "mode", "请选择活动方式：线上、线下或线上线下。");
	}
	bool offline = strcmp(out->mode, "online") != 0, online = strcmp(out->mode, "offline") != 0;
	if (offline && !*out->venue && !err_for(e, "venue"))
		err_add(e, "venue", "线下活动请填写「活动地点」。");
	if (online && !*out->online_url && !err_for(e, "online_url"))
		err_add(e, "online_url", "线上活动请填写「线上链接」。");
	if (*out->online_url && !err_for(e, "online_url") && !url_ok(out->online_url))
		err_add(e, "online_url", "「线上链接」应以 http:// 或 https:// 开头，且不能含空格。");

	bool s_ok = in->starts_at && local_datetime_parse(str_trim(arena_strdup(a, in->starts_at)), &out->starts_at);
	bool e_ok = in->ends_at && local_datetime_parse(str_trim(arena_strdup(a, in->ends_at)), &out->ends_at);
	if (!s_ok)
		err_add(e, "starts_at", "请填写「开始时间」，例如 2022-12-01 09:00。");
	if (!e_ok)
		err_add(e, "ends_at", "请填写「结束时间」，例如 2022-12-01 11:00。");
	if (s_ok && e_ok && out->ends_at <= out->starts_at)
		err_add(e, "ends_at", "「结束时间」必须晚于「开始时间」。");

	out->capacity = count_field(a, in->capacity, "capacity", 100000, e);
	out->reported = count_field(a, in->reported, "reported", 10000000, e);
	const char *f = in->featured ? in->featured : "";
	out->featured = !strcmp(f, "1") || !strcmp(f, "on") || !strcmp(f, "是") || !strcmp(f, "true");
	const char *ow = in->off_week ? in->off_week : "";
	out->off_week = !strcmp(ow, "1") || !strcmp(ow, "on") || !strcmp(ow, "是") || !strcmp(ow, "true");

	week_lists read;
	const week_lists *l = in->lists;
	if (!l) {
		read = week_lists_load(d, a, week_id);
		l = &read;
	}
	choices subj = names_list(subjects, N_SUBJECTS);
	out->content = canon_tags(a, &in->content, "content", &l->content, e);
	if (!out->content.n && !err_for(e, "content"))
		err_add(e, "content", "请至少选择一项「活动内容」。");
	out->subjects = canon_tags(a, &in->subjects, "subjects", &subj, e);
	out->audiences = canon_tags(a, &in->audiences, "audiences", &l->audience, e);
	out->forms = canon_tags(a, &in->forms, "forms", &l->form, e);

	out->week_id = week_id;
	week wk;
	if (in->week)
		wk = *in->week;
	if (!in->week && !week_load(d, a, week_id, &wk)) {
		err_add(e, NULL, "找不到所属的活动周。");
	} else if (s_ok && e_ok) {
		long long ws, we;
		date_parse(wk.starts_on, &ws);
		date_parse(week_last_day(&wk), &we);
		long long from = ws * 86400 - SHANGHAI_OFFSET, to = (we + 1) * 86400 - SHANGHAI_OFFSET;
		bool outside = out->starts_at < from || out->ends_at > to;
		if (outside && !out->off_week)
			err_add(e, "starts_at", arena_printf(a, "活动时间不在本届活动周（%s）之内，不能计入本届。请改正时间；"
							      "确属周外举办的，请勾选「周外活动」：照常保存并显示在日历上，但不计入总结表和统计。",
							 week_dates_cn(a, &wk)));
		else if (outside)
			*warning = "已标为周外活动：显示在日历上，不计入总结表和统计。";
		else
			out->off_week = false; /* within the week: it counts, whatever the box said */
	}
	return e->n ? -1 : 0;
}

#define ACT_COLS "a.id, a.week_id, a.unit_id, a.title, a.host, a.co_hosts, a.mode, a.starts_at, a.ends_at," \
		 " a.venue, a.street, a.online_url, COALESCE(a.capacity, -1), a.description, a.featured," \
		 " COALESCE(a.reported_participants, -1), a.staff_count, a.status, a.checkin_code, a.revision, a.updated_at, u.name," \
		 " a.off_week, a.count_source, a.count_reason"

static void act_from(stmt *st, arena *a, activity *x)
{
	memset(x, 0, sizeof *x);
	x->id = col_int(st, 0);
	x->week_id = col_int(st, 1);
	x->unit_id = col_int(st, 2);
	x->title = col_dup(st, a, 3);
	x->host = col_dup(st, a, 4);
	x->co_hosts = col_dup(st, a, 5);
	x->mode = col_dup(st, a, 6);
	x->starts_at = col_int(st, 7);
	x->ends_at = col_int(st, 8);
	x->venue = col_dup(st, a, 9);
	x->street = col_dup(st, a, 10);
	x->online_url = col_dup(st, a, 11);
	x->capacity = col_int(st, 12);
	x->description = col_dup(st, a, 13);
	x->featured = col_int(st, 14) != 0;
	x->reported = col_int(st, 15);
	x->staff_count = col_int(st, 16);
	x->status = col_dup(st, a, 17);
	x->checkin_code = col_dup(st, a, 18);
	x->revision = col_int(st, 19);
	x->updated_at = col_int(st, 20);
	x->unit_name = col_dup(st, a, 21);
	x->off_week = col_int(st, 22) != 0;
	x->count_source = col_dup(st, a, 23);
	x->count_reason = col_dup(st, a, 24);
}

/* For queries elsewhere in the domain layer (calendar.c) that read whole rows. */
const char *const activity_columns = ACT_COLS;

void activity_from_row(stmt *st, arena *a, activity *x)
{
	act_from(st, a, x);
}

void activity_load_tags(db *d, arena *a, activity *x)
{
	tags *all[] = {&x->content, &x->subjects, &x->forms, &x->audiences};
	const char *kinds[] = {"content", "subject", "form", "audience"};
	for (int k = 0; k < 4; k++) {
		int n = (int)db_int(d, 0, "SELECT count(*) FROM activity_tags WHERE activity_id = ?1 AND kind = ?2", "It", x->id, kinds[k]);
		all[k]->v = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
		all[k]->n = 0;
		stmt st;
		if (db_prep(d, &st, "SELECT value FROM activity_tags WHERE activity_id = ?1 AND kind = ?2 ORDER BY value", "It",
			    x->id, kinds[k]) < 0)
			continue;
		while (all[k]->n < n && stmt_step(&st) == 1)
			all[k]->v[all[k]->n++] = col_dup(&st, a, 0);
		stmt_done(&st);
	}
}

bool activity_load(db *d, arena *a, long long id, activity *x)
{
	stmt st;
	if (db_prep(d, &st, "SELECT " ACT_COLS " FROM activities a JOIN units u ON u.id = a.unit_id WHERE a.id = ?1", "I", id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok)
		act_from(&st, a, x);
	stmt_done(&st);
	if (ok)
		activity_load_tags(d, a, x);
	return ok;
}

/* The audit snapshot: the row plus its tags, so the history shows them too. */
static char *snapshot(db *d, arena *a, long long id)
{
	return row_json(d, a,
		"SELECT a.title, a.host, a.co_hosts, a.mode, a.starts_at, a.ends_at, a.venue, a.street, a.online_url,"
		" a.capacity, a.description, a.featured, a.reported_participants, a.staff_count, a.status, a.off_week, a.count_source, a.count_reason,"
		" (SELECT group_concat(tag, ' ') FROM (SELECT kind || ':' || value AS tag FROM activity_tags t WHERE t.activity_id = a.id"
		" ORDER BY kind, value) AS o) AS tags"
		" FROM activities a WHERE a.id = ?1", id);
}

static int write_tags(db *d, activity *x)
{
	if (db_exec(d, "DELETE FROM activity_tags WHERE activity_id = ?1", "I", x->id) < 0)
		return -1;
	tags *all[] = {&x->content, &x->subjects, &x->forms, &x->audiences};
	const char *kinds[] = {"content", "subject", "form", "audience"};
	for (int k = 0; k < 4; k++)
		for (int i = 0; i < all[k]->n; i++)
			if (db_exec(d, "INSERT INTO activity_tags(activity_id, kind, value) VALUES (?1, ?2, ?3)", "Itt",
				    x->id, kinds[k], all[k]->v[i]) < 0)
				return -1;
	return 0;
}

static char *new_code(arena *a)
{
	unsigned char rnd[16];
	char *hex = arena_alloc(a, 33);
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(hex, 33, rnd, sizeof rnd);
	return hex;
}

/* The fields an update sets (?1-?13, ?16); capacity/reported -1 become NULL. */
#define ACT_FIELDS_SQL "title = ?1, host = ?2, co_hosts = ?3, mode = ?4, starts_at = ?5, ends_at = ?6, venue = ?7," \
		       " street = ?8, online_url = ?9, capacity = NULLIF(?10, -1), description = ?11, featured = ?12," \
		       " reported_participants = NULLIF(?13, -1), off_week = ?16"

/* The columns of a new activity's INSERT: ?1-?20 as activity_save_tx binds
 * them (created_at and updated_at both ?19), import_key ?21. */
#define ACT_INSERT_COLS "title, host, co_hosts, mode, starts_at, ends_at, venue, street, online_url, capacity, description," \
			" featured, reported_participants, week_id, unit_id, status, checkin_code, created_by, created_at," \
			" updated_at, off_week, import_key"
#define ACT_INSERT_VALUES 21  /* the values of one row (created_at and updated_at share one) */

/* A new activity's row of an INSERT INTO activities(ACT_INSERT_COLS):
 * its placeholders, numbered from k + 1, appended to sql (after sep) and its
 * ACT_INSERT_VALUES values written to v[k..]; a draft unless x says, with a
 * new check-in code. The one binding of activity_save_tx and batch_insert. */
static void insert_row(arena *a, const actor *who, activity *x, const char *import_key, const char *sep, buf *sql, dbval *v,
		       int k)
{
	if (!x->status)
		x->status = "draft";
	x->checkin_code = new_code(a);
	int p = k + 1;
	buf_printf(sql, "%s(?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, NULLIF(?%d, -1), ?%d, ?%d, NULLIF(?%d, -1), ?%d, ?%d,"
			" ?%d, ?%d, NULLIF(?%d, 0), ?%d, ?%d, ?%d, ?%d)",
		   sep, p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8, p + 9, p + 10, p + 11, p + 12, p + 13, p + 14,
		   p + 15, p + 16, p + 17, p + 18, p + 18, p + 19, p + 20);
	const char *t[] = {x->title, x->host, x->co_hosts, x->mode};
	for (int j = 0; j < 4; j++)
		v[k++] = (dbval){'t', 0, t[j]};
	v[k++] = (dbval){'I', x->starts_at, NULL};
	v[k++] = (dbval){'I', x->ends_at, NULL};
	v[k++] = (dbval){'t', 0, x->venue};
	v[k++] = (dbval){'t', 0, x->street};
	v[k++] = (dbval){'t', 0, x->online_url};
	v[k++] = (dbval){'I', x->capacity, NULL};
	v[k++] = (dbval){'t', 0, x->description};
	v[k++] = (dbval){'I', x->featured ? 1 : 0, NULL};
	v[k++] = (dbval){'I', x->reported, NULL};
	v[k++] = (dbval){'I', x->week_id, NULL};
	v[k++] = (dbval){'I', x->unit_id, NULL};
	v[k++] = (dbval){'t', 0, x->status};
	v[k++] = (dbval){'t', 0, x->checkin_code};
	v[k++] = (dbval){'I', who->account_id, NULL};
	v[k++] = (dbval){'I', who->now, NULL};
	v[k++] = (dbval){'I', x->off_week ? 1 : 0, NULL};
	v[k++] = (dbval){'t', 0, import_key};
}

/* One write assembled at run time (a batch's INSERT); 0 ok. */
static int exec_vals(db *d, const char *sql, const dbval *v, int n)
{
	stmt st;
	if (db_prep_vals(d, &st, sql, v, n) < 0)
		return -1;
	int rc = stmt_step(&st) == 0 ? 0 : -1;
	stmt_done(&st);
	return rc;
}

/* The body of activity_save, inside the caller's transaction; 0 ok, -1 failed. */
int activity_save_tx(db *d, arena *a, const actor *who, activity *x)
{
	char *old = x->id ? snapshot(d, a, x->id) : NULL;
	int rc;
	if (x->id) {
		errs stale = {0};
		if (revision_claim(d, "activities", x->id, x->revision, &stale) < 0)
			return errs_stale(&stale) ? ACT_STALE : -1;
		rc = db_exec(d, "UPDATE activities SET " ACT_FIELDS_SQL ", updated_at = ?14 WHERE id = ?15",
			     "ttttIItttItiIIIi", x->title, x->host, x->co_hosts, x->mode, x->starts_at, x->ends_at, x->venue,
			     x->street, x->online_url, x->capacity, x->description, x->featured ? 1 : 0, x->reported,
			     who->now, x->id, x->off_week ? 1 : 0);
		if (rc == 0 && db_changes(d) != 1)
			rc = -1;
	} else {
		buf sql = BUF_INIT;
		dbval v[ACT_INSERT_VALUES];
		buf_puts(&sql, "INSERT INTO activities(" ACT_INSERT_COLS ") VALUES ");
		insert_row(a, who, x, NULL, "", &sql, v, 0);
		rc = exec_vals(d, buf_cstr(&sql), v, ACT_INSERT_VALUES);
		buf_free(&sql);
		if (rc == 0)
			x->id = db_last_id(d);
	}
	if (rc == 0)
		rc = write_tags(d, x);
	long long indexed = 0;
	if (rc == 0)
		rc = text_index_drain_tx(d, &indexed);
	if (rc == 0)
		rc = audit(d, who, x->unit_id, old ? "update" : "create", "activity", x->id, x->title, old, snapshot(d, a, x->id));
	if (rc < 0 && !old)
		x->id = 0;
	return rc < 0 ? -1 : 0;
}

/* ---- many new imported activities, a few statements for each batch ---- */

#define BATCH_ROWS 500   /* 21 parameters a row: within SQLite's 32,766 */
#define BATCH_TAGS 1000  /* 3 a tag */

struct activity_batch {
	arena a;            /* the copies of the rows waiting, freed by each flush */
	activity x[BATCH_ROWS];
	const char *keys[BATCH_ROWS];
	int n;
};

activity_batch *activity_batch_new(arena *a)
{
	return arena_alloc(a, sizeof(activity_batch));
}

void activity_batch_free(activity_batch *b)
{
	arena_free(&b->a);
	b->n = 0;
}

static char *copy(arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static void copy_tags(arena *a, tags *t)
{
	const char **v = arena_alloc(a, sizeof *v * (size_t)(t->n + 1));
	for (int i = 0; i < t->n; i++)
		v[i] = copy(a, t->v[i]);
	t->v = v;
}

int activity_batch_add(db *d, const actor *who, activity_batch *b, const activity *x, const char *import_key)
{
	arena *a = &b->a;
	activity *c = &b->x[b->n];
	*c = *x;
	char **text[] = {&c->title, &c->host, &c->co_hosts, &c->mode, &c->venue, &c->street, &c->online_url, &c->description,
			 &c->status};
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		*text[i] = copy(a, *text[i]);
	tags *all[] = {&c->content, &c->subjects, &c->forms, &c->audiences};
	for (int k = 0; k < 4; k++)
		copy_tags(a, all[k]);
	b->keys[b->n++] = copy(a, import_key);
	return b->n == BATCH_ROWS ? activity_batch_flush(d, who, b) : 0;
}

/* The rows of the batch in one INSERT; sets each one's id. */
static int batch_insert(db *d, const actor *who, activity_batch *b)
{
	arena *a = &b->a;
	buf sql = BUF_INIT;
	dbval *v = arena_alloc(a, sizeof *v * (size_t)b->n * ACT_INSERT_VALUES);
	int k = 0;
	buf_puts(&sql, "INSERT INTO activities(" ACT_INSERT_COLS ") VALUES ");
	for (int i = 0; i < b->n; i++, k += ACT_INSERT_VALUES)
		insert_row(a, who, &b->x[i], b->keys[i], i ? ", " : "", &sql, v, k);
	buf_puts(&sql, " RETURNING id, checkin_code");
	stmt st;
	int rc = db_prep_vals(d, &st, buf_cstr(&sql), v, k), got = 0, step = 0;
	buf_free(&sql);
	/* each row's id, matched by its (random, unique) check-in code */
	while (rc == 0 && (step = stmt_step(&st)) == 1) {
		const char *code = col_text(&st, 1);
		for (int n = 0; n < b->n; n++) {
			int i = (got + n) % b->n;
			if (!b->x[i].id && !strcmp(b->x[i].checkin_code, code)) {
				b->x[i].id = col_int(&st, 0);
				got++;
				break;
			}
		}
	}
	if (rc == 0)
		stmt_done(&st);
	return rc == 0 && step == 0 && got == b->n ? 0 : -1;
}

/* The tags of the batch's rows, up to BATCH_TAGS to an INSERT. */
static int batch_tags(db *d, activity_batch *b)
{
	static const char *const kinds[] = {"content", "subject", "form", "audience"};
	dbval *v = arena_alloc(&b->a, sizeof *v * BATCH_TAGS * 3);
	buf sql = BUF_INIT;
	int rc = 0, k = 0;
	for (int i = 0; i < b->n && rc == 0; i++) {
		activity *x = &b->x[i];
		tags *all[] = {&x->content, &x->subjects, &x->forms, &x->audiences};
		int ntags = 0;
		for (int t = 0; t < 4; t++)
			ntags += all[t]->n;
		if (ntags > BATCH_TAGS)
			rc = -1; /* more than the lists hold */
		else if (k && k / 3 + ntags > BATCH_TAGS) {
			rc = exec_vals(d, buf_cstr(&sql), v, k);
			sql.len = 0;
			k = 0;
		}
		for (int t = 0; t < 4 && rc == 0; t++)
			for (int j = 0; j < all[t]->n; j++) {
				buf_printf(&sql, "%s(?%d, ?%d, ?%d)", k ? ", " : "INSERT INTO activity_tags(activity_id, kind, value) VALUES ",
					   k + 1, k + 2, k + 3);
				v[k++] = (dbval){'I', x->id, NULL};
				v[k++] = (dbval){'t', 0, kinds[t]};
				v[k++] = (dbval){'t', 0, all[t]->v[j]};
			}
	}
	if (rc == 0 && k)
		rc = exec_vals(d, buf_cstr(&sql), v, k);
	buf_free(&sql);
	return rc;
}

int activity_batch_flush(db *d, const actor *who, activity_batch *b)
{
	int rc = b->n ? batch_insert(d, who, b) : 0;
	if (rc == 0 && b->n)
		rc = batch_tags(d, b);
	for (int i = 0; i < b->n && rc == 0; i++)
		rc = audit(d, who, b->x[i].unit_id, "create", "activity", b->x[i].id, b->x[i].title, NULL,
			   snapshot(d, &b->a, b->x[i].id));
	activity_batch_free(b);
	return rc < 0 ? -1 : 0;
}

/* The error of a failed activity_save_tx (rc), for the one who saved. */
static void save_failed(int rc, errs *e)
{
	if (rc == ACT_STALE)
		err_add(e, STALE_FIELD, "您打开这页之后，别人已经修改并保存了这项活动。为免覆盖对方的修改，这次没有保存。");
	else
		err_add(e, NULL, "保存失败，请重试。");
}

long long activity_save(db *d, arena *a, const actor *who, activity *x, errs *e)
{
	return activity_save_with_status(d, a, who, x, NULL, e);
}

/* The body of activity_set_status, inside the caller's transaction. */
int activity_set_status_tx(db *d, arena *a, const actor *who, long long id, const char *status)
{
	char *old = snapshot(d, a, id);
	long long unit_id = db_int(d, 0, "SELECT unit_id FROM activities WHERE id = ?1", "I", id);
	int rc = db_exec(d, "UPDATE activities SET status = ?1, revision = revision + 1, updated_at = ?2 WHERE id = ?3",
			 "tII", status, who->now, id);
	if (rc == 0 && db_changes(d) != 1)
		rc = -1;
	if (rc == 0)
		rc = audit(d, who, unit_id, status, "activity", id, status_label(status), old, snapshot(d, a, id));
	return rc < 0 ? -1 : 0;
}

/* Why id may not move to status now, read inside the caller's transaction:
 * a sign-up (BEGIN IMMEDIATE too) either committed before, and is seen here,
 * or waits and then finds the activity withdrawn. NULL when it may. */
static const char *status_refused_tx(db *d, arena *a, long long id, const char *status)
{
	activity now = {.id = id, .status = db_text(d, a, "SELECT status FROM activities WHERE id = ?1", "I", id)};
	if (!now.status)
		return "找不到这项活动。";
	return strcmp(now.status, status) ? activity_status_change_refused(d, &now, status) : NULL;
}

int activity_change_status(db *d, arena *a, const actor *who, long long id, const char *status, const char **why)
{
	const char *no = NULL;
	if (why)
		*why = NULL;
	if (db_begin(d) < 0)
		return -1;
	if ((no = status_refused_tx(d, a, id, status))) {
		db_rollback(d);
		if (why)
			*why = no;
		return why ? 1 : -1;
	}
	return tx_end(d, activity_set_status_tx(d, a, who, id, status));
}

int activity_set_status(db *d, arena *a, const actor *who, long long id, const char *status)
{
	return activity_change_status(d, a, who, id, status, NULL);
}

long long activity_save_with_status(db *d, arena *a, const actor *who, activity *x, const char *status, errs *e)
{
	if (db_begin(d) < 0) {
		err_add(e, NULL, "数据库忙，请稍后重试。");
		return 0;
	}
	long long id = x->id;
	const char *why = status && id ? status_refused_tx(d, a, id, status) : NULL;
	if (why) {
		db_rollback(d);
		err_add(e, "status", why);
		return 0;
	}
	int rc = activity_save_tx(d, a, who, x);
	if (rc == 0 && status && id && strcmp(status, x->status))
		rc = activity_set_status_tx(d, a, who, x->id, status);
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		x->id = id;
		save_failed(rc, e);
		return 0;
	}
	return x->id;
}

const char *activity_status_change_refused(db *d, const activity *x, const char *status)
{
	if (!status || (strcmp(status, "published") && strcmp(status, "cancelled") && strcmp(status, "draft")))
		return "状态只能是发布、取消或撤回为草稿。";
	if (!strcmp(status, "draft") && strcmp(x->status, "published") && strcmp(x->status, "draft"))
		return "只有已发布、尚无人报名的活动可以撤回为草稿；已取消的活动保持“已取消”，不会消失。";
	if (!strcmp(status, "draft") && strcmp(x->status, "draft") &&
	    db_exists(d, "SELECT 1 FROM registrations WHERE activity_id = ?1", "I", x->id))
		return "已有居民报名，不能撤回为草稿。如活动不再举行，请选择“取消活动”。";
	return NULL;
}

long long activity_copy(db *d, arena *a, const actor *who, long long id)
{
	activity x;
	if (!activity_load(d, a, id, &x))
		return 0;
	x.id = 0;
	x.status = "draft";
	x.title = arena_printf(a, "%s（副本）", x.title);
	x.reported = -1;
	errs e = {0};
	return activity_save(d, a, who, &x, &e);
}

int activity_set_counts(db *d, arena *a, const actor *who, long long id, long long staff_count, long long reported)
{
	if (db_begin(d) < 0)
		return -1;
	char *old = snapshot(d, a, id);
	long long unit_id = db_int(d, 0, "SELECT unit_id FROM activities WHERE id = ?1", "I", id);
	int rc = db_exec(d, "UPDATE activities SET staff_count = ?1, reported_participants = NULLIF(?2, -1),"
			    " revision = revision + 1, updated_at = ?3 WHERE id = ?4", "IIII", staff_count, reported, who->now, id);
	if (rc == 0)
		rc = audit(d, who, unit_id, "update", "activity", id, "参与人数", old, snapshot(d, a, id));
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int activity_search(db *d, arena *a, const activity_query *q, activity **out, long long *total)
{
	/* The WHERE clause holds only the filters in use, so SQLite can pick an
	 * index for each combination; values are always bound, never pasted. */
	dbval v[16];
	int n = 0;
	buf w = BUF_INIT;
	buf_puts(&w, " WHERE a.week_id = ?1");
	v[n++] = (dbval){'I', q->week_id, NULL};
	if (q->unit_id) {
		v[n++] = (dbval){'I', q->unit_id, NULL};
		buf_printf(&w, " AND a.unit_id = ?%d", n);
	}
	if (q->status && *q->status) {
		if (!strcmp(q->status, "public")) {
			buf_puts(&w, " AND a.status IN ('published', 'cancelled')");
		} else {
			v[n++] = (dbval){'t', 0, q->status};
			buf_printf(&w, " AND a.status = ?%d", n);
		}
	}
	if (q->content && *q->content) {
		v[n++] = (dbval){'t', 0, q->content};
		buf_printf(&w, " AND a.id IN (SELECT activity_id FROM activity_tags WHERE kind = 'content' AND value = ?%d)", n);
	}
	if (q->audience && *q->audience) {
		v[n++] = (dbval){'t', 0, q->audience};
		buf_printf(&w, " AND a.id IN (SELECT activity_id FROM activity_tags WHERE kind = 'audience' AND value = ?%d)", n);
	}
	if (q->mode && *q->mode) {
		/* a mixed activity is both online and offline */
		v[n++] = (dbval){'t', 0, q->mode};
		buf_printf(&w, " AND (a.mode = ?%d OR (?%d <> 'both' AND a.mode = 'both'))", n, n);
	}
	long long from = q->now_from, to = q->now_to, days;
	if (q->date && date_parse(q->date, &days)) {
		from = days * 86400 - SHANGHAI_OFFSET;
		to = from + 86400;
	}
	if (from || to) {
		v[n++] = (dbval){'I', to, NULL};
		buf_printf(&w, " AND a.starts_at < ?%d", n);
		v[n++] = (dbval){'I', from, NULL};
		buf_printf(&w, " AND a.ends_at > ?%d", n);
	}
	if (q->q && *q->q) {
		v[n++] = (dbval){'t', 0, like_pattern(a, q->q)};
		buf_printf(&w, " AND (a.title LIKE ?%d ESCAPE '\\' OR a.host LIKE ?%d ESCAPE '\\' OR a.venue LIKE ?%d ESCAPE '\\'"
			       " OR a.street LIKE ?%d ESCAPE '\\')", n, n, n, n);
	}
	if (q->online_only)
		buf_puts(&w, " AND a.mode <> 'offline'");
	const char *order = " ORDER BY a.starts_at, a.id";
	if (q->sort && !strcmp(q->sort, "-start"))
		order = " ORDER BY a.starts_at DESC, a.id DESC";
	else if (q->sort && !strcmp(q->sort, "title"))
		order = " ORDER BY a.title, a.id";
	else if (q->sort && !strcmp(q->sort, "updated"))
		order = " ORDER BY a.updated_at DESC, a.id DESC";
	long long per = q->per_page > 0 ? q->per_page : 20, page = q->page > 0 ? q->page : 1;
	char *where = arena_strdup(a, buf_cstr(&w));
	buf_free(&w);
	*total = db_int_vals(d, 0, arena_printf(a, "SELECT count(*) FROM activities a%s", where), v, n);
	v[n++] = (dbval){'I', per, NULL};
	v[n++] = (dbval){'I', (page - 1) * per, NULL};
	char *sql = arena_printf(a, "SELECT " ACT_COLS " FROM activities a JOIN units u ON u.id = a.unit_id%s%s LIMIT ?%d OFFSET ?%d",
				 where, order, n - 1, n);
	activity *res = arena_alloc(a, sizeof *res * (size_t)(per + 1));
	int got = 0;
	stmt st;
	if (db_prep_vals(d, &st, sql, v, n) == 0) {
		while (got < per && stmt_step(&st) == 1)
			act_from(&st, a, &res[got++]);
		stmt_done(&st);
	}
	*out = res;
	return got;
}

bool participants_measured(long long checked_in, long long staff_count, const char *count_source)
{
	return !strcmp(count_source, "measured") || (!*count_source && checked_in + staff_count > 0);
}

participants activity_participants(db *d, long long id)
{
	participants p = {0};
	arena a = {0};
	long long ci = db_int(d, 0, "SELECT count(*) FROM checkins WHERE activity_id = ?1", "I", id);
	long long staff = db_int(d, 0, "SELECT staff_count FROM activities WHERE id = ?1", "I", id);
	long long rep = db_int(d, -1, "SELECT COALESCE(reported_participants, -1) FROM activities WHERE id = ?1", "I", id);
	char *src = db_text(d, &a, "SELECT count_source FROM activities WHERE id = ?1", "I", id);
	if (participants_measured(ci, staff, src ? src : "")) {
		p.checked_in = ci;
		p.counted = staff;
		p.activities_measured = 1;
	} else if (rep >= 0) {
		p.reported = rep;
		p.activities_reported = 1;
	}
	p.activities_unconfirmed = src && !*src && ci + staff > 0 && rep >= 0 && rep != ci + staff;
	p.activities_missing = ci + staff == 0 && rep < 0;
	p.total = p.checked_in + p.counted + p.reported;
	arena_free(&a);
	return p;
}

int activity_confirm_count(db *d, arena *a, const actor *who, long long id, const char *source, const char *reason, errs *e)
{
	char *why = str_trim(arena_strdup(a, reason ? reason : ""));
	if (!source || (strcmp(source, "measured") && strcmp(source, "reported")))
		err_add(e, "count_source", "请选择哪个人数正确：签到和清点，或主办方报告。");
	if (!*why)
		err_add(e, "count_reason", "请写明原因，例如“线上直播另有 174 人观看，主办方报告的人数包含他们”。");
	else if (utf8_chars(why) > 200)
		err_add(e, "count_reason", "原因最多 200 个字。");
	if (e->n || txn_begin(d, e) < 0)
		return -1;
	char *old = snapshot(d, a, id);
	long long unit_id = db_int(d, 0, "SELECT unit_id FROM activities WHERE id = ?1", "I", id);
	int rc = db_exec(d, "UPDATE activities SET count_source = ?1, count_reason = ?2, revision = revision + 1, updated_at = ?3"
			    " WHERE id = ?4", "ttII", source, why, who->now, id);
	if (rc == 0)
		rc = audit(d, who, unit_id, "update", "activity", id, "确认参与人数", old, snapshot(d, a, id));
	return txn_end(d, rc, e, "保存失败，请重试。");
}

/* The seven sums of the participants rule over the rows of from (columns
 * sg, staff, rep, src, ci), each row counted sg times, added into p. */
static void participants_add(db *d, const char *from, long long week_id, long long unit_id, participants *p)
{
#define M MEASURED_SQL("ci", "staff", "src")
	const char *sums = "SELECT coalesce(sum(sg * CASE WHEN " M " THEN ci ELSE 0 END), 0),"
		" coalesce(sum(sg * CASE WHEN " M " THEN staff ELSE 0 END), 0),"
		" coalesce(sum(sg * CASE WHEN NOT " M " THEN coalesce(rep, 0) ELSE 0 END), 0), coalesce(sum(sg * " M "), 0),"
		" coalesce(sum(sg * (NOT " M " AND rep IS NOT NULL)), 0),"
		" coalesce(sum(sg * (src = '' AND ci + staff > 0 AND rep IS NOT NULL AND rep <> ci + staff)), 0),"
		" coalesce(sum(sg * (ci + staff = 0 AND rep IS NULL)), 0) FROM ";
#undef M
	char sql[2048];
	snprintf(sql, sizeof sql, "%s%s", sums, from);
	stmt st;
	if ((unit_id ? db_prep(d, &st, sql, "II", week_id, unit_id) : db_prep(d, &st, sql, "I", week_id)) < 0)
		return;
	if (stmt_step(&st) == 1) {
		p->checked_in += col_int(&st, 0);
		p->counted += col_int(&st, 1);
		p->reported += col_int(&st, 2);
		p->activities_measured += col_int(&st, 3);
		p->activities_reported += col_int(&st, 4);
		p->activities_unconfirmed += col_int(&st, 5);
		p->activities_missing += col_int(&st, 6);
	}
	stmt_done(&st);
}

participants unit_participants(db *d, long long week_id, long long unit_id)
{
	participants p = {0};
	/* Summed in SQL. Only published activities count (the summary form's
	 * rule); an activity counts its check-ins and staff tally when it has
	 * either, else what its organiser reported. Statements of their own
	 * with and without the unit, not "(?2 = 0 OR unit_id = ?2)", so the
	 * unit's index is used. Each activity's check-ins are not looked up (an
	 * index seek each, most of the board's time at 100,000): the sums are
	 * taken as if none had check-ins, from the covering index
	 * activities_board, then corrected by those that have some
	 * (checkin_counts, migration 163): each once more with its count (sg 1)
	 * and once less without (sg -1). */
#define ALL(where) "(SELECT 1 AS sg, a.staff_count AS staff, a.reported_participants AS rep, a.count_source AS src, 0 AS ci" \
	" FROM activities a WHERE a.week_id = ?1 " where " AND " COUNTED("a.") ") x"
#define CHECKED(where) "(SELECT s.sg AS sg, a.staff_count AS staff, a.reported_participants AS rep, a.count_source AS src," \
	" CASE WHEN s.sg > 0 THEN k.n ELSE 0 END AS ci FROM checkin_counts k CROSS JOIN (SELECT 1 AS sg UNION ALL SELECT -1) s" \
	" CROSS JOIN activities a ON a.id = k.activity_id WHERE k.week_id = ?1 " where " AND k.n > 0 AND " COUNTED("a.") ") x"
	participants_add(d, unit_id ? ALL("AND a.unit_id = ?2") : ALL(""), week_id, unit_id, &p);
	participants_add(d, unit_id ? CHECKED("AND k.unit_id = ?2") : CHECKED(""), week_id, unit_id, &p);
#undef ALL
#undef CHECKED
	p.total = p.checked_in + p.counted + p.reported;
	return p;
}

static satisfaction sat_query(db *d, const char *sql, const char *types, long long x, long long y)
{
	satisfaction s = {0};
	stmt st;
	if ((types[1] ? db_prep(d, &st, sql, types, x, y) : db_prep(d, &st, sql, types, x)) < 0)
		return s;
	while (stmt_step(&st) == 1) {
		const char *score = col_text(&st, 0);
		long long n = col_int(&st, 1);
		if (!strcmp(score, "satisfied"))
			s.satisfied = n;
		else if (!strcmp(score, "basic"))
			s.basic = n;
		else
			s.unsatisfied = n;
		s.total += n;
	}
	stmt_done(&st);
	return s;
}

satisfaction activity_satisfaction(db *d, long long id)
{
	satisfaction s = sat_query(d, "SELECT score, count(*) FROM ratings WHERE activity_id = ?1 GROUP BY score", "I", id, 0);
	s.activities = s.total > 0;
	return s;
}

satisfaction unit_satisfaction(db *d, long long week_id, long long unit_id)
{
	satisfaction s;
	if (!unit_id) {
		s = sat_query(d, "SELECT r.score, count(*) FROM ratings r JOIN activities a ON a.id = r.activity_id"
				 " WHERE a.week_id = ?1 AND " COUNTED("a.") " GROUP BY r.score", "I", week_id, 0);
		s.activities = db_int(d, 0, "SELECT count(DISTINCT r.activity_id) FROM ratings r JOIN activities a ON a.id = r.activity_id"
					    " WHERE a.week_id = ?1 AND " COUNTED("a."), "I", week_id);
		return s;
	}
	s = sat_query(d, "SELECT r.score, count(*) FROM ratings r JOIN activities a ON a.id = r.activity_id"
			 " WHERE a.week_id = ?1 AND a.unit_id = ?2 AND " COUNTED("a.") " GROUP BY r.score",
		      "II", week_id, unit_id);
	s.activities = db_int(d, 0, "SELECT count(DISTINCT r.activity_id) FROM ratings r JOIN activities a ON a.id = r.activity_id"
				    " WHERE a.week_id = ?1 AND a.unit_id = ?2 AND " COUNTED("a."), "II", week_id, unit_id);
	return s;
}

static int percent(long long part, long long whole)
{
	return whole > 0 ? (int)((part * 100 + whole / 2) / whole) : -1;
}

int satisfaction_degree(const satisfaction *s)
{
	return percent(s->satisfied + s->basic, s->total);
}

int satisfaction_rate(const satisfaction *s)
{
	return percent(s->satisfied, s->total);
}

char *satisfaction_text(arena *a, const satisfaction *s)
{
	if (!s->total)
		return arena_strdup(a, "暂无居民评价");
	return arena_printf(a, "满意度 %d%%，满意率 %d%%（满意 %lld，基本满意 %lld，不满意 %lld；共 %lld 份有效评价，来自 %lld 场活动）",
			    satisfaction_degree(s), satisfaction_rate(s), s->satisfied, s->basic, s->unsatisfied, s->total,
			    s->activities);
}

int file_record(db *d, const char *sha256, long long size, const char *mime, long long now)
{
	return db_exec(d, "INSERT INTO files(sha256, size, mime, created_at) VALUES (?1, ?2, ?3, ?4)"
			  " ON CONFLICT(sha256) DO NOTHING", "tItI", sha256, size, mime, now);
}

void photo_from(stmt *st, arena *a, photo *p)
{
	p->id = col_int(st, 0);
	p->sha256 = col_dup(st, a, 1);
	p->name = col_dup(st, a, 2);
	p->mime = col_dup(st, a, 3);
}

int photos_read(stmt *st, bool prepared, arena *a, int n, photo **out)
{
	photo *v = arena_alloc(a, sizeof *v * (size_t)(n + 1));
	int i = 0;
	*out = v;
	if (!prepared)
		return 0;
	while (i < n && stmt_step(st) == 1)
		photo_from(st, a, &v[i++]);
	stmt_done(st);
	return i;
}

int photo_delete_end(db *d, const actor *who, long long unit_id, long long photo_id, const char *old, const char *delete_sql)
{
	int rc = old ? db_exec(d, delete_sql, "I", photo_id) : -1;
	if (rc == 0)
		rc = audit(d, who, unit_id, "delete", "photo", photo_id, NULL, old, NULL);
	return tx_end(d, rc);
}

int activity_photos(db *d, arena *a, long long activity_id, photo **out)
{
	int n = (int)db_int(d, 0, "SELECT count(*) FROM activity_photos WHERE activity_id = ?1", "I", activity_id);
	stmt st;
	return photos_read(&st,
			   db_prep(d, &st, "SELECT p.id, p.sha256, p.name, f.mime FROM activity_photos p JOIN files f ON f.sha256 = p.sha256"
					   " WHERE p.activity_id = ?1 ORDER BY p.id", "I", activity_id) == 0,
			   a, n, out);
}

long long activity_photo_add(db *d, arena *a, const actor *who, long long activity_id, const char *sha256,
			     long long size, const char *mime, const char *name)
{
	if (db_begin(d) < 0)
		return 0;
	long long unit_id = db_int(d, 0, "SELECT unit_id FROM activities WHERE id = ?1", "I", activity_id);
	int rc = file_record(d, sha256, size, mime, who->now);
	if (rc == 0)
		rc = db_exec(d, "INSERT INTO activity_photos(activity_id, sha256, name, created_at) VALUES (?1, ?2, ?3, ?4)",
			     "IttI", activity_id, sha256, name, who->now);
	return tx_end_insert(d, a, who, rc, unit_id, "create", "photo", name,
			     "SELECT activity_id, sha256, name FROM activity_photos WHERE id = ?1");
}

int activity_photo_remove(db *d, arena *a, const actor *who, long long photo_id)
{
	if (db_begin(d) < 0)
		return -1;
	const char *sel = "SELECT activity_id, sha256, name FROM activity_photos WHERE id = ?1";
	char *old = row_json(d, a, sel, photo_id);
	long long unit_id = db_int(d, 0, "SELECT a.unit_id FROM activity_photos p JOIN activities a ON a.id = p.activity_id"
					 " WHERE p.id = ?1", "I", photo_id);
	/* the file stays in the store: the audit log and earlier submissions may refer to it */
	return photo_delete_end(d, who, unit_id, photo_id, old, "DELETE FROM activity_photos WHERE id = ?1");
}

long long activity_photo_activity(db *d, long long photo_id)
{
	return db_int(d, 0, "SELECT activity_id FROM activity_photos WHERE id = ?1", "I", photo_id);
}

bool photo_lookup(db *d, arena *a, long long photo_id, photo *p, char **activity_status)
{
	stmt st;
	if (db_prep(d, &st, "SELECT p.id, p.sha256, p.name, f.mime, a.status FROM activity_photos p"
			    " JOIN files f ON f.sha256 = p.sha256 JOIN activities a ON a.id = p.activity_id WHERE p.id = ?1",
		    "I", photo_id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok) {
		photo_from(&st, a, p);
		*activity_status = col_dup(&st, a, 4);
	}
	stmt_done(&st);
	return ok;
}
