/*
 * Status-word catalogue: ISO 7816-4 plus what the social security card
 * uses (lib/card.md).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "apdu.h"

struct sw_entry {
	uint16_t sw;
	uint16_t mask;
	int err;
	const char *text;
};

static const struct sw_entry sw_table[] = {
	{ 0x9000, 0xFFFF, 0, "success" },
	{ 0x6100, 0xFF00, 0, "more data available (GET RESPONSE)" },
	{ 0x6281, 0xFFFF, SSCARD_E_CARD_DATA,
	  "returned data may be corrupted" },
	{ 0x6282, 0xFFFF, 0, "end of file reached before Le bytes" },
	{ 0x6283, 0xFFFF, SSCARD_E_APP_BLOCKED,
	  "selected file invalidated (application blocked)" },
	{ 0x6300, 0xFFFF, SSCARD_E_CARD_STATUS, "verification failed" },
	{ 0x63C0, 0xFFFF, SSCARD_E_PIN_LOCKED, "wrong PIN, no tries left" },
	{ 0x63C0, 0xFFF0, SSCARD_E_PIN_WRONG,
	  "wrong PIN, tries left in low nibble" },
	{ 0x6400, 0xFFFF, SSCARD_E_CARD_STATUS,
	  "execution error, memory unchanged" },
	{ 0x6581, 0xFFFF, SSCARD_E_CARD_STATUS, "memory failure" },
	{ 0x6700, 0xFFFF, SSCARD_E_PROTOCOL, "wrong length" },
	{ 0x6881, 0xFFFF, SSCARD_E_NOT_SUPPORTED,
	  "logical channel not supported" },
	{ 0x6882, 0xFFFF, SSCARD_E_NOT_SUPPORTED,
	  "secure messaging not supported" },
	{ 0x6981, 0xFFFF, SSCARD_E_NOT_SUPPORTED,
	  "command incompatible with file structure" },
	{ 0x6982, 0xFFFF, SSCARD_E_PIN_REQUIRED,
	  "security status not satisfied" },
	{ 0x6983, 0xFFFF, SSCARD_E_PIN_LOCKED,
	  "authentication method blocked" },
	{ 0x6984, 0xFFFF, SSCARD_E_PIN_UNUSABLE, "reference data invalidated" },
	{ 0x6985, 0xFFFF, SSCARD_E_CARD_STATUS,
	  "conditions of use not satisfied" },
	{ 0x6986, 0xFFFF, SSCARD_E_NOT_SUPPORTED,
	  "command not allowed (no current EF)" },
	{ 0x6987, 0xFFFF, SSCARD_E_PROTOCOL,
	  "secure messaging data objects missing" },
	{ 0x6988, 0xFFFF, SSCARD_E_PROTOCOL,
	  "secure messaging data objects incorrect" },
	{ 0x6A80, 0xFFFF, SSCARD_E_PROTOCOL, "incorrect data field" },
	{ 0x6A81, 0xFFFF, SSCARD_E_APP_BLOCKED,
	  "function not supported (application blocked)" },
	{ 0x6A82, 0xFFFF, SSCARD_E_NOT_FOUND, "file not found" },
	{ 0x6A83, 0xFFFF, SSCARD_E_NOT_FOUND, "record not found" },
	{ 0x6A84, 0xFFFF, SSCARD_E_CARD_STATUS,
	  "not enough memory space in the file" },
	{ 0x6A86, 0xFFFF, SSCARD_E_NOT_SUPPORTED, "incorrect P1-P2" },
	{ 0x6A88, 0xFFFF, SSCARD_E_NOT_FOUND, "referenced data not found" },
	{ 0x6B00, 0xFFFF, SSCARD_E_NOT_FOUND,
	  "wrong parameters (offset outside the file)" },
	{ 0x6C00, 0xFF00, SSCARD_E_PROTOCOL, "wrong Le, exact length in SW2" },
	{ 0x6D00, 0xFFFF, SSCARD_E_NOT_SUPPORTED, "instruction not supported" },
	{ 0x6E00, 0xFFFF, SSCARD_E_NOT_SUPPORTED, "class not supported" },
	{ 0x6F00, 0xFFFF, SSCARD_E_CARD_STATUS, "no precise diagnosis" },
};

/* What a status word means after one instruction in particular: for the
 * trace, where 63Cx after EXTERNAL AUTHENTICATE is no PIN's. */
static const struct {
	uint8_t ins;
	uint16_t sw;
	uint16_t mask;
	const char *text;
} sw_after[] = {
	{ 0x82, 0x63C0, 0xFFFF,
	  "wrong terminal key, no tries left: key locked" },
	{ 0x82, 0x63C0, 0xFFF0,
	  "wrong terminal key (wrong PSAM region or key "
	  "file), tries left in low nibble" },
	{ 0x82, 0x6983, 0xFFFF, "terminal key locked" },
	{ 0x82, 0x6984, 0xFFFF,
	  "no challenge to answer (GET CHALLENGE first)" },
};

static const struct sw_entry *sw_lookup(uint16_t sw)
{
	size_t i;

	for (i = 0; i < sizeof(sw_table) / sizeof(sw_table[0]); i++)
		if ((sw & sw_table[i].mask) == sw_table[i].sw)
			return &sw_table[i];
	return NULL;
}

const char *sscardi_sw_text(uint16_t sw)
{
	const struct sw_entry *e = sw_lookup(sw);

	return e ? e->text : "unknown status";
}

const char *sscardi_sw_text_after(uint8_t ins, uint16_t sw)
{
	size_t i;

	for (i = 0; i < sizeof(sw_after) / sizeof(sw_after[0]); i++)
		if (sw_after[i].ins == ins &&
		    (sw & sw_after[i].mask) == sw_after[i].sw)
			return sw_after[i].text;
	return sscardi_sw_text(sw);
}

int sscardi_sw_to_err(uint16_t sw)
{
	const struct sw_entry *e = sw_lookup(sw);

	return e ? e->err : SSCARD_E_CARD_STATUS;
}

int sscardi_sw_map(uint16_t sw, const struct sscardi_sw_rule *rules)
{
	const struct sw_entry *e;

	for (; rules != NULL && rules->mask != 0; rules++)
		if ((sw & rules->mask) == rules->sw)
			return rules->err;
	if (sw == 0x9000)
		return 0;
	e = sw_lookup(sw);
	return e != NULL && e->err != 0 ? e->err : SSCARD_E_CARD_STATUS;
}

int sscardi_sw_tries(uint16_t sw)
{
	if ((sw & 0xFFF0) == 0x63C0)
		return sw & 0x0F;
	return -1;
}

/* The sets the reads decide by, each ended by 0 (apdu.h says what each
 * means).  Kept here, beside the table, so that a card that answers
 * differently is taught in one place. */
static const uint16_t select_p1_refused[] = { 0x6A86, 0x6A81, 0x6D00, 0 };
static const uint16_t read_form_refused[] = {
	0x6A86, 0x6A81, 0x6981, 0x6986, 0x6D00, 0x6B00, 0x6A82, 0
};
static const uint16_t record_absent[] = { 0x6A83, 0x6A88, 0x6A82, 0x6A86, 0 };
static const uint16_t records_end[] = { 0x6A83, 0x6B00, 0 };
static const uint16_t tag_read_refused[] = {
	0x6A86, 0x6A81, 0x6981, 0x6D00, 0
};
static const uint16_t tag_absent[] = { 0x6A83, 0x6A88, 0 };
static const uint16_t no_payment_app[] = { 0x6A82, 0x6A81, 0x6283, 0 };
static const uint16_t data_object_absent[] = {
	0x6A88, 0x6A81, 0x6A83, 0x6985, 0
};

static const uint16_t *const sw_sets[] = {
	[SSCARDI_SWS_SELECT_P1_REFUSED] = select_p1_refused,
	[SSCARDI_SWS_READ_FORM_REFUSED] = read_form_refused,
	[SSCARDI_SWS_RECORD_ABSENT] = record_absent,
	[SSCARDI_SWS_RECORDS_END] = records_end,
	[SSCARDI_SWS_TAG_READ_REFUSED] = tag_read_refused,
	[SSCARDI_SWS_TAG_ABSENT] = tag_absent,
	[SSCARDI_SWS_NO_PAYMENT_APP] = no_payment_app,
	[SSCARDI_SWS_DATA_OBJECT_ABSENT] = data_object_absent,
};

int sscardi_sw_in(uint16_t sw, enum sscardi_sw_set set)
{
	const uint16_t *p;

	if ((unsigned)set >= sizeof(sw_sets) / sizeof(sw_sets[0]))
		return 0;
	for (p = sw_sets[set]; *p != 0; p++)
		if (*p == sw)
			return 1;
	return 0;
}
