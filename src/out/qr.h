/* qr.h: QR codes (libqrencode) as SVG for pages and as modules for cairo. */
#ifndef LW_QR_H
#define LW_QR_H
#include "core/html.h"
#include "core/buf.h"
#include <stdbool.h>

typedef struct qr {
	int width;                 /* modules per side */
	unsigned char *data;       /* width*width, bit 0 set = dark */
	void *priv;
} qr;

bool qr_make(qr *q, const char *text);   /* error correction level M */
void qr_free(qr *q);
/* A PNG of the code with a 4-module quiet zone, px pixels a module, into out. */
bool qr_png(const char *text, int px, buf *out);
/* An <svg> element with a 4-module quiet zone; size in CSS pixels; label for screen readers. */
void qr_svg(html *b, const char *text, int size_px, const char *label);
#endif
