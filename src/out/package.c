/* package.c: the submission package as a ZIP (libzip). libzip reads each
 * source file only while it writes the archive, chunk by chunk, into a temp
 * file beside out_path that it renames at the end. */
#include "core/hash.h"
#include "package.h"
#include "core/json_text.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/timefmt.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

static void sha_hex(const void *data, size_t len, char out[65])
{
	sha256_hex(data, len, out);
}

/* The manifest for people: the facts of the version, then the files in the
 * format of sha256sum, so `sha256sum -c manifest.txt` checks them. */
static void manifest_txt(arena *a, const package *p, char (*sha)[65], buf *b)
{
	buf_printf(b, "# 全民终身学习活动周报送材料\n# 单位：%s\n# 活动周：%s\n# 版本：第 %lld 版\n"
		      "# 提交时间：%s（北京时间）%s\n# 状态：%s\n# 校验码：%s\n",
		   p->unit, p->week_title, p->version, datetime_cn(a, p->submitted_at), p->late ? "，逾期提交" : "",
		   p->status, p->verify_code);
	if (p->verify_url)
		buf_printf(b, "# 核验网址：%s\n", p->verify_url);
	buf_printf(b, "# 以下每行为文件的 SHA-256 和文件名，可用 sha256sum -c manifest.txt 核对。\n");
	for (int i = 0; i < p->nfiles; i++)
		buf_printf(b, "%s  %s\n", sha[i], p->files[i].name);
}

static char *manifest_json(const package *p, char (*sha)[65])
{
	json_t *o = json_object();
	json_object_set_new(o, "unit", json_text(p->unit));
	json_object_set_new(o, "week", json_text(p->week_title));
	json_object_set_new(o, "year", json_integer(p->year));
	json_object_set_new(o, "version", json_integer(p->version));
	json_object_set_new(o, "submitted_at", json_integer(p->submitted_at));
	json_object_set_new(o, "late", json_boolean(p->late));
	json_object_set_new(o, "status", json_text(p->status));
	json_object_set_new(o, "verify_code", json_text(p->verify_code));
	if (p->verify_url)
		json_object_set_new(o, "verify_url", json_text(p->verify_url));
	json_t *files = json_array();
	for (int i = 0; i < p->nfiles; i++) {
		json_t *f = json_object();
		json_object_set_new(f, "name", json_text(p->files[i].name));
		json_object_set_new(f, "what", json_text(p->files[i].label));
		json_object_set_new(f, "size", json_integer(p->files[i].size));
		json_object_set_new(f, "sha256", json_text(sha[i]));
		json_array_append_new(files, f);
	}
	json_object_set_new(o, "files", files);
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	return s;
}

/* A ZIP entry's time has no zone and libzip writes it in the server's local
 * time: shift it so the entries read as Beijing time wherever the server runs. */
static time_t beijing_mtime(long long utc)
{
	time_t t = (time_t)utc;
	struct tm tm;
	localtime_r(&t, &tm);
	return (time_t)(utc + SHANGHAI_OFFSET - tm.tm_gmtoff);
}

static int add_entry(zip_t *z, const char *name, zip_source_t *src, bool compress, time_t mtime)
{
	if (!src)
		return -1;
	zip_int64_t idx = zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	zip_set_file_compression(z, (zip_uint64_t)idx, compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
	zip_file_set_mtime(z, (zip_uint64_t)idx, mtime, 0);
	return 0;
}

int package_write(const package *p, const char *out_path, char *err, size_t errlen)
{
	arena a = {0};
	char (*sha)[65] = arena_alloc(&a, sizeof *sha * (size_t)(p->nfiles + 1));
	for (int i = 0; i < p->nfiles; i++) {
		if (p->files[i].sha256)
			snprintf(sha[i], sizeof sha[i], "%s", p->files[i].sha256);
		else
			sha_hex(p->files[i].data, p->files[i].len, sha[i]);
	}
	int zerr = 0;
	zip_t *z = zip_open(out_path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z) {
		snprintf(err, errlen, "无法创建压缩包 %s", out_path);
		arena_free(&a);
		return -1;
	}
	buf txt = BUF_INIT;
	manifest_txt(&a, p, sha, &txt);
	char *json = manifest_json(p, sha);
	time_t mtime = beijing_mtime(p->submitted_at);
	int rc = 0;
	for (int i = 0; i < p->nfiles && rc == 0; i++) {
		const package_file *f = &p->files[i];
		zip_source_t *src = f->path ? zip_source_file(z, f->path, 0, -1) : zip_source_buffer(z, f->data, f->len, 0);
		rc = add_entry(z, f->name, src, f->compress, mtime);
		if (rc < 0)
			snprintf(err, errlen, "无法把「%s」加入压缩包：%s", f->name, zip_strerror(z));
	}
	if (rc == 0 && (add_entry(z, "manifest.txt", zip_source_buffer(z, txt.p, txt.len, 0), true, mtime) < 0 ||
			add_entry(z, "manifest.json", zip_source_buffer(z, json, strlen(json), 0), true, mtime) < 0)) {
		snprintf(err, errlen, "无法写入清单：%s", zip_strerror(z));
		rc = -1;
	}
	if (rc == 0 && zip_close(z) < 0) {
		snprintf(err, errlen, "写压缩包失败（文件库中的文件可能缺失，或磁盘已满）：%s", zip_strerror(z));
		rc = -1;
	}
	if (rc < 0)
		zip_discard(z);
	buf_free(&txt);
	free(json);
	arena_free(&a);
	return rc;
}
