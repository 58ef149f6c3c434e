/*
 * The vendor services' dialect, for pages written against them: one JSON
 * object a WebSocket message, {"function":"iReadCardBas","iType":3}, and
 * one answer, {"functionName":..., "success":"1" or the ministry's code as
 * a string, "code": the same as a number, "pOutInfo": the function's
 * output in UTF-8}.  The answer is libSSCardDriver's own (the library is
 * called, not copied), so pOutInfo is byte for byte what a program linked
 * with it gets with charset UTF-8.  Only the functions request.c accepts
 * answer; there is no raw-APDU function.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "SSCardDriver.h"
#include "sscardd.h"

#define OUT_SIZE 1024

/*
 * libSSCardDriver keeps one HSM step for its whole process: the holder
 * read that step 1 began waits in it for step 2.  Here many pages share
 * that process, so the step belongs to the connection that began it:
 * step 2 from any other connection is refused without reaching the
 * library, and a connection that closed leaves a step nobody can finish
 * (the library's next call, or its hsm_timeout, ends it).  Any call other
 * than step 1 ends a waiting step in the library, so it ends the owner too.
 */
static uint64_t step_owner;     /* legacy thread only; 0: none */

static int step_refused(const struct job *j)
{
	return strcmp(j->function, "iReadCardBas_HSM_Step2") == 0 &&
	       (step_owner == 0 || j->conn != step_owner);
}

static void step_track(const struct job *j, long code)
{
	if (strcmp(j->function, "iReadCardBas_HSM_Step1") == 0 && code == 0)
		step_owner = j->conn;
	else
		step_owner = 0;
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
		if (step_refused(j)) {
			code = -14;
			snprintf(out, sizeof(out), "未执行上一步");
		} else {
			code = call(j, out);
			step_track(j, code);
		}
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
