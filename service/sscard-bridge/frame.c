/*
 * The messages a page's extension sends: frame_length() and
 * frame_request() (bridge.h).  A message is one JSON object:
 *
 *   {"id": 7, "verb": "pin", "origin": "https://his.example.org",
 *    "pin": "123456", "confirm_last_try": false, "fresh": false,
 *    "lang": "zh"}
 *
 * id a number or a short string, echoed; origin set by the extension's
 * background from the browser's sender, never by the page.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "bridge.h"
#include "output.h"

static const char *const verbs[] = {
	[BRIDGE_VERSION] = "version", [BRIDGE_READERS] = "readers",
	[BRIDGE_CARD] = "card", [BRIDGE_PHOTO] = "photo",
	[BRIDGE_PIN] = "pin", [BRIDGE_MEDICAL] = "medical",
	[BRIDGE_DOCTOR] = "doctor", [BRIDGE_EVENTS] = "events",
};

int frame_length(const unsigned char head[4], uint32_t *len)
{
	memcpy(len, head, sizeof(*len));
	return *len == 0 || *len > BRIDGE_IN_MAX ? -1 : 0;
}

/* a string member of at most size - 1 bytes, no NUL inside: 1 copied,
 * 0 absent, -1 malformed */
static int text(json_object *o, const char *key, char *out, size_t size)
{
	json_object *v;
	size_t len;

	if (!json_object_object_get_ex(o, key, &v))
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return -1;
	len = (size_t)json_object_get_string_len(v);
	if (len >= size || strlen(json_object_get_string(v)) != len)
		return -1;
	memcpy(out, json_object_get_string(v), len + 1);
	return 1;
}

static int flag(json_object *o, const char *key, int *out)
{
	json_object *v;

	*out = 0;
	if (!json_object_object_get_ex(o, key, &v))
		return 0;
	if (!json_object_is_type(v, json_type_boolean))
		return -1;
	*out = json_object_get_boolean(v);
	return 0;
}

static int take_id(json_object *o, struct bridge_request *req)
{
	json_object *v;
	const char *t;

	snprintf(req->id, sizeof(req->id), "null");
	if (!json_object_object_get_ex(o, "id", &v))
		return 0;
	if (!json_object_is_type(v, json_type_int) &&
	    !(json_object_is_type(v, json_type_string) &&
	      json_object_get_string_len(v) <= BRIDGE_ID_MAX &&
	      strlen(json_object_get_string(v)) ==
		      (size_t)json_object_get_string_len(v)))
		return -1;
	t = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
	if (strlen(t) >= sizeof(req->id))
		return -1;
	snprintf(req->id, sizeof(req->id), "%s", t);
	return 0;
}

static int take_pin(json_object *o, struct bridge_request *req)
{
	json_object *v;
	size_t i, len;
	int confirm;

	if (!json_object_object_get_ex(o, "pin", &v) ||
	    !json_object_is_type(v, json_type_string))
		return -2;
	len = (size_t)json_object_get_string_len(v);
	if (len < 4 || len > 12 || len >= sizeof(req->pin))
		return -2;
	for (i = 0; i < len; i++)
		if (json_object_get_string(v)[i] < '0' ||
		    json_object_get_string(v)[i] > '9')
			return -2;
	memcpy(req->pin, json_object_get_string(v), len + 1);
	if (flag(o, "confirm_last_try", &confirm) < 0)
		return -1;
	req->pin_flags = confirm ? SSCARD_PIN_CONFIRM_LAST_TRY : 0;
	return 0;
}

static int parse(json_object *o, struct bridge_request *req)
{
	char lang[4] = "";
	size_t i;
	int rv;

	if (take_id(o, req) < 0 ||
	    text(o, "verb", req->verb_name, sizeof(req->verb_name)) != 1 ||
	    text(o, "origin", req->origin, sizeof(req->origin)) < 0 ||
	    text(o, "lang", lang, sizeof(lang)) < 0 ||
	    flag(o, "fresh", &req->fresh) < 0)
		return -1;
	req->zh = strcmp(lang, "zh") == 0 ? 1 : strcmp(lang, "en") == 0 ? 0
									: -1;
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(req->verb_name, verbs[i]) == 0)
			req->verb = (int)i;
	if (req->verb != BRIDGE_PIN)
		return 0;
	rv = take_pin(o, req);
	return rv;
}

int frame_request(char *msg, size_t len, struct bridge_request *req)
{
	json_tokener *tok = json_tokener_new();
	json_object *o = NULL;
	int rv = -1;

	memset(req, 0, sizeof(*req));
	req->verb = -1;
	req->zh = -1;
	snprintf(req->id, sizeof(req->id), "null");
	if (tok != NULL && len > 0 && len <= BRIDGE_IN_MAX)
		o = json_tokener_parse_ex(tok, msg, (int)len);
	if (o != NULL && json_object_is_type(o, json_type_object) &&
	    json_tokener_get_parse_end(tok) == len)
		rv = parse(o, req);
	if (rv < 0)
		sscard_cleanse(req->pin, sizeof(req->pin));
	/* the PIN's copies: the message and json-c's */
	if (o != NULL) {
		json_object *v;

		if (json_object_object_get_ex(o, "pin", &v) &&
		    json_object_is_type(v, json_type_string))
			sscard_cleanse((char *)json_object_get_string(v),
				       (size_t)json_object_get_string_len(v));
	}
	sscard_cleanse(msg, len);
	json_object_put(o);
	tokener_wipe_free(tok);
	return rv;
}
