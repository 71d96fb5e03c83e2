/* ics.h: iCalendar (RFC 5545) output: content lines ending in CRLF, folded at
 * 75 octets on UTF-8 character boundaries, TEXT values escaped. Times are
 * written in UTC ("Z"), so no VTIMEZONE is needed. */
#ifndef LW_ICS_H
#define LW_ICS_H
#include "core/buf.h"
#include <stdbool.h>

#define ICS_LINE_MAX 75  /* octets per physical line, without the CRLF */

/* One event as the feed shows it. Every string may be NULL (left out). */
typedef struct ics_event {
	const char *uid;
	long long starts_at, ends_at;  /* UTC seconds */
	long long stamp;               /* DTSTAMP: the event's last change (a feed is the same until the data changes) */
	long long sequence;            /* bumps on every change, so calendars take the update */
	const char *summary, *location, *description;
	const char *url;               /* an absolute URI; NULL when the site address is unknown */
	bool cancelled;                /* STATUS:CANCELLED, else STATUS:CONFIRMED */
} ics_event;

void ics_begin(buf *b, const char *calendar_name);
void ics_event_write(buf *b, const ics_event *e);
void ics_end(buf *b);

/* The pieces, for tests and other feeds. */
void ics_line(buf *b, const char *name, const char *value);   /* value as is (URI, number, token) */
void ics_text(buf *b, const char *name, const char *text);    /* value escaped as TEXT */
void ics_time(buf *b, const char *name, long long utc);       /* 20221201T013000Z */
void ics_escape_text(buf *b, const char *text);               /* \\ \; \, \n; other controls dropped */
#endif
