/* resources.h: the learning resource library's pages, and the pieces the
 * showcase pages share with them (photos, activity links, phone display). */
#ifndef LW_PAGES_RESOURCES_H
#define LW_PAGES_RESOURCES_H
#include "pages/pages.h"
#include "domain/resource.h"

void page_resources_public(req *r, resp *w);
void page_resource_public(req *r, resp *w);
void page_resource_photo(req *r, resp *w);
void page_unit_resources(req *r, resp *w);
void page_resource_new(req *r, resp *w);
void page_resource_create(req *r, resp *w);
void page_resource_edit(req *r, resp *w);
void page_resource_update(req *r, resp *w);
void page_resource_status(req *r, resp *w);
void page_resource_delete(req *r, resp *w);
void page_resource_photo_add(req *r, resp *w);
void page_resource_photo_delete(req *r, resp *w);
void page_admin_resources(req *r, resp *w);
void page_resource_import_new(req *r, resp *w);
void page_resource_import_template(req *r, resp *w);
void page_resource_import_upload(req *r, resp *w);
void page_resource_import_confirm(req *r, resp *w);
void page_resource_import_discard(req *r, resp *w);

/* ---- shared with the showcase pages ---- */
/* The open resources an activity uses, as a 相关学习资源 section for its public page. */
void activity_resources_section(req *r, buf *b, long long activity_id);
/* 相关活动: links to the public activity pages (public) or the staff pages. */
void activity_refs_html(req *r, buf *b, const activity_ref *v, int n, bool public);
/* Checkboxes of the unit's activities of the week, the chosen ones ticked. */
void activity_checkboxes(req *r, buf *b, const char *legend, long long unit_id, long long week_id, const char *content,
			 const activity_ref *chosen, int nchosen);
/* The ids of a repeated P_INT parameter. */
int ids_param(req *r, const char *name, long long **out);
/* A photo upload checked by content (JPEG/PNG) and kept in the store; NULL
 * after answering with the error page. */
upload_part *photo_upload_take(req *r, resp *w, const char *field);
/* Streams a stored photo. */
void photo_send(req *r, resp *w, const photo *p);
/* The photos (src: "/brands/3/photo?id=") with delete buttons (del: action) when del is set. */
void photo_gallery(req *r, buf *b, const char *src, const photo *ph, int n, const char *del);
void photo_upload_form(req *r, buf *b, const char *action, const char *label);
/* The flash-and-redirect of a photo change, or the 503 page. */
void photo_done(req *r, resp *w, bool ok, const char *msg, const char *back);
/* The photos of a resource, brand project or case (pname: its path parameter,
 * base: its paths, "/brands"): add one from the upload, remove ?id=, and send
 * ?id= when allowed (else 404; without an id, a redirect to page). */
void media_upload(req *r, resp *w, media_owner owner, const char *pname, const char *base);
void media_remove(req *r, resp *w, media_owner owner, const char *pname, const char *base);
void media_serve(req *r, resp *w, media_owner owner, long long owner_id, bool allowed, const char *page);
/* A form's list of what to correct, when e has errors. */
void error_list(buf *b, const errs *e);
/* Activities by id only, to tick the chosen ones again on a form sent back. */
activity_ref *refs_of_ids(req *r, const long long *ids, int n);
bool can_edit_unit(req *r);      /* not a centre viewer */
#endif
