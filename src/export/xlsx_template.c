/* xlsx_template.c: the activity import template. Column order, headers and
 * hints come from import_columns, so the template and the importer cannot
 * disagree. */
#include "export/xlsx_template.h"
#include "out/cells.h"
#include "domain/import.h"
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#define DATA_ROWS 5000   /* rows that get the drop-down lists */
#define SHEET_DATA "活动"
#define SHEET_HELP "填写说明"
#define SHEET_LISTS "可选值"

static const double widths[N_IMPORT_COLUMNS] = {
	32, 24, 22, 26, 16, 14, 24, 11, 18, 18, 30, 16, 28, 10, 44, 13, 16, 11,
};

/* Example values, one per column (matching import_columns). */
static const char *const example[N_IMPORT_COLUMNS] = {
	IMPORT_EXAMPLE_MARK "老年人智能手机使用培训", NULL, "百花洲街道社区教育学校", NULL /* the week's */,
	"科学文化", NULL, NULL, "线下", NULL, NULL, "社区教育学院三楼多功能厅", "百花洲街道", "",
	"40", "手把手教老年人使用健康码、网上挂号和视频通话，每人配一名志愿者。", "否", "", "否",
};

/* A drop-down list. The values are written into the rule itself: libxlsxwriter
 * 1.1.4 leaks the formula string of a list that points at a range, and
 * overflows a fixed buffer on a value list over 255 bytes. So a list that
 * does not fit (a centre's long list of forms) gets no drop-down, only a
 * prompt that points at the 可选值 sheet, which always has every value. */
static void list_rule(lxw_worksheet *ws, int col, const char *const *values, int nvalues, bool multi, const char *label)
{
	size_t bytes = 3;
	for (int i = 0; i < nvalues; i++)
		bytes += strlen(values[i]) + 1;
	lxw_data_validation v = {0};
	char *list[64];
	if (bytes <= 250 && nvalues < 64) {
		for (int i = 0; i < nvalues; i++)
			list[i] = (char *)values[i];
		list[nvalues] = NULL;
		v.validate = LXW_VALIDATION_TYPE_LIST;
		v.value_list = list;
	} else {
		v.validate = LXW_VALIDATION_TYPE_ANY;
	}
	v.ignore_blank = LXW_VALIDATION_ON;
	v.show_error = LXW_VALIDATION_ON;
	v.show_input = LXW_VALIDATION_ON;
	v.input_title = (char *)label;
	v.error_title = (char *)label;
	if (v.validate == LXW_VALIDATION_TYPE_ANY) {
		v.input_message = "可填的值见「" SHEET_LISTS "」表；多项用顿号（、）分隔。";
	} else if (multi) {
		/* a list allows one value; several, separated by 、, are fine too */
		v.error_type = LXW_VALIDATION_ERROR_TYPE_INFORMATION;
		v.input_message = "可从下拉列表选择；多项用顿号（、）分隔，如“甲、乙”。";
		v.error_message = "多项请用顿号（、）分隔，每项须是「" SHEET_LISTS "」表中的名称。如确认无误，请点“确定”。";
	} else {
		v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
		v.input_message = "请从下拉列表中选择。";
		v.error_message = "请从下拉列表中选择。";
	}
	worksheet_data_validation_range(ws, 1, (lxw_col_t)col, DATA_ROWS, (lxw_col_t)col, &v);
}

/* A rule that stops a wrong entry with a message. */
static void stop_rule(lxw_worksheet *ws, int col, lxw_data_validation *v, const char *label, const char *error)
{
	v->ignore_blank = LXW_VALIDATION_ON;
	v->show_error = LXW_VALIDATION_ON;
	v->error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	v->error_title = (char *)label;
	v->error_message = (char *)error;
	worksheet_data_validation_range(ws, 1, (lxw_col_t)col, DATA_ROWS, (lxw_col_t)col, v);
}

static void number_rule(lxw_worksheet *ws, int col, const char *label)
{
	lxw_data_validation v = {0};
	v.validate = LXW_VALIDATION_TYPE_INTEGER;
	v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
	v.value_number = 0;
	stop_rule(ws, col, &v, label, "请填写 0 或正整数；不限或不知道请留空。");
}

static void time_rule(lxw_worksheet *ws, int col, const char *label)
{
	lxw_data_validation v = {0};
	v.validate = LXW_VALIDATION_TYPE_DATE;
	v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	v.minimum_datetime = (lxw_datetime){2000, 1, 1, 0, 0, 0};
	v.maximum_datetime = (lxw_datetime){2099, 12, 31, 23, 59, 0};
	v.show_input = LXW_VALIDATION_ON;
	v.input_title = (char *)label;
	v.input_message = "写成 2022-12-02 09:00（日期和时间之间有一个空格）。";
	stop_rule(ws, col, &v, label, "请填写日期和时间，例如 2022-12-02 09:00。");
}

/* A header cell: bold, centred, wrapped, on a colour (required columns stand out). */
static lxw_format *head_format(lxw_workbook *wb, int colour)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_bold(f);
	format_set_bg_color(f, colour);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_CENTER);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

/* The example's value of a list column: its first k values of the week, 、-separated. */
static void list_example(char *out, size_t size, const choices *c, int k)
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < c->n && i < k; i++)
		len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s", i ? "、" : "", c->label[i]);
}

/* The example row: grey italics, so nobody takes it for data. */
static lxw_format *example_format(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_italic(f);
	format_set_font_color(f, 0x7F7F7F);
	return f;
}

int xlsx_template_write(const char *path, const xlsx_template_opts *o)
{
	lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = (char *)o->tmpdir, .use_zip64 = LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(path, &wo);
	if (!wb)
		return -1;
	lxw_doc_properties props = {
		.title = "全民终身学习活动周 活动批量导入模板",
		.subject = "活动批量导入",
		.company = "社区教育指导中心",
		.comments = "第一行的列名不要修改；从第 2 行起每行填写一项活动。",
	};
	workbook_set_properties(wb, &props);
	lxw_worksheet *data = workbook_add_worksheet(wb, SHEET_DATA);
	lxw_worksheet *help = workbook_add_worksheet(wb, SHEET_HELP);
	lxw_worksheet *lists = workbook_add_worksheet(wb, SHEET_LISTS);

	lxw_format *head_req = head_format(wb, 0xFCE4D6), *head_opt = head_format(wb, 0xDDEBF7);
	lxw_format *when = workbook_add_format(wb);
	format_set_num_format(when, "yyyy-mm-dd hh:mm");
	lxw_format *text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	lxw_format *ex = example_format(wb);
	lxw_format *ex_when = example_format(wb);
	format_set_num_format(ex_when, "yyyy-mm-dd hh:mm");
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);

	/* sheet 1: the activities */
	int y = 2022, m = 12, d = 2;
	if (o->example_day)
		sscanf(o->example_day, "%d-%d-%d", &y, &m, &d);
	for (int k = 0; k < N_IMPORT_COLUMNS; k++) {
		const import_column *c = &import_columns[k];
		xlsx_text(data, 0, (lxw_col_t)k, c->label, c->required ? head_req : head_opt);
		bool is_time = !strcmp(c->field, "starts_at") || !strcmp(c->field, "ends_at");
		bool is_count = !strcmp(c->field, "capacity") || !strcmp(c->field, "reported");
		worksheet_set_column(data, (lxw_col_t)k, (lxw_col_t)k, widths[k], is_time ? when : is_count ? NULL : text);
		if (is_time) {
			lxw_datetime t = {y, m, d, !strcmp(c->field, "starts_at") ? 9 : 11, 0, 0};
			worksheet_write_datetime(data, 1, (lxw_col_t)k, &t, ex_when);
		} else if (!strcmp(c->field, "host")) {
			char host[200];
			snprintf(host, sizeof host, "%s社区教育学院", o->unit_name ? o->unit_name : "");
			xlsx_text(data, 1, (lxw_col_t)k, host, ex);
		} else if (!strcmp(c->field, "content") || !strcmp(c->field, "forms") || !strcmp(c->field, "audiences")) {
			char v[512];
			list_example(v, sizeof v, !strcmp(c->field, "content") ? &o->lists->content
						  : !strcmp(c->field, "forms") ? &o->lists->form : &o->lists->audience,
				     !strcmp(c->field, "forms") ? 1 : 2);
			if (*v)
				xlsx_text(data, 1, (lxw_col_t)k, v, ex);
		} else if (is_count && example[k] && *example[k]) {
			worksheet_write_number(data, 1, (lxw_col_t)k, 40, ex);
		} else if (example[k] && *example[k]) {
			xlsx_text(data, 1, (lxw_col_t)k, example[k], ex);
		}
	}
	worksheet_set_row(data, 0, 36, NULL);
	worksheet_freeze_panes(data, 1, 1);
	worksheet_activate(data);

	/* sheet 3: the allowed values, which the drop-down lists point at */
	const char *list_heads[] = {"活动内容", "学习主题", "活动形式", "参与对象", "线上/线下", "是/否"};
	for (int j = 0; j < 6; j++) {
		xlsx_text(lists, 0, (lxw_col_t)j, list_heads[j], head_opt);
		worksheet_set_column(lists, (lxw_col_t)j, (lxw_col_t)j, j == 0 ? 30 : 18, NULL);
	}
	const choices *content = &o->lists->content, *forms = &o->lists->form, *aud = &o->lists->audience;
	for (int i = 0; i < content->n; i++)
		xlsx_text(lists, (lxw_row_t)(i + 1), 0, content->label[i], NULL);
	for (int i = 0; i < N_SUBJECTS; i++)
		xlsx_text(lists, (lxw_row_t)(i + 1), 1, subjects[i], NULL);
	for (int i = 0; i < forms->n; i++)
		xlsx_text(lists, (lxw_row_t)(i + 1), 2, forms->label[i], NULL);
	for (int i = 0; i < aud->n; i++)
		xlsx_text(lists, (lxw_row_t)(i + 1), 3, aud->label[i], NULL);
	const char *modes[] = {"线下", "线上", "线上线下"}, *yesno[] = {"是", "否"};
	for (int i = 0; i < 3; i++)
		xlsx_text(lists, (lxw_row_t)(i + 1), 4, modes[i], NULL);
	for (int i = 0; i < 2; i++)
		xlsx_text(lists, (lxw_row_t)(i + 1), 5, yesno[i], NULL);
	worksheet_freeze_panes(lists, 1, 0);

	for (int k = 0; k < N_IMPORT_COLUMNS; k++) {
		const char *f = import_columns[k].field, *label = import_columns[k].label;
		if (!strcmp(f, "content"))
			list_rule(data, k, content->label, content->n, true, label);
		else if (!strcmp(f, "subjects"))
			list_rule(data, k, subjects, N_SUBJECTS, true, label);
		else if (!strcmp(f, "forms") && forms->n)
			list_rule(data, k, forms->label, forms->n, true, label);
		else if (!strcmp(f, "audiences") && aud->n)
			list_rule(data, k, aud->label, aud->n, true, label);
		else if (!strcmp(f, "mode"))
			list_rule(data, k, modes, 3, false, label);
		else if (!strcmp(f, "featured") || !strcmp(f, "off_week"))
			list_rule(data, k, yesno, 2, false, label);
		else if (!strcmp(f, "capacity") || !strcmp(f, "reported"))
			number_rule(data, k, label);
		else if (!strcmp(f, "starts_at") || !strcmp(f, "ends_at"))
			time_rule(data, k, label);
	}

	/* sheet 2: what goes in each column */
	const char *help_heads[] = {"列名", "是否必填", "怎么填"};
	for (int j = 0; j < 3; j++)
		xlsx_text(help, 0, (lxw_col_t)j, help_heads[j], head_opt);
	worksheet_set_column(help, 0, 0, 22, NULL);
	worksheet_set_column(help, 1, 1, 12, NULL);
	worksheet_set_column(help, 2, 2, 80, wrap);
	for (int k = 0; k < N_IMPORT_COLUMNS; k++) {
		const import_column *c = &import_columns[k];
		xlsx_text(help, (lxw_row_t)(k + 1), 0, c->label, bold);
		const char *req = c->required ? "必填"
				  : !strcmp(c->field, "venue") ? "线下必填"
				  : !strcmp(c->field, "online_url") ? "线上必填" : "选填";
		xlsx_text(help, (lxw_row_t)(k + 1), 1, req, NULL);
		xlsx_text(help, (lxw_row_t)(k + 1), 2, c->hint, wrap);
	}
	const char *notes[] = {
		"注意事项",
		"1. 第一行的列名不要修改、不要删除；从第 2 行起，每行填写一项活动。",
		"2. 第 2 行是示例（活动名称以“" IMPORT_EXAMPLE_MARK "”开头），导入时自动跳过，可以保留也可以删除。",
		"3. 多个值用顿号（、）分隔，如“甲、乙”。可选的值（本届活动周的）见「" SHEET_LISTS "」表。",
		"4. 开始时间和结束时间按北京时间填写，例如 2022-12-02 09:00。",
		"5. 也可以把本表另存为 CSV 文件再上传：UTF-8 或 Excel 默认的 GBK 编码都可以。",
		"6. 上传后系统会逐行检查并显示预览；全部无误、点“确认导入”后才会保存。同一行重复导入不会产生重复的活动。",
	};
	for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
		xlsx_text(help, (lxw_row_t)(N_IMPORT_COLUMNS + 2 + i), 0, notes[i], i == 0 ? bold : NULL);
	worksheet_freeze_panes(help, 1, 0);

	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int xlsx_table_template_write(const char *path, const xlsx_table_opts *o)
{
	lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = (char *)o->tmpdir, .use_zip64 = LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(path, &wo);
	if (!wb)
		return -1;
	lxw_worksheet *data = workbook_add_worksheet(wb, o->sheet);
	lxw_worksheet *help = workbook_add_worksheet(wb, SHEET_HELP);
	lxw_worksheet *lists = workbook_add_worksheet(wb, SHEET_LISTS);
	lxw_format *head_req = head_format(wb, 0xFCE4D6), *head_opt = head_format(wb, 0xDDEBF7);
	lxw_format *text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	lxw_format *ex = example_format(wb);
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	for (int k = 0; k < o->ncols; k++) {
		const table_column *c = &o->cols[k];
		xlsx_text(data, 0, (lxw_col_t)k, c->label, c->required ? head_req : head_opt);
		worksheet_set_column(data, (lxw_col_t)k, (lxw_col_t)k, c->multi || !strcmp(c->field, "description") ? 30 : 18, text);
		if (o->example[k] && *o->example[k])
			xlsx_text(data, 1, (lxw_col_t)k, o->example[k], ex);
		xlsx_text(help, (lxw_row_t)(k + 1), 0, c->label, NULL);
		xlsx_text(help, (lxw_row_t)(k + 1), 1, c->required ? "必填" : "选填", NULL);
		xlsx_text(help, (lxw_row_t)(k + 1), 2, c->hint, wrap);
	}
	worksheet_set_row(data, 0, 36, NULL);
	worksheet_freeze_panes(data, 1, 1);
	worksheet_activate(data);
	for (int j = 0; j < o->nlists; j++) {
		const xlsx_list *l = &o->lists[j];
		xlsx_text(lists, 0, (lxw_col_t)j, o->cols[l->col].label, head_opt);
		worksheet_set_column(lists, (lxw_col_t)j, (lxw_col_t)j, 18, NULL);
		for (int i = 0; i < l->n; i++)
			xlsx_text(lists, (lxw_row_t)(i + 1), (lxw_col_t)j, l->values[i], NULL);
		list_rule(data, l->col, l->values, l->n, l->multi, o->cols[l->col].label);
	}
	const char *help_heads[] = {"列名", "是否必填", "怎么填"};
	for (int j = 0; j < 3; j++)
		xlsx_text(help, 0, (lxw_col_t)j, help_heads[j], head_opt);
	worksheet_set_column(help, 0, 0, 22, NULL);
	worksheet_set_column(help, 1, 1, 12, NULL);
	worksheet_set_column(help, 2, 2, 80, wrap);
	char note[400];
	snprintf(note, sizeof note, "第一行的列名不要修改；从第 2 行起每行填写一项%s。第 2 行是示例（名称以“%s”开头），导入时自动跳过。"
		 "多个值用顿号（、）分隔。也可以另存为 CSV（UTF-8 或 GBK）再上传。", o->sheet, o->example_mark);
	xlsx_text(help, (lxw_row_t)(o->ncols + 2), 0, note, NULL);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}
