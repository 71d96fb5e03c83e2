/* test_cache.c: the render cache of public pages (src/web/cache.c, serve's
 * --cache-mb): least recently used out first, the bytes held within the
 * limit, a page too big for it not kept, a hit refreshing recency, and a
 * generation bumped since the render making the page a miss. Criterion runs
 * each test in its own process, so each starts with an empty cache. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "core/buf.h"
#include "domain/domain.h"
#include "web/cache.h"

#define LIMIT (64 * 1024)
#define NOW 1000

/* A page of n bytes that gzip makes smaller (so both forms are held), its
 * bytes telling which page it is. */
static void page(cached_page *p, const char *tag, size_t n)
{
	buf b = BUF_INIT;
	while (b.len < n)
		buf_printf(&b, "<p>%s 第%zu段</p>\n", tag, b.len);
	cr_assert_eq(cached_page_make(p, "text/html; charset=utf-8", b.p, n), 0);
	cr_assert_not_null(p->gz, "a repetitive page of %zu bytes compresses", n);
	buf_free(&b);
}

static const cache_dep site_dep = {GEN_SITE, 0, 7};

static void put(const char *key, size_t n)
{
	cached_page p;
	page(&p, key, n);
	cache_put(key, &site_dep, 1, NOW, &p);
	cached_page_free(&p);
}

/* whether key is answered from the cache at the generations it was stored with */
static bool hit(const char *key)
{
	cached_page meta;
	bool gz;
	buf body = BUF_INIT;
	bool ok = cache_get(key, &site_dep, 1, NOW, 30, false, &meta, &gz, &body);
	if (ok)
		cr_assert(strstr(buf_cstr(&body), key) != NULL, "%s answers its own page", key);
	buf_free(&body);
	return ok;
}

static size_t bytes_held(void)
{
	unsigned long long hits, misses;
	size_t bytes, pages;
	cache_stats(&hits, &misses, &bytes, &pages);
	return bytes;
}

/* what one page of n bytes costs against the limit: its body and its gzip
 * form at least */
static size_t page_cost(size_t n)
{
	cached_page p;
	page(&p, "cost", n);
	size_t c = p.len + p.gzlen;
	cached_page_free(&p);
	return c;
}

Test(cache, stored_page_comes_back_with_its_etag_and_gzip_form)
{
	cache_init(LIMIT);
	cached_page p;
	page(&p, "/a/1", 4000);
	cache_put("/a/1", &site_dep, 1, NOW, &p);
	cached_page meta;
	bool gz;
	buf body = BUF_INIT;
	cr_assert(cache_get("/a/1", &site_dep, 1, NOW, 30, false, &meta, &gz, &body));
	cr_assert_not(gz);
	cr_assert_eq(body.len, p.len);
	cr_assert_eq(memcmp(body.p, p.body, p.len), 0);
	cr_assert_str_eq(meta.etag, p.etag);
	buf_reset(&body);
	cr_assert(cache_get("/a/1", &site_dep, 1, NOW, 30, true, &meta, &gz, &body));
	cr_assert(gz, "a client that accepts gzip gets the gzip form");
	cr_assert_eq(body.len, p.gzlen);
	cr_assert_eq(memcmp(body.p, p.gz, p.gzlen), 0);
	buf_free(&body);
	cached_page_free(&p);
}

Test(cache, least_recently_used_goes_first_and_bytes_stay_within_the_limit)
{
	cache_init(LIMIT);
	size_t n = 8000, fit = LIMIT / page_cost(n);
	cr_assert_gt(fit, 3);
	char key[32];
	/* twice as many pages as fit: the oldest go, never more than the limit held */
	for (size_t i = 0; i < 2 * fit; i++) {
		snprintf(key, sizeof key, "/a/%zu", i);
		put(key, n);
		cr_assert_leq(bytes_held(), LIMIT, "after page %zu: %zu bytes held, limit %d", i, bytes_held(), LIMIT);
	}
	cr_assert_not(hit("/a/0"), "the least recently used page was evicted");
	snprintf(key, sizeof key, "/a/%zu", 2 * fit - 1);
	cr_assert(hit(key), "the newest page is kept");
	cache_misses why;
	cache_why(&why);
	cr_assert_geq(why.evicted, fit, "evictions are counted");
	unsigned long long hits, misses;
	size_t bytes, pages;
	cache_stats(&hits, &misses, &bytes, &pages);
	cr_assert_geq(pages, fit / 2, "the cache still holds pages: %zu", pages);
	cr_assert_geq(bytes, pages * page_cost(n), "body and gzip counted for each page held");
}

Test(cache, a_hit_refreshes_recency)
{
	cache_init(LIMIT);
	size_t n = 8000, fit = LIMIT / page_cost(n);
	char key[32];
	for (size_t i = 0; i < fit - 1; i++) {
		snprintf(key, sizeof key, "/a/%zu", i);
		put(key, n);
	}
	cr_assert(hit("/a/0"), "all fit so far");
	/* /a/0 is now the most recently used: the next pages push out /a/1 first */
	for (size_t i = fit - 1; i < fit + 1; i++) {
		snprintf(key, sizeof key, "/a/%zu", i);
		put(key, n);
	}
	cr_assert_not(hit("/a/1"), "the page not asked for again went first");
	cr_assert(hit("/a/0"), "the page just asked for stayed");
}

Test(cache, a_page_too_big_for_the_limit_is_not_kept)
{
	cache_init(LIMIT);
	put("/small", 4000);
	cr_assert(hit("/small"));
	put("/big", 3 * LIMIT);
	cr_assert_not(hit("/big"), "a page over the limit is not kept");
	cr_assert(hit("/small"), "nor does it push the others out");
	cr_assert_leq(bytes_held(), LIMIT);
	/* nor one that would take more than a quarter of it */
	cr_assert_gt(page_cost(LIMIT / 2), cache_page_limit());
	put("/half", LIMIT / 2);
	cr_assert_not(hit("/half"));
}

Test(cache, no_limit_keeps_nothing)
{
	cache_init(0);
	put("/", 4000);
	cr_assert_not(hit("/"));
	cr_assert_eq(bytes_held(), 0);
}

Test(cache, a_bumped_generation_makes_the_page_a_miss)
{
	cache_init(LIMIT);
	cache_dep deps[2] = {{GEN_SITE, 0, 7}, {GEN_ACTIVITY, 42, 3}};
	cached_page p;
	page(&p, "/a/42", 4000);
	cache_put("/a/42", deps, 2, NOW, &p);
	cached_page_free(&p);
	cache_dep seen[CACHE_MAX_DEPS];
	cr_assert_eq(cache_deps("/a/42", seen, CACHE_MAX_DEPS), 2, "the page's generations are read back");
	cr_assert_eq(seen[1].kind, GEN_ACTIVITY);
	cr_assert_eq(seen[1].id, 42);
	cached_page meta;
	bool gz;
	buf body = BUF_INIT;
	cr_assert(cache_get("/a/42", deps, 2, NOW, 30, false, &meta, &gz, &body), "current generations: a hit");
	/* the activity was saved: its generation moved on */
	deps[1].gen = 4;
	buf_reset(&body);
	cr_assert_not(cache_get("/a/42", deps, 2, NOW, 30, false, &meta, &gz, &body), "stale page: a miss");
	cr_assert_eq(body.len, 0, "nothing of the stale page is answered");
	cache_misses why;
	cache_why(&why);
	cr_assert_eq(why.changed[GEN_ACTIVITY], 1, "counted as changed by the activity");
	/* and it is gone, not kept for the old generation */
	deps[1].gen = 3;
	cr_assert_not(cache_get("/a/42", deps, 2, NOW, 30, false, &meta, &gz, &body));
	cr_assert_eq(bytes_held(), 0);
	buf_free(&body);
}

Test(cache, a_page_older_than_its_max_age_is_a_miss)
{
	cache_init(LIMIT);
	put("/resources", 4000);
	cached_page meta;
	bool gz;
	buf body = BUF_INIT;
	cr_assert(cache_get("/resources", &site_dep, 1, NOW + 30, 30, false, &meta, &gz, &body));
	cr_assert_not(cache_get("/resources", &site_dep, 1, NOW + 31, 30, false, &meta, &gz, &body));
	cache_misses why;
	cache_why(&why);
	cr_assert_eq(why.expired, 1);
	buf_free(&body);
}
