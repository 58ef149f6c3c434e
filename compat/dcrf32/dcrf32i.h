/*
 * What the files of libdcrf32 share: the device behind a handle, its slots,
 * and the one table from libsscard's errors to our return codes.
 *
 * A handle is one physical device: the pcscd readers whose names differ
 * only in the slot number.  It belongs to the thread that opened it
 * (libsscard's contexts are per thread); another thread gets
 * DCRF32_E_THREAD.  Everything goes through pcscd, so other programs,
 * sscardd among them, share the device.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef DCRF32I_H
#define DCRF32I_H

#include <pthread.h>
#include <stddef.h>

#include "dcrf32.h"
#include "sscard.h"

#define DCRF32I_HIDDEN __attribute__((visibility("hidden")))

#define DCRF32I_SLOTS 16        /* pcscd gives a device at most 16 */
#define DCRF32I_NAME 128
#define DCRF32I_CPU_BYTES 0x16  /* dc_setcpu's bytes: 0x0B .. 0x15 */

/* What a slot is for, from its name or the configuration. */
enum dcrf32i_role {
	DCRF32I_CONTACT,
	DCRF32I_SAM,
	DCRF32I_CONTACTLESS
};

struct dcrf32i_slot {
	char reader[DCRF32I_NAME];
	enum dcrf32i_role role;
	int sam_number;         /* SAM1..8 by its name, 0 if it has none */
	sscard *card;           /* powered by us (dc_cpureset), or NULL */
};

struct dcrf32i_dev {
	int open;
	pthread_t owner;
	sscard_ctx *ctx;
	struct dcrf32i_slot slot[DCRF32I_SLOTS];
	size_t nslots;
	int current;            /* dc_setcpu's slot (an index), -1 none */
	/* the configuration's slot for a dc_setcpu byte: index + 1,
	 * DCRF32_E_NO_SLOT when its reader is not this device's, 0 none */
	short cpu_pin[DCRF32I_CPU_BYTES];
	int pass_61_6c;         /* dc_SetCpuCard616C(0): 61xx/6Cxx go up */
	char cl_type;           /* dc_config_card: 'A' or 'B' */
	unsigned last_sw;       /* the card's last status word, or 0 */
	unsigned long last_pcsc;
};

/* ---- device.c ---- */
/* The device of a handle opened by this thread, or NULL with *rv set. */
DCRF32I_HIDDEN struct dcrf32i_dev *dcrf32i_dev(HANDLE h, short *rv);

/* ---- conf.c ---- */
/* The reader name pinned to a port: 1 and name set, or 0 when nothing
 * pins it. */
DCRF32I_HIDDEN int dcrf32i_conf_port(unsigned port, char *name, size_t size);
/* dev->cpu_pin from the file's slot lines, for dev's slots. */
DCRF32I_HIDDEN void dcrf32i_conf_slots(struct dcrf32i_dev *dev);

/* ---- slots.c ---- */
/* The pcscd readers of the port'th device (0-based) into dev's slots;
 * the configuration's names when it pins one.  0 or a code. */
DCRF32I_HIDDEN short dcrf32i_slots_find(struct dcrf32i_dev *dev,
					 unsigned port);
/* The slot index dc_setcpu's byte names, or DCRF32_E_NO_SLOT. */
DCRF32I_HIDDEN int dcrf32i_slot_of_cpu(const struct dcrf32i_dev *dev,
				       unsigned char cpu);
/* The first slot of a role (SAM: the n'th, n >= 1), or DCRF32_E_NO_SLOT. */
DCRF32I_HIDDEN int dcrf32i_slot_of_role(const struct dcrf32i_dev *dev,
					enum dcrf32i_role role, int n);

/* ---- power.c ---- */
/* Power the slot's card (cold reset), or reset it warm when it is ours
 * already; the ATR into atr (up to 33 bytes). */
DCRF32I_HIDDEN short dcrf32i_power(struct dcrf32i_dev *dev, int slot,
				    int warm, unsigned char *atr,
				    size_t *atr_len);
/* Connect to the slot's card without a reset (a contactless card's
 * activation), unless it is ours already. */
DCRF32I_HIDDEN short dcrf32i_activate(struct dcrf32i_dev *dev, int slot);
DCRF32I_HIDDEN void dcrf32i_power_off(struct dcrf32i_dev *dev, int slot);
/* One exchange on a powered slot: resp holds up to *resp_len bytes, SW
 * included.  resolve: 1 resolve 61xx/6Cxx, 0 pass them up. */
DCRF32I_HIDDEN short dcrf32i_exchange(struct dcrf32i_dev *dev, int slot,
				       const unsigned char *cmd,
				       size_t cmd_len, unsigned char *resp,
				       size_t *resp_len, int resolve);
/* Is there a card in the slot (whoever powers it)? 1, 0, or a code. */
DCRF32I_HIDDEN short dcrf32i_present(struct dcrf32i_dev *dev, int slot);

/* ---- errmap.c ---- */
DCRF32I_HIDDEN short dcrf32i_code(int sscard_error);

/* ---- hex.c (pure: no I/O, fuzzed) ---- */
/* Hex text of exactly 2 * n characters into n bytes: 0 or DCRF32_E_ARG
 * (a non-hex character, or the text shorter than that). */
DCRF32I_HIDDEN short dcrf32i_unhex(const char *text, size_t n,
				    unsigned char *out);
/* n bytes as 2 * n upper-case hex characters and a NUL. */
DCRF32I_HIDDEN void dcrf32i_hex(const unsigned char *in, size_t n,
				char *text);

#endif
