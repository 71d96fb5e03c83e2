# package.sh: the signed package between two installs (issue 17), sourced by
# run.sh. A city's own install (a demo, pkg_city.sh: 2022's city form
# finalised, its key pair) exports its 定稿 with the stamped scan; a
# province's install (init --root 江西省 and the city imported as a unit)
# trusts the city's key and imports the package: the province's city form
# then counts the city's frozen figures. Every refusal is checked with its
# message: no 定稿, no scan, untrusted, wrong key, unknown or not a child,
# wrong year, tampered manifest and PDF, not a ZIP, too big, a ZIP bomb; and
# nothing of a refused package is written. Two installs are two data folders:
# LEARNWEEK_DATABASE is set aside here and given back at the end.
PKG_SAVED_DB=${LEARNWEEK_DATABASE-}
unset LEARNWEEK_DATABASE
K="$T/pkg"
mkdir -p "$K"
C="$K/city"
P="$K/prov"
froze() { # the city's frozen 2022 figure of a field (its first words)
	sql "$C" "SELECT json_extract(value, '\$.shown') FROM finals f, json_each(f.form_json, '\$.fields')
		WHERE f.report_id = (SELECT r.id FROM reports r JOIN weeks w ON w.id = r.week_id
			WHERE r.unit_id = (SELECT id FROM units WHERE parent_id IS NULL) AND w.year = 2022)
		AND json_extract(value, '\$.key') = '$1'" | head -n 1 | cut -d' ' -f1
}
psubs() { sql "$P" "SELECT count(*) FROM submissions"; }
# rezip DIR OUT: the entries of DIR as a package ZIP
rezip() { rm -f "$2"; (cd "$1" && zip -q -X "$2" manifest.json manifest.sig form.json final.pdf scan.pdf); }

KEY=$(sh "$(dirname "$0")/pkg_city.sh" "$BIN" "$C" 2>"$T/err" | tail -n 1)
check "package: keygen prints a 44-character public key" eval '[ ${#KEY} -eq 44 ]'
run package keygen --data "$C"
check "package: keygen again refuses without --force" eval 'exits_2_in_chinese "已有材料包密钥" && err_has "\-\-force"'
run package export --data "$C" --year 2026 --out "$K/x.zip"
check "package: export without a 定稿 is refused" eval 'exits_2_in_chinese "还没有定稿" && [ ! -e "$K/x.zip" ]'
run package export --data "$C" --year 2022 --out "$K/x.zip"
check "package: export without the stamped scan is refused" eval 'exits_2_in_chinese "盖章扫描件" && [ ! -e "$K/x.zip" ]'
printf 'not a pdf\n' >"$K/scan.txt"
run package export --data "$C" --year 2022 --out "$K/x.zip" --scan "$K/scan.txt"
check "package: a scan that is no PDF is refused" eval 'exits_2_in_chinese "不是 PDF" && [ ! -e "$K/x.zip" ]'
printf '%%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' >"$K/scan.pdf"
run package export --data "$C" --year 2022 --out "$K/p.zip" --as nanchang --scan "$K/scan.pdf"
check "package: export with the scan" eval 'status_is 0 && out_has "以单位代码 nanchang 签名" && is_zip "$K/p.zip"'
check "package: five entries, manifest and signature among them" eval '[ "$(unzip -Z1 "$K/p.zip" | sort | tr "\n" " ")" = "final.pdf form.json manifest.json manifest.sig scan.pdf " ]'
check "package: the manifest lists every file with its SHA-256" eval 'unzip -p "$K/p.zip" manifest.json | grep -q "$(sha256sum "$K/scan.pdf" | cut -d" " -f1)"'
# the key pair is in the database: a restored backup signs with the same key
run backup --data "$C" "$K/city.zip"
run restore --data "$K/city2" "$K/city.zip"
run package export --data "$K/city2" --year 2022 --out "$K/p2.zip" --as nanchang
check "package: backup and restore carry the key pair" eval 'status_is 0 && unzip -p "$K/p2.zip" manifest.json | grep -q "\"public_key\": \"$KEY\""'
run package export --data "$C" --year 2022 --out "$K/jj.zip" --as jiujiang
run package export --data "$C" --year 2022 --out "$K/xy.zip" --as xunyang
run package export --data "$C" --year 2022 --out "$K/no.zip" --as nosuch

# ---- the province ----
run init --data "$P" --root 江西省
printf '名称,代码,上级,类别\n南昌市,nanchang,,市\n九江市,jiujiang,,市\n浔阳区,xunyang,jiujiang,区\n' >"$K/units.csv"
run units import --data "$P" "$K/units.csv"
check "package: the province and its cities" eval 'status_is 0 && out_has "已导入 3 个单位"'
run package import --data "$P" "$K/p.zip"
check "package: an untrusted unit is refused" eval 'exits_2_in_chinese "还没有登记「南昌市」的公钥"'
run package trust --data "$P" --unit nanchang --key abc
check "package: trust refuses what is no key" eval 'exits_2_in_chinese "44 个字符"'
run package keygen --data "$P"
OTHER=$(tail -n 1 "$T/out")
run package trust --data "$P" --unit nanchang --key "$OTHER"
run package import --data "$P" "$K/p.zip"
check "package: a package signed with another key is refused" eval 'exits_2_in_chinese "签名不对"'
run package trust --data "$P" --unit nanchang --key "$KEY"
check "package: trust records the city's key, saying it replaced another" eval 'status_is 0 && out_has "已更换「nanchang」的材料包公钥" && [ "$(sql "$P" "SELECT package_key FROM units WHERE code = '"'nanchang'"'")" = "$KEY" ]'
run package import --data "$P" "$K/p.zip"
check "package: a year the province has no week of is refused" eval 'exits_2_in_chinese "本级没有 2022 年的活动周"'
"$BIN" sql --data "$P" >/dev/null <<'SQL'
INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at, updated_at)
VALUES ((SELECT id FROM units WHERE parent_id IS NULL), 2022, '2022年江西省全民终身学习活动周', '学习贯彻二十大，终身学习向未来',
        '2022-12-01', '2022-12-07', 4102444800, 0, 0);
SQL
mkdir -p "$K/t"
(cd "$K/t" && unzip -q -o "$K/p.zip")
sed -i 's/"version": 1,/"version": 9,/' "$K/t/manifest.json"
rezip "$K/t" "$K/tm.zip"
run package import --data "$P" "$K/tm.zip"
check "package: a tampered manifest is refused" eval 'exits_2_in_chinese "签名不对"'
(cd "$K/t" && unzip -q -o "$K/p.zip")
printf 'X' | dd of="$K/t/final.pdf" bs=1 seek=200 conv=notrunc 2>/dev/null
rezip "$K/t" "$K/tp.zip"
run package import --data "$P" "$K/tp.zip"
check "package: a tampered PDF is refused" eval 'exits_2_in_chinese "final.pdf" && err_has "被改动过"'
(cd "$K/t" && unzip -q -o "$K/p.zip")
printf 'X' | dd of="$K/t/scan.pdf" bs=1 seek=10 conv=notrunc 2>/dev/null
rezip "$K/t" "$K/ts.zip"
run package import --data "$P" "$K/ts.zip"
check "package: a tampered scan is refused (the store's own SHA-256 against the manifest)" eval 'exits_2_in_chinese "scan.pdf" && err_has "被改动过"'
run package import --data "$P" "$K/jj.zip"
check "package: a unit without a trusted key is refused" eval 'exits_2_in_chinese "还没有登记「九江市」的公钥"'
run package trust --data "$P" --unit xunyang --key "$KEY"
run package import --data "$P" "$K/xy.zip"
check "package: a unit that is no direct child is refused" eval 'exits_2_in_chinese "不是本级的直属下级"'
run package import --data "$P" "$K/no.zip"
check "package: an unknown unit is refused" eval 'exits_2_in_chinese "本系统没有这个单位"'
printf 'just text\n' >"$K/text.zip"
run package import --data "$P" "$K/text.zip"
check "package: a file that is no ZIP is refused" eval 'exits_2_in_chinese "不是 ZIP"'
truncate -s 121M "$K/big.zip"
run package import --data "$P" "$K/big.zip"
check "package: a package over 120 MB is refused before it is opened" eval 'exits_2_in_chinese "材料包太大"'
rm -f "$K/big.zip"
mkdir -p "$K/b"
head -c 300000 /dev/urandom | od -An -tx1 >"$K/b/manifest.json"
(cd "$K/b" && zip -q "$K/huge.zip" manifest.json)
run package import --data "$P" "$K/huge.zip"
check "package: an entry over its size is refused" eval 'exits_2_in_chinese "解压后太大"'
head -c 20000000 /dev/zero >"$K/b/final.pdf"
(cd "$K/b" && zip -q "$K/bomb.zip" final.pdf)
run package import --data "$P" "$K/bomb.zip"
check "package: a ZIP bomb is refused by its ratio" eval 'exits_2_in_chinese "压缩比异常"'
check "package: nothing of the refused packages was written" eval '[ "$(psubs)" = 0 ] && [ "$(sql "$P" "SELECT count(*) FROM files")" = 0 ] && [ -z "$(ls "$P/files/tmp")" ]'

run package import --data "$P" "$K/p.zip"
check "package: the import records the city's version" eval 'status_is 0 && out_has "已导入「南昌市」2022 年的材料包，记为第 1 版"'
check "package: as a submitted version with the city's code and digest" eval '[ "$(sql "$P" "SELECT s.status, s.verify_code, s.digest FROM submissions s")" = "submitted|$(unzip -p "$K/p.zip" manifest.json | sed -n "s/.*\"verify_code\": \"\(.*\)\",/\1/p")|$(unzip -p "$K/p.zip" manifest.json | sed -n "s/.*\"digest\": \"\(.*\)\",/\1/p")" ]'
run export city --data "$P" --year 2022 --format pdf --out "$K/prov.pdf"
pdftotext -layout "$K/prov.pdf" "$K/prov.txt" 2>/dev/null
ACTS=$(froze activity_count)
PEOPLE=$(froze participants)
check "package: the province's form counts the city's frozen figures ($ACTS, $PEOPLE)" eval '[ -n "$ACTS" ] && [ -n "$PEOPLE" ] && grep -q "各县区：南昌市 $ACTS" "$K/prov.txt" && grep -q "各县区：南昌市 $PEOPLE" "$K/prov.txt"'
run package import --data "$P" "$K/p.zip"
check "package: the same package twice is refused, said plainly" eval 'exits_2_in_chinese "已经导入过" && [ "$(psubs)" = 1 ]'
run package import --data "$P" "$K/p2.zip"
check "package: the package verifies on the restored install, the same version again" eval 'exits_2_in_chinese "已经导入过"'

# a newer 定稿 of the city (its centre changed a figure, with a reason): the next version
start_server "$C" || not_ok "package: serve the city"
J="$K/jar"
login centre_admin "$(grep "^centre_admin$TAB" "$C/demo-accounts.txt" | cut -f2)" "$J" >/dev/null
CW=$(sql "$C" "SELECT id FROM weeks WHERE year = 2022")
csrf=$(curl -s -c "$J" -b "$J" "$BASE/admin/city-form?week=$CW" | grep -o 'name="_csrf" value="[0-9a-f]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
post() { curl -s -o /dev/null -w '%{http_code}' -c "$J" -b "$J" -H "Origin: $BASE" --data-urlencode "_csrf=$csrf" --data "week=$CW" "$@"; }
check "package: the city changes a figure and finalises again" eval '[ "$(post --data field=participants --data-urlencode "value=9700 人次" --data-urlencode "reason=补报一场活动的人数" "$BASE/admin/city-form/field")$(post "$BASE/admin/city-form/finalise")" = 303303 ]'
stop_server
run package export --data "$C" --year 2022 --out "$K/p3.zip" --as nanchang --scan "$K/scan.pdf"
check "package: the new 定稿 exports as its version 2" eval 'status_is 0 && out_has "第 2 版定稿"'
run package import --data "$P" "$K/p3.zip"
check "package: a newer package is the next version, waiting for review" eval 'status_is 0 && out_has "记为第 2 版"'
run export city --data "$P" --year 2022 --format pdf --out "$K/prov2.pdf"
pdftotext -layout "$K/prov2.pdf" "$K/prov2.txt" 2>/dev/null
check "package: the province's form counts the newer version (9700)" eval 'grep -q "各县区：南昌市 9700 人次" "$K/prov2.txt"'
check "package: the override's reason travelled with it" eval 'sql "$P" "SELECT form_json FROM submissions WHERE version = 2" | grep -q "补报一场活动的人数"'
printf 'province pass 123\n' >"$K/pw"
run user add --data "$P" --username prov_admin --role centre_admin --password-file "$K/pw"
start_server "$P" || not_ok "package: serve the province"
login prov_admin "province pass 123" "$J" >/dev/null
NC=$(sql "$P" "SELECT id FROM units WHERE code = 'nanchang'")
PW=$(sql "$P" "SELECT id FROM weeks WHERE year = 2022")
curl -s -b "$J" "$BASE/units/$NC/submission?week=$PW" >"$K/versions.html"
check "package: the province's page lists version 1 as 已被取代 under version 2" eval 'grep -q "第 2 版</a></td><td><span class=\"when\">[^<]*</span></td><td class=\"nowrap\">已提交，待审核<" "$K/versions.html" && grep -q "第 1 版</a></td><td><span class=\"when\">[^<]*</span></td><td class=\"nowrap\">已被取代<" "$K/versions.html"'
stop_server
run check --data "$P" --deep
check "package: the province's folder checks clean" status_is 0
[ -n "$PKG_SAVED_DB" ] && export LEARNWEEK_DATABASE="$PKG_SAVED_DB"
