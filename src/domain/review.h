/* review.h: the centre's review of a submitted version: comments tied to a
 * field of the form or to an attachment, returning a version with them,
 * accepting it, and what changed between a returned version and the one the
 * unit submitted after it. */
#ifndef LW_REVIEW_H
#define LW_REVIEW_H
#include "submission.h"

typedef struct review_comment {
	long long id, submission_id, created_at;
	char *target;                  /* a field key, "attachment:<id>" or "general" */
	const form_field_def *field;   /* the field it is about, or NULL */
	long long attachment_id;       /* the attachment it is about, or 0 */
	const char *attachment_kind;   /* that attachment's kind, NULL if unknown */
	char *label;                   /* 总体意见, 总结表「活动成效」, 附件「案例.docx」（典型活动案例） */
	char *comment, *author;
} review_comment;

/* The comments on one version, in the order they were written. */
int review_comments(db *d, arena *a, long long submission_id, review_comment **out);
/* What the unit has to act on: while its report is returned, the comments on
 * the returned version (*s gets that version); 0 otherwise. */
int review_open_comments(db *d, arena *a, long long report_id, submission *s, review_comment **out);

typedef struct review_note {
	const char *target;   /* as in review_comment; NULL or "" for a general comment */
	const char *comment;  /* empty ones are skipped */
} review_note;

/* Returns the latest version for changes with one or more comments, in one
 * transaction with its audit line. e's field is "comment" or "target" for bad
 * input, NULL when the version cannot be returned (any more). */
int review_return(db *d, arena *a, const actor *who, long long submission_id, const review_note *notes, int n, errs *e);
/* Accepts the latest version, which is then final. */
int review_accept(db *d, arena *a, const actor *who, long long submission_id, errs *e);
/* NULL when the centre may decide on s now (the latest version, waiting for
 * review); else why not, in Chinese. */
const char *review_refused(db *d, arena *a, const submission *s, bool accepting);

/* The returned version just before s, whose comments s answers; 0 if none. */
long long review_previous(db *d, const submission *s);

typedef struct field_change {
	const field_value *before, *after;
} field_change;
/* The fields whose text, override or reason differ, in form order. */
int review_field_changes(arena *a, const field_value *before, const field_value *after, field_change **out);

typedef struct file_change {
	const frozen_file *file;
	bool added;           /* else removed */
} file_change;
/* Files by SHA-256, kind and name: what after has that before had not (added)
 * and the reverse (removed); removed first. */
int review_file_changes(arena *a, const frozen_file *before, int nb, const frozen_file *after, int na, file_change **out);
#endif
