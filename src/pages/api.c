/* api.c: the JSON API for other systems (jansson), and the pages where unit
 * admins make and revoke the API tokens it is used with.
 *
 * The API speaks the same field names as the activity form and goes through
 * the same activity_parse, roles and unit rules as the web pages. The router
 * authenticates it by bearer token only (session.c) and has already checked
 * the route's role and any :activity in the path; where the unit comes from
 * the query or the body instead, api_may() below applies the router's rule. */
#include "pages/api.h"
#include "core/json_text.h"
#include "domain/apitoken.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- JSON out ---- */

static void json_send(resp *w, int status, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	w->status = status;
	w->content_type = "application/json; charset=utf-8";
	buf_reset(&w->body);
	if (s)
		buf_puts(&w->body, s); /* raw-ok: JSON, not HTML */
	free(s);
	json_decref(j);
}

/* {"error": msg, "fields": {field: msg, ...}} */
static void json_fail(resp *w, int status, const char *msg, json_t *fields)
{
	json_t *j = json_pack("{s:s}", "error", msg);
	if (fields && json_object_size(fields))
		json_object_set(j, "fields", fields);
	json_decref(fields);
	json_send(w, status, j);
}

static json_t *errs_json(const errs *e)
{
	json_t *f = json_object();
	for (int i = 0; i < e->n; i++) {
		const char *k = e->field[i] ? e->field[i] : "_";
		if (!json_object_get(f, k))
			json_object_set_new(f, k, json_text(e->msg[i]));
	}
	return f;
}

static json_t *tags_json(const tags *t)
{
	json_t *a = json_array();
	for (int i = 0; i < t->n; i++)
		json_array_append_new(a, json_text(t->v[i]));
	return a;
}

static json_t *activity_json(req *r, const activity *x)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(x->id));
	json_object_set_new(j, "week_id", json_integer(x->week_id));
	json_object_set_new(j, "unit_id", json_integer(x->unit_id));
	json_object_set_new(j, "unit_name", json_text(x->unit_name ? x->unit_name : ""));
	json_object_set_new(j, "title", json_text(x->title));
	json_object_set_new(j, "host", json_text(x->host));
	json_object_set_new(j, "co_hosts", json_text(x->co_hosts));
	json_object_set_new(j, "content", tags_json(&x->content));
	json_object_set_new(j, "subjects", tags_json(&x->subjects));
	json_object_set_new(j, "forms", tags_json(&x->forms));
	json_object_set_new(j, "audiences", tags_json(&x->audiences));
	json_object_set_new(j, "mode", json_text(x->mode));
	json_object_set_new(j, "starts_at", json_text(datetime_local_iso(r->a, x->starts_at)));
	json_object_set_new(j, "ends_at", json_text(datetime_local_iso(r->a, x->ends_at)));
	json_object_set_new(j, "venue", json_text(x->venue));
	json_object_set_new(j, "street", json_text(x->street));
	json_object_set_new(j, "online_url", json_text(x->online_url));
	json_object_set_new(j, "capacity", x->capacity < 0 ? json_null() : json_integer(x->capacity));
	json_object_set_new(j, "description", json_text(x->description));
	json_object_set_new(j, "featured", json_boolean(x->featured));
	json_object_set_new(j, "off_week", json_boolean(x->off_week));
	json_object_set_new(j, "reported", x->reported < 0 ? json_null() : json_integer(x->reported));
	json_object_set_new(j, "status", json_text(x->status));
	json_object_set_new(j, "revision", json_integer(x->revision));
	return j;
}

/* The router's unit rule, for a unit named in the query or the body: centre
 * roles reach every unit below their own, unit roles their own unit's tree. */
static bool api_may(req *r, bool edit, long long unit_id)
{
	if (edit && !may(r, ACT_RECORD, unit_id))
		return false;
	return unit_within(r->db, unit_id, r->user.unit_id);
}

/* The week of a year an account's calls mean: an organiser's own, the one a
 * unit reports in. */
static long long api_week_by_year(req *r, long long year)
{
	return is_staff_centre(r) ? week_by_year(r->db, r->user.unit_id, year) : week_of_unit(r->db, r->user.unit_id, year);
}

/* ---- GET /api/v1/activities?year=&unit= ---- */

void api_activities(req *r, resp *w)
{
	long long week_id;
	const char *year = param(r, "year");
	if (year && *year) {
		week_id = api_week_by_year(r, param_int(r, "year", 0));
		if (!week_id) {
			json_fail(w, 404, arena_printf(r->a, "没有 %s 年的活动周。", year), NULL);
			return;
		}
	} else {
		week wk;
		week_id = week_now(r, &wk) ? wk.id : 0;
		if (!week_id) {
			json_fail(w, 404, "还没有活动周。", NULL);
			return;
		}
	}
	long long unit_id = 0;
	const char *u = param(r, "unit");
	if (u && *u) {
		unit_id = unit_by_code_or_id(r->db, u);
		if (!unit_id) {
			json_fail(w, 404, arena_printf(r->a, "找不到单位「%s」（可用单位代码或编号）。", u), NULL);
			return;
		}
		if (!api_may(r, false, unit_id)) {
			json_fail(w, 403, "无权查看其他单位的活动。", NULL);
			return;
		}
	} else if (!is_staff_centre(r)) {
		unit_id = r->user.unit_id; /* a unit account sees its own unit */
	}
	activity_query q = {0};
	q.week_id = week_id;
	q.unit_id = unit_id;
	q.status = param(r, "status");
	q.page = param_int(r, "page", 1);
	q.per_page = param_int(r, "per_page", 100);
	activity *v;
	long long total;
	int n = activity_search(r->db, r->a, &q, &v, &total);
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		activity_load_tags(r->db, r->a, &v[i]);
		json_array_append_new(list, activity_json(r, &v[i]));
	}
	json_t *j = json_object();
	json_object_set_new(j, "week_id", json_integer(week_id));
	json_object_set_new(j, "unit_id", unit_id ? json_integer(unit_id) : json_null());
	json_object_set_new(j, "total", json_integer(total));
	json_object_set_new(j, "page", json_integer(q.page));
	json_object_set_new(j, "per_page", json_integer(q.per_page));
	json_object_set_new(j, "activities", list);
	json_send(w, 200, j);
}

/* GET /api/v1/activities/:activity */
void api_activity_get(req *r, resp *w)
{
	activity x;
	if (!activity_load(r->db, r->a, path_id(r, "activity"), &x)) {
		json_fail(w, 404, "找不到这项活动。", NULL);
		return;
	}
	resp_header(r, w, "ETag", arena_printf(r->a, "\"%lld\"", x.revision));
	json_send(w, 200, activity_json(r, &x));
}

/* ---- JSON in ---- */

static const char *const text_keys[] = {"title", "host", "co_hosts", "mode", "starts_at", "ends_at", "venue", "street",
					"online_url", "description"};
static const char *const tag_keys[] = {"content", "subjects", "forms", "audiences"};
static const char *const other_keys[] = {"capacity", "reported", "featured", "off_week", "status", "week", "year", "unit", "revision"};

#define NKEYS(a) (sizeof(a) / sizeof *(a))

static bool key_known(const char *k)
{
	for (size_t i = 0; i < NKEYS(text_keys); i++)
		if (!strcmp(k, text_keys[i]))
			return true;
	for (size_t i = 0; i < NKEYS(tag_keys); i++)
		if (!strcmp(k, tag_keys[i]))
			return true;
	for (size_t i = 0; i < NKEYS(other_keys); i++)
		if (!strcmp(k, other_keys[i]))
			return true;
	return false;
}

static const char *label_of(const char *k)
{
	return !strcmp(k, "status") ? "状态" : !strcmp(k, "week") ? "活动周" : !strcmp(k, "year") ? "年份" :
	       !strcmp(k, "unit") ? "单位" : activity_field_label(k);
}

static const char **slot_of(activity_input *in, const char *k)
{
	const char **slots[] = {&in->title, &in->host, &in->co_hosts, &in->mode, &in->starts_at, &in->ends_at,
				&in->venue, &in->street, &in->online_url, &in->description};
	for (size_t i = 0; i < NKEYS(text_keys); i++)
		if (!strcmp(k, text_keys[i]))
			return slots[i];
	return NULL;
}

static tags *tags_of(activity_input *in, const char *k)
{
	return !strcmp(k, "content") ? &in->content : !strcmp(k, "subjects") ? &in->subjects :
	       !strcmp(k, "forms") ? &in->forms : &in->audiences;
}

/* The activity as the form would send it, for a PUT that changes some fields. */
static void input_from(req *r, const activity *x, activity_input *in)
{
	memset(in, 0, sizeof *in);
	in->title = x->title, in->host = x->host, in->co_hosts = x->co_hosts, in->mode = x->mode;
	in->starts_at = datetime_local_iso(r->a, x->starts_at);
	in->ends_at = datetime_local_iso(r->a, x->ends_at);
	in->venue = x->venue, in->street = x->street, in->online_url = x->online_url, in->description = x->description;
	in->capacity = x->capacity < 0 ? "" : arena_printf(r->a, "%lld", x->capacity);
	in->reported = x->reported < 0 ? "" : arena_printf(r->a, "%lld", x->reported);
	in->featured = x->featured ? "1" : "0";
	in->off_week = x->off_week ? "1" : "0";
	in->content = x->content, in->subjects = x->subjects, in->forms = x->forms, in->audiences = x->audiences;
}

typedef struct api_body {
	json_t *root;
	activity_input in;
	const char *status;          /* NULL: not given */
	long long week_id;           /* 0: not given */
	long long unit_id;           /* 0: not given */
	long long revision;          /* -1: not given (nor If-Match) */
} api_body;

/* Reads the request body into b (over the values already in b->in). Sends the
 * error and returns false on malformed JSON or wrong types. */
static bool body_read(req *r, resp *w, api_body *b)
{
	const char *ct = r->content_type ? r->content_type : "";
	if (strncasecmp(ct, "application/json", 16)) {
		json_fail(w, 415, "请以 JSON 提交（请求头 Content-Type: application/json）。", NULL);
		return false;
	}
	json_error_t err;
	const char *p = r->body && r->body->len ? r->body->p : "";
	size_t n = r->body ? r->body->len : 0;
	b->root = json_loadb(p, n, JSON_REJECT_DUPLICATES, &err);
	if (!b->root || !json_is_object(b->root)) {
		json_fail(w, 400, b->root ? "请求体应是一个 JSON 对象，例如 {\"title\": \"…\"}。"
					  : arena_printf(r->a, "请求体不是有效的 JSON（第 %d 行第 %d 列：%s）。", err.line, err.column, err.text),
			  NULL);
		return false;
	}
	json_t *bad = json_object();
	const char *k;
	json_t *v;
	json_object_foreach(b->root, k, v) {
		if (!key_known(k)) {
			json_object_set_new(bad, k, json_text("不认识的字段。"));
			continue;
		}
		const char **slot = slot_of(&b->in, k);
		if (slot) {
			if (json_is_string(v))
				*slot = arena_strdup(r->a, json_string_value(v));
			else if (json_is_null(v))
				*slot = "";
			else
				json_object_set_new(bad, k, json_text(arena_printf(r->a, "「%s」应为文本。", label_of(k))));
			continue;
		}
		if (!strcmp(k, "content") || !strcmp(k, "subjects") || !strcmp(k, "forms") || !strcmp(k, "audiences")) {
			tags *t = tags_of(&b->in, k);
			if (json_is_null(v)) {
				t->n = 0;
				continue;
			}
			if (!json_is_array(v)) {
				json_object_set_new(bad, k, json_text(arena_printf(r->a, "「%s」应为数组，例如 [\"全民阅读\"]。", label_of(k))));
				continue;
			}
			t->v = arena_alloc(r->a, sizeof(char *) * (json_array_size(v) + 1));
			t->n = 0;
			size_t i;
			json_t *e;
			json_array_foreach(v, i, e) {
				if (json_is_string(e))
					t->v[t->n++] = arena_strdup(r->a, json_string_value(e));
				else if (json_is_integer(e))
					t->v[t->n++] = arena_printf(r->a, "%lld", (long long)json_integer_value(e));
				else
					json_object_set_new(bad, k, json_text(arena_printf(r->a, "「%s」的每一项应为文本。", label_of(k))));
			}
			continue;
		}
		if (!strcmp(k, "capacity") || !strcmp(k, "reported")) {
			const char **dst = !strcmp(k, "capacity") ? &b->in.capacity : &b->in.reported;
			if (json_is_null(v))
				*dst = "";
			else if (json_is_integer(v))
				*dst = arena_printf(r->a, "%lld", (long long)json_integer_value(v));
			else if (json_is_string(v))
				*dst = arena_strdup(r->a, json_string_value(v));
			else
				json_object_set_new(bad, k, json_text(arena_printf(r->a, "「%s」应为整数或 null。", label_of(k))));
		} else if (!strcmp(k, "featured") || !strcmp(k, "off_week")) {
			const char **dst = !strcmp(k, "featured") ? &b->in.featured : &b->in.off_week;
			if (json_is_boolean(v))
				*dst = json_is_true(v) ? "1" : "0";
			else
				json_object_set_new(bad, k, json_text(arena_printf(r->a, "「%s」应为 true 或 false。", label_of(k))));
		} else if (!strcmp(k, "status")) {
			if (json_is_string(v))
				b->status = arena_strdup(r->a, json_string_value(v));
			else
				json_object_set_new(bad, k, json_text("「状态」应为 \"draft\"、\"published\" 或 \"cancelled\"。"));
		} else if (!strcmp(k, "week") || !strcmp(k, "year")) {
			week wk;
			long long id = !json_is_integer(v) ? 0 : !strcmp(k, "week")
				? (week_load(r->db, r->a, (long long)json_integer_value(v), &wk) ? wk.id : 0)
				: api_week_by_year(r, (long long)json_integer_value(v));
			if (!json_is_integer(v))
				json_object_set_new(bad, k, json_text(arena_printf(r->a, "「%s」应为整数。", label_of(k))));
			else if (!id)
				json_object_set_new(bad, k, json_text(arena_printf(r->a, "找不到这个%s。", label_of(k))));
			else
				b->week_id = id;
		} else if (!strcmp(k, "revision")) {
			if (json_is_integer(v) && json_integer_value(v) >= 0)
				b->revision = (long long)json_integer_value(v);
			else
				json_object_set_new(bad, k, json_text("「修订号」应为不小于 0 的整数（读取活动时得到的 revision）。"));
		} else if (!strcmp(k, "unit")) {
			const char *s = json_is_string(v) ? json_string_value(v)
				      : json_is_integer(v) ? arena_printf(r->a, "%lld", (long long)json_integer_value(v)) : NULL;
			b->unit_id = s ? unit_by_code_or_id(r->db, s) : 0;
			if (!b->unit_id)
				json_object_set_new(bad, k, json_text("找不到这个单位（可用单位代码或编号）。"));
		}
	}
	if (json_object_size(bad)) {
		json_fail(w, 400, "请求中有字段的名称或类型不对，详见 fields。", bad);
		return false;
	}
	json_decref(bad);
	return true;
}

static bool status_ok(resp *w, const char *s, bool create)
{
	if (!s)
		return true;
	if (!strcmp(s, "draft") || !strcmp(s, "published") || (!create && !strcmp(s, "cancelled")))
		return true;
	json_t *f = json_object();
	json_object_set_new(f, "status", json_text(create ? "新建的活动只能是 draft 或 published。"
							    : "只能是 draft、published 或 cancelled。"));
	json_fail(w, 422, "「状态」不正确。", f);
	return false;
}

static void saved(req *r, resp *w, int status, long long id, const char *warning)
{
	activity x;
	activity_load(r->db, r->a, id, &x);
	json_t *j = activity_json(r, &x);
	if (warning)
		json_object_set_new(j, "warning", json_text(warning));
	if (status == 201)
		resp_header(r, w, "Location", arena_printf(r->a, "/api/v1/activities/%lld", id));
	resp_header(r, w, "ETag", arena_printf(r->a, "\"%lld\"", x.revision));
	json_send(w, status, j);
}

/* POST /api/v1/activities */
void api_activity_create(req *r, resp *w)
{
	api_body b = {0};
	b.in.featured = "0";
	if (!body_read(r, w, &b))
		goto out;
	long long unit_id = b.unit_id ? b.unit_id : r->user.unit_id;
	if (!api_may(r, true, unit_id)) {
		json_fail(w, 403, arena_printf(r->a, "您的账号（%s）不能为这个单位新增活动。", role_label(r->user.role)), NULL);
		goto out;
	}
	if (!status_ok(w, b.status, true))
		goto out;
	unit u;
	if (unit_load(r->db, r->a, unit_id, &u) && u.retired) {
		json_fail(w, 409, "该单位已停用，不能再录入活动。", NULL);
		goto out;
	}
	long long week_id = b.week_id;
	week wk;
	if (!week_id)
		week_id = week_current_of_unit(r->db, r->a, unit_id, r->now, &wk) ? wk.id : 0;
	if (!week_id) {
		json_fail(w, 409, "还没有活动周，暂时不能录入活动。", NULL);
		goto out;
	}
	activity x = {0};
	errs e = {0};
	const char *warning;
	if (activity_parse(r->db, r->a, &b.in, week_id, &x, &e, &warning) < 0) {
		json_fail(w, 422, "活动信息有误，详见 fields。", errs_json(&e));
		goto out;
	}
	x.unit_id = unit_id;
	x.status = (char *)(b.status ? b.status : "draft");
	actor who = page_actor(r);
	if (!activity_save(r->db, r->a, &who, &x, &e)) {
		json_fail(w, 503, "保存失败，请重试。", NULL);
		goto out;
	}
	saved(r, w, 201, x.id, warning);
out:
	json_decref(b.root);
}

/* PUT /api/v1/activities/:activity: the fields given replace the stored
 * ones; fields left out keep their values. */
void api_activity_update(req *r, resp *w)
{
	api_body b = {.revision = -1};
	activity old;
	if (!activity_load(r->db, r->a, path_id(r, "activity"), &old)) {
		json_fail(w, 404, "找不到这项活动。", NULL);
		return;
	}
	input_from(r, &old, &b.in);
	/* If-Match: "7" (the ETag of a GET) says which revision this change is over */
	const char *im = header(r, "If-Match");
	if (im && strcmp(im, "*")) {
		long long v;
		size_t n = strlen(im);
		const char *q = n >= 2 && im[0] == '"' && im[n - 1] == '"' ? arena_printf(r->a, "%.*s", (int)(n - 2), im + 1) : im;
		if (!parse_int64(q, 0, 1LL << 53, &v)) {
			json_fail(w, 400, "If-Match 应是读取活动时得到的 ETag，例如 \"7\"。", NULL);
			return;
		}
		b.revision = v;
	}
	if (!body_read(r, w, &b))
		goto out;
	if (b.unit_id && b.unit_id != old.unit_id) {
		json_fail(w, 422, "不能把活动改到其他单位。", NULL);
		goto out;
	}
	if (b.week_id && b.week_id != old.week_id) {
		json_fail(w, 422, "不能把活动改到其他活动周。", NULL);
		goto out;
	}
	if (!status_ok(w, b.status, false))
		goto out;
	activity x = {0};
	errs e = {0};
	const char *warning;
	if (activity_parse(r->db, r->a, &b.in, old.week_id, &x, &e, &warning) < 0) {
		json_fail(w, 422, "活动信息有误，详见 fields。", errs_json(&e));
		goto out;
	}
	x.id = old.id;
	x.unit_id = old.unit_id;
	x.status = old.status;
	x.revision = b.revision;
	actor who = page_actor(r);
	if (!activity_save_with_status(r->db, r->a, &who, &x, b.status, &e)) {
		if (errs_stale(&e)) {
			/* what is saved now, so the client can merge and send again */
			activity now;
			json_t *cur = activity_load(r->db, r->a, old.id, &now) ? activity_json(r, &now) : json_null();
			json_t *j = json_pack("{s:s,s:I,s:o}", "error", "您读取之后，这项活动已被别人修改（修订号不符），这次没有保存。"
					      "请重新读取后再提交。", "revision", (json_int_t)(cur && json_is_object(cur) ? now.revision : 0),
					      "current", cur);
			json_send(w, 409, j);
		} else if (err_for(&e, "status")) {
			json_fail(w, 409, err_for(&e, "status"), NULL);
		} else {
			json_fail(w, 503, "保存失败，请重试。", NULL);
		}
		goto out;
	}
	saved(r, w, 200, x.id, warning);
out:
	json_decref(b.root);
}

/* ---- token management: /units/:unit/tokens ---- */

static void tokens_page(req *r, resp *w, long long unit_id, const char *secret, const char *secret_for, const errs *e)
{
	html *b = resp_html(w);
	unit u;
	unit_load(r->db, r->a, unit_id, &u);
	page_open(r, w, "接口令牌");
	breadcrumbs(r, w, NULL, NULL, arena_printf(r->a, "%s的接口令牌", u.name));
	H(b, "<h1>%s的接口令牌</h1>", u.name);
	if (secret) {
		H(b, "<section class=\"card token-once\" role=\"status\"><h2>新令牌（只显示这一次）</h2>"
		     "<p>请现在复制并交给对接系统的管理员保存。离开本页后，任何人（包括您）都无法再看到它；"
		     "丢失了只能撤销后重新生成。</p><p><code class=\"token\">%s</code></p><p>账号：%s。使用方法：在请求头中加入 "
		     "<code>Authorization: Bearer 令牌</code>。</p></section>", secret, secret_for);
	}
	html(b, "<p>其他系统（例如区里的教育信息平台）可以凭令牌通过接口读取和录入本单位的活动，"
		"权限与令牌所属账号相同。令牌一旦撤销立即失效。</p>");
	if (may(r, ACT_RUN_CITY, 0)) {
		unit *kids;
		int nk = unit_children(r->db, r->a, unit_root(r->db), false, &kids);
		H(b, "<p class=\"filters\">其他单位：<a href=\"/units/%D/tokens\">市中心</a>", unit_root(r->db));
		for (int i = 0; i < nk; i++)
			H(b, " · <a href=\"/units/%D/tokens\">%s</a>", kids[i].id, kids[i].name);
		html(b, "</p>");
	}
	api_token *t;
	int n = apitoken_list(r->db, r->a, unit_id, &t);
	if (!n) {
		html(b, "<p class=\"empty\">还没有令牌。</p>");
	} else {
		html(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">用途</th><th scope=\"col\">账号</th>"
			"<th scope=\"col\">生成</th><th scope=\"col\">最近使用</th><th scope=\"col\">状态</th><th scope=\"col\">操作</th>"
			"</tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			H(b, "<tr%s><td>%s</td><td>%s（%s）</td><td>%s</td><td>%s</td><td>%s</td><td>", t[i].revoked_at ? " class=\"retired\"" : "",
			  t[i].name, t[i].username, role_label(role_parse(t[i].role)), datetime_cn(r->a, t[i].created_at),
			  t[i].last_used ? datetime_cn(r->a, t[i].last_used) : "从未使用",
			  t[i].revoked_at ? arena_printf(r->a, "已撤销（%s）", datetime_cn(r->a, t[i].revoked_at)) : "有效");
			if (!t[i].revoked_at) {
				form_open(r, b, arena_printf(r->a, "/tokens/%lld/revoke", t[i].id), "inline");
				html(b, "<button type=\"submit\" class=\"danger\" data-confirm=\"撤销后，使用这个令牌的系统将立即无法访问。确定撤销吗？\">撤销</button></form>");
			}
			html(b, "</td></tr>");
		}
		html(b, "</tbody></table></div>");
	}
	account *acc;
	int na = account_list(r->db, r->a, unit_id, &acc);
	html(b, "<h2>生成新令牌</h2>");
	if (e && e->n)
		form_errors(b, errs_summary(e, r->a));
	form_open(r, b, arena_printf(r->a, "/units/%lld/tokens", unit_id), "form narrow");
	option *opts = arena_alloc(r->a, sizeof *opts * (size_t)(na + 1));
	int no = 0;
	for (int i = 0; i < na; i++)
		if (!acc[i].disabled)
			opts[no++] = (option){arena_printf(r->a, "%lld", acc[i].id),
					      arena_printf(r->a, "%s（%s）", acc[i].username, role_label(role_parse(acc[i].role)))};
	field_select(b, "account", "令牌属于哪个账号", opts, no, NULL, e ? err_for(e, "account") : NULL);
	field_input(b, "name", "用途", "text", NULL, true, "例如：区教育信息平台同步", e ? err_for(e, "name") : NULL);
	html(b, "<p><button type=\"submit\" class=\"primary\">生成令牌</button></p></form>");
	page_close(r, w);
}

/* GET /units/:unit/tokens */
void page_tokens(req *r, resp *w)
{
	tokens_page(r, w, path_id(r, "unit"), NULL, NULL, NULL);
}

/* POST /units/:unit/tokens */
void page_token_create(req *r, resp *w)
{
	long long unit_id = path_id(r, "unit"), account_id = param_int(r, "account", 0);
	errs e = {0};
	account acc;
	/* only for an account of this very unit: a unit admin's reach is their unit */
	if (!account_id || !account_load(r->db, r->a, account_id, &acc) || acc.unit_id != unit_id) {
		err_add(&e, "account", "请选择本单位的账号。");
		w->status = 422;
		tokens_page(r, w, unit_id, NULL, NULL, &e);
		return;
	}
	actor who = page_actor(r);
	char *secret = NULL;
	if (!apitoken_create(r->db, r->a, &who, account_id, param(r, "name"), &secret, &e)) {
		w->status = 422;
		tokens_page(r, w, unit_id, NULL, NULL, &e);
		return;
	}
	/* shown in this answer only (no redirect, no flash cookie), never stored */
	tokens_page(r, w, unit_id, secret, acc.username, NULL);
}

/* POST /tokens/:token/revoke */
void page_token_revoke(req *r, resp *w)
{
	long long unit_id = r->target_unit;
	actor who = page_actor(r);
	action_end(r, w, apitoken_revoke(r->db, r->a, &who, path_id(r, "token")) >= 0, 409, "这个令牌已经撤销过了。", "令牌已撤销，使用它的系统已无法访问。",
	           arena_printf(r->a, "/units/%lld/tokens", unit_id));
}
