#!/bin/sh
# valgrind.sh ARGS...: learnweek under valgrind memcheck, as LEARNWEEK_BIN for
# the HTTP tests (make http-valgrind). The binary is $LEARNWEEK_VALGRIND_BIN
# (default ./learnweek, the release build: memcheck cannot run an ASan build).
# A definite leak or any memory error makes it exit 99, which the harness
# reports as a server that did not stop cleanly, with valgrind's log (the
# server's stderr). Library noise we cannot fix is in valgrind.supp.
here=$(cd "$(dirname "$0")" && pwd)
exec valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
	--track-origins=yes --num-callers=30 --suppressions="$here/valgrind.supp" \
	"${LEARNWEEK_VALGRIND_BIN:-./learnweek}" "$@"
