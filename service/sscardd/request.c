/*
 * What a caller sent, made into a job, with no I/O (and so fuzzed whole by
 * tests/fuzz/fuzz_sscardd.c): the PIN body of POST /v1/pin/verify and one
 * message of the legacy dialect.  Every copy json-c made of a PIN or a
 * key is wiped before it is freed.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>
#include <openssl/crypto.h>

#include "output.h"
#include "sscardd.h"

/* Nothing after the JSON value but white space. */
static int only_space_after(const char *body, size_t len, size_t end)
{
	for (; end < len; end++)
		if (strchr(" \t\r\n", body[end]) == NULL || body[end] == '\0')
			return 0;
	return 1;
}

/* {"pin": "123456", "confirm_last_try": false}: the PIN a string of its
 * own length (no NUL inside), confirm_last_try absent or a JSON boolean,
 * nothing after the object.  0: j->pin and j->pin_flags set; -1: refused */
int request_pin(const char *body, size_t body_len, struct job *j)
{
	json_tokener *tok = json_tokener_new();
	json_object *req = NULL, *v;
	const char *pin;
	size_t len;
	int rv = -1;

	if (tok != NULL && body_len > 0 && body_len <= INT32_MAX)
		req = json_tokener_parse_ex(tok, body, (int)body_len);
	if (req == NULL || !json_object_is_type(req, json_type_object) ||
	    !only_space_after(body, body_len,
			      json_tokener_get_parse_end(tok)) ||
	    !json_object_object_get_ex(req, "pin", &v) ||
	    !json_object_is_type(v, json_type_string))
		goto out;
	pin = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	if (len >= sizeof(j->pin) || strlen(pin) != len)
		goto wipe;
	memcpy(j->pin, pin, len + 1);
	j->pin_flags = 0;
	if (json_object_object_get_ex(req, "confirm_last_try", &v)) {
		if (!json_object_is_type(v, json_type_boolean))
			goto wipe;
		if (json_object_get_boolean(v))
			j->pin_flags = SSCARD_PIN_CONFIRM_LAST_TRY;
	}
	rv = 0;
wipe:
	OPENSSL_cleanse((char *)pin, len);
	if (rv < 0)
		OPENSSL_cleanse(j->pin, sizeof(j->pin));
out:
	json_object_put(req);
	tokener_wipe_free(tok);
	return rv;
}

enum { TAKES_ITYPE = 1, TAKES_KEY = 2 };

static const struct {
	const char *name;
	int takes;
} functions[] = {
	{ "iReadCardBas", TAKES_ITYPE },
	{ "iReadCardBas_HSM_Step1", TAKES_ITYPE },
	{ "iReadCardBas_HSM_Step2", TAKES_KEY },
	{ "iVerifyPIN", TAKES_ITYPE },
	{ "iChangePIN", TAKES_ITYPE },
	{ "iReadICCardNum", TAKES_ITYPE },
};

#define N_FUNCTIONS (sizeof(functions) / sizeof(functions[0]))

char *legacy_answer(const char *function, long code, const char *out)
{
	json_object *a = json_object_new_object();
	char success[24];
	char *text;

	snprintf(success, sizeof(success), "%ld", code == 0 ? 1L : code);
	json_object_object_add(
		a, "functionName",
		json_object_new_string(function ? function : ""));
	json_object_object_add(a, "success", json_object_new_string(success));
	json_object_object_add(a, "code", json_object_new_int64(code));
	json_object_object_add(a, "pOutInfo", json_object_new_string(out));
	text = strdup(out_text(a));
	json_object_put(a);
	return text;
}

/* iType as vendors' pages send it: 3 or "3" (one or two ASCII digits in a
 * string, nothing else).  -1 when it is neither. */
static int itype_of(json_object *v, int *itype)
{
	const char *text;
	int len;

	if (json_object_is_type(v, json_type_int)) {
		*itype = json_object_get_int(v);
		return 0;
	}
	if (!json_object_is_type(v, json_type_string))
		return -1;
	text = json_object_get_string(v);
	len = json_object_get_string_len(v);
	if (len < 1 || len > 2 || text[0] < '0' || text[0] > '9' ||
	    (len == 2 && (text[1] < '0' || text[1] > '9')))
		return -1;
	*itype = text[0] - '0';
	if (len == 2)
		*itype = *itype * 10 + text[1] - '0';
	return 0;
}

/*
 * Parse one message into j (function, iType, pKey).  0: j goes to the
 * legacy thread; -1: *refusal is the answer to send (malloc'd), the
 * ministry's parameter error or its "not supported".
 */
int request_legacy(const char *msg, size_t len, struct job *j, char **refusal)
{
	json_tokener *tok = json_tokener_new();
	json_object *req = NULL, *v;
	const char *name = NULL;
	size_t i = N_FUNCTIONS;
	int rv = -1;

	*refusal = NULL;
	if (tok != NULL)
		req = json_tokener_parse_ex(tok, msg, (int)len);
	if (req == NULL || !json_object_is_type(req, json_type_object) ||
	    !only_space_after(msg, len, json_tokener_get_parse_end(tok))) {
		*refusal = legacy_answer(NULL, -14, "参数错误：不是一个 JSON 对象");
		j->legacy_code = -14;
		goto out;
	}
	/* a name with a NUL inside is no function's ("iVerifyPIN\u0000x") */
	if (json_object_object_get_ex(req, "function", &v) &&
	    json_object_is_type(v, json_type_string) &&
	    strlen(json_object_get_string(v)) ==
	    (size_t)json_object_get_string_len(v))
		name = json_object_get_string(v);
	for (i = 0; name != NULL && i < N_FUNCTIONS; i++)
		if (strcmp(name, functions[i].name) == 0)
			break;
	if (name == NULL || i == N_FUNCTIONS) {
		*refusal = legacy_answer(name, -13, "不支持的函数");
		j->legacy_code = -13;
		goto out;
	}
	snprintf(j->function, sizeof(j->function), "%s", name);
	if (functions[i].takes == TAKES_ITYPE) {
		if (!json_object_object_get_ex(req, "iType", &v) ||
		    itype_of(v, &j->itype) < 0) {
			*refusal = legacy_answer(name, -14, "参数错误：iType");
			j->legacy_code = -14;
			goto out;
		}
	} else {
		if (!json_object_object_get_ex(req, "pKey", &v) ||
		    !json_object_is_type(v, json_type_string) ||
		    (size_t)json_object_get_string_len(v) >= sizeof(j->key)) {
			*refusal = legacy_answer(name, -14, "参数错误：pKey");
			j->legacy_code = -14;
			goto out;
		}
		memcpy(j->key, json_object_get_string(v),
		       (size_t)json_object_get_string_len(v) + 1);
	}
	rv = 0;
out:
	if (req != NULL && json_object_object_get_ex(req, "pKey", &v) &&
	    json_object_is_type(v, json_type_string))
		OPENSSL_cleanse((char *)json_object_get_string(v),
				(size_t)json_object_get_string_len(v));
	json_object_put(req);
	tokener_wipe_free(tok);
	return rv;
}

