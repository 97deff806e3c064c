#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# PID 1 of the User-Mode Linux benchmark guest, whose root is a host directory
# (hostfs): runs /bench (tests/bench/guest.sh) into /results.txt, which the host reads,
# and powers off. Nothing else is written to the host directory.
/bin/busybox mount -t tmpfs tmpfs /tmp
/bin/busybox mkdir -p /tmp/bin
/bin/busybox --install -s /tmp/bin
export PATH=/tmp/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
sh /bench >/results.txt.part 2>&1
mv /results.txt.part /results.txt
sync
poweroff -f
