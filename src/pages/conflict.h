/* conflict.h: the 409 page of a stale save: both versions side by side. */
#ifndef LW_CONFLICT_H
#define LW_CONFLICT_H
#include "pages.h"

typedef struct diff_row {
	const char *label;
	const char *theirs;   /* what is saved now */
	const char *mine;     /* what this person typed */
} diff_row;
/* Sets status 409 and puts the side-by-side (rows that differ) at the top of
 * the page the caller renders next: its form, filled with what the person
 * typed and carrying the current revision. */
void conflict_prepare(req *r, resp *w, const diff_row *rows, int n, const char *take_theirs_href);
#endif
