/*
 * The functions whose promise changed within libsscard.so.0, each under
 * the symbol version of every promise it made (libsscard.map): a program
 * linked against an older release keeps what it was built for.  A static
 * link takes the current definition.
 *
 * LIBSSCARD_0 (0.4): struct sscard_stats ended at usec (32 bytes on LP64);
 * sscard_get_stats and sscard_keys_get_stats write that much and no more.
 * LIBSSCARD_0.5: the struct with its reserved space.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "internal.h"

#ifndef SSCARD_SHARED

void sscard_get_stats(const sscard *card, struct sscard_stats *stats)
{
	sscardi_get_stats(card, stats);
}

void sscard_keys_get_stats(const sscard_keys *keys, struct sscard_stats *stats)
{
	sscardi_keys_get_stats(keys, stats);
}

#else

struct sscard_stats_v0 {
	unsigned long apdus;
	unsigned long bytes_out;
	unsigned long bytes_in;
	uint64_t usec;
};

#define VERSIONED __attribute__((visibility("default")))

VERSIONED void sscardi_get_stats_v05(const sscard *card,
				     struct sscard_stats *stats);
VERSIONED void sscardi_keys_get_stats_v05(const sscard_keys *keys,
					  struct sscard_stats *stats);
VERSIONED void sscardi_get_stats_v0(const sscard *card,
				    struct sscard_stats_v0 *stats);
VERSIONED void sscardi_keys_get_stats_v0(const sscard_keys *keys,
					 struct sscard_stats_v0 *stats);

__asm__(".symver sscardi_get_stats_v05, sscard_get_stats@@LIBSSCARD_0.5");
__asm__(".symver sscardi_keys_get_stats_v05, sscard_keys_get_stats@@LIBSSCARD_0.5");
__asm__(".symver sscardi_get_stats_v0, sscard_get_stats@LIBSSCARD_0");
__asm__(".symver sscardi_keys_get_stats_v0, sscard_keys_get_stats@LIBSSCARD_0");

void sscardi_get_stats_v05(const sscard *card, struct sscard_stats *stats)
{
	sscardi_get_stats(card, stats);
}

void sscardi_keys_get_stats_v05(const sscard_keys *keys,
				struct sscard_stats *stats)
{
	sscardi_keys_get_stats(keys, stats);
}

static void to_v0(const struct sscard_stats *now, struct sscard_stats_v0 *old)
{
	old->apdus = now->apdus;
	old->bytes_out = now->bytes_out;
	old->bytes_in = now->bytes_in;
	old->usec = now->usec;
}

void sscardi_get_stats_v0(const sscard *card, struct sscard_stats_v0 *stats)
{
	struct sscard_stats now;

	if (card == NULL || stats == NULL)
		return;
	sscardi_get_stats(card, &now);
	to_v0(&now, stats);
}

void sscardi_keys_get_stats_v0(const sscard_keys *keys,
			       struct sscard_stats_v0 *stats)
{
	struct sscard_stats now;

	if (stats == NULL)
		return;
	sscardi_keys_get_stats(keys, &now);
	to_v0(&now, stats);
}

#endif
