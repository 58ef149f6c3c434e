/*
 * libsscard-json through pcscd, as a C program links it: every part of the
 * card in the reader, the doctor's report, the first event, an error
 * document, and the arguments it refuses.  Prints one document a line
 * (the test script checks them against the schema), then "rv" lines.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include <sscard-json.h>

static void show(const char *what, int rv, char *json)
{
	if (json != NULL)
		puts(json);
	fprintf(stderr, "%s %d %s\n", what, rv, json != NULL ? "doc" : "none");
	sscard_json_free(json);
}

int main(void)
{
	sscard_ctx *ctx = NULL;
	sscard *card = NULL;
	char *json = (char *)"";
	int rv;

	if (sscard_ctx_new(&ctx) < 0 || sscard_connect(ctx, NULL, &card) < 0)
		return 2;
	rv = sscard_read_json(card, SSCARD_JSON_ALL, 0, &json);
	show("all", rv, json);
	rv = sscard_read_json(card, SSCARD_JSON_BANK, SSCARD_JSON_FULL_PAN, &json);
	show("bank", rv, json);
	json = (char *)"";
	rv = sscard_read_json(card, 0, 0, &json);
	show("no-part", rv, json);
	json = (char *)"";
	rv = sscard_read_json(card, 0x80, 0, &json);
	show("unknown-part", rv, json);
	json = (char *)"";
	rv = sscard_read_json(card, SSCARD_JSON_CARD, 0x8, &json);
	show("unknown-flag", rv, json);
	rv = sscard_read_json(NULL, SSCARD_JSON_CARD, 0, &json);
	show("no-card", rv, json);
	show("no-out", sscard_read_json(card, SSCARD_JSON_CARD, 0, NULL), NULL);
	sscard_disconnect(card);
	rv = sscard_wait_event_json(ctx, 5000, &json);
	show("event", rv, json);
	rv = sscard_wait_event_json(ctx, 100, &json);
	show("timeout", rv, json);
	rv = sscard_doctor_json(ctx, &json);
	show("doctor", rv, json);
	rv = sscard_error_json("Virtual PCD 00 00", SSCARD_E_CARD_MUTE, 0x6F00,
			       &json);
	show("error", rv, json);
	sscard_ctx_free(ctx);
	return 0;
}
