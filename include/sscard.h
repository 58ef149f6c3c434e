/*
 * libsscard - read China's second-generation social security card through
 * PC/SC readers.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Threading: a sscard_ctx owns one PC/SC context, and pcsc-lite wants one
 * context per thread.  A context and every card opened from it belong to the
 * thread that created the context; a call made from another thread fails
 * with SSCARD_E_WRONG_THREAD and touches nothing.  Use one context per
 * thread.
 *
 * Errors: every function that can fail returns an int, 0 on success or a
 * negative enum sscard_err.  sscard_strerror() describes any value.
 *
 * Growth (the ABI of libsscard.so.0): results are plain structs the caller
 * allocates, so their size is part of the ABI.  Each result struct ends in
 * reserved bytes that the library zeroes; a field added later is carved
 * from them, so the size of every struct stays what a program was built
 * with, and an old program keeps working with a newer libsscard.so.0.  We
 * chose this over size-tagged structs (a caller that forgets the size tag
 * breaks) and accessors (dozens of functions for plain data).  Exported
 * functions carry the symbol version LIBSSCARD_0; new ones get a new
 * version node.  Enum values are never renumbered.
 */
#ifndef SSCARD_H
#define SSCARD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(SSCARD_BUILDING) && defined(__GNUC__)
#define SSCARD_EXPORT __attribute__((visibility("default")))
#else
#define SSCARD_EXPORT
#endif

/*
 * API version, raised whenever a function, structure field or error code is
 * added.  History:
 *   1  contexts, readers, connect, raw transmit, errors, logging
 *   2  sscard_read_basic(), sscard_read_photo()
 *   3  PIN status, verify and change
 *   4  region profiles, sscard_medical_read(), sscard_format_yuan()
 *   5  sscard_read_bank()
 *   6  sscard_usb_list(), sscard_pcsc_probe() (reader diagnostics)
 *   7  sscard_wait_event(), sscard_cancel()
 *   8  terminal authentication: sscard_keys_from_psam / _hsm / _file,
 *      sscard_pin_unblock(), sscard_pin_reload(), SSCARD_PIN_INITIAL,
 *      sscard_use_keys(), sscard_authenticate(), their errors;
 *      SSCARD_E_PIN_TRIES_UNKNOWN, SSCARD_LOG_APDU_FULL,
 *      sscard_apdu_is_pin_command(); sscard_basic.holder_sw and
 *      .error_field, and sscard_read_basic() returns the holder part's
 *      error; reserved space at the end of every result struct; symbol
 *      version LIBSSCARD_0
 *   9  0.5: the key guard (sscard_keys_set_flags(),
 *      sscard_keys_forget_failures(), sscard_key_tries(),
 *      sscard_key_guard_file(), SSCARD_E_KEY_LAST_TRY)
 *  10  0.6: sscard_error_name(), sscard_forget(), sscard_layout()
 *  11  0.7: the host's key-guard store, sscard_key_guard_store(),
 *      SSCARD_E_NO_KEY_STORE; a remembered answer confirmed by the card;
 *      sscard_disconnect() from any thread
 *  12  0.7: raw access for other card APIs: sscard_transmit_flags(),
 *      sscard_reset(), sscard_power_off(); sscard_strerror_lang()
 */
#define SSCARD_API_VERSION 12

/* Library version string, e.g. "0.4.0". */
SSCARD_EXPORT const char *sscard_version(void);

enum sscard_err {
	SSCARD_OK = 0,

	/* -1 .. -19: PC/SC service and readers */
	SSCARD_E_NO_SERVICE = -1,    /* pcscd not running or not reachable */
	SSCARD_E_NO_READER = -2,     /* no reader, or no reader by that name */
	SSCARD_E_NO_CARD = -3,	     /* no card in the reader */
	SSCARD_E_SHARING = -4,	     /* another application holds the card */
	SSCARD_E_TIMEOUT = -5,	     /* waited too long */
	SSCARD_E_ACCESS_DENIED = -6, /* pcscd refused us (polkit) */
	SSCARD_E_READER = -7,	     /* other reader / PC/SC failure */
	SSCARD_E_CANCELLED = -8,     /* the wait was cancelled */

	/* -20 .. -49: card and protocol */
	SSCARD_E_CARD_REMOVED = -20, /* the card was taken out */
	SSCARD_E_CARD_RESET = -21,   /* the card was reset by someone else */
	SSCARD_E_CARD_MUTE = -22,    /* the card did not answer */
	SSCARD_E_PROTOCOL = -23,     /* malformed or looping response */
	SSCARD_E_CARD_DATA = -24,    /* a field on the card is malformed */
	SSCARD_E_NOT_SSCARD = -25,   /* no social security application */
	SSCARD_E_APP_BLOCKED = -26,  /* application blocked (loss report) */
	SSCARD_E_NOT_FOUND = -27,    /* file or record not on the card */
	SSCARD_E_AUTH_REQUIRED =
		-28,		    /* terminal (PSAM) authentication needed */
	SSCARD_E_NO_DATA = -29,	    /* the card holds no such data */
	SSCARD_E_NO_APP = -30,	    /* the card has no such application */
	SSCARD_E_CARD_STATUS = -31, /* the card answered an unexpected SW */
	SSCARD_E_NOT_SUPPORTED =
		-32,		     /* the card does not support the command */
	SSCARD_E_NO_PSAM = -33,	     /* no PSAM in any reader (or that one) */
	SSCARD_E_NO_KEY = -34,	     /* the key source lacks this key, or
				      * this card's algorithm */
	SSCARD_E_KEY_WRONG = -35,    /* the terminal's key does not fit
				      * this card (63Cx), or did before and
				      * was not sent again: see
				      * sscard_key_tries() */
	SSCARD_E_KEY_LOCKED = -36,   /* the card's key is locked (6983) */
	SSCARD_E_NOT_GENUINE = -37,  /* internal authentication failed */
	SSCARD_E_PSAM_REMOVED = -38, /* the PSAM went during the operation */
	SSCARD_E_HSM = -39,	     /* the HSM failed or answered garbage */
	SSCARD_E_CARD_MISMATCH = -40, /* not the card the counter named */
	SSCARD_E_MAC_REFUSED = -41,   /* the card refused the command's MAC */
	SSCARD_E_KEY_LAST_TRY =
		-42, /* one try left on the card's terminal
		      * key: nothing sent; the caller must
		      * confirm (SSCARD_KEYS_CONFIRM_LAST_TRY) */
	SSCARD_E_NO_KEY_STORE =
		-43, /* no key-guard store can be written, and
		      * the key source has not proven itself on
		      * this card's issuer: nothing sent */

	/* -50 .. -69: PIN */
	SSCARD_E_PIN_WRONG = -50,      /* wrong PIN; tries left reported */
	SSCARD_E_PIN_LOCKED = -51,     /* PIN blocked: service counter */
	SSCARD_E_PIN_FORMAT = -52,     /* PIN not 4..12 digits; nothing sent */
	SSCARD_E_PIN_REQUIRED = -53,   /* verify the PIN first */
	SSCARD_E_PIN_LAST_TRY = -54,   /* one try left; caller must confirm */
	SSCARD_E_PIN_UNUSABLE = -55,   /* reference data invalidated (6984) */
	SSCARD_E_PINPAD_TIMEOUT = -56, /* nobody typed on the PIN pad */
	SSCARD_E_PINPAD_CANCELLED = -57,  /* cancel pressed on the PIN pad */
	SSCARD_E_PIN_TRIES_UNKNOWN = -58, /* the card does not tell the tries
					   * left: this may be the last one;
					   * caller must confirm */
	SSCARD_E_PIN_INITIAL = -59,	  /* 123456 as a reloaded PIN: only at
					   * the holder's request */

	/* -70 .. -89: usage */
	SSCARD_E_INVALID_ARG = -70,	 /* bad argument */
	SSCARD_E_BUFFER_TOO_SMALL = -71, /* output buffer too small */
	SSCARD_E_WRONG_THREAD = -72,	 /* handle used from another thread */
	SSCARD_E_PROFILE = -73, /* region profile unknown or malformed */
	SSCARD_E_KEYFILE = -74, /* key file unreadable, malformed, or
				 * readable by others */

	/* -90 .. -99: internal */
	SSCARD_E_NO_MEMORY = -90,
	SSCARD_E_INTERNAL = -91
};

/* English message for any value; "unknown error" for values not listed. */
SSCARD_EXPORT const char *sscard_strerror(int err);
/* The message in a language: lang "zh" (also "zh_CN", "zh-CN", "zh_CN.UTF-8")
 * gives the Chinese text, anything else the English one.  The one table
 * every door, tool and binding takes its texts from.  Since 0.7. */
SSCARD_EXPORT const char *sscard_strerror_lang(int err, const char *lang);
/* The value's name as this header spells it ("SSCARD_E_CARD_MUTE",
 * "SSCARD_OK"), for logs, metrics and bindings; "SSCARD_E_UNKNOWN" for
 * values not listed.  Since LIBSSCARD_0.6. */
SSCARD_EXPORT const char *sscard_error_name(int err);

/* The layout of a public struct in this library, for bindings that mirror
 * one (ctypes, JNA): "sscard_basic" gives sizeof(struct sscard_basic),
 * "sscard_basic.name" the offset of its field name; -1 for a name not
 * known.  Covers sscard_reader, _stats, _basic, _pin_info, _medical,
 * _bank, _auth and _event.  Since LIBSSCARD_0.6. */
SSCARD_EXPORT long sscard_layout(const char *name);

/* ---- logging ---------------------------------------------------------- */

enum sscard_log_level {
	SSCARD_LOG_NONE = 0,
	SSCARD_LOG_ERROR = 1,
	SSCARD_LOG_INFO = 2,
	SSCARD_LOG_APDU = 3,   /* every APDU; PIN data always redacted, and
				* personal data in answers (card
				* identification code and number, SSN, name,
				* birth date, photo, bank card number, track
				* 2, ID number) masked */
	SSCARD_LOG_APDU_FULL = 4 /* every APDU with personal data in full:
				  * an explicit opt-in for a lab; PIN data
				  * still redacted */
};

typedef void (*sscard_log_fn)(int level, const char *msg, void *user);

/*
 * The library is silent by default.  SSCARD_DEBUG=1..4 in the environment
 * (ignored in set-uid programs) logs to stderr at that level.  A callback
 * set here replaces stderr; fn == NULL restores the default.  Both apply to
 * contexts created afterwards and to the one passed (ctx may be NULL).
 */
typedef struct sscard_ctx sscard_ctx;
typedef struct sscard sscard;

SSCARD_EXPORT void sscard_set_log(sscard_ctx *ctx, int level,
				  sscard_log_fn fn, void *user);

/* ---- context and readers ---------------------------------------------- */

SSCARD_EXPORT int sscard_ctx_new(sscard_ctx **ctx);
/* Disconnect every card of ctx first: with a card still connected this
 * frees nothing and logs an error (the cards would point into freed
 * memory).  Likewise from another thread. */
SSCARD_EXPORT void sscard_ctx_free(sscard_ctx *ctx);

enum sscard_reader_state {
	SSCARD_READER_EMPTY = 0,
	SSCARD_READER_CARD = 1,	  /* a card is present */
	SSCARD_READER_IN_USE = 2, /* present and held exclusively by another */
	SSCARD_READER_MUTE = 3,	  /* present but it did not answer reset */
	SSCARD_READER_UNKNOWN = 4
};

struct sscard_reader {
	char name[128];
	int state;                  /* enum sscard_reader_state */
	unsigned char atr[33];
	size_t atr_len;
	unsigned char reserved[32];
};

/*
 * Fill up to max entries of readers[]; *count receives the number of
 * readers attached (which may exceed max).  No readers is success with
 * *count == 0.
 */
SSCARD_EXPORT int sscard_list_readers(sscard_ctx *ctx,
				      struct sscard_reader *readers,
				      size_t max, size_t *count);

/* Connect to a reader by exact name, or by index with sscard_connect_index.
 * reader == NULL picks the first reader whose card selects the social-
 * security application (a PSAM or another card in an earlier slot is
 * passed over; that SELECT is not repeated by the first read), else the
 * first reader holding a card. */
SSCARD_EXPORT int sscard_connect(sscard_ctx *ctx, const char *reader,
				 sscard **card);
SSCARD_EXPORT int sscard_connect_index(sscard_ctx *ctx, unsigned index,
				       sscard **card);
/* Lets the card go (reset when a PIN was used on it, so no verified PIN
 * outlives the handle).  From a thread other than the context's (a
 * garbage collector's, an executor's), the card is reset at once through
 * that thread's own connection to the service, after any transaction of
 * the owner's, and the handle, unusable from then on, is freed by
 * sscard_ctx_free() in the owner's thread.  Since 0.7. */
SSCARD_EXPORT void sscard_disconnect(sscard *card);
/* As sscard_disconnect, leaving the card powered down (PC/SC's
 * SCARD_UNPOWER_CARD; pcscd powers it down once no one else holds it).
 * Since 0.7. */
SSCARD_EXPORT void sscard_power_off(sscard *card);
/* Reset the card: SSCARD_RESET_WARM, or SSCARD_RESET_COLD (power down and
 * up).  atr (with *atr_len its size, out: the ATR's length) gets the new
 * ATR; both may be NULL.  Whatever the library remembered of the card, and
 * any verified PIN, is gone.  Since 0.7. */
#define SSCARD_RESET_WARM 1
#define SSCARD_RESET_COLD 2
SSCARD_EXPORT int sscard_reset(sscard *card, int how, unsigned char *atr,
			       size_t *atr_len);

/* Name of the reader the card is in, and its ATR. */
SSCARD_EXPORT const char *sscard_reader_name(const sscard *card);
SSCARD_EXPORT int sscard_atr(const sscard *card, unsigned char *atr,
			     size_t *atr_len);

/* Diagnostics: the last status word the card sent (0 before any), and the
 * last PC/SC return value (a LONG from winscard.h, as unsigned). */
SSCARD_EXPORT unsigned sscard_last_sw(const sscard *card);
SSCARD_EXPORT unsigned long sscard_last_pcsc(const sscard *card);

/* Per-card counters since connect, for benchmarks and --timing. */
/*
 * Growth: the struct keeps this size for as long as the SONAME is .so.0.
 * A counter added later takes the first reserved slot (a uint64_t) and is
 * documented here; the rest stay zero.  (Programs built against 0.4, whose
 * struct ended at usec, are given the 0.4 layout by its own symbol
 * version.)
 */
struct sscard_stats {
	unsigned long apdus;        /* C-APDUs sent, GET RESPONSE included */
	unsigned long bytes_out;    /* C-APDU bytes */
	unsigned long bytes_in;     /* R-APDU bytes, SW included */
	uint64_t usec;              /* time spent in transmit */
	uint64_t remembered;        /* reads answered from memory, 0 APDUs
				     * (0.6; 0 from an older library) */
	uint64_t mute;              /* exchanges the card, still in the
				     * reader, did not answer (0.6) */
	uint64_t pin_guarded;       /* PIN operations stopped before the PIN
				     * was sent: its last try, or tries the
				     * card does not tell (0.6) */
	uint64_t reserved[9];       /* zero */
};
SSCARD_EXPORT void sscard_get_stats(const sscard *card,
				    struct sscard_stats *stats);
SSCARD_EXPORT void sscard_reset_stats(sscard *card);

/*
 * Send one short command APDU (4..260 bytes) and receive the response with
 * its SW.  61xx and 6Cxx are resolved here as for every library command, so
 * resp holds the complete data and the final SW.  *resp_len is in: size of
 * resp, out: bytes written.  The trace redacts PIN commands.
 */
SSCARD_EXPORT int sscard_transmit(sscard *card, const unsigned char *cmd,
				  size_t cmd_len, unsigned char *resp,
				  size_t *resp_len);
/* As sscard_transmit; with SSCARD_TRANSMIT_PASS_STATUS one exchange only:
 * 61xx and 6Cxx come back as the card sent them (for APIs that leave them
 * to their caller).  Since 0.7. */
#define SSCARD_TRANSMIT_PASS_STATUS 0x1u
SSCARD_EXPORT int sscard_transmit_flags(sscard *card, const unsigned char *cmd,
					size_t cmd_len, unsigned char *resp,
					size_t *resp_len, unsigned flags);

/*
 * 1 if the command APDU is one that carries PIN material (VERIFY, CHANGE
 * REFERENCE DATA, RESET RETRY COUNTER, CHANGE PIN, PIN reload / unblock;
 * any class), else 0: the one list the trace redacts by, for programs
 * that refuse to send such commands raw.
 */
SSCARD_EXPORT int sscard_apdu_is_pin_command(const unsigned char *cmd,
					     size_t len);

/* ---- basic information (EF05 card data, EF06 holder data) ------------- */

#define SSCARD_ALG_UNKNOWN 0
#define SSCARD_ALG_3DES    1
#define SSCARD_ALG_SSF33   2
#define SSCARD_ALG_SM4     3

struct sscard_basic {
	/* the card (EF05); an empty string means the card has no such field */
	char id_code[33];       /* card identification code, 32 hex chars */
	char region[7];         /* issuing region: first 6 chars of id_code */
	char card_type[8];      /* e.g. "3" */
	char version[8];        /* "1.00", "2.00", "3.00" */
	char issuer[49];        /* initialising institution, hex */
	char issued[11];        /* YYYY-MM-DD */
	char expires[11];       /* YYYY-MM-DD */
	char number[16];        /* card number, 9 chars */
	int number_check_ok;    /* 1 if the check character is right */
	int test_card;          /* 1 if the number starts with "CON" */
	int expired;            /* 1 if expires is before today */
	int temporary;          /* 1 if valid for six months or less */
	int algorithm;          /* SSCARD_ALG_*, from the SELECT answer */

	/* the holder (EF06).  holder_status is 0 when read, or the error that
	 * kept it from being read (SSCARD_E_AUTH_REQUIRED on 3.0 cards that
	 * demand terminal authentication, SSCARD_E_CARD_DATA when a holder
	 * field is malformed); then every holder field below is empty and
	 * sscard_read_basic() returns that same error */
	int holder_status;
	unsigned holder_sw;     /* the card's status word for holder_status
				 * (e.g. 0x6982), 0 when it is not the card's */
	char ssn[19];           /* social security number (citizen ID) */
	char name[128];         /* UTF-8, name extension merged */
	char sex; /* '1' male, '2' female, '0', '9'; 0 if absent */
	char sex_en[16];        /* "male", ...  */
	char sex_zh[16];        /* "男", ... */
	int nation;             /* GB 3304 code, -1 if absent */
	char nation_en[32];
	char nation_zh[32];
	char birthplace[7];     /* region code, F padding removed */
	char birth_date[11];    /* YYYY-MM-DD */

	unsigned char atr[33];
	size_t atr_len;

	/* with SSCARD_E_CARD_DATA: the malformed field ("name", "ssn",
	 * "number", "issued", ... as in sscard-info's JSON), else "" */
	char error_field[16];

	unsigned char reserved[64];     /* see "Growth" at the top */
};

/*
 * Read the card and holder data.
 *  - 0: *info complete (an expired card is still 0, with expired = 1);
 *  - the holder part could not be had (SSCARD_E_AUTH_REQUIRED, or
 *    SSCARD_E_CARD_DATA for a malformed holder field): that error is
 *    returned, and info->holder_status holds it too.  The card part of
 *    *info is valid, the holder fields are empty: a caller that checks
 *    only the return value never takes it for a complete read;
 *  - any other error: *info is zeroed but for error_field.
 * A card reset during the read is retried once.
 */
SSCARD_EXPORT int sscard_read_basic(sscard *card, struct sscard_basic *info);

/*
 * The card still in the reader is read once.  A handle remembers the last
 * complete basic read (return 0) and the last photo, and answers the same
 * call again from memory, with no APDU, while pcscd proves in one status
 * query that the card was neither removed (even if put back) nor reset by
 * anyone since; struct sscard_stats counts these as remembered.  A new
 * handle starts with nothing remembered: pcscd tells a handle only of what
 * happened while it was open.  PIN state, the medical account, the bank
 * data and authentication results are always read afresh.
 * sscard_forget() drops what the handle remembers: the next read asks the
 * card (a clerk's "read again").  Since LIBSSCARD_0.6.
 */
SSCARD_EXPORT void sscard_forget(sscard *card);

/* Read the photo (EF08).  On success *jpeg is a library buffer holding a
 * complete JPEG (SOI..EOI); release it with sscard_free().  Most real cards
 * want terminal authentication first: SSCARD_E_AUTH_REQUIRED. */
SSCARD_EXPORT int sscard_read_photo(sscard *card, unsigned char **jpeg,
				    size_t *len);
SSCARD_EXPORT void sscard_free(void *ptr);

/* ---- PIN (SSSE) -------------------------------------------------------- */

enum sscard_pin_state {
	SSCARD_PIN_UNKNOWN = 0,   /* the card does not say */
	SSCARD_PIN_OK = 1,        /* not verified yet, tries left known */
	SSCARD_PIN_VERIFIED = 2,  /* verified in this session */
	SSCARD_PIN_LOCKED = 3
};

struct sscard_pin_info {
	int state;              /* enum sscard_pin_state */
	int tries_left;         /* -1 when unknown */
	unsigned char reserved[24];
};

/* Flags for verify / change. */
#define SSCARD_PIN_CONFIRM_LAST_TRY 0x1  /* the user was warned: one left */

/*
 * Tries left without spending one.  Never guesses: a card that cannot tell
 * gives SSCARD_PIN_UNKNOWN with tries_left -1.
 */
SSCARD_EXPORT int sscard_pin_status(sscard *card, struct sscard_pin_info *pin);

/*
 * pin: 4..12 ASCII digits, NUL-terminated; checked before any APDU.  The
 * library never keeps or logs it.  pin == NULL uses the reader's PIN pad
 * (SSCARD_E_INVALID_ARG without one).  *tries_left (may be NULL) receives
 * the count after a wrong PIN, or -1 when unknown.  Nothing is retried.
 */
SSCARD_EXPORT int sscard_pin_verify(sscard *card, const char *pin,
				    unsigned flags, int *tries_left);
SSCARD_EXPORT int sscard_pin_change(sscard *card, const char *old_pin,
				    const char *new_pin, unsigned flags,
				    int *tries_left);

/*
 * The service counter (lib/card.md "PIN reload / unblock"): a locked PIN is
 * unblocked (counter reset, PIN unchanged) or reloaded (a new PIN set)
 * with the issuer's keys, from the key source attached with
 * sscard_use_keys().  An HSM is asked in the ministry's steps: key "PUK",
 * "alg|0090|R1|R2|region|ATR historical bytes|card identification code|"
 * answered with C || P (32 hex); key "PINRELOAD",
 * "alg|0173|R|84240001Lc|region|historical bytes|code|NEWPIN|" (84240000
 * and no PIN for unblock) answered with E || MAC (or the MAC) in hex.  id_code
 * (32 hex) and number (9 characters) are what the clerk holds
 * ("卡识别码|卡号|"): the card in the reader must be that card, or nothing is
 * sent past the reads that tell (SSCARD_E_CARD_MISMATCH). new_pin: 4..12
 * digits, checked before any APDU; 123456 only with SSCARD_PIN_INITIAL (the
 * holder asked for the initial PIN).  Nothing is retried: a wrong PUK
 * (SSCARD_E_KEY_WRONG, 63Cx) or a refused MAC is reported.  *tries_left (may be
 * NULL): the PIN tries after, -1 unknown.
 */
#define SSCARD_PIN_INITIAL 0x2
SSCARD_EXPORT int sscard_pin_unblock(sscard *card, const char *id_code,
				     const char *number, int *tries_left);
SSCARD_EXPORT int sscard_pin_reload(sscard *card, const char *id_code,
				    const char *number, const char *new_pin,
				    unsigned flags, int *tries_left);

/* Wipe a buffer that held a PIN (OPENSSL_cleanse: not optimised away). */
SSCARD_EXPORT void sscard_cleanse(void *ptr, size_t len);

/* 1 if the reader has a PIN pad for verify (and modify), else 0. */
SSCARD_EXPORT int sscard_has_pinpad(sscard *card);

/* ---- medical-insurance account (DF04) ----------------------------------- */

/*
 * Where the on-card balance lives differs by region, so it is read through
 * a region profile: a small text file naming the DF, EF, record tags,
 * encodings and the access needed (see profiles/README.md).  The built-in
 * profile "default" follows lib/card.md: DF04 / EF06, balance tag 92 (8 BCD
 * digits, fen), category tag 93, PIN needed.
 *
 * name_or_path: "default", a name looked up as NAME.profile in
 * $SSCARD_PROFILE_DIR and then the installed data directory, or a path
 * (containing '/').  A profile is checked completely here: an unknown or
 * malformed one is SSCARD_E_PROFILE, with "file:line: reason" in err (may
 * be NULL), and the context keeps its previous profile.
 */
SSCARD_EXPORT int sscard_set_profile(sscard_ctx *ctx, const char *name_or_path,
				     char *err, size_t err_len);

struct sscard_medical {
	int64_t balance_fen;    /* personal-account balance, fen */
	char updated[11];       /* YYYY-MM-DD; "" when the profile has none */
	char category[16];      /* insured-person category; "" when none */
	char profile[64];       /* the profile that produced this */
	unsigned char reserved[64];
};

/*
 * Read the on-card medical account.  SSCARD_E_PIN_REQUIRED without a
 * verified PIN when the card wants one; SSCARD_E_AUTH_REQUIRED when it
 * wants terminal authentication too; SSCARD_E_NO_DATA when the card holds
 * no balance (the authoritative balance is then online).
 */
SSCARD_EXPORT int sscard_medical_read(sscard *card, struct sscard_medical *m);

/* fen as yuan, "123.45" / "-0.05"; exact for every int64_t.  Returns the
 * length, or SSCARD_E_BUFFER_TOO_SMALL (24 bytes always suffice). */
SSCARD_EXPORT int sscard_format_yuan(int64_t fen, char *buf, size_t size);

/* ---- financial (UnionPay / PBOC) application --------------------------- */

#define SSCARD_BANK_FULL_PAN 0x1    /* return the PAN and ID unmasked */

struct sscard_bank {
	char aid[33];           /* hex */
	char label[33];         /* application label (tag 50) */
	char pan[20];           /* first 6 and last 4 digits, '*' between,
				 * unless SSCARD_BANK_FULL_PAN */
	int pan_check_ok;       /* 1 if the PAN's Luhn digit is right */
	char pan_seq[3];        /* PAN sequence number (5F34), "" if absent */
	char effective[11];     /* YYYY-MM-DD (5F25), "" if absent */
	char expires[11];       /* YYYY-MM-DD (5F24) */
	char holder_name[48];   /* 5F20, "" if absent */
	char holder_id[41];     /* ID number (9F61), "" if absent; masked like
				 * the PAN unless SSCARD_BANK_FULL_PAN */
	int holder_id_type;     /* 9F62: 0 ID card ..., -1 if absent */
	int64_t ec_balance_fen; /* electronic cash balance (9F79), -1 absent */
	int64_t ec_limit_fen;   /* EC balance limit (9F77), -1 absent */
	int pin_tries_left;     /* bank PIN try counter (9F17), -1 absent */
	int atc;                /* application transaction counter (9F36), -1 */
	unsigned char reserved[64];
};

/*
 * Select the financial application (through the PSE, or the UnionPay AIDs
 * directly), GET PROCESSING OPTIONS, read the AFL records and the GET
 * DATA objects.  SSCARD_E_NO_APP when the card has no financial
 * application (cards for rare-character names often have none): a normal
 * answer.  Track 2 data is checked against the PAN and never returned.
 */
SSCARD_EXPORT int sscard_read_bank(sscard *card, unsigned flags,
				   struct sscard_bank *bank);

/* ---- terminal authentication (PSAM, HSM, key file) --------------------- */

/*
 * Real cards open the photo, the holder data of many 3.0 cards and the
 * medical amount only to a terminal that proves it holds the issuer's keys
 * (EXTERNAL AUTHENTICATE), and prove their own genuineness the other way
 * (INTERNAL AUTHENTICATE).  A key source does the terminal's part:
 *  - a PSAM in a reader (what certified terminals have);
 *  - an HSM (provincial encryption machine), reached by a callback of the
 *    caller's: the library has no network code;
 *  - a key file, for labs and test cards only.
 * Attach one to a card with sscard_use_keys(): from then on a read that
 * meets "security status not satisfied" (6982) where a key is named
 * authenticates once and reads again, inside the same operation.  Without
 * one those reads stay SSCARD_E_AUTH_REQUIRED.  Keys and references are
 * lib/card.md's; a region profile may name others ("key" lines).
 */
typedef struct sscard_keys sscard_keys;

#define SSCARD_KEYS_PSAM 1
#define SSCARD_KEYS_HSM  2
#define SSCARD_KEYS_FILE 3

/* The PSAM in reader, or with reader NULL the first slot whose card
 * selects the PSAM application (DF01): SSCARD_E_NO_PSAM when none. */
SSCARD_EXPORT int sscard_keys_from_psam(sscard_ctx *ctx, const char *reader,
					sscard_keys **keys);

/*
 * An HSM.  For each authentication the library calls fn with the key's
 * name ("RKSSSE", "RK1DF04") and lib/card.md's step-1 string (region | ATR
 * historical bytes | algorithm | card identification code | F | S | R |
 * P | terminal number |); fn writes "RESULT1|RESULT2|" (32 hex digits
 * each) into answer and returns 0, or a negative value for failure.
 */
typedef int (*sscard_hsm_fn)(const char *key, const char *request,
			     char *answer, size_t answer_size, void *user);
SSCARD_EXPORT int sscard_keys_from_hsm(sscard_ctx *ctx, sscard_hsm_fn fn,
				       void *user, sscard_keys **keys);

/*
 * A key file: one key a line, "NAME ALG HEXKEY" (NAME RKSSSE, RK1DF04,
 * IRKSSSE, PUK or PINRELOAD; ALG 3des or sm4; 32 hex digits), '#'
 * comments.  A file that group or others can read is refused
 * (SSCARD_E_KEYFILE), as is a malformed one ("file:line: reason" in err).
 * SSF33 cards cannot be served from a file (SSCARD_E_NO_KEY).
 */
SSCARD_EXPORT int sscard_keys_from_file(sscard_ctx *ctx, const char *path,
					char *err, size_t err_len,
					sscard_keys **keys);

/* Wipes the keys; a card still using them has them detached. */
SSCARD_EXPORT void sscard_keys_free(sscard_keys *keys);
/* SSCARD_KEYS_*; the PSAM's reader ("" otherwise); the terminal number
 * (the PSAM's file 0016, 12 digits; "" otherwise). */
SSCARD_EXPORT int sscard_keys_kind(const sscard_keys *keys);
SSCARD_EXPORT const char *sscard_keys_reader(const sscard_keys *keys);
SSCARD_EXPORT const char *sscard_keys_terminal(const sscard_keys *keys);

/* APDUs exchanged with the PSAM since the keys were made (zero for the
 * other sources), like sscard_get_stats() for a card. */
SSCARD_EXPORT void sscard_keys_get_stats(const sscard_keys *keys,
					 struct sscard_stats *stats);

/*
 * A card's terminal keys have their own try counters (5 on the cards
 * seen), and a key that reaches 0 is locked for good: no terminal reads
 * the holder data or the photo again until the card is re-issued.  So the
 * library, for every process and user of the host:
 *  - never sends a key source's EXTERNAL AUTHENTICATE again to a card
 *    that refused it (SSCARD_E_KEY_WRONG at once, no APDU), until the
 *    source changes (another key file, another PSAM) or the caller calls
 *    sscard_keys_forget_failures();
 *  - before a source's first EXTERNAL AUTHENTICATE on a card of an issuer
 *    (region) the source never served, has it prove by INTERNAL
 *    AUTHENTICATE (no key try spent) that it is that issuer's; a source
 *    that fails is not tried (SSCARD_E_KEY_WRONG, no try spent), one that
 *    cannot prove (no internal key) is tried once on the card;
 *  - never spends a key's last try (the card said 63C1) unless the keys
 *    carry SSCARD_KEYS_CONFIRM_LAST_TRY (SSCARD_E_KEY_LAST_TRY);
 *  - never asks a key the card said is locked (SSCARD_E_KEY_LOCKED).
 * This memory is the host's store (SHA-256 digests of cards, issuers and
 * sources, nothing readable), locked against concurrent writers: the
 * directory $SSCARD_STATE_DIR, else SSCARD_STATEDIR (/var/lib/libsscard,
 * made by the libsscard0 package, group sscard), else the user's
 * $XDG_STATE_HOME/libsscard or ~/.local/state/libsscard.  Where none can
 * be written, a source that has not proven itself on the card's issuer
 * is not tried: SSCARD_E_NO_KEY_STORE.
 */
#define SSCARD_KEYS_CONFIRM_LAST_TRY 0x1
SSCARD_EXPORT int sscard_keys_set_flags(sscard_keys *keys, unsigned flags);
/* This source may be tried again on cards that refused it (the clerk
 * fixed the key file or moved the PSAM).  Known try counts stay. */
SSCARD_EXPORT void sscard_keys_forget_failures(sscard_keys *keys);
/* The tries left on the card's terminal key behind the card's last
 * SSCARD_E_KEY_WRONG / _KEY_LAST_TRY / _KEY_LOCKED: 0..15, -1 unknown. */
SSCARD_EXPORT int sscard_key_tries(const sscard *card);
/* Keep the memory above in path instead of the host's store (created
 * 0600; refused when it is not a regular file of ours that only we may
 * write: SSCARD_E_KEYFILE); NULL: in this process's memory only, the
 * caller's explicit choice (the SSCARD_E_NO_KEY_STORE rule then does not
 * apply).  For the whole process. */
SSCARD_EXPORT int sscard_key_guard_file(const char *path);
/* Where the memory above is kept: 1 and the store's file in path; 0 and
 * "" for memory only (sscard_key_guard_file(NULL)); SSCARD_E_NO_KEY_STORE
 * when no store can be written.  Since 0.7. */
SSCARD_EXPORT int sscard_key_guard_store(char *path, size_t size);

/* Use keys for card's reads (NULL: none).  The keys must outlive their
 * use; one key source may serve several cards of its context. */
SSCARD_EXPORT int sscard_use_keys(sscard *card, sscard_keys *keys);

struct sscard_auth {
	int genuine;            /* 1: the card proved its key */
	int algorithm;          /* SSCARD_ALG_* */
	int method;             /* SSCARD_KEYS_* that checked it */
	unsigned char reserved[32];
};

/*
 * INTERNAL AUTHENTICATE with F and S from a CSPRNG: is the card genuine?
 * 0 with genuine 1; SSCARD_E_NOT_GENUINE (auth filled, genuine 0) when its
 * answer is wrong; other errors when it could not be asked.  Needs keys.
 * With an HSM this is the ministry's HSM step (iReadCardBas_HSM_Step1/2):
 * the card's challenge goes into the same request (key "RKSSSE"), and the
 * HSM's RESULT2 is sent as EXTERNAL AUTHENTICATE, so the files RKSSSE
 * opens stay open for the reads that follow, until SSSE is selected again.
 */
SSCARD_EXPORT int sscard_authenticate(sscard *card, struct sscard_auth *auth);

/* ---- card and reader events -------------------------------------------- */

enum sscard_event_type {
	SSCARD_EVENT_CARD_INSERTED = 1, /* atr holds the card's ATR */
	SSCARD_EVENT_CARD_REMOVED = 2,
	SSCARD_EVENT_READER_ADDED = 3,
	SSCARD_EVENT_READER_REMOVED = 4
};

struct sscard_event {
	int type;               /* enum sscard_event_type */
	char reader[128];
	unsigned char atr[33];
	size_t atr_len;
	unsigned char reserved[32];
};

/*
 * Wait for the next event, at most timeout_ms (< 0: for ever).  The first
 * call reports every card already in a reader as inserted, so a program
 * started with a card in place still reads it.  When pcscd goes away its
 * readers are reported removed; the library re-establishes the context
 * and reports them (and their cards) again when it is back.  No busy loop.
 * Returns 0 with *ev filled, SSCARD_E_TIMEOUT, or SSCARD_E_CANCELLED.
 */
SSCARD_EXPORT int sscard_wait_event(sscard_ctx *ctx, int timeout_ms,
				    struct sscard_event *ev);

/* Wake a sscard_wait_event() blocked on ctx.  The one call that may come
 * from another thread (not from a signal handler). */
SSCARD_EXPORT int sscard_cancel(sscard_ctx *ctx);

/* ---- diagnostics (never the data path) ---------------------------------- */

struct sscard_usb_device {
	uint16_t vid, pid;
	char vendor[64];        /* string descriptors; "" when unreadable */
	char product[64];
	int ccid;               /* an interface of class 0x0B (PC/SC-able) */
	int hid;                /* an interface of class 0x03 */
	int known;              /* a reader model seen with these cards */
	char model[64];         /* its name in the table, "" otherwise */
	char node[64];          /* /dev/bus/usb/BBB/DDD */
	unsigned mode;          /* the node's permission bits, 0 if unknown */
	char owner[32];         /* the node's owner and group names */
	char group[32];
	int user_access;        /* 1 if this process can open it read-write */
	unsigned char reserved[32];
};

/*
 * USB devices that may be smart-card readers: every device with a CCID or
 * HID interface, and every model in the reader table (built in, plus
 * "VID:PID name" lines in $SSCARD_READERS_FILE).  Descriptors only: no
 * interface is claimed, so a reader pcscd holds is not disturbed.  Fills
 * up to max entries; *count receives how many were found.  libusb is
 * loaded by the first call; SSCARD_E_READER when it cannot be.
 */
SSCARD_EXPORT int sscard_usb_list(struct sscard_usb_device *devs, size_t max,
				  size_t *count);

struct sscard_pcsc_info {
	char socket[108];       /* pcscd's socket path */
	int socket_exists;
	int socket_connects;    /* a plain connect() to it works */
	int context; /* SCardEstablishContext result: an sscard_err */
	unsigned long pcsc_rv;  /* and its PC/SC code */
	unsigned char reserved[32];
};

/* Where pcscd is and whether it accepts us (a refusal with a reachable
 * socket is what polkit does). */
SSCARD_EXPORT int sscard_pcsc_probe(struct sscard_pcsc_info *info);

#ifdef __cplusplus
}
#endif

#endif /* SSCARD_H */
