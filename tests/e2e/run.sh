#!/bin/sh
# run.sh: the browser tests. Starts ./learnweek on a fresh demo data folder and an
# ephemeral port, then runs every tests/e2e/*.test.mjs with `node --test` against it in
# Debian's headless chromium (never a downloaded browser).
#   LEARNWEEK_BIN=path   the binary to test (default ./learnweek; `make e2e` builds it)
#   LEARNWEEK_E2E_OUT=dir keep screenshots there (default: a temp folder, removed
#                        after a passing run, kept and printed after a failing one)
#   sh tests/e2e/run.sh [node --test args, e.g. a single test file]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
bin=${LEARNWEEK_BIN:-./learnweek}
case $bin in /*) ;; *) bin="$root/$bin" ;; esac
[ -x "$bin" ] || { echo "e2e: $bin is missing; run 'make e2e'" >&2; exit 1; }

command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
	{ echo "e2e: node and npm are not installed: Debian packages nodejs and npm (make deps-test installs them)" >&2; exit 1; }
node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' ||
	{ echo "e2e: Node.js 18 or later is needed (playwright-core); found $(node --version)" >&2; exit 1; }
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "e2e: $CHROMIUM is missing (Debian package chromium; make deps-test)" >&2; exit 1; }

# playwright-core only; it must never fetch a browser of its own
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
(
	cd "$here"
	if [ -f package-lock.json ]; then
		npm ci --no-audit --no-fund --loglevel=error >/dev/null
	else
		npm install --no-audit --no-fund --loglevel=error >/dev/null
	fi
) || { echo "e2e: npm could not install tests/e2e's packages" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/learnweek-e2e.XXXXXX")
out=${LEARNWEEK_E2E_OUT:-$tmp/screenshots}
pid=""
status=1
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	if [ "$status" -eq 0 ]; then
		rm -rf "$tmp"
	else
		echo "e2e: kept $tmp (server.log, screenshots)" >&2
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$bin" demo --data "$tmp/data" >"$tmp/demo.log" 2>&1 ||
	{ cat "$tmp/demo.log" >&2; echo "e2e: learnweek demo failed" >&2; exit 1; }
"$bin" serve --data "$tmp/data" --listen 127.0.0.1:0 --port-file "$tmp/port" >"$tmp/server.log" 2>&1 &
pid=$!
i=0
until grep -q '^[0-9][0-9]*$' "$tmp/port" 2>/dev/null; do
	i=$((i + 1))
	if [ "$i" -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
		cat "$tmp/server.log" >&2
		echo "e2e: the server did not start" >&2
		exit 1
	fi
	sleep 0.1
done

export LEARNWEEK_BIN="$bin"  # for a test that needs a server of its own (levels-public: the province demo)
export LEARNWEEK_URL="http://127.0.0.1:$(cat "$tmp/port")"
export LEARNWEEK_ACCOUNTS="$tmp/data/demo-accounts.txt"
export LEARNWEEK_E2E_OUT="$out"
cd "$here"
# one file at a time: they share the server's data, and two cores share one browser's work
set +e
if [ "$#" -gt 0 ]; then
	node --test --test-concurrency=1 "$@"
else
	node --test --test-concurrency=1 ./*.test.mjs
fi
status=$?
set -e
if [ "$status" -ne 0 ]; then
	echo "e2e: FAILED (server log: $tmp/server.log)" >&2
	exit "$status"
fi
echo "e2e: all browser tests passed"
