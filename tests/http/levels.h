/* levels.h: what the tests over the province demo (demo --province) share. */
#ifndef LW_TEST_LEVELS_H
#define LW_TEST_LEVELS_H
#include "test_sql.h"

/* A node of the demo's tree by its name. */
static inline long long unit_id(const char *name)
{
	long long id = sql_int(lw_printf("SELECT id FROM units WHERE name = '%s'", name));
	cr_assert_gt(id, 0, "no unit %s in the province demo", name);
	return id;
}
#endif
