/* qr.c: QR codes through libqrencode. The SVG is one path of unit squares, so
 * it scales without blur on a phone and prints sharply on a poster. */
#include "qr.h"
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
