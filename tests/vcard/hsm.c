/*
 * The test HSM: answers lib/card.md's step-1 string with "RESULT1|RESULT2|"
 * from the test masters (tests/vcard/profiles/test.keys), using the
 * virtual card's key arithmetic (keys.c), not the library's.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcard.h"

static const struct {
	const char *name;
	int levels;
	const char *master;
} masters[] = {
	{ "RKSSSE", 2, "11111111111111112222222222222222" },
	{ "RK1DF04", 3, "33333333333333334444444444444444" },
	{ "IRKSSSE", 1, "55555555555555556666666666666666" },
	{ "PUK", 2, "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB" },
	{ "PINRELOAD", 2, "CCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD" },
};
#define NMASTERS (sizeof(masters) / sizeof(masters[0]))

static int unhex(const char *hex, size_t n, uint8_t *out)
{
	size_t i;
	unsigned v;

	if (strlen(hex) < 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return 0;
}

static void tohex(const uint8_t *b, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02X", b[i]);
}

/* One key's session arithmetic: DK from the factors, SK from seed, then
 * the 8 authentication bytes of data (out's last 8 bytes zero). */
static int compute(int k, int alg, const uint8_t *factors, const uint8_t seed[8],
		   const uint8_t data[8], uint8_t out[16])
{
	uint8_t master[16], dk[16], sk[16];

	memset(out, 0, 16);
	if (unhex(masters[k].master, 16, master) < 0 ||
	    vk_derive(alg, master, factors, masters[k].levels, dk) < 0 ||
	    vk_session(alg, dk, seed, sk) < 0)
		return -1;
	return vk_auth_bytes(alg, sk, data, out);
}

/* Split "a|b|...|" into at most max fields; the count, or -1. */
static int fields(const char *q, char f[][80], int max)
{
	int i;

	for (i = 0; *q != '\0'; i++) {
		size_t n = strcspn(q, "|");

		if (i == max || q[n] != '|' || n >= 80)
			return -1;
		memcpy(f[i], q, n);
		f[i][n] = '\0';
		q += n + 1;
	}
	return i;
}

static int find_master(const char *key)
{
	size_t k;

	for (k = 0; k < NMASTERS; k++)
		if (strcmp(masters[k].name, key) == 0)
			return (int)k;
	return -1;
}

/* The service counter's two requests (see sscard_pin_reload()). */
static int counter_answer(int k, const char *request, char *answer,
			  size_t size)
{
	char f[9][80];
	uint8_t hist[40], r1[8], r2[8], factors[24], master[16], dk[16], sk[16];
	uint8_t out[40], block[16], mac_in[48], iv[16], mac[16];
	int n = fields(request, f, 9), alg = n > 0 ? atoi(f[0]) : 0;
	size_t hist_len, bs = alg == VCARD_ALG_SM4 ? 16 : 8, len = 0, i;

	if (n < 7 || (alg != VCARD_ALG_SM4 && alg != VCARD_ALG_3DES))
		return -1;
	hist_len = strlen(f[5]) / 2;
	if (hist_len < 8 || hist_len > sizeof(hist) ||
	    unhex(f[5], hist_len, hist) < 0 || strlen(f[4]) != 6 ||
	    unhex(f[2], 8, r1) < 0 || unhex(masters[k].master, 16, master) < 0)
		return -1;
	vk_factors(hist, hist_len, f[4], factors);
	if (vk_derive(alg, master, factors, 2, dk) < 0 ||
	    vk_session(alg, dk, r1, sk) < 0)
		return -1;
	if (strcmp(f[1], "0090") == 0) {            /* PUK: C || P */
		if (unhex(f[3], 8, r2) < 0)
			return -1;
		if (vk_auth_bytes(alg, sk, r2, out) < 0)
			return -1;
		memcpy(out + 8, r2, 8);
		len = 16;
	} else if (strcmp(f[1], "0173") == 0) {     /* PINRELOAD: [E] MAC */
		memset(mac_in, 0, sizeof(mac_in));
		if (unhex(f[3], 5, mac_in) < 0)
			return -1;
		if (mac_in[3] == 0x01) {
			size_t digits = n > 7 ? strlen(f[7]) : 0;

			if (digits < 4 || digits > 12)
				return -1;
			memset(block, 0, sizeof(block));
			memset(block + 1, 0xFF, 6);
			block[0] = (uint8_t)((digits + 1) / 2);
			for (i = 0; i < digits; i++)
				block[1 + i / 2] = (uint8_t)((block[1 + i / 2] &
					(i & 1 ? 0xF0 : 0x0F)) |
					((f[7][i] - '0') << (i & 1 ? 0 : 4)));
			block[1 + block[0]] = 0x80;
			memset(block + 2 + block[0], 0, bs - 2 - block[0]);
			if (vk_session_encrypt(alg, sk, block, bs, out) < 0)
				return -1;
			len = bs;
			memcpy(mac_in + 5, out, bs);
		}
		mac_in[5 + len] = 0x80;
		memset(iv, 0, sizeof(iv));
		if (vk_session_mac(alg, sk, iv, mac_in, ((5 + len) / bs + 1) * bs,
				   mac) < 0)
			return -1;
		vk_mac4(alg, mac, out + len);
		len += 4;
	} else {
		return -1;
	}
	if (size < 2 * len + 2)
		return -1;
	tohex(out, len, answer);
	answer[2 * len] = '|';
	answer[2 * len + 1] = '\0';
	return 0;
}

int test_hsm_answer(const char *key, const char *request, char *answer,
		    size_t size)
{
	int km = find_master(key);

	if (km >= 3)
		return counter_answer(km, request, answer, size);
	char field[9][80];
	uint8_t hist[40], f[8], s[8], r[8], p[8], factors[24], r1[16], r2[16];
	const char *q = request;
	size_t i, n, hist_len;
	int k, ik = 2, alg;

	for (i = 0; i < 9; i++) {
		n = strcspn(q, "|");
		if (q[n] != '|' || n >= sizeof(field[i]))
			return -1;
		memcpy(field[i], q, n);
		field[i][n] = '\0';
		q += n + 1;
	}
	k = km;
	hist_len = strlen(field[1]) / 2;
	alg = atoi(field[2]);
	if (k < 0 || strlen(field[0]) != 6 || hist_len < 8 ||
	    hist_len > sizeof(hist) || unhex(field[1], hist_len, hist) < 0 ||
	    (alg != VCARD_ALG_SM4 && alg != VCARD_ALG_3DES) ||
	    unhex(field[4], 8, f) < 0 || unhex(field[5], 8, s) < 0 ||
	    unhex(field[6], 8, r) < 0 || unhex(field[7], 8, p) < 0 ||
	    size < 67)
		return -1;
	/* the card factor: the ATR's last 8 bytes, its historical bytes' */
	vk_factors(hist, hist_len, field[0], factors);
	if (compute(ik, alg, factors, f, s, r1) < 0 ||
	    compute(k, alg, factors, r, p, r2) < 0)
		return -1;
	memcpy(r2 + 8, p, 8);               /* RESULT2 is C || P */
	tohex(r1, 16, answer);
	answer[32] = '|';
	tohex(r2, 16, answer + 33);
	answer[65] = '|';
	answer[66] = '\0';
	return 0;
}
