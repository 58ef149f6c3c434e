/*
 * libFuzzer: libSSCardDriver's settings file (SSCardDriver.conf), read as
 * the library reads it (config_load with SSCARD_DRIVER_CONFIG).  Oracle:
 * every setting it keeps is terminated in its field and in its documented
 * range; the charset one of the three the interface knows.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE                 /* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "compat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TERMINATED(field) (memchr((field), '\0', sizeof(field)) != NULL)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct config c;
	FILE *f;

	/* "log = PATH" appends to any file: never from a fuzzer run as root */
	if (memmem(data, size, "log", 3) != NULL)
		return 0;
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/dev/shm/fuzz-driver-%ld.conf",
			 (long)getpid());
		setenv("SSCARD_DRIVER_CONFIG", path, 1);
		unsetenv("SSCARD_DRIVER_LOG");
	}
	f = fopen(path, "w");
	if (f == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	config_load(&c);
	if (!TERMINATED(c.reader) || !TERMINATED(c.psam) ||
	    !TERMINATED(c.contactless) || !TERMINATED(c.charset) ||
	    !TERMINATED(c.log) || !TERMINATED(c.device) ||
	    (strcasecmp(c.charset, "GBK") != 0 &&
	     strcasecmp(c.charset, "GB18030") != 0 &&
	     strcasecmp(c.charset, "UTF-8") != 0) ||
	    c.hsm_timeout_s < 1 || c.hsm_timeout_s > 3600 ||
	    c.pin_hold_s < 1 || c.pin_hold_s > 3600)
		abort();
	return 0;
}
