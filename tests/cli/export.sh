# export.sh: `learnweek export report`, sourced by run.sh (its helpers and $T).
# On the demo's live week (its year fixed by --now; in 2022 every unit was
# accepted long ago), where 东湖区 is still filling in: the draft before any submission; bad year, unit and format exit 2 in Chinese;
# then a report submitted over HTTP exported as PDF (pdftotext finds every
# label, values and the verification code), DOCX (a ZIP of well-formed XML)
# and the package (named files, a manifest whose SHA-256 lines check out).


Y=2026 # the live week of a demo made on 2026-12-03
# the 20 labels of the annex, and the lines above the tables
LABELS="举办县区 主办单位及协办单位 组织领导 下发活动文件的部门 出席活动（开幕式）的领导 具体协调部门 制定活动方案部门
活动参与情况 全区参与活动的数量 参加活动人数 有特色的活动 活动主题与内容 活动主题 活动内容 活动成效 活动时间
活动的群众性 活动范围（包括参与活动的街道、企事业单位等） 群众满意度 自我评价 宣传报道 宣传范围 文字报道 影像图片报道
其他 填报单位（盖章） 填报日期 ${Y}年南昌市全民终身学习活动周总结表"

# pdf_text PDF: its text with every space and line break taken out, so a
# label broken over two lines of its cell still reads as one word
pdf_text() { pdftotext "$1" - 2>/dev/null | tr -d ' \n\f'; }
pdf_has_all() {
	txt=$(pdf_text "$1")
	shift
	for w in $LABELS "$@"; do
		case $txt in *"$w"*) ;; *) echo "the PDF lacks: $w" >>"$T/err"; return 1 ;; esac
	done
}
# docx_ok DOCX: a ZIP whose every .xml and .rels part is well-formed XML
docx_ok() {
	rm -rf "$T/docx" && mkdir "$T/docx" && (cd "$T/docx" && unzip -q "$1") || return 1
	[ -f "$T/docx/word/document.xml" ] && [ -f "$T/docx/[Content_Types].xml" ] || return 1
	find "$T/docx" -name '*.xml' -o -name '*.rels' | while read -r part; do
		xmllint --noout "$part" 2>>"$T/err" || echo bad
	done | grep -q bad && return 1
	return 0
}

E="$T/export"
run demo --data "$E" --now "$Y-12-03T10:00+08:00"
check "export: a demo folder" status_is 0
W=$(sql "$E" "SELECT id FROM weeks WHERE year = $Y")
# 东湖区's published activities in the live week, as the form counts them
ACTS="$(sql "$E" "SELECT count(*) FROM activities a JOIN units u ON u.id = a.unit_id WHERE u.name = '东湖区' AND a.week_id = $W AND a.status = 'published'")场：线上"

# ---- the live draft ----
run export report --data "$E" --year "$Y" --unit 东湖区 --format pdf --out "$T/draft.pdf"
check "export: no submission yet: the draft PDF" eval 'status_is 0 && out_has "草稿"'
check "export: the draft PDF has every label, values and the 草稿 mark" pdf_has_all "$T/draft.pdf" 东湖区 "$ACTS" 终身学习人人出彩 草稿
run export report --data "$E" --year "$Y" --unit 东湖区 --format docx --out "$T/draft.docx"
check "export: the draft DOCX opens (ZIP of well-formed XML)" eval 'status_is 0 && docx_ok "$T/draft.docx"'
check "export: the DOCX holds the labels" eval 'grep -q "出席活动（开幕式）的领导" "$T/docx/word/document.xml" && grep -q "东湖区" "$T/docx/word/document.xml"'
run export report --data "$E" --year "$Y" --unit 东湖区 --format zip --out "$T/none.zip"
check "export: no package before a submission, said plainly" eval 'status_is 1 && err_is_chinese && err_has "还没有提交过" && [ ! -e "$T/none.zip" ]'

# ---- bad command lines ----
run export report --data "$E" --year 22 --unit 东湖区 --format pdf --out "$T/x.pdf"
check "export: --year 22 exits 2" eval 'exits_2_in_chinese "四位年份"'
run export report --data "$E" --year 二〇二二 --unit 东湖区 --format pdf --out "$T/x.pdf"
check "export: --year in words exits 2" eval 'exits_2_in_chinese "四位年份"'
run export report --data "$E" --year 2031 --unit 东湖区 --format pdf --out "$T/x.pdf"
check "export: a year without a week exits 2" eval 'exits_2_in_chinese "没有 2031 年的活动周"'
run export report --data "$E" --year "$Y" --unit 东湖 --format pdf --out "$T/x.pdf"
check "export: an unknown unit exits 2" eval 'exits_2_in_chinese "没有名为「东湖」的单位"'
run export report --data "$E" --year "$Y" --unit 东湖区 --format doc --out "$T/x.pdf"
check "export: --format doc exits 2" eval 'exits_2_in_chinese "只能是 pdf、docx 或 zip"'
run export report --data "$E" --year "$Y" --unit 东湖区 --format pdf
check "export: without --out exits 2" eval 'exits_2_in_chinese "缺少 --out"'
run export report --data "$E" --year "$Y" --unit 东湖区 --format pdf --out "$T/no/such/dir/x.pdf"
check "export: an output folder that does not exist: exit 1" eval 'status_is 1 && err_has "无法写入"'
run export forms --data "$E"
check "export: an unknown object exits 2" eval 'exits_2_in_chinese "不认识的导出对象「forms」"'
check "export: nothing written by the refused runs" eval '[ ! -e "$T/x.pdf" ]'

# ---- submit over HTTP, then export the version ----
start_server "$E" || not_ok "export: serve the demo folder"
PW_DONGHU=$(awk -F"$TAB" '$1 == "donghu_admin" { print $2 }' "$E/demo-accounts.txt")
J="$T/jar.export"
[ "$(login donghu_admin "$PW_DONGHU" "$J")" = 303 ] || not_ok "export: log in as donghu_admin"
csrf=$(curl -s -c "$J" -b "$J" "$BASE/units/2/submission?week=$W" | grep -o 'name="_csrf" value="[0-9a-f]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
printf '%%PDF-1.4\n%% 工作总结\n' >"$T/summary.pdf"
printf '%%PDF-1.4\n%% 典型案例\n' >"$T/case.pdf"
printf '%%PDF-1.4\n%% 盖章扫描件\n' >"$T/scan.pdf"
# a whole 8x8 JPEG: the server decodes photos and stores its own re-encoding
printf '%s' \
	'/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19i' \
	'Z2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj' \
	'Y2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUF' \
	'BAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVW' \
	'V1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi' \
	'4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAEC' \
	'AxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm' \
	'Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq' \
	'8vP09fb3+Pn6/9oADAMBAAIRAxEAPwAhC6FpKyKoN1L8kC8de7Y9B/gO9FFFPdsFJx2/I//Z' | base64 -d >"$T/p1.jpg"
upload() { curl -s -o /dev/null -w '%{http_code}' -c "$J" -b "$J" -F "_csrf=$csrf" -F week=$W -F "kind=$1" -F "file=@$2;filename=$3" "$BASE/units/2/attachments"; }
# the documents, 定稿, then the stamped scan of the 定稿
check "export: uploads" eval '[ "$(upload summary "$T/summary.pdf" 工作总结.pdf)$(upload case "$T/case.pdf" 案例.pdf)$(curl -s -o /dev/null -w "%{http_code}" -c "$J" -b "$J" --data "_csrf=$csrf&week=$W" "$BASE/units/2/report/finalise")$(upload scan "$T/scan.pdf" 扫描件.pdf)$(upload photo "$T/p1.jpg" 照片.jpg)" = 303303303303303 ]'
check "export: submit" eval '[ "$(curl -s -o /dev/null -w "%{http_code}" -c "$J" -b "$J" --data "_csrf=$csrf&week=$W" "$BASE/units/2/submission")" = 303 ]'
stop_server
code=$(sql "$E" "SELECT substr(verify_code, 1, 4) || '-' || substr(verify_code, 5, 4) || '-' || substr(verify_code, 9, 4) FROM submissions ORDER BY id DESC LIMIT 1")

run export report --data "$E" --year "$Y" --unit 东湖区 --format pdf --out "$T/v1.pdf"
check "export: the submitted version's PDF" eval 'status_is 0 && out_has "第 1 版"'
check "export: the version's PDF has every label, values and its verification code" pdf_has_all "$T/v1.pdf" 东湖区 "$ACTS" "校验码：$code"
check "export: the version's PDF is not marked 草稿" eval '! pdf_text "$T/v1.pdf" | grep -q 草稿'
run export report --data "$E" --year "$Y" --unit 东湖区 --format docx --out "$T/v1.docx"
check "export: the version's DOCX opens" eval 'status_is 0 && docx_ok "$T/v1.docx"'
run export report --data "$E" --year "$Y" --unit 东湖区 --format zip --out "$T/v1.zip"
check "export: the package" eval 'status_is 0 && out_has "材料包" && is_zip "$T/v1.zip"'
rm -rf "$T/pkg" && mkdir "$T/pkg" && (cd "$T/pkg" && unzip -q "$T/v1.zip")
check "export: the package names files by unit and kind" eval 'for f in 东湖区-总结表.pdf 东湖区-总结表.docx 东湖区-工作总结.pdf 东湖区-典型活动案例.pdf 东湖区-盖章扫描件.pdf 东湖区-照片-01.jpg manifest.txt manifest.json; do [ -f "$T/pkg/$f" ] || { echo "no $f" >>"$T/err"; exit 1; }; done'
check "export: the manifest names unit, version and code" eval 'grep -q "单位：东湖区" "$T/pkg/manifest.txt" && grep -q "版本：第 1 版" "$T/pkg/manifest.txt" && grep -q "校验码：$code" "$T/pkg/manifest.txt"'
check "export: every SHA-256 in the manifest matches its file" eval '(cd "$T/pkg" && grep -v "^#" manifest.txt | sha256sum -c --quiet -) 2>>"$T/err"'
check "export: the photo in the package is the one stored (the server's re-encoding of the upload)" eval \
	'[ "$(sha256sum <"$T/pkg/东湖区-照片-01.jpg" | cut -d" " -f1)" = "$(sql "$E" "SELECT sha256 FROM attachments WHERE kind = \"photo\" ORDER BY id DESC LIMIT 1")" ] && [ "$(head -c 3 "$T/pkg/东湖区-照片-01.jpg" | od -An -tx1 | tr -d " \n")" = ffd8ff ]'
check "export: manifest.json carries the code" grep -q "\"verify_code\": \"$code\"" "$T/pkg/manifest.json"
