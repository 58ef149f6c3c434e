/*
 * Which reader a port or a slot is: dc_config_port_name() first, then
 * $SSCARD_DCRF32_READER (ports 100 and 200), then the file
 * ($SSCARD_DCRF32_CONF or /etc/sscard/dcrf32.conf) of "key = value" lines:
 *
 *   port.101 = ACS ACR39U ICC Reader      # a device: any of its names,
 *                                         # or the name without the slot
 *   slot.0x0D = Decard DC4 SAM 00 01      # the reader dc_setcpu(0x0D) uses
 *
 * '#' starts a comment at a line's start or after a blank.  The file is
 * read through libsscard's rules for configuration files (a regular file,
 * bounded lines, no NUL); a line that is not understood is skipped.
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

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

static void cut_comment(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			return;
		}
}

/* The value of key in the file, into value; 1 found, 0 not. */
static int file_value(const char *key, char *value, size_t size)
{
	const char *path = secure_getenv("SSCARD_DCRF32_CONF");
	char line[512];
	FILE *f;
	int found = 0;

	f = sscardi_open_config(path != NULL ? path : DEFAULT_FILE);
	if (f == NULL)
		return 0;
	for (;;) {
		char *k, *v, *eq;
		int rv = sscardi_config_line(f, line, sizeof(line));

		if (rv == SSCARDI_LINE_EOF)
			break;
		if (rv != 0)
			continue;
		cut_comment(line);
		eq = strchr(line, '=');
		if (eq == NULL)
			continue;
		*eq = '\0';
		k = trim(line);
		v = trim(eq + 1);
		if (strcasecmp(k, key) == 0 && *v != '\0') {
			snprintf(value, size, "%s", v);
			found = 1;  /* the last line of a key wins */
		}
	}
	fclose(f);
	return found;
}

int dcrf32i_conf_port(unsigned port, char *name, size_t size)
{
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
	return file_value(key, name, size);
}

int dcrf32i_conf_slot(unsigned char cpu, char *name, size_t size)
{
	char key[32];

	snprintf(key, sizeof(key), "slot.0x%02X", cpu);
	return file_value(key, name, size);
}
