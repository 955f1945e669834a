/*
 * test_import.c - reading uploads (import.h) without a database: the type
 * of a file from its bytes, the CSV, XLS and XLSX readers on the fixtures
 * in tests/fixtures/ (made by tests/fixtures/make-fixtures.py), the
 * header row, the row limit, and damaged, empty and wrong-type files.
 * Runs from the repository's root.
 */
#include "import.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "banned.h"

#define FIX	"tests/fixtures/"

static void
slurp(const char *name, struct buf *out)
{
	char	 path[256], chunk[4096];
	FILE	*f;
	size_t	 n;

	snprintf(path, sizeof(path), FIX "%s", name);
	assert_non_null(f = fopen(path, "rb"));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	fclose(f);
}

/* Reads a fixture; returns import_read()'s result, *why its message. */
static int
read_fixture(const char *name, struct import_grid *g, const char **why)
{
	struct buf	 b = BUF_INIT;
	int		 rc;

	slurp(name, &b);
	*why = NULL;
	rc = import_read(b.ptr, b.len, name, g, why);
	buf_release(&b);
	return rc;
}

static void
cell_is(const struct import_grid *g, size_t row, size_t col, const char *want)
{
	const char	*got = import_grid_get(g, row, col);

	if (want == NULL)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
}

/* The mixed fixture, whatever its format: 8 non-blank rows. */
static void
mixed_is_right(const char *name)
{
	struct import_grid	 g = IMPORT_GRID_INIT;
	struct import_cols	 c;
	const char		*why;

	assert_int_equal(read_fixture(name, &g, &why), 0);
	assert_int_equal(g.nrows, 8);		/* the blank row 8 skipped */
	assert_int_equal(import_columns(&g, &c, &why), 0);
	assert_int_equal(c.first, 0);
	assert_int_equal(c.last, 1);
	assert_int_equal(c.email, 2);
	assert_int_equal(c.phone, 3);
	assert_int_equal(g.line[0], 1);
	assert_int_equal(g.line[1], 2);
	cell_is(&g, 1, 0, "Ada");
	cell_is(&g, 1, 3, "+12025550146");
	cell_is(&g, 2, 3, "(202) 555-0147");
	cell_is(&g, 3, 0, "Zoë");
	cell_is(&g, 3, 1, "O'Brien");
	cell_is(&g, 4, 3, NULL);
	cell_is(&g, 5, 0, NULL);		/* row 6: no first name */
	assert_int_equal(g.line[7], 9);		/* row 9 after the blank */
	cell_is(&g, 7, 2, "alan@example.com");
	import_grid_release(&g);
}

static void
csv_mixed(void **state)
{
	(void)state;
	mixed_is_right("people-mixed.csv");
}

static void
xlsx_mixed(void **state)
{
	(void)state;
	mixed_is_right("people-mixed.xlsx");
}

static void
xls_mixed(void **state)
{
	(void)state;
	mixed_is_right("people-mixed.xls");
}

static void
csv_windows_1252_semicolons(void **state)
{
	struct import_grid	 g = IMPORT_GRID_INIT;
	const char		*why;

	(void)state;
	assert_int_equal(read_fixture("people-cp1252.csv", &g, &why), 0);
	assert_int_equal(g.nrows, 2);
	cell_is(&g, 1, 0, "Renée");
	cell_is(&g, 1, 1, "Lefèvre");
	cell_is(&g, 1, 3, "+33612345678");
	import_grid_release(&g);
}

static void
refused_file(const char *name, const char *needle)
{
	struct import_grid	 g = IMPORT_GRID_INIT;
	const char		*why;

	assert_int_equal(read_fixture(name, &g, &why), -1);
	assert_non_null(why);
	assert_non_null(strstr(why, needle));
	import_grid_release(&g);
}

static void
bad_files(void **state)
{
	(void)state;
	refused_file("empty.csv", "empty");
	refused_file("damaged.xlsx", "damaged");
	refused_file("damaged.xls", "damaged");
	refused_file("not-a-sheet.pdf", "PDF");
	refused_file("not-a-sheet.zip", "not an .xlsx");
}

static void
missing_header(void **state)
{
	struct import_grid	 g = IMPORT_GRID_INIT;
	struct import_cols	 c;
	const char		*why;

	(void)state;
	assert_int_equal(read_fixture("no-header.csv", &g, &why), 0);
	assert_int_equal(import_columns(&g, &c, &why), -1);
	assert_non_null(strstr(why, "FirstName"));
	import_grid_release(&g);
}

static void
header_synonyms_and_case(void **state)
{
	const char		 csv[] = "first name,SURNAME,E-mail,Mobile\n"
	    "a,b,c@d.ef,\n";
	struct import_grid	 g = IMPORT_GRID_INIT;
	struct import_cols	 c;
	const char		*why;

	(void)state;
	assert_int_equal(import_csv(csv, sizeof(csv) - 1, &g, &why), 0);
	assert_int_equal(import_columns(&g, &c, &why), 0);
	assert_int_equal(c.first, 0);
	assert_int_equal(c.last, 1);
	assert_int_equal(c.email, 2);
	assert_int_equal(c.phone, 3);
	import_grid_release(&g);
}

static void
header_only(void **state)
{
	const char		 csv[] = "FirstName,LastName,Email\n\n\n";
	struct import_grid	 g = IMPORT_GRID_INIT;
	struct import_cols	 c;
	const char		*why;

	(void)state;
	assert_int_equal(import_csv(csv, sizeof(csv) - 1, &g, &why), 0);
	assert_int_equal(import_columns(&g, &c, &why), -1);
	assert_non_null(strstr(why, "no people"));
	import_grid_release(&g);
}

static void
row_limit(void **state)
{
	struct buf		 b = BUF_INIT;
	struct import_grid	 g = IMPORT_GRID_INIT;
	struct import_cols	 c;
	const char		*why;
	int			 i;

	(void)state;
	buf_adds(&b, "FirstName,LastName,Email\n");
	for (i = 0; i < IMPORT_MAX_ROWS; i++)
		buf_addf(&b, "F%d,L%d,p%d@example.com\n", i, i, i);
	assert_int_equal(import_csv(b.ptr, b.len, &g, &why), 0);
	assert_int_equal(g.nrows, IMPORT_MAX_ROWS + 1);
	assert_false(g.too_many);
	assert_int_equal(import_columns(&g, &c, &why), 0);
	import_grid_release(&g);
	buf_adds(&b, "one,too,many@example.com\n");
	assert_int_equal(import_csv(b.ptr, b.len, &g, &why), 0);
	assert_true(g.too_many);
	assert_int_equal(import_columns(&g, &c, &why), -1);
	assert_non_null(strstr(why, "10,000"));
	import_grid_release(&g);
	buf_release(&b);
}

static void
too_big(void **state)
{
	struct import_grid	 g = IMPORT_GRID_INIT;
	char			*big;
	const char		*why;

	(void)state;
	big = calloc(1, IMPORT_MAX_BYTES + 1);
	assert_non_null(big);
	assert_int_equal(import_read(big, IMPORT_MAX_BYTES + 1, "x.csv", &g,
	    &why), -1);
	assert_non_null(strstr(why, "5 MB"));
	free(big);
	import_grid_release(&g);
}

static void
grid_trims_and_keeps_order(void **state)
{
	struct import_grid	 g = IMPORT_GRID_INIT;

	(void)state;
	import_grid_put(&g, 3, 1, "  x \t", 5);
	import_grid_put(&g, 3, 0, "y", 1);
	import_grid_put(&g, 3, IMPORT_MAX_COLS, "ignored", 7);
	import_grid_put(&g, 5, 2, "   ", 3);	/* blank: no row */
	import_grid_put(&g, 7, 2, "z", 1);
	assert_int_equal(g.nrows, 2);
	cell_is(&g, 0, 1, "x");
	cell_is(&g, 0, 0, "y");
	assert_int_equal(g.line[1], 7);
	cell_is(&g, 1, 2, "z");
	assert_null(import_grid_get(&g, 2, 0));
	import_grid_release(&g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_mixed),
		cmocka_unit_test(xlsx_mixed),
		cmocka_unit_test(xls_mixed),
		cmocka_unit_test(csv_windows_1252_semicolons),
		cmocka_unit_test(bad_files),
		cmocka_unit_test(missing_header),
		cmocka_unit_test(header_synonyms_and_case),
		cmocka_unit_test(header_only),
		cmocka_unit_test(row_limit),
		cmocka_unit_test(too_big),
		cmocka_unit_test(grid_trims_and_keeps_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
