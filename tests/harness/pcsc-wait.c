/*
 * pcsc-wait: wait until pcscd answers and a reader shows a card (or, with
 * --empty, shows none; with --cards N, N readers show one), using
 * SCardGetStatusChange, not a sleep loop; with --service, only until
 * pcscd answers.
 * Exit 0 when the state is reached, 1 on timeout.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <winscard.h>

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int main(int argc, char **argv)
{
	long timeout_ms = 10000, deadline;
	int want_card = 1, want_cards = 1, service_only = 0, i;
	SCARDCONTEXT ctx;
	const struct timespec step = { 0, 20 * 1000 * 1000 };

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--empty") == 0)
			want_card = 0;
		else if (strcmp(argv[i], "--service") == 0)
			service_only = 1;
		else if (strcmp(argv[i], "--cards") == 0 && i + 1 < argc)
			want_cards = atoi(argv[++i]);
		else
			timeout_ms = atol(argv[i]);
	}
	deadline = now_ms() + timeout_ms;
	/* the daemon may still be starting */
	while (SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx) !=
	       SCARD_S_SUCCESS) {
		if (now_ms() > deadline)
			return 1;
		nanosleep(&step, NULL);
	}
	if (service_only) {
		SCardReleaseContext(ctx);
		return 0;
	}
	for (;;) {
		char names[4096];
		DWORD len = sizeof(names);
		SCARD_READERSTATE st[16];
		DWORD n = 0;
		const char *p;
		long left = deadline - now_ms();
		int seen = 0;

		if (left <= 0)
			break;
		if (SCardListReaders(ctx, NULL, names, &len) == SCARD_S_SUCCESS) {
			for (p = names; *p != '\0' && n < 16; p += strlen(p) + 1) {
				memset(&st[n], 0, sizeof(st[n]));
				st[n].szReader = p;
				st[n].dwCurrentState = SCARD_STATE_UNAWARE;
				n++;
			}
		}
		if (n == 0) {
			nanosleep(&step, NULL);
			continue;
		}
		SCardGetStatusChange(ctx, 0, st, n);
		for (i = 0; i < (int)n; i++)
			if (st[i].dwEventState & SCARD_STATE_PRESENT)
				seen++;
		if (want_card ? seen >= want_cards : seen == 0) {
			SCardReleaseContext(ctx);
			return 0;
		}
		for (i = 0; i < (int)n; i++)
			st[i].dwCurrentState = st[i].dwEventState;
		SCardGetStatusChange(ctx, (DWORD)(left < 500 ? left : 500), st, n);
	}
	SCardReleaseContext(ctx);
	return 1;
}
