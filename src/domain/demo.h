/* demo.h: the 2022 Nanchang week as the notice gives it, with demo accounts. */
#ifndef LW_DEMO_H
#define LW_DEMO_H
#include <stdio.h>
#include "domain.h"
/* Seeds a freshly initialised data folder; writes the accounts to out (and to
 * DIR/demo-accounts.txt). 0 on success. */
int demo_seed(db *d, arena *a, FILE *out, const char *data_dir);
#endif
