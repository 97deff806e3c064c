#!/bin/sh
# mempoolctl and the cold tier of demo_archive (mpool_demo.ko: the default cold policy,
# 48 entries below the high watermark, so nothing is compressed by itself). Runs after
# tool_managed.sh; tool_monitor.sh reloads the demo after it. show's cold-tier policy
# matches debugfs config; once the archive's entries are old (promote-after=1, two
# young collections, the worker slowed down), `compress` compresses them: what it
# prints, show, show -j and stats all agree with debugfs on cold-objects, the bytes
# and the forced runs; mpool_cold is listed as a buffer pool; compress of an object
# pool is refused with the kernel's message (exit 2), a malformed BYTES exits 1 unsent.
# Last, set's cold-* keys change the policy that show, show -j and debugfs config
# report; watermarks that cross are refused with the kernel's message, changing nothing.
. /tests/lib.sh
d=/sys/kernel/debug/mpool/demo_archive
[ -r $d/stats ] || fail "no debugfs stats for demo_archive"
grep -qx 'cold-tier on' $d/config || fail "demo_archive has no cold tier: $(cat $d/config)"
# dbg FIELD: a value of demo_archive's debugfs stats
dbg() {
	sed -n "s/^$1 //p" $d/stats
}
cfg() {
	sed -n "s/^$1 //p" $d/config
}
# The cold policy of debugfs config on one line.
cold_cfg() {
	echo "$(cfg cold-age-ms) $(cfg cold-high-pct) $(cfg cold-low-pct) $(cfg cold-min-saving-pct)" \
		"$(cfg cold-interval-ms) $(cfg cold-cpu-pct) $(cfg cold-permanent)"
}
cold_cfg0=$(cold_cfg)
# ... and as set's keys: the policy the demo created the pool with.
cold0="cold-age=$(cfg cold-age-ms) cold-high-pct=$(cfg cold-high-pct) cold-low-pct=$(cfg cold-low-pct)"
cold0="$cold0 cold-min-saving-pct=$(cfg cold-min-saving-pct) cold-interval=$(cfg cold-interval-ms)"
cold0="$cold0 cold-cpu-pct=$(cfg cold-cpu-pct) cold-permanent=$(cfg cold-permanent | sed 's/yes/on/;s/no/off/')"
restore() {
	# shellcheck disable=SC2086 # one key per word
	mempoolctl set demo_archive promote-after=2 young-interval=100 old-interval=1000 \
		old-sparse-pct=50 $cold0 >/dev/null
}
trap restore EXIT

# ---- the policy, as debugfs config has it ----
mempoolctl show demo_archive >/tmp/show || fail "show exited $?"
for want in "cold tier" \
	"  cold-age         $(cfg cold-age-ms) ms unmapped" \
	"  watermarks       starts above $(cfg cold-high-pct)% of the budget, stops below $(cfg cold-low-pct)%" \
	"  min-saving       $(cfg cold-min-saving-pct)% (blocks saving less stay uncompressed)" \
	"  worker           every $(cfg cold-interval-ms) ms, up to $(cfg cold-cpu-pct)% of it compressing"; do
	grep -qxF -- "$want" /tmp/show || { cat /tmp/show; fail "show lacks '$want'"; }
done
grep -Eq '^cold map latency \([0-9]+ maps of cold objects\)$' /tmp/show || fail "no cold map latency"
mempoolctl list | awk '$2 == "mpool_cold" && $NF == "buffer" { ok = 1 } END { exit !ok }' ||
	fail "mpool_cold is not listed as a buffer pool"

# ---- old entries: promoted by two young collections, the worker an hour away ----
mempoolctl set demo_archive promote-after=1 young-interval=3600000 old-interval=3600000 >/dev/null ||
	fail "set promote-after=1"
sleep 2
mempoolctl collect demo_archive >/dev/null || fail "first collect"
mempoolctl collect demo_archive >/dev/null || fail "second collect"
[ "$(dbg old-live-objects)" -gt 0 ] || fail "no old objects: $(cat $d/stats)"

# ---- compress ----
forced=$(dbg cold-forced-runs)
out=$(mempoolctl --bytes compress demo_archive) || fail "compress exited $?"
echo "$out"
want="compressed [0-9]+ of demo_archive; cold now $(dbg cold-objects) objects \($(dbg cold-original-bytes)\)"
want="$want in $(dbg cold-stored-bytes) stored \([0-9]+\.[0-9][0-9]x\), $(dbg cold-blocks) blocks"
echo "$out" | grep -Eqx "$want" || fail "compress output, want '$want'"
[ "$(dbg cold-forced-runs)" = $((forced + 1)) ] || fail "forced runs $(dbg cold-forced-runs), want $((forced + 1))"
[ "$(dbg cold-objects)" -gt 0 ] || fail "nothing compressed: $(cat $d/stats)"
[ "$(dbg cold-stored-bytes)" -lt "$(dbg cold-original-bytes)" ] || fail "stored bytes not below the original"
compressed=$(echo "$out" | sed 's/^compressed \([0-9]*\) .*/\1/')
[ "$compressed" = "$(dbg cold-compressed-bytes)" ] || fail "compressed $compressed, debugfs $(dbg cold-compressed-bytes)"

# show, show -j and stats agree with debugfs
mempoolctl --bytes show demo_archive >/tmp/show || fail "show exited $?"
want="  cold             $(dbg cold-objects) objects ($(dbg cold-original-bytes)) in $(dbg cold-stored-bytes) stored, $(dbg cold-blocks) blocks (in mpool_cold)"
grep -qxF -- "$want" /tmp/show || { cat /tmp/show; fail "show lacks '$want'"; }
grep -qxF -- "  other-runs       $(dbg cold-shrinker-scans) memory-pressure scans, $(dbg cold-forced-runs) forced (mempoolctl compress)" /tmp/show ||
	fail "show's forced runs"
mempoolctl -j show demo_archive >/tmp/j.json || fail "show -j"
got=$(jsoncheck managed.cold.enabled managed.cold.cold_objects managed.cold.stored_bytes \
	managed.cold.original_bytes managed.cold.forced_runs managed.cold.cold_age \
	'managed.cold.map_latency_hist#' </tmp/j.json | tr '\n' ' ') || fail "show -j: invalid JSON"
[ "$got" = "1 $(dbg cold-objects) $(dbg cold-stored-bytes) $(dbg cold-original-bytes) $(dbg cold-forced-runs) $(cfg cold-age-ms) 32 " ] ||
	fail "show -j cold: $got"
ratio=$(jsoncheck managed.cold.ratio </tmp/j.json)
[ "$ratio" = $(($(dbg cold-original-bytes) * 100 / $(dbg cold-stored-bytes))) ] ||
	fail "ratio $ratio for $(dbg cold-original-bytes) in $(dbg cold-stored-bytes)"
mempoolctl stats demo_archive >/tmp/stats || fail "stats exited $?"
cat $d/stats >/tmp/dbg
diff /tmp/dbg /tmp/stats || fail "stats differs from debugfs"

# Again, JSON: whatever is left (maybe nothing) and the figures after it.
mempoolctl -j compress demo_archive 4K >/tmp/j.json || fail "compress -j exited $?"
cat /tmp/j.json
got=$(jsoncheck name cold.cold_objects cold.forced_runs </tmp/j.json | tr '\n' ' ') ||
	fail "compress -j: invalid JSON"
[ "$got" = "demo_archive $(dbg cold-objects) $(dbg cold-forced-runs) " ] || fail "compress -j: $got"
[ "$(dbg cold-forced-runs)" = $((forced + 2)) ] || fail "the second compress did not run"

# ---- refusals, usage errors ----
refused 'mpool: only a managed pool has a cold tier' compress demo_conn
refused 'mpool: only a managed pool has a cold tier' compress kbuf
for args in "compress demo_archive 1Q" "compress demo_archive -1" "compress" \
	"compress demo_archive 1K 2K"; do
	eval "mempoolctl $args" >/tmp/out 2>/tmp/err
	rc=$?
	[ "$rc" = 1 ] || { cat /tmp/err; fail "'mempoolctl $args' exited $rc, want 1"; }
	grep -q '^usage: mempoolctl compress' /tmp/err || fail "'mempoolctl $args': no usage line"
	[ ! -s /tmp/out ] || fail "'mempoolctl $args' printed on stdout"
done
[ "$(dbg cold-forced-runs)" = $((forced + 2)) ] || fail "a refused compress ran"

# ---- set the cold policy: debugfs config, show and show -j follow ----
# Watermarks above what the demo holds: the worker stays off while they change.
keys="cold-age=4321 cold-high-pct=95 cold-low-pct=85 cold-min-saving-pct=33 cold-interval=250 cold-cpu-pct=7 cold-permanent=on"
# shellcheck disable=SC2086 # one key per word
out=$(mempoolctl set demo_archive $keys) || fail "set cold keys exited $?"
[ "$out" = "demo_archive: $keys" ] || fail "set printed '$out'"
[ "$(cold_cfg)" = "4321 95 85 33 250 7 yes" ] || fail "debugfs config after set: $(cat $d/config)"
mempoolctl show demo_archive >/tmp/show || fail "show exited $?"
for want in "  cold-age         4321 ms unmapped" \
	"  watermarks       starts above 95% of the budget, stops below 85%" \
	"  min-saving       33% (blocks saving less stay uncompressed)" \
	"  worker           every 250 ms, up to 7% of it compressing" \
	"  permanent        compressed too"; do
	grep -qxF -- "$want" /tmp/show || { cat /tmp/show; fail "show after set lacks '$want'"; }
done
mempoolctl -j show demo_archive >/tmp/j.json || fail "show -j"
got=$(jsoncheck managed.cold.cold_age managed.cold.high_pct managed.cold.low_pct \
	managed.cold.min_saving_pct managed.cold.interval managed.cold.cpu_pct \
	managed.cold.permanent managed.promote_after </tmp/j.json | tr '\n' ' ') || fail "show -j: invalid JSON"
[ "$got" = "4321 95 85 33 250 7 true 1 " ] || fail "show -j cold policy: $got"
# One key alone; the others stay.
mempoolctl set demo_archive cold-permanent=off >/dev/null || fail "set cold-permanent=off"
[ "$(cold_cfg)" = "4321 95 85 33 250 7 no" ] || fail "one key: $(cat $d/config)"
# The kernel refuses crossed watermarks, whichever side moves, and changes nothing.
refused 'cold low watermark not below the high one' set demo_archive cold-low-pct=96
refused 'cold low watermark not below the high one' set demo_archive cold-age=100 cold-high-pct=80
refused 'only a managed pool has a generation or cold-tier policy' set demo_conn cold-age=100
[ "$(cold_cfg)" = "4321 95 85 33 250 7 no" ] || fail "a refused set changed: $(cat $d/config)"
# Malformed values never reach it.
for args in "cold-age=0" "cold-low-pct=100" "cold-permanent=maybe" "cold-age=5 min-objects=1"; do
	# shellcheck disable=SC2086
	mempoolctl set demo_archive $args >/tmp/out 2>/tmp/err
	rc=$?
	[ "$rc" = 1 ] || { cat /tmp/err; fail "'set demo_archive $args' exited $rc, want 1"; }
	grep -q '^usage: mempoolctl set' /tmp/err || fail "'set demo_archive $args': no usage line"
done
restore
[ "$(cold_cfg)" = "$cold_cfg0" ] || fail "cold policy not restored: $(cat $d/config)"
