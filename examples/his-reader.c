/*
 * his-reader: a hospital registration desk.  Waits for cards, reads the
 * holder, prints one patient line per card; copes with a card pulled out
 * mid-read, a reader unplugged, and pcscd restarting overnight (the
 * library re-establishes its context and reports the readers again).
 *
 *   his-reader [--count N]     stop after N patients (for tests)
 *
 * Uses only <sscard.h>.  SPDX-FileCopyrightText: 2026 The libsscard authors
 * Uses only <sscard.h>.  SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sscard.h>

static void stamp(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

static void patient(sscard_ctx *ctx, const char *reader, const char *when)
{
	struct sscard_basic b;
	sscard *card;
	int rv = sscard_connect(ctx, reader, &card);

	if (rv == 0) {
		rv = sscard_read_basic(card, &b);
		sscard_disconnect(card);
	}
	if (rv == SSCARD_E_CARD_REMOVED || rv == SSCARD_E_NO_CARD)
		printf("%s %s: card pulled out before it was read\n", when,
		       reader);
	else if (rv < 0)
		printf("%s %s: %s\n", when, reader, sscard_strerror(rv));
	else
		printf("%s %s: PATIENT %s %s %s card %s%s\n", when, reader,
		       b.name, b.ssn, b.sex_zh, b.number,
		       b.expired ? " (card expired)" : "");
}

int main(int argc, char **argv)
{
	struct sscard_event ev;
	sscard_ctx *ctx;
	char when[32];
	long count = -1, seen = 0;
	int rv;

	if (argc == 3 && strcmp(argv[1], "--count") == 0)
		count = strtol(argv[2], NULL, 10);
	else if (argc != 1) {
		fprintf(stderr, "usage: his-reader [--count N]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (sscard_ctx_new(&ctx) < 0)
		return 1;
	while (count < 0 || seen < count) {
		rv = sscard_wait_event(ctx, -1, &ev);
		stamp(when, sizeof(when));
		if (rv < 0) {
			printf("%s waiting: %s\n", when, sscard_strerror(rv));
			continue;
		}
		switch (ev.type) {
		case SSCARD_EVENT_CARD_INSERTED:
			patient(ctx, ev.reader, when);
			seen++;
			break;
		case SSCARD_EVENT_CARD_REMOVED:
			printf("%s %s: card removed\n", when, ev.reader);
			break;
		case SSCARD_EVENT_READER_ADDED:
			printf("%s reader connected: %s\n", when, ev.reader);
			break;
		case SSCARD_EVENT_READER_REMOVED:
			printf("%s reader gone: %s\n", when, ev.reader);
			break;
		}
	}
	sscard_ctx_free(ctx);
	return 0;
}
