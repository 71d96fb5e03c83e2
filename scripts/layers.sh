#!/bin/sh
# layers.sh: the directions src/ may include in, one way, lowest first.
#   core    the C library helpers: arena, buffers, text, time, progress
#   db      the storage layer (SQLite)                      core
#   in      files people upload, read (XLSX/CSV reader)      core
#   out     files we write from plain values (PDF, DOCX, XLSX, ZIP, charts, QR)  core
#   domain  the rules and the records                       core db in
#   export  documents, packages and jobs made of records    core db in out domain
#   web     HTTP: server, router, sessions, render cache    core db in out domain
#   pages   the handlers and their route table              anything below
#   main.c  the command line                                anything
# A quoted include names its directory ("domain/report.h") or is beside the
# file ("report.h"). Each line of the table: a directory, then what it may
# include besides itself. Prints each include against it; exits 1 if any.
set -eu
cd "$(dirname "$0")/.."
allowed() {
	case "$1" in
	core) echo "" ;;
	db) echo "core" ;;
	in) echo "core" ;;
	out) echo "core" ;;
	domain) echo "core db in" ;;
	export) echo "core db in out domain" ;;
	web) echo "core db in out domain" ;;
	pages) echo "core db in out domain export web" ;;
	main) echo "core db in out domain export web pages" ;;
	*) echo "?" ;;
	esac
}
fail=0
for f in $(find src -name '*.[ch]' | sort); do
	dir=${f#src/}
	case "$dir" in
	*/*) layer=${dir%%/*} ;;
	*) layer=${dir%.c} ;;
	esac
	ok=$(allowed "$layer")
	if [ "$ok" = "?" ]; then
		echo "layers: $f: src/$layer is not in the table of scripts/layers.sh (say what it may include)"
		fail=1
		continue
	fi
	hits=$(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | sed 's/^\([0-9]*\):.*"\([^"]*\)".*/\1 \2/') || true
	[ -n "$hits" ] || continue
	bad=$(printf '%s\n' "$hits" | while read -r line path; do
		case "$path" in
		*/*) to=${path%%/*} ;;
		*) to=$layer ;;
		esac
		[ "$to" = "$layer" ] && continue
		case " $ok " in
		*" $to "*) ;;
		*) echo "layers: $f:$line: src/$layer includes $path (src/$layer may include: ${ok:-nothing else})" ;;
		esac
	done)
	if [ -n "$bad" ]; then
		echo "$bad"
		fail=1
	fi
done
exit $fail
