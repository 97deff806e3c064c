#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: build mpool, the log server, syslog-loadgen and mempoolctl, boot Debian's
# stock 6.12 kernel in QEMU, run the log server on mpool and on kmalloc side by side and
# show what mempoolctl reports (tests/vm/demo-guest.sh runs in the guest).
set -euo pipefail
. "$(dirname "$0")/vm.sh"

out=$MPOOL_BUILD/vm/demo
vm_prepare stock-6.12 "$out" || die "could not build the demo guest"
set +e
vm_boot "$out" mpool_vm.mode=demo
rc=$?
set -e
sed '/^MPOOL-VM: /d' "$out/results.txt"
if [ $rc != 0 ] || ! grep -qx 'MPOOL-VM: demo done' "$out/results.txt"; then
	tail -n 30 "$out/console.txt" >&2
	die "the demo VM did not finish (status $rc); console: $out/console.txt"
fi
