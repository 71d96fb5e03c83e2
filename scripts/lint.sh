#!/bin/sh
# lint.sh: project rules a compiler cannot check.
# 1. Escaping by construction: pages write HTML only through html()/H()/html_txt();
#    a raw buf_puts/buf_append/buf_printf into a page body is refused.
# 2. SQL stays in the storage and domain layers: no sqlite3_ calls in pages or web.
set -eu
fail=0
hits=$(grep -nE 'buf_(puts|append|printf|putc)\(&w->body' src/pages/*.c | grep -v 'page_static\|/\* raw-ok' || true)
if [ -n "$hits" ]; then
	echo "lint: raw write into an HTML body (use html()/H()/html_txt()):"; echo "$hits"; fail=1
fi
hits=$(grep -nE 'sqlite3_' src/pages/*.c src/web/*.c | grep -v 'db_handle' || true)
if [ -n "$hits" ]; then
	echo "lint: SQLite API used outside src/db and src/domain:"; echo "$hits"; fail=1
fi
[ $fail -eq 0 ] && echo "lint: ok"
exit $fail
