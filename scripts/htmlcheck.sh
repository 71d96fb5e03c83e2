#!/bin/sh
# htmlcheck.sh [ROOT]: checks every call of an HTML formatter (H(), html_fmt(),
# fail(), fail_state() and any function marked HTML_FORMAT) in ROOT/src (the
# project by default). tools/htmlcheck checks the format literal, its
# conversions and the number of arguments, and writes a copy of the sources
# with each argument wrapped in the type check of its conversion
# (tools/htmlcheck.h); gcc -fsyntax-only then refuses an argument of the wrong
# type. Errors name the file and line. Needs the C compiler and the -dev
# packages of the build (scripts/install-deps.sh).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-$here}
CC=${CC:-cc}
out="$root/build/htmlcheck"
tool="$root/build/tools/htmlcheck"
mkdir -p "$root/build/tools"
if [ ! -x "$tool" ] || [ "$here/tools/htmlcheck.c" -nt "$tool" ]; then
	$CC -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -o "$tool" "$here/tools/htmlcheck.c"
fi
cd "$root"
rm -rf "$out"
status=0
"$tool" "$out" $(find src -name '*.[ch]' | sort) || status=1
pkgs=$(sed -n 's/^PKGS *:= *//p' "$here/Makefile")
cflags=$(pkg-config --cflags $pkgs) || { echo "htmlcheck: pkg-config misses a -dev package of the build (make deps)"; exit 1; }
# the copies include each other; their #line names the original file, and
# without macro tracking gcc names the line of the H() call itself
for f in $(cat "$out/calls"); do
	if ! msg=$($CC -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -fsyntax-only -ftrack-macro-expansion=0 -fmax-errors=50 \
		-include "$here/tools/htmlcheck.h" -I"$out/src" -Ibuild/gen $cflags "$out/$f" 2>&1); then
		status=1
		printf '%s\n' "$msg" | grep -E '^[^ ]+:[0-9]+:[0-9]+: error' || printf '%s\n' "$msg"
	fi
done
[ $status -eq 0 ] && echo "htmlcheck: ok ($(wc -l <"$out/calls") files)"
exit $status
