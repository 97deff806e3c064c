#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build (once) the User-Mode Linux benchmark kernel and print the path of its build tree.
#
# Debian's linux-source-6.12, ARCH=um (x86_64), `allnoconfig` + tests/bench/uml.config.
# The tree (the `linux` executable, Module.symvers, everything an M= build needs) is
# cached like the debug test kernel (cached_kernel in tests/vm/lib.sh).
set -euo pipefail
. "$(dirname "$0")/../vm/lib.sh"

cached_kernel uml "uml " "$MPOOL_TOP/tests/bench/uml.config" linux ARCH=um SUBARCH=x86_64
