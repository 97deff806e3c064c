#!/bin/sh
# Print the kernel build directory to build mpool against.
# The running kernel's /lib/modules/$(uname -r)/build when it exists; otherwise the newest
# installed headers, saying which on stderr; otherwise nothing, and a message naming
# 'make deps' on stderr.
# MPOOL_MODULES_ROOT and MPOOL_HEADERS_ROOT exist for tests/host/kdir-selection.
modules=${MPOOL_MODULES_ROOT:-/lib/modules}
headers=${MPOOL_HEADERS_ROOT:-/usr/src}
running=$(uname -r)
if [ -f "$modules/$running/build/Makefile" ]; then
	echo "$modules/$running/build"
	exit 0
fi

# A usable tree has a .config (Debian's *-common packages alone do not).
best=$(for d in "$modules"/*/build "$headers"/linux-headers-*; do
	[ -f "$d/Makefile" ] && [ -f "$d/.config" ] || continue
	rel=$(sed -n 's/^# Linux.* \([0-9][^ ]*\) Kernel Configuration$/\1/p' "$d/.config" | head -n1)
	echo "${rel:-0} $(readlink -f "$d")"
done | sort -V -k1,1 | tail -n1 | cut -d' ' -f2)

if [ -z "$best" ]; then
	echo "mpool: no kernel build tree: $running has no $modules/$running/build and no headers are installed." >&2
	echo "mpool: run 'make deps' to install Debian's headers, or pass KDIR=/path/to/kernel/build." >&2
	exit 1
fi
echo "mpool: kernel $running has no build dir; building against $best" >&2
echo "$best"
