#!/bin/sh
# `mempoolctl set` changes limits, magazine size and poison, as the next read shows;
# `reset` zeroes the counters and keeps the gauges. Everything is put back.
# shellcheck disable=SC2046 # set -- $(config POOL) splits on purpose
. /tests/lib.sh
# config POOL: "min max magazine flags reserve" from show
config() {
	mempoolctl show "$1" | awk '
		/^  min-objects / { min = $2 } /^  max-objects / { max = $2 }
		/^  magazine-size / { mag = $2 } /^  flags / { flags = $2 } /^  reserve / { res = $2 }
		END { print min, max, mag, flags, res }'
}
set -- $(config demo_conn)
[ "$1 $2 $4" = "16 4096 none" ] || fail "demo_conn does not start as created: $*"
mag=$3
restore() {
	mempoolctl set demo_conn min-objects=16 max-objects=4096 magazine-size="$mag" >/dev/null
	mempoolctl set demo_frame poison=on >/dev/null
}
trap restore EXIT

out=$(mempoolctl set demo_conn min-objects=24 magazine-size=8) || fail "set exited $?"
[ "$out" = "demo_conn: min-objects=24 magazine-size=8" ] || fail "set output: $out"
set -- $(config demo_conn)
[ "$1 $2 $3" = "24 4096 8" ] && [ "$5" -ge 24 ] || fail "after set: $*"
mempoolctl set demo_conn max-objects=none >/dev/null || fail "max-objects=none"
set -- $(config demo_conn)
[ "$2" = none ] || fail "no cap shown as '$2'"
mempoolctl set demo_conn max-objects=2K >/dev/null || fail "max-objects=2K"
set -- $(config demo_conn)
[ "$2" = 2048 ] || fail "max-objects=2K gave $2"

mempoolctl set demo_frame poison=off >/dev/null || fail "poison=off"
set -- $(config demo_frame)
[ "$4" = track ] || fail "poison still on: $4"
mempoolctl set demo_frame poison=on >/dev/null || fail "poison=on"
set -- $(config demo_frame)
[ "$4" = poison,track ] || fail "poison not back: $4"

restore
set -- $(config demo_conn)
[ "$1 $2 $3" = "16 4096 $mag" ] || fail "not restored: $*"

mempoolctl warm demo_frame 10 >/dev/null
out=$(mempoolctl reset demo_frame) || fail "reset exited $?"
[ "$out" = "demo_frame: statistics reset" ] || fail "reset output: $out"
mempoolctl stats demo_frame >/tmp/stats || fail "stats exited $?"
cat /tmp/stats
awk '/^(alloc|free|slabs|poison|double|invalid)-/ && $2 != 0 { print "not zero: " $0; bad = 1 }
	/^alloc-magazine / { counters = 1 }
	$1 == "live" { seen = 1; if ($2 != 8) { print "live changed: " $0; bad = 1 } }
	$1 == "cached" && $2 == 0 { print "cached changed: " $0; bad = 1 }
	END { exit bad || !seen || !counters }' /tmp/stats || fail "reset"
