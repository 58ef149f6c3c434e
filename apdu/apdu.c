/*
 * Short command APDUs (ISO 7816-4 cases 1-4) and response splitting.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
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

/*
 * The one list of commands that carry PIN material, whatever the class:
 * VERIFY (20/21), CHANGE REFERENCE DATA (24/25; also the secure-messaging
 * PIN reload / unblock 84 24), RESET RETRY COUNTER (2C/2D) and the
 * PBOC-style CHANGE PIN (5E).  The trace redacts their data and the
 * programs refuse to send them raw.
 */
int sscardi_apdu_is_secret(const uint8_t *cmd, size_t len)
{
	static const uint8_t pin_ins[] = { 0x20, 0x21, 0x24, 0x25, 0x2C, 0x2D,
					   0x5E };
	size_t i;

	if (cmd == NULL || len < 4)
		return 0;
	for (i = 0; i < sizeof(pin_ins); i++)
		if (cmd[1] == pin_ins[i])
			return 1;
	return 0;
}
