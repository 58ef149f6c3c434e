/*
 * The vendor services' dialect, for pages written against them: one JSON
 * object a WebSocket message, {"function":"iReadCardBas","iType":3}, and
 * one answer, {"functionName":..., "success":"1" or the ministry's code as
 * a string, "code": the same as a number, "pOutInfo": the function's
 * output in UTF-8}.  The answer is libSSCardDriver's own (the library is
 * called, not copied), so pOutInfo is byte for byte what a program linked
 * with it gets with charset UTF-8.  Only the functions below answer; there
 * is no raw-APDU function.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>
#include <openssl/crypto.h>

#include "SSCardDriver.h"
#include "sscardd.h"

#define OUT_SIZE 1024

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
	json_object_object_add(a, "functionName",
			       json_object_new_string(function ? function : ""));
	json_object_object_add(a, "success", json_object_new_string(success));
	json_object_object_add(a, "code", json_object_new_int64(code));
	json_object_object_add(a, "pOutInfo", json_object_new_string(out));
	text = strdup(json_object_to_json_string_ext(a,
		JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(a);
	return text;
}

static int only_space(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/*
 * Parse one message into j (function, iType, pKey).  0: j goes to the
 * legacy thread; -1: *refusal is the answer to send (malloc'd), the
 * ministry's parameter error or its "not supported".
 */
int legacy_request(const char *msg, size_t len, struct job *j, char **refusal)
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
	    !only_space(msg + json_tokener_get_parse_end(tok),
			len - json_tokener_get_parse_end(tok))) {
		*refusal = legacy_answer(NULL, -14, "参数错误：不是一个 JSON 对象");
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
		goto out;
	}
	snprintf(j->function, sizeof(j->function), "%s", name);
	if (functions[i].takes == TAKES_ITYPE) {
		if (!json_object_object_get_ex(req, "iType", &v) ||
		    !json_object_is_type(v, json_type_int)) {
			*refusal = legacy_answer(name, -14, "参数错误：iType");
			goto out;
		}
		j->itype = json_object_get_int(v);
	} else {
		if (!json_object_object_get_ex(req, "pKey", &v) ||
		    !json_object_is_type(v, json_type_string) ||
		    (size_t)json_object_get_string_len(v) >= sizeof(j->key)) {
			*refusal = legacy_answer(name, -14, "参数错误：pKey");
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

static long call(struct job *j, char *out)
{
	if (strcmp(j->function, "iReadCardBas") == 0)
		return iReadCardBas(j->itype, out);
	if (strcmp(j->function, "iReadCardBas_HSM_Step1") == 0)
		return iReadCardBas_HSM_Step1(j->itype, out);
	if (strcmp(j->function, "iReadCardBas_HSM_Step2") == 0)
		return iReadCardBas_HSM_Step2(j->key, out);
	if (strcmp(j->function, "iVerifyPIN") == 0)
		return iVerifyPIN(j->itype, out);
	if (strcmp(j->function, "iChangePIN") == 0)
		return iChangePIN(j->itype, out);
	return iReadICCardNum(j->itype, out);
}

void *legacy_thread(void *arg)
{
	char out[OUT_SIZE];
	struct job *j;
	char *text;
	long code;

	(void)arg;
	for (;;) {
		j = queue_pop(&svc.legacy_jobs, NULL);
		if (j == NULL)
			break;
		out[0] = '\0';
		code = call(j, out);
		j->legacy_code = code;
		OPENSSL_cleanse(j->key, sizeof(j->key));
		text = legacy_answer(j->function, code, out);
		OPENSSL_cleanse(out, sizeof(out));
		job_answer(j, 200, "application/json", (unsigned char *)text,
			   text != NULL ? strlen(text) : 0);
		service_done(j);
	}
	return NULL;
}
