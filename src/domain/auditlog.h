/* auditlog.h: the audit log read back, filtered and a page at a time, for the
 * centre's 操作记录 page. (Lines are written by audit() in domain.h.) */
#ifndef LW_AUDITLOG_H
#define LW_AUDITLOG_H
#include "domain.h"

typedef struct audit_filter {
	long long unit_id;                     /* 0: any unit */
	const char *entity, *action, *username; /* NULL: any */
	long long from, to;                    /* UTC seconds, from <= at < to; 0: open */
} audit_filter;

typedef struct audit_line {
	long long at, entity_id;               /* entity_id 0 when none */
	char *username;                        /* "" for the command line */
	char *display_name;                    /* the account's name now, "" if none */
	char *unit_name;                       /* "" when the line names no unit */
	char *action, *entity, *summary, *address;
	char *old_value, *new_value;           /* JSON texts, or NULL */
} audit_line;

long long audit_count(db *d, const audit_filter *f);
/* The lines that match, newest first, per_page of them from (page - 1) * per_page;
 * returns how many, or -1 if the log could not be read. */
int audit_lines(db *d, arena *a, const audit_filter *f, long long page, int per_page, audit_line **out);
/* Every line that matches, newest first, one at a time (each in a scratch
 * arena of its own, freed after fn); returns how many, or -1. */
long long audit_each(db *d, const audit_filter *f, void (*fn)(const audit_line *l, arena *a, void *ctx), void *ctx);
#endif
