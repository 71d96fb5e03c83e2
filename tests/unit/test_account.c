/* test_account.c: accounts (src/domain/account.c): validation of names, roles
 * against units and passwords; password changes, disabling and the audit
 * rows they leave; login throttling. */
#include "testlib.h"
#include "domain/session_store.h"
#include <sodium.h>
#include <string.h>

TestSuite(account, .init = t_setup, .fini = t_teardown);
TestSuite(login, .init = t_setup, .fini = t_teardown);

#define PW "correct horse"
#define T0 1669852800LL

static long long district(void)
{
	unit u = {0};
	u.parent_id = unit_root(D);
	u.name = S("东湖区");
	u.kind = S("区");
	u.code = S("donghu");
	errs e = {0};
	long long id = unit_save(D, &A, &t_who, &u, &e);
	cr_assert_gt(id, 0, "%s", errs_summary(&e, &A));
	return id;
}

static account staff(const char *username, const char *role, long long unit_id)
{
	account a = {0};
	a.username = username ? S(username) : NULL;
	a.display_name = S("测试");
	a.role = role ? S(role) : NULL;
	a.unit_id = unit_id;
	return a;
}

static long long created(account a, const char *pw)
{
	errs e = {0};
	long long id = account_create(D, &A, &t_who, &a, pw, &e);
	cr_assert_gt(id, 0, "account_create: %s", errs_summary(&e, &A));
	return id;
}

static void refused(account a, const char *pw, const char *field)
{
	long long accounts = t_count("accounts"), audits = t_count("audit_log");
	errs e = {0};
	cr_assert_eq(account_create(D, &A, &t_who, &a, pw, &e), 0, "created, but %s is wrong", field);
	cr_assert_not_null(err_for(&e, field), "no message for %s (got: %s)", field, errs_summary(&e, &A));
	cr_assert_eq(t_count("accounts"), accounts, "nothing written");
	cr_assert_eq(t_count("audit_log"), audits, "nothing audited");
}

Test(account, creates_each_role_where_it_belongs)
{
	long long du = district(), root = unit_root(D);
	long long id = created(staff("centre_admin", "centre_admin", root), PW);
	created(staff("viewer", "centre_viewer", root), PW);
	created(staff("donghu_admin", "unit_admin", du), PW);
	created(staff("donghu.editor-1", "unit_editor", du), PW);
	account got = {0};
	cr_assert(account_load(D, &A, id, &got));
	cr_assert_str_eq(got.username, "centre_admin");
	cr_assert_str_eq(got.role, "centre_admin");
	cr_assert_str_eq(got.unit_name, "南昌市社区教育指导中心");
	cr_assert_not(got.disabled);
	account *v;
	cr_assert_eq(account_list(D, &A, 0, &v), 4);
	cr_assert_eq(account_list(D, &A, du, &v), 2);
	/* the password is stored as an argon2id hash only */
	cr_assert(db_exists(D, "SELECT 1 FROM accounts WHERE id = ?1 AND password_hash LIKE '$argon2id$%'", "I", id));
	cr_assert_not(db_exists(D, "SELECT 1 FROM accounts WHERE password_hash LIKE ?1", "t", "%" PW "%"));
}

Test(account, create_is_audited_without_the_hash)
{
	long long du = district();
	long long id = created(staff("donghu_admin", "unit_admin", du), PW);
	t_audit au = t_last_audit();
	cr_assert_str_eq(au.action, "create");
	cr_assert_str_eq(au.entity, "account");
	cr_assert_eq(au.entity_id, id);
	cr_assert_eq(au.unit_id, du);
	cr_assert_null(au.old_value);
	cr_assert(strstr(au.new_value, "\"username\":\"donghu_admin\""), "%s", au.new_value);
	cr_assert(strstr(au.new_value, "\"role\":\"unit_admin\""), "%s", au.new_value);
	cr_assert_null(strstr(au.new_value, "argon2"), "no hash in the audit log: %s", au.new_value);
	cr_assert_null(strstr(au.new_value, "password"), "%s", au.new_value);
}

Test(account, bad_username)
{
	long long root = unit_root(D);
	const char *bad[] = {"", "ab", "Admin", "has space", "东湖", "a/b", "x@y.z", "abcdefghijklmnopqrstuvwxyz0123456", "semi;colon"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		refused(staff(bad[i], "centre_admin", root), PW, "username");
	refused(staff(NULL, "centre_admin", root), PW, "username");
	/* surrounding spaces are trimmed, not an error */
	created(staff("  abc  ", "centre_admin", root), PW);
	cr_assert(db_exists(D, "SELECT 1 FROM accounts WHERE username = 'abc'", NULL));
}

Test(account, duplicate_username)
{
	long long root = unit_root(D), du = district();
	created(staff("donghu_admin", "unit_admin", du), PW);
	refused(staff("donghu_admin", "unit_editor", du), PW, "username");
	refused(staff("donghu_admin", "centre_admin", root), PW, "username");
}

Test(account, role_must_match_unit)
{
	long long root = unit_root(D), du = district();
	refused(staff("x_admin", "centre_admin", du), PW, "role");
	refused(staff("x_viewer", "centre_viewer", du), PW, "role");
	refused(staff("x_uadmin", "unit_admin", root), PW, "role");
	refused(staff("x_editor", "unit_editor", root), PW, "role");
	refused(staff("x_admin", "admin", root), PW, "role");
	refused(staff("x_admin", "", root), PW, "role");
	refused(staff("x_admin", NULL, root), PW, "role");
	refused(staff("x_admin", "Centre_Admin", root), PW, "role");
	refused(staff("x_admin", "unit_admin", 0), PW, "unit_id");
	refused(staff("x_admin", "unit_admin", 999), PW, "unit_id");
}

Test(account, password_rules)
{
	long long root = unit_root(D);
	refused(staff("shorty", "centre_admin", root), "1234567", "password");
	refused(staff("shorty", "centre_admin", root), "", "password");
	refused(staff("shorty", "centre_admin", root), NULL, "password");
	char longpw[200];
	memset(longpw, 'a', 129);
	longpw[129] = 0;
	refused(staff("longpw", "centre_admin", root), longpw, "password");
	longpw[128] = 0;
	created(staff("longpw", "centre_admin", root), longpw);
	/* eight characters, not eight bytes: 终身学习 is four characters */
	refused(staff("cnpw", "centre_admin", root), "终身学习", "password");
	created(staff("cnpw", "centre_admin", root), "终身学习向未来吧");
	const char *why = NULL;
	cr_assert_not(password_acceptable("1234567", &why));
	cr_assert_not_null(why);
	cr_assert(password_acceptable("12345678", &why));
}

Test(account, errors_are_collected_together)
{
	errs e = {0};
	account a = staff("X", "boss", unit_root(D));
	cr_assert_eq(account_create(D, &A, &t_who, &a, "short", &e), 0);
	cr_assert_eq(e.n, 3);
	cr_assert_not_null(err_for(&e, "username"));
	cr_assert_not_null(err_for(&e, "role"));
	cr_assert_not_null(err_for(&e, "password"));
	cr_assert_null(err_for(&e, "unit_id"));
	char *all = errs_summary(&e, &A);
	cr_assert(strstr(all, e.msg[0]) && strstr(all, e.msg[1]) && strstr(all, e.msg[2]), "%s", all);
}

Test(account, set_password_ends_sessions_and_is_audited)
{
	long long root = unit_root(D);
	long long id = created(staff("centre_admin", "centre_admin", root), PW);
	cr_assert_eq(db_exec(D, "INSERT INTO sessions(token_hash, account_id, created_at, last_seen) VALUES ('h', ?1, 0, 0)", "I", id), 0);
	errs e = {0};
	cr_assert_lt(account_set_password(D, &A, &t_who, id, "short", &e), 0);
	cr_assert_not_null(err_for(&e, "password"));
	cr_assert_eq(t_count("sessions"), 1, "a refused password changes nothing");
	e = (errs){0};
	cr_assert_eq(account_set_password(D, &A, &t_who, id, "a new password", &e), 0, "%s", errs_summary(&e, &A));
	cr_assert_eq(t_count("sessions"), 0);
	t_audit au = t_last_audit();
	cr_assert_str_eq(au.action, "password");
	cr_assert_eq(au.entity_id, id);
	cr_assert_null(au.old_value);
	cr_assert_null(au.new_value);
	long long wait;
	cr_assert_eq(login_attempt(D, "centre_admin", PW, "10.0.0.1", T0, &wait), 0, "old password fails");
	cr_assert_eq(login_attempt(D, "centre_admin", "a new password", "10.0.0.1", T0, &wait), id);
	e = (errs){0};
	cr_assert_lt(account_set_password(D, &A, &t_who, 999, "a new password", &e), 0, "no such account");
}

Test(account, disable_audits_old_and_new_and_blocks_login)
{
	long long root = unit_root(D);
	long long id = created(staff("centre_admin", "centre_admin", root), PW);
	cr_assert_eq(db_exec(D, "INSERT INTO sessions(token_hash, account_id, created_at, last_seen) VALUES ('h', ?1, 0, 0)", "I", id), 0);
	cr_assert_eq(account_set_disabled(D, &A, &t_who, id, true), 0);
	cr_assert_eq(t_count("sessions"), 0);
	t_audit au = t_last_audit();
	cr_assert_str_eq(au.action, "disable");
	cr_assert(strstr(au.old_value, "\"disabled\":0"), "%s", au.old_value);
	cr_assert(strstr(au.new_value, "\"disabled\":1"), "%s", au.new_value);
	long long wait;
	cr_assert_eq(login_attempt(D, "centre_admin", PW, "10.0.0.1", T0, &wait), 0);
	cr_assert_eq(account_set_disabled(D, &A, &t_who, id, false), 0);
	cr_assert_str_eq(t_last_audit().action, "enable");
	cr_assert_eq(login_attempt(D, "centre_admin", PW, "10.0.0.2", T0, &wait), id);
	cr_assert_lt(account_set_disabled(D, &A, &t_who, 999, true), 0, "no such account");
}

static long long token_for(long long account_id, const char *hash)
{
	cr_assert_eq(db_exec(D, "INSERT INTO api_tokens(account_id, name, token_hash, created_at) VALUES (?1, 't', ?2, 0)", "It",
			     account_id, hash), 0);
	return db_last_id(D);
}

static bool revoked(long long token)
{
	return db_int(D, 0, "SELECT revoked_at IS NOT NULL FROM api_tokens WHERE id = ?1", "I", token) != 0;
}

Test(account, password_change_and_disable_revoke_tokens_with_sessions)
{
	long long root = unit_root(D);
	long long id = created(staff("centre_admin", "centre_admin", root), PW);
	long long other = created(staff("centre_viewer", "centre_viewer", root), PW);
	long long t1 = token_for(id, "h1"), t2 = token_for(other, "h2");
	errs e = {0};
	cr_assert_eq(account_set_password(D, &A, &t_who, id, "a new password", &e), 0);
	cr_assert(revoked(t1), "a new password revokes the account's tokens");
	cr_assert(!revoked(t2), "not another account's");
	long long t3 = token_for(id, "h3");
	cr_assert_eq(account_set_disabled(D, &A, &t_who, id, true), 0);
	cr_assert(revoked(t3), "disabling revokes the tokens");
	cr_assert_eq(account_set_disabled(D, &A, &t_who, id, false), 0);
	cr_assert(revoked(t3), "enabling does not bring them back");
}

Test(account, update_role_ends_sessions)
{
	long long du = district();
	long long id = created(staff("donghu_ed", "unit_editor", du), PW);
	cr_assert_eq(db_exec(D, "INSERT INTO sessions(token_hash, account_id, created_at, last_seen) VALUES ('h', ?1, 0, 0)", "I", id), 0);
	account a = {0};
	cr_assert(account_load(D, &A, id, &a));
	a.display_name = S("新名字");
	errs e = {0};
	cr_assert_eq(account_update(D, &A, &t_who, &a, &e), 0);
	cr_assert_eq(t_count("sessions"), 1, "same role: sessions stay");
	a.role = S("centre_admin");
	cr_assert_lt(account_update(D, &A, &t_who, &a, &e), 0, "centre role at a district unit");
	cr_assert_str_eq(db_text(D, &A, "SELECT role FROM accounts WHERE id = ?1", "I", id), "unit_editor");
	e = (errs){0};
	a.role = S("unit_admin");
	cr_assert_eq(account_update(D, &A, &t_who, &a, &e), 0, "%s", errs_summary(&e, &A));
	cr_assert_eq(t_count("sessions"), 0, "a new role signs the account in again");
	t_audit au = t_last_audit();
	cr_assert_str_eq(au.action, "update");
	cr_assert(strstr(au.old_value, "\"role\":\"unit_editor\""), "%s", au.old_value);
	cr_assert(strstr(au.new_value, "\"role\":\"unit_admin\""), "%s", au.new_value);
}

/* ---- login ---- */

static long long with_admin(void)
{
	return created(staff("centre_admin", "centre_admin", unit_root(D)), PW);
}

Test(login, right_and_wrong)
{
	long long id = with_admin(), wait = -1;
	cr_assert_eq(login_attempt(D, "centre_admin", PW, "10.0.0.1", T0, &wait), id);
	cr_assert_eq(wait, 0);
	cr_assert_eq(login_attempt(D, "centre_admin", "wrong password", "10.0.0.1", T0, &wait), 0);
	cr_assert_eq(login_attempt(D, "nobody", PW, "10.0.0.1", T0, &wait), 0);
	cr_assert_eq(login_attempt(D, "centre_admin", "", "10.0.0.1", T0, &wait), 0);
	cr_assert_eq(login_attempt(D, NULL, NULL, NULL, T0, &wait), 0);
	cr_assert_eq(login_attempt(D, "CENTRE_ADMIN", PW, "10.0.0.1", T0, &wait), 0, "names are exact");
}

Test(login, five_failures_from_one_address_then_a_growing_wait_and_success_resets)
{
	long long id = with_admin(), wait = 0;
	const char *addr = "10.0.1.1";
	for (int i = 0; i < 5; i++) {
		cr_assert_eq(login_attempt(D, "centre_admin", "wrong password", addr, T0, &wait), 0, "failure %d is free", i + 1);
		cr_assert_eq(wait, 0);
	}
	cr_assert_eq(login_attempt(D, "centre_admin", PW, addr, T0, &wait), -1, "even the right password waits");
	cr_assert_eq(wait, 30);
	cr_assert_eq(login_attempt(D, "centre_admin", PW, addr, T0 + 29, &wait), -1);
	cr_assert_eq(wait, 1);
	/* one more failure after the wait doubles it */
	cr_assert_eq(login_attempt(D, "centre_admin", "wrong password", addr, T0 + 30, &wait), 0);
	cr_assert_eq(login_attempt(D, "centre_admin", PW, addr, T0 + 30, &wait), -1);
	cr_assert_eq(wait, 60);
	/* meanwhile the owner at another address is not locked out */
	cr_assert_eq(login_attempt(D, "centre_admin", PW, "10.0.9.9", T0 + 30, &wait), id);
	/* after the wait the right password works, and the count starts again */
	cr_assert_eq(login_attempt(D, "centre_admin", PW, addr, T0 + 90, &wait), id);
	cr_assert_eq(wait, 0);
	for (int i = 0; i < 5; i++)
		cr_assert_eq(login_attempt(D, "centre_admin", "wrong password", addr, T0 + 90, &wait), 0,
			     "failure %d after a success is free again", i + 1);
	cr_assert_eq(login_attempt(D, "centre_admin", PW, addr, T0 + 90, &wait), -1);
	cr_assert_eq(wait, 30);
}

Test(login, wrong_passwords_from_many_addresses_do_not_lock_the_owner_out)
{
	long long id = with_admin(), wait = 0;
	char addr[32];
	for (int i = 0; i < 50; i++) {
		snprintf(addr, sizeof addr, "10.0.5.%d", i);
		cr_assert_eq(login_attempt(D, "centre_admin", "wrong password", addr, T0, &wait), 0, "failure %d", i + 1);
	}
	cr_assert_eq(login_attempt(D, "centre_admin", PW, "10.0.6.1", T0, &wait), id, "the owner signs in");
	cr_assert_eq(wait, 0);
}

Test(login, junk_names_from_one_address_do_not_lock_its_accounts_until_many)
{
	long long id = with_admin(), wait = 0;
	char user[32];
	for (int i = 0; i < 5; i++) {
		snprintf(user, sizeof user, "guess%d", i);
		cr_assert_eq(login_attempt(D, user, "wrong password", "10.9.9.9", T0, &wait), 0);
	}
	cr_assert_eq(login_attempt(D, "centre_admin", PW, "10.9.9.9", T0, &wait), id,
		     "five junk names do not lock a real account from the same address");
	/* 20 failures from one address, whatever the names: the address waits */
	for (int i = 5; i < 20; i++) {
		snprintf(user, sizeof user, "guess%d", i);
		cr_assert_eq(login_attempt(D, user, "wrong password", "10.9.9.9", T0, &wait), 0, "failure %d", i + 1);
	}
	cr_assert_eq(login_attempt(D, "centre_admin", PW, "10.9.9.9", T0, &wait), -1, "the address waits");
	cr_assert_eq(wait, 30);
	cr_assert_eq(login_attempt(D, "centre_admin", PW, "10.9.9.8", T0, &wait), id, "another address does not");
}

/* Equal-time answers: an unknown or disabled username is verified against an
 * argon2id hash of the same cost as a real one, so the answer takes as long
 * as a wrong password (the time is in docs/reliability.md; no timed test). */
static int verified;
static char verified_hash[256];
static int counting_verify(const char *hash, const char *pw, unsigned long long len)
{
	verified++;
	snprintf(verified_hash, sizeof verified_hash, "%s", hash);
	return crypto_pwhash_str_verify(hash, pw, len);
}

/* "$argon2id$v=19$m=65536,t=2,p=1$": the algorithm and its cost */
static char *cost_of(const char *hash)
{
	const char *p = hash;
	for (int dollars = 0; *p && dollars < 4; p++)
		dollars += *p == '$';
	return arena_printf(&A, "%.*s", (int)(p - hash), hash);
}

Test(login, unknown_and_disabled_names_cost_one_verification_like_a_real_one)
{
	long long id = with_admin(), wait = 0;
	account_set_verifier(counting_verify);
	char *real = db_text(D, &A, "SELECT password_hash FROM accounts WHERE id = ?1", "I", id);
	cr_assert_eq(login_attempt(D, "centre_admin", "wrong password", "10.1.0.1", T0, &wait), 0);
	cr_assert_eq(verified, 1, "a wrong password is verified once");
	cr_assert_str_eq(verified_hash, real);
	const char *names[] = {"nobody", "", "centre_admin_x"};
	for (int i = 0; i < 3; i++) {
		verified = 0;
		verified_hash[0] = 0;
		cr_assert_eq(login_attempt(D, names[i], "wrong password", "10.1.0.2", T0, &wait), 0);
		cr_assert_eq(verified, 1, "unknown name \"%s\": verified once, like a real one", names[i]);
		cr_assert_str_eq(cost_of(verified_hash), cost_of(real), "against a hash of the same cost");
		cr_assert_str_neq(verified_hash, real);
	}
	/* a disabled account answers like an unknown one */
	cr_assert_eq(account_set_disabled(D, &A, &t_who, id, true), 0);
	verified = 0;
	cr_assert_eq(login_attempt(D, "centre_admin", PW, "10.1.0.3", T0, &wait), 0);
	cr_assert_eq(verified, 1);
	cr_assert_str_eq(cost_of(verified_hash), cost_of(real));
	account_set_verifier(NULL);
}

Test(login, wait_is_capped_and_failures_are_forgotten_after_a_day)
{
	with_admin();
	long long wait = 0, t = T0;
	int failures = 0;
	while (failures < 15) {
		if (login_attempt(D, "centre_admin", "wrong password", "", t, &wait) < 0) {
			cr_assert_leq(wait, 3600);
			t += wait;   /* come back when allowed */
		} else {
			failures++;
		}
	}
	cr_assert_eq(login_attempt(D, "centre_admin", "wrong password", "", t, &wait), -1);
	cr_assert_eq(wait, 3600, "at most an hour");
	/* a day after the last failure the count starts over */
	t += 86400;
	cr_assert_eq(login_attempt(D, "centre_admin", "wrong password", "", t, &wait), 0);
	cr_assert_eq(wait, 0);
	cr_assert_eq(login_attempt(D, "centre_admin", "wrong password", "", t, &wait), 0, "the count is 2 now, not 17");
	cr_assert_eq(db_int(D, -1, "SELECT failures FROM login_failures WHERE key = 'ua: centre_admin'", NULL), 2);
}

/* ---- sessions: idle expiry and an absolute lifetime ---- */

Test(login, a_busy_session_ends_at_its_lifetime_an_idle_one_sooner)
{
	long long id = with_admin();
	const long long idle = 2 * 3600, life = 12 * 3600;
	cr_assert_eq(session_insert(D, "busy", id, T0, "10.0.0.1"), 0);
	cr_assert_eq(session_insert(D, "idle", id, T0, "10.0.0.1"), 0);
	/* the busy one is used every 10 minutes */
	for (long long t = T0; t <= T0 + life; t += 600)
		session_touch(D, "busy", t);
	account acc;
	long long created, last;
	cr_assert(session_lookup(D, &A, "busy", &acc, &created, &last));
	cr_assert_eq(created, T0);
	cr_assert_eq(acc.id, id);
	cr_assert(session_alive(created, last, T0 + life, idle, life), "alive at 12 h, used a moment ago");
	cr_assert(!session_alive(created, last, T0 + life + 1, idle, life), "ended past 12 h although in use");
	cr_assert(session_lookup(D, &A, "idle", &acc, &created, &last));
	cr_assert(session_alive(created, last, T0 + idle, idle, life));
	cr_assert(!session_alive(created, last, T0 + idle + 1, idle, life), "two hours idle");
	/* expiry removes both kinds */
	session_expire(D, T0 + life + 1 - idle, T0 + life + 1 - life);
	cr_assert_eq(t_count("sessions"), 0);
}
