/* test_buf.c: the growable buffer, HTML escaping, H() conversions, paragraphs
 * and URL encoding (src/core/buf.c, src/core/html.c). */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/html.h"

/* The buffer is built, compared and freed in one place so each case reads as
 * input -> expected output. */
#define EXPECT_HTML(expected, ...) do { \
	html b_ = HTML_INIT; \
	__VA_ARGS__; \
	cr_assert_str_eq(html_cstr(&b_), (expected)); \
	html_free(&b_); } while (0)
#define EXPECT_RAW(expected, ...) do { \
	buf b_ = BUF_INIT; \
	__VA_ARGS__; \
	cr_assert_str_eq(buf_cstr(&b_), (expected)); \
	buf_free(&b_); } while (0)

Test(buf, append_grows_and_stays_terminated)
{
	buf b = BUF_INIT;
	cr_assert_str_eq(buf_cstr(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	cr_assert_eq(b.len, 1000);
	cr_assert_eq(b.p[1000], 0);
	cr_assert(b.cap > b.len);
	buf_reset(&b);
	cr_assert_eq(b.len, 0);
	cr_assert_str_eq(buf_cstr(&b), "");
	buf_printf(&b, "%d-%s", 42, "x");
	cr_assert_str_eq(buf_cstr(&b), "42-x");
	size_t n;
	char *p = buf_detach(&b, &n);
	cr_assert_eq(n, 4);
	cr_assert_str_eq(p, "42-x");
	cr_assert_null(b.p);
	free(p);
	buf_free(&b);
}

Test(buf, printf_long_output)
{
	buf b = BUF_INIT;
	char big[3000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	buf_printf(&b, "<%s>", big);
	cr_assert_eq(b.len, sizeof big + 1);
	cr_assert_eq(b.p[0], '<');
	cr_assert_eq(b.p[b.len - 1], '>');
	cr_assert_eq(b.p[b.len], 0);
	buf_free(&b);
}

Test(html, txt_escapes_all_five_metacharacters)
{
	EXPECT_HTML("&amp;&lt;&gt;&quot;&#39;", html_txt(&b_, "&<>\"'"));
	EXPECT_HTML("a &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;amp;",
		    html_txt(&b_, "a <script>alert('x')</script> &amp;"));
	EXPECT_HTML("", html_txt(&b_, NULL));
	EXPECT_HTML("", html_txt(&b_, ""));
	EXPECT_HTML("学习贯彻二十大，终身学习向未来", html_txt(&b_, "学习贯彻二十大，终身学习向未来"));
}

Test(html, txtn_stops_at_length)
{
	EXPECT_HTML("a&lt;", html_txtn(&b_, "a<b>", 2));
}

Test(html, txt_mends_bad_bytes_and_drops_what_xml_cannot_hold)
{
	html b = HTML_INIT;
	html_txt(&b, "<a>\xED\xA0\x80 \xEF\xBF\xBE\x01中文\xC3");
	cr_assert_str_eq(html_cstr(&b), "&lt;a&gt;\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD 中文\xEF\xBF\xBD");
	html_free(&b);
}

Test(html, literal_macro)
{
	EXPECT_HTML("<p>x</p>", html(&b_, "<p>x</p>"));
}

Test(html, fmt_conversions)
{
	html inner = HTML_INIT;
	html(&inner, "<b>ok</b>");
	EXPECT_HTML("<a href=\"/u/7?q=a%20%26%3Cb\">x&lt;y</a> -3 9000000000 <b>ok</b> 100%",
		    H(&b_, "<a href=\"/u/%d?q=%u\">%s</a> %d %D %B 100%%", 7, "a &<b", "x<y", -3, 9000000000LL, &inner));
	html_free(&inner);
	EXPECT_HTML("[]", H(&b_, "[%s]", (const char *)NULL));
	EXPECT_HTML("[]", H(&b_, "[%B]", (html *)NULL));
	EXPECT_HTML("&quot;&#39;", H(&b_, "%s", "\"'"));
	EXPECT_HTML("no conversions", H(&b_, "no conversions"));
}

Test(html, fmt_bad_conversion_aborts, .signal = SIGABRT)
{
	html b = HTML_INIT;
	html_fmt(&b, "%x", 1);
}

Test(html, paragraphs)
{
	EXPECT_HTML("", html_paragraphs(&b_, NULL));
	EXPECT_HTML("", html_paragraphs(&b_, ""));
	EXPECT_HTML("", html_paragraphs(&b_, "\n\n\r\n"));
	EXPECT_HTML("<p>one</p>\n", html_paragraphs(&b_, "one"));
	EXPECT_HTML("<p>a<br>b</p>\n<p>c</p>\n", html_paragraphs(&b_, "a\nb\n\nc"));
	EXPECT_HTML("<p>a<br>b</p>\n<p>c</p>\n", html_paragraphs(&b_, "a\r\nb\r\n\r\nc\r\n"));
	EXPECT_HTML("<p>x</p>\n<p>y</p>\n", html_paragraphs(&b_, "\n\nx\n\n\n\ny\n"));
	EXPECT_HTML("<p>&lt;script&gt;&amp;</p>\n<p>&quot;&#39;</p>\n",
		    html_paragraphs(&b_, "<script>&\n\n\"'"));
}

Test(url, encode_keeps_unreserved_only)
{
	EXPECT_RAW("AZaz09-_.~", url_encode(&b_, "AZaz09-_.~"));
	EXPECT_RAW("a%20b%2Bc%26d%3De%2F%3F%23%25", url_encode(&b_, "a b+c&d=e/?#%"));
	EXPECT_RAW("%E4%B8%9C%E6%B9%96%E5%8C%BA", url_encode(&b_, "东湖区"));
	EXPECT_RAW("%22%27%3C%3E", url_encode(&b_, "\"'<>"));
	EXPECT_RAW("", url_encode(&b_, NULL));
	EXPECT_RAW("%FF%01", url_encode(&b_, "\xff\x01"));
}

Test(html, keep_in_arena)
{
	arena a = {0};
	html frag = HTML_INIT;
	H(&frag, "<p>%s</p>", "a<b");
	const html *kept = html_keep(&a, &frag);
	cr_assert_eq(html_len(&frag), 0, "the built fragment is freed");
	EXPECT_HTML("<div><p>a&lt;b</p></div>", H(&b_, "<div>%B</div>", kept));
	arena_free(&a);
}
