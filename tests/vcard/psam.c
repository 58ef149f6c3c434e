/*
 * The virtual PSAM (lib/card.md "PSAM flow"): the ministry application DF01,
 * the terminal number in file 0016, key initialisation (BF DE: diversify
 * the key named by usage and index with the factors sent, then a session
 * key from the process factor that follows them, zero-padded to 16 bytes
 * for SM4) and encipherment (80 FA: whole blocks, ECB; 80 FA 05: a MAC,
 * the last block), answered with 61xx
 * and GET RESPONSE on T=0.  It answers 6A82 to the SSSE SELECT, as a real
 * PSAM does.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "vcard.h"

static const uint8_t df01[] = { 0xDF, 0x01 };
static const uint8_t mf[] = { 0x3F, 0x00 };

static size_t do_select(struct vcard *vc, const struct vcard_cmd *c,
			uint8_t *resp)
{
	if (c->p1 == 0x00 && c->lc == 2 && memcmp(c->data, df01, 2) == 0) {
		vc->psam_df = 1;
		vc->psam_ready = 0;
		return vcard_sw(resp, 0, 0x9000);
	}
	if (c->p1 == 0x00 && c->lc == 2 && memcmp(c->data, mf, 2) == 0) {
		vc->psam_df = 0;
		vc->psam_ready = 0;
		return vcard_sw(resp, 0, 0x9000);
	}
	return vcard_sw(resp, 0, 0x6A82);
}

/* 00 B0 96 00 06: file 0016 (the terminal number) by SFI, in the MF */
static size_t do_read_binary(struct vcard *vc, const struct vcard_cmd *c,
			     uint8_t *resp)
{
	if (c->p1 != 0x96 || c->p2 != 0x00)
		return vcard_sw(resp, 0, 0x6A82);
	if (vc->psam_df)
		return vcard_sw(resp, 0, 0x6A82);
	if (c->le != 6)
		return vcard_sw(resp, 0, 0x6C06);
	memcpy(resp, vc->termno, 6);
	return vcard_sw(resp, 6, 0x9000);
}

static size_t do_init_key(struct vcard *vc, const struct vcard_cmd *c,
			  uint8_t *resp)
{
	const struct vcard_psam_key *k = NULL;
	uint8_t dk[16];
	int i, levels = c->p1 >> 5;

	vc->psam_ready = 0;
	if (!vc->psam_df)
		return vcard_sw(resp, 0, 0x6985);
	for (i = 0; i < vc->npsam_keys; i++)
		if (vc->psam_keys[i].usage == c->p1 &&
		    vc->psam_keys[i].index == c->p2)
			k = &vc->psam_keys[i];
	if (k == NULL)
		return vcard_sw(resp, 0, 0x6A88);
	/* the process factor padded to the block: 16 bytes for SM4 */
	if (c->lc != (size_t)(8 * levels + (k->alg == VCARD_ALG_SM4 ? 16 : 8)))
		return vcard_sw(resp, 0, 0x6700);
	if (vk_derive(k->alg, k->master, c->data, levels, dk) < 0 ||
	    vk_session(k->alg, dk, c->data + 8 * levels, vc->psam_sk) < 0)
		return vcard_sw(resp, 0, 0x6F00);
	vc->psam_alg = k->alg;
	vc->psam_ready = 1;
	return vcard_sw(resp, 0, 0x9000);
}

static size_t do_encipher(struct vcard *vc, const struct vcard_cmd *c,
			  uint8_t *resp)
{
	uint8_t out[16];
	size_t want = vc->psam_alg == VCARD_ALG_SM4 ? 16 : 8;

	if (!vc->psam_ready)
		return vcard_sw(resp, 0, 0x6985);
	if ((c->p1 != 0x00 && c->p1 != 0x05) || c->p2 != 0x00)
		return vcard_sw(resp, 0, 0x6A86);
	if (c->p1 == 0x05) {
		/* MAC: IV || data, whole blocks, one block out */
		if (c->lc < 2 * want || c->lc % want)
			return vcard_sw(resp, 0, 0x6700);
		if (vk_session_mac(vc->psam_alg, vc->psam_sk, c->data,
				   c->data + want, c->lc - want, out) < 0)
			return vcard_sw(resp, 0, 0x6F00);
		return vcard_answer_case4(vc, out, want, resp);
	}
	if (c->lc != want)
		return vcard_sw(resp, 0, 0x6700);
	if (vk_session_encrypt(vc->psam_alg, vc->psam_sk, c->data, want, out) < 0)
		return vcard_sw(resp, 0, 0x6F00);
	return vcard_answer_case4(vc, out, want, resp);
}

size_t vcard_psam_process(struct vcard *vc, const uint8_t *cmd, size_t len,
			  uint8_t *resp)
{
	struct vcard_cmd c;

	if (vcard_parse_cmd(cmd, len, &c) < 0)
		return vcard_sw(resp, 0, 0x6700);
	if (c.ins != 0xC0)
		vc->pending_len = 0;
	if (c.cla == 0x00 && c.ins == 0xA4)
		return do_select(vc, &c, resp);
	if (c.cla == 0x00 && c.ins == 0xB0)
		return do_read_binary(vc, &c, resp);
	if (c.cla == 0x00 && c.ins == 0xC0)
		return vcard_get_response(vc, &c, resp);
	if (c.cla == 0xBF && c.ins == 0xDE)
		return do_init_key(vc, &c, resp);
	if (c.cla == 0x80 && c.ins == 0xFA)
		return do_encipher(vc, &c, resp);
	return vcard_sw(resp, 0, c.cla == 0x00 || c.cla == 0x80 ? 0x6D00
							      : 0x6E00);
}
