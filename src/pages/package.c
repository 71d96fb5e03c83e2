/* package.c: the parent's admin imports a direct child's signed package (the
 * child's compiled form from its own install, export/signed.c) as that
 * child's submitted version in the organiser's week, then reviews it as any. */
#include "pages/package.h"
#include "export/signed.h"
#include "core/timefmt.h"
#include <string.h>

/* The unit of the path, a direct child of the account's node (403 else). */
static bool child_of_path(req *r, resp *w, unit *u)
{
	if (!unit_load(r->db, r->a, path_id(r, "unit"), u)) {
		fail(r, w, 404, "没有这个单位。");
		return false;
	}
	if (!may(r, ACT_IMPORT_PACKAGE, u->id)) {
		fail(r, w, 403, "只有「%s」的直属上级的中心管理员可以导入它的材料包。", u->name);
		return false;
	}
	return true;
}

static void package_form(req *r, resp *w, const unit *u, const char *problem)
{
	html *b = resp_html(w);
	form_page_open(r, w, arena_printf(r->a, "导入%s的材料包", u->name), "报送单位", "/admin/units");
	H(b, "<p class=\"lead\"><strong>%s</strong>在自己的系统里填报和汇总时，它的本级总结表用签名的材料包报上来："
	     "下级在它的系统里定稿、上传盖章扫描件后运行 <code>learnweek package export</code>，把得到的 .zip 文件交给本级，在这里上传。</p>",
	  u->name);
	char *key = transfer_trusted_key(r->db, r->a, u->id);
	if (key && *key)
		H(b, "<p>已登记的公钥：<code class=\"hash\">%s</code>。系统用它核对材料包的签名，再逐个核对文件的 SHA-256，"
		     "通过后记为%s报送的新版本（待审核），和在本系统里报送的一样审核。</p>", key, u->name);
	else
		H(b, "<p class=\"warning\">还没有登记%s的公钥：请下级运行 <code>learnweek package keygen</code> 把公钥交给本级，"
		     "由管理员运行 <code>learnweek package trust --unit %s --key 公钥</code> 登记。未登记时材料包一律拒绝。</p>", u->name, u->code);
	if (problem)
		form_errors(b, problem);
	H(b, "<form method=\"post\" action=\"/admin/units/%D/package\" enctype=\"multipart/form-data\" class=\"form upload\" data-progress>",
	  u->id);
	csrf_field(r, b);
	html(b, "<div class=\"field\"><label for=\"package-file\">材料包（.zip）</label>"
		"<input type=\"file\" id=\"package-file\" name=\"file\" accept=\".zip,application/zip\" required></div>"
		"<p><button type=\"submit\" class=\"primary\">核对并导入</button> <a href=\"/admin/units\">取消</a></p></form>");
	page_close(r, w);
}

void page_package_form(req *r, resp *w)
{
	unit u;
	if (child_of_path(r, w, &u))
		package_form(r, w, &u, NULL);
}

void page_package_import(req *r, resp *w)
{
	unit u;
	if (!child_of_path(r, w, &u))
		return;
	upload_part *p = upload_get(r, "file");
	if (!p || !p->u || !p->u->size) {
		w->status = 400;
		package_form(r, w, &u, p ? "选择的文件是空的。" : "请选择要上传的材料包。");
		return;
	}
	actor who = page_actor(r);
	errs e = {0};
	signed_result res;
	int status = signed_import(r->db, r->a, &who, cfg.data_dir, r->user.unit_id, u.id, p->u->tmp_path, &res, &e);
	if (status) {
		w->status = status;
		package_form(r, w, &u, errs_summary(&e, r->a));
		return;
	}
	flash(r, w, arena_printf(r->a, "已导入%s %lld 年的材料包，记为第 %lld 版报送材料，等待审核。", res.unit_name, res.year, res.version));
	redirect(r, w, arena_printf(r->a, "/admin/submissions/%lld", res.submission_id));
}
