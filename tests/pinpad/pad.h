/*
 * The test PIN-pad reader's keypad: what the test "types", and the CCID
 * rules that turn a PIN_VERIFY / PIN_MODIFY structure and those digits into
 * the APDU the card receives.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef PAD_H
#define PAD_H

#include <stddef.h>
#include <stdint.h>

#define PAD_DIGITS_MAX 16
#define PAD_APDU_MAX 64

/* one PIN-pad session as the script gives it */
enum pad_action {
	PAD_TYPED,          /* the digits below, then the validation key */
	PAD_CANCEL,         /* the cancel key */
	PAD_TIMEOUT,        /* nobody typed */
	PAD_WAIT            /* nobody types until the card leaves or time ends */
};

struct pad_entry {
	enum pad_action action;
	int fields;                          /* PINs typed: 1 verify, 2-3 modify */
	char pin[3][PAD_DIGITS_MAX + 1];     /* old (or the PIN), new, confirm */
};

/* The next line of the script file (removed from it).  No file or no line:
 * PAD_TIMEOUT, as a pad nobody touches.  A line that is none of
 * "cancel", "timeout", "wait" or 1-3 space-separated digit strings is
 * taken as PAD_CANCEL and reported through *bad. */
void pad_next(const char *script, struct pad_entry *e, int *bad);

/* Build the APDU a CCID reader sends for FEATURE_VERIFY_PIN_DIRECT
 * (modify 0) or FEATURE_MODIFY_PIN_DIRECT (modify 1) from the structure
 * s and the entry.  Returns the APDU length, or a negative SW to answer
 * instead (-0x6B80 structure malformed, -0x6403 PIN length outside the
 * structure's limits, -0x6402 the confirmation differs). */
int pad_build(int modify, const uint8_t *s, size_t s_len,
	      const struct pad_entry *e, uint8_t *apdu, size_t apdu_size);

/* The structure's first timeout (seconds; 0 means the reader default). */
int pad_timeout(const uint8_t *s, size_t s_len);

/* Wipe an entry. */
void pad_wipe(struct pad_entry *e);

#endif
