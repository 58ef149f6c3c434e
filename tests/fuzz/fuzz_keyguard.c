/*
 * libFuzzer: one line of the key guard's store (lib/guardstore.c), which
 * any user of the desk's group may write.  Oracle: a line taken is a
 * record of a known kind with counts in range, and it is exactly the line
 * the store writes for that record; anything else is refused.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sscardi_guard_rec rec;
	char line[512], again[512];
	size_t i, n;

	if (size >= sizeof(line))
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	if (sscardi_guard_parse_line(line, &rec) < 0)
		return 0;
	if ((rec.kind != SSCARDI_GUARD_CARD && rec.kind != SSCARDI_GUARD_ISSUER) ||
	    rec.tries < -1 || rec.tries > 15 || rec.failed < 0 ||
	    rec.failed > 1)
		abort();
	n = 0;
	for (i = 0; i < SSCARDI_GUARD_DIGEST; i++)
		n += (size_t)snprintf(again + n, sizeof(again) - n, "%02x",
				      rec.subject[i]);
	again[n++] = ' ';
	for (i = 0; i < SSCARDI_GUARD_DIGEST; i++)
		n += (size_t)snprintf(again + n, sizeof(again) - n, "%02x",
				      rec.source[i]);
	if (rec.kind == SSCARDI_GUARD_ISSUER)
		snprintf(again + n, sizeof(again) - n, " issuer");
	else
		snprintf(again + n, sizeof(again) - n, " %d %d", rec.tries,
			 rec.failed);
	if (strcasecmp(again, line) != 0)
		abort();
	return 0;
}
