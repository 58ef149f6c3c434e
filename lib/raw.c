/*
 * Raw access for programs that speak to the card themselves (the Decard
 * API on PC/SC, opensc-tool-like tools): one command, a reset, power.
 * After any of them the library trusts nothing it remembered of the card.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "internal.h"

struct raw_args {
	const unsigned char *cmd;
	size_t cmd_len;
	unsigned char *resp;
	size_t *resp_len;
	int pass_status;
};

static int raw_op(sscard *card, void *arg)
{
	struct raw_args *a = arg;

	/* a raw command may select, or write, anything */
	sscardi_card_forget(card);
	sscardi_memo_drop(card);
	card->chan.pass_status_next = a->pass_status;
	return sscardi_xfer(&card->chan, a->cmd, a->cmd_len, a->resp,
			    a->resp_len, NULL);
}

static int transmit(sscard *card, const unsigned char *cmd, size_t cmd_len,
		    unsigned char *resp, size_t *resp_len, unsigned flags)
{
	struct raw_args a = { cmd, cmd_len, resp, resp_len, 0 };

	if (card == NULL || cmd == NULL || resp == NULL || resp_len == NULL ||
	    (flags & ~(unsigned)SSCARD_TRANSMIT_PASS_STATUS) != 0)
		return SSCARD_E_INVALID_ARG;
	a.pass_status = (flags & SSCARD_TRANSMIT_PASS_STATUS) != 0;
	return sscardi_run_once(card, raw_op, &a);
}

int sscard_transmit(sscard *card, const unsigned char *cmd, size_t cmd_len,
		    unsigned char *resp, size_t *resp_len)
{
	return transmit(card, cmd, cmd_len, resp, resp_len, 0);
}

int sscard_transmit_flags(sscard *card, const unsigned char *cmd,
			  size_t cmd_len, unsigned char *resp,
			  size_t *resp_len, unsigned flags)
{
	return transmit(card, cmd, cmd_len, resp, resp_len, flags);
}

int sscard_reset(sscard *card, int how, unsigned char *atr, size_t *atr_len)
{
	int rv;

	if (card == NULL || (atr == NULL) != (atr_len == NULL) ||
	    (how != SSCARD_RESET_WARM && how != SSCARD_RESET_COLD))
		return SSCARD_E_INVALID_ARG;
	if (!sscardi_owner_ok(card->chan.ctx))
		return SSCARD_E_WRONG_THREAD;
	sscardi_card_forget(card);
	sscardi_memo_drop(card);
	rv = sscardi_chan_reset(&card->chan, how == SSCARD_RESET_COLD
				? SSCARDI_RESET_COLD : SSCARDI_RESET_WARM);
	if (rv < 0 || atr == NULL)
		return rv;
	if (*atr_len < card->chan.atr_len)
		return SSCARD_E_BUFFER_TOO_SMALL;
	memcpy(atr, card->chan.atr, card->chan.atr_len);
	*atr_len = card->chan.atr_len;
	return 0;
}
