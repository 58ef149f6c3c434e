/*
 * The configuration files the library reads (region profiles, the extra
 * reader table): regular files only, opened without blocking (a FIFO or a
 * device would hang the caller), read a line at a time with NUL bytes and
 * over-long lines told apart.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

FILE *sscardi_open_config(const char *path)
{
	struct stat st;
	FILE *f;
	int fd, flags;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
		goto fail;
	f = fdopen(fd, "r");
	if (f == NULL)
		goto fail;
	return f;
fail:
	{
		int saved = errno;

		close(fd);
		errno = saved;
	}
	return NULL;
}

int sscardi_config_line(FILE *f, char *line, size_t size)
{
	size_t n = 0;
	int c, nul = 0, too_long = 0;

	for (;;) {
		c = getc(f);
		if (c == EOF) {
			if (n == 0 && !nul && !too_long)
				return SSCARDI_LINE_EOF;
			break;
		}
		if (c == '\n')
			break;
		if (c == '\0')
			nul = 1;
		else if (n + 1 < size)
			line[n++] = (char)c;
		else
			too_long = 1;
	}
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	if (nul)
		return SSCARDI_LINE_NUL;
	return too_long ? SSCARDI_LINE_TOO_LONG : 0;
}

static char *trim(char *s)
{
	char *e;

	s += strspn(s, " \t");
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

int sscardi_config_pair(char *line, char **key, char **value)
{
	char *k = trim(line), *eq, *p;

	if (*k == '\0' || *k == '#')
		return 0;
	eq = strchr(k, '=');
	if (eq == NULL)
		return -1;
	*eq = '\0';
	/* "value   # words": a '#' after a blank starts a comment */
	for (p = eq + 1; *p != '\0'; p++)
		if (*p == '#' && p > eq + 1 &&
		    (p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			break;
		}
	*key = trim(k);
	*value = trim(eq + 1);
	return 1;
}
