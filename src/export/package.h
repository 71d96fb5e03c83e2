/* package.h: the submission package, one ZIP file: the form as PDF and DOCX,
 * every attachment under a name that says its unit and kind, and a manifest
 * (manifest.txt for people, manifest.json for programs) with each file's
 * SHA-256. Attachments are copied from the file store in chunks, so a 2 GB
 * video never sits in memory. */
#ifndef LW_PACKAGE_H
#define LW_PACKAGE_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"
#include "core/progress.h"
#include "db/db.h"
#include "domain/submission.h"

typedef struct package_file {
	const char *name;        /* inside the ZIP: 东湖区-照片-01.jpg */
	const char *label;       /* what it is: 活动照片 */
	const char *path;        /* a file on disk, or NULL ... */
	const void *data;        /* ... the bytes in memory */
	size_t len;
	long long size;          /* bytes */
	const char *sha256;      /* hex; NULL: computed from data */
	bool compress;           /* false for content that is already compressed */
} package_file;

typedef struct package {
	const char *unit, *week_title, *status, *verify_code, *verify_url;
	long long year, version, submitted_at;
	bool late;
	package_file *files;
	int nfiles;
	const field_value *fields;   /* the form as submitted, for the reasons of changed figures; NULL none */
} package;

/* Writes the ZIP to out_path (libzip writes a temp file beside it and renames
 * it at the end). Returns 0, or -1 with err set and out_path as it was. */
int package_write(const package *p, const char *out_path, char *err, size_t errlen);

/* A version's package (the form as PDF and DOCX, every attachment named by
 * unit and kind, a manifest with SHA-256) written to out_path. 0, or -1 with err. */
int submission_package(arena *a, const char *data_dir, const submission *s, const char *out_path, char *err, size_t errlen);
/* The same into a new file: out_path, or when that is NULL a temp file in the
 * file store's tmp folder (data_dir/files/tmp), for a response that streams
 * it and removes it once open. Returns the path written and its size in
 * *size; NULL with err, leaving nothing behind. */
char *submission_package_file(arena *a, const char *data_dir, const submission *s, const char *out_path, long long *size,
			      char *err, size_t errlen);

/* One ZIP of every unit's latest submission package (built one at a time
 * in tmpdir, which must exist, then stored as they are) and 清单.txt saying
 * which unit sent which version and which have not submitted. Written to
 * out_path. 0, or -1 with err. */
int city_packages_zip(db *d, const char *data_dir, long long week_id, const char *tmpdir, const char *out_path,
		      const progress *pg, char *err, size_t errlen);
#endif
