#!/bin/sh
# Tuning kbuf per class and as a whole, against the real kernel, everything put back:
#  - resize kbuf --class 512 --min 8 shows in the class table, then --min 0 restores;
#  - resize kbuf --class 512 --max 4 is refused: 16 buffers of that class are in use
#    (mpool_demo.ko's log lines): EBUSY, the kernel's message, exit 2, nothing changed;
#    a size above the largest class and set's min-objects on a buffer pool too;
#  - set kbuf adaptive=off switches every class off, adaptive=on back on;
#  - warm kbuf 64 --class 4096 readies 64 buffers of 4 KiB on every node (warm kbuf
#    without --class is refused), shrink kbuf gives them back.
. /tests/lib.sh
command -v jsoncheck >/dev/null || fail "jsoncheck is not in the guest"
# json PATH...: values from show -j kbuf, on one line. Called inside $(...), where
# fail would only end the subshell: a failure prints a value no check accepts.
json() {
	if ! mempoolctl -j show kbuf >/tmp/kbuf.json; then
		echo "show -j kbuf failed"
	elif ! jsoncheck "$@" </tmp/kbuf.json >/tmp/kbuf.values; then
		echo "jsoncheck $* failed"
	else
		tr '\n' ' ' </tmp/kbuf.values
	fi
}
restore() {
	mempoolctl resize kbuf --class 512 --min 0 --max none >/dev/null
	mempoolctl set kbuf adaptive=on >/dev/null
}
trap restore EXIT

[ "$(json classes.3.size classes.3.info.min_objects classes.3.info.max_objects classes.3.stats.live)" = "512 0 0 16 " ] ||
	fail "the 512 class does not start as created: $(cat /tmp/kbuf.json)"

# ---- resize ----
out=$(mempoolctl resize kbuf --class 512 --min 8) || fail "resize exited $?"
[ "$out" = "kbuf class 512: min-objects=8" ] || fail "resize output: $out"
mempoolctl show kbuf | awk '$1 == "512" && NF == 10' >/tmp/row
read -r size min max live _ </tmp/row
[ "$size $min $max $live" = "512 8 none 16" ] || fail "after resize --min 8: $(cat /tmp/row)"
[ "$(json classes.3.info.min_objects classes.2.info.min_objects)" = "8 0 " ] || fail "resize changed another class"
mempoolctl resize kbuf --class 512 --min 0 >/dev/null || fail "resize --min 0"
[ "$(json classes.3.info.min_objects)" = "0 " ] || fail "not restored"

refused 'max-objects: below the objects in use' resize kbuf --class 512 --max 4
grep -q '^mempoolctl: class-set: Device or resource busy$' /tmp/err || fail "not EBUSY"
refused 'class-size: above the largest class' resize kbuf --class 4M --min 1
refused 'limits of a buffer pool are per class*' set kbuf min-objects=1
[ "$(json classes.3.info.min_objects classes.3.info.max_objects)" = "0 0 " ] || fail "a refusal changed the class"

# ---- the adaptive controller ----
[ "$(mempoolctl set kbuf adaptive=off)" = "kbuf: adaptive=off" ] || fail "set adaptive=off"
mempoolctl show kbuf | grep -qx '  adaptive         off' || fail "adaptive not off"
[ "$(json info.adaptive classes.0.info.adaptive classes.15.info.adaptive)" = "false false false " ] ||
	fail "every class off"
mempoolctl set kbuf adaptive=on >/dev/null || fail "set adaptive=on"
mempoolctl show kbuf | grep -q '^  adaptive         on, every [0-9]* s' || fail "adaptive not back on"
[ "$(json info.adaptive classes.7.info.adaptive)" = "true true " ] || fail "every class back on"

# ---- warm a class, shrink ----
refused 'mpool: class-size: a buffer pool acts per class: say which' warm kbuf 64
before=$(json classes.6.stats.cached)
out=$(mempoolctl warm kbuf 64 --class 4096) || fail "warm --class exited $?"
[ "$out" = "kbuf class 4096: 64 objects ready" ] || fail "warm output: $out"
nodes=$(ls -d /sys/devices/system/node/node[0-9]* | wc -l)
c=$(json classes.6.size classes.6.stats.cached)
# shellcheck disable=SC2086 # size and count
set -- $c
[ "$1" = 4096 ] && [ "$2" -ge $((64 * nodes)) ] || fail "4096 class after warm: $c (before: $before)"
out=$(mempoolctl shrink kbuf) || fail "shrink exited $?"
echo "$out" | grep -Eq '^kbuf: released [0-9.]+[KMG]?$' || fail "shrink output: $out"
after=$(json classes.6.stats.cached)
[ "${after% }" -lt "$2" ] || fail "shrink left $after cached in the 4096 class"
