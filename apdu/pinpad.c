/*
 * PC/SC part 10: the feature list a PIN-pad reader answers to
 * GET_FEATURE_REQUEST, as TLVs of tag (1), length 4, ioctl code (4, big
 * endian); and the PIN_VERIFY / PIN_MODIFY structures the reader builds
 * its VERIFY and CHANGE PIN from.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "apdu.h"

#define FEATURE_VERIFY_PIN_DIRECT 0x06
#define FEATURE_MODIFY_PIN_DIRECT 0x07
#define PINPAD_TIMEOUT_S 30
#define LANG_ZH_CN 0x0804

int sscardi_pinpad_features(const uint8_t *buf, size_t len, uint32_t *verify,
			    uint32_t *modify)
{
	size_t i;

	*verify = 0;
	*modify = 0;
	if (buf == NULL && len > 0)
		return SSCARD_E_INVALID_ARG;
	for (i = 0; i + 6 <= len; i += 6) {
		uint32_t code;

		if (buf[i + 1] != 4)
			return SSCARD_E_PROTOCOL;
		code = (uint32_t)buf[i + 2] << 24 | (uint32_t)buf[i + 3] << 16 |
		       (uint32_t)buf[i + 4] << 8 | buf[i + 5];
		if (buf[i] == FEATURE_VERIFY_PIN_DIRECT)
			*verify = code;
		else if (buf[i] == FEATURE_MODIFY_PIN_DIRECT)
			*modify = code;
	}
	return i == len ? 0 : SSCARD_E_PROTOCOL;
}

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v & 0xFFFF);
	put16(p + 2, v >> 16);
}

/*
 * The PIN_VERIFY / PIN_MODIFY structures (little-endian, packed) for the
 * card's format: packed BCD, 6 digits (the issued length), in a 3-byte
 * block; modify uses the PBOC layout "old FF new".
 */
size_t sscardi_pinpad_verify_struct(uint8_t *s)
{
	static const uint8_t apdu[] = { 0x00, 0x20, 0x00, 0x00, 0x03,
					0x00, 0x00, 0x00 };

	memset(s, 0, 19);
	s[0] = PINPAD_TIMEOUT_S;
	s[1] = PINPAD_TIMEOUT_S;
	s[2] = 0x81;                /* units bytes, position 0, left, BCD */
	s[3] = 0x03;                /* no length field, 3-byte block */
	s[4] = 0x00;
	s[5] = 6;                   /* wPINMaxExtraDigit: max 6 */
	s[6] = 6;                   /*                    min 6 */
	s[7] = 0x02;                /* validation key */
	s[8] = 0x01;
	put16(s + 9, LANG_ZH_CN);
	put32(s + 15, sizeof(apdu));
	memcpy(s + 19, apdu, sizeof(apdu));
	return 19 + sizeof(apdu);
}

size_t sscardi_pinpad_modify_struct(uint8_t *s)
{
	static const uint8_t apdu[] = { 0x80, 0x5E, 0x01, 0x00, 0x07,
					0x00, 0x00, 0x00, 0xFF,
					0x00, 0x00, 0x00 };

	memset(s, 0, 24);
	s[0] = PINPAD_TIMEOUT_S;
	s[1] = PINPAD_TIMEOUT_S;
	s[2] = 0x81;
	s[3] = 0x03;
	s[4] = 0x00;
	s[5] = 0x00;                /* old PIN at offset 0 */
	s[6] = 0x04;                /* new PIN after old + FF */
	s[7] = 6;
	s[8] = 6;
	s[9] = 0x03; /* ask for the old PIN and confirm the new */
	s[10] = 0x02;
	s[11] = 0x03;
	put16(s + 12, LANG_ZH_CN);
	s[14] = 0;
	s[15] = 1;
	s[16] = 2;
	put32(s + 20, sizeof(apdu));
	memcpy(s + 24, apdu, sizeof(apdu));
	return 24 + sizeof(apdu);
}
