/* photo.c: a real PNG of random pixels for the shell tests, which upload
 * photos: the server decodes every photo and stores its re-encoding, so a PNG
 * signature followed by random bytes no longer passes. Random pixels do not
 * compress, so the file is about 3 × W × H bytes, and each call's differ.
 * Usage: photo W H > file.png */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>

int main(int argc, char **argv)
{
	int w = argc == 3 ? atoi(argv[1]) : 0, h = argc == 3 ? atoi(argv[2]) : 0;
	if (w < 1 || h < 1 || w > 10000 || h > 10000) {
		fprintf(stderr, "usage: photo W H > file.png (1 to 10000 pixels each way)\n");
		return 2;
	}
	png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = p ? png_create_info_struct(p) : NULL;
	unsigned char *row = malloc((size_t)w * 3);
	if (!p || !info || !row || setjmp(png_jmpbuf(p)))
		return 1;
	png_init_io(p, stdout);
	png_set_IHDR(p, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(p, info);
	for (int y = 0; y < h; y++) {
		for (size_t got = 0; got < (size_t)w * 3;) {
			ssize_t n = getrandom(row + got, (size_t)w * 3 - got, 0);
			if (n < 0)
				return 1;
			got += (size_t)n;
		}
		png_write_row(p, row);
	}
	png_write_end(p, NULL);
	png_destroy_write_struct(&p, &info);
	free(row);
	return fflush(stdout) == 0 ? 0 : 1;
}
