/*
 * The JSON the programs print for libsscard's results (sscard-info, and
 * the coming local service): one writer per result, one error shape, the
 * schema version on every top-level object.  json-c, in the programs only:
 * libsscard.so does not link it.  The contract is the JSON Schema beside
 * sscard-info, app/sscard-info.schema.json.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_OUTPUT_H
#define SSCARD_OUTPUT_H

#include <json.h>
#include <stdio.h>

#include "sscard.h"

/* Raised when a key changes meaning or goes away (adding one does not). */
#define OUT_SCHEMA 2

/* A top-level object: {"schema": OUT_SCHEMA}. */
json_object *out_root(void);

/* The one error shape: {"code", "message" (English, whatever the locale),
 * "sw" ("6982" or null), "field" (the malformed field or null)}. */
json_object *out_error(int err, unsigned sw, const char *field);
/* A part that could not be read: {"error": out_error(...)}. */
json_object *out_failed(int err, unsigned sw, const char *field);
/* The answer of every door that failed: {"schema", "reader" when there is
 * one, "error"}; message, when not NULL, replaces the library's text. */
json_object *out_error_doc(const char *reader, int err, unsigned sw,
			   const char *field, const char *message);

/* reader, atr, region, card, holder (holder: {"error"} when it failed). */
void out_basic(json_object *root, const char *reader,
	       const struct sscard_basic *b);
json_object *out_pin(const struct sscard_pin_info *pin);
json_object *out_medical(const struct sscard_medical *m);
json_object *out_bank(const struct sscard_bank *b);
json_object *out_auth(const struct sscard_auth *auth);
/* {"bytes", "base64"}: the JPEG itself, for a caller without a file */
json_object *out_photo(const unsigned char *jpeg, size_t len);
/* {"schema", "event", "reader", and "atr" for an insertion} */
json_object *out_event(const struct sscard_event *ev);
json_object *out_readers(const struct sscard_reader *r, size_t n);
/* the library's counters: the card's, and the PSAM's APDUs */
json_object *out_stats(const struct sscard_stats *card,
		       const struct sscard_stats *psam);
/* the doctor's parts: the PC/SC service, one USB device and its verdict
 * (English; a constant sscard-info translates) */
json_object *out_pcsc(const struct sscard_pcsc_info *p);
json_object *out_usb(const struct sscard_usb_device *d);
const char *out_usb_verdict(const struct sscard_usb_device *d);

json_object *out_hex(const unsigned char *b, size_t n);
/* text from outside as a JSON string, each byte that is not UTF-8 as
 * U+FFFD */
json_object *out_utf8(const char *s);
json_object *out_str(const char *s);       /* "" and NULL are null */
/* one line; out_text's string lives as long as obj */
const char *out_text(json_object *obj);
void out_print(FILE *f, json_object *obj);
/* json_tokener_free() that first wipes the tokener's copy of what it
 * parsed (a PIN) */
void tokener_wipe_free(json_tokener *tok);

#endif
