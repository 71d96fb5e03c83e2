/* stats.c: the city's figures for a week. Each figure comes from one
 * aggregate query grouped by unit, so the page costs the same few queries at
 * thirteen activities or a million: the counts by mode and the participants
 * read the covering index activities_stats, the tags read tag_counts (kept by
 * triggers, see migration 041), check-ins, ratings and publicity are grouped
 * where they lie. The workbook's rows and the gallery are read here too. */
#include "stats.h"
#include "publicity.h"
#include "submission.h"
#include "core/buf.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

static void id_row(stmt *st, arena *a, void *row)
{
	(void)a;
	*(long long *)row = col_int(st, 0);
}

int stats_units(db *d, arena *a, long long week_id, unit **out)
{
	stmt st;
	long long *ids;
	/* the week's organiser last: activities of the centre itself, if any */
	int n = rows_collect(&st, db_prep(d, &st,
		"SELECT id FROM units WHERE (parent_id = ?2 AND retired = 0)"
		" OR id IN (SELECT DISTINCT unit_id FROM activities WHERE week_id = ?1)"
		" OR id IN (SELECT unit_id FROM publicity WHERE week_id = ?1)"
		" OR id IN (SELECT r.unit_id FROM reports r WHERE r.week_id = ?1 AND EXISTS (SELECT 1 FROM submissions s WHERE s.report_id = r.id))"
		" ORDER BY id = ?2, retired, sort_order, id", "II", week_id, week_organiser(d, week_id)),
		a, sizeof *ids, id_row, (void **)&ids);
	unit *v = arena_alloc(a, sizeof *v * (size_t)(n + 1));
	int k = 0;
	for (int i = 0; i < n; i++)
		k += unit_load(d, a, ids[i], &v[k]);
	*out = v;
	return k;
}

long long stats_previous_week(db *d, long long week_id)
{
	return db_int(d, 0, "SELECT p.id FROM weeks w JOIN weeks p ON p.unit_id = w.unit_id AND p.year < w.year"
			    " WHERE w.id = ?1 ORDER BY p.year DESC LIMIT 1", "I", week_id);
}

const unit_stats *stats_unit(const city_stats *s, long long unit_id)
{
	for (int i = 0; i < s->nunits; i++)
		if (s->units[i].unit_id == unit_id)
			return &s->units[i];
	return NULL;
}

static unit_stats *row_of(city_stats *s, long long unit_id)
{
	return (unit_stats *)stats_unit(s, unit_id);
}

/* ---- categories ---- */

static int cat_find(const stat_cats *c, const char *key)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->key[i], key))
			return i;
	return -1;
}

/* Room for n fixed categories plus extra ones found in the records. */
static void cat_init(stat_cats *c, arena *a, int cap)
{
	c->n = 0;
	c->key = arena_alloc(a, sizeof *c->key * (size_t)cap);
	c->label = arena_alloc(a, sizeof *c->label * (size_t)cap);
}

static void cat_add(stat_cats *c, const char *key, const char *label)
{
	if (cat_find(c, key) >= 0)
		return;
	c->key[c->n] = key;
	c->label[c->n] = label;
	c->n++;
}

/* One grouped row of a tag or channel count, before the categories are known. */
typedef struct grouped {
	long long unit_id;
	int kind;              /* TAG_* or, for publicity, 0 text 1 media */
	char *value;
	long long n;
} grouped;

static int grouped_collect(stmt *st, arena *a, grouped **out, int (*kind_of)(const char *))
{
	int n = 0, cap = 64;
	grouped *v = arena_alloc(a, sizeof *v * (size_t)cap);
	while (stmt_step(st) == 1) {
		int k = kind_of(col_text(st, 1));
		if (k < 0)
			continue;
		if (n == cap) {
			grouped *nv = arena_alloc(a, sizeof *nv * (size_t)(cap *= 2));
			memcpy(nv, v, sizeof *v * (size_t)n);
			v = nv;
		}
		v[n++] = (grouped){col_int(st, 0), k, col_dup(st, a, 2), col_int(st, 3)};
	}
	stmt_done(st);
	*out = v;
	return n;
}

static int tag_kind(const char *k)
{
	return !strcmp(k, "content") ? TAG_CONTENT : !strcmp(k, "audience") ? TAG_AUDIENCE : !strcmp(k, "form") ? TAG_FORM : -1;
}

static int pub_kind(const char *k)
{
	return !strcmp(k, "text") ? 0 : !strcmp(k, "media") ? 1 : -1;
}

static long long *counts(arena *a, int n)
{
	return arena_alloc(a, sizeof(long long) * (size_t)(n ? n : 1));
}

/* ---- the figures ---- */

static void load_activities(db *d, long long week_id, city_stats *s)
{
	stmt st;
	/* One source per activity (the rule of unit_participants): the one the
	 * clerk confirmed, else check-ins plus the staff's tally where either
	 * exists, else the reported number. The first query reads only
	 * activities_stats and takes every reported number of an activity that
	 * has no tally and no confirmed choice of check-ins (or the choice of its
	 * report); the second, over the check-ins, takes back those of
	 * unconfirmed activities that have check-ins after all. */
#define BY_REPORT_SO_FAR "(count_source = 'reported' OR (count_source = '' AND staff_count = 0))"
	if (db_prep(d, &st,
		    "SELECT unit_id, count(*), sum(mode = 'online'), sum(mode = 'offline'), sum(featured),"
		    " sum(CASE WHEN count_source <> 'reported' THEN staff_count ELSE 0 END),"
		    " sum(NOT " BY_REPORT_SO_FAR "), sum(CASE WHEN " BY_REPORT_SO_FAR " THEN reported_participants END),"
		    " count(CASE WHEN " BY_REPORT_SO_FAR " THEN reported_participants END)"
		    " FROM activities WHERE week_id = ?1 AND " COUNTED("") " GROUP BY unit_id", "I", week_id) == 0) {
		while (stmt_step(&st) == 1) {
			unit_stats *u = row_of(s, col_int(&st, 0));
			if (!u)
				continue;
			u->activities = col_int(&st, 1);
			u->online = col_int(&st, 2);
			u->offline = col_int(&st, 3);
			u->both = u->activities - u->online - u->offline;
			u->featured = col_int(&st, 4);
			u->people.counted = col_int(&st, 5);
			u->people.activities_measured = col_int(&st, 6);
			u->people.reported = col_int(&st, 7);
			u->people.activities_reported = col_int(&st, 8);
		}
		stmt_done(&st);
	}
	if (db_prep(d, &st,
		    "SELECT unit_id, sum(CASE WHEN count_source <> 'reported' THEN n END), sum(count_source = '' AND staff_count = 0),"
		    " sum(CASE WHEN count_source = '' AND staff_count = 0 THEN rp END),"
		    " count(CASE WHEN count_source = '' AND staff_count = 0 THEN rp END)"
		    /* min(): one value in each group, named so for PostgreSQL */
		    " FROM (SELECT min(a.unit_id) AS unit_id, min(a.staff_count) AS staff_count, min(a.count_source) AS count_source,"
		    " min(a.reported_participants) AS rp, count(*) AS n"
		    "  FROM checkins c CROSS JOIN activities a ON a.id = c.activity_id" /* CROSS: from the check-ins, never every activity */
		    "  WHERE a.week_id = ?1 AND " COUNTED("a.") " GROUP BY c.activity_id)"
		    " GROUP BY unit_id", "I", week_id) == 0) {
		while (stmt_step(&st) == 1) {
			unit_stats *u = row_of(s, col_int(&st, 0));
			if (!u)
				continue;
			u->people.checked_in = col_int(&st, 1);
			u->people.activities_measured += col_int(&st, 2);
			u->people.reported -= col_int(&st, 3);
			u->people.activities_reported -= col_int(&st, 4);
		}
		stmt_done(&st);
	}
#undef BY_REPORT_SO_FAR
	if (db_prep(d, &st,
		    "SELECT a.unit_id, r.score, count(*) FROM ratings r JOIN activities a ON a.id = r.activity_id"
		    " WHERE a.week_id = ?1 AND " COUNTED("a.") " GROUP BY a.unit_id, r.score", "I", week_id) == 0) {
		while (stmt_step(&st) == 1) {
			unit_stats *u = row_of(s, col_int(&st, 0));
			if (!u)
				continue;
			const char *score = col_text(&st, 1);
			long long n = col_int(&st, 2);
			if (!strcmp(score, "satisfied"))
				u->sat.satisfied = n;
			else if (!strcmp(score, "basic"))
				u->sat.basic = n;
			else
				u->sat.unsatisfied = n;
			u->sat.total += n;
		}
		stmt_done(&st);
	}
	if (db_prep(d, &st,
		    "SELECT a.unit_id, count(DISTINCT r.activity_id) FROM ratings r JOIN activities a ON a.id = r.activity_id"
		    " WHERE a.week_id = ?1 AND " COUNTED("a.") " GROUP BY a.unit_id", "I", week_id) == 0) {
		while (stmt_step(&st) == 1) {
			unit_stats *u = row_of(s, col_int(&st, 0));
			if (u)
				u->sat.activities = col_int(&st, 1);
		}
		stmt_done(&st);
	}
	for (int i = 0; i < s->nunits; i++) {
		participants *p = &s->units[i].people;
		p->total = p->checked_in + p->counted + p->reported;
	}
}

static void load_tags(db *d, arena *a, long long week_id, city_stats *s)
{
	stmt st;
	grouped *g = NULL;
	int ng = 0;
	if (db_prep(d, &st,
		    "SELECT unit_id, kind, value, sum(n) FROM tag_counts"
		    " WHERE week_id = ?1 AND status = 'published' AND kind IN ('content', 'audience', 'form')"
		    " GROUP BY unit_id, kind, value HAVING sum(n) > 0 ORDER BY kind, value", "I", week_id) == 0)
		ng = grouped_collect(&st, a, &g, tag_kind);
	/* the week's lists, in its order (the form's （一）… lines read them so) */
	static const char *const list_kinds[N_TAG_KINDS] = {[TAG_CONTENT] = "content", [TAG_AUDIENCE] = "audience",
							    [TAG_FORM] = "form"};
	stat_cats *c = s->cats;
	for (int k = 0; k < N_TAG_KINDS; k++) {
		choices l = week_choices(d, a, week_id, list_kinds[k]);
		cat_init(&c[k], a, l.n + ng);
		for (int i = 0; i < l.n; i++)
			cat_add(&c[k], l.code[i], l.label[i]);
	}
	/* values outside today's lists (an old form name, say) still count */
	for (int i = 0; i < ng; i++)
		if (g[i].kind != TAG_CONTENT)
			cat_add(&c[g[i].kind], g[i].value, g[i].value);
	for (int i = 0; i <= s->nunits; i++) {
		unit_stats *u = i < s->nunits ? &s->units[i] : &s->total;
		for (int k = 0; k < N_TAG_KINDS; k++)
			u->tags[k] = counts(a, c[k].n);
	}
	for (int i = 0; i < ng; i++) {
		unit_stats *u = row_of(s, g[i].unit_id);
		int j = cat_find(&c[g[i].kind], g[i].value);
		if (u && j >= 0)
			u->tags[g[i].kind][j] += g[i].n;
	}
}

static void load_publicity(db *d, arena *a, long long week_id, city_stats *s)
{
	stmt st;
	grouped *g = NULL;
	int ng = 0;
	if (db_prep(d, &st, "SELECT unit_id, kind, channel, count(*) FROM publicity WHERE week_id = ?1"
			    " GROUP BY unit_id, kind, channel ORDER BY channel", "I", week_id) == 0)
		ng = grouped_collect(&st, a, &g, pub_kind);
	cat_init(&s->channels, a, N_PUB_CHANNELS + ng);
	for (int i = 0; i < N_PUB_CHANNELS; i++)
		cat_add(&s->channels, pub_channels[i], pub_channels[i]);
	for (int i = 0; i < ng; i++)
		cat_add(&s->channels, g[i].value, g[i].value);
	for (int i = 0; i <= s->nunits; i++) {
		unit_stats *u = i < s->nunits ? &s->units[i] : &s->total;
		u->channel_text = counts(a, s->channels.n);
		u->channel_media = counts(a, s->channels.n);
	}
	for (int i = 0; i < ng; i++) {
		unit_stats *u = row_of(s, g[i].unit_id);
		int j = cat_find(&s->channels, g[i].value);
		if (!u || j < 0)
			continue;
		if (g[i].kind == 0) {
			u->channel_text[j] += g[i].n;
			u->pub_text += g[i].n;
		} else {
			u->channel_media[j] += g[i].n;
			u->pub_media += g[i].n;
		}
	}
}

/* The first few featured activities of each unit, by start: per unit, the
 * index activities_week_unit gives them in order and the walk stops at the
 * limit, where one query over the city would sort every featured activity. */
static void load_featured(db *d, arena *a, long long week_id, city_stats *s)
{
	s->featured = arena_alloc(a, sizeof *s->featured * (size_t)(s->nunits * STATS_FEATURED_PER_UNIT + 1));
	s->nfeatured = 0;
	for (int i = 0; i < s->nunits; i++) {
		if (!s->units[i].featured)
			continue;
		stmt st;
		/* the unary + keeps the planner off activities_stats, which would
		 * find all of the unit's featured ones first and sort them */
		if (db_prep(d, &st, "SELECT title, host, starts_at FROM activities WHERE week_id = ?1 AND unit_id = ?2"
				    " AND +status = 'published' AND +off_week = 0 AND +featured = 1 ORDER BY starts_at, id LIMIT ?3",
			    "IIi", week_id, s->units[i].unit_id, STATS_FEATURED_PER_UNIT) < 0)
			continue;
		while (stmt_step(&st) == 1)
			s->featured[s->nfeatured++] = (featured_item){s->units[i].unit_id, col_dup(&st, a, 0), col_dup(&st, a, 1), col_int(&st, 2)};
		stmt_done(&st);
	}
}

static void add_to(unit_stats *t, const unit_stats *u, const city_stats *s)
{
	t->activities += u->activities;
	t->online += u->online;
	t->offline += u->offline;
	t->both += u->both;
	t->featured += u->featured;
	t->people.checked_in += u->people.checked_in;
	t->people.counted += u->people.counted;
	t->people.reported += u->people.reported;
	t->people.total += u->people.total;
	t->people.activities_measured += u->people.activities_measured;
	t->people.activities_reported += u->people.activities_reported;
	t->sat.satisfied += u->sat.satisfied;
	t->sat.basic += u->sat.basic;
	t->sat.unsatisfied += u->sat.unsatisfied;
	t->sat.total += u->sat.total;
	t->sat.activities += u->sat.activities;
	t->pub_text += u->pub_text;
	t->pub_media += u->pub_media;
	for (int k = 0; k < N_TAG_KINDS; k++)
		for (int j = 0; j < s->cats[k].n; j++)
			t->tags[k][j] += u->tags[k][j];
	for (int j = 0; j < s->channels.n; j++) {
		t->channel_text[j] += u->channel_text[j];
		t->channel_media[j] += u->channel_media[j];
	}
}

bool stats_load(db *d, arena *a, long long week_id, city_stats *s)
{
	memset(s, 0, sizeof *s);
	if (!week_exists(d, week_id))
		return false;
	s->week_id = week_id;
	unit *units;
	s->nunits = stats_units(d, a, week_id, &units);
	s->units = arena_alloc(a, sizeof *s->units * (size_t)(s->nunits + 1));
	for (int i = 0; i < s->nunits; i++) {
		s->units[i].unit_id = units[i].id;
		s->units[i].name = units[i].name;
	}
	s->total.name = "合计";
	load_activities(d, week_id, s);
	load_tags(d, a, week_id, s);
	load_publicity(d, a, week_id, s);
	load_featured(d, a, week_id, s);
	stats_total(s);
	return true;
}

void stats_row_clear(const city_stats *s, unit_stats *u)
{
	unit_stats keep = *u;
	memset(u, 0, sizeof *u);
	u->unit_id = keep.unit_id;
	u->name = keep.name;
	for (int k = 0; k < N_TAG_KINDS; k++) {
		memset(keep.tags[k], 0, sizeof *keep.tags[k] * (size_t)s->cats[k].n);
		u->tags[k] = keep.tags[k];
	}
	memset(keep.channel_text, 0, sizeof *keep.channel_text * (size_t)s->channels.n);
	memset(keep.channel_media, 0, sizeof *keep.channel_media * (size_t)s->channels.n);
	u->channel_text = keep.channel_text;
	u->channel_media = keep.channel_media;
}

void stats_total(city_stats *s)
{
	stats_row_clear(s, &s->total);
	for (int i = 0; i < s->nunits; i++)
		add_to(&s->total, &s->units[i], s);
}

/* ---- the workbook's rows ---- */

void stats_export_size(db *d, long long week_id, long long *activities, long long *rated, long long *records)
{
	*activities = db_int(d, 0, "SELECT count(*) FROM activities WHERE week_id = ?1", "I", week_id);
	*rated = db_int(d, 0, "SELECT count(DISTINCT r.activity_id) FROM ratings r JOIN activities a ON a.id = r.activity_id"
			      " WHERE a.week_id = ?1", "I", week_id);
	*records = db_int(d, 0, "SELECT count(*) FROM publicity WHERE week_id = ?1", "I", week_id);
}

/* "content:1 form:讲座 ..." (as the query joins them) split into the row's four lists. */
static void split_tags(arena *a, const char *all, const choices *content, activity_row *row)
{
	buf b[4] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
	static const char *const kinds[4] = {"content:", "subject:", "form:", "audience:"};
	const char *p = all;
	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		for (int k = 0; k < 4; k++) {
			size_t kl = strlen(kinds[k]);
			if (n <= kl || strncmp(p, kinds[k], kl))
				continue;
			const char *v = p + kl;
			size_t vn = n - kl;
			if (b[k].len)
				buf_puts(&b[k], "、");
			if (k == 0)
				buf_puts(&b[k], choice_label(content, arena_strndup(a, v, vn)));
			else
				buf_append(&b[k], v, vn);
		}
		p = e ? e + 1 : NULL;
	}
	const char **dst[4] = {&row->content, &row->subjects, &row->forms, &row->audiences};
	for (int k = 0; k < 4; k++) {
		*dst[k] = arena_strdup(a, buf_cstr(&b[k]));
		buf_free(&b[k]);
	}
}

/* The ids of a unit's activities of the week in start order, appended to ids
 * (long longs): read first, so that the rows are then read one by one, each
 * in a read of its own. 0, or -1 on a database error. */
static int unit_activity_ids(db *d, long long week_id, long long unit_id, buf *ids)
{
	stmt st;
	if (db_prep(d, &st, "SELECT id FROM activities WHERE week_id = ?1 AND unit_id = ?2 ORDER BY starts_at, id", "II", week_id,
		    unit_id) < 0)
		return -1;
	int step;
	while ((step = stmt_step(&st)) == 1) {
		long long id = col_int(&st, 0);
		buf_append(ids, &id, sizeof id);
	}
	stmt_done(&st);
	return step < 0 ? -1 : 0;
}

int stats_each_activity(db *d, long long week_id, int (*fn)(void *ctx, const activity_row *row), void *ctx)
{
	unit *units;
	arena ua = {0};
	int nu = stats_units(d, &ua, week_id, &units);
	choices content = week_choices(d, &ua, week_id, "content");
	int rc = 0;
	/* Unit by unit through activities_week_unit: the ids come in start order
	 * without sorting a million of them. Then each row in a statement of its
	 * own, not one statement for the whole unit: writing a workbook row takes
	 * far longer than reading it, and a statement held open for a unit's tens
	 * of thousands of rows is a read the WAL cannot be started over past (see
	 * wal_hook in src/db/db.c); under load the WAL then grows for the whole
	 * export. The ids are taken first, so an activity moved in time while the
	 * export runs is neither skipped nor written twice. */
	for (int u = 0; u < nu && rc == 0; u++) {
		buf idbuf = BUF_INIT;
		if (unit_activity_ids(d, week_id, units[u].id, &idbuf) < 0) {
			buf_free(&idbuf);
			rc = -1;
			break;
		}
		const long long *ids = (const long long *)(void *)idbuf.p;
		size_t n = idbuf.len / sizeof *ids;
		for (size_t i = 0; i < n && rc == 0; i++) {
			stmt st;
			if (db_prep(d, &st,
				    "SELECT a.id, a.title, a.host, a.co_hosts, a.mode, a.venue, a.street, a.online_url, a.status,"
				    " a.starts_at, a.ends_at, a.featured, a.staff_count, COALESCE(a.reported_participants, -1),"
				    " (SELECT count(*) FROM checkins c WHERE c.activity_id = a.id),"
				    " (SELECT count(*) FROM ratings r WHERE r.activity_id = a.id),"
				    " (SELECT count(*) FROM ratings r WHERE r.activity_id = a.id AND r.score = 'satisfied'),"
				    " (SELECT group_concat(t.kind || ':' || t.value, char(10)) FROM activity_tags t WHERE t.activity_id = a.id),"
				    " a.off_week, a.count_source FROM activities a WHERE a.id = ?1",
				    "I", ids[i]) < 0) {
				rc = -1;
				break;
			}
			int step = stmt_step(&st);
			if (step == 1) {
				arena a = {0};
				/* copies: the statement's own texts go with stmt_done */
				activity_row row = {
					.id = col_int(&st, 0), .unit = units[u].name, .title = col_dup(&st, &a, 1), .host = col_dup(&st, &a, 2),
					.co_hosts = col_dup(&st, &a, 3), .mode = mode_label(col_text(&st, 4)), .venue = col_dup(&st, &a, 5),
					.street = col_dup(&st, &a, 6), .online_url = col_dup(&st, &a, 7), .status = status_label(col_text(&st, 8)),
					.starts_at = col_int(&st, 9), .ends_at = col_int(&st, 10), .featured = col_int(&st, 11) != 0,
					.counted = col_int(&st, 12), .reported = col_int(&st, 13), .checked_in = col_int(&st, 14),
					.ratings = col_int(&st, 15), .satisfied = col_int(&st, 16),
				};
				split_tags(&a, col_text(&st, 17), &content, &row);
				row.participants = participants_measured(row.checked_in, row.counted, col_text(&st, 19))
							   ? row.checked_in + row.counted : row.reported > 0 ? row.reported : 0;
				if (col_int(&st, 18)) { /* 周外活动: listed, counted nowhere */
					row.status = arena_printf(&a, "%s（周外活动，不计入）", row.status);
					row.participants = 0;
				}
				stmt_done(&st); /* the read ends before the row is written out */
				rc = fn(ctx, &row);
				arena_free(&a);
			} else {
				stmt_done(&st);
				if (step < 0)
					rc = -1;
			}
		}
		buf_free(&idbuf);
	}
	arena_free(&ua);
	return rc;
}

int stats_each_rating(db *d, long long week_id, int (*fn)(void *ctx, const rating_row *row), void *ctx)
{
	stmt st;
	if (db_prep(d, &st,
		    "SELECT a.id, u.name, a.title, sum(r.score = 'satisfied'), sum(r.score = 'basic'), sum(r.score = 'unsatisfied'), count(*)"
		    " FROM ratings r JOIN activities a ON a.id = r.activity_id JOIN units u ON u.id = a.unit_id"
		    " WHERE a.week_id = ?1 GROUP BY a.id, u.id ORDER BY u.parent_id IS NULL, u.sort_order, u.id, a.starts_at, a.id",
		    "I", week_id) < 0)
		return -1;
	int rc = 0, step;
	while (rc == 0 && (step = stmt_step(&st)) == 1) {
		rating_row row = {col_int(&st, 0), col_text(&st, 1), col_text(&st, 2), col_int(&st, 3), col_int(&st, 4),
				  col_int(&st, 5), col_int(&st, 6)};
		rc = fn(ctx, &row);
	}
	if (rc == 0 && step < 0)
		rc = -1;
	stmt_done(&st);
	return rc;
}

int stats_each_publicity(db *d, long long week_id, int (*fn)(void *ctx, const publicity_row *row), void *ctx)
{
	stmt st;
	if (db_prep(d, &st,
		    "SELECT u.name, p.channel, p.kind, p.title, p.outlet, p.published_on, p.url, COALESCE(a.title, '')"
		    " FROM publicity p JOIN units u ON u.id = p.unit_id LEFT JOIN activities a ON a.id = p.activity_id"
		    " WHERE p.week_id = ?1 ORDER BY u.parent_id IS NULL, u.sort_order, u.id, p.published_on, p.id", "I", week_id) < 0)
		return -1;
	int rc = 0, step;
	while (rc == 0 && (step = stmt_step(&st)) == 1) {
		publicity_row row = {col_text(&st, 0), col_text(&st, 1), pub_kind_label(col_text(&st, 2)), col_text(&st, 3),
				     col_text(&st, 4), col_text(&st, 5), col_text(&st, 6), col_text(&st, 7)};
		rc = fn(ctx, &row);
	}
	if (rc == 0 && step < 0)
		rc = -1;
	stmt_done(&st);
	return rc;
}

/* ---- the gallery ---- */

static void gallery_row(stmt *st, arena *a, void *p)
{
	gallery_item *g = p;
	g->unit_id = col_int(st, 0);
	g->kind = col_dup(st, a, 1);
	g->id = col_int(st, 2);
	g->name = col_dup(st, a, 3);
	g->mime = col_dup(st, a, 4);
	g->activity = col_dup(st, a, 5);
}

int stats_gallery(db *d, arena *a, long long week_id, gallery_item **out)
{
	stmt st;
	/* the report's own files first (case, its photos, photos), then the
	 * first photos of published activities: the photos table is small next
	 * to the activities, so it leads the join */
	return rows_collect(&st, db_prep(d, &st,
		"SELECT r.unit_id, t.kind, t.id, t.filename, t.mime, NULL,"
		" CASE t.kind WHEN 'case' THEN 0 WHEN 'case_photo' THEN 1 ELSE 2 END AS o, t.id AS k"
		" FROM attachments t JOIN reports r ON r.id = t.report_id"
		" WHERE r.week_id = ?1 AND t.kind IN ('case', 'case_photo', 'photo')"
		" UNION ALL SELECT unit_id, 'activity', id, name, mime, title, 3, k FROM ("
		"  SELECT a.unit_id, p.id, p.name, f.mime, a.title,"
		"  row_number() OVER (PARTITION BY a.unit_id ORDER BY a.starts_at, p.id) AS k"
		"  FROM activity_photos p JOIN activities a ON a.id = p.activity_id JOIN files f ON f.sha256 = p.sha256"
		"  WHERE a.week_id = ?1 AND " COUNTED("a.") ") WHERE k <= ?2"
		" ORDER BY 1, o, k", "Ii", week_id, GALLERY_PHOTOS_PER_UNIT), a, sizeof **out, gallery_row, (void **)out);
}

long long stats_activity_photos(db *d, long long week_id, long long unit_id)
{
	return db_int(d, 0, "SELECT count(*) FROM activity_photos p JOIN activities a ON a.id = p.activity_id"
			    " WHERE a.week_id = ?1 AND a.unit_id = ?2 AND " COUNTED("a."), "II", week_id, unit_id);
}
