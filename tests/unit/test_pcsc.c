/*
 * The PC/SC backend's own test: every PC/SC code it can meet becomes one
 * library error, in lib/pcsc.c alone.  The backend is the one place that
 * knows <winscard.h>, and so is its test.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "internal.h"
#include "pcsc.h"

struct mapping {
	LONG pcsc;
	int err;
};

static void pcsc_error_mapping(void **state)
{
	static const struct mapping map[] = {
		{ SCARD_S_SUCCESS, 0 },
		{ SCARD_W_REMOVED_CARD, SSCARD_E_CARD_REMOVED },
		{ SCARD_E_NO_SMARTCARD, SSCARD_E_CARD_REMOVED },
		{ SCARD_W_RESET_CARD, SSCARD_E_CARD_RESET },
		{ SCARD_E_NOT_TRANSACTED, SSCARDI_E_NOT_TRANSACTED },
		{ SCARD_E_NO_SERVICE, SSCARD_E_NO_SERVICE },
		{ SCARD_E_SERVICE_STOPPED, SSCARD_E_NO_SERVICE },
		{ SCARD_E_INVALID_HANDLE, SSCARD_E_NO_SERVICE },
		{ SCARD_E_TIMEOUT, SSCARD_E_TIMEOUT },
		{ SCARD_E_CANCELLED, SSCARD_E_CANCELLED },
		{ SCARD_E_SHARING_VIOLATION, SSCARD_E_SHARING },
		{ SCARD_E_NO_READERS_AVAILABLE, SSCARD_E_NO_READER },
		{ SCARD_E_UNKNOWN_READER, SSCARD_E_NO_READER },
		{ SCARD_E_READER_UNAVAILABLE, SSCARD_E_NO_READER },
		{ SCARD_W_UNRESPONSIVE_CARD, SSCARD_E_CARD_MUTE },
		{ SCARD_W_UNPOWERED_CARD, SSCARD_E_CARD_MUTE },
		{ SCARD_E_NO_ACCESS, SSCARD_E_ACCESS_DENIED },
		{ SCARD_E_NO_MEMORY, SSCARD_E_NO_MEMORY },
		{ SCARD_E_INSUFFICIENT_BUFFER, SSCARD_E_PROTOCOL },
		{ SCARD_E_PROTO_MISMATCH, SSCARD_E_NOT_SUPPORTED },
		{ SCARD_F_INTERNAL_ERROR, SSCARD_E_READER },
		{ SCARD_E_UNSUPPORTED_FEATURE, SSCARD_E_READER },
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		assert_int_equal(sscardi_pcsc_error(map[i].pcsc), map[i].err);
}

/* Its table is complete: each operation the library calls is there. */
static void pcsc_backend_complete(void **state)
{
	const struct sscardi_backend *b = &sscardi_pcsc_backend;
	const struct sscardi_transport_ops *c = b->chan;
	(void)state;

	assert_non_null(b->new);
	assert_non_null(b->free);
	assert_non_null(b->establish);
	assert_non_null(b->readers);
	assert_non_null(b->wait);
	assert_non_null(b->cancel);
	assert_non_null(b->probe);
	assert_non_null(b->io_new);
	assert_non_null(c);
	assert_non_null(c->connect);
	assert_non_null(c->reconnect);
	assert_non_null(c->transmit);
	assert_non_null(c->begin);
	assert_non_null(c->end);
	assert_non_null(c->control);
	assert_non_null(c->status);
	assert_non_null(c->disconnect);
	assert_non_null(c->native);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pcsc_error_mapping),
		cmocka_unit_test(pcsc_backend_complete),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
