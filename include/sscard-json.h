/*
 * libsscard-json: libsscard's results as the JSON documents sscard-info
 * --json prints and sscardd sends, from the same writer
 * (app/output.c), for any language with a C FFI.  The
 * contract is the installed JSON Schema, sscard-info.schema.json.  A
 * library of its own, so that libsscard.so does not link json-c.
 *
 * Every function returns 0 or a negative SSCARD_E_* value.  *json, when
 * set, is a NUL-terminated UTF-8 string on one line; free it with
 * sscard_json_free().
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_JSON_H
#define SSCARD_JSON_H

#include "sscard.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The parts of a card read (sscard_read_json's parts). */
#define SSCARD_JSON_CARD    0x01  /* reader, atr, region, card, holder */
#define SSCARD_JSON_PHOTO   0x02  /* photo: {"bytes", "base64"} */
#define SSCARD_JSON_PIN     0x04  /* pin: state and tries (no PIN sent) */
#define SSCARD_JSON_MEDICAL 0x08  /* medical (after a verified PIN) */
#define SSCARD_JSON_BANK    0x10  /* bank, PAN masked */
#define SSCARD_JSON_AUTH    0x20  /* auth: is the card genuine (keys) */
#define SSCARD_JSON_STATS   0x40  /* stats: this handle's counters */
#define SSCARD_JSON_ALL     0x7f

/* Flags. */
#define SSCARD_JSON_FULL_PAN 0x1  /* bank: the PAN and ID unmasked */

/*
 * Read the parts asked of card, in sscard-info's order, and give the
 * document.  A part that failed holds {"error": ...} and the others are
 * still read; when nothing of the card could be read the document is the
 * top-level error.  Returns 0, or the first error the document reports
 * (with *json set all the same: a part the card does not have, no balance
 * or no bank application, is not an error).  Without SSCARD_JSON_CARD the
 * basic data is still read (it selects the application) but not written.
 * SSCARD_E_INVALID_ARG (no card, no json, no part or an unknown bit) and
 * SSCARD_E_NO_MEMORY leave *json NULL.
 */
int sscard_read_json(sscard *card, unsigned parts, unsigned flags,
		     char **json);

/* The doctor's report: what sscard-info --doctor --json prints.  Returns
 * 0 with *json set (the report says what is wrong). */
int sscard_doctor_json(sscard_ctx *ctx, char **json);

/*
 * sscard_wait_event() as a document: {"schema", "event": "inserted",
 * "removed", "reader_added" or "reader_removed", "reader", and "atr" for
 * an insertion}.  SSCARD_E_TIMEOUT and SSCARD_E_CANCELLED leave *json
 * NULL.
 */
int sscard_wait_event_json(sscard_ctx *ctx, int timeout_ms, char **json);

/* The error document every door gives: {"schema", "reader" when not
 * NULL, "error": {"code", "message", "sw", "field"}}; sw 0 is null. */
int sscard_error_json(const char *reader, int err, unsigned sw,
		      char **json);

void sscard_json_free(char *json);

#ifdef __cplusplus
}
#endif

#endif /* SSCARD_JSON_H */
