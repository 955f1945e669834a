/*
 * tmpl.h - HTML output through Google ctemplate, from C.
 *
 * Owns: loading and checking every .tpl file at worker start, the
 * dictionaries handlers fill, and rendering a template into a struct buf.
 * Not here: which keys a page uses (page.h, templates/README.md) and HTTP
 * responses. C code never builds HTML itself: it fills a dictionary and
 * renders; every value is escaped by the template's AUTOESCAPE context.
 *
 * Ownership: a dictionary from tmpl_dict_new() is the caller's and is
 * given back with tmpl_dict_free(). Dictionaries handed back by
 * tmpl_section_add() and tmpl_include() belong to their parent and die
 * with it: never free them. Keys and values are copied; every string
 * argument is borrowed. A NULL value is stored as "".
 *
 * Out of memory inside ctemplate is logged and aborts, like xmalloc().
 * Every other C++ exception is caught at this boundary.
 */
#ifndef LOOP_TMPL_H
#define LOOP_TMPL_H

#ifdef __cplusplus
extern "C" {
#endif

struct buf;
struct tmpl_dict;

/*
 * Makes dir the template root, then loads and parses every .tpl in it.
 * Each file must begin with the line {{%AUTOESCAPE context="HTML"}} and
 * must not use the none modifier. Returns 0, or -1 (each bad file logged)
 * when any file fails, when dir cannot be read or holds no template; the
 * templates loaded before stay in force then. After success, renders
 * never read the disk again. Calling it again replaces the whole set.
 */
int	 tmpl_init(const char *dir);

/* Frees the loaded templates (at worker exit; for leak checkers). */
void	 tmpl_release(void);

/* A new empty dictionary; the caller frees it with tmpl_dict_free(). */
struct tmpl_dict	*tmpl_dict_new(void);

/* Frees d and every section row and include inside it. NULL is a no-op. */
void	 tmpl_dict_free(struct tmpl_dict *d);

/* {{KEY}} = val (copied). A later set of the same key wins. */
void	 tmpl_set(struct tmpl_dict *d, const char *key, const char *val);

/*
 * {{KEY}} = val for d's template, its sections and every template it
 * includes, at any depth; a value set with tmpl_set() on the way down
 * wins. page.c uses it to hand CSRF and the user to the page body.
 */
void	 tmpl_set_global(struct tmpl_dict *d, const char *key, const char *val);

/* {{KEY}} = the decimal digits of n. */
void	 tmpl_set_int(struct tmpl_dict *d, const char *key, long long n);

/*
 * {{KEY}} = val, and shows {{#KEY}}...{{/KEY}} when val is neither NULL
 * nor "": for slots such as {{#ERROR}}<p>{{ERROR}}</p>{{/ERROR}}.
 */
void	 tmpl_set_shown(struct tmpl_dict *d, const char *key, const char *val);

/*
 * Adds one row to the repeated section {{#SECTION}}; the row's template
 * text sees the row's values first, then its parents'. The row belongs
 * to d. Rows render in the order they were added.
 */
struct tmpl_dict	*tmpl_section_add(struct tmpl_dict *d,
			    const char *section);

/* Shows {{#SECTION}} once (sections are hidden until shown or added). */
void	 tmpl_section_show(struct tmpl_dict *d, const char *section);

/*
 * Fills {{>NAME}} with the template file (a name under the root dir, e.g.
 * "dashboard.tpl") expanded from the dictionary returned, which belongs
 * to d. An included template sees only its own dictionary, not d's
 * values: set what it needs in the child. Calling it again for the same
 * NAME adds another expansion after the first.
 */
struct tmpl_dict	*tmpl_include(struct tmpl_dict *d, const char *name,
			    const char *file);

/*
 * Like tmpl_include(), but the included template is expanded from child,
 * which stays the caller's (borrowed: it must outlive every render of d,
 * and is not freed with d). page.c uses it to place a handler's body
 * dictionary inside the layout.
 */
void	 tmpl_attach(struct tmpl_dict *d, const char *name, const char *file,
	    const struct tmpl_dict *child);

/*
 * Expands the template file (a name as for tmpl_include) from d (NULL: an
 * empty dictionary) and appends the HTML to out. Returns 0, or -1 when
 * the file was not loaded by tmpl_init(), an include names an unknown
 * template, includes nest deeper than 16 (tmpl_attach() loops), or
 * ctemplate fails; the error is logged and out is left as it was.
 */
int	 tmpl_render(const char *file, const struct tmpl_dict *d,
	    struct buf *out);

#ifdef __cplusplus
}
#endif

#endif
