/*
 * lib/transport.c and lib/run.c over the scripted mock: 61xx, 6Cxx, the
 * loop bound, PC/SC error mapping, reconnect after reset, the redacted
 * trace, and the runner on two channels (a PSAM and the card).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "mock_transport.h"
#include "sscard.h"

struct fixture {
	sscard_ctx *ctx;
	sscard *card;
};

static struct fixture fx;

static int setup(void **state)
{
	(void)state;
	memset(&fx, 0, sizeof(fx));
	return sscard_ctx_new(&fx.ctx);
}

static int teardown(void **state)
{
	(void)state;
	sscard_disconnect(fx.card);
	sscard_ctx_free(fx.ctx);
	return 0;
}

static void open_script(const struct mock_step *steps)
{
	assert_int_equal(mock_connect(fx.ctx, steps, NULL, &fx.card), 0);
}

static int xmit(const char *hex, uint8_t *resp, size_t *len)
{
	uint8_t cmd[300];
	size_t n = 0;
	unsigned v;

	while (*hex && sscanf(hex, "%2x", &v) == 1) {
		cmd[n++] = (uint8_t)v;
		hex += 2;
	}
	return sscard_transmit(fx.card, cmd, n, resp, len);
}

static void get_response_single(void **state)
{
	static const struct mock_step s[] = {
		TX("00A404000F7378312E73682EC9E7BBE1B1A3D5CF", "6103"),
		TX("00C0000003", "6F0184" "9000"),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	(void)state;

	open_script(s);
	assert_int_equal(xmit("00A404000F7378312E73682EC9E7BBE1B1A3D5CF", r, &n), 0);
	assert_int_equal(n, 5);
	assert_memory_equal(r, "\x6F\x01\x84\x90\x00", 5);
	assert_int_equal(sscard_last_sw(fx.card), 0x9000);
	mock_assert_done(fx.card);
}

/* A protocol error after 61xx carries no SW: the 61xx was not the
 * answer, and the broken one has none. */
static void protocol_error_has_no_sw(void **state)
{
	static const struct mock_step s[] = {
		TX("00A404000F7378312E73682EC9E7BBE1B1A3D5CF", "611C"),
		TX("00C000001C", "90"),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	(void)state;

	open_script(s);
	assert_int_equal(xmit("00A404000F7378312E73682EC9E7BBE1B1A3D5CF", r, &n),
			 SSCARD_E_PROTOCOL);
	assert_int_equal(sscard_last_sw(fx.card), 0);
	mock_assert_done(fx.card);
}

static void get_response_chained(void **state)
{
	static const struct mock_step s[] = {
		TX("80A8000002830000", "6104"),
		TX("00C0000004", "01020304" "6102"),
		TX("00C0000002", "0506" "9000"),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	struct sscard_stats st;
	(void)state;

	open_script(s);
	assert_int_equal(xmit("80A8000002830000", r, &n), 0);
	assert_int_equal(n, 8);
	assert_memory_equal(r, "\x01\x02\x03\x04\x05\x06\x90\x00", 8);
	sscard_get_stats(fx.card, &st);
	assert_int_equal(st.apdus, 3);
	assert_int_equal(st.bytes_out, 8 + 5 + 5);
	assert_int_equal(st.bytes_in, 2 + 6 + 4);
	mock_assert_done(fx.card);
}

static char hex256[513 + 4];

static void get_response_6100_is_256(void **state)
{
	struct mock_step s[] = {
		TX("00B0000000", "6100"),
		TX("00C0000000", hex256),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r), i;
	(void)state;

	for (i = 0; i < 256; i++)
		snprintf(hex256 + 2 * i, 3, "%02X", (unsigned)i);
	strcpy(hex256 + 512, "9000");
	open_script(s);
	assert_int_equal(xmit("00B0000000", r, &n), 0);
	assert_int_equal(n, 258);
	assert_int_equal(r[255], 0xFF);
	mock_assert_done(fx.card);
}

static void wrong_le_resent_once(void **state)
{
	static const struct mock_step s[] = {
		TX("00B2072C00", "6C0B"),
		TX("00B2072C0B", "0709424130303130353437" "9000"),
		TX("00B2012C00", "6C12"),
		TX("00B2012C12", "6C13"),   /* a second 6C is the answer */
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	(void)state;

	open_script(s);
	assert_int_equal(xmit("00B2072C00", r, &n), 0);
	assert_int_equal(n, 13);
	assert_memory_equal(r + 2, "BA0010547", 9);
	n = sizeof(r);
	assert_int_equal(xmit("00B2012C00", r, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(sscard_last_sw(fx.card), 0x6C13);
	mock_assert_done(fx.card);
}

static void wrong_le_case1_gets_le(void **state)
{
	static const struct mock_step s[] = {
		TX("00B20104", "6C03"),
		TX("00B2010403", "020133" "9000"),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	(void)state;

	open_script(s);
	assert_int_equal(xmit("00B20104", r, &n), 0);
	assert_int_equal(n, 5);
	mock_assert_done(fx.card);
}

static void get_response_loop_bound(void **state)
{
	struct mock_step s[40];
	uint8_t r[300];
	size_t n = sizeof(r), i;
	(void)state;

	s[0] = (struct mock_step)TX("0084000008", "6101");
	for (i = 1; i <= 32; i++)
		s[i] = (struct mock_step)TX("00C0000001", "AA6101");
	s[33] = (struct mock_step)MOCK_DONE;
	open_script(s);
	assert_int_equal(xmit("0084000008", r, &n), SSCARD_E_PROTOCOL);
	assert_int_equal(mock_transmits(fx.card), 33);
	mock_assert_done(fx.card);
}

static void short_and_small(void **state)
{
	static const struct mock_step s[] = {
		TX("00B0000004", "90"),
		TX("00B0000004", "01020304" "9000"),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	(void)state;

	open_script(s);
	assert_int_equal(xmit("00B0000004", r, &n), SSCARD_E_PROTOCOL);
	n = 4;
	assert_int_equal(xmit("00B0000004", r, &n), SSCARD_E_BUFFER_TOO_SMALL);
	n = sizeof(r);
	assert_int_equal(xmit("00B0", r, &n), SSCARD_E_INVALID_ARG);
	assert_int_equal(xmit("00A4040002EF", r, &n), SSCARD_E_INVALID_ARG);
	mock_assert_done(fx.card);
}

/* The backend's error reaches the caller as it is, and its own code is
 * kept for sscard_last_pcsc(). */
static void backend_error_and_native_code(void **state)
{
	static const struct mock_step s[] = {
		TX_FAIL_NATIVE("00B0000001", SSCARD_E_SHARING, 0x8010000Bu),
		TX("00B0000001", "AA9000"),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	(void)state;

	open_script(s);
	assert_int_equal(xmit("00B0000001", r, &n), SSCARD_E_SHARING);
	assert_int_equal(sscard_last_pcsc(fx.card), 0x8010000Bu);
	n = sizeof(r);
	assert_int_equal(xmit("00B0000001", r, &n), 0);
	assert_int_equal(sscard_last_pcsc(fx.card), 0);
	mock_assert_done(fx.card);
}

static void not_transacted_removed_or_mute(void **state)
{
	static const struct mock_step removed[] = {
		TX_FAIL("00B0000001", SSCARDI_E_NOT_TRANSACTED),
		{ MOCK_STATUS, NULL, NULL, SSCARD_E_CARD_REMOVED, 0, 0 },
		/* the next call first tries to get the card back */
		{ MOCK_RECONNECT, NULL, NULL, SSCARD_E_CARD_REMOVED, 0, 0 },
		MOCK_DONE
	};
	static const struct mock_step mute[] = {
		TX_FAIL("00B0000001", SSCARDI_E_NOT_TRANSACTED),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	(void)state;

	open_script(removed);
	assert_int_equal(xmit("00B0000001", r, &n), SSCARD_E_CARD_REMOVED);
	assert_int_equal(xmit("00B0000001", r, &n), SSCARD_E_CARD_REMOVED);
	mock_assert_done(fx.card);
	sscard_disconnect(fx.card);
	open_script(mute);
	assert_int_equal(xmit("00B0000001", r, &n), SSCARD_E_CARD_MUTE);
	mock_assert_done(fx.card);
}

static void reset_reconnects(void **state)
{
	static const struct mock_step s[] = {
		TX_FAIL("0020000000", SSCARD_E_CARD_RESET),
		{ MOCK_RECONNECT, NULL, NULL, 0, 0, 0 },
		/* a raw command is never repeated by the library */
		TX("00B0000001", "AA9000"),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	(void)state;

	open_script(s);
	assert_int_equal(xmit("0020000000", r, &n), SSCARD_E_CARD_RESET);
	n = sizeof(r);
	assert_int_equal(xmit("00B0000001", r, &n), 0);
	mock_assert_done(fx.card);
}

static void reset_at_begin_is_retried(void **state)
{
	static const struct mock_step s[] = {
		{ MOCK_BEGIN, NULL, NULL, SSCARD_E_CARD_RESET, 0, 0 },
		{ MOCK_RECONNECT, NULL, NULL, 0, 0, 0 },
		TX("00B0000001", "AA9000"),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	(void)state;

	open_script(s);
	assert_int_equal(xmit("00B0000001", r, &n), 0);
	assert_int_equal(n, 3);
	mock_assert_done(fx.card);
}

static void service_lost_reestablished(void **state)
{
	static const struct mock_step back[] = {
		TX_FAIL("00B0000001", SSCARD_E_NO_SERVICE),
		{ MOCK_RECONNECT, NULL, NULL, 0, 0, 0 },
		TX("00B0000001", "AA9000"),
		MOCK_DONE
	};
	static const struct mock_step gone[] = {
		TX_FAIL("00B0000001", SSCARD_E_NO_SERVICE),
		{ MOCK_RECONNECT, NULL, NULL, SSCARD_E_NO_SERVICE, 0, 0 },
		{ MOCK_RECONNECT, NULL, NULL, 0, 0, 0 },
		TX("00B0000001", "AA9000"),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	(void)state;

	open_script(back);
	assert_int_equal(xmit("00B0000001", r, &n), SSCARD_E_CARD_RESET);
	n = sizeof(r);
	assert_int_equal(xmit("00B0000001", r, &n), 0);
	mock_assert_done(fx.card);
	sscard_disconnect(fx.card);

	open_script(gone);
	n = sizeof(r);
	assert_int_equal(xmit("00B0000001", r, &n), SSCARD_E_NO_SERVICE);
	n = sizeof(r);
	assert_int_equal(xmit("00B0000001", r, &n), 0);
	mock_assert_done(fx.card);
}

static char trace[8192];

static void capture(int level, const char *msg, void *user)
{
	(void)level;
	(void)user;
	strncat(trace, msg, sizeof(trace) - strlen(trace) - 2);
	strcat(trace, "\n");
}

static void trace_redacts_pin(void **state)
{
	static const struct mock_step s[] = {
		TX("0020000003123456", "63C2"),
		TX("805E010007123456FF654321", "9000"),
		TX("0024000006123456654321", "9000"),
		TX("00B2072C0B", "0709424130303130353437" "9000"),
		MOCK_DONE
	};
	uint8_t r[300];
	size_t n = sizeof(r);
	(void)state;

	trace[0] = '\0';
	sscard_set_log(fx.ctx, SSCARD_LOG_APDU, capture, NULL);
	open_script(s);
	assert_int_equal(xmit("0020000003123456", r, &n), 0);
	n = sizeof(r);
	assert_int_equal(xmit("805E010007123456FF654321", r, &n), 0);
	n = sizeof(r);
	assert_int_equal(xmit("0024000006123456654321", r, &n), 0);
	n = sizeof(r);
	assert_int_equal(xmit("00B2072C0B", r, &n), 0);
	sscard_set_log(fx.ctx, SSCARD_LOG_NONE, NULL, NULL);
	mock_assert_done(fx.card);

	assert_non_null(strstr(trace, "> 00 20 00 00 03 **"));
	assert_non_null(strstr(trace, "> 80 5E 01 00 07 **"));
	assert_non_null(strstr(trace, "< 63 C2"));
	/* non-PIN commands are traced in full */
	assert_non_null(strstr(trace, "> 00 B2 07 2C 0B"));
	assert_null(strstr(trace, "12 34 56"));
	assert_null(strstr(trace, "65 43 21"));
	assert_null(strstr(trace, "123456"));
	assert_null(strstr(trace, "654321"));
}

static void *other_thread(void *arg)
{
	uint8_t r[16];
	size_t n = sizeof(r);
	struct sscard_reader rd;
	size_t count;
	static int results[2];

	(void)arg;
	results[0] = sscard_transmit(fx.card, (const uint8_t *)"\x00\xB0\x00\x00\x01",
				     5, r, &n);
	results[1] = sscard_list_readers(fx.ctx, &rd, 1, &count);
	return results;
}

static void wrong_thread_refused(void **state)
{
	static const struct mock_step s[] = { MOCK_DONE };
	pthread_t t;
	int *results;
	(void)state;

	open_script(s);
	assert_int_equal(pthread_create(&t, NULL, other_thread, NULL), 0);
	assert_int_equal(pthread_join(t, (void **)&results), 0);
	assert_int_equal(results[0], SSCARD_E_WRONG_THREAD);
	assert_int_equal(results[1], SSCARD_E_WRONG_THREAD);
	mock_assert_done(fx.card);
}

static void version_and_atr(void **state)
{
	static const struct mock_step s[] = { MOCK_DONE };
	uint8_t atr[33];
	size_t n = sizeof(atr);
	(void)state;

	assert_true(SSCARD_API_VERSION >= 1);
	assert_non_null(strchr(sscard_version(), '.'));
	open_script(s);
	assert_int_equal(sscard_atr(fx.card, atr, &n), 0);
	assert_int_equal(n, 17);
	assert_int_equal(atr[1], 0x6D);
	n = 4;
	assert_int_equal(sscard_atr(fx.card, atr, &n), SSCARD_E_BUFFER_TOO_SMALL);
	assert_string_equal(sscard_reader_name(fx.card), "Mock Reader 00");
}

/* One APDU on the PSAM, then one on the card, in one operation. */
static int psam_then_card(sscard *card, void *arg)
{
	struct sscardi_chan *psam = arg;
	uint16_t sw;
	int rv;

	rv = sscardi_cmd(psam, 0x00, 0xA4, 0x00, 0x00, (const uint8_t *)"\xDF\x01",
			 2, SSCARDI_NO_LE, NULL, NULL, &sw);
	if (rv == 0)
		rv = sscardi_cmd(&card->chan, 0x00, 0x84, 0x00, 0x00, NULL, 0, 8,
				 NULL, NULL, &sw);
	return rv;
}

/* Two channels, one transaction each: the PSAM's taken first and given
 * back last; a reset of the card runs the whole operation again. */
static void two_channel_runner(void **state)
{
	static const struct mock_step psam_steps[] = {
		TX("00A4000002DF01", "9000"),
		TX("00A4000002DF01", "9000"),
		MOCK_DONE
	};
	static const struct mock_step card_steps[] = {
		TX_FAIL("0084000008", SSCARD_E_CARD_RESET),
		TX("0084000008", "11223344556677889000"),
		MOCK_DONE
	};
	static const struct mock_step psam_refuses[] = {
		{ MOCK_BEGIN, NULL, NULL, SSCARD_E_SHARING, 0, 0 },
		MOCK_DONE
	};
	struct sscardi_chan psam;
	sscard *card;
	(void)state;

	assert_int_equal(mock_chan_open(fx.ctx, psam_steps, NULL, "psam", &psam), 0);
	assert_int_equal(mock_connect(fx.ctx, card_steps, NULL, &card), 0);
	mock_log[0] = '\0';
	assert_int_equal(sscardi_run(card, &psam, psam_then_card, &psam,
				     SSCARDI_RETRY_READ), 0);
	assert_string_equal(mock_log,
			    "begin:psam begin:card end:card end:psam "
			    "begin:psam begin:card end:card end:psam");
	mock_chan_assert_done(&psam);
	mock_assert_done(card);
	sscardi_chan_close(&psam);
	sscard_disconnect(card);

	/* the PSAM busy: the card is not even begun */
	assert_int_equal(mock_chan_open(fx.ctx, psam_refuses, NULL, "psam", &psam), 0);
	assert_int_equal(mock_connect(fx.ctx, card_steps + 2, NULL, &card), 0);
	mock_log[0] = '\0';
	assert_int_equal(sscardi_run(card, &psam, psam_then_card, &psam,
				     SSCARDI_RETRY_READ), SSCARD_E_SHARING);
	assert_string_equal(mock_log, "begin:psam");
	sscardi_chan_close(&psam);
	sscard_disconnect(card);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(get_response_single, setup, teardown),
		cmocka_unit_test_setup_teardown(protocol_error_has_no_sw, setup,
						teardown),
		cmocka_unit_test_setup_teardown(get_response_chained, setup, teardown),
		cmocka_unit_test_setup_teardown(get_response_6100_is_256, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_le_resent_once, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_le_case1_gets_le, setup, teardown),
		cmocka_unit_test_setup_teardown(get_response_loop_bound, setup, teardown),
		cmocka_unit_test_setup_teardown(short_and_small, setup, teardown),
		cmocka_unit_test_setup_teardown(backend_error_and_native_code, setup,
						teardown),
		cmocka_unit_test_setup_teardown(not_transacted_removed_or_mute, setup, teardown),
		cmocka_unit_test_setup_teardown(reset_reconnects, setup, teardown),
		cmocka_unit_test_setup_teardown(reset_at_begin_is_retried, setup, teardown),
		cmocka_unit_test_setup_teardown(service_lost_reestablished, setup, teardown),
		cmocka_unit_test_setup_teardown(trace_redacts_pin, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_thread_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(version_and_atr, setup, teardown),
		cmocka_unit_test_setup_teardown(two_channel_runner, setup, teardown),
	};

	return cmocka_run_group_tests_name("transport", tests, NULL, NULL);
}
