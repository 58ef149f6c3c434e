/*
 * sscard-info: shared between its files.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_INFO_H
#define SSCARD_INFO_H

#include <json.h>
#include <stdio.h>

#include "sscard.h"
#include "pinread.h"

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
	EXIT_AUTH = 11
};

int info_exit_code(int err);
int info_zh(void);                       /* Chinese labels? */
const char *info_label(const char *key); /* label in the chosen language */

/* human output */
void show_basic(FILE *out, const char *reader, const struct sscard_basic *b);
void show_readers(FILE *out, const struct sscard_reader *r, size_t n);
void show_atr(FILE *out, const unsigned char *atr, size_t len);
void show_pin(FILE *out, const struct sscard_pin_info *pin);

/* JSON pieces */
json_object *json_basic(const char *reader, const struct sscard_basic *b);
json_object *json_error(int err, unsigned sw);
/* the same, naming the malformed field (NULL or "": none) */
json_object *json_error_field(int err, unsigned sw, const char *field);
json_object *json_pin(const struct sscard_pin_info *pin);
json_object *json_hex(const unsigned char *b, size_t n);
json_object *json_str_or_null(const char *s);
void json_print(FILE *out, json_object *obj);

/* --watch: until SIGINT / SIGTERM; returns the exit code. */
int watch(sscard_ctx *ctx, int json);

/* --doctor: returns the exit code of the first blocking problem, or 0. */
int doctor(sscard_ctx *ctx, int json);


#endif
