/* timefmt.h: times are stored as UTC seconds and shown in Asia/Shanghai.
 * China has used UTC+8 all year since 1991, so a fixed offset is exact for every
 * date this program handles and needs no tz database on the server. */
#ifndef LW_TIMEFMT_H
#define LW_TIMEFMT_H
#include <stdbool.h>
#include "arena.h"

#define SHANGHAI_OFFSET (8 * 3600)

/* "Now" for the whole program (server, CLI, domain): the real time, or after
 * clock_set the given instant plus the seconds since clock_set, so a fixed
 * "now" still advances. Log stamps keep real time (src/core/log.c). */
long long now_utc(void);
void clock_set(long long instant);
bool clock_is_set(void);
/* An instant as LEARNWEEK_NOW and --now take it: 2022-12-03T10:00+08:00,
 * seconds optional (10:00:30), offset Z or +HH:MM/-HH:MM, or none for
 * Beijing time. A space may stand for the T. */
bool instant_parse(const char *s, long long *utc);
/* "2022-12-01" -> true and *days (days since 1970-01-01) when a real date. */
bool date_parse(const char *s, long long *days);
/* Local Asia/Shanghai "2022-12-09T23:59" (or with a space, optional :SS) -> UTC seconds. */
bool local_datetime_parse(const char *s, long long *utc);
/* 2022年12月1日 */
char *date_cn(arena *a, const char *iso_date);
/* 2022年12月9日 23:59 */
char *datetime_cn(arena *a, long long utc);
/* 2022-12-09T23:59 (for <input type=datetime-local>) */
char *datetime_local_iso(arena *a, long long utc);
char *date_iso_from_utc(arena *a, long long utc);   /* local date of an instant */
const char *weekday_cn(const char *iso_date);       /* 星期四 */
/* What residents read: 12月5日 this year (of now), 2022年12月5日 any other;
 * weekday adds " 星期一". */
char *date_cn_near(arena *a, const char *iso_date, long long now, bool weekday);
char *datetime_cn_near(arena *a, long long utc, long long now); /* 12月5日 09:00 */
long long days_from_civil(long long y, unsigned m, unsigned d);
void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d);
#endif
