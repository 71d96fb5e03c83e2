/* test_ics.c: iCalendar content lines (src/out/ics.c): CRLF, folding at 75
 * octets without splitting a UTF-8 character, TEXT escaping, UTC times. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/text.h"
#include "out/ics.h"

/* Checks the physical lines of s and returns the logical lines joined by "\n"
 * (caller frees). */
static char *unfold_checked(const char *s)
{
	buf out = BUF_INIT;
	const char *p = s;
	bool first = true;
	while (*p) {
		const char *crlf = strstr(p, "\r\n");
		cr_assert_not_null(crlf, "a line without CRLF: \"%s\"", p);
		size_t n = (size_t)(crlf - p);
		cr_assert_leq(n, 75, "a line of %zu octets: \"%.*s\"", n, (int)n, p);
		cr_assert(utf8_valid(p, n), "a fold split a UTF-8 character: \"%.*s\"", (int)n, p);
		cr_assert_null(memchr(p, '\n', n), "a bare LF inside a line");
		cr_assert_null(memchr(p, '\r', n), "a bare CR inside a line");
		if (*p == ' ') {
			cr_assert(!first, "a continuation line first");
			buf_append(&out, p + 1, n - 1);
		} else {
			if (!first)
				buf_putc(&out, '\n');
			buf_append(&out, p, n);
		}
		first = false;
		p = crlf + 2;
	}
	buf_cstr(&out);
	return buf_detach(&out, NULL);
}

Test(ics, short_line_is_one_crlf_line)
{
	buf b = BUF_INIT;
	ics_line(&b, "VERSION", "2.0");
	cr_assert_str_eq(buf_cstr(&b), "VERSION:2.0\r\n");
	buf_free(&b);
}

Test(ics, text_escapes_backslash_semicolon_comma_and_newlines)
{
	buf b = BUF_INIT;
	ics_text(&b, "SUMMARY", "a\\b;c,d\ne\r\nf\rg\th\x01i");
	cr_assert_str_eq(buf_cstr(&b), "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ng\thi\r\n");
	buf_free(&b);
}

Test(ics, long_chinese_text_folds_on_character_boundaries)
{
	buf text = BUF_INIT;
	for (int i = 0; i < 120; i++)
		buf_puts(&text, i % 7 ? "学" : "a,"); /* mixes 1-, 2- and 3-octet runs so folds land everywhere */
	for (int shift = 0; shift < 4; shift++) {
		buf b = BUF_INIT, name = BUF_INIT;
		buf_puts(&name, "DESCRIPTION");
		for (int i = 0; i < shift; i++)
			buf_putc(&name, 'X'); /* moves every fold point by one octet */
		ics_text(&b, buf_cstr(&name), buf_cstr(&text));
		char *logical = unfold_checked(buf_cstr(&b));
		buf want = BUF_INIT;
		buf_puts(&want, buf_cstr(&name));
		buf_putc(&want, ':');
		ics_escape_text(&want, buf_cstr(&text));
		cr_assert_str_eq(logical, buf_cstr(&want));
		cr_assert(strchr(buf_cstr(&b), '\n') != strrchr(buf_cstr(&b), '\n'), "it was folded");
		free(logical);
		buf_free(&b);
		buf_free(&name);
		buf_free(&want);
	}
	buf_free(&text);
}

Test(ics, exactly_75_octets_is_not_folded_and_76_is)
{
	char v[80];
	memset(v, 'x', sizeof v);
	v[75 - 4] = 0; /* "URL:" + 71 = 75 */
	buf b = BUF_INIT;
	ics_line(&b, "URL", v);
	cr_assert_eq(b.len, 77);
	buf_reset(&b);
	v[75 - 4] = 'x';
	v[76 - 4] = 0;
	ics_line(&b, "URL", v);
	cr_assert_str_eq(buf_cstr(&b) + 75, "\r\n x\r\n");
	buf_free(&b);
}

Test(ics, times_are_utc_basic_format)
{
	buf b = BUF_INIT;
	ics_time(&b, "DTSTART", 1669856400LL); /* 2022-12-01 09:00 Beijing */
	cr_assert_str_eq(buf_cstr(&b), "DTSTART:20221201T010000Z\r\n");
	buf_free(&b);
}

Test(ics, event_has_required_properties_and_status)
{
	buf b = BUF_INIT;
	ics_begin(&b, "活动周");
	ics_event e = {.uid = "activity-7@example.org", .starts_at = 1669856400LL, .ends_at = 1669863600LL,
		       .stamp = 1669852800LL, .sequence = 3, .summary = "讲座", .location = "图书馆",
		       .description = "简介", .url = "http://example.org/a/7", .cancelled = true};
	ics_event_write(&b, &e);
	ics_end(&b);
	const char *want[] = {"BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n", "PRODID:", "CALSCALE:GREGORIAN\r\n",
			      "METHOD:PUBLISH\r\n", "X-WR-CALNAME:活动周\r\n", "BEGIN:VEVENT\r\n",
			      "UID:activity-7@example.org\r\n", "DTSTAMP:20221201T000000Z\r\n",
			      "DTSTART:20221201T010000Z\r\n", "DTEND:20221201T030000Z\r\n", "SEQUENCE:3\r\n",
			      "SUMMARY:讲座\r\n", "LOCATION:图书馆\r\n", "DESCRIPTION:简介\r\n",
			      "URL:http://example.org/a/7\r\n", "STATUS:CANCELLED\r\n", "END:VEVENT\r\n",
			      "END:VCALENDAR\r\n"};
	const char *p = buf_cstr(&b);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const char *hit = strstr(p, want[i]);
		cr_assert_not_null(hit, "missing or out of order: %s in\n%s", want[i], buf_cstr(&b));
		p = hit + strlen(want[i]);
	}
	buf_free(&b);
}

Test(ics, text_is_mended_to_utf8_that_xml_can_hold)
{
	buf b = BUF_INIT;
	ics_text(&b, "SUMMARY", "活动\xEF\xBF\xBF标题\xED\xA0\x80!");
	cr_assert_str_eq(buf_cstr(&b), "SUMMARY:活动标题\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD!\r\n");
	buf_free(&b);
}
