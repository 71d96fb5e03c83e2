/* review.c: the centre reviews a submitted version: the frozen form as the
 * unit sees it, the overrides and their reasons, every attachment shown in the
 * page (pictures, PDF, video) and downloadable, what changed since the
 * returned version before it; then accepts it or returns it with comments on
 * fields and attachments. Also the comments as the unit sees them. */
#include "pages/pages.h"
#include "domain/review.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define COMMENT_ROWS 4
#define RANGE_CHUNK (4LL * 1024 * 1024)

/* ---- the comments, for the unit ---- */

/* ---- the page ---- */

static void versions_nav(req *r, html *b, const submission *s)
{
	submission *v;
	int n = submission_list(r->db, r->a, s->report_id, &v);
	html(b, "<nav class=\"versions-nav\" aria-label=\"各版本\"><p>全部版本：");
	for (int i = n - 1; i >= 0; i--) {
		if (v[i].id == s->id)
			H(b, "<strong aria-current=\"page\">第 %D 版（%s）</strong>", v[i].version, submission_status_label(v[i].status));
		else
			H(b, "<a href=\"/admin/submissions/%D\">第 %D 版（%s）</a>", v[i].id, v[i].version, submission_status_label(v[i].status));
		if (i)
			html(b, " · ");
	}
	html(b, "</p></nav>");
}

static void comment_list(html *b, const review_comment *c, int n)
{
	html(b, "<ol class=\"review-comments\">");
	for (int i = 0; i < n; i++) {
		H(b, "<li><strong>%s</strong>%s%s", c[i].label, *c[i].author ? "（" : "", c[i].author);
		if (*c[i].author)
			html(b, "）");
		html_paragraphs(b, c[i].comment);
		html(b, "</li>");
	}
	html(b, "</ol>");
}

static void field_value_html(html *b, const field_value *f)
{
	if (*f->shown)
		html_paragraphs(b, f->shown);
	else
		html(b, "<p class=\"missing\">（未填写）</p>");
	if (f->overridden) {
		H(b, "<p class=\"source override\">已修改系统统计（%s）", f->derived);
		if (f->reason && *f->reason)
			H(b, "；修改原因：%s", f->reason);
		html(b, "</p>");
	}
}

static const char *kind_label(const char *kind)
{
	const att_kind_def *k = att_kind(kind);
	return k ? k->label : kind;
}

/* What the unit changed since the returned version before s. */
static void changes_html(req *r, html *b, const submission *s, const week_form *form, const field_value *after, const frozen_file *ff,
			 int nf)
{
	long long prev_id = review_previous(r->db, s);
	submission prev;
	if (!prev_id || !submission_load(r->db, r->a, prev_id, &prev))
		return;
	field_value *before = submission_fields(r->a, &prev, form, NULL);
	frozen_file *pf;
	int npf = submission_files(r->a, &prev, &pf);
	field_change *fc;
	int nfc = review_field_changes(r->a, before, after, &fc);
	file_change *xc;
	int nxc = review_file_changes(r->a, pf, npf, ff, nf, &xc);
	review_comment *cm;
	int ncm = review_comments(r->db, r->a, prev.id, &cm);

	H(b, "<section class=\"card changes-since\" id=\"changes\"><h2>与第 %D 版（已退回）相比的改动</h2>", prev.version);
	if (ncm) {
		H(b, "<h3>第 %D 版的退回意见</h3>", prev.version);
		comment_list(b, cm, ncm);
	}
	if (!nfc && !nxc) {
		html(b, "<p class=\"empty\">总结表和附件都没有改动。</p></section>");
		return;
	}
	H(b, "<h3>总结表：%d 栏有改动</h3>", nfc);
	if (nfc) {
		H(b, "<div class=\"table-wrap\"><table class=\"list field-changes\"><thead><tr><th scope=\"col\">栏目</th>"
		     "<th scope=\"col\">第 %D 版</th><th scope=\"col\">第 %D 版</th></tr></thead><tbody>", prev.version, s->version);
		for (int i = 0; i < nfc; i++) {
			H(b, "<tr id=\"change-%s\"><th scope=\"row\"><a href=\"#field-%s\">%s</a></th><td class=\"before\">",
			  fc[i].after->def->key, fc[i].after->def->key, fc[i].after->def->label);
			field_value_html(b, fc[i].before);
			html(b, "</td><td class=\"after\">");
			field_value_html(b, fc[i].after);
			html(b, "</td></tr>");
		}
		html(b, "</tbody></table></div>");
	}
	int added = 0;
	for (int i = 0; i < nxc; i++)
		added += xc[i].added;
	H(b, "<h3>附件：新增 %d 个，删除 %d 个</h3>", added, nxc - added);
	if (nxc) {
		html(b, "<ul class=\"file-changes\">");
		for (int i = 0; i < nxc; i++) {
			const frozen_file *f = xc[i].file;
			H(b, "<li class=\"%s\"><strong>%s</strong> %s「%s」<span class=\"size\">%s</span>"
			     "<details class=\"digest\"><summary>详情</summary><p class=\"hint\">文件指纹（SHA-256）<code class=\"hash\">%s</code></p></details></li>",
			  xc[i].added ? "added" : "removed", xc[i].added ? "新增" : "删除", kind_label(f->kind), f->filename,
			  size_text(r->a, f->size), f->sha256);
		}
		html(b, "</ul>");
	}
	html(b, "</section>");
}

static void overrides_html(html *b, const field_value *fv)
{
	int n = 0;
	for (int i = 0; fv[i].def; i++)
		n += fv[i].overridden;
	if (!n) {
		html(b, "<p class=\"hint\">本单位没有改动系统自动统计的栏目。</p>");
		return;
	}
	H(b, "<section class=\"card overrides\" id=\"overrides\"><h2>本单位改动了 %d 个自动统计的栏目</h2><ul>", n);
	for (int i = 0; fv[i].def; i++) {
		const field_value *f = &fv[i];
		if (!f->overridden)
			continue;
		H(b, "<li><a href=\"#field-%s\">%s</a>：表中填写“%s”；系统统计“%s”。", f->def->key, f->def->label, f->shown, f->derived);
		if (f->reason && *f->reason)
			H(b, "<br><strong>修改原因：</strong>%s", f->reason);
		else if (f->number_changed)
			html(b, "<br><strong class=\"late\">数字有改动，但没有说明原因。</strong>");
		else
			html(b, "<br>（只改了文字，数字未变）");
		html(b, "</li>");
	}
	html(b, "</ul></section>");
}

static void file_viewer(req *r, html *b, const submission *s, const frozen_file *f, int i)
{
	const char *view = arena_printf(r->a, "/admin/submissions/%lld/view?i=%d", s->id, i);
	const char *download = arena_printf(r->a, "/submissions/%lld/file?i=%d", s->id, i);
	H(b, "<li class=\"att\" id=\"file-%d\"><p><strong>%s</strong>：%s <span class=\"size\">%s</span></p>", i, f->label, f->filename,
	  size_text(r->a, f->size));
	if (!strcmp(f->mime, "image/jpeg") || !strcmp(f->mime, "image/png"))
		H(b, "<a href=\"%s\"><img class=\"thumb\" src=\"%s\" alt=\"%s\" loading=\"lazy\"></a>", view, view, f->filename);
	else if (!strcmp(f->mime, "application/pdf"))
		H(b, "<details class=\"pdf-view\"><summary>在页面中查看</summary>"
		     "<iframe src=\"%s\" title=\"%s\" loading=\"lazy\"></iframe></details>", view, f->filename);
	else if (!strcmp(f->mime, "video/mp4"))
		H(b, "<video controls preload=\"metadata\" src=\"%s\">这个浏览器不能播放视频，请<a href=\"%s\">下载</a>后观看。</video>",
		  view, download);
	H(b, "<p class=\"actions\"><a href=\"%s\" target=\"_blank\" rel=\"noopener\">在新窗口打开</a> <a href=\"%s\">下载</a></p>"
	     "<details class=\"digest\"><summary>详情</summary><p class=\"hint\">文件指纹（SHA-256）<code class=\"hash\">%s</code>："
	     "与提交时固定的指纹相同，说明文件没有被改动。</p></details></li>", view, download, f->sha256);
}

/* atts: the attachments of the version's report, read once for every row */
static void target_options(req *r, html *b, const week_form *form, const attachment *atts, int n, const char *selected)
{
	const char *sel = selected && *selected ? selected : "general";
	H(b, "<option value=\"general\"%s>总体意见</option><optgroup label=\"总结表\">", !strcmp(sel, "general") ? " selected" : "");
	for (int i = 0; i < form->n; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", form->row[i].key, !strcmp(sel, form->row[i].key) ? " selected" : "",
		  form->row[i].label);
	html(b, "</optgroup><optgroup label=\"附件\">");
	for (int i = 0; i < n; i++) {
		const char *v = arena_printf(r->a, "attachment:%lld", atts[i].id);
		H(b, "<option value=\"%s\"%s>%s：%s</option>", v, !strcmp(sel, v) ? " selected" : "", kind_label(atts[i].kind),
		  atts[i].filename);
	}
	html(b, "</optgroup>");
}

/* Accept, or return with comments; notes/nnotes: what was typed before an error. */
static void decide_forms(req *r, html *b, const submission *s, const week_form *form, const review_note *notes, int nnotes,
			 const errs *e)
{
	H(b, "<section class=\"card decide\" id=\"decide\"><h2>审核第 %D 版</h2>", s->version);
	if (e && e->n) {
		html(b, "<div class=\"errors\" role=\"alert\"><p><strong>没有退回：</strong></p><ul>");
		for (int i = 0; i < e->n; i++)
			H(b, "<li>%s</li>", e->msg[i]);
		html(b, "</ul></div>");
	}
	form_open(r, b, arena_printf(r->a, "/admin/submissions/%lld/accept", s->id), "inline");
	H(b, "<p><button type=\"submit\" class=\"primary\" data-confirm=\"确认第 %D 版审核通过？通过后单位不能再修改。\">审核通过</button></p></form>",
	  s->version);
	html(b, "<h3>退回修改</h3><p class=\"hint\">每条意见可以针对总结表的一栏、一个附件，或者作为总体意见。"
		"单位会在总结表和材料清单旁看到它们。空着的意见不会提交。</p>");
	form_open(r, b, arena_printf(r->a, "/admin/submissions/%lld/return", s->id), "form return-form");
	int rows = nnotes > COMMENT_ROWS ? nnotes : COMMENT_ROWS;
	/* while the version waits for review its attachments are the report's */
	attachment *atts;
	int natt = attachment_list(r->db, r->a, s->report_id, &atts);
	for (int k = 0; k < rows; k++) {
		const review_note *n = k < nnotes ? &notes[k] : NULL;
		H(b, "<fieldset class=\"comment-row\"><legend>意见 %d</legend><label for=\"target-%d\">针对</label>"
		     "<select id=\"target-%d\" name=\"target\">", k + 1, k + 1, k + 1);
		target_options(r, b, form, atts, natt, n ? n->target : NULL);
		H(b, "</select><label for=\"comment-%d\">意见内容</label><textarea id=\"comment-%d\" name=\"comment\" rows=\"3\" data-max=\"2000\">%s</textarea>"
		     "</fieldset>", k + 1, k + 1, n && n->comment ? n->comment : "");
	}
	H(b, "<p><button type=\"submit\" class=\"danger\" data-confirm=\"确认退回第 %D 版？单位将看到上面的意见，修改后重新提交。\">退回第 %D 版</button></p></form></section>",
	  s->version, s->version);
}

static void review_page(req *r, resp *w, const submission *s, const review_note *notes, int nnotes, const errs *e)
{
	html *b = resp_html(w);
	/* the version in the week's rows, so that it lines up with the one before */
	const week_form *form = week_form_load(r->db, r->a, s->week_id);
	field_value *fv = submission_fields(r->a, s, form, NULL);
	frozen_file *ff;
	int nf = submission_files(r->a, s, &ff);
	const char *week_title = week_title_of(r, s->week_id, "");
	const char *refused = review_refused(r->db, r->a, s, false);

	page_open(r, w, arena_printf(r->a, "审核：%s 第 %lld 版", s->unit_name, s->version));
	breadcrumbs(r, w, "报送进度", arena_printf(r->a, "/admin/board?week=%lld", s->week_id),
		    arena_printf(r->a, "%s 第 %lld 版", s->unit_name, s->version));
	H(b, "<h1>审核报送材料：%s 第 %D 版</h1>", s->unit_name, s->version);
	H(b, "<dl class=\"facts\"><div><dt>活动周</dt><dd>%s</dd></div><div><dt>提交时间</dt><dd>%s（北京时间）",
	  week_title, datetime_cn(r->a, s->submitted_at));
	if (s->late)
		html(b, " <span class=\"badge late\">逾期</span>");
	H(b, "</dd></div><div><dt>状态</dt><dd><strong>%s</strong></dd></div><div><dt>校验码</dt><dd><code>%s</code></dd></div></dl>",
	  submission_status_label(s->status), verify_code_display(r->a, s->verify_code));
	versions_nav(r, b, s);
	if (!refused)
		html(b, "<p class=\"noprint\"><a class=\"button primary\" href=\"#decide\">看完后审核：通过或退回</a></p>");

	if (!strcmp(s->status, "submitted"))
		changes_html(r, b, s, form, fv, ff, nf);
	review_comment *cm;
	int ncm = review_comments(r->db, r->a, s->id, &cm);
	if (ncm || *s->review_note) {
		H(b, "<section class=\"card\"><h2>对第 %D 版的退回意见</h2>", s->version);
		if (ncm)
			comment_list(b, cm, ncm);
		else
			html_paragraphs(b, s->review_note);
		html(b, "</section>");
	}

	overrides_html(b, fv);
	html(b, "<h2>总结表（提交时固定的内容）</h2>");
	H(b, "<p class=\"actions noprint\"><a class=\"button\" href=\"/submissions/%D/form.pdf\">下载 PDF</a> "
	     "<a class=\"button\" href=\"/submissions/%D/form.docx\">下载 Word</a> "
	     "<a class=\"button\" href=\"/submissions/%D/package.zip\">下载材料包（ZIP）</a></p>", s->id, s->id, s->id);
	form_table_html(r, b, fv, true);

	H(b, "<h2>附件（%d 个）</h2>", nf);
	if (nf) {
		html(b, "<ul class=\"review-files\">");
		for (int i = 0; i < nf; i++)
			file_viewer(r, b, s, &ff[i], i + 1);
		html(b, "</ul>");
	} else {
		html(b, "<p class=\"empty\">这一版没有附件。</p>");
	}

	if (refused)
		H(b, "<p class=\"notice\" id=\"decide\">%s</p>", refused);
	else if (may(r, ACT_DECIDE_REVIEW, 0))
		decide_forms(r, b, s, form, notes, nnotes, e);
	else
		html(b, "<p class=\"notice\" id=\"decide\">这一版等待审核。只有中心管理员可以审核通过或退回，您的账号只能查看。</p>");
	page_close(r, w);
}

void page_review(req *r, resp *w)
{
	submission s;
	if (version_from_path(r, w, &s))
		review_page(r, w, &s, NULL, 0, NULL);
}

void page_review_return(req *r, resp *w)
{
	submission s;
	if (!version_from_path(r, w, &s))
		return;
	const char **targets, **comments;
	int nt = param_all(r, "target", &targets), nc = param_all(r, "comment", &comments);
	if (nt != nc) {
		fail(r, w, 400, "提交的退回意见不完整（栏目和意见的数目不一致），请刷新页面后重新填写。");
		return;
	}
	review_note *notes = arena_alloc(r->a, sizeof *notes * (size_t)(nc + 1));
	int written = 0;
	for (int i = 0; i < nc; i++) {
		notes[i] = (review_note){targets[i], comments[i]};
		written += *str_trim(arena_strdup(r->a, comments[i])) != 0;
	}
	errs e = {0};
	actor who = page_actor(r);
	if (review_return(r->db, r->a, &who, s.id, notes, nc, &e) < 0) {
		if (e.n && e.field[0]) {
			/* bad input: the page again, with what was typed */
			w->status = 422;
			review_page(r, w, &s, notes, nc, &e);
		} else {
			fail(r, w, 409, "%s", errs_summary(&e, r->a));
		}
		return;
	}
	flash(r, w, arena_printf(r->a, "已退回%s第 %lld 版（%d 条意见），单位修改后可重新提交。", s.unit_name, s.version, written));
	redirect(r, w, arena_printf(r->a, "/admin/submissions/%lld", s.id));
}

void page_review_accept(req *r, resp *w)
{
	submission s;
	if (!version_from_path(r, w, &s))
		return;
	errs e = {0};
	actor who = page_actor(r);
	bool ok = review_accept(r->db, r->a, &who, s.id, &e) >= 0;
	action_end(r, w, ok, 409, errs_summary(&e, r->a), arena_printf(r->a, "%s第 %lld 版已审核通过。", s.unit_name, s.version),
	           arena_printf(r->a, "/admin/submissions/%lld", s.id));
}

/* ---- attachments in the page ---- */

/* One range of "bytes=a-b", "bytes=a-" or "bytes=-n": 1 with the bounds, 0
 * when the header is absent or asks for several ranges (answered whole),
 * -1 when it cannot be satisfied. */
static int byte_range(const char *h, long long size, long long *from, long long *to)
{
	if (!h || strncasecmp(h, "bytes=", 6) || strchr(h, ','))
		return 0;
	const char *spec = h + 6, *dash = strchr(spec, '-');
	if (!dash)
		return -1;
	char first[24] = "", last[24] = "";
	size_t n1 = (size_t)(dash - spec), n2 = strlen(dash + 1);
	if (n1 >= sizeof first || n2 >= sizeof last)
		return -1;
	memcpy(first, spec, n1);
	memcpy(last, dash + 1, n2);
	long long a = 0, z = size - 1;
	if (!*first) {
		/* the last n bytes */
		long long k;
		if (!parse_int64(last, 1, 1LL << 62, &k))
			return -1;
		a = k >= size ? 0 : size - k;
	} else {
		if (!parse_int64(first, 0, 1LL << 62, &a) || (*last && !parse_int64(last, a, 1LL << 62, &z)))
			return -1;
		if (z > size - 1)
			z = size - 1;
	}
	if (a >= size)
		return -1;
	*from = a;
	*to = z;
	return 1;
}

void page_review_file(req *r, resp *w)
{
	submission s;
	/* the same file as the download, shown in the page: the reviewer reads
	 * PDFs and watches videos there too */
	if (!version_file_send(r, w, &s, SEND_INLINE))
		return;
	resp_header(r, w, "Accept-Ranges", "bytes");
	long long from, to, size = w->file_size;
	int rc = byte_range(header(r, "Range"), size, &from, &to);
	if (rc < 0) {
		fail(r, w, 416, "请求的范围超出了文件的大小。");
		resp_header(r, w, "Content-Range", arena_printf(r->a, "bytes */%lld", size));
		return;
	}
	if (rc == 0)
		return;
	/* a video is read in pieces: at most RANGE_CHUNK bytes per answer, so
	 * memory stays bounded whatever the file; players ask for the rest */
	if (to - from + 1 > RANGE_CHUNK)
		to = from + RANGE_CHUNK - 1;
	FILE *in = fopen(w->file_path, "rb");
	buf part = BUF_INIT;
	buf_reserve(&part, (size_t)(to - from + 1));
	size_t got = in && fseeko(in, from, SEEK_SET) == 0 ? fread(part.p, 1, (size_t)(to - from + 1), in) : 0;
	if (in)
		fclose(in);
	if (got != (size_t)(to - from + 1)) {
		buf_free(&part);
		fail(r, w, 500, "读取文件失败，请稍后重试。");
		return;
	}
	part.len = got;
	buf_free(&w->body);
	w->body = part;
	w->file_path = NULL;
	w->status = 206;
	resp_header(r, w, "Content-Range", arena_printf(r->a, "bytes %lld-%lld/%lld", from, to, size));
}
