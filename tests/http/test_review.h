/* test_review.h: what the review and status board tests share, on top of
 * test_report.h's unit of their own: a report made ready to submit, submit,
 * return and accept through the review pages, an activity of the unit. */
#ifndef LW_TEST_REVIEW_H
#define LW_TEST_REVIEW_H
#include "test_report.h"
#include <time.h>

/* The plan's three departments and the three required attachments. */
static inline void ready(const fx *f)
{
	lw_expect(lw_submit(f->admin, lw_printf("/units/%lld/report/plan", f->unit), "week", lw_printf("%lld", f->week),
			    "plan_issuer", "区教育体育局", "plan_coordinator", "区社区教育学院", "plan_author", "区终身学习办公室", NULL),
		  303, "");
	documents(f); /* 定稿 and the scan come with submit() */
}

static inline lw_resp *submit(const fx *f)
{
	finalise_and_scan(f); /* 定稿 again where the form has changed since */
	return lw_submit(f->admin, lw_printf("/units/%lld/submission", f->unit), "week", lw_printf("%lld", f->week), NULL);
}

/* Submits and returns the new version's id. */
static inline long long submit_ok(const fx *f)
{
	lw_resp *r = submit(f);
	cr_assert_eq(r->status, 303, "submit: %ld\n%s", r->status, lw_excerpt(r));
	long long v = latest_version_id(f);
	cr_assert_gt(v, 0);
	return v;
}

static inline lw_resp *save_field(const fx *f, const char *field, const char *value, const char *reason)
{
	return lw_submit(f->admin, lw_printf("/units/%lld/report/fields", f->unit), "week", lw_printf("%lld", f->week),
			 "field", field, "value", value, "reason", reason, NULL);
}

/* The centre returns version v with one comment on target ("general", a field key, "attachment:<id>"). */
static inline lw_resp *return_with(lw_client *c, long long v, const char *target, const char *comment)
{
	return lw_submit(c, lw_printf("/admin/submissions/%lld/return", v), "target", target, "comment", comment, NULL);
}

static inline lw_resp *accept_version(lw_client *c, long long v)
{
	return lw_submit(c, lw_printf("/admin/submissions/%lld/accept", v), NULL);
}

/* An activity of the fixture's unit and week, starting in half an hour; its id. */
static inline long long activity(const fx *f, const char *title, bool publish, const char *reported)
{
	lw_resp *r = lw_submit(f->admin, lw_printf("/units/%lld/activities", f->unit), "week", lw_printf("%lld", f->week),
			       "title", title, "host", "区社区教育学院", "content", "2", "mode", "offline", "venue", "社区学校",
			       "starts_at", lw_local_time(30), "ends_at", lw_local_time(150), "reported", reported,
			       "publish", publish ? "1" : "0", NULL);
	cr_assert_eq(r->status, 303, "create activity: %ld\n%s", r->status, lw_excerpt(r));
	long long id = 0;
	cr_assert(sscanf(lw_header(r, "Location"), "/activities/%lld", &id) == 1);
	return id;
}
#endif
