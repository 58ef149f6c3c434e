/*
 * Terminal-authentication cryptography, all through OpenSSL (lib/card.md,
 * "Key derivation": the card specification's rules, written for 16-byte
 * algorithms and applied to SM4): SM4 and 2-key 3DES in ECB, single DES as
 * 3DES with K || K, key diversification, session keys, the 8-byte
 * authentication data (folded on 16-byte algorithms), the command MAC and
 * random numbers.  Every buffer that held key material is wiped before
 * returning.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "internal.h"

size_t sscardi_block_size(int alg)
{
	switch (alg) {
	case SSCARD_ALG_3DES:
		return 8;
	case SSCARD_ALG_SM4:
	case SSCARD_ALG_SSF33:
		return 16;
	default:
		return 0;
	}
}

void sscardi_fold(const uint8_t x[16], uint8_t out[8])
{
	size_t i;

	for (i = 0; i < 8; i++)
		out[i] = x[i] ^ x[8 + i];
}

void sscardi_mac_fold(int alg, const uint8_t *last_block, uint8_t mac[4])
{
	size_t i;

	if (sscardi_block_size(alg) != 16) {
		memcpy(mac, last_block, 4);
		return;
	}
	for (i = 0; i < 4; i++)
		mac[i] = last_block[i] ^ last_block[4 + i] ^ last_block[8 + i] ^
			 last_block[12 + i];
}

/* ECB over whole blocks.  key: 16 bytes (SM4, or 3DES K1 || K2). */
static int ecb(const EVP_CIPHER *cipher, const uint8_t *key,
	       const uint8_t *in, size_t len, uint8_t *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, rv = SSCARD_E_INTERNAL;

	if (c == NULL)
		return SSCARD_E_NO_MEMORY;
	if (EVP_EncryptInit_ex(c, cipher, NULL, key, NULL) == 1 &&
	    EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
	    EVP_EncryptUpdate(c, out, &n, in, (int)len) == 1 &&
	    (size_t)n == len)
		rv = 0;
	EVP_CIPHER_CTX_free(c);
	return rv;
}

int sscardi_encrypt(int alg, const uint8_t key[16], const uint8_t *in,
		    size_t len, uint8_t *out)
{
	size_t bs = sscardi_block_size(alg);

	if (alg != SSCARD_ALG_SM4 && alg != SSCARD_ALG_3DES)
		return SSCARD_E_NOT_SUPPORTED;  /* SSF33: PSAM or HSM only */
	if (len == 0 || len % bs != 0)
		return SSCARD_E_INVALID_ARG;
	return ecb(alg == SSCARD_ALG_SM4 ? EVP_sm4_ecb() : EVP_des_ede_ecb(),
		   key, in, len, out);
}

int sscardi_des(const uint8_t key[8], const uint8_t in[8], uint8_t out[8])
{
	uint8_t kk[16];
	int rv;

	memcpy(kk, key, 8);
	memcpy(kk + 8, key, 8);
	rv = ecb(EVP_des_ede_ecb(), kk, in, 8, out);
	OPENSSL_cleanse(kk, sizeof(kk));
	return rv;
}

/* One level: 3DES DK = E_K(D) || E_K(~D); SM4 DK = E_K(D || ~D). */
static int diversify_once(int alg, const uint8_t key[16], const uint8_t d[8],
			  uint8_t dk[16])
{
	uint8_t in[16];
	size_t i;
	int rv;

	for (i = 0; i < 8; i++) {
		in[i] = d[i];
		in[8 + i] = (uint8_t)~d[i];
	}
	rv = sscardi_encrypt(alg, key, in, 16, dk);
	OPENSSL_cleanse(in, sizeof(in));
	return rv;
}

int sscardi_diversify(int alg, const uint8_t key[16], const uint8_t *factors,
		      int levels, uint8_t dk[16])
{
	uint8_t cur[16];
	int i, rv = 0;

	if (levels < 0 || levels > 3)
		return SSCARD_E_INVALID_ARG;
	memcpy(cur, key, 16);
	/* factors are given card first; the highest level is applied first */
	for (i = levels - 1; i >= 0 && rv == 0; i--)
		rv = diversify_once(alg, cur, factors + 8 * i, cur);
	if (rv == 0)
		memcpy(dk, cur, 16);
	OPENSSL_cleanse(cur, sizeof(cur));
	return rv;
}

/* d || 00 x 8: 8 bytes as one block of a 16-byte algorithm. */
static void zero_pad(const uint8_t d[8], uint8_t block[16])
{
	memcpy(block, d, 8);
	memset(block + 8, 0, 8);
}

int sscardi_session_key(int alg, const uint8_t dk[16], const uint8_t r[8],
			uint8_t sk[16])
{
	uint8_t in[16];
	int rv;

	memset(sk, 0, 16);
	zero_pad(r, in);
	/* 3DES: DES-EDE of R, 8 bytes (a single-DES key); SM4: E(R || 00..) */
	rv = sscardi_encrypt(alg, dk, in, sscardi_block_size(alg), sk);
	OPENSSL_cleanse(in, sizeof(in));
	return rv;
}

int sscardi_session_encrypt(int alg, const uint8_t sk[16],
			    const uint8_t data[8], uint8_t out[8])
{
	uint8_t in[16], x[16];
	int rv;

	if (alg == SSCARD_ALG_3DES)
		return sscardi_des(sk, data, out);
	zero_pad(data, in);
	rv = sscardi_encrypt(alg, sk, in, 16, x);
	if (rv == 0)
		sscardi_fold(x, out);
	OPENSSL_cleanse(x, sizeof(x));
	OPENSSL_cleanse(in, sizeof(in));
	return rv;
}

int sscardi_session_ecb(int alg, const uint8_t sk[16], const uint8_t *in,
			size_t len, uint8_t *out)
{
	uint8_t kk[16];
	int rv;

	if (alg != SSCARD_ALG_3DES)
		return sscardi_encrypt(alg, sk, in, len, out);
	memcpy(kk, sk, 8);                  /* single DES: K || K */
	memcpy(kk + 8, sk, 8);
	rv = sscardi_encrypt(SSCARD_ALG_3DES, kk, in, len, out);
	OPENSSL_cleanse(kk, sizeof(kk));
	return rv;
}

int sscardi_session_mac(int alg, const uint8_t sk[16], const uint8_t *data,
			size_t len, uint8_t *mac)
{
	size_t bs = sscardi_block_size(alg), off, i;
	uint8_t chain[16];
	int rv = 0;

	if (bs == 0 || len == 0 || len % bs != 0)
		return SSCARD_E_INVALID_ARG;
	memset(chain, 0, sizeof(chain));
	for (off = 0; off < len && rv == 0; off += bs) {
		for (i = 0; i < bs; i++)
			chain[i] ^= data[off + i];
		rv = sscardi_session_ecb(alg, sk, chain, bs, chain);
	}
	if (rv == 0)
		memcpy(mac, chain, bs);
	OPENSSL_cleanse(chain, sizeof(chain));
	return rv;
}

int sscardi_cbc_mac_des(const uint8_t key[8], const uint8_t *data,
			size_t len, uint8_t mac[8])
{
	uint8_t block[8], chain[8];
	size_t off, i;
	int rv = 0;

	memset(chain, 0, sizeof(chain));
	for (off = 0; off < len && rv == 0; off += 8) {
		memset(block, 0, sizeof(block));    /* padding method 1 */
		for (i = 0; i < 8 && off + i < len; i++)
			block[i] = data[off + i];
		for (i = 0; i < 8; i++)
			block[i] ^= chain[i];
		rv = sscardi_des(key, block, chain);
	}
	if (rv == 0)
		memcpy(mac, chain, 8);
	OPENSSL_cleanse(block, sizeof(block));
	OPENSSL_cleanse(chain, sizeof(chain));
	return rv;
}

int sscardi_random(uint8_t *buf, size_t len)
{
	return RAND_bytes(buf, (int)len) == 1 ? 0 : SSCARD_E_INTERNAL;
}
