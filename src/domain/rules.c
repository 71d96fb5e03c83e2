/* rules.c: the one table of who may do what (rules.h). */
#include "domain/rules.h"
#include <stddef.h>
#include <string.h>

static const struct {
	role r;
	const char *name, *label;
} role_table[] = {
	{ROLE_CENTRE_ADMIN, "centre_admin", "中心管理员"},
	{ROLE_CENTRE_VIEWER, "centre_viewer", "中心查看员"},
	{ROLE_UNIT_ADMIN, "unit_admin", "单位管理员"},
	{ROLE_UNIT_EDITOR, "unit_editor", "单位填报员"},
};

const char *role_name(role r)
{
	for (size_t i = 0; i < sizeof role_table / sizeof *role_table; i++)
		if (role_table[i].r == r)
			return role_table[i].name;
	return "";
}

const char *role_label(role r)
{
	for (size_t i = 0; i < sizeof role_table / sizeof *role_table; i++)
		if (role_table[i].r == r)
			return role_table[i].label;
	return "";
}

role role_parse(const char *s)
{
	for (size_t i = 0; s && i < sizeof role_table / sizeof *role_table; i++)
		if (!strcmp(role_table[i].name, s))
			return role_table[i].r;
	return ROLE_NONE;
}

/* A missing line is a refusal. */
static const struct rule {
	rule_action a;
	role who;
	relation rel;
} rules[] = {
	{ACT_RECORD, ROLE_CENTRE_ADMIN, REL_ANY},
	{ACT_RECORD, ROLE_UNIT_ADMIN, REL_ANY},
	{ACT_RECORD, ROLE_UNIT_EDITOR, REL_ANY},
	{ACT_EDIT_REPORT, ROLE_CENTRE_ADMIN, REL_ANY},
	{ACT_EDIT_REPORT, ROLE_UNIT_ADMIN, REL_ANY},
	{ACT_SEE_FULL_PHONE, ROLE_UNIT_ADMIN, REL_OWN_UNIT},
	{ACT_RUN_CITY, ROLE_CENTRE_ADMIN, REL_ANY},
	{ACT_DECIDE_REVIEW, ROLE_CENTRE_ADMIN, REL_ANY},
	{ACT_MANAGE_ACCOUNTS, ROLE_CENTRE_ADMIN, REL_ANY},
	{ACT_MANAGE_ACCOUNTS, ROLE_UNIT_ADMIN, REL_ANY},
	{ACT_UNIT_SETTINGS, ROLE_UNIT_ADMIN, REL_OWN_UNIT},
	{ACT_SEE_REPORT_CARD, ROLE_CENTRE_VIEWER, REL_OWN_UNIT},
	{ACT_SEE_REPORT_CARD, ROLE_UNIT_ADMIN, REL_OWN_UNIT},
	{ACT_SEE_REPORT_CARD, ROLE_UNIT_EDITOR, REL_OWN_UNIT},
};

bool rule_allows(rule_action a, role who, long long actor_unit, long long object_unit)
{
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
		if (rules[i].a == a && rules[i].who == who)
			return rules[i].rel == REL_ANY || (object_unit && object_unit == actor_unit);
	return false;
}
