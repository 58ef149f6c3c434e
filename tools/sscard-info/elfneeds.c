/*
 * elf_needs(): see elfneeds.h.  The section headers name .dynsym and
 * .dynamic, each with its string table; a name is taken only when it ends
 * inside that table.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <elf.h>
#include <stdint.h>
#include <string.h>

#include "elfneeds.h"

#define NAMES_MAX 100000        /* symbols or entries looked at */

/* This machine's e_machine: a file for another CPU never loads here. */
#if defined(__x86_64__)
#define MACHINE EM_X86_64
#elif defined(__aarch64__)
#define MACHINE EM_AARCH64
#elif defined(__loongarch__)
#define MACHINE 258             /* EM_LOONGARCH */
#elif defined(__i386__)
#define MACHINE EM_386
#endif

/* One section's place, checked against the file. */
struct section {
	uint32_t type, link;
	uint64_t offset, size, entsize;
};

struct elf {
	const unsigned char *buf;
	size_t len;
	int is64;
	uint64_t shoff;
	unsigned shnum, shentsize;
};

static int in_file(const struct elf *e, uint64_t offset, uint64_t size)
{
	return offset <= e->len && size <= e->len - offset;
}

static int section(const struct elf *e, unsigned i, struct section *s)
{
	uint64_t at = e->shoff + (uint64_t)i * e->shentsize;

	if (i >= e->shnum || !in_file(e, at, e->shentsize))
		return -1;
	if (e->is64) {
		Elf64_Shdr h;

		memcpy(&h, e->buf + at, sizeof(h));
		*s = (struct section){ h.sh_type, h.sh_link, h.sh_offset,
				       h.sh_size, h.sh_entsize };
	} else {
		Elf32_Shdr h;

		memcpy(&h, e->buf + at, sizeof(h));
		*s = (struct section){ h.sh_type, h.sh_link, h.sh_offset,
				       h.sh_size, h.sh_entsize };
	}
	if (s->type == SHT_NOBITS)
		return 0;           /* no bytes in the file */
	return in_file(e, s->offset, s->size) ? 0 : -1;
}

/* The NUL-terminated name at offset in the string table, or NULL. */
static const char *name_at(const struct elf *e, const struct section *strtab,
			   uint64_t offset)
{
	const char *start;

	if (offset >= strtab->size)
		return NULL;
	start = (const char *)e->buf + strtab->offset + offset;
	if (memchr(start, '\0', strtab->size - offset) == NULL)
		return NULL;
	return start;
}

static int header(struct elf *e)
{
	const unsigned char *id = e->buf;

	if (e->len < EI_NIDENT || memcmp(id, ELFMAG, SELFMAG) != 0)
		return -1;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (id[EI_DATA] != ELFDATA2LSB)
		return -1;
#else
	if (id[EI_DATA] != ELFDATA2MSB)
		return -1;
#endif
	e->is64 = id[EI_CLASS] == ELFCLASS64;
	if (e->is64) {
		Elf64_Ehdr h;

		if (e->len < sizeof(h))
			return -1;
		memcpy(&h, e->buf, sizeof(h));
#ifdef MACHINE
		if (h.e_machine != MACHINE)
			return -1;
#endif
		e->shoff = h.e_shoff;
		e->shnum = h.e_shnum;
		e->shentsize = h.e_shentsize;
		return e->shentsize >= sizeof(Elf64_Shdr) && e->shoff <= e->len
		       ? 0 : -1;
	}
	if (id[EI_CLASS] != ELFCLASS32) {
		return -1;
	} else {
		Elf32_Ehdr h;

		if (e->len < sizeof(h))
			return -1;
		memcpy(&h, e->buf, sizeof(h));
#ifdef MACHINE
		if (h.e_machine != MACHINE)
			return -1;
#endif
		e->shoff = h.e_shoff;
		e->shnum = h.e_shnum;
		e->shentsize = h.e_shentsize;
		return e->shentsize >= sizeof(Elf32_Shdr) && e->shoff <= e->len
		       ? 0 : -1;
	}
}

static int symbols(const struct elf *e, const struct section *dynsym,
		   elf_name_fn fn, void *user)
{
	struct section strtab;
	size_t entsize = e->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
	uint64_t i, n;

	if (dynsym->entsize < entsize ||
	    section(e, dynsym->link, &strtab) < 0 || strtab.type != SHT_STRTAB)
		return -1;
	n = dynsym->size / dynsym->entsize;
	for (i = 1; i < n && i < NAMES_MAX; i++) {
		const unsigned char *at = e->buf + dynsym->offset +
					  i * dynsym->entsize;
		uint64_t name;
		unsigned shndx;
		const char *text;

		if (e->is64) {
			Elf64_Sym s;

			memcpy(&s, at, sizeof(s));
			name = s.st_name;
			shndx = s.st_shndx;
		} else {
			Elf32_Sym s;

			memcpy(&s, at, sizeof(s));
			name = s.st_name;
			shndx = s.st_shndx;
		}
		if (shndx != SHN_UNDEF || name == 0)
			continue;
		text = name_at(e, &strtab, name);
		if (text == NULL)
			return -1;
		if (fn != NULL)
			fn(text, user);
	}
	return 0;
}

static int needed(const struct elf *e, const struct section *dynamic,
		  elf_name_fn fn, void *user)
{
	struct section strtab;
	size_t entsize = e->is64 ? sizeof(Elf64_Dyn) : sizeof(Elf32_Dyn);
	uint64_t i, n = dynamic->size / entsize;

	if (section(e, dynamic->link, &strtab) < 0 || strtab.type != SHT_STRTAB)
		return -1;
	for (i = 0; i < n && i < NAMES_MAX; i++) {
		const unsigned char *at = e->buf + dynamic->offset +
					  i * entsize;
		int64_t tag;
		uint64_t value;
		const char *text;

		if (e->is64) {
			Elf64_Dyn d;

			memcpy(&d, at, sizeof(d));
			tag = d.d_tag;
			value = d.d_un.d_val;
		} else {
			Elf32_Dyn d;

			memcpy(&d, at, sizeof(d));
			tag = d.d_tag;
			value = d.d_un.d_val;
		}
		if (tag == DT_NULL)
			break;
		if (tag != DT_NEEDED)
			continue;
		text = name_at(e, &strtab, value);
		if (text == NULL)
			return -1;
		if (fn != NULL)
			fn(text, user);
	}
	return 0;
}

/* report 0: check every name only; 1: report them */
static int walk(const struct elf *e, int report, elf_name_fn undefined,
		elf_name_fn need, void *user)
{
	struct section s;
	unsigned i;

	for (i = 0; i < e->shnum; i++) {
		if (section(e, i, &s) < 0)
			return -1;
		if (s.type == SHT_DYNSYM &&
		    symbols(e, &s, report ? undefined : NULL, user) < 0)
			return -1;
		if (s.type == SHT_DYNAMIC &&
		    needed(e, &s, report ? need : NULL, user) < 0)
			return -1;
	}
	return 0;
}

int elf_needs(const unsigned char *buf, size_t len, elf_name_fn undefined,
	      elf_name_fn need, void *user)
{
	struct elf e = { buf, len, 0, 0, 0, 0 };

	/* nothing is reported from a file that turns out malformed further
	 * on: the whole file is checked first */
	if (buf == NULL || header(&e) < 0 || walk(&e, 0, NULL, NULL, NULL) < 0)
		return -1;
	return walk(&e, 1, undefined, need, user);
}
