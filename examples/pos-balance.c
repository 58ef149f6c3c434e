/*
 * pos-balance: a pharmacy counter.  Wait for a card, greet the holder,
 * ask for the PIN (tries left shown, the last try confirmed), show the
 * medical-account balance in yuan.  Any step may meet a removed card.
 *
 *   pos-balance [--once] [--pin-stdin]
 *
 * Cards are met through sscard_wait_event(): no polling.  PINs are read
 * with the programs' shared reader (app/pinread.c).  Uses only
 * <sscard.h>.  SPDX-FileCopyrightText: 2026 The libsscard authors
 * <sscard.h>.  SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include <sscard.h>

#include "pinread.h"

static int pin_from_stdin;

/* 520102198506020233 -> 520102********0233 */
static void mask_ssn(const char *ssn, char *out, size_t size)
{
	size_t n = strlen(ssn), i;

	snprintf(out, size, "%s", ssn);
	for (i = 6; n > 10 && i < n - 4 && i < size - 1; i++)
		out[i] = '*';
}

/* A yes/no answer (stdin is unbuffered: the PIN reader shares it). */
static int confirm_last_try(int tries_left)
{
	char answer[8];

	if (tries_left == 1)
		printf("Only one PIN try is left: "
		       "a wrong PIN locks the card. ");
	else
		printf("This card does not tell how many PIN tries are left: "
		       "a wrong PIN may lock it. ");
	printf("Go on? [y/N] ");
	fflush(stdout);
	if (fgets(answer, (int)sizeof(answer), stdin) == NULL)
		return 0;
	return answer[0] == 'y' || answer[0] == 'Y';
}

/* PIN until right, locked, refused or the card is gone. */
static int verify(sscard *card)
{
	struct sscard_pin_info pin;
	char buf[32];
	unsigned flags;
	int rv, tries;

	for (;;) {
		rv = sscard_pin_status(card, &pin);
		if (rv < 0)
			return rv;
		if (pin.state == SSCARD_PIN_VERIFIED)
			return 0;
		if (pin.state == SSCARD_PIN_LOCKED) {
			printf("The PIN is locked: please go to a service counter.\n");
			return SSCARD_E_PIN_LOCKED;
		}
		flags = 0;
		if (pin.tries_left <= 1) {     /* the last, or unknown */
			if (!confirm_last_try(pin.tries_left))
				return SSCARD_E_PIN_LAST_TRY;
			flags = SSCARD_PIN_CONFIRM_LAST_TRY;
		}
		if (pin.tries_left > 0)
			printf("PIN (%d tries left): ", pin.tries_left);
		else
			printf("PIN: ");
		fflush(stdout);
		if (pin_read("", pin_from_stdin, buf, sizeof(buf)) < 0) {
			pin_wipe(buf, sizeof(buf));
			if (pin_from_stdin && feof(stdin))
				return SSCARD_E_CANCELLED;
			printf("%s.\n", sscard_strerror(SSCARD_E_PIN_FORMAT));
			continue;
		}
		rv = sscard_pin_verify(card, buf, flags, &tries);
		pin_wipe(buf, sizeof(buf));
		if (rv == 0)
			return 0;
		if (rv != SSCARD_E_PIN_WRONG && rv != SSCARD_E_PIN_FORMAT)
			return rv;
		printf("%s.\n", sscard_strerror(rv));
		if (pin_from_stdin && feof(stdin))
			return rv;
	}
}

static int serve(sscard *card)
{
	struct sscard_basic b;
	struct sscard_medical m;
	char ssn[32], yuan[32];
	int rv;

	rv = sscard_read_basic(card, &b);
	if (rv < 0)
		return rv;
	mask_ssn(b.ssn, ssn, sizeof(ssn));
	printf("Card %s: %s, %s%s\n", b.number, b.name, ssn,
	       b.expired ? " (EXPIRED)" : "");
	rv = verify(card);
	if (rv < 0)
		return rv;
	rv = sscard_medical_read(card, &m);
	if (rv == SSCARD_E_NO_DATA) {
		printf("This card holds no balance: query it online.\n");
		return 0;
	}
	if (rv < 0)
		return rv;
	sscard_format_yuan(m.balance_fen, yuan, sizeof(yuan));
	printf("Medical account balance: %s yuan\n", yuan);
	return 0;
}

/* Serve each card inserted (the first wait reports a card already in
 * place), until --once has served one or the events fail. */
int main(int argc, char **argv)
{
	struct sscard_event ev;
	sscard_ctx *ctx;
	sscard *card;
	int once = 0, served = 0, i, rv = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0) {
			once = 1;
		} else if (strcmp(argv[i], "--pin-stdin") == 0) {
			pin_from_stdin = 1;
		} else {
			fprintf(stderr, "usage: pos-balance [--once] [--pin-stdin]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	setvbuf(stdin, NULL, _IONBF, 0);
	if (sscard_ctx_new(&ctx) < 0)
		return 1;
	printf("Insert a social security card.\n");
	while (!(once && served)) {
		rv = sscard_wait_event(ctx, -1, &ev);
		if (rv < 0) {
			printf("%s\n", sscard_strerror(rv));
			break;
		}
		if (ev.type == SSCARD_EVENT_CARD_REMOVED)
			printf("Insert a social security card.\n");
		if (ev.type != SSCARD_EVENT_CARD_INSERTED)
			continue;
		rv = sscard_connect(ctx, ev.reader, &card);
		if (rv < 0) {
			printf("%s\n", sscard_strerror(rv));
			continue;
		}
		rv = serve(card);
		served = 1;
		if (rv == SSCARD_E_CARD_REMOVED)
			printf("The card was taken out.\n");
		else if (rv < 0)
			printf("%s\n", sscard_strerror(rv));
		sscard_disconnect(card);
		if (!once)
			printf("Remove the card.\n");
	}
	sscard_ctx_free(ctx);
	return rv < 0 ? 1 : 0;
}
