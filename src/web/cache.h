/* cache.h: the render cache of public pages. A page is kept under its key
 * (the variant and the normalised URL) with the generations of what it shows
 * (migration 100: the site, its week, its activity, ...), each read before
 * the data it covers; a write bumps the generations of what it changed in
 * its own transaction, so a page is served only while every generation it
 * was rendered at is still the current one. Memory is bounded: least recently
 * used first out. Thread-safe (one mutex; the critical sections copy, never
 * render). */
#ifndef LW_CACHE_H
#define LW_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include "core/buf.h"

/* One page as it is answered: the body, its gzip form and its ETag. */
typedef struct cached_page {
	const char *content_type;  /* a string literal (handlers' content types are) */
	char *body;
	size_t len;
	char *gz;                  /* NULL when gzip would not be smaller */
	size_t gzlen;
	char etag[40];             /* "hex" with the quotes */
} cached_page;

/* A page from a rendered body: compresses it and hashes it. 0 ok. */
int cached_page_make(cached_page *p, const char *content_type, const char *body, size_t len);
void cached_page_free(cached_page *p);

/* One generation a page depends on: what (a gen_kind of domain.h), which
 * (a week's or an activity's id, else 0) and its value when rendered. */
typedef struct cache_dep {
	int kind;
	long long id, gen;
} cache_dep;
#define CACHE_MAX_DEPS 8

void cache_init(size_t max_bytes);     /* 0: keep nothing (pages still get ETag and gzip) */
/* The generations the page stored under key depends on (kind and id, and
 * the values it was rendered at): how many; -1 when no page is stored (a
 * miss, counted). */
int cache_deps(const char *key, cache_dep *out, int max);
/* The page stored under key, if it depends on exactly deps (with their
 * current values) and was rendered at most max_age seconds ago: its content
 * type and ETag into meta (no body), and its gzip form (when want_gz and it
 * has one; *gz says) or its body appended to body: one copy, made under the
 * lock. Counts a hit or a miss. */
bool cache_get(const char *key, const cache_dep *deps, int ndeps, long long now, long long max_age, bool want_gz,
	       cached_page *meta, bool *gz, buf *body);
/* One render per page at a time: before rendering key, a thread claims it
 * with a version of the data it saw (any number that changes when the page's
 * generations do). CLAIM_OWNER: render, store, then cache_release().
 * CLAIM_RETRY: another thread rendered it at that version while this one
 * waited: look it up again. CLAIM_ALONE: render without storing a claim
 * (another version is being rendered, or the wait took too long). */
typedef enum claim { CLAIM_OWNER, CLAIM_RETRY, CLAIM_ALONE } claim;
claim cache_claim(const char *key, long long version);
void cache_release(const char *key);
/* Stores a copy of p under key (replacing an older one), with the
 * generations it was rendered at (at most CACHE_MAX_DEPS). */
void cache_put(const char *key, const cache_dep *deps, int ndeps, long long now, const cached_page *p);
/* The largest page kept, in bytes (a quarter of the limit). */
size_t cache_page_limit(void);
/* Why pages were not in the cache: never rendered or pushed out (absent),
 * a generation changed since (changed, by the gen_kind of domain.h that
 * changed first: 0 everything, 1 the site, 2 a week, 3 an activity, 4 the
 * resources, 5 the showcases, 6 a unit's week; 7 the page now depends on
 * other things),
 * older than the page's max age (expired); and pages pushed out by the
 * memory limit (evicted, also counted in absent when asked for again). */
#define CACHE_KINDS 8
typedef struct cache_misses {
	unsigned long long absent, changed[CACHE_KINDS], expired, evicted;
} cache_misses;
void cache_why(cache_misses *out);
/* For `serve`'s stop line and the bench: hits, misses, bytes held, pages held. */
void cache_stats(unsigned long long *hits, unsigned long long *misses, size_t *bytes, size_t *pages);
#endif
