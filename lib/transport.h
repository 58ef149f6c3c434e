/*
 * The transport vtable: how lib/ reaches a card.  Return values are PC/SC
 * codes (SCARD_S_SUCCESS, SCARD_W_RESET_CARD, ...) so that every
 * implementation (pcsc-lite, the scripted mock, the in-process virtual
 * card) is mapped to library errors in one place, transport.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_TRANSPORT_H
#define SSCARD_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>
#include <winscard.h>

/* PC/SC part 10: the ioctl that lists a reader's features (pcsc-lite's
 * SCARD_CTL_CODE(3400)); apdu/pinpad.c reads its answer. */
#define SSCARDI_IOCTL_GET_FEATURES (0x42000000u + 3400u)

struct sscardi_transport_ops {
	const char *name;
	/* atr receives up to 33 bytes */
	LONG (*connect)(void *io, const char *reader, uint8_t *atr,
			size_t *atr_len);
	/* reset: 0 leave the card, 1 warm reset */
	LONG (*reconnect)(void *io, int reset, uint8_t *atr, size_t *atr_len);
	LONG (*transmit)(void *io, const uint8_t *cmd, size_t cmd_len,
			 uint8_t *resp, size_t *resp_len);
	LONG (*begin)(void *io);
	LONG (*end)(void *io);
	LONG (*control)(void *io, DWORD code, const uint8_t *in, size_t in_len,
			uint8_t *out, size_t *out_len);
	LONG (*status)(void *io, uint8_t *atr, size_t *atr_len);
	/* also releases io; reset: leave the card reset (PIN state gone) */
	void (*disconnect)(void *io, int reset);
};

/* pcsc-lite: io for a reader of the context's PC/SC context */
struct sscard_ctx;
__attribute__((visibility("hidden")))
extern const struct sscardi_transport_ops sscardi_pcsc_ops;
__attribute__((visibility("hidden")))
void *sscardi_pcsc_io_new(struct sscard_ctx *ctx);

#endif
