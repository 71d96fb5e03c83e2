/* htmlcheck.h: included (gcc -include) into the copies tools/htmlcheck.c
 * writes, where each argument of an HTML formatter is wrapped in the macro of
 * its conversion. Each asserts the argument's type exactly with _Generic (a
 * negative bit-field width names the conversion in the compiler's error) and
 * yields the argument unchanged:
 *   %s, %u  char * or const char * (arrays decay)
 *   %d      int after the integer promotions (char, short, bool, an enum);
 *           unsigned int is accepted as gcc's printf check accepts it
 *   %D      long long
 *   %B      html * or const html * (a fragment built with html()/H())
 */
#define HK_ASSERT(ok, what) ((void)sizeof(struct { int what : (ok) ? 1 : -1; }))
#define HK_str(x, what) (HK_ASSERT(_Generic((x), char *: 1, const char *: 1, default: 0), what), (x))
#define HK_s(x) HK_str(x, pct_s_needs_a_char_pointer)
#define HK_u(x) HK_str(x, pct_u_needs_a_char_pointer)
#define HK_d(x) (HK_ASSERT(_Generic((x) + 0, int: 1, unsigned int: 1, default: 0), pct_d_needs_an_int), (x))
#define HK_D(x) (HK_ASSERT(_Generic((x) + 0, long long: 1, default: 0), pct_D_needs_a_long_long), (x))
#define HK_B(x) (HK_ASSERT(_Generic((x), html *: 1, const html *: 1, default: 0), pct_B_needs_an_html_pointer), (x))
