/* imports.h: handlers of this feature, for the route table. */
#ifndef LW_PAGES_IMPORTS_H
#define LW_PAGES_IMPORTS_H
#include "pages/pages.h"

/* One kind of bulk import (activities, resources): the route's data of the
 * handlers the kinds share (page_import_template). */
typedef struct import_kind {
	/* Writes the kind's .xlsx template to path (tmpdir for the writer's
	 * scratch files); 0 when written. *name and *ascii: the download's file
	 * names (Chinese, and ASCII for old browsers). */
	int (*template_write)(req *r, const char *path, const char *tmpdir, const char **name, const char **ascii);
	const char *tmp_prefix; /* of the temporary file in files/tmp */
} import_kind;
extern const import_kind activity_import_kind;

/* The template of the route's import kind (its data: an import_kind). */
void page_import_template(req *r, resp *w);
void page_import_new(req *r, resp *w);
void page_import_upload(req *r, resp *w);
void page_import_preview(req *r, resp *w);
void page_import_confirm(req *r, resp *w);
void page_import_discard(req *r, resp *w);
#endif
