/*
 * libFuzzer: a terminal key file, read by sscard_keys_from_file as a HIS
 * gives it (mode 600).  Oracle: a refusal says why in its message, which
 * is terminated inside its buffer; a file taken gives a key source.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sscard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static sscard_ctx *ctx;
	static char path[64];
	char err[256];
	sscard_keys *keys = NULL;
	int fd, rv;

	if (ctx == NULL && sscard_ctx_new(&ctx) < 0)
		abort();
	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/dev/shm/fuzz-keys-%ld",
			 (long)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	close(fd);
	memset(err, 'x', sizeof(err));
	rv = sscard_keys_from_file(ctx, path, err, sizeof(err), &keys);
	if (memchr(err, '\0', sizeof(err)) == NULL)
		abort();
	if (rv == 0) {
		if (keys == NULL || sscard_keys_kind(keys) != SSCARD_KEYS_FILE ||
		    err[0] != '\0')
			abort();
		sscard_keys_free(keys);
	} else if (rv != SSCARD_E_KEYFILE || keys != NULL || err[0] == '\0') {
		abort();
	}
	return 0;
}
