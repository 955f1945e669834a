/*
 * val.c - checking form fields at the edge, before a handler sees them.
 *
 * Owns: the per-type rules behind val_form(), the messages naming a bad
 * field, the email/E.164/integer predicates, phone normalisation.
 * Not here: parsing bodies into kvlists (http.c).
 * Nothing here allocates except into the caller's why buffer; values stay
 * in, and are borrowed from, the caller's kvlist.
 */
#include "val.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "http.h"
#include "banned.h"

#define EMAIL_MAX	 254
#define EMAIL_LOCAL_MAX	 64
#define DNS_LABEL_MAX	 63
#define E164_MIN	 8
#define E164_MAX	 15

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Puts "<field, '_' as ' '> <what>" into why; returns -1 for the caller. */
static int
bad(struct buf *why, const char *field, const char *what)
{
	const char	*p;

	if (why == NULL)
		return -1;
	buf_reset(why);
	for (p = field; *p != '\0'; p++)
		buf_addc(why, *p == '_' ? ' ' : *p);
	buf_addc(why, ' ');
	buf_adds(why, what);
	return -1;
}

/* UTF-8 without any C0, DEL or C1 control: what a person's name holds. */
static bool
name_ok(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < len; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			return false;
		if (u[i] == 0xc2 && i + 1 < len && u[i + 1] < 0xa0)
			return false;
	}
	return utf8_valid(s, len);
}

/* Trims spaces and TABs off kv's value in place. */
static void
trim_kv(struct kv *kv)
{
	size_t	 start = 0, len = kv->vlen;

	while (start < len && (kv->val[start] == ' ' || kv->val[start] == '\t'))
		start++;
	while (len > start && (kv->val[len - 1] == ' ' ||
	    kv->val[len - 1] == '\t'))
		len--;
	memmove(kv->val, kv->val + start, len - start);
	kv->vlen = len - start;
	kv->val[kv->vlen] = '\0';
}

/* The type rule for a present, non-empty value; -1 with why set. */
static int
val_check(const struct val_field *f, struct val_value *v, struct buf *why)
{
	bool	 nul = strlen(v->str) != v->len;

	switch (f->type) {
	case VAL_TEXT:
	case VAL_PASSWORD:
		if (nul || !utf8_text(v->str, v->len))
			return bad(why, f->name, "must be text without "
			    "control characters");
		return 0;
	case VAL_NAME:
		if (nul || !name_ok(v->str, v->len))
			return bad(why, f->name, "must be text without line "
			    "breaks or control characters");
		return 0;
	case VAL_EMAIL:
		if (nul || !val_email(v->str))
			return bad(why, f->name, "must be an email address, "
			    "like name@example.com");
		return 0;
	case VAL_E164:
		if (nul || !val_e164(v->str))
			return bad(why, f->name, "must be in E.164 form, like "
			    "+12025550146");
		return 0;
	case VAL_INT64:
		if (nul || val_int64(v->str, &v->num) == -1)
			return bad(why, f->name, "must be a whole number");
		return 0;
	case VAL_YESNO:
		if (!nul && (strcmp(v->str, "yes") == 0 ||
		    strcmp(v->str, "no") == 0)) {
			v->num = v->str[0] == 'y';
			return 0;
		}
		return bad(why, f->name, "must be yes or no");
	default:
		return bad(why, f->name, "has an unknown type");
	}
}

static int
val_field(const struct kvlist *form, const struct val_field *f,
    struct val_value *v, struct buf *why)
{
	struct kv	*kv = NULL;
	size_t		 i, max;

	memset(v, 0, sizeof(*v));
	for (i = 0; i < form->n && kv == NULL; i++)
		if (strcmp(form->v[i].key, f->name) == 0)
			kv = &form->v[i];
	if (kv != NULL && f->type != VAL_PASSWORD)
		trim_kv(kv);
	if (kv == NULL || kv->vlen == 0) {
		if (f->need == VAL_REQUIRED)
			return bad(why, f->name, "is required");
		return 0;
	}
	max = f->max == 0 ? VAL_MAX_DEFAULT : f->max;
	if (kv->vlen > max) {
		bad(why, f->name, "is too long");
		if (why != NULL)
			buf_addf(why, " (at most %zu bytes)", max);
		return -1;
	}
	v->str = kv->val;
	v->len = kv->vlen;
	if (val_check(f, v, why) == -1) {
		memset(v, 0, sizeof(*v));
		return -1;
	}
	v->present = true;
	return 0;
}

int
val_form(const struct kvlist *form, const struct val_field *fields,
    size_t n, struct val_value *out, struct buf *why)
{
	size_t	 i;

	if (why != NULL)
		buf_reset(why);
	for (i = 0; i < n; i++)
		memset(&out[i], 0, sizeof(out[i]));
	for (i = 0; i < n; i++)
		if (val_field(form, &fields[i], &out[i], why) == -1)
			return -1;
	return 0;
}

bool
val_e164(const char *s)
{
	size_t	 n;

	if (s == NULL || s[0] != '+' || s[1] < '1' || s[1] > '9')
		return false;
	for (n = 1; s[n] != '\0'; n++)
		if (!is_digit(s[n]) || n > E164_MAX)
			return false;
	return n - 1 >= E164_MIN;
}

/* A dot-atom (RFC 5322) local part: atext runs joined by single dots. */
static bool
email_local(const char *s, size_t len)
{
	size_t	 i;

	if (len == 0 || len > EMAIL_LOCAL_MAX || s[0] == '.' ||
	    s[len - 1] == '.')
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] == '.' && s[i + 1] == '.')
			return false;
		if (!is_alpha(s[i]) && !is_digit(s[i]) &&
		    strchr(".!#$%&'*+-/=?^_`{|}~", s[i]) == NULL)
			return false;
	}
	return true;
}

/* Two or more LDH labels; the last (the TLD) letters only, 2 or more. */
static bool
email_domain(const char *s)
{
	size_t	 i, start = 0, labels = 0;
	bool	 alpha = true;

	for (i = 0;; i++) {
		if (s[i] == '.' || s[i] == '\0') {
			if (i == start || i - start > DNS_LABEL_MAX ||
			    s[start] == '-' || s[i - 1] == '-')
				return false;
			labels++;
			if (s[i] == '\0')
				break;
			start = i + 1;
			alpha = true;
			continue;
		}
		if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '-')
			return false;
		if (!is_alpha(s[i]))
			alpha = false;
	}
	return labels >= 2 && alpha && i - start >= 2;
}

bool
val_email(const char *s)
{
	const char	*at;
	size_t		 len;

	if (s == NULL || (len = strnlen(s, EMAIL_MAX + 1)) > EMAIL_MAX)
		return false;
	if ((at = strchr(s, '@')) == NULL || strchr(at + 1, '@') != NULL)
		return false;
	return email_local(s, (size_t)(at - s)) && email_domain(at + 1);
}

int
val_int64(const char *s, int64_t *out)
{
	const char	*p;
	char		*end;
	long long	 v;

	if (s == NULL)
		return -1;
	p = s[0] == '-' ? s + 1 : s;
	if (*p == '\0')
		return -1;
	for (; *p != '\0'; p++)
		if (!is_digit(*p))
			return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = (int64_t)v;
	return 0;
}

void
val_lower_ascii(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* A NANP number: ten digits, area code and exchange starting 2-9. */
static bool
nanp_ok(const char *d, size_t n)
{
	return n == 10 && d[0] >= '2' && d[3] >= '2';
}

/*
 * Collects the digits of a typed phone number into d[0..*nd): '+' only
 * first, separators " -.()/" skipped, "(0)" after a '+' dropped, the rest
 * from an extension marker (x, ext, #, ',', ';') on ignored.
 */
static bool
phone_digits(const char *p, char d[E164_MAX + 4], size_t *nd, bool *intl)
{
	*nd = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if ((*intl = *p == '+'))
		p++;
	for (; *p != '\0'; p++) {
		if (is_digit(*p)) {
			if (*nd == E164_MAX + 3)
				return false;
			d[(*nd)++] = *p;
		} else if (*intl && *nd > 0 && strncmp(p, "(0)", 3) == 0)
			p += 2;
		else if (strchr(" \t-.()/", *p) != NULL)
			continue;
		else if (*nd > 0 && strchr("xX#,;eE", *p) != NULL)
			break;
		else
			return false;
	}
	return *nd > 0;
}

/*
 * Applies the national rules for country code cc to the digits *n[0..*nd):
 * NANP for "1" (an 11-digit number loses its leading 1), otherwise one
 * trunk '0' dropped. False when cc is not 1-3 digits or the number bad.
 */
static bool
phone_national(const char *cc, const char **n, size_t *nd)
{
	size_t	 ncc = strlen(cc);
	bool	 nanp = strcmp(cc, "1") == 0;

	if (ncc == 0 || ncc > 3 || cc[0] == '0' ||
	    strspn(cc, "0123456789") != ncc)
		return false;
	if ((nanp && *nd == 11 && (*n)[0] == '1') ||
	    (!nanp && (*n)[0] == '0')) {
		(*n)++;
		(*nd)--;
	}
	return !nanp || nanp_ok(*n, *nd);
}

bool
val_phone_normalize(const char *in, const char *default_cc, char out[17])
{
	char		 d[E164_MAX + 4], num[E164_MAX + 8];
	const char	*cc = default_cc == NULL ? "" : default_cc, *n = d;
	size_t		 nd, ncc, skip = 0;
	bool		 intl;

	out[0] = '\0';
	if (in == NULL || !phone_digits(in, d, &nd, &intl))
		return false;
	if (!intl && nd > 2 && strncmp(d, "00", 2) == 0)
		skip = 2;
	else if (!intl && strcmp(cc, "1") == 0 && nd > 3 &&
	    strncmp(d, "011", 3) == 0)
		skip = 3;
	if (skip != 0) {
		intl = true;
		n += skip;
		nd -= skip;
	}
	if (intl)
		cc = "";
	if (!intl && !phone_national(cc, &n, &nd))
		return false;
	if (intl && n[0] == '1' && !nanp_ok(n + 1, nd - 1))
		return false;
	if ((ncc = strlen(cc)) + nd > E164_MAX)
		return false;
	num[0] = '+';
	memcpy(num + 1, cc, ncc);
	memcpy(num + 1 + ncc, n, nd);
	num[1 + ncc + nd] = '\0';
	if (!val_e164(num))
		return false;
	memcpy(out, num, 2 + ncc + nd);
	return true;
}
