/*
 * apdu/: the pure codec.  Buffers in, results out; no I/O, no allocation.
 * Every function checks every length against its buffer before use and
 * returns 0 or a negative enum sscard_err.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_APDU_H
#define SSCARD_APDU_H

#include <iconv.h>
#include <stddef.h>
#include <stdint.h>

#include "sscard.h"

#ifndef SSCARDI_HIDDEN
#define SSCARDI_HIDDEN __attribute__((visibility("hidden")))
#endif

/* Largest short C-APDU: header, Lc, 255 data bytes, Le. */
#define SSCARDI_CAPDU_MAX 261
/* Largest short R-APDU: 256 data bytes and SW. */
#define SSCARDI_RAPDU_MAX 258

#define SSCARDI_NO_LE (-1)

/*
 * Build a short command APDU, ISO 7816-4 cases 1-4.  data_len 0..255;
 * le SSCARDI_NO_LE or 1..256 (256 is encoded as 00).  Returns the length
 * written to out, or SSCARD_E_INVALID_ARG / SSCARD_E_BUFFER_TOO_SMALL.
 */
SSCARDI_HIDDEN int sscardi_apdu_build(uint8_t *out, size_t out_size,
				      uint8_t cla, uint8_t ins, uint8_t p1,
				      uint8_t p2, const uint8_t *data,
				      size_t data_len, int le);

struct sscardi_rapdu {
	const uint8_t *data;
	size_t len;
	uint16_t sw;
};

/* Split a response into data and SW; shorter than 2 bytes is
 * SSCARD_E_PROTOCOL. */
SSCARDI_HIDDEN int sscardi_apdu_parse(const uint8_t *resp, size_t len,
				      struct sscardi_rapdu *out);

/* 1 if the command is one of those that carry PIN material in their data
 * field (VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER, the PBOC
 * CHANGE PIN, PIN reload / unblock), in any class. */
SSCARDI_HIDDEN int sscardi_apdu_is_secret(const uint8_t *cmd, size_t len);

/*
 * Which nibbles of an answer (data without SW) the default trace hides
 * (apdu/redact.c): hide[i] gets 0x10 for the high nibble of data[i], 0x01
 * for the low one.  cmd is the command the answer belongs to;
 * continuation: a GET RESPONSE piece of its answer after the first.
 */
SSCARDI_HIDDEN void sscardi_redact_answer(const uint8_t *cmd, size_t cmd_len,
					  int continuation, const uint8_t *data,
					  size_t len, uint8_t *hide);

/* ---- status words ------------------------------------------------------ */

/* English text for a status word; "unknown status" when not catalogued. */
SSCARDI_HIDDEN const char *sscardi_sw_text(uint16_t sw);
/* The same, as an answer to instruction ins (63Cx after EXTERNAL
 * AUTHENTICATE is a wrong terminal key, not a wrong PIN). */
SSCARDI_HIDDEN const char *sscardi_sw_text_after(uint8_t ins, uint16_t sw);
/* Default error code for a status word (9000 -> 0).  Callers refine the
 * context-dependent ones (6982: PIN or terminal authentication). */
SSCARDI_HIDDEN int sscardi_sw_to_err(uint16_t sw);
/*
 * What a status word means at one call site: its rules first (an array
 * ended by an entry with mask 0; rules may be NULL), then the catalogue,
 * then SSCARD_E_CARD_STATUS.  Only 9000, or a rule that says so, is 0:
 * 61xx or 6282 that the call site did not accept are errors.
 */
struct sscardi_sw_rule {
	uint16_t sw;
	uint16_t mask;
	int err;
};
#define SSCARDI_SW(sw, err) { (sw), 0xFFFF, (err) }
#define SSCARDI_SW_END { 0, 0, 0 }
SSCARDI_HIDDEN int sscardi_sw_map(uint16_t sw,
				  const struct sscardi_sw_rule *rules);
/* For 63Cx: x; otherwise -1. */
SSCARDI_HIDDEN int sscardi_sw_tries(uint16_t sw);
/* The named sets of status words the reads decide by (apdu/sw.c). */
enum sscardi_sw_set {
	SSCARDI_SWS_SELECT_P1_REFUSED,  /* SELECT by FID (P1 02) not taken:
					 * try P1 00 */
	SSCARDI_SWS_READ_FORM_REFUSED,  /* SSSE: not this way of reading a
					 * record, the next form may work */
	SSCARDI_SWS_RECORD_ABSENT,      /* SSSE: the field is not there */
	SSCARDI_SWS_RECORDS_END,        /* reading by number: past the last */
	SSCARDI_SWS_TAG_READ_REFUSED,   /* medical: no read by tag, scan */
	SSCARDI_SWS_TAG_ABSENT,         /* medical: no such field */
	SSCARDI_SWS_NO_PAYMENT_APP,     /* PSE / bank SELECT: none here */
	SSCARDI_SWS_DATA_OBJECT_ABSENT  /* GET DATA: the object is not kept */
};
SSCARDI_HIDDEN int sscardi_sw_in(uint16_t sw, enum sscardi_sw_set set);

/* ---- TLV --------------------------------------------------------------- */

/* A social-security record: tag (1), length (1), value.  Checks the tag and
 * that the value fits; trailing bytes after the value are an error. */
SSCARDI_HIDDEN int sscardi_rec_parse(const uint8_t *buf, size_t len,
				     uint8_t tag, const uint8_t **val,
				     size_t *val_len);

struct sscardi_tlv {
	uint32_t tag;        /* tag bytes as read, e.g. 0x9F79 */
	int constructed;
	const uint8_t *val;
	size_t len;
};

/* Read the next BER-TLV at *p (advancing *p and *left).  Tags up to 4
 * bytes, definite lengths up to 3 bytes.  00 and FF padding between
 * objects is skipped; *left == 0 afterwards gives SSCARD_E_NO_DATA. */
SSCARDI_HIDDEN int sscardi_ber_next(const uint8_t **p, size_t *left,
				    struct sscardi_tlv *out);
/* Depth-first search for tag in a BER-TLV sequence; SSCARD_E_NO_DATA when
 * absent, SSCARD_E_CARD_DATA when the encoding is broken on the way. */
SSCARDI_HIDDEN int sscardi_ber_find(const uint8_t *buf, size_t len,
				    uint32_t tag, struct sscardi_tlv *out);

/* ---- field encodings ----------------------------------------------------- */

/* cn: BCD digits, F padding allowed only at the end. */
SSCARDI_HIDDEN int sscardi_cn_to_str(const uint8_t *v, size_t n, char *out,
				     size_t out_size);
/* n: BCD digits, every nibble 0-9. */
SSCARDI_HIDDEN int sscardi_n_to_str(const uint8_t *v, size_t n, char *out,
				    size_t out_size);
/* n as an unsigned amount; overflow of uint64 is SSCARD_E_CARD_DATA. */
SSCARDI_HIDDEN int sscardi_n_to_u64(const uint8_t *v, size_t n,
				    uint64_t *value);
/* an/ans: printable ASCII, trailing 00/20/FF padding removed. */
SSCARDI_HIDDEN int sscardi_an_to_str(const uint8_t *v, size_t n, char *out,
				     size_t out_size);
/* Binary as upper-case hex. */
SSCARDI_HIDDEN int sscardi_hex(const uint8_t *v, size_t n, char *out,
			       size_t out_size);
/* n bytes from 2n hex digits at s (upper or lower case): 0, or -1. */
SSCARDI_HIDDEN int sscardi_unhex(const char *s, uint8_t *out, size_t n);
/* An HSM's answer (apdu/hsmtext.c): "32 hex|32 hex|" into r1, r2, or
 * want bytes of hex with an optional '|'; a final newline allowed.  0, or
 * -1 at anything else. */
SSCARDI_HIDDEN int sscardi_hsm_results(const char *a, uint8_t r1[16],
				       uint8_t r2[16]);
SSCARDI_HIDDEN int sscardi_hsm_hex(const char *a, uint8_t *out, size_t want);
/* Length without trailing 00 / 20 / FF padding (FF: unwritten bytes,
 * never part of a GB18030 character). */
SSCARDI_HIDDEN size_t sscardi_strip_pad(const uint8_t *v, size_t n);
/* cn YYYYMMDD (4 bytes) to "YYYY-MM-DD", checking the calendar. */
SSCARDI_HIDDEN int sscardi_date8(const uint8_t *v, size_t n, char out[11]);
/* n YYMMDD (3 bytes, EMV) to "20YY-MM-DD". */
SSCARDI_HIDDEN int sscardi_date6(const uint8_t *v, size_t n, char out[11]);
SSCARDI_HIDDEN int sscardi_date_valid(int y, int m, int d);

/* GB18030 (superset of GBK) to UTF-8 through cd (from
 * iconv_open("UTF-8", "GB18030")).  Invalid or truncated input is
 * SSCARD_E_CARD_DATA; so is a control character. */
SSCARDI_HIDDEN int sscardi_gb18030_to_utf8(iconv_t cd, const uint8_t *in,
					   size_t n, char *out,
					   size_t out_size);

/* PIN digits to packed BCD, odd length padded with F.  4..12 digits,
 * anything else SSCARD_E_PIN_FORMAT.  Returns the BCD length. */
SSCARDI_HIDDEN int sscardi_pin_pack(const char *pin, uint8_t out[6]);

/* ---- PIN pad (PC/SC part 10) ------------------------------------------- */

/* The verify and modify ioctl codes from a feature list (0 when absent).
 * A list that is not whole 6-byte entries is SSCARD_E_PROTOCOL; the
 * entries before the damage are kept. */
SSCARDI_HIDDEN int sscardi_pinpad_features(const uint8_t *buf, size_t len,
					   uint32_t *verify,
					   uint32_t *modify);

/* The PIN_VERIFY and PIN_MODIFY structures (little-endian, packed) for
 * the card's VERIFY and PBOC CHANGE PIN: packed BCD, 6 digits, 30 s, zh-CN
 * prompts.  s needs 64 bytes; returns the length. */
SSCARDI_HIDDEN size_t sscardi_pinpad_verify_struct(uint8_t *s);
SSCARDI_HIDDEN size_t sscardi_pinpad_modify_struct(uint8_t *s);

/* ---- ATR ----------------------------------------------------------------- */

struct sscardi_atr {
	unsigned protocols;      /* bit 0: T=0, bit 1: T=1 */
	int ta1;                 /* -1 when absent */
	size_t hist_off;         /* historical bytes */
	size_t hist_len;
};

SSCARDI_HIDDEN int sscardi_atr_parse(const uint8_t *atr, size_t len,
				     struct sscardi_atr *out);

/* ---- JPEG ---------------------------------------------------------------- */

/*
 * Walk a JPEG held in buf[0..len).  Returns 1 with *end set just past the
 * EOI marker when the image is complete, 0 when more bytes are needed, or
 * SSCARD_E_CARD_DATA when it is not a JPEG.
 */
SSCARDI_HIDDEN int sscardi_jpeg_scan(const uint8_t *buf, size_t len,
				     size_t *end);

/* ---- tables -------------------------------------------------------------- */

/* GB/T 2261.1 sex code, its names copied into en / zh (bounded, UTF-8
 * safe); SSCARD_E_CARD_DATA when not a valid code. */
SSCARDI_HIDDEN int sscardi_sex_names(char code, char *en, size_t en_size,
				     char *zh, size_t zh_size);
/* GB 3304 nation code, likewise; SSCARD_E_CARD_DATA when not in the
 * table. */
SSCARDI_HIDDEN int sscardi_nation_names(int code, char *en, size_t en_size,
					char *zh, size_t zh_size);
/* len bytes of UTF-8 text into dst[size], cut (when it must be) before a
 * whole character, always NUL-terminated; the bytes copied. */
SSCARDI_HIDDEN size_t sscardi_utf8_copy(char *dst, size_t size,
					const char *src, size_t len);

/* Card number check character (lib/card.md): 1 if right, 0 if wrong. */
SSCARDI_HIDDEN int sscardi_cardno_check(const char *number);

#endif
