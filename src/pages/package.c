/* package.c: the parent's admin imports a direct child's signed package (the
 * child's compiled form from its own install, export/signed.c) as that
 * child's submitted version in the organiser's week, then reviews it as any. */
#include "pages/package.h"
#include "export/signed.h"
#include "core/embed.h"
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

/* The key section: the key trusted now, when and by whom it was set, and
 * the form to set or replace it (key_err and typed: a refused key). */
static void key_section(req *r, html *b, const unit *u, const char *key_err, const char *typed)
{
	char *key = transfer_trusted_key(r->db, r->a, u->id);
	bool have = key && *key;
	H(b, "<section class=\"card\" id=\"key\"><h2>一、登记%s的公钥</h2>", u->name);
	if (have) {
		long long at = 0;
		char *by = NULL;
		H(b, "<p>已登记的公钥：指纹 <strong class=\"hash\">%s</strong>（<code class=\"hash\">%s</code>）", transfer_fingerprint(r->a, key),
		  key);
		if (transfer_trusted_since(r->db, r->a, u->id, &at, &by))
			H(b, "，%s 由 %s 登记", datetime_cn(r->a, at), by);
		H(b, "。系统用它核对材料包的签名。可以打电话请%s的管理员念一下它「材料包公钥」页上的指纹，两边一致就没有登记错。</p>", u->name);
	} else {
		H(b, "<p class=\"warning\">还没有登记%s的公钥，未登记时材料包一律拒绝。请%s的管理员在它自己的系统里打开"
		     "「报送单位 → 本系统的材料包公钥」页，复制公钥发给本级，粘贴到下面登记（或由系统管理员运行 "
		     "<code>learnweek package trust --unit %s --key 公钥</code>）。</p>", u->name, u->name, u->code);
	}
	form_open(r, b, arena_printf(r->a, "/admin/units/%lld/package/key", u->id), "form");
	field_input(b, "key", have ? "新的公钥" : "公钥", "text", typed, true,
		    "44 个字符，由字母、数字和 + / = 组成；复制时前后多出的空格不要紧。", key_err);
	if (have)
		H(b, "<p class=\"hint\">更换后，用旧密钥签名的材料包不再被接受（%s重新生成密钥后才需要更换）。</p>", u->name);
	if (have)
		html(b, "<p><button type=\"submit\">更换公钥</button></p></form></section>");
	else
		html(b, "<p><button type=\"submit\" class=\"primary\">登记公钥</button></p></form></section>");
}

/* The page: the key, then the upload (problem: a refused package; key_err
 * and typed: a refused key). */
static void package_form(req *r, resp *w, const unit *u, const char *problem, const char *key_err, const char *typed)
{
	html *b = resp_html(w);
	form_page_open(r, w, arena_printf(r->a, "导入%s的材料包", u->name), "报送单位", "/admin/units");
	H(b, "<p class=\"lead\"><strong>%s</strong>在自己的系统里填报和汇总时，它的本级总结表用签名的材料包报上来："
	     "先在这里登记它的公钥（一次即可）；下级定稿、上传盖章扫描件后运行 <code>learnweek package export</code>，"
	     "把得到的 .zip 文件交给本级，在这里上传。</p>",
	  u->name);
	key_section(r, b, u, key_err, typed);
	H(b, "<section class=\"card\" id=\"upload\"><h2>二、上传材料包</h2><p>系统先用登记的公钥核对材料包的签名，再逐个核对文件的 SHA-256，"
	     "通过后记为%s报送的新版本（待审核），和在本系统里报送的一样审核。</p>", u->name);
	if (problem)
		form_errors(b, problem);
	H(b, "<form method=\"post\" action=\"/admin/units/%D/package\" enctype=\"multipart/form-data\" class=\"form upload\" data-progress>",
	  u->id);
	csrf_field(r, b);
	html(b, "<div class=\"field\"><label for=\"package-file\">材料包（.zip）</label>"
		"<input type=\"file\" id=\"package-file\" name=\"file\" accept=\".zip,application/zip\" required></div>"
		"<p><button type=\"submit\" class=\"primary\">核对并导入</button> <a href=\"/admin/units\">取消</a></p></form></section>");
	page_close(r, w);
}

void page_package_form(req *r, resp *w)
{
	unit u;
	if (child_of_path(r, w, &u))
		package_form(r, w, &u, NULL, NULL, NULL);
}

void page_package_trust(req *r, resp *w)
{
	unit u;
	if (!child_of_path(r, w, &u))
		return;
	const char *key = param(r, "key");
	actor who = page_actor(r);
	errs e = {0};
	bool replaced = false;
	char *before = transfer_fingerprint(r->a, transfer_trusted_key(r->db, r->a, u.id));
	int status = transfer_trust_unit(r->db, r->a, &who, u.id, key, &replaced, &e);
	if (status) {
		w->status = status;
		package_form(r, w, &u, NULL, errs_summary(&e, r->a), key);
		return;
	}
	char *now = transfer_fingerprint(r->a, transfer_trusted_key(r->db, r->a, u.id));
	flash(r, w, replaced ? arena_printf(r->a, "已更换%s的公钥：原指纹 %s，新指纹 %s。用旧密钥签名的材料包不再被接受。", u.name, before, now)
		  : !strcmp(before, now) ? arena_printf(r->a, "%s的公钥与已登记的相同（指纹 %s），没有改动。", u.name, now)
					 : arena_printf(r->a, "已登记%s的公钥，指纹 %s。", u.name, now));
	redirect(r, w, arena_printf(r->a, "/admin/units/%lld/package", u.id));
}

void page_package_import(req *r, resp *w)
{
	unit u;
	if (!child_of_path(r, w, &u))
		return;
	upload_part *p = upload_get(r, "file");
	if (!p || !p->u || !p->u->size) {
		w->status = 400;
		package_form(r, w, &u, p ? "选择的文件是空的。" : "请选择要上传的材料包。", NULL, NULL);
		return;
	}
	actor who = page_actor(r);
	errs e = {0};
	signed_result res;
	int status = signed_import(r->db, r->a, &who, cfg.data_dir, r->user.unit_id, u.id, p->u->tmp_path, &res, &e);
	if (status) {
		w->status = status;
		package_form(r, w, &u, errs_summary(&e, r->a), NULL, NULL);
		return;
	}
	flash(r, w, arena_printf(r->a, "已导入%s %lld 年的材料包，记为第 %lld 版报送材料，等待审核。", res.unit_name, res.year, res.version));
	redirect(r, w, arena_printf(r->a, "/admin/submissions/%lld", res.submission_id));
}

/* ---- this install's own key, for the level above ---- */

/* The public key of this install (the router admits the top's admins only:
 * the key signs the top's compiled form), with a copy button, or a button
 * to make the pair when there is none: what a clerk needs to send upward. */
void page_own_key(req *r, resp *w)
{
	html *b = resp_html(w);
	form_page_open(r, w, "本系统的材料包公钥", "报送单位", "/admin/units");
	char *key = setting_get(r->db, r->a, "package_public_key");
	html(b, "<p class=\"lead\">上一级（例如省里）在它自己的系统里汇总时，本级的总结表用签名的材料包报上去。"
		"上一级要先登记本系统的公钥，才能确认材料包是本级发出的。公钥可以公开，不用保密。</p>");
	if (key && *key) {
		H(b, "<section class=\"card\"><h2>公钥</h2><label for=\"package-key\">把这 44 个字符完整发给上一级的管理员，"
		     "由他在「报送单位 → 导入材料包」页登记</label>"
		     "<textarea id=\"package-key\" class=\"reminder-text\" rows=\"2\" readonly>%s</textarea>"
		     "<p class=\"actions\"><button type=\"button\" data-copy=\"package-key\" hidden>复制公钥</button>"
		     "<span class=\"copied\" role=\"status\" aria-live=\"polite\"></span></p>"
		     "<p>指纹 <strong class=\"hash\">%s</strong>：上一级登记后，它的页面上显示的指纹应与此相同，可以电话核对。</p></section>",
		  key, transfer_fingerprint(r->a, key));
		html(b, "<p class=\"hint\">导出材料包：定稿、上传盖章扫描件后，由系统管理员运行 "
			"<code>learnweek package export --data 数据目录 --year 年份 --out 文件.zip</code>。"
			"重新生成密钥（<code>learnweek package keygen --force</code>）后须请上一级重新登记。</p>");
		const embedded_file *f = embedded_find("static/board.js");
		H(b, "<script src=\"/static/board.js?v=%u\" defer></script>", f ? f->etag : "");
	} else {
		html(b, "<section class=\"card\"><h2>还没有密钥</h2><p>本系统还没有材料包密钥。生成后这里显示公钥，复制发给上一级登记即可；"
			"密钥存在数据库里，备份时一并备份。</p>");
		form_open(r, b, "/admin/package/keygen", "form");
		html(b, "<p><button type=\"submit\" class=\"primary\">生成密钥</button></p></form></section>");
	}
	page_close(r, w);
}

void page_own_keygen(req *r, resp *w)
{
	actor who = page_actor(r);
	errs e = {0};
	char *pub;
	/* never replaced from here: the level above would refuse every package until it trusts the new key */
	if (transfer_keygen(r->db, r->a, &who, false, &pub, &e) < 0) {
		fail(r, w, setting_get(r->db, r->a, "package_public_key") ? 409 : 503, "%s", errs_summary(&e, r->a));
		return;
	}
	flash(r, w, "已生成材料包密钥：请复制下面的公钥发给上一级登记。");
	redirect(r, w, "/admin/package");
}
