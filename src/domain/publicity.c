/* publicity.c: publicity records: checked, saved with an audit line, and only
 * while the unit's report for the week may still change. */
#include "publicity.h"
#include "activity.h"
#include "submission.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <string.h>
#include <strings.h>

const char *const pub_channels[N_PUB_CHANNELS] = {
	"区县教育官网", "微信公众号", "报刊", "电台", "电视台", "户外LED屏", "校园网", "学校微信", "其他",
};

const char *pub_kind_label(const char *kind)
{
	if (kind && !strcmp(kind, "text"))
		return "文字报道";
	if (kind && !strcmp(kind, "media"))
		return "影像图片报道";
	return "";
}

#define PUB_SELECT "SELECT p.id, p.week_id, p.unit_id, COALESCE(p.activity_id, 0), p.channel, p.kind, p.title, p.outlet," \
		   " p.published_on, p.url, p.screenshot, COALESCE(a.title, ''), p.revision FROM publicity p" \
		   " LEFT JOIN activities a ON a.id = p.activity_id"

static void pub_row(stmt *st, arena *a, void *row)
{
	publicity *p = row;
	p->id = col_int(st, 0);
	p->week_id = col_int(st, 1);
	p->unit_id = col_int(st, 2);
	p->activity_id = col_int(st, 3);
	p->channel = col_dup(st, a, 4);
	p->kind = col_dup(st, a, 5);
	p->title = col_dup(st, a, 6);
	p->outlet = col_dup(st, a, 7);
	p->published_on = col_dup(st, a, 8);
	p->url = col_dup(st, a, 9);
	p->revision = col_int(st, 12);
	p->screenshot = col_null(st, 10) ? NULL : col_dup(st, a, 10);
	p->activity_title = col_dup(st, a, 11);
}

bool publicity_load(db *d, arena *a, long long id, publicity *p)
{
	stmt st;
	publicity *v;
	if (!rows_collect(&st, db_prep(d, &st, PUB_SELECT " WHERE p.id = ?1", "I", id), a, sizeof *v, pub_row, (void **)&v))
		return false;
	*p = v[0];
	return true;
}

int publicity_list(db *d, arena *a, long long week_id, long long unit_id, publicity **out)
{
	stmt st;
	return rows_collect(&st, db_prep(d, &st, PUB_SELECT " WHERE p.week_id = ?1 AND p.unit_id = ?2 ORDER BY p.published_on, p.id",
					 "II", week_id, unit_id), a, sizeof **out, pub_row, (void **)out);
}

int publicity_activity_choices(db *d, arena *a, long long week_id, long long unit_id, long long **ids, char ***titles)
{
	int n = (int)db_int(d, 0, "SELECT count(*) FROM activities WHERE week_id = ?1 AND unit_id = ?2", "II", week_id, unit_id);
	*ids = arena_alloc(a, sizeof **ids * (size_t)(n + 1));
	*titles = arena_alloc(a, sizeof **titles * (size_t)(n + 1));
	stmt st;
	int i = 0;
	if (db_prep(d, &st, "SELECT id, title, starts_at FROM activities WHERE week_id = ?1 AND unit_id = ?2 ORDER BY starts_at, id",
		    "II", week_id, unit_id) == 0) {
		while (i < n && stmt_step(&st) == 1) {
			(*ids)[i] = col_int(&st, 0);
			(*titles)[i] = arena_printf(a, "%s（%s）", col_text(&st, 1), date_cn(a, date_iso_from_utc(a, col_int(&st, 2))));
			i++;
		}
		stmt_done(&st);
	}
	return i;
}

static char *trimmed(arena *a, const char *s)
{
	return str_trim(arena_strdup(a, s ? s : ""));
}

int publicity_parse(db *d, arena *a, const publicity_input *in, publicity *out, errs *e)
{
	out->channel = trimmed(a, in->channel);
	out->kind = trimmed(a, in->kind);
	out->title = trimmed(a, in->title);
	out->outlet = trimmed(a, in->outlet);
	out->published_on = trimmed(a, in->published_on);
	out->url = trimmed(a, in->url);
	bool channel_ok = false;
	for (int i = 0; i < N_PUB_CHANNELS; i++)
		channel_ok |= !strcmp(out->channel, pub_channels[i]);
	if (!channel_ok)
		err_add(e, "channel", "请选择宣传渠道（区县教育官网、微信公众号、报刊等）。");
	if (strcmp(out->kind, "text") && strcmp(out->kind, "media"))
		err_add(e, "kind", "请选择报道类型：文字报道或影像图片报道。");
	if (!*out->title)
		err_add(e, "title", "请填写报道标题。");
	else if (utf8_chars(out->title) > 200)
		err_add(e, "title", "报道标题最多 200 个字。");
	if (utf8_chars(out->outlet) > 100)
		err_add(e, "outlet", "刊发媒体最多 100 个字。");
	long long days;
	if (*out->published_on && !date_parse(out->published_on, &days))
		err_add(e, "published_on", "「发布日期」不是有效的日期，应写成 2022-12-01 的形式。");
	if (*out->url && (strlen(out->url) > 1000 || !url_ok(out->url)))
		err_add(e, "url", "链接应以 http:// 或 https:// 开头，是一个完整的网址，中间不能有空格。");
	const char *act = in->activity_id ? in->activity_id : "";
	out->activity_id = 0;
	if (*act) {
		long long id;
		if (!parse_int64(act, 1, 1LL << 53, &id) ||
		    !db_exists(d, "SELECT 1 FROM activities WHERE id = ?1 AND week_id = ?2 AND unit_id = ?3", "III", id,
			       out->week_id, out->unit_id))
			err_add(e, "activity_id", "关联的活动不是本单位本届活动周的活动，请重新选择。");
		else
			out->activity_id = id;
	}
	return e->n ? -1 : 0;
}

static char *pub_json(db *d, arena *a, long long id)
{
	return row_json(d, a, "SELECT channel, kind, title, outlet, published_on, url, screenshot, activity_id FROM publicity WHERE id = ?1", id);
}

long long publicity_save(db *d, arena *a, const actor *who, publicity *p, const char *shot_sha, long long shot_size,
			 const char *shot_mime, bool remove_shot, errs *e)
{
	if (txn_begin(d, e) < 0)
		return 0;
	int rc = report_check_editable(d, p->week_id, p->unit_id, e);
	if (rc == 0 && p->id)
		rc = revision_claim(d, "publicity", p->id, p->revision, e);
	if (shot_sha && rc == 0)
		rc = file_record(d, shot_sha, shot_size, shot_mime, who->now);
	const char *shot = shot_sha ? shot_sha : remove_shot ? NULL : p->screenshot;
	char *old = p->id ? pub_json(d, a, p->id) : NULL;
	if (rc == 0 && p->id)
		rc = db_exec(d, "UPDATE publicity SET channel = ?1, kind = ?2, title = ?3, outlet = ?4, published_on = ?5, url = ?6,"
				" screenshot = ?7, activity_id = NULLIF(?8, 0), updated_at = ?9 WHERE id = ?10",
			     "tttttttIII", p->channel, p->kind, p->title, p->outlet, p->published_on, p->url, shot,
			     p->activity_id, who->now, p->id);
	else if (rc == 0) {
		rc = db_exec(d, "INSERT INTO publicity(week_id, unit_id, channel, kind, title, outlet, published_on, url, screenshot,"
				" activity_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULLIF(?10, 0), ?11, ?11)",
			     "IItttttttII", p->week_id, p->unit_id, p->channel, p->kind, p->title, p->outlet, p->published_on,
			     p->url, shot, p->activity_id, who->now);
		if (rc == 0)
			p->id = db_last_id(d);
	}
	if (rc == 0)
		rc = audit(d, who, p->unit_id, old ? "update" : "create", "publicity", p->id, p->title, old, pub_json(d, a, p->id));
	if (txn_end(d, rc, e, "保存失败，请重试。") < 0)
		return 0;
	p->screenshot = (char *)shot;
	return p->id;
}

int publicity_remove(db *d, arena *a, const actor *who, long long id, errs *e)
{
	publicity p;
	if (!publicity_load(d, a, id, &p)) {
		err_add(e, NULL, "这条宣传报道记录已不存在。");
		return -1;
	}
	if (txn_begin(d, e) < 0)
		return -1;
	char *old = pub_json(d, a, id);
	int rc = report_check_editable(d, p.week_id, p.unit_id, e);
	if (rc == 0)
		rc = db_exec(d, "DELETE FROM publicity WHERE id = ?1", "I", id);
	if (rc == 0)
		rc = audit(d, who, p.unit_id, "delete", "publicity", id, p.title, old, NULL);
	if (txn_end(d, rc, e, "删除失败，请重试。") < 0)
		return -1;
	return 0;
}
