/* layout.c: the page frame and form helpers. */
#include "layout.h"
#include "web/http.h"
#include "core/embed.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <jansson.h>
#include <stdarg.h>
#include <strings.h>
#include <stdio.h>
#include <string.h>

static const char *asset_version(const char *name)
{
	const embedded_file *f = embedded_find(name);
	return f ? f->etag : "";
}

bool is_staff_centre(req *r)
{
	return r->user.unit_id == r->user.root_unit_id && is_organiser(r);
}

bool is_organiser(req *r)
{
	return r->user.role == ROLE_CENTRE_ADMIN || r->user.role == ROLE_CENTRE_VIEWER;
}

bool is_organiser_above(req *r, long long unit_id)
{
	return is_organiser(r) && (unit_id != r->user.unit_id || is_staff_centre(r));
}

char *pub_date(req *r, const char *iso)
{
	return date_cn_near(r->a, iso, r->now, false);
}

char *pub_day(req *r, const char *iso)
{
	return date_cn_near(r->a, iso, r->now, true);
}

char *pub_datetime(req *r, long long utc)
{
	return datetime_cn_near(r->a, utc, r->now);
}

void csrf_field(req *r, html *b)
{
	/* anonymous forms carry no token (router.c checks their Origin) */
	if (r->csrf[0])
		H(b, "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">", r->csrf);
}

void form_open(req *r, html *b, const char *action, const char *cls)
{
	H(b, "<form method=\"post\" action=\"%s\" class=\"%s\">", action, cls ? cls : "form");
	csrf_field(r, b);
}

static void nav(req *r, html *b)
{
	html(b, "<nav class=\"nav\" aria-label=\"主菜单\"><ul>");
	html(b, "<li><a href=\"/\">活动周首页</a></li>");
	html(b, "<li><a href=\"/resources\">学习资源</a></li>");
	if (!r->user.id) {
		html(b, "<li><a href=\"/login\">工作人员登录</a></li>");
	} else {
		html(b, "<li><a href=\"/admin\">工作台</a></li>");
		if (is_staff_centre(r)) {
			html(b, "<li><a href=\"/admin/board\">报送进度</a></li>");
			html(b, "<li><a href=\"/admin/weeks\">活动周</a></li>");
			html(b, "<li><a href=\"/admin/stats\">统计</a></li>");
			html(b, "<li><a href=\"/admin/units\">单位</a></li>");
			html(b, "<li><a href=\"/admin/accounts\">账号</a></li>");
			html(b, "<li><a href=\"/admin/audit\">操作记录</a></li>");
		} else if (is_organiser(r)) {
			/* an organiser below the top: its own subtree's units and accounts */
			html(b, "<li><a href=\"/admin/units\">下级单位</a></li>");
			html(b, "<li><a href=\"/admin/accounts\">账号</a></li>");
		} else if (r->user.role == ROLE_UNIT_ADMIN) {
			H(b, "<li><a href=\"/units/%D/accounts\">本单位账号</a></li>", r->user.unit_id);
		}
		html(b, "<li><a href=\"/account/password\">修改密码</a></li>");
		html(b, "<li>");
		form_open(r, b, "/logout", "inline");
		H(b, "<button type=\"submit\" class=\"linkish\">退出（%s）</button></form></li>", r->user.username);
	}
	html(b, "</ul></nav>");
}

static void text_size_toggle(req *r, html *b)
{
	form_open(r, b, "/prefs/text", "textsize");
	/* a cached page is the same for every spelling of its URL: it names the normalised one */
	const char *back = r->canon_uri ? r->canon_uri : r->raw_uri;
	H(b, "<input type=\"hidden\" name=\"back\" value=\"%s\">", back && r->method == M_GET ? back : "/");
	if (r->big_text)
		html(b, "<button type=\"submit\" name=\"size\" value=\"normal\" class=\"toggle\" aria-pressed=\"true\">标准字号</button>");
	else
		html(b, "<button type=\"submit\" name=\"size\" value=\"big\" class=\"toggle\" aria-pressed=\"false\">长辈版（大字）</button>");
	html(b, "</form>");
}

void page_open(req *r, resp *w, const char *title)
{
	page_open_refresh(r, w, title, 0);
}

void page_open_refresh(req *r, resp *w, const char *title, int refresh_seconds)
{
	html *b = resp_html(w);
	w->content_type = "text/html; charset=utf-8";
	const char *city = cfg.city ? cfg.city : "";
	/* the class is in the markup so the page is large before any CSS or JS runs */
	if (r->big_text)
		html(b, "<!doctype html>\n<html lang=\"zh-CN\" class=\"big\">\n");
	else
		html(b, "<!doctype html>\n<html lang=\"zh-CN\">\n");
	H(b, "<head>\n<meta charset=\"utf-8\">\n"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	     "<title>%s · %s全民终身学习活动周</title>\n", title, city);
	if (refresh_seconds > 0)
		H(b, "<meta http-equiv=\"refresh\" content=\"%d\">\n", refresh_seconds);
	H(b, "<link rel=\"stylesheet\" href=\"/static/app.css?v=%u\">\n"
	     "<link rel=\"icon\" href=\"data:,\">\n</head>\n<body>\n"
	     "<a class=\"skip\" href=\"#main\">跳到正文</a>\n"
	     "<header class=\"top\"><div class=\"wrap\">"
	     "<a class=\"brand\" href=\"/\">%s全民终身学习活动周</a>",
	  asset_version("static/app.css"), city);
	text_size_toggle(r, b);
	nav(r, b);
	html(b, "</div></header>\n<main id=\"main\" class=\"wrap\">\n");
	const char *f = cookie(r, COOKIE_FLASH);
	if (f && *f) {
		size_t n;
		char *msg = pct_decode(r->a, f, strlen(f), false, &n);
		if (msg && utf8_valid(msg, n) && n == strlen(msg))
			H(b, "<p class=\"flash\" role=\"status\">%s</p>\n", msg);
		set_cookie(r, w, COOKIE_FLASH, "", -1, true);
	}
	if (r->page_lead)
		H(b, "%B", r->page_lead);
}

void page_close(req *r, resp *w)
{
	html *b = resp_html(w);
	(void)r;
	H(b, "</main>\n<footer class=\"foot\"><div class=\"wrap\">"
	     "<p>%s社区教育指导中心 · 全民终身学习活动周信息平台</p>"
	     "</div></footer>\n<script src=\"/static/app.js?v=%u\" defer></script>\n</body>\n</html>\n",
	  cfg.city ? cfg.city : "", asset_version("static/app.js"));
}

void page_error(req *r, resp *w, int status, html *msg)
{
	const char *title = status == 404 ? "找不到页面" : status == 403 ? "无法访问" :
			    status == 409 ? "现在不能这样做" : status >= 500 ? "服务器出错" : "提交的内容有误";
	buf_reset(&w->body);
	page_open(r, w, title);
	H(resp_html(w), "<section class=\"error\" role=\"alert\"><h1>%s</h1><p class=\"msg\">%B</p>"
		    "<p><a class=\"button\" href=\"/\" data-back>返回上一页</a> "
		    "<a href=\"/\">回到首页</a></p>"
		    "<p class=\"code\">（错误代码 %d）</p></section>",
	  title, msg, status);
	page_close(r, w);
}

void page_state(req *r, resp *w, const state_msg *st, html *msg)
{
	buf_reset(&w->body);
	page_open(r, w, st->title);
	H(resp_html(w), "<section class=\"state\" role=\"status\"><h1>%s</h1><p class=\"msg\">%B</p>", st->title, msg);
	if (st->todo && *st->todo)
		H(resp_html(w), "<p class=\"todo\"><strong>现在可以：</strong>%s</p>", st->todo);
	H(resp_html(w), "<p class=\"actions\"><a class=\"button primary back-big\" href=\"%s\">%s</a></p>",
	  st->back && *st->back ? st->back : "/", st->back_label && *st->back_label ? st->back_label : "回到首页");
	if (st->back && *st->back && strcmp(st->back, "/"))
		html(resp_html(w), "<p><a class=\"home-link\" href=\"/\">看看活动周的其他活动</a></p>");
	html(resp_html(w), "</section>");
	page_close(r, w);
}

void form_errors(html *b, const char *summary)
{
	if (summary && *summary)
		H(b, "<div class=\"errors\" role=\"alert\"><p>%s</p></div>", summary);
}

static void field_head(html *b, const char *name, const char *label, bool required)
{
	H(b, "<div class=\"field\"><label for=\"f-%s\">%s", name, label);
	if (required)
		html(b, "<span class=\"req\" aria-hidden=\"true\">*</span>");
	html(b, "</label>");
}

static void field_tail(html *b, const char *name, const char *hint, const char *err)
{
	if (hint)
		H(b, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
	if (err)
		H(b, "<p class=\"field-error\" id=\"e-%s\">%s</p>", name, err);
	html(b, "</div>\n");
}

/* Dates and times are plain text fields with the format beside them: a
 * browser's own date picker reads in the browser's language (mm/dd/yyyy in an
 * English one), this reads the same everywhere. The server takes 2022-12-01
 * and 2022-12-01 09:00 (or ...T09:00, as the pickers sent). */
static const char *when_hint(const char *type)
{
	if (!strcmp(type, "date"))
		return "格式：年-月-日，例如 2022-12-01";
	if (!strcmp(type, "datetime-local"))
		return "格式：年-月-日 时:分，例如 2022-12-01 09:00";
	return NULL;
}

void field_input(html *b, const char *name, const char *label, const char *type,
		 const char *value, bool required, const char *hint, const char *err)
{
	const char *when = when_hint(type);
	field_head(b, name, label, required);
	if (when) {
		/* a picker's 2022-12-01T09:00 reads better with a space */
		char shown[40] = "";
		snprintf(shown, sizeof shown, "%s", value ? value : "");
		char *t = strchr(shown, 'T');
		if (t)
			*t = ' ';
		H(b, "<input id=\"f-%s\" name=\"%s\" type=\"text\" class=\"when\" inputmode=\"numeric\" autocomplete=\"off\" "
		     "placeholder=\"%s\" value=\"%s\"", name, name, !strcmp(type, "date") ? "2022-12-01" : "2022-12-01 09:00",
		  strlen(value ? value : "") < sizeof shown ? shown : value);
	} else {
		H(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" value=\"%s\"", name, name, type, value ? value : "");
	}
	if (required)
		html(b, " required");
	if (err)
		H(b, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", name);
	else if (hint || when)
		H(b, " aria-describedby=\"h-%s\"", name);
	if (!strcmp(type, "password"))
		html(b, " autocomplete=\"off\"");
	html(b, ">");
	if (when && hint)
		H(b, "<p class=\"hint\">%s</p>", when);
	field_tail(b, name, hint ? hint : when, err);
}

void date_field(html *b, const char *id, const char *name, const char *label, const char *value)
{
	H(b, "<div class=\"field\"><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" type=\"text\" class=\"when\" "
	     "inputmode=\"numeric\" autocomplete=\"off\" placeholder=\"2022-12-01\" value=\"%s\" aria-describedby=\"h-%s\">"
	     "<p class=\"hint\" id=\"h-%s\">例如 2022-12-01</p></div>",
	  id, label, id, name, value ? value : "", id, id);
}

void field_textarea(html *b, const char *name, const char *label, const char *value,
		    int rows, int max_chars, const char *hint, const char *err)
{
	field_head(b, name, label, false);
	H(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"%d\" data-max=\"%d\"%s>", name, name, rows, max_chars,
	  err ? " aria-invalid=\"true\"" : "");
	html_txt(b, value ? value : "");
	html(b, "</textarea>");
	field_tail(b, name, hint, err);
}

void field_select(html *b, const char *name, const char *label, const option *opts, int n,
		  const char *selected, const char *err)
{
	field_head(b, name, label, false);
	H(b, "<select id=\"f-%s\" name=\"%s\">", name, name);
	for (int i = 0; i < n; i++)
		H(b, "<option value=\"%s\"%s>%s</option>", opts[i].value,
		  selected && !strcmp(selected, opts[i].value) ? " selected" : "", opts[i].label);
	html(b, "</select>");
	field_tail(b, name, NULL, err);
}

void breadcrumbs(req *r, resp *w, const char *label1, const char *href1, const char *label2)
{
	(void)r;
	H(resp_html(w), "<nav class=\"crumbs\" aria-label=\"位置\"><a href=\"/admin\">工作台</a> › ");
	if (label1 && href1)
		H(resp_html(w), "<a href=\"%s\">%s</a> › ", href1, label1);
	H(resp_html(w), "<span>%s</span></nav>\n", label2);
}

/* Drops what a handler wrote before it failed, keeping the cookies already
 * set (a session that ended must still be cleared); drops everything else,
 * such as a Location. */
static void resp_restart(resp *w, int status)
{
	w->status = status;
	buf_reset(&w->body);
	w->file_path = NULL;
	if (w->stream && w->stream_free)
		w->stream_free(w->stream_ctx);
	w->stream = NULL;
	int keep = 0;
	for (int i = 0; i < w->nheaders; i++)
		if (!strcasecmp(w->headers[i].k, "Set-Cookie"))
			w->headers[keep++] = w->headers[i];
	w->nheaders = keep;
}

/* The prologue of fail_page and state_page: the message from the caller's
 * format and values, and what the handler wrote dropped. */
static void vmsg(resp *w, int status, html *msg, const char *fmt, va_list ap) HTML_VFORMAT(4);
static void vmsg(resp *w, int status, html *msg, const char *fmt, va_list ap)
{
	html_vfmt(msg, fmt, ap);
	resp_restart(w, status);
}

void state_page(req *r, resp *w, int status, state_msg st, const char *fmt, ...)
{
	html msg = HTML_INIT;
	va_list ap;
	va_start(ap, fmt);
	vmsg(w, status, &msg, fmt, ap);
	va_end(ap);
	page_state(r, w, &st, &msg);
	html_free(&msg);
}

void fail_page(req *r, resp *w, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (r->route && (r->route->flags & RF_JSON)) {
		/* JSON clients get the message as text (not HTML-escaped: "<" stays
		 * "<") in a JSON string that jansson writes, so a control character
		 * or a quote in a parameter's name cannot break the document */
		buf msg = BUF_INIT;
		text_vfmt(&msg, fmt, ap);
		resp_restart(w, status);
		w->content_type = "application/json; charset=utf-8";
		json_t *j = json_pack("{s:s}", "error", buf_cstr(&msg));
		if (!j) /* not UTF-8: the router refuses such input before naming it */
			j = json_pack("{s:s}", "error", "请求不正确。");
		char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
		buf_puts(&w->body, s ? s : "{\"error\":\"\"}"); /* raw-ok: JSON, not HTML */
		free(s);
		json_decref(j);
		buf_free(&msg);
	} else {
		html msg = HTML_INIT;
		vmsg(w, status, &msg, fmt, ap);
		page_error(r, w, status, &msg);
		html_free(&msg);
	}
	va_end(ap);
}

void fail_storage(req *r, resp *w, store_failure why)
{
	switch (why) {
	case STORE_FULL:
		fail(r, w, 507, "服务器的存储空间已满，刚才提交的内容没有保存。请联系系统管理员清理磁盘后再试；已经保存的数据不受影响。");
		break;
	case STORE_READONLY:
		fail(r, w, 503, "服务器的数据目录现在是只读的，刚才提交的内容没有保存。浏览和下载不受影响；请联系系统管理员。");
		break;
	case STORE_BUSY: /* another write held the database past the busy timeout */
		fail(r, w, 503, "服务器正忙，刚才提交的内容没有保存。请过一会儿再提交一次；已经保存的数据不受影响。");
		resp_header(r, w, "Retry-After", "10");
		break;
	default:
		fail(r, w, 503, "服务器读写数据时出错，刚才提交的内容没有保存。请稍后再试；如果反复出现，请联系系统管理员。");
	}
}
