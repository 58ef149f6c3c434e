/*
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Where the key guard (keyguard.c) is kept between processes: one store
 * for the whole host, so that no number of processes, restarts, users or
 * doors can spend a card's key tries one after another.
 *
 * The store is a directory holding "key-guard" (the records, replaced
 * whole by rename) and "key-guard.lock" (flock()ed around every read,
 * change and write).  In order:
 *  - the file sscard_key_guard_file() named (NULL there: memory only, the
 *    caller's explicit choice);
 *  - $SSCARD_STATE_DIR (secure_getenv), else the host's directory
 *    (SSCARD_STATEDIR, /var/lib/libsscard: the libsscard0 package makes it,
 *    group sscard, setgid, so every door's user shares it);
 *  - the user's own $XDG_STATE_HOME/libsscard or ~/.local/state/libsscard;
 *  - none: keyguard.c then tries no key source the card's issuer has not
 *    seen succeed (SSCARD_E_NO_KEY_STORE).
 * A directory others may write, a link, or anything but a regular file is
 * not used.  Records are digests and counts, nothing personal; a line
 * that is not a record is skipped, and so is all past STORE_MAX bytes.
 */
#define _GNU_SOURCE                 /* secure_getenv */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#ifndef SSCARD_STATEDIR         /* build/paths.h, made by the Makefile */
#define SSCARD_STATEDIR "/var/lib/libsscard"
#endif

#define STORE_NAME "key-guard"
#define STORE_MAX (256 * 1024)
/* "subject-digest source-digest tries failed" or "... issuer" */
#define LINE_MAX_LEN (2 * 2 * SSCARDI_GUARD_DIGEST + 32)

enum store_choice {
	STORE_UNRESOLVED = 0,
	STORE_FILE,                 /* store_path */
	STORE_MEMORY,               /* the caller asked for no file */
	STORE_NONE                  /* none could be had */
};

/* under keyguard.c's lock */
static enum store_choice store_choice;
static int store_explicit;          /* sscard_key_guard_file() chose */
static int store_shared;            /* a group's directory: files 0660 */
static char store_path[PATH_MAX];

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int parse_digest(const char *s, uint8_t out[SSCARDI_GUARD_DIGEST])
{
	size_t i;

	for (i = 0; i < SSCARDI_GUARD_DIGEST; i++) {
		int hi = hex_digit((unsigned char)s[2 * i]);
		int lo = hi < 0 ? -1 : hex_digit((unsigned char)s[2 * i + 1]);

		if (lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* A small decimal as the store writes it: -1..15, nothing else. */
static int parse_count(const char *s, const char **end)
{
	int neg = 0, v;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (*s < '0' || *s > '9')
		return -2;
	v = *s++ - '0';
	if (v != 0 && *s >= '0' && *s <= '9')  /* no leading zero */
		v = v * 10 + (*s++ - '0');
	*end = s;
	if (neg)
		return v == 1 ? -1 : -2;
	return v <= 15 ? v : -2;
}

int sscardi_guard_parse_line(const char *line, struct sscardi_guard_rec *rec)
{
	const size_t d = 2 * SSCARDI_GUARD_DIGEST;
	const char *p;
	int tries, failed;

	memset(rec, 0, sizeof(*rec));
	if (strnlen(line, 2 * d + 3) < 2 * d + 3 || line[d] != ' ' ||
	    line[2 * d + 1] != ' ' || parse_digest(line, rec->subject) < 0 ||
	    parse_digest(line + d + 1, rec->source) < 0)
		return -1;
	p = line + 2 * d + 2;
	if (strcmp(p, "issuer") == 0) {
		rec->kind = SSCARDI_GUARD_ISSUER;
		rec->tries = -1;
		return 0;
	}
	tries = parse_count(p, &p);
	if (tries < -1 || *p++ != ' ')
		return -1;
	failed = parse_count(p, &p);
	if ((failed != 0 && failed != 1) || *p != '\0')
		return -1;
	rec->kind = SSCARDI_GUARD_CARD;
	rec->tries = tries;
	rec->failed = failed;
	return 0;
}

/* mkdir -p for the user's own directory, each new one 0700 */
static int make_dirs(char *path)
{
	char *slash;

	for (slash = strchr(path + 1, '/'); slash != NULL;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*slash = '/';
			return -1;
		}
		*slash = '/';
	}
	return mkdir(path, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

/* dir as a store: a directory others may not write, where we may. */
static int usable_dir(const char *dir, int *shared)
{
	struct stat st;

	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    (st.st_mode & S_IWOTH) != 0 || access(dir, W_OK | X_OK) != 0)
		return 0;
	*shared = (st.st_mode & S_IWGRP) != 0;
	return 1;
}

static int choose_dir(const char *dir, int create)
{
	char made[PATH_MAX];
	int shared = 0;

	if (dir == NULL || dir[0] != '/' ||
	    snprintf(made, sizeof(made), "%s", dir) >= (int)sizeof(made))
		return 0;
	if (create)
		(void)make_dirs(made);
	if (!usable_dir(made, &shared) ||
	    snprintf(store_path, sizeof(store_path), "%s/" STORE_NAME,
		     made) >= (int)sizeof(store_path))
		return 0;
	store_shared = shared;
	store_choice = STORE_FILE;
	return 1;
}

static void resolve(void)
{
	const char *env = secure_getenv("SSCARD_STATE_DIR");
	const char *xdg = secure_getenv("XDG_STATE_HOME");
	const char *home = secure_getenv("HOME");
	char user[PATH_MAX];

	/* none yet: looked for again, so a service that started before
	 * the admin made the directory finds it */
	if (store_choice != STORE_UNRESOLVED && store_choice != STORE_NONE)
		return;
	if (env != NULL && env[0] != '\0') {
		if (choose_dir(env, 1))
			return;
	} else if (choose_dir(SSCARD_STATEDIR, 0)) {
		return;
	}
	user[0] = '\0';
	if (xdg != NULL && xdg[0] == '/')
		snprintf(user, sizeof(user), "%s/libsscard", xdg);
	else if (home != NULL && home[0] == '/')
		snprintf(user, sizeof(user), "%s/.local/state/libsscard",
			 home);
	if (user[0] != '\0' && choose_dir(user, 1))
		return;
	store_choice = STORE_NONE;
}

int sscardi_guard_store_begin(void)
{
	char lock_path[PATH_MAX + 8];
	struct stat st;
	int fd;

	resolve();
	if (store_choice == STORE_MEMORY)
		return SSCARDI_GUARD_MEMORY;
	if (store_choice != STORE_FILE ||
	    snprintf(lock_path, sizeof(lock_path), "%s.lock", store_path) >=
	    (int)sizeof(lock_path))
		return SSCARDI_GUARD_NO_STORE;
	fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
		  O_NOCTTY | O_NONBLOCK, store_shared ? 0660 : 0600);
	if (fd < 0)
		return SSCARDI_GUARD_NO_STORE;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    flock(fd, LOCK_EX) != 0) {
		close(fd);
		return SSCARDI_GUARD_NO_STORE;
	}
	return fd;
}

void sscardi_guard_store_end(int fd)
{
	if (fd >= 0)
		close(fd);          /* releases the flock */
}

/* The store's file, if it may be believed: a regular file that others may
 * not write (and, named by the caller, ours alone). */
static FILE *open_store(void)
{
	struct stat st;
	FILE *f;
	int fd;

	fd = open(store_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY |
		  O_NONBLOCK);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & S_IWOTH) != 0 ||
	    (store_explicit && ((st.st_mode & S_IWGRP) != 0 ||
				st.st_uid != geteuid()))) {
		close(fd);
		return NULL;
	}
	f = fdopen(fd, "r");
	if (f == NULL)
		close(fd);
	return f;
}

void sscardi_guard_store_load(sscardi_guard_merge_fn merge, void *arg)
{
	char line[LINE_MAX_LEN];
	struct sscardi_guard_rec rec;
	long read = 0;
	FILE *f;
	int rv;

	if (store_choice != STORE_FILE)
		return;
	f = open_store();
	if (f == NULL)
		return;
	for (;;) {
		rv = sscardi_config_line(f, line, sizeof(line));
		if (rv == SSCARDI_LINE_EOF)
			break;
		read += (long)strlen(line) + 1;
		if (read > STORE_MAX)
			break;
		if (rv == 0 && sscardi_guard_parse_line(line, &rec) == 0)
			merge(&rec, arg);
	}
	fclose(f);
}

static void put_digest(FILE *f, const uint8_t d[SSCARDI_GUARD_DIGEST])
{
	size_t i;

	for (i = 0; i < SSCARDI_GUARD_DIGEST; i++)
		fprintf(f, "%02x", d[i]);
}

int sscardi_guard_store_save(const struct sscardi_guard_rec *recs, size_t n)
{
	char tmp[PATH_MAX + 8];
	size_t i;
	FILE *f;
	int fd, ok;

	if (store_choice != STORE_FILE)
		return -1;
	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", store_path) >=
	    (int)sizeof(tmp))
		return -1;
	fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	if (fchmod(fd, store_shared ? 0660 : 0600) != 0) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	f = fdopen(fd, "w");
	if (f == NULL) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	for (i = 0; i < n; i++) {
		put_digest(f, recs[i].subject);
		fputc(' ', f);
		put_digest(f, recs[i].source);
		if (recs[i].kind == SSCARDI_GUARD_ISSUER)
			fputs(" issuer\n", f);
		else
			fprintf(f, " %d %d\n", recs[i].tries, recs[i].failed);
	}
	ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
	if (fclose(f) != 0 || !ok || rename(tmp, store_path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int sscardi_guard_store_set(const char *path)
{
	struct stat st;

	if (path == NULL) {
		store_choice = STORE_MEMORY;
		store_explicit = 1;
		return 0;
	}
	/* a file others may write could unlock a card's last try */
	if (lstat(path, &st) == 0 &&
	    (!S_ISREG(st.st_mode) || (st.st_mode & 022) != 0 ||
	     st.st_uid != geteuid()))
		return SSCARD_E_KEYFILE;
	snprintf(store_path, sizeof(store_path), "%s", path);
	store_choice = STORE_FILE;
	store_explicit = 1;
	store_shared = 0;
	return 0;
}

int sscardi_guard_store_where(char *out, size_t size)
{
	resolve();
	if (out != NULL && size > 0)
		snprintf(out, size, "%s",
			 store_choice == STORE_FILE ? store_path : "");
	if (store_choice == STORE_FILE)
		return 1;
	return store_choice == STORE_MEMORY ? 0 : SSCARD_E_NO_KEY_STORE;
}
