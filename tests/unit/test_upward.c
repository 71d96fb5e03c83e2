/* test_upward.c: a property over random trees (issue 17). Trees up to four
 * levels (省 → 市 → 区 → 街道) and up to 2,000 nodes; every organiser below
 * the top runs its own week copied from its parent's; leaves submit forms
 * with random overridden figures, some are returned and resubmit, some
 * returned versions stay; organisers, deepest first, override a compiled
 * figure with a reason at random, finalise, attach and submit upward, some
 * are returned and submit again; then records arrive late (activities after
 * submission). At every organiser: the compiled form counts exactly the
 * children with a submitted version, and each summed field's figure equals
 * the sum of the figures of what those children submitted; a middle
 * organiser's submitted version is still the form it compiles. */
#include "testlib.h"
#include "domain/upward.h"
#include "domain/review.h"
#include "domain/activity.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 600 s: on PostgreSQL each of the province's many small statements is a
 * round trip to the server, over 120 s there on a shared machine (a timeout
 * of its own on the test makes Criterion leak beside the suite's) */
TestSuite(upward, .init = t_setup, .fini = t_teardown, .timeout = 600);

#define MAXN 2000

typedef struct tnode {
	long long id, parent;   /* parent: index, -1 for the top */
	int depth, nchildren;
	long long week;         /* its own week (organisers), else 0 */
} tnode;

static tnode nodes[MAXN];
static int nn;
static int sums_checked, upward_checked;   /* non-zero sums compared, middle submissions compared */
static unsigned seed, first_seed;   /* first_seed: the one that reproduces the tree */

static int rnd(int n)
{
	return (int)(rand_r(&seed) % (unsigned)n);
}

static const char *const kinds[] = {"省", "市", "区", "街道"};

static int add_node(int parent, int depth)
{
	unit u = {0};
	u.parent_id = nodes[parent].id;
	u.name = arena_printf(&A, "节点%d%s", nn, depth == 1 ? "市" : depth == 2 ? "区" : "街道");
	u.kind = S(kinds[depth]);
	u.code = arena_printf(&A, "n%d", nn);
	u.sort_order = nn;
	errs e = {0};
	long long id = unit_save(D, &A, &t_who, &u, &e);
	cr_assert_gt(id, 0, "unit_save: %s", errs_summary(&e, &A));
	nodes[nn] = (tnode){id, parent, depth, 0, 0};
	nodes[parent].nchildren++;
	return nn++;
}

/* A random tree of max nodes: each new node goes under a node picked at
 * random among those above the street level, so leaves sit at every depth
 * below the top and the fan-out varies. */
static void random_tree(int max)
{
	const char *why;
	cr_assert_eq(unit_top_set(D, &A, "江西省", "省", &why), 0, "%s", why ? why : "");
	nn = 0;
	nodes[nn++] = (tnode){unit_root(D), -1, 0, 0, 0};
	int *open = arena_alloc(&A, sizeof *open * (size_t)max), nopen = 0;
	open[nopen++] = 0;
	while (nn < max) {
		int p = open[rnd(nopen)];
		int i = add_node(p, nodes[p].depth + 1);
		if (nodes[i].depth < 3)
			open[nopen++] = i;
	}
}

static const field_value *frozen_of(long long wk_id, long long unit_id, long long *sub_id)
{
	report rep;
	cr_assert(report_get(D, &A, wk_id, unit_id, &rep));
	*sub_id = submission_latest(D, rep.id);
	if (!*sub_id)
		return NULL;
	submission s;
	cr_assert(submission_load(D, &A, *sub_id, &s));
	return submission_fields(&A, &s, rep.form, NULL);
}

/* The files a submission requires, then 定稿 (done by the caller) and its scan. */
static void attach(const report *rep, form_values_fn values)
{
	new_file f = {.sha256 = "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef", .filename = S("x.pdf"),
		      .mime = "application/pdf", .size = 10};
	static const char *const ks[] = {"summary", "case", "scan"};
	for (int i = 0; i < 3; i++) {
		if (i < 2 && db_int(D, 0, "SELECT count(*) FROM attachments WHERE report_id = ?1 AND kind = ?2", "It", rep->id, ks[i]))
			continue;
		errs e = {0};
		cr_assert_eq(attachment_add_values(D, &A, &t_who, rep, att_kind(ks[i]), &f, 1, true, values, NULL, &e), 0, "%s %s", ks[i],
			     errs_summary(&e, &A));
	}
}

/* A leaf's own figures: participants, and at random the activities (as
 * derive.c words them), each with its reason. */
static void override(report *rep, long long v)
{
	const char **values = arena_alloc(&A, sizeof *values * (size_t)(rep->form->n + 1));
	const char **reasons = arena_alloc(&A, sizeof *reasons * (size_t)(rep->form->n + 1));
	bool *reset = arena_alloc(&A, sizeof *reset * (size_t)(rep->form->n + 1));
	int k = week_form_index(rep->form, "participants");
	cr_assert_geq(k, 0, "no participants row");
	values[k] = arena_printf(&A, "%lld 人次（含线上 %lld 人次）", v, v / 3);
	reasons[k] = S("线上观看另计");
	k = week_form_index(rep->form, "activity_count");
	if (k >= 0 && rnd(2)) {
		int on = rnd(20), off = rnd(30), both = rnd(5);
		values[k] = arena_printf(&A, "%d 场：线上 %d，线下 %d，线上线下相结合 %d", on + off + both, on, off, both);
		reasons[k] = S("纸质台账补录");
	}
	const field_value *current = NULL;
	errs e = {0};
	cr_assert_eq(report_save_fields_over(D, &A, &t_who, rep, current, values, reasons, reset, &e), 0, "%s", errs_summary(&e, &A));
}

/* A leaf's report: a random figure, 定稿, files, 报送. */
static void leaf_submits(long long wk_id, long long unit_id)
{
	report rep;
	cr_assert(report_get(D, &A, wk_id, unit_id, &rep));
	override(&rep, rnd(5000));
	errs e = {0};
	cr_assert_gt(report_finalise(D, &A, &t_who, &rep, NULL, &e), 0, "%s", errs_summary(&e, &A));
	attach(&rep, NULL);
	cr_assert_gt(submission_submit(D, &A, &t_who, &rep, &e), 0, "%s", errs_summary(&e, &A));
}

/* An organiser's compiled form: at random its own figure (with a reason), 定稿, files, 报送 upward. */
static void organiser_submits(long long own_week)
{
	report rep;
	cr_assert(cityform_report(D, &A, own_week, &rep));
	if (!rnd(3)) {
		const form_field_def *def = week_form_field(rep.form, "participants");
		errs e = {0};
		cr_assert_eq(cityform_override(D, &A, &t_who, &rep, def, arena_printf(&A, "%d 人次（含线上 1 人次）", rnd(90000)), "另有统计", false, &e),
			     0, "%s", errs_summary(&e, &A));
	}
	errs e = {0};
	cr_assert_gt(cityform_finalise(D, &A, &t_who, own_week, NULL, &e), 0, "%s", errs_summary(&e, &A));
	attach(&rep, upward_values);
	cr_assert_gt(upward_submit(D, &A, &t_who, own_week, &e), 0, "%s", errs_summary(&e, &A));
}

static void maybe_return(long long wk_id, long long unit_id)
{
	report rep;
	cr_assert(report_get(D, &A, wk_id, unit_id, &rep));
	review_note note = {NULL, "请核对"};
	errs e = {0};
	cr_assert_eq(review_return(D, &A, &t_who, submission_latest(D, rep.id), &note, 1, &e), 0, "%s", errs_summary(&e, &A));
}

/* The week a node reports in: its parent's own week, else the parent's. */
static long long week_of(int i)
{
	for (int p = nodes[i].parent; p >= 0; p = nodes[p].parent)
		if (nodes[p].week)
			return nodes[p].week;
	return 0;
}

static void check_organiser(int o)
{
	city_form cf;
	cr_assert(cityform_build(D, &A, nodes[o].week, false, &cf), "seed %u: build", first_seed);
	int counted = 0;
	const field_value **got = arena_alloc(&A, sizeof *got * (size_t)(nodes[o].nchildren + 1));
	int ng = 0;
	for (int i = 1; i < nn; i++) {
		if (nodes[i].parent != o)
			continue;
		long long sid;
		const field_value *fv = frozen_of(nodes[o].week, nodes[i].id, &sid);
		if (fv) {
			got[ng++] = fv;
			counted++;
		}
	}
	cr_assert_eq(cf.ncounted, counted, "seed %u, node %d: %d counted, %d children submitted", first_seed, o, cf.ncounted, counted);
	for (int k = 0; cf.fv[k].def; k++) {
		const form_field_def *def = cf.fv[k].def;
		if (def->kind != FK_DERIVED || !def->summed)
			continue;
		long long sum = 0, v;
		bool all = true;
		for (int j = 0; j < ng; j++) {
			const field_value *f = form_value(got[j], def->key);
			if (f && cityform_head(def, f->shown, &v))
				sum += v;
			else if (f && *f->shown)
				all = false;
		}
		long long total;
		if (!cityform_head(def, cf.fv[k].shown, &total)) {
			cr_assert(!counted || !all || !sum, "seed %u, node %d, %s: no figure in \"%s\", the children's sum to %lld", first_seed, o, def->key,
				  cf.fv[k].shown, sum);
			continue;
		}
		if (cf.fv[k].overridden)
			continue; /* the organiser's own figure, with its reason */
		sums_checked += sum != 0;
		cr_assert_eq(total, sum, "seed %u, node %d, %s: compiled %lld, its %d children submitted %lld (\"%s\")", first_seed, o, def->key, total,
			     counted, sum, cf.fv[k].shown);
	}
	/* a middle organiser that submitted: that version is what it compiles now */
	if (o) {
		long long sid;
		const field_value *fv = frozen_of(week_of(o), nodes[o].id, &sid);
		if (fv) {
			submission s;
			cr_assert(submission_load(D, &A, sid, &s));
			cr_assert_str_eq(s.digest, form_digest(&A, cf.fv), "seed %u, node %d: its submission is no longer its compiled form", first_seed, o);
			upward_checked++;
		}
	}
}

static void one_tree(unsigned s, int max)
{
	seed = first_seed = s;
	random_tree(max);
	/* weeks top-down: the top's, then each organiser's copy of its parent's */
	cr_assert_eq(db_exec(D, "INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at, updated_at)"
				" VALUES (?1, 2022, '2022年江西省活动周', '主题', '2022-12-01', '2022-12-07', 1670601599, 0, 0)", "I", nodes[0].id), 0);
	nodes[0].week = db_last_id(D);
	for (int i = 1; i < nn; i++)
		if (nodes[i].nchildren) {
			errs e = {0};
			nodes[i].week = week_adopt(D, &A, &t_who, nodes[i].id, 2022, &e);
			cr_assert_gt(nodes[i].week, 0, "week_adopt: %s", errs_summary(&e, &A));
		}
	/* leaves: submit, some returned, some of those again */
	for (int i = 1; i < nn; i++) {
		if (nodes[i].nchildren || rnd(2))
			continue;
		long long w = week_of(i);
		leaf_submits(w, nodes[i].id);
		if (!rnd(4)) {
			maybe_return(w, nodes[i].id);
			if (rnd(2))
				leaf_submits(w, nodes[i].id);
		}
	}
	/* organisers, deepest first */
	for (int depth = 2; depth >= 1; depth--)
		for (int i = 1; i < nn; i++) {
			if (nodes[i].depth != depth || !nodes[i].nchildren || rnd(6) == 0)
				continue;
			organiser_submits(nodes[i].week);
			if (!rnd(4)) {
				maybe_return(week_of(i), nodes[i].id);
				organiser_submits(nodes[i].week);
			}
		}
	/* late records: activities after the submissions change no compiled form */
	for (int i = 1, late = 0; i < nn && late < 5; i++) {
		if (nodes[i].nchildren || rnd(3))
			continue;
		activity x = {.week_id = week_of(i), .unit_id = nodes[i].id, .title = S("补录的活动"), .host = S("文化馆"), .co_hosts = S(""),
			      .mode = S("offline"), .venue = S("礼堂"), .street = S("公园街道"), .online_url = S(""), .description = S(""),
			      .capacity = -1, .reported = 40};
		cr_assert(local_datetime_parse("2022-12-03 09:00", &x.starts_at));
		x.ends_at = x.starts_at + 7200;
		errs e = {0};
		long long id = activity_save(D, &A, &t_who, &x, &e);
		cr_assert_gt(id, 0, "%s", errs_summary(&e, &A));
		cr_assert_eq(activity_set_status(D, &A, &t_who, id, "published"), 0);
		late++;
	}
	sums_checked = upward_checked = 0;
	int organisers = 0, deep = 0;
	for (int i = 0; i < nn; i++)
		if (nodes[i].nchildren) {
			check_organiser(i);
			organisers++;
			deep += nodes[i].depth == 2;
		}
	/* the property was tried, not passed by default */
	cr_assert(sums_checked > 0 && upward_checked > 0, "seed %u: %d sums, %d upward submissions compared", first_seed, sums_checked, upward_checked);
	cr_log_info("seed %u: %d nodes, %d organisers (%d at the county level), %d sums and %d upward submissions compared", first_seed, nn,
		    organisers, deep, sums_checked, upward_checked);
}

Test(upward, small_trees)
{
	one_tree(17, 25);
}

Test(upward, a_province_of_two_thousand_nodes)
{
	one_tree(20261203, MAXN);
}
