/* cache.c: the render cache (see cache.h). A hash table of entries on a
 * doubly linked list in order of use; the tail goes first when the bytes held
 * pass the limit. Written here rather than taken from a library: Debian 12
 * has no small C LRU cache library, and this is a hash table and a list. */
#include "cache.h"
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct entry {
	struct entry *hnext;          /* hash chain */
	struct entry *prev, *next;    /* use order: head most recent */
	char *key;
	unsigned long hash;
	long long at;
	cache_dep deps[CACHE_MAX_DEPS];
	int ndeps;
	cached_page p;
	size_t bytes;
} entry;

#define NBUCKETS 16384
#define CLAIM_WAIT_SECONDS 5

typedef struct flight {
	struct flight *next;
	char *key;
	long long version;
} flight;

static struct {
	pthread_mutex_t mu;
	entry *buckets[NBUCKETS];
	entry *head, *tail;
	size_t bytes, max, pages;
	unsigned long long hits, misses;
	cache_misses why;         /* the misses by reason */
	flight *flights;          /* pages being rendered now */
	pthread_cond_t done;      /* one of them was */
} c = {.mu = PTHREAD_MUTEX_INITIALIZER, .done = PTHREAD_COND_INITIALIZER};

static unsigned long hash_key(const char *s)
{
	unsigned long h = 1469598103934665603UL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211UL;
	return h;
}

/* gzip (not zlib or raw deflate) framing: windowBits 15 + 16 */
static int gzip(const char *in, size_t n, char **out, size_t *outlen)
{
	z_stream z = {0};
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	size_t cap = deflateBound(&z, (uLong)n);
	char *o = malloc(cap);
	if (!o) {
		deflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)o;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	*outlen = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(o);
		return -1;
	}
	*out = o;
	return 0;
}

int cached_page_make(cached_page *p, const char *content_type, const char *body, size_t len)
{
	memset(p, 0, sizeof *p);
	p->content_type = content_type;
	p->body = malloc(len ? len : 1);
	if (!p->body)
		return -1;
	if (len)
		memcpy(p->body, body, len);
	p->len = len;
	if (len > 256 && gzip(body, len, &p->gz, &p->gzlen) == 0 && p->gzlen >= len) {
		free(p->gz);
		p->gz = NULL;
		p->gzlen = 0;
	}
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)body, len, NULL, 0);
	p->etag[0] = '"';
	sodium_bin2hex(p->etag + 1, sizeof p->etag - 1, h, sizeof h);
	strcat(p->etag, "\"");
	return 0;
}

void cached_page_free(cached_page *p)
{
	free(p->body);
	free(p->gz);
	memset(p, 0, sizeof *p);
}

void cache_init(size_t max_bytes)
{
	pthread_mutex_lock(&c.mu);
	c.max = max_bytes;
	pthread_mutex_unlock(&c.mu);
}

static entry **slot(const char *key, unsigned long h)
{
	entry **e = &c.buckets[h % NBUCKETS];
	while (*e && ((*e)->hash != h || strcmp((*e)->key, key)))
		e = &(*e)->hnext;
	return e;
}

static void unlink_use(entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		c.head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		c.tail = e->prev;
	e->prev = e->next = NULL;
}

static void push_front(entry *e)
{
	e->next = c.head;
	e->prev = NULL;
	if (c.head)
		c.head->prev = e;
	c.head = e;
	if (!c.tail)
		c.tail = e;
}

static void drop(entry *e)
{
	entry **s = slot(e->key, e->hash);
	*s = e->hnext;
	unlink_use(e);
	c.bytes -= e->bytes;
	c.pages--;
	free(e->key);
	cached_page_free(&e->p);
	free(e);
}

static bool dup_bytes(char **dst, const char *src, size_t n)
{
	*dst = malloc(n ? n : 1);
	if (*dst && n)
		memcpy(*dst, src, n);
	return *dst != NULL;
}

int cache_deps(const char *key, cache_dep *out, int max)
{
	unsigned long h = hash_key(key);
	int n = -1;
	pthread_mutex_lock(&c.mu);
	entry *e = *slot(key, h);
	if (e && e->ndeps <= max) {
		n = e->ndeps;
		memcpy(out, e->deps, sizeof *out * (size_t)n);
	} else {
		c.misses++;
		c.why.absent++;
	}
	pthread_mutex_unlock(&c.mu);
	return n;
}

/* -1 when the entry depends on exactly deps; else the kind of the first
 * generation that differs (CACHE_KINDS - 1 when the lists differ) */
static int changed_kind(const entry *e, const cache_dep *deps, int n)
{
	if (e->ndeps != n)
		return CACHE_KINDS - 1;
	for (int i = 0; i < n; i++)
		if (e->deps[i].kind != deps[i].kind || e->deps[i].id != deps[i].id || e->deps[i].gen != deps[i].gen)
			return deps[i].kind >= 0 && deps[i].kind < CACHE_KINDS ? deps[i].kind : CACHE_KINDS - 1;
	return -1;
}

bool cache_get(const char *key, const cache_dep *deps, int ndeps, long long now, long long max_age, bool want_gz,
	       cached_page *out, bool *gz, buf *body)
{
	memset(out, 0, sizeof *out);
	*gz = false;
	unsigned long h = hash_key(key);
	bool ok = false;
	pthread_mutex_lock(&c.mu);
	entry *e = *slot(key, h);
	int kind = e ? changed_kind(e, deps, ndeps) : -1;
	if (!e)
		c.why.absent++;
	else if (kind >= 0)
		c.why.changed[kind]++;
	else if (now - e->at > max_age || now < e->at)
		c.why.expired++;
	if (e && (kind >= 0 || now - e->at > max_age || now < e->at)) {
		drop(e);
		e = NULL;
	}
	if (e) {
		unlink_use(e);
		push_front(e);
		out->content_type = e->p.content_type;
		memcpy(out->etag, e->p.etag, sizeof out->etag);
		*gz = want_gz && e->p.gz;
		if (*gz)
			buf_append(body, e->p.gz, e->p.gzlen);
		else
			buf_append(body, e->p.body, e->p.len);
		ok = true;
	}
	if (ok)
		c.hits++;
	else
		c.misses++;
	pthread_mutex_unlock(&c.mu);
	return ok;
}

static flight **find_flight(const char *key)
{
	flight **f = &c.flights;
	while (*f && strcmp((*f)->key, key))
		f = &(*f)->next;
	return f;
}

claim cache_claim(const char *key, long long version)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += CLAIM_WAIT_SECONDS;
	claim result = CLAIM_ALONE;
	pthread_mutex_lock(&c.mu);
	for (;;) {
		flight *f = *find_flight(key);
		if (!f) {
			f = calloc(1, sizeof *f);
			if (f && (f->key = strdup(key))) {
				f->version = version;
				f->next = c.flights;
				c.flights = f;
				result = CLAIM_OWNER;
			} else {
				free(f);
			}
			break;
		}
		if (f->version != version)
			break;
		if (pthread_cond_timedwait(&c.done, &c.mu, &until) == ETIMEDOUT)
			break;
		if (!*find_flight(key)) {
			result = CLAIM_RETRY;
			break;
		}
	}
	pthread_mutex_unlock(&c.mu);
	return result;
}

void cache_release(const char *key)
{
	pthread_mutex_lock(&c.mu);
	flight **s = find_flight(key), *f = *s;
	if (f) {
		*s = f->next;
		free(f->key);
		free(f);
	}
	pthread_cond_broadcast(&c.done);
	pthread_mutex_unlock(&c.mu);
}

size_t cache_page_limit(void)
{
	pthread_mutex_lock(&c.mu);
	size_t n = c.max / 4;
	pthread_mutex_unlock(&c.mu);
	return n;
}

void cache_put(const char *key, const cache_dep *deps, int ndeps, long long now, const cached_page *p)
{
	if (ndeps < 0 || ndeps > CACHE_MAX_DEPS)
		return;
	size_t keylen = strlen(key);
	size_t bytes = sizeof(entry) + keylen + 1 + p->len + p->gzlen;
	if (bytes > cache_page_limit()) /* one page never takes more than a quarter */
		return;
	entry *e = calloc(1, sizeof *e);
	if (!e)
		return;
	e->key = malloc(keylen + 1);
	bool ok = e->key && dup_bytes(&e->p.body, p->body, p->len) && (!p->gz || dup_bytes(&e->p.gz, p->gz, p->gzlen));
	if (!ok) {
		free(e->key);
		cached_page_free(&e->p);
		free(e);
		return;
	}
	memcpy(e->key, key, keylen + 1);
	e->hash = hash_key(key);
	memcpy(e->deps, deps, sizeof *deps * (size_t)ndeps);
	e->ndeps = ndeps;
	e->at = now;
	e->p.content_type = p->content_type;
	e->p.len = p->len;
	e->p.gzlen = p->gz ? p->gzlen : 0;
	memcpy(e->p.etag, p->etag, sizeof e->p.etag);
	e->bytes = bytes;
	pthread_mutex_lock(&c.mu);
	entry *old = *slot(key, e->hash);
	if (old)
		drop(old);
	entry **s = slot(key, e->hash);
	*s = e;
	push_front(e);
	c.bytes += bytes;
	c.pages++;
	while (c.bytes > c.max && c.tail) {
		drop(c.tail);
		c.why.evicted++;
	}
	pthread_mutex_unlock(&c.mu);
}

void cache_why(cache_misses *out)
{
	pthread_mutex_lock(&c.mu);
	*out = c.why;
	pthread_mutex_unlock(&c.mu);
}

void cache_stats(unsigned long long *hits, unsigned long long *misses, size_t *bytes, size_t *pages)
{
	pthread_mutex_lock(&c.mu);
	*hits = c.hits;
	*misses = c.misses;
	*bytes = c.bytes;
	*pages = c.pages;
	pthread_mutex_unlock(&c.mu);
}
