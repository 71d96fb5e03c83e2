#!/bin/sh
# install-deps.sh: installs the Debian 12 packages learnweek needs, and only the
# missing ones, so it is quick and offline-safe when everything is there.
#   scripts/install-deps.sh          build and run
#   scripts/install-deps.sh --test   also what `make test` needs
set -eu

build="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libsodium-dev libjansson-dev
libzip-dev libxml2-dev libcairo2-dev libpango1.0-dev libxlsxwriter-dev libqrencode-dev
fonts-noto-cjk fonts-arphic-uming sqlite3"
test="libcriterion-dev libcurl4-openssl-dev poppler-utils chromium zbar-tools wrk unzip clang libclang-rt-14-dev libxml2-utils"
# make screenshots: the README's pictures, reduced to a palette
test="$test pngquant"

want=$build
[ "${1:-}" = "--test" ] && want="$build $test"
# node and npm drive the browser tests; a machine that has node from elsewhere keeps it
if [ "${1:-}" = "--test" ] && ! command -v npm >/dev/null 2>&1; then
	want="$want nodejs npm"
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
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
