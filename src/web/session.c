/* session.c: sessions are 32 random bytes in an HttpOnly cookie; the database
 * holds only their SHA-256. CSRF tokens are an HMAC of the session under the
 * server's secret, so no token needs to be stored and a token from one session
 * is worthless in another. An anonymous visitor has no cookie and no token:
 * the public forms are protected by the Origin check in router.c, so public
 * pages are the same for everyone and can be cached. */
#include "core/hash.h"
#include "session.h"
#include "core/log.h"
#include "domain/apitoken.h"
#include "domain/org.h"
#include "domain/session_store.h"
#include <sodium.h>
#include <string.h>
#include <strings.h>

void hex_encode(const unsigned char *in, size_t n, char *out)
{
	sodium_bin2hex(out, n * 2 + 1, in, n);
}

static bool is_hex64(const char *s)
{
	if (!s || strlen(s) != 64)
		return false;
	for (int i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static void token_hash(const char *token_hex, char out[65])
{
	sha256_hex(token_hex, 64, out);
}

static void make_csrf(req *r, const char *kind, const char *id)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, cfg.secret, sizeof cfg.secret);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)kind, strlen(kind));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)id, strlen(id));
	crypto_auth_hmacsha256_final(&st, mac);
	hex_encode(mac, 32, r->csrf);
}

/* The signed-in user of this request: the account a token or a session names. */
static void user_from(req *r, const account *acc)
{
	r->user.id = acc->id;
	r->user.role = role_parse(acc->role);
	r->user.unit_id = acc->unit_id;
	r->user.username = acc->username;
	r->user.display_name = acc->display_name;
	r->user.unit_name = acc->unit_name;
}

/* The JSON API: "Authorization: Bearer TOKEN" and nothing else. No cookie is
 * read or set, so a browser's session can never act through the API (and the
 * API needs no CSRF token). */
static void bearer_load(req *r)
{
	const char *h = header(r, "Authorization");
	if (!h || strncasecmp(h, "Bearer ", 7))
		return;
	const char *tok = h + 7;
	while (*tok == ' ')
		tok++;
	long long touch;
	long long id = apitoken_account(r->db, tok, r->now, &touch);
	account acc;
	if (!id || !account_load(r->db, r->a, id, &acc) || acc.disabled)
		return;
	user_from(r, &acc);
	r->touch_token = touch;
}

/* The web: large-text mode and the session cookie. */
static void cookie_load(req *r)
{
	const char *big = cookie(r, COOKIE_BIG);
	r->big_text = big && !strcmp(big, "1");

	const char *tok = cookie(r, COOKIE_SESSION);
	if (is_hex64(tok)) {
		char h[65];
		token_hash(tok, h);
		account acc;
		long long created, last;
		if (session_lookup(r->db, r->a, h, &acc, &created, &last)) {
			if (session_alive(created, last, r->now, cfg.session_idle, cfg.session_lifetime)) {
				user_from(r, &acc);
				memcpy(r->session_hash, h, 65);
			}
			/* last_seen is written at most once a minute, and at least
			 * ten times per idle period, or a limit under a minute
			 * would end sessions that are in use */
			long long slack = cfg.session_idle / 10 < 60 ? cfg.session_idle / 10 : 60;
			if (r->user.id && r->now - last > slack)
				r->touch_session = true; /* by session_note_use, when the request is handled */
			else if (!r->user.id) /* ended: gone when the request is handled
						       * (else at the next sign-in's session_expire) */
				memcpy(r->drop_session, h, 65);
		}
	}
}

void session_load(req *r)
{
	if (r->route && (r->route->flags & RF_JSON))
		bearer_load(r);
	else
		cookie_load(r);
	if (r->user.id) {
		/* the root of the account's tree: walk up from its unit */
		r->user.root_unit_id = unit_root_of(r->db, r->user.unit_id);
		make_csrf(r, "s:", r->session_hash);
	} else {
		r->csrf[0] = 0;
	}
}

void session_note_use(req *r)
{
	if (r->touch_session && r->session_hash[0])
		session_touch(r->db, r->session_hash, r->now);
	if (r->touch_token)
		apitoken_touch(r->db, r->touch_token, r->now);
	if (r->drop_session[0])
		session_delete(r->db, r->drop_session);
	r->touch_session = false;
	r->touch_token = 0;
	r->drop_session[0] = 0;
}

int session_start(req *r, resp *w, long long account_id)
{
	/* a new sign-in never reuses a token (no fixation): the old one ends here
	 * and the cookie set below replaces it */
	const char *old = cookie(r, COOKIE_SESSION);
	if (is_hex64(old)) {
		char oh[65];
		token_hash(old, oh);
		session_delete(r->db, oh);
	}
	unsigned char rnd[32];
	char tok[65], h[65];
	randombytes_buf(rnd, sizeof rnd);
	hex_encode(rnd, sizeof rnd, tok);
	token_hash(tok, h);
	if (session_insert(r->db, h, account_id, r->now, r->address ? r->address : "") < 0)
		return -1;
	/* expire stale sessions now and then, on sign-in rather than on every request */
	session_expire(r->db, r->now - cfg.session_idle, r->now - cfg.session_lifetime);
	set_cookie(r, w, COOKIE_SESSION, tok, 0, true);
	memcpy(r->session_hash, h, 65);
	return 0;
}

void session_end(req *r, resp *w)
{
	if (r->session_hash[0])
		session_delete(r->db, r->session_hash);
	const char *tok = cookie(r, COOKIE_SESSION);
	if (tok && is_hex64(tok)) {
		char h[65];
		token_hash(tok, h);
		session_delete(r->db, h);
	}
	if (tok)
		set_cookie(r, w, COOKIE_SESSION, "", -1, true);
	r->session_hash[0] = 0;
	memset(&r->user, 0, sizeof r->user);
}

void session_end_all(db *d, long long account_id)
{
	session_delete_account(d, account_id);
}
