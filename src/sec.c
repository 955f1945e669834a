/*
 * sec.c - cryptographic primitives behind one small interface.
 *
 * Owns: libsodium (random, secretbox, argon2id, constant-time compare)
 * and OpenSSL (HMAC, SHA-256, base64) calls.
 * Not here: key management beyond the master key in cfg.
 */
#include "sec.h"

#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sodium.h>

#include "cfg.h"
#include "log.h"
#include "banned.h"

int
sec_init(void)
{
	if (sodium_init() < 0) {
		log_err("sodium_init failed");
		return -1;
	}
	return 0;
}

void
sec_token(struct buf *out, size_t n)
{
	unsigned char	 raw[64];
	size_t		 elen;

	if (n > sizeof(raw))
		n = sizeof(raw);
	randombytes_buf(raw, n);
	elen = sodium_base64_ENCODED_LEN(n,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	buf_grow(out, elen);
	sodium_bin2base64(out->ptr + out->len, elen, raw, n,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	out->len += strlen(out->ptr + out->len);
	sodium_memzero(raw, sizeof(raw));
}

void
sec_code6(char out[7])
{
	uint32_t	 v = randombytes_uniform(1000000);
	int		 i;

	for (i = 5; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
	out[6] = '\0';
}

static void
tohex(const unsigned char *in, size_t n, char *out)
{
	static const char	 d[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = d[in[i] >> 4];
		out[2 * i + 1] = d[in[i] & 15];
	}
	out[2 * n] = '\0';
}

void
sec_sha256_hex(const void *data, size_t len, char out[SEC_HEX_SHA256])
{
	unsigned char	 md[SHA256_DIGEST_LENGTH];

	SHA256(data, len, md);
	tohex(md, sizeof(md), out);
}

void
sec_hmac_sha256(const void *key, size_t klen, const void *data, size_t len,
    unsigned char out[32])
{
	unsigned int	 mdlen = 32;

	HMAC(EVP_sha256(), key, (int)klen, data, len, out, &mdlen);
}

void
sec_hmac_sha256_hex(const void *key, size_t klen, const void *data,
    size_t len, char out[SEC_HEX_SHA256])
{
	unsigned char	 md[32];

	sec_hmac_sha256(key, klen, data, len, md);
	tohex(md, sizeof(md), out);
}

void
sec_hmac_sha1_b64(const void *key, size_t klen, const void *data,
    size_t len, struct buf *out)
{
	unsigned char	 md[20];
	unsigned int	 mdlen = sizeof(md);
	char		 b64[32];

	HMAC(EVP_sha1(), key, (int)klen, data, len, md, &mdlen);
	EVP_EncodeBlock((unsigned char *)b64, md, (int)mdlen);
	buf_adds(out, b64);
}

bool
sec_equal(const void *a, size_t alen, const void *b, size_t blen)
{
	if (alen != blen)
		return false;
	if (alen == 0)
		return true;
	return sodium_memcmp(a, b, alen) == 0;
}

void
sec_seal(const void *plain, size_t len, struct buf *out)
{
	unsigned char	*p;

	buf_grow(out, crypto_secretbox_NONCEBYTES +
	    crypto_secretbox_MACBYTES + len);
	p = (unsigned char *)out->ptr + out->len;
	randombytes_buf(p, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(p + crypto_secretbox_NONCEBYTES, plain, len, p,
	    cfg.master_key);
	out->len += crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
	    len;
	out->ptr[out->len] = '\0';
}

int
sec_open(const void *sealed, size_t len, struct buf *out)
{
	const unsigned char	*s = sealed;
	size_t			 plen;

	if (!cfg.have_key || len < crypto_secretbox_NONCEBYTES +
	    crypto_secretbox_MACBYTES)
		return -1;
	plen = len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	buf_grow(out, plen);
	if (crypto_secretbox_open_easy((unsigned char *)out->ptr + out->len,
	    s + crypto_secretbox_NONCEBYTES, len - crypto_secretbox_NONCEBYTES,
	    s, cfg.master_key) != 0) {
		log_err("secret failed to decrypt (wrong master key?)");
		return -1;
	}
	out->len += plen;
	out->ptr[out->len] = '\0';
	return 0;
}

int
sec_open_bytea(const char *hexval, struct buf *out)
{
	struct buf	 raw = BUF_INIT;
	int		 rc = -1;

	if (hexval != NULL && strncmp(hexval, "\\x", 2) == 0 &&
	    sec_unhex(hexval + 2, &raw) == 0)
		rc = sec_open(raw.ptr, raw.len, out);
	buf_release(&raw);
	return rc;
}

int
sec_pw_hash(const char *pw, struct buf *hash)
{
	char	 h[crypto_pwhash_STRBYTES];

	if (crypto_pwhash_str(h, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		log_err("argon2id: out of memory");
		return -1;
	}
	buf_adds(hash, h);
	return 0;
}

bool
sec_pw_verify(const char *hash, const char *pw)
{
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

void
sec_pw_dummy(const char *pw)
{
	static char	 dummy[crypto_pwhash_STRBYTES];

	if (dummy[0] == '\0' && crypto_pwhash_str(dummy, "x", 1,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return;
	if (crypto_pwhash_str_verify(dummy, pw, strlen(pw)) == 0)
		log_err("dummy password matched");
}

void
sec_hex(const void *data, size_t len, struct buf *out)
{
	buf_grow(out, 2 * len);
	tohex(data, len, out->ptr + out->len);
	out->len += 2 * len;
}

int
sec_unhex(const char *hex, struct buf *out)
{
	size_t	 n = strlen(hex), bin;

	buf_grow(out, n / 2 + 1);
	if (sodium_hex2bin((unsigned char *)out->ptr + out->len, n / 2 + 1,
	    hex, n, NULL, &bin, NULL) != 0 || bin * 2 != n)
		return -1;
	out->len += bin;
	out->ptr[out->len] = '\0';
	return 0;
}
