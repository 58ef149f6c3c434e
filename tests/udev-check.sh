#!/bin/bash
# The udev rule: `udevadm verify` where it exists (systemd >= 254),
# otherwise our own syntax check; and it must cover every reader of the
# table in lib/usb.c.  The polkit rule: `node --check` where node exists.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
cd "$(dirname "$0")/.."
rules=udev/60-libsscard.rules
fail=0
if udevadm verify --help > /dev/null 2>&1; then
	udevadm verify "$rules" || fail=1
else
	/usr/bin/python3 - "$rules" <<'PY' || fail=1
import re, sys
ops = r'(==|!=|\+=|-=|:=|=)'
keys = {"ACTION", "SUBSYSTEM", "ATTR", "ENV", "GROUP", "MODE", "TAG", "GOTO", "LABEL", "OWNER"}
labels, gotos, bad = set(), [], 0
for n, line in enumerate(open(sys.argv[1]), 1):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    for item in re.split(r',\s*', line):
        m = re.fullmatch(r'([A-Z_]+)(\{[A-Za-z_]+\})?' + ops + r'"([^"]*)"', item)
        if not m or m.group(1) not in keys:
            print("%s:%d: bad item: %s" % (sys.argv[1], n, item)); bad = 1; continue
        if m.group(1) == "LABEL": labels.add(m.group(4))
        if m.group(1) == "GOTO": gotos.append(m.group(4))
        if m.group(1) in ("ACTION", "SUBSYSTEM", "ATTR", "ENV") and m.group(3) not in ("==", "!="):
            if not (m.group(1) == "ENV" and m.group(3) == "="):
                print("%s:%d: match key with %s" % (sys.argv[1], n, m.group(3))); bad = 1
        if m.group(1) == "MODE" and not re.fullmatch(r'0[0-7]{3}', m.group(4)):
            print("%s:%d: bad MODE" % (sys.argv[1], n)); bad = 1
for g in gotos:
    if g not in labels:
        print("GOTO %s has no LABEL" % g); bad = 1
sys.exit(bad)
PY
fi
# every VID:PID of the table has a line
for id in $(sed -n 's/.*{ 0x\([0-9A-F]\{4\}\), 0x\([0-9A-F]\{4\}\), ".*/\1:\2/p' lib/usb.c); do
	vid=$(echo "${id%:*}" | tr A-F a-f) pid=$(echo "${id#*:}" | tr A-F a-f)
	if [ "$pid" = ffff ]; then
		grep -q "idVendor}==\"$vid\", TAG" "$rules" || { echo "no rule for $vid:*"; fail=1; }
	else
		grep -q "idVendor}==\"$vid\", ATTR{idProduct}==\"$pid\"" "$rules" || { echo "no rule for $vid:$pid"; fail=1; }
	fi
done
if command -v node > /dev/null; then
	js=$(mktemp --suffix=.js)
	cp udev/polkit/50-libsscard.rules "$js"
	node --check "$js" || fail=1
	rm -f "$js"
fi
exit $fail
