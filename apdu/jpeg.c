/*
 * Find the end of a JPEG by walking its marker segments and the entropy-
 * coded data, so the photo read stops at EOI instead of reading the whole
 * padded file.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "apdu.h"

int sscardi_jpeg_scan(const uint8_t *buf, size_t len, size_t *end)
{
	size_t i = 2, seglen;
	uint8_t marker;

	if ((buf == NULL && len) || end == NULL)
		return SSCARD_E_INVALID_ARG;
	if (len < 2)
		return len == 0 || buf[0] == 0xFF ? 0 : SSCARD_E_CARD_DATA;
	if (buf[0] != 0xFF || buf[1] != 0xD8)
		return SSCARD_E_CARD_DATA;

	for (;;) {
		/* at a marker: FF (fill FFs allowed) then the code */
		if (i >= len)
			return 0;
		if (buf[i] != 0xFF)
			return SSCARD_E_CARD_DATA;
		while (i < len && buf[i] == 0xFF)
			i++;
		if (i >= len)
			return 0;
		marker = buf[i++];
		if (marker == 0xD9) {
			*end = i;
			return 1;
		}
		if (marker == 0x00 || marker == 0xD8)
			return SSCARD_E_CARD_DATA;
		if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
			continue;               /* no length field */
		if (len - i < 2)
			return 0;
		seglen = ((size_t)buf[i] << 8) | buf[i + 1];
		if (seglen < 2)
			return SSCARD_E_CARD_DATA;
		if (len - i < seglen)
			return 0;
		i += seglen;
		if (marker != 0xDA)
			continue;
		/* entropy-coded data: FF00 is a stuffed byte, FFD0..D7 restart
		 * markers; any other marker ends the scan */
		for (;;) {
			if (i >= len)
				return 0;
			if (buf[i] != 0xFF) {
				i++;
				continue;
			}
			if (i + 1 >= len)
				return 0;
			if (buf[i + 1] == 0x00 ||
			    (buf[i + 1] >= 0xD0 && buf[i + 1] <= 0xD7)) {
				i += 2;
				continue;
			}
			if (buf[i + 1] == 0xFF) {
				i++;
				continue;
			}
			break;
		}
	}
}
