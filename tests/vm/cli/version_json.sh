#!/bin/sh
# `mempoolctl -j version` prints one JSON object with the same two versions.
set -e
want=$(cat /sys/module/mpool/version)
out=$(mempoolctl -j version)
echo "$out"
[ "$out" = "{\"tool\":\"$want\",\"module\":\"$want\"}" ]
