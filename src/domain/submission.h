/* submission.h: the report's attachments, the checklist of what is still
 * missing, and submitted versions. A submission freezes every value of the
 * form and the hash of every attachment; the centre returns or accepts it. */
#ifndef LW_SUBMISSION_H
#define LW_SUBMISSION_H
#include "domain.h"
#include "report.h"

/* ---- attachments ---- */

typedef struct att_kind_def {
	const char *key;       /* as stored: plan summary case case_photo scan photo video account */
	const char *label;     /* 典型活动案例 */
	const char *file_word; /* in package file names: 东湖区-照片-01.jpg */
	const char *types;     /* accepted content types, space-separated: "pdf doc docx" */
	const char *types_cn;  /* the same for people: "PDF 或 Word" */
	long long max_bytes;
	bool single;           /* one per report: a new upload replaces it (the old one stays in the audit log and frozen versions) */
	bool numbered;         /* package names always carry a number (photos, videos) */
	bool required;         /* a submission is refused without it */
} att_kind_def;

#define N_ATT_KINDS 8
extern const att_kind_def att_kinds[N_ATT_KINDS];
const att_kind_def *att_kind(const char *key);

/* What a file is by its content, never its name: "pdf", "doc" (Word or Excel
 * 97-2003), "docx", "xlsx", "jpeg", "png", "mp4", or NULL. ZIP containers are
 * opened (path) to tell a Word document from a workbook. */
const char *file_type(const char *path, const unsigned char *head, size_t n);
const char *file_type_mime(const char *type);
/* The extension for a stored file: the original name's when it fits the type
 * (.xls for an Excel 97-2003 workbook), else the type's own. With the dot. */
const char *file_ext(const char *mime, const char *filename);
/* The type of a file in the store, as recorded when it arrived. */
const char *stored_mime(db *d, arena *a, const char *sha256);
/* A file name as people will see it again (file_name_clean in core/text.h);
 * dflt when nothing is left. */
char *clean_filename(arena *a, const char *name, const char *dflt);

typedef struct attachment {
	long long id, report_id, size, created_at;
	char *kind, *sha256, *filename, *mime;
	long long final_id;    /* a scan: the 定稿 it was uploaded against */
	char *warning;         /* a scan carrying another version's code: what was found */
} attachment;

typedef struct new_file {
	const char *sha256, *filename, *mime;
	long long size;
	const char *text;      /* a scan: its text layer (NULL: none), read for other versions' codes */
} new_file;

int attachment_list(db *d, arena *a, long long report_id, attachment **out);
/* The attachment and the report it belongs to; false if there is none. */
bool attachment_load(db *d, arena *a, long long id, attachment *att, report *rep);
/* Adds files (already in the store) of one kind, in one transaction, while the
 * report is editable; a stamped scan ("scan") only against a valid 定稿 (it
 * records which), with a warning when it carries another version's code. A typical case that already exists is replaced only
 * when replace is set; otherwise e gets field "replace". Returns 0 or -1. */
int attachment_add(db *d, arena *a, const actor *who, const report *rep, const att_kind_def *kind,
		   const new_file *files, int n, bool replace, errs *e);
/* The same for a report whose live form is not derived from its own records
 * (the organiser's compiled form reported upward): values gives it inside
 * the transaction, to check a scan against its 定稿; NULL: report_fields. */
typedef field_value *(*form_values_fn)(db *d, arena *a, const report *rep, void *ctx);
int attachment_add_values(db *d, arena *a, const actor *who, const report *rep, const att_kind_def *kind,
			  const new_file *files, int n, bool replace, form_values_fn values, void *ctx, errs *e);
int attachment_remove(db *d, arena *a, const actor *who, long long id, errs *e);

/* 0 when the unit's report for the week may still change (draft or returned),
 * read now; else -1 with e saying why. For callers inside a transaction. */
int report_check_editable(db *d, long long week_id, long long unit_id, errs *e);

/* The organiser's week of that year, 0 if there is none. */
long long report_week_by_year(db *d, long long year);

/* ---- the checklist ---- */

typedef struct check_item {
	const char *label;     /* 工作总结 */
	const char *detail;    /* what is there, or what to do */
	const char *href;      /* where to do it, or NULL */
	bool done;
	bool required;         /* blocks submission */
	bool optional;         /* may stay undone: shown neutral, never as missing */
} check_item;

/* Everything the report needs, in order; returns the count. *blocking gets
 * the number of required items still missing. */
int report_checklist(db *d, arena *a, const report *rep, const field_value *fv,
		     check_item **out, int *blocking);

/* ---- submitted versions ---- */

typedef struct submission {
	long long id, report_id, week_id, unit_id, version;
	long long submitted_at, reviewed_at;
	bool late;
	char *status;          /* submitted returned accepted */
	char *verify_code;     /* 12 characters, Crockford base32 */
	char *form_json, *files_json, *review_note;
	char *unit_name;
	long long final_id;    /* the 定稿 it was made from; 0 for a version submitted before 定稿 existed */
	char *digest;          /* SHA-256 of the frozen values (form_digest); "" before 定稿 existed */
	long long finalised_at; /* 0 when unknown */
} submission;

/* One attachment as it was when the version was frozen. */
typedef struct frozen_file {
	const char *kind, *label, *filename, *mime, *sha256;
	long long size;
} frozen_file;

/* ---- 定稿 → 盖章 → 报送 ---- */

/* The digest of a form's values: SHA-256 (hex) of a canonical serialisation
 * of every field in the form's order (key, derived figure, shown value,
 * override flag, reason), so the live form and a frozen one give the same
 * digest exactly when they say the same. */
char *form_digest(arena *a, const field_value *fv);

/* Freezes the live form as a new numbered version (定稿): every field, a
 * verification code, the digest, the verify URL (verify_base "https://host",
 * the configured public address). Allowed while the report is editable, or
 * after 报送 when the records have changed since (重新定稿). Returns the
 * final's id, 0 with e. */
long long report_finalise(db *d, arena *a, const actor *who, const report *rep, const char *verify_base, errs *e);
/* The same with the form to freeze as the caller built it (the city form's
 * values, cityform_build, for the root unit's report); values NULL: the
 * unit's own form, report_fields read inside the transaction. */
long long report_finalise_values(db *d, arena *a, const actor *who, const report *rep, const field_value *values,
				 const char *verify_base, errs *e);

typedef enum final_state {
	FINAL_NONE,       /* never finalised, or the latest final has been submitted and nothing is pending */
	FINAL_VALID,      /* the latest final matches the live form and is not yet submitted */
	FINAL_VOID,       /* the latest final, not submitted, no longer matches the live form */
} final_state;

/* The latest 定稿 of the report not yet submitted, as a submission (id 0,
 * status "final"), and whether the live form (fv) still matches it. */
final_state report_final(db *d, arena *a, const report *rep, const field_value *fv, submission *fin);
bool final_load(db *d, arena *a, long long final_id, submission *s);
/* Whether the submitted version came from a child's package (transfer.c):
 * its records are on the child's install, so nothing derived here is
 * compared with it, and it reports upward as an organiser's does. */
bool submission_imported(db *d, long long submission_id);
/* The highest version number of the report, finalised or submitted; 0 if none. */
long long report_latest_version(db *d, long long report_id);

/* One field that differs between two forms (frozen → now). */
typedef struct field_diff {
	const form_field_def *def;
	const char *then, *now;          /* the shown values */
	const char *derived_then, *derived_now; /* when only the system's figure moved under an override */
} field_diff;
int form_diff(arena *a, const field_value *then, const field_value *now, field_diff **out);

/* The stamped scan: another version's verification code found in its file
 * name or text (the PDF's text layer) gives a warning, else NULL. */
char *scan_code_warning(db *d, arena *a, const report *rep, long long final_id, const char *filename, const char *text);

/* 报送: submits the latest 定稿 as it was frozen, with every attachment's
 * SHA-256 and the late flag. Refused without a 定稿, when the live form no
 * longer matches it, without its stamped scan, while a required item is
 * missing, and when it has already been submitted (which makes a second,
 * concurrent submit fail). Returns the submission id, 0 with e. */
long long submission_submit(db *d, arena *a, const actor *who, const report *rep, errs *e);
/* The same for a report whose live form is not its own records': values
 * gives it inside the transaction (the organiser's compiled form, reported in
 * its parent's week: upward.c); NULL values: report_fields. */
long long submission_submit_values(db *d, arena *a, const actor *who, const report *rep, form_values_fn values, void *ctx,
				   errs *e);
/* The centre accepts the latest submitted version (through review_accept,
 * which checks first; returning one with comments is review_return). */
int submission_accept(db *d, arena *a, const actor *who, long long id, errs *e);

bool submission_load(db *d, arena *a, long long id, submission *s);
/* code as typed: case, spaces and hyphens do not matter; O reads as 0, I and L as 1.
 * A 定稿 not (yet) submitted is found too: id 0, status "final". */
bool submission_by_code(db *d, arena *a, const char *code, submission *s);
/* The digest of a version: as stored, or computed from its frozen values. */
const char *submission_digest(arena *a, const submission *s);
int submission_list(db *d, arena *a, long long report_id, submission **out);   /* newest first */
long long submission_latest(db *d, long long report_id);                       /* 0 if none */
const char *submission_status_label(const char *status);
char *verify_code_display(arena *a, const char *code);                         /* ABCD-EFGH-JKMN */

/* The frozen form, read back: values, sources, overrides and reasons; in the
 * rows of form (the week's, so it lines up with the live values), or with form
 * NULL in the rows as frozen (labels and order as printed then). *found: how
 * many of the rows had a frozen value. */
field_value *submission_fields(arena *a, const submission *s, const week_form *form, int *found);
int submission_files(arena *a, const submission *s, frozen_file **out);
const char *submission_verify_url(arena *a, const submission *s);
/* A text of the frozen form's head ("title", "week_title", "verify_url"), or NULL. */
char *submission_form_text(arena *a, const submission *s, const char *key);
/* The year of the version's week, as frozen. */
long long submission_year(const submission *s);
/* A unit's name as part of a file name: nothing a file system would refuse. */
char *file_name_part(arena *a, const char *s);
/* 东湖区-总结表（第2版）.pdf and the like. */
char *submission_file_name(arena *a, const submission *s, const char *what, const char *ext);
#endif
