/*
 * Readers and connected cards: listing, connecting by name, index or
 * probing, and the handle's accessors.  The context is ctx.c.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* How many readers connect-by-probing and connect-by-index look at
 * (pcscd itself allows 16); the list counts them all. */
#define READERS_MAX 16

int sscardi_card_open(sscard_ctx *ctx, const struct sscardi_transport_ops *ops,
		      void *io, const char *reader, sscard **out)
{
	sscard *card;
	int rv;

	*out = NULL;
	card = calloc(1, sizeof(*card));
	if (card == NULL) {
		ops->disconnect(io, 0);
		return SSCARD_E_NO_MEMORY;
	}
	rv = sscardi_chan_open(&card->chan, ctx, ops, io, reader);
	if (rv < 0) {
		free(card);
		return rv;
	}
	sscardi_card_forget(card);
	card->unlock = sscardi_unlock;
	card->key_tries = -1;
	card->next = ctx->cards;
	ctx->cards = card;
	ctx->free_abandoned = sscardi_free_abandoned;
	ctx->ncards++;
	*out = card;
	return 0;
}

static int connect_by_name(sscard_ctx *ctx, const char *reader, sscard **card)
{
	void *io = ctx->backend->io_new(ctx->backend_state);

	if (io == NULL)
		return SSCARD_E_NO_MEMORY;
	return sscardi_card_open(ctx, ctx->backend->chan, io, reader, card);
}

static int select_op(sscard *card, void *arg)
{
	(void)arg;
	return sscardi_select_ssse(card);
}

/* Is the card in reader a social security card?  Multi-slot readers show
 * the PSAM's slot like any other (lib/card.md): the SELECT decides, and the
 * selection it makes is the session's, so nothing is selected twice.
 * Returns 0 (it is; a blocked one too), 1 (another card: next reader), or
 * the error that stopped the look (a removal, a mute card). */
static int probe(sscard_ctx *ctx, const char *reader, sscard **card)
{
	int rv = connect_by_name(ctx, reader, card);

	if (rv < 0)
		return rv;
	rv = sscardi_run_read(*card, select_op, NULL);
	if (rv == 0 || rv == SSCARD_E_APP_BLOCKED)
		return 0;
	sscard_disconnect(*card);
	*card = NULL;
	if (rv != SSCARD_E_NOT_SSCARD)
		return rv;
	sscardi_log(ctx, SSCARD_LOG_INFO, "'%s': not a social security card",
		    reader);
	return 1;
}

int sscard_connect(sscard_ctx *ctx, const char *reader, sscard **card)
{
	struct sscard_reader readers[READERS_MAX];
	size_t count, i;
	int rv;

	if (ctx == NULL || card == NULL)
		return SSCARD_E_INVALID_ARG;
	*card = NULL;
	if (!sscardi_owner_ok(ctx))
		return SSCARD_E_WRONG_THREAD;
	if (reader != NULL) {
		rv = ctx->backend->establish(ctx->backend_state, 0);
		if (rv < 0)
			return rv;
		return connect_by_name(ctx, reader, card);
	}
	rv = sscardi_list_readers(ctx, readers, READERS_MAX, &count);
	if (rv < 0)
		return rv;
	if (count == 0)
		return SSCARD_E_NO_READER;
	if (count > READERS_MAX)
		count = READERS_MAX;
	for (i = 0; i < count; i++) {
		if (readers[i].state != SSCARD_READER_CARD)
			continue;
		rv = probe(ctx, readers[i].name, card);
		if (rv <= 0)
			return rv;
	}
	/* no social security card: the first card there is, for --atr and
	 * raw commands, whose first read will say what it is not */
	for (i = 0; i < count; i++)
		if (readers[i].state == SSCARD_READER_CARD)
			return connect_by_name(ctx, readers[i].name, card);
	for (i = 0; i < count; i++)
		if (readers[i].state == SSCARD_READER_IN_USE)
			return SSCARD_E_SHARING;
	return SSCARD_E_NO_CARD;
}

int sscard_connect_index(sscard_ctx *ctx, unsigned index, sscard **card)
{
	struct sscard_reader readers[READERS_MAX];
	size_t count;
	int rv;

	if (ctx == NULL || card == NULL)
		return SSCARD_E_INVALID_ARG;
	*card = NULL;
	if (!sscardi_owner_ok(ctx))
		return SSCARD_E_WRONG_THREAD;
	rv = sscardi_list_readers(ctx, readers, READERS_MAX, &count);
	if (rv < 0)
		return rv;
	if (index >= count || index >= READERS_MAX)
		return SSCARD_E_NO_READER;
	return connect_by_name(ctx, readers[index].name, card);
}

/* The card reset through a connection of the calling thread's own (the
 * service waits for a transaction of the owner's to end first), so no
 * verified PIN outlives the handle; nothing of the handle is touched but
 * its flag. */
static void reset_from_here(sscard *card)
{
	const struct sscardi_backend *be = card->chan.ctx->backend;
	uint8_t atr[33];
	size_t atr_len = sizeof(atr);
	void *state, *io;
	int rv;

	state = be->new();
	if (state == NULL)
		return;
	rv = be->establish(state, 0);
	io = rv == 0 ? be->io_new(state) : NULL;
	if (io != NULL) {
		rv = be->chan->connect(io, card->chan.reader, atr, &atr_len);
		be->chan->disconnect(io, rv == 0);
	}
	be->free(state);
	sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
		    "sscard_disconnect from another thread: the card %s; the "
		    "handle is freed with its context",
		    rv == 0 ? "was reset" : "could not be reached");
}

static void unlink_card(sscard *card)
{
	sscard **p;

	for (p = &card->chan.ctx->cards; *p != NULL; p = &(*p)->next)
		if (*p == card) {
			*p = card->next;
			break;
		}
}

static void release(sscard *card, int power_off)
{
	if (!sscardi_owner_ok(card->chan.ctx)) {
		if (__atomic_exchange_n(&card->abandoned, 1,
					__ATOMIC_ACQ_REL) == 0)
			reset_from_here(card);
		return;
	}
	unlink_card(card);
	if (card->keys != NULL)         /* the keys may be freed after */
		card->keys->users--;
	card->keys = NULL;
	sscardi_memo_drop(card);
	if (power_off)
		sscardi_chan_power_off(&card->chan);
	else
		sscardi_chan_close(&card->chan);
	card->chan.ctx->ncards--;
	free(card);
}

void sscard_disconnect(sscard *card)
{
	if (card != NULL)
		release(card, 0);
}

void sscard_power_off(sscard *card)
{
	if (card != NULL)
		release(card, 1);
}

void sscardi_free_abandoned(sscard_ctx *ctx)
{
	sscard *card = ctx->cards, *next;

	for (; card != NULL; card = next) {
		next = card->next;
		if (__atomic_load_n(&card->abandoned, __ATOMIC_ACQUIRE))
			sscard_disconnect(card);
	}
}

const char *sscard_reader_name(const sscard *card)
{
	return card != NULL ? card->chan.reader : NULL;
}

int sscard_atr(const sscard *card, unsigned char *atr, size_t *atr_len)
{
	if (card == NULL || atr == NULL || atr_len == NULL)
		return SSCARD_E_INVALID_ARG;
	if (*atr_len < card->chan.atr_len)
		return SSCARD_E_BUFFER_TOO_SMALL;
	memcpy(atr, card->chan.atr, card->chan.atr_len);
	*atr_len = card->chan.atr_len;
	return 0;
}

unsigned sscard_last_sw(const sscard *card)
{
	return card != NULL ? card->chan.last_sw : 0;
}

int sscard_key_tries(const sscard *card)
{
	return card != NULL ? card->key_tries : -1;
}

unsigned long sscard_last_pcsc(const sscard *card)
{
	return card != NULL ? card->chan.last_pcsc : 0;
}

/* sscard_get_stats, under its symbol versions in abi.c */
void sscardi_get_stats(const sscard *card, struct sscard_stats *stats)
{
	if (card != NULL && stats != NULL)
		*stats = card->chan.stats;
}

void sscard_reset_stats(sscard *card)
{
	if (card != NULL)
		memset(&card->chan.stats, 0, sizeof(card->chan.stats));
}

int sscard_apdu_is_pin_command(const unsigned char *cmd, size_t len)
{
	return sscardi_apdu_is_secret(cmd, len);
}

void sscard_free(void *ptr)
{
	free(ptr);
}
