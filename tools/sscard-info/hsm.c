/*
 * sscard-info --hsm CMD: the HSM callback runs CMD (with /bin/sh, in a
 * process group of its own), the step-1 request on its standard input and
 * the key's name in SSCARD_HSM_KEY, and takes "RESULT1|RESULT2|" from its
 * standard output.  The library checks the answer; this only carries it.
 * One deadline covers the whole exchange: the answer is read to its end
 * (a longer one than fits is drained and refused, so CMD never blocks on
 * a full pipe), CMD must exit in time, and at the deadline its whole
 * group is killed.  The end of the answer is the end of the pipe, or CMD
 * gone and its pipe quiet for QUIET_MS: a child CMD left behind holding
 * the pipe open does not stall the read until the deadline.
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
#include <time.h>
#include <unistd.h>

#include "info.h"

#define HSM_TIMEOUT_MS 10000
#define REAP_STEP_MS 10
#define QUIET_MS 50

/* CMD while its answer is read: has it exited, and how */
struct hsm_cmd {
	pid_t pid;
	int exited;
	int status;
};

long hsm_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int left_ms(long deadline)
{
	long left = deadline - hsm_now_ms();

	return left > 0 ? (int)left : 0;
}

/* 1 when cmd (may be NULL) has exited: reaped, its status kept */
static int cmd_gone(struct hsm_cmd *cmd)
{
	if (cmd == NULL)
		return 0;
	if (!cmd->exited && waitpid(cmd->pid, &cmd->status, WNOHANG) ==
	    cmd->pid)
		cmd->exited = 1;
	return cmd->exited;
}

static int read_answer(int fd, struct hsm_cmd *cmd, char *answer,
		       size_t size, long deadline)
{
	struct pollfd p = { fd, POLLIN, 0 };
	char drain[4096];
	size_t got = 0;
	ssize_t n;
	int too_long = 0, left, ready;

	for (;;) {
		left = left_ms(deadline);
		ready = poll(&p, 1, cmd != NULL && left > QUIET_MS ? QUIET_MS
								    : left);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready < 0 || (ready == 0 && left_ms(deadline) == 0))
			return -1;
		if (ready == 0) {
			if (cmd_gone(cmd))
				break;      /* quiet, and CMD has exited */
			continue;
		}
		if (got + 1 < size)
			n = read(fd, answer + got, size - 1 - got);
		else
			n = read(fd, drain, sizeof(drain));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (got + 1 < size)
			got += (size_t)n;
		else
			too_long = 1;
	}
	answer[got] = '\0';
	return too_long ? -1 : 0;
}

int hsm_read_answer(int fd, char *answer, size_t size, long deadline)
{
	return read_answer(fd, NULL, answer, size, deadline);
}

/* CMD's exit status by the deadline, or its group killed: 0 when it
 * exited 0 */
static int reap(struct hsm_cmd *cmd, long deadline)
{
	struct timespec step = { 0, REAP_STEP_MS * 1000000L };
	pid_t got;

	while (!cmd->exited) {
		got = waitpid(cmd->pid, &cmd->status, WNOHANG);
		if (got == cmd->pid) {
			cmd->exited = 1;
			break;
		}
		if (got < 0 && errno != EINTR)
			return -1;
		if (left_ms(deadline) == 0) {
			kill(-cmd->pid, SIGKILL);
			while (waitpid(cmd->pid, &cmd->status, 0) < 0 &&
			       errno == EINTR)
				;
			return -1;
		}
		nanosleep(&step, NULL);
	}
	return WIFEXITED(cmd->status) && WEXITSTATUS(cmd->status) == 0 ? 0
									: -1;
}

int info_hsm(const char *key, const char *request, char *answer,
	     size_t size, void *user)
{
	const char *cmd = user;
	long deadline = hsm_now_ms() + HSM_TIMEOUT_MS;
	struct hsm_cmd child = { 0, 0, 0 };
	int in[2], out[2], rv = -1;
	pid_t pid;

	if (size == 0 || pipe(in) != 0)
		return -1;
	if (pipe(out) != 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
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
		setpgid(pid, pid);          /* whichever of us runs first */
		signal(SIGPIPE, SIG_IGN);
		if (write(in[1], request, strlen(request)) ==
		    (ssize_t)strlen(request) && write(in[1], "\n", 1) == 1)
			rv = 0;
		close(in[1]);
		child.pid = pid;
		if (rv == 0)
			rv = read_answer(out[0], &child, answer, size,
					 deadline);
		if (reap(&child, rv == 0 ? deadline : hsm_now_ms()) < 0)
			rv = -1;
		/* nothing CMD started outlives the exchange */
		kill(-pid, SIGKILL);
	} else {
		close(in[1]);
	}
	close(out[0]);
	if (rv < 0)
		memset(answer, 0, size);
	return rv;
}
