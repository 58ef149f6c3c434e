# libsscard - plain Makefile.  `make help` lists the targets.
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later

VERSION_MAJOR := 0
VERSION_MINOR := 7
VERSION_PATCH := 0
VERSION       := $(VERSION_MAJOR).$(VERSION_MINOR).$(VERSION_PATCH)

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DATADIR    ?= $(PREFIX)/share/libsscard
# the host's key-guard store (lib/guardstore.c), shared by every door
STATEDIR   ?= /var/lib/libsscard
PYTHONDIR  ?= $(PREFIX)/lib/python3/dist-packages
JAVADIR    ?= $(PREFIX)/share/java
LOCALEDIR  ?= $(PREFIX)/share/locale
UDEVRULESDIR ?= /lib/udev/rules.d
POLKITRULESDIR ?= /usr/share/polkit-1/rules.d
SYSCONFDIR ?= /etc
SYSTEMDUNITDIR ?= /lib/systemd/system
SYSTEMDUSERUNITDIR ?= /usr/lib/systemd/user
TMPFILESDIR ?= /usr/lib/tmpfiles.d
DESTDIR    ?=

CC ?= cc
PKG_CONFIG ?= pkg-config

# A cross build: make ARCH=arm64 (make deps-arm64 installs what it needs).
# The -dev packages that do not co-install with the host's are unpacked
# into CROSS_SYSROOT (tests/cross/deps.sh).
CROSS_TRIPLET_arm64  := aarch64-linux-gnu
CROSS_TRIPLET_loong64 := loongarch64-linux-gnu
ifneq ($(ARCH),)
TRIPLET := $(CROSS_TRIPLET_$(ARCH))
ifeq ($(TRIPLET),)
$(error ARCH=$(ARCH) is not one of: arm64 loong64)
endif
ifneq ($(filter default undefined,$(origin CC)),)
CC := $(TRIPLET)-gcc
endif
AR := $(TRIPLET)-ar
CROSS_SYSROOT ?= $(CURDIR)/build-$(ARCH)-sysroot
ifeq ($(wildcard $(CROSS_SYSROOT)/.done),)
ifneq ($(MAKECMDGOALS),clean)
$(error ARCH=$(ARCH): no $(CROSS_SYSROOT): make deps-$(ARCH) first (README, "Other architectures"))
endif
endif
CROSS_PC := $(CROSS_SYSROOT)/usr/lib/$(TRIPLET)/pkgconfig:/usr/lib/$(TRIPLET)/pkgconfig
PKG_CONFIG := PKG_CONFIG_LIBDIR=$(CROSS_PC):/usr/share/pkgconfig pkg-config
ARCH_SUFFIX := -$(ARCH)
# no x86 assumption: a cast that raises the alignment is an error
ARCH_WARN := -Wcast-align=strict
endif

# quiet by default: one line a file; V=1 shows the whole command lines
ifeq ($(V),1)
Q :=
SAY := @true
else
Q := @
SAY := @printf '  %-6s %s\n'
endif

ifeq ($(SANITIZE),thread)
BUILD    ?= build-tsan$(ARCH_SUFFIX)
SANFLAGS := -fsanitize=thread -fno-omit-frame-pointer
OPT      := -O1 -g
else ifeq ($(SANITIZE),1)
BUILD    ?= build-san$(ARCH_SUFFIX)
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT      := -O1 -g
else ifeq ($(SANITIZE),undefined)
# UBSan alone (alignment among its checks): what runs under qemu-user
BUILD    ?= build-ubsan$(ARCH_SUFFIX)
SANFLAGS := -fsanitize=undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT      := -O1 -g
else
BUILD    ?= build$(ARCH_SUFFIX)
SANFLAGS :=
OPT      := -O2 -g
endif

PCSC_CFLAGS := $(shell $(PKG_CONFIG) --cflags libpcsclite 2>/dev/null)
USB_CFLAGS  := $(shell $(PKG_CONFIG) --cflags libusb-1.0 2>/dev/null)
PCSC_LIBS   := $(shell $(PKG_CONFIG) --libs libpcsclite 2>/dev/null)
JSON_CFLAGS := $(shell $(PKG_CONFIG) --cflags json-c 2>/dev/null)
JSON_LIBS   := $(shell $(PKG_CONFIG) --libs json-c 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
LWS_CFLAGS  := $(shell $(PKG_CONFIG) --cflags libwebsockets 2>/dev/null)
LWS_LIBS    := $(shell $(PKG_CONFIG) --libs libwebsockets 2>/dev/null)
# the journal's structured fields (app/slog.c)
SYSTEMD_LIBS := $(shell $(PKG_CONFIG) --libs libsystemd 2>/dev/null)

# warnings are errors here and in CI; the Debian package builds with
# WERROR= so that a newer compiler's new warning does not fail it
WERROR   ?= -Werror
WARN     := -std=c11 -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2 $(ARCH_WARN)
CPPFLAGS += -Iinclude -Iapdu -Ilib -D_DEFAULT_SOURCE
CFLAGS   ?= $(OPT)
ALLCFLAGS = $(WARN) $(CFLAGS) $(SANFLAGS) -pthread -MMD -MP
LDFLAGS  += $(SANFLAGS) -pthread
# libusb is loaded by the first USB listing (lib/usb_load.c), not linked
LIBDEPS  := $(PCSC_LIBS) -lcrypto -ldl

LIBDEFS  := -DSSCARD_BUILDING -DSSCARD_VERSION_STRING='"$(VERSION)"'
LIB_SRC  := $(wildcard apdu/*.c) $(wildcard lib/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/pic/%.o)
LIB_SOBJ := $(LIB_SRC:%.c=$(BUILD)/static/%.o)

SONAME   := libsscard.so.$(VERSION_MAJOR)
SHLIB    := $(BUILD)/libsscard.so.$(VERSION)
STLIB    := $(BUILD)/libsscard.a

# what the programs share (PIN entry; public header only), as an archive
APP_SRC := $(wildcard app/*.c)
APP_LIB := $(BUILD)/libsscard-app.a

CLI_SRC  := $(wildcard tools/sscard-info/*.c)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
CLI      := $(BUILD)/sscard-info

# the local reader service: libwebsockets, and libSSCardDriver for the
# ministry dialect
SSCARDD_SRC := $(wildcard service/sscardd/*.c)
SSCARDD_OBJ := $(SSCARDD_SRC:%.c=$(BUILD)/%.o)
SSCARDD     := $(BUILD)/sscardd

# the browser extension's native messaging host: the door of the
# application core, framed for the browser; sscardd's settings, origin
# check, error texts and log, shared as curl's tools share curlx
BRIDGE_SRC    := $(wildcard service/sscard-bridge/*.c)
BRIDGE_OBJ    := $(BRIDGE_SRC:%.c=$(BUILD)/%.o)
BRIDGE_SHARED := $(addprefix $(BUILD)/service/sscardd/,conf.o guard.o lang.o log.o)
BRIDGE        := $(BUILD)/sscard-bridge

# the ministry interface on top of libsscard (compat/libSSCardDriver),
# own SONAME
DRIVER_VERSION := 1.0.0
DRIVER_SONAME  := libSSCardDriver.so.1
DRIVER_LIB     := $(BUILD)/libSSCardDriver.so.$(DRIVER_VERSION)
DRIVER_DIR     := compat/libSSCardDriver
DRIVER_SRC     := $(wildcard $(DRIVER_DIR)/*.c)
DRIVER_OBJ     := $(DRIVER_SRC:%.c=$(BUILD)/pic/%.o)
# the pure helpers it shares with libsscard (ATR parsing, config lines),
# the programs' PSAM search, card-gone list and monotonic condition
DRIVER_SHARED  := $(BUILD)/pic/apdu/atr.o $(BUILD)/pic/lib/file.o \
		  $(BUILD)/pic/app/psam.o \
		  $(BUILD)/pic/app/cardfate.o \
		  $(BUILD)/pic/app/cond.o \
		  $(BUILD)/pic/app/slog.o

# libdcrf32: Decard's reader API on PC/SC (compat/dcrf32), its own
# unversioned SONAME in a directory of its own.  Every name of the names
# list is exported: the ones compat/dcrf32/*.c define, and a generated
# "not supported" for the rest (gen.py, from what the objects define).
DCRF32_DIR    := compat/dcrf32
DCRF32_SRC    := $(wildcard $(DCRF32_DIR)/*.c)
DCRF32_OBJ    := $(DCRF32_SRC:$(DCRF32_DIR)/%.c=$(BUILD)/dcrf32/obj/%.o)
DCRF32_H      := $(BUILD)/dcrf32/dcrf32.h
DCRF32_LIB    := $(BUILD)/dcrf32/libdcrf32.so
DCRF32_NAMES  := $(DCRF32_DIR)/dcrf32.names
DCRF32_GEN    := python3 $(DCRF32_DIR)/gen.py
DCRF32_SHARED := $(BUILD)/pic/lib/file.o $(BUILD)/pic/app/psam.o
DCRF32LIBDIR  ?= $(LIBDIR)/sscard/dcrf32

# libsscard-json: the programs' JSON writer (app/output.c) as a
# library for other languages; json-c stays out of libsscard.so
JSONLIB_DIR    := bindings/json
JSONLIB_SONAME := libsscard-json.so.0
JSONLIB        := $(BUILD)/libsscard-json.so.$(VERSION)
JSONLIB_OBJ    := $(BUILD)/pic/$(JSONLIB_DIR)/json.o \
		  $(BUILD)/pic/app/output.o \
		  $(BUILD)/pic/app/doctor.o

# the Python binding and the JS client are installed as they are
PY_FILES := $(wildcard bindings/python/sscard/*.py)
JS_FILES := $(addprefix bindings/js/,sscard.mjs sscard.d.ts package.json)

# the Java binding: a jar against Debian's JNA, and its JUnit tests
JAVA_DIR      := bindings/java
JAVA_SRC      := $(wildcard $(JAVA_DIR)/org/libsscard/*.java)
JAR           := $(BUILD)/java/sscard.jar
JNA_JAR       := /usr/share/java/jna.jar
JUNIT_JAR     := /usr/share/java/junit4.jar
JAVA_TEST_SRC := $(wildcard tests/bindings/java/org/libsscard/*.java)
JAVAC         := javac --release 17 -encoding UTF-8 -Xlint:all $(WERROR)

EXAMPLES := $(patsubst examples/%.c,$(BUILD)/examples/%,$(wildcard examples/*.c))

# test support: the virtual card model, the mock transport, the unit fixture
VCARD_SRC := $(filter-out tests/vcard/sscard-vcard.c tests/vcard/sscard-test-hsm.c,$(wildcard tests/vcard/*.c))
VCARD_OBJ := $(VCARD_SRC:%.c=$(BUILD)/%.o)
UNIT_SUPPORT_OBJ := $(BUILD)/tests/unit/mock_transport.o \
                    $(BUILD)/tests/unit/session.o
VCARD_BIN := $(BUILD)/sscard-vcard
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
ITEST_BIN := $(patsubst tests/integration/%.c,$(BUILD)/tests/integration/%,$(wildcard tests/integration/*.c))

.SECONDARY:

.PHONY: java bindings driver dcrf32 bridge webext all lib cli sscardd examples check unit integration demo deps install \
        uninstall clean help test-bins harness check-threads fuzz bench style \
        deps-arm64 check-arm64 deb-check-arm64

all: lib cli examples sscardd bridge

lib: $(SHLIB) $(STLIB) driver $(JSONLIB) dcrf32
dcrf32: $(DCRF32_LIB)
driver: $(DRIVER_LIB)

$(JSONLIB_OBJ): LIBDEFS += -Iapp $(JSON_CFLAGS)
$(JSONLIB): $(JSONLIB_OBJ) $(SHLIB) $(JSONLIB_DIR)/libsscard-json.map
	$(SAY) LD $@
	$(Q)$(CC) -shared -Wl,-soname,$(JSONLIB_SONAME) -Wl,--no-undefined \
	    -Wl,--version-script=$(JSONLIB_DIR)/libsscard-json.map -o $@ \
	    $(JSONLIB_OBJ) -L$(BUILD) -lsscard $(LDFLAGS) $(JSON_LIBS) -lcrypto
	$(Q)ln -sf libsscard-json.so.$(VERSION) $(BUILD)/$(JSONLIB_SONAME)
	$(Q)ln -sf $(JSONLIB_SONAME) $(BUILD)/libsscard-json.so

# (a pattern: the fuzzers' tree makes its own)
%/dcrf32/dcrf32.h: $(DCRF32_NAMES) $(DCRF32_DIR)/codes.h $(DCRF32_DIR)/gen.py
	@mkdir -p $(dir $@)
	$(SAY) GEN $@
	$(Q)$(DCRF32_GEN) header $(DCRF32_NAMES) $(DCRF32_DIR)/codes.h > $@.tmp
	$(Q)mv $@.tmp $@

# exported by name through the version script, so default visibility
$(BUILD)/dcrf32/obj/%.o: $(DCRF32_DIR)/%.c $(DCRF32_H)
	@mkdir -p $(dir $@)
	$(SAY) CC $@
	$(Q)$(CC) $(CPPFLAGS) -I$(BUILD)/dcrf32 -Iapp $(ALLCFLAGS) -fPIC \
	    -c $< -o $@

$(BUILD)/dcrf32/defined: $(DCRF32_OBJ)
	$(Q)nm -g --defined-only $(DCRF32_OBJ) | awk '$$2 == "T" { print $$3 }' \
	    > $@

$(BUILD)/dcrf32/stubs.c: $(BUILD)/dcrf32/defined $(DCRF32_NAMES)
	$(SAY) GEN $@
	$(Q)$(DCRF32_GEN) stubs $(DCRF32_NAMES) $< > $@.tmp
	$(Q)mv $@.tmp $@

$(BUILD)/dcrf32/libdcrf32.map: $(DCRF32_NAMES)
	$(Q)$(DCRF32_GEN) map $< > $@

$(BUILD)/dcrf32/stubs.o: $(BUILD)/dcrf32/stubs.c $(DCRF32_H)
	$(SAY) CC $@
	$(Q)$(CC) -I$(BUILD)/dcrf32 $(ALLCFLAGS) -Wno-unused-parameter -fPIC \
	    -c $< -o $@

$(DCRF32_LIB): $(DCRF32_OBJ) $(BUILD)/dcrf32/stubs.o $(DCRF32_SHARED) \
		$(BUILD)/dcrf32/libdcrf32.map $(SHLIB)
	$(SAY) LD $@
	$(Q)$(CC) -shared -Wl,-soname,libdcrf32.so -Wl,--no-undefined \
	    -Wl,--version-script=$(BUILD)/dcrf32/libdcrf32.map -o $@ \
	    $(DCRF32_OBJ) $(BUILD)/dcrf32/stubs.o $(DCRF32_SHARED) \
	    -L$(BUILD) -lsscard $(LDFLAGS)

$(BUILD)/pic/$(DRIVER_DIR)/%.o: LIBDEFS += -I$(DRIVER_DIR) -Iapp
# <winscard.h> is the PC/SC backend's alone (lib/backend.h): only its three
# files, its own test and the PC/SC programs among the tests see it
PCSC_OBJ := $(foreach v,pic static,$(BUILD)/$(v)/lib/pcsc.o \
                                   $(BUILD)/$(v)/lib/backend_pcsc.o \
                                   $(BUILD)/$(v)/lib/transport_pcsc.o) \
            $(BUILD)/tests/unit/test_pcsc.o $(BUILD)/tests/harness/pcsc-wait.o
$(PCSC_OBJ): CPPFLAGS += $(PCSC_CFLAGS)
$(foreach v,pic static,$(BUILD)/$(v)/lib/usb.o $(BUILD)/$(v)/lib/usb_load.o): \
	CPPFLAGS += $(USB_CFLAGS)

$(DRIVER_LIB): $(DRIVER_OBJ) $(DRIVER_SHARED) $(SHLIB) \
		$(DRIVER_DIR)/libSSCardDriver.map
	$(SAY) LD $@
	$(Q)$(CC) -shared -Wl,-soname,$(DRIVER_SONAME) \
	    -Wl,--version-script=$(DRIVER_DIR)/libSSCardDriver.map -o $@ \
	    $(DRIVER_OBJ) $(DRIVER_SHARED) -L$(BUILD) -lsscard -lcrypto $(LDFLAGS) \
	    $(SYSTEMD_LIBS)
	$(Q)ln -sf libSSCardDriver.so.$(DRIVER_VERSION) $(BUILD)/$(DRIVER_SONAME)
	$(Q)ln -sf $(DRIVER_SONAME) $(BUILD)/libSSCardDriver.so
cli: $(CLI)
sscardd: $(SSCARDD)
bridge: $(BRIDGE)

# the jar finds jna.jar beside it (its Class-Path), as in /usr/share/java
$(JAR): $(JAVA_SRC) $(JAVA_DIR)/MANIFEST.MF
	@rm -rf $(BUILD)/java/classes
	@mkdir -p $(BUILD)/java/classes
	$(SAY) JAVAC $@
	$(Q)$(JAVAC) -d $(BUILD)/java/classes -cp $(JNA_JAR) $(JAVA_SRC)
	$(Q)jar --create --file $@ --manifest $(JAVA_DIR)/MANIFEST.MF \
	    -C $(BUILD)/java/classes .
	$(Q)ln -sf $(JNA_JAR) $(BUILD)/java/jna.jar

$(BUILD)/java/tests/.built: $(JAVA_TEST_SRC) $(JAR)
	@rm -rf $(BUILD)/java/tests
	@mkdir -p $(BUILD)/java/tests
	$(SAY) JAVAC $(BUILD)/java/tests
	$(Q)$(JAVAC) -d $(BUILD)/java/tests -cp $(JAR):$(JNA_JAR):$(JUNIT_JAR) \
	    $(JAVA_TEST_SRC)
	@touch $@

# the Python package is its source (bindings/python); the JS
# client too (bindings/js)
java: $(JAR)
bindings: lib $(JAR) $(BUILD)/java/tests/.built
examples: $(EXAMPLES)

# Where the installed library finds its data: rewritten only when DATADIR
# changes, so "make; make install PREFIX=/usr" rebuilds what depends on it
# and nothing else.
$(BUILD)/paths.h: FORCE
	@mkdir -p $(BUILD)
	@printf '#define SSCARD_DATADIR "%s"\n#define SSCARD_LOCALEDIR "%s"\n#define SSCARD_POLKIT_RULE "%s"\n#define SSCARD_STATEDIR "%s"\n#define SSCARD_DCRF32DIR "%s"\n' \
	    '$(DATADIR)' '$(LOCALEDIR)' '$(POLKITRULESDIR)/50-libsscard.rules' \
	    '$(STATEDIR)' '$(DCRF32LIBDIR)' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

.PHONY: FORCE
FORCE:

# only the region-profile loader knows the data directory, only the
# key-guard store the state directory
PATHS_USERS := $(foreach f,region guardstore,$(BUILD)/pic/lib/$(f).o \
	$(BUILD)/static/lib/$(f).o)
$(PATHS_USERS): $(BUILD)/paths.h
$(PATHS_USERS): LIBDEFS += -include $(BUILD)/paths.h

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(SAY) CC $@
	$(Q)$(CC) $(CPPFLAGS) $(LIBDEFS) $(ALLCFLAGS) -DSSCARD_SHARED -fPIC \
	    -fvisibility=hidden -c $< -o $@

$(BUILD)/static/%.o: %.c
	@mkdir -p $(dir $@)
	$(SAY) CC $@
	$(Q)$(CC) $(CPPFLAGS) $(LIBDEFS) $(ALLCFLAGS) -fvisibility=hidden -c $< -o $@

$(SHLIB): $(LIB_OBJ) lib/libsscard.map
	$(SAY) LD $@
	$(Q)$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined \
	    -Wl,--version-script,lib/libsscard.map -o $@ $(LIB_OBJ) \
	    $(LDFLAGS) $(LIBDEPS)
	$(Q)ln -sf libsscard.so.$(VERSION) $(BUILD)/$(SONAME)
	$(Q)ln -sf $(SONAME) $(BUILD)/libsscard.so

$(STLIB): $(LIB_SOBJ)
	$(Q)rm -f $@
	$(SAY) AR $@
	$(Q)$(AR) rcs $@ $^

# the programs, their shared core and the examples: public header only
PROG_DIRS := app tools service examples
define prog_obj
$$(BUILD)/$(1)/%.o: $(1)/%.c include/sscard.h
	@mkdir -p $$(dir $$@)
	$$(SAY) CC $$@
	$$(Q)$$(CC) -Iinclude -Iapp $$(JSON_CFLAGS) -D_DEFAULT_SOURCE \
	    $$(ALLCFLAGS) -c $$< -o $$@
endef
$(foreach d,$(PROG_DIRS),$(eval $(call prog_obj,$(d))))

$(APP_LIB): $(APP_SRC:%.c=$(BUILD)/%.o)
	$(Q)rm -f $@
	$(SAY) AR $@
	$(Q)$(AR) rcs $@ $^

# section 3: libsscard's pages and the ministry library's
MAN3_PAGES := $(wildcard lib/man/*.3) $(DRIVER_DIR)/SSCardDriver.3
# the names their NAME lines list (the pages' own among them)
MAN3_NAMES := $(shell sed -n '/^\.SH NAME/{n;s/ \\-.*//;s/,//g;p;}' \
		$(MAN3_PAGES))

# the message catalogs (gettext): build/locale/LANG/LC_MESSAGES/sscard-info.mo
PO_FILES := $(wildcard tools/sscard-info/po/*.po)
MO_FILES := $(PO_FILES:tools/sscard-info/po/%.po=$(BUILD)/locale/%/LC_MESSAGES/sscard-info.mo)
$(BUILD)/locale/%/LC_MESSAGES/sscard-info.mo: tools/sscard-info/po/%.po
	@mkdir -p $(dir $@)
	$(SAY) MSGFMT $@
	$(Q)msgfmt --check -o $@ $<

# only show.c knows where the catalogs are installed, main.c where the
# polkit rule is, checklib.c where libdcrf32.so is
PATHS_CLI := $(addprefix $(BUILD)/tools/sscard-info/,show.o main.o checklib.o)
$(PATHS_CLI): $(BUILD)/paths.h
$(PATHS_CLI): ALLCFLAGS += -include $(BUILD)/paths.h

$(CLI): $(CLI_OBJ) $(APP_LIB) $(SHLIB) $(MO_FILES)
	$(SAY) LD $@
	$(Q)$(CC) -o $@ $(CLI_OBJ) $(APP_LIB) -L$(BUILD) -lsscard \
	    -Wl,-rpath,'$$ORIGIN' $(LDFLAGS) $(JSON_LIBS) -lcrypto

$(BUILD)/service/sscardd/%.o: ALLCFLAGS += -I$(DRIVER_DIR) $(LWS_CFLAGS) \
	-DSSCARDD_VERSION='"$(VERSION)"'

# the extension's two builds and the host manifests, for the install's
# sscard-bridge
WEBEXT := $(BUILD)/webext
$(WEBEXT)/.built: $(wildcard bindings/webext/*)
	@rm -rf $(WEBEXT)
	$(Q)python3 bindings/webext/build.py $(WEBEXT) $(BINDIR)/sscard-bridge
	@touch $@
webext: $(WEBEXT)/.built

$(BUILD)/service/sscard-bridge/%.o: ALLCFLAGS += -Iservice/sscardd \
	$(LWS_CFLAGS) -DSSCARDD_VERSION='"$(VERSION)"'

$(BRIDGE): $(BRIDGE_OBJ) $(BRIDGE_SHARED) $(APP_LIB) $(SHLIB)
	$(SAY) LD $@
	$(Q)$(CC) -o $@ $(BRIDGE_OBJ) $(BRIDGE_SHARED) $(APP_LIB) -L$(BUILD) \
	    -lsscard -Wl,-rpath,'$$ORIGIN' $(LDFLAGS) $(JSON_LIBS) $(LWS_LIBS) \
	    -lcrypto $(SYSTEMD_LIBS)

$(SSCARDD): $(SSCARDD_OBJ) $(APP_LIB) $(SHLIB) $(DRIVER_LIB)
	$(SAY) LD $@
	$(Q)$(CC) -o $@ $(SSCARDD_OBJ) $(APP_LIB) -L$(BUILD) -lSSCardDriver \
	    -lsscard -Wl,-rpath,'$$ORIGIN' $(LDFLAGS) $(JSON_LIBS) $(LWS_LIBS) \
	    -lcrypto $(SYSTEMD_LIBS)

$(BUILD)/examples/%: $(BUILD)/examples/%.o $(APP_LIB) $(SHLIB)
	$(SAY) LD $@
	$(Q)$(CC) -o $@ $< $(APP_LIB) -L$(BUILD) -lsscard \
	    -Wl,-rpath,'$$ORIGIN/..' $(LDFLAGS)

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(SAY) CC $@
	$(Q)$(CC) $(CPPFLAGS) -Itests/vcard -Itests/unit $(ALLCFLAGS) -c $< -o $@

$(BUILD)/tests/test_%: $(BUILD)/tests/unit/test_%.o $(UNIT_SUPPORT_OBJ) $(VCARD_OBJ) $(STLIB)
	$(SAY) LD $@
	$(Q)$(CC) -o $@ $^ $(LDFLAGS) $(CMOCKA_LIBS) $(LIBDEPS)

# the PIN-pad test reader's keypad rules, unit-tested on their own
$(BUILD)/tests/test_pinpad_keys: $(BUILD)/tests/pinpad/pad.o

# sscardd's checks of its callers, unit-tested on their own
$(BUILD)/tests/unit/test_sscardd_guard.o: CPPFLAGS += -Iservice/sscardd $(LWS_CFLAGS)
$(BUILD)/tests/test_sscardd_guard: $(BUILD)/service/sscardd/guard.o \
	$(BUILD)/service/sscardd/lang.o

$(VCARD_BIN): $(BUILD)/tests/vcard/sscard-vcard.o $(VCARD_OBJ) $(STLIB)
	$(SAY) LD $@
	$(Q)$(CC) -o $@ $^ $(LDFLAGS) $(LIBDEPS)

$(BUILD)/sscard-test-hsm: $(BUILD)/tests/vcard/sscard-test-hsm.o $(VCARD_OBJ) $(STLIB)
	$(SAY) LD $@
	$(Q)$(CC) -o $@ $^ $(LDFLAGS) $(LIBDEPS)

$(BUILD)/pcsc-wait: $(BUILD)/tests/harness/pcsc-wait.o
	$(SAY) LD $@
	$(Q)$(CC) -o $@ $^ $(LDFLAGS) $(PCSC_LIBS)

# the PIN-pad test reader: an IFD handler pcscd loads (test code only)
PINPAD_DRV := $(BUILD)/libifd-sscard-pinpad.so
PINPAD_SRC := tests/pinpad/ifd.c tests/pinpad/pad.c
$(PINPAD_DRV): $(PINPAD_SRC) tests/pinpad/pad.h tests/pinpad/ifd.map
	@mkdir -p $(dir $@)
	$(SAY) LD $@
	$(Q)$(CC) $(PCSC_CFLAGS) -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) \
	    -fPIC -shared -Wl,--version-script=tests/pinpad/ifd.map \
	    -o $@ $(PINPAD_SRC) -lcrypto

harness: all $(VCARD_BIN) $(BUILD)/pcsc-wait $(BUILD)/sscard-test-hsm \
	$(PINPAD_DRV)

# integration programs: public API only, like the examples
$(BUILD)/tests/integration/%: tests/integration/%.c include/sscard.h $(SHLIB)
	@mkdir -p $(dir $@)
	$(SAY) LD $@
	$(Q)$(CC) -Iinclude $(ALLCFLAGS) -o $@ $< -L$(BUILD) -lsscard \
	    -Wl,-rpath,'$$ORIGIN/../..' $(LDFLAGS)

# a program of another language's binding: sscard-json.h, -lsscard-json
$(BUILD)/tests/integration/jsoncall: tests/integration/jsoncall.c \
		include/sscard-json.h $(JSONLIB)
	@mkdir -p $(dir $@)
	$(SAY) LD $@
	$(Q)$(CC) -Iinclude $(ALLCFLAGS) -o $@ $< -L$(BUILD) -lsscard-json -lsscard \
	    -Wl,-rpath,'$$ORIGIN/../..' $(LDFLAGS)

# a hospital system's program: SSCardDriver.h and -lSSCardDriver only
$(BUILD)/tests/compat/ministry: tests/compat/ministry.c \
		$(DRIVER_DIR)/SSCardDriver.h $(DRIVER_LIB)
	@mkdir -p $(dir $@)
	$(SAY) LD $@
	$(Q)$(CC) -I$(DRIVER_DIR) $(ALLCFLAGS) -o $@ $< -L$(BUILD) \
	    -lSSCardDriver -Wl,-rpath-link,$(BUILD) -Wl,--disable-new-dtags -Wl,-rpath,'$$ORIGIN/../..' \
	    $(LDFLAGS) -ldl

# a program written for Decard's readers: dcrf32.h and -ldcrf32 only
$(BUILD)/tests/dcrf32/decard: tests/dcrf32/decard.c $(DCRF32_H) $(DCRF32_LIB)
	@mkdir -p $(dir $@)
	$(SAY) LD $@
	$(Q)$(CC) -I$(BUILD)/dcrf32 $(ALLCFLAGS) -o $@ $< -L$(BUILD)/dcrf32 \
	    -ldcrf32 -Wl,-rpath-link,$(BUILD) $(LDFLAGS)

# a consumer that needs every name, linked as the insurance libraries do
$(BUILD)/tests/dcrf32/every.c: $(DCRF32_NAMES)
	@mkdir -p $(dir $@)
	$(Q)(echo '#include <stdio.h>'; echo '#include "dcrf32.h"'; \
	    echo 'void (*every[])(void) = {'; \
	    $(DCRF32_GEN) list $< | sed 's/.*/\t(void (*)(void))\&&,/'; \
	    echo '\tNULL };'; echo 'int main(void) {'; \
	    echo '\tvolatile size_t n = 0;'; \
	    echo '\twhile (every[n] != NULL) n++;'; \
	    echo '\tprintf("%zu\\n", n);'; \
	    echo '\treturn 0; }') > $@
$(BUILD)/tests/dcrf32/every: $(BUILD)/tests/dcrf32/every.c $(DCRF32_LIB)
	$(SAY) LD $@
	$(Q)$(CC) -I$(BUILD)/dcrf32 -std=c11 $(CFLAGS) $(SANFLAGS) -o $@ $< \
	    -Wl,--no-as-needed -L$(BUILD)/dcrf32 -ldcrf32 \
	    -Wl,-rpath-link,$(BUILD) $(LDFLAGS)

test-bins: harness $(UNIT_BIN) $(ITEST_BIN) $(BUILD)/tests/compat/ministry \
	$(BUILD)/tests/dcrf32/decard $(BUILD)/tests/dcrf32/every

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---- tests ----------------------------------------------------------------

check: deps
	$(MAKE) --no-print-directory style unit integration

# the house style (tests/style/checksrc.py) and the layering: no circle
# among source files, lib/ never calling its own public functions (read
# from every object, which must be there)
style: all $(LIB_OBJ) $(DRIVER_OBJ) $(APP_SRC:%.c=$(BUILD)/%.o) \
	$(CLI_OBJ) $(SSCARDD_OBJ)
	@python3 tests/style/checksrc.py
	@python3 tests/style/circles.py $(BUILD)
	@python3 tests/style/codes.py

unit: test-bins
	@tests/run-unit $(UNIT_BIN)

# the bindings with the plain build: a sanitized library loads into
# neither python3 nor the JVM.  The per-topic scripts (*.t, TAP, each with
# its own pcscd and card) run in every pass; the tests among them that
# load the library into Python skip themselves off the plain build.
# All of them side by side (tests/run-suites): they wait on timers (the
# PIN hold, the mute deadline) far more than they compute.
T_SCRIPTS := $(wildcard tests/integration/*.t tests/sscardd/*.t)
integration: test-bins $(if $(SANITIZE),,bindings)
	@BUILD=$(BUILD) tests/run-suites \
	    integration=tests/integration/run sscardd=tests/sscardd/run \
	    $(if $(SANITIZE),,bindings=tests/bindings/run) \
	    'topics=prove -j2 --norc $(T_SCRIPTS)'

# 8 threads through the real pcscd under ThreadSanitizer
check-threads: deps
	$(MAKE) --no-print-directory SANITIZE=thread harness \
	    build-tsan/tests/integration/threads
	BUILD=build-tsan timeout 300 tests/harness/with-pcscd --readers 2 -- \
	    env TSAN_OPTIONS=halt_on_error=1:exitcode=66:suppressions=$(CURDIR)/tests/tsan.supp \
	    build-tsan/tests/integration/threads 8 25
	$(MAKE) --no-print-directory SANITIZE=thread build-tsan/tests/compat/ministry
	BUILD=build-tsan timeout 300 tests/harness/with-pcscd -- \
	    env TSAN_OPTIONS=halt_on_error=1:exitcode=66:suppressions=$(CURDIR)/tests/tsan.supp \
	    build-tsan/tests/compat/ministry threads 8 10
	BUILD=build-tsan \
	    TSAN_OPTIONS=halt_on_error=1:exitcode=66:suppressions=$(CURDIR)/tests/tsan.supp \
	    tests/sscardd/run

demo:
	@tests/deps.sh demo
	@$(MAKE) --no-print-directory harness $(BUILD)/tests/compat/ministry \
	    $(BUILD)/tests/dcrf32/decard
	@BUILD=$(BUILD) tests/demo.sh

deps:
	@tests/deps.sh

# ---- arm64: cross build, tests under qemu-user, packages --------------------

deps-arm64:
	@tests/cross/deps.sh arm64 build-arm64-sysroot

# the host's pcscd, virtual card and test rig; the arm64 library, programs
# and tests under qemu-aarch64-static, built with UBSan
check-arm64: deps deps-arm64
	@$(MAKE) --no-print-directory harness
	@$(MAKE) --no-print-directory ARCH=arm64 SANITIZE=undefined test-bins
	@tests/cross/check arm64 build-ubsan-arm64

# after tests/deb-check.sh (the host's packages to compare with)
deb-check-arm64: deps-arm64
	@tests/cross/deb-check.sh arm64

# ---- benchmark ---------------------------------------------------------------

$(BUILD)/bench: tests/bench/bench.c include/sscard.h $(SHLIB)
	$(SAY) LD $@
	$(Q)$(CC) -Iinclude $(PCSC_CFLAGS) $(ALLCFLAGS) -o $@ $< -L$(BUILD) -lsscard \
	    -Wl,-rpath,'$$ORIGIN' $(LDFLAGS) $(PCSC_LIBS)

bench: deps
	$(MAKE) --no-print-directory harness $(BUILD)/bench
	@BUILD=$(BUILD) tests/bench/run

# ---- fuzzing (clang libFuzzer + ASan + UBSan) --------------------------------

FUZZ_SECONDS ?= 60
FUZZERS := $(patsubst tests/fuzz/%.c,build-fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

# each target: the library and the virtual card, and the program code it
# fuzzes (FUZZ_SRC_name, FUZZ_LIBS_name)
FUZZ_SRC_sscardd      := $(addprefix service/sscardd/,request.c guard.c log.c \
			   lang.c) app/output.c
FUZZ_LIBS_sscardd     := $(JSON_LIBS)
FUZZ_SRC_sscardd_conf := $(addprefix service/sscardd/,conf.c guard.c log.c \
			   lang.c)
FUZZ_LIBS_sscardd_conf := $(LWS_LIBS)
FUZZ_SRC_driver       := $(DRIVER_SRC) app/psam.c \
			 app/cardfate.c app/cond.c \
			 app/slog.c
FUZZ_LIBS_driver      := $(SYSTEMD_LIBS)
FUZZ_SRC_hsmpipe      := tools/sscard-info/hsm.c
FUZZ_SRC_driver_conf  := $(FUZZ_SRC_driver)
FUZZ_LIBS_driver_conf := $(FUZZ_LIBS_driver)
FUZZ_SRC_output       := app/output.c
FUZZ_LIBS_output      := $(JSON_LIBS)
FUZZ_SRC_dcrf32_hex   := $(DCRF32_DIR)/hex.c
FUZZ_SRC_elfneeds     := tools/sscard-info/elfneeds.c
FUZZ_SRC_bridge       := service/sscard-bridge/frame.c app/output.c
FUZZ_LIBS_bridge      := $(JSON_LIBS)
FUZZ_INCLUDES := $(PCSC_CFLAGS) $(USB_CFLAGS) -Itests/vcard -I$(DRIVER_DIR) \
	-Iapp -Iservice/sscardd -Itools/sscard-info -I$(DCRF32_DIR) \
	-Iservice/sscard-bridge \
	-Ibuild-fuzz/dcrf32 $(JSON_CFLAGS) $(LWS_CFLAGS)

# every source compiled once, instrumented for coverage and the
# sanitizers; each fuzzer is then only a link
FUZZ_OBJ := $(patsubst %.c,build-fuzz/obj/%.o,$(LIB_SRC) $(VCARD_SRC))
build-fuzz/obj/%.o: %.c $(wildcard lib/*.h apdu/*.h tests/vcard/*.h \
		tests/fuzz/*.h app/*.h tools/*/*.h service/*/*.h \
		compat/*/*.h) build-fuzz/dcrf32/dcrf32.h
	@mkdir -p $(dir $@)
	$(SAY) CC $@
	$(Q)clang $(CPPFLAGS) $(FUZZ_INCLUDES) $(LIBDEFS) $(WARN) \
	    -Wno-missing-prototypes -DSSCARDD_VERSION='"$(VERSION)"' \
	    -g -O1 -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@

# (a function: a % written in the rule below would be the stem)
fuzz_objs = $(patsubst %.c,build-fuzz/obj/%.o,$(1))

.SECONDEXPANSION:
build-fuzz/fuzz_%: build-fuzz/obj/tests/fuzz/fuzz_%.o $(FUZZ_OBJ) \
		$$(call fuzz_objs,$$(FUZZ_SRC_$$*))
	$(SAY) LD $@
	$(Q)clang -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBDEPS) \
	    $(FUZZ_LIBS_$*) -pthread

fuzz: deps $(FUZZERS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run

# ---- install ----------------------------------------------------------------

# made at each install: PREFIX and LIBDIR are the install's
$(BUILD)/sscard.pc: lib/sscard.pc.in FORCE
	@mkdir -p $(BUILD)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    $< > $@

FIREFOX_EXT_DIR := $(PREFIX)/share/mozilla/extensions/{ec8030f7-c20a-464f-9b0e-13a3a9e97384}/sscard@libsscard.org
NM_HOST := org.libsscard.bridge.json

install: all $(BUILD)/sscard.pc $(WEBEXT)/.built
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(PKGCONFIGDIR)
	install -m 0755 $(SHLIB) $(DESTDIR)$(LIBDIR)/
	ln -sf libsscard.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libsscard.so
	install -m 0644 $(STLIB) $(DESTDIR)$(LIBDIR)/
	install -m 0755 $(DRIVER_LIB) $(DESTDIR)$(LIBDIR)/
	ln -sf libSSCardDriver.so.$(DRIVER_VERSION) $(DESTDIR)$(LIBDIR)/$(DRIVER_SONAME)
	@# the unversioned name is what callers dlopen, as with the vendors' file
	ln -sf $(DRIVER_SONAME) $(DESTDIR)$(LIBDIR)/libSSCardDriver.so
	install -m 0644 $(DRIVER_DIR)/SSCardDriver.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 0644 include/sscard.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 0755 $(JSONLIB) $(DESTDIR)$(LIBDIR)/
	ln -sf libsscard-json.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(JSONLIB_SONAME)
	ln -sf $(JSONLIB_SONAME) $(DESTDIR)$(LIBDIR)/libsscard-json.so
	install -m 0644 include/sscard-json.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 0644 $(BUILD)/sscard.pc $(DESTDIR)$(PKGCONFIGDIR)/
	$(CC) -o $(BUILD)/sscard-info.install $(CLI_OBJ) $(APP_LIB) \
	    -L$(BUILD) -lsscard $(LDFLAGS) $(JSON_LIBS) -lcrypto
	install -m 0755 $(BUILD)/sscard-info.install $(DESTDIR)$(BINDIR)/sscard-info
	install -m 0644 tools/sscard-info/sscard-info.1 $(DESTDIR)$(MANDIR)/man1/
	$(CC) -o $(BUILD)/sscardd.install $(SSCARDD_OBJ) $(APP_LIB) \
	    -L$(BUILD) -lSSCardDriver -lsscard $(LDFLAGS) $(JSON_LIBS) \
	    $(LWS_LIBS) -lcrypto $(SYSTEMD_LIBS)
	install -m 0755 $(BUILD)/sscardd.install $(DESTDIR)$(BINDIR)/sscardd
	install -m 0644 service/sscardd/sscardd.1 $(DESTDIR)$(MANDIR)/man1/
	$(CC) -o $(BUILD)/sscard-bridge.install $(BRIDGE_OBJ) $(BRIDGE_SHARED) \
	    $(APP_LIB) -L$(BUILD) -lsscard $(LDFLAGS) $(JSON_LIBS) $(LWS_LIBS) \
	    -lcrypto $(SYSTEMD_LIBS)
	install -m 0755 $(BUILD)/sscard-bridge.install $(DESTDIR)$(BINDIR)/sscard-bridge
	install -m 0644 service/sscard-bridge/sscard-bridge.1 $(DESTDIR)$(MANDIR)/man1/
	install -d $(DESTDIR)$(PREFIX)/lib/mozilla/native-messaging-hosts \
	    $(DESTDIR)$(PREFIX)/share/chromium/extensions/sscard \
	    $(DESTDIR)$(FIREFOX_EXT_DIR)
	install -m 0644 $(WEBEXT)/hosts/firefox.json \
	    $(DESTDIR)$(PREFIX)/lib/mozilla/native-messaging-hosts/$(NM_HOST)
	install -m 0644 $(WEBEXT)/chromium/* \
	    $(DESTDIR)$(PREFIX)/share/chromium/extensions/sscard/
	install -m 0644 $(WEBEXT)/firefox/* $(DESTDIR)$(FIREFOX_EXT_DIR)/
	for mo in $(MO_FILES); do \
	    l=$${mo#$(BUILD)/locale/}; l=$${l%%/*}; \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	    install -m 0644 $$mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; done
	install -d $(DESTDIR)$(MANDIR)/man3
	install -m 0644 $(MAN3_PAGES) $(DESTDIR)$(MANDIR)/man3/
	@# every name a page's NAME line lists opens that page
	for page in $(MAN3_PAGES); do \
	    base=$$(basename $$page); \
	    for name in $$(sed -n '/^\.SH NAME/{n;s/ \\-.*//;s/,//g;p;q}' \
		    $$page); do \
		[ "$$name.3" = "$$base" ] || \
		    ln -sf $$base $(DESTDIR)$(MANDIR)/man3/$$name.3; \
	    done; \
	done
	install -d $(DESTDIR)$(DCRF32LIBDIR) $(DESTDIR)$(INCLUDEDIR)/sscard
	install -m 0644 $(DCRF32_LIB) $(DESTDIR)$(DCRF32LIBDIR)/
	install -m 0644 $(DCRF32_H) $(DESTDIR)$(INCLUDEDIR)/sscard/
	install -m 0644 $(DCRF32_DIR)/dcrf32.3 $(DESTDIR)$(MANDIR)/man3/
	install -d $(DESTDIR)$(DATADIR)/examples
	install -m 0644 $(DRIVER_DIR)/SSCardDriver.conf $(DCRF32_DIR)/dcrf32.conf \
	    service/sscardd/chromium-local-network.json \
	    $(DESTDIR)$(DATADIR)/examples/
ifeq ($(INSTALL_RULES),1)
	install -d $(DESTDIR)$(UDEVRULESDIR) $(DESTDIR)$(POLKITRULESDIR)
	install -m 0644 udev/60-libsscard.rules $(DESTDIR)$(UDEVRULESDIR)/
	install -m 0644 udev/polkit/50-libsscard.rules $(DESTDIR)$(POLKITRULESDIR)/
	install -d $(DESTDIR)$(PREFIX)/share/metainfo
	install -m 0644 udev/org.libsscard.sscard_tools.metainfo.xml \
	    $(DESTDIR)$(PREFIX)/share/metainfo/
	install -d $(DESTDIR)$(SYSCONFDIR)/sscard $(DESTDIR)$(SYSTEMDUNITDIR) \
	    $(DESTDIR)$(SYSTEMDUSERUNITDIR)
	install -m 0644 service/sscardd/sscardd.conf $(DESTDIR)$(SYSCONFDIR)/sscard/
	install -d $(DESTDIR)$(SYSCONFDIR)/chromium/native-messaging-hosts \
	    $(DESTDIR)$(SYSCONFDIR)/opt/chrome/native-messaging-hosts
	install -m 0644 $(WEBEXT)/hosts/chromium.json \
	    $(DESTDIR)$(SYSCONFDIR)/chromium/native-messaging-hosts/$(NM_HOST)
	install -m 0644 $(WEBEXT)/hosts/chromium.json \
	    $(DESTDIR)$(SYSCONFDIR)/opt/chrome/native-messaging-hosts/$(NM_HOST)
	install -m 0644 service/sscardd/sscardd.service $(DESTDIR)$(SYSTEMDUNITDIR)/
	install -m 0644 service/sscardd/sscardd-user.service \
	    $(DESTDIR)$(SYSTEMDUSERUNITDIR)/sscardd.service
	install -d $(DESTDIR)$(TMPFILESDIR)
	install -m 0644 service/sscardd/sscardd.tmpfiles \
	    $(DESTDIR)$(TMPFILESDIR)/sscardd.conf
endif
	install -d $(DESTDIR)$(PREFIX)/share/sscardd/prometheus
	install -m 0644 service/sscardd/sscardd-alerts.yml \
	    $(DESTDIR)$(PREFIX)/share/sscardd/prometheus/
	install -d $(DESTDIR)$(PREFIX)/share/sscardd/js
	install -m 0644 $(JS_FILES) $(DESTDIR)$(PREFIX)/share/sscardd/js/
	install -d $(DESTDIR)$(PYTHONDIR)/sscard
	install -m 0644 $(PY_FILES) $(DESTDIR)$(PYTHONDIR)/sscard/
	@# the jar when it was built (make java: a JDK and Debian's JNA)
	if [ -f $(JAR) ]; then \
	    install -d $(DESTDIR)$(JAVADIR) && \
	    install -m 0644 $(JAR) $(DESTDIR)$(JAVADIR)/sscard-$(VERSION).jar && \
	    ln -sf sscard-$(VERSION).jar $(DESTDIR)$(JAVADIR)/sscard.jar; fi
	install -d $(DESTDIR)$(DATADIR)/profiles
	install -m 0644 lib/profiles/*.profile lib/profiles/README.md \
	    $(DESTDIR)$(DATADIR)/profiles/
	install -m 0644 app/sscard-info.schema.json \
	    $(DESTDIR)$(DATADIR)/
	@# a real install (not a staged one) tells the loader about the library
	@if [ -z "$(DESTDIR)" ] && command -v ldconfig > /dev/null; then \
	    ldconfig; fi

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libsscard.so.$(VERSION) \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libsscard.so \
	    $(DESTDIR)$(LIBDIR)/libsscard.a $(DESTDIR)$(INCLUDEDIR)/sscard.h \
	    $(DESTDIR)$(PKGCONFIGDIR)/sscard.pc $(DESTDIR)$(BINDIR)/sscard-info \
	    $(DESTDIR)$(MANDIR)/man1/sscard-info.1 \
	    $(DESTDIR)$(BINDIR)/sscardd $(DESTDIR)$(MANDIR)/man1/sscardd.1 \
	    $(DESTDIR)$(BINDIR)/sscard-bridge $(DESTDIR)$(MANDIR)/man1/sscard-bridge.1 \
	    $(DESTDIR)$(PREFIX)/lib/mozilla/native-messaging-hosts/$(NM_HOST) \
	    $(DESTDIR)$(SYSCONFDIR)/chromium/native-messaging-hosts/$(NM_HOST) \
	    $(DESTDIR)$(SYSCONFDIR)/opt/chrome/native-messaging-hosts/$(NM_HOST) \
	    $(PO_FILES:tools/sscard-info/po/%.po=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/sscard-info.mo) \
	    $(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(MAN3_PAGES)) \
		$(addsuffix .3,$(MAN3_NAMES))) \
	    $(DESTDIR)$(DATADIR)/examples/SSCardDriver.conf \
	    $(DESTDIR)$(DATADIR)/examples/dcrf32.conf \
	    $(DESTDIR)$(DCRF32LIBDIR)/libdcrf32.so \
	    $(DESTDIR)$(INCLUDEDIR)/sscard/dcrf32.h \
	    $(DESTDIR)$(MANDIR)/man3/dcrf32.3 \
	    $(DESTDIR)$(DATADIR)/examples/chromium-local-network.json \
	    $(DESTDIR)$(LIBDIR)/libSSCardDriver.so.$(DRIVER_VERSION) \
	    $(DESTDIR)$(LIBDIR)/$(DRIVER_SONAME) \
	    $(DESTDIR)$(LIBDIR)/libSSCardDriver.so \
	    $(DESTDIR)$(INCLUDEDIR)/SSCardDriver.h \
	    $(DESTDIR)$(LIBDIR)/libsscard-json.so.$(VERSION) \
	    $(DESTDIR)$(LIBDIR)/$(JSONLIB_SONAME) \
	    $(DESTDIR)$(LIBDIR)/libsscard-json.so \
	    $(DESTDIR)$(INCLUDEDIR)/sscard-json.h
	rm -rf $(DESTDIR)$(DATADIR)/profiles \
	    $(DESTDIR)$(PREFIX)/share/chromium/extensions/sscard \
	    $(DESTDIR)$(FIREFOX_EXT_DIR)
	-rmdir $(DESTDIR)$(DCRF32LIBDIR) $(DESTDIR)$(LIBDIR)/sscard \
	    $(DESTDIR)$(INCLUDEDIR)/sscard 2>/dev/null
	rm -f $(DESTDIR)$(DATADIR)/sscard-info.schema.json
	rm -f $(DESTDIR)$(PREFIX)/share/metainfo/org.libsscard.sscard_tools.metainfo.xml
	rm -f $(DESTDIR)$(SYSTEMDUNITDIR)/sscardd.service \
	    $(DESTDIR)$(SYSTEMDUSERUNITDIR)/sscardd.service \
	    $(DESTDIR)$(TMPFILESDIR)/sscardd.conf
	rm -f $(DESTDIR)$(PREFIX)/share/sscardd/prometheus/sscardd-alerts.yml \
	    $(addprefix $(DESTDIR)$(PREFIX)/share/sscardd/js/,$(notdir $(JS_FILES))) \
	    $(addprefix $(DESTDIR)$(PYTHONDIR)/sscard/,$(notdir $(PY_FILES))) \
	    $(DESTDIR)$(JAVADIR)/sscard-$(VERSION).jar $(DESTDIR)$(JAVADIR)/sscard.jar
	rm -rf $(DESTDIR)$(PYTHONDIR)/sscard/__pycache__
	-rmdir $(DESTDIR)$(PREFIX)/share/sscardd/prometheus \
	    $(DESTDIR)$(PREFIX)/share/sscardd/js \
	    $(DESTDIR)$(PREFIX)/share/sscardd $(DESTDIR)$(PYTHONDIR)/sscard \
	    $(DESTDIR)$(JAVADIR) 2>/dev/null
	rm -f $(DESTDIR)$(UDEVRULESDIR)/60-libsscard.rules \
	    $(DESTDIR)$(POLKITRULESDIR)/50-libsscard.rules
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

# every build tree (build-*: the sanitizers', clang's, the fuzzers', the
# install check's, the cross builds and their sysroot)
clean:
	rm -rf build build-*/

help:
	@echo "make            build the libraries, sscard-info, sscardd, sscard-bridge, examples"
	@echo "make demo       install what is missing, show sscard-info, the ministry"
	@echo "                library, sscardd, libdcrf32 and the bridge on the"
	@echo "                virtual card"
	@echo "make check      install what is missing, run every test"
	@echo "make style      house style and layering checks (part of check)"
	@echo "make check SANITIZE=1   the same suite under ASan+UBSan"
	@echo "make check-threads      threads and sscardd under TSan"
	@echo "make bench      APDU counts and timings -> tests/bench/RESULTS.md"
	@echo "make ARCH=arm64 cross-build everything for arm64 (make deps-arm64 first)"
	@echo "make check-arm64        the tests on arm64 programs under qemu-user"
	@echo "make deb-check-arm64    arm64 Debian packages, compared with the host's"
	@echo "make install PREFIX=/usr DESTDIR=/tmp/stage"
