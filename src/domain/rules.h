/* rules.h: who may do what, as one table: an action, a role, and the relation
 * the object's unit must have to the actor's unit. Routes decide who reaches a
 * page (the access levels of the route table, and the router's reach check:
 * a route's target must be in the actor's subtree); within a page, what an
 * account may see or change is asked here (may() in pages/kit.h), never by
 * comparing roles in the page.
 *
 * Units are a tree of any depth. The "centre" roles are organiser roles: an
 * account of them belongs to a node with nodes below it and acts on that
 * node's subtree, never on a sibling's or an ancestor's. */
#ifndef LW_DOMAIN_RULES_H
#define LW_DOMAIN_RULES_H
#include "db/db.h"
#include <stdbool.h>

typedef enum role {
	ROLE_NONE = 0,
	ROLE_CENTRE_ADMIN,
	ROLE_CENTRE_VIEWER,
	ROLE_UNIT_ADMIN,
	ROLE_UNIT_EDITOR,
} role;

const char *role_name(role r);          /* "centre_admin" */
const char *role_label(role r);         /* 中心管理员 */
role role_parse(const char *s);

typedef enum action {
	ACT_RECORD,           /* record a unit's activities, resources, showcase, check-ins */
	ACT_EDIT_REPORT,      /* the summary form, plan, attachments, publicity; submit */
	ACT_SEE_FULL_PHONE,   /* a booking or sign-up phone number unmasked */
	ACT_RUN_CITY,         /* weeks, units, every account, the city form, the showcase selection */
	ACT_DECIDE_REVIEW,    /* return or accept a submitted version */
	ACT_MANAGE_ACCOUNTS,  /* manage accounts and API tokens within one's reach */
	ACT_UNIT_SETTINGS,    /* one's own unit's accounts and consultation phone */
	ACT_SEE_REPORT_CARD,  /* the dashboard's card of one's own unit's report */
	ACT_RUN_OWN_FORM,     /* an organiser's compiled form (the object: its organiser): edit, override,
			       * 定稿, its files, 报送; another node's is read only (cityform_own) */
	ACT_IMPORT_PACKAGE,   /* import a child's signed package (its install's compiled form) and trust its key */
} rule_action;

typedef enum relation {
	REL_SUBTREE,          /* an object of the actor's node or any node below it (a unit role's
			       * reach is its own unit: the router admits it to no other) */
	REL_BELOW,            /* an object of a node below the actor's, not its own (the top's own is its own to decide) */
	REL_OWN_UNIT,         /* only an object of the actor's own unit */
	REL_CHILD,            /* only an object of a node directly below the actor's */
} relation;

/* May an account of role who, of unit actor_unit, do a to an object of
 * object_unit (0: no particular object, which REL_OWN_UNIT never matches and
 * the subtree relations do: the router has checked the reach of the route's
 * target)? The tree is read from d. */
bool rule_allows_in(db *d, rule_action a, role who, long long actor_unit, long long object_unit);
/* The same without a tree at hand: the subtree relations are taken as
 * established (the router's reach check), only REL_OWN_UNIT compares ids.
 * For the table's own tests; pages ask rule_allows_in through may(). */
bool rule_allows(rule_action a, role who, long long actor_unit, long long object_unit);
/* The relation an action asks of role who (false: the role may not at all). */
bool rule_relation(rule_action a, role who, relation *rel);
#endif
