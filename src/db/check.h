/* check.h: `learnweek check`: the database and the file store agree. */
#ifndef LW_CHECK_H
#define LW_CHECK_H
#include <stdbool.h>
#include <stdio.h>
/* Prints findings to out; returns 0 when all is well, 1 when something is wrong. */
int datadir_check(const char *dir, bool deep, FILE *out);
#endif
