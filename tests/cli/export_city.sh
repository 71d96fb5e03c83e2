# export_city.sh: `learnweek export city`, sourced by run.sh after export.sh
# (its helpers, $T, and $E: a demo folder where 东湖区 has submitted in the
# live week of year $Y). The
# workbook unzips into its four sheets with a row per activity; the city form
# as PDF (pdftotext finds every label, the title, the centre and the summed
# count: what the units submitted) and DOCX; the ZIP of every unit's package with its list; bad year and
# format exit 2 in Chinese; and jobs left running by a server are failed when
# the next one starts.

# ---- the workbook ----
run export city --data "$E" --year "$Y" --format xlsx --out "$T/city.xlsx"
check "export city: the workbook" eval 'status_is 0 && out_has "全市汇总工作簿" && is_zip "$T/city.xlsx"'
rm -rf "$T/xlsx" && mkdir "$T/xlsx" && (cd "$T/xlsx" && unzip -q "$T/city.xlsx")
check "export city: four sheets, named in Chinese" eval 'for s in 各单位总结表 活动 评价 宣传报道; do grep -q "<sheet name=\"$s\"" "$T/xlsx/xl/workbook.xml" || { echo "no sheet $s" >>"$T/err"; exit 1; }; done'
check "export city: every sheet is well-formed XML" eval 'for f in "$T"/xlsx/xl/worksheets/*.xml "$T/xlsx/xl/workbook.xml"; do xmllint --noout "$f" 2>>"$T/err" || exit 1; done'
acts=$(sql "$E" "SELECT count(*) FROM activities WHERE week_id = (SELECT id FROM weeks WHERE year = $Y)")
check "export city: a row per activity, after the header" eval '[ "$(grep -o "<row " "$T/xlsx/xl/worksheets/sheet2.xml" | wc -l)" -eq $((acts + 1)) ]'
check "export city: a row per reporting unit and the city" eval '[ "$(grep -o "<row " "$T/xlsx/xl/worksheets/sheet1.xml" | wc -l)" -eq 15 ]'
check "export city: 东湖区's submitted version, with its status" eval 'grep -q "<t>已提交，待审核</t>" "$T/xlsx/xl/worksheets/sheet1.xml"'
check "export city: header rows frozen" eval '[ "$(grep -l "state=\"frozen\"" "$T"/xlsx/xl/worksheets/*.xml | wc -l)" -eq 4 ]'
check "export city: no formulas" eval '! grep -q "<f>" "$T"/xlsx/xl/worksheets/*.xml'
check "export city: the workbook's properties name the centre" eval 'grep -q "南昌市社区教育指导中心" "$T/xlsx/docProps/core.xml"'

# ---- the city's form ----
# the city form sums what the units submitted: each unit's latest version's count
frozen_count() { # frozen_count UNIT-CONDITION: the summed 全区参与活动的数量 of those units' latest versions
	sql "$E" "SELECT sum(CAST(json_extract(f.value, '\$.shown') AS INTEGER)) FROM submissions s JOIN reports r ON r.id = s.report_id
		JOIN units u ON u.id = r.unit_id, json_each(s.form_json, '\$.fields') f
		WHERE r.week_id = (SELECT id FROM weeks WHERE year = $Y) AND $1 AND json_extract(f.value, '\$.key') = 'activity_count'
		AND s.version = (SELECT max(version) FROM submissions WHERE report_id = s.report_id)"
}
published=$(frozen_count 1)
donghu=$(frozen_count "u.name = '东湖区'")
run export city --data "$E" --year "$Y" --format pdf --out "$T/city.pdf"
check "export city: the form as PDF" eval 'status_is 0 && out_has "全市总结表"'
check "export city: the PDF has every label, the centre and the summed count" eval '[ "$donghu" -gt 0 ] && [ "$published" -gt "$donghu" ] && pdf_has_all "$T/city.pdf" 南昌市社区教育指导中心 "${published}场：线上" "各县区：东湖区${donghu}场"'
check "export city: the city's form is not marked 草稿" eval '! pdf_text "$T/city.pdf" | grep -q 草稿'
run export city --data "$E" --year "$Y" --format docx --out "$T/city.docx"
check "export city: the form as DOCX (ZIP of well-formed XML)" eval 'status_is 0 && docx_ok "$T/city.docx" && grep -q "${Y}年南昌市全民终身学习活动周总结表" "$T/docx/word/document.xml"'

# ---- every unit's package ----
run export city --data "$E" --year "$Y" --format zip --out "$T/all.zip"
check "export city: the ZIP of packages" eval 'status_is 0 && out_has "报送材料包" && is_zip "$T/all.zip"'
rm -rf "$T/all" && mkdir "$T/all" && (cd "$T/all" && unzip -q "$T/all.zip")
check "export city: 东湖区's package inside, itself a package" eval '[ -f "$T/all/东湖区-报送材料-第1版.zip" ] && unzip -l "$T/all/东湖区-报送材料-第1版.zip" | grep -q manifest.txt'
check "export city: the list says who sent what and who has not" eval 'grep -q "东湖区：第 1 版" "$T/all/清单.txt" && grep -q "新建区：未提交" "$T/all/清单.txt"'

# ---- bad command lines ----
run export city --data "$E" --year 22 --format xlsx --out "$T/y.xlsx"
check "export city: --year 22 exits 2" eval 'exits_2_in_chinese "四位年份"'
run export city --data "$E" --year 2031 --format xlsx --out "$T/y.xlsx"
check "export city: a year without a week exits 2" eval 'exits_2_in_chinese "没有 2031 年的活动周"'
run export city --data "$E" --year "$Y" --format csv --out "$T/y.xlsx"
check "export city: --format csv exits 2" eval 'exits_2_in_chinese "只能是 xlsx、pdf、docx 或 zip"'
run export city --data "$E" --year "$Y" --format xlsx
check "export city: without --out exits 2" eval 'exits_2_in_chinese "缺少 --out"'
run export city --data "$E" --year "$Y" --unit 东湖区 --format xlsx --out "$T/y.xlsx"
check "export city: --unit is not an option of it" eval 'exits_2_in_chinese "不认识的选项「--unit」"'
run export city --data "$E" --year "$Y" --format xlsx --out "$T/no/such/dir/y.xlsx"
check "export city: an output folder that does not exist: exit 1" eval 'status_is 1 && err_has "无法写入"'
check "export city: nothing written by the refused runs" eval '[ ! -e "$T/y.xlsx" ]'

# ---- jobs die with the server ----
sql "$E" "INSERT INTO jobs(kind, week_id, status, done, total, created_at) VALUES ('city_zip', 1, 'running', 1, 9, strftime('%s','now'))" >/dev/null
: >"$E/exports/job-99.zip.part"
start_server "$E" || not_ok "export city: serve the folder"
check "export city: a job left running is failed at start" eval '[ "$(sql "$E" "SELECT status FROM jobs ORDER BY id DESC LIMIT 1")" = failed ]'
check "export city: and its unfinished file removed" eval '[ ! -e "$E/exports/job-99.zip.part" ]'
stop_server
