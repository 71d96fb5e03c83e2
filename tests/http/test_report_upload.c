/* test_report_upload.c: uploads that go wrong leave nothing behind (a .exe
 * named .pdf, a file too big for its kind, a connection cut half-way), and a
 * 50 MB video streams through the server in bounded memory. Each upload
 * carries a marker of its own, so a leftover is found by content even while
 * other tests upload beside it. (bench/upload.sh does the same with 500 MB.) */
#include "test_report.h"
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

LW_SERVER("", NULL)

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* Does a file in dir (one level of subfolders when deep) start with marker
 * within its first 4 KiB? */
static bool marker_in(const char *dir, const char *marker, bool deep)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	bool found = false;
	struct dirent *e;
	while (!found && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = lw_printf("%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (deep)
				found = marker_in(path, marker, false);
			continue;
		}
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		char head[4096];
		size_t n = fread(head, 1, sizeof head, f);
		fclose(f);
		found = memmem(head, n, marker, strlen(marker)) != NULL;
	}
	closedir(d);
	return found;
}

static const char *files_dir(void)
{
	return lw_printf("%s/files", getenv("LW_HTTP_DATA"));
}

/* Neither a temp file nor a stored file holds the marker. The server removes
 * a cut request's temp file once it sees the connection closed: waits at most
 * 30 s for that (a machine under load), returning as soon as it is gone. */
static void nothing_left(const char *marker)
{
	for (int i = 0; i < 600 && marker_in(lw_printf("%s/tmp", files_dir()), marker, false); i++)
		sleep_ms(50);
	cr_assert(!marker_in(lw_printf("%s/tmp", files_dir()), marker, false), "a temp file with %s is left in files/tmp", marker);
	cr_assert(!marker_in(files_dir(), marker, true), "a file with %s got into the store", marker);
}

Test(upload, exe_named_pdf_is_refused_and_leaves_nothing)
{
	fx f = fixture(2022);
	char *marker = lw_unique("exe-marker-");
	lw_resp *r = attach(&f, "summary", "工作总结.pdf", text(lw_printf("MZ\x90%s this program cannot be run in DOS mode", marker)), false);
	lw_expect(r, 415, "不是 PDF 或 Word 文件（系统按文件内容判断，而不是看文件名）");
	nothing_left(marker);
	lw_expect(lw_get(f.admin, at(&f, "submission")), 200, "尚未上传");
}

Test(upload, too_big_for_its_kind_is_refused_and_leaves_nothing)
{
	fx f = fixture(2022);
	char *marker = lw_unique("big-marker-");
	size_t n = 21u * 1024 * 1024;
	char *jpeg = malloc(n);
	cr_assert(jpeg);
	memset(jpeg, 'x', n);
	memcpy(jpeg, "\xFF\xD8\xFF\xE0", 4);
	memcpy(jpeg + 4, marker, strlen(marker));
	lw_resp *r = attach(&f, "photo", "超大的照片.jpg", (blob){jpeg, n}, false);
	free(jpeg);
	lw_expect(r, 413, "活动照片每个文件最大 20 MB");
	nothing_left(marker);
}

static int connect_server(void)
{
	int port = atoi(strrchr(lw_base(), ':') + 1);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	cr_assert_eq(connect(s, (struct sockaddr *)&sa, sizeof sa), 0);
	return s;
}

static void send_all(int s, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = send(s, c, n, MSG_NOSIGNAL);
		cr_assert_gt(w, 0, "send failed");
		c += w;
		n -= (size_t)w;
	}
}

Test(upload, connection_cut_half_way_leaves_nothing)
{
	fx f = fixture(2022);
	char *marker = lw_unique("cut-marker-");
	/* the start of a 10 MB PDF; the connection closes after 1 MB */
	const char *head = lw_printf("--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n%s\r\n"
				     "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"week\"\r\n\r\n%lld\r\n"
				     "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nsummary\r\n"
				     "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"半截.pdf\"\r\n"
				     "Content-Type: application/pdf\r\n\r\n%%PDF-1.4\n%% %s\n",
				     lw_csrf(f.admin), f.week, marker);
	int s = connect_server();
	const char *req = lw_printf("POST /units/%lld/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: lw_s=%s\r\n"
				    "Content-Type: multipart/form-data; boundary=" BOUNDARY "\r\nContent-Length: %d\r\n\r\n",
				    f.unit, lw_cookie(f.admin, "lw_s"), 10 * 1024 * 1024);
	send_all(s, req, strlen(req));
	send_all(s, head, strlen(head));
	static char chunk[64 * 1024];
	memset(chunk, 'p', sizeof chunk);
	for (int i = 0; i < 16; i++)
		send_all(s, chunk, sizeof chunk);
	/* the temp file exists while the upload runs: the test looks where it should */
	bool seen = false;
	for (int i = 0; i < 600 && !(seen = marker_in(lw_printf("%s/tmp", files_dir()), marker, false)); i++)
		sleep_ms(50);
	cr_assert(seen, "the upload was not streaming into files/tmp");
	close(s);
	nothing_left(marker);
	lw_expect(lw_get(f.admin, at(&f, "submission")), 200, "尚未上传");
	lw_assert_alive();
}

Test(upload, video_of_50_mb_streams_in_bounded_memory, .timeout = 120)
{
	fx f = fixture(2022);
	long before = lw_server_hwm_kb();
	size_t n = 50u * 1024 * 1024;
	char *video = malloc(n);
	cr_assert(video);
	for (size_t i = 0; i < n; i++)
		video[i] = (char)(i * 2654435761u >> 13);
	memcpy(video, "\0\0\0\x18" "ftypisom", 12);
	lw_resp *r = attach(&f, "video", "开幕式全程录像.mp4", (blob){video, n}, false);
	cr_assert_eq(r->status, 303, "%ld %s", r->status, lw_excerpt(r));
	long after = lw_server_hwm_kb();
	/* the whole file in memory would be 50 MB more; streaming adds buffers only.
	 * Only the growth is asserted: the server's baseline under ASan (shadow
	 * memory, quarantine) varies by several MB from run to run and says
	 * nothing about the upload. */
	cr_assert_lt(after - before, 16 * 1024, "peak memory grew by %ld kB during a 50 MB upload", after - before);
	lw_resp *page = lw_get(f.admin, at(&f, "submission"));
	long long id = lw_id_after(page->body, "id=\"kind-video\"", "/attachments/");
	lw_resp *dl = lw_get(f.admin, lw_printf("/attachments/%lld", id));
	cr_assert_eq(dl->status, 200);
	cr_assert(dl->len == n && !memcmp(dl->body, video, n), "the video comes back byte for byte");
	cr_assert_str_eq(lw_header(dl, "Content-Type"), "video/mp4");
	free(video);
	fprintf(stderr, "upload: 50 MB video, server VmHWM %ld kB before, %ld kB after\n", before, after);
}
