/*
 * The financial application through the public API on the in-process
 * card: values, masking, the PSE and direct-AID paths, GPO formats,
 * malformed records, and SELECTs when SSSE and bank reads interleave.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sscard.h"
#include "vcard.h"
#include "session.h"
#include "vcard_transport.h"

static void standard_debit(void **state)
{
	struct sscard_bank b;
	struct session s;
	(void)state;

	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_read_bank(s.card, 0, &b), 0);
	assert_string_equal(b.aid, "A000000333010101");
	assert_string_equal(b.label, "PBOC DEBIT");
	assert_string_equal(b.pan, "622848*********0018");
	assert_int_equal(b.pan_check_ok, 1);
	assert_string_equal(b.pan_seq, "01");
	assert_string_equal(b.effective, "2019-11-20");
	assert_string_equal(b.expires, "2029-12-31");
	assert_string_equal(b.holder_name, "LIN/YAN");
	assert_string_equal(b.holder_id, "520102********0233");  /* masked */
	assert_int_equal(b.holder_id_type, 0);
	assert_true(b.ec_balance_fen == 12345);
	assert_true(b.ec_limit_fen == 100000);
	assert_int_equal(b.pin_tries_left, 3);
	assert_int_equal(b.atc, 0x12);
	/* PSE + GET RESPONSE, directory record 1 (6Cxx, again), record 2
	 * (6A83), SELECT + GET RESPONSE, GPO + GET RESPONSE, three AFL records
	 * (twice each: Le 00, then 6Cxx), four GET DATA with exact Le */
	assert_int_equal(session_apdus(s.card), 2 + 2 + 1 + 2 + 2 + 6 + 4);

	assert_int_equal(sscard_read_bank(s.card, SSCARD_BANK_FULL_PAN, &b), 0);
	assert_string_equal(b.pan, "6228480402564890018");
	assert_string_equal(b.holder_id, "520102198506020233");
	assert_int_equal(sscard_read_bank(s.card, 0x80, &b), SSCARD_E_INVALID_ARG);
	session_close(&s);
}

static void no_pse_and_credit(void **state)
{
	struct sscard_bank b;
	struct session s;
	(void)state;

	session_open(&s, "bank-nopse", NULL);      /* direct AIDs, GPO format 2 */
	assert_int_equal(sscard_read_bank(s.card, 0, &b), 0);
	assert_string_equal(b.aid, "A000000333010101");
	assert_string_equal(b.pan, "622848*********0018");
	assert_string_equal(b.expires, "2029-12-31");
	assert_true(b.ec_balance_fen == 12345);
	/* PSE 6A82, SELECT debit + GET RESPONSE, GPO + GR, 6 + 4 */
	assert_int_equal(session_apdus(s.card), 1 + 2 + 2 + 6 + 4);
	session_close(&s);

	session_open(&s, "bank-credit", NULL);     /* PDOL with date, UN... */
	assert_int_equal(sscard_read_bank(s.card, 0, &b), 0);
	assert_string_equal(b.aid, "A000000333010102");
	assert_string_equal(b.label, "PBOC CREDIT");
	assert_string_equal(b.pan, "625965******0007");
	assert_string_equal(b.pan_seq, "00");
	assert_string_equal(b.effective, "");
	assert_string_equal(b.holder_name, "");
	assert_int_equal(b.holder_id_type, -1);
	assert_true(b.ec_balance_fen == -1);
	assert_int_equal(b.pin_tries_left, -1);
	assert_int_equal(b.atc, 256);
	session_close(&s);
}

static void no_financial_application(void **state)
{
	struct sscard_bank b;
	struct session s;
	(void)state;

	session_open(&s, "nobank", NULL);
	assert_int_equal(sscard_read_bank(s.card, 0, &b), SSCARD_E_NO_APP);
	assert_string_equal(b.pan, "");
	assert_true(b.ec_balance_fen == -1);
	/* PSE, then the four UnionPay AIDs: every answer 6A82 */
	assert_int_equal(session_apdus(s.card), 1 + 4);
	session_close(&s);
}

static void malformed(void **state)
{
	static const char *bad[] = { "bad/bank-tlv", "bad/bank-track2" };
	struct sscard_bank b;
	struct session s;
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		session_open(&s, bad[i], NULL);
		assert_int_equal(sscard_read_bank(s.card, SSCARD_BANK_FULL_PAN, &b),
				 SSCARD_E_CARD_DATA);
		assert_string_equal(b.pan, "");
		assert_string_equal(b.expires, "");
		session_close(&s);
	}
}

static void interleaved_with_ssse(void **state)
{
	struct sscard_basic basic;
	struct sscard_bank b;
	struct sscard_medical m;
	struct session s;
	int tries;
	(void)state;

	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_read_basic(s.card, &basic), 0);
	assert_int_equal(session_apdus(s.card), 15);
	sscard_reset_stats(s.card);
	assert_int_equal(sscard_read_bank(s.card, 0, &b), 0);
	assert_int_equal(session_apdus(s.card), 19);
	/* back to SSSE (asked afresh, not from memory): one SELECT (and its
	 * GET RESPONSE), then the reads */
	sscard_forget(s.card);
	sscard_reset_stats(s.card);
	assert_int_equal(sscard_read_basic(s.card, &basic), 0);
	assert_int_equal(session_apdus(s.card), 2 + 13);
	/* the bank again: its AID is known, no PSE */
	sscard_reset_stats(s.card);
	assert_int_equal(sscard_read_bank(s.card, 0, &b), 0);
	assert_int_equal(session_apdus(s.card), 2 + 2 + 6 + 4);
	/* the SSSE PIN does not survive a visit to another application */
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, &tries), 0);
	assert_int_equal(sscard_read_bank(s.card, 0, &b), 0);
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_PIN_REQUIRED);
	session_close(&s);
}

/* A PDOL over 127 bytes: GPO data with a two-byte BER length. */
static void long_pdol(void **state)
{
	struct sscard_bank b;
	struct session s;
	(void)state;

	session_open(&s, "bank-longpdol", NULL);
	assert_int_equal(sscard_read_bank(s.card, 0, &b), 0);
	assert_string_equal(b.pan, "622848*********0018");
	session_close(&s);
}

static const char *traced_read(int level)
{
	struct sscard_basic basic;
	struct sscard_bank b;
	struct session s;

	session_trace_start(level);
	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_read_basic(s.card, &basic), 0);
	assert_int_equal(sscard_read_bank(s.card, 0, &b), 0);
	session_close(&s);
	return session_trace_stop();
}

/* The default trace masks the personal data in the card's answers. */
static void trace_masks_personal_data(void **state)
{
	const char *trace;
	(void)state;

	trace = traced_read(SSCARD_LOG_APDU);
	/* PAN: first 6 and last 4 digits; track 2 past the first 6 */
	assert_non_null(strstr(trace, "5A 0A 62 28 48 ** ** ** ** *0 01 8F"));
	assert_non_null(strstr(trace, "57 13 62 28 48 ** ** ** ** *0 01 8D ** **"));
	assert_null(strstr(trace, "04 02 56 48 90"));
	/* the holder's ID number and name, bank and SSSE */
	assert_null(strstr(trace, "35 32 30 31 30 32 31 39 38 35"));
	assert_null(strstr(trace, "4C 49 4E 2F 59 41 4E"));
	assert_null(strstr(trace, "C1 D6 D1 D2"));
	assert_non_null(strstr(trace, "< 08 12 ** ** **"));
	/* the card number and identification code, as in every output */
	assert_non_null(strstr(trace, "< 07 09 ** ** ** ** ** ** ** ** ** 90 00"));
	assert_null(strstr(trace, "42 41 30 30 31 30 35 34 37"));
	assert_non_null(strstr(trace, "< 01 10 ** **"));
	/* what is not personal stays readable */
	assert_non_null(strstr(trace, "< 02 01 33 90 00"));
	assert_non_null(strstr(trace, "9F 79 06 00 00 00 01 23 45"));

	/* the explicit opt-in shows them */
	trace = traced_read(SSCARD_LOG_APDU_FULL);
	assert_non_null(strstr(trace, "5A 0A 62 28 48 04 02 56 48 90 01 8F"));
	assert_non_null(strstr(trace, "C1 D6 D1 D2"));
}

static void faults_at_every_apdu(void **state)
{
	struct sscard_bank ref, b;
	struct session s;
	unsigned long n, i;
	char spec[32];
	(void)state;

	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_read_bank(s.card, 0, &ref), 0);
	n = session_apdus(s.card);
	session_close(&s);
	for (i = 0; i < n; i++) {
		snprintf(spec, sizeof(spec), "reset@%lu", i);
		session_open(&s, "standard", NULL);
		assert_int_equal(vcard_add_faults(s.vc, spec), 0);
		assert_int_equal(sscard_read_bank(s.card, 0, &b), 0);
		assert_memory_equal(&b, &ref, sizeof(b));
		session_close(&s);

		snprintf(spec, sizeof(spec), "remove@%lu,", i);
		session_open(&s, "standard", NULL);
		assert_int_equal(vcard_add_faults(s.vc, spec), 0);
		assert_int_equal(sscard_read_bank(s.card, 0, &b),
				 SSCARD_E_CARD_REMOVED);
		session_close(&s);

		snprintf(spec, sizeof(spec), "garbage@%lu", i);
		session_open(&s, "standard", NULL);
		assert_int_equal(vcard_add_faults(s.vc, spec), 0);
		assert_int_equal(sscard_read_bank(s.card, 0, &b), SSCARD_E_PROTOCOL);
		session_close(&s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(standard_debit),
		cmocka_unit_test(no_pse_and_credit),
		cmocka_unit_test(no_financial_application),
		cmocka_unit_test(malformed),
		cmocka_unit_test(interleaved_with_ssse),
		cmocka_unit_test(faults_at_every_apdu),
		cmocka_unit_test(long_pdol),
		cmocka_unit_test(trace_masks_personal_data),
	};

	return cmocka_run_group_tests_name("bank", tests, NULL, NULL);
}
