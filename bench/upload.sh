#!/bin/sh
# upload.sh [MB]: what the report costs. On a fresh demo folder served by ./learnweek:
#   1. time and peak memory of one form PDF and one DOCX (learnweek export, /usr/bin/time);
#   2. a video of MB megabytes (default 500) uploaded with curl while the server's
#      resident memory is sampled every 50 ms: the peak must stay far below the file;
#   3. the submission package with that video in it, the same way.
# Prints one line per figure. Needs ./learnweek (make learnweek), curl, /usr/bin/time.
set -eu
mb=${1:-500}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${LEARNWEEK_BIN:-$root/learnweek}
[ -x "$bin" ] || { echo "upload.sh: $bin is missing (make learnweek)" >&2; exit 1; }
for t in curl /usr/bin/time; do command -v $t >/dev/null || { echo "upload.sh: $t is needed" >&2; exit 1; }; done

. "$here/lib.sh"
lw_begin upload
"$bin" demo --data "$tmp/data" >/dev/null
# the demo's live week (the second it makes), where 东湖区 is still filling in
week=$(sqlite3 "$tmp/data/learnweek.db" "SELECT id FROM weeks WHERE year <> 2022 ORDER BY id LIMIT 1")
year=$(sqlite3 "$tmp/data/learnweek.db" "SELECT year FROM weeks WHERE id = $week")

echo "== the summary form (learnweek export, draft of 东湖区)"
for f in pdf docx; do
	/usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" export report --data "$tmp/data" --year "$year" --unit 东湖区 \
		--format $f --out "$tmp/form.$f" >/dev/null
	read -r secs kb <"$tmp/time"
	echo "form $f: ${secs} s, peak RSS $((kb / 1024)) MB, $(wc -c <"$tmp/form.$f") bytes"
done

lw_serve "$tmp/data"
lw_login "$tmp/data" donghu_admin

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$pid/status"; }
# the peak so far includes logging in (argon2id takes 64 MB by design): start it over
reset_hwm() { echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true; }
# sample PID's RSS until the file $1 exists; the peak goes to $2
sample() {
	peak=0
	while [ ! -e "$1" ]; do
		r=$(rss)
		[ "$r" -gt "$peak" ] && peak=$r
		sleep 0.05
	done
	echo "$peak" >"$2"
}

# a video: an MP4 box header, then MB megabytes (a sparse file: the disk is not the bottleneck)
printf '\000\000\000\030ftypisom\000\000\002\000' >"$tmp/video.mp4"
truncate -s "${mb}M" "$tmp/video.mp4"

echo "== a ${mb} MB video upload"
reset_hwm
before=$(rss)
sample "$tmp/up.done" "$tmp/up.peak" &
out=$(curl -s -o /dev/null -c "$jar" -b "$jar" -w '%{http_code} %{time_total} %{speed_upload}' \
	-F "_csrf=$csrf" -F "week=$week" -F kind=video -F "file=@$tmp/video.mp4;filename=开幕式录像.mp4" "$base/units/2/attachments")
touch "$tmp/up.done"
wait $!
set -- $out
[ "$1" = 303 ] || { echo "upload.sh: the upload answered $1" >&2; tail "$tmp/server.log" >&2; exit 1; }
echo "upload: ${2} s, $(awk -v b="$3" 'BEGIN { printf "%.0f", b / 1048576 }') MB/s"
echo "server RSS: $((before / 1024)) MB before, peak $(($(cat "$tmp/up.peak") / 1024)) MB sampled every 50 ms, VmHWM $(($(hwm) / 1024)) MB since the upload began"

echo "== the submission package with that video"
for k in summary case scan; do
	printf '%%PDF-1.4\n%% %s\n' "$k" >"$tmp/$k.pdf"
	# the stamped scan is of the 定稿
	[ "$k" = scan ] && curl -s -o /dev/null -c "$jar" -b "$jar" --data "_csrf=$csrf&week=$week" "$base/units/2/report/finalise"
	curl -s -o /dev/null -c "$jar" -b "$jar" -F "_csrf=$csrf" -F "week=$week" -F "kind=$k" -F "file=@$tmp/$k.pdf" "$base/units/2/attachments"
done
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data "_csrf=$csrf&week=$week" "$base/units/2/submission")
[ "$code" = 303 ] || { echo "upload.sh: submit answered $code" >&2; exit 1; }
sub=$(curl -s -b "$jar" "$base/units/2/submission?week=$week" | grep -o '/submissions/[0-9]*/package.zip' | head -n 1)
reset_hwm
before=$(rss)
sample "$tmp/zip.done" "$tmp/zip.peak" &
out=$(curl -s -o "$tmp/package.zip" -b "$jar" -w '%{http_code} %{time_total}' "$base$sub")
touch "$tmp/zip.done"
wait $!
set -- $out
[ "$1" = 200 ] || { echo "upload.sh: the package answered $1" >&2; exit 1; }
echo "package: ${2} s for $(($(wc -c <"$tmp/package.zip") / 1048576)) MB; server RSS $((before / 1024)) MB before, peak $(($(cat "$tmp/zip.peak") / 1024)) MB sampled, VmHWM $(($(hwm) / 1024)) MB"
left=$(find "$tmp/data/files/tmp" -type f | wc -l)
echo "files/tmp after: $left files"
