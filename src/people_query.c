/*
 * people_query.c - the People search syntax (people.h): what a recruiter
 * types into the search box, as one of the forms of ARCHITECTURE.md.
 *
 * Owns: people_query_parse() and the form names. Pure: no database, no
 * allocation; fuzzed by tests/fuzz/fuzz_people_query.c.
 * Not here: running a search (people.c, sql/004_crm.sql).
 */
#include "people.h"

#include <string.h>

#include "val.h"
#include "banned.h"

static const char *const form_names[PEOPLE__MAX] = {
	[PEOPLE_ALL] = "all",
	[PEOPLE_WORDS] = "words",
	[PEOPLE_NAME] = "name",
	[PEOPLE_PHONE] = "phone",
	[PEOPLE_EMAIL] = "email",
};

const char *
people_form_name(enum people_form f)
{
	return f < PEOPLE__MAX ? form_names[f] : "all";
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Copies s[0..len) into out->text with every run of whitespace (and, when
 * drop_quotes, every '"') made one space, trimmed. Returns the number of
 * words.
 */
static size_t
collapse(const char *s, size_t len, bool drop_quotes, struct people_query *out)
{
	size_t	 i, o = 0, words = 0;
	bool	 gap = true;

	for (i = 0; i < len; i++) {
		if (is_space(s[i]) || (drop_quotes && s[i] == '"')) {
			gap = true;
			continue;
		}
		if (gap && o > 0)
			out->text[o++] = ' ';
		if (gap)
			words++;
		gap = false;
		out->text[o++] = s[i];
	}
	out->text[o] = '\0';
	return words;
}

/* "+1 (222) 333-4444" -> "+12223334444" when it is E.164 once cleaned. */
static int
parse_phone(const char *s, size_t len, struct people_query *out,
    const char **why)
{
	size_t	 i, o = 0;

	for (i = 0; i < len && o < 16; i++) {
		if (strchr(" .-()\t", s[i]) != NULL)
			continue;
		out->text[o++] = s[i];
	}
	out->text[o] = '\0';
	if (i < len || !val_e164(out->text)) {
		*why = "Search for a phone number in E.164 form, like "
		    "+12223334444.";
		return -1;
	}
	out->form = PEOPLE_PHONE;
	return 0;
}

static int
parse_email(const char *s, size_t len, struct people_query *out,
    const char **why)
{
	memcpy(out->text, s, len);
	out->text[len] = '\0';
	val_lower_ascii(out->text);
	if (!val_email(out->text)) {
		*why = "Search for an email address in quotes, like "
		    "\"name@example.com\".";
		return -1;
	}
	out->form = PEOPLE_EMAIL;
	return 0;
}

/* s[0..len) is trimmed, non-empty and within PEOPLE_Q_MAX. */
static int
parse_trimmed(const char *s, size_t len, struct people_query *out,
    const char **why)
{
	if (len >= 2 && s[0] == '"' && s[len - 1] == '"' &&
	    memchr(s + 1, '"', len - 2) == NULL) {
		s++;
		len -= 2;
		while (len > 0 && is_space(*s)) {
			s++;
			len--;
		}
		while (len > 0 && is_space(s[len - 1]))
			len--;
		if (memchr(s, '@', len) != NULL)
			return parse_email(s, len, out, why);
		if (collapse(s, len, false, out) > 0)
			out->form = PEOPLE_NAME;
		return 0;
	}
	if (s[0] == '+')
		return parse_phone(s, len, out, why);
	if (memchr(s, '@', len) != NULL && memchr(s, ' ', len) == NULL &&
	    memchr(s, '\t', len) == NULL && memchr(s, '"', len) == NULL)
		return parse_email(s, len, out, why);
	if (collapse(s, len, true, out) > PEOPLE_WORDS_MAX) {
		*why = "Search with at most 8 words.";
		return -1;
	}
	if (out->text[0] != '\0')
		out->form = PEOPLE_WORDS;
	return 0;
}

int
people_query_parse(const char *q, struct people_query *out, const char **why)
{
	size_t		 len;
	const char	*dummy;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	memset(out, 0, sizeof(*out));
	out->form = PEOPLE_ALL;
	if (q == NULL)
		return 0;
	while (is_space(*q))
		q++;
	len = strlen(q);
	while (len > 0 && is_space(q[len - 1]))
		len--;
	if (len > PEOPLE_Q_MAX) {
		*why = "The search is too long: at most 200 characters.";
		return -1;
	}
	if (len == 0)
		return 0;
	if (parse_trimmed(q, len, out, why) == -1) {
		memset(out, 0, sizeof(*out));
		out->form = PEOPLE_ALL;
		return -1;
	}
	return 0;
}
