/*
 * The terminal-key guard between runs: where libsscard keeps what cards
 * said of our key sources (the host's store, or --key-state), and what
 * the clerk is told when a key does not fit.  A card's key has a few
 * tries (5 on the cards seen) and is locked for good at 0, so one run
 * with a wrong key file must not be followed by five more.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "info.h"

/* --key-state: the library keeps the host's store by itself; "none"
 * keeps this run's memory only, a path a file of the user's own. */
int info_key_state(const struct opts *o)
{
	if (o->key_state == NULL)
		return 0;
	if (strcmp(o->key_state, "none") == 0)
		return sscard_key_guard_file(NULL);
	return sscard_key_guard_file(o->key_state);
}

void info_key_options(sscard_keys *keys, const struct opts *o)
{
	if (keys == NULL)
		return;
	sscard_keys_set_flags(keys, o->key_last_try
				    ? SSCARD_KEYS_CONFIRM_LAST_TRY : 0);
	if (o->retry_key)
		sscard_keys_forget_failures(keys);
}

void info_key_hint(const sscard *card, int err, const struct opts *o)
{
	int tries = sscard_key_tries(card);

	if (o->json || (err != SSCARD_E_KEY_WRONG &&
			err != SSCARD_E_KEY_LAST_TRY &&
			err != SSCARD_E_KEY_LOCKED))
		return;
	if (err == SSCARD_E_KEY_LOCKED) {
		fprintf(stderr,
			_("sscard-info: the card's terminal key is "
			  "locked: only re-issuing the card restores it\n"));
		return;
	}
	fprintf(stderr, _("sscard-info: the terminal's key does not fit this "
			"card: wrong PSAM region or key file"));
	if (tries >= 0)
		fprintf(stderr, _("; %d tries left on the card"), tries);
	fputc('\n', stderr);
	if (err == SSCARD_E_KEY_LAST_TRY)
		fprintf(stderr, _("sscard-info: nothing was sent: the last try "
				"is spent only with --key-last-try\n"));
	else if (sscard_last_sw(card) == 0x6982)
		fprintf(stderr, _("sscard-info: not tried again on this card "
				"(--retry-key after fixing the key source)\n"));
}
