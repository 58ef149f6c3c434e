/*
 * What lib/ files share.  Nothing here is installed or exported.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_INTERNAL_H
#define SSCARD_INTERNAL_H

#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "../apdu/apdu.h"
#include "backend.h"
#include "sscard.h"
#include "transport.h"

/* The application the card currently has selected, as far as we know. */
enum sscardi_app {
	SSCARDI_APP_NONE = 0,
	SSCARDI_APP_SSSE,
	SSCARDI_APP_MEDICAL,        /* the region profile's DF under SSSE */
	SSCARDI_APP_BANK
};

/* ---- region profiles (region.c) ---- */
enum sscardi_enc {
	SSCARDI_ENC_BCD = 0,
	SSCARDI_ENC_BINARY,
	SSCARDI_ENC_ASCII,
	SSCARDI_ENC_DATE8
};

enum sscardi_access {
	SSCARDI_ACCESS_NONE = 0,
	SSCARDI_ACCESS_PIN,
	SSCARDI_ACCESS_PIN_AUTH
};

struct sscardi_field {
	int present;
	uint8_t tag;
	int enc;                    /* enum sscardi_enc */
	int len;                    /* value bytes */
	int yuan;                   /* amount in whole yuan, not fen */
};

/* The terminal keys of lib/card.md's table (a region profile may change the
 * references). */
enum sscardi_key {
	SSCARDI_KEY_RKSSSE = 0,     /* EF07, EF08, 3.0 holder data */
	SSCARDI_KEY_RK1DF04,        /* DF04/EF06, after the PIN */
	SSCARDI_KEY_IRKSSSE,        /* INTERNAL AUTHENTICATE (assumed) */
	SSCARDI_KEY_PUK,            /* before PIN reload / unblock */
	SSCARDI_KEY_PINRELOAD,      /* enciphers and MACs the reload */
	SSCARDI_KEY_COUNT
};

struct sscardi_keyref {
	uint8_t usage;              /* PSAM key usage: bits 8-6 the levels */
	uint8_t index;              /* PSAM key index */
	uint8_t card_id;            /* EXTERNAL AUTHENTICATE P2; 0: none */
};

SSCARDI_HIDDEN extern const char *const sscardi_key_names[SSCARDI_KEY_COUNT];

struct sscardi_region {
	char name[64];
	uint16_t df_fid;            /* under SSSE, or by AID when df_aid_len */
	uint8_t df_aid[16];
	size_t df_aid_len;
	uint16_t ef_fid;
	struct sscardi_field balance, category, updated;
	int access;                 /* enum sscardi_access */
	struct sscardi_keyref keys[SSCARDI_KEY_COUNT];
};

extern const struct sscardi_region sscardi_region_default
	__attribute__((visibility("hidden")));

/* How the card takes READ RECORD for one EF (learned per session). */
enum sscardi_read_mode {
	SSCARDI_READ_SFI_TAG = 0,   /* 00 B2 tag (SFI<<3) : no SELECT */
	SSCARDI_READ_EF_TAG,        /* SELECT EF, 00 B2 tag 00 */
	SSCARDI_READ_EF_RECNO       /* SELECT EF, 00 B2 n 04, tag checked */
};

#define SSCARDI_TRACK_MAX 16
#define SSCARDI_QUEUE_MAX 64

struct sscardi_tracked {
	char name[128];
	uint32_t state;             /* SSCARDI_SLOT_* last seen */
};

#define SSCARDI_GUARDED_MAX 16

struct sscard_ctx {
	pthread_t owner;
	pthread_mutex_t lock;       /* the two below, against sscard_cancel */
	int cancel_requested;
	int waiting;                /* in sscard_wait_event */
	unsigned ncards;            /* cards open on this context */
	struct sscard *cards;       /* them, for sscard_ctx_free to find
				     * the ones other threads let go */
	void (*free_abandoned)(struct sscard_ctx *ctx); /* card.c's */

	/* events.c */
	int watching;               /* readers below are the baseline */
	struct sscardi_tracked tracked[SSCARDI_TRACK_MAX];
	size_t ntracked;
	uint32_t pnp_state;
	struct sscard_event queue[SSCARDI_QUEUE_MAX];
	size_t qhead, qlen;

	int log_level;
	sscard_log_fn log_fn;
	void *log_user;
	const struct sscardi_backend *backend;
	void *backend_state;        /* the backend's, for this context */
	iconv_t gb18030;            /* sscardi_ctx_gb18030's */
	struct sscardi_region region;
	int gone_wait_ms;           /* how long a failed exchange waits for
				     * the daemon to report a removal */
	/* guarded.c: identification codes of cards whose holder file
	 * wanted terminal authentication */
	char guarded[SSCARDI_GUARDED_MAX][33];
	size_t guarded_next;
};

/*
 * A channel to one slot: the card, or a PSAM.  Transport state only; what
 * the card has selected belongs to the session (struct sscard).
 */
struct sscardi_chan {
	sscard_ctx *ctx;
	const struct sscardi_transport_ops *ops;
	void *io;
	char reader[128];
	unsigned char atr[33];
	size_t atr_len;

	unsigned last_sw;
	unsigned long last_pcsc;
	struct sscard_stats stats;

	int need_reconnect;         /* transport lost: reconnect first */
	unsigned resets;            /* bumped whenever the card was reset,
				     * removed or reconnected: sessions on it
				     * forget what it had selected */
	unsigned long secrets_sent; /* PIN commands handed to the transport */
	int pin_used;               /* a PIN command went out on this channel
				     * (it may have verified a PIN): only a
				     * reset of the card clears it, and
				     * disconnect resets the card when set */

	int secret_next;            /* the next command carries a secret
				     * (set by its caller; cleared by it) */
	int pass_status_next;       /* the next exchange is one: 61xx and
				     * 6Cxx go up as the card sent them */
	int app_selected;           /* a bare channel's application (the
				     * PSAM's DF01) is selected: cleared at
				     * each transaction's start */

	/* PC/SC part 10 PIN pad ioctls, 0 when absent */
	int pinpad_probed;
	uint32_t ioctl_verify;
	uint32_t ioctl_modify;
};

/* A key source (keys.c); the protocol is auth.c. */
struct sscard_keys {
	sscard_ctx *ctx;
	int kind;                   /* SSCARD_KEYS_* */
	unsigned users;             /* cards using it */
	struct {                    /* SSCARD_KEYS_FILE */
		int present;
		int alg;
		uint8_t key[16];
	} file[SSCARDI_KEY_COUNT];
	struct sscardi_chan psam;   /* SSCARD_KEYS_PSAM */
	char terminal[13];
	sscard_hsm_fn hsm;          /* SSCARD_KEYS_HSM */
	void *hsm_user;
	unsigned flags;             /* SSCARD_KEYS_CONFIRM_LAST_TRY */
};

/* The social-security session on a card's channel. */
/* memo.c: the last complete answers, while the insertion is the same */
struct sscardi_memo {
	unsigned resets;            /* chan.resets when taken */
	char id_code[33];           /* the card's, when taken */
	int has_auth;               /* the card proved itself genuine */
	struct sscard_auth auth;
	int has_basic;
	struct sscard_basic basic;
	unsigned char *photo;       /* NULL: none */
	size_t photo_len;
};

struct sscard {
	struct sscardi_chan chan;
	unsigned resets_seen;       /* chan.resets when the state below was
				     * last known good */
	sscard_keys *keys;          /* terminal keys, NULL without */
	/* terminal authentication, for the reads that meet 6982: a hook
	 * (auth.c's sscardi_unlock), so the session layer never calls up */
	int (*unlock)(sscard *card, enum sscardi_key key);
	unsigned authed;            /* keys authenticated in this operation */
	int auth_err[SSCARDI_KEY_COUNT]; /* how each of those ended */
	unsigned refused;           /* keys the card asked for (6982) in
				     * this operation */
	unsigned opened;            /* keys the card accepted since its DF
				     * was last selected */
	char id_code[33];           /* card identification code, when read */
	int key_tries;              /* the last key guard's verdict: tries
				     * left on the card's key, -1 unknown */

	/* what the card has selected; forgotten on reset */
	int app;
	uint16_t ef;                /* FID of the current EF, 0 if none */
	int pin_verified;           /* the SSSE PIN is verified now, as far
				     * as we know (forgotten with the
				     * selection) */
	int algorithm;
	int read_mode[2];           /* for SSSE EF05, EF06 */
	uint16_t medical_df;        /* FID of the medical DF when app MEDICAL */
	uint8_t bank_aid[16];       /* financial application chosen, if any */
	size_t bank_aid_len;

	struct sscardi_memo memo;
	struct sscard *next;        /* in ctx->cards */
	int abandoned;              /* let go by another thread (atomic):
				     * reset, freed by sscard_ctx_free */
};

/* ---- log.c ---- */
void sscardi_log(const sscard_ctx *ctx, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), visibility("hidden")));
SSCARDI_HIDDEN void sscardi_log_init(sscard_ctx *ctx);
/* One trace line: the command (resp NULL) or its answer (with SW).
 * flags: SSCARDI_TRACE_SECRET, the command's data is a secret (shown as
 * **); SSCARDI_TRACE_PIECE, the answer is a GET RESPONSE piece after the
 * first. */
#define SSCARDI_TRACE_SECRET 0x1
#define SSCARDI_TRACE_PIECE 0x2
SSCARDI_HIDDEN void sscardi_log_apdu(const sscard_ctx *ctx,
				     const uint8_t *cmd, size_t cmd_len,
				     const uint8_t *resp, size_t resp_len,
				     unsigned flags);

/* ---- context / card ---- */
SSCARDI_HIDDEN int sscardi_owner_ok(const sscard_ctx *ctx);
/* The context's GB18030 to UTF-8 converter, (iconv_t)-1 if it cannot be
 * had. */
SSCARDI_HIDDEN iconv_t sscardi_ctx_gb18030(sscard_ctx *ctx);
/* Create a card on an already connected transport (for tests and the
 * virtual card: the transport owns io, disconnect releases it). */
SSCARDI_HIDDEN int sscardi_card_open(sscard_ctx *ctx,
				     const struct sscardi_transport_ops *ops,
				     void *io, const char *reader,
				     sscard **card);

/* ---- transport.c: one channel ---- */

/* Open a channel on a connected transport (io is the transport's, and
 * sscardi_chan_close releases it).  Returns 0 or an error; on error io
 * is released. */
SSCARDI_HIDDEN int sscardi_chan_open(struct sscardi_chan *ch, sscard_ctx *ctx,
				     const struct sscardi_transport_ops *ops,
				     void *io, const char *reader);
SSCARDI_HIDDEN void sscardi_chan_close(struct sscardi_chan *ch);
/* Reset the card in the channel's slot (SSCARDI_RESET_WARM or _COLD); the
 * new ATR is the channel's. */
SSCARDI_HIDDEN int sscardi_chan_reset(struct sscardi_chan *ch, int how);
/* Close the channel with the card powered down. */
SSCARDI_HIDDEN void sscardi_chan_power_off(struct sscardi_chan *ch);
/* One status query, no APDU: 1 when the channel's card was neither reset
 * nor removed since it was last seen (what the query reports is handled
 * as a transmit's failure would be), else 0. */
SSCARDI_HIDDEN int sscardi_chan_unchanged(struct sscardi_chan *ch);

/* ---- guarded.c ---- */
SSCARDI_HIDDEN int sscardi_holder_guarded(const sscard_ctx *ctx,
					  const char *id_code);
SSCARDI_HIDDEN void sscardi_holder_guarded_note(sscard_ctx *ctx,
						const char *id_code);

/* ---- card.c ---- */
/* the cards other threads disconnected, freed by the owner */
SSCARDI_HIDDEN void sscardi_free_abandoned(sscard_ctx *ctx);

/* ---- memo.c (keeping), memo_confirm.c (answering, once the card
 * confirmed it is the same) ---- */
SSCARDI_HIDDEN void sscardi_memo_drop(sscard *card);
SSCARDI_HIDDEN int sscardi_memo_auth_get(sscard *card,
					 struct sscard_auth *auth);
SSCARDI_HIDDEN void sscardi_memo_auth_put(sscard *card,
					  const struct sscard_auth *auth);
SSCARDI_HIDDEN int sscardi_memo_basic_get(sscard *card,
					  struct sscard_basic *info);
SSCARDI_HIDDEN void sscardi_memo_basic_put(sscard *card,
					   const struct sscard_basic *info);
SSCARDI_HIDDEN int sscardi_memo_photo_get(sscard *card, unsigned char **jpeg,
					  size_t *len);
SSCARDI_HIDDEN void sscardi_memo_photo_put(sscard *card,
					   const unsigned char *jpeg,
					   size_t len);

/*
 * One exchange, with 61xx / 6Cxx resolved: resp receives data + SW,
 * *sw the final status word.  Returns 0 when the card answered (whatever
 * the SW), or the mapped transport error.
 */
SSCARDI_HIDDEN int sscardi_xfer(struct sscardi_chan *ch, const uint8_t *cmd,
				size_t cmd_len, uint8_t *resp,
				size_t *resp_len, uint16_t *sw);
/* Build and exchange; the data (without SW) lands in resp (resp NULL:
 * dropped; otherwise *resp_len is in: size, out: length). */
SSCARDI_HIDDEN int sscardi_cmd(struct sscardi_chan *ch, uint8_t cla,
			       uint8_t ins, uint8_t p1, uint8_t p2,
			       const uint8_t *data, size_t data_len, int le,
			       uint8_t *resp, size_t *resp_len, uint16_t *sw);
/* SCardControl through the transport: its failures are handled like a
 * transmit's.  secret: a PIN-pad command, counted as a PIN command sent
 * before it goes.  Returns 0 or an error; *out_len is in: size, out:
 * length. */
SSCARDI_HIDDEN int sscardi_control(struct sscardi_chan *ch, uint32_t code,
				   const uint8_t *in, size_t in_len,
				   uint8_t *out, size_t *out_len, int secret);
/* The channel's transaction; begin reconnects after a reset and reports
 * SSCARD_E_CARD_RESET (the channel's resets counter moves). */
SSCARDI_HIDDEN int sscardi_begin(struct sscardi_chan *ch);
SSCARDI_HIDDEN void sscardi_end(struct sscardi_chan *ch);

/* ---- run.c: public operations on a session ---- */

/* Forget what the card had selected (after a reset, or a raw command). */
SSCARDI_HIDDEN void sscardi_card_forget(sscard *card);

/* Run fn in a transaction on the card's channel; with a PSAM channel (the
 * next issue's key source) in transactions on both, the PSAM's first and
 * released last.  The policy says when a reset is worth running again. */
typedef int (*sscardi_op_fn)(sscard *card, void *arg);
enum sscardi_retry {
	SSCARDI_RETRY_READ,         /* reads: again after a reset */
	SSCARDI_RETRY_NO_SECRET,    /* PIN: again only if no PIN command left */
	SSCARDI_RETRY_NOTHING_SENT  /* raw commands: again only if nothing
				     * was sent */
};
SSCARDI_HIDDEN int sscardi_run(sscard *card, struct sscardi_chan *psam,
			       sscardi_op_fn fn, void *arg,
			       enum sscardi_retry policy);
/* The card answered 6982 where key protects: with a key source,
 * authenticate (once an operation) and return 0 to send the refused
 * command again; without, SSCARD_E_AUTH_REQUIRED; or the authentication's
 * error. */
SSCARDI_HIDDEN int sscardi_denied(sscard *card, enum sscardi_key key);
/* Authenticate with key before the command it guards, where the card is
 * known to want it (lib/card.md "Authenticate first"): no refused command.
 * Nothing when the card accepted the key since its DF was selected.  The
 * key's verdict is kept for sscardi_denied to give if the card refuses
 * after all, and 0 returned: the command itself still goes (a card
 * without that key, or one that does not guard the file, answers it).
 * An error of the card's channel (reset, removed, mute...) is returned. */
SSCARDI_HIDDEN int sscardi_unlock_first(sscard *card, enum sscardi_key key);
/* What a file's 6982 asks for: sscardi_denied for its key, or a rule of
 * its own (the medical area may want the PIN first). */
typedef int (*sscardi_unlock_fn)(sscard *card);
/* sscardi_cmd on the card, where each 6982 runs unlock and the same
 * command goes again; unlock refuses a second time for the same key, so
 * this ends. */
SSCARDI_HIDDEN int sscardi_cmd_unlock(sscard *card, sscardi_unlock_fn unlock,
				      uint8_t ins, uint8_t p1, uint8_t p2,
				      const uint8_t *data, size_t data_len,
				      int le, uint8_t *resp, size_t *resp_len,
				      uint16_t *sw);

/* ---- record.c: the records of the SSSE and medical files ---- */

#define SSCARDI_RECS_MAX 32         /* records looked at per EF */

enum sscardi_record {
	SSCARDI_RECORD_END = 0,     /* no more records */
	SSCARDI_RECORD_GOT = 1,     /* a record in rec (SW 9000 or 6282) */
	SSCARDI_RECORD_REFUSED = 2  /* another SW, in *sw */
};
/* The next record of the current EF by number (*recno: the last one read,
 * 0 to start), each 6982 through unlock.  rec holds 256 bytes.  Returns
 * an enum sscardi_record or an error. */
SSCARDI_HIDDEN int sscardi_record_next(sscard *card, sscardi_unlock_fn unlock,
				       int *recno, uint8_t rec[256],
				       size_t *len, uint16_t *sw);
/* The record that begins with tag, read by its identifier (P2 as the
 * caller's read form gives it; Le the value's length + 2).  Returns 0
 * with the card's answer in rec and *sw, or an error. */
SSCARDI_HIDDEN int sscardi_record_by_tag(sscard *card, sscardi_unlock_fn unlock,
					 uint8_t tag, uint8_t p2, size_t vlen,
					 uint8_t *rec, size_t *len,
					 uint16_t *sw);
SSCARDI_HIDDEN int sscardi_run_read(sscard *card, sscardi_op_fn fn,
				    void *arg);
SSCARDI_HIDDEN int sscardi_run_pin(sscard *card, sscardi_op_fn fn, void *arg);
SSCARDI_HIDDEN int sscardi_run_once(sscard *card, sscardi_op_fn fn,
				    void *arg);

/* ---- crypto.c (OpenSSL; lib/card.md "Key derivation") ---- */
/* 8 for 3DES, 16 for SM4 and SSF33 (the PSAM's block), 0 unknown. */
SSCARDI_HIDDEN size_t sscardi_block_size(int alg);
/* A 16-byte block folded to 8: left half XOR right half. */
SSCARDI_HIDDEN void sscardi_fold(const uint8_t x[16], uint8_t out[8]);
/* The 4 MAC bytes of a CBC-MAC's last block: 3DES its leftmost 4, 16-byte
 * algorithms the XOR of its four 4-byte pieces. */
SSCARDI_HIDDEN void sscardi_mac_fold(int alg, const uint8_t *last_block,
				     uint8_t mac[4]);
/* ECB with a 16-byte key; len a multiple of the block size.  SM4 and 3DES
 * only: SSF33 is for a PSAM or an HSM (SSCARD_E_NOT_SUPPORTED). */
SSCARDI_HIDDEN int sscardi_encrypt(int alg, const uint8_t key[16],
				   const uint8_t *in, size_t len, uint8_t *out);
/* Single DES (3DES with K || K). */
SSCARDI_HIDDEN int sscardi_des(const uint8_t key[8], const uint8_t in[8],
			       uint8_t out[8]);
/* levels factors of 8 bytes, card first (as the PSAM takes them). */
SSCARDI_HIDDEN int sscardi_diversify(int alg, const uint8_t key[16],
				     const uint8_t *factors, int levels,
				     uint8_t dk[16]);
/* Session key from an 8-byte challenge: 3DES E_DK(R), 8 bytes (single
 * DES); SM4 E_DK(R || 00 x 8). */
SSCARDI_HIDDEN int sscardi_session_key(int alg, const uint8_t dk[16],
				       const uint8_t r[8], uint8_t sk[16]);
/* The 8 authentication bytes of data under a session key: 3DES DES_SK;
 * SM4 fold(E_SK(data || 00 x 8)).  EXTERNAL AUTHENTICATE's C and the
 * INTERNAL AUTHENTICATE answer. */
SSCARDI_HIDDEN int sscardi_session_encrypt(int alg, const uint8_t sk[16],
					   const uint8_t data[8],
					   uint8_t out[8]);
/* Whole blocks under a session key (3DES: single DES), ECB. */
SSCARDI_HIDDEN int sscardi_session_ecb(int alg, const uint8_t sk[16],
				       const uint8_t *in, size_t len,
				       uint8_t *out);
/* CBC-MAC under a session key, IV zero, over whole blocks (the caller
 * pads: ISO 9797-1 method 2).  mac gets the last block (sscardi_mac_fold
 * makes the 4 bytes a command carries). */
SSCARDI_HIDDEN int sscardi_session_mac(int alg, const uint8_t sk[16],
				       const uint8_t *data, size_t len,
				       uint8_t *mac);
/* ISO/IEC 9797-1 MAC algorithm 1, single DES, padding method 1. */
SSCARDI_HIDDEN int sscardi_cbc_mac_des(const uint8_t key[8],
				       const uint8_t *data, size_t len,
				       uint8_t mac[8]);
SSCARDI_HIDDEN int sscardi_random(uint8_t *buf, size_t len);

/* ---- auth.c ---- */
/* card->unlock: see sscardi_denied */
SSCARDI_HIDDEN int sscardi_unlock(sscard *card, enum sscardi_key key);
/* The card identification code (key factors), read when not yet known:
 * SSSE must be the selected application. */
SSCARDI_HIDDEN int sscardi_learn_id(sscard *card);
/* The card identification code (32 hex digits), read now; SSSE selected. */
SSCARDI_HIDDEN int sscardi_read_id(sscard *card, char id[33]);
/* The pieces reload.c shares: factors and algorithm ready; EXTERNAL
 * AUTHENTICATE with key (GET CHALLENGE included); a PSAM session key
 * (BF DE) from factors and seed and encipherment under it (80 FA, p1 00
 * encipher, 05 MAC); the same session key from a key file. */
SSCARDI_HIDDEN int sscardi_auth_prepare(sscard *card, uint8_t factors[24]);
SSCARDI_HIDDEN int sscardi_external(sscard *card, enum sscardi_key key);
/* EXTERNAL AUTHENTICATE of a C || P the caller has (an HSM's). */
/* GET CHALLENGE: the 8 bytes the next EXTERNAL AUTHENTICATE answers */
SSCARDI_HIDDEN int sscardi_get_challenge(sscard *card, uint8_t r[8]);
SSCARDI_HIDDEN int sscardi_external_send(sscard *card, enum sscardi_key key,
					 const uint8_t cp[16]);
/* The key source holds key for the card's algorithm and the key guard
 * lets it be tried: 0, SSCARD_E_NO_KEY or the guard's error; *issuer (may
 * be NULL) as sscardi_key_guard_check gives it. */
SSCARDI_HIDDEN int sscardi_key_usable(sscard *card, enum sscardi_key key,
				      int *issuer);
/* The HSM: "region|ATR historical bytes|card identification code|" for a
 * request; the callback's answer as want bytes of hex (a final '|' and a
 * newline allowed). */
SSCARDI_HIDDEN int sscardi_hsm_card_info(const sscard *card, char *out,
					 size_t size);
SSCARDI_HIDDEN int sscardi_hsm_ask(sscard *card, enum sscardi_key key,
				   const char *request, uint8_t *out,
				   size_t want);
SSCARDI_HIDDEN int sscardi_psam_session(sscard *card,
					const struct sscardi_keyref *ref,
					const uint8_t *factors,
					const uint8_t seed[8]);
SSCARDI_HIDDEN int sscardi_psam_encipher(sscard *card, uint8_t p1,
					 const uint8_t *data, size_t len,
					 uint8_t *out, size_t *out_len);
SSCARDI_HIDDEN int sscardi_file_session(sscard *card, enum sscardi_key key,
					const uint8_t *factors,
					const uint8_t seed[8], uint8_t sk[16]);
/* The PSAM channel for card's operations, NULL without a PSAM. */
SSCARDI_HIDDEN struct sscardi_chan *sscardi_psam_of(sscard *card);

/* ---- keyguard.c: what the card said of the terminal keys ---- */
/* Before anything is asked of the key source or the card for key:
 * SSCARD_E_KEY_WRONG when this source was refused by this card before,
 * SSCARD_E_KEY_LOCKED when the card said the key is locked,
 * SSCARD_E_KEY_LAST_TRY when one try is left and the keys do not confirm;
 * 0 otherwise, and (issuer not NULL) whether the source has served the
 * card's issuer, SSCARDI_ISSUER_* below, from the same look at the store.
 * The card identification code must be known. */
SSCARDI_HIDDEN int sscardi_key_guard_check(sscard *card, enum sscardi_key key,
					   int *issuer);
/* The card's answer to EXTERNAL AUTHENTICATE with key (9000, 63Cx, 6983). */
SSCARDI_HIDDEN void sscardi_key_guard_note(sscard *card, enum sscardi_key key,
					   uint16_t sw);
/* The source's standing with the card's issuer */
#define SSCARDI_ISSUER_UNKNOWN 0
#define SSCARDI_ISSUER_PROVEN 1     /* it served it, or proved itself */
#define SSCARDI_ISSUER_NO_STORE 2   /* unknown, and no store to keep it */
/* Internal authentication said the source is (proven 1) or is not the
 * issuer's; not: key is never tried on this card. */
SSCARDI_HIDDEN void sscardi_key_issuer_note(sscard *card,
					    enum sscardi_key key, int proven);
/* What identifies a key source (a key file's content, the PSAM's
 * terminal number and ATR, "an HSM"), as a digest. */
SSCARDI_HIDDEN int sscardi_keys_fingerprint(const sscard_keys *keys,
					    uint8_t out[32]);

/* ---- guardstore.c: the key guard's store for the whole host ---- */
#define SSCARDI_GUARD_DIGEST 32
enum { SSCARDI_GUARD_CARD = 1, SSCARDI_GUARD_ISSUER = 2 };
struct sscardi_guard_rec {
	int kind;                   /* SSCARDI_GUARD_* */
	uint8_t subject[SSCARDI_GUARD_DIGEST]; /* card and key, or issuer */
	uint8_t source[SSCARDI_GUARD_DIGEST];  /* the key source */
	int tries;                  /* CARD: left, as the card said; -1 */
	int failed;                 /* CARD: the card refused the source */
};
/* One line of the store: 0, or -1 for a line that is not a record. */
SSCARDI_HIDDEN int sscardi_guard_parse_line(const char *line,
					    struct sscardi_guard_rec *rec);
typedef void (*sscardi_guard_merge_fn)(const struct sscardi_guard_rec *rec,
				       void *arg);
#define SSCARDI_GUARD_MEMORY (-2)   /* no file, by the caller's choice */
#define SSCARDI_GUARD_NO_STORE (-3) /* no store could be had */
/* The store locked for this process's change: a descriptor to give to
 * _end, or SSCARDI_GUARD_MEMORY / _NO_STORE.  The caller serialises the
 * threads. */
SSCARDI_HIDDEN int sscardi_guard_store_begin(void);
SSCARDI_HIDDEN void sscardi_guard_store_end(int fd);
SSCARDI_HIDDEN void sscardi_guard_store_load(sscardi_guard_merge_fn merge,
					     void *arg);
SSCARDI_HIDDEN int sscardi_guard_store_save(
	const struct sscardi_guard_rec *recs, size_t n);
/* sscard_key_guard_file's choice; sscard_key_guard_store's answer. */
SSCARDI_HIDDEN int sscardi_guard_store_set(const char *path);
SSCARDI_HIDDEN int sscardi_guard_store_where(char *out, size_t size);

/* ---- file.c ---- */
/* A configuration file for reading: a regular file, or NULL with errno
 * (EINVAL: not a regular file). */
SSCARDI_HIDDEN FILE *sscardi_open_config(const char *path);
#define SSCARDI_LINE_EOF (-1)
#define SSCARDI_LINE_TOO_LONG (-2)
#define SSCARDI_LINE_NUL (-3)
/* The next line (without "\n" / "\r\n") into line[size]: 0, or one of
 * the SSCARDI_LINE_* codes.  Always NUL-terminated. */
SSCARDI_HIDDEN int sscardi_config_line(FILE *f, char *line, size_t size);
/* A "key = value   # words" line split in place: 1 with *key and *value
 * trimmed (a '#' after a blank starts a comment), 0 for a blank or
 * comment line, -1 for a line without '='. */
SSCARDI_HIDDEN int sscardi_config_pair(char *line, char **key, char **value);

/* Load and check a region profile file; "file:line: reason" in err. */
SSCARDI_HIDDEN int sscardi_region_load(const char *path,
				       struct sscardi_region *out, char *err,
				       size_t err_len);

/* ---- ssse.c ---- */
SSCARDI_HIDDEN int sscardi_select_ssse(sscard *card);
/* SELECT SSSE even when we think it is selected: PIN commands (another
 * application may have selected something else since). */
SSCARDI_HIDDEN int sscardi_select_ssse_again(sscard *card);
SSCARDI_HIDDEN int sscardi_select_ef(sscard *card, uint16_t fid);
/* The card number (EF05 tag 07, 9 characters), read now; SSSE selected. */
SSCARDI_HIDDEN int sscardi_read_number(sscard *card, char number[16]);

/* card.c, keys.c: the current sscard_get_stats / sscard_keys_get_stats,
 * exported by abi.c under their symbol versions */
SSCARDI_HIDDEN void sscardi_get_stats(const sscard *card,
				      struct sscard_stats *stats);
SSCARDI_HIDDEN void sscardi_keys_get_stats(const sscard_keys *keys,
					   struct sscard_stats *stats);

/* err.c: sscard_strerror's text, for the library's own log lines */
SSCARDI_HIDDEN const char *sscardi_strerror(int err);

/* readers.c: the readers and their states, for callers that checked the
 * context (sscard_list_readers) */
SSCARDI_HIDDEN int sscardi_list_readers(sscard_ctx *ctx,
					struct sscard_reader *readers,
					size_t max, size_t *count);

#endif
