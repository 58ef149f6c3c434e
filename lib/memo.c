/*
 * What the card said, remembered on its handle while it is provably the
 * same insertion: the basic info and the photo of the last complete read.
 * Proof is one status query to the smart-card stack, no APDU: pcscd keeps
 * an event state per handle and answers the handle's next call with
 * "reset" or "removed" when another process reset the card or the card
 * left the reader (even if it, or another, came back since); a restarted
 * pcscd no longer knows the handle.  Any of these, a reset or loss that
 * this process saw itself, or a status query that cannot answer, drops
 * what was remembered.  Memory only, wiped when dropped.  Nothing behind a
 * verified PIN, nothing secret and no authentication result is kept.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "internal.h"

void sscardi_memo_drop(sscard *card)
{
	struct sscardi_memo *m = &card->memo;

	if (m->photo != NULL) {
		OPENSSL_cleanse(m->photo, m->photo_len);
		free(m->photo);
	}
	OPENSSL_cleanse(m, sizeof(*m));
}

/* Still the insertion the memo was taken on?  Drops the memo if not. */
static int same_insertion(sscard *card)
{
	if (card->memo.resets != card->chan.resets ||
	    !sscardi_chan_unchanged(&card->chan)) {
		sscardi_memo_drop(card);
		return 0;
	}
	return 1;
}

int sscardi_memo_basic_get(sscard *card, struct sscard_basic *info)
{
	if (!card->memo.has_basic || !same_insertion(card))
		return 0;
	*info = card->memo.basic;
	card->chan.stats.remembered++;
	return 1;
}

void sscardi_memo_basic_put(sscard *card, const struct sscard_basic *info)
{
	if (card->memo.resets != card->chan.resets)
		sscardi_memo_drop(card);
	card->memo.resets = card->chan.resets;
	card->memo.basic = *info;
	card->memo.has_basic = 1;
}

/* 1: *jpeg is a copy of the remembered photo; -1: out of memory */
int sscardi_memo_photo_get(sscard *card, unsigned char **jpeg, size_t *len)
{
	unsigned char *copy;

	if (card->memo.photo == NULL || !same_insertion(card))
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

void sscardi_memo_photo_put(sscard *card, const unsigned char *jpeg,
			    size_t len)
{
	unsigned char *copy;

	if (card->memo.resets != card->chan.resets)
		sscardi_memo_drop(card);
	copy = malloc(len);
	if (copy == NULL)
		return;             /* not remembered: the next read asks */
	memcpy(copy, jpeg, len);
	if (card->memo.photo != NULL) {
		OPENSSL_cleanse(card->memo.photo, card->memo.photo_len);
		free(card->memo.photo);
	}
	card->memo.resets = card->chan.resets;
	card->memo.photo = copy;
	card->memo.photo_len = len;
}

void sscard_forget(sscard *card)
{
	if (card == NULL || !sscardi_owner_ok(card->chan.ctx))
		return;
	sscardi_memo_drop(card);
}
