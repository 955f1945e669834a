/*
 * test_keywords.c - the inbound text rules, one cmocka test per case.
 *
 * Owns: the cases the issue and ../shared/acceptance/inbound_cases.tsv
 * name, the FCC "any reasonable means" forms (filler, punctuation, emoji,
 * line breaks, Spanish), sentences that must not opt anyone out, and the
 * ones a recruiter should see flagged. Each case is its own test, named
 * after the body, built from one table.
 */
#include "keywords.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "banned.h"

static const struct kcase {
	const char		*body;
	enum keyword_class	 want;
} cases[] = {
	/* acceptance: inbound_cases.tsv */
	{ "STOP",				KEYWORD_OPT_OUT },
	{ "stop",				KEYWORD_OPT_OUT },
	{ "Stop!",				KEYWORD_OPT_OUT },
	{ "END",				KEYWORD_OPT_OUT },
	{ "quit.",				KEYWORD_OPT_OUT },
	{ "UNSUBSCRIBE",			KEYWORD_OPT_OUT },
	{ "Cancel",				KEYWORD_OPT_OUT },
	{ "please stop",			KEYWORD_OPT_OUT },
	{ "START",				KEYWORD_OPT_IN },
	{ "unstop",				KEYWORD_OPT_IN },
	{ "I'll stop by tomorrow",		KEYWORD_NONE },
	{ "Thanks, see you then",		KEYWORD_NONE },
	{ "Can we end the call early?",		KEYWORD_NONE },
	/* every listed opt-out word */
	{ "STOPALL",				KEYWORD_OPT_OUT },
	{ "OPTOUT",				KEYWORD_OPT_OUT },
	{ "REVOKE",				KEYWORD_OPT_OUT },
	{ "opt out",				KEYWORD_OPT_OUT },
	{ "Opt-Out",				KEYWORD_OPT_OUT },
	{ "PARAR",				KEYWORD_OPT_OUT },
	{ "Alto",				KEYWORD_OPT_OUT },
	{ "CANCELAR",				KEYWORD_OPT_OUT },
	{ "No más",				KEYWORD_OPT_OUT },
	{ "no mas",				KEYWORD_OPT_OUT },
	{ "NO MÁS",				KEYWORD_OPT_OUT },
	{ "¡No más!",				KEYWORD_OPT_OUT },
	/* whitespace, line breaks, punctuation, emoji, case */
	{ "  stop  ",				KEYWORD_OPT_OUT },
	{ "\r\nSTOP\r\n",			KEYWORD_OPT_OUT },
	{ "\tStOp\n",				KEYWORD_OPT_OUT },
	{ "STOP!!!",				KEYWORD_OPT_OUT },
	{ "\"stop\"",				KEYWORD_OPT_OUT },
	{ "...stop...",				KEYWORD_OPT_OUT },
	{ "stop \xf0\x9f\x9b\x91",		KEYWORD_OPT_OUT },	/* 🛑 */
	{ "\xf0\x9f\x99\x8f stop \xf0\x9f\x99\x8f", KEYWORD_OPT_OUT },	/* 🙏 */
	{ "\xe2\x9c\x8b\xf0\x9f\x8f\xbd STOP",	KEYWORD_OPT_OUT },	/* ✋🏽 */
	{ "stop\xef\xb8\x8f",			KEYWORD_OPT_OUT },	/* FE0F */
	{ "\xc2\xa0stop\xc2\xa0",		KEYWORD_OPT_OUT },	/* NBSP */
	/* filler words around an opt-out */
	{ "STOP ALL",				KEYWORD_OPT_OUT },
	{ "stop please",			KEYWORD_OPT_OUT },
	{ "Please STOP.",			KEYWORD_OPT_OUT },
	{ "stop texting me",			KEYWORD_OPT_OUT },
	{ "Please stop texting me!",		KEYWORD_OPT_OUT },
	{ "unsubscribe me",			KEYWORD_OPT_OUT },
	{ "Unsubscribe me please, thanks",	KEYWORD_OPT_OUT },
	{ "stop now",				KEYWORD_OPT_OUT },
	{ "cancel all",				KEYWORD_OPT_OUT },
	{ "STOP\nSTOP",				KEYWORD_OPT_OUT },
	{ "stop, thank you",			KEYWORD_OPT_OUT },
	{ "Alto por favor",			KEYWORD_OPT_OUT },
	{ "Ya no más mensajes",			KEYWORD_OPT_OUT },
	{ "baja",				KEYWORD_OPT_OUT },
	/* opt-in */
	{ "start",				KEYWORD_OPT_IN },
	{ "Yes",				KEYWORD_OPT_IN },
	{ "YES!",				KEYWORD_OPT_IN },
	{ "UNSTOP",				KEYWORD_OPT_IN },
	{ " Start. ",				KEYWORD_OPT_IN },
	{ "Yes, Tuesday at 10am works for me!",	KEYWORD_NONE },
	{ "yes please",				KEYWORD_NONE },
	{ "start stop",				KEYWORD_NONE },
	/* help */
	{ "HELP",				KEYWORD_HELP },
	{ "help?",				KEYWORD_HELP },
	{ "Info",				KEYWORD_HELP },
	{ "help please",			KEYWORD_HELP },
	{ "AYUDA",				KEYWORD_HELP },
	{ "Can you help me with my resume?",	KEYWORD_NONE },
	/* a word in a sentence is not an opt-out */
	{ "I can stop by the office at 3",	KEYWORD_NONE },
	{ "I need to cancel Tuesday's interview", KEYWORD_NONE },
	{ "At the end of the day works",	KEYWORD_NONE },
	{ "The end",				KEYWORD_NONE },
	{ "I quit my old job last week",	KEYWORD_NONE },
	{ "Don't stop believing",		KEYWORD_NONE },
	{ "stopwatch",				KEYWORD_NONE },
	{ "Sounds good",			KEYWORD_NONE },
	{ "",					KEYWORD_NONE },
	{ "   \r\n ",				KEYWORD_NONE },
	{ "!!!",				KEYWORD_NONE },
	{ "\xf0\x9f\x91\x8d",			KEYWORD_NONE },		/* 👍 */
	/* revocation in other words: flagged for the recruiter */
	{ "don't text me anymore",		KEYWORD_FLAG },
	{ "Please don’t text me again",		KEYWORD_FLAG },
	{ "do not contact me",			KEYWORD_FLAG },
	{ "remove me from your list",		KEYWORD_FLAG },
	{ "Take me off this list",		KEYWORD_FLAG },
	{ "stop texting me, I found a job",	KEYWORD_FLAG },
	{ "I want to unsubscribe",		KEYWORD_FLAG },
	{ "how do I opt out?",			KEYWORD_FLAG },
	{ "leave me alone",			KEYWORD_FLAG },
	{ "Not interested, thanks",		KEYWORD_FLAG },
	{ "wrong number",			KEYWORD_FLAG },
	{ "no me escriba",			KEYWORD_FLAG },
	{ "No me escriban más por favor",	KEYWORD_FLAG },
	{ "Dejen de enviarme mensajes",		KEYWORD_FLAG },
	{ "no quiero recibir mensajes",		KEYWORD_FLAG },
	{ "Número equivocado",			KEYWORD_FLAG },
	/* not valid UTF-8: bytes read as punctuation, never crash */
	{ "\xff" "stop" "\xfe",			KEYWORD_OPT_OUT },
	{ "st\xc3op",				KEYWORD_NONE },
};

#define NCASES	(sizeof(cases) / sizeof(cases[0]))

static void
one_case(void **state)
{
	const struct kcase	*c = *state;
	enum keyword_class	 got;

	got = keyword_classify(c->body, strlen(c->body));
	if (got != c->want)
		fail_msg("\"%s\": got %s, want %s", c->body,
		    keyword_class_name(got), keyword_class_name(c->want));
}

/* A body at the size limit is still read; past it only flags apply. */
static void
long_bodies(void **state)
{
	char	 big[KEYWORD_MAX_BODY + 64];

	(void)state;
	memset(big, ' ', sizeof(big));
	memcpy(big + 100, "stop", 4);
	assert_int_equal(keyword_classify(big, KEYWORD_MAX_BODY),
	    KEYWORD_OPT_OUT);
	assert_int_equal(keyword_classify(big, sizeof(big)), KEYWORD_NONE);
	memcpy(big + 200, "remove me", 9);
	assert_int_equal(keyword_classify(big, sizeof(big)), KEYWORD_FLAG);
}

static void
opt_out_type(void **state)
{
	(void)state;
	assert_int_equal(keyword_from_opt_out_type("STOP"), KEYWORD_OPT_OUT);
	assert_int_equal(keyword_from_opt_out_type("START"), KEYWORD_OPT_IN);
	assert_int_equal(keyword_from_opt_out_type("HELP"), KEYWORD_HELP);
	assert_int_equal(keyword_from_opt_out_type("stop"), KEYWORD_NONE);
	assert_int_equal(keyword_from_opt_out_type(NULL), KEYWORD_NONE);
}

int
main(void)
{
	struct CMUnitTest	 tests[NCASES + 2];
	char			 names[NCASES][96];
	size_t			 i, j, k;

	for (i = 0; i < NCASES; i++) {
		/* The body, made printable, names the test. */
		k = 0;
		for (j = 0; cases[i].body[j] != '\0' && k < 60; j++)
			names[i][k++] = (unsigned char)cases[i].body[j] < ' ' ?
			    ' ' : cases[i].body[j];
		names[i][k] = '\0';
		memset(&tests[i], 0, sizeof(tests[i]));
		tests[i].name = names[i];
		tests[i].test_func = one_case;
		tests[i].initial_state = (void *)&cases[i];
	}
	tests[NCASES] = (struct CMUnitTest)cmocka_unit_test(long_bodies);
	tests[NCASES + 1] = (struct CMUnitTest)cmocka_unit_test(opt_out_type);
	return _cmocka_run_group_tests("keywords", tests, NCASES + 2,
	    NULL, NULL);
}
