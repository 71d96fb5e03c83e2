/* showcase.c: learning stars, brand projects and 智慧助老 cases; all their SQL.
 * The rule of what is public lives in the list queries here, once. */
#include "showcase.h"
#include "core/text.h"
#include <string.h>

const char *pick_status_label(const char *status)
{
	if (status && !strcmp(status, "selected"))
		return "入选";
	return "推荐";
}

static char *text_field(arena *a, const char *v, const char *field, const char *label, long long max, bool required,
			bool multiline, errs *e)
{
	char *s = str_trim(arena_strdup(a, v ? v : ""));
	if (required && !*s)
		err_add(e, field, arena_printf(a, "请填写「%s」。", label));
	else if ((long long)utf8_chars(s) > max)
		err_add(e, field, arena_printf(a, "「%s」最多 %lld 个字，现在是 %zu 个字。", label, max, utf8_chars(s)));
	else if (text_refusal(s, multiline))
		err_add(e, field, arena_printf(a, "「%s」%s，请删除后重新填写。", label, text_refusal(s, multiline)));
	return s;
}

/* One save: the row's own write (insert when *id is 0), its links, the audit,
 * in one transaction. */
static long long save_with(db *d, arena *a, const actor *who, const char *entity, long long *id, long long unit_id,
			   long long week_id, const char *summary, const char *snap_sql, int (*write)(db *, void *, long long), void *row,
			   link_owner owner, const long long *links, int nlinks, const char *table, long long revision, errs *e)
{
	if (db_begin(d) < 0) {
		err_add(e, NULL, "数据库忙，请稍后重试。");
		return 0;
	}
	bool created = !*id;
	if (!created && revision_claim(d, table, *id, revision, e) < 0) {
		db_rollback(d);
		return 0;
	}
	char *old = created ? NULL : row_json(d, a, snap_sql, *id);
	int rc = write(d, row, who->now);
	if (rc == 0 && !created && db_changes(d) != 1)
		rc = -1; /* the row is gone */
	if (rc == 0 && created)
		*id = db_last_id(d);
	if (rc == 0 && nlinks >= 0)
		rc = links_set(d, owner, *id, unit_id, week_id, links, nlinks);
	if (rc == 0)
		rc = audit(d, who, unit_id, created ? "create" : "update", entity, *id, summary, old, row_json(d, a, snap_sql, *id));
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		if (created)
			*id = 0;
		err_add(e, NULL, "保存失败，请重试。");
		return 0;
	}
	return *id;
}

/* One row of a star, a project or a case, read into x. */
typedef void row_reader(stmt *st, arena *a, void *x);

/* Up to n rows of st, when prepared, read by from into v (items of size
 * bytes); the statement is done after. How many were read. */
static int read_rows(stmt *st, bool prepared, arena *a, int n, size_t size, row_reader *from, void *v)
{
	int i = 0;
	if (!prepared)
		return 0;
	while (i < n && stmt_step(st) == 1)
		from(st, a, (char *)v + size * (size_t)i++);
	stmt_done(st);
	return i;
}

/* The row sql (bound to id) finds, read by from into x; false if none. */
static bool load_row(db *d, arena *a, const char *sql, long long id, row_reader *from, void *x)
{
	stmt st;
	return read_rows(&st, db_prep(d, &st, sql, "I", id) == 0, a, 1, 0, from, x) == 1;
}

/* A week's list: count_sql (bound to the week) bounds it, sql (bound to the
 * week, the unit and public_only) fills it with items of size bytes. */
static int list_rows(db *d, arena *a, const char *count_sql, const char *sql, long long week_id, long long unit_id,
		     bool public_only, size_t size, row_reader *from, void **out)
{
	int n = (int)db_int(d, 0, count_sql, "I", week_id);
	*out = arena_alloc(a, size * (size_t)(n + 1));
	stmt st;
	return read_rows(&st, db_prep(d, &st, sql, "III", week_id, unit_id, public_only ? 1LL : 0LL) == 0, a, n, size, from, *out);
}

/* ---- learning stars ---- */

int star_parse(arena *a, const star_input *in, star *x, errs *e)
{
	x->name = text_field(a, in->name, "name", "姓名", 40, true, false, e);
	x->community = text_field(a, in->community, "community", "所在社区", 100, false, false, e);
	x->story = text_field(a, in->story, "story", "学习故事", 1000, true, true, e);
	x->consent_note = text_field(a, in->consent_note, "consent_note", "同意方式", 100, false, false, e);
	x->consent = in->consent && (!strcmp(in->consent, "1") || !strcmp(in->consent, "on"));
	if (x->consent && !*x->consent_note && !err_for(e, "consent_note"))
		err_add(e, "consent_note", "已取得本人同意时，请写明同意的方式和日期，例如：书面同意书（2022-11-20）。");
	return e->n ? -1 : 0;
}

#define STAR_SNAP "SELECT name, community, story, photo, consent, consent_note, consent_at, status," \
		  " (SELECT group_concat(activity_id, ',') FROM (SELECT activity_id FROM star_activities WHERE star_id = stars.id ORDER BY activity_id) AS o) AS activities" \
		  " FROM stars WHERE id = ?1"

static int star_write(db *d, void *row, long long now)
{
	star *x = row;
	if (x->id)
		return db_exec(d, "UPDATE stars SET name = ?1, community = ?2, story = ?3, consent = ?4, consent_note = ?5,"
			       " consent_at = CASE WHEN ?4 = 1 THEN COALESCE(consent_at, ?6) END, updated_at = ?6 WHERE id = ?7",
			       "tttitII", x->name, x->community, x->story, x->consent ? 1 : 0, x->consent_note, now, x->id);
	return db_exec(d, "INSERT INTO stars(week_id, unit_id, name, community, story, consent, consent_note, consent_at,"
			  " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?6 = 1 THEN ?8 END, ?8, ?8)",
		       "IItttitI", x->week_id, x->unit_id, x->name, x->community, x->story, x->consent ? 1 : 0, x->consent_note,
		       now);
}

long long star_save(db *d, arena *a, const actor *who, star *x, const long long *links, int nlinks, errs *e)
{
	return save_with(d, a, who, "star", &x->id, x->unit_id, x->week_id, x->name, STAR_SNAP, star_write, x, LINK_STAR,
			 links, nlinks, "stars", x->revision, e);
}

#define STAR_COLS "s.id, s.week_id, s.unit_id, COALESCE(s.consent_at, 0), s.name, s.community, s.story, COALESCE(s.photo, '')," \
		  " s.consent_note, s.status, u.name, s.consent, COALESCE(f.mime, ''), s.revision"
#define STAR_FROM " FROM stars s JOIN units u ON u.id = s.unit_id LEFT JOIN files f ON f.sha256 = s.photo"

static void star_from(stmt *st, arena *a, void *row)
{
	star *x = row;
	memset(x, 0, sizeof *x);
	x->id = col_int(st, 0);
	x->week_id = col_int(st, 1);
	x->unit_id = col_int(st, 2);
	x->consent_at = col_int(st, 3);
	char **s[] = {&x->name, &x->community, &x->story, &x->photo, &x->consent_note, &x->status, &x->unit_name};
	for (int i = 0; i < 7; i++)
		*s[i] = col_dup(st, a, 4 + i);
	x->consent = col_int(st, 11) != 0;
	x->photo_mime = col_dup(st, a, 12);
	x->revision = col_int(st, 13);
}

bool star_load(db *d, arena *a, long long id, star *x)
{
	return load_row(d, a, "SELECT " STAR_COLS STAR_FROM " WHERE s.id = ?1", id, star_from, x);
}

bool star_public(const star *x)
{
	return x->consent && !strcmp(x->status, "selected");
}

int star_set_photo(db *d, arena *a, const actor *who, long long id, const char *sha256, long long size, const char *mime)
{
	if (db_begin(d) < 0)
		return -1;
	char *old = row_json(d, a, STAR_SNAP, id);
	long long unit_id = db_int(d, 0, "SELECT unit_id FROM stars WHERE id = ?1", "I", id);
	int rc = file_record(d, sha256, size, mime, who->now);
	if (rc == 0)
		rc = db_exec(d, "UPDATE stars SET photo = ?1, updated_at = ?2 WHERE id = ?3", "tII", sha256, who->now, id);
	if (rc == 0)
		rc = audit(d, who, unit_id, "update", "star", id, "照片", old, row_json(d, a, STAR_SNAP, id));
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int star_list(db *d, arena *a, long long week_id, long long unit_id, bool public_only, star **out)
{
	const char *sql = "SELECT " STAR_COLS STAR_FROM " WHERE s.week_id = ?1"
			  " AND (?2 = 0 OR s.unit_id = ?2) AND (?3 = 0 OR (s.status = 'selected' AND s.consent = 1))"
			  " ORDER BY u.sort_order, s.id";
	void *v;
	int n = list_rows(d, a, "SELECT count(*) FROM stars WHERE week_id = ?1", sql, week_id, unit_id, public_only, sizeof **out,
			  star_from, &v);
	*out = v;
	return n;
}

/* ---- brand projects ---- */

int brand_parse(arena *a, const brand_input *in, brand *x, errs *e)
{
	x->name = text_field(a, in->name, "name", "项目名称", 100, true, false, e);
	x->host = text_field(a, in->host, "host", "承办单位", 100, true, false, e);
	x->description = text_field(a, in->description, "description", "项目介绍", 3000, true, true, e);
	return e->n ? -1 : 0;
}

#define BRAND_SNAP "SELECT name, host, description, status," \
		   " (SELECT group_concat(activity_id, ',') FROM (SELECT activity_id FROM brand_activities WHERE brand_id = brands.id ORDER BY activity_id) AS o) AS activities" \
		   " FROM brands WHERE id = ?1"

static int brand_write(db *d, void *row, long long now)
{
	brand *x = row;
	if (x->id)
		return db_exec(d, "UPDATE brands SET name = ?1, host = ?2, description = ?3, updated_at = ?4 WHERE id = ?5", "tttII",
			       x->name, x->host, x->description, now, x->id);
	return db_exec(d, "INSERT INTO brands(week_id, unit_id, name, host, description, created_at, updated_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)", "IItttI", x->week_id, x->unit_id, x->name, x->host, x->description, now);
}

long long brand_save(db *d, arena *a, const actor *who, brand *x, const long long *links, int nlinks, errs *e)
{
	return save_with(d, a, who, "brand", &x->id, x->unit_id, x->week_id, x->name, BRAND_SNAP, brand_write, x, LINK_BRAND,
			 links, nlinks, "brands", x->revision, e);
}

#define BRAND_COLS "b.id, b.week_id, b.unit_id, b.name, b.host, b.description, b.status, u.name, b.revision"

static void brand_from(stmt *st, arena *a, void *row)
{
	brand *x = row;
	memset(x, 0, sizeof *x);
	x->id = col_int(st, 0);
	x->week_id = col_int(st, 1);
	x->unit_id = col_int(st, 2);
	char **s[] = {&x->name, &x->host, &x->description, &x->status, &x->unit_name};
	for (int i = 0; i < 5; i++)
		*s[i] = col_dup(st, a, 3 + i);
	x->revision = col_int(st, 8);
}

bool brand_load(db *d, arena *a, long long id, brand *x)
{
	return load_row(d, a, "SELECT " BRAND_COLS " FROM brands b JOIN units u ON u.id = b.unit_id WHERE b.id = ?1", id, brand_from, x);
}

int brand_list(db *d, arena *a, long long week_id, long long unit_id, bool public_only, brand **out)
{
	void *v;
	int n = list_rows(d, a, "SELECT count(*) FROM brands WHERE week_id = ?1",
			  "SELECT " BRAND_COLS " FROM brands b JOIN units u ON u.id = b.unit_id WHERE b.week_id = ?1"
			  " AND (?2 = 0 OR b.unit_id = ?2) AND (?3 = 0 OR b.status = 'selected') ORDER BY u.sort_order, b.id",
			  week_id, unit_id, public_only, sizeof **out, brand_from, &v);
	*out = v;
	return n;
}

/* ---- 智慧助老 cases ---- */

int case_parse(arena *a, const case_input *in, elder_case *x, errs *e)
{
	x->title = text_field(a, in->title, "title", "案例标题", 100, true, false, e);
	x->taught = text_field(a, in->taught, "taught", "培训内容", 2000, true, true, e);
	x->lessons = text_field(a, in->lessons, "lessons", "经验做法", 3000, false, true, e);
	char *t = str_trim(arena_strdup(a, in->trained ? in->trained : ""));
	if (!*t)
		err_add(e, "trained", "请填写「培训老年人数」。");
	else if (!parse_int64(t, 0, 1000000, &x->trained))
		err_add(e, "trained", arena_printf(a, "「培训老年人数」应为 0 到 1000000 之间的整数，收到的是「%s」。", t));
	return e->n ? -1 : 0;
}

#define CASE_SNAP "SELECT activity_id, title, taught, trained, lessons, recommended FROM elder_cases WHERE id = ?1"

static int case_write(db *d, void *row, long long now)
{
	elder_case *x = row;
	if (x->id)
		return db_exec(d, "UPDATE elder_cases SET title = ?1, taught = ?2, trained = ?3, lessons = ?4, updated_at = ?5"
			       " WHERE id = ?6", "ttItII", x->title, x->taught, x->trained, x->lessons, now, x->id);
	return db_exec(d, "INSERT INTO elder_cases(activity_id, unit_id, week_id, title, taught, trained, lessons, created_at, updated_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)", "IIIttItI", x->activity_id, x->unit_id, x->week_id, x->title,
		       x->taught, x->trained, x->lessons, now);
}

char *case_category(db *d, arena *a, long long week_id)
{
	return db_text(d, a, "SELECT code FROM week_choices WHERE week_id = ?1 AND kind = 'content'"
			     " AND (instr(wording, '智慧助老') > 0 OR instr(label, '智慧助老') > 0) ORDER BY position LIMIT 1",
		       "I", week_id);
}

long long case_save(db *d, arena *a, const actor *who, elder_case *x, errs *e)
{
	if (!x->id) {
		long long week_id = db_int(d, 0, "SELECT week_id FROM activities WHERE id = ?1 AND unit_id = ?2", "II",
					   x->activity_id, x->unit_id);
		const char *cat = week_id ? case_category(d, a, week_id) : NULL;
		if (!week_id || (cat && !db_exists(d, "SELECT 1 FROM activity_tags WHERE activity_id = ?1 AND kind = 'content'"
						       " AND value = ?2", "It", x->activity_id, cat))) {
			err_add(e, "activity", cat ? "请选择本单位一项活动内容为“智慧助老”的活动。" : "请选择本单位的一项活动。");
			return 0;
		}
		if (db_exists(d, "SELECT 1 FROM elder_cases WHERE activity_id = ?1", "I", x->activity_id)) {
			err_add(e, "activity", "这项活动已经写过案例了，请在原案例上修改。");
			return 0;
		}
		x->week_id = db_int(d, 0, "SELECT week_id FROM activities WHERE id = ?1", "I", x->activity_id);
	}
	return save_with(d, a, who, "case", &x->id, x->unit_id, x->week_id, x->title, CASE_SNAP, case_write, x, LINK_RESOURCE,
			 NULL, -1, "elder_cases", x->revision, e);
}

#define CASE_COLS "c.id, c.activity_id, c.unit_id, c.week_id, c.trained, c.title, c.taught, c.lessons, u.name, a.title," \
		  " a.status, a.starts_at, c.recommended, c.revision"

static void case_from(stmt *st, arena *a, void *row)
{
	elder_case *x = row;
	memset(x, 0, sizeof *x);
	x->id = col_int(st, 0);
	x->activity_id = col_int(st, 1);
	x->unit_id = col_int(st, 2);
	x->week_id = col_int(st, 3);
	x->trained = col_int(st, 4);
	char **s[] = {&x->title, &x->taught, &x->lessons, &x->unit_name, &x->activity_title, &x->activity_status};
	for (int i = 0; i < 6; i++)
		*s[i] = col_dup(st, a, 5 + i);
	x->activity_starts = col_int(st, 11);
	x->recommended = col_int(st, 12) != 0;
	x->revision = col_int(st, 13);
}

bool case_load(db *d, arena *a, long long id, elder_case *x)
{
	return load_row(d, a, "SELECT " CASE_COLS " FROM elder_cases c JOIN units u ON u.id = c.unit_id"
			      " JOIN activities a ON a.id = c.activity_id WHERE c.id = ?1", id, case_from, x);
}

int case_list(db *d, arena *a, long long week_id, long long unit_id, bool public_only, elder_case **out)
{
	void *v;
	/* a public case needs a public activity too: a draft is nobody's business yet */
	int n = list_rows(d, a, "SELECT count(*) FROM elder_cases WHERE week_id = ?1",
			  "SELECT " CASE_COLS " FROM elder_cases c JOIN units u ON u.id = c.unit_id"
			  " JOIN activities a ON a.id = c.activity_id WHERE c.week_id = ?1 AND (?2 = 0 OR c.unit_id = ?2)"
			  " AND (?3 = 0 OR (c.recommended = 1 AND a.status = 'published')) ORDER BY u.sort_order, a.starts_at, c.id",
			  week_id, unit_id, public_only, sizeof **out, case_from, &v);
	*out = v;
	return n;
}

/* ---- the centre's decisions, and removal ---- */

static const struct {
	const char *entity, *table, *snap, *pick_sql, *media;
} kinds[] = {
	[PICK_STAR] = {"star", "stars", STAR_SNAP,
		       "UPDATE stars SET status = CASE WHEN ?1 = 1 THEN 'selected' ELSE 'recommended' END, updated_at = ?2 WHERE id = ?3",
		       NULL},
	[PICK_BRAND] = {"brand", "brands", BRAND_SNAP,
			"UPDATE brands SET status = CASE WHEN ?1 = 1 THEN 'selected' ELSE 'recommended' END, updated_at = ?2 WHERE id = ?3",
			"brand"},
	[PICK_CASE] = {"case", "elder_cases", CASE_SNAP,
		       "UPDATE elder_cases SET recommended = ?1, recommended_by = CASE WHEN ?1 = 1 THEN NULLIF(?4, 0) END,"
		       " recommended_at = CASE WHEN ?1 = 1 THEN ?2 END, updated_at = ?2 WHERE id = ?3",
		       "case"},
};

static long long owner_unit(db *d, pick_kind kind, long long id)
{
	const char *sql[] = {[PICK_STAR] = "SELECT unit_id FROM stars WHERE id = ?1",
			     [PICK_BRAND] = "SELECT unit_id FROM brands WHERE id = ?1",
			     [PICK_CASE] = "SELECT unit_id FROM elder_cases WHERE id = ?1"};
	return db_int(d, 0, sql[kind], "I", id);
}

int showcase_pick(db *d, arena *a, const actor *who, pick_kind kind, long long id, bool picked)
{
	if (db_begin(d) < 0)
		return -1;
	char *old = row_json(d, a, kinds[kind].snap, id);
	int rc = old ? 0 : -1;
	if (rc == 0 && kind == PICK_CASE)
		rc = db_exec(d, kinds[kind].pick_sql, "iIII", picked ? 1 : 0, who->now, id, who->account_id);
	else if (rc == 0)
		rc = db_exec(d, kinds[kind].pick_sql, "iII", picked ? 1 : 0, who->now, id);
	if (rc == 0)
		rc = audit(d, who, owner_unit(d, kind, id), picked ? "select" : "unselect", kinds[kind].entity, id,
			   kind == PICK_CASE ? (picked ? "推荐案例" : "取消推荐") : (picked ? "入选" : "改回推荐"), old,
			   row_json(d, a, kinds[kind].snap, id));
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int showcase_delete(db *d, arena *a, const actor *who, pick_kind kind, long long id)
{
	if (db_begin(d) < 0)
		return -1;
	char *old = row_json(d, a, kinds[kind].snap, id);
	long long unit_id = owner_unit(d, kind, id);
	int rc = old ? 0 : -1;
	if (rc == 0 && kinds[kind].media)
		rc = db_exec(d, "DELETE FROM showcase_photos WHERE owner = ?1 AND owner_id = ?2", "tI", kinds[kind].media, id);
	if (rc == 0)
		rc = db_exec(d, arena_printf(a, "DELETE FROM %s WHERE id = ?1", kinds[kind].table), "I", id);
	if (rc == 0)
		rc = audit(d, who, unit_id, "delete", kinds[kind].entity, id, NULL, old, NULL);
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}
