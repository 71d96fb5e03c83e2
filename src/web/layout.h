/* layout.h: the page frame (head, header, navigation, footer) and form pieces
 * shared by every page. Everything written here is escaped by construction. */
#ifndef LW_LAYOUT_H
#define LW_LAYOUT_H
#include "web/http.h"

/* An error page: status and a Chinese message (a literal format; %s are escaped). */
#define fail(r, w, status, fmt, ...) fail_page((r), (w), (status), "" fmt "", ##__VA_ARGS__)
void fail_page(req *r, resp *w, int status, const char *fmt, ...) HTML_FORMAT(4, 5);
/* A state a resident did not cause (the activity ended, check-in not yet open,
 * already signed up): its own plain page, titled by what happened, the message
 * (a literal format; %s escaped), what to do now and one big button back. It
 * keeps the status (409 ...) for programs but shows no code. */
#define fail_state(r, w, status, st, fmt, ...) state_page((r), (w), (status), (st), "" fmt "", ##__VA_ARGS__)
void state_page(req *r, resp *w, int status, state_msg st, const char *fmt, ...) HTML_FORMAT(5, 6);
/* The answer to a write the storage refused: 507 when the disk is full, 503
 * when the data folder is read-only or failing, each with its own message. */
void fail_storage(req *r, resp *w, store_failure why);

void page_open(req *r, resp *w, const char *title);
/* The same, for a page that reloads itself every so many seconds (a job's progress). */
void page_open_refresh(req *r, resp *w, const char *title, int refresh_seconds);
void page_close(req *r, resp *w);
void page_error(req *r, resp *w, int status, html *msg_html);
/* The page of a state the resident did not cause (state_page in router.c). */
void page_state(req *r, resp *w, const state_msg *st, html *msg_html);
void form_open(req *r, html *b, const char *action, const char *cls);
void csrf_field(req *r, html *b);
/* A labelled input. type: "text", "date", "datetime-local", "number", "password"...
 * err: message shown under the field (NULL for none). */
void field_input(html *b, const char *name, const char *label, const char *type,
		 const char *value, bool required, const char *hint, const char *err);
/* A plain date field for a filter form: id, name, label, value, a format hint. */
void date_field(html *b, const char *id, const char *name, const char *label, const char *value);
void field_textarea(html *b, const char *name, const char *label, const char *value,
		    int rows, int max_chars, const char *hint, const char *err);
typedef struct option { const char *value, *label; } option;
void field_select(html *b, const char *name, const char *label, const option *opts, int n,
		  const char *selected, const char *err);
void form_errors(html *b, const char *summary);
void breadcrumbs(req *r, resp *w, const char *label1, const char *href1, const char *label2);
bool is_staff_centre(req *r);   /* an organiser role at the top of the install */
bool is_organiser(req *r);      /* an organiser role (centre_admin, centre_viewer) at any node */
/* An organiser who reviews unit_id's submissions (the router has checked
 * unit_id is within its subtree): a node's own are its parent's, but the top's
 * are its own. */
bool is_organiser_above(req *r, long long unit_id);
/* The dates of public pages, one formatter for all of them (timefmt's
 * date_cn_near at the request's clock): 12月5日, or 2022年12月5日 when it is
 * not this year. */
char *pub_date(req *r, const char *iso_date);
char *pub_day(req *r, const char *iso_date);     /* with the weekday: 12月5日 星期六 */
char *pub_datetime(req *r, long long utc);       /* 12月5日 09:00 */
#endif
