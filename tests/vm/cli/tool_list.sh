#!/bin/sh
# `mempoolctl list` shows the demo pools (mpool_demo.ko): a table with their object
# sizes in human units (raw with --bytes), objects in use and kind, and --names lists
# them. (tests/vm/cli/tool_kbuf.sh checks the buffer pool kbuf.)
. /tests/lib.sh
out=$(mempoolctl list) || fail "list exited $?"
echo "$out"
echo "$out" | head -n 1 | grep -q '^ *ID  *NAME  *OBJSIZE  *LIVE  *CACHED  *PAGES  *HIT%  *EFF%  *KIND$' ||
	fail "header"
row() { echo "$out" | awk -v n="$1" '$2 == n'; }
[ "$(row demo_conn | awk '{ print $3, $4 }')" = "256 32" ] || fail "demo_conn row: $(row demo_conn)"
[ "$(row demo_frame | awk '{ print $3, $4 }')" = "1.5K 8" ] || fail "demo_frame row: $(row demo_frame)"
row demo_conn | grep -Eq '[0-9]+\.[0-9]%  +[0-9]+\.[0-9]%  object$' || fail "percentages and kind: $(row demo_conn)"
[ "$(mempoolctl list --bytes | awk '$2 == "demo_frame" { print $3 }')" = 1500 ] || fail "--bytes"
names=$(mempoolctl list --names) || fail "--names exited $?"
echo "$names" | grep -qx demo_conn || fail "--names lacks demo_conn"
echo "$names" | grep -qx demo_frame || fail "--names lacks demo_frame"
[ "$(echo "$out" | grep -c .)" = "$(($(echo "$names" | grep -c .) + 1))" ] || fail "--names and the table disagree"
# Sorted by name, demo_conn comes before demo_frame.
mempoolctl list --sort name | awk '$2 ~ /^demo_(conn|frame)$/ { printf "%s ", $2 }' | grep -q '^demo_conn demo_frame $' ||
	fail "--sort name"
# Piped, there is no colour.
! mempoolctl list | grep -q "$(printf '\033')" || fail "escape sequences without a terminal"
