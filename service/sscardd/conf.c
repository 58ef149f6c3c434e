/*
 * sscardd's settings: built-in defaults, then the configuration file
 * (--config FILE, else /etc/sscard/sscardd.conf when it exists), then the
 * command line, which wins.  The file holds "key = value" lines with '#'
 * comments; allow_origin may repeat.  A bad value is refused at start with
 * its file and line, never guessed.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <openssl/crypto.h>

#include "door.h"
#include "sscardd.h"

#define DEFAULT_CONFIG "/etc/sscard/sscardd.conf"
#define DEFAULT_PORT 12340
#define DEFAULT_LEGACY_PORT 12342
/* Debian's prometheus-node-exporter reads its textfile collector here */
#define NODE_EXPORTER_DIR "/var/lib/prometheus/node-exporter"
#define DEFAULT_METRICS_INTERVAL 15

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sscardd [options]\n"
		"A loopback HTTP + WebSocket service that lets allowed web pages read the\n"
		"social security card.  Runs in the foreground until SIGTERM.\n"
		"\n"
		"  --listen ADDR         a loopback address to listen on (127.0.0.1; ::1);\n"
		"                        repeatable, e.g. both\n"
		"  --port N              JSON API and /v1/events (%d)\n"
		"  --legacy-port N       ministry dialect WebSocket (%d; 0: off)\n"
		"  --allow-origin ORIGIN a page origin allowed to call, e.g.\n"
		"                        https://his.example.org (repeatable; none by default)\n"
		"  --token-file FILE     require this per-install token from every caller\n"
		"  --reader NAME         the user card's reader (default: probe)\n"
		"  --psam NAME|none      the PSAM's reader (default: probe)\n"
		"  --keys FILE           terminal keys from a key file instead of a PSAM\n"
		"  --config FILE         settings file (default " DEFAULT_CONFIG
		")\n"
		"  -v, --verbose         log every request (failed ones always)\n"
		"  --version             print the version and exit\n"
		"  -h, --help            this text\n",
		DEFAULT_PORT, DEFAULT_LEGACY_PORT);
}

static int set_port(int *port, const char *v, int zero_ok)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n > 65535 ||
	    n < (zero_ok ? 0 : 1))
		return -1;
	*port = (int)n;
	return 0;
}

static int set_count(int *out, const char *v, long max)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < 1 || n > max)
		return -1;
	*out = (int)n;
	return 0;
}

/* "scheme://host[:port]", as a browser sends it: no path, no slash */
static int add_origin(struct conf *c, const char *v)
{
	const char *host;
	size_t i, len = strlen(v);

	if (strncmp(v, "http://", 7) == 0)
		host = v + 7;
	else if (strncmp(v, "https://", 8) == 0)
		host = v + 8;
	else
		return -1;
	if (*host == '\0' || strchr(host, '/') != NULL ||
	    len >= SSCARDD_ORIGIN_LEN)
		return -1;
	for (i = 0; v[i] != '\0'; i++)
		if (!isgraph((unsigned char)v[i]))
			return -1;
	if (c->n_origins == SSCARDD_ORIGINS_MAX)
		return -1;
	for (i = 0; i < len; i++)
		c->origins[c->n_origins][i] =
			(char)tolower((unsigned char)v[i]);
	c->origins[c->n_origins][len] = '\0';
	c->n_origins++;
	return 0;
}

/* only loopback addresses; "localhost" is 127.0.0.1 */
static int add_listen(struct conf *c, const char *v)
{
	if (strcmp(v, "localhost") == 0)
		v = "127.0.0.1";
	if (!guard_listen(v)) {
		say("sscardd: refusing to listen on '%s': only a loopback address "
		    "(127.0.0.1, ::1) may serve the card", v);
		return -3;
	}
	if (c->n_listen == SSCARDD_LISTEN_MAX)
		return -1;
	snprintf(c->listen[c->n_listen++], sizeof(c->listen[0]), "%s", v);
	return 0;
}

static int set_text(char *dst, size_t size, const char *v)
{
	return snprintf(dst, size, "%s", v) < (int)size ? 0 : -1;
}

/* The token's file must be private: it is the service's password. */
/* systemd's credential of the token (LoadCredential=sscardd.token:...) */
#define TOKEN_CREDENTIAL "sscardd.token"

/*
 * A file in $CREDENTIALS_DIRECTORY: systemd lets only the unit's user read
 * it, by ownership or by an ACL, and an ACL shows as group bits: its mode
 * is systemd's to keep, not checked here.
 */
static int is_credential(const char *path)
{
	const char *dir = secure_getenv("CREDENTIALS_DIRECTORY");
	const char *name;
	size_t len;

	if (dir == NULL || dir[0] != '/')
		return 0;
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (strncmp(path, dir, len) != 0 || path[len] != '/')
		return 0;
	name = path + len + 1;
	return name[0] != '\0' && strchr(name, '/') == NULL &&
	       strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static int read_token(struct conf *c, const char *path)
{
	char line[SSCARDD_TOKEN_LEN + 2];
	FILE *f = fopen(path, "r");
	struct stat st;
	size_t len;
	int rv = -1;

	if (f == NULL && errno == EACCES && !is_credential(path)) {
		say("sscardd: %s: %s; a service that runs as its own user "
		    "reads the token as a systemd credential: "
		    "LoadCredential=" TOKEN_CREDENTIAL ":%s (sscardd(1))",
		    path, strerror(EACCES), path);
		return -1;
	}
	if (f == NULL) {
		say("sscardd: %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
		say("sscardd: %s: not a regular file", path);
		goto out;
	}
	if (!is_credential(path) && (st.st_mode & 077) != 0) {
		say("sscardd: %s: group or others may read it; chmod 600",
		    path);
		goto out;
	}
	if (fgets(line, sizeof(line), f) == NULL) {
		say("sscardd: %s: empty", path);
		goto out;
	}
	len = strcspn(line, "\r\n");
	line[len] = '\0';
	if (len < 16 || len >= SSCARDD_TOKEN_LEN) {
		say("sscardd: %s: the token must be 16 to %d characters", path,
		    SSCARDD_TOKEN_LEN - 1);
		goto out;
	}
	memcpy(c->token, line, len + 1);
	rv = 0;
out:
	OPENSSL_cleanse(line, sizeof(line));
	fclose(f);
	return rv;
}

/* "ADDR:PORT", "[ADDR]:PORT" or "off": the one listener that may be off
 * the loopback, because it serves numbers only */
static int set_metrics_listen(struct conf *c, const char *v)
{
	const char *colon = strrchr(v, ':');
	char addr[sizeof(c->metrics_addr)];
	unsigned char bin[16];
	size_t len;

	if (strcmp(v, "off") == 0) {
		c->metrics_addr[0] = '\0';
		c->metrics_port = 0;
		return 0;
	}
	if (colon == NULL)
		return -1;
	len = (size_t)(colon - v);
	if (len >= 2 && v[0] == '[' && v[len - 1] == ']') {
		v++;
		len -= 2;
	}
	if (len == 0 || len >= sizeof(addr))
		return -1;
	memcpy(addr, v, len);
	addr[len] = '\0';
	if (inet_pton(strchr(addr, ':') ? AF_INET6 : AF_INET, addr, bin) != 1 ||
	    set_port(&c->metrics_port, colon + 1, 0) < 0)
		return -1;
	memcpy(c->metrics_addr, addr, len + 1);
	return 0;
}

/* an absolute path, or "off" */
static int set_textfile(struct conf *c, const char *v)
{
	c->metrics_textfile_set = 1;
	if (strcmp(v, "off") == 0) {
		c->metrics_textfile[0] = '\0';
		return 0;
	}
	if (v[0] != '/' || v[strlen(v) - 1] == '/')
		return -1;
	return set_text(c->metrics_textfile, sizeof(c->metrics_textfile), v);
}

/* error.message when a request's Accept-Language does not choose */
static int set_language(struct conf *c, const char *v)
{
	if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)
		return -1;
	snprintf(c->language, sizeof(c->language), "%s", v);
	return 0;
}

static int set_key(struct conf *c, const char *key, const char *v)
{
	if (strcmp(key, "listen") == 0)
		return add_listen(c, v);
	if (strcmp(key, "port") == 0)
		return set_port(&c->port, v, 0);
	if (strcmp(key, "legacy_port") == 0)
		return set_port(&c->legacy_port, v, 1);
	if (strcmp(key, "allow_origin") == 0)
		return add_origin(c, v);
	if (strcmp(key, "token_file") == 0)
		return read_token(c, v);
	if (strcmp(key, "reader") == 0)
		return set_text(c->reader, sizeof(c->reader), v);
	if (strcmp(key, "psam") == 0)
		return set_text(c->psam, sizeof(c->psam), v);
	if (strcmp(key, "keys") == 0)
		return set_text(c->keys, sizeof(c->keys), v);
	if (strcmp(key, "pin_per_minute") == 0)
		return set_count(&c->pin_per_minute, v, 60);
	if (strcmp(key, "pin_hold") == 0)
		return set_count(&c->pin_hold_s, v, 3600);
	if (strcmp(key, "max_connections") == 0)
		return set_count(&c->max_connections, v, 1024);
	if (strcmp(key, "idle_timeout") == 0)
		return set_count(&c->idle_timeout_s, v, 3600);
	if (strcmp(key, "language") == 0)
		return set_language(c, v);
	if (strcmp(key, "metrics_listen") == 0)
		return set_metrics_listen(c, v);
	if (strcmp(key, "metrics_textfile") == 0)
		return set_textfile(c, v);
	if (strcmp(key, "metrics_interval") == 0)
		return set_count(&c->metrics_interval_s, v, 3600);
	return -2;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int load_file(struct conf *c, const char *path, int must_exist)
{
	char line[512];
	unsigned lineno = 0;
	FILE *f = fopen(path, "r");
	int rv = 0;

	if (f == NULL) {
		if (!must_exist && errno == ENOENT)
			return 0;
		say("sscardd: %s: %s", path, strerror(errno));
		return -1;
	}
	while (rv == 0 && fgets(line, sizeof(line), f) != NULL) {
		char *key, *value, *eq;
		int set;

		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			say("sscardd: %s:%u: line too long", path, lineno);
			rv = -1;
			break;
		}
		line[strcspn(line, "#")] = '\0';
		key = trim(line);
		if (*key == '\0')
			continue;
		eq = strchr(key, '=');
		if (eq == NULL) {
			say("sscardd: %s:%u: expected key = value", path,
			    lineno);
			rv = -1;
			break;
		}
		*eq = '\0';
		key = trim(key);
		value = trim(eq + 1);
		set = set_key(c, key, value);
		if (set == -2)
			say("sscardd: %s:%u: unknown key '%s'", path, lineno,
			    key);
		else if (set == -3)
			say("sscardd: %s:%u: see above", path, lineno);
		else if (set < 0)
			say("sscardd: %s:%u: bad value for %s", path, lineno,
			    key);
		if (set < 0)
			rv = -1;
	}
	fclose(f);
	return rv;
}

enum {
	OPT_LISTEN = 256, OPT_PORT, OPT_LEGACY_PORT, OPT_ORIGIN, OPT_TOKEN,
	OPT_READER, OPT_PSAM, OPT_KEYS, OPT_CONFIG, OPT_VERSION
};

static const struct option options[] = {
	{ "listen", required_argument, NULL, OPT_LISTEN },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "legacy-port", required_argument, NULL, OPT_LEGACY_PORT },
	{ "allow-origin", required_argument, NULL, OPT_ORIGIN },
	{ "token-file", required_argument, NULL, OPT_TOKEN },
	{ "reader", required_argument, NULL, OPT_READER },
	{ "psam", required_argument, NULL, OPT_PSAM },
	{ "keys", required_argument, NULL, OPT_KEYS },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const char *option_key(int opt)
{
	switch (opt) {
	case OPT_LISTEN: return "listen";
	case OPT_PORT: return "port";
	case OPT_LEGACY_PORT: return "legacy_port";
	case OPT_ORIGIN: return "allow_origin";
	case OPT_TOKEN: return "token_file";
	case OPT_READER: return "reader";
	case OPT_PSAM: return "psam";
	case OPT_KEYS: return "keys";
	default: return NULL;
	}
}

/* No token_file: the token systemd passed as a credential, if any. */
static int load_token_credential(struct conf *c)
{
	const char *dir = secure_getenv("CREDENTIALS_DIRECTORY");
	char path[512];
	int n;

	if (dir == NULL || dir[0] != '/')
		return 0;
	n = snprintf(path, sizeof(path), "%s/" TOKEN_CREDENTIAL, dir);
	if (n < 0 || (size_t)n >= sizeof(path) || access(path, F_OK) != 0)
		return 0;
	return read_token(c, path);
}

/* the locale the service runs in, as setlocale() would pick it */
static const char *service_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = secure_getenv(vars[i]);

		if (v != NULL && v[0] != '\0')
			return v;
	}
	return NULL;
}

/*
 * Returns -1 to go on, or the exit code (0 after --help / --version).
 */
int conf_parse(struct conf *c, int argc, char **argv)
{
	const char *config = NULL;
	int opt, set, i;

	memset(c, 0, sizeof(*c));
	c->port = DEFAULT_PORT;
	c->legacy_port = DEFAULT_LEGACY_PORT;
	c->pin_per_minute = 5;
	c->pin_hold_s = 300;
	c->max_connections = 64;
	c->idle_timeout_s = 120;
	c->metrics_interval_s = DEFAULT_METRICS_INTERVAL;

	/* the file first, so that the command line wins */
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			config = argv[i + 1];
		else if (strncmp(argv[i], "--config=", 9) == 0)
			config = argv[i] + 9;
	}
	if (load_file(c, config != NULL ? config : DEFAULT_CONFIG,
		      config != NULL) < 0)
		return SSCARDD_EXIT_CONFIG;
	c->zh = lang_default_zh(c->language, service_locale());

	opterr = 0;
	optind = 1;
	for (;;) {
		opt = getopt_long(argc, argv, "vh", options, NULL);
		if (opt == -1)
			break;
		switch (opt) {
		case 'v':
			c->verbose = 1;
			break;
		case 'h':
			usage(stdout);
			return SSCARDD_EXIT_OK;
		case OPT_VERSION:
			printf("sscardd %s (libsscard %s, libwebsockets %s)\n",
			       SSCARDD_VERSION, sscard_version(),
			       lws_get_library_version());
			return SSCARDD_EXIT_OK;
		case OPT_CONFIG:
			break;
		case '?':
			say("sscardd: %s is not a valid option; try --help",
			    argv[optind - 1]);
			return SSCARDD_EXIT_USAGE;
		default:
			/* the command line's addresses replace the file's */
			if (opt == OPT_LISTEN && !c->listen_set) {
				c->n_listen = 0;
				c->listen_set = 1;
			}
			set = set_key(c, option_key(opt), optarg);
			if (set == -3)
				return SSCARDD_EXIT_CONFIG;
			if (set < 0) {
				say("sscardd: bad value for --%s: '%s'; try --help",
				    options[opt - OPT_LISTEN].name, optarg);
				return SSCARDD_EXIT_USAGE;
			}
			break;
		}
	}
	if (optind < argc) {
		say("sscardd: unexpected argument '%s'; try --help",
		    argv[optind]);
		return SSCARDD_EXIT_USAGE;
	}
	if (c->token[0] == '\0' && load_token_credential(c) < 0)
		return SSCARDD_EXIT_CONFIG;
	if (c->n_listen == 0)
		add_listen(c, "127.0.0.1");
	if (c->legacy_port == c->port) {
		say("sscardd: --port and --legacy-port must differ");
		return SSCARDD_EXIT_USAGE;
	}
	if (c->metrics_port != 0 && (c->metrics_port == c->port ||
				     c->metrics_port == c->legacy_port)) {
		say("sscardd: metrics_listen needs a port of its own");
		return SSCARDD_EXIT_CONFIG;
	}
	if (!c->metrics_textfile_set) {
		struct stat st;

		if (stat(NODE_EXPORTER_DIR, &st) == 0 && S_ISDIR(st.st_mode))
			snprintf(c->metrics_textfile,
				 sizeof(c->metrics_textfile),
				 NODE_EXPORTER_DIR "/sscardd.prom");
	}
	return -1;
}

void conf_door(const struct conf *c, struct door_conf *dc)
{
	memset(dc, 0, sizeof(*dc));
	dc->reader = c->reader;
	dc->psam = c->psam;
	dc->keys = c->keys;
	dc->pin_per_minute = c->pin_per_minute;
	dc->pin_hold_s = c->pin_hold_s;
}
