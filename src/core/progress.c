/* progress.c: see progress.h. */
#include "progress.h"
#include <stddef.h>

void progress_say(const progress *p, const char *step, long long done, long long total)
{
	if (p && p->fn)
		p->fn(p->ctx, step, done, total);
}
