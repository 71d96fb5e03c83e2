/* kit_media.c: photos of resources, brand projects and cases: upload,
 * gallery, remove, send. */
#include "pages/kit.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

upload_part *photo_upload_take(req *r, resp *w, const char *field)
{
	upload_part *p = upload_get(r, field);
	if (!p) {
		fail(r, w, 400, "请选择要上传的照片。");
		return NULL;
	}
	if (!p->u->size) {
		fail(r, w, 400, "选择的文件是空的。");
		return NULL;
	}
	if (!p->mime || (strcmp(p->mime, "image/jpeg") && strcmp(p->mime, "image/png"))) {
		fail(r, w, 415, "「%s」不是 JPG 或 PNG 图片（按文件内容判断，而不是文件名）。请换一张照片。", p->filename);
		return NULL;
	}
	if (!photo_reencode(r, w, p, "照片"))
		return NULL;
	if (upload_keep(r, p) < 0) {
		fail(r, w, 507, "服务器无法保存文件（磁盘可能已满），请联系管理员。");
		return NULL;
	}
	if (!*p->filename || utf8_chars(p->filename) > 100)
		p->filename = "照片";
	return p;
}

void photo_send(req *r, resp *w, const photo *p)
{
	char *path = fs_path(r->a, cfg.data_dir, p->sha256);
	struct stat st;
	if (stat(path, &st) < 0) {
		fail(r, w, 404, "照片文件已丢失。");
		return;
	}
	w->content_type = p->mime;
	w->file_path = path;
	w->file_size = st.st_size;
	resp_header(r, w, "Cache-Control", "private, max-age=86400");
	resp_header(r, w, "Content-Disposition", "inline");
}

void photo_gallery(req *r, buf *b, const char *src, const photo *ph, int n, const char *del)
{
	if (!n)
		return;
	html(b, "<ul class=\"photos\">");
	for (int i = 0; i < n; i++) {
		H(b, "<li><img src=\"%s%D\" alt=\"%s\" loading=\"lazy\" width=\"240\">", src, ph[i].id, ph[i].name);
		if (del) {
			form_open(r, b, del, "inline");
			H(b, "<input type=\"hidden\" name=\"id\" value=\"%D\"><button type=\"submit\" class=\"linkish\">删除</button></form>",
			  ph[i].id);
		}
		html(b, "</li>");
	}
	html(b, "</ul>");
}

void photo_upload_form(req *r, buf *b, const char *action, const char *label)
{
	H(b, "<form method=\"post\" action=\"%s\" enctype=\"multipart/form-data\" class=\"form upload\" data-progress>", action);
	csrf_field(r, b);
	H(b, "<div class=\"field\"><label for=\"f-photo\">%s（JPG 或 PNG，最大 20 MB）</label>"
	     "<input id=\"f-photo\" type=\"file\" name=\"photo\" accept=\"image/jpeg,image/png\" required></div>"
	     "<progress hidden max=\"100\" value=\"0\"></progress>"
	     "<p><button type=\"submit\">上传照片</button></p></form>", label);
}

void photo_done(req *r, resp *w, bool ok, const char *msg, const char *back)
{
	if (!ok) {
		fail(r, w, 503, "保存失败，请重试。");
		return;
	}
	flash(r, w, msg);
	redirect(r, w, back);
}

void media_upload(req *r, resp *w, media_owner owner, const char *pname, const char *base)
{
	upload_part *p = photo_upload_take(r, w, "photo");
	if (!p)
		return;
	long long id = path_id(r, pname);
	actor who = page_actor(r);
	photo_done(r, w, media_photo_add(r->db, r->a, &who, r->target_unit, owner, id, p->u->sha256, p->u->size, p->mime,
					 p->filename) != 0,
		   "照片已上传。", arena_printf(r->a, "%s/%lld/edit", base, id));
}

void media_remove(req *r, resp *w, media_owner owner, const char *pname, const char *base)
{
	long long id = path_id(r, pname), photo_id = param_int(r, "id", 0);
	if (!photo_id) {
		fail(r, w, 400, "请选择要删除的照片。");
		return;
	}
	actor who = page_actor(r);
	photo_done(r, w, media_photo_remove(r->db, r->a, &who, r->target_unit, owner, id, photo_id) == 0, "照片已删除。",
		   arena_printf(r->a, "%s/%lld/edit", base, id));
}

void media_serve(req *r, resp *w, media_owner owner, long long owner_id, bool allowed, const char *page)
{
	if (!allowed) {
		fail(r, w, 404, "找不到这张照片。");
		return;
	}
	long long photo_id = param_int(r, "id", 0);
	if (!photo_id) {
		redirect(r, w, page);
		return;
	}
	photo p;
	if (!media_photo_get(r->db, r->a, owner, owner_id, photo_id, &p)) {
		fail(r, w, 404, "找不到这张照片。");
		return;
	}
	photo_send(r, w, &p);
}
