#!/bin/sh
# What the kernel refuses exits 2 and prints its reason as "mempoolctl: kernel: ...":
# unknown pools by name and id, warming past max-objects or on a node without
# memory, poison on a pool with a constructor, limits the pool cannot take. A refused
# request changes nothing.
. /tests/lib.sh
for cmd in "show no_such_pool" "stats no_such_pool" "warm no_such_pool 1" "shrink no_such_pool" \
	"set no_such_pool min-objects=1" "reset no_such_pool" "-j show no_such_pool"; do
	refused 'name: *no pool*' $cmd
done
refused 'id: *no pool*' show id:4000000000
before=$(mempoolctl stats demo_frame | sed -n 's/^objects //p')
[ -n "$before" ] || fail "stats demo_frame shows no objects line"
refused 'count: *max-objects*' warm demo_frame 2000
refused 'node: *' warm demo_frame 1 --node 64
refused 'flags: *constructor*' set demo_conn poison=on
refused 'max-objects: *in use*' set demo_conn min-objects=0 max-objects=8
refused 'min-objects: *max-objects*' set demo_conn min-objects=5000
mempoolctl show demo_conn >/tmp/show
awk '$0 == "  max-objects      4096" { a = 1 } $0 == "  min-objects      16" { b = 1 }
	$0 == "  flags            none" { c = 1 } END { exit !(a && b && c) }' /tmp/show ||
	fail "a refused set changed demo_conn"
[ "$(mempoolctl stats demo_frame | sed -n 's/^objects //p')" = "$before" ] || fail "a refused warm carved objects"
