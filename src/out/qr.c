/* qr.c: QR codes through libqrencode. The SVG is one path of unit squares, so
 * it scales without blur on a phone and prints sharply on a poster. */
#include "qr.h"
#include <cairo.h>
#include <qrencode.h>
#include <string.h>

bool qr_make(qr *q, const char *text)
{
	memset(q, 0, sizeof *q);
	QRcode *c = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!c)
		return false;
	q->width = c->width;
	q->data = c->data;
	q->priv = c;
	return true;
}

void qr_free(qr *q)
{
	if (q->priv)
		QRcode_free(q->priv);
	memset(q, 0, sizeof *q);
}

void qr_svg(html *b, const char *text, int size_px, const char *label)
{
	qr q;
	if (!qr_make(&q, text)) {
		html(b, "<p>（二维码生成失败）</p>");
		return;
	}
	int n = q.width + 8;
	H(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	     "aria-label=\"%s\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	  n, n, size_px, size_px, label ? label : "二维码", n, n);
	for (int y = 0; y < q.width; y++)
		for (int x = 0; x < q.width; x++)
			if (q.data[y * q.width + x] & 1)
				H(b, "M%d %dh1v1h-1z", x + 4, y + 4);
	html(b, "\"/></svg>");
	qr_free(&q);
}

static cairo_status_t png_sink(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

bool qr_png(const char *text, int px, buf *out)
{
	qr q;
	if (px < 1 || !qr_make(&q, text))
		return false;
	int n = (q.width + 8) * px;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, n, n);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int y = 0; y < q.width; y++)
		for (int x = 0; x < q.width; x++)
			if (q.data[y * q.width + x] & 1)
				cairo_rectangle(cr, (x + 4) * px, (y + 4) * px, px, px);
	cairo_fill(cr);
	cairo_destroy(cr);
	bool ok = cairo_surface_write_to_png_stream(s, png_sink, out) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	qr_free(&q);
	return ok;
}
