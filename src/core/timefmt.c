/* timefmt.c: calendar arithmetic (Howard Hinnant's days_from_civil algorithm)
 * and Chinese date formatting, with the fixed Asia/Shanghai offset. */
#include "timefmt.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The one clock: real time, or (clock_set) a given instant that keeps
 * advancing with real time, so that sessions, ordering and "just now" still
 * behave. Set once at start, before any thread exists. */
static long long clock_offset;
static bool clock_fake;

long long now_utc(void)
{
	return (long long)time(NULL) + clock_offset;
}

void clock_set(long long instant)
{
	clock_offset = instant - (long long)time(NULL);
	clock_fake = true;
}

bool clock_is_set(void)
{
	return clock_fake;
}

long long days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long yy = (long long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (*m <= 2);
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool ymd(const char *s, long long *days)
{
	if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return false;
	int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	long long z = days_from_civil(y, (unsigned)m, (unsigned)d);
	long long yy;
	unsigned mm, dd;
	civil_from_days(z, &yy, &mm, &dd);
	if (yy != y || (int)mm != m || (int)dd != d)
		return false; /* 2022-02-30 and friends */
	*days = z;
	return true;
}

bool date_parse(const char *s, long long *days)
{
	return s && strlen(s) == 10 && ymd(s, days);
}

bool local_datetime_parse(const char *s, long long *utc)
{
	long long days;
	if (!s)
		return false;
	size_t n = strlen(s);
	if ((n != 16 && n != 19) || !ymd(s, &days) || (s[10] != 'T' && s[10] != ' '))
		return false;
	if (!digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2))
		return false;
	int hh = num(s + 11, 2), mi = num(s + 14, 2), ss = 0;
	if (n == 19) {
		if (s[16] != ':' || !digits(s + 17, 2))
			return false;
		ss = num(s + 17, 2);
	}
	if (hh > 23 || mi > 59 || ss > 59)
		return false;
	*utc = days * 86400 + hh * 3600 + mi * 60 + ss - SHANGHAI_OFFSET;
	return true;
}

bool instant_parse(const char *s, long long *utc)
{
	if (!s)
		return false;
	size_t n = strlen(s);
	size_t dt = n >= 19 && s[16] == ':' ? 19 : 16; /* with or without seconds */
	if (n < dt)
		return false;
	char local[20];
	memcpy(local, s, dt);
	local[dt] = 0;
	long long t;
	if (!local_datetime_parse(local, &t))
		return false;
	const char *z = s + dt;
	if (!*z) { /* no offset: Beijing time, like every time people type here */
		*utc = t;
		return true;
	}
	if (!strcmp(z, "Z")) {
		*utc = t + SHANGHAI_OFFSET;
		return true;
	}
	if (strlen(z) != 6 || (z[0] != '+' && z[0] != '-') || !digits(z + 1, 2) || z[3] != ':' || !digits(z + 4, 2))
		return false;
	int oh = num(z + 1, 2), om = num(z + 4, 2);
	if (oh > 14 || om > 59)
		return false;
	long long off = (oh * 3600 + om * 60) * (z[0] == '-' ? -1 : 1);
	*utc = t + SHANGHAI_OFFSET - off;
	return true;
}

static void split(long long utc, long long *y, unsigned *m, unsigned *d, int *hh, int *mi)
{
	long long t = utc + SHANGHAI_OFFSET;
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	long long sec = t - days * 86400;
	civil_from_days(days, y, m, d);
	*hh = (int)(sec / 3600);
	*mi = (int)(sec % 3600 / 60);
}

char *date_cn(arena *a, const char *iso)
{
	long long days, y;
	unsigned m, d;
	if (!date_parse(iso, &days))
		return arena_strdup(a, iso ? iso : "");
	civil_from_days(days, &y, &m, &d);
	return arena_printf(a, "%lld年%u月%u日", y, m, d);
}

char *datetime_cn(arena *a, long long utc)
{
	long long y;
	unsigned m, d;
	int hh, mi;
	split(utc, &y, &m, &d, &hh, &mi);
	return arena_printf(a, "%lld年%u月%u日 %02d:%02d", y, m, d, hh, mi);
}

char *datetime_local_iso(arena *a, long long utc)
{
	long long y;
	unsigned m, d;
	int hh, mi;
	split(utc, &y, &m, &d, &hh, &mi);
	return arena_printf(a, "%04lld-%02u-%02uT%02d:%02d", y, m, d, hh, mi);
}

char *date_iso_from_utc(arena *a, long long utc)
{
	long long y;
	unsigned m, d;
	int hh, mi;
	split(utc, &y, &m, &d, &hh, &mi);
	return arena_printf(a, "%04lld-%02u-%02u", y, m, d);
}

const char *weekday_cn(const char *iso)
{
	static const char *names[] = {"星期四", "星期五", "星期六", "星期日", "星期一", "星期二", "星期三"};
	long long days;
	if (!date_parse(iso, &days))
		return "";
	long long r = days % 7;
	if (r < 0)
		r += 7;
	return names[r]; /* 1970-01-01 was a Thursday */
}

/* The one date a resident reads: 12月5日 in the current year (of `now`, in
 * Beijing), 2022年12月5日 in any other, so an old week and this year's are
 * never confused; with the weekday: 12月5日 星期一. */
char *date_cn_near(arena *a, const char *iso, long long now, bool weekday)
{
	long long days, y, ny;
	unsigned m, d, nm, nd;
	int hh, mi;
	if (!date_parse(iso, &days))
		return arena_strdup(a, iso ? iso : "");
	civil_from_days(days, &y, &m, &d);
	split(now, &ny, &nm, &nd, &hh, &mi);
	const char *wd = weekday ? weekday_cn(iso) : "";
	if (y == ny)
		return arena_printf(a, "%u月%u日%s%s", m, d, *wd ? " " : "", wd);
	return arena_printf(a, "%lld年%u月%u日%s%s", y, m, d, *wd ? " " : "", wd);
}

char *datetime_cn_near(arena *a, long long utc, long long now)
{
	char *iso = date_iso_from_utc(a, utc);
	return arena_printf(a, "%s %s", date_cn_near(a, iso, now, false), datetime_local_iso(a, utc) + 11);
}
