/* apitoken.h: per-account API tokens for the JSON API. A token is shown once
 * when it is made; the database keeps only its SHA-256, so a copy of the
 * database gives no access. Revoking takes effect on the next request. */
#ifndef LW_APITOKEN_H
#define LW_APITOKEN_H
#include "domain.h"

#define APITOKEN_PREFIX "lwt_"

typedef struct api_token {
	long long id, account_id, created_at, last_used, revoked_at;  /* 0: never / not revoked */
	char *name, *username, *display_name, *role, *created_by;
} api_token;

/* Makes a token for an account; *secret gets the token text (show it once).
 * Returns its id, or 0 with e filled. */
long long apitoken_create(db *d, arena *a, const actor *who, long long account_id, const char *name, char **secret,
			  errs *e);
int apitoken_revoke(db *d, arena *a, const actor *who, long long id);   /* -1 if already revoked */
bool apitoken_load(db *d, arena *a, long long id, api_token *t);
/* The tokens of the accounts of one unit, newest first. */
int apitoken_list(db *d, arena *a, long long unit_id, api_token **out);
/* The account a presented token belongs to: 0 when the token is unknown,
 * revoked, or its account disabled. Reads only: *touch gets the token's id
 * when its last use is to be noted (apitoken_touch; once a minute), else 0. */
long long apitoken_account(db *d, const char *token, long long now, long long *touch);
void apitoken_touch(db *d, long long id, long long now);

/* For API parameters: a unit given by its code or its id (0 if none); the
 * week of a year is week_by_year (org.h). */
long long unit_by_code_or_id(db *d, const char *s);
#endif
