#!/bin/bash
# Build (once) the mpool debug test kernel and print the path of its build tree.
#   tests/vm/kernel.sh                  build if needed, print the tree
#   tests/vm/kernel.sh --dropped CONFIG list fragment options CONFIG does not carry
#
# The kernel is Debian's linux-source-6.12 configured with `allnoconfig` plus
# tests/vm/debug.config. Its build tree (bzImage, Module.symvers, everything an M= build
# needs) lives in the cache, keyed by the source version and the fragment (see
# cached_kernel in lib.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

fragment=$MPOOL_TOP/tests/vm/debug.config

# --dropped CONFIG: only report what CONFIG lacks of the fragment (for tests/host).
if [ "${1:-}" = --dropped ]; then
	dropped=$(config_dropped_options "$fragment" "$2")
	[ -z "$dropped" ] || { echo "$dropped"; exit 1; }
	exit 0
fi
cached_kernel kernel "" "$fragment" arch/x86/boot/bzImage ARCH=x86_64
