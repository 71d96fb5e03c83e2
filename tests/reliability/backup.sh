#!/bin/sh
# backup.sh [BACKUPS]: `learnweek backup` while the server is under load, and
# `learnweek restore` of each copy. A demo folder with 20,000 generated
# activities is served while the 13 unit admins save their activity forms,
# three of them upload photos (a new picture each time, so the file store
# grows by some hundred files a second) and
# residents browse (bench/load.lua under wrk). Meanwhile BACKUPS backups
# (default 3) are taken one after another; then the load stops (SIGINT: wrk
# prints its summary). Each backup must:
#  - be made (exit 0) while the load goes on, the load seeing no error;
#  - restore into a new folder (`learnweek restore`, which checks integrity);
#  - pass `learnweek check --deep` there (every stored file's SHA-256, no
#    orphan, no reference to a missing file);
#  - hold every photo and activity acknowledged before the backup began;
#  - serve: the restored folder starts and answers its pages.
# Loopback only; bounded by BACKUPS (and wrk by a 10-minute -d).
set -eu
cd "$(dirname "$0")/../.."
[ -x build/tests/photo ] || { echo "backup.sh: build/tests/photo is missing (make build/tests/photo)" >&2; exit 1; }
backups=${1:-3}
root=$(pwd)
bin=${LEARNWEEK_BIN:-./learnweek}
tmp=$(mktemp -d)
data="$tmp/data"
pid=""
wrk_pids=""
. tests/reliability/lib.sh
trap 'for p in $wrk_pids; do kill "$p" 2>/dev/null; done; stop; rm -rf "$tmp"' EXIT
fail() { echo "backup.sh: $*" >&2; exit 1; }
command -v wrk >/dev/null || fail "wrk is not installed: Debian package wrk (make deps-test installs it)"
export LEARNWEEK_FAST_HASH=1

"$bin" demo --data "$data" >/dev/null
sh bench/gen.sh "$data" 20000 >/dev/null
sql "SELECT id FROM activities WHERE status <> 'draft'" >"$tmp/acts"
start
unit_sessions "$tmp/accounts"
# a real PNG of random pixels; the server stores its own re-encoding, so the
# bytes load.lua appends to make each upload unique are dropped and every
# upload is the same stored file (a new row each time)
build/tests/photo 26 26 >"$tmp/p.png"

export LW_DAYS="$(week_days)" LW_UNITS="$(sql "SELECT group_concat(id) FROM units WHERE parent_id IS NOT NULL")" LW_ACTS="$tmp/acts" \
	LW_ACCOUNTS="$tmp/accounts" LW_PNG="$tmp/p.png" LW_RANDOM_PNG=1
for k in edit:13 upload:3 activity:4 home:2; do
	LW_KIND=${k%%:*} wrk -t"${k#*:}" -c"${k#*:}" -d600s --timeout 30s -s bench/load.lua "$base" \
		>"$tmp/wrk.${k%%:*}" 2>"$tmp/wrk.${k%%:*}.err" &
	wrk_pids="$wrk_pids $!"
done

n=0
sleep 2
while [ $n -lt "$backups" ]; do
	n=$((n + 1))
	photos=$(sql "SELECT count(*) FROM activity_photos")
	acts=$(sql "SELECT count(*) FROM activities")
	b0=$(date +%s.%N)
	"$bin" backup --data "$data" "$tmp/backup$n.zip" >"$tmp/backup$n.out" 2>&1 || { cat "$tmp/backup$n.out"; fail "backup $n failed"; }
	took=$(awk -v a="$b0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	"$bin" restore --data "$tmp/restored$n" "$tmp/backup$n.zip" >"$tmp/restore$n.out" 2>&1 ||
		{ cat "$tmp/restore$n.out"; fail "restoring backup $n failed"; }
	"$bin" check --data "$tmp/restored$n" --deep >"$tmp/check$n.out" 2>&1 ||
		{ cat "$tmp/check$n.out"; fail "backup $n: learnweek check --deep failed on the restored copy"; }
	db="$tmp/restored$n/learnweek.db"
	got_photos=$(sqlite3 "$db" "SELECT count(*) FROM activity_photos")
	got_acts=$(sqlite3 "$db" "SELECT count(*) FROM activities")
	[ "$got_photos" -ge "$photos" ] || fail "backup $n: $got_photos photos, but $photos were saved before it began"
	[ "$got_acts" -ge "$acts" ] || fail "backup $n: $got_acts activities, but $acts were saved before it began"
	files=$(find "$tmp/restored$n/files" -path "$tmp/restored$n/files/tmp" -prune -o -type f -print | wc -l)
	echo "backup $n: ${took} s, $(($(wc -c <"$tmp/backup$n.zip") / 1048576)) MB, $got_acts activities, $got_photos photos," \
		"$files stored files; restored, check --deep ok"
	rm -f "$tmp/backup$n.zip"
	[ $n -gt 1 ] && rm -rf "$tmp/restored$((n - 1))"
	for p in $wrk_pids; do kill -0 "$p" 2>/dev/null || fail "wrk ended before backup $n was checked"; done
done
for p in $wrk_pids; do kill -INT "$p"; done
# shellcheck disable=SC2086
wait $wrk_pids || true
wrk_pids=""
errors=0
for k in edit upload activity home; do
	e=$(awk -v k="$k" '$1 == k { print $8 }' "$tmp/wrk.$k")
	[ -n "$e" ] || fail "wrk $k printed no summary: $(cat "$tmp/wrk.$k.err")"
	errors=$((errors + e))
done
[ "$errors" -eq 0 ] || { cat "$tmp"/wrk.*; fail "the load saw $errors errors while backing up"; }

# the last copy serves
stop
data="$tmp/restored$n"
start
# a day of the current week (the demo's live one) for the feed's date filter
day=$(sql "SELECT starts_on FROM weeks WHERE year <> 2022 ORDER BY id LIMIT 1")
for p in / "/a/$(head -n 1 "$tmp/acts")" "/calendar.ics?unit=2&content=1&date=$day" /healthz; do
	c=$(curl -s -o /dev/null -w '%{http_code}' "$base$p")
	[ "$c" = 200 ] || fail "the restored copy answered $c to $p"
done
stop
echo "backup.sh: $n backups under load ($(cat "$tmp/wrk.edit" "$tmp/wrk.upload" "$tmp/wrk.activity" "$tmp/wrk.home" |
	awk '$1 ~ /^(edit|upload|activity|home)$/ { s += $2 } END { print s }') requests, 0 errors)," \
	"each restored and checked with --deep; the last one serves"
