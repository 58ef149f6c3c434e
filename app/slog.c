/*
 * Structured records (slog.h).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <sys/stat.h>

#include <systemd/sd-journal.h>

#include "slog.h"

/* systemd sets JOURNAL_STREAM to "device:inode" of the stream it gave
 * as stdout and stderr; it is ours only while stderr is still that */
int slog_journal_stderr(void)
{
	const char *stream = secure_getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	char end;

	if (stream == NULL ||
	    sscanf(stream, "%llu:%llu%c", &dev, &ino, &end) != 2)
		return 0;
	if (fstat(2, &st) < 0)
		return 0;
	return (unsigned long long)st.st_dev == dev &&
	       (unsigned long long)st.st_ino == ino;
}

/* a reader's name as one quoted value: printable ASCII, '"' and '\' as '?' */
static void quoted(char *out, size_t size, const char *in)
{
	size_t o = 0;

	for (; *in != '\0' && o + 1 < size; in++)
		out[o++] = *in >= 0x20 && *in < 0x7F && *in != '"' &&
			   *in != '\\' ? *in : '?';
	out[o] = '\0';
}

static const char *sw_text(unsigned sw, char buf[8])
{
	if (sw == 0)
		return "-";
	snprintf(buf, 8, "%04X", sw & 0xFFFFu);
	return buf;
}

void slog_format(char *buf, size_t size, const struct slog_record *r)
{
	char reader[128], sw[8], request[32] = "", status[16] = "";

	quoted(reader, sizeof(reader), r->reader != NULL ? r->reader : "");
	if (r->request != 0)
		snprintf(request, sizeof(request), "request=%llu ",
			 (unsigned long long)r->request);
	if (r->status != 0)
		snprintf(status, sizeof(status), " status=%d", r->status);
	snprintf(buf, size, "%s: %sop=%s code=%s sw=%s reader=\"%s\" ms=%.1f%s",
		 r->program, request, r->op, r->code, sw_text(r->sw, sw),
		 reader, r->ms, status);
}

int slog_journal(const struct slog_record *r)
{
	char line[512], sw[8], reader[128];
	int priority = r->failed ? LOG_WARNING : LOG_INFO;

	slog_format(line, sizeof(line), r);
	quoted(reader, sizeof(reader), r->reader != NULL ? r->reader : "");
	return sd_journal_send("MESSAGE=%s", line,
			       "PRIORITY=%d", priority,
			       "SYSLOG_IDENTIFIER=%s", r->program,
			       "SSCARD_OP=%s", r->op,
			       "SSCARD_CODE=%s", r->code,
			       "SSCARD_SW=%s", sw_text(r->sw, sw),
			       "SSCARD_READER=%s", reader,
			       "SSCARD_MS=%.1f", r->ms,
			       "SSCARD_REQUEST=%llu",
			       (unsigned long long)r->request,
			       NULL) < 0 ? -1 : 0;
}
