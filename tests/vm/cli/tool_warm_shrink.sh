#!/bin/sh
# `mempoolctl warm` gets objects ready (on every node, or one with --node) and
# `shrink` gives the idle ones back, printing the bytes released.
. /tests/lib.sh
cached() {
	mempoolctl stats "$1" | sed -n 's/^cached //p'
}
out=$(mempoolctl warm demo_frame 40) || fail "warm exited $?"
echo "$out"
[ "$out" = "demo_frame: 40 objects ready" ] || fail "warm output"
c=$(cached demo_frame)
echo "cached after warm: $c"
# 40 ready on each node with memory.
nodes=$(ls -d /sys/devices/system/node/node[0-9]* | wc -l)
[ "$c" -ge $((40 * nodes)) ] || fail "cached $c < 40 x $nodes nodes"
out=$(mempoolctl warm demo_frame 60 --node 1) || fail "warm --node 1 exited $?"
[ "$out" = "demo_frame: 60 objects ready on node 1" ] || fail "warm --node output: $out"
[ "$(cached demo_frame)" -gt "$c" ] || fail "warm --node 1 added nothing"
mempoolctl warm demo_frame 1K --node 0 >/dev/null 2>/tmp/err
rc=$?
[ $rc = 2 ] && grep -q '^mempoolctl: kernel: count:' /tmp/err ||
	{ cat /tmp/err; fail "1024 more objects past max-objects 1024: exit $rc, want 2 with a count: message"; }

out=$(mempoolctl shrink demo_frame) || fail "shrink exited $?"
echo "$out"
echo "$out" | grep -Eq '^demo_frame: released [0-9.]+[KMG]?$' || fail "shrink output"
after=$(cached demo_frame)
echo "cached after shrink: $after"
[ "$after" -lt "$c" ] || fail "shrink left $after cached"
mempoolctl warm demo_frame 40 >/dev/null || fail "warm again"
bytes=$(mempoolctl --bytes shrink demo_frame | sed -n 's/^demo_frame: released \([0-9]*\)$/\1/p')
[ -n "$bytes" ] && [ "$bytes" -ge 4096 ] && [ $((bytes % 4096)) = 0 ] || fail "--bytes released '$bytes'"
# The idle pool: nothing above the reserve left.
[ "$(mempoolctl -j shrink demo_frame)" = '{"pool":"demo_frame","released":0}' ] ||
	fail "second shrink released something"
# demo_conn has a constructor and a reserve of 16: warm and shrink work there too.
mempoolctl warm demo_conn 64 >/dev/null || fail "warm demo_conn"
mempoolctl shrink demo_conn >/dev/null || fail "shrink demo_conn"
[ "$(mempoolctl stats demo_conn | sed -n 's/^reserve //p')" -ge 16 ] || fail "shrink ate the reserve"
