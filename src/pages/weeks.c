/* weeks.c: the centre creates and edits activity weeks. */
#include "pages.h"
#include "core/timefmt.h"
#include <string.h>

/* A middle organiser's weeks start as copies of the weeks it reports in: a
 * button for each year it has none of its own. */
static void adopt_offers(req *r, html *b, const week *own, int nown)
{
	week *up;
	int n = week_list_of_unit(r->db, r->a, r->user.unit_id, &up);
	for (int i = 0; i < n; i++) {
		bool have = false;
		for (int k = 0; k < nown && !have; k++)
			have = own[k].year == up[i].year;
		if (have)
			continue;
		form_open(r, b, "/admin/weeks/adopt", "inline");
		H(b, "<input type=\"hidden\" name=\"year\" value=\"%D\"><button type=\"submit\" class=\"primary\">"
		     "按上级的「%s」发布本级 %D 年活动周</button></form>", up[i].year, up[i].title, up[i].year);
	}
}

void page_weeks(req *r, resp *w)
{
	html *b = resp_html(w);
	bool top = r->user.unit_id == r->user.root_unit_id;
	if (top)
		centre_list_open(r, w, "活动周", NULL, "新建活动周", "/admin/weeks/new");
	else
		centre_list_open(r, w, "活动周", NULL, NULL, NULL);
	week *v;
	int n = week_list(r->db, r->a, r->user.unit_id, &v);
	if (!top && may(r, ACT_RUN_CITY, 0))
		adopt_offers(r, b, v, n);
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

/* The names, joined by sep ("\n": one a line, for the textareas). */
static const char *joined(arena *a, const choices *c, const char *sep)
{
	const char *s = "";
	for (int i = 0; i < c->n; i++)
		s = arena_printf(a, "%s%s%s", s, i ? sep : "", c->label[i]);
	return s;
}

/* The form's lists: editable, or read-only with the reason once an activity uses them. */
static void lists_fields(req *r, html *b, const week_lists *l, const char *locked, const errs *e)
{
	html(b, "<fieldset class=\"week-lists\"><legend>本届的活动内容、参与对象和活动形式</legend>");
	if (locked) {
		H(b, "<p class=\"note\">%s</p>", locked);
		if (e && err_for(e, "content"))
			H(b, "<p class=\"field-error\">%s</p>", err_for(e, "content"));
		html(b, "<p><strong>活动内容：</strong></p><ul>");
		for (int i = 0; i < l->content.n; i++)
			H(b, "<li>%s<strong>%s</strong>：%s</li>", cn_ordinal(r->a, i + 1), l->content.label[i], l->content.wording[i]);
		html(b, "</ul>");
		H(b, "<p><strong>参与对象：</strong>%s</p>", joined(r->a, &l->audience, "、"));
		H(b, "<p><strong>活动形式：</strong>%s</p>", joined(r->a, &l->form, "、"));
		html(b, "</fieldset>");
		return;
	}
	html(b, "<p class=\"hint\">总结表按这里的顺序列出（一）（二）……；简称用于筛选、统计和 Excel 模板，完整表述显示在活动表单上。"
		"不要的一项，两栏都清空。本届有了第一项活动后就不能再修改。</p>");
	if (e && err_for(e, "content"))
		H(b, "<p class=\"field-error\">%s</p>", err_for(e, "content"));
	/* one group a category (a table of inputs is too wide for a phone), and two empty ones to add */
	int rows = l->content.n + 2 > MAX_CONTENT ? MAX_CONTENT : l->content.n + 2;
	for (int i = 0; i < rows; i++) {
		const char *lab = i < l->content.n ? l->content.label[i] : "", *wd = i < l->content.n ? l->content.wording[i] : "";
		H(b, "<fieldset class=\"form-field\"><legend>活动内容%s</legend>"
		     "<div class=\"field\"><label for=\"f-cl-%d\">简称</label><input id=\"f-cl-%d\" name=\"content_label\" value=\"%s\" maxlength=\"20\"></div>"
		     "<div class=\"field\"><label for=\"f-cw-%d\">完整表述</label><input id=\"f-cw-%d\" name=\"content_wording\" value=\"%s\" maxlength=\"100\"></div>"
		     "</fieldset>",
		  cn_ordinal(r->a, i + 1), i + 1, i + 1, lab, i + 1, i + 1, wd);
	}
	field_textarea(b, "audiences", "参与对象", joined(r->a, &l->audience, "\n"), 6, 2000, "每行一项。",
		       e ? err_for(e, "audiences") : NULL);
	field_textarea(b, "forms", "活动形式", joined(r->a, &l->form, "\n"), 6, 2000, "每行一项。", e ? err_for(e, "forms") : NULL);
	html(b, "</fieldset>");
}

/* The option of the type select: value, its words, selected. */
static void kind_option(html *b, const char *value, const char *words, bool selected)
{
	if (selected)
		H(b, "<option value=\"%s\" selected>%s</option>", value, words);
	else
		H(b, "<option value=\"%s\">%s</option>", value, words);
}

/* The summary form's rows: one group a row (order, group, label, type), and
 * two empty ones to add a row; read-only with the reason once an activity
 * uses the form. Plain fields: it works without JavaScript. */
static void form_rows_fields(req *r, html *b, const week_form *f, const char *locked, const errs *e)
{
	html(b, "<fieldset class=\"week-form-rows\" id=\"form-rows\"><legend>本届总结表的栏目</legend>");
	if (e && err_for(e, "rows"))
		for (int i = 0; i < e->n; i++)
			if (e->field[i] && !strcmp(e->field[i], "rows"))
				H(b, "<p class=\"field-error\">%s</p>", e->msg[i]);
	if (locked) {
		H(b, "<p class=\"note\">%s</p><ol>", locked);
		for (int i = 0; i < f->n; i++) {
			const form_field_def *d = &f->row[i];
			H(b, "<li>%s%s%s（%s）</li>", d->group ? d->group : "", d->group ? " · " : "", d->label,
			  d->kind == FK_DERIVED ? "系统统计" : d->optional ? "单位填写，选填" : "单位填写");
		}
		html(b, "</ol></fieldset>");
		return;
	}
	html(b, "<p class=\"hint\">总结表按“顺序”从小到大排列各栏；同一“分组”的相邻几栏在表中合并为一格。"
		"“系统统计”的栏目由系统按活动记录统计，单位可以改写；“单位填写”的栏目由单位自己填写。"
		"不要的一栏，类型选“删除”。本届有了第一项活动后就不能再修改。</p>");
	for (int i = 0; i < f->n + 2; i++) {
		const form_field_def *d = i < f->n ? &f->row[i] : NULL;
		const form_derivation *dv = d ? form_derivation_of(d->key) : NULL;
		int k = i + 1;
		H(b, "<fieldset class=\"form-field form-row\"><legend>%s</legend>", d ? arena_printf(r->a, "第 %d 栏", k) : "新增一栏");
		if (d) {
			H(b, "<input type=\"hidden\" name=\"row_key\" value=\"%s\">", d->key);
		} else {
			/* a new row: typed by the unit, or one of the derivations the form has not got */
			H(b, "<div class=\"field\"><label for=\"f-rk-%d\">内容来源</label><select id=\"f-rk-%d\" name=\"row_key\">"
			     "<option value=\"\" selected>由单位填写的新栏目</option>", k, k);
			for (int j = 0; j < n_form_derivations; j++)
				if (week_form_index(f, form_derivations[j].key) < 0)
					H(b, "<option value=\"%s\">系统统计：%s（来自%s）</option>", form_derivations[j].key, form_derivations[j].what,
					  form_derivations[j].from);
			html(b, "</select></div>");
		}
		H(b, "<div class=\"field\"><label for=\"f-rp-%d\">顺序</label><input id=\"f-rp-%d\" name=\"row_pos\" type=\"number\" min=\"1\" max=\"999\" value=\"%d\"></div>"
		     "<div class=\"field\"><label for=\"f-rg-%d\">分组（可不填）</label><input id=\"f-rg-%d\" name=\"row_group\" value=\"%s\" maxlength=\"20\"></div>"
		     "<div class=\"field\"><label for=\"f-rl-%d\">栏目名称</label><input id=\"f-rl-%d\" name=\"row_label\" value=\"%s\" maxlength=\"60\"></div>",
		  k, k, k, k, k, d && d->group ? d->group : "", k, k, d ? d->label : "");
		H(b, "<div class=\"field\"><label for=\"f-rt-%d\">类型</label><select id=\"f-rt-%d\" name=\"row_kind\">", k, k);
		if (!d)
			kind_option(b, "auto", "按内容来源：系统统计或单位填写", true);
		if (dv)
			kind_option(b, "derived", arena_printf(r->a, "系统统计：%s（来自%s）", dv->what, dv->from), d->kind == FK_DERIVED);
		kind_option(b, "typed", "单位填写", d && d->kind == FK_NARRATIVE && !d->optional);
		kind_option(b, "optional", "单位填写（选填）", d && d->kind == FK_NARRATIVE && d->optional);
		if (d)
			kind_option(b, "drop", "删除这一栏", false);
		html(b, "</select></div></fieldset>");
	}
	html(b, "</fieldset>");
}

static void week_edit_page(req *r, resp *w, const week *wk, const char *year, const char *deadline, const errs *e)
{
	html *b = resp_html(w);
	const char *title = wk->id ? "编辑活动周" : "新建活动周";
	form_page_open(r, w, title, "活动周", "/admin/weeks");
	if (e && e->n)
		form_errors(b, "请按提示修改标红的项目后再保存。");
	if (e && e->n && !e->field[0])
		form_errors(b, e->msg[0]);
	/* a week below the actor's node: shown, not editable (RF_OWN_FORM
	 * refuses the save to anyone but the week's own organiser) */
	bool view_only = wk->id && wk->unit_id != r->user.unit_id;
	unit org;
	if (view_only && unit_load(r->db, r->a, wk->unit_id, &org))
		H(b, "<p class=\"notice\">这一届活动周由%s组织，只能查看，不能在这里修改。</p>", org.name);
	if (wk->id)
		form_open(r, b, arena_printf(r->a, "/admin/weeks/%lld", wk->id), "form");
	else
		form_open(r, b, "/admin/weeks", "form");
	if (view_only)
		html(b, "<fieldset disabled>");
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
	/* the lists: as posted, else the week's, else those a new week starts with */
	const char *locked = wk->id ? week_lists_locked(r->db, r->a, wk->id) : NULL;
	week_lists l = wk->lists && !locked ? *wk->lists
		     : wk->id ? week_lists_load(r->db, r->a, wk->id) : week_lists_start(r->db, r->a, 0);
	lists_fields(r, b, &l, locked, e);
	/* the form's rows: as posted, else the week's, else those a new week starts with */
	const char *form_locked = wk->id ? week_form_locked(r->db, r->a, wk->id) : NULL;
	const week_form *f = wk->form && !form_locked ? wk->form
			     : wk->id ? week_form_load(r->db, r->a, wk->id) : week_form_start(r->db, r->a, 0);
	form_rows_fields(r, b, f, form_locked, e);
	if (view_only)
		html(b, "</fieldset><p><a href=\"/admin/weeks\">返回</a></p></form>");
	else
		html(b, "<p><button type=\"submit\" class=\"primary\">保存</button> <a href=\"/admin/weeks\">取消</a></p></form>");
	page_close(r, w);
}

void page_week_new(req *r, resp *w)
{
	week wk = {0};
	week_edit_page(r, w, &wk, NULL, NULL, NULL);
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
	errs e = {0};
	/* the lists, when the form carried them (not once an activity uses them) */
	week_lists lists;
	if (param(r, "audiences") || param(r, "forms") || param(r, "content_label")) {
		const char **labels, **wordings;
		int nl = param_all(r, "content_label", &labels), nw = param_all(r, "content_wording", &wordings);
		week_lists_parse(r->a, labels, nl, wordings, nw, param(r, "audiences"), param(r, "forms"), &lists, &e);
		wk.lists = &lists;
	}
	/* the summary form's rows, likewise */
	week_form rows;
	const char **rk, **rp, **rg, **rl, **rt;
	int nrk = param_all(r, "row_key", &rk), nrp = param_all(r, "row_pos", &rp), nrg = param_all(r, "row_group", &rg),
	    nrl = param_all(r, "row_label", &rl), nrt = param_all(r, "row_kind", &rt);
	if (nrk || nrp || nrg || nrl || nrt) {
		if (nrk != nrp || nrk != nrg || nrk != nrl || nrk != nrt) {
			fail(r, w, 400, "提交的总结表栏目不完整，请刷新页面后重新填写。");
			return;
		}
		const week_form *now = id ? week_form_load(r->db, r->a, id) : week_form_start(r->db, r->a, 0);
		week_form_parse(r->a, now, nrk, rk, rg, rl, rt, rp, &rows, &e);
		rows.week_id = id;
		wk.form = &rows;
	}
	if (id) {
		week old;
		if (!week_load(r->db, r->a, id, &old)) {
			fail(r, w, 404, "找不到这一届活动周。");
			return;
		}
		wk.unit_id = old.unit_id;
		wk.parent_week_id = old.parent_week_id;
	}
	actor who = page_actor(r);
	if (!week_save(r->db, r->a, &who, &wk, param(r, "year"), param(r, "deadline"), &e)) {
		w->status = 422;
		week_edit_page(r, w, &wk, param(r, "year"), param(r, "deadline"), &e);
		return;
	}
	flash(r, w, id ? "活动周已保存。" : "活动周已创建。");
	redirect(r, w, "/admin/weeks");
}

void page_week_adopt(req *r, resp *w)
{
	errs e = {0};
	actor who = page_actor(r);
	long long id = week_adopt(r->db, r->a, &who, r->user.unit_id, param_int(r, "year", 0), &e);
	if (!id) {
		fail(r, w, 422, "%s", errs_summary(&e, r->a));
		return;
	}
	flash(r, w, "本级活动周已按上级的活动周发布，请核对日期、截止时间和通知后保存。");
	redirect(r, w, arena_printf(r->a, "/admin/weeks/%lld", id));
}

void page_week_create(req *r, resp *w)
{
	week_submit(r, w, 0);
}

void page_week_edit(req *r, resp *w)
{
	week wk;
	if (!week_or_404(r, w, path_id(r, "week"), &wk))
		return;
	week_edit_page(r, w, &wk, arena_printf(r->a, "%lld", wk.year), datetime_local_iso(r->a, wk.deadline_at), NULL);
}

void page_week_update(req *r, resp *w)
{
	week_submit(r, w, path_id(r, "week"));
}
