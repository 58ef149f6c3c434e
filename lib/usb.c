/*
 * Reader diagnostics with libusb: descriptors only.  This file is never on
 * the data path; pcscd owns the readers.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "usb_load.h"

#define EXTRA_MAX 64

struct model {
	uint16_t vid, pid;          /* pid 0xFFFF: any product */
	const char *name;
};

/* Readers seen in Chinese hospitals and pharmacies (lib/card.md). */
static const struct model models[] = {
	{ 0x257B, 0xC305, "Decard (5 CCID interfaces: contactless, contact, SAMs)" },
	{ 0x257B, 0x3031, "Decard" },
	{ 0x257B, 0xD205, "Decard" },
	{ 0x163C, 0x0A03, "Watchdata" },
	{ 0x163C, 0x0A28, "Watchdata" },
	{ 0x096E, 0xFFFF, "Feitian" },
	{ 0x1EA8, 0x8013, "Excelsecu" },
	{ 0xA625, 0x0810, "Tianyu" },
};

struct extra {
	uint16_t vid, pid;
	char name[64];
};

/* "VID:PID name" lines from $SSCARD_READERS_FILE. */
static size_t load_extra(struct extra *x, size_t max)
{
	const char *path = secure_getenv("SSCARD_READERS_FILE");
	char line[160];
	unsigned vid, pid;
	size_t n = 0;
	int off;
	FILE *f;

	if (path == NULL)
		return 0;
	f = sscardi_open_config(path);
	if (f == NULL)
		return 0;
	while (n < max) {
		int got = sscardi_config_line(f, line, sizeof(line));
		size_t i;

		if (got == SSCARDI_LINE_EOF)
			break;
		if (got < 0 ||
		    sscanf(line, "%4x:%4x %n", &vid, &pid, &off) != 2)
			continue;       /* not a "VID:PID name" line */
		x[n].vid = (uint16_t)vid;
		x[n].pid = (uint16_t)pid;
		snprintf(x[n].name, sizeof(x[n].name), "%s", line + off);
		for (i = 0; x[n].name[i] != '\0'; i++)
			if ((unsigned char)x[n].name[i] < 0x20 ||
			    x[n].name[i] == 0x7F)
				x[n].name[i] = '?';
		n++;
	}
	fclose(f);
	return n;
}

static const char *model_name(uint16_t vid, uint16_t pid,
			      const struct extra *x, size_t nx)
{
	size_t i;

	for (i = 0; i < nx; i++)
		if (x[i].vid == vid && x[i].pid == pid)
			return x[i].name;
	for (i = 0; i < sizeof(models) / sizeof(models[0]); i++)
		if (models[i].vid == vid &&
		    (models[i].pid == pid || models[i].pid == 0xFFFF))
			return models[i].name;
	return NULL;
}

static void interfaces(const struct sscardi_usb_api *usb, libusb_device *dev,
		       struct sscard_usb_device *d)
{
	struct libusb_config_descriptor *cfg;
	int i, a;

	if (usb->get_active_config_descriptor(dev, &cfg) != 0 &&
	    usb->get_config_descriptor(dev, 0, &cfg) != 0)
		return;
	for (i = 0; i < cfg->bNumInterfaces; i++) {
		for (a = 0; a < cfg->interface[i].num_altsetting; a++) {
			uint8_t c =
				cfg->interface[i].altsetting[a].bInterfaceClass;

			d->ccid |= c == LIBUSB_CLASS_SMART_CARD;
			d->hid |= c == LIBUSB_CLASS_HID;
		}
	}
	usb->free_config_descriptor(cfg);
}

/* Strings need the device opened (no interface claimed); without access,
 * the kernel's copies in sysfs. */
static void strings(const struct sscardi_usb_api *usb, libusb_device *dev,
		    const struct libusb_device_descriptor *dd,
		    struct sscard_usb_device *d)
{
	libusb_device_handle *h;
	uint8_t ports[8];
	char path[128], name[32];
	int n, i, w;
	FILE *f;

	if (usb->open(dev, &h) == 0) {
		if (dd->iManufacturer)
			usb->get_string_descriptor_ascii(h, dd->iManufacturer,
				(unsigned char *)d->vendor, sizeof(d->vendor));
		if (dd->iProduct)
			usb->get_string_descriptor_ascii(
				h, dd->iProduct, (unsigned char *)d->product,
				sizeof(d->product));
		usb->close(h);
	}
	if (d->vendor[0] != '\0' && d->product[0] != '\0')
		return;
	n = usb->get_port_numbers(dev, ports, sizeof(ports));
	if (n <= 0)
		return;
	w = snprintf(name, sizeof(name), "%u-%u", usb->get_bus_number(dev),
		     ports[0]);
	for (i = 1; i < n && w > 0 && (size_t)w < sizeof(name); i++)
		w += snprintf(name + w, sizeof(name) - (size_t)w, ".%u",
			      ports[i]);
	snprintf(path, sizeof(path), "/sys/bus/usb/devices/%s/manufacturer",
		 name);
	if (d->vendor[0] == '\0' && (f = fopen(path, "re")) != NULL) {
		if (fgets(d->vendor, sizeof(d->vendor), f) == NULL)
			d->vendor[0] = '\0';
		d->vendor[strcspn(d->vendor, "\n")] = '\0';
		fclose(f);
	}
	snprintf(path, sizeof(path), "/sys/bus/usb/devices/%s/product", name);
	if (d->product[0] == '\0' && (f = fopen(path, "re")) != NULL) {
		if (fgets(d->product, sizeof(d->product), f) == NULL)
			d->product[0] = '\0';
		d->product[strcspn(d->product, "\n")] = '\0';
		fclose(f);
	}
}

static void node_access(const struct sscardi_usb_api *usb, libusb_device *dev,
			struct sscard_usb_device *d)
{
	struct stat st;
	struct passwd *pw;
	struct group *gr;

	snprintf(d->node, sizeof(d->node), "/dev/bus/usb/%03u/%03u",
		 usb->get_bus_number(dev), usb->get_device_address(dev));
	if (stat(d->node, &st) != 0)
		return;
	d->mode = st.st_mode & 07777;
	pw = getpwuid(st.st_uid);
	gr = getgrgid(st.st_gid);
	snprintf(d->owner, sizeof(d->owner), "%s", pw ? pw->pw_name : "?");
	snprintf(d->group, sizeof(d->group), "%s", gr ? gr->gr_name : "?");
	d->user_access = access(d->node, R_OK | W_OK) == 0;
}

int sscard_usb_list(struct sscard_usb_device *devs, size_t max, size_t *count)
{
	struct extra extra[EXTRA_MAX];
	const struct sscardi_usb_api *usb = sscardi_usb_api();
	libusb_context *uctx = NULL;
	libusb_device **list = NULL;
	size_t nx, n = 0;
	ssize_t nd, i;
	int rv = 0;

	if (count == NULL || (devs == NULL && max > 0))
		return SSCARD_E_INVALID_ARG;
	*count = 0;
	nx = load_extra(extra, EXTRA_MAX);
	if (usb == NULL || usb->init(&uctx) != 0)
		return SSCARD_E_READER;
	nd = usb->get_device_list(uctx, &list);
	if (nd < 0) {
		rv = SSCARD_E_READER;
		goto out;
	}
	for (i = 0; i < nd; i++) {
		struct libusb_device_descriptor dd;
		struct sscard_usb_device d;
		const char *name;

		if (usb->get_device_descriptor(list[i], &dd) != 0)
			continue;
		memset(&d, 0, sizeof(d));
		d.vid = dd.idVendor;
		d.pid = dd.idProduct;
		interfaces(usb, list[i], &d);
		name = model_name(d.vid, d.pid, extra, nx);
		if (name != NULL) {
			d.known = 1;
			snprintf(d.model, sizeof(d.model), "%s", name);
		}
		if (!d.ccid && !d.hid && !d.known)
			continue;
		/* a keyboard or a mouse is HID too: keep HID only when the
		 * table knows the model */
		if (!d.ccid && !d.known)
			continue;
		strings(usb, list[i], &dd, &d);
		node_access(usb, list[i], &d);
		if (n < max)
			devs[n] = d;
		n++;
	}
	*count = n;
out:
	usb->free_device_list(list, 1);
	usb->exit(uctx);
	return rv;
}

int sscard_pcsc_probe(struct sscard_pcsc_info *info)
{
	const char *env = secure_getenv("PCSCLITE_CSOCK_NAME");
	struct sockaddr_un sa;
	int fd;

	if (info == NULL)
		return SSCARD_E_INVALID_ARG;
	memset(info, 0, sizeof(*info));
	snprintf(info->socket, sizeof(info->socket), "%s",
		 env ? env : "/run/pcscd/pcscd.comm");
	info->socket_exists = access(info->socket, F_OK) == 0;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sun_family = AF_UNIX;
		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", info->socket);
		info->socket_connects =
			connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
		close(fd);
	}
	info->context = sscardi_pcsc_backend.probe(&info->pcsc_rv);
	if (info->context == SSCARDI_E_NOT_TRANSACTED)
		info->context = SSCARD_E_READER;
	if (info->socket_connects && info->context == SSCARD_E_NO_SERVICE)
		info->context = SSCARD_E_ACCESS_DENIED;   /* polkit said no */
	return 0;
}
