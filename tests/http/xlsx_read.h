/* xlsx_read.h: the centre's exports as a test reads them: a job started and
 * waited for, its file opened as a ZIP, a sheet's cells read from its XML
 * (inline strings and numbers, as out/xlsx_book.c writes them). */
#ifndef LW_XLSX_READ_H
#define LW_XLSX_READ_H
#include "harness.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

/* ---- reading an XLSX ---- */

static inline zip_t *open_zip(const lw_resp *r)
{
	zip_error_t ze;
	zip_source_t *src = zip_source_buffer_create(r->body, r->len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	cr_assert(z, "not a ZIP (%zu bytes)", r->len);
	return z;
}

/* An entry's bytes, NUL-terminated; *len its size. NULL if there is none. */
static inline char *entry(zip_t *z, const char *name, size_t *len)
{
	zip_stat_t st;
	if (zip_stat(z, name, ZIP_FL_ENC_UTF_8, &st) < 0)
		return NULL;
	char *p = lw_printf("%*s", (int)st.size, "");
	zip_file_t *f = zip_fopen(z, name, ZIP_FL_ENC_UTF_8);
	cr_assert(f && zip_fread(f, p, st.size) == (zip_int64_t)st.size, "read %s", name);
	zip_fclose(f);
	if (len)
		*len = st.size;
	return p;
}

static inline char *xml_text(const char *s, size_t n)
{
	char *out = lw_printf("%.*s", (int)n, s), *w = out;
	for (const char *p = out; *p;) {
		static const struct {
			const char *ent, *ch;
		} ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}};
		bool hit = false;
		for (size_t i = 0; i < sizeof ents / sizeof *ents && !hit; i++)
			if (!strncmp(p, ents[i].ent, strlen(ents[i].ent))) {
				*w++ = *ents[i].ch;
				p += strlen(ents[i].ent);
				hit = true;
			}
		if (!hit)
			*w++ = *p++;
	}
	*w = 0;
	return out;
}

/* The cell ref (e.g. "C5") of a sheet's XML: its text (inline string) or its
 * number as written; NULL when the cell is absent. *is_text says which. */
static inline char *cell(const char *sheet, const char *ref, bool *is_text)
{
	const char *c = strstr(sheet, lw_printf("<c r=\"%s\"", ref));
	if (!c)
		return NULL;
	const char *end = strstr(c, "</c>"), *close = strchr(c, '>');
	if (close && close[-1] == '/')
		return lw_printf("%s", ""); /* an empty cell */
	cr_assert(end, "unterminated cell %s", ref);
	cr_assert(!memmem(c, (size_t)(end - c), "<f>", 3), "cell %s holds a formula", ref);
	const char *t = strstr(c, "<t");
	bool text = t && t < end && memmem(c, (size_t)(close - c), "t=\"inlineStr\"", 13);
	if (is_text)
		*is_text = text;
	if (text) {
		t = strchr(t, '>') + 1;
		return xml_text(t, (size_t)(strstr(t, "</t>") - t));
	}
	const char *v = strstr(c, "<v>");
	cr_assert(v && v < end, "cell %s has no value", ref);
	v += 3;
	return lw_printf("%.*s", (int)(strstr(v, "</v>") - v), v);
}

/* The row number whose column A holds the number id; 0 if none. */
static inline long long row_of_id(const char *sheet, long long id)
{
	const char *p = strstr(sheet, lw_printf("><v>%lld</v></c>", id));
	while (p) {
		const char *c = p;
		while (c > sheet && strncmp(c, "<c r=\"", 6))
			c--;
		if (c[6] == 'A')
			return strtoll(c + 7, NULL, 10);
		p = strstr(p + 1, lw_printf("><v>%lld</v></c>", id));
	}
	return 0;
}

static inline int rows_in(const char *sheet)
{
	int n = 0;
	for (const char *p = sheet; (p = strstr(p, "<row ")); p++)
		n++;
	return n;
}

/* ---- jobs ---- */

/* Starts an export and returns the job id from the redirect. */
static inline long long start(lw_client *c, const char *kind, long long week)
{
	lw_resp *r = lw_submit(c, "/admin/exports", "week", lw_printf("%lld", week), "kind", kind, NULL);
	cr_assert_eq(r->status, 303, "start %s: %ld\n%s", kind, r->status, lw_excerpt(r));
	long long id = 0;
	cr_assert(sscanf(lw_header(r, "Location"), "/admin/exports/%lld", &id) == 1);
	return id;
}

/* Waits (up to a minute) for the job to finish and returns its file. */
static inline lw_resp *finished(lw_client *c, long long id)
{
	for (int i = 0; i < 600; i++) {
		lw_resp *p = lw_get(c, lw_printf("/admin/exports/%lld", id));
		cr_assert_eq(p->status, 200);
		if (lw_has(p, "导出失败"))
			cr_assert_fail("job %lld failed:\n%s", id, lw_excerpt(p));
		if (lw_has(p, "已完成")) {
			cr_assert(!lw_has(p, "http-equiv=\"refresh\""), "a finished job's page stops reloading");
			cr_assert(lw_has(p, lw_printf("href=\"/admin/exports/%lld/file\"", id)), "the download is offered");
			lw_resp *f = lw_get(c, lw_printf("/admin/exports/%lld/file", id));
			cr_assert_eq(f->status, 200);
			return f;
		}
		cr_assert(lw_has(p, "http-equiv=\"refresh\"") && lw_has(p, "<progress"), "a running job's page reloads and shows progress");
		usleep(100 * 1000);
	}
	cr_assert_fail("job %lld did not finish in a minute", id);
	return NULL;
}
#endif
