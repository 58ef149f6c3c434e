/*
 * The social-security application (SSSE): its SELECT (the algorithm from
 * the FCI) and the SELECT of one of its files.  ssse_fields.c reads the
 * card and holder files, basic.c decodes them, photo.c reads EF08.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "ssse.h"

static const uint8_t ssse_aid[] = {
	0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E,     /* "sx1.sh." */
	0xC9, 0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF /* GBK 社会保障 */
};

static int alg_from_fci(const uint8_t *fci, size_t len)
{
	struct sscardi_tlv t, inner;

	if (sscardi_ber_find(fci, len, 0x86, &t) != 0 &&
	    (sscardi_ber_find(fci, len, 0x9F0C, &inner) != 0 ||
	     sscardi_ber_find(inner.val, inner.len, 0x86, &t) != 0))
		return SSCARD_ALG_UNKNOWN;
	if (t.len != 1 || t.val[0] < 1 || t.val[0] > 3)
		return SSCARD_ALG_UNKNOWN;
	return t.val[0];
}

static const struct sscardi_sw_rule select_ssse_rules[] = {
	SSCARDI_SW(0x6283, SSCARD_E_APP_BLOCKED),
	SSCARDI_SW(0x6A81, SSCARD_E_APP_BLOCKED),
	SSCARDI_SW(0x6A82, SSCARD_E_NOT_SSCARD),
	SSCARDI_SW(0x6A86, SSCARD_E_NOT_SSCARD),
	SSCARDI_SW(0x6D00, SSCARD_E_NOT_SSCARD),
	SSCARDI_SW(0x6E00, SSCARD_E_NOT_SSCARD),
	SSCARDI_SW_END
};

/* 6982 where a file is named: terminal authentication. */
const struct sscardi_sw_rule sscardi_ssse_file_rules[] = {
	SSCARDI_SW(0x6982, SSCARD_E_AUTH_REQUIRED),
	SSCARDI_SW_END
};

int sscardi_select_ssse(sscard *card)
{
	uint8_t fci[256];
	size_t fci_len = sizeof(fci);
	uint16_t sw;
	int rv;

	if (card->app == SSCARDI_APP_SSSE)
		return 0;
	rv = sscardi_cmd(&card->chan, 0x00, 0xA4, 0x04, 0x00, ssse_aid,
			 sizeof(ssse_aid), SSCARDI_NO_LE, fci, &fci_len, &sw);
	if (rv == SSCARD_E_BUFFER_TOO_SMALL)
		return SSCARD_E_PROTOCOL;
	if (rv < 0)
		return rv;
	rv = sscardi_sw_map(sw, select_ssse_rules);
	if (rv < 0)
		return rv;
	card->app = SSCARDI_APP_SSSE;
	card->ef = 0;
	card->opened = 0;
	card->algorithm = alg_from_fci(fci, fci_len);
	return 0;
}

int sscardi_select_ssse_again(sscard *card)
{
	card->app = SSCARDI_APP_NONE;
	card->pin_verified = 0;     /* the card's answer says it again */
	return sscardi_select_ssse(card);
}

/* SELECT EF by FID in the current DF; P1 02, or 00 for cards that want it. */
int sscardi_select_ef(sscard *card, uint16_t fid)
{
	uint8_t id[2] = { (uint8_t)(fid >> 8), (uint8_t)fid };
	uint16_t sw;
	int rv;

	if (card->ef == fid)
		return 0;
	/* an FCP in the answer is not needed: resp NULL drops it */
	rv = sscardi_cmd(&card->chan, 0x00, 0xA4, 0x02, 0x00, id, 2,
			 SSCARDI_NO_LE, NULL, NULL, &sw);
	if (rv == 0 && sscardi_sw_in(sw, SSCARDI_SWS_SELECT_P1_REFUSED))
		rv = sscardi_cmd(&card->chan, 0x00, 0xA4, 0x00, 0x00, id, 2,
				 SSCARDI_NO_LE, NULL, NULL, &sw);
	if (rv < 0)
		return rv;
	if (sw != 0x9000) {
		card->ef = 0;
		return sscardi_sw_map(sw, sscardi_ssse_file_rules);
	}
	card->ef = fid;
	return 0;
}

int sscardi_ssse_unlock(sscard *card)
{
	return sscardi_denied(card, SSCARDI_KEY_RKSSSE);
}
