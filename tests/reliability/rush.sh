#!/bin/sh
# rush.sh [ROUNDS]: the deadline rush. The 13 unit admins of the demo each
# have the three attachments a submission needs (工作总结, 典型案例, 盖章扫描件);
# then, ROUNDS times (default 20): the centre returns every unit's latest
# version, and all 13 units submit at the same moment, each clicking twice
# (26 requests released together). After every round:
#  - every unit has exactly as many versions as rounds so far, numbered 1..r
#    without a gap or a double (the UNIQUE (report, version) index backs it);
#  - per unit exactly one of its two clicks was answered 303 (submitted) and
#    the other 409 (already submitted), and nothing answered 5xx;
#  - the round's versions were submitted within the same second or two.
# At the end `learnweek check` passes. Loopback only, ROUNDS bounds it.
set -eu
cd "$(dirname "$0")/../.."
rounds=${1:-20}
bin=${LEARNWEEK_BIN:-./learnweek}
tmp=$(mktemp -d)
data="$tmp/data"
pid=""
trap 'stop; rm -rf "$tmp"' EXIT
. tests/reliability/lib.sh
export LEARNWEEK_FAST_HASH=1
fail() { echo "rush.sh: round ${r:-0}: $*" >&2; tail -n 5 "$tmp/server.log" >&2; exit 1; }

"$bin" demo --data "$data" >/dev/null
start
units=$(sql "SELECT a.username || ':' || a.unit_id FROM accounts a JOIN units u ON u.id = a.unit_id
	WHERE a.role = 'unit_admin' AND u.parent_id IS NOT NULL ORDER BY a.unit_id")
[ "$(echo "$units" | wc -l)" -eq 13 ] || fail "expected 13 unit admins"
centre_csrf=$(signin centre_admin)
# a week of its own where no unit has submitted yet (the demo's weeks have
# reports at every stage), made by the centre through the week form
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/jar.centre_admin" --data-urlencode "_csrf=$centre_csrf" \
	-d year=2099 --data-urlencode "title=2099年截止冲刺测试活动周" --data-urlencode "theme=截止前的冲刺" \
	-d starts_on=2099-12-01 -d ends_on=2099-12-07 -d deadline=2099-12-09T23:59 -d notice= "$base/admin/weeks")
[ "$code" = 303 ] || fail "creating the week answered $code"
week=$(sql "SELECT id FROM weeks WHERE year = 2099")
for k in summary case scan; do printf '%%PDF-1.4\n%% rush %s\n%%%%EOF\n' "$k" >"$tmp/$k.pdf"; done
for u in $units; do
	name=${u%%:*} unit=${u#*:}
	signin "$name" >"$tmp/csrf.$unit"
	for k in summary case; do
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/jar.$name" -F "_csrf=$(cat "$tmp/csrf.$unit")" -F "week=$week" \
			-F "kind=$k" -F "file=@$tmp/$k.pdf;filename=$k.pdf" "$base/units/$unit/attachments")
		[ "$code" = 303 ] || fail "$name: uploading $k answered $code"
	done
done
# each round's version: 定稿, then its stamped scan
finalise_and_scan() {
	for u in $units; do
		name=${u%%:*} unit=${u#*:}
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/jar.$name" --data "_csrf=$(cat "$tmp/csrf.$unit")&week=$week" \
			"$base/units/$unit/report/finalise")
		[ "$code" = 303 ] || fail "$name: 定稿 answered $code"
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/jar.$name" -F "_csrf=$(cat "$tmp/csrf.$unit")" -F "week=$week" \
			-F "kind=scan" -F "file=@$tmp/scan.pdf;filename=scan.pdf" "$base/units/$unit/attachments")
		[ "$code" = 303 ] || fail "$name: uploading the scan answered $code"
	done
}

slowest=0
r=0
while [ $r -lt "$rounds" ]; do
	r=$((r + 1))
	if [ $r -gt 1 ]; then
		for u in $units; do
			unit=${u#*:}
			id=$(sql "SELECT max(s.id) FROM submissions s JOIN reports p ON p.id = s.report_id WHERE p.unit_id = $unit AND p.week_id = $week")
			code=$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/jar.centre_admin" --data-urlencode "_csrf=$centre_csrf" \
				-d target=general --data-urlencode "comment=第 $r 轮：请补充活动照片" "$base/admin/submissions/$id/return")
			[ "$code" = 303 ] || fail "returning version $id answered $code"
		done
	fi
	finalise_and_scan
	rm -f "$tmp/go" "$tmp"/code.*
	jobs=""
	for u in $units; do
		name=${u%%:*} unit=${u#*:}
		for click in 1 2; do
			(
				i=0
				while [ ! -e "$tmp/go" ] && [ $i -lt 1000 ]; do sleep 0.01; i=$((i + 1)); done
				curl -s -m 30 -o /dev/null -w '%{http_code}\n' -b "$tmp/jar.$name" \
					--data "_csrf=$(cat "$tmp/csrf.$unit")&week=$week" "$base/units/$unit/submission" \
					>"$tmp/code.$unit.$click" || echo "curl-$?" >"$tmp/code.$unit.$click"
			) &
			jobs="$jobs $!"
		done
	done
	sleep 0.2 # every client waiting at the gate
	t0=$(date +%s.%N)
	touch "$tmp/go"
	# shellcheck disable=SC2086
	wait $jobs
	took=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
	slowest=$(awk -v a="$slowest" -v b="$took" 'BEGIN { print (b > a ? b : a) }')

	in_week="submissions s JOIN reports p ON p.id = s.report_id WHERE p.week_id = $week"
	[ "$(sql "SELECT count(*) FROM $in_week")" -eq $((13 * r)) ] ||
		fail "$(sql "SELECT count(*) FROM $in_week") versions in all, expected $((13 * r))"
	bad=$(sql "SELECT p.unit_id || ': ' || count(*) || ' versions, ' || min(s.version) || '..' || max(s.version)
		FROM $in_week GROUP BY p.id
		HAVING count(*) <> $r OR min(s.version) <> 1 OR max(s.version) <> $r OR count(DISTINCT s.version) <> $r")
	[ -z "$bad" ] || fail "versions not 1..$r: $bad"
	for u in $units; do
		unit=${u#*:}
		codes=$(cat "$tmp/code.$unit.1" "$tmp/code.$unit.2" | sort | tr '\n' ' ')
		[ "$codes" = "303 409 " ] || fail "unit $unit: the two clicks answered $codes (expected one 303 and one 409)"
	done
	spread=$(sql "SELECT max(s.submitted_at) - min(s.submitted_at) FROM $in_week AND s.version = $r")
	[ "$spread" -le 2 ] || fail "the round's versions are $spread s apart"
done
stop
"$bin" check --data "$data" >"$tmp/check" 2>&1 || { cat "$tmp/check"; fail "learnweek check failed"; }
grep -q "Sanitizer\|runtime error" "$tmp/server.log" && fail "sanitizer report in the server log"
echo "rush.sh: $rounds rounds x 13 units x 2 clicks: $((13 * rounds)) versions, each unit 1..$rounds exactly once," \
	"$((13 * rounds)) second clicks refused with 409; slowest round ${slowest} s for 26 requests; learnweek check ok"
