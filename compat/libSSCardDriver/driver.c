/*
 * libSSCardDriver's exported functions (SSCardDriver.h): check the
 * caller's arguments, hand the work to the worker, and write the answer
 * in the caller's charset.  Nothing else is exported (libSSCardDriver.map).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "SSCardDriver.h"
#include "args.h"
#include "compat.h"
#include "jobs.h"
#include "slog.h"

#define EXPORT __attribute__((visibility("default")))

static pthread_once_t journal_once = PTHREAD_ONCE_INIT;
static int journal;     /* stderr is the journal: set once */

static void journal_check(void)
{
	journal = slog_journal_stderr();
}

/* One record a call: to the journal when stderr is the journal, and to
 * the configured log file as key=value text. */
static void record(const char *name, const struct job *j)
{
	struct slog_record r = { "libSSCardDriver", 0, name, NULL, 0, NULL,
				 0, 0, j->code != 0 };
	struct timespec now;
	char code[24], line[512];

	clock_gettime(CLOCK_MONOTONIC, &now);
	r.ms = (double)(now.tv_sec - j->started.tv_sec) * 1e3 +
	       (double)(now.tv_nsec - j->started.tv_nsec) / 1e6;
	snprintf(code, sizeof(code), "%d", j->code);
	r.code = code;
	pthread_once(&journal_once, journal_check);
	if (journal)
		slog_journal(&r);
	slog_format(line, sizeof(line), &r);
	out_log("%s", line);
}

/* Write the job's text to out in the configured charset; the code. */
static long finish(const char *name, struct job *j, char *out)
{
	if (out_finish(j, out, config_get()->charset) < 0) {
		out_message(j, M_PARAM, "字符集转换失败");
		out_finish(j, out, "UTF-8");
		j->code = M_PARAM;
	}
	record(name, j);
	OPENSSL_cleanse(j->out, sizeof(j->out));
	return j->code;
}

static long refuse(const char *name, char *out, int code, const char *msg)
{
	struct job j;

	memset(&j, 0, sizeof(j));
	clock_gettime(CLOCK_MONOTONIC, &j.started);
	j.code = out_message(&j, code, "%s", msg);
	return finish(name, &j, out);
}

static int itype_ok(int itype)
{
	return itype >= 1 && itype <= 4;
}

static long run(const char *name, job_fn fn, int itype, const char *arg1,
		const char *arg2, char *out)
{
	struct job j;

	if (out == NULL)
		return M_PARAM;
	if (!itype_ok(itype))
		return refuse(name, out, M_PARAM, "参数错误：iType为1至4");
	memset(&j, 0, sizeof(j));
	clock_gettime(CLOCK_MONOTONIC, &j.started);
	j.run = fn;
	j.itype = itype;
	j.arg1 = arg1;
	j.arg2 = arg2;
	worker_call(&j);
	return finish(name, &j, out);
}

EXPORT long iReadCardBas(int iType, char *pOutInfo)
{
	return run("iReadCardBas", job_read_bas, iType, NULL, NULL, pOutInfo);
}

EXPORT long iVerifyPIN(int iType, char *pOutInfo)
{
	return run("iVerifyPIN", job_verify, iType, NULL, NULL, pOutInfo);
}

EXPORT long iVerifyPINK(int iType, char *pin, char *pOutInfo)
{
	size_t n;

	if (pOutInfo == NULL)
		return M_PARAM;
	n = pin != NULL ? strnlen(pin, 13) : 0;
	if (n < 4 || n > 12 || strspn(pin, "0123456789") != n)
		return refuse("iVerifyPINK", pOutInfo, M_PIN_LENGTH,
			      "密码须为4至12位数字");
	return run("iVerifyPINK", job_verify, iType, pin, NULL, pOutInfo);
}

EXPORT long iChangePIN(int iType, char *pOutInfo)
{
	return run("iChangePIN", job_change, iType, NULL, NULL, pOutInfo);
}

/* pCardInfo checked before the card is asked anything: 0, or the code */
static long card_info_refused(const char *name, const char *info, char *out)
{
	char id[33], number[16];

	if (out == NULL)
		return M_PARAM;
	if (parse_card_info(info, id, number) < 0)
		return refuse(name, out, M_PARAM,
			      "参数错误：pCardInfo为“卡识别码|卡号|”");
	return 0;
}

static long counter(const char *name, int itype, const char *info,
		    int reload, char *out)
{
	long rv = card_info_refused(name, info, out);

	if (rv < 0)
		return rv;
	return run(name, job_counter, itype, info, reload ? "reload" : NULL,
		   out);
}

EXPORT long iReloadPIN(int iType, char *pCardInfo, char *pOutInfo)
{
	return counter("iReloadPIN", iType, pCardInfo, 1, pOutInfo);
}

EXPORT long iUnblockPIN(int iType, char *pCardInfo, char *pOutInfo)
{
	return counter("iUnblockPIN", iType, pCardInfo, 0, pOutInfo);
}

EXPORT long iReadCard(int iType, int iAuthType, char *pCardInfo,
		      char *pFileAddr, char *pOutInfo)
{
	(void)iAuthType;    /* authentication follows what the card asks */
	if (pOutInfo == NULL)
		return M_PARAM;
	if (pFileAddr == NULL || strnlen(pFileAddr, OUT_MAX) == OUT_MAX)
		return refuse("iReadCard", pOutInfo, M_PARAM, "参数错误：文件地址");
	return run("iReadCard", job_read_card, iType, pCardInfo, pFileAddr,
		   pOutInfo);
}

EXPORT long iReadICCardNum(int iType, char *pOutInfo)
{
	return run("iReadICCardNum", job_iccard_num, iType, NULL, NULL,
		   pOutInfo);
}

EXPORT long iGetReaderInfo(char *pReaderSN, char *pPsamTermNo)
{
	struct job j, second;
	size_t at;

	if (pReaderSN == NULL || pPsamTermNo == NULL)
		return M_PARAM;
	memset(&j, 0, sizeof(j));
	clock_gettime(CLOCK_MONOTONIC, &j.started);
	j.run = job_reader_info;
	j.itype = 1;
	worker_call(&j);
	if (j.code < 0) {
		pPsamTermNo[0] = '\0';
		return finish("iGetReaderInfo", &j, pReaderSN);
	}
	memset(&second, 0, sizeof(second));
	second.started = j.started;
	at = strlen(j.out) + 1;
	memcpy(second.out, j.out + at, strlen(j.out + at) + 1);
	second.code = 0;
	finish("iGetReaderInfo", &second, pPsamTermNo);
	return finish("iGetReaderInfo", &j, pReaderSN);
}

/* ---- HSM steps: the job waits in the worker between the calls ---------- */

/* Keep the first n '|'-fields of s (the ministry's step answer). */
static void first_fields(char *s, int n)
{
	char *p = s;
	int i;

	for (i = 0; i < n && p != NULL; i++) {
		p = strchr(p, '|');
		if (p != NULL)
			p++;
	}
	if (p != NULL)
		*p = '\0';
}

static long step_start(const char *name, job_fn fn, int itype,
		       const char *info, const char *arg2, int fields,
		       char *out)
{
	struct job j;
	struct timespec started;
	char request[HSM_MSG_MAX];
	long rv;

	if (out == NULL)
		return M_PARAM;
	if (!itype_ok(itype))
		return refuse(name, out, M_PARAM, "参数错误：iType为1至4");
	memset(&j, 0, sizeof(j));
	clock_gettime(CLOCK_MONOTONIC, &j.started);
	j.run = fn;
	j.itype = itype;
	j.arg1 = info;
	j.arg2 = arg2;
	if (worker_start_hsm(&j, request, sizeof(request)) == 0)
		return finish(name, &j, out);   /* ended before the HSM */
	if (fields > 0)
		first_fields(request, fields);
	started = j.started;
	memset(&j, 0, sizeof(j));
	j.started = started;
	memcpy(j.out, request, strlen(request) + 1);
	OPENSSL_cleanse(request, sizeof(request));
	rv = finish(name, &j, out);
	return rv;
}

/* The HSM's answer: hex and '|' only, checked before it is handed on. */
static long step_next(const char *name, const char *key, int fields,
		      char *out)
{
	struct job j;
	struct timespec started;
	char request[HSM_MSG_MAX];
	int rv;

	if (out == NULL)
		return M_PARAM;
	if (args_hsm_text(key) < 0)
		return refuse(name, out, M_PARAM, "参数错误：加密机数据");
	memset(&j, 0, sizeof(j));
	clock_gettime(CLOCK_MONOTONIC, &started);
	rv = worker_hsm_answer(key, &j, request, sizeof(request));
	if (rv < 0)
		return refuse(name, out, M_PARAM, "未执行上一步");
	j.started = started;
	if (rv == 0)
		return finish(name, &j, out);
	if (fields > 0)
		first_fields(request, fields);
	memset(&j, 0, sizeof(j));
	j.started = started;
	memcpy(j.out, request, strlen(request) + 1);
	OPENSSL_cleanse(request, sizeof(request));
	return finish(name, &j, out);
}

EXPORT long iReadCardBas_HSM_Step1(int iType, char *pOutInfo)
{
	return step_start("iReadCardBas_HSM_Step1", job_read_bas_hsm, iType,
			  NULL, NULL, 0, pOutInfo);
}

EXPORT long iReadCardBas_HSM_Step2(char *pKey, char *pOutInfo)
{
	return step_next("iReadCardBas_HSM_Step2", pKey, 0, pOutInfo);
}

static long counter_step1(const char *name, int itype, const char *info,
			  int reload, char *out)
{
	long rv = card_info_refused(name, info, out);

	if (rv < 0)
		return rv;
	/* the ministry's step answers are "alg|key address|R...|" */
	return step_start(name, job_counter_hsm, itype, info,
			  reload ? "reload" : NULL, 4, out);
}

EXPORT long iReloadPIN_HSM_Step1(int iType, char *pCardInfo, char *pOutInfo)
{
	return counter_step1("iReloadPIN_HSM_Step1", iType, pCardInfo, 1,
			     pOutInfo);
}

EXPORT long iReloadPIN_HSM_Step2(char *pKey, char *pOutInfo)
{
	return step_next("iReloadPIN_HSM_Step2", pKey, 4, pOutInfo);
}

EXPORT long iReloadPIN_HSM_Step3(char *pKey, char *pOutInfo)
{
	return step_next("iReloadPIN_HSM_Step3", pKey, 4, pOutInfo);
}

EXPORT long iUnblockPIN_HSM_Step1(int iType, char *pCardInfo, char *pOutInfo)
{
	return counter_step1("iUnblockPIN_HSM_Step1", iType, pCardInfo, 0,
			     pOutInfo);
}

EXPORT long iUnblockPIN_HSM_Step2(char *pKey, char *pOutInfo)
{
	return step_next("iUnblockPIN_HSM_Step2", pKey, 4, pOutInfo);
}

EXPORT long iUnblockPIN_HSM_Step3(char *pKey, char *pOutInfo)
{
	return step_next("iUnblockPIN_HSM_Step3", pKey, 4, pOutInfo);
}
