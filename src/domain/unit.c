/* unit.c: reporting units. A unit is never deleted: reports, activities and
 * the audit log refer to it for years; it is retired instead. */
#include "org.h"
#include "core/text.h"
#include "domain/resource.h"
#include "domain/participation.h"
#include <stdio.h>
#include <string.h>

/* The levels, from the top down: a node's kind ranks below its parent's
 * (a 市 under a 省, a 县 under a 市, a 街道 under a 县; 区 县 开发区 管理局
 * are one level). The root may be any of them. */
const char *const unit_kinds[] = {"省", "市", "区", "县", "开发区", "管理局", "街道"};
const int unit_kinds_n = 7;
static const int kind_rank[] = {0, 1, 2, 2, 2, 2, 3};

int unit_kind_rank(const char *kind)
{
	for (int i = 0; kind && i < unit_kinds_n; i++)
		if (!strcmp(kind, unit_kinds[i]))
			return kind_rank[i];
	return -1;
}

const char *unit_kind_of_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	const char *best = NULL;
	for (int i = 0; i < unit_kinds_n; i++) {
		size_t k = strlen(unit_kinds[i]);
		if (n >= k && !strcmp(name + n - k, unit_kinds[i]) && (!best || k > strlen(best)))
			best = unit_kinds[i];
	}
	return best;
}

char *unit_kinds_below(arena *a, const char *parent_kind)
{
	int rank = unit_kind_rank(parent_kind);
	const char *v[8];
	int n = 0;
	for (int i = 0; i < unit_kinds_n; i++)
		if (kind_rank[i] > rank)
			v[n++] = unit_kinds[i];
	char *s = arena_strdup(a, "");
	for (int i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%s", s, i == 0 ? "" : i == n - 1 ? "或" : "、", v[i]);
	return s;
}


static void unit_from(stmt *st, arena *a, unit *u)
{
	u->id = col_int(st, 0);
	u->parent_id = col_int(st, 1);
	u->name = col_dup(st, a, 2);
	u->kind = col_dup(st, a, 3);
	u->code = col_dup(st, a, 4);
	u->sort_order = col_int(st, 5);
	u->retired = col_int(st, 6) != 0;
	u->consult_phone = col_dup(st, a, 7);
	u->depth = 0;
}

bool unit_load(db *d, arena *a, long long id, unit *u)
{
	stmt st;
	if (db_prep(d, &st, "SELECT id, COALESCE(parent_id, 0), name, kind, code, sort_order, retired, consult_phone FROM units WHERE id = ?1",
		    "I", id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok)
		unit_from(&st, a, u);
	stmt_done(&st);
	return ok;
}

long long unit_root(db *d)
{
	return db_int(d, 0, "SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1", NULL);
}

long long unit_by_name(db *d, const char *name)
{
	return db_int(d, 0, "SELECT id FROM units WHERE name = ?1", "t", name);
}

bool unit_is_root(db *d, long long id)
{
	return db_exists(d, "SELECT 1 FROM units WHERE id = ?1 AND parent_id IS NULL", "I", id);
}

bool unit_retired(db *d, long long id)
{
	return db_exists(d, "SELECT 1 FROM units WHERE id = ?1 AND retired = 1", "I", id);
}

long long unit_next_sort_order(db *d)
{
	return db_int(d, 0, "SELECT min(COALESCE(max(sort_order), 0) + 10, 9999) FROM units", NULL);
}

long long unit_next_sort_order_under(db *d, long long parent)
{
	return db_int(d, 0, "SELECT min(COALESCE(max(sort_order), 0) + 10, 9999) FROM units WHERE parent_id = ?1", "I", parent);
}

/* The units from id up to its root, as a recursive CTE named up(id, parent_id). */
#define UNIT_UP "WITH RECURSIVE up(id, parent_id) AS (" \
		" SELECT id, parent_id FROM units WHERE id = ?1" \
		" UNION ALL SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id)"

long long unit_root_of(db *d, long long unit_id)
{
	return db_int(d, unit_id, UNIT_UP " SELECT id FROM up WHERE parent_id IS NULL", "I", unit_id);
}

bool unit_within(db *d, long long unit_id, long long ancestor)
{
	if (unit_id == ancestor)
		return true;
	if (unit_id <= 0 || ancestor <= 0)
		return false;
	return db_exists(d, UNIT_UP " SELECT 1 FROM up WHERE id = ?2", "II", unit_id, ancestor);
}

bool unit_has_children(db *d, long long id)
{
	return db_exists(d, "SELECT 1 FROM units WHERE parent_id = ?1", "I", id);
}

bool unit_is_organiser(db *d, long long id)
{
	return unit_is_root(d, id) || unit_has_children(d, id);
}

int unit_ancestors(db *d, arena *a, long long id, unit **out)
{
	/* up from id, then reversed: the top first */
	int n = (int)db_int(d, 0, UNIT_UP " SELECT count(*) - 1 FROM up", "I", id);
	unit *v = arena_alloc(a, sizeof *v * (size_t)(n > 0 ? n + 1 : 1));
	int k = 0;
	unit self;
	long long at = unit_load(d, a, id, &self) ? self.parent_id : 0;
	while (at && k < n && unit_load(d, a, at, &v[n - 1 - k])) {
		at = v[n - 1 - k].parent_id;
		k++;
	}
	*out = v;
	return k == n ? n : 0;
}

static void subtree_walk(db *d, arena *a, const unit *node, int depth, bool include_retired, unit *v, int *k, int cap)
{
	if (*k >= cap)
		return;
	v[*k] = *node;
	v[*k].depth = depth;
	(*k)++;
	unit *kids;
	int nk = unit_children(d, a, node->id, include_retired, &kids);
	for (int i = 0; i < nk; i++)
		subtree_walk(d, a, &kids[i], depth + 1, include_retired, v, k, cap);
}

int unit_subtree(db *d, arena *a, long long top, bool include_retired, unit **out)
{
	int cap = (int)db_int(d, 0, "WITH RECURSIVE down(id) AS (SELECT id FROM units WHERE id = ?1"
				    " UNION ALL SELECT u.id FROM units u JOIN down ON u.parent_id = down.id) SELECT count(*) FROM down",
			      "I", top);
	unit *v = arena_alloc(a, sizeof *v * (size_t)(cap + 1));
	int k = 0;
	unit root;
	if (cap > 0 && unit_load(d, a, top, &root))
		subtree_walk(d, a, &root, 0, include_retired, v, &k, cap);
	*out = v;
	return k;
}

/* ---- ownership: which unit an object belongs to ----
 * One table for the whole program: a new kind of object that belongs to a
 * unit adds its line here, and every route that names it is checked. */
static const struct {
	const char *kind;
	const char *sql; /* ?1 = id -> unit id; NULL: the id is the unit */
} owners[] = {
	{"unit", NULL},
	{"account", "SELECT unit_id FROM accounts WHERE id = ?1"},
	{"week", ""}, /* weeks belong to the organiser; no unit check */
	{"activity", "SELECT unit_id FROM activities WHERE id = ?1"},
	{"photo", "SELECT a.unit_id FROM activity_photos p JOIN activities a ON a.id = p.activity_id WHERE p.id = ?1"},
	{"token", "SELECT a.unit_id FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.id = ?1"},
	{"import", "SELECT unit_id FROM imports WHERE id = ?1"},
	{"resource", "SELECT unit_id FROM resources WHERE id = ?1"},
	{"star", "SELECT unit_id FROM stars WHERE id = ?1"},
	{"brand", "SELECT unit_id FROM brands WHERE id = ?1"},
	{"case", "SELECT unit_id FROM elder_cases WHERE id = ?1"},
	{"attachment", "SELECT r.unit_id FROM attachments t JOIN reports r ON r.id = t.report_id WHERE t.id = ?1"},
	{"publicity", "SELECT unit_id FROM publicity WHERE id = ?1"},
	{"submission", "SELECT r.unit_id FROM submissions s JOIN reports r ON r.id = s.report_id WHERE s.id = ?1"},
	{"job", ""}, /* exports belong to the organiser, like weeks */
};

long long owner_unit_of(db *d, const char *kind, long long id)
{
	for (size_t i = 0; i < sizeof owners / sizeof *owners; i++) {
		if (strcmp(owners[i].kind, kind))
			continue;
		if (!owners[i].sql)
			return db_exists(d, "SELECT 1 FROM units WHERE id = ?1", "I", id) ? id : 0;
		if (!owners[i].sql[0])
			return -2; /* not owned by a unit */
		return db_int(d, 0, owners[i].sql, "I", id);
	}
	return -1;
}

int unit_children(db *d, arena *a, long long parent, bool include_retired, unit **out)
{
	int n = (int)db_int(d, 0, "SELECT count(*) FROM units WHERE parent_id = ?1", "I", parent);
	unit *v = arena_alloc(a, sizeof *v * (size_t)(n + 1));
	stmt st;
	int i = 0;
	if (db_prep(d, &st, "SELECT id, COALESCE(parent_id, 0), name, kind, code, sort_order, retired, consult_phone FROM units"
			    " WHERE parent_id = ?1 AND (?2 <> 0 OR retired = 0) ORDER BY retired, sort_order, id",
		    "Ii", parent, include_retired ? 1 : 0) == 0) {
		while (i < n && stmt_step(&st) == 1)
			unit_from(&st, a, &v[i++]);
		stmt_done(&st);
	}
	*out = v;
	return i;
}

static bool code_ok(const char *s)
{
	if (!s || !*s || strlen(s) > 32)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

/* The checks of a unit to be saved, against what the database holds now. */
void unit_check(db *d, arena *a, unit *u, errs *e)
{
	u->name = str_trim(u->name ? u->name : arena_strdup(a, ""));
	u->code = str_trim(u->code ? u->code : arena_strdup(a, ""));
	if (!*u->name)
		err_add(e, "name", "请填写单位名称。");
	else if (utf8_chars(u->name) > 60)
		err_add(e, "name", "单位名称最多 60 个字。");
	/* a node ranks below its parent: under a 市, a 区 县 开发区 管理局 or 街道 */
	unit parent = {0};
	bool has_parent = u->parent_id && unit_load(d, a, u->parent_id, &parent);
	if (u->parent_id && !has_parent)
		err_add(e, "parent_id", "请选择上级单位。");
	int rank = unit_kind_rank(u->kind);
	if (rank < 0 || (has_parent && rank <= unit_kind_rank(parent.kind)))
		err_add(e, "kind", has_parent ? arena_printf(a, "请选择单位类别：「%s」的下级可以是%s。", parent.name, unit_kinds_below(a, parent.kind))
					      : "请选择单位类别：省、市、区、县、开发区、管理局或街道。");
	if (has_parent && u->id && unit_within(d, u->parent_id, u->id))
		err_add(e, "parent_id", "上级单位不能是它自己或它的下级。");
	if (!code_ok(u->code))
		err_add(e, "code", "单位代码只能由小写字母、数字、- 和 _ 组成（最多 32 个字符），例如 donghu。");
	if (u->sort_order < 0 || u->sort_order > 9999)
		err_add(e, "sort_order", "显示顺序应为 0 到 9999 之间的整数。");
	if (*u->name && db_exists(d, "SELECT 1 FROM units WHERE name = ?1 AND id <> ?2", "tI", u->name, u->id))
		err_add(e, "name", arena_printf(a, "已有名为「%s」的单位，单位名称不能重复。", u->name));
	if (code_ok(u->code) && db_exists(d, "SELECT 1 FROM units WHERE code = ?1 AND id <> ?2", "tI", u->code, u->id))
		err_add(e, "code", arena_printf(a, "单位代码「%s」已被使用。", u->code));
}

static const char *const unit_sel = "SELECT id, parent_id, name, kind, code, sort_order, retired FROM units WHERE id = ?1";

/* Writes a checked unit inside the caller's transaction, with its audit line. */
int unit_write(db *d, arena *a, const actor *who, unit *u)
{
	const char *sel = unit_sel;
	char *old = u->id ? row_json(d, a, sel, u->id) : NULL;
	int rc;
	if (u->id) {
		rc = db_exec(d, "UPDATE units SET name = ?1, kind = ?2, code = ?3, sort_order = ?4, parent_id = NULLIF(?6, 0) WHERE id = ?5",
			     "tttIII", u->name, u->kind, u->code, u->sort_order, u->id, u->parent_id);
	} else {
		rc = db_exec(d, "INSERT INTO units(parent_id, name, kind, code, sort_order, created_at)"
				" VALUES (NULLIF(?1, 0), ?2, ?3, ?4, ?5, ?6)",
			     "ItttII", u->parent_id, u->name, u->kind, u->code, u->sort_order, who->now);
		if (rc == 0)
			u->id = db_last_id(d);
	}
	if (rc == 0)
		rc = audit(d, who, u->id, old ? "update" : "create", "unit", u->id, u->name, old, row_json(d, a, sel, u->id));
	return rc;
}

long long unit_save(db *d, arena *a, const actor *who, unit *u, errs *e)
{
	unit_check(d, a, u, e);
	if (e->n)
		return 0;
	if (db_begin(d) < 0) {
		err_add(e, NULL, "数据库忙，请稍后重试。");
		return 0;
	}
	int rc = unit_write(d, a, who, u);
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		err_add(e, NULL, "保存失败（名称或代码可能刚被他人使用），请重试。");
		return 0;
	}
	return u->id;
}

int unit_set_retired(db *d, arena *a, const actor *who, long long id, bool retired)
{
	const char *sel = "SELECT id, name, retired FROM units WHERE id = ?1";
	if (db_begin(d) < 0)
		return -1;
	char *old = row_json(d, a, sel, id);
	if (!old || db_exec(d, "UPDATE units SET retired = ?1 WHERE id = ?2 AND parent_id IS NOT NULL", "iI", retired ? 1 : 0, id) < 0 ||
	    db_changes(d) != 1 ||
	    audit(d, who, id, retired ? "retire" : "restore", "unit", id, NULL, old, row_json(d, a, sel, id)) < 0) {
		db_rollback(d);
		return -1;
	}
	return db_commit(d);
}

/* The digits of a number typed with spaces or dashes; -1 for anything else. */
static int plain_digits(const char *in, char d[32])
{
	int n = 0;
	for (const char *p = in ? in : ""; *p; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		if (*p < '0' || *p > '9' || n == 31)
			return -1;
		d[n++] = *p;
	}
	d[n] = 0;
	return n;
}

bool office_phone_normalize(const char *in, char out[32])
{
	char d[32];
	int n = plain_digits(in, d);
	out[0] = 0;
	/* service numbers: 400/800 with 7 more digits, 12345, 95xxx and 96xxx */
	if (n == 10 && (!strncmp(d, "400", 3) || !strncmp(d, "800", 3))) {
		snprintf(out, 32, "%.3s-%.3s-%.4s", d, d + 3, d + 6);
		return true;
	}
	if ((n == 5 && (!strcmp(d, "12345") || !strncmp(d, "95", 2) || !strncmp(d, "96", 2))) ||
	    (n == 6 && (!strncmp(d, "95", 2) || !strncmp(d, "96", 2)))) {
		snprintf(out, 32, "%s", d);
		return true;
	}
	/* an office landline; a mobile (1xx xxxx xxxx) is a person's, not a unit's */
	char norm[32];
	if (!booking_phone_normalize(in, norm) || norm[0] != '0')
		return false;
	memcpy(out, norm, sizeof norm);
	return true;
}

int unit_set_phone(db *d, arena *a, const actor *who, long long id, const char *phone, errs *e)
{
	char *p = str_trim(arena_strdup(a, phone ? phone : ""));
	char norm[32] = "";
	char mobile[12];
	if (*p && phone_normalize(p, mobile)) {
		err_add(e, "consult_phone", "「咨询电话」要填单位的办公电话，不能填个人手机号码。例如 0791-86123456。");
		return -1;
	}
	if (*p && !office_phone_normalize(p, norm)) {
		err_add(e, "consult_phone", "「咨询电话」应是带区号的办公电话（例如 0791-86123456，分机号写在后面：0791-86123456-801）"
					    "或服务热线（例如 400-123-4567、12345）。");
		return -1;
	}
	const char *sel = "SELECT id, name, consult_phone FROM units WHERE id = ?1";
	if (db_begin(d) < 0) {
		err_add(e, NULL, "数据库忙，请稍后重试。");
		return -1;
	}
	char *old = row_json(d, a, sel, id);
	if (!old || db_exec(d, "UPDATE units SET consult_phone = ?1 WHERE id = ?2", "tI", norm, id) < 0 ||
	    audit(d, who, id, "update", "unit", id, NULL, old, row_json(d, a, sel, id)) < 0 || db_commit(d) < 0) {
		db_rollback(d);
		err_add(e, NULL, "保存失败，请重试。");
		return -1;
	}
	return 0;
}

int unit_top_set(db *d, arena *a, const char *name, const char *kind, const char **why)
{
	long long root = unit_root(d);
	*why = NULL;
	char *n = str_trim(arena_strdup(a, name ? name : ""));
	if (!*n || utf8_chars(n) > 60)
		*why = "最上级的名称应为 1 到 60 个字，例如 江西省。";
	else if (unit_kind_rank(kind) < 0)
		*why = arena_printf(a, "类别「%s」不认识，只能是省、市、区、县、开发区、管理局或街道。", kind ? kind : "");
	else if (!root)
		*why = "数据目录里没有最上级单位。";
	if (*why)
		return -1;
	if (db_begin(d) < 0 ||
	    db_exec(d, "UPDATE units SET name = ?1, kind = ?2 WHERE id = ?3", "ttI", n, kind, root) < 0 ||
	    db_exec(d, "UPDATE settings SET value = ?1 WHERE key = 'city'", "t", n) < 0 || db_commit(d) < 0) {
		db_rollback(d);
		*why = "保存失败。";
		return -1;
	}
	return 0;
}

long long unit_by_name_or_code(db *d, const char *s)
{
	return db_int(d, 0, "SELECT id FROM units WHERE code = ?1 OR name = ?1 ORDER BY code = ?1 DESC LIMIT 1", "t", s);
}
