/* textindex.c: the text index of the public calendar's search (migration
 * 081): the words of a text, and the queue the triggers fill, drained into
 * the index by the transaction that wrote the activity (activity_save_tx),
 * so that a search, a read, does not have to write. */
#include "textindex.h"
#include "core/buf.h"
#include <string.h>


/* The code point at *p, *p moved past it; 0 at the end. The text was
 * checked as UTF-8 when it came in. */
static unsigned next_cp(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	unsigned c = s[0];
	int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (!c)
		return 0;
	if (n)
		c &= 0x3F >> n;
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return (*p += i), 0xFFFD;
		c = c << 6 | (s[i] & 0x3F);
	}
	*p += n + 1;
	return c;
}

/* Characters that are indexed: letters and digits (ASCII, fullwidth, Latin),
 * CJK ideographs, kana and hangul. Everything else (spaces, punctuation,
 * symbols) separates words; FTS5's unicode61 keeps each of these characters
 * inside a token, so a pair written as one word stays one token. */
static bool word_cp(unsigned c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) ||
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
	       (c >= 0xFF41 && c <= 0xFF5A) || (c >= 0x20000 && c <= 0x2FFFF);
}

/* The words of s for the index (unigrams and pairs, for a row) or for a
 * query (its pairs; a lone character itself), each appended to b as a
 * space-separated word, or for a query as a quoted FTS5 string joined by AND.
 * Returns how many. */
int text_index_words(buf *b, const char *s, bool query)
{
	int n = 0;
	const char *prev = NULL, *p = s;
	size_t prevlen = 0;
	int run = 0;
	for (;;) {
		const char *at = p;
		unsigned c = next_cp(&p);
		bool w = c && word_cp(c);
		if (!w && query && run == 1) { /* a one-character word of the query */
			buf_puts(b, n ? " AND \"" : "\"");
			buf_append(b, prev, prevlen);
			buf_putc(b, '"');
			n++;
		}
		if (!c)
			break;
		if (!w) {
			run = 0;
			continue;
		}
		if (!query) {
			if (b->len)
				buf_putc(b, ' ');
			buf_append(b, at, (size_t)(p - at));
			n++;
		}
		if (run) {
			if (query)
				buf_puts(b, n ? " AND \"" : "\"");
			else
				buf_putc(b, ' ');
			buf_append(b, prev, prevlen);
			buf_append(b, at, (size_t)(p - at));
			if (query)
				buf_putc(b, '"');
			n++;
		}
		prev = at;
		prevlen = (size_t)(p - at);
		run++;
	}
	return n;
}

/* A query of one or two characters, each without case or ASCII: the index
 * holds every character and pair, so its match is exactly LIKE's and no row
 * needs reading to confirm it (unicode61 folds the case of more letters than
 * SQLite's LIKE does, so other letters are confirmed). */
bool text_index_exact(const char *text)
{
	const char *p = text;
	int n = 0;
	for (unsigned c; (c = next_cp(&p)); n++)
		if (!word_cp(c) || (c >= 0x80 && c < 0x3040) || (c >= 0xFF21 && c <= 0xFF5A))
			return false;
	return n == 1 || n == 2;
}

static void row_words(buf *b, const char *title, const char *host, const char *venue, const char *street)
{
	const char *f[] = {title, host, venue, street};
	for (int i = 0; i < 4; i++)
		text_index_words(b, f[i] ? f[i] : "", false);
}

/* Feeds the index the queued rows: first forgets what changed rows held,
 * then reads each queued row as it is now. */
int text_index_drain_tx(db *d, long long *done)
{
	stmt st;
	int rc = db_prep(d, &st, "SELECT id, title, host, venue, street FROM activity_text_stale", NULL);
	while (rc == 0 && stmt_step(&st) == 1) {
		buf b = BUF_INIT;
		row_words(&b, col_text(&st, 1), col_text(&st, 2), col_text(&st, 3), col_text(&st, 4));
		rc = db_exec(d, "INSERT INTO activity_text(activity_text, rowid, body) VALUES ('delete', ?1, ?2)", "It",
			     col_int(&st, 0), buf_cstr(&b));
		buf_free(&b);
	}
	if (rc == 0)
		stmt_done(&st);
	if (rc == 0)
		rc = db_exec(d, "DELETE FROM activity_text_stale", NULL);
	if (rc == 0)
		rc = db_prep(d, &st, "SELECT p.id, a.title, a.host, a.venue, a.street FROM activity_text_pending p"
				     " JOIN activities a ON a.id = p.id", NULL);
	/* INDEX_ROWS rows to an INSERT: an import queues thousands, and on
	 * PostgreSQL each statement is a round trip */
	enum { INDEX_ROWS = 200 };
	dbval v[INDEX_ROWS * 2];
	buf words[INDEX_ROWS] = {0}, sql = BUF_INIT;
	int n = 0, step = 1;
	while (rc == 0 && step == 1) {
		step = stmt_step(&st);
		if (step == 1) {
			words[n].len = 0;
			row_words(&words[n], col_text(&st, 1), col_text(&st, 2), col_text(&st, 3), col_text(&st, 4));
			buf_printf(&sql, "%s(?%d, ?%d)", n ? ", " : "INSERT INTO activity_text(rowid, body) VALUES ", 2 * n + 1, 2 * n + 2);
			v[2 * n] = (dbval){'I', col_int(&st, 0), NULL};
			v[2 * n + 1] = (dbval){'t', 0, buf_cstr(&words[n])};
			n++;
			(*done)++;
		}
		if (n && (n == INDEX_ROWS || step != 1)) {
			stmt ins;
			rc = db_prep_vals(d, &ins, buf_cstr(&sql), v, n * 2);
			if (rc == 0) {
				rc = stmt_step(&ins) == 0 ? 0 : -1;
				stmt_done(&ins);
			}
			sql.len = 0;
			n = 0;
		}
	}
	for (int i = 0; i < INDEX_ROWS; i++)
		buf_free(&words[i]);
	buf_free(&sql);
	if (step < 0)
		rc = -1;
	if (rc == 0)
		stmt_done(&st);
	if (rc == 0)
		rc = db_exec(d, "DELETE FROM activity_text_pending", NULL);
	return rc;
}

long long activity_text_sync(db *d)
{
	if (!db_exists(d, "SELECT 1 FROM activity_text_pending UNION ALL SELECT 1 FROM activity_text_stale LIMIT 1", NULL))
		return 0;
	if (db_readonly(d) || db_begin(d) < 0)
		return -1;
	long long done = 0;
	if (text_index_drain_tx(d, &done) < 0) {
		db_rollback(d);
		return -1;
	}
	return db_commit(d) < 0 ? -1 : done;
}
