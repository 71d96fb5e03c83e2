/* showcase.h: what a unit puts forward for the week's publicity (组织要求（二）,
 * 活动内容（六）): learning stars (百姓学习之星), brand projects (终身学习品牌项目)
 * and 智慧助老 cases. Units recommend; the centre selects stars and projects
 * (入选) and recommends cases; only those reach the public showcase, and a star
 * only with the person's consent on record. */
#ifndef LW_SHOWCASE_H
#define LW_SHOWCASE_H
#include "resource.h"

const char *pick_status_label(const char *status);   /* recommended -> 推荐, selected -> 入选 */

typedef struct star {
	long long id, week_id, unit_id, consent_at;
	long long revision;   /* loaded; a save saves only over it (-1: any), see revision_claim */
	char *name, *community, *story, *photo, *photo_mime, *consent_note, *status, *unit_name;
	bool consent;
} star;
typedef struct star_input {
	const char *name, *community, *story, *consent, *consent_note;
} star_input;
/* Checks the input into x; saving records when consent was first given. */
int star_parse(arena *a, const star_input *in, star *x, errs *e);
long long star_save(db *d, arena *a, const actor *who, star *x, const long long *links, int nlinks, errs *e);
bool star_load(db *d, arena *a, long long id, star *x);
int star_set_photo(db *d, arena *a, const actor *who, long long id, const char *sha256, long long size, const char *mime);
bool star_public(const star *x);                      /* selected, with consent */

typedef struct brand {
	long long id, week_id, unit_id;
	long long revision;
	char *name, *host, *description, *status, *unit_name;
} brand;
typedef struct brand_input {
	const char *name, *host, *description;
} brand_input;
int brand_parse(arena *a, const brand_input *in, brand *x, errs *e);
long long brand_save(db *d, arena *a, const actor *who, brand *x, const long long *links, int nlinks, errs *e);
bool brand_load(db *d, arena *a, long long id, brand *x);

typedef struct elder_case {
	long long id, activity_id, unit_id, week_id, trained;
	long long revision;
	char *title, *taught, *lessons, *unit_name, *activity_title, *activity_status;
	long long activity_starts;
	bool recommended;
} elder_case;
typedef struct case_input {
	const char *title, *taught, *trained, *lessons;
} case_input;
int case_parse(arena *a, const case_input *in, elder_case *x, errs *e);
/* The activity must be the unit's, of the week, of content item 6, and without a case yet. */
/* The code of the week's 活动内容 category that 智慧助老 cases come from: the
 * one whose wording or short name says 智慧助老 (item 6 in 2022); NULL when
 * the week has none, and then any of the unit's activities of the week may
 * carry a case. */
char *case_category(db *d, arena *a, long long week_id);
long long case_save(db *d, arena *a, const actor *who, elder_case *x, errs *e);
bool case_load(db *d, arena *a, long long id, elder_case *x);

/* What the centre decides: a star or project selected (入选) or back to 推荐,
 * a case recommended or not. */
typedef enum pick_kind { PICK_STAR, PICK_BRAND, PICK_CASE } pick_kind;
int showcase_pick(db *d, arena *a, const actor *who, pick_kind kind, long long id, bool picked);
/* Removes a star, project or case with its photos and links. */
int showcase_delete(db *d, arena *a, const actor *who, pick_kind kind, long long id);

/* Lists for a week: unit 0 every unit; public_only: what the public showcase shows. */
int star_list(db *d, arena *a, long long week_id, long long unit_id, bool public_only, star **out);
int brand_list(db *d, arena *a, long long week_id, long long unit_id, bool public_only, brand **out);
int case_list(db *d, arena *a, long long week_id, long long unit_id, bool public_only, elder_case **out);
#endif
