/*
 * The virtual card model: every command and status path, profile parsing,
 * persistence, and random commands.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "vcard.h"

#define SSSE "00A404000F7378312E73682EC9E7BBE1B1A3D5CF"
#define FCI "6F1B840F7378312E73682EC9E7BBE1B1A3D5CFA5089F0C050000860103"

static struct vcard *load(const char *name)
{
	char path[512], err[512];
	const char *dir = getenv("SSCARD_PROFILES");
	struct vcard *vc;

	snprintf(path, sizeof(path), "%s/%s.card",
		 dir ? dir : "tests/vcard/profiles", name);
	if (vcard_load(path, &vc, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	return vc;
}

static size_t unhex(const char *hex, uint8_t *out)
{
	size_t n = 0;
	unsigned v;

	while (*hex) {
		if (*hex == ' ') {
			hex++;
			continue;
		}
		assert_int_equal(sscanf(hex, "%2x", &v), 1);
		out[n++] = (uint8_t)v;
		hex += 2;
	}
	return n;
}

/* Send cmd, compare the whole answer (data + SW) with want. */
static void ex_at(struct vcard *vc, const char *cmd, const char *want,
		  int line)
{
	uint8_t c[300], w[300], r[VCARD_RESP_MAX];
	size_t cn = unhex(cmd, c), wn = unhex(want, w), rn;
	char got[600];
	size_t i;

	rn = vcard_process(vc, c, cn, r);
	for (i = 0; i < rn; i++)
		snprintf(got + 2 * i, 3, "%02X", r[i]);
	if (rn != wn || memcmp(r, w, rn) != 0)
		fail_msg("line %d: %s -> %s, want %s", line, cmd, got, want);
}
#define ex(vc, cmd, want) ex_at(vc, cmd, want, __LINE__)

static void select_and_get_response(void **state)
{
	struct vcard *vc = load("standard");
	(void)state;

	ex(vc, SSSE, "611D");
	ex(vc, "00C0000020", "6C1D");           /* more than pending */
	ex(vc, "00C0000010", "6F1B840F7378312E73682EC9E7BBE1B1" "610D");
	ex(vc, "00C000000D", "A3D5CFA5089F0C050000860103" "9000");
	ex(vc, "00C000000D", "6985");           /* nothing pending */
	ex(vc, SSSE "00", "611D");              /* case 4 on T=0: 61xx too */
	ex(vc, "00B2012C12", "0110520300D156000005050842704E187F49" "9000");
	ex(vc, "00C000001D", "6985");           /* another command ate it */
	ex(vc, "00A404000E315041592E5359532E4444463032", "6A82");
	ex(vc, "00A4050002EF05", "6A86");
	ex(vc, "00A4040000", "6700");
	ex(vc, "00A4020001EF", "6700");
	ex(vc, "00A4020002EF09", "6A82");
	vcard_free(vc);
}

static void read_record_forms(void **state)
{
	struct vcard *vc = load("standard");
	(void)state;

	ex(vc, "00B2012C12", "6A82");           /* nothing selected: no such SFI */
	ex(vc, SSSE, "611D");
	ex(vc, "00B2072C0B", "0709424130303130353437" "9000");   /* by SFI, number */
	ex(vc, "00B2072800", "6C0B");                            /* by SFI, tag, Le 00 */
	ex(vc, "00B2072C0A", "6C0B");                            /* T=0: wrong Le */
	ex(vc, "00B20A3003", "0A0131" "9000");                   /* lib/card.md example */
	ex(vc, "00B24E3016", "6A83");                            /* 1.00: no extension */
	ex(vc, "00B2092C05", "6A83");
	ex(vc, "00B2013C05", "6A82");                            /* no SFI 7 */
	ex(vc, "00B2002C05", "6A86");                            /* P1 00 */
	ex(vc, "00B2012D05", "6A86");                            /* P2 mode 5 */
	ex(vc, "00B2012C0112", "6700");                          /* data field */
	ex(vc, "00A4020002EF05", "9000");
	ex(vc, "00B2070400", "6C0B");                            /* current EF */
	ex(vc, "00B2070000", "6C0B");
	ex(vc, "00B2070000", "6C0B");
	ex(vc, "00A4020002EF08", "9000");
	ex(vc, "00B2010400", "6981");                            /* binary EF */
	vcard_free(vc);
}

static void read_binary(void **state)
{
	struct vcard *vc = load("standard");
	(void)state;

	ex(vc, SSSE, "611D");
	ex(vc, "00B0000002", "6986");           /* no current EF */
	ex(vc, "00A4020002EF08", "9000");
	ex(vc, "00B0000004", "FFD8FFE0" "9000");
	ex(vc, "00B00FFF02", "6C01");           /* one byte left: T=0 6Cxx */
	ex(vc, "00B00FFF01", "00" "9000");
	ex(vc, "00B0100001", "6B00");           /* past the end */
	ex(vc, "00B0880001", "6A82");           /* SFI 8: not here */
	ex(vc, "00A4020002EF05", "9000");
	ex(vc, "00B0000001", "6981");           /* record EF */
	vcard_free(vc);

	vc = load("t1");                        /* T=1: short data + 6282 */
	ex(vc, SSSE, FCI "9000");
	ex(vc, "00A4020002EF08", "9000");
	ex(vc, "00B00FFE04", "0000" "6282");
	vcard_free(vc);
}

static void access_and_pin(void **state)
{
	struct vcard *vc = load("standard");
	(void)state;

	ex(vc, "0020000003123456", "6985");     /* no SSSE selected */
	ex(vc, SSSE, "611D");
	ex(vc, "00A4000002DF04", "9000");
	ex(vc, "00B2923006", "6982");           /* PIN first */
	ex(vc, "0020000000", "63C3");           /* asks, spends nothing */
	ex(vc, "00200000", "63C3");
	ex(vc, "0020000003111111", "63C2");
	ex(vc, "0020000003123456", "9000");
	ex(vc, "00200000", "9000");             /* verified */
	ex(vc, "00B2923006", "920400012345" "9000");
	ex(vc, "0020000003123456", "9000");
	ex(vc, "0020000103123456", "6A86");
	ex(vc, "00200000021A34", "6A80");       /* not BCD */
	ex(vc, "0020000001 12", "6A80");        /* too short */
	vcard_reset(vc);                        /* power cycle: not verified */
	ex(vc, SSSE, "611D");
	ex(vc, "00200000", "63C3");
	ex(vc, "0020000003111111", "63C2");
	ex(vc, "0020000003111111", "63C1");
	ex(vc, "0020000003111111", "63C0");
	ex(vc, "0020000003123456", "6983");     /* locked, right PIN or not */
	ex(vc, "00200000", "6983");
	vcard_free(vc);

	vc = load("auth3");
	ex(vc, SSSE, "611D");
	ex(vc, "00B2083014", "6982");           /* never granted */
	ex(vc, "0020000003123456", "9000");
	ex(vc, "00B2083014", "6982");
	vcard_free(vc);

	vc = load("quirky");                    /* no query, no SFI, no tags */
	ex(vc, SSSE, "611D");
	ex(vc, "00200000", "6700");
	ex(vc, "00B2072C0B", "6A86");
	ex(vc, "00A4020002EF05", "9000");
	ex(vc, "00B2070000", "6A86");
	ex(vc, "00B2070400", "6C0B");
	vcard_free(vc);
}

static void change_pin(void **state)
{
	struct vcard *vc = load("standard");
	(void)state;

	ex(vc, SSSE, "611D");
	ex(vc, "0024000006123456654321", "6D00");          /* PBOC card */
	ex(vc, "805E0100071234 56FF654321", "9000");
	ex(vc, "0020000003123456", "63C2");
	ex(vc, "0020000003654321", "9000");
	ex(vc, "805E010006654321123456", "6A80");           /* no FF */
	ex(vc, "805E0200076543 21FF123456", "6A86");
	ex(vc, "805E010007111111FF123456", "63C2");         /* wrong old */
	ex(vc, "805E010005654321FF12", "6A80");             /* bad new */
	vcard_free(vc);

	vc = load("quirky");                                /* ISO card */
	ex(vc, SSSE, "611D");
	ex(vc, "805E010007123456FF654321", "6D00");
	ex(vc, "0024000006123456654321", "9000");
	ex(vc, "0020000003654321", "9000");
	vcard_free(vc);
}

static void bank_commands(void **state)
{
	struct vcard *vc = load("standard");
	(void)state;

	ex(vc, "80CA9F7900", "6A88");                       /* nothing selected */
	ex(vc, "00A404000E315041592E5359532E4444463031", "611C");
	ex(vc, "00B2010C00", "6C1D");
	ex(vc, "00B2010C1D", "701B61194F08A000000333010101500A50424F43204445424954870101" "9000");
	ex(vc, "00A4040008A000000333010101", "6126");
	ex(vc, "80A800000983079F7A019F0206", "6700");       /* length mismatch */
	ex(vc, "80A800000983070000000000000000", "610C");
	ex(vc, "00C000000C", "800A7C000801010010010200" "9000");
	ex(vc, "80CA9F7909", "9F7906000000012345" "9000");
	ex(vc, "80CA9F1704", "9F170103" "9000");
	ex(vc, "80CA9F4F00", "6A88");
	vcard_free(vc);

	vc = load("nobank");
	ex(vc, "00A404000E315041592E5359532E4444463031", "6A82");
	ex(vc, "00A4040008A000000333010101", "6A82");
	vcard_free(vc);
}

static void statuses_and_malformed(void **state)
{
	struct vcard *vc = load("blocked");
	(void)state;

	ex(vc, SSSE, "6283");
	vcard_free(vc);
	vc = load("standard");
	ex(vc, "00FF0000", "6D00");
	ex(vc, "90A40400", "6E00");
	ex(vc, "80FF0000", "6D00");
	ex(vc, "00A4", "6700");                 /* too short */
	ex(vc, "00A4040005AABB", "6700");       /* Lc past the end */
	ex(vc, "00A4040001AABBCCDD", "6700");   /* trailing bytes */
	ex(vc, "00A40400000F", "6700");
	vcard_free(vc);
}

static void random_commands(void **state)
{
	struct vcard *vc = load("standard");
	uint8_t cmd[300], resp[VCARD_RESP_MAX];
	unsigned seed = 12345;
	int i;
	(void)state;

	for (i = 0; i < 200000; i++) {
		size_t len, n, k;

		seed = seed * 1103515245u + 12345u;
		len = (seed >> 16) % 270;
		for (k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			cmd[k] = (uint8_t)(seed >> 16);
		}
		/* steer some into real classes and instructions */
		if (len > 1 && (i & 1)) {
			static const uint8_t ins[] = { 0xA4, 0xB2, 0xB0, 0x20,
						       0x24, 0xC0, 0x5E, 0xCA,
						       0xA8 };
			cmd[0] = (i & 2) ? 0x80 : 0x00;
			cmd[1] = ins[(seed >> 8) % sizeof(ins)];
		}
		n = vcard_process(vc, cmd, len, resp);
		assert_true(n >= 2 && n <= VCARD_RESP_MAX);
		if (i % 5000 == 0)
			vcard_reset(vc);
	}
	vcard_free(vc);
}

static void persistence(void **state)
{
	char path[] = "/tmp/vcard-state-XXXXXX";
	struct vcard *vc;
	int fd = mkstemp(path);
	(void)state;

	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	vc = load("standard");
	assert_int_equal(vcard_use_state_file(vc, path), 0);
	ex(vc, SSSE, "611D");
	ex(vc, "0020000003111111", "63C2");
	vcard_free(vc);

	vc = load("standard");                  /* re-inserted */
	assert_int_equal(vcard_use_state_file(vc, path), 0);
	ex(vc, SSSE, "611D");
	ex(vc, "00200000", "63C2");
	ex(vc, "805E010007123456FF112233", "9000");
	vcard_free(vc);

	vc = load("standard");
	assert_int_equal(vcard_use_state_file(vc, path), 0);
	ex(vc, SSSE, "611D");
	ex(vc, "00200000", "63C3");
	ex(vc, "0020000003112233", "9000");
	vcard_free(vc);
	unlink(path);
}

static void profile_errors(void **state)
{
	static const struct { const char *text, *msg; } cases[] = {
		{ "atr 3B00\nbogus 1\n", ":2: unknown directive 'bogus'" },
		{ "atr 3B00\nprotocol t2\n", ":2: protocol is t0 or t1" },
		{ "atr 3B00\npin 12 3\n", ":2: pin DIGITS MAX [LEFT]" },
		{ "atr 3B00\nrec X/EF05 1 01 an 1\n", ":2: record needs a known" },
		{ "atr 3B00\ndf A aid 11\nef A E fid 1\nrec A/E 1 01 zz 1\n",
		  ":4: unknown value kind 'zz'" },
		{ "atr 3B00\ndf A aid 11\nef A E fid 1\nrec A/E 1 01 an/2 abc\n",
		  ":4: value longer than 2 bytes" },
		{ "atr 3B0\n", ":1: bad atr" },
		{ "pin 123456 3\n", ":0: no atr" },
	};
	char path[] = "/tmp/vcard-profile-XXXXXX";
	char err[512];
	struct vcard *vc;
	size_t i;
	int fd;
	(void)state;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fd = mkstemp(path);
		assert_true(fd >= 0);
		assert_true(write(fd, cases[i].text, strlen(cases[i].text)) > 0);
		close(fd);
		assert_int_equal(vcard_load(path, &vc, err, sizeof(err)), -1);
		assert_null(vc);
		if (strstr(err, cases[i].msg) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].msg);
		unlink(path);
		strcpy(path, "/tmp/vcard-profile-XXXXXX");
	}
	assert_int_equal(vcard_load("/nonexistent.card", &vc, err, sizeof(err)), -1);
}

static void fault_specs(void **state)
{
	struct vcard *vc = load("standard");
	(void)state;

	assert_int_equal(vcard_add_faults(vc, "remove@2,mute@4,silent@5"), 0);
	assert_int_equal(vcard_add_faults(vc, "explode@1"), -1);
	assert_int_equal(vcard_add_faults(vc, "remove"), -1);
	assert_int_equal(vcard_next_fault(vc), VCARD_FAULT_NONE);
	assert_int_equal(vcard_next_fault(vc), VCARD_FAULT_NONE);
	assert_int_equal(vcard_peek_fault(vc), VCARD_FAULT_REMOVE);
	assert_int_equal(vcard_next_fault(vc), VCARD_FAULT_REMOVE);
	assert_int_equal(vcard_next_fault(vc), VCARD_FAULT_NONE);
	assert_int_equal(vcard_next_fault(vc), VCARD_FAULT_MUTE);
	assert_int_equal(vcard_next_fault(vc), VCARD_FAULT_SILENT);
	vcard_free(vc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(select_and_get_response),
		cmocka_unit_test(read_record_forms),
		cmocka_unit_test(read_binary),
		cmocka_unit_test(access_and_pin),
		cmocka_unit_test(change_pin),
		cmocka_unit_test(bank_commands),
		cmocka_unit_test(statuses_and_malformed),
		cmocka_unit_test(random_commands),
		cmocka_unit_test(persistence),
		cmocka_unit_test(profile_errors),
		cmocka_unit_test(fault_specs),
	};

	return cmocka_run_group_tests_name("vcard", tests, NULL, NULL);
}
