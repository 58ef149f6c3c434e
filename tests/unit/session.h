/*
 * A context connected to an in-process virtual card loaded from a profile
 * in tests/vcard/profiles (or $SSCARD_PROFILES): the fixture the unit
 * tests of the public API share.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_TEST_SESSION_H
#define SSCARD_TEST_SESSION_H

#include "sscard.h"
#include "vcard.h"

struct session {
	sscard_ctx *ctx;
	struct vcard *vc;
	sscard *card;
};

/* The directory of the card profiles. */
const char *session_profile_dir(void);

/* Load PROFILE.card, add FAULTS (may be NULL), connect; fails the test
 * on any error. */
void session_open(struct session *s, const char *profile, const char *faults);
void session_close(struct session *s);

/* Another application on the same card selects the bank's PSE. */
void session_select_elsewhere(struct session *s);

/* Capture every log line from now on, at level; stop returns them. */
void session_trace_start(int level);
const char *session_trace_stop(void);

/* APDUs the handle has exchanged so far. */
unsigned long session_apdus(sscard *card);

#endif
