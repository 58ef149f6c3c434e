/*
 * libusb, loaded by the first USB listing: a program that never asks for
 * one (every card read) does not pay for libusb and libudev at start-up
 * (tests/bench/RESULTS.md "Start-up").  The functions usb.c calls, looked
 * up once per process; the library stays loaded.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#include "usb_load.h"

#define LIBUSB_SONAME "libusb-1.0.so.0"

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static struct sscardi_usb_api api;
static int loaded;

/* each entry: the symbol's name and where its address goes */
#define SYM(field) { "libusb_" #field, (void **)&api.field }

static void load(void)
{
	const struct {
		const char *name;
		void **slot;
	} syms[] = {
		SYM(init), SYM(exit), SYM(get_device_list),
		SYM(free_device_list), SYM(get_device_descriptor),
		SYM(get_active_config_descriptor), SYM(get_config_descriptor),
		SYM(free_config_descriptor), SYM(open), SYM(close),
		SYM(get_string_descriptor_ascii), SYM(get_port_numbers),
		SYM(get_bus_number), SYM(get_device_address),
	};
	void *lib = dlopen(LIBUSB_SONAME, RTLD_NOW | RTLD_LOCAL);
	size_t i;

	if (lib == NULL)
		return;
	for (i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		*syms[i].slot = dlsym(lib, syms[i].name);
		if (*syms[i].slot == NULL) {
			dlclose(lib);
			return;
		}
	}
	loaded = 1;
}

const struct sscardi_usb_api *sscardi_usb_api(void)
{
	pthread_once(&load_once, load);
	return loaded ? &api : NULL;
}
