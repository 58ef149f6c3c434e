/*
 * Inside the pcsc-lite backend only (pcsc.c, transport_pcsc.c,
 * backend_pcsc.c).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_PCSC_H
#define SSCARD_PCSC_H

#include <pthread.h>

#include <winscard.h>

struct sscardi_pcsc {
	pthread_mutex_t lock;       /* context against sscardi_pcsc_cancel */
	SCARDCONTEXT context;       /* valid when have */
	int have;
	unsigned gen;               /* bumped when the context is made anew */
};

/* The backend's operations (struct sscardi_backend), in pcsc.c ... */
SSCARDI_HIDDEN int sscardi_pcsc_error(LONG rv);
SSCARDI_HIDDEN void *sscardi_pcsc_new(void);
SSCARDI_HIDDEN void sscardi_pcsc_free(void *state);
SSCARDI_HIDDEN int sscardi_pcsc_establish(void *state, int force);
SSCARDI_HIDDEN int sscardi_pcsc_readers(void *state, char **names,
					size_t *len);
SSCARDI_HIDDEN int sscardi_pcsc_wait(void *state, struct sscardi_slot *slots,
				     size_t n, long timeout_ms);
SSCARDI_HIDDEN int sscardi_pcsc_cancel(void *state);
SSCARDI_HIDDEN int sscardi_pcsc_probe(unsigned long *native);
/* ... and in transport_pcsc.c */
SSCARDI_HIDDEN void *sscardi_pcsc_io_new(void *state);
SSCARDI_HIDDEN extern const struct sscardi_transport_ops sscardi_pcsc_chan;

#endif
