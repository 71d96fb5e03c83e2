/* participation.c: sign-up with a waiting list, check-in, ratings. Every write
 * runs in one BEGIN IMMEDIATE transaction with its audit line, so two people
 * taking the last place at once cannot both get it, and nothing is half
 * written. Full phone numbers never reach the audit log: it gets them masked. */
#include "core/hash.h"
#include "participation.h"
#include "core/text.h"
#include "throttle.h"
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* ---- phone numbers ---- */

/* The digits of in (ASCII or full-width, as a Chinese input method may type
 * them), skipping spaces, dashes and brackets and a leading '+'. Returns the
 * count, or -1 for any other character or more than cap - 1 digits. */
static int digits_only(const char *in, char *out, size_t cap)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)in; p && *p;) {
		char c = 0;
		if (*p >= '0' && *p <= '9') {
			c = (char)*p++;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			c = (char)('0' + (p[2] - 0x90));
			p += 3;
		} else if (*p == ' ' || *p == '-' || *p == '(' || *p == ')' || (*p == '+' && n == 0)) {
			p++;
		} else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3; /* full-width space */
		} else {
			return -1;
		}
		if (c) {
			if (n + 1 >= cap)
				return -1;
			out[n++] = c;
		}
	}
	out[n] = 0;
	return (int)n;
}

bool phone_normalize(const char *in, char out[12])
{
	char d[24];
	int n = digits_only(in, d, sizeof d);
	const char *s = d;
	out[0] = 0;
	if (n == 13 && !strncmp(d, "86", 2))
		s += 2;
	else if (n == 15 && !strncmp(d, "0086", 4))
		s += 4;
	if (n < 0 || strlen(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9')
		return false;
	memcpy(out, s, 12);
	return true;
}

char *phone_mask(arena *a, const char *phone)
{
	if (!phone || strlen(phone) != 11)
		return arena_strdup(a, phone && *phone ? "****" : "");
	return arena_printf(a, "%.3s****%s", phone, phone + 7);
}

/* ---- tokens ---- */

static bool token_hash(const char *token, char hash[65])
{
	hash[0] = 0;
	if (!token || strlen(token) != TOKEN_HEX)
		return false;
	for (int i = 0; i < TOKEN_HEX; i++)
		if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
			return false;
	sha256_hex(token, TOKEN_HEX, hash);
	return true;
}

static void token_new(char token[TOKEN_HEX + 1], char hash[65])
{
	unsigned char rnd[32];
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(token, TOKEN_HEX + 1, rnd, sizeof rnd);
	token_hash(token, hash);
}

/* ---- the 取消码 ---- */

static const char code_alphabet[] = "23456789ABCDEFGHJKMNPQRSTVWXYZ"; /* 30: no 0 O 1 I L U */

/* A keyed BLAKE2b of activity, phone and code under the install's secret: the
 * database alone does not give the codes back without the guesses a
 * six-character code allows (30^6), which only the online, throttled way has. */
static void cancel_code_hash(db *d, arena *a, long long activity_id, const char *phone, const char *code, char out[65])
{
	const char *secret = setting_get(d, a, "secret");
	size_t kn = secret ? strlen(secret) : 0;
	if (kn > crypto_generichash_KEYBYTES_MAX)
		kn = crypto_generichash_KEYBYTES_MAX;
	const char *msg = arena_printf(a, "%lld|%s|%s", activity_id, phone, code);
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)msg, strlen(msg), kn >= crypto_generichash_KEYBYTES_MIN ?
			   (const unsigned char *)secret : NULL, kn >= crypto_generichash_KEYBYTES_MIN ? kn : 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

static void cancel_code_new(char code[CANCEL_CODE_LEN + 1])
{
	for (int i = 0; i < CANCEL_CODE_LEN; i++)
		code[i] = code_alphabet[randombytes_uniform(sizeof code_alphabet - 1)];
	code[CANCEL_CODE_LEN] = 0;
}

/* As typed: case, spaces and dashes do not matter; false when it cannot be one. */
static bool cancel_code_read(const char *in, char code[CANCEL_CODE_LEN + 1])
{
	int n = 0;
	for (const char *p = in ? in : ""; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
		if (n == CANCEL_CODE_LEN || !c || !strchr(code_alphabet, c))
			return false;
		code[n++] = c;
	}
	code[n] = 0;
	return n == CANCEL_CODE_LEN;
}

/* ---- shared checks ---- */

/* Trimmed name, or NULL with the message added. */
static char *person_name(arena *a, const char *in, errs *e)
{
	char *s = str_trim(arena_strdup(a, in ? in : ""));
	if (!*s)
		err_add(e, "name", "请填写姓名。");
	else if (utf8_chars(s) > NAME_MAX_CHARS)
		err_add(e, "name", arena_printf(a, "姓名最多 %d 个字。", NAME_MAX_CHARS));
	else if (text_refusal(s, false))
		err_add(e, "name", arena_printf(a, "「姓名」%s，请重新填写。", text_refusal(s, false)));
	else
		return s;
	return NULL;
}

typedef struct act_state {
	long long unit_id, ends_at, capacity;
	char *status, *title;
} act_state;

static bool act_state_load(db *d, arena *a, long long id, act_state *s)
{
	stmt st;
	memset(s, 0, sizeof *s);
	if (db_prep(d, &st, "SELECT unit_id, ends_at, COALESCE(capacity, -1), status, title FROM activities WHERE id = ?1", "I", id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok) {
		s->unit_id = col_int(&st, 0);
		s->ends_at = col_int(&st, 1);
		s->capacity = col_int(&st, 2);
		s->status = col_dup(&st, a, 3);
		s->title = col_dup(&st, a, 4);
	}
	stmt_done(&st);
	return ok;
}

static part_rc published_or_why(const act_state *s)
{
	if (!s->status || !strcmp(s->status, "draft"))
		return PART_NOT_FOUND;
	if (!strcmp(s->status, "cancelled"))
		return PART_CANCELLED;
	return PART_OK;
}

/* Ends a transaction: commit when rc is PART_OK, else roll back. */
static part_rc finish(db *d, part_rc rc)
{
	if (rc == PART_OK && db_commit(d) == 0)
		return PART_OK;
	db_rollback(d);
	return rc == PART_OK ? PART_BUSY : rc;
}

/* The audit's view of a registration: the phone masked. */
static char *reg_json(db *d, arena *a, long long id)
{
	stmt st;
	char *out = NULL;
	if (db_prep(d, &st, "SELECT activity_id, name, phone, status, COALESCE(assisted_by, 0) FROM registrations WHERE id = ?1",
		    "I", id) < 0)
		return NULL;
	if (stmt_step(&st) == 1) {
		json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:I}", "activity_id", (json_int_t)col_int(&st, 0), "name",
				      col_text(&st, 1), "phone", phone_mask(a, col_text(&st, 2)), "status", col_text(&st, 3),
				      "assisted_by", (json_int_t)col_int(&st, 4));
		char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		out = s ? arena_strdup(a, s) : NULL;
		free(s);
		json_decref(o);
	}
	stmt_done(&st);
	return out;
}

/* ---- registrations ---- */

const char *registration_status_label(const char *s)
{
	if (!s)
		return "";
	if (!strcmp(s, "confirmed")) return "报名成功";
	if (!strcmp(s, "waiting")) return "候补";
	if (!strcmp(s, "cancelled")) return "已取消";
	return s;
}

#define REG_COLS "r.id, r.activity_id, r.created_at, r.name, r.phone, r.status, acc.display_name, acc.username," \
		 " CASE WHEN r.status = 'waiting' THEN (SELECT count(*) FROM registrations w WHERE w.activity_id = r.activity_id" \
		 " AND w.status = 'waiting' AND w.id <= r.id) ELSE 0 END," \
		 " COALESCE((SELECT c.created_at FROM checkins c WHERE c.registration_id = r.id), 0)" \
		 " FROM registrations r LEFT JOIN accounts acc ON acc.id = r.assisted_by"

static void reg_from(stmt *st, arena *a, registration *g)
{
	memset(g, 0, sizeof *g);
	g->id = col_int(st, 0);
	g->activity_id = col_int(st, 1);
	g->created_at = col_int(st, 2);
	g->name = col_dup(st, a, 3);
	g->phone = col_null(st, 4) ? NULL : col_dup(st, a, 4);
	g->status = col_dup(st, a, 5);
	if (!col_null(st, 7))
		g->assisted_by = col_dup(st, a, *col_text(st, 6) ? 6 : 7);
	g->waiting_pos = col_int(st, 8);
	g->checked_in_at = col_int(st, 9);
}

static bool reg_one(db *d, arena *a, const char *sql, const char *key_types, long long id, const char *key,
		    registration *out)
{
	stmt st;
	int rc = *key_types == 'I' ? db_prep(d, &st, sql, key_types, id) : db_prep(d, &st, sql, key_types, key);
	if (rc < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok)
		reg_from(&st, a, out);
	stmt_done(&st);
	return ok;
}

bool registration_load(db *d, arena *a, long long id, registration *out)
{
	return reg_one(d, a, "SELECT " REG_COLS " WHERE r.id = ?1", "I", id, NULL, out);
}

/* The answer a duplicate sign-up got, as a registration with a negative id.
 * sql binds ?1 (an id) and ?2 (a hash). */
static bool echo_one(db *d, arena *a, const char *sql, long long id, const char *hash, registration *out)
{
	stmt st;
	if (db_prep(d, &st, sql, "It", id, hash) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok) {
		memset(out, 0, sizeof *out);
		out->id = -col_int(&st, 0);
		out->activity_id = col_int(&st, 1);
		out->created_at = col_int(&st, 2);
		out->name = col_dup(&st, a, 3);
		out->status = col_dup(&st, a, 4);
		out->waiting_pos = col_int(&st, 5);
	}
	stmt_done(&st);
	return ok;
}

bool registration_by_token(db *d, arena *a, const char *token, registration *out)
{
	char hash[65];
	if (!token_hash(token, hash))
		return false;
	if (reg_one(d, a, "SELECT " REG_COLS " WHERE r.cancel_hash = ?1", "t", 0, hash, out))
		return true;
	return echo_one(d, a, "SELECT id, activity_id, created_at, name, status, waiting_pos FROM signup_echoes"
			      " WHERE cancel_hash = ?2 AND ?1 = 0", 0, hash, out);
}

int registration_list(db *d, arena *a, long long activity_id, registration **out)
{
	int n = (int)db_int(d, 0, "SELECT count(*) FROM registrations WHERE activity_id = ?1", "I", activity_id);
	registration *v = arena_alloc(a, sizeof *v * (size_t)(n + 1));
	int i = 0;
	stmt st;
	if (db_prep(d, &st, "SELECT " REG_COLS " WHERE r.activity_id = ?1"
			    " ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, r.id",
		    "I", activity_id) == 0) {
		while (i < n && stmt_step(&st) == 1)
			reg_from(&st, a, &v[i++]);
		stmt_done(&st);
	}
	*out = v;
	return i;
}

reg_counts registration_counts(db *d, long long activity_id)
{
	reg_counts c = {0};
	stmt st;
	if (db_prep(d, &st, "SELECT status, count(*) FROM registrations WHERE activity_id = ?1 GROUP BY status", "I",
		    activity_id) < 0)
		return c;
	while (stmt_step(&st) == 1) {
		const char *s = col_text(&st, 0);
		long long n = col_int(&st, 1);
		if (!strcmp(s, "confirmed"))
			c.confirmed = n;
		else if (!strcmp(s, "waiting"))
			c.waiting = n;
		else
			c.cancelled = n;
	}
	stmt_done(&st);
	return c;
}

static long long confirmed_count(db *d, long long activity_id)
{
	return db_int(d, 0, "SELECT count(*) FROM registrations WHERE activity_id = ?1 AND status = 'confirmed'", "I", activity_id);
}

/* Moves the waiting list up while places are free (a place freed by a
 * cancellation, or a capacity that staff raised). Inside the caller's
 * transaction. */
static int fill_places(db *d, arena *a, const actor *who, long long activity_id, const act_state *s, long long *first)
{
	for (;;) {
		if (s->capacity >= 0 && confirmed_count(d, activity_id) >= s->capacity)
			return 0;
		long long next = db_int(d, 0, "SELECT id FROM registrations WHERE activity_id = ?1 AND status = 'waiting'"
					      " ORDER BY id LIMIT 1", "I", activity_id);
		if (!next)
			return 0;
		char *old = reg_json(d, a, next);
		if (db_exec(d, "UPDATE registrations SET status = 'confirmed', updated_at = ?1 WHERE id = ?2", "II", who->now, next) < 0 ||
		    audit(d, who, s->unit_id, "promote", "registration", next, "候补转为报名成功", old, reg_json(d, a, next)) < 0)
			return -1;
		if (first && !*first)
			*first = next;
	}
}

/* The answer to a duplicate sign-up: what a new one would have got (a place,
 * or the next place on the waiting list) and a cancel link of its own. */
static part_rc echo_create(db *d, arena *a, const actor *who, long long activity_id, const char *name, const char *phone,
			   registration *out, char token[TOKEN_HEX + 1])
{
	char code[CANCEL_CODE_LEN + 1], code_hash[65];
	cancel_code_new(code);
	cancel_code_hash(d, a, activity_id, phone, code, code_hash);
	if (db_begin(d) < 0)
		return PART_BUSY;
	act_state s;
	part_rc rc = act_state_load(d, a, activity_id, &s) ? published_or_why(&s) : PART_NOT_FOUND;
	bool place = s.capacity < 0 || confirmed_count(d, activity_id) < s.capacity;
	long long pos = place ? 0 : db_int(d, 0, "SELECT count(*) FROM registrations WHERE activity_id = ?1 AND status = 'waiting'",
					     "I", activity_id) + 1;
	char hash[65];
	token_new(token, hash);
	if (rc == PART_OK && db_exec(d, "INSERT INTO signup_echoes(activity_id, name, status, waiting_pos, cancel_hash, created_at,"
				       " code_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", "IttItIt", activity_id, name,
				   place ? "confirmed" : "waiting", pos, hash, who->now, code_hash) < 0)
		rc = PART_BUSY;
	long long id = rc == PART_OK ? db_last_id(d) : 0;
	rc = finish(d, rc);
	if (rc != PART_OK) {
		token[0] = 0;
		return rc;
	}
	memset(out, 0, sizeof *out);
	out->id = -id;
	out->activity_id = activity_id;
	out->created_at = who->now;
	out->name = arena_strdup(a, name);
	out->status = place ? "confirmed" : "waiting";
	out->waiting_pos = pos;
	memcpy(out->cancel_code, code, sizeof code);
	return PART_OK;
}

part_rc registration_create(db *d, arena *a, const actor *who, long long activity_id, const char *name,
			    const char *phone, bool assisted, registration *out, char token[TOKEN_HEX + 1], errs *e)
{
	memset(out, 0, sizeof *out);
	token[0] = 0;
	char *nm = person_name(a, name, e);
	char ph[12] = "";
	char *raw = str_trim(arena_strdup(a, phone ? phone : ""));
	if (!*raw) {
		if (!assisted)
			err_add(e, "phone", "请填写手机号码。");
	} else if (!phone_normalize(raw, ph)) {
		err_add(e, "phone", "手机号码不正确：应为 11 位数字，以 13 至 19 开头，例如 138 1234 5678。");
	}
	if (e->n || !nm)
		return PART_INVALID;
	if (!assisted) {
		const char *addr = who->address ? who->address : "";
		limit l[] = {
			{"signup/addr-activity", arena_printf(a, "%lld|%s", activity_id, addr), SIGNUPS_PER_ADDRESS_ACTIVITY, 3600},
			{"signup/addr", addr, SIGNUPS_PER_ADDRESS, 3600},
		};
		long long retry;
		if (!throttle_allow(d, activity_id, "signup", l, 2, who->now, &retry))
			return PART_THROTTLED;
	}

	if (db_begin(d) < 0)
		return PART_BUSY;
	act_state s;
	part_rc rc = act_state_load(d, a, activity_id, &s) ? published_or_why(&s) : PART_NOT_FOUND;
	if (rc == PART_OK && who->now >= s.ends_at)
		rc = PART_ENDED;
	if (rc == PART_OK && *ph &&
	    db_exists(d, "SELECT 1 FROM registrations WHERE activity_id = ?1 AND phone = ?2 AND status <> 'cancelled'", "It",
		      activity_id, ph))
		rc = PART_DUPLICATE;
	/* a number signs up for so many activities a day: its real sign-ups, counted */
	if (rc == PART_OK && *ph && !assisted &&
	    db_int(d, 0, "SELECT count(*) FROM registrations WHERE phone = ?1 AND created_at > ?2", "tI", ph,
		   who->now - 86400) >= SIGNUPS_PER_PHONE)
		rc = PART_THROTTLED;
	if (rc == PART_OK && fill_places(d, a, who, activity_id, &s, NULL) < 0)
		rc = PART_BUSY;
	long long id = 0;
	char code[CANCEL_CODE_LEN + 1] = "", code_hash[65] = "";
	if (rc == PART_OK) {
		const char *status = s.capacity < 0 || confirmed_count(d, activity_id) < s.capacity ? "confirmed" : "waiting";
		char hash[65];
		token_new(token, hash);
		/* a 取消码 goes with a phone number: 我的报名 asks for both */
		if (*ph) {
			cancel_code_new(code);
			cancel_code_hash(d, a, activity_id, ph, code, code_hash);
		}
		int x = db_exec(d, "INSERT INTO registrations(activity_id, name, phone, status, cancel_hash, assisted_by, created_at,"
				   " updated_at, code_hash) VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, 0), ?7, ?7, ?8)",
				"IttttIIt", activity_id, nm, *ph ? ph : NULL, status, hash, assisted ? who->account_id : 0LL, who->now,
				code_hash);
		rc = x == -2 ? PART_DUPLICATE : x < 0 ? PART_BUSY : PART_OK;
	}
	if (rc == PART_OK) {
		id = db_last_id(d);
		char *j = reg_json(d, a, id);
		const char *summary = arena_printf(a, "%s%s", assisted ? "代报名：" : "报名：", s.title);
		if (audit(d, who, s.unit_id, assisted ? "assist" : "signup", "registration", id, summary, NULL, j) < 0)
			rc = PART_BUSY;
	}
	if (rc == PART_DUPLICATE && !assisted) {
		/* answered as a new sign-up would be, and nothing counted */
		db_rollback(d);
		return echo_create(d, a, who, activity_id, nm, ph, out, token);
	}
	rc = finish(d, rc);
	if (rc == PART_THROTTLED)
		refusal_count(d, activity_id, "signup", who->now);
	if (rc != PART_OK) {
		token[0] = 0;
		return rc;
	}
	registration_load(d, a, id, out);
	memcpy(out->cancel_code, code, sizeof code);
	return PART_OK;
}

part_rc registration_by_code(db *d, arena *a, const actor *who, long long activity_id, const char *phone, const char *code,
			     registration *out, errs *e)
{
	memset(out, 0, sizeof *out);
	char ph[12], c[CANCEL_CODE_LEN + 1];
	if (!phone_normalize(str_trim(arena_strdup(a, phone ? phone : "")), ph))
		err_add(e, "phone", "手机号码不正确：请填报名时用的 11 位手机号码，例如 138 1234 5678。");
	if (!cancel_code_read(code, c))
		err_add(e, "code", "取消码是 6 位，由数字和大写字母组成，在报名成功的页面上，例如 7K3QPA。");
	if (e->n)
		return PART_INVALID;
	const char *addr = who->address ? who->address : "";
	limit misses = {"mine/miss", arena_printf(a, "%lld|%s", activity_id, addr), CODE_MISSES_PER_ADDRESS, 900};
	long long retry;
	if (throttle_spent(d, &misses, who->now, &retry))
		return PART_THROTTLED;
	char h[65];
	cancel_code_hash(d, a, activity_id, ph, c, h);
	long long id = db_int(d, 0, "SELECT id FROM registrations WHERE activity_id = ?1 AND code_hash = ?2 AND phone = ?3", "Itt",
			      activity_id, h, ph);
	if (id && registration_load(d, a, id, out))
		return PART_OK;
	if (echo_one(d, a, "SELECT id, activity_id, created_at, name, status, waiting_pos FROM signup_echoes"
			   " WHERE activity_id = ?1 AND code_hash = ?2", activity_id, h, out))
		return PART_OK;
	throttle_note(d, &misses, who->now);
	return PART_NO_MATCH;
}

part_rc registration_cancel(db *d, arena *a, const actor *who, long long id, long long *promoted)
{
	if (promoted)
		*promoted = 0;
	if (id < 0) { /* the answer given to a duplicate sign-up: nothing else to do */
		if (db_exec(d, "UPDATE signup_echoes SET status = 'cancelled' WHERE id = ?1 AND status <> 'cancelled'", "I", -id) < 0)
			return PART_BUSY;
		return db_changes(d) == 1 ? PART_OK : PART_ALREADY;
	}
	if (db_begin(d) < 0)
		return PART_BUSY;
	registration g;
	act_state s;
	part_rc rc = PART_OK;
	if (!registration_load(d, a, id, &g) || !act_state_load(d, a, g.activity_id, &s))
		rc = PART_NOT_FOUND;
	else if (!strcmp(g.status, "cancelled"))
		rc = PART_ALREADY;
	else if (g.checked_in_at)
		rc = PART_CHECKED_IN;
	char *old = rc == PART_OK ? reg_json(d, a, id) : NULL;
	if (rc == PART_OK && db_exec(d, "UPDATE registrations SET status = 'cancelled', updated_at = ?1 WHERE id = ?2", "II",
				     who->now, id) < 0)
		rc = PART_BUSY;
	if (rc == PART_OK && audit(d, who, s.unit_id, "cancel", "registration", id, arena_printf(a, "取消报名：%s", s.title),
				   old, reg_json(d, a, id)) < 0)
		rc = PART_BUSY;
	/* a waiting place freed nothing; a confirmed one lets the next move up,
	 * unless the activity is cancelled anyway */
	if (rc == PART_OK && !strcmp(g.status, "confirmed") && !strcmp(s.status, "published") &&
	    fill_places(d, a, who, g.activity_id, &s, promoted) < 0)
		rc = PART_BUSY;
	rc = finish(d, rc);
	if (rc != PART_OK && promoted)
		*promoted = 0;
	return rc;
}

/* ---- check-in ---- */

bool checkin_code_ok(const activity *x, const char *code)
{
	size_t n = x->checkin_code ? strlen(x->checkin_code) : 0;
	return n && code && strlen(code) == n && sodium_memcmp(code, x->checkin_code, n) == 0;
}

part_rc checkin_window(const activity *x, long long now)
{
	if (now < x->starts_at - CHECKIN_OPENS_BEFORE)
		return PART_NOT_OPEN;
	if (now > x->ends_at + CHECKIN_CLOSES_AFTER)
		return PART_ENDED;
	return PART_OK;
}

/* "１２３４" or " 12 34 " -> "1234"; NULL unless exactly four digits. */
static char *four_digits(arena *a, const char *in)
{
	char d[8];
	return digits_only(in, d, sizeof d) == 4 ? arena_strdup(a, d) : NULL;
}

#define CHECKIN_COLS "c.id, c.activity_id, COALESCE(c.registration_id, 0), c.created_at, c.name, r.score" \
		     " FROM checkins c LEFT JOIN ratings r ON r.checkin_id = c.id"

static void checkin_from(stmt *st, arena *a, checkin *c)
{
	memset(c, 0, sizeof *c);
	c->id = col_int(st, 0);
	c->activity_id = col_int(st, 1);
	c->registration_id = col_int(st, 2);
	c->created_at = col_int(st, 3);
	c->name = col_dup(st, a, 4);
	c->rating = col_null(st, 5) ? NULL : col_dup(st, a, 5);
}

part_rc checkin_create(db *d, arena *a, const actor *who, const activity *x, const char *name, const char *last4,
		       checkin *out, char token[TOKEN_HEX + 1], errs *e)
{
	memset(out, 0, sizeof *out);
	token[0] = 0;
	char *nm = person_name(a, name, e);
	char *l4 = str_trim(arena_strdup(a, last4 ? last4 : ""));
	if (*l4 && !(l4 = four_digits(a, l4)))
		err_add(e, "last4", "手机号后四位应为 4 位数字。");
	if (e->n || !nm)
		return PART_INVALID;
	/* wrong digits are counted per device: a dozen tries must not find a number */
	const char *addr = who->address ? who->address : "";
	limit misses = {"checkin/miss", arena_printf(a, "%lld|%s", x->id, addr), CHECKIN_MISSES_PER_ADDRESS, 900};
	limit per_device = {"checkin/addr-activity", misses.key, CHECKINS_PER_ADDRESS_ACTIVITY, 3600};
	long long retry;
	if (!who->account_id && throttle_spent(d, &misses, who->now, &retry)) {
		refusal_count(d, x->id, "checkin_guess", who->now);
		return PART_THROTTLED;
	}
	if (!who->account_id && !throttle_allow(d, x->id, "checkin", &per_device, 1, who->now, &retry))
		return PART_THROTTLED;

	if (db_begin(d) < 0)
		return PART_BUSY;
	act_state s;
	part_rc rc = act_state_load(d, a, x->id, &s) ? published_or_why(&s) : PART_NOT_FOUND;
	long long reg = 0;
	if (rc == PART_OK && *l4) {
		reg = db_int(d, 0, "SELECT r.id FROM registrations r WHERE r.activity_id = ?1 AND r.name = ?2"
				   " AND substr(r.phone, 8, 4) = ?3 AND r.status <> 'cancelled'"
				   " AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.registration_id = r.id) ORDER BY r.id LIMIT 1",
			     "Itt", x->id, nm, l4);
		if (!reg)
			rc = db_exists(d, "SELECT 1 FROM registrations r JOIN checkins c ON c.registration_id = r.id"
					  " WHERE r.activity_id = ?1 AND r.name = ?2 AND substr(r.phone, 8, 4) = ?3 AND r.status <> 'cancelled'",
				       "Itt", x->id, nm, l4) ? PART_ALREADY : PART_NO_MATCH;
	} else if (rc == PART_OK) {
		/* someone staff signed up without a phone checks in by name */
		reg = db_int(d, 0, "SELECT r.id FROM registrations r WHERE r.activity_id = ?1 AND r.name = ?2 AND r.phone IS NULL"
				   " AND r.status <> 'cancelled' AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.registration_id = r.id)"
				   " ORDER BY r.id LIMIT 1", "It", x->id, nm);
	}
	char hash[65];
	if (rc == PART_OK) {
		token_new(token, hash);
		int r = db_exec(d, "INSERT INTO checkins(activity_id, registration_id, name, rating_hash, created_at)"
				   " VALUES (?1, NULLIF(?2, 0), ?3, ?4, ?5)", "IIttI", x->id, reg, nm, hash, who->now);
		rc = r == -2 ? PART_ALREADY : r < 0 ? PART_BUSY : PART_OK;
	}
	long long id = rc == PART_OK ? db_last_id(d) : 0;
	if (rc == PART_OK) {
		json_t *o = json_pack("{s:I,s:s,s:I}", "activity_id", (json_int_t)x->id, "name", nm, "registration_id", (json_int_t)reg);
		char *j = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		int ar = audit(d, who, s.unit_id, "checkin", "checkin", id,
			       arena_printf(a, "%s：%s", reg ? "已报名签到" : "现场签到", s.title), NULL, j);
		free(j);
		json_decref(o);
		if (ar < 0)
			rc = PART_BUSY;
	}
	rc = finish(d, rc);
	if (rc != PART_OK) {
		token[0] = 0;
		if (*l4 && (rc == PART_NO_MATCH || rc == PART_ALREADY))
			throttle_note(d, &misses, who->now);
		return rc;
	}
	checkin_by_token(d, a, x->id, token, out);
	return PART_OK;
}

bool checkin_by_token(db *d, arena *a, long long activity_id, const char *token, checkin *out)
{
	char hash[65];
	if (!token_hash(token, hash))
		return false;
	stmt st;
	if (db_prep(d, &st, "SELECT " CHECKIN_COLS " WHERE c.rating_hash = ?1 AND c.activity_id = ?2", "tI", hash, activity_id) < 0)
		return false;
	bool ok = stmt_step(&st) == 1;
	if (ok)
		checkin_from(&st, a, out);
	stmt_done(&st);
	return ok;
}

long long checkin_count(db *d, long long activity_id)
{
	return db_int(d, 0, "SELECT count(*) FROM checkins WHERE activity_id = ?1", "I", activity_id);
}

int checkin_list(db *d, arena *a, long long activity_id, checkin **out)
{
	int n = (int)checkin_count(d, activity_id);
	checkin *v = arena_alloc(a, sizeof *v * (size_t)(n + 1));
	int i = 0;
	stmt st;
	if (db_prep(d, &st, "SELECT " CHECKIN_COLS " WHERE c.activity_id = ?1 ORDER BY c.id", "I", activity_id) == 0) {
		while (i < n && stmt_step(&st) == 1)
			checkin_from(&st, a, &v[i++]);
		stmt_done(&st);
	}
	*out = v;
	return i;
}

/* ---- ratings ---- */

const char *const scores[N_SCORES] = {"satisfied", "basic", "unsatisfied"};

const char *score_label(const char *s)
{
	if (!s)
		return "";
	if (!strcmp(s, "satisfied")) return "满意";
	if (!strcmp(s, "basic")) return "基本满意";
	if (!strcmp(s, "unsatisfied")) return "不满意";
	return s;
}

part_rc rating_create(db *d, arena *a, const actor *who, long long activity_id, const char *token, const char *score,
		      const char *comment, errs *e)
{
	bool known = false;
	for (int i = 0; score && i < N_SCORES; i++)
		known = known || !strcmp(score, scores[i]);
	if (!known)
		err_add(e, "score", "请选择“满意”“基本满意”或“不满意”。");
	char *text = str_trim(arena_strdup(a, comment ? comment : ""));
	if (utf8_chars(text) > COMMENT_MAX_CHARS)
		err_add(e, "comment", arena_printf(a, "意见和建议最多 %d 个字，现在是 %zu 个字。", COMMENT_MAX_CHARS, utf8_chars(text)));
	else if (text_refusal(text, true))
		err_add(e, "comment", arena_printf(a, "「意见和建议」%s，请删除后重新提交。", text_refusal(text, true)));
	char hash[65];
	if (!token_hash(token, hash))
		return PART_DENIED;
	if (e->n)
		return PART_INVALID;
	limit per_device = {"rating/addr-activity", arena_printf(a, "%lld|%s", activity_id, who->address ? who->address : ""),
			    RATINGS_PER_ADDRESS_ACTIVITY, 3600};
	long long retry;
	if (!who->account_id && !throttle_allow(d, activity_id, "rating", &per_device, 1, who->now, &retry))
		return PART_THROTTLED;

	if (db_begin(d) < 0)
		return PART_BUSY;
	act_state s;
	part_rc rc = act_state_load(d, a, activity_id, &s) ? PART_OK : PART_NOT_FOUND;
	long long checkin_id = rc == PART_OK ? db_int(d, 0, "SELECT id FROM checkins WHERE rating_hash = ?1 AND activity_id = ?2",
						      "tI", hash, activity_id) : 0;
	if (rc == PART_OK && !checkin_id)
		rc = PART_DENIED;
	if (rc == PART_OK && db_exists(d, "SELECT 1 FROM ratings WHERE checkin_id = ?1", "I", checkin_id))
		rc = PART_ALREADY;
	if (rc == PART_OK) {
		int r = db_exec(d, "INSERT INTO ratings(checkin_id, activity_id, score, comment, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
				"IIttI", checkin_id, activity_id, score, text, who->now);
		rc = r == -2 ? PART_ALREADY : r < 0 ? PART_BUSY : PART_OK;
	}
	if (rc == PART_OK) {
		long long id = db_last_id(d);
		json_t *o = json_pack("{s:I,s:s,s:s}", "checkin_id", (json_int_t)checkin_id, "score", score, "comment", text);
		char *j = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		int ar = audit(d, who, s.unit_id, "rate", "rating", id, arena_printf(a, "%s：%s", score_label(score), s.title), NULL, j);
		free(j);
		json_decref(o);
		if (ar < 0)
			rc = PART_BUSY;
	}
	return finish(d, rc);
}
