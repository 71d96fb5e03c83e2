/* calendar.c: queries of the public calendar (see calendar.h). */
#include "calendar.h"
#include <string.h>

void activities_content_tags(db *d, arena *a, activity *v, int n)
{
	for (int i = 0; i < n; i++) {
		/* at most six content items: the array never needs to grow */
		v[i].content.v = arena_alloc(a, sizeof(char *) * (N_CONTENT + 1));
		v[i].content.n = 0;
		stmt st;
		if (db_prep(d, &st, "SELECT value FROM activity_tags WHERE activity_id = ?1 AND kind = 'content' ORDER BY value",
			    "I", v[i].id) < 0)
			continue;
		while (v[i].content.n < N_CONTENT && stmt_step(&st) == 1)
			v[i].content.v[v[i].content.n++] = col_dup(&st, a, 0);
		stmt_done(&st);
	}
}

long long activity_places_taken(db *d, long long activity_id)
{
	return db_int(d, 0, "SELECT count(*) FROM registrations WHERE activity_id = ?1 AND status = 'confirmed'", "I",
		      activity_id);
}

static char *like_pattern(arena *a, const char *text)
{
	char *p = arena_alloc(a, 2 * strlen(text) + 3), *o = p;
	*o++ = '%';
	for (const char *s = text; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\'; /* the resident's % and _ are text, not wildcards */
		*o++ = *s;
	}
	*o = '%';
	return p;
}

/* Only the filters in use become SQL, so the planner sees nothing it cannot
 * use; each combination is a statement of its own in the cache (64 at most).
 * Parameters keep their numbers whichever are used: ?1 week, ?2 unit,
 * ?3 content, ?4 audience, ?5 mode, ?6 from, ?7 to, ?8 text, ?9 limit, ?10 offset. */
static char *filters_sql(arena *a, const public_query *q)
{
	return arena_printf(a, "%s%s%s%s%s%s", q->unit_id ? " AND a.unit_id = ?2" : "",
		q->content ? " AND EXISTS (SELECT 1 FROM activity_tags t WHERE t.activity_id = a.id AND t.kind = 'content'"
			     " AND t.value = ?3)" : "",
		q->audience ? " AND EXISTS (SELECT 1 FROM activity_tags t WHERE t.activity_id = a.id AND t.kind = 'audience'"
			      " AND t.value = ?4)" : "",
		q->mode ? " AND a.mode IN (?5, 'both')" : "",
		q->from || q->to ? " AND a.starts_at < ?7 AND a.ends_at > ?6" : "",
		q->q ? " AND (a.title LIKE ?8 ESCAPE '\\' OR a.host LIKE ?8 ESCAPE '\\' OR a.venue LIKE ?8 ESCAPE '\\'"
		       " OR a.street LIKE ?8 ESCAPE '\\')" : "");
}

int public_activities(db *d, arena *a, const public_query *q, activity **out, long long *total)
{
	long long per = q->per_page > 0 ? q->per_page : 50, page = q->page > 0 ? q->page : 1;
	const char *filters = filters_sql(a, q), *like = q->q ? like_pattern(a, q->q) : NULL;
	const char *types = "IItttIItII"; /* in the order of the numbers above */
#define PUBLIC_ARGS q->week_id, q->unit_id, q->content, q->audience, q->mode, q->from, q->to, like
	char *count_sql = arena_printf(a,
		"SELECT count(*) FROM (SELECT 1 FROM activities a WHERE a.week_id = ?1"
		" AND a.status IN ('published', 'cancelled')%s LIMIT ?9 OFFSET ?10)", filters);
	*total = db_int(d, 0, count_sql, types, PUBLIC_ARGS, q->count_cap > 0 ? q->count_cap : -1, 0LL);
	/* One ordered arm per status: each walks the (week_id, status, starts_at)
	 * index in order and SQLite merges them, so the first page of a week of a
	 * million activities reads a few dozen rows instead of sorting them all. */
	const char *arm = "SELECT %s FROM activities a JOIN units u ON u.id = a.unit_id"
			  " WHERE a.week_id = ?1 AND a.status = '%s'%s";
	char *sql = arena_printf(a, "%s UNION ALL %s ORDER BY 8, 1 LIMIT ?9 OFFSET ?10",
				 arena_printf(a, arm, activity_columns, "published", filters),
				 arena_printf(a, arm, activity_columns, "cancelled", filters));
	activity *v = arena_alloc(a, sizeof *v * (size_t)(per + 1));
	int n = 0;
	stmt st;
	if (db_prep(d, &st, sql, types, PUBLIC_ARGS, per, (page - 1) * per) == 0) {
		while (n < per && stmt_step(&st) == 1)
			activity_from_row(&st, a, &v[n++]);
		stmt_done(&st);
	}
#undef PUBLIC_ARGS
	*out = v;
	return n;
}
