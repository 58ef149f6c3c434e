/*
 * sscard-info: shared between its files.
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_INFO_H
#define SSCARD_INFO_H

#include <libintl.h>
#include <stdio.h>
#include <time.h>

#include "sscard.h"
#include "output.h"
#include "pinread.h"

/* Messages through gettext (domain "sscard-info", catalogs from
 * tools/sscard-info/po); N_ marks a string translated where printed. */
#define _(s) gettext(s)
#define N_(s) (s)

/* Exit codes (also in --help and the man page). */
enum info_exit {
	EXIT_OK = 0,
	EXIT_FAILURE_OTHER = 1,
	EXIT_USAGE = 2,
	EXIT_NO_SERVICE = 3,
	EXIT_NO_READER = 4,
	EXIT_NO_CARD = 5,
	EXIT_NOT_SSCARD = 6,
	EXIT_BLOCKED = 7,
	EXIT_CARD_DATA = 8,
	EXIT_CARD_LOST = 9,
	EXIT_PIN = 10,
	EXIT_AUTH = 11,
	EXIT_NOT_GENUINE = 12,
	EXIT_WRONG_CARD = 13
};

#define READERS_MAX 16           /* readers shown by --list */
#define PIN_BUF 64               /* a typed PIN line */

#define APDUS_MAX 16

/* What the command line asked for (opts.c). */
struct opts {
	int json, list, atr_only, timing, trace, stats;
	int pin_status, verify_pin, change_pin, pin_stdin, last_try, medical;
	int bank, full_pan, doctor, watch;
	int auth, no_psam;
	int unblock_pin, reload_pin, initial_pin;
	const char *card_number;    /* --card-number: the counter's card */
	const char *psam;           /* --psam=READER; "" first PSAM found */
	const char *keys;           /* --keys FILE */
	const char *hsm;            /* --hsm CMD */
	int key_last_try, retry_key;
	const char *key_state;      /* --key-state FILE, "none" */
	const char *profile;
	int wait;                   /* 0 no wait, -1 forever, else seconds */
	const char *reader;
	long reader_index;          /* -r N, else -1 */
	const char *photo;
	const char *apdu[APDUS_MAX];   /* --apdu, in order */
	int napdu;
	const char *check_lib;      /* --check-lib FILE */
	int dcrf32_path;
};

int parse_args(int argc, char **argv, struct opts *o);
/* A library error's message in the language of the messages (show.c) */
const char *info_error(int err);

/* --check-lib FILE and --dcrf32-path (checklib.c): exit codes */
int check_lib(const char *path);
int dcrf32_path(void);
void info_locale(const char *argv0);

/* exit code for an error; print an error (JSON or stderr) and return its
 * exit code (main.c) */
int info_exit_code(int err);
int fail(const struct opts *o, const char *reader, int err, unsigned sw);
int fail_field(const struct opts *o, const char *reader, int err,
	       unsigned sw, const char *field);

/* --hsm CMD (hsm.c): the sscard_hsm_fn that runs CMD; user is CMD.  Its
 * reader: CMD's standard output (fd) to its end, NUL-terminated in answer:
 * 0, or -1 at the deadline (hsm_now_ms() milliseconds) or when the answer
 * does not fit (drained all the same) */
int hsm_read_answer(int fd, char *answer, size_t size, long deadline);
long hsm_now_ms(void);
int info_hsm(const char *key, const char *request, char *answer,
	     size_t size, void *user);

/* the key source the options name, or a PSAM found in a reader other
 * than the card's (main.c): 0 with *keys set or NULL, a negative error,
 * or a positive exit code for an error already reported */
int info_keys(sscard_ctx *ctx, const struct opts *o, const char *card_reader,
	      sscard_keys **keys);

/* keystate.c: the key guard's file (0, or an error for --key-state), the
 * key options on keys, and the clerk's line for a key that does not fit */
int info_key_state(const struct opts *o);
void info_key_options(sscard_keys *keys, const struct opts *o);
void info_key_hint(const sscard *card, int err, const struct opts *o);
int do_auth(sscard *card, json_object *root);
/* --unblock-pin / --reload-pin (parts.c) on the card just read */
int do_counter(sscard *card, const struct opts *o,
	       const struct sscard_basic *b, json_object *root);

/* --apdu (raw.c): every command checked before any is sent */
int check_apdus(const struct opts *o);
int send_apdus(sscard *card, const struct opts *o);

/* the parts of a card read (parts.c); root is NULL for human output */
struct photo_read {
	int rv;
	unsigned sw;
	unsigned char *jpeg;
	size_t len;
};
void read_photo(sscard *card, struct photo_read *p);
/* writes, reports and frees what read_photo got */
int save_photo(struct photo_read *p, const char *path, json_object *root);
int do_medical(sscard *card, json_object *root);
int do_bank(sscard *card, const struct opts *o, json_object *root);
int do_pin(sscard *card, const struct opts *o, json_object *root);
int info_zh(void);                       /* Chinese labels? */
const char *info_label(const char *key); /* label in the chosen language */

/* human output */
void show_basic(FILE *out, const char *reader, const struct sscard_basic *b);
void show_readers(FILE *out, const struct sscard_reader *r, size_t n);
void show_atr(FILE *out, const unsigned char *atr, size_t len);
void show_pin(FILE *out, const struct sscard_pin_info *pin);
void show_stats(FILE *out, const struct sscard_stats *card,
		const struct sscard_stats *psam);


/* --watch: until SIGINT / SIGTERM; returns the exit code. */
int watch(sscard_ctx *ctx, int json);

/* --doctor: returns the exit code of the first blocking problem, or 0. */
int doctor(sscard_ctx *ctx, int json);


#endif
