/*
 * sscard-info output: aligned labelled lines (English, or Chinese under a
 * zh_* locale) and JSON with stable keys.
 *
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

json_object *json_str_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_object_new_string(s) : NULL;
}

json_object *json_hex(const unsigned char *b, size_t n)
{
	char buf[2 * 64 + 1];
	size_t i;

	if (n == 0 || n > 64)
		return NULL;
	for (i = 0; i < n; i++)
		snprintf(buf + 2 * i, 3, "%02X", b[i]);
	return json_object_new_string(buf);
}

json_object *json_basic(const char *reader, const struct sscard_basic *b)
{
	json_object *root = json_object_new_object();
	json_object *card = json_object_new_object();
	json_object *holder = json_object_new_object();
	char code[4];

	json_object_object_add(root, "reader", json_str_or_null(reader));
	json_object_object_add(root, "atr", json_hex(b->atr, b->atr_len));
	json_object_object_add(root, "region", json_str_or_null(b->region));

	json_object_object_add(card, "id_code", json_str_or_null(b->id_code));
	json_object_object_add(card, "type", json_str_or_null(b->card_type));
	json_object_object_add(card, "version", json_str_or_null(b->version));
	json_object_object_add(card, "issuer", json_str_or_null(b->issuer));
	json_object_object_add(card, "issued", json_str_or_null(b->issued));
	json_object_object_add(card, "expires", json_str_or_null(b->expires));
	json_object_object_add(card, "number", json_str_or_null(b->number));
	json_object_object_add(card, "expired",
			       json_object_new_boolean(b->expired));
	json_object_object_add(card, "temporary",
			       json_object_new_boolean(b->temporary));
	json_object_object_add(card, "number_check_ok",
			       json_object_new_boolean(b->number_check_ok));
	json_object_object_add(card, "test_card",
			       json_object_new_boolean(b->test_card));
	json_object_object_add(root, "card", card);

	if (b->holder_status != 0)
		json_object_object_add(holder, "error",
				       json_error_field(b->holder_status,
							b->holder_sw,
							b->error_field));
	json_object_object_add(holder, "ssn", json_str_or_null(b->ssn));
	json_object_object_add(holder, "name", json_str_or_null(b->name));
	code[0] = b->sex;
	code[1] = '\0';
	json_object_object_add(holder, "sex", json_str_or_null(code));
	json_object_object_add(holder, "sex_name",
			       json_str_or_null(info_zh() ? b->sex_zh : b->sex_en));
	code[0] = '\0';
	if (b->nation >= 0)
		snprintf(code, sizeof(code), "%02d", b->nation % 100);
	json_object_object_add(holder, "nation", json_str_or_null(code));
	json_object_object_add(holder, "nation_name",
			       json_str_or_null(info_zh() ? b->nation_zh
							  : b->nation_en));
	json_object_object_add(holder, "birth_date",
			       json_str_or_null(b->birth_date));
	json_object_object_add(holder, "birthplace",
			       json_str_or_null(b->birthplace));
	json_object_object_add(root, "holder", holder);
	return root;
}

json_object *json_error(int err, unsigned sw)
{
	return json_error_field(err, sw, NULL);
}

json_object *json_error_field(int err, unsigned sw, const char *field)
{
	json_object *e = json_object_new_object();
	char buf[8];

	json_object_object_add(e, "code", json_object_new_int(err));
	json_object_object_add(e, "message",
			       json_object_new_string(sscard_strerror(err)));
	if (sw != 0 && sw != 0x9000) {
		snprintf(buf, sizeof(buf), "%04X", sw & 0xFFFF);
		json_object_object_add(e, "sw", json_object_new_string(buf));
	} else {
		json_object_object_add(e, "sw", NULL);
	}
	if (field != NULL && field[0] != '\0')
		json_object_object_add(e, "field", json_object_new_string(field));
	return e;
}

json_object *json_pin(const struct sscard_pin_info *pin)
{
	static const char *states[] = { "unknown", "ok", "verified", "locked" };
	json_object *p = json_object_new_object();

	json_object_object_add(p, "state", json_object_new_string(
		states[pin->state >= 0 && pin->state <= 3 ? pin->state : 0]));
	json_object_object_add(p, "tries_left", pin->tries_left >= 0
		? json_object_new_int(pin->tries_left) : NULL);
	return p;
}

void json_print(FILE *out, json_object *obj)
{
	fprintf(out, "%s\n", json_object_to_json_string_ext(obj,
		JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
}
