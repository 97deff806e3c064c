#!/bin/sh
# mempoolctl on the managed pool demo_archive of mpool_demo.ko (max-size 1 KiB, 4096
# handles, a 4 MiB budget, the default policy, 48 entries): list shows it as managed;
# once its worker is slowed down (set), stats prints exactly its debugfs stats and
# show's generations table the same numbers; collect young and old each count one
# collection, and what collect says matches debugfs after it; set promote-after
# changes what show, JSON and debugfs config report; warm --memory sets the warm
# level debugfs and show report and readies segments, warming by count or past the
# budget is refused; what needs slabs (shrink, reset, rebalance, resize, slab
# settings) is refused with the kernel's message, exit 2; malformed collect and set
# lines exit 1 and never reach the kernel (a monitor of demo_archive sees nothing of
# them). The policy and the warm level are put back at the end.
. /tests/lib.sh
d=/sys/kernel/debug/mpool/demo_archive
[ -r $d/stats ] || fail "no debugfs stats for demo_archive"
# dbg FIELD: a value of demo_archive's debugfs stats
dbg() {
	sed -n "s/^$1 //p" $d/stats
}
restore() {
	mempoolctl set demo_archive promote-after=2 young-interval=100 old-interval=1000 \
		old-sparse-pct=50 >/dev/null
	mempoolctl warm demo_archive --memory 0 >/dev/null
}
trap restore EXIT

# ---- list ----
out=$(mempoolctl list) || fail "list exited $?"
echo "$out"
row=$(echo "$out" | awk '$2 == "demo_archive"')
echo "$row" | grep -Eq '^ *[0-9]+  +demo_archive  +<=1\.0K  +48  +-  +[0-9]+  +-  +[0-9]+\.[0-9]%  +managed$' ||
	fail "list row: $row"
[ "$(mempoolctl list --bytes | awk '$2 == "demo_archive" { print $3 }')" = "<=1024" ] || fail "--bytes"
mempoolctl list --sort live >/dev/null || fail "--sort live with a managed pool"
mempoolctl top --once | grep -Eq ' demo_archive .* -  +-  +managed$' || fail "top row"
mempoolctl -j list >/tmp/j.json || fail "list -j"
n=$(jsoncheck 'pools#' </tmp/j.json) || fail "list -j: invalid JSON"
i=0
while [ $i -lt "$n" ]; do
	[ "$(jsoncheck pools.$i.name </tmp/j.json)" = demo_archive ] && break
	i=$((i + 1))
done
[ $i -lt "$n" ] || fail "demo_archive missing from list -j"
p=pools.$i.managed
got=$(jsoncheck pools.$i.kind $p.max_size $p.max_handles $p.budget $p.collector $p.promote_after \
	$p.young_interval $p.old_interval $p.old_sparse_pct $p.segment_size </tmp/j.json | tr '\n' ' ')
[ "$got" = "managed 1024 4096 4194304 true 2 100 1000 50 32768 " ] || fail "list -j: $got"

# ---- a quiet pool: the worker's next collections an hour away ----
out=$(mempoolctl set demo_archive young-interval=3600000 old-interval=3600000) || fail "set intervals"
[ "$out" = "demo_archive: young-interval=3600000 old-interval=3600000" ] || fail "set output: $out"
grep -qx 'young-interval-ms 3600000' $d/config || fail "debugfs config: $(cat $d/config)"
# The collections already queued run once more (within the old 1 s), then wait an hour.
sleep 2

# ---- stats and show match debugfs ----
mempoolctl stats demo_archive >/tmp/stats || fail "stats exited $?"
cat $d/stats >/tmp/dbg
diff /tmp/dbg /tmp/stats || fail "stats differs from debugfs"
[ "$(($(dbg young-live-objects) + $(dbg old-live-objects) + $(dbg permanent-live-objects)))" = 48 ] ||
	fail "48 live objects expected: $(cat /tmp/dbg)"
mempoolctl --bytes show demo_archive >/tmp/show || fail "show exited $?"
cat /tmp/show
grep -Eq '^pool demo_archive \(id [0-9]+, managed pool\)$' /tmp/show || fail "show title"
for want in "  young-interval   3600000 ms" "  old-sparse-pct   50%" "  max-size         1024" \
	"  max-handles      4096" "  budget           4194304" "  collector        worker, every interval" \
	"  stale-refusals   0 (maps and frees of freed or never issued handles)"; do
	grep -qxF -- "$want" /tmp/show || fail "show lacks '$want'"
done
! grep -q '^nodes' /tmp/show || fail "a node matrix for a managed pool"
grep -Eq '^lifetime \([0-9]+ objects freed\)$' /tmp/show || fail "lifetime line"
for g in young old permanent; do
	want=$g
	for f in live-objects live-bytes held-bytes promoted-in promoted-out collections \
		segments-freed moved-objects pinned-skips move-failures; do
		want="$want $(dbg $g-$f)"
	done
	got=$(awk -v g=$g '$1 == g && NF == 11' /tmp/show | tr -s ' ' | sed 's/^ //')
	[ "$got" = "$want" ] || fail "show's $g row '$got', debugfs '$want'"
done
mempoolctl -j show demo_archive >/tmp/j.json || fail "show -j"
got=$(jsoncheck kind managed.generations.old.live_objects managed.generations.permanent.live_bytes \
	managed.held_bytes 'lifetime_hist#' </tmp/j.json | tr '\n' ' ') || fail "show -j: invalid JSON"
held=$(($(dbg young-held-bytes) + $(dbg old-held-bytes) + $(dbg permanent-held-bytes)))
[ "$got" = "managed $(dbg old-live-objects) $(dbg permanent-live-bytes) $held 32 " ] ||
	fail "show -j: $got"
jsoncheck nodes </tmp/j.json >/dev/null 2>&1 && fail "show -j has nodes"
mempoolctl -j stats demo_archive >/tmp/j.json || fail "stats -j"
[ "$(jsoncheck managed.generations.young.collections </tmp/j.json)" = "$(dbg young-collections)" ] ||
	fail "stats -j young collections"
mempoolctl stats demo_archive --watch 0.3 --count 1 >/tmp/watch || fail "stats --watch"
[ "$(grep -c . /tmp/watch)" = 2 ] || fail "--watch: $(cat /tmp/watch)"
awk 'NR == 2 && $1 == 48 { ok = 1 } END { exit !ok }' /tmp/watch || fail "--watch live: $(cat /tmp/watch)"

# ---- collect ----
young=$(dbg young-collections)
out=$(mempoolctl collect demo_archive) || fail "collect exited $?"
echo "$out"
echo "$out" | grep -Eq '^collected young of demo_archive: [0-9]+ promoted to old, [0-9]+ segments? freed, [0-9]+ pinned skipped, [0-9]+ move failures; young now [0-9]+ live \([0-9.]+[KMG]?\) in [0-9.]+[KMG]?$' ||
	fail "collect output"
[ "$(dbg young-collections)" = $((young + 1)) ] || fail "young collections $(dbg young-collections), want $((young + 1))"
old=$(dbg old-collections)
mempoolctl -j collect demo_archive --gen old >/tmp/j.json || fail "collect --gen old exited $?"
cat /tmp/j.json
got=$(jsoncheck name generation collected.collections collected.live_objects collected.held_bytes \
	collected.promoted_out </tmp/j.json | tr '\n' ' ') || fail "collect -j: invalid JSON"
[ "$got" = "demo_archive old 1 $(dbg old-live-objects) $(dbg old-held-bytes) 0 " ] || fail "collect -j: $got"
[ "$(dbg old-collections)" = $((old + 1)) ] || fail "old collections $(dbg old-collections), want $((old + 1))"
mempoolctl collect demo_archive --gen permanent >/dev/null 2>&1
[ $? = 1 ] || fail "--gen permanent: want exit 1"

# ---- set ----
[ "$(mempoolctl set demo_archive promote-after=4)" = "demo_archive: promote-after=4" ] || fail "set promote-after"
mempoolctl show demo_archive | grep -qxF "  promote-after    4 young collections" || fail "show after set"
grep -qx 'promote-after 4' $d/config || fail "debugfs config after set: $(cat $d/config)"
[ "$(mempoolctl -j show demo_archive | jsoncheck managed.promote_after)" = 4 ] || fail "JSON after set"

# ---- warm: in bytes of segments ----
out=$(mempoolctl warm demo_archive --memory 256K) || fail "warm --memory exited $?"
[ "$out" = "demo_archive: 256K of segments ready" ] || fail "warm output: $out"
[ "$(dbg warm-bytes)" = 262144 ] || fail "debugfs warm-bytes $(dbg warm-bytes) after warming 256K"
held=$(($(dbg young-held-bytes) + $(dbg old-held-bytes) + $(dbg permanent-held-bytes)))
[ $held -ge 262144 ] || fail "held $held after warming 256K"
mempoolctl show demo_archive | grep -qxF "  warm             256K (segments kept ready)" ||
	fail "show after warm"
refused "bytes: above the pool's budget or the machine's memory" warm demo_archive --memory 5M
refused 'a managed pool is warmed in bytes*' warm demo_archive 10
refused 'bytes: only a managed pool is warmed in bytes*' warm demo_conn --memory 1M
[ "$(dbg warm-bytes)" = 262144 ] || fail "a refused warm changed the level: $(dbg warm-bytes)"
[ "$(mempoolctl warm demo_archive --memory 0)" = "demo_archive: no warm level" ] || fail "warm --memory 0"
[ "$(dbg warm-bytes)" = 0 ] || fail "warm level $(dbg warm-bytes) after --memory 0"

# ---- refusals ----
refused 'mpool: a managed pool has no slabs or magazines*' shrink demo_archive
refused 'mpool: a managed pool has no slabs or magazines*' reset demo_archive
refused 'mpool: a managed pool has no slabs or magazines*' rebalance demo_archive --from 0 --to 1
refused 'mpool: a managed pool has no slabs or magazines*' resize demo_archive --class 64 --min 1
refused 'a managed pool has no slabs or magazines: only its generation and cold-tier policy can be set' set demo_archive magazine-size=8
refused 'a managed pool has no slabs or magazines: only its generation and cold-tier policy can be set' set demo_archive poison=on
refused 'mpool: only a managed pool is collected*' collect demo_conn
refused 'only a managed pool has a generation or cold-tier policy' set demo_conn promote-after=3
grep -qx 'promote-after 4' $d/config || fail "a refused set changed the policy"

# ---- malformed: exit 1, nothing sent (a pool-set or pool-collect would notify) ----
mempoolctl monitor demo_archive --timeout 60 >/tmp/mon 2>&1 &
mon=$!
sleep 2
for args in "collect demo_archive --gen permanent" "collect demo_archive --gen 1" \
	"collect demo_archive --gen ''" "collect demo_archive demo_conn" \
	"set demo_archive promote-after=0" "set demo_archive promote-after=256" \
	"set demo_archive young-interval=1e99" "set demo_archive old-interval=3600001" \
	"set demo_archive old-sparse-pct=101" "set demo_archive old-sparse-pct=-1" \
	"set demo_archive promote-after=2 magazine-size=8"; do
	eval "mempoolctl $args" >/tmp/out 2>/tmp/err
	rc=$?
	[ "$rc" = 1 ] || { cat /tmp/err; fail "'mempoolctl $args' exited $rc, want 1"; }
	grep -q '^usage: mempoolctl' /tmp/err || fail "'mempoolctl $args': no usage line"
	[ ! -s /tmp/out ] || fail "'mempoolctl $args' printed on stdout"
done
sleep 1
# The control: a valid change is seen.
mempoolctl set demo_archive promote-after=3 >/dev/null || fail "set promote-after=3"
i=0
while ! grep -q . /tmp/mon && [ $i -lt 30 ]; do
	i=$((i + 1))
	sleep 1
done
kill $mon 2>/dev/null
wait $mon
cat /tmp/mon
[ "$(grep -c . /tmp/mon)" = 1 ] && grep -q ' change demo_archive (id [0-9]*): managed pool .* promote-after 3 ' /tmp/mon ||
	fail "want only the valid set's change notification"
restore
grep -qx 'young-interval-ms 100' $d/config && grep -qx 'promote-after 2' $d/config ||
	fail "policy not restored: $(cat $d/config)"
