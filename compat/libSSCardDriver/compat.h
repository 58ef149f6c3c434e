/*
 * libSSCardDriver internals: one worker thread owns the libsscard context
 * (its one-context-per-thread rule); every entry point hands it a job and
 * waits.  An HSM job stops inside the library's HSM callback until the
 * caller's next step brings the HSM's answer, from any thread.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef COMPAT_H
#define COMPAT_H

#include <stdarg.h>
#include <stddef.h>
#include <time.h>

#include <sscard.h>

#define OUT_MAX 1024
#define HSM_MSG_MAX 512

/* the ministry's codes (lib/card.md, "The ministry reader interface") */
enum ministry_code {
	M_OK = 0,
	M_CARD_TYPE = -1,
	M_NO_CARD = -2,
	M_NOT_POWERED = -3,
	M_NO_ANSWER = -4,
	M_READER = -11,
	M_NOT_SUPPORTED = -13,
	M_PARAM = -14,
	M_NOT_GENUINE = -21,
	M_PIN_CANCELLED = -31,
	M_PIN_TIMEOUT = -32,
	M_PIN_LENGTH = -33,
	M_PIN_WRONG = -51,
	M_PIN_LOCKED = -52,
	M_NO_PSAM = -2201,
	M_PSAM_ALG = -2202,
	M_NO_RKSSSE = -2203
};

struct job;
typedef int (*job_fn)(struct job *j);

struct job {
	job_fn run;             /* in the worker: a ministry code */
	int itype;
	const char *arg1;       /* pCardInfo, pFileAddr, pin: the caller's */
	const char *arg2;
	char out[OUT_MAX];      /* UTF-8: the fields, or the message */
	int code;
	int done;               /* the worker has finished it */
	struct timespec started;        /* for the log */
};

struct config {
	char reader[256];       /* the user-card slot; "" probes */
	char psam[256];         /* the PSAM slot; "" probes, "none" none */
	char contactless[256];  /* the contactless slot; "" none */
	char charset[16];       /* GBK, GB18030 or UTF-8 */
	char log[256];          /* a log file; "" none */
	char device[64];        /* the terminal device number field */
	int hsm_timeout_s;
	int pin_hold_s;         /* a verified PIN is ended after */
};

/* worker.c */
int worker_call(struct job *j);
int worker_start_hsm(struct job *j, char *request, size_t size);
int worker_hsm_answer(const char *answer, struct job *result, char *request,
		      size_t size);
int worker_hsm_ask(const char *request, char *answer, size_t size);

/* driver.c: the worker's session, closed when the library unloads */
void session_close(void);
/* In a forked child: the parent's handles forgotten, not released. */
void session_forget(void);
/* a PIN verified on the open card is ended (the card reset) pin_hold
 * seconds after: *until gets when, on CLOCK_MONOTONIC (0: no PIN) */
int session_pin_until(struct timespec *until);
void session_pin_expire(void);
/* who answers the HSM's requests in HSM mode (the worker) */
void session_use_hsm(sscard_hsm_fn ask);

/* log.c */
void log_vwrite(const char *path, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* config.c: the file and the environment, read once */
void config_load(struct config *c);
const struct config *config_get(void);

/* out.c */
int out_message(struct job *j, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int out_field(char *out, size_t *len, const char *value);
int out_finish(const struct job *j, char *dst, const char *charset);
void out_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ministry_code(int err, unsigned sw, char *msg, size_t size);

#endif
