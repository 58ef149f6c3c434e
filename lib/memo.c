/*
 * What the card said, remembered on its handle while it is provably the
 * same card: the basic info and the photo of the last complete read.
 * Proof comes in two parts.  First a status query to the smart-card stack,
 * no APDU: pcscd answers the handle's next call with "reset" or "removed"
 * when another process reset the card or the card left the reader; but it
 * learns of a removal only at its next poll of the reader (up to 0.4 s),
 * and a fast swap of two cards with one ATR can pass unseen.  So second,
 * the card itself: its identification code (unique to each card), read
 * afresh in one transaction, in one READ RECORD while the SSSE is still
 * selected (two APDUs with its SELECT), must be the one remembered.
 * Anything else (another code, a reset, a removal, any error) drops what
 * was remembered and the caller reads afresh.  Memory only, wiped when
 * dropped.  Nothing behind a verified PIN and nothing secret is kept; of
 * terminal authentication only the card's proof that it is genuine (the
 * verdict, once an insertion: issue 50), never a key or a session.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
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

/* The memo belongs to one card: another one's answer replaces it whole. */
static void memo_for(sscard *card, const char *id)
{
	if (card->memo.resets != card->chan.resets ||
	    strcmp(card->memo.id_code, id) != 0)
		sscardi_memo_drop(card);
	card->memo.resets = card->chan.resets;
	snprintf(card->memo.id_code, sizeof(card->memo.id_code), "%s", id);
}

void sscardi_memo_auth_put(sscard *card, const struct sscard_auth *auth)
{
	if (card->id_code[0] == '\0' || !auth->genuine)
		return;
	memo_for(card, card->id_code);
	card->memo.auth = *auth;
	card->memo.has_auth = 1;
}

void sscardi_memo_basic_put(sscard *card, const struct sscard_basic *info)
{
	if (info->id_code[0] == '\0')
		return;
	memo_for(card, info->id_code);
	card->memo.basic = *info;
	card->memo.has_basic = 1;
}

void sscardi_memo_photo_put(sscard *card, const unsigned char *jpeg,
			    size_t len)
{
	unsigned char *copy;

	if (card->id_code[0] == '\0')
		return;             /* whose photo is it? not remembered */
	memo_for(card, card->id_code);
	copy = malloc(len);
	if (copy == NULL)
		return;             /* not remembered: the next read asks */
	memcpy(copy, jpeg, len);
	if (card->memo.photo != NULL) {
		OPENSSL_cleanse(card->memo.photo, card->memo.photo_len);
		free(card->memo.photo);
	}
	card->memo.photo = copy;
	card->memo.photo_len = len;
}

void sscard_forget(sscard *card)
{
	if (card == NULL || !sscardi_owner_ok(card->chan.ctx))
		return;
	sscardi_memo_drop(card);
}
