/* account.c: staff accounts, password hashing (argon2id via libsodium) and
 * login throttling. */
#include "org.h"
#include "core/log.h"
#include "core/text.h"
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define ACC_SELECT "SELECT a.id, a.unit_id, a.username, a.display_name, a.role, u.name, a.disabled" \
		   " FROM accounts a JOIN units u ON u.id = a.unit_id"
#define ACC_AUDIT "SELECT id, username, display_name, role, unit_id, disabled FROM accounts WHERE id = ?1"

static void acc_from(stmt *st, arena *a, account *acc)
{
	acc->id = col_int(st, 0);
	acc->unit_id = col_int(st, 1);
	acc->username = col_dup(st, a, 2);
	acc->display_name = col_dup(st, a, 3);
	acc->role = col_dup(st, a, 4);
	acc->unit_name = col_dup(st, a, 5);
	acc->disabled = col_int(st, 6) != 0;
}

bool account_load(db *d, arena *a, long long id, account *acc)
{
	stmt st;
	if (db_prep(d, &st, ACC_SELECT " WHERE a.id = ?1", "I", id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok)
		acc_from(&st, a, acc);
	stmt_done(&st);
	return ok;
}

int account_list_in(db *d, arena *a, long long top, long long unit_id, account **out)
{
#define ACC_DOWN "WITH RECURSIVE down(id) AS (SELECT id FROM units WHERE id = ?1" \
		 " UNION ALL SELECT u.id FROM units u JOIN down ON u.parent_id = down.id) "
	int n = (int)db_int(d, 0, ACC_DOWN "SELECT count(*) FROM accounts WHERE unit_id IN (SELECT id FROM down) AND (?2 = 0 OR unit_id = ?2)",
			    "II", top, unit_id);
	account *v = arena_alloc(a, sizeof *v * (size_t)(n + 1));
	stmt st;
	int i = 0;
	if (db_prep(d, &st, ACC_DOWN ACC_SELECT " WHERE a.unit_id IN (SELECT id FROM down) AND (?2 = 0 OR a.unit_id = ?2)"
			    " ORDER BY u.parent_id IS NOT NULL, u.sort_order, a.username", "II", top, unit_id) == 0) {
		while (i < n && stmt_step(&st) == 1)
			acc_from(&st, a, &v[i++]);
		stmt_done(&st);
	}
	*out = v;
	return i;
#undef ACC_DOWN
}

int account_list(db *d, arena *a, long long unit_id, account **out)
{
	return account_list_in(d, a, unit_root(d), unit_id, out);
}

long long account_count_in(db *d, long long unit_id)
{
	return db_int(d, 0, "SELECT count(*) FROM accounts WHERE unit_id = ?1", "I", unit_id);
}

long long account_by_username(db *d, const char *username)
{
	return db_int(d, 0, "SELECT id FROM accounts WHERE username = ?1", "t", username);
}

bool password_acceptable(const char *pw, const char **why)
{
	if (!pw || utf8_chars(pw) < 8) {
		*why = "密码至少 8 位。";
		return false;
	}
	if (strlen(pw) > 128) {
		*why = "密码最多 128 个字符。";
		return false;
	}
	return true;
}

int password_hash(const char *pw, char out[128])
{
	/* LEARNWEEK_FAST_HASH lowers the cost for the test suite only; the hash
	 * string records its own parameters, so verification is unchanged. */
	bool fast = getenv("LEARNWEEK_FAST_HASH") != NULL;
	return crypto_pwhash_str(out, pw, strlen(pw),
				 fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

static bool username_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 3 || n > 32)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
			return false;
	return true;
}

/* Centre (organiser) roles live at a node with nodes below it (or the top),
 * unit roles at a unit below the top (a city is a unit of its province). */
static void check_role_unit(db *d, account *acc, errs *e)
{
	bool centre_role = acc->role && (!strcmp(acc->role, "centre_admin") || !strcmp(acc->role, "centre_viewer"));
	bool unit_role = acc->role && (!strcmp(acc->role, "unit_admin") || !strcmp(acc->role, "unit_editor"));
	if (!centre_role && !unit_role) {
		err_add(e, "role", "角色只能是 centre_admin（中心管理员）、centre_viewer（中心查看员）、unit_admin（单位管理员）或 unit_editor（单位填报员）。");
		return;
	}
	long long parent = db_int(d, -1, "SELECT COALESCE(parent_id, 0) FROM units WHERE id = ?1", "I", acc->unit_id);
	if (parent < 0)
		err_add(e, "unit_id", "请选择账号所属的单位。");
	else if (centre_role && !unit_is_organiser(d, acc->unit_id))
		err_add(e, "role", "中心管理员和中心查看员只能属于市中心这样有下级单位的一级，不能属于没有下级的区县单位。");
	else if (unit_role && parent == 0)
		err_add(e, "role", "单位管理员和单位填报员必须属于某个区县单位。");
}

long long account_create(db *d, arena *a, const actor *who, account *acc, const char *password, errs *e)
{
	const char *why;
	acc->username = str_trim(acc->username ? acc->username : arena_strdup(a, ""));
	acc->display_name = str_trim(acc->display_name ? acc->display_name : arena_strdup(a, ""));
	if (!username_ok(acc->username))
		err_add(e, "username", "用户名应为 3 到 32 个小写字母、数字、_ - 或 .，例如 donghu_admin。");
	else if (db_exists(d, "SELECT 1 FROM accounts WHERE username = ?1", "t", acc->username))
		err_add(e, "username", arena_printf(a, "用户名「%s」已被使用。", acc->username));
	if (utf8_chars(acc->display_name) > 40)
		err_add(e, "display_name", "姓名最多 40 个字。");
	check_role_unit(d, acc, e);
	if (!password_acceptable(password, &why))
		err_add(e, "password", why);
	if (e->n)
		return 0;
	char hash[128];
	if (password_hash(password, hash) != 0) {
		err_add(e, NULL, "服务器内存不足，无法保存密码，请稍后重试。");
		return 0;
	}
	if (db_begin(d) < 0) {
		err_add(e, NULL, "数据库忙，请稍后重试。");
		return 0;
	}
	int rc = db_exec(d, "INSERT INTO accounts(username, display_name, role, unit_id, password_hash, created_at, updated_at)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
			 "tttItI", acc->username, acc->display_name, acc->role, acc->unit_id, hash, who->now);
	if (rc == 0) {
		acc->id = db_last_id(d);
		rc = audit(d, who, acc->unit_id, "create", "account", acc->id, acc->username, NULL,
			   row_json(d, a, ACC_AUDIT, acc->id));
	}
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		err_add(e, "username", "保存失败（用户名可能刚被他人使用），请重试。");
		return 0;
	}
	return acc->id;
}

int account_update(db *d, arena *a, const actor *who, account *acc, errs *e)
{
	acc->display_name = str_trim(acc->display_name ? acc->display_name : arena_strdup(a, ""));
	if (utf8_chars(acc->display_name) > 40)
		err_add(e, "display_name", "姓名最多 40 个字。");
	check_role_unit(d, acc, e);
	if (e->n)
		return -1;
	if (db_begin(d) < 0) {
		err_add(e, NULL, "数据库忙，请稍后重试。");
		return -1;
	}
	char *old = row_json(d, a, ACC_AUDIT, acc->id);
	bool role_changed = !db_exists(d, "SELECT 1 FROM accounts WHERE id = ?1 AND role = ?2", "It", acc->id, acc->role);
	int rc = db_exec(d, "UPDATE accounts SET display_name = ?1, role = ?2, updated_at = ?3 WHERE id = ?4",
			 "ttII", acc->display_name, acc->role, who->now, acc->id);
	if (rc == 0)
		rc = audit(d, who, acc->unit_id, "update", "account", acc->id, acc->username, old,
			   row_json(d, a, ACC_AUDIT, acc->id));
	/* a changed role takes effect at once: the account signs in again */
	if (rc == 0 && role_changed)
		rc = db_exec(d, "DELETE FROM sessions WHERE account_id = ?1", "I", acc->id);
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		err_add(e, NULL, "保存失败，请重试。");
		return -1;
	}
	return 0;
}

/* Ends every session of the account and revokes every API token of it, so
 * that nothing signed in with the old password (or before a disable)
 * outlives it: a token made before stays revoked after an enable. */
static int revoke_credentials(db *d, long long id, long long now)
{
	int rc = db_exec(d, "DELETE FROM sessions WHERE account_id = ?1", "I", id);
	if (rc == 0)
		rc = db_exec(d, "UPDATE api_tokens SET revoked_at = ?1 WHERE account_id = ?2 AND revoked_at IS NULL", "II", now, id);
	return rc;
}

int account_set_password(db *d, arena *a, const actor *who, long long id, const char *password, errs *e)
{
	const char *why;
	if (!password_acceptable(password, &why)) {
		err_add(e, "password", why);
		return -1;
	}
	char hash[128];
	if (password_hash(password, hash) != 0) {
		err_add(e, NULL, "服务器内存不足，无法保存密码，请稍后重试。");
		return -1;
	}
	if (db_begin(d) < 0)
		return -1;
	long long unit_id = db_int(d, 0, "SELECT unit_id FROM accounts WHERE id = ?1", "I", id);
	int rc = db_exec(d, "UPDATE accounts SET password_hash = ?1, updated_at = ?2 WHERE id = ?3", "tII", hash, who->now, id);
	if (rc == 0 && db_changes(d) != 1)
		rc = -1;
	/* a new password ends every session and API token of the account, so a
	 * stolen session or token dies with the old password */
	if (rc == 0)
		rc = revoke_credentials(d, id, who->now);
	if (rc == 0)
		rc = audit(d, who, unit_id, "password", "account", id, "密码已更改", NULL, NULL);
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		err_add(e, NULL, "保存失败，请重试。");
		return -1;
	}
	(void)a;
	return 0;
}

int account_set_disabled(db *d, arena *a, const actor *who, long long id, bool disabled)
{
	if (db_begin(d) < 0)
		return -1;
	char *old = row_json(d, a, ACC_AUDIT, id);
	long long unit_id = db_int(d, 0, "SELECT unit_id FROM accounts WHERE id = ?1", "I", id);
	int rc = old ? db_exec(d, "UPDATE accounts SET disabled = ?1, updated_at = ?2 WHERE id = ?3", "iII",
			       disabled ? 1 : 0, who->now, id) : -1;
	if (rc == 0 && disabled)
		rc = revoke_credentials(d, id, who->now);
	if (rc == 0)
		rc = audit(d, who, unit_id, disabled ? "disable" : "enable", "account", id, NULL, old, row_json(d, a, ACC_AUDIT, id));
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

/* ---- login throttling ----
 * Failures are counted under two keys: the account from one address
 * ('ua:' address and username) and the address alone ('a:'). After 5
 * failures for an account from one address, or 20 from one address whatever
 * the names, each further attempt under that key must wait 30 s, doubling
 * per failure, at most an hour. No key is the account alone: five wrong
 * passwords from five addresses must not lock the real user out, and one
 * address typing junk names must not lock every account (a shared office
 * address keeps a wider budget than one person's). Failures older than a day
 * are forgotten. The wait is a refusal, not a sleep: a sleeping thread would
 * let an attacker tie up the server. */
#define FREE_FAILURES_ACCOUNT 5
#define FREE_FAILURES_ADDRESS 20

static long long wait_for(db *d, const char *key, int free_failures, long long now)
{
	stmt st;
	long long wait = 0;
	if (db_prep(d, &st, "SELECT failures, last_failure FROM login_failures WHERE key = ?1", "t", key) < 0)
		return 0;
	if (stmt_step(&st) == 1) {
		long long f = col_int(&st, 0), last = col_int(&st, 1);
		if (f >= free_failures && now - last < 86400) {
			long long delay = 30LL << (f - free_failures > 7 ? 7 : f - free_failures);
			if (delay > 3600)
				delay = 3600;
			if (last + delay > now)
				wait = last + delay - now;
		}
	}
	stmt_done(&st);
	return wait;
}

static void note_failure(db *d, const char *key, long long now)
{
	db_exec(d, "INSERT INTO login_failures(key, failures, last_failure) VALUES (?1, 1, ?2)"
		   " ON CONFLICT(key) DO UPDATE SET failures = CASE WHEN ?2 - last_failure >= 86400 THEN 1"
		   " ELSE failures + 1 END, last_failure = ?2", "tI", key, now);
}

/* An argon2id hash of a password nobody knows, made once with the cost of
 * real hashes: an unknown or disabled username is verified against it, so
 * its answer takes as long as a wrong password for a real account and the
 * time does not tell which usernames exist. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static void make_dummy_hash(void)
{
	unsigned char rnd[32];
	char pw[65];
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(pw, sizeof pw, rnd, sizeof rnd);
	if (password_hash(pw, dummy_hash) != 0)
		dummy_hash[0] = 0;
}

static int (*verify_hook)(const char *hash, const char *pw, unsigned long long len) = crypto_pwhash_str_verify;

void account_set_verifier(int (*verify)(const char *hash, const char *pw, unsigned long long len))
{
	verify_hook = verify ? verify : crypto_pwhash_str_verify;
}

long long login_attempt(db *d, const char *username, const char *password, const char *address,
			long long now, long long *wait)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, make_dummy_hash);
	char ukey[200], akey[80];
	snprintf(ukey, sizeof ukey, "ua:%.70s %.100s", address ? address : "", username ? username : "");
	snprintf(akey, sizeof akey, "a:%.70s", address ? address : "");
	long long w1 = wait_for(d, ukey, FREE_FAILURES_ACCOUNT, now), w2 = wait_for(d, akey, FREE_FAILURES_ADDRESS, now);
	*wait = w1 > w2 ? w1 : w2;
	if (*wait > 0)
		return -1;
	long long id = 0, found = 0;
	char hash[crypto_pwhash_STRBYTES] = "";
	stmt st;
	if (username && db_prep(d, &st, "SELECT id, password_hash FROM accounts WHERE username = ?1 AND disabled = 0", "t",
				username) == 0) {
		if (stmt_step(&st) == 1) {
			found = col_int(&st, 0);
			snprintf(hash, sizeof hash, "%s", col_text(&st, 1));
		}
		stmt_done(&st);
	}
	/* the same work whether the account exists or not */
	const char *pw = password ? password : "";
	if (verify_hook(found ? hash : dummy_hash, pw, strlen(pw)) == 0 && found)
		id = found;
	if (id) {
		db_exec(d, "DELETE FROM login_failures WHERE key = ?1", "t", ukey);
	} else {
		note_failure(d, ukey, now);
		note_failure(d, akey, now);
	}
	return id;
}
