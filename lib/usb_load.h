/*
 * libusb, loaded on first use (usb_load.c).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_USB_LOAD_H
#define SSCARD_USB_LOAD_H

#include <libusb.h>

#include "internal.h"

struct sscardi_usb_api {
	int (*init)(libusb_context **ctx);
	void (*exit)(libusb_context *ctx);
	ssize_t (*get_device_list)(libusb_context *ctx,
				   libusb_device ***list);
	void (*free_device_list)(libusb_device **list, int unref);
	int (*get_device_descriptor)(libusb_device *dev,
				     struct libusb_device_descriptor *desc);
	int (*get_active_config_descriptor)(
		libusb_device *dev, struct libusb_config_descriptor **config);
	int (*get_config_descriptor)(libusb_device *dev, uint8_t index,
				     struct libusb_config_descriptor **config);
	void (*free_config_descriptor)(struct libusb_config_descriptor *config);
	int (*open)(libusb_device *dev, libusb_device_handle **handle);
	void (*close)(libusb_device_handle *handle);
	int (*get_string_descriptor_ascii)(libusb_device_handle *handle,
					   uint8_t index, unsigned char *data,
					   int length);
	int (*get_port_numbers)(libusb_device *dev, uint8_t *ports, int len);
	uint8_t (*get_bus_number)(libusb_device *dev);
	uint8_t (*get_device_address)(libusb_device *dev);
};

/* libusb's functions, or NULL when libusb-1.0.so.0 cannot be loaded. */
SSCARDI_HIDDEN const struct sscardi_usb_api *sscardi_usb_api(void);

#endif
