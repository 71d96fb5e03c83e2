/* pg_migrate.c: learnweek migrate-to-postgres (see pg_migrate.h).
 *
 * Written here rather than with pgloader (Debian has it): pgloader makes its
 * own schema from SQLite's, where ours comes from migrations-pg/ (identity
 * columns, PL/pgSQL triggers, the text index as a word array), and it cannot
 * compare what it copied; the copy is a few queries over db.h either way.
 *
 * The copy runs in one PostgreSQL transaction with session_replication_role
 * = replica: no trigger fires (a week's insert would copy its lists a second
 * time, the counters would count twice) and no foreign key is checked until
 * every table is in, so the order of the tables does not matter. That needs
 * a superuser, or on PostgreSQL 15 `GRANT SET ON PARAMETER
 * session_replication_role TO role`. The SQLite side is read inside one
 * transaction under the folder's lock, so no server writes meanwhile. */
#include "pg_migrate.h"
#include "datadir.h"
#include "core/arena.h"
#include "core/buf.h"
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#define BATCH_PARAMS 20000
#define MAX_COLS 128
#define MAX_TABLES 256

typedef struct table {
	char *name;
	char *cols[MAX_COLS];
	char *types[MAX_COLS]; /* PostgreSQL's, for the casts */
	int ncols;
	bool has_id;
} table;

/* Tables the copy leaves out: the migrations' own record (each engine has
 * its own) and the text index, made again from the activities. */
static bool left_out(const char *t)
{
	return !strcmp(t, "schema_migrations") || !strcmp(t, "activity_text");
}

/* The columns of table t in the SQLite database. */
static int sqlite_cols(db *s, arena *a, const char *t, char **cols, int max)
{
	int n = 0;
	stmt st;
	if (db_prep(s, &st, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", "t", t) == 0) {
		while (n < max && stmt_step(&st) == 1)
			cols[n++] = col_dup(&st, a, 0);
		stmt_done(&st);
	}
	return n;
}

/* The tables both databases have, with the columns both have. */
static int common_tables(db *s, db *p, arena *a, table *v, FILE *out)
{
	int n = 0;
	stmt st;
	if (db_prep(p, &st, "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()"
			    " AND table_type = 'BASE TABLE' ORDER BY 1", NULL) < 0)
		return -1;
	while (n < MAX_TABLES && stmt_step(&st) == 1) {
		char *t = col_dup(&st, a, 0);
		if (left_out(t))
			continue;
		if (!db_exists(s, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", "t", t)) {
			fprintf(out, "  %s：SQLite 中没有这张表，跳过\n", t);
			continue;
		}
		char *scols[MAX_COLS];
		int ns = sqlite_cols(s, a, t, scols, MAX_COLS);
		table *tb = &v[n];
		memset(tb, 0, sizeof *tb);
		tb->name = t;
		for (int i = 0; i < ns; i++)
			if ((tb->types[tb->ncols] = db_text(p, a, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
							    " WHERE attrelid = CAST(?1 AS regclass) AND attname = ?2 AND attnum > 0"
							    " AND NOT attisdropped", "tt", arena_printf(a, "\"%s\"", t), scols[i]))) {
				tb->cols[tb->ncols++] = scols[i];
				if (!strcmp(scols[i], "id"))
					tb->has_id = true;
			} else {
				fprintf(out, "  %s.%s：PostgreSQL 中没有这一列，跳过\n", t, scols[i]);
			}
		n++;
	}
	stmt_done(&st);
	return n;
}

static void col_list(buf *b, const table *t)
{
	for (int i = 0; i < t->ncols; i++)
		buf_printf(b, "%s\"%s\"", i ? ", " : "", t->cols[i]);
}

/* Sends the rows gathered in v (rows of t->ncols values) as one INSERT. */
static int insert_rows(db *p, const table *t, const dbval *v, int rows)
{
	buf sql = BUF_INIT;
	buf_printf(&sql, "INSERT INTO \"%s\"(", t->name);
	col_list(&sql, t);
	buf_puts(&sql, ") VALUES ");
	int k = 0;
	for (int r = 0; r < rows; r++) {
		buf_puts(&sql, r ? ", (" : "(");
		/* SQLite's values as the column's type: a number kept as text
		 * in an INTEGER column, a NULL of no type */
		for (int c = 0; c < t->ncols; c++)
			buf_printf(&sql, "%sCAST(?%d AS %s)", c ? ", " : "", ++k, t->types[c]);
		buf_puts(&sql, ")");
	}
	stmt st;
	int rc = -1;
	if (db_prep_vals(p, &st, buf_cstr(&sql), v, k) == 0) {
		rc = stmt_step(&st) < 0 ? -1 : 0;
		stmt_done(&st);
	}
	buf_free(&sql);
	return rc;
}

/* Copies table t; the number of rows, -1 on failure. */
static long long copy_table(db *s, db *p, const table *t)
{
	arena a = {0};
	if (db_exec(p, arena_printf(&a, "DELETE FROM \"%s\"", t->name), NULL) < 0) { /* rows the migrations seeded */
		arena_free(&a);
		return -1;
	}
	buf sql = BUF_INIT;
	buf_puts(&sql, "SELECT ");
	col_list(&sql, t);
	buf_printf(&sql, " FROM \"%s\"", t->name);
	int per = BATCH_PARAMS / t->ncols;
	dbval *v = arena_alloc(&a, sizeof *v * (size_t)per * (size_t)t->ncols);
	long long total = 0;
	int rows = 0, rc = 0;
	stmt st;
	if (db_prep(s, &st, buf_cstr(&sql), NULL) < 0) {
		buf_free(&sql);
		arena_free(&a);
		return -1;
	}
	arena vals = {0};
	int step;
	while (rc == 0 && (step = stmt_step(&st)) == 1) {
		for (int c = 0; c < t->ncols; c++) {
			dbval *x = &v[rows * t->ncols + c];
			col_kind k = col_type(&st, c);
			*x = k == COL_INT ? (dbval){'I', col_int(&st, c), NULL}
			   : (dbval){'t', 0, k == COL_NULL ? NULL : arena_strdup(&vals, col_text(&st, c))};
		}
		if (++rows == per) {
			rc = insert_rows(p, t, v, rows);
			total += rows;
			rows = 0;
			arena_free(&vals);
		}
	}
	if (rc == 0 && step < 0)
		rc = -1;
	if (rc == 0 && rows) {
		rc = insert_rows(p, t, v, rows);
		total += rows;
	}
	stmt_done(&st);
	arena_free(&vals);
	arena_free(&a);
	buf_free(&sql);
	return rc < 0 ? -1 : total;
}

typedef struct digest {
	long long rows;
	uint64_t lane[4];
} digest;

/* The table's rows as one value that does not depend on their order: each
 * row's SHA-256 (every value as its length and text, NULL apart), added
 * into four 64-bit lanes. Both engines give a value as the same text. */
static int table_digest(db *d, const table *t, digest *g)
{
	memset(g, 0, sizeof *g);
	buf sql = BUF_INIT;
	buf_puts(&sql, "SELECT ");
	col_list(&sql, t);
	buf_printf(&sql, " FROM \"%s\"", t->name);
	stmt st;
	int rc = db_prep(d, &st, buf_cstr(&sql), NULL), step = 0;
	buf_free(&sql);
	if (rc < 0)
		return -1;
	while ((step = stmt_step(&st)) == 1) {
		crypto_hash_sha256_state h;
		crypto_hash_sha256_init(&h);
		for (int c = 0; c < t->ncols; c++) {
			char head[32];
			const char *x = col_text(&st, c);
			int n = col_null(&st, c) ? snprintf(head, sizeof head, "N;") : snprintf(head, sizeof head, "%zu:", strlen(x));
			crypto_hash_sha256_update(&h, (const unsigned char *)head, (unsigned long long)n);
			if (!col_null(&st, c))
				crypto_hash_sha256_update(&h, (const unsigned char *)x, strlen(x));
		}
		unsigned char out[32];
		crypto_hash_sha256_final(&h, out);
		for (int i = 0; i < 4; i++) {
			uint64_t w;
			memcpy(&w, out + 8 * i, 8);
			g->lane[i] += w;
		}
		g->rows++;
	}
	stmt_done(&st);
	return step < 0 ? -1 : 0;
}

int pg_migrate(const char *dir, const char *address, FILE *out, db **pgp)
{
	*pgp = NULL;
	char path[4200], err[512];
	snprintf(path, sizeof path, "%s/%s", dir, DB_FILE);
	datadir_use_database(NULL);
	bool asked;
	bool empty = datadir_pg_empty(address, &asked);
	if (!asked)
		return 1;
	if (!empty) { /* or learnweek's schema with no data: a migration that failed */
		db *p = db_open(address, false, err, sizeof err);
		empty = p && db_schema_version(p) > 0 && db_int(p, -1, "SELECT count(*) FROM units", NULL) == 0;
		db_close(p);
	}
	if (!empty) {
		fprintf(stderr, "learnweek migrate-to-postgres: 目标 PostgreSQL 数据库已有数据表，不会改动其中的数据。"
				"请新建一个空数据库（CREATE DATABASE ...）再迁移。\n");
		return 2;
	}
	db *s = datadir_open(dir); /* brought to this version's schema first */
	if (!s)
		return 1;
	if (datadir_lock(dir) < 0) {
		fprintf(stderr, "learnweek migrate-to-postgres: learnweek serve 正在使用数据目录 %s，请先停止服务再迁移\n", dir);
		db_close(s);
		return 2;
	}
	db *p = db_open(address, false, err, sizeof err);
	if (!p || db_migrate(p, err, sizeof err) < 0) {
		fprintf(stderr, "learnweek migrate-to-postgres: %s\n", err);
		db_close(p);
		db_close(s);
		return 1;
	}
	arena a = {0};
	table *tables = arena_alloc(&a, sizeof *tables * MAX_TABLES);
	int rc = 1;
	fprintf(out, "从 %s 迁移到 PostgreSQL（结构版本 %d）：\n", path, db_schema_version(p));
	int n = common_tables(s, p, &a, tables, out);
	if (n <= 0) {
		fprintf(stderr, "learnweek migrate-to-postgres: 无法读取两边的表\n");
		goto done;
	}
	if (db_begin(s) < 0 || db_exec_script(p, "BEGIN") < 0)
		goto done;
	if (db_exec_script(p, "SET LOCAL session_replication_role = replica") < 0) {
		fprintf(stderr, "learnweek migrate-to-postgres: 迁移需要暂停触发器和外键检查（session_replication_role），"
				"请用超级用户运行，或先执行 GRANT SET ON PARAMETER session_replication_role TO 该用户\n");
		goto done;
	}
	for (int i = 0; i < n; i++) {
		long long rows = copy_table(s, p, &tables[i]);
		if (rows < 0) {
			fprintf(stderr, "learnweek migrate-to-postgres: 复制表 %s 失败，已撤销（目标数据库只有表结构、没有数据，修正后可再次迁移）\n", tables[i].name);
			goto done;
		}
		if (tables[i].has_id &&
		    db_exec(p, arena_printf(&a, "SELECT setval(pg_get_serial_sequence('\"%s\"', 'id'), coalesce(max(id), 0) + 1, false)"
						" FROM \"%s\" HAVING pg_get_serial_sequence('\"%s\"', 'id') IS NOT NULL",
					tables[i].name, tables[i].name, tables[i].name), NULL) < 0)
			goto done;
	}
	if (db_exec_script(p, "SET LOCAL session_replication_role = origin") < 0 || db_commit(p) < 0)
		goto done;
	/* every row, again, from both sides */
	int bad = 0;
	long long all = 0;
	for (int i = 0; i < n; i++) {
		digest a1, a2;
		if (table_digest(s, &tables[i], &a1) < 0 || table_digest(p, &tables[i], &a2) < 0) {
			fprintf(out, "  %s：无法读取，无法核对\n", tables[i].name);
			bad++;
		} else if (a1.rows != a2.rows || memcmp(a1.lane, a2.lane, sizeof a1.lane)) {
			fprintf(out, "  %s：不一致（SQLite %lld 行，PostgreSQL %lld 行%s）\n", tables[i].name, a1.rows, a2.rows,
				a1.rows == a2.rows ? "，内容不同" : "");
			bad++;
		} else {
			fprintf(out, "  %s：%lld 行，一致\n", tables[i].name, a1.rows);
			all += a1.rows;
		}
	}
	fprintf(out, "核对 %d 张表：%lld 行一致，%d 张表有问题。\n", n, all, bad);
	/* the text index: every activity queued, drained by the caller */
	if (!bad && db_exec(p, "INSERT INTO activity_text_pending(id) SELECT id FROM activities ON CONFLICT DO NOTHING", NULL) < 0)
		bad++;
	if (!bad) {
		rc = 0;
		*pgp = p;
		p = NULL;
	}
done:
	if (p)
		db_rollback(p);
	db_rollback(s);
	db_close(p);
	db_close(s);
	arena_free(&a);
	return rc;
}
