/* exports.c: the centre's exports. The long ones (the city workbook, the ZIP
 * of every unit's package) are background jobs: starting one answers at
 * once with its progress page, which reloads itself every two seconds until
 * the file is ready, and the file is streamed from disk. */
#include "pages/pages.h"
#include "domain/jobs.h"
#include "export/jobs.h"
#include "core/timefmt.h"
#include <string.h>

#define REFRESH_SECONDS 2

static const char *job_size(req *r, long long n)
{
	if (n < 1024 * 1024)
		return arena_printf(r->a, "%.1f KB", (double)n / 1024);
	return arena_printf(r->a, "%.1f MB", (double)n / (1024 * 1024));
}

static int percent(const job *j)
{
	if (!strcmp(j->status, "done"))
		return 100;
	return j->total > 0 ? (int)(j->done * 100 / j->total) : 0;
}

static void start_button(req *r, html *b, long long week_id, const char *kind, const char *label)
{
	form_open(r, b, "/admin/exports", "inline");
	H(b, "<input type=\"hidden\" name=\"week\" value=\"%D\"><input type=\"hidden\" name=\"kind\" value=\"%s\">"
	     "<button type=\"submit\" class=\"primary\">%s</button></form>", week_id, kind, label);
}

void page_exports(req *r, resp *w)
{
	week wk;
	html *b = stats_page_open(r, w, "导出", "/admin/exports", "", &wk);
	if (!b)
		return;
	html(b, "<section class=\"card\"><h2>全市汇总工作簿（XLSX）</h2><p>四张表：各单位总结表（每个单位一行、每栏一列，"
		"已提交的取最新提交的版本，未提交的取当前数据，并注明状态和修改说明）、全部活动、各活动的居民评价、宣传报道。</p>");
	start_button(r, b, wk.id, "city_xlsx", "开始导出工作簿");
	html(b, "</section><section class=\"card\"><h2>各单位报送材料包（ZIP）</h2>"
		"<p>每个单位最新提交版本的材料包（总结表、全部附件和清单），合成一个压缩包，附一份说明哪些单位已提交的清单。</p>");
	start_button(r, b, wk.id, "city_zip", "开始打包");
	H(b, "</section><section class=\"card\"><h2>全市总结表</h2><p>由各县区汇总的全市总结表，用于向省里报送。</p>"
	     "<p class=\"actions\"><a class=\"button\" href=\"/admin/city-form.pdf?week=%D\">下载 PDF</a> "
	     "<a class=\"button\" href=\"/admin/city-form.docx?week=%D\">下载 Word</a> "
	     "<a href=\"/admin/city-form?week=%D\">查看和填写</a></p></section>", wk.id, wk.id, wk.id);
	html(b, "<p class=\"hint\">导出在后台进行，不影响其他人使用系统；同一届活动周的同一种导出一次只进行一个。"
		"导出的文件保留 7 天。</p>");
	html(b, "<h2>最近的导出</h2>");
	job *jobs;
	int n = job_list(r->db, r->a, wk.id, 20, &jobs);
	if (!n) {
		html(b, "<p class=\"empty\">还没有导出过。</p>");
		page_close(r, w);
		return;
	}
	html(b, "<div class=\"table-wrap\"><table class=\"list jobs\"><thead><tr><th>内容</th><th>状态</th><th>开始时间</th>"
		"<th>操作人</th><th>文件</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const job *j = &jobs[i];
		H(b, "<tr><td><a href=\"/admin/exports/%D\">%s</a></td><td>%s", j->id, job_kind_label(j->kind), job_status_label(j->status));
		if (!strcmp(j->status, "running"))
			H(b, " %d%%", percent(j));
		H(b, "</td><td>%s</td><td>%s</td><td>", datetime_cn(r->a, j->created_at), j->created_by);
		if (job_file_path(r->a, cfg.data_dir, j, NULL))
			H(b, "<a href=\"/admin/exports/%D/file\">下载</a> %s", j->id, job_size(r, j->size));
		html(b, "</td></tr>");
	}
	html(b, "</tbody></table></div>");
	page_close(r, w);
}

void page_export_start(req *r, resp *w)
{
	long long week_id = param_int(r, "week", 0);
	const char *kind = param(r, "kind");
	if (!week_id || !job_kind_ok(kind)) {
		fail(r, w, 400, "请从导出页面选择要导出的活动周和内容。");
		return;
	}
	errs e = {0};
	actor who = page_actor(r);
	bool existing;
	long long id = job_start(r->db, &who, kind, week_id, &existing, &e);
	if (!id) {
		fail(r, w, e.n && e.field[0] && !strcmp(e.field[0], "week") ? 404 : 503, "%s", errs_summary(&e, r->a));
		return;
	}
	jobs_wake(cfg.data_dir);
	flash(r, w, existing ? "这届活动周的同一种导出正在进行，下面是它的进度。" : "已开始导出。");
	redirect(r, w, arena_printf(r->a, "/admin/exports/%lld", id));
}

static bool job_from_path(req *r, resp *w, job *j)
{
	return or_404(r, w, job_load(r->db, r->a, path_id(r, "job"), j), "找不到这次导出。");
}

void page_export_job(req *r, resp *w)
{
	html *b = resp_html(w);
	job j;
	if (!job_from_path(r, w, &j))
		return;
	const char *week_title = week_title_of(r, j.week_id, "");
	bool busy = !strcmp(j.status, "queued") || !strcmp(j.status, "running");
	page_open_refresh(r, w, job_kind_label(j.kind), busy ? REFRESH_SECONDS : 0);
	breadcrumbs(r, w, "导出", arena_printf(r->a, "/admin/exports?week=%lld", j.week_id), job_kind_label(j.kind));
	H(b, "<h1>%s</h1><p class=\"lead\">%s · %s 由 %s 开始</p>", job_kind_label(j.kind), week_title,
	  datetime_cn(r->a, j.created_at), j.created_by);
	H(b, "<section class=\"card job\" aria-live=\"polite\"><p>状态：<strong class=\"job-%s\">%s</strong>", j.status, job_status_label(j.status));
	if (busy && *j.step)
		H(b, "（%s）", j.step);
	html(b, "</p>");
	if (busy) {
		H(b, "<p><label for=\"job-progress\">进度</label><progress id=\"job-progress\" value=\"%D\" max=\"%D\">%d%%</progress> "
		     "<span class=\"pct\">%d%%</span>（%D / %D）</p>",
		  j.done, j.total > 0 ? j.total : 1, percent(&j), percent(&j), j.done, j.total);
		H(b, "<p class=\"hint\">导出在后台进行，可以离开本页，稍后在“导出”页下载。本页每 %d 秒自动刷新。</p>", REFRESH_SECONDS);
	} else if (!strcmp(j.status, "done")) {
		if (job_file_path(r->a, cfg.data_dir, &j, NULL))
			H(b, "<p><progress value=\"1\" max=\"1\">100%%</progress></p><p class=\"actions\">"
			     "<a class=\"button primary\" href=\"/admin/exports/%D/file\" download>下载 %s</a> <span>%s</span></p>",
			  j.id, j.filename, job_size(r, j.size));
		else
			html(b, "<p>导出的文件已过期删除，请重新导出。</p>");
		H(b, "<p>用时 %D 秒。</p>", j.finished_at - j.started_at);
	} else {
		H(b, "<div class=\"errors\" role=\"alert\"><p>导出失败：%s</p></div>", j.error);
	}
	html(b, "</section>");
	if (!busy)
		start_button(r, b, j.week_id, j.kind, "重新导出");
	page_close(r, w);
}

void page_export_file(req *r, resp *w)
{
	job j;
	if (!job_from_path(r, w, &j))
		return;
	if (strcmp(j.status, "done")) {
		fail(r, w, 409, "这次导出还没有完成（%s），完成后才能下载。", job_status_label(j.status));
		return;
	}
	long long size;
	char *path = job_file_path(r->a, cfg.data_dir, &j, &size);
	if (!path) {
		fail(r, w, 410, "导出的文件已过期删除，请重新导出。");
		return;
	}
	bool xlsx = !strcmp(j.kind, "city_xlsx");
	w->content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/zip";
	w->file_path = path;
	w->file_size = size;
	download_header(r, w, false, j.filename, arena_printf(r->a, "export-%lld%s", j.id, xlsx ? ".xlsx" : ".zip"));
	resp_header(r, w, "Cache-Control", "private, no-store");
}
