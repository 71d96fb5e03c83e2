/* test_text.c: UTF-8 validation, percent-decoding, integer parsing and
 * trimming of outside input (src/core/text.c). */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "core/text.h"
#include "core/json_text.h"

static bool valid(const char *s)
{
	return utf8_valid(s, strlen(s));
}

Test(utf8, accepts_well_formed)
{
	cr_assert(valid(""));
	cr_assert(valid("plain ascii ~\x7f"));
	cr_assert(valid("终身学习"));
	cr_assert(valid("\xC2\x80"));              /* U+0080, smallest 2-byte */
	cr_assert(valid("\xDF\xBF"));              /* U+07FF */
	cr_assert(valid("\xE0\xA0\x80"));          /* U+0800, smallest 3-byte */
	cr_assert(valid("\xED\x9F\xBF"));          /* U+D7FF, just below surrogates */
	cr_assert(valid("\xEE\x80\x80"));          /* U+E000, just above */
	cr_assert(valid("\xEF\xBF\xBF"));          /* U+FFFF */
	cr_assert(valid("\xF0\x90\x80\x80"));      /* U+10000 */
	cr_assert(valid("\xF0\x9F\x98\x80"));      /* an emoji */
	cr_assert(valid("\xF4\x8F\xBF\xBF"));      /* U+10FFFF, the last code point */
}

Test(utf8, rejects_overlongs)
{
	cr_assert_not(valid("\xC0\xAF"));          /* '/' in two bytes */
	cr_assert_not(valid("\xC0\x80"));          /* NUL in two bytes */
	cr_assert_not(valid("\xC1\xBF"));
	cr_assert_not(valid("\xE0\x80\xAF"));
	cr_assert_not(valid("\xE0\x9F\xBF"));      /* U+07FF in three bytes */
	cr_assert_not(valid("\xF0\x80\x80\xAF"));
	cr_assert_not(valid("\xF0\x8F\xBF\xBF"));  /* U+FFFF in four bytes */
}

Test(utf8, rejects_surrogates_and_out_of_range)
{
	cr_assert_not(valid("\xED\xA0\x80"));      /* U+D800 */
	cr_assert_not(valid("\xED\xBF\xBF"));      /* U+DFFF */
	cr_assert_not(valid("\xED\xA0\xBD\xED\xB8\x80")); /* CESU-8 pair */
	cr_assert_not(valid("\xF4\x90\x80\x80"));  /* U+110000 */
	cr_assert_not(valid("\xF5\x80\x80\x80"));
	cr_assert_not(valid("\xF8\x88\x80\x80\x80")); /* old 5-byte form */
	cr_assert_not(valid("\xFE"));
	cr_assert_not(valid("\xFF"));
}

Test(utf8, rejects_truncated_and_stray_bytes)
{
	cr_assert_not(valid("\x80"));              /* lone continuation */
	cr_assert_not(valid("a\xBF" "b"));
	cr_assert_not(valid("\xC3"));              /* lead byte at the end */
	cr_assert_not(valid("\xE4\xB8"));          /* 2 of 3 */
	cr_assert_not(valid("\xF0\x9F\x98"));      /* 3 of 4 */
	cr_assert_not(valid("\xE4\xB8" "a"));      /* continuation replaced */
	cr_assert_not(valid("\xC3" "A"));
	/* the length, not the terminator, ends the check */
	const char *s = "终";
	cr_assert_not(utf8_valid(s, 2));
	cr_assert(utf8_valid(s, 3));
}

Test(utf8, rejects_nul)
{
	const char s[] = {'a', 0, 'b'};
	cr_assert_not(utf8_valid(s, sizeof s));
	cr_assert(utf8_valid(s, 1));
}

Test(utf8, chars_and_controls)
{
	cr_assert_eq(utf8_chars(""), 0);
	cr_assert_eq(utf8_chars(NULL), 0);
	cr_assert_eq(utf8_chars("abc"), 3);
	cr_assert_eq(utf8_chars("南昌市"), 3);
	cr_assert_eq(utf8_chars("a\xF0\x9F\x98\x80" "b"), 3);
	cr_assert_null(text_refusal("tab\tok 中文", false));
	cr_assert_not_null(text_refusal("line\nbreak", false));
	cr_assert_null(text_refusal("line\r\nbreak", true));
	cr_assert_not_null(text_refusal("bell\a", true));
	cr_assert_not_null(text_refusal("del\x7f", true));
	cr_assert_not_null(text_refusal("esc\x1b[0m", true));
	cr_assert_null(text_refusal(NULL, false));
}

/* the one check of stored text: UTF-8, no controls, only what XML can hold */
Test(text, refusal_names_what_is_wrong)
{
	cr_assert_null(text_refusal("南昌市 \xF0\x9F\x98\x80 U+FFFD:\xEF\xBF\xBD", false));
	cr_assert(strstr(text_refusal("a\xEF\xBF\xBE", false), "U+FFFE"), "U+FFFE");
	cr_assert(strstr(text_refusal("a\xEF\xBF\xBF", false), "U+FFFF"), "U+FFFF");
	cr_assert(strstr(text_refusal("x\xED\xA0\x80y", false), "UTF-8"), "a surrogate (what _xD800_ decoded to)");
	cr_assert(strstr(text_refusal("\xC0\xAF", false), "UTF-8"), "overlong");
	cr_assert(strstr(text_refusal("\xE4\xB8", false), "UTF-8"), "cut short");
	cr_assert(strstr(text_refusal("\xF4\x90\x80\x80", false), "UTF-8"), "past U+10FFFF");
	cr_assert(strstr(text_refusal("a\x01", true), "控制字符"));
}

Test(text, clean_keeps_good_text_and_mends_the_rest)
{
	arena a = {0};
	const char *good = "活动\t周\r\n\xF0\x9F\x98\x80";
	cr_assert_eq(text_clean(&a, good), good, "clean text is returned as it is");
	cr_assert_str_eq(text_clean(&a, NULL), "");
	cr_assert_str_eq(text_clean(&a, "a\xEF\xBF\xBE" "b\xEF\xBF\xBF" "c"), "abc");
	cr_assert_str_eq(text_clean(&a, "x\xED\xA0\x80y"), "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy");
	cr_assert_str_eq(text_clean(&a, "bell\a\x1b!"), "bell!");
	cr_assert_str_eq(text_clean(&a, "\xE4\xB8"), "\xEF\xBF\xBD\xEF\xBF\xBD");
	for (const char *s = text_clean(&a, "\xFF\xFE\x80\xED\xBF\xBF\xEF\xBF\xBF"); *s;) {
		unsigned cp;
		s += utf8_decode(s, strlen(s), &cp);
		cr_assert(cp != UTF8_BAD && xml_char(cp), "the cleaned text is UTF-8 that XML holds");
	}
	arena_free(&a);
}

/* pct_decode into an arena; returns NULL on a malformed escape. */
static char *dec(arena *a, const char *s, bool plus, size_t *n)
{
	return pct_decode(a, s, strlen(s), plus, n);
}

Test(pct, decodes)
{
	arena a = {0};
	size_t n = 99;
	cr_assert_str_eq(dec(&a, "", true, &n), "");
	cr_assert_eq(n, 0);
	cr_assert_str_eq(dec(&a, "abc", true, &n), "abc");
	cr_assert_str_eq(dec(&a, "a%20b", true, NULL), "a b");
	cr_assert_str_eq(dec(&a, "%41%62%7e%7E", true, NULL), "Ab~~");
	cr_assert_str_eq(dec(&a, "%E4%B8%9C%E6%B9%96", true, NULL), "东湖");
	cr_assert_str_eq(dec(&a, "%25", true, NULL), "%");
	cr_assert_str_eq(dec(&a, "%2525", true, NULL), "%25");   /* decoded once only */
	cr_assert_str_eq(dec(&a, "x%41", true, NULL), "xA");     /* escape at the very end */
	arena_free(&a);
}

Test(pct, plus_is_space_only_when_asked)
{
	arena a = {0};
	cr_assert_str_eq(dec(&a, "a+b+", true, NULL), "a b ");
	cr_assert_str_eq(dec(&a, "a+b", false, NULL), "a+b");
	cr_assert_str_eq(dec(&a, "%2B+", true, NULL), "+ ");
	arena_free(&a);
}

Test(pct, rejects_malformed_and_truncated)
{
	arena a = {0};
	cr_assert_null(dec(&a, "%", true, NULL));
	cr_assert_null(dec(&a, "a%", true, NULL));
	cr_assert_null(dec(&a, "%4", true, NULL));
	cr_assert_null(dec(&a, "ab%4", true, NULL));
	cr_assert_null(dec(&a, "%G0", true, NULL));
	cr_assert_null(dec(&a, "%0G", true, NULL));
	cr_assert_null(dec(&a, "%%41", true, NULL));
	cr_assert_null(dec(&a, "% 41", true, NULL));
	cr_assert_null(dec(&a, "%-1", true, NULL));
	cr_assert_null(dec(&a, "ok%zz", true, NULL));
	/* n bounds the input: "%41" cut to "%4" is truncated */
	cr_assert_null(pct_decode(&a, "%41", 2, true, NULL));
	arena_free(&a);
}

Test(pct, nul_and_invalid_bytes_are_decoded_not_hidden)
{
	arena a = {0};
	size_t n;
	char *s = dec(&a, "a%00b", true, &n);
	cr_assert_not_null(s);
	cr_assert_eq(n, 3);
	cr_assert_eq(s[1], 0);
	cr_assert_not(utf8_valid(s, n));           /* callers see the NUL via the length */
	s = dec(&a, "%C0%AF", true, &n);
	cr_assert_eq(n, 2);
	cr_assert_not(utf8_valid(s, n));
	arena_free(&a);
}

Test(int64, parses_within_bounds)
{
	long long v = -1;
	cr_assert(parse_int64("0", 0, 10, &v));
	cr_assert_eq(v, 0);
	cr_assert(parse_int64("2022", 2000, 2999, &v));
	cr_assert_eq(v, 2022);
	cr_assert(parse_int64("-5", -10, 10, &v));
	cr_assert_eq(v, -5);
	cr_assert(parse_int64("007", 0, 10, &v));
	cr_assert_eq(v, 7);
	cr_assert(parse_int64("9223372036854775807", 0, LLONG_MAX, &v));
	cr_assert_eq(v, LLONG_MAX);
	cr_assert(parse_int64("-9223372036854775808", LLONG_MIN, 0, &v));
	cr_assert_eq(v, LLONG_MIN);
	cr_assert(parse_int64("2000", 2000, 2999, &v));
	cr_assert(parse_int64("2999", 2000, 2999, &v));
}

Test(int64, rejects_out_of_range_and_junk)
{
	long long v = 12345;
	cr_assert_not(parse_int64("1999", 2000, 2999, &v));
	cr_assert_not(parse_int64("3000", 2000, 2999, &v));
	cr_assert_not(parse_int64("9223372036854775808", LLONG_MIN, LLONG_MAX, &v));
	cr_assert_not(parse_int64("-9223372036854775809", LLONG_MIN, LLONG_MAX, &v));
	cr_assert_not(parse_int64("99999999999999999999999", LLONG_MIN, LLONG_MAX, &v));
	cr_assert_not(parse_int64(NULL, 0, 10, &v));
	cr_assert_not(parse_int64("", 0, 10, &v));
	cr_assert_not(parse_int64("-", -10, 10, &v));
	cr_assert_not(parse_int64("+5", 0, 10, &v));
	cr_assert_not(parse_int64(" 5", 0, 10, &v));
	cr_assert_not(parse_int64("5 ", 0, 10, &v));
	cr_assert_not(parse_int64("5a", 0, 10, &v));
	cr_assert_not(parse_int64("0x5", 0, 10, &v));
	cr_assert_not(parse_int64("1e3", 0, 10000, &v));
	cr_assert_not(parse_int64("--5", -10, 10, &v));
	cr_assert_not(parse_int64("５", 0, 10, &v));  /* full-width digit */
	cr_assert_eq(v, 12345, "a failed parse leaves *out alone");
}

static void trims(const char *in, const char *want)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", in);
	cr_assert_str_eq(str_trim(buf), want, "str_trim(\"%s\")", in);
}

Test(trim, ascii_and_ideographic_space)
{
	trims("", "");
	trims("abc", "abc");
	trims("  abc  ", "abc");
	trims("\t\r\n abc \n\r\t", "abc");
	trims("   ", "");
	trims("a b", "a b");
	trims("\xE3\x80\x80东湖区\xE3\x80\x80", "东湖区");             /* U+3000 both ends */
	trims(" \xE3\x80\x80 \xE3\x80\x80西湖区 \xE3\x80\x80\t", "西湖区");
	trims("\xE3\x80\x80\xE3\x80\x80", "");
	trims("南\xE3\x80\x80昌", "南\xE3\x80\x80昌");                   /* inside is kept */
	trims("区\xE3\x80", "区\xE3\x80");                              /* partial U+3000 kept */
	cr_assert_null(str_trim(NULL));
}

/* jansson answers NULL for a string that is not UTF-8, and an object then
 * drops the field; json_text mends it instead. */
Test(text, json_text_keeps_the_field)
{
	json_t *o = json_object();
	json_object_set_new(o, "title", json_text("活动\xED\xA0\x80\xEF\xBF\xBF"));
	json_object_set_new(o, "none", json_text(NULL));
	cr_assert_str_eq(json_string_value(json_object_get(o, "title")), "活动\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	cr_assert_str_eq(json_string_value(json_object_get(o, "none")), "");
	json_decref(o);
}
