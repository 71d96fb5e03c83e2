/* audit.c: the centre reads the audit log: each line as a sentence (who did
 * what to which object), the fields that changed by their labels with their
 * values formatted, the raw record one click away; filters by unit, person,
 * action, object and date; the same lines as an XLSX workbook. */
#include "pages.h"
#include "domain/auditlog.h"
#include "domain/activity.h"
#include "domain/resource.h"
#include "domain/publicity.h"
#include "domain/participation.h"
#include "core/timefmt.h"
#include "out/table_xlsx.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE_SIZE 50

typedef struct label { const char *key, *label; } label;

/* what was done, as a verb; the first ones are offered in the filter */
static const label actions[] = {
	{"create", "新建"}, {"update", "修改"}, {"delete", "删除"}, {"submit", "提交"}, {"return", "退回"},
	{"accept", "审核通过"}, {"import", "导入"}, {"export", "导出"}, {"login", "登录"}, {"password", "更改密码"},
	{"disable", "停用"}, {"enable", "启用"}, {"retire", "停用"}, {"restore", "恢复"}, {"revoke", "撤销"},
	{"discard", "放弃"}, {"published", "发布"}, {"cancelled", "取消"}, {"draft", "改回草稿"},
	{"open", "开放"}, {"closed", "暂停开放"}, {"select", "入选"}, {"unselect", "取消入选"},
	{"signup", "报名"}, {"assist", "代为报名"}, {"cancel", "取消报名"}, {"promote", "候补转正"},
	{"checkin", "签到"}, {"rate", "评价"}, {"finalise", "定稿"},
	{"keygen", "生成"}, {"rekey", "重新生成"}, {"trust", "登记"}, {"retrust", "更换"},
};
static const label entities[] = {
	{"week", "活动周"}, {"unit", "单位"}, {"account", "账号"}, {"activity", "活动"}, {"photo", "照片"},
	{"import", "活动导入"}, {"report_field", "总结表"}, {"report_plan", "实施方案和开幕式"},
	{"attachment", "附件"}, {"submission", "报送材料"}, {"publicity", "宣传报道"}, {"resource", "学习资源"},
	{"resource_import", "资源导入"}, {"star", "百姓学习之星"}, {"brand", "品牌项目"}, {"case", "智慧助老案例"},
	{"api_token", "接口令牌"}, {"job", "导出任务"}, {"registration", "报名"}, {"checkin", "签到"},
	{"rating", "评价"}, {"final", "总结表定稿"}, {"package_key", "材料包公钥"},
};
/* the fields of the snapshots, by their labels; a key not here shows in the raw record only */
static const label keys[] = {
	{"title", "标题"}, {"name", "名称"}, {"username", "用户名"}, {"display_name", "姓名"}, {"role", "角色"},
	{"unit_id", "单位"}, {"disabled", "已停用"}, {"parent_id", "上级单位"}, {"kind", "类别"}, {"code", "单位代码"},
	{"sort_order", "排序"}, {"retired", "已停用"}, {"consult_phone", "咨询电话"}, {"public_key", "公钥"}, {"year", "年份"}, {"theme", "主题"}, {"starts_on", "开始日期"},
	{"ends_on", "结束日期"}, {"deadline_at", "报送截止"}, {"notice", "通知全文"}, {"host", "主办单位"},
	{"co_hosts", "协办单位"}, {"mode", "形式"}, {"starts_at", "开始时间"}, {"ends_at", "结束时间"}, {"venue", "地点"},
	{"street", "街道（乡镇）"}, {"online_url", "线上地址"}, {"capacity", "名额"}, {"description", "介绍"},
	{"featured", "有特色的活动"}, {"reported_participants", "上报参加人数"}, {"staff_count", "现场清点人数"},
	{"status", "状态"}, {"tags", "分类"}, {"value", "内容"}, {"reason", "修改原因"}, {"plan_issuer", "下发活动文件的部门"},
	{"plan_coordinator", "具体协调部门"}, {"plan_author", "制定活动方案部门"}, {"ceremony_date", "开幕式日期"},
	{"ceremony_venue", "开幕式地点"}, {"ceremony_leaders", "出席开幕式的领导"}, {"filename", "文件名"},
	{"size", "大小"}, {"version", "版本"}, {"late", "逾期"}, {"verify_code", "校验码"}, {"files_json", "附件"},
	{"note", "审核意见"}, {"comments", "意见"}, {"channel", "渠道"}, {"outlet", "媒体"}, {"published_on", "发布日期"},
	{"url", "链接"}, {"screenshot", "截图"}, {"activity_id", "活动编号"}, {"institution", "机构"}, {"address", "地址"},
	{"hours", "开放时间"}, {"booking_phone", "预约电话"}, {"booking_url", "预约网址"}, {"audiences", "面向人群"},
	{"activities", "关联活动"}, {"community", "社区"}, {"story", "事迹"}, {"photo", "照片"}, {"consent", "本人同意公开"},
	{"consent_note", "同意说明"}, {"consent_at", "同意时间"}, {"taught", "授课人次"}, {"trained", "培训人次"},
	{"lessons", "课时"}, {"recommended", "已推荐"}, {"account_id", "账号编号"}, {"created_at", "创建时间"},
	{"revoked_at", "撤销时间"}, {"phone", "电话"}, {"score", "评分"}, {"comment", "留言"}, {"rows_total", "总行数"},
	{"rows_new", "新增行数"}, {"registration_id", "报名编号"}, {"checkin_id", "签到编号"}, {"week_id", "活动周编号"},
	{"choices", "活动内容、参与对象和活动形式"},
};
static const label values[] = {
	{"unit_admin", "单位管理员"}, {"unit_editor", "单位填报员"}, {"centre_admin", "市中心管理员"},
	{"centre_viewer", "市中心查看员"}, {"offline", "线下"}, {"online", "线上"}, {"both", "线上线下"},
	{"draft", "草稿"}, {"published", "已发布"}, {"cancelled", "已取消"}, {"submitted", "已提交"},
	{"returned", "已退回"}, {"accepted", "已通过"}, {"open", "开放中"}, {"closed", "暂停开放"},
	{"confirmed", "报名成功"}, {"waiting", "候补"}, {"pending", "待确认"}, {"done", "已导入"},
	{"discarded", "已放弃"}, {"recommended", "已推荐"}, {"selected", "已入选"},
};
/* yes/no fields stored as 0/1 */
static const char *const flags[] = {"disabled", "retired", "late", "consent", "recommended", "featured"};

static const char *find(const label *t, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(t[i].key, key))
			return t[i].label;
	return NULL;
}
#define FIND(t, k) find(t, sizeof t / sizeof *t, k)

static const char *action_label(const char *a)
{
	const char *s = FIND(actions, a);
	return s ? s : "操作";
}

static const char *entity_label(const char *e)
{
	const char *s = FIND(entities, e);
	return s ? s : "记录";
}

static bool is_flag(const char *key)
{
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
		if (!strcmp(flags[i], key))
			return true;
	return false;
}

/* A frozen list of files: "名称（大小）", one a line. */
static const char *files_text(arena *a, const char *json)
{
	json_t *arr = json_loads(json, 0, NULL);
	if (!json_is_array(arr)) {
		json_decref(arr);
		return "（无法读取）";
	}
	buf b = BUF_INIT;
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x) {
		const char *name = json_string_value(json_object_get(x, "filename"));
		json_t *size = json_object_get(x, "size");
		buf_printf(&b, "%s%s（%s）", i ? "\n" : "", name ? name : "", size_text(a, json_integer_value(size)));
	}
	if (!i)
		buf_printf(&b, "（无）");
	char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	json_decref(arr);
	return s;
}

/* An activity's tags, "content:1 audience:老年人群", by their labels:
 * 活动内容：…；面向人群：… */
static const char *tags_text(arena *a, const char *s, const choices *contents)
{
	static const label kinds[] = {{"content", "活动内容"}, {"subject", "学科"}, {"form", "形式"}, {"audience", "面向人群"}};
	buf b = BUF_INIT;
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		size_t kl = strlen(kinds[k].key);
		int n = 0;
		for (const char *p = s; *p;) {
			while (*p == ' ')
				p++;
			const char *e = strchr(p, ' ');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			if (len > kl && !strncmp(p, kinds[k].key, kl) && p[kl] == ':') {
				char *v = arena_strndup(a, p + kl + 1, len - kl - 1);
				if (!strcmp(kinds[k].key, "content"))
					v = (char *)choice_label(contents, v);
				buf_printf(&b, "%s%s%s", n ? "、" : b.len ? "；" : "", n ? "" : arena_printf(a, "%s：", kinds[k].label), v);
				n++;
			}
			p += len;
		}
	}
	char *out = arena_strdup(a, b.len ? buf_cstr(&b) : "（无）");
	buf_free(&b);
	return out;
}

/* A value as a person reads it: dates, times, sizes, yes/no, labels. */
static const char *value_text(arena *a, db *d, const char *entity, const char *key, json_t *v, long long entity_id)
{
	if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)))
		return "（空）";
	if (json_is_integer(v)) {
		long long n = (long long)json_integer_value(v);
		size_t kl = strlen(key);
		if (kl > 3 && !strcmp(key + kl - 3, "_at"))
			return n ? datetime_cn(a, n) : "（空）";
		if (!strcmp(key, "size"))
			return size_text(a, n);
		if (is_flag(key))
			return n ? "是" : "否";
		if (!strcmp(key, "unit_id") || !strcmp(key, "parent_id")) {
			unit u;
			return n && unit_load(d, a, n, &u) ? u.name : arena_printf(a, "%lld", n);
		}
		if (!strcmp(key, "version"))
			return arena_printf(a, "第 %lld 版", n);
		return arena_printf(a, "%lld", n);
	}
	if (json_is_real(v))
		return arena_printf(a, "%g", json_real_value(v));
	if (json_is_boolean(v))
		return json_is_true(v) ? "是" : "否";
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		long long days;
		if (!strcmp(key, "files_json"))
			return files_text(a, s);
		if (!strcmp(key, "tags")) {
			/* an activity's content codes, named by its week's categories */
			activity x;
			bool known = !strcmp(entity, "activity") && activity_load(d, a, entity_id, &x);
			choices contents = week_choices(d, a, known ? x.week_id : 0, "content");
			return tags_text(a, s, &contents);
		}
		if (!strcmp(key, "score"))
			return score_label(s);
		if (!strcmp(key, "kind")) {
			const att_kind_def *k = !strcmp(entity, "attachment") ? att_kind(s) : NULL;
			if (k)
				return k->label;
			if (!strcmp(entity, "resource"))
				return resource_kind_label(s);
			if (!strcmp(entity, "publicity"))
				return pub_kind_label(s);
		}
		if (!strcmp(key, "verify_code"))
			return verify_code_display(a, s);
		if (strlen(s) == 10 && date_parse(s, &days))
			return date_cn(a, s);
		const char *l = FIND(values, s);
		/* a copy: the JSON it points into is freed before the text is written */
		return l && (!strcmp(key, "role") || !strcmp(key, "status") || !strcmp(key, "mode")) ? l : arena_strdup(a, s);
	}
	if (json_is_array(v))
		return arena_printf(a, "%zu 条", json_array_size(v));
	return "（见原始记录）";
}

typedef struct change {
	const char *label, *before, *after;
	bool code; /* a name or address as typed (username, unit code, verification code, URL): shown as code */
} change;

static bool is_code(const char *key)
{
	static const char *const k[] = {"username", "code", "verify_code", "url", "online_url", "booking_url"};
	for (size_t i = 0; i < sizeof k / sizeof *k; i++)
		if (!strcmp(k[i], key))
			return true;
	return false;
}

/* The labelled fields of a line: what changed (both snapshots), or what it
 * holds (one). Keys without a label are left to the raw record; *hidden counts them. */
static int line_changes(arena *a, db *d, const audit_line *l, change **out, int *hidden)
{
	json_t *o = l->old_value ? json_loads(l->old_value, 0, NULL) : NULL;
	json_t *n = l->new_value ? json_loads(l->new_value, 0, NULL) : NULL;
	json_t *base = json_is_object(n) ? n : json_is_object(o) ? o : NULL;
	*hidden = 0;
	*out = NULL;
	if (!base) {
		json_decref(o);
		json_decref(n);
		return 0;
	}
	change *v = arena_alloc(a, sizeof *v * (json_object_size(base) + 1));
	int k = 0;
	const char *key;
	json_t *val;
	bool both = json_is_object(o) && json_is_object(n);
	json_object_foreach(base, key, val) {
		json_t *ov = json_is_object(o) ? json_object_get(o, key) : NULL;
		json_t *nv = json_is_object(n) ? json_object_get(n, key) : NULL;
		if (both && json_equal(ov, nv))
			continue;
		if (!strcmp(key, "id") || !strcmp(key, "sha256") || !strcmp(key, "mime"))
			continue;
		/* a new record: its empty fields say nothing */
		if (!both && (!val || json_is_null(val) || (json_is_string(val) && !*json_string_value(val))))
			continue;
		const char *lab = FIND(keys, key);
		if (!strcmp(l->entity, "report_field") && !strcmp(key, "value"))
			lab = arena_printf(a, "「%s」", l->summary);
		if (!lab) {
			(*hidden)++;
			continue;
		}
		v[k++] = (change){lab, both ? value_text(a, d, l->entity, key, ov, l->entity_id) : NULL,
				  value_text(a, d, l->entity, key, both ? nv : (nv ? nv : ov), l->entity_id), is_code(key)};
	}
	json_decref(o);
	json_decref(n);
	*out = v;
	return k;
}

static const char *who_text(arena *a, const audit_line *l)
{
	if (*l->display_name && *l->username)
		return arena_printf(a, "%s（%s）", l->display_name, l->username);
	if (*l->username)
		return l->username;
	if (!strcmp(l->entity, "registration") || !strcmp(l->entity, "checkin") || !strcmp(l->entity, "rating"))
		return "居民";
	return "系统（命令行）";
}

/* "修改了 活动「亲子阅读」" */
static const char *what_text(arena *a, const audit_line *l)
{
	const char *act = action_label(l->action), *ent = entity_label(l->entity);
	if (*l->summary)
		return arena_printf(a, "%s%s「%s」", act, ent, l->summary);
	return arena_printf(a, "%s%s", act, ent);
}

static char *pretty_json(arena *a, const char *s)
{
	json_t *j = json_loads(s, 0, NULL);
	if (!j)
		return arena_strdup(a, s);
	char *t = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char *out = arena_strdup(a, t ? t : s);
	free(t);
	json_decref(j);
	return out;
}

static void line_html(req *r, html *b, const audit_line *l)
{
	H(b, "<tr><td class=\"when\">%s</td><td>%s</td><td><p class=\"what\"><strong>%s</strong> %s</p>",
	  datetime_cn(r->a, l->at), *l->unit_name ? l->unit_name : "—", who_text(r->a, l), what_text(r->a, l));
	change *c;
	int hidden, n = line_changes(r->a, r->db, l, &c, &hidden);
	if (n) {
		html(b, "<ul class=\"changes\">");
		for (int i = 0; i < n; i++) {
			H(b, "<li><span class=\"key\">%s</span>：", c[i].label);
			if (c[i].code && c[i].before)
				H(b, "<del><code>%s</code></del> → <ins><code>%s</code></ins>", c[i].before, c[i].after);
			else if (c[i].code)
				H(b, "<code>%s</code>", c[i].after);
			else if (c[i].before) {
				html(b, "<del>");
				html_txt(b, c[i].before);
				html(b, "</del> → <ins>");
				html_txt(b, c[i].after);
				html(b, "</ins>");
			} else {
				html_txt(b, c[i].after);
			}
			html(b, "</li>");
		}
		html(b, "</ul>");
	}
	html(b, "<details class=\"raw\"><summary>原始记录</summary><dl>");
	H(b, "<dt>操作</dt><dd><code>%s %s #%D</code></dd>", l->action, l->entity, l->entity_id);
	if (*l->address)
		H(b, "<dt>来源地址</dt><dd><code>%s</code></dd>", l->address);
	if (l->old_value)
		H(b, "<dt>改前</dt><dd><pre>%s</pre></dd>", pretty_json(r->a, l->old_value));
	if (l->new_value)
		H(b, "<dt>改后</dt><dd><pre>%s</pre></dd>", pretty_json(r->a, l->new_value));
	html(b, "</dl>");
	if (hidden)
		H(b, "<p class=\"hint\">另有 %d 项只在原始记录中。</p>", hidden);
	html(b, "</details></td></tr>\n");
}

typedef struct query {
	audit_filter f;
	const char *unit_s, *from, *to;
	long long page;
} query;

static void read_query(req *r, query *q)
{
	memset(q, 0, sizeof *q);
	q->f.unit_id = param_int(r, "unit", 0);
	q->page = param_int(r, "page", 1);
	if (q->page < 1)
		q->page = 1;
	const char *entity = param(r, "entity"), *action = param(r, "action"), *user = param(r, "user");
	q->f.entity = entity && *entity ? entity : NULL;
	q->f.action = action && *action ? action : NULL;
	q->f.username = user && *user ? user : NULL;
	q->from = param(r, "from");
	q->to = param(r, "to");
	long long days;
	if (q->from && date_parse(q->from, &days))
		q->f.from = days * 86400 - SHANGHAI_OFFSET;
	if (q->to && date_parse(q->to, &days))
		q->f.to = (days + 1) * 86400 - SHANGHAI_OFFSET;
}

static void query_string(html *q, const query *x)
{
	H(q, "unit=%D&amp;entity=%u&amp;action=%u&amp;user=%u&amp;from=%u&amp;to=%u", x->f.unit_id,
	  x->f.entity ? x->f.entity : "", x->f.action ? x->f.action : "", x->f.username ? x->f.username : "",
	  x->from ? x->from : "", x->to ? x->to : "");
}

static void filters_html(req *r, html *b, const query *q)
{
	html(b, "<form method=\"get\" action=\"/admin/audit\" class=\"filters audit-filters\">");
	unit *units;
	int nu = unit_children(r->db, r->a, unit_root(r->db), true, &units);
	html(b, "<div class=\"field\"><label for=\"f-unit\">单位</label><select id=\"f-unit\" name=\"unit\"><option value=\"\">全部单位</option>");
	for (int i = 0; i < nu; i++)
		H(b, "<option value=\"%D\"%s>%s</option>", units[i].id, units[i].id == q->f.unit_id ? " selected" : "", units[i].name);
	html(b, "</select></div><div class=\"field\"><label for=\"f-user\">操作人</label><select id=\"f-user\" name=\"user\"><option value=\"\">全部人员</option>");
	account *acc;
	int na = account_list(r->db, r->a, 0, &acc);
	bool known = false;
	for (int i = 0; i < na; i++) {
		bool on = q->f.username && !strcmp(q->f.username, acc[i].username);
		known |= on;
		H(b, "<option value=\"%s\"%s>%s（%s）</option>", acc[i].username, on ? " selected" : "",
		  *acc[i].display_name ? acc[i].display_name : acc[i].username, acc[i].unit_name ? acc[i].unit_name : "");
	}
	/* a name from an old link (or the command line's lines): still what is filtered */
	if (q->f.username && !known)
		H(b, "<option value=\"%s\" selected>%s（现在没有这个账号）</option>", q->f.username, q->f.username);
	html(b, "</select></div><div class=\"field\"><label for=\"f-action\">操作</label><select id=\"f-action\" name=\"action\"><option value=\"\">全部操作</option>");
	for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", actions[i].key,
		  q->f.action && !strcmp(q->f.action, actions[i].key) ? " selected" : "", actions[i].label);
	html(b, "</select></div><div class=\"field\"><label for=\"f-entity\">对象</label><select id=\"f-entity\" name=\"entity\"><option value=\"\">全部对象</option>");
	for (size_t i = 0; i < sizeof entities / sizeof *entities; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", entities[i].key,
		  q->f.entity && !strcmp(q->f.entity, entities[i].key) ? " selected" : "", entities[i].label);
	html(b, "</select></div>");
	date_field(b, "f-from", "from", "从", q->from);
	date_field(b, "f-to", "to", "到", q->to);
	html(b, "<div class=\"field buttons\"><button type=\"submit\" class=\"primary\">筛选</button> "
		"<a class=\"button\" href=\"/admin/audit\">清除条件</a></div></form>");
}

void page_audit(req *r, resp *w)
{
	html *b = resp_html(w);
	query q;
	read_query(r, &q);
	page_open(r, w, "操作记录");
	breadcrumbs(r, w, NULL, NULL, "操作记录");
	html(b, "<h1>操作记录</h1><p class=\"lead\">每一次保存都记在这里：谁、何时、对什么做了什么，改前和改后的值。</p>");
	filters_html(r, b, &q);

	long long total = audit_count(r->db, &q.f);
	audit_line *lines;
	int n = audit_lines(r->db, r->a, &q.f, q.page, PAGE_SIZE, &lines);
	if (n < 0) {
		fail(r, w, 500, "读取操作记录失败。");
		return;
	}
	html qs = HTML_INIT;
	query_string(&qs, &q);
	H(b, "<p class=\"result-line\">共 %D 条。", total);
	if (total)
		H(b, " <a class=\"button\" href=\"/admin/audit.xlsx?%B\">导出 Excel</a>", &qs);
	html(b, "</p>");
	if (!total)
		html(b, "<p class=\"empty\">没有符合条件的记录。可以放宽筛选条件，或点“清除条件”。</p>");
	else
		html(b, "<div class=\"table-wrap\"><table class=\"list audit\"><thead><tr><th scope=\"col\" class=\"when\">时间</th>"
			"<th scope=\"col\">单位</th><th scope=\"col\">经过</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++)
		line_html(r, b, &lines[i]);
	if (total)
		html(b, "</tbody></table></div>");
	long long pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
	html list = HTML_INIT;
	H(&list, "/admin/audit?%B", &qs);
	pager(b, &list, q.page, pages);
	html_free(&list);
	html_free(&qs);
	page_close(r, w);
}

/* ---- the workbook ---- */

typedef struct export_ctx {
	db *d;
	table_xlsx *t;
	int failed;
} export_ctx;

static void export_line(const audit_line *l, arena *a, void *ctx)
{
	export_ctx *x = ctx;
	change *c;
	int hidden, n = line_changes(a, x->d, l, &c, &hidden);
	buf det = BUF_INIT, raw = BUF_INIT;
	for (int i = 0; i < n; i++) {
		if (c[i].before)
			buf_printf(&det, "%s%s：%s → %s", i ? "\n" : "", c[i].label, c[i].before, c[i].after);
		else
			buf_printf(&det, "%s%s：%s", i ? "\n" : "", c[i].label, c[i].after);
	}
	buf_printf(&raw, "%s %s #%lld", l->action, l->entity, l->entity_id);
	if (l->old_value)
		buf_printf(&raw, "\n改前 %s", l->old_value);
	if (l->new_value)
		buf_printf(&raw, "\n改后 %s", l->new_value);
	const char *cells[] = {datetime_cn(a, l->at), l->unit_name, who_text(a, l), action_label(l->action),
			       arena_printf(a, "%s%s%s%s", entity_label(l->entity), *l->summary ? "「" : "", l->summary, *l->summary ? "」" : ""),
			       buf_cstr(&det), buf_cstr(&raw)};
	if (table_xlsx_row(x->t, cells) < 0)
		x->failed = 1;
	buf_free(&det);
	buf_free(&raw);
}

void page_audit_xlsx(req *r, resp *w)
{
	query q;
	read_query(r, &q);
	char *path = arena_printf(r->a, "%s/files/tmp/audit-XXXXXX", cfg.data_dir);
	int fd = mkstemp(path);
	if (fd < 0) {
		fail(r, w, 507, "服务器无法生成表格（磁盘可能已满），请联系管理员。");
		return;
	}
	close(fd);
	static const char *const heads[] = {"时间", "单位", "操作人", "操作", "对象", "内容", "原始记录"};
	static const double widths[] = {20, 18, 22, 10, 36, 60, 40};
	export_ctx x = {r->db, table_xlsx_open(path, "操作记录", heads, widths, 7), 0};
	char err[200] = "";
	struct stat st;
	if (!x.t) {
		unlink(path);
		fail(r, w, 500, "生成表格失败。");
		return;
	}
	long long n = audit_each(r->db, &q.f, export_line, &x);
	if (table_xlsx_close(x.t, err, sizeof err) < 0 || n < 0 || x.failed || stat(path, &st) < 0) {
		unlink(path);
		fail(r, w, 500, "生成表格失败%s%s。", *err ? "：" : "", err);
		return;
	}
	w->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	w->file_path = path;
	w->file_size = st.st_size;
	w->file_temp = true;
	download_header(r, w, false, "操作记录.xlsx", "audit.xlsx");
	resp_header(r, w, "Cache-Control", "private, no-store");
}
