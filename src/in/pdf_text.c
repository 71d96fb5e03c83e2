/* pdf_text.c: see pdf_text.h. pdftotext rather than linking poppler: the
 * program runs in its own process, so a hostile PDF can crash or hang only
 * that process (it is killed after PDF_TEXT_SECONDS), and poppler-glib would
 * bring GLib's object system into the server for one call. */
#include "in/pdf_text.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PDF_TEXT_SECONDS 5

extern char **environ;

char *pdf_text(arena *a, const char *path, size_t max)
{
	int fd[2];
	if (!path || pipe2(fd, O_CLOEXEC) < 0)
		return NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	char *argv[] = {"pdftotext", "-q", "-l", "3", "-enc", "UTF-8", (char *)path, "-", NULL};
	pid_t pid;
	int rc = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (rc != 0) {
		close(fd[0]);
		return NULL;
	}
	char *out = arena_alloc(a, max + 1);
	size_t n = 0;
	bool ok = true;
	time_t until = time(NULL) + PDF_TEXT_SECONDS;
	for (;;) {
		int left = (int)(until - time(NULL));
		struct pollfd p = {fd[0], POLLIN, 0};
		int pr = left > 0 ? poll(&p, 1, left * 1000) : 0;
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr <= 0) {
			ok = false;
			kill(pid, SIGKILL);
			break;
		}
		char tmp[4096];
		ssize_t got = read(fd[0], tmp, sizeof tmp);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		size_t take = (size_t)got < max - n ? (size_t)got : max - n;
		memcpy(out + n, tmp, take);
		n += take;
	}
	close(fd[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	out[n] = 0;
	if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return NULL;
	return out;
}
