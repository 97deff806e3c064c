#!/bin/sh
# `mempoolctl version` prints its own version and, over netlink, the loaded module's.
set -e
want=$(cat /sys/module/mpool/version)
out=$(mempoolctl version)
echo "$out"
echo "$out" | grep -qx "mpool.ko $want"
echo "$out" | grep -qx "mempoolctl $want"
