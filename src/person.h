/*
 * person.h - writing people: candidates and prospects with their emails
 * and phones, whoever they come from (Greenhouse, the CRM, an upload).
 *
 * Owns: struct person_rec, saving one in the caller's tenant transaction
 * (insert, or update by id or by Greenhouse id, never letting an older
 * Greenhouse change overwrite a newer one), replacing its emails and
 * phones (phones normalised to E.164 where possible), deleting.
 * Not here: reading, searching and JSON for the API (people.c), consent
 * (consent.c), Greenhouse JSON mapping (gh_map.c).
 * Strings in a person_rec are borrowed from the caller.
 */
#ifndef LOOP_PERSON_H
#define LOOP_PERSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct json_object;

#define PERSON_MAX_CONTACTS	16

struct person_email {
	const char	*email;		/* any case; stored lowercased */
	const char	*type;		/* personal, work, other, or NULL */
};

struct person_phone {
	const char	*raw;		/* as given */
	const char	*type;		/* mobile, home, work, other, or NULL */
};

struct person_rec {
	int64_t			 id;		/* 0: new or by greenhouse_id */
	int64_t			 greenhouse_id;	/* 0: none */
	const char		*kind;		/* "candidate" | "prospect"; NULL: keep */
	const char		*first_name;
	const char		*last_name;
	const char		*company;	/* NULL: unknown */
	const char		*title;
	int64_t			 owner_id;	/* recruiter (users.id); 0: none */
	const char		*owner_email;	/* owner by users.email when owner_id 0 */
	const char		*gh_recruiter_json; /* {id,name,email} from Greenhouse */
	const char		*source;	/* crm, greenhouse, import, api, demo */
	const char		*addresses_json; /* JSON array text, or NULL */
	const char		*tags_json;	/* JSON array text, or NULL */
	const char		*custom_fields_json; /* JSON object, or NULL */
	const char		*gh_created_at;	/* ISO-8601, or NULL */
	const char		*gh_updated_at;	/* ISO-8601, or NULL */
	struct person_email	 emails[PERSON_MAX_CONTACTS];
	size_t			 nemails;
	struct person_phone	 phones[PERSON_MAX_CONTACTS];
	size_t			 nphones;
};

enum person_saved {
	PERSON_CREATED,
	PERSON_UPDATED,
	PERSON_STALE,		/* nothing done: an older Greenhouse change,
				   or the same as what is stored */
	PERSON_DELETED		/* Greenhouse deleted this id: nothing done */
};

/*
 * Saves rec in the open tenant transaction. With greenhouse_id set, finds
 * the person by it (creating them when unknown) and applies the change
 * only when gh_updated_at is not older than the stored one and the record
 * differs from the one stored (a digest of it is kept: a redelivery
 * writes nothing, so it locks nothing). Emails and phones are replaced
 * when the rec carries any (or always on a Greenhouse change). *id gets
 * the person's id.
 */
int	 person_save(struct db *, const struct person_rec *, int64_t *id,
	    enum person_saved *what);

/*
 * The record gh_person_save() (sql/003) takes for rec, as a new json-c
 * object (caller puts): what the webhook path sends inside gh_deliver().
 */
struct json_object	*person_gh_json(const struct person_rec *);

/* Deletes a person and everything of theirs; *found false when absent. */
int	 person_delete(struct db *, int64_t id, bool *found);

/* The person's id by Greenhouse id; *found false when unknown. */
int	 person_by_greenhouse(struct db *, int64_t gh_id, int64_t *id,
	    bool *found);

#endif
