/* filestore.c: the content-addressed file store. */
#include "core/hash.h"
#include "filestore.h"
#include "core/log.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_begin(const char *data_dir, upload *u)
{
	memset(u, 0, sizeof *u);
	snprintf(u->tmp_path, sizeof u->tmp_path, "%s/files/tmp/upload-XXXXXX", data_dir);
	u->fd = mkstemp(u->tmp_path);
	if (u->fd < 0) {
		u->err = errno;
		log_error("filestore: cannot create %s: %s", u->tmp_path, strerror(errno));
		u->tmp_path[0] = 0;
		u->failed = true;
		return -1;
	}
	crypto_hash_sha256_init(&u->hash);
	return 0;
}

int fs_write(upload *u, const void *data, size_t n)
{
	if (u->failed)
		return -1;
	if (u->headlen < sizeof u->head) {
		size_t k = sizeof u->head - u->headlen;
		if (k > n)
			k = n;
		memcpy(u->head + u->headlen, data, k);
		u->headlen += k;
	}
	crypto_hash_sha256_update(&u->hash, data, n);
	const char *p = data;
	while (n) {
		ssize_t w = write(u->fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			u->err = errno;
			log_error("filestore: write failed: %s", strerror(errno));
			u->failed = true;
			return -1;
		}
		p += w;
		n -= (size_t)w;
		u->size += w;
	}
	return 0;
}

int fs_finish(upload *u)
{
	if (u->failed || u->fd < 0)
		return -1;
	sha256_final_hex(&u->hash, u->sha256);
	if (fsync(u->fd) < 0) {
		u->err = errno;
		u->failed = true;
		return -1;
	}
	close(u->fd);
	u->fd = -1;
	return 0;
}

int fs_close(upload *u)
{
	if (u->failed || u->fd < 0)
		return -1;
	sha256_final_hex(&u->hash, u->sha256);
	if (close(u->fd) < 0) {
		u->fd = -1;
		u->err = errno;
		u->failed = true;
		return -1;
	}
	u->fd = -1;
	return 0;
}

int fs_sync(upload *u)
{
	if (u->failed || !u->tmp_path[0] || !u->sha256[0])
		return -1;
	int fd = open(u->tmp_path, O_RDONLY);
	if (fd < 0 || fsync(fd) < 0) {
		u->err = errno;
		u->failed = true;
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

char *fs_path(arena *a, const char *data_dir, const char *sha)
{
	return arena_printf(a, "%s/files/%.2s/%s", data_dir, sha, sha);
}

int fs_keep(const char *data_dir, upload *u)
{
	if (u->failed || !u->sha256[0])
		return -1;
	if (!u->tmp_path[0])
		return 0; /* already kept */
	char dir[4200], dest[4300];
	snprintf(dir, sizeof dir, "%s/files/%.2s", data_dir, u->sha256);
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return -1;
	snprintf(dest, sizeof dest, "%s/%s", dir, u->sha256);
	if (access(dest, F_OK) == 0) {
		unlink(u->tmp_path); /* the same bytes are already stored */
	} else if (rename(u->tmp_path, dest) < 0) {
		log_error("filestore: rename to %s failed: %s", dest, strerror(errno));
		return -1;
	} else {
		int dfd = open(dir, O_RDONLY | O_DIRECTORY);
		if (dfd >= 0) {
			fsync(dfd); /* the rename itself survives a crash */
			close(dfd);
		}
	}
	u->tmp_path[0] = 0;
	return 0;
}

void fs_discard(upload *u)
{
	if (u->fd > 0)
		close(u->fd);
	u->fd = -1;
	if (u->tmp_path[0])
		unlink(u->tmp_path);
	u->tmp_path[0] = 0;
}

const char *fs_sniff(const unsigned char *h, size_t n)
{
	if (n >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF)
		return "image/jpeg";
	if (n >= 8 && !memcmp(h, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if (n >= 5 && !memcmp(h, "%PDF-", 5))
		return "application/pdf";
	if (n >= 12 && !memcmp(h + 4, "ftyp", 4))
		return "video/mp4";
	if (n >= 4 && !memcmp(h, "PK\x03\x04", 4))
		return "application/zip"; /* .docx and .xlsx are ZIP files */
	if (n >= 8 && !memcmp(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return "application/msword"; /* OLE2: .doc and .xls */
	return NULL;
}

bool fs_sha_ok(const char *s)
{
	if (!s || strlen(s) != 64)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}
