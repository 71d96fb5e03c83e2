#!/bin/sh
# soffice.sh OUTDIR FILTER FILE: LibreOffice without a GUI converts FILE into
# OUTDIR (FILTER as --convert-to takes it: pdf, xlsx:"Calc Office Open XML"),
# the way the unit and HTTP tests open our DOCX and XLSX as users would.
# Each run has a temporary profile (-env:UserInstallation) and HOME of its own,
# removed afterwards, so parallel runs, root (CI) and a user's own LibreOffice
# never share or lock one; it needs no network. Exit 0 only when the converted
# file is there. When LibreOffice, or the part FILE needs (Writer, Calc), is
# missing it exits 127 naming the Debian package (make deps-test installs it).
set -u
[ $# -eq 3 ] || { echo "usage: sh tests/soffice.sh OUTDIR FILTER FILE" >&2; exit 2; }
out=$1 filter=$2 file=$3
case $file in
*.xlsx | *.xls | *.ods | *.csv) part=Calc lib=libsclo.so pkg=libreoffice-calc-nogui ;;
*) part=Writer lib=libswlo.so pkg=libreoffice-writer-nogui ;;
esac
missing() {
	echo "soffice.sh: $1 is not installed: Debian package $pkg (make deps-test installs it)" >&2
	exit 127
}
soffice=$(command -v soffice) || missing "LibreOffice (soffice)"
[ -f "$(dirname "$(readlink -f "$soffice")")/$lib" ] || missing "LibreOffice $part"
[ -f "$file" ] || { echo "soffice.sh: no file $file" >&2; exit 2; }
profile=$(mktemp -d "${TMPDIR:-/tmp}/lw-soffice.XXXXXX") || exit 1
trap 'rm -rf "$profile"' EXIT
mkdir -p "$out"
HOME=$profile timeout 120 "$soffice" --headless --norestore --nolockcheck --nodefault --nologo \
	"-env:UserInstallation=file://$profile/user" --convert-to "$filter" --outdir "$out" "$file" >"$profile/log" 2>&1
rc=$?
name=$(basename "$file")
want="$out/${name%.*}.${filter%%:*}"
if [ $rc -ne 0 ] || [ ! -s "$want" ]; then
	cat "$profile/log" >&2
	echo "soffice.sh: LibreOffice did not convert $file to $want (exit $rc)" >&2
	exit 1
fi
