#!/bin/sh
# run.sh: runs each HTTP test binary (each starts its own learnweek server from
# $LEARNWEEK_BIN), stops at the first failing one, and prints a summary line.
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
binaries=0 tests=0
for t in "$@"; do
	echo "== $t"
	"$t" --jobs 2 >"$out" 2>&1
	rc=$?
	cat "$out"
	n=$(sed -n 's/.*Synthesis: Tested: \([0-9]*\).*/\1/p' "$out" | tail -n 1)
	if [ $rc -ne 0 ] || [ -z "$n" ]; then
		echo "http tests: FAILED in $t (exit $rc); $binaries binaries, $tests tests passed before it"
		exit 1
	fi
	# Criterion counts a test as passed before LeakSanitizer speaks at the
	# test program's exit: a report from the tests' own code fails them too
	if grep -q 'Sanitizer' "$out"; then
		echo "http tests: FAILED in $t (a sanitizer report from the test program); $binaries binaries, $tests tests passed before it"
		exit 1
	fi
	binaries=$((binaries + 1))
	tests=$((tests + n))
done
echo "http tests: all passed ($tests tests in $binaries binaries)"
