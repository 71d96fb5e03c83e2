/* lsan.c: the one LeakSanitizer suppression list of every sanitized binary
 * (LeakSanitizer calls this hook by name; a normal build never does).
 * - fontconfig: LeakSanitizer cannot follow its offset-encoded pointers, so the
 *   font caches pango keeps for the life of a thread look lost.
 * - cairo 1.16: its PDF backend really loses 1-1.5 KB per document with text
 *   (in _cairo_array_grow_by while the surface is finished, and in the CFF
 *   subsetter). libcairo has no frame pointers, so the report names no function
 *   of ours: the library is excused as a whole. That would also hide a cairo
 *   object we forget to destroy; form_pdf.c and poster.c destroy all of theirs.
 * Neither is ours to fix, and no allocation of our own code is matched. */
/* GCC says __SANITIZE_ADDRESS__; clang (the fuzz build) only __has_feature */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LW_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(LW_ASAN)
const char *__lsan_default_suppressions(void);
__attribute__((used)) const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libcairo.so\nleak:cairo_surface_finish\n";
}
#else
typedef int lsan_unused; /* an empty translation unit is not ISO C */
#endif
