/*
 * psam_find(): see psam.h.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "psam.h"

#define SLOTS_MAX 16

int psam_find(sscard_ctx *ctx, const char *card_reader, sscard_keys **keys)
{
	struct sscard_reader readers[SLOTS_MAX];
	size_t n, i;
	int rv = sscard_list_readers(ctx, readers, SLOTS_MAX, &n);

	if (rv < 0)
		return rv;
	for (i = 0; i < n && i < SLOTS_MAX; i++) {
		if (readers[i].state != SSCARD_READER_CARD ||
		    (card_reader != NULL &&
		     strcmp(readers[i].name, card_reader) == 0))
			continue;
		rv = sscard_keys_from_psam(ctx, readers[i].name, keys);
		if (rv != SSCARD_E_NO_PSAM)
			return rv;
	}
	return SSCARD_E_NO_PSAM;
}
