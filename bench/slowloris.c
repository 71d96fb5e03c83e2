/* slowloris.c: the slow-client attack of issue 14, for bench/hostile.sh only:
 * keeps COUNT connections to 127.0.0.1:PORT open for SECONDS, spread over
 * ADDRS source addresses (127.0.1.1, 127.0.1.2, ...), each sending a request
 * line and then one header byte a second, never finishing. A connection the
 * server closes is opened again at once, so COUNT stay open (or attempted).
 * Prints, once a second, how many are open and how many the server closed.
 * Loopback only. Usage: slowloris PORT COUNT ADDRS SECONDS */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port, addrs;

static int open_one(int i)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		return -1;
	struct sockaddr_in src = {.sin_family = AF_INET}, dst = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
	src.sin_addr.s_addr = htonl(0x7f000101u + (unsigned)(i % addrs)); /* 127.0.1.x */
	dst.sin_addr.s_addr = htonl(0x7f000001u);
	static const char start[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
	if (bind(s, (struct sockaddr *)&src, sizeof src) < 0 || connect(s, (struct sockaddr *)&dst, sizeof dst) < 0 ||
	    send(s, start, sizeof start - 1, MSG_NOSIGNAL) < 0) {
		close(s);
		return -1;
	}
	return s;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: slowloris PORT COUNT ADDRS SECONDS\n");
		return 2;
	}
	port = atoi(argv[1]);
	int count = atoi(argv[2]), seconds = atoi(argv[4]);
	addrs = atoi(argv[3]);
	if (port <= 0 || count <= 0 || count > 10000 || addrs <= 0 || addrs > 250 || seconds <= 0)
		return 2;
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)count + 64) {
		rl.rlim_cur = rl.rlim_max < (rlim_t)count + 64 ? rl.rlim_max : (rlim_t)count + 64;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	int *s = calloc((size_t)count, sizeof *s);
	struct pollfd *p = calloc((size_t)count, sizeof *p);
	if (!s || !p)
		return 1;
	for (int i = 0; i < count; i++)
		s[i] = open_one(i);
	long closed = 0;
	for (int t = 0; t < seconds; t++) {
		struct timespec one = {1, 0};
		nanosleep(&one, NULL);
		int open = 0;
		for (int i = 0; i < count; i++) {
			if (s[i] >= 0) {
				/* closed by the server? (an answer or the end of the stream) */
				p[i] = (struct pollfd){s[i], POLLIN, 0};
				char b[512];
				if ((poll(&p[i], 1, 0) > 0 && recv(s[i], b, sizeof b, MSG_DONTWAIT) <= 0) ||
				    send(s[i], "a", 1, MSG_NOSIGNAL) < 0) {
					close(s[i]);
					s[i] = -1;
					closed++;
				}
			}
			if (s[i] < 0)
				s[i] = open_one(i);
			open += s[i] >= 0;
		}
		printf("%d s: %d open, %ld closed by the server so far\n", t + 1, open, closed);
		fflush(stdout);
	}
	for (int i = 0; i < count; i++)
		if (s[i] >= 0)
			close(s[i]);
	free(s);
	free(p);
	return 0;
}
