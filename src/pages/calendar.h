/* calendar.h: the public calendar: the week's activities for residents (list
 * with filters, one page per activity with its QR code) and the iCalendar feeds. */
#ifndef LW_PAGES_CALENDAR_H
#define LW_PAGES_CALENDAR_H
#include "pages/pages.h"
#include "domain/activity.h"
#include "domain/calendar.h"

/* The filters of the list and of /calendar.ics, declared once for every route
 * that shows the list ("/", "/weeks/:week") and for the feed. */
#define CALENDAR_FILTER_SPECS \
	{"city", P_INT, "市", 1, 1LL << 53, false}, {"unit", P_INT, "单位", 1, 1LL << 53, false}, {"content", P_INT, "活动内容", 1, MAX_CONTENT, false}, \
	{"audience", P_STR, "参与对象", 0, 20, false}, {"mode", P_TOKEN, "线上/线下", 0, 10, false}, \
	{"date", P_DATE, "日期", 0, 0, false}, {"when", P_TOKEN, "时段", 0, 10, false}, \
	{"q", P_STR, "搜索", 0, 50, false}
#define CALENDAR_LIST_PARAMS PARAMS(CALENDAR_FILTER_SPECS, {"page", P_INT, "页码", 1, 100000, false})
#define CALENDAR_FEED_PARAMS PARAMS(CALENDAR_FILTER_SPECS)

#define CALENDAR_PER_PAGE 50  /* about 40 KB of HTML: small on a slow phone */
/* Matches are counted up to here: past it the list says "more than" and a
 * resident narrows it with the filters (20 pages are more than anyone reads). */
#define CALENDAR_COUNT_CAP 1000

typedef struct cal_view {
	/* whose public pages: the organiser (the top at "/"), and what of its
	 * week and the weeks below it the filters leave (public_scope) */
	long long org;
	scope_arm *arms;
	int narms;
	/* the filters, NULL or 0 when not set; city is a child of org that has
	 * nodes below it (a province's 市) */
	long long city_id, unit_id;
	const char *city_name, *unit_name;
	const char *content;            /* a code of the week's categories: "1", "2", ... */
	const char *audience, *mode, *date, *when, *q;
	long long page;
	long long from, to;             /* the window that date and when give; 0: the whole week */
	bool outside;                   /* the window is empty: nothing can match */
	choices contents, audiences;    /* the week's lists the filters offer */
	/* what matched */
	activity *v;
	int n;
	long long total, pages;
	bool more;                      /* more than CALENDAR_COUNT_CAP matched; total is the cap */
} cal_view;

/* Reads and checks the filters of this request against the week, and finds
 * one page (per_page) of its published and cancelled activities. On a bad
 * value sends a 4xx page that says what is wrong and returns -1. */
int calendar_query_or_reply(req *r, resp *w, const week *wk, long long org, long long per_page, cal_view *cv);
/* The organiser's week now: its own, else the one it reports in. */
bool org_current_week(req *r, long long org, week *wk);
/* The organiser's public address: "" for the top, "/o/CODE" below it. */
const char *org_base(req *r, long long org);
/* The iCalendar feed of the organiser's current week (and the weeks below). */
void calendar_feed(req *r, resp *w, long long org);
/* The 活动安排 section of a week's public page: the filter form, the
 * activities by day, paging. Links point back at r->path. */
void calendar_section(req *r, resp *w, const week *wk, const cal_view *cv);
/* What a resident looks for first, before the filters: 今天和接下来 (the next
 * few activities that have not ended, while the week lasts), the week's days
 * as a strip of links, and the way to 离我近的 (by street and town). */
void calendar_first(req *r, resp *w, const week *wk, const cal_view *cv);
/* /weeks/:week/near: the streets and towns of the week's activities. */
void page_week_near(req *r, resp *w);

void page_activity_public(req *r, resp *w);
void page_activity_ics(req *r, resp *w);
void page_calendar_ics(req *r, resp *w);
#endif
