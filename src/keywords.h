/*
 * keywords.h - what an inbound text means for consent: STOP, START, HELP,
 * or a sentence a recruiter should look at.
 *
 * Owns: the one rule table (opt-out, opt-in and help words in English and
 * Spanish, the filler words that may surround an opt-out, the phrases that
 * read like a revocation in other words) and the normalisation of a body
 * before matching: whitespace, CR/LF, punctuation and emoji trimmed at
 * both ends, case and accents folded, words split on the rest.
 * Not here: acting on the answer (cgi-bin/hooks/sms.c, consent.c).
 * Pure functions over the caller's bytes; nothing is allocated.
 */
#ifndef LOOP_KEYWORDS_H
#define LOOP_KEYWORDS_H

#include <stddef.h>

enum keyword_class {
	KEYWORD_NONE,		/* an ordinary reply */
	KEYWORD_OPT_OUT,	/* revokes consent; one confirmation */
	KEYWORD_OPT_IN,		/* grants consent again */
	KEYWORD_HELP,		/* answer with the tenant's help text */
	KEYWORD_FLAG,		/* reads like an opt-out: a person decides */
	KEYWORD__MAX
};

/* Bodies longer than this are never a keyword (they may still be flagged). */
#define KEYWORD_MAX_BODY	1600

/*
 * Classifies body[0..len) (UTF-8; invalid bytes count as punctuation).
 * A whole message that is an opt-out word or phrase, alone or with only
 * filler words around it ("please stop", "STOP ALL", "no más"), is
 * KEYWORD_OPT_OUT; START/YES/UNSTOP alone are KEYWORD_OPT_IN; HELP/INFO
 * (with filler) KEYWORD_HELP. A sentence that merely uses such a word ("I
 * can stop by at 3") is KEYWORD_NONE unless it holds a revocation phrase
 * ("don't text me anymore", "no me escriba"): KEYWORD_FLAG.
 */
enum keyword_class	 keyword_classify(const char *body, size_t len);

/* The Advanced Opt-Out parameter OptOutType ("STOP", "START", "HELP"). */
enum keyword_class	 keyword_from_opt_out_type(const char *type);

/* "opt_out", "opt_in", "help", "flag" or "none". */
const char		*keyword_class_name(enum keyword_class);

#endif
