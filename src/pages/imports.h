/* imports.h: handlers of the bulk imports, for the route table. */
#ifndef LW_PAGES_IMPORTS_H
#define LW_PAGES_IMPORTS_H
#include "pages/pages.h"
#include "domain/bulk.h"

/* One kind of bulk import (activities, resources): the route's data of every
 * import handler, which serve all kinds alike. */
typedef struct import_kind {
	const bulk_spec *bulk;    /* the domain's import: columns, noun, read, commit, pending table */
	/* Writes the kind's .xlsx template to path (tmpdir for the writer's
	 * scratch files); 0 when written. *name and *ascii: the download's file
	 * names (Chinese, and ASCII for old browsers). */
	int (*template_write)(req *r, const char *path, const char *tmpdir, const char **name, const char **ascii);
	const char *tmp_prefix;   /* of the temporary file in files/tmp */
	const char *path;         /* the upload's address under /units/N/: imports, resources/import */
	const char *list;         /* where to go after, the unit's list under /units/N/: activities, resources */
	const char *heads[3];     /* the preview's columns: the title, then the row's text (or time) */
	/* The preview's cells of a row after its title. */
	void (*cells)(req *r, html *b, const bulk_row *row);
	bool ask_status;          /* confirmation asks 草稿 or 直接发布 (activities) */
	/* Where a pending import is: "/imports" (its preview /imports/N, its
	 * steps /imports/N/confirm; the upload goes on to the preview), or NULL:
	 * the upload's address with id= (its steps .../confirm?id=N; the
	 * upload's answer is the preview). */
	const char *pending;
} import_kind;
extern const import_kind activity_import_kind, resource_import_kind;

/* The steps of an import of the route's kind (its data: an import_kind).
 * A pending import is the path's :import, or ?id= under the path's :unit. */
void page_import_template(req *r, resp *w);
void page_import_new(req *r, resp *w);
void page_import_upload(req *r, resp *w);
void page_import_preview(req *r, resp *w);
void page_import_confirm(req *r, resp *w);
void page_import_discard(req *r, resp *w);
#endif
