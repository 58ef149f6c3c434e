/*
 * The readers pcscd knows, each with its state and ATR: one status query
 * for them all.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int reader_state(uint32_t state)
{
	if (state & SSCARDI_SLOT_MUTE)
		return SSCARD_READER_MUTE;
	if (state & SSCARDI_SLOT_EXCLUSIVE)
		return SSCARD_READER_IN_USE;
	if (state & SSCARDI_SLOT_PRESENT)
		return SSCARD_READER_CARD;
	if (state & SSCARDI_SLOT_EMPTY)
		return SSCARD_READER_EMPTY;
	return SSCARD_READER_UNKNOWN;
}

/* The reader names, making the PC/SC context again once if pcscd
 * restarted since the last call. */
static int list_names(sscard_ctx *ctx, char **names, size_t *len)
{
	int rv, attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		rv = ctx->backend->establish(ctx->backend_state,
					     attempt > 0);
		if (rv == 0)
			rv = ctx->backend->readers(ctx->backend_state, names,
						   len);
		if (rv != SSCARD_E_NO_SERVICE)
			break;
	}
	return rv;
}

int sscardi_list_readers(sscard_ctx *ctx, struct sscard_reader *readers,
			 size_t max, size_t *count)
{
	struct sscardi_slot *st = NULL;
	char *names = NULL;
	size_t len = 0, n = 0, filled, i;
	const char *p;
	int rv;

	*count = 0;
	rv = list_names(ctx, &names, &len);
	if (rv < 0)
		return rv;
	for (p = names; p != NULL && p < names + len && *p != '\0';
	     p += strlen(p) + 1)
		n++;
	filled = n < max ? n : max;
	if (filled > 0) {
		st = calloc(filled, sizeof(*st));
		if (st == NULL) {
			rv = SSCARD_E_NO_MEMORY;
			goto out;
		}
		for (p = names, i = 0; i < filled; p += strlen(p) + 1, i++)
			st[i].reader = p;
		rv = ctx->backend->wait(ctx->backend_state, st, filled, 0);
		if (rv == SSCARD_E_TIMEOUT)
			rv = 0;
		if (rv < 0)
			goto out;
	}
	for (i = 0; i < filled; i++) {
		struct sscard_reader *r = &readers[i];

		memset(r, 0, sizeof(*r));
		snprintf(r->name, sizeof(r->name), "%s", st[i].reader);
		r->state = reader_state(st[i].now);
		memcpy(r->atr, st[i].atr, st[i].atr_len);
		r->atr_len = st[i].atr_len;
	}
	*count = n;
out:
	free(st);
	free(names);
	return rv;
}

int sscard_list_readers(sscard_ctx *ctx, struct sscard_reader *readers,
			size_t max, size_t *count)
{
	if (ctx == NULL || count == NULL || (readers == NULL && max > 0))
		return SSCARD_E_INVALID_ARG;
	if (!sscardi_owner_ok(ctx))
		return SSCARD_E_WRONG_THREAD;
	return sscardi_list_readers(ctx, readers, max, count);
}
