/* embed.h: files compiled into the binary (static assets, migrations, texts). */
#ifndef LW_EMBED_H
#define LW_EMBED_H
#include <stddef.h>
typedef struct embedded_file {
	const char *name;   /* path relative to the source tree, e.g. "static/app.css" */
	const unsigned char *data;
	size_t len;
	const char *etag;   /* quoted, from a hash of the content */
} embedded_file;
extern const embedded_file embedded_files[];
extern const size_t embedded_count;
const embedded_file *embedded_find(const char *name);
#endif
