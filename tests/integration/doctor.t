#!/bin/bash
# The doctor after a read (issue 51 item 1): a card whose SSSE a read left
# selected has a DF01 under it, as real cards do; no PSAM search may take
# it for a PSAM's.  The CLI's doctor and sscardd's, with and without a
# PSAM beside the card; sscardd's doctor with a card that answers nothing
# (issue 51 item 5).  Prints TAP.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=4
. "$(dirname "$0")/../tap.sh"

verdict='import json,sys
d = json.load(sys.stdin)
print(d["card"]["reader"] if d.get("card") else None,
      d["psam"]["reader"] if d.get("psam") else None)'
out=$("$harness" --profile auth3 -- bash -c '
	"$0" --json > /dev/null; "$0" --json > /dev/null
	"$0" --doctor --json | python3 -c "$1"' "$b/sscard-info" "$verdict" 2>&1)
[ "$out" = "Virtual PCD 00 00 None" ] &&
	ok "sscard-info --doctor after two reads of a 3.0 card: the card, no PSAM" ||
	bad "CLI doctor after a read" "$out"
out=$("$harness" --profile auth3 --psam psam -- bash -c '
	"$0" --json > /dev/null
	"$0" --doctor --json | python3 -c "$1"' "$b/sscard-info" "$verdict" 2>&1)
[ "$out" = "Virtual PCD 00 00 Virtual PCD 00 01" ] &&
	ok "sscard-info --doctor after a read with a PSAM: each in its own slot" ||
	bad "CLI doctor with a PSAM" "$out"
out=$("$harness" --profile auth3 -- bash -c '
	"$0" --config /dev/null --port 12395 --legacy-port 0 > /dev/null 2>&1 &
	pid=$!
	for w in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:12395/v1/version && break; sleep 0.05; done
	"$1" --json > /dev/null
	curl -s http://127.0.0.1:12395/v1/doctor | python3 -c "$2"
	kill $pid; wait $pid' "$b/sscardd" "$b/sscard-info" "$verdict" 2>&1)
[ "$out" = "Virtual PCD 00 00 None" ] &&
	ok "GET /v1/doctor after a read: the card, no PSAM" ||
	bad "sscardd doctor after a read" "$out"
# a silent card: the doctor probes every slot, 2 s a command, longer than
# a connection that sends nothing may wait; the page still gets the answer
out=$(timeout 120 "$harness" --pinpad --fault silent@0 -- bash -c '
	"$0" --config /dev/null --port 12395 --legacy-port 0 > /dev/null 2>&1 &
	pid=$!
	for w in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:12395/v1/version && break; sleep 0.05; done
	curl -s -w "\n%{http_code}\n" http://127.0.0.1:12395/v1/doctor > "$1/doctor"
	tail -1 "$1/doctor"
	head -1 "$1/doctor" | python3 -c "import json,sys; print(json.load(sys.stdin)[\"problem\"])"
	kill $pid; wait $pid' "$b/sscardd" "$tmp" 2>&1)
[ "$out" = "200
the card in the reader does not answer: take it out, clean the contacts and insert it again, chip first" ] &&
	ok "GET /v1/doctor with a silent card: 200 and the verdict, not an empty reply" ||
	bad "sscardd doctor with a silent card" "$out"

finish
