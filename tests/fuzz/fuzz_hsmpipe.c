/*
 * libFuzzer: what an --hsm command writes, read as sscard-info reads it
 * (hsm_read_answer from its pipe), then taken as the library takes an HSM
 * answer.  Oracle: an answer read is terminated inside its buffer, and one
 * that did not fit is refused, never cut and used.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apdu.h"
#include "info.h"

#define ANSWER_SIZE 256         /* the library's answer buffer */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char answer[ANSWER_SIZE];
	uint8_t r1[16], r2[16], out[16];
	int fds[2], rv;

	if (size > 65536 || pipe(fds) != 0)
		return 0;
	if (write(fds[1], data, size) != (ssize_t)size) {
		close(fds[0]);
		close(fds[1]);
		return 0;
	}
	close(fds[1]);
	memset(answer, 'x', sizeof(answer));
	rv = hsm_read_answer(fds[0], answer, sizeof(answer),
			     hsm_now_ms() + 5000);
	close(fds[0]);
	if (memchr(answer, '\0', sizeof(answer)) == NULL)
		abort();
	if (rv == 0 && memchr(data, '\0', size) == NULL &&
	    strlen(answer) != size)
		abort();
	if (rv < 0 && size < sizeof(answer))
		abort();
	if (rv == 0) {
		sscardi_hsm_results(answer, r1, r2);
		sscardi_hsm_hex(answer, out, 16);
	}
	return 0;
}
