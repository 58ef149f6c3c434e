/*
 * The ministry functions' arguments (args.c).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef ARGS_H
#define ARGS_H

#include "compat.h"

/* "卡识别码|卡号|" (pCardInfo): 0, or -1 when it is not that */
int parse_card_info(const char *info, char id[33], char number[16]);
/*
 * "MFEF05|07|$MFEF06|08|09|$" (pFileAddr) → "BA0010547|$520102...|林岩|$"
 * in j->out.  With b NULL the grammar only, checked whole before the card
 * is read; anything but EF05/EF06 fields is a parameter error.
 * M_NO_PSAM: an EF06 field asked while !holder_ok (the caller says why).
 */
int args_address(struct job *j, const struct sscard_basic *b, int holder_ok);
/* pKey: hex and '|' only, 1 to HSM_MSG_MAX - 1 characters: 0, or -1 */
int args_hsm_text(const char *key);
/* "2019-11-20" → "20191120" (out: 9 bytes) */
void plain_date(const char *iso, char *out);

#endif
