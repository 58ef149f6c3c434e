/*
 * sscardd's checks of who may call and where it may listen
 * (service/sscardd/guard.c), alone: no socket, no card.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sscardd.h"

static void host_names_the_loopback(void **state)
{
	(void)state;
	assert_int_equal(guard_host("127.0.0.1"), 1);
	assert_int_equal(guard_host("127.0.0.1:12340"), 1);
	assert_int_equal(guard_host("localhost:8"), 1);
	assert_int_equal(guard_host("LocalHost"), 1);
	assert_int_equal(guard_host("[::1]:12340"), 1);
	assert_int_equal(guard_host("[::1]"), 1);
}

static void host_refuses_other_names(void **state)
{
	(void)state;
	assert_int_equal(guard_host(NULL), 0);
	assert_int_equal(guard_host(""), 0);
	assert_int_equal(guard_host("his.evil.example"), 0);
	assert_int_equal(guard_host("127.0.0.1.evil.example"), 0);
	assert_int_equal(guard_host("localhost.evil.example:80"), 0);
	assert_int_equal(guard_host("127.0.0.1:"), 0);
	assert_int_equal(guard_host("127.0.0.1:80x"), 0);
	assert_int_equal(guard_host("127.0.0.1:123456"), 0);
	assert_int_equal(guard_host("[::1]x"), 0);
	assert_int_equal(guard_host("127.0.0.2"), 0);
	assert_int_equal(guard_host("0.0.0.0"), 0);
}

static void origin_is_compared_whole(void **state)
{
	struct conf c;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(guard_origin(&c, "https://his.example"), 0);
	snprintf(c.origins[0], sizeof(c.origins[0]), "https://his.example");
	snprintf(c.origins[1], sizeof(c.origins[1]), "http://127.0.0.1:8000");
	c.n_origins = 2;
	assert_int_equal(guard_origin(&c, "https://his.example"), 1);
	assert_int_equal(guard_origin(&c, "HTTPS://HIS.EXAMPLE"), 1);
	assert_int_equal(guard_origin(&c, "http://127.0.0.1:8000"), 1);
	assert_int_equal(guard_origin(&c, "http://his.example"), 0);
	assert_int_equal(guard_origin(&c, "https://his.example:443"), 0);
	assert_int_equal(guard_origin(&c, "https://his.example.evil"), 0);
	assert_int_equal(guard_origin(&c, "https://evil.his.example"), 0);
	assert_int_equal(guard_origin(&c, "http://127.0.0.1:8001"), 0);
	assert_int_equal(guard_origin(&c, "null"), 0);
	assert_int_equal(guard_origin(&c, ""), 0);
	assert_int_equal(guard_origin(&c, NULL), 0);
}

static void no_origin_only_outside_a_browser(void **state)
{
	(void)state;
	assert_int_equal(guard_fetch_site(NULL), 1);
	assert_int_equal(guard_fetch_site(""), 1);
	assert_int_equal(guard_fetch_site("none"), 1);
	assert_int_equal(guard_fetch_site("same-origin"), 1);
	assert_int_equal(guard_fetch_site("cross-site"), 0);
	assert_int_equal(guard_fetch_site("same-site"), 0);
	assert_int_equal(guard_fetch_site("bogus"), 0);
}

static void token_when_configured(void **state)
{
	struct conf c;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(guard_token(&c, NULL), 1);
	assert_int_equal(guard_token(&c, "anything"), 1);
	snprintf(c.token, sizeof(c.token), "k3Jd9aQw8ZxT2mVb7LpC");
	assert_int_equal(guard_token(&c, "k3Jd9aQw8ZxT2mVb7LpC"), 1);
	assert_int_equal(guard_token(&c, "k3Jd9aQw8ZxT2mVb7Lp"), 0);
	assert_int_equal(guard_token(&c, "k3Jd9aQw8ZxT2mVb7LpCx"), 0);
	assert_int_equal(guard_token(&c, "K3Jd9aQw8ZxT2mVb7LpC"), 0);
	assert_int_equal(guard_token(&c, ""), 0);
	assert_int_equal(guard_token(&c, NULL), 0);
}

/* error.message's language: Accept-Language, else the default */
static void accept_language_chooses(void **state)
{
	(void)state;
	assert_int_equal(lang_prefers_zh("zh-CN,zh;q=0.9,en;q=0.8", 0), 1);
	assert_int_equal(lang_prefers_zh("en-US,en;q=0.9,zh-CN;q=0.8", 1), 0);
	assert_int_equal(lang_prefers_zh("zh", 0), 1);
	assert_int_equal(lang_prefers_zh("ZH-hans-CN", 0), 1);
	assert_int_equal(lang_prefers_zh("en", 1), 0);
	assert_int_equal(lang_prefers_zh("zh;q=0.5, en;q=0.8", 1), 0);
	assert_int_equal(lang_prefers_zh(" en ; q=0.2 , zh ; q=0.3 ", 0), 1);
	/* q=0: not acceptable */
	assert_int_equal(lang_prefers_zh("zh;q=0, en;q=0.1", 1), 0);
	assert_int_equal(lang_prefers_zh("zh;q=0", 0), 0);
	/* neither named, a tie, or nothing usable: the default */
	assert_int_equal(lang_prefers_zh("fr-FR, de", 1), 1);
	assert_int_equal(lang_prefers_zh("fr-FR, de", 0), 0);
	assert_int_equal(lang_prefers_zh("zh, en", 0), 0);
	assert_int_equal(lang_prefers_zh("zh, en", 1), 1);
	assert_int_equal(lang_prefers_zh("", 1), 1);
	assert_int_equal(lang_prefers_zh(NULL, 0), 0);
	/* "*" stands for the default language */
	assert_int_equal(lang_prefers_zh("en;q=0.5, *", 1), 1);
	assert_int_equal(lang_prefers_zh("zh;q=0.5, *", 0), 0);
	/* "zhx" and "eng" are other languages; malformed q values count
	 * for nothing */
	assert_int_equal(lang_prefers_zh("zhx, en;q=0.1", 1), 0);
	assert_int_equal(lang_prefers_zh("eng, zh;q=0.1", 0), 1);
	assert_int_equal(lang_prefers_zh("zh;q=2, en;q=0.5", 1), 0);
	assert_int_equal(lang_prefers_zh("zh;q=0.1234, en;q=0.5", 1), 0);
	assert_int_equal(lang_prefers_zh("zh;q=, en;q=0.5", 1), 0);
	assert_int_equal(lang_prefers_zh("zh;x=1, en;q=0.5", 1), 0);
	assert_int_equal(lang_prefers_zh(";q=1,,, ,", 1), 1);
}

static void default_language(void **state)
{
	(void)state;
	assert_int_equal(lang_default_zh("zh", "en_US.UTF-8"), 1);
	assert_int_equal(lang_default_zh("en", "zh_CN.UTF-8"), 0);
	assert_int_equal(lang_default_zh("", "zh_CN.UTF-8"), 1);
	assert_int_equal(lang_default_zh("", "C.UTF-8"), 0);
	assert_int_equal(lang_default_zh("", NULL), 0);
	assert_string_equal(sscard_strerror_lang(SSCARD_E_NO_CARD, "zh_CN.UTF-8"),
			    "读卡器中没有卡");
	assert_string_equal(sscard_strerror_lang(-1000, "zh"), "未知错误");
	assert_string_equal(sscard_strerror_lang(SSCARD_E_NO_CARD, "zhx"),
			    "no card in the reader");
	assert_string_equal(sscard_strerror_lang(SSCARD_E_NO_CARD, NULL),
			    "no card in the reader");
}

static void listen_on_the_loopback_only(void **state)
{
	(void)state;
	assert_int_equal(guard_listen("127.0.0.1"), 1);
	assert_int_equal(guard_listen("127.8.9.10"), 1);
	assert_int_equal(guard_listen("::1"), 1);
	assert_int_equal(guard_listen("0.0.0.0"), 0);
	assert_int_equal(guard_listen("::"), 0);
	assert_int_equal(guard_listen("192.168.1.10"), 0);
	assert_int_equal(guard_listen("::ffff:127.0.0.1"), 0);
	assert_int_equal(guard_listen("localhost"), 0);
	assert_int_equal(guard_listen("eth0"), 0);
	assert_int_equal(guard_listen(""), 0);
	assert_int_equal(guard_listen(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(host_names_the_loopback),
		cmocka_unit_test(host_refuses_other_names),
		cmocka_unit_test(origin_is_compared_whole),
		cmocka_unit_test(no_origin_only_outside_a_browser),
		cmocka_unit_test(token_when_configured),
		cmocka_unit_test(listen_on_the_loopback_only),
		cmocka_unit_test(accept_language_chooses),
		cmocka_unit_test(default_language),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
