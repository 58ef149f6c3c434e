/*
 * Key sources for terminal authentication: a PSAM in a reader (found by
 * probing for its DF01), an HSM behind the caller's callback, a key file
 * (labs only; refused when others can read it).  What they compute is
 * auth.c's.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/crypto.h>

#include "internal.h"

#define LINE_MAX_LEN 200
#define READERS_PROBED 16

static sscard_keys *new_keys(sscard_ctx *ctx, int kind)
{
	sscard_keys *k = calloc(1, sizeof(*k));

	if (k != NULL) {
		k->ctx = ctx;
		k->kind = kind;
	}
	return k;
}

/* From the MF, SELECT DF01: a PSAM's ministry application.  From the MF
 * because a user card has a DF01 too, under its SSSE, which another
 * program's read may have left selected (a 3.0 card answers 9000 there).
 * The terminal number from file 0016 in the MF on the way. */
static int probe_psam(sscard_keys *k)
{
	static const uint8_t df01[] = { 0xDF, 0x01 }, mf[] = { 0x3F, 0x00 };
	uint8_t term[8];
	size_t len = sizeof(term);
	uint16_t sw;
	int rv;

	rv = sscardi_begin(&k->psam);
	if (rv < 0)
		return rv;
	rv = sscardi_cmd(&k->psam, 0x00, 0xA4, 0x00, 0x00, mf, 2,
			 SSCARDI_NO_LE, NULL, NULL, &sw);
	if (rv == 0 && sw != 0x9000)
		rv = SSCARD_E_NO_PSAM;
	if (rv == 0)
		rv = sscardi_cmd(&k->psam, 0x00, 0xB0, 0x96, 0x00, NULL, 0, 6,
				 term, &len, &sw);
	/* a PSAM without a readable terminal number is still a PSAM */
	if (rv == 0 && sw == 0x9000 && len == 6 &&
	    sscardi_n_to_str(term, 6, k->terminal, sizeof(k->terminal)) < 0)
		k->terminal[0] = '\0';
	if (rv == SSCARD_E_BUFFER_TOO_SMALL)
		rv = 0;
	if (rv == 0)
		rv = sscardi_cmd(&k->psam, 0x00, 0xA4, 0x00, 0x00, df01, 2,
				 SSCARDI_NO_LE, NULL, NULL, &sw);
	if (rv == 0 && sw != 0x9000)
		rv = SSCARD_E_NO_PSAM;
	sscardi_end(&k->psam);
	return rv;
}

static int open_psam(sscard_ctx *ctx, const char *reader, sscard_keys **out)
{
	sscard_keys *k = new_keys(ctx, SSCARD_KEYS_PSAM);
	void *io;
	int rv;

	if (k == NULL)
		return SSCARD_E_NO_MEMORY;
	io = ctx->backend->io_new(ctx->backend_state);
	if (io == NULL) {
		free(k);
		return SSCARD_E_NO_MEMORY;
	}
	rv = sscardi_chan_open(&k->psam, ctx, ctx->backend->chan, io,
			       reader);
	if (rv == 0)
		rv = probe_psam(k);
	if (rv < 0) {
		sscardi_chan_close(&k->psam);
		free(k);
		return rv;
	}
	sscardi_log(ctx, SSCARD_LOG_INFO, "PSAM in '%s', terminal %s", reader,
		    k->terminal[0] ? k->terminal : "(none)");
	*out = k;
	return 0;
}

int sscard_keys_from_psam(sscard_ctx *ctx, const char *reader,
			  sscard_keys **keys)
{
	struct sscard_reader readers[READERS_PROBED];
	size_t n, i;
	int rv;

	if (ctx == NULL || keys == NULL)
		return SSCARD_E_INVALID_ARG;
	*keys = NULL;
	if (!sscardi_owner_ok(ctx))
		return SSCARD_E_WRONG_THREAD;
	if (reader != NULL) {
		rv = open_psam(ctx, reader, keys);
		if (rv == SSCARD_E_NO_CARD || rv == SSCARD_E_CARD_REMOVED ||
		    rv == SSCARD_E_CARD_MUTE)
			rv = SSCARD_E_NO_PSAM;
		return rv;
	}
	rv = sscardi_list_readers(ctx, readers, READERS_PROBED, &n);
	if (rv < 0)
		return rv;
	for (i = 0; i < n && i < READERS_PROBED; i++) {
		if (readers[i].state != SSCARD_READER_CARD)
			continue;
		rv = open_psam(ctx, readers[i].name, keys);
		if (rv != SSCARD_E_NO_PSAM && rv != SSCARD_E_NO_CARD &&
		    rv != SSCARD_E_SHARING)
			return rv;
	}
	return SSCARD_E_NO_PSAM;
}

int sscard_keys_from_hsm(sscard_ctx *ctx, sscard_hsm_fn fn, void *user,
			 sscard_keys **keys)
{
	if (ctx == NULL || fn == NULL || keys == NULL)
		return SSCARD_E_INVALID_ARG;
	*keys = new_keys(ctx, SSCARD_KEYS_HSM);
	if (*keys == NULL)
		return SSCARD_E_NO_MEMORY;
	(*keys)->hsm = fn;
	(*keys)->hsm_user = user;
	return 0;
}

static int file_error(char *err, size_t err_len, const char *path, int line,
		      const char *why)
{
	if (err != NULL && err_len > 0) {
		if (line > 0)
			snprintf(err, err_len, "%s:%d: %s", path, line, why);
		else
			snprintf(err, err_len, "%s: %s", path, why);
	}
	return SSCARD_E_KEYFILE;
}

/* "NAME ALG HEX": one line of a key file into k. */
static const char *key_line(sscard_keys *k, char *line)
{
	char *name, *alg, *hex, *extra, *save = NULL;
	size_t i, n;
	int idx;

	name = strtok_r(line, " \t", &save);
	if (name == NULL || name[0] == '#')
		return NULL;
	alg = strtok_r(NULL, " \t", &save);
	hex = strtok_r(NULL, " \t", &save);
	extra = strtok_r(NULL, " \t", &save);
	for (idx = 0; idx < SSCARDI_KEY_COUNT; idx++)
		if (strcmp(name, sscardi_key_names[idx]) == 0)
			break;
	if (idx == SSCARDI_KEY_COUNT)
		return "unknown key name (RKSSSE, RK1DF04, IRKSSSE, PUK, PINRELOAD)";
	if (alg == NULL || hex == NULL || (extra != NULL && extra[0] != '#'))
		return "a line is NAME ALG HEXKEY";
	if (strcmp(alg, "sm4") == 0)
		k->file[idx].alg = SSCARD_ALG_SM4;
	else if (strcmp(alg, "3des") == 0)
		k->file[idx].alg = SSCARD_ALG_3DES;
	else
		return "the algorithm is 3des or sm4";
	n = strlen(hex);
	for (i = 0; i < n; i++)
		if (!((hex[i] >= '0' && hex[i] <= '9') ||
		      ((hex[i] | 0x20) >= 'a' && (hex[i] | 0x20) <= 'f')))
			break;
	if (n != 32 || i != n)
		return "a key is 32 hex digits";
	for (i = 0; i < 16; i++) {
		unsigned v;

		sscanf(hex + 2 * i, "%2x", &v);
		k->file[idx].key[i] = (uint8_t)v;
	}
	OPENSSL_cleanse(hex, n);
	k->file[idx].present = 1;
	return NULL;
}

int sscard_keys_from_file(sscard_ctx *ctx, const char *path, char *err,
			  size_t err_len, sscard_keys **keys)
{
	char line[LINE_MAX_LEN + 1];
	const char *why = NULL;
	sscard_keys *k = NULL;
	struct stat st;
	int rv = 0, got, lineno = 0;
	FILE *f;

	if (err != NULL && err_len > 0)
		err[0] = '\0';
	if (ctx == NULL || path == NULL || keys == NULL)
		return SSCARD_E_INVALID_ARG;
	*keys = NULL;
	f = sscardi_open_config(path);
	if (f == NULL)
		return file_error(err, err_len, path, 0, errno == EINVAL
				  ? "not a regular file" : strerror(errno));
	if (fstat(fileno(f), &st) != 0 || (st.st_mode & 077) != 0) {
		rv = file_error(
			err, err_len, path, 0,
			"group or others can "
			"read it: chmod 600 (keys stay with their owner)");
		goto out;
	}
	k = new_keys(ctx, SSCARD_KEYS_FILE);
	if (k == NULL) {
		rv = SSCARD_E_NO_MEMORY;
		goto out;
	}
	for (;;) {
		got = sscardi_config_line(f, line, sizeof(line));
		if (got == SSCARDI_LINE_EOF)
			break;
		lineno++;
		if (got == SSCARDI_LINE_NUL)
			why = "NUL byte in the line";
		else if (got == SSCARDI_LINE_TOO_LONG)
			why = "line too long";
		else
			why = key_line(k, line);
		if (why != NULL) {
			rv = file_error(err, err_len, path, lineno, why);
			break;
		}
	}
	OPENSSL_cleanse(line, sizeof(line));
out:
	fclose(f);
	if (rv < 0) {
		sscard_keys_free(k);
		return rv;
	}
	*keys = k;
	return 0;
}

void sscard_keys_free(sscard_keys *keys)
{
	if (keys == NULL)
		return;
	if (keys->users > 0) {
		sscardi_log(keys->ctx, SSCARD_LOG_ERROR,
			    "sscard_keys_free while %u card(s) use them "
			    "ignored: sscard_use_keys(card, NULL) first",
			    keys->users);
		return;
	}
	if (keys->kind == SSCARD_KEYS_PSAM)
		sscardi_chan_close(&keys->psam);
	OPENSSL_cleanse(keys, sizeof(*keys));
	free(keys);
}

int sscard_keys_kind(const sscard_keys *keys)
{
	return keys != NULL ? keys->kind : 0;
}

const char *sscard_keys_reader(const sscard_keys *keys)
{
	return keys != NULL && keys->kind == SSCARD_KEYS_PSAM
	       ? keys->psam.reader : "";
}

const char *sscard_keys_terminal(const sscard_keys *keys)
{
	return keys != NULL ? keys->terminal : "";
}

/* sscard_keys_get_stats, under its symbol versions in abi.c */
void sscardi_keys_get_stats(const sscard_keys *keys,
			    struct sscard_stats *stats)
{
	if (stats == NULL)
		return;
	memset(stats, 0, sizeof(*stats));
	if (keys != NULL && keys->kind == SSCARD_KEYS_PSAM)
		*stats = keys->psam.stats;
}

int sscard_use_keys(sscard *card, sscard_keys *keys)
{
	if (card == NULL || (keys != NULL && keys->ctx != card->chan.ctx))
		return SSCARD_E_INVALID_ARG;
	if (!sscardi_owner_ok(card->chan.ctx))
		return SSCARD_E_WRONG_THREAD;
	if (card->keys != NULL)
		card->keys->users--;
	card->keys = keys;
	if (keys != NULL)
		keys->users++;
	return 0;
}

int sscard_keys_set_flags(sscard_keys *keys, unsigned flags)
{
	if (keys == NULL || (flags & ~(unsigned)SSCARD_KEYS_CONFIRM_LAST_TRY))
		return SSCARD_E_INVALID_ARG;
	keys->flags = flags;
	return 0;
}


struct sscardi_chan *sscardi_psam_of(sscard *card)
{
	return card->keys != NULL && card->keys->kind == SSCARD_KEYS_PSAM
	       ? &card->keys->psam : NULL;
}
