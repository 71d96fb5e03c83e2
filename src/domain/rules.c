/* rules.c: the one table of who may do what (rules.h). */
#include "domain/rules.h"
#include "domain/org.h"
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
	{ACT_RECORD, ROLE_CENTRE_ADMIN, REL_SUBTREE},
	{ACT_RECORD, ROLE_UNIT_ADMIN, REL_SUBTREE},
	{ACT_RECORD, ROLE_UNIT_EDITOR, REL_SUBTREE},
	{ACT_EDIT_REPORT, ROLE_CENTRE_ADMIN, REL_SUBTREE},
	{ACT_EDIT_REPORT, ROLE_UNIT_ADMIN, REL_SUBTREE},
	{ACT_SEE_FULL_PHONE, ROLE_UNIT_ADMIN, REL_OWN_UNIT},
	{ACT_RUN_CITY, ROLE_CENTRE_ADMIN, REL_SUBTREE},
	{ACT_DECIDE_REVIEW, ROLE_CENTRE_ADMIN, REL_BELOW},
	{ACT_MANAGE_ACCOUNTS, ROLE_CENTRE_ADMIN, REL_SUBTREE},
	{ACT_MANAGE_ACCOUNTS, ROLE_UNIT_ADMIN, REL_SUBTREE},
	{ACT_UNIT_SETTINGS, ROLE_UNIT_ADMIN, REL_OWN_UNIT},
	{ACT_SEE_REPORT_CARD, ROLE_CENTRE_VIEWER, REL_OWN_UNIT},
	{ACT_SEE_REPORT_CARD, ROLE_UNIT_ADMIN, REL_OWN_UNIT},
	{ACT_SEE_REPORT_CARD, ROLE_UNIT_EDITOR, REL_OWN_UNIT},
	{ACT_RUN_OWN_FORM, ROLE_CENTRE_ADMIN, REL_OWN_UNIT},
	{ACT_IMPORT_PACKAGE, ROLE_CENTRE_ADMIN, REL_CHILD},
};

bool rule_relation(rule_action a, role who, relation *rel)
{
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
		if (rules[i].a == a && rules[i].who == who) {
			*rel = rules[i].rel;
			return true;
		}
	return false;
}

static bool allows(db *d, rule_action a, role who, long long actor_unit, long long object_unit)
{
	relation rel;
	if (!rule_relation(a, who, &rel))
		return false;
	switch (rel) {
	case REL_OWN_UNIT:
		return object_unit && object_unit == actor_unit;
	case REL_CHILD:
		if (!d)
			return object_unit != actor_unit;
		return object_unit && db_int(d, 0, "SELECT parent_id FROM units WHERE id = ?1", "I", object_unit) == actor_unit;
	case REL_SUBTREE:
		return !object_unit || !d || unit_within(d, object_unit, actor_unit);
	case REL_BELOW:
		if (!d || !object_unit)
			return true;
		/* the top decides on its own records, nobody being above it */
		if (object_unit == actor_unit)
			return unit_is_root(d, actor_unit);
		return unit_within(d, object_unit, actor_unit);
	}
	return false;
}

bool rule_allows_in(db *d, rule_action a, role who, long long actor_unit, long long object_unit)
{
	return allows(d, a, who, actor_unit, object_unit);
}

bool rule_allows(rule_action a, role who, long long actor_unit, long long object_unit)
{
	return allows(NULL, a, who, actor_unit, object_unit);
}
