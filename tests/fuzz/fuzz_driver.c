/*
 * libFuzzer: libSSCardDriver's arguments, checked before any call reaches
 * the card, picked by the first input byte: pCardInfo, pFileAddr (its
 * grammar, then the fields it names filled from a card read), and an HSM
 * step's pKey as the library takes it (its shape, then the two answer
 * forms of lib/card.md's HSM mode).  Oracles: an accepted pCardInfo has a
 * 32-character code and a 1-15 character number; the fields' output is
 * terminated inside its buffer and valid UTF-8; an accepted pKey holds
 * only hex and '|'.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "apdu.h"
#include "args.h"
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct sscard_basic card = {
	.id_code = "520300D156000005050842704E187F49",
	.card_type = "3",
	.version = "3.00",
	.issuer = "91560000025202005202006A",
	.issued = "2019-11-20",
	.expires = "2029-11-20",
	.number = "A30003002",
	.ssn = "520102198506020233",
	.name = "阿依古丽·艾合买提江·买买提托合提𫖯",
	.sex = '2',
	.nation = 5,
	.birthplace = "650102",
	.birth_date = "1990-01-01",
};

static void card_info(const char *s)
{
	char id[33], number[16];

	if (parse_card_info(s, id, number) < 0)
		return;
	if (strlen(id) != 32 || strlen(number) < 1 || strlen(number) > 15)
		abort();
}

static void file_address(char *s)
{
	static struct job j;

	memset(&j, 0, sizeof(j));
	j.arg2 = s;
	if (args_address(&j, NULL, 0) < 0)
		return;
	memset(&j, 0, sizeof(j));
	j.arg2 = s;
	if (args_address(&j, &card, 1) < 0)
		return;
	check_text(j.out, sizeof(j.out));
	memset(&j, 0, sizeof(j));
	j.arg2 = s;
	args_address(&j, &card, 0);
}

static void hsm_key(const char *s)
{
	uint8_t r1[16], r2[16], out[16];

	if (args_hsm_text(s) == 0 &&
	    strspn(s, "0123456789ABCDEFabcdef|") != strlen(s))
		abort();
	sscardi_hsm_results(s, r1, r2);
	sscardi_hsm_hex(s, out, 8);
	sscardi_hsm_hex(s, out, 16);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size < 1)
		return 0;
	s = malloc(size);
	if (s == NULL)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	switch (data[0] % 3) {
	case 0:
		card_info(s);
		break;
	case 1:
		file_address(s);
		break;
	default:
		hsm_key(s);
		break;
	}
	free(s);
	return 0;
}
