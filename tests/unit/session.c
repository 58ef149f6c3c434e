/*
 * The shared unit-test fixture: see session.h.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "session.h"
#include "vcard_transport.h"

const char *session_profile_dir(void)
{
	const char *dir = getenv("SSCARD_PROFILES");

	return dir != NULL ? dir : "tests/vcard/profiles";
}

void session_open(struct session *s, const char *profile, const char *faults)
{
	char path[512], err[512];

	memset(s, 0, sizeof(*s));
	snprintf(path, sizeof(path), "%s/%s.card", session_profile_dir(),
		 profile);
	if (vcard_load(path, &s->vc, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	if (faults != NULL)
		assert_int_equal(vcard_add_faults(s->vc, faults), 0);
	assert_int_equal(sscard_ctx_new(&s->ctx), 0);
	assert_int_equal(vcard_connect(s->ctx, s->vc, &s->card), 0);
}

void session_close(struct session *s)
{
	sscard_disconnect(s->card);
	sscard_ctx_free(s->ctx);
	vcard_free(s->vc);
}

unsigned long session_apdus(sscard *card)
{
	struct sscard_stats st;

	sscard_get_stats(card, &st);
	return st.apdus;
}
