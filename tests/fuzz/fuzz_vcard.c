/*
 * libFuzzer: the virtual card fed random C-APDUs (one length byte, then
 * that many bytes, repeated).  Answers must stay within the short R-APDU
 * bounds, whatever comes in.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "vcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vcard *vc;
	uint8_t resp[VCARD_RESP_MAX];
	char err[256];
	size_t n, out;

	if (vc == NULL) {
		const char *dir = getenv("SSCARD_PROFILES");
		char path[512];

		snprintf(path, sizeof(path), "%s/standard.card",
			 dir ? dir : "tests/vcard/profiles");
		if (vcard_load(path, &vc, err, sizeof(err)) < 0)
			abort();
	}
	vcard_reset(vc);
	vc->tries = vc->pin_max;
	while (size > 0) {
		n = data[0];
		data++;
		size--;
		if (n > size)
			n = size;
		out = vcard_process(vc, data, n, resp);
		if (out < 2 || out > VCARD_RESP_MAX)
			abort();
		data += n;
		size -= n;
	}
	return 0;
}
