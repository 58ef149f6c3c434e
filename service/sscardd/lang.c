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
