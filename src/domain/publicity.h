/* publicity.h: publicity records (宣传报道): where the unit's activity week was
 * reported. They fill 宣传范围, 文字报道 and 影像图片报道 of the summary form. */
#ifndef LW_PUBLICITY_H
#define LW_PUBLICITY_H
#include "domain.h"

#define N_PUB_CHANNELS 9
extern const char *const pub_channels[N_PUB_CHANNELS];   /* 区县教育官网 … 其他 */
const char *pub_kind_label(const char *kind);           /* text -> 文字报道, media -> 影像图片报道 */

typedef struct publicity {
	long long id, week_id, unit_id;
	long long activity_id;           /* 0: not tied to an activity */
	long long revision;              /* loaded; publicity_save saves only over it (-1: any) */
	char *channel, *kind, *title, *outlet, *published_on, *url;
	char *screenshot;                /* SHA-256 in the file store, or NULL */
	char *activity_title;            /* of activity_id, for lists */
} publicity;

/* What the form sends, as text. */
typedef struct publicity_input {
	const char *channel, *kind, *title, *outlet, *published_on, *url, *activity_id;
} publicity_input;

/* Checks the input for the unit's report of the week and fills out (keeps
 * out's id, week, unit and screenshot). Messages name the field. */
int publicity_parse(db *d, arena *a, const publicity_input *in, publicity *out, errs *e);
/* Inserts (id 0) or updates, audited, while the report is editable. shot: a
 * new screenshot already in the store (NULL: unchanged); remove_shot drops it.
 * Returns the id, 0 with e. */
long long publicity_save(db *d, arena *a, const actor *who, publicity *p, const char *shot_sha, long long shot_size,
			 const char *shot_mime, bool remove_shot, errs *e);
int publicity_remove(db *d, arena *a, const actor *who, long long id, errs *e);
bool publicity_load(db *d, arena *a, long long id, publicity *p);
int publicity_list(db *d, arena *a, long long week_id, long long unit_id, publicity **out);
/* The unit's activities of the week a record may be tied to: ids and titles. */
int publicity_activity_choices(db *d, arena *a, long long week_id, long long unit_id, long long **ids, char ***titles);
#endif
