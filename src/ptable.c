/*
 * ptable.c - the table of people that CRM pages share.
 *
 * Owns: one row per person in people_table.tpl, the consent mark, names
 * and counts as the pages print them.
 * Not here: queries (people.c), pages (cgi-bin/crm/).
 * Section dictionaries belong to their parent (tmpl.h).
 */
#include "ptable.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "people.h"
#include "tmpl.h"
#include "banned.h"

void
ptable_name(const struct person_item *it, struct buf *out)
{
	const char	*f = it->first_name != NULL ? it->first_name : "";
	const char	*l = it->last_name != NULL ? it->last_name : "";

	buf_reset(out);
	buf_adds(out, f);
	if (*f != '\0' && *l != '\0')
		buf_addc(out, ' ');
	buf_adds(out, l);
	if (out->len == 0)
		buf_adds(out, "(no name)");
}

void
ptable_consent(const char *state, int *ok, const char **label)
{
	*ok = state != NULL && strcmp(state, "granted") == 0;
	if (*ok)
		*label = "May be texted: SMS consent given";
	else if (state != NULL && strcmp(state, "revoked") == 0)
		*label = "May not be texted: opted out";
	else if (state != NULL && strcmp(state, "requested") == 0)
		*label = "May not be texted yet: consent requested";
	else
		*label = "May not be texted: no SMS consent";
}

void
ptable_count(long long n, struct buf *out)
{
	char	 digits[24];
	size_t	 len, i;

	buf_reset(out);
	if (n < 0)
		n = 0;
	len = (size_t)snprintf(digits, sizeof(digits), "%lld", n);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_addc(out, ',');
		buf_addc(out, digits[i]);
	}
}

/* The first line of a newline-separated list into out. */
static void
first_line(const char *list, struct buf *out)
{
	buf_reset(out);
	if (list != NULL)
		buf_add(out, list, strcspn(list, "\n"));
}

static void
row_fill(struct tmpl_dict *row, const struct person_item *it, struct buf *b)
{
	const char	*label;
	int		 ok;

	tmpl_set_int(row, "PERSON_ID", it->id);
	ptable_name(it, b);
	tmpl_set(row, "NAME", b->ptr);
	first_line(it->emails, b);
	tmpl_set_shown(row, "EMAIL", b->ptr);
	first_line(it->phones, b);
	tmpl_set_shown(row, "PHONE", b->ptr);
	tmpl_set_shown(row, "OWNER", it->owner_name);
	tmpl_set(row, "KIND", it->kind);
	if (it->kind != NULL && strcmp(it->kind, "prospect") == 0)
		tmpl_section_show(row, "PROSPECT");
	buf_reset(b);
	if (it->created_at != NULL)
		buf_add(b, it->created_at, strcspn(it->created_at, "T"));
	tmpl_set(row, "CREATED", b->ptr);
	ptable_consent(it->sms_consent, &ok, &label);
	tmpl_section_show(row, ok ? "CONSENT_OK" : "CONSENT_NO");
	tmpl_set(row, "CONSENT_LABEL", label);
	tmpl_set(row, "CONSENT", it->sms_consent);
}

/* Sections are not inherited by rows: the flags go on each. */
static void
flags_show(struct tmpl_dict *d, unsigned flags)
{
	if (flags & PTABLE_STAGE)
		tmpl_section_show(d, "HAS_STAGE");
	if (flags & PTABLE_ACTIONS)
		tmpl_section_show(d, "HAS_ACTIONS");
}

struct tmpl_dict *
ptable_fill(struct tmpl_dict *parent, const char *name,
    const struct people_list *l, unsigned flags, ptable_row_fn fn, void *arg)
{
	struct tmpl_dict	*t, *row;
	struct buf		 b = BUF_INIT;
	size_t			 i;

	t = tmpl_include(parent, name, "people_table.tpl");
	flags_show(t, flags);
	for (i = 0; i < l->n; i++) {
		row = tmpl_section_add(t, "ROWS");
		flags_show(row, flags);
		row_fill(row, &l->v[i], &b);
		if (fn != NULL)
			fn(arg, &l->v[i], i, row);
	}
	buf_release(&b);
	return t;
}
