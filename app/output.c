/*
 * JSON writers for libsscard's results (see output.h).  Values never
 * depend on the locale: codes, with English and Chinese names side by side.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "output.h"

/* sscard-info's message ids (tools/sscard-info/po): the JSON keeps the
 * English, the human output translates it */
#define N_(text) text

json_object *out_root(void)
{
	json_object *root = json_object_new_object();

	json_object_object_add(root, "schema", json_object_new_int(OUT_SCHEMA));
	return root;
}

/* The length of the UTF-8 character at s (1..4), or 0 when s does not
 * start one (a stray byte, an overlong form, a surrogate, past U+10FFFF,
 * cut short). */
static size_t utf8_char(const unsigned char *s)
{
	unsigned c = s[0], min, cp;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2, min = 0x80, cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, min = 0x800, cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, min = 0x10000, cp = c & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

json_object *out_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	json_object *j;
	char *fixed;
	size_t i, n, len = strlen(s);

	for (i = 0; i < len; i += n) {
		n = utf8_char(p + i);
		if (n == 0)
			break;
	}
	if (i >= len)
		return json_object_new_string(s);
	/* text from outside (pcscd's reader names, USB strings) that is not
	 * UTF-8: each stray byte becomes U+FFFD, the document stays valid */
	fixed = malloc(3 * len + 1);
	if (fixed == NULL)
		return NULL;
	for (i = 0, n = 0; i < len;) {
		size_t k = utf8_char(p + i);

		if (k == 0) {
			memcpy(fixed + n, "\xEF\xBF\xBD", 3);
			n += 3;
			i++;
		} else {
			memcpy(fixed + n, p + i, k);
			n += k;
			i += k;
		}
	}
	fixed[n] = '\0';
	j = json_object_new_string(fixed);
	free(fixed);
	return j;
}

json_object *out_str(const char *s)
{
	return s != NULL && s[0] != '\0' ? out_utf8(s) : NULL;
}

json_object *out_hex(const unsigned char *b, size_t n)
{
	char buf[2 * 64 + 1];
	size_t i;

	if (n == 0 || n > 64)
		return NULL;
	for (i = 0; i < n; i++)
		snprintf(buf + 2 * i, 3, "%02X", b[i]);
	return json_object_new_string(buf);
}

json_object *out_error(int err, unsigned sw, const char *field)
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
	json_object_object_add(e, "field", out_str(field));
	return e;
}

json_object *out_failed(int err, unsigned sw, const char *field)
{
	json_object *part = json_object_new_object();

	json_object_object_add(part, "error", out_error(err, sw, field));
	return part;
}

json_object *out_error_doc(const char *reader, int err, unsigned sw,
			   const char *field, const char *message)
{
	json_object *root = out_root(), *e = out_error(err, sw, field);

	if (message != NULL)
		json_object_object_add(e, "message",
				       json_object_new_string(message));
	if (reader != NULL)
		json_object_object_add(root, "reader", out_utf8(reader));
	json_object_object_add(root, "error", e);
	return root;
}

/* {"en": ..., "zh": ...}, or null when the card has no such field */
static json_object *names(const char *en, const char *zh)
{
	json_object *j;

	if (en == NULL || en[0] == '\0')
		return NULL;
	j = json_object_new_object();
	json_object_object_add(j, "en", json_object_new_string(en));
	json_object_object_add(j, "zh", json_object_new_string(zh));
	return j;
}

static const char *algorithm_name(int alg)
{
	switch (alg) {
	case SSCARD_ALG_3DES: return "3des";
	case SSCARD_ALG_SSF33: return "ssf33";
	case SSCARD_ALG_SM4: return "sm4";
	default: return NULL;
	}
}

static json_object *holder(const struct sscard_basic *b)
{
	json_object *h;
	char code[4];

	if (b->holder_status != 0)
		return out_failed(b->holder_status, b->holder_sw,
				  b->error_field);
	h = json_object_new_object();
	json_object_object_add(h, "ssn", out_str(b->ssn));
	json_object_object_add(h, "name", out_str(b->name));
	code[0] = b->sex;
	code[1] = '\0';
	json_object_object_add(h, "sex", out_str(code));
	json_object_object_add(h, "sex_name", names(b->sex_en, b->sex_zh));
	code[0] = '\0';
	if (b->nation >= 0)
		snprintf(code, sizeof(code), "%02d", b->nation % 100);
	json_object_object_add(h, "nation", out_str(code));
	json_object_object_add(h, "nation_name",
			       names(b->nation_en, b->nation_zh));
	json_object_object_add(h, "birth_date", out_str(b->birth_date));
	json_object_object_add(h, "birthplace", out_str(b->birthplace));
	return h;
}

void out_basic(json_object *root, const char *reader,
	       const struct sscard_basic *b)
{
	json_object *card = json_object_new_object();

	json_object_object_add(root, "reader", out_str(reader));
	json_object_object_add(root, "atr", out_hex(b->atr, b->atr_len));
	json_object_object_add(root, "region", out_str(b->region));
	json_object_object_add(card, "id_code", out_str(b->id_code));
	json_object_object_add(card, "type", out_str(b->card_type));
	json_object_object_add(card, "version", out_str(b->version));
	json_object_object_add(card, "issuer", out_str(b->issuer));
	json_object_object_add(card, "issued", out_str(b->issued));
	json_object_object_add(card, "expires", out_str(b->expires));
	json_object_object_add(card, "number", out_str(b->number));
	json_object_object_add(card, "expired",
			       json_object_new_boolean(b->expired));
	json_object_object_add(card, "temporary",
			       json_object_new_boolean(b->temporary));
	json_object_object_add(card, "number_check_ok",
			       json_object_new_boolean(b->number_check_ok));
	json_object_object_add(card, "test_card",
			       json_object_new_boolean(b->test_card));
	json_object_object_add(card, "algorithm",
			       out_str(algorithm_name(b->algorithm)));
	json_object_object_add(root, "card", card);
	json_object_object_add(root, "holder", holder(b));
}

json_object *out_pin(const struct sscard_pin_info *pin)
{
	static const char *states[] = { "unknown", "not_verified", "verified",
					"locked" };
	json_object *p = json_object_new_object();

	json_object_object_add(p, "state", json_object_new_string(
		states[pin->state >= 0 && pin->state <= 3 ? pin->state : 0]));
	json_object_object_add(p, "tries_left", pin->tries_left >= 0
		? json_object_new_int(pin->tries_left) : NULL);
	return p;
}

json_object *out_medical(const struct sscard_medical *m)
{
	json_object *j = json_object_new_object();
	char yuan[32];

	sscard_format_yuan(m->balance_fen, yuan, sizeof(yuan));
	json_object_object_add(j, "balance_fen",
			       json_object_new_int64(m->balance_fen));
	json_object_object_add(j, "balance_yuan", json_object_new_string(yuan));
	json_object_object_add(j, "updated", out_str(m->updated));
	json_object_object_add(j, "category", out_str(m->category));
	json_object_object_add(j, "profile", out_str(m->profile));
	return j;
}

static json_object *amount(int64_t fen)
{
	return fen >= 0 ? json_object_new_int64(fen) : NULL;
}

static json_object *count(int n)
{
	return n >= 0 ? json_object_new_int(n) : NULL;
}

json_object *out_bank(const struct sscard_bank *b)
{
	json_object *j = json_object_new_object();

	json_object_object_add(j, "label", out_str(b->label));
	json_object_object_add(j, "aid", out_str(b->aid));
	json_object_object_add(j, "pan", out_str(b->pan));
	json_object_object_add(j, "pan_check_ok",
			       json_object_new_boolean(b->pan_check_ok));
	json_object_object_add(j, "pan_seq", out_str(b->pan_seq));
	json_object_object_add(j, "effective", out_str(b->effective));
	json_object_object_add(j, "expires", out_str(b->expires));
	json_object_object_add(j, "holder_name", out_str(b->holder_name));
	json_object_object_add(j, "holder_id", out_str(b->holder_id));
	json_object_object_add(j, "holder_id_type", count(b->holder_id_type));
	json_object_object_add(j, "ec_balance_fen", amount(b->ec_balance_fen));
	json_object_object_add(j, "ec_limit_fen", amount(b->ec_limit_fen));
	json_object_object_add(j, "pin_tries_left", count(b->pin_tries_left));
	json_object_object_add(j, "atc", count(b->atc));
	return j;
}

json_object *out_readers(const struct sscard_reader *r, size_t n)
{
	static const char *states[] = { "empty", "present", "in_use", "mute",
					"unknown" };
	json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++) {
		json_object *j = json_object_new_object();

		json_object_object_add(j, "index", json_object_new_int((int)i));
		json_object_object_add(j, "name",
				       out_utf8(r[i].name));
		json_object_object_add(j, "state", json_object_new_string(
			states[r[i].state <= 4 ? r[i].state : 4]));
		json_object_object_add(j, "atr",
				       out_hex(r[i].atr, r[i].atr_len));
		json_object_array_add(arr, j);
	}
	return arr;
}

json_object *out_pcsc(const struct sscard_pcsc_info *p)
{
	json_object *j = json_object_new_object();

	json_object_object_add(j, "socket", json_object_new_string(p->socket));
	json_object_object_add(j, "socket_exists",
			       json_object_new_boolean(p->socket_exists));
	json_object_object_add(j, "reachable",
			       json_object_new_boolean(p->context == 0));
	if (p->context != 0)
		json_object_object_add(j, "error",
				       out_error(p->context, 0, NULL));
	return j;
}

const char *out_usb_verdict(const struct sscard_usb_device *d)
{
	if (!d->ccid)
		return N_("vendor-protocol reader: needs the vendor's driver, not PC/SC");
	if (d->mode == 0)
		return N_("CCID reader; device node not found");
	if ((d->mode & 06) == 06 || strcmp(d->group, "pcscd") == 0)
		return N_("CCID reader; pcscd can open it");
	if (strcmp(d->owner, "root") == 0 && (d->mode & 060) != 060)
		return N_("CCID reader; only root can open it (pcscd as root "
			  "is fine; for the user at the seat install "
			  "udev/60-libsscard.rules)");
	return N_("CCID reader");
}

json_object *out_usb(const struct sscard_usb_device *d)
{
	json_object *j = json_object_new_object();
	char id[16], mode[8];

	snprintf(id, sizeof(id), "%04X:%04X", d->vid, d->pid);
	snprintf(mode, sizeof(mode), "%04o", d->mode);
	json_object_object_add(j, "id", json_object_new_string(id));
	json_object_object_add(j, "vendor", out_str(d->vendor));
	json_object_object_add(j, "product", out_str(d->product));
	json_object_object_add(j, "ccid", json_object_new_boolean(d->ccid));
	json_object_object_add(j, "known_model", out_str(d->model));
	json_object_object_add(j, "node", out_str(d->node));
	json_object_object_add(j, "mode",
			       d->mode ? json_object_new_string(mode) : NULL);
	json_object_object_add(j, "owner", out_str(d->owner));
	json_object_object_add(j, "group", out_str(d->group));
	json_object_object_add(j, "user_access",
			       json_object_new_boolean(d->user_access));
	json_object_object_add(j, "verdict",
			       json_object_new_string(out_usb_verdict(d)));
	return j;
}

const char *out_text(json_object *obj)
{
	return json_object_to_json_string_ext(obj,
		JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
}

void out_print(FILE *f, json_object *obj)
{
	fprintf(f, "%s\n", out_text(obj));
}

json_object *out_stats(const struct sscard_stats *card,
		       const struct sscard_stats *psam)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "apdus",
			       json_object_new_uint64(card->apdus));
	json_object_object_add(o, "psam_apdus",
			       json_object_new_uint64(psam->apdus));
	json_object_object_add(o, "bytes_out",
			       json_object_new_uint64(card->bytes_out));
	json_object_object_add(o, "bytes_in",
			       json_object_new_uint64(card->bytes_in));
	json_object_object_add(o, "remembered",
			       json_object_new_uint64(card->remembered));
	json_object_object_add(o, "mute", json_object_new_uint64(card->mute));
	json_object_object_add(o, "pin_guarded",
			       json_object_new_uint64(card->pin_guarded));
	json_object_object_add(o, "transmit_ms", json_object_new_double(
		(double)(card->usec + psam->usec) / 1000.0));
	return o;
}

json_object *out_auth(const struct sscard_auth *auth)
{
	static const char *methods[] = { NULL, "psam", "hsm", "keyfile" };
	static const char *algs[] = { NULL, "3des", "ssf33", "sm4" };
	json_object *j = json_object_new_object();
	int alg = auth->algorithm, method = auth->method;

	json_object_object_add(j, "genuine",
			       json_object_new_boolean(auth->genuine));
	json_object_object_add(j, "algorithm", out_str(
		alg >= 1 && alg <= 3 ? algs[alg] : NULL));
	json_object_object_add(j, "method", out_str(
		method >= 1 && method <= 3 ? methods[method] : NULL));
	return j;
}

json_object *out_photo(const unsigned char *jpeg, size_t len)
{
	json_object *j;
	char *text;

	/* a photo file is at most 64 KiB (CARD.md); int is EVP's length */
	if (jpeg == NULL || len == 0 || len > 0x100000)
		return NULL;
	text = malloc(4 * ((len + 2) / 3) + 1);
	if (text == NULL)
		return NULL;
	EVP_EncodeBlock((unsigned char *)text, jpeg, (int)len);
	j = json_object_new_object();
	json_object_object_add(j, "bytes", json_object_new_int64((int64_t)len));
	json_object_object_add(j, "base64", json_object_new_string(text));
	free(text);
	return j;
}

json_object *out_event(const struct sscard_event *ev)
{
	static const char *names[] = { NULL, "inserted", "removed",
				       "reader_added", "reader_removed" };
	json_object *j = out_root();
	int type = ev->type;

	json_object_object_add(j, "event", out_str(
		type >= 1 && type <= 4 ? names[type] : NULL));
	json_object_object_add(j, "reader", out_str(ev->reader));
	if (type == SSCARD_EVENT_CARD_INSERTED &&
	    ev->atr_len <= sizeof(ev->atr))
		json_object_object_add(j, "atr", out_hex(ev->atr, ev->atr_len));
	return j;
}

/* json-c keeps each string it parsed in its tokener's buffer as well:
 * wiped before it is freed (the buffer is in the public struct) */
void tokener_wipe_free(json_tokener *tok)
{
	if (tok == NULL)
		return;
	if (tok->pb != NULL && tok->pb->buf != NULL && tok->pb->size > 0)
		sscard_cleanse(tok->pb->buf, (size_t)tok->pb->size);
	json_tokener_free(tok);
}
