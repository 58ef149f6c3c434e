/*
 * The card still in the reader is read once (sscard.h, sscard_forget):
 * through the real pcscd, a second basic read on the handle sends no
 * APDU; after another process resets the card, or the card is swapped for
 * another, the next read asks the card and gives the card's data now.
 * argv[1]: the reset command, argv[2]: the swap command.  Prints one line
 * of figures; exits 0 when each is what it must be.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sscard.h>

/* a basic read: its result, the card number, APDUs and remembered reads */
static int read_once(sscard *card, char *number, size_t size,
		     unsigned long *apdus, unsigned long *remembered)
{
	struct sscard_basic b;
	struct sscard_stats st;
	int rv;

	sscard_reset_stats(card);
	rv = sscard_read_basic(card, &b);
	sscard_get_stats(card, &st);
	*apdus = st.apdus;
	*remembered = (unsigned long)st.remembered;
	snprintf(number, size, "%s", rv == 0 ? b.number : "");
	return rv;
}

int main(int argc, char **argv)
{
	char first[16], again[16], reset[16], swapped[16], fresh[16];
	unsigned long a_first, a_again, a_reset, a_swap, a_fresh, r_again, r;
	sscard_ctx *ctx;
	sscard *card;
	int ok, rv;

	if (argc != 3 || sscard_ctx_new(&ctx) < 0 ||
	    sscard_connect(ctx, NULL, &card) < 0)
		return 2;
	ok = read_once(card, first, sizeof(first), &a_first, &r) == 0;
	ok &= read_once(card, again, sizeof(again), &a_again, &r_again) == 0;
	if (system(argv[1]) != 0)
		return 3;
	ok &= read_once(card, reset, sizeof(reset), &a_reset, &r) == 0;
	if (system(argv[2]) != 0)
		return 3;
	/* the swap may cost the handle one "removed" before it reconnects */
	rv = read_once(card, swapped, sizeof(swapped), &a_swap, &r);
	if (rv == SSCARD_E_CARD_REMOVED || rv == SSCARD_E_CARD_RESET)
		rv = read_once(card, swapped, sizeof(swapped), &a_swap, &r);
	ok &= rv == 0;
	sscard_forget(card);
	ok &= read_once(card, fresh, sizeof(fresh), &a_fresh, &r) == 0;
	printf("first=%s/%lu again=%s/%lu remembered=%lu reset=%s/%lu "
	       "swapped=%s/%lu forget=%s/%lu\n", first, a_first, again,
	       a_again, r_again, reset, a_reset, swapped, a_swap, fresh,
	       a_fresh);
	sscard_disconnect(card);
	sscard_ctx_free(ctx);
	return ok ? 0 : 1;
}
