/* transfer.c: the signed package between installs, its database side (see
 * transfer.h): the install's key pair, the keys a parent trusts, what the
 * child sends and how the parent records it. */
#include "transfer.h"
#include "cityform.h"
#include "org.h"
#include "upward.h"
#include "activity.h"
#include "core/hash.h"
#include "core/json_text.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- keys ---- */

static char *b64(arena *a, const unsigned char *bin, size_t n)
{
	size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *s = arena_alloc(a, len);
	return sodium_bin2base64(s, len, bin, n, sodium_base64_VARIANT_ORIGINAL);
}

static bool unb64(const char *s, unsigned char *out, size_t n)
{
	size_t got = 0;
	return s && sodium_base642bin(out, n, s, strlen(s), NULL, &got, NULL, sodium_base64_VARIANT_ORIGINAL) == 0 && got == n;
}

bool transfer_key_parse(const char *s, unsigned char out[TRANSFER_PK_BYTES])
{
	return unb64(s, out, TRANSFER_PK_BYTES);
}

char *transfer_key_text(arena *a, const unsigned char pk[TRANSFER_PK_BYTES])
{
	return b64(a, pk, TRANSFER_PK_BYTES);
}

int transfer_keygen(db *d, arena *a, const actor *who, bool force, char **pub, errs *e)
{
	if (sodium_init() < 0) {
		err_add(e, NULL, "无法初始化加密库。");
		return -1;
	}
	unsigned char pk[TRANSFER_PK_BYTES], sk[TRANSFER_SK_BYTES];
	crypto_sign_keypair(pk, sk);
	char *pk_text = b64(a, pk, sizeof pk), *sk_text = b64(a, sk, sizeof sk);
	sodium_memzero(sk, sizeof sk);
	if (txn_begin(d, e) < 0)
		return -1;
	int rc = 0;
	char *old = setting_get(d, a, "package_public_key");
	if (old && !force) {
		err_add(e, NULL, arena_printf(a, "本系统已有材料包密钥（公钥 %s）。重新生成后上级须重新登记新的公钥；确要重新生成请加 --force。", old));
		rc = -1;
	}
	if (rc == 0)
		rc = db_exec(d, "INSERT INTO settings(key, value) VALUES ('package_public_key', ?1), ('package_secret_key', ?2)"
				" ON CONFLICT(key) DO UPDATE SET value = excluded.value", "tt", pk_text, sk_text);
	if (rc == 0)
		rc = audit(d, who, unit_root(d), old ? "rekey" : "keygen", "package_key", 0, "生成材料包签名密钥",
			   old ? json_pair(a, "public_key", old, NULL, NULL) : NULL, json_pair(a, "public_key", pk_text, NULL, NULL));
	sodium_memzero(sk_text, strlen(sk_text));
	if (txn_end(d, rc, e, "保存密钥失败，请重试。") < 0)
		return -1;
	*pub = pk_text;
	return 0;
}

bool transfer_keys(db *d, arena *a, unsigned char pk[TRANSFER_PK_BYTES], unsigned char sk[TRANSFER_SK_BYTES], errs *e)
{
	char *p = setting_get(d, a, "package_public_key"), *s = setting_get(d, a, "package_secret_key");
	bool ok = p && s && unb64(p, pk, TRANSFER_PK_BYTES) && unb64(s, sk, TRANSFER_SK_BYTES);
	if (s)
		sodium_memzero(s, strlen(s));
	if (!ok)
		err_add(e, NULL, "本系统还没有材料包签名密钥：请先运行 learnweek package keygen，并把公钥交给上级登记。");
	return ok;
}

/* The key as given, without the blanks a paste brings around it. */
static char *trimmed(arena *a, const char *s)
{
	s = s ? s : "";
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	char *t = arena_alloc(a, n + 1);
	memcpy(t, s, n);
	t[n] = 0;
	return t;
}

char *transfer_fingerprint(arena *a, const char *key)
{
	unsigned char pk[TRANSFER_PK_BYTES];
	if (!key || !transfer_key_parse(key, pk))
		return arena_strdup(a, "");
	char hex[65];
	sha256_hex(pk, sizeof pk, hex);
	char *f = arena_alloc(a, 20);
	for (int i = 0, k = 0; i < 16; i++) {
		if (i && i % 4 == 0)
			f[k++] = ' ';
		f[k++] = (char)(hex[i] >= 'a' ? hex[i] - 'a' + 'A' : hex[i]);
		f[k] = 0;
	}
	return f;
}

int transfer_trust_unit(db *d, arena *a, const actor *who, long long unit_id, const char *key, bool *replaced, errs *e)
{
	unsigned char pk[TRANSFER_PK_BYTES];
	*replaced = false;
	if (!transfer_key_parse(trimmed(a, key), pk)) {
		err_add(e, "key", "公钥应为下级运行 package keygen（或在它的「材料包公钥」页）得到的 44 个字符（base64），请完整复制后粘贴。");
		return 422;
	}
	char *text = transfer_key_text(a, pk);
	if (txn_begin(d, e) < 0)
		return 503;
	char *old = db_text(d, a, "SELECT package_key FROM units WHERE id = ?1", "I", unit_id);
	bool same = old && !strcmp(old, text);
	*replaced = old && *old && !same;
	int rc = same ? 0 : db_exec(d, "UPDATE units SET package_key = ?1 WHERE id = ?2", "tI", text, unit_id);
	if (rc == 0 && !same)
		rc = audit(d, who, unit_id, *replaced ? "retrust" : "trust", "package_key", unit_id,
			   *replaced ? "更换下级材料包的公钥" : "登记下级材料包的公钥", json_pair(a, "public_key", old, NULL, NULL),
			   json_pair(a, "public_key", text, NULL, NULL));
	return txn_end(d, rc, e, "保存公钥失败，请重试。") < 0 ? 503 : 0;
}

int transfer_trust(db *d, arena *a, const actor *who, const char *unit_ref, const char *key, bool *replaced, errs *e)
{
	long long id = unit_by_name_or_code(d, unit_ref);
	if (!id) {
		err_add(e, "unit", arena_printf(a, "没有代码或名称为「%s」的单位。", unit_ref));
		return -1;
	}
	return transfer_trust_unit(d, a, who, id, key, replaced, e) ? -1 : 0;
}

char *transfer_trusted_key(db *d, arena *a, long long unit_id)
{
	char *k = db_text(d, a, "SELECT package_key FROM units WHERE id = ?1", "I", unit_id);
	return k ? k : arena_strdup(a, "");
}

bool transfer_trusted_since(db *d, arena *a, long long unit_id, long long *at, char **by)
{
	stmt st;
	bool found = false;
	if (db_prep(d, &st, "SELECT at, username FROM audit_log WHERE entity = 'package_key' AND entity_id = ?1"
			    " AND action IN ('trust', 'retrust') ORDER BY id DESC LIMIT 1", "I", unit_id) < 0)
		return false;
	if (stmt_step(&st) == 1) {
		*at = col_int(&st, 0);
		*by = arena_strdup(a, col_text(&st, 1));
		found = true;
	}
	stmt_done(&st);
	return found;
}

/* ---- the child's side ---- */

/* The top's compiled form of year and its valid 定稿: 0, or -1 with e. */
static int valid_final(db *d, arena *a, long long year, long long *week_id, city_form *cf, submission *fin, errs *e)
{
	*week_id = report_week_by_year(d, year);
	if (!*week_id) {
		err_add(e, "year", arena_printf(a, "没有 %lld 年的活动周。", year));
		return -1;
	}
	if (!cityform_build(d, a, *week_id, false, cf)) {
		err_add(e, NULL, "暂时无法读取本级总结表，请稍后重试。");
		return -1;
	}
	final_state fs = cityform_final(d, a, cf, fin);
	if (fs == FINAL_NONE) {
		err_add(e, "final", "本级总结表还没有定稿：请先在总结表页定稿，打印盖章并上传扫描件，再导出材料包。");
		return -1;
	}
	if (fs == FINAL_VOID) {
		err_add(e, "final", arena_printf(a, "第 %lld 版定稿后总结表又有改动，它的校验码已作废：请重新定稿后再导出。", fin->version));
		return -1;
	}
	return 0;
}

int transfer_source(db *d, arena *a, long long year, transfer_src *src, errs *e)
{
	memset(src, 0, sizeof *src);
	city_form cf;
	if (valid_final(d, a, year, &src->week_id, &cf, &src->fin, e) < 0)
		return -1;
	unit top;
	week wk;
	if (!unit_load(d, a, cf.rep.unit_id, &top) || !week_load(d, a, src->week_id, &wk)) {
		err_add(e, NULL, "暂时无法读取本级的单位和活动周，请稍后重试。");
		return -1;
	}
	src->unit_code = top.code;
	src->unit_name = top.name;
	src->week_title = wk.title;
	src->year = year;
	attachment *atts;
	int n = attachment_list(d, a, cf.rep.id, &atts);
	for (int i = 0; i < n; i++)
		if (!strcmp(atts[i].kind, "scan") && atts[i].final_id == src->fin.final_id)
			src->scan = atts[i];
	if (!src->scan.id) {
		err_add(e, "scan", arena_printf(a, "还没有第 %lld 版定稿的盖章扫描件：请打印定稿、盖章、扫描后用 --scan 给出扫描件（PDF）。",
						 src->fin.version));
		return -1;
	}
	return 0;
}

int transfer_add_scan(db *d, arena *a, const actor *who, long long year, const new_file *f, errs *e)
{
	long long week_id;
	city_form cf;
	submission fin;
	if (valid_final(d, a, year, &week_id, &cf, &fin, e) < 0)
		return -1;
	return attachment_add_values(d, a, who, &cf.rep, att_kind("scan"), f, 1, true, upward_values, NULL, e);
}

/* ---- the parent's side ---- */

int transfer_target(db *d, arena *a, long long organiser, long long expect, const char *code, transfer_dest *t, errs *e)
{
	memset(t, 0, sizeof *t);
	t->organiser = organiser;
	unit u;
	t->unit_id = db_int(d, 0, "SELECT id FROM units WHERE code = ?1", "t", code ? code : "");
	if (!t->unit_id || !unit_load(d, a, t->unit_id, &u)) {
		err_add(e, NULL, arena_printf(a, "材料包来自代码为「%s」的单位，本系统没有这个单位。请先导入该单位，并登记它的公钥。", code ? code : ""));
		return 404;
	}
	t->unit_name = u.name;
	if (u.parent_id != organiser) {
		err_add(e, NULL, arena_printf(a, "材料包来自「%s」，它不是本级的直属下级，不能在这里导入。", u.name));
		return 409;
	}
	if (expect && expect != t->unit_id) {
		unit want;
		err_add(e, NULL, arena_printf(a, "材料包来自「%s」，不是「%s」的：请在「%s」的页面上传。", u.name,
					       unit_load(d, a, expect, &want) ? want.name : "", u.name));
		return 409;
	}
	char *key = transfer_trusted_key(d, a, t->unit_id);
	if (!key || !*key || !transfer_key_parse(key, t->key)) {
		err_add(e, NULL, arena_printf(a, "还没有登记「%s」的公钥，不能确认材料包是它发出的。请先用 learnweek package trust 登记。", u.name));
		return 403;
	}
	return 0;
}

int transfer_week(db *d, arena *a, long long year, transfer_dest *t, errs *e)
{
	t->week_id = week_by_year(d, t->organiser, year);
	if (!t->week_id) {
		err_add(e, NULL, arena_printf(a, "材料包是 %lld 年的，本级没有 %lld 年的活动周。", year, year));
		return 409;
	}
	return 0;
}

static char *scan_json(arena *a, const new_file *f)
{
	const att_kind_def *k = att_kind("scan");
	json_t *arr = json_array(), *x = json_object();
	json_object_set_new(x, "kind", json_string("scan"));
	json_object_set_new(x, "label", json_string(k->label));
	json_object_set_new(x, "filename", json_text(f->filename));
	json_object_set_new(x, "size", json_integer(f->size));
	json_object_set_new(x, "mime", json_text(f->mime));
	json_object_set_new(x, "sha256", json_text(f->sha256));
	json_array_append_new(arr, x);
	char *s = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	char *out = arena_strdup(a, s ? s : "[]");
	free(s);
	return out;
}

int transfer_new(db *d, arena *a, const transfer_dest *t, const char *verify_code, errs *e)
{
	long long known = db_int(d, 0, "SELECT r.unit_id FROM finals f JOIN reports r ON r.id = f.report_id WHERE f.verify_code = ?1",
				 "t", verify_code);
	if (known == t->unit_id && known) {
		long long v = db_int(d, 0, "SELECT version FROM finals WHERE verify_code = ?1", "t", verify_code);
		err_add(e, NULL, arena_printf(a, "这个材料包（校验码 %s）已经导入过，是「%s」的第 %lld 版，无需再导入。",
					       verify_code_display(a, verify_code), t->unit_name, v));
		return -1;
	}
	if (known || db_exists(d, "SELECT 1 FROM submissions WHERE verify_code = ?1", "t", verify_code)) {
		err_add(e, NULL, "材料包的校验码与本系统已有的另一份材料相同，不能导入。请让下级重新定稿后再导出。");
		return -1;
	}
	if (db_exists(d, "SELECT 1 FROM reports WHERE week_id = ?1 AND unit_id = ?2 AND status = 'accepted'", "II", t->week_id, t->unit_id)) {
		err_add(e, NULL, arena_printf(a, "「%s」的报送材料已通过审核，不能再导入新的版本。", t->unit_name));
		return -1;
	}
	return 0;
}

long long transfer_record(db *d, arena *a, const actor *who, const transfer_dest *t, const transfer_pkg *p, int *status, errs *e)
{
	*status = 409;
	if (txn_begin(d, e) < 0)
		return 0;
	report rep;
	int rc = report_get(d, a, t->week_id, t->unit_id, &rep) ? 0 : -1;
	if (rc == 0)
		rc = transfer_new(d, a, t, p->verify_code, e);
	week wk;
	if (rc == 0 && !week_load(d, a, t->week_id, &wk))
		rc = -1;
	long long version = rc == 0 ? report_latest_version(d, rep.id) + 1 : 0, final_id = 0, id = 0;
	if (rc == 0)
		rc = file_record(d, p->scan.sha256, p->scan.size, p->scan.mime, who->now);
	if (rc == 0)
		rc = db_exec(d, "INSERT INTO finals(report_id, version, verify_code, digest, form_json, finalised_by, finalised_at)"
				" VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6)", "IIttt" "I", rep.id, version, p->verify_code, p->digest,
			     p->form_json, p->finalised_at);
	if (rc == 0) {
		final_id = db_last_id(d);
		rc = db_exec(d, "INSERT INTO attachments(report_id, kind, sha256, filename, size, mime, created_by, created_at, final_id)"
				" VALUES (?1, 'scan', ?2, ?3, ?4, ?5, NULLIF(?6, 0), ?7, ?8)", "IttIt" "III", rep.id, p->scan.sha256,
			     p->scan.filename, p->scan.size, p->scan.mime, who->account_id, who->now, final_id);
	}
	bool late = who->now > wk.deadline_at;
	if (rc == 0)
		rc = db_exec(d, "INSERT INTO submissions(report_id, version, status, late, form_json, files_json, verify_code,"
				" submitted_by, submitted_at, final_id, digest, imported)"
				" VALUES (?1, ?2, 'submitted', ?3, ?4, ?5, ?6, NULLIF(?7, 0), ?8, ?9, ?10, 1)",
			     "IIIt" "ttII" "It", rep.id, version, (long long)late, p->form_json, scan_json(a, &p->scan), p->verify_code,
			     who->account_id, who->now, final_id, p->digest);
	if (rc == 0) {
		id = db_last_id(d);
		rc = db_exec(d, "UPDATE reports SET status = 'submitted', updated_at = ?1 WHERE id = ?2", "II", who->now, rep.id);
	}
	if (rc == 0)
		rc = audit(d, who, t->unit_id, "import", "submission", id,
			   arena_printf(a, "导入下级系统的材料包：第 %lld 版（下级第 %lld 版）%s", version, p->version, late ? "（逾期）" : ""), NULL,
			   row_json(d, a, "SELECT version, late, verify_code, digest, files_json FROM submissions WHERE id = ?1", id));
	if (txn_end(d, rc, e, "导入失败，请重试。") < 0)
		return 0;
	*status = 0;
	return id;
}
