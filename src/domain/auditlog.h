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
	char *unit_name;                       /* "" when the line names no unit */
	char *action, *entity, *summary, *address;
	char *old_value, *new_value;           /* JSON texts, or NULL */
} audit_line;

long long audit_count(db *d, const audit_filter *f);
/* The lines that match, newest first, per_page of them from (page - 1) * per_page;
 * returns how many, or -1 if the log could not be read. */
int audit_lines(db *d, arena *a, const audit_filter *f, long long page, int per_page, audit_line **out);
#endif
