/*
 * Cards seen to guard their holder file: some 3.0 cards want terminal
 * authentication (RKSSSE) before EF06, others do not (lib/card.md).  Once a
 * card, by its identification code, has refused EF06 on this context, its
 * later reads authenticate first and meet no refusal.  Memory only, a few
 * cards, the oldest replaced; nothing about the keys or their outcome.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "internal.h"

int sscardi_holder_guarded(const sscard_ctx *ctx, const char *id_code)
{
	size_t i;

	if (id_code[0] == '\0')
		return 0;
	for (i = 0; i < SSCARDI_GUARDED_MAX; i++)
		if (strcmp(ctx->guarded[i], id_code) == 0)
			return 1;
	return 0;
}

void sscardi_holder_guarded_note(sscard_ctx *ctx, const char *id_code)
{
	size_t len = strlen(id_code);

	if (len == 0 || len >= sizeof(ctx->guarded[0]) ||
	    sscardi_holder_guarded(ctx, id_code))
		return;
	memcpy(ctx->guarded[ctx->guarded_next], id_code, len + 1);
	ctx->guarded_next = (ctx->guarded_next + 1) % SSCARDI_GUARDED_MAX;
}
