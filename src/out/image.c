/* image.c: see image.h. libpng and libjpeg-turbo are what cairo and most of
 * Debian already use; both read the size from the header before decoding,
 * and both report errors by longjmp, hence the volatile locals. */
#include "image.h"
#include <jpeglib.h>
#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define JPEG_MAX_MEMORY (128L * 1024 * 1024)   /* a progressive JPEG's coefficients */
#define JPEG_QUALITY 90

static bool size_ok(long long w, long long h, long long max_pixels)
{
	return w > 0 && h > 0 && w <= IMAGE_MAX_SIDE && h <= IMAGE_MAX_SIDE && w * h <= max_pixels;
}

/* ---- PNG ---- */

typedef struct png_jmp {
	jmp_buf jb;
} png_jmp;

static void png_fail(png_structp png, png_const_charp msg)
{
	(void)msg;
	longjmp(((png_jmp *)png_get_error_ptr(png))->jb, 1);
}

static void png_quiet(png_structp png, png_const_charp msg)
{
	(void)png, (void)msg;
}

static image_result png_copy(FILE *in, FILE *out, long long *width, long long *height)
{
	png_jmp j;
	png_structp rp = png_create_read_struct(PNG_LIBPNG_VER_STRING, &j, png_fail, png_quiet);
	png_infop ri = rp ? png_create_info_struct(rp) : NULL;
	png_structp wp = png_create_write_struct(PNG_LIBPNG_VER_STRING, &j, png_fail, png_quiet);
	png_infop wi = wp ? png_create_info_struct(wp) : NULL;
	png_bytep volatile pixels = NULL;
	png_bytepp volatile rows = NULL;
	volatile image_result rc = IMAGE_NO_MEMORY;
	if (!rp || !ri || !wp || !wi)
		goto done;
	rc = IMAGE_UNREADABLE;
	if (setjmp(j.jb))
		goto done;
	/* ancillary chunks cannot make libpng allocate much either (zTXt bombs) */
	png_set_chunk_malloc_max(rp, 8 * 1024 * 1024);
	png_set_chunk_cache_max(rp, 128);
	png_init_io(rp, in);
	png_read_info(rp, ri);   /* the chunks before the pixels: no pixel decoded yet */
	png_uint_32 w = png_get_image_width(rp, ri), h = png_get_image_height(rp, ri);
	*width = w, *height = h;
	bool interlaced = png_get_interlace_type(rp, ri) != PNG_INTERLACE_NONE;
	if (!size_ok(w, h, interlaced ? IMAGE_MAX_PIXELS_WHOLE : IMAGE_MAX_PIXELS)) {
		rc = IMAGE_TOO_BIG;
		goto done;
	}
	/* 8-bit RGB or RGBA, whatever it was */
	png_set_expand(rp);
	png_set_strip_16(rp);
	png_set_gray_to_rgb(rp);
	int passes = png_set_interlace_handling(rp);
	png_read_update_info(rp, ri);
	int channels = png_get_channels(rp, ri);
	size_t rowbytes = png_get_rowbytes(rp, ri);
	png_init_io(wp, out);
	png_set_IHDR(wp, wi, w, h, 8, channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(wp, wi);
	if (passes > 1) {
		pixels = malloc(rowbytes * h);
		rows = malloc(sizeof *rows * h);
		if (!pixels || !rows) {
			rc = IMAGE_NO_MEMORY;
			goto done;
		}
		for (png_uint_32 y = 0; y < h; y++)
			rows[y] = pixels + rowbytes * y;
		png_read_image(rp, rows);
		png_write_image(wp, rows);
	} else {
		if (!(pixels = malloc(rowbytes))) {
			rc = IMAGE_NO_MEMORY;
			goto done;
		}
		for (png_uint_32 y = 0; y < h; y++) {
			png_read_row(rp, pixels, NULL);
			png_write_row(wp, pixels);
		}
	}
	png_read_end(rp, NULL);
	png_write_end(wp, NULL);
	rc = IMAGE_OK;
done:
	free(pixels);
	free(rows);
	png_destroy_read_struct(rp ? &rp : NULL, ri ? &ri : NULL, NULL);
	png_destroy_write_struct(wp ? &wp : NULL, wi ? &wi : NULL);
	return rc;
}

/* ---- JPEG ---- */

typedef struct jpeg_jmp {
	struct jpeg_error_mgr mgr;
	jmp_buf jb;
} jpeg_jmp;

static void jpeg_fail(j_common_ptr c)
{
	longjmp(((jpeg_jmp *)c->err)->jb, 1);
}

static void jpeg_quiet(j_common_ptr c, int level)
{
	(void)c, (void)level;   /* a warning (a few bad bytes) still decodes */
}

/* The EXIF orientation (1..8) of the APP1 markers kept, 1 when there is none.
 * A phone stores its photos as the sensor saw them and says here how to turn
 * them; without it a portrait photo would lie on its side. */
static int exif_orientation(jpeg_saved_marker_ptr m)
{
	for (; m; m = m->next) {
		if (m->marker != JPEG_APP0 + 1 || m->data_length < 14 || memcmp(m->data, "Exif\0\0", 6))
			continue;
		const unsigned char *t = m->data + 6;
		size_t n = m->data_length - 6;
		bool le = t[0] == 'I' && t[1] == 'I';
		if (!le && !(t[0] == 'M' && t[1] == 'M'))
			return 1;
#define U16(p) (le ? (unsigned)(p)[0] | (unsigned)(p)[1] << 8 : (unsigned)(p)[0] << 8 | (unsigned)(p)[1])
#define U32(p) (le ? U16(p) | (size_t)U16((p) + 2) << 16 : (size_t)U16(p) << 16 | U16((p) + 2))
		size_t ifd = U32(t + 4);
		if (ifd > n || n - ifd < 2)
			return 1;
		unsigned count = U16(t + ifd);
		for (unsigned i = 0; i < count; i++) {
			size_t e = ifd + 2 + 12 * (size_t)i;
			if (e + 12 > n)
				return 1;
			if (U16(t + e) == 0x0112) {
				unsigned v = U16(t + e + 8);
				return v >= 1 && v <= 8 ? (int)v : 1;
			}
		}
#undef U16
#undef U32
		return 1;
	}
	return 1;
}

static image_result jpeg_copy(FILE *in, FILE *out, long long *width, long long *height)
{
	struct jpeg_decompress_struct d;
	struct jpeg_compress_struct c;
	jpeg_jmp j;
	volatile bool have_d = false, have_c = false;
	volatile image_result rc = IMAGE_UNREADABLE;
	d.err = c.err = jpeg_std_error(&j.mgr);
	j.mgr.error_exit = jpeg_fail;
	j.mgr.emit_message = jpeg_quiet;
	if (setjmp(j.jb))
		goto done;
	jpeg_create_decompress(&d);
	have_d = true;
	d.mem->max_memory_to_use = JPEG_MAX_MEMORY;
	jpeg_stdio_src(&d, in);
	jpeg_save_markers(&d, JPEG_APP0 + 1, 0xFFFF);
	jpeg_read_header(&d, TRUE);   /* the markers before the pixels */
	*width = d.image_width, *height = d.image_height;
	if (!size_ok(d.image_width, d.image_height, IMAGE_MAX_PIXELS)) {
		rc = IMAGE_TOO_BIG;
		goto done;
	}
	d.out_color_space = d.jpeg_color_space == JCS_GRAYSCALE ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_start_decompress(&d);
	jpeg_create_compress(&c);
	have_c = true;
	jpeg_stdio_dest(&c, out);
	c.image_width = d.output_width;
	c.image_height = d.output_height;
	c.input_components = d.output_components;
	c.in_color_space = d.out_color_space;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, JPEG_QUALITY, TRUE);
	jpeg_start_compress(&c, TRUE);
	int orientation = exif_orientation(d.marker_list);
	if (orientation > 1) {
		/* an EXIF block of one entry: big-endian TIFF, IFD0 at 8, Orientation (SHORT) */
		JOCTET exif[] = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
				 0, (JOCTET)orientation, 0, 0, 0, 0, 0, 0};
		jpeg_write_marker(&c, JPEG_APP0 + 1, exif, sizeof exif);
	}
	JSAMPARRAY row = (*d.mem->alloc_sarray)((j_common_ptr)&d, JPOOL_IMAGE,
						d.output_width * (JDIMENSION)d.output_components, 1);
	while (d.output_scanline < d.output_height) {
		if (jpeg_read_scanlines(&d, row, 1) != 1)
			goto done;
		jpeg_write_scanlines(&c, row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_finish_decompress(&d);
	rc = IMAGE_OK;
done:
	if (have_c)
		jpeg_destroy_compress(&c);
	if (have_d)
		jpeg_destroy_decompress(&d);
	return rc;
}

image_result image_reencode(const char *in_path, FILE *out, long long *width, long long *height)
{
	*width = *height = 0;
	FILE *in = fopen(in_path, "rb");
	if (!in)
		return IMAGE_UNREADABLE;
	unsigned char head[8] = {0};
	size_t n = fread(head, 1, sizeof head, in);
	rewind(in);
	image_result rc = IMAGE_UNREADABLE;
	if (n == 8 && !png_sig_cmp(head, 0, 8))
		rc = png_copy(in, out, width, height);
	else if (n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
		rc = jpeg_copy(in, out, width, height);
	fclose(in);
	if (rc == IMAGE_OK && fflush(out) != 0)
		rc = IMAGE_NO_MEMORY;
	return rc;
}
