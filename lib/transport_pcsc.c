/*
 * The pcsc-lite backend, channel side: one reader's card (or PSAM), with
 * the connection made again after a pcscd restart.  pcsc.c is the context
 * side.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <winscard.h>

#include "internal.h"
#include "pcsc.h"

struct pcsc_io {
	struct sscardi_pcsc *pcsc;
	SCARDHANDLE handle;
	DWORD protocol;
	unsigned gen;               /* pcsc->gen the handle belongs to */
	int connected;
	LONG last;                  /* the last call's PC/SC code */
	char reader[128];
};

void *sscardi_pcsc_io_new(void *state)
{
	struct pcsc_io *io = calloc(1, sizeof(*io));

	if (io != NULL)
		io->pcsc = state;
	return io;
}

/* Every operation ends here: the code kept for sscard_last_pcsc(), the
 * library's error returned. */
static int done(struct pcsc_io *io, LONG rv)
{
	io->last = rv;
	return sscardi_pcsc_error(rv);
}

static LONG read_atr(struct pcsc_io *io, uint8_t *atr, size_t *atr_len)
{
	char name[256];
	DWORD name_len = sizeof(name), state, proto, alen = 33;
	BYTE buf[33];
	LONG rv;

	rv = SCardStatus(io->handle, name, &name_len, &state, &proto, buf,
			 &alen);
	if (rv != SCARD_S_SUCCESS)
		return rv;
	if (!(state & SCARD_PRESENT))
		return SCARD_W_REMOVED_CARD;
	if (atr != NULL && atr_len != NULL) {
		if (alen > *atr_len)
			return SCARD_E_INSUFFICIENT_BUFFER;
		memcpy(atr, buf, alen);
		*atr_len = alen;
	}
	return SCARD_S_SUCCESS;
}

/* Connect to io->reader, the name kept for reconnecting. */
static LONG connect_reader(struct pcsc_io *io, uint8_t *atr, size_t *atr_len)
{
	LONG rv;

	if (sscardi_pcsc_establish(io->pcsc, 0) < 0)
		return SCARD_E_NO_SERVICE;
	rv = SCardConnect(io->pcsc->context, io->reader, SCARD_SHARE_SHARED,
			  SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &io->handle,
			  &io->protocol);
	if (rv != SCARD_S_SUCCESS)
		return rv;
	io->connected = 1;
	io->gen = io->pcsc->gen;
	return read_atr(io, atr, atr_len);
}

static int pcsc_connect(void *vio, const char *reader, uint8_t *atr,
			size_t *atr_len)
{
	struct pcsc_io *io = vio;
	size_t len = strlen(reader);

	if (len >= sizeof(io->reader))
		return done(io, SCARD_E_UNKNOWN_READER);
	memcpy(io->reader, reader, len + 1);
	return done(io, connect_reader(io, atr, atr_len));
}

static int service_lost(LONG rv)
{
	return rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED ||
	       rv == SCARD_E_INVALID_HANDLE;
}

static DWORD disposition(int reset)
{
	switch (reset) {
	case SSCARDI_RESET_WARM:
		return SCARD_RESET_CARD;
	case SSCARDI_RESET_COLD:
		return SCARD_UNPOWER_CARD;
	default:
		return SCARD_LEAVE_CARD;
	}
}

static LONG reconnect_reader(struct pcsc_io *io, int reset, uint8_t *atr,
			     size_t *atr_len)
{
	LONG rv = SCARD_E_INVALID_HANDLE;

	if (io->connected && io->gen == io->pcsc->gen)
		rv = SCardReconnect(io->handle, SCARD_SHARE_SHARED,
				    SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
				    disposition(reset), &io->protocol);
	if (rv == SCARD_S_SUCCESS)
		return read_atr(io, atr, atr_len);
	if (!service_lost(rv))
		return rv;
	/* the handle (or the whole service) is gone: start afresh, once */
	if (io->gen == io->pcsc->gen &&
	    sscardi_pcsc_establish(io->pcsc, 1) < 0)
		return SCARD_E_NO_SERVICE;
	io->connected = 0;
	return connect_reader(io, atr, atr_len);
}

static int pcsc_reconnect(void *vio, int reset, uint8_t *atr,
			  size_t *atr_len)
{
	struct pcsc_io *io = vio;

	return done(io, reconnect_reader(io, reset, atr, atr_len));
}

static int pcsc_transmit(void *vio, const uint8_t *cmd, size_t cmd_len,
			 uint8_t *resp, size_t *resp_len)
{
	struct pcsc_io *io = vio;
	DWORD rlen = (DWORD)*resp_len;
	LONG rv;

	if (!io->connected)
		return done(io, SCARD_E_INVALID_HANDLE);
	rv = SCardTransmit(io->handle,
			   io->protocol == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1
							     : SCARD_PCI_T0,
			   cmd, (DWORD)cmd_len, NULL, resp, &rlen);
	if (rv == SCARD_S_SUCCESS)
		*resp_len = rlen;
	return done(io, rv);
}

static int pcsc_begin(void *vio)
{
	struct pcsc_io *io = vio;

	if (!io->connected)
		return done(io, SCARD_E_INVALID_HANDLE);
	return done(io, SCardBeginTransaction(io->handle));
}

static int pcsc_end(void *vio)
{
	struct pcsc_io *io = vio;

	if (!io->connected)
		return done(io, SCARD_E_INVALID_HANDLE);
	return done(io, SCardEndTransaction(io->handle, SCARD_LEAVE_CARD));
}

static int pcsc_control(void *vio, uint32_t code, const uint8_t *in,
			size_t in_len, uint8_t *out, size_t *out_len)
{
	struct pcsc_io *io = vio;
	DWORD got = 0;
	LONG rv;

	if (!io->connected)
		return done(io, SCARD_E_INVALID_HANDLE);
	rv = SCardControl(io->handle, code, in, (DWORD)in_len, out,
			  (DWORD)*out_len, &got);
	if (rv == SCARD_S_SUCCESS)
		*out_len = got;
	return done(io, rv);
}

static int pcsc_status(void *vio, uint8_t *atr, size_t *atr_len)
{
	struct pcsc_io *io = vio;

	if (!io->connected)
		return done(io, SCARD_E_INVALID_HANDLE);
	return done(io, read_atr(io, atr, atr_len));
}

static void pcsc_disconnect(void *vio, int reset)
{
	struct pcsc_io *io = vio;

	if (io == NULL)
		return;
	if (io->connected && io->gen == io->pcsc->gen)
		SCardDisconnect(io->handle, disposition(reset));
	free(io);
}

static unsigned long pcsc_native(const void *vio)
{
	const struct pcsc_io *io = vio;

	return (unsigned long)io->last;
}

const struct sscardi_transport_ops sscardi_pcsc_chan = {
	.name = "pcsc",
	.connect = pcsc_connect,
	.reconnect = pcsc_reconnect,
	.transmit = pcsc_transmit,
	.begin = pcsc_begin,
	.end = pcsc_end,
	.control = pcsc_control,
	.status = pcsc_status,
	.disconnect = pcsc_disconnect,
	.native = pcsc_native,
};
