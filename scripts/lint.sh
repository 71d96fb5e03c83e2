#!/bin/sh
# lint.sh: project rules a compiler cannot check.
# 1. Escaping by construction. HTML is its own type (core/html.h): a page
#    writer takes an html *, which the raw buf_* writers do not accept (the
#    compiler refuses), html() takes literals only, %s escapes and %B takes an
#    html * only. scripts/htmlcheck.sh (tools/htmlcheck.c, with a C tokenizer
#    and the compiler) checks every H()/html_fmt()/fail() call: a literal
#    format, one argument per conversion, each of the conversion's type, no
#    markup in a literal given to %s, html_vfmt() only inside a marked
#    formatter; and, since the response body stays a buf (CSV, JSON, files),
#    no raw buf_* write into the page body (w->body) in src/pages unless the
#    line says /* raw-ok: why */.
#    Its limit: markup held in a char * and given to %s (escaped twice) is
#    not seen; tests/http/test_double_escape.c looks for it on every rendered
#    page.
# 1b. Only resp_html() (web/http.c) turns a buf into an html: no other cast
#    to html * in src/.
# 2. SQL stays in the storage and domain layers (src/db, src/domain): no sqlite3_
#    calls, db.h queries or SQL text anywhere else in src/.
# 3. Nor queries through the wrapper (db/db.h): pages, web, out and main pass the db
#    handle on (r->db) and call domain functions; they run no statement, read no
#    column and hold no SQL text. Opening and closing the connection (db_open,
#    db_close) and the storage-failure checks (db_storage_error and _clear,
#    db_readonly, db_last_errcode) stay allowed.
# 4. No SQLite result code (SQLITE_FULL, SQLITE_BUSY...) outside src/db and
#    src/domain: a storage failure reaches the layers above as the storage
#    layer's own enum (store_failure in db/db.h).
# 5. Pages compare no roles: they ask may(r, action, unit) (pages/kit.h), whose
#    rules are one table in src/domain/rules.c.
# 6. No include cycle between the files of src/ (scripts/include-cycles.sh).
# 7. Layers one way (scripts/layers.sh): out includes only core, domain only
#    core, db and in, export sits above domain and out, pages above all.
set -eu
fail=0
sh "$(dirname "$0")/htmlcheck.sh" || fail=1
hits=$(grep -nE '\( *(const +)?html *\*\)' $(find src -name '*.[ch]' ! -path src/web/http.c | sort) || true)
if [ -n "$hits" ]; then
	echo "lint: a cast to html * outside resp_html (web/http.c): build HTML with html(), H(), html_txt():"; echo "$hits"; fail=1
fi
# everything outside the storage and domain layers
outer=$(find src -name '*.[ch]' ! -path 'src/db/*' ! -path 'src/domain/*' | sort)
hits=$(grep -nE 'sqlite3_' $outer | grep -v 'db_handle' || true)
if [ -n "$hits" ]; then
	echo "lint: SQLite API used outside src/db and src/domain:"; echo "$hits"; fail=1
fi
hits=$(grep -nE 'SQLITE_[A-Z]' $outer || true)
if [ -n "$hits" ]; then
	echo "lint: SQLite code named outside src/db and src/domain (use store_failure from db/db.h):"; echo "$hits"; fail=1
fi
q='db_(prep|vprep|prep_vals|int_vals|exec|exec_script|int|text|exists|last_id|changes|begin|commit|rollback|migrate|schema_version|backup_to)'
hits=$(grep -nE "(^|[^A-Za-z0-9_])($q|stmt_(step|done)|col_(int|text|dup|null))\(" $outer || true)
sql=$(grep -nE '"(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH) ' $outer || true)
if [ -n "$hits$sql" ]; then
	echo "lint: database query or SQL text outside src/db and src/domain (write a function in src/domain,"
	echo "      e.g. in the module of the table it reads, and call it with the db handle):"
	[ -n "$hits" ] && echo "$hits"
	[ -n "$sql" ] && echo "$sql"
	fail=1
fi
hits=$(grep -nE 'ROLE_[A-Z]|user\.role *[!=<>]' src/pages/*.c || true)
if [ -n "$hits" ]; then
	echo "lint: a page compares roles (ask may(r, action, unit); the rules are in src/domain/rules.c):"; echo "$hits"; fail=1
fi
# 6. No include cycle between the files of src/ (scripts/include-cycles.sh).
sh scripts/include-cycles.sh >/dev/null || { sh scripts/include-cycles.sh; fail=1; }
# 7. Layers one way (scripts/layers.sh).
if ! sh scripts/layers.sh; then
	echo "lint: an include against the direction of the layers (the table is in scripts/layers.sh)"; fail=1
fi
[ $fail -eq 0 ] && echo "lint: ok"
exit $fail
