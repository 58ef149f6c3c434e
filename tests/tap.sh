# Sourced by the per-topic test scripts (*.t): TAP output, the build and
# a private temporary folder.  The caller sets plan=N before sourcing.
# They run in every pass (plain, ASan+UBSan, arm64 under qemu); a test
# that needs the plain build says so with skip when $plain is 0.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top" || exit 1
export BUILD=${BUILD:-build}
case $BUILD in /*) b=$BUILD ;; *) b=$top/$BUILD ;; esac
harness=tests/harness/with-pcscd
tmp=$(mktemp -d)
chmod 755 "$tmp"                # the runs as nobody read their files here
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
	# on stderr too: prove shows it without -v
	[ -n "${2:-}" ] && echo "$2" | head -40 | sed 's/^/# /' | tee /dev/stderr
	return 0
}
# Python and Java load the library: only a plain build of this machine's
# architecture (not a sanitizer's, not an arm64 one under qemu)
case ${b##*/} in
*san* | *arm64*) plain=0 ;;
*) plain=1 ;;
esac
# skip REASON: this test counted as passed, not run here
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }
# the closing line and the status
finish() {
	echo "# $((n - failed)) passed, $failed failed"
	[ $failed -eq 0 ]
}
echo "1..$plan"
