/*
 * The language of an answer's error.message: Chinese or English, from
 * the request's Accept-Language (RFC 9110, 12.5.4), else the service's
 * default (the "language" setting, else its locale).  The codes never
 * change with it.  Pure: no I/O, unit-tested and fuzzed.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sscardd.h"

/* q in thousandths ("1", "0.8", "0.125"); -1 when malformed */
static int parse_q(const char *s, size_t len)
{
	static const int weight[] = { 100, 10, 1 };
	int q;
	size_t i;

	if (len == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	q = (s[0] - '0') * 1000;
	if (len == 1)
		return q;
	if (s[1] != '.' || len > 5)
		return -1;
	for (i = 2; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		q += (s[i] - '0') * weight[i - 2];
	}
	return q > 1000 ? -1 : q;
}

/* the language a tag names: 'z', 'e', '*', or 0 for any other */
static int tag_lang(const char *s, size_t len)
{
	if (len == 1 && s[0] == '*')
		return '*';
	if (len >= 2 && (len == 2 || s[2] == '-')) {
		if (strncasecmp(s, "zh", 2) == 0)
			return 'z';
		if (strncasecmp(s, "en", 2) == 0)
			return 'e';
	}
	return 0;
}

static size_t trimmed(const char **s, size_t len)
{
	while (len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		len--;
	}
	while (len > 0 && ((*s)[len - 1] == ' ' || (*s)[len - 1] == '\t'))
		len--;
	return len;
}

/* One "tag;q=x" item: its language and q, or -1 when malformed. */
static int item(const char *s, size_t len, int *lang)
{
	const char *semi = memchr(s, ';', len);
	const char *tag = s, *param;
	size_t tag_len, param_len;

	tag_len = trimmed(&tag, semi != NULL ? (size_t)(semi - s) : len);
	if (tag_len == 0)
		return -1;
	*lang = tag_lang(tag, tag_len);
	if (semi == NULL)
		return 1000;
	param = semi + 1;
	param_len = trimmed(&param, (size_t)(s + len - param));
	if (param_len < 2 || (param[0] != 'q' && param[0] != 'Q') ||
	    param[1] != '=')
		return -1;
	return parse_q(param + 2, param_len - 2);
}

int lang_prefers_zh(const char *accept, int fallback_zh)
{
	int q_zh = -1, q_en = -1, q_any = -1, lang, q;
	const char *p = accept;

	while (p != NULL && *p != '\0') {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);

		lang = 0;
		q = item(p, len, &lang);
		if (q > 0 && lang == 'z' && q > q_zh)
			q_zh = q;
		else if (q > 0 && lang == 'e' && q > q_en)
			q_en = q;
		else if (q > 0 && lang == '*' && q > q_any)
			q_any = q;
		p = comma != NULL ? comma + 1 : NULL;
	}
	if (q_zh < 0 && q_en < 0)
		return fallback_zh;
	/* "*" stands for the language not named, when it is the default */
	if (fallback_zh && q_zh < 0)
		q_zh = q_any;
	if (!fallback_zh && q_en < 0)
		q_en = q_any;
	if (q_zh == q_en)
		return fallback_zh;
	return q_zh > q_en;
}

int lang_default_zh(const char *setting, const char *locale)
{
	if (setting != NULL && setting[0] != '\0')
		return strcmp(setting, "zh") == 0;
	return locale != NULL && strncmp(locale, "zh", 2) == 0;
}

/* error.message in Chinese, as sscard-info's catalog has it */
static const struct {
	int err;
	const char *zh;
} texts[] = {
	{ SSCARD_E_NO_SERVICE, "PC/SC 服务（pcscd）不可用" },
	{ SSCARD_E_NO_READER, "未找到读卡器" },
	{ SSCARD_E_NO_CARD, "读卡器中没有卡" },
	{ SSCARD_E_SHARING, "卡片正被其他程序使用" },
	{ SSCARD_E_TIMEOUT, "超时" },
	{ SSCARD_E_ACCESS_DENIED, "无权访问 PC/SC 服务" },
	{ SSCARD_E_READER, "读卡器或 PC/SC 故障" },
	{ SSCARD_E_CANCELLED, "已取消" },
	{ SSCARD_E_CARD_REMOVED, "卡片已被拔出" },
	{ SSCARD_E_CARD_RESET, "卡片被复位" },
	{ SSCARD_E_CARD_MUTE,
	  "卡片没有应答：请将卡片芯片朝前重新插入，并清洁触点" },
	{ SSCARD_E_PROTOCOL, "卡片通信协议错误" },
	{ SSCARD_E_CARD_DATA, "卡内数据格式错误" },
	{ SSCARD_E_NOT_SSCARD, "不是社会保障卡" },
	{ SSCARD_E_APP_BLOCKED, "应用已锁定（卡片已挂失？）" },
	{ SSCARD_E_NOT_FOUND, "卡内找不到该文件或记录" },
	{ SSCARD_E_AUTH_REQUIRED, "需要终端认证（PSAM 卡）" },
	{ SSCARD_E_NO_DATA, "卡内没有该数据" },
	{ SSCARD_E_NO_APP, "卡片没有该应用" },
	{ SSCARD_E_CARD_STATUS, "卡片返回了意外的状态" },
	{ SSCARD_E_NOT_SUPPORTED, "卡片不支持该指令" },
	{ SSCARD_E_NO_PSAM, "未找到 PSAM 卡" },
	{ SSCARD_E_NO_KEY, "密钥来源缺少该密钥或不支持此卡的算法" },
	{ SSCARD_E_KEY_WRONG,
	  "终端密钥与此卡不符：PSAM 所属地区或密钥文件不对" },
	{ SSCARD_E_KEY_LOCKED, "卡片的终端认证密钥已锁定" },
	{ SSCARD_E_NOT_GENUINE, "内部认证失败：卡片不是真卡" },
	{ SSCARD_E_PSAM_REMOVED, "PSAM 卡已被拔出" },
	{ SSCARD_E_HSM, "加密机出错或返回的数据格式错误" },
	{ SSCARD_E_CARD_MISMATCH, "不是指定的卡（卡识别码或卡号不符）" },
	{ SSCARD_E_MAC_REFUSED, "卡片拒绝了指令的 MAC" },
	{ SSCARD_E_KEY_LAST_TRY, "卡片终端密钥只剩一次尝试机会：需要确认" },
	{ SSCARD_E_NO_KEY_STORE,
	  "无法写入密钥防护记录，且该密钥来源未在此卡的发卡地区证明过自身：未发送任何指令（请把用户加入 sscard 组，或设置 SSCARD_STATE_DIR）" },
	{ SSCARD_E_PIN_WRONG, "密码错误" },
	{ SSCARD_E_PIN_LOCKED, "密码已锁定" },
	{ SSCARD_E_PIN_FORMAT, "密码须为 4 至 12 位数字" },
	{ SSCARD_E_PIN_REQUIRED, "需要先验证密码" },
	{ SSCARD_E_PIN_LAST_TRY, "密码只剩最后一次机会：需要确认" },
	{ SSCARD_E_PIN_UNUSABLE, "密码不可用（参考数据已失效）" },
	{ SSCARD_E_PINPAD_TIMEOUT, "密码键盘输入超时" },
	{ SSCARD_E_PINPAD_CANCELLED, "已在密码键盘上取消输入" },
	{ SSCARD_E_PIN_TRIES_UNKNOWN,
	  "卡片不提供剩余次数：输错可能锁定；需要确认" },
	{ SSCARD_E_PIN_INITIAL, "只有持卡人要求时才能重置为初始密码 123456" },
	{ SSCARD_E_INVALID_ARG, "参数错误" },
	{ SSCARD_E_BUFFER_TOO_SMALL, "缓冲区太小" },
	{ SSCARD_E_WRONG_THREAD, "在其他线程中使用了句柄" },
	{ SSCARD_E_PROFILE, "地区配置不存在或格式错误" },
	{ SSCARD_E_KEYFILE, "密钥文件无法读取、格式错误或可被他人读取" },
	{ SSCARD_E_NO_MEMORY, "内存不足" },
	{ SSCARD_E_INTERNAL, "内部错误" },
};

const char *lang_error_zh(int err)
{
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i].err == err)
			return texts[i].zh;
	return "未知错误";
}
