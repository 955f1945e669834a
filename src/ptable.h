/*
 * ptable.h - the table of people that CRM pages share: the People list, a
 * pool's members, a requisition's applicants.
 *
 * Owns: filling people_table.tpl from a people_list: name and link, first
 * email and phone, owner, created date, type, and the consent mark (a
 * green check when the person may be texted, a red cross when not).
 * Not here: which people (people.c and the handlers), the page around it.
 * The dictionaries made here belong to the parent dictionary.
 */
#ifndef LOOP_PTABLE_H
#define LOOP_PTABLE_H

#include <stddef.h>

struct buf;
struct people_list;
struct person_item;
struct tmpl_dict;

/* Called for each row after it is filled: extra columns, row actions. */
typedef void (*ptable_row_fn)(void *arg, const struct person_item *,
	    size_t i, struct tmpl_dict *row);

/* Optional columns (ptable_fill's flags). */
#define PTABLE_STAGE	0x1	/* the row function sets STAGE */
#define PTABLE_ACTIONS	0x2	/* the row function adds ACTION */

/*
 * Includes people_table.tpl as {{>name}} in parent with one row per
 * person of l, then calls row (may be NULL) for each. Returns the
 * table's dictionary (parent's). Keys: templates/README.md.
 */
struct tmpl_dict	*ptable_fill(struct tmpl_dict *parent, const char *name,
			    const struct people_list *l, unsigned flags,
			    ptable_row_fn row, void *arg);

/* "Zoë O'Brien", or "(no name)": the name to show for it in out. */
void	 ptable_name(const struct person_item *, struct buf *out);

/*
 * The consent mark of a state: *ok true when texts may go (granted),
 * *label the words a screen reader and a tooltip give.
 */
void	 ptable_consent(const char *state, int *ok, const char **label);

/* "1,234" (thousands with commas) for n >= 0 into out. */
void	 ptable_count(long long n, struct buf *out);

#endif
