/* fuzz_table.c: libFuzzer target for the bulk import readers. The input is a
 * file as a unit would upload it: the first byte chooses the reader and the
 * name the browser claims (.csv or .xlsx), the rest is the file. It goes
 * through import_read (activities: table_reader.c, then activity_parse on
 * every row) or resource_import_read (resources), against a demo database.
 * Both only read: nothing is written, so every run sees the same database.
 *
 * The XLSX reader opens a path with libzip, so each input is written to one
 * temp file (under $TMPDIR: put it on a tmpfs for speed). Seeds in
 * tests/fuzz/corpus/fuzz_table: CSV in UTF-8, UTF-8 with BOM, UTF-16 and
 * GB18030, and the LibreOffice XLSX of tests/fixtures. */
#include "fuzz_demo.h"
#include "domain/import.h"
#include "domain/resource.h"
#include <stdint.h>

static db *D;
static char dir[256], top[256], path[300];
static long long unit_id, week_id;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	D = fuzz_demo("table", dir, sizeof dir, top, sizeof top);
	snprintf(path, sizeof path, "%s/upload", top);
	unit_id = db_int(D, 0, "SELECT id FROM units WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1", "");
	week_id = db_int(D, 0, "SELECT id FROM weeks ORDER BY year DESC LIMIT 1", "");
	if (!unit_id || !week_id)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned sel = data[0];
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1)
		abort();
	fclose(f);
	const char *name = (sel & 2) ? "活动.xlsx" : "活动.csv";
	arena a = {0};
	bulk_file im;
	if (sel & 1)
		resource_import_read(D, &a, path, name, unit_id, week_id, &im);
	else
		import_read(D, &a, path, name, unit_id, week_id, &im);
	arena_free(&a);
	return 0;
}
