/* form_doc.h: the summary form as a printable document (out/form.h) from the
 * domain's records: a unit's live draft, a frozen version, the city's form;
 * and the one way to turn it into a PDF or DOCX file, which the pages and the
 * command line share. */
#ifndef LW_FORM_DOC_H
#define LW_FORM_DOC_H
#include "out/form.h"
#include "domain/cityform.h"
#include "domain/submission.h"

/* The form as a printable document; verify_code NULL for the live draft. */
void report_form_doc(db *d, arena *a, const report *rep, const field_value *fv,
		     const char *verify_code, const char *verify_url, long long filled_at, form_doc *doc);
/* The live draft (marked 草稿). */
void report_draft_doc(db *d, arena *a, const report *rep, long long now, form_doc *doc);
/* A 定稿 or a submitted version, as it was frozen (its rows too): code, QR and digest in the footer. */
void submission_form_doc(arena *a, const submission *s, form_doc *doc);
/* The city's form of the week, built from the units' submissions: rep and
 * fv as well as the document. False when the centre's report cannot be read. */
bool city_form_doc(db *d, arena *a, long long week_id, long long now, report *rep, field_value **fv, form_doc *doc);

/* The document of a city form already built. */
void city_doc(db *d, arena *a, const city_form *cf, long long now, form_doc *doc);

/* The document as a PDF (pdf) or DOCX file's bytes into out: 0, or -1 with err. */
int form_file(const form_doc *doc, bool pdf, buf *out, char *err, size_t errlen);
const char *form_file_mime(bool pdf);
#endif
