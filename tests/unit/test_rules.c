/* test_rules.c: the one table of who may do what (src/domain/rules.c), as the
 * pages ask it: the answers a user of each role sees today. */
#include <criterion/criterion.h>
#include "domain/rules.h"

#define OWN 7
#define OTHER 8

Test(rules, only_a_centre_viewer_records_nothing)
{
	cr_assert(rule_allows(ACT_RECORD, ROLE_CENTRE_ADMIN, 1, OTHER));
	cr_assert(rule_allows(ACT_RECORD, ROLE_UNIT_ADMIN, OWN, OWN));
	cr_assert(rule_allows(ACT_RECORD, ROLE_UNIT_EDITOR, OWN, 0));
	cr_assert(!rule_allows(ACT_RECORD, ROLE_CENTRE_VIEWER, 1, OWN));
	cr_assert(!rule_allows(ACT_RECORD, ROLE_NONE, 0, 0));
}

Test(rules, the_report_is_edited_by_admins_only)
{
	cr_assert(rule_allows(ACT_EDIT_REPORT, ROLE_CENTRE_ADMIN, 1, OWN));
	cr_assert(rule_allows(ACT_EDIT_REPORT, ROLE_UNIT_ADMIN, OWN, OWN));
	cr_assert(!rule_allows(ACT_EDIT_REPORT, ROLE_UNIT_EDITOR, OWN, OWN));
	cr_assert(!rule_allows(ACT_EDIT_REPORT, ROLE_CENTRE_VIEWER, 1, OWN));
}

Test(rules, full_phones_for_the_own_units_admin_only)
{
	cr_assert(rule_allows(ACT_SEE_FULL_PHONE, ROLE_UNIT_ADMIN, OWN, OWN));
	cr_assert(!rule_allows(ACT_SEE_FULL_PHONE, ROLE_UNIT_ADMIN, OWN, OTHER));
	cr_assert(!rule_allows(ACT_SEE_FULL_PHONE, ROLE_UNIT_ADMIN, OWN, 0), "no object: no own unit");
	cr_assert(!rule_allows(ACT_SEE_FULL_PHONE, ROLE_UNIT_EDITOR, OWN, OWN));
	cr_assert(!rule_allows(ACT_SEE_FULL_PHONE, ROLE_CENTRE_ADMIN, 1, OWN));
}

Test(rules, the_city_is_run_by_the_centre_admin)
{
	cr_assert(rule_allows(ACT_RUN_CITY, ROLE_CENTRE_ADMIN, 1, 0));
	cr_assert(rule_allows(ACT_DECIDE_REVIEW, ROLE_CENTRE_ADMIN, 1, OWN));
	for (role r = ROLE_CENTRE_VIEWER; r <= ROLE_UNIT_EDITOR; r++) {
		cr_assert(!rule_allows(ACT_RUN_CITY, r, OWN, 0));
		cr_assert(!rule_allows(ACT_DECIDE_REVIEW, r, OWN, OWN));
	}
}

Test(rules, role_names_round_trip)
{
	for (role r = ROLE_CENTRE_ADMIN; r <= ROLE_UNIT_EDITOR; r++)
		cr_assert_eq(role_parse(role_name(r)), r);
	cr_assert_eq(role_parse("root"), ROLE_NONE);
	cr_assert_str_eq(role_label(ROLE_UNIT_EDITOR), "单位填报员");
}
