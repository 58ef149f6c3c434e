/*
 * libSSCardDriver's log: one line a call, appended to the configured file
 * with its time (never a PIN, a key or card data: the callers see to it).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "compat.h"

void log_vwrite(const char *path, const char *fmt, va_list ap)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	FILE *f;

	if (path[0] == '\0')
		return;
	f = fopen(path, "ae");
	if (f == NULL)
		return;
	localtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(f, "%s ", when);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	fclose(f);
}
