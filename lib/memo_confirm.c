/*
 * The proof behind a remembered answer (memo.c keeps it): pcscd's word
 * that the insertion is the same, then the card's own, its identification
 * code read afresh.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int read_id_op(sscard *card, void *arg)
{
	int rv = sscardi_select_ssse(card);

	return rv == 0 ? sscardi_read_id(card, arg) : rv;
}

/* Still the card the memo was taken from, by pcscd and by the card's own
 * word?  Drops the memo if not. */
static int same_card(sscard *card)
{
	char id[33];
	int rv;

	if (card->memo.resets != card->chan.resets ||
	    !sscardi_chan_unchanged(&card->chan))
		goto drop;
	rv = sscardi_run(card, NULL, read_id_op, id, SSCARDI_RETRY_READ);
	if (rv < 0 || card->memo.resets != card->chan.resets ||
	    strcmp(id, card->memo.id_code) != 0)
		goto drop;
	return 1;
drop:
	sscardi_memo_drop(card);
	return 0;
}

int sscardi_memo_auth_get(sscard *card, struct sscard_auth *auth)
{
	if (!card->memo.has_auth || !same_card(card))
		return 0;
	*auth = card->memo.auth;
	card->chan.stats.remembered++;
	return 1;
}

int sscardi_memo_basic_get(sscard *card, struct sscard_basic *info)
{
	if (!card->memo.has_basic || !same_card(card))
		return 0;
	*info = card->memo.basic;
	card->chan.stats.remembered++;
	return 1;
}

/* 1: *jpeg is a copy of the remembered photo; -1: out of memory */
int sscardi_memo_photo_get(sscard *card, unsigned char **jpeg, size_t *len)
{
	unsigned char *copy;

	if (card->memo.photo == NULL || !same_card(card))
		return 0;
	copy = malloc(card->memo.photo_len);
	if (copy == NULL)
		return -1;
	memcpy(copy, card->memo.photo, card->memo.photo_len);
	*jpeg = copy;
	*len = card->memo.photo_len;
	card->chan.stats.remembered++;
	return 1;
}

