/*
 * Which reader a port or a slot is: dc_config_port_name() first, then
 * $SSCARD_DCRF32_READER (ports 100 and 200), then the file
 * ($SSCARD_DCRF32_CONF or /etc/sscard/dcrf32.conf) of "key = value" lines:
 *
 *   port.101 = ACS ACR39U ICC Reader      # a device: any of its names,
 *                                         # with or without its numbers
 *   slot.0x0D = Decard DC4 SAM 00 01      # the reader dc_setcpu(0x0D) uses
 *
 * '#' starts a comment at a line's start or after a blank.  The file is
 * read through libsscard's rules for configuration files (a regular file,
 * bounded lines, no NUL); a line that is not understood is skipped.  The
 * slots are read once, when a device is opened.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dcrf32i.h"
#include "internal.h"

#define DEFAULT_FILE "/etc/sscard/dcrf32.conf"
#define NAMED_PORTS 8

static pthread_mutex_t named_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	short port;
	char name[DCRF32I_NAME];
} named[NAMED_PORTS];
static size_t named_count;

void dc_config_port_name(short port, const char *name)
{
	size_t i;

	if (name == NULL || port < 0)
		return;
	pthread_mutex_lock(&named_lock);
	for (i = 0; i < named_count && named[i].port != port; i++)
		;
	if (i < NAMED_PORTS) {
		named[i].port = port;
		snprintf(named[i].name, sizeof(named[i].name), "%s", name);
		if (i == named_count)
			named_count++;
	}
	pthread_mutex_unlock(&named_lock);
}

/* Each "key = value" line of the file, in order, to fn. */
static void each_pair(void (*fn)(const char *key, const char *value,
				 void *user), void *user)
{
	const char *path = secure_getenv("SSCARD_DCRF32_CONF");
	char line[512], *key, *value;
	FILE *f;

	f = sscardi_open_config(path != NULL ? path : DEFAULT_FILE);
	if (f == NULL)
		return;
	for (;;) {
		int rv = sscardi_config_line(f, line, sizeof(line));

		if (rv == SSCARDI_LINE_EOF)
			break;
		if (rv == 0 && sscardi_config_pair(line, &key, &value) > 0 &&
		    *value != '\0')
			fn(key, value, user);
	}
	fclose(f);
}

struct wanted {
	const char *key;
	char *value;
	size_t size;
	int found;
};

/* the last line of a key wins */
static void take_value(const char *key, const char *value, void *user)
{
	struct wanted *w = user;

	if (strcasecmp(key, w->key) == 0) {
		snprintf(w->value, w->size, "%s", value);
		w->found = 1;
	}
}

int dcrf32i_conf_port(unsigned port, char *name, size_t size)
{
	struct wanted w = { NULL, name, size, 0 };
	const char *env;
	char key[32];
	size_t i;
	int found = 0;

	pthread_mutex_lock(&named_lock);
	for (i = 0; i < named_count; i++)
		if ((unsigned)named[i].port == port) {
			snprintf(name, size, "%s", named[i].name);
			found = 1;
		}
	pthread_mutex_unlock(&named_lock);
	if (found)
		return 1;
	env = secure_getenv("SSCARD_DCRF32_READER");
	if (env != NULL && *env != '\0' && (port == 100 || port == 200)) {
		snprintf(name, size, "%s", env);
		return 1;
	}
	snprintf(key, sizeof(key), "port.%u", port);
	w.key = key;
	each_pair(take_value, &w);
	return w.found;
}

/* "slot.0x0D = reader": the slot of dev with that name, for the byte */
static void pin_slot(const char *key, const char *value, void *user)
{
	struct dcrf32i_dev *dev = user;
	unsigned long cpu;
	char *end;
	size_t i;

	if (strncasecmp(key, "slot.0x", 7) != 0)
		return;
	cpu = strtoul(key + 7, &end, 16);
	if (*end != '\0' || end == key + 7 || cpu >= DCRF32I_CPU_BYTES)
		return;
	dev->cpu_pin[cpu] = DCRF32_E_NO_SLOT;
	for (i = 0; i < dev->nslots; i++)
		if (strcmp(dev->slot[i].reader, value) == 0)
			dev->cpu_pin[cpu] = (short)(i + 1);
}

void dcrf32i_conf_slots(struct dcrf32i_dev *dev)
{
	memset(dev->cpu_pin, 0, sizeof(dev->cpu_pin));
	each_pair(pin_slot, dev);
}
