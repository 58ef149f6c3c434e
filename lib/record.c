/*
 * READ RECORD on the SSSE's and the medical area's files: by the record's
 * identifier (its tag), or by number for cards that refuse the first.
 * What a refusal means is the caller's: each file has its own rules.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "internal.h"

int sscardi_record_next(sscard *card, sscardi_unlock_fn unlock, int *recno,
			uint8_t rec[256], size_t *len, uint16_t *sw)
{
	int rv;

	if (*recno >= SSCARDI_RECS_MAX)
		return SSCARDI_RECORD_END;
	*len = 256;
	rv = sscardi_cmd_unlock(card, unlock, 0xB2, (uint8_t)(*recno + 1),
				0x04, NULL, 0, 256, rec, len, sw);
	if (rv < 0)
		return rv;
	(*recno)++;
	if (sscardi_sw_in(*sw, SSCARDI_SWS_RECORDS_END))
		return SSCARDI_RECORD_END;
	if (*sw != 0x9000 && *sw != 0x6282)
		return SSCARDI_RECORD_REFUSED;
	return SSCARDI_RECORD_GOT;
}

int sscardi_record_by_tag(sscard *card, sscardi_unlock_fn unlock, uint8_t tag,
			  uint8_t p2, size_t vlen, uint8_t *rec, size_t *len,
			  uint16_t *sw)
{
	return sscardi_cmd_unlock(card, unlock, 0xB2, tag, p2, NULL, 0,
				  (int)vlen + 2, rec, len, sw);
}
