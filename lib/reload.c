/*
 * The service counter (lib/card.md "PIN reload / unblock"): the card checked
 * against what the clerk holds, EXTERNAL AUTHENTICATE with the PUK (card
 * key 06), a fresh challenge and the PINRELOAD session, then 84 24 with
 * the enciphered PIN block (reload) and the MAC, from a PSAM, a key file,
 * or an HSM in the ministry's three steps.  The new PIN is checked
 * before any APDU, wiped after, never logged (84 24 is on the PIN list the
 * trace redacts), and nothing is retried.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>

#include "internal.h"

#define MAC_LEN 4

struct reload_args {
	const char *id_code;
	const char *number;
	const char *new_pin;        /* NULL: unblock */
	int tries_left;
};

static const struct sscardi_sw_rule reload_rules[] = {
	SSCARDI_SW(0x6988, SSCARD_E_MAC_REFUSED),
	SSCARDI_SW(0x6987, SSCARD_E_MAC_REFUSED),
	SSCARDI_SW(0x6982, SSCARD_E_AUTH_REQUIRED),
	SSCARDI_SW_END
};

/* The card in the reader is the card the clerk named. */
static int same_card(sscard *card, const struct reload_args *a)
{
	char number[16];
	int rv;

	card->id_code[0] = '\0';            /* read now, not remembered */
	rv = sscardi_learn_id(card);
	if (rv == 0)
		rv = sscardi_read_number(card, number);
	if (rv < 0)
		return rv;
	if (strcasecmp(card->id_code, a->id_code) != 0 ||
	    strcmp(number, a->number) != 0)
		return SSCARD_E_CARD_MISMATCH;
	return 0;
}

/* 84 24 00 P2 Lc [E] MAC: E and MAC under the PINRELOAD session key. */
static int build(sscard *card, const struct reload_args *a,
		 const uint8_t *factors, const uint8_t r[8], uint8_t *cmd,
		 size_t *cmd_len)
{
	const struct sscardi_keyref *ref =
		&card->chan.ctx->region.keys[SSCARDI_KEY_PINRELOAD];
	size_t bs = sscardi_block_size(card->algorithm), elen = 0, mlen, n;
	uint8_t block[16], mac_in[64], mac[16], sk[16];
	int pin_len = 0, rv;

	memset(block, 0, sizeof(block));
	if (a->new_pin != NULL) {
		pin_len = sscardi_pin_pack(a->new_pin, block + 1);
		if (pin_len < 0)
			return pin_len;
		block[0] = (uint8_t)pin_len;
		block[1 + pin_len] = 0x80;
		elen = bs;
	}
	cmd[0] = 0x84;
	cmd[1] = 0x24;
	cmd[2] = 0x00;
	cmd[3] = a->new_pin != NULL ? 0x01 : 0x00;
	cmd[4] = (uint8_t)(elen + MAC_LEN);
	if (card->keys->kind == SSCARD_KEYS_PSAM) {
		rv = sscardi_psam_session(card, ref, factors, r);
		n = sizeof(mac);
		/* the PIN block goes to the PSAM in clear: a secret there */
		sscardi_psam_of(card)->secret_next = 1;
		if (rv == 0 && elen > 0)
			rv = sscardi_psam_encipher(card, 0x00, block, bs,
						   cmd + 5, &n);
		sscardi_psam_of(card)->secret_next = 0;
		if (rv == 0 && elen > 0 && n != bs)
			rv = SSCARD_E_PROTOCOL;
	} else {
		rv = sscardi_file_session(card, SSCARDI_KEY_PINRELOAD, factors,
					  r, sk);
		if (rv == 0 && elen > 0)
			rv = sscardi_session_ecb(card->algorithm, sk, block, bs,
						 cmd + 5);
	}
	if (rv < 0)
		goto out;
	/* the MAC input: IV (zeros, the PSAM takes it), the header and E,
	 * padded 80 00.. to whole blocks */
	memset(mac_in, 0, sizeof(mac_in));
	memcpy(mac_in + bs, cmd, 5 + elen);
	mlen = 5 + elen;
	mac_in[bs + mlen] = 0x80;
	mlen = (mlen / bs + 1) * bs;
	n = sizeof(mac);
	if (card->keys->kind == SSCARD_KEYS_PSAM) {
		/* the PSAM answers the last block (assumed for 16-byte
		 * algorithms: lib/card.md) */
		rv = sscardi_psam_encipher(card, 0x05, mac_in, bs + mlen, mac,
					   &n);
		if (rv == 0 && n != bs)
			rv = SSCARD_E_PROTOCOL;
	} else {
		rv = sscardi_session_mac(card->algorithm, sk, mac_in + bs, mlen,
					 mac);
	}
	if (rv < 0)
		goto out;
	sscardi_mac_fold(card->algorithm, mac, cmd + 5 + elen);
	*cmd_len = 5 + elen + MAC_LEN;
out:
	OPENSSL_cleanse(block, sizeof(block));
	OPENSSL_cleanse(sk, sizeof(sk));
	OPENSSL_cleanse(mac_in, sizeof(mac_in));
	return rv;
}

/*
 * The HSM's three steps (lib/card.md, ministry iReloadPIN_HSM_Step1..3), the
 * callback asked twice.  "PUK": "alg|0090|R1|R2|" + card info, answered
 * C || P for EXTERNAL AUTHENTICATE with key 06; "PINRELOAD":
 * "alg|0173|R|84240001Lc|" (84240000 for unblock) + card info + the new
 * PIN for a reload, answered E || MAC (or the MAC).  The card info
 * (region, ATR historical bytes, card identification code) is what the
 * HSM diversifies with; the request is wiped after.
 */
static int hsm_steps(sscard *card, const struct reload_args *a,
		     uint8_t *cmd, size_t *cmd_len)
{
	size_t bs = sscardi_block_size(card->algorithm);
	size_t elen = a->new_pin != NULL ? bs : 0;
	char info[128], req[320], r1h[17], r2h[17];
	uint8_t r1[8], r2[8], cp[16];
	int rv;

	rv = sscardi_key_guard_check(card, SSCARDI_KEY_PUK, NULL);
	if (rv == 0)
		rv = sscardi_hsm_card_info(card, info, sizeof(info));
	if (rv == 0)
		rv = sscardi_get_challenge(card, r1);
	if (rv == 0)
		rv = sscardi_random(r2, 8);
	if (rv < 0)
		return rv;
	sscardi_hex(r1, 8, r1h, sizeof(r1h));
	sscardi_hex(r2, 8, r2h, sizeof(r2h));
	snprintf(req, sizeof(req), "%02d|0090|%s|%s|%s", card->algorithm, r1h,
		 r2h, info);
	rv = sscardi_hsm_ask(card, SSCARDI_KEY_PUK, req, cp, 16);
	if (rv == 0)
		rv = sscardi_external_send(card, SSCARDI_KEY_PUK, cp);
	if (rv == 0)
		rv = sscardi_get_challenge(card, r1);
	if (rv < 0)
		return rv;
	cmd[0] = 0x84;
	cmd[1] = 0x24;
	cmd[2] = 0x00;
	cmd[3] = a->new_pin != NULL ? 0x01 : 0x00;
	cmd[4] = (uint8_t)(elen + MAC_LEN);
	sscardi_hex(r1, 8, r1h, sizeof(r1h));
	snprintf(req, sizeof(req), "%02d|0173|%s|842400%02X%02X|%s%s%s",
		 card->algorithm, r1h, cmd[3], cmd[4], info,
		 a->new_pin != NULL ? a->new_pin : "",
		 a->new_pin != NULL ? "|" : "");
	rv = sscardi_hsm_ask(card, SSCARDI_KEY_PINRELOAD, req, cmd + 5,
			     elen + MAC_LEN);
	OPENSSL_cleanse(req, sizeof(req));
	*cmd_len = 5 + elen + MAC_LEN;
	return rv;
}

static int reload_op(sscard *card, void *arg)
{
	struct reload_args *a = arg;
	uint8_t factors[24], r[8], cmd[64], resp[8];
	size_t cmd_len = 0, rlen = sizeof(resp);
	uint16_t sw;
	int rv;

	rv = sscardi_select_ssse_again(card);
	if (rv == 0)
		rv = same_card(card, a);
	if (rv == 0)
		rv = sscardi_auth_prepare(card, factors);
	if (rv == 0 && card->keys->kind == SSCARD_KEYS_HSM) {
		rv = hsm_steps(card, a, cmd, &cmd_len);
	} else {
		if (rv == 0)
			rv = sscardi_key_usable(card, SSCARDI_KEY_PINRELOAD,
						NULL);
		if (rv == 0)
			rv = sscardi_external(card, SSCARDI_KEY_PUK);
		if (rv == 0)
			rv = sscardi_get_challenge(card, r);
		if (rv == 0)
			rv = build(card, a, factors, r, cmd, &cmd_len);
	}
	if (rv == 0)
		rv = sscardi_xfer(&card->chan, cmd, cmd_len, resp, &rlen, &sw);
	OPENSSL_cleanse(cmd, sizeof(cmd));
	if (rv == 0)
		rv = sscardi_sw_map(sw, reload_rules);
	if (rv < 0)
		return rv;
	/* done: the counter as the card has it now */
	rv = sscardi_cmd(&card->chan, 0x00, 0x20, 0x00, 0x00, NULL, 0,
			 SSCARDI_NO_LE, NULL, NULL, &sw);
	if (rv == 0)
		a->tries_left = sscardi_sw_tries(sw);
	return 0;
}

static int valid_card_info(const char *id_code, const char *number)
{
	size_t i;

	if (id_code == NULL || number == NULL || strlen(id_code) != 32 ||
	    strlen(number) != 9)
		return 0;
	for (i = 0; i < 32; i++)
		if (!((id_code[i] >= '0' && id_code[i] <= '9') ||
		      ((id_code[i] | 0x20) >= 'a' &&
		       (id_code[i] | 0x20) <= 'f')))
			return 0;
	return 1;
}

static int counter(sscard *card, struct reload_args *a, int *tries_left)
{
	int rv;

	if (tries_left != NULL)
		*tries_left = -1;
	if (card == NULL || !valid_card_info(a->id_code, a->number))
		return SSCARD_E_INVALID_ARG;
	if (!sscardi_owner_ok(card->chan.ctx))
		return SSCARD_E_WRONG_THREAD;
	if (card->keys == NULL)
		return SSCARD_E_NO_KEY;
	a->tries_left = -1;
	rv = sscardi_run(card, sscardi_psam_of(card), reload_op, a,
			 SSCARDI_RETRY_NOTHING_SENT);
	if (tries_left != NULL)
		*tries_left = a->tries_left;
	return rv;
}

int sscard_pin_unblock(sscard *card, const char *id_code, const char *number,
		       int *tries_left)
{
	struct reload_args a = { id_code, number, NULL, -1 };

	return counter(card, &a, tries_left);
}

int sscard_pin_reload(sscard *card, const char *id_code, const char *number,
		      const char *new_pin, unsigned flags, int *tries_left)
{
	struct reload_args a = { id_code, number, new_pin, -1 };
	uint8_t scratch[6];
	int len;

	if (tries_left != NULL)
		*tries_left = -1;
	if (card != NULL)
		card->chan.last_sw = 0;     /* refused here: no card's SW */
	if (new_pin == NULL || (flags & ~(unsigned)SSCARD_PIN_INITIAL))
		return SSCARD_E_INVALID_ARG;
	len = sscardi_pin_pack(new_pin, scratch);
	OPENSSL_cleanse(scratch, sizeof(scratch));
	if (len < 0)
		return len;
	if (strcmp(new_pin, "123456") == 0 && !(flags & SSCARD_PIN_INITIAL))
		return SSCARD_E_PIN_INITIAL;
	return counter(card, &a, tries_left);
}
