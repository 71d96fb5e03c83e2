/* test_security_upload.c: hostile uploads. File names that climb out of a
 * folder (../../etc/passwd, ..\..\), carry a NUL, run to a thousand
 * characters, hide their real extension behind a right-to-left override, or
 * carry quotes and semicolons for the download header; and files whose
 * content contradicts their name. Whatever the name, the file lands only in
 * the store under its SHA-256, the name shown and sent back is a plain base
 * name (no path, no control or direction characters, at most 120
 * characters), the download header stays one well-formed line, and a file is
 * judged by its content: a PDF called .png is no picture, a picture called
 * .html is served as the picture it is. */
#include "test_security.h"

LW_SERVER("", NULL)

/* Every path under the data folder but the store's own files (files/xx/sha)
 * and the database's: nothing else may appear because of an upload. */
static char *outside_store(void)
{
	return sec_run(lw_printf("cd '%s' && find . -path ./files -prune -o -print | grep -v '^\\./learnweek\\.db' | sort",
				 sec_data()));
}

/* The bytes of one multipart file part with a raw file name (which may hold
 * any byte but CR and LF), posted with the form's other fields. */
static lw_resp *upload_raw(lw_client *c, const char *path, const char *const *fields, int nfields, const char *field,
			   const char *name, size_t name_len, blob data)
{
	bytes b = {0};
	puts_(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n");
	puts_(&b, lw_csrf(c));
	puts_(&b, "\r\n");
	for (int i = 0; i + 1 < nfields; i += 2)
		puts_(&b, lw_printf("--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n", fields[i], fields[i + 1]));
	puts_(&b, lw_printf("--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"", field));
	put(&b, name, name_len);
	puts_(&b, "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
	put(&b, data.p, data.n);
	puts_(&b, "\r\n--" BOUNDARY "--\r\n");
	const char *h[] = {"Content-Type: multipart/form-data; boundary=" BOUNDARY, NULL};
	lw_resp *r = lw_send(c, "POST", path, b.p, b.len, h);
	free(b.p);
	return r;
}

/* no C0/C1 control, no bidirectional or zero-width format character */
static const char *bad_char(const char *s)
{
	static const char *const fmt[] = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
					  "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\ufeff"};
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return lw_printf("control byte 0x%02x", *p);
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return "a C1 control";
	}
	for (size_t i = 0; i < sizeof fmt / sizeof *fmt; i++)
		if (strstr(s, fmt[i]))
			return "a direction or zero-width character";
	return NULL;
}

typedef struct odd {
	const char *what;
	const char *name;
	size_t len;             /* 0: strlen */
	const char *must_show;  /* in the page and the download name */
} odd;

Test(security_upload, odd_names_stay_names)
{
	fx f = fixture(2099);
	char *longname = lw_printf("%s", "");
	for (int i = 0; i < 400; i++)
		longname = lw_printf("%s长", longname);
	longname = lw_printf("%s.pdf", longname);
	const odd names[] = {
		{"a path that climbs out", "../../../../etc/passwd.pdf", 0, "passwd.pdf"},
		{"a Windows path", "..\\..\\Windows\\win.ini.pdf", 0, "win.ini.pdf"},
		{"an absolute path", "/etc/shadow.pdf", 0, "shadow.pdf"},
		{"a NUL inside", "总结\0.exe.pdf", 14, "总结"},
		{"a right-to-left override", "总结\u202Efdp.exe", 0, "总结fdp.exe"},
		{"a semicolon, an equals sign and a quote", "a;b=c'.pdf", 0, "a;b=c'.pdf"},
		{"a percent sign", "100%.pdf", 0, "100%.pdf"},
		{"markup (its / is a folder)", "<b>总结</b>.pdf", 0, "b_.pdf"},
		{"a thousand bytes", longname, 0, "长长长长长长长长长长"},
		{"only dots", "..", 0, "工作总结"},
	};
	char *before = outside_store();
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const odd *o = &names[i];
		const char *fields[] = {"week", lw_printf("%lld", f.week), "kind", "summary", "replace", "1"};
		lw_resp *r = upload_raw(f.admin, lw_printf("/units/%lld/attachments", f.unit), fields, 6, "file", o->name,
					o->len ? o->len : strlen(o->name), pdf());
		/* a NUL ends the header line for libmicrohttpd: the part loses its
		 * file name and arrives as a field the route does not take */
		if (r->status == 400 && o->len) {
			lw_expect(r, 400, "不认识的参数");
			continue;
		}
		cr_assert_eq(r->status, 303, "%s: %ld\n%s", o->what, r->status, lw_excerpt(r));
		long long id = sec_int(lw_printf("SELECT max(t.id) FROM attachments t JOIN reports r ON r.id = t.report_id "
						 "WHERE r.unit_id = %lld AND t.kind = 'summary'", f.unit));
		char *stored = sec_text(lw_printf("SELECT filename FROM attachments WHERE id = %lld", id));
		cr_assert(!strchr(stored, '/') && !strchr(stored, '\\') && !strchr(stored, '"') && strcmp(stored, ".."),
			  "%s: stored as %s", o->what, stored);
		cr_assert_null(bad_char(stored), "%s: the stored name has %s", o->what, bad_char(stored));
		cr_assert(strstr(stored, o->must_show), "%s: stored as %s, expected %s in it", o->what, stored, o->must_show);
		long long chars = sec_int(lw_printf("SELECT length(filename) FROM attachments WHERE id = %lld", id));
		cr_assert_leq(chars, 120, "%s: a name of %lld characters", o->what, chars);

		lw_resp *page = lw_get(f.admin, at(&f, "submission"));
		cr_assert_eq(page->status, 200);
		cr_assert(lw_has(page, lw_html_escape(stored)), "%s: the page does not show %s", o->what, stored);
		lw_resp *d = lw_get(f.admin, lw_printf("/attachments/%lld", id));
		cr_assert_eq(d->status, 200, "%s: download %ld", o->what, d->status);
		const char *cd = lw_header(d, "Content-Disposition");
		cr_assert(cd && !strncmp(cd, "attachment; filename=\"", 22), "%s: Content-Disposition %s", o->what, cd ? cd : "(none)");
		/* one quoted ASCII name, then filename*=UTF-8'' and percent-encoding only */
		const char *q = strchr(cd + 22, '"');
		cr_assert(q && !strncmp(q, "\"; filename*=UTF-8''", 20), "%s: Content-Disposition %s", o->what, cd);
		for (const char *p = q + 20; *p; p++)
			cr_assert(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%-._~!$&'()*+,=:@", *p),
				  "%s: filename* holds '%c': %s", o->what, *p, cd);
		for (const char *p = cd + 22; p < q; p++)
			cr_assert(*p >= 0x20 && *p < 0x7f && *p != '\\', "%s: filename holds byte 0x%02x: %s", o->what, (unsigned char)*p, cd);
		cr_assert_str_eq(lw_header(d, "Content-Type"), "application/pdf");
	}
	char *after = outside_store();
	cr_assert_str_eq(before, after, "an upload wrote outside the store:\n%s", sec_first_diff(before, after));
	cr_assert(sec_tmp_drains(), "files/tmp keeps %d file(s)", sec_tmp_files());
	lw_assert_alive();
}

/* an activity of the fixture's unit, for its photos */
static long long new_activity(const fx *f, const char *title)
{
	lw_resp *r = lw_submit(f->admin, lw_printf("/units/%lld/activities", f->unit), "week", lw_printf("%lld", f->week), "title", title,
			       "host", "学院", "mode", "offline", "venue", "礼堂", "content", "1", "starts_at", "2099-12-02T09:00",
			       "ends_at", "2099-12-02T10:00", NULL);
	long long act = sec_loc_id(r, "/activities/");
	cr_assert_gt(act, 0, "%ld\n%s", r->status, lw_excerpt(r));
	return act;
}

Test(security_upload, photo_names_are_cleaned_too)
{
	fx f = fixture(2099);
	long long act = new_activity(&f, "照片测试");
	lw_resp *r;
	char *longname = lw_printf("%s", "");
	for (int i = 0; i < 300; i++)
		longname = lw_printf("%s照", longname);
	const char *names[] = {"../../x/合影\u202Egnp.exe", lw_printf("%s.png", longname), "<img src=x>.png"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		r = upload_raw(f.admin, lw_printf("/activities/%lld/photos", act), NULL, 0, "photo", names[i], strlen(names[i]), png());
		cr_assert_eq(r->status, 303, "%s: %ld\n%s", names[i], r->status, lw_excerpt(r));
		char *stored = sec_text(lw_printf("SELECT name FROM activity_photos WHERE activity_id = %lld ORDER BY id DESC LIMIT 1", act));
		cr_assert(!strchr(stored, '/') && !bad_char(stored), "photo stored as %s", stored);
		cr_assert_leq(sec_int(lw_printf("SELECT length(name) FROM activity_photos WHERE activity_id = %lld ORDER BY id DESC LIMIT 1", act)),
			      120, "a photo name of more than 120 characters");
	}
	lw_resp *page = lw_get(f.admin, lw_printf("/activities/%lld", act));
	cr_assert(!lw_has(page, "<img src=x>") && lw_has(page, "_img src=x_.png"), "%s", lw_excerpt(page));
}

Test(security_upload, content_decides_not_the_name)
{
	fx f = fixture(2099);
	long long act = new_activity(&f, "内容测试");
	lw_resp *r;
	const char *photos = lw_printf("/activities/%lld/photos", act);
	blob html = text("<html><script>alert(1)</script></html>");
	blob svg = text("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
	/* not pictures, whatever they are called */
	lw_expect(upload_raw(f.admin, photos, NULL, 0, "photo", "照片.png", 10, pdf()), 415, "不是 JPG 或 PNG");
	lw_expect(upload_raw(f.admin, photos, NULL, 0, "photo", "照片.jpg", 10, html), 415, "不是 JPG 或 PNG");
	lw_expect(upload_raw(f.admin, photos, NULL, 0, "photo", "图.png", 7, svg), 415, "不是 JPG 或 PNG");
	/* a picture is a picture, even called .html: stored and served as one */
	r = upload_raw(f.admin, photos, NULL, 0, "photo", "page.html", 9, png());
	cr_assert_eq(r->status, 303, "%ld\n%s", r->status, lw_excerpt(r));
	long long photo = sec_int(lw_printf("SELECT max(id) FROM activity_photos WHERE activity_id = %lld", act));
	lw_resp *img = lw_get(f.admin, lw_printf("/photos/%lld", photo));
	cr_assert_eq(img->status, 200);
	cr_assert_str_eq(lw_header(img, "Content-Type"), "image/png");
	cr_assert_str_eq(lw_header(img, "X-Content-Type-Options"), "nosniff");

	/* attachments: the kind's types, by content */
	const char *fields[] = {"week", lw_printf("%lld", f.week), "kind", "scan", "replace", "1"};
	const char *at_path = lw_printf("/units/%lld/attachments", f.unit);
	lw_expect(upload_raw(f.admin, at_path, fields, 6, "file", "盖章.pdf", 10, png()), 415, "PDF");
	lw_expect(upload_raw(f.admin, at_path, fields, 6, "file", "盖章.pdf", 10, html), 415, "PDF");
	const char *docx_parts[] = {"[Content_Types].xml", "word/document.xml"};
	lw_expect(upload_raw(f.admin, at_path, fields, 6, "file", "盖章.pdf", 10, zip_with(docx_parts, 2)), 415, "PDF");
	const char *sfields[] = {"week", lw_printf("%lld", f.week), "kind", "summary", "replace", "1"};
	/* a ZIP that is neither a document nor a workbook is no .docx */
	const char *other_parts[] = {"evil.exe"};
	lw_expect(upload_raw(f.admin, at_path, sfields, 6, "file", "总结.docx", 11, zip_with(other_parts, 1)), 415, "Word");
	/* imports: a PDF called .csv, a picture called .xlsx */
	const char *imp = lw_printf("/units/%lld/imports?week=%lld", f.unit, f.week);
	r = upload_raw(f.admin, imp, NULL, 0, "file", "活动.csv", 10, pdf());
	cr_assert(r->status == 415 || r->status == 422, "a PDF as CSV: %ld", r->status);
	r = upload_raw(f.admin, imp, NULL, 0, "file", "活动.xlsx", 11, png());
	cr_assert(r->status == 415 || r->status == 422, "a PNG as XLSX: %ld", r->status);
	cr_assert_eq(sec_int(lw_printf("SELECT count(*) FROM imports WHERE unit_id = %lld", f.unit)), 0, "a refused import was kept");
	cr_assert(sec_tmp_drains(), "files/tmp keeps %d file(s)", sec_tmp_files());
}

/* ---- photos are decoded, not trusted past their first bytes ---- */

/* CRC-32 as PNG chunks carry it (ISO 3309), bit by bit: a test needs a few */
static unsigned long crc32_of(const unsigned char *p, size_t n)
{
	unsigned long c = 0xFFFFFFFFUL;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320UL ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xFFFFFFFFUL;
}

static char *slurp_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *p = lw_keep(malloc(64 * 1024));
	*n = fread(p, 1, 64 * 1024, f);
	fclose(f);
	return p;
}

/* files under files/ (the store and tmp) holding marker */
static long long stored_with(const char *marker)
{
	return atoll(sec_run(lw_printf("grep -rl -F -e '%s' '%s/files' | wc -l", marker, sec_data())));
}

/* A PNG with the given IHDR size and nothing after it: 74 bytes that declare
 * any number of pixels (CRCs right, so only the size can refuse it). */
static blob png_declaring(unsigned w, unsigned h)
{
	unsigned char b[74] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
	for (int i = 0; i < 4; i++) {
		b[16 + i] = (unsigned char)(w >> (24 - 8 * i));
		b[20 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	b[24] = 8, b[25] = 2;   /* 8-bit RGB */
	unsigned long crc = crc32_of(b + 12, 17);
	for (int i = 0; i < 4; i++)
		b[29 + i] = (unsigned char)(crc >> (24 - 8 * i));
	/* an IDAT of 29 bytes of zeros (not what the size needs), then IEND */
	const unsigned char tail[] = {0, 0, 0, 21, 'I', 'D', 'A', 'T'};
	memcpy(b + 33, tail, sizeof tail);
	memcpy(b + 66, "\0\0\0\0IEND", 8);
	return (blob){kept(b, sizeof b), sizeof b};
}

Test(security_upload, photos_are_decoded_and_stored_as_the_decoder_wrote_them)
{
	fx f = fixture(2099);
	long long act = new_activity(&f, "解码测试");
	const char *photos = lw_printf("/activities/%lld/photos", act);
	char *marker = lw_unique("imgmark");
	char *html = lw_printf("<html><script>alert('%s')</script></html>", marker);
	blob png_html = text(lw_printf("\x89PNG\r\n\x1a\n%s", html));
	blob jpeg_html = text(lw_printf("\xFF\xD8\xFF\xE0%s", html));
	const char *at_path = lw_printf("/units/%lld/attachments", f.unit);
	const char *fields[] = {"week", lw_printf("%lld", f.week), "kind", "photo", "replace", "1"};

	/* the right first bytes and HTML after them: refused on every photo path */
	lw_expect(upload_raw(f.admin, photos, NULL, 0, "photo", "a.png", 5, png_html), 415, "不是完整的 JPG 或 PNG 图片");
	lw_expect(upload_raw(f.admin, photos, NULL, 0, "photo", "a.jpg", 5, jpeg_html), 415, "不是完整的 JPG 或 PNG 图片");
	lw_expect(upload_raw(f.admin, at_path, fields, 6, "file", "a.jpg", 5, jpeg_html), 415, "不是完整的 JPG 或 PNG 图片");
	mpart shot[] = {{"week", NULL, lw_printf("%lld", f.week), 0}, {"channel", NULL, "报刊", 0}, {"kind", NULL, "image", 0},
			{"title", NULL, "截图报道", 0}, {"screenshot", "s.png", png_html.p, png_html.n}};
	lw_expect(post_multipart(f.admin, lw_printf("/units/%lld/publicity", f.unit), shot, 5), 415, "不是完整的 JPG 或 PNG 图片");
	/* 74 bytes declaring 60000 x 60000: refused from the header, before decoding */
	lw_resp *r = upload_raw(f.admin, photos, NULL, 0, "photo", "huge.png", 8, png_declaring(60000, 60000));
	lw_expect(r, 413, "60000 × 60000 像素");
	cr_assert_eq(sec_int(lw_printf("SELECT count(*) FROM activity_photos WHERE activity_id = %lld", act)), 0,
		     "a refused photo was stored");
	cr_assert_eq(stored_with(marker), 0, "the HTML reached files/");
	cr_assert(sec_tmp_drains(), "files/tmp keeps a refused photo");

	/* a real PNG with HTML after its end: stored as libpng wrote it, without the HTML */
	size_t n;
	char *good = lw_photo_png(16, 9, &n);
	char *t = lw_keep(malloc(n + strlen(html)));
	memcpy(t, good, n);
	memcpy(t + n, html, strlen(html));
	blob tailed = {t, n + strlen(html)};
	r = upload_raw(f.admin, photos, NULL, 0, "photo", "ok.png", 6, tailed);
	cr_assert_eq(r->status, 303, "%ld\n%s", r->status, lw_excerpt(r));
	long long photo = sec_int(lw_printf("SELECT max(id) FROM activity_photos WHERE activity_id = %lld", act));
	lw_resp *img = lw_get(f.admin, lw_printf("/photos/%lld", photo));
	cr_assert_eq(img->status, 200);
	cr_assert_eq(memcmp(img->body, "\x89PNG\r\n\x1a\n", 8), 0);
	cr_assert(img->len >= 12 && !memcmp(img->body + img->len - 8, "IEND\xae\x42\x60\x82", 8), "nothing after IEND");
	cr_assert_null(memmem(img->body, img->len, marker, strlen(marker)), "the HTML was served");
	cr_assert_eq(stored_with(marker), 0, "the HTML reached files/");

	/* a JPEG keeps its orientation (a phone's portrait photo stays upright), and nothing else of its EXIF */
	char *jp = lw_photo_jpeg(12, 8, 6, &n);
	r = upload_raw(f.admin, at_path, fields, 6, "file", "竖拍.jpg", 9, (blob){jp, n});
	cr_assert_eq(r->status, 303, "%ld\n%s", r->status, lw_excerpt(r));
	long long att = sec_int(lw_printf("SELECT max(t.id) FROM attachments t JOIN reports r ON r.id = t.report_id "
					  "WHERE r.unit_id = %lld AND t.kind = 'photo'", f.unit));
	char *sha = sec_text(lw_printf("SELECT sha256 FROM attachments WHERE id = %lld", att));
	size_t sn;
	char *stored = slurp_file(lw_printf("%s/files/%.2s/%s", sec_data(), sha, sha), &sn);
	cr_assert(stored && sn > 4 && !memcmp(stored, "\xFF\xD8\xFF", 3), "not a JPEG");
	const unsigned char orient6[] = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6};
	cr_assert_not_null(memmem(stored, sn, orient6, sizeof orient6), "the orientation 6 was not kept");
	cr_assert(sn != n || memcmp(stored, jp, n), "the upload itself was stored, not a re-encoding");
}
