/* testrun.h: the tests that read what a tool makes of a file (pdftotext,
 * zbarimg...) run it here. Header-only, as testlib.h. */
#ifndef LW_TESTRUN_H
#define LW_TESTRUN_H
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include "core/buf.h"

/* The standard output of a shell command, or NULL when it failed. */
static inline char *run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline char *run(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *cmd = NULL;
	cr_assert_gt(vasprintf(&cmd, fmt, ap), 0);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p, "%s", cmd);
	buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_append(&b, chunk, n);
	int rc = pclose(p);
	cr_assert(!WIFEXITED(rc) || WEXITSTATUS(rc) != 127,
		  "`%s`: a command in it is not installed (make deps-test; scripts/fresh-check.sh names its package)", cmd);
	free(cmd);
	if (rc != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* Fails the test, naming the Debian package, when tool is not installed:
 * no test skips because a tool is missing (make deps-test installs them). */
static inline void need(const char *tool, const char *package)
{
	char *cmd = NULL;
	cr_assert_gt(asprintf(&cmd, "command -v '%s' >/dev/null 2>&1", tool), 0);
	int rc = system(cmd);
	free(cmd);
	cr_assert_eq(rc, 0, "%s is not installed: Debian package %s (make deps-test installs it)", tool, package);
}
#endif
