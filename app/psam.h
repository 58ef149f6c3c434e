/*
 * Finding the PSAM as a ministry terminal does: in any slot but the card's.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_PSAM_H
#define SSCARD_PSAM_H

#include "sscard.h"

/* The first PSAM in a reader other than card_reader (NULL: any reader):
 * the card itself is never asked.  SSCARD_E_NO_PSAM when there is none. */
int psam_find(sscard_ctx *ctx, const char *card_reader, sscard_keys **keys);

#endif
