/* test_resources.h: what the resource and showcase HTTP tests share: the demo's
 * ids, a form post from k/v pairs, a multipart upload. Static: each test
 * binary compiles one test file with the harness. */
#ifndef LW_TEST_RESOURCES_H
#define LW_TEST_RESOURCES_H
#include "harness.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* a whole 1×1 PNG (the harness's lw_png): the server decides by content, not
 * by name, and decodes a photo to the end */
#define PNG_BYTES "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01" \
	"\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0a\x49\x44\x41\x54\x78\x9c\x63\x00\x01\x00\x00" \
	"\x05\x00\x01\x0d\x0a\x2d\xb4\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82"

typedef struct fx {
	long long week, donghu, xihu;
} fx;

/* The week and two units, as the centre admin sees them. */
static inline fx fx_load(void)
{
	lw_client *ca = lw_client_new();
	lw_login_ok(ca, "centre_admin", lw_demo_password("centre_admin"));
	const char *units = lw_get(ca, "/admin/units")->body;
	fx f = {lw_id_after(lw_get(ca, "/admin/weeks")->body, "<td>2022</td>", "/weeks/"),
		lw_id_after(units, "<td>东湖区</td>", "?unit="), lw_id_after(units, "<td>西湖区</td>", "?unit=")};
	cr_assert(f.week > 0 && f.donghu > 0 && f.xihu > 0, "demo week or units not found");
	return f;
}

static inline void pct(char **out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.')
			*out = lw_printf("%s%c", *out, *p);
		else
			*out = lw_printf("%s%%%02X", *out, *p);
	}
}

/* "_csrf=...&k1=v1&...": k, v pairs up to a NULL key */
static inline char *form_v(lw_client *c, const char *k, va_list ap)
{
	char *body = lw_printf("_csrf=%s", lw_csrf(c));
	for (; k; k = va_arg(ap, const char *)) {
		const char *v = va_arg(ap, const char *);
		body = lw_printf("%s&", body);
		pct(&body, k);
		body = lw_printf("%s=", body);
		pct(&body, v ? v : "");
	}
	return body;
}

/* POSTs the k, v pairs (NULL-terminated) with the client's _csrf. */
static inline lw_resp *rs_post(lw_client *c, const char *path, const char *k, ...)
{
	va_list ap;
	va_start(ap, k);
	char *body = form_v(c, k, ap);
	va_end(ap);
	return lw_post(c, path, body);
}

/* Creates a resource of unit in week from k, v pairs; asserts it worked, returns its id. */
static inline long long rs_create(lw_client *c, long long unit, long long week, const char *k, ...)
{
	va_list ap;
	va_start(ap, k);
	char *body = form_v(c, k, ap);
	va_end(ap);
	body = lw_printf("%s&week=%lld", body, week);
	lw_resp *r = lw_post(c, lw_printf("/units/%lld/resources", unit), body);
	cr_assert_eq(r->status, 303, "creating a resource: %ld\n%s", r->status, lw_excerpt(r));
	const char *loc = lw_header(r, "Location");
	long long id = 0;
	cr_assert(loc && sscanf(loc, "/resources/%lld/edit", &id) == 1, "Location %s", loc ? loc : "(none)");
	return id;
}

/* A multipart POST of one file (and the _csrf, and an optional extra field). */
static inline lw_resp *rs_upload_with(lw_client *c, const char *path, const char *field, const char *filename, const char *data,
			       size_t len, const char *extra_k, const char *extra_v)
{
	const char *bd = "lwtestboundary7MA4YWxkTrZu0gW";
	char *head = lw_printf("--%s\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n%s\r\n", bd, lw_csrf(c));
	if (extra_k)
		head = lw_printf("%s--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n", head, bd, extra_k, extra_v);
	head = lw_printf("%s--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
			 "Content-Type: application/octet-stream\r\n\r\n", head, bd, field, filename);
	char *tail = lw_printf("\r\n--%s--\r\n", bd);
	size_t hn = strlen(head), tn = strlen(tail);
	char *body = lw_printf("%*s", (int)(hn + len + tn), "");
	memcpy(body, head, hn);
	memcpy(body + hn, data, len);
	memcpy(body + hn + len, tail, tn);
	const char *hdr[] = {lw_printf("Content-Type: multipart/form-data; boundary=%s", bd), NULL};
	return lw_send(c, "POST", path, body, hn + len + tn, hdr);
}

static inline lw_resp *rs_upload(lw_client *c, const char *path, const char *field, const char *filename, const char *data, size_t len)
{
	return rs_upload_with(c, path, field, filename, data, len, NULL, NULL);
}

/* The first published activity of a unit in the week, from its staff list. */
static inline long long rs_first_activity(lw_client *c, long long unit, long long week)
{
	lw_resp *r = lw_get(c, lw_printf("/units/%lld/activities?week=%lld&status=published", unit, week));
	cr_assert_eq(r->status, 200);
	return lw_id_after(r->body, "<tbody>", "/activities/");
}

/* Open resources of the unit, from the centre's table. */
static inline long long rs_count(lw_client *unused, long long unit, long long week)
{
	(void)unused;
	lw_client *ca = lw_client_new();
	lw_login_ok(ca, "centre_admin", lw_demo_password("centre_admin"));
	lw_resp *r = lw_get(ca, lw_printf("/admin/resources?week=%lld", week));
	cr_assert_eq(r->status, 200);
	return lw_id_after(r->body, lw_printf("/units/%lld/resources?week=%lld\"", unit, week), "<strong>");
}
#endif
