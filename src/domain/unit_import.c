/* unit_import.c: the tree of nodes from a table (CSV or XLSX: 名称, 代码, 上级,
 * 类别), all or nothing. It reads with the import table reader
 * (in/table_reader.h) but not through the bulk pipeline (bulk.c): that one
 * keeps a pending file per unit and week, previews it, and skips rows seen
 * before; a tree is set up once, for no week, and half a tree is worse than
 * none, so every row is checked and then every node is written in one
 * transaction, or none is. */
#include "org.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

static const table_column unit_columns[] = {
	{"name", "名称", true, false, "单位名称，例如 南昌市、东湖区", "name|单位名称|节点名称"},
	{"code", "代码", true, false, "小写字母、数字、- 和 _，例如 nanchang", "code|单位代码"},
	{"parent", "上级", false, false, "上级单位的代码或名称（表中前后的行或已有的单位）；空着表示直属最上级", "parent|上级单位|上级代码"},
	{"kind", "类别", false, false, "省、市、区、县、开发区、管理局或街道；空着时按名称的最后一个字判断", "kind|单位类别|层级"},
};
enum { C_NAME, C_CODE, C_PARENT, C_KIND, N_UNIT_COLUMNS };

const table_spec unit_import_table = {unit_columns, N_UNIT_COLUMNS, 5000, 2 * 1024 * 1024, "单位"};

typedef struct row {
	long long line;
	const char *name, *code, *parent, *kind;
	int parent_row;        /* the file's row this one hangs under, -1 if none */
	long long parent_id;   /* an existing node it hangs under, 0 if a row of the file */
	int state;             /* for the walk: 0 unseen, 1 on the path, 2 done */
	long long id;          /* once written */
} row;

static const char *cell(arena *a, const table_row *tr, int k)
{
	return str_trim(arena_strdup(a, table_cell_str(a, &tr->cells[k], false)));
}

static int row_by_ref(row *v, int n, const char *ref)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(v[i].code, ref) || !strcmp(v[i].name, ref))
			return i;
	return -1;
}

/* The rows on a loop through i, as "A → B → A", or NULL when i hangs on
 * something outside the file at the end. */
static const char *loop_through(arena *a, row *v, int i)
{
	int slow = i, fast = i;
	for (;;) {
		if (v[fast].parent_row < 0 || v[v[fast].parent_row].parent_row < 0)
			return NULL;
		fast = v[v[fast].parent_row].parent_row;
		slow = v[slow].parent_row;
		if (slow == fast)
			break;
	}
	/* slow is on the loop; is i? */
	int at = slow;
	bool on = false;
	do {
		on |= at == i;
		at = v[at].parent_row;
	} while (at != slow);
	if (!on)
		return NULL;
	char *s = arena_strdup(a, v[i].name);
	at = v[i].parent_row;
	do {
		s = arena_printf(a, "%s → %s", s, v[at].name);
		at = v[at].parent_row;
	} while (at != v[i].parent_row);
	return s;
}

static int by_line(const void *x, const void *y)
{
	const table_issue *p = x, *q = y;
	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	unsigned pc = (unsigned)p->col, qc = (unsigned)q->col;
	return pc < qc ? -1 : pc > qc;
}

static bool write_row(db *d, arena *a, const actor *who, row *v, int i, const table_spec *sp, const int *fc, table_issues *is)
{
	if (v[i].id)
		return true;
	if (v[i].state == 2) /* refused already */
		return false;
	v[i].state = 2;
	if (v[i].parent_row >= 0 && !write_row(d, a, who, v, v[i].parent_row, sp, fc, is))
		return false;
	unit u = {0};
	u.parent_id = v[i].parent_row >= 0 ? v[v[i].parent_row].id : v[i].parent_id;
	u.name = arena_strdup(a, v[i].name);
	u.code = arena_strdup(a, v[i].code);
	u.kind = arena_strdup(a, v[i].kind);
	u.sort_order = unit_next_sort_order_under(d, u.parent_id); /* the file's order among siblings */
	errs e = {0};
	unit_check(d, a, &u, &e);
	for (int k = 0; k < e.n; k++) {
		const char *f = e.field[k];
		const char *col = !f ? NULL : !strcmp(f, "name") ? "name" : !strcmp(f, "code") ? "code" : !strcmp(f, "kind") ? "kind"
								  : !strcmp(f, "parent_id") ? "parent" : NULL;
		table_issue_add(a, is, sp, fc, v[i].line, col, e.msg[k]);
	}
	if (e.n || unit_write(d, a, who, &u) < 0)
		return false;
	v[i].id = u.id;
	return true;
}

int unit_import(db *d, arena *a, const actor *who, long long under, const char *path, const char *filename, table_file *f,
		table_issues *is)
{
	const table_spec *sp = &unit_import_table;
	table_read(a, path, filename, sp, f);
	if (f->status)
		return -1;
	const int *fc = f->file_col;
	if (!f->nrows) {
		f->status = 422;
		f->error = "文件里没有单位：表头下面一行也没有。";
		return -1;
	}
	row *v = arena_alloc(a, sizeof *v * (size_t)f->nrows);
	int n = f->nrows;
	for (int i = 0; i < n; i++) {
		table_row *tr = &f->rows[i];
		v[i] = (row){.line = tr->line, .parent_row = -1};
		v[i].name = cell(a, tr, C_NAME);
		v[i].code = cell(a, tr, C_CODE);
		v[i].parent = cell(a, tr, C_PARENT);
		v[i].kind = cell(a, tr, C_KIND);
	}
	/* the rows by themselves: a name and code once in the file, a kind */
	for (int i = 0; i < n; i++) {
		if (!*v[i].name)
			table_issue_add(a, is, sp, fc, v[i].line, "name", "请填写单位名称。");
		if (!*v[i].code)
			table_issue_add(a, is, sp, fc, v[i].line, "code", "请填写单位代码。");
		for (int j = 0; j < i; j++) {
			if (*v[i].code && !strcmp(v[i].code, v[j].code))
				table_issue_add(a, is, sp, fc, v[i].line, "code",
						arena_printf(a, "代码「%s」与第 %lld 行重复，每个单位的代码要不同。", v[i].code, v[j].line));
			if (*v[i].name && !strcmp(v[i].name, v[j].name))
				table_issue_add(a, is, sp, fc, v[i].line, "name",
						arena_printf(a, "名称「%s」与第 %lld 行重复，每个单位的名称要不同。", v[i].name, v[j].line));
		}
		long long had = *v[i].code ? db_int(d, 0, "SELECT id FROM units WHERE code = ?1", "t", v[i].code) : 0;
		if (had)
			table_issue_add(a, is, sp, fc, v[i].line, "code", arena_printf(a, "代码「%s」已被系统里的单位使用。", v[i].code));
		had = *v[i].name ? db_int(d, 0, "SELECT id FROM units WHERE name = ?1", "t", v[i].name) : 0;
		if (had)
			table_issue_add(a, is, sp, fc, v[i].line, "name", arena_printf(a, "系统里已有名为「%s」的单位，单位名称不能重复。", v[i].name));
		if (!*v[i].kind) {
			const char *k = unit_kind_of_name(v[i].name);
			if (k)
				v[i].kind = k;
			else if (*v[i].name)
				table_issue_add(a, is, sp, fc, v[i].line, "kind",
						arena_printf(a, "看不出「%s」是哪一级，请填写类别：省、市、区、县、开发区、管理局或街道。", v[i].name));
		} else if (unit_kind_rank(v[i].kind) < 0) {
			table_issue_add(a, is, sp, fc, v[i].line, "kind",
					arena_printf(a, "类别「%s」不认识，只能是省、市、区、县、开发区、管理局或街道。", v[i].kind));
		}
	}
	/* where each hangs: a row of the file first, then a node that exists
	 * within the importer's subtree; empty: directly under the importer */
	for (int i = 0; i < n; i++) {
		if (!*v[i].parent) {
			v[i].parent_id = under;
			continue;
		}
		v[i].parent_row = row_by_ref(v, n, v[i].parent);
		if (v[i].parent_row == i) {
			table_issue_add(a, is, sp, fc, v[i].line, "parent", "上级不能是这个单位自己。");
			v[i].parent_row = -1;
			continue;
		}
		if (v[i].parent_row >= 0)
			continue;
		long long id = unit_by_name_or_code(d, v[i].parent);
		if (id && unit_within(d, id, under))
			v[i].parent_id = id;
		else
			table_issue_add(a, is, sp, fc, v[i].line, "parent",
					arena_printf(a, "上级「%s」不存在：表中没有这个代码或名称的行，%s。", v[i].parent,
						     id ? "已有的这个单位也不在您管理的范围内" : "系统里也没有这个单位"));
	}
	const char **loops = arena_alloc(a, sizeof *loops * (size_t)n);
	for (int i = 0; i < n; i++)
		loops[i] = v[i].parent_row >= 0 ? loop_through(a, v, i) : NULL;
	for (int i = 0; i < n; i++)
		if (loops[i]) {
			table_issue_add(a, is, sp, fc, v[i].line, "parent", arena_printf(a, "上级关系成了环：%s。", loops[i]));
			v[i].parent_row = -1; /* the walk below must not follow it */
		}
	/* each level below its parent's: a 区 under a 市, not under a 区 */
	for (int i = 0; i < n; i++) {
		const char *pk = NULL, *pname = NULL;
		unit pu;
		if (v[i].parent_row >= 0)
			pk = v[v[i].parent_row].kind, pname = v[v[i].parent_row].name;
		else if (v[i].parent_id && unit_load(d, a, v[i].parent_id, &pu))
			pk = pu.kind, pname = pu.name;
		int rank = unit_kind_rank(v[i].kind);
		if (pk && rank >= 0 && unit_kind_rank(pk) >= 0 && rank <= unit_kind_rank(pk))
			table_issue_add(a, is, sp, fc, v[i].line, "kind",
					arena_printf(a, "「%s」（%s）不能在「%s」（%s）下面：%s的下级可以是%s。", v[i].name, v[i].kind, pname, pk, pk,
						     unit_kinds_below(a, pk)));
	}
	if (is->total) {
		qsort(is->v, (size_t)is->n, sizeof *is->v, by_line);
		return -1;
	}
	/* every node, parents first, in one transaction: all or none */
	if (db_begin(d) < 0) {
		f->status = 503;
		f->error = "数据库忙，请稍后重试。";
		return -1;
	}
	for (int i = 0; i < n; i++)
		if (!write_row(d, a, who, v, i, sp, fc, is) && !is->total) {
			db_rollback(d);
			f->status = 503;
			f->error = "保存失败，请重试。";
			return -1;
		}
	if (is->total) {
		db_rollback(d);
		qsort(is->v, (size_t)is->n, sizeof *is->v, by_line);
		return -1;
	}
	if (db_commit(d) < 0) {
		f->status = 503;
		f->error = "保存失败，请重试。";
		return -1;
	}
	return n;
}
