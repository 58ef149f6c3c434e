/*
 * The test HSM: answers CARD.md's step-1 string with "RESULT1|RESULT2|"
 * from the test masters (tests/vcard/profiles/test.keys), using the
 * virtual card's key arithmetic (keys.c), not the library's.
 *
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
};

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
 * data enciphered (first 8 bytes for 3DES, 16 for SM4). */
static int compute(int k, int alg, const uint8_t *factors, const uint8_t seed[8],
		   const uint8_t data[8], uint8_t out[16])
{
	uint8_t master[16], dk[16], sk[16], in[16];

	memset(out, 0, 16);
	memcpy(in, data, 8);
	in[8] = 0x80;
	memset(in + 9, 0, 7);
	if (unhex(masters[k].master, 16, master) < 0 ||
	    vk_derive(alg, master, factors, masters[k].levels, dk) < 0 ||
	    vk_session(alg, dk, seed, sk) < 0)
		return -1;
	return vk_session_encrypt(alg, sk, in, alg == VCARD_ALG_SM4 ? 16 : 8,
				  out);
}

int test_hsm_answer(const char *key, const char *request, char *answer,
		    size_t size)
{
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
	for (k = 0; k < 3; k++)
		if (strcmp(masters[k].name, key) == 0)
			break;
	hist_len = strlen(field[1]) / 2;
	alg = atoi(field[2]);
	if (k == 3 || strlen(field[0]) != 6 || hist_len < 8 ||
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
