/* form.h: the summary form (总结表) as a document, ready to print: what the PDF
 * and DOCX writers take. The report domain fills it; the writers only lay out. */
#ifndef LW_FORM_H
#define LW_FORM_H
#include <stdbool.h>
#include "core/buf.h"

/* One row of the annex's tables. group is the left cell (组织领导 …), shared by
 * consecutive rows with the same group; NULL when the label spans both left
 * columns (举办县区, 主办单位及协办单位, 其他). value may hold newlines. */
typedef struct form_row {
	const char *group;
	const char *label;
	const char *value;
} form_row;

typedef struct form_doc {
	const char *title;        /* 2022年南昌市全民终身学习活动周总结表 */
	const char *unit;         /* 填报单位 */
	const char *filled_on;    /* 填报日期, e.g. 2022年12月9日 */
	const char *created;      /* the PDF's CreationDate, ISO 8601; NULL: the clock's */
	const char *verify_code;  /* identifies the exact submitted version; NULL for a draft */
	const char *verify_url;   /* encoded in the footer QR; NULL for a draft */
	const char *digest;       /* SHA-256 of the frozen values, 64 hex digits, printed in the footer; NULL none */
	bool draft;               /* prints a 草稿 mark */
	form_row *rows;           /* nrows: as many as the week's form has */
	int nrows;
	int first_table_rows;     /* 13 in the annex: the rest go to the second table */
	const char *notes;        /* 说明 under the table (reasons for changed figures), may hold newlines; NULL none */
} form_doc;

/* The annex's closing line, printed under the tables. */
#define FORM_CLOSING_LINE "详细的活动情况总结、活动照片、活动录像请另附。"

/* The digest as printed: eight groups of eight, four to a line
 * ("1a2b3c4d 5e6f7a8b …\n…"), so a reader can compare it line by line. */
void form_digest_lines(const char *digest, char out[80]);

/* Each returns 0 and fills out with the file's bytes, or -1 with err set. */
int form_pdf(const form_doc *f, buf *out, char *err, size_t errlen);
int form_docx(const form_doc *f, buf *out, char *err, size_t errlen);
#endif
