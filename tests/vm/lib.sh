# Shared definitions for the VM harness; sourced, never run.
# shellcheck shell=bash

MPOOL_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MPOOL_CACHE=${MPOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mpool}
MPOOL_BUILD=${MPOOL_BUILD:-$MPOOL_TOP/build}

die() {
	echo "mpool: $*" >&2
	exit 1
}

# Debian package version of the linux-source-6.12 tarball (e.g. 6.12.117-1~deb12u1).
linux_source_version() {
	dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null ||
		die "linux-source-6.12 is not installed: run 'make deps'"
}

# The unpacked source tree for that version, unpacked once into the cache.
linux_source_tree() {
	local ver tree tmp
	ver=$(linux_source_version) || exit 1
	tree=$MPOOL_CACHE/linux-source-$ver
	if [ ! -f "$tree/.mpool-unpacked" ]; then
		mkdir -p "$MPOOL_CACHE"
		tmp=$(mktemp -d "$MPOOL_CACHE/unpack.XXXXXX")
		echo "mpool: unpacking linux-source $ver into $tree" >&2
		tar -C "$tmp" -xf /usr/src/linux-source-6.12.tar.xz ||
			die "cannot unpack /usr/src/linux-source-6.12.tar.xz"
		rm -rf "$tree"
		mv "$tmp/linux-source-6.12" "$tree"
		rmdir "$tmp"
		touch "$tree/.mpool-unpacked"
	fi
	echo "$tree"
}

# Newest installed Debian stock kernel release of a series ("6.12" or "6.1") that has
# both its image and its headers, e.g. 6.12.117+deb12-amd64.
stock_kernel_release() {
	local series=$1 rel best=
	for rel in $(ls /boot 2>/dev/null | sed -n "s/^vmlinuz-\($series[.-].*-amd64\)$/\1/p" |
		     sort -V); do
		[ -f "/usr/src/linux-headers-$rel/Makefile" ] && best=$rel
	done
	[ -n "$best" ] || die "no Debian $series kernel image + headers installed: run 'make deps'"
	echo "$best"
}
