/*
 * val.h - checking form fields at the edge, before a handler sees them.
 *
 * Owns: what a name, an email address, an E.164 phone number, a whole
 * number, a yes/no and a password look like; the message that tells a
 * person which field is wrong; phone numbers as typed into an ATS.
 * Not here: parsing bodies (http.c), what the values mean (the handlers).
 * Validators only look; nothing here allocates except into a caller's buf.
 */
#ifndef LOOP_VAL_H
#define LOOP_VAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;
struct kvlist;

enum val_type {
	VAL_TEXT,	/* utf8_text(): may hold TAB, CR, LF; trimmed */
	VAL_NAME,	/* UTF-8, no control characters at all; trimmed */
	VAL_EMAIL,	/* val_email(); trimmed */
	VAL_E164,	/* val_e164(); trimmed */
	VAL_INT64,	/* val_int64(); trimmed; result in num */
	VAL_YESNO,	/* "yes" (num 1) or "no" (num 0); trimmed */
	VAL_PASSWORD,	/* utf8_text(), taken as is: never trimmed */
	VAL__MAX
};

enum val_need {
	VAL_OPTIONAL,
	VAL_REQUIRED
};

/* Default byte limit for a field declared with max 0. */
#define VAL_MAX_DEFAULT	 1024

struct val_field {
	const char	*name;	/* form key; '_' reads as ' ' in messages */
	enum val_type	 type;
	enum val_need	 need;
	size_t		 max;	/* bytes after trimming; 0: VAL_MAX_DEFAULT */
};

/*
 * One checked field. str is borrowed from the kvlist, NUL-terminated at
 * len; num holds VAL_INT64's number and VAL_YESNO's 1/0.
 */
struct val_value {
	bool		 present;
	const char	*str;
	size_t		 len;
	int64_t		 num;
};

/*
 * Checks each of the n fields against form and fills out[0..n). Spaces
 * and TABs around a value are trimmed (except for VAL_PASSWORD) in
 * place: the value stored in the kvlist is shortened and its vlen
 * updated, so str stays NUL-terminated at len. An optional field that
 * is missing or empty after trimming is not present. On the first bad
 * field returns -1 and puts a message for a person, naming the field
 * ("mobile phone must be in E.164 form, like +12025550146"), into why
 * (reset first; why may be NULL); returns 0 otherwise.
 */
int	 val_form(const struct kvlist *form, const struct val_field *fields,
	    size_t n, struct val_value *out, struct buf *why);

/* '+', a first digit 1-9, 8..15 digits in all, nothing else. */
bool	 val_e164(const char *s);
/*
 * Pragmatic address check: local@domain, at most 254 bytes, exactly one
 * '@', a dot-atom local part of at most 64 bytes, a domain of at least
 * two LDH labels whose last is alphabetic, no spaces, controls or
 * non-ASCII bytes.
 */
bool	 val_email(const char *s);
/* Whole of s as a base-10 int64 (optional '-', digits only). 0 or -1. */
int	 val_int64(const char *s, int64_t *out);
/* Lowercases A-Z in place; other bytes are left alone. */
void	 val_lower_ascii(char *s);

/*
 * Best-effort normalisation of a phone number as typed in an ATS, e.g.
 * "(555) 555-1234", "+44 20 7946 0958", "+44 (0)20 7946 0958",
 * "555.555.1234 x12" (the extension is dropped), "0044 20 7946 0958",
 * into E.164 in out. Without a leading '+' or "00", the number is
 * national: default_cc ("1", "44", ...; NULL for none) is prepended, a
 * single trunk '0' dropped, and for "1" it must be a 10-digit NANP
 * number (or 11 starting with 1) whose area code and exchange start with
 * 2-9. Letters other than an extension marker fail. Returns true with
 * out holding a val_e164() number, false (out "") otherwise.
 */
bool	 val_phone_normalize(const char *in, const char *default_cc,
	    char out[17]);

#endif
