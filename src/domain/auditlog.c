/* auditlog.c: the audit log read back for the centre. */
#include "auditlog.h"

#define AUDIT_WHERE " WHERE (?1 = 0 OR l.unit_id = ?1) AND (?2 IS NULL OR l.entity = ?2)" \
		    " AND (?3 IS NULL OR l.action = ?3) AND (?4 IS NULL OR l.username = ?4) AND (?5 = 0 OR l.at >= ?5) AND (?6 = 0 OR l.at < ?6)"

long long audit_count(db *d, const audit_filter *f)
{
	return db_int(d, 0, "SELECT count(*) FROM audit_log l" AUDIT_WHERE,
		      "ItttII", f->unit_id, f->entity, f->action, f->username, f->from, f->to);
}

#define AUDIT_SELECT "SELECT l.at, l.username, COALESCE(u.name, ''), l.action, l.entity, COALESCE(l.entity_id, 0), l.summary," \
		     " l.old_value, l.new_value, l.address, COALESCE(acc.display_name, '')" \
		     " FROM audit_log l LEFT JOIN units u ON u.id = l.unit_id LEFT JOIN accounts acc ON acc.id = l.account_id"

static void line_from(stmt *st, arena *a, audit_line *l)
{
	l->at = col_int(st, 0);
	l->username = arena_strdup(a, col_text(st, 1));
	l->unit_name = arena_strdup(a, col_text(st, 2));
	l->action = arena_strdup(a, col_text(st, 3));
	l->entity = arena_strdup(a, col_text(st, 4));
	l->entity_id = col_int(st, 5);
	l->summary = arena_strdup(a, col_text(st, 6));
	l->old_value = col_dup(st, a, 7);
	l->new_value = col_dup(st, a, 8);
	l->address = arena_strdup(a, col_text(st, 9));
	l->display_name = arena_strdup(a, col_text(st, 10));
}

int audit_lines(db *d, arena *a, const audit_filter *f, long long page, int per_page, audit_line **out)
{
	stmt st;
	*out = arena_alloc(a, sizeof **out * (size_t)(per_page + 1));
	if (db_prep(d, &st, AUDIT_SELECT AUDIT_WHERE " ORDER BY l.id DESC LIMIT ?7 OFFSET ?8",
		    "ItttIIII", f->unit_id, f->entity, f->action, f->username, f->from, f->to, (long long)per_page,
		    (page - 1) * per_page) < 0)
		return -1;
	int n = 0;
	while (n < per_page && stmt_step(&st) == 1)
		line_from(&st, a, &(*out)[n++]);
	stmt_done(&st);
	return n;
}

long long audit_each(db *d, const audit_filter *f, void (*fn)(const audit_line *l, arena *a, void *ctx), void *ctx)
{
	stmt st;
	if (db_prep(d, &st, AUDIT_SELECT AUDIT_WHERE " ORDER BY l.id DESC",
		    "ItttII", f->unit_id, f->entity, f->action, f->username, f->from, f->to) < 0)
		return -1;
	long long n = 0;
	int rc;
	while ((rc = stmt_step(&st)) == 1) {
		arena scratch = {0};
		audit_line l;
		line_from(&st, &scratch, &l);
		fn(&l, &scratch, ctx);
		arena_free(&scratch);
		n++;
	}
	stmt_done(&st);
	return rc < 0 ? -1 : n;
}
