/* calendar.c: queries of the public calendar (see calendar.h). */
#include "calendar.h"

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
