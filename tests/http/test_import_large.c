/* test_import_large.c: 10,000 rows imported at once, and the same file again
 * (every row then skipped as imported before). A server of its own: the
 * confirmation writes all rows in one transaction, which under the sanitizers
 * on a busy machine holds the database for longer than the server waits for
 * it (10 s), so a test sharing the server would get 503 服务器正忙. */
#include "test_import.h"
#include "test_sql.h"
#include <time.h>

LW_SERVER("", NULL)

static double since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

Test(import, ten_thousand_rows, .timeout = 300)
{
	unit_admin u = admin_of("qingshanhu");
	char *prefix = lw_unique("万行");
	char *csv = csv_rows(prefix, 10000);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	long long id = import_id(upload(&u, "万行.csv", csv, strlen(csv)));
	double t_upload = since(&t0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	lw_resp *p = preview(&u, id);
	double t_preview = since(&t0);
	cr_assert(lw_has(p, "可导入的新活动：<strong>10000</strong>"), "%s", lw_excerpt(p));
	cr_assert(lw_has(p, "只列出前 200 行"), "the preview lists every row");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	lw_resp *c = confirm(&u, id, "draft");
	double t_confirm = since(&t0);
	cr_assert_eq(c->status, 303, "%s", lw_excerpt(c));
	cr_assert_eq(count(&u, prefix), 10000);
	/* the text index holds every row as the confirmation committed it: its
	 * queue is empty, and the words of the title find all 10,000 */
	cr_assert_eq(sql_int("SELECT count(*) FROM activity_text_pending"), 0, "the confirmation drained the text index");
	cr_assert_eq(sql_int(lw_printf("SELECT count(*) FROM activities WHERE title LIKE '%s%%' AND id IN"
				       " (SELECT rowid FROM activity_text WHERE activity_text MATCH '\"万行\"')", prefix)),
		     10000, "a search of the text index finds every imported activity");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	p = preview(&u, import_id(upload(&u, "万行.csv", csv, strlen(csv))));
	double t_again = since(&t0);
	cr_assert(lw_has(p, "已导入过、将跳过：10000 行"), "%s", lw_excerpt(p));
	cr_log_info("10,000 rows (%s): upload+check %.2fs, preview %.2fs, confirm %.2fs, re-upload+preview %.2fs",
		    getenv("LEARNWEEK_BIN"), t_upload, t_preview, t_confirm, t_again);
}
