# perms.sh: permissions, sourced by run.sh (its helpers and $T). Under umask
# 000 every folder learnweek makes is 0700 and every file 0600: the database
# with its -wal and -shm, stored photos, the lock, a backup, a restored
# folder and an export; a folder made world-readable before is tightened when
# it is opened. Everything there holds phone numbers or password hashes.

# loose_in PATH...: prints what is readable or writable by group or others
loose_in() { find "$@" \( -type d -perm /077 -o -type f -perm /077 \) -printf '%m %p\n' 2>/dev/null; }
none_loose() {
	loose=$(loose_in "$@")
	[ -z "$loose" ] || { echo "group or others can reach: $loose" >>"$T/err"; return 1; }
}

P="$T/perms"
(
	umask 000
	"$BIN" demo --data "$P/data" >/dev/null 2>"$T/perms.err" || exit 1
	"$BIN" serve --data "$P/data" --listen 127.0.0.1:0 --port-file "$P.port" >"$T/perms.log" 2>&1 &
	pid=$!
	i=0
	while [ ! -s "$P.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	BASE="http://127.0.0.1:$(cat "$P.port")"
	# the server holds the database open in WAL mode: -wal and -shm exist
	curl -s -o /dev/null "$BASE/healthz"
	"$BIN" backup --data "$P/data" "$P/backup.zip" >/dev/null 2>>"$T/perms.err"
	"$BIN" export city --data "$P/data" --year 2022 --format xlsx --out "$P/city.xlsx" >/dev/null 2>>"$T/perms.err"
	ls "$P/data"/learnweek.db-wal "$P/data"/learnweek.db-shm >"$P.wal" 2>&1
	kill "$pid"
	wait "$pid"
	"$BIN" restore --data "$P/restored" "$P/backup.zip" >/dev/null 2>>"$T/perms.err"
)
check "umask 000: demo, serve, backup, export and restore all ran" eval '[ -f "$P/backup.zip" ] && [ -f "$P/city.xlsx" ] && [ -f "$P/restored/learnweek.db" ] || { cat "$T/perms.err" >>"$T/err"; false; }'
check "umask 000: the server's -wal and -shm existed to be checked" eval '! grep -q "No such" "$P.wal" || { cat "$P.wal" >>"$T/err"; false; }'
check "umask 000: the data folder is 0700" eval '[ "$(stat -c %a "$P/data")" = 700 ] || { stat -c "%a %n" "$P/data" >>"$T/err"; false; }'
check "umask 000: stored photos exist" eval '[ -n "$(find "$P/data/files" -type f -path "*/files/??/*" | head -n 1)" ]'
check "umask 000: nothing in the data folder, the backup, the export or the restored folder is group or world readable" \
	none_loose "$P/data" "$P/backup.zip" "$P/city.xlsx" "$P/restored"

# a folder made world-readable by an older version is tightened on open
chmod 755 "$P/restored"
chmod 644 "$P/restored/learnweek.db"
run user list --data "$P/restored"
check "an opened folder: 0700, its database 0600" eval 'status_is 0 && [ "$(stat -c %a "$P/restored")" = 700 ] && [ "$(stat -c %a "$P/restored/learnweek.db")" = 600 ]'
