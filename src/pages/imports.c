/* imports.c: bulk import of a unit's activities: the template, the upload,
 * the row-by-row report and preview, and the confirmation that writes. */
#include "pages/imports.h"
#include "domain/import.h"
#include "export/xlsx_template.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PREVIEW_ROWS 200

/* GET /units/:unit/imports/template.xlsx */
static int activity_template(req *r, const char *path, const char *tmpdir, const char **name, const char **ascii)
{
	long long unit_id = path_id(r, "unit"), week_id = week_param(r);
	unit u;
	unit_load(r->db, r->a, unit_id, &u);
	week wk;
	bool have_week = week_id && week_load(r->db, r->a, week_id, &wk);
	/* the week's lists; without a week, those a new week would start with */
	week_lists lists = have_week ? week_lists_load(r->db, r->a, week_id) : week_lists_start(r->db, r->a, 0);
	/* the example row falls on the week's second day, as the notice's 12月2日 */
	char *day = NULL;
	if (have_week) {
		long long d0;
		if (date_parse(wk.starts_on, &d0)) {
			long long y;
			unsigned m, d;
			civil_from_days(d0 + 1, &y, &m, &d);
			day = arena_printf(r->a, "%04lld-%02u-%02u", y, m, d);
		}
	}
	xlsx_template_opts o = {&lists, day, u.name, tmpdir};
	*name = arena_printf(r->a, "%s%s活动导入模板.xlsx", u.name, have_week ? arena_printf(r->a, "%lld年", wk.year) : "");
	*ascii = "learnweek-import-template.xlsx";
	return xlsx_template_write(path, &o);
}

const import_kind activity_import_kind = {activity_template, "template"};

void page_import_template(req *r, resp *w)
{
	const import_kind *k = r->route->h.data;
	char *tmpdir = arena_printf(r->a, "%s/files/tmp", cfg.data_dir);
	char *path = arena_printf(r->a, "%s/%s-XXXXXX", tmpdir, k->tmp_prefix);
	int fd = mkstemp(path);
	if (fd < 0) {
		fail(r, w, 507, "服务器无法生成模板文件（磁盘可能已满），请联系管理员。");
		return;
	}
	close(fd);
	const char *name = NULL, *ascii = NULL;
	struct stat st;
	FILE *f = NULL;
	if (k->template_write(r, path, tmpdir, &name, &ascii) < 0 || stat(path, &st) < 0 || !(f = fopen(path, "rb"))) {
		unlink(path);
		fail(r, w, 500, "生成模板失败，请重试。");
		return;
	}
	buf_reset(&w->body);
	buf_reserve(&w->body, (size_t)st.st_size + 1);
	size_t got = fread(w->body.p, 1, (size_t)st.st_size, f);
	fclose(f);
	unlink(path);
	w->body.len = got; /* raw-ok: an .xlsx, not HTML */
	w->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	download_header(r, w, false, name, ascii);
	resp_header(r, w, "Cache-Control", "private, no-store");
}

static void upload_form(req *r, html *b, long long unit_id, long long week_id, bool again)
{
	H(b, "<form method=\"post\" action=\"/units/%D/imports\" enctype=\"multipart/form-data\" class=\"form upload\" data-progress>",
	  unit_id);
	csrf_field(r, b);
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\">", week_id);
	H(b, "<div class=\"field\"><label for=\"f-file\">%s</label>"
	     "<input id=\"f-file\" type=\"file\" name=\"file\" required aria-describedby=\"h-file\" "
	     "accept=\".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv\">"
	     "<p class=\"hint\" id=\"h-file\">Excel 工作簿（.xlsx）或 CSV 文件，最大 20 MB，最多 %d 行。</p></div>",
	  again ? "改好后重新选择文件" : "选择填好的文件", IMPORT_MAX_ROWS);
	html(b, "<progress hidden max=\"100\" value=\"0\">上传中</progress>"
		"<p class=\"progress-text hint\" aria-live=\"polite\"></p>"
		"<p><button type=\"submit\" class=\"primary\">上传并检查</button></p></form>");
}

static void import_intro(req *r, resp *w, long long unit_id, long long week_id, const char *error)
{
	html *b = resp_html(w);
	unit u;
	unit_load(r->db, r->a, unit_id, &u);
	page_open(r, w, "批量导入活动");
	breadcrumbs(r, w, "活动", arena_printf(r->a, "/units/%lld/activities?week=%lld", unit_id, week_id), "批量导入");
	H(b, "<h1>%s：从 Excel 批量导入活动</h1>", u.name);
	if (error)
		H(b, "<div class=\"errors\" role=\"alert\"><p><strong>文件无法导入：</strong>%s</p></div>", error);
	H(b, "<ol class=\"steps\"><li><a href=\"/units/%D/imports/template.xlsx?week=%D\">下载导入模板（Excel）</a>。"
	     "模板里有每一列的填写说明和下拉选项。</li>"
	     "<li>从第 2 行起，每行填写一项活动。第一行的列名不要修改。</li>"
	     "<li>上传填好的文件。系统逐行检查，并告诉您哪一行、哪一列需要修改。</li>"
	     "<li>检查无误后看一遍预览，点“确认导入”才会保存。同一个文件重复导入，不会产生重复的活动。</li></ol>",
	  unit_id, week_id);
	H(b, "<p><a class=\"button\" href=\"/units/%D/imports/template.xlsx?week=%D\">下载导入模板</a></p>", unit_id, week_id);
	upload_form(r, b, unit_id, week_id, error != NULL);
	html(b, "<p class=\"hint\">也可以上传 CSV 文件：Excel「另存为」的 CSV（UTF-8 或 Excel 默认的 GBK 编码）都可以，"
		"第一行是与模板相同的列名。</p>");
	page_close(r, w);
}

static bool import_allowed(req *r, resp *w, long long unit_id, long long week_id)
{
	if (!week_id) {
		fail(r, w, 409, "还没有活动周，暂时不能导入活动。");
		return false;
	}
	const char *refused = bulk_refusal(r->db, r->a, &import_bulk, unit_id);
	if (refused) {
		fail(r, w, 409, "%s", refused);
		return false;
	}
	return true;
}

/* GET /units/:unit/imports/new */
void page_import_new(req *r, resp *w)
{
	long long unit_id = path_id(r, "unit"), week_id = week_param(r);
	if (import_allowed(r, w, unit_id, week_id))
		import_intro(r, w, unit_id, week_id, NULL);
}

static void summary(html *b, const import_file *f)
{
	H(b, "<ul class=\"summary\"><li>读取为：%s，共 %d 行活动</li>", f->kind ? f->kind : "", f->nrows - f->n_example);
	if (f->n_bad)
		H(b, "<li><strong>%d 行有错误</strong>，需要修改</li>", f->n_bad);
	H(b, "<li>可导入的新活动：<strong>%d</strong> 项</li>", f->n_new);
	if (f->n_seen)
		H(b, "<li>已导入过、将跳过：%d 行</li>", f->n_seen);
	if (f->n_dup)
		H(b, "<li>与文件中前面的行完全相同、将跳过：%d 行</li>", f->n_dup);
	if (f->n_example)
		H(b, "<li>模板的示例行，将跳过：%d 行</li>", f->n_example);
	if (f->n_warn)
		H(b, "<li>需要留意（不影响导入）：%d 行</li>", f->n_warn);
	html(b, "</ul>");
	if (f->ignored)
		H(b, "<p class=\"warn\">以下列不是模板中的列，不会导入：%s。</p>", f->ignored);
}

static void issue_table(html *b, const import_file *f)
{
	H(b, "<section class=\"errors\" role=\"alert\" id=\"report\"><h2>错误报告：%d 行有错误，共 %d 处</h2>"
	     "<p>请在原文件中改正下列各处，保存后重新上传。改好之前，系统不会导入任何一行。</p>",
	  f->n_bad, f->issues_total);
	html(b, "<div class=\"table-wrap\"><table class=\"report\"><thead><tr><th scope=\"col\">行号</th><th scope=\"col\">列</th>"
		"<th scope=\"col\">问题</th></tr></thead><tbody>");
	for (int i = 0; i < f->nissues; i++)
		H(b, "<tr><td>第 %D 行</td><td>%s</td><td>%s</td></tr>", f->issues[i].line,
		  f->issues[i].column ? f->issues[i].column : "—", f->issues[i].msg);
	html(b, "</tbody></table></div>");
	if (f->issues_total > f->nissues)
		H(b, "<p>另有 %d 处错误没有列出；请先改正上面的，再上传检查。</p>", f->issues_total - f->nissues);
	html(b, "</section>");
}

static void preview_table(req *r, html *b, const import_file *f)
{
	html(b, "<h2>预览</h2><div class=\"table-wrap\"><table class=\"preview\"><thead><tr><th scope=\"col\">行号</th>"
		"<th scope=\"col\">活动名称</th><th scope=\"col\">时间</th><th scope=\"col\">主办单位</th>"
		"<th scope=\"col\">导入结果</th></tr></thead><tbody>");
	int shown = 0;
	for (int i = 0; i < f->nrows && shown < PREVIEW_ROWS; i++) {
		const import_row *row = &f->rows[i];
		if (row->state == ROW_BAD || row->state == ROW_EXAMPLE)
			continue;
		shown++;
		H(b, "<tr class=\"row-%s\"><td>第 %D 行</td><td>%s</td><td>", row->state == ROW_NEW ? "new" : "skip", row->line,
		  row->title);
		html when = HTML_INIT;
		activity x = {0};
		x.starts_at = row->starts_at;
		x.ends_at = row->ends_at;
		activity_when(r, &when, &x);
		H(b, "%B</td><td>%s</td><td>", &when, row->host);
		html_free(&when);
		if (row->state == ROW_NEW)
			html(b, "将导入");
		else if (row->state == ROW_SEEN)
			html(b, "<strong>已导入过，将跳过</strong>");
		else
			H(b, "与第 %D 行相同，将跳过", row->dup_of);
		if (row->warning)
			H(b, "<p class=\"warn\">%s</p>", row->warning);
		html(b, "</td></tr>");
	}
	html(b, "</tbody></table></div>");
	int listable = f->nrows - f->n_bad - f->n_example;
	if (listable > shown)
		H(b, "<p>只列出前 %d 行，其余 %d 行未逐一列出。</p>", shown, listable - shown);
}

/* The page for a file with row errors (status 422) or a preview (200). */
static void report_page(req *r, resp *w, const import_file *f, const import_rec *rec, long long unit_id, long long week_id,
			const char *filename)
{
	html *b = resp_html(w);
	page_open(r, w, f->n_bad ? "导入检查：有错误" : "导入预览");
	breadcrumbs(r, w, "活动", arena_printf(r->a, "/units/%lld/activities?week=%lld", unit_id, week_id),
		    f->n_bad ? "导入检查" : "导入预览");
	H(b, "<h1>%s：%s</h1>", f->n_bad ? "导入检查" : "导入预览", filename);
	summary(b, f);
	if (f->n_bad) {
		issue_table(b, f);
		upload_form(r, b, unit_id, week_id, true);
		page_close(r, w);
		return;
	}
	bool pending = rec && !strcmp(rec->status, "pending");
	if (rec && !pending)
		H(b, "<p class=\"flash\">这个文件已经%s。</p>", !strcmp(rec->status, "done") ? "确认导入过了" : "放弃导入");
	if (pending && f->n_new) {
		form_open(r, b, arena_printf(r->a, "/imports/%lld/confirm", rec->id), "form card");
		html(b, "<fieldset class=\"checks\"><legend>导入后的状态</legend>"
			"<label class=\"check\"><input type=\"radio\" name=\"status\" value=\"draft\" checked> 草稿（检查后再逐项发布）</label>"
			"<label class=\"check\"><input type=\"radio\" name=\"status\" value=\"published\"> 直接发布（居民马上可以在日历中看到）</label>"
			"</fieldset>");
		H(b, "<p class=\"actions\"><button type=\"submit\" class=\"primary\">确认导入</button> 将保存 %d 项新活动。</p></form>",
		  f->n_new);
	} else if (pending) {
		html(b, "<p class=\"empty\">文件中没有新的活动需要导入（都已导入过，或是示例行）。</p>");
	}
	if (pending) {
		form_open(r, b, arena_printf(r->a, "/imports/%lld/discard", rec->id), "inline");
		html(b, "<button type=\"submit\" class=\"linkish\">放弃这次导入</button></form>");
	}
	preview_table(r, b, f);
	page_close(r, w);
}

/* POST /units/:unit/imports */
void page_import_upload(req *r, resp *w)
{
	long long unit_id = path_id(r, "unit"), week_id = week_param(r);
	if (!import_allowed(r, w, unit_id, week_id))
		return;
	upload_part *p = upload_get(r, "file");
	if (!p || !p->u->size) {
		w->status = 400;
		import_intro(r, w, unit_id, week_id, p ? "选择的文件是空的。" : "请选择要上传的文件。");
		return;
	}
	import_file f;
	import_read(r->db, r->a, p->u->tmp_path, p->filename, unit_id, week_id, &f);
	if (f.status) {
		w->status = f.status;
		import_intro(r, w, unit_id, week_id, f.error);
		return;
	}
	if (f.n_bad) {
		/* nothing is kept: the person fixes the file and uploads it again */
		w->status = 422;
		report_page(r, w, &f, NULL, unit_id, week_id, p->filename);
		return;
	}
	if (upload_keep(r, p) < 0) {
		fail(r, w, 507, "服务器无法保存文件（磁盘可能已满），请联系管理员。");
		return;
	}
	actor who = page_actor(r);
	import_rec rec = {0};
	rec.unit_id = unit_id;
	rec.week_id = week_id;
	rec.sha256 = p->u->sha256;
	rec.filename = (char *)(*p->filename && utf8_chars(p->filename) <= 200 ? p->filename : "导入文件");
	rec.rows_total = f.nrows - f.n_example;
	rec.rows_new = f.n_new;
	if (!import_create(r->db, r->a, &who, &rec, p->u->size, p->mime)) {
		fail(r, w, 503, "保存失败，请重试。");
		return;
	}
	redirect(r, w, arena_printf(r->a, "/imports/%lld", rec.id));
}

static bool load_import(req *r, resp *w, import_rec *rec, import_file *f)
{
	if (!import_load(r->db, r->a, path_id(r, "import"), rec)) {
		fail(r, w, 404, "找不到这次导入。");
		return false;
	}
	import_read(r->db, r->a, fs_path(r->a, cfg.data_dir, rec->sha256), rec->filename, rec->unit_id, rec->week_id, f);
	if (f->status) {
		fail(r, w, f->status, "%s", f->error);
		return false;
	}
	return true;
}

/* GET /imports/:import */
void page_import_preview(req *r, resp *w)
{
	import_rec rec;
	import_file f;
	if (load_import(r, w, &rec, &f))
		report_page(r, w, &f, &rec, rec.unit_id, rec.week_id, rec.filename);
}

/* POST /imports/:import/confirm */
void page_import_confirm(req *r, resp *w)
{
	const char *status = param(r, "status");
	if (!status || (strcmp(status, "draft") && strcmp(status, "published"))) {
		fail(r, w, 400, "请选择导入后的状态：草稿或直接发布。");
		return;
	}
	import_rec rec;
	if (!import_load(r->db, r->a, path_id(r, "import"), &rec)) {
		fail(r, w, 404, "找不到这次导入。");
		return;
	}
	if (strcmp(rec.status, "pending")) {
		fail(r, w, 409, "这个文件已经%s，不能再次确认。要再导入，请重新上传文件（已导入的行会自动跳过）。",
		     !strcmp(rec.status, "done") ? "导入过了" : "放弃导入");
		return;
	}
	import_file f;
	if (!load_import(r, w, &rec, &f))
		return;
	if (f.n_bad) {
		w->status = 422;
		report_page(r, w, &f, NULL, rec.unit_id, rec.week_id, rec.filename);
		return;
	}
	actor who = page_actor(r);
	long long skipped;
	long long n = import_commit(r->db, r->a, &who, &rec, &f, status, &skipped);
	if (n == -2) {
		fail(r, w, 409, "这个文件已经导入过了，不能再次确认。");
		return;
	}
	if (n < 0) {
		fail(r, w, 503, "导入失败，没有保存任何活动。请稍后重试。");
		return;
	}
	flash(r, w, arena_printf(r->a, "已导入 %lld 项活动（%s）%s。", n, !strcmp(status, "published") ? "已发布" : "草稿",
				 skipped ? arena_printf(r->a, "，跳过 %lld 行已导入过或重复的行", skipped) : ""));
	redirect(r, w, arena_printf(r->a, "/units/%lld/activities?week=%lld", rec.unit_id, rec.week_id));
}

/* POST /imports/:import/discard */
void page_import_discard(req *r, resp *w)
{
	import_rec rec;
	if (!import_load(r->db, r->a, path_id(r, "import"), &rec)) {
		fail(r, w, 404, "找不到这次导入。");
		return;
	}
	actor who = page_actor(r);
	if (import_discard(r->db, r->a, &who, &rec) < 0) {
		fail(r, w, 409, "这次导入已经确认或放弃过了。");
		return;
	}
	flash(r, w, "已放弃这次导入，没有保存任何活动。");
	redirect(r, w, arena_printf(r->a, "/units/%lld/activities?week=%lld", rec.unit_id, rec.week_id));
}
