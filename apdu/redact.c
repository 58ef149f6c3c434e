/*
 * What the default APDU trace hides of a card's answer: the personal data
 * a card gives to anyone who asks.  In the social-security records, the
 * card identification code, the card number, the social security number,
 * the name and the birth date (tags 01, 07, 08, 09, 0D, 4E); the photo
 * and any other READ BINARY answer whole; in the bank
 * records and GET DATA objects, the PAN (first 6 and last 4 digits kept,
 * as in the masked PAN), track 2 past the PAN's first 6 digits, the
 * holder's name and ID number.  An answer that cannot be walked is hidden
 * whole: when in doubt, hide.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "apdu.h"

#define HIDE_HI 0x10
#define HIDE_LO 0x01
#define PAN_KEEP_FIRST 6
#define PAN_KEEP_LAST 4
#define WALK_DEPTH_MAX 4

static void hide_bytes(uint8_t *hide, size_t from, size_t to)
{
	for (; from < to; from++)
		hide[from] = HIDE_HI | HIDE_LO;
}

static void hide_nibble(uint8_t *hide, size_t nibble)
{
	hide[nibble / 2] |= (nibble & 1) ? HIDE_LO : HIDE_HI;
}

static unsigned nibble_at(const uint8_t *v, size_t k)
{
	return (k & 1) ? (v[k / 2] & 0x0F) : (v[k / 2] >> 4);
}

/* A BCD PAN (5A, F padded): the middle digits.  Track 2 (57: PAN, 'D',
 * expiry, service code, discretionary data): the same, and all after 'D'. */
static void hide_pan(const uint8_t *v, size_t len, uint8_t *hide, int track2)
{
	size_t nibbles = 2 * len, digits = 0, k;

	while (digits < nibbles && nibble_at(v, digits) <= 9)
		digits++;
	for (k = PAN_KEEP_FIRST; k + PAN_KEEP_LAST < digits; k++)
		hide_nibble(hide, k);
	for (k = digits + 1; track2 && k < nibbles; k++)
		hide_nibble(hide, k);
}

static int walk(const uint8_t *base, const uint8_t *p, size_t left,
		uint8_t *hide, int depth)
{
	struct sscardi_tlv t;
	int rv;

	if (depth > WALK_DEPTH_MAX)
		return SSCARD_E_CARD_DATA;
	for (;;) {
		size_t off;

		rv = sscardi_ber_next(&p, &left, &t);
		if (rv == SSCARD_E_NO_DATA)
			return 0;
		if (rv < 0)
			return rv;
		off = (size_t)(t.val - base);
		if (t.constructed) {
			rv = walk(base, t.val, t.len, hide, depth + 1);
			if (rv < 0)
				return rv;
			continue;
		}
		switch (t.tag) {
		case 0x5A:
			hide_pan(t.val, t.len, hide + off, 0);
			break;
		case 0x57:
			hide_pan(t.val, t.len, hide + off, 1);
			break;
		case 0x5F20:        /* holder name */
		case 0x9F0B:        /* holder name, extended */
		case 0x9F61:        /* holder ID number */
			hide_bytes(hide, off, off + t.len);
			break;
		default:
			break;
		}
	}
}

void sscardi_redact_answer(const uint8_t *cmd, size_t cmd_len,
			   int continuation, const uint8_t *data, size_t len,
			   uint8_t *hide)
{
	memset(hide, 0, len);
	if (cmd == NULL || cmd_len < 4 || len == 0)
		return;
	if (cmd[1] != 0xB2 && cmd[1] != 0xCA && cmd[1] != 0xB0)
		return;
	if (continuation || cmd[1] == 0xB0) {
		hide_bytes(hide, 0, len);       /* a piece of a longer answer */
		return;
	}
	if (cmd[1] == 0xB2 && (data[0] == 0x01 || data[0] == 0x07 ||
			       data[0] == 0x08 || data[0] == 0x09 ||
			       data[0] == 0x0D || data[0] == 0x4E)) {
		hide_bytes(hide, len < 2 ? len : 2, len);
		return;
	}
	if (cmd[1] == 0xB2 && data[0] != 0x70)
		return;                         /* another SSSE record */
	if (walk(data, data, len, hide, 0) < 0)
		hide_bytes(hide, 0, len);
}
