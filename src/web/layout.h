/* layout.h: the page frame (head, header, navigation, footer) and form pieces
 * shared by every page. Everything written here is escaped by construction. */
#ifndef LW_LAYOUT_H
#define LW_LAYOUT_H
#include "web.h"

void page_open(req *r, resp *w, const char *title);
/* The same, for a page that reloads itself every so many seconds (a job's progress). */
void page_open_refresh(req *r, resp *w, const char *title, int refresh_seconds);
void page_close(req *r, resp *w);
void page_error(req *r, resp *w, int status, buf *msg_html);
void form_open(req *r, buf *b, const char *action, const char *cls);
void csrf_field(req *r, buf *b);
/* A labelled input. type: "text", "date", "datetime-local", "number", "password"...
 * err: message shown under the field (NULL for none). */
void field_input(buf *b, const char *name, const char *label, const char *type,
		 const char *value, bool required, const char *hint, const char *err);
/* A plain date field for a filter form: id, name, label, value, a format hint. */
void date_field(buf *b, const char *id, const char *name, const char *label, const char *value);
void field_textarea(buf *b, const char *name, const char *label, const char *value,
		    int rows, int max_chars, const char *hint, const char *err);
typedef struct option { const char *value, *label; } option;
void field_select(buf *b, const char *name, const char *label, const option *opts, int n,
		  const char *selected, const char *err);
void form_errors(buf *b, const char *summary);
void breadcrumbs(req *r, resp *w, const char *label1, const char *href1, const char *label2);
bool is_staff_centre(req *r);
#endif
