/* test_timefmt.c: calendar dates, Asia/Shanghai local times and Chinese date
 * formatting (src/core/timefmt.c). */
#include <criterion/criterion.h>
#include "core/timefmt.h"
#include <time.h>

/* 2022-12-01T00:00:00Z, checked with `date -u -d 2022-12-01 +%s` */
#define DEC1_UTC 1669852800LL

Test(date, parses_real_dates)
{
	long long d;
	cr_assert(date_parse("1970-01-01", &d));
	cr_assert_eq(d, 0);
	cr_assert(date_parse("2022-12-01", &d));
	cr_assert_eq(d, DEC1_UTC / 86400);
	cr_assert(date_parse("2024-02-29", &d), "2024 is a leap year");
	cr_assert(date_parse("2000-02-29", &d), "2000 is a leap year (divisible by 400)");
	cr_assert(date_parse("2022-12-31", &d));
	cr_assert(date_parse("1969-12-31", &d));
	cr_assert_eq(d, -1);
}

Test(date, rejects_impossible_dates)
{
	long long d = 777;
	cr_assert_not(date_parse("2022-02-30", &d));
	cr_assert_not(date_parse("2023-02-29", &d));
	cr_assert_not(date_parse("1900-02-29", &d), "1900 is not a leap year");
	cr_assert_not(date_parse("2022-04-31", &d));
	cr_assert_not(date_parse("2022-13-01", &d));
	cr_assert_not(date_parse("2022-00-10", &d));
	cr_assert_not(date_parse("2022-12-00", &d));
	cr_assert_not(date_parse("2022-12-32", &d));
	cr_assert_eq(d, 777);
}

Test(date, rejects_other_shapes)
{
	long long d;
	cr_assert_not(date_parse(NULL, &d));
	cr_assert_not(date_parse("", &d));
	cr_assert_not(date_parse("2022-12-1", &d));
	cr_assert_not(date_parse("2022-1-01", &d));
	cr_assert_not(date_parse("2022/12/01", &d));
	cr_assert_not(date_parse("2022-12-01 ", &d));
	cr_assert_not(date_parse(" 2022-12-01", &d));
	cr_assert_not(date_parse("2022-12-01T00:00", &d));
	cr_assert_not(date_parse("22-12-01xx", &d));
	cr_assert_not(date_parse("+022-12-01", &d));
	cr_assert_not(date_parse("2022-+1-01", &d));
	cr_assert_not(date_parse("2022年12月1日", &d));
}

Test(date, civil_round_trip)
{
	for (long long z = -800000; z <= 800000; z += 37) {
		long long y;
		unsigned m, d;
		civil_from_days(z, &y, &m, &d);
		cr_assert_eq(days_from_civil(y, m, d), z);
	}
}

Test(localtime, converts_shanghai_to_utc)
{
	long long t;
	cr_assert(local_datetime_parse("2022-12-01T08:00", &t));
	cr_assert_eq(t, DEC1_UTC, "08:00 in Shanghai is midnight UTC");
	cr_assert(local_datetime_parse("2022-12-01 00:00", &t));
	cr_assert_eq(t, DEC1_UTC - 8 * 3600);
	cr_assert(local_datetime_parse("2022-12-09T23:59:59", &t));
	cr_assert_eq(t, DEC1_UTC + 8 * 86400 + 23 * 3600 + 59 * 60 + 59 - 8 * 3600);
	cr_assert(local_datetime_parse("2022-12-09 23:59", &t));
	cr_assert_eq(t, DEC1_UTC + 8 * 86400 + 15 * 3600 + 59 * 60);
	cr_assert(local_datetime_parse("1970-01-01T08:00", &t));
	cr_assert_eq(t, 0);
}

Test(localtime, rejects_bad_input)
{
	long long t = 5;
	cr_assert_not(local_datetime_parse(NULL, &t));
	cr_assert_not(local_datetime_parse("", &t));
	cr_assert_not(local_datetime_parse("2022-12-01", &t));
	cr_assert_not(local_datetime_parse("2022-12-01T24:00", &t));
	cr_assert_not(local_datetime_parse("2022-12-01T23:60", &t));
	cr_assert_not(local_datetime_parse("2022-12-01T23:59:60", &t));
	cr_assert_not(local_datetime_parse("2022-12-01T8:00", &t));
	cr_assert_not(local_datetime_parse("2022-12-01X08:00", &t));
	cr_assert_not(local_datetime_parse("2022-12-01T08-00", &t));
	cr_assert_not(local_datetime_parse("2022-12-01T08:00:0", &t));
	cr_assert_not(local_datetime_parse("2022-12-01T08:00Z", &t));
	cr_assert_not(local_datetime_parse("2022-12-01T08:00:00Z", &t));
	cr_assert_not(local_datetime_parse("2022-02-30T08:00", &t));
	cr_assert_not(local_datetime_parse("2022-12-01T08:0a", &t));
	cr_assert_eq(t, 5);
}

Test(cn, date_cn)
{
	arena a = {0};
	cr_assert_str_eq(date_cn(&a, "2022-12-01"), "2022年12月1日");
	cr_assert_str_eq(date_cn(&a, "2022-01-09"), "2022年1月9日");
	cr_assert_str_eq(date_cn(&a, "2022-10-31"), "2022年10月31日");
	/* not a date: shown as given, never a crash */
	cr_assert_str_eq(date_cn(&a, "2022-02-30"), "2022-02-30");
	cr_assert_str_eq(date_cn(&a, NULL), "");
	arena_free(&a);
}

/* What residents read: the year only when it is not the year of now (Beijing) */
Test(cn, date_cn_near_carries_the_year_of_another_year)
{
	arena a = {0};
	long long in_2022 = DEC1_UTC, in_2026 = DEC1_UTC + 4LL * 365 * 86400 + 86400; /* 2026-12-01 08:00 */
	cr_assert_str_eq(date_cn_near(&a, "2022-12-05", in_2022, false), "12月5日");
	cr_assert_str_eq(date_cn_near(&a, "2022-12-05", in_2026, false), "2022年12月5日");
	cr_assert_str_eq(date_cn_near(&a, "2022-12-05", in_2026, true), "2022年12月5日 星期一");
	cr_assert_str_eq(date_cn_near(&a, "2026-12-05", in_2026, true), "12月5日 星期六");
	/* the new year starts at midnight in Beijing, not in UTC */
	long long new_year_beijing = (days_from_civil(2027, 1, 1) * 86400) - 8 * 3600 + 60; /* 00:01 in Beijing, 16:01 UTC */
	cr_assert_str_eq(date_cn_near(&a, "2026-12-31", new_year_beijing, false), "2026年12月31日");
	cr_assert_str_eq(datetime_cn_near(&a, DEC1_UTC, in_2026), "2022年12月1日 08:00");
	cr_assert_str_eq(datetime_cn_near(&a, DEC1_UTC, in_2022), "12月1日 08:00");
	cr_assert_str_eq(date_cn_near(&a, "2022-02-30", in_2022, true), "2022-02-30");
	arena_free(&a);
}

Test(cn, datetime_cn_in_shanghai)
{
	arena a = {0};
	cr_assert_str_eq(datetime_cn(&a, DEC1_UTC), "2022年12月1日 08:00");
	long long t;
	cr_assert(local_datetime_parse("2022-12-09T23:59", &t));
	cr_assert_str_eq(datetime_cn(&a, t), "2022年12月9日 23:59");
	cr_assert_str_eq(datetime_cn(&a, DEC1_UTC - 1), "2022年12月1日 07:59");
	cr_assert_str_eq(datetime_cn(&a, DEC1_UTC - 8 * 3600 - 60), "2022年11月30日 23:59");
	cr_assert_str_eq(datetime_local_iso(&a, t), "2022-12-09T23:59");
	cr_assert_str_eq(date_iso_from_utc(&a, t), "2022-12-09");
	cr_assert_str_eq(date_iso_from_utc(&a, DEC1_UTC - 8 * 3600), "2022-12-01");
	cr_assert_str_eq(date_iso_from_utc(&a, DEC1_UTC - 8 * 3600 - 1), "2022-11-30");
	/* before the epoch, where integer division rounds the other way */
	cr_assert_str_eq(datetime_cn(&a, -8 * 3600 - 1), "1969年12月31日 23:59");
	arena_free(&a);
}

Test(cn, weekday)
{
	cr_assert_str_eq(weekday_cn("2022-12-01"), "星期四");
	cr_assert_str_eq(weekday_cn("2022-12-04"), "星期日");
	cr_assert_str_eq(weekday_cn("2022-12-05"), "星期一");
	cr_assert_str_eq(weekday_cn("2022-12-07"), "星期三");
	cr_assert_str_eq(weekday_cn("1970-01-01"), "星期四");
	cr_assert_str_eq(weekday_cn("1969-12-31"), "星期三");
	cr_assert_str_eq(weekday_cn("2024-02-29"), "星期四");
	cr_assert_str_eq(weekday_cn("2022-02-30"), "");
	cr_assert_str_eq(weekday_cn(NULL), "");
}

/* ---- the injectable clock: LEARNWEEK_NOW and --now ---- */

/* 2022-12-03T10:00+08:00 = 2022-12-03T02:00:00Z */
#define DEC3_10H (DEC1_UTC + 2 * 86400 + 2 * 3600)

Test(instant, parses_the_documented_forms)
{
	long long t = 0;
	cr_assert(instant_parse("2022-12-03T10:00+08:00", &t));
	cr_assert_eq(t, DEC3_10H);
	cr_assert(instant_parse("2022-12-03T02:00Z", &t));
	cr_assert_eq(t, DEC3_10H, "Z is UTC");
	cr_assert(instant_parse("2022-12-03T10:00", &t));
	cr_assert_eq(t, DEC3_10H, "no offset: Beijing time");
	cr_assert(instant_parse("2022-12-03 10:00:30+08:00", &t));
	cr_assert_eq(t, DEC3_10H + 30, "seconds, and a space for the T");
	cr_assert(instant_parse("2022-12-02T21:00-05:00", &t));
	cr_assert_eq(t, DEC3_10H, "a negative offset");
	cr_assert(instant_parse("2022-12-03T07:30+05:30", &t));
	cr_assert_eq(t, DEC3_10H, "an offset with minutes");
}

Test(instant, refuses_anything_else)
{
	const char *bad[] = {"", "yesterday", "2022-12-03", "2022-13-03T10:00+08:00", "2022-02-30T10:00+08:00",
			     "2022-12-03T24:00+08:00", "2022-12-03T10:60", "2022-12-03T10:00+8", "2022-12-03T10:00+0800",
			     "2022-12-03T10:00+15:00", "2022-12-03T10:00+08:60", "2022-12-03T10:00z", "2022-12-03T10:00 ",
			     "2022-12-03T10:00+08:00x", "1669852800", "2022-12-03T10:00:3", "2022-12-03T10:00:30:00"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		long long t = 777;
		cr_assert_not(instant_parse(bad[i], &t), "\"%s\" was accepted", bad[i]);
		cr_assert_eq(t, 777, "\"%s\" changed the output", bad[i]);
	}
	cr_assert_not(instant_parse(NULL, NULL));
}

Test(clock, a_given_now_advances_with_real_time)
{
	cr_assert_not(clock_is_set());
	long long real = now_utc();
	cr_assert(real > DEC3_10H + 365LL * 86400, "the real clock is read before anything is set");
	clock_set(DEC3_10H);
	cr_assert(clock_is_set());
	long long t0 = now_utc();
	cr_assert(t0 >= DEC3_10H && t0 <= DEC3_10H + 1, "now is the given instant: %lld", t0);
	struct timespec ts = {1, 100 * 1000000L};
	nanosleep(&ts, NULL);
	long long t1 = now_utc();
	cr_assert(t1 >= DEC3_10H + 1 && t1 <= DEC3_10H + 3, "a second later, now has moved on by a second: %lld", t1 - DEC3_10H);
}
