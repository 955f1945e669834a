/*
 * people.h - reading people: the search syntax, search, lists, one person,
 * duplicates, and the JSON shape of a person.
 *
 * Owns: parsing what a recruiter types into the search box (pure: the
 * forms of ARCHITECTURE.md "Search syntax"), running a search newest first
 * with keyset pagination (the SQL is people_search_ids() in
 * sql/004_crm.sql), loading people by id, finding people who already hold
 * an email or phone, and the JSON object of a person.
 * Not here: writing people (person.c), pages and API handlers
 * (cgi-bin/crm/people*.c, api_people.c).
 * Every database call runs in the caller's open tenant transaction (row-
 * level security scopes it). A people_list owns its rows: release it with
 * people_list_release(); its items' strings are borrowed from it.
 */
#ifndef LOOP_PEOPLE_H
#define LOOP_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct json_object;

enum people_form {
	PEOPLE_ALL,		/* nothing typed: everyone */
	PEOPLE_WORDS,		/* words starting name words, any order */
	PEOPLE_NAME,		/* "First Last": that full name */
	PEOPLE_PHONE,		/* +12223334444 */
	PEOPLE_EMAIL,		/* "someone@example.com" */
	PEOPLE__MAX
};

#define PEOPLE_Q_MAX		200	/* bytes a query may have */
#define PEOPLE_WORDS_MAX	8	/* words in one query */
#define PEOPLE_LIMIT_DEFAULT	50
#define PEOPLE_LIMIT_MAX	200

struct people_query {
	enum people_form	 form;
	/*
	 * What the form looks for: the words separated by single spaces,
	 * the full name without its quotes, the E.164 number, the email in
	 * lowercase; "" for PEOPLE_ALL.
	 */
	char			 text[PEOPLE_Q_MAX + 1];
};

/*
 * Parses a query as typed (q NULL or blank: everyone). Surrounding
 * whitespace is ignored. "..." holding an '@' is an email, other quoted
 * text a full name; a leading '+' starts a phone number, in which spaces,
 * dots, dashes and brackets are ignored and the rest must be E.164; an
 * unquoted single token with an '@' is an email too; anything else is
 * words (stray quotes dropped). Returns 0, or -1 with *why pointing at a
 * static message for a person (a query too long, with too many words, a
 * phone number or an email address that cannot be one). Pure.
 */
int		 people_query_parse(const char *q, struct people_query *out,
		    const char **why);

/* "all", "words", "name", "phone", "email": the p_form of the SQL. */
const char	*people_form_name(enum people_form);

/* One person as lists show them; strings borrowed from the list. */
struct person_item {
	int64_t		 id;
	const char	*first_name;
	const char	*last_name;
	const char	*kind;		/* "candidate" | "prospect" */
	const char	*sms_consent;	/* none, requested, granted, revoked */
	int64_t		 greenhouse_id;	/* 0: none */
	const char	*created_at;	/* ISO 8601 UTC, "...Z" */
	int64_t		 owner_id;	/* 0: none */
	const char	*owner_name;	/* NULL: none */
	const char	*emails;	/* newline-separated, primary first */
	const char	*phones;	/* newline-separated, E.164 or as typed */
	const char	*company;	/* NULL: unknown */
	const char	*title;
	const char	*source;
	const char	*extra;		/* people_of(): PEOPLE_IN_JOB's stage */
};

struct people_list {
	struct person_item	*v;
	size_t			 n;
	int64_t			 next;	/* continue below this id; 0: end */
	struct db_rows		 rows;	/* owns the strings */
};
#define PEOPLE_LIST_INIT { NULL, 0, 0, DB_ROWS_INIT }

void	 people_list_release(struct people_list *);

/*
 * Up to limit (1..PEOPLE_LIMIT_MAX) people matching q with ids below
 * before (0: from the newest), newest first; out->next is set when more
 * follow. Returns 0 or -1 (database failure, logged).
 */
int	 people_search(struct db *, const struct people_query *q,
	    int64_t before, int limit, struct people_list *out);

/*
 * How many people match q, counting at most cap; *n == cap means "cap or
 * more". Returns 0 or -1.
 */
int	 people_count(struct db *, const struct people_query *q, int cap,
	    int64_t *n);

/* The person with id in out (n 0 when not this tenant's). 0 or -1. */
int	 people_get(struct db *, int64_t id, struct people_list *out);

/*
 * The people who hold email (any case) or the E.164 phone (each may be
 * NULL), newest first, at most PEOPLE_LIMIT_DEFAULT. 0 or -1.
 */
int	 people_find_dups(struct db *, const char *email, const char *phone,
	    struct people_list *out);

/* Sets of people that pages list (people_of()). */
enum people_set {
	PEOPLE_IN_POOL,		/* members of pool id */
	PEOPLE_IN_JOB,		/* applicants to job id (jobs.id); extra:
				   the application's current stage */
	PEOPLE_PINNED_BY,	/* pinned by user id */
	PEOPLE_SET__MAX
};

/*
 * Up to limit people of the set, newest first, with ids below before (0:
 * from the top); out->next as people_search(). 0 or -1.
 */
int	 people_of(struct db *, enum people_set, int64_t id, int64_t before,
	    int limit, struct people_list *out);

/*
 * A new JSON object for it (the caller puts it): id, first_name,
 * last_name, emails[], phones[], sms_consent, greenhouse_id (null when
 * none), created_at, type, owner ({id, name} or null).
 */
struct json_object	*people_item_json(const struct person_item *it);

/*
 * Calls fn for each line of a newline-separated list (emails, phones),
 * with the line's bytes and length. Empty lines are skipped.
 */
void	 people_each_line(const char *list,
	    void (*fn)(void *arg, const char *s, size_t len), void *arg);

#endif
