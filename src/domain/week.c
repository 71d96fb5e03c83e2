/* week.c: activity weeks; one per year for the organising unit. */
#include "org.h"
#include "activity.h"
#include "report.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdlib.h>
#include <string.h>

#define WEEK_COLS "id, unit_id, year, title, theme, starts_on, ends_on, deadline_at, notice, extended_to, COALESCE(parent_week_id, 0)"
#define WEEK_SELECT "SELECT " WEEK_COLS " FROM weeks"

/* The weeks a unit reports in, one a year: of each year, the week of its
 * nearest ancestor that has one (the top of the install reports in its own
 * weeks). ?1 is the unit. A CTE named unit_weeks, to be followed by a SELECT. */
#define UNIT_WEEKS                                                                                              \
	"WITH RECURSIVE up(id, parent_id, depth) AS (SELECT id, parent_id, 0 FROM units WHERE id = ?1"          \
	" UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id),"        \
	" above(id, depth) AS (SELECT id, depth FROM up WHERE depth > 0 OR parent_id IS NULL),"                  \
	" ranked AS (SELECT w.*, row_number() OVER (PARTITION BY w.year ORDER BY above.depth) AS k"               \
	" FROM weeks w JOIN above ON w.unit_id = above.id),"                                                      \
	" unit_weeks AS (SELECT * FROM ranked WHERE k = 1) "

static void week_from(stmt *st, arena *a, week *w)
{
	w->id = col_int(st, 0);
	w->unit_id = col_int(st, 1);
	w->year = col_int(st, 2);
	w->title = col_dup(st, a, 3);
	w->theme = col_dup(st, a, 4);
	w->starts_on = col_dup(st, a, 5);
	w->ends_on = col_dup(st, a, 6);
	w->deadline_at = col_int(st, 7);
	w->notice = col_dup(st, a, 8);
	w->extended_to = col_dup(st, a, 9);
	w->parent_week_id = col_int(st, 10);
	w->lists = NULL; /* week_lists_load reads them */
	w->form = NULL;  /* week_form_load reads them */
}

const char *week_last_day(const week *wk)
{
	return wk->extended_to && strcmp(wk->extended_to, wk->ends_on) > 0 ? wk->extended_to : wk->ends_on;
}

char *week_dates_cn(arena *a, const week *wk)
{
	char *s = arena_printf(a, "%s至%s", date_cn(a, wk->starts_on), date_cn(a, wk->ends_on));
	if (strcmp(week_last_day(wk), wk->ends_on))
		s = arena_printf(a, "%s（可延至%s）", s, date_cn(a, wk->extended_to));
	return s;
}

bool week_load(db *d, arena *a, long long id, week *w)
{
	stmt st;
	if (db_prep(d, &st, WEEK_SELECT " WHERE id = ?1", "I", id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok)
		week_from(&st, a, w);
	stmt_done(&st);
	return ok;
}

long long week_organiser(db *d, long long week_id)
{
	return db_int(d, 0, "SELECT unit_id FROM weeks WHERE id = ?1", "I", week_id);
}

bool week_exists(db *d, long long id)
{
	return db_exists(d, "SELECT 1 FROM weeks WHERE id = ?1", "I", id);
}

/* The one under way, else the next, else the last, among the weeks of
 * "from": the table weeks of the organiser ?1, or the CTE "with" names (of
 * the unit ?1). */
static bool current_among(db *d, arena *a, const char *with, const char *from, long long who_id, long long now, week *w)
{
	char *today = date_iso_from_utc(a, now);
	long long id = db_int(d, 0, arena_printf(a, "%sSELECT id FROM %s WHERE starts_on <= ?2 AND ends_on >= ?2 AND (?3 = 1 OR unit_id = ?1)"
					   " ORDER BY year DESC LIMIT 1", with, from), "Iti", who_id, today, *with ? 1 : 0);
	if (!id)
		id = db_int(d, 0, arena_printf(a, "%sSELECT id FROM %s WHERE starts_on > ?2 AND (?3 = 1 OR unit_id = ?1)"
						   " ORDER BY starts_on LIMIT 1", with, from), "Iti", who_id, today, *with ? 1 : 0);
	if (!id)
		id = db_int(d, 0, arena_printf(a, "%sSELECT id FROM %s WHERE ?2 = ?2 AND (?3 = 1 OR unit_id = ?1)"
						   " ORDER BY ends_on DESC LIMIT 1", with, from), "Iti", who_id, today, *with ? 1 : 0);
	return id && week_load(d, a, id, w);
}

bool week_current(db *d, arena *a, long long organiser, long long now, week *w)
{
	return current_among(d, a, "", "weeks", organiser, now, w);
}

bool week_current_of_unit(db *d, arena *a, long long unit_id, long long now, week *w)
{
	return current_among(d, a, UNIT_WEEKS, "unit_weeks", unit_id, now, w);
}

long long week_of_unit(db *d, long long unit_id, long long year)
{
	return db_int(d, 0, UNIT_WEEKS "SELECT id FROM unit_weeks WHERE year = ?2", "II", unit_id, year);
}

long long week_by_year(db *d, long long organiser, long long year)
{
	return db_int(d, 0, "SELECT id FROM weeks WHERE unit_id = ?1 AND year = ?2", "II", organiser, year);
}

static int list_of(db *d, arena *a, const char *sql, long long who_id, week **out)
{
	int n = 0, cap = 8;
	week *v = arena_alloc(a, sizeof *v * (size_t)(cap + 1));
	stmt st;
	if (db_prep(d, &st, sql, "I", who_id) == 0) {
		while (stmt_step(&st) == 1) {
			if (n == cap) {
				week *nv = arena_alloc(a, sizeof *nv * (size_t)(2 * cap + 1));
				memcpy(nv, v, sizeof *v * (size_t)n);
				v = nv;
				cap *= 2;
			}
			week_from(&st, a, &v[n++]);
		}
		stmt_done(&st);
	}
	*out = v;
	return n;
}

int week_list(db *d, arena *a, long long organiser, week **out)
{
	return list_of(d, a, WEEK_SELECT " WHERE unit_id = ?1 ORDER BY year DESC, id DESC", organiser, out);
}

int week_list_of_unit(db *d, arena *a, long long unit_id, week **out)
{
	return list_of(d, a, UNIT_WEEKS "SELECT " WEEK_COLS " FROM unit_weeks ORDER BY year DESC, id DESC", unit_id, out);
}

/* Whether the organiser of w has another week of w's year (e says so). */
static bool year_taken(db *d, arena *a, const week *w, errs *e)
{
	if (!db_exists(d, "SELECT 1 FROM weeks WHERE unit_id = ?1 AND year = ?2 AND id <> ?3", "III", w->unit_id, w->year,
		       w->id))
		return false;
	err_add(e, "year", arena_printf(a, "%lld 年的活动周已经存在，请编辑它而不是新建。", w->year));
	return true;
}

long long week_save(db *d, arena *a, const actor *who, week *w, const char *year_text,
		    const char *deadline_text, errs *e)
{
	long long start_days = 0, end_days = 0, deadline = 0;
	w->title = str_trim(w->title ? w->title : arena_strdup(a, ""));
	w->theme = str_trim(w->theme ? w->theme : arena_strdup(a, ""));
	if (!w->notice)
		w->notice = arena_strdup(a, "");
	w->extended_to = str_trim(w->extended_to ? w->extended_to : arena_strdup(a, ""));
	if (!year_text || !parse_int64(year_text, 2000, 2999, &w->year))
		err_add(e, "year", "请填写年份（2000 到 2999 之间的四位数字）。");
	if (!*w->title)
		err_add(e, "title", "请填写活动周的标题。");
	if (!*w->theme)
		err_add(e, "theme", "请填写活动主题。");
	bool have_start = w->starts_on && date_parse(w->starts_on, &start_days);
	bool have_end = w->ends_on && date_parse(w->ends_on, &end_days);
	if (!have_start)
		err_add(e, "starts_on", "请填写开始日期，例如 2022-12-01。");
	if (!have_end)
		err_add(e, "ends_on", "请填写结束日期，例如 2022-12-07。");
	if (have_start && have_end && end_days < start_days)
		err_add(e, "ends_on", "结束日期不能早于开始日期。");
	if (have_start && have_end && end_days - start_days > 62)
		err_add(e, "ends_on", "活动周最长两个月，请检查日期。");
	long long ext_days;
	if (*w->extended_to && !date_parse(w->extended_to, &ext_days))
		err_add(e, "extended_to", "「活动可延至」不是有效的日期，应写成 2022-12-09 的形式，不延长请留空。");
	else if (*w->extended_to && have_end && ext_days <= end_days)
		err_add(e, "extended_to", "「活动可延至」应晚于结束日期；不延长请留空。");
	else if (*w->extended_to && have_end && ext_days - end_days > 31)
		err_add(e, "extended_to", "「活动可延至」最多比结束日期晚一个月。");
	bool have_deadline = deadline_text && local_datetime_parse(deadline_text, &deadline);
	if (!have_deadline)
		err_add(e, "deadline", "请填写报送截止时间（日期和时刻），例如 2022-12-09 23:59。");
	else if (have_start && deadline < start_days * 86400 - SHANGHAI_OFFSET)
		err_add(e, "deadline", "报送截止时间不能早于活动周的开始日期。");
	if (have_start && w->year && w->year >= 2000 && w->year <= 2999) {
		long long y;
		unsigned m, dd;
		civil_from_days(start_days, &y, &m, &dd);
		if (y != w->year)
			err_add(e, "starts_on", "开始日期应在所填年份之内。");
	}
	if (!w->unit_id)
		w->unit_id = unit_root(d);
	week parent;
	if (w->parent_week_id && week_load(d, a, w->parent_week_id, &parent)) {
		/* a copy of the parent's week: the same year, due before the parent's */
		if (w->year && w->year != parent.year)
			err_add(e, "year", arena_printf(a, "这一届活动周是按上级 %lld 年的活动周发布的，年份不能改。", parent.year));
		if (have_deadline && deadline >= parent.deadline_at)
			err_add(e, "deadline", arena_printf(a, "报送截止时间应早于上级的截止时间（%s），以便汇总后向上报送。",
							    datetime_cn(a, parent.deadline_at)));
	}
	if (e->n || year_taken(d, a, w, e))
		return 0;
	w->deadline_at = deadline;
	if (db_begin(d) < 0) {
		err_add(e, NULL, "数据库忙，请稍后重试。");
		return 0;
	}
	/* again, now that writers wait for this one: another save of the same
	 * year (two clicks, two clerks) may have committed since the check above */
	if (year_taken(d, a, w, e)) {
		db_rollback(d);
		return 0;
	}
	/* the audit's snapshot: the row, its lists and its form's rows */
	const char *sel = "SELECT id, unit_id, year, title, theme, starts_on, ends_on, deadline_at, notice, extended_to,"
			  " (SELECT group_concat(CASE kind WHEN 'content' THEN '活动内容' WHEN 'audience' THEN '参与对象' ELSE '活动形式' END"
			  " || ' ' || position || '. ' || label || CASE WHEN kind = 'content' THEN '（' || wording || '）' ELSE '' END, char(10)) FROM"
			  " (SELECT * FROM week_choices c WHERE c.week_id = weeks.id ORDER BY kind, position)) AS choices"
			  ", (SELECT group_concat(position || '. ' || CASE WHEN grp <> '' THEN grp || ' / ' ELSE '' END || label"
			  " || CASE kind WHEN 'derived' THEN '（系统统计 ' || key || '）' ELSE '（单位填写）' END, char(10)) FROM"
			  " (SELECT * FROM week_form_rows f WHERE f.week_id = weeks.id ORDER BY position)) AS form_rows"
			  " FROM weeks WHERE id = ?1";
	char *old = w->id ? row_json(d, a, sel, w->id) : NULL;
	int rc;
	if (w->id) {
		rc = db_exec(d, "UPDATE weeks SET year = ?1, title = ?2, theme = ?3, starts_on = ?4, ends_on = ?5,"
				" deadline_at = ?6, notice = ?7, updated_at = ?8, extended_to = ?10 WHERE id = ?9",
			     "IttttItIIt", w->year, w->title, w->theme, w->starts_on, w->ends_on, w->deadline_at,
			     w->notice, who->now, w->id, w->extended_to);
	} else {
		rc = db_exec(d, "INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, notice,"
				" created_at, updated_at, extended_to, parent_week_id)"
				" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, NULLIF(?11, 0))",
			     "IIttttItItI", w->unit_id, w->year, w->title, w->theme, w->starts_on, w->ends_on,
			     w->deadline_at, w->notice, who->now, w->extended_to, w->parent_week_id);
		if (rc == 0)
			w->id = db_last_id(d);
	}
	/* the lists: as the centre set them, while no activity uses them (a new
	 * week without them starts as a copy of the latest earlier week's, by
	 * the trigger week_choices_start of migration 140) */
	const char *locked = w->lists && old ? week_lists_locked(d, a, w->id) : NULL;
	if (rc == 0 && locked) {
		db_rollback(d);
		err_add(e, "content", locked);
		return 0;
	}
	if (rc == 0 && w->lists)
		rc = week_lists_write(d, w->id, w->lists);
	/* the summary form's rows, on the same terms (migration 190) */
	const char *form_locked = rc == 0 && w->form && old ? week_form_locked(d, a, w->id) : NULL;
	if (form_locked) {
		db_rollback(d);
		err_add(e, "rows", form_locked);
		return 0;
	}
	if (rc == 0 && w->form)
		rc = week_form_write(d, w->id, w->form);
	if (rc == 0)
		rc = audit(d, who, w->unit_id, old ? "update" : "create", "week", w->id, w->title, old,
			   row_json(d, a, sel, w->id));
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		err_add(e, NULL, "保存失败，请重试。");
		return 0;
	}
	return w->id;
}

long long week_adopt(db *d, arena *a, const actor *who, long long organiser, long long year, errs *e)
{
	unit org;
	if (!unit_load(d, a, organiser, &org) || !unit_is_organiser(d, organiser)) {
		err_add(e, NULL, "只有下面还有单位的一级（组织单位）才能发布自己的活动周。");
		return 0;
	}
	if (!org.parent_id) {
		err_add(e, NULL, "最上级没有上级的活动周可以复制，请直接新建活动周。");
		return 0;
	}
	if (db_exists(d, "SELECT 1 FROM weeks WHERE unit_id = ?1 AND year = ?2", "II", organiser, year)) {
		err_add(e, "year", arena_printf(a, "%s %lld 年的活动周已经存在，请编辑它而不是新建。", org.name, year));
		return 0;
	}
	week parent;
	long long pid = week_of_unit(d, organiser, year);
	if (!pid || !week_load(d, a, pid, &parent)) {
		err_add(e, "year", arena_printf(a, "上级还没有发布 %lld 年的活动周，发布后才能复制。", year));
		return 0;
	}
	/* the units below must not already report in the parent's week that year:
	 * their records would be left in a week that is no longer theirs */
	if (db_exists(d, "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE parent_id = ?1"
			 " UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)"
			 " SELECT 1 FROM sub WHERE EXISTS (SELECT 1 FROM activities x WHERE x.unit_id = sub.id AND x.week_id = ?2)"
			 " OR EXISTS (SELECT 1 FROM reports p WHERE p.unit_id = sub.id AND p.week_id = ?2)",
		      "II", organiser, pid)) {
		err_add(e, "year", arena_printf(a, "%s下属单位已经在「%s」中填报，不能再另发本级的 %lld 年活动周。", org.name,
						 parent.title, year));
		return 0;
	}
	week w = parent;
	w.id = 0;
	w.unit_id = organiser;
	w.parent_week_id = pid;
	w.lists = NULL; /* the trigger copies the parent's (migration 220) */
	w.form = NULL;
	unit up;
	if (unit_load(d, a, parent.unit_id, &up) && strstr(parent.title, up.name))
	{
		const char *at = strstr(parent.title, up.name);
		w.title = arena_printf(a, "%.*s%s%s", (int)(at - parent.title), parent.title, org.name, at + strlen(up.name));
	}
	else
		w.title = arena_printf(a, "%s%s", org.name, parent.title);
	/* due three days before the parent's, never before the week starts */
	long long start_days = 0;
	date_parse(parent.starts_on, &start_days);
	long long due = parent.deadline_at - 3 * 86400, first = start_days * 86400 - SHANGHAI_OFFSET;
	if (due < first)
		due = parent.deadline_at - 60 < first ? first : parent.deadline_at - 60;
	return week_save(d, a, who, &w, arena_printf(a, "%lld", year), datetime_local_iso(a, due), e);
}
