/* kit_form.c: the summary form read-only, the report and version of a path,
 * review comments as the unit sees them. */
#include "pages/kit.h"
#include "out/form.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool report_from_path(req *r, resp *w, report *rep)
{
	long long week_id = week_param(r);
	if (!week_id) {
		fail(r, w, 409, "还没有活动周。");
		return false;
	}
	if (!report_get(r->db, r->a, week_id, path_id(r, "unit"), rep)) {
		fail(r, w, 503, "暂时无法读取报送材料，请稍后重试。");
		return false;
	}
	return true;
}

void form_table_html(req *r, html *b, const field_value *fv, bool show_sources)
{
	form_tables(r, b, fv, show_sources, NULL, 0);
}

void review_field_notes(html *b, const review_comment *c, int n, const form_field_def *field)
{
	for (int i = 0; i < n; i++) {
		if (!c[i].field || !field || strcmp(c[i].field->key, field->key))
			continue;
		html(b, "<div class=\"review-note\" role=\"note\"><p><strong>市中心意见：</strong></p>");
		html_paragraphs(b, c[i].comment);
		html(b, "</div>");
	}
}

void review_comments_html(req *r, html *b, const submission *s, const review_comment *c, int n)
{
	H(b, "<div class=\"notice returned review-notes\" role=\"note\"><p><strong>市中心退回了第 %D 版</strong>（%s），",
	  s->version, datetime_cn(r->a, s->reviewed_at));
	if (!n) {
		html(b, "意见如下：</p>");
		html_paragraphs(b, s->review_note);
	} else {
		H(b, "共 %d 条意见：</p><ol>", n);
		for (int i = 0; i < n; i++) {
			H(b, "<li><strong>%s</strong>", c[i].label);
			if (c[i].field)
				H(b, " <a href=\"/units/%D/report/edit?week=%D#edit-%s\">去修改</a>", s->unit_id, s->week_id, c[i].field->key);
			else if (c[i].attachment_kind)
				H(b, " <a href=\"/units/%D/submission?week=%D#kind-%s\">去处理</a>", s->unit_id, s->week_id, c[i].attachment_kind);
			html_paragraphs(b, c[i].comment);
			html(b, "</li>");
		}
		html(b, "</ol>");
	}
	H(b, "<p>请修改后重新提交，将生成第 %D 版；之前的版本仍可查看。</p></div>", s->version + 1);
}

bool version_from_path(req *r, resp *w, submission *s)
{
	return or_404(r, w, submission_load(r->db, r->a, path_id(r, "submission"), s), "找不到这一版报送材料。");
}

bool version_file_send(req *r, resp *w, submission *s, send_as how)
{
	if (!version_from_path(r, w, s))
		return false;
	frozen_file *ff;
	int n = submission_files(r->a, s, &ff);
	long long i = param_int(r, "i", 0);
	if (i < 1 || i > n) {
		fail(r, w, 404, "这一版没有第 %D 个附件。", i);
		return false;
	}
	const frozen_file *f = &ff[i - 1];
	send_stored(r, w, f->sha256, f->mime, f->filename, arena_printf(r->a, "%s-v%lld-%lld%s", f->kind, s->version, i, file_ext(f->mime, f->filename)),
		    how);
	return w->file_path != NULL;
}

static int group_span(const field_value *fv, int i, int end)
{
	int n = 1;
	while (i + n < end && fv[i + n].def->group && !strcmp(fv[i + n].def->group, fv[i].def->group))
		n++;
	return n;
}

/* The form's tables; notes: the centre's comments, shown in the rows they are about. */
void form_tables(req *r, html *b, const field_value *fv, bool show_sources, const review_comment *notes, int nnotes)
{
	(void)r;
	/* the week's rows: the second table starts at the row that says so */
	int n = 0, split = 0;
	while (fv[n].def) {
		if (n && fv[n].def->new_table && !split)
			split = n;
		n++;
	}
	int starts[2] = {0, split ? split : n}, ends[2] = {split ? split : n, n};
	for (int t = 0; t < 2; t++) {
		if (starts[t] == ends[t])
			continue;
		html(b, "<div class=\"table-wrap\"><table class=\"form-table\"><colgroup><col class=\"c-group\"><col class=\"c-label\"><col></colgroup><tbody>");
		for (int i = starts[t]; i < ends[t]; i++) {
			const field_value *f = &fv[i];
			/* the class is markup: through %s it would come out escaped */
			if (f->overridden)
				H(b, "<tr id=\"field-%s\" class=\"overridden\">", f->def->key);
			else
				H(b, "<tr id=\"field-%s\">", f->def->key);
			if (!f->def->group)
				H(b, "<th scope=\"row\" colspan=\"2\">%s</th>", f->def->label);
			else {
				if (i == starts[t] || !fv[i - 1].def->group || strcmp(fv[i - 1].def->group, f->def->group))
					H(b, "<th scope=\"rowgroup\" rowspan=\"%d\" class=\"group\">%s</th>", group_span(fv, i, ends[t]), f->def->group);
				H(b, "<th scope=\"row\">%s</th>", f->def->label);
			}
			html(b, "<td>");
			if (*f->shown)
				html_paragraphs(b, f->shown);
			else if (f->def->optional)
				html(b, "<p class=\"optional-empty\">（未填写，选填）</p>");
			else
				html(b, "<p class=\"missing\">（未填写）</p>");
			if (show_sources) {
				if (f->overridden) {
					H(b, "<p class=\"source override\">已由填报单位修改。系统统计：%s", f->derived);
					if (f->reason && *f->reason)
						H(b, "；修改原因：%s", f->reason);
					html(b, "</p>");
				} else {
					H(b, "<p class=\"source\">%s</p>", f->source);
				}
			}
			review_field_notes(b, notes, nnotes, f->def);
			html(b, "</td></tr>\n");
		}
		html(b, "</tbody></table></div>");
	}
}

void send_form(req *r, resp *w, const form_doc *doc, bool pdf, const char *filename, const char *ascii)
{
	buf out = BUF_INIT;
	char err[300] = "";
	if (form_file(doc, pdf, &out, err, sizeof err) < 0) {
		buf_free(&out);
		fail(r, w, 500, "生成总结表文件失败：%s", err);
		return;
	}
	buf_free(&w->body);
	w->body = out;
	w->content_type = form_file_mime(pdf);
	download_header(r, w, false, filename, ascii);
	resp_header(r, w, "Cache-Control", "private, no-store");
}

void field_diff_html(req *r, html *b, const field_diff *d, int n)
{
	(void)r;
	html(b, "<ul class=\"field-diff\">");
	for (int i = 0; i < n; i++) {
		if (d[i].derived_then)
			H(b, "<li><strong>%s</strong>：系统统计 %s → %s（表中仍是本单位填写的「%s」）</li>", d[i].def->label, d[i].derived_then,
			  d[i].derived_now, d[i].now);
		else
			H(b, "<li><strong>%s</strong>：%s → %s</li>", d[i].def->label, *d[i].then ? d[i].then : "（空）",
			  *d[i].now ? d[i].now : "（空）");
	}
	html(b, "</ul>");
}

void final_notice(req *r, html *b, const report *rep, const field_value *fv)
{
	const char *page = arena_printf(r->a, "/units/%lld/submission?week=%lld", rep->unit_id, rep->week_id);
	if (!report_editable(rep)) {
		submission last;
		long long latest = submission_latest(r->db, rep->id);
		if (!latest || !submission_load(r->db, r->a, latest, &last) || !strcmp(submission_digest(r->a, &last), form_digest(r->a, fv)))
			return;
		field_value *then = submission_fields(r->a, &last, rep->form, NULL);
		field_diff *d;
		int n = form_diff(r->a, then, fv, &d);
		H(b, "<div class=\"warning noprint\" role=\"alert\" id=\"changed-since\"><p><strong>提交后记录有变动</strong>：报送的第 %D 版仍是有效的一版，"
		     "下面 %d 栏现在与它不同（报送时 → 现在）。</p>", last.version, n);
		field_diff_html(r, b, d, n);
		submission fin;
		if (report_final(r->db, r->a, rep, fv, &fin) == FINAL_VALID)
			H(b, "<p>已重新定稿为第 %D 版，请<a href=\"%s#final\">打印盖章并报送</a>。</p>", fin.version, page);
		else if (may(r, ACT_EDIT_REPORT, rep->unit_id)) {
			form_open(r, b, arena_printf(r->a, "/units/%lld/report/finalise", rep->unit_id), "inline");
			H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\"><p><button type=\"submit\" class=\"primary\">重新定稿并报送</button> "
			     "<span class=\"hint\">生成第 %D 版定稿，打印盖章、上传扫描件后报送；在那之前第 %D 版仍有效。</span></p></form>",
			  rep->week_id, report_latest_version(r->db, rep->id) + 1, last.version);
		}
		html(b, "</div>");
		return;
	}
	submission fin;
	final_state fs = report_final(r->db, r->a, rep, fv, &fin);
	if (fs == FINAL_VOID)
		H(b, "<div class=\"warning noprint\" role=\"alert\" id=\"final-void\"><p><strong>第 %D 版定稿已作废</strong>：定稿后总结表有改动，"
		     "校验码 <code>%s</code> 不再有效。请<a href=\"%s#final\">重新定稿</a>，再打印、盖章、报送。</p></div>",
		  fin.version, verify_code_display(r->a, fin.verify_code), page);
	else if (fs == FINAL_VALID)
		H(b, "<p class=\"notice noprint\">第 %D 版已定稿（校验码 <code>%s</code>）。<a href=\"%s#final\">下载定稿、上传盖章扫描件并报送</a>；"
		     "再修改总结表会使这一版作废。</p>", fin.version, verify_code_display(r->a, fin.verify_code), page);
}

/* Browsers send a textarea's line breaks as CR LF; the derived texts have
 * LF. Unchanged text must compare equal, or every field with more than one
 * line would count as the unit's own rewording. */
const char *lf_only(arena *a, const char *s)
{
	char *v = arena_strdup(a, s), *o = v;
	for (const char *p = s; *p; p++)
		if (*p != '\r' || p[1] != '\n')
			*o++ = *p;
	*o = 0;
	return v;
}
