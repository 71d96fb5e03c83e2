/* review.c: returning a version with comments on its fields and attachments,
 * accepting it, reading the comments back for the unit, and the differences
 * between a returned version and the next one. */
#include "review.h"
#include "core/json_text.h"
#include "core/buf.h"
#include "core/text.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COMMENT_CHARS 2000

/* "attachment:12" -> 12; 0 for anything else. */
static long long attachment_target(const char *target)
{
	long long id;
	if (!target || strncmp(target, "attachment:", 11) || !parse_int64(target + 11, 1, 1LL << 53, &id))
		return 0;
	return id;
}

/* The kind and name of an attachment, also after the unit deleted or replaced
 * it: the audit line of the deletion keeps them. */
static bool attachment_names(db *d, arena *a, long long id, const char **kind, const char **filename, bool *gone)
{
	stmt st;
	bool found = false;
	*gone = false;
	if (db_prep(d, &st, "SELECT kind, filename FROM attachments WHERE id = ?1", "I", id) == 0) {
		if (stmt_step(&st) == 1) {
			*kind = col_dup(&st, a, 0);
			*filename = col_dup(&st, a, 1);
			found = true;
		}
		stmt_done(&st);
	}
	if (found)
		return true;
	*gone = true;
	char *old = db_text(d, a, "SELECT old_value FROM audit_log WHERE entity = 'attachment' AND entity_id = ?1"
				  " AND action = 'delete' ORDER BY id DESC LIMIT 1", "I", id);
	json_t *o = old ? json_loads(old, 0, NULL) : NULL;
	const char *k = json_string_value(json_object_get(o, "kind")), *f = json_string_value(json_object_get(o, "filename"));
	if (k && f) {
		*kind = arena_strdup(a, k);
		*filename = arena_strdup(a, f);
		found = true;
	}
	json_decref(o);
	return found;
}

static void comment_row(stmt *st, arena *a, void *row)
{
	review_comment *c = row;
	c->id = col_int(st, 0);
	c->submission_id = col_int(st, 1);
	c->target = col_dup(st, a, 2);
	c->comment = col_dup(st, a, 3);
	c->created_at = col_int(st, 4);
	c->author = col_dup(st, a, 5);
}

int review_comments(db *d, arena *a, long long submission_id, review_comment **out)
{
	stmt st;
	int n = rows_collect(&st, db_prep(d, &st, "SELECT c.id, c.submission_id, c.target, c.comment, c.created_at,"
						  " COALESCE(NULLIF(u.display_name, ''), u.username, '')"
						  " FROM review_comments c LEFT JOIN accounts u ON u.id = c.created_by"
						  " WHERE c.submission_id = ?1 ORDER BY c.id", "I", submission_id),
			     a, sizeof **out, comment_row, (void **)out);
	const week_form *form = n ? week_form_load(d, a, db_int(d, 0, "SELECT r.week_id FROM submissions s JOIN reports r"
								 " ON r.id = s.report_id WHERE s.id = ?1", "I", submission_id)) : NULL;
	for (int i = 0; i < n; i++) {
		review_comment *c = &(*out)[i];
		c->field = week_form_field(form, c->target);
		c->attachment_id = attachment_target(c->target);
		if (c->field) {
			c->label = arena_printf(a, "总结表「%s」", c->field->label);
		} else if (c->attachment_id) {
			const char *kind = NULL, *filename = NULL;
			bool gone;
			if (attachment_names(d, a, c->attachment_id, &kind, &filename, &gone)) {
				const att_kind_def *k = att_kind(kind);
				c->attachment_kind = kind;
				c->label = arena_printf(a, "附件「%s」（%s%s）", filename, k ? k->label : kind, gone ? "，已删除或替换" : "");
			} else {
				c->label = arena_strdup(a, "附件（已删除）");
			}
		} else {
			c->label = arena_strdup(a, "总体意见");
		}
	}
	return n;
}

int review_open_comments(db *d, arena *a, long long report_id, submission *s, review_comment **out)
{
	long long latest = submission_latest(d, report_id);
	*out = NULL;
	if (!latest || !submission_load(d, a, latest, s) || strcmp(s->status, "returned"))
		return 0;
	return review_comments(d, a, latest, out);
}

const char *review_refused(db *d, arena *a, const submission *s, bool accepting)
{
	long long latest = submission_latest(d, s->report_id);
	if (latest != s->id) {
		long long v = db_int(d, 0, "SELECT version FROM submissions WHERE id = ?1", "I", latest);
		return arena_printf(a, "第 %lld 版不是最新的一版（最新的是第 %lld 版），只能审核最新提交的版本。", s->version, v);
	}
	if (!strcmp(s->status, "accepted"))
		return accepting ? arena_printf(a, "第 %lld 版已经审核通过，无需再次操作。", s->version)
				 : arena_printf(a, "第 %lld 版已经审核通过，不能再退回。", s->version);
	if (!strcmp(s->status, "returned"))
		return accepting ? arena_printf(a, "第 %lld 版已退回给单位修改，不能审核通过；请等单位重新提交后审核新的版本。", s->version)
				 : arena_printf(a, "第 %lld 版已经退回，请等单位修改后重新提交。", s->version);
	return NULL;
}

/* Checks the notes; the good ones go to out (general ones as "general"). */
static int notes_check(db *d, arena *a, const submission *s, const review_note *notes, int n, review_note *out, errs *e)
{
	int k = 0;
	const week_form *form = week_form_load(d, a, s->week_id);
	for (int i = 0; i < n; i++) {
		char *c = str_trim(arena_strdup(a, notes[i].comment ? notes[i].comment : ""));
		const char *t = notes[i].target && *notes[i].target ? notes[i].target : "general";
		if (!*c)
			continue;
		if (utf8_chars(c) > MAX_COMMENT_CHARS) {
			err_add(e, "comment", arena_printf(a, "第 %d 条意见太长：最多 %d 个字。", i + 1, MAX_COMMENT_CHARS));
			continue;
		}
		long long att = attachment_target(t);
		bool ok = !strcmp(t, "general") || week_form_field(form, t) ||
			  (att && db_exists(d, "SELECT 1 FROM attachments WHERE id = ?1 AND report_id = ?2", "II", att, s->report_id));
		if (!ok) {
			err_add(e, "target", arena_printf(a, "第 %d 条意见针对的栏目或附件不在这一版材料中，请刷新页面后重新选择。", i + 1));
			continue;
		}
		out[k++] = (review_note){t, c};
	}
	if (!k && !e->n)
		err_add(e, "comment", "请至少写一条退回意见，说明需要修改的地方；单位会在总结表和材料清单旁看到这些意见。");
	return e->n ? -1 : k;
}

int review_return(db *d, arena *a, const actor *who, long long submission_id, const review_note *notes, int n, errs *e)
{
	submission s;
	if (!submission_load(d, a, submission_id, &s)) {
		err_add(e, NULL, "找不到这一版报送材料。");
		return -1;
	}
	review_note *ok = arena_alloc(a, sizeof *ok * (size_t)(n + 1));
	int k = notes_check(d, a, &s, notes, n, ok, e);
	if (k < 0 || txn_begin(d, e) < 0)
		return -1;
	const week_form *form = week_form_load(d, a, s.week_id);
	/* decided on the version as it is inside the transaction: of two
	 * reviewers pressing at once, the second finds it returned */
	int rc = 0;
	const char *why = submission_load(d, a, submission_id, &s) ? review_refused(d, a, &s, false) : "找不到这一版报送材料。";
	if (why) {
		err_add(e, NULL, why);
		rc = -1;
	}
	/* the note keeps every comment as text, for the pages and files that show one note */
	buf note = BUF_INIT;
	json_t *arr = json_array();
	for (int i = 0; i < k && rc == 0; i++) {
		const form_field_def *f = week_form_field(form, ok[i].target);
		if (attachment_target(ok[i].target)) {
			const char *kind = "", *filename = "";
			bool gone;
			attachment_names(d, a, attachment_target(ok[i].target), &kind, &filename, &gone);
			buf_printf(&note, "%s附件「%s」：%s", i ? "\n" : "", filename, ok[i].comment);
		} else {
			buf_printf(&note, "%s%s%s%s%s", i ? "\n" : "", f ? "「" : "", f ? f->label : "", f ? "」：" : "", ok[i].comment);
		}
		rc = db_exec(d, "INSERT INTO review_comments(submission_id, target, comment, created_by, created_at)"
				" VALUES (?1, ?2, ?3, NULLIF(?4, 0), ?5)", "IttII", submission_id, ok[i].target, ok[i].comment,
			     who->account_id, who->now);
		json_t *x = json_object();
		json_object_set_new(x, "target", json_text(ok[i].target));
		json_object_set_new(x, "comment", json_text(ok[i].comment));
		json_array_append_new(arr, x);
	}
	if (rc == 0)
		rc = db_exec(d, "UPDATE submissions SET status = 'returned', reviewed_by = NULLIF(?1, 0), reviewed_at = ?2,"
				" review_note = ?3 WHERE id = ?4", "IItI", who->account_id, who->now, buf_cstr(&note), submission_id);
	if (rc == 0)
		rc = db_exec(d, "UPDATE reports SET status = 'returned', updated_at = ?1 WHERE id = ?2", "II", who->now, s.report_id);
	if (rc == 0) {
		json_t *o = json_object();
		json_object_set_new(o, "status", json_text("returned"));
		json_object_set_new(o, "comments", json_incref(arr));
		char *js = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		rc = audit(d, who, s.unit_id, "return", "submission", submission_id,
			   arena_printf(a, "退回第 %lld 版（%d 条意见）", s.version, k), json_pair(a, "status", s.status, NULL, NULL), js);
		free(js);
		json_decref(o);
	}
	json_decref(arr);
	buf_free(&note);
	return txn_end(d, rc, e, "退回失败，请重试。");
}

int review_accept(db *d, arena *a, const actor *who, long long submission_id, errs *e)
{
	submission s;
	if (!submission_load(d, a, submission_id, &s)) {
		err_add(e, NULL, "找不到这一版报送材料。");
		return -1;
	}
	const char *why = review_refused(d, a, &s, true);
	if (why) {
		err_add(e, NULL, why);
		return -1;
	}
	/* submission_accept checks again inside its transaction, and audits */
	return submission_accept(d, a, who, submission_id, e);
}

long long review_previous(db *d, const submission *s)
{
	return db_int(d, 0, "SELECT id FROM submissions WHERE report_id = ?1 AND version < ?2 AND status = 'returned'"
			    " ORDER BY version DESC LIMIT 1", "II", s->report_id, s->version);
}

static bool same(const char *x, const char *y)
{
	return !strcmp(x ? x : "", y ? y : "");
}

int review_field_changes(arena *a, const field_value *before, const field_value *after, field_change **out)
{
	int rows = 0;
	while (after[rows].def)
		rows++;
	field_change *v = arena_alloc(a, sizeof *v * (size_t)(rows + 1));
	int n = 0;
	for (int i = 0; i < rows && before[i].def; i++)
		if (!same(before[i].shown, after[i].shown) || before[i].overridden != after[i].overridden ||
		    !same(before[i].reason, after[i].reason))
			v[n++] = (field_change){&before[i], &after[i]};
	*out = v;
	return n;
}

static bool same_file(const frozen_file *x, const frozen_file *y)
{
	return !strcmp(x->sha256, y->sha256) && !strcmp(x->kind, y->kind) && !strcmp(x->filename, y->filename);
}

/* Appends the files of from that have no partner left in other (each partner
 * taken once, so two copies of one file are two files). */
static int unmatched(const frozen_file *from, int nf, const frozen_file *other, int no, bool *taken, bool added, file_change *v, int n)
{
	for (int i = 0; i < nf; i++) {
		int j = 0;
		while (j < no && (taken[j] || !same_file(&from[i], &other[j])))
			j++;
		if (j < no)
			taken[j] = true;
		else
			v[n++] = (file_change){&from[i], added};
	}
	return n;
}

int review_file_changes(arena *a, const frozen_file *before, int nb, const frozen_file *after, int na, file_change **out)
{
	file_change *v = arena_alloc(a, sizeof *v * (size_t)(nb + na + 1));
	bool *taken = arena_alloc(a, sizeof *taken * (size_t)(nb + na + 1));
	int n = unmatched(before, nb, after, na, taken, false, v, 0);
	memset(taken, 0, sizeof *taken * (size_t)(nb + na + 1));
	n = unmatched(after, na, before, nb, taken, true, v, n);
	*out = v;
	return n;
}
