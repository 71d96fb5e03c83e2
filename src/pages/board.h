/* board.h: the centre's status board and the reminders for units that have not submitted. */
#ifndef LW_PAGES_BOARD_H
#define LW_PAGES_BOARD_H
#include "pages/pages.h"

void page_board(req *r, resp *w);
void page_board_reminders(req *r, resp *w);
#endif
