/*
 * sscardd: start the threads, listen on the loopback, serve until SIGTERM
 * or SIGINT, then stop every thread and free everything.
 *
 * Signals are taken by a thread with sigwait(): it sets svc.stopping and
 * wakes the loop with lws_cancel_service(), so no handler runs library
 * code.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cond.h"
#include "sscardd.h"

/* libwebsockets' own lines, at most one a second (a flood of failed
 * accepts must not flood the journal); how many were left out is said
 * with the next one. */
static void lws_logger(int level, const char *line)
{
	static struct timespec last;
	static unsigned long dropped;
	size_t len = strcspn(line, "\r\n");
	struct timespec now;

	(void)level;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (last.tv_sec != 0 && now.tv_sec == last.tv_sec) {
		dropped++;
		return;
	}
	last = now;
	if (dropped > 0)
		say("sscardd: libwebsockets: %.*s (%lu similar lines left out)",
		    (int)len, line, dropped);
	else
		say("sscardd: libwebsockets: %.*s", (int)len, line);
	dropped = 0;
}

static void *signal_thread(void *arg)
{
	sigset_t *set = arg;
	int sig = 0;

	if (sigwait(set, &sig) == 0 && !atomic_load(&svc.stopping)) {
		say("sscardd: signal %d (%s): stopping", sig, strsignal(sig));
		atomic_store(&svc.stopping, 1);
		lws_cancel_service(svc.lws);
	}
	return NULL;
}

/* libwebsockets keeps the vhost's name and its protocols, not copies */
static char vhost_names[2 * SSCARDD_LISTEN_MAX + 1][64];
static size_t n_vhosts;
static struct lws_protocols api_protocols[3], legacy_protocols[3];
static struct lws_protocols metrics_protocols[2];

/* each port's WebSocket protocol is the one a handshake without a
 * Sec-WebSocket-Protocol gets (a browser's, a vendor page's) */
static const struct lws_protocol_vhost_options is_default = {
	NULL, NULL, "default", ""
};
static const struct lws_protocol_vhost_options events_default = {
	NULL, &is_default, "sscard-events", ""
};
static const struct lws_protocol_vhost_options legacy_default = {
	NULL, &is_default, "sscard-legacy", ""
};

static void make_protocols(void)
{
	api_protocols[0] = http_protocol;
	api_protocols[1] = events_protocol;
	legacy_protocols[0] = http_protocol;
	legacy_protocols[1] = legacy_protocol;
	metrics_protocols[0] = metrics_protocol;
}

static struct lws_vhost *listen_on(const char *addr, int port,
				   const struct lws_protocols *protocols,
				   const struct lws_protocol_vhost_options *pvo)
{
	struct lws_context_creation_info info;
	char *name = vhost_names[n_vhosts++];

	snprintf(name, sizeof(vhost_names[0]), "%s:%d", addr, port);
	memset(&info, 0, sizeof(info));
	info.vhost_name = name;
	info.port = port;
	info.iface = addr;
	info.protocols = protocols;
	info.pvo = pvo;
	info.keepalive_timeout = 10;
	info.timeout_secs = 30;
	info.server_string = "sscardd";
	if (strchr(addr, ':') == NULL)
		info.options = LWS_SERVER_OPTION_DISABLE_IPV6;
	else
		info.options = LWS_SERVER_OPTION_IPV6_V6ONLY_MODIFY |
			       LWS_SERVER_OPTION_IPV6_V6ONLY_VALUE;
	return lws_create_vhost(svc.lws, &info);
}

static int start(void)
{
	struct lws_context_creation_info info;
	size_t i;

	memset(&info, 0, sizeof(info));
	info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS;
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.gid = (gid_t)-1;
	info.uid = (uid_t)-1;
	make_protocols();
	svc.lws = lws_create_context(&info);
	if (svc.lws == NULL) {
		say("sscardd: cannot start libwebsockets");
		return -1;
	}
	for (i = 0; i < svc.conf.n_listen; i++) {
		const char *addr = svc.conf.listen[i];

		if (listen_on(addr, svc.conf.port, api_protocols,
			      &events_default) == NULL) {
			say("sscardd: cannot listen on %s port %d", addr,
			    svc.conf.port);
			return -1;
		}
		if (svc.conf.legacy_port != 0 &&
		    listen_on(addr, svc.conf.legacy_port, legacy_protocols,
			      &legacy_default) == NULL) {
			say("sscardd: cannot listen on %s port %d", addr,
			    svc.conf.legacy_port);
			return -1;
		}
	}
	if (svc.conf.metrics_port != 0 &&
	    listen_on(svc.conf.metrics_addr, svc.conf.metrics_port,
		      metrics_protocols, NULL) == NULL) {
		say("sscardd: cannot listen on %s port %d (metrics_listen)",
		    svc.conf.metrics_addr, svc.conf.metrics_port);
		return -1;
	}
	return 0;
}

/* libSSCardDriver answers the legacy dialect in UTF-8 (JSON's), on the
 * slots sscardd was told, and ends a PIN verified through it (iVerifyPIN)
 * after the same pin_hold as the JSON API's; its other settings stay its
 * own file's */
static void configure_driver(const struct conf *c)
{
	char hold[16];

	snprintf(hold, sizeof(hold), "%d", c->pin_hold_s);
	setenv("SSCARD_DRIVER_PIN_HOLD", hold, 1);
	setenv("SSCARD_DRIVER_CHARSET", "UTF-8", 1);
	if (c->reader[0] != '\0')
		setenv("SSCARD_DRIVER_READER", c->reader, 1);
	if (c->psam[0] != '\0')
		setenv("SSCARD_DRIVER_PSAM", c->psam, 1);
}

/* what ends a daemon: a terminal hang-up, quit, the user signals, and
 * every other signal whose default is to end the process and that comes
 * from outside it (the faults of our own code, SIGSEGV and the like,
 * cannot be waited for); the real-time ones are added at start */
static const int stop_signals[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT,
				    SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
				    SIGPROF, SIGIO, SIGXCPU, SIGXFSZ,
				    SIGSTKFLT, SIGPWR, SIGTRAP, SIGSYS };

int main(int argc, char **argv)
{
	pthread_t card_t, event_t, legacy_t, signal_t, metrics_t;
	char legacy[32] = "off";
	int started = 0, metrics_started = 0, rv;
	sigset_t set;
	size_t i;

	rv = conf_parse(&svc.conf, argc, argv);
	if (rv >= 0)
		return rv;
	configure_driver(&svc.conf);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	/* every signal that would end the process ends it through the clean
	 * stop, which resets the card: a verified PIN never outlives us */
	for (i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
		sigaddset(&set, stop_signals[i]);
	for (rv = SIGRTMIN; rv <= SIGRTMAX; rv++)
		sigaddset(&set, rv);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	lws_set_log_level(LLL_ERR | LLL_WARN, lws_logger);
	queue_init(&svc.card_jobs);
	queue_init(&svc.legacy_jobs);
	queue_init(&svc.done);
	pthread_mutex_init(&svc.events_lock, NULL);
	cond_init_monotonic(&svc.events_cond);
	metrics_init(&svc.conf);

	rv = SSCARDD_EXIT_FAILURE;
	if (start() < 0)
		goto out;
	if (pthread_create(&signal_t, NULL, signal_thread, &set) != 0)
		goto out;
	started++;
	if (pthread_create(&card_t, NULL, card_thread, &svc.conf) != 0)
		goto stop;
	started++;
	if (pthread_create(&event_t, NULL, event_thread, &svc.conf) != 0)
		goto stop;
	started++;
	if (pthread_create(&legacy_t, NULL, legacy_thread, NULL) != 0)
		goto stop;
	started++;
	if (svc.conf.metrics_textfile[0] != '\0' &&
	    pthread_create(&metrics_t, NULL, metrics_file_thread,
			   &svc.conf) == 0)
		metrics_started = 1;
	events_wait_ready();
	if (svc.conf.legacy_port != 0)
		snprintf(legacy, sizeof(legacy), "on port %d",
			 svc.conf.legacy_port);
	say("sscardd %s: JSON API on http://%s%s%s:%d/v1/%s, legacy dialect "
	    "%s; %zu origin%s allowed%s", SSCARDD_VERSION,
	    strchr(svc.conf.listen[0], ':') ? "[" : "", svc.conf.listen[0],
	    strchr(svc.conf.listen[0], ':') ? "]" : "", svc.conf.port,
	    svc.conf.n_listen > 1 ? " (and the other addresses)" : "",
	    legacy,
	    svc.conf.n_origins, svc.conf.n_origins == 1 ? "" : "s",
	    svc.conf.token[0] ? "; token required" : "");
	while (!atomic_load(&svc.stopping))
		if (lws_service(svc.lws, 0) < 0)
			break;
	/* a loop that failed is not a clean stop */
	rv = atomic_load(&svc.stopping) ? SSCARDD_EXIT_OK
					: SSCARDD_EXIT_FAILURE;
stop:
	atomic_store(&svc.stopping, 1);
	queue_close(&svc.card_jobs);
	queue_close(&svc.legacy_jobs);
	pthread_mutex_lock(&svc.events_lock);
	if (svc.event_ctx != NULL)
		sscard_cancel(svc.event_ctx);
	pthread_mutex_unlock(&svc.events_lock);
	if (started > 1)
		pthread_join(card_t, NULL);
	if (started > 2)
		pthread_join(event_t, NULL);
	if (started > 3)
		pthread_join(legacy_t, NULL);
	if (metrics_started) {
		metrics_file_stop();
		pthread_join(metrics_t, NULL);
	}
	pthread_kill(signal_t, SIGTERM);
	pthread_join(signal_t, NULL);
out:
	if (svc.lws != NULL)
		lws_context_destroy(svc.lws);
	queue_destroy(&svc.card_jobs);
	queue_destroy(&svc.legacy_jobs);
	queue_destroy(&svc.done);
	pthread_cond_destroy(&svc.events_cond);
	pthread_mutex_destroy(&svc.events_lock);
	events_free();
	if (rv == SSCARDD_EXIT_OK)
		say("sscardd: stopped");
	return rv;
}
