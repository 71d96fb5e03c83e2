/* org.h: reporting units (a tree), weeks and accounts. */
#ifndef LW_ORG_H
#define LW_ORG_H
#include "domain.h"
#include "in/table_reader.h"

/* ---- units ---- */
typedef struct unit {
	long long id, parent_id;
	char *name, *kind, *code;
	char *consult_phone;   /* 咨询电话: an office or service line, "" when not set */
	long long sort_order;
	bool retired;
	int depth;             /* unit_subtree: levels below the list's top (0 for the top) */
} unit;
/* ---- the tree of levels ----
 * Units form one tree (units.parent_id): the top of the install (unit_root),
 * organisers (a node with nodes below it: a province, a city, a county that
 * runs its streets' week) and reporting units at the leaves. It is walked with
 * recursive CTEs over parent_id, no stored path: importing or moving a node
 * keeps nothing else in step, and a walk is a few levels deep. */
extern const char *const unit_kinds[];     /* 省 市 区 县 开发区 管理局 街道, the top level first */
extern const int unit_kinds_n;
int unit_kind_rank(const char *kind);       /* 0 省, 1 市, 2 区县开发区管理局, 3 街道; -1 unknown */
const char *unit_kind_of_name(const char *name); /* 江西省 -> 省, 红谷滩管理局 -> 管理局; NULL */
char *unit_kinds_below(arena *a, const char *parent_kind); /* "区、县、开发区、管理局或街道" */
bool unit_has_children(db *d, long long id);
/* Names the top of a new install (init --root 江西省) and its kind; also the
 * region's name the forms and pages print (settings.city). 0, or -1 with why. */
int unit_top_set(db *d, arena *a, const char *name, const char *kind, const char **why);
bool unit_is_organiser(db *d, long long id);  /* the root, or a node with nodes below it */
/* The nodes above id, the top first (id itself not among them); the count. */
int unit_ancestors(db *d, arena *a, long long id, unit **out);
/* top and every node below it, depth first in display order (each unit's
 * depth set); the count. */
int unit_subtree(db *d, arena *a, long long top, bool include_retired, unit **out);
bool unit_load(db *d, arena *a, long long id, unit *u);
long long unit_root(db *d);                 /* the organiser at the top */
long long unit_by_name(db *d, const char *name);
long long unit_by_name_or_code(db *d, const char *s); /* a code first, then a name; 0 none */
bool unit_is_root(db *d, long long id);       /* a root: no parent */
bool unit_retired(db *d, long long id);       /* false too if there is no such unit */
long long unit_next_sort_order(db *d);        /* after every unit: for a new one (at most 9999) */
long long unit_next_sort_order_under(db *d, long long parent); /* after parent's children (at most 9999) */
long long unit_root_of(db *d, long long unit_id); /* the root of unit_id's tree */
bool unit_within(db *d, long long unit_id, long long ancestor); /* unit_id is ancestor or below it */
/* The unit that owns the object of a kind ("activity", "photo", ... as the
 * routes' path parameters name them): its id; 0 if there is no such object;
 * -2 for a kind no unit owns (weeks, jobs); -1 for a kind with no rule. */
long long owner_unit_of(db *d, const char *kind, long long id);
/* Reporting units below parent, in display order; returns the count. */
int unit_children(db *d, arena *a, long long parent, bool include_retired, unit **out);
/* Creates (u->id == 0) or updates a unit. Returns its id, or 0 with e filled. */
long long unit_save(db *d, arena *a, const actor *who, unit *u, errs *e);
int unit_set_retired(db *d, arena *a, const actor *who, long long id, bool retired);
/* unit_save's two halves, for unit_import: the checks against the database
 * as it is (e filled), and the write with its audit line inside the caller's
 * transaction (0 ok). */
void unit_check(db *d, arena *a, unit *u, errs *e);
int unit_write(db *d, arena *a, const actor *who, unit *u);
/* ---- importing the tree of nodes ----
 * A table (CSV or XLSX) of 名称, 代码, 上级 (a code or name: a row of the file
 * or a node within under's subtree; empty: under itself), 类别 (empty: from
 * the name's last character). Every row is checked, then every node written
 * in one transaction, or none. Returns the count created; -1 with f->status
 * and f->error for the file as a whole, or with the problems row by row in
 * is (is->max set by the caller). */
extern const table_spec unit_import_table;
int unit_import(db *d, arena *a, const actor *who, long long under, const char *path, const char *filename, table_file *f,
		table_issues *is);
/* The public consultation number (咨询电话): an office landline (0791-86123456,
 * an extension after -) or a service number (400/800, 12345, 95xxx/96xxx),
 * never a mobile. out gets it written the usual way; false if it is neither. */
bool office_phone_normalize(const char *in, char out[32]);
/* Sets it ("" clears it); 0 ok, -1 with e filled ("consult_phone"). */
int unit_set_phone(db *d, arena *a, const actor *who, long long id, const char *phone, errs *e);

/* ---- weeks ---- */
typedef struct week {
	long long id, unit_id;  /* unit_id: the organiser that publishes it */
	long long parent_week_id; /* the parent's week it was copied from (migration 220); 0 none */
	long long year;
	char *title, *theme, *starts_on, *ends_on, *notice;
	char *extended_to;      /* YYYY-MM-DD: activities may take place until then ("活动可延至"); "" none */
	long long deadline_at;
	/* week_save: the lists the centre set (NULL: unchanged; a new week then
	 * starts with week_lists_start's) */
	const struct week_lists *lists;
	/* week_save: the summary form's rows the centre set (NULL: unchanged; a
	 * new week then starts with week_form_start's) */
	const struct week_form *form;
} week;
/* The last day (YYYY-MM-DD) an activity of the week may take place on: its
 * end, or the extension the centre set. */
const char *week_last_day(const week *wk);
/* "2022年12月1日至2022年12月7日", with "（可延至2022年12月9日）" when extended. */
char *week_dates_cn(arena *a, const week *wk);
bool week_load(db *d, arena *a, long long id, week *w);
bool week_exists(db *d, long long id);
long long week_organiser(db *d, long long week_id);   /* weeks.unit_id; 0: no such week */
/* ---- each organiser its own week ----
 * Every organiser of the tree publishes its own week of a year (weeks.unit_id,
 * one a year); a middle one copies its parent's week of that year and adapts
 * it (week_adopt). A unit reports in the week of its nearest ancestor that has
 * one that year; the top of the install in its own. */
/* The organiser's week now: the one under way, else the next, else the last.
 * The public pages pass unit_root. */
bool week_current(db *d, arena *a, long long organiser, long long now, week *w);
int week_list(db *d, arena *a, long long organiser, week **out);   /* newest first */
/* The same among the weeks unit_id reports in (one a year, of its nearest
 * ancestor that has one). */
bool week_current_of_unit(db *d, arena *a, long long unit_id, long long now, week *w);
int week_list_of_unit(db *d, arena *a, long long unit_id, week **out);   /* newest first */
long long week_of_unit(db *d, long long unit_id, long long year);      /* 0: none */
/* The week organiser publishes itself in year (its own, not one it reports
 * in); 0: none. */
long long week_by_year(db *d, long long organiser, long long year);
/* Publishes organiser's week of year as a copy of the week it reports in
 * that year (its parent's, or the nearest ancestor's that has one): title
 * with the organiser's name, theme, dates, notice, lists and form rows; the
 * deadline three days before the parent's (never before the start). The week's
 * id, or 0 with e filled (not an organiser, no parent week, already there). */
long long week_adopt(db *d, arena *a, const actor *who, long long organiser, long long year, errs *e);
/* deadline_text is local "YYYY-MM-DDTHH:MM"; year_text etc. are what the form sent. */
long long week_save(db *d, arena *a, const actor *who, week *w, const char *year_text,
		    const char *deadline_text, errs *e);

/* ---- accounts ---- */
typedef struct account {
	long long id, unit_id;
	char *username, *display_name, *role, *unit_name;
	bool disabled;
} account;
bool account_load(db *d, arena *a, long long id, account *acc);
int account_list(db *d, arena *a, long long unit_id /* 0 all */, account **out);
/* The accounts of top's subtree (of unit_id alone when not 0, if it is in it). */
int account_list_in(db *d, arena *a, long long top, long long unit_id, account **out);
long long account_count_in(db *d, long long unit_id);
long long account_by_username(db *d, const char *username); /* 0: none */   /* the unit's accounts, disabled ones too */
/* Validates and creates; password is the plain text, hashed here. */
long long account_create(db *d, arena *a, const actor *who, account *acc, const char *password, errs *e);
int account_update(db *d, arena *a, const actor *who, account *acc, errs *e);
int account_set_password(db *d, arena *a, const actor *who, long long id, const char *password, errs *e);
int account_set_disabled(db *d, arena *a, const actor *who, long long id, bool disabled);
bool password_acceptable(const char *pw, const char **why);
int password_hash(const char *pw, char out[128]);
/* Checks a login. Returns the account id, 0 for a wrong name/password, -1 when
 * throttled (*wait gets the seconds to wait). */
long long login_attempt(db *d, const char *username, const char *password, const char *address,
			long long now, long long *wait);
/* Tests only: the function login_attempt verifies passwords with (NULL:
 * libsodium's crypto_pwhash_str_verify), to see what it is given. */
void account_set_verifier(int (*verify)(const char *hash, const char *pw, unsigned long long len));
#endif
