/* upward.c: a middle organiser reports its compiled form (the city form of
 * its own week) upward, into the parent's week, which reviews it as a
 * child's: the status card, the stamped scan and 报送. */
#include "pages/upward.h"
#include "pages/submission.h"
#include "domain/upward.h"
#include "domain/review.h"
#include "core/timefmt.h"
#include <string.h>

/* Whether the report's files (atts, n) hold one of a kind. */
static bool has_kind(const attachment *atts, int n, const char *kind)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(atts[i].kind, kind))
			return true;
	return false;
}

void upward_card(req *r, html *b, long long week_id, const city_form *cf)
{
	upward_state st;
	if (!upward_state_of(r->db, r->a, week_id, cf, &st) || !st.parent_week_id)
		return;
	/* only the organiser's own admins act; the top, reaching every week, reads */
	bool can = may(r, ACT_RUN_OWN_FORM, week_organiser(r->db, week_id));
	H(b, "<section class=\"card upward\" id=\"upward\"><h2>向上级报送 <span class=\"badge upward-state\">%s</span></h2>", st.label);
	H(b, "<p>本级总结表汇总各下级报送的总结表，作为本级在「%s」中的报送材料，由<strong>%s</strong>审核。报送截止：%s。</p>",
	  st.parent_title, st.parent_unit, datetime_cn(r->a, st.deadline_at));
	submission returned;
	review_comment *cm;
	int ncm = review_open_comments(r->db, r->a, st.rep.id, &returned, &cm);
	if (ncm > 0 || !strcmp(st.label, "已退回")) {
		H(b, "<div class=\"warning\" role=\"alert\"><p><strong>第 %D 版已被%s退回</strong>，请按意见修改本级总结表，重新定稿、上传盖章扫描件后再报送。</p>",
		  returned.version, st.parent_unit);
		review_comments_html(r, b, &returned, cm, ncm);
		html(b, "</div>");
	}
	if (st.final_void)
		html(b, "<p class=\"warning\">最近一次定稿后有下级重新报送或本级修改了总结表，那一版已作废，请重新定稿。</p>");
	if (st.final_pending) {
		H(b, "<p>第 <strong>%D</strong> 版已定稿，等待报送。请下载定稿 PDF，打印、盖章、扫描后上传，再报送。</p>", st.version);
		H(b, "<p class=\"actions\"><a class=\"button\" href=\"/admin/city-form/final.pdf?week=%D\">下载定稿 PDF</a> "
		     "<a class=\"button\" href=\"/admin/city-form/final.docx?week=%D\">定稿 Word</a></p>", week_id, week_id);
		/* the files the chain requires (工作总结, 典型案例, this 定稿's scan), as a unit uploads them */
		static const char *const kinds[] = {"summary", "case", "scan"};
		attachment *atts = NULL;
		int natts = can ? attachment_list(r->db, r->a, st.rep.id, &atts) : 0;
		for (size_t i = 0; can && i < sizeof kinds / sizeof *kinds; i++) {
			const att_kind_def *k = att_kind(kinds[i]);
			if (!k || !k->required)
				continue;
			bool have = !strcmp(k->key, "scan") ? st.scan_ready
				    : has_kind(atts, natts, k->key);
			H(b, "<form method=\"post\" action=\"/admin/city-form/attachments\" enctype=\"multipart/form-data\" class=\"form upload\" data-progress>");
			csrf_field(r, b);
			H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\"><input type=\"hidden\" name=\"kind\" value=\"%s\">"
			     "<div class=\"field\"><label for=\"upward-%s\">%s%s</label>"
			     "<input id=\"upward-%s\" type=\"file\" name=\"file\" required></div>"
			     "<p><button type=\"submit\">上传%s</button></p></form>",
			  week_id, k->key, k->key, !strcmp(k->key, "scan") ? arena_printf(r->a, "第 %lld 版定稿的盖章扫描件（PDF）", st.version) : k->label,
			  have ? "：已上传，可再上传替换" : "：尚未上传", k->key, k->label);
		}
		if (can && st.scan_ready) {
			form_open(r, b, "/admin/city-form/submit", "form");
			H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\"><p><button type=\"submit\" class=\"primary\" "
			     "data-confirm=\"报送后由%s审核，审核前不能修改。确定报送第 %D 版？\">向%s报送第 %D 版</button></p></form>",
			  week_id, st.parent_unit, st.version, st.parent_unit, st.version);
		}
	} else if (!strcmp(st.label, "已报送") || !strcmp(st.label, "已通过")) {
		H(b, "<p>第 %D 版已报送%s。</p>", st.version, !strcmp(st.label, "已通过") ? "，上级已审核通过" : "，等待上级审核");
	} else {
		H(b, "<p>先在<a href=\"/admin/city-form?week=%D#city-final\">本级总结表</a>定稿，再上传盖章扫描件、报送。</p>", week_id);
	}
	html(b, "</section>");
}

/* The week named, which must be the signed-in organiser's own: the top
 * reaches every week but may not act for another node's form (403). */
static bool own_week(req *r, resp *w, week *wk)
{
	if (!stats_week(r, w, "向上级报送", wk))
		return false;
	errs e = {0};
	actor who = page_actor(r);
	if (cityform_own(r->db, r->a, &who, wk->unit_id, &e) == 0)
		return true;
	fail(r, w, 403, "%s", errs_summary(&e, r->a));
	return false;
}

void page_upward_attach(req *r, resp *w)
{
	week wk;
	if (!own_week(r, w, &wk))
		return;
	report rep;
	if (!wk.parent_week_id || !cityform_report(r->db, r->a, wk.id, &rep)) {
		fail(r, w, 409, "本级活动周不是按上级的活动周发布的，没有上级可以报送。");
		return;
	}
	attachment_upload(r, w, rep, upward_values, arena_printf(r->a, "/admin/city-form?week=%lld#upward", wk.id));
}

void page_upward_submit(req *r, resp *w)
{
	week wk;
	if (!own_week(r, w, &wk))
		return;
	errs e = {0};
	actor who = page_actor(r);
	long long id = upward_submit(r->db, r->a, &who, wk.id, &e);
	submission s;
	if (!id || !submission_load(r->db, r->a, id, &s)) {
		bool missing = e.n && e.field[0] && !strcmp(e.field[0], "checklist");
		fail(r, w, missing ? 422 : 409, "没有报送：%s", errs_summary(&e, r->a));
		return;
	}
	flash(r, w, arena_printf(r->a, "已向上级报送第 %lld 版%s，校验码 %s。", s.version, s.late ? "（逾期）" : "",
				 verify_code_display(r->a, s.verify_code)));
	redirect(r, w, arena_printf(r->a, "/admin/city-form?week=%lld#upward", wk.id));
}
