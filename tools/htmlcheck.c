/* htmlcheck: checks every call of an HTML formatter (H(), html_fmt(), fail(),
 * fail_state() ... ) in the C sources, as fossil's codecheck does for its
 * printf-like formatters.
 *
 *   htmlcheck OUTDIR FILE...
 *
 * It reads the files with a C tokenizer (comments, string and character
 * literals, preprocessor lines with continuations; a call may span lines and
 * its arguments may hold commas inside parentheses or strings), then:
 *
 * 1. learns the formatters: a function whose prototype carries the marker
 *    HTML_FORMAT(fmt, first) (core/html.h), a function of a va_list marked
 *    HTML_VFORMAT(fmt) (html_vfmt), and any macro whose body passes one
 *    of its parameters as a formatter's format ("" fmt "" or fmt), as H() and
 *    fail() do;
 * 2. checks each call outside a #define: the format is one or more string
 *    literals, each conversion is one of %s %d %D %u %B %%, and the number of
 *    arguments after the format equals the number of conversions; no %s
 *    argument holds a string literal with markup in it (a tag or an entity
 *    would be shown escaped, as text: the double escape of issue 11);
 *    a va_list formatter (html_vfmt()) is called only inside a marked
 *    formatter (whose own callers are checked); and in src/pages no raw
 *    buf_puts/buf_printf/buf_append/buf_putc writes into the page body (a buf:
 *    it also carries CSV, JSON, files), unless its line says raw-ok. Every
 *    other HTML buffer is an html (core/html.h), which the buf_* writers do
 *    not accept, and %B takes an html * only;
 * 3. writes every file to OUTDIR/FILE with each argument wrapped in the macro
 *    of its conversion (HK_s(x), HK_d(x) ... in tools/htmlcheck.h) and a #line
 *    naming the original file, and lists the .c files that hold a call in
 *    OUTDIR/calls. The
 *    caller (scripts/htmlcheck.sh) compiles those with -fsyntax-only: the
 *    compiler, which knows every type, then refuses an argument whose type
 *    does not fit its conversion (exactly, with _Generic).
 *
 * Errors are printed as FILE:LINE: message; the exit status is 1 if any.
 * Written by hand: no Debian package checks a project's own format language.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { T_ID, T_NUM, T_STR, T_CHR, T_PUNCT };

typedef struct {
	int kind;
	size_t s, e; /* bytes [s, e) of the file */
	int line;
	bool dir;    /* inside a preprocessor directive */
	bool bol;    /* first token of its line */
} tok;

typedef struct {
	const char *path;
	char *text;
	size_t len;
	tok *t;
	int n;
} file;

typedef struct {
	char name[64];
	int fmt; /* 1-based index of the format argument; the rest follow it */
} formatter;

static formatter fmts[256];
static int nfmts;
/* the formatters of a va_list marked HTML_VFORMAT(fmt) (html_vfmt, and a
 * helper that formats its caller's values): called only inside a formatter */
static formatter vfmts[64];
static int nvfmts;
static int errors;
static bool quiet; /* a second look at calls already checked: report nothing */

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		perror("htmlcheck");
		exit(2);
	}
	return p;
}

static void err(const file *f, int line, const char *msg, const char *detail)
{
	if (quiet)
		return;
	printf("%s:%d: %s%s%s\n", f->path, line, msg, detail ? " " : "", detail ? detail : "");
	errors++;
}

static bool is_id(int c) { return isalnum(c) || c == '_'; }

static void push(file *f, int kind, size_t s, size_t e, int line, bool dir, bool bol)
{
	if (f->n % 1024 == 0)
		f->t = xrealloc(f->t, (size_t)(f->n + 1024) * sizeof *f->t);
	f->t[f->n++] = (tok){kind, s, e, line, dir, bol};
}

static void tokenize(file *f)
{
	const char *p = f->text;
	size_t i = 0, n = f->len;
	int line = 1;
	bool bol = true, dir = false;
	while (i < n) {
		char c = p[i];
		if (c == '\n') {
			line++;
			i++;
			bol = true;
			dir = false;
			continue;
		}
		if (c == '\\' && i + 1 < n && p[i + 1] == '\n') { /* continuation */
			line++;
			i += 2;
			continue;
		}
		if (isspace((unsigned char)c)) {
			i++;
			continue;
		}
		if (c == '/' && i + 1 < n && p[i + 1] == '/') {
			while (i < n && p[i] != '\n') {
				if (p[i] == '\\' && i + 1 < n && p[i + 1] == '\n') {
					line++;
					i++;
				}
				i++;
			}
			continue;
		}
		if (c == '/' && i + 1 < n && p[i + 1] == '*') {
			i += 2;
			while (i + 1 < n && !(p[i] == '*' && p[i + 1] == '/')) {
				if (p[i] == '\n')
					line++;
				i++;
			}
			i += 2;
			continue;
		}
		size_t s = i;
		int l = line;
		if (bol && c == '#')
			dir = true;
		bool first = bol;
		bol = false;
		/* literal prefixes: L"", u"", U"", u8"" */
		size_t q = i;
		if (p[q] == 'u' && q + 1 < n && p[q + 1] == '8')
			q += 2;
		else if (p[q] == 'L' || p[q] == 'u' || p[q] == 'U')
			q++;
		if (q < n && (p[q] == '"' || p[q] == '\'')) {
			char quote = p[q];
			i = q + 1;
			while (i < n && p[i] != quote && p[i] != '\n') {
				if (p[i] == '\\' && i + 1 < n) {
					if (p[i + 1] == '\n')
						line++;
					i++;
				}
				i++;
			}
			i++;
			push(f, quote == '"' ? T_STR : T_CHR, s, i, l, dir, first);
			continue;
		}
		if (isalpha((unsigned char)c) || c == '_') {
			while (i < n && is_id((unsigned char)p[i]))
				i++;
			push(f, T_ID, s, i, l, dir, first);
			continue;
		}
		if (isdigit((unsigned char)c) || (c == '.' && i + 1 < n && isdigit((unsigned char)p[i + 1]))) {
			while (i < n && (is_id((unsigned char)p[i]) || p[i] == '.' ||
					 ((p[i] == '+' || p[i] == '-') && strchr("eEpP", p[i - 1]))))
				i++;
			push(f, T_NUM, s, i, l, dir, first);
			continue;
		}
		/* punctuation: the multi-character ones that matter here */
		if ((c == '-' && i + 1 < n && p[i + 1] == '>') || (c == '#' && i + 1 < n && p[i + 1] == '#'))
			i += 2;
		else if (c == '.' && i + 2 < n && p[i + 1] == '.' && p[i + 2] == '.')
			i += 3;
		else
			i++;
		push(f, T_PUNCT, s, i, l, dir, first);
	}
}

static bool teq(const file *f, int k, const char *s)
{
	if (k < 0 || k >= f->n)
		return false;
	size_t len = f->t[k].e - f->t[k].s;
	return strlen(s) == len && !memcmp(f->text + f->t[k].s, s, len);
}

static int find_fmt(const file *f, int k)
{
	if (k < 0 || k >= f->n || f->t[k].kind != T_ID)
		return -1;
	size_t len = f->t[k].e - f->t[k].s;
	for (int i = 0; i < nfmts; i++)
		if (strlen(fmts[i].name) == len && !memcmp(fmts[i].name, f->text + f->t[k].s, len))
			return i;
	return -1;
}

static bool named(const formatter *v, int n, const char *name, size_t len)
{
	for (int i = 0; i < n; i++)
		if (strlen(v[i].name) == len && !memcmp(v[i].name, name, len))
			return true;
	return false;
}

static bool add_fmt(const char *name, size_t len, int fmt)
{
	for (int i = 0; i < nfmts; i++)
		if (strlen(fmts[i].name) == len && !memcmp(fmts[i].name, name, len))
			return false;
	if (nfmts == (int)(sizeof fmts / sizeof *fmts) || len >= sizeof fmts[0].name)
		return false;
	memcpy(fmts[nfmts].name, name, len);
	fmts[nfmts].name[len] = 0;
	fmts[nfmts].fmt = fmt;
	nfmts++;
	return true;
}

/* The token after the ')' matching the '(' at k, or -1; args[] get the token
 * ranges of the arguments (split at depth-1 commas). */
typedef struct {
	int s, e; /* tokens [s, e) */
} range;

static int split_args(const file *f, int k, range *args, int max, int *nargs)
{
	int depth = 0, start = k + 1;
	*nargs = 0;
	for (int i = k; i < f->n; i++) {
		char c = f->t[i].kind == T_PUNCT ? f->text[f->t[i].s] : 0;
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}') {
			if (--depth == 0) {
				if (i > start || *nargs > 0) {
					if (*nargs < max)
						args[*nargs] = (range){start, i};
					(*nargs)++;
				}
				return i + 1;
			}
		} else if (c == ',' && depth == 1) {
			if (*nargs < max)
				args[*nargs] = (range){start, i};
			(*nargs)++;
			start = i + 1;
		}
	}
	return -1;
}

/* Pass 1: the formatters marked HTML_FORMAT(fmt, first) in a prototype, and
 * the va_list formatters marked HTML_VFORMAT(fmt). */
static void learn_functions(const file *f)
{
	for (int i = 0; i < f->n; i++) {
		bool v = teq(f, i, "HTML_VFORMAT");
		if (f->t[i].dir || !(v || teq(f, i, "HTML_FORMAT")) || !teq(f, i - 1, ")") || !teq(f, i + 1, "("))
			continue;
		int depth = 0, k = i - 1;
		for (; k >= 0; k--) {
			if (teq(f, k, ")"))
				depth++;
			else if (teq(f, k, "(") && --depth == 0)
				break;
		}
		if (k < 1 || f->t[k - 1].kind != T_ID || f->t[i + 2].kind != T_NUM) {
			err(f, f->t[i].line, v ? "HTML_VFORMAT: not after a function's parameter list" :
						 "HTML_FORMAT: not after a function's parameter list", NULL);
			continue;
		}
		const char *name = f->text + f->t[k - 1].s;
		size_t len = f->t[k - 1].e - f->t[k - 1].s;
		if (v) {
			if (!teq(f, i + 3, ")")) {
				err(f, f->t[i].line, "HTML_VFORMAT(fmt): the format's place only (a va_list follows it)", NULL);
				continue;
			}
			if (!named(vfmts, nvfmts, name, len) && nvfmts < (int)(sizeof vfmts / sizeof *vfmts) && len < sizeof vfmts[0].name) {
				memcpy(vfmts[nvfmts].name, name, len);
				vfmts[nvfmts].name[len] = 0;
				vfmts[nvfmts++].fmt = atoi(f->text + f->t[i + 2].s);
			}
			continue;
		}
		/* the values follow the format: that is all the checker assumes */
		if (!teq(f, i + 3, ",") || f->t[i + 4].kind != T_NUM ||
		    atoi(f->text + f->t[i + 4].s) != atoi(f->text + f->t[i + 2].s) + 1) {
			err(f, f->t[i].line, "HTML_FORMAT(fmt, first): first must be fmt + 1 (the values follow the format)", NULL);
			continue;
		}
		add_fmt(name, len, atoi(f->text + f->t[i + 2].s));
	}
}

/* Pass 1b: a macro NAME(a, b, fmt, ...) whose body calls a formatter with
 * "" fmt "" (or fmt) as its format is a formatter with its format at fmt's
 * place. Returns whether it learned one. */
static bool learn_macros(const file *f)
{
	bool learned = false;
	for (int i = 0; i + 3 < f->n; i++) {
		if (!f->t[i].dir || !f->t[i].bol || !teq(f, i, "#") || !teq(f, i + 1, "define"))
			continue;
		int name = i + 2;
		if (f->t[name].kind != T_ID || !teq(f, name + 1, "(") || f->t[name + 1].s != f->t[name].e)
			continue; /* an object-like macro */
		range params[32];
		int np;
		int body = split_args(f, name + 1, params, 32, &np);
		if (body < 0 || np > 32 || find_fmt(f, name) >= 0)
			continue;
		for (int k = body; k < f->n && f->t[k].dir && !f->t[k].bol; k++) {
			int which = find_fmt(f, k);
			if (which < 0 || !teq(f, k + 1, "("))
				continue;
			range args[64];
			int na;
			if (split_args(f, k + 1, args, 64, &na) < 0 || na < fmts[which].fmt)
				continue;
			range a = args[fmts[which].fmt - 1];
			for (int t = a.s; t < a.e; t++) {
				if (f->t[t].kind != T_ID)
					continue;
				for (int p = 0; p < np && p < 32; p++)
					if (params[p].e == params[p].s + 1 && f->t[params[p].s].e - f->t[params[p].s].s == f->t[t].e - f->t[t].s &&
					    !memcmp(f->text + f->t[params[p].s].s, f->text + f->t[t].s, f->t[t].e - f->t[t].s))
						learned |= add_fmt(f->text + f->t[name].s, f->t[name].e - f->t[name].s, p + 1);
			}
		}
	}
	return learned;
}

/* The conversions of a format made of string literals (tokens [s, e)), into
 * conv[]; -1 and an error if it is not one. */
static int conversions(const file *f, const char *name, range a, char *conv, int max, int line)
{
	int n = 0;
	if (a.s == a.e) {
		err(f, line, name, "format missing");
		return -1;
	}
	for (int k = a.s; k < a.e; k++) {
		if (f->t[k].kind != T_STR || f->text[f->t[k].s] != '"') {
			err(f, f->t[k].line, name, "the format is not a string literal");
			return -1;
		}
		const char *p = f->text + f->t[k].s + 1, *end = f->text + f->t[k].e - 1;
		for (; p < end; p++) {
			if (*p == '\\') {
				p++;
				continue;
			}
			if (*p != '%')
				continue;
			char c = p + 1 < end ? p[1] : 0;
			p++;
			if (c == '%')
				continue;
			if (!c || !strchr("sdDuB", c)) {
				char d[64];
				snprintf(d, sizeof d, "unknown conversion %%%c (only %%s %%d %%D %%u %%B %%%%)", c ? c : ' ');
				err(f, f->t[k].line, name, d);
				return -1;
			}
			if (n < max)
				conv[n] = c;
			n++;
		}
	}
	return n;
}

/* Does an argument hold a string literal with a tag (<x, </x, <!) or an
 * entity (&x...;) in it? Through %s it would be shown as text. */
static bool markup_literal(const file *f, range a)
{
	for (int k = a.s; k < a.e; k++) {
		if (f->t[k].kind != T_STR)
			continue;
		const char *p = f->text + f->t[k].s, *end = f->text + f->t[k].e;
		for (; p + 1 < end; p++) {
			if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!'))
				return true;
			if (*p == '&' && (isalpha((unsigned char)p[1]) || p[1] == '#')) {
				const char *q = p + 1;
				while (q < end && (isalnum((unsigned char)*q) || *q == '#'))
					q++;
				if (q < end && *q == ';')
					return true;
			}
		}
	}
	return false;
}

typedef struct {
	size_t at;
	const char *text;
} insert;

static void mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			if (mkdir(path, 0777) && errno != EEXIST) {
				perror(path);
				exit(2);
			}
			*p = '/';
		}
}

static const char *wrap_open(char c)
{
	switch (c) {
	case 's': return "HK_s(";
	case 'd': return "HK_d(";
	case 'D': return "HK_D(";
	case 'u': return "HK_u(";
	default: return "HK_B(";
	}
}

/* Pass 2: check the calls; write the wrapped copy. Returns whether the file
 * holds a call. */
static bool check(const file *f, const char *outdir)
{
	insert *ins = NULL;
	int nins = 0, cap = 0;
	bool calls = false;
	const char *fn = NULL; /* the function being defined */
	size_t fnlen = 0;
	int depth = 0, last_id = -1;
	for (int i = 0; i < f->n; i++) {
		if (f->t[i].dir)
			continue;
		if (teq(f, i, "{")) {
			if (depth == 0 && last_id >= 0) {
				fn = f->text + f->t[last_id].s;
				fnlen = f->t[last_id].e - f->t[last_id].s;
			}
			depth++;
		} else if (teq(f, i, "}")) {
			if (--depth == 0)
				fn = NULL;
		} else if (depth == 0 && f->t[i].kind == T_ID && teq(f, i + 1, "("))
			last_id = i;
		if (f->t[i].kind == T_ID && named(vfmts, nvfmts, f->text + f->t[i].s, f->t[i].e - f->t[i].s) &&
		    teq(f, i + 1, "(") && depth > 0) {
			if (!fn || !(named(fmts, nfmts, fn, fnlen) || named(vfmts, nvfmts, fn, fnlen))) {
				char d[240];
				snprintf(d, sizeof d, "%.*s() outside a formatter: mark the function's prototype HTML_FORMAT(fmt, first)"
					 " (or HTML_VFORMAT(fmt)) so that its callers are checked", (int)(f->t[i].e - f->t[i].s) & 63, f->text + f->t[i].s);
				err(f, f->t[i].line, d, NULL);
			}
			continue;
		}
		int which = find_fmt(f, i);
		if (which < 0 || !teq(f, i + 1, "(") || depth == 0)
			continue;
		/* a declaration (void H(...)) or a member (x.H(...)) is no call */
		if (i > 0 && ((f->t[i - 1].kind == T_ID && !teq(f, i - 1, "return") && !teq(f, i - 1, "else")) ||
			      teq(f, i - 1, ".") || teq(f, i - 1, "->")))
			continue;
		calls = true;
		range args[128];
		int na;
		int line = f->t[i].line;
		char name[80];
		snprintf(name, sizeof name, "%s():", fmts[which].name);
		if (split_args(f, i + 1, args, 128, &na) < 0) {
			err(f, line, name, "unclosed call");
			continue;
		}
		int fi = fmts[which].fmt - 1;
		if (na <= fi) {
			err(f, line, name, "no format argument");
			continue;
		}
		char conv[128];
		int nc = conversions(f, name, args[fi], conv, 128, line);
		if (nc < 0)
			continue;
		int nv = na - fi - 1;
		if (nv != nc || nv > 128) {
			char d[160];
			int fl = (int)(f->t[args[fi].e - 1].e - f->t[args[fi].s].s);
			snprintf(d, sizeof d, "%d argument%s for %d conversion%s in %.*s%s", nv, nv == 1 ? "" : "s", nc,
				 nc == 1 ? "" : "s", fl > 60 ? 60 : fl, f->text + f->t[args[fi].s].s, fl > 60 ? "..." : "");
			err(f, line, name, d);
			continue;
		}
		for (int k = 0; k < nv; k++) {
			range a = args[fi + 1 + k];
			if (a.s == a.e) {
				err(f, line, name, "empty argument");
				continue;
			}
			if (conv[k] == 's' && markup_literal(f, a))
				err(f, f->t[a.s].line, name,
				    "markup in a string literal given to %s comes out escaped as text:"
				    " write it in the format, with html(), or pass an html * as %B");
			if (nins + 2 > cap) {
				cap = cap ? cap * 2 : 256;
				ins = xrealloc(ins, (size_t)cap * sizeof *ins);
			}
			ins[nins++] = (insert){f->t[a.s].s, wrap_open(conv[k])};
			ins[nins++] = (insert){f->t[a.e - 1].e, ")"};
		}
	}
	/* the wrapped copy: inserts are in file order */
	size_t plen = strlen(outdir) + strlen(f->path) + 2;
	char *out = xrealloc(NULL, plen);
	snprintf(out, plen, "%s/%s", outdir, f->path);
	mkdirs(out);
	FILE *o = fopen(out, "w");
	if (!o) {
		perror(out);
		exit(2);
	}
	fprintf(o, "#line 1 \"%s\"\n", f->path);
	size_t at = 0;
	for (int k = 0; k < nins; k++) {
		fwrite(f->text + at, 1, ins[k].at - at, o);
		fputs(ins[k].text, o);
		at = ins[k].at;
	}
	fwrite(f->text + at, 1, f->len - at, o);
	if (fclose(o)) {
		perror(out);
		exit(2);
	}
	free(out);
	free(ins);
	return calls;
}


/* ---- raw writes into the page body ---- */

/* Does the source line of token k say raw-ok (in a comment)? */
static bool raw_ok(const file *f, int k)
{
	const char *s = f->text + f->t[k].s, *e = s;
	while (s > f->text && s[-1] != '\n')
		s--;
	while (e < f->text + f->len && *e != '\n')
		e++;
	return memmem(s, (size_t)(e - s), "raw-ok", 6) != NULL;
}

/* One function's tokens [from, to): a raw buf_puts/buf_printf/buf_append/
 * buf_putc into the page body (w->body, a buf: it also carries CSV, JSON and
 * files) is refused. Every other HTML buffer is an html, which these do not
 * accept (the compiler refuses), and %B takes an html * only (HK_B). */
static void raw_in_function(const file *f, int from, int to)
{
	for (int k = from; k < to; k++) {
		if (f->t[k].dir || !teq(f, k + 1, "(") ||
		    !(teq(f, k, "buf_puts") || teq(f, k, "buf_printf") || teq(f, k, "buf_append") || teq(f, k, "buf_putc")))
			continue;
		range a[1];
		int na;
		if (split_args(f, k + 1, a, 1, &na) < 0 || na < 1 || raw_ok(f, k))
			continue;
		bool body = false;
		for (int t = a[0].s; t + 1 < a[0].e; t++)
			if ((teq(f, t, "->") || teq(f, t, ".")) && teq(f, t + 1, "body"))
				body = true;
		if (body) {
			char d[200];
			snprintf(d, sizeof d, "%.*s() into the page body: write HTML into resp_html(w) with html(), H() or html_txt();"
				 " another format says /* raw-ok: why */ on the line", (int)(f->t[k].e - f->t[k].s), f->text + f->t[k].s);
			err(f, f->t[k].line, "raw", d);
		}
	}
}

/* Every function body of the file: a { at file level after a parameter list. */
static void check_raw(const file *f)
{
	int depth = 0, start = -1;
	for (int i = 0; i < f->n; i++) {
		if (f->t[i].dir)
			continue;
		if (teq(f, i, "{") || teq(f, i, "(") || teq(f, i, "[")) {
			if (depth == 0 && teq(f, i, "{") && teq(f, i - 1, ")")) {
				/* from the parameter list on */
				int d = 0, k = i - 1;
				for (; k >= 0; k--)
					if (teq(f, k, ")"))
						d++;
					else if (teq(f, k, "(") && --d == 0)
						break;
				start = k < 0 ? i : k;
			}
			depth++;
		} else if (teq(f, i, "}") || teq(f, i, ")") || teq(f, i, "]")) {
			if (--depth == 0 && start >= 0 && teq(f, i, "}")) {
				raw_in_function(f, start, i);
				start = -1;
			}
		}
	}
}

static void load(file *f, const char *path)
{
	FILE *in = fopen(path, "rb");
	if (!in) {
		perror(path);
		exit(2);
	}
	size_t cap = 1 << 16;
	f->path = path;
	f->text = xrealloc(NULL, cap);
	f->len = 0;
	size_t got;
	while ((got = fread(f->text + f->len, 1, cap - f->len, in)) > 0) {
		f->len += got;
		if (f->len == cap)
			f->text = xrealloc(f->text, cap *= 2);
	}
	fclose(in);
	tokenize(f);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: htmlcheck OUTDIR FILE...\n");
		return 2;
	}
	int nf = argc - 2;
	file *files = calloc((size_t)nf, sizeof *files);
	if (!files)
		return 2;
	for (int i = 0; i < nf; i++)
		load(&files[i], argv[i + 2]);
	for (int i = 0; i < nf; i++)
		learn_functions(&files[i]);
	for (bool more = true; more;) {
		more = false;
		for (int i = 0; i < nf; i++)
			more |= learn_macros(&files[i]);
	}
	if (find_fmt(&(file){.text = "html_fmt", .t = &(tok){T_ID, 0, 8, 1, false, false}, .n = 1}, 0) < 0) {
		fprintf(stderr, "htmlcheck: no formatter marked HTML_FORMAT (html_fmt in core/html.h): nothing would be checked\n");
		return 2;
	}
	if (!named(vfmts, nvfmts, "html_vfmt", 9)) {
		fprintf(stderr, "htmlcheck: html_vfmt (core/html.h) is not marked HTML_VFORMAT: its callers would go unchecked\n");
		return 2;
	}
	/* OUTDIR/calls: the .c files that hold a call, for the compiler */
	size_t ll = strlen(argv[1]) + 8;
	char *list = xrealloc(NULL, ll);
	snprintf(list, ll, "%s/calls", argv[1]);
	mkdirs(list);
	FILE *o = fopen(list, "w");
	if (!o) {
		perror(list);
		return 2;
	}
	for (int i = 0; i < nf; i++) {
		size_t l = strlen(files[i].path);
		if (check(&files[i], argv[1]) && l > 2 && !strcmp(files[i].path + l - 2, ".c"))
			fprintf(o, "%s\n", files[i].path);
		if (strstr(files[i].path, "src/pages/")) /* the page layer writes the body */
			check_raw(&files[i]);
	}
	fclose(o);
	free(list);
	return errors ? 1 : 0;
}
