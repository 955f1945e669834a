/*
 * sec.h - secrets: random tokens, hashes, HMACs, encryption at rest,
 * password hashing.
 *
 * Owns: every use of libcrypto and libsodium primitives in Loop.
 * Not here: where tokens are stored (auth.c) or sent.
 * Output buffers are the caller's; sizes are given in the names.
 */
#ifndef LOOP_SEC_H
#define LOOP_SEC_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define SEC_TOKEN_BYTES	32	/* 256 bits of randomness */
#define SEC_HEX_SHA256	65	/* 64 hex digits and NUL */

int	 sec_init(void);		/* sodium_init; -1 on failure */

/* n random bytes, base64url without padding, appended to out. */
void	 sec_token(struct buf *out, size_t n);
/* A 6-digit decimal code, uniformly drawn. */
void	 sec_code6(char out[7]);

/* Lowercase hex SHA-256 of data. */
void	 sec_sha256_hex(const void *data, size_t len, char out[SEC_HEX_SHA256]);
/* Raw HMAC-SHA256 (32 bytes) and its lowercase hex form. */
void	 sec_hmac_sha256(const void *key, size_t klen, const void *data,
	    size_t len, unsigned char out[32]);
void	 sec_hmac_sha256_hex(const void *key, size_t klen, const void *data,
	    size_t len, char out[SEC_HEX_SHA256]);
/* Base64 (standard, padded) HMAC-SHA1, for Twilio-style signatures. */
void	 sec_hmac_sha1_b64(const void *key, size_t klen, const void *data,
	    size_t len, struct buf *out);

/* Constant-time equality of two byte strings (length leaks only). */
bool	 sec_equal(const void *a, size_t alen, const void *b, size_t blen);

/*
 * Encrypts plain with the master key (XSalsa20-Poly1305): out gets
 * nonce || ciphertext. Decrypt: -1 when forged or truncated.
 */
void	 sec_seal(const void *plain, size_t len, struct buf *out);
int	 sec_open(const void *sealed, size_t len, struct buf *out);

/*
 * sec_open() of a sealed value as PostgreSQL prints a bytea ("\\x..."),
 * appended to out; -1 when not such a value or forged.
 */
int	 sec_open_bytea(const char *hexval, struct buf *out);

/* argon2id; hash is a NUL-terminated encoded string. */
int	 sec_pw_hash(const char *pw, struct buf *hash);
bool	 sec_pw_verify(const char *hash, const char *pw);
/* Spends the same time as a verification, for unknown accounts. */
void	 sec_pw_dummy(const char *pw);

/* Hex encoding and decoding of bytes. dec: -1 on bad input. */
void	 sec_hex(const void *data, size_t len, struct buf *out);
int	 sec_unhex(const char *hex, struct buf *out);

#endif
