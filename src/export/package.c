/* package.c: the submission package as a ZIP (libzip), made from a frozen
 * version (its form and its attachments in the file store), and the ZIP of
 * every unit's latest package. libzip reads each source file only while it
 * writes the archive, chunk by chunk, into a temp file beside out_path that
 * it renames at the end. */
#include "export/package.h"
#include "core/hash.h"
#include "core/json_text.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/timefmt.h"
#include "db/filestore.h"
#include "domain/cityform.h"
#include "export/form_doc.h"
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

/* A new, empty archive at path (libzip writes it at zip_close); NULL with err. */
static zip_t *zip_create(const char *path, char *err, size_t errlen)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z)
		snprintf(err, errlen, "无法创建压缩包 %s", path);
	return z;
}

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
	/* the reasons for changed figures, as the form's 说明; every line a comment, so sha256sum -c skips them */
	char *reasons = p->fields ? report_reasons(a, p->fields) : NULL;
	if (reasons) {
		buf_puts(b, "# 修改说明：\n# ");
		for (const char *c = reasons; *c; c++)
			if (*c == '\n')
				buf_puts(b, "\n# ");
			else if (*c != '\r')
				buf_putc(b, *c);
		buf_putc(b, '\n');
	}
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
	/* each changed figure with its reason: what the system said, what the form says, why */
	json_t *changed = json_array();
	for (int i = 0; p->fields && p->fields[i].def; i++) {
		const field_value *f = &p->fields[i];
		if (!f->overridden || !f->reason || !*f->reason)
			continue;
		json_t *c = json_object();
		json_object_set_new(c, "field", json_text(f->def->key));
		json_object_set_new(c, "label", json_text(f->def->label));
		json_object_set_new(c, "system", json_text(f->derived ? f->derived : ""));
		json_object_set_new(c, "form", json_text(f->shown ? f->shown : ""));
		json_object_set_new(c, "reason", json_text(f->reason));
		json_array_append_new(changed, c);
	}
	json_object_set_new(o, "overrides", changed);
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
	zip_t *z = zip_create(out_path, err, errlen);
	if (!z) {
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

/* ---- a version's package ---- */

static bool compressible(const char *mime)
{
	return !strcmp(mime, "application/pdf") || !strcmp(mime, "application/msword");
}

int submission_package(arena *a, const char *data_dir, const submission *s, const char *out_path, char *err, size_t errlen)
{
	form_doc doc;
	submission_form_doc(a, s, &doc);
	buf pdf = BUF_INIT, docx = BUF_INIT;
	if (form_pdf(&doc, &pdf, err, errlen) < 0 || form_docx(&doc, &docx, err, errlen) < 0) {
		buf_free(&pdf);
		buf_free(&docx);
		return -1;
	}
	frozen_file *ff;
	int nf = submission_files(a, s, &ff);
	package_file *pf = arena_alloc(a, sizeof *pf * (size_t)(nf + 2));
	const char *uname = file_name_part(a, s->unit_name);
	pf[0] = (package_file){arena_printf(a, "%s-总结表.pdf", uname), "总结表（PDF）", NULL, pdf.p, pdf.len, (long long)pdf.len, NULL, true};
	pf[1] = (package_file){arena_printf(a, "%s-总结表.docx", uname), "总结表（Word）", NULL, docx.p, docx.len, (long long)docx.len, NULL, false};
	int n = 2, rc = 0;
	for (int k = 0; k < N_ATT_KINDS && rc == 0; k++) {
		const att_kind_def *kind = &att_kinds[k];
		int of_kind = 0, seq = 0;
		for (int i = 0; i < nf; i++)
			of_kind += !strcmp(ff[i].kind, kind->key);
		for (int i = 0; i < nf && rc == 0; i++) {
			if (strcmp(ff[i].kind, kind->key))
				continue;
			seq++;
			const char *ext = file_ext(ff[i].mime, ff[i].filename);
			package_file *p = &pf[n++];
			p->name = kind->numbered || of_kind > 1 ? arena_printf(a, "%s-%s-%02d%s", uname, kind->file_word, seq, ext)
								: arena_printf(a, "%s-%s%s", uname, kind->file_word, ext);
			p->label = arena_printf(a, "%s：%s", kind->label, ff[i].filename);
			p->path = fs_path(a, data_dir, ff[i].sha256);
			p->size = ff[i].size;
			p->sha256 = ff[i].sha256;
			p->compress = compressible(ff[i].mime);
			struct stat st;
			if (stat(p->path, &st) < 0) {
				snprintf(err, errlen, "文件库中缺少「%s」（%s），无法打包。", ff[i].filename, kind->label);
				rc = -1;
			}
		}
	}
	char *title = submission_form_text(a, s, "week_title");
	long long year = submission_year(s);
	field_value *fv = submission_fields(a, s, NULL, NULL);
	package pk = {
		.unit = s->unit_name, .week_title = title ? title : "", .status = submission_status_label(s->status),
		.verify_code = verify_code_display(a, s->verify_code), .verify_url = submission_verify_url(a, s),
		.year = year, .version = s->version, .submitted_at = s->submitted_at, .late = s->late,
		.files = pf, .nfiles = n, .fields = fv,
	};
	if (rc == 0)
		rc = package_write(&pk, out_path, err, errlen);
	buf_free(&pdf);
	buf_free(&docx);
	return rc;
}

char *submission_package_file(arena *a, const char *data_dir, const submission *s, const char *out_path, long long *size,
			      char *err, size_t errlen)
{
	char *path = (char *)out_path;
	if (!path) {
		path = arena_printf(a, "%s/files/tmp/package-XXXXXX", data_dir);
		int fd = mkstemp(path);
		if (fd < 0) {
			snprintf(err, errlen, "服务器无法生成材料包（磁盘可能已满），请联系管理员。");
			return NULL;
		}
		close(fd);
	}
	struct stat st;
	if (submission_package(a, data_dir, s, path, err, errlen) < 0 || stat(path, &st) < 0) {
		if (!out_path)
			unlink(path);
		if (!*err)
			snprintf(err, errlen, "无法写入 %s：%s", path, strerror(errno));
		return NULL;
	}
	*size = st.st_size;
	return path;
}

/* ---- every unit's package in one ZIP ---- */

struct zip_progress {
	const progress *pg;
	long long base, span, total;
};

static void zip_progress_cb(zip_t *z, double share, void *ud)
{
	(void)z;
	struct zip_progress *zp = ud;
	progress_say(zp->pg, "写入压缩包", zp->base + (long long)(share * (double)zp->span), zp->total);
}

int city_packages_zip(db *d, const char *data_dir, long long week_id, const char *tmpdir, const char *out_path,
		      const progress *pg, char *err, size_t errlen)
{
	arena a = {0};
	unit *units;
	int nu = stats_units(d, &a, week_id, &units);
	week wk;
	if (!week_load(d, &a, week_id, &wk)) {
		snprintf(err, errlen, "找不到这届活动周。");
		arena_free(&a);
		return -1;
	}
	zip_t *z = zip_create(out_path, err, errlen);
	if (!z) {
		arena_free(&a);
		return -1;
	}
	/* steps: one per unit, then the archive itself as much again */
	long long total = 2LL * nu + 1;
	char **parts = arena_alloc(&a, sizeof *parts * (size_t)(nu + 1));
	int nparts = 0, rc = 0, sent = 0;
	buf list = BUF_INIT;
	buf_printf(&list, "%s：各单位报送材料\r\n导出时间：%s（北京时间）\r\n\r\n", wk.title, datetime_cn(&a, now_utc()));
	long long root = unit_root(d);
	for (int i = 0; i < nu && rc == 0; i++) {
		if (units[i].id == root)
			continue;
		progress_say(pg, units[i].name, i, total);
		long long latest = unit_latest_submission(d, week_id, units[i].id);
		submission s;
		if (!latest || !submission_load(d, &a, latest, &s)) {
			buf_printf(&list, "%s：未提交\r\n", units[i].name);
			continue;
		}
		char *part = arena_printf(&a, "%s/bundle-part-XXXXXX", tmpdir);
		int fd = mkstemp(part);
		if (fd < 0) {
			snprintf(err, errlen, "无法在 %s 中创建临时文件", tmpdir);
			rc = -1;
			break;
		}
		close(fd);
		parts[nparts++] = part;
		if (submission_package(&a, data_dir, &s, part, err, errlen) < 0) {
			rc = -1;
			break;
		}
		char *name = submission_file_name(&a, &s, "报送材料", ".zip");
		zip_source_t *src = zip_source_file(z, part, 0, -1);
		zip_int64_t idx = src ? zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
		if (idx < 0) {
			if (src)
				zip_source_free(src);
			snprintf(err, errlen, "无法把「%s」加入压缩包：%s", name, zip_strerror(z));
			rc = -1;
			break;
		}
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0); /* a ZIP inside does not shrink */
		buf_printf(&list, "%s：第 %lld 版，%s，提交于 %s%s，校验码 %s，文件 %s\r\n", units[i].name, s.version,
			   submission_status_label(s.status), datetime_cn(&a, s.submitted_at), s.late ? "（逾期）" : "",
			   verify_code_display(&a, s.verify_code), name);
		sent++;
	}
	buf_printf(&list, "\r\n共 %d 个单位提交了报送材料。\r\n", sent);
	if (rc == 0) {
		zip_source_t *src = zip_source_buffer(z, list.p, list.len, 0);
		if (!src || zip_file_add(z, "清单.txt", src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
			if (src)
				zip_source_free(src);
			snprintf(err, errlen, "无法写入清单：%s", zip_strerror(z));
			rc = -1;
		}
	}
	struct zip_progress zp = {pg, nu, nu + 1, total};
	if (rc == 0 && pg && pg->fn)
		zip_register_progress_callback_with_state(z, 0.01, zip_progress_cb, NULL, &zp);
	if (rc == 0 && zip_close(z) < 0) {
		snprintf(err, errlen, "写压缩包失败（磁盘可能已满）：%s", zip_strerror(z));
		rc = -1;
	}
	if (rc < 0)
		zip_discard(z);
	for (int i = 0; i < nparts; i++)
		unlink(parts[i]);
	buf_free(&list);
	arena_free(&a);
	if (rc == 0)
		progress_say(pg, "完成", total, total);
	return rc;
}
