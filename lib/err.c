/*
 * Error messages.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "internal.h"

/* code, its name in sscard.h (the label a metric or a binding shows),
 * its message in English and in Chinese: the one table every door and
 * binding takes its texts from (sscard_strerror_lang) */
static const struct {
	int code;
	const char *name;
	const char *text;
	const char *zh;
} errors[] = {
	{ SSCARD_OK, "SSCARD_OK",
	  "success",
	  "成功" },
	{ SSCARD_E_NO_SERVICE, "SSCARD_E_NO_SERVICE",
	  "PC/SC service (pcscd) not available",
	  "PC/SC 服务（pcscd）不可用" },
	{ SSCARD_E_NO_READER, "SSCARD_E_NO_READER",
	  "no smart-card reader found",
	  "未找到读卡器" },
	{ SSCARD_E_NO_CARD, "SSCARD_E_NO_CARD",
	  "no card in the reader",
	  "读卡器中没有卡" },
	{ SSCARD_E_SHARING, "SSCARD_E_SHARING",
	  "the card is in use by another application",
	  "卡片正被其他程序使用" },
	{ SSCARD_E_TIMEOUT, "SSCARD_E_TIMEOUT",
	  "timed out",
	  "超时" },
	{ SSCARD_E_ACCESS_DENIED, "SSCARD_E_ACCESS_DENIED",
	  "access to the PC/SC service denied",
	  "无权访问 PC/SC 服务" },
	{ SSCARD_E_READER, "SSCARD_E_READER",
	  "reader or PC/SC failure",
	  "读卡器或 PC/SC 故障" },
	{ SSCARD_E_CANCELLED, "SSCARD_E_CANCELLED",
	  "cancelled",
	  "已取消" },
	{ SSCARD_E_CARD_REMOVED, "SSCARD_E_CARD_REMOVED",
	  "the card was removed",
	  "卡片已被拔出" },
	{ SSCARD_E_CARD_RESET, "SSCARD_E_CARD_RESET",
	  "the card was reset",
	  "卡片被复位" },
	{ SSCARD_E_CARD_MUTE, "SSCARD_E_CARD_MUTE",
	  "the card does not answer: reseat it, chip first, and clean the contacts",
	  "卡片没有应答：请将卡片芯片朝前重新插入，并清洁触点" },
	{ SSCARD_E_PROTOCOL, "SSCARD_E_PROTOCOL",
	  "card protocol error",
	  "卡片通信协议错误" },
	{ SSCARD_E_CARD_DATA, "SSCARD_E_CARD_DATA",
	  "malformed data on the card",
	  "卡内数据格式错误" },
	{ SSCARD_E_NOT_SSCARD, "SSCARD_E_NOT_SSCARD",
	  "not a social security card",
	  "不是社会保障卡" },
	{ SSCARD_E_APP_BLOCKED, "SSCARD_E_APP_BLOCKED",
	  "application blocked (card reported lost?)",
	  "应用已锁定（卡片已挂失？）" },
	{ SSCARD_E_NOT_FOUND, "SSCARD_E_NOT_FOUND",
	  "file or record not found on the card",
	  "卡内找不到该文件或记录" },
	{ SSCARD_E_AUTH_REQUIRED, "SSCARD_E_AUTH_REQUIRED",
	  "terminal authentication required",
	  "需要终端认证（PSAM 卡）" },
	{ SSCARD_E_NO_DATA, "SSCARD_E_NO_DATA",
	  "the card holds no such data",
	  "卡内没有该数据" },
	{ SSCARD_E_NO_APP, "SSCARD_E_NO_APP",
	  "the card has no such application",
	  "卡片没有该应用" },
	{ SSCARD_E_CARD_STATUS, "SSCARD_E_CARD_STATUS",
	  "unexpected card status",
	  "卡片返回了意外的状态" },
	{ SSCARD_E_NOT_SUPPORTED, "SSCARD_E_NOT_SUPPORTED",
	  "command not supported by the card",
	  "卡片不支持该指令" },
	{ SSCARD_E_NO_PSAM, "SSCARD_E_NO_PSAM",
	  "no PSAM found",
	  "未找到 PSAM 卡" },
	{ SSCARD_E_NO_KEY, "SSCARD_E_NO_KEY",
	  "the key source lacks this key or the card's algorithm",
	  "密钥来源缺少该密钥或不支持此卡的算法" },
	{ SSCARD_E_KEY_WRONG, "SSCARD_E_KEY_WRONG",
	  "the terminal's key does not fit this card: wrong PSAM region or key file",
	  "终端密钥与此卡不符：PSAM 所属地区或密钥文件不对" },
	{ SSCARD_E_KEY_LOCKED, "SSCARD_E_KEY_LOCKED",
	  "the card's terminal key is locked",
	  "卡片的终端认证密钥已锁定" },
	{ SSCARD_E_NOT_GENUINE, "SSCARD_E_NOT_GENUINE",
	  "internal authentication failed: the card is not genuine",
	  "内部认证失败：卡片不是真卡" },
	{ SSCARD_E_PSAM_REMOVED, "SSCARD_E_PSAM_REMOVED",
	  "the PSAM was removed",
	  "PSAM 卡已被拔出" },
	{ SSCARD_E_HSM, "SSCARD_E_HSM",
	  "the HSM failed or gave a malformed answer",
	  "加密机出错或返回的数据格式错误" },
	{ SSCARD_E_CARD_MISMATCH, "SSCARD_E_CARD_MISMATCH",
	  "this is not the card named (card identification code or number differ)",
	  "不是指定的卡（卡识别码或卡号不符）" },
	{ SSCARD_E_MAC_REFUSED, "SSCARD_E_MAC_REFUSED",
	  "the card refused the command's MAC",
	  "卡片拒绝了指令的 MAC" },
	{ SSCARD_E_KEY_LAST_TRY, "SSCARD_E_KEY_LAST_TRY",
	  "one try left on the card's terminal key: confirmation required",
	  "卡片终端密钥只剩一次尝试机会：需要确认" },
	{ SSCARD_E_NO_KEY_STORE, "SSCARD_E_NO_KEY_STORE",
	  "no key-guard store can be written and the key source has not proven itself on this card's issuer: nothing sent (add the user to the group sscard, or set SSCARD_STATE_DIR)",
	  "无法写入密钥防护记录，且该密钥来源未在此卡的发卡地区证明过自身：未发送任何指令（请把用户加入 sscard 组，或设置 SSCARD_STATE_DIR）" },
	{ SSCARD_E_PIN_WRONG, "SSCARD_E_PIN_WRONG",
	  "wrong PIN",
	  "密码错误" },
	{ SSCARD_E_PIN_LOCKED, "SSCARD_E_PIN_LOCKED",
	  "PIN locked",
	  "密码已锁定" },
	{ SSCARD_E_PIN_FORMAT, "SSCARD_E_PIN_FORMAT",
	  "PIN must be 4 to 12 digits",
	  "密码须为 4 至 12 位数字" },
	{ SSCARD_E_PIN_REQUIRED, "SSCARD_E_PIN_REQUIRED",
	  "PIN verification required",
	  "需要先验证密码" },
	{ SSCARD_E_PIN_LAST_TRY, "SSCARD_E_PIN_LAST_TRY",
	  "only one PIN try left: confirmation required",
	  "密码只剩最后一次机会：需要确认" },
	{ SSCARD_E_PIN_UNUSABLE, "SSCARD_E_PIN_UNUSABLE",
	  "PIN not usable (reference data invalidated)",
	  "密码不可用（参考数据已失效）" },
	{ SSCARD_E_PINPAD_TIMEOUT, "SSCARD_E_PINPAD_TIMEOUT",
	  "PIN pad timed out",
	  "密码键盘输入超时" },
	{ SSCARD_E_PINPAD_CANCELLED, "SSCARD_E_PINPAD_CANCELLED",
	  "PIN entry cancelled on the PIN pad",
	  "已在密码键盘上取消输入" },
	{ SSCARD_E_PIN_TRIES_UNKNOWN, "SSCARD_E_PIN_TRIES_UNKNOWN",
	  "the card does not tell how many PIN tries are left: a wrong PIN may lock it; confirmation required",
	  "卡片不提供剩余次数：输错可能锁定；需要确认" },
	{ SSCARD_E_PIN_INITIAL, "SSCARD_E_PIN_INITIAL",
	  "the initial PIN 123456 is set only when the holder asks for it",
	  "只有持卡人要求时才能重置为初始密码 123456" },
	{ SSCARD_E_INVALID_ARG, "SSCARD_E_INVALID_ARG",
	  "invalid argument",
	  "参数错误" },
	{ SSCARD_E_BUFFER_TOO_SMALL, "SSCARD_E_BUFFER_TOO_SMALL",
	  "buffer too small",
	  "缓冲区太小" },
	{ SSCARD_E_WRONG_THREAD, "SSCARD_E_WRONG_THREAD",
	  "handle used from another thread",
	  "在其他线程中使用了句柄" },
	{ SSCARD_E_PROFILE, "SSCARD_E_PROFILE",
	  "region profile unknown or malformed",
	  "地区配置不存在或格式错误" },
	{ SSCARD_E_KEYFILE, "SSCARD_E_KEYFILE",
	  "key file unreadable, malformed or readable by others",
	  "密钥文件无法读取、格式错误或可被他人读取" },
	{ SSCARD_E_NO_MEMORY, "SSCARD_E_NO_MEMORY",
	  "out of memory",
	  "内存不足" },
	{ SSCARD_E_INTERNAL, "SSCARD_E_INTERNAL",
	  "internal error",
	  "内部错误" },
};

static int find(int err)
{
	size_t i;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (errors[i].code == err)
			return (int)i;
	return -1;
}

const char *sscardi_strerror(int err)
{
	int i = find(err);

	return i >= 0 ? errors[i].text : "unknown error";
}

const char *sscard_error_name(int err)
{
	int i = find(err);

	return i >= 0 ? errors[i].name : "SSCARD_E_UNKNOWN";
}

const char *sscard_strerror(int err)
{
	return sscardi_strerror(err);
}

const char *sscard_strerror_lang(int err, const char *lang)
{
	int i = find(err);

	if (lang == NULL || (lang[0] != 'z' && lang[0] != 'Z') ||
	    (lang[1] != 'h' && lang[1] != 'H') ||
	    (lang[2] != '\0' && lang[2] != '_' && lang[2] != '-' &&
	     lang[2] != '.'))
		return sscardi_strerror(err);
	return i >= 0 ? errors[i].zh : "未知错误";
}
