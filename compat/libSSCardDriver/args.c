/*
 * The ministry functions' arguments, checked before any call reaches the
 * worker (and fuzzed whole by tests/fuzz/fuzz_driver.c): pCardInfo,
 * pFileAddr's grammar and the fields it names, an HSM step's pKey.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "args.h"

void plain_date(const char *iso, char *out)
{
	size_t i, n = 0;

	for (i = 0; iso[i] != '\0' && n < 8; i++)
		if (iso[i] != '-')
			out[n++] = iso[i];
	out[n] = '\0';
}

int parse_card_info(const char *info, char id[33], char number[16])
{
	const char *bar;
	size_t n;

	if (info == NULL)
		return -1;
	bar = strchr(info, '|');
	if (bar == NULL || bar - info != 32)
		return -1;
	memcpy(id, info, 32);
	id[32] = '\0';
	info = bar + 1;
	bar = strchr(info, '|');
	n = bar != NULL ? (size_t)(bar - info) : 0;
	if (n == 0 || n > 15 || bar[1] != '\0')
		return -1;
	memcpy(number, info, n);
	number[n] = '\0';
	return 0;
}

/* The fields iReadCard can name: EF05 and EF06 of the SSSE. */
static const char *field_of(const struct sscard_basic *b, int ef, unsigned tag,
			    char *scratch)
{
	if (ef == 5) {
		switch (tag) {
		case 0x01: return b->id_code;
		case 0x02: return b->card_type;
		case 0x03: return b->version;
		case 0x04: return b->issuer;
		case 0x05: plain_date(b->issued, scratch); return scratch;
		case 0x06: plain_date(b->expires, scratch); return scratch;
		case 0x07: return b->number;
		}
		return NULL;
	}
	switch (tag) {
	case 0x08: return b->ssn;
	case 0x09: return b->name;
	case 0x0A: scratch[0] = b->sex; scratch[1] = '\0'; return scratch;
	case 0x0B:
		if (b->nation < 0)
			return "";
		snprintf(scratch, 9, "%02d", b->nation % 100);
		return scratch;
	case 0x0C: return b->birthplace;
	case 0x0D: plain_date(b->birth_date, scratch); return scratch;
	}
	return NULL;
}

static int hexbyte(const char *s, unsigned *v)
{
	unsigned r = 0;
	int i;

	for (i = 0; i < 2; i++) {
		char c = s[i];

		r <<= 4;
		if (c >= '0' && c <= '9')
			r |= (unsigned)(c - '0');
		else if (c >= 'A' && c <= 'F')
			r |= (unsigned)(c - 'A' + 10);
		else if (c >= 'a' && c <= 'f')
			r |= (unsigned)(c - 'a' + 10);
		else
			return -1;
	}
	*v = r;
	return 0;
}

int args_address(struct job *j, const struct sscard_basic *b, int holder_ok)
{
	static const struct sscard_basic no_card = { .nation = -1 };
	const char *p = j->arg2;
	char scratch[16];
	size_t len = 0;

	j->out[0] = '\0';
	while (*p != '\0') {
		int ef;

		if (strncmp(p, "MFEF05|", 7) == 0)
			ef = 5;
		else if (strncmp(p, "MFEF06|", 7) == 0)
			ef = 6;
		else
			return out_message(j, M_PARAM, "不支持的文件地址");
		p += 7;
		while (*p != '$') {
			unsigned tag;
			const char *v;

			if (hexbyte(p, &tag) < 0 || p[2] != '|')
				return out_message(j, M_PARAM, "文件地址格式错误");
			v = field_of(b != NULL ? b : &no_card, ef, tag,
				     scratch);
			if (v == NULL)
				return out_message(j, M_PARAM, "不支持的数据项 %02X",
						   tag);
			if (ef == 6 && b != NULL && !holder_ok)
				return M_NO_PSAM;   /* the caller says why */
			if (b != NULL && out_field(j->out, &len, v) < 0)
				return out_message(j, M_PARAM, "输出过长");
			p += 3;
		}
		p++;
		if (b != NULL) {
			if (len + 2 > OUT_MAX)
				return out_message(j, M_PARAM, "输出过长");
			j->out[len++] = '$';
			j->out[len] = '\0';
		}
	}
	return len > 0 || b == NULL ? 0 : out_message(j, M_PARAM, "参数错误");
}

int args_hsm_text(const char *key)
{
	size_t n = key != NULL ? strnlen(key, HSM_MSG_MAX) : HSM_MSG_MAX;

	return n > 0 && n < HSM_MSG_MAX &&
	       strspn(key, "0123456789ABCDEFabcdef|") == n ? 0 : -1;
}
