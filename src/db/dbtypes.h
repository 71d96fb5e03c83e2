/* dbtypes.h: the storage interface's types (db.h), apart so that an engine
 * (db_pg.h) shares them without including db.h. */
#ifndef LW_DBTYPES_H
#define LW_DBTYPES_H
#include <stdbool.h>

typedef struct db db;
typedef struct stmt {
	void *s;          /* the engine's statement */
	const char *sql;
	db *d;
	bool owned;    /* not from the cache: finalize in stmt_done */
} stmt;

/* For SQL assembled at run time (optional filters): values bound from an array. */
typedef struct dbval {
	char t;           /* 'I' integer, 't' text (NULL binds NULL) */
	long long i;
	const char *s;
} dbval;

/* The kind of a column's value in the current row. */
typedef enum col_kind { COL_NULL, COL_INT, COL_TEXT } col_kind;

/* A failure of the storage, in the storage layer's own words, so that no
 * layer above names an engine's error code: STORE_FULL (the disk is full),
 * STORE_READONLY (a read-only folder or file system), STORE_BUSY (another
 * writer held the database past the busy timeout), STORE_IO (any other
 * failure to read or write the files); STORE_NONE if none. */
typedef enum store_failure { STORE_NONE, STORE_FULL, STORE_READONLY, STORE_IO, STORE_BUSY } store_failure;
#endif
