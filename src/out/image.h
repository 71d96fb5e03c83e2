/* image.h: photos decoded and written again, with a pixel limit. An upload
 * that starts like a PNG or a JPEG may be anything after its first bytes (a
 * page of HTML, a 74-byte PNG that declares 60000 x 60000 pixels); what is
 * stored and served is never the upload itself but what libpng or
 * libjpeg-turbo read from it and wrote again: the pixels only, no trailing
 * bytes, no metadata but a JPEG's orientation. The size is read from the
 * header, before any pixel is decoded, and rows are copied one at a time, so
 * memory stays at a row (an interlaced PNG or a progressive JPEG needs the
 * whole image and has a lower limit). */
#ifndef LW_IMAGE_H
#define LW_IMAGE_H
#include <stdio.h>

#define IMAGE_MAX_SIDE 20000              /* pixels, either way */
#define IMAGE_MAX_PIXELS 50000000LL       /* 50 megapixels: a 48 MP phone photo */
#define IMAGE_MAX_PIXELS_WHOLE 16000000LL /* an interlaced PNG, held whole */

typedef enum image_result {
	IMAGE_OK = 0,
	IMAGE_UNREADABLE = -1,   /* not a PNG or JPEG that decodes to the end */
	IMAGE_TOO_BIG = -2,      /* past the limits above */
	IMAGE_NO_MEMORY = -3,
} image_result;

/* Reads the PNG or JPEG at in_path (which it is, from its first bytes) and
 * writes the same kind to out. On failure out holds something partial, to be
 * thrown away; *width and *height get the declared size when known. */
image_result image_reencode(const char *in_path, FILE *out, long long *width, long long *height);
#endif
