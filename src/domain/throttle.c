/* throttle.c: fixed-window counters in the database (so every server thread
 * and a restart see the same counts). Written by hand: a handful of upserts,
 * and no Debian package keeps shared counters in SQLite. Keys are stored as a
 * keyed BLAKE2b hash (libsodium) of scope and key: the table holds no address
 * or phone number. */
#include "throttle.h"
#include <sodium.h>
#include <string.h>

static void key_hash(db *d, arena *a, const limit *l, char out[33])
{
	unsigned char secret[crypto_generichash_KEYBYTES];
	char *sec = setting_get(d, a, "secret");
	crypto_generichash(secret, sizeof secret, (const unsigned char *)(sec ? sec : ""), sec ? strlen(sec) : 0, NULL, 0);
	unsigned char h[16];
	crypto_generichash_state st;
	crypto_generichash_init(&st, secret, sizeof secret, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)l->scope, strlen(l->scope) + 1);
	crypto_generichash_update(&st, (const unsigned char *)(l->key ? l->key : ""), l->key ? strlen(l->key) : 0);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, 33, h, sizeof h);
}

static long long window_of(const limit *l, long long now)
{
	return now - now % l->window;
}

/* hits in l's current window after adding add (0: just read) */
static long long hit(db *d, const limit *l, long long now, int add)
{
	arena a = {0};
	char k[33];
	key_hash(d, &a, l, k);
	long long w = window_of(l, now), n;
	if (add)
		db_exec(d, "INSERT INTO throttle_counts(scope, key, window_start, hits) VALUES (?1, ?2, ?3, ?4)"
			   " ON CONFLICT(scope, key) DO UPDATE SET hits = CASE WHEN window_start = excluded.window_start"
			   " THEN hits + excluded.hits ELSE excluded.hits END, window_start = excluded.window_start",
			"ttII", l->scope, k, w, (long long)add);
	n = db_int(d, 0, "SELECT hits FROM throttle_counts WHERE scope = ?1 AND key = ?2 AND window_start = ?3", "ttI", l->scope,
		   k, w);
	arena_free(&a);
	return n;
}

static void refusal_add(db *d, long long activity_id, const char *kind, long long now)
{
	db_exec(d, "INSERT INTO activity_refusals(activity_id, kind, refused, last_at) VALUES (?1, ?2, 1, ?3)"
		   " ON CONFLICT(activity_id, kind) DO UPDATE SET refused = refused + 1, last_at = excluded.last_at",
		"ItI", activity_id, kind, now);
}

bool throttle_allow(db *d, long long activity_id, const char *kind, const limit *l, int n, long long now, long long *retry_after)
{
	*retry_after = 0;
	if (db_begin(d) < 0)
		return true;
	/* windows a day old are no use to anyone */
	db_exec(d, "DELETE FROM throttle_counts WHERE window_start < ?1", "I", now - 86400 * 2);
	bool ok = true;
	for (int i = 0; i < n; i++)
		if (hit(d, &l[i], now, 1) > l[i].max) {
			ok = false;
			long long left = window_of(&l[i], now) + l[i].window - now;
			if (left > *retry_after)
				*retry_after = left;
		}
	if (!ok)
		refusal_add(d, activity_id, kind, now);
	if (db_commit(d) < 0) {
		db_rollback(d);
		return true;
	}
	return ok;
}

bool throttle_spent(db *d, const limit *l, long long now, long long *retry_after)
{
	bool spent = hit(d, l, now, 0) >= l->max;
	*retry_after = spent ? window_of(l, now) + l->window - now : 0;
	return spent;
}

void throttle_note(db *d, const limit *l, long long now)
{
	if (db_begin(d) < 0)
		return;
	hit(d, l, now, 1);
	if (db_commit(d) < 0)
		db_rollback(d);
}

void refusal_count(db *d, long long activity_id, const char *kind, long long now)
{
	if (db_begin(d) < 0)
		return;
	refusal_add(d, activity_id, kind, now);
	if (db_commit(d) < 0)
		db_rollback(d);
}

refusals activity_refusals(db *d, long long activity_id)
{
	refusals r = {0};
	stmt st;
	if (db_prep(d, &st, "SELECT kind, refused FROM activity_refusals WHERE activity_id = ?1", "I", activity_id) < 0)
		return r;
	while (stmt_step(&st) == 1) {
		const char *k = col_text(&st, 0);
		long long n = col_int(&st, 1);
		if (!strcmp(k, "signup"))
			r.signup = n;
		else if (!strcmp(k, "checkin"))
			r.checkin = n;
		else if (!strcmp(k, "checkin_guess"))
			r.checkin_guess = n;
		else if (!strcmp(k, "rating"))
			r.rating = n;
	}
	stmt_done(&st);
	return r;
}
