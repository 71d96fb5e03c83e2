/* test_pkg.c: the parent's page for a child's signed package (issue 17), on
 * the province demo: 南昌市 runs its own install (tests/cli/pkg_city.sh: a
 * city demo with 2022's city form finalised and a key pair), exports its
 * 定稿 as a package under the code the province knows it by; the province
 * trusts its key (learnweek package trust) and its admin uploads the package
 * at /admin/units/:unit/package. Only the province's admin may (a county's
 * admin, a sibling city's and 南昌市's own get 403), the form carries a CSRF
 * token, each refusal is a 4xx with its Chinese message and writes nothing,
 * and the imported version is 南昌市's submission in the province's week:
 * its review page and the board show it. The refusals and the import run
 * in one test, in order, so that "nothing written" is not raced. */
#include "test_sql.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *tmp(void)
{
	return getenv("LW_HTTP_TMP");
}

/* The city's install and its packages, made once before the tests. */
static void setup(void)
{
	const char *bin = lw_bin(), *t = tmp();
	char *key = lw_run(lw_printf("sh tests/cli/pkg_city.sh '%s' '%s/city' 2>'%s/city.err'", bin, t, t));
	char *nl = strrchr(key, '\n');
	if (nl)
		*nl = 0;
	nl = strrchr(key, '\n');
	key = nl ? nl + 1 : key;
	cr_assert_eq(strlen(key), 44, "pkg_city.sh printed no key: %s", key);
	const char *x = lw_printf("env -u LEARNWEEK_DATABASE '%s' package export --data '%s/city' --year 2022", bin, t);
	lw_run(lw_printf("printf '%%%%PDF-1.4\\n1 0 obj<<>>endobj\\ntrailer<<>>\\n%%%%%%%%EOF\\n' > '%s/scan.pdf'", t));
	lw_run(lw_printf("%s --out '%s/p.zip' --as nanchang --scan '%s/scan.pdf'", x, t, t));
	lw_run(lw_printf("%s --out '%s/jj.zip' --as jiujiang", x, t));
	/* the manifest changed after signing; a bomb; a text file */
	lw_run(lw_printf("cd '%s' && mkdir -p tm && cd tm && unzip -q -o ../p.zip && sed -i 's/\"version\": 1,/\"version\": 9,/' manifest.json"
			 " && zip -q -X ../tm.zip manifest.json manifest.sig form.json final.pdf scan.pdf", t));
	lw_run(lw_printf("cd '%s' && mkdir -p bomb && head -c 20000000 /dev/zero > bomb/final.pdf && cd bomb && zip -q ../bomb.zip final.pdf", t));
	lw_run(lw_printf("printf 'just text\\n' > '%s/text.zip'", t));
	char *out;
	cr_assert_eq(lw_cli(&out, "package", "trust", "--data", getenv("LW_HTTP_DATA"), "--unit", "nanchang", "--key", key, NULL), 0,
		     "trust: %s", out);
}

LW_SERVER_DEMO("", setup, "--province")

static lw_client *as(const char *username)
{
	lw_client *c = lw_client_new();
	lw_login_ok(c, username, lw_demo_password(username));
	return c;
}

static char *slurp_file(const char *name, size_t *n)
{
	const char *path = lw_printf("%s/%s", tmp(), name);
	FILE *f = fopen(path, "rb");
	cr_assert(f, "no fixture %s", path);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = lw_keep(malloc((size_t)len + 1));
	cr_assert_eq(fread(p, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return p;
}

static lw_resp *send_pkg(lw_client *c, long long unit, const char *name)
{
	size_t n;
	char *data = slurp_file(name, &n);
	return lw_upload(c, lw_printf("/admin/units/%lld/package", unit), "file", name, "application/zip", data, n);
}

static long long unit_id(const char *code)
{
	return sql_int((lw_printf("SELECT id FROM units WHERE code = '%s';", code)));
}

static long long submissions(void)
{
	return sql_int(("SELECT count(*) FROM submissions s JOIN reports r ON r.id = s.report_id"
					     " JOIN units u ON u.id = r.unit_id WHERE u.code = 'nanchang' AND s.verify_code IN"
					     " (SELECT verify_code FROM finals WHERE finalised_by IS NULL);"));
}

Test(pkg, the_province_admin_sees_the_form)
{
	lw_resp *r = lw_get(as("centre_admin"), lw_printf("/admin/units/%lld/package", unit_id("nanchang")));
	lw_expect(r, 200, "导入南昌市的材料包");
	cr_assert(lw_has(r, "data-progress") && lw_has(r, "name=\"_csrf\"") && lw_has(r, "enctype=\"multipart/form-data\""),
		  "the upload form: %s", lw_excerpt(r));
	cr_assert(lw_has(r, "已登记的公钥"), "the trusted key is shown: %s", lw_excerpt(r));
	lw_expect(lw_get(as("centre_admin"), lw_printf("/admin/units/%lld/package", unit_id("jiujiang"))), 200, "还没有登记九江市的公钥");
}

/* Each refusal writes nothing: checked before the one import, in one test
 * (Criterion runs tests side by side). */
static void only_the_parents_admin(void)
{
	long long nc = unit_id("nanchang");
	const char *path = lw_printf("/admin/units/%lld/package", nc);
	/* its own records are its parent's to decide: the router says so */
	lw_expect(lw_get(as("nanchang_admin"), path), 403, "由上一级审核和管理");
	lw_expect(send_pkg(as("nanchang_admin"), nc, "p.zip"), 403, "由上一级审核和管理");
	cr_assert_eq(lw_get(as("jiujiang_admin"), path)->status, 403);
	cr_assert_eq(send_pkg(as("jiujiang_admin"), nc, "p.zip")->status, 403);
	cr_assert_eq(lw_get(as("nanchangxian_admin"), path)->status, 403);
	cr_assert_eq(send_pkg(as("nanchangxian_admin"), nc, "p.zip")->status, 403);
	/* the province reaches a county, but a county is no direct child */
	lw_expect(lw_get(as("centre_admin"), lw_printf("/admin/units/%lld/package", unit_id("nanchangxian"))), 403, "直属上级");
	cr_assert_eq(submissions(), 0, "a refused upload wrote nothing");
}

static void csrf(void)
{
	lw_client *c = as("centre_admin");
	size_t n;
	char *data = slurp_file("p.zip", &n);
	const char *b = "----lwpkgboundary";
	char *head = lw_printf("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.zip\"\r\n"
			       "Content-Type: application/zip\r\n\r\n", b);
	char *tail = lw_printf("\r\n--%s--\r\n", b);
	size_t hl = strlen(head), tl = strlen(tail);
	char *body = lw_keep(malloc(hl + n + tl));
	memcpy(body, head, hl);
	memcpy(body + hl, data, n);
	memcpy(body + hl + n, tail, tl);
	const char *h[] = {lw_printf("Content-Type: multipart/form-data; boundary=%s", b), NULL};
	lw_expect(lw_send(c, "POST", lw_printf("/admin/units/%lld/package", unit_id("nanchang")), body, hl + n + tl, h), 403,
		  "安全校验失败");
	cr_assert_eq(submissions(), 0);
}

static void refusals_are_4xx_in_chinese(void)
{
	lw_client *c = as("centre_admin");
	long long nc = unit_id("nanchang"), jj = unit_id("jiujiang");
	lw_expect(send_pkg(c, nc, "tm.zip"), 422, "签名不对");
	lw_expect(send_pkg(c, nc, "text.zip"), 415, "不是 ZIP");
	lw_expect(send_pkg(c, nc, "bomb.zip"), 413, "压缩比异常");
	lw_expect(send_pkg(c, jj, "jj.zip"), 403, "还没有登记「九江市」的公钥");
	lw_expect(send_pkg(c, jj, "p.zip"), 409, "不是「九江市」的");
	lw_expect(lw_upload(c, lw_printf("/admin/units/%lld/package", nc), "file", "empty.zip", "application/zip", "", 0), 400,
		  "选择的文件是空的");
	cr_assert_eq(submissions(), 0, "a refused package wrote nothing");
	lw_assert_alive();
}

static void the_import_is_the_citys_submission(void)
{
	lw_client *c = as("centre_admin");
	long long nc = unit_id("nanchang");
	lw_resp *r = send_pkg(c, nc, "p.zip");
	cr_assert_eq(r->status, 303, "import: %ld %s", r->status, lw_excerpt(r));
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && strstr(loc, "/admin/submissions/"), "to the review page: %s", loc ? loc : "none");
	lw_resp *page = lw_get(c, strstr(loc, "/admin/"));
	lw_expect(page, 200, "已导入南昌市 2022 年的材料包");
	cr_assert(lw_has(page, "南昌市") && lw_has(page, "9622"), "the review page shows the city's figures: %s", lw_excerpt(page));
	cr_assert_eq(submissions(), 1);
	long long week = sql_int(("SELECT id FROM weeks WHERE year = 2022 AND unit_id = (SELECT id FROM units WHERE parent_id IS NULL);"));
	lw_resp *board = lw_get(c, lw_printf("/admin/board?week=%lld", week));
	cr_assert_eq(board->status, 200);
	const char *row = strstr(board->body, ">南昌市<");
	cr_assert(row, "南昌市 on the board: %s", lw_excerpt(board));
	const char *end = strstr(row, "</tr>");
	cr_assert(end && memmem(row, (size_t)(end - row), "已提交", strlen("已提交")), "南昌市 is 已提交 on the board");
	/* its records are on the city's install: no drift against a form derived here */
	cr_assert(!memmem(row, (size_t)(end - row), "提交后记录有变动", strlen("提交后记录有变动")), "no drift on the imported version");
	/* the same package again: a clear 409, still one version */
	lw_expect(send_pkg(c, nc, "p.zip"), 409, "已经导入过");
	cr_assert_eq(submissions(), 1);
	/* the city's code verifies on the province's site; the province accepts the version */
	char *code = sql("SELECT verify_code FROM submissions WHERE imported = 1;");
	code[strcspn(code, "\n")] = 0;
	lw_resp *v = lw_get(lw_client_new(), lw_printf("/verify/%s", code));
	cr_assert(v->status == 200 && lw_has(v, "南昌市"), "/verify/%s: %ld %s", code, v->status, lw_excerpt(v));
	long long id = sql_int("SELECT id FROM submissions WHERE imported = 1;");
	lw_resp *acc = lw_submit(c, lw_printf("/admin/submissions/%lld/accept", id), NULL);
	cr_assert_eq(acc->status, 303, "accept: %ld %s", acc->status, lw_excerpt(acc));
	cr_assert_eq(sql_int("SELECT count(*) FROM submissions WHERE imported = 1 AND status = 'accepted';"), 1);
	/* after acceptance the same package is still refused, and nothing changes */
	lw_expect(send_pkg(c, nc, "p.zip"), 409, "已经导入过");
	cr_assert_eq(sql_int("SELECT count(*) FROM submissions WHERE imported = 1 AND status = 'accepted';"), 1);
}

Test(pkg, refusals_then_the_import)
{
	only_the_parents_admin();
	csrf();
	refusals_are_4xx_in_chinese();
	the_import_is_the_citys_submission();
}

/* ---- registering a child's key on the page (赣州市: no other test trusts it) ---- */

static const char *gz_key(void)
{
	char *k = sql("SELECT package_key FROM units WHERE code = 'ganzhou';");
	k[strcspn(k, "\n")] = 0;
	return k;
}

static long long key_audits(const char *action)
{
	return sql_int(lw_printf("SELECT count(*) FROM audit_log WHERE entity = 'package_key' AND action = '%s'"
				 " AND entity_id = (SELECT id FROM units WHERE code = 'ganzhou');", action));
}

/* The fingerprint the pages show: the first 8 bytes of the key's SHA-256, by sha256sum. */
static char *fingerprint(const char *key)
{
	char *h = lw_run(lw_printf("printf '%%s' '%s' | base64 -d | sha256sum | cut -c1-16 | tr a-f A-F", key));
	return lw_printf("%.4s %.4s %.4s %.4s", h, h + 4, h + 8, h + 12);
}

#define KEY1 "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
#define KEY2 "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="

Test(pkg, the_parents_admin_registers_and_replaces_a_childs_key)
{
	long long gz = unit_id("ganzhou");
	const char *page = lw_printf("/admin/units/%lld/package", gz), *path = lw_printf("%s/key", page);
	lw_client *c = as("centre_admin");
	lw_resp *r = lw_get(c, page);
	lw_expect(r, 200, "还没有登记赣州市的公钥");
	cr_assert(lw_has(r, lw_printf("action=\"%s\"", path)) && lw_has(r, "登记公钥"), "the key form: %s", lw_excerpt(r));
	/* only the direct parent's admin: not the child, a sibling, the child's own child, nor the province on a county */
	lw_expect(lw_submit(as("ganzhou_admin"), path, "key", KEY1, NULL), 403, "由上一级审核和管理");
	cr_assert_eq(lw_submit(as("nanchang_admin"), path, "key", KEY1, NULL)->status, 403);
	cr_assert_eq(lw_get(as("nanchang_admin"), page)->status, 403);
	cr_assert_eq(lw_submit(as("zhanggong_admin"), path, "key", KEY1, NULL)->status, 403);
	lw_expect(lw_submit(c, lw_printf("/admin/units/%lld/package/key", unit_id("zhanggong")), "key", KEY1, NULL), 403, "直属上级");
	lw_resp *anon = lw_post(lw_client_new(), path, lw_form("key", KEY1, NULL));
	cr_assert(anon->status >= 300 && anon->status < 500, "a resident is sent away: %ld", anon->status);
	/* without the form's token */
	lw_expect(lw_post(c, path, lw_form("key", KEY1, NULL)), 403, "安全校验失败");
	/* what is no key: a 422 in Chinese, the typed text kept */
	r = lw_submit(c, path, "key", "abc+", NULL);
	lw_expect(r, 422, "44 个字符");
	cr_assert(lw_has(r, "value=\"abc+\""), "the typed key stays in the field: %s", lw_excerpt(r));
	lw_expect(lw_submit(c, path, "key", "", NULL), 422, "44 个字符");
	cr_assert_str_empty(gz_key(), "a refused key changed nothing");
	cr_assert_eq(key_audits("trust") + key_audits("retrust"), 0);
	/* a key as pasted, blanks around it */
	r = lw_submit(c, path, "key", "  " KEY1 " ", NULL);
	cr_assert_eq(r->status, 303, "register: %ld %s", r->status, lw_excerpt(r));
	cr_assert_str_eq(gz_key(), KEY1);
	r = lw_get(c, page);
	lw_expect(r, 200, lw_printf("已登记赣州市的公钥，指纹 %s", fingerprint(KEY1)));
	cr_assert(lw_has(r, "已登记的公钥") && lw_has(r, KEY1) && lw_has(r, "由 centre_admin 登记") && lw_has(r, "更换公钥"),
		  "the trusted key, when and by whom: %s", lw_excerpt(r));
	cr_assert_eq(key_audits("trust"), 1);
	/* the same key again writes nothing */
	lw_submit(c, path, "key", KEY1, NULL);
	lw_expect(lw_get(c, page), 200, "没有改动");
	cr_assert_eq(key_audits("trust") + key_audits("retrust"), 1);
	/* replacing says so, with both fingerprints, and is audited with the old key */
	cr_assert_eq(lw_submit(c, path, "key", KEY2, NULL)->status, 303);
	lw_expect(lw_get(c, page), 200, lw_printf("已更换赣州市的公钥：原指纹 %s，新指纹 %s", fingerprint(KEY1), fingerprint(KEY2)));
	cr_assert_str_eq(gz_key(), KEY2);
	cr_assert_eq(key_audits("retrust"), 1);
	cr_assert_eq(sql_int("SELECT count(*) FROM audit_log WHERE action = 'retrust' AND old_value LIKE '%" KEY1 "%'"
			     " AND new_value LIKE '%" KEY2 "%';"), 1);
	lw_expect(lw_get(c, "/admin/audit"), 200, "更换下级材料包的公钥");
}

/* The top's own key for the level above: shown with a copy button, made
 * on the page when there is none, never replaced from it. */
Test(pkg, the_top_shows_its_own_key)
{
	lw_client *c = as("centre_admin");
	lw_resp *units = lw_get(c, "/admin/units");
	cr_assert(lw_has(units, "href=\"/admin/package\""), "the units list links the key page: %s", lw_excerpt(units));
	cr_assert(!lw_has(lw_get(as("nanchang_admin"), "/admin/units"), "href=\"/admin/package\""), "not for a city below the top");
	lw_expect(lw_get(as("nanchang_admin"), "/admin/package"), 403, "最上级");
	cr_assert_eq(lw_submit(as("nanchang_admin"), "/admin/package/keygen", NULL)->status, 403);
	lw_expect(lw_get(c, "/admin/package"), 200, "还没有材料包密钥");
	lw_expect(lw_post(c, "/admin/package/keygen", ""), 403, "安全校验失败");
	cr_assert_eq(sql_int("SELECT count(*) FROM settings WHERE key = 'package_public_key';"), 0);
	cr_assert_eq(lw_submit(c, "/admin/package/keygen", NULL)->status, 303);
	char *key = sql("SELECT value FROM settings WHERE key = 'package_public_key';");
	key[strcspn(key, "\n")] = 0;
	cr_assert_eq(strlen(key), 44);
	lw_resp *r = lw_get(c, "/admin/package");
	lw_expect(r, 200, "已生成材料包密钥");
	cr_assert(lw_has(r, lw_printf("readonly>%s</textarea>", key)) && lw_has(r, "data-copy=\"package-key\"") &&
		  lw_has(r, fingerprint(key)) && lw_has(r, "/static/board.js"),
		  "the key, its copy button and fingerprint: %s", lw_excerpt(r));
	lw_expect(lw_submit(c, "/admin/package/keygen", NULL), 409, "已有材料包密钥");
	char *again = sql("SELECT value FROM settings WHERE key = 'package_public_key';");
	again[strcspn(again, "\n")] = 0;
	cr_assert_str_eq(again, key, "the key pair is never replaced from the page");
}
