/* pdf_text.h: the text layer of an uploaded PDF, through pdftotext
 * (poppler-utils), for the stamped scan's check against other versions'
 * verification codes. */
#ifndef LW_PDF_TEXT_H
#define LW_PDF_TEXT_H
#include "core/arena.h"

/* The text of the first pages of the PDF at path, at most max bytes; NULL
 * when pdftotext is missing, fails, or takes longer than a few seconds (a
 * scan is mostly pictures: the text, if any, is short). */
char *pdf_text(arena *a, const char *path, size_t max);
#endif
