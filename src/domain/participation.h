/* participation.h: what residents do with an activity: sign up (with a waiting
 * list), check in by the QR code, rate it. The tokens handed to residents
 * (self-cancel link, rating) are 32 random bytes; only their SHA-256 is stored. */
#ifndef LW_PARTICIPATION_H
#define LW_PARTICIPATION_H
#include "domain.h"
#include "activity.h"

/* What became of a request; the pages turn it into a status and a message. */
typedef enum part_rc {
	PART_OK = 0,
	PART_INVALID,      /* the input is wrong; errs says what */
	PART_NOT_FOUND,    /* no such activity, or still a draft */
	PART_CANCELLED,    /* the activity is cancelled */
	PART_ENDED,        /* the activity is over: no more sign-ups */
	PART_NOT_OPEN,     /* check-in is not open at this time */
	PART_DUPLICATE,    /* this phone number has signed up already */
	PART_ALREADY,      /* already cancelled, checked in or rated */
	PART_CHECKED_IN,   /* a checked-in registration cannot be cancelled */
	PART_NO_MATCH,     /* no registration with that name and those four digits */
	PART_DENIED,       /* no valid check-in behind a rating token */
	PART_BUSY,         /* the database failed; nothing was written */
	PART_THROTTLED,    /* too many attempts from this address or number; counted for staff */
} part_rc;

/* Throttles on what residents do without an account, which feeds the figures
 * (issue 14). Sized for a real activity: a community hall's one shared phone
 * signing up its elderly neighbours, or checking in a room of walk-ins, stays
 * under them; staff sign-ups (代报名) and the staff tally are not limited.
 * Past them the answer is 429 and the refusal is counted on the staff page. */
#define SIGNUPS_PER_ADDRESS_ACTIVITY 30   /* an hour, one address into one activity: a hall's whole class */
#define SIGNUPS_PER_ADDRESS 60            /* an hour, one address into any activities */
#define SIGNUPS_PER_PHONE 10              /* a day, one number's sign-ups (those that stand) into any activities */
#define CHECKINS_PER_ADDRESS_ACTIVITY 60  /* an hour, one device at the door of one activity */
#define CHECKIN_MISSES_PER_ADDRESS 5      /* 15 minutes: name and last four digits that match no sign-up */
#define RATINGS_PER_ADDRESS_ACTIVITY 60   /* an hour, one device rating one activity */

#define TOKEN_HEX 64        /* a token as residents get it: 32 bytes in hex */
#define NAME_MAX_CHARS 40
#define COMMENT_MAX_CHARS 500

/* A mainland mobile number: 11 digits, 1[3-9]..., written with or without
 * spaces, dashes and a +86 prefix. out gets the 11 digits. */
bool phone_normalize(const char *in, char out[12]);
/* 138****5678; never shows more than the first three and last four digits. */
char *phone_mask(arena *a, const char *phone);

typedef struct registration {
	long long id, activity_id, created_at;
	char *name;
	char *phone;          /* NULL: none given (signed up by staff) */
	char *status;         /* confirmed, waiting, cancelled */
	char *assisted_by;    /* the staff member's name for 代报名, NULL otherwise */
	long long waiting_pos;   /* 1-based place on the waiting list; 0 when not waiting */
	long long checked_in_at; /* 0: not checked in */
} registration;
/* A duplicate sign-up (a number already signed up for the activity) is
 * answered exactly as a new one, so a sign-up cannot be found by probing: its
 * registration has a negative id, a cancel link of its own, and counts for
 * nothing. Only the cancel link of the first sign-up reaches the real one. */
const char *registration_status_label(const char *status);   /* confirmed -> 报名成功 */

/* Signs someone up: confirmed while places remain, else on the waiting list.
 * assisted: staff sign up for a resident (who->account_id is recorded and the
 * phone may be empty). token gets the self-cancel token. */
part_rc registration_create(db *d, arena *a, const actor *who, long long activity_id, const char *name,
			    const char *phone, bool assisted, registration *out, char token[TOKEN_HEX + 1], errs *e);
bool registration_load(db *d, arena *a, long long id, registration *out);
bool registration_by_token(db *d, arena *a, const char *token, registration *out);
/* Cancels; when that frees a confirmed place the first on the waiting list
 * moves up in the same transaction (*promoted gets its id, else 0). */
part_rc registration_cancel(db *d, arena *a, const actor *who, long long id, long long *promoted);
/* Every registration of an activity: confirmed and waiting first, in order. */
int registration_list(db *d, arena *a, long long activity_id, registration **out);
typedef struct reg_counts {
	long long confirmed, waiting, cancelled;
} reg_counts;
reg_counts registration_counts(db *d, long long activity_id);

/* ---- check-in ---- */
typedef struct checkin {
	long long id, activity_id, registration_id, created_at;
	char *name;
	char *rating;         /* the score given, NULL when not rated yet */
} checkin;
/* The code from the QR code, compared in constant time. */
bool checkin_code_ok(const activity *x, const char *code);
/* Check-in opens CHECKIN_OPENS_BEFORE before the start and closes
 * CHECKIN_CLOSES_AFTER after the end: a photo of the poster taken today must
 * not count people next month. */
#define CHECKIN_OPENS_BEFORE (2 * 3600)
#define CHECKIN_CLOSES_AFTER (6 * 3600)
part_rc checkin_window(const activity *x, long long now);
/* last4 given: the registration with that name and phone ending; else a
 * walk-in (linked to a phone-less registration of that name if there is one).
 * token gets the rating token. */
part_rc checkin_create(db *d, arena *a, const actor *who, const activity *x, const char *name, const char *last4,
		       checkin *out, char token[TOKEN_HEX + 1], errs *e);
bool checkin_by_token(db *d, arena *a, long long activity_id, const char *token, checkin *out);
int checkin_list(db *d, arena *a, long long activity_id, checkin **out);
long long checkin_count(db *d, long long activity_id);

/* ---- ratings ---- */
#define N_SCORES 3
extern const char *const scores[N_SCORES];         /* satisfied, basic, unsatisfied */
const char *score_label(const char *score);        /* 满意 / 基本满意 / 不满意 */
part_rc rating_create(db *d, arena *a, const actor *who, long long activity_id, const char *token, const char *score,
		      const char *comment, errs *e);
#endif
