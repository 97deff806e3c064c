#!/bin/sh
# `mempoolctl monitor` prints the notifications of the "monitor" group as they come
# (change on warm/set/shrink/reset, del and add when the demo module is reloaded),
# filters by pool, stops after --count events or --timeout, and -j prints one JSON
# document per event.
. /tests/lib.sh
# await FILE N: until FILE has N lines or the monitor ($mon) is gone, at most 30 s.
await() {
	i=0
	while [ "$(grep -c . "$1" 2>/dev/null)" -lt "$2" ] && kill -0 $mon 2>/dev/null && [ $i -lt 60 ]; do
		sleep 0.5
		i=$((i + 1))
	done
}

# A timeout alone: no events, exit 0, about on time.
start=$(date +%s)
mempoolctl monitor demo_frame --timeout 2 >/tmp/mon || fail "--timeout exited $?"
took=$(($(date +%s) - start))
[ "$took" -ge 1 ] && [ "$took" -le 10 ] || fail "--timeout 2 took $took s"
[ ! -s /tmp/mon ] || fail "events from nowhere: $(cat /tmp/mon)"

# Changes, in order, for one pool only.
mempoolctl monitor demo_frame --count 3 --timeout 60 >/tmp/mon 2>&1 &
mon=$!
sleep 2
mempoolctl reset demo_conn >/dev/null	# another pool: filtered out
mempoolctl warm demo_frame 5 >/dev/null || fail "warm"
mempoolctl set demo_frame magazine-size=4 >/dev/null || fail "set"
mempoolctl reset demo_frame >/dev/null || fail "reset"
wait $mon || fail "monitor exited $?"
cat /tmp/mon
[ "$(awk '{ printf "%s %s ", $3, $4 }' /tmp/mon)" = "change demo_frame change demo_frame change demo_frame " ] ||
	fail "want three changes of demo_frame"
grep -q 'magazine-size 4 ' /tmp/mon || fail "the set is not in the notification"
mempoolctl set demo_frame magazine-size=8 >/dev/null

if command -v jsoncheck >/dev/null; then
	mempoolctl -j monitor demo_conn --count 1 --timeout 60 >/tmp/mon &
	mon=$!
	sleep 2
	mempoolctl shrink demo_conn >/dev/null
	wait $mon || fail "JSON monitor exited $?"
	jsoncheck -l event name pool.name pool.info.object_size </tmp/mon >/tmp/picked || { cat /tmp/mon; fail "monitor JSON"; }
	[ "$(tr '\n' ' ' </tmp/picked)" = "change demo_conn demo_conn 256 " ] || fail "JSON event: $(cat /tmp/picked)"
else
	fail "jsoncheck is not in the guest (build tool/tests/jsoncheck, ship it in the initramfs)"
fi

# Removal and creation: reload the demo module (it holds no state the other tests need).
# Its managed pool demo_archive goes and comes too, and with its cold tier (the only
# one) the shared buffer pool of compressed blocks, mpool_cold.
[ -f /lib/mpool/mpool_demo.ko ] || fail "no mpool_demo.ko to reload: the harness packs it"
mempoolctl monitor --count 8 --timeout 60 >/tmp/mon 2>&1 &
mon=$!
sleep 2
rmmod mpool_demo || fail "rmmod mpool_demo"
insmod /lib/mpool/mpool_demo.ko || fail "insmod mpool_demo"
await /tmp/mon 8
kill $mon 2>/dev/null
cat /tmp/mon
for ev in "del demo_conn" "del demo_frame" "del demo_archive" "del mpool_cold" "add demo_conn" \
	"add demo_frame" "add demo_archive" "add mpool_cold"; do
	awk '{ print $3, $4 }' /tmp/mon | grep -qx "$ev" || fail "no '$ev'"
done
grep -Eq ' add +demo_archive \(id [0-9]+\): managed pool max-size 1\.0K max-handles 4096 promote-after 2 young-interval 100 ms old-interval 1000 ms old-sparse-pct 50% live [0-9]+ held [0-9.]+[KMG]?$' /tmp/mon ||
	fail "the add of demo_archive does not describe a managed pool"
mempoolctl list --names | grep -qx demo_conn || fail "demo pools not back"
