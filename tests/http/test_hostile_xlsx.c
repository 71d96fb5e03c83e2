/* test_hostile_xlsx.c: the XLSX bomb of issue 14 (a 600 KB file expanding to
 * a 250 MB sheet and 60 MB of shared strings, which took 13-16 s and over a
 * gigabyte) is refused at once, in bounded memory: as it is (its ZIP directory
 * gives the ratio away before a byte is inflated) and with its directory lying
 * about the sizes (the inflated bytes are counted as they come). One test, one
 * server of its own: it measures the server's peak memory, which is the
 * process's, so nothing else may run on that server meanwhile. */
#include "test_report.h"
#include "xlsx_bomb.h"

LW_SERVER("", NULL)

static lw_resp *import_file(const fx *f, const void *data, size_t n)
{
	return lw_upload(f->admin, lw_printf("/units/%lld/imports?week=%lld", f->unit, f->week), "file", "活动.xlsx",
			 "application/octet-stream", data, n);
}

/* Imports the bomb; returns how much the server's peak memory grew (kB). */
static long refused(const fx *f, bool liar)
{
	size_t n;
	unsigned char *bomb = xlsx_bomb(getenv("LW_HTTP_TMP"), 60u << 20, 250u << 20, liar, &n);
	cr_assert_lt(n, 1u << 20, "the bomb is %zu bytes", n);
	long before = lw_server_hwm_kb();
	lw_expect(import_file(f, bomb, n), 413, "压缩比异常");
	long after = lw_server_hwm_kb();
	fprintf(stderr, "xlsx: %zu-byte bomb%s, server VmHWM %ld kB before, %ld kB after\n", n, liar ? " with false sizes" : "",
		before, after);
	lw_assert_alive();
	return after - before;
}

Test(xlsx, a_bomb_of_600_kb_expanding_to_310_mb_is_refused_in_bounded_memory)
{
	fx f = fixture(2022);
	/* as the attack sent it: the directory says what it holds, and that is
	 * enough to refuse it unread */
	long grew = refused(&f, false);
	cr_assert_lt(grew, 16 * 1024, "the server's peak memory grew by %ld MB", grew / 1024);
	/* the directory says 1,000 bytes for each part: it inflates until the
	 * ratio gives it away (tens of MB); the sanitizer build keeps what is
	 * freed in quarantine, hence the room here (the release build's figure
	 * is in docs/reliability.md) */
	grew = refused(&f, true);
	cr_assert_lt(grew, 256 * 1024, "the server's peak memory grew by %ld MB", grew / 1024);
}
