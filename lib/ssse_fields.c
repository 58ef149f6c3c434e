/*
 * The SSSE's card and holder files, EF05 and EF06: their fields, and one
 * field read by the EF's read form.
 *
 * Records are read by tag with the short file identifier, which needs no
 * SELECT of the EF (lib/card.md).  A card that refuses that form gets, for
 * that EF only and for the rest of the session, SELECT EF + read by tag,
 * and then SELECT EF + read by record number with every answer's tag
 * checked.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "ssse.h"

const struct sscardi_ssse_field sscardi_ssse_fields[] = {
	{ EF05, 0x01, 16, 1, "id_code" }, { EF05, 0x02, 1, 0, "card_type" },
	{ EF05, 0x03, 4, 0, "version" }, { EF05, 0x04, 12, 0, "issuer" },
	{ EF05, 0x05, 4, 0, "issued" }, { EF05, 0x06, 4, 0, "expires" },
	{ EF05, 0x07, 9, 1, "number" },
	{ EF06, 0x08, 18, 1, "ssn" }, { EF06, 0x09, 30, 1, "name" },
	{ EF06, 0x0A, 1, 0, "sex" }, { EF06, 0x0B, 1, 0, "nation" },
	{ EF06, 0x0C, 3, 0, "birthplace" }, { EF06, 0x0D, 4, 0, "birth_date" },
	{ EF06, 0x4E, 20, 0, "name" },
};

static const uint8_t ef_sfi[2] = { 5, 6 };
static const uint16_t ef_fid[2] = { 0xEF05, 0xEF06 };


/* Read every record of an EF by number (the last fallback), keeping the
 * fields of the table by their tag. */
static int scan_records(sscard *card, int ef, struct sscardi_basic_read *br)
{
	uint8_t rec[256];
	size_t len, i;
	uint16_t sw;
	int recno = 0, rv;

	rv = sscardi_select_ef(card, ef_fid[ef]);
	if (rv < 0)
		return rv;
	for (;;) {
		rv = sscardi_record_next(card, sscardi_ssse_unlock, &recno,
					 rec, &len, &sw);
		if (rv < 0)
			return rv;
		if (rv == SSCARDI_RECORD_END)
			break;
		if (rv == SSCARDI_RECORD_REFUSED)
			return recno == 1 ? SSCARD_E_NOT_SUPPORTED
					  : SSCARD_E_CARD_DATA;
		if (len < 2)
			return SSCARD_E_CARD_DATA;
		for (i = 0; i < SSCARDI_SSSE_NFIELDS; i++) {
			const struct sscardi_ssse_field *f =
				&sscardi_ssse_fields[i];
			const uint8_t *v;
			size_t vlen;

			if (f->ef != ef || f->tag != rec[0])
				continue;
			rv = sscardi_rec_parse(rec, len, rec[0], &v, &vlen);
			if (rv < 0)
				return rv;
			memcpy(br->val[i], v, vlen);
			br->len[i] = vlen;
			br->present[i] = 1;
		}
	}
	br->recs_scanned[ef] = 1;
	return 0;
}

int sscardi_ssse_read_field(sscard *card, size_t i,
			    struct sscardi_basic_read *br)
{
	const struct sscardi_ssse_field *f = &sscardi_ssse_fields[i];
	int *mode = &card->read_mode[f->ef];
	uint8_t rec[256];
	const uint8_t *v;
	size_t len, vlen;
	uint16_t sw;
	int rv;

	while (*mode != SSCARDI_READ_EF_RECNO) {
		uint8_t p2 = *mode == SSCARDI_READ_SFI_TAG
				     ? (uint8_t)(ef_sfi[f->ef] << 3) : 0x00;

		if (*mode == SSCARDI_READ_EF_TAG) {
			rv = sscardi_select_ef(card, ef_fid[f->ef]);
			if (rv < 0)
				return rv;
		}
		len = sizeof(rec);
		rv = sscardi_record_by_tag(card, sscardi_ssse_unlock, f->tag,
					   p2, f->len, rec, &len, &sw);
		if (rv < 0)
			return rv;
		if (sw == 0x9000 || sw == 0x6282) {
			br->ok_in_mode[f->ef] = 1;
			rv = sscardi_rec_parse(rec, len, f->tag, &v, &vlen);
			if (rv < 0)
				return rv;
			memcpy(br->val[i], v, vlen);
			br->len[i] = vlen;
			br->present[i] = 1;
			return 0;
		}
		if (br->ok_in_mode[f->ef] ||
		    !sscardi_sw_in(sw, SSCARDI_SWS_READ_FORM_REFUSED)) {
			if (sscardi_sw_in(sw, SSCARDI_SWS_RECORD_ABSENT))
				return 0;
			return sscardi_sw_map(sw, NULL);
		}
		sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
			    "EF%02X: read form refused (%04X), falling back",
			    ef_fid[f->ef] & 0xFF, sw);
		(*mode)++;
		/* the holder file is read after the card file: what one
		 * refused, the other will too */
		if (f->ef == EF05 && card->read_mode[EF06] < *mode)
			card->read_mode[EF06] = *mode;
	}
	if (!br->recs_scanned[f->ef])
		return scan_records(card, f->ef, br);
	return 0;
}

int sscardi_ssse_field_index(uint8_t tag)
{
	size_t i;

	for (i = 0; i < SSCARDI_SSSE_NFIELDS; i++)
		if (sscardi_ssse_fields[i].tag == tag)
			return (int)i;
	return -1;
}

/* One field of the card file, read afresh: i indexes sscardi_ssse_fields. */
static int read_card_field(sscard *card, size_t i, char *out, size_t size,
			   int as_hex)
{
	struct sscardi_basic_read *br;
	int rv;

	br = calloc(1, sizeof(*br));
	if (br == NULL)
		return SSCARD_E_NO_MEMORY;
	rv = sscardi_ssse_read_field(card, i, br);
	if (rv == 0 && !br->present[i])
		rv = SSCARD_E_NOT_FOUND;
	if (rv == 0 && (as_hex ? sscardi_hex(br->val[i], br->len[i], out, size)
			       : sscardi_an_to_str(br->val[i], br->len[i], out,
						   size)) < 0)
		rv = SSCARD_E_CARD_DATA;
	free(br);
	return rv;
}

int sscardi_read_id(sscard *card, char id[33])
{
	int rv = read_card_field(card, 0, id, 33, 1);

	if (rv == 0 && strlen(id) < 6)
		rv = SSCARD_E_CARD_DATA;
	if (rv < 0)
		id[0] = '\0';
	return rv;
}

int sscardi_learn_id(sscard *card)
{
	if (card->id_code[0] != '\0')
		return 0;
	return sscardi_read_id(card, card->id_code);
}

int sscardi_read_number(sscard *card, char number[16])
{
	int rv = read_card_field(card, 6, number, 16, 0);   /* tag 07 */

	if (rv == 0 && strlen(number) < 9)
		rv = SSCARD_E_CARD_DATA;
	number[rv == 0 ? 9 : 0] = '\0';
	return rv;
}

