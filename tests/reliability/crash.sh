#!/bin/sh
# crash.sh [ROUNDS]: start the server, drive a stream of writes (activities and
# photo uploads from two clients; a third submits 东湖区's report, which the
# centre returns, over and over), kill the server with SIGKILL at a random
# moment, restart, and check after every round that
#  - PRAGMA integrity_check is ok and `learnweek check` finds no problem,
#  - every write that got a success response is present and whole (the
#    activity row with its title; the photo row and its stored file, whose
#    SHA-256 matches the bytes we sent; every submitted version, and every
#    return, acknowledged),
#  - the versions are numbered 1..n without a gap, and every file a version
#    names is in the store,
#  - no half-written file is visible in the store.
# Loopback only; bounded by ROUNDS (default 50).
set -eu
cd "$(dirname "$0")/../.."
[ -x build/tests/photo ] || { echo "crash.sh: build/tests/photo is missing (make build/tests/photo)" >&2; exit 1; }
rounds=${1:-50}
bin=${LEARNWEEK_BIN:-./learnweek}
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export LEARNWEEK_FAST_HASH=1
"$bin" demo --data "$tmp/data" > /dev/null
db="$tmp/data/learnweek.db"
unit=$(sqlite3 -cmd ".timeout 5000" "$db" "SELECT id FROM units WHERE code='donghu'")
: > "$tmp/acked-titles"
: > "$tmp/acked-photos"

start() {
	rm -f "$tmp/port"
	"$bin" serve --data "$tmp/data" --listen 127.0.0.1:0 --port-file "$tmp/port" >> "$tmp/server.log" 2>&1 &
	pid=$!
	for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
	base="http://127.0.0.1:$(cat "$tmp/port")"
}

login() { # jar [user]
	u=${2:-donghu_admin}
	p=$(awk -F'\t' -v u="$u" '$1 == u { print $2 }' "$tmp/data/demo-accounts.txt")
	c=$(curl -s -c "$1" -b "$1" "$base/login" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	curl -s -c "$1" -b "$1" -o /dev/null -H "Origin: $base" -d "_csrf=$c&username=$u&password=$p" "$base/login"
	curl -s -c "$1" -b "$1" "$base/admin" | sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1
}

writer() { # id round
	jar="$tmp/jar$1"
	rm -f "$jar"
	csrf=$(login "$jar") || return 0
	i=0
	while :; do
		i=$((i + 1))
		title="crash-$2-$1-$i"
		code=$(curl -s -m 5 -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" \
			--data-urlencode "title=$title" --data-urlencode "host=测试学院" -d "content=2&mode=offline" \
			-d "starts_at=2022-12-03T09:00&ends_at=2022-12-03T10:00" --data-urlencode "venue=测试地点" \
			"$base/units/$unit/activities" 2>/dev/null) || return 0
		[ "$code" = 303 ] && echo "$title" >> "$tmp/acked-titles"
		if [ $((i % 3)) = 0 ]; then
			act=$(sqlite3 -cmd ".timeout 5000" "$db" "SELECT id FROM activities WHERE title='$title'" 2>/dev/null || true)
			[ -n "$act" ] || continue
			f="$tmp/photo-$1-$i.png"
			build/tests/photo 90 $((70 + i % 40)) > "$f"
			code=$(curl -s -m 10 -b "$jar" -o /dev/null -w '%{http_code}' -F "_csrf=$csrf" -F "photo=@$f;filename=照片$i.png" \
				"$base/activities/$act/photos" 2>/dev/null) || return 0
			# stored as the server's re-encoding: the activity's photo row is what to look for
			[ "$code" = 303 ] && echo "$act" >> "$tmp/acked-photos"
			rm -f "$f"
		fi
	done
}

# submits the report (all three attachments are there) and has the centre
# return it, over and over; acknowledged submits and returns are noted
submitter() {
	ujar="$tmp/jar-unit" cjar="$tmp/jar-centre"
	rm -f "$ujar" "$cjar"
	ucsrf=$(login "$ujar") || return 0
	ccsrf=$(login "$cjar" centre_admin) || return 0
	while :; do
		# 定稿 and its stamped scan first (the writers' activities may void it: then 报送 is refused and tried again)
		curl -s -m 5 -b "$ujar" -o /dev/null --data "_csrf=$ucsrf&week=$week" "$base/units/$unit/report/finalise" 2>/dev/null || return 0
		curl -s -m 5 -b "$ujar" -o /dev/null -F "_csrf=$ucsrf" -F "week=$week" -F "kind=scan" -F "file=@$tmp/scan.pdf" \
			"$base/units/$unit/attachments" 2>/dev/null || return 0
		code=$(curl -s -m 5 -b "$ujar" -o /dev/null -w '%{http_code}' --data "_csrf=$ucsrf&week=$week" \
			"$base/units/$unit/submission" 2>/dev/null) || return 0
		[ "$code" = 303 ] && echo submitted >> "$tmp/acked-submits"
		id=$(sqlite3 -cmd ".timeout 5000" "$db" "SELECT max(s.id) FROM submissions s JOIN reports p ON p.id = s.report_id
			WHERE p.unit_id = $unit AND p.week_id = $week AND s.status = 'submitted'" 2>/dev/null || true)
		[ -n "$id" ] || continue
		code=$(curl -s -m 5 -b "$cjar" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$ccsrf" \
			-d target=general --data-urlencode "comment=请补充" "$base/admin/submissions/$id/return" 2>/dev/null) || return 0
		[ "$code" = 303 ] && echo "$id" >> "$tmp/acked-returns"
	done
}

# the three attachments a submission needs, once; in the demo's live week
# (the second it makes), where 东湖区 is still filling in (2022 is accepted)
week=$(sqlite3 "$db" "SELECT id FROM weeks WHERE year <> 2022 ORDER BY id LIMIT 1")
start
csrf=$(login "$tmp/jar0")
for k in summary case scan; do
	printf '%%PDF-1.4\n%% crash %s\n%%%%EOF\n' "$k" > "$tmp/$k.pdf"
	[ "$k" = scan ] && continue # uploaded against each 定稿 by the submitter
	[ "$(curl -s -b "$tmp/jar0" -o /dev/null -w '%{http_code}' -F "_csrf=$csrf" -F "week=$week" -F "kind=$k" \
		-F "file=@$tmp/$k.pdf" "$base/units/$unit/attachments")" = 303 ] || { echo "crash.sh: uploading $k failed" >&2; exit 1; }
done
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
: > "$tmp/acked-submits"
: > "$tmp/acked-returns"

fail() { echo "crash.sh: round $r: $*" >&2; exit 1; }
r=0
while [ $r -lt "$rounds" ]; do
	r=$((r + 1))
	touch "$tmp/round"
	start
	writer 1 $r & w1=$!
	writer 2 $r & w2=$!
	submitter & w3=$!
	# a random moment between 0.3 and 2.3 s
	sleep "$(awk -v s="$r$$" 'BEGIN{srand(s); printf "%.2f", 0.3 + rand() * 2}')"
	kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=
	kill "$w1" "$w2" "$w3" 2>/dev/null || true; wait "$w1" "$w2" "$w3" 2>/dev/null || true
	[ "$(sqlite3 -cmd ".timeout 5000" "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check failed"
	"$bin" check --data "$tmp/data" > "$tmp/check.out" || { cat "$tmp/check.out"; fail "learnweek check failed"; }
	# every acknowledged write is there: one query each, compared as sorted lists
	sort -u "$tmp/acked-titles" > "$tmp/want"
	sqlite3 -cmd ".timeout 5000" "$db" "SELECT title FROM activities WHERE title LIKE 'crash-%'" | sort -u > "$tmp/have"
	missing=$(comm -23 "$tmp/want" "$tmp/have" | head -3)
	[ -z "$missing" ] || fail "acknowledged activities are missing: $missing"
	sort -u "$tmp/acked-photos" > "$tmp/want"
	sqlite3 -cmd ".timeout 5000" "$db" "SELECT activity_id FROM activity_photos" | sort -u > "$tmp/have"
	missing=$(comm -23 "$tmp/want" "$tmp/have" | head -3)
	[ -z "$missing" ] || fail "acknowledged photos are missing: $missing"
	# every acknowledged version is there, numbered 1..n, naming stored files;
	# every acknowledged return stuck
	set -- $(sqlite3 -cmd ".timeout 5000" -separator ' ' "$db" "SELECT count(*), coalesce(max(version), 0),
		count(DISTINCT version) FROM submissions s JOIN reports p ON p.id = s.report_id WHERE p.unit_id = $unit AND p.week_id = $week")
	[ "$1" -ge "$(wc -l < "$tmp/acked-submits")" ] || fail "$(wc -l < "$tmp/acked-submits") acknowledged submissions, $1 versions"
	[ "$1" = "$2" ] && [ "$1" = "$3" ] || fail "versions are not 1..n: $1 versions, highest $2, $3 distinct"
	lost=$(sqlite3 -cmd ".timeout 5000" "$db" "SELECT count(*) FROM submissions s, json_each(s.files_json) j
		WHERE json_extract(j.value, '$.sha256') NOT IN (SELECT sha256 FROM files)")
	[ "$lost" = 0 ] || fail "$lost files named by submitted versions are not in the store"
	sort -u "$tmp/acked-returns" > "$tmp/want"
	sqlite3 -cmd ".timeout 5000" "$db" "SELECT id FROM submissions WHERE status = 'returned'" | sort -u > "$tmp/have"
	missing=$(comm -23 "$tmp/want" "$tmp/have" | head -3)
	[ -z "$missing" ] || fail "acknowledged returns are missing: $missing"
	# files stored since the round began are whole; never a half-written one in the store
	# (leftovers of uploads cut short may stay in files/tmp: check lists them, serve clears them)
	find "$tmp/data/files" -path "$tmp/data/files/tmp" -prune -o -type f -newer "$tmp/round" -print | while read -r f; do
		[ "$(sha256sum "$f" | cut -d' ' -f1)" = "$(basename "$f")" ] || fail "half-written file in the store: $f"
	done || exit 1
done
find "$tmp/data/files" -path "$tmp/data/files/tmp" -prune -o -type f -print | while read -r f; do
	[ "$(sha256sum "$f" | cut -d' ' -f1)" = "$(basename "$f")" ] || { echo "crash.sh: $f is not whole" >&2; exit 1; }
done || exit 1
"$bin" check --data "$tmp/data" --deep > "$tmp/check.out" || { cat "$tmp/check.out"; echo "crash.sh: check --deep failed" >&2; exit 1; }
echo "crash.sh: $rounds rounds, $(wc -l < "$tmp/acked-titles") acknowledged activities, $(wc -l < "$tmp/acked-photos") photos," \
	"$(wc -l < "$tmp/acked-submits") submitted versions and $(wc -l < "$tmp/acked-returns") returns, all present and whole"
echo "$rounds passed, 0 failed"
