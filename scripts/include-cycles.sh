#!/bin/sh
# include-cycles.sh: no include cycle between the files of src/.
# A file x.c or x.h is the module x; "a includes b.h" is the edge a -> b (a
# header stands for its .c). tsort(1) (coreutils) reports any loop; a module
# that only includes its own header is no loop.
set -eu
cd "$(dirname "$0")/.."
edges=$(for f in $(find src -name '*.[ch]' | sort); do
	from=${f%.[ch]}
	dir=$(dirname "$f")
	sed -n 's/^#include "\([^"]*\.h\)".*/\1/p' "$f" | while read -r inc; do
		if [ -f "src/$inc" ]; then to=src/${inc%.h}; elif [ -f "$dir/$inc" ]; then to=$dir/${inc%.h}; else continue; fi
		if [ "$to" != "$from" ]; then echo "$from $to"; fi
	done
done)
loops=$(echo "$edges" | tsort 2>&1 >/dev/null || true)
if [ -n "$loops" ]; then
	echo "lint: include cycle between files of src/ (tsort):"; echo "$loops"; exit 1
fi
echo "include-cycles: none"
