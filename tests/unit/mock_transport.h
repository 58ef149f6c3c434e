/*
 * A scripted transport for unit tests: each step is one expected call with
 * its answer.  A C-APDU that differs from the script, or any call past its
 * end, fails the running cmocka test.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MOCK_TRANSPORT_H
#define MOCK_TRANSPORT_H

#include "sscard.h"

#include "transport.h"

enum mock_kind {
	MOCK_END = 0,
	MOCK_TRANSMIT,      /* cmd: expected C-APDU hex; resp: R-APDU hex */
	MOCK_BEGIN,         /* consumed by the next begin transaction */
	MOCK_RECONNECT,     /* consumed by the next reconnect */
	MOCK_STATUS,        /* consumed by the next status */
	MOCK_CONTROL        /* cmd: ioctl input hex; resp: output hex */
};

/* rv: 0 or the library error the backend would give (SSCARD_E_*, or
 * SSCARDI_E_NOT_TRANSACTED); native: the backend's own code with it. */
struct mock_step {
	int kind;
	const char *cmd;
	const char *resp;
	int rv;
	unsigned long code;     /* MOCK_CONTROL */
	unsigned long native;
};

#define TX(c, r) { MOCK_TRANSMIT, c, r, 0, 0, 0 }
#define TX_FAIL(c, rv) { MOCK_TRANSMIT, c, NULL, rv, 0, 0 }
#define TX_FAIL_NATIVE(c, rv, native) { MOCK_TRANSMIT, c, NULL, rv, 0, native }
#define MOCK_DONE { MOCK_END, NULL, NULL, 0, 0, 0 }

/* A card on the script (which must outlive it); atr is hex or NULL. */
int mock_connect(sscard_ctx *ctx, const struct mock_step *steps,
		 const char *atr, sscard **card);
/* A bare channel (a PSAM) on its own script, named in mock_log. */
struct sscardi_chan;
int mock_chan_open(sscard_ctx *ctx, const struct mock_step *steps,
		   const char *atr, const char *name, struct sscardi_chan *ch);
void mock_chan_assert_done(const struct sscardi_chan *ch);
/* "begin:NAME end:NAME ...": transactions as they happened ("card" for
 * mock_connect's); clear it with mock_log[0] = 0. */
extern char mock_log[512];
/* Every step consumed? (Call before sscard_disconnect.) */
void mock_assert_done(sscard *card);
/* How the last mock card was disconnected: 1 reset, 0 left, -1 never. */
extern int mock_disconnect_reset;
/* Transmit calls so far. */
unsigned mock_transmits(sscard *card);

#endif
