/* submission.c: attachments (checked by content), the checklist, and the
 * submitted versions: freezing, returning, accepting, reading them back, and
 * the submission package. */
#include "submission.h"
#include "core/json_text.h"
#include "activity.h"
#include "org.h"
#include "core/buf.h"
#include "core/hash.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "db/filestore.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>

#define MB (1024LL * 1024)
#define MAX_PER_KIND 100

const att_kind_def att_kinds[N_ATT_KINDS] = {
	{"plan", "实施方案", "实施方案", "pdf doc docx", "PDF 或 Word 文件", 50 * MB, false, false, false},
	{"summary", "工作总结", "工作总结", "pdf doc docx", "PDF 或 Word 文件", 50 * MB, false, false, true},
	{"case", "典型活动案例", "典型活动案例", "pdf doc docx", "PDF 或 Word 文件", 50 * MB, true, false, true},
	{"case_photo", "案例照片", "案例照片", "jpeg png", "JPG 或 PNG 图片", 20 * MB, false, true, false},
	{"scan", "盖章扫描件", "盖章扫描件", "pdf", "PDF 文件", 50 * MB, true, false, true},
	{"photo", "活动照片", "照片", "jpeg png", "JPG 或 PNG 图片", 20 * MB, false, true, false},
	{"video", "活动录像", "视频", "mp4", "MP4 视频", 2048 * MB, false, true, false},
	{"account", "活动详细情况", "活动详细情况", "pdf doc docx xlsx", "PDF、Word 或 Excel 文件", 50 * MB, false, false, false},
};

const att_kind_def *att_kind(const char *key)
{
	for (int i = 0; key && i < N_ATT_KINDS; i++)
		if (!strcmp(att_kinds[i].key, key))
			return &att_kinds[i];
	return NULL;
}

/* ---- files by content ---- */

/* A Word document and a workbook are both ZIP files: look for their main part. */
static const char *office_type(const char *path)
{
	int zerr;
	zip_t *z = path ? zip_open(path, ZIP_RDONLY, &zerr) : NULL;
	if (!z)
		return NULL;
	const char *t = NULL;
	if (zip_name_locate(z, "[Content_Types].xml", 0) >= 0) {
		if (zip_name_locate(z, "word/document.xml", 0) >= 0)
			t = "docx";
		else if (zip_name_locate(z, "xl/workbook.xml", 0) >= 0)
			t = "xlsx";
	}
	zip_discard(z);
	return t;
}

const char *file_type(const char *path, const unsigned char *head, size_t n)
{
	const char *m = fs_sniff(head, n);
	if (!m)
		return NULL;
	if (!strcmp(m, "image/jpeg"))
		return "jpeg";
	if (!strcmp(m, "image/png"))
		return "png";
	if (!strcmp(m, "application/pdf"))
		return "pdf";
	if (!strcmp(m, "application/msword"))
		return "doc";
	if (!strcmp(m, "application/zip"))
		return office_type(path);
	if (!strcmp(m, "video/mp4")) {
		/* the same box structure carries QuickTime films, HEIF photos and M4A
		 * audio: only MP4 video brands pass */
		static const char *const not_mp4[] = {"qt  ", "heic", "heix", "mif1", "msf1", "avif", "M4A ", "M4B "};
		if (n < 12)
			return NULL;
		for (size_t i = 0; i < sizeof not_mp4 / sizeof *not_mp4; i++)
			if (!memcmp(head + 8, not_mp4[i], 4))
				return NULL;
		return "mp4";
	}
	return NULL;
}

static const struct {
	const char *type, *mime, *ext;
} file_types[] = {
	{"pdf", "application/pdf", ".pdf"},
	{"doc", "application/msword", ".doc"},
	{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
	{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
	{"jpeg", "image/jpeg", ".jpg"},
	{"png", "image/png", ".png"},
	{"mp4", "video/mp4", ".mp4"},
};

const char *file_type_mime(const char *type)
{
	for (size_t i = 0; type && i < sizeof file_types / sizeof *file_types; i++)
		if (!strcmp(file_types[i].type, type))
			return file_types[i].mime;
	return "application/octet-stream";
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcasecmp(s + n - k, suffix);
}

const char *file_ext(const char *mime, const char *filename)
{
	const char *name = filename ? filename : "";
	if (!strcmp(mime, "application/msword") && ends_with(name, ".xls"))
		return ".xls";
	if (!strcmp(mime, "image/jpeg") && ends_with(name, ".jpeg"))
		return ".jpeg";
	for (size_t i = 0; i < sizeof file_types / sizeof *file_types; i++)
		if (!strcmp(file_types[i].mime, mime))
			return file_types[i].ext;
	return "";
}

const char *stored_mime(db *d, arena *a, const char *sha256)
{
	char *m = db_text(d, a, "SELECT mime FROM files WHERE sha256 = ?1", "t", sha256);
	return m ? m : "application/octet-stream";
}

char *clean_filename(arena *a, const char *name, const char *dflt)
{
	char *s = file_name_clean(a, name);
	return *s ? s : arena_strdup(a, dflt);
}

/* ---- attachments ---- */

int rows_collect(stmt *st, int prep_rc, arena *a, size_t sz, void (*fill)(stmt *, arena *, void *), void **out)
{
	int n = 0, cap = 0;
	char *v = NULL;
	if (prep_rc == 0) {
		while (stmt_step(st) == 1) {
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				char *nv = arena_alloc(a, sz * (size_t)cap);
				if (n)
					memcpy(nv, v, sz * (size_t)n);
				v = nv;
			}
			fill(st, a, v + sz * (size_t)n++);
		}
		stmt_done(st);
	}
	*out = v ? v : arena_alloc(a, sz);
	return n;
}

int report_check_editable(db *d, long long week_id, long long unit_id, errs *e)
{
	long long st = db_int(d, 0, "SELECT CASE status WHEN 'draft' THEN 0 WHEN 'returned' THEN 0 WHEN 'submitted' THEN 1 ELSE 2 END"
				    " FROM reports WHERE week_id = ?1 AND unit_id = ?2", "II", week_id, unit_id);
	if (st == 1)
		err_add(e, NULL, "报送材料已提交，在中心退回之前不能修改。");
	else if (st == 2)
		err_add(e, NULL, "报送材料已通过审核，不能再修改。");
	return st ? -1 : 0;
}

#define ATT_SELECT "SELECT id, report_id, kind, sha256, filename, size, mime, created_at, COALESCE(final_id, 0), warning FROM attachments"

static void att_row(stmt *st, arena *a, void *row)
{
	attachment *x = row;
	x->id = col_int(st, 0);
	x->report_id = col_int(st, 1);
	x->kind = col_dup(st, a, 2);
	x->sha256 = col_dup(st, a, 3);
	x->filename = col_dup(st, a, 4);
	x->size = col_int(st, 5);
	x->mime = col_dup(st, a, 6);
	x->created_at = col_int(st, 7);
	x->final_id = col_int(st, 8);
	x->warning = col_dup(st, a, 9);
}

int attachment_list(db *d, arena *a, long long report_id, attachment **out)
{
	stmt st;
	return rows_collect(&st, db_prep(d, &st, ATT_SELECT " WHERE report_id = ?1 ORDER BY id", "I", report_id), a,
			    sizeof **out, att_row, (void **)out);
}

bool attachment_load(db *d, arena *a, long long id, attachment *att, report *rep)
{
	stmt st;
	attachment *v;
	if (!rows_collect(&st, db_prep(d, &st, ATT_SELECT " WHERE id = ?1", "I", id), a, sizeof *v, att_row, (void **)&v))
		return false;
	*att = v[0];
	long long week_id = 0, unit_id = 0;
	if (db_prep(d, &st, "SELECT week_id, unit_id FROM reports WHERE id = ?1", "I", att->report_id) == 0) {
		if (stmt_step(&st) == 1) {
			week_id = col_int(&st, 0);
			unit_id = col_int(&st, 1);
		}
		stmt_done(&st);
	}
	return report_get(d, a, week_id, unit_id, rep);
}

/* How many attachments of a kind the report has. */
static long long count_kind(db *d, long long report_id, const char *kind)
{
	return db_int(d, 0, "SELECT count(*) FROM attachments WHERE report_id = ?1 AND kind = ?2", "It", report_id, kind);
}

static char *att_json(db *d, arena *a, long long id)
{
	return row_json(d, a, "SELECT kind, filename, size, mime, sha256 FROM attachments WHERE id = ?1", id);
}

int attachment_add(db *d, arena *a, const actor *who, const report *rep, const att_kind_def *kind,
		   const new_file *files, int n, bool replace, errs *e)
{
	return attachment_add_values(d, a, who, rep, kind, files, n, replace, NULL, NULL, e);
}

int attachment_add_values(db *d, arena *a, const actor *who, const report *rep, const att_kind_def *kind,
			  const new_file *files, int n, bool replace, form_values_fn values, void *ctx, errs *e)
{
	if (txn_begin(d, e) < 0)
		return -1;
	bool scan = !strcmp(kind->key, "scan");
	long long final_id = 0;
	int rc = 0;
	if (scan) {
		/* against the 定稿 the clerk printed and stamped, whatever the
		 * report's state (a 重新定稿 after 报送 needs its scan too) */
		report now;
		submission fin;
		final_state fs = FINAL_NONE;
		if (report_get(d, a, rep->week_id, rep->unit_id, &now)) {
			field_value *fv = values ? values(d, a, &now, ctx) : report_fields(d, a, &now);
			fs = fv ? report_final(d, a, &now, fv, &fin) : FINAL_NONE;
		}
		if (fs == FINAL_NONE) {
			err_add(e, "file", "请先定稿：盖章扫描件应是定稿后的总结表（带校验码）打印、盖章后的扫描件。");
			rc = -1;
		} else if (fs == FINAL_VOID) {
			err_add(e, "file", arena_printf(a, "第 %lld 版定稿后总结表又有改动，它的校验码已作废。请重新定稿，打印新的一版盖章后再上传。",
							 fin.version));
			rc = -1;
		} else {
			final_id = fin.final_id;
		}
	} else {
		rc = report_check_editable(d, rep->week_id, rep->unit_id, e);
	}
	long long have = count_kind(d, rep->id, kind->key);
	if (rc == 0 && kind->single && n > 1) {
		err_add(e, "file", arena_printf(a, "「%s」只能有一份，请只选择一个文件。", kind->label));
		rc = -1;
	}
	if (rc == 0 && kind->single && have && !replace) {
		char *old = db_text(d, a, "SELECT filename FROM attachments WHERE report_id = ?1 AND kind = ?2", "It", rep->id, kind->key);
		err_add(e, "replace", arena_printf(a, "已经上传过%s「%s」。只能有一份：如要换成新文件，请勾选“替换原有文件”后重新上传。",
						   kind->label, old ? old : ""));
		rc = -1;
	}
	if (rc == 0 && !kind->single && have + n > MAX_PER_KIND) {
		err_add(e, "file", arena_printf(a, "「%s」最多 %d 个文件，现在已有 %lld 个。", kind->label, MAX_PER_KIND, have));
		rc = -1;
	}
	if (rc == 0 && kind->single && have) {
		stmt st;
		long long old_id = 0;
		if (db_prep(d, &st, "SELECT id FROM attachments WHERE report_id = ?1 AND kind = ?2", "It", rep->id, kind->key) == 0) {
			if (stmt_step(&st) == 1)
				old_id = col_int(&st, 0);
			stmt_done(&st);
		}
		char *old = att_json(d, a, old_id);
		rc = db_exec(d, "DELETE FROM attachments WHERE id = ?1", "I", old_id);
		if (rc == 0)
			rc = audit(d, who, rep->unit_id, "delete", "attachment", old_id, arena_printf(a, "替换%s", kind->label), old, NULL);
	}
	for (int i = 0; i < n && rc == 0; i++) {
		const new_file *f = &files[i];
		rc = file_record(d, f->sha256, f->size, f->mime, who->now);
		char *warning = scan ? scan_code_warning(d, a, rep, final_id, f->filename, f->text) : NULL;
		if (rc == 0)
			rc = db_exec(d, "INSERT INTO attachments(report_id, kind, sha256, filename, size, mime, created_by, created_at,"
					" final_id, warning) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULLIF(?7, 0), ?8, NULLIF(?9, 0), ?10)",
				     "ItttItII" "It", rep->id, kind->key, f->sha256, f->filename, f->size, f->mime, who->account_id, who->now,
				     final_id, warning ? warning : "");
		if (rc == 0) {
			long long id = db_last_id(d);
			rc = audit(d, who, rep->unit_id, "create", "attachment", id, arena_printf(a, "%s：%s", kind->label, f->filename),
				   NULL, att_json(d, a, id));
		}
	}
	if (rc == 0)
		rc = db_exec(d, "UPDATE reports SET updated_at = ?1 WHERE id = ?2", "II", who->now, rep->id);
	if (txn_end(d, rc, e, "保存失败，请重试。") < 0)
		return -1;
	return 0;
}

int attachment_remove(db *d, arena *a, const actor *who, long long id, errs *e)
{
	attachment att;
	report rep;
	if (!attachment_load(d, a, id, &att, &rep)) {
		err_add(e, NULL, "这个附件已不存在。");
		return -1;
	}
	if (txn_begin(d, e) < 0)
		return -1;
	const att_kind_def *k = att_kind(att.kind);
	char *old = att_json(d, a, id);
	/* a scan of a 定稿 not yet submitted may go whatever the report's state */
	bool pending_scan = att.final_id && !db_exists(d, "SELECT 1 FROM submissions WHERE final_id = ?1", "I", att.final_id);
	int rc = pending_scan ? 0 : report_check_editable(d, rep.week_id, rep.unit_id, e);
	if (rc == 0)
		rc = db_exec(d, "DELETE FROM attachments WHERE id = ?1", "I", id);
	if (rc == 0)
		rc = audit(d, who, rep.unit_id, "delete", "attachment", id,
			   arena_printf(a, "%s：%s", k ? k->label : att.kind, att.filename), old, NULL);
	if (rc == 0)
		rc = db_exec(d, "UPDATE reports SET updated_at = ?1 WHERE id = ?2", "II", who->now, rep.id);
	if (txn_end(d, rc, e, "删除失败，请重试。") < 0)
		return -1;
	return 0;
}

long long report_week_by_year(db *d, long long year)
{
	return week_by_year(d, unit_root(d), year);
}

/* ---- the checklist ---- */

int report_checklist(db *d, arena *a, const report *rep, const field_value *fv,
		     check_item **out, int *blocking)
{
	int nrows = 0;
	while (fv[nrows].def)
		nrows++;
	check_item *v = arena_alloc(a, sizeof *v * (size_t)(nrows + 5 + N_ATT_KINDS));
	int n = 0;
	const char *form = arena_printf(a, "/units/%lld/report/edit?week=%lld", rep->unit_id, rep->week_id);
	const char *plan = arena_printf(a, "/units/%lld/report/plan?week=%lld", rep->unit_id, rep->week_id);
	const char *files = arena_printf(a, "/units/%lld/submission?week=%lld", rep->unit_id, rep->week_id);

	bool plan_ok = *rep->plan_issuer && *rep->plan_coordinator && *rep->plan_author;
	v[n++] = (check_item){"实施方案的三个部门", plan_ok ? "已填写" : "下发活动文件的部门、具体协调部门、制定活动方案部门尚未填全",
			      plan, plan_ok, false, false};
	long long docs = count_kind(d, rep->id, "plan");
	v[n++] = (check_item){"实施方案文件", docs ? arena_printf(a, "已上传 %lld 个文件", docs) : "尚未上传",
			      arena_printf(a, "%s#kind-plan", files), docs > 0, false, false};
	/* a child organiser's compiled form reported here (issue 17): its
	 * activities are what its children submitted, the head of the form's
	 * own 场 figure as the compiled form writes it ("18 场：…"), never
	 * records it holds in this week */
	long long own = db_int(d, 0, "SELECT id FROM weeks WHERE unit_id = ?1 AND parent_week_id = ?2", "II", rep->unit_id, rep->week_id);
	const field_value *count = own ? form_value(fv, "activity_count") : NULL;
	if (own) {
		long long acts = count && count->shown ? strtoll(count->shown, NULL, 10) : 0;
		v[n++] = (check_item){"下级报送的活动", acts ? arena_printf(a, "%lld 场（本级总结表汇总各下级已报送的总结表）", acts)
							    : "还没有下级报送的活动，本级总结表的统计数字都将是 0",
				      arena_printf(a, "/admin/city-form?week=%lld", own), acts > 0, false, false};
	}
	long long acts = own ? 0 : db_int(d, 0, "SELECT count(*) FROM activities WHERE week_id = ?1 AND unit_id = ?2 AND " COUNTED(""),
					  "II", rep->week_id, rep->unit_id);
	if (!own)
		v[n++] = (check_item){"已发布的活动", acts ? arena_printf(a, "%lld 场", acts) : "还没有已发布的活动，总结表的统计数字都将是 0",
				      arena_printf(a, "/units/%lld/activities?week=%lld", rep->unit_id, rep->week_id), acts > 0, false, false};
	if (acts) {
		participants p = unit_participants(d, rep->week_id, rep->unit_id);
		const char *detail = "每场活动的人数都已填写并一致";
		if (p.activities_missing || p.activities_unconfirmed)
			detail = arena_printf(a, "%s%s%s", p.activities_missing ? arena_printf(a, "未填人数 %lld 场", p.activities_missing) : "",
					      p.activities_missing && p.activities_unconfirmed ? "，" : "",
					      p.activities_unconfirmed ? arena_printf(a, "人数待确认 %lld 场", p.activities_unconfirmed) : "");
		v[n++] = (check_item){"活动的参加人数", detail, arena_printf(a, "/units/%lld/report?week=%lld#count-gaps", rep->unit_id, rep->week_id),
				      !p.activities_missing && !p.activities_unconfirmed, false, false};
	}
	int empty = 0;
	for (int i = 0; i < nrows; i++) {
		if (fv[i].records_changed) { /* the unit's wording follows figures that have changed since */
			v[n++] = (check_item){arena_printf(a, "总结表「%s」", fv[i].def->label),
					      arena_printf(a, "本单位改写后，系统统计已变为：%s。请核对后重新保存这一栏。", fv[i].derived),
					      arena_printf(a, "%s#edit-%s", form, fv[i].def->key), false, false, false};
			continue;
		}
		if (*fv[i].shown)
			continue;
		if (fv[i].def->optional) {
			v[n++] = (check_item){arena_printf(a, "总结表「%s」", fv[i].def->label), "选填，可以不填",
					      arena_printf(a, "%s#edit-%s", form, fv[i].def->key), false, false, true};
			continue;
		}
		v[n++] = (check_item){arena_printf(a, "总结表「%s」", fv[i].def->label), "尚未填写",
				      arena_printf(a, "%s#edit-%s", form, fv[i].def->key), false, false, false};
		empty++;
	}
	if (!empty)
		v[n++] = (check_item){"总结表各栏", "均已填写", form, true, false, false};
	*blocking = 0;
	for (int i = 0; i < N_ATT_KINDS; i++) {
		const att_kind_def *k = &att_kinds[i];
		if (!k->required)
			continue;
		long long c = count_kind(d, rep->id, k->key);
		const char *detail = c ? arena_printf(a, "已上传 %lld 个文件", c) : "尚未上传";
		if (!strcmp(k->key, "scan")) {
			/* only the scan of the 定稿 waiting for 报送 counts */
			long long fin = db_int(d, 0, "SELECT f.id FROM finals f WHERE f.report_id = ?1 AND f.version = (SELECT max(version)"
						     " FROM finals WHERE report_id = ?1) AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.final_id = f.id)",
					       "I", rep->id);
			long long ver = fin ? db_int(d, 0, "SELECT version FROM finals WHERE id = ?1", "I", fin) : 0;
			c = fin ? db_int(d, 0, "SELECT count(*) FROM attachments WHERE report_id = ?1 AND kind = 'scan' AND final_id = ?2", "II",
					 rep->id, fin) : 0;
			detail = c ? arena_printf(a, "已上传第 %lld 版定稿的盖章扫描件", ver)
			     : fin ? arena_printf(a, "请打印第 %lld 版定稿，盖章后扫描上传", ver)
				   : "请先定稿，打印定稿的总结表盖章后扫描上传";
		}
		v[n++] = (check_item){k->label, detail, arena_printf(a, "%s#kind-%s", files, k->key), c > 0, true, false};
		if (!c)
			(*blocking)++;
	}
	*out = v;
	return n;
}

/* ---- verification codes ---- */

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* 60 random bits as 12 characters of Crockford's base32: no I, L, O or U to
 * misread, and read aloud over the phone without spelling. */
static void verify_code_new(char out[13])
{
	uint64_t x;
	randombytes_buf(&x, sizeof x);
	for (int i = 0; i < 12; i++, x >>= 5)
		out[i] = crockford[x & 31];
	out[12] = 0;
}

static bool verify_code_normalize(const char *in, char out[13])
{
	int n = 0;
	for (const char *p = in ? in : ""; *p; p++) {
		char c = *p;
		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (!strchr(crockford, c) || !c || n >= 12)
			return false;
		out[n++] = c;
	}
	out[n] = 0;
	return n == 12;
}

char *verify_code_display(arena *a, const char *code)
{
	if (!code || strlen(code) != 12)
		return arena_strdup(a, code ? code : "");
	return arena_printf(a, "%.4s-%.4s-%.4s", code, code + 4, code + 8);
}

/* ---- submitting ---- */

static json_t *jstr(const char *s)
{
	return s ? json_text(s) : json_null();
}

static char *dump(arena *a, json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	char *out = arena_strdup(a, s ? s : "null");
	free(s);
	json_decref(o);
	return out;
}

static char *form_json(db *d, arena *a, const report *rep, const field_value *fv, const char *verify_url,
		       long long now)
{
	form_head doc;
	report_form_head(d, a, rep, now, &doc);
	week wk;
	bool have_week = week_load(d, a, rep->week_id, &wk);
	json_t *o = json_object();
	json_object_set_new(o, "title", jstr(doc.title));
	json_object_set_new(o, "unit", jstr(doc.unit));
	json_object_set_new(o, "unit_id", json_integer(rep->unit_id));
	json_object_set_new(o, "week_id", json_integer(rep->week_id));
	json_object_set_new(o, "week_title", jstr(have_week ? wk.title : ""));
	json_object_set_new(o, "year", json_integer(have_week ? wk.year : 0));
	json_object_set_new(o, "filled_on", jstr(doc.filled_on));
	json_object_set_new(o, "verify_url", jstr(verify_url));
	json_t *plan = json_object();
	json_object_set_new(plan, "issuer", jstr(rep->plan_issuer));
	json_object_set_new(plan, "coordinator", jstr(rep->plan_coordinator));
	json_object_set_new(plan, "author", jstr(rep->plan_author));
	json_object_set_new(plan, "ceremony_date", jstr(rep->ceremony_date));
	json_object_set_new(plan, "ceremony_venue", jstr(rep->ceremony_venue));
	json_object_set_new(plan, "ceremony_leaders", jstr(rep->ceremony_leaders));
	json_object_set_new(o, "plan", plan);
	json_t *fields = json_array();
	for (int i = 0; fv[i].def; i++) {
		const field_value *f = &fv[i];
		json_t *x = json_object();
		json_object_set_new(x, "key", jstr(f->def->key));
		json_object_set_new(x, "group", jstr(f->def->group));
		json_object_set_new(x, "label", jstr(f->def->label));
		json_object_set_new(x, "kind", jstr(f->def->kind == FK_DERIVED ? "derived" : "narrative"));
		json_object_set_new(x, "optional", json_boolean(f->def->optional));
		json_object_set_new(x, "new_table", json_boolean(f->def->new_table));
		json_object_set_new(x, "derived", jstr(f->derived));
		json_object_set_new(x, "source", jstr(f->source));
		json_object_set_new(x, "written", jstr(f->written));
		json_object_set_new(x, "shown", jstr(f->shown));
		json_object_set_new(x, "overridden", json_boolean(f->overridden));
		json_object_set_new(x, "number_changed", json_boolean(f->number_changed));
		json_object_set_new(x, "reason", jstr(f->reason && *f->reason ? f->reason : NULL));
		json_array_append_new(fields, x);
	}
	json_object_set_new(o, "fields", fields);
	return dump(a, o);
}

static char *files_json(arena *a, const attachment *v, int n)
{
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		const att_kind_def *k = att_kind(v[i].kind);
		json_t *x = json_object();
		json_object_set_new(x, "kind", jstr(v[i].kind));
		json_object_set_new(x, "label", jstr(k ? k->label : v[i].kind));
		json_object_set_new(x, "filename", jstr(v[i].filename));
		json_object_set_new(x, "size", json_integer(v[i].size));
		json_object_set_new(x, "mime", jstr(v[i].mime));
		json_object_set_new(x, "sha256", jstr(v[i].sha256));
		json_array_append_new(arr, x);
	}
	return dump(a, arr);
}

/* ---- 定稿 ---- */

char *form_digest(arena *a, const field_value *fv)
{
	/* each text as its length and bytes, so no text can pass for two */
	buf b = BUF_INIT;
	buf_puts(&b, "learnweek-form-v1\n");
	for (int i = 0; fv[i].def; i++) {
		const field_value *f = &fv[i];
		const char *parts[] = {f->def->key, f->derived ? f->derived : "", f->shown ? f->shown : "",
				       f->overridden ? "1" : "0", f->reason ? f->reason : ""};
		for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
			buf_printf(&b, "%zu:%s\n", strlen(parts[k]), parts[k]);
	}
	char hex[65];
	sha256_hex(b.p, b.len, hex);
	buf_free(&b);
	return arena_strdup(a, hex);
}

const char *submission_digest(arena *a, const submission *s)
{
	if (s->digest && *s->digest)
		return s->digest;
	return form_digest(a, submission_fields(a, s, NULL, NULL));
}

long long report_latest_version(db *d, long long report_id)
{
	return db_int(d, 0, "SELECT max(v) FROM (SELECT COALESCE(max(version), 0) AS v FROM finals WHERE report_id = ?1"
			    " UNION ALL SELECT COALESCE(max(version), 0) FROM submissions WHERE report_id = ?1)", "I", report_id);
}

int form_diff(arena *a, const field_value *then, const field_value *now, field_diff **out)
{
	int rows = 0;
	while (now[rows].def)
		rows++;
	field_diff *v = arena_alloc(a, sizeof *v * (size_t)(rows + 1));
	int n = 0;
	for (int i = 0; i < rows && then[i].def; i++) {
		const char *t = then[i].shown ? then[i].shown : "", *w = now[i].shown ? now[i].shown : "";
		const char *dt = then[i].derived ? then[i].derived : "", *dw = now[i].derived ? now[i].derived : "";
		bool shown = strcmp(t, w) != 0, derived = strcmp(dt, dw) != 0;
		if (!shown && !derived)
			continue;
		v[n++] = (field_diff){now[i].def, t, w, derived && !shown ? dt : NULL, derived && !shown ? dw : NULL};
	}
	*out = v;
	return n;
}

#define FIN_SELECT "SELECT COALESCE(s.id, 0), f.report_id, r.week_id, r.unit_id, f.version, COALESCE(s.submitted_at, 0)," \
		   " COALESCE(s.reviewed_at, 0), COALESCE(s.late, 0), COALESCE(s.status, 'final'), f.verify_code, f.form_json," \
		   " COALESCE(s.files_json, '[]'), COALESCE(s.review_note, ''), u.name, f.id, f.digest, f.finalised_at" \
		   " FROM finals f JOIN reports r ON r.id = f.report_id JOIN units u ON u.id = r.unit_id" \
		   " LEFT JOIN submissions s ON s.final_id = f.id"

static bool sub_one(stmt *st, int prep_rc, arena *a, submission *s);

bool submission_imported(db *d, long long submission_id)
{
	return db_exists(d, "SELECT 1 FROM submissions WHERE id = ?1 AND imported = 1", "I", submission_id);
}

bool final_load(db *d, arena *a, long long final_id, submission *s)
{
	stmt st;
	return sub_one(&st, db_prep(d, &st, FIN_SELECT " WHERE f.id = ?1", "I", final_id), a, s);
}

final_state report_final(db *d, arena *a, const report *rep, const field_value *fv, submission *fin)
{
	long long id = db_int(d, 0, "SELECT id FROM finals WHERE report_id = ?1 ORDER BY version DESC LIMIT 1", "I", rep->id);
	if (!id || !final_load(d, a, id, fin) || fin->id)
		return FINAL_NONE;
	return strcmp(fin->digest, form_digest(a, fv)) ? FINAL_VOID : FINAL_VALID;
}

/* Inside the transaction: may the live form be finalised now? */
static int finalise_allowed(db *d, arena *a, const report *rep, const field_value *fv, errs *e)
{
	if (report_editable(rep))
		return 0;
	/* after 报送: only when the records have changed since the latest version */
	submission last;
	long long latest = submission_latest(d, rep->id);
	if (latest && submission_load(d, a, latest, &last) && strcmp(submission_digest(a, &last), form_digest(a, fv)))
		return 0;
	err_add(e, NULL, !strcmp(rep->status, "accepted") ? "报送材料已通过审核，提交后记录也没有变动，无需重新定稿。"
							  : "报送材料已提交，提交后记录没有变动，无需重新定稿；在中心退回之前不能修改。");
	return -1;
}

long long report_finalise(db *d, arena *a, const actor *who, const report *rep, const char *verify_base, errs *e)
{
	return report_finalise_values(d, a, who, rep, NULL, verify_base, e);
}

long long report_finalise_values(db *d, arena *a, const actor *who, const report *rep_in, const field_value *values,
				 const char *verify_base, errs *e)
{
	if (txn_begin(d, e) < 0)
		return 0;
	report rep;
	long long id = 0;
	int rc = report_get(d, a, rep_in->week_id, rep_in->unit_id, &rep) ? 0 : -1;
	const field_value *fv = NULL;
	if (rc == 0) {
		fv = values ? values : report_fields(d, a, &rep);
		rc = finalise_allowed(d, a, &rep, fv, e);
	}
	submission fin;
	if (rc == 0 && report_final(d, a, &rep, fv, &fin) == FINAL_VALID) {
		/* the city's 定稿 has no scan to upload yet (reporting upward is issue 17's) */
		err_add(e, NULL, arena_printf(a, "第 %lld 版定稿与现在的总结表一致，无需重新定稿%s。", fin.version,
					      rep.unit_id == unit_root(d) ? "" : "；请打印它盖章后上传扫描件"));
		rc = -1;
	}
	if (rc == 0) {
		long long version = report_latest_version(d, rep.id) + 1;
		char code[13];
		do
			verify_code_new(code);
		while (db_exists(d, "SELECT 1 FROM submissions WHERE verify_code = ?1 UNION ALL SELECT 1 FROM finals WHERE verify_code = ?1",
				 "t", code));
		const char *url = verify_base ? arena_printf(a, "%s/verify/%s", verify_base, code) : NULL;
		char *digest = form_digest(a, fv);
		rc = db_exec(d, "INSERT INTO finals(report_id, version, verify_code, digest, form_json, finalised_by, finalised_at)"
				" VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, 0), ?7)",
			     "IIttt" "II", rep.id, version, code, digest, form_json(d, a, &rep, fv, url, who->now), who->account_id, who->now);
		if (rc == 0) {
			id = db_last_id(d);
			rc = audit(d, who, rep.unit_id, "finalise", "final", id, arena_printf(a, "定稿第 %lld 版", version), NULL,
				   row_json(d, a, "SELECT version, verify_code, digest FROM finals WHERE id = ?1", id));
		}
	}
	if (txn_end(d, rc, e, "定稿失败，请重试。") < 0)
		return 0;
	return id;
}

/* Codes as printed (ABCD-EFGH-JKMN) or run together, in any case. */
static int codes_in(const char *text, char found[][13], int max)
{
	int n = 0;
	const char *p = text ? text : "";
	while (*p && n < max) {
		char c[13];
		int k = 0;
		const char *q = p;
		while (*q && k < 12) {
			char ch = *q;
			if (ch >= 'a' && ch <= 'z')
				ch = (char)(ch - 'a' + 'A');
			if (ch == '-' && k && k % 4 == 0) {
				q++;
				continue;
			}
			if (!ch || !strchr(crockford, ch))
				break;
			c[k++] = ch;
			q++;
		}
		if (k == 12) {
			c[12] = 0;
			memcpy(found[n++], c, 13);
			p = q;
		} else {
			p++;
		}
	}
	return n;
}

char *scan_code_warning(db *d, arena *a, const report *rep, long long final_id, const char *filename, const char *text)
{
	(void)rep;
	const char *where[2] = {filename, text};
	const char *said[2] = {"文件名", "扫描件的文字"};
	for (int w = 0; w < 2; w++) {
		char found[32][13];
		int n = codes_in(where[w], found, 32);
		for (int i = 0; i < n; i++) {
			stmt st;
			char *msg = NULL;
			if (db_prep(d, &st, "SELECT f.id, f.version, u.name FROM finals f JOIN reports r ON r.id = f.report_id"
					    " JOIN units u ON u.id = r.unit_id WHERE f.verify_code = ?1", "t", found[i]) == 0) {
				if (stmt_step(&st) == 1 && col_int(&st, 0) != final_id)
					msg = arena_printf(a, "这份扫描件的%s带有校验码 %s，那是%s第 %lld 版的，不是当前定稿的校验码。"
							      "请确认盖章的是当前这一版定稿。",
							   said[w], verify_code_display(a, found[i]), col_text(&st, 2), col_int(&st, 1));
				stmt_done(&st);
			}
			if (msg)
				return msg;
		}
	}
	return NULL;
}

/* ---- 报送 ---- */

long long submission_submit(db *d, arena *a, const actor *who, const report *rep_in, errs *e)
{
	return submission_submit_values(d, a, who, rep_in, NULL, NULL, e);
}

long long submission_submit_values(db *d, arena *a, const actor *who, const report *rep_in, form_values_fn values, void *ctx,
				   errs *e)
{
	if (txn_begin(d, e) < 0)
		return 0;
	/* read everything again inside the transaction: a second submit waits
	 * here for the first and then finds the 定稿 already submitted */
	report rep;
	long long id = 0;
	int rc = report_get(d, a, rep_in->week_id, rep_in->unit_id, &rep) ? 0 : -1;
	field_value *fv = NULL;
	submission fin;
	final_state fs = FINAL_NONE;
	if (rc == 0) {
		fv = values ? values(d, a, &rep, ctx) : report_fields(d, a, &rep);
		if (!fv)
			rc = -1;
		else
			fs = report_final(d, a, &rep, fv, &fin);
	}
	/* what is missing first (the scan counts only as the 定稿's), then the 定稿 */
	errs quiet = {0};
	bool editable = rc == 0 && report_check_editable(d, rep.week_id, rep.unit_id, fs == FINAL_NONE ? e : &quiet) == 0;
	if (rc == 0 && fs == FINAL_VOID) { /* a new 定稿 first: its scan and the rest after */
		err_add(e, "final", arena_printf(a, "第 %lld 版定稿后总结表又有改动，它的校验码已作废，不能报送。请重新定稿。", fin.version));
		rc = -1;
	}
	if (rc == 0 && (editable || fs != FINAL_NONE)) {
		check_item *items;
		int blocking = 0;
		int n = report_checklist(d, a, &rep, fv, &items, &blocking);
		for (int i = 0; i < n; i++)
			if (items[i].required && !items[i].done)
				err_add(e, "checklist", !strcmp(items[i].label, "盖章扫描件") && fs != FINAL_NONE
							? arena_printf(a, "还没有上传第 %lld 版定稿的盖章扫描件。", fin.version)
							: arena_printf(a, "还没有上传「%s」。", items[i].label));
		if (blocking)
			rc = -1;
	}
	if (fs == FINAL_NONE) {
		if (editable)
			err_add(e, "final", "请先定稿：定稿后打印总结表、盖章、上传扫描件，然后才能报送。");
		rc = -1;
	}
	week wk;
	if (rc == 0 && !week_load(d, a, rep.week_id, &wk))
		rc = -1;
	if (rc == 0) {
		attachment *atts;
		int natt = attachment_list(d, a, rep.id, &atts);
		bool late = who->now > wk.deadline_at;
		rc = db_exec(d, "INSERT INTO submissions(report_id, version, status, late, form_json, files_json, verify_code,"
				" submitted_by, submitted_at, final_id, digest) VALUES (?1, ?2, 'submitted', ?3, ?4, ?5, ?6, NULLIF(?7, 0), ?8, ?9, ?10)",
			     "IIIt" "ttII" "It", rep.id, fin.version, (long long)late, fin.form_json, files_json(a, atts, natt),
			     fin.verify_code, who->account_id, who->now, fin.final_id, fin.digest);
		if (rc == 0) {
			id = db_last_id(d);
			rc = db_exec(d, "UPDATE reports SET status = 'submitted', updated_at = ?1 WHERE id = ?2", "II", who->now, rep.id);
		}
		if (rc == 0)
			rc = audit(d, who, rep.unit_id, "submit", "submission", id,
				   arena_printf(a, "提交第 %lld 版%s", fin.version, late ? "（逾期）" : ""), NULL,
				   row_json(d, a, "SELECT version, late, verify_code, digest, files_json FROM submissions WHERE id = ?1", id));
	}
	if (txn_end(d, rc, e, "提交失败，请重试。") < 0)
		return 0;
	return id;
}

/* The centre accepts the latest version, if it is still submitted (checked
 * again inside the transaction). Returning a version, with comments on its
 * fields and files, is review_return in review.c. */
int submission_accept(db *d, arena *a, const actor *who, long long id, errs *e)
{
	submission s;
	if (!submission_load(d, a, id, &s)) {
		err_add(e, NULL, "找不到这一版报送材料。");
		return -1;
	}
	if (txn_begin(d, e) < 0)
		return -1;
	int rc = 0;
	char *status = db_text(d, a, "SELECT status FROM submissions WHERE id = ?1", "I", id);
	if (submission_latest(d, s.report_id) != id) {
		err_add(e, NULL, "这不是最新的一版，只能审核最新提交的版本。");
		rc = -1;
	} else if (!status || strcmp(status, "submitted")) {
		err_add(e, NULL, arena_printf(a, "这一版已经%s，不能重复审核。", submission_status_label(status)));
		rc = -1;
	}
	if (rc == 0)
		rc = db_exec(d, "UPDATE submissions SET status = 'accepted', reviewed_by = NULLIF(?1, 0), reviewed_at = ?2, review_note = ''"
				" WHERE id = ?3", "III", who->account_id, who->now, id);
	if (rc == 0)
		rc = db_exec(d, "UPDATE reports SET status = 'accepted', updated_at = ?1 WHERE id = ?2", "II", who->now, s.report_id);
	if (rc == 0)
		rc = audit(d, who, s.unit_id, "accept", "submission", id, arena_printf(a, "通过第 %lld 版", s.version),
			   json_pair(a, "status", status, NULL, NULL), json_pair(a, "status", "accepted", "note", ""));
	if (txn_end(d, rc, e, "保存失败，请重试。") < 0)
		return -1;
	return 0;
}

/* ---- reading versions ---- */

#define SUB_SELECT "SELECT s.id, s.report_id, r.week_id, r.unit_id, s.version, s.submitted_at, COALESCE(s.reviewed_at, 0)," \
		   " s.late, s.status, s.verify_code, s.form_json, s.files_json, s.review_note, u.name," \
		   " COALESCE(s.final_id, 0), s.digest, COALESCE(f.finalised_at, 0)" \
		   " FROM submissions s JOIN reports r ON r.id = s.report_id JOIN units u ON u.id = r.unit_id" \
		   " LEFT JOIN finals f ON f.id = s.final_id"

static void sub_row(stmt *st, arena *a, void *row)
{
	submission *s = row;
	s->id = col_int(st, 0);
	s->report_id = col_int(st, 1);
	s->week_id = col_int(st, 2);
	s->unit_id = col_int(st, 3);
	s->version = col_int(st, 4);
	s->submitted_at = col_int(st, 5);
	s->reviewed_at = col_int(st, 6);
	s->late = col_int(st, 7) != 0;
	s->status = col_dup(st, a, 8);
	s->verify_code = col_dup(st, a, 9);
	s->form_json = col_dup(st, a, 10);
	s->files_json = col_dup(st, a, 11);
	s->review_note = col_dup(st, a, 12);
	s->unit_name = col_dup(st, a, 13);
	s->final_id = col_int(st, 14);
	s->digest = col_dup(st, a, 15);
	s->finalised_at = col_int(st, 16);
}

/* The one row of a statement just prepared, if any. */
static bool sub_one(stmt *st, int prep_rc, arena *a, submission *s)
{
	submission *v;
	if (!rows_collect(st, prep_rc, a, sizeof *v, sub_row, (void **)&v))
		return false;
	*s = v[0];
	return true;
}

bool submission_load(db *d, arena *a, long long id, submission *s)
{
	stmt st;
	return sub_one(&st, db_prep(d, &st, SUB_SELECT " WHERE s.id = ?1", "I", id), a, s);
}

bool submission_by_code(db *d, arena *a, const char *code, submission *s)
{
	char c[13];
	stmt st;
	if (!verify_code_normalize(code, c))
		return false;
	return sub_one(&st, db_prep(d, &st, FIN_SELECT " WHERE f.verify_code = ?1", "t", c), a, s) ||
	       sub_one(&st, db_prep(d, &st, SUB_SELECT " WHERE s.verify_code = ?1", "t", c), a, s);
}

int submission_list(db *d, arena *a, long long report_id, submission **out)
{
	stmt st;
	return rows_collect(&st, db_prep(d, &st, SUB_SELECT " WHERE s.report_id = ?1 ORDER BY s.version DESC", "I", report_id), a,
			    sizeof **out, sub_row, (void **)out);
}

long long submission_latest(db *d, long long report_id)
{
	return db_int(d, 0, "SELECT id FROM submissions WHERE report_id = ?1 ORDER BY version DESC LIMIT 1", "I", report_id);
}

const char *submission_status_label(const char *s)
{
	if (!s) return "";
	if (!strcmp(s, "submitted")) return "已提交，待审核";
	if (!strcmp(s, "returned")) return "已退回";
	if (!strcmp(s, "accepted")) return "已通过";
	if (!strcmp(s, "final")) return "已定稿，尚未报送";
	return s;
}

static const char *jget(arena *a, json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? arena_strdup(a, s) : NULL;
}

/* One frozen field of the JSON into f (def already set). */
static void frozen_value(arena *a, json_t *x, field_value *f)
{
	f->derived = (char *)jget(a, x, "derived");
	f->source = (char *)jget(a, x, "source");
	f->written = (char *)jget(a, x, "written");
	f->reason = (char *)jget(a, x, "reason");
	const char *shown = jget(a, x, "shown");
	f->shown = (char *)(shown ? shown : "");
	f->overridden = json_is_true(json_object_get(x, "overridden"));
	f->number_changed = json_is_true(json_object_get(x, "number_changed"));
}

/* The row a frozen field was printed as: its key, group, label and kind as
 * frozen; where it had no new_table (versions frozen before migration 190,
 * all on the annex's twenty rows), the second table starts at the 14th. */
static form_field_def *frozen_row(arena *a, json_t *x, int i, bool any_break)
{
	form_field_def *r = arena_alloc(a, sizeof *r);
	r->key = jget(a, x, "key");
	const char *g = jget(a, x, "group");
	r->group = g && *g ? g : NULL;
	r->label = jget(a, x, "label");
	r->label = r->label ? r->label : r->key;
	const char *kind = jget(a, x, "kind");
	const form_derivation *dv = kind && !strcmp(kind, "derived") ? form_derivation_of(r->key) : NULL;
	r->kind = dv ? FK_DERIVED : FK_NARRATIVE;
	r->from = dv ? dv->from : NULL;
	r->summed = dv && dv->summed;
	r->derive = dv ? dv->derive : NULL;
	r->max_chars = dv ? dv->max_chars : 1000;
	r->optional = json_is_true(json_object_get(x, "optional"));
	r->new_table = any_break ? json_is_true(json_object_get(x, "new_table")) : i == 13;
	return r;
}

field_value *submission_fields(arena *a, const submission *s, const week_form *form, int *found)
{
	json_t *root = json_loads(s->form_json, 0, NULL);
	json_t *fields = json_object_get(root, "fields");
	size_t nf = json_array_size(fields);
	int n = form ? form->n : (int)nf, got = 0;
	field_value *out = arena_alloc(a, sizeof *out * (size_t)(n + 1));
	if (!form) {
		/* the rows as frozen, in their order */
		bool any_break = false;
		for (size_t k = 0; k < nf; k++)
			any_break |= json_object_get(json_array_get(fields, k), "new_table") != NULL;
		for (int i = 0; i < n; i++) {
			json_t *x = json_array_get(fields, (size_t)i);
			out[i].def = frozen_row(a, x, i, any_break);
			frozen_value(a, x, &out[i]);
			out[i].source = out[i].source ? out[i].source : "";
			got++;
		}
	}
	for (int i = 0; form && i < n; i++) {
		/* the week's rows, each with its frozen value */
		field_value *f = &out[i];
		f->def = &form->row[i];
		f->shown = "";
		size_t k;
		json_t *x;
		json_array_foreach(fields, k, x) {
			const char *key = json_string_value(json_object_get(x, "key"));
			if (!key || strcmp(key, f->def->key))
				continue;
			frozen_value(a, x, f);
			got++;
		}
		if (!f->source)
			f->source = "";
	}
	json_decref(root);
	if (found)
		*found = got;
	return out;
}

int submission_files(arena *a, const submission *s, frozen_file **out)
{
	json_t *arr = json_loads(s->files_json, 0, NULL);
	size_t n = json_array_size(arr);
	frozen_file *v = arena_alloc(a, sizeof *v * (n + 1));
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x) {
		v[i].kind = jget(a, x, "kind");
		v[i].label = jget(a, x, "label");
		v[i].filename = jget(a, x, "filename");
		v[i].mime = jget(a, x, "mime");
		v[i].sha256 = jget(a, x, "sha256");
		v[i].size = json_integer_value(json_object_get(x, "size"));
		if (!v[i].kind || !v[i].filename || !v[i].mime || !fs_sha_ok(v[i].sha256))
			n = 0; /* not written by this program: show nothing rather than guess */
	}
	json_decref(arr);
	*out = v;
	return (int)n;
}

char *submission_form_text(arena *a, const submission *s, const char *key)
{
	json_t *root = json_loads(s->form_json, 0, NULL);
	const char *v = jget(a, root, key);
	json_decref(root);
	return (char *)v;
}

const char *submission_verify_url(arena *a, const submission *s)
{
	return submission_form_text(a, s, "verify_url");
}

/* ---- the package ---- */

/* A unit's name as part of a file name: nothing a file system would refuse. */
char *file_name_part(arena *a, const char *s)
{
	char *v = arena_strdup(a, s ? s : "");
	for (char *p = v; *p; p++)
		if (strchr("/\\<>:\"|?*", *p) || (unsigned char)*p < 0x20)
			*p = '_';
	return v;
}

char *submission_file_name(arena *a, const submission *s, const char *what, const char *ext)
{
	return arena_printf(a, "%s-%s-第%lld版%s", file_name_part(a, s->unit_name), what, s->version, ext);
}

long long submission_year(const submission *s)
{
	json_t *root = json_loads(s->form_json, 0, NULL);
	long long year = json_integer_value(json_object_get(root, "year"));
	json_decref(root);
	return year;
}
