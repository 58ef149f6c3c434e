/*
 * GB18030 text and the code tables the card refers to: sex (GB/T 2261.1),
 * nation (GB 3304), and the card number check character.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <string.h>

#include "apdu.h"

int sscardi_gb18030_to_utf8(iconv_t cd, const uint8_t *in, size_t n,
			    char *out, size_t out_size)
{
	char *src = (char *)(uintptr_t)in;
	char *dst = out;
	size_t src_left = n, dst_left, i, w;

	if (cd == (iconv_t)-1 || (in == NULL && n) || out == NULL ||
	    out_size == 0)
		return SSCARD_E_INVALID_ARG;
	dst_left = out_size - 1;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &src, &src_left, &dst, &dst_left) == (size_t)-1)
		return errno == E2BIG ? SSCARD_E_BUFFER_TOO_SMALL
				      : SSCARD_E_CARD_DATA;
	if (iconv(cd, NULL, NULL, &dst, &dst_left) == (size_t)-1)
		return SSCARD_E_CARD_DATA;
	w = (size_t)(dst - out);
	for (i = 0; i < w; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7F)
			return SSCARD_E_CARD_DATA;
	out[w] = '\0';
	return (int)w;
}

size_t sscardi_utf8_copy(char *dst, size_t size, const char *src, size_t len)
{
	size_t n;

	if (size == 0)
		return 0;
	n = len < size - 1 ? len : size - 1;
	/* never end inside a character: back off over continuation bytes
	 * to the lead byte of the one that did not fit whole */
	if (n < len)
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

/* A table's text, one byte short of the field it is copied into: a
 * string that does not fit is an error at compile time ("initializer-
 * string too long"), and one that fills the array exactly still leaves
 * the field room for its NUL. */
#define FIELD_TEXT(field) \
	char field[sizeof(((struct sscard_basic *)0)->field) - 1]

static void put_text(char *dst, size_t size, const char *text, size_t max)
{
	sscardi_utf8_copy(dst, size, text, strnlen(text, max));
}

int sscardi_sex_names(char code, char *en, size_t en_size, char *zh,
		      size_t zh_size)
{
	static const struct {
		char code;
		FIELD_TEXT(sex_en);
		FIELD_TEXT(sex_zh);
	} sexes[] = {
		{ '0', "unknown", "未知的性别" },
		{ '1', "male", "男" },
		{ '2', "female", "女" },
		/* GB/T 2261.1's 未说明的性别 (18 bytes) in the field's 15 */
		{ '9', "unstated", "未说明性别" },
	};
	size_t i;

	for (i = 0; i < sizeof(sexes) / sizeof(sexes[0]); i++) {
		if (sexes[i].code == code) {
			put_text(en, en_size, sexes[i].sex_en,
				 sizeof(sexes[i].sex_en));
			put_text(zh, zh_size, sexes[i].sex_zh,
				 sizeof(sexes[i].sex_zh));
			return 0;
		}
	}
	return SSCARD_E_CARD_DATA;
}

struct nation_text {
	FIELD_TEXT(nation_en);
	FIELD_TEXT(nation_zh);
};

static const struct nation_text nations[56] = {
	{ "Han", "汉族" }, { "Mongol", "蒙古族" }, { "Hui", "回族" },
	{ "Zang", "藏族" }, { "Uygur", "维吾尔族" }, { "Miao", "苗族" },
	{ "Yi", "彝族" }, { "Zhuang", "壮族" }, { "Buyei", "布依族" },
	{ "Chosen", "朝鲜族" }, { "Man", "满族" }, { "Dong", "侗族" },
	{ "Yao", "瑶族" }, { "Bai", "白族" }, { "Tujia", "土家族" },
	{ "Hani", "哈尼族" }, { "Kazak", "哈萨克族" }, { "Dai", "傣族" },
	{ "Li", "黎族" }, { "Lisu", "傈僳族" }, { "Va", "佤族" },
	{ "She", "畲族" }, { "Gaoshan", "高山族" }, { "Lahu", "拉祜族" },
	{ "Sui", "水族" }, { "Dongxiang", "东乡族" }, { "Naxi", "纳西族" },
	{ "Jingpo", "景颇族" }, { "Kirgiz", "柯尔克孜族" }, { "Tu", "土族" },
	{ "Daur", "达斡尔族" }, { "Mulao", "仫佬族" }, { "Qiang", "羌族" },
	{ "Blang", "布朗族" }, { "Salar", "撒拉族" }, { "Maonan", "毛南族" },
	{ "Gelao", "仡佬族" }, { "Xibe", "锡伯族" }, { "Achang", "阿昌族" },
	{ "Pumi", "普米族" }, { "Tajik", "塔吉克族" }, { "Nu", "怒族" },
	{ "Uzbek", "乌孜别克族" }, { "Russ", "俄罗斯族" },
	{ "Ewenki", "鄂温克族" }, { "Deang", "德昂族" }, { "Bonan", "保安族" },
	{ "Yugur", "裕固族" }, { "Gin", "京族" }, { "Tatar", "塔塔尔族" },
	{ "Derung", "独龙族" }, { "Oroqen", "鄂伦春族" }, { "Hezhen", "赫哲族" },
	{ "Monba", "门巴族" }, { "Lhoba", "珞巴族" }, { "Jino", "基诺族" },
};

static const struct nation_text nation_other = { "other", "其他" };
static const struct nation_text nation_foreign = {
	"foreign origin", "外国血统中国籍人士"
};

int sscardi_nation_names(int code, char *en, size_t en_size, char *zh,
			 size_t zh_size)
{
	const struct nation_text *t;

	if (code >= 1 && code <= 56)
		t = &nations[code - 1];
	else if (code == 97)
		t = &nation_other;
	else if (code == 98)
		t = &nation_foreign;
	else
		return SSCARD_E_CARD_DATA;
	put_text(en, en_size, t->nation_en, sizeof(t->nation_en));
	put_text(zh, zh_size, t->nation_zh, sizeof(t->nation_zh));
	return 0;
}

static int char_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return -1;
}

int sscardi_cardno_check(const char *number)
{
	static const int weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0, i, v;
	char expect;

	if (number == NULL || strlen(number) < 9)
		return 0;
	for (i = 0; i < 8; i++) {
		v = char_value(number[i]);
		if (v < 0)
			return 0;
		sum += v * weights[i];
	}
	v = 11 - sum % 11;
	expect = v == 10 ? 'X' : v == 11 ? '0' : (char)('0' + v);
	return number[8] == expect;
}
