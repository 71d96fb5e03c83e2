#!/bin/sh
# The H() checker (scripts/htmlcheck.sh, part of make lint) fails on planted bad
# calls and raw writes into HTML buffers, naming each one's file and line, and
# passes the same copy without them.
# Runs in a temporary copy of the project's sources.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lw-htmlcheck.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -r "$here/src" "$here/tools" "$here/scripts" "$here/Makefile" "$tmp/"
fails=0
ok() { echo "ok - $1"; }
no() { echo "FAIL - $1"; fails=$((fails + 1)); }

# 1. the copy as it is passes
if out=$(sh "$tmp/scripts/htmlcheck.sh" "$tmp" 2>&1); then ok "unchanged sources pass"; else no "unchanged sources: $out"; fi

# 2. planted calls: each bad one is named by file:line, the good ones are not
p=src/pages/planted.c
cat >"$tmp/$p" <<'C'
#include "core/html.h"
#include "web/layout.h"
#define TWO(a, b) ((a) + (b))
void planted(req *r, resp *w, html *b, const char *name, long long id, html *frag);
void planted(req *r, resp *w, html *b, const char *name, long long id, html *frag)
{
	H(b, "<p>%d</p>", name);
	H(b, "<p>%s %s</p>", name);
	H(b, "<a href=\"/u/%D\">%s, %s</a>",
	  id,
	  name ? "a, b" : "c,d",
	  TWO(1, 2) ? "x" : "y");
	H(b, "<p>%D</p>", TWO(1, 2));
	fail(r, w, 400, "%B", name);
	const char *f = "%s";
	html_fmt(b, f, name);
	H(b, "%B %u", frag, name);
	H(b, "<p>%x</p>", 1);
	fail_state(r, w, 409, (state_msg){0}, "%s %d", name, id);
	html(b, "<p>a, %s</p>"); /* html() takes no values: %s is text there */
}
void planted_m(html *b, int on, const char *name);
void planted_m(html *b, int on, const char *name)
{
	H(b, "<p>%s%s</p>", name, on ? " <strong>on</strong>" : "");
	H(b, "<p>%s %s</p>", name, on ? "a < b, A&B" : "&amp");
}
void planted_v(html *b, const char *fmt, va_list ap);
void planted_v(html *b, const char *fmt, va_list ap)
{
	html_vfmt(b, fmt, ap); /* its callers' formats would go unchecked */
}
void planted_r(resp *w, html *b, const char *title);
void planted_r(resp *w, html *b, const char *title)
{
	html frag = HTML_INIT; buf text = BUF_INIT;
	buf_puts(b, title);
	buf_printf(&frag,
		   "<p>%s</p>", title);
	H(b, "<div>%B</div>", &frag);
	buf_puts(&text, title);
	buf_append(&w->body, title, 1);
	buf_puts(&w->body, "ok\n"); /* raw-ok: text/plain */
	H(b, "<div>%B</div>", &text);
	html_free(&frag);
	buf_free(&text);
}
static void vhelp(html *b, const char *fmt, va_list ap) HTML_VFORMAT(2);
static void vhelp(html *b, const char *fmt, va_list ap)
{
	html_vfmt(b, fmt, ap);
}
void planted_f(html *b, const char *fmt, ...) HTML_FORMAT(2, 3);
void planted_f(html *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vhelp(b, fmt, ap);
	va_end(ap);
}
void planted_g(html *b, const char *fmt, va_list ap);
void planted_g(html *b, const char *fmt, va_list ap)
{
	vhelp(b, fmt, ap);
}
C
want="$p:7:.*pct_d_needs_an_int
$p:8: H(): 1 argument for 2 conversions
$p:13:.*pct_D_needs_a_long_long
$p:14:.*pct_B_needs_an_html_pointer
$p:16: html_fmt(): the format is not a string literal
$p:18: H(): unknown conversion %x
$p:19:.*pct_d_needs_an_int
$p:25: H(): markup in a string literal given to %s
$p:31: html_vfmt() outside a formatter
$p:37:.*incompatible-pointer-types
$p:38:.*incompatible-pointer-types
$p:42: raw buf_append() into the page body
$p:44:.*pct_B_needs_an_html_pointer
$p:64: vhelp() outside a formatter"
if out=$(sh "$tmp/scripts/htmlcheck.sh" "$tmp" 2>&1); then
	no "planted bad calls pass the checker"
else
	ok "planted bad calls fail the checker"
fi
while IFS= read -r w; do
	if printf '%s\n' "$out" | grep -q "^$w"; then ok "names $w"; else no "does not name $w"; fi
done <<W
$want
W
for line in 9 10 11 12 17 20 26 40 41 43 51 58; do
	if printf '%s\n' "$out" | grep -q "^$p:$line:"; then no "a good call at line $line is refused"; else ok "good call at line $line passes"; fi
done
if [ $fails -ne 0 ]; then printf '%s\n' "checker output:" "$out"; exit 1; fi
echo "htmlcheck test: ok"
