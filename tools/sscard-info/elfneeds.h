/*
 * What an ELF program or library needs from the libraries it loads: its
 * undefined dynamic symbols and its DT_NEEDED names.  Pure: parses bytes
 * already in memory, every offset checked (tests/fuzz/fuzz_elfneeds.c).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_ELFNEEDS_H
#define SSCARD_ELFNEEDS_H

#include <stddef.h>

/* Called for each name; the name lives as long as the buffer. */
typedef void (*elf_name_fn)(const char *name, void *user);

/* 0, or -1 when buf is not a well-formed ELF file of 32 or 64 bits in
 * this machine's byte order (nothing reported then). */
int elf_needs(const unsigned char *buf, size_t len, elf_name_fn undefined,
	      elf_name_fn needed, void *user);

#endif
