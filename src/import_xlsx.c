/*
 * import_xlsx.c - the XLSX reader of an upload (import.h): the first
 * worksheet of an Office Open XML workbook, through libzip and expat.
 *
 * Owns: finding the first sheet (xl/workbook.xml and its relationships),
 * the shared strings, and the cells of the sheet: shared, inline and
 * formula strings, numbers (a whole number loses any exponent, so that a
 * phone typed as a number reads as its digits), booleans.
 * Not here: the grid and the rows (import.c), CSV and XLS.
 * Parts are streamed from the archive to expat; at most IMPORT_MAX_XML
 * bytes are inflated per part (zip bombs), and a document type
 * declaration stops the parser (entity tricks). Everything allocated here
 * is freed before returning.
 */
#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "buf.h"
#include "log.h"
#include "banned.h"

#define NS_SEP		'|'
#define MAX_STRINGS	(1024 * 1024)

struct xlsx {
	XML_Parser		 p;
	struct import_grid	*g;
	/* workbook.xml and its relationships */
	char			*rid;		/* the first sheet's r:id */
	char			*target;	/* its part name */
	/* sharedStrings.xml */
	char			**sst;
	size_t			 nsst;
	int			 in_rph;	/* inside phonetic runs */
	/* the sheet and the strings: character data being collected */
	struct buf		 text;
	bool			 collect;
	size_t			 row, col;	/* 1-based row, 0-based col */
	char			 ctype[16];	/* t= of the cell */
	bool			 too_big;
};

/* "http://...main|sheet" -> "sheet"; a name without namespace as is. */
static const char *
local(const char *name)
{
	const char	*bar = strrchr(name, NS_SEP);

	return bar != NULL ? bar + 1 : name;
}

static const char *
attr(const char **a, const char *name)
{
	for (; a[0] != NULL; a += 2)
		if (strcmp(local(a[0]), name) == 0)
			return a[1];
	return NULL;
}

static void
on_text(void *arg, const char *s, int len)
{
	struct xlsx	*x = arg;

	if (x->collect && x->text.len + (size_t)len <= IMPORT_MAX_CELL * 4)
		buf_add(&x->text, s, (size_t)len);
}

static void
on_doctype(void *arg, const char *name, const char *sys, const char *pub,
    int internal)
{
	struct xlsx	*x = arg;

	(void)name, (void)sys, (void)pub, (void)internal;
	XML_StopParser(x->p, XML_FALSE);
}

/* Streams part name of z through a new parser with x's handlers. */
static int
part_parse(zip_t *z, const char *name, struct xlsx *x,
    XML_StartElementHandler start, XML_EndElementHandler end, bool *found)
{
	zip_file_t	*f;
	char		 chunk[65536];
	zip_int64_t	 n;
	size_t		 total = 0;
	int		 rc = -1;

	*found = false;
	if ((f = zip_fopen(z, name, 0)) == NULL)
		return 0;
	*found = true;
	x->p = XML_ParserCreateNS(NULL, NS_SEP);
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, start, end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		if ((total += (size_t)n) > IMPORT_MAX_XML) {
			x->too_big = true;
			goto out;
		}
		if (XML_Parse(x->p, chunk, (int)n, 0) != XML_STATUS_OK)
			goto out;
	}
	if (n == 0 && XML_Parse(x->p, "", 0, 1) == XML_STATUS_OK)
		rc = 0;
out:
	if (rc == -1 && XML_GetErrorCode(x->p) != XML_ERROR_ABORTED)
		log_info("import xlsx: %s: %s", name,
		    XML_ErrorString(XML_GetErrorCode(x->p)));
	if (rc == -1 && XML_GetErrorCode(x->p) == XML_ERROR_ABORTED &&
	    x->g->too_many)
		rc = 0;		/* stopped on purpose: enough rows */
	XML_ParserFree(x->p);
	x->p = NULL;
	zip_fclose(f);
	return rc;
}

/* ---- workbook.xml, workbook.xml.rels --------------------------------- */

static void
wb_start(void *arg, const char *el, const char **a)
{
	struct xlsx	*x = arg;
	const char	*id;

	if (x->rid == NULL && strcmp(local(el), "sheet") == 0 &&
	    (id = attr(a, "id")) != NULL)
		x->rid = xstrdup(id);
}

static void
rels_start(void *arg, const char *el, const char **a)
{
	struct xlsx	*x = arg;
	const char	*id = attr(a, "Id"), *t = attr(a, "Target");
	struct buf	 b = BUF_INIT;

	if (x->target != NULL || strcmp(local(el), "Relationship") != 0 ||
	    id == NULL || t == NULL || x->rid == NULL ||
	    strcmp(id, x->rid) != 0)
		return;
	if (t[0] == '/')
		buf_adds(&b, t + 1);
	else
		buf_addf(&b, "xl/%s", t);
	x->target = buf_detach(&b, NULL);
}

static void
no_end(void *arg, const char *el)
{
	(void)arg, (void)el;
}

/* ---- sharedStrings.xml ----------------------------------------------- */

static void
sst_start(void *arg, const char *el, const char **a)
{
	struct xlsx	*x = arg;
	const char	*n = local(el);

	(void)a;
	if (strcmp(n, "si") == 0) {
		buf_reset(&x->text);
		x->collect = false;
	} else if (strcmp(n, "rPh") == 0)
		x->in_rph++;
	else if (strcmp(n, "t") == 0 && x->in_rph == 0)
		x->collect = true;
}

static void
sst_end(void *arg, const char *el)
{
	struct xlsx	*x = arg;
	const char	*n = local(el);

	if (strcmp(n, "t") == 0)
		x->collect = false;
	else if (strcmp(n, "rPh") == 0 && x->in_rph > 0)
		x->in_rph--;
	else if (strcmp(n, "si") == 0 && x->nsst < MAX_STRINGS) {
		x->sst = xreallocarray(x->sst, x->nsst + 1, sizeof(*x->sst));
		x->sst[x->nsst++] = xstrdup(x->text.ptr);
	}
}

/* ---- the sheet ------------------------------------------------------- */

/* "BC12" -> column 54 (0-based); -1 without letters. */
static long
ref_col(const char *r)
{
	long	 c = 0;
	int	 n = 0;

	for (; *r >= 'A' && *r <= 'Z' && n < 4; r++, n++)
		c = c * 26 + (*r - 'A' + 1);
	return n == 0 ? -1 : c - 1;
}

static void
sheet_start(void *arg, const char *el, const char **a)
{
	struct xlsx	*x = arg;
	const char	*n = local(el), *v;
	long		 c;

	if (strcmp(n, "row") == 0) {
		v = attr(a, "r");
		x->row = v != NULL && strtoul(v, NULL, 10) > 0 ?
		    strtoul(v, NULL, 10) : x->row + 1;
		x->col = 0;
	} else if (strcmp(n, "c") == 0) {
		if ((v = attr(a, "r")) != NULL && (c = ref_col(v)) >= 0)
			x->col = (size_t)c;
		v = attr(a, "t");
		snprintf(x->ctype, sizeof(x->ctype), "%s", v != NULL ? v : "n");
		buf_reset(&x->text);
	} else if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)
		x->collect = true;
}

/* A number as a person typed it: whole numbers without exponent. */
static void
number_put(struct xlsx *x, const char *s)
{
	char	*end, num[64];
	double	 d = strtod(s, &end);

	if (*s != '\0' && *end == '\0' && d == (double)(long long)d &&
	    d < 1e18 && d > -1e18) {
		snprintf(num, sizeof(num), "%lld", (long long)d);
		import_grid_put(x->g, x->row, x->col, num, strlen(num));
	} else
		import_grid_put(x->g, x->row, x->col, s, strlen(s));
}

static void
cell_put(struct xlsx *x)
{
	const char	*s = x->text.ptr;
	unsigned long	 i;

	if (strcmp(x->ctype, "s") == 0) {
		i = strtoul(s, NULL, 10);
		if (i < x->nsst)
			import_grid_put(x->g, x->row, x->col, x->sst[i],
			    strlen(x->sst[i]));
	} else if (strcmp(x->ctype, "b") == 0)
		import_grid_put(x->g, x->row, x->col, strcmp(s, "1") == 0 ?
		    "TRUE" : "FALSE", strcmp(s, "1") == 0 ? 4 : 5);
	else if (strcmp(x->ctype, "n") == 0)
		number_put(x, s);
	else
		import_grid_put(x->g, x->row, x->col, s, x->text.len);
}

static void
sheet_end(void *arg, const char *el)
{
	struct xlsx	*x = arg;
	const char	*n = local(el);

	if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)
		x->collect = false;
	else if (strcmp(n, "c") == 0) {
		if (x->row > 0 && x->text.len > 0)
			cell_put(x);
		x->col++;
		if (x->g->too_many)
			XML_StopParser(x->p, XML_FALSE);
	}
}

/* ---- the workbook ---------------------------------------------------- */

static int
workbook(zip_t *z, struct xlsx *x, const char **why)
{
	bool	 found;

	if (part_parse(z, "xl/workbook.xml", x, wb_start, no_end,
	    &found) == -1 || !found) {
		*why = found ? "The spreadsheet is damaged and could not be "
		    "read." : "This is a zip file, not an .xlsx spreadsheet.";
		return -1;
	}
	if (part_parse(z, "xl/_rels/workbook.xml.rels", x, rels_start, no_end,
	    &found) == -1)
		x->target = NULL;
	if (part_parse(z, "xl/sharedStrings.xml", x, sst_start, sst_end,
	    &found) == -1) {
		*why = "The spreadsheet is damaged and could not be read.";
		return -1;
	}
	if (part_parse(z, x->target != NULL ? x->target :
	    "xl/worksheets/sheet1.xml", x, sheet_start, sheet_end,
	    &found) == -1 || !found) {
		*why = x->too_big ? "The spreadsheet is too large once "
		    "unpacked." : "The spreadsheet is damaged and could not "
		    "be read.";
		return -1;
	}
	return 0;
}

int
import_xlsx(const char *data, size_t len, struct import_grid *out,
    const char **why)
{
	struct xlsx	 x;
	zip_error_t	 err;
	zip_source_t	*src;
	zip_t		*z = NULL;
	size_t		 i;
	int		 rc = -1;

	memset(&x, 0, sizeof(x));
	x.g = out;
	buf_init(&x.text);
	zip_error_init(&err);
	if ((src = zip_source_buffer_create(data, len, 0, &err)) == NULL ||
	    (z = zip_open_from_source(src, ZIP_RDONLY, &err)) == NULL) {
		zip_source_free(src);
		*why = "The spreadsheet is damaged and could not be read.";
		goto out;
	}
	rc = workbook(z, &x, why);
	zip_discard(z);
out:
	zip_error_fini(&err);
	for (i = 0; i < x.nsst; i++)
		free(x.sst[i]);
	free(x.sst);
	free(x.rid);
	free(x.target);
	buf_release(&x.text);
	return rc;
}
