#!/bin/bash
# mempoolctl's read commands end to end, on the fake kernel of tool/tests/nl_fake.c
# (mempoolctl linked with a fake transport; object pools demo_conn, demo_frame,
# fake_busy, buffer pools kbuf and fake_wide: tests/host/tool-fake-buffer.sh covers
# those, managed pools demo_archive and fake_archive: tests/host/tool-fake-managed.sh):
# list, show, stats (once and --watch), top, monitor, version, in text and JSON, with
# human units, --bytes and colour only where it belongs. JSON is checked by
# tool/tests/jsoncheck and by Python's parser.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-fake.sh"
unset NO_COLOR
pick() {
	$jc -l "$@" <"$TMP/j"
}

# ---- list ----
"$m" list >"$TMP/list"
cat "$TMP/list"
expect_eq "list header" "$(head -n1 "$TMP/list" | tr -s ' ')" "ID NAME OBJSIZE LIVE CACHED PAGES HIT% EFF% KIND"
expect_eq "list rows" "$(wc -l <"$TMP/list")" 8
expect_eq "demo_frame row" "$(grep demo_frame "$TMP/list" | tr -s ' ')" " 2 demo_frame 1.5K 8 2 4 95.2% 73.2% object"
expect_eq "--bytes" "$("$m" list --bytes | awk '$2 == "demo_frame" { print $3 }')" 1500
expect_eq "--names" "$("$m" list --names | tr '\n' ' ')" "demo_conn demo_frame fake_busy kbuf fake_wide demo_archive fake_archive "
expect_eq "--sort pages" "$("$m" list --sort pages | awk 'NR > 1 { printf "%s ", $2 }')" "fake_wide fake_archive fake_busy kbuf demo_archive demo_frame demo_conn "
expect_eq "--sort name, options first" "$("$m" --bytes list --sort=name | awk 'NR > 1 { printf "%s ", $2 }')" "demo_archive demo_conn demo_frame fake_archive fake_busy fake_wide kbuf "
json list
expect_eq "list pools" "$(pick 'pools#')" 7
expect_eq "list id" "$(pick pools.1.id)" 2
expect_eq "list object_size" "$(pick pools.1.info.object_size)" 1500
expect_eq "list flags" "$(pick pools.1.info.flags)" '["poison","track"]'
expect_eq "list live" "$(pick pools.0.stats.live)" 32
expect_eq "list hist" "$(pick 'pools.1.lifetime_hist#')" 32

# ---- show ----
"$m" show demo_frame >"$TMP/show"
cat "$TMP/show"
for want in "pool demo_frame (id 2, object pool)" "  flags            poison,track" \
	"  object size      1.5K (stride 1.5K)" "  max-objects      1024" \
	"  pages            4 (16K)" "  peak live        12 (2023-11-14 22:13:20)" \
	"  alloc-magazine   40 (95.2%)" "  node 1           7/5  2000/1980" \
	"lifetime (34 objects freed)" "  none: the numbers look healthy" "  adaptive         off" \
	"  last adaptation: none (never)"; do
	grep -qxF -- "$want" "$TMP/show" || fail "show lacks '$want'"
done
grep -qE '^ +8us - 16us +20 #{40}$' "$TMP/show" || fail "no histogram bar"
"$m" show demo_conn | grep -qx 'lifetime (not tracked: the pool lacks the track flag)' ||
	fail "untracked pool's histogram"
"$m" --bytes show demo_frame | grep -qxF "  object size      1500 (stride 1536)" || fail "--bytes in show"
expect_eq "show by id" "$("$m" show id:2 | head -n1)" "pool demo_frame (id 2, object pool)"
"$m" show fake_busy >"$TMP/busy"
for want in "cap hit 5 times: raise max-objects (now 2000)" "reserve dipped 7 times: raise min-objects" \
	"magazine too small: 40% of allocations needed the depot" \
	"efficiency low: 5% of the pages hold live objects: try mempoolctl shrink fake_busy"; do
	grep -qF -- "$want" "$TMP/busy" || fail "fake_busy suggestions lack '$want'"
done
json show fake_busy
expect_eq "show suggestions" "$(pick suggestions.0.id suggestions.1.id suggestions.2.id suggestions.3.id | tr '\n' ' ')" \
	"cap-hit reserve-dipped magazine-too-small efficiency-low "
expect_eq "show nodes" "$(pick 'nodes#')" 4
expect_eq "object pool: no classes, no size histogram" "$(pick classes size_hist 2>/dev/null; echo "rc $?")" "rc 2"
expect_eq "show adaptive" "$(pick info.adaptive info.adapt_interval info.adapt_rebalance info.last_adaptation info.last_adaptation_time | tr '\n' '|')" \
	"true|600|false|grew the magazine size to 16: 120 depot exchanges a second (above 50)|1700000100000000000|"
"$m" show fake_busy | grep -qxF "  adaptive         on, every 600 s, rebalancing off" || fail "fake_busy adaptive line"
"$m" show fake_busy | grep -qxF "  last adaptation: grew the magazine size to 16: 120 depot exchanges a second (above 50) (2023-11-14 22:15:00)" ||
	fail "fake_busy last adaptation line"
expect_eq "show node pair" "$(pick nodes.3.cpu_node nodes.3.object_node nodes.3.allocs nodes.3.frees | tr '\n' ' ')" "1 1 2000 1980 "
json show demo_conn
expect_eq "healthy: no suggestions" "$(pick 'suggestions#')" 0

# ---- stats ----
"$m" stats demo_conn >"$TMP/stats"
# 38 counters and gauges, hit-rate, efficiency, fragmentation.
expect_eq "stats lines" "$(wc -l <"$TMP/stats")" 41
grep -qx 'alloc-magazine 100000' "$TMP/stats" || fail "stats: alloc-magazine"
grep -qx 'live 32' "$TMP/stats" || fail "stats: live"
grep -qx 'efficiency 666666' "$TMP/stats" || fail "stats: efficiency"
expect_eq "stats: the new ones, in order" "$(sed -n '29,41p' "$TMP/stats" | cut -d' ' -f1 | tr '\n' ' ')" \
	"requested-bytes granted-bytes oversize-allocs oversize-frees oversize-live adapt-expansions adapt-shrinks adapt-magazine-grows adapt-magazine-shrinks adapt-rebalances hit-rate efficiency fragmentation "
grep -qx 'requested-bytes 3860400' <("$m" stats kbuf) || fail "stats kbuf: requested-bytes"
grep -qx 'fragmentation 60338' <("$m" stats kbuf) || fail "stats kbuf: fragmentation"
json stats demo_conn
expect_eq "stats json" "$(pick name stats.alloc_depot stats.hit_rate | tr '\n' ' ')" "demo_conn 500 994995 "
# --watch: the fake counts 500 allocations and frees a second on demo_conn.
start=$(date +%s%N)
"$m" stats demo_conn --watch 0.3 --count 3 >"$TMP/watch"
took=$((($(date +%s%N) - start) / 1000000))
cat "$TMP/watch"
[ "$took" -ge 850 ] && [ "$took" -lt 3000 ] || fail "3 samples of 0.3 s took $took ms"
expect_eq "watch lines" "$(wc -l <"$TMP/watch")" 4
awk 'NR > 1 && ($1 < 400 || $1 > 600 || $2 < 400 || $2 > 600 || $3 != "100.0%" || $9 != 32) { bad = 1 }
	END { exit bad }' "$TMP/watch" || fail "watch rates are not ~500/s"
json stats fake_busy -w 0.2 -c 2
expect_eq "watch json lines" "$(wc -l <"$TMP/j")" 2
pick rates.alloc_depot interval | awk 'NR % 2 == 1 && ($1 < 50 || $1 > 150) { bad = 1 }
	NR % 2 == 0 && ($1 < 0.15 || $1 > 0.5) { bad = 1 } END { exit bad }' ||
	fail "watch JSON rates/interval off: $(cat "$TMP/j")"
expect_eq "watch gauges" "$(pick gauges.live | head -n1)" 100

# ---- top ----
"$m" top --once >"$TMP/top"
cat "$TMP/top"
grep -q '^mempoolctl top - 7 pools, 734 live objects, 1.1M in pages, allocs/s -, frees/s -, sorted by pages$' "$TMP/top" ||
	fail "top header"
expect_eq "top order" "$(awk 'NR > 3 && NF { printf "%s ", $2 }' "$TMP/top")" "fake_wide fake_archive fake_busy kbuf demo_archive demo_frame demo_conn "
expect_eq "top kind column" "$(awk 'NR == 3 { print $NF } $2 == "kbuf" { print $NF }' "$TMP/top" | tr '\n' ' ')" "KIND buffer "
! grep -q $'\033' "$TMP/top" || fail "escape sequences in top without a terminal"
"$m" top -n 2 -d 0.3 --sort allocs >"$TMP/top2"
expect_eq "top frames" "$(grep -c '^mempoolctl top' "$TMP/top2")" 2
# Second frame: rates known, demo_conn (500/s) first.
expect_eq "top sorted by rate" "$(awk '/^mempoolctl top/ { f++ } f == 2 && $1 ~ /^[0-9]+$/ { print $2; exit }' "$TMP/top2")" demo_conn
json top --iterations 2 --delay 0.2 --sort allocs
expect_eq "top json frames" "$(wc -l <"$TMP/j")" 2
expect_eq "first frame has no interval" "$(pick interval | head -n1)" null
r=$(pick pools.0.name pools.0.allocs_rate | sed -n 4p)
awk -v r="$r" 'BEGIN { exit !(r > 50) }' || fail "top JSON rate '$r'"

# ---- colour ----
"$m" --color=always list | grep -q $'\033\[1mID' || fail "--color=always gives no colour"
"$m" list --color=always | grep -q $'\033\[1m' || fail "--color=always after the command"
"$m" -j --color=always list >"$TMP/jcolor" || fail "-j --color=always list exited $?"
$jc -l <"$TMP/jcolor" || fail "-j --color=always list: invalid JSON"
! grep -q $'\033' "$TMP/jcolor" || fail "colour in JSON"
script -qec "$m list" /dev/null >"$TMP/tty"
grep -q $'\033\[1mID' "$TMP/tty" || fail "no colour on a terminal"
NO_COLOR=1 script -qec "$m list" /dev/null >"$TMP/tty"
! grep -q $'\033' "$TMP/tty" || fail "colour with NO_COLOR"
script -qec "$m -j list" /dev/null >"$TMP/tty"
! grep -q $'\033' "$TMP/tty" || fail "colour in JSON on a terminal"

# ---- monitor ----
"$m" monitor --count 4 >"$TMP/mon"
cat "$TMP/mon"
expect_eq "monitor events" "$(awk '{ printf "%s %s ", $3, $4 }' "$TMP/mon")" \
	"add fake_tmp change demo_conn limit demo_frame del fake_tmp "
grep -q 'limit  demo_frame (id 2): allocation refused at max-objects 1024$' "$TMP/mon" || fail "limit line"
expect_eq "monitor --count 2" "$("$m" monitor -c 2 | wc -l)" 2
expect_eq "monitor POOL" "$("$m" monitor demo_frame --count 1 | awk '{ print $3 }')" limit
start=$(date +%s%N)
"$m" monitor --timeout 0.3 >"$TMP/mon" || fail "monitor --timeout status"
took=$((($(date +%s%N) - start) / 1000000))
[ "$took" -ge 250 ] && [ "$took" -lt 2000 ] || fail "--timeout 0.3 took $took ms"
expect_eq "events before the timeout" "$(wc -l <"$TMP/mon")" 4
json monitor --count 4
expect_eq "monitor json" "$(pick event | tr '\n' ' ')" "add change limit del "
expect_eq "monitor json pool" "$(pick pool.info.min_objects 2>/dev/null | head -n2 | tr '\n' ' ')" "0 16 "
expect_eq "monitor json limit" "$(pick max_objects 2>/dev/null)" 1024

# ---- version ----
want=$(sed -n 's/^#define MPOOL_VERSION "\(.*\)"/\1/p' kmod/version.h)
expect_eq "version" "$("$m" version | tr '\n' ' ')" "mempoolctl $want mpool.ko fake "
json version
expect_eq "version json" "$(cat "$TMP/j")" "{\"tool\":\"$want\",\"module\":\"fake\"}"
echo "read commands fine"
