/*
 * sscard-info's human output: aligned labelled lines (English, or Chinese
 * under a zh_* locale).  The JSON is examples/common/output.c.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "info.h"

struct label {
	const char *key, *en, *zh;
};

/* Chinese labels are padded so that columns line up at display width. */
static const struct label labels[] = {
	{ "reader",     "Reader:        ", "读卡器：      " },
	{ "atr",        "ATR:           ", "复位信息：    " },
	{ "number",     "Card number:   ", "卡号：        " },
	{ "type",       "Card type:     ", "卡类别：      " },
	{ "version",    "Spec version:  ", "规范版本：    " },
	{ "region",     "Region:        ", "发卡地区：    " },
	{ "issued",     "Issued:        ", "发卡日期：    " },
	{ "expires",    "Expires:       ", "有效期至：    " },
	{ "id_code",    "Card ID code:  ", "卡识别码：    " },
	{ "issuer",     "Initialised by:", "初始化机构：  " },
	{ "name",       "Name:          ", "姓名：        " },
	{ "ssn",        "SSN:           ", "社会保障号码：" },
	{ "sex",        "Sex:           ", "性别：        " },
	{ "nation",     "Nation:        ", "民族：        " },
	{ "birth_date", "Birth date:    ", "出生日期：    " },
	{ "birthplace", "Birthplace:    ", "出生地：      " },
	{ "status",     "Card status:   ", "卡状态：      " },
	{ "holder",     "Holder data:   ", "持卡人信息：  " },
	{ "pin",        "PIN:           ", "密码：        " },
	{ "balance",    "Medical acct.: ", "医保个人账户：" },
	{ "bank",       "Bank app.:     ", "金融应用：    " },
	{ "pan",        "Bank card no.: ", "银行卡号：    " },
	{ "bank_expires", "Bank expiry:   ", "银行卡有效期：" },
	{ "ec_balance", "E-cash:        ", "电子现金余额：" },
	{ "bank_pin",   "Bank PIN tries:", "银行密码剩余：" },
	{ "no_bank",    "none on this card", "本卡无金融功能" },
	{ "updated",    "Updated:       ", "更新日期：    " },
	{ "no_balance", "this card holds no balance (the balance is kept online)",
			"本卡未存储余额（余额以联网查询为准）" },
	{ "pin_first",  "verify the PIN first (--verify-pin)", "请先验证密码（--verify-pin）" },
	{ "valid",      "valid", "有效" },
	{ "expired",    "EXPIRED", "已过期" },
	{ "test",       "test card", "测试卡" },
	{ "temporary",  "temporary card", "临时卡" },
	{ "badcheck",   "card number check character wrong", "卡号校验位错误" },
	{ "empty",      "no card", "无卡" },
	{ "present",    "card present", "有卡" },
	{ "in_use",     "card in use by another application", "卡被其他程序占用" },
	{ "mute",       "card does not answer", "卡无响应" },
	{ "unknown",    "unknown", "未知" },
	{ "pin_ok",     "not verified", "未验证" },
	{ "pin_verified", "verified", "已验证" },
	{ "pin_locked", "LOCKED: unlock at a service counter", "已锁定，请到社保服务网点解锁" },
	{ "pin_unknown", "the card does not tell the tries left", "卡片不提供剩余次数" },
	{ "tries",      "tries left", "剩余次数" },
	{ "auth",       "Genuine card:  ", "卡片真伪：    " },
	{ "genuine",    "yes (internal authentication passed)", "真卡（内部认证通过）" },
	{ "not_genuine", "NO: internal authentication failed", "假卡：内部认证失败" },
	{ "psam",       "PSAM:          ", "PSAM卡：      " },
	{ "counter",    "Counter:       ", "柜台业务：    " },
	{ "unblocked",  "PIN unblocked for", "密码已解锁：" },
	{ "reloaded",   "new PIN set for", "密码已重置：" },
};

int info_zh(void)
{
	static int zh = -1;
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t i;

	if (zh >= 0)
		return zh;
	zh = 0;
	for (i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && v[0] != '\0') {
			zh = strncmp(v, "zh", 2) == 0;
			break;
		}
	}
	return zh;
}

const char *info_label(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].key, key) == 0)
			return info_zh() ? labels[i].zh : labels[i].en;
	return key;
}

static void line(FILE *out, const char *key, const char *value)
{
	if (value != NULL && value[0] != '\0')
		fprintf(out, "%s %s\n", info_label(key), value);
}

void show_atr(FILE *out, const unsigned char *atr, size_t len)
{
	size_t i;

	fprintf(out, "%s", info_label("atr"));
	for (i = 0; i < len; i++)
		fprintf(out, " %02X", atr[i]);
	fprintf(out, "\n");
}

void show_basic(FILE *out, const char *reader, const struct sscard_basic *b)
{
	char buf[160];

	line(out, "reader", reader);
	show_atr(out, b->atr, b->atr_len);
	line(out, "number", b->number);
	line(out, "type", b->card_type);
	line(out, "version", b->version);
	line(out, "region", b->region);
	line(out, "issued", b->issued);
	line(out, "expires", b->expires);
	line(out, "id_code", b->id_code);
	line(out, "issuer", b->issuer);
	snprintf(buf, sizeof(buf), "%s%s%s%s%s%s%s",
		 info_label(b->expired ? "expired" : "valid"),
		 b->temporary ? ", " : "", b->temporary ? info_label("temporary") : "",
		 b->test_card ? ", " : "", b->test_card ? info_label("test") : "",
		 b->number_check_ok ? "" : ", ",
		 b->number_check_ok ? "" : info_label("badcheck"));
	line(out, "status", buf);
	if (b->holder_status != 0) {
		snprintf(buf, sizeof(buf), "%s%s%s%s",
			 sscard_strerror(b->holder_status),
			 b->error_field[0] ? " (" : "", b->error_field,
			 b->error_field[0] ? ")" : "");
		line(out, "holder", buf);
		return;
	}
	line(out, "name", b->name);
	line(out, "ssn", b->ssn);
	if (b->sex != 0) {
		snprintf(buf, sizeof(buf), "%s (%c)",
			 info_zh() ? b->sex_zh : b->sex_en, b->sex);
		line(out, "sex", buf);
	}
	if (b->nation >= 0) {
		snprintf(buf, sizeof(buf), "%s (%02d)",
			 info_zh() ? b->nation_zh : b->nation_en, b->nation);
		line(out, "nation", buf);
	}
	line(out, "birth_date", b->birth_date);
	line(out, "birthplace", b->birthplace);
}

void show_readers(FILE *out, const struct sscard_reader *r, size_t n)
{
	static const char *states[] = { "empty", "present", "in_use", "mute",
					"unknown" };
	size_t i, j;

	for (i = 0; i < n; i++) {
		fprintf(out, "%zu: %s  [%s]", i, r[i].name,
			info_label(states[r[i].state <= 4 ? r[i].state : 4]));
		if (r[i].atr_len > 0) {
			fprintf(out, "  ");
			for (j = 0; j < r[i].atr_len; j++)
				fprintf(out, "%02X", r[i].atr[j]);
		}
		fprintf(out, "\n");
	}
}

void show_pin(FILE *out, const struct sscard_pin_info *pin)
{
	char buf[160];

	switch (pin->state) {
	case SSCARD_PIN_LOCKED:
		line(out, "pin", info_label("pin_locked"));
		break;
	case SSCARD_PIN_UNKNOWN:
		line(out, "pin", info_label("pin_unknown"));
		break;
	default:
		if (pin->tries_left >= 0)
			snprintf(buf, sizeof(buf), "%s, %s: %d",
				 info_label(pin->state == SSCARD_PIN_VERIFIED
						    ? "pin_verified" : "pin_ok"),
				 info_label("tries"), pin->tries_left);
		else
			snprintf(buf, sizeof(buf), "%s",
				 info_label(pin->state == SSCARD_PIN_VERIFIED
						    ? "pin_verified" : "pin_ok"));
		line(out, "pin", buf);
	}
}
