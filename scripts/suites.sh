#!/bin/sh
# suites.sh SETUP... -- SUITE...: what `make test` runs. Each name is a make
# target, run one after another with its wall time printed ("== unit: 93 s").
# A SETUP target that fails (installing the packages, fresh-check) stops the
# run; a SUITE that fails does not: every suite runs, and the summary table at
# the end names each one that failed. Exit 1 if any did.
set -u
make=${MAKE:-make}
table=""
failed=0
total=0
setup=1
nl='
'
for s in "$@"; do
	if [ "$s" = -- ]; then
		setup=0
		continue
	fi
	start=$(date +%s)
	"$make" --no-print-directory "$s"
	rc=$?
	took=$(($(date +%s) - start))
	total=$((total + took))
	if [ $rc -eq 0 ]; then status=passed; else status="FAILED (exit $rc)"; failed=$((failed + 1)); fi
	echo "== $s: $took s"
	table="$table$(printf '  %-12s %6d s  %s' "$s" "$took" "$status")$nl"
	if [ $rc -ne 0 ] && [ $setup -eq 1 ]; then
		echo "make test: $s failed, so no suite was run"
		exit 1
	fi
done
echo "make test: wall time per suite"
printf '%s' "$table"
printf '  %-12s %6d s  (%d min %d s)\n' total "$total" $((total / 60)) $((total % 60))
# the plain closing line CI reads: suites passed and failed
n=0 after=0
for s in "$@"; do
	if [ "$s" = -- ]; then after=1; elif [ $after -eq 1 ]; then n=$((n + 1)); fi
done
echo "suites: $((n - failed)) passed, $failed failed"
if [ $failed -gt 0 ]; then
	echo "make test: $failed suite(s) FAILED"
	exit 1
fi
echo "make test: all suites passed"
