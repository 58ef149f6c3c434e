/*
 * In-process virtual card transport, for tests.
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef VCARD_TRANSPORT_H
#define VCARD_TRANSPORT_H

#include "sscard.h"
#include "vcard.h"

/* A card handle on vc (which stays the caller's; free it after). */
int vcard_connect(sscard_ctx *ctx, struct vcard *vc, sscard **card);

/* Give card's reader a PIN pad on which digits are "typed" (NULL: none). */
void vcard_set_pinpad(sscard *card, const char *digits);

/* A bare channel on vc (a PSAM), closed with sscardi_chan_close. */
struct sscardi_chan;
int vcard_chan_open(sscard_ctx *ctx, struct vcard *vc, struct sscardi_chan *ch);

#endif
