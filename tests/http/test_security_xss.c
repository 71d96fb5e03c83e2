/* test_security_xss.c: stored XSS and injection. A hostile payload goes into
 * every text field a unit or the centre types (activities, the report and its
 * plan, publicity records, resources, learning stars, brand projects, 智慧助老
 * cases, the centre's review comments) and is then read back in every format
 * that shows it:
 *   HTML pages (public and staff, lists, details and edit forms): only
 *     escaped, never a live tag;
 *   ICS feeds: text escaped per RFC 5545, so a line break in a description
 *     cannot start a property or an event of its own;
 *   the summary form PDF and the poster PDF (pdftotext): the text literally,
 *     not eaten as markup;
 *   the summary form DOCX: word/document.xml is well-formed (xmllint) and
 *     holds the text escaped;
 *   the JSON API: valid JSON with nosniff;
 *   CSV and XLSX exports (every GET route ending .csv or .xlsx but the import
 *     templates): well-formed, and text that starts = + - @ is a string with
 *     an apostrophe in front, never a formula.
 * Each field gets its own tag inside the payload, so a failure names it. */
#include "test_security.h"

/* on the third day of the 2022 week, whose activities the current feed (/calendar.ics) lists */
LW_SERVER("--now 2022-12-03T10:00+08:00", NULL)

/* the payload of one field: its tag, then markup, quotes and an ampersand
 * (short enough for a 50-character street) */
static const char *payload(const char *tag)
{
	return lw_printf("%s<script>1</script><img src=x>\"'&", tag);
}

/* the part of the payload every output must keep, as HTML shows it */
static const char *shown(const char *tag)
{
	return lw_html_escape(lw_printf("%s<script>", tag));
}

/* No live markup from any payload anywhere in an HTML answer. */
static void html_clean(const lw_resp *r, const char *what)
{
	cr_assert_eq(r->status, 200, "%s: %ld\n%s", what, r->status, lw_excerpt(r));
	cr_assert(!lw_has(r, "<script>1") && !lw_has(r, "<img src=x"), "%s carries a live payload:\n%s", what,
		  lw_excerpt(r));
}

static void html_shows(const lw_resp *r, const char *what, const char *const *tags, int n)
{
	html_clean(r, what);
	for (int i = 0; i < n; i++)
		cr_assert(lw_has(r, shown(tags[i])), "%s does not show field %s (escaped):\n%s", what, tags[i], lw_excerpt(r));
}

static char *save(const lw_resp *r, const char *ext)
{
	char *path = lw_printf("%s/%s.%s", getenv("LW_HTTP_TMP"), lw_unique("xss"), ext);
	FILE *f = fopen(path, "wb");
	cr_assert(f && fwrite(r->body, 1, r->len, f) == r->len, "cannot write %s", path);
	fclose(f);
	return path;
}

/* pdftotext without line breaks: a wrapped line reads as one */
static char *pdf_text(const lw_resp *r, const char *what)
{
	cr_assert(r->status == 200 && r->len > 5 && !memcmp(r->body, "%PDF-", 5), "%s: %ld, not a PDF", what, r->status);
	char *out = sec_run(lw_printf("pdftotext -enc UTF-8 '%s' - | tr -d '\\n\\f'", save(r, "pdf")));
	return out;
}

static void pdf_shows(const lw_resp *r, const char *what, const char *const *tags, int n)
{
	char *text = pdf_text(r, what);
	for (int i = 0; i < n; i++)
		cr_assert(strstr(text, lw_printf("%s<script>", tags[i])), "%s lacks the text of field %s:\n%.3000s", what, tags[i], text);
}

/* every XML part of a ZIP (DOCX, XLSX) is well-formed */
static void xml_well_formed(const char *zip)
{
	const char *dir = lw_printf("%s.d", zip);
	sec_run(lw_printf("mkdir '%s' && cd '%s' && unzip -q '%s' && find . -name '*.xml' -o -name '*.rels' | "
			  "xargs -r xmllint --noout", dir, dir, zip));
}

static void docx_shows(const lw_resp *r, const char *what, const char *const *tags, int n)
{
	cr_assert(r->status == 200 && r->len > 4 && !memcmp(r->body, "PK", 2), "%s: %ld, not a ZIP", what, r->status);
	char *path = save(r, "docx");
	xml_well_formed(path);
	char *xml = sec_run(lw_printf("unzip -p '%s' word/document.xml", path));
	cr_assert(!strstr(xml, "<script>") && !strstr(xml, "<img src=x"), "%s: live markup in document.xml", what);
	for (int i = 0; i < n; i++)
		cr_assert(strstr(xml, lw_printf("%s&lt;script&gt;", tags[i])), "%s: document.xml lacks field %s escaped", what, tags[i]);
}

/* ICS: unfolds the lines; no line may be a payload's own property */
static void ics_clean(const lw_resp *r, const char *what, const char *const *tags, int n)
{
	cr_assert_eq(r->status, 200, "%s: %ld", what, r->status);
	const char *ct = lw_header(r, "Content-Type");
	cr_assert(ct && !strncmp(ct, "text/calendar", 13), "%s: Content-Type %s", what, ct ? ct : "(none)");
	char *u = lw_printf("%s", r->body);
	char *j = u;
	for (char *s = u; *s; s++) {
		if (s[0] == '\r' && s[1] == '\n' && (s[2] == ' ' || s[2] == '\t')) {
			s += 2;
			continue;
		}
		*j++ = *s;
	}
	*j = 0;
	cr_assert(!strstr(u, "\nX-INJECTED") && !strstr(u, "\nBEGIN:VALARM"), "%s: a description started a property:\n%s", what, u);
	int begins = 0, ends = 0;
	for (const char *p = u; (p = strstr(p, "BEGIN:VEVENT")); p++)
		begins++;
	for (const char *p = u; (p = strstr(p, "END:VEVENT")); p++)
		ends++;
	cr_assert_eq(begins, ends, "%s: %d BEGIN:VEVENT, %d END:VEVENT", what, begins, ends);
	for (int i = 0; i < n; i++)
		cr_assert(strstr(u, lw_printf("%s<script>1</script>", tags[i])), "%s lacks field %s:\n%s", what,
			  tags[i], u);
}

Test(security_xss, activity_fields_in_html_ics_pdf_docx_and_json)
{
	fx f = fixture(2022);
	const char *tags[] = {"ATITLE", "AHOST", "ACOHOST", "AVENUE", "ASTREET", "ADESC"};
	/* the description also tries to end its line in the ICS feed */
	const char *desc = lw_printf("%s\nX-INJECTED:1\nBEGIN:VALARM\n分号; 逗号, 反斜杠\\", payload("ADESC"));
	lw_resp *r = lw_submit(f.admin, lw_printf("/units/%lld/activities", f.unit), "week", lw_printf("%lld", f.week),
			       "title", payload("ATITLE"), "host", payload("AHOST"), "co_hosts", payload("ACOHOST"), "mode", "offline",
			       "venue", payload("AVENUE"), "street", payload("ASTREET"), "description", desc, "content", "6",
			       "featured", "1", "publish", "1", "starts_at", "2022-12-03T09:00", "ends_at", "2022-12-03T11:00", NULL);
	long long id = sec_loc_id(r, "/activities/");
	cr_assert_gt(id, 0, "the activity was not saved: %ld\n%s", r->status, lw_excerpt(r));
	lw_client *anon = lw_client_new();

	html_shows(lw_get(anon, lw_printf("/a/%lld", id)), "public activity page", tags, 6);
	html_shows(lw_get(f.admin, lw_printf("/activities/%lld", id)), "staff activity page", tags, 6);
	html_shows(lw_get(f.admin, lw_printf("/activities/%lld/edit", id)), "edit form (attribute values)", tags, 6);
	html_shows(lw_get(f.admin, lw_printf("/units/%lld/activities?week=%lld", f.unit, f.week)), "unit's list", tags, 1);
	html_shows(lw_get(anon, lw_printf("/weeks/%lld?unit=%lld", f.week, f.unit)), "public calendar", tags, 1);
	html_clean(lw_get(anon, lw_printf("/weeks/%lld?q=%s", f.week, "ATITLE")), "public search");
	html_clean(lw_get(f.admin, lw_printf("/units/%lld/report?week=%lld", f.unit, f.week)), "report page");

	ics_clean(lw_get(anon, lw_printf("/a/%lld/calendar.ics", id)), "activity ICS", tags, 1);
	ics_clean(lw_get(anon, lw_printf("/calendar.ics?unit=%lld", f.unit)), "calendar feed", tags, 1);

	pdf_shows(lw_get(f.admin, lw_printf("/activities/%lld/poster.pdf", id)), "poster PDF", tags, 1);
	/* a featured activity is named in 有特色的活动 */
	pdf_shows(lw_get(f.admin, lw_printf("/units/%lld/report/form.pdf?week=%lld", f.unit, f.week)), "summary form PDF", tags, 1);
	docx_shows(lw_get(f.admin, lw_printf("/units/%lld/report/form.docx?week=%lld", f.unit, f.week)), "summary form DOCX", tags, 1);

	unit_admin ua = {f.admin, f.unit};
	const char *tok = make_token(&ua, f.admin_name, NULL);
	lw_resp *j = lw_json(lw_client_new(), tok, "GET", lw_printf("/api/v1/activities/%lld", id), NULL);
	cr_assert_eq(j->status, 200, "%s", j->body);
	cr_assert(!strncmp(lw_header(j, "Content-Type"), "application/json", 16) && lw_header(j, "X-Content-Type-Options"));
	/* the payload comes back as a JSON string: only its quote escaped */
	cr_assert(lw_has(j, "\"title\":\"ATITLE<script>1</script><img src=x>\\\"'&\""), "the API's JSON: %s", j->body);
}

Test(security_xss, report_plan_and_publicity_in_html_pdf_and_docx)
{
	fx f = fixture(2022);
	const char *at_fields = lw_printf("/units/%lld/report/fields", f.unit);
	/* narrative fields, and a derived one overridden with a reason */
	const char *fields[][2] = {{"effect", "REFFECT"}, {"self_eval", "RSELF"}, {"leaders", "RLEADERS"}};
	for (size_t i = 0; i < 3; i++) {
		lw_resp *r = lw_submit(f.admin, at_fields, "week", lw_printf("%lld", f.week), "field", fields[i][0], "value",
				       payload(fields[i][1]), "reason", payload("RREASON"), NULL);
		cr_assert_eq(r->status, 303, "field %s: %ld\n%s", fields[i][0], r->status, lw_excerpt(r));
	}
	lw_resp *r = lw_submit(f.admin, lw_printf("/units/%lld/report/plan", f.unit), "week", lw_printf("%lld", f.week),
			       "plan_issuer", payload("PISSUER"), "plan_coordinator", payload("PCOORD"), "plan_author", payload("PAUTHOR"),
			       "ceremony_date", "2022-12-01", "ceremony_venue", payload("PVENUE"), "ceremony_leaders", payload("PLEAD"), NULL);
	cr_assert_eq(r->status, 303, "plan: %ld\n%s", r->status, lw_excerpt(r));
	r = lw_submit(f.admin, lw_printf("/units/%lld/publicity", f.unit), "week", lw_printf("%lld", f.week), "channel", "报刊",
		      "kind", "text", "title", payload("PUBTITLE"), "outlet", payload("PUBOUT"), "published_on", "2022-12-02", NULL);
	cr_assert_eq(r->status, 303, "publicity: %ld\n%s", r->status, lw_excerpt(r));

	const char *in_form[] = {"REFFECT", "RSELF", "RLEADERS", "PUBTITLE"};
	html_shows(lw_get(f.admin, lw_printf("/units/%lld/report?week=%lld", f.unit, f.week)), "report page", in_form, 4);
	html_clean(lw_get(f.admin, lw_printf("/units/%lld/report/edit?week=%lld", f.unit, f.week)), "report edit form");
	const char *plan[] = {"PISSUER", "PCOORD", "PAUTHOR", "PVENUE", "PLEAD"};
	html_shows(lw_get(f.admin, lw_printf("/units/%lld/report/plan?week=%lld", f.unit, f.week)), "plan form", plan, 5);
	const char *pub[] = {"PUBTITLE", "PUBOUT"};
	html_shows(lw_get(f.admin, lw_printf("/units/%lld/publicity?week=%lld", f.unit, f.week)), "publicity list", pub, 2);
	html_clean(lw_get(f.centre, lw_printf("/admin/audit?unit=%lld", f.unit)), "audit log");
	html_clean(lw_get(f.centre, "/admin/units"), "centre's unit table");

	pdf_shows(lw_get(f.admin, lw_printf("/units/%lld/report/form.pdf?week=%lld", f.unit, f.week)), "summary form PDF", in_form, 4);
	docx_shows(lw_get(f.admin, lw_printf("/units/%lld/report/form.docx?week=%lld", f.unit, f.week)), "summary form DOCX", in_form, 4);
}

Test(security_xss, resources_and_showcase_in_public_and_staff_html)
{
	fx f = fixture(2022);
	const char *w = lw_printf("%lld", f.week);
	lw_resp *r = lw_submit(f.admin, lw_printf("/units/%lld/resources", f.unit), "week", w, "kind", "venue", "title",
			       payload("RTITLE"), "institution", payload("RINST"), "address", payload("RADDR"), "street", payload("RSTREET"),
			       "hours", payload("RHOURS"), "description", payload("RDESC"), "status", "open", NULL);
	long long res = sec_loc_id(r, "/resources/");
	cr_assert_gt(res, 0, "resource: %ld\n%s", r->status, lw_excerpt(r));
	const char *rt[] = {"RTITLE", "RINST", "RADDR", "RHOURS", "RDESC"};
	lw_client *anon = lw_client_new();
	html_shows(lw_get(anon, lw_printf("/resources/%lld", res)), "public resource page", rt, 5);
	html_shows(lw_get(anon, lw_printf("/resources?week=%lld&unit=%lld", f.week, f.unit)), "public resource list", rt, 1);
	html_shows(lw_get(f.admin, lw_printf("/units/%lld/resources?week=%lld", f.unit, f.week)), "unit's resources", rt, 1);
	html_shows(lw_get(f.admin, lw_printf("/resources/%lld/edit", res)), "resource edit form", rt, 5);
	html_clean(lw_get(f.centre, lw_printf("/admin/resources?week=%lld", f.week)), "centre's resource table");

	r = lw_submit(f.admin, lw_printf("/units/%lld/activities", f.unit), "week", w, "title", "助老课堂", "host", "学院", "mode",
		      "offline", "venue", "礼堂", "content", "6", "publish", "1", "starts_at", "2022-12-04T09:00", "ends_at",
		      "2022-12-04T10:00", NULL);
	long long act = sec_loc_id(r, "/activities/");
	cr_assert_gt(act, 0);
	r = lw_submit(f.admin, lw_printf("/units/%lld/stars", f.unit), "week", w, "name", payload("SNAME"), "community",
		      payload("SCOMM"), "story", payload("SSTORY"), "consent", "1", "consent_note", payload("SNOTE"), NULL);
	long long star = sec_loc_id(r, "/stars/");
	r = lw_submit(f.admin, lw_printf("/units/%lld/brands", f.unit), "week", w, "name", payload("BNAME"), "host", payload("BHOST"),
		      "description", payload("BDESC"), NULL);
	long long brand = sec_loc_id(r, "/brands/");
	r = lw_submit(f.admin, lw_printf("/units/%lld/cases", f.unit), "activity", lw_printf("%lld", act), "title", payload("CTITLE"),
		      "taught", payload("CTAUGHT"), "trained", "5", "lessons", payload("CLESSON"), NULL);
	long long kase = sec_loc_id(r, "/cases/");
	cr_assert(star > 0 && brand > 0 && kase > 0, "star %lld, brand %lld, case %lld", star, brand, kase);
	cr_assert_eq(lw_submit(f.centre, lw_printf("/stars/%lld/select", star), "picked", "1", NULL)->status, 303);
	cr_assert_eq(lw_submit(f.centre, lw_printf("/brands/%lld/select", brand), "picked", "1", NULL)->status, 303);
	cr_assert_eq(lw_submit(f.centre, lw_printf("/cases/%lld/recommend", kase), "picked", "1", NULL)->status, 303);

	const char *sc[] = {"SNAME", "SSTORY", "BNAME", "BDESC"};
	html_shows(lw_get(anon, lw_printf("/showcase?week=%lld", f.week)), "public showcase", sc, 4);
	const char *cs[] = {"CTITLE", "CTAUGHT"};
	html_shows(lw_get(anon, lw_printf("/cases?week=%lld", f.week)), "public cases", cs, 2);
	const char *staff[] = {"SNAME", "BNAME", "CTITLE"};
	html_shows(lw_get(f.admin, lw_printf("/units/%lld/showcase?week=%lld", f.unit, f.week)), "unit's showcase", staff, 3);
	html_shows(lw_get(f.centre, lw_printf("/admin/showcase?week=%lld", f.week)), "centre's showcase", staff, 3);
	const char *se[] = {"SNAME", "SCOMM", "SSTORY", "SNOTE"};
	html_shows(lw_get(f.admin, lw_printf("/stars/%lld/edit", star)), "star edit form", se, 4);
	const char *be[] = {"BNAME", "BHOST", "BDESC"};
	html_shows(lw_get(f.admin, lw_printf("/brands/%lld/edit", brand)), "brand edit form", be, 3);
	const char *ce[] = {"CTITLE", "CTAUGHT", "CLESSON"};
	html_shows(lw_get(f.admin, lw_printf("/cases/%lld/edit", kase)), "case edit form", ce, 3);
}

/* ---- CSV and XLSX exports ---- */

static const char *const formulas[] = {"=HYPERLINK(\"http://evil.example/\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)"};
#define NFORMULAS (sizeof formulas / sizeof *formulas)

/* every cell text of an XLSX (shared and inline strings), and whether any
 * cell holds a formula */
static char *xlsx_text(const lw_resp *r, const char *what, bool *has_formula)
{
	cr_assert(r->len > 4 && !memcmp(r->body, "PK", 2), "%s: not a ZIP", what);
	char *path = save(r, "xlsx");
	char *xml = sec_run(lw_printf("unzip -p '%s' 'xl/sharedStrings.xml' 'xl/worksheets/*.xml' 2>/dev/null; true", path));
	xml_well_formed(path);
	*has_formula = strstr(xml, "<f>") || strstr(xml, "<f ");
	return xml;
}

Test(security_xss, csv_and_xlsx_exports_hold_no_formula_and_no_markup)
{
	fx f = fixture(2022);
	/* activities whose text fields start like formulas, plus the payload */
	for (size_t i = 0; i < NFORMULAS; i++) {
		lw_resp *r = lw_submit(f.admin, lw_printf("/units/%lld/activities", f.unit), "week", lw_printf("%lld", f.week), "title",
				       formulas[i], "host", formulas[(i + 1) % NFORMULAS], "mode", "offline", "venue", payload("XVENUE"),
				       "content", "1", "publish", "1", "starts_at", "2022-12-05T09:00", "ends_at", "2022-12-05T10:00", NULL);
		cr_assert_eq(r->status, 303, "%s: %ld\n%s", formulas[i], r->status, lw_excerpt(r));
	}
	lw_route *routes;
	int n = lw_routes(&routes);
	sec_ids ids[] = {{"unit", f.unit}, {"week", f.week}};
	int checked = 0;
	for (int i = 0; i < n; i++) {
		const lw_route *rt = &routes[i];
		size_t pl = strlen(rt->pattern);
		bool csv = pl > 4 && !strcmp(rt->pattern + pl - 4, ".csv"), xlsx = pl > 5 && !strcmp(rt->pattern + pl - 5, ".xlsx");
		if (strcmp(rt->method, "GET") || (!csv && !xlsx) || strstr(rt->pattern, "template"))
			continue;
		char *missing = NULL;
		char *path = sec_fill(rt->pattern, ids, 2, &missing);
		cr_assert_not_null(path, "export %s: no value for :%s in this test", rt->pattern, missing);
		if (strstr(rt->params, "week"))
			path = lw_printf("%s?week=%lld", path, f.week);
		lw_resp *r = lw_get(f.centre, path);
		cr_assert_eq(r->status, 200, "%s: %ld\n%s", path, r->status, lw_excerpt(r));
		if (csv) {
			for (size_t k = 0; k < NFORMULAS; k++) {
				/* in a CSV field: quoted, an apostrophe first, quotes doubled */
				char *q = lw_printf("\"'");
				for (const char *p = formulas[k]; *p; p++)
					q = lw_printf("%s%s", q, *p == '"' ? "\"\"" : lw_printf("%c", *p));
				cr_assert(!strstr(r->body, lw_printf(",%s", formulas[k])) && strstr(r->body, q),
					  "%s: %s is not written as text", path, formulas[k]);
			}
		} else {
			bool has_formula;
			char *xml = xlsx_text(r, path, &has_formula);
			cr_assert(!has_formula, "%s holds a formula", path);
			cr_assert(!strstr(xml, "<script>"), "%s: raw markup in the sheet XML", path);
			/* the text is there, and where it starts a cell it carries the apostrophe
			 * (an export may also hold it inside a longer text, e.g. 活动「=HYPERLINK(…)」) */
			cr_assert(strstr(xml, "=HYPERLINK"), "%s: the formula text is missing", path);
			const char *starts[] = {"<t>=", "<t xml:space=\"preserve\">=", "<t>+", "<t>@", "<t xml:space=\"preserve\">@"};
			for (size_t k = 0; k < sizeof starts / sizeof *starts; k++)
				cr_assert(!strstr(xml, starts[k]), "%s: a text cell starts like a formula (%s)", path, starts[k]);
		}
		checked++;
	}
	/* until an export exists there is nothing to read; the template must still be clean */
	lw_resp *t = lw_get(f.admin, lw_printf("/units/%lld/imports/template.xlsx", f.unit));
	bool has_formula;
	xlsx_text(t, "the import template", &has_formula);
	cr_assert(!has_formula, "the import template holds a formula");
	cr_log_info("%d CSV/XLSX export routes checked", checked);
}

Test(security_xss, review_comments_in_the_centre_and_unit_pages)
{
	fx f = fixture(2022);
	attach_ok(&f, "summary", "总结.pdf", pdf());
	attach_ok(&f, "case", "案例.pdf", pdf());
	finalise_and_scan(&f);
	lw_resp *r = lw_submit(f.admin, lw_printf("/units/%lld/submission", f.unit), "week", lw_printf("%lld", f.week), NULL);
	cr_assert_eq(r->status, 303, "submit: %ld\n%s", r->status, lw_excerpt(r));
	long long v = sec_int(lw_printf("SELECT max(s.id) FROM submissions s JOIN reports p ON p.id = s.report_id WHERE p.unit_id = %lld",
					f.unit));
	long long att = sec_int(lw_printf("SELECT max(t.id) FROM attachments t JOIN reports p ON p.id = t.report_id "
					  "WHERE p.unit_id = %lld AND t.kind = 'case'", f.unit));
	r = lw_submit(f.centre, lw_printf("/admin/submissions/%lld/return", v), "target", "general", "comment", payload("RVGEN"),
		      "target", "effect", "comment", payload("RVEFFECT"), "target", lw_printf("attachment:%lld", att), "comment",
		      payload("RVATT"), NULL);
	cr_assert_eq(r->status, 303, "return: %ld\n%s", r->status, lw_excerpt(r));
	const char *all[] = {"RVGEN", "RVEFFECT", "RVATT"};
	html_shows(lw_get(f.centre, lw_printf("/admin/submissions/%lld", v)), "the centre's review page", all, 3);
	html_shows(lw_get(f.admin, lw_printf("/units/%lld/submission?week=%lld", f.unit, f.week)), "the unit's submission page", all, 1);
	const char *field[] = {"RVEFFECT"};
	html_shows(lw_get(f.admin, lw_printf("/units/%lld/report?week=%lld", f.unit, f.week)), "the unit's report, beside the field",
		   field, 1);
	html_clean(lw_get(f.centre, lw_printf("/admin/board?week=%lld", f.week)), "the status board");
	html_clean(lw_get(f.centre, lw_printf("/admin/board/reminders?week=%lld", f.week)), "the reminders");
}
