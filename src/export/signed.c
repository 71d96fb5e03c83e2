/* signed.c: the signed package between installs (see signed.h). Written by
 * hand over libzip, jansson and libsodium: the format is ours (a manifest of
 * names and SHA-256s, signed with ed25519), and no Debian library reads a
 * signed ZIP of this kind. */
#include "export/signed.h"
#include "core/buf.h"
#include "core/hash.h"
#include "core/json_text.h"
#include "core/timefmt.h"
#include "db/filestore.h"
#include "domain/org.h"
#include "export/form_doc.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

/* The entries of a package, each with its size limit. */
static const struct {
	const char *name;
	long long max;
	bool listed;   /* in the manifest's files (the manifest and its signature are not) */
} entries[] = {
	{"manifest.json", 256 * 1024, false},
	{"manifest.sig", 1024, false},
	{"form.json", 4 * 1024 * 1024, true},
	{"final.pdf", 60LL * 1024 * 1024, true},
	{"scan.pdf", 60LL * 1024 * 1024, true},
};
#define NENTRIES ((int)(sizeof entries / sizeof *entries))

static int entry_index(const char *name)
{
	for (int i = 0; name && i < NENTRIES; i++)
		if (!strcmp(entries[i].name, name))
			return i;
	return -1;
}

/* ---- export ---- */

static int add_buffer(zip_t *z, const char *name, const void *data, size_t len)
{
	void *copy = malloc(len ? len : 1);
	if (!copy)
		return -1;
	memcpy(copy, data, len);
	zip_source_t *src = zip_source_buffer(z, copy, len, 1);
	if (!src) {
		free(copy);
		return -1;
	}
	if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(src);
		return -1;
	}
	return 0;
}

static json_t *file_entry(const char *name, const char *sha, long long size)
{
	json_t *f = json_object();
	json_object_set_new(f, "name", json_string(name));
	json_object_set_new(f, "sha256", json_string(sha));
	json_object_set_new(f, "size", json_integer(size));
	return f;
}

int signed_export(db *d, arena *a, const char *data_dir, long long year, const char *as_code, const char *out, char **what,
		  errs *e)
{
	unsigned char pk[TRANSFER_PK_BYTES], sk[TRANSFER_SK_BYTES];
	if (!transfer_keys(d, a, pk, sk, e))
		return -1;
	transfer_src src;
	int rc = transfer_source(d, a, year, &src, e);
	buf pdf = BUF_INIT;
	char err[400] = "";
	if (rc == 0) {
		form_doc doc;
		submission_form_doc(a, &src.fin, &doc);
		if (form_file(&doc, true, &pdf, err, sizeof err) < 0) {
			err_add(e, NULL, arena_printf(a, "无法生成定稿 PDF：%s", err));
			rc = -1;
		}
	}
	char *scan_path = rc == 0 ? fs_path(a, data_dir, src.scan.sha256) : NULL;
	struct stat sst;
	if (rc == 0 && (stat(scan_path, &sst) != 0 || sst.st_size != src.scan.size)) {
		err_add(e, "scan", "文件库里找不到盖章扫描件（或大小不符）：请用 learnweek check --deep 检查数据目录。");
		rc = -1;
	}
	if (rc < 0) {
		sodium_memzero(sk, sizeof sk);
		buf_free(&pdf);
		return -1;
	}
	char form_sha[65], pdf_sha[65];
	sha256_hex(src.fin.form_json, strlen(src.fin.form_json), form_sha);
	sha256_hex(pdf.p, pdf.len, pdf_sha);
	const char *code = as_code && *as_code ? as_code : src.unit_code;
	json_t *m = json_object();
	json_object_set_new(m, "format", json_string(SIGNED_FORMAT));
	json_object_set_new(m, "unit_code", json_text(code));
	json_object_set_new(m, "unit_name", json_text(src.unit_name));
	json_object_set_new(m, "year", json_integer(year));
	json_object_set_new(m, "week", json_text(src.week_title));
	json_object_set_new(m, "version", json_integer(src.fin.version));
	json_object_set_new(m, "verify_code", json_text(src.fin.verify_code));
	json_object_set_new(m, "digest", json_text(src.fin.digest));
	json_object_set_new(m, "finalised_at", json_integer(src.fin.finalised_at));
	json_object_set_new(m, "scan_filename", json_text(src.scan.filename));
	json_object_set_new(m, "public_key", json_text(transfer_key_text(a, pk)));
	json_t *files = json_array();
	json_array_append_new(files, file_entry("form.json", form_sha, (long long)strlen(src.fin.form_json)));
	json_array_append_new(files, file_entry("final.pdf", pdf_sha, (long long)pdf.len));
	json_array_append_new(files, file_entry("scan.pdf", src.scan.sha256, src.scan.size));
	json_object_set_new(m, "files", files);
	char *manifest = json_dumps(m, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(m);
	unsigned char sig[crypto_sign_BYTES];
	crypto_sign_detached(sig, NULL, (const unsigned char *)manifest, strlen(manifest), sk);
	sodium_memzero(sk, sizeof sk);
	size_t sl = sodium_base64_ENCODED_LEN(sizeof sig, sodium_base64_VARIANT_ORIGINAL);
	char *sig_text = arena_alloc(a, sl + 1);
	sodium_bin2base64(sig_text, sl, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
	strcat(sig_text, "\n");

	int zerr = 0;
	zip_t *z = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z) {
		err_add(e, NULL, arena_printf(a, "无法创建 %s。", out));
		rc = -1;
	}
	if (rc == 0 && (add_buffer(z, "manifest.json", manifest, strlen(manifest)) < 0 ||
			add_buffer(z, "manifest.sig", sig_text, strlen(sig_text)) < 0 ||
			add_buffer(z, "form.json", src.fin.form_json, strlen(src.fin.form_json)) < 0 ||
			add_buffer(z, "final.pdf", pdf.p, pdf.len) < 0)) {
		err_add(e, NULL, "无法写入材料包。");
		rc = -1;
	}
	if (rc == 0) {
		zip_source_t *s = zip_source_file(z, scan_path, 0, -1);
		if (!s || zip_file_add(z, "scan.pdf", s, ZIP_FL_ENC_UTF_8) < 0) {
			if (s)
				zip_source_free(s);
			err_add(e, NULL, "无法把盖章扫描件写入材料包。");
			rc = -1;
		}
	}
	if (z && rc == 0 && zip_close(z) < 0) {
		err_add(e, NULL, arena_printf(a, "无法写入 %s：%s", out, zip_strerror(z)));
		zip_discard(z);
		rc = -1;
	} else if (z && rc < 0) {
		zip_discard(z);
	}
	free(manifest);
	buf_free(&pdf);
	if (rc == 0)
		*what = arena_printf(a, "%s %lld 年总结表第 %lld 版定稿（校验码 %s）的材料包，以单位代码 %s 签名", src.unit_name, year,
				     src.fin.version, verify_code_display(a, src.fin.verify_code), code);
	return rc;
}

/* ---- import ---- */

/* The entry's bytes (at most its declared size, which was checked). */
static char *read_entry(zip_t *z, zip_int64_t idx, zip_uint64_t size, arena *a)
{
	zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
	if (!f)
		return NULL;
	char *p = arena_alloc(a, size + 1);
	zip_uint64_t got = 0;
	zip_int64_t n;
	while (got < size && (n = zip_fread(f, p + got, size - got)) > 0)
		got += (zip_uint64_t)n;
	char extra;
	bool ok = got == size && zip_fread(f, &extra, 1) == 0;
	zip_fclose(f);
	if (!ok)
		return NULL;
	p[size] = 0;
	return p;
}

/* Streams an entry through SHA-256 into hex. With u, into the store, which
 * hashes what it writes: hex is then the store's digest (fs_finish), the
 * entry is hashed once. */
static bool hash_entry(zip_t *z, zip_int64_t idx, zip_uint64_t size, char hex[65], upload *u)
{
	zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
	if (!f)
		return false;
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	static _Thread_local unsigned char chunk[64 * 1024];
	zip_uint64_t got = 0;
	zip_int64_t n;
	bool ok = true;
	while (ok && (n = zip_fread(f, chunk, sizeof chunk)) > 0) {
		got += (zip_uint64_t)n;
		ok = got <= size;
		if (ok && u)
			ok = fs_write(u, chunk, (size_t)n) == 0;
		else if (ok)
			crypto_hash_sha256_update(&st, chunk, (unsigned long long)n);
	}
	zip_fclose(f);
	if (!ok || n < 0 || got != size || (u && fs_finish(u) < 0))
		return false;
	if (u)
		memcpy(hex, u->sha256, 65);
	else
		sha256_final_hex(&st, hex);
	return true;
}

static const char *jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

int signed_import(db *d, arena *a, const actor *who, const char *data_dir, long long organiser, long long expect, const char *path,
		  signed_result *res, errs *e)
{
	memset(res, 0, sizeof *res);
	/* the limits first, from the file's size and the central directory alone */
	struct stat fst;
	if (stat(path, &fst) != 0) {
		err_add(e, NULL, "无法读取上传的材料包。");
		return 400;
	}
	if (fst.st_size > SIGNED_MAX_BYTES) {
		err_add(e, NULL, arena_printf(a, "材料包太大（%lld 字节）：最大 %lld MB。", (long long)fst.st_size, SIGNED_MAX_BYTES / 1024 / 1024));
		return 413;
	}
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!z) {
		err_add(e, NULL, "上传的文件不是 ZIP 格式的材料包（或已损坏）。请上传下级用 learnweek package export 导出的 .zip 文件。");
		return 415;
	}
	int status = 0;
	zip_int64_t n = zip_get_num_entries(z, 0);
	zip_int64_t idx[NENTRIES];
	zip_uint64_t size[NENTRIES];
	for (int i = 0; i < NENTRIES; i++)
		idx[i] = -1;
	unsigned long long total = 0;
	if (n > SIGNED_MAX_ENTRIES) {
		err_add(e, NULL, arena_printf(a, "材料包里有 %lld 个文件，太多了：材料包只有 %d 个文件。", (long long)n, NENTRIES));
		status = 413;
	}
	for (zip_int64_t i = 0; !status && i < n; i++) {
		zip_stat_t st;
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) < 0 || !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE) ||
		    !(st.valid & ZIP_STAT_COMP_SIZE)) {
			err_add(e, NULL, "材料包已损坏，无法读取其中的文件清单。");
			status = 422;
			break;
		}
		int k = entry_index(st.name);
		if (k < 0) {
			err_add(e, NULL, arena_printf(a, "材料包里有不该有的文件「%s」。", st.name));
			status = 422;
		} else if (idx[k] >= 0) {
			err_add(e, NULL, arena_printf(a, "材料包里有两个「%s」。", st.name));
			status = 422;
		} else if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
			err_add(e, NULL, "材料包里的文件加了密码，无法读取。");
			status = 422;
		} else if ((long long)st.size > entries[k].max) {
			err_add(e, NULL, arena_printf(a, "材料包里的「%s」解压后太大（%llu 字节）。", st.name, (unsigned long long)st.size));
			status = 413;
		} else if (st.size > 64 * 1024 && st.size / (st.comp_size ? st.comp_size : 1) > SIGNED_MAX_RATIO) {
			err_add(e, NULL, arena_printf(a, "材料包里的「%s」压缩比异常（超过 %d 倍），疑似压缩炸弹，已拒绝。", st.name, SIGNED_MAX_RATIO));
			status = 413;
		} else {
			idx[k] = i;
			size[k] = st.size;
			total += st.size;
		}
	}
	if (!status && total > (unsigned long long)SIGNED_MAX_BYTES) {
		err_add(e, NULL, "材料包解压后太大。");
		status = 413;
	}
	for (int k = 0; !status && k < NENTRIES; k++)
		if (idx[k] < 0) {
			err_add(e, NULL, arena_printf(a, "材料包不完整：缺少「%s」。", entries[k].name));
			status = 422;
		}
	/* the manifest and the unit it names, then its signature with that unit's key */
	char *manifest = status ? NULL : read_entry(z, idx[0], size[0], a);
	char *sig_text = status ? NULL : read_entry(z, idx[1], size[1], a);
	json_t *m = manifest ? json_loads(manifest, 0, NULL) : NULL;
	if (!status && (!m || strcmp(jstr(m, "format"), SIGNED_FORMAT) || !json_is_integer(json_object_get(m, "year")))) {
		err_add(e, NULL, "材料包的清单（manifest.json）无法读取，或不是本系统的材料包。");
		status = 422;
	}
	transfer_dest t;
	long long year = m ? json_integer_value(json_object_get(m, "year")) : 0;
	if (!status)
		status = transfer_target(d, a, organiser, expect, jstr(m, "unit_code"), &t, e);
	unsigned char sig[crypto_sign_BYTES];
	size_t siglen = 0;
	if (!status && (sodium_base642bin(sig, sizeof sig, sig_text, strlen(sig_text), "\r\n", &siglen, NULL,
					  sodium_base64_VARIANT_ORIGINAL) != 0 || siglen != sizeof sig ||
			crypto_sign_verify_detached(sig, (const unsigned char *)manifest, size[0], t.key) != 0)) {
		err_add(e, NULL, arena_printf(a, "材料包的签名不对：它不是用登记的「%s」的密钥签的，或清单被改动过。已拒绝。", t.unit_name));
		status = 422;
	}
	if (!status)
		status = transfer_week(d, a, year, &t, e);
	/* every file against the signed manifest */
	json_t *files = m ? json_object_get(m, "files") : NULL;
	const char *want[NENTRIES] = {0};
	if (!status && json_array_size(files) != 3) {
		err_add(e, NULL, "材料包的清单列出的文件不对。");
		status = 422;
	}
	size_t fi;
	json_t *f;
	json_array_foreach(status ? NULL : files, fi, f) {
		int k = entry_index(jstr(f, "name"));
		if (k < 0 || !entries[k].listed || want[k] || json_integer_value(json_object_get(f, "size")) != (long long)size[k]) {
			err_add(e, NULL, arena_printf(a, "材料包里的「%s」与清单不符（名称或大小），可能被改动过。", jstr(f, "name")));
			status = 422;
			break;
		}
		want[k] = jstr(f, "sha256");
	}
	char *form = status ? NULL : read_entry(z, idx[2], size[2], a);
	char hex[65];
	if (!status && (!form || (sha256_hex(form, size[2], hex), strcmp(hex, want[2])))) {
		err_add(e, NULL, "材料包里的总结表数据（form.json）与签名的清单不符，已被改动过。");
		status = 422;
	}
	if (!status && (!hash_entry(z, idx[3], size[3], hex, NULL) || strcmp(hex, want[3]))) {
		err_add(e, NULL, "材料包里的定稿 PDF（final.pdf）与签名的清单不符，已被改动过。");
		status = 422;
	}
	/* the frozen values must say what the digest says */
	submission fs = {.form_json = form};
	if (!status && strcmp(form_digest(a, submission_fields(a, &fs, NULL, NULL)), jstr(m, "digest"))) {
		err_add(e, NULL, "材料包里的总结表数据与它的摘要不符。");
		status = 422;
	}
	upload u = {0};
	bool began = false;
	if (!status) {
		began = fs_begin(data_dir, &u) == 0;
		if (!began || !hash_entry(z, idx[4], size[4], hex, &u) || strcmp(hex, want[4])) {
			bool stored = began && !u.failed; /* the store wrote all it was given */
			err_add(e, NULL, stored ? "材料包里的盖章扫描件（scan.pdf）与签名的清单不符，已被改动过。" : "暂时无法保存文件，请稍后重试。");
			status = stored ? 422 : 503;
		} else if (strcmp(file_type(u.tmp_path, u.head, u.headlen) ? file_type(u.tmp_path, u.head, u.headlen) : "", "pdf")) {
			err_add(e, NULL, "材料包里的盖章扫描件不是 PDF 文件。");
			status = 422;
		}
	}
	zip_discard(z);
	if (!status && transfer_new(d, a, &t, jstr(m, "verify_code"), e) < 0)
		status = 409;
	if (!status && fs_keep(data_dir, &u) < 0) {
		err_add(e, NULL, "暂时无法保存文件，请稍后重试。");
		status = 503;
	}
	if (began)
		fs_discard(&u);
	if (!status) {
		transfer_pkg p = {form, jstr(m, "verify_code"), jstr(m, "digest"), json_integer_value(json_object_get(m, "version")),
				  json_integer_value(json_object_get(m, "finalised_at")),
				  {u.sha256, clean_filename(a, jstr(m, "scan_filename"), "盖章扫描件.pdf"), "application/pdf", (long long)size[4], NULL}};
		p.verify_code = arena_strdup(a, p.verify_code);
		p.digest = arena_strdup(a, p.digest);
		long long id = transfer_record(d, a, who, &t, &p, &status, e);
		if (id) {
			submission s;
			res->submission_id = id;
			res->unit_id = t.unit_id;
			res->unit_name = t.unit_name;
			res->year = year;
			res->version = submission_load(d, a, id, &s) ? s.version : 0;
		}
	}
	json_decref(m);
	return status;
}
