/* apitoken.c: API tokens: made, listed, revoked and checked. */
#include "core/hash.h"
#include "apitoken.h"
#include "core/text.h"
#include <sodium.h>
#include <string.h>

static void token_hash(const char *token, char out[65])
{
	sha256_hex(token, strlen(token), out);
}

#define TOKEN_AUDIT "SELECT account_id, name, created_at, revoked_at FROM api_tokens WHERE id = ?1"

long long apitoken_create(db *d, arena *a, const actor *who, long long account_id, const char *name, char **secret,
			  errs *e)
{
	char *nm = str_trim(arena_strdup(a, name ? name : ""));
	if (!*nm)
		err_add(e, "name", "请填写令牌的用途，例如“区教育信息平台同步”。");
	else if (utf8_chars(nm) > 60)
		err_add(e, "name", "用途最多 60 个字。");
	if (!db_exists(d, "SELECT 1 FROM accounts WHERE id = ?1 AND disabled = 0", "I", account_id))
		err_add(e, "account", "请选择一个正常使用中的账号。");
	if (e->n)
		return 0;
	unsigned char rnd[32];
	char hex[65], h[65];
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	char *tok = arena_printf(a, APITOKEN_PREFIX "%s", hex);
	token_hash(tok, h);
	long long unit_id = db_int(d, 0, "SELECT unit_id FROM accounts WHERE id = ?1", "I", account_id);
	if (db_begin(d) < 0) {
		err_add(e, NULL, "数据库忙，请稍后重试。");
		return 0;
	}
	long long id = 0;
	if (db_exec(d, "INSERT INTO api_tokens(account_id, name, token_hash, created_by, created_at) VALUES (?1, ?2, ?3, NULLIF(?4, 0), ?5)",
		    "IttII", account_id, nm, h, who->account_id, who->now) == 0) {
		id = db_last_id(d);
		if (audit(d, who, unit_id, "create", "api_token", id, nm, NULL, row_json(d, a, TOKEN_AUDIT, id)) < 0)
			id = 0;
	}
	if (!id || db_commit(d) < 0) {
		db_rollback(d);
		err_add(e, NULL, "保存失败，请重试。");
		return 0;
	}
	*secret = tok;
	return id;
}

int apitoken_revoke(db *d, arena *a, const actor *who, long long id)
{
	if (db_begin(d) < 0)
		return -1;
	char *old = row_json(d, a, TOKEN_AUDIT, id);
	long long unit_id = db_int(d, 0, "SELECT a.unit_id FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.id = ?1",
				   "I", id);
	int rc = db_exec(d, "UPDATE api_tokens SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL", "II", who->now, id);
	if (rc == 0 && db_changes(d) != 1)
		rc = -1;
	if (rc == 0)
		rc = audit(d, who, unit_id, "revoke", "api_token", id, NULL, old, row_json(d, a, TOKEN_AUDIT, id));
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

#define TOKEN_SELECT "SELECT t.id, t.account_id, t.created_at, COALESCE(t.last_used, 0), COALESCE(t.revoked_at, 0), t.name," \
		     " a.username, a.display_name, a.role, COALESCE(c.username, '')" \
		     " FROM api_tokens t JOIN accounts a ON a.id = t.account_id LEFT JOIN accounts c ON c.id = t.created_by"

static void token_from(stmt *st, arena *a, api_token *t)
{
	t->id = col_int(st, 0);
	t->account_id = col_int(st, 1);
	t->created_at = col_int(st, 2);
	t->last_used = col_int(st, 3);
	t->revoked_at = col_int(st, 4);
	t->name = col_dup(st, a, 5);
	t->username = col_dup(st, a, 6);
	t->display_name = col_dup(st, a, 7);
	t->role = col_dup(st, a, 8);
	t->created_by = col_dup(st, a, 9);
}

bool apitoken_load(db *d, arena *a, long long id, api_token *t)
{
	stmt st;
	if (db_prep(d, &st, TOKEN_SELECT " WHERE t.id = ?1", "I", id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok)
		token_from(&st, a, t);
	stmt_done(&st);
	return ok;
}

int apitoken_list(db *d, arena *a, long long unit_id, api_token **out)
{
	int n = (int)db_int(d, 0, "SELECT count(*) FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE a.unit_id = ?1",
			    "I", unit_id);
	api_token *v = arena_alloc(a, sizeof *v * (size_t)(n + 1));
	int i = 0;
	stmt st;
	if (db_prep(d, &st, TOKEN_SELECT " WHERE a.unit_id = ?1 ORDER BY t.revoked_at IS NOT NULL, t.id DESC", "I", unit_id) == 0) {
		while (i < n && stmt_step(&st) == 1)
			token_from(&st, a, &v[i++]);
		stmt_done(&st);
	}
	*out = v;
	return i;
}

long long apitoken_account(db *d, const char *token, long long now, long long *touch)
{
	*touch = 0;
	size_t plen = strlen(APITOKEN_PREFIX);
	if (!token || strlen(token) != plen + 64 || strncmp(token, APITOKEN_PREFIX, plen))
		return 0;
	for (const char *p = token + plen; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	char h[65];
	token_hash(token, h);
	stmt st;
	if (db_prep(d, &st, "SELECT t.id, t.account_id, COALESCE(t.last_used, 0) FROM api_tokens t"
			    " JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND a.disabled = 0",
		    "t", h) < 0)
		return 0;
	long long id = 0, account = 0, last = 0;
	if (stmt_step(&st) == 1) {
		id = col_int(&st, 0);
		account = col_int(&st, 1);
		last = col_int(&st, 2);
	}
	stmt_done(&st);
	/* last use to the minute: one write a minute per token, not one per request */
	if (account && now - last >= 60)
		*touch = id;
	return account;
}

void apitoken_touch(db *d, long long id, long long now)
{
	db_exec(d, "UPDATE api_tokens SET last_used = ?1 WHERE id = ?2", "II", now, id);
}

long long unit_by_code_or_id(db *d, const char *s)
{
	long long id;
	if (!s || !*s)
		return 0;
	if (parse_int64(s, 1, 1LL << 53, &id))
		return db_int(d, 0, "SELECT id FROM units WHERE id = ?1", "I", id);
	return db_int(d, 0, "SELECT id FROM units WHERE code = ?1", "t", s);
}
