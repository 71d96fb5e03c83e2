#!/bin/sh
# engines.sh: the same demo reads the same on SQLite and on PostgreSQL (issue 18).
# One demo made twice with the same --now and the same random seed
# (LEARNWEEK_DEMO_SEED: the same passwords, codes and secret), once in a
# SQLite data folder and once in a PostgreSQL database, each served with the
# same --now. Then every page is crawled on both servers side by side,
# anonymously and as every demo account: the links of each page followed
# (GET only, not /logout), up to CAP addresses per kind of address (the same
# path with other ids), every address fetched from both servers. The status,
# the type and the body must be the same, after taking out what differs per
# request (the CSRF token) or per run (a PDF's creation time, which cairo
# stamps with the real clock): HTML and text compared as they are, a PDF as
# its text (pdftotext), a DOCX or XLSX as its XML, any other file byte for
# byte. A difference fails naming the account, the page and the first line
# that differs.
# ENGINES_PG=migrate: the PostgreSQL side is not a demo of its own but the
# SQLite folder moved there (learnweek migrate-to-postgres, every row and
# file checked by the command), served from that folder's files: a data
# folder moved to PostgreSQL reads identically, every page of it.
# Usage: sh scripts/pg-test-cluster.sh run sh tests/cli/engines.sh
#        (LEARNWEEK_BIN: the binary, default ./learnweek; CAP default 3)
set -u

BIN=${LEARNWEEK_BIN:-./learnweek}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
CAP=${CAP:-3}
[ -x "$BIN" ] || { echo "engines.sh: $BIN not built" >&2; exit 1; }
for tool in curl:curl psql:postgresql-client pdftotext:poppler-utils unzip:unzip; do
	command -v ${tool%%:*} >/dev/null 2>&1 ||
		{ echo "engines.sh: ${tool%%:*} is not installed: Debian package ${tool#*:} (make deps-test installs it)" >&2; exit 1; }
done
if [ -z "${LEARNWEEK_PG_CLUSTER:-}" ]; then
	echo "engines.sh: no PostgreSQL server: run it as sh scripts/pg-test-cluster.sh run sh tests/cli/engines.sh" >&2
	exit 1
fi
export LEARNWEEK_FAST_HASH=1 LC_ALL=C.UTF-8
unset LEARNWEEK_DATABASE LEARNWEEK_NOW
NOW=2026-12-03T10:00+08:00
PUBLIC=http://127.0.0.1:8080 # both servers' public address: the same QR codes and links

T=$(mktemp -d "${TMPDIR:-/tmp}/lw-engines.XXXXXX") || exit 1
PIDS=""
. "$(dirname "$0")/../reliability/pg.sh" # pg_new_database, pg_drop
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	pg_drop >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

die() { echo "engines.sh: $*" >&2; exit 1; }

pg_new_database lwengines >"$T/psql.log" 2>&1 || die "cannot make a database: $(cat "$T/psql.log")"
PGADDR=$LW_DB

LEARNWEEK_DEMO_SEED=engines "$BIN" demo --data "$T/sqlite" --now "$NOW" >"$T/demo-sqlite.log" 2>&1 ||
	die "demo on SQLite failed: $(tail -5 "$T/demo-sqlite.log")"
PGDATA=$T/pg # the PostgreSQL server's data folder (its files)
if [ "${ENGINES_PG:-demo}" = migrate ]; then
	"$BIN" migrate-to-postgres --data "$T/sqlite" --database "$PGADDR" >"$T/migrate.log" 2>&1 ||
		die "migrate-to-postgres failed: $(tail -5 "$T/migrate.log")"
	grep -q '0 张表有问题' "$T/migrate.log" && grep -q '0 个问题' "$T/migrate.log" ||
		die "the migration's own check: $(tail -3 "$T/migrate.log")"
	PGDATA=$T/sqlite
	echo "engines: the SQLite folder moved to PostgreSQL: $(grep '核对' "$T/migrate.log")"
else
	LEARNWEEK_DEMO_SEED=engines "$BIN" demo --data "$T/pg" --database "$PGADDR" --now "$NOW" >"$T/demo-pg.log" 2>&1 ||
		die "demo on PostgreSQL failed: $(tail -5 "$T/demo-pg.log")"
	cmp -s "$T/sqlite/demo-accounts.txt" "$T/pg/demo-accounts.txt" ||
		die "the two demos have different accounts (is LEARNWEEK_DEMO_SEED honoured?)"
fi

# serve NAME DIR [--database ADDRESS]: a server of data folder DIR on a free port
serve() {
	name=$1 dir=$2
	shift 2
	"$BIN" serve --data "$dir" "$@" --listen 127.0.0.1:0 --port-file "$T/$name.port" --now "$NOW" \
		--public-url "$PUBLIC" >"$T/$name.log" 2>&1 &
	PIDS="$PIDS $!"
}
# wait_for NAME: until it listens; its base address in $T/NAME.base
wait_for() {
	i=0
	while [ ! -s "$T/$1.port" ]; do
		i=$((i + 1))
		[ $i -gt 300 ] && die "the $1 server did not start: $(tail -5 "$T/$1.log")"
		sleep 0.1
	done
	echo "http://127.0.0.1:$(cat "$T/$1.port")" >"$T/$1.base"
}
# both started at once: their clocks (--now, then moving with real time) a
# few milliseconds apart, so a countdown in minutes reads the same on both
serve sqlite "$T/sqlite"
serve pg "$PGDATA" --database "$PGADDR"
wait_for sqlite
wait_for pg
A=$(cat "$T/sqlite.base")
B=$(cat "$T/pg.base")

# login BASE JAR USER PASSWORD: the start page after signing in (the Location), or
# nothing; as a browser on the site's public address (the origin check) would
login() {
	csrf=$(curl -s -c "$2" -b "$2" "$1/login" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
	curl -s -o /dev/null -w '%{redirect_url}' -c "$2" -b "$2" -H "Origin: $PUBLIC" --data-urlencode "_csrf=$csrf" \
		--data-urlencode "username=$3" --data-urlencode "password=$4" "$1/login" | sed "s|^$1||"
}

# norm FILE TYPE: the body as compared, on stdout
norm() {
	case $2 in
	application/pdf*) pdftotext -q "$1" - 2>/dev/null ;;
	application/vnd.openxmlformats*)
		# made at the request: its created and modified times are the clock's
		unzip -Z1 "$1" 2>/dev/null | sort | while read -r part; do
			case $part in *.xml | *.rels) echo "--- $part" && unzip -p "$1" "$(printf '%s' "$part" | sed 's/\[/[[]/g')" | sed 's/></>\n</g' |
				sed -E 's|(<dcterms:(created\|modified)[^>]*>)[^<]*|\1…|' ;; esac
		done ;;
	application/zip*)
		# each file by name and content (a ZIP's own entry times are the clock's):
		# text as its lines, any other file as its SHA-256
		unzip -Z1 "$1" 2>/dev/null | sort | while read -r part; do
			# (a [ in a name is a wildcard to unzip: [[] matches it)
			name=$(printf '%s' "$part" | sed 's/\[/[[]/g')
			case $part in
			*.json | *.txt | *.csv) echo "--- $part" && unzip -p "$1" "$name" | sed 's/,"/,\n"/g' ;;
			*) printf '%s ' "$part" && unzip -p "$1" "$name" | sha256sum ;;
			esac
		done ;;
	text/* | application/json* | application/xml* | application/javascript* | image/svg*)
		# the CSRF token (per session) and the request's clock (data-now, in seconds)
		sed -E 's/(data-now=")[0-9]*"/\1…"/g; s/(name="_csrf" value=")[^"]*"/\1…"/g; s/("csrf":")[^"]*"/\1…"/g; s/(<meta name="csrf-token" content=")[^"]*"/\1…"/g' "$1" ;;
	*) sha256sum <"$1" ;;
	esac
}

fails=0
pages=0
# crawl WHO JAR_A JAR_B START...: breadth first over the links of the pages
crawl() {
	who=$1 ja=$2 jb=$3
	shift 3
	: >"$T/seen" && : >"$T/kinds"
	printf '%s\n' "$@" >"$T/queue"
	while [ -s "$T/queue" ]; do
		url=$(head -n 1 "$T/queue")
		sed -i 1d "$T/queue"
		grep -qxF -- "$url" "$T/seen" && continue
		echo "$url" >>"$T/seen"
		# the kind of address: its path with every number as N
		kind=$(printf '%s' "${url%%\?*}" | sed -E 's/[0-9]+/N/g')
		[ "$(grep -cxF -- "$kind" "$T/kinds")" -ge "$CAP" ] && continue
		echo "$kind" >>"$T/kinds"
		sa=$(curl -s -b "$ja" -o "$T/a.body" -w '%{http_code} %{content_type}' "$A$url")
		sb=$(curl -s -b "$jb" -o "$T/b.body" -w '%{http_code} %{content_type}' "$B$url")
		pages=$((pages + 1))
		if [ "$sa" != "$sb" ]; then
			echo "FAIL $who $url: SQLite answers $sa, PostgreSQL $sb"
			fails=$((fails + 1))
			continue
		fi
		type=${sa#* }
		norm "$T/a.body" "$type" >"$T/a.txt"
		norm "$T/b.body" "$type" >"$T/b.txt"
		if ! cmp -s "$T/a.txt" "$T/b.txt"; then
			# the first line that differs, from a little before where it does
			n=$(cmp "$T/a.txt" "$T/b.txt" 2>&1 | sed -n 's/.* line \([0-9]*\).*/\1/p')
			echo "FAIL $who $url: the pages differ at line ${n:-?}:"
			[ -n "$n" ] && { sed -n "${n}p" "$T/a.txt"; sed -n "${n}p" "$T/b.txt"; } | awk '
				NR == 1 { a = $0; next }
				{ b = $0; i = 1; while (i <= length(a) && substr(a, i, 1) == substr(b, i, 1)) i++
				  from = i > 120 ? i - 120 : 1
				  print "  SQLite:     " substr(a, from, 300); print "  PostgreSQL: " substr(b, from, 300) }'
			fails=$((fails + 1))
			continue
		fi
		case $type in text/html*) ;; *) continue ;; esac
		# its links: same-site GET addresses, fragments dropped, entities undone
		grep -oE '(href|src)="/[^"#]*' "$T/a.body" | sed -E 's/^(href|src)="//; s/&amp;/\&/g' |
			grep -vE '^/(logout|static/)' | while read -r l; do
			grep -qxF -- "$l" "$T/seen" || echo "$l"
		done >>"$T/queue"
	done
}

crawl 居民 /dev/null /dev/null / /weeks /resources /showcase /cases
while IFS="$(printf '\t')" read -r user pw _; do
	[ -n "$user" ] && [ -n "$pw" ] || continue
	sa=$(login "$A" "$T/jar.a" "$user" "$pw")
	sb=$(login "$B" "$T/jar.b" "$user" "$pw")
	[ -n "$sa" ] || die "$user cannot sign in on SQLite"
	[ -n "$sb" ] || die "$user cannot sign in on PostgreSQL"
	crawl "$user" "$T/jar.a" "$T/jar.b" "$sa" /
	rm -f "$T/jar.a" "$T/jar.b"
done <"$T/sqlite/demo-accounts.txt"

if [ $fails -gt 0 ]; then
	echo "engines: FAILED: $fails of $pages pages differ between SQLite and PostgreSQL"
	exit 1
fi
[ $pages -gt 100 ] || die "only $pages pages crawled: the crawl found too little to compare"
echo "engines: all $pages pages read the same on SQLite and on PostgreSQL"
