/*
 * PIN status, verify and change through the public API: every state on
 * the in-process card, format checks that send nothing (the mock fails on
 * any transmit), the PIN pad structures, faults during VERIFY, and a trace
 * that never shows the PIN.
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

#include "mock_transport.h"
#include "sscard.h"
#include "vcard.h"
#include "session.h"
#include "vcard_transport.h"

#define SELECT_SSSE TX("00A404000F7378312E73682EC9E7BBE1B1A3D5CF", "9000")

static void reopen(struct session *s)
{
	sscard_disconnect(s->card);
	assert_int_equal(vcard_connect(s->ctx, s->vc, &s->card), 0);
}

static void expect_status(sscard *card, int state, int tries)
{
	struct sscard_pin_info pin;

	assert_int_equal(sscard_pin_status(card, &pin), 0);
	assert_int_equal(pin.state, state);
	assert_int_equal(pin.tries_left, tries);
}

static void states_and_counter(void **state)
{
	struct sscard_stats st;
	struct session s;
	int tries = 99;
	(void)state;

	session_open(&s, "standard", NULL);
	expect_status(s.card, SSCARD_PIN_OK, 3);
	assert_int_equal(sscard_pin_verify(s.card, "111111", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(tries, 2);
	expect_status(s.card, SSCARD_PIN_OK, 2);
	assert_int_equal(sscard_pin_verify(s.card, "222222", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(tries, 1);
	/* one try left: refused without the flag, and nothing spent */
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, &tries),
			 SSCARD_E_PIN_LAST_TRY);
	assert_int_equal(tries, 1);
	sscard_get_stats(s.card, &st);
	assert_int_equal(st.pin_guarded, 1);
	expect_status(s.card, SSCARD_PIN_OK, 1);
	assert_int_equal(sscard_pin_verify(s.card, "123456",
					   SSCARD_PIN_CONFIRM_LAST_TRY, &tries), 0);
	assert_int_equal(tries, -1);
	expect_status(s.card, SSCARD_PIN_VERIFIED, -1);
	/* a correct PIN reset the counter */
	reopen(&s);
	expect_status(s.card, SSCARD_PIN_OK, 3);
	session_close(&s);
}

static void lock_persists(void **state)
{
	struct session s;
	int tries;
	(void)state;

	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_pin_verify(s.card, "000001", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(sscard_pin_verify(s.card, "000002", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(sscard_pin_verify(s.card, "000003",
					   SSCARD_PIN_CONFIRM_LAST_TRY, &tries),
			 SSCARD_E_PIN_LOCKED);
	assert_int_equal(tries, 0);
	expect_status(s.card, SSCARD_PIN_LOCKED, 0);
	reopen(&s);
	expect_status(s.card, SSCARD_PIN_LOCKED, 0);
	/* locked: refused before VERIFY, the right PIN included */
	assert_int_equal(sscard_pin_verify(s.card, "123456",
					   SSCARD_PIN_CONFIRM_LAST_TRY, &tries),
			 SSCARD_E_PIN_LOCKED);
	session_close(&s);

	session_open(&s, "locked", NULL);
	expect_status(s.card, SSCARD_PIN_LOCKED, 0);
	assert_int_equal(sscard_pin_change(s.card, "123456", "654321", 0, &tries),
			 SSCARD_E_PIN_LOCKED);
	session_close(&s);
}

static void unknown_when_card_cannot_tell(void **state)
{
	struct session s;
	int tries = 5;
	(void)state;

	session_open(&s, "quirky", NULL);          /* VERIFY without data: 6700 */
	expect_status(s.card, SSCARD_PIN_UNKNOWN, -1);
	/* unknown may be the last try: refused unless confirmed, nothing spent */
	assert_int_equal(sscard_pin_verify(s.card, "111111", 0, &tries),
			 SSCARD_E_PIN_TRIES_UNKNOWN);
	assert_int_equal(tries, -1);
	assert_int_equal(s.vc->tries, 3);
	assert_int_equal(sscard_pin_change(s.card, "111111", "13579", 0, &tries),
			 SSCARD_E_PIN_TRIES_UNKNOWN);
	assert_int_equal(s.vc->tries, 3);
	assert_int_equal(sscard_pin_verify(s.card, "111111",
					   SSCARD_PIN_CONFIRM_LAST_TRY, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(tries, 2);             /* the 63Cx of the VERIFY */
	/* ISO CHANGE REFERENCE DATA after 6D00 to the PBOC form */
	assert_int_equal(sscard_pin_change(s.card, "123456", "13579",
					   SSCARD_PIN_CONFIRM_LAST_TRY, &tries), 0);
	assert_int_equal(sscard_pin_verify(s.card, "13579",
					   SSCARD_PIN_CONFIRM_LAST_TRY, &tries), 0);
	session_close(&s);
}

static void change(void **state)
{
	struct session s;
	int tries;
	(void)state;

	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_pin_change(s.card, "111111", "654321", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(tries, 2);
	assert_int_equal(sscard_pin_change(s.card, "123456", "654321", 0, &tries), 0);
	reopen(&s);
	expect_status(s.card, SSCARD_PIN_OK, 3);
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(sscard_pin_verify(s.card, "654321", 0, &tries), 0);
	session_close(&s);
}

static void format_checked_before_any_apdu(void **state)
{
	static const struct mock_step none[] = { MOCK_DONE };
	static const char *bad[] = { "", "123", "1234567890123", "12a456",
				     "12 456", "１２３４５６" };
	sscard_ctx *ctx;
	sscard *card;
	size_t i;
	int tries = 7;
	(void)state;

	assert_int_equal(sscard_ctx_new(&ctx), 0);
	assert_int_equal(mock_connect(ctx, none, NULL, &card), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(sscard_pin_verify(card, bad[i], 0, &tries),
				 SSCARD_E_PIN_FORMAT);
		assert_int_equal(tries, -1);
		assert_int_equal(sscard_pin_change(card, "123456", bad[i], 0, &tries),
				 SSCARD_E_PIN_FORMAT);
		assert_int_equal(sscard_pin_change(card, bad[i], "123456", 0, &tries),
				 SSCARD_E_PIN_FORMAT);
	}
	/* no PIN pad: a NULL PIN is a usage error */
	assert_int_equal(sscard_pin_verify(card, NULL, 0, &tries),
			 SSCARD_E_INVALID_ARG);
	assert_int_equal(sscard_pin_change(card, NULL, NULL, 0, &tries),
			 SSCARD_E_INVALID_ARG);
	assert_int_equal(sscard_pin_change(card, "123456", NULL, 0, &tries),
			 SSCARD_E_INVALID_ARG);
	assert_int_equal(sscard_pin_verify(NULL, "123456", 0, &tries),
			 SSCARD_E_INVALID_ARG);
	assert_int_equal(mock_transmits(card), 0);
	mock_assert_done(card);
	sscard_disconnect(card);
	sscard_ctx_free(ctx);
}

#define PAD_VERIFY "1E1E8103000606020104080000000008000000" "0020000003000000"
#define PAD_MODIFY "1E1E8103000004060603020304080001020000000C000000" \
		   "805E010007000000FF000000"

static void pinpad(void **state)
{
	static const struct mock_step s[] = {
		{ MOCK_CONTROL, NULL, "060442330006070442330007", 0,
		  SSCARDI_IOCTL_GET_FEATURES, 0 },
		SELECT_SSSE,                        /* each PIN operation */
		TX("00200000", "63C3"),
		{ MOCK_CONTROL, PAD_VERIFY, "9000", 0, 0x42330006, 0 },
		SELECT_SSSE,
		TX("00200000", "9000"),             /* the CLI's status read */
		SELECT_SSSE,
		TX("00200000", "63C3"),
		{ MOCK_CONTROL, PAD_VERIFY, "6400", 0, 0x42330006, 0 },
		SELECT_SSSE,
		TX("00200000", "63C3"),
		{ MOCK_CONTROL, PAD_VERIFY, "6401", 0, 0x42330006, 0 },
		SELECT_SSSE,
		TX("00200000", "63C3"),
		{ MOCK_CONTROL, PAD_VERIFY, "63C2", 0, 0x42330006, 0 },
		SELECT_SSSE,
		TX("00200000", "63C2"),
		{ MOCK_CONTROL, PAD_MODIFY, "9000", 0, 0x42330007, 0 },
		MOCK_DONE
	};
	struct sscard_pin_info pin;
	sscard_ctx *ctx;
	sscard *card;
	int tries;
	(void)state;

	assert_int_equal(sscard_ctx_new(&ctx), 0);
	assert_int_equal(mock_connect(ctx, s, NULL, &card), 0);
	assert_int_equal(sscard_has_pinpad(card), 1);
	assert_int_equal(sscard_pin_verify(card, NULL, 0, &tries), 0);
	assert_int_equal(sscard_pin_status(card, &pin), 0);
	assert_int_equal(pin.state, SSCARD_PIN_VERIFIED);
	assert_int_equal(sscard_pin_verify(card, NULL, 0, &tries),
			 SSCARD_E_PINPAD_TIMEOUT);
	assert_int_equal(sscard_pin_verify(card, NULL, 0, &tries),
			 SSCARD_E_PINPAD_CANCELLED);
	assert_int_equal(sscard_pin_verify(card, NULL, 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(tries, 2);
	assert_int_equal(sscard_pin_change(card, NULL, NULL, 0, &tries), 0);
	mock_assert_done(card);
	sscard_disconnect(card);
	sscard_ctx_free(ctx);
}

static void faults_during_verify(void **state)
{
	struct session s;
	int tries = 9;
	(void)state;

	/* from power-up: SELECT, GET RESPONSE, query, VERIFY = APDU 3 */
	session_open(&s, "standard", "reset@3");
	assert_int_equal(sscard_pin_verify(s.card, "111111", 0, &tries),
			 SSCARD_E_CARD_RESET);
	assert_int_equal(tries, 3);             /* re-read, not assumed */
	assert_int_equal(s.vc->tries, 3);       /* and never retried */
	session_close(&s);

	session_open(&s, "standard", "remove@3");
	assert_int_equal(sscard_pin_verify(s.card, "111111", 0, &tries),
			 SSCARD_E_CARD_REMOVED);
	assert_int_equal(tries, -1);
	assert_int_equal(s.vc->tries, 3);
	session_close(&s);

	/* a reset before anything was sent is safe to run again */
	session_open(&s, "standard", "reset@0");
	assert_int_equal(sscard_pin_verify(s.card, "111111", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(tries, 2);
	session_close(&s);
}

/* A PIN command on a handle resets the card when the handle goes, however
 * the session went on (issue: the bank selection, a retried read and raw
 * commands used to clear that fact). */
static void verified_pin_never_outlives_the_handle(void **state)
{
	static const uint8_t select_pse[] = {
		0x00, 0xA4, 0x04, 0x00, 0x0E, '1', 'P', 'A', 'Y', '.', 'S', 'Y',
		'S', '.', 'D', 'D', 'F', '0', '1'
	};      /* sent raw through the handle this time */
	struct sscard_medical m;
	struct sscard_bank bank;
	uint8_t resp[258];
	size_t len = sizeof(resp);
	struct session s;
	(void)state;

	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, NULL), 0);
	assert_int_equal(sscard_read_bank(s.card, 0, &bank), 0);
	reopen(&s);
	expect_status(s.card, SSCARD_PIN_OK, 3);    /* not "verified" */

	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, NULL), 0);
	assert_int_equal(sscard_transmit(s.card, select_pse, sizeof(select_pse),
					 resp, &len), 0);
	reopen(&s);
	expect_status(s.card, SSCARD_PIN_OK, 3);
	session_close(&s);

	/* a card without a medical area: the read fails, the PIN stays
	 * verified on the card until the handle goes */
	session_open(&s, "nomedical", NULL);
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, NULL), 0);
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_NO_DATA);
	reopen(&s);
	expect_status(s.card, SSCARD_PIN_OK, 3);
	session_close(&s);
}

static void disconnect_resets_only_after_a_pin(void **state)
{
	static const struct mock_step read_only[] = {
		SELECT_SSSE, TX("00200000", "63C3"), MOCK_DONE
	};
	static const struct mock_step wrong_pin[] = {
		SELECT_SSSE, TX("00200000", "63C3"),
		TX("0020000003111111", "63C2"), MOCK_DONE
	};
	struct sscard_pin_info pin;
	sscard_ctx *ctx;
	sscard *card;
	int tries;
	(void)state;

	assert_int_equal(sscard_ctx_new(&ctx), 0);
	assert_int_equal(mock_connect(ctx, read_only, NULL, &card), 0);
	assert_int_equal(sscard_pin_status(card, &pin), 0);
	mock_assert_done(card);
	sscard_disconnect(card);
	assert_int_equal(mock_disconnect_reset, 0);
	/* even a wrong PIN: whether it verified is the card's business */
	assert_int_equal(mock_connect(ctx, wrong_pin, NULL, &card), 0);
	assert_int_equal(sscard_pin_verify(card, "111111", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	mock_assert_done(card);
	sscard_disconnect(card);
	assert_int_equal(mock_disconnect_reset, 1);
	sscard_ctx_free(ctx);
}

/* Another application selected the bank between our calls: the VERIFY
 * still goes to the SSSE PIN, right after our own SELECT. */
static void pin_commands_select_ssse_themselves(void **state)
{
	struct sscard_basic b;
	struct session s;
	int tries = 9;
	(void)state;

	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	session_select_elsewhere(&s);
	assert_int_equal(sscard_pin_verify(s.card, "111111", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(tries, 2);
	session_select_elsewhere(&s);
	assert_int_equal(sscard_pin_change(s.card, "123456", "654321", 0,
					   &tries), 0);
	/* leaving SSSE dropped the verified state: the card says so */
	session_select_elsewhere(&s);
	expect_status(s.card, SSCARD_PIN_OK, 3);
	assert_int_equal(s.vc->tries, 3);
	assert_string_equal(s.vc->pin, "654321");
	session_close(&s);
}

/* The PIN pad is a PIN command like any: counted before it goes, its
 * failure handled like a transmit's, and never run again after a reset. */
static void pinpad_reset_is_not_retried(void **state)
{
	static const struct mock_step s[] = {
		{ MOCK_CONTROL, NULL, "060442330006070442330007", 0,
		  SSCARDI_IOCTL_GET_FEATURES, 0 },
		SELECT_SSSE,
		TX("00200000", "63C3"),
		{ MOCK_CONTROL, PAD_VERIFY, NULL, SSCARD_E_CARD_RESET,
		  0x42330006, 0 },
		{ MOCK_RECONNECT, NULL, NULL, 0, 0, 0 },
		SELECT_SSSE,                        /* the counter re-read */
		TX("00200000", "63C3"),
		MOCK_DONE
	};
	sscard_ctx *ctx;
	sscard *card;
	int tries = 9;
	(void)state;

	assert_int_equal(sscard_ctx_new(&ctx), 0);
	assert_int_equal(mock_connect(ctx, s, NULL, &card), 0);
	assert_int_equal(sscard_pin_verify(card, NULL, 0, &tries),
			 SSCARD_E_CARD_RESET);
	assert_int_equal(tries, 3);
	mock_assert_done(card);             /* the pad was not asked again */
	sscard_disconnect(card);
	sscard_ctx_free(ctx);
}

/* An error's SW is this call's: none when the card gave none. */
static void last_sw_belongs_to_the_call(void **state)
{
	struct sscard_basic b;
	struct session s;
	int tries;
	(void)state;

	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_pin_verify(s.card, "111111", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(sscard_last_sw(s.card), 0x63C2);
	assert_int_equal(vcard_add_faults(s.vc, "remove@0"), 0);
	s.vc->apdus = 0;
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_CARD_REMOVED);
	assert_int_equal(sscard_last_sw(s.card), 0);
	session_close(&s);

	/* a PIN refused before any APDU carries no SW, not the last
	 * VERIFY's; nor does a reload refused for its new PIN */
	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_pin_verify(s.card, "111111", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(sscard_last_sw(s.card), 0x63C2);
	assert_int_equal(sscard_pin_verify(s.card, "12ab", 0, &tries),
			 SSCARD_E_PIN_FORMAT);
	assert_int_equal(sscard_last_sw(s.card), 0);
	assert_int_equal(sscard_pin_verify(s.card, "111111", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(sscard_pin_change(s.card, "123456", "1", 0, &tries),
			 SSCARD_E_PIN_FORMAT);
	assert_int_equal(sscard_last_sw(s.card), 0);
	session_close(&s);
}

/* The order is cards first, then the context: the other way round is
 * refused, and nothing is freed under the card (ASan watches). */
static void context_outlives_its_cards(void **state)
{
	struct sscard_pin_info pin;
	struct session s;
	(void)state;

	session_open(&s, "standard", NULL);
	sscard_ctx_free(s.ctx);                 /* refused: a card is open */
	assert_int_equal(sscard_pin_status(s.card, &pin), 0);
	assert_int_equal(pin.tries_left, 3);
	session_close(&s);                      /* card, then context */
}

static void trace_never_shows_the_pin(void **state)
{
	const char *trace;
	struct session s;
	int tries;
	(void)state;

	session_trace_start(SSCARD_LOG_APDU);
	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_pin_verify(s.card, "987654", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(sscard_pin_change(s.card, "123456", "246813", 0, &tries), 0);
	assert_int_equal(sscard_pin_verify(s.card, "246813", 0, &tries), 0);
	session_close(&s);
	trace = session_trace_stop();

	assert_non_null(strstr(trace, "> 00 20 00 00 03 **"));
	assert_non_null(strstr(trace, "> 80 5E 01 00 07 **"));
	assert_null(strstr(trace, "987654"));
	assert_null(strstr(trace, "98 76 54"));
	assert_null(strstr(trace, "123456"));
	assert_null(strstr(trace, "12 34 56"));
	assert_null(strstr(trace, "246813"));
	assert_null(strstr(trace, "24 68 13"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(states_and_counter),
		cmocka_unit_test(lock_persists),
		cmocka_unit_test(unknown_when_card_cannot_tell),
		cmocka_unit_test(change),
		cmocka_unit_test(format_checked_before_any_apdu),
		cmocka_unit_test(pinpad),
		cmocka_unit_test(faults_during_verify),
		cmocka_unit_test(trace_never_shows_the_pin),
		cmocka_unit_test(verified_pin_never_outlives_the_handle),
		cmocka_unit_test(disconnect_resets_only_after_a_pin),
		cmocka_unit_test(pin_commands_select_ssse_themselves),
		cmocka_unit_test(pinpad_reset_is_not_retried),
		cmocka_unit_test(last_sw_belongs_to_the_call),
		cmocka_unit_test(context_outlives_its_cards),
	};

	return cmocka_run_group_tests_name("pin", tests, NULL, NULL);
}
