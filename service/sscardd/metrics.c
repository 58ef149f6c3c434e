/*
 * The service's numbers, in the Prometheus text exposition format
 * (version 0.0.4): counters, gauges and one histogram, kept under one
 * lock because every thread adds to them.  A series is its family and
 * its labels; every label value comes from a fixed set (operations,
 * sscard_error_name(), the legacy function list, refusal reasons), never
 * from a caller or a card, so nothing personal can become a label.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sscardd.h"

#define SERIES_MAX 512
#define LABELS_LEN 160

enum family {
	F_BUILD,
	F_READS,
	F_DURATION,
	F_APDUS,
	F_MUTE,
	F_PIN_REFUSED,
	F_CARD_EVENTS,
	F_READER_PRESENT,
	F_PSAM_CONFIGURED,
	F_PSAM_PRESENT,
	F_PCSCD_UP,
	F_LEGACY,
	F_REFUSED,
	F_DROPPED,
	F_COUNT
};

static const struct {
	const char *name;
	const char *type;
	const char *help;
} families[F_COUNT] = {
	[F_BUILD] = { "sscard_build_info", "gauge",
		"sscardd and libsscard versions (always 1)" },
	[F_READS] = { "sscard_reads_total", "counter",
		"card operations answered, by operation and outcome "
		"(SSCARD_OK or the SSCARD_E_* name)" },
	[F_DURATION] = { "sscard_operation_duration_seconds", "histogram",
		"time a card operation took in the card thread" },
	[F_APDUS] = { "sscard_apdus_total", "counter",
		"command APDUs sent, by device (card, psam)" },
	[F_MUTE] = { "sscard_mute_exchanges_total", "counter",
		"exchanges a card still in the reader did not answer" },
	[F_PIN_REFUSED] = { "sscard_pin_refused_total", "counter",
		"PIN operations stopped before the PIN was sent (last try, "
		"tries unknown)" },
	[F_CARD_EVENTS] = { "sscard_card_events_total", "counter",
		"cards inserted and removed" },
	[F_READER_PRESENT] = { "sscard_reader_present", "gauge",
		"1 when the reader of this role is attached" },
	[F_PSAM_CONFIGURED] = { "sscard_psam_configured", "gauge",
		"1 when the configuration names a PSAM reader" },
	[F_PSAM_PRESENT] = { "sscard_psam_present", "gauge",
		"1 when the last key lookup found a PSAM" },
	[F_PCSCD_UP] = { "sscard_pcscd_up", "gauge",
		"1 when pcscd answered the last reader listing" },
	[F_LEGACY] = { "sscard_legacy_calls_total", "counter",
		"legacy dialect calls, by function and the code it returned" },
	[F_REFUSED] = { "sscard_requests_refused_total", "counter",
		"requests refused before any card work, by reason" },
	[F_DROPPED] = { "sscard_metrics_series_dropped_total", "counter",
		"updates of series beyond the service's limit" },
};

/* the histogram's upper bounds, seconds */
static const double bounds[] = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
				 0.5, 1, 2.5, 5, 10 };
#define N_BOUNDS (sizeof(bounds) / sizeof(bounds[0]))

struct series {
	enum family family;
	char labels[LABELS_LEN];        /* a="x",b="y" */
	double value;
	unsigned long long buckets[N_BOUNDS];   /* F_DURATION only */
	unsigned long long count;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct series table[SERIES_MAX];
static size_t n_series;
static unsigned long long dropped;

/* the series, made when first used; NULL when the table is full */
static struct series *find(enum family family, const char *labels)
{
	size_t i;

	for (i = 0; i < n_series; i++)
		if (table[i].family == family &&
		    strcmp(table[i].labels, labels) == 0)
			return &table[i];
	if (n_series == SERIES_MAX) {
		dropped++;
		return NULL;
	}
	table[n_series].family = family;
	snprintf(table[n_series].labels, LABELS_LEN, "%s", labels);
	return &table[n_series++];
}

static void update(enum family family, const char *labels, double value,
		   int add)
{
	struct series *s;

	pthread_mutex_lock(&lock);
	s = find(family, labels);
	if (s != NULL)
		s->value = add ? s->value + value : value;
	pthread_mutex_unlock(&lock);
}

/* a label value as the format wants it: \ " and newline escaped */
static void escaped(char *out, size_t size, const char *in)
{
	size_t o = 0;

	for (; *in != '\0' && o + 3 < size; in++) {
		if (*in == '\\' || *in == '"' || *in == '\n') {
			out[o++] = '\\';
			out[o++] = *in == '\n' ? 'n' : *in;
		} else {
			out[o++] = *in;
		}
	}
	out[o] = '\0';
}

static void labels_of(char *out, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void labels_of(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, size, fmt, ap);
	va_end(ap);
}

void metrics_init(const struct conf *c)
{
	char labels[LABELS_LEN], version[64], library[64];

	escaped(version, sizeof(version), SSCARDD_VERSION);
	escaped(library, sizeof(library), sscard_version());
	labels_of(labels, sizeof(labels), "version=\"%s\",library=\"%s\"",
		  version, library);
	update(F_BUILD, labels, 1, 0);
	update(F_PSAM_CONFIGURED, "",
	       c->psam[0] != '\0' && strcmp(c->psam, "none") != 0, 0);
}

void metrics_read(int job_kind, int err, double seconds)
{
	char labels[LABELS_LEN];
	struct series *s;
	size_t i;

	labels_of(labels, sizeof(labels), "operation=\"%s\",outcome=\"%s\"",
		  job_name(job_kind), sscard_error_name(err));
	update(F_READS, labels, 1, 1);
	labels_of(labels, sizeof(labels), "operation=\"%s\"",
		  job_name(job_kind));
	pthread_mutex_lock(&lock);
	s = find(F_DURATION, labels);
	if (s != NULL) {
		for (i = 0; i < N_BOUNDS; i++)
			if (seconds <= bounds[i])
				s->buckets[i]++;
		s->count++;
		s->value += seconds;
	}
	pthread_mutex_unlock(&lock);
}

void metrics_card_stats(const struct sscard_stats *st)
{
	update(F_APDUS, "device=\"card\"", (double)st->apdus, 1);
	update(F_MUTE, "", (double)st->mute, 1);
	update(F_PIN_REFUSED, "", (double)st->pin_guarded, 1);
}

void metrics_psam_apdus(unsigned long n)
{
	update(F_APDUS, "device=\"psam\"", (double)n, 1);
}

void metrics_card_event(int type)
{
	if (type == SSCARD_EVENT_CARD_INSERTED)
		update(F_CARD_EVENTS, "event=\"inserted\"", 1, 1);
	else if (type == SSCARD_EVENT_CARD_REMOVED)
		update(F_CARD_EVENTS, "event=\"removed\"", 1, 1);
}

void metrics_presence(int pcscd_up, int card_reader, int psam_reader)
{
	update(F_PCSCD_UP, "", pcscd_up, 0);
	if (card_reader >= 0)
		update(F_READER_PRESENT, "role=\"card\"", card_reader, 0);
	if (psam_reader >= 0)
		update(F_READER_PRESENT, "role=\"psam\"", psam_reader, 0);
}

void metrics_psam_found(int found)
{
	update(F_PSAM_PRESENT, "", found, 0);
}

void metrics_legacy(const char *function, long code)
{
	char labels[LABELS_LEN], name[64];

	escaped(name, sizeof(name), function[0] != '\0' ? function : "-");
	labels_of(labels, sizeof(labels), "function=\"%s\",code=\"%ld\"", name,
		  code);
	update(F_LEGACY, labels, 1, 1);
}

void metrics_refused(const char *reason)
{
	char labels[LABELS_LEN];

	labels_of(labels, sizeof(labels), "reason=\"%s\"", reason);
	update(F_REFUSED, labels, 1, 1);
}

/* ---- the exposition ------------------------------------------------------ */

struct text {
	char *buf;
	size_t len, size;
	int failed;
};

static void put(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	char *bigger;
	int n;

	if (t->failed)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->failed = 1;
			return;
		}
		if ((size_t)n < t->size - t->len) {
			t->len += (size_t)n;
			return;
		}
		bigger = realloc(t->buf, t->size * 2 + (size_t)n);

		if (bigger == NULL) {
			t->failed = 1;
			return;
		}
		t->buf = bigger;
		t->size = t->size * 2 + (size_t)n;
	}
}

static void put_sample(struct text *t, const char *name, const char *suffix,
		       const char *labels, const char *extra, double value)
{
	int braces = labels[0] != '\0' || extra[0] != '\0';

	put(t, "%s%s%s%s%s%s%s %.17g\n", name, suffix, braces ? "{" : "",
	    labels, labels[0] != '\0' && extra[0] != '\0' ? "," : "", extra,
	    braces ? "}" : "", value);
}

static void put_histogram(struct text *t, const char *name,
			  const struct series *s)
{
	char le[32];
	size_t i;

	for (i = 0; i < N_BOUNDS; i++) {
		snprintf(le, sizeof(le), "le=\"%g\"", bounds[i]);
		put_sample(t, name, "_bucket", s->labels, le,
			   (double)s->buckets[i]);
	}
	put_sample(t, name, "_bucket", s->labels, "le=\"+Inf\"",
		   (double)s->count);
	put_sample(t, name, "_sum", s->labels, "", s->value);
	put_sample(t, name, "_count", s->labels, "", (double)s->count);
}

char *metrics_text(size_t *len)
{
	struct text t = { malloc(4096), 0, 4096, 0 };
	size_t f, i;

	if (t.buf == NULL)
		return NULL;
	pthread_mutex_lock(&lock);
	for (f = 0; f < F_COUNT; f++) {
		int any = f == F_DROPPED;

		for (i = 0; i < n_series && !any; i++)
			any = table[i].family == (enum family)f;
		if (!any)
			continue;
		put(&t, "# HELP %s %s\n# TYPE %s %s\n", families[f].name,
		    families[f].help, families[f].name, families[f].type);
		if (f == F_DROPPED) {
			put_sample(&t, families[f].name, "", "", "",
				   (double)dropped);
			continue;
		}
		for (i = 0; i < n_series; i++) {
			if (table[i].family != (enum family)f)
				continue;
			if (f == F_DURATION)
				put_histogram(&t, families[f].name, &table[i]);
			else
				put_sample(&t, families[f].name, "",
					   table[i].labels, "", table[i].value);
		}
	}
	pthread_mutex_unlock(&lock);
	if (t.failed) {
		free(t.buf);
		return NULL;
	}
	*len = t.len;
	return t.buf;
}
