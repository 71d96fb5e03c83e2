/* demo.h: the 2022 Nanchang week as the notice gives it, with demo accounts. */
#ifndef LW_DEMO_H
#define LW_DEMO_H
#include <stdio.h>
#include "domain.h"
/* Seeds a freshly initialised database; writes the accounts to out. 0 on success. */
int demo_seed(db *d, arena *a, FILE *out, const char *accounts_file);
#endif
