/* participation.c: residents sign up, cancel, check in by the QR code and rate;
 * unit staff see the registrations, sign up residents without a phone (代报名)
 * and print the check-in poster. Public pages never show a phone number, not
 * even masked; staff see them masked unless they are the unit's admin. */
#include "pages/participation.h"
#include "domain/participation.h"
#include "out/poster.h"
#include "out/qr.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <string.h>

#define RATING_COOKIE_AGE (30LL * 86400)

/* ---- shared pieces ---- */

/* Who acts on a public page: the signed-in account, else a resident. */
static actor resident_actor(req *r)
{
	actor a = page_actor(r);
	if (!a.account_id)
		a.username = "居民";
	return a;
}

/* The way back from a state page: the activity's own page. */
static state_msg to_activity(req *r, long long activity_id, const char *title, const char *todo)
{
	state_msg st = {title, todo, arena_printf(r->a, "/a/%lld", activity_id), "返回活动页面"};
	return st;
}

/* The messages every handler shares; the specific ones are in the handlers.
 * None of these is the resident's mistake: each is a state page of its own
 * (the first row, the last is for any other code). */
static const struct part_msg {
	part_rc rc;
	int status;
	const char *title, *todo, *message;
} part_msgs[] = {
	{PART_CANCELLED, 409, "活动已取消", "看看活动周的其他活动。", "这项活动已取消，不再举行。给您带来不便，敬请谅解。"},
	{PART_ENDED, 409, "活动已经结束", "看看活动周里还没有开始的活动。", "这项活动已经结束，不能再报名。"},
	{PART_DUPLICATE, 409, "您已经报过名了",
	 "不用重复报名。活动当天按时到场即可；如果不能参加，请在活动页面的“我的报名”里取消，或打活动页面上的咨询电话。",
	 "这个手机号已经报过名了，您的报名有效。"},
	{PART_BUSY, 503, "系统繁忙", "稍等一两分钟，再提交一次。", "报名的人很多，这次没有保存。"},
	{PART_THROTTLED, 429, "请过一会儿再试",
	 "过一段时间（最长 1 小时）再试。如需为多位居民报名或签到，请联系主办单位：工作人员可以代报名，并在现场清点人数。",
	 "这台设备提交得太频繁，已暂停受理。"},
	{PART_OK, 409, "没有完成", "回到活动页面，再试一次。", "活动的情况刚刚有了变化，这次操作没有完成。"},
};

static void part_fail(req *r, resp *w, long long activity_id, part_rc rc)
{
	if (rc == PART_NOT_FOUND) {
		fail(r, w, 404, "找不到这项活动。它可能还没有发布，或者网址不完整。");
		return;
	}
	size_t n = sizeof part_msgs / sizeof *part_msgs, i = 0;
	while (i < n - 1 && part_msgs[i].rc != rc)
		i++;
	const struct part_msg *m = &part_msgs[i];
	state_page(r, w, m->status, to_activity(r, activity_id, m->title, m->todo), "%s", m->message);
}

static const char *checkin_url(req *r, const activity *x)
{
	return arena_printf(r->a, "%s/a/%lld/checkin?k=%s", public_base(), x->id, x->checkin_code);
}

static const char *rating_cookie(req *r, long long activity_id)
{
	return arena_printf(r->a, "lw_r%lld", activity_id);
}

/* Pages that carry a personal token must not be kept by a shared cache. */
static void no_store(req *r, resp *w)
{
	resp_header(r, w, "Cache-Control", "no-store");
	resp_header(r, w, "Referrer-Policy", "no-referrer");
}

/* "venue（street）", or 线上活动 for an online activity without a venue */
static const char *venue_text(req *r, const activity *x)
{
	if (*x->venue)
		return *x->street ? arena_printf(r->a, "%s（%s）", x->venue, x->street) : x->venue;
	return strcmp(x->mode, "offline") ? "线上活动" : "";
}

/* Title, time, place: what a resident checks before anything else. */
static void activity_head(req *r, html *b, const activity *x, const char *kicker)
{
	H(b, "<p class=\"kicker\">%s</p><h1>%s</h1><dl class=\"facts\"><div><dt>时间</dt><dd>", kicker, x->title);
	activity_when(r, b, x);
	html(b, "</dd></div>");
	const char *venue = venue_text(r, x);
	if (*venue)
		H(b, "<div><dt>地点</dt><dd>%s</dd></div>", venue);
	H(b, "<div><dt>主办单位</dt><dd>%s</dd></div>", x->host);
	consult_phone_fact(r, b, x);
	html(b, "</dl>");
}

static const char *places_text(req *r, const activity *x, const reg_counts *c)
{
	if (x->capacity < 0)
		return "不限人数，欢迎报名。";
	if (c->confirmed < x->capacity)
		return arena_printf(r->a, "名额 %lld 个，还剩 %lld 个。", x->capacity, x->capacity - c->confirmed);
	return arena_printf(r->a, "名额 %lld 个，已经报满。现在报名将进入候补名单（前面有 %lld 人候补），有人取消时按先后顺序递补。",
			    x->capacity, c->waiting);
}

/* ---- sign-up ---- */

/* Sign-up is open for a published activity until it ends. */
static bool signup_open_or_fail(req *r, resp *w, const activity *x)
{
	if (!strcmp(x->status, "cancelled")) {
		fail_state(r, w, 409, to_activity(r, x->id, "活动已取消", "看看活动周的其他活动。"),
			   "这项活动已取消，不再接受报名。给您带来不便，敬请谅解。");
		return false;
	}
	if (r->now >= x->ends_at) {
		fail_state(r, w, 409, to_activity(r, x->id, "活动已经结束", "看看活动周里还没有开始的活动。"),
			   "这项活动已经结束，不能再报名。");
		return false;
	}
	return true;
}

/* Name and phone: a resident signing up, or staff for one (phone optional). */
static void signup_fields(req *r, html *b, const char *action, const errs *e, bool assisted)
{
	error_list(b, e);
	form_open(r, b, action, "form narrow");
	field_input(b, "name", assisted ? "居民姓名" : "姓名", "text", e ? param(r, "name") : NULL, true, NULL,
		    e ? err_for(e, "name") : NULL);
	field_input(b, "phone", assisted ? "手机号码（选填）" : "手机号码", "tel", e ? param(r, "phone") : NULL, !assisted,
		    assisted ? "没有手机可不填；签到时报姓名即可" : "只用于核对报名和签到，不会公开显示",
		    e ? err_for(e, "phone") : NULL);
	H(b, "<p><button type=\"submit\" class=\"primary\">%s</button></p></form>", assisted ? "代报名" : "提交报名");
}

static void signup_page(req *r, resp *w, const activity *x, const errs *e)
{
	html *b = resp_html(w);
	reg_counts c = registration_counts(r->db, x->id);
	page_open(r, w, arena_printf(r->a, "报名：%s", x->title));
	activity_head(r, b, x, "活动报名");
	H(b, "<p class=\"lead\">%s</p>", places_text(r, x, &c));
	signup_fields(r, b, arena_printf(r->a, "/a/%lld/signup", x->id), e, false);
	H(b, "<p><a href=\"/a/%D\">查看活动详情</a></p>", x->id);
	page_close(r, w);
}

void page_signup_form(req *r, resp *w)
{
	activity x;
	if (public_activity_of_path(r, w, &x) && signup_open_or_fail(r, w, &x))
		signup_page(r, w, &x, NULL);
}

static void registration_state(html *b, const registration *g)
{
	if (!strcmp(g->status, "waiting"))
		H(b, "<strong>候补第 %D 位</strong>：有人取消时按先后顺序递补，递补后即为报名成功。", g->waiting_pos);
	else
		H(b, "<strong>%s</strong>", registration_status_label(g->status));
}

void page_signup(req *r, resp *w)
{
	activity x;
	if (!public_activity_of_path(r, w, &x) || !signup_open_or_fail(r, w, &x))
		return;
	errs e = {0};
	registration g;
	char token[TOKEN_HEX + 1];
	actor who = resident_actor(r);
	part_rc rc = registration_create(r->db, r->a, &who, x.id, param(r, "name"), param(r, "phone"), false, &g, token, &e);
	if (rc == PART_INVALID) {
		w->status = 422;
		signup_page(r, w, &x, &e);
		return;
	}
	if (rc != PART_OK) {
		part_fail(r, w, x.id, rc);
		return;
	}
	no_store(r, w);
	html *b = resp_html(w);
	bool waiting = !strcmp(g.status, "waiting");
	page_open(r, w, waiting ? "已进入候补名单" : "报名成功");
	activity_head(r, b, &x, waiting ? "已进入候补名单" : "报名成功");
	H(b, "<section class=\"card\" role=\"status\"><p>%s，您的报名状态：", g.name);
	registration_state(b, &g);
	H(b, "</p><p>活动当天请到现场扫描签到二维码签到。</p>"
	     "<p><a class=\"button\" href=\"/a/%D/calendar.ics\">加入手机日历</a></p></section>", x.id);
	if (*g.cancel_code)
		H(b, "<section class=\"card cancel-code\" aria-labelledby=\"code-h\"><h2 id=\"code-h\">您的取消码</h2>"
		     "<p class=\"code-big\"><code>%s</code></p>"
		     "<p>如果不能参加：打开本活动的页面，在“我的报名”里填手机号码和这个取消码，就能查看或取消报名。"
		     "<strong>请抄下来或截图保存。</strong>也可以打活动页面上的咨询电话。</p></section>", g.cancel_code);
	const char *link = arena_printf(r->a, "/signup/cancel?t=%s", token);
	H(b, "<details class=\"card\"><summary>取消链接</summary><p>也可以收藏这个链接，打开后直接取消报名（只显示这一次）：</p>"
	     "<p class=\"url\"><a href=\"%s\">%s%s</a></p></details>",
	  link, public_base(), link);
	page_close(r, w);
}

/* ---- 我的报名: phone number and 取消码 ---- */

/* One's own sign-up, found by the cancel link or by phone and 取消码: its
 * state, the phone's calendar, and the button that cancels it (the form
 * carries the request's own fields named in carried). */
static void own_signup_page(req *r, resp *w, const activity *x, const registration *g, const char *title,
			    const char *cancel_action, const char *const *carried)
{
	no_store(r, w);
	html *b = resp_html(w);
	page_open(r, w, title);
	activity_head(r, b, x, title);
	H(b, "<section class=\"card\" role=\"status\"><p>报名人：%s。目前状态：", g->name);
	registration_state(b, g);
	H(b, "</p><p><a class=\"button\" href=\"/a/%D/calendar.ics\">加入手机日历</a></p></section>", x->id);
	if (!strcmp(g->status, "cancelled")) {
		html(b, "<p class=\"empty\">这条报名已经取消，不需要再操作。</p>");
	} else if (g->checked_in_at) {
		html(b, "<p class=\"empty\">您已经签到，报名不能再取消。</p>");
	} else if (r->now < x->ends_at) {
		form_open(r, b, cancel_action, "form");
		for (int i = 0; carried[i]; i++)
			H(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", carried[i], param(r, carried[i]));
		if (!strcmp(g->status, "confirmed"))
			html(b, "<p>取消后名额将让给候补的居民，不能恢复；如想再参加，需要重新报名。</p>");
		else
			html(b, "<p>取消后将退出候补名单，不能恢复；如想再参加，需要重新报名。</p>");
		html(b, "<p><button type=\"submit\" class=\"danger\">确认取消报名</button></p></form>");
	}
	page_close(r, w);
}

static void mine_page(req *r, resp *w, const activity *x, const errs *e)
{
	page_open(r, w, arena_printf(r->a, "我的报名：%s", x->title));
	activity_head(r, resp_html(w), x, "我的报名");
	mine_form(r, resp_html(w), x, e);
	page_close(r, w);
}

/* The sign-up of the form's phone and code, or the answer already sent. */
static bool mine_or_reply(req *r, resp *w, activity *x, registration *g)
{
	if (!public_activity_of_path(r, w, x))
		return false;
	errs e = {0};
	actor who = resident_actor(r);
	part_rc rc = registration_by_code(r->db, r->a, &who, x->id, param(r, "phone"), param(r, "code"), g, &e);
	if (rc == PART_NO_MATCH) {
		err_add(&e, "code", "没有找到这个手机号码和取消码的报名。请核对两项是否和报名时一样；"
				    "如果取消码找不到了，请打活动页面上的咨询电话。");
		rc = PART_INVALID;
	}
	if (rc == PART_INVALID) {
		w->status = 422;
		no_store(r, w);
		mine_page(r, w, x, &e);
		return false;
	}
	if (rc == PART_THROTTLED) {
		fail_state(r, w, 429, to_activity(r, x->id, "请过一会儿再试", "过 15 分钟再试；如果取消码找不到了，请打活动页面上的咨询电话。"),
			   "手机号码和取消码连续几次都没有对上，为了保护大家的报名，暂停查询一会儿。");
		return false;
	}
	return true;
}

void page_mine_form(req *r, resp *w)
{
	activity x;
	if (public_activity_of_path(r, w, &x))
		mine_page(r, w, &x, NULL);
}

void page_mine(req *r, resp *w)
{
	activity x;
	registration g;
	static const char *const carried[] = {"phone", "code", NULL};
	if (mine_or_reply(r, w, &x, &g))
		own_signup_page(r, w, &x, &g, "我的报名", arena_printf(r->a, "/a/%lld/mine/cancel", x.id), carried);
}

static void cancelled_page(req *r, resp *w, const activity *x, const registration *g)
{
	no_store(r, w);
	page_open(r, w, "已取消报名");
	activity_head(r, resp_html(w), x, "已取消报名");
	H(resp_html(w), "<p class=\"flash\" role=\"status\">%s，您的报名已取消。%s</p>", g->name,
	  !strcmp(g->status, "confirmed") ? "感谢您及时告知，名额已让给其他居民。" : "感谢您及时告知。");
	H(resp_html(w), "<p class=\"actions\"><a class=\"button primary back-big\" href=\"/a/%D\">返回活动页面</a></p>", x->id);
	page_close(r, w);
}

/* The same refusals whichever way the cancel came (link or 取消码). */
static bool cancel_or_reply(req *r, resp *w, const activity *x, const registration *g)
{
	actor who = resident_actor(r);
	part_rc rc = registration_cancel(r->db, r->a, &who, g->id, NULL);
	if (rc == PART_ALREADY) {
		fail_state(r, w, 409, to_activity(r, x->id, "报名已经取消", "不需要再操作。想参加的话，可以重新报名。"),
			   "这条报名已经取消过了。");
		return false;
	}
	if (rc == PART_CHECKED_IN) {
		fail_state(r, w, 409, to_activity(r, x->id, "您已经签到", "签到后不需要取消。欢迎给这次活动打个分。"),
			   "您已经签到，报名不能再取消。");
		return false;
	}
	if (rc != PART_OK) {
		part_fail(r, w, x->id, rc);
		return false;
	}
	return true;
}

void page_mine_cancel(req *r, resp *w)
{
	activity x;
	registration g;
	if (mine_or_reply(r, w, &x, &g) && cancel_or_reply(r, w, &x, &g))
		cancelled_page(r, w, &x, &g);
}

/* ---- self-cancel ---- */

static bool registration_by_link_or_fail(req *r, resp *w, registration *g, activity *x)
{
	return or_404(r, w, registration_by_token(r->db, r->a, param(r, "t"), g) && activity_load(r->db, r->a, g->activity_id, x), "取消链接无效，可能没有复制完整。请打开报名成功时页面上的完整链接，或联系主办单位。");
}

void page_signup_cancel_form(req *r, resp *w)
{
	registration g;
	activity x;
	static const char *const carried[] = {"t", NULL};
	if (registration_by_link_or_fail(r, w, &g, &x))
		own_signup_page(r, w, &x, &g, "取消报名", "/signup/cancel", carried);
}

void page_signup_cancel(req *r, resp *w)
{
	registration g;
	activity x;
	if (registration_by_link_or_fail(r, w, &g, &x) && cancel_or_reply(r, w, &x, &g))
		cancelled_page(r, w, &x, &g);
}

/* ---- check-in and rating ---- */

static void rating_form(req *r, html *b, const activity *x, const char *token, const errs *e)
{
	html(b, "<section class=\"card\" aria-labelledby=\"rate-h\"><h2 id=\"rate-h\">您对本次活动满意吗？</h2>");
	error_list(b, e);
	form_open(r, b, arena_printf(r->a, "/a/%lld/rating", x->id), "form");
	H(b, "<input type=\"hidden\" name=\"t\" value=\"%s\">", token);
	html(b, "<fieldset class=\"checks\"><legend>满意程度<span class=\"req\" aria-hidden=\"true\">*</span></legend>");
	const char *chosen = e ? param(r, "score") : NULL;
	for (int i = 0; i < N_SCORES; i++)
		H(b, "<label class=\"check\"><input type=\"radio\" name=\"score\" value=\"%s\" required%s> %s</label>", scores[i],
		  chosen && !strcmp(chosen, scores[i]) ? " checked" : "", score_label(scores[i]));
	html(b, "</fieldset>");
	field_textarea(b, "comment", "意见和建议（选填）", e ? param(r, "comment") : NULL, 4, COMMENT_MAX_CHARS,
		       "最多 500 字", e ? err_for(e, "comment") : NULL);
	html(b, "<p><button type=\"submit\" class=\"primary\">提交评价</button></p></form></section>");
}

/* The check-in form; last4 is asked of those who signed up. */
static void checkin_fields(req *r, html *b, const activity *x, const errs *e, const char *button)
{
	form_open(r, b, arena_printf(r->a, "/a/%lld/checkin", x->id), "form narrow");
	H(b, "<input type=\"hidden\" name=\"k\" value=\"%s\">", x->checkin_code);
	field_input(b, "name", "姓名", "text", e ? param(r, "name") : NULL, true, NULL, e ? err_for(e, "name") : NULL);
	field_input(b, "last4", "手机号后四位", "tel", e ? param(r, "last4") : NULL, false,
		    "已报名的请填写报名时手机号的后四位；没有报名的不用填", e ? err_for(e, "last4") : NULL);
	H(b, "<p><button type=\"submit\" class=\"primary\">%s</button></p></form>", button);
}

/* The page after a check-in, or when someone who checked in scans again. */
static void checked_in_page(req *r, resp *w, const activity *x, const checkin *c, const char *token, bool just_now,
			    const errs *e)
{
	html *b = resp_html(w);
	no_store(r, w);
	page_open(r, w, just_now ? "签到成功" : "已签到");
	activity_head(r, b, x, just_now ? "签到成功" : "您已签到");
	H(b, "<p class=\"flash\" role=\"status\">%s，%s（%s）。欢迎参加！</p>", c->name, just_now ? "签到成功" : "您已经签到",
	  pub_datetime(r, c->created_at));
	if (c->rating)
		H(b, "<p class=\"card\">您的评价：<strong>%s</strong>。谢谢您的反馈！</p>", score_label(c->rating));
	else
		rating_form(r, b, x, token, e);
	/* a family member on the same phone */
	if (!just_now) {
		html(b, "<details class=\"card\"><summary>为同行的家人或朋友签到</summary>");
		checkin_fields(r, b, x, NULL, "为他人签到");
		html(b, "</details>");
	}
	page_close(r, w);
}

static void checkin_page(req *r, resp *w, const activity *x, const errs *e)
{
	html *b = resp_html(w);
	page_open(r, w, arena_printf(r->a, "签到：%s", x->title));
	activity_head(r, b, x, "活动签到");
	error_list(b, e);
	checkin_fields(r, b, x, e, "签到");
	page_close(r, w);
}

/* The code, then the state of the activity: a wrong code says nothing more. */
static bool code_ok_or_fail(req *r, resp *w, activity *x)
{
	if (!public_activity_of_path(r, w, x))
		return false;
	if (!checkin_code_ok(x, param(r, "k"))) {
		fail(r, w, 403, "二维码无效。请扫描活动现场张贴的签到二维码；如果仍然不行，请告诉现场工作人员。");
		return false;
	}
	return true;
}

static bool checkin_open_or_fail(req *r, resp *w, const activity *x)
{
	if (!strcmp(x->status, "cancelled")) {
		fail_state(r, w, 409, to_activity(r, x->id, "活动已取消", "看看活动周的其他活动。"),
			   "这项活动已取消，不能签到。给您带来不便，敬请谅解。");
		return false;
	}
	part_rc rc = checkin_window(x, r->now);
	if (rc == PART_NOT_OPEN) {
		fail_state(r, w, 409, to_activity(r, x->id, "签到还没有开始", "活动开始前 2 小时开放签到，到时请再扫一次现场的二维码。"),
			   "这项活动 %s 开始，现在还不能签到。", pub_datetime(r, x->starts_at));
		return false;
	}
	if (rc == PART_ENDED) {
		fail_state(r, w, 409, to_activity(r, x->id, "签到已经结束", "看看活动周里还没有开始的活动。"),
			   "这项活动的签到已经结束。");
		return false;
	}
	return true;
}

/* The check-in this browser made for the activity, from its cookie. */
static bool own_checkin(req *r, const activity *x, checkin *c, const char **token)
{
	*token = cookie(r, rating_cookie(r, x->id));
	return *token && checkin_by_token(r->db, r->a, x->id, *token, c);
}

void page_checkin_form(req *r, resp *w)
{
	activity x;
	checkin c;
	const char *token;
	if (!code_ok_or_fail(r, w, &x))
		return;
	/* someone who checked in may come back to rate, even after the end */
	if (own_checkin(r, &x, &c, &token)) {
		checked_in_page(r, w, &x, &c, token, false, NULL);
		return;
	}
	if (checkin_open_or_fail(r, w, &x))
		checkin_page(r, w, &x, NULL);
}

void page_checkin(req *r, resp *w)
{
	activity x;
	checkin c, mine;
	const char *mine_token;
	if (!code_ok_or_fail(r, w, &x) || !checkin_open_or_fail(r, w, &x))
		return;
	const char *name = param(r, "name");
	char *trimmed = str_trim(arena_strdup(r->a, name ? name : ""));
	if (own_checkin(r, &x, &mine, &mine_token) && !strcmp(mine.name, trimmed)) {
		fail_state(r, w, 409, to_activity(r, x.id, "您已经签到了", "不用重复签到。欢迎给这次活动打个分。"),
			   "%s，您已经签到过了（%s）。谢谢参加！", mine.name, pub_datetime(r, mine.created_at));
		return;
	}
	errs e = {0};
	char token[TOKEN_HEX + 1];
	actor who = resident_actor(r);
	part_rc rc = checkin_create(r->db, r->a, &who, &x, name, param(r, "last4"), &c, token, &e);
	if (rc == PART_NO_MATCH) {
		err_add(&e, "last4", arena_printf(r->a, "没有找到姓名为“%s”、手机号后四位为 %s 的报名。请核对姓名和号码；"
							"如果没有报名，请把后四位留空，直接签到。", trimmed, param(r, "last4")));
		rc = PART_INVALID;
	}
	if (rc == PART_INVALID) {
		w->status = 422;
		checkin_page(r, w, &x, &e);
		return;
	}
	if (rc == PART_ALREADY) {
		fail_state(r, w, 409, to_activity(r, x.id, "您已经签到了", "不用重复签到。谢谢参加！"),
			   "%s，您已经签到过了。", trimmed);
		return;
	}
	if (rc != PART_OK) {
		part_fail(r, w, x.id, rc);
		return;
	}
	set_cookie(r, w, rating_cookie(r, x.id), token, RATING_COOKIE_AGE, true);
	checked_in_page(r, w, &x, &c, token, true, NULL);
}

void page_rating(req *r, resp *w)
{
	activity x;
	if (!public_activity_of_path(r, w, &x))
		return;
	const char *token = param(r, "t");
	if (!token || !*token)
		token = cookie(r, rating_cookie(r, x.id));
	errs e = {0};
	actor who = resident_actor(r);
	part_rc rc = rating_create(r->db, r->a, &who, x.id, token, param(r, "score"), param(r, "comment"), &e);
	checkin c;
	switch (rc) {
	case PART_OK:
		break;
	case PART_DENIED:
		fail(r, w, 403, "请先扫码签到，签到后才能评价。如果已经签到，请重新扫描现场的签到二维码。");
		return;
	case PART_ALREADY:
		fail_state(r, w, 409, to_activity(r, x.id, "您已经评价过了", "不用再评价。谢谢您的反馈！"),
			   "每次签到只能评价一次，您的评价已经收到。");
		return;
	case PART_INVALID:
		if (checkin_by_token(r->db, r->a, x.id, token, &c)) {
			w->status = 422;
			checked_in_page(r, w, &x, &c, token, false, &e);
			return;
		}
		fail(r, w, 403, "请先扫码签到，签到后才能评价。");
		return;
	default:
		part_fail(r, w, x.id, rc);
		return;
	}
	no_store(r, w);
	page_open(r, w, "谢谢您的评价");
	activity_head(r, resp_html(w), &x, "评价已提交");
	H(resp_html(w), "<p class=\"flash\" role=\"status\">谢谢您的评价（%s）！您的意见会转给主办单位，帮助办好以后的活动。</p>",
	  score_label(param(r, "score")));
	page_close(r, w);
}

/* ---- staff: registrations, 代报名 ---- */

/* Full numbers for the admin of the activity's own unit only: centre roles
 * and editors see them masked (issue 3: "masked everywhere except to the
 * unit admin"). */
static bool sees_full_phones(req *r, const activity *x)
{
	return may(r, ACT_SEE_FULL_PHONE, x->unit_id);
}

static bool can_edit(req *r)
{
	return may(r, ACT_RECORD, 0);
}

static void registrations_page(req *r, resp *w, const activity *x, const errs *e)
{
	html *b = resp_html(w);
	bool full = sees_full_phones(r, x), edit = can_edit(r);
	reg_counts c = registration_counts(r->db, x->id);
	registration *v;
	int n = registration_list(r->db, r->a, x->id, &v);
	page_open(r, w, arena_printf(r->a, "报名名单：%s", x->title));
	breadcrumbs(r, w, x->title, arena_printf(r->a, "/activities/%lld", x->id), "报名名单");
	H(b, "<h1>报名名单</h1><p><a href=\"/activities/%D\">%s</a></p>", x->id, x->title);
	H(b, "<p>报名成功 %D 人（%s），候补 %D 人，已取消 %D 人。</p>", c.confirmed,
	  x->capacity < 0 ? "不限人数" : arena_printf(r->a, "名额 %lld 个", x->capacity), c.waiting, c.cancelled);
	if (!full)
		html(b, "<p class=\"hint\">为保护居民隐私，手机号中间四位已隐去；只有本单位管理员能看到完整号码。</p>");
	if (!n) {
		html(b, "<p class=\"empty\">还没有人报名。</p>");
	} else {
		html(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">姓名</th><th scope=\"col\">手机号</th>"
			"<th scope=\"col\">状态</th><th scope=\"col\">签到</th><th scope=\"col\">报名方式</th>"
			"<th scope=\"col\">报名时间</th>");
		if (edit)
			html(b, "<th scope=\"col\">操作</th>");
		html(b, "</tr></thead><tbody>");
	}
	for (int i = 0; i < n; i++) {
		const registration *g = &v[i];
		H(b, "<tr><td>%s</td><td>%s</td><td>", g->name,
		  !g->phone ? "（未留）" : full ? g->phone : phone_mask(r->a, g->phone));
		if (!strcmp(g->status, "waiting"))
			H(b, "候补第 %D 位", g->waiting_pos);
		else
			H(b, "%s", registration_status_label(g->status));
		H(b, "</td><td>%s</td><td>%s</td><td>%s</td>", g->checked_in_at ? datetime_cn(r->a, g->checked_in_at) : "—",
		  g->assisted_by ? arena_printf(r->a, "代报名（%s）", g->assisted_by) : "本人报名",
		  datetime_cn(r->a, g->created_at));
		if (edit) {
			html(b, "<td>");
			if (strcmp(g->status, "cancelled") && !g->checked_in_at) {
				form_open(r, b, arena_printf(r->a, "/activities/%lld/registrations/cancel", x->id), "inline");
				H(b, "<input type=\"hidden\" name=\"registration\" value=\"%D\"><button type=\"submit\" class=\"linkish\" "
				     "data-confirm=\"确定取消%s的报名吗？%s\">取消报名</button></form>",
				  g->id, g->name, strcmp(g->status, "confirmed") ? "" : "名额将让给候补的居民。");
			}
			html(b, "</td>");
		}
		html(b, "</tr>");
	}
	if (n)
		html(b, "</tbody></table></div>");

	if (edit && !strcmp(x->status, "published") && r->now < x->ends_at) {
		html(b, "<section class=\"card\" aria-labelledby=\"assist-h\"><h2 id=\"assist-h\">代报名</h2>"
			"<p>为没有智能手机的居民报名。名额规则相同：报满后进入候补。</p>");
		signup_fields(r, b, arena_printf(r->a, "/activities/%lld/registrations", x->id), e, true);
		html(b, "</section>");
	} else if (edit) {
		html(b, "<p class=\"hint\">活动发布后、结束前可以代报名。</p>");
	}

	checkin *ci;
	int nc = checkin_list(r->db, r->a, x->id, &ci);
	H(b, "<section class=\"card\" aria-labelledby=\"ci-h\"><h2 id=\"ci-h\">扫码签到（%d 人）</h2>", nc);
	if (!nc)
		H(b, "<p class=\"empty\">还没有人签到。<a href=\"/activities/%D/checkin-code\">打开签到二维码</a></p>", x->id);
	else
		html(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">姓名</th><th scope=\"col\">身份</th>"
			"<th scope=\"col\">签到时间</th></tr></thead><tbody>");
	for (int i = 0; i < nc; i++)
		H(b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>", ci[i].name, ci[i].registration_id ? "已报名" : "现场参加",
		  datetime_cn(r->a, ci[i].created_at));
	if (nc)
		html(b, "</tbody></table></div>");
	html(b, "</section>");
	page_close(r, w);
}

void page_registrations(req *r, resp *w)
{
	activity x;
	if (activity_of_path(r, w, &x))
		registrations_page(r, w, &x, NULL);
}

void page_registration_assist(req *r, resp *w)
{
	activity x;
	if (!activity_of_path(r, w, &x))
		return;
	errs e = {0};
	registration g;
	char token[TOKEN_HEX + 1];
	actor who = page_actor(r);
	part_rc rc = registration_create(r->db, r->a, &who, x.id, param(r, "name"), param(r, "phone"), true, &g, token, &e);
	switch (rc) {
	case PART_OK:
		break;
	case PART_INVALID:
		w->status = 422;
		registrations_page(r, w, &x, &e);
		return;
	case PART_NOT_FOUND:
		fail(r, w, 409, "活动还没有发布，发布后才能报名。");
		return;
	default:
		part_fail(r, w, x.id, rc);
		return;
	}
	flash(r, w, !strcmp(g.status, "waiting") ? arena_printf(r->a, "已为%s代报名：名额已满，进入候补第 %lld 位。", g.name, g.waiting_pos)
						 : arena_printf(r->a, "已为%s代报名：报名成功。", g.name));
	redirect(r, w, arena_printf(r->a, "/activities/%lld/registrations", x.id));
}

void page_registration_cancel(req *r, resp *w)
{
	activity x;
	registration g;
	if (!activity_of_path(r, w, &x))
		return;
	if (!registration_load(r->db, r->a, param_int(r, "registration", 0), &g) || g.activity_id != x.id) {
		fail(r, w, 404, "找不到这条报名记录。");
		return;
	}
	long long promoted = 0;
	actor who = page_actor(r);
	part_rc rc = registration_cancel(r->db, r->a, &who, g.id, &promoted);
	if (rc == PART_ALREADY) {
		fail(r, w, 409, "这条报名已经取消过了。");
		return;
	}
	if (rc == PART_CHECKED_IN) {
		fail(r, w, 409, "%s已经签到，报名不能再取消。", g.name);
		return;
	}
	if (rc != PART_OK) {
		part_fail(r, w, x.id, rc);
		return;
	}
	registration p;
	if (promoted && registration_load(r->db, r->a, promoted, &p))
		flash(r, w, arena_printf(r->a, "已取消%s的报名；候补的%s已递补为报名成功。", g.name, p.name));
	else
		flash(r, w, arena_printf(r->a, "已取消%s的报名。", g.name));
	redirect(r, w, arena_printf(r->a, "/activities/%lld/registrations", x.id));
}

/* ---- staff: the QR code and the poster ---- */

void page_checkin_code(req *r, resp *w)
{
	activity x;
	if (!activity_of_path(r, w, &x))
		return;
	html *b = resp_html(w);
	const char *url = checkin_url(r, &x);
	page_open(r, w, arena_printf(r->a, "签到二维码：%s", x.title));
	breadcrumbs(r, w, x.title, arena_printf(r->a, "/activities/%lld", x.id), "签到二维码");
	H(b, "<h1>签到二维码</h1><p><a href=\"/activities/%D\">%s</a></p>", x.id, x.title);
	if (!strcmp(x.status, "draft"))
		html(b, "<p class=\"errors\">活动还是草稿：发布后居民才能扫码签到。</p>");
	else if (!strcmp(x.status, "cancelled"))
		html(b, "<p class=\"errors\">活动已取消：扫码会提示“活动已取消”。</p>");
	html(b, "<div class=\"qr\">");
	qr_svg(b, url, 280, "签到二维码");
	html(b, "</div>");
	H(b, "<p>居民用微信扫码后填写姓名即可签到（已报名的再填手机号后四位），签到后可以评价活动。"
	     "签到从活动开始前 2 小时开放，到活动结束后 6 小时关闭。</p>"
	     "<p class=\"actions\"><a class=\"button primary\" href=\"/activities/%D/poster.pdf\">下载 A4 签到海报（PDF）</a></p>"
	     "<p class=\"hint\">签到网址（可发到活动群）：</p><p class=\"url\"><a href=\"%s\">%s</a></p>",
	  x.id, url, url);
	page_close(r, w);
}

void page_checkin_poster(req *r, resp *w)
{
	activity x;
	if (!activity_of_path(r, w, &x))
		return;
	poster p = {
		.kicker = week_title_of(r, x.week_id, "全民终身学习活动周"),
		.title = x.title,
		.when = activity_when_printed(r, &x),
		.venue = venue_text(r, &x),
		.host = x.host,
		.url = checkin_url(r, &x),
	};
	buf_reset(&w->body);
	if (!poster_pdf(&w->body, &p)) {
		fail(r, w, 500, "生成海报失败，请稍后重试。");
		return;
	}
	w->content_type = "application/pdf";
	download_header(r, w, true, arena_printf(r->a, "checkin-%lld.pdf", x.id), NULL);
	resp_header(r, w, "Cache-Control", "private, no-cache");
}
