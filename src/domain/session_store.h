/* session_store.h: the sessions table. A session is known by the SHA-256 of
 * its token (64 hex digits); the cookie, the token and CSRF stay in web/session.c. */
#ifndef LW_SESSION_STORE_H
#define LW_SESSION_STORE_H
#include "org.h"

/* The enabled account a session belongs to (id, role, unit_id, username,
 * display_name, unit_name), when the session began and when it was last
 * seen; false if there is no such session or its account is disabled. */
bool session_lookup(db *d, arena *a, const char *token_hash, account *acc, long long *created_at, long long *last_seen);
/* Whether a session is still good at now: seen within idle seconds, and
 * begun within lifetime seconds however busy it has been since. */
bool session_alive(long long created_at, long long last_seen, long long now, long long idle, long long lifetime);
int session_insert(db *d, const char *token_hash, long long account_id, long long now, const char *address);
void session_touch(db *d, const char *token_hash, long long now);   /* last_seen = now */
void session_delete(db *d, const char *token_hash);
void session_delete_account(db *d, long long account_id);          /* every session of the account */
void session_expire(db *d, long long seen_before, long long created_before); /* idle or too old */
#endif
