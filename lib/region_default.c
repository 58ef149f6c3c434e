/*
 * The built-in region profile (lib/card.md) and the terminal keys' names:
 * data every part of the library reads, depending on nothing.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "internal.h"

/* lib/card.md, "Medical-insurance account": the built-in default. */
const struct sscardi_region sscardi_region_default = {
	.name = "default",
	.df_fid = 0xDF04,
	.ef_fid = 0xEF06,
	.balance = { 1, 0x92, SSCARDI_ENC_BCD, 4, 0 },
	.category = { 1, 0x93, SSCARDI_ENC_ASCII, 2, 0 },
	.updated = { 0, 0, 0, 0, 0 },
	.access = SSCARDI_ACCESS_PIN,
	/* lib/card.md's key table: PSAM usage / index, card key id */
	.keys = {
		[SSCARDI_KEY_RKSSSE] = { 0x47, 0x0A, 0x0A },
		[SSCARDI_KEY_RK1DF04] = { 0x67, 0x2D, 0x84 },
		[SSCARDI_KEY_IRKSSSE] = { 0x27, 0x0B, 0x00 },
		[SSCARDI_KEY_PUK] = { 0x48, 0x10, 0x06 },
		[SSCARDI_KEY_PINRELOAD] = { 0x48, 0x09, 0x00 },
	},
};

const char *const sscardi_key_names[SSCARDI_KEY_COUNT] = {
	"RKSSSE", "RK1DF04", "IRKSSSE", "PUK", "PINRELOAD"
};
