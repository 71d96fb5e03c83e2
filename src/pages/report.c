/* report.c: the summary form as the annex lays it out, filled from the records,
 * with the source of each derived value beside it; editing with overrides and
 * reasons; the implementation plan and the opening ceremony. */
#include "pages/conflict.h"
#include "pages/report.h"
#include "domain/cityform.h"
#include "export/form_doc.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <string.h>

/* Activities whose participants are not settled, each linked to its page. */
static void gap_list(html *b, const char *title, const char *hint, const char *const *items, const long long *ids, int n,
		     const char *anchor)
{
	if (!n)
		return;
	H(b, "<h2>%s（%d 场）</h2><p class=\"hint\">%s</p><ul>", title, n, hint);
	for (int i = 0; i < n; i++)
		H(b, "<li><a href=\"/activities/%D%s\">%s</a></li>", ids[i], anchor, items[i]);
	html(b, "</ul>");
}

void page_report(req *r, resp *w)
{
	report rep;
	if (!report_from_path(r, w, &rep))
		return;
	field_value *fv = report_values(r->db, r->a, &rep); /* a child organiser's: its compiled form */
	long long own_week = cityform_week_of(r->db, &rep);
	form_doc doc;
	report_form_doc(r->db, r->a, &rep, fv, NULL, NULL, r->now, &doc);
	html *b = form_view_open(r, w, "总结表", NULL, NULL, "总结表", doc.title);
	H(b, "<p class=\"form-meta\"><span>填报单位：%s</span> <span>状态：%s</span></p>", doc.unit, report_status_label(rep.status));
	bool can_edit = report_editable(&rep) && may(r, ACT_EDIT_REPORT, rep.unit_id);
	html(b, "<p class=\"actions noprint\">");
	if (can_edit && own_week)
		H(b, "<a class=\"button primary\" href=\"/admin/city-form?week=%D\">修改本级总结表</a> ", own_week);
	else if (can_edit)
		H(b, "<a class=\"button primary\" href=\"/units/%D/report/edit?week=%D\">修改总结表</a> ", rep.unit_id, rep.week_id);
	if (can_edit)
		H(b, "<a class=\"button\" href=\"/units/%D/report/plan?week=%D\">实施方案和开幕式</a> ", rep.unit_id, rep.week_id);
	H(b, "<a class=\"button\" href=\"/units/%D/report/form.pdf?week=%D\">下载 PDF</a> "
	     "<a class=\"button\" href=\"/units/%D/report/form.docx?week=%D\">下载 Word</a> "
	     "<a class=\"button\" href=\"/units/%D/submission?week=%D\">附件与提交</a></p>",
	  rep.unit_id, rep.week_id, rep.unit_id, rep.week_id, rep.unit_id, rep.week_id);
	if (own_week)
		H(b, "<p class=\"hint noprint\">本表就是%s的本级总结表：各栏汇总其下级单位报送的总结表，"
		     "下级再次报送后会重新计算。要改动文字或数字，请在<a href=\"/admin/city-form?week=%D\">本级总结表</a>中修改并写明原因。</p>",
		  doc.unit, own_week);
	else
		html(b, "<p class=\"hint noprint\">带“来自……”说明的栏目由系统根据活动、签到、评价和宣传记录自动统计，每次打开本页都会重新计算；"
			"本单位可以修改文字，改动数字时须填写原因，中心审核时能看到两者。</p>");
	final_notice(r, b, &rep, fv);
	submission returned;
	review_comment *cm;
	int ncm = review_open_comments(r->db, r->a, rep.id, &returned, &cm);
	if (ncm)
		review_comments_html(r, b, &returned, cm, ncm);
	form_tables(r, b, fv, true, cm, ncm);
	html(b, "<p class=\"form-foot\">详细的活动情况总结、活动照片、活动录像请另附。</p>");
	const char **missing, **unconfirmed;
	long long *missing_ids, *unconfirmed_ids;
	int nun, nmissing = report_count_gaps(r->db, r->a, &rep, &missing, &missing_ids, &unconfirmed, &unconfirmed_ids, &nun);
	if (nmissing || nun) {
		html(b, "<section class=\"count-gaps\" id=\"count-gaps\">");
		gap_list(b, "未填人数", "这些活动没有签到、清点，也没有主办方报告的人数，“参加活动人数”里是 0。请在活动页填写人数。",
			 missing, missing_ids, nmissing, "");
		gap_list(b, "人数待确认", "主办方报告的人数和签到、清点的人数不一致；确认之前按签到和清点计。请在活动页确认哪个正确并写明原因。",
			 unconfirmed, unconfirmed_ids, nun, "#count-source");
		html(b, "</section>");
	}
	const char **off;
	int noff = report_off_week(r->db, r->a, &rep, &off);
	if (noff) {
		H(b, "<section class=\"off-week\" id=\"off-week\"><h2>周外活动（%d 场，不计入本表）</h2>"
		     "<p class=\"hint\">以下活动在活动周日期之外举办，照常显示在日历上，但不计入总结表、统计和报送进度。</p><ul>", noff);
		for (int i = 0; i < noff; i++)
			H(b, "<li>%s</li>", off[i]);
		html(b, "</ul></section>");
	}
	page_close(r, w);
}

/* The editor. After a refused save, val/why/reset hold what was sent (each
 * field keeps it) and e says what is wrong, beside each field it is about. */
static void edit_form(req *r, resp *w, const report *rep, const char *const *val, const char *const *why, const bool *reset,
		      const errs *e)
{
	html *b = resp_html(w);
	field_value *fv = report_fields(r->db, r->a, rep);
	submission returned;
	review_comment *cm;
	int ncm = review_open_comments(r->db, r->a, rep->id, &returned, &cm);
	page_open(r, w, e ? "修改总结表（未保存）" : "修改总结表");
	breadcrumbs(r, w, "总结表", arena_printf(r->a, "/units/%lld/report?week=%lld", rep->unit_id, rep->week_id), "修改");
	html(b, "<h1>修改总结表</h1>");
	if (e && e->n) {
		html(b, "<div class=\"errors\" role=\"alert\" id=\"form-errors\"><p><strong>还没有保存</strong>：刚才填写的内容都还在下面，"
			"请按提示补全后再点“保存”。</p><ul>");
		for (int i = 0; i < e->n; i++)
			if (e->field[i] && week_form_field(rep->form, e->field[i]))
				H(b, "<li><a href=\"#edit-%s\">%s</a></li>", e->field[i], e->msg[i]);
			else
				H(b, "<li>%s</li>", e->msg[i]);
		html(b, "</ul></div>");
	}
	form_open(r, b, arena_printf(r->a, "/units/%lld/report/fields", rep->unit_id), "form form-edit");
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\"><input type=\"hidden\" name=\"revision\" value=\"%D\">",
	  rep->week_id, rep->revision);
	const char *group = "";
	for (int i = 0; fv[i].def; i++) {
		const field_value *f = &fv[i];
		const char *g = f->def->group ? f->def->group : "";
		const char *err = e ? err_for(e, f->def->key) : NULL;
		const char *shown = val && val[i] ? val[i] : f->shown;
		const char *reason = why && why[i] ? why[i] : f->reason ? f->reason : "";
		if (strcmp(g, group) && *g)
			H(b, "<h2>%s</h2>", g);
		group = g;
		if (err)
			H(b, "<fieldset class=\"form-field has-error\" id=\"edit-%s\"><legend>%s</legend>", f->def->key, f->def->label);
		else
			H(b, "<fieldset class=\"form-field\" id=\"edit-%s\"><legend>%s%s</legend>", f->def->key, f->def->label,
			  f->def->optional ? "（选填）" : "");
		review_field_notes(b, cm, ncm, f->def);
		H(b, "<input type=\"hidden\" name=\"field\" value=\"%s\">", f->def->key);
		if (f->def->kind == FK_DERIVED) {
			H(b, "<p class=\"source\">系统统计（%s）：</p><div class=\"derived\">", f->source);
			html_paragraphs(b, f->derived);
			html(b, "</div>");
		}
		H(b, "<label for=\"v-%s\">%s</label>", f->def->key, f->def->kind == FK_DERIVED ? "表中填写的内容（可修改文字）" : "内容");
		H(b, "<textarea id=\"v-%s\" name=\"value\" rows=\"%d\" data-max=\"%d\">", f->def->key,
		  f->def->max_chars > 300 ? 6 : 3, f->def->max_chars);
		html_txt(b, shown);
		html(b, "</textarea>");
		if (f->def->kind == FK_NARRATIVE)
			H(b, "<p class=\"hint\">建议不超过 %d 字。空一行分段。</p>", f->def->max_chars);
		if (f->def->kind == FK_DERIVED) {
			if (err)
				H(b, "<label for=\"r-%s\">修改原因（改动数字时必填）</label>"
				     "<p class=\"field-error\" id=\"e-%s\">%s</p>"
				     "<input id=\"r-%s\" name=\"reason\" value=\"%s\" aria-invalid=\"true\" aria-describedby=\"e-%s\" autofocus>",
				  f->def->key, f->def->key, err, f->def->key, reason, f->def->key);
			else
				H(b, "<label for=\"r-%s\">修改原因（改动数字时必填）</label>"
				     "<input id=\"r-%s\" name=\"reason\" value=\"%s\">",
				  f->def->key, f->def->key, reason);
			if (f->overridden) {
				if (reset && reset[i])
					H(b, "<label class=\"check\"><input type=\"checkbox\" name=\"reset\" value=\"%s\" checked> 放弃修改，恢复为系统统计</label>",
					  f->def->key);
				else
					H(b, "<label class=\"check\"><input type=\"checkbox\" name=\"reset\" value=\"%s\"> 放弃修改，恢复为系统统计</label>",
					  f->def->key);
			}
		} else {
			if (err)
				H(b, "<p class=\"field-error\">%s</p>", err);
			html(b, "<input type=\"hidden\" name=\"reason\" value=\"\">");
		}
		html(b, "</fieldset>\n");
	}
	html(b, "<p class=\"actions\"><button type=\"submit\" class=\"primary\">保存</button></p></form>");
	page_close(r, w);
}

/* An organiser's report is its compiled form, changed only on the compiled
 * form of its own week: its unit form here is not what it submits. */
static bool compiled_elsewhere(req *r, resp *w, const report *rep)
{
	long long own_week = cityform_week_of(r->db, rep);
	if (!own_week)
		return false;
	week wk;
	fail(r, w, 409, "本单位在这里的总结表就是%s的本级总结表（汇总各下级报送的总结表），不在这里修改。请在工作台打开“本级总结表”修改，改动数字时写明原因。",
	     week_load(r->db, r->a, own_week, &wk) ? wk.title : "本级活动周");
	return true;
}

void page_report_edit(req *r, resp *w)
{
	report rep;
	if (!report_from_path(r, w, &rep) || compiled_elsewhere(r, w, &rep))
		return;
	if (!report_editable(&rep)) {
		fail(r, w, 409, "报送材料已提交（%s），在中心退回之前不能修改。", report_status_label(rep.status));
		return;
	}
	edit_form(r, w, &rep, NULL, NULL, NULL, NULL);
}

void page_report_fields(req *r, resp *w)
{
	report rep;
	if (!report_from_path(r, w, &rep) || compiled_elsewhere(r, w, &rep))
		return;
	const char **keys, **values, **reasons, **resets;
	int nk = param_all(r, "field", &keys), nv = param_all(r, "value", &values), nr = param_all(r, "reason", &reasons);
	int nres = param_all(r, "reset", &resets);
	if (nk != nv || nk != nr) {
		fail(r, w, 400, "提交的总结表不完整，请刷新页面后重新填写。");
		return;
	}
	/* one entry a row of the week's form */
	size_t nf = (size_t)rep.form->n + 1;
	const char **val = arena_alloc(r->a, sizeof *val * nf), **why = arena_alloc(r->a, sizeof *why * nf);
	bool *reset = arena_alloc(r->a, sizeof *reset * nf);
	for (int i = 0; i < nk; i++) {
		int k = week_form_index(rep.form, keys[i]);
		if (k < 0) {
			fail(r, w, 400, "总结表没有「%s」这一栏。", keys[i]);
			return;
		}
		val[k] = lf_only(r->a, values[i]);
		why[k] = reasons[i];
	}
	for (int i = 0; i < nres; i++) {
		int k = week_form_index(rep.form, resets[i]);
		if (k >= 0)
			reset[k] = true;
	}
	errs e = {0};
	actor who = page_actor(r);
	rep.revision = param_int(r, "revision", -1);
	if (report_save_fields(r->db, r->a, &who, &rep, val, why, reset, &e) < 0) {
		if (errs_stale(&e)) {
			/* theirs: the form as saved now; mine: what was sent, kept in the form */
			report now;
			if (!report_from_path(r, w, &now))
				return;
			field_value *fv = report_fields(r->db, r->a, &now);
			diff_row *rows = arena_alloc(r->a, sizeof *rows * nf);
			int n = 0;
			for (int i = 0; fv[i].def && i < rep.form->n; i++)
				if (val[i])
					rows[n++] = (diff_row){fv[i].def->label, fv[i].shown, val[i]};
			conflict_prepare(r, w, rows, n, arena_printf(r->a, "/units/%lld/report/edit?week=%lld", now.unit_id, now.week_id));
			if (report_editable(&now))
				edit_form(r, w, &now, val, why, reset, NULL);
			else
				fail(r, w, 409, "报送材料已提交（%s），在中心退回之前不能修改。", report_status_label(now.status));
			return;
		}
		/* no longer editable: nothing to fix in the form */
		if (!report_editable(&rep) || (e.n && !e.field[0])) {
			fail(r, w, 409, "%s", errs_summary(&e, r->a));
			return;
		}
		w->status = 422;
		edit_form(r, w, &rep, val, why, reset, &e);
		return;
	}
	flash(r, w, "总结表已保存。");
	redirect(r, w, arena_printf(r->a, "/units/%lld/report?week=%lld", rep.unit_id, rep.week_id));
}

static void plan_form(req *r, resp *w, const report *rep, const errs *e)
{
	html *b = resp_html(w);
	page_open(r, w, "实施方案和开幕式");
	breadcrumbs(r, w, "总结表", arena_printf(r->a, "/units/%lld/report?week=%lld", rep->unit_id, rep->week_id), "实施方案和开幕式");
	html(b, "<h1>实施方案和开幕式</h1>");
	if (e && e->n)
		form_errors(b, errs_summary(e, r->a));
	bool can_edit = report_editable(rep) && may(r, ACT_EDIT_REPORT, rep->unit_id);
	form_open(r, b, arena_printf(r->a, "/units/%lld/report/plan", rep->unit_id), "form");
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\"><input type=\"hidden\" name=\"revision\" value=\"%D\">",
	  rep->week_id, rep->revision);
	html(b, "<h2>实施方案</h2>");
	field_input(b, "plan_issuer", "下发活动文件的部门", "text", rep->plan_issuer, false, "例如 东湖区教育体育局", e ? err_for(e, "plan_issuer") : NULL);
	field_input(b, "plan_coordinator", "具体协调部门", "text", rep->plan_coordinator, false, NULL, e ? err_for(e, "plan_coordinator") : NULL);
	field_input(b, "plan_author", "制定活动方案部门", "text", rep->plan_author, false, NULL, e ? err_for(e, "plan_author") : NULL);
	html(b, "<p class=\"hint\">实施方案文件请在“附件与提交”页上传。</p><h2>开幕式</h2>");
	field_input(b, "ceremony_date", "开幕式日期", "date", rep->ceremony_date, false, NULL, e ? err_for(e, "ceremony_date") : NULL);
	field_input(b, "ceremony_venue", "开幕式地点", "text", rep->ceremony_venue, false, NULL, e ? err_for(e, "ceremony_venue") : NULL);
	field_textarea(b, "ceremony_leaders", "出席开幕式的领导", rep->ceremony_leaders, 3, 300, "姓名和职务，多位用顿号分隔",
		       e ? err_for(e, "ceremony_leaders") : NULL);
	if (can_edit)
		html(b, "<p><button type=\"submit\" class=\"primary\">保存</button></p>");
	else
		html(b, "<p class=\"hint\">只读：报送材料已提交，或您的账号不能修改。</p>");
	html(b, "</form>");
	page_close(r, w);
}

void page_report_plan_form(req *r, resp *w)
{
	report rep;
	if (report_from_path(r, w, &rep))
		plan_form(r, w, &rep, NULL);
}

void page_report_plan(req *r, resp *w)
{
	report rep;
	if (!report_from_path(r, w, &rep))
		return;
	report in = {0};
	in.plan_issuer = (char *)param(r, "plan_issuer");
	in.plan_coordinator = (char *)param(r, "plan_coordinator");
	in.plan_author = (char *)param(r, "plan_author");
	in.ceremony_date = (char *)param(r, "ceremony_date");
	in.ceremony_venue = (char *)param(r, "ceremony_venue");
	in.ceremony_leaders = (char *)param(r, "ceremony_leaders");
	errs e = {0};
	actor who = page_actor(r);
	rep.revision = param_int(r, "revision", -1);
	if (report_save_plan(r->db, r->a, &who, &rep, &in, &e) < 0) {
		if (errs_stale(&e)) {
			report now;
			if (!report_from_path(r, w, &now))
				return;
			diff_row rows[] = {
				{"下发活动文件的部门", now.plan_issuer, in.plan_issuer}, {"具体协调部门", now.plan_coordinator, in.plan_coordinator},
				{"制定活动方案部门", now.plan_author, in.plan_author}, {"开幕式日期", now.ceremony_date, in.ceremony_date},
				{"开幕式地点", now.ceremony_venue, in.ceremony_venue}, {"出席开幕式的领导", now.ceremony_leaders, in.ceremony_leaders},
			};
			conflict_prepare(r, w, rows, (int)(sizeof rows / sizeof *rows),
					 arena_printf(r->a, "/units/%lld/report/plan?week=%lld", now.unit_id, now.week_id));
			/* the person's input, at the current revision */
			in.id = now.id, in.week_id = now.week_id, in.unit_id = now.unit_id, in.status = now.status;
			in.revision = now.revision;
			plan_form(r, w, &in, NULL);
			return;
		}
		w->status = !strcmp(rep.status, "draft") || !strcmp(rep.status, "returned") ? 422 : 409;
		plan_form(r, w, &rep, &e);
		return;
	}
	flash(r, w, "实施方案和开幕式已保存。");
	redirect(r, w, arena_printf(r->a, "/units/%lld/report?week=%lld", rep.unit_id, rep.week_id));
}
