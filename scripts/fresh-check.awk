# fresh-check.awk: the commands a shell script calls, for scripts/fresh-check.sh.
# Reads each file whole (awk -v RS='\001'); prints "command<TAB>file" for every
# plain word in a command's place: at the start of a line, after ; | & && ||,
# inside $( ) and ` `, after the commands that run another (env, nice, time,
# timeout N, sudo -opts, xargs) and the words after `command -v` and
# `find -exec`. Skips comments, single-quoted text (the code in `eval '...'`
# and `trap '...'` is read as shell too), double-quoted text but for the $( )
# in it, arithmetic, here-documents, case patterns and redirection targets.
# Builtins and the scripts' own functions are left to the caller to drop.
# name=NAME: the file name to print when reading stdin.
function emit(x) { if (x ~ /^[a-z][a-z0-9_.+-]*$/ || x ~ /^(\/usr)?\/s?bin\/[a-z][a-z0-9_.+-]*$/) print x "\t" F }
function sep() { endword(); cmd = 1; cmdv = 0; sudo = 0; pendcmd = 0; redir = 0 }
function endword(   x, plain) {
	if (w == "") { wq = 0; return }
	x = w; plain = !wq; w = ""; wq = 0
	if (redir) { redir = 0; return }
	if (inpat) { if (x == "esac") { inpat = 0; cmd = 0 } return }
	if (x == "{" || x == "}") { cmd = 1; return }
	if (cmdv) { if (plain) emit(x); return }
	if (!cmd) {
		if (last == "-exec" && plain) emit(x)
		last = x
		if (x == "in" && pendcase) { inpat = 1; pendcase = 0 }
		return
	}
	last = x
	if (x ~ /^[A-Za-z_][A-Za-z0-9_]*=/) return
	if (x ~ /^(if|then|do|else|elif|while|until|!|\{|exec)$/) return
	if (skipnum) { skipnum = 0; if (x ~ /^[0-9]/) return }
	if (sudo && x ~ /^-/) return
	# commands that run the command after them
	if (x ~ /^\$\{?sudo\}?$/) { sudo = 1; return }
	if (x ~ /^(nice|xargs|env|time|timeout|sudo)$/) { emit(x); if (x == "timeout") skipnum = 1; if (x == "sudo") sudo = 1; return }
	if (pendcmd) { pendcmd = 0; if (x == "-v") { cmdv = 1; return } }
	if (x == "command") { pendcmd = 1; return }
	cmd = 0
	if (x == "case") { pendcase = 1; return }
	if (plain) emit(x)
}
# the position of the ")" that closes the "(" at i (arithmetic: no quotes in it)
function closing(s, i,   d, c) {
	for (d = 0; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "(") d++
		else if (c == ")" && --d == 0) return i
	}
	return i
}
function lex(s,   n, i, c, c2, c3, j, rest, d) {
	n = length(s); sp = 1; mode[1] = "sh"; par[1] = 0
	w = ""; wq = 0; cmd = 1; cmdv = 0; inpat = 0; pendcase = 0; hd = ""; last = ""; redir = 0; sudo = 0; skipnum = 0
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1); c2 = substr(s, i + 1, 1); c3 = substr(s, i + 2, 1)
		if (mode[sp] == "dq") {
			if (c == "\\") { i++; continue }
			if (c == "\"") { sp--; continue }
			if (c == "$" && c2 == "(" && c3 == "(") { i = closing(s, i + 1); continue }
			if (c == "$" && c2 == "(") { i++; sp++; mode[sp] = "sh"; par[sp] = 0; w = ""; wq = 0; sep(); continue }
			continue
		}
		if (c == "\\") { if (c2 == "\n") { endword(); i++ } else { w = w c2; wq = 1; i++ } continue }
		if (c == "'") {
			j = index(substr(s, i + 1), "'"); if (j == 0) j = n - i + 1
			if (last == "eval" || last == "trap" || last == "-c" || w == "eval") queue[++nq] = substr(s, i + 1, j - 1) "\t" F
			i += j; w = w "q"; wq = 1; continue
		}
		if (c == "\"") { sp++; mode[sp] = "dq"; w = w "q"; wq = 1; continue }
		if (c == "#" && w == "") { j = index(substr(s, i), "\n"); if (j == 0) break; i += j - 2; continue }
		if (c == "$" && c2 == "(" && c3 == "(") { i = closing(s, i + 1); w = w "n"; wq = 1; continue }
		if (c == "$" && c2 == "(") { endword(); i++; sp++; mode[sp] = "sh"; par[sp] = 0; sep(); continue }
		if (c == "$") { w = w c; wq = 1; continue }
		if (c == "(") { endword(); par[sp]++; sep(); continue }
		if (c == ")") {
			endword()
			if (inpat) { inpat = 0; sep(); continue }
			if (par[sp] > 0) par[sp]--
			else if (sp > 1) { sp--; w = "q"; wq = 1 }
			cmd = 0; continue
		}
		if (c == ";" && c2 == ";") { sep(); i++; inpat = 1; continue }
		if (c == "\n" && hd != "") {
			sep()
			rest = substr(s, i + 1)
			d = index(rest, "\n" hd "\n"); if (d == 0) break
			i += d + length(hd); hd = ""; continue
		}
		if (c == ";" || c == "|" || c == "&" || c == "\n" || c == "`") { sep(); continue }
		if (c == " " || c == "\t") { endword(); continue }
		if (c == "<" && c2 == "<") {
			endword(); rest = substr(s, i + 2)
			if (match(rest, /^-?[ \t]*['"]?[A-Za-z_]+/)) { hd = substr(rest, 1, RLENGTH); gsub(/^-?[ \t]*['"]?/, "", hd); i += 1 + RLENGTH }
			continue
		}
		if (c == "<" || c == ">") { endword(); if (c2 == "&" || c2 == ">") i++; if (substr(s, i + 1, 1) !~ /[0-9-]/) redir = 1; else i++; continue }
		w = w c
	}
	sep()
}
{ F = name != "" ? name : FILENAME; lex($0) }
END { for (k = 1; k <= nq; k++) { split(queue[k], qq, "\t"); F = qq[2]; lex(qq[1]) } }
