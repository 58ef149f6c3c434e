#!/bin/bash
# Cross-build the Debian packages for ARCH (dpkg-buildpackage -a ARCH with
# the cross toolchain), show lintian's verdict, and check that they hold
# the same files as the host's packages (build/deb-files, left there by
# tests/deb-check.sh) but for the multiarch paths, every ELF file built
# for ARCH.
#
#   tests/cross/deb-check.sh ARCH
#
# The build dependencies are not checked (-d): libwebsockets-dev and
# libpcsclite-dev of ARCH do not co-install with the host's, and the
# build takes their files from the sysroot tests/cross/deps.sh unpacked.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "cross/deb-check: $*" >&2; exit 1; }
[ $# -eq 1 ] || { echo "usage: $0 ARCH" >&2; exit 2; }
arch=$1
case $arch in
arm64) machine=AArch64 ;;
*) fail "no cross toolchain for $arch" ;;
esac
lists="$top/build/deb-files"
[ -d "$lists" ] || fail "no $lists: run tests/deb-check.sh first"
export CROSS_SYSROOT="$top/build-$arch-sysroot"
[ -f "$CROSS_SYSROOT/.done" ] || fail "no $CROSS_SYSROOT: make deps-$arch"
host_triplet=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
triplet=$(dpkg-architecture -a"$arch" -qDEB_HOST_MULTIARCH 2>/dev/null)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/libsscard"
(cd "$top" && git ls-files -z | xargs -0 cp --parents -t "$work/libsscard")
(cd "$work/libsscard" &&
	dpkg-buildpackage -us -uc -b -d -a"$arch" > "$work/build.log" 2>&1) ||
	{ tail -40 "$work/build.log"; fail "dpkg-buildpackage -a$arch failed"; }
echo "packages ($arch):"
for d in "$work"/*.deb; do
	pkg=$(dpkg-deb -f "$d" Package)
	pkg_arch=$(dpkg-deb -f "$d" Architecture)
	echo "  $pkg $(dpkg-deb -f "$d" Version) $pkg_arch"
	[ "$pkg_arch" = "$arch" ] || [ "$pkg_arch" = all ] ||
		fail "$pkg is for $pkg_arch"
	[ -f "$lists/$pkg" ] || fail "$pkg: no such package on the host"
	"$top/tests/deb-files" "$d" "$triplet" "$host_triplet" > "$work/$pkg.list"
	diff -u "$lists/$pkg" "$work/$pkg.list" ||
		fail "$pkg: not the host package's files"
	mkdir "$work/x-$pkg"
	dpkg-deb -x "$d" "$work/x-$pkg"
	while IFS= read -r -d '' f; do
		[ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
		readelf -h "$f" 2> /dev/null | grep -q "Machine: *$machine" ||
			fail "$pkg: ${f#"$work"/x-"$pkg"} is not built for $arch"
	done < <(find "$work/x-$pkg" -type f -print0)
done
[ "$(ls "$work"/*.deb | wc -l)" -eq "$(ls "$lists" | wc -l)" ] ||
	fail "not as many packages as the host's"
echo "lintian ($arch):"
lint=$(lintian "$work"/*.changes 2>&1 | grep -v "running with root privileges" || true)
echo "${lint:-  (nothing to report)}" | sed 's/^/  /'
echo "$lint" | grep -q '^[EW]: ' && fail "lintian reports errors or warnings"
echo "cross/deb-check: ok ($arch: built, same files as the host's, lintian clean)"
