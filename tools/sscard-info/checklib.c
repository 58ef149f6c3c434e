/*
 * --check-lib FILE: which of the Decard (dc_*, SD_*, ...) and ministry
 * (iReadCardBas, ...) names a program or library needs our libdcrf32.so
 * and libSSCardDriver.so do not provide, and so whether it will load on
 * them.  --dcrf32-path: where libdcrf32.so is.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfneeds.h"
#include "info.h"

#define FILE_MAX (1024L * 1024 * 1024)
#define MISSING_MAX 1000

struct needs {
	void *dcrf32, *driver;  /* our libraries, dlopen()ed */
	void *dcrf32_base, *driver_base;   /* where each was loaded */
	int wants_driver;       /* FILE names libSSCardDriver */
	unsigned decard, ministry;
	const char *missing[MISSING_MAX];
	unsigned nmissing;
};

static const char *dcrf32_dir(void)
{
	const char *dir = secure_getenv("SSCARD_DCRF32_DIR");

	return dir != NULL && *dir != '\0' ? dir : SSCARD_DCRF32DIR;
}

int dcrf32_path(void)
{
	printf("%s\n", dcrf32_dir());
	return EXIT_OK;
}

static int decard_name(const char *name)
{
	return strncmp(name, "dc_", 3) == 0 || strncmp(name, "SD_", 3) == 0 ||
	       strncmp(name, "DC_", 3) == 0 || strncmp(name, "DCDEV", 5) == 0 ||
	       strcmp(name, "hex_a") == 0 ||
	       strcmp(name, "a_hex") == 0 || strcmp(name, "LibMain") == 0;
}

/* the ministry interface's names: i, then a capital (iReadCardBas) */
static int ministry_name(const char *name)
{
	return name[0] == 'i' && isupper((unsigned char)name[1]);
}

static void note_needed(const char *lib, void *user)
{
	struct needs *n = user;

	if (strncmp(lib, "libSSCardDriver.so", 18) == 0)
		n->wants_driver = 1;
}

/* Where a library was loaded (from one name it surely has), or NULL. */
static void *base_of(void *lib, const char *known)
{
	Dl_info info;
	void *at = lib != NULL ? dlsym(lib, known) : NULL;

	return at != NULL && dladdr(at, &info) != 0 ? info.dli_fbase : NULL;
}

/* Does the library itself define name (not one it loaded, as libc)? */
static int defines(void *lib, void *base, const char *name)
{
	Dl_info info;
	void *at;

	if (lib == NULL || base == NULL)
		return 0;
	at = dlsym(lib, name);
	return at != NULL && dladdr(at, &info) != 0 && info.dli_fbase == base;
}

static void note_undefined(const char *name, void *user)
{
	struct needs *n = user;
	int have;

	/* a Decard name: one our library has, or one with Decard's look (a
	 * newer SDK's) */
	have = defines(n->dcrf32, n->dcrf32_base, name);
	if (have || decard_name(name)) {
		n->decard++;
	} else if (n->wants_driver && ministry_name(name)) {
		n->ministry++;
		have = defines(n->driver, n->driver_base, name);
	} else {
		return;
	}
	if (!have && n->nmissing < MISSING_MAX)
		n->missing[n->nmissing++] = name;
}

/* FILE in memory: a regular file, read-only. */
static const unsigned char *map_file(const char *path, size_t *len)
{
	struct stat st;
	void *map;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    st.st_size > FILE_MAX) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return map;
}

static void report(const char *path, const struct needs *n)
{
	unsigned i;

	printf(_("%s needs %u Decard names and %u ministry names; %u of them "
		 "are missing:\n"), path, n->decard, n->ministry, n->nmissing);
	for (i = 0; i < n->nmissing; i++)
		printf("  %s\n", n->missing[i]);
	if (n->nmissing == 0)
		printf(_("It will load on libdcrf32 on PC/SC (%s).\n"),
		       dcrf32_dir());
	else
		printf(_("It will not load when its names are bound at once "
			 "(RTLD_NOW, LD_BIND_NOW, C# and Python); bound "
			 "lazily, it stops at the first call of a missing "
			 "name.\n"));
}

int check_lib(const char *path)
{
	struct needs n;
	char lib[4096];
	const unsigned char *buf;
	size_t len = 0;
	int code = EXIT_OK;

	memset(&n, 0, sizeof(n));
	buf = map_file(path, &len);
	if (buf == NULL) {
		fprintf(stderr, _("sscard-info: %s: cannot read it: %s\n"),
			path, strerror(errno));
		return EXIT_FAILURE_OTHER;
	}
	/* the DT_NEEDED names first: they say whether ministry names count */
	if (elf_needs(buf, len, NULL, note_needed, &n) < 0) {
		fprintf(stderr, _("sscard-info: %s: not a program or library "
				  "of this machine (ELF)\n"), path);
		code = EXIT_FAILURE_OTHER;
		goto out;
	}
	snprintf(lib, sizeof(lib), "%s/libdcrf32.so", dcrf32_dir());
	n.dcrf32 = dlopen(lib, RTLD_LAZY | RTLD_LOCAL);
	n.driver = dlopen("libSSCardDriver.so.1", RTLD_LAZY | RTLD_LOCAL);
	n.dcrf32_base = base_of(n.dcrf32, "dc_init");
	n.driver_base = base_of(n.driver, "iReadCardBas");
	if (n.dcrf32 == NULL)
		fprintf(stderr, _("sscard-info: %s: not there: every Decard "
				  "name counts as missing\n"), lib);
	elf_needs(buf, len, note_undefined, NULL, &n);
	report(path, &n);
	if (n.nmissing > 0)
		code = EXIT_FAILURE_OTHER;
out:
	if (n.dcrf32 != NULL)
		dlclose(n.dcrf32);
	if (n.driver != NULL)
		dlclose(n.driver);
	munmap((void *)buf, len);
	return code;
}
