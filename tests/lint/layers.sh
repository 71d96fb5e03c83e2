#!/bin/sh
# The layer check (scripts/layers.sh, part of make lint) passes the sources as
# they are, and fails on each include planted against the direction of the
# layers, naming its file and line; an include that goes down is not named.
# Runs in a temporary copy of the project's sources.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lw-layers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -r "$here/src" "$here/scripts" "$tmp/"
fails=0
ok() { echo "ok - $1"; }
no() { echo "FAIL - $1"; fails=$((fails + 1)); }

if out=$(sh "$tmp/scripts/layers.sh" 2>&1); then ok "unchanged sources pass"; else no "unchanged sources: $out"; fi

# planted: out -> domain, domain -> export, domain -> out, in -> out, db -> domain,
# export -> pages; and export -> domain, domain -> in, which are allowed
printf '#include "domain/report.h"\n' >"$tmp/src/out/planted_out.c"
printf '#include "core/buf.h"\n#include "export/package.h"\n' >"$tmp/src/domain/planted_dom.c"
printf '#include "in/table_reader.h"\n\n#include "out/form.h"\n' >"$tmp/src/domain/planted_dom2.h"
printf '#include "out/cells.h"\n' >"$tmp/src/in/planted_in.c"
printf '#include "domain/org.h"\n' >"$tmp/src/db/planted_db.c"
printf '#include "domain/report.h"\n#include "pages/kit.h"\n' >"$tmp/src/export/planted_exp.c"
mkdir "$tmp/src/newdir" && printf '#include "core/buf.h"\n' >"$tmp/src/newdir/x.c"
if out=$(sh "$tmp/scripts/layers.sh" 2>&1); then
	no "planted includes pass"
else
	ok "planted includes fail"
fi
for want in "src/out/planted_out.c:1: src/out includes domain/report.h" \
	    "src/domain/planted_dom.c:2: src/domain includes export/package.h" \
	    "src/domain/planted_dom2.h:3: src/domain includes out/form.h" \
	    "src/in/planted_in.c:1: src/in includes out/cells.h" \
	    "src/db/planted_db.c:1: src/db includes domain/org.h" \
	    "src/export/planted_exp.c:2: src/export includes pages/kit.h" \
	    "src/newdir/x.c: src/newdir is not in the table"; do
	case "$out" in
	*"$want"*) ok "named: $want" ;;
	*) no "not named: $want
$out" ;;
	esac
done
for allowed in "planted_exp.c:1:" "planted_dom2.h:1:" "planted_dom.c:1:"; do
	case "$out" in
	*"$allowed"*) no "an allowed include is named: $allowed" ;;
	*) ok "not named: $allowed" ;;
	esac
done
[ $fails -eq 0 ] && echo "layers check: all passed" || echo "layers check: $fails failed"
exit $fails
