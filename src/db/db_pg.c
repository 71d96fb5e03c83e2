/* db_pg.c: the PostgreSQL engine (libpq). db.c hands a PostgreSQL database's
 * every primitive here; callers see the same API as on SQLite.
 *
 * Statements: the SQL keeps SQLite's dialect and is translated once per
 * text (pg_translate, cached): ?N becomes $N; INSERT OR IGNORE becomes
 * ON CONFLICT DO NOTHING; LIKE becomes ILIKE (SQLite's LIKE ignores ASCII
 * case); char() and instr() become chr() and strpos(); an INSERT into a table
 * with an id column gets RETURNING id, read here for db_last_id (libpq has no
 * last insert rowid). The few SQLite functions the domain calls that
 * PostgreSQL lacks (group_concat, total) are made by migrations-pg/001.
 *
 * Parameters are sent as text with their types (int8, text, bytea in
 * binary), so PostgreSQL checks them as SQLite's typed binds would be.
 * A statement runs at its first step and holds its whole result: no read is
 * left open between steps (db_release_reads has nothing to release).
 *
 * Inside a transaction each write runs under a savepoint, so a broken
 * constraint fails that statement only, as on SQLite, where callers go on
 * (an insert refused as a duplicate, then an update). */
#include "db_pg.h"
#include "core/buf.h"
#include "core/log.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TR_SLOTS 1024
#define OID_BOOL 16
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_TEXT 25

struct translated {
	char *sql;     /* as written (SQLite's dialect) */
	unsigned long hash;
	char *pg;      /* as sent */
	int nparams;
	bool returning_id;
};

struct pgdb {
	PGconn *c;
	db *d;
	pg_failure_fn on_failure;
	long long last_id;
	int changes;
	char msg[512];
	struct translated tr[TR_SLOTS];
	/* tables with an id column, as "|name|name|" */
	char *with_id, *without_id;
	bool id_unknown; /* table_has_id could not ask (a failed transaction) */
	unsigned long prepared; /* names given to prepared statements so far */
};

typedef struct pgstmt {
	pgdb *p;
	const struct translated *t;
	struct translated *own; /* t when not cached: freed with the statement */
	int n;
	Oid *types;
	char **vals;
	int *lens, *fmts;
	PGresult *res;
	int row, nrows; /* the row stepped to (-1 before the first) */
	int runs;       /* times sent */
	char name[24];  /* its prepared statement's name once run again, or "" */
} pgstmt;

static void quiet(void *arg, const char *message)
{
	(void)arg, (void)message; /* NOTICEs (IF NOT EXISTS ...) are not errors */
}

pgdb *pg_open(db *owner, pg_failure_fn on_failure, const char *address, char *err, size_t errlen)
{
	pgdb *p = calloc(1, sizeof *p);
	if (!p) {
		snprintf(err, errlen, "内存不足");
		return NULL;
	}
	p->d = owner;
	p->on_failure = on_failure;
	p->c = PQconnectdb(address);
	if (!p->c || PQstatus(p->c) != CONNECTION_OK) {
		/* libpq's message may quote the address; the password is not echoed
		 * by it, only host, port and database */
		snprintf(err, errlen, "无法连接 PostgreSQL 数据库：%s", p->c ? PQerrorMessage(p->c) : "内存不足");
		size_t n = strlen(err);
		while (n && (err[n - 1] == '\n' || err[n - 1] == ' '))
			err[--n] = 0;
		PQfinish(p->c);
		free(p);
		return NULL;
	}
	PQsetNoticeProcessor(p->c, quiet, NULL);
	PGresult *r = PQexec(p->c, "SET client_min_messages = warning; SET TIME ZONE 'UTC'");
	PQclear(r);
	p->with_id = strdup("|");
	p->without_id = strdup("|");
	return p;
}

void pg_close(pgdb *p)
{
	if (!p)
		return;
	for (int i = 0; i < TR_SLOTS; i++) {
		free(p->tr[i].sql);
		free(p->tr[i].pg);
	}
	free(p->with_id);
	free(p->without_id);
	PQfinish(p->c);
	free(p);
}

const char *pg_errmsg(pgdb *p)
{
	return p->msg[0] ? p->msg : PQerrorMessage(p->c);
}

bool pg_in_transaction(pgdb *p)
{
	return PQtransactionStatus(p->c) != PQTRANS_IDLE;
}

void pg_rollback(pgdb *p)
{
	if (pg_in_transaction(p))
		PQclear(PQexec(p->c, "ROLLBACK"));
}

long long pg_last_id(pgdb *p)
{
	return p->last_id;
}

int pg_changes(pgdb *p)
{
	return p->changes;
}

/* ---- failures ---- */

/* SQLSTATE's five characters as one int, base 36 */
static int state_code(const char *s)
{
	int v = 0;
	for (int i = 0; s && i < 5 && s[i]; i++) {
		char c = s[i];
		v = v * 36 + (c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 0);
	}
	return v;
}

/* Records the failure of r (NULL: the connection's) and returns -1. */
static int failed(pgdb *p, PGresult *r, const char *sql)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *m = r ? PQresultErrorMessage(r) : PQerrorMessage(p->c);
	snprintf(p->msg, sizeof p->msg, "%s", m && *m ? m : "?");
	size_t n = strlen(p->msg);
	while (n && (p->msg[n - 1] == '\n' || p->msg[n - 1] == ' '))
		p->msg[--n] = 0;
	bool constraint = state && !strncmp(state, "23", 2);
	store_failure f = STORE_NONE;
	if (!state || PQstatus(p->c) != CONNECTION_OK || !strncmp(state, "08", 2) || !strncmp(state, "57P", 3) ||
	    !strncmp(state, "58", 2) || !strncmp(state, "XX", 2))
		f = STORE_IO;
	else if (!strcmp(state, "53100"))
		f = STORE_FULL;
	else if (!strcmp(state, "25006"))
		f = STORE_READONLY;
	else if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03") || !strcmp(state, "57014"))
		f = STORE_BUSY;
	p->on_failure(p->d, state_code(state), constraint, f);
	if (constraint)
		log_info("db: constraint (%s) in: %s", p->msg, sql);
	else
		log_error("db: failed (%s) in: %s", p->msg, sql);
	return -1;
}

int pg_exec_script(pgdb *p, const char *sql)
{
	p->msg[0] = 0;
	PGresult *r = PQexec(p->c, sql);
	ExecStatusType s = PQresultStatus(r);
	int rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY ? 0 : failed(p, r, sql);
	PQclear(r);
	return rc;
}

/* COMMIT; in a transaction a failed statement broke, PostgreSQL answers
 * it with a rollback ("ROLLBACK", no error): that is a failure too, or the
 * caller would take the lost writes for kept. */
int pg_commit(pgdb *p)
{
	p->msg[0] = 0;
	PGresult *r = PQexec(p->c, "COMMIT");
	int rc = PQresultStatus(r) != PGRES_COMMAND_OK ? failed(p, r, "COMMIT") : 0;
	if (!rc && strcmp(PQcmdStatus(r), "COMMIT")) {
		snprintf(p->msg, sizeof p->msg, "the transaction had failed: COMMIT rolled it back");
		p->on_failure(p->d, state_code("25P02"), false, STORE_NONE);
		log_error("db: %s", p->msg);
		rc = -1;
	}
	PQclear(r);
	return rc;
}

/* ---- the dialect ---- */

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

static bool word_is(const char *w, size_t n, const char *lit)
{
	return strlen(lit) == n && !strncasecmp(w, lit, n);
}

/* the next word at or after s (skipping blanks), its length in *n */
static const char *next_word(const char *s, size_t *n)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	const char *e = s;
	while (word_char(*e))
		e++;
	*n = (size_t)(e - s);
	return s;
}

/* The next keyword at this depth after s, among those that end a join
 * (skipping literals and what is in parentheses): its length in *n. */
static const char *next_at_depth(const char *s, size_t *n)
{
	int depth = 0;
	while (*s) {
		if (*s == '\'' || *s == '"') {
			char q = *s++;
			while (*s && !(*s == q && s[1] != q))
				s += *s == q ? 2 : 1;
			if (*s)
				s++;
			continue;
		}
		if (*s == '(')
			depth++;
		if (*s == ')' && --depth < 0)
			break;
		if (depth == 0 && word_char(*s)) {
			const char *e = s;
			while (word_char(*e))
				e++;
			*n = (size_t)(e - s);
			if (word_is(s, *n, "ON") || word_is(s, *n, "JOIN") || word_is(s, *n, "WHERE") || word_is(s, *n, "GROUP") ||
			    word_is(s, *n, "ORDER") || word_is(s, *n, "LIMIT") || word_is(s, *n, "UNION"))
				return s;
			s = e;
			continue;
		}
		s++;
	}
	*n = 0;
	return s;
}

/* Whether w (n long) may follow a subquery in FROM as its alias. */
static bool alias_word(const char *w, size_t n)
{
	static const char *const not_alias[] = {"WHERE", "GROUP", "ORDER", "LIMIT", "UNION", "JOIN", "ON", "LEFT", "INNER",
						"CROSS", "EXCEPT", "INTERSECT", "HAVING", "WINDOW", NULL};
	if (!n)
		return false;
	for (int i = 0; not_alias[i]; i++)
		if (word_is(w, n, not_alias[i]))
			return false;
	return true;
}

/* Whether an operator written now would be unary: after an opening, a
 * comparison or a keyword, not after an operand. */
static bool unary_at(const buf *b)
{
	size_t i = b->len;
	while (i && b->p[i - 1] == ' ')
		i--;
	if (!i)
		return true;
	char c = b->p[i - 1];
	if (c == ')' || c == '\'' || c == '"' || c == '$')
		return false;
	if (!word_char(c))
		return true;
	size_t e = i;
	while (i && word_char(b->p[i - 1]))
		i--;
	if (b->p[i] >= '0' && b->p[i] <= '9')
		return false;
	static const char *const keywords[] = {"AND", "OR", "NOT", "WHERE", "ON", "WHEN", "THEN", "ELSE", "SELECT", "BY", NULL};
	for (int k = 0; keywords[k]; k++)
		if (word_is(b->p + i, e - i, keywords[k]))
			return true;
	return false;
}

/* Whether the text written so far ends with the word LIMIT (and blanks). */
static bool after_limit(const buf *b)
{
	size_t i = b->len;
	while (i && (b->p[i - 1] == ' ' || b->p[i - 1] == '\n' || b->p[i - 1] == '\t'))
		i--;
	size_t e = i;
	while (i && word_char(b->p[i - 1]))
		i--;
	return word_is(b->p + i, e - i, "LIMIT");
}

char *pg_translate(const char *sql, int *nparams, bool (*has_id)(void *ctx, const char *table), void *ctx,
		   bool *returning_id)
{
	buf b = BUF_INIT;
	buf_cstr(&b);
	int maxp = 0, next = 0, depth = 0;
	bool ignore = false, returning = false, insert = false, match = false, close_next = false;
	/* in ON CONFLICT ... DO UPDATE SET: a bare column is ambiguous to
	 * PostgreSQL (the row or excluded); SQLite reads the row: qualify it */
	int set_depth = -1;
	bool lhs = false;
	/* a subquery in FROM or JOIN needs an alias in PostgreSQL 15: the
	 * parentheses opened right after one, by depth */
	bool from_paren[64] = {false};
	bool after_from = false;
	int subqueries = 0;
	size_t tail_at = 0; /* where ON CONFLICT DO NOTHING goes: before a top-level RETURNING */
	char table[128] = "";
	const char *p = sql;
	{
		size_t n;
		const char *w = next_word(p, &n);
		insert = word_is(w, n, "INSERT");
	}
	while (*p) {
		char c = *p;
		if (c == '\'' || c == '"') { /* a literal or a quoted name, '' inside */
			const char *e = p + 1;
			while (*e && !(*e == c && e[1] != c))
				e += *e == c ? 2 : 1;
			if (*e)
				e++;
			buf_append(&b, p, (size_t)(e - p));
			p = e;
			if (close_next) {
				buf_puts(&b, ")");
				close_next = false;
			}
			continue;
		}
		if (c == '-' && p[1] == '-') {
			const char *e = strchr(p, '\n');
			e = e ? e : p + strlen(p);
			buf_append(&b, p, (size_t)(e - p));
			p = e;
			continue;
		}
		if (c == '?') {
			int k = 0;
			const char *e = p + 1;
			while (*e >= '0' && *e <= '9')
				k = k * 10 + (*e++ - '0');
			if (e == p + 1)
				k = next + 1;
			next = k;
			if (k > maxp)
				maxp = k;
			char num[64];
			/* SQLite reads a negative LIMIT as none, PostgreSQL refuses
			 * it; its LIMIT NULL is none */
			if (after_limit(&b))
				snprintf(num, sizeof num, "NULLIF(GREATEST($%d::bigint, -1), -1)", k);
			else
				snprintf(num, sizeof num, "$%d", k);
			buf_puts(&b, num);
			p = e;
			if (close_next) {
				buf_puts(&b, ")");
				close_next = false;
			}
			continue;
		}
		if (c == '(') {
			depth++;
			if (depth < 64)
				from_paren[depth] = after_from;
			after_from = false;
			buf_append(&b, p, 1);
			p++;
			continue;
		}
		if (c == ')') {
			buf_append(&b, p, 1);
			p++;
			bool sub = depth > 0 && depth < 64 && from_paren[depth];
			depth--;
			if (sub) {
				size_t an;
				const char *w = next_word(p, &an);
				if (!(word_is(w, an, "AS") || alias_word(w, an))) {
					char alias[32];
					snprintf(alias, sizeof alias, " AS lw_sub%d", ++subqueries);
					buf_puts(&b, alias);
				}
			}
			continue;
		}
		if (c == '+' && unary_at(&b) && word_char(p[1]) && !(p[1] >= '0' && p[1] <= '9')) {
			p++; /* SQLite's unary + on a column (no index for it): the column */
			continue;
		}
		if (c != ' ' && c != '\n' && c != '\t')
			after_from = false;
		if (c == ',' && set_depth == depth)
			lhs = true;
		if (word_char(c) && !(c >= '0' && c <= '9')) {
			const char *e = p;
			while (word_char(*e))
				e++;
			size_t n = (size_t)(e - p);
			const char *after = e;
			while (*after == ' ')
				after++;
			after_from = word_is(p, n, "FROM") || word_is(p, n, "JOIN");
			if (word_is(p, n, "CROSS")) {
				/* SQLite's CROSS JOIN with ON is an inner join in a fixed
				 * order; PostgreSQL allows ON on an inner join only */
				size_t jn, on = 0;
				const char *j = next_word(e, &jn);
				const char *after_join = word_is(j, jn, "JOIN") ? next_at_depth(j + jn, &on) : "";
				if (word_is(after_join, on, "ON")) {
					p = e;
					while (*p == ' ')
						p++;
					continue;
				}
			}
			if (word_is(p, n, "INSERT")) {
				size_t n2, n3;
				const char *w2 = next_word(e, &n2);
				const char *w3 = next_word(w2 + n2, &n3);
				if (word_is(w2, n2, "OR") && word_is(w3, n3, "IGNORE")) {
					ignore = true;
					buf_puts(&b, "INSERT");
					p = w3 + n3;
					continue;
				}
			} else if (word_is(p, n, "INTO") && insert && !table[0]) {
				size_t tn;
				const char *t = next_word(e, &tn);
				if (tn && tn < sizeof table)
					snprintf(table, sizeof table, "%.*s", (int)tn, t);
			} else if (word_is(p, n, "MATCH")) {
				/* the text index (migrations-pg/001): "activity_text MATCH q"
				 * becomes "words @> lw_fts_query(q)" */
				while (b.len && b.p[b.len - 1] == ' ')
					b.len--;
				while (b.len && (word_char(b.p[b.len - 1]) || b.p[b.len - 1] == '.'))
					b.len--;
				b.p[b.len] = 0;
				buf_puts(&b, "words @> lw_fts_query(");
				match = close_next = true;
				p = e;
				while (*p == ' ')
					p++;
				continue;
			} else if (word_is(p, n, "LIKE")) {
				buf_puts(&b, "ILIKE");
				p = e;
				continue;
			} else if (*after == '(' && word_is(p, n, "char")) {
				buf_puts(&b, "chr");
				p = e;
				continue;
			} else if (*after == '(' && word_is(p, n, "instr")) {
				buf_puts(&b, "strpos");
				p = e;
				continue;
			} else if (word_is(p, n, "SET") && b.len >= 7 && !strncasecmp(b.p + b.len - 7, "UPDATE ", 7) && insert) {
				set_depth = depth;
				lhs = true;
				buf_append(&b, p, n);
				p = e;
				continue;
			} else if (set_depth >= 0 && !word_is(p, n, "RETURNING") && !word_is(p, n, "WHERE")) {
				static const char *const keywords[] = {"CASE", "WHEN", "THEN", "ELSE", "END", "AND", "OR", "NOT", "NULL",
								       "IS", "IN", "excluded", "TRUE", "FALSE", "BETWEEN", NULL};
				bool keyword = *e == '.' || *after == '(' || (b.len && b.p[b.len - 1] == '.');
				for (int k = 0; !keyword && keywords[k]; k++)
					keyword = word_is(p, n, keywords[k]);
				if (lhs) {
					lhs = false;
				} else if (!keyword && table[0]) {
					buf_puts(&b, table);
					buf_puts(&b, ".");
				}
				buf_append(&b, p, n);
				p = e;
				continue;
			} else if (word_is(p, n, "RETURNING") && depth == 0) {
				set_depth = -1;
				returning = true;
				if (!tail_at)
					tail_at = b.len;
			}
			buf_append(&b, p, n);
			p = e;
			continue;
		}
		buf_append(&b, p, 1);
		p++;
	}
	/* the end: before trailing blanks and a semicolon */
	size_t end = tail_at ? tail_at : b.len;
	while (end && (b.p[end - 1] == ' ' || b.p[end - 1] == '\n' || b.p[end - 1] == ';' || b.p[end - 1] == '\t'))
		end--;
	char *rest = strdup(b.p + end);
	b.len = end;
	b.p[end] = 0;
	if (ignore)
		buf_puts(&b, " ON CONFLICT DO NOTHING");
	buf_puts(&b, tail_at ? " " : "");
	buf_puts(&b, rest + (tail_at && rest[0] == ' ' ? 1 : 0));
	free(rest);
	/* FTS5 gives its rows in rowid order, and the calendar counts on it */
	char *limit = match && !strstr(b.p, "ORDER BY") ? strstr(b.p, " LIMIT ") : NULL;
	if (limit) {
		char *tail = strdup(limit);
		b.len = (size_t)(limit - b.p);
		b.p[b.len] = 0;
		buf_puts(&b, " ORDER BY rowid");
		buf_puts(&b, tail);
		free(tail);
	}
	*returning_id = false;
	if (insert && !returning && table[0] && has_id && has_id(ctx, table)) {
		size_t e2 = b.len;
		while (e2 && (b.p[e2 - 1] == ' ' || b.p[e2 - 1] == '\n' || b.p[e2 - 1] == ';'))
			e2--;
		b.len = e2;
		b.p[e2] = 0;
		buf_puts(&b, " RETURNING id");
		*returning_id = true;
	}
	*nparams = maxp;
	return buf_detach(&b, NULL);
}

/* Whether the table has a column named id (asked once a table). */
static bool table_has_id(void *ctx, const char *table)
{
	pgdb *p = ctx;
	char key[160];
	snprintf(key, sizeof key, "|%s|", table);
	if (strstr(p->with_id, key))
		return true;
	if (strstr(p->without_id, key))
		return false;
	const char *v[] = {table};
	PGresult *r = PQexecParams(p->c,
				   "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
				   " AND table_name = lower($1) AND column_name = 'id'",
				   1, NULL, v, NULL, NULL, 0);
	bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
	bool yes = ok && PQntuples(r) > 0;
	PQclear(r);
	if (!ok) { /* inside a failed transaction: ask again next time */
		p->id_unknown = true;
		return false;
	}
	char **list = yes ? &p->with_id : &p->without_id;
	size_t n = strlen(*list);
	char *grown = realloc(*list, n + strlen(key));
	if (grown) {
		strcpy(grown + n, key + 1);
		*list = grown;
	}
	return yes;
}

static unsigned long hash_sql(const char *s)
{
	unsigned long h = 5381;
	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

/* The translation of sql: from the cache, or made and kept there. A cached
 * one is never replaced, since statements still open point to it; when its
 * slots are taken, or a table's columns could not be read (so RETURNING id
 * may be missing), it is the statement's own (*own, freed in pg_done), as
 * db.c does with SQLite statements. NULL: out of memory. */
static const struct translated *translation(pgdb *p, const char *sql, struct translated **own)
{
	*own = NULL;
	unsigned long h = hash_sql(sql);
	struct translated *slot = NULL;
	for (int probe = 0; probe < 8; probe++) {
		struct translated *t = &p->tr[(h + (unsigned long)probe) % TR_SLOTS];
		if (t->sql && t->hash == h && !strcmp(t->sql, sql))
			return t;
		if (!t->sql && !slot)
			slot = t;
	}
	struct translated made = {.hash = h};
	p->id_unknown = false;
	made.pg = pg_translate(sql, &made.nparams, table_has_id, p, &made.returning_id);
	made.sql = strdup(sql);
	if (!slot || p->id_unknown)
		slot = *own = malloc(sizeof made);
	if (!slot || !made.sql) {
		free(*own);
		*own = NULL;
		free(made.sql);
		free(made.pg);
		return NULL;
	}
	*slot = made;
	return slot;
}

/* ---- statements ---- */

static void free_translated(struct translated *t)
{
	if (!t)
		return;
	free(t->sql);
	free(t->pg);
	free(t);
}

static void clear_result(pgstmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->nrows = 0;
}

int pg_prepare(pgdb *p, stmt *st, const char *sql, int nparams)
{
	struct translated *own;
	const struct translated *t = translation(p, sql, &own);
	if (!t)
		return -1;
	pgstmt *s = calloc(1, sizeof *s);
	if (!s) {
		free_translated(own);
		return -1;
	}
	s->p = p;
	s->t = t;
	s->own = own;
	st->s = s;
	if (t->nparams != nparams) {
		log_error("db: %d parameters bound, statement has %d: %s", nparams, t->nparams, sql);
		pg_done(st);
		return -1;
	}
	s->n = nparams;
	s->row = -1;
	if (nparams) {
		s->types = calloc((size_t)nparams, sizeof *s->types);
		s->vals = calloc((size_t)nparams, sizeof *s->vals);
		s->lens = calloc((size_t)nparams, sizeof *s->lens);
		s->fmts = calloc((size_t)nparams, sizeof *s->fmts);
		if (!s->types || !s->vals || !s->lens || !s->fmts) {
			pg_done(st);
			return -1;
		}
	}
	st->owned = true;
	return 0;
}

static int set_val(pgstmt *s, int k, Oid type, const void *v, int len, int fmt)
{
	free(s->vals[k]);
	s->vals[k] = NULL;
	s->types[k] = type;
	s->lens[k] = len;
	s->fmts[k] = fmt;
	if (!v)
		return 0;
	s->vals[k] = malloc((size_t)len + 1);
	if (!s->vals[k])
		return -1;
	memcpy(s->vals[k], v, (size_t)len);
	s->vals[k][len] = 0;
	return 0;
}

static int set_int(pgstmt *s, int k, long long v)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%lld", v);
	return set_val(s, k, OID_INT8, num, n, 0);
}

static int set_text(pgstmt *s, int k, const char *t)
{
	return set_val(s, k, OID_TEXT, t, t ? (int)strlen(t) : 0, 0);
}

int pg_bind_args(stmt *st, const char *types, va_list ap)
{
	pgstmt *s = st->s;
	for (int i = 0; types && types[i]; i++) {
		int rc = 0;
		switch (types[i]) {
		case 'i': rc = set_int(s, i, va_arg(ap, int)); break;
		case 'I': rc = set_int(s, i, va_arg(ap, long long)); break;
		case 't': rc = set_text(s, i, va_arg(ap, const char *)); break;
		case 'n': rc = set_val(s, i, 0, NULL, 0, 0); break;
		case 'b': {
			const void *b = va_arg(ap, const void *);
			int n = va_arg(ap, int);
			rc = set_val(s, i, OID_BYTEA, b ? b : "", n, 1);
			break;
		}
		default:
			log_error("db: bad bind type '%c' for: %s", types[i], st->sql);
			return -1;
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

int pg_bind_vals(stmt *st, const dbval *v, int n)
{
	pgstmt *s = st->s;
	for (int i = 0; i < n; i++)
		if ((v[i].t == 'I' ? set_int(s, i, v[i].i) : set_text(s, i, v[i].s)) < 0)
			return -1;
	return 0;
}

int pg_rebind_int(stmt *st, int k, long long v)
{
	pgstmt *s = st->s;
	if (k < 1 || k > s->n)
		return -1;
	clear_result(s);
	return set_int(s, k - 1, v);
}

static bool is_write(const char *sql)
{
	size_t n;
	const char *w = next_word(sql, &n);
	if (word_is(w, n, "WITH")) /* WITH ... INSERT/UPDATE/DELETE: treat as a write */
		return true;
	return word_is(w, n, "INSERT") || word_is(w, n, "UPDATE") || word_is(w, n, "DELETE") ||
	       word_is(w, n, "REPLACE");
}

/* A statement run again with new values (stmt_rebind_int: a walk's check of
 * each candidate id, thousands per search) is prepared on the server at its
 * second run and then sent by name: the server parses and plans it once, not
 * at every run (pgbench, one such lookup by id with four ILIKEs: 0.29 ms a
 * run with parameters, 0.03 ms prepared). A statement run once is not
 * prepared: that would cost a round trip more. pg_done deallocates it. If
 * the server refuses (a failed transaction), it runs unprepared, as before. */
static void prepare_on_rerun(pgdb *p, pgstmt *s)
{
	if (s->name[0] || ++s->runs < 2)
		return;
	char name[sizeof s->name];
	snprintf(name, sizeof name, "lw_%lu", ++p->prepared);
	PGresult *r = PQprepare(p->c, name, s->t->pg, s->n, s->types);
	if (PQresultStatus(r) == PGRES_COMMAND_OK)
		memcpy(s->name, name, sizeof name);
	PQclear(r);
}

static PGresult *run(pgdb *p, pgstmt *s)
{
	if (s->name[0])
		return PQexecPrepared(p->c, s->name, s->n, (const char *const *)s->vals, s->lens, s->fmts, 0);
	return PQexecParams(p->c, s->t->pg, s->n, s->types, (const char *const *)s->vals, s->lens, s->fmts, 0);
}

/* The one result of the next query of a pipeline (its trailing NULL read). */
static PGresult *pipeline_result(pgdb *p)
{
	PGresult *first = PQgetResult(p->c), *r;
	while (first && (r = PQgetResult(p->c)) != NULL)
		PQclear(r);
	return first;
}

/* A write inside a transaction under its own savepoint, so that a broken
 * constraint fails this statement only, as on SQLite: SAVEPOINT, the
 * statement and RELEASE sent at once in libpq's pipeline mode, one round
 * trip instead of three (a 10,000-row import writes some 100,000 times).
 * After a failure the transaction is rolled back to the savepoint. NULL if
 * the pipeline could not be used (then the caller runs them one by one). */
static PGresult *run_guarded(pgdb *p, pgstmt *s)
{
	if (!PQenterPipelineMode(p->c))
		return NULL;
	PGresult *res = NULL;
	bool sent = PQsendQueryParams(p->c, "SAVEPOINT lw_stmt", 0, NULL, NULL, NULL, NULL, 0) &&
		    (s->name[0] ? PQsendQueryPrepared(p->c, s->name, s->n, (const char *const *)s->vals, s->lens, s->fmts, 0)
				: PQsendQueryParams(p->c, s->t->pg, s->n, s->types, (const char *const *)s->vals, s->lens,
						    s->fmts, 0)) &&
		    PQsendQueryParams(p->c, "RELEASE SAVEPOINT lw_stmt", 0, NULL, NULL, NULL, NULL, 0) && PQpipelineSync(p->c);
	if (sent) {
		PQclear(pipeline_result(p)); /* SAVEPOINT */
		res = pipeline_result(p);
		PQclear(pipeline_result(p)); /* RELEASE, or aborted after a failure */
		PGresult *r;
		while ((r = PQgetResult(p->c)) != NULL) { /* the sync */
			bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
			PQclear(r);
			if (sync)
				break;
		}
	}
	PQexitPipelineMode(p->c);
	if (!res)
		res = PQmakeEmptyPGresult(p->c, PGRES_FATAL_ERROR);
	ExecStatusType rs = PQresultStatus(res);
	if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK)
		PQclear(PQexec(p->c, "ROLLBACK TO SAVEPOINT lw_stmt; RELEASE SAVEPOINT lw_stmt"));
	return res;
}

int pg_step(stmt *st)
{
	pgstmt *s = st->s;
	pgdb *p = NULL;
	if (!s)
		return -1;
	if (!s->res) {
		p = s->p;
		p->msg[0] = 0;
		bool guard = pg_in_transaction(p) && is_write(s->t->pg);
		prepare_on_rerun(p, s);
		s->res = guard ? run_guarded(p, s) : run(p, s);
		ExecStatusType rs = PQresultStatus(s->res);
		if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
			failed(p, s->res, st->sql);
			clear_result(s);
			return -1;
		}
		const char *cmd = PQcmdStatus(s->res);
		if (!strncmp(cmd, "INSERT", 6) || !strncmp(cmd, "UPDATE", 6) || !strncmp(cmd, "DELETE", 6) ||
		    !strncmp(cmd, "MERGE", 5))
			p->changes = atoi(PQcmdTuples(s->res));
		s->nrows = rs == PGRES_TUPLES_OK ? PQntuples(s->res) : 0;
		if (s->t->returning_id) { /* ours, not the caller's: the id for db_last_id */
			if (s->nrows > 0)
				p->last_id = strtoll(PQgetvalue(s->res, s->nrows - 1, 0), NULL, 10);
			s->nrows = 0;
		}
		s->row = -1;
	}
	if (s->row + 1 < s->nrows) {
		s->row++;
		return 1;
	}
	s->row = s->nrows;
	return 0;
}

void pg_done(stmt *st)
{
	pgstmt *s = st->s;
	if (!s)
		return;
	PQclear(s->res);
	/* a failed transaction refuses DEALLOCATE: the statement then stays
	 * prepared until the connection closes (rare: writes there run under a
	 * savepoint, so only a failed read leaves a transaction failed) */
	if (s->name[0] && PQtransactionStatus(s->p->c) != PQTRANS_INERROR) {
		char sql[sizeof s->name + 16];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		PQclear(PQexec(s->p->c, sql));
	}
	for (int i = 0; i < s->n && s->vals; i++)
		free(s->vals[i]);
	free(s->vals);
	free(s->types);
	free(s->lens);
	free(s->fmts);
	free_translated(s->own);
	free(s);
	st->s = NULL;
}

static bool at_row(const pgstmt *s, int i)
{
	return s && s->res && s->row >= 0 && s->row < s->nrows && i >= 0 && i < PQnfields(s->res);
}

long long pg_col_int(stmt *st, int i)
{
	pgstmt *s = st->s;
	if (!at_row(s, i) || PQgetisnull(s->res, s->row, i))
		return 0;
	const char *v = PQgetvalue(s->res, s->row, i);
	if (PQftype(s->res, i) == OID_BOOL)
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

const char *pg_col_text(stmt *st, int i)
{
	pgstmt *s = st->s;
	if (!at_row(s, i) || PQgetisnull(s->res, s->row, i))
		return "";
	const char *v = PQgetvalue(s->res, s->row, i);
	if (PQftype(s->res, i) == OID_BOOL) /* as SQLite gives a comparison */
		return v[0] == 't' ? "1" : "0";
	return v;
}

col_kind pg_col_type(stmt *st, int i)
{
	pgstmt *s = st->s;
	if (!at_row(s, i) || PQgetisnull(s->res, s->row, i))
		return COL_NULL;
	Oid t = PQftype(s->res, i);
	return t == OID_INT8 || t == OID_INT4 || t == OID_INT2 || t == OID_BOOL ? COL_INT : COL_TEXT;
}

int pg_col_count(stmt *st)
{
	pgstmt *s = st->s;
	return s && s->res ? PQnfields(s->res) : 0;
}

const char *pg_col_name(stmt *st, int i)
{
	pgstmt *s = st->s;
	return s && s->res ? PQfname(s->res, i) : "";
}
