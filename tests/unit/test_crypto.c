/*
 * lib/crypto.c, known answers: SM4 (GB/T 32907's example), DES and 2-key
 * 3DES, the ISO/IEC 9797-1 MAC of lib/card.md, the derivation chain
 * (diversify, session key, cryptogram) and the command MAC against values
 * computed with the openssl command line from lib/card.md's formulas (the
 * card specification's: SK = E_DK(R || 00..), folded 16-byte answers).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

static void unhex(const char *hex, uint8_t *out)
{
	unsigned v;

	while (*hex != '\0' && sscanf(hex, "%2x", &v) == 1) {
		*out++ = (uint8_t)v;
		hex += 2;
	}
}

static void expect_hex(const uint8_t *got, size_t n, const char *hex)
{
	uint8_t want[64];

	assert_int_equal(strlen(hex), 2 * n);
	unhex(hex, want);
	assert_memory_equal(got, want, n);
}

static void primitives(void **state)
{
	uint8_t k[16], in[32], out[32], mac[8];
	(void)state;

	unhex("0123456789ABCDEFFEDCBA9876543210", k);
	unhex("0123456789ABCDEFFEDCBA9876543210", in);
	assert_int_equal(sscardi_encrypt(SSCARD_ALG_SM4, k, in, 16, out), 0);
	expect_hex(out, 16, "681EDF34D206965E86B3E94F536E4246");
	assert_int_equal(sscardi_encrypt(SSCARD_ALG_3DES, k, in, 8, out), 0);
	expect_hex(out, 8, "1A4D672DCA6CB335");
	unhex("133457799BBCDFF1", k);
	unhex("0123456789ABCDEF", in);
	assert_int_equal(sscardi_des(k, in, out), 0);
	expect_hex(out, 8, "85E813540F0AB405");
	unhex("0123456789ABCDEF", k);
	assert_int_equal(sscardi_cbc_mac_des(k, (const uint8_t *)
					     "Now is the time for all ", 24,
					     mac), 0);
	expect_hex(mac, 8, "70A30640CC76DD8B");
	/* SSF33 is not for software; lengths are whole blocks */
	assert_int_equal(sscardi_encrypt(SSCARD_ALG_SSF33, k, in, 16, out),
			 SSCARD_E_NOT_SUPPORTED);
	assert_int_equal(sscardi_encrypt(SSCARD_ALG_SM4, k, in, 8, out),
			 SSCARD_E_INVALID_ARG);
}

static void derivation(void **state)
{
	uint8_t k[16], f[16], r[8], p[8], dk[16], sk[16], c[8];
	(void)state;

	unhex("00112233445566778899AABBCCDDEEFF", k);
	unhex("1122334455667788", f);               /* card factor */
	unhex("3532303330307378", f + 8);           /* city "520300sx" */
	unhex("0102030405060708", r);
	unhex("A1A2A3A4A5A6A7A8", p);

	/* SM4: DK = E_K(D || ~D); SK = E_DK(R || 00 x 8); C = fold of
	 * E_SK(P || 00 x 8) */
	assert_int_equal(sscardi_diversify(SSCARD_ALG_SM4, k, f, 1, dk), 0);
	expect_hex(dk, 16, "5A9F65876227746D95606233700543A9");
	assert_int_equal(sscardi_session_key(SSCARD_ALG_SM4, dk, r, sk), 0);
	expect_hex(sk, 16, "851C98F82100BA8CE54026287D8DA67D");
	assert_int_equal(sscardi_session_encrypt(SSCARD_ALG_SM4, sk, p, c), 0);
	expect_hex(c, 8, "BAFE9F39C4E573F6");

	assert_int_equal(sscardi_diversify(SSCARD_ALG_3DES, k, f, 1, dk), 0);
	expect_hex(dk, 16, "496BD7A3513644533100B54E71196528");
	assert_int_equal(sscardi_session_key(SSCARD_ALG_3DES, dk, r, sk), 0);
	expect_hex(sk, 8, "9C9D19956FDEDC07");
	assert_int_equal(sscardi_session_encrypt(SSCARD_ALG_3DES, sk, p, c), 0);
	expect_hex(c, 8, "D85C8F215582DE8B");

	/* two levels: the city factor first, then the card's */
	assert_int_equal(sscardi_diversify(SSCARD_ALG_SM4, k, f, 2, dk), 0);
	expect_hex(dk, 16, "87A6B13D81F367F192684491D821FCF6");
}

/* The unblock command's MAC (84 24 00 00 04, padded 80 00..): SM4 folds
 * the last block's four 4-byte pieces, 3DES keeps its leftmost 4. */
static void command_mac(void **state)
{
	static const uint8_t unblock[16] = { 0x84, 0x24, 0x00, 0x00, 0x04,
					     0x80 };
	uint8_t sk[16], last[16], mac[4], x[16], folded[8];
	(void)state;

	unhex("851C98F82100BA8CE54026287D8DA67D", sk);
	assert_int_equal(sscardi_session_mac(SSCARD_ALG_SM4, sk, unblock, 16,
					     last), 0);
	expect_hex(last, 16, "0C3022823563AE51E3CE668688D07089");
	sscardi_mac_fold(SSCARD_ALG_SM4, last, mac);
	expect_hex(mac, 4, "524D9ADC");

	unhex("9C9D19956FDEDC07", sk);
	assert_int_equal(sscardi_session_mac(SSCARD_ALG_3DES, sk, unblock, 8,
					     last), 0);
	expect_hex(last, 8, "72F2EC302C98C24A");
	sscardi_mac_fold(SSCARD_ALG_3DES, last, mac);
	expect_hex(mac, 4, "72F2EC30");

	unhex("1499DFE5BAA39B69AE6740DC7E46E89F", x);
	sscardi_fold(x, folded);
	expect_hex(folded, 8, "BAFE9F39C4E573F6");
	/* the PSAM's block is 16 bytes on SSF33, which software cannot do */
	assert_int_equal(sscardi_block_size(SSCARD_ALG_SSF33), 16);
	assert_int_equal(sscardi_block_size(SSCARD_ALG_UNKNOWN), 0);
	assert_int_equal(sscardi_session_key(SSCARD_ALG_SSF33, sk, folded, x),
			 SSCARD_E_NOT_SUPPORTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(primitives),
		cmocka_unit_test(derivation),
		cmocka_unit_test(command_mac),
	};

	return cmocka_run_group_tests_name("crypto", tests, NULL, NULL);
}
