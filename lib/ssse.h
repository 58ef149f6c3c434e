/*
 * Inside the SSSE's files (ssse.c, ssse_fields.c, basic.c, photo.c): the
 * card and holder fields of EF05 / EF06 and one read of them.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_SSSE_H
#define SSCARD_SSSE_H

#include "internal.h"

#define EF05 0
#define EF06 1

struct sscardi_ssse_field {
	int ef;
	uint8_t tag;
	uint8_t len;                /* per lib/card.md: Le = len + 2 */
	int required;
	const char *name;           /* in errors: sscard_basic.error_field */
};

#define SSCARDI_SSSE_NFIELDS 14
SSCARDI_HIDDEN extern const struct sscardi_ssse_field
	sscardi_ssse_fields[SSCARDI_SSSE_NFIELDS];

/* Values read in one basic read, by field index. */
struct sscardi_basic_read {
	uint8_t val[SSCARDI_SSSE_NFIELDS][255];
	size_t len[SSCARDI_SSSE_NFIELDS];
	int present[SSCARDI_SSSE_NFIELDS];
	int ok_in_mode[2];          /* a read of this EF has worked */
	int recs_scanned[2];
};

/* 6982 where a file is named: terminal authentication. */
SSCARDI_HIDDEN extern const struct sscardi_sw_rule sscardi_ssse_file_rules[];
/* The terminal authentication that opens the SSSE's files. */
SSCARDI_HIDDEN int sscardi_ssse_unlock(sscard *card);

/* Read field i into br, by the EF's current read mode. */
SSCARDI_HIDDEN int sscardi_ssse_read_field(sscard *card, size_t i,
					   struct sscardi_basic_read *br);
/* The index in sscardi_ssse_fields of tag, or -1. */
SSCARDI_HIDDEN int sscardi_ssse_field_index(uint8_t tag);

#endif
