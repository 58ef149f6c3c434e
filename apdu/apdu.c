/*
 * Short command APDUs (ISO 7816-4 cases 1-4) and response splitting.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "apdu.h"

int sscardi_apdu_build(uint8_t *out, size_t out_size, uint8_t cla,
		       uint8_t ins, uint8_t p1, uint8_t p2,
		       const uint8_t *data, size_t data_len, int le)
{
	size_t need = 4;

	if (data_len > 255 || (data_len > 0 && data == NULL))
		return SSCARD_E_INVALID_ARG;
	if (le != SSCARDI_NO_LE && (le < 1 || le > 256))
		return SSCARD_E_INVALID_ARG;

	if (data_len > 0)
		need += 1 + data_len;
	if (le != SSCARDI_NO_LE)
		need += 1;
	if (out == NULL || out_size < need)
		return SSCARD_E_BUFFER_TOO_SMALL;

	out[0] = cla;
	out[1] = ins;
	out[2] = p1;
	out[3] = p2;
	need = 4;
	if (data_len > 0) {
		out[need++] = (uint8_t)data_len;
		memcpy(out + need, data, data_len);
		need += data_len;
	}
	if (le != SSCARDI_NO_LE)
		out[need++] = (uint8_t)(le & 0xFF);
	return (int)need;
}

int sscardi_apdu_parse(const uint8_t *resp, size_t len,
		       struct sscardi_rapdu *out)
{
	if (resp == NULL || out == NULL || len < 2)
		return SSCARD_E_PROTOCOL;
	out->data = resp;
	out->len = len - 2;
	out->sw = (uint16_t)((resp[len - 2] << 8) | resp[len - 1]);
	return 0;
}

int sscardi_apdu_is_secret(const uint8_t *cmd, size_t len)
{
	uint8_t ins;

	if (cmd == NULL || len < 4)
		return 0;
	ins = cmd[1];
	if (ins == 0x20 || ins == 0x24 || ins == 0x2C)
		return 1;
	/* PBOC-style CHANGE PIN and PIN RELOAD, proprietary class */
	if ((cmd[0] & 0x80) && (ins == 0x5E))
		return 1;
	return 0;
}
