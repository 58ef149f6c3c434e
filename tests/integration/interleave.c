/*
 * Two applications on one card: this one reads the basic information
 * ROUNDS times on one handle while another client sends its own APDUs
 * (SELECT of the bank application among them).  Our transactions keep
 * them out of each multi-APDU read; every read must be right.  PAUSE_MS
 * between reads lets the other client in (pcsc-lite hands a released card
 * to a waiting client only on its 100 ms poll).
 *
 *   interleave ROUNDS PAUSE_MS
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sscard.h>

int main(int argc, char **argv)
{
	struct sscard_basic b;
	sscard_ctx *ctx;
	sscard *card;
	int rounds = argc > 1 ? atoi(argv[1]) : 100, i, right = 0, rv;
	long pause_ms = argc > 2 ? atol(argv[2]) : 0;
	struct timespec pause = { pause_ms / 1000, (pause_ms % 1000) * 1000000L };

	if (sscard_ctx_new(&ctx) < 0 || sscard_connect(ctx, NULL, &card) < 0)
		return 2;
	for (i = 0; i < rounds; i++) {
		rv = sscard_read_basic(card, &b);
		if (rv == 0 && strcmp(b.number, "BA0010547") == 0 &&
		    strcmp(b.name, "林岩") == 0)
			right++;
		else
			fprintf(stderr, "read %d: %s\n", i, sscard_strerror(rv));
		if (pause_ms > 0)
			nanosleep(&pause, NULL);
	}
	printf("reads=%d right=%d\n", rounds, right);
	sscard_disconnect(card);
	sscard_ctx_free(ctx);
	return right == rounds ? 0 : 1;
}
