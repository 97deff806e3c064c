#!/bin/sh
# `mempoolctl rebalance` moves cached memory between the guest's two nodes: on
# demo_conn (any count moved: only whole free slabs move), with --count, in JSON, and
# on one class of kbuf; a node without memory is refused by the kernel (exit 2),
# the same node twice is a usage error (exit 1, no request), and kbuf without
# --class is refused.
. /tests/lib.sh
command -v jsoncheck >/dev/null || fail "jsoncheck is not in the guest"
[ -d /sys/devices/system/node/node1 ] || fail "the guest has one node: the harness boots two"

out=$(mempoolctl rebalance demo_conn --from 0 --to 1) || fail "rebalance exited $?"
echo "$out"
echo "$out" | grep -Eq '^demo_conn: [0-9]+ objects moved from node 0 to node 1' || fail "output: $out"
# Something to move: warm node 1, then move up to 32 back to node 0.
mempoolctl warm demo_conn 256 --node 1 >/dev/null || fail "warm --node 1"
mempoolctl -j rebalance demo_conn --from 1 --to 0 --count 32 >/tmp/j.json || fail "rebalance -j exited $?"
cat /tmp/j.json
jsoncheck pool from_node to_node moved </tmp/j.json >/tmp/vals || fail "rebalance JSON"
# shellcheck disable=SC2046 # one value a line
set -- $(cat /tmp/vals)
[ "$1 $2 $3" = "demo_conn 1 0" ] && [ "$4" -le 32 ] || fail "rebalance JSON: $*"
mempoolctl shrink demo_conn >/dev/null

out=$(mempoolctl rebalance kbuf --from 0 --to 1 --class 4K) || fail "rebalance --class exited $?"
echo "$out" | grep -Eq '^kbuf class 4096: [0-9]+ objects moved from node 0 to node 1' || fail "output: $out"

refused '*not a node with memory' rebalance demo_conn --from 0 --to 64
refused '*not a node with memory' rebalance demo_conn --from 63 --to 0
refused '*a buffer pool acts per class*' rebalance kbuf --from 0 --to 1

mempoolctl rebalance demo_conn --from 1 --to 1 >/tmp/out 2>/tmp/err
rc=$?
cat /tmp/err
[ "$rc" = 1 ] || fail "the same node: exit $rc, want 1"
grep -q '^usage: mempoolctl rebalance' /tmp/err || fail "no usage line"
