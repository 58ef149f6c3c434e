/*
 * Who may call sscardd.  Every HTTP request and WebSocket handshake passes
 * all four checks before anything else is looked at:
 *
 *  - Host must name the loopback (127.0.0.1, localhost, [::1], with any
 *    port): a page whose DNS name was rebound to 127.0.0.1 sends its own
 *    name and is refused.
 *  - Origin, when the browser sends one, must be on the allow-list,
 *    compared whole (scheme, host and port); "null" never is.
 *  - No Origin: a browser's cross-site request that carries none (an
 *    <img> or <script> tag) still says so in Sec-Fetch-Site and is
 *    refused; a program on this machine (curl, a native HIS) sends neither.
 *  - With a token configured, the caller must present it.
 *
 * And where sscardd may listen: the loopback only.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>

#include "sscardd.h"

/* 1 if s is "" or ":digits" */
static int port_suffix(const char *s)
{
	size_t i;

	if (*s == '\0')
		return 1;
	if (*s != ':' || s[1] == '\0')
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!isdigit((unsigned char)s[i]) || i > 5)
			return 0;
	return 1;
}

int guard_host(const char *host)
{
	static const char *names[] = { "127.0.0.1", "localhost", "[::1]" };
	size_t i, n;

	if (host == NULL)
		return 0;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		n = strlen(names[i]);
		if (strncasecmp(host, names[i], n) == 0 &&
		    port_suffix(host + n))
			return 1;
	}
	return 0;
}

int guard_host_literal(const char *host)
{
	char addr[INET6_ADDRSTRLEN + 1];
	unsigned char bin[16];
	const char *end;
	size_t n;

	if (host == NULL)
		return 0;
	if (guard_host(host))
		return 1;
	if (host[0] == '[') {
		end = strchr(host, ']');
		if (end == NULL)
			return 0;
		n = (size_t)(end - host - 1);
		if (n == 0 || n >= sizeof(addr))
			return 0;
		memcpy(addr, host + 1, n);
		addr[n] = '\0';
		return inet_pton(AF_INET6, addr, bin) == 1 &&
		       port_suffix(end + 1);
	}
	n = strcspn(host, ":");
	if (n == 0 || n >= sizeof(addr))
		return 0;
	memcpy(addr, host, n);
	addr[n] = '\0';
	return inet_pton(AF_INET, addr, bin) == 1 && port_suffix(host + n);
}

int guard_origin(const struct conf *c, const char *origin)
{
	size_t i;

	if (origin == NULL || origin[0] == '\0')
		return 0;
	for (i = 0; i < c->n_origins; i++)
		if (strcasecmp(origin, c->origins[i]) == 0)
			return 1;
	return 0;
}

/* the caller sent no Origin: 1 unless a browser says it is cross-site */
int guard_fetch_site(const char *sec_fetch_site)
{
	return sec_fetch_site == NULL || sec_fetch_site[0] == '\0' ||
	       strcmp(sec_fetch_site, "none") == 0 ||
	       strcmp(sec_fetch_site, "same-origin") == 0;
}

/* Compared in constant time: the token is a secret. */
int guard_token(const struct conf *c, const char *given)
{
	size_t want = strlen(c->token);

	if (want == 0)
		return 1;
	if (given == NULL || strlen(given) != want)
		return 0;
	return CRYPTO_memcmp(given, c->token, want) == 0;
}

/* 1 for an address on the loopback: 127.0.0.0/8 or ::1 */
int guard_listen(const char *addr)
{
	static const unsigned char v6_loopback[16] = { [15] = 1 };
	unsigned char b[16];

	if (addr == NULL)
		return 0;
	if (inet_pton(AF_INET, addr, b) == 1)
		return b[0] == 127;
	if (inet_pton(AF_INET6, addr, b) == 1)
		return memcmp(b, v6_loopback, sizeof(b)) == 0;
	return 0;
}
