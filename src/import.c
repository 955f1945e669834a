/*
 * import.c - Add Multiple People: the grid of cells, the file's type, the
 * header row, and each data row's outcome.
 *
 * Owns: struct import_grid, libmagic's verdict on an upload, the column
 * names a header may use, the checks of a row and the report.
 * Not here: the readers of each format (import_read.c: CSV and XLS;
 * import_xlsx.c), saving people (intake.c), the page (people_upload.c).
 * The magic cookie is opened once per process and kept.
 */
#include "import.h"

#include <stdlib.h>
#include <string.h>

#include <magic.h>

#include "buf.h"
#include "http.h"
#include "intake.h"
#include "log.h"
#include "val.h"
#include "banned.h"

/* ---- the grid -------------------------------------------------------- */

static bool
blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void
import_grid_put(struct import_grid *g, size_t line, size_t col,
    const char *s, size_t len)
{
	char	**cell;
	size_t	  i;

	while (len > 0 && blank((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && blank((unsigned char)s[len - 1]))
		len--;
	if (len == 0 || col >= IMPORT_MAX_COLS || g->too_many)
		return;
	if (g->nrows == 0 || g->line[g->nrows - 1] != line) {
		if (g->nrows == IMPORT_MAX_ROWS + 1) {
			g->too_many = true;
			return;
		}
		if (g->nrows == g->cap) {
			g->cap = g->cap == 0 ? 64 : g->cap * 2;
			g->cells = xreallocarray(g->cells, g->cap *
			    IMPORT_MAX_COLS, sizeof(*g->cells));
			g->line = xreallocarray(g->line, g->cap,
			    sizeof(*g->line));
		}
		for (i = 0; i < IMPORT_MAX_COLS; i++)
			g->cells[g->nrows * IMPORT_MAX_COLS + i] = NULL;
		g->line[g->nrows++] = line;
	}
	cell = &g->cells[(g->nrows - 1) * IMPORT_MAX_COLS + col];
	free(*cell);
	*cell = xstrndup(s, len < IMPORT_MAX_CELL ? len : IMPORT_MAX_CELL);
}

const char *
import_grid_get(const struct import_grid *g, size_t row, size_t col)
{
	if (row >= g->nrows || col >= IMPORT_MAX_COLS)
		return NULL;
	return g->cells[row * IMPORT_MAX_COLS + col];
}

void
import_grid_release(struct import_grid *g)
{
	size_t	 i;

	for (i = 0; i < g->nrows * IMPORT_MAX_COLS; i++)
		free(g->cells[i]);
	free(g->cells);
	free(g->line);
	memset(g, 0, sizeof(*g));
}

/* ---- what the file is ------------------------------------------------ */

static const struct mime_kind {
	const char	*mime;		/* prefix of libmagic's MIME type */
	int		 type;		/* enum import_type, or -1: refused */
	const char	*why;		/* for a refusal */
} mimes[] = {
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml",
	    IMPORT_XLSX, NULL },
	{ "application/zip", IMPORT_XLSX, NULL },
	{ "application/vnd.ms-excel", IMPORT_XLS, NULL },
	{ "application/CDFV2", IMPORT_XLS, NULL },
	{ "application/x-ole-storage", IMPORT_XLS, NULL },
	{ "text/", IMPORT_CSV, NULL },
	{ "application/csv", IMPORT_CSV, NULL },
	{ "application/x-empty", -1, "The file is empty." },
	{ "inode/x-empty", -1, "The file is empty." },
	{ "application/pdf", -1, "This is a PDF, not a spreadsheet. Upload"
	    " a .csv, .xls or .xlsx file." },
	{ "image/", -1, "This is an image, not a spreadsheet. Upload a .csv,"
	    " .xls or .xlsx file." },
	{ "application/vnd.oasis.opendocument.spreadsheet", -1, "OpenDocument"
	    " spreadsheets (.ods) cannot be read: save it as .xlsx or .csv"
	    " first." },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml", -1,
	    "This is a Word document, not a spreadsheet. Upload a .csv, .xls"
	    " or .xlsx file." },
};

static const char *const not_sheet = "This file is not a spreadsheet that"
    " Loop can read. Upload a .csv, .xls or .xlsx file.";

static magic_t
cookie(void)
{
	static magic_t	 m;

	if (m == NULL && (m = magic_open(MAGIC_MIME_TYPE)) != NULL &&
	    magic_load(m, NULL) == -1) {
		log_err("magic_load: %s", magic_error(m));
		magic_close(m);
		m = NULL;
	}
	return m;
}

int
import_detect(const char *data, size_t len, const char *name,
    enum import_type *type, const char **why)
{
	const char	*mime = NULL;
	magic_t		 m;
	size_t		 i;

	(void)name;
	if (len == 0) {
		*why = "The file is empty.";
		return -1;
	}
	if ((m = cookie()) != NULL)
		mime = magic_buffer(m, data, len);
	if (mime == NULL) {
		log_err("import: cannot tell the type of an upload");
		*why = not_sheet;
		return -1;
	}
	for (i = 0; i < sizeof(mimes) / sizeof(mimes[0]); i++) {
		if (strncmp(mime, mimes[i].mime, strlen(mimes[i].mime)) != 0)
			continue;
		if (mimes[i].type < 0) {
			*why = mimes[i].why;
			return -1;
		}
		*type = (enum import_type)mimes[i].type;
		return 0;
	}
	*why = not_sheet;
	return -1;
}

int
import_read(const char *data, size_t len, const char *name,
    struct import_grid *out, const char **why)
{
	enum import_type	 t;

	if (len > IMPORT_MAX_BYTES) {
		*why = "The file is larger than 5 MB.";
		return -1;
	}
	if (import_detect(data, len, name, &t, why) == -1)
		return -1;
	switch (t) {
	case IMPORT_CSV:
		return import_csv(data, len, out, why);
	case IMPORT_XLS:
		return import_xls(data, len, out, why);
	default:
		return import_xlsx(data, len, out, why);
	}
}

/* ---- the header ------------------------------------------------------ */

/* "First Name" -> "firstname": lowercase, without ' ', '_', '-', '.'. */
static void
header_key(const char *s, char *out, size_t max)
{
	size_t	 o = 0;

	for (; s != NULL && *s != '\0' && o + 1 < max; s++)
		if (strchr(" _-.", *s) == NULL)
			out[o++] = (*s >= 'A' && *s <= 'Z') ? *s - 'A' + 'a' : *s;
	out[o] = '\0';
}

static int
column_of(const char *key)
{
	static const char *const names[4][7] = {
		{ "firstname", "first", "givenname", NULL },
		{ "lastname", "last", "surname", "familyname", NULL },
		{ "email", "emailaddress", NULL },
		{ "mobilephone", "mobile", "mobilenumber", "phone",
		    "phonenumber", "cellphone", NULL },
	};
	int	 c, i;

	for (c = 0; c < 4; c++)
		for (i = 0; names[c][i] != NULL; i++)
			if (strcmp(key, names[c][i]) == 0)
				return c;
	return -1;
}

int
import_columns(const struct import_grid *g, struct import_cols *c,
    const char **why)
{
	int	*slot[4] = { &c->first, &c->last, &c->email, &c->phone };
	char	 key[64];
	size_t	 i;
	int	 k;

	c->first = c->last = c->email = c->phone = -1;
	for (i = 0; i < IMPORT_MAX_COLS; i++) {
		header_key(import_grid_get(g, 0, i), key, sizeof(key));
		if ((k = column_of(key)) >= 0 && *slot[k] < 0)
			*slot[k] = (int)i;
	}
	if (g->too_many)
		*why = "The file has more than 10,000 rows: split it into"
		    " smaller files.";
	else if (c->first < 0 || c->last < 0 || c->email < 0)
		*why = "The first row must name the columns FirstName, LastName,"
		    " Email and (if you have them) MobilePhone. The sample file"
		    " shows the layout.";
	else if (g->nrows < 2)
		*why = "The file has a header row but no people.";
	else
		return 0;
	return -1;
}

/* ---- the rows -------------------------------------------------------- */

enum { R_FIRST, R_LAST, R_EMAIL, R_PHONE, R__MAX };
static const struct val_field row_fields[R__MAX] = {
	[R_FIRST] =	{ "FirstName", VAL_NAME, VAL_REQUIRED, 100 },
	[R_LAST] =	{ "LastName", VAL_NAME, VAL_REQUIRED, 100 },
	[R_EMAIL] =	{ "Email", VAL_EMAIL, VAL_REQUIRED, 254 },
	[R_PHONE] =	{ "MobilePhone", VAL_E164, VAL_OPTIONAL, 16 },
};

/* What every row of one run shares. */
struct run {
	struct db			*db;
	const struct import_grid	*g;
	const struct import_cols	*c;
	struct intake_person		 p;	/* kind, owner, source */
	const struct intake_opts	*o;
	struct buf			 why;
};

static void
kv_cell(struct kvlist *kv, const char *key, const struct import_grid *g,
    size_t row, int col)
{
	const char	*s = col >= 0 ? import_grid_get(g, row, (size_t)col) :
	    NULL;

	if (s != NULL)
		kvlist_add(kv, key, strlen(key), s, strlen(s));
}

/* One data row: rejected with a reason, or added, or merged. */
static int
row_run(struct run *x, size_t row, struct import_result *res)
{
	struct kvlist		 kv = KVLIST_INIT;
	struct val_value	 v[R__MAX];
	int64_t			 id, dup;
	bool			 changed;
	int			 rc = -1;

	kv_cell(&kv, "FirstName", x->g, row, x->c->first);
	kv_cell(&kv, "LastName", x->g, row, x->c->last);
	kv_cell(&kv, "Email", x->g, row, x->c->email);
	kv_cell(&kv, "MobilePhone", x->g, row, x->c->phone);
	res->line = x->g->line[row];
	if (val_form(&kv, row_fields, R__MAX, v, &x->why) == -1) {
		res->what = IMPORT_REJECTED;
		res->reason = xstrdup(x->why.ptr);
		rc = 0;
		goto out;
	}
	x->p.first_name = v[R_FIRST].str;
	x->p.last_name = v[R_LAST].str;
	x->p.email = v[R_EMAIL].str;
	x->p.phone = v[R_PHONE].present ? v[R_PHONE].str : NULL;
	if (intake_add(x->db, &x->p, x->o, &id, &dup) == -1 ||
	    (dup > 0 && intake_merge(x->db, dup, &x->p, &changed) == -1))
		goto out;
	res->what = dup > 0 ? IMPORT_MERGED : IMPORT_ADDED;
	res->person = dup > 0 ? dup : id;
	rc = 0;
out:
	kvlist_release(&kv);
	return rc;
}

int
import_run(struct db *db, const struct import_grid *g,
    const struct import_cols *c, const char *kind, int64_t owner,
    const struct intake_opts *o, struct import_report *out)
{
	struct run	 x;
	size_t		 i;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&x, 0, sizeof(x));
	x.db = db;
	x.g = g;
	x.c = c;
	x.p.kind = kind;
	x.p.owner_id = owner;
	x.p.source = "import";
	x.o = o;
	buf_init(&x.why);
	out->v = xcalloc(g->nrows + 1, sizeof(*out->v));
	for (i = 1; i < g->nrows; i++) {
		if (row_run(&x, i, &out->v[out->n]) == -1)
			goto out;
		out->count[out->v[out->n++].what]++;
	}
	rc = 0;
out:
	buf_release(&x.why);
	return rc;
}

void
import_report_release(struct import_report *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].reason);
	free(r->v);
	memset(r, 0, sizeof(*r));
}
