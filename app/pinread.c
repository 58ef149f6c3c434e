/*
 * PIN entry for sscard-info: from the terminal with echo off, or one line
 * of standard input.  Read a byte at a time straight into the caller's
 * buffer so no stdio buffer ever holds the PIN.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sscard.h"
#include "pinread.h"

void pin_wipe(char *buf, size_t size)
{
	sscard_cleanse(buf, size);
}

/*
 * One line: digits, then "\n", "\r\n" or the end of input.  Anything else
 * (a NUL, a CR inside, a space, a letter) makes the whole PIN a format
 * error: a try is never spent on a PIN nobody typed.
 */
static int read_line(int fd, char *buf, size_t size)
{
	size_t n = 0;
	int bad = 0, cr = 0, newline = 0;
	char c;

	for (;;) {
		ssize_t r = read(fd, &c, 1);

		if (r <= 0)
			break;
		if (c == '\n') {
			newline = 1;
			break;
		}
		if (cr) {
			bad = 1;        /* a CR counts only right before \n */
		} else if (c == '\r') {
			cr = 1;
		} else if (c < '0' || c > '9' || n + 1 >= size) {
			bad = 1;
		} else {
			buf[n++] = c;
		}
	}
	c = 0;
	buf[n] = '\0';
	if (bad || (cr && !newline)) {
		pin_wipe(buf, size);
		return -1;
	}
	return 0;
}

int pin_terminal(void)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

int pin_read(const char *prompt, int from_stdin, char *buf, size_t size)
{
	struct termios saved, quiet;
	int fd, rv, echo_off = 0;

	if (from_stdin)
		return read_line(STDIN_FILENO, buf, size);
	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (write(fd, prompt, strlen(prompt)) < 0) {
		close(fd);
		return -1;
	}
	if (tcgetattr(fd, &saved) == 0) {
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		echo_off = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
	}
	rv = read_line(fd, buf, size);
	if (echo_off)
		tcsetattr(fd, TCSAFLUSH, &saved);
	if (write(fd, "\n", 1) < 0)
		rv = rv < 0 ? rv : 0;
	close(fd);
	return rv;
}
