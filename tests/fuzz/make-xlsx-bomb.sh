#!/bin/sh
# make-xlsx-bomb.sh OUT: writes a small XLSX bomb, the seed of fuzz_xlsx: a
# workbook whose one sheet is 2 MiB of one repeated row under the import's
# header, deflated by zip -9 to about 3 KB (a ratio near 700, where the reader
# refuses 200 past a part's first MiB). The committed seed
# tests/fuzz/corpus/fuzz_xlsx/bomb was made by it; needs zip (Debian: zip).
set -eu
[ $# -eq 1 ] || { echo "usage: sh tests/fuzz/make-xlsx-bomb.sh OUT" >&2; exit 2; }
out=$1
command -v zip >/dev/null || { echo "make-xlsx-bomb.sh: zip is missing (Debian package zip)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/xl/_rels" "$tmp/xl/worksheets"
printf '%s' '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>' >"$tmp/[Content_Types].xml"
printf '%s' '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="活动" sheetId="1" r:id="rId1"/></sheets></workbook>' >"$tmp/xl/workbook.xml"
printf '%s' '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' >"$tmp/xl/_rels/workbook.xml.rels"
{
	printf '%s' '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row>'
	for h in 活动名称 主办单位 活动内容 线上/线下 开始时间 结束时间 活动地点; do
		printf '<c t="inlineStr"><is><t>%s</t></is></c>' "$h"
	done
	printf '</row>'
	# 2 MiB of rows: 16,384 of 128 bytes
	row='<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>'
	yes "$row" | head -n 16384 | tr -d '\n'
	printf '%s' '</sheetData></worksheet>'
} >"$tmp/xl/worksheets/sheet1.xml"
rm -f "$out"
(cd "$tmp" && zip -q -9 -X -r out.zip '[Content_Types].xml' xl)
mv "$tmp/out.zip" "$out"
