/*
 * sscard-info --hsm CMD: the HSM callback runs CMD (with /bin/sh), the
 * step-1 request on its standard input and the key's name in
 * SSCARD_HSM_KEY, and takes "RESULT1|RESULT2|" from its standard output.
 * The library checks the answer; this only carries it, within 10 s.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "info.h"

#define HSM_TIMEOUT_MS 10000

static int read_answer(int fd, char *answer, size_t size)
{
	struct pollfd p = { fd, POLLIN, 0 };
	size_t got = 0;
	ssize_t n;

	while (got + 1 < size) {
		if (poll(&p, 1, HSM_TIMEOUT_MS) <= 0)
			return -1;
		n = read(fd, answer + got, size - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	answer[got] = '\0';
	return 0;
}

int info_hsm(const char *key, const char *request, char *answer,
	     size_t size, void *user)
{
	const char *cmd = user;
	int in[2], out[2], status = 0, rv = -1;
	pid_t pid;

	if (pipe(in) != 0)
		return -1;
	if (pipe(out) != 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		setenv("SSCARD_HSM_KEY", key, 1);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	if (pid > 0) {
		signal(SIGPIPE, SIG_IGN);
		if (write(in[1], request, strlen(request)) ==
		    (ssize_t)strlen(request) && write(in[1], "\n", 1) == 1)
			rv = 0;
		close(in[1]);
		in[1] = -1;
		if (rv == 0)
			rv = read_answer(out[0], answer, size);
		if (rv < 0)
			kill(pid, SIGTERM);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			rv = -1;
	}
	if (in[1] >= 0)
		close(in[1]);
	close(out[0]);
	return rv;
}
