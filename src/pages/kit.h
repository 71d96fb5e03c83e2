/* kit.h: the page kit: what page handlers share, so that no page includes
 * another page. Each page file includes its own header and this one. */
#ifndef LW_PAGES_KIT_H
#define LW_PAGES_KIT_H
#include "web/web.h"
#include "web/layout.h"
#include "domain/org.h"
#include "domain/activity.h"
#include "domain/resource.h"
#include "domain/report.h"
#include "domain/review.h"
#include "domain/submission.h"
#include "export/form_doc.h"

/* ---- kit.c: the actor, parameters, the public address, downloads ---- */
actor page_actor(req *r);
/* A local path to go back to, or dflt: refuses anything that could leave the site. */
const char *safe_next(req *r, const char *next, const char *dflt);
long long week_param(req *r);                  /* ?week= or the current week */
/* The current week of the page's scope, and its weeks newest first: those the
 * target's unit reports in, an organiser's own, or (public) the top's. */
bool week_now(req *r, week *wk);
int week_choices_list(req *r, week **out);
/* The ids of a repeated P_INT parameter. */
int ids_param(req *r, const char *name, long long **out);
/* May the signed-in account do a to an object of unit_id (0: none in
 * particular)? The rules are one table in domain/rules.c; pages ask here and
 * never compare roles themselves. */
bool may(req *r, rule_action a, long long unit_id);
/* The week of ?week= (or the current one) loaded into wk; false after a page saying there is none. */
bool stats_week(req *r, resp *w, const char *title, week *wk);
/* stats_week, then the page opened with the same title: the opening of
 * every centre page that is about one week. */
bool week_page_open(req *r, resp *w, const char *title, week *wk);
/* week_page_open for a page under 全市统计 (path is its own address): the
 * breadcrumbs, the heading, a lead of the week's title and lead_more, and the
 * week picker; the page's HTML, or NULL after a page saying there is no week. */
html *stats_page_open(req *r, resp *w, const char *title, const char *path, const char *lead_more, week *wk);
/* The title of week week_id, or none when there is no such week (a page
 * that shows it beside a record of that week). */
const char *week_title_of(req *r, long long week_id, const char *none);
/* Week id loaded into wk, or false after the 404 page saying there is no such week. */
bool week_or_404(req *r, resp *w, long long id, week *wk);
/* A small GET form that switches to another week, keeping to path. */
void week_picker(req *r, html *b, const char *path, long long current);
/* On a page of a week below the actor's own (a drill-down), a link
 * "上一级" to the same page of the week it was copied from. week_picker
 * shows it. */
void week_up_link(req *r, html *b, const char *path, const week *wk);
/* ok, or the 404 page saying msg (plain text): "load the path's record or fail". */
bool or_404(req *r, resp *w, bool ok, const char *msg);
/* The pager of a list: 上一页, 第 page / pages 页, 下一页; nothing for one page.
 * pager_links takes the two addresses (HTML, NULL for none); pager makes them
 * from the list's address with its query (HTML: "/admin/audit?unit=1"), adding
 * &amp;page=N. */
void pager_links(html *b, const html *prev, const html *next, long long page, long long pages);
void pager(html *b, const html *list, long long page, long long pages);
/* The top of one of the centre's lists (活动周, 报送单位, 账号): the page, the
 * breadcrumbs, the heading, lead (or NULL) and, for those who run the city,
 * the button add to its form at add_href. */
void centre_list_open(req *r, resp *w, const char *title, const html *lead, const char *add, const char *add_href);

/* A list's table: false after the line empty when there is nothing (n is 0);
 * else true after the table's head (its column names, plain text) and
 * <tbody>, which table_close ends. */
bool table_open(html *b, int n, const char *empty, const char *const *heads, int nheads);
void table_close(html *b);
/* The top of a record's form page: the page, the breadcrumbs back to its
 * list (list, at list_href) and the heading title. */
void form_page_open(req *r, resp *w, const char *title, const char *list, const char *list_href);
/* The top of a page that shows a summary form (a unit's, a version's, the
 * city's): the page (title), the breadcrumbs (up at up_href, or NULL; here)
 * and the form's own title as the heading; the page's HTML. */
html *form_view_open(req *r, resp *w, const char *title, const char *up, const char *up_href, const char *here,
		     const char *form_title);

/* ---- a unit's list of records (activities, resources) ---- */
/* The top of the list: the page, the breadcrumbs and the heading
 * "<unit>的<noun>"; false after the page saying none (there is no week yet). */
bool unit_list_open(req *r, resp *w, long long unit_id, long long week_id, const char *noun, const char *none);
/* 新增 (add: its label; its form at /units/N/<add_path>?week=) and 从 Excel
 * 批量导入 (at /units/N/<import_path>?week=), for those who may record. */
void record_buttons(req *r, html *b, long long unit_id, long long week_id, const char *add, const char *add_path,
		    const char *import_path);
/* <option>s of a filter: each value with its label, current one selected. */
void filter_options(html *b, const char *const *values, int n, const char *(*label)(const char *), const char *current);
/* The pager of a list of total items, per_page a page (list: as for pager). */
void pager_of(html *b, const html *list, long long page, long long total, long long per_page);
/* The end of a POST that changes something: when it failed (!ok), the page
 * (status) saying failed (plain text); else the flash done and the way to to. */
void action_end(req *r, resp *w, bool ok, int status, const char *failed, const char *done, const char *to);
/* The end of a POST that removes record id with the domain's remove(): 409
 * with the domain's reasons when it refuses, else the flash done and the way
 * to to. */
typedef int remover(db *d, arena *a, const actor *who, long long id, errs *e);
void remove_then(req *r, resp *w, remover *remove, long long id, const char *done, const char *to);
/* A form's list of what to correct, when e has errors. */
void error_list(html *b, const errs *e);
/* 20 MB, 1.5 KB, 300 字节 */
const char *size_text(arena *a, long long n);
/* The public address is public_base() (web/web.h): serve --public-url, one rule
 * for the QR codes, feeds, verification links and reminders. */
/* "attachment; filename=...; filename*=UTF-8''..." (or inline) for a file named
 * name: RFC 6266/5987, with ascii as the plain fallback when name is not plain
 * ASCII. The one way a page names a download. */
const char *content_disposition(arena *a, bool show_inline, const char *name, const char *ascii);
void download_header(req *r, resp *w, bool show_inline, const char *name, const char *ascii);
/* How a stored file is offered: as a download; pictures in the page and the
 * rest as a download; or in the page whatever it is (the reviewer's viewer of
 * PDFs and videos: the type is the one found by content when it was stored). */
typedef enum send_as { SEND_DOWNLOAD, SEND_PICTURES_INLINE, SEND_INLINE } send_as;
/* The body of the answer is the stored file sha256 (of type mime), the one
 * file sender; false after the 404 page saying missing when it is not there. */
bool stored_file_send(req *r, resp *w, const char *sha256, const char *mime, const char *missing);
/* Sends a stored file: Content-Disposition with the original (Chinese) name
 * as RFC 5987 filename* and an ASCII fallback. */
void send_stored(req *r, resp *w, const char *sha256, const char *mime, const char *filename,
		 const char *ascii_name, send_as how);

/* ---- kit_activity.c: activity fragments ---- */
/* The path's :activity, or the 404 page; the public one answers a draft as
 * one that does not exist. */
bool activity_of_path(req *r, resp *w, activity *x);
bool public_activity_of_path(req *r, resp *w, activity *x);
void activity_when(req *r, html *b, const activity *x);   /* 12月1日（星期四）09:00–11:00; 2022年… another year */
const char *activity_when_printed(req *r, const activity *x); /* plain text, the year always: for paper */
void tag_list(html *b, const tags *t, const choices *labels); /* each value's label in labels (NULL: as is) */
/* The organiser's public consultation number: the activity's unit's, else the
 * city centre's; NULL when neither has one. */
const char *consult_phone_of(req *r, const activity *x);
/* <div><dt>咨询电话</dt><dd>a tel: link</dd></div> for a .facts list, or nothing. */
void consult_phone_fact(req *r, html *b, const activity *x);
/* The open resources an activity uses, as a 相关学习资源 section for its public page. */
void activity_resources_section(req *r, html *b, long long activity_id);
/* 相关活动: links to the public activity pages (public) or the staff pages. */
void activity_refs_html(req *r, html *b, const activity_ref *v, int n, bool public);
/* Checkboxes of the unit's activities of the week, the chosen ones ticked. */
void activity_checkboxes(req *r, html *b, const char *legend, long long unit_id, long long week_id, const char *content,
			 const activity_ref *chosen, int nchosen);
/* Activities by id only, to tick the chosen ones again on a form sent back. */
activity_ref *refs_of_ids(req *r, const long long *ids, int n);
/* 我的报名: phone number and 取消码 find one's sign-up; the form, on the activity's page. */
void mine_form(req *r, html *b, const activity *x, const errs *e);

/* ---- kit_media.c: photos ---- */
/* A photo (JPEG or PNG by its first bytes) decoded and written again with a
 * pixel limit (out/image.h): p->u becomes the re-encoding, still to be kept,
 * and the upload as sent is deleted. On a refusal the page saying why (what:
 * 照片, 截图) is written and false returned. Every photo upload goes through it. */
bool photo_reencode(req *r, resp *w, upload_part *p, const char *what);
/* A photo upload checked by content (JPEG/PNG) and kept in the store; NULL
 * after answering with the error page. */
upload_part *photo_upload_take(req *r, resp *w, const char *field);
/* Streams a stored photo. */
void photo_send(req *r, resp *w, const photo *p);
/* The photos (src: "/brands/3/photo?id=") with delete buttons (del: action) when del is set. */
void photo_gallery(req *r, html *b, const char *src, const photo *ph, int n, const char *del);
void photo_upload_form(req *r, html *b, const char *action, const char *label);
/* The flash-and-redirect of a photo change, or the 503 page. */
void photo_done(req *r, resp *w, bool ok, const char *msg, const char *back);
/* The photos of a resource, brand project or case (pname: its path parameter,
 * base: its paths, "/brands"): add one from the upload, remove ?id=, and send
 * ?id= when allowed (else 404; without an id, a redirect to page). */
void media_upload(req *r, resp *w, media_owner owner, const char *pname, const char *base);
void media_remove(req *r, resp *w, media_owner owner, const char *pname, const char *base);
void media_serve(req *r, resp *w, media_owner owner, long long owner_id, bool allowed, const char *page);

/* ---- kit_form.c: the form view, versions, review comments ---- */
bool report_from_path(req *r, resp *w, report *rep);   /* :unit + ?week=, or fails */
/* The form as the annex lays it out, read-only: values, sources, overrides. */
/* On the form's page: the 定稿 waiting for 报送, or void since the form
 * changed; after 报送, 提交后记录有变动 with each field and 重新定稿并报送. */
void final_notice(req *r, html *b, const report *rep, const field_value *fv);
/* Fields that differ, frozen → now (提交后记录有变动). */
void field_diff_html(req *r, html *b, const field_diff *d, int n);
void form_table_html(req *r, html *b, const field_value *fv, bool show_sources);
/* A textarea's text with CR LF as LF, as the derived texts have it: unchanged
 * text compares equal to what the system wrote. */
const char *lf_only(arena *a, const char *s);
/* The same with the centre's comments (notes) shown in the rows they are about. */
void form_tables(req *r, html *b, const field_value *fv, bool show_sources, const review_comment *notes, int nnotes);
/* For the unit: the comments on its returned version s, each with a link to
 * where it is dealt with (the field's editor, the attachment's section). */
void review_comments_html(req *r, html *b, const submission *s, const review_comment *c, int n);
/* The comments on one field of the form (for its row, or its editor). */
void review_field_notes(html *b, const review_comment *c, int n, const form_field_def *field);
/* The form as a PDF or DOCX download (filename, ascii: its plain fallback), or the 500 page. */
void send_form(req *r, resp *w, const form_doc *doc, bool pdf, const char *filename, const char *ascii);
/* The version of the path's :submission, or fails the page (404). */
bool version_from_path(req *r, resp *w, submission *s);
/* Sends the attachment ?i= (from 1) of that version as a download; false
 * when the page has failed instead. */
bool version_file_send(req *r, resp *w, submission *s, send_as how);
#endif
