/* textindex.h: the text index of the public calendar's search (migration 081). */
#ifndef LW_TEXTINDEX_H
#define LW_TEXTINDEX_H
#include "domain.h"
#include "core/buf.h"

/* The words of s for the index (unigrams and pairs, for a row) or for a
 * query (its pairs; a lone character itself), appended to b: space-separated
 * words, or for a query quoted FTS5 strings joined by AND. Returns how many. */
int text_index_words(buf *b, const char *s, bool query);
/* A query of one or two characters, each without case or ASCII: the index
 * holds every character and pair, so its match is exactly LIKE's. */
bool text_index_exact(const char *text);
/* Indexes the rows the triggers queued, inside the caller's transaction:
 * every write of an activity's text calls it before it commits, so the queue
 * is empty when residents search. 0 ok, -1 failed; *done counts the rows. */
int text_index_drain_tx(db *d, long long *done);
/* The same in a transaction of its own, for rows written by another process
 * (an import by the sqlite3 shell, bench/gen.sh): when serve starts, and
 * before a search if the queue is not empty. Returns how many rows it
 * indexed, -1 when it could not write (a read-only folder: the search then
 * reads the rows themselves). */
long long activity_text_sync(db *d);
#endif
