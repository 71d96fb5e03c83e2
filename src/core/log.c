/* log.c: timestamped lines on stderr; one write per line so threads do not interleave. */
#include "log.h"
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int log_quiet;

void log_msg(const char *level, const char *fmt, ...)
{
	if (log_quiet && level[0] == 'i')
		return;
	char line[2048];
	/* real time, never the injectable clock (now_utc): the log is read next
	 * to the system's own logs and the proxy's, which a given --now does not move */
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	int n = (int)strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%SZ ", &tm);
	n += snprintf(line + n, sizeof line - (size_t)n, "%s ", level);
	va_list ap;
	va_start(ap, fmt);
	if ((size_t)n < sizeof line)
		n += vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	if ((size_t)n >= sizeof line - 1)
		n = (int)sizeof line - 2;
	line[n++] = '\n';
	ssize_t w = write(2, line, (size_t)n);
	(void)w;
}
