/* weeks.c: the centre creates and edits activity weeks. */
#include "pages.h"
#include "core/timefmt.h"

void page_weeks(req *r, resp *w)
{
	html *b = resp_html(w);
	centre_list_open(r, w, "活动周", NULL, "新建活动周", "/admin/weeks/new");
	week *v;
	int n = week_list(r->db, r->a, &v);
	static const char *const heads[] = {"年份", "标题", "主题", "日期", "报送截止", "操作"};
	if (table_open(b, n, "还没有活动周。新建一届活动周后，居民就能在首页看到它。", heads, 6)) {
		for (int i = 0; i < n; i++) {
			H(b, "<tr><td>%D</td><td>%s</td><td>%s</td><td>%s 至 %s</td><td>%s</td><td>"
			     "<a href=\"/weeks/%D\">公开页面</a>",
			  v[i].year, v[i].title, v[i].theme, date_cn(r->a, v[i].starts_on), date_cn(r->a, v[i].ends_on),
			  datetime_cn(r->a, v[i].deadline_at), v[i].id);
			if (may(r, ACT_RUN_CITY, 0))
				H(b, " · <a href=\"/admin/weeks/%D\">编辑</a>", v[i].id);
			html(b, "</td></tr>");
		}
		table_close(b);
	}
	page_close(r, w);
}

static void week_form(req *r, resp *w, const week *wk, const char *year, const char *deadline, const errs *e)
{
	html *b = resp_html(w);
	const char *title = wk->id ? "编辑活动周" : "新建活动周";
	form_page_open(r, w, title, "活动周", "/admin/weeks");
	if (e && e->n)
		form_errors(b, "请按提示修改标红的项目后再保存。");
	if (e && e->n && !e->field[0])
		form_errors(b, e->msg[0]);
	if (wk->id)
		form_open(r, b, arena_printf(r->a, "/admin/weeks/%lld", wk->id), "form");
	else
		form_open(r, b, "/admin/weeks", "form");
	field_input(b, "year", "年份", "number", year, true, "例如 2022", e ? err_for(e, "year") : NULL);
	field_input(b, "title", "标题", "text", wk->title, true, "例如 2022年南昌市全民终身学习活动周", e ? err_for(e, "title") : NULL);
	field_input(b, "theme", "主题", "text", wk->theme, true, NULL, e ? err_for(e, "theme") : NULL);
	field_input(b, "starts_on", "开始日期", "date", wk->starts_on, true, NULL, e ? err_for(e, "starts_on") : NULL);
	field_input(b, "ends_on", "结束日期", "date", wk->ends_on, true, NULL, e ? err_for(e, "ends_on") : NULL);
	field_input(b, "extended_to", "活动可延至", "date", wk->extended_to, false,
		    "可不填。填了，这一天之前（含）举办的活动也计入本届活动周；更晚的须标为“周外活动”。",
		    e ? err_for(e, "extended_to") : NULL);
	field_input(b, "deadline", "报送截止时间", "datetime-local", deadline, true,
		    "北京时间。各单位须在此时间前提交材料，之后提交的标为“逾期”。", e ? err_for(e, "deadline") : NULL);
	field_textarea(b, "notice", "通知正文", wk->notice, 16, 20000, "空一行分段。居民在首页能看到全文。",
		       e ? err_for(e, "notice") : NULL);
	html(b, "<p><button type=\"submit\" class=\"primary\">保存</button> <a href=\"/admin/weeks\">取消</a></p></form>");
	page_close(r, w);
}

void page_week_new(req *r, resp *w)
{
	week wk = {0};
	week_form(r, w, &wk, NULL, NULL, NULL);
}

static void week_submit(req *r, resp *w, long long id)
{
	week wk = {0};
	wk.id = id;
	wk.title = arena_strdup(r->a, param(r, "title"));
	wk.theme = arena_strdup(r->a, param(r, "theme"));
	wk.starts_on = arena_strdup(r->a, param(r, "starts_on"));
	wk.ends_on = arena_strdup(r->a, param(r, "ends_on"));
	wk.extended_to = arena_strdup(r->a, param(r, "extended_to"));
	wk.notice = arena_strdup(r->a, param(r, "notice"));
	if (id) {
		week old;
		if (!week_load(r->db, r->a, id, &old)) {
			fail(r, w, 404, "找不到这一届活动周。");
			return;
		}
		wk.unit_id = old.unit_id;
	}
	errs e = {0};
	actor who = page_actor(r);
	if (!week_save(r->db, r->a, &who, &wk, param(r, "year"), param(r, "deadline"), &e)) {
		w->status = 422;
		week_form(r, w, &wk, param(r, "year"), param(r, "deadline"), &e);
		return;
	}
	flash(r, w, id ? "活动周已保存。" : "活动周已创建。");
	redirect(r, w, "/admin/weeks");
}

void page_week_create(req *r, resp *w)
{
	week_submit(r, w, 0);
}

void page_week_edit(req *r, resp *w)
{
	week wk;
	if (!week_load(r->db, r->a, path_id(r, "week"), &wk)) {
		fail(r, w, 404, "找不到这一届活动周。");
		return;
	}
	week_form(r, w, &wk, arena_printf(r->a, "%lld", wk.year), datetime_local_iso(r->a, wk.deadline_at), NULL);
}

void page_week_update(req *r, resp *w)
{
	week_submit(r, w, path_id(r, "week"));
}
