/* db.c: the storage interface and its SQLite engine: connection setup, the
 * statement cache, migrations and backup. A PostgreSQL database is handed to
 * db_pg.c (d->pg), function by function; what both share (db_int, db_text,
 * migrations) is written once, over the primitives. */
#include "db.h"
#include "db_pg.h"
#include <sqlite3.h>
#include <time.h>
#include "core/embed.h"
#include "core/log.h"
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define CACHE_SLOTS 512

struct cached {
	char *sql;
	unsigned long hash;
	sqlite3_stmt *s;
};

struct db {
	sqlite3 *h;
	pgdb *pg;        /* the PostgreSQL engine instead: h is NULL */
	struct cached cache[CACHE_SLOTS];
	int last_err;
	bool constraint; /* the last failure broke a constraint */
	store_failure storage_err; /* see db_storage_error */
	bool readonly;   /* opened read-only: the folder's file system is read-only */
};

static void db_note_failure(db *d, int code, bool constraint, store_failure f)
{
	d->last_err = code;
	d->constraint = constraint;
	if (!d->storage_err)
		d->storage_err = f;
}

/* after a failed step or exec: remember a failure of the storage itself */
static void note_error(db *d)
{
	int code = sqlite3_extended_errcode(d->h), primary = code & 0xff;
	store_failure f = primary == SQLITE_FULL ? STORE_FULL
			  : primary == SQLITE_READONLY ? STORE_READONLY
			  : primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? STORE_BUSY
			  : primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN ? STORE_IO : STORE_NONE;
	db_note_failure(d, code, primary == SQLITE_CONSTRAINT, f);
}

static unsigned long hash_sql(const char *s)
{
	unsigned long h = 5381;
	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

/* Checkpoints. SQLite's own auto-checkpoint (PASSIVE, every 1000 pages)
 * copies what it can into the database, but the WAL starts over only when no
 * reader still uses it; under a steady stream of overlapping reads and writes
 * that moment never comes, and the WAL grew to 7 GB in 150 s of
 * bench/load.sh, the -shm index (mapped by every connection) with it. So once
 * the WAL holds WAL_RESTART_FRAMES pages, a RESTART checkpoint: it holds off
 * writers until the readers that still use the WAL are done, then the WAL
 * starts over and journal_size_limit truncates it.
 *
 * It waits WAL_WAIT_MS for those readers, no longer: page requests read for
 * milliseconds, so a short wait nearly always does it. A long read (an export
 * statement) makes it give up, and the next try comes only after another
 * quarter of the threshold has been written, whichever connection writes it
 * (the mark is shared by the process's connections). An earlier version
 * waited longer after each failure, up to 8 s; while an export ran, every
 * writer then stood still for seconds at a time (bench/load.sh: p99 13 s and
 * writes refused as busy). Long reads are kept short at their source instead
 * (stats_each_activity reads row by row). */
#define WAL_RESTART_FRAMES 16384 /* 64 MB of 4 KB pages */
#define WAL_WAIT_MS 200
#define BUSY_TIMEOUT_MS 10000

static atomic_int wal_restart_at = WAL_RESTART_FRAMES;

static int wal_hook(void *arg, sqlite3 *h, const char *name, int frames)
{
	(void)arg;
	if (frames >= atomic_load(&wal_restart_at)) {
		sqlite3_busy_timeout(h, WAL_WAIT_MS);
		int rc = sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
		sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
		atomic_store(&wal_restart_at, rc == SQLITE_OK ? WAL_RESTART_FRAMES : frames + WAL_RESTART_FRAMES / 4);
	} else if (frames >= 1000) {
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	}
	return SQLITE_OK;
}

/* Whether the file system holding path is mounted read-only. */
static bool on_readonly_fs(const char *path)
{
	struct statvfs sv;
	return statvfs(path, &sv) == 0 && (sv.f_flag & ST_RDONLY);
}

/* A database on a read-only file system, for reading only. Without a WAL
 * left over, "immutable" is exact (nothing can change the file) and needs no
 * -shm; with one, SQLite reads through it if its -shm is there too. */
static sqlite3 *open_readonly(const char *path, char *err, size_t errlen)
{
	char wal[4200];
	struct stat st;
	snprintf(wal, sizeof wal, "%s-wal", path);
	bool has_wal = stat(wal, &st) == 0 && st.st_size > 0;
	/* the path as a URI: % ? and # would be read as URI syntax */
	char *enc = malloc(strlen(path) * 3 + 1), *uri = NULL;
	if (enc) {
		char *o = enc;
		for (const char *p = path; *p; p++) {
			if (strchr("%?#", *p))
				o += sprintf(o, "%%%02X", (unsigned char)*p);
			else
				*o++ = *p;
		}
		*o = 0;
		uri = sqlite3_mprintf("file:%s%s", enc, has_wal ? "" : "?immutable=1");
		free(enc);
	}
	sqlite3 *h = NULL;
	int rc = uri ? sqlite3_open_v2(uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) : SQLITE_NOMEM;
	sqlite3_free(uri);
	if (rc == SQLITE_OK && sqlite3_exec(h, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) == SQLITE_OK)
		return h;
	snprintf(err, errlen, "数据目录所在的文件系统是只读的，而且无法只读打开数据库 %s：%s", path,
		 h ? sqlite3_errmsg(h) : "内存不足");
	sqlite3_close(h);
	return NULL;
}

bool db_is_address(const char *s)
{
	return s && (!strncmp(s, "postgresql://", 13) || !strncmp(s, "postgres://", 11));
}

const char *db_engine(db *d)
{
	return d->pg ? "postgresql" : "sqlite";
}

db *db_open(const char *path, bool create, char *err, size_t errlen)
{
	db *d = calloc(1, sizeof *d);
	if (!d) {
		snprintf(err, errlen, "内存不足");
		return NULL;
	}
	if (db_is_address(path)) {
		d->pg = pg_open(d, db_note_failure, path, err, errlen);
		if (!d->pg) {
			free(d);
			return NULL;
		}
		return d;
	}
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	const char *setup =
		"PRAGMA journal_mode=WAL;"
		"PRAGMA journal_size_limit=67108864;"
		"PRAGMA synchronous=NORMAL;"
		"PRAGMA foreign_keys=ON;"
		"PRAGMA temp_store=MEMORY;";
	char *msg = NULL;
	int rc = sqlite3_open_v2(path, &d->h, flags, NULL);
	/* the busy timeout first: the setup itself may meet a lock another
	 * process holds (the server mid-checkpoint while `user add` opens) */
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(d->h, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(d->h, setup, NULL, NULL, &msg);
	if (rc != SQLITE_OK && !create && on_readonly_fs(path)) {
		/* a read-only data folder: serve it for reading; every write then
		 * fails with SQLITE_READONLY, which the pages report as such */
		sqlite3_free(msg);
		sqlite3_close(d->h);
		d->h = open_readonly(path, err, errlen);
		if (!d->h) {
			free(d);
			return NULL;
		}
		d->readonly = true;
		sqlite3_busy_timeout(d->h, BUSY_TIMEOUT_MS);
		sqlite3_extended_result_codes(d->h, 1);
		sqlite3_exec(d->h, "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;", NULL, NULL, NULL);
		return d;
	}
	if (rc != SQLITE_OK) {
		if (msg)
			snprintf(err, errlen, "数据库初始化失败：%s", msg);
		else
			snprintf(err, errlen, "无法打开数据库 %s：%s", path, d->h ? sqlite3_errmsg(d->h) : "内存不足");
		sqlite3_free(msg);
		db_close(d);
		return NULL;
	}
	sqlite3_extended_result_codes(d->h, 1);
	sqlite3_wal_hook(d->h, wal_hook, d); /* replaces the auto-checkpoint; wal_hook does its work */
	return d;
}

bool db_readonly(db *d)
{
	return d && d->readonly;
}

void db_close(db *d)
{
	if (!d)
		return;
	if (d->pg) {
		pg_close(d->pg);
		free(d);
		return;
	}
	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (d->cache[i].s)
			sqlite3_finalize(d->cache[i].s);
		free(d->cache[i].sql);
	}
	sqlite3_close(d->h);
	free(d);
}

bool db_in_transaction(db *d)
{
	return d->pg ? pg_in_transaction(d->pg) : !sqlite3_get_autocommit(d->h);
}

store_failure db_storage_error(db *d)
{
	return d ? d->storage_err : STORE_NONE;
}

int db_release_reads(db *d)
{
	if (d->pg)
		return 0; /* a PostgreSQL statement holds its whole result, no read */
	int n = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(d->h, NULL); s; s = sqlite3_next_stmt(d->h, s))
		if (sqlite3_stmt_busy(s)) {
			sqlite3_reset(s);
			n++;
		}
	return n;
}

void db_storage_clear(db *d)
{
	if (d)
		d->storage_err = STORE_NONE;
}

int db_last_errcode(db *d)
{
	return d->last_err;
}

bool db_constraint_failed(db *d)
{
	return d->constraint;
}

static int bind_args(stmt *st, const char *types, va_list ap)
{
	if (st->d->pg)
		return pg_bind_args(st, types, ap);
	int rc = SQLITE_OK;
	for (int i = 0; types && types[i] && rc == SQLITE_OK; i++) {
		int k = i + 1;
		switch (types[i]) {
		case 'i': rc = sqlite3_bind_int(st->s, k, va_arg(ap, int)); break;
		case 'I': rc = sqlite3_bind_int64(st->s, k, va_arg(ap, long long)); break;
		case 't': {
			const char *t = va_arg(ap, const char *);
			rc = t ? sqlite3_bind_text(st->s, k, t, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st->s, k);
			break;
		}
		case 'n': rc = sqlite3_bind_null(st->s, k); break;
		case 'b': {
			const void *p = va_arg(ap, const void *);
			int n = va_arg(ap, int);
			rc = sqlite3_bind_blob(st->s, k, p, n, SQLITE_TRANSIENT);
			break;
		}
		default:
			log_error("db: bad bind type '%c' for: %s", types[i], st->sql);
			return -1;
		}
	}
	if (rc != SQLITE_OK) {
		log_error("db: bind failed (%s) for: %s", sqlite3_errmsg(st->d->h), st->sql);
		return -1;
	}
	return 0;
}

/* Finds the statement in the cache or prepares it; checks the parameter count. */
static int prepare(db *d, stmt *st, const char *sql, int nparams)
{
	memset(st, 0, sizeof *st);
	st->d = d;
	st->sql = sql;
	if (d->pg)
		return pg_prepare(d->pg, st, sql, nparams);
	unsigned long h = hash_sql(sql);
	struct cached *slot = NULL;
	for (int probe = 0; probe < 8; probe++) {
		struct cached *c = &d->cache[(h + (unsigned long)probe) % CACHE_SLOTS];
		if (c->s && c->hash == h && !strcmp(c->sql, sql)) {
			if (!sqlite3_stmt_busy(c->s)) {
				st->s = c->s;
				sqlite3_clear_bindings(st->s);
			}
			break;
		}
		if (!c->s && !slot)
			slot = c;
	}
	if (!st->s) {
		sqlite3_stmt *made = NULL;
		if (sqlite3_prepare_v2(d->h, sql, -1, &made, NULL) != SQLITE_OK) {
			d->last_err = sqlite3_extended_errcode(d->h);
			log_error("db: prepare failed (%s) for: %s", sqlite3_errmsg(d->h), sql);
			st->s = NULL;
			return -1;
		}
		st->s = made;
		if (slot) {
			slot->s = st->s;
			slot->hash = h;
			slot->sql = strdup(sql);
		} else {
			st->owned = true; /* cache full or statement in use by an outer loop */
		}
	}
	/* a binding list that does not match the statement is a programming error:
	 * refuse it loudly instead of reading the wrong arguments */
	int want = sqlite3_bind_parameter_count(st->s);
	if (want != nparams) {
		log_error("db: %d parameters bound, statement has %d: %s", nparams, want, sql);
		stmt_done(st);
		return -1;
	}
	return 0;
}

int db_vprep(db *d, stmt *st, const char *sql, const char *types, va_list ap)
{
	if (prepare(d, st, sql, types ? (int)strlen(types) : 0) < 0)
		return -1;
	if (bind_args(st, types, ap) < 0) {
		stmt_done(st);
		return -1;
	}
	return 0;
}

int db_prep_vals(db *d, stmt *st, const char *sql, const dbval *v, int n)
{
	if (prepare(d, st, sql, n) < 0)
		return -1;
	if (d->pg) {
		if (pg_bind_vals(st, v, n) < 0) {
			stmt_done(st);
			return -1;
		}
		return 0;
	}
	for (int i = 0; i < n; i++) {
		int rc = v[i].t == 'I' ? sqlite3_bind_int64(st->s, i + 1, v[i].i)
			 : v[i].s ? sqlite3_bind_text(st->s, i + 1, v[i].s, -1, SQLITE_TRANSIENT)
				  : sqlite3_bind_null(st->s, i + 1);
		if (rc != SQLITE_OK) {
			log_error("db: bind failed (%s) for: %s", sqlite3_errmsg(d->h), sql);
			stmt_done(st);
			return -1;
		}
	}
	return 0;
}

long long db_int_vals(db *d, long long dflt, const char *sql, const dbval *v, int n)
{
	stmt st;
	if (db_prep_vals(d, &st, sql, v, n) < 0)
		return dflt;
	long long r = dflt;
	if (stmt_step(&st) == 1 && !col_null(&st, 0))
		r = col_int(&st, 0);
	stmt_done(&st);
	return r;
}

int db_prep(db *d, stmt *st, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = db_vprep(d, st, sql, types, ap);
	va_end(ap);
	return rc;
}

int stmt_step(stmt *st)
{
	if (!st->s)
		return -1;
	if (st->d->pg)
		return pg_step(st);
	int rc = sqlite3_step(st->s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	note_error(st->d);
	if (st->d->constraint)
		log_info("db: constraint (%s) in: %s", sqlite3_errmsg(st->d->h), st->sql);
	else
		log_error("db: step failed (%s) in: %s", sqlite3_errmsg(st->d->h), st->sql);
	return -1;
}

void stmt_done(stmt *st)
{
	if (!st->s)
		return;
	if (st->d->pg)
		pg_done(st);
	else if (st->owned)
		sqlite3_finalize(st->s);
	else
		sqlite3_reset(st->s);
	st->s = NULL;
}

long long col_int(stmt *st, int i)
{
	if (st->d->pg)
		return pg_col_int(st, i);
	return sqlite3_column_int64(st->s, i);
}

const char *col_text(stmt *st, int i)
{
	if (st->d->pg)
		return pg_col_text(st, i);
	const unsigned char *t = sqlite3_column_text(st->s, i);
	return t ? (const char *)t : "";
}

char *col_dup(stmt *st, arena *a, int i)
{
	if (col_null(st, i))
		return NULL;
	return arena_strdup(a, col_text(st, i));
}

bool col_null(stmt *st, int i)
{
	if (st->d->pg)
		return pg_col_type(st, i) == COL_NULL;
	return sqlite3_column_type(st->s, i) == SQLITE_NULL;
}

int col_count(stmt *st)
{
	return st->d->pg ? pg_col_count(st) : sqlite3_column_count(st->s);
}

const char *col_name(stmt *st, int i)
{
	return st->d->pg ? pg_col_name(st, i) : sqlite3_column_name(st->s, i);
}

col_kind col_type(stmt *st, int i)
{
	if (st->d->pg)
		return pg_col_type(st, i);
	switch (sqlite3_column_type(st->s, i)) {
	case SQLITE_INTEGER: return COL_INT;
	case SQLITE_NULL: return COL_NULL;
	default: return COL_TEXT;
	}
}

int stmt_rebind_int(stmt *st, int k, long long v)
{
	if (!st->s)
		return -1;
	if (st->d->pg)
		return pg_rebind_int(st, k, v);
	sqlite3_reset(st->s);
	return sqlite3_bind_int64(st->s, k, v) == SQLITE_OK ? 0 : -1;
}

int db_exec(db *d, const char *sql, const char *types, ...)
{
	stmt st;
	va_list ap;
	va_start(ap, types);
	int rc = db_vprep(d, &st, sql, types, ap);
	va_end(ap);
	if (rc < 0)
		return -1;
	d->last_err = 0;
	d->constraint = false;
	while ((rc = stmt_step(&st)) == 1)
		;
	stmt_done(&st);
	if (rc < 0)
		return d->constraint ? -2 : -1;
	return 0;
}

long long db_int(db *d, long long dflt, const char *sql, const char *types, ...)
{
	stmt st;
	va_list ap;
	va_start(ap, types);
	int rc = db_vprep(d, &st, sql, types, ap);
	va_end(ap);
	if (rc < 0)
		return dflt;
	long long v = dflt;
	if (stmt_step(&st) == 1 && !col_null(&st, 0))
		v = col_int(&st, 0);
	stmt_done(&st);
	return v;
}

char *db_text(db *d, arena *a, const char *sql, const char *types, ...)
{
	stmt st;
	va_list ap;
	va_start(ap, types);
	int rc = db_vprep(d, &st, sql, types, ap);
	va_end(ap);
	if (rc < 0)
		return NULL;
	char *v = NULL;
	if (stmt_step(&st) == 1)
		v = col_dup(&st, a, 0);
	stmt_done(&st);
	return v;
}

bool db_exists(db *d, const char *sql, const char *types, ...)
{
	stmt st;
	va_list ap;
	va_start(ap, types);
	int rc = db_vprep(d, &st, sql, types, ap);
	va_end(ap);
	if (rc < 0)
		return false;
	bool v = stmt_step(&st) == 1;
	stmt_done(&st);
	return v;
}

long long db_last_id(db *d)
{
	return d->pg ? pg_last_id(d->pg) : sqlite3_last_insert_rowid(d->h);
}

int db_changes(db *d)
{
	return d->pg ? pg_changes(d->pg) : sqlite3_changes(d->h);
}

int db_exec_script(db *d, const char *sql)
{
	if (d->pg)
		return pg_exec_script(d->pg, sql);
	char *msg = NULL;
	if (sqlite3_exec(d->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		note_error(d);
		log_error("db: %s", msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int db_begin(db *d)
{
	/* PostgreSQL: the writers queue on one transaction-level lock, as they
	 * do on SQLite's write lock, so what a transaction read before it writes
	 * stays true until it commits (many servers: a later session) */
	if (!d->pg)
		return db_exec_script(d, "BEGIN IMMEDIATE");
	/* BEGIN has opened the transaction when the lock is refused (lock
	 * timeout, cancel): end it, so that a refused begin leaves none open,
	 * as on SQLite */
	if (db_exec_script(d, "BEGIN; SELECT pg_advisory_xact_lock(7340)") < 0) {
		pg_rollback(d->pg);
		return -1;
	}
	return 0;
}

int db_commit(db *d)
{
	if ((d->pg ? pg_commit(d->pg) : db_exec_script(d, "COMMIT")) < 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

void db_rollback(db *d)
{
	if (d->pg)
		pg_rollback(d->pg);
	else if (!sqlite3_get_autocommit(d->h))
		sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
}

/* Whether the table exists, in either engine's catalogue. */
static bool has_table(db *d, const char *name)
{
	return d->pg ? db_exists(d, "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()"
				    " AND table_name = ?1", "t", name)
		     : db_exists(d, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", "t", name);
}

int db_schema_version(db *d)
{
	if (!has_table(d, "schema_migrations"))
		return 0;
	return (int)db_int(d, 0, "SELECT max(version) FROM schema_migrations", NULL);
}

static int migration_number(const char *name)
{
	/* "src/db/migrations/001_init.sql" -> 1 */
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	return atoi(base);
}

/* The engine's own migrations: each engine has its folder, numbered alike. */
static bool is_migration(const db *d, const char *name)
{
	return strstr(name, d->pg ? "db/migrations-pg/" : "db/migrations/") != NULL;
}

static const char *errmsg(db *d)
{
	return d->pg ? pg_errmsg(d->pg) : sqlite3_errmsg(d->h);
}

int db_migrate(db *d, char *err, size_t errlen)
{
	/* every embedded migration, in number order; numbers may have gaps but
	 * never repeat (two branches that both wrote "003" must be renumbered) */
	for (size_t i = 0; i < embedded_count; i++) {
		if (!is_migration(d, embedded_files[i].name))
			continue;
		int num = migration_number(embedded_files[i].name);
		for (size_t j = 0; j < i; j++)
			if (is_migration(d, embedded_files[j].name) && migration_number(embedded_files[j].name) == num) {
				snprintf(err, errlen, "迁移编号重复：%s 与 %s", embedded_files[i].name, embedded_files[j].name);
				return -1;
			}
	}
	if (!d->readonly && db_exec_script(d, "CREATE TABLE IF NOT EXISTS schema_migrations("
					      "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)") < 0) {
		snprintf(err, errlen, "无法创建迁移表");
		return -1;
	}
	bool recorded = has_table(d, "schema_migrations");
	int current = db_schema_version(d), newest = 0;
	for (;;) {
		const embedded_file *m = NULL;
		for (size_t i = 0; i < embedded_count; i++) {
			if (!is_migration(d, embedded_files[i].name))
				continue;
			int num = migration_number(embedded_files[i].name);
			if (num > newest && (!m || num < migration_number(m->name)))
				m = &embedded_files[i];
		}
		if (!m)
			break;
		int want = migration_number(m->name);
		newest = want;
		/* by what was applied, not by the highest number: a migration that
		 * came in from a branch with a number below one already applied is
		 * still applied, once */
		if (recorded && db_exists(d, "SELECT 1 FROM schema_migrations WHERE version = ?1", "i", want))
			continue;
		if (d->readonly) { /* nothing can be written: every migration must be there already */
			snprintf(err, errlen, "数据目录是只读的，而数据库需要升级到新版本（迁移 %d），无法启动。请让数据目录可写后再启动。", want);
			return -1;
		}
		if (want < current)
			log_info("db: migration %s is numbered below %d, which is already applied: applying it now", m->name,
				 current);
		if (db_begin(d) < 0 || db_exec_script(d, (const char *)m->data) < 0 ||
		    db_exec(d, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?1, ?2, ?3)",
			    "itI", want, m->name, (long long)time(NULL)) < 0 ||
		    db_commit(d) < 0) {
			snprintf(err, errlen, "数据库迁移 %s 失败：%s", m->name, errmsg(d));
			db_rollback(d);
			return -1;
		}
		log_info("db: applied migration %s", m->name);
	}
	if (current > newest) {
		snprintf(err, errlen, "数据目录的版本（%d）比本程序（%d）新，请使用新版 learnweek", current, newest);
		return -1;
	}
	return 0;
}

int db_backup_to(db *d, const char *dest, char *err, size_t errlen)
{
	if (d->pg) {
		snprintf(err, errlen, "PostgreSQL 数据库请用 pg_dump 备份（learnweek backup 暂只支持 SQLite）");
		return -1;
	}
	sqlite3 *out = NULL;
	if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "无法创建备份文件 %s", dest);
		sqlite3_close(out);
		return -1;
	}
	sqlite3_backup *b = sqlite3_backup_init(out, "main", d->h, "main");
	if (!b) {
		snprintf(err, errlen, "备份失败：%s", sqlite3_errmsg(out));
		sqlite3_close(out);
		return -1;
	}
	int rc;
	/* Copy in steps so a busy server is not locked out for the whole copy; a
	 * write in between restarts the copy, which is what keeps it consistent. */
	while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		if (rc != SQLITE_OK)
			sqlite3_sleep(20);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "备份失败：%s", sqlite3_errstr(rc));
		sqlite3_close(out);
		return -1;
	}
	rc = sqlite3_exec(out, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	sqlite3_close(out);
	return rc == SQLITE_OK ? 0 : -1;
}
