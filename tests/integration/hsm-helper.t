#!/bin/bash
# sscard-info --hsm CMD (issue 44): a helper that answers and exits but
# leaves a child holding its output open is read when it exits, not at
# the 10 s deadline; nothing it started outlives the exchange.  TAP.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=2
. "$(dirname "$0")/../tap.sh"

out=$("$harness" --profile auth3 -- bash -c '
	"$0" --json --hsm "$1; sleep 300 & echo \$! > $2/child.pid" |
		python3 -c "import json,sys; print(json.load(sys.stdin)[\"holder\"][\"name\"])"' \
	"$b/sscard-info" "$b/sscard-test-hsm" "$tmp" 2>&1)
[ "$out" = "林岩" ] &&
	ok "an HSM helper that leaves a child holding its output: the holder read" ||
	bad "HSM helper with a child left behind" "$out"
child=$(cat "$tmp/child.pid" 2>/dev/null)
# gone, or a zombie that its new parent has not reaped yet
state=$(ps -o stat= -p "${child:-0}" 2>/dev/null)
if [ -n "$child" ] && { [ -z "$state" ] || [ "${state#Z}" != "$state" ]; }; then
	ok "the helper's child did not outlive the exchange"
else
	bad "the helper's child outlived the exchange" "pid ${child:-none}"
	[ -n "$child" ] && kill "$child" 2>/dev/null
fi

finish
