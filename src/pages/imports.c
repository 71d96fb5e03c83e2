/* imports.c: the bulk imports of a unit's records (activities, resources),
 * one handler per step for every kind, told apart by the route's data (an
 * import_kind): the template, the upload, the row-by-row report and preview,
 * the confirmation that writes and the discarding. */
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

/* ---- the kinds ---- */

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

static void activity_cells(req *r, html *b, const bulk_row *row)
{
	html when = HTML_INIT;
	activity x = {0};
	x.starts_at = row->starts_at;
	x.ends_at = row->ends_at;
	activity_when(r, &when, &x);
	H(b, "<td>%B</td><td>%s</td>", &when, row->text[0]);
	html_free(&when);
}

const import_kind activity_import_kind = {
	&import_bulk, activity_template, "template", "imports", "activities", {"活动名称", "时间", "主办单位"},
	activity_cells, true, "/imports",
};

static int resource_template(req *r, const char *path, const char *tmpdir, const char **name, const char **ascii)
{
	static const char *const example[N_RESOURCE_COLUMNS] = {
		RESOURCE_EXAMPLE_MARK "社区教育学院计算机教室", "场地", "某某区社区教育学院", "某某路 1 号教学楼三楼", "某某街道",
		"12月1日至7日 每天 9:00-17:00", "老年人群、城乡社区居民", "", "", "", "40 台电脑，可预约上机学习。", "开放",
	};
	const char *kinds[N_RESOURCE_KINDS], *sts[] = {"开放", "暂停开放"};
	for (int i = 0; i < N_RESOURCE_KINDS; i++)
		kinds[i] = resource_kind_labels[i];
	/* the audiences of the latest week (the template names no week) */
	choices aud = week_lists_start(r->db, r->a, 0).audience;
	xlsx_list list[] = {{1, kinds, N_RESOURCE_KINDS, false}, {6, aud.label, aud.n, true}, {11, sts, 2, false}};
	xlsx_table_opts o = {resource_columns, N_RESOURCE_COLUMNS, example, list, 3, "学习资源", RESOURCE_EXAMPLE_MARK, tmpdir};
	*name = "学习资源导入模板.xlsx";
	*ascii = "learnweek-resources-template.xlsx";
	return xlsx_table_template_write(path, &o);
}

static void resource_cells(req *r, html *b, const bulk_row *row)
{
	(void)r;
	H(b, "<td>%s</td><td>%s</td>", row->text[0], row->text[1]);
}

const import_kind resource_import_kind = {
	&resource_bulk, resource_template, "rtemplate", "resources/import", "resources", {"名称", "类别", "开放单位"},
	resource_cells, false, NULL,
};

static const import_kind *kind_of(req *r)
{
	return r->route->h.data;
}

/* ---- the template ---- */

/* GET /units/:unit/imports/template.xlsx and the other kinds' */
void page_import_template(req *r, resp *w)
{
	const import_kind *k = kind_of(r);
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

/* ---- the pages ---- */

static const char *list_url(req *r, const import_kind *k, long long unit_id, long long week_id)
{
	return arena_printf(r->a, "/units/%lld/%s?week=%lld", unit_id, k->list, week_id);
}

static void upload_form(req *r, html *b, const import_kind *k, long long unit_id, long long week_id, bool again)
{
	H(b, "<form method=\"post\" action=\"/units/%D/%s\" enctype=\"multipart/form-data\" class=\"form upload\" data-progress>",
	  unit_id, k->path);
	csrf_field(r, b);
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\">", week_id);
	H(b, "<div class=\"field\"><label for=\"f-file\">%s</label>"
	     "<input id=\"f-file\" type=\"file\" name=\"file\" required aria-describedby=\"h-file\" "
	     "accept=\".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv\">"
	     "<p class=\"hint\" id=\"h-file\">Excel 工作簿（.xlsx）或 CSV 文件，最大 20 MB，最多 %d 行。</p></div>",
	  again ? "改好后重新选择文件" : "选择填好的文件", k->bulk->table->max_rows);
	html(b, "<progress hidden max=\"100\" value=\"0\">上传中</progress>"
		"<p class=\"progress-text hint\" aria-live=\"polite\"></p>"
		"<p><button type=\"submit\" class=\"primary\">上传并检查</button></p></form>");
}

static void import_intro(req *r, resp *w, const import_kind *k, long long unit_id, long long week_id, const char *error)
{
	html *b = resp_html(w);
	const char *noun = k->bulk->noun, *what = k->bulk->table->what;
	unit u;
	unit_load(r->db, r->a, unit_id, &u);
	page_open(r, w, arena_printf(r->a, "批量导入%s", noun));
	breadcrumbs(r, w, noun, list_url(r, k, unit_id, week_id), "批量导入");
	H(b, "<h1>%s：从 Excel 批量导入%s</h1>", u.name, noun);
	if (error)
		H(b, "<div class=\"errors\" role=\"alert\"><p><strong>文件无法导入：</strong>%s</p></div>", error);
	H(b, "<ol class=\"steps\"><li><a href=\"/units/%D/%s/template.xlsx?week=%D\">下载导入模板（Excel）</a>。"
	     "模板里有每一列的填写说明和下拉选项。</li>"
	     "<li>从第 2 行起，每行填写一项%s。第一行的列名不要修改。</li>"
	     "<li>上传填好的文件。系统逐行检查，并告诉您哪一行、哪一列需要修改。</li>"
	     "<li>检查无误后看一遍预览，点“确认导入”才会保存。同一个文件重复导入，不会产生重复的%s。</li></ol>",
	  unit_id, k->path, week_id, what, what);
	H(b, "<p><a class=\"button\" href=\"/units/%D/%s/template.xlsx?week=%D\">下载导入模板</a></p>", unit_id, k->path, week_id);
	upload_form(r, b, k, unit_id, week_id, error != NULL);
	html(b, "<p class=\"hint\">也可以上传 CSV 文件：Excel「另存为」的 CSV（UTF-8 或 Excel 默认的 GBK 编码）都可以，"
		"第一行是与模板相同的列名。</p>");
	page_close(r, w);
}

static bool import_allowed(req *r, resp *w, const import_kind *k, long long unit_id, long long week_id)
{
	if (!week_id) {
		fail(r, w, 409, "还没有活动周，暂时不能导入%s。", k->bulk->noun);
		return false;
	}
	const char *refused = bulk_refusal(r->db, r->a, k->bulk, unit_id);
	if (refused) {
		fail(r, w, 409, "%s", refused);
		return false;
	}
	return true;
}

/* GET /units/:unit/imports/new and the other kinds' */
void page_import_new(req *r, resp *w)
{
	const import_kind *k = kind_of(r);
	long long unit_id = path_id(r, "unit"), week_id = week_param(r);
	if (import_allowed(r, w, k, unit_id, week_id))
		import_intro(r, w, k, unit_id, week_id, NULL);
}

static void summary(html *b, const import_kind *k, const bulk_file *f)
{
	const bulk_counts *n = &f->n;
	H(b, "<ul class=\"summary\"><li>读取为：%s，共 %d 行%s</li>", f->table.kind ? f->table.kind : "", f->table.nrows - n->n_example,
	  k->bulk->table->what);
	if (n->n_bad)
		H(b, "<li><strong>%d 行有错误</strong>，需要修改</li>", n->n_bad);
	H(b, "<li>可导入的新%s：<strong>%d</strong> 项</li>", k->bulk->table->what, n->n_new);
	if (n->n_seen)
		H(b, "<li>已导入过、将跳过：%d 行</li>", n->n_seen);
	if (n->n_dup)
		H(b, "<li>与前面的行相同、将跳过：%d 行</li>", n->n_dup);
	if (n->n_example)
		H(b, "<li>模板的示例行，将跳过：%d 行</li>", n->n_example);
	if (n->n_warn)
		H(b, "<li>需要留意（不影响导入）：%d 行</li>", n->n_warn);
	html(b, "</ul>");
	if (f->table.ignored)
		H(b, "<p class=\"warn\">以下列不是模板中的列，不会导入：%s。</p>", f->table.ignored);
}

static void issue_table(html *b, const bulk_file *f)
{
	const table_issues *is = &f->issues;
	H(b, "<section class=\"errors\" role=\"alert\" id=\"report\"><h2>错误报告：%d 行有错误，共 %d 处</h2>"
	     "<p>请在原文件中改正下列各处，保存后重新上传。改好之前，系统不会导入任何一行。</p>",
	  f->n.n_bad, is->total);
	html(b, "<div class=\"table-wrap\"><table class=\"report\"><thead><tr><th scope=\"col\">行号</th><th scope=\"col\">列</th>"
		"<th scope=\"col\">问题</th></tr></thead><tbody>");
	for (int i = 0; i < is->n; i++)
		H(b, "<tr><td>第 %D 行</td><td>%s</td><td>%s</td></tr>", is->v[i].line, is->v[i].column ? is->v[i].column : "—",
		  is->v[i].msg);
	html(b, "</tbody></table></div>");
	if (is->total > is->n)
		H(b, "<p>另有 %d 处错误没有列出；请先改正上面的，再上传检查。</p>", is->total - is->n);
	html(b, "</section>");
}

static void preview_table(req *r, html *b, const import_kind *k, const bulk_file *f)
{
	H(b, "<h2>预览</h2><div class=\"table-wrap\"><table class=\"preview\"><thead><tr><th scope=\"col\">行号</th>"
	     "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">导入结果</th></tr></thead><tbody>",
	  k->heads[0], k->heads[1], k->heads[2]);
	int shown = 0;
	for (int i = 0; i < f->table.nrows && shown < PREVIEW_ROWS; i++) {
		const bulk_row *row = &f->rows[i];
		if (row->state == BULK_BAD || row->state == BULK_EXAMPLE)
			continue;
		shown++;
		H(b, "<tr class=\"row-%s\"><td>第 %D 行</td><td>%s</td>", row->state == BULK_NEW ? "new" : "skip", row->line, row->title);
		k->cells(r, b, row);
		html(b, "<td>");
		if (row->state == BULK_NEW)
			html(b, "将导入");
		else if (row->state == BULK_SEEN)
			html(b, "<strong>已导入过，将跳过</strong>");
		else
			H(b, "与第 %D 行相同，将跳过", row->dup_of);
		if (row->warning)
			H(b, "<p class=\"warn\">%s</p>", row->warning);
		html(b, "</td></tr>");
	}
	html(b, "</tbody></table></div>");
	int listable = f->table.nrows - f->n.n_bad - f->n.n_example;
	if (listable > shown)
		H(b, "<p>只列出前 %d 行，其余 %d 行未逐一列出。</p>", shown, listable - shown);
}

/* A form for a step (confirm, discard) of the pending import p. */
static void step_form(req *r, html *b, const import_kind *k, const bulk_pending *p, const char *step, const char *cls)
{
	if (k->pending) {
		form_open(r, b, arena_printf(r->a, "%s/%lld/%s", k->pending, p->id, step), cls);
		return;
	}
	form_open(r, b, arena_printf(r->a, "/units/%lld/%s/%s", p->unit_id, k->path, step), cls);
	H(b, "<input type=\"hidden\" name=\"id\" value=\"%D\">", p->id);
}

/* The page for a file with row errors (status 422) or a preview (200). */
static void report_page(req *r, resp *w, const import_kind *k, const bulk_file *f, const bulk_pending *rec, long long unit_id,
			long long week_id, const char *filename)
{
	html *b = resp_html(w);
	bool bad = f->n.n_bad > 0;
	page_open(r, w, bad ? "导入检查：有错误" : "导入预览");
	breadcrumbs(r, w, k->bulk->noun, list_url(r, k, unit_id, week_id), bad ? "导入检查" : "导入预览");
	H(b, "<h1>%s：%s</h1>", bad ? "导入检查" : "导入预览", filename);
	summary(b, k, f);
	if (bad) {
		issue_table(b, f);
		upload_form(r, b, k, unit_id, week_id, true);
		page_close(r, w);
		return;
	}
	bool pending = rec && !strcmp(rec->status, "pending");
	if (rec && !pending)
		H(b, "<p class=\"flash\">这个文件已经%s。</p>", !strcmp(rec->status, "done") ? "确认导入过了" : "放弃导入");
	if (pending && f->n.n_new) {
		step_form(r, b, k, rec, "confirm", "form card");
		if (k->ask_status)
			html(b, "<fieldset class=\"checks\"><legend>导入后的状态</legend>"
				"<label class=\"check\"><input type=\"radio\" name=\"status\" value=\"draft\" checked> 草稿（检查后再逐项发布）</label>"
				"<label class=\"check\"><input type=\"radio\" name=\"status\" value=\"published\"> 直接发布（居民马上可以在日历中看到）</label>"
				"</fieldset>");
		H(b, "<p class=\"actions\"><button type=\"submit\" class=\"primary\">确认导入</button> 将保存 %d 项新%s。</p></form>",
		  f->n.n_new, k->bulk->table->what);
	} else if (pending) {
		H(b, "<p class=\"empty\">文件中没有新的%s需要导入（都已导入过，或是示例行）。</p>", k->bulk->table->what);
	}
	if (pending) {
		step_form(r, b, k, rec, "discard", "inline");
		html(b, "<button type=\"submit\" class=\"linkish\">放弃这次导入</button></form>");
	}
	preview_table(r, b, k, f);
	page_close(r, w);
}

/* POST /units/:unit/imports and the other kinds' */
void page_import_upload(req *r, resp *w)
{
	const import_kind *k = kind_of(r);
	long long unit_id = path_id(r, "unit"), week_id = week_param(r);
	if (!import_allowed(r, w, k, unit_id, week_id))
		return;
	upload_part *p = upload_get(r, "file");
	if (!p || !p->u->size) {
		w->status = 400;
		import_intro(r, w, k, unit_id, week_id, p ? "选择的文件是空的。" : "请选择要上传的文件。");
		return;
	}
	bulk_file f;
	k->bulk->read(r->db, r->a, p->u->tmp_path, p->filename, unit_id, week_id, &f);
	if (f.table.status) {
		w->status = f.table.status;
		import_intro(r, w, k, unit_id, week_id, f.table.error);
		return;
	}
	if (f.n.n_bad) {
		/* nothing is kept: the person fixes the file and uploads it again */
		w->status = 422;
		report_page(r, w, k, &f, NULL, unit_id, week_id, p->filename);
		return;
	}
	if (upload_keep(r, p) < 0) {
		fail(r, w, 507, "服务器无法保存文件（磁盘可能已满），请联系管理员。");
		return;
	}
	actor who = page_actor(r);
	bulk_pending rec = {0};
	rec.unit_id = unit_id;
	rec.week_id = week_id;
	rec.sha256 = p->u->sha256;
	rec.filename = (char *)(*p->filename && utf8_chars(p->filename) <= 200 ? p->filename : "导入文件");
	rec.rows_total = f.table.nrows - f.n.n_example;
	rec.rows_new = f.n.n_new;
	rec.status = "pending";
	if (!bulk_pending_create(r->db, r->a, k->bulk, &who, &rec, p->u->size, p->mime)) {
		fail(r, w, 503, "保存失败，请重试。");
		return;
	}
	if (k->pending)
		redirect(r, w, arena_printf(r->a, "%s/%lld", k->pending, rec.id));
	else
		report_page(r, w, k, &f, &rec, unit_id, week_id, rec.filename);
}

/* The request's pending import: the path's :import, or ?id= of the path's :unit. */
static bool pending_of(req *r, resp *w, const import_kind *k, bulk_pending *p)
{
	long long id = path_id(r, "import"), unit_id = path_id(r, "unit");
	if (!id)
		id = param_int(r, "id", 0);
	if (!id || !bulk_pending_load(r->db, r->a, k->bulk, id, p) || (unit_id && p->unit_id != unit_id)) {
		fail(r, w, id ? 404 : 400, "找不到这次导入，请重新上传文件。");
		return false;
	}
	return true;
}

/* The 409 page of an import confirmed or discarded already. */
static void not_pending(req *r, resp *w, const bulk_pending *p)
{
	if (!strcmp(p->status, "discarded"))
		fail(r, w, 409, "这个文件已经放弃导入，不能再确认。要再导入，请重新上传文件（已导入的行会自动跳过）。");
	else
		fail(r, w, 409, "这次导入已经确认过了，文件中的新行已经导入过了。要再导入，请重新上传文件（已导入的行会自动跳过）。");
}

/* The stored file of p read again; false after the page saying why it cannot be. */
static bool pending_read(req *r, resp *w, const import_kind *k, const bulk_pending *p, bulk_file *f)
{
	k->bulk->read(r->db, r->a, fs_path(r->a, cfg.data_dir, p->sha256), p->filename, p->unit_id, p->week_id, f);
	if (f->table.status) {
		fail(r, w, f->table.status, "%s", f->table.error);
		return false;
	}
	return true;
}

/* GET /imports/:import */
void page_import_preview(req *r, resp *w)
{
	const import_kind *k = kind_of(r);
	bulk_pending rec;
	bulk_file f;
	if (pending_of(r, w, k, &rec) && pending_read(r, w, k, &rec, &f))
		report_page(r, w, k, &f, &rec, rec.unit_id, rec.week_id, rec.filename);
}

/* POST /imports/:import/confirm and the other kinds' */
void page_import_confirm(req *r, resp *w)
{
	const import_kind *k = kind_of(r);
	const char *status = k->ask_status ? param(r, "status") : NULL;
	if (k->ask_status && (!status || (strcmp(status, "draft") && strcmp(status, "published")))) {
		fail(r, w, 400, "请选择导入后的状态：草稿或直接发布。");
		return;
	}
	bulk_pending rec;
	if (!pending_of(r, w, k, &rec))
		return;
	if (strcmp(rec.status, "pending")) {
		not_pending(r, w, &rec);
		return;
	}
	bulk_file f;
	if (!pending_read(r, w, k, &rec, &f))
		return;
	if (f.n.n_bad) {
		w->status = 422;
		report_page(r, w, k, &f, NULL, rec.unit_id, rec.week_id, rec.filename);
		return;
	}
	actor who = page_actor(r);
	long long skipped;
	long long n = k->bulk->commit(r->db, r->a, &who, &rec, &f, status, &skipped);
	if (n == -2) {
		rec.status = "done";
		not_pending(r, w, &rec);
		return;
	}
	if (n < 0) {
		fail(r, w, 503, "导入失败，没有保存任何%s。请稍后重试。", k->bulk->noun);
		return;
	}
	flash(r, w, arena_printf(r->a, "已导入 %lld 项%s%s%s。", n, k->bulk->noun,
				 !status ? "" : !strcmp(status, "published") ? "（已发布）" : "（草稿）",
				 skipped ? arena_printf(r->a, "，跳过 %lld 行已导入过或重复的行", skipped) : ""));
	redirect(r, w, list_url(r, k, rec.unit_id, rec.week_id));
}

/* POST /imports/:import/discard and the other kinds' */
void page_import_discard(req *r, resp *w)
{
	const import_kind *k = kind_of(r);
	bulk_pending rec;
	if (!pending_of(r, w, k, &rec))
		return;
	actor who = page_actor(r);
	if (bulk_pending_discard(r->db, k->bulk, &who, &rec) < 0) {
		fail(r, w, 409, "这次导入已经确认或放弃过了。");
		return;
	}
	flash(r, w, arena_printf(r->a, "已放弃这次导入，没有保存任何%s。", k->bulk->noun));
	redirect(r, w, list_url(r, k, rec.unit_id, rec.week_id));
}
