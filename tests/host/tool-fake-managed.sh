#!/bin/bash
# mempoolctl and managed pools, end to end on the fake kernel (tool/tests/nl_fake.c):
# demo_archive as mpool_demo.ko makes it, fake_archive whose numbers call for every
# managed suggestion. list and top show them as kind managed (sorting with the rest),
# show prints policy, sizes, checks, the generations table, lifetimes and
# suggestions without asking for node statistics, stats prints the generations'
# counters, collect, set and warm (in bytes) change them, and what a managed pool
# cannot do (warm by count, shrink, reset, rebalance, resize, slab settings) is refused
# with the kernel's message and exit status 2; malformed collect, set and warm lines
# exit 1 unsent.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-fake.sh"
pick() {
	$jc -l "$@" <"$TMP/j"
}
has_lines() { # FILE LINE...: every LINE is a line of FILE
	local f=$1
	shift
	for want in "$@"; do
		grep -qxF -- "$want" "$f" || { cat "$f"; fail "no line '$want'"; }
	done
}

# ---- list, top ----
"$m" list >"$TMP/list"
expect_eq "demo_archive row" "$(awk '$2 == "demo_archive"' "$TMP/list" | tr -s ' ')" \
	" 6 demo_archive <=1.0K 48 - 24 - 26.5% managed"
expect_eq "fake_archive row" "$(awk '$2 == "fake_archive"' "$TMP/list" | tr -s ' ')" \
	" 7 fake_archive <=256 430 - 64 - 21.5% managed"
expect_eq "--bytes" "$("$m" list --bytes | awk '$2 == "demo_archive" { print $3 }')" "<=1024"
expect_eq "--sort live" "$("$m" list --sort live | awk 'NR > 1 { printf "%s ", $2 }')" \
	"fake_archive fake_busy fake_wide demo_archive demo_conn kbuf demo_frame "
expect_eq "--sort efficiency" "$("$m" list --sort efficiency | awk 'NR > 1 { printf "%s ", $2 }')" \
	"fake_wide kbuf demo_frame demo_conn demo_archive fake_archive fake_busy "
expect_eq "--sort size" "$("$m" list --sort size | awk 'NR > 1 { printf "%s ", $2 }')" \
	"kbuf fake_wide demo_frame demo_archive demo_conn fake_archive fake_busy "
json list
expect_eq "list JSON" "$(pick pools.5.name pools.5.kind pools.5.managed.max_size pools.5.managed.generations.old.live_objects | tr '\n' ' ')" \
	"demo_archive managed 1024 36 "
expect_eq "list JSON: no info or stats" "$(pick pools.5.info pools.5.stats 2>/dev/null; echo "rc $?")" "rc 2"
"$m" top -n 2 -d 0.2 >"$TMP/top"
expect_eq "top: no rates for managed pools" \
	"$(awk '$2 == "demo_archive" { printf "%s %s %s|", $9, $10, $11 }' "$TMP/top")" "- - managed|- - managed|"
grep -q '^mempoolctl top - 7 pools, 734 live objects, 1.1M in pages' "$TMP/top" || fail "top header"
json top -n 2 -d 0.2 --sort id
expect_eq "top JSON rates" "$(pick pools.5.name pools.5.allocs_rate | tr '\n' ' ')" \
	"demo_archive null demo_archive null "

# ---- show ----
: >"$TMP/requests"
"$m" show demo_archive >"$TMP/show"
cat "$TMP/show"
expect_eq "show asks pool-get only (no node statistics)" "$(tr '\n' ' ' <"$TMP/requests")" "do 2 "
has_lines "$TMP/show" "pool demo_archive (id 6, managed pool)" "policy (mempoolctl set)" \
	"  promote-after    2 young collections" "  young-interval   100 ms" \
	"  old-interval     1000 ms" "  old-sparse-pct   50%" \
	"  collector        worker, every interval" "  max-size         1.0K" \
	"  max-handles      4096" "  segment-size     32K" "  budget           4.0M" \
	"  held             96K (2.3% of the budget)" \
	"  table            4.4K (the handle table, beside held)" "  warm             none" \
	"  node             the allocating CPU's" \
	"  stale-refusals   0 (maps and frees of freed or never issued handles)" \
	"  busy-frees       0 (frees of mapped objects, refused)" "  alloc-fail       0" \
	"lifetime (24 objects freed)" "  none: the numbers look healthy"
expect_eq "generations table" "$(sed -n '/^generations$/,/^cold tier/p' "$TMP/show" | tr -s ' ')" \
	"generations
 GENERATION LIVE LIVE-BYTES HELD PROMOTED-IN PROMOTED-OUT COLLECTIONS SEGS-FREED MOVED PINNED-SKIPS MOVE-FAILS
 young 6 2.9K 32K 0 60 120 1 60 0 0
 old 36 19K 32K 60 0 12 0 0 0 0
 permanent 6 3.5K 32K 0 0 0 0 0 0 0
cold tier"
grep -qE '^ +1.0s - 2.1s +14 #{40}$' "$TMP/show" || fail "no lifetime bar"
! grep -q '^nodes' "$TMP/show" || fail "show printed a node matrix"
"$m" --bytes show demo_archive >"$TMP/show"
has_lines "$TMP/show" "  max-size         1024" "  held             98304 (2.3% of the budget)" \
	"  table            4472 (the handle table, beside held)"
expect_eq "--bytes generations" "$(awk '$1 == "old" { print $3, $4 }' "$TMP/show")" "19440 32768"
json show demo_archive
expect_eq "show JSON" "$(pick kind managed.promote_after managed.collector managed.budget managed.held_bytes managed.table_bytes managed.warm_bytes managed.node managed.generations.young.promoted_out managed.generations.permanent.live_bytes 'suggestions#' | tr '\n' ' ')" \
	"managed 2 true 4194304 98304 4472 0 -1 60 3600 0 "
expect_eq "show JSON: no nodes" "$(pick nodes 2>/dev/null; echo "rc $?")" "rc 2"

# fake_archive: every managed suggestion, in order.
"$m" show fake_archive >"$TMP/show"
has_lines "$TMP/show" "  collector        on demand only" "  node             0" \
	"  held             256K (100.0% of the budget)" "  warm             64K (segments kept ready)" \
	"  stale-refusals   3 (maps and frees of freed or never issued handles)"
for want in "3 maps or frees of freed or never issued handles: a use after free in the pool's user" \
	"2 frees of mapped objects refused (the objects stay allocated): unmap before freeing" \
	"budget reached: 5 allocations failed with 256K of the budget 256K held: raise the budget or free sooner" \
	"most young objects survive: 80% of those leaving young were promoted (400): allocate long-lived ones permanent or raise promote-after (now 3): mempoolctl set fake_archive promote-after=6" \
	"objects stay mapped across collections: 50 moves skipped for a map (10% of the moves tried): unmap sooner" \
	"old generation sparse: 40K live in 192K held (21%, below old-sparse-pct 50%): lower old-interval (now 5000 ms) or raise old-sparse-pct: mempoolctl set fake_archive old-interval=2500"; do
	grep -qxF -- "  - $want" "$TMP/show" || { cat "$TMP/show"; fail "fake_archive lacks '$want'"; }
done
json show fake_archive
expect_eq "suggestion ids" "$(pick suggestions.0.id suggestions.1.id suggestions.2.id suggestions.3.id suggestions.4.id suggestions.5.id | tr '\n' ' ')" \
	"stale-handles busy-frees budget-reached young-survive pinned-skips old-sparse "

# ---- stats ----
"$m" stats demo_archive >"$TMP/stats"
# 11 statistics for each of 3 generations, then stale-refusals, busy-frees, alloc-fail,
# table-bytes, warm-bytes, then the 26 counters of the cold tier (tool-fake-cold.sh).
expect_eq "stats lines" "$(wc -l <"$TMP/stats")" 64
has_lines "$TMP/stats" "young-live-objects 6" "young-promoted-out 60" "old-promoted-in 60" \
	"permanent-held-bytes 32768" "old-move-failures 0" "stale-refusals 0" "alloc-fail 0" \
	"table-bytes 4472" "warm-bytes 0"
expect_eq "stats names, as debugfs" "$(sed -n '1p;12p;34p' "$TMP/stats" | cut -d' ' -f1 | tr '\n' ' ')" \
	"young-live-objects old-live-objects stale-refusals "
json stats fake_archive
expect_eq "stats JSON" "$(pick name managed.busy_frees managed.generations.old.pinned_skips | tr '\n' ' ')" \
	"fake_archive 2 20 "
"$m" stats demo_archive --watch 0.2 --count 2 >"$TMP/watch"
expect_eq "watch header" "$(head -n1 "$TMP/watch" | tr -s ' ')" \
	" LIVE LIVE-BYTES HELD PROMOTED/s MOVED/s SEGS-FREED/s PINNED/s COLLECT/s"
expect_eq "watch rows" "$(sed -n '2,3p' "$TMP/watch" | tr -s ' ' | tr '\n' '|')" \
	" 48 25K 96K 0 0 0 0 0| 48 25K 96K 0 0 0 0 0|"
json stats demo_archive -w 0.2 -c 1
expect_eq "watch JSON" "$(pick rates.promoted_out rates.collections gauges.live_objects gauges.held_bytes | tr '\n' ' ')" \
	"0.00 0.00 48 98304 "

# ---- collect ----
expect_eq "collect (young)" "$("$m" collect demo_archive)" \
	"collected young of demo_archive: 3 promoted to old, 0 segments freed, 0 pinned skipped, 0 move failures; young now 3 live (1.5K) in 32K"
expect_eq "after collect" "$(show_values demo_archive managed.generations.young.collections managed.generations.young.promoted_out managed.generations.old.promoted_in managed.generations.old.live_objects)" \
	"121 63 63 39 "
json collect id:6 --gen old
expect_eq "collect old JSON" "$(pick id name generation collected.collections collected.moved_objects collected.live_objects | tr '\n' ' ')" \
	"6 demo_archive old 1 9 39 "
expect_eq "collect old, text" "$("$m" --bytes collect demo_archive --gen=old)" \
	"collected old of demo_archive: 9 moved (4824), 0 segments freed, 0 pinned skipped, 0 move failures; old now 39 live (20940) in 32768"
expect_eq "old collected twice" "$(show_values demo_archive managed.generations.old.collections)" "14 "
# A collection that skips mapped objects and frees a segment.
expect_eq "collect fake_archive old" "$("$m" collect fake_archive --gen old)" \
	"collected old of fake_archive: 78 moved (9.8K), 1 segment freed, 5 pinned skipped, 0 move failures; old now 320 live (40K) in 160K"
kernel_error "mempoolctl: kernel: mpool: only a managed pool is collected: see pool-shrink" \
	"mempoolctl: pool-collect: Operation not supported" -- collect demo_conn
kernel_error "mempoolctl: kernel: name: no pool with this name" \
	"mempoolctl: pool-collect: No such file or directory" -- collect nosuch

# ---- set ----
expect_eq "set policy" "$("$m" set demo_archive promote-after=4 young-interval=50 old-interval=2000 old-sparse-pct=60)" \
	"demo_archive: promote-after=4 young-interval=50 old-interval=2000 old-sparse-pct=60"
expect_eq "after set" "$(show_values demo_archive managed.promote_after managed.young_interval managed.old_interval managed.old_sparse_pct)" \
	"4 50 2000 60 "
"$m" show demo_archive | grep -qxF "  promote-after    4 young collections" || fail "show after set"
[ -z "$("$m" -j set demo_archive promote-after=2)" ] || fail "set -j printed something"
expect_eq "one key" "$(show_values demo_archive managed.promote_after managed.young_interval)" "2 50 "
for key in min-objects=1 max-objects=none magazine-size=8 poison=on adaptive=on; do
	kernel_error "mempoolctl: kernel: a managed pool has no slabs or magazines: only its generation and cold-tier policy can be set" \
		"mempoolctl: pool-set: Operation not supported" -- set demo_archive "$key"
done
kernel_error "mempoolctl: kernel: only a managed pool has a generation or cold-tier policy" \
	"mempoolctl: pool-set: Invalid argument" -- set demo_conn promote-after=3
expect_eq "refused sets change nothing" "$(show_values demo_archive managed.promote_after)" "2 "

# ---- warm: in bytes, and only a managed pool so ----
held_before=$(show_values demo_archive managed.held_bytes)
expect_eq "warm --memory" "$("$m" warm demo_archive --memory 200K)" "demo_archive: 200K of segments ready"
# Whole 32 KiB segments until the pool holds the level: 96K + 4 x 32K.
expect_eq "after warm" "$(show_values demo_archive managed.warm_bytes managed.held_bytes)" "204800 229376 "
"$m" show demo_archive | grep -qxF "  warm             200K (segments kept ready)" || fail "show after warm"
"$m" stats demo_archive | grep -qxF "warm-bytes 204800" || fail "stats after warm"
expect_eq "warm --memory --bytes" "$("$m" warm demo_archive --memory 1K --bytes)" \
	"demo_archive: 1024 of segments ready"
expect_eq "a lower level keeps what is held" "$(show_values demo_archive managed.warm_bytes managed.held_bytes)" \
	"1024 229376 "
[ -z "$("$m" -j warm demo_archive --memory 0)" ] || fail "warm -j printed something"
expect_eq "warm --memory 0" "$("$m" warm demo_archive --memory 0)" "demo_archive: no warm level"
expect_eq "level given up" "$(show_values demo_archive managed.warm_bytes)" "0 "
kernel_error "mempoolctl: kernel: bytes: above the pool's budget or the machine's memory" \
	"mempoolctl: pool-warm: Invalid argument" -- warm demo_archive --memory 5M
kernel_error "mempoolctl: kernel: a managed pool is warmed in bytes, on the nodes it allocates from" \
	"mempoolctl: pool-warm: Invalid argument" -- warm demo_archive 10
kernel_error "mempoolctl: kernel: bytes: only a managed pool is warmed in bytes; give count" \
	"mempoolctl: pool-warm: Invalid argument" -- warm demo_conn --memory 1M
expect_eq "refused warms change nothing" "$(show_values demo_archive managed.warm_bytes managed.held_bytes)" \
	"0 229376 "
[ "$held_before" = "98304 " ] || fail "held before warm: $held_before"
for args in "warm demo_archive 10 --memory 1M" "warm demo_archive --memory 1M --node 0" \
	"warm demo_archive --memory 1M --class 64" "warm demo_archive --memory" \
	"warm demo_archive --memory x" "warm demo_archive --memory -1" "warm --memory 1M"; do
	usage_error '' "$args"
done

# ---- what a managed pool cannot do ----
no_slabs="mempoolctl: kernel: mpool: a managed pool has no slabs or magazines: see pool-collect"
kernel_error "$no_slabs" "mempoolctl: pool-shrink: Operation not supported" -- -j shrink demo_archive
kernel_error "$no_slabs" "mempoolctl: pool-reset-stats: Operation not supported" -- reset demo_archive
kernel_error "$no_slabs" "mempoolctl: pool-rebalance: Operation not supported" -- rebalance demo_archive --from 0 --to 1
kernel_error "$no_slabs" "mempoolctl: class-set: Operation not supported" -- resize demo_archive --class 64 --min 1

# ---- usage errors: exit 1, nothing sent ----
for args in "collect" "collect demo_archive fake_archive" "collect demo_archive --gen permanent" \
	"collect demo_archive --gen" "collect demo_archive --gen ''" "collect demo_archive --gen Young" \
	"collect demo_archive --gen 0" "collect 'bad name'" "collect demo_archive --frob" \
	"set demo_archive promote-after=0" "set demo_archive promote-after=256" \
	"set demo_archive promote-after=1K" "set demo_archive young-interval=0" \
	"set demo_archive young-interval=3600001" "set demo_archive old-interval=-1" \
	"set demo_archive old-interval=1.5" "set demo_archive old-sparse-pct=0" \
	"set demo_archive old-sparse-pct=101" "set demo_archive old-sparse-pct=" \
	"set demo_archive promote-after=2 promote-after=3" \
	"set demo_archive promote-after=2 min-objects=1" "set demo_conn magazine-size=8 old-interval=5"; do
	usage_error '' "$args"
done
for pair in "collect demo_archive --gen permanent|invalid --gen 'permanent': young or old (permanent objects are never collected)" \
	"set demo_archive promote-after=256|invalid promote-after '256': 1 to 255 young collections" \
	"set demo_archive young-interval=0|invalid young-interval '0': 1 to 3600000 milliseconds" \
	"set demo_archive old-sparse-pct=101|invalid old-sparse-pct '101': 1 to 100 percent" \
	"set demo_archive promote-after=2 min-objects=1|promote-after, young-interval, old-interval, old-sparse-pct and the cold-* keys are a managed pool's, the other keys those of object and buffer pools: not both at once"; do
	args=${pair%%|*}
	want="mempoolctl: ${pair#*|}"
	eval "\"\$m\" $args" 2>"$TMP/err" && fail "'$args' succeeded"
	expect_eq "message of '$args'" "$(head -n1 "$TMP/err")" "$want"
done

# ---- unprivileged: collect and set refused, reads work ----
for args in "collect demo_archive" "collect demo_archive --gen old" "set demo_archive promote-after=5"; do
	set +e
	# shellcheck disable=SC2086 # word splitting wanted
	MEMPOOLCTL_FAKE_UNPRIV=1 "$m" $args >"$TMP/out" 2>"$TMP/err"
	rc=$?
	set -e
	expect_eq "unprivileged $args" "$rc $(cat "$TMP/err")" \
		"2 mempoolctl: pool-$(echo "$args" | cut -d' ' -f1): Operation not permitted (needs CAP_NET_ADMIN)"
	[ ! -s "$TMP/out" ] || fail "unprivileged $args printed on stdout"
done
MEMPOOLCTL_FAKE_UNPRIV=1 "$m" show demo_archive >/dev/null || fail "unprivileged show"
MEMPOOLCTL_FAKE_UNPRIV=1 "$m" stats demo_archive >/dev/null || fail "unprivileged stats"
expect_eq "unprivileged changed nothing" "$(show_values demo_archive managed.promote_after managed.generations.young.collections)" "2 121 "
echo "managed pools fine"
