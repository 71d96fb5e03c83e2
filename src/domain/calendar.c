/* calendar.c: queries of the public calendar (see calendar.h). */
#include "calendar.h"
#include "org.h"
#include "textindex.h"
#include "core/buf.h"
#include <stdlib.h>
#include <string.h>

void activities_content_tags(db *d, arena *a, activity *v, int n)
{
	for (int i = 0; i < n; i++) {
		/* at most a week's MAX_CONTENT items: the array never needs to grow */
		v[i].content.v = arena_alloc(a, sizeof(char *) * (MAX_CONTENT + 1));
		v[i].content.n = 0;
		stmt st;
		if (db_prep(d, &st, "SELECT value FROM activity_tags WHERE activity_id = ?1 AND kind = 'content' ORDER BY value",
			    "I", v[i].id) < 0)
			continue;
		while (v[i].content.n < MAX_CONTENT && stmt_step(&st) == 1)
			v[i].content.v[v[i].content.n++] = col_dup(&st, a, 0);
		stmt_done(&st);
	}
}

long long activity_places_taken(db *d, long long activity_id)
{
	return db_int(d, 0, "SELECT count(*) FROM registrations WHERE activity_id = ?1 AND status = 'confirmed'", "I",
		      activity_id);
}

/* How a week of a million activities is searched (the figures are in
 * bench/README.md, "Calendar at 1,000,000 activities"):
 *
 * - The list walks the week in the calendar's order (starts_at, id) along
 *   activities_week_status_time, one arm per status merged by SQLite, and
 *   stops after count_cap rows: the first page and the count read a few
 *   thousand rows when the filters match often. One statement gives the
 *   count and the page's ids (from the index alone when no filter needs the
 *   row); then the page's rows are read whole.
 * - A day (or "now") is not "starts_at < to AND ends_at > from", which walks
 *   everything that began before the day's end: it is the activities that
 *   start at most LONG_SECONDS before the window and end in it (one range,
 *   the end read from the index), plus the few longer ones that began
 *   earlier (the partial index activities_long). The two are disjoint.
 * - Content, audience and mode are bitmaps of the week (facet_bits,
 *   migration 160), ANDed; their population count says the way: fewer than
 *   POSTINGS_CAP ids, the list starts from them; more, the walk reads the
 *   index in calendar order and keeps the ids in the bitmap, meeting
 *   matches often. (Merging the tags' id lists in SQL cost 45 to 55 ms at a
 *   million when two large lists had nothing in common.)
 * - Text: the index of migration 081 gives the ids whose title, host, venue
 *   or street hold every character pair of the query (its one character, for
 *   a query of one): a candidate set like the content ids above, confirmed
 *   row by row with LIKE. Only when the text is common (POSTINGS_CAP
 *   candidates or more) does the walk match it with LIKE instead, and then
 *   it meets matches all along. Every match in the week is found.
 *   Why pairs and single characters in FTS5 with detail=none: FTS5's trigram
 *   tokenizer finds nothing for the one- and two-character words residents
 *   type (书, 读书, 太极); a table of our own with a row per pair and
 *   activity held 43 rows per activity, 1.5 GB at a million; FTS5 keeps the
 *   same pairs as delta-coded rowid lists (bench/README.md has the size).
 *
 * Only the filters in use become SQL, so each combination is a statement of
 * its own in the cache. Every statement binds the same eleven parameters:
 * ?1 week, ?2 unit, ?3 content, ?4 audience, ?5 mode, ?6 the other mode,
 * ?7 from, ?8 to, ?9 text, ?10 unused (-1), ?11 the statement's LIMIT (which
 * every statement has, so that ?11 is the highest number in each). */
#define LONG_SECONDS "28800" /* as in 050_calendar_indexes.sql */
#define POSTINGS_CAP 20000
#define TEXT_SCAN -1 /* ?10: once the text search's cap, now unused */
#define PUBLIC_TYPES "IIttttIItII"
#define PUBLIC_ARGS(limit) q->week_id, q->unit_id, q->content, q->audience, q->mode, other_mode, q->from, q->to, like, \
	(long long)TEXT_SCAN, (long long)(limit)

/* The window's two ranges by start, to append to an arm. The long one
 * repeats the partial index's condition word for word, and keeps SQLite off
 * the other indexes of activities: "+" (PostgreSQL reads it as a no-op) and
 * status by "<>" (draft being the only other status), so that it takes
 * activities_long whether or not ANALYZE has run. */
static const char *const near_sql = " AND a.starts_at >= ?7 - " LONG_SECONDS " AND a.starts_at < ?8 AND a.ends_at > ?7";
static const char *const long_sql = " AND a.ends_at - a.starts_at > " LONG_SECONDS " AND +a.starts_at < ?7 - " LONG_SECONDS
				    " AND a.ends_at > ?7";

/* The activities the content, audience and mode filters in use allow, as a
 * bitmap over the ids (migration 160: bit id % 63 of word id / 63, per week,
 * kept by triggers): each filter's words are read in order and ANDed, a few
 * milliseconds for a million activities where merging the tags' id lists
 * took 45 to 55 ms. n is how many bits are set: drafts and activities moved
 * to another week may be among them (the list checks those on the row or the
 * index), never one without the tags. */
#define FACET_BITS 63
/* A scope of several weeks or units is merged in the calendar's order by
 * SQLite, an arm (two or three SELECTs) each, up to this many; SQLite takes
 * 500 SELECTs in one compound. Past it, one condition over every arm. */
#define MERGE_ARMS 120

/* The scope's arms as SQL: "?1" and "?2" for one week (so that every week
 * and unit shares a statement, as before levels), the ids written in for
 * several (a statement per scope; they are ours, never a visitor's text). */
static int arm_count(const public_query *q)
{
	return q->narms > 1 ? q->narms : 1;
}

static long long arm_week_id(const public_query *q, int i)
{
	return q->narms > 1 ? q->arms[i].week_id : q->week_id;
}

static const char *arm_week(arena *a, const public_query *q, int i)
{
	return q->narms > 1 ? arena_printf(a, "%lld", q->arms[i].week_id) : "?1";
}

static const char *arm_unit(arena *a, const public_query *q, int i)
{
	if (q->narms > 1)
		return q->arms[i].unit_id ? arena_printf(a, "%lld", q->arms[i].unit_id) : NULL;
	return q->unit_id ? "?2" : NULL;
}

/* The whole scope as one condition on the rows of a. */
static const char *scope_cond(arena *a, const public_query *q)
{
	if (q->narms <= 1)
		return q->unit_id ? "a.week_id = ?1 AND a.unit_id = ?2" : "a.week_id = ?1";
	const char *s = "";
	for (int i = 0; i < q->narms; i++)
		s = q->arms[i].unit_id ? arena_printf(a, "%s%s(a.week_id = %lld AND a.unit_id = %lld)", s, i ? " OR " : "",
						      q->arms[i].week_id, q->arms[i].unit_id)
				       : arena_printf(a, "%s%sa.week_id = %lld", s, i ? " OR " : "", q->arms[i].week_id);
	return arena_printf(a, "(%s)", s);
}

typedef struct facet_set {
	unsigned long long *w;
	long long nw, n;
} facet_set;

static bool facet_has(const facet_set *f, long long id)
{
	long long k = id / FACET_BITS;
	return id >= 0 && k < f->nw && (f->w[k] >> (id % FACET_BITS) & 1);
}

/* false when no filter is in use or a read failed (then the walk checks
 * each filter on the row) */
static bool facet_load(db *d, arena *a, const public_query *q, facet_set *f)
{
	const char *kinds[3] = {"content", "audience", "mode"}, *values[3] = {q->content, q->audience, q->mode};
	long long max = db_int(d, -1, "SELECT max(id) FROM activities", NULL);
	if ((!q->content && !q->audience && !q->mode) || max < 0)
		return false;
	f->nw = max / FACET_BITS + 1;
	f->w = arena_alloc(a, sizeof *f->w * (size_t)f->nw);
	unsigned long long *one = arena_alloc(a, sizeof *one * (size_t)f->nw);
	bool first = true;
	for (int k = 0; k < 3; k++) {
		if (!values[k])
			continue;
		unsigned long long *into = first ? f->w : one;
		if (!first)
			memset(one, 0, sizeof *one * (size_t)f->nw);
		/* a scope of several weeks: the union of their bitmaps */
		for (int i = 0; i < arm_count(q); i++) {
			bool seen = false;
			for (int j = 0; j < i && !seen; j++)
				seen = arm_week_id(q, j) == arm_week_id(q, i);
			if (seen)
				continue;
			stmt st;
			if (db_prep(d, &st, "SELECT word, bits FROM facet_bits WHERE week_id = ?1 AND kind = ?2 AND value = ?3",
				    "Itt", arm_week_id(q, i), kinds[k], values[k]) < 0)
				return false;
			int rc;
			while ((rc = stmt_step(&st)) == 1) {
				long long word = col_int(&st, 0);
				if (word >= 0 && word < f->nw)
					into[word] |= (unsigned long long)col_int(&st, 1);
			}
			stmt_done(&st);
			if (rc < 0)
				return false;
		}
		if (!first)
			for (long long i = 0; i < f->nw; i++)
				f->w[i] &= one[i];
		first = false;
	}
	f->n = 0;
	for (long long i = 0; i < f->nw; i++)
		f->n += __builtin_popcountll(f->w[i]);
	return true;
}

/* The ids of the set in ascending order, those of keep (when given) only. */
static long long facet_ids(const facet_set *f, arena *a, const long long *keep, long long nkeep, long long **out)
{
	long long n = 0, *v = arena_alloc(a, sizeof *v * (size_t)((keep ? nkeep : f->n) + 1));
	if (keep) {
		for (long long i = 0; i < nkeep; i++)
			if (facet_has(f, keep[i]))
				v[n++] = keep[i];
	} else {
		for (long long i = 0; i < f->nw; i++)
			for (unsigned long long b = f->w[i]; b; b &= b - 1)
				v[n++] = i * FACET_BITS + __builtin_ctzll(b);
	}
	*out = v;
	return n;
}

/* The filters checked row by row on the walk (not text: see below). */
static char *row_filters(arena *a, const public_query *q, const char *unit_sql, bool long_arm)
{
	return arena_printf(a, "%s%s%s%s",
		unit_sql ? arena_printf(a, long_arm ? " AND +a.unit_id = %s" : " AND a.unit_id = %s", unit_sql) : "",
		q->content ? " AND EXISTS (SELECT 1 FROM activity_tags t WHERE t.activity_id = a.id AND t.kind = 'content'"
			     " AND t.value = ?3)" : "",
		q->audience ? " AND EXISTS (SELECT 1 FROM activity_tags t WHERE t.activity_id = a.id AND t.kind = 'audience'"
			      " AND t.value = ?4)" : "",
		q->mode ? " AND a.mode IN (?5, 'both')" : "");
}

/* The text filter on the rows of alias; LIKE is portable, and only ASCII
 * letters fold case in SQLite. */
static const char *text_cond(arena *a, const char *alias)
{
	return arena_printf(a, "(%s.title LIKE ?9 ESCAPE '\\' OR %s.host LIKE ?9 ESCAPE '\\' OR %s.venue LIKE ?9 ESCAPE '\\'"
			    " OR %s.street LIKE ?9 ESCAPE '\\')", alias, alias, alias, alias);
}

/* The walk: one arm per status, each in the calendar's order, merged by
 * SQLite; without ORDER BY. A unit's walk is along activities_week_unit,
 * which has no status: one arm for both there. With a window, the arms take
 * its near range, and one more arm the long activities (sorted: few).
 * Columns: id and starts_at (from the index alone when no filter needs the
 * row), and with text the four columns it is looked for in. */
static char *walk_sql(arena *a, const public_query *q, bool text)
{
	const char *cols = "a.id, a.starts_at";
	/* text, when the walk matches it, in each arm: the walk stops at the
	 * count's cap however many rows it had to read for that */
	const char *arm = text ? arena_printf(a, "%%s%%sSELECT %%s FROM activities a WHERE %%s AND a.status %%s%%s%%s AND %s",
					      text_cond(a, "a"))
			       : "%s%sSELECT %s FROM activities a WHERE %s AND a.status %s%s%s";
	bool window = q->from || q->to, merged = q->narms <= MERGE_ARMS;
	const char *sql = "";
	/* a scope of several weeks: these arms for each week (or unit in a week) */
	for (int i = 0; i < (merged ? arm_count(q) : 1); i++) {
		const char *wc = merged ? arena_printf(a, "a.week_id = %s", arm_week(a, q, i)) : scope_cond(a, q);
		const char *one = merged ? arm_unit(a, q, i) : NULL;
		if (one)
			sql = arena_printf(a, arm, sql, *sql ? " UNION ALL " : "", cols, wc, "IN ('published', 'cancelled')",
					   window ? near_sql : "", row_filters(a, q, one, false));
		else
			for (int s = 0; s < 2; s++)
				sql = arena_printf(a, arm, sql, *sql ? " UNION ALL " : "", cols, wc, s ? "= 'cancelled'" : "= 'published'",
						   window ? near_sql : "", row_filters(a, q, NULL, false));
		if (window)
			sql = arena_printf(a, arm, sql, " UNION ALL ", cols, wc, "<> 'draft'", long_sql, row_filters(a, q, one, true));
	}
	return (char *)sql;
}


/* The candidate ids of a text (ascending), at most POSTINGS_CAP; -1 when the
 * index cannot answer (no word in the text, or the index is behind: synced
 * says whether activity_text_sync() brought it up to date). */
static long long text_ids(db *d, arena *a, const char *text, bool synced, long long **out)
{
	buf m = BUF_INIT;
	long long n = -1;
	if (synced && text_index_words(&m, text, true) > 0) {
		long long *ids = arena_alloc(a, sizeof *ids * POSTINGS_CAP);
		stmt st;
		n = 0;
		if (db_prep(d, &st, "SELECT rowid FROM activity_text WHERE activity_text MATCH ?1 LIMIT ?2", "tI", buf_cstr(&m),
			    (long long)POSTINGS_CAP) == 0) {
			while (n < POSTINGS_CAP && stmt_step(&st) == 1)
				ids[n++] = col_int(&st, 0);
			stmt_done(&st);
		} else {
			n = -1;
		}
		*out = ids;
	}
	buf_free(&m);
	return n;
}

/* Every id the text index gives for a common text, as a bitmap over the
 * activity ids, read from the index once (its rowids come in order, a few
 * bytes each); false when there are more than TEXT_SET_CAP (then a quarter
 * of a million-activity week or more matches, and the walk meets matches
 * soon wherever it starts) or the index cannot answer. */
#define TEXT_SET_CAP 300000
typedef struct text_set {
	unsigned char *bits;
	long long max;          /* the highest id the bitmap covers */
	bool exact;             /* the index's match is exactly the LIKE's */
} text_set;

static bool text_set_load(db *d, arena *a, const char *text, bool synced, text_set *s)
{
	buf m = BUF_INIT;
	bool ok = false;
	s->max = db_int(d, -1, "SELECT max(id) FROM activities", NULL);
	if (synced && s->max >= 0 && text_index_words(&m, text, true) > 0) {
		s->bits = arena_alloc(a, (size_t)(s->max / 8 + 1));
		s->exact = text_index_exact(text);
		long long n = 0;
		stmt st;
		if (db_prep(d, &st, "SELECT rowid FROM activity_text WHERE activity_text MATCH ?1 LIMIT ?2", "tI", buf_cstr(&m),
			    (long long)TEXT_SET_CAP + 1) == 0) {
			while (n <= TEXT_SET_CAP && stmt_step(&st) == 1) {
				long long id = col_int(&st, 0);
				if (id >= 0 && id <= s->max)
					s->bits[id >> 3] |= (unsigned char)(1u << (id & 7));
				n++;
			}
			stmt_done(&st);
			ok = n <= TEXT_SET_CAP;
		}
	}
	buf_free(&m);
	return ok;
}

static bool text_set_has(const text_set *s, long long id)
{
	return id >= 0 && id <= s->max && (s->bits[id >> 3] & (1u << (id & 7)));
}

/* The rows of the page, whole, by id; n at most per_page. */
static int read_rows(db *d, arena *a, const long long *ids, long long n, activity *v)
{
	const char *sql = arena_printf(a, "SELECT %s FROM activities a JOIN units u ON u.id = a.unit_id WHERE a.id = ?1",
				       activity_columns);
	int got = 0;
	for (long long i = 0; i < n; i++) {
		stmt st;
		if (db_prep(d, &st, sql, "I", ids[i]) < 0)
			break;
		if (stmt_step(&st) == 1)
			activity_from_row(&st, a, &v[got++]);
		stmt_done(&st);
	}
	return got;
}

typedef struct hit {
	long long starts_at, id;
} hit;

static int by_start(const void *x, const void *y)
{
	const hit *p = x, *q = y;
	if (p->starts_at != q->starts_at)
		return p->starts_at < q->starts_at ? -1 : 1;
	return (p->id > q->id) - (p->id < q->id);
}

/* From the ids of the content, audience and mode filters or of the text
 * (fewer than POSTINGS_CAP): each is checked against the other filters, the
 * matches are sorted in C, and only the page's rows are read whole. */
static int from_ids(db *d, arena *a, const public_query *q, const long long *ids, long long nids, bool tags_checked,
		    const char *like, const char *other_mode, long long cap, long long offset, long long per, activity *v,
		    long long *total)
{
	/* ids from the text index alone have not met content, audience and mode */
	public_query tag_only = {.content = q->content, .audience = q->audience, .mode = q->mode};
	const char *check = arena_printf(a, "SELECT a.starts_at FROM activities a WHERE a.id = ?12 AND %s"
		" AND a.status IN ('published', 'cancelled')%s%s%s%s", scope_cond(a, q),
		tags_checked ? "" : row_filters(a, &tag_only, NULL, false),
		q->from || q->to ? " AND a.starts_at < ?8 AND a.ends_at > ?7" : "", q->q ? " AND " : "", q->q ? text_cond(a, "a") : "");
	hit *h = arena_alloc(a, sizeof *h * (size_t)(nids + 1));
	long long nh = 0;
	stmt st;
	if (nids && db_prep(d, &st, check, PUBLIC_TYPES "I", PUBLIC_ARGS(0), ids[0]) == 0) {
		/* one statement, bound once: only the id changes */
		for (long long i = 0; i < nids; i++) {
			if (stmt_rebind_int(&st, 12, ids[i]) < 0)
				break;
			if (stmt_step(&st) == 1)
				h[nh++] = (hit){col_int(&st, 0), ids[i]};
		}
		stmt_done(&st);
	}
	qsort(h, (size_t)nh, sizeof *h, by_start);
	*total = cap >= 0 && nh > cap ? cap : nh;
	long long *pick = arena_alloc(a, sizeof *pick * (size_t)(per + 1)), n = 0;
	for (long long i = offset; i < *total && n < per; i++)
		pick[n++] = h[i].id;
	return read_rows(d, a, pick, n, v);
}

/* The walk, in the calendar's order, ids only (the count needs no more):
 * the page's ids into page_ids, the count into *total; -2 when it read more
 * than budget index entries (budget < 0: no limit) and gave up.
 * Common text (set): each id the walk reads from the index is looked up in
 * the text index's ids, so that a stretch of the week without a match
 * (gen.sh's first 28,000 at a million) costs an index entry each, not a row
 * read and four LIKEs; only the ids it lists are confirmed with LIKE, when
 * the index's match is not already exact. Without the set (the index
 * behind, or most of the week matching), LIKE in every arm. The filters'
 * bitmap (fs), when read, is checked here too, not with EXISTS on the tags
 * in each arm: the walk then reads the index alone. */
static long long walk_page(db *d, arena *a, const public_query *q, const facet_set *fs, const text_set *ts, const char *like,
			   const char *other_mode, long long cap, long long offset, long long per, long long budget,
			   long long *page_ids, long long *total)
{
	bool set = ts->bits != NULL, facets = fs->w != NULL, filtered = set || facets;
	public_query walk = *q;
	if (facets)
		walk.content = walk.audience = walk.mode = NULL;
	char *sql = arena_printf(a, "%s ORDER BY 2, 1 LIMIT ?11", walk_sql(a, &walk, q->q && !set));
	long long n = 0, seen = 0, steps = 0;
	stmt st, confirm;
	bool confirming = set && !ts->exact &&
			  db_prep(d, &confirm, arena_printf(a, "SELECT 1 FROM activities a WHERE a.id = ?12 AND %s", text_cond(a, "a")),
				  PUBLIC_TYPES "I", PUBLIC_ARGS(0), 0LL) == 0;
	if ((!set || ts->exact || confirming) &&
	    db_prep(d, &st, sql, PUBLIC_TYPES, PUBLIC_ARGS(filtered ? (long long)1 << 62 : cap)) == 0) {
		while (stmt_step(&st) == 1) {
			if (budget >= 0 && ++steps > budget) {
				n = -2;
				break;
			}
			long long id = col_int(&st, 0);
			if ((facets && !facet_has(fs, id)) || (set && !text_set_has(ts, id)))
				continue;
			if (confirming) {
				if (stmt_rebind_int(&confirm, 12, id) < 0 || stmt_step(&confirm) != 1)
					continue;
			}
			if (seen >= offset && n < per)
				page_ids[n++] = id;
			seen++;
			if (filtered && cap >= 0 && seen >= cap)
				break;
		}
		stmt_done(&st);
	}
	if (confirming)
		stmt_done(&confirm);
	*total = seen;
	return n;
}

/* How many index entries the walk reads in the time from_ids checks one id
 * (a row read by id): 0.23 against 1.75 microseconds, bench/README.md. */
#define WALK_PER_ID 4

static int list_page(db *d, arena *a, const public_query *q, bool synced, activity **out, long long *total)
{
	long long per = q->per_page > 0 ? q->per_page : 50, page = q->page > 0 ? q->page : 1, offset = (page - 1) * per;
	/* rows past count_cap are neither counted nor listed: the caller has no
	 * page there */
	long long cap = q->count_cap > 0 ? q->count_cap : -1;
	const char *like = q->q ? like_pattern(a, q->q) : NULL;
	const char *other_mode = q->mode && !strcmp(q->mode, "online") ? "offline" : "online";
	activity *v = arena_alloc(a, sizeof *v * (size_t)(per + 1));
	*out = v;
	*total = 0;

	/* text that matches rarely: from the text index's ids (those in the
	 * filters' bitmap) */
	facet_set fs = {0};
	bool facets = facet_load(d, a, q, &fs);
	long long *ids = NULL, nids, *tids = NULL;
	long long ntids = q->q ? text_ids(d, a, q->q, synced, &tids) : -1;
	if (ntids >= 0 && ntids < POSTINGS_CAP) {
		nids = facets ? facet_ids(&fs, a, tids, ntids, &ids) : (ids = tids, ntids);
		return from_ids(d, a, q, ids, nids, facets, like, other_mode, cap, offset, per, v, total);
	}
	if (!facets)
		fs.w = NULL;
	text_set ts = {0};
	if (q->q && ntids >= POSTINGS_CAP && !text_set_load(d, a, q->q, synced, &ts))
		ts.bits = NULL;
	/* filters that match rarely: the walk, while it costs less than
	 * checking their ids one by one would; past that, their ids */
	long long budget = facets && fs.n < POSTINGS_CAP ? WALK_PER_ID * fs.n : -1;
	long long *page_ids = arena_alloc(a, sizeof *page_ids * (size_t)(per + 1));
	long long n = walk_page(d, a, q, &fs, &ts, like, other_mode, cap, offset, per, budget, page_ids, total);
	if (n == -2) {
		nids = facet_ids(&fs, a, NULL, 0, &ids);
		return from_ids(d, a, q, ids, nids, true, like, other_mode, cap, offset, per, v, total);
	}
	return read_rows(d, a, page_ids, n, v);
}

/* A scope of one arm is the week (and unit) as before levels: the same
 * statements. */
static public_query one_arm(const public_query *q)
{
	public_query k = *q;
	if (q->narms == 1) {
		k.week_id = q->arms[0].week_id;
		k.unit_id = q->arms[0].unit_id;
		k.narms = 0;
	}
	return k;
}

int public_activities(db *d, arena *a, const public_query *q0, activity **out, long long *total)
{
	public_query k = one_arm(q0), *q = &k;
	/* one read transaction: the statements see the same week, and SQLite
	 * takes its read lock once, not once for each id that is checked */
	bool own = !db_in_transaction(d);
	/* the text index is normally up to date (every save drains the queue);
	 * rows another process wrote are indexed first, in a transaction of their own */
	bool synced = q->q && own && activity_text_sync(d) >= 0;
	own = own && db_exec_script(d, "BEGIN") == 0;
	int n = list_page(d, a, q, synced, out, total);
	if (own)
		db_commit(d);
	return n;
}

int scope_streets(db *d, arena *a, const scope_arm *arms, int narms, street_count **out)
{
	int cap = 64, n = 0;
	street_count *v = arena_alloc(a, sizeof *v * (size_t)cap);
	/* one read per arm (a week whole, or one unit in it), each in the units'
	 * display order; the arms hold distinct units, so each unit's streets
	 * stay together */
	for (int k = 0; k < narms && n < STREETS_MAX; k++) {
		stmt st;
		/* the partial index activities_week_street answers the inner query alone */
		if (db_prep(d, &st, "SELECT s.unit_id, u.name, s.street, s.n FROM (SELECT a.unit_id, a.street, count(*) AS n FROM activities a"
				    " WHERE a.week_id = ?1 AND (?2 = 0 OR a.unit_id = ?2) AND a.status = 'published' AND a.street <> ''"
				    " GROUP BY a.unit_id, a.street) s JOIN units u ON u.id = s.unit_id ORDER BY u.sort_order, u.id, s.street LIMIT ?3",
			    "III", arms[k].week_id, arms[k].unit_id, (long long)(STREETS_MAX - n)) != 0)
			continue;
		while (stmt_step(&st) == 1) {
			if (n == cap) {
				street_count *nv = arena_alloc(a, sizeof *nv * (size_t)cap * 2);
				memcpy(nv, v, sizeof *v * (size_t)n);
				v = nv;
				cap *= 2;
			}
			v[n].unit_id = col_int(&st, 0);
			v[n].unit_name = col_dup(&st, a, 1);
			v[n].street = col_dup(&st, a, 2);
			v[n].n = col_int(&st, 3);
			n++;
		}
		stmt_done(&st);
	}
	*out = v;
	return n;
}

/* The whole week for the unfiltered feed, a batch at a time: the next n
 * activities residents may see (published and cancelled) after (starts_at,
 * id) in the calendar's order. Each batch is one short read of its own, so
 * that a feed of any size holds neither a transaction nor more than a batch
 * in memory. */
int public_activities_after(db *d, arena *a, long long week_id, long long starts_at, long long id, int n, activity **out)
{
	return public_scope_after(d, a, &(public_query){.week_id = week_id}, starts_at, id, n, out);
}

int public_scope_after(db *d, arena *a, const public_query *scope, long long starts_at, long long id, int n, activity **out)
{
	/* the scope alone: no filter */
	public_query qq = one_arm(scope), *q = &qq;
	qq.content = qq.audience = qq.mode = qq.q = NULL;
	qq.from = qq.to = 0;
	const char *like = NULL, *other_mode = "online";
	char *sql = arena_printf(a, "SELECT w.id FROM (%s) w WHERE w.starts_at > ?12 OR (w.starts_at = ?12 AND w.id > ?13)"
				 " ORDER BY w.starts_at, w.id LIMIT ?11", walk_sql(a, q, false));
	long long *ids = arena_alloc(a, sizeof *ids * (size_t)(n + 1));
	int k = 0;
	stmt st;
	*out = arena_alloc(a, sizeof **out * (size_t)(n + 1));
	if (db_prep(d, &st, sql, PUBLIC_TYPES "II", PUBLIC_ARGS(n), starts_at, id) < 0)
		return -1;
	while (k < n && stmt_step(&st) == 1)
		ids[k++] = col_int(&st, 0);
	stmt_done(&st);
	return read_rows(d, a, ids, k, *out);
}

/* ---- public pages per level ---- */

int public_scope(db *d, arena *a, long long week_id, long long node, scope_arm **out)
{
	/* the week and every week copied from it below, the week first */
	int nw = 0, cap = 16;
	scope_arm *wk = arena_alloc(a, sizeof *wk * (size_t)cap); /* week_id, its organiser in unit_id */
	stmt st;
	*out = NULL;
	if (db_prep(d, &st, "WITH RECURSIVE below(id, unit_id) AS (SELECT id, unit_id FROM weeks WHERE id = ?1"
			    " UNION ALL SELECT w.id, w.unit_id FROM weeks w JOIN below b ON w.parent_week_id = b.id)"
			    " SELECT id, unit_id FROM below", "I", week_id) < 0)
		return 0;
	while (stmt_step(&st) == 1) {
		if (nw == cap) {
			scope_arm *nv = arena_alloc(a, sizeof *nv * (size_t)cap * 2);
			memcpy(nv, wk, sizeof *wk * (size_t)nw);
			wk = nv;
			cap *= 2;
		}
		wk[nw++] = (scope_arm){col_int(&st, 0), col_int(&st, 1)};
	}
	stmt_done(&st);
	if (!nw)
		return 0;
	if (node == wk[0].unit_id) { /* the week's own organiser: every week whole */
		for (int i = 0; i < nw; i++)
			wk[i].unit_id = 0;
		*out = wk;
		return nw;
	}
	/* Below the week's organiser: the node's subtree, depth first. A week
	 * whose organiser is in it is the subtree's whole; a unit of it reports
	 * in the week the node reports in unless a node between them (the node
	 * itself included) publishes a week of its own. */
	unit *sub;
	int ns = unit_subtree(d, a, node, true, &sub);
	long long year = db_int(d, 0, "SELECT year FROM weeks WHERE id = ?1", "I", week_id);
	long long node_week = week_of_unit(d, node, year);
	bool node_week_in = false;
	for (int i = 0; i < nw; i++)
		node_week_in = node_week_in || wk[i].week_id == node_week;
	scope_arm *v = arena_alloc(a, sizeof *v * (size_t)(nw + ns + 1));
	bool *blocked = arena_alloc(a, sizeof *blocked * (size_t)(ns + 2)); /* by depth: a week of its own on the path */
	int n = 0;
	for (int i = 0; i < ns; i++) {
		int k = sub[i].depth;
		bool owner = false;
		for (int j = 0; j < nw; j++)
			if (wk[j].unit_id == sub[i].id) {
				owner = true;
				v[n++] = (scope_arm){wk[j].week_id, 0};
			}
		bool above = k > 0 && k <= ns && blocked[k - 1];
		if (node_week_in && !above)
			v[n++] = (scope_arm){node_week, sub[i].id};
		if (k <= ns)
			blocked[k] = above || owner;
	}
	*out = v;
	return n;
}

long long organiser_by_code(db *d, const char *code)
{
	long long id = db_int(d, 0, "SELECT id FROM units WHERE code = ?1 AND code <> ''", "t", code);
	return id && unit_is_organiser(d, id) ? id : 0;
}
