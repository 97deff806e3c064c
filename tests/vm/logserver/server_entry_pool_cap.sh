#!/bin/sh
# The entry pool at its cap: lines that find no entry are dropped and counted, the
# stored ones stay intact, and the count matches the pool's own capped allocations.
. /tests/lib.sh
. /tests/logserver-lib.sh
server_load entries_max=100 entries_warm=0 hot_lines=1000 retention=1000
# syslog-loadgen passes only if the missing lines are exactly the counted drops.
out=$(syslog-loadgen --lines 500 --senders 2) || fail "$out"
echo "$out"
stored=$(server_stat stored)
[ "$stored" -gt 0 ] && [ "$stored" -le 100 ] || fail "$stored lines stored, want 1 to 100"
case $out in *" present=$stored "*" other_dropped=$((500 - stored)) lost=0 "*) ;; *) fail "want $stored lines read back, the rest dropped" ;; esac
[ "$(server_stat no_entry)" = $((500 - stored)) ] || fail "no_entry $(server_stat no_entry)"
[ "$(server_stat entry_capped)" = $((500 - stored)) ] ||
	fail "the pool counted $(server_stat entry_capped) capped allocations"
capped=$(mempoolctl show logsrv_entry | awk '$1 == "alloc-capped" { print $2 }')
[ "$capped" = $((500 - stored)) ] || fail "mempoolctl shows alloc-capped $capped"
server_unload
