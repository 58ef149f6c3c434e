#!/bin/bash
# Bytes from pcscd are untrusted (issue 44): a reader whose name is not
# UTF-8 (a driver's Latin-1 string) leaves every JSON document valid, with
# U+FFFD for each stray byte, in the CLI, the doctor, the JSON call and
# the Python binding.  Prints TAP.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=2
. "$(dirname "$0")/../tap.sh"

export WITH_PCSCD_READER_NAME=$'Caf\xe9 PCD'
out=$("$harness" -- bash -c '
	for args in "--list --json" "--json" "--doctor --json"; do
		"$0" $args | /usr/bin/python3 -c "import json,sys; d=json.loads(sys.stdin.buffer.read().decode(\"utf-8\")); print(d.get(\"reader\") or d[\"readers\"][0][\"name\"])"
	done' "$b/sscard-info" 2>&1)
[ "$out" = "Caf� PCD 00 00
Caf� PCD 00 00
Caf� PCD 00 00" ] && ok "sscard-info --list, --json and --doctor: valid UTF-8 documents, the stray byte as U+FFFD" ||
	bad "CLI with a reader name that is not UTF-8" "$out"
if [ $plain -eq 1 ]; then
out=$("$harness" -- env PYTHONPATH=bindings/python LD_LIBRARY_PATH="$b" \
	/usr/bin/python3 -c '
import sscard
with sscard.connect() as card:
    print(card.reader, card.read_basic()["reader"])' 2>&1)
[ "$out" = "Caf� PCD 00 00 Caf� PCD 00 00" ] &&
	ok "Python: the reader and the document, no UnicodeDecodeError" ||
	bad "Python with a reader name that is not UTF-8" "$out"
else
	skip "Python loads the library: the plain build only"
fi

finish
