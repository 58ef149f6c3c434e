/*
 * From pcscd's reader names to Decard's devices and slots.  pcsc-lite
 * names a slot "<reader> NN SS": the readers that differ only in SS are
 * one device.  Port 100 + k (or 200 + k) is the k'th device, devices with
 * a contact slot first.  dc_setcpu's byte picks a slot: 0x0C the first
 * contact slot, 0x0B the second; SAM n (0x0D..0x0F, 0x11..0x15) the slot
 * whose name says SAMn, else the n'th slot whose name says SAM, else the
 * n'th contact slot after the first.  The configuration overrides both.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dcrf32i.h"

#define READERS_MAX 32

/* The first n characters of name without a " NN" number at their end. */
static size_t strip_number(const char *name, size_t n)
{
	if (n >= 3 && name[n - 3] == ' ' && isxdigit((unsigned char)name[n - 2])
	    && isxdigit((unsigned char)name[n - 1]))
		return n - 3;
	return n;
}

/* The length of the device part of a name: all but " SS" at its end. */
static size_t group_len(const char *name)
{
	return strip_number(name, strlen(name));
}

/* A configuration's name for a reader: the whole name, or it without its
 * slot number, or without the reader number before that too. */
static int names_reader(const char *pinned, const char *reader)
{
	size_t len = strlen(pinned), n = strlen(reader);
	int i;

	for (i = 0; i < 3; i++) {
		if (n == len && strncmp(reader, pinned, len) == 0)
			return 1;
		n = strip_number(reader, n);
	}
	return 0;
}

static int same_device(const char *a, const char *b)
{
	size_t n = group_len(a);

	return n == group_len(b) && strncmp(a, b, n) == 0;
}

static int has_word(const char *name, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = name; (p = strcasestr(p, word)) != NULL; p++) {
		int before = p == name || !isalnum((unsigned char)p[-1]);
		int after = !isalnum((unsigned char)p[n]);

		if (before && after)
			return 1;
	}
	return 0;
}

/* What a slot of that name is for; *sam_number its SAM number, or 0. */
static enum dcrf32i_role role_of(const char *name, int *sam_number)
{
	const char *sam = strcasestr(name, "SAM");

	*sam_number = 0;
	if (strcasestr(name, "contactless") != NULL ||
	    strcasestr(name, "PICC") != NULL || has_word(name, "CL"))
		return DCRF32I_CONTACTLESS;
	if (sam == NULL)
		return DCRF32I_CONTACT;
	sam += 3;
	if (*sam == '_')
		sam++;
	if (*sam >= '1' && *sam <= '8' && !isdigit((unsigned char)sam[1]))
		*sam_number = *sam - '0';
	return DCRF32I_SAM;
}

static int has_contact(const struct sscard_reader *r, size_t n, size_t first)
{
	size_t i;
	int sam;

	for (i = first; i < n; i++)
		if (same_device(r[first].name, r[i].name) &&
		    role_of(r[i].name, &sam) != DCRF32I_CONTACTLESS)
			return 1;
	return 0;
}

/* The first name of each device, those with a contact slot first. */
static size_t devices(const struct sscard_reader *r, size_t n,
		      size_t *first, size_t max)
{
	size_t i, j, count = 0;
	int pass;

	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < n && count < max; i++) {
			for (j = 0; j < i; j++)
				if (same_device(r[j].name, r[i].name))
					break;
			if (j == i && has_contact(r, n, i) == pass)
				first[count++] = i;
		}
	return count;
}

static void add_slot(struct dcrf32i_dev *dev, const char *name)
{
	size_t i, len;

	for (i = 0; i < dev->nslots; i++)
		if (strcmp(dev->slot[i].reader, name) == 0)
			return;
	if (dev->nslots == DCRF32I_SLOTS)
		return;
	len = strnlen(name, DCRF32I_NAME - 1);
	memcpy(dev->slot[dev->nslots].reader, name, len);
	dev->slot[dev->nslots].reader[len] = '\0';
	dev->slot[dev->nslots].role =
		role_of(name, &dev->slot[dev->nslots].sam_number);
	dev->slot[dev->nslots].card = NULL;
	dev->nslots++;
}

short dcrf32i_slots_find(struct dcrf32i_dev *dev, unsigned port)
{
	struct sscard_reader r[READERS_MAX];
	size_t first[READERS_MAX];
	char pinned[DCRF32I_NAME];
	size_t n, ndev, i, k;
	int rv;

	rv = sscard_list_readers(dev->ctx, r, READERS_MAX, &n);
	if (rv < 0)
		return dcrf32i_code(rv);
	if (n > READERS_MAX)
		n = READERS_MAX;
	dev->nslots = 0;
	if (dcrf32i_conf_port(port, pinned, sizeof(pinned))) {
		for (i = 0; i < n && !names_reader(pinned, r[i].name); i++)
			;
		if (i == n)
			return DCRF32_E_NO_READER;
		k = i;
	} else {
		ndev = devices(r, n, first, READERS_MAX);
		if (port % 100 >= ndev)
			return DCRF32_E_NO_READER;
		k = first[port % 100];
	}
	for (i = 0; i < n; i++)
		if (same_device(r[k].name, r[i].name))
			add_slot(dev, r[i].name);
	dcrf32i_conf_slots(dev);
	return DCRF32_OK;
}

int dcrf32i_slot_of_role(const struct dcrf32i_dev *dev,
			 enum dcrf32i_role role, int n)
{
	size_t i;
	int seen = 0;

	if (role == DCRF32I_SAM) {
		for (i = 0; i < dev->nslots; i++)
			if (dev->slot[i].role == DCRF32I_SAM &&
			    dev->slot[i].sam_number == n)
				return (int)i;
		for (i = 0; i < dev->nslots; i++)
			if (dev->slot[i].role == DCRF32I_SAM && ++seen == n)
				return (int)i;
		if (seen > 0)
			return DCRF32_E_NO_SLOT;
		/* no slot says SAM: the contact slots after the first */
		return dcrf32i_slot_of_role(dev, DCRF32I_CONTACT, n + 1);
	}
	for (i = 0; i < dev->nslots; i++)
		if (dev->slot[i].role == role && ++seen == (n < 1 ? 1 : n))
			return (int)i;
	return DCRF32_E_NO_SLOT;
}

static int sam_of_cpu(unsigned char cpu)
{
	if (cpu >= 0x0D && cpu <= 0x0F)
		return cpu - 0x0D + 1;
	if (cpu >= 0x11 && cpu <= 0x15)
		return cpu - 0x11 + 4;
	return 0;
}

int dcrf32i_slot_of_cpu(const struct dcrf32i_dev *dev, unsigned char cpu)
{
	int sam = sam_of_cpu(cpu);

	if (cpu < DCRF32I_CPU_BYTES && dev->cpu_pin[cpu] != 0)
		return dev->cpu_pin[cpu] > 0 ? dev->cpu_pin[cpu] - 1
					     : DCRF32_E_NO_SLOT;
	if (cpu == 0x0C)
		return dcrf32i_slot_of_role(dev, DCRF32I_CONTACT, 1);
	if (cpu == 0x0B)
		return dcrf32i_slot_of_role(dev, DCRF32I_CONTACT, 2);
	if (sam > 0)
		return dcrf32i_slot_of_role(dev, DCRF32I_SAM, sam);
	return DCRF32_E_NO_SLOT;
}
