/*
 * Region profiles: where a region keeps the medical account on the card.
 * The format is documented in lib/profiles/README.md; every line is
 * checked when the profile is set, never at read time.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#ifndef SSCARD_DATADIR          /* build/paths.h, made by the Makefile */
#define SSCARD_DATADIR "/usr/local/share/libsscard"
#endif

#define LINE_MAX_LEN 256

struct rparser {
	const char *file;
	int line;
	char *err;
	size_t err_len;
	struct sscardi_region *r;
	unsigned seen;
};

enum { SEEN_NAME = 1, SEEN_DF = 2, SEEN_EF = 4, SEEN_BALANCE = 8,
       SEEN_ACCESS = 16 };

static int fail(struct rparser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct rparser *ps, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ps->err != NULL && ps->err_len > 0)
		snprintf(ps->err, ps->err_len, "%s:%d: %s", ps->file, ps->line,
			 msg);
	return SSCARD_E_PROFILE;
}

/* A word of the file, for an error message: only a short token of the
 * profile language is echoed, never other content of the file. */
static const char *shown(const char *word)
{
	size_t i;

	for (i = 0; word[i] != '\0'; i++)
		if (i >= 16 || !(isalnum((unsigned char)word[i]) ||
				 strchr("_.+-", word[i]) != NULL))
			return "(not shown)";
	return word;
}

/* Split line into at most max whitespace-separated words. */
static int words(char *line, char **w, int max)
{
	int n = 0;
	char *save = NULL, *t;

	for (t = strtok_r(line, " \t", &save); t != NULL;
	     t = strtok_r(NULL, " \t", &save)) {
		if (t[0] == '#')
			break;
		if (n == max)
			return max + 1;
		w[n++] = t;
	}
	return n;
}

static int hex_number(const char *s, unsigned max, unsigned *out)
{
	char *end;
	unsigned long v;

	if (!isxdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtoul(s, &end, 16);
	if (*end != '\0' || errno != 0 || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int parse_field(struct rparser *ps, char **w, int n,
		       struct sscardi_field *f, int amount)
{
	static const char *encs[] = { "bcd", "binary", "ascii", "date8" };
	unsigned tag;
	long len;
	char *end;
	int e;

	if (n == 2 && strcmp(w[1], "none") == 0 && !amount) {
		memset(f, 0, sizeof(*f));
		return 0;
	}
	if (n != (amount ? 5 : 4))
		return fail(ps,
			    amount ? "'%s' takes TAG ENCODING BYTES UNIT"
				   : "'%s' takes TAG ENCODING BYTES, or none",
			    w[0]);
	if (hex_number(w[1], 0xFE, &tag) < 0 || tag == 0)
		return fail(ps, "'%s': tag must be hex 01..FE", shown(w[1]));
	for (e = 0; e < 4; e++)
		if (strcmp(w[2], encs[e]) == 0)
			break;
	if (e == 4)
		return fail(ps, "unknown encoding '%s' (bcd, binary, ascii, date8)",
			    shown(w[2]));
	len = strtol(w[3], &end, 10);
	if (*end != '\0' || len < 1 || len > 32)
		return fail(ps, "'%s': length must be 1..32 bytes",
			    shown(w[3]));
	if (amount && (e == SSCARDI_ENC_DATE8 ||
		       (e == SSCARDI_ENC_BINARY && len > 8) ||
		       (e == SSCARDI_ENC_BCD && len > 9)))
		return fail(ps, "an amount is bcd (<= 9 bytes), binary (<= 8) or ascii");
	if (e == SSCARDI_ENC_DATE8 && len != 4)
		return fail(ps, "date8 is 4 bytes");
	f->present = 1;
	f->tag = (uint8_t)tag;
	f->enc = e;
	f->len = (int)len;
	f->yuan = 0;
	if (amount) {
		if (strcmp(w[4], "yuan") == 0)
			f->yuan = 1;
		else if (strcmp(w[4], "fen") != 0)
			return fail(ps, "unit is fen or yuan, not '%s'",
				    shown(w[4]));
	}
	return 0;
}

/* key NAME USAGE INDEX CARDID: the PSAM's usage and index and the card's
 * key id for one of lib/card.md's keys (hex; CARDID 00: none) */
static int parse_keyref(struct rparser *ps, char **w, int n)
{
	unsigned usage, index, card_id;
	int k;

	for (k = 0; k < SSCARDI_KEY_COUNT; k++)
		if (n > 1 && strcmp(w[1], sscardi_key_names[k]) == 0)
			break;
	if (n != 5 || k == SSCARDI_KEY_COUNT ||
	    hex_number(w[2], 0xFF, &usage) < 0 ||
	    hex_number(w[3], 0xFF, &index) < 0 ||
	    hex_number(w[4], 0xFF, &card_id) < 0 || (usage >> 5) > 3)
		return fail(ps,
			    "key takes NAME (RKSSSE, RK1DF04, IRKSSSE, PUK, "
			    "PINRELOAD) USAGE INDEX CARDID, hex");
	ps->r->keys[k].usage = (uint8_t)usage;
	ps->r->keys[k].index = (uint8_t)index;
	ps->r->keys[k].card_id = (uint8_t)card_id;
	return 0;
}

static int parse_line(struct rparser *ps, char *line)
{
	struct sscardi_region *r = ps->r;
	char *w[6];
	unsigned v;
	int n = words(line, w, 5);

	if (n == 0)
		return 0;
	if (n > 5)
		return fail(ps, "too many words");
	if (strcmp(w[0], "name") == 0) {
		if (n != 2 || strlen(w[1]) >= sizeof(r->name))
			return fail(ps, "name takes one word (< 64 bytes)");
		sscardi_utf8_copy(r->name, sizeof(r->name), w[1],
				  strlen(w[1]));
		ps->seen |= SEEN_NAME;
	} else if (strcmp(w[0], "df") == 0) {
		r->df_aid_len = 0;
		if (n == 3 && strcmp(w[1], "aid") == 0) {
			size_t i, hl = strlen(w[2]);

			if (hl % 2 || hl < 10 || hl > 32)
				return fail(ps,
					    "df aid takes 5..16 bytes of hex");
			for (i = 0; i < hl / 2; i++) {
				char byte[3] = { w[2][2 * i],
						 w[2][2 * i + 1], 0 };

				if (hex_number(byte, 0xFF, &v) < 0)
					return fail(ps, "df aid: bad hex");
				r->df_aid[i] = (uint8_t)v;
			}
			r->df_aid_len = hl / 2;
		} else if (n != 2 || hex_number(w[1], 0xFFFF, &v) < 0) {
			return fail(ps,
				    "df takes a FID (e.g. DF04) or 'aid HEX'");
		} else {
			r->df_fid = (uint16_t)v;
		}
		ps->seen |= SEEN_DF;
	} else if (strcmp(w[0], "ef") == 0) {
		if (n != 2 || hex_number(w[1], 0xFFFF, &v) < 0)
			return fail(ps, "ef takes a FID (e.g. EF06)");
		r->ef_fid = (uint16_t)v;
		ps->seen |= SEEN_EF;
	} else if (strcmp(w[0], "balance") == 0) {
		if (parse_field(ps, w, n, &r->balance, 1) < 0)
			return SSCARD_E_PROFILE;
		ps->seen |= SEEN_BALANCE;
	} else if (strcmp(w[0], "category") == 0) {
		return parse_field(ps, w, n, &r->category, 0);
	} else if (strcmp(w[0], "updated") == 0) {
		if (parse_field(ps, w, n, &r->updated, 0) < 0)
			return SSCARD_E_PROFILE;
		if (r->updated.present && r->updated.enc != SSCARDI_ENC_DATE8)
			return fail(ps, "updated is a date8 field, or none");
	} else if (strcmp(w[0], "key") == 0) {
		return parse_keyref(ps, w, n);
	} else if (strcmp(w[0], "access") == 0) {
		if (n != 2)
			return fail(ps, "access takes none, pin or pin+auth");
		if (strcmp(w[1], "none") == 0)
			r->access = SSCARDI_ACCESS_NONE;
		else if (strcmp(w[1], "pin") == 0)
			r->access = SSCARDI_ACCESS_PIN;
		else if (strcmp(w[1], "pin+auth") == 0)
			r->access = SSCARDI_ACCESS_PIN_AUTH;
		else
			return fail(ps, "access takes none, pin or pin+auth");
		ps->seen |= SEEN_ACCESS;
	} else {
		return fail(ps, "unknown key '%s'", shown(w[0]));
	}
	return 0;
}

int sscardi_region_load(const char *path, struct sscardi_region *out,
			char *err, size_t err_len)
{
	struct sscardi_region r;
	struct rparser ps = { path, 0, err, err_len, &r, 0 };
	char line[LINE_MAX_LEN + 1];
	FILE *f;
	int rv = 0, got;

	memset(&r, 0, sizeof(r));
	memcpy(r.keys, sscardi_region_default.keys, sizeof(r.keys));
	f = sscardi_open_config(path);
	if (f == NULL) {
		if (err != NULL && err_len > 0)
			snprintf(err, err_len, "%s: %s", path,
				 errno == EINVAL ? "not a regular file"
						 : strerror(errno));
		return SSCARD_E_PROFILE;
	}
	while (rv == 0) {
		got = sscardi_config_line(f, line, sizeof(line));
		if (got == SSCARDI_LINE_EOF)
			break;
		ps.line++;
		if (got == SSCARDI_LINE_NUL)
			rv = fail(&ps,
				  "NUL byte in the line (not a text file?)");
		else if (got == SSCARDI_LINE_TOO_LONG)
			rv = fail(&ps, "line longer than %d bytes",
				  LINE_MAX_LEN);
		else
			rv = parse_line(&ps, line);
	}
	fclose(f);
	if (rv == 0 &&
	    (ps.seen & (SEEN_NAME | SEEN_DF | SEEN_EF | SEEN_BALANCE |
			SEEN_ACCESS)) != (SEEN_NAME | SEEN_DF | SEEN_EF |
					  SEEN_BALANCE | SEEN_ACCESS)) {
		ps.line++;
		rv = fail(&ps, "name, df, ef, balance and access are required");
	}
	if (rv == 0)
		*out = r;
	return rv;
}

int sscard_set_profile(sscard_ctx *ctx, const char *name, char *err,
		       size_t err_len)
{
	const char *dir = secure_getenv("SSCARD_PROFILE_DIR");
	char path[1024];
	size_t i;

	if (err != NULL && err_len > 0)
		err[0] = '\0';
	if (ctx == NULL || name == NULL || name[0] == '\0')
		return SSCARD_E_INVALID_ARG;
	if (!sscardi_owner_ok(ctx))
		return SSCARD_E_WRONG_THREAD;
	if (strcmp(name, "default") == 0) {
		ctx->region = sscardi_region_default;
		return 0;
	}
	if (strchr(name, '/') != NULL)
		return sscardi_region_load(name, &ctx->region, err, err_len);
	for (i = 0; name[i] != '\0'; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '-' &&
		    name[i] != '_')
			break;
	if (name[i] != '\0' || i > 64) {
		if (err != NULL && err_len > 0)
			snprintf(err, err_len, "'%s': not a profile name",
				 name);
		return SSCARD_E_PROFILE;
	}
	if (dir != NULL) {
		snprintf(path, sizeof(path), "%s/%s.profile", dir, name);
		if (access(path, F_OK) == 0)
			return sscardi_region_load(path, &ctx->region, err,
						   err_len);
	}
	snprintf(path, sizeof(path), "%s/profiles/%s.profile", SSCARD_DATADIR,
		 name);
	if (access(path, F_OK) != 0) {
		if (err != NULL && err_len > 0)
			snprintf(err, err_len, "no profile '%s' (looked in %s%s%s/profiles)",
				 name, dir ? dir : "", dir ? " and " : "",
				 SSCARD_DATADIR);
		return SSCARD_E_PROFILE;
	}
	return sscardi_region_load(path, &ctx->region, err, err_len);
}
