/*
 * The social security and bank helpers, from libsscard's own reads: the
 * same holder, checks and key guard as every other door.  The PSAM is the
 * first one in another slot (the device's SAM slot among them).  Text
 * fields are GB18030 (GBK for every character GBK has), each bounded by
 * the size Decard's header asks for; a value that does not fit fails the
 * call rather than being cut.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "dcrf32i.h"
#include "psam.h"

#define NAME_FIELD 30           /* bytes, without the NUL */
#define NAME_EX_FIELD 20

/* The card of type (1 contact, 0 contactless): the one the program powered,
 * or a connection of ours for this call (*own set). */
static short card_of(HANDLE icdev, int type, struct dcrf32i_dev **dev,
		     sscard **card, int *own)
{
	short rv;
	int slot;

	*card = NULL;
	*own = 0;
	*dev = dcrf32i_dev(icdev, &rv);
	if (*dev == NULL)
		return rv;
	if (type != 0 && type != 1)
		return DCRF32_E_ARG;
	slot = type == 1 ? dcrf32i_slot_of_cpu(*dev, 0x0C)
			 : dcrf32i_slot_of_role(*dev, DCRF32I_CONTACTLESS, 1);
	if (slot < 0)
		return (short)slot;
	*card = (*dev)->slot[slot].card;
	if (*card != NULL)
		return DCRF32_OK;
	rv = dcrf32i_code(sscard_connect((*dev)->ctx, (*dev)->slot[slot].reader,
					 card));
	if (rv < 0) {
		*card = NULL;
		return rv;
	}
	*own = 1;
	return DCRF32_OK;
}

static void card_done(struct dcrf32i_dev *dev, sscard *card, int own)
{
	dev->last_sw = sscard_last_sw(card);
	dev->last_pcsc = sscard_last_pcsc(card);
	if (own)
		sscard_disconnect(card);
}

/* Copy text into a field of size bytes (NUL included), whole or not. */
static int put(char *field, size_t size, const char *text)
{
	size_t n = strlen(text);

	if (field == NULL || n >= size)
		return -1;
	memcpy(field, text, n + 1);
	return 0;
}

/* "YYYY-MM-DD" as "YYYYMMDD" ("" stays "") */
static int put_date(char *field, const char *date)
{
	char digits[9];

	if (*date == '\0')
		return put(field, 9, "");
	if (strlen(date) != 10)
		return -1;
	memcpy(digits, date, 4);
	memcpy(digits + 4, date + 5, 2);
	memcpy(digits + 6, date + 8, 2);
	digits[8] = '\0';
	return put(field, 9, digits);
}

/* The length of the GB18030 character at p (1, 2 or 4 bytes). */
static size_t gb_char(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	if (p[1] >= 0x30 && p[1] <= 0x39)
		return 4;
	return 2;
}

/* The UTF-8 name as GB18030, split into the name field and the extension
 * between two characters. */
static int put_name(char *name, char *name_ex, const char *utf8)
{
	char gb[NAME_FIELD + NAME_EX_FIELD + 8];
	char *in = (char *)utf8, *out = gb;
	size_t in_left = strlen(utf8), out_left = sizeof(gb) - 1, used, cut = 0;
	iconv_t cd;
	int rv = 0;

	cd = iconv_open("GB18030", "UTF-8");
	if (cd == (iconv_t)-1)
		return -1;
	if (iconv(cd, &in, &in_left, &out, &out_left) == (size_t)-1)
		rv = -1;
	iconv_close(cd);
	if (rv < 0)
		return -1;
	used = (size_t)(out - gb);
	gb[used] = '\0';
	while (cut < used && cut + gb_char((unsigned char *)gb + cut) <=
				     NAME_FIELD)
		cut += gb_char((unsigned char *)gb + cut);
	if (used - cut > NAME_EX_FIELD || name == NULL || name_ex == NULL)
		return -1;
	memcpy(name_ex, gb + cut, used - cut + 1);
	memcpy(name, gb, cut);
	name[cut] = '\0';
	return 0;
}

static short fill(const struct sscard_basic *b, char *card_code,
		  char *card_type, char *version, char *init_org_number,
		  char *card_issue_date, char *card_expire_day,
		  char *card_number, char *social_security_number, char *name,
		  char *name_ex, char *sex, char *nation, char *birth_place,
		  char *birth_day)
{
	char sex_text[2] = { b->sex, '\0' }, nation_text[12] = "";

	if (b->nation >= 0)
		snprintf(nation_text, sizeof(nation_text), "%02d", b->nation);
	if (put(card_code, 33, b->id_code) < 0 ||
	    put(card_type, 2, b->card_type) < 0 ||
	    put(version, 5, b->version) < 0 ||
	    put(init_org_number, 25, b->issuer) < 0 ||
	    card_issue_date == NULL || put_date(card_issue_date, b->issued) ||
	    card_expire_day == NULL || put_date(card_expire_day, b->expires) ||
	    put(card_number, 10, b->number) < 0 ||
	    put(social_security_number, 19, b->ssn) < 0 ||
	    put_name(name, name_ex, b->name) < 0 ||
	    put(sex, 2, sex_text) < 0 || put(nation, 3, nation_text) < 0 ||
	    put(birth_place, 7, b->birthplace) < 0 ||
	    birth_day == NULL || put_date(birth_day, b->birth_date) < 0)
		return DCRF32_E_CARD;
	return DCRF32_OK;
}

short dc_GetSocialSecurityCardBaseInfo(HANDLE icdev, int type,
				       char *card_code, char *card_type,
				       char *version, char *init_org_number,
				       char *card_issue_date,
				       char *card_expire_day,
				       char *card_number,
				       char *social_security_number,
				       char *name, char *name_ex, char *sex,
				       char *nation, char *birth_place,
				       char *birth_day)
{
	struct dcrf32i_dev *dev;
	struct sscard_basic basic;
	sscard_keys *keys = NULL;
	sscard *card;
	short rv;
	int own, err;

	rv = card_of(icdev, type, &dev, &card, &own);
	if (rv < 0)
		return rv;
	err = psam_find(dev->ctx, sscard_reader_name(card), &keys);
	if (err == 0)
		err = sscard_use_keys(card, keys);
	if (err == 0 || err == SSCARD_E_NO_PSAM)
		err = sscard_read_basic(card, &basic);
	rv = dcrf32i_code(err);
	if (rv == DCRF32_OK)
		rv = fill(&basic, card_code, card_type, version,
			  init_org_number, card_issue_date, card_expire_day,
			  card_number, social_security_number, name, name_ex,
			  sex, nation, birth_place, birth_day);
	sscard_use_keys(card, NULL);
	card_done(dev, card, own);
	sscard_keys_free(keys);
	sscard_cleanse(&basic, sizeof(basic));
	return rv;
}

short dc_ChangeSocialSecurityCardPassword(HANDLE icdev, int type,
					  const char *old_password,
					  const char *new_password)
{
	struct dcrf32i_dev *dev;
	sscard *card;
	short rv;
	int own, tries;

	if (old_password == NULL || new_password == NULL)
		return DCRF32_E_ARG;
	rv = card_of(icdev, type, &dev, &card, &own);
	if (rv < 0)
		return rv;
	/* libsscard checks both PINs before any APDU and never spends the
	 * last try unasked: this API has no way to ask */
	rv = dcrf32i_code(sscard_pin_change(card, old_password, new_password,
					    0, &tries));
	card_done(dev, card, own);
	return rv;
}

short dc_GetBankAccountNumber(HANDLE icdev, int type, char *number)
{
	struct dcrf32i_dev *dev;
	struct sscard_bank bank;
	sscard *card;
	short rv;
	int own;

	if (number == NULL)
		return DCRF32_E_ARG;
	rv = card_of(icdev, type, &dev, &card, &own);
	if (rv < 0)
		return rv;
	/* the account number is what the caller asked for: unmasked */
	rv = dcrf32i_code(sscard_read_bank(card, SSCARD_BANK_FULL_PAN, &bank));
	if (rv == DCRF32_OK && put(number, 64, bank.pan) < 0)
		rv = DCRF32_E_CARD;
	card_done(dev, card, own);
	sscard_cleanse(&bank, sizeof(bank));
	return rv;
}
