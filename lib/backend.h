/*
 * The PC/SC backend (lib/pcsc.c, lib/transport_pcsc.c): the only code that
 * includes <winscard.h>.  Above it the library sees a context that comes
 * back after a pcscd restart, reader names, slot states, a wait that can
 * be cancelled, and channel operations on one reader (transport.h).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_BACKEND_H
#define SSCARD_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "transport.h"

struct sscardi_pcsc;

/* A PC/SC context, made on first use.  free with sscardi_pcsc_free. */
SSCARDI_HIDDEN struct sscardi_pcsc *sscardi_pcsc_new(void);
SSCARDI_HIDDEN void sscardi_pcsc_free(struct sscardi_pcsc *p);

/* Make sure there is a context; force: drop it and make a new one (the
 * service went away).  Returns 0 or a library error. */
SSCARDI_HIDDEN int sscardi_pcsc_establish(struct sscardi_pcsc *p, int force);

/* The reader names, NUL-separated, in a buffer of ours (free() it).  No
 * readers: *names NULL and *len 0, and 0 returned.  SSCARD_E_NO_SERVICE
 * when pcscd went away: the caller decides whether to establish again. */
SSCARDI_HIDDEN int sscardi_pcsc_readers(struct sscardi_pcsc *p, char **names,
					size_t *len);

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

/*
 * Wait until a slot's state differs from what we know, at most timeout_ms
 * (< 0: for ever; 0: just read the states).  Returns 0, SSCARD_E_TIMEOUT,
 * SSCARD_E_CANCELLED (sscardi_pcsc_cancel), or another library error
 * (SSCARD_E_NO_SERVICE: pcscd went away).
 */
SSCARDI_HIDDEN int sscardi_pcsc_wait(struct sscardi_pcsc *p,
				     struct sscardi_slot *slots, size_t n,
				     long timeout_ms);
/* Wake a wait blocked in pcscd (from any thread).  pcsc-lite drops a
 * cancel that comes before the waiter is blocked: callers repeat it. */
SSCARDI_HIDDEN int sscardi_pcsc_cancel(struct sscardi_pcsc *p);

/* A channel to a reader of this context: io for sscardi_pcsc_ops. */
SSCARDI_HIDDEN extern const struct sscardi_transport_ops sscardi_pcsc_ops;
SSCARDI_HIDDEN void *sscardi_pcsc_io_new(struct sscardi_pcsc *p);

/* A PC/SC return code (as the transport operations give it) as a library
 * error.  SSCARDI_E_NOT_TRANSACTED is the one that needs a second look:
 * a lost card shows first as "not transacted" (tests/harness/README.md). */
#define SSCARDI_E_NOT_TRANSACTED (-100)
SSCARDI_HIDDEN int sscardi_pcsc_error(long rv);

/* For the doctor: can a context be made?  *raw gets the PC/SC code. */
SSCARDI_HIDDEN int sscardi_pcsc_try_context(unsigned long *raw);

#endif
