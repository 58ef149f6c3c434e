/*
 * In-process front end: the virtual card as a library transport.  Each
 * injected fault gives the library code the PC/SC backend makes of what
 * pcscd answers to it (tests/harness/README.md); no PC/SC header here.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "vcard.h"
#include "vcard_transport.h"

struct vio {
	struct vcard *vc;
	int removed;
	int mute;
	char pad_digits[13];        /* a PIN pad "typed" these, "" none */
};

static int v_atr(struct vio *io, uint8_t *atr, size_t *atr_len)
{
	if (io->removed)
		return SSCARD_E_CARD_REMOVED;
	if (atr != NULL) {
		memcpy(atr, io->vc->atr, io->vc->atr_len);
		*atr_len = io->vc->atr_len;
	}
	return 0;
}

static int v_connect(void *vio, const char *reader, uint8_t *atr,
		     size_t *atr_len)
{
	struct vio *io = vio;

	(void)reader;
	vcard_reset(io->vc);
	return v_atr(io, atr, atr_len);
}

static int v_reconnect(void *vio, int reset, uint8_t *atr, size_t *atr_len)
{
	struct vio *io = vio;

	if (io->removed)
		return SSCARD_E_CARD_REMOVED;
	if (reset)
		vcard_reset(io->vc);
	return v_atr(io, atr, atr_len);
}

static int v_transmit(void *vio, const uint8_t *cmd, size_t cmd_len,
		      uint8_t *resp, size_t *resp_len)
{
	struct vio *io = vio;
	uint8_t out[VCARD_RESP_MAX];
	size_t n;

	if (io->removed)
		return SSCARD_E_CARD_REMOVED;
	if (io->mute)
		return SSCARD_E_CARD_MUTE;
	switch (vcard_next_fault(io->vc)) {
	case VCARD_FAULT_REMOVE:
		/* pcscd: the first transmit after a loss is "not transacted" */
		io->removed = 1;
		return SSCARDI_E_NOT_TRANSACTED;
	case VCARD_FAULT_RESET:
		vcard_reset(io->vc);
		return SSCARD_E_CARD_RESET;
	case VCARD_FAULT_MUTE:
	case VCARD_FAULT_SILENT:
		/* what a reader reports when the card misses its deadline */
		io->mute = 1;
		return SSCARD_E_CARD_MUTE;
	case VCARD_FAULT_GONE:
		vcard_process(io->vc, cmd, cmd_len, out);
		io->removed = 1;
		return SSCARDI_E_NOT_TRANSACTED;
	case VCARD_FAULT_GARBAGE:
		if (*resp_len < 1)
			return SSCARD_E_PROTOCOL;
		resp[0] = 0x6F;
		*resp_len = 1;
		return 0;
	default:
		break;
	}
	n = vcard_process(io->vc, cmd, cmd_len, out);
	if (n > *resp_len)
		return SSCARD_E_PROTOCOL;
	memcpy(resp, out, n);
	*resp_len = n;
	return 0;
}

static int v_begin(void *vio)
{
	struct vio *io = vio;

	return io->removed ? SSCARD_E_CARD_REMOVED : 0;
}

static int v_end(void *vio)
{
	(void)vio;
	return 0;
}

#define IOCTL_VERIFY 0x42330006u

/*
 * A PIN pad, when vcard_set_pinpad() gave it digits: the feature list
 * offers verify, and VERIFY_PIN_DIRECT becomes the structure's APDU with
 * the digits packed in BCD (its format: 3 bytes at the data's start),
 * sent to the card like any command, faults included.
 */
static int v_control(void *vio, uint32_t code, const uint8_t *in,
		     size_t in_len, uint8_t *out, size_t *out_len)
{
	static const uint8_t features[] = { 0x06, 0x04, 0x42, 0x33, 0x00, 0x06 };
	struct vio *io = vio;
	uint8_t apdu[32];
	size_t len, i, n = strlen(io->pad_digits);

	if (n == 0)
		return SSCARD_E_READER;
	if (code == SSCARDI_IOCTL_GET_FEATURES) {
		if (*out_len < sizeof(features))
			return SSCARD_E_PROTOCOL;
		memcpy(out, features, sizeof(features));
		*out_len = sizeof(features);
		return 0;
	}
	if (code != IOCTL_VERIFY || in_len < 19)
		return SSCARD_E_READER;
	len = in[15] | (size_t)in[16] << 8;
	if (len < 6 || len > sizeof(apdu) || 19 + len > in_len)
		return SSCARD_E_READER;
	memcpy(apdu, in + 19, len);
	memset(apdu + 5, 0xFF, len - 5);
	for (i = 0; i < n && i / 2 < len - 5; i++)
		apdu[5 + i / 2] = (uint8_t)((apdu[5 + i / 2] &
			(i & 1 ? 0xF0 : 0x0F)) |
			((io->pad_digits[i] - '0') << (i & 1 ? 0 : 4)));
	return v_transmit(vio, apdu, len, out, out_len);
}

void vcard_set_pinpad(sscard *card, const char *digits)
{
	struct vio *io = card->chan.io;

	snprintf(io->pad_digits, sizeof(io->pad_digits), "%s",
		 digits != NULL ? digits : "");
}

static int v_status(void *vio, uint8_t *atr, size_t *atr_len)
{
	return v_atr(vio, atr, atr_len);
}

static void v_disconnect(void *vio, int reset)
{
	struct vio *io = vio;

	if (reset)
		vcard_reset(io->vc);
	free(vio);
}

/* no backend underneath: no native code to keep */
static unsigned long v_native(const void *vio)
{
	(void)vio;
	return 0;
}

static const struct sscardi_transport_ops vcard_ops = {
	.name = "vcard",
	.connect = v_connect,
	.reconnect = v_reconnect,
	.transmit = v_transmit,
	.begin = v_begin,
	.end = v_end,
	.control = v_control,
	.status = v_status,
	.disconnect = v_disconnect,
	.native = v_native,
};

int vcard_connect(sscard_ctx *ctx, struct vcard *vc, sscard **card)
{
	struct vio *io = calloc(1, sizeof(*io));

	if (io == NULL)
		return SSCARD_E_NO_MEMORY;
	io->vc = vc;
	return sscardi_card_open(ctx, &vcard_ops, io, "Virtual in-process 00",
				 card);
}

int vcard_chan_open(sscard_ctx *ctx, struct vcard *vc, struct sscardi_chan *ch)
{
	struct vio *io = calloc(1, sizeof(*io));

	if (io == NULL)
		return SSCARD_E_NO_MEMORY;
	io->vc = vc;
	return sscardi_chan_open(ch, ctx, &vcard_ops, io, "Virtual PSAM 01");
}
