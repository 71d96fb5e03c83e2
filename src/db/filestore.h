/* filestore.h: uploaded files, stored once under their SHA-256.
 * An upload streams into files/tmp/ with constant memory; only a complete,
 * fsynced file is renamed to files/ab/abcdef..., so a failure half-way leaves
 * nothing in the store, and a stored file never changes. */
#ifndef LW_FILESTORE_H
#define LW_FILESTORE_H
#include <stdbool.h>
#include <stddef.h>
#include <sodium.h>
#include "core/arena.h"

typedef struct upload {
	char tmp_path[4200];
	int fd;
	crypto_hash_sha256_state hash;
	long long size;
	unsigned char head[64];  /* the first bytes, for sniffing the type */
	size_t headlen;
	bool failed;
	int err;                 /* the errno of the failure (ENOSPC: the disk is full) */
	char sha256[65];         /* set by fs_finish */
} upload;

int fs_begin(const char *data_dir, upload *u);
int fs_write(upload *u, const void *data, size_t n);
int fs_finish(upload *u);                           /* hash, fsync; still in tmp */
/* fs_finish in two steps, so that a connection holds one descriptor at a
 * time and leaves the fsync to a thread that may wait: fs_close hashes and
 * closes (no fsync), fs_sync opens the temp file again and fsyncs it. */
int fs_close(upload *u);
int fs_sync(upload *u);
int fs_keep(const char *data_dir, upload *u);       /* move into the store (idempotent) */
void fs_discard(upload *u);                         /* unlink the temp file if any */
char *fs_path(arena *a, const char *data_dir, const char *sha256);
/* What the content is, from its first bytes: "image/jpeg", "image/png",
 * "application/pdf", "video/mp4", "application/zip", "application/msword" or NULL. */
const char *fs_sniff(const unsigned char *head, size_t n);
bool fs_sha_ok(const char *s);
#endif
