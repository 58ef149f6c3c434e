/*
 * Inside the pcsc-lite backend only (pcsc.c, transport_pcsc.c).
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

#endif
