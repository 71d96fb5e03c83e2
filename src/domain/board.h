/* board.h: the centre's status board: one row per reporting unit for a week
 * (status, what is missing, activities, participants, ratings, last change),
 * read with a few grouped queries whatever the number of activities, and the
 * reminder text for a unit that has not submitted. */
#ifndef LW_BOARD_H
#define LW_BOARD_H
#include "domain.h"
#include "org.h"
#include "submission.h"

typedef enum board_state {
	BS_NOT_STARTED,  /* nothing recorded for the week */
	BS_DRAFT,        /* 填报中 */
	BS_SUBMITTED,
	BS_RETURNED,
	BS_ACCEPTED,
} board_state;
#define N_BOARD_STATES 5

typedef struct board_row {
	long long unit_id;
	const char *unit_name;
	board_state state;
	/* past the deadline without a submission, or the latest version was late */
	bool overdue;
	long long activities;       /* published */
	long long participants;     /* counted as the summary form counts them */
	long long ratings;
	long long last_change;      /* 0: nothing yet */
	long long submission_id;    /* the latest version, 0 if none */
	long long version, submitted_at;
	const check_item *missing;  /* the checklist's items not done (draft and returned only) */
	int nmissing;
	int blocking;               /* of which required for submitting */
	/* submitted or accepted: the fields whose values now differ from the
	 * latest submitted version's (提交后记录有变动), frozen → now */
	const field_diff *changes;
	int nchanged;
	/* a child that runs its own week and has not submitted its compiled
	 * form (未报送): what that form compiles now (report_values, upward_heads; -1 no
	 * figure), shown apart and in no total */
	bool compiled_live;
	long long live_activities, live_participants;
} board_row;

/* The reporting units below the week's organiser (not retired), in display
 * order; returns the count. Reads only: a unit without a report row stays
 * without. (The page sums the rows it shows.) */
int board_load(db *d, arena *a, const week *wk, long long now, board_row **out);

const char *board_state_key(board_state s);     /* "not_started" ... as in URLs */
const char *board_state_label(board_state s);   /* 未开始 填报中 已提交 已退回 已通过 */
bool board_state_parse(const char *key, board_state *out);
/* Has still to submit: 未开始, 填报中 or 已退回. */
bool board_pending(const board_row *row);

/* "2 天 3 小时 15 分钟" until the deadline, or "已超过截止时间 1 天 2 小时". */
char *time_left_text(arena *a, long long deadline, long long now);
/* A reminder ready to send to one unit: its name, what is missing, time left;
 * url is where to submit (NULL: left out), signed by the organiser. */
char *board_reminder(arena *a, const week *wk, const char *organiser, const board_row *row, long long now,
		     const char *url);
#endif
