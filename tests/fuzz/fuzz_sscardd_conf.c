/*
 * libFuzzer: sscardd's configuration file, read as the service reads it
 * (conf_parse with --config), or (first byte odd) its token file, named by
 * token_file.  Oracle: a file that is taken leaves every setting in its
 * documented range and only loopback addresses to listen on; a token
 * taken is 16 to SSCARDD_TOKEN_LEN - 1 characters of one line.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "sscardd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64], token[64];
	char *argv[] = { "sscardd", "--config", path, NULL };
	struct conf c;
	FILE *f;
	size_t i, len;
	int as_token;

	if (size < 1)
		return 0;
	as_token = data[0] & 1;
	data++;
	size--;
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/dev/shm/fuzz-sscardd-%ld.conf",
			 (long)getpid());
		snprintf(token, sizeof(token),
			 "/dev/shm/fuzz-sscardd-%ld.token", (long)getpid());
	}
	f = fopen(as_token ? token : path, "w");
	if (f == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if (as_token) {
		chmod(token, 0600);
		f = fopen(path, "w");
		if (f == NULL)
			return 0;
		fprintf(f, "token_file = %s\n", token);
		fclose(f);
	}
	if (conf_parse(&c, 3, argv) != -1)
		return 0;
	len = strnlen(c.token, sizeof(c.token));
	if (as_token && (len < 16 || len >= SSCARDD_TOKEN_LEN ||
			 strpbrk(c.token, "\r\n") != NULL))
		abort();
	if (c.n_listen < 1 || c.n_listen > SSCARDD_LISTEN_MAX ||
	    c.n_origins > SSCARDD_ORIGINS_MAX ||
	    c.port < 1 || c.port > 65535 || c.legacy_port < 0 ||
	    c.legacy_port > 65535 || c.legacy_port == c.port ||
	    c.pin_per_minute < 1 || c.pin_per_minute > 60 ||
	    c.pin_hold_s < 1 || c.pin_hold_s > 3600 ||
	    c.max_connections < 1 || c.max_connections > 1024 ||
	    c.idle_timeout_s < 1 || c.idle_timeout_s > 3600 ||
	    memchr(c.token, '\0', sizeof(c.token)) == NULL ||
	    memchr(c.reader, '\0', sizeof(c.reader)) == NULL ||
	    memchr(c.psam, '\0', sizeof(c.psam)) == NULL ||
	    memchr(c.keys, '\0', sizeof(c.keys)) == NULL)
		abort();
	for (i = 0; i < c.n_listen; i++)
		if (!guard_listen(c.listen[i]))
			abort();
	for (i = 0; i < c.n_origins; i++)
		if (memchr(c.origins[i], '\0', sizeof(c.origins[i])) == NULL)
			abort();
	return 0;
}
