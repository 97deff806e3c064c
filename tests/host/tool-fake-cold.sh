#!/bin/bash
# mempoolctl and the compressed cold tier of managed pools, end to end on the fake
# kernel (tool/tests/nl_fake.c): demo_archive with the default cold policy and nothing
# compressed, fake_archive whose cold numbers call for every cold suggestion. show
# prints the cold-tier section and its map-latency histogram, JSON a "cold" object,
# stats the cold-* lines of debugfs; compress compresses and prints the tier's figures,
# set changes the tier's policy (cold-* keys) and every suggestion names the set that
# fixes it; refusals exit 2 with the kernel's message, bad arguments exit 1 unsent. A
# kernel (or pool) without a cold tier: no section, no member, no lines, set refused.
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

# ---- show ----
"$m" show demo_archive >"$TMP/show"
has_lines "$TMP/show" "cold tier" \
	"  cold-age         1000 ms unmapped" \
	"  watermarks       starts above 80% of the budget, stops below 60%" \
	"  min-saving       25% (blocks saving less stay uncompressed)" \
	"  worker           every 1000 ms, up to 10% of it compressing" \
	"  permanent        never compressed" \
	"  cold             0 objects (0) in 0 stored, 0 blocks (in mpool_cold)" \
	"  ratio            -" \
	"  refaults         0 (-) of the decompressions (within a cold age of the compression)" \
	"  worker-state     off (watermark); started 0, stopped 0, ran 0, CPU budget hit in 0 (-)" \
	"cold map latency (0 maps of cold objects)" "  none: the numbers look healthy"
# The section sits between the generations and the lifetimes.
expect_eq "section order" "$(grep -E '^(generations|cold tier|cold map latency|lifetime)' "$TMP/show" | cut -d' ' -f1-2 | tr '\n' '|')" \
	"generations|cold tier|cold map|lifetime (24|"

"$m" show fake_archive >"$TMP/show"
has_lines "$TMP/show" "  cold             80 objects (20K) in 8.0K stored, 2 blocks (in mpool_cold)" \
	"  ratio            2.50x" "  compressions     10 blocks, 100 objects (25K)" \
	"  decompressions   50 blocks, 20 objects" \
	"  refaults         20 (40.0%) of the decompressions (within a cold age of the compression)" \
	"  rejects          312: 300 incompressible, 5 no memory, 7 raced" \
	"  pinned-skips     9 (cold objects found mapped)" \
	"  errors           2 corrupt blocks, 3 maps failed with EIO" \
	"  map-failures     1 for want of memory, 4 no-wait maps found it cold" \
	"  worker-state     on (watermark); started 1, stopped 0, ran 200, CPU budget hit in 150 (75.0%)" \
	"  other-runs       4 memory-pressure scans, 0 forced (mempoolctl compress)" \
	"cold map latency (50 maps of cold objects)"
grep -qE '^ +4.1us - 8.2us +30 #{40}$' "$TMP/show" || fail "no latency bar in ns buckets"
for want in "cold tier corrupt blocks: 2 (3 maps failed with EIO): memory corruption, the objects in them are lost" \
	"cold age too short: 40% refaults (20 of 50 decompressions came within cold-age 100 ms of the compression): mempoolctl set fake_archive cold-age=200" \
	"data does not compress: 300 objects rejected as incompressible (75% of those tried, cold-min-saving-pct 25%): create the pool without a cold tier or accept less: mempoolctl set fake_archive cold-min-saving-pct=12" \
	"compressor hits its CPU budget in 75% of runs (150 of 200): raise cold-cpu-pct (now 5%): mempoolctl set fake_archive cold-cpu-pct=10" \
	"compressor held on: 200 runs per start, the pool still above cold-high-pct 70% of its budget 256K: raise the budget or cold-high-pct: mempoolctl set fake_archive cold-high-pct=85" \
	"memory pressure compressed cold objects (shrinker scans that did: 4)"; do
	grep -qxF -- "  - $want" "$TMP/show" || { cat "$TMP/show"; fail "fake_archive lacks '$want'"; }
done
json show fake_archive
expect_eq "cold suggestion ids, after the managed ones" \
	"$(pick suggestions.6.id suggestions.7.id suggestions.8.id suggestions.9.id suggestions.10.id suggestions.11.id 'suggestions#' | tr '\n' ' ')" \
	"cold-corrupt cold-refaults cold-incompressible cold-cpu-budget cold-worker-held cold-pressure 12 "

# ---- JSON ----
expect_eq "cold JSON" "$(pick managed.cold.enabled managed.cold.cold_objects managed.cold.original_bytes managed.cold.stored_bytes managed.cold.ratio managed.cold.refault_ppm managed.cold.refaults managed.cold.rejects_incompressible managed.cold.corrupt_blocks managed.cold.worker_on managed.cold.cpu_budget_hits managed.cold.forced_runs | tr '\n' ' ')" \
	"1 80 20480 8192 250 400000 20 300 2 1 150 0 "
expect_eq "cold policy JSON" "$(pick managed.cold.cold_age managed.cold.high_pct managed.cold.low_pct managed.cold.min_saving_pct managed.cold.interval managed.cold.cpu_pct managed.cold.permanent | tr '\n' ' ')" \
	"100 70 50 25 500 5 false "
expect_eq "latency JSON" "$(pick 'managed.cold.map_latency_hist#' managed.cold.map_latency_hist.12.low managed.cold.map_latency_hist.12.count | tr '\n' ' ')" \
	"32 4096 30 "
# Every counter of the spec, once.
expect_eq "cold members" "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["managed"]["cold"]))' <"$TMP/j")" 36
json stats fake_archive
expect_eq "stats JSON carries cold" "$(pick managed.cold.blocks | tr '\n' ' ')" "2 "

# ---- stats: the cold-* lines of debugfs ----
"$m" stats fake_archive >"$TMP/stats"
expect_eq "cold lines" "$(grep -c '^cold-' "$TMP/stats")" 26
expect_eq "cold lines, as debugfs names them" \
	"$(grep '^cold-' "$TMP/stats" | sed -n '1p;2p;4p;11p;26p' | tr '\n' '|')" \
	"cold-enabled 1|cold-objects 80|cold-stored-bytes 8192|cold-refaults 20|cold-forced-runs 0|"
expect_eq "cold lines last" "$(tail -n1 "$TMP/stats")" "cold-forced-runs 0"

# ---- compress ----
expect_eq "compress" "$("$m" compress demo_archive)" \
	"compressed 19K of demo_archive; cold now 36 objects (19K) in 5.1K stored (3.75x), 5 blocks"
expect_eq "after compress" "$(show_values demo_archive managed.cold.cold_objects managed.cold.stored_bytes managed.cold.forced_runs managed.cold.ratio)" \
	"36 5180 1 375 "
expect_eq "nothing left to compress" "$("$m" --bytes compress demo_archive 0)" \
	"compressed 0 of demo_archive; cold now 36 objects (19440) in 5180 stored (3.75x), 5 blocks"
rm -f "$TMP/state"
: >"$TMP/requests"
json compress id:6 4K
expect_eq "compress JSON" "$(pick id name compressed cold.cold_objects cold.original_bytes cold.forced_runs | tr '\n' ' ')" \
	"6 demo_archive 4320 8 4320 1 "
expect_eq "compress then pool-get by id" "$(tr '\n' ' ' <"$TMP/requests")" "do 16 do 2 "
kernel_error "mempoolctl: kernel: mpool: only a managed pool has a cold tier" \
	"mempoolctl: pool-compress: Operation not supported" -- compress demo_conn
kernel_error "mempoolctl: kernel: mpool: out of memory before one block was compressed" \
	"mempoolctl: pool-compress: Cannot allocate memory" -- compress fake_archive
kernel_error "mempoolctl: kernel: name: no pool with this name" \
	"mempoolctl: pool-compress: No such file or directory" -- compress nosuch

# ---- set: the cold tier's policy ----
rm -f "$TMP/state"
expect_eq "set cold policy" \
	"$("$m" set demo_archive cold-age=250 cold-high-pct=90 cold-low-pct=40 cold-min-saving-pct=30 cold-interval=50 cold-cpu-pct=20 cold-permanent=on)" \
	"demo_archive: cold-age=250 cold-high-pct=90 cold-low-pct=40 cold-min-saving-pct=30 cold-interval=50 cold-cpu-pct=20 cold-permanent=on"
cold_policy="managed.cold.cold_age managed.cold.high_pct managed.cold.low_pct managed.cold.min_saving_pct managed.cold.interval managed.cold.cpu_pct managed.cold.permanent"
# shellcheck disable=SC2086 # one path per word
expect_eq "cold policy after set" "$(show_values demo_archive $cold_policy managed.promote_after)" \
	"250 90 40 30 50 20 true 2 "
"$m" show demo_archive >"$TMP/show"
has_lines "$TMP/show" "  cold-age         250 ms unmapped" \
	"  watermarks       starts above 90% of the budget, stops below 40%" \
	"  min-saving       30% (blocks saving less stay uncompressed)" \
	"  worker           every 50 ms, up to 20% of it compressing" \
	"  permanent        compressed too"
# One key alone: the others stay. -j prints nothing.
[ -z "$("$m" -j set demo_archive cold-permanent=off)" ] || fail "set -j printed something"
# shellcheck disable=SC2086
expect_eq "one cold key" "$(show_values demo_archive $cold_policy)" "250 90 40 30 50 20 false "
# The kernel's refusals: all or nothing.
kernel_error "mempoolctl: kernel: cold low watermark not below the high one" \
	"mempoolctl: pool-set: Invalid argument" -- set demo_archive cold-age=500 cold-low-pct=90
kernel_error "mempoolctl: kernel: cold low watermark not below the high one" \
	"mempoolctl: pool-set: Invalid argument" -- set demo_archive promote-after=5 cold-high-pct=40
kernel_error "mempoolctl: kernel: only a managed pool has a generation or cold-tier policy" \
	"mempoolctl: pool-set: Invalid argument" -- set demo_conn cold-age=500
# shellcheck disable=SC2086
expect_eq "refused cold sets change nothing" "$(show_values demo_archive $cold_policy managed.promote_after)" \
	"250 90 40 30 50 20 false 2 "
set +e
MEMPOOLCTL_FAKE_UNPRIV=1 "$m" set demo_archive cold-age=500 >"$TMP/out" 2>"$TMP/err"
rc=$?
set -e
expect_eq "unprivileged cold set" "$rc $(cat "$TMP/err")" \
	"2 mempoolctl: pool-set: Operation not permitted (needs CAP_NET_ADMIN)"
rm -f "$TMP/state"

# ---- usage errors: exit 1, nothing sent ----
for args in "set demo_archive cold-age=0" "set demo_archive cold-age=86400001" \
	"set demo_archive cold-age=1s" "set demo_archive cold-high-pct=101" \
	"set demo_archive cold-low-pct=100" "set demo_archive cold-min-saving-pct=91" \
	"set demo_archive cold-interval=0" "set demo_archive cold-cpu-pct=0" \
	"set demo_archive cold-permanent=maybe" "set demo_archive cold-permanent=" \
	"set demo_archive cold-age=5 cold-age=6" "set demo_archive cold-age=5 magazine-size=8"; do
	usage_error ' set POOL KEY=VALUE' "$args"
done
for pair in "cold-low-pct=100|invalid cold-low-pct '100': 1 to 99 percent" \
	"cold-permanent=maybe|invalid cold-permanent 'maybe': on or off" \
	"cold-age=5 magazine-size=8|promote-after, young-interval, old-interval, old-sparse-pct and the cold-* keys are a managed pool's, the other keys those of object and buffer pools: not both at once"; do
	# shellcheck disable=SC2086 # the keys are words
	"$m" set demo_archive ${pair%%|*} 2>"$TMP/err" && fail "set ${pair%%|*} succeeded"
	expect_eq "message of set ${pair%%|*}" "$(head -n1 "$TMP/err")" "mempoolctl: ${pair#*|}"
done
for args in "compress" "compress demo_archive 1K 2K" "compress demo_archive -1" \
	"compress demo_archive 1Q" "compress demo_archive 0x10" "compress demo_archive ''" \
	"compress demo_archive 99999999999999999999" "compress 'bad name'" "compress demo_archive --frob"; do
	usage_error ' compress POOL \[BYTES\]' "$args"
done
"$m" compress demo_archive 1Q 2>"$TMP/err" && fail "compress 1Q succeeded"
expect_eq "bad BYTES message" "$(head -n1 "$TMP/err")" \
	"mempoolctl: invalid BYTES '1Q': not a non-negative decimal number (0: no limit)"

# ---- unprivileged ----
set +e
MEMPOOLCTL_FAKE_UNPRIV=1 "$m" compress demo_archive >"$TMP/out" 2>"$TMP/err"
rc=$?
set -e
expect_eq "unprivileged compress" "$rc $(cat "$TMP/err")" \
	"2 mempoolctl: pool-compress: Operation not permitted (needs CAP_NET_ADMIN)"
[ ! -s "$TMP/out" ] || fail "unprivileged compress printed on stdout"

# ---- no cold tier: no section, no member, no lines; compress refused ----
export MEMPOOLCTL_FAKE_NOCOLD=1
"$m" show fake_archive >"$TMP/show"
! grep -qE '^cold|cold-' "$TMP/show" || fail "show without a cold tier printed one"
json show fake_archive
expect_eq "no cold member" "$(pick managed.cold 2>/dev/null; echo "rc $?")" "rc 2"
expect_eq "no cold suggestions" "$(pick 'suggestions#')" 6
expect_eq "no cold lines" "$("$m" stats demo_archive | grep -c '^cold-')" 0
kernel_error "mempoolctl: kernel: mpool: this managed pool was created without a cold tier" \
	"mempoolctl: pool-compress: Operation not supported" -- compress demo_archive
kernel_error "mempoolctl: kernel: this managed pool was created without a cold tier" \
	"mempoolctl: pool-set: Operation not supported" -- set demo_archive cold-age=500
kernel_error "mempoolctl: kernel: this managed pool was created without a cold tier" \
	"mempoolctl: pool-set: Operation not supported" -- set demo_archive promote-after=3 cold-permanent=on
expect_eq "refused without a cold tier: promote-after stays" "$(show_values demo_archive managed.promote_after)" "2 "
echo "cold tier fine"
