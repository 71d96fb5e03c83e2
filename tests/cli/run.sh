#!/bin/sh
# run.sh: black-box tests of the learnweek command line (the contract in issue 2):
# help and --help, exit status 2 with a Chinese message for bad input, init and
# demo, user add/passwd/disable/list (checked by logging in over HTTP with curl),
# backup while the server is being written to, and restore; permissions
# under umask 000 (perms.sh); the signed package between two installs (package.sh).
# Usage: LEARNWEEK_BIN=build/san/learnweek sh tests/cli/run.sh
set -u

BIN=${LEARNWEEK_BIN:-build/san/learnweek}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
[ -x "$BIN" ] || { echo "run.sh: $BIN not built" >&2; exit 1; }
for tool in curl:curl sqlite3:sqlite3 unzip:unzip pdftotext:poppler-utils xmllint:libxml2-utils; do
	command -v ${tool%%:*} >/dev/null 2>&1 ||
		{ echo "run.sh: ${tool%%:*} is not installed: Debian package ${tool#*:} (make deps-test installs it)" >&2; exit 1; }
done
export LEARNWEEK_FAST_HASH=1   # argon2id at its cheapest: the tests log in often
export LC_ALL=C.UTF-8

T=$(mktemp -d "${TMPDIR:-/tmp}/lw-cli.XXXXXX") || exit 1
SERVER_PID=
LOAD_PID=
cleanup() {
	[ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

. "$(dirname "$0")/../outcome.sh"
check() { # check NAME COMMAND...: passes when the command succeeds
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "$(tail -c 600 "$T/err" 2>/dev/null)"; fi
}

# run ARGS...: the binary with stdin from /dev/null; stdout in $T/out, stderr
# in $T/err, exit status in $rc. A sanitizer report is a failure of its own.
run() {
	"$BIN" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	sanitizer_clean "$T/err" "$*"
}
# run_stdin FILE ARGS...: the same with stdin from FILE
run_stdin() {
	input=$1
	shift
	"$BIN" "$@" <"$input" >"$T/out" 2>"$T/err"
	rc=$?
	sanitizer_clean "$T/err" "$*"
}
# run_env NAME=VALUE ARGS...: run with one more variable in the environment
run_env() {
	assignment=$1
	shift
	env "$assignment" "$BIN" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	sanitizer_clean "$T/err" "$assignment $*"
}
sanitizer_clean() {
	if grep -q 'Sanitizer\|runtime error' "$1"; then
		not_ok "no sanitizer report: $2" "$(grep -m3 'Sanitizer\|runtime error' "$1")"
	fi
}

status_is() { [ "$rc" -eq "$1" ] || { echo "exit status $rc, want $1" >>"$T/err"; return 1; }; }
out_has() { grep -q -- "$1" "$T/out" || { echo "stdout lacks: $1" >>"$T/err"; return 1; }; }
err_has() { grep -q -- "$1" "$T/err" || { echo "stderr lacks: $1" >>"$T/err"; return 1; }; }
# A message for people is in Chinese: stderr holds a CJK ideograph (U+4E00..U+9FFF).
err_is_chinese() { LC_ALL=C grep -q "$(printf '[\344-\351][\200-\277][\200-\277]')" "$T/err" || { echo "stderr has no Chinese" >>"$T/err"; return 1; }; }
out_empty() { [ ! -s "$T/out" ] || { echo "stdout not empty" >>"$T/err"; return 1; }; }
# exits_2_in_chinese PHRASE: the last run exited 2 and said PHRASE in Chinese on stderr
exits_2_in_chinese() { status_is 2 && err_is_chinese && err_has "$1"; }

# is_zip FILE: starts with the ZIP local file header signature
is_zip() { [ "$(head -c 4 "$1" | od -An -tx1 | tr -d ' \n')" = 504b0304 ]; }
sql() { sqlite3 -batch -noheader "$1/learnweek.db" "$2"; }
# A fingerprint of a folder: names, sizes and contents.
fingerprint() { (cd "$1" && find . -type f -exec cksum {} + | sort && find . | sort); }

# ---- the server, for logging in ----

# start_server DIR [ARGS...]: serves DIR on an ephemeral port; sets BASE
start_server() {
	rm -f "$T/port"
	dir=$1
	shift
	"$BIN" serve --data "$dir" --listen 127.0.0.1:0 --port-file "$T/port" "$@" >"$T/server.log" 2>&1 &
	SERVER_PID=$!
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$T/port" ] || { cat "$T/server.log"; return 1; }
	BASE="http://127.0.0.1:$(cat "$T/port")"
}
# stop_server: SIGTERM; the server stops cleanly, exit 0, no sanitizer report
stop_server() {
	kill "$SERVER_PID"
	wait "$SERVER_PID"
	src=$?
	SERVER_PID=
	if [ $src -eq 0 ] && ! grep -q 'Sanitizer\|runtime error' "$T/server.log"; then
		ok "server stops cleanly on SIGTERM"
	else
		not_ok "server stops cleanly on SIGTERM" "exit $src; $(grep -m5 'Sanitizer\|runtime error\|ERROR' "$T/server.log")"
	fi
}

# login USER PASSWORD [JAR]: POST the login form as a browser on our page
# does (Origin: the server). Prints the HTTP status (303 on success).
login() {
	jar=${3:-$T/jar.$$}
	rm -f "$jar"
	csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/login" |
		grep -o 'name="_csrf" value="[0-9a-f]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
	curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -H "Origin: $BASE" \
		--data-urlencode "_csrf=$csrf" --data-urlencode "username=$1" \
		--data-urlencode "password=$2" "$BASE/login"
}
can_log_in() { [ "$(login "$1" "$2")" = 303 ]; }
cannot_log_in() { [ "$(login "$1" "$2")" = 401 ]; }

TAB=$(printf '\t')
COMMANDS="serve init demo user backup restore export units package routes help"

# ================= help =================

run help
lists_commands() { for c in $COMMANDS; do out_has "^  $c " || return 1; done; }
check "help exits 0 and lists every command" eval 'status_is 0 && out_has "命令" && lists_commands'
run
check "no command: help on stdout, exit 2" eval 'status_is 2 && out_has "命令"'
run --help
check "--help exits 0" eval 'status_is 0 && out_has "命令"'
for c in $COMMANDS; do
	run help "$c"
	check "help $c prints its usage" eval 'status_is 0 && out_has "^用法：learnweek $c"'
	run "$c" --help
	check "$c --help prints its usage" eval 'status_is 0 && out_has "^用法：learnweek $c"'
done
for sub in add passwd disable list; do
	run user "$sub" --help
	check "user $sub --help prints its usage" eval 'status_is 0 && out_has "^用法：learnweek user"'
done

# ================= bad command lines =================

run frobnicate
check "unknown command: exit 2, Chinese on stderr, nothing on stdout" eval 'exits_2_in_chinese "没有名为「frobnicate」的命令" && out_empty'
run help frobnicate
check "help for an unknown command: exit 2" eval 'exits_2_in_chinese "frobnicate"'
for c in $COMMANDS; do
	[ "$c" = help ] && continue
	if [ "$c" = user ]; then run user add --bogus; elif [ "$c" = units ]; then run units import --bogus; else run "$c" --bogus; fi
	check "$c: unknown option exits 2 in Chinese" eval 'exits_2_in_chinese "不认识的选项「--bogus」"'
done
run user frob --data "$T/x"
check "user: unknown subcommand exits 2" eval 'exits_2_in_chinese "frob"'
run user
check "user without a subcommand exits 2" eval 'status_is 2 && err_has "用法"'
run init
check "init without --data exits 2" eval 'exits_2_in_chinese "缺少 --data"'
run init --data
check "an option without its value exits 2" eval 'exits_2_in_chinese "需要一个值"'
run init --data "$T/x" extra
check "an extra argument exits 2" eval 'exits_2_in_chinese "多余的参数"'
run serve --data "$T/x" --threads 0
check "serve: bad --threads exits 2" eval 'exits_2_in_chinese "--threads"'
run serve --data "$T/x" --workers 300
check "serve: bad --workers exits 2" eval 'exits_2_in_chinese "--workers"'
run serve --data "$T/nowhere"
check "serve: a folder without data is refused" eval 'status_is 1 && err_has "不是数据目录"'
run backup --data "$T/nowhere"
check "backup without FILE exits 2" eval 'exits_2_in_chinese "备份文件名"'

# ================= the clock (--now, LEARNWEEK_NOW) =================

run demo --data "$T/c" --now 2022-13-01T10:00+08:00
check "--now with a month 13 exits 2 in Chinese, nothing made" eval 'exits_2_in_chinese "--now 的值「2022-13-01T10:00+08:00」不是一个时刻" && [ ! -e "$T/c" ]'
run demo --data "$T/c" --now
check "--now without a value exits 2" eval 'exits_2_in_chinese "--now 需要一个值"'
run init --data "$T/c" --now=2022-12-03T10:00+8
check "--now with a short offset exits 2" eval 'exits_2_in_chinese "+08:00"'
run_env LEARNWEEK_NOW=yesterday init --data "$T/c"
check "a bad LEARNWEEK_NOW exits 2 and names the variable" eval 'exits_2_in_chinese "LEARNWEEK_NOW 的值「yesterday」" && [ ! -e "$T/c" ]'
run_env LEARNWEEK_NOW=2022-12-03T10:00+08:00 serve --data "$T/c"
check "serve refuses LEARNWEEK_NOW (production takes --now only)" eval 'exits_2_in_chinese "LEARNWEEK_NOW 不用于正式服务"'
run_env LEARNWEEK_NOW=2025-06-18T09:30Z demo --data "$T/c"
check "LEARNWEEK_NOW sets the demo's today (UTC given)" eval 'status_is 0 && [ "$(sql "$T/c" "SELECT starts_on FROM weeks WHERE year = 2025")" = 2025-06-16 ]'
serve_at() { start_server "$T/c" --now "$@" || not_ok "serve --now $*"; } # serve_at TIME [ARGS...]
serve_at 2022-12-03T10:00+08:00
check "serve --now logs the clock at start" eval 'grep -q "the clock is set by --now: it is 2022-12-03T10:0" "$T/server.log"'
check "serve --now: the front page is the week of that day (2022)" eval 'curl -s "$BASE/" | grep -q "<h1>2022年南昌市全民终身学习活动周"'
stop_server
start_server "$T/c" || not_ok "serve"
check "serve without --now: the front page is this year's week" eval 'curl -s "$BASE/" | grep -q "<h1>2025年南昌市全民终身学习活动周"'
stop_server

# Sessions end after two hours idle (the default), told by the clock instead of
# waiting: sessions are kept in the database, so a server started again with a
# later --now judges the same session at that later time.
CPW=$(awk -F"$TAB" '$1 == "centre_admin" { print $2 }' "$T/c/demo-accounts.txt")
admin_status() { curl -s -o /dev/null -w '%{http_code}' -b "$T/jar.clock" "$BASE/admin"; }
serve_at 2025-06-18T10:00+08:00
check "clock: signed in at 10:00" eval '[ "$(login centre_admin "$CPW" "$T/jar.clock")" = 303 ] && [ "$(admin_status)" = 200 ]'
stop_server
serve_at 2025-06-18T11:55+08:00
check "clock: at 11:55 (1 h 55 min idle) the session still works, and the request keeps it alive" eval '[ "$(admin_status)" = 200 ]'
stop_server
serve_at 2025-06-18T13:50+08:00
check "clock: in use, it lives past two hours from the sign-in (13:50)" eval '[ "$(admin_status)" = 200 ]'
stop_server
serve_at 2025-06-18T15:51+08:00
check "clock: two hours and a minute idle, the session has ended (to the login page)" eval '[ "$(admin_status)" = 303 ] && curl -s -o /dev/null -w "%{redirect_url}" -b "$T/jar.clock" "$BASE/admin" | grep -q "/login?next="'
stop_server
serve_at 2025-06-18T16:00+08:00 --session-idle 60
check "clock: --session-idle 60, signed in at 16:00" eval '[ "$(login centre_admin "$CPW" "$T/jar.clock")" = 303 ] && [ "$(admin_status)" = 200 ]'
stop_server
serve_at 2025-06-18T16:01:05+08:00 --session-idle 60
check "clock: 65 s idle with --session-idle 60, the session has ended" eval '[ "$(admin_status)" = 303 ]'
stop_server
# twelve hours after sign-in a session ends however busy (idle limit lifted here)
serve_at 2025-06-19T08:00+08:00 --session-idle 86400
check "clock: signed in at 08:00" eval '[ "$(login centre_admin "$CPW" "$T/jar.clock")" = 303 ] && [ "$(admin_status)" = 200 ]'
stop_server
serve_at 2025-06-19T19:59+08:00 --session-idle 86400
check "clock: at 19:59 (11 h 59 min after sign-in) the session still works" eval '[ "$(admin_status)" = 200 ]'
stop_server
serve_at 2025-06-19T20:01+08:00 --session-idle 86400
check "clock: at 20:01, twelve hours after sign-in, the busy session has ended" eval '[ "$(admin_status)" = 303 ]'
stop_server

# ================= init =================

D="$T/init"
run init --data "$D"
check "init creates a data folder" eval 'status_is 0 && [ -f "$D/learnweek.db" ] && [ -d "$D/files" ]'
check "init: the database is sound and migrated" eval '[ "$(sql "$D" "PRAGMA integrity_check")" = ok ] && [ "$(sql "$D" "SELECT count(*) FROM schema_migrations")" -ge 1 ]'
run user list --data "$D"
check "init: no accounts yet" eval 'status_is 0 && out_empty'
before=$(fingerprint "$D")
run init --data "$D"
check "init refuses a folder that holds data (exit 2)" eval 'exits_2_in_chinese "已有内容"'
check "init leaves that folder untouched" eval '[ "$(fingerprint "$D")" = "$before" ]'
mkdir "$T/notes" && echo "别删我" >"$T/notes/readme.txt"
run init --data "$T/notes"
check "init refuses a folder with any file in it" eval 'status_is 2 && [ "$(ls -A "$T/notes")" = readme.txt ] && [ "$(cat "$T/notes/readme.txt")" = "别删我" ]'
mkdir "$T/empty"
run init --data "$T/empty"
check "init accepts an existing empty folder" eval 'status_is 0 && [ -f "$T/empty/learnweek.db" ]'
run serve --data "$D" --listen nonsense
check "serve: bad --listen exits 2" eval 'exits_2_in_chinese "--listen"'
for u in ftp://week.example.cn https://week.example.cn/path "https://a b" http:// https://x:99999; do
	run serve --data "$D" --listen 127.0.0.1:0 --public-url "$u"
	check "serve: --public-url $u exits 2" eval 'exits_2_in_chinese "--public-url"'
done
run serve --data "$D" --listen 127.0.0.1:0 --cache-mb lots
check "serve: bad --cache-mb exits 2" eval 'exits_2_in_chinese "--cache-mb"'
run serve --data "$D" --listen 127.0.0.1:0 --trusted-proxy proxy.example
check "serve: bad --trusted-proxy exits 2" eval 'exits_2_in_chinese "--trusted-proxy"'
run init --data "$T/jiujiang" --city 九江市 --centre 九江市社区教育指导中心
check "init --city --centre name the organiser" eval 'status_is 0 && [ "$(sql "$T/jiujiang" "SELECT name || kind FROM units WHERE parent_id IS NULL")" = 九江市社区教育指导中心市 ] && [ "$(sql "$T/jiujiang" "SELECT value FROM settings WHERE key = '"'city'"'")" = 九江市 ]'
# ================= levels: init --root, units import =================

run init --data "$T/jiangxi" --root 江西省
check "init --root names the top and takes its kind from the name" eval 'status_is 0 && [ "$(sql "$T/jiangxi" "SELECT name || kind FROM units WHERE parent_id IS NULL")" = 江西省省 ] && [ "$(sql "$T/jiangxi" "SELECT value FROM settings WHERE key = '"'city'"'")" = 江西省 ]'
run init --data "$T/nokind" --root 赣江新区管委会
check "init --root without a kind it can see exits 2" eval 'exits_2_in_chinese "--kind" && [ ! -e "$T/nokind/learnweek.db" ]'
run init --data "$T/gjxq" --root 赣江新区管委会 --kind 开发区
check "init --root --kind" eval 'status_is 0 && [ "$(sql "$T/gjxq" "SELECT kind FROM units WHERE parent_id IS NULL")" = 开发区 ]'
run init --data "$T/both" --root 江西省 --city 南昌市
check "init --root with --city exits 2" eval 'exits_2_in_chinese "--root"'
printf 'name,code,parent,kind\n南昌市,nanchang,,\n东湖区,donghu,nanchang,\n九江市,jiujiang,,市\n' >"$T/tree.csv"
printf '名称,代码,上级,类别\n赣州市,ganzhou,,\n章贡区,zhanggong,赣州,\n南康区,donghu,ganzhou,\n瑞金,ruijin,ganzhou,\n' >"$T/bad-tree.csv"
run units import --data "$T/jiangxi" "$T/bad-tree.csv"
check "units import: the errors row by row, exit 2, nothing written" eval 'exits_2_in_chinese "第 3 行 C 列「上级」：上级「赣州」不存在" && err_has "第 5 行 D 列「类别」：看不出「瑞金」是哪一级" && [ "$(sql "$T/jiangxi" "SELECT count(*) FROM units")" = 1 ]'
run units import --data "$T/jiangxi" "$T/tree.csv"
check "units import: a tree of nodes under the top" eval 'status_is 0 && out_has "已导入 3 个单位" && [ "$(sql "$T/jiangxi" "SELECT group_concat(u.name || '"'<'"' || p.name, '"' '"') FROM units u JOIN units p ON p.id = u.parent_id ORDER BY u.id")" = "南昌市<江西省 东湖区<南昌市 九江市<江西省" ]'
run units import --data "$T/jiangxi" "$T/bad-tree.csv"
check "units import: a code already used is a row error" eval 'exits_2_in_chinese "第 4 行 B 列「代码」：代码「donghu」已被系统里的单位使用"'
run units import --data "$T/jiangxi" "$T/nothing.csv"
check "units import: a missing file exits 2" eval 'status_is 2 && err_is_chinese'
echo x >"$T/plainfile"
run init --data "$T/plainfile"
check "init refuses a path that is a file" eval 'status_is 2 && [ "$(cat "$T/plainfile")" = x ]'

# ================= demo =================

D="$T/demo"
run demo --data "$D"
check "demo exits 0" status_is 0
cp "$T/out" "$T/demo.out"
# the account lines: username, a 12-character password, unit / role
grep -E '^[a-z_]+_admin +[A-Za-z0-9]{12} ' "$T/demo.out" | awk '{print $1, $2}' >"$T/demo.accounts"
check "demo prints the centre admin and 13 unit admins" eval '[ "$(wc -l <"$T/demo.accounts")" -eq 14 ] && grep -q "^centre_admin " "$T/demo.accounts"'
units_want="donghu xihu qingyunpu qingshanhu xinjian honggutan nanchangxian jinxian anyi wanli gaoxin jingkai linkong"
admin_per_unit() { for u in $units_want; do grep -q "^${u}_admin " "$T/demo.accounts" || return 1; done; }
check "demo: one admin for each of the 13 units" admin_per_unit
check "demo: the 13 units of domain.md" eval '[ "$(sql "$D" "SELECT count(*) FROM units WHERE parent_id IS NOT NULL")" -eq 13 ] && [ "$(sql "$D" "SELECT name FROM units WHERE code = '"'wanli'"'")" = 湾里管理局 ]'
check "demo: the 2022 week as the notice gives it" eval '[ "$(sql "$D" "SELECT year, theme, starts_on, ends_on FROM weeks WHERE year = 2022")" = "2022|学习贯彻二十大，终身学习向未来|2022-12-01|2022-12-07" ]'
# before 2022-12-10 00:00 Beijing time = 2022-12-09T16:00Z = 1670601600
check "demo: deadline before 10 December" eval '[ "$(sql "$D" "SELECT deadline_at < 1670601600 AND deadline_at >= 1670515200 FROM weeks WHERE year = 2022")" = 1 ]'
check "demo: 2022 is history: all 13 units submitted in time and were accepted" eval '[ "$(sql "$D" "SELECT count(*), sum(s.late) FROM submissions s JOIN reports r ON r.id = s.report_id JOIN weeks w ON w.id = r.week_id WHERE w.year = 2022 AND s.status = '"'accepted'"'")" = "13|0" ]'
check "demo: each 2022 version froze its files (plan, summary, case, scan, photo)" eval '[ "$(sql "$D" "SELECT min(json_array_length(s.files_json)) FROM submissions s JOIN reports r ON r.id = s.report_id JOIN weeks w ON w.id = r.week_id WHERE w.year = 2022")" = 5 ]'
check "demo: 2022 residents checked in and rated" eval '[ "$(sql "$D" "SELECT count(*) > 100 FROM checkins c JOIN activities a ON a.id = c.activity_id JOIN weeks w ON w.id = a.week_id WHERE w.year = 2022")" = 1 ] && [ "$(sql "$D" "SELECT count(*) > 50 FROM ratings")" = 1 ]'
# this year's week, placed by the clock: --now is a Thursday, the week started on the Tuesday
run demo --data "$T/live" --now 2026-12-03T10:00+08:00
check "demo --now: this year's week started two days before, ends in four, deadline in a week" eval 'status_is 0 && [ "$(sql "$T/live" "SELECT year, starts_on, ends_on, datetime(deadline_at + 8 * 3600, '"'unixepoch'"') FROM weeks WHERE year <> 2022")" = "2026|2026-12-01|2026-12-07|2026-12-10 23:59:59" ]'
check "demo --now: activities today and tomorrow in every unit but the one not started" eval '[ "$(sql "$T/live" "SELECT count(DISTINCT a.unit_id) FROM activities a JOIN weeks w ON w.id = a.week_id WHERE w.year = 2026 AND date(a.starts_at + 8 * 3600, '"'unixepoch'"') = '"'2026-12-03'"'")" = 12 ] && [ "$(sql "$T/live" "SELECT count(DISTINCT a.unit_id) FROM activities a JOIN weeks w ON w.id = a.week_id WHERE w.year = 2026 AND date(a.starts_at + 8 * 3600, '"'unixepoch'"') = '"'2026-12-04'"'")" = 12 ]'
check "demo --now: reports at every stage" eval '[ "$(sql "$T/live" "SELECT group_concat(status, '"' '"') FROM (SELECT DISTINCT r.status FROM reports r JOIN weeks w ON w.id = r.week_id WHERE w.year = 2026 ORDER BY 1)")" = "accepted draft returned submitted" ] && [ "$(sql "$T/live" "SELECT count(*) FROM units u WHERE parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM activities a JOIN weeks w ON w.id = a.week_id WHERE a.unit_id = u.id AND w.year = 2026)")" = 1 ]'
check "demo --now: one activity full with a waiting list, others with places left" eval '[ "$(sql "$T/live" "SELECT count(*) FROM registrations WHERE status = '"'waiting'"'")" -ge 1 ] && [ "$(sql "$T/live" "SELECT count(*) FROM activities a WHERE a.capacity > (SELECT count(*) FROM registrations r WHERE r.activity_id = a.id AND r.status = '"'confirmed'"') AND a.starts_at > 1796263200")" -ge 12 ]'
run demo --data "$T/province" --province
check "demo --province: 江西省, three cities, Nanchang's 13 units under 南昌市" eval 'status_is 0 && [ "$(sql "$T/province" "SELECT name FROM units WHERE parent_id IS NULL")" = 江西省 ] && [ "$(sql "$T/province" "SELECT group_concat(name, '"' '"') FROM units WHERE parent_id = (SELECT id FROM units WHERE parent_id IS NULL)")" = "南昌市 九江市 赣州市" ] && [ "$(sql "$T/province" "SELECT count(*) FROM units WHERE parent_id = (SELECT id FROM units WHERE name = '"'南昌市'"')")" = 13 ] && [ "$(sql "$T/province" "SELECT count(*) FROM units u JOIN units p ON p.id = u.parent_id WHERE p.name IN ('"'九江市'"', '"'赣州市'"')")" = 8 ]'
check "demo --province: each city's organiser" eval 'out_has "^nanchang_admin " && out_has "^jiujiang_admin " && [ "$(sql "$T/province" "SELECT group_concat(a.username || '"'@'"' || u.name, '"' '"') FROM accounts a JOIN units u ON u.id = a.unit_id WHERE a.role = '"'centre_admin'"' ORDER BY a.username")" != "" ] && [ "$(sql "$T/province" "SELECT u.name FROM accounts a JOIN units u ON u.id = a.unit_id WHERE a.username = '"'nanchang_admin'"' AND a.role = '"'centre_admin'"'")" = 南昌市 ]'
run demo --data "$T/moved" --week-start 2027-05-10 --now 2026-12-03T10:00+08:00
check "demo --week-start places this year's week elsewhere" eval 'status_is 0 && [ "$(sql "$T/moved" "SELECT year, starts_on, ends_on FROM weeks WHERE year <> 2022")" = "2027|2027-05-10|2027-05-16" ]'
run demo --data "$T/bad" --week-start 2027-02-30
check "demo: a bad --week-start exits 2 in Chinese, no folder" eval 'exits_2_in_chinese "--week-start" && [ ! -e "$T/bad" ]'
run demo --data "$T/bad" --week-start 2022-11-01
check "demo: --week-start in 2022 (the history week) exits 2" eval 'exits_2_in_chinese "2022" && [ ! -e "$T/bad" ]'
check "demo: passwords are not stored in the database" eval '! sql "$D" "SELECT password_hash FROM accounts" | grep -q -F "$(head -n 1 "$T/demo.accounts" | cut -d" " -f2)"'
check "demo: demo-accounts.txt is readable by its owner only" eval '[ "$(ls -l "$D/demo-accounts.txt" | cut -c1-10)" = "-rw-------" ] && [ "$(wc -l <"$D/demo-accounts.txt")" -eq 14 ]'
before=$(fingerprint "$D")
run demo --data "$D"
check "demo refuses a folder that holds data, untouched" eval 'exits_2_in_chinese "已有内容" && [ "$(fingerprint "$D")" = "$before" ]'

start_server "$D" && ok "serve on an ephemeral port" || not_ok "serve on an ephemeral port"
check "GET /healthz answers ok" eval '[ "$(curl -s "$BASE/healthz")" = ok ]'
while read -r user pw; do
	check "demo account $user logs in with the printed password" can_log_in "$user" "$pw"
done <"$T/demo.accounts"
CENTRE_PW=$(grep '^centre_admin ' "$T/demo.accounts" | cut -d' ' -f2)
run serve --data "$D" --listen "127.0.0.1:0"
check "a second serve on the same data folder exits 1 in Chinese" eval 'status_is 1 && err_has "正在使用数据目录"'
run init --data "$T/second"
run serve --data "$T/second" --listen "127.0.0.1:$(cat "$T/port")"
check "serve on a port in use exits 1 in Chinese" eval 'status_is 1 && err_has "无法在"'
check "the first server still answers" eval '[ "$(curl -s "$BASE/healthz")" = ok ]'
check "a wrong password is refused (401)" cannot_log_in centre_admin "not-$CENTRE_PW"

# ================= user =================

printf 'first password\n' >"$T/pw1"
run user add --data "$D" --username editor_one --role unit_editor --unit 东湖区 --name 张三 --password-file "$T/pw1"
check "user add with --password-file" eval 'status_is 0 && out_has "editor_one"'
check "the new account logs in" can_log_in editor_one "first password"
printf 'from stdin 123\r\n' >"$T/pw2"
run_stdin "$T/pw2" user add --data "$D" --username viewer_one --role centre_viewer --password-file -
check "user add with --password-file - (stdin, CRLF)" status_is 0
check "the stdin account logs in" can_log_in viewer_one "from stdin 123"
n_accounts=$(sql "$D" "SELECT count(*) FROM accounts")

run user add --data "$D" --username bad_role --role boss --password-file "$T/pw1"
check "user add: wrong role exits 2" eval 'exits_2_in_chinese "角色「boss」不存在"'
run user add --data "$D" --username bad_unit --role unit_admin --unit 火星区 --password-file "$T/pw1"
check "user add: unknown unit exits 2" eval 'exits_2_in_chinese "没有名为「火星区」的单位"'
run user add --data "$D" --username editor_one --role unit_editor --unit 西湖区 --password-file "$T/pw1"
check "user add: duplicate username exits 2" eval 'exits_2_in_chinese "已被使用"'
run user add --data "$D" --username centre_in_unit --role centre_admin --unit 东湖区 --password-file "$T/pw1"
check "user add: centre role at a district unit exits 2" eval 'exits_2_in_chinese "市中心"'
run user add --data "$D" --username unit_at_centre --role unit_admin --password-file "$T/pw1"
check "user add: unit role without a unit exits 2" eval 'exits_2_in_chinese "区县单位"'
run user add --data "$D" --username Bad.Name --role centre_admin --password-file "$T/pw1"
check "user add: bad username exits 2" eval 'exits_2_in_chinese "用户名"'
printf 'short\n' >"$T/short"
run user add --data "$D" --username shorty --role centre_admin --password-file "$T/short"
check "user add: short password exits 2" eval 'exits_2_in_chinese "至少 8 位"'
: >"$T/emptypw"
run user add --data "$D" --username nopw --role centre_admin --password-file "$T/emptypw"
check "user add: empty password file exits 2" eval 'exits_2_in_chinese "密码文件为空"'
run user add --data "$D" --username nopw --role centre_admin --password-file "$T/missing"
check "user add: missing password file exits 2" eval 'exits_2_in_chinese "无法读取密码文件"'
run user add --data "$D" --username nopw --role centre_admin
check "user add: no password file exits 2" eval 'exits_2_in_chinese "缺少 --password-file"'
run user add --data "$D" --username argvpw --role centre_admin --password "secret123"
check "user add: --password on argv is refused (exit 2)" eval 'exits_2_in_chinese "不认识的选项"'
run user add --data "$D" --username argvpw --role centre_admin --password=secret123
check "user add: --password=... on argv is refused (exit 2)" status_is 2
run user passwd --data "$D" --username editor_one --password "secret123"
check "user passwd: --password on argv is refused (exit 2)" status_is 2
check "refused commands wrote nothing" eval '[ "$(sql "$D" "SELECT count(*) FROM accounts")" -eq "$n_accounts" ]'

run user list --data "$D"
check "user list shows every account" eval 'status_is 0 && [ "$(wc -l <"$T/out")" -eq "$n_accounts" ] && out_has "^editor_one${TAB}unit_editor${TAB}东湖区${TAB}张三" && out_has "^centre_admin${TAB}centre_admin${TAB}"'

login editor_one "first password" "$T/jar.editor" >/dev/null
printf 'second password\n' >"$T/pw3"
run user passwd --data "$D" --username editor_one --password-file "$T/pw3"
check "user passwd" status_is 0
check "the new password logs in" can_log_in editor_one "second password"
check "the old password no longer does" cannot_log_in editor_one "first password"
check "a session from before the change has ended" eval '[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$T/jar.editor" "$BASE/admin")" != 200 ]'
run user passwd --data "$D" --username nobody_here --password-file "$T/pw3"
check "user passwd: unknown user exits 2" eval 'exits_2_in_chinese "nobody_here"'
run user passwd --data "$D" --username editor_one --password-file "$T/short"
check "user passwd: short password exits 2" eval 'exits_2_in_chinese "至少 8 位" && can_log_in editor_one "second password"'

login editor_one "second password" "$T/jar.editor" >/dev/null
check "before disable: the session works" eval '[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$T/jar.editor" "$BASE/admin")" = 200 ]'
run user disable --data "$D" --username editor_one
check "user disable" status_is 0
check "a disabled account cannot log in" cannot_log_in editor_one "second password"
check "a disabled account's session has ended" eval '[ "$(curl -s -o /dev/null -w "%{http_code}" -b "$T/jar.editor" "$BASE/admin")" != 200 ]'
run user list --data "$D"
check "user list marks the disabled account" eval 'out_has "^editor_one${TAB}.*已停用"'
run user disable --data "$D" --username nobody_here
check "user disable: unknown user exits 2" eval 'exits_2_in_chinese "nobody_here"'

# ================= backup while serving and writing =================

# the file store: a stored file goes into the backup, a half-written upload does not
mkdir -p "$D/files/ab"
printf '照片' >"$D/files/ab/ab12cd"
printf 'half' >"$D/files/tmp/upload.part"

# writers: new accounts from the command line and logins over HTTP, until stopped
(
	i=0
	while [ ! -f "$T/stop" ]; do
		i=$((i + 1))
		"$BIN" user add --data "$D" --username "load_$i" --role unit_editor --unit 西湖区 \
			--password-file "$T/pw1" >/dev/null 2>>"$T/load.err" || echo "user add load_$i failed" >>"$T/load.err"
		login centre_admin "$CENTRE_PW" "$T/jar.load" >/dev/null
	done
) &
LOAD_PID=$!
sleep 1
for k in 1 2 3; do
	lo=$(sql "$D" "SELECT count(*) FROM accounts")
	run backup --data "$D" "$T/backup$k.zip"
	hi=$(sql "$D" "SELECT count(*) FROM accounts")
	check "backup $k while serving and writing" eval 'status_is 0 && is_zip "$T/backup$k.zip"'
	check "backup $k is a ZIP with learnweek.db" eval 'unzip -l "$T/backup$k.zip" >"$T/err" 2>&1 && grep -q " learnweek.db$" "$T/err" && unzip -tq "$T/backup$k.zip" >/dev/null'
	run restore --data "$T/restored$k" "$T/backup$k.zip"
	check "restore $k into a new folder" status_is 0
	check "restore $k: integrity_check ok" eval '[ "$(sql "$T/restored$k" "PRAGMA integrity_check")" = ok ]'
	got=$(sql "$T/restored$k" "SELECT count(*) FROM accounts")
	check "restore $k: $got accounts, taken between $lo and $hi" eval '[ "$got" -ge "$lo" ] && [ "$got" -le "$hi" ]'
	sleep 1
done
touch "$T/stop"
wait "$LOAD_PID"
LOAD_PID=
check "the writers ran and never failed" eval '[ "$(sql "$D" "SELECT count(*) FROM accounts WHERE username LIKE '"'load_%'"'")" -ge 3 ] && ! grep -q "failed\|Sanitizer" "$T/load.err" 2>/dev/null'

# a quiet backup matches exactly, and the restored folder serves
run backup --data "$D" "$T/final.zip"
check "backup when quiet" status_is 0
run restore --data "$T/final" "$T/final.zip"
check "restore of the quiet backup" status_is 0
check "restored: same account count" eval '[ "$(sql "$T/final" "SELECT count(*) FROM accounts")" -eq "$(sql "$D" "SELECT count(*) FROM accounts")" ]'
check "restored: the stored file, not the half-written one" eval '[ "$(cat "$T/final/files/ab/ab12cd")" = 照片 ] && [ ! -e "$T/final/files/tmp/upload.part" ] && [ -d "$T/final/files/tmp" ]'
check "restored: same audit log" eval '[ "$(sql "$T/final" "SELECT count(*), max(id) FROM audit_log")" = "$(sql "$D" "SELECT count(*), max(id) FROM audit_log")" ]'
stop_server

before=$(fingerprint "$T/final")
run restore --data "$T/final" "$T/final.zip"
check "restore into a non-empty folder exits 2, untouched" eval 'exits_2_in_chinese "已有内容" && [ "$(fingerprint "$T/final")" = "$before" ]'
echo "not a zip" >"$T/junk.zip"
run restore --data "$T/fromjunk" "$T/junk.zip"
check "restore of a file that is not a backup exits 2" eval 'exits_2_in_chinese "不是 learnweek 的备份文件"'

start_server "$T/final" || not_ok "serve the restored folder"
check "the restored folder serves, and its accounts log in" can_log_in viewer_one "from stdin 123"
stop_server

# ================= export =================
. "$(dirname "$0")/export.sh"
. "$(dirname "$0")/export_city.sh"
. "$(dirname "$0")/form2022.sh"
. "$(dirname "$0")/perms.sh"
. "$(dirname "$0")/package.sh"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
