#!/bin/sh
# Install what a cross build for ARCH needs on a Debian 12 host:
#
#   tests/cross/deps.sh ARCH SYSROOT
#
# The cross compiler, qemu-user and the ARCH libraries come from Debian's
# multiarch.  Two -dev packages do not co-install with the host's own:
# libwebsockets-dev (its lws_config.h differs per architecture) and
# libpcsclite-dev (it pulls python3:ARCH).  Their files are unpacked into
# SYSROOT instead, their .pc files pointed there and their library links
# at the ARCH libraries the runtime packages installed.  So is umockdev,
# whose preload library the arm64 programs need under umockdev-run.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu

[ $# -eq 2 ] || { echo "usage: $0 ARCH SYSROOT" >&2; exit 2; }
arch=$1
sysroot=$2
case $arch in
arm64) triplet=aarch64-linux-gnu ;;
*) echo "cross/deps: no Debian 12 toolchain for $arch (see README)" >&2
   exit 2 ;;
esac
# the packages unpacked rather than installed (umockdev for its preload
# library, which the tests' umockdev-run names to the ARCH programs)
unpacked="libwebsockets-dev libpcsclite-dev umockdev"

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null |
		grep -q 'install ok installed'
}

export DEBIAN_FRONTEND=noninteractive
if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
	[ "$(id -u)" -eq 0 ] ||
		{ echo "cross/deps: as root: dpkg --add-architecture $arch" >&2; exit 1; }
	dpkg --add-architecture "$arch"
	apt-get update -qq
fi

runtime=$(apt-cache depends "libwebsockets-dev:$arch" |
	sed -n "s/^ *Depends: \(libwebsockets[0-9]*\):$arch\$/\1/p" | head -1)
[ -n "$runtime" ] || { echo "cross/deps: no libwebsockets runtime for $arch" >&2; exit 1; }
pkgs="crossbuild-essential-$arch qemu-user-static dpkg-dev debhelper
fakeroot lintian libc6:$arch libpcsclite1:$arch $runtime:$arch
libssl-dev:$arch libjson-c-dev:$arch libcmocka-dev:$arch
libusb-1.0-0-dev:$arch libcap-dev:$arch libubsan1:$arch
libsystemd-dev:$arch"
missing=""
for p in $pkgs; do
	installed "$p" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "cross/deps: missing Debian packages:$missing" >&2
		echo "cross/deps: run as root: apt-get install$missing" >&2
		exit 1
	fi
	echo "cross/deps: installing$missing"
	apt-get install -y -qq --no-install-recommends $missing > /dev/null
fi

[ -f "$sysroot/.done" ] && exit 0
echo "cross/deps: unpacking $unpacked ($arch) into $sysroot"
rm -rf "$sysroot"
mkdir -p "$sysroot"
sysroot=$(cd "$sysroot" && pwd)
debs=$(mktemp -d)
trap 'rm -rf "$debs"' EXIT
for p in $unpacked; do
	(cd "$debs" && apt-get download -qq -o APT::Sandbox::User=root \
		"$p:$arch")
done
for d in "$debs"/*.deb; do
	dpkg-deb -x "$d" "$sysroot"
done
libdir="$sysroot/usr/lib/$triplet"
for pc in "$libdir"/pkgconfig/*.pc; do
	sed -i "s|^prefix=\"\\?/usr\"\\?\$|prefix=$sysroot/usr|" "$pc"
done
# libfoo.so -> libfoo.so.N, where libfoo.so.N is the installed one
for link in "$libdir"/*.so; do
	[ -e "$link" ] && continue
	target=$(readlink "$link")
	ln -sfn "/usr/lib/$triplet/$target" "$link"
	[ -e "$link" ] || { echo "cross/deps: $link: no $target" >&2; exit 1; }
done
touch "$sysroot/.done"
