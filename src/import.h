/*
 * import.h - Add Multiple People: a spreadsheet (.csv, .xls, .xlsx) of
 * FirstName, LastName, Email, MobilePhone read into rows, each row added,
 * merged into the person it duplicates, or rejected with its reason.
 *
 * Owns: telling the file's type from its bytes (libmagic), reading the
 * first sheet's cells (libcsv; libfreexl; libzip + expat), the header
 * row's columns, the per-row checks and outcomes, the limits below.
 * Not here: the upload form (cgi-bin/crm/people_upload.c), the duplicate
 * rule and saving (intake.c).
 * A grid and a report own their memory: import_grid_release(),
 * import_report_release(). Messages handed back through *why are static.
 */
#ifndef LOOP_IMPORT_H
#define LOOP_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

#define IMPORT_MAX_BYTES	(5 * 1024 * 1024)	/* the file */
#define IMPORT_MAX_ROWS		10000	/* data rows, header not counted */
#define IMPORT_MAX_COLS		32	/* columns read; later ones ignored */
#define IMPORT_MAX_CELL		4096	/* bytes kept of a cell */
#define IMPORT_MAX_XML		(64 * 1024 * 1024) /* an unzipped part */

enum import_type {
	IMPORT_CSV,
	IMPORT_XLS,
	IMPORT_XLSX,
	IMPORT__MAX
};

/*
 * The non-empty rows of a sheet, in order. cells[i * IMPORT_MAX_COLS + c]
 * is row i's column c (NUL-terminated UTF-8, trimmed), NULL when empty;
 * line[i] is its row number in the sheet (1: the first row).
 */
struct import_grid {
	char		**cells;
	size_t		 *line;
	size_t		  nrows;
	size_t		  cap;
	bool		  too_many;	/* over IMPORT_MAX_ROWS + 1 rows */
};
#define IMPORT_GRID_INIT { NULL, NULL, 0, 0, false }

/*
 * Stores s[0..len) (trimmed; dropped when empty) at row line, column
 * col (0-based; ignored from IMPORT_MAX_COLS). Rows must come in
 * ascending line order; a new line starts a new row.
 */
void	 import_grid_put(struct import_grid *, size_t line, size_t col,
	    const char *s, size_t len);
const char *import_grid_get(const struct import_grid *, size_t row,
	    size_t col);
void	 import_grid_release(struct import_grid *);

/*
 * The type of the file from its bytes alone (name, as the browser sent
 * it, is not trusted: a .csv that holds an XLSX is read as XLSX). -1 with
 * *why for an empty file or one that is not a spreadsheet ("This is a
 * PDF, not a spreadsheet...").
 */
int	 import_detect(const char *data, size_t len, const char *name,
	    enum import_type *type, const char **why);

/*
 * Readers of one format into out (which starts empty). Each returns 0,
 * or -1 with *why when the file is damaged or cannot be read; then out
 * may hold part of the sheet and must still be released.
 */
int	 import_csv(const char *data, size_t len, struct import_grid *out,
	    const char **why);
int	 import_xls(const char *data, size_t len, struct import_grid *out,
	    const char **why);
int	 import_xlsx(const char *data, size_t len, struct import_grid *out,
	    const char **why);

/* Detects, then reads with the right reader. 0, or -1 with *why. */
int	 import_read(const char *data, size_t len, const char *name,
	    struct import_grid *out, const char **why);

/* Columns of the header row (first row), -1 when absent. */
struct import_cols {
	int	 first;
	int	 last;
	int	 email;
	int	 phone;
};

/*
 * Finds FirstName, LastName, Email and (optional) MobilePhone in the
 * first row, ignoring case, spaces, '_' and '-' (a few synonyms too:
 * "First", "Surname", "Mobile", "Phone"...). -1 with *why when a required
 * one is missing, when there are no data rows or too many.
 */
int	 import_columns(const struct import_grid *, struct import_cols *,
	    const char **why);

enum import_outcome {
	IMPORT_ADDED,
	IMPORT_MERGED,		/* someone held the email or phone */
	IMPORT_REJECTED,
	IMPORT_OUTCOME__MAX
};

struct import_result {
	size_t			 line;		/* row in the sheet */
	enum import_outcome	 what;
	int64_t			 person;	/* added or merged into */
	char			*reason;	/* IMPORT_REJECTED: why */
};

struct import_report {
	size_t			 count[IMPORT_OUTCOME__MAX];
	struct import_result	*v;		/* every data row, in order */
	size_t			 n;
};
#define IMPORT_REPORT_INIT { { 0, 0, 0 }, NULL, 0 }

/*
 * Checks each data row (FirstName, LastName, Email required; MobilePhone
 * E.164 when present) and adds or merges the good ones as kind
 * ("candidate" | "prospect") owned by owner, in the caller's open tenant
 * transaction, as intake_add() does under the tenant's settings o.
 * Returns 0, or -1 when the database fails (the caller rolls back:
 * nothing added).
 */
struct intake_opts;
int	 import_run(struct db *, const struct import_grid *,
	    const struct import_cols *, const char *kind, int64_t owner,
	    const struct intake_opts *o, struct import_report *out);
void	 import_report_release(struct import_report *);

#endif
