/*
 * A PIN-pad reader for the tests: a pcsc-lite IFD handler that the real
 * pcscd loads from a reader.conf entry.  Its card is our virtual card,
 * which connects to it over TCP exactly as it connects to vpcd (2-byte
 * big-endian length, payload; one-byte payloads 00 power off, 01 power on,
 * 02 reset, 04 ATR).  Its keypad is a script file the test writes (pad.h).
 *
 * DEVICENAME is "DIR:PORT": the driver listens on 127.0.0.1:PORT for the
 * card, reads DIR/pinpad.keys for the keys "typed", writes DIR/pinpad.log,
 * and creates DIR/pinpad.waiting while it waits with nobody typing.
 *
 * Test code: built by `make check`, never installed.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <ifdhandler.h>
#include <reader.h>

#include <openssl/crypto.h>

#include "pad.h"

#define IO_TIMEOUT_MS 5000
#define ANSWER_TIMEOUT_MS 2000  /* a card's deadline, as a CCID reader's */
#define MSG_MAX 65538
#define PAD_DEFAULT_TIMEOUT_S 30
#define CLASS2_IOCTL_MAGIC 0x330000
#define IOCTL_OF(feature) SCARD_CTL_CODE(CLASS2_IOCTL_MAGIC + (feature))

/* what a CCID PIN pad reports (PIN_PROPERTIES, TLV properties) */
#define PAD_MIN_PIN 4
#define PAD_MAX_PIN 12
#define PAD_TIMEOUT2 30

struct reader {
	int listen_fd;
	int card_fd;            /* -1: no card */
	char dir[PATH_MAX];
	uint8_t atr[MAX_ATR_SIZE];
	size_t atr_len;
	FILE *log;
};

/* pcscd serialises calls to a driver that does not say it is thread safe */
static struct reader rd = { -1, -1, "", { 0 }, 0, NULL };

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	va_list ap;

	if (rd.log == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(rd.log, fmt, ap);
	va_end(ap);
	fputc('\n', rd.log);
	fflush(rd.log);
}

static void drop_card(void)
{
	if (rd.card_fd >= 0) {
		close(rd.card_fd);
		say("card out");
	}
	rd.card_fd = -1;
	rd.atr_len = 0;
}

/* 0 done, -1 the line failed, -2 nothing came in time (the card is mute) */
static int io_full(int write_it, uint8_t *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		struct pollfd pfd = { rd.card_fd, write_it ? POLLOUT : POLLIN, 0 };
		int first = !write_it && done == 0;
		int ready = poll(&pfd, 1, first ? ANSWER_TIMEOUT_MS
						: IO_TIMEOUT_MS);
		ssize_t n;

		if (ready == 0 && first)
			return -2;
		if (ready <= 0)
			return -1;
		n = write_it ? send(rd.card_fd, buf + done, len - done,
				    MSG_NOSIGNAL)
			     : recv(rd.card_fd, buf + done, len - done, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

/* One exchange with the card; *resp_len in: room, out: length.  Returns 0,
 * -1 when the card is gone, -2 when it did not answer in time (the line
 * stays, as a reader's does when the card misses its deadline). */
static int exchange(const uint8_t *msg, size_t len, uint8_t *resp,
		    size_t *resp_len)
{
	uint8_t head[2];
	static uint8_t buf[MSG_MAX];
	size_t n;
	int r;

	if (rd.card_fd < 0 || len > MSG_MAX - 2)
		return -1;
	buf[0] = (uint8_t)(len >> 8);
	buf[1] = (uint8_t)len;
	memcpy(buf + 2, msg, len);
	if (io_full(1, buf, len + 2) < 0)
		goto gone;
	OPENSSL_cleanse(buf, len + 2);
	if (resp == NULL)
		return 0;
	r = io_full(0, head, 2);
	if (r == -2) {
		say("card mute");
		return -2;
	}
	if (r < 0)
		goto gone;
	n = (size_t)(head[0] << 8 | head[1]);
	if (n > *resp_len || io_full(0, resp, n) != 0)
		goto gone;
	*resp_len = n;
	return 0;
gone:
	OPENSSL_cleanse(buf, sizeof(buf));
	drop_card();
	return -1;
}

static void try_accept(void)
{
	int fd;

	if (rd.card_fd >= 0 || rd.listen_fd < 0)
		return;
	fd = accept(rd.listen_fd, NULL, NULL);
	if (fd < 0)
		return;
	rd.card_fd = fd;
	say("card in");
}

/* The card closed its socket (taken out)? */
static int card_left(void)
{
	struct pollfd pfd = { rd.card_fd, POLLIN, 0 };
	uint8_t b;

	if (rd.card_fd < 0)
		return 1;
	if (poll(&pfd, 1, 0) <= 0)
		return 0;
	if (recv(rd.card_fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) == 0 ||
	    (pfd.revents & (POLLHUP | POLLERR))) {
		drop_card();
		return 1;
	}
	return 0;
}

RESPONSECODE IFDHCreateChannelByName(DWORD Lun, LPSTR DeviceName)
{
	struct sockaddr_in sa;
	const char *colon = strrchr(DeviceName, ':');
	char path[PATH_MAX + 32];
	long port;
	int one = 1;

	(void)Lun;
	if (colon == NULL || (size_t)(colon - DeviceName) >= sizeof(rd.dir))
		return IFD_COMMUNICATION_ERROR;
	port = strtol(colon + 1, NULL, 0);
	if (port <= 0 || port > 65535)
		return IFD_COMMUNICATION_ERROR;
	memcpy(rd.dir, DeviceName, (size_t)(colon - DeviceName));
	rd.dir[colon - DeviceName] = '\0';
	snprintf(path, sizeof(path), "%s/pinpad.log", rd.dir);
	rd.log = fopen(path, "a");
	rd.listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			      0);
	if (rd.listen_fd < 0)
		return IFD_COMMUNICATION_ERROR;
	setsockopt(rd.listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(rd.listen_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(rd.listen_fd, 1) < 0) {
		say("cannot listen on port %ld: %s", port, strerror(errno));
		close(rd.listen_fd);
		rd.listen_fd = -1;
		return IFD_COMMUNICATION_ERROR;
	}
	say("PIN pad reader listening on 127.0.0.1:%ld", port);
	return IFD_SUCCESS;
}

RESPONSECODE IFDHCreateChannel(DWORD Lun, DWORD Channel)
{
	(void)Lun;
	(void)Channel;
	return IFD_NOT_SUPPORTED;   /* DEVICENAME is required */
}

RESPONSECODE IFDHCloseChannel(DWORD Lun)
{
	(void)Lun;
	drop_card();
	if (rd.listen_fd >= 0)
		close(rd.listen_fd);
	rd.listen_fd = -1;
	if (rd.log != NULL)
		fclose(rd.log);
	rd.log = NULL;
	return IFD_SUCCESS;
}

RESPONSECODE IFDHICCPresence(DWORD Lun)
{
	(void)Lun;
	try_accept();
	return card_left() ? IFD_ICC_NOT_PRESENT : IFD_ICC_PRESENT;
}

RESPONSECODE IFDHPowerICC(DWORD Lun, DWORD Action, PUCHAR Atr,
			  PDWORD AtrLength)
{
	uint8_t cmd, ask_atr = 0x04;
	size_t len = sizeof(rd.atr);

	(void)Lun;
	*AtrLength = 0;
	switch (Action) {
	case IFD_POWER_DOWN:
		cmd = 0x00;
		break;
	case IFD_POWER_UP:
		cmd = 0x01;
		break;
	case IFD_RESET:
		cmd = 0x02;
		break;
	default:
		return IFD_NOT_SUPPORTED;
	}
	if (rd.card_fd < 0)
		return IFD_ICC_NOT_PRESENT;
	if (exchange(&cmd, 1, NULL, NULL) < 0)
		return IFD_ICC_NOT_PRESENT;
	if (Action == IFD_POWER_DOWN) {
		rd.atr_len = 0;
		return IFD_SUCCESS;
	}
	if (exchange(&ask_atr, 1, rd.atr, &len) < 0 || len == 0)
		return IFD_ERROR_POWER_ACTION;
	rd.atr_len = len;
	memcpy(Atr, rd.atr, len);
	*AtrLength = (DWORD)len;
	return IFD_SUCCESS;
}

RESPONSECODE IFDHTransmitToICC(DWORD Lun, SCARD_IO_HEADER SendPci,
			       PUCHAR TxBuffer, DWORD TxLength,
			       PUCHAR RxBuffer, PDWORD RxLength,
			       PSCARD_IO_HEADER RecvPci)
{
	size_t len = *RxLength;
	int r;

	(void)Lun;
	(void)SendPci;
	(void)RecvPci;
	*RxLength = 0;
	r = exchange(TxBuffer, TxLength, RxBuffer, &len);
	if (r == -2)
		return IFD_RESPONSE_TIMEOUT;
	if (r < 0)
		return rd.card_fd < 0 ? IFD_ICC_NOT_PRESENT
				      : IFD_COMMUNICATION_ERROR;
	*RxLength = (DWORD)len;
	return IFD_SUCCESS;
}

static size_t put_feature(uint8_t *p, uint8_t feature)
{
	uint32_t code = IOCTL_OF(feature);

	p[0] = feature;
	p[1] = 4;
	p[2] = (uint8_t)(code >> 24);
	p[3] = (uint8_t)(code >> 16);
	p[4] = (uint8_t)(code >> 8);
	p[5] = (uint8_t)code;
	return 6;
}

static RESPONSECODE answer(const uint8_t *data, size_t len, PUCHAR out,
			   DWORD out_len, LPDWORD returned)
{
	if (len > out_len)
		return IFD_ERROR_INSUFFICIENT_BUFFER;
	memcpy(out, data, len);
	*returned = (DWORD)len;
	return IFD_SUCCESS;
}

static RESPONSECODE features(PUCHAR out, DWORD out_len, LPDWORD returned)
{
	uint8_t buf[4 * 6];
	size_t n = 0;

	n += put_feature(buf + n, FEATURE_VERIFY_PIN_DIRECT);
	n += put_feature(buf + n, FEATURE_MODIFY_PIN_DIRECT);
	n += put_feature(buf + n, FEATURE_IFD_PIN_PROPERTIES);
	n += put_feature(buf + n, FEATURE_GET_TLV_PROPERTIES);
	return answer(buf, n, out, out_len, returned);
}

static RESPONSECODE tlv_properties(PUCHAR out, DWORD out_len,
				   LPDWORD returned)
{
	static const uint8_t tlv[] = {
		PCSCv2_PART10_PROPERTY_wLcdLayout, 2, 0x00, 0x00,
		PCSCv2_PART10_PROPERTY_bEntryValidationCondition, 1, 0x02,
		PCSCv2_PART10_PROPERTY_bTimeOut2, 1, PAD_TIMEOUT2,
		PCSCv2_PART10_PROPERTY_bMinPINSize, 1, PAD_MIN_PIN,
		PCSCv2_PART10_PROPERTY_bMaxPINSize, 1, PAD_MAX_PIN,
		PCSCv2_PART10_PROPERTY_bPPDUSupport, 1, 0x00,
	};

	return answer(tlv, sizeof(tlv), out, out_len, returned);
}

static RESPONSECODE pin_properties(PUCHAR out, DWORD out_len,
				   LPDWORD returned)
{
	/* wLcdLayout (none), bEntryValidationCondition (key), bTimeOut2 */
	static const uint8_t props[] = { 0x00, 0x00, 0x02, PAD_TIMEOUT2 };

	return answer(props, sizeof(props), out, out_len, returned);
}

static void wait_marker(int on)
{
	char path[PATH_MAX + 32];
	int fd;

	snprintf(path, sizeof(path), "%s/pinpad.waiting", rd.dir);
	if (!on) {
		unlink(path);
		return;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
}

/* Nobody types: until the card leaves (1) or the timeout ends (0). */
static int wait_nobody(int timeout_s)
{
	struct timespec start, now;
	int left;

	wait_marker(1);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct pollfd pfd = { rd.card_fd, POLLIN, 0 };

		clock_gettime(CLOCK_MONOTONIC, &now);
		left = timeout_s * 1000 -
		       (int)((now.tv_sec - start.tv_sec) * 1000 +
			     (now.tv_nsec - start.tv_nsec) / 1000000);
		if (left <= 0)
			break;
		if (poll(&pfd, 1, left) > 0 && card_left()) {
			wait_marker(0);
			return 1;
		}
	}
	wait_marker(0);
	return 0;
}

static RESPONSECODE sw_answer(unsigned sw, PUCHAR out, DWORD out_len,
			      LPDWORD returned)
{
	uint8_t b[2] = { (uint8_t)(sw >> 8), (uint8_t)sw };

	say("  pad answers %04X", sw);
	return answer(b, 2, out, out_len, returned);
}

static RESPONSECODE pin_entry(int modify, const uint8_t *s, size_t s_len,
			      PUCHAR out, DWORD out_len, LPDWORD returned)
{
	struct pad_entry e;
	uint8_t apdu[PAD_APDU_MAX];
	char script[PATH_MAX + 32];
	size_t resp_len = out_len;
	int n, r, bad, timeout = pad_timeout(s, s_len);
	RESPONSECODE rv;

	if (timeout == 0)
		timeout = PAD_DEFAULT_TIMEOUT_S;
	snprintf(script, sizeof(script), "%s/pinpad.keys", rd.dir);
	pad_next(script, &e, &bad);
	say("%s PIN on the pad (timeout %d s)", modify ? "modify" : "verify",
	    timeout);
	if (bad)
		say("  script line not understood: taken as cancel");
	switch (e.action) {
	case PAD_CANCEL:
		say("  cancel pressed");
		rv = sw_answer(0x6401, out, out_len, returned);
		goto out;
	case PAD_TIMEOUT:
		say("  nobody typed");
		rv = sw_answer(0x6400, out, out_len, returned);
		goto out;
	case PAD_WAIT:
		say("  waiting, nobody typing");
		if (wait_nobody(timeout)) {
			say("  the card left while the pad waited");
			rv = IFD_ICC_NOT_PRESENT;
			goto out;
		}
		rv = sw_answer(0x6400, out, out_len, returned);
		goto out;
	case PAD_TYPED:
		break;
	}
	say("  %d PIN(s) typed, %zu digits first", e.fields, strlen(e.pin[0]));
	n = pad_build(modify, s, s_len, &e, apdu, sizeof(apdu));
	if (n < 0) {
		rv = sw_answer((unsigned)-n, out, out_len, returned);
		goto out;
	}
	say("  to the card: %02X %02X %02X %02X Lc=%02X, %d data bytes (not "
	    "logged)", apdu[0], apdu[1], apdu[2], apdu[3], apdu[4], n - 5);
	r = exchange(apdu, (size_t)n, out, &resp_len);
	if (r < 0) {
		rv = r == -2 ? IFD_RESPONSE_TIMEOUT : IFD_ICC_NOT_PRESENT;
		goto out;
	}
	if (resp_len >= 2)
		say("  card answers %02X%02X", out[resp_len - 2],
		    out[resp_len - 1]);
	*returned = (DWORD)resp_len;
	rv = IFD_SUCCESS;
out:
	OPENSSL_cleanse(apdu, sizeof(apdu));
	pad_wipe(&e);
	return rv;
}

RESPONSECODE IFDHControl(DWORD Lun, DWORD dwControlCode, PUCHAR TxBuffer,
			 DWORD TxLength, PUCHAR RxBuffer, DWORD RxLength,
			 LPDWORD pdwBytesReturned)
{
	(void)Lun;
	*pdwBytesReturned = 0;
	if (dwControlCode == CM_IOCTL_GET_FEATURE_REQUEST)
		return features(RxBuffer, RxLength, pdwBytesReturned);
	if (dwControlCode == IOCTL_OF(FEATURE_GET_TLV_PROPERTIES))
		return tlv_properties(RxBuffer, RxLength, pdwBytesReturned);
	if (dwControlCode == IOCTL_OF(FEATURE_IFD_PIN_PROPERTIES))
		return pin_properties(RxBuffer, RxLength, pdwBytesReturned);
	if (dwControlCode == IOCTL_OF(FEATURE_VERIFY_PIN_DIRECT) ||
	    dwControlCode == IOCTL_OF(FEATURE_MODIFY_PIN_DIRECT)) {
		if (rd.card_fd < 0)
			return IFD_ICC_NOT_PRESENT;
		if (TxBuffer == NULL || RxLength < 2)
			return IFD_ERROR_INSUFFICIENT_BUFFER;
		return pin_entry(dwControlCode ==
				 IOCTL_OF(FEATURE_MODIFY_PIN_DIRECT),
				 TxBuffer, TxLength, RxBuffer, RxLength,
				 pdwBytesReturned);
	}
	return IFD_ERROR_NOT_SUPPORTED;
}

RESPONSECODE IFDHGetCapabilities(DWORD Lun, DWORD Tag, PDWORD Length,
				 PUCHAR Value)
{
	(void)Lun;
	switch (Tag) {
	case TAG_IFD_ATR:
		if (*Length < rd.atr_len)
			return IFD_ERROR_INSUFFICIENT_BUFFER;
		memcpy(Value, rd.atr, rd.atr_len);
		*Length = (DWORD)rd.atr_len;
		return IFD_SUCCESS;
	case TAG_IFD_SIMULTANEOUS_ACCESS:
	case TAG_IFD_SLOTS_NUMBER:
		if (*Length < 1)
			return IFD_ERROR_INSUFFICIENT_BUFFER;
		Value[0] = 1;
		*Length = 1;
		return IFD_SUCCESS;
	case TAG_IFD_THREAD_SAFE:
	case TAG_IFD_SLOT_THREAD_SAFE:
		if (*Length < 1)
			return IFD_ERROR_INSUFFICIENT_BUFFER;
		Value[0] = 0;
		*Length = 1;
		return IFD_SUCCESS;
	default:
		return IFD_ERROR_TAG;
	}
}

RESPONSECODE IFDHSetCapabilities(DWORD Lun, DWORD Tag, DWORD Length,
				 PUCHAR Value)
{
	(void)Lun;
	(void)Tag;
	(void)Length;
	(void)Value;
	return IFD_NOT_SUPPORTED;
}

RESPONSECODE IFDHSetProtocolParameters(DWORD Lun, DWORD Protocol, UCHAR Flags,
				       UCHAR PTS1, UCHAR PTS2, UCHAR PTS3)
{
	(void)Lun;
	(void)Flags;
	(void)PTS1;
	(void)PTS2;
	(void)PTS3;
	return Protocol == SCARD_PROTOCOL_T0 || Protocol == SCARD_PROTOCOL_T1
	       ? IFD_SUCCESS : IFD_PROTOCOL_NOT_SUPPORTED;
}
