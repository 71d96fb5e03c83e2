# outcome.sh: the result lines of the shell tests (tests/cli/run.sh,
# tests/deploy/nginx.sh), sourced by them. ok NAME, not_ok NAME [DETAIL]
# (its first 20 lines, indented); pass and fail count them.
pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
not_ok() {
	fail=$((fail + 1))
	printf 'FAIL %s\n' "$1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/     /' | head -20
	return 0
}
