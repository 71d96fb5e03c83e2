/* admin.c: the staff dashboard, the first page after login. */
#include "pages.h"
#include <string.h>
#include "core/timefmt.h"
#include "pages/upward.h"

/* A unit's report for the week: its status, and when the centre returned it,
 * the comments and the way to them. */
static void report_status_card(req *r, html *b, const week *wk)
{
	report rep;
	if (!report_get(r->db, r->a, wk->id, r->user.unit_id, &rep))
		return;
	submission returned;
	review_comment *cm;
	int ncm = review_open_comments(r->db, r->a, rep.id, &returned, &cm);
	if (!strcmp(rep.status, "returned")) {
		html(b, "<section class=\"card report-status\" id=\"report-status\"><h2>报送材料 <span class=\"badge state-returned\">已退回</span></h2>");
		review_comments_html(r, b, &returned, cm, ncm);
		H(b, "<p><a class=\"button primary\" href=\"/units/%D/submission?week=%D\">查看意见并修改</a></p></section>",
		  rep.unit_id, rep.week_id);
		return;
	}
	H(b, "<section class=\"card report-status\" id=\"report-status\"><h2>报送材料 <span class=\"badge state-%s\">%s</span></h2>",
	  rep.status, report_status_label(rep.status));
	H(b, "<p><a href=\"/units/%D/submission?week=%D\">附件与提交</a></p></section>", rep.unit_id, rep.week_id);
}

void page_dashboard(req *r, resp *w)
{
	html *b = resp_html(w);
	page_open(r, w, "工作台");
	H(b, "<h1>工作台</h1><p class=\"lead\">%s，您好。您是<strong>%s</strong>的%s。</p>",
	  r->user.display_name && *r->user.display_name ? r->user.display_name : r->user.username,
	  r->user.unit_name, role_label(r->user.role));
	week wk;
	/* an organiser below the top: its own week when it has published one
	 * (the one it runs and reports upward from), else the one it reports in */
	bool middle = is_organiser(r) && !is_staff_centre(r);
	if ((middle && week_current(r->db, r->a, r->user.unit_id, r->now, &wk)) || week_now(r, &wk)) {
		long long left = wk.deadline_at - r->now;
		H(b, "<section class=\"card\"><h2>%s</h2><p>活动时间：%s 至 %s</p><p>报送截止：%s",
		  wk.title, date_cn(r->a, wk.starts_on), date_cn(r->a, wk.ends_on), datetime_cn(r->a, wk.deadline_at));
		if (left > 0)
			H(b, "（还剩 %D 天 %D 小时）", left / 86400, left % 86400 / 3600);
		else
			html(b, "（已截止）");
		html(b, "</p></section>");
		if (may(r, ACT_SEE_REPORT_CARD, r->user.unit_id))
			report_status_card(r, b, &wk);
		if (middle)
			upward_card(r, b, wk.id, NULL); /* its own week's form, reported to the parent */
	} else {
		html(b, "<section class=\"card\"><p class=\"empty\">还没有活动周。");
		if (may(r, ACT_RUN_CITY, 0))
			html(b, "<a href=\"/admin/weeks/new\">新建活动周</a>");
		html(b, "</p></section>");
	}
	html(b, "<ul class=\"tiles\">");
	if (is_staff_centre(r)) {
		html(b, "<li><a href=\"/admin/board\"><strong>报送进度</strong><span>各单位的状态、尚缺材料，审核提交的材料</span></a></li>"
			"<li><a href=\"/admin/board/reminders\"><strong>未提交的单位</strong><span>复制写好的提醒文字发给各单位</span></a></li>");
		html(b, "<li><a href=\"/admin/weeks\"><strong>活动周</strong><span>年份、主题、日期和截止时间</span></a></li>"
			"<li><a href=\"/admin/units\"><strong>报送单位</strong><span>各县区、开发区</span></a></li>"
			"<li><a href=\"/admin/accounts\"><strong>账号</strong><span>中心和各单位的工作人员</span></a></li>"
			"<li><a href=\"/admin/audit\"><strong>操作记录</strong><span>谁在何时改了什么</span></a></li>"
			"<li><a href=\"/admin/stats\"><strong>全市统计</strong><span>各单位活动、人次、满意度和宣传，附图表</span></a></li>"
			"<li><a href=\"/admin/city-form\"><strong>全市总结表</strong><span>汇总各县区，报送省里</span></a></li>"
			"<li><a href=\"/admin/gallery\"><strong>典型案例和照片</strong><span>各单位的案例和活动照片</span></a></li>"
			"<li><a href=\"/admin/exports\"><strong>导出</strong><span>汇总工作簿、各单位材料包</span></a></li>"
			"<li><a href=\"/admin/resources\"><strong>学习资源统计</strong><span>各县区开放的场地、课程、师资</span></a></li>"
			"<li><a href=\"/admin/showcase\"><strong>学习之星与案例</strong><span>入选百姓学习之星、品牌项目，推荐智慧助老案例</span></a></li>");
	} else {
		/* the unit's work for the week, in the order it is done */
		H(b, "<li><a href=\"/units/%D/activities\"><strong>活动</strong><span>录入、导入、发布本单位的活动</span></a></li>"
		     "<li><a href=\"/units/%D/report\"><strong>总结表</strong><span>系统根据活动记录自动填写，可修改</span></a></li>"
		     "<li><a href=\"/units/%D/publicity\"><strong>宣传报道</strong><span>网站、公众号、媒体的报道</span></a></li>"
		     "<li><a href=\"/units/%D/submission\"><strong>附件与提交</strong><span>工作总结、典型案例、盖章扫描件</span></a></li>",
		  r->user.unit_id, r->user.unit_id, r->user.unit_id, r->user.unit_id);
		H(b, "<li><a href=\"/units/%D/resources\"><strong>学习资源</strong><span>本单位向居民开放的场地、设备、课程</span></a></li>"
		     "<li><a href=\"/units/%D/showcase\"><strong>学习之星与案例</strong><span>百姓学习之星、品牌项目、智慧助老案例</span></a></li>",
		  r->user.unit_id, r->user.unit_id);
	}
	if (is_organiser(r) && !is_staff_centre(r))
		/* an organiser below the top: the units and accounts of its subtree */
		html(b, "<li><a href=\"/admin/board\"><strong>报送进度</strong><span>本级各下级单位的状态，审核提交的材料</span></a></li>"
			"<li><a href=\"/admin/stats\"><strong>本级统计</strong><span>各下级单位的活动、人次和宣传</span></a></li>"
			"<li><a href=\"/admin/city-form\"><strong>本级总结表</strong><span>汇总各下级报送的总结表，定稿后报送上级</span></a></li>"
			"<li><a href=\"/admin/units\"><strong>下级单位</strong><span>本级以下的各级单位，可从表格导入</span></a></li>"
			"<li><a href=\"/admin/accounts\"><strong>账号</strong><span>本级和下级单位的工作人员</span></a></li>");
	if (may(r, ACT_UNIT_SETTINGS, r->user.unit_id))
		H(b, "<li><a href=\"/units/%D/accounts\"><strong>本单位账号</strong><span>添加填报员、重置密码</span></a></li>"
		     "<li><a href=\"/units/%D/phone\"><strong>咨询电话</strong><span>居民在活动页面上看到的办公电话</span></a></li>",
		  r->user.unit_id, r->user.unit_id);
	if (may(r, ACT_MANAGE_ACCOUNTS, 0))
		H(b, "<li><a href=\"/units/%D/tokens\"><strong>接口令牌</strong><span>供其他系统读取和录入活动</span></a></li>",
		  r->user.unit_id);
	html(b, "<li><a href=\"/account/password\"><strong>修改密码</strong><span>定期更换更安全</span></a></li></ul>");
	page_close(r, w);
}
