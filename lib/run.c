/*
 * Public operations on a session: each runs in a transaction on the
 * card's channel (and, with a key source in a PSAM, on the PSAM's too:
 * PSAM first, card second, released in reverse), with a retry policy for
 * resets that says when running again cannot spend a PIN try or repeat
 * an effect.  The session forgets what the card had selected whenever the
 * channel says the card was reset.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "internal.h"

void sscardi_card_forget(sscard *card)
{
	card->resets_seen = card->chan.resets;
	card->app = SSCARDI_APP_NONE;
	card->ef = 0;
	card->pin_verified = 0;
	card->opened = 0;
	card->algorithm = SSCARD_ALG_UNKNOWN;
	card->read_mode[0] = card->read_mode[1] = SSCARDI_READ_SFI_TAG;
	card->bank_aid_len = 0;
	card->id_code[0] = '\0';
}

int sscardi_denied(sscard *card, enum sscardi_key key)
{
	card->refused |= 1u << key;
	card->opened &= ~(1u << key);   /* whatever we thought, it is shut */
	if (card->unlock == NULL)
		return SSCARD_E_AUTH_REQUIRED;
	return card->unlock(card, key);
}

/* What says that the card's channel, not the key, failed: the operation
 * cannot go on (a reset is run again by sscardi_run). */
static int channel_failed(int err)
{
	return err == SSCARD_E_CARD_RESET || err == SSCARD_E_CARD_REMOVED ||
	       err == SSCARD_E_CARD_MUTE || err == SSCARD_E_NO_SERVICE ||
	       err == SSCARD_E_NO_READER || err == SSCARD_E_READER ||
	       err == SSCARD_E_PROTOCOL || err == SSCARD_E_TIMEOUT ||
	       err == SSCARD_E_NO_MEMORY || err == SSCARD_E_INTERNAL;
}

int sscardi_unlock_first(sscard *card, enum sscardi_key key)
{
	int rv;

	if (card->unlock == NULL || card->keys == NULL ||
	    (card->opened & (1u << key)))
		return 0;
	rv = card->unlock(card, key);   /* kept in auth_err for a refusal */
	return channel_failed(rv) ? rv : 0;
}

int sscardi_cmd_unlock(sscard *card, sscardi_unlock_fn unlock, uint8_t ins,
		       uint8_t p1, uint8_t p2, const uint8_t *data,
		       size_t data_len, int le, uint8_t *resp,
		       size_t *resp_len, uint16_t *sw)
{
	size_t size = resp_len != NULL ? *resp_len : 0;
	int rv;

	for (;;) {
		if (resp_len != NULL)
			*resp_len = size;
		rv = sscardi_cmd(&card->chan, 0x00, ins, p1, p2, data,
				 data_len, le, resp, resp_len, sw);
		if (rv < 0 || *sw != 0x6982)
			return rv;
		rv = unlock(card);
		if (rv < 0)
			return rv;
	}
}

/* After a reset or a removal the card has nothing selected. */
static void sync_session(sscard *card)
{
	if (card->resets_seen != card->chan.resets)
		sscardi_card_forget(card);
}

static int begin_both(sscard *card, struct sscardi_chan *psam)
{
	int rv;

	if (psam != NULL) {
		rv = sscardi_begin(psam);
		if (rv == SSCARD_E_CARD_REMOVED || rv == SSCARD_E_CARD_MUTE ||
		    rv == SSCARD_E_NO_CARD)
			rv = SSCARD_E_PSAM_REMOVED;
		if (rv < 0)
			return rv;
	}
	rv = sscardi_begin(&card->chan);
	if (rv < 0 && psam != NULL)
		sscardi_end(psam);
	return rv;
}

static void end_both(sscard *card, struct sscardi_chan *psam)
{
	sscardi_end(&card->chan);
	if (psam != NULL)
		sscardi_end(psam);
}

static unsigned long apdus(const sscard *card, const struct sscardi_chan *psam)
{
	return card->chan.stats.apdus + (psam != NULL ? psam->stats.apdus : 0);
}

int sscardi_run(sscard *card, struct sscardi_chan *psam, sscardi_op_fn fn,
		void *arg, enum sscardi_retry policy)
{
	int rv, tries = 0;

	if (card == NULL)
		return SSCARD_E_INVALID_ARG;
	if (!sscardi_owner_ok(card->chan.ctx))
		return SSCARD_E_WRONG_THREAD;
	card->chan.last_sw = 0;     /* an error below shows this call's SW */
	for (;;) {
		unsigned long secrets_before = card->chan.secrets_sent;
		unsigned long apdus_before = apdus(card, psam);
		int from_cache;

		rv = begin_both(card, psam);
		sync_session(card);
		card->authed = 0;           /* one authentication a key, here */
		card->refused = 0;
		if (psam != NULL)
			psam->app_selected = 0; /* DF01 once a transaction */
		from_cache = card->app != SSCARDI_APP_NONE;
		if (rv == 0) {
			rv = fn(card, arg);
			end_both(card, psam);
		}
		/* Another application sharing the card may have selected
		 * something else since our last call: a read that trusted the
		 * remembered selection and found the wrong place runs once
		 * more from a fresh SELECT. */
		if (policy == SSCARDI_RETRY_READ && from_cache && tries == 0 &&
		    (rv == SSCARD_E_NOT_FOUND || rv == SSCARD_E_NOT_SUPPORTED ||
		     rv == SSCARD_E_CARD_DATA || rv == SSCARD_E_NO_DATA ||
		     rv == SSCARD_E_NO_APP)) {
			sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
				    "read failed after a remembered SELECT; "
				    "selecting again");
			card->app = SSCARDI_APP_NONE;
			card->ef = 0;
			card->pin_verified = 0; /* gone with the selection */
			card->opened = 0;
			tries++;
			continue;
		}
		if (rv != SSCARD_E_CARD_RESET || tries++ > 0)
			return rv;
		/* reads run again; PIN operations only if no PIN command
		 * left in this attempt (a repeat could spend a try) */
		if (policy == SSCARDI_RETRY_NO_SECRET &&
		    card->chan.secrets_sent != secrets_before)
			return rv;
		if (policy == SSCARDI_RETRY_NOTHING_SENT &&
		    apdus(card, psam) != apdus_before)
			return rv;
		sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
			    "card was reset; running the operation again");
	}
}

/* With a PSAM as the key source, reads hold it too: any of them may meet
 * a file that wants a key. */
int sscardi_run_read(sscard *card, sscardi_op_fn fn, void *arg)
{
	return sscardi_run(card, card != NULL ? sscardi_psam_of(card) : NULL,
			   fn, arg, SSCARDI_RETRY_READ);
}

int sscardi_run_pin(sscard *card, sscardi_op_fn fn, void *arg)
{
	return sscardi_run(card, NULL, fn, arg, SSCARDI_RETRY_NO_SECRET);
}

int sscardi_run_once(sscard *card, sscardi_op_fn fn, void *arg)
{
	return sscardi_run(card, NULL, fn, arg, SSCARDI_RETRY_NOTHING_SENT);
}
