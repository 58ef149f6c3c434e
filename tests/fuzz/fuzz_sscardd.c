/*
 * libFuzzer: what a caller sends sscardd, picked by the first input byte:
 * the PIN body of POST /v1/pin/verify, one legacy-dialect message (and the
 * answer made around any text), and the Host / Origin / token /
 * Sec-Fetch-Site / listen-address checks and the Accept-Language choice.
 * Oracles: an accepted PIN is a terminated string shorter than its field,
 * a refused one leaves the field zero; an accepted legacy call names a
 * function the dialect has; every answer is a JSON object json-c reads
 * back; the language is 0 or 1.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "sscardd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_answer(char *text)
{
	json_object *back;

	if (text == NULL)
		return;
	back = json_tokener_parse(text);
	if (back == NULL || !json_object_is_type(back, json_type_object))
		abort();
	json_object_put(back);
	free(text);
}

static void pin_body(const char *body, size_t len)
{
	static const char zero[sizeof(((struct job *)0)->pin)];
	struct job j;

	memset(&j, 0, sizeof(j));
	if (request_pin(body, len, &j) == 0) {
		if (memchr(j.pin, '\0', sizeof(j.pin)) == NULL ||
		    (j.pin_flags & ~(unsigned)SSCARD_PIN_CONFIRM_LAST_TRY) != 0)
			abort();
	} else if (memcmp(j.pin, zero, sizeof(zero)) != 0) {
		abort();
	}
}

static void legacy(const char *msg, size_t len)
{
	struct job j;
	char *refusal = NULL;
	char *text;

	memset(&j, 0, sizeof(j));
	if (request_legacy(msg, len, &j, &refusal) == 0) {
		if (refusal != NULL || strncmp(j.function, "i", 1) != 0 ||
		    memchr(j.key, '\0', sizeof(j.key)) == NULL)
			abort();
	} else {
		if (refusal == NULL)
			abort();
		check_answer(refusal);
	}
	/* the function's output, whatever bytes it holds, answered */
	text = malloc(len + 1);
	if (text == NULL)
		return;
	memcpy(text, msg, len);
	text[len] = '\0';
	check_answer(legacy_answer(text, -14, text));
	free(text);
}

/* NUL-separated: host, origin, token, Sec-Fetch-Site, listen address */
static void guards(const char *in, size_t len)
{
	static struct conf c;
	const char *part[5] = { "", "", "", "", "" };
	char *copy = malloc(len + 1);
	size_t at = 0;
	int i;

	if (copy == NULL)
		return;
	memcpy(copy, in, len);
	copy[len] = '\0';
	if (c.n_origins == 0) {
		snprintf(c.origins[0], sizeof(c.origins[0]), "%s",
			 "https://his.example.org");
		snprintf(c.origins[1], sizeof(c.origins[1]), "%s",
			 "http://192.168.10.5:8080");
		c.n_origins = 2;
	}
	for (i = 0; i < 5 && at <= len; i++) {
		part[i] = copy + at;
		at += strlen(copy + at) + 1;
	}
	/* the metrics port's Host: a loopback name or an address literal,
	 * never a name a page's DNS could point at us */
	if (guard_host_literal(part[0]) && !guard_host(part[0]) &&
	    part[0][strspn(part[0], "0123456789abcdefABCDEF.:[]")] != '\0')
		abort();
	guard_origin(&c, part[1]);
	c.token[0] = '\0';
	if (guard_token(&c, part[2]) != 1)
		abort();                /* no token set: anyone */
	snprintf(c.token, sizeof(c.token), "%s", "0123456789abcdef0123");
	if (guard_token(&c, part[2]) != (strcmp(part[2], c.token) == 0))
		abort();
	guard_token(&c, NULL);
	guard_fetch_site(part[3]);
	guard_listen(part[4]);
	/* the same bytes as an Accept-Language: 0 or 1 whatever they are */
	if ((lang_prefers_zh(copy, 0) & ~1) != 0 ||
	    (lang_prefers_zh(copy, 1) & ~1) != 0)
		abort();
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *rest = (const char *)data + 1;

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		pin_body(rest, size - 1);
		break;
	case 1:
		legacy(rest, size - 1);
		break;
	default:
		guards(rest, size - 1);
		break;
	}
	return 0;
}
