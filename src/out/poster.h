/* poster.h: the printable A4 check-in poster (cairo + pango, a Song typeface). */
#ifndef LW_POSTER_H
#define LW_POSTER_H
#include "core/buf.h"
#include <stdbool.h>

typedef struct poster {
	const char *kicker;   /* the week's title, above everything */
	const char *title;    /* the activity */
	const char *when, *venue, *host;
	const char *url;      /* what the QR code holds, printed small under it */
} poster;

/* Appends a one-page A4 PDF to out. Any text is accepted: it is set as plain
 * text (never pango markup), wrapped, shrunk and at last cut with "…" so that
 * a long title cannot push the QR code off the page. false if cairo failed. */
bool poster_pdf(buf *out, const poster *p);
#endif
