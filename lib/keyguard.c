/*
 * The terminal keys' try counters are the patient's (lib/card.md "Terminal
 * authentication"): what EXTERNAL AUTHENTICATE told this process about a
 * key on a card, kept for the whole process (every context, every key
 * object) so that
 *  - a key source the card refused is never tried on that card again,
 *    until the source changes or the caller forgets the failure;
 *  - the last try is spent only when the caller confirms;
 *  - a locked key is not asked at all.
 * and, before a source's first EXTERNAL AUTHENTICATE on a card of an issuer
 * it has never served, internal authentication (no try spent) proves that
 * the source is that issuer's; a source that fails the proof is not tried.
 * Cards, issuers and sources are kept as SHA-256 digests, nothing else,
 * in the host's store (guardstore.c), re-read under its lock before every
 * decision, so every process and door of the desk shares them.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "internal.h"

#define GUARD_ENTRIES 512
#define DIGEST_LEN SSCARDI_GUARD_DIGEST

struct guard_entry {
	struct sscardi_guard_rec rec;
	unsigned long age;          /* for replacing the oldest */
	int used;
};

static pthread_mutex_t guard_lock = PTHREAD_MUTEX_INITIALIZER;
static struct guard_entry guard[GUARD_ENTRIES];
static unsigned long guard_clock;

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

/* A key source's identity: a key file's whole content (every key and its
 * algorithm), a PSAM's terminal number and ATR (not its slot), one name
 * for every HSM. */
int sscardi_keys_fingerprint(const sscard_keys *keys, uint8_t out[32])
{
	uint8_t file_keys[SSCARDI_KEY_COUNT * 18];
	size_t n = 0;
	int k, rv;

	switch (keys->kind) {
	case SSCARD_KEYS_FILE:
		for (k = 0; k < SSCARDI_KEY_COUNT; k++) {
			if (!keys->file[k].present)
				continue;
			file_keys[n++] = (uint8_t)k;
			file_keys[n++] = (uint8_t)keys->file[k].alg;
			memcpy(file_keys + n, keys->file[k].key, 16);
			n += 16;
		}
		rv = digest("sscard-file", 11, file_keys, n, out);
		OPENSSL_cleanse(file_keys, sizeof(file_keys));
		return rv;
	case SSCARD_KEYS_PSAM:
		return digest(keys->terminal, strlen(keys->terminal),
			      keys->psam.atr, keys->psam.atr_len, out);
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

	if (n == 0 || n > 32 || card->keys == NULL)
		return SSCARD_E_CARD_DATA;
	memcpy(tagged, card->id_code, n);
	tagged[n] = (uint8_t)key;
	rv = digest("sscard-card", 11, tagged, n + 1, card_id);
	if (rv == 0)
		rv = sscardi_keys_fingerprint(card->keys, source_id);
	return rv;
}

/* The card's issuer (its region, the first 6 characters of the card
 * identification code), and the key source. */
static int issuer_ids(const sscard *card, uint8_t issuer_id[DIGEST_LEN],
		      uint8_t source_id[DIGEST_LEN])
{
	int rv;

	if (strlen(card->id_code) < 6 || card->keys == NULL)
		return SSCARD_E_CARD_DATA;
	rv = digest("sscard-issuer", 13, card->id_code, 6, issuer_id);
	if (rv == 0)
		rv = sscardi_keys_fingerprint(card->keys, source_id);
	return rv;
}

static struct guard_entry *find(int kind, const uint8_t subject[DIGEST_LEN],
				const uint8_t source_id[DIGEST_LEN])
{
	size_t i;

	for (i = 0; i < GUARD_ENTRIES; i++)
		if (guard[i].used && guard[i].rec.kind == kind &&
		    memcmp(guard[i].rec.subject, subject, DIGEST_LEN) == 0 &&
		    memcmp(guard[i].rec.source, source_id, DIGEST_LEN) == 0)
			return &guard[i];
	return NULL;
}

/* A place for a new entry: a free one, else the oldest success (an issuer
 * proven again costs no try), else the oldest. */
static struct guard_entry *slot_for(int kind,
				    const uint8_t subject[DIGEST_LEN],
				    const uint8_t source_id[DIGEST_LEN])
{
	struct guard_entry *e = find(kind, subject, source_id);
	struct guard_entry *oldest = NULL, *oldest_issuer = NULL;
	size_t i;

	for (i = 0; e == NULL && i < GUARD_ENTRIES; i++) {
		if (!guard[i].used) {
			e = &guard[i];
			break;
		}
		if (oldest == NULL || guard[i].age < oldest->age)
			oldest = &guard[i];
		if (guard[i].rec.kind == SSCARDI_GUARD_ISSUER &&
		    (oldest_issuer == NULL ||
		     guard[i].age < oldest_issuer->age))
			oldest_issuer = &guard[i];
	}
	if (e == NULL)
		e = oldest_issuer != NULL ? oldest_issuer : oldest;
	if (!e->used || e->rec.kind != kind ||
	    memcmp(e->rec.subject, subject, DIGEST_LEN) != 0 ||
	    memcmp(e->rec.source, source_id, DIGEST_LEN) != 0) {
		memset(e, 0, sizeof(*e));
		e->rec.tries = -1;
	}
	e->rec.kind = kind;
	memcpy(e->rec.subject, subject, DIGEST_LEN);
	memcpy(e->rec.source, source_id, DIGEST_LEN);
	e->used = 1;
	e->age = ++guard_clock;
	return e;
}

/* What the store knows joins what the process knows, the more careful of
 * the two winning: fewer tries, a failure. */
static void merge(const struct sscardi_guard_rec *got, void *arg)
{
	struct guard_entry *e = find(got->kind, got->subject, got->source);

	(void)arg;
	if (e == NULL) {
		e = slot_for(got->kind, got->subject, got->source);
		e->rec = *got;
		return;
	}
	if (got->tries >= 0 && (e->rec.tries < 0 || got->tries < e->rec.tries))
		e->rec.tries = got->tries;
	e->rec.failed |= got->failed;
}

/* Caller holds guard_lock: the store locked and read; the lock's file
 * descriptor (or SSCARDI_GUARD_MEMORY / _NO_STORE) for store_close. */
static int store_open(void)
{
	int fd = sscardi_guard_store_begin();

	if (fd >= 0)
		sscardi_guard_store_load(merge, NULL);
	return fd;
}

/* Caller holds guard_lock: the table written back (when changed), the
 * store unlocked. */
static void store_close(int fd, int changed)
{
	struct sscardi_guard_rec recs[GUARD_ENTRIES];
	size_t i, n = 0;

	if (fd >= 0 && changed) {
		for (i = 0; i < GUARD_ENTRIES; i++)
			if (guard[i].used)
				recs[n++] = guard[i].rec;
		(void)sscardi_guard_store_save(recs, n);
	}
	sscardi_guard_store_end(fd);
}

int sscard_key_guard_file(const char *path)
{
	int rv;

	if (path != NULL && (path[0] == '\0' || strlen(path) >= PATH_MAX))
		return SSCARD_E_INVALID_ARG;
	pthread_mutex_lock(&guard_lock);
	rv = sscardi_guard_store_set(path);
	if (rv == 0)
		store_close(store_open(), 0);
	pthread_mutex_unlock(&guard_lock);
	return rv;
}

int sscard_key_guard_store(char *path, size_t size)
{
	int rv;

	if (path == NULL && size > 0)
		return SSCARD_E_INVALID_ARG;
	pthread_mutex_lock(&guard_lock);
	rv = sscardi_guard_store_where(path, size);
	pthread_mutex_unlock(&guard_lock);
	return rv;
}

/* The fewest tries any source saw left on this card's key, -1 unknown. */
static int tries_known(const uint8_t card_id[DIGEST_LEN])
{
	int tries = -1;
	size_t i;

	for (i = 0; i < GUARD_ENTRIES; i++)
		if (guard[i].used && guard[i].rec.kind == SSCARDI_GUARD_CARD &&
		    guard[i].rec.tries >= 0 &&
		    memcmp(guard[i].rec.subject, card_id, DIGEST_LEN) == 0 &&
		    (tries < 0 || guard[i].rec.tries < tries))
			tries = guard[i].rec.tries;
	return tries;
}

/* Caller holds guard_lock, the store read: has the source served (or
 * proven itself to) the card's issuer? */
static int issuer_standing(const sscard *card, int fd)
{
	uint8_t issuer_id[DIGEST_LEN], source_id[DIGEST_LEN];
	int rv = issuer_ids(card, issuer_id, source_id);

	if (rv < 0)
		return rv;
	if (find(SSCARDI_GUARD_ISSUER, issuer_id, source_id) != NULL)
		return SSCARDI_ISSUER_PROVEN;
	return fd == SSCARDI_GUARD_NO_STORE ? SSCARDI_ISSUER_NO_STORE
					    : SSCARDI_ISSUER_UNKNOWN;
}

int sscardi_key_guard_check(sscard *card, enum sscardi_key key, int *issuer)
{
	uint8_t card_id[DIGEST_LEN], source_id[DIGEST_LEN];
	const struct guard_entry *e;
	int rv, tries, fd;

	card->key_tries = -1;
	rv = guard_ids(card, key, card_id, source_id);
	if (rv < 0)
		return rv;
	pthread_mutex_lock(&guard_lock);
	fd = store_open();          /* another process may have written */
	e = find(SSCARDI_GUARD_CARD, card_id, source_id);
	tries = tries_known(card_id);
	card->key_tries = tries;
	if (tries == 0)
		rv = SSCARD_E_KEY_LOCKED;
	else if (e != NULL && e->rec.failed)
		rv = SSCARD_E_KEY_WRONG;
	else if (tries == 1 && !(card->keys->flags &
				 SSCARD_KEYS_CONFIRM_LAST_TRY))
		rv = SSCARD_E_KEY_LAST_TRY;
	if (rv == 0 && issuer != NULL) {
		*issuer = issuer_standing(card, fd);
		if (*issuer < 0)
			rv = *issuer;
	}
	store_close(fd, 0);
	pthread_mutex_unlock(&guard_lock);
	if (rv < 0)
		sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
			    "%s not sent: %s (%d tries left on the card)",
			    sscardi_key_names[key], sscardi_strerror(rv),
			    tries);
	return rv;
}

/* Caller holds guard_lock: the source served the card's issuer.  1 when
 * that is news to the table (it must be written). */
static int issuer_proven(const sscard *card)
{
	uint8_t issuer_id[DIGEST_LEN], source_id[DIGEST_LEN];

	if (issuer_ids(card, issuer_id, source_id) < 0 ||
	    find(SSCARDI_GUARD_ISSUER, issuer_id, source_id) != NULL)
		return 0;
	(void)slot_for(SSCARDI_GUARD_ISSUER, issuer_id, source_id);
	return 1;
}

/* Caller holds guard_lock: the source no longer counts as the issuer's
 * (a card of it refused a key the proof did not cover). */
static void issuer_doubted(const sscard *card)
{
	uint8_t issuer_id[DIGEST_LEN], source_id[DIGEST_LEN];
	struct guard_entry *e;

	if (issuer_ids(card, issuer_id, source_id) < 0)
		return;
	e = find(SSCARDI_GUARD_ISSUER, issuer_id, source_id);
	if (e != NULL)
		memset(e, 0, sizeof(*e));
}

void sscardi_key_issuer_note(sscard *card, enum sscardi_key key, int proven)
{
	uint8_t card_id[DIGEST_LEN], source_id[DIGEST_LEN];
	struct guard_entry *e;
	int fd, changed = 1;

	if (guard_ids(card, key, card_id, source_id) < 0)
		return;
	pthread_mutex_lock(&guard_lock);
	fd = store_open();
	if (proven) {
		changed = issuer_proven(card);
	} else {
		/* not the issuer's source (or not a genuine card): never
		 * tried on this card; its tries stay as they are */
		e = slot_for(SSCARDI_GUARD_CARD, card_id, source_id);
		e->rec.failed = 1;
	}
	store_close(fd, changed);
	pthread_mutex_unlock(&guard_lock);
}

void sscardi_key_guard_note(sscard *card, enum sscardi_key key, uint16_t sw)
{
	uint8_t card_id[DIGEST_LEN], source_id[DIGEST_LEN];
	struct guard_entry *e;
	size_t i;
	int tries, fd, changed = 1;

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
	fd = store_open();
	if (sw == 0x9000) {
		/* a right key restores the card's tries for it; the sources
		 * it refused stay refused.  The steady read of a known card
		 * changes nothing and writes nothing. */
		changed = 0;
		for (i = 0; i < GUARD_ENTRIES; i++) {
			if (!guard[i].used ||
			    guard[i].rec.kind != SSCARDI_GUARD_CARD ||
			    memcmp(guard[i].rec.subject, card_id,
				   DIGEST_LEN) != 0)
				continue;
			changed = 1;
			guard[i].rec.tries = -1;
			if (!guard[i].rec.failed)
				memset(&guard[i], 0, sizeof(guard[i]));
		}
		changed |= issuer_proven(card);
	} else {
		e = slot_for(SSCARDI_GUARD_CARD, card_id, source_id);
		e->rec.tries = tries;
		e->rec.failed = 1;
		issuer_doubted(card);
	}
	store_close(fd, changed);
	pthread_mutex_unlock(&guard_lock);
}

void sscard_keys_forget_failures(sscard_keys *keys)
{
	uint8_t source_id[DIGEST_LEN];
	size_t i;
	int fd;

	if (keys == NULL || sscardi_keys_fingerprint(keys, source_id) < 0)
		return;
	pthread_mutex_lock(&guard_lock);
	fd = store_open();
	/* the tries the card told stay known: its last try is still spent
	 * only when confirmed */
	for (i = 0; i < GUARD_ENTRIES; i++)
		if (guard[i].used && guard[i].rec.kind == SSCARDI_GUARD_CARD &&
		    memcmp(guard[i].rec.source, source_id, DIGEST_LEN) == 0)
			guard[i].rec.failed = 0;
	store_close(fd, 1);
	pthread_mutex_unlock(&guard_lock);
}
