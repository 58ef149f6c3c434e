/*
 * sscard_read_basic() and sscard_read_photo() through the public API on
 * the in-process virtual card: every profile, exact values and APDU
 * counts, malformed cards, and a fault at every APDU of the read.
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

#include <cmocka.h>

#include "sscard.h"
#include "vcard.h"
#include "session.h"
#include "vcard_transport.h"

struct expect {
	const char *profile;
	const char *number, *version, *region, *issued, *expires;
	const char *ssn, *name;
	char sex;
	int nation;
	const char *birth;
	int expired, temporary, check_ok, test_card;
	unsigned long apdus;        /* for one basic read from power-up */
};

static const struct expect cards[] = {
	/* 1.00: SELECT + GET RESPONSE + 13 reads (no name extension) */
	{ "standard", "BA0010547", "1.00", "520300", "2019-11-20", "2029-11-20",
	  "520102198506020233", "林岩", '1', 1, "1985-06-02", 0, 0, 1, 0, 15 },
	/* 3.00: the name extension is read: 16 */
	{ "rare", "XJ6501024", "3.00", "650100", "2023-03-15", "2033-03-15",
	  "65010219900101202X", "阿依古丽·艾合买提江·买买提托合提𫖯", '2', 5,
	  "1990-01-01", 0, 0, 1, 0, 16 },
	{ "nobank", "NP0000017", "2.00", "520300", "2019-11-20", "2029-11-20",
	  "330302199912310017", "周𫖯", '1', 1, "1985-06-02", 0, 0, 1, 0, 16 },
	{ "expired", "EX2001033", "1.00", "520300", "2011-03-01", "2021-03-01",
	  "520102198506020233", "林岩", '1', 1, "1985-06-02", 1, 0, 1, 0, 15 },
	{ "temporary", "TM2609013", "1.00", "520300", "2026-09-01", "2027-02-28",
	  "520102198506020233", "林岩", '1', 1, "1985-06-02", 0, 1, 1, 0, 15 },
	{ "testcard", "CON000016", "1.00", "520300", "2019-11-20", "2029-11-20",
	  "520102198506020233", "林岩", '1', 1, "1985-06-02", 0, 0, 0, 1, 15 },
	{ "locked", "BA0010547", "1.00", "520300", "2019-11-20", "2029-11-20",
	  "520102198506020233", "林岩", '1', 1, "1985-06-02", 0, 0, 1, 0, 15 },
	/* T=1, no SFI: SELECT (FCI at once), refused SFI read, SELECT EF05,
	 * 7 reads, SELECT EF06, 7 reads: 18 */
	{ "t1", "T1000038X", "2.00", "520300", "2019-11-20", "2029-11-20",
	  "520102198506020233", "林岩", '1', 1, "1985-06-02", 0, 0, 1, 0, 18 },
	/* neither SFI nor tag reads: 2 + SFI refused + SELECT EF05 + tag
	 * refused + 7 records, each sent twice (Le 00, then the 6Cxx length),
	 * + record 8 (6A83) + SELECT EF06 + 6 records twice + record 7:
	 * 2+1+1+1+15+1+13 */
	{ "quirky", "QK0007773", "2.00", "520300", "2019-11-20", "2029-11-20",
	  "520102198506020233", "李明", '2', 3, "1985-06-02", 0, 0, 1, 0, 34 },
};

static void every_profile(void **state)
{
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(cards) / sizeof(cards[0]); i++) {
		const struct expect *e = &cards[i];
		struct sscard_basic b;
		struct session s;

		session_open(&s, e->profile, NULL);
		assert_int_equal(sscard_read_basic(s.card, &b), 0);
		assert_string_equal(b.number, e->number);
		assert_string_equal(b.version, e->version);
		assert_string_equal(b.region, e->region);
		assert_string_equal(b.issued, e->issued);
		assert_string_equal(b.expires, e->expires);
		assert_string_equal(b.ssn, e->ssn);
		assert_string_equal(b.name, e->name);
		assert_int_equal(b.sex, e->sex);
		assert_int_equal(b.nation, e->nation);
		assert_string_equal(b.birth_date, e->birth);
		assert_int_equal(b.expired, e->expired);
		assert_int_equal(b.temporary, e->temporary);
		assert_int_equal(b.number_check_ok, e->check_ok);
		assert_int_equal(b.test_card, e->test_card);
		assert_int_equal(b.holder_status, 0);
		assert_int_equal(b.atr_len, s.vc->atr_len);
		if (session_apdus(s.card) != e->apdus)
			fail_msg("%s: %lu APDUs, expected %lu", e->profile,
				 session_apdus(s.card), e->apdus);
		session_close(&s);
	}
}

static void standard_details(void **state)
{
	struct sscard_stats st;
	struct sscard_basic b;
	struct session s;
	(void)state;

	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_string_equal(b.id_code, "520300D156000005050842704E187F49");
	assert_string_equal(b.card_type, "3");
	assert_string_equal(b.issuer, "91560000025202005202006A");
	assert_string_equal(b.sex_en, "male");
	assert_string_equal(b.sex_zh, "男");
	assert_string_equal(b.nation_en, "Han");
	assert_string_equal(b.nation_zh, "汉族");
	assert_string_equal(b.birthplace, "520102");
	assert_int_equal(b.algorithm, SSCARD_ALG_SM4);
	/* the card still in the reader: the same answer from memory, once
	 * the card's identification code confirms it is the same card (one
	 * READ RECORD: SSSE is still selected) */
	sscard_reset_stats(s.card);
	memset(&b, 0, sizeof(b));
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_int_equal(session_apdus(s.card), 1);
	sscard_get_stats(s.card, &st);
	assert_int_equal(st.remembered, 1);
	assert_string_equal(b.id_code, "520300D156000005050842704E187F49");
	assert_string_equal(b.birthplace, "520102");
	/* asked afresh: read again, without selecting SSSE again (the
	 * confirmation's APDU counted before it) */
	sscard_forget(s.card);
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_int_equal(session_apdus(s.card), 1 + 13);
	assert_string_equal(b.sex_zh, "男");
	session_close(&s);
}

static void holder_needs_authentication(void **state)
{
	struct sscard_basic b;
	struct session s;
	unsigned char *jpeg = (unsigned char *)"x";
	size_t len = 1;
	(void)state;

	session_open(&s, "auth3", NULL);
	/* a caller that checks only the return value sees the failure */
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_AUTH_REQUIRED);
	assert_int_equal(b.holder_status, SSCARD_E_AUTH_REQUIRED);
	assert_int_equal(b.holder_sw, 0x6982);      /* the card's own SW */
	assert_string_equal(b.error_field, "");
	assert_string_equal(b.number, "A30003002");
	assert_string_equal(b.ssn, "");
	assert_string_equal(b.name, "");
	assert_int_equal(b.nation, -1);
	assert_int_equal(sscard_read_photo(s.card, &jpeg, &len),
			 SSCARD_E_AUTH_REQUIRED);
	assert_null(jpeg);
	assert_int_equal(len, 0);
	session_close(&s);
}

struct bad {
	const char *profile;
	int err;
	const char *field;          /* error_field, "" for none */
	int holder_only;            /* the card part is still read */
};

static void malformed_and_refusing_cards(void **state)
{
	static const struct bad bad[] = {
		{ "bad/wrong-tag", SSCARD_E_CARD_DATA, "number", 0 },
		{ "bad/bad-date", SSCARD_E_CARD_DATA, "expires", 0 },
		{ "bad/not-sscard", SSCARD_E_NOT_SSCARD, "", 0 },
		{ "blocked", SSCARD_E_APP_BLOCKED, "", 0 },
		{ "bad/long-length", SSCARD_E_CARD_DATA, "ssn", 1 },
		{ "bad/bad-bcd", SSCARD_E_CARD_DATA, "birth_date", 1 },
		{ "bad/bad-gbk", SSCARD_E_CARD_DATA, "name", 1 },
	};
	struct sscard_basic b, zero;
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct session s;

		session_open(&s, bad[i].profile, NULL);
		memset(&b, 0x5A, sizeof(b));
		if (sscard_read_basic(s.card, &b) != bad[i].err)
			fail_msg("%s: expected %d", bad[i].profile, bad[i].err);
		assert_string_equal(b.error_field, bad[i].field);
		if (bad[i].holder_only) {
			/* the card part, and nothing of the holder */
			assert_int_equal(b.holder_status, bad[i].err);
			assert_int_equal(b.holder_sw, 0);
			assert_string_equal(b.number, "BA0010547");
			assert_string_equal(b.ssn, "");
			assert_string_equal(b.name, "");
			assert_string_equal(b.birth_date, "");
			assert_int_equal(b.sex, 0);
			assert_int_equal(b.nation, -1);
		} else {
			/* never a partial struct that looks valid */
			memset(&zero, 0, sizeof(zero));
			memcpy(zero.error_field, bad[i].field,
			       strlen(bad[i].field));
			assert_memory_equal(&b, &zero, sizeof(b));
		}
		session_close(&s);
	}
}

/* Unwritten bytes of the name read FF: padding, not a broken name. */
static void name_padded_with_ff(void **state)
{
	struct sscard_basic b;
	struct session s;
	(void)state;

	session_open(&s, "name-ff", NULL);
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_string_equal(b.name, "林岩");
	assert_int_equal(b.holder_status, 0);
	session_close(&s);
}

static unsigned char *slurp(const char *name, size_t *len)
{
	char path[512];
	unsigned char *buf = malloc(65536);
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", session_profile_dir(), name);
	f = fopen(path, "rb");
	assert_non_null(f);
	*len = fread(buf, 1, 65536, f);
	fclose(f);
	return buf;
}

static void photo(void **state)
{
	unsigned char *jpeg = NULL, *want;
	size_t len = 0, want_len;
	struct session s;
	(void)state;

	want = slurp("photo-standard.jpg", &want_len);
	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_read_photo(s.card, &jpeg, &len), 0);
	assert_int_equal(len, want_len);
	assert_memory_equal(jpeg, want, len);
	/* SELECT SSSE + GET RESPONSE + SELECT EF08 + ceil(1038 / 255) reads,
	 * stopping at the end of the image, not at the end of the file */
	assert_int_equal(session_apdus(s.card), 2 + 1 + 5);
	sscard_free(jpeg);
	session_close(&s);
	free(want);

	session_open(&s, "bad/photo-not-jpeg", NULL);
	assert_int_equal(sscard_read_photo(s.card, &jpeg, &len),
			 SSCARD_E_CARD_DATA);
	assert_null(jpeg);
	session_close(&s);
	session_open(&s, "bad/photo-truncated", NULL);
	assert_int_equal(sscard_read_photo(s.card, &jpeg, &len),
			 SSCARD_E_CARD_DATA);
	assert_null(jpeg);
	session_close(&s);
	session_open(&s, "t1", NULL);              /* T=1: 6282 at the end */
	assert_int_equal(sscard_read_photo(s.card, &jpeg, &len), 0);
	assert_int_equal(len, want_len);
	sscard_free(jpeg);
	session_close(&s);
}

/* A fault at every APDU index of the basic read. */
static void faults_at_every_apdu(void **state)
{
	struct sscard_basic ref, b;
	struct session s;
	unsigned long n, i;
	char spec[32];
	(void)state;

	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_read_basic(s.card, &ref), 0);
	n = session_apdus(s.card);
	session_close(&s);

	for (i = 0; i < n; i++) {
		/* reset: the read runs again and returns the right data */
		snprintf(spec, sizeof(spec), "reset@%lu", i);
		session_open(&s, "standard", spec);
		assert_int_equal(sscard_read_basic(s.card, &b), 0);
		assert_memory_equal(&b, &ref, sizeof(b));
		session_close(&s);

		snprintf(spec, sizeof(spec), "remove@%lu", i);
		session_open(&s, "standard", spec);
		assert_int_equal(sscard_read_basic(s.card, &b),
				 SSCARD_E_CARD_REMOVED);
		assert_int_equal(b.number[0], '\0');
		/* and stays removed, without a crash */
		assert_int_equal(sscard_read_basic(s.card, &b),
				 SSCARD_E_CARD_REMOVED);
		session_close(&s);

		snprintf(spec, sizeof(spec), "mute@%lu", i);
		session_open(&s, "standard", spec);
		assert_int_equal(sscard_read_basic(s.card, &b),
				 SSCARD_E_CARD_MUTE);
		session_close(&s);

		snprintf(spec, sizeof(spec), "garbage@%lu", i);
		session_open(&s, "standard", spec);
		assert_int_equal(sscard_read_basic(s.card, &b),
				 SSCARD_E_PROTOCOL);
		assert_int_equal(b.ssn[0], '\0');
		session_close(&s);
	}
}

static void bad_arguments(void **state)
{
	struct sscard_basic b;
	unsigned char *jpeg;
	size_t len;
	(void)state;

	assert_int_equal(sscard_read_basic(NULL, &b), SSCARD_E_INVALID_ARG);
	assert_int_equal(sscard_read_photo(NULL, &jpeg, &len),
			 SSCARD_E_INVALID_ARG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_profile),
		cmocka_unit_test(standard_details),
		cmocka_unit_test(holder_needs_authentication),
		cmocka_unit_test(malformed_and_refusing_cards),
		cmocka_unit_test(name_padded_with_ff),
		cmocka_unit_test(photo),
		cmocka_unit_test(faults_at_every_apdu),
		cmocka_unit_test(bad_arguments),
	};

	return cmocka_run_group_tests_name("basic", tests, NULL, NULL);
}
