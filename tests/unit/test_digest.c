/* test_digest.c: the digest of a form's values (issue 13), which the final
 * PDF prints and /verify/CODE shows: the same values give the same digest,
 * any change of any field (figure, shown text, override, reason) another;
 * and a 定稿 is void exactly when the live form's digest moves. */
#include "testlib.h"
#include "domain/report.h"
#include "domain/submission.h"
#include <string.h>

TestSuite(digest, .init = t_setup, .fini = t_teardown);

/* A form of plain values: field i says "值i", derived "统计i". */
static field_value *form(void)
{
	field_value *fv = form_values_alloc(&A, week_form_start(D, &A, 0));
	for (int i = 0; fv[i].def; i++) {
		fv[i].shown = arena_printf(&A, "值%d", i);
		fv[i].derived = fv[i].def->kind == FK_DERIVED ? arena_printf(&A, "统计%d", i) : NULL;
		fv[i].source = S("来自活动记录");
	}
	return fv;
}

Test(digest, same_values_same_digest)
{
	field_value *a = form(), *b = form();
	char *da = form_digest(&A, a);
	cr_assert_eq(strlen(da), 64);
	cr_assert_str_eq(da, form_digest(&A, b));
	/* what is not a value does not count: where a figure comes from */
	b[0].source = S("来自别处");
	cr_assert_str_eq(da, form_digest(&A, b));
}

Test(digest, any_change_of_any_field_changes_it)
{
	field_value *base = form();
	char *d0 = form_digest(&A, base);
	for (int i = 0; base[i].def; i++) {
		for (int what = 0; what < 4; what++) {
			field_value *v = form();
			if (what == 0)
				v[i].shown = arena_printf(&A, "值%d ", i);
			else if (what == 1)
				v[i].derived = arena_printf(&A, "统计%d+1", i);
			else if (what == 2)
				v[i].overridden = true;
			else
				v[i].reason = S("补录了线下活动");
			cr_assert_str_neq(form_digest(&A, v), d0, "field %s, change %d: the digest stayed", base[i].def->key, what);
		}
	}
	/* no text can pass for two: moving a character from one field to the next */
	field_value *x = form(), *y = form();
	x[0].shown = S("ab");
	x[1].shown = S("c");
	y[0].shown = S("a");
	y[1].shown = S("bc");
	cr_assert_str_neq(form_digest(&A, x), form_digest(&A, y));
}

/* The live form, a 定稿 of it and the 定稿 read back agree; a change of the
 * records voids the 定稿. */
Test(digest, a_final_is_void_exactly_when_the_form_changes)
{
	long long week_id, unit_a, unit_b;
	t_week_and_two_units(&week_id, &unit_a, &unit_b);
	report rep;
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	errs e = {0};
	long long fin_id = report_finalise(D, &A, &t_who, &rep, "https://learn.example.cn", &e);
	cr_assert_gt(fin_id, 0, "%s", errs_summary(&e, &A));
	submission fin;
	cr_assert(final_load(D, &A, fin_id, &fin));
	cr_assert_eq(fin.version, 1);
	cr_assert_str_eq(fin.status, "final");
	field_value *live = report_fields(D, &A, &rep), *frozen = submission_fields(&A, &fin, rep.form, NULL);
	cr_assert_str_eq(fin.digest, form_digest(&A, live));
	cr_assert_str_eq(fin.digest, form_digest(&A, frozen), "the frozen values give the stored digest again");
	cr_assert(strstr(submission_verify_url(&A, &fin), "https://learn.example.cn/verify/"), "the configured address");
	submission again;
	cr_assert_eq(report_final(D, &A, &rep, live, &again), FINAL_VALID);
	errs e2 = {0};
	cr_assert_eq(report_finalise(D, &A, &t_who, &rep, "https://learn.example.cn", &e2), 0, "nothing to finalise again");
	cr_assert(strstr(errs_summary(&e2, &A), "无需重新定稿"));

	const char **values = arena_alloc(&A, sizeof *values * (size_t)(rep.form->n + 1));
	values[week_form_index(rep.form, "effect")] = "定稿后补写的成效。";
	errs e3 = {0};
	cr_assert_eq(report_save_fields(D, &A, &t_who, &rep, values, NULL, NULL, &e3), 0, "%s", errs_summary(&e3, &A));
	cr_assert(report_get(D, &A, week_id, unit_a, &rep));
	live = report_fields(D, &A, &rep);
	cr_assert_eq(report_final(D, &A, &rep, live, &again), FINAL_VOID);
	field_diff *d;
	int n = form_diff(&A, frozen, live, &d);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(d[0].def->key, "effect");
	cr_assert_str_eq(d[0].now, "定稿后补写的成效。");
	long long v2 = report_finalise(D, &A, &t_who, &rep, "https://learn.example.cn", &e);
	cr_assert(v2 && final_load(D, &A, v2, &fin) && fin.version == 2, "a new 定稿 is version 2");
}
