/* ics.c: iCalendar content lines. A logical line is built whole, then folded:
 * RFC 5545 3.1 wants at most 75 octets a line and a continuation that starts
 * with one space, and a fold inside a multi-octet UTF-8 character breaks
 * the text in some clients, so folds fall on character boundaries only. */
#include "ics.h"
#include "core/text.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <string.h>

/* Appends logical line s[0..n) folded, then CRLF. */
static void fold(buf *b, const char *s, size_t n)
{
	size_t room = ICS_LINE_MAX, i = 0;
	while (n - i > room) {
		size_t cut = i + room;
		/* back off to the first octet of a character (never 10xxxxxx) */
		while (cut > i && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		if (cut == i)
			cut = i + room; /* not UTF-8 at all: a fold anywhere beats a line too long */
		buf_append(b, s + i, cut - i);
		buf_append(b, "\r\n ", 3);
		i = cut;
		room = ICS_LINE_MAX - 1; /* the leading space counts */
	}
	buf_append(b, s + i, n - i);
	buf_append(b, "\r\n", 2);
}

void ics_escape_text(buf *b, const char *t)
{
	for (const char *p = t; p && *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\\' || c == ';' || c == ',') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\r' || c == '\n') {
			if (c == '\r' && p[1] == '\n')
				p++;
			buf_append(b, "\\n", 2);
		} else if ((c < 0x20 && c != '\t') || c == 0x7f) {
			continue; /* TEXT admits no other control character */
		} else {
			buf_putc(b, (char)c);
		}
	}
}

static void emit(buf *b, const char *name, const char *value, bool text)
{
	arena a = {0};
	value = text_clean(&a, value);
	buf line = BUF_INIT;
	buf_puts(&line, name);
	buf_putc(&line, ':');
	if (text)
		ics_escape_text(&line, value);
	else
		buf_puts(&line, value);
	fold(b, line.p, line.len);
	buf_free(&line);
	arena_free(&a);
}

void ics_line(buf *b, const char *name, const char *value)
{
	emit(b, name, value ? value : "", false);
}

void ics_text(buf *b, const char *name, const char *text)
{
	emit(b, name, text ? text : "", true);
}

void ics_time(buf *b, const char *name, long long utc)
{
	long long days = utc >= 0 ? utc / 86400 : -((-utc + 86399) / 86400);
	long long sec = utc - days * 86400, y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	buf line = BUF_INIT;
	buf_printf(&line, "%s:%04lld%02u%02uT%02lld%02lld%02lldZ", name, y, m, d, sec / 3600, sec % 3600 / 60, sec % 60);
	fold(b, line.p, line.len);
	buf_free(&line);
}

void ics_begin(buf *b, const char *calendar_name)
{
	ics_line(b, "BEGIN", "VCALENDAR");
	ics_line(b, "VERSION", "2.0");
	ics_line(b, "PRODID", "-//learnweek//Lifelong Learning Activity Week//ZH");
	ics_line(b, "CALSCALE", "GREGORIAN");
	ics_line(b, "METHOD", "PUBLISH");
	if (calendar_name)
		ics_text(b, "X-WR-CALNAME", calendar_name);
}

void ics_event_write(buf *b, const ics_event *e)
{
	ics_line(b, "BEGIN", "VEVENT");
	ics_text(b, "UID", e->uid);
	ics_time(b, "DTSTAMP", e->stamp);
	ics_time(b, "DTSTART", e->starts_at);
	ics_time(b, "DTEND", e->ends_at);
	char seq[24];
	snprintf(seq, sizeof seq, "%lld", e->sequence > 0 ? e->sequence : 0);
	ics_line(b, "SEQUENCE", seq);
	if (e->summary)
		ics_text(b, "SUMMARY", e->summary);
	if (e->location && *e->location)
		ics_text(b, "LOCATION", e->location);
	if (e->description && *e->description)
		ics_text(b, "DESCRIPTION", e->description);
	if (e->url && *e->url)
		ics_line(b, "URL", e->url);
	ics_line(b, "STATUS", e->cancelled ? "CANCELLED" : "CONFIRMED");
	ics_line(b, "END", "VEVENT");
}

void ics_end(buf *b)
{
	ics_line(b, "END", "VCALENDAR");
}
