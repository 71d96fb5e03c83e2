/* http.c: the request and response accessors every page uses (parameters,
 * headers, cookies, uploads, redirects, flash messages), the access-level
 * names, and the site's public address. It depends on core and the file store
 * only; the router dispatches, the layout renders. */
#include "web/http.h"
#include "db/filestore.h"
#include "core/text.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

server_cfg cfg = {.session_idle = 2 * 3600, .session_lifetime = 12 * 3600};

static const char *access_names[] = {
	[A_PUBLIC] = "public", [A_STAFF] = "staff", [A_CENTRE_READ] = "centre_read",
	[A_CENTRE_ADMIN] = "centre_admin", [A_UNIT_READ] = "unit_read",
	[A_UNIT_EDIT] = "unit_edit", [A_UNIT_ADMIN] = "unit_admin",
};

const char *access_name(access_level a)
{
	return access_names[a];
}




const char *param(req *r, const char *name)
{
	for (int i = 0; i < r->nparams; i++)
		if (!strcmp(r->params[i].k, name))
			return r->params[i].v;
	return NULL;
}

int param_all(req *r, const char *name, const char ***out)
{
	int n = 0;
	for (int i = 0; i < r->nparams; i++)
		if (!strcmp(r->params[i].k, name))
			n++;
	const char **v = arena_alloc(r->a, sizeof *v * (size_t)(n + 1));
	n = 0;
	for (int i = 0; i < r->nparams; i++)
		if (!strcmp(r->params[i].k, name))
			v[n++] = r->params[i].v;
	*out = v;
	return n;
}

long long param_int(req *r, const char *name, long long dflt)
{
	long long v;
	const char *s = param(r, name);
	return s && parse_int64(s, -(1LL << 62), 1LL << 62, &v) ? v : dflt;
}

long long path_id(req *r, const char *name)
{
	for (int i = 0; i < r->npath; i++)
		if (!strcmp(r->pkey[i], name))
			return r->pval[i];
	return 0;
}

upload_part *upload_get(req *r, const char *field)
{
	for (int i = 0; i < r->nuploads; i++)
		if (!strcmp(r->uploads[i].field, field) && r->uploads[i].u && !r->uploads[i].u->failed &&
		    r->uploads[i].u->sha256[0] && (r->uploads[i].u->size > 0 || r->uploads[i].filename[0]))
			return &r->uploads[i];
	return NULL;
}

int upload_keep(req *r, upload_part *p)
{
	(void)r;
	return fs_keep(cfg.data_dir, p->u);
}

const char *header(req *r, const char *name)
{
	for (int i = 0; i < r->nheaders; i++)
		if (!strcasecmp(r->headers[i].k, name))
			return r->headers[i].v;
	return NULL;
}

const char *cookie(req *r, const char *name)
{
	/* parse the Cookie header ourselves: it is tiny and we keep one parser */
	const char *h = header(r, "Cookie");
	size_t nl = strlen(name);
	for (const char *p = h; p && *p;) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *e = strchr(p, ';');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len > nl && !strncmp(p, name, nl) && p[nl] == '=')
			return arena_strndup(r->a, p + nl + 1, len - nl - 1);
		p = e;
	}
	return NULL;
}

void resp_header(req *r, resp *w, const char *k, const char *v)
{
	if (w->nheaders < (int)(sizeof w->headers / sizeof *w->headers)) {
		w->headers[w->nheaders].k = arena_strdup(r->a, k);
		w->headers[w->nheaders].v = arena_strdup(r->a, v);
		w->nheaders++;
	}
}

void resp_stream_drain(resp *w)
{
	if (!w->stream)
		return;
	char chunk[16384];
	long n;
	while ((n = w->stream(w->stream_ctx, chunk, sizeof chunk)) > 0)
		buf_append(&w->body, chunk, (size_t)n);
	if (w->stream_free)
		w->stream_free(w->stream_ctx);
	w->stream = NULL;
	w->stream_ctx = NULL;
}

html *resp_html(resp *w)
{
	/* struct html's first (only) member is a buf: the conversion is defined */
	return (html *)&w->body;
}

void redirect(req *r, resp *w, const char *location)
{
	w->status = 303;
	resp_header(r, w, "Location", location);
}

void set_cookie(req *r, resp *w, const char *name, const char *value, long long max_age, bool http_only)
{
	char *c = arena_printf(r->a, "%s=%s; Path=/; SameSite=Lax%s%s", name, value,
			       http_only ? "; HttpOnly" : "", cfg.secure_cookies ? "; Secure" : "");
	if (max_age)
		c = arena_printf(r->a, "%s; Max-Age=%lld", c, max_age < 0 ? 0 : max_age);
	resp_header(r, w, "Set-Cookie", c);
}

void flash(req *r, resp *w, const char *msg)
{
	buf b = BUF_INIT;
	url_encode(&b, msg);
	set_cookie(r, w, COOKIE_FLASH, buf_cstr(&b), 60, true);
	buf_free(&b);
}

char *public_url_parse(const char *url)
{
	bool https = !strncasecmp(url, "https://", 8);
	if (!https && strncasecmp(url, "http://", 7))
		return NULL;
	const char *h = url + (https ? 8 : 7);
	size_t n = strcspn(h, "/?#");
	if (h[n] && strcmp(h + n, "/"))
		return NULL; /* pages link from the root: no path under it */
	if (!n || n > 255)
		return NULL;
	char host[256];
	memcpy(host, h, n);
	host[n] = 0;
	char *colon = host[0] == '[' ? strstr(host, "]:") : strchr(host, ':');
	if (colon && host[0] == '[')
		colon++;
	long long port = 0;
	if (colon) {
		if (!parse_int64(colon + 1, 1, 65535, &port))
			return NULL;
		*colon = 0;
	}
	for (char *p = host; *p; p++) {
		*p = (char)tolower((unsigned char)*p);
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr(".-[]:", *p)))
			return NULL;
	}
	if (!host[0])
		return NULL;
	char out[300];
	if (port && port != (https ? 443 : 80))
		snprintf(out, sizeof out, "%s://%s:%lld", https ? "https" : "http", host, port);
	else
		snprintf(out, sizeof out, "%s://%s", https ? "https" : "http", host);
	return strdup(out);
}

const char *public_base(void)
{
	return cfg.public_url ? cfg.public_url : "http://127.0.0.1:8080";
}
