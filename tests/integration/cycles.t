#!/bin/bash
# Card events through 50 insertions and removals (moved out of
# tests/integration/run to run beside it): every one told, in order,
# nothing extra.  TAP.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=1
. "$(dirname "$0")/../tap.sh"

# wait_lines FILE PATTERN COUNT: until FILE has COUNT lines matching PATTERN (5 s)
cat > "$tmp/wait_lines" <<'SH'
#!/bin/bash
for _ in $(seq 250); do
	[ "$(grep -c -- "$2" "$1" 2>/dev/null)" -ge "$3" ] && exit 0
	sleep 0.02
done
exit 1
SH
chmod +x "$tmp/wait_lines"
export tmp BUILD=$b
out=$(timeout 120 "$harness" -- bash -c '
	"$BUILD/tests/integration/events" cycles 50 > "$tmp/cycles" 2>&1 & e=$!
	"$tmp/wait_lines" "$tmp/cycles" ready 1 || exit 9
	for i in $(seq 50); do
		kill -USR1 $WITH_PCSCD_VCARD_PID; "$tmp/wait_lines" "$tmp/cycles" "^out" $i || break
		kill -USR2 $WITH_PCSCD_VCARD_PID; "$tmp/wait_lines" "$tmp/cycles" "^in" $i || break
	done
	wait $e; rv=$?; tail -1 "$tmp/cycles"; exit $rv' 2>&1)
[ $? -eq 0 ] && ok "50 insert/remove cycles: $(echo "$out" | tail -1)" || bad "50 cycles" "$out"

finish
