/* cache.h: the render cache of public pages. A page is kept under its key
 * (the variant and the normalised URL) with the data generation it was
 * rendered at (domain/public_gen.h); a write that changes what public pages
 * show bumps the generation in its own transaction, so a page of an older
 * generation is never served. Memory is bounded: least recently used first
 * out. Thread-safe (one mutex; the critical sections copy, never render). */
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

void cache_init(size_t max_bytes);     /* 0: keep nothing (pages still get ETag and gzip) */
/* The page stored under key, if it was rendered at generation gen and at
 * most max_age seconds ago: its content type and ETag into meta (no body),
 * and its gzip form (when want_gz and it has one; *gz says) or its body
 * appended to body: one copy, made under the lock. */
bool cache_get(const char *key, long long gen, long long now, long long max_age, bool want_gz, cached_page *meta, bool *gz,
	       buf *body);
/* One render per page at a time: before rendering key at gen, a thread
 * claims it. CLAIM_OWNER: render, store, then cache_release(). CLAIM_RETRY:
 * another thread rendered it at gen while this one waited: ask cache_get
 * again. CLAIM_ALONE: render without storing a claim (another generation is
 * being rendered, or the wait took too long). */
typedef enum claim { CLAIM_OWNER, CLAIM_RETRY, CLAIM_ALONE } claim;
claim cache_claim(const char *key, long long gen);
void cache_release(const char *key);
/* Stores a copy of p under key (replacing an older one). */
void cache_put(const char *key, long long gen, long long now, const cached_page *p);
/* For `serve`'s stop line and the bench: hits, misses, bytes held, pages held. */
void cache_stats(unsigned long long *hits, unsigned long long *misses, size_t *bytes, size_t *pages);
#endif
