/* fuzz_xlsx.c: libFuzzer target for the XLSX reader alone: the input is the
 * .xlsx file, read by table_read (src/in/table_reader.c) against the
 * activity import's columns. No database, so it runs fast: the reader's ZIP
 * and XML handling, its counted, streaming inflation and its limits (bytes,
 * ratio, cells, shared strings) are what is fuzzed. make fuzz runs it under
 * -rss_limit_mb, so a package that inflates past the limits fails the run.
 *
 * Seeds in tests/fuzz/corpus/fuzz_xlsx: the LibreOffice file of
 * tests/fixtures and a small bomb (2 MiB of sheet in about 3 KB; made by
 * tests/fuzz/make-xlsx-bomb.sh), which the ratio limit refuses. */
#include "domain/import.h"
#include "core/log.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char path[300];
static const table_spec spec = {import_columns, N_IMPORT_COLUMNS, IMPORT_MAX_ROWS, IMPORT_MAX_BYTES, "活动"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	log_quiet = 1;
	const char *t = getenv("TMPDIR");
	char dir[256];
	snprintf(dir, sizeof dir, "%s/lw-fuzz-xlsx-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/upload.xlsx", dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size))
		abort();
	fclose(f);
	arena a = {0};
	table_file tf;
	table_read(&a, path, "活动.xlsx", &spec, &tf);
	arena_free(&a);
	return 0;
}
