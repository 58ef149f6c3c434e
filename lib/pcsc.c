/*
 * The pcsc-lite backend, context side: the PC/SC context (made again after
 * a pcscd restart), the reader list, slot states and the wait on them, the
 * cancel, and the error mapping.  transport_pcsc.c is the channel side,
 * backend_pcsc.c the table of both.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <winscard.h>

#include "internal.h"
#include "pcsc.h"

_Static_assert(SSCARDI_SLOT_IGNORE == SCARD_STATE_IGNORE &&
	       SSCARDI_SLOT_CHANGED == SCARD_STATE_CHANGED &&
	       SSCARDI_SLOT_UNKNOWN == SCARD_STATE_UNKNOWN &&
	       SSCARDI_SLOT_EMPTY == SCARD_STATE_EMPTY &&
	       SSCARDI_SLOT_PRESENT == SCARD_STATE_PRESENT &&
	       SSCARDI_SLOT_EXCLUSIVE == SCARD_STATE_EXCLUSIVE &&
	       SSCARDI_SLOT_MUTE == SCARD_STATE_MUTE,
	       "slot state bits are PC/SC's");

#define SLOTS_MAX 32

int sscardi_pcsc_error(LONG rv)
{
	switch (rv) {
	case SCARD_S_SUCCESS:
		return 0;
	case SCARD_W_REMOVED_CARD:
	case SCARD_E_NO_SMARTCARD:
		return SSCARD_E_CARD_REMOVED;
	case SCARD_W_RESET_CARD:
		return SSCARD_E_CARD_RESET;
	case SCARD_E_NOT_TRANSACTED:
		return SSCARDI_E_NOT_TRANSACTED;
	case SCARD_W_UNRESPONSIVE_CARD:
	case SCARD_W_UNPOWERED_CARD:
	case SCARD_W_UNSUPPORTED_CARD:
		return SSCARD_E_CARD_MUTE;
	case SCARD_E_NO_SERVICE:
	case SCARD_E_SERVICE_STOPPED:
	case SCARD_E_INVALID_HANDLE:
		return SSCARD_E_NO_SERVICE;
	case SCARD_E_NO_READERS_AVAILABLE:
	case SCARD_E_UNKNOWN_READER:
	case SCARD_E_READER_UNAVAILABLE:
		return SSCARD_E_NO_READER;
	case SCARD_E_TIMEOUT:
		return SSCARD_E_TIMEOUT;
	case SCARD_E_SHARING_VIOLATION:
		return SSCARD_E_SHARING;
	case SCARD_E_CANCELLED:
		return SSCARD_E_CANCELLED;
	case SCARD_E_NO_ACCESS:
	case SCARD_W_SECURITY_VIOLATION:
		return SSCARD_E_ACCESS_DENIED;
	case SCARD_E_NO_MEMORY:
		return SSCARD_E_NO_MEMORY;
	case SCARD_E_INSUFFICIENT_BUFFER:
		return SSCARD_E_PROTOCOL;
	case SCARD_E_PROTO_MISMATCH:
		return SSCARD_E_NOT_SUPPORTED;
	default:
		return SSCARD_E_READER;
	}
}

void *sscardi_pcsc_new(void)
{
	struct sscardi_pcsc *p = calloc(1, sizeof(*p));

	if (p != NULL)
		pthread_mutex_init(&p->lock, NULL);
	return p;
}

void sscardi_pcsc_free(void *state)
{
	struct sscardi_pcsc *p = state;

	if (p == NULL)
		return;
	if (p->have)
		SCardReleaseContext(p->context);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

int sscardi_pcsc_establish(void *state, int force)
{
	struct sscardi_pcsc *p = state;
	SCARDCONTEXT fresh;
	LONG rv;

	if (p->have && !force)
		return 0;
	pthread_mutex_lock(&p->lock);
	if (p->have) {
		SCardReleaseContext(p->context);
		p->have = 0;
	}
	pthread_mutex_unlock(&p->lock);
	rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &fresh);
	if (rv != SCARD_S_SUCCESS)
		return sscardi_pcsc_error(rv);
	pthread_mutex_lock(&p->lock);
	p->context = fresh;
	p->have = 1;
	pthread_mutex_unlock(&p->lock);
	p->gen++;
	return 0;
}

int sscardi_pcsc_readers(void *state, char **names, size_t *len)
{
	struct sscardi_pcsc *p = state;
	DWORD n = SCARD_AUTOALLOCATE;
	char *list = NULL;
	LONG rv;

	*names = NULL;
	*len = 0;
	if (!p->have)
		return SSCARD_E_NO_SERVICE;
	rv = SCardListReaders(p->context, NULL, (LPSTR)&list, &n);
	if (rv == SCARD_E_NO_READERS_AVAILABLE)
		return 0;
	if (rv != SCARD_S_SUCCESS)
		return sscardi_pcsc_error(rv);
	*names = malloc((size_t)n + 1);
	if (*names != NULL) {
		memcpy(*names, list, n);
		(*names)[n] = '\0';            /* the list may lie */
		*len = n;
	}
	SCardFreeMemory(p->context, list);
	return *names != NULL ? 0 : SSCARD_E_NO_MEMORY;
}

int sscardi_pcsc_wait(void *state, struct sscardi_slot *slots, size_t n,
		      long timeout_ms)
{
	struct sscardi_pcsc *p = state;
	SCARD_READERSTATE st[SLOTS_MAX];
	size_t i;
	LONG rv;

	if (n > SLOTS_MAX)
		return SSCARD_E_INVALID_ARG;
	if (!p->have)
		return SSCARD_E_NO_SERVICE;
	memset(st, 0, sizeof(st));
	for (i = 0; i < n; i++) {
		st[i].szReader = slots[i].reader;
		st[i].dwCurrentState = slots[i].known;
	}
	rv = SCardGetStatusChange(p->context,
				  timeout_ms < 0 ? INFINITE : (DWORD)timeout_ms,
				  st, (DWORD)n);
	if (rv != SCARD_S_SUCCESS)
		return sscardi_pcsc_error(rv);
	for (i = 0; i < n; i++) {
		slots[i].now = (uint32_t)st[i].dwEventState;
		slots[i].atr_len = 0;
		if ((st[i].dwEventState & SCARD_STATE_PRESENT) &&
		    st[i].cbAtr <= sizeof(slots[i].atr)) {
			memcpy(slots[i].atr, st[i].rgbAtr, st[i].cbAtr);
			slots[i].atr_len = st[i].cbAtr;
		}
	}
	return 0;
}

int sscardi_pcsc_cancel(void *state)
{
	struct sscardi_pcsc *p = state;
	LONG rv = SCARD_S_SUCCESS;

	pthread_mutex_lock(&p->lock);
	if (p->have)
		rv = SCardCancel(p->context);
	pthread_mutex_unlock(&p->lock);
	return rv == SCARD_E_INVALID_HANDLE ? 0 : sscardi_pcsc_error(rv);
}

int sscardi_pcsc_probe(unsigned long *raw)
{
	SCARDCONTEXT ctx;
	LONG rv;

	rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx);
	*raw = (unsigned long)rv;
	if (rv == SCARD_S_SUCCESS)
		SCardReleaseContext(ctx);
	return sscardi_pcsc_error(rv);
}

