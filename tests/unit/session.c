/*
 * The shared unit-test fixture: see session.h.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
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

void session_select_elsewhere(struct session *s)
{
	static const uint8_t select_pse[] = {
		0x00, 0xA4, 0x04, 0x00, 0x0E, '1', 'P', 'A', 'Y', '.', 'S', 'Y',
		'S', '.', 'D', 'D', 'F', '0', '1'
	};
	uint8_t resp[VCARD_RESP_MAX];

	vcard_process(s->vc, select_pse, sizeof(select_pse), resp);
}

static char trace[65536];

static void capture(int level, const char *msg, void *user)
{
	(void)level;
	(void)user;
	strncat(trace, msg, sizeof(trace) - strlen(trace) - 2);
	strcat(trace, "\n");
}

void session_trace_start(int level)
{
	trace[0] = '\0';
	sscard_set_log(NULL, level, capture, NULL);
}

const char *session_trace_stop(void)
{
	sscard_set_log(NULL, SSCARD_LOG_NONE, NULL, NULL);
	return trace;
}
