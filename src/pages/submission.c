/* submission.c: the report's "附件与提交" page (checklist, deadline, the
 * attachments of each kind with their upload forms, submit, earlier versions
 * and the centre's return/accept), downloads with the original file names,
 * the form as PDF and DOCX (live draft or a frozen version), the submission
 * package, and the public page that checks a verification code. */
#include "pages/submission.h"
#include "domain/submission.h"
#include "domain/publicity.h"
#include "domain/cityform.h"
#include "domain/org.h"
#include "export/form_doc.h"
#include "export/package.h"
#include "in/pdf_text.h"
#include "out/form.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_manager(req *r)
{
	return may(r, ACT_EDIT_REPORT, 0);
}

/* ---- sending files ---- */

/* ---- the page ---- */

static void deadline_line(req *r, html *b, const week *wk)
{
	long long left = wk->deadline_at - r->now;
	H(b, "<p class=\"deadline\">报送截止：<strong>%s</strong>（北京时间）", datetime_cn(r->a, wk->deadline_at));
	if (left > 0)
		H(b, "，还剩 <strong>%D 天 %D 小时 %D 分钟</strong>。</p>", left / 86400, left % 86400 / 3600, left % 3600 / 60);
	else
		H(b, "，<strong class=\"late\">已超过截止时间 %D 天 %D 小时</strong>。现在提交仍会被接收，但会标记为“逾期”。</p>",
		  -left / 86400, -left % 86400 / 3600);
}

/* links: only while the unit can still act on them (after submitting, each
 * would lead to a page that refuses to edit) */
static void checklist_html(req *r, html *b, const check_item *items, int n, bool links)
{
	(void)r;
	html(b, "<ul class=\"checklist\">");
	for (int i = 0; i < n; i++) {
		const check_item *c = &items[i];
		const char *cls = c->done ? "done" : c->optional ? "optional" : "missing";
		const char *mark = c->done ? "✓" : c->optional ? "○" : "✗";
		H(b, "<li class=\"%s\"><span class=\"mark\" aria-hidden=\"true\">%s</span> <strong>%s</strong>%s：%s",
		  cls, mark, c->label, c->required ? "（必交）" : "", c->detail);
		if (!c->done && c->href && links)
			H(b, " <a href=\"%s\">%s</a>", c->href, c->optional ? "去填写" : "去处理");
		H(b, "<span class=\"visually-hidden\">%s</span></li>", c->done ? "（已完成）" : c->optional ? "（选填）" : "（未完成）");
	}
	html(b, "</ul>");
}

/* The centre's comments the unit has not acted on since the returned version:
 * the field still reads as it did, or the attachment is still the same file.
 * General comments cannot be judged and are not listed. Returns the count. */
static int unanswered_comments(req *r, const submission *returned, const review_comment *cm, int ncm,
			       const field_value *fv, const attachment *atts, int natt, const char ***out)
{
	int found;
	field_value *before = submission_fields(r->a, returned, NULL, &found);
	bool have_before = found > 0;
	const char **v = arena_alloc(r->a, sizeof *v * (size_t)(ncm + 1));
	int n = 0;
	for (int i = 0; i < ncm; i++) {
		const review_comment *c = &cm[i];
		bool open = false;
		if (c->field && have_before) {
			const field_value *then = form_value(before, c->field->key), *now = form_value(fv, c->field->key);
			open = then && now && !strcmp(then->shown ? then->shown : "", now->shown ? now->shown : "");
		} else if (c->attachment_id) {
			for (int j = 0; j < natt && !open; j++)
				open = atts[j].id == c->attachment_id;
		}
		if (open)
			v[n++] = c->label;
	}
	*out = v;
	return n;
}

static const char *accept_attr(const att_kind_def *k)
{
	if (strstr(k->types, "mp4"))
		return "video/mp4,.mp4";
	if (strstr(k->types, "jpeg"))
		return "image/jpeg,image/png";
	if (strstr(k->types, "xlsx"))
		return ".pdf,.doc,.docx,.xls,.xlsx";
	if (strstr(k->types, "doc"))
		return ".pdf,.doc,.docx";
	return ".pdf,application/pdf";
}

static void kind_section(req *r, html *b, const report *rep, const att_kind_def *k, const attachment *atts, int natt, bool manage,
			 const review_comment *cm, int ncm)
{
	int have = 0;
	const attachment *first = NULL;
	for (int i = 0; i < natt; i++)
		if (!strcmp(atts[i].kind, k->key) && have++ == 0)
			first = &atts[i];
	bool pictures = strstr(k->types, "jpeg") != NULL;
	H(b, "<section class=\"att-kind\" id=\"kind-%s\"><h3>%s%s</h3>", k->key, k->label, k->required ? "（必交）" : "");
	H(b, "<p class=\"hint\">%s，每个最大 %s%s。</p>", k->types_cn, size_text(r->a, k->max_bytes),
	  k->single ? "；只能有一份" : "");
	for (int i = 0; i < ncm; i++)
		if (cm[i].attachment_kind && !strcmp(cm[i].attachment_kind, k->key)) {
			H(b, "<div class=\"review-note\" role=\"note\"><p><strong>市中心意见（%s）：</strong></p>", cm[i].label);
			html_paragraphs(b, cm[i].comment);
			html(b, "</div>");
		}
	if (have) {
		H(b, "<ul class=\"%s\">", pictures ? "files thumbs" : "files");
		for (int i = 0; i < natt; i++) {
			const attachment *x = &atts[i];
			if (strcmp(x->kind, k->key))
				continue;
			html(b, "<li>");
			if (pictures)
				H(b, "<a href=\"/attachments/%D?inline=1\"><img src=\"/attachments/%D?inline=1\" alt=\"%s\" width=\"160\" "
				     "loading=\"lazy\"></a>", x->id, x->id, x->filename);
			H(b, "<a href=\"/attachments/%D\">%s</a> <span class=\"size\">%s</span>", x->id, x->filename, size_text(r->a, x->size));
			if (x->final_id) {
				submission f;
				if (final_load(r->db, r->a, x->final_id, &f))
					H(b, " <span class=\"hint\">（第 %D 版定稿的扫描件）</span>", f.version);
			}
			if (x->warning && *x->warning)
				H(b, "<p class=\"warning\" role=\"alert\">%s</p>", x->warning);
			if (manage) {
				form_open(r, b, arena_printf(r->a, "/attachments/%lld/delete", x->id), "inline");
				H(b, "<button type=\"submit\" class=\"linkish\" data-confirm=\"删除「%s」？\">删除</button></form>", x->filename);
			}
			html(b, "</li>");
		}
		html(b, "</ul>");
	} else {
		html(b, "<p class=\"empty\">尚未上传。</p>");
	}
	if (manage) {
		H(b, "<form method=\"post\" action=\"/units/%D/attachments\" enctype=\"multipart/form-data\" class=\"form upload\" data-progress>",
		  rep->unit_id);
		csrf_field(r, b);
		H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\"><input type=\"hidden\" name=\"kind\" value=\"%s\">", rep->week_id, k->key);
		H(b, "<div class=\"field\"><label for=\"file-%s\">选择%s文件</label>"
		     "<input id=\"file-%s\" type=\"file\" name=\"file\" accept=\"%s\" required%s></div>",
		  k->key, k->label, k->key, accept_attr(k), k->numbered ? " multiple" : "");
		if (k->single && first)
			H(b, "<p class=\"hint\">上传新文件会替换「%s」；被替换的文件不再列在这里，只留在操作记录和已提交的版本中。</p>",
			  first->filename);
		H(b, "<p><button type=\"submit\">上传%s</button></p></form>", k->label);
	}
	html(b, "</section>\n");
}

static void versions_table(req *r, html *b, const submission *v, int n)
{
	html(b, "<div class=\"table-wrap\"><table class=\"list versions\"><thead><tr><th>版本</th><th>提交时间</th><th>状态</th>"
		"<th>校验码</th><th>下载</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const submission *s = &v[i];
		H(b, "<tr><td class=\"nowrap\"><a href=\"/submissions/%D\">第 %D 版</a></td><td><span class=\"when\">%s</span>", s->id, s->version,
		  datetime_cn(r->a, s->submitted_at));
		if (s->late)
			html(b, " <span class=\"badge late\">逾期</span>");
		/* an older version still waiting: a newer package from the child's install replaced it */
		bool superseded = i > 0 && !strcmp(s->status, "submitted");
		H(b, "</td><td class=\"nowrap\">%s</td><td><code>%s</code></td>", superseded ? "已被取代" : submission_status_label(s->status),
		  verify_code_display(r->a, s->verify_code));
		H(b, "<td><a href=\"/submissions/%D/form.pdf\">PDF</a> · <a href=\"/submissions/%D/form.docx\">Word</a> · "
		     "<a href=\"/submissions/%D/package.zip\">材料包</a></td></tr>", s->id, s->id, s->id);
	}
	html(b, "</tbody></table></div>");
}

/* The digest as on the printed footer: eight groups of eight, four a line. */
static void digest_html(req *r, html *b, const char *digest)
{
	char dl[80];
	form_digest_lines(digest, dl);
	H(b, "<code class=\"form-digest\">%s</code>", dl);
	(void)r;
}

/* 定稿: its state, its files, the button to finalise (again). after: the
 * latest submitted version when the records have changed since 报送. */
static void final_card(req *r, html *b, const report *rep, final_state fs, const submission *fin, bool can,
		       const submission *after, const field_value *fv, const char *confirm)
{
	html(b, "<section class=\"card final\" id=\"final\"><h2>定稿</h2>");
	if (after) {
		field_value *then = submission_fields(r->a, after, rep->form, NULL);
		field_diff *dv;
		int nd = form_diff(r->a, then, fv, &dv);
		H(b, "<div class=\"warning\" role=\"alert\"><p><strong>提交后记录有变动</strong>：报送的第 %D 版仍是有效的一版；"
		     "下面 %d 栏现在的数字与它不同。如需按现在的记录报送，请重新定稿并报送。</p>", after->version, nd);
		field_diff_html(r, b, dv, nd);
		html(b, "</div>");
	}
	if (fs == FINAL_VALID) {
		H(b, "<p>第 <strong>%D</strong> 版已于 %s 定稿，校验码 <code>%s</code>，摘要（SHA-256）", fin->version,
		  datetime_cn(r->a, fin->finalised_at), verify_code_display(r->a, fin->verify_code));
		digest_html(r, b, fin->digest);
		html(b, "。</p>");
		H(b, "<p class=\"actions\"><a class=\"button primary\" href=\"/units/%D/report/final.pdf?week=%D\">下载定稿 PDF</a> "
		     "<a class=\"button\" href=\"/units/%D/report/final.docx?week=%D\">定稿 Word</a></p>",
		  rep->unit_id, rep->week_id, rep->unit_id, rep->week_id);
		html(b, "<p class=\"hint\">打印定稿 PDF，盖章后扫描成 PDF，在下面的“盖章扫描件”上传，然后报送。定稿后再修改总结表或记录，这一版的校验码就作废，需要重新定稿。</p>");
	} else if (fs == FINAL_VOID) {
		H(b, "<div class=\"warning\" role=\"alert\" id=\"final-void\"><p><strong>第 %D 版定稿已作废</strong>：定稿后总结表有改动，"
		     "它的校验码 <code>%s</code> 不再有效，已打印或盖章的这一版不能报送。请重新定稿，并重新打印、盖章、上传扫描件。</p></div>",
		  fin->version, verify_code_display(r->a, fin->verify_code));
	} else if (can || !after) {
		html(b, "<p>定稿会把总结表的每一栏（系统统计、本单位的修改和原因）固定为一个版本，生成校验码和摘要，印在定稿 PDF 的页脚。"
			"打印定稿、盖章、上传扫描件后才能报送。</p>");
	}
	if (can && fs != FINAL_VALID) {
		form_open(r, b, arena_printf(r->a, "/units/%lld/report/finalise", rep->unit_id), "form");
		H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\">", rep->week_id);
		long long next = report_latest_version(r->db, rep->id) + 1;
		if (confirm)
			H(b, "<p><button type=\"submit\" class=\"primary\" data-confirm=\"%s\">%s第 %D 版</button></p></form>", confirm,
			  fs == FINAL_VOID || after ? "重新定稿为" : "定稿", next);
		else
			H(b, "<p><button type=\"submit\" class=\"primary\">%s第 %D 版</button></p></form>", fs == FINAL_VOID || after ? "重新定稿为" : "定稿",
			  next);
	}
	html(b, "</section>");
}

void page_submission(req *r, resp *w)
{
	html *b = resp_html(w);
	report rep;
	week wk;
	if (!report_from_path(r, w, &rep) || !week_or_404(r, w, rep.week_id, &wk))
		return;
	field_value *fv = report_values(r->db, r->a, &rep); /* a child organiser's: its compiled form */
	check_item *items;
	int blocking;
	int nitems = report_checklist(r->db, r->a, &rep, fv, &items, &blocking);
	attachment *atts;
	int natt = attachment_list(r->db, r->a, rep.id, &atts);
	submission *subs;
	int nsub = submission_list(r->db, r->a, rep.id, &subs);
	bool editable = report_editable(&rep);
	bool manage = editable && is_manager(r);
	submission fin;
	final_state fs = report_final(r->db, r->a, &rep, fv, &fin);
	bool changed = nsub && !editable && strcmp(submission_digest(r->a, &subs[0]), form_digest(r->a, fv));
	unit un;
	const char *unit_name = unit_load(r->db, r->a, rep.unit_id, &un) ? un.name : "";

	page_open(r, w, "附件与提交");
	breadcrumbs(r, w, "总结表", arena_printf(r->a, "/units/%lld/report?week=%lld", rep.unit_id, rep.week_id), "附件与提交");
	H(b, "<h1>附件与提交</h1><p class=\"form-meta\"><span>%s · %s</span> <span>状态：<strong>%s</strong></span></p>",
	  unit_name, wk.title, report_status_label(rep.status));
	if (editable)
		deadline_line(r, b, &wk);
	review_comment *cm = NULL;
	int ncm = 0;
	if (nsub && !strcmp(rep.status, "returned")) {
		ncm = review_comments(r->db, r->a, subs[0].id, &cm);
		review_comments_html(r, b, &subs[0], cm, ncm);
	}
	if (!strcmp(rep.status, "submitted"))
		H(b, "<p class=\"notice\">第 %D 版已于 %s 提交，等待市中心审核。在中心退回之前，总结表、附件和宣传报道都不能修改。</p>",
		  subs[0].version, datetime_cn(r->a, subs[0].submitted_at));
	if (!strcmp(rep.status, "accepted"))
		H(b, "<p class=\"notice\">第 %D 版已审核通过。</p>", subs[0].version);

	html(b, "<section class=\"card\"><h2>材料清单</h2>");
	checklist_html(r, b, items, nitems, manage);
	publicity *pubs;
	int npub = publicity_list(r->db, r->a, rep.week_id, rep.unit_id, &pubs);
	H(b, "<p><a href=\"/units/%D/report?week=%D\">查看总结表</a> · <a href=\"/units/%D/publicity?week=%D\">宣传报道（%d 条）</a> · "
	     "<a href=\"/units/%D/report/form.pdf?week=%D\">总结表 PDF（草稿）</a> · <a href=\"/units/%D/report/form.docx?week=%D\">Word（草稿）</a></p>",
	  rep.unit_id, rep.week_id, rep.unit_id, rep.week_id,
	  npub,
	  rep.unit_id, rep.week_id, rep.unit_id, rep.week_id);
	html(b, "</section>");

	/* the centre's comments not acted on: said before 定稿, asked again at 定稿 and 报送 */
	const char **open = NULL;
	int nopen = ncm && editable && is_manager(r) ? unanswered_comments(r, &subs[0], cm, ncm, fv, atts, natt, &open) : 0;
	if (nopen) {
		H(b, "<div class=\"warning\" role=\"alert\" id=\"unanswered\"><p><strong>市中心的 %d 条意见还没有处理</strong>："
		     "下面的内容和退回的第 %D 版一样，没有改动：</p><ul>", nopen, subs[0].version);
		for (int i = 0; i < nopen; i++)
			H(b, "<li>%s</li>", open[i]);
		html(b, "</ul><p>如果确实不需要修改，也可以直接定稿和提交。</p></div>");
	}
	final_card(r, b, &rep, fs, &fin, is_manager(r) && (editable || changed), changed ? &subs[0] : NULL, fv,
		   nopen ? arena_printf(r->a, "市中心的 %d 条意见对应的内容还没有改动。仍然定稿吗？", nopen) : NULL);

	html(b, "<h2>附件</h2>");
	for (int k = 0; k < N_ATT_KINDS; k++) {
		bool scan = !strcmp(att_kinds[k].key, "scan");
		kind_section(r, b, &rep, &att_kinds[k], atts, natt, scan ? is_manager(r) && fs == FINAL_VALID : manage, cm, ncm);
	}

	bool may_submit = is_manager(r) && (editable || changed);
	html(b, "<section class=\"card submit\" id=\"submit\"><h2>报送</h2>");
	if (may_submit && blocking) {
		H(b, "<p>还缺 <strong>%d</strong> 项必交材料（见上面的清单），补齐后才能报送。</p>", blocking);
	} else if (may_submit && fs != FINAL_VALID) {
		html(b, "<p>报送之前先要定稿（见上面的“定稿”），打印定稿的总结表盖章，并上传它的扫描件。</p>");
	} else if (may_submit) {
		form_open(r, b, arena_printf(r->a, "/units/%lld/submission", rep.unit_id), "form");
		H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\">", rep.week_id);
		H(b, "<p>报送的是第 %D 版定稿（校验码 <code>%s</code>），同时固定每个附件的指纹（SHA-256）。报送后在市中心退回之前不能修改。</p>",
		  fin.version, verify_code_display(r->a, fin.verify_code));
		if (r->now > wk.deadline_at)
			html(b, "<p class=\"late\">已超过截止时间：本次提交将标记为“逾期”。</p>");
		const char *confirm = nopen ? arena_printf(r->a, "市中心的 %d 条意见对应的内容还没有改动。仍然提交吗？", nopen)
					    : "报送后在中心退回之前不能修改，确定报送吗？";
		H(b, "<p><button type=\"submit\" class=\"primary\" data-confirm=\"%s\">报送第 %D 版</button></p></form>",
		  confirm, fin.version);
	} else if (editable) {
		html(b, "<p>只有单位管理员可以定稿、上传附件和报送。</p>");
	} else {
		if (!strcmp(rep.status, "accepted"))
			html(b, "<p>已审核通过，无需再提交。</p>");
		else
			html(b, "<p>当前版本已提交，等待市中心审核，无需操作。</p>");
	}
	html(b, "</section>");

	if (nsub) {
		html(b, "<section id=\"versions\"><h2>已提交的版本</h2>");
		versions_table(r, b, subs, nsub);
		html(b, "</section>");
		if (is_organiser_above(r, rep.unit_id))
			H(b, "<p><a class=\"button%s\" href=\"/admin/submissions/%D\">%s第 %D 版</a></p>",
			  !strcmp(subs[0].status, "submitted") ? " primary" : "", subs[0].id,
			  !strcmp(subs[0].status, "submitted") ? "审核" : "查看", subs[0].version);
	}
	page_close(r, w);
}

/* ---- attachments ---- */

static bool type_allowed(const att_kind_def *k, const char *type)
{
	const char *p = k->types;
	size_t n = strlen(type);
	while ((p = strstr(p, type))) {
		if ((p == k->types || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

void page_attachment_add(req *r, resp *w)
{
	report rep;
	if (report_from_path(r, w, &rep))
		attachment_upload(r, w, rep, NULL, NULL);
}

void attachment_upload(req *r, resp *w, report rep, form_values_fn values, const char *back)
{
	const att_kind_def *k = att_kind(param(r, "kind"));
	if (!k) {
		fail(r, w, 400, "请选择附件的类别（工作总结、典型活动案例等）。");
		return;
	}
	if (!report_editable(&rep) && strcmp(k->key, "scan")) {
		fail(r, w, 409, "报送材料%s，在中心退回之前不能上传或删除附件。", report_status_label(rep.status));
		return;
	}
	new_file *files = arena_alloc(r->a, sizeof *files * (size_t)(r->nuploads + 1));
	upload_part **parts = arena_alloc(r->a, sizeof *parts * (size_t)(r->nuploads + 1));
	int n = 0;
	for (int i = 0; i < r->nuploads; i++) {
		upload_part *p = &r->uploads[i];
		if (strcmp(p->field, "file") || !p->u || p->u->failed || !p->u->sha256[0] || (!p->u->size && !*p->filename))
			continue;
		if (!p->u->size) {
			fail(r, w, 400, "「%s」是空文件，请重新选择。", p->filename);
			return;
		}
		const char *type = file_type(p->u->tmp_path, p->u->head, p->u->headlen);
		if (!type || !type_allowed(k, type)) {
			fail(r, w, 415, "「%s」不是 %s（系统按文件内容判断，而不是看文件名）。%s只接受 %s，请换一个文件。",
			     p->filename, k->types_cn, k->label, k->types_cn);
			return;
		}
		if (p->u->size > k->max_bytes) {
			fail(r, w, 413, "「%s」太大（%s）：%s每个文件最大 %s。", p->filename, size_text(r->a, p->u->size), k->label,
			     size_text(r->a, k->max_bytes));
			return;
		}
		if ((!strcmp(type, "jpeg") || !strcmp(type, "png")) && !photo_reencode(r, w, p, "图片"))
			return;
		const char *mime = file_type_mime(type);
		files[n] = (new_file){p->u->sha256, clean_filename(r->a, p->filename, arena_printf(r->a, "%s%s", k->label, file_ext(mime, ""))),
				      mime, p->u->size, NULL};
		parts[n++] = p;
	}
	if (!n) {
		fail(r, w, 400, "请选择要上传的文件。");
		return;
	}
	if (k->single && n > 1) {
		fail(r, w, 400, "%s只能有一份，请只选择一个文件。", k->label);
		return;
	}
	/* a kind with one file: a new upload replaces the old one (kept in the
	 * audit log and in any version that froze it) */
	bool replace = k->single || (param(r, "replace") != NULL && strcmp(param(r, "replace"), "0"));
	attachment *atts;
	int natt = attachment_list(r->db, r->a, rep.id, &atts);
	for (int i = 0; k->single && !replace && i < natt; i++)
		if (!strcmp(atts[i].kind, k->key)) {
			fail(r, w, 409, "已经上传过%s「%s」，只能有一份。如要换成新文件，请勾选“替换原有文件”后重新上传。", k->label, atts[i].filename);
			return;
		}
	/* a scan's text layer, read before the file moves into the store */
	for (int i = 0; i < n && !strcmp(k->key, "scan"); i++)
		files[i].text = pdf_text(r->a, parts[i]->u->tmp_path, 256 * 1024);
	for (int i = 0; i < n; i++)
		if (upload_keep(r, parts[i]) < 0) {
			fail(r, w, 507, "服务器无法保存文件（磁盘可能已满），请联系管理员。");
			return;
		}
	errs e = {0};
	actor who = page_actor(r);
	if (attachment_add_values(r->db, r->a, &who, &rep, k, files, n, replace, values, NULL, &e) < 0) {
		fail(r, w, 409, "%s", errs_summary(&e, r->a));
		return;
	}
	const char *warning = NULL;
	natt = attachment_list(r->db, r->a, rep.id, &atts);
	for (int i = 0; i < natt; i++)
		if (!strcmp(atts[i].kind, "scan") && !strcmp(k->key, "scan") && *atts[i].warning)
			warning = atts[i].warning;
	flash(r, w, n == 1 ? arena_printf(r->a, "已上传%s「%s」。%s", k->label, files[0].filename, warning ? warning : "")
			   : arena_printf(r->a, "已上传 %d 个%s文件。", n, k->label));
	redirect(r, w, back ? back : arena_printf(r->a, "/units/%lld/submission?week=%lld#kind-%s", rep.unit_id, rep.week_id, k->key));
}

/* The attachment of the path, or the 404 page. */
static bool attachment_of_path(req *r, resp *w, attachment *att, report *rep)
{
	if (attachment_load(r->db, r->a, path_id(r, "attachment"), att, rep))
		return true;
	fail(r, w, 404, "这个附件不存在，可能已被删除。");
	return false;
}

void page_attachment(req *r, resp *w)
{
	attachment att;
	report rep;
	if (!attachment_of_path(r, w, &att, &rep))
		return;
	send_stored(r, w, att.sha256, att.mime, att.filename, arena_printf(r->a, "%s-%lld%s", att.kind, att.id, file_ext(att.mime, att.filename)),
		    param(r, "inline") ? SEND_PICTURES_INLINE : SEND_DOWNLOAD);
}

void page_attachment_delete(req *r, resp *w)
{
	attachment att;
	report rep;
	if (!attachment_of_path(r, w, &att, &rep))
		return;
	remove_then(r, w, attachment_remove, att.id, arena_printf(r->a, "已删除「%s」。", att.filename),
		    arena_printf(r->a, "/units/%lld/submission?week=%lld#kind-%s", rep.unit_id, rep.week_id, att.kind));
}

/* ---- 定稿 and 报送 ---- */

static void refused_page(req *r, resp *w, int status, const char *title, const report *rep, const errs *e)
{
	html *b = resp_html(w);
	w->status = status;
	page_open(r, w, title);
	H(b, "<h1>%s</h1><div class=\"errors\" role=\"alert\"><ul>", title);
	for (int i = 0; i < e->n; i++)
		H(b, "<li>%s</li>", e->msg[i]);
	if (!e->n)
		html(b, "<li>保存失败，请重试。</li>");
	H(b, "</ul></div><p><a href=\"/units/%D/submission?week=%D\">返回附件与提交</a></p>", rep->unit_id, rep->week_id);
	page_close(r, w);
}

void page_submit(req *r, resp *w)
{
	report rep;
	if (!report_from_path(r, w, &rep))
		return;
	errs e = {0};
	actor who = page_actor(r);
	long long id = submission_submit(r->db, r->a, &who, &rep, &e);
	if (!id) {
		bool missing = e.n && e.field[0] && !strcmp(e.field[0], "checklist");
		refused_page(r, w, missing ? 422 : 409, "没有报送", &rep, &e);
		return;
	}
	submission s;
	submission_load(r->db, r->a, id, &s);
	flash(r, w, arena_printf(r->a, "已报送第 %lld 版%s，校验码 %s。", s.version, s.late ? "（逾期）" : "",
				 verify_code_display(r->a, s.verify_code)));
	redirect(r, w, arena_printf(r->a, "/units/%lld/submission?week=%lld", rep.unit_id, rep.week_id));
}

void page_finalise(req *r, resp *w)
{
	report rep;
	if (!report_from_path(r, w, &rep))
		return;
	errs e = {0};
	actor who = page_actor(r);
	long long id = report_finalise(r->db, r->a, &who, &rep, public_base(), &e);
	submission fin;
	if (!id || !final_load(r->db, r->a, id, &fin)) {
		refused_page(r, w, 409, "没有定稿", &rep, &e);
		return;
	}
	flash(r, w, arena_printf(r->a, "已定稿第 %lld 版，校验码 %s。请下载定稿 PDF，打印、盖章、扫描后上传盖章扫描件，再报送。", fin.version,
				 verify_code_display(r->a, fin.verify_code)));
	redirect(r, w, arena_printf(r->a, "/units/%lld/submission?week=%lld#final", rep.unit_id, rep.week_id));
}

/* The latest 定稿 as PDF or DOCX: code, QR and digest in the footer, no 草稿. */
static void final_form(req *r, resp *w, bool pdf)
{
	report rep;
	if (!report_from_path(r, w, &rep))
		return;
	field_value *fv = report_values(r->db, r->a, &rep);
	submission fin;
	final_state fs = report_final(r->db, r->a, &rep, fv, &fin);
	if (fs == FINAL_NONE) {
		fail(r, w, 404, "还没有待报送的定稿。请先在“附件与提交”页定稿。");
		return;
	}
	if (fs == FINAL_VOID) {
		fail(r, w, 409, "第 %D 版定稿后总结表有改动，它的校验码已作废，不能再打印报送。请重新定稿。", fin.version);
		return;
	}
	form_doc doc;
	submission_form_doc(r->a, &fin, &doc);
	const char *ext = pdf ? ".pdf" : ".docx";
	send_form(r, w, &doc, pdf, arena_printf(r->a, "%s-总结表-定稿第%lld版%s", file_name_part(r->a, fin.unit_name), fin.version, ext),
		  arena_printf(r->a, "form-final-v%lld%s", fin.version, ext));
}

void page_final_pdf(req *r, resp *w)
{
	final_form(r, w, true);
}

void page_final_docx(req *r, resp *w)
{
	final_form(r, w, false);
}

/* ---- the form as PDF and DOCX ---- */

static void draft_form(req *r, resp *w, bool pdf)
{
	report rep;
	if (!report_from_path(r, w, &rep))
		return;
	form_doc doc;
	report_draft_doc(r->db, r->a, &rep, r->now, &doc);
	const char *ext = pdf ? ".pdf" : ".docx";
	send_form(r, w, &doc, pdf, arena_printf(r->a, "%s-总结表-草稿%s", doc.unit, ext),
		  arena_printf(r->a, "form-draft%s", ext));
}

void page_draft_pdf(req *r, resp *w)
{
	draft_form(r, w, true);
}

void page_draft_docx(req *r, resp *w)
{
	draft_form(r, w, false);
}

static void version_form(req *r, resp *w, bool pdf)
{
	submission s;
	if (!version_from_path(r, w, &s))
		return;
	form_doc doc;
	submission_form_doc(r->a, &s, &doc);
	const char *ext = pdf ? ".pdf" : ".docx";
	send_form(r, w, &doc, pdf, submission_file_name(r->a, &s, "总结表", ext),
		  arena_printf(r->a, "form-v%lld%s", s.version, ext));
}

void page_version_pdf(req *r, resp *w)
{
	version_form(r, w, true);
}

void page_version_docx(req *r, resp *w)
{
	version_form(r, w, false);
}

void page_version_package(req *r, resp *w)
{
	submission s;
	if (!version_from_path(r, w, &s))
		return;
	/* built into a temp file in the store's tmp folder, streamed from there
	 * and removed as soon as it is open */
	char err[400] = "";
	long long size;
	char *path = submission_package_file(r->a, cfg.data_dir, &s, NULL, &size, err, sizeof err);
	if (!path) {
		fail(r, w, 500, "生成材料包失败：%s", err);
		return;
	}
	w->content_type = "application/zip";
	w->file_path = path;
	w->file_size = size;
	w->file_temp = true;
	download_header(r, w, false, submission_file_name(r->a, &s, "报送材料", ".zip"), arena_printf(r->a, "package-v%lld.zip", s.version));
	resp_header(r, w, "Cache-Control", "private, no-store");
}

void page_version_file(req *r, resp *w)
{
	submission s;
	version_file_send(r, w, &s, SEND_DOWNLOAD);
}

void page_version(req *r, resp *w)
{
	submission s;
	if (!version_from_path(r, w, &s))
		return;
	field_value *fv = submission_fields(r->a, &s, NULL, NULL);   /* as frozen */
	frozen_file *ff;
	int nf = submission_files(r->a, &s, &ff);
	form_doc doc;
	submission_form_doc(r->a, &s, &doc);
	html *b = form_view_open(r, w, arena_printf(r->a, "第 %lld 版报送材料", s.version), "附件与提交",
				 arena_printf(r->a, "/units/%lld/submission?week=%lld", s.unit_id, s.week_id),
				 arena_printf(r->a, "第 %lld 版", s.version), doc.title);
	H(b, "<dl class=\"facts\"><div><dt>填报单位</dt><dd>%s</dd></div><div><dt>版本</dt><dd>第 %D 版</dd></div>"
	     "<div><dt>提交时间</dt><dd>%s（北京时间）", s.unit_name, s.version, datetime_cn(r->a, s.submitted_at));
	if (s.late)
		html(b, " <span class=\"badge late\">逾期</span>");
	H(b, "</dd></div><div><dt>状态</dt><dd>%s</dd></div><div><dt>校验码</dt><dd><code>%s</code></dd></div>",
	  submission_status_label(s.status), verify_code_display(r->a, s.verify_code));
	if (s.finalised_at)
		H(b, "<div><dt>定稿时间</dt><dd>%s（北京时间）</dd></div>", datetime_cn(r->a, s.finalised_at));
	html(b, "<div><dt>摘要（SHA-256）</dt><dd>");
	digest_html(r, b, submission_digest(r->a, &s));
	html(b, "</dd></div></dl>");
	if (*s.review_note) {
		html(b, "<div class=\"notice returned\"><p><strong>中心意见：</strong></p>");
		html_paragraphs(b, s.review_note);
		html(b, "</div>");
	}
	H(b, "<p class=\"actions noprint\"><a class=\"button\" href=\"/submissions/%D/form.pdf\">下载 PDF</a> "
	     "<a class=\"button\" href=\"/submissions/%D/form.docx\">下载 Word</a> "
	     "<a class=\"button\" href=\"/submissions/%D/package.zip\">下载材料包（ZIP）</a>", s.id, s.id, s.id);
	if (is_organiser_above(r, s.unit_id))
		H(b, " <a class=\"button\" href=\"/admin/submissions/%D\">审核页面</a>", s.id);
	html(b, "</p><p class=\"hint\">这是提交时固定下来的内容，之后对记录的修改不会改变它。带“已由填报单位修改”的栏目同时给出系统统计和修改原因。</p>");
	form_table_html(r, b, fv, true);
	H(b, "<h2>附件（%d 个）</h2>", nf);
	if (nf) {
		html(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th>类别</th><th>文件</th><th class=\"num\">大小</th></tr></thead><tbody>");
		for (int i = 0; i < nf; i++)
			H(b, "<tr><td class=\"nowrap\">%s</td><td><a href=\"/submissions/%D/file?i=%d\">%s</a>"
			     "<details class=\"digest\"><summary>详情</summary><p class=\"hint\">文件指纹（SHA-256）<code class=\"hash\">%s</code></p></details></td>"
			     "<td class=\"num\">%s</td></tr>",
			  ff[i].label, s.id, i + 1, ff[i].filename, ff[i].sha256, size_text(r->a, ff[i].size));
		html(b, "</tbody></table></div>");
	}
	page_close(r, w);
}

/* ---- verification, for anyone holding a printed form ---- */

static void verify_box(req *r, html *b, const char *code)
{
	html(b, "<form method=\"get\" action=\"/verify\" class=\"form\">");
	field_input(b, "code", "校验码", "text", code, true, "印在总结表页脚，例如 ABCD-EFGH-JKMN，不区分大小写", NULL);
	html(b, "<p><button type=\"submit\" class=\"primary\">核验</button></p></form>");
	(void)r;
}

void page_verify_form(req *r, resp *w)
{
	const char *code = param(r, "code");
	if (code && *code) {
		buf loc = BUF_INIT;
		buf_puts(&loc, "/verify/");
		url_encode(&loc, code);
		redirect(r, w, arena_strdup(r->a, buf_cstr(&loc)));
		buf_free(&loc);
		return;
	}
	page_open(r, w, "核验报送材料");
	html(resp_html(w), "<h1>核验报送材料</h1><p>输入总结表页脚的校验码，查看它属于哪个单位、哪一版、何时提交。</p>");
	verify_box(r, resp_html(w), "");
	page_close(r, w);
}

/* What a version is now: 最新版 / 已被第N版取代 / 已退回 / 已通过. */
static const char *verify_status(req *r, const submission *s, long long latest)
{
	if (s->version < latest)
		return arena_printf(r->a, "已被第 %lld 版取代", latest);
	if (!strcmp(s->status, "returned"))
		return "已退回";
	if (!strcmp(s->status, "accepted"))
		return "已通过";
	if (!strcmp(s->status, "final"))
		return "最新版（已定稿，尚未报送）";
	return "最新版（已报送，待审核）";
}

/* Public and cached (RF_CACHED): the same for everyone, depending on every
 * write (finals and submissions bump the generations, migration 120). */
void page_verify(req *r, resp *w)
{
	html *b = resp_html(w);
	const char *code = r->path + strlen("/verify/");
	submission s;
	if (!submission_by_code(r->db, r->a, code, &s)) {
		w->status = 404;
		page_open(r, w, "核验报送材料");
		H(b, "<h1>核验报送材料</h1><p class=\"errors\" role=\"alert\">没有找到校验码「%s」对应的总结表。请核对后重新输入"
		     "（校验码是 12 个字母和数字，例如 ABCD-EFGH-JKMN；容易混淆的 0 和 O、1 和 I 系统会自动识别）。</p>", code);
		verify_box(r, b, code);
		page_close(r, w);
		return;
	}
	form_doc doc;
	submission_form_doc(r->a, &s, &doc);
	field_value *fv = submission_fields(r->a, &s, NULL, NULL);   /* as frozen */
	long long latest = report_latest_version(r->db, s.report_id);
	const char *status = verify_status(r, &s, latest);
	report of = {.week_id = s.week_id, .unit_id = s.unit_id};
	long long compiled = s.id || s.version != latest ? 0 : cityform_week_of(r->db, &of);
	if (compiled) {
		/* an organiser's compiled form's 定稿 (the top's, or a middle one's in
		 * its parent's week): void once that form has changed since */
		city_form cf;
		submission fin;
		status = "最新版（已定稿）";
		if (cityform_build(r->db, r->a, compiled, false, &cf) && cityform_final(r->db, r->a, &cf, &fin) == FINAL_VOID)
			status = "已作废：定稿后有单位重新报送或中心修改了全市总结表，这一版不再有效，待中心重新定稿";
	} else if (!s.id && s.version == latest) {
		/* a unit's 定稿 not yet submitted: void once its form has changed
		 * since, which no public generation follows, so not kept */
		cache_skip(r);
		report rep;
		if (report_get(r->db, r->a, s.week_id, s.unit_id, &rep)) {
			/* s is that latest 定稿: its digest against the live form's, no second lookup */
			field_value *live = report_fields(r->db, r->a, &rep);
			if (strcmp(s.digest, form_digest(r->a, live)))
				status = "已作废：定稿后总结表有改动，这一版不再有效，待单位重新定稿";
		}
	}
	page_open(r, w, "核验报送材料");
	H(b, "<h1>核验报送材料</h1><p class=\"flash\" role=\"status\">校验码 <code>%s</code> 是%s第 %D 版总结表的校验码：%s。</p>",
	  verify_code_display(r->a, s.verify_code), s.unit_name, s.version, status);
	H(b, "<dl class=\"facts\"><div><dt>材料</dt><dd>%s</dd></div><div><dt>填报单位</dt><dd>%s</dd></div>"
	     "<div><dt>版本</dt><dd>第 %D 版</dd></div>",
	  doc.title, s.unit_name, s.version);
	if (s.finalised_at)
		H(b, "<div><dt>定稿时间</dt><dd>%s（北京时间）</dd></div>", pub_datetime(r, s.finalised_at));
	if (s.id)
		H(b, "<div><dt>报送时间</dt><dd>%s（北京时间）%s</dd></div>", pub_datetime(r, s.submitted_at), s.late ? "，逾期报送" : "");
	else
		html(b, "<div><dt>报送时间</dt><dd>尚未报送</dd></div>");
	H(b, "<div><dt>状态</dt><dd id=\"verify-status\"><strong>%s</strong></dd></div>", status);
	html(b, "<div><dt>摘要（与打印件页脚的摘要逐组核对）</dt><dd>");
	digest_html(r, b, submission_digest(r->a, &s));
	html(b, "</dd></div></dl>");
	html(b, "<p class=\"hint\">下面是这一版定稿时固定下来的总结表。请逐栏核对打印件或盖章扫描件上的数字，以及页脚的校验码和摘要。</p>");
	form_table_html(r, b, fv, true);
	page_close(r, w);
}
