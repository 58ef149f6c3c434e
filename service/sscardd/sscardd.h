/*
 * sscardd: a loopback HTTP + WebSocket reader service for web pages.
 *
 * Threads: the libwebsockets loop (main thread) owns every connection; the
 * card thread owns one libsscard context and answers the JSON API's jobs
 * one at a time; the event thread owns another and only waits for card and
 * reader events; the legacy thread hands the ministry dialect's calls to
 * libSSCardDriver, whose own worker owns a third.  A job crosses threads
 * through a locked queue and comes back through the done queue, which
 * wakes the loop with lws_cancel_service().
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARDD_H
#define SSCARDD_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <libwebsockets.h>

#include "sscard.h"

#define SSCARDD_ORIGINS_MAX 32
#define SSCARDD_ORIGIN_LEN 256
#define SSCARDD_TOKEN_LEN 128
#define SSCARDD_LISTEN_MAX 4

enum sscardd_exit {
	SSCARDD_EXIT_OK = 0,
	SSCARDD_EXIT_FAILURE = 1,
	SSCARDD_EXIT_USAGE = 2,
	SSCARDD_EXIT_CONFIG = 3     /* a refused address, a bad file */
};

struct conf {
	char listen[SSCARDD_LISTEN_MAX][48];    /* loopback addresses */
	size_t n_listen;
	int listen_set;             /* the command line named its own */
	int port;                   /* JSON API and /v1/events */
	int legacy_port;            /* the ministry dialect; 0: off */
	char origins[SSCARDD_ORIGINS_MAX][SSCARDD_ORIGIN_LEN];
	size_t n_origins;
	char token[SSCARDD_TOKEN_LEN];  /* "" : none required */
	char reader[128];           /* the user-card slot; "" probes */
	char psam[128];             /* the PSAM slot; "" probes, "none" */
	char keys[256];             /* a key file; "" none */
	int pin_per_minute;         /* PIN verifications in any 60 s */
	int pin_hold_s;             /* a verified PIN is dropped after */
	int max_connections;        /* open at once, both ports */
	int idle_timeout_s;         /* a quiet WebSocket is closed after */
	char language[4];           /* "zh", "en", or "": the locale's */
	int zh;                     /* error.message in Chinese by default */
	int verbose;
	char metrics_addr[48];      /* GET /metrics only; "" : off */
	int metrics_port;
	char metrics_textfile[256]; /* node-exporter's textfile; "" : off */
	int metrics_textfile_set;   /* the file chose (or "off") */
	int metrics_interval_s;     /* the textfile is written this often */
};

/* conf.c */
int conf_parse(struct conf *c, int argc, char **argv);
/* the application core's door settings from c (its strings stay c's) */
struct door_conf;
void conf_door(const struct conf *c, struct door_conf *dc);

/* guard.c: who may call (pure: no I/O, unit-tested) */
int guard_host(const char *host);
/* The metrics port, which may listen off the loopback: Host is a loopback
 * name or an address literal, never a DNS name (rebinding). */
int guard_host_literal(const char *host);
int guard_origin(const struct conf *c, const char *origin);
int guard_token(const struct conf *c, const char *given);
int guard_fetch_site(const char *sec_fetch_site);
int guard_listen(const char *addr);

/* lang.c: the language of error.message (pure: no I/O, unit-tested) */
int lang_prefers_zh(const char *accept_language, int fallback_zh);
int lang_default_zh(const char *setting, const char *locale);

/* limits.c: connections one process may hold (loop thread only) */
#define WS_MSG_HOLD_MAX 65536   /* larger: closed, not waited for */
/* The connections of one port against a cap: reason names the refusal in
 * the metrics, setting the cap in the log.  Loop thread only. */
struct conn_cap {
	const char *reason;
	const char *setting;
	unsigned open;
	int refusing;           /* the last accept was refused: said so */
};
/* A vhost's accept, create and destroy callbacks: 1 when reason was one
 * of them, with *rv the callback's answer (1 refuses the connection). */
int limits_connections(struct conn_cap *cap, unsigned max,
		       enum lws_callback_reasons reason, int *rv);
void limits_alive(struct lws *wsi);
int limits_too_large(struct lws *wsi, size_t have, size_t len);
/* idle for half of idle_timeout: ask whether the peer is still there */
int limits_ping(struct lws *wsi);
int limits_keepalive(struct lws *wsi, enum lws_callback_reasons reason,
		     int *ping_due);

/* log.c: stderr, which systemd gives to the journal */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* one record a finished request: the journal's fields, or key=value */
struct job;
void log_job(const struct job *j);

/* metrics.c: the service's numbers (any thread) */
struct sscard_stats;
void metrics_init(const struct conf *c);
void metrics_read(int job_kind, int err, double seconds);
void metrics_card_stats(const struct sscard_stats *st);
void metrics_psam_apdus(unsigned long n);
void metrics_card_event(int type);
/* 1 or 0; -1: not known, left as it was */
void metrics_presence(int pcscd_up, int card_reader, int psam_reader);
void metrics_psam_found(int found);
void metrics_legacy(const char *function, long code);
void metrics_refused(const char *reason);
/* the exposition, malloc'd; NULL out of memory */
char *metrics_text(size_t *len);

/* metrics_file.c: the textfile, written every metrics_interval */
void *metrics_file_thread(void *arg);
void metrics_file_stop(void);
int metrics_file_write(const char *path);

/* metrics_http.c: the protocol of the metrics_listen port */
extern const struct lws_protocols metrics_protocol;

enum job_kind {
	JOB_LOOP,                   /* answered by the loop itself */
	JOB_READERS,
	JOB_CARD,
	JOB_PHOTO,
	JOB_MEDICAL,
	JOB_PIN,
	JOB_DOCTOR,
	JOB_LEGACY
};

struct job {
	struct job *next;           /* in one queue at a time */
	int kind;                   /* enum job_kind */

	/* the request */
	char pin[16];               /* JOB_PIN: wiped when answered */
	unsigned pin_flags;
	char function[40];          /* JOB_LEGACY */
	int itype;
	int fresh;                  /* JOB_CARD, JOB_PHOTO: ?fresh=1, the
				     * card asked, never its remembered
				     * answer */
	int zh;                     /* error.message in Chinese */
	char key[512];              /* JOB_LEGACY: pKey */
	long legacy_code;           /* JOB_LEGACY: what the function returned */
	uint64_t conn; /* JOB_LEGACY: its connection, never reused */

	/* the answer, made by the worker */
	int status;                 /* HTTP status */
	int err;                    /* the library's outcome (SSCARD_OK) */
	unsigned sw;                /* the card's last SW with err; 0 none */
	char reader[128];           /* the card's reader; "" none */
	const char *content_type;
	unsigned char *body;        /* malloc'd */
	size_t body_len;

	/* the loop's own (main thread only) */
	uint64_t id;                /* the request's, in the log */
	struct lws *wsi;
	const char *what;           /* the path, for the log */
	struct timespec started;
	int ready;                  /* back from the worker */
	int gone;                   /* its client left first */
	struct job *conn_next;      /* a WebSocket's answers, in order */
};

struct queue {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct job *head, *tail;
	int closed;
};

/* queue.c */
void queue_init(struct queue *q);
void queue_destroy(struct queue *q);
void queue_push(struct queue *q, struct job *j);
struct job *queue_pop(struct queue *q, const struct timespec *deadline);
struct job *queue_take_all(struct queue *q);     /* no wait */
struct job *queue_take_kind(struct queue *q, int kind);
void queue_close(struct queue *q);
struct job *job_new(int kind);
const char *job_name(int kind);     /* "card", "pin" ... */
void job_free(struct job *j);
void job_answer(struct job *j, int status, const char *content_type,
		unsigned char *body, size_t len);
int job_copy_answer(struct job *to, const struct job *from);

/* the service, shared by its threads */
struct service {
	struct conf conf;
	struct lws_context *lws;
	struct queue card_jobs;
	struct queue legacy_jobs;
	struct queue done;
	pthread_mutex_t events_lock;
	pthread_cond_t events_cond;
	int events_ready;           /* the start's cards told (events_lock) */
	sscard_ctx *event_ctx;      /* for sscard_cancel() at shutdown */
	_Atomic unsigned card_generation;   /* bumped by every card event */
	_Atomic int event_clients;  /* /v1/events connections now */
	_Atomic int stopping;
};

extern struct service svc;

/* Called from a worker: the job goes back to the loop. */
void service_done(struct job *j);

/* card.c: the JSON API's card thread, on the application core's door */
void *card_thread(void *arg);
/* conf_door's settings with sscardd's metrics and log */
void card_door_conf(const struct conf *c, struct door_conf *dc);

/* events.c */
#define EVENT_RING 64
struct event_ring {
	uint64_t next_seq;          /* of the next message */
	char *msg[EVENT_RING];      /* msg[seq % EVENT_RING] */
	size_t len[EVENT_RING];
};
void *event_thread(void *arg);
/* the message at seq, copied under the lock; 0 none yet, -1 overrun */
int events_get(uint64_t seq, char *buf, size_t size, size_t *len);
uint64_t events_next(void);
void events_free(void);
void events_wait_ready(void);

/* legacy.c */
void *legacy_thread(void *arg);

/* request.c: a caller's bytes made into a job (pure: fuzzed) */
int request_pin(const char *body, size_t len, struct job *j);
int request_legacy(const char *msg, size_t len, struct job *j, char **refusal);
char *legacy_answer(const char *function, long code, const char *out);

/* conn.c: what every connection shares (loop thread) */
int conn_header(struct lws *wsi, enum lws_token_indexes h, char *buf,
		size_t size);
/* NULL when the caller may go on, else why not (for the log and the
 * 403); origin gets the Origin sent, *cors whether to echo it */
const char *conn_refusal(struct lws *wsi, char origin[SSCARDD_ORIGIN_LEN],
			 int *cors, int preflight);
/* what a caller sent, fit for one log line: printable ASCII, cut short */
const char *conn_loggable(const char *in, char *buf, size_t size);
double conn_ms_since(const struct timespec *t0);
void conn_job_begin(struct job *j, struct lws *wsi, const char *what);

/* the protocols: http.c first on both ports, then the port's WebSocket */
extern const struct lws_protocols http_protocol;
extern const struct lws_protocols events_protocol;     /* events_ws.c */
extern const struct lws_protocols legacy_protocol;     /* legacy_ws.c */
void events_ws_wake(void);
/* a WebSocket handshake: 0 to go on, 1 refused (answered 403) */
int conn_confirm_upgrade(struct lws *wsi);
int conn_on_legacy_port(struct lws *wsi);

#endif
