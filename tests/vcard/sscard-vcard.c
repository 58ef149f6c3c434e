/*
 * sscard-vcard: serve the virtual card to the vsmartcard vpcd reader driver
 * so the real pcscd sees a reader with our card in it.
 *
 * The card is a TCP client of vpcd; every message is a 2-byte big-endian
 * length and the payload (tests/harness/README.md).  SIGUSR1 takes the card out (closes
 * the socket), SIGUSR2 puts it back (connects again).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "vcard.h"

#define MUTE_MS 1000

static volatile sig_atomic_t want_out, want_in, want_stop;
static int latency_ms;         /* --latency: a slow card's answers */

static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		want_out = 1;
	else if (sig == SIGUSR2)
		want_in = 1;
	else
		want_stop = 1;
}

static void quickack(int fd)
{
	int one = 1;

	/* Linux clears TCP_QUICKACK after use: set it before every recv, or
	 * each exchange waits for the delayed ACK (tests/harness/README.md: 48 ms) */
	setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
}

static int connect_vpcd(const char *host, int port, int wait_ms)
{
	struct sockaddr_in sa;
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	int fd, one = 1, waited = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		return -1;
	for (;;) {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return -1;
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			break;
		close(fd);
		if (want_stop || waited >= wait_ms)
			return -1;
		nanosleep(&pause, NULL);
		waited += 20;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

/* Read exactly n bytes; 0 on success, -1 on EOF/error, -2 interrupted. */
static int read_full(int fd, uint8_t *buf, size_t n)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		quickack(fd);
		r = recv(fd, buf + got, n - got, 0);
		if (r == 0)
			return -1;
		if (r < 0) {
			if (errno == EINTR)
				return -2;
			return -1;
		}
		got += (size_t)r;
	}
	return 0;
}

static int send_msg(int fd, const uint8_t *data, size_t n)
{
	uint8_t buf[2 + VCARD_RESP_MAX + 64];

	if (n > sizeof(buf) - 2)
		return -1;
	buf[0] = (uint8_t)(n >> 8);
	buf[1] = (uint8_t)n;
	memcpy(buf + 2, data, n);
	return send(fd, buf, n + 2, MSG_NOSIGNAL) == (ssize_t)(n + 2) ? 0 : -1;
}

/* Serve one insertion; returns when the socket closes or a signal asks. */
static void serve(struct vcard *vc, int fd)
{
	uint8_t msg[65536], resp[VCARD_RESP_MAX];
	int silent = 0;
	int r;

	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		size_t len, n;

		if (want_out || want_stop)
			return;
		if (poll(&pfd, 1, -1) < 0)
			continue;       /* EINTR: look at the flags */
		r = read_full(fd, msg, 2);
		if (r == -2)
			continue;
		if (r < 0)
			return;
		len = (size_t)(msg[0] << 8 | msg[1]);
		if (read_full(fd, msg, len) != 0)
			return;
		if (len == 1) {
			switch (msg[0]) {
			case 0x00:          /* power off */
			case 0x01:          /* power on */
			case 0x02:          /* reset */
				vcard_reset(vc);
				break;
			case 0x04:
				if (send_msg(fd, vc->atr, vc->atr_len) < 0)
					return;
				break;
			}
			continue;
		}
		if (silent)
			continue;
		switch (vcard_next_fault(vc)) {
		case VCARD_FAULT_REMOVE:
		case VCARD_FAULT_RESET:
			/* a card cannot reset itself: through vpcd both faults
			 * are a removal; resets come from a second client */
			return;
		case VCARD_FAULT_MUTE:
			/* vpcd has no timeout of its own: a silent card blocks
			 * SCardTransmit for ever.  Stay silent for MUTE_MS, then
			 * drop the line as a reader that gives up would. */
			poll(NULL, 0, MUTE_MS);
			return;
		case VCARD_FAULT_GARBAGE:
			resp[0] = 0x6F;
			if (send_msg(fd, resp, 1) < 0)
				return;
			continue;
		case VCARD_FAULT_GONE:
			vcard_process(vc, msg, len, resp);
			return;
		case VCARD_FAULT_SILENT:
			/* only a reader with a timeout of its own (our PIN-pad
			 * reader; vpcd has none) can report this */
			silent = 1;
			continue;
		default:
			break;
		}
		n = vcard_process(vc, msg, len, resp);
		if (latency_ms > 0)
			poll(NULL, 0, latency_ms);
		if (send_msg(fd, resp, n) < 0)
			return;
		/* out before the next command arrives: removal between two
		 * APDUs, as a hand pulls a card */
		if (vcard_peek_fault(vc) == VCARD_FAULT_REMOVE) {
			vcard_next_fault(vc);
			return;
		}
	}
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: sscard-vcard --profile FILE [--port N] [--host ADDR]\n"
		"                    [--state FILE] [--fault SPEC] [--wait MS]\n"
		"                    [--latency MS]\n"
		"  SPEC: KIND@N, comma separated: the fault hits the command after\n"
		"        the first N; KIND is remove, reset, mute, garbage, gone\n"
		"        (carried out, then no answer) or silent (stays in, gives\n"
		"        its ATR, answers no command)\n"
		"  --latency: each answer comes MS later, as a slow card's\n"
		"  SIGUSR1 removes the card, SIGUSR2 inserts it again\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "port", required_argument, NULL, 'P' },
		{ "host", required_argument, NULL, 'H' },
		{ "state", required_argument, NULL, 's' },
		{ "fault", required_argument, NULL, 'f' },
		{ "wait", required_argument, NULL, 'w' },
		{ "latency", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *profile = NULL, *host = "127.0.0.1", *state = NULL;
	const char *fault = NULL;
	int port = 0x8C7B, wait_ms = 10000, c, fd, rv = 1;
	struct sigaction sa;
	struct vcard *vc = NULL;
	char err[512];
	sigset_t wake, old;

	while ((c = getopt_long(argc, argv, "p:P:H:s:f:w:l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': profile = optarg; break;
		case 'P': port = (int)strtol(optarg, NULL, 0); break;
		case 'H': host = optarg; break;
		case 's': state = optarg; break;
		case 'f': fault = optarg; break;
		case 'w': wait_ms = atoi(optarg); break;
		case 'l': latency_ms = atoi(optarg); break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (profile == NULL) {
		usage(stderr);
		return 2;
	}
	if (vcard_load(profile, &vc, err, sizeof(err)) < 0) {
		fprintf(stderr, "sscard-vcard: %s\n", err);
		return 1;
	}
	if (state != NULL && vcard_use_state_file(vc, state) < 0) {
		fprintf(stderr, "sscard-vcard: bad state file %s\n", state);
		goto out;
	}
	if (fault != NULL && vcard_add_faults(vc, fault) < 0) {
		fprintf(stderr, "sscard-vcard: bad fault spec '%s'\n", fault);
		goto out;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;     /* no SA_RESTART: wake poll/recv */
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigemptyset(&wake);
	sigaddset(&wake, SIGUSR2);
	sigaddset(&wake, SIGTERM);
	sigaddset(&wake, SIGINT);

	while (!want_stop) {
		fd = connect_vpcd(host, port, wait_ms);
		if (fd < 0) {
			if (!want_stop)
				fprintf(stderr, "sscard-vcard: cannot reach vpcd "
					"at %s:%d\n", host, port);
			goto out;
		}
		want_in = 0;
		serve(vc, fd);
		close(fd);
		vcard_reset(vc);
		if (want_stop)
			break;
		/* out of the reader: wait for SIGUSR2 (or a stop) */
		sigprocmask(SIG_BLOCK, &wake, &old);
		want_out = 0;
		while (!want_in && !want_stop)
			sigsuspend(&old);
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	rv = 0;
out:
	vcard_free(vc);
	return rv;
}
