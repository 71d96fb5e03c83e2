/* resource.c: the learning resource library. All SQL about resources, their
 * counts, their import, and the photos and activity links shared with the
 * showcase (stars, brand projects, cases) lives here. */
#include "core/hash.h"
#include "resource.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const resource_kinds[N_RESOURCE_KINDS] = {"venue", "equipment", "course", "teacher", "online", "books"};
const char *const resource_kind_labels[N_RESOURCE_KINDS] = {"场地", "设施设备", "课程", "师资", "线上课程", "图书资料"};

const char *resource_kind_label(const char *kind)
{
	for (int i = 0; kind && i < N_RESOURCE_KINDS; i++)
		if (!strcmp(kind, resource_kinds[i]))
			return resource_kind_labels[i];
	return kind ? kind : "";
}

const char *resource_kind_parse(const char *s)
{
	for (int i = 0; s && i < N_RESOURCE_KINDS; i++)
		if (!strcmp(s, resource_kinds[i]) || !strcmp(s, resource_kind_labels[i]))
			return resource_kinds[i];
	/* the words people use for the same kinds */
	static const struct { const char *word, *kind; } alt[] = {
		{"设备", "equipment"}, {"设施", "equipment"}, {"设备设施", "equipment"}, {"教师", "teacher"},
		{"师资力量", "teacher"}, {"数字资源", "online"}, {"线上资源", "online"}, {"图书", "books"},
		{"图书资源", "books"}, {"场馆", "venue"}, {"场所", "venue"},
	};
	for (size_t i = 0; s && i < sizeof alt / sizeof *alt; i++)
		if (!strcmp(s, alt[i].word))
			return alt[i].kind;
	return NULL;
}

const char *resource_status_label(const char *status)
{
	if (status && !strcmp(status, "open"))
		return "开放中";
	if (status && !strcmp(status, "closed"))
		return "暂停开放";
	return status ? status : "";
}

static const struct {
	const char *field, *label;
} labels[] = {
	{"kind", "资源类别"}, {"title", "资源名称"}, {"description", "资源简介"}, {"institution", "开放单位"},
	{"address", "地址"}, {"street", "所在街道/乡镇"}, {"hours", "开放时间"}, {"audiences", "面向对象"},
	{"booking_phone", "预约电话"}, {"booking_url", "预约链接"}, {"online_url", "线上链接"}, {"status", "状态"},
};

const char *resource_field_label(const char *field)
{
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (!strcmp(labels[i].field, field))
			return labels[i].label;
	return field;
}

static char *text_field(arena *a, const char *v, const char *field, long long max, bool required, errs *e)
{
	char *s = str_trim(arena_strdup(a, v ? v : ""));
	const char *label = resource_field_label(field);
	if (required && !*s)
		err_add(e, field, arena_printf(a, "请填写「%s」。", label));
	else if ((long long)utf8_chars(s) > max)
		err_add(e, field, arena_printf(a, "「%s」最多 %lld 个字，现在是 %zu 个字。", label, max, utf8_chars(s)));
	else if (text_refusal(s, !strcmp(field, "description")))
		err_add(e, field, arena_printf(a, "「%s」%s，请删除后重新填写。", label, text_refusal(s, !strcmp(field, "description"))));
	return s;
}

/* Digits and the separators people type; spaces and dashes dropped, one dash
 * kept after a landline's area code. */
bool booking_phone_normalize(const char *in, char out[32])
{
	char d[32];
	int n = 0, dash_at = -1;
	out[0] = 0;
	for (const char *p = in ? in : ""; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n >= 24)
				return false;
			d[n++] = *p;
		} else if (*p == '-' || *p == ' ' || *p == '(' || *p == ')') {
			if (*p == '-' && dash_at < 0 && n)
				dash_at = n;
		} else if (*p == '+' && n == 0) {
			continue;
		} else {
			return false;
		}
	}
	d[n] = 0;
	char *s = d;
	if (n == 13 && !strncmp(d, "86", 2))
		s += 2, n -= 2;
	if (n == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9') {
		memcpy(out, s, 12);
		return true;
	}
	/* a landline: 0 + area code (2-3 digits) + 7-8 digits, optionally an extension */
	if (s[0] != '0' || n < 10 || n > 18)
		return false;
	int area = s[1] == '1' || s[1] == '2' ? 3 : 4; /* 010, 02x; else 0xxx */
	int local = dash_at > area + 1 && dash_at - area <= 8 ? dash_at - area : n - area;
	if (local > 8)
		local = 8;
	if (local < 7)
		return false;
	int ext = n - area - local;
	snprintf(out, 32, "%.*s-%.*s%s%.*s", area, s, local, s + area, ext ? "-" : "", ext, s + area + local);
	return true;
}

char *booking_phone_mask(arena *a, const char *phone)
{
	if (!phone || !*phone)
		return arena_strdup(a, "");
	/* a landline keeps its area code; then only the last four digits show */
	char *out = arena_strdup(a, phone);
	char *dash = strchr(out, '-');
	char *p = dash ? dash + 1 : out;
	int digits = 0;
	for (char *q = p; *q; q++)
		digits += *q >= '0' && *q <= '9';
	int keep_head = dash ? 0 : 3, k = 0;
	if (digits < keep_head + 4)
		return arena_strdup(a, "****");
	for (; *p; p++)
		if (*p >= '0' && *p <= '9') {
			if (k >= keep_head && k < digits - 4)
				*p = '*';
			k++;
		}
	return out;
}

static tags canon_audiences(arena *a, const tags *in, const choices *allowed, errs *e)
{
	tags out = {arena_alloc(a, sizeof(char *) * (size_t)(in->n + 1)), 0};
	for (int i = 0; i < in->n; i++) {
		char *v = str_trim(arena_strdup(a, in->v[i]));
		const char *hit = NULL;
		for (int k = 0; k < allowed->n && !hit; k++)
			if (!strcmp(v, allowed->code[k]))
				hit = allowed->code[k];
		if (!*v)
			continue;
		if (!hit) {
			err_add(e, "audiences", arena_printf(a, "「面向对象」中的「%s」不在可选范围内（可选：%s%s等）。", v,
							     allowed->n ? allowed->label[0] : "", allowed->n > 1 ? arena_printf(a, "、%s", allowed->label[1]) : ""));
			continue;
		}
		bool dup = false;
		for (int k = 0; k < out.n; k++)
			dup = dup || out.v[k] == hit;
		if (!dup)
			out.v[out.n++] = hit;
	}
	return out;
}

int resource_parse(arena *a, const resource_input *in, const choices *audiences, resource *out, errs *e)
{
	const char *kind = str_trim(arena_strdup(a, in->kind ? in->kind : ""));
	out->kind = (char *)resource_kind_parse(kind);
	if (!out->kind) {
		err_add(e, "kind", *kind ? arena_printf(a, "「资源类别」「%s」不在可选范围内，应为场地、设施设备、课程、师资、线上课程或图书资料。", kind)
				  : "请选择「资源类别」：场地、设施设备、课程、师资、线上课程或图书资料。");
		out->kind = "venue";
	}
	out->title = text_field(a, in->title, "title", 100, true, e);
	out->institution = text_field(a, in->institution, "institution", 100, true, e);
	out->description = text_field(a, in->description, "description", 2000, false, e);
	out->address = text_field(a, in->address, "address", 150, false, e);
	out->street = text_field(a, in->street, "street", 50, false, e);
	out->hours = text_field(a, in->hours, "hours", 100, false, e);
	out->booking_url = text_field(a, in->booking_url, "booking_url", 500, false, e);
	out->online_url = text_field(a, in->online_url, "online_url", 500, false, e);
	char *phone = text_field(a, in->booking_phone, "booking_phone", 30, false, e);
	char norm[32] = "";
	if (*phone && !err_for(e, "booking_phone") && !booking_phone_normalize(phone, norm))
		err_add(e, "booking_phone", "「预约电话」应是 11 位手机号码或带区号的固定电话，例如 13812345678 或 0791-86123456。");
	out->booking_phone = arena_strdup(a, norm);
	if (*out->booking_url && !err_for(e, "booking_url") && !url_ok(out->booking_url))
		err_add(e, "booking_url", "「预约链接」应以 http:// 或 https:// 开头，且不能含空格。");
	if (*out->online_url && !err_for(e, "online_url") && !url_ok(out->online_url))
		err_add(e, "online_url", "「线上链接」应以 http:// 或 https:// 开头，且不能含空格。");
	bool online = !strcmp(out->kind, "online");
	if (online && !*out->online_url && !err_for(e, "online_url"))
		err_add(e, "online_url", "线上课程请填写「线上链接」，居民从这里进入学习。");
	if (!online && !*out->address && !err_for(e, "address"))
		err_add(e, "address", "请填写「地址」，写到门牌和房间，方便居民找到。");
	const char *st = in->status ? str_trim(arena_strdup(a, in->status)) : "";
	if (!*st || !strcmp(st, "open") || !strcmp(st, "开放") || !strcmp(st, "开放中"))
		out->status = "open";
	else if (!strcmp(st, "closed") || !strcmp(st, "暂停") || !strcmp(st, "暂停开放") || !strcmp(st, "关闭"))
		out->status = "closed";
	else {
		out->status = "open";
		err_add(e, "status", arena_printf(a, "「状态」只能是“开放”或“暂停开放”，现在是「%s」。", st));
	}
	out->audiences = canon_audiences(a, &in->audiences, audiences, e);
	return e->n ? -1 : 0;
}

#define RES_COLS "r.id, r.week_id, r.unit_id, r.kind, r.title, r.description, r.institution, r.address, r.street," \
		 " r.hours, r.booking_phone, r.booking_url, r.online_url, r.status, r.updated_at, u.name, r.revision"

static void res_from(stmt *st, arena *a, resource *x)
{
	memset(x, 0, sizeof *x);
	x->id = col_int(st, 0);
	x->week_id = col_int(st, 1);
	x->unit_id = col_int(st, 2);
	char **s[] = {&x->kind, &x->title, &x->description, &x->institution, &x->address, &x->street, &x->hours,
		      &x->booking_phone, &x->booking_url, &x->online_url, &x->status};
	for (int i = 0; i < 11; i++)
		*s[i] = col_dup(st, a, 3 + i);
	x->updated_at = col_int(st, 14);
	x->unit_name = col_dup(st, a, 15);
	x->revision = col_int(st, 16);
}

static void load_audiences(db *d, arena *a, resource *x)
{
	int n = (int)db_int(d, 0, "SELECT count(*) FROM resource_audiences WHERE resource_id = ?1", "I", x->id);
	x->audiences.v = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
	x->audiences.n = 0;
	stmt st;
	if (db_prep(d, &st, "SELECT audience FROM resource_audiences WHERE resource_id = ?1 ORDER BY audience", "I", x->id) < 0)
		return;
	while (x->audiences.n < n && stmt_step(&st) == 1)
		x->audiences.v[x->audiences.n++] = col_dup(&st, a, 0);
	stmt_done(&st);
}

bool resource_load(db *d, arena *a, long long id, resource *x)
{
	stmt st;
	if (db_prep(d, &st, "SELECT " RES_COLS " FROM resources r JOIN units u ON u.id = r.unit_id WHERE r.id = ?1", "I", id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok)
		res_from(&st, a, x);
	stmt_done(&st);
	if (ok)
		load_audiences(d, a, x);
	return ok;
}

/* The audit's view: the phone masked (the log is read by the centre), the audiences and links. */
static char *snapshot(db *d, arena *a, long long id)
{
	return row_json(d, a,
		"SELECT r.kind, r.title, r.description, r.institution, r.address, r.street, r.hours,"
		" CASE WHEN length(r.booking_phone) > 7 THEN substr(r.booking_phone, 1, 3) || '****' || substr(r.booking_phone, length(r.booking_phone) - 3)"
		" ELSE r.booking_phone END AS booking_phone, r.booking_url, r.online_url, r.status,"
		" (SELECT group_concat(audience, '、') FROM (SELECT audience FROM resource_audiences WHERE resource_id = r.id ORDER BY audience) AS o) AS audiences,"
		" (SELECT group_concat(activity_id, ',') FROM (SELECT activity_id FROM resource_activities WHERE resource_id = r.id ORDER BY activity_id) AS o) AS activities"
		" FROM resources r WHERE r.id = ?1", id);
}

#define RES_FIELDS_SQL "kind = ?1, title = ?2, description = ?3, institution = ?4, address = ?5, street = ?6, hours = ?7," \
		       " booking_phone = ?8, booking_url = ?9, online_url = ?10, status = ?11"

/* The writes of a save, inside the caller's transaction. */
static int save_tx(db *d, arena *a, const actor *who, resource *x, const long long *links, int nlinks, const char *import_key)
{
	char *old = x->id ? snapshot(d, a, x->id) : NULL;
	int rc;
	if (x->id) {
		rc = db_exec(d, "UPDATE resources SET " RES_FIELDS_SQL ", updated_at = ?12 WHERE id = ?13", "tttttttttttII",
			     x->kind, x->title, x->description, x->institution, x->address, x->street, x->hours, x->booking_phone,
			     x->booking_url, x->online_url, x->status, who->now, x->id);
		if (rc == 0 && db_changes(d) != 1)
			rc = -1;
	} else {
		rc = db_exec(d, "INSERT INTO resources(kind, title, description, institution, address, street, hours, booking_phone,"
				" booking_url, online_url, status, week_id, unit_id, import_key, created_by, created_at, updated_at)"
				" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, NULLIF(?15, 0), ?16, ?16)",
			     "tttttttttttIItII", x->kind, x->title, x->description, x->institution, x->address, x->street, x->hours,
			     x->booking_phone, x->booking_url, x->online_url, x->status, x->week_id, x->unit_id, import_key,
			     who->account_id, who->now);
		if (rc == 0)
			x->id = db_last_id(d);
	}
	if (rc == 0)
		rc = db_exec(d, "DELETE FROM resource_audiences WHERE resource_id = ?1", "I", x->id);
	for (int i = 0; rc == 0 && i < x->audiences.n; i++)
		rc = db_exec(d, "INSERT INTO resource_audiences(resource_id, audience) VALUES (?1, ?2)", "It", x->id, x->audiences.v[i]);
	if (rc == 0 && nlinks >= 0)
		rc = links_set(d, LINK_RESOURCE, x->id, x->unit_id, x->week_id, links, nlinks);
	if (rc == 0)
		rc = audit(d, who, x->unit_id, old ? "update" : "create", "resource", x->id, x->title, old, snapshot(d, a, x->id));
	return rc;
}

long long resource_save(db *d, arena *a, const actor *who, resource *x, const long long *links, int nlinks, errs *e)
{
	if (db_begin(d) < 0) {
		err_add(e, NULL, "数据库忙，请稍后重试。");
		return 0;
	}
	bool created = !x->id;
	if ((!created && revision_claim(d, "resources", x->id, x->revision, e) < 0) ||
	    save_tx(d, a, who, x, links, nlinks, NULL) < 0 || db_commit(d) < 0) {
		db_rollback(d);
		if (created)
			x->id = 0;
		if (!e->n)
			err_add(e, NULL, "保存失败，请重试。");
		return 0;
	}
	return x->id;
}

int resource_set_status(db *d, arena *a, const actor *who, long long id, const char *status)
{
	if (db_begin(d) < 0)
		return -1;
	char *old = snapshot(d, a, id);
	long long unit_id = db_int(d, 0, "SELECT unit_id FROM resources WHERE id = ?1", "I", id);
	int rc = db_exec(d, "UPDATE resources SET status = ?1, updated_at = ?2 WHERE id = ?3", "tII", status, who->now, id);
	if (rc == 0 && db_changes(d) != 1)
		rc = -1;
	if (rc == 0)
		rc = audit(d, who, unit_id, status, "resource", id, resource_status_label(status), old, snapshot(d, a, id));
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int resource_delete(db *d, arena *a, const actor *who, long long id)
{
	if (db_begin(d) < 0)
		return -1;
	char *old = snapshot(d, a, id);
	long long unit_id = db_int(d, 0, "SELECT unit_id FROM resources WHERE id = ?1", "I", id);
	/* photos go with it; their files stay in the store for the audit log */
	int rc = old ? db_exec(d, "DELETE FROM showcase_photos WHERE owner = 'resource' AND owner_id = ?1", "I", id) : -1;
	if (rc == 0)
		rc = db_exec(d, "DELETE FROM resources WHERE id = ?1", "I", id);
	if (rc == 0)
		rc = audit(d, who, unit_id, "delete", "resource", id, NULL, old, NULL);
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int resource_search(db *d, arena *a, const resource_query *q, resource **out, long long *total)
{
	dbval v[12];
	int n = 0;
	buf w = BUF_INIT;
	buf_puts(&w, " WHERE r.week_id = ?1");
	v[n++] = (dbval){'I', q->week_id, NULL};
	if (q->unit_id) {
		v[n++] = (dbval){'I', q->unit_id, NULL};
		buf_printf(&w, " AND r.unit_id = ?%d", n);
	}
	const char *filters[][2] = {{q->kind, " AND r.kind = ?%d"}, {q->status, " AND r.status = ?%d"},
				    {q->audience, " AND r.id IN (SELECT resource_id FROM resource_audiences WHERE audience = ?%d)"}};
	for (size_t i = 0; i < sizeof filters / sizeof *filters; i++)
		if (filters[i][0] && *filters[i][0]) {
			v[n++] = (dbval){'t', 0, filters[i][0]};
			buf_printf(&w, filters[i][1], n);
		}
	if (q->q && *q->q) {
		v[n++] = (dbval){'t', 0, like_pattern(a, q->q)};
		buf_printf(&w, " AND (r.title LIKE ?%d ESCAPE '\\' OR r.institution LIKE ?%d ESCAPE '\\' OR r.address LIKE ?%d ESCAPE '\\'"
			       " OR r.street LIKE ?%d ESCAPE '\\' OR r.description LIKE ?%d ESCAPE '\\')", n, n, n, n, n);
	}
	long long per = q->per_page > 0 ? q->per_page : 20, page = q->page > 0 ? q->page : 1;
	char *where = arena_strdup(a, buf_cstr(&w));
	buf_free(&w);
	*total = db_int_vals(d, 0, arena_printf(a, "SELECT count(*) FROM resources r%s", where), v, n);
	v[n++] = (dbval){'I', per, NULL};
	v[n++] = (dbval){'I', (page - 1) * per, NULL};
	char *sql = arena_printf(a, "SELECT " RES_COLS " FROM resources r JOIN units u ON u.id = r.unit_id%s"
				    " ORDER BY u.sort_order, r.kind, r.title, r.id LIMIT ?%d OFFSET ?%d", where, n - 1, n);
	resource *res = arena_alloc(a, sizeof *res * (size_t)(per + 1));
	int got = 0;
	stmt st;
	if (db_prep_vals(d, &st, sql, v, n) == 0) {
		while (got < per && stmt_step(&st) == 1)
			res_from(&st, a, &res[got++]);
		stmt_done(&st);
	}
	for (int i = 0; i < got; i++)
		load_audiences(d, a, &res[i]);
	*out = res;
	return got;
}

resource_tally resource_counts(db *d, long long week_id, long long unit_id)
{
	resource_tally t = {0};
	stmt st;
	if (db_prep(d, &st, "SELECT kind, count(*) FROM resources WHERE week_id = ?1 AND (?2 = 0 OR unit_id = ?2)"
			    " AND status = 'open' GROUP BY kind", "II", week_id, unit_id) < 0)
		return t;
	while (stmt_step(&st) == 1)
		for (int i = 0; i < N_RESOURCE_KINDS; i++)
			if (!strcmp(col_text(&st, 0), resource_kinds[i])) {
				t.n[i] = col_int(&st, 1);
				t.total += t.n[i];
			}
	stmt_done(&st);
	return t;
}

char *resource_counts_text(arena *a, const resource_tally *t)
{
	if (!t->total)
		return arena_strdup(a, "");
	buf b = BUF_INIT;
	for (int i = 0; i < N_RESOURCE_KINDS; i++)
		if (t->n[i])
			buf_printf(&b, "%s%s %lld", b.len ? "、" : "", resource_kind_labels[i], t->n[i]);
	buf_printf(&b, "（共 %lld 项）", t->total);
	char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* ---- activity links ---- */

static const struct {
	const char *del, *ins, *sel;
} link_sql[] = {
	[LINK_RESOURCE] = {"DELETE FROM resource_activities WHERE resource_id = ?1",
			   "INSERT OR IGNORE INTO resource_activities(resource_id, activity_id) SELECT ?1, id FROM activities"
			   " WHERE id = ?2 AND unit_id = ?3 AND week_id = ?4",
			   "SELECT a.id, a.starts_at, a.title, a.status FROM resource_activities l JOIN activities a ON a.id = l.activity_id"
			   " WHERE l.resource_id = ?1 AND (?2 = 0 OR a.status IN ('published', 'cancelled')) ORDER BY a.starts_at, a.id"},
	[LINK_STAR] = {"DELETE FROM star_activities WHERE star_id = ?1",
		       "INSERT OR IGNORE INTO star_activities(star_id, activity_id) SELECT ?1, id FROM activities"
		       " WHERE id = ?2 AND unit_id = ?3 AND week_id = ?4",
		       "SELECT a.id, a.starts_at, a.title, a.status FROM star_activities l JOIN activities a ON a.id = l.activity_id"
		       " WHERE l.star_id = ?1 AND (?2 = 0 OR a.status IN ('published', 'cancelled')) ORDER BY a.starts_at, a.id"},
	[LINK_BRAND] = {"DELETE FROM brand_activities WHERE brand_id = ?1",
			"INSERT OR IGNORE INTO brand_activities(brand_id, activity_id) SELECT ?1, id FROM activities"
			" WHERE id = ?2 AND unit_id = ?3 AND week_id = ?4",
			"SELECT a.id, a.starts_at, a.title, a.status FROM brand_activities l JOIN activities a ON a.id = l.activity_id"
			" WHERE l.brand_id = ?1 AND (?2 = 0 OR a.status IN ('published', 'cancelled')) ORDER BY a.starts_at, a.id"},
};

static int refs_from(stmt *st, arena *a, activity_ref **out, int cap)
{
	activity_ref *v = arena_alloc(a, sizeof *v * (size_t)(cap + 1));
	int n = 0;
	while (n < cap && stmt_step(st) == 1) {
		v[n].id = col_int(st, 0);
		v[n].starts_at = col_int(st, 1);
		v[n].title = col_dup(st, a, 2);
		v[n].status = col_dup(st, a, 3);
		n++;
	}
	stmt_done(st);
	*out = v;
	return n;
}

#define MAX_LINKS 500

int links_get(db *d, arena *a, link_owner owner, long long owner_id, bool public_only, activity_ref **out)
{
	stmt st;
	*out = NULL;
	if (db_prep(d, &st, link_sql[owner].sel, "II", owner_id, public_only ? 1LL : 0LL) < 0)
		return 0;
	return refs_from(&st, a, out, MAX_LINKS);
}

int links_set(db *d, link_owner owner, long long owner_id, long long unit_id, long long week_id, const long long *ids, int n)
{
	int rc = db_exec(d, link_sql[owner].del, "I", owner_id);
	for (int i = 0; rc == 0 && i < n; i++)
		rc = db_exec(d, link_sql[owner].ins, "IIII", owner_id, ids[i], unit_id, week_id);
	return rc;
}

int unit_week_activities(db *d, arena *a, long long unit_id, long long week_id, const char *content, activity_ref **out)
{
	stmt st;
	*out = NULL;
	if (db_prep(d, &st, "SELECT a.id, a.starts_at, a.title, a.status FROM activities a WHERE a.unit_id = ?1 AND a.week_id = ?2"
			    " AND a.status <> 'cancelled' AND (?3 IS NULL OR a.id IN (SELECT activity_id FROM activity_tags"
			    " WHERE kind = 'content' AND value = ?3)) ORDER BY a.starts_at, a.id", "IIt", unit_id, week_id, content) < 0)
		return 0;
	return refs_from(&st, a, out, MAX_LINKS);
}

int activity_resources(db *d, arena *a, long long activity_id, resource **out)
{
	int n = (int)db_int(d, 0, "SELECT count(*) FROM resource_activities l JOIN resources r ON r.id = l.resource_id"
				  " WHERE l.activity_id = ?1 AND r.status = 'open'", "I", activity_id);
	resource *v = arena_alloc(a, sizeof *v * (size_t)(n + 1));
	int i = 0;
	stmt st;
	if (db_prep(d, &st, "SELECT " RES_COLS " FROM resource_activities l JOIN resources r ON r.id = l.resource_id"
			    " JOIN units u ON u.id = r.unit_id WHERE l.activity_id = ?1 AND r.status = 'open' ORDER BY r.title, r.id",
		    "I", activity_id) == 0) {
		while (i < n && stmt_step(&st) == 1)
			res_from(&st, a, &v[i++]);
		stmt_done(&st);
	}
	*out = v;
	return i;
}

/* ---- photos ---- */

static const char *const media_names[] = {[MEDIA_RESOURCE] = "resource", [MEDIA_BRAND] = "brand", [MEDIA_CASE] = "case"};

int media_photos(db *d, arena *a, media_owner owner, long long owner_id, photo **out)
{
	int n = (int)db_int(d, 0, "SELECT count(*) FROM showcase_photos WHERE owner = ?1 AND owner_id = ?2", "tI",
			    media_names[owner], owner_id);
	stmt st;
	return photos_read(&st,
			   db_prep(d, &st, "SELECT p.id, p.sha256, p.name, f.mime FROM showcase_photos p JOIN files f ON f.sha256 = p.sha256"
					   " WHERE p.owner = ?1 AND p.owner_id = ?2 ORDER BY p.id", "tI", media_names[owner], owner_id) == 0,
			   a, n, out);
}

long long media_photo_add(db *d, arena *a, const actor *who, long long unit_id, media_owner owner, long long owner_id,
			  const char *sha256, long long size, const char *mime, const char *name)
{
	if (db_begin(d) < 0)
		return 0;
	int rc = file_record(d, sha256, size, mime, who->now);
	if (rc == 0)
		rc = db_exec(d, "INSERT INTO showcase_photos(owner, owner_id, sha256, name, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
			     "tIttI", media_names[owner], owner_id, sha256, name, who->now);
	return tx_end_insert(d, a, who, rc, unit_id, "create", "photo", name,
			     "SELECT owner, owner_id, sha256, name FROM showcase_photos WHERE id = ?1");
}

int media_photo_remove(db *d, arena *a, const actor *who, long long unit_id, media_owner owner, long long owner_id,
		       long long photo_id)
{
	if (db_begin(d) < 0)
		return -1;
	const char *sel = "SELECT owner, owner_id, sha256, name FROM showcase_photos WHERE id = ?1";
	char *old = db_exists(d, "SELECT 1 FROM showcase_photos WHERE id = ?1 AND owner = ?2 AND owner_id = ?3", "ItI", photo_id,
			      media_names[owner], owner_id) ? row_json(d, a, sel, photo_id) : NULL;
	return photo_delete_end(d, who, unit_id, photo_id, old, "DELETE FROM showcase_photos WHERE id = ?1");
}

bool media_photo_get(db *d, arena *a, media_owner owner, long long owner_id, long long photo_id, photo *p)
{
	stmt st;
	photo *v;
	bool ok = photos_read(&st,
			      db_prep(d, &st, "SELECT p.id, p.sha256, p.name, f.mime FROM showcase_photos p JOIN files f ON f.sha256 = p.sha256"
					      " WHERE p.id = ?1 AND p.owner = ?2 AND p.owner_id = ?3", "ItI", photo_id, media_names[owner],
				      owner_id) == 0,
			      a, 1, &v) == 1;
	if (ok)
		*p = *v;
	return ok;
}

/* ---- import ---- */

const table_column resource_columns[N_RESOURCE_COLUMNS] = {
	{"title", "资源名称", true, false, "开放的场地、设备、课程等的名称，最多 100 个字。", "名称|title"},
	{"kind", "资源类别", true, false, "场地、设施设备、课程、师资、线上课程、图书资料，六选一。", "类别|类型|kind"},
	{"institution", "开放单位", true, false, "开放这项资源的学校、图书馆、博物馆等。", "单位|机构|institution"},
	{"address", "地址", false, false, "除线上课程外必填：写到门牌和房间。", "地点|详细地址|address"},
	{"street", "所在街道/乡镇", false, false, "用于统计开放范围。", "街道/乡镇|街道|乡镇|street"},
	{"hours", "开放时间", false, false, "例如：12月1日至7日 每天 9:00-17:00。", "时间|hours"},
	{"audiences", "面向对象", false, true, "可不填（面向所有居民）；企业职工、老年人群等，多项用顿号（、）分隔。",
	 "适用对象|对象|audiences"},
	{"booking_phone", "预约电话", false, false, "手机号码或带区号的固定电话；只给本单位管理员完整显示。", "电话|联系电话|booking_phone"},
	{"booking_url", "预约链接", false, false, "以 http:// 或 https:// 开头。", "预约网址|booking_url"},
	{"online_url", "线上链接", false, false, "线上课程必填，以 http:// 或 https:// 开头。", "链接|网址|online_url"},
	{"description", "资源简介", false, false, "最多 2000 字。", "简介|说明|description"},
	{"status", "状态", false, false, "开放 或 暂停开放（空着算开放）。", "status"},
};
const table_spec resource_table = {resource_columns, N_RESOURCE_COLUMNS, 5000, 20 * 1024 * 1024, "资源"};

enum { R_TITLE, R_KIND, R_INSTITUTION, R_ADDRESS, R_STREET, R_HOURS, R_AUDIENCES, R_PHONE, R_BOOKING, R_ONLINE, R_DESCRIPTION,
       R_STATUS };

/* The row as resource_input. */
static void row_input(arena *a, const table_row *row, resource_input *in)
{
	const table_cell *c = row->cells;
	memset(in, 0, sizeof *in);
	in->title = table_cell_str(a, &c[R_TITLE], false);
	const char **fields[] = {&in->kind, &in->institution, &in->address, &in->street, &in->hours, &in->booking_phone,
				 &in->booking_url, &in->online_url, &in->status};
	const int cols[] = {R_KIND, R_INSTITUTION, R_ADDRESS, R_STREET, R_HOURS, R_PHONE, R_BOOKING, R_ONLINE, R_STATUS};
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
		*fields[i] = table_cell_str(a, &c[cols[i]], false);
	in->description = table_cell_str(a, &c[R_DESCRIPTION], true);
	in->audiences.n = table_split(a, table_cell_str(a, &c[R_AUDIENCES], false), &in->audiences.v);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The unit and every field as parsed, audiences sorted: the same resource has
 * the same key from a CSV and an XLSX. */
static void row_key(arena *a, long long unit_id, const resource *x, char out[65])
{
	const char **aud = arena_alloc(a, sizeof *aud * (size_t)(x->audiences.n + 1));
	memcpy(aud, x->audiences.v, sizeof *aud * (size_t)x->audiences.n);
	qsort(aud, (size_t)x->audiences.n, sizeof *aud, cmp_str);
	buf b = BUF_INIT;
	buf_printf(&b, "lw-resource-1\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", unit_id, x->kind,
		   x->title, x->institution, x->address, x->street, x->hours, x->booking_phone, x->booking_url, x->online_url,
		   x->description, x->status);
	for (int i = 0; i < x->audiences.n; i++)
		buf_printf(&b, "\x1e%s", aud[i]);
	sha256_hex(b.p, b.len, out);
	buf_free(&b);
}

const bulk_spec resource_bulk = {
	&resource_table, "学习资源", RESOURCE_EXAMPLE_MARK, "SELECT 1 FROM resources WHERE unit_id = ?1 AND import_key = ?2",
	"resource_imports", "resource_import", 1000, resource_import_read, resource_import_commit,
};

/* The pipeline's view of a resource import: the file, and the record of the
 * row parsed last. */
typedef struct rows_ctx {
	bulk_file *f;
	long long unit_id, week_id;
	resource x;
	const actor *who;
} rows_ctx;

static void parse(void *ctx, db *d, arena *scratch, int i, errs *pre, errs *e, char key[65])
{
	(void)pre;
	rows_ctx *c = ctx;
	resource_input in;
	row_input(scratch, &c->f->table.rows[i], &in);
	memset(&c->x, 0, sizeof c->x);
	choices aud = week_choices(d, scratch, c->week_id, "audience");
	resource_parse(scratch, &in, &aud, &c->x, e);
	if (!e->n)
		row_key(scratch, c->unit_id, &c->x, key);
}

static void result(void *ctx, db *d, arena *a, bulk_row *row)
{
	(void)d;
	rows_ctx *c = ctx;
	row->title = arena_strdup(a, c->x.title);
	row->text[0] = resource_kind_label(c->x.kind);
	row->text[1] = arena_strdup(a, c->x.institution);
}

static int save(void *ctx, db *d, arena *scratch, int i, const char *key)
{
	(void)i;
	rows_ctx *c = ctx;
	c->x.unit_id = c->unit_id;
	c->x.week_id = c->week_id;
	return save_tx(d, scratch, c->who, &c->x, NULL, -1, key);
}

void resource_import_read(db *d, arena *a, const char *path, const char *filename, long long unit_id, long long week_id,
			  bulk_file *f)
{
	rows_ctx c = {.f = f, .unit_id = unit_id, .week_id = week_id};
	bulk_rows r = {parse, result, save, &c, NULL};
	bulk_read(d, a, &resource_bulk, unit_id, path, filename, &r, f);
}

long long resource_import_commit(db *d, arena *a, const actor *who, const bulk_pending *p, bulk_file *f, const char *status,
				 long long *skipped)
{
	(void)status;
	rows_ctx c = {.f = f, .unit_id = p->unit_id, .week_id = p->week_id, .who = who};
	bulk_rows r = {parse, NULL, save, &c, NULL};
	return bulk_commit(d, a, &resource_bulk, who, p, f, &r, skipped);
}
