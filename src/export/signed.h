/* signed.h: the signed package between installs (issue 17): the ZIP a
 * child's install exports (the 定稿 of its top's compiled form, its final PDF
 * and stamped scan, a manifest listing every file with its SHA-256, and an
 * ed25519 signature over the manifest) and its import on the parent's
 * install, checked before anything is unpacked or written. The database
 * side is domain/transfer.c. */
#ifndef LW_SIGNED_H
#define LW_SIGNED_H
#include "domain/transfer.h"

#define SIGNED_FORMAT "learnweek-package-1"
#define SIGNED_MAX_BYTES (120LL * 1024 * 1024)   /* the whole package */
#define SIGNED_MAX_ENTRIES 8
#define SIGNED_MAX_RATIO 50                      /* uncompressed : compressed, for entries over 64 KiB */

/* Writes the package of year's 定稿 to out (libzip: a temp file renamed at
 * the end). as_code: the unit code the parent knows this install's top by
 * (NULL: the top's own). *what: a line saying what was written. 0, or -1
 * with e. */
int signed_export(db *d, arena *a, const char *data_dir, long long year, const char *as_code, const char *out, char **what,
		  errs *e);

typedef struct signed_result {
	long long submission_id, unit_id, version, year;
	const char *unit_name;
} signed_result;
/* Checks the package at path (size, entries, names, each entry's size and
 * compression ratio, before reading any), its signature with the key trusted
 * for the unit it names, that unit a direct child of organiser (and
 * expect, unless 0), the year a
 * week of organiser's, every file against the manifest, the frozen form
 * against its digest; then records it (transfer_record). 0, or the HTTP
 * status of the refusal (400, 403, 404, 409, 413, 415, 422) with e; nothing
 * is written then. */
int signed_import(db *d, arena *a, const actor *who, const char *data_dir, long long organiser, long long expect, const char *path,
		  signed_result *res, errs *e);
#endif
