/*
 * What libSSCardDriver writes: the ministry's codes with their Chinese
 * messages (one table), the '|'-separated fields, the caller's charset,
 * and the optional log (no PIN, no full card or bank number, ever).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "compat.h"

int out_message(struct job *j, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(j->out, sizeof(j->out), fmt, ap);
	va_end(ap);
	return code;
}

/* Append value and its '|'; -1 when it would not fit. */
int out_field(char *out, size_t *len, const char *value)
{
	size_t n = strlen(value);

	if (strchr(value, '|') != NULL || *len + n + 2 > OUT_MAX)
		return -1;
	memcpy(out + *len, value, n);
	out[*len + n] = '|';
	*len += n + 1;
	out[*len] = '\0';
	return 0;
}

static size_t utf8_len(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if ((lead & 0xE0) == 0xC0)
		return 2;
	if ((lead & 0xF0) == 0xE0)
		return 3;
	return (lead & 0xF8) == 0xF0 ? 4 : 1;
}

/*
 * The job's UTF-8 text into dst (OUT_MAX bytes) in charset.  A character
 * GBK cannot hold (a rare one from GB18030's extensions) becomes '?':
 * GBK callers cannot decode anything else, and the field count stays.
 */
int out_finish(const struct job *j, char *dst, const char *charset)
{
	char *in = (char *)j->out, *outp = dst;
	size_t in_left = strlen(j->out), out_left = OUT_MAX - 1;
	iconv_t cd;
	int rv = 0;

	if (strcasecmp(charset, "UTF-8") == 0) {
		memcpy(dst, j->out, in_left + 1);
		return 0;
	}
	cd = iconv_open(charset, "UTF-8");
	if (cd == (iconv_t)-1)
		return -1;
	while (in_left > 0) {
		if (iconv(cd, &in, &in_left, &outp, &out_left) != (size_t)-1)
			break;
		if (errno != EILSEQ || out_left < 1) {
			rv = -1;
			break;
		}
		{
			size_t skip = utf8_len((unsigned char)*in);

			if (skip > in_left)
				skip = in_left;
			in += skip;
			in_left -= skip;
			*outp++ = '?';
			out_left--;
		}
	}
	if (rv == 0 && iconv(cd, NULL, NULL, &outp, &out_left) == (size_t)-1)
		rv = -1;
	iconv_close(cd);
	*outp = '\0';
	if (rv < 0)
		dst[0] = '\0';
	return rv;
}

void out_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(config_get()->log, fmt, ap);
	va_end(ap);
}

/* code of an entry whose ministry code is minus the card's SW (the
 * ministry's list has none of its own), or M_READER without one; a NULL
 * message is the library's own Chinese text (sscard_strerror_lang) */
#define FROM_SW 1

static const struct {
	int err;
	int code;
	const char *msg;
} codes[] = {
	{ SSCARD_E_NO_SERVICE, M_READER, "读卡器服务(pcscd)未运行" },
	{ SSCARD_E_NO_READER, M_READER, "读卡器连接错误：未找到读卡器" },
	{ SSCARD_E_READER, M_READER, "读卡器连接错误" },
	{ SSCARD_E_ACCESS_DENIED, M_READER, "读卡器连接错误：无权访问" },
	{ SSCARD_E_SHARING, M_READER, "读卡器被其他程序占用" },
	{ SSCARD_E_TIMEOUT, M_READER, "读卡器操作超时" },
	{ SSCARD_E_NO_CARD, M_NO_CARD, "无卡" },
	{ SSCARD_E_CARD_REMOVED, M_NO_CARD, "卡片已被移走" },
	{ SSCARD_E_CARD_RESET, M_NOT_POWERED, "卡片被复位，请重试" },
	{ SSCARD_E_CARD_MUTE, M_NO_ANSWER,
	  "卡片无应答：请将卡片芯片朝前重新插入，并清洁触点" },
	{ SSCARD_E_PROTOCOL, M_NO_ANSWER, "卡片应答错误" },
	{ SSCARD_E_NOT_SSCARD, M_CARD_TYPE, "卡类型不对：不是社会保障卡" },
	{ SSCARD_E_CARD_DATA, M_CARD_TYPE, "卡片数据格式错误" },
	{ SSCARD_E_NOT_GENUINE, M_NOT_GENUINE, NULL },
	{ SSCARD_E_NO_PSAM, M_NO_PSAM, "无PSAM卡" },
	{ SSCARD_E_PSAM_REMOVED, M_NO_PSAM, "PSAM卡已被移走" },
	{ SSCARD_E_NO_KEY, M_NO_RKSSSE, "缺少所需密钥（RKSSSE）" },
	/* the key does not fit: as the ministry's "no RKSSSE key" for this
	 * card, never retried on it (lib/card.md) */
	{ SSCARD_E_KEY_WRONG, M_NO_RKSSSE, NULL },
	{ SSCARD_E_KEY_LAST_TRY, M_NO_RKSSSE,
	  "卡片终端密钥只剩一次尝试机会，未发送认证指令" },
	{ SSCARD_E_NO_KEY_STORE, M_NO_RKSSSE,
	  "无法写入密钥防护记录，未经证明的密钥来源不予尝试" },
	{ SSCARD_E_KEY_LOCKED, -0x6983, "卡片终端密钥已锁定，只能补换卡" },
	{ SSCARD_E_PINPAD_CANCELLED, M_PIN_CANCELLED, "用户取消密码输入" },
	{ SSCARD_E_PINPAD_TIMEOUT, M_PIN_TIMEOUT, "密码输入超时" },
	{ SSCARD_E_PIN_FORMAT, M_PIN_LENGTH, "密码长度错误" },
	{ SSCARD_E_PIN_LOCKED, M_PIN_LOCKED, "密码已锁定，请到社保经办机构解锁" },
	{ SSCARD_E_INVALID_ARG, M_PARAM, NULL },
	{ SSCARD_E_CARD_MISMATCH, M_PARAM, "卡识别码或卡号与卡片不符" },
	{ SSCARD_E_HSM, M_PARAM, "加密机数据错误" },
	{ SSCARD_E_PIN_INITIAL, M_PARAM, "不能重置为初始密码" },
	{ SSCARD_E_CANCELLED, M_READER, "操作已取消" },
	{ SSCARD_E_APP_BLOCKED, FROM_SW, NULL },
	{ SSCARD_E_NOT_FOUND, FROM_SW, NULL },
	{ SSCARD_E_AUTH_REQUIRED, FROM_SW, NULL },
	{ SSCARD_E_NO_DATA, FROM_SW, NULL },
	{ SSCARD_E_NO_APP, FROM_SW, NULL },
	{ SSCARD_E_CARD_STATUS, FROM_SW, NULL },
	{ SSCARD_E_NOT_SUPPORTED, FROM_SW, NULL },
	{ SSCARD_E_MAC_REFUSED, FROM_SW, NULL },
	{ SSCARD_E_PIN_REQUIRED, FROM_SW, NULL },
	{ SSCARD_E_PIN_LAST_TRY, FROM_SW,
	  "密码只剩最后一次机会，未发送密码" },
	{ SSCARD_E_PIN_TRIES_UNKNOWN, FROM_SW,
	  "卡片不提供剩余次数，输错可能锁定，未发送密码" },
	{ SSCARD_E_PIN_UNUSABLE, FROM_SW, NULL },
	{ SSCARD_E_BUFFER_TOO_SMALL, M_READER, NULL },
	{ SSCARD_E_WRONG_THREAD, M_READER, NULL },
	{ SSCARD_E_PROFILE, M_READER, NULL },
	{ SSCARD_E_KEYFILE, M_READER, NULL },
	{ SSCARD_E_NO_MEMORY, M_READER, NULL },
	{ SSCARD_E_INTERNAL, M_READER, NULL },
};

/* A libsscard error as the ministry's code and its Chinese message; a
 * card status word the ministry does not name is minus the SW. */
int ministry_code(int err, unsigned sw, char *msg, size_t size)
{
	int has_sw = sw != 0 && sw != 0x9000;
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		const char *text;

		if (codes[i].err != err)
			continue;
		text = codes[i].msg != NULL ? codes[i].msg
					    : sscard_strerror_lang(err, "zh");
		if (codes[i].code != FROM_SW) {
			snprintf(msg, size, "%s", text);
			return codes[i].code;
		}
		if (!has_sw) {
			snprintf(msg, size, "%s", text);
			return M_READER;
		}
		snprintf(msg, size, "%s（状态 %04X）", text, sw);
		return -(int)sw;
	}
	if (has_sw) {
		snprintf(msg, size, "卡片返回状态 %04X", sw);
		return -(int)sw;
	}
	snprintf(msg, size, "操作失败（错误 %d）", err);
	return M_READER;
}
