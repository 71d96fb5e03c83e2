/* routes.c: every URL of learnweek, the role it needs and the parameters it
 * accepts. The router enforces all of it before a handler runs; the
 * authorization tests are generated from this table (`learnweek routes`). */
#include "web.h"
#include "pages/pages.h"
#include "pages/activities.h"
#include "pages/calendar.h"
#include "pages/participation.h"
#include "pages/imports.h"
#include "pages/report.h"
#include "pages/publicity.h"
#include "pages/submission.h"
#include "pages/api.h"
#include "pages/resources.h"
#include "pages/showcase.h"
#include "pages/board.h"
#include "pages/review.h"
#include "pages/stats.h"
#include "pages/exports.h"

#define NEXT {"next", P_STR, "跳转地址", 0, 2000, false}
#define PAGE {"page", P_INT, "页码", 1, 100000, false}

const route routes[] = {
	{M_GET, "/", page_home, A_PUBLIC, CALENDAR_LIST_PARAMS, 0, RF_CACHED, "current week, for residents"},
	{M_GET, "/weeks/:week", page_week_public, A_PUBLIC, CALENDAR_LIST_PARAMS, 0, RF_CACHED, "a week's public page"},
	{M_GET, "/weeks/:week/notice", page_week_notice, A_PUBLIC, NULL, 0, RF_CACHED, "a week's notice, on a page of its own"},
	{M_GET, "/weeks/:week/near", page_week_near, A_PUBLIC, NULL, 0, RF_CACHED,
	 "the streets and towns of a week's activities (离我近的), each a link to the list"},
	{M_GET, "/healthz", page_healthz, A_PUBLIC, NULL, 0, 0, "ok when the database answers"},
	{M_GET, "/admin/cache", page_cache_stats, A_CENTRE_READ, NULL, 0, 0,
	 "the render cache's hits, misses, pages and bytes since the server started (text)"},
	{M_GET, "/static/*", page_static, A_PUBLIC, PARAMS({"v", P_STR, "版本", 0, 64, false}), 0, 0, "embedded CSS and JS"},
	{M_POST, "/prefs/text", page_text_size, A_PUBLIC,
	 PARAMS({"size", P_TOKEN, "字号", 0, 10, false}, {"back", P_STR, "返回地址", 0, 2000, false}), 0, 0,
	 "large-text mode on or off"},

	{M_GET, "/login", page_login_form, A_PUBLIC, PARAMS(NEXT), 0, 0, "login form"},
	{M_POST, "/login", page_login, A_PUBLIC,
	 PARAMS({"username", P_STR, "用户名", 0, 64, false}, {"password", P_STR, "密码", 0, 200, false}, NEXT), 0, 0, "log in"},
	{M_POST, "/logout", page_logout, A_STAFF, NULL, 0, 0, "log out"},
	{M_GET, "/account/password", page_password_form, A_STAFF, NULL, 0, 0, "change own password"},
	{M_POST, "/account/password", page_password, A_STAFF,
	 PARAMS({"current", P_STR, "当前密码", 0, 200, false}, {"password", P_STR, "新密码", 0, 200, false},
		{"confirm", P_STR, "确认密码", 0, 200, false}), 0, 0, "change own password"},

	{M_GET, "/admin", page_dashboard, A_STAFF, NULL, 0, 0, "staff dashboard"},

	{M_GET, "/admin/weeks", page_weeks, A_CENTRE_READ, NULL, 0, 0, "list weeks"},
	{M_GET, "/admin/weeks/new", page_week_new, A_CENTRE_ADMIN, NULL, 0, 0, "new week form"},
#define WEEK_PARAMS PARAMS({"year", P_STR, "年份", 0, 8, false}, {"title", P_STR, "标题", 0, 100, false}, \
			   {"theme", P_STR, "主题", 0, 100, false}, {"starts_on", P_STR, "开始日期", 0, 20, false}, \
			   {"ends_on", P_STR, "结束日期", 0, 20, false}, {"deadline", P_STR, "报送截止时间", 0, 20, false}, \
			   {"notice", P_TEXT, "通知正文", 0, 20000, false})
	{M_POST, "/admin/weeks", page_week_create, A_CENTRE_ADMIN, WEEK_PARAMS, 256 * 1024, 0, "create a week"},
	{M_GET, "/admin/weeks/:week", page_week_edit, A_CENTRE_ADMIN, NULL, 0, 0, "edit week form"},
	{M_POST, "/admin/weeks/:week", page_week_update, A_CENTRE_ADMIN, WEEK_PARAMS, 256 * 1024, 0, "update a week"},

	{M_GET, "/admin/units", page_units, A_CENTRE_READ, NULL, 0, 0, "list units"},
	{M_GET, "/admin/units/new", page_unit_new, A_CENTRE_ADMIN, NULL, 0, 0, "new unit form"},
#define UNIT_PARAMS PARAMS({"name", P_STR, "单位名称", 0, 100, false}, {"kind", P_STR, "类别", 0, 10, false}, \
			   {"code", P_STR, "单位代码", 0, 40, false}, {"sort_order", P_INT, "显示顺序", 0, 9999, false})
	{M_POST, "/admin/units", page_unit_create, A_CENTRE_ADMIN, UNIT_PARAMS, 0, 0, "create a unit"},
	{M_GET, "/admin/units/:unit/edit", page_unit_edit, A_CENTRE_ADMIN, NULL, 0, 0, "edit unit form"},
	{M_POST, "/admin/units/:unit", page_unit_update, A_CENTRE_ADMIN, UNIT_PARAMS, 0, 0, "update a unit"},
	{M_POST, "/admin/units/:unit/retire", page_unit_retire, A_CENTRE_ADMIN, NULL, 0, 0, "retire a unit"},
	{M_POST, "/admin/units/:unit/restore", page_unit_restore, A_CENTRE_ADMIN, NULL, 0, 0, "restore a unit"},

#define ACCOUNT_PARAMS PARAMS({"username", P_STR, "用户名", 0, 64, false}, {"display_name", P_STR, "姓名", 0, 60, false}, \
			      {"role", P_TOKEN, "角色", 0, 20, false}, {"unit_id", P_INT, "所属单位", 0, 1LL << 53, false}, \
			      {"password", P_STR, "密码", 0, 200, false})
	{M_GET, "/admin/accounts", page_accounts, A_CENTRE_READ, PARAMS({"unit", P_INT, "单位", 0, 1LL << 53, false}), 0, 0, "list all accounts"},
	{M_GET, "/admin/accounts/new", page_account_new, A_CENTRE_ADMIN, NULL, 0, 0, "new account form (any unit)"},
	{M_POST, "/admin/accounts", page_account_create, A_CENTRE_ADMIN, ACCOUNT_PARAMS, 0, 0, "create an account"},
	{M_GET, "/units/:unit/phone", page_unit_phone_form, A_UNIT_ADMIN, NULL, 0, 0, "a unit's public consultation number"},
	{M_POST, "/units/:unit/phone", page_unit_phone, A_UNIT_ADMIN,
	 PARAMS({"consult_phone", P_STR, "咨询电话", 0, 40, false}), 0, 0,
	 "set a unit's public consultation number (an office or service line, never a mobile)"},
	{M_GET, "/units/:unit/accounts", page_unit_accounts, A_UNIT_ADMIN, NULL, 0, 0, "a unit's accounts"},
	{M_GET, "/units/:unit/accounts/new", page_unit_account_new, A_UNIT_ADMIN, NULL, 0, 0, "new account form for a unit"},
	{M_POST, "/units/:unit/accounts", page_unit_account_create, A_UNIT_ADMIN, ACCOUNT_PARAMS, 0, 0, "create a unit account"},
	{M_GET, "/accounts/:account", page_account_edit, A_UNIT_ADMIN, NULL, 0, 0, "manage an account"},
	{M_POST, "/accounts/:account", page_account_update, A_UNIT_ADMIN,
	 PARAMS({"display_name", P_STR, "姓名", 0, 60, false}, {"role", P_TOKEN, "角色", 0, 20, false}), 0, 0, "update an account"},
	{M_POST, "/accounts/:account/disable", page_account_disable, A_UNIT_ADMIN, NULL, 0, 0, "disable an account"},
	{M_POST, "/accounts/:account/enable", page_account_enable, A_UNIT_ADMIN, NULL, 0, 0, "enable an account"},
	{M_POST, "/accounts/:account/password", page_account_reset, A_UNIT_ADMIN,
	 PARAMS({"password", P_STR, "新密码", 0, 200, false}), 0, 0, "reset an account's password"},

	{M_GET, "/admin/audit", page_audit, A_CENTRE_READ,
	 PARAMS({"unit", P_INT, "单位", 0, 1LL << 53, false}, {"entity", P_TOKEN, "对象", 0, 30, false},
		{"action", P_TOKEN, "操作", 0, 30, false}, {"user", P_STR, "操作人", 0, 64, false},
		{"from", P_DATE, "开始日期", 0, 0, false}, {"to", P_DATE, "结束日期", 0, 0, false}, PAGE),
	 0, 0, "browse the audit log"},
	{M_GET, "/admin/audit.xlsx", page_audit_xlsx, A_CENTRE_READ,
	 PARAMS({"unit", P_INT, "单位", 0, 1LL << 53, false}, {"entity", P_TOKEN, "对象", 0, 30, false},
		{"action", P_TOKEN, "操作", 0, 30, false}, {"user", P_STR, "操作人", 0, 64, false},
		{"from", P_DATE, "开始日期", 0, 0, false}, {"to", P_DATE, "结束日期", 0, 0, false}),
	 0, 0, "the audit log as an XLSX workbook"},

/* each feature keeps its routes beside its pages */
#include "pages/activities.routes"
#include "pages/calendar.routes"
#include "pages/participation.routes"
#include "pages/imports.routes"
#include "pages/report.routes"
#include "pages/publicity.routes"
#include "pages/submission.routes"
#include "pages/api.routes"
#include "pages/resources.routes"
#include "pages/showcase.routes"
#include "pages/board.routes"
#include "pages/review.routes"
#include "pages/stats.routes"
#include "pages/exports.routes"
};
const size_t nroutes = sizeof routes / sizeof *routes;
