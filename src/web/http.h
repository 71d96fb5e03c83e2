/* http.h: the request and response accessors (http.c): parameters, headers,
 * cookies, uploads, redirects, flash; access names; the public address. */
#ifndef LW_WEB_HTTP_H
#define LW_WEB_HTTP_H
#include "web/web.h"

#define COOKIE_SESSION "lw_s"
#define COOKIE_BIG "lw_big"
#define COOKIE_FLASH "lw_f"

/* Runs a stream to its end into w->body and frees it (tests, fuzzers). */
void resp_stream_drain(resp *w);

/* request accessors */
upload_part *upload_get(req *r, const char *field);   /* first complete upload of a field */
int upload_keep(req *r, upload_part *p);              /* into the store; 0 ok */
const char *param(req *r, const char *name);                /* first value or NULL */
int param_all(req *r, const char *name, const char ***out); /* every value */
long long param_int(req *r, const char *name, long long dflt);
long long path_id(req *r, const char *name);
const char *header(req *r, const char *name);
const char *cookie(req *r, const char *name);

/* response helpers */
/* The body as the page writer: a page writes HTML only through this (the
 * body itself stays a buf, for CSV, JSON and files). */
html *resp_html(resp *w);
void resp_header(req *r, resp *w, const char *k, const char *v);
void redirect(req *r, resp *w, const char *location);        /* 303 */
void set_cookie(req *r, resp *w, const char *name, const char *value, long long max_age, bool http_only);
/* Flash message carried across a redirect in a short-lived cookie. */
void flash(req *r, resp *w, const char *msg);

const char *access_name(access_level a);

/* "https://host[:port]" with nothing after it, lowercased and without a
 * default port; NULL when url is not an http or https address of a host. */
char *public_url_parse(const char *url);
/* The site's public address (cfg.public_url): every absolute URL a page or a
 * file builds (QR codes, feeds, links to copy) starts with it; never the Host
 * header, which the client chooses. */
const char *public_base(void);
#endif
