#!/bin/sh
# faults.sh: the disk fills up, the data folder turns read-only, another
# process holds the database. A demo data
# folder on a small tmpfs of its own, served by $LEARNWEEK_BIN (default
# ./learnweek), with a unit admin signed in:
#  1. disk full (the folder's tmpfs filled to the last block): saving an
#     activity, uploading a photo, an attachment, submitting the report and a
#     JSON API create are each refused with 507 and 存储空间已满, nothing
#     crashes; every page, feed, photo and the summary form PDF still load;
#     once space is freed the same writes succeed;
#  2. files/ alone on a tmpfs with 1 MB to spare: a 2 MB photo fails
#     mid-stream with 507,
#     files/tmp keeps nothing of it, form posts still save;
#  3. read-only (the tmpfs remounted ro, the server started on it): pages,
#     feeds and downloads work; saving, uploading and signing in are refused
#     with 503 and 只读;
#  4. busy (another process holds the database's write lock past the
#     server's 10 s busy timeout): saving is refused with 503 and 正忙,
#     public pages still load, and the same save succeeds once it is free;
# and after each: `learnweek check` passes and everything saved before is
# still there and whole (the rows, and every stored file's SHA-256).
# Needs root to mount tmpfs (CI runs as root; elsewhere it runs itself again
# through `sudo -n` when that needs no password); without root, or where mount
# is refused (a container without CAP_SYS_ADMIN), it fails saying so: a run
# that cannot test the faults does not pass. Loopback only; every wait is bounded.
set -eu
cd "$(dirname "$0")/../.."
[ -x build/tests/photo ] || { echo "faults.sh: build/tests/photo is missing (make build/tests/photo)" >&2; exit 1; }
bin=${LEARNWEEK_BIN:-./learnweek}
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		exec sudo -n env LEARNWEEK_BIN="$bin" sh tests/reliability/faults.sh "$@"
	fi
	echo "faults.sh: needs root to mount a small tmpfs as the data folder: run make faults as root (or with sudo)" >&2
	exit 1
fi
tmp=$(mktemp -d)
data="$tmp/data"
pid=""
mounts=""
. tests/reliability/lib.sh
cleanup() {
	stop
	for m in $mounts; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT
export LEARNWEEK_FAST_HASH=1
fail() { echo "faults.sh: $part: $*" >&2; tail -n 8 "$tmp/server.log" >&2 2>/dev/null || true; exit 1; }
part=setup

mkdir "$data"
mount -t tmpfs -o size=16m,mode=0755 tmpfs "$data" 2>"$tmp/mount.err" ||
	fail "mount -t tmpfs was refused ($(cat "$tmp/mount.err")): the faults need a small tmpfs as the data folder, so root with CAP_SYS_ADMIN (make faults as root; a container needs --cap-add SYS_ADMIN or --privileged)"
mounts="$data"
"$bin" demo --data "$data" >/dev/null
start
csrf=$(signin donghu_admin)
jar="$tmp/jar.donghu_admin"
unit=$(sql "SELECT unit_id FROM accounts WHERE username = 'donghu_admin'")
# the demo's live week (the second it makes): 东湖区 is still filling it in (2022 is accepted)
week=$(sql "SELECT id FROM weeks WHERE year <> 2022 ORDER BY id LIMIT 1")
day=$(sql "SELECT starts_on FROM weeks WHERE id = $week") # an activity must take place within its week
act=$(sql "SELECT min(id) FROM activities WHERE unit_id = $unit AND status = 'published'")
photo=$(sql "SELECT min(id) FROM activity_photos")
token=$(curl -s -b "$jar" --data-urlencode "_csrf=$csrf" -d "account=$(sql "SELECT id FROM accounts WHERE username = 'donghu_admin'")" \
	--data-urlencode "name=故障测试" "$base/units/$unit/tokens" | grep -o 'lwt_[0-9a-f]*' | head -n 1)
[ -n "$token" ] || fail "no API token"
for k in summary case scan; do printf '%%PDF-1.4\n%% %s\n%%%%EOF\n' "$k" >"$tmp/$k.pdf"; done
# real PNGs of random pixels (the server decodes photos): about 2 KB and 2 MB
build/tests/photo 26 26 >"$tmp/small.png"
build/tests/photo 840 840 >"$tmp/big.png"
printf '%%PDF-1.4\n%% big\n' >"$tmp/big.pdf"
head -c 300000 /dev/urandom >>"$tmp/big.pdf"

# ---- requests: each prints "STATUS message" ----
msg_of() { grep -o 'class="msg">[^<]*' "$tmp/out" | sed 's/class="msg">//' | head -n 1; }
new_activity() { # title
	c=$(curl -s -m 30 -o "$tmp/out" -w '%{http_code}' -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "title=$1" \
		--data-urlencode "host=故障测试学院" --data-urlencode "venue=礼堂" \
		-d "week=$week&mode=offline&content=1&publish=1&starts_at=${day}T09:00&ends_at=${day}T10:00" \
		"$base/units/$unit/activities")
	echo "$c $(msg_of)"
}
upload_photo() { # file
	c=$(curl -s -m 30 -o "$tmp/out" -w '%{http_code}' -b "$jar" -F "_csrf=$csrf" -F "photo=@$1;filename=照片.png" \
		"$base/activities/$act/photos")
	echo "$c $(msg_of)"
}
upload_attachment() { # kind file
	c=$(curl -s -m 30 -o "$tmp/out" -w '%{http_code}' -b "$jar" -F "_csrf=$csrf" -F "week=$week" -F "kind=$1" -F "replace=1" \
		-F "file=@$2;filename=$1.pdf" "$base/units/$unit/attachments")
	echo "$c $(msg_of)"
}
submit() {
	c=$(curl -s -m 30 -o "$tmp/out" -w '%{http_code}' -b "$jar" --data "_csrf=$csrf&week=$week" "$base/units/$unit/submission")
	echo "$c $(msg_of)"
}
finalise() { # 定稿 of the form as it is now (the stamped scan is uploaded against it)
	c=$(curl -s -m 30 -o "$tmp/out" -w '%{http_code}' -b "$jar" --data "_csrf=$csrf&week=$week" "$base/units/$unit/report/finalise")
	echo "$c $(msg_of)"
}
api_create() {
	c=$(curl -s -m 30 -o "$tmp/out" -w '%{http_code}' -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
		--data '{"title":"接口故障测试","host":"学院","mode":"线下","venue":"礼堂","content":[1],"starts_at":"2022-12-03T09:00","ends_at":"2022-12-03T10:00","year":2022}' \
		"$base/api/v1/activities")
	echo "$c $(grep -o '"error":"[^"]*"' "$tmp/out" | head -n 1)"
}
reads_ok() { # what
	for p in / "/a/$act" "/activities/$act" "/units/$unit/activities?week=$week" "/calendar.ics?unit=$unit" \
		"/a/$act/calendar.ics" "/photos/$photo" "/units/$unit/submission?week=$week" "/units/$unit/report/form.pdf?week=$week" \
		/healthz; do
		c=$(curl -s -m 30 -o /dev/null -w '%{http_code}' -b "$jar" "$base$p")
		[ "$c" = 200 ] || fail "$1: GET $p answered $c"
	done
	c=$(curl -s -m 30 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/activities/$act")
	[ "$c" = 200 ] || fail "$1: the API read answered $c"
}
expect() { # what "STATUS msg" status fragment
	case $2 in
	"$3 "*"$4"*) ;;
	*) fail "$1: expected $3 with 「$4」, got: $2" ;;
	esac
}

# ---- what is saved now must survive every fault ----
r=$(new_activity "故障前保存的活动")
expect "before" "$r" 303 ""
for k in summary case; do expect "before" "$(upload_attachment $k "$tmp/$k.pdf")" 303 ""; done
expect "before: 定稿" "$(finalise)" 303 ""
expect "before" "$(upload_attachment scan "$tmp/scan.pdf")" 303 ""
expect "before" "$(upload_photo "$tmp/small.png")" 303 ""
snapshot() {
	sql "SELECT 'a', id, title, status, updated_at FROM activities UNION ALL SELECT 'p', id, sha256, '', 0 FROM activity_photos
		UNION ALL SELECT 't', id, sha256, filename, 0 FROM attachments UNION ALL SELECT 's', id, version, status, 0 FROM submissions
		ORDER BY 1, 2"
}
snapshot >"$tmp/saved"
(cd "$data/files" && find . -path ./tmp -prune -o -type f -print | sort | xargs sha256sum) >"$tmp/files"
intact() { # what: the rows and files saved before are all there, unchanged
	snapshot >"$tmp/now"
	while IFS= read -r line; do
		grep -qxF "$line" "$tmp/now" || fail "$1: a saved row changed or went missing: $line"
	done <"$tmp/saved"
	(cd "$data/files" && sha256sum --quiet -c "$tmp/files") >/dev/null 2>&1 || fail "$1: a stored file changed or went missing"
	"$bin" check --data "$data" >"$tmp/check" 2>&1 || { cat "$tmp/check" >&2; fail "$1: learnweek check failed"; }
}

# ---- 1. disk full ----
part="disk full"
dd if=/dev/zero of="$data/filler" bs=64k 2>/dev/null || true
# the last blocks too: small writes until none fits
i=0
while [ $i -lt 64 ] && printf '%4096s' x >>"$data/filler" 2>/dev/null; do i=$((i + 1)); done
expect "$part: activity form" "$(new_activity "磁盘满时的活动")" 507 "存储空间已满"
expect "$part: photo upload" "$(upload_photo "$tmp/big.png")" 507 "存储空间已满"
expect "$part: attachment upload" "$(upload_attachment summary "$tmp/big.pdf")" 507 "存储空间已满"
expect "$part: submitting the report" "$(submit)" 507 "存储空间已满"
expect "$part: JSON API create" "$(api_create)" 507 "存储空间已满"
reads_ok "$part"
[ -z "$(ls "$data/files/tmp")" ] || fail "files/tmp keeps $(ls "$data/files/tmp" | wc -l) file(s)"
rm -f "$data/filler"
expect "$part, space freed: activity form" "$(new_activity "磁盘腾出后的活动")" 303 ""
expect "$part, space freed: photo upload" "$(upload_photo "$tmp/big.png")" 303 ""
stop
intact "$part"
start
# the new activity changed the form: a new 定稿 and its scan before 报送 (the
# new scan replaces the last one, as a clerk means it to: checked after intact)
expect "$part, space freed: 定稿" "$(finalise)" 303 ""
expect "$part, space freed: the scan" "$(upload_attachment scan "$tmp/scan.pdf")" 303 ""
expect "$part, space freed: submitting" "$(submit)" 303 ""
stop
snapshot >"$tmp/saved"
(cd "$data/files" && find . -path ./tmp -prune -o -type f -print | sort | xargs sha256sum) >"$tmp/files"

# ---- 2. files/ alone full ----
part="files/ full"
mkdir "$tmp/files-copy"
cp -a "$data/files/." "$tmp/files-copy/"
kb=$(du -sk "$tmp/files-copy" | cut -f1)
mount -t tmpfs -o size=$((kb + 1024))k,mode=0755 tmpfs "$data/files" || fail "cannot mount a tmpfs on files/"
mounts="$data/files $mounts"
cp -a "$tmp/files-copy/." "$data/files/"
start
expect "$part: a 2 MB photo" "$(upload_photo "$tmp/big.png")" 507 "存储空间已满"
[ -z "$(ls "$data/files/tmp")" ] || fail "files/tmp keeps $(ls "$data/files/tmp" | wc -l) file(s)"
expect "$part: activity form (the database has room)" "$(new_activity "文件库满时的活动")" 303 ""
reads_ok "$part"
stop
intact "$part"
umount "$data/files"
mounts="$data"
cp -a "$tmp/files-copy/." "$data/files/"
snapshot >"$tmp/saved"

# ---- 3. read-only ----
part="read-only"
mount -o remount,ro "$data" || fail "cannot remount the data folder read-only"
start
grep -q "read-only" "$tmp/server.log" || fail "the server does not say it serves a read-only folder"
reads_ok "$part"
expect "$part: activity form" "$(new_activity "只读时的活动")" 503 "只读"
expect "$part: photo upload" "$(upload_photo "$tmp/small.png")" 503 "只读"
expect "$part: submitting" "$(submit)" 503 "只读"
expect "$part: JSON API create" "$(api_create)" 503 "只读"
j2="$tmp/jar.other"
c=$(curl -s -c "$j2" -b "$j2" "$base/login" | csrf_of)
pw=$(awk -F'\t' '$1 == "xihu_admin" { print $2 }' "$data/demo-accounts.txt")
r=$(curl -s -o "$tmp/out" -w '%{http_code}' -c "$j2" -b "$j2" -H "Origin: $base" --data-urlencode "_csrf=$c" -d "username=xihu_admin" \
	--data-urlencode "password=$pw" "$base/login")
expect "$part: signing in" "$r $(msg_of)" 503 "只读"
stop
mount -o remount,rw "$data"
intact "$part"

# ---- 4. busy ----
part="busy"
start
# another process (a maintenance script, a stuck tool) holds the write lock for 13 s
printf "BEGIN IMMEDIATE;\nUPDATE settings SET value = value WHERE key = 'city';\n.shell sleep 13\nROLLBACK;\n" |
	sqlite3 "$data/learnweek.db" >/dev/null 2>&1 &
locker=$!
sleep 1
expect "$part: activity form" "$(new_activity "数据库忙时的活动")" 503 "正忙"
for p in / "/a/$act" "/calendar.ics?unit=$unit"; do
	c=$(curl -s -m 30 -o /dev/null -w '%{http_code}' "$base$p")
	[ "$c" = 200 ] || fail "$part: GET $p answered $c while the lock was held"
done
wait "$locker" || true
expect "$part, lock released: activity form" "$(new_activity "数据库空闲后的活动")" 303 ""
[ "$(sql "SELECT count(*) FROM activities WHERE title = '数据库忙时的活动'")" = 0 ] || fail "$part: the refused save was written"
stop
intact "$part"

grep -q "Sanitizer\|runtime error" "$tmp/server.log" && fail "sanitizer report in the server log"
echo "faults.sh: disk full, files/ full, read-only and busy: writes refused with 507/503 and a plain message, reads all 200," \
	"nothing saved was lost or changed, learnweek check ok"
