/*
 * keywords.c - the rule table for inbound texts and the matcher over it.
 *
 * Owns: normalising a body into words (UTF-8 decoded; letters and digits
 * kept, ASCII and Latin-1 case and accents folded, apostrophes dropped,
 * everything else, emoji included, a separator, so whatever surrounds the
 * words is trimmed), and matching the words against rules[].
 * Not here: consent changes or replies (cgi-bin/hooks/sms.c).
 * Everything lives on the stack; nothing is allocated or freed.
 */
#include "keywords.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "banned.h"

#define NORM_MAX	2048	/* bytes of normalised words kept */
#define WORDS_MAX	128	/* words kept */

enum role {
	ROLE_OPT_OUT,	/* revokes when the message is only these and filler */
	ROLE_OPT_IN,	/* grants when it is the whole message */
	ROLE_HELP,	/* help when only these and filler */
	ROLE_FILLER,	/* may surround an opt-out or help word */
	ROLE_FLAG,	/* anywhere in a message: a recruiter should look */
	ROLE__MAX
};

/*
 * The rules. Phrases are written normalised: lowercase ASCII, no accents,
 * no apostrophes, one space between words. Longer phrases are tried
 * before shorter ones wherever they overlap.
 */
static const struct rule {
	enum role	 role;
	const char	*phrase;
} rules[] = {
	/* FCC 24-24 names these; Twilio adds STOPALL, REVOKE, OPTOUT. */
	{ ROLE_OPT_OUT,	"stop" },
	{ ROLE_OPT_OUT,	"stopall" },
	{ ROLE_OPT_OUT,	"unsubscribe" },
	{ ROLE_OPT_OUT,	"unsub" },
	{ ROLE_OPT_OUT,	"cancel" },
	{ ROLE_OPT_OUT,	"end" },
	{ ROLE_OPT_OUT,	"quit" },
	{ ROLE_OPT_OUT,	"optout" },
	{ ROLE_OPT_OUT,	"opt out" },
	{ ROLE_OPT_OUT,	"revoke" },
	/* Spanish: "no más" folds to "no mas". */
	{ ROLE_OPT_OUT,	"parar" },
	{ ROLE_OPT_OUT,	"alto" },
	{ ROLE_OPT_OUT,	"cancelar" },
	{ ROLE_OPT_OUT,	"no mas" },
	{ ROLE_OPT_OUT,	"baja" },
	{ ROLE_OPT_IN,	"start" },
	{ ROLE_OPT_IN,	"yes" },
	{ ROLE_OPT_IN,	"unstop" },
	{ ROLE_HELP,	"help" },
	{ ROLE_HELP,	"info" },
	{ ROLE_HELP,	"ayuda" },
	/* Filler: only politeness and what "stop" obviously refers to. */
	{ ROLE_FILLER,	"please" },
	{ ROLE_FILLER,	"pls" },
	{ ROLE_FILLER,	"plz" },
	{ ROLE_FILLER,	"all" },
	{ ROLE_FILLER,	"me" },
	{ ROLE_FILLER,	"now" },
	{ ROLE_FILLER,	"thanks" },
	{ ROLE_FILLER,	"thank you" },
	{ ROLE_FILLER,	"thx" },
	{ ROLE_FILLER,	"ty" },
	{ ROLE_FILLER,	"texting me" },
	{ ROLE_FILLER,	"texting" },
	{ ROLE_FILLER,	"texts" },
	{ ROLE_FILLER,	"messages" },
	{ ROLE_FILLER,	"messaging me" },
	{ ROLE_FILLER,	"sms" },
	{ ROLE_FILLER,	"por favor" },
	{ ROLE_FILLER,	"porfa" },
	{ ROLE_FILLER,	"gracias" },
	{ ROLE_FILLER,	"ya" },
	{ ROLE_FILLER,	"mensajes" },
	/* Revocation in other words, in a sentence: flagged, not acted on. */
	{ ROLE_FLAG,	"dont text" },
	{ ROLE_FLAG,	"do not text" },
	{ ROLE_FLAG,	"dont message" },
	{ ROLE_FLAG,	"do not message" },
	{ ROLE_FLAG,	"dont contact" },
	{ ROLE_FLAG,	"do not contact" },
	{ ROLE_FLAG,	"dont send" },
	{ ROLE_FLAG,	"do not send" },
	{ ROLE_FLAG,	"stop texting" },
	{ ROLE_FLAG,	"stop messaging" },
	{ ROLE_FLAG,	"stop contacting" },
	{ ROLE_FLAG,	"stop sending" },
	{ ROLE_FLAG,	"stop it" },
	{ ROLE_FLAG,	"quit texting" },
	{ ROLE_FLAG,	"no more texts" },
	{ ROLE_FLAG,	"no more messages" },
	{ ROLE_FLAG,	"remove me" },
	{ ROLE_FLAG,	"take me off" },
	{ ROLE_FLAG,	"unsubscribe" },
	{ ROLE_FLAG,	"unsub" },
	{ ROLE_FLAG,	"opt out" },
	{ ROLE_FLAG,	"optout" },
	{ ROLE_FLAG,	"revoke" },
	{ ROLE_FLAG,	"stopall" },
	{ ROLE_FLAG,	"leave me alone" },
	{ ROLE_FLAG,	"not interested" },
	{ ROLE_FLAG,	"no longer interested" },
	{ ROLE_FLAG,	"wrong number" },
	{ ROLE_FLAG,	"lose my number" },
	{ ROLE_FLAG,	"delete my number" },
	{ ROLE_FLAG,	"no me escriba" },
	{ ROLE_FLAG,	"no me escribas" },
	{ ROLE_FLAG,	"no me escriban" },
	{ ROLE_FLAG,	"no me envie" },
	{ ROLE_FLAG,	"no me envien" },
	{ ROLE_FLAG,	"no me manden" },
	{ ROLE_FLAG,	"no me mande" },
	{ ROLE_FLAG,	"no me contacte" },
	{ ROLE_FLAG,	"no me contacten" },
	{ ROLE_FLAG,	"no me llamen" },
	{ ROLE_FLAG,	"dejen de" },
	{ ROLE_FLAG,	"deje de" },
	{ ROLE_FLAG,	"deja de" },
	{ ROLE_FLAG,	"no quiero mensajes" },
	{ ROLE_FLAG,	"no quiero recibir" },
	{ ROLE_FLAG,	"no mas mensajes" },
	{ ROLE_FLAG,	"no mas" },
	{ ROLE_FLAG,	"darme de baja" },
	{ ROLE_FLAG,	"dar de baja" },
	{ ROLE_FLAG,	"borren mi numero" },
	{ ROLE_FLAG,	"no estoy interesado" },
	{ ROLE_FLAG,	"no estoy interesada" },
	{ ROLE_FLAG,	"numero equivocado" },
};

struct words {
	char		 text[NORM_MAX];
	const char	*w[WORDS_MAX];
	size_t		 n;
	bool		 cut;		/* the message did not fit */
};

/* One code point from s[0..len); invalid bytes read as U+FFFD, 1 byte. */
static uint32_t
utf8_next(const unsigned char *s, size_t len, size_t *used)
{
	uint32_t	 c;
	size_t		 n, i;

	*used = 1;
	if (s[0] < 0x80)
		return s[0];
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0xfffd;
	if (n > len)
		return 0xfffd;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0xfffd;
		c = (c << 6) | (s[i] & 0x3f);
	}
	*used = n;
	return c;
}

/*
 * Latin-1 letters U+00C0..U+00FF folded to lowercase ASCII; '*' marks
 * the two that are not letters (multiplication and division signs).
 */
static const char latin1_fold[] =
	"aaaaaaaceeeeiiiidnooooo*ouuuuyts"
	"aaaaaaaceeeeiiiidnooooo*ouuuuyty";

/* Emoji, symbols, general punctuation, variation selectors, tags. */
static bool
is_symbol(uint32_t c)
{
	return (c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xff00 && c <= 0xff0f) ||
	    (c >= 0x1f000 && c <= 0x1faff) || (c >= 0xe0000 && c <= 0xe007f) ||
	    c == 0xfffd || c == 0xfeff || (c >= 0x80 && c < 0xc0);
}

/* Ends the word being written at text[*start..*at), if any. */
static void
word_close(struct words *w, size_t *at, size_t *start)
{
	if (*at == *start)
		return;
	if (w->n == WORDS_MAX) {
		w->cut = true;
		return;
	}
	w->text[*at] = '\0';
	w->w[w->n++] = w->text + *start;
	*start = ++*at;
}

/* Splits s into folded words; cut when it did not fit. */
static void
words_split(const char *s, size_t len, struct words *w)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, used, at = 0, start = 0;
	uint32_t		 c;

	memset(w, 0, sizeof(*w));
	while (i < len && !w->cut) {
		c = utf8_next(p + i, len - i, &used);
		if (at + used + 1 >= NORM_MAX) {
			w->cut = true;
			break;
		}
		if (c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x60)
			;		/* "don't" reads as "dont" */
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			w->text[at++] = (char)c;
		else if (c >= 'A' && c <= 'Z')
			w->text[at++] = (char)(c - 'A' + 'a');
		else if (c >= 0xc0 && c <= 0xff && latin1_fold[c - 0xc0] != '*')
			w->text[at++] = latin1_fold[c - 0xc0];
		else if (c >= 0x100 && !is_symbol(c)) {
			/* another script: kept as it is */
			memcpy(w->text + at, p + i, used);
			at += used;
		} else
			word_close(w, &at, &start);
		i += used;
	}
	if (!w->cut)
		word_close(w, &at, &start);
}

/* Words the phrase covers at w[i], or 0 when it does not match there. */
static size_t
match_at(const struct words *w, size_t i, const char *phrase)
{
	size_t	 k = 0, n;

	while (*phrase != '\0') {
		if (i + k >= w->n)
			return 0;
		n = strcspn(phrase, " ");
		if (strlen(w->w[i + k]) != n || memcmp(w->w[i + k], phrase, n))
			return 0;
		phrase += n;
		if (*phrase == ' ')
			phrase++;
		k++;
	}
	return k;
}

/* The longest rule of a role in mask matching at w[i]; its length. */
static size_t
longest_at(const struct words *w, size_t i, unsigned mask, enum role *role)
{
	size_t	 r, k, best = 0;

	for (r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		if (!(mask & (1u << rules[r].role)))
			continue;
		if ((k = match_at(w, i, rules[r].phrase)) > best) {
			best = k;
			*role = rules[r].role;
		}
	}
	return best;
}

/* A message made only of keywords and filler; KEYWORD_NONE otherwise. */
static enum keyword_class
whole_message(const struct words *w)
{
	const unsigned	 mask = 1u << ROLE_OPT_OUT | 1u << ROLE_OPT_IN |
	    1u << ROLE_HELP | 1u << ROLE_FILLER;
	size_t		 i = 0, k, count[ROLE__MAX] = { 0 };
	enum role	 role = ROLE_FILLER;

	while (i < w->n) {
		if ((k = longest_at(w, i, mask, &role)) == 0)
			return KEYWORD_NONE;
		count[role]++;
		i += k;
	}
	if (count[ROLE_OPT_IN] == 1 && count[ROLE_OPT_OUT] + count[ROLE_HELP] +
	    count[ROLE_FILLER] == 0)
		return KEYWORD_OPT_IN;
	if (count[ROLE_OPT_IN] > 0)
		return KEYWORD_NONE;
	if (count[ROLE_OPT_OUT] > 0 && count[ROLE_HELP] == 0)
		return KEYWORD_OPT_OUT;
	if (count[ROLE_HELP] > 0 && count[ROLE_OPT_OUT] == 0)
		return KEYWORD_HELP;
	return KEYWORD_NONE;
}

enum keyword_class
keyword_classify(const char *body, size_t len)
{
	struct words		 w;
	enum keyword_class	 k = KEYWORD_NONE;
	enum role		 role;
	size_t			 i;

	if (body == NULL)
		return KEYWORD_NONE;
	words_split(body, len, &w);
	if (w.n == 0)
		return KEYWORD_NONE;
	if (!w.cut && len <= KEYWORD_MAX_BODY)
		k = whole_message(&w);
	for (i = 0; k == KEYWORD_NONE && i < w.n; i++)
		if (longest_at(&w, i, 1u << ROLE_FLAG, &role) > 0)
			k = KEYWORD_FLAG;
	return k;
}

enum keyword_class
keyword_from_opt_out_type(const char *type)
{
	if (type == NULL)
		return KEYWORD_NONE;
	if (strcmp(type, "STOP") == 0)
		return KEYWORD_OPT_OUT;
	if (strcmp(type, "START") == 0)
		return KEYWORD_OPT_IN;
	if (strcmp(type, "HELP") == 0)
		return KEYWORD_HELP;
	return KEYWORD_NONE;
}

const char *
keyword_class_name(enum keyword_class k)
{
	static const char *const names[KEYWORD__MAX] = {
		"none", "opt_out", "opt_in", "help", "flag"
	};

	return k < KEYWORD__MAX ? names[k] : "none";
}
