/* demo.h: the 2022 Nanchang week as the notice gives it (as history), this
 * year's week around today, and demo accounts. */
#ifndef LW_DEMO_H
#define LW_DEMO_H
#include <stdio.h>
#include "domain.h"
/* Seeds a freshly initialised data folder with the 2022 week as history and
 * this year's week starting on start_days (days since 1970-01-01, a local
 * date; the CLI's default is two days before today); writes the accounts to
 * out (and to DIR/demo-accounts.txt). public_url ("http://127.0.0.1:8080",
 * the server's public address) is in the verify QR of every 定稿. 0 on
 * success. */
int demo_seed(db *d, arena *a, FILE *out, const char *data_dir, long long start_days, const char *public_url);
/* The same one level down, in a province: 江西省 at the top; 南昌市 under it
 * with the 13 units above (their weeks, activities and reports as in
 * demo_seed); 九江市 and 赣州市 with four counties each. Accounts:
 * centre_admin (江西省), nanchang_admin, jiujiang_admin, ganzhou_admin (each
 * city's organiser) and <code>_admin for every county. */
int demo_seed_province(db *d, arena *a, FILE *out, const char *data_dir, long long start_days, const char *public_url);
#endif
