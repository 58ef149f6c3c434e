/*
 * sscardd's log: one line a message on stderr, which systemd hands to the
 * journal.  Never a PIN, a token, a key or card data: callers log methods,
 * paths, status codes and libsscard's error names.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdarg.h>
#include <stdio.h>

#include "sscardd.h"

void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* one write a line, so the threads' lines do not interleave */
	fprintf(stderr, "%s\n", line);
}
