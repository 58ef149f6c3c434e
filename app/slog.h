/*
 * One record a finished call, with the same fields from sscardd and
 * libSSCardDriver: to the journal's own fields (SSCARD_OP, SSCARD_CODE,
 * SSCARD_SW, SSCARD_READER, SSCARD_MS, SSCARD_REQUEST) when stderr is the
 * journal, else one "key=value" line.  Never a PIN, a key or card data:
 * a record holds only what these fields name.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_SLOG_H
#define SSCARD_SLOG_H

#include <stddef.h>
#include <stdint.h>

struct slog_record {
	const char *program;    /* "sscardd", "libSSCardDriver" */
	uint64_t request;       /* 0: none */
	const char *op;         /* "card", "iReadCardBas" */
	const char *code;       /* "SSCARD_OK", "SSCARD_E_NO_CARD", "-14" */
	unsigned sw;            /* 0: none */
	const char *reader;     /* NULL or "": none */
	double ms;
	int status;             /* an HTTP status; 0: none */
	int failed;             /* said at warning priority */
};

/* 1 when this process's stderr is the journal ($JOURNAL_STREAM) */
int slog_journal_stderr(void);
/* the text form, one line without its end */
void slog_format(char *buf, size_t size, const struct slog_record *r);
/* to the journal; -1 when it could not be sent */
int slog_journal(const struct slog_record *r);

#endif
