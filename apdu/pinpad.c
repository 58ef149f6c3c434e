/*
 * PC/SC part 10: the feature list a PIN-pad reader answers to
 * GET_FEATURE_REQUEST, as TLVs of tag (1), length 4, ioctl code (4, big
 * endian).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "apdu.h"

#define FEATURE_VERIFY_PIN_DIRECT 0x06
#define FEATURE_MODIFY_PIN_DIRECT 0x07

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
