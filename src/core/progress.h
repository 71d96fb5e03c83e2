/* progress.h: how far a long piece of work has come (an export at a million
 * rows), told to whoever waits for it: a job's row, or nobody. */
#ifndef LW_PROGRESS_H
#define LW_PROGRESS_H

/* Reports how far a long piece of work has come; fn may be NULL. */
typedef struct progress {
	void (*fn)(void *ctx, const char *step, long long done, long long total);
	void *ctx;
} progress;
void progress_say(const progress *p, const char *step, long long done, long long total);
#endif
