/*
 * pcscd stopped and restarted between two calls on one context: the next
 * call re-establishes the context and works (or reports no service, and
 * the one after works).  argv[1]: the restart command.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sscard.h>

int main(int argc, char **argv)
{
	struct sscard_basic b;
	struct sscard_reader r[4];
	sscard_ctx *ctx;
	sscard *card;
	size_t n;
	int first, second = 0, listed;

	if (argc != 2 || sscard_ctx_new(&ctx) < 0 ||
	    sscard_connect(ctx, NULL, &card) < 0 ||
	    sscard_read_basic(card, &b) < 0)
		return 2;
	if (system(argv[1]) != 0)
		return 3;
	first = sscard_read_basic(card, &b);
	if (first < 0)
		second = sscard_read_basic(card, &b);
	listed = sscard_list_readers(ctx, r, 4, &n);
	printf("first=%d second=%d number=%s list=%d readers=%zu\n", first,
	       second, b.number, listed, n);
	sscard_disconnect(card);
	sscard_ctx_free(ctx);
	return (first == 0 || (first == SSCARD_E_NO_SERVICE && second == 0)) &&
	       strcmp(b.number, "BA0010547") == 0 && listed == 0 && n == 2 ? 0 : 1;
}
