#!/bin/bash
# mempoolctl's changing commands end to end on the fake kernel (tool/tests/nl_fake.c,
# which keeps its pools' state in a file between runs): set, warm, shrink, reset send
# what they should, the change shows in the next read, and the kernel's refusals come
# back as "mempoolctl: kernel: <message>" with exit status 2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-fake.sh"

# ---- set ----
expect_eq "set output" "$("$m" set demo_conn min-objects=32 magazine-size=64)" "demo_conn: min-objects=32 magazine-size=64"
expect_eq "after set" "$(show_values demo_conn info.min_objects info.magazine_size info.max_objects)" "32 64 4096 "
"$m" set id:1 max-objects=none >/dev/null
expect_eq "max-objects=none" "$(show_values demo_conn info.max_objects)" "0 "
"$m" show demo_conn | grep -qx '  max-objects      none' || fail "no cap not shown as none"
"$m" set demo_conn max-objects=4K >/dev/null
expect_eq "max-objects=4K" "$(show_values demo_conn info.max_objects)" "4096 "
# poison: read the flags, switch one bit, by id.
: >"$TMP/requests"
expect_eq "poison=off" "$("$m" set demo_frame poison=off)" "demo_frame: poison=off"
expect_eq "requests for poison" "$(tr '\n' ' ' <"$TMP/requests")" "do 2 do 3 "
expect_eq "flags after poison=off" "$(show_values demo_frame info.flags)" '["track"] '
"$m" set demo_frame poison=on >/dev/null
expect_eq "flags after poison=on" "$(show_values demo_frame info.flags)" '["poison","track"] '
[ -z "$("$m" -j set demo_frame magazine-size=16)" ] || fail "set -j printed something"
kernel_error "mempoolctl: kernel: flags: poison would wipe what the constructor builds" \
	"mempoolctl: pool-set: Invalid argument" -- set demo_conn poison=on
kernel_error "mempoolctl: kernel: max-objects: below the objects in use" \
	"mempoolctl: pool-set: Device or resource busy" -- set demo_conn min-objects=0 max-objects=10
kernel_error "mempoolctl: kernel: min-objects: above max-objects" \
	"mempoolctl: pool-set: Invalid argument" -- set demo_conn min-objects=5000
expect_eq "refused changes change nothing" "$(show_values demo_conn info.min_objects info.max_objects info.flags)" "32 4096 [] "

# ---- warm ----
expect_eq "warm" "$("$m" warm demo_conn 1K)" "demo_conn: 1024 objects ready"
expect_eq "after warm" "$(show_values demo_conn stats.cached)" "1024 "
expect_eq "warm --node" "$("$m" warm demo_frame 10 --node 1)" "demo_frame: 10 objects ready on node 1"
kernel_error "mempoolctl: kernel: count: warming that many would pass max-objects" \
	"mempoolctl: pool-warm: No space left on device" -- warm demo_frame 2000
kernel_error "mempoolctl: kernel: node: not a node with memory" \
	"mempoolctl: pool-warm: Invalid argument" -- warm demo_frame 1 --node 7
[ -z "$("$m" -j warm demo_conn 1)" ] || fail "warm -j printed something"

# ---- shrink ----
# demo_conn: 1024 cached, reserve 32: 62 slabs of 16 objects, 4 KiB each.
expect_eq "shrink" "$("$m" shrink demo_conn)" "demo_conn: released 248K"
expect_eq "after shrink" "$(show_values demo_conn stats.cached)" "32 "
"$m" warm demo_conn 1K >/dev/null
expect_eq "shrink --bytes" "$("$m" shrink --bytes demo_conn)" "demo_conn: released 253952"
expect_eq "shrink -j" "$("$m" -j shrink id:1)" '{"pool":"id:1","released":0}'

# ---- reset ----
expect_eq "before reset" "$(show_values demo_frame stats.alloc_magazine stats.live)" "40 8 "
expect_eq "reset" "$("$m" reset demo_frame)" "demo_frame: statistics reset"
expect_eq "after reset: counters zero, gauges kept" "$(show_values demo_frame stats.alloc_magazine stats.slabs_grown stats.live)" "0 0 8 "
echo "changing commands fine"
