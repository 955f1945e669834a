/*
 * intake.h - adding people to the CRM: one at a time from the Add Person
 * form or the JSON API, or row by row from an upload.
 *
 * Owns: the duplicate rule (someone who already holds the email or the
 * phone number is that person: offered, never created twice), saving a
 * new person owned by the recruiter who added them, the Harvest "add
 * prospect" write when the tenant has Harvest configured, and merging the
 * contacts of an uploaded row into the person it duplicates.
 * Not here: validating the fields (val.h specs in the callers), the
 * person tables themselves (person.c), spreadsheets (import.c).
 * Everything runs in the caller's open tenant transaction; strings are
 * borrowed.
 */
#ifndef LOOP_INTAKE_H
#define LOOP_INTAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"

struct buf;
struct kvlist;

struct intake_person {
	const char	*first_name;	/* checked by the caller */
	const char	*last_name;
	const char	*email;		/* NULL: none; any case */
	const char	*phone;		/* NULL: none; E.164 already */
	const char	*kind;		/* "candidate" | "prospect" */
	int64_t		 owner_id;	/* the recruiter adding them */
	const char	*source;	/* "crm", "api", "import" */
};

/*
 * Checks the fields of a new person in form - first_name, last_name
 * (required), email, phone (E.164), type ("candidate", the default, or
 * "prospect") - and points p's strings into form (trimmed in place).
 * Returns 0, or -1 with a message naming the bad field in why.
 */
int	 intake_from_form(struct kvlist *form, struct intake_person *p,
	    struct buf *why);

/* The tenant's settings that adding someone depends on. */
struct intake_opts {
	bool	 harvest;	/* Harvest configured: queue "add prospect" */
	bool	 auto_email;	/* auto_optin_email: maybe the opt-in email */
};

/*
 * The settings of the tenant of the transaction, read once for any number
 * of intake_add() calls. 0 or -1.
 */
int	 intake_opts_load(struct db *, int64_t tenant, struct intake_opts *);

/*
 * Adds p unless someone holds its email or phone: then *dup is the newest
 * such person's id, *id 0, and nothing is written. Otherwise *id is the
 * new person's id, *dup 0, a "harvest.prospect" write is queued when
 * Harvest is on, and the opt-in email when the tenant wants it. Returns 0,
 * or -1 when the database fails.
 */
int	 intake_add(struct db *, const struct intake_person *p,
	    const struct intake_opts *, int64_t *id, int64_t *dup);

/*
 * Gives person id the email and phone of p that it does not have yet
 * (names and type stay as they are). *changed says whether anything was
 * added. 0 or -1.
 */
int	 intake_merge(struct db *, int64_t id, const struct intake_person *p,
	    bool *changed);

#endif
