/*
 * The transport vtable: how lib/ reaches a card or a PSAM in one slot.
 * Return values are PC/SC codes (0 success, the SCARD_* values otherwise)
 * as longs, so that every implementation (pcsc-lite, the scripted mock,
 * the in-process virtual card) is mapped to library errors in one place,
 * sscardi_pcsc_error(); nothing above the backend includes <winscard.h>.
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

struct sscardi_transport_ops {
	const char *name;
	/* atr receives up to 33 bytes */
	long (*connect)(void *io, const char *reader, uint8_t *atr,
			size_t *atr_len);
	/* reset: 0 leave the card, 1 warm reset */
	long (*reconnect)(void *io, int reset, uint8_t *atr, size_t *atr_len);
	long (*transmit)(void *io, const uint8_t *cmd, size_t cmd_len,
			 uint8_t *resp, size_t *resp_len);
	long (*begin)(void *io);
	long (*end)(void *io);
	/* SCardControl: the PIN pad (PC/SC part 10) */
	long (*control)(void *io, uint32_t code, const uint8_t *in,
			size_t in_len, uint8_t *out, size_t *out_len);
	long (*status)(void *io, uint8_t *atr, size_t *atr_len);
	/* also releases io; reset: leave the card reset (PIN state gone) */
	void (*disconnect)(void *io, int reset);
};

#endif
