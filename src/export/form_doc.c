/* form_doc.c: see form_doc.h. */
#include "export/form_doc.h"
#include "core/buf.h"
#include "core/timefmt.h"
#include <string.h>

static void doc_rows(arena *a, form_doc *doc, const field_value *fv)
{
	int n = 0;
	while (fv[n].def)
		n++;
	form_row *rows = arena_alloc(a, sizeof *rows * (size_t)(n + 1));
	doc->first_table_rows = n;
	for (int i = 0; i < n; i++) {
		rows[i].group = fv[i].def->group;
		rows[i].label = fv[i].def->label;
		rows[i].value = fv[i].shown;
		if (i && fv[i].def->new_table && doc->first_table_rows == n)
			doc->first_table_rows = i;
	}
	doc->rows = rows;
	doc->nrows = n;
	/* 说明 under the table: why each figure the unit changed differs from the system's */
	char *reasons = report_reasons(a, fv);
	doc->notes = reasons ? arena_printf(a, "说明：\n%s", reasons) : NULL;
}

/* A version's PDF is dated by its 定稿, not by the moment it is downloaded:
 * the same version gives the same bytes (its package's manifest, the
 * engines test) whenever it is printed. Beijing time, as datetime_local_iso. */
static const char *created_iso(arena *a, long long utc)
{
	return utc > 0 ? arena_printf(a, "%s:00+08:00", datetime_local_iso(a, utc)) : NULL;
}

void report_form_doc(db *d, arena *a, const report *rep, const field_value *fv,
		     const char *verify_code, const char *verify_url, long long filled_at, form_doc *doc)
{
	memset(doc, 0, sizeof *doc);
	form_head h;
	report_form_head(d, a, rep, filled_at, &h);
	doc->title = h.title;
	doc->unit = h.unit;
	doc->filled_on = h.filled_on;
	doc->created = created_iso(a, filled_at);
	doc->verify_code = verify_code;
	doc->verify_url = verify_url;
	doc->draft = verify_code == NULL;
	doc_rows(a, doc, fv);
}

void report_draft_doc(db *d, arena *a, const report *rep, long long now, form_doc *doc)
{
	report_form_doc(d, a, rep, report_values(d, a, rep), NULL, NULL, now, doc);
}

void submission_form_doc(arena *a, const submission *s, form_doc *doc)
{
	memset(doc, 0, sizeof *doc);
	/* the rows as frozen: their labels and order as printed then */
	field_value *fv = submission_fields(a, s, NULL, NULL);
	char *title = submission_form_text(a, s, "title");
	doc->title = title ? title : "";
	doc->unit = s->unit_name;
	/* the day of 定稿: the printed, stamped form and the submitted one are the same */
	doc->filled_on = date_cn(a, date_iso_from_utc(a, s->finalised_at ? s->finalised_at : s->submitted_at));
	doc->created = created_iso(a, s->finalised_at ? s->finalised_at : s->submitted_at);
	doc->verify_code = verify_code_display(a, s->verify_code);
	doc->verify_url = submission_verify_url(a, s);
	doc->digest = submission_digest(a, s);
	doc->draft = false;
	doc_rows(a, doc, fv);
}

void city_doc(db *d, arena *a, const city_form *cf, long long now, form_doc *doc)
{
	/* title YYYY年<city>全民终身学习活动周总结表, 填报单位 the centre, never 草稿 */
	report_form_doc(d, a, &cf->rep, cf->fv, NULL, NULL, now, doc);
	doc->draft = false;
}

bool city_form_doc(db *d, arena *a, long long week_id, long long now, report *rep, field_value **fv, form_doc *doc)
{
	city_form cf;
	if (!cityform_build(d, a, week_id, false, &cf))
		return false;
	*rep = cf.rep;
	*fv = cf.fv;
	city_doc(d, a, &cf, now, doc);
	return true;
}

int form_file(const form_doc *doc, bool pdf, buf *out, char *err, size_t errlen)
{
	return (pdf ? form_pdf : form_docx)(doc, out, err, errlen);
}

const char *form_file_mime(bool pdf)
{
	return pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}
