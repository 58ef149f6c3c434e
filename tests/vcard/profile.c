/*
 * Virtual card profiles: one text file per card, one directive per line.
 * The format is documented in tests/vcard/profiles/README.md.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcard.h"

struct parser {
	int depth;                  /* include nesting */
	const char *path;
	int line;
	char *err;
	size_t err_len;
	struct vcard *vc;
};

static int fail(struct parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct parser *ps, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(ps->err, ps->err_len, "%s:%d: %s", ps->path, ps->line, msg);
	return -1;
}

static char *token(char **p)
{
	char *s = *p, *start;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	start = s;
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s++;
	if (*s != '\0')
		*s++ = '\0';
	*p = s;
	return start;
}

static char *rest(char **p)
{
	char *s = *p;

	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int hex_decode(const char *hex, uint8_t *out, size_t max, size_t *len)
{
	size_t n = 0;
	unsigned v;

	while (*hex != '\0') {
		if (*hex == ' ' || *hex == ':') {
			hex++;
			continue;
		}
		if (!isxdigit((unsigned char)hex[0]) ||
		    !isxdigit((unsigned char)hex[1]) || n >= max)
			return -1;
		sscanf(hex, "%2x", &v);
		out[n++] = (uint8_t)v;
		hex += 2;
	}
	*len = n;
	return 0;
}

static int find_df(const struct vcard *vc, const char *name)
{
	int i;

	for (i = 0; i < vc->ndf; i++)
		if (strcmp(vc->dfs[i].name, name) == 0)
			return i;
	return -1;
}

static int find_ef(const struct vcard *vc, const char *path)
{
	const char *slash = strchr(path, '/');
	int df, i;
	char dfname[16];

	if (slash == NULL || (size_t)(slash - path) >= sizeof(dfname))
		return -1;
	memcpy(dfname, path, (size_t)(slash - path));
	dfname[slash - path] = '\0';
	df = find_df(vc, dfname);
	for (i = 0; df >= 0 && i < vc->nef; i++)
		if (vc->efs[i].df == df && strcmp(vc->efs[i].name, slash + 1) == 0)
			return i;
	return -1;
}

static int yes_no(struct parser *ps, const char *v, int *out)
{
	if (v != NULL && strcmp(v, "yes") == 0)
		*out = 1;
	else if (v != NULL && strcmp(v, "no") == 0)
		*out = 0;
	else
		return fail(ps, "expected yes or no");
	return 0;
}

static int utf8_to_gb18030(const char *in, uint8_t *out, size_t max,
			   size_t *len)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	char *src = (char *)(uintptr_t)in, *dst = (char *)out;
	size_t src_left = strlen(in), dst_left = max;
	int rv = 0;

	if (cd == (iconv_t)-1)
		return -1;
	if (iconv(cd, &src, &src_left, &dst, &dst_left) == (size_t)-1)
		rv = -1;
	iconv_close(cd);
	*len = max - dst_left;
	return rv;
}

/* VALUE: "hex HEX", "an[/LEN] TEXT", "gb/LEN TEXT", "cn/LEN DIGITS" */
static int parse_value(struct parser *ps, char **p, uint8_t *val,
		       size_t *len)
{
	char *kind = token(p), *text, *slash;
	size_t fixed = 0, n = 0, i;

	if (kind == NULL)
		return fail(ps, "missing value");
	slash = strchr(kind, '/');
	if (slash != NULL) {
		*slash = '\0';
		fixed = strtoul(slash + 1, NULL, 10);
		if (fixed == 0 || fixed > 255)
			return fail(ps, "bad fixed length");
	}
	text = rest(p);
	if (strcmp(kind, "hex") == 0) {
		if (hex_decode(text, val, 255, &n) < 0)
			return fail(ps, "bad hex");
	} else if (strcmp(kind, "an") == 0) {
		n = strlen(text);
		if (n > 255)
			return fail(ps, "text too long");
		memcpy(val, text, n);
	} else if (strcmp(kind, "gb") == 0) {
		if (utf8_to_gb18030(text, val, 255, &n) < 0)
			return fail(ps, "text not convertible to GB18030");
	} else if (strcmp(kind, "cn") == 0) {
		size_t digits = strlen(text);

		if (fixed == 0 || digits > 2 * fixed)
			return fail(ps, "cn needs /LEN and at most 2*LEN digits");
		memset(val, 0xFF, fixed);
		for (i = 0; i < digits; i++) {
			uint8_t d;

			if (!isdigit((unsigned char)text[i]))
				return fail(ps, "cn takes digits");
			d = (uint8_t)(text[i] - '0');
			if (i & 1)
				val[i / 2] = (uint8_t)((val[i / 2] & 0xF0) | d);
			else
				val[i / 2] = (uint8_t)((d << 4) | 0x0F);
		}
		n = fixed;
	} else {
		return fail(ps, "unknown value kind '%s'", kind);
	}
	if (fixed != 0) {
		if (n > fixed)
			return fail(ps, "value longer than %zu bytes", fixed);
		memset(val + n, 0x00, fixed - n);
		n = fixed;
	}
	*len = n;
	return 0;
}

static int parse_df(struct parser *ps, char **p)
{
	struct vcard *vc = ps->vc;
	struct vcard_df *df;
	char *name = token(p), *key, *arg;
	size_t n;

	if (name == NULL || strlen(name) >= sizeof(df->name))
		return fail(ps, "df needs a short name");
	if (find_df(vc, name) >= 0) {
		/* a variant changes a DF its include defined */
		df = &vc->dfs[find_df(vc, name)];
	} else {
		if (vc->ndf >= VCARD_MAX_DF)
			return fail(ps, "too many DFs");
		df = &vc->dfs[vc->ndf++];
		memset(df, 0, sizeof(*df));
		strcpy(df->name, name);
		df->parent = -1;
		df->select_sw = 0x9000;
	}
	while ((key = token(p)) != NULL) {
		if (strcmp(key, "ssse") == 0) {
			df->ssse = 1;
			continue;
		}
		if (strcmp(key, "absent") == 0) {
			/* nothing selects it any more */
			df->aid_len = 0;
			df->fid = 0;
			continue;
		}
		arg = token(p);
		if (arg == NULL)
			return fail(ps, "'%s' needs a value", key);
		if (strcmp(key, "aid") == 0) {
			if (hex_decode(arg, df->aid, sizeof(df->aid), &df->aid_len))
				return fail(ps, "bad aid");
		} else if (strcmp(key, "fid") == 0) {
			df->fid = (uint16_t)strtoul(arg, NULL, 16);
		} else if (strcmp(key, "parent") == 0) {
			df->parent = find_df(vc, arg);
			if (df->parent < 0)
				return fail(ps, "unknown parent %s", arg);
		} else if (strcmp(key, "fci") == 0) {
			if (hex_decode(arg, df->fci, sizeof(df->fci), &df->fci_len))
				return fail(ps, "bad fci");
		} else if (strcmp(key, "status") == 0) {
			uint8_t sw[2];

			if (hex_decode(arg, sw, 2, &n) || n != 2)
				return fail(ps, "status is 2 bytes");
			df->select_sw = (uint16_t)(sw[0] << 8 | sw[1]);
		} else {
			return fail(ps, "unknown df key '%s'", key);
		}
	}
	return 0;
}

/* none, pin, auth[=KEYID], pin+auth[=KEYID]; "auth" names RKSSSE's card
 * key 0A and "pin+auth" RK1DF04's 84 unless a key id is given */
static int parse_access(const char *v, uint8_t *key)
{
	const char *eq = strchr(v, '=');
	size_t n = eq ? (size_t)(eq - v) : strlen(v);

	if (eq != NULL)
		*key = (uint8_t)strtoul(eq + 1, NULL, 16);
	if (n == 4 && strncmp(v, "none", n) == 0 && eq == NULL)
		return VCARD_ACC_NONE;
	if (n == 3 && strncmp(v, "pin", n) == 0 && eq == NULL)
		return VCARD_ACC_PIN;
	if (n == 4 && strncmp(v, "auth", n) == 0) {
		if (eq == NULL)
			*key = 0x0A;
		return VCARD_ACC_AUTH;
	}
	if (n == 8 && strncmp(v, "pin+auth", n) == 0) {
		if (eq == NULL)
			*key = 0x84;
		return VCARD_ACC_PIN_AUTH;
	}
	return -1;
}

static int parse_alg(const char *v)
{
	if (v != NULL && strcmp(v, "sm4") == 0)
		return VCARD_ALG_SM4;
	if (v != NULL && strcmp(v, "3des") == 0)
		return VCARD_ALG_3DES;
	return -1;
}

/* key ID ALG MASTER LEVELS [TRIES] | intkey ALG MASTER |
 * psamkey USAGE INDEX ALG MASTER */
static int parse_key(struct parser *ps, char **p, int kind)
{
	struct vcard *vc = ps->vc;
	char *a = token(p), *b = token(p), *c = token(p), *d = token(p);
	char *e = token(p);
	uint8_t master[16];
	size_t n;
	int i;

	if (kind == 'i' || kind == 'r') {
		struct vcard_key *k = kind == 'i' ? &vc->intkey : &vc->reloadkey;

		if (parse_alg(a) < 0 || b == NULL ||
		    hex_decode(b, master, 16, &n) || n != 16)
			return fail(ps, "intkey / reloadkey ALG MASTER(32 hex)");
		k->alg = parse_alg(a);
		memcpy(k->master, master, 16);
		k->levels = kind == 'i' ? 1 : 2;
		if (kind == 'i')
			vc->has_intkey = 1;
		else
			vc->has_reloadkey = 1;
		return 0;
	}
	if (kind == 'p') {
		struct vcard_psam_key *k = &vc->psam_keys[vc->npsam_keys];

		if (vc->npsam_keys >= VCARD_MAX_KEY || a == NULL || b == NULL ||
		    parse_alg(c) < 0 || d == NULL ||
		    hex_decode(d, master, 16, &n) || n != 16)
			return fail(ps, "psamkey USAGE INDEX ALG MASTER(32 hex)");
		k->usage = (uint8_t)strtoul(a, NULL, 16);
		k->index = (uint8_t)strtoul(b, NULL, 16);
		k->alg = parse_alg(c);
		memcpy(k->master, master, 16);
		vc->npsam_keys++;
		return 0;
	}
	if (vc->nkeys >= VCARD_MAX_KEY || a == NULL || parse_alg(b) < 0 ||
	    c == NULL || hex_decode(c, master, 16, &n) || n != 16 || d == NULL)
		return fail(ps, "key ID ALG MASTER(32 hex) LEVELS [TRIES]");
	for (i = 0; i < vc->nkeys; i++)     /* a variant replaces a key */
		if (vc->keys[i].id == (uint8_t)strtoul(a, NULL, 16))
			break;
	if (i < vc->nkeys)
		vc->keys[i] = vc->keys[--vc->nkeys];
	vc->keys[vc->nkeys].id = (uint8_t)strtoul(a, NULL, 16);
	vc->keys[vc->nkeys].alg = parse_alg(b);
	memcpy(vc->keys[vc->nkeys].master, master, 16);
	vc->keys[vc->nkeys].levels = atoi(d);
	vc->keys[vc->nkeys].max = e ? atoi(e) : 5;
	vc->keys[vc->nkeys].tries = vc->keys[vc->nkeys].max;
	if (vc->keys[vc->nkeys].levels < 1 || vc->keys[vc->nkeys].levels > 3 ||
	    vc->keys[vc->nkeys].max < 1 || vc->keys[vc->nkeys].max > 15)
		return fail(ps, "key levels 1..3, tries 1..15");
	vc->nkeys++;
	return 0;
}

static int parse_ef_keys(struct parser *ps, char **p, struct vcard_ef *ef);

static int parse_ef(struct parser *ps, char **p)
{
	struct vcard *vc = ps->vc;
	struct vcard_ef *ef;
	char *dfname = token(p), *name = token(p);
	int df = dfname ? find_df(vc, dfname) : -1, i;

	if (df < 0 || name == NULL || strlen(name) >= sizeof(ef->name))
		return fail(ps, "ef needs a known DF and a short name");
	for (i = 0; i < vc->nef; i++) {
		if (vc->efs[i].df == df && strcmp(vc->efs[i].name, name) == 0)
			return parse_ef_keys(ps, p, &vc->efs[i]);
	}
	if (vc->nef >= VCARD_MAX_EF)
		return fail(ps, "too many EFs");
	ef = &vc->efs[vc->nef];
	memset(ef, 0, sizeof(*ef));
	strcpy(ef->name, name);
	ef->df = df;
	vc->nef++;
	return parse_ef_keys(ps, p, ef);
}

static int parse_ef_keys(struct parser *ps, char **p, struct vcard_ef *ef)
{
	char *key, *arg;

	while ((key = token(p)) != NULL) {
		if (strcmp(key, "binary") == 0) {
			ef->binary = 1;
			continue;
		}
		arg = token(p);
		if (arg == NULL)
			return fail(ps, "'%s' needs a value", key);
		if (strcmp(key, "fid") == 0) {
			ef->fid = (uint16_t)strtoul(arg, NULL, 16);
		} else if (strcmp(key, "sfi") == 0) {
			ef->sfi = (uint8_t)strtoul(arg, NULL, 10);
			if (ef->sfi == 0 || ef->sfi > 30)
				return fail(ps, "sfi is 1..30");
		} else if (strcmp(key, "access") == 0) {
			ef->access = parse_access(arg, &ef->auth_key);
			if (ef->access < 0)
				return fail(ps, "access is none, pin, auth[=ID] or pin+auth[=ID]");
		} else {
			return fail(ps, "unknown ef key '%s'", key);
		}
	}
	return 0;
}

static struct vcard_rec *new_rec(struct parser *ps, char **p)
{
	struct vcard *vc = ps->vc;
	struct vcard_rec *r, *grown;
	char *path = token(p), *recno = token(p);
	int ef = path ? find_ef(vc, path) : -1;

	if (ef < 0 || recno == NULL || vc->efs[ef].binary) {
		fail(ps, "record needs a known record EF (DF/EF) and a number");
		return NULL;
	}
	if (vc->nrec >= VCARD_MAX_REC) {
		fail(ps, "too many records");
		return NULL;
	}
	grown = realloc(vc->recs, (size_t)(vc->nrec + 1) * sizeof(*grown));
	if (grown == NULL) {
		fail(ps, "out of memory");
		return NULL;
	}
	vc->recs = grown;
	r = &vc->recs[vc->nrec];
	memset(r, 0, sizeof(*r));
	r->ef = ef;
	r->recno = strcmp(recno, "-") == 0 ? 0 : atoi(recno);
	return r;
}

static int parse_rec(struct parser *ps, char **p, int raw)
{
	struct vcard_rec *r = new_rec(ps, p);
	char *tag;
	size_t n;
	int i;

	if (r == NULL)
		return -1;
	if (raw) {
		if (hex_decode(rest(p), r->val, sizeof(r->val), &n) || n < 2)
			return fail(ps, "raw record is hex, 2..255 bytes");
		r->raw = 1;
		r->tag = r->val[0];
		r->len = (uint8_t)n;
	} else {
		tag = token(p);
		if (tag == NULL)
			return fail(ps, "record needs a tag");
		r->tag = (uint8_t)strtoul(tag, NULL, 16);
		if (parse_value(ps, p, r->val, &n) < 0)
			return -1;
		if (n > 253)
			return fail(ps, "record value too long");
		r->len = (uint8_t)n;
	}
	/* a later definition of the same record (an include's variant)
	 * replaces the earlier one */
	for (i = 0; i < ps->vc->nrec; i++) {
		struct vcard_rec *o = &ps->vc->recs[i];

		if (o->ef == r->ef && o->tag == r->tag && o->recno == r->recno) {
			*o = *r;
			return 0;
		}
	}
	ps->vc->nrec++;
	return 0;
}

/* "answer DF/EF TAG HEX": what READ RECORD by identifier TAG answers,
 * verbatim (for malformed-record tests) */
static int parse_answer(struct parser *ps, char **p)
{
	struct vcard *vc = ps->vc;
	char *path = token(p), *tag = token(p);
	int ef = path ? find_ef(vc, path) : -1;
	struct vcard_rec *r, *grown;
	size_t n;

	if (ef < 0 || tag == NULL || vc->nrec >= VCARD_MAX_REC)
		return fail(ps, "answer DF/EF TAG HEX");
	grown = realloc(vc->recs, (size_t)(vc->nrec + 1) * sizeof(*grown));
	if (grown == NULL)
		return fail(ps, "out of memory");
	vc->recs = grown;
	r = &vc->recs[vc->nrec];
	memset(r, 0, sizeof(*r));
	r->ef = ef;
	r->tag = (uint8_t)strtoul(tag, NULL, 16);
	if (hex_decode(rest(p), r->val, sizeof(r->val), &n) || n < 1)
		return fail(ps, "bad answer hex");
	r->len = (uint8_t)n;
	r->raw = 1;
	vc->nrec++;
	return 0;
}

static int load_file(const char *path, uint8_t *out, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return -1;
	*len = fread(out, 1, max, f);
	fclose(f);
	return 0;
}

static int parse_bin(struct parser *ps, char **p)
{
	struct vcard *vc = ps->vc;
	char *path = token(p), *size = token(p), *kind = token(p);
	int ef = path ? find_ef(vc, path) : -1;
	size_t n = 0, total;
	char file[1024];
	const char *slash;

	if (ef < 0 || !vc->efs[ef].binary || size == NULL || kind == NULL)
		return fail(ps, "bin needs a binary EF, a size and content");
	total = strtoul(size, NULL, 10);
	if (total == 0 || total > 65535)
		return fail(ps, "bin size is 1..65535");
	free(vc->efs[ef].bin);
	vc->efs[ef].bin = calloc(1, total);
	if (vc->efs[ef].bin == NULL)
		return fail(ps, "out of memory");
	vc->efs[ef].bin_len = total;
	if (strcmp(kind, "file") == 0) {
		char *name = rest(p);

		slash = strrchr(ps->path, '/');
		snprintf(file, sizeof(file), "%.*s%s",
			 slash ? (int)(slash - ps->path + 1) : 0, ps->path, name);
		if (load_file(file, vc->efs[ef].bin, total, &n) < 0)
			return fail(ps, "cannot read %s", file);
	} else if (strcmp(kind, "hex") == 0) {
		if (hex_decode(rest(p), vc->efs[ef].bin, total, &n))
			return fail(ps, "bad hex or longer than size");
	} else {
		return fail(ps, "bin content is 'file PATH' or 'hex HEX'");
	}
	return 0;
}

static int parse_dfdata(struct parser *ps, char **p, int gpo)
{
	struct vcard *vc = ps->vc;
	char *name = token(p);
	int df = name ? find_df(vc, name) : -1;
	struct vcard_df *d;
	size_t n;

	if (df < 0)
		return fail(ps, "unknown DF");
	d = &vc->dfs[df];
	if (gpo) {
		if (hex_decode(rest(p), d->gpo, sizeof(d->gpo), &d->gpo_len))
			return fail(ps, "bad gpo hex");
		return 0;
	} else {
		char *tag = token(p);
		struct vcard_do *o;

		if (tag == NULL || d->ndo >= VCARD_MAX_DO)
			return fail(ps, "data needs a tag (and room)");
		o = &d->dos[d->ndo];
		o->tag = (uint16_t)strtoul(tag, NULL, 16);
		if (hex_decode(rest(p), o->val, sizeof(o->val), &n))
			return fail(ps, "bad data hex");
		o->len = (uint8_t)n;
		d->ndo++;
	}
	return 0;
}

static int parse_pin(struct parser *ps, char **p)
{
	struct vcard *vc = ps->vc;
	char *pin = token(p), *max = token(p), *left = token(p);
	size_t i, n = pin ? strlen(pin) : 0;

	if (n < 4 || n > 12 || max == NULL)
		return fail(ps, "pin DIGITS MAX [LEFT]");
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)pin[i]))
			return fail(ps, "pin takes digits");
	strcpy(vc->pin, pin);
	vc->pin_max = atoi(max);
	vc->tries = left ? atoi(left) : vc->pin_max;
	if (vc->pin_max < 1 || vc->pin_max > 15 || vc->tries < 0 ||
	    vc->tries > vc->pin_max)
		return fail(ps, "pin tries out of range");
	return 0;
}

static int parse_include(struct parser *ps, const char *name);
static int parse_drop(struct parser *ps, char **p);
static int parse_answer(struct parser *ps, char **p);

static int parse_line(struct parser *ps, char *line)
{
	struct vcard *vc = ps->vc;
	char *p = line, *key = token(&p), *v;
	size_t n;

	if (key == NULL || key[0] == '#')
		return 0;
	if (strcmp(key, "atr") == 0) {
		if (hex_decode(rest(&p), vc->atr, sizeof(vc->atr), &n) || n < 2)
			return fail(ps, "bad atr");
		vc->atr_len = n;
	} else if (strcmp(key, "protocol") == 0) {
		v = token(&p);
		if (v == NULL || (strcmp(v, "t0") && strcmp(v, "t1")))
			return fail(ps, "protocol is t0 or t1");
		vc->t0 = strcmp(v, "t0") == 0;
	} else if (strcmp(key, "sfi") == 0) {
		return yes_no(ps, token(&p), &vc->sfi_ok);
	} else if (strcmp(key, "tag-read") == 0) {
		return yes_no(ps, token(&p), &vc->tag_read);
	} else if (strcmp(key, "include") == 0) {
		return parse_include(ps, rest(&p));
	} else if (strcmp(key, "drop") == 0) {
		return parse_drop(ps, &p);
	} else if (strcmp(key, "pin-query") == 0) {
		return yes_no(ps, token(&p), &vc->pin_query);
	} else if (strcmp(key, "change-pin") == 0) {
		v = token(&p);
		if (v == NULL || (strcmp(v, "pboc") && strcmp(v, "iso")))
			return fail(ps, "change-pin is pboc or iso");
		vc->change_iso = strcmp(v, "iso") == 0;
	} else if (strcmp(key, "pin") == 0) {
		return parse_pin(ps, &p);
	} else if (strcmp(key, "df") == 0) {
		return parse_df(ps, &p);
	} else if (strcmp(key, "ef") == 0) {
		return parse_ef(ps, &p);
	} else if (strcmp(key, "rec") == 0) {
		return parse_rec(ps, &p, 0);
	} else if (strcmp(key, "raw") == 0) {
		return parse_rec(ps, &p, 1);
	} else if (strcmp(key, "answer") == 0) {
		return parse_answer(ps, &p);
	} else if (strcmp(key, "bin") == 0) {
		return parse_bin(ps, &p);
	} else if (strcmp(key, "gpo") == 0) {
		return parse_dfdata(ps, &p, 1);
	} else if (strcmp(key, "data") == 0) {
		return parse_dfdata(ps, &p, 0);
	} else if (strcmp(key, "key") == 0) {
		return parse_key(ps, &p, 'k');
	} else if (strcmp(key, "intkey") == 0) {
		return parse_key(ps, &p, 'i');
	} else if (strcmp(key, "reloadkey") == 0) {
		return parse_key(ps, &p, 'r');
	} else if (strcmp(key, "psamkey") == 0) {
		return parse_key(ps, &p, 'p');
	} else if (strcmp(key, "intauth-answer") == 0) {
		v = token(&p);
		if (v == NULL || (strcmp(v, "8") && strcmp(v, "16")))
			return fail(ps, "intauth-answer is 8 or 16 (bytes)");
		vc->intauth_len = (size_t)atoi(v);
	} else if (strcmp(key, "psam") == 0) {
		return yes_no(ps, token(&p), &vc->psam);
	} else if (strcmp(key, "termno") == 0) {
		if (hex_decode(rest(&p), vc->termno, sizeof(vc->termno), &n) ||
		    n != 6)
			return fail(ps, "termno takes 6 bytes of hex (BCD)");
	} else {
		return fail(ps, "unknown directive '%s'", key);
	}
	return 0;
}

static int parse_file(struct parser *ps)
{
	char line[2048];
	FILE *f;
	int rv = 0;

	f = fopen(ps->path, "r");
	if (f == NULL) {
		snprintf(ps->err, ps->err_len, "%s: %s", ps->path,
			 strerror(errno));
		return -1;
	}
	while (rv == 0 && fgets(line, sizeof(line), f) != NULL) {
		ps->line++;
		line[strcspn(line, "\r\n")] = '\0';
		rv = parse_line(ps, line);
	}
	fclose(f);
	return rv;
}

/* "include standard.card": a variant names its base, relative to itself */
static int parse_include(struct parser *ps, const char *name)
{
	struct parser sub = *ps;
	const char *slash = strrchr(ps->path, '/');
	char path[1024];

	if (ps->depth >= 4 || name[0] == '\0')
		return fail(ps, "include needs a file (nesting at most 4)");
	snprintf(path, sizeof(path), "%.*s%s",
		 slash ? (int)(slash - ps->path + 1) : 0, ps->path, name);
	sub.path = path;
	sub.line = 0;
	sub.depth = ps->depth + 1;
	return parse_file(&sub);
}

/* "drop DF/EF TAG": remove a record an include defined */
static int parse_drop(struct parser *ps, char **p)
{
	struct vcard *vc = ps->vc;
	char *path = token(p), *tag = token(p);
	int ef = path ? find_ef(vc, path) : -1, i;

	if (ef < 0 || tag == NULL)
		return fail(ps, "drop DF/EF TAG");
	for (i = 0; i < vc->nrec; i++) {
		if (vc->recs[i].ef == ef &&
		    vc->recs[i].tag == (uint8_t)strtoul(tag, NULL, 16)) {
			vc->recs[i] = vc->recs[vc->nrec - 1];
			vc->nrec--;
			return 0;
		}
	}
	return fail(ps, "no record %s to drop", tag);
}

int vcard_load(const char *path, struct vcard **out, char *err,
	       size_t err_len)
{
	struct parser ps = { 0, path, 0, err, err_len, NULL };
	int rv;

	*out = NULL;
	ps.vc = calloc(1, sizeof(*ps.vc));
	if (ps.vc == NULL) {
		snprintf(err, err_len, "out of memory");
		return -1;
	}
	ps.vc->t0 = 1;
	ps.vc->sfi_ok = 1;
	ps.vc->tag_read = 1;
	ps.vc->pin_query = 1;
	strcpy(ps.vc->pin, "123456");
	ps.vc->pin_max = ps.vc->tries = 3;
	rv = parse_file(&ps);
	if (rv == 0 && ps.vc->atr_len == 0) {
		ps.line = 0;
		rv = fail(&ps, "no atr");
	}
	if (rv < 0) {
		vcard_free(ps.vc);
		return -1;
	}
	vcard_reset(ps.vc);
	*out = ps.vc;
	return 0;
}

void vcard_free(struct vcard *vc)
{
	int i;

	if (vc == NULL)
		return;
	for (i = 0; i < vc->nef; i++)
		free(vc->efs[i].bin);
	free(vc->recs);
	free(vc);
}

int vcard_add_faults(struct vcard *vc, const char *spec)
{
	static const char *kinds[] = { "", "remove", "reset", "mute", "garbage",
				       "gone", "silent" };
	char buf[256], *save = NULL, *item;
	size_t spec_len = strlen(spec);
	int k;

	if (spec_len >= sizeof(buf))
		return -1;
	memcpy(buf, spec, spec_len + 1);
	for (item = strtok_r(buf, ",", &save); item != NULL;
	     item = strtok_r(NULL, ",", &save)) {
		char *at = strchr(item, '@');

		if (at == NULL || vc->nfaults >= 4)
			return -1;
		*at = '\0';
		for (k = 1; k <= VCARD_FAULT_SILENT; k++)
			if (strcmp(item, kinds[k]) == 0)
				break;
		if (k > VCARD_FAULT_SILENT)
			return -1;
		vc->faults[vc->nfaults].kind = k;
		vc->faults[vc->nfaults].after = (unsigned)strtoul(at + 1, NULL, 10);
		vc->nfaults++;
	}
	return 0;
}

int vcard_peek_fault(const struct vcard *vc)
{
	int i;

	for (i = 0; i < vc->nfaults; i++)
		if (vc->faults[i].after == vc->apdus)
			return vc->faults[i].kind;
	return VCARD_FAULT_NONE;
}

int vcard_next_fault(struct vcard *vc)
{
	int kind = vcard_peek_fault(vc);

	vc->apdus++;
	return kind;
}

int vcard_use_state_file(struct vcard *vc, const char *path)
{
	FILE *f;
	char pin[16];
	int tries;

	if (strlen(path) >= sizeof(vc->state_file))
		return -1;
	strcpy(vc->state_file, path);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;           /* written on the first change */
	if (fscanf(f, "pin %12s tries %d", pin, &tries) == 2 &&
	    tries >= 0 && tries <= vc->pin_max) {
		strcpy(vc->pin, pin);
		vc->tries = tries;
	}
	fclose(f);
	return 0;
}
