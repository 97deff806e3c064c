#!/bin/sh
# `mempoolctl stats` prints every counter; --watch prints rates per second between
# samples; `top` works without a terminal (--once, --iterations) and sorts.
. /tests/lib.sh
mempoolctl stats demo_conn >/tmp/stats || fail "stats exited $?"
cat /tmp/stats
# 38 counters and gauges, then hit-rate, efficiency and fragmentation.
[ "$(grep -c . /tmp/stats)" = 41 ] || fail "want 41 lines"
grep -Eq '^adapt-rebalances [0-9]+$' /tmp/stats || fail "adapt-rebalances"
grep -qx 'requested-bytes 0' /tmp/stats || fail "an object pool asks no bytes"
grep -qx 'live 32' /tmp/stats || fail "live 32"
grep -Eq '^alloc-magazine [0-9]+$' /tmp/stats || fail "alloc-magazine"
grep -Eq '^efficiency [0-9]+$' /tmp/stats || fail "efficiency"

mempoolctl stats demo_conn --watch 0.5 --count 2 >/tmp/watch || fail "--watch exited $?"
cat /tmp/watch
[ "$(grep -c . /tmp/watch)" = 3 ] || fail "want a header and 2 lines"
head -n 1 /tmp/watch | grep -q 'ALLOC/s  *FREE/s  *MAG%' || fail "watch header"
# Rates are numbers (the demo module makes no traffic unless asked), live stays 32.
awk 'NR > 1 && !($1 ~ /^[0-9.]+$/ && $2 ~ /^[0-9.]+$/ && $9 == 32) { bad = 1 } END { exit bad }' \
	/tmp/watch || fail "rate lines"

mempoolctl top --once >/tmp/top || fail "top --once exited $?"
cat /tmp/top
head -n 1 /tmp/top | grep -Eq '^mempoolctl top - [0-9]+ pools, [0-9]+ live objects, .* sorted by pages$' ||
	fail "top header"
grep -q ' demo_conn ' /tmp/top && grep -q ' demo_frame ' /tmp/top || fail "top rows"
mempoolctl top -n 2 -d 0.5 --sort name >/tmp/top || fail "top -n 2 exited $?"
[ "$(grep -c '^mempoolctl top' /tmp/top)" = 2 ] || fail "want 2 frames"
awk '$2 ~ /^demo_(conn|frame)$/ { printf "%s ", $2 }' /tmp/top | grep -q '^demo_conn demo_frame demo_conn demo_frame $' ||
	fail "sort by name"
