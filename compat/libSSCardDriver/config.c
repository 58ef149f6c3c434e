/*
 * libSSCardDriver's configuration: a file of "key = value" lines ('#'
 * comments, also after a value and a blank), $SSCARD_DRIVER_CONFIG or
 * /etc/sscard/SSCardDriver.conf, then the environment (SSCARD_DRIVER_READER,
 * _PSAM, _CONTACTLESS, _CHARSET, _LOG, _DEVICE, _PIN_HOLD), which wins.  Keys:
 * reader, psam, contactless, charset, log, device, hsm_timeout, pin_hold.  A
 * line that cannot be used is reported in the log and skipped.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compat.h"
#include "internal.h"

#define DEFAULT_FILE "/etc/sscard/SSCardDriver.conf"
#define HSM_TIMEOUT_DEFAULT 120
#define HSM_TIMEOUT_MAX 3600
#define PIN_HOLD_DEFAULT 300
#define PIN_HOLD_MAX 3600

/* The file's complaints go to the log named so far: the configuration is
 * not published until it is loaded. */
static void complain(const struct config *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void complain(const struct config *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(c->log, fmt, ap);
	va_end(ap);
}

static int set_charset(struct config *c, const char *v)
{
	if (strcasecmp(v, "GBK") == 0 || strcasecmp(v, "GB18030") == 0 ||
	    strcasecmp(v, "UTF-8") == 0) {
		snprintf(c->charset, sizeof(c->charset), "%s", v);
		return 0;
	}
	return -1;
}

/* whole seconds, 1 to max */
static int set_seconds(int *to, const char *v, long max)
{
	char *end;
	long n;

	n = strtol(v, &end, 10);
	if (*v < '0' || *v > '9' || *end != '\0' || n < 1 || n > max)
		return -1;
	*to = (int)n;
	return 0;
}

static int set_value(struct config *c, const char *key, const char *v)
{
	if (strcmp(key, "reader") == 0)
		return snprintf(c->reader, sizeof(c->reader), "%s", v) <
		       (int)sizeof(c->reader) ? 0 : -1;
	if (strcmp(key, "psam") == 0)
		return snprintf(c->psam, sizeof(c->psam), "%s", v) <
		       (int)sizeof(c->psam) ? 0 : -1;
	if (strcmp(key, "contactless") == 0)
		return snprintf(c->contactless, sizeof(c->contactless), "%s",
				v) < (int)sizeof(c->contactless) ? 0 : -1;
	if (strcmp(key, "charset") == 0)
		return set_charset(c, v);
	if (strcmp(key, "log") == 0)
		return snprintf(c->log, sizeof(c->log), "%s", v) <
		       (int)sizeof(c->log) ? 0 : -1;
	if (strcmp(key, "device") == 0)
		return snprintf(c->device, sizeof(c->device), "%s", v) <
		       (int)sizeof(c->device) ? 0 : -1;
	if (strcmp(key, "hsm_timeout") == 0)
		return set_seconds(&c->hsm_timeout_s, v, HSM_TIMEOUT_MAX);
	if (strcmp(key, "pin_hold") == 0)
		return set_seconds(&c->pin_hold_s, v, PIN_HOLD_MAX);
	return -1;
}

static void load_file(struct config *c, const char *path, int must)
{
	char line[512];
	FILE *f = sscardi_open_config(path);
	int n = 0, rv;

	if (f == NULL) {
		if (must)
			complain(c, "%s: cannot open", path);
		return;
	}
	for (;;) {
		char *key, *value;

		rv = sscardi_config_line(f, line, sizeof(line));
		if (rv == SSCARDI_LINE_EOF)
			break;
		n++;
		if (rv != 0) {
			complain(c,
				 "%s:%d: line too long or holds NUL: skipped",
				 path, n);
			continue;
		}
		rv = sscardi_config_pair(line, &key, &value);
		if (rv == 0)
			continue;
		if (rv < 0) {
			complain(c, "%s:%d: no '=': skipped", path, n);
			continue;
		}
		if (set_value(c, key, value) < 0)
			complain(c, "%s:%d: unknown key or bad value: skipped",
				 path, n);
	}
	fclose(f);
}

void config_load(struct config *c)
{
	static const struct {
		const char *env, *key;
	} envs[] = {
		{ "SSCARD_DRIVER_READER", "reader" },
		{ "SSCARD_DRIVER_PSAM", "psam" },
		{ "SSCARD_DRIVER_CONTACTLESS", "contactless" },
		{ "SSCARD_DRIVER_CHARSET", "charset" },
		{ "SSCARD_DRIVER_LOG", "log" },
		{ "SSCARD_DRIVER_DEVICE", "device" },
		{ "SSCARD_DRIVER_PIN_HOLD", "pin_hold" },
	};
	const char *path = secure_getenv("SSCARD_DRIVER_CONFIG");
	size_t i;

	memset(c, 0, sizeof(*c));
	snprintf(c->charset, sizeof(c->charset), "GBK");
	c->hsm_timeout_s = HSM_TIMEOUT_DEFAULT;
	c->pin_hold_s = PIN_HOLD_DEFAULT;
	/* the log first, so that the file's own complaints reach it */
	if (secure_getenv("SSCARD_DRIVER_LOG") != NULL)
		set_value(c, "log", secure_getenv("SSCARD_DRIVER_LOG"));
	load_file(c, path != NULL ? path : DEFAULT_FILE, path != NULL);
	for (i = 0; i < sizeof(envs) / sizeof(envs[0]); i++) {
		const char *v = secure_getenv(envs[i].env);

		if (v != NULL && set_value(c, envs[i].key, v) < 0)
			complain(c, "%s: bad value: ignored", envs[i].env);
	}
}

static struct config loaded;
static pthread_once_t loaded_once = PTHREAD_ONCE_INIT;

static void load_once(void)
{
	config_load(&loaded);
}

/* Loaded on first use: a call refused before any job (a bad iType first)
 * still answers in the configured charset. */
const struct config *config_get(void)
{
	pthread_once(&loaded_once, load_once);
	return &loaded;
}
