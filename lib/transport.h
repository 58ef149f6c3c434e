/*
 * The transport vtable: how lib/ reaches a card or a PSAM in one slot.
 * Every operation returns 0 or a library error (SSCARD_E_*, or
 * SSCARDI_E_NOT_TRANSACTED below): each implementation (pcsc-lite, the
 * scripted mock, the in-process virtual card) maps its own failures, so
 * nothing outside the PC/SC backend includes <winscard.h>.  native() gives
 * the backend's own code for the last call (sscard_last_pcsc()).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_TRANSPORT_H
#define SSCARD_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#ifndef SSCARDI_HIDDEN
#define SSCARDI_HIDDEN __attribute__((visibility("hidden")))
#endif

/* PC/SC part 10: the ioctl that lists a reader's features (pcsc-lite's
 * SCARD_CTL_CODE(3400)); apdu/pinpad.c reads its answer. */
#define SSCARDI_IOCTL_GET_FEATURES (0x42000000u + 3400u)

/* A failed exchange that may be a lost card or a mute one: the channel
 * takes a second look (tests/harness/README.md). */
#define SSCARDI_E_NOT_TRANSACTED (-100)

/* What reconnect and disconnect do to the card. */
#define SSCARDI_RESET_LEAVE 0
#define SSCARDI_RESET_WARM  1
#define SSCARDI_RESET_COLD  2   /* power it down (and up again) */

struct sscardi_transport_ops {
	const char *name;
	/* atr receives up to 33 bytes; no card: SSCARD_E_CARD_REMOVED */
	int (*connect)(void *io, const char *reader, uint8_t *atr,
		       size_t *atr_len);
	/* reset: one of SSCARDI_RESET_* */
	int (*reconnect)(void *io, int reset, uint8_t *atr, size_t *atr_len);
	int (*transmit)(void *io, const uint8_t *cmd, size_t cmd_len,
			uint8_t *resp, size_t *resp_len);
	int (*begin)(void *io);
	int (*end)(void *io);
	/* SCardControl: the PIN pad (PC/SC part 10) */
	int (*control)(void *io, uint32_t code, const uint8_t *in,
		       size_t in_len, uint8_t *out, size_t *out_len);
	int (*status)(void *io, uint8_t *atr, size_t *atr_len);
	/* also releases io; reset: SSCARDI_RESET_WARM leaves the card reset
	 * (PIN state gone), SSCARDI_RESET_COLD powers it down */
	void (*disconnect)(void *io, int reset);
	/* the backend's own code for the last call, 0 when it has none */
	unsigned long (*native)(const void *io);
};

#endif
