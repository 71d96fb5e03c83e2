/* test_double_escape.c: no page of the demo shows HTML escaped twice. Markup
 * built in a char * or a buf and passed through H()'s %s comes out as text
 * (the activity form's legend showed
 * 活动内容（可多选）<span class="req" aria-hidden="true">*</span>, issue 11).
 * Until HTML is its own C type the compiler cannot see this, so every page
 * each role reaches by following links from its start page is fetched and its
 * body searched for markup or entities escaped once more. */
#include "harness.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

LW_SERVER("", NULL)

#define PW "double-escape-pass-1"
/* typed into records: escaped once it is A&amp;B &lt;i&gt;..., twice &amp;amp; &amp;lt; &amp;quot; */
#define TXT "A&B <i>x</i> \"q\""
#define MAX_PAGES 400   /* per role: far above what the links reach with PER_PATTERN */
#define PER_PATTERN 2   /* /activities/12/edit and /activities/13/edit are one page kind */

/* what a page shows only when markup or an entity went through %s again */
static const char *const needles[] = {"&lt;span", "&lt;a ", "&lt;br", "&lt;strong", "&amp;lt;", "&amp;amp;", "&amp;quot;"};

typedef struct {
	char **v;
	int n, cap;
} list;

static void push(list *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = realloc(l->v, (size_t)l->cap * sizeof *l->v);
		cr_assert_not_null(l->v);
	}
	l->v[l->n++] = s;
}

static void list_free(list *l)
{
	free(l->v);
	*l = (list){0};
}

static bool in(const list *l, const char *s)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

/* The page kind: digits replaced by N. */
static char *kind_of(const char *path)
{
	char *k = lw_printf("%s", path);
	char *o = k;
	for (const char *p = path; *p;) {
		if (isdigit((unsigned char)*p)) {
			*o++ = 'N';
			while (isdigit((unsigned char)*p))
				p++;
		} else
			*o++ = *p++;
	}
	*o = 0;
	return k;
}

/* Downloads and files: no page to read, and an export's ZIP is slow to make. */
static bool crawlable(const char *path)
{
	static const char *const ends[] = {".pdf", ".docx", ".xlsx", ".zip", ".ics", ".csv", ".png", ".jpg", ".svg", ".txt", ".json"};
	if (path[0] != '/' || path[1] == '/' || !strncmp(path, "/static/", 8))
		return false;
	const char *q = strchr(path, '?');
	size_t n = q ? (size_t)(q - path) : strlen(path);
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		size_t e = strlen(ends[i]);
		if (n >= e && !strncmp(path + n - e, ends[i], e))
			return false;
	}
	static const char *const parts[] = {"/file", "/download", "/attachments/", "/photos/", "/template"};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		const char *hit = strstr(path, parts[i]);
		if (hit && hit < path + n)
			return false;
	}
	return !q || !strstr(q, "inline=");
}

/* The links of a page (href="..."), as paths on this server, into queue. */
static void links(const char *html, list *queue)
{
	const char *base = lw_base();
	size_t bl = strlen(base);
	for (const char *p = html; (p = strstr(p, "href=\"")); ) {
		p += 6;
		const char *e = strchr(p, '"');
		if (!e)
			break;
		char *href = lw_printf("%.*s", (int)(e - p), p);
		p = e;
		if (!strncmp(href, base, bl))
			href += bl;
		char *hash = strchr(href, '#');
		if (hash)
			*hash = 0;
		/* attribute values are escaped once: &amp; is & */
		for (char *a = href; (a = strstr(a, "&amp;")); a++)
			memmove(a + 1, a + 5, strlen(a + 5) + 1);
		if (*href && crawlable(href))
			push(queue, href);
	}
}

/* Records each needle in a page's body, with the text around it. */
static void scan(const char *role, const char *what, const lw_resp *r, list *problems)
{
	for (size_t n = 0; n < sizeof needles / sizeof *needles; n++) {
		const char *hit = strstr(r->body, needles[n]);
		if (!hit)
			continue;
		const char *from = hit - r->body > 80 ? hit - 80 : r->body;
		/* whole UTF-8 characters in the excerpt */
		while (from > r->body && ((unsigned char)*from & 0xC0) == 0x80)
			from--;
		int len = (int)(hit - from) + (int)strlen(needles[n]) + 40;
		while (from[len] && ((unsigned char)from[len] & 0xC0) == 0x80)
			len++;
		push(problems, lw_printf("%s %s: %s in …%.*s…", role, what, needles[n], len, from));
	}
}

typedef struct {
	int pages;
	list problems, visited;
} crawl_result;

static void crawl(lw_client *c, const char *role, const char *start, const list *seeds, crawl_result *out)
{
	list queue = {0}, seen = {0}, kinds = {0};
	for (int i = 0; seeds && i < seeds->n; i++)
		push(&queue, seeds->v[i]);
	push(&queue, (char *)start);
	int pages = 0;
	for (int i = 0; i < queue.n && pages < MAX_PAGES; i++) {
		const char *path = queue.v[i];
		if (in(&seen, path))
			continue;
		push(&seen, (char *)path);
		char *k = kind_of(path);
		int same = 0;
		for (int j = 0; j < kinds.n; j++)
			same += !strcmp(kinds.v[j], k);
		if (same >= PER_PATTERN)
			continue;
		push(&kinds, k);
		lw_resp *r = lw_get(c, path);
		cr_assert_neq(r->status, 0, "%s GET %s: %s", role, path, r->error ? r->error : "");
		pages++;
		push(&out->visited, (char *)path);
		const char *type = lw_header(r, "Content-Type");
		if (!type || strncmp(type, "text/html", 9))
			continue;
		scan(role, lw_printf("GET %s", path), r, &out->problems);
		links(r->body, &queue);
	}
	out->pages += pages;
	list_free(&queue);
	list_free(&seen);
	list_free(&kinds);
}

/* Does a visited path match a route pattern (/units/:unit/activities, /x/ *)? */
static bool matches(const char *pattern, const char *path)
{
	const char *q = strchr(path, '?');
	size_t pl = q ? (size_t)(q - path) : strlen(path);
	const char *a = pattern, *b = path, *bend = path + pl;
	while (*a && b < bend) {
		if (*a == '*')
			return true;
		if (*a == ':') {
			while (*a && *a != '/')
				a++;
			while (b < bend && *b != '/')
				b++;
			continue;
		}
		if (*a != *b)
			return false;
		a++, b++;
	}
	return !*a && b == bend;
}

static long long created(lw_resp *r, const char *fmt)
{
	long long id = 0;
	const char *loc = lw_header(r, "Location");
	cr_assert(r->status == 303 && loc && sscanf(loc, fmt, &id) == 1, "expected a redirect to %s, got %ld %s\n%s", fmt,
		  r->status, loc ? loc : "", lw_excerpt(r));
	return id;
}

/* What the demo lacks, made by 东湖区's admin with TXT in its text: a
 * published activity, a cancelled one linked from an open resource and a
 * learning star (so the public pages show it with its badge), and a disabled
 * account. Their pages go first in the crawl (seeds). */
static void add_records(lw_client *admin, list *unit_seeds, list *public_seeds, list *centre_seeds, list *problems)
{
	long long unit = lw_id_after(lw_get(admin, "/admin")->body, "class=\"tiles\"", "/units/");
	cr_assert_gt(unit, 0, "no unit link on 东湖区's dashboard");
	long long week = lw_id_after(lw_get(admin, lw_printf("/units/%lld/activities", unit))->body, "/activities/new", "week=");
	cr_assert_gt(week, 0, "no new-activity link on 东湖区's activities");
	long long act[2];
	for (int i = 0; i < 2; i++)
		act[i] = created(lw_submit(admin, lw_printf("/units/%lld/activities", unit), "title", lw_printf("%s %d", TXT, i), "host",
					   TXT, "content", "6", "mode", "offline", "starts_at", lw_local_time(60), "ends_at",
					   lw_local_time(180), "venue", TXT, "street", "百花洲街道", "capacity", "5", "description", TXT,
					   "week", lw_printf("%lld", week), "publish", "1", NULL),
				 "/activities/%lld");
	long long res = created(lw_submit(admin, lw_printf("/units/%lld/resources", unit), "kind", "venue", "title", TXT,
					  "institution", TXT, "address", TXT, "hours", "每天 9:00-17:00", "description", TXT, "activities",
					  lw_printf("%lld", act[1]), "week", lw_printf("%lld", week), NULL),
				"/resources/%lld/edit");
	long long star = created(lw_submit(admin, lw_printf("/units/%lld/stars", unit), "week", lw_printf("%lld", week), "name", TXT,
					   "community", TXT, "story", TXT, "activities", lw_printf("%lld", act[1]), NULL),
				 "/stars/%lld/edit");
	long long brand = created(lw_submit(admin, lw_printf("/units/%lld/brands", unit), "week", lw_printf("%lld", week), "name", TXT,
					    "host", TXT, "description", TXT, "activities", lw_printf("%lld", act[1]), NULL),
				  "/brands/%lld/edit");
	long long elder = created(lw_submit(admin, lw_printf("/units/%lld/cases", unit), "activity", lw_printf("%lld", act[0]), "title",
					    TXT, "taught", TXT, "trained", "12", "lessons", TXT, NULL),
				  "/cases/%lld/edit");
	cr_assert_eq(lw_submit(admin, lw_printf("/activities/%lld/status", act[1]), "status", "cancelled", NULL)->status, 303,
		     "cancelling an activity");
	/* an import's preview; a refused file's report and a refused form are pages too */
	const char *head = "活动名称,主办单位,协办单位,活动内容,学习主题,活动形式,参与对象,线上/线下,开始时间,结束时间,活动地点,"
			   "所在街道/乡镇,线上链接,人数上限,活动简介,有特色的活动,主办方报告的参与人数\n";
	const char *good = lw_printf("%s\"A&B <i>x</i> \"\"q\"\"\",社区教育学院,,全民阅读,,讲座,老年人群,线下,%s,%s,"
				     "\"<b>地点</b>\",朝阳街道,,50,A&B,否,1\n", head, lw_local_time(60), lw_local_time(120));
	/* (no tag the needles name and no entity in what is typed: escaped once they would look like a double escape) */
	const char *bad = lw_printf("%s\"A&B <i>y</i>\",,,<b>9</b>,,,,线上,明天,A&B,,,<b>,-1,,是吗,\"<i>\"\n", head);
	lw_resp *up = lw_upload(admin, lw_printf("/units/%lld/imports", unit), "file", "a&b.csv", "text/csv", good, strlen(good));
	lw_resp *refused = lw_upload(admin, lw_printf("/units/%lld/imports", unit), "file", "<b>.csv", "text/csv", bad, strlen(bad));
	cr_assert_eq(refused->status, 422, "a refused import: %ld", refused->status);
	scan("donghu_admin", "POST a refused import", refused, problems);
	lw_resp *form = lw_submit(admin, lw_printf("/units/%lld/activities", unit), "title", TXT, "host", "", "content", "<b>",
				  "starts_at", TXT, "week", lw_printf("%lld", week), NULL);
	cr_assert_eq(form->status, 422, "a refused activity form: %ld", form->status);
	scan("donghu_admin", "POST a refused activity form", form, problems);
	long long import = created(up, "/imports/%lld");
	char *user = lw_unique("dd");
	lw_add_user(user, "unit_editor", "东湖区", PW);
	long long acc = lw_id_after(lw_get(admin, lw_printf("/units/%lld/accounts", unit))->body, user, "/accounts/");
	cr_assert_gt(acc, 0, "the new account %s is not listed", user);
	cr_assert_eq(lw_submit(admin, lw_printf("/accounts/%lld/disable", acc), NULL)->status, 303, "disabling an account");

	push(unit_seeds, lw_printf("/accounts/%lld", acc));
	push(unit_seeds, lw_printf("/resources/%lld/edit", res));
	push(unit_seeds, lw_printf("/stars/%lld/edit", star));
	push(unit_seeds, lw_printf("/brands/%lld/edit", brand));
	push(unit_seeds, lw_printf("/cases/%lld/edit", elder));
	push(unit_seeds, lw_printf("/imports/%lld", import));
	for (int i = 0; i < 2; i++)
		push(unit_seeds, lw_printf("/activities/%lld", act[i]));
	push(public_seeds, lw_printf("/resources/%lld", res));
	for (int i = 0; i < 2; i++) {
		push(public_seeds, lw_printf("/a/%lld", act[i]));
		push(public_seeds, lw_printf("/a/%lld/mine", act[i]));
	}
	/* an export's progress page, which only a started job has */
	lw_client *centre = lw_client_new();
	lw_login_ok(centre, "centre_admin", lw_demo_password("centre_admin"));
	lw_resp *job = lw_submit(centre, "/admin/exports", "week", lw_printf("%lld", week), "kind", "city_xlsx", NULL);
	cr_assert_eq(job->status, 303, "starting the city workbook's export: %ld %.300s", job->status, job->body);
	push(centre_seeds, lw_printf("/admin/exports/%lld", created(job, "/admin/exports/%lld")));
	push(public_seeds, "/signup/cancel?t=x");
	push(public_seeds, "/verify");
	push(public_seeds, "/verify/ABCD-EFGH");
	push(public_seeds, "/o/centre/"); /* an organiser's own address: the top's, in the city demo */
}

Test(double_escape, no_page_of_any_role_shows_markup_escaped_twice, .timeout = 600)
{
	list unit_seeds = {0}, public_seeds = {0}, centre_seeds = {0};
	struct {
		const char *role, *start;
		lw_client *c;
		const list *seeds;
	} roles[] = {
		{"resident", "/", lw_client_new(), &public_seeds},
		{"centre_admin", "/admin", lw_client_new(), &centre_seeds},
		{"centre_viewer", "/admin", lw_signed_in("dv", "centre_viewer", NULL, PW, NULL), NULL},
		/* 东湖区 is filling in; 青云谱区 has a report returned with the centre's comments */
		{"donghu_admin", "/admin", lw_client_new(), &unit_seeds},
		{"qingyunpu_admin", "/admin", lw_client_new(), NULL},
		{"unit_editor", "/admin", lw_signed_in("de", "unit_editor", "东湖区", PW, NULL), &unit_seeds},
	};
	lw_login_ok(roles[1].c, "centre_admin", lw_demo_password("centre_admin"));
	lw_login_ok(roles[3].c, "donghu_admin", lw_demo_password("donghu_admin"));
	lw_login_ok(roles[4].c, "qingyunpu_admin", lw_demo_password("qingyunpu_admin"));
	crawl_result all = {0};
	add_records(roles[3].c, &unit_seeds, &public_seeds, &centre_seeds, &all.problems);

	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
		int before = all.pages;
		crawl(roles[i].c, roles[i].role, roles[i].start, roles[i].seeds, &all);
		cr_assert_gt(all.pages - before, 10, "%s: the crawl reached only %d pages", roles[i].role, all.pages - before);
		cr_log_info("%s: %d pages", roles[i].role, all.pages - before);
	}
	/* the pages the crawl must have rendered, or it proves little: every GET
	 * route that answers a page, but those no link leads to */
	lw_route *routes;
	int nr = lw_routes(&routes);
	list missed = {0};
	for (int i = 0; i < nr; i++) {
		if (strcmp(routes[i].method, "GET") || lw_route_flag(&routes[i], "json"))
			continue;
		bool hit = false;
		for (int k = 0; k < all.visited.n && !hit; k++)
			hit = matches(routes[i].pattern, all.visited.v[k]);
		if (!hit)
			push(&missed, (char *)routes[i].pattern);
	}
	/* files and plain text, not pages (their own tests read them) */
	static const char *const not_pages[] = {"/healthz", "/static/*", "/photos/:photo", "/admin/cache"};
	static const char *const file_ends[] = {".xlsx", ".pdf", ".docx", ".zip", ".ics", "/photo", "/file", "/screenshot"};
	char *unreached = "";
	for (int i = 0; i < missed.n; i++) {
		const char *m = missed.v[i];
		bool file = !strncmp(m, "/attachments/", 13);
		for (size_t k = 0; k < sizeof not_pages / sizeof *not_pages; k++)
			file |= !strcmp(m, not_pages[k]);
		for (size_t k = 0; k < sizeof file_ends / sizeof *file_ends; k++)
			file |= strlen(m) >= strlen(file_ends[k]) && !strcmp(m + strlen(m) - strlen(file_ends[k]), file_ends[k]);
		if (!file)
			unreached = lw_printf("%s %s", unreached, m);
	}

	char *report = "";
	for (int i = 0; i < all.problems.n; i++)
		report = lw_printf("%s\n%s", report, all.problems.v[i]);
	int problems = all.problems.n;
	list_free(&missed);
	list_free(&unit_seeds);
	list_free(&public_seeds);
	list_free(&centre_seeds);
	list_free(&all.visited);
	list_free(&all.problems);
	cr_assert_eq(problems, 0, "%d places show markup escaped twice:%s", problems, report);
	cr_assert_str_empty(unreached, "no role's crawl rendered these pages (give the test a link or a seed to them):%s",
			    unreached);
}
