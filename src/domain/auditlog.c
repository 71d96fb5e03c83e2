/* auditlog.c: the audit log read back for the centre. */
#include "auditlog.h"

#define AUDIT_WHERE " WHERE (?1 = 0 OR l.unit_id = ?1) AND (?2 IS NULL OR l.entity = ?2)" \
		    " AND (?3 IS NULL OR l.action = ?3) AND (?4 IS NULL OR l.username = ?4) AND (?5 = 0 OR l.at >= ?5) AND (?6 = 0 OR l.at < ?6)"

long long audit_count(db *d, const audit_filter *f)
{
	return db_int(d, 0, "SELECT count(*) FROM audit_log l" AUDIT_WHERE,
		      "ItttII", f->unit_id, f->entity, f->action, f->username, f->from, f->to);
}

int audit_lines(db *d, arena *a, const audit_filter *f, long long page, int per_page, audit_line **out)
{
	stmt st;
	*out = arena_alloc(a, sizeof **out * (size_t)(per_page + 1));
	if (db_prep(d, &st,
		    "SELECT l.at, l.username, COALESCE(u.name, ''), l.action, l.entity, COALESCE(l.entity_id, 0), l.summary,"
		    " l.old_value, l.new_value, l.address FROM audit_log l LEFT JOIN units u ON u.id = l.unit_id"
		    AUDIT_WHERE " ORDER BY l.id DESC LIMIT ?7 OFFSET ?8",
		    "ItttIIII", f->unit_id, f->entity, f->action, f->username, f->from, f->to, (long long)per_page,
		    (page - 1) * per_page) < 0)
		return -1;
	int n = 0;
	while (n < per_page && stmt_step(&st) == 1) {
		audit_line *l = &(*out)[n++];
		l->at = col_int(&st, 0);
		l->username = arena_strdup(a, col_text(&st, 1));
		l->unit_name = arena_strdup(a, col_text(&st, 2));
		l->action = arena_strdup(a, col_text(&st, 3));
		l->entity = arena_strdup(a, col_text(&st, 4));
		l->entity_id = col_int(&st, 5);
		l->summary = arena_strdup(a, col_text(&st, 6));
		l->old_value = col_dup(&st, a, 7);
		l->new_value = col_dup(&st, a, 8);
		l->address = arena_strdup(a, col_text(&st, 9));
	}
	stmt_done(&st);
	return n;
}
