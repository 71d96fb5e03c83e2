/* session_store.c: the sessions table. */
#include "session_store.h"

bool session_alive(long long created_at, long long last_seen, long long now, long long idle, long long lifetime)
{
	return now - last_seen <= idle && now - created_at <= lifetime;
}

bool session_lookup(db *d, arena *a, const char *token_hash, account *acc, long long *created_at, long long *last_seen)
{
	stmt st;
	if (db_prep(d, &st,
		    "SELECT a.id, a.role, a.unit_id, a.username, a.display_name, u.name, s.last_seen, s.created_at"
		    " FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN units u ON u.id = a.unit_id"
		    " WHERE s.token_hash = ?1 AND a.disabled = 0", "t", token_hash) != 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok) {
		acc->id = col_int(&st, 0);
		acc->role = arena_strdup(a, col_text(&st, 1));
		acc->unit_id = col_int(&st, 2);
		acc->username = col_dup(&st, a, 3);
		acc->display_name = col_dup(&st, a, 4);
		acc->unit_name = col_dup(&st, a, 5);
		acc->disabled = false;
		*last_seen = col_int(&st, 6);
		*created_at = col_int(&st, 7);
	}
	stmt_done(&st);
	return ok;
}

int session_insert(db *d, const char *token_hash, long long account_id, long long now, const char *address)
{
	return db_exec(d, "INSERT INTO sessions(token_hash, account_id, created_at, last_seen, address)"
			  " VALUES (?1, ?2, ?3, ?3, ?4)", "tIIt", token_hash, account_id, now, address);
}

void session_touch(db *d, const char *token_hash, long long now)
{
	db_exec(d, "UPDATE sessions SET last_seen = ?1 WHERE token_hash = ?2", "It", now, token_hash);
}

void session_delete(db *d, const char *token_hash)
{
	db_exec(d, "DELETE FROM sessions WHERE token_hash = ?1", "t", token_hash);
}

void session_delete_account(db *d, long long account_id)
{
	db_exec(d, "DELETE FROM sessions WHERE account_id = ?1", "I", account_id);
}

void session_expire(db *d, long long seen_before, long long created_before)
{
	db_exec(d, "DELETE FROM sessions WHERE last_seen < ?1 OR created_at < ?2", "II", seen_before, created_before);
}
