/*
 * The PIN pad through the real pcscd: the card sits in our PIN-pad test
 * reader (tests/pinpad), the digits are "typed" from the script file the
 * driver reads.  Public API only.  One line per check; exits 1 on any
 * failure.
 *
 *   pinpad pad     under with-pcscd --pinpad
 *   pinpad vpcd    under with-pcscd (no pad: sscard_has_pinpad() is 0)
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <sscard.h>

#define TRACE_MAX (256 * 1024)

static int failures;
static char trace[TRACE_MAX];
static size_t trace_len;
static char dir[512];

static void check(int ok, const char *what, int rv)
{
	printf("%s %s", ok ? "ok  " : "FAIL", what);
	if (!ok)
		printf(" (got %d: %s)", rv, sscard_strerror(rv));
	printf("\n");
	fflush(stdout);
	failures += !ok;
}

static void on_log(int level, const char *msg, void *user)
{
	size_t n = strlen(msg);

	(void)level;
	(void)user;
	if (trace_len + n + 1 < sizeof(trace)) {
		memcpy(trace + trace_len, msg, n);
		trace[trace_len + n] = '\n';
		trace_len += n + 1;
	}
}

/* what the person at the pad does next */
static void type(const char *keys)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/pinpad.keys", dir);
	f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fprintf(f, "%s\n", keys);
	fclose(f);
}

/* the script line still there: the pad was never asked */
static int untouched(void)
{
	char path[600], line[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/pinpad.keys", dir);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	return line[0] != '\0';
}

static int tries(sscard *card)
{
	struct sscard_pin_info pin;

	return sscard_pin_status(card, &pin) == 0 ? pin.tries_left : -99;
}

static int verified(sscard *card)
{
	struct sscard_pin_info pin;

	return sscard_pin_status(card, &pin) == 0 &&
	       pin.state == SSCARD_PIN_VERIFIED;
}

static int contains(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

/* No PIN, in any spelling, in a buffer. */
static int pin_free(const char *buf, size_t len)
{
	static const char *const pins[] = {
		"123456", "12 34 56", "111111", "11 11 11", "222222",
		"22 22 22", "908172", "90 81 72", "555555", "55 55 55",
	};
	size_t i;

	for (i = 0; i < sizeof(pins) / sizeof(pins[0]); i++)
		if (contains(buf, len, pins[i]))
			return 0;
	return 1;
}

static void *remove_when_waiting(void *arg)
{
	const char *pid_s = secure_getenv("WITH_PCSCD_VCARD_PID");
	char path[600];
	struct stat st;
	int i;

	(void)arg;
	snprintf(path, sizeof(path), "%s/pinpad.waiting", dir);
	for (i = 0; i < 1000 && stat(path, &st) != 0; i++) {
		struct timespec ms10 = { 0, 10 * 1000 * 1000 };

		nanosleep(&ms10, NULL);
	}
	if (pid_s != NULL)
		kill((pid_t)atoi(pid_s), SIGUSR1);
	return NULL;
}

static void pad_checks(sscard *card)
{
	int rv, left = 0;

	check(sscard_has_pinpad(card) == 1, "the PIN-pad reader offers verify", 0);
	check(tries(card) == 3, "3 tries at the start", tries(card));

	type("111111");
	rv = sscard_pin_verify(card, NULL, 0, &left);
	check(rv == SSCARD_E_PIN_WRONG && left == 2,
	      "pad: wrong PIN, 2 tries left", rv);

	type("cancel");
	rv = sscard_pin_verify(card, NULL, 0, &left);
	check(rv == SSCARD_E_PINPAD_CANCELLED, "pad: cancel key", rv);
	check(tries(card) == 2, "cancel spent no try", tries(card));

	type("timeout");
	rv = sscard_pin_verify(card, NULL, 0, &left);
	check(rv == SSCARD_E_PINPAD_TIMEOUT, "pad: nobody typed", rv);
	check(tries(card) == 2, "timeout spent no try", tries(card));

	type("1234");       /* the structure asks for 6 digits */
	rv = sscard_pin_verify(card, NULL, 0, &left);
	check(rv == SSCARD_E_PIN_FORMAT, "pad: 4 digits refused by the pad", rv);
	check(tries(card) == 2, "short PIN spent no try", tries(card));

	type("222222");
	rv = sscard_pin_verify(card, NULL, 0, &left);
	check(rv == SSCARD_E_PIN_WRONG && left == 1,
	      "pad: wrong again, 1 try left", rv);

	type("123456");
	rv = sscard_pin_verify(card, NULL, 0, &left);
	check(rv == SSCARD_E_PIN_LAST_TRY && untouched(),
	      "last try refused without confirmation, pad never asked", rv);

	rv = sscard_pin_verify(card, NULL, SSCARD_PIN_CONFIRM_LAST_TRY, &left);
	check(rv == 0 && verified(card),
	      "pad: right PIN on the confirmed last try: verified", rv);

	type("123456 908172 908172");
	rv = sscard_pin_change(card, NULL, NULL, 0, &left);
	check(rv == 0, "pad: change PIN (old, new, confirm)", rv);
	type("908172");
	rv = sscard_pin_verify(card, NULL, 0, &left);
	check(rv == 0, "pad: the new PIN verifies", rv);

	type("908172 111111 222222");
	rv = sscard_pin_change(card, NULL, NULL, 0, &left);
	check(rv == SSCARD_E_PIN_FORMAT && verified(card),
	      "pad: confirmation differs, refused by the pad, nothing sent", rv);
}

static void lock_checks(sscard *card)
{
	int rv, left;

	type("908172");
	rv = sscard_pin_verify(card, NULL, 0, &left);
	check(rv == 0, "reinserted: the changed PIN verifies on the pad", rv);

	type("555555");
	sscard_pin_verify(card, NULL, 0, &left);
	type("555555");
	sscard_pin_verify(card, NULL, 0, &left);
	type("555555");
	rv = sscard_pin_verify(card, NULL, SSCARD_PIN_CONFIRM_LAST_TRY, &left);
	check(rv == SSCARD_E_PIN_LOCKED, "pad: third wrong PIN locks", rv);
	type("908172");
	rv = sscard_pin_verify(card, NULL, SSCARD_PIN_CONFIRM_LAST_TRY, &left);
	check(rv == SSCARD_E_PIN_LOCKED && untouched(),
	      "locked: refused, pad never asked", rv);
}

static int reinsert(sscard_ctx *ctx, sscard **card)
{
	const char *pid_s = secure_getenv("WITH_PCSCD_VCARD_PID");
	int i, rv = SSCARD_E_NO_CARD;

	sscard_disconnect(*card);
	*card = NULL;
	if (pid_s != NULL)
		kill((pid_t)atoi(pid_s), SIGUSR2);
	for (i = 0; i < 100 && rv < 0; i++) {
		struct timespec ms50 = { 0, 50 * 1000 * 1000 };

		nanosleep(&ms50, NULL);
		rv = sscard_connect(ctx, NULL, card);
	}
	return rv;
}

static void removal_check(sscard *card)
{
	pthread_t t;
	int rv, left;

	type("wait");
	pthread_create(&t, NULL, remove_when_waiting, NULL);
	rv = sscard_pin_verify(card, NULL, 0, &left);
	pthread_join(t, NULL);
	check(rv == SSCARD_E_CARD_REMOVED,
	      "card taken out while the pad waits: card removed", rv);
}

static void log_checks(void)
{
	char path[600], buf[64 * 1024];
	size_t n = 0;
	FILE *f;

	check(trace_len > 0 && contains(trace, trace_len, "PIN pad") &&
	      pin_free(trace, trace_len),
	      "highest trace level: no PIN digits", 0);
	snprintf(path, sizeof(path), "%s/pinpad.log", dir);
	f = fopen(path, "r");
	if (f != NULL) {
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
	}
	check(n > 0 && contains(buf, n, "typed") && pin_free(buf, n),
	      "the driver's log: no PIN digits", 0);
}

int main(int argc, char **argv)
{
	const char *d = secure_getenv("WITH_PCSCD_DIR");
	int pad = argc > 1 && strcmp(argv[1], "pad") == 0;
	sscard_ctx *ctx = NULL;
	sscard *card = NULL;
	int rv;

	if (d == NULL || strlen(d) >= sizeof(dir)) {
		fprintf(stderr, "pinpad: run under with-pcscd\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s", d);
	sscard_set_log(NULL, SSCARD_LOG_APDU_FULL, on_log, NULL);
	rv = sscard_ctx_new(&ctx);
	if (rv == 0)
		rv = sscard_connect(ctx, NULL, &card);
	if (rv < 0) {
		check(0, "connect", rv);
		goto out;
	}
	if (!pad) {
		rv = sscard_pin_verify(card, NULL, 0, NULL);
		check(sscard_has_pinpad(card) == 0 && rv == SSCARD_E_INVALID_ARG,
		      "vpcd: no PIN pad, a NULL PIN is refused", rv);
		goto out;
	}
	pad_checks(card);
	removal_check(card);
	rv = reinsert(ctx, &card);
	check(rv == 0, "card back in the pad reader", rv);
	if (rv == 0)
		lock_checks(card);
	log_checks();
out:
	sscard_disconnect(card);
	sscard_ctx_free(ctx);
	return failures ? 1 : 0;
}
