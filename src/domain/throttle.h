/* throttle.h: limits on the anonymous actions that feed an activity's figures
 * (sign-ups, check-ins, ratings), counted per client address, phone number or
 * activity in fixed windows, and what they refused, per activity, for staff. */
#ifndef LW_THROTTLE_H
#define LW_THROTTLE_H
#include "domain.h"

typedef struct limit {
	const char *scope;   /* what is counted, e.g. "signup/addr" */
	const char *key;     /* whose: an address, a number, "activity:address" (hashed before it is stored) */
	int max;             /* attempts allowed in a window */
	int window;          /* seconds */
} limit;

/* In its own transaction: one attempt counted against each limit. When any is
 * past its max, the attempt is refused: a refusal of kind is counted for
 * activity_id and false returned (*retry_after: seconds until it frees up).
 * On a database failure the attempt is allowed: a throttle must not turn a
 * busy moment into a refusal of real residents. */
bool throttle_allow(db *d, long long activity_id, const char *kind, const limit *l, int n, long long now, long long *retry_after);
/* Whether l is used up already (no attempt counted): for failures counted
 * afterwards with throttle_note, like wrong check-in digits. */
bool throttle_spent(db *d, const limit *l, long long now, long long *retry_after);
void throttle_note(db *d, const limit *l, long long now);
/* A refusal counted for the activity's staff page. */
void refusal_count(db *d, long long activity_id, const char *kind, long long now);

typedef struct refusals {
	long long signup, checkin, checkin_guess, rating;
} refusals;
refusals activity_refusals(db *d, long long activity_id);
#endif
