#!/bin/sh
# run.sh: runs every HTTP test binary given (each starts its own learnweek server
# from $LEARNWEEK_BIN), all of them even when one fails, and ends with a summary
# naming each binary that failed and why; exit 1 if any did.
# Usage: LEARNWEEK_BIN=build/san/learnweek sh tests/http/run.sh build/tests/http/test_*
set -u
: "${LEARNWEEK_BIN:?set LEARNWEEK_BIN to the learnweek binary under test}"
if [ ! -x "$LEARNWEEK_BIN" ]; then
	echo "http tests: LEARNWEEK_BIN=$LEARNWEEK_BIN is not executable" >&2
	exit 2
fi
if [ $# -eq 0 ]; then
	echo "http tests: no test binaries given (is tests/http/test_*.c missing?)" >&2
	exit 2
fi
export LEARNWEEK_BIN LEARNWEEK_FAST_HASH=1
out=$(mktemp "${TMPDIR:-/tmp}/lwhttp-run.XXXXXX") || exit 2
trap 'rm -f "$out"' EXIT
binaries=0 tests=0 failed="" nl='
'
for t in "$@"; do
	echo "== $t"
	start=$(date +%s)
	"$t" --jobs 2 >"$out" 2>&1
	rc=$?
	cat "$out"
	n=$(sed -n 's/.*Synthesis: Tested: \([0-9]*\).*/\1/p' "$out" | tail -n 1)
	why=""
	if [ $rc -ne 0 ] || [ -z "$n" ]; then
		why="exit $rc"
		# the failing tests' names, as Criterion prints them
		names=$(sed -n 's/^\[FAIL\] \([^:]*::[^:]*\):.*/\1/p' "$out" | tr '\n' ' ' | sed 's/ $//')
		[ -n "$names" ] && why="$why: $names"
	# Criterion counts a test as passed before LeakSanitizer speaks at the
	# test program's exit: a report from the tests' own code fails them too
	elif grep -q 'Sanitizer' "$out"; then
		why="a sanitizer report from the test program"
	fi
	echo "== $t: $(($(date +%s) - start)) s"
	if [ -n "$why" ]; then
		failed="$failed  $t ($why)$nl"
		continue
	fi
	binaries=$((binaries + 1))
	tests=$((tests + n))
done
if [ -n "$failed" ]; then
	echo "http tests: FAILED in $(printf '%s' "$failed" | grep -c .) of $# binaries ($tests tests in $binaries binaries passed):"
	printf '%s' "$failed"
	exit 1
fi
echo "http tests: all passed ($tests tests in $binaries binaries)"
