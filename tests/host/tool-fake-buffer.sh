#!/bin/bash
# mempoolctl and buffer pools, end to end on the fake kernel (tool/tests/nl_fake.c):
# kbuf (16 classes, 64 B to 2 MiB, 16 buffers of 300 bytes in use in its 512 class,
# adaptive) and fake_wide (24 classes, the most the kernel makes: the biggest
# class-get reply; numbers that call for every buffer suggestion).
#  - list: one line per buffer pool (not per class), KIND buffer, OBJSIZE <=largest;
#  - show: classes table, size histogram, oversize, fragmentation overall and per
#    class, the adaptive line and the last adaptation, in text and JSON;
#  - resize (class-set), rebalance (pool-rebalance), warm --class, set's adaptive
#    keys: what they send shows in the next read; the kernel's refusals (EBUSY below
#    the objects in use, class-size above the largest class, a buffer pool's limits
#    through set, no class said, bad nodes) exit 2 with its message.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-fake.sh"
unset NO_COLOR
pick() {
	$jc -l "$@" <"$TMP/j" | tr '\n' ' '
}
# has FILE LINE...: every LINE is a line of FILE
has() {
	local f=$1
	shift
	for want in "$@"; do
		grep -qxF -- "$want" "$f" || { cat "$f"; fail "no line '$want'"; }
	done
}

# ---- list ----
"$m" list >"$TMP/list"
expect_eq "kbuf row" "$(awk '$2 == "kbuf"' "$TMP/list" | tr -s ' ')" " 4 kbuf <=2.0M 16 99 28 99.5% 100.0% buffer"
expect_eq "kbuf once, no classes" "$(grep -c kbuf "$TMP/list")" 1
expect_eq "--bytes" "$("$m" list --bytes | awk '$2 == "kbuf" { print $3 }')" "<=2097152"
expect_eq "object pools' kind" "$(awk '$2 ~ /^demo_(conn|frame)$/ { print $NF }' "$TMP/list" | tr '\n' ' ')" "object object "
json list
expect_eq "list JSON" "$(pick pools.3.name pools.3.kind pools.3.info.classes pools.3.info.adaptive pools.4.info.classes pools.0.kind)" \
	"kbuf buffer 16 true 24 object "
expect_eq "list JSON size histogram" "$(pick 'pools.3.size_hist#' pools.3.size_hist.8.low pools.3.size_hist.8.count)" "32 256 1016 "

# ---- show kbuf ----
"$m" show kbuf >"$TMP/show"
cat "$TMP/show"
has "$TMP/show" "pool kbuf (id 4, buffer pool)" "  classes          16 (64 to 2.0M)" \
	"  limits           per class (mempoolctl resize kbuf --class SIZE)" \
	"  magazine-size    32 (every class)" "  adaptive         on, every 300 s, rebalancing off" \
	"  last adaptation: grew the magazine size to 64: 75 depot exchanges a second (above 50) (2023-11-14 22:23:20)" \
	"  bytes            3.7M asked, 3.9M granted by the classes" \
	"  fragmentation    6.0% of the granted bytes unused (internal)" \
	"  oversize         3 allocs, 3 frees, 0 live (above the largest class: kvmalloc)" \
	"sizes asked (1616 allocations)" "classes (16)" \
	"  SIZE  MIN   MAX  LIVE  CACHED  OBJECTS  PAGES  PEAK  ALLOCS  FRAG%" \
	"   512    0  none    16      48       64      8    20    1024  41.9%" \
	"    64    0  none     0       0        0      0     0       0      -" \
	"  2.0M    0  none     0       0        0      0     0       0      -" \
	"  adapt-magazine-grows 1" "  none: the numbers look healthy"
grep -qE '^ +256 - 512 +1016 #{40}$' "$TMP/show" || fail "no size histogram bar"
grep -qE '^ +64K - 128K +50 ##$' "$TMP/show" || fail "no 64K bucket"
expect_eq "16 class rows" "$(sed -n '/^classes (16)/,/^nodes/p' "$TMP/show" | grep -cE '^ +[0-9.]+[KM]? +[0-9]+ ')" 16
"$m" show kbuf --bytes | grep -qxF "  classes          16 (64 to 2097152)" || fail "--bytes classes"
"$m" --bytes show kbuf | grep -qE '^ +2097152 +0 +none ' || fail "--bytes class row"
"$m" show id:4 | head -n 1 | grep -qx 'pool kbuf (id 4, buffer pool)' || fail "show id:4"
json show kbuf
expect_eq "show JSON" "$(pick kind info.classes 'classes#' classes.3.size classes.3.stats.live classes.3.stats.fragmentation classes.3.info.max_objects)" \
	"buffer 16 16 512 16 418640 0 "
expect_eq "show JSON buffers" "$(pick stats.requested_bytes stats.granted_bytes stats.fragmentation stats.oversize_allocs stats.oversize_live)" \
	"3860400 4108288 60338 3 0 "
expect_eq "show JSON adaptive" "$(pick info.adaptive info.adapt_interval info.adapt_rebalance info.last_adaptation_time)" \
	"true 300 false 1700000600000000000 "
expect_eq "show JSON class histogram" "$(pick 'classes.3.size_hist#' classes.3.size_hist.8.count 'nodes#' 'suggestions#')" "32 1016 4 0 "

# ---- show fake_wide: 24 classes, every buffer suggestion ----
"$m" show fake_wide >"$TMP/wide"
expect_eq "24 class rows" "$(sed -n '/^classes (24)/,/^nodes/p' "$TMP/wide" | grep -cE '^ +[0-9.]+[KM]? +[0-9]+ ')" 24
has "$TMP/wide" "  adaptive         off" \
	"  last adaptation: shrank: the peak 10 is below a quarter of the supply 200; released 190 objects (2023-11-14 22:18:20)" \
	"  - class 4096 hit its cap 4 times: raise it (now 100): mempoolctl resize fake_wide --class 4096 --max 200" \
	"  - class 256: reserve dipped 2 times: raise it (now 8): mempoolctl resize fake_wide --class 256 --min 16" \
	"  - internal fragmentation 33%: the classes are too coarse for the sizes asked (class 1536 wastes 32%, mostly asked 1.0K to 2.0K bytes): a class between would fit them" \
	"  - 15% of the buffers asked (200) were above the largest class (256K) and came from kvmalloc: a larger class would pool them"
json show fake_wide
expect_eq "wide JSON" "$(pick 'classes#' classes.23.size classes.8.size classes.8.stats.live suggestions.0.id suggestions.1.id suggestions.2.id suggestions.3.id)" \
	"24 262144 1536 10 cap-hit reserve-dipped fragmentation-high oversize "

# ---- stats ----
expect_eq "stats kbuf lines" "$("$m" stats kbuf | wc -l)" 41
json stats kbuf
expect_eq "stats JSON" "$(pick stats.live stats.fragmentation stats.oversize_frees)" "16 60338 3 "

# ---- resize ----
: >"$TMP/requests"
expect_eq "resize --min" "$("$m" resize kbuf --class 512 --min 8)" "kbuf class 512: min-objects=8"
expect_eq "one class-set" "$(cat "$TMP/requests")" "do 13"
expect_eq "after resize --min" "$(show_values kbuf classes.3.info.min_objects classes.3.info.max_objects classes.3.stats.cached)" "8 0 48 "
# A size served by the class: 300 bytes go to the 512 class.
expect_eq "resize --max by a size" "$("$m" resize kbuf --class 300 --max 64)" "kbuf class 300: max-objects=64"
expect_eq "after resize --max" "$(show_values kbuf classes.3.info.min_objects classes.3.info.max_objects)" "8 64 "
"$m" show kbuf | grep -qE '^ +512 +8 +64 +16 ' || fail "the classes table shows the new limits"
kernel_error "mempoolctl: kernel: min-objects: above max-objects" \
	"mempoolctl: class-set: Invalid argument" -- resize kbuf --class 512 --min 100
expect_eq "resize --max none, both" "$("$m" resize kbuf --class 512 --min 0 --max none)" "kbuf class 512: min-objects=0 max-objects=none"
expect_eq "restored" "$(show_values kbuf classes.3.info.min_objects classes.3.info.max_objects)" "0 0 "
kernel_error "mempoolctl: kernel: max-objects: below the objects in use" \
	"mempoolctl: class-set: Device or resource busy" -- resize kbuf --class 512 --max 4
kernel_error "mempoolctl: kernel: class-size: above the largest class" \
	"mempoolctl: class-set: Invalid argument" -- resize kbuf --class 4M --min 1
kernel_error "mempoolctl: kernel: class-size: an object pool has no classes" \
	"mempoolctl: class-set: Invalid argument" -- resize demo_conn --class 256 --min 1
expect_eq "refusals change nothing" "$(show_values kbuf classes.3.info.min_objects classes.3.info.max_objects)" "0 0 "
[ -z "$("$m" -j resize kbuf --class 64 --min 2)" ] || fail "resize -j printed something"
expect_eq "resize of the 24th class" "$("$m" resize fake_wide --class 256K --max 10)" "fake_wide class 262144: max-objects=10"
expect_eq "after" "$(show_values fake_wide classes.23.info.max_objects)" "10 "

# ---- set: the adaptive controller; limits refused ----
expect_eq "adaptive=off" "$("$m" set kbuf adaptive=off)" "kbuf: adaptive=off"
"$m" show kbuf | grep -qxF "  adaptive         off" || fail "adaptive off not shown"
expect_eq "every class off" "$(show_values kbuf info.adaptive classes.0.info.adaptive classes.15.info.adaptive)" "false false false "
"$m" set kbuf adaptive=on adapt-interval=120 adapt-rebalance=on >/dev/null
"$m" show kbuf | grep -qxF "  adaptive         on, every 120 s, rebalancing on" || fail "adaptive settings not shown"
expect_eq "interval in every class" "$(show_values kbuf classes.7.info.adapt_interval classes.7.info.adapt_rebalance)" "120 true "
"$m" set kbuf adapt-interval=300 adapt-rebalance=off >/dev/null
expect_eq "back" "$(show_values kbuf info.adaptive info.adapt_interval info.adapt_rebalance)" "true 300 false "
"$m" set demo_conn adaptive=on >/dev/null
"$m" show demo_conn | grep -qxF "  adaptive         on, every 300 s, rebalancing off" || fail "object pool adaptive on"
"$m" set demo_conn adaptive=off >/dev/null
kernel_error "mempoolctl: kernel: limits of a buffer pool are per class: use class-set" \
	"mempoolctl: pool-set: Invalid argument" -- set kbuf min-objects=1
"$m" set kbuf magazine-size=64 >/dev/null
"$m" show kbuf | grep -qxF "  magazine-size    64 (every class)" || fail "magazine-size in every class"
"$m" set kbuf magazine-size=32 >/dev/null

# ---- warm --class, shrink ----
expect_eq "warm --class" "$("$m" warm kbuf 64 --class 4096)" "kbuf class 4096: 64 objects ready"
expect_eq "after warm" "$(show_values kbuf classes.6.stats.cached)" "64 "
expect_eq "warm --class by a size, --node" "$("$m" warm kbuf 10 --class 3K --node 1)" "kbuf class 3072: 10 objects ready on node 1"
kernel_error "mempoolctl: kernel: mpool: class-size: a buffer pool acts per class: say which" \
	"mempoolctl: pool-warm: Invalid argument" -- warm kbuf 64
kernel_error "mempoolctl: kernel: class-size: above the largest class" \
	"mempoolctl: pool-warm: Invalid argument" -- warm kbuf 1 --class 3M
kernel_error "mempoolctl: kernel: class-size: an object pool has no classes" \
	"mempoolctl: pool-warm: Invalid argument" -- warm demo_conn 1 --class 64
# Every class: 64 of 4096 (64 pages), 48 of 512 (6), 32 of 128, 16 of 256 (1 each)
# and one of 64K (16): 88 pages.
expect_eq "shrink kbuf" "$("$m" shrink --bytes kbuf)" "kbuf: released 360448"
# The reserve of 2 in the 64 class (resize above) stays.
expect_eq "after shrink" "$(show_values kbuf stats.cached classes.0.stats.cached classes.6.stats.cached stats.live)" "2 2 0 16 "

# ---- rebalance ----
: >"$TMP/requests"
expect_eq "rebalance, nothing to move" "$("$m" rebalance demo_conn --from 0 --to 1)" \
	"demo_conn: 0 objects moved from node 0 to node 1 (only whole free slabs move)"
expect_eq "one pool-rebalance" "$(cat "$TMP/requests")" "do 14"
"$m" warm demo_conn 1K >/dev/null
expect_eq "rebalance" "$("$m" rebalance demo_conn --from 1 --to 0)" "demo_conn: 512 objects moved from node 1 to node 0"
expect_eq "rebalance --count" "$("$m" -j rebalance demo_conn --from 0 --to 1 --count 100)" \
	'{"pool":"demo_conn","from_node":0,"to_node":1,"moved":96}'
"$m" warm kbuf 64 --class 4096 >/dev/null
expect_eq "rebalance --class" "$("$m" rebalance kbuf --from 0 --to 1 --class 4K)" \
	"kbuf class 4096: 32 objects moved from node 0 to node 1"
json rebalance kbuf --from 1 --to 0 --class 4096 --count 1K
expect_eq "rebalance JSON" "$(pick pool class_size from_node to_node moved)" "kbuf 4096 1 0 32 "
kernel_error "mempoolctl: kernel: mpool: class-size: a buffer pool acts per class: say which" \
	"mempoolctl: pool-rebalance: Invalid argument" -- rebalance kbuf --from 0 --to 1
kernel_error "mempoolctl: kernel: not a node with memory" \
	"mempoolctl: pool-rebalance: Invalid argument" -- rebalance demo_conn --from 0 --to 7
kernel_error "mempoolctl: kernel: not a node with memory" \
	"mempoolctl: pool-rebalance: Invalid argument" -- rebalance demo_conn --from 9 --to 0
kernel_error "mempoolctl: kernel: class-size: an object pool has no classes" \
	"mempoolctl: pool-rebalance: Invalid argument" -- rebalance demo_conn --from 0 --to 1 --class 64

# ---- reset: every class ----
expect_eq "reset" "$("$m" reset kbuf)" "kbuf: statistics reset"
expect_eq "after reset" "$(show_values kbuf stats.requested_bytes stats.oversize_allocs classes.3.stats.alloc_magazine classes.3.stats.live stats.live)" \
	"0 0 0 16 16 "

echo "buffer pools fine"
