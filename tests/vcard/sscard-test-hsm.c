/*
 * sscard-test-hsm: the test HSM for sscard-info --hsm.  Reads lib/card.md's
 * step-1 string on standard input, the key's name from SSCARD_HSM_KEY,
 * and prints "RESULT1|RESULT2|" computed from the test masters.  Exit 1
 * on a request it cannot answer.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcard.h"

int main(void)
{
	const char *key = secure_getenv("SSCARD_HSM_KEY");
	char request[512], answer[128];

	if (key == NULL || fgets(request, sizeof(request), stdin) == NULL)
		return 1;
	request[strcspn(request, "\n")] = '\0';
	if (test_hsm_answer(key, request, answer, sizeof(answer)) < 0)
		return 1;
	printf("%s\n", answer);
	return 0;
}
