/*
 * The backend: everything the library asks of the smart-card stack, in
 * one table of operations that return library errors.  The PC/SC backend
 * (lib/pcsc.c, lib/transport_pcsc.c, lib/backend_pcsc.c) is the only code
 * that includes <winscard.h>; the Makefile gives its include path to those
 * files alone.  Above it the library sees a context that comes back after
 * a pcscd restart, reader names, slot states, a wait that can be
 * cancelled, and channel operations on one reader (transport.h).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_BACKEND_H
#define SSCARD_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "transport.h"

/* Slot state bits (the values PC/SC itself uses); bits 16..31 count the
 * insertions and removals the reader has seen. */
#define SSCARDI_SLOT_UNAWARE   0x0000
#define SSCARDI_SLOT_IGNORE    0x0001
#define SSCARDI_SLOT_CHANGED   0x0002
#define SSCARDI_SLOT_UNKNOWN   0x0004
#define SSCARDI_SLOT_EMPTY     0x0010
#define SSCARDI_SLOT_PRESENT   0x0020
#define SSCARDI_SLOT_EXCLUSIVE 0x0080
#define SSCARDI_SLOT_MUTE      0x0200

/* The pseudo reader that changes when readers come and go. */
#define SSCARDI_PNP_READER "\\\\?PnP?\\Notification"

struct sscardi_slot {
	const char *reader;
	uint32_t known;             /* in: the state we know */
	uint32_t now;               /* out: the state now */
	uint8_t atr[33];            /* out, when a card is present */
	size_t atr_len;
};

/* Every operation but new and free returns 0 or a library error;
 * SSCARD_E_NO_SERVICE means the service went away. */
struct sscardi_backend {
	const char *name;
	/* Backend state for one library context, nothing connected yet. */
	void *(*new)(void);
	void (*free)(void *state);
	/* Make sure there is a connection to the service; force: drop it
	 * and make a new one. */
	int (*establish)(void *state, int force);
	/* The reader names, NUL-separated, in a buffer of ours (free() it).
	 * No readers: *names NULL and *len 0, and 0 returned. */
	int (*readers)(void *state, char **names, size_t *len);
	/* Wait until a slot's state differs from what we know, at most
	 * timeout_ms (< 0: for ever; 0: just read the states).  Also
	 * SSCARD_E_TIMEOUT and SSCARD_E_CANCELLED (cancel). */
	int (*wait)(void *state, struct sscardi_slot *slots, size_t n,
		    long timeout_ms);
	/* Wake a wait blocked in the service (from any thread).  pcsc-lite
	 * drops a cancel that comes before the waiter is blocked: callers
	 * repeat it. */
	int (*cancel)(void *state);
	/* For the doctor: can the service be reached at all, apart from any
	 * context?  *native gets the backend's own code. */
	int (*probe)(unsigned long *native);
	/* A channel to a reader of this state, for the ops in chan. */
	void *(*io_new)(void *state);
	const struct sscardi_transport_ops *chan;
};

SSCARDI_HIDDEN extern const struct sscardi_backend sscardi_pcsc_backend;

#endif
