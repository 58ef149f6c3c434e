/*
 * A hospital system's use of the ministry interface, for the tests: written
 * only against SSCardDriver.h and linked with -lSSCardDriver (or, with
 * "dlopen" first, reaching the library through dlopen + dlsym).  Runs the
 * calls named on the command line in order and prints each as
 * "CODE OUTPUT" (the output's bytes as the library wrote them).
 *
 *   ministry [dlopen] CALL ARGS... [CALL ARGS...]
 *   bas T | verify T | verifyk T PIN | change T | iccard T | readerinfo
 *   card T AUTH INFO ADDR | reload T INFO | unblock T INFO
 *   hsmbas T HSM        step 1, the HSM command, step 2
 *   hsmreload T INFO HSM | hsmunblock T INFO HSM   steps 1-3
 *   threads N K         N threads, K iReadCardBas each, all alike
 *   fork T              iReadCardBas, then in a forked child, then again
 *                       in the parent: all alike
 *   split T HSM         step 1 in one thread, step 2 in another
 *   hsmremoved T HSM    step 1, the card taken out, step 2
 *   shell CMD           runs CMD (sh -c) between two calls
 *
 * HSM is a command reading the request on stdin and printing the answer
 * (the key name in SSCARD_HSM_KEY), like the test HSM.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "SSCardDriver.h"

static long (*read_bas)(int, char *) = iReadCardBas;

static void show(long code, const char *out)
{
	printf("%ld %s\n", code, out);
	fflush(stdout);
}

/* Ask the HSM command: request on its stdin, answer from its stdout. */
static int ask_hsm(const char *cmd, const char *key, const char *request,
		   char *answer, size_t size)
{
	char line[2048];
	FILE *p;

	setenv("SSCARD_HSM_KEY", key, 1);
	snprintf(line, sizeof(line), "printf '%%s\\n' '%s' | %s", request, cmd);
	p = popen(line, "r");
	if (p == NULL)
		return -1;
	if (fgets(answer, (int)size, p) == NULL)
		answer[0] = '\0';
	answer[strcspn(answer, "\n")] = '\0';
	return pclose(p) == 0 ? 0 : -1;
}

/* region|historical bytes|card identification code| from iReadCardBas */
static int card_part(int itype, char *out, size_t size)
{
	char bas[1024], *f[12], *p = bas;
	int i;

	if (read_bas(itype, bas) != 0)
		return -1;
	for (i = 0; i < 11; i++) {
		f[i] = p;
		p = strchr(p, '|');
		if (p == NULL)
			return -1;
		*p++ = '\0';
	}
	snprintf(out, size, "%s|%s|%s|", f[0], f[5], f[3]);
	return 0;
}

static int hsm_bas(int itype, const char *hsm)
{
	char out[1024], answer[256];
	long rv = iReadCardBas_HSM_Step1(itype, out);

	show(rv, out);
	if (rv != 0)
		return 0;
	if (ask_hsm(hsm, "RKSSSE", out, answer, sizeof(answer)) < 0)
		return -1;
	rv = iReadCardBas_HSM_Step2(answer, out);
	show(rv, out);
	return 0;
}

static int hsm_counter(int reload, int itype, char *info, const char *hsm)
{
	char out[1024], request[2048], answer[256], part[256];
	long rv;

	if (card_part(itype, part, sizeof(part)) < 0)
		return -1;
	rv = reload ? iReloadPIN_HSM_Step1(itype, info, out)
		    : iUnblockPIN_HSM_Step1(itype, info, out);
	show(rv, out);
	if (rv != 0)
		return 0;
	snprintf(request, sizeof(request), "%s%s", out, part);
	if (ask_hsm(hsm, "PUK", request, answer, sizeof(answer)) < 0)
		return -1;
	rv = reload ? iReloadPIN_HSM_Step2(answer, out)
		    : iUnblockPIN_HSM_Step2(answer, out);
	show(rv, out);
	if (rv != 0)
		return 0;
	snprintf(request, sizeof(request), "%s%s%s", out, part,
		 reload ? "123456|" : "");
	if (ask_hsm(hsm, "PINRELOAD", request, answer, sizeof(answer)) < 0)
		return -1;
	rv = reload ? iReloadPIN_HSM_Step3(answer, out)
		    : iUnblockPIN_HSM_Step3(answer, out);
	show(rv, out);
	return 0;
}

/* step 1, the card taken out (SIGUSR1 to the virtual card), step 2 */
static int hsm_removed(int itype, const char *hsm)
{
	const char *pid = secure_getenv("WITH_PCSCD_VCARD_PID");
	char out[1024], answer[256];
	long rv = iReadCardBas_HSM_Step1(itype, out);

	show(rv, out);
	if (rv != 0 || pid == NULL ||
	    ask_hsm(hsm, "RKSSSE", out, answer, sizeof(answer)) < 0)
		return -1;
	kill((pid_t)atoi(pid), SIGUSR1);
	usleep(600 * 1000);     /* pcscd polls every 400 ms */
	rv = iReadCardBas_HSM_Step2(answer, out);
	show(rv, out);
	return 0;
}

struct reader_args {
	int k;
	const char *want;
	int bad;
};

static void *reader_thread(void *arg)
{
	struct reader_args *a = arg;
	char out[1024];
	int i;

	for (i = 0; i < a->k; i++)
		if (read_bas(3, out) != 0 || strcmp(out, a->want) != 0)
			a->bad++;
	return NULL;
}

/* A pre-forking server: the parent has used the library (its worker
 * thread runs), the child's first call must work on its own. */
static int forked(int t)
{
	char first[1024], out[1024];
	int status = 0;
	pid_t pid;

	if (read_bas(t, first) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		alarm(60);              /* a hang fails, it does not block */
		_exit(read_bas(t, out) == 0 && strcmp(out, first) == 0 &&
		      read_bas(t, out) == 0 && strcmp(out, first) == 0 ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	printf("fork child %d parent %d\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status),
	       read_bas(t, out) == 0 && strcmp(out, first) == 0 ? 0 : 1);
	return 0;
}

static int threads(int n, int k)
{
	struct reader_args args[64];
	pthread_t t[64];
	char first[1024];
	int i, bad = 0;

	if (n < 1 || n > 64 || read_bas(3, first) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		args[i].k = k;
		args[i].want = first;
		args[i].bad = 0;
		pthread_create(&t[i], NULL, reader_thread, &args[i]);
	}
	for (i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		bad += args[i].bad;
	}
	printf("threads %d calls %d different %d\n", n, n * k, bad);
	return bad == 0 ? 0 : -1;
}

struct step2_args {
	const char *key;
	char out[1024];
	long rv;
};

static void *step2_thread(void *arg)
{
	struct step2_args *a = arg;

	a->rv = iReadCardBas_HSM_Step2((char *)a->key, a->out);
	return NULL;
}

static int split(int itype, const char *hsm)
{
	struct step2_args a;
	char out[1024], answer[256];
	pthread_t t;
	long rv = iReadCardBas_HSM_Step1(itype, out);

	show(rv, out);
	if (rv != 0 || ask_hsm(hsm, "RKSSSE", out, answer, sizeof(answer)) < 0)
		return -1;
	a.key = answer;
	pthread_create(&t, NULL, step2_thread, &a);
	pthread_join(t, NULL);
	show(a.rv, a.out);
	return 0;
}

static int by_dlopen(void)
{
	void *h = dlopen("libSSCardDriver.so", RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		fprintf(stderr, "dlopen: %s\n", dlerror());
		return -1;
	}
	*(void **)&read_bas = dlsym(h, "iReadCardBas");
	/* (dlsym on the handle also searches libsscard, its dependency) */
	if (read_bas == NULL || dlsym(h, "worker_call") != NULL ||
	    dlsym(h, "session_card") != NULL || dlsym(h, "out_finish") != NULL) {
		fprintf(stderr, "dlsym: not exactly the ministry's names\n");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char out[1024], sn[1024];
	int i = 1;

	if (i < argc && strcmp(argv[i], "dlopen") == 0) {
		if (by_dlopen() < 0)
			return 2;
		i++;
	}
	while (i < argc) {
		const char *c = argv[i];
		int wrote = strchr("bvcir", c[0]) != NULL &&
			    strcmp(c, "readerinfo") != 0;
		int left = argc - i - 1, t = left > 0 ? atoi(argv[i + 1]) : 0;

		memset(out, 0x5A, sizeof(out));
		if (strcmp(c, "bas") == 0 && left >= 1) {
			show(read_bas(t, out), out);
			i += 2;
		} else if (strcmp(c, "verify") == 0 && left >= 1) {
			show(iVerifyPIN(t, out), out);
			i += 2;
		} else if (strcmp(c, "verifyk") == 0 && left >= 2) {
			show(iVerifyPINK(t, argv[i + 2], out), out);
			i += 3;
		} else if (strcmp(c, "change") == 0 && left >= 1) {
			show(iChangePIN(t, out), out);
			i += 2;
		} else if (strcmp(c, "iccard") == 0 && left >= 1) {
			show(iReadICCardNum(t, out), out);
			i += 2;
		} else if (strcmp(c, "readerinfo") == 0) {
			long rv = iGetReaderInfo(sn, out);

			printf("%ld %s %s\n", rv, sn, out);
			i += 1;
		} else if (strcmp(c, "card") == 0 && left >= 4) {
			show(iReadCard(t, atoi(argv[i + 2]), argv[i + 3],
				       argv[i + 4], out), out);
			i += 5;
		} else if (strcmp(c, "reload") == 0 && left >= 2) {
			show(iReloadPIN(t, argv[i + 2], out), out);
			i += 3;
		} else if (strcmp(c, "unblock") == 0 && left >= 2) {
			show(iUnblockPIN(t, argv[i + 2], out), out);
			i += 3;
		} else if (strcmp(c, "hsmbas") == 0 && left >= 2) {
			if (hsm_bas(t, argv[i + 2]) < 0)
				return 1;
			i += 3;
		} else if ((strcmp(c, "hsmreload") == 0 ||
			    strcmp(c, "hsmunblock") == 0) && left >= 3) {
			if (hsm_counter(c[3] == 'r', t, argv[i + 2],
					argv[i + 3]) < 0)
				return 1;
			i += 4;
		} else if (strcmp(c, "fork") == 0 && left >= 1) {
			if (forked(t) < 0)
				return 1;
			i += 2;
		} else if (strcmp(c, "threads") == 0 && left >= 2) {
			if (threads(t, atoi(argv[i + 2])) < 0)
				return 1;
			i += 3;
		} else if (strcmp(c, "hsmremoved") == 0 && left >= 2) {
			if (hsm_removed(t, argv[i + 2]) < 0)
				return 1;
			i += 3;
		} else if (strcmp(c, "shell") == 0 && left >= 1) {
			/* between two calls: a swap of cards, say */
			if (system(argv[i + 1]) != 0)
				return 1;
			i += 2;
		} else if (strcmp(c, "split") == 0 && left >= 2) {
			if (split(t, argv[i + 2]) < 0)
				return 1;
			i += 3;
		} else {
			fprintf(stderr, "ministry: bad call at %s\n", c);
			return 2;
		}
		/* nothing past the terminating NUL was touched */
		if (wrote && (memchr(out, '\0', sizeof(out)) == NULL ||
			      ((unsigned char *)out)[strlen(out) + 1] != 0x5A)) {
			fprintf(stderr, "ministry: wrote past the NUL\n");
			return 3;
		}
	}
	return 0;
}
