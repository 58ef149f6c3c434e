/*
 * Region profiles and the medical account through the public API on the
 * in-process card.
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

#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "sscard.h"
#include "vcard.h"
#include "session.h"
#include "vcard_transport.h"

static void default_profile(void **state)
{
	struct sscard_medical m;
	struct sscard_basic b;
	struct session s;
	int tries;
	(void)state;

	session_open(&s, "standard", NULL);
	memset(&m, 0x33, sizeof(m));
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_PIN_REQUIRED);
	assert_int_equal(m.balance_fen, 0);
	sscard_disconnect(s.card);
	assert_int_equal(vcard_connect(s.ctx, s.vc, &s.card), 0);

	/* the pharmacy visit: basic info, PIN, balance in one session */
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, &tries), 0);
	assert_int_equal(sscard_medical_read(s.card, &m), 0);
	assert_true(m.balance_fen == 12345);
	assert_string_equal(m.category, "11");
	assert_string_equal(m.updated, "");
	assert_string_equal(m.profile, "default");
	/* 15 basic + (SELECT SSSE + GET RESPONSE + tries query + VERIFY: a
	 * PIN command selects SSSE itself) + SELECT DF04 + SELECT EF06 + 2
	 * reads: no second VERIFY */
	assert_int_equal(session_apdus(s.card), 15 + 4 + 4);
	/* again: the DF and EF are still selected */
	sscard_reset_stats(s.card);
	assert_int_equal(sscard_medical_read(s.card, &m), 0);
	assert_int_equal(session_apdus(s.card), 2);
	/* the basic read again: remembered, the medical read and the PIN
	 * change nothing of it; confirmed by the card's identification code
	 * (SELECT SSSE, its GET RESPONSE, one READ RECORD) */
	sscard_reset_stats(s.card);
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_int_equal(session_apdus(s.card), 3);
	/* asked afresh: SSSE still selected by the confirmation (its 3
	 * APDUs counted before) */
	sscard_forget(s.card);
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_int_equal(session_apdus(s.card), 3 + 13);
	session_close(&s);
}

static void other_layout_without_pin(void **state)
{
	struct sscard_medical m;
	struct session s;
	char path[512], err[256];
	(void)state;

	session_open(&s, "medical-alt", NULL);
	snprintf(path, sizeof(path), "%s/region-alt.profile", session_profile_dir());
	assert_int_equal(sscard_set_profile(s.ctx, path, err, sizeof(err)), 0);
	assert_int_equal(sscard_medical_read(s.card, &m), 0);
	assert_true(m.balance_fen == 123456);
	assert_string_equal(m.updated, "2026-11-01");
	assert_string_equal(m.category, "C001");
	assert_string_equal(m.profile, "alt-binary");
	session_close(&s);
}

static void no_balance_and_errors(void **state)
{
	struct sscard_medical m;
	struct session s;
	int tries;
	(void)state;

	session_open(&s, "nomedical", NULL);
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, &tries), 0);
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_NO_DATA);
	session_close(&s);

	session_open(&s, "bad/balance-bcd", NULL);
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, &tries), 0);
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_CARD_DATA);
	assert_true(m.balance_fen == 0);
	session_close(&s);

	session_open(&s, "medical-auth", NULL);
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_PIN_REQUIRED);
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, &tries), 0);
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_AUTH_REQUIRED);
	session_close(&s);

	session_open(&s, "blocked", NULL);
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_APP_BLOCKED);
	session_close(&s);
	assert_int_equal(sscard_medical_read(NULL, &m), SSCARD_E_INVALID_ARG);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void profile_errors(void **state)
{
	static const struct { const char *text, *msg; } cases[] = {
		{ "name x\nbogus 1\n", ":2: unknown key 'bogus'" },
		{ "name x\ndf DF04\nef EF06\nbalance 92 bcd 4 cents\naccess pin\n",
		  ":4: unit is fen or yuan, not 'cents'" },
		{ "name x\ndf DF04\nef EF06\nbalance 92 float 4 fen\n",
		  ":4: unknown encoding 'float'" },
		{ "name x\ndf DF04\nef EF06\nbalance 92 bcd 40 fen\n",
		  ":4: '40': length must be 1..32 bytes" },
		{ "name x\ndf DF04\nef EF06\nbalance 92 binary 9 fen\n",
		  ":4: an amount is bcd" },
		{ "name x\ndf DFZZ\n", ":2: df takes a FID" },
		{ "name x\ndf DF04\nef EF06\nbalance 92 bcd 4 fen\n",
		  ":5: name, df, ef, balance and access are required" },
		{ "name x\ndf DF04\nef EF06\nbalance 92 bcd 4 fen\naccess maybe\n",
		  ":5: access takes none, pin or pin+auth" },
		{ "name x\nupdated 96 ascii 4\n", ":2: updated is a date8 field" },
		{ "name x\ncategory 00 ascii 2\n", ":2: '00': tag must be hex" },
	};
	char path[] = "/tmp/region-XXXXXX";
	struct sscard_medical m;
	struct session s;
	char err[256];
	size_t i;
	int fd;
	(void)state;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	session_open(&s, "standard", NULL);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_file(path, cases[i].text);
		assert_int_equal(sscard_set_profile(s.ctx, path, err, sizeof(err)),
				 SSCARD_E_PROFILE);
		if (strstr(err, cases[i].msg) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].msg);
		if (strncmp(err, path, strlen(path)) != 0)
			fail_msg("case %zu: '%s' does not name the file", i, err);
	}
	unlink(path);
	assert_int_equal(sscard_set_profile(s.ctx, "no-such-region", err,
					    sizeof(err)), SSCARD_E_PROFILE);
	assert_non_null(strstr(err, "no profile 'no-such-region'"));
	assert_int_equal(sscard_set_profile(s.ctx, "../etc", err, sizeof(err)),
			 SSCARD_E_PROFILE);
	/* a failed load keeps the previous profile */
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_PIN_REQUIRED);
	assert_int_equal(sscard_set_profile(s.ctx, "default", NULL, 0), 0);
	/* by name through SSCARD_PROFILE_DIR */
	setenv("SSCARD_PROFILE_DIR", session_profile_dir(), 1);
	assert_int_equal(sscard_set_profile(s.ctx, "region-alt", err, sizeof(err)), 0);
	unsetenv("SSCARD_PROFILE_DIR");
	session_close(&s);
}

/* What the loader opens and what its errors show. */
static void profile_files_are_untrusted(void **state)
{
	static const char nul_line[] = "name x\ndf DF\0004\n";
	char dir[] = "/tmp/region-dir-XXXXXX", path[64], err[256];
	struct sscard_medical m;
	struct session s;
	FILE *f;
	(void)state;

	assert_non_null(mkdtemp(dir));
	session_open(&s, "standard", NULL);
	/* a FIFO would block for ever: refused at once */
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(sscard_set_profile(s.ctx, path, err, sizeof(err)),
			 SSCARD_E_PROFILE);
	assert_non_null(strstr(err, "not a regular file"));
	unlink(path);
	/* a directory too */
	assert_int_equal(sscard_set_profile(s.ctx, dir, err, sizeof(err)),
			 SSCARD_E_PROFILE);
	assert_non_null(strstr(err, "not a regular file"));
	/* another file's content is never echoed */
	snprintf(path, sizeof(path), "%s/shadow", dir);
	write_file(path, "root:$y$j9T$secrethash:19000:0:99999:7:::\n");
	assert_int_equal(sscard_set_profile(s.ctx, path, err, sizeof(err)),
			 SSCARD_E_PROFILE);
	assert_non_null(strstr(err, ":1: unknown key '(not shown)'"));
	assert_null(strstr(err, "secret"));
	assert_null(strstr(err, "root"));
	/* a NUL byte is said as such, not as a long line */
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite(nul_line, 1, sizeof(nul_line) - 1, f);
	fclose(f);
	assert_int_equal(sscard_set_profile(s.ctx, path, err, sizeof(err)),
			 SSCARD_E_PROFILE);
	assert_non_null(strstr(err, ":2: NUL byte in the line"));
	unlink(path);
	/* the profile says no PIN: the card's 6982 is a terminal key */
	write_file(path, "name nopin\ndf DF04\nef EF06\n"
			 "balance 92 bcd 4 fen\naccess none\n");
	assert_int_equal(sscard_set_profile(s.ctx, path, err, sizeof(err)), 0);
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_AUTH_REQUIRED);
	unlink(path);
	rmdir(dir);
	session_close(&s);
}

static void yuan_formatting(void **state)
{
	static const struct { int64_t fen; const char *text; } cases[] = {
		{ 0, "0.00" }, { 5, "0.05" }, { -5, "-0.05" }, { 100, "1.00" },
		{ 12345, "123.45" }, { -12345, "-123.45" },
		{ INT64_MAX, "92233720368547758.07" },
		{ INT64_MIN, "-92233720368547758.08" },
	};
	char buf[32];
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(sscard_format_yuan(cases[i].fen, buf, sizeof(buf)),
				 (int)strlen(cases[i].text));
		assert_string_equal(buf, cases[i].text);
	}
	assert_int_equal(sscard_format_yuan(12345, buf, 6),
			 SSCARD_E_BUFFER_TOO_SMALL);
	assert_string_equal(buf, "");
	assert_int_equal(sscard_format_yuan(1, NULL, 0), SSCARD_E_INVALID_ARG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_profile),
		cmocka_unit_test(other_layout_without_pin),
		cmocka_unit_test(no_balance_and_errors),
		cmocka_unit_test(profile_errors),
		cmocka_unit_test(profile_files_are_untrusted),
		cmocka_unit_test(yuan_formatting),
	};

	return cmocka_run_group_tests_name("medical", tests, NULL, NULL);
}
