/*
 * import_read.c - the CSV and XLS readers of an upload (import.h).
 *
 * Owns: CSV through libcsv (UTF-8 with or without a byte order mark, or
 * Windows-1252 as Excel writes it; comma, semicolon or tab separated,
 * chosen from the first line), XLS through libfreexl (the first sheet).
 * Not here: XLSX (import_xlsx.c), the grid and the rows (import.c).
 * libfreexl reads only from a path: the upload is written to a private
 * temporary file that is removed before returning.
 */
#include "import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>
#include <freexl.h>

#include "buf.h"
#include "http.h"
#include "log.h"
#include "banned.h"

/* ---- CSV ------------------------------------------------------------- */

/* Windows-1252's 0x80-0x9f as Unicode code points (0: unassigned). */
static const unsigned short cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/* Windows-1252 bytes (a superset of Latin-1 as Excel saves) to UTF-8. */
static void
from_cp1252(const char *s, size_t len, struct buf *out)
{
	unsigned	 u;
	size_t		 i;

	for (i = 0; i < len; i++) {
		u = (unsigned char)s[i];
		if (u >= 0x80 && u < 0xa0)
			u = cp1252[u - 0x80] ? cp1252[u - 0x80] : 0xfffd;
		if (u < 0x80)
			buf_addc(out, (char)u);
		else if (u < 0x800) {
			buf_addc(out, (char)(0xc0 | (u >> 6)));
			buf_addc(out, (char)(0x80 | (u & 0x3f)));
		} else {
			buf_addc(out, (char)(0xe0 | (u >> 12)));
			buf_addc(out, (char)(0x80 | ((u >> 6) & 0x3f)));
			buf_addc(out, (char)(0x80 | (u & 0x3f)));
		}
	}
}

/* The separator the first line uses most: ',', ';' or TAB. */
static unsigned char
separator(const char *s, size_t len)
{
	size_t	 n[3] = { 0, 0, 0 }, i;
	bool	 quoted = false;

	for (i = 0; i < len && (quoted || s[i] != '\n'); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			n[0]++;
		else if (!quoted && s[i] == ';')
			n[1]++;
		else if (!quoted && s[i] == '\t')
			n[2]++;
	}
	if (n[1] > n[0] && n[1] >= n[2])
		return ';';
	if (n[2] > n[0] && n[2] > n[1])
		return '\t';
	return ',';
}

struct rec_pos {
	struct import_grid	*g;
	size_t			 line;	/* 1-based record number */
	size_t			 col;
};

static void
on_field(void *s, size_t len, void *arg)
{
	struct rec_pos	*at = arg;

	import_grid_put(at->g, at->line, at->col++, s, len);
}

static void
on_record(int c, void *arg)
{
	struct rec_pos	*at = arg;

	(void)c;
	at->line++;
	at->col = 0;
}

int
import_csv(const char *data, size_t len, struct import_grid *out,
    const char **why)
{
	struct csv_parser	 p;
	struct rec_pos		 at = { out, 1, 0 };
	struct buf		 conv = BUF_INIT;
	size_t			 off, n;
	int			 rc = -1;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!utf8_valid(data, len)) {
		from_cp1252(data, len, &conv);
		data = conv.ptr;
		len = conv.len;
	}
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		*why = "The CSV file could not be read.";
		goto out;
	}
	csv_set_delim(&p, separator(data, len));
	/* In pieces, so that a file with too many rows stops early. */
	for (off = 0; off < len && !out->too_many; off += n) {
		n = len - off < 65536 ? len - off : 65536;
		if (csv_parse(&p, data + off, n, on_field, on_record, &at) != n)
			break;
	}
	if (off < len && !out->too_many) {
		*why = "The CSV file could not be read.";
		log_err("import csv: %s", csv_strerror(csv_error(&p)));
	} else {
		csv_fini(&p, on_field, on_record, &at);
		rc = 0;
	}
	csv_free(&p);
out:
	buf_release(&conv);
	return rc;
}

/* ---- XLS ------------------------------------------------------------- */

static void
xls_cell(struct import_grid *g, size_t line, size_t col,
    const FreeXL_CellValue *v)
{
	char	 num[64];

	switch (v->type) {
	case FREEXL_CELL_INT:
		snprintf(num, sizeof(num), "%d", v->value.int_value);
		break;
	case FREEXL_CELL_DOUBLE:
		/* A phone number typed as a number: no exponent, no ".0". */
		if (v->value.double_value == (double)(long long)
		    v->value.double_value && v->value.double_value < 1e18 &&
		    v->value.double_value > -1e18)
			snprintf(num, sizeof(num), "%lld",
			    (long long)v->value.double_value);
		else
			snprintf(num, sizeof(num), "%.15g",
			    v->value.double_value);
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		if (v->value.text_value != NULL)
			import_grid_put(g, line, col, v->value.text_value,
			    strlen(v->value.text_value));
		return;
	default:
		return;
	}
	import_grid_put(g, line, col, num, strlen(num));
}

/* The first sheet's cells; the handle is open. */
static int
xls_sheet(const void *h, struct import_grid *out, const char **why)
{
	FreeXL_CellValue	 v;
	unsigned int		 rows, r, info;
	unsigned short		 cols, c;

	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED) {
		*why = "The spreadsheet is protected by a password.";
		return -1;
	}
	if (freexl_select_active_worksheet(h, 0) != FREEXL_OK ||
	    freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
		*why = "The spreadsheet is damaged and could not be read.";
		return -1;
	}
	for (r = 0; r < rows && !out->too_many; r++)
		for (c = 0; c < cols && c < IMPORT_MAX_COLS; c++)
			if (freexl_get_cell_value(h, r, c, &v) == FREEXL_OK)
				xls_cell(out, r + 1, c, &v);
	return 0;
}

/* data into a new private temporary file; its path into path. */
static int
spill(const char *data, size_t len, char *path, size_t max)
{
	const char	*dir = getenv("TMPDIR");
	FILE		*f;
	int		 fd;

	snprintf(path, max, "%s/loop-xls-XXXXXX", dir != NULL && *dir != '\0'
	    ? dir : "/tmp");
	if ((fd = mkstemp(path)) == -1) {
		log_err("import xls: mkstemp %s: %s", path, strerror(errno));
		return -1;
	}
	if ((f = fdopen(fd, "wb")) == NULL) {
		close(fd);
		unlink(path);
		return -1;
	}
	if (fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		log_err("import xls: write %s: %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

int
import_xls(const char *data, size_t len, struct import_grid *out,
    const char **why)
{
	const void	*h = NULL;
	char		 path[512];
	int		 rc = -1;

	if (spill(data, len, path, sizeof(path)) == -1) {
		*why = "The spreadsheet could not be read; try again.";
		return -1;
	}
	if (freexl_open(path, &h) != FREEXL_OK)
		*why = "The spreadsheet is damaged and could not be read.";
	else
		rc = xls_sheet(h, out, why);
	if (h != NULL)
		freexl_close(h);
	unlink(path);
	return rc;
}
