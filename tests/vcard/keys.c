/*
 * The virtual card's and PSAM's key arithmetic (lib/card.md "Key derivation"),
 * written here against OpenSSL directly and apart from lib/crypto.c, so
 * that the library is checked against a second implementation.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <openssl/evp.h>

#include "vcard.h"

static int ecb(int alg, int enc, const uint8_t key[16], const uint8_t *in,
	       size_t len, uint8_t *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, ok;

	if (c == NULL)
		return -1;
	ok = EVP_CipherInit_ex(c, alg == VCARD_ALG_SM4 ? EVP_sm4_ecb()
						       : EVP_des_ede_ecb(),
			       NULL, key, NULL, enc) == 1 &&
	     EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
	     EVP_CipherUpdate(c, out, &n, in, (int)len) == 1 &&
	     (size_t)n == len;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

int vk_ecb(int alg, const uint8_t key[16], const uint8_t *in, size_t len,
	   uint8_t *out)
{
	return ecb(alg, 1, key, in, len, out);
}

/* D || ~D, encrypted: the 16 bytes of a diversified key */
static int with_complement(int alg, const uint8_t key[16], const uint8_t d[8],
			   uint8_t out[16])
{
	uint8_t in[16], k[16];
	int i;

	memcpy(k, key, 16);                 /* out may be key */
	for (i = 0; i < 8; i++) {
		in[i] = d[i];
		in[8 + i] = (uint8_t)~d[i];
	}
	if (alg == VCARD_ALG_SM4)
		return vk_ecb(alg, k, in, 16, out);
	return vk_ecb(alg, k, in, 8, out) | vk_ecb(alg, k, in + 8, 8, out + 8);
}

int vk_derive(int alg, const uint8_t master[16], const uint8_t *factors,
	      int levels, uint8_t dk[16])
{
	uint8_t cur[16];
	int i;

	memcpy(cur, master, 16);
	for (i = levels - 1; i >= 0; i--)
		if (with_complement(alg, cur, factors + 8 * i, cur) < 0)
			return -1;
	memcpy(dk, cur, 16);
	return 0;
}

int vk_session(int alg, const uint8_t dk[16], const uint8_t r[8],
	       uint8_t sk[16])
{
	uint8_t in[16] = { 0 };

	memset(sk, 0, 16);
	memcpy(in, r, 8);                   /* SM4: R || 00 x 8 */
	return vk_ecb(alg, dk, in, alg == VCARD_ALG_SM4 ? 16 : 8, sk);
}

int vk_session_encrypt(int alg, const uint8_t sk[16], const uint8_t *data,
		       size_t len, uint8_t *out)
{
	uint8_t k[16];

	if (alg == VCARD_ALG_SM4)
		return len % 16 ? -1 : vk_ecb(alg, sk, data, len, out);
	memcpy(k, sk, 8);
	memcpy(k + 8, sk, 8);               /* single DES */
	return len % 8 ? -1 : vk_ecb(VCARD_ALG_3DES, k, data, len, out);
}

int vk_auth_bytes(int alg, const uint8_t sk[16], const uint8_t data[8],
		  uint8_t out[8])
{
	uint8_t in[16] = { 0 }, x[16];
	int i;

	memcpy(in, data, 8);
	if (alg != VCARD_ALG_SM4)
		return vk_session_encrypt(alg, sk, in, 8, out);
	if (vk_session_encrypt(alg, sk, in, 16, x) < 0)
		return -1;
	for (i = 0; i < 8; i++)
		out[i] = x[i] ^ x[8 + i];
	return 0;
}

void vk_mac4(int alg, const uint8_t *last, uint8_t mac[4])
{
	int i;

	for (i = 0; i < 4; i++)
		mac[i] = alg == VCARD_ALG_SM4
			 ? last[i] ^ last[4 + i] ^ last[8 + i] ^ last[12 + i]
			 : last[i];
}

/* Under a session key (3DES: single DES): decipher, or CBC-MAC from a
 * zero IV over whole blocks (one block out). */
static void session_key(int alg, const uint8_t sk[16], uint8_t k[16])
{
	memcpy(k, sk, 16);
	if (alg != VCARD_ALG_SM4)
		memcpy(k + 8, sk, 8);
}

int vk_session_decrypt(int alg, const uint8_t sk[16], const uint8_t *data,
		       size_t len, uint8_t *out)
{
	uint8_t k[16];

	session_key(alg, sk, k);
	return ecb(alg == VCARD_ALG_SM4 ? alg : VCARD_ALG_3DES, 0, k, data,
		   len, out);
}

int vk_session_mac(int alg, const uint8_t sk[16], const uint8_t *iv,
		   const uint8_t *data, size_t len, uint8_t *mac)
{
	size_t bs = alg == VCARD_ALG_SM4 ? 16 : 8, off, i;
	uint8_t k[16], chain[16];

	if (len == 0 || len % bs)
		return -1;
	session_key(alg, sk, k);
	memcpy(chain, iv, bs);
	for (off = 0; off < len; off += bs) {
		for (i = 0; i < bs; i++)
			chain[i] ^= data[off + i];
		if (ecb(alg == VCARD_ALG_SM4 ? alg : VCARD_ALG_3DES, 1, k, chain,
			bs, chain) < 0)
			return -1;
	}
	memcpy(mac, chain, bs);
	return 0;
}

void vk_factors(const uint8_t *atr, size_t atr_len, const char region[6],
		uint8_t out[24])
{
	memset(out, 0, 24);
	if (atr_len >= 8)
		memcpy(out, atr + atr_len - 8, 8);
	memcpy(out + 8, region, 6);
	memcpy(out + 14, "sx", 2);
	memcpy(out + 16, region, 2);
	memcpy(out + 18, "0000sh", 6);
}
