/*
 * In-process front end: the virtual card as a library transport, with the
 * PC/SC codes pcscd gives for each injected fault (HARNESS.md).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <winscard.h>

#include "internal.h"
#include "vcard.h"
#include "vcard_transport.h"

struct vio {
	struct vcard *vc;
	int removed;
	int mute;
};

static long v_atr(struct vio *io, uint8_t *atr, size_t *atr_len)
{
	if (io->removed)
		return SCARD_W_REMOVED_CARD;
	if (atr != NULL) {
		memcpy(atr, io->vc->atr, io->vc->atr_len);
		*atr_len = io->vc->atr_len;
	}
	return SCARD_S_SUCCESS;
}

static long v_connect(void *vio, const char *reader, uint8_t *atr,
		      size_t *atr_len)
{
	struct vio *io = vio;

	(void)reader;
	vcard_reset(io->vc);
	return v_atr(io, atr, atr_len);
}

static long v_reconnect(void *vio, int reset, uint8_t *atr, size_t *atr_len)
{
	struct vio *io = vio;

	if (io->removed)
		return SCARD_E_NO_SMARTCARD;
	if (reset)
		vcard_reset(io->vc);
	return v_atr(io, atr, atr_len);
}

static long v_transmit(void *vio, const uint8_t *cmd, size_t cmd_len,
		       uint8_t *resp, size_t *resp_len)
{
	struct vio *io = vio;
	uint8_t out[VCARD_RESP_MAX];
	size_t n;

	if (io->removed)
		return SCARD_W_REMOVED_CARD;
	if (io->mute)
		return SCARD_W_UNRESPONSIVE_CARD;
	switch (vcard_next_fault(io->vc)) {
	case VCARD_FAULT_REMOVE:
		/* pcscd: the first transmit after a loss is "not transacted" */
		io->removed = 1;
		return SCARD_E_NOT_TRANSACTED;
	case VCARD_FAULT_RESET:
		vcard_reset(io->vc);
		return SCARD_W_RESET_CARD;
	case VCARD_FAULT_MUTE:
		/* what a reader reports when the card misses its deadline */
		io->mute = 1;
		return SCARD_W_UNRESPONSIVE_CARD;
	case VCARD_FAULT_GONE:
		vcard_process(io->vc, cmd, cmd_len, out);
		io->removed = 1;
		return SCARD_E_NOT_TRANSACTED;
	case VCARD_FAULT_GARBAGE:
		if (*resp_len < 1)
			return SCARD_E_INSUFFICIENT_BUFFER;
		resp[0] = 0x6F;
		*resp_len = 1;
		return SCARD_S_SUCCESS;
	default:
		break;
	}
	n = vcard_process(io->vc, cmd, cmd_len, out);
	if (n > *resp_len)
		return SCARD_E_INSUFFICIENT_BUFFER;
	memcpy(resp, out, n);
	*resp_len = n;
	return SCARD_S_SUCCESS;
}

static long v_begin(void *vio)
{
	struct vio *io = vio;

	return io->removed ? SCARD_W_REMOVED_CARD : SCARD_S_SUCCESS;
}

static long v_end(void *vio)
{
	(void)vio;
	return SCARD_S_SUCCESS;
}

static long v_control(void *vio, uint32_t code, const uint8_t *in, size_t in_len,
		      uint8_t *out, size_t *out_len)
{
	(void)vio;
	(void)code;
	(void)in;
	(void)in_len;
	(void)out;
	*out_len = 0;
	return SCARD_E_UNSUPPORTED_FEATURE;
}

static long v_status(void *vio, uint8_t *atr, size_t *atr_len)
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
