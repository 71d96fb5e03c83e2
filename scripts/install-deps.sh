#!/bin/sh
# install-deps.sh: installs the Debian 12 packages learnweek needs, and only the
# missing ones, so it is quick and offline-safe when everything is there.
#   scripts/install-deps.sh          build and run
#   scripts/install-deps.sh --test   also what `make test` needs
#   scripts/install-deps.sh --bench  also what bench/ needs (wrk and nginx for vs-nginx.sh)
#   scripts/install-deps.sh --list [--test|--bench]   prints the package names, one a line
# Every command a test or script calls comes from a package below, an Essential
# package or one of their dependencies: scripts/fresh-check.sh checks that.
# Another apt-get (a second checkout, unattended upgrades) may hold the dpkg
# lock: we wait for it up to LOCK_TIMEOUT seconds (default 900) instead of failing.
set -eu

# poppler-utils: pdftotext, which serve runs on an uploaded 盖章扫描件 to find
# another version's verification code in its text layer; postgresql-client:
# pg_dump and pg_restore, which backup and restore run on PostgreSQL
build="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev libjansson-dev
libzip-dev libxml2-dev libcairo2-dev libpango1.0-dev libxlsxwriter-dev libqrencode-dev libpng-dev libjpeg62-turbo-dev
fonts-noto-cjk fonts-arphic-uming sqlite3 zlib1g-dev poppler-utils postgresql-client"
# criterion and libcurl: the unit and HTTP test programs; curl, unzip, poppler-utils
# (pdftotext, pdfinfo, pdftoppm), zbar-tools (zbarimg), libxml2-utils (xmllint),
# fontconfig (fc-list): what the tests check the output with; LibreOffice Writer and
# Calc without a GUI open our DOCX and XLSX as users do; wrk drives the reliability
# scripts' load; clang and its runtime build the fuzzers; chromium the browser tests;
# valgrind is make http-valgrind's; time (/usr/bin/time) bench/upload.sh's; zip
# tests/fuzz/make-xlsx-bomb.sh's (the XLSX bomb seed); pngquant reduces the README's
# pictures (make screenshots). postgresql: the private server of make unit-pg and
# make http-pg (scripts/pg-test-cluster.sh; psql comes with it).
test="postgresql libcriterion-dev libcurl4-openssl-dev curl unzip poppler-utils zbar-tools libxml2-utils fontconfig
libreoffice-writer-nogui libreoffice-calc-nogui wrk clang libclang-rt-14-dev chromium valgrind time zip pngquant"
# nginx and openssl: tests/deploy/nginx.sh loads docs/deploy's nginx site with a
# self-signed certificate (make deploy)
test="$test nginx openssl"
# nginx: bench/vs-nginx.sh
bench="wrk nginx curl git"

list=0
if [ "${1:-}" = "--list" ]; then
	list=1
	shift
fi
want=$build
[ "${1:-}" = "--test" ] && want="$build $test"
[ "${1:-}" = "--bench" ] && want="$build $bench"
# node and npm drive the browser tests; a machine that has node from elsewhere keeps it
if [ "${1:-}" = "--test" ] && { [ $list -eq 1 ] || ! command -v npm >/dev/null 2>&1; }; then
	want="$want nodejs npm"
fi
if [ $list -eq 1 ]; then
	# shellcheck disable=SC2086
	printf '%s\n' $want
	exit 0
fi

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "install-deps: need root or sudo to install:$missing" >&2
	exit 1
fi
lock="-o DPkg::Lock::Timeout=${LOCK_TIMEOUT:-900}"
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get $lock update -qq
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get $lock install -y -qq --no-install-recommends $missing
