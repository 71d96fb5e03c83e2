/* kit_media.c: photos of resources, brand projects and cases: upload,
 * gallery, remove, send. */
#include "pages/kit.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "out/image.h"
#include <errno.h>
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
	if (!stored_file_send(r, w, p->sha256, p->mime, "照片文件已丢失。"))
		return;
	resp_header(r, w, "Cache-Control", "private, max-age=86400");
	resp_header(r, w, "Content-Disposition", "inline");
}

void photo_gallery(req *r, html *b, const char *src, const photo *ph, int n, const char *del)
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

void photo_upload_form(req *r, html *b, const char *action, const char *label)
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
	action_end(r, w, ok, 503, "保存失败，请重试。", msg, back);
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

static ssize_t upload_cookie_write(void *u, const char *data, size_t n)
{
	return fs_write(u, data, n) == 0 ? (ssize_t)n : -1;
}

bool photo_reencode(req *r, resp *w, upload_part *p, const char *what)
{
	upload *nu = arena_alloc(r->a, sizeof *nu);
	if (fs_begin(cfg.data_dir, nu) < 0) {
		fail_storage(r, w, nu->err == ENOSPC ? STORE_FULL : nu->err == EROFS ? STORE_READONLY : STORE_IO);
		return false;
	}
	FILE *out = fopencookie(nu, "w", (cookie_io_functions_t){.write = upload_cookie_write});
	long long width = 0, height = 0;
	image_result rc = out ? image_reencode(p->u->tmp_path, out, &width, &height) : IMAGE_NO_MEMORY;
	if (out && fclose(out) != 0 && rc == IMAGE_OK)
		rc = IMAGE_NO_MEMORY;
	if (rc == IMAGE_OK && (nu->failed || fs_finish(nu) < 0)) {
		int err = nu->err;
		fs_discard(nu);
		fail_storage(r, w, err == ENOSPC ? STORE_FULL : err == EROFS ? STORE_READONLY : STORE_IO);
		return false;
	}
	if (rc != IMAGE_OK)
		fs_discard(nu);
	switch (rc) {
	case IMAGE_OK:
		break;
	case IMAGE_TOO_BIG:
		fail(r, w, 413, "%s「%s」太大：%D × %D 像素。每边最多 %d 像素、一共最多 %D 万像素，请缩小后再上传。", what,
		     p->filename, width, height, IMAGE_MAX_SIDE, IMAGE_MAX_PIXELS / 10000);
		return false;
	case IMAGE_NO_MEMORY:
		fail(r, w, 503, "服务器暂时无法处理%s「%s」，请稍后再试。", what, p->filename);
		return false;
	default:
		fail(r, w, 415, "%s「%s」打不开：文件内容不是完整的 JPG 或 PNG 图片（可能已损坏，或只是改了扩展名）。请换一张。",
		     what, p->filename);
		return false;
	}
	/* the upload as sent is never kept: its temp file goes now, the request's
	 * end discards the new one unless a handler keeps it */
	fs_discard(p->u);
	p->u = nu;
	return true;
}
