/*
 * ATR structure (ISO 7816-3): protocols offered, TA1, historical bytes.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "apdu.h"

int sscardi_atr_parse(const uint8_t *atr, size_t len, struct sscardi_atr *out)
{
	size_t i = 2, hist;
	uint8_t y, td;
	int level = 1, has_td1 = 0, need_tck = 0;

	if (atr == NULL || out == NULL)
		return SSCARD_E_INVALID_ARG;
	if (len < 2 || len > 33 || (atr[0] != 0x3B && atr[0] != 0x3F))
		return SSCARD_E_CARD_DATA;
	out->protocols = 0;
	out->ta1 = -1;
	hist = atr[1] & 0x0F;
	y = atr[1] >> 4;
	for (;;) {
		if (y & 0x1) {
			if (i >= len)
				return SSCARD_E_CARD_DATA;
			if (level == 1)
				out->ta1 = atr[i];
			i++;
		}
		if (y & 0x2)
			i++;
		if (y & 0x4)
			i++;
		if (!(y & 0x8))
			break;
		if (i >= len)
			return SSCARD_E_CARD_DATA;
		td = atr[i++];
		if (level == 1)
			has_td1 = 1;
		out->protocols |= 1u << (td & 0x0F);
		if ((td & 0x0F) != 0)
			need_tck = 1;
		y = td >> 4;
		if (++level > 8)
			return SSCARD_E_CARD_DATA;
	}
	if (!has_td1)
		out->protocols = 1u;        /* no TD1: T=0 only */
	if (i > len || hist > len - i)
		return SSCARD_E_CARD_DATA;
	out->hist_off = i;
	out->hist_len = hist;
	if (len - i - hist != (size_t)need_tck)
		return SSCARD_E_CARD_DATA;
	if (need_tck) {
		uint8_t x = 0;
		for (i = 1; i < len; i++)
			x ^= atr[i];
		if (x != 0)
			return SSCARD_E_CARD_DATA;
	}
	out->protocols &= 0x3;
	return 0;
}
