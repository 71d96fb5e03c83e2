/* choices.c: the week's lists (活动内容 categories, 参与对象, 活动形式) as
 * data of the week (issue 12, point 1; migration 140). */
#include "activity.h"
#include "org.h"
#include "core/buf.h"
#include "core/text.h"
#include <string.h>

#define CHOICE_KINDS 3
static const char *const kinds[CHOICE_KINDS] = {"content", "audience", "form"};

static const choices *list_of(const week_lists *l, int k)
{
	return k == 0 ? &l->content : k == 1 ? &l->audience : &l->form;
}

static void choices_alloc(arena *a, choices *c, int n)
{
	c->n = 0;
	c->code = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
	c->wording = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
	c->label = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
}

/* Rows (code, wording, label) of a query that takes one bound value. */
static choices choices_read(db *d, arena *a, const char *count_sql, const char *sql, const char *types, long long id,
			    const char *kind)
{
	choices c;
	int n = (int)db_int(d, 0, count_sql, types, id, kind);
	choices_alloc(a, &c, n);
	stmt st;
	if (db_prep(d, &st, sql, types, id, kind) == 0) {
		while (c.n < n && stmt_step(&st) == 1) {
			c.code[c.n] = col_dup(&st, a, 0);
			c.wording[c.n] = col_dup(&st, a, 1);
			c.label[c.n] = col_dup(&st, a, 2);
			c.n++;
		}
		stmt_done(&st);
	}
	return c;
}

choices week_choices(db *d, arena *a, long long week_id, const char *kind)
{
	return choices_read(d, a, "SELECT count(*) FROM week_choices WHERE week_id = ?1 AND kind = ?2",
			    "SELECT code, wording, label FROM week_choices WHERE week_id = ?1 AND kind = ?2 ORDER BY position",
			    "It", week_id, kind);
}

const char *choice_label(const choices *c, const char *code)
{
	for (int i = 0; c && i < c->n; i++)
		if (!strcmp(c->code[i], code))
			return c->label[i];
	return code;
}

week_lists week_lists_load(db *d, arena *a, long long week_id)
{
	return (week_lists){week_choices(d, a, week_id, "content"), week_choices(d, a, week_id, "audience"),
			    week_choices(d, a, week_id, "form")};
}

week_lists week_lists_start(db *d, arena *a, long long year)
{
	week_lists l;
	long long from = db_int(d, 0, "SELECT w.id FROM weeks w WHERE (?1 = 0 OR w.year < ?1) AND w.unit_id = ?2"
				      " AND EXISTS (SELECT 1 FROM week_choices c WHERE c.week_id = w.id)"
				      " ORDER BY w.year DESC, w.id DESC LIMIT 1", "II", year, unit_root(d)); /* the top's (its new-week form) */
	choices *dst[CHOICE_KINDS] = {&l.content, &l.audience, &l.form};
	for (int k = 0; k < CHOICE_KINDS; k++)
		*dst[k] = from ? week_choices(d, a, from, kinds[k])
				       : choices_read(d, a, "SELECT count(*) FROM choice_presets WHERE ?1 = ?1 AND kind = ?2",
						      "SELECT code, wording, label FROM choice_presets WHERE ?1 = ?1 AND kind = ?2"
						      " ORDER BY position", "It", 0, kinds[k]);
	return l;
}

static bool has(const choices *c, const char *v)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->label[i], v))
			return true;
	return false;
}

/* One name a line (、 also separates), each once. */
static void names_parse(arena *a, const char *text, const char *field, const char *what, int max, choices *out, errs *e)
{
	char *s = arena_strdup(a, text ? text : "");
	int n = 1;
	for (char *p = s; *p; p++)
		n += *p == '\n';
	for (char *p = s; (p = strstr(p, "、")); p += 3)
		n++;
	choices_alloc(a, out, n);
	for (char *p = s; p;) {
		char *end = strpbrk(p, "\n");
		char *sep = strstr(p, "、");
		if (sep && (!end || sep < end))
			end = sep;
		size_t skip = end && *end == '\n' ? 1 : 3;
		if (end)
			*end = 0;
		char *v = str_trim(p);
		p = end ? end + skip : NULL;
		if (!*v || has(out, v))
			continue;
		if (utf8_chars(v) > 20) {
			err_add(e, field, arena_printf(a, "「%s」中的「%s」太长：每项最多 20 个字。", what, v));
			continue;
		}
		if (text_refusal(v, false)) {
			err_add(e, field, arena_printf(a, "「%s」中的「%s」%s。", what, v, text_refusal(v, false)));
			continue;
		}
		out->code[out->n] = out->wording[out->n] = out->label[out->n] = v;
		out->n++;
	}
	if (!out->n && !err_for(e, field))
		err_add(e, field, arena_printf(a, "「%s」至少要有一项，每行一项。", what));
	else if (out->n > max)
		err_add(e, field, arena_printf(a, "「%s」最多 %d 项，现在有 %d 项。", what, max, out->n));
}

int week_lists_parse(arena *a, const char *const *labels, int nlabels, const char *const *wordings, int nwordings,
		     const char *audiences, const char *forms, week_lists *out, errs *e)
{
	int before = e->n, n = nlabels > nwordings ? nlabels : nwordings;
	choices *c = &out->content;
	choices_alloc(a, c, n);
	for (int i = 0; i < n; i++) {
		char *l = str_trim(arena_strdup(a, i < nlabels && labels[i] ? labels[i] : ""));
		char *w = str_trim(arena_strdup(a, i < nwordings && wordings[i] ? wordings[i] : ""));
		if (!*l && !*w)
			continue;
		const char *row = cn_ordinal(a, c->n + 1);
		if (!*l || !*w)
			err_add(e, "content", arena_printf(a, "活动内容%s：简称和完整表述都要填写（不要这一项，请两栏都清空）。", row));
		else if (utf8_chars(l) > 20)
			err_add(e, "content", arena_printf(a, "活动内容%s的简称最多 20 个字。", row));
		else if (utf8_chars(w) > 100)
			err_add(e, "content", arena_printf(a, "活动内容%s的完整表述最多 100 个字。", row));
		else if (text_refusal(l, false) || text_refusal(w, false))
			err_add(e, "content", arena_printf(a, "活动内容%s%s。", row, text_refusal(l, false) ? text_refusal(l, false)
												  : text_refusal(w, false)));
		else if (has(c, l))
			err_add(e, "content", arena_printf(a, "活动内容%s的简称「%s」与前面一项重复。", row, l));
		c->code[c->n] = arena_printf(a, "%d", c->n + 1);
		c->label[c->n] = l;
		c->wording[c->n] = w;
		c->n++;
	}
	if (!c->n)
		err_add(e, "content", "「活动内容」至少要有一项。");
	else if (c->n > MAX_CONTENT)
		err_add(e, "content", arena_printf(a, "「活动内容」最多 %d 项，现在有 %d 项。", MAX_CONTENT, c->n));
	names_parse(a, audiences, "audiences", "参与对象", 30, &out->audience, e);
	names_parse(a, forms, "forms", "活动形式", 40, &out->form, e);
	return e->n > before ? -1 : 0;
}

const char *week_lists_locked(db *d, arena *a, long long week_id)
{
	long long n = db_int(d, 0, "SELECT count(*) FROM activities WHERE week_id = ?1", "I", week_id);
	if (!n)
		return NULL;
	return arena_printf(a, "本届已有 %lld 项活动（含草稿）按这些选项填写，为使已填的活动、总结表和统计保持一致，"
			       "这些选项不能再修改。", n);
}

int week_lists_write(db *d, long long week_id, const week_lists *l)
{
	if (db_exec(d, "DELETE FROM week_choices WHERE week_id = ?1", "I", week_id) < 0)
		return -1;
	for (int k = 0; k < CHOICE_KINDS; k++) {
		const choices *c = list_of(l, k);
		for (int i = 0; i < c->n; i++)
			if (db_exec(d, "INSERT INTO week_choices(week_id, kind, position, code, wording, label)"
				       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", "ItIttt", week_id, kinds[k], (long long)i + 1,
				    c->code[i], c->wording[i], c->label[i]) < 0)
				return -1;
	}
	return 0;
}

const char *cn_ordinal(arena *a, int n)
{
	static const char *const digit[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
	if (n < 1 || n > 99)
		return arena_printf(a, "（%d）", n);
	return arena_printf(a, "（%s%s%s）", n >= 20 ? digit[n / 10] : "", n >= 10 ? "十" : "", digit[n % 10]);
}
