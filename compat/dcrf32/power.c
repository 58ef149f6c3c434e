/*
 * A slot's card: powered (connected and reset) by us, exchanged with,
 * powered down.  Both a card and a PSAM of one device stay powered, so a
 * program interleaves their commands as terminal authentication needs.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "dcrf32i.h"

#define READERS_MAX 32

static short note(struct dcrf32i_dev *dev, sscard *card, int rv)
{
	dev->last_sw = sscard_last_sw(card);
	dev->last_pcsc = sscard_last_pcsc(card);
	return dcrf32i_code(rv);
}

short dcrf32i_power(struct dcrf32i_dev *dev, int slot, int warm,
		    unsigned char *atr, size_t *atr_len)
{
	struct dcrf32i_slot *s = &dev->slot[slot];
	int rv;

	dev->last_sw = 0;
	if (s->card == NULL) {
		if (warm)
			return DCRF32_E_NOT_POWERED;
		rv = sscard_connect(dev->ctx, s->reader, &s->card);
		if (rv < 0) {
			s->card = NULL;
			return dcrf32i_code(rv);
		}
	}
	rv = sscard_reset(s->card, warm ? SSCARD_RESET_WARM : SSCARD_RESET_COLD,
			  atr, atr_len);
	if (rv == SSCARD_E_NO_CARD || rv == SSCARD_E_CARD_REMOVED) {
		sscard_disconnect(s->card);
		s->card = NULL;
	}
	return note(dev, s->card, rv);
}

short dcrf32i_activate(struct dcrf32i_dev *dev, int slot)
{
	struct dcrf32i_slot *s = &dev->slot[slot];
	int rv;

	if (s->card != NULL)
		return DCRF32_OK;
	dev->last_sw = 0;
	rv = sscard_connect(dev->ctx, s->reader, &s->card);
	if (rv < 0)
		s->card = NULL;
	return dcrf32i_code(rv);
}

void dcrf32i_power_off(struct dcrf32i_dev *dev, int slot)
{
	sscard_power_off(dev->slot[slot].card);
	dev->slot[slot].card = NULL;
}

short dcrf32i_exchange(struct dcrf32i_dev *dev, int slot,
		       const unsigned char *cmd, size_t cmd_len,
		       unsigned char *resp, size_t *resp_len, int resolve)
{
	sscard *card = dev->slot[slot].card;
	int rv;

	if (card == NULL)
		return DCRF32_E_NOT_POWERED;
	rv = sscard_transmit_flags(card, cmd, cmd_len, resp, resp_len,
				   resolve ? 0 : SSCARD_TRANSMIT_PASS_STATUS);
	return note(dev, card, rv);
}

short dcrf32i_present(struct dcrf32i_dev *dev, int slot)
{
	struct sscard_reader r[READERS_MAX];
	size_t n, i;
	int rv;

	rv = sscard_list_readers(dev->ctx, r, READERS_MAX, &n);
	if (rv < 0)
		return dcrf32i_code(rv);
	for (i = 0; i < n && i < READERS_MAX; i++)
		if (strcmp(r[i].name, dev->slot[slot].reader) == 0)
			return r[i].state == SSCARD_READER_CARD ||
			       r[i].state == SSCARD_READER_IN_USE ||
			       r[i].state == SSCARD_READER_MUTE;
	return DCRF32_E_NO_READER;
}
