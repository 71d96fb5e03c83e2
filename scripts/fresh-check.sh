#!/bin/sh
# fresh-check.sh: would `make test` find every command it calls on a fresh
# Debian 12 machine where only git and make were installed first?
#
# It reads the commands the tests and scripts call from their sources (shell
# scripts under tests/, scripts/ and bench/, the Makefile's recipes, and the
# shell commands the C tests hand to system(), popen() and their helpers),
# then checks each one:
#  - it is in the list below, which names its Debian package (so a command a
#    test starts to call is noticed here, with its package, and not on the
#    next fresh machine);
#  - it is installed, and the file it runs (symlinks and alternatives
#    followed) belongs to a Debian package (dpkg -S);
#  - that package is one scripts/install-deps.sh --test installs, an Essential
#    package, or a dependency (Depends, Pre-Depends) of one of those.
# It fails naming each command that is not so, and the package to add to
# install-deps.sh. Run it after `make deps-test` (make fresh-check; make test
# does both first). -v prints where each command comes from.
set -u
cd "$(dirname "$0")/.."
verbose=0
[ "${1:-}" = "-v" ] && verbose=1

# command:package, for every external command the sources call (shell
# builtins and the scripts' own functions are not commands). The package is
# the one to install when the command is missing; the check itself asks dpkg.
# Package "-": called only where it is there and never needed as root (sudo).
LIST="
apt-get:apt awk:mawk base64:coreutils basename:coreutils cat:coreutils cc:gcc chmod:coreutils cksum:coreutils clang:clang comm:coreutils
cmp:diffutils diff:diffutils tsort:coreutils nginx:nginx cp:coreutils curl:curl cut:coreutils date:coreutils dd:coreutils dirname:coreutils dpkg:dpkg
dpkg-query:dpkg du:coreutils env:coreutils fc-list:fontconfig find:findutils getconf:libc-bin grep:grep
head:coreutils id:coreutils ls:coreutils make:make mkdir:coreutils mktemp:coreutils mount:mount
node:nodejs npm:npm nproc:coreutils od:coreutils pdfinfo:poppler-utils pdftoppm:poppler-utils
pdftotext:poppler-utils pkg-config:pkg-config pngquant:pngquant readlink:coreutils rm:coreutils sed:sed seq:coreutils
sh:dash sha256sum:coreutils sleep:coreutils soffice:libreoffice-writer-nogui sort:coreutils
sqlite3:sqlite3 stat:coreutils tail:coreutils timeout:coreutils touch:coreutils tr:coreutils truncate:coreutils
umount:mount unzip:unzip valgrind:valgrind wc:coreutils wrk:wrk xargs:findutils xmllint:libxml2-utils
mv:coreutils yes:coreutils zip:zip chown:coreutils runuser:util-linux psql:postgresql-client-common
zbarimg:zbar-tools /usr/bin/chromium:chromium /usr/bin/time:time
openssl:openssl git:git
sudo:-
"
# words in a command's place that are no external command
BUILTIN=" . : [ alias break case cd command continue do done echo elif else esac eval exec exit export
false fi for getopts hash if in kill local printf pwd read readonly return set shift test then times
trap true type ulimit umask unalias unset until wait while { } ! "

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lw-fresh.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

shell_files=$(find tests scripts bench -name '*.sh' -not -path '*/node_modules/*' | sort)
c_files=$(find tests -name '*.[ch]' | sort)

# ---- the commands the sources call: "command<TAB>file" ----
# Shell scripts: the words in a command's place (scripts/fresh-check.awk).
# shellcheck disable=SC2086
awk -v RS='\001' -f scripts/fresh-check.awk $shell_files >"$tmp/calls"
# The Makefile's recipes ($$ is the shell's $; make's $(CC), $(FUZZ_CC) and
# $(MAKE) are cc, clang and make) and its $(shell ...) calls.
sed -n '/^\t/{s/^\t[@-]*//; s/\$\$/\x01/g; s/\$(MAKE)/make/g; s/\$(CC)/cc/g; s/\$(FUZZ_CC)/clang/g; :a; s/\$([^()]*)/V/; ta; s/\x01/$/g; p}' Makefile |
	awk -v RS='\001' -v name=Makefile -f scripts/fresh-check.awk >>"$tmp/calls"
sed -n 's/.*\$(shell \([a-z][a-z0-9_.+-]*\).*/\1\tMakefile/p' Makefile >>"$tmp/calls"
# Commands named by their path (CHROMIUM=/usr/bin/chromium, /usr/bin/time)
# shellcheck disable=SC2086
awk '!/^[ \t]*#/ { l = $0; while (match(l, /\/usr\/bin\/[a-z][a-z0-9_+-]*/)) {
	print substr(l, RSTART, RLENGTH) "\t" FILENAME; l = substr(l, RSTART + RLENGTH) } }' $shell_files Makefile >>"$tmp/calls"
# `for tool in a b c; do command -v $tool`: the loop's words (tool:package pairs too)
# shellcheck disable=SC2086
grep -E '^[[:space:]]*for [a-z]+ in [^;]*; do( command -v|$)' $shell_files /dev/null | grep -A1 -E 'command -v|in [^;]*; do$' |
	grep -E 'for [a-z]+ in [^;]*; do command -v' | sed 's/^\([^:]*\):[[:space:]]*for [a-z]* in \([^;]*\);.*/\2 \1/' |
	awk '{ for (i = 1; i < NF; i++) { sub(/:.*/, "", $i); print $i "\t" $NF } }' >>"$tmp/calls"
# C tests: the shell commands in the strings given to system(), popen(),
# run() and sec_run() or built into cmd first, and need("tool", "package").
words_c='
{
	if ($0 !~ /(system|popen|run|sec_run)\(|asprintf\(&cmd|snprintf\(cmd|cmd = lw_printf|need\("/) next
	if (match($0, /need\("[^"]*"/)) { print substr($0, RSTART + 6, RLENGTH - 7) "\t" FILENAME; next }
	line = $0
	# the first string that is not the mode of popen()
	do {
		if (!match(line, /"([^"\\]|\\.)*"/)) next
		s = substr(line, RSTART + 1, RLENGTH - 2); line = substr(line, RSTART + RLENGTH)
	} while (s == "r" || s == "w")
	gsub(/&&|\|\||[|;]|\$\(/, "\n", s)
	n = split(s, seg, "\n")
	for (i = 1; i <= n; i++) {
		k = split(seg[i], w, /[ \t]+/)
		for (j = 1; j <= k; j++) {
			if (w[j] == "" || w[j] ~ /^[A-Za-z_]+=/ || w[j] ~ /^[0-9]+$/) continue
			if (w[j] == "command" && w[j + 1] == "-v") { j++; continue }
			if (w[j] ~ /^[a-z][a-z0-9_.+-]*$/) print w[j] "\t" FILENAME
			if (w[j] != "timeout" && w[j] != "env") break
		}
	}
}'
# shellcheck disable=SC2086
awk "$words_c" $c_files >>"$tmp/calls"
# the browser tests' commands: run('NAME', [...]) (execFileSync behind it) in tests/e2e
for f in $(grep -l 'child_process' tests/e2e/*.mjs 2>/dev/null); do
	grep -o "\(run\|execFileSync\)('[A-Za-z0-9_.-]*'" "$f" | sed "s/.*('\(.*\)'/\1/; s|\$|$(printf '\t')$f|" >>"$tmp/calls"
done
# the scripts' own functions are not commands
# shellcheck disable=SC2086
sed -n 's/^[ \t]*\([a-z_][a-z0-9_]*\)[ \t]*()[ \t]*{*.*/\1/p' $shell_files | sort -u >"$tmp/functions"

awk -F'\t' -v builtin="$BUILTIN" 'BEGIN { n = split(builtin, b, /[ \n]+/); for (i = 1; i <= n; i++) skip[b[i]] = 1 }
	NR == FNR { fn[$1] = 1; next }
	!($1 in skip) && !($1 in fn) { if (!($1 in where)) where[$1] = $2; else if (index(where[$1], $2) == 0 && split(where[$1], x, " ") < 3) where[$1] = where[$1] " " $2 }
	END { for (c in where) print c "\t" where[c] }' "$tmp/functions" "$tmp/calls" | sort >"$tmp/commands"

# ---- the packages that are there on a fresh machine after install-deps.sh --test ----
# Essential packages and the packages the script installs, and everything they
# depend on (alternatives and virtual packages resolved to what is installed).
# apt: the package manager install-deps.sh itself runs (every Debian system has it);
# --bench: what bench/ calls (today all of it is in --test too: nginx, wrk, curl)
{ sh scripts/install-deps.sh --list --test; sh scripts/install-deps.sh --list --bench; echo apt; } >"$tmp/wanted"
# packages only bench/ needs: a bench script installs them (install-deps.sh
# --bench), so make test does not, and they need not be here now
sh scripts/install-deps.sh --list --test | tr ' ' '\n' | sort -u >"$tmp/test-pkgs"
sh scripts/install-deps.sh --list --bench | tr ' ' '\n' | sort -u | comm -23 - "$tmp/test-pkgs" >"$tmp/bench-only"
dpkg-query -W -f='${Package}\t${Essential}\t${Status}\t${Provides}\t${Pre-Depends}, ${Depends}\n' >"$tmp/installed"
awk -F'\t' '
	function strip(s) { gsub(/\([^)]*\)|:[a-z0-9]+|[ \t]/, "", s); return s }
	NR == FNR { want[$1] = 1; next }
	$3 == "install ok installed" {
		ok[$1] = 1; deps[$1] = $5
		if ($2 == "yes") want[$1] = 1
		n = split($4, pv, ","); for (i = 1; i <= n; i++) { v = strip(pv[i]); if (v != "") prov[v] = prov[v] " " $1 }
	}
	END {
		for (p in want) if (p in ok) { queue[++q] = p; seen[p] = 1 }
		for (h = 1; h <= q; h++) {
			n = split(deps[queue[h]], d, ",")
			for (i = 1; i <= n; i++) {
				m = split(d[i], alt, "|")
				for (j = 1; j <= m; j++) {
					a = strip(alt[j]); if (a == "") continue
					cand = (a in ok) ? a : ""
					if (a in prov) cand = cand prov[a]
					c = split(cand, cs, " ")
					for (l = 1; l <= c; l++) if (!(cs[l] in seen)) { seen[cs[l]] = 1; queue[++q] = cs[l] }
				}
			}
		}
		for (p in seen) print p
	}' "$tmp/wanted" "$tmp/installed" | sort >"$tmp/closure"

# ---- each command ----
# who owns each command's file: one dpkg -S for all (it reads its whole
# database each time), with and without the /usr of merged-/usr
while IFS="$(printf '\t')" read -r cmd files; do
	p=$(command -v "$cmd" 2>/dev/null) || continue
	case $p in /*) ;; *) continue ;; esac
	r=$(readlink -f "$p")
	printf '%s\n' "$p" "${p#/usr}" "/usr$p" "$r" "${r#/usr}" "/usr$r"
done <"$tmp/commands" | sort -u >"$tmp/paths"
xargs dpkg -S <"$tmp/paths" 2>/dev/null | grep -v '^diversion' >"$tmp/owners"
package_of() { # the Debian package that owns file $1 (with or without /usr), or ""
	for f in "$1" "${1#/usr}" "/usr$1"; do
		p=$(awk -v f="$f" '{ i = index($0, ": "); if (substr($0, i + 2) == f) { p = substr($0, 1, i - 1); sub(/[:,].*/, "", p); print p; exit } }' "$tmp/owners")
		[ -n "$p" ] && { echo "$p"; return; }
	done
}
errors=0 count=0
err() { errors=$((errors + 1)); echo "fresh-check: $*" >&2; }
while IFS="$(printf '\t')" read -r cmd files; do
	count=$((count + 1))
	listed=$(printf '%s\n' $LIST | awk -F: -v c="$cmd" '$1 == c { print $2 }')
	if [ -z "$listed" ]; then
		err "$cmd (called in $files) is not in fresh-check's list: add $cmd:PACKAGE to LIST in scripts/fresh-check.sh, and PACKAGE to install-deps.sh unless it is Essential or a dependency of one there"
		continue
	fi
	path=$(command -v "$cmd" 2>/dev/null)
	case $path in /*) ;; *) path="" ;; esac
	if [ -z "$path" ] && [ "$listed" = - ]; then
		[ $verbose -eq 1 ] && printf '%-14s %-36s %s\n' "$cmd" "(not installed)" "optional, not needed as root"
		continue
	fi
	if [ -z "$path" ] && grep -qx "$listed" "$tmp/bench-only"; then
		[ $verbose -eq 1 ] && printf '%-14s %-36s %s\n' "$cmd" "(not installed)" "bench only: install-deps.sh --bench installs $listed"
		continue
	fi
	if [ -z "$path" ]; then
		err "$cmd (called in $files) is not installed: add Debian package $listed to scripts/install-deps.sh"
		continue
	fi
	real=$(readlink -f "$path")
	pkg=$(package_of "$path")
	[ -n "$pkg" ] || pkg=$(package_of "$real")
	if [ -z "$pkg" ]; then
		err "$cmd is $real, which no Debian package installed: the tests need Debian's (package $listed, via scripts/install-deps.sh)"
		continue
	fi
	if ! grep -qx "$pkg" "$tmp/closure"; then
		err "$cmd (called in $files) comes from Debian package $pkg, which scripts/install-deps.sh --test does not install: add $pkg to it"
		continue
	fi
	[ $verbose -eq 1 ] && printf '%-14s %-36s %s\n' "$cmd" "$real" "$pkg"
done <"$tmp/commands"
# the browser tests' commands are read above from run('NAME') and execFileSync('NAME'); any other way is not,
# except spawn(bin, ...) / spawnSync(bin, ...): bin is learnweek itself (LEARNWEEK_BIN, lib.mjs), no package's
for f in $(grep -l 'child_process' tests/e2e/*.mjs 2>/dev/null); do
	grep -E '(^|[^A-Za-z])(exec|execSync|spawn|spawnSync|execFile)\(' "$f" | grep -Evq '(^|[^A-Za-z])(spawn|spawnSync)\(bin, ' &&
		err "$f runs commands in a way this script does not read (exec, spawn...): call them as run('NAME', [...]) through execFileSync"
done
for entry in $LIST; do
	grep -q "^${entry%%:*}$(printf '\t')" "$tmp/commands" ||
		echo "fresh-check: note: ${entry%%:*} is in the list but no test or script calls it any more" >&2
done
if [ $errors -gt 0 ]; then
	echo "fresh-check: $errors of the $count commands the tests and scripts call fail the check (see above)" >&2
	exit 1
fi
echo "fresh-check: ok, the $count commands the tests and scripts call come from packages install-deps.sh --test installs (bench/: --bench)"
