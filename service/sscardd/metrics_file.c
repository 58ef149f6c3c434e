/*
 * The metrics as a file for prometheus-node-exporter's textfile collector:
 * written whole to a temporary name beside it and renamed over it, so the
 * collector never reads half a file; every metrics_interval seconds and
 * once more at the stop.  No port is opened for it.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE                 /* mkostemp */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/stat.h>

#include "cond.h"
#include "sscardd.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t wake_once = PTHREAD_ONCE_INIT;
static pthread_cond_t wake;
static int stop;

static void wake_init(void)
{
	cond_init_monotonic(&wake);
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* 0, or an errno */
int metrics_file_write(const char *path)
{
	char tmp[300];
	size_t len = 0;
	char *text = metrics_text(&len);
	int fd = -1, err = 0, created = 0;

	if (text == NULL)
		return ENOMEM;
	/* a new file of an unpredictable name: nothing another user of the
	 * directory put there (a FIFO, a link) is ever opened */
	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >=
	    (int)sizeof(tmp)) {
		err = ENAMETOOLONG;
		goto out;
	}
	/* the collector reads it as another user: world-readable numbers */
	fd = mkostemp(tmp, O_CLOEXEC);
	created = fd >= 0;
	if (fd < 0 || write_all(fd, text, len) < 0 || fchmod(fd, 0644) < 0) {
		err = errno != 0 ? errno : EIO;
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		err = errno;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		err = errno;
out:
	if (fd >= 0)
		close(fd);
	if (err != 0 && created)
		unlink(tmp);
	free(text);
	return err;
}

void metrics_file_stop(void)
{
	pthread_once(&wake_once, wake_init);
	pthread_mutex_lock(&lock);
	stop = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
}

void *metrics_file_thread(void *arg)
{
	const struct conf *c = arg;
	struct timespec deadline;
	int last_err = 0, done = 0, err;

	pthread_once(&wake_once, wake_init);
	while (!done) {
		err = metrics_file_write(c->metrics_textfile);
		/* said once when it starts failing and once when it mends */
		if (err != 0 && err != last_err)
			say("sscardd: metrics_textfile %s: %s",
			    c->metrics_textfile, strerror(err));
		else if (err == 0 && last_err != 0)
			say("sscardd: metrics_textfile %s: written again",
			    c->metrics_textfile);
		last_err = err;
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += c->metrics_interval_s;
		pthread_mutex_lock(&lock);
		while (!stop && pthread_cond_timedwait(&wake, &lock,
						       &deadline) == 0)
			;
		done = stop;
		pthread_mutex_unlock(&lock);
	}
	/* the last numbers, the stop's */
	metrics_file_write(c->metrics_textfile);
	return NULL;
}
