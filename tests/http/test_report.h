/* test_report.h: what the report tests share: a reporting unit of their own
 * with its admin signed in (so tests running side by side never touch each
 * other's report), multipart uploads, and small files of each type. */
#ifndef LW_TEST_REPORT_H
#define LW_TEST_REPORT_H
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PW "report-pass-123"

typedef struct fx {
	lw_client *admin;     /* the unit's admin */
	lw_client *centre;    /* a centre admin */
	long long unit, week;
	const char *name;     /* the unit's name */
	const char *admin_name;
} fx;

static inline long long week_of_year(lw_client *centre, int year)
{
	return lw_id_after(lw_get(centre, "/admin/weeks")->body, lw_printf("<tr><td>%d</td>", year), "/admin/weeks/");
}

/* A new unit with its own admin, and the week of year: 2022 is the demo week,
 * long past its deadline; 2099 is made here, its deadline still ahead. */
static inline fx fixture(int year)
{
	fx f = {0};
	f.centre = lw_signed_in("rc", "centre_admin", NULL, PW, NULL);
	f.name = lw_unique("测试区");
	lw_resp *r = lw_submit(f.centre, "/admin/units", "name", f.name, "kind", "区", "code", lw_unique("t"), "sort_order", "90", NULL);
	cr_assert_eq(r->status, 303, "create unit %s: %ld\n%s", f.name, r->status, lw_excerpt(r));
	f.unit = lw_id_after(lw_get(f.centre, "/admin/units")->body, lw_printf("<td>%s</td>", f.name), "?unit=");
	cr_assert_gt(f.unit, 0);
	char *admin;
	f.admin = lw_signed_in("ra", "unit_admin", f.name, PW, &admin);
	f.admin_name = admin;
	f.week = week_of_year(f.centre, year);
	if (!f.week) {
		/* two tests may race to make it: whoever loses finds it made */
		lw_submit(f.centre, "/admin/weeks", "year", lw_printf("%d", year), "title", lw_printf("%d年测试活动周", year),
			  "theme", "测试主题", "starts_on", lw_printf("%d-12-01", year), "ends_on", lw_printf("%d-12-07", year),
			  "deadline", lw_printf("%d-12-09T23:59", year), "notice", "", NULL);
		f.week = week_of_year(f.centre, year);
	}
	cr_assert_gt(f.week, 0, "no week of %d", year);
	return f;
}

/* This year in Beijing: the year of the demo's live week, the one around
 * today, where activities under way now count (issue 12: an activity counts
 * only within its week's dates) and take check-ins. */
static inline int live_year(void)
{
	time_t t = time(NULL) + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

static inline const char *at(const fx *f, const char *path)
{
	return lw_printf("/units/%lld/%s%sweek=%lld", f->unit, path, strchr(path, '?') ? "&" : "?", f->week);
}

/* ---- multipart ---- */

typedef struct mpart {
	const char *name;
	const char *filename;   /* NULL: a plain field */
	const char *data;
	size_t len;             /* 0: strlen(data) */
} mpart;

typedef struct bytes {
	char *p;
	size_t len, cap;
} bytes;

static inline void put(bytes *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		cr_assert(b->p);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = 0;
}

static inline void puts_(bytes *b, const char *s)
{
	put(b, s, strlen(s));
}

#define BOUNDARY "----lwtestboundary7MA4YWxkTrZu0gW"

/* The multipart body of parts plus this client's _csrf. */
static inline bytes multipart(lw_client *c, const mpart *parts, int n)
{
	bytes b = {0};
	puts_(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n");
	puts_(&b, lw_csrf(c));
	puts_(&b, "\r\n");
	for (int i = 0; i < n; i++) {
		puts_(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"");
		puts_(&b, parts[i].name);
		if (parts[i].filename) {
			puts_(&b, "\"; filename=\"");
			puts_(&b, parts[i].filename);
			puts_(&b, "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		} else {
			puts_(&b, "\"\r\n\r\n");
		}
		put(&b, parts[i].data, parts[i].len ? parts[i].len : strlen(parts[i].data));
		puts_(&b, "\r\n");
	}
	puts_(&b, "--" BOUNDARY "--\r\n");
	return b;
}

static inline lw_resp *post_multipart(lw_client *c, const char *path, const mpart *parts, int n)
{
	bytes b = multipart(c, parts, n);
	const char *h[] = {"Content-Type: multipart/form-data; boundary=" BOUNDARY, NULL};
	lw_resp *r = lw_send(c, "POST", path, b.p, b.len, h);
	free(b.p);
	return r;
}

/* A file's bytes. */
typedef struct blob {
	const char *p;
	size_t n;
} blob;

/* Uploads one file as an attachment of kind. */
static inline lw_resp *attach(const fx *f, const char *kind, const char *filename, blob b, bool replace)
{
	mpart p[] = {{"week", NULL, lw_printf("%lld", f->week), 0}, {"kind", NULL, kind, 0}, {"file", filename, b.p, b.n},
		     {"replace", NULL, "1", 0}};
	return post_multipart(f->admin, lw_printf("/units/%lld/attachments", f->unit), p, replace ? 4 : 3);
}

#define attach_ok(f, kind, filename, b) do { \
	lw_resp *r_ = attach((f), (kind), (filename), (b), false); \
	cr_assert_eq(r_->status, 303, "upload %s as %s: %ld\n%s", (filename), (kind), r_->status, lw_excerpt(r_)); \
} while (0)

/* ---- small files of each type, different each call ---- */

/* n bytes that live as long as the test (the harness frees them at exit) */
static inline char *kept(const void *data, size_t n)
{
	char *p = lw_printf("%*s", (int)n, "");
	memcpy(p, data, n);
	return p;
}

static inline blob text(const char *s)
{
	return (blob){s, strlen(s)};
}

static inline blob pdf(void)
{
	return text(lw_printf("%%PDF-1.4\n%% %s\n%%%%EOF\n", lw_unique("doc")));
}

/* real photos: the server decodes them and stores its own re-encoding */
static inline blob jpeg(void)
{
	size_t n;
	const char *p = lw_photo_jpeg(8, 8, 1, &n);
	return (blob){p, n};
}

static inline blob png(void)
{
	size_t n;
	const char *p = lw_photo_png(4, 4, &n);
	return (blob){p, n};
}

static inline blob mp4(const char *brand)
{
	char *s = lw_printf("....ftyp%.4s%s", brand, lw_unique("mp4"));
	size_t n = strlen(s);
	memcpy(s, "\0\0\0\x18", 4);
	return (blob){s, n};
}

/* A ZIP holding empty entries of these names (stored; the CRC of nothing is 0):
 * enough for the server to tell a workbook from a Word document by its parts. */
static inline blob zip_with(const char *const *names, int n)
{
	bytes b = {0}, cd = {0};
	for (int i = 0; i < n; i++) {
		unsigned short nl = (unsigned short)strlen(names[i]);
		unsigned off = (unsigned)b.len;
		unsigned char lh[30] = {'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					(unsigned char)nl, (unsigned char)(nl >> 8), 0, 0};
		put(&b, lh, 30);
		put(&b, names[i], nl);
		unsigned char ch[46] = {'P', 'K', 1, 2, 20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0};
		ch[28] = (unsigned char)nl;
		ch[29] = (unsigned char)(nl >> 8);
		ch[42] = (unsigned char)off;
		ch[43] = (unsigned char)(off >> 8);
		put(&cd, ch, 46);
		put(&cd, names[i], nl);
	}
	unsigned cdoff = (unsigned)b.len, cdlen = (unsigned)cd.len;
	put(&b, cd.p, cd.len);
	unsigned char end[22] = {'P', 'K', 5, 6, 0, 0, 0, 0, (unsigned char)n, 0, (unsigned char)n, 0,
				 (unsigned char)cdlen, (unsigned char)(cdlen >> 8), 0, 0,
				 (unsigned char)cdoff, (unsigned char)(cdoff >> 8), 0, 0, 0, 0};
	put(&b, end, 22);
	free(cd.p);
	blob out = {kept(b.p, b.len), b.len};
	free(b.p);
	return out;
}

static inline blob xlsx(void)
{
	const char *names[] = {"[Content_Types].xml", "xl/workbook.xml", lw_unique("xl/worksheets/s")};
	return zip_with(names, 3);
}

static inline blob docx(void)
{
	const char *names[] = {"[Content_Types].xml", "word/document.xml", lw_unique("word/x")};
	return zip_with(names, 3);
}

static inline lw_resp *finalise(const fx *f)
{
	return lw_submit(f->admin, lw_printf("/units/%lld/report/finalise", f->unit), "week", lw_printf("%lld", f->week), NULL);
}

/* What 报送 needs last: 定稿 where the page offers it, then the stamped scan
 * of the 定稿 (nothing when neither is offered: a submitted report). */
static inline void finalise_and_scan(const fx *f)
{
	lw_resp *page = lw_get(f->admin, at(f, "submission"));
	if (lw_has(page, "/report/finalise\"")) {
		lw_resp *r = finalise(f);
		cr_assert_eq(r->status, 303, "定稿: %ld\n%s", r->status, lw_excerpt(r));
		page = lw_get(f->admin, at(f, "submission"));
	}
	if (lw_has(page, "下载定稿 PDF"))
		attach_ok(f, "scan", "盖章扫描件.pdf", pdf());
}

/* The required documents but the scan: work summary, typical case. */
static inline void documents(const fx *f)
{
	attach_ok(f, "summary", "工作总结.pdf", pdf());
	attach_ok(f, "case", "典型活动案例.docx", docx());
}

/* Everything a submission requires: the documents, then 定稿 and its
 * stamped scan. */
static inline void required_files(const fx *f)
{
	documents(f);
	finalise_and_scan(f);
}

/* The id of the latest version, from the versions table of the submission page. */
static inline long long latest_version_id(const fx *f)
{
	return lw_id_after(lw_get(f->admin, at(f, "submission"))->body, "<table class=\"list versions\">", "/submissions/");
}
#endif
