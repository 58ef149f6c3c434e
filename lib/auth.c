/*
 * Terminal authentication (lib/card.md "Terminal authentication"): EXTERNAL
 * AUTHENTICATE with a key from the card's key source (PSAM, HSM, key
 * file), once an operation and only where the card asked for it, and
 * INTERNAL AUTHENTICATE for sscard_authenticate().  F, S and P come from
 * OpenSSL's CSPRNG, never from the card.  A wrong key (63Cx) or a locked
 * one (6983) is reported and never tried again by the library.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "internal.h"

#define HSM_ANSWER_MAX 256

/* Card, city and province factors, 8 bytes each (lib/card.md). */
static int key_factors(const sscard *card, uint8_t out[24])
{
	if (card->chan.atr_len < 8 || strlen(card->id_code) < 6)
		return SSCARD_E_CARD_DATA;
	memcpy(out, card->chan.atr + card->chan.atr_len - 8, 8);
	memcpy(out + 8, card->id_code, 6);
	memcpy(out + 14, "sx", 2);
	memcpy(out + 16, card->id_code, 2);
	memcpy(out + 18, "0000sh", 6);
	return 0;
}

static int levels_of(const struct sscardi_keyref *ref)
{
	return ref->usage >> 5;
}

/* A PSAM exchange: its removal is its own error, not the card's. */
static int psam_cmd(struct sscardi_chan *psam, uint8_t cla, uint8_t ins,
		    uint8_t p1, uint8_t p2, const uint8_t *data, size_t len,
		    uint8_t *resp, size_t *resp_len, uint16_t *sw)
{
	int rv = sscardi_cmd(psam, cla, ins, p1, p2, data, len, SSCARDI_NO_LE,
			     resp, resp_len, sw);

	if (rv == SSCARD_E_CARD_REMOVED || rv == SSCARD_E_CARD_MUTE ||
	    rv == SSCARD_E_NO_CARD)
		return SSCARD_E_PSAM_REMOVED;
	return rv;
}

static const struct sscardi_sw_rule psam_key_rules[] = {
	/* the PSAM's keys are of another algorithm: its blocks differ */
	SSCARDI_SW(0x6700, SSCARD_E_NO_KEY),
	SSCARDI_SW(0x6A88, SSCARD_E_NO_KEY),    /* no such key */
	SSCARDI_SW(0x6A83, SSCARD_E_NO_KEY),
	SSCARDI_SW(0x6A86, SSCARD_E_NO_KEY),    /* no such usage */
	SSCARDI_SW_END
};

/* The PSAM's DF01, once a transaction. */
static int psam_select(struct sscardi_chan *psam)
{
	static const uint8_t df01[] = { 0xDF, 0x01 };
	uint16_t sw;
	int rv;

	if (psam->app_selected)
		return 0;
	rv = psam_cmd(psam, 0x00, 0xA4, 0x00, 0x00, df01, 2, NULL, NULL, &sw);
	if (rv < 0)
		return rv;
	if (sw != 0x9000)
		return SSCARD_E_NO_PSAM;
	psam->app_selected = 1;
	return 0;
}

/* BF DE: the PSAM's session key for ref from the factors (card first)
 * and the 8-byte seed, zero-padded to the block on 16-byte algorithms. */
int sscardi_psam_session(sscard *card, const struct sscardi_keyref *ref,
			 const uint8_t *factors, const uint8_t seed[8])
{
	struct sscardi_chan *psam = sscardi_psam_of(card);
	size_t n = 8 * (size_t)levels_of(ref);
	size_t bs = sscardi_block_size(card->algorithm);
	uint8_t in[24 + 16];
	uint16_t sw;
	int rv;

	if (bs == 0 || n > 24)
		return SSCARD_E_NOT_SUPPORTED;
	rv = psam_select(psam);
	if (rv < 0)
		return rv;
	memset(in, 0, sizeof(in));
	memcpy(in, factors, n);
	memcpy(in + n, seed, 8);
	rv = psam_cmd(psam, 0xBF, 0xDE, ref->usage, ref->index, in, n + bs,
		      NULL, NULL, &sw);
	if (rv < 0)
		return rv;
	rv = sscardi_sw_map(sw, psam_key_rules);
	if (rv < 0)
		sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
			    "the PSAM refused its key set-up (BF DE %02X %02X, "
			    "%u-byte process factor for the card's algorithm "
			    "%02d): %04X", ref->usage, ref->index,
			    (unsigned)bs, card->algorithm, sw);
	return rv;
}

int sscardi_psam_encipher(sscard *card, uint8_t p1, const uint8_t *data,
			  size_t len, uint8_t *out, size_t *out_len)
{
	uint16_t sw;
	int rv = psam_cmd(sscardi_psam_of(card), 0x80, 0xFA, p1, 0x00, data,
			  len, out, out_len, &sw);

	if (rv == 0)
		rv = sscardi_sw_map(sw, psam_key_rules);
	return rv == SSCARD_E_BUFFER_TOO_SMALL ? SSCARD_E_PROTOCOL : rv;
}

/*
 * The PSAM: the session key of key ref from the factors and seed (BF DE),
 * then the 8 authentication bytes of data under it: 3DES 80 FA over data;
 * 16-byte algorithms over data || 00 x 8, the answer folded.
 */
static int psam_crypt(sscard *card, const struct sscardi_keyref *ref,
		      const uint8_t *factors, const uint8_t seed[8],
		      const uint8_t data[8], uint8_t out[8])
{
	size_t bs = sscardi_block_size(card->algorithm), len = 16;
	uint8_t in[16], x[16];
	int rv;

	rv = sscardi_psam_session(card, ref, factors, seed);
	if (rv < 0)
		return rv;
	memset(in, 0, sizeof(in));
	memcpy(in, data, 8);
	rv = sscardi_psam_encipher(card, 0x00, in, bs, x, &len);
	if (rv == 0 && len != bs)
		rv = SSCARD_E_PROTOCOL;
	if (rv == 0 && bs == 16)
		sscardi_fold(x, out);
	else if (rv == 0)
		memcpy(out, x, 8);
	OPENSSL_cleanse(in, sizeof(in));
	OPENSSL_cleanse(x, sizeof(x));
	return rv;
}

int sscardi_file_session(sscard *card, enum sscardi_key key,
			 const uint8_t *factors, const uint8_t seed[8],
			 uint8_t sk[16])
{
	const struct sscardi_keyref *ref = &card->chan.ctx->region.keys[key];
	uint8_t dk[16];
	int rv;

	if (!card->keys->file[key].present ||
	    card->keys->file[key].alg != card->algorithm)
		return SSCARD_E_NO_KEY;
	rv = sscardi_diversify(card->algorithm, card->keys->file[key].key,
			       factors, levels_of(ref), dk);
	if (rv == 0)
		rv = sscardi_session_key(card->algorithm, dk, seed, sk);
	OPENSSL_cleanse(dk, sizeof(dk));
	return rv;
}

/* The key file: the same arithmetic, in software. */
static int file_crypt(sscard *card, enum sscardi_key key,
		      const uint8_t *factors, const uint8_t seed[8],
		      const uint8_t data[8], uint8_t out[8])
{
	uint8_t sk[16];
	int rv;

	rv = sscardi_file_session(card, key, factors, seed, sk);
	if (rv == 0)
		rv = sscardi_session_encrypt(card->algorithm, sk, data, out);
	OPENSSL_cleanse(sk, sizeof(sk));
	return rv;
}

static void hex(const uint8_t *b, size_t n, char *out)
{
	sscardi_hex(b, n, out, 2 * n + 1);
}

/* The step-1 string of lib/card.md's HSM mode, then the HSM's answer. */
static int hsm_call(sscard *card, enum sscardi_key key, const uint8_t f[8],
		    const uint8_t s[8], const uint8_t r[8], const uint8_t p[8],
		    uint8_t r1[16], uint8_t r2[16])
{
	char req[256], hist[2 * 33 + 1], fh[17], sh[17], rh[17], ph[17];
	char answer[HSM_ANSWER_MAX];
	struct sscardi_atr atr;
	int rv;

	if (sscardi_atr_parse(card->chan.atr, card->chan.atr_len, &atr) < 0)
		return SSCARD_E_CARD_DATA;
	hex(card->chan.atr + atr.hist_off, atr.hist_len, hist);
	hex(f, 8, fh);
	hex(s, 8, sh);
	hex(r, 8, rh);
	hex(p, 8, ph);
	snprintf(req, sizeof(req), "%.6s|%s|%02d|%s|%s|%s|%s|%s|%s|",
		 card->id_code, hist, card->algorithm, card->id_code, fh, sh,
		 rh, ph, card->keys->terminal);
	memset(answer, 0, sizeof(answer));
	rv = card->keys->hsm(sscardi_key_names[key], req, answer,
			     sizeof(answer) - 1, card->keys->hsm_user);
	answer[sizeof(answer) - 1] = '\0';
	if (rv < 0) {
		sscardi_log(card->chan.ctx, SSCARD_LOG_INFO, "HSM failed: %d",
			    rv);
		return SSCARD_E_HSM;
	}
	rv = sscardi_hsm_results(answer, r1, r2) < 0 ? SSCARD_E_HSM : 0;
	OPENSSL_cleanse(answer, sizeof(answer));
	return rv;
}

int sscardi_hsm_card_info(const sscard *card, char *out, size_t size)
{
	char hist[2 * 33 + 1];
	struct sscardi_atr atr;

	if (sscardi_atr_parse(card->chan.atr, card->chan.atr_len, &atr) < 0)
		return SSCARD_E_CARD_DATA;
	hex(card->chan.atr + atr.hist_off, atr.hist_len, hist);
	snprintf(out, size, "%.6s|%s|%s|", card->id_code, hist, card->id_code);
	return 0;
}

int sscardi_hsm_ask(sscard *card, enum sscardi_key key, const char *request,
		    uint8_t *out, size_t want)
{
	char answer[HSM_ANSWER_MAX];
	int rv;

	memset(answer, 0, sizeof(answer));
	rv = card->keys->hsm(sscardi_key_names[key], request, answer,
			     sizeof(answer) - 1, card->keys->hsm_user);
	answer[sizeof(answer) - 1] = '\0';
	rv = rv < 0 || sscardi_hsm_hex(answer, out, want) < 0 ? SSCARD_E_HSM
							      : 0;
	OPENSSL_cleanse(answer, sizeof(answer));
	return rv;
}

/* The card's internal authentication before a source's first external
 * one on a card of its issuer (keyguard.c): F || S and the card's answer,
 * for an HSM whose one call answers both. */
struct issuer_proof {
	int pending;
	uint8_t fs[16];
	uint8_t got[8];
};

static const struct sscardi_sw_rule internal_rules[] = {
	/* a card that cannot be asked: the source cannot prove itself */
	SSCARDI_SW(0x6D00, SSCARD_E_NOT_SUPPORTED),
	SSCARDI_SW(0x6E00, SSCARD_E_NOT_SUPPORTED),
	SSCARDI_SW(0x6A81, SSCARD_E_NOT_SUPPORTED),
	SSCARDI_SW(0x6A86, SSCARD_E_NOT_SUPPORTED),
	SSCARDI_SW(0x6A88, SSCARD_E_NOT_SUPPORTED),
	SSCARDI_SW(0x6985, SSCARD_E_NOT_SUPPORTED),
	SSCARDI_SW(0x6700, SSCARD_E_NOT_SUPPORTED),
	SSCARDI_SW_END
};

/* INTERNAL AUTHENTICATE with F || S: the card's 8-byte answer.  An answer
 * of another length is SSCARD_E_PROTOCOL with *odd set: the card spoke,
 * but cannot be judged by it. */
static int internal_ask(sscard *card, const uint8_t fs[16], uint8_t got[8],
			int *odd)
{
	uint8_t resp[16];
	size_t len = sizeof(resp);
	uint16_t sw;
	int rv;

	rv = sscardi_cmd(&card->chan, 0x00, 0x88, 0x00, 0x00, fs, 16,
			 SSCARDI_NO_LE, resp, &len, &sw);
	if (rv == 0)
		rv = sscardi_sw_map(sw, internal_rules);
	/* 8 bytes on every algorithm: another length is the card's fault,
	 * not a verdict on its genuineness */
	*odd = rv == SSCARD_E_BUFFER_TOO_SMALL || (rv == 0 && len != 8);
	if (*odd)
		rv = SSCARD_E_PROTOCOL;
	if (rv == 0)
		memcpy(got, resp, 8);
	return rv;
}

/* The answer a genuine card gives to F || S, from a PSAM or a key file
 * (the HSM answers it with its external step, cryptogram()). */
static int internal_expected(sscard *card, const uint8_t *factors,
			     const uint8_t fs[16], uint8_t want[8])
{
	const struct sscardi_keyref *ref =
		&card->chan.ctx->region.keys[SSCARDI_KEY_IRKSSSE];

	if (card->keys->kind == SSCARD_KEYS_PSAM)
		return psam_crypt(card, ref, factors, fs, fs + 8, want);
	if (!card->keys->file[SSCARDI_KEY_IRKSSSE].present ||
	    card->keys->file[SSCARDI_KEY_IRKSSSE].alg != card->algorithm)
		return SSCARD_E_NO_KEY;
	return file_crypt(card, SSCARDI_KEY_IRKSSSE, factors, fs, fs + 8,
			  want);
}

/* What the proof said: kept in the host's store; a source that is not
 * the issuer's is not tried (no key try spent). */
static int issuer_verdict(sscard *card, enum sscardi_key key, int proven)
{
	sscardi_key_issuer_note(card, key, proven);
	if (proven)
		return 0;
	sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
		    "internal authentication: the key source is not this "
		    "card's issuer's (or the card is not genuine); %s not "
		    "tried", sscardi_key_names[key]);
	return SSCARD_E_KEY_WRONG;
}

/* A source that cannot prove itself: tried once on the card where the
 * store keeps that; with no store, not at all. */
static int issuer_unproven(sscard *card, int known)
{
	if (known != SSCARDI_ISSUER_NO_STORE)
		return 0;
	sscardi_log(card->chan.ctx, SSCARD_LOG_ERROR,
		    "no key-guard store can be written (SSCARD_STATE_DIR, "
		    "/var/lib/libsscard, the user's state directory) and the "
		    "key source cannot prove itself on this card's issuer: "
		    "not tried");
	return SSCARD_E_NO_KEY_STORE;
}

/* Before the source's first EXTERNAL AUTHENTICATE on a card of an issuer
 * it has not served (known: SSCARDI_ISSUER_*): internal authentication,
 * which spends no try. */
static int issuer_gate(sscard *card, enum sscardi_key key, int known,
		       const uint8_t *factors, struct issuer_proof *proof)
{
	uint8_t want[8];
	int rv, odd = 0;

	proof->pending = 0;
	if (known == SSCARDI_ISSUER_PROVEN)
		return 0;
	rv = sscardi_random(proof->fs, 16);
	if (rv < 0)
		return rv;
	if (card->keys->kind == SSCARD_KEYS_HSM) {
		rv = internal_ask(card, proof->fs, proof->got, &odd);
		if (rv == SSCARD_E_NOT_SUPPORTED || odd)
			return issuer_unproven(card, known);
		proof->pending = rv == 0;
		return rv;
	}
	/* the source first: one without the internal key costs the card
	 * nothing */
	rv = internal_expected(card, factors, proof->fs, want);
	if (rv == 0)
		rv = internal_ask(card, proof->fs, proof->got, &odd);
	/* a card that cannot be asked, or answers in another length, cannot
	 * prove the source either way */
	if (rv == SSCARD_E_NO_KEY || rv == SSCARD_E_NOT_SUPPORTED || odd)
		rv = issuer_unproven(card, known);
	else if (rv == 0)
		rv = issuer_verdict(card, key,
				    CRYPTO_memcmp(proof->got, want, 8) == 0);
	OPENSSL_cleanse(want, sizeof(want));
	return rv;
}

/* C of EXTERNAL AUTHENTICATE with key for the card's challenge r and p.
 * An HSM answers the card's internal authentication in the same call:
 * with proof (F || S sent, the card's 8-byte answer), a source whose
 * answer differs is not the card issuer's, and C is not sent. */
static int cryptogram(sscard *card, enum sscardi_key key,
		      const uint8_t *factors, const uint8_t r[8],
		      const uint8_t p[8], const struct issuer_proof *proof,
		      uint8_t c[8])
{
	const struct sscardi_keyref *ref = &card->chan.ctx->region.keys[key];
	uint8_t r1[16], r2[16], f[16];
	int rv;

	switch (card->keys->kind) {
	case SSCARD_KEYS_PSAM:
		return psam_crypt(card, ref, factors, r, p, c);
	case SSCARD_KEYS_FILE:
		return file_crypt(card, key, factors, r, p, c);
	default:
		if (proof->pending)
			memcpy(f, proof->fs, 16);
		rv = proof->pending ? 0 : sscardi_random(f, 16);
		if (rv == 0)
			rv = hsm_call(card, key, f, f + 8, r, p, r1, r2);
		/* RESULT2 is C || P: the P must be ours */
		if (rv == 0 && memcmp(r2 + 8, p, 8) != 0)
			rv = SSCARD_E_HSM;
		if (rv == 0 && proof->pending)
			rv = issuer_verdict(card, key,
					    CRYPTO_memcmp(r1, proof->got,
							  8) == 0);
		if (rv == 0)
			memcpy(c, r2, 8);
		OPENSSL_cleanse(r1, sizeof(r1));
		OPENSSL_cleanse(r2, sizeof(r2));
		OPENSSL_cleanse(f, sizeof(f));
		return rv;
	}
}

/* GET CHALLENGE: the 8 bytes the next EXTERNAL AUTHENTICATE answers */
int sscardi_get_challenge(sscard *card, uint8_t r[8])
{
	size_t len = 8;
	uint16_t sw;
	int rv = sscardi_cmd(&card->chan, 0x00, 0x84, 0x00, 0x00, NULL, 0, 8, r,
			     &len, &sw);

	if (rv == 0 && sw != 0x9000)
		rv = sscardi_sw_map(sw, NULL);
	if (rv == 0 && len != 8)
		rv = SSCARD_E_PROTOCOL;
	return rv;
}

static const struct sscardi_sw_rule external_rules[] = {
	SSCARDI_SW(0x6983, SSCARD_E_KEY_LOCKED),
	SSCARDI_SW(0x63C0, SSCARD_E_KEY_LOCKED),
	SSCARDI_SW(0x6A88, SSCARD_E_NO_KEY),    /* the card has no such key */
	{ 0x63C0, 0xFFF0, SSCARD_E_KEY_WRONG },
	SSCARDI_SW_END
};

/* Whether the source may be asked for key on this card at all: it holds
 * the key for the card's algorithm (a key file; a PSAM or an HSM tells
 * only when asked, before anything reaches the card), and the guard
 * allows it (keyguard.c); *issuer (may be NULL) its standing with the
 * card's issuer. */
int sscardi_key_usable(sscard *card, enum sscardi_key key, int *issuer)
{
	if (card->keys->kind == SSCARD_KEYS_FILE &&
	    (!card->keys->file[key].present ||
	     card->keys->file[key].alg != card->algorithm))
		return SSCARD_E_NO_KEY;
	return sscardi_key_guard_check(card, key, issuer);
}

/* Ready for key arithmetic: the algorithm from the SSSE FCI, the factors
 * from the ATR and the card identification code. */
int sscardi_auth_prepare(sscard *card, uint8_t factors[24])
{
	if (card->algorithm == SSCARD_ALG_UNKNOWN)
		return SSCARD_E_NOT_SUPPORTED;
	if (card->algorithm == SSCARD_ALG_SSF33 &&
	    card->keys->kind == SSCARD_KEYS_FILE)
		return SSCARD_E_NO_KEY;     /* SSF33: PSAM or HSM only */
	return key_factors(card, factors);
}

int sscardi_external_send(sscard *card, enum sscardi_key key,
			  const uint8_t cp[16])
{
	const struct sscardi_keyref *ref = &card->chan.ctx->region.keys[key];
	uint16_t sw;
	int rv = sscardi_cmd(&card->chan, 0x00, 0x82, 0x00, ref->card_id, cp,
			     16, SSCARDI_NO_LE, NULL, NULL, &sw);

	if (rv < 0)
		return rv;
	sscardi_key_guard_note(card, key, sw);
	return sscardi_sw_map(sw, external_rules);
}

int sscardi_external(sscard *card, enum sscardi_key key)
{
	uint8_t factors[24], r[8], p[8], cp[16];
	struct issuer_proof proof;
	int rv, issuer = SSCARDI_ISSUER_UNKNOWN;

	memset(&proof, 0, sizeof(proof));
	rv = sscardi_auth_prepare(card, factors);
	if (rv == 0)
		rv = sscardi_key_usable(card, key, &issuer);
	if (rv == 0)
		rv = issuer_gate(card, key, issuer, factors, &proof);
	if (rv < 0)
		goto out;
	rv = sscardi_get_challenge(card, r);
	if (rv == 0)
		rv = sscardi_random(p, 8);
	if (rv == 0)
		rv = cryptogram(card, key, factors, r, p, &proof, cp);
	if (rv < 0)
		goto out;
	memcpy(cp + 8, p, 8);
	rv = sscardi_external_send(card, key, cp);
	sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
		    "external authentication with %s: %s",
		    sscardi_key_names[key],
		    rv == 0 ? "ok" : sscardi_strerror(rv));
out:
	OPENSSL_cleanse(cp, sizeof(cp));
	OPENSSL_cleanse(&proof, sizeof(proof));
	return rv;
}

int sscardi_unlock(sscard *card, enum sscardi_key key)
{
	int rv;

	if (card->keys == NULL ||
	    card->chan.ctx->region.keys[key].card_id == 0)
		return SSCARD_E_AUTH_REQUIRED;
	/* once an operation: a key tried first (sscardi_unlock_first) and
	 * then refused gives that try's error; one that worked and is still
	 * refused, "authentication required" */
	if (card->authed & (1u << key))
		return card->auth_err[key] < 0 ? card->auth_err[key]
					       : SSCARD_E_AUTH_REQUIRED;
	card->authed |= 1u << key;
	rv = sscardi_external(card, key);
	card->auth_err[key] = rv;
	if (rv == 0)
		card->opened |= 1u << key;
	return rv;
}

struct auth_args {
	struct sscard_auth *auth;
};

static int internal_op(sscard *card, void *arg)
{
	struct sscard_auth *auth = ((struct auth_args *)arg)->auth;
	uint8_t factors[24], fs[16], got[8], want[16], r[8], p[8], r2[16];
	int rv, odd;

	memset(want, 0, sizeof(want));
	memset(r2, 0, sizeof(r2));
	rv = sscardi_select_ssse(card);
	if (rv == 0)
		rv = sscardi_learn_id(card);
	if (rv == 0)
		rv = sscardi_auth_prepare(card, factors);
	if (rv == 0 && card->keys->kind == SSCARD_KEYS_FILE &&
	    sscardi_key_usable(card, SSCARDI_KEY_IRKSSSE, NULL) ==
	    SSCARD_E_NO_KEY)
		rv = SSCARD_E_NO_KEY;
	if (rv == 0)
		rv = sscardi_random(fs, sizeof(fs));
	if (rv < 0)
		return rv;
	auth->algorithm = card->algorithm;
	auth->method = card->keys->kind;
	rv = internal_ask(card, fs, got, &odd);
	if (rv < 0)
		goto out;
	if (card->keys->kind != SSCARD_KEYS_HSM) {
		rv = internal_expected(card, factors, fs, want);
	} else {
		/* the ministry's HSM step: one call answers both directions,
		 * for the card's own challenge; RESULT1's first 16 hex are
		 * the expected answer */
		rv = sscardi_get_challenge(card, r);
		if (rv == 0)
			rv = sscardi_random(p, 8);
		if (rv == 0)
			rv = hsm_call(card, SSCARDI_KEY_RKSSSE, fs, fs + 8, r,
				      p, want, r2);
		if (rv == 0 && memcmp(r2 + 8, p, 8) != 0)
			rv = SSCARD_E_HSM;  /* RESULT2 is C || our P */
	}
	if (rv < 0)
		goto out;
	auth->genuine = CRYPTO_memcmp(got, want, 8) == 0;
	rv = auth->genuine ? 0 : SSCARD_E_NOT_GENUINE;
	if (auth->genuine)  /* the source is this issuer's */
		sscardi_key_issuer_note(card, SSCARDI_KEY_IRKSSSE, 1);
	/* the HSM's RESULT2 opens RKSSSE's files, unless the guard says
	 * this card refused the HSM's RKSSSE before (the reads then say so) */
	if (rv == 0 && card->keys->kind == SSCARD_KEYS_HSM &&
	    sscardi_key_guard_check(card, SSCARDI_KEY_RKSSSE, NULL) == 0) {
		rv = sscardi_external_send(card, SSCARDI_KEY_RKSSSE, r2);
		sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
			    "external authentication with RKSSSE (HSM): %s",
			    rv == 0 ? "ok" : sscardi_strerror(rv));
	}
out:
	OPENSSL_cleanse(want, sizeof(want));
	OPENSSL_cleanse(r2, sizeof(r2));
	return rv;
}

int sscard_authenticate(sscard *card, struct sscard_auth *auth)
{
	struct auth_args a = { auth };
	int rv;

	if (card == NULL || auth == NULL)
		return SSCARD_E_INVALID_ARG;
	memset(auth, 0, sizeof(*auth));
	if (card->keys == NULL)
		return SSCARD_E_NO_KEY;
	if (!sscardi_owner_ok(card->chan.ctx))
		return SSCARD_E_WRONG_THREAD;
	/* the HSM's step opens the holder's files too: always asked */
	if (card->keys->kind != SSCARD_KEYS_HSM &&
	    sscardi_memo_auth_get(card, auth))
		return 0;
	rv = sscardi_run_read(card, internal_op, &a);
	if (rv == 0 && card->keys->kind != SSCARD_KEYS_HSM)
		sscardi_memo_auth_put(card, auth);
	return rv;
}
