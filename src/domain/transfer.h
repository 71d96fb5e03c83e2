/* transfer.h: the signed package between installs, its database side (issue
 * 17). A city that runs its own install reports its compiled form to a
 * province on another install: the city's install holds an ed25519 key pair
 * (in settings, so backup and restore carry it), the province records the
 * public key it trusts for that city (units.package_key). The city exports
 * the 定稿 of its top's compiled form with its stamped scan (transfer_source;
 * the ZIP and the signature are src/export/signed.c); the province checks the
 * package and records it as the city's submitted version in its own week
 * (transfer_target, transfer_record), as if the city had submitted there. */
#ifndef LW_TRANSFER_H
#define LW_TRANSFER_H
#include "submission.h"
#include <sodium.h>

#define TRANSFER_PK_BYTES crypto_sign_PUBLICKEYBYTES
#define TRANSFER_SK_BYTES crypto_sign_SECRETKEYBYTES

/* A new key pair for this install, kept in settings; refused (e) when there
 * is one already unless force. *pub: the public key in base64. 0 or -1. */
int transfer_keygen(db *d, arena *a, const actor *who, bool force, char **pub, errs *e);
/* This install's key pair; false (e) when keygen was never run. */
bool transfer_keys(db *d, arena *a, unsigned char pk[TRANSFER_PK_BYTES], unsigned char sk[TRANSFER_SK_BYTES], errs *e);
/* A public key as base64 (44 characters) into out; false if it is not one. */
bool transfer_key_parse(const char *b64, unsigned char out[TRANSFER_PK_BYTES]);
char *transfer_key_text(arena *a, const unsigned char pk[TRANSFER_PK_BYTES]);
/* Records key (blanks around it ignored) as the public key the parent
 * trusts for the unit, the same check for the page and the command line:
 * 0 (*replaced: another key was trusted before; the same key again writes
 * nothing), or the HTTP status of the refusal with e: 422 no key, 503 not
 * saved. Audited (trust, retrust). */
int transfer_trust_unit(db *d, arena *a, const actor *who, long long unit_id, const char *key, bool *replaced, errs *e);
/* The same for the unit named by code (or name). 0, or -1 with e. */
int transfer_trust(db *d, arena *a, const actor *who, const char *unit, const char *key, bool *replaced, errs *e);
/* The key trusted for the unit, "" none. */
char *transfer_trusted_key(db *d, arena *a, long long unit_id);
/* When (*at) and by whom the unit's key was last set, from the audit log;
 * false when it never was. */
bool transfer_trusted_since(db *d, arena *a, long long unit_id, long long *at, char **by);
/* A key's fingerprint to compare by eye or over the phone: the first 8
 * bytes of the SHA-256 of its 32 bytes, "3F2A 9C01 77BE 04D5"; "" no key. */
char *transfer_fingerprint(arena *a, const char *key);

/* What the child sends: the valid 定稿 of its top's compiled form of year,
 * and the stamped scan uploaded against it. */
typedef struct transfer_src {
	submission fin;            /* the 定稿 (id 0, final_id set) */
	const char *unit_code;     /* the top's code on this install */
	const char *unit_name;
	const char *week_title;
	long long year;
	attachment scan;
	long long week_id;
} transfer_src;
/* 0, or -1 with e: no week that year, no valid 定稿, no scan for it. */
int transfer_source(db *d, arena *a, long long year, transfer_src *src, errs *e);
/* The stamped scan f (a PDF already in the store) recorded against the
 * valid 定稿 of the top's compiled form of year, as the upward card uploads
 * it: for a top, which has no page to upload it. 0, or -1 with e. */
int transfer_add_scan(db *d, arena *a, const actor *who, long long year, const new_file *f, errs *e);

/* Where a package goes on the parent's install. */
typedef struct transfer_dest {
	long long unit_id, week_id, organiser;
	const char *unit_name;
	unsigned char key[TRANSFER_PK_BYTES];
} transfer_dest;
/* The unit the package names (code) must be a direct child of organiser
 * (and expect, when not 0: the page's unit) whose key is trusted. 0, or the
 * HTTP status of the refusal (403 untrusted, 404 no such unit, 409 not a
 * child or another unit than expected) with e. */
int transfer_target(db *d, arena *a, long long organiser, long long expect, const char *code, transfer_dest *t, errs *e);
/* Then, once the signature is checked: organiser's week of year (409 with e
 * when there is none). */
int transfer_week(db *d, arena *a, long long year, transfer_dest *t, errs *e);

/* A package's content, checked (signature and digests) by the caller. */
typedef struct transfer_pkg {
	const char *form_json, *verify_code, *digest;
	long long version, finalised_at;   /* the child's number and time */
	new_file scan;                     /* in the store already */
} transfer_pkg;
/* A package not seen yet (its code unknown here) for a report not yet
 * accepted: 0, or -1 with e. Checked before its files are kept, and again
 * inside transfer_record's transaction. */
int transfer_new(db *d, arena *a, const transfer_dest *t, const char *verify_code, errs *e);
/* Records the package as the unit's submitted version in the week, as
 * submission_submit does on one install: the 定稿 (with the child's code and
 * digest), its scan, the submitted version. The same package twice (its
 * code known) is refused (409); a newer one makes a new version while the
 * report is not accepted. The submission's id, or 0 with e and *status. */
long long transfer_record(db *d, arena *a, const actor *who, const transfer_dest *t, const transfer_pkg *p, int *status,
			  errs *e);
#endif
