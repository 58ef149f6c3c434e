/*
 * The terminal keys' try counters are the patient's (lib/card.md "Terminal
 * authentication"): what EXTERNAL AUTHENTICATE told this process about a
 * key on a card, kept for the whole process (every context, every key
 * object) so that
 *  - a key source the card refused is never tried on that card again,
 *    until the source changes or the caller forgets the failure;
 *  - the last try is spent only when the caller confirms;
 *  - a locked key is not asked at all.
 * Cards and sources are kept as SHA-256 digests, nothing else: the table
 * may be written to a file (sscard_key_guard_file) so that separate runs
 * of a program share it.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "internal.h"

#define GUARD_ENTRIES 128
#define DIGEST_LEN 32
/* "card-digest source-digest tries failed\n" */
#define GUARD_LINE_MAX (2 * DIGEST_LEN * 2 + 16)

struct guard_entry {
	uint8_t card[DIGEST_LEN];   /* card identification code and key */
	uint8_t source[DIGEST_LEN]; /* the key source that was refused */
	int tries;                  /* left, as the card last said; -1 */
	int failed;                 /* this source was refused */
	unsigned long age;          /* for replacing the oldest */
	int used;
};

static pthread_mutex_t guard_lock = PTHREAD_MUTEX_INITIALIZER;
static struct guard_entry guard[GUARD_ENTRIES];
static unsigned long guard_clock;
static char guard_path[PATH_MAX];

/* a fork while another thread holds the table must not leave the child
 * a lock nobody will release */
static void guard_lock_all(void)
{
	pthread_mutex_lock(&guard_lock);
}

static void guard_unlock_all(void)
{
	pthread_mutex_unlock(&guard_lock);
}

__attribute__((constructor)) static void guard_init(void)
{
	pthread_atfork(guard_lock_all, guard_unlock_all, guard_unlock_all);
}

static int digest(const void *a, size_t alen, const void *b, size_t blen,
		  uint8_t out[DIGEST_LEN])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned n = 0;
	int ok;

	if (md == NULL)
		return SSCARD_E_NO_MEMORY;
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1 &&
	     EVP_DigestUpdate(md, a, alen) == 1 &&
	     (blen == 0 || EVP_DigestUpdate(md, b, blen) == 1) &&
	     EVP_DigestFinal_ex(md, out, &n) == 1 && n == DIGEST_LEN;
	EVP_MD_CTX_free(md);
	return ok ? 0 : SSCARD_E_INTERNAL;
}

/* A key source's identity: its key for a file, its terminal number and
 * ATR for a PSAM (not its slot), one name for every HSM. */
int sscardi_keys_fingerprint(const sscard_keys *keys, enum sscardi_key key,
			     uint8_t out[32])
{
	uint8_t file_key[17];
	int rv;

	switch (keys->kind) {
	case SSCARD_KEYS_FILE:
		if (!keys->file[key].present)
			return SSCARD_E_NO_KEY;
		file_key[0] = (uint8_t)keys->file[key].alg;
		memcpy(file_key + 1, keys->file[key].key, 16);
		rv = digest("sscard-file", 11, file_key,
					   sizeof(file_key), out);
		OPENSSL_cleanse(file_key, sizeof(file_key));
		return rv;
	case SSCARD_KEYS_PSAM:
		/* a PSAM is its terminal number and its ATR, not its slot */
		return digest(keys->terminal,
					     strlen(keys->terminal),
					     keys->psam.atr,
					     keys->psam.atr_len, out);
	default:
		return digest("sscard-hsm", 10, NULL, 0, out);
	}
}

/* The card and key, and the key source, as the table keeps them. */
static int guard_ids(const sscard *card, enum sscardi_key key,
		     uint8_t card_id[DIGEST_LEN], uint8_t source_id[DIGEST_LEN])
{
	uint8_t tagged[34];
	size_t n = strlen(card->id_code);
	int rv;

	if (n == 0 || card->keys == NULL)
		return SSCARD_E_CARD_DATA;
	memcpy(tagged, card->id_code, n);
	tagged[n] = (uint8_t)key;
	rv = digest("sscard-card", 11, tagged, n + 1, card_id);
	if (rv == 0)
		rv = sscardi_keys_fingerprint(card->keys, key, source_id);
	return rv;
}

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int parse_digest(const char *s, uint8_t out[DIGEST_LEN])
{
	size_t i;

	for (i = 0; i < DIGEST_LEN; i++) {
		int hi = hex_digit(s[2 * i]), lo = hi < 0 ? -1
						      : hex_digit(s[2 * i + 1]);

		if (lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* One line of the file into e: 0, or -1 for a line that is not ours. */
static int parse_line(const char *line, struct guard_entry *e)
{
	char tail[16];
	int tries, failed;

	memset(e, 0, sizeof(*e));
	if (strlen(line) < 4 * DIGEST_LEN + 4 || line[2 * DIGEST_LEN] != ' ' ||
	    line[4 * DIGEST_LEN + 1] != ' ' ||
	    parse_digest(line, e->card) < 0 ||
	    parse_digest(line + 2 * DIGEST_LEN + 1, e->source) < 0 ||
	    sscanf(line + 4 * DIGEST_LEN + 2, "%d %d%15s", &tries, &failed,
		   tail) != 2 ||
	    tries < -1 || tries > 15 || (failed != 0 && failed != 1))
		return -1;
	e->tries = tries;
	e->failed = failed;
	return 0;
}

static struct guard_entry *find(const uint8_t card_id[DIGEST_LEN],
				const uint8_t source_id[DIGEST_LEN])
{
	size_t i;

	for (i = 0; i < GUARD_ENTRIES; i++)
		if (guard[i].used &&
		    memcmp(guard[i].card, card_id, DIGEST_LEN) == 0 &&
		    memcmp(guard[i].source, source_id, DIGEST_LEN) == 0)
			return &guard[i];
	return NULL;
}

static struct guard_entry *slot_for(const uint8_t card_id[DIGEST_LEN],
				    const uint8_t source_id[DIGEST_LEN])
{
	struct guard_entry *e = find(card_id, source_id), *oldest = &guard[0];
	size_t i;

	if (e != NULL)
		return e;
	for (i = 0; i < GUARD_ENTRIES; i++) {
		if (!guard[i].used)
			return &guard[i];
		if (guard[i].age < oldest->age)
			oldest = &guard[i];
	}
	return oldest;
}

/* Caller holds guard_lock.  What the file knows joins what the process
 * knows, the more careful of the two winning: fewer tries, a failure. */
static void load_file(void)
{
	char line[GUARD_LINE_MAX + 2];
	struct guard_entry got, *e;
	FILE *f;

	f = sscardi_open_config(guard_path);
	if (f == NULL)
		return;
	while (sscardi_config_line(f, line, sizeof(line)) != SSCARDI_LINE_EOF) {
		if (parse_line(line, &got) < 0)
			continue;
		e = find(got.card, got.source);
		if (e == NULL) {
			e = slot_for(got.card, got.source);
			*e = got;
			e->used = 1;
			e->age = ++guard_clock;
			continue;
		}
		if (got.tries >= 0 && (e->tries < 0 || got.tries < e->tries))
			e->tries = got.tries;
		e->failed |= got.failed;
	}
	fclose(f);
}

/* Caller holds guard_lock.  The whole table, replaced atomically; a
 * failure to write leaves the process's own memory in force. */
static void save_file(void)
{
	char tmp[PATH_MAX + 8];
	size_t i, j;
	FILE *f;
	int fd;

	if (guard_path[0] == '\0' ||
	    snprintf(tmp, sizeof(tmp), "%s.XXXXXX", guard_path) >=
	    (int)sizeof(tmp))
		return;
	fd = mkstemp(tmp);
	if (fd < 0)
		return;
	f = fdopen(fd, "w");
	if (f == NULL) {
		close(fd);
		unlink(tmp);
		return;
	}
	for (i = 0; i < GUARD_ENTRIES; i++) {
		if (!guard[i].used)
			continue;
		for (j = 0; j < DIGEST_LEN; j++)
			fprintf(f, "%02x", guard[i].card[j]);
		fputc(' ', f);
		for (j = 0; j < DIGEST_LEN; j++)
			fprintf(f, "%02x", guard[i].source[j]);
		fprintf(f, " %d %d\n", guard[i].tries, guard[i].failed);
	}
	if (fclose(f) != 0 || rename(tmp, guard_path) != 0)
		unlink(tmp);
}

int sscard_key_guard_file(const char *path)
{
	struct stat st;
	int rv = 0;

	if (path != NULL && (path[0] == '\0' || strlen(path) >= PATH_MAX))
		return SSCARD_E_INVALID_ARG;
	pthread_mutex_lock(&guard_lock);
	if (path == NULL) {
		guard_path[0] = '\0';
		goto out;
	}
	/* a file others may write could unlock a card's last try */
	if (lstat(path, &st) == 0 &&
	    (!S_ISREG(st.st_mode) || (st.st_mode & 022) != 0 ||
	     st.st_uid != geteuid())) {
		rv = SSCARD_E_KEYFILE;
		goto out;
	}
	snprintf(guard_path, sizeof(guard_path), "%s", path);
	load_file();
out:
	pthread_mutex_unlock(&guard_lock);
	return rv;
}

/* The fewest tries any source saw left on this card's key, -1 unknown. */
static int tries_known(const uint8_t card_id[DIGEST_LEN])
{
	int tries = -1;
	size_t i;

	for (i = 0; i < GUARD_ENTRIES; i++)
		if (guard[i].used && guard[i].tries >= 0 &&
		    memcmp(guard[i].card, card_id, DIGEST_LEN) == 0 &&
		    (tries < 0 || guard[i].tries < tries))
			tries = guard[i].tries;
	return tries;
}

int sscardi_key_guard_check(sscard *card, enum sscardi_key key)
{
	uint8_t card_id[DIGEST_LEN], source_id[DIGEST_LEN];
	const struct guard_entry *e;
	int rv, tries;

	card->key_tries = -1;
	rv = guard_ids(card, key, card_id, source_id);
	if (rv < 0)
		return rv;
	pthread_mutex_lock(&guard_lock);
	if (guard_path[0] != '\0')
		load_file();        /* another process may have written since */
	e = find(card_id, source_id);
	tries = tries_known(card_id);
	card->key_tries = tries;
	if (tries == 0)
		rv = SSCARD_E_KEY_LOCKED;
	else if (e != NULL && e->failed)
		rv = SSCARD_E_KEY_WRONG;
	else if (tries == 1 && !(card->keys->flags &
				 SSCARD_KEYS_CONFIRM_LAST_TRY))
		rv = SSCARD_E_KEY_LAST_TRY;
	pthread_mutex_unlock(&guard_lock);
	if (rv < 0)
		sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
			    "%s not sent: %s (%d tries left on the card)",
			    sscardi_key_names[key], sscardi_strerror(rv),
			    tries);
	return rv;
}

void sscardi_key_guard_note(sscard *card, enum sscardi_key key, uint16_t sw)
{
	uint8_t card_id[DIGEST_LEN], source_id[DIGEST_LEN];
	struct guard_entry *e;
	size_t i;
	int tries;

	if (sw == 0x6983)
		tries = 0;
	else if ((sw & 0xFFF0) == 0x63C0)
		tries = sw & 0x0F;
	else if (sw != 0x9000)
		return;             /* not a verdict on the key */
	if (guard_ids(card, key, card_id, source_id) < 0)
		return;
	card->key_tries = sw == 0x9000 ? -1 : tries;
	pthread_mutex_lock(&guard_lock);
	if (guard_path[0] != '\0')
		load_file();
	if (sw == 0x9000) {
		/* a right key restores the card's tries for it; the sources
		 * it refused stay refused */
		for (i = 0; i < GUARD_ENTRIES; i++) {
			if (!guard[i].used ||
			    memcmp(guard[i].card, card_id, DIGEST_LEN) != 0)
				continue;
			guard[i].tries = -1;
			if (!guard[i].failed)
				memset(&guard[i], 0, sizeof(guard[i]));
		}
	} else {
		e = slot_for(card_id, source_id);
		memcpy(e->card, card_id, DIGEST_LEN);
		memcpy(e->source, source_id, DIGEST_LEN);
		e->tries = tries;
		e->failed = 1;
		e->used = 1;
		e->age = ++guard_clock;
	}
	save_file();
	pthread_mutex_unlock(&guard_lock);
}

void sscard_keys_forget_failures(sscard_keys *keys)
{
	uint8_t source_id[DIGEST_LEN];
	size_t i;
	int k;

	if (keys == NULL)
		return;
	pthread_mutex_lock(&guard_lock);
	if (guard_path[0] != '\0')
		load_file();
	for (k = 0; k < SSCARDI_KEY_COUNT; k++) {
		if (sscardi_keys_fingerprint(keys, (enum sscardi_key)k,
					     source_id) < 0)
			continue;
		/* the tries the card told stay known: its last try is still
		 * spent only when confirmed */
		for (i = 0; i < GUARD_ENTRIES; i++)
			if (guard[i].used &&
			    memcmp(guard[i].source, source_id, DIGEST_LEN) == 0)
				guard[i].failed = 0;
	}
	save_file();
	pthread_mutex_unlock(&guard_lock);
}

