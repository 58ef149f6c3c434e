/*
 * Handles: dc_init opens a device (a libsscard context of the calling
 * thread and the device's slots), dc_exit closes it; the device-level
 * calls that need no card.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "dcrf32i.h"

#define DEVICES 16
/* Handles start here, so that 0 and small numbers are never valid. */
#define HANDLE_BASE 0x4443

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct dcrf32i_dev table[DEVICES];

struct dcrf32i_dev *dcrf32i_dev(HANDLE h, short *rv)
{
	struct dcrf32i_dev *dev = NULL;
	int open = 0, mine = 0;

	if (h >= HANDLE_BASE && h < HANDLE_BASE + DEVICES) {
		dev = &table[h - HANDLE_BASE];
		pthread_mutex_lock(&table_lock);
		open = dev->open;
		mine = open && pthread_equal(dev->owner, pthread_self());
		pthread_mutex_unlock(&table_lock);
	}
	if (!open) {
		*rv = DCRF32_E_HANDLE;
		return NULL;
	}
	if (!mine) {
		*rv = DCRF32_E_THREAD;
		return NULL;
	}
	*rv = DCRF32_OK;
	return dev;
}

/* A free entry, taken for this thread; -1 when all are in use. */
static int take_entry(void)
{
	int i;

	pthread_mutex_lock(&table_lock);
	for (i = 0; i < DEVICES; i++)
		if (!table[i].open) {
			memset(&table[i], 0, sizeof(table[i]));
			table[i].open = 1;
			table[i].owner = pthread_self();
			break;
		}
	pthread_mutex_unlock(&table_lock);
	return i < DEVICES ? i : -1;
}

static void give_back(struct dcrf32i_dev *dev)
{
	pthread_mutex_lock(&table_lock);
	dev->open = 0;
	pthread_mutex_unlock(&table_lock);
}

HANDLE dc_init(short port, int baud)
{
	struct dcrf32i_dev *dev;
	int entry, rv;
	short code;

	(void)baud;                 /* PC/SC negotiates the speed */
	if (port < 100 || port > 299)
		return port < 0 || port > 699 ? DCRF32_E_ARG
					      : DCRF32_E_NOT_SUPPORTED;
	entry = take_entry();
	if (entry < 0)
		return DCRF32_E_TOO_MANY;
	dev = &table[entry];
	dev->current = -1;
	dev->pass_61_6c = 0;
	dev->cl_type = 'A';
	rv = sscard_ctx_new(&dev->ctx);
	if (rv < 0) {
		code = dcrf32i_code(rv);
		goto fail;
	}
	code = dcrf32i_slots_find(dev, (unsigned)port);
	if (code < 0)
		goto fail;
	return HANDLE_BASE + entry;
fail:
	sscard_ctx_free(dev->ctx);
	dev->ctx = NULL;
	give_back(dev);
	return code;
}

HANDLE dc_init_name(short port, int baud, const char *name)
{
	if (name != NULL)
		dc_config_port_name(port, name);
	return dc_init(port, baud);
}

short dc_exit(HANDLE icdev)
{
	struct dcrf32i_dev *dev;
	short rv;
	size_t i;

	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	/* the cards stay as they are, as with Decard's own library: a
	 * program that wants them off calls dc_cpudown first */
	for (i = 0; i < dev->nslots; i++) {
		sscard_disconnect(dev->slot[i].card);
		dev->slot[i].card = NULL;
	}
	sscard_ctx_free(dev->ctx);
	dev->ctx = NULL;
	give_back(dev);
	return DCRF32_OK;
}

void dc_config_port_share_mode(short port, int mode)
{
	/* pcscd shares every reader; exclusive access would lock out
	 * sscardd and the other programs */
	(void)port;
	(void)mode;
}

void LibMain(int flag, void *context)
{
	/* 0: the library's version into context (64 bytes at least) */
	if (flag == 0 && context != NULL)
		snprintf(context, 64, "libdcrf32 on PC/SC, libsscard %s",
			 sscard_version());
}

static short describe(HANDLE icdev, unsigned char *sver, int longer)
{
	struct dcrf32i_dev *dev;
	short rv;

	if (sver == NULL)
		return DCRF32_E_ARG;
	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	if (!longer)
		snprintf((char *)sver, 128, "PCSC-%s", sscard_version());
	else
		snprintf((char *)sver, 128, "libdcrf32 on PC/SC %s: %.80s",
			 sscard_version(),
			 dev->nslots > 0 ? dev->slot[0].reader : "");
	return DCRF32_OK;
}

short dc_getver(HANDLE icdev, unsigned char *sver)
{
	return describe(icdev, sver, 0);
}

short dc_getlongver(HANDLE icdev, unsigned char *sver)
{
	return describe(icdev, sver, 1);
}

/* pcsc-lite names a reader that reports a serial number
 * "Name [Interface] (SERIAL) NN SS": SERIAL, or 0 when there is none */
static size_t serial_of(const char *reader, const char **start)
{
	size_t n = strlen(reader);
	const char *open, *close;

	if (n < 6)
		return 0;
	n -= 6;                         /* " NN SS" */
	close = reader + n - 1;
	if (n < 3 || *close != ')')
		return 0;
	for (open = close; open > reader && *open != '('; open--)
		;
	if (*open != '(' || open == reader || open[-1] != ' ')
		return 0;
	*start = open + 1;
	return (size_t)(close - open - 1);
}

short dc_readdevsnr(HANDLE icdev, unsigned char *snr)
{
	struct dcrf32i_dev *dev;
	const char *start = NULL;
	size_t len = 0;
	short rv;

	if (snr == NULL)
		return DCRF32_E_ARG;
	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	if (dev->nslots > 0)
		len = serial_of(dev->slot[0].reader, &start);
	snr[0] = '\0';
	/* the header asks for 33 bytes: a longer serial is not cut */
	if (len == 0 || len > 32)
		return DCRF32_E_NOT_SUPPORTED;
	memcpy(snr, start, len);
	snr[len] = '\0';
	return DCRF32_OK;
}

short dc_beep(HANDLE icdev, unsigned short _Msec)
{
	short rv;

	(void)_Msec;                /* CCID has no buzzer: nothing sounds */
	return dcrf32i_dev(icdev, &rv) != NULL ? DCRF32_OK : rv;
}

short dc_light(HANDLE icdev, unsigned short _OnOff)
{
	short rv;

	(void)_OnOff;               /* nor a light to switch */
	return dcrf32i_dev(icdev, &rv) != NULL ? DCRF32_OK : rv;
}

short dc_SetCpuCard616C(HANDLE icdev, unsigned char value)
{
	struct dcrf32i_dev *dev;
	short rv;

	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	if (value > 1)
		return DCRF32_E_ARG;
	dev->pass_61_6c = value == 0;
	return DCRF32_OK;
}

short dc_GetLastResponseCode(HANDLE icdev, unsigned int *code)
{
	struct dcrf32i_dev *dev;
	short rv;

	if (code == NULL)
		return DCRF32_E_ARG;
	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	*code = dev->last_sw != 0 ? dev->last_sw : (unsigned)dev->last_pcsc;
	return DCRF32_OK;
}
