/*
 * The terminal-key guard between runs: where libsscard keeps what cards
 * said of our key sources (sscard_key_guard_file), and what the clerk is
 * told when a key does not fit.  A card's key has a few tries (5 on the
 * cards seen) and is locked for good at 0, so one run with a wrong key
 * file must not be followed by five more.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE                 /* secure_getenv */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "info.h"

/* mkdir -p, each new directory 0700 */
static int make_dirs(char *path)
{
	char *slash;

	for (slash = strchr(path + 1, '/'); slash != NULL;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*slash = '/';
			return -1;
		}
		*slash = '/';
	}
	return 0;
}

/* $XDG_STATE_HOME/libsscard/key-guard, or ~/.local/state/...; "" when
 * neither is set. */
static void default_path(char *out, size_t size)
{
	const char *state = secure_getenv("XDG_STATE_HOME");
	const char *home = secure_getenv("HOME");
	int n = -1;

	if (state != NULL && state[0] == '/')
		n = snprintf(out, size, "%s/libsscard/key-guard", state);
	else if (home != NULL && home[0] == '/')
		n = snprintf(out, size, "%s/.local/state/libsscard/key-guard",
			     home);
	if (n < 0 || (size_t)n >= size)
		out[0] = '\0';
}

int info_key_state(const struct opts *o)
{
	char path[PATH_MAX];
	int rv;

	if (o->key_state != NULL && strcmp(o->key_state, "none") == 0)
		return 0;
	if (o->key_state != NULL) {
		if (snprintf(path, sizeof(path), "%s", o->key_state) >=
		    (int)sizeof(path))
			return SSCARD_E_INVALID_ARG;
	} else {
		default_path(path, sizeof(path));
		if (path[0] == '\0')
			return 0;
	}
	if (make_dirs(path) < 0 && o->key_state != NULL)
		return SSCARD_E_KEYFILE;
	rv = sscard_key_guard_file(path);
	/* the default place unusable (a read-only home): this run only */
	return o->key_state != NULL ? rv : 0;
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
